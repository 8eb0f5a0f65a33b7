//! With the `opencc-cpp` feature: the C++ library (the system's libopencc)
//! and ferrous-opencc give the same text on the seed articles, for every
//! conversion Shanhai uses. `scripts/test.sh` runs the whole core suite
//! with the feature too (`cargo test -p shanhai-core --features
//! opencc-cpp`), so the seeds' pairings are checked with the C++ backend
//! as well; without the feature this file has no tests.
#![cfg(feature = "opencc-cpp")]

use shanhai_core::text::opencc::{BACKEND, Config, Converter, CppEngine, RustEngine};

fn seeds() -> Vec<String> {
    let c = shanhai_core::corpus::sample();
    assert_eq!(c.documents.len(), 5, "the five seed articles");
    c.documents.into_iter().map(|d| d.text).collect()
}

#[test]
fn both_backends_convert_the_seeds_alike() {
    assert!(BACKEND.contains("C++"));
    let texts = seeds();
    for config in [Config::Tw2s, Config::Hk2s, Config::S2t] {
        let rust = RustEngine::open(config).expect("ferrous-opencc has the config");
        let cpp = CppEngine::open(config).expect("libopencc has the config");
        for (i, text) in texts.iter().enumerate() {
            // Each seed both as written and in the other script, so both
            // directions see characters they change.
            let other = rust.convert(text);
            for input in [text, &other] {
                assert_eq!(
                    cpp.convert(input),
                    rust.convert(input),
                    "{config:?} differs on seed {i}"
                );
            }
        }
    }
    // NUL characters do not stop the C++ backend.
    let cpp = CppEngine::open(Config::Tw2s).expect("libopencc has tw2s");
    assert_eq!(cpp.convert("縣\0團"), "县\0团");
}

#[test]
fn the_converter_uses_the_cpp_library() {
    let c = Converter::get();
    assert_eq!(c.to_simplified("積石山縣"), "积石山县");
    assert_eq!(c.to_traditional("河北区"), "河北區");
}
