//! The matcher: one pass of the name automaton over normalised text, then
//! resolution of each occurrence to one region (or none).
//!
//! Rules, in the order they apply:
//! 1. **Leftmost-longest**: `临夏回族自治州` beats `临夏`, `河北区` beats
//!    `河北`, `滨海新区` beats `新区`.
//! 2. **Guarded forms** (bare short forms that are ordinary words: 合作,
//!    清水 …) count only right after their parent (`甘南合作`).
//! 3. **Nicknames** count only where the document names their city
//!    (`滨城` with 天津 or 滨海).
//! 4. **新区** alone means the `…新区` district the document names in full;
//!    likewise a bare stem (`河北`) in a document that names `河北区` in full
//!    and never names 河北省 means the district.
//! 5. **Not a place**: a name ending in 市 followed by 场 (`合作市场`),
//!    a bare short form followed by 路/街/大道 (a street), are dropped;
//!    (5b) a bare short form of a county (`海林` in the
//!    person name 杨海林, `克山` in 雅玛里克山) counts only in a document that
//!    names its province or another place of that province in full.
//! 6. **Shared names** (市中区 ×4, 朝阳 ×4) are resolved by the nearest
//!    preceding ancestor in the same sentence, then paragraph, then by the
//!    prefectures and provinces the document names unambiguously; if still
//!    open, the mention is kept as ambiguous, never guessed.
//! 7. **Hierarchy phrases** (`甘肃省甘南州合作市`, `内蒙古自治区的兴安盟`):
//!    every mention directly followed (or after 的) by a mention of its
//!    descendant is a *qualifier*, so later
//!    stages see one place.
//! 8. **Pair words** (`津甘`, `鲁甘`, `滨羚`, `濟臨`): two abbreviation
//!    characters followed by a partnership word (协作, 合作, 两省, 山海情 …),
//!    not part of a longer chain (`京津冀`). A character is a province
//!    abbreviation, or the first character of a region (or nickname) the
//!    document names.
//! 9. Mentions in boilerplate are kept but flagged.
//!
//! Rule 6 is in [`shared`], rule 8 in [`pair_words`]; the rest is here.

mod pair_words;
mod shared;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use serde::Serialize;

use super::{Gazetteer, Level, NameKind, RegionId};
use crate::text::Analysis;
use pair_words::add_pair_words;
use shared::{Before, resolve_shared};

/// How a mention was resolved to its region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The name belongs to one region.
    Unique,
    /// A preceding ancestor in the same sentence or paragraph decided.
    Parent,
    /// A prefecture the document names decided.
    DocumentPrefecture,
    /// The provinces the document names decided.
    DocumentProvince,
    /// A nickname whose city the document names.
    Nickname,
    /// A bare 新区 for the district the document names.
    ContextAlias,
    /// A guarded short form right after its parent.
    Guarded,
    /// A bare stem of a region the document names in full (河北 in a
    /// document about 河北区), whose other owner the document never names.
    Stem,
    /// One side of a pair word (津甘).
    PairWord,
    /// Not resolved: several regions remain.
    Ambiguous,
}

/// One occurrence of a region name.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    /// The region, or `None` when ambiguous.
    pub region: Option<RegionId>,
    /// The remaining candidates when ambiguous.
    pub candidates: Vec<RegionId>,
    /// Byte range in the normalised text.
    pub norm: Range<usize>,
    /// Byte range in the original text.
    pub orig: Range<usize>,
    /// The text matched (normalised).
    pub surface: String,
    /// How it was resolved.
    pub resolution: Resolution,
    /// Index of the sentence it lies in.
    pub sentence: usize,
    /// It lies in boilerplate (navigation, footer, headlines, caption).
    pub boilerplate: bool,
    /// It qualifies the next mention (甘肃省 in 甘肃省甘南州合作市).
    pub qualifier: bool,
    /// For pair words: the index of the other side's mention.
    pub pair: Option<usize>,
}

/// True when a surface form ends in an administrative suffix (清水县,
/// 甘南州), as opposed to a bare two-character form (清水, 克山).
fn has_suffix(surface: &str) -> bool {
    surface.ends_with(['县', '市', '区', '州', '旗', '盟', '师'])
}

/// Suffixes stripped to find a region's stem (rule 4b).
const SUFFIXES: &[&str] = &["新区", "地区", "区", "县", "市", "州", "旗", "盟"];

const QUOTES: &[char] = &['“', '”', '"', '「', '」', '‘', '’', '\''];

struct Raw {
    norm: Range<usize>,
    pattern: usize,
}

/// True when every name of a pattern is a county's bare form (no
/// suffix): `确山` of 确山县, `清水` of 清水县.
fn bare_county_form(g: &Gazetteer, raw: &Raw, surface: &str) -> bool {
    !has_suffix(surface)
        && g.entries[raw.pattern].iter().all(|n| {
            matches!(n.kind, NameKind::Short | NameKind::Guarded)
                && g.region(n.region).level == Level::County
        })
}

