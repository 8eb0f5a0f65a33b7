//! The places of a sentence: what the patterns read.
//!
//! A sentence is reduced to its *places*, in order:
//! - resolved region mentions that are not qualifiers of the next one
//!   (`甘肃省甘南州合作市` is one place, 合作市, starting at 甘肃省);
//! - one-character province abbreviations right after a visit or aid verb
//!   (`来津`, `援甘`, `援疆`) or right before a support verb at the start of
//!   a clause (`鲁助子市，苏助丑市`);
//! - `我省`, `我市`, `我州`, `我县`, `我区` for the region whose media the
//!   article comes from, when it names one (`…日报`, `…融媒体中心`);
//! - a Corps division's merged city (师市合一) as the division where the
//!   text says so (`一师阿拉尔市`) or the document speaks of the Corps.

use std::ops::Range;

use crate::gazetteer::{Gazetteer, Level, Mention, RegionId};
use crate::text::Analysis;

/// One place of a sentence.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub region: RegionId,
    /// Start of the whole hierarchy phrase (including qualifiers), in the
    /// normalised text.
    pub start: usize,
    /// End of the name.
    pub end: usize,
    /// Original byte range of the name.
    pub orig: Range<usize>,
    /// Index of the other side for pair-word places.
    pub pair: Option<usize>,
    /// A one-character abbreviation (来津, 援疆, 鲁助).
    pub abbr: bool,
    /// `我省`, `我市` …: the article's own region.
    pub home: bool,
}

/// Verbs after which a one-character province abbreviation names a place.
const ABBR_AFTER: &[&str] = &["援", "来", "赴", "到", "在", "抵"];
/// Verbs before which a one-character abbreviation at the start of a
/// clause names a place (`鲁助黄冈`, `苏援子县`).
const ABBR_BEFORE: &[&str] = &["助", "援", "帮", "包", "支援", "对口"];
/// Characters that start a clause.
const CLAUSE_START: &[char] = &['，', ',', '、', '；', ';', '：', ':', '。'];
/// Words after a region name that make it the name of a media outlet or
/// a government site: the article's own region.
const MEDIA: &[&str] = &[
    "日报",
    "晚报",
    "都市报",
    "融媒体中心",
    "融媒",
    "广播电视台",
    "电视台",
    "新闻网",
    "人民政府网",
    "政府网",
    "发布",
];

/// The cities merged with the Corps' divisions (师市合一):
/// `assets/extract/division_cities.csv`.
const DIVISION_CITIES: &str = include_str!("../../../../assets/extract/division_cities.csv");

/// The division merged with a city, if any.
pub(super) fn division_of_city(g: &Gazetteer, city: RegionId) -> Option<RegionId> {
    static TABLE: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
        std::sync::LazyLock::new(|| {
            DIVISION_CITIES
                .lines()
                .filter(|l| !l.starts_with('#'))
                .skip(1)
                .filter_map(|l| {
                    let mut cols = l.split(',');
                    Some((cols.next()?.trim(), cols.next()?.trim()))
                })
                .collect()
        });
    let code = g.region(city).code.as_str();
    // The merged cities are the county-level cities 6590xx of Xinjiang.
    if !code.starts_with("6590") {
        return None;
    }
    TABLE
        .iter()
        .find(|(_, c)| *c == code)
        .and_then(|(d, _)| g.by_code(d))
}

/// The article's own region: the region named in front of a media or
/// government-site name (`某市日报`, `某县融媒体中心`), when all such names
/// agree (the finest one when they are nested).
pub(super) fn home_region(g: &Gazetteer, text: &str, mentions: &[Mention]) -> Option<RegionId> {
    let mut found: Option<RegionId> = None;
    for m in mentions {
        let Some(r) = m.region else { continue };
        let after = text.get(m.norm.end..).unwrap_or("");
        if !MEDIA.iter().any(|w| after.starts_with(w)) {
            continue;
        }
        found = match found {
            None => Some(r),
            Some(f) if f == r || g.is_ancestor(r, f) => Some(f),
            Some(f) if g.is_ancestor(f, r) => Some(r),
            Some(_) => return None,
        };
    }
    found
}

/// The region `我省`, `我市` … names, from the article's own region.
fn home_at(g: &Gazetteer, home: RegionId, word: &str) -> Option<RegionId> {
    let up = || std::iter::once(home).chain(g.ancestors(home));
    match word {
        "我省" => Some(g.region(home).province),
        "我市" | "我州" | "我盟" => up().find(|&r| g.region(r).level == Level::Prefecture),
        "我县" | "我旗" => Some(home).filter(|&r| g.region(r).level == Level::County),
        "我区" => up().find(|&r| {
            let reg = g.region(r);
            reg.name.ends_with('区') && matches!(reg.level, Level::County | Level::Province)
        }),
        _ => None,
    }
}

/// Everything [`places`] needs besides the sentence.
pub(super) struct Sources<'a> {
    pub g: &'a Gazetteer,
    pub a: &'a Analysis,
    pub mentions: &'a [Mention],
    /// All mentions' normalised ranges, for overlap tests.
    pub spans: &'a Spans,
    /// The article's own region ([`home_region`]).
    pub home: Option<RegionId>,
    /// The document speaks of the Corps: merged cities are divisions.
    pub corps: bool,
}

