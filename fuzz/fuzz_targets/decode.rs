//! Decoding: any bytes, as a plain-text file and as an HTML file. Nothing
//! may panic; what comes out must be consistent.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use shanhai_core::corpus::{decode, document_from_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = decode(data) {
        assert!(d.replacements <= d.text.chars().count());
        assert!(!d.text.starts_with('\u{feff}') || !data.starts_with(b"\xef\xbb\xbf"));
    }
    for name in ["a.txt", "a.html"] {
        if let Ok(doc) = document_from_bytes(0, PathBuf::from(name), data) {
            assert!(!doc.text.trim().is_empty());
            assert_eq!(doc.size, data.len() as u64);
            if name == "a.txt" && !doc.text.contains('<') {
                assert!(!doc.text.contains('\r'));
            }
        }
    }
});