/// A better name starting inside a county's bare form and running past
/// its end (rule 1b): `明确山东省` is 山东省, not 确山 (确山县) and `东省`.
/// The later name wins when it has a suffix or is an official name, or is
/// a province's or prefecture's short form.
fn overlapping_better(g: &Gazetteer, text: &str, raw: &Raw) -> Option<Raw> {
    let first = text[raw.norm.clone()].chars().next()?;
    let from = raw.norm.start + first.len_utf8();
    // A name starting inside the form and running past it needs its first
    // two characters among the names' (nearly always it is not there).
    let inner: Vec<char> = text[from..raw.norm.end].chars().collect();
    let next = text[raw.norm.end..].chars().next()?;
    let possible = inner.iter().enumerate().any(|(k, &c)| {
        let second = inner.get(k + 1).copied().unwrap_or(next);
        g.starts.binary_search(&(c, second)).is_ok()
    });
    if !possible {
        return None;
    }
    let window_end = (raw.norm.end + 30).min(text.len());
    let mut window_end = window_end;
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let m = g
        .automaton
        .leftmost_find_iter(&text[from..window_end])
        .next()?;
    let cand = Raw {
        norm: from + m.start()..from + m.end(),
        pattern: m.value() as usize,
    };
    if cand.norm.start >= raw.norm.end || cand.norm.end <= raw.norm.end {
        return None;
    }
    let surface = &text[cand.norm.clone()];
    let better = g.entries[cand.pattern].iter().any(|n| {
        n.kind == NameKind::Official
            || (matches!(n.kind, NameKind::Short | NameKind::Former)
                && (has_suffix(surface) || g.region(n.region).level != Level::County))
    });
    better.then_some(cand)
}