/// The places of one sentence (`idx`: the indices of its mentions, in
/// order; `range`: its normalised byte range). With `boilerplate`, mentions
/// in boilerplate count too (table rows under a heading).
pub(super) fn places(
    s: &Sources<'_>,
    idx: &[usize],
    range: Range<usize>,
    boilerplate: bool,
) -> Vec<Place> {
    let (g, a) = (s.g, s.a);
    let text = a.norm.text.as_str();
    let mut out: Vec<Place> = Vec::new();
    let mut phrase_start: Option<usize> = None;
    let mut pair_map: Vec<(usize, usize)> = Vec::new(); // mention idx -> place idx
    for &i in idx {
        let m = &s.mentions[i];
        if m.boilerplate && !boilerplate {
            continue;
        }
        let Some(mut region) = m.region else {
            phrase_start = None;
            continue;
        };
        if m.qualifier {
            phrase_start.get_or_insert(m.norm.start);
            continue;
        }
        if let Some(d) = division_of_city(g, region)
            && (s.corps || text[..m.norm.start].ends_with('师'))
        {
            region = d;
        }
        let start = phrase_start.take().unwrap_or(m.norm.start);
        // `第一师阿拉尔市`: the division and its city are one place.
        if let Some(last) = out.last_mut()
            && last.region == region
            && last.end == start
            && m.pair.is_none()
        {
            last.end = m.norm.end;
            continue;
        }
        pair_map.push((i, out.len()));
        out.push(Place {
            region,
            start,
            end: m.norm.end,
            orig: m.orig.clone(),
            pair: m.pair,
            abbr: false,
            home: false,
        });
    }
    // Pair-word links, from mention indices to place indices.
    for p in &mut out {
        if let Some(other) = p.pair {
            p.pair = pair_map.iter().find(|(mi, _)| *mi == other).map(|x| x.1);
        }
    }
    let sentence = &text[range.clone()];
    let mut extra: Vec<Place> = Vec::new();
    // One-character abbreviations after a visit or aid verb, or before a
    // support verb at the start of a clause.
    for (off, c, region) in g.abbreviations(sentence) {
        let at = range.start + off;
        let end = at + c.len_utf8();
        let before = &text[range.start..at];
        let after = &text[end..range.end];
        let after_verb = ABBR_AFTER.iter().any(|v| before.ends_with(v));
        let clause_start = before.is_empty() || before.ends_with(CLAUSE_START);
        let before_verb = clause_start && ABBR_BEFORE.iter().any(|v| after.starts_with(v));
        if !after_verb && !before_verb {
            continue;
        }
        if out.iter().any(|p| p.start < end && at < p.end) || s.spans.overlaps(at, end) {
            continue;
        }
        extra.push(word_place(a, region, at..end, true));
    }
    // 我省, 我市 …
    if let Some(home) = s.home {
        let mut from = 0;
        while let Some(off) = sentence[from..].find('我') {
            let at = range.start + from + off;
            let word = text.get(at..at + 6).unwrap_or("");
            from += off + '我'.len_utf8();
            let Some(region) = home_at(g, home, word) else {
                continue;
            };
            let end = at + word.len();
            if out.iter().any(|p| p.start < end && at < p.end) {
                continue;
            }
            extra.push(word_place(a, region, at..end, false));
        }
    }
    // `我省子州`: 我省 qualifies the place right after it.
    extra.retain(|p| {
        !p.home
            || !out
                .iter()
                .any(|q| q.start == p.end && g.is_ancestor(p.region, q.region))
    });
    for p in extra {
        let pos = out.partition_point(|q| q.start < p.start);
        out.insert(pos, p);
        for q in &mut out {
            if let Some(k) = q.pair.as_mut()
                && *k >= pos
                && !q.abbr
                && !q.home
            {
                *k += 1;
            }
        }
    }
    out
}

/// A place named by a word that is not a mention: a one-character
/// abbreviation (`abbr`) or `我省`/`我市` (the article's own region).
fn word_place(a: &Analysis, region: RegionId, span: Range<usize>, abbr: bool) -> Place {
    Place {
        region,
        start: span.start,
        end: span.end,
        orig: a.norm.to_original(span),
        pair: None,
        abbr,
        home: !abbr,
    }
}

/// The normalised ranges of all mentions, for overlap tests in O(log n):
/// sorted by start, with the largest end so far.
pub(super) struct Spans {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Spans {
    pub fn new(mentions: &[Mention]) -> Spans {
        let mut ranges: Vec<(usize, usize)> = mentions
            .iter()
            .map(|m| (m.norm.start, m.norm.end))
            .collect();
        ranges.sort_unstable();
        let mut max = 0;
        let max_end = ranges
            .iter()
            .map(|&(_, e)| {
                max = max.max(e);
                max
            })
            .collect();
        Spans {
            starts: ranges.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }

    /// True when a mention overlaps `start..end`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let n = self.starts.partition_point(|&s| s < end);
        n > 0 && self.max_end[n - 1] > start
    }
}
