//! Rule 8: pair words of two abbreviations (`津甘协作`, `鲁甘两省`, `滨羚`).

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::{Mention, QUOTES, Resolution};
use crate::gazetteer::{Gazetteer, RegionId};
use crate::text::{Analysis, is_cjk};

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

/// Rule 8: two-character abbreviation pairs.
pub(super) fn add_pair_words(g: &Gazetteer, a: &Analysis, out: &mut Vec<Mention>) {
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
    include_str!("../../../../../assets/gazetteer/city_abbreviations.csv");

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
