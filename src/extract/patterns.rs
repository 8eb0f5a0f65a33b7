//! The named pairing patterns.
//!
//! Each sentence outside boilerplate and attendance lists is reduced to its
//! *places*: resolved region mentions that are not qualifiers of the next
//! one (`甘肃省甘南州合作市` is one place, 合作市), plus one-character
//! province abbreviations right after a visit or aid verb (`来津`, `援甘`,
//! `援疆`). The patterns read that sequence and the words between places.

use std::ops::Range;

use serde::Serialize;

use super::keywords::{
    self, AID_WORDS, HIT_AGREEMENT, HIT_COOPERATION, HIT_COUNTERPART, HIT_EAST_WEST, HIT_OTHER,
    HIT_STRONG, HIT_SUPPORT, HIT_THANKED_FOR, HIT_THANKS, HIT_TIES, Relation, Side, WordHits,
};
use crate::gazetteer::{Gazetteer, Level, Mention, RegionId};
use crate::text::Analysis;

/// The pattern that found a pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// `济南—临夏东西部协作联席会议`, `天津市·甘肃省东西部协作座谈会`.
    Dash,
    /// `津甘协作`, `鲁甘两省`, `滨羚合作`, `津新联动`.
    PairWord,
    /// `天津帮扶甘肃`, `河北区对口清水县`, `天津援甘前指`.
    Verb,
    /// `滨海新区代表团赴甘肃省甘南州合作市考察对接…`, `甘肃省党政代表团来津考察`.
    Delegation,
    /// `甲区、乙区分别与子县、丑县签署结对协议` (in order).
    Respectively,
    /// `山东、甘肃两省`.
    TwoSides,
    /// `河北区与清水县建立友好区县关系`.
    With,
    /// `何谋保对滨海新区…对甘南州合作市…的关心支持表示衷心感谢`.
    Thanks,
    /// `走进策勒县第一小学…考察教育援疆` with the document's helper.
    AidTarget,
    /// East and west places at one level in a sentence about support.
    Context,
}

impl Pattern {
    /// Base confidence of one sentence found by this pattern.
    fn confidence(self) -> f32 {
        match self {
            Pattern::Dash | Pattern::Verb => 0.9,
            Pattern::PairWord | Pattern::Respectively => 0.85,
            Pattern::Delegation | Pattern::Thanks | Pattern::With => 0.8,
            Pattern::TwoSides => 0.75,
            Pattern::AidTarget => 0.65,
            Pattern::Context => 0.6,
        }
    }
}