/// See the module documentation.
pub fn find(g: &Gazetteer, a: &Analysis) -> Vec<Mention> {
    let text = a.norm.text.as_str();
    let mut raws: Vec<Raw> = Vec::new();
    for m in g.automaton.leftmost_find_iter(text) {
        let raw = Raw {
            norm: m.start()..m.end(),
            pattern: m.value() as usize,
        };
        // A name that a better one replaced runs into this one.
        if raws.last().is_some_and(|r| r.norm.end > raw.norm.start) {
            continue;
        }
        let surface = &text[raw.norm.clone()];
        let raw = if bare_county_form(g, &raw, surface) {
            overlapping_better(g, text, &raw).unwrap_or(raw)
        } else {
            raw
        };
        raws.push(raw);
    }

    // Regions the document names in full (for 新区) and nickname contexts.
    let named_in_full: HashSet<RegionId> = raws
        .iter()
        .flat_map(|r| g.entries[r.pattern].iter())
        .filter(|n| n.kind == NameKind::Official)
        .map(|n| n.region)
        .collect();

    // Regions the document names, with the surfaces it uses for them:
    // sorted (region, surface) pairs, one allocation per document.
    let mut named_as: Vec<(RegionId, &str)> = Vec::with_capacity(raws.len());
    for r in &raws {
        for n in &g.entries[r.pattern] {
            if matches!(
                n.kind,
                NameKind::Official | NameKind::Short | NameKind::Former
            ) {
                named_as.push((n.region, &text[r.norm.clone()]));
            }
        }
    }
    named_as.sort_unstable();
    named_as.dedup();
    let forms_of = |region: RegionId| {
        let from = named_as.partition_point(|&(r, _)| r < region);
        let to = named_as.partition_point(|&(r, _)| r <= region);
        named_as[from..to].iter().map(|&(_, f)| f)
    };
    // Official names of regions named in full, without their suffix
    // (河北区 → 河北): in such a document a bare 河北 is the district.
    let mut shortened: HashMap<&str, Vec<RegionId>> = HashMap::default();
    for &q in &named_in_full {
        let name = g.region(q).name.as_str();
        if let Some(stem) = SUFFIXES.iter().find_map(|s| name.strip_suffix(s))
            && stem.chars().count() >= 2
        {
            shortened.entry(stem).or_default().push(q);
        }
    }

    // Provinces the document anchors: named directly, or through a place
    // named with its full name or a suffixed form (rule 5b).
    let mut anchored: HashSet<RegionId> = HashSet::default();
    for r in &raws {
        let surface = &text[r.norm.clone()];
        for n in &g.entries[r.pattern] {
            let reg = g.region(n.region);
            let strong = match n.kind {
                NameKind::Official | NameKind::Former => true,
                NameKind::Short => reg.level == Level::Province || has_suffix(surface),
                _ => false,
            };
            if strong {
                anchored.insert(reg.province);
            }
        }
    }

    // Whether a nickname's context word occurs in the text (each looked
    // up once per document, not once per occurrence).
    let mut in_text: HashMap<&str, bool> = HashMap::default();
    // First pass: candidates after the context-free filters.
    let mut cands: Vec<(Vec<RegionId>, Resolution)> = Vec::with_capacity(raws.len());
    for r in &raws {
        let mut list = Vec::new();
        let mut how = Resolution::Unique;
        let next_char = text[r.norm.end..].chars().next();
        let surface = &text[r.norm.clone()];
        for n in &g.entries[r.pattern] {
            let region = g.region(n.region);
            let ok = match &n.kind {
                NameKind::Official | NameKind::Former => {
                    !(surface.ends_with('市') && next_char == Some('场'))
                }
                NameKind::Short => {
                    !matches!(next_char, Some('路' | '街' | '巷'))
                        && !text[r.norm.end..].starts_with("大道")
                        && (region.level != Level::County
                            || has_suffix(surface)
                            || anchored.contains(&region.province))
                }
                NameKind::Guarded => false, // decided below, with the parent
                NameKind::Nickname(ctx) => {
                    let ok = ctx.is_empty()
                        || ctx.iter().any(|c| {
                            *in_text
                                .entry(c.as_str())
                                .or_insert_with(|| text.contains(c.as_str()))
                        });
                    if ok {
                        how = Resolution::Nickname;
                    }
                    ok
                }
                NameKind::ContextAlias => {
                    let ok = named_in_full.contains(&n.region);
                    if ok {
                        how = Resolution::ContextAlias;
                    }
                    ok
                }
            };
            if ok && !list.contains(&n.region) {
                list.push(n.region);
            }
        }
        // Rule 4b: a bare form whose owner the document never names
        // otherwise, while it names a region whose stem it is.
        if let Some(qs) = shortened.get(surface)
            && qs.len() == 1
            && !list.is_empty()
            && !list.contains(&qs[0])
            && list.iter().all(|&o| forms_of(o).all(|f| f == surface))
        {
            list = vec![qs[0]];
            how = Resolution::Stem;
        }
        cands.push((list, how));
    }

    // Guarded forms: accepted right after a mention of an ancestor.
    for i in 0..raws.len() {
        let guarded: Vec<RegionId> = g.entries[raws[i].pattern]
            .iter()
            .filter(|n| n.kind == NameKind::Guarded)
            .map(|n| n.region)
            .collect();
        if guarded.is_empty() || i == 0 || raws[i - 1].norm.end != raws[i].norm.start {
            continue;
        }
        let prev = cands[i - 1].0.clone();
        let ok: Vec<RegionId> = guarded
            .into_iter()
            .filter(|&c| prev.iter().any(|&p| g.is_ancestor(p, c)))
            .collect();
        if !ok.is_empty() && cands[i].0.is_empty() {
            cands[i] = (ok, Resolution::Guarded);
        }
    }

    // Document context: regions named unambiguously, with their ancestors.
    let mut doc_count: HashMap<RegionId, usize> = HashMap::default();
    for (list, _) in &cands {
        if let [only] = list.as_slice() {
            for r in std::iter::once(*only).chain(g.ancestors(*only)) {
                *doc_count.entry(r).or_default() += 1;
            }
            *doc_count.entry(g.region(*only).province).or_default() += 0;
        }
    }

    let mut out: Vec<Mention> = Vec::with_capacity(raws.len());
    // The latest mention of each region so far (rule 6 looks back for an
    // ancestor without scanning: a page-long paragraph stays linear).
    let mut last_seen: HashMap<RegionId, usize> = HashMap::default();
    for (r, (list, how)) in raws.iter().zip(cands) {
        if list.is_empty() {
            continue;
        }
        let sentence = a.sentence_at(r.norm.start).unwrap_or(0);
        let paragraph = a.sentences.get(sentence).map(|s| s.paragraph);
        let (region, candidates, resolution) = if list.len() == 1 {
            (Some(list[0]), Vec::new(), how)
        } else {
            let before = Before {
                mentions: &out,
                last_seen: &last_seen,
            };
            resolve_shared(g, &list, &before, sentence, paragraph, a, &doc_count)
        };
        out.push(Mention {
            region,
            candidates,
            orig: a.norm.to_original(r.norm.clone()),
            surface: text[r.norm.clone()].to_string(),
            norm: r.norm.clone(),
            resolution,
            sentence,
            boilerplate: a.is_boilerplate(sentence),
            qualifier: false,
            pair: None,
        });
        if let Some(r) = region {
            last_seen.insert(r, out.len() - 1);
        }
    }

    // Hierarchy phrases.
    for i in 1..out.len() {
        let gap = text
            .get(out[i - 1].norm.end..out[i].norm.start)
            .unwrap_or("-");
        if (gap.is_empty() || gap == "的")
            && let (Some(p), Some(c)) = (out[i - 1].region, out[i].region)
            && g.is_ancestor(p, c)
        {
            out[i - 1].qualifier = true;
        }
    }

    add_pair_words(g, a, &mut out);
    out
}
