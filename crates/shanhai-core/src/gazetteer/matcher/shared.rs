//! Rule 6: a name shared by several regions, resolved by the places named
//! before it and in the document.

use rustc_hash::FxHashMap as HashMap;

use super::{Mention, Resolution};
use crate::gazetteer::{Gazetteer, Level, RegionId};
use crate::text::Analysis;

/// The mentions resolved so far, with the index of the latest mention of
/// each region.
pub(super) struct Before<'a> {
    pub(super) mentions: &'a [Mention],
    pub(super) last_seen: &'a HashMap<RegionId, usize>,
}

/// Rule 6: resolves a name shared by several regions.
pub(super) fn resolve_shared(
    g: &Gazetteer,
    list: &[RegionId],
    before: &Before<'_>,
    sentence: usize,
    paragraph: Option<usize>,
    a: &Analysis,
    doc_count: &HashMap<RegionId, usize>,
) -> (Option<RegionId>, Vec<RegionId>, Resolution) {
    let done = |c: Vec<RegionId>, how| {
        if c.len() == 1 {
            (Some(c[0]), Vec::new(), how)
        } else {
            (None, c, Resolution::Ambiguous)
        }
    };
    // The nearest preceding ancestor in the sentence, then the paragraph:
    // the latest mention of any candidate's ancestor, if it lies in this
    // sentence or paragraph (mentions come in text order, so everything
    // after it does too).
    let nearest = list
        .iter()
        .flat_map(|&c| g.ancestors(c))
        .filter_map(|p| before.last_seen.get(&p).copied())
        .max()
        .and_then(|k| before.mentions.get(k));
    if let Some(m) = nearest {
        let same_sentence = m.sentence == sentence;
        let same_para = a.sentences.get(m.sentence).map(|s| s.paragraph) == paragraph;
        if (same_sentence || same_para)
            && let Some(p) = m.region
        {
            let under: Vec<RegionId> = list
                .iter()
                .copied()
                .filter(|&c| g.is_ancestor(p, c))
                .collect();
            if !under.is_empty() {
                return done(under, Resolution::Parent);
            }
        }
    }
    // Prefectures the document names.
    let mut left: Vec<RegionId> = list.to_vec();
    let by_pref: Vec<RegionId> = left
        .iter()
        .copied()
        .filter(|&c| {
            g.ancestors(c)
                .any(|p| g.region(p).level != Level::Province && doc_count.contains_key(&p))
        })
        .collect();
    if by_pref.len() == 1 {
        return done(by_pref, Resolution::DocumentPrefecture);
    }
    if by_pref.len() > 1 {
        left = by_pref;
    }
    // The provinces the document names most.
    let score = |c: RegionId| doc_count.get(&g.region(c).province).copied().unwrap_or(0);
    let best = left.iter().map(|&c| score(c)).max().unwrap_or(0);
    if best > 0 {
        let top: Vec<RegionId> = left.iter().copied().filter(|&c| score(c) == best).collect();
        if top.len() == 1 {
            return done(top, Resolution::DocumentProvince);
        }
        left = top;
    }
    (None, left, Resolution::Ambiguous)
}