/// One pairing statement found in one sentence.
pub struct Found {
    pub helper: RegionId,
    pub helped: RegionId,
    pub relation: Relation,
    pub confidence: f32,
    pub sentence: usize,
    pub pattern: Pattern,
    pub names: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
struct Place {
    region: RegionId,
    /// Start of the whole hierarchy phrase (including qualifiers).
    start: usize,
    end: usize,
    /// Original byte range of the name.
    orig: Range<usize>,
    /// Index of the other side for pair-word places.
    pair: Option<usize>,
    /// A one-character abbreviation after a verb (来津, 援疆).
    abbr: bool,
}

/// Verbs after which a one-character province abbreviation names a place.
const ABBR_VERBS: &[&str] = &["援", "来", "赴", "到", "在", "抵"];
/// Support verbs between helper and helped (longest first).
const VERBS: &[&str] = &[
    "对口支援",
    "对口帮扶",
    "对口援建",
    "对口协作",
    "结对帮扶",
    "对口",
    "帮扶",
    "支援",
    "援助",
    "协作",
    "援建",
    "援",
];
/// Words after a delegation that mark the visit.
const VISIT: &[&str] = &["赴", "到", "来", "前往", "抵达", "走进"];
/// Coordinators inside a list of places.
const AND: &[&str] = &["、", "和", "及", "以及", ","];
/// Words for the two sides of a pair after `X、Y`.
const TWO: &[&str] = &[
    "两省区",
    "两省市",
    "两省",
    "两市",
    "两地",
    "两区",
    "两县",
    "双方",
];
/// Words that end an attendance list.
const ATTEND: &[&str] = &["参加", "出席", "陪同"];

fn is_attendance(s: &str) -> bool {
    // The last twelve characters (without collecting the sentence).
    let tail = &s[s.char_indices().rev().nth(11).map_or(0, |(i, _)| i)..];
    ATTEND.iter().any(|w| tail.contains(w)) && (s.contains('、') || s.contains("领导"))
}

/// Finds every pairing statement in a document.
pub fn find_all(g: &Gazetteer, a: &Analysis, mentions: &[Mention]) -> Vec<Found> {
    let text = a.norm.text.as_str();
    let ranges: Vec<Range<usize>> = a.sentences.iter().map(|s| s.norm.clone()).collect();
    let hits = WordHits::find(text, &ranges);
    let doc_ew = hits.doc & HIT_EAST_WEST != 0;
    let doc_cs = hits.doc & HIT_COUNTERPART != 0;
    let mut out = Vec::new();
    let mut aid_sentences = Vec::new();
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); a.sentences.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(i);
        }
    }
    let spans = Spans::new(mentions);
    for (si, s) in a.sentences.iter().enumerate() {
        if a.is_boilerplate(si) {
            continue;
        }
        let st = &text[s.norm.clone()];
        // No mention and no province abbreviation (a possible place after
        // a verb, see [`places`]): no place at all.
        if by_sentence[si].is_empty() && !g.has_abbreviation(st) {
            continue;
        }
        if is_attendance(st) {
            continue;
        }
        let places = places(g, a, mentions, &spans, &by_sentence[si], s.norm.clone());
        // Every pattern needs two places, the aid targets one: most
        // sentences stop here, before any keyword search.
        if places.is_empty() {
            continue;
        }
        let ctx = Ctx {
            g,
            text,
            si,
            doc_ew,
            doc_cs,
            words: hits.sentences.get(si).copied().unwrap_or(0),
        };
        if places.len() >= 2 {
            let before = out.len();
            ctx.dash(&places, &mut out);
            ctx.pair_words(&places, &mut out);
            ctx.verbs(&places, &mut out);
            ctx.delegation(&places, &mut out);
            ctx.respectively(&places, &mut out);
            ctx.two_sides(&places, &mut out);
            ctx.with(&places, &mut out);
            if out.len() == before {
                ctx.context(&places, &mut out);
            }
        }
        if ctx.counterpart() || st.contains('援') {
            aid_sentences.push((si, places));
        }
    }
    // Second pass: aid sentences with the document's helpers.
    let doc_pairs: Vec<(RegionId, RegionId)> = out.iter().map(|f| (f.helper, f.helped)).collect();
    for (si, places) in aid_sentences {
        let ctx = Ctx {
            g,
            text,
            si,
            doc_ew,
            doc_cs,
            words: hits.sentences.get(si).copied().unwrap_or(0),
        };
        ctx.aid_target(&places, &doc_pairs, &mut out);
    }
    out
}

/// The normalised ranges of all mentions, for overlap tests in O(log n):
/// sorted by start, with the largest end so far.
struct Spans {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mentions: &[Mention]) -> Spans {
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
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let n = self.starts.partition_point(|&s| s < end);
        n > 0 && self.max_end[n - 1] > start
    }
}

/// The places of one sentence.
fn places(
    g: &Gazetteer,
    a: &Analysis,
    mentions: &[Mention],
    spans: &Spans,
    idx: &[usize],
    range: Range<usize>,
) -> Vec<Place> {
    let text = a.norm.text.as_str();
    let mut out: Vec<Place> = Vec::new();
    let mut phrase_start: Option<usize> = None;
    let mut pair_map: Vec<(usize, usize)> = Vec::new(); // mention idx -> place idx
    for &i in idx {
        let m = &mentions[i];
        if m.boilerplate {
            continue;
        }
        let Some(region) = m.region else {
            phrase_start = None;
            continue;
        };
        if m.qualifier {
            phrase_start.get_or_insert(m.norm.start);
            continue;
        }
        pair_map.push((i, out.len()));
        out.push(Place {
            region,
            start: phrase_start.take().unwrap_or(m.norm.start),
            end: m.norm.end,
            orig: m.orig.clone(),
            pair: m.pair,
            abbr: false,
        });
    }
    // Pair-word links, from mention indices to place indices.
    for p in &mut out {
        if let Some(other) = p.pair {
            p.pair = pair_map.iter().find(|(mi, _)| *mi == other).map(|x| x.1);
        }
    }
    // One-character abbreviations after a visit or aid verb.
    let sentence = &text[range.clone()];
    for (off, c, region) in g.abbreviations(sentence) {
        let at = range.start + off;
        let before = &text[range.start..at];
        if !ABBR_VERBS.iter().any(|v| before.ends_with(v)) {
            continue;
        }
        let end = at + c.len_utf8();
        if out.iter().any(|p| p.start < end && at < p.end) || spans.overlaps(at, end) {
            continue;
        }
        // 援助, 来自 … are not abbreviations: the next character must not
        // continue a word with the abbreviation (援甘前指, 来津考察 are fine).
        let pos = out.partition_point(|p| p.start < at);
        out.insert(
            pos,
            Place {
                region,
                start: at,
                end,
                orig: a.norm.to_original(at..end),
                pair: None,
                abbr: true,
            },
        );
        for p in &mut out {
            if let Some(q) = p.pair.as_mut()
                && *q >= pos
                && !p.abbr
            {
                *q += 1;
            }
        }
    }
    out
}

