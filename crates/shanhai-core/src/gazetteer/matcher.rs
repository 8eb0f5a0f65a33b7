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

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use serde::Serialize;

use super::{Gazetteer, Level, NameKind, RegionId};
use crate::text::{Analysis, is_cjk};

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

/// Words after a two-character abbreviation pair that make it a pair word.
const PAIR_SUFFIXES: &[&str] = &[
    "东西部",
    "协作",
    "合作",
    "两省",
    "两市",
    "两地",
    "两区",
    "双方",
    "山海情",
    "联动",
    "扶贫",
    "帮扶",
    "对口",
    "交流",
    "对接",
    "结对",
    "共建",
    "携手",
];

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

/// The mentions resolved so far, with the index of the latest mention of
/// each region.
struct Before<'a> {
    mentions: &'a [Mention],
    last_seen: &'a HashMap<RegionId, usize>,
}

/// Rule 6: resolves a name shared by several regions.
fn resolve_shared(
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

/// Rule 8: two-character abbreviation pairs.
fn add_pair_words(g: &Gazetteer, a: &Analysis, out: &mut Vec<Mention>) {
    let text = a.norm.text.as_str();
    let doc_regions: Vec<RegionId> = {
        let mut v: Vec<RegionId> = out
            .iter()
            .filter(|m| !m.boilerplate)
            .filter_map(|m| m.region)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    // The regions the document names, by the first character of their
    // names, short forms and nicknames (built once, not per character).
    let mut by_first: HashMap<char, Vec<RegionId>> = HashMap::default();
    let mut add_first = |name: &str, r: RegionId| {
        if let Some(c) = name.chars().next() {
            let list = by_first.entry(c).or_default();
            if !list.contains(&r) {
                list.push(r);
            }
        }
    };
    for &r in &doc_regions {
        let reg = g.region(r);
        add_first(&reg.name, r);
        for s in &reg.short_forms {
            add_first(s, r);
        }
    }
    for (n, id) in &g.nicknames {
        if doc_regions.binary_search(id).is_ok() {
            add_first(n, *id);
        }
    }
    // Cities' customary one-character abbreviations, where the document
    // names the city (`assets/gazetteer/city_abbreviations.csv`).
    let city_abbr = |c: char| -> Option<RegionId> {
        let table = city_abbreviations();
        let from = table.partition_point(|(a, _)| *a < c);
        table[from..]
            .iter()
            .take_while(|(a, _)| *a == c)
            .filter_map(|(_, code)| g.by_code(code))
            .find(|r| doc_regions.binary_search(r).is_ok())
    };
    let resolve = |c: char| -> Option<RegionId> {
        if let Some(p) = g.province_by_abbr(c) {
            // 青 in a document about 青岛 and not 青海 is 青岛.
            let named = doc_regions
                .iter()
                .any(|&r| r == p || g.region(r).province == p);
            return match city_abbr(c) {
                Some(city) if !named => Some(city),
                _ => Some(p),
            };
        }
        if let Some(city) = city_abbr(c) {
            return Some(city);
        }
        let hits = by_first.get(&c)?;
        let top = hits.iter().map(|&r| g.region(r).level.depth()).min()?;
        let mut at_top = hits
            .iter()
            .copied()
            .filter(|&r| g.region(r).level.depth() == top);
        match (at_top.next(), at_top.next()) {
            (Some(r), None) => Some(r),
            _ => None,
        }
    };
    // The mentions' ranges sorted by start, with the largest end so far,
    // and the pair words taken in this pass (in text order): overlap tests
    // in O(log n), not O(mentions).
    let mut spans: Vec<(usize, usize)> = out.iter().map(|m| (m.norm.start, m.norm.end)).collect();
    spans.sort_unstable();
    let mut max = 0;
    for s in &mut spans {
        max = max.max(s.1);
        s.1 = max;
    }
    let overlaps_mention = |start: usize, end: usize| {
        let n = spans.partition_point(|&(s, _)| s < end);
        n > 0 && spans[n - 1].1 > start
    };
    // Where a pair word can end: right before a partnership word, or before
    // quotes followed by one (`“滨羚”合作`). One automaton pass finds them,
    // instead of testing the words after every character.
    let Some(suffixes) = pair_suffixes() else {
        return;
    };
    // Leftmost matches (fast, with the automaton's prefilter) miss only the
    // words that start inside another one (帮扶贫: 扶贫): those are tested
    // directly.
    let mut starts = Vec::new();
    for m in suffixes.find_iter(text) {
        starts.push(m.start());
        for (q, _) in text[m.range()].char_indices().skip(1) {
            let q = m.start() + q;
            if PAIR_SUFFIXES.iter().any(|w| text[q..].starts_with(w)) {
                starts.push(q);
            }
        }
    }
    let mut ends: Vec<usize> = starts
        .into_iter()
        .map(|p| text[..p].trim_end_matches(QUOTES).len())
        .collect();
    ends.sort_unstable();
    ends.dedup();
    let mut last_taken: Option<Range<usize>> = None;
    let mut new = Vec::new();
    for end in ends {
        let mut back = text[..end].char_indices().rev();
        let (Some((b1, c1)), Some((b0, c0))) = (back.next(), back.next()) else {
            continue;
        };
        if !is_cjk(c0) || !is_cjk(c1) || c0 == c1 {
            continue;
        }
        // Not part of a longer chain of abbreviations (京津冀).
        if back.next().is_some_and(|(_, c)| is_abbr_like(g, c)) {
            continue;
        }
        if overlaps_mention(b0, end) || last_taken.as_ref().is_some_and(|t| b0 < t.end) {
            continue;
        }
        let (Some(x), Some(y)) = (resolve(c0), resolve(c1)) else {
            continue;
        };
        if x == y || g.is_ancestor(x, y) || g.is_ancestor(y, x) {
            continue;
        }
        let sentence = a.sentence_at(b0).unwrap_or(0);
        for (k, (r, region)) in [(b0..b1, x), (b1..end, y)].into_iter().enumerate() {
            new.push((
                k,
                Mention {
                    region: Some(region),
                    candidates: Vec::new(),
                    orig: a.norm.to_original(r.clone()),
                    surface: text[r.clone()].to_string(),
                    norm: r,
                    resolution: Resolution::PairWord,
                    sentence,
                    boilerplate: a.is_boilerplate(sentence),
                    qualifier: false,
                    pair: None,
                },
            ));
        }
        last_taken = Some(b0..end);
    }
    // Merge in text order and link the two sides of each pair.
    let mut merged: Vec<Mention> = Vec::with_capacity(out.len() + new.len());
    let mut pending = new.into_iter().peekable();
    let old = std::mem::take(out);
    let mut olds = old.into_iter().peekable();
    loop {
        let take_new = match (olds.peek(), pending.peek()) {
            (Some(o), Some((_, n))) => n.norm.start < o.norm.start,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if take_new {
            if let Some((k, mut m)) = pending.next() {
                if k == 1 {
                    let first = merged.len() - 1;
                    m.pair = Some(first);
                    merged[first].pair = Some(merged.len());
                }
                merged.push(m);
            }
        } else if let Some(o) = olds.next() {
            merged.push(o);
        } else {
            break;
        }
    }
    *out = merged;
}

const CITY_ABBREVIATIONS: &str =
    include_str!("../../../../assets/gazetteer/city_abbreviations.csv");

/// The rows of `assets/gazetteer/city_abbreviations.csv`: (character,
/// city code), parsed once.
fn city_abbreviations() -> &'static [(char, &'static str)] {
    static T: std::sync::OnceLock<Vec<(char, &'static str)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<(char, &'static str)> = CITY_ABBREVIATIONS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| {
                let mut cols = l.split(',');
                let c = cols.next()?.trim().chars().next()?;
                Some((c, cols.next()?.trim()))
            })
            .collect();
        // Sorted by character, for a binary search.
        v.sort_unstable();
        v
    })
}

/// An automaton for [`PAIR_SUFFIXES`] (leftmost matches), built once.
fn pair_suffixes() -> Option<&'static aho_corasick::AhoCorasick> {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(PAIR_SUFFIXES)
            .ok()
    })
    .as_ref()
}

fn is_abbr_like(g: &Gazetteer, c: char) -> bool {
    g.province_by_abbr(c).is_some()
}
