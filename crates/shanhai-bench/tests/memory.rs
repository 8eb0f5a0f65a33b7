//! A finished load gives its memory back: the app loads a folder the way
//! its worker thread does, drops the result (as a new load or a cancel
//! does) and calls `release_memory`; the process must be back near where
//! it started. Its own test binary, so that no other test allocates in the
//! same process while resident memory is read.

use shanhai_app::loader::{Source, load_blocking};
use shanhai_bench::{current_rss, generate};
use shanhai_core::corpus::NoProgress;
use shanhai_core::gazetteer::Gazetteer;

const MIB: f64 = 1024.0 * 1024.0;

#[test]
fn dropped_loads_give_their_memory_back() {
    let g = Gazetteer::get().expect("the gazetteer loads");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let made = generate(g, dir.path(), 1_000, 7).expect("the corpus is written");
    assert_eq!(made.files.len(), 1_000);
    // Shared tables (converter, automata) are built by a first small load.
    drop(load_blocking(&Source::Sample, &NoProgress).expect("the sample loads"));
    shanhai_core::release_memory();
    let before = current_rss().expect("/proc/self/status is readable") as f64;

    let data = load_blocking(&Source::Folder(dir.path().to_path_buf()), &NoProgress)
        .expect("the folder loads");
    assert_eq!(data.ex.documents.len(), 1_000);
    assert!(!data.ex.pairings.is_empty());
    let loaded = current_rss().expect("readable") as f64;
    drop(data);
    shanhai_core::release_memory();
    let after = current_rss().expect("readable") as f64;

    let grew = loaded - before;
    let kept = after - before;
    println!(
        "before {:.1} MiB, loaded {:.1} MiB, after release {:.1} MiB",
        before / MIB,
        loaded / MIB,
        after / MIB
    );
    assert!(
        grew > 4.0 * MIB,
        "the load should hold some megabytes (grew {:.1} MiB)",
        grew / MIB
    );
    assert!(
        kept < grew / 2.0,
        "after the release the process still holds {:.1} of the {:.1} MiB the load added",
        kept / MIB,
        grew / MIB
    );
}