struct Ctx<'a> {
    g: &'a Gazetteer,
    text: &'a str,
    si: usize,
    doc_ew: bool,
    doc_cs: bool,
    /// The word lists found in the sentence ([`WordHits`]).
    words: u16,
}

impl Ctx<'_> {
    /// True when the sentence has a word of the list with bit `list`
    /// (`keywords::HIT_*`).
    fn has(&self, list: u16) -> bool {
        self.words & list != 0
    }

    fn support(&self) -> bool {
        self.words & HIT_SUPPORT != 0
    }

    fn east_west(&self) -> bool {
        self.words & HIT_EAST_WEST != 0
    }

    fn counterpart(&self) -> bool {
        self.words & HIT_COUNTERPART != 0
    }

    fn other(&self) -> bool {
        self.words & HIT_OTHER != 0
    }

    fn between(&self, a: &Place, b: &Place) -> &str {
        self.text.get(a.end..b.start).unwrap_or("")
    }

    fn relation(&self, helper: RegionId, helped: RegionId) -> Relation {
        let g = self.g;
        let cross_side = keywords::side(g, helper) != keywords::side(g, helped);
        let reg = g.region(helped);
        let prov = g.region(reg.province).code.as_str();
        let xj_xz = matches!(reg.level, Level::Corps | Level::Division)
            || prov == "650000"
            || prov == "540000";
        if xj_xz && (self.counterpart() || self.doc_cs || !self.doc_ew) {
            Relation::CounterpartSupport
        } else if self.east_west() {
            Relation::EastWestCooperation
        } else if self.counterpart() {
            Relation::CounterpartSupport
        } else if self.other() {
            Relation::Other
        } else if self.doc_ew {
            Relation::EastWestCooperation
        } else if self.doc_cs {
            Relation::CounterpartSupport
        } else if cross_side {
            // Between an eastern and a western region with no word naming
            // the scheme: East–West cooperation is the scheme between them.
            Relation::EastWestCooperation
        } else {
            Relation::Other
        }
    }

    /// Orders two places into (helper, helped): geography decides when they
    /// lie on opposite sides; otherwise the text's order (`first_helps`),
    /// or the more eastern one when the text gives no direction.
    fn direct(&self, a: &Place, b: &Place, first_helps: Option<bool>) -> (RegionId, RegionId) {
        let g = self.g;
        match (keywords::side(g, a.region), keywords::side(g, b.region)) {
            (Side::East, Side::West) => (a.region, b.region),
            (Side::West, Side::East) => (b.region, a.region),
            _ => match first_helps {
                Some(true) => (a.region, b.region),
                Some(false) => (b.region, a.region),
                None => {
                    if g.region(a.region).lon >= g.region(b.region).lon {
                        (a.region, b.region)
                    } else {
                        (b.region, a.region)
                    }
                }
            },
        }
    }

    fn emit(
        &self,
        a: &Place,
        b: &Place,
        first_helps: Option<bool>,
        pattern: Pattern,
        out: &mut Vec<Found>,
    ) {
        let g = self.g;
        if a.region == b.region
            || g.is_ancestor(a.region, b.region)
            || g.is_ancestor(b.region, a.region)
        {
            return;
        }
        let (helper, helped) = self.direct(a, b, first_helps);
        let same_side = keywords::side(g, helper) == keywords::side(g, helped);
        let relation = if same_side && first_helps.is_none() && !self.has(HIT_COOPERATION) {
            Relation::Other
        } else {
            self.relation(helper, helped)
        };
        out.push(Found {
            helper,
            helped,
            relation,
            confidence: pattern.confidence(),
            sentence: self.si,
            pattern,
            names: vec![a.orig.clone(), b.orig.clone()],
        });
    }

    /// The places joined to `places[i]` by list words, starting with it.
    fn group_from(&self, places: &[Place], i: usize) -> Vec<usize> {
        let mut g = vec![i];
        let mut k = i;
        while k + 1 < places.len() {
            let gap = self.between(&places[k], &places[k + 1]);
            if AND.contains(&gap) {
                k += 1;
                g.push(k);
            } else {
                break;
            }
        }
        g
    }

    /// The places joined to `places[i]` by list words, ending with it.
    fn group_to(&self, places: &[Place], i: usize) -> Vec<usize> {
        let mut g = vec![i];
        let mut k = i;
        while k > 0 {
            let gap = self.between(&places[k - 1], &places[k]);
            if AND.contains(&gap) {
                k -= 1;
                g.insert(0, k);
            } else {
                break;
            }
        }
        g
    }

    /// Pairs two lists: in order when they have the same length, the one
    /// with each when one side is a single place.
    fn pair_lists(
        &self,
        places: &[Place],
        left: &[usize],
        right: &[usize],
        first_helps: Option<bool>,
        pattern: Pattern,
        out: &mut Vec<Found>,
    ) {
        if left.len() == right.len() {
            for (&l, &r) in left.iter().zip(right) {
                self.emit(&places[l], &places[r], first_helps, pattern, out);
            }
        } else if left.len() == 1 || right.len() == 1 {
            for &l in left {
                for &r in right {
                    self.emit(&places[l], &places[r], first_helps, pattern, out);
                }
            }
        }
    }

    /// Seed 002 `济南—临夏东西部协作联席会议`, `章丘區—積石山縣協作工作`;
    /// seed 004 `清水縣—河北區召開東西部協作高層聯席會議` (helped side
    /// first: geography decides); seed 003 `天津市·新疆维吾尔自治区及新疆
    /// 生产建设兵团工作交流座谈会` (a list after the dot).
    fn dash(&self, places: &[Place], out: &mut Vec<Found>) {
        if !self.support() {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            let gap = self.between(&places[i], &places[i + 1]);
            if gap == "—" || gap == "·" {
                let left = self.group_to(places, i);
                let right = self.group_from(places, i + 1);
                self.pair_lists(places, &left, &right, None, Pattern::Dash, out);
            }
        }
    }

    /// Seed 001 `津甘协作`, seed 002 `鲁甘两省` and `濟臨東西部協作`,
    /// seed 000 `“滨羚”合作`, seed 003 `津新联动`.
    fn pair_words(&self, places: &[Place], out: &mut Vec<Found>) {
        for (i, p) in places.iter().enumerate() {
            if let Some(j) = p.pair
                && j > i
                && let Some(q) = places.get(j)
            {
                self.emit(p, q, None, Pattern::PairWord, out);
            }
        }
    }

    /// Seed 001 `天津帮扶甘肃`, seed 004 `河北區對口清水縣`, seed 002
    /// `濟南市協作臨夏州掛職幹部`, seed 000 `天津援甘前指`.
    fn verbs(&self, places: &[Place], out: &mut Vec<Found>) {
        for i in 0..places.len().saturating_sub(1) {
            let gap = self.between(&places[i], &places[i + 1]);
            let Some(v) = VERBS.iter().find(|v| gap.starts_with(*v)) else {
                continue;
            };
            if gap.chars().count() > v.chars().count() + 2 {
                continue;
            }
            let left = self.group_to(places, i);
            let right = self.group_from(places, i + 1);
            self.pair_lists(places, &left, &right, Some(true), Pattern::Verb, out);
        }
    }

    /// Seed 000 `滨海新区代表团赴甘肃省甘南州合作市考察对接东西部协作`,
    /// seed 001 `甘肃省党政代表团来津考察` (the visit goes from the helped
    /// side to the helper: geography decides), seed 003 `天津市黨政代表團
    /// 來疆考察`.
    fn delegation(&self, places: &[Place], out: &mut Vec<Found>) {
        if !(self.support() || self.doc_ew || self.doc_cs) {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            let gap = self.between(&places[i], &places[i + 1]);
            let Some(d) = gap.find("代表团") else {
                continue;
            };
            let after = &gap[d + "代表团".len()..];
            if gap[..d].chars().count() <= 4
                && VISIT.contains(&after)
                && (self.text[places[i + 1].end..].starts_with("考察") || self.support())
            {
                self.emit(&places[i], &places[i + 1], None, Pattern::Delegation, out);
            }
        }
    }

    /// `X市甲区、乙区、丙区分别与Y州子县、丑县、寅县签署…结对协议` pairs in
    /// order; `X市甲区与Y州子县、丑县结对` pairs the one with each.
    fn respectively(&self, places: &[Place], out: &mut Vec<Found>) {
        if !self.has(HIT_AGREEMENT) {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            let gap = self.between(&places[i], &places[i + 1]);
            if gap == "分别与" || gap == "分别和" || gap == "分别同" {
                let left = self.group_to(places, i);
                let right = self.group_from(places, i + 1);
                if left.len() == right.len() || left.len() == 1 {
                    self.pair_lists(places, &left, &right, None, Pattern::Respectively, out);
                }
            }
        }
    }

    /// Seed 002 `在山東、甘肅兩省省委、省政府的堅強領導下` in a sentence
    /// about East–West cooperation.
    fn two_sides(&self, places: &[Place], out: &mut Vec<Found>) {
        if !self.support() && !self.doc_ew && !self.doc_cs {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            let gap = self.between(&places[i], &places[i + 1]);
            if gap != "、" && gap != "和" {
                continue;
            }
            let rest = &self.text[places[i + 1].end..];
            let starts_two = TWO.iter().any(|t| rest.starts_with(t));
            let is_group_end = i + 2 >= places.len()
                || !AND.contains(&self.between(&places[i + 1], &places[i + 2]));
            let is_group_start = i == 0 || !AND.contains(&self.between(&places[i - 1], &places[i]));
            if starts_two && is_group_end && is_group_start && places[i].pair.is_none() {
                self.emit(&places[i], &places[i + 1], None, Pattern::TwoSides, out);
            }
        }
    }

    /// Seed 004 `河北區與清水縣建立友好區縣關係`, seed 000 `新区与合作市东西部
    /// 协作和对口支援工作情况`.
    fn with(&self, places: &[Place], out: &mut Vec<Found>) {
        if !self.has(HIT_TIES) {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            let gap = self.between(&places[i], &places[i + 1]);
            let joined = matches!(gap, "与" | "同" | "和" | "跟" | "愿与" | "将与");
            if !joined {
                continue;
            }
            // `甲、乙和丙` is a list, not a pair.
            if gap == "和" && (i > 0 && AND.contains(&self.between(&places[i - 1], &places[i]))) {
                continue;
            }
            let left = self.group_to(places, i);
            let right = self.group_from(places, i + 1);
            if gap == "和" && (left.len() > 1 || right.len() > 1) {
                continue;
            }
            self.pair_lists(places, &left, &right, None, Pattern::With, out);
        }
    }

    /// A sentence about support naming eastern and western places at the
    /// same level, one or two on each side: seed 000 `何谋保对滨海新区…对
    /// 甘南州合作市…的关心支持表示衷心感谢` (Thanks), seed 004 `離不開河北區
    /// 的傾力幫扶` with 清水縣 in the same sentence (Context).
    fn context(&self, places: &[Place], out: &mut Vec<Found>) {
        // The strong words: the scheme names and the support verbs.
        let strong = || self.east_west() || self.counterpart() || self.has(HIT_STRONG);
        let thanks = self.has(HIT_THANKS) && self.has(HIT_THANKED_FOR);
        if !thanks && !strong() {
            return;
        }
        let g = self.g;
        let pattern = if thanks {
            Pattern::Thanks
        } else {
            Pattern::Context
        };
        let mut east: Vec<&Place> = Vec::new();
        let mut west: Vec<&Place> = Vec::new();
        for p in places.iter().filter(|p| p.pair.is_none() && !p.abbr) {
            let side = if keywords::side(g, p.region) == Side::East {
                &mut east
            } else {
                &mut west
            };
            if !side.iter().any(|q| q.region == p.region) {
                side.push(p);
            }
        }
        if east.len() > 3 || west.len() > 3 {
            return; // a list of places, not a pair
        }
        for level in 0..=2u8 {
            let e: Vec<&&Place> = east
                .iter()
                .filter(|p| g.region(p.region).level.depth() == level)
                .collect();
            let w: Vec<&&Place> = west
                .iter()
                .filter(|p| g.region(p.region).level.depth() == level)
                .collect();
            if e.len() == 1 && w.len() <= 2 {
                for q in &w {
                    self.emit(e[0], q, None, pattern, out);
                }
            } else if e.len() == 2 && w.len() == 2 {
                // `山東省和濟南市…對甘肅省和臨夏州` at mixed levels is handled
                // level by level; two at one level pair in order.
                for (p, q) in e.iter().zip(&w) {
                    self.emit(p, q, None, pattern, out);
                }
            }
        }
    }

    /// Seed 003: `在和田地區,代表團來到于田縣天津工業園,實地察看產業援疆`,
    /// `走進策勒縣第一小學…考察教育援疆`, `援兵團第十一師工作組`: places in
    /// the aided province (or right after 援) get the helper named in the
    /// sentence, or else the document's helper for that province.
    fn aid_target(
        &self,
        places: &[Place],
        doc_pairs: &[(RegionId, RegionId)],
        out: &mut Vec<Found>,
    ) {
        let g = self.g;
        // Provinces the sentence says are aided (援疆, 援甘 …).
        let mut aided: Vec<RegionId> = places
            .iter()
            .filter(|p| p.abbr && self.text[..p.start].ends_with('援'))
            .map(|p| p.region)
            .collect();
        let corps = g.by_code("X66");
        for (_, code, bit) in AID_WORDS {
            if self.has(bit)
                && let Some(id) = g.by_code(code)
                && !aided.contains(&id)
            {
                aided.push(id);
            }
        }
        let in_aided = |r: RegionId| {
            let reg = g.region(r);
            aided.contains(&reg.province)
                || aided.contains(&r)
                || (corps.is_some_and(|c| aided.contains(&g.region(c).province))
                    && matches!(reg.level, Level::Corps | Level::Division))
        };
        let right_after_aid = |p: &Place| {
            let before = &self.text[..p.start];
            before.ends_with('援') || before.ends_with("支援") || before.ends_with("援助")
        };
        let targets: Vec<&Place> = places
            .iter()
            .filter(|p| keywords::side(g, p.region) == Side::West)
            .filter(|p| in_aided(p.region) || right_after_aid(p))
            .collect();
        if targets.is_empty() {
            return;
        }
        let helpers: Vec<&Place> = places
            .iter()
            .filter(|p| keywords::side(g, p.region) == Side::East)
            .collect();
        for t in targets {
            let helper: Option<Place> = if helpers.len() == 1 {
                Some(helpers[0].clone())
            } else if helpers.is_empty() {
                doc_helper(g, doc_pairs, t.region).map(|h| Place {
                    region: h,
                    start: t.start,
                    end: t.start,
                    orig: t.orig.start..t.orig.start,
                    pair: None,
                    abbr: true,
                })
            } else {
                None
            };
            // A helper finer than a province-wide target (`新区援甘干部`)
            // speaks of its own pairing inside that province, if the
            // document states one; otherwise the sentence is not used.
            let mut target = t.clone();
            if let Some(h) = &helper
                && g.region(t.region).level == Level::Province
                && g.region(h.region).level != Level::Province
            {
                let inside = doc_pairs
                    .iter()
                    .find(|(a, b)| *a == h.region && g.region(*b).province == t.region);
                match inside {
                    Some(&(_, b)) => target.region = b,
                    None => continue,
                }
            }
            let t = &target;
            if let Some(h) = helper {
                let mut names = Vec::new();
                self.emit(&h, t, Some(true), Pattern::AidTarget, &mut names);
                for mut f in names {
                    f.names.retain(|r| !r.is_empty());
                    out.push(f);
                }
            }
        }
    }
}

/// The helper the document pairs with `target`, with the target itself,
/// or with its province: the one named most often.
fn doc_helper(g: &Gazetteer, pairs: &[(RegionId, RegionId)], target: RegionId) -> Option<RegionId> {
    let exact: Vec<RegionId> = pairs
        .iter()
        .filter(|(_, h)| *h == target)
        .map(|(a, _)| *a)
        .collect();
    let list = if exact.is_empty() {
        let prov = g.region(target).province;
        pairs
            .iter()
            .filter(|(_, h)| g.region(*h).province == prov)
            .filter(|(a, _)| g.region(*a).level == Level::Province)
            .map(|(a, _)| *a)
            .collect()
    } else {
        exact
    };
    let mut best: Option<(usize, RegionId)> = None;
    for &h in &list {
        let n = list.iter().filter(|&&x| x == h).count();
        if best.is_none_or(|(bn, _)| n > bn) {
            best = Some((n, h));
        }
    }
    best.map(|(_, h)| h)
}
