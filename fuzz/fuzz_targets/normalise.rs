//! Normalisation: any text. Nothing may panic, and the offset map must
//! hold: normalised offsets strictly increasing on character boundaries,
//! original ranges in bounds, on character boundaries, in order and not
//! overlapping; `to_original` of any range stays inside the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanhai_core::text::{normalise, strip_annotations};

fuzz_target!(|data: &[u8]| {
    let original = String::from_utf8_lossy(data);
    let original = original.as_ref();
    let n = normalise(original);
    let mut count = 0;
    let mut prev_norm: Option<usize> = None;
    let mut prev_end = 0usize;
    for (at, orig) in n.char_map() {
        count += 1;
        assert!(at < n.text.len(), "normalised offset {at} out of bounds");
        assert!(n.text.is_char_boundary(at));
        if let Some(p) = prev_norm {
            assert!(at > p, "normalised offsets not increasing");
        } else {
            assert_eq!(at, 0);
        }
        prev_norm = Some(at);
        assert!(orig.start < orig.end, "empty original range {orig:?}");
        assert!(
            orig.end <= original.len(),
            "original range {orig:?} out of bounds"
        );
        assert!(original.is_char_boundary(orig.start));
        assert!(original.is_char_boundary(orig.end));
        assert!(orig.start >= prev_end, "original ranges overlap or go back");
        prev_end = orig.end;
    }
    assert_eq!(count, n.text.chars().count());
    assert_eq!(count, n.char_len());
    let whole = n.to_original(0..n.text.len());
    assert!(whole.start <= whole.end && whole.end <= original.len());
    // Any byte range, even off character boundaries, maps into bounds.
    if n.text.len() > 1 {
        let a = data.first().map_or(0, |&b| b as usize) % n.text.len();
        let b = data.last().map_or(0, |&b| b as usize * 7) % (n.text.len() + 1);
        for r in [a..b, b..a, a..a] {
            let o = n.to_original(r);
            assert!(o.start <= o.end && o.end <= original.len());
            assert!(original.is_char_boundary(o.start) && original.is_char_boundary(o.end));
        }
    }
    let stripped = strip_annotations(original);
    assert!(stripped.len() <= original.len());
});
