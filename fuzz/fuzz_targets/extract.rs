//! Text stage, matcher and pairing patterns on any text: nothing may panic,
//! and every range handed out must lie inside the text it points into.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::pipeline::analyse_text;

fuzz_target!(|data: &[u8]| {
    let Ok(g) = Gazetteer::get() else {
        return;
    };
    let original = String::from_utf8_lossy(data);
    let original = original.as_ref();
    let a = analyse_text(g, 7, original);
    let norm = &a.analysis.norm.text;
    for s in &a.analysis.sentences {
        assert!(norm.get(s.norm.clone()).is_some());
        assert!(original.get(s.orig.clone()).is_some());
    }
    for p in &a.analysis.paragraphs {
        assert!(norm.get(p.norm.clone()).is_some());
        assert!(original.get(p.orig.clone()).is_some());
    }
    for m in &a.mentions {
        assert!(norm.get(m.norm.clone()).is_some());
        assert!(original.get(m.orig.clone()).is_some());
        assert!(m.region.is_some() || m.candidates.len() > 1);
    }
    for p in &a.pairings {
        assert_ne!(p.helper, p.helped);
        assert!((0.0..=1.0).contains(&p.confidence));
        for e in &p.evidence {
            assert_eq!(e.doc, 7);
            assert!(original.get(e.start..e.end).is_some());
            for r in &e.names {
                assert!(original.get(r.clone()).is_some());
            }
        }
    }
    let _ = a.analysis.script();
});
