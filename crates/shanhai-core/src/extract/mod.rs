//! `extract`: from region mentions to pairings (who supports whom), with
//! relation, direction, confidence and evidence.
//!
//! The rules are a small set of named patterns over the places a sentence
//! mentions (see [`patterns`], [`places`] and, for tables turned into
//! text, [`tables`]), each with an example
//! sentence; their words are data (`assets/extract/cues.txt`, read by
//! [`keywords`]). Every candidate pair goes through one decision: the
//! official lists ([`crate::reference`], embedded) give the direction of
//! an official pair at its level or through descendants; otherwise the
//! sentence's verb; otherwise the rank of the two sides
//! (`assets/extract/sides.csv`: east helps middle helps west). Two places
//! of one rank that neither an official list nor a verb joins are not a
//! pairing. No file I/O happens here.

pub mod keywords;
mod patterns;
mod places;
mod tables;

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

pub use keywords::{Relation, Side};
pub use patterns::Pattern;

use crate::gazetteer::{Gazetteer, Mention, RegionId};
use crate::reference::Reference;
use crate::text::{Analysis, strip_annotations};

/// One sentence that states or implies a pairing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Document id.
    pub doc: u32,
    /// Byte offset of the sentence in the document's original text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The sentence in its original script, without glued pinyin. Shared:
    /// the network and the extraction hold the same passage once.
    pub text: Arc<str>,
    /// The pattern that found it.
    pub pattern: Pattern,
    /// Byte ranges (in the original text) of the two names.
    pub names: Vec<Range<usize>>,
}

/// A pairing found in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pairing {
    /// The supporting side.
    pub helper: RegionId,
    /// The supported side.
    pub helped: RegionId,
    /// The scheme.
    pub relation: Relation,
    /// 0–1: how sure the rules are.
    pub confidence: f32,
    /// The sentences, in document order.
    pub evidence: Vec<Evidence>,
}

/// Finds the pairings one document states.
///
/// `original` is the document's original text, `analysis` its text stage
/// and `mentions` what the gazetteer found in it.
///
/// # Complexity
/// O(s · p²) for s sentences with p places each (p is small).
pub fn extract_document(
    g: &Gazetteer,
    doc: u32,
    original: &str,
    analysis: &Analysis,
    mentions: &[Mention],
) -> Vec<Pairing> {
    let found = patterns::find_all(g, Reference::embedded(g), analysis, mentions);
    let mut by_key: HashMap<(RegionId, RegionId, Relation), Pairing> = HashMap::default();
    for f in found {
        let Some(s) = analysis.sentences.get(f.sentence) else {
            continue;
        };
        let ev = Evidence {
            doc,
            start: s.orig.start,
            end: s.orig.end,
            text: strip_annotations(original.get(s.orig.clone()).unwrap_or("")).into(),
            pattern: f.pattern,
            names: f.names,
        };
        let p = by_key
            .entry((f.helper, f.helped, f.relation))
            .or_insert_with(|| Pairing {
                helper: f.helper,
                helped: f.helped,
                relation: f.relation,
                confidence: 0.0,
                evidence: Vec::new(),
            });
        // A sentence the article repeats elsewhere (a caption under two
        // photos) states the pairing once: no second passage, no more
        // confidence.
        if p.evidence
            .iter()
            .any(|e| e.start != ev.start && e.text == ev.text)
        {
            continue;
        }
        // Independent pieces of evidence add up.
        p.confidence = 1.0 - (1.0 - p.confidence) * (1.0 - f.confidence);
        if !p.evidence.iter().any(|e| e.start == ev.start) {
            p.evidence.push(ev);
        }
    }
    let mut out: Vec<Pairing> = by_key.into_values().collect();
    for p in &mut out {
        p.evidence.sort_by_key(|e| e.start);
        p.confidence = (p.confidence * 100.0).round() / 100.0;
    }
    out.sort_by_key(|p| (p.helper, p.helped, p.relation));
    out
}
