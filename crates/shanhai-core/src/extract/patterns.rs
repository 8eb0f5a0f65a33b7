//! The named pairing patterns.
//!
//! Each sentence outside boilerplate and attendance lists is reduced to its
//! places ([`super::places`]); the patterns read that sequence and the words
//! between places, and propose candidate pairs. Every candidate then goes
//! through one decision ([`Ctx::emit`]):
//! - **direction**: an official pair (the embedded reference, at its level
//!   or through descendants) says which side helps; otherwise the verb of
//!   the sentence; otherwise the side of higher rank (east > middle > west,
//!   `assets/extract/sides.csv`). Two places of one rank with neither an
//!   official pair nor a verb are not a pairing (two helped counties named
//!   together are not partners);
//! - **acceptance**: a pattern without a verb (a dash, `与`, `两地`, a pair
//!   word, a table row, the Context pattern) gives nothing in a sentence
//!   about flights, railways, sports or city clusters unless the two are
//!   an official pair;
//! - **relation**: the scheme the sentence names, else the official pair's
//!   scheme, else the document's.
//!
//! Each pattern's doc comment gives an example sentence written for it
//! (甲/乙/丙 stand for helper districts, 子/丑/寅 for helped counties).

use std::ops::Range;

use serde::Serialize;

use super::keywords::{
    self, AID_WORDS, HIT_AGENT, HIT_AGREEMENT, HIT_COUNTERPART, HIT_EAST_WEST, HIT_NOT_PAIRING,
    HIT_OTHER, HIT_POSTING, HIT_STRONG, HIT_SUPPORT, HIT_THANKED_FOR, HIT_THANKS, HIT_TIES, Rank,
    Relation, WordHits, cue, cue_longest_first,
};
use super::places::{Place, Sources, Spans, home_region, places};
use crate::gazetteer::{Gazetteer, Level, Mention, RegionId};
use crate::reference::Reference;
use crate::text::{Analysis, Boilerplate};

/// The pattern that found a pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// `甲市—子州东西部协作联席会议`, `甲市·子省协作座谈会`.
    Dash,
    /// `津甘协作`, `鲁甘两省`, `滨羚合作`.
    PairWord,
    /// `甲区对口帮扶子县`, `甲省援建的子县学校`, `子县由甲区结对帮扶`.
    Verb,
    /// `甲区代表团赴子县考察对接`, `子州党政代表团来甲市考察`.
    Delegation,
    /// `甲区、乙区分别与子县、丑县签署结对协议` (in order).
    Respectively,
    /// `甲省、子省两省`, `甲市、子州两地`.
    TwoSides,
    /// `甲区与子县建立友好区县关系`.
    With,
    /// `子县对甲区的帮扶表示衷心感谢`.
    Thanks,
    /// `走进子县第一小学考察教育援疆` with the document's helper.
    AidTarget,
    /// East and west places at one level in a sentence about support.
    Context,
    /// `甲区与子县、乙区与丑县`, `甲区对口子县，乙区对口丑县`.
    PairList,
    /// `来自甲区、挂职子县副县长的干部`, `甲省援建者在子县`.
    Agent,
    /// A table turned into text, one pair per row (`甲区 | 子县`).
    Table,
    /// `甲市子市工业园区`: two names side by side for a joint work.
    Juxtaposed,
}

impl Pattern {
    /// Base confidence of one sentence found by this pattern.
    fn confidence(self) -> f32 {
        match self {
            Pattern::Dash | Pattern::Verb | Pattern::PairList => 0.9,
            Pattern::PairWord | Pattern::Respectively | Pattern::Table => 0.85,
            Pattern::Delegation | Pattern::Thanks | Pattern::With | Pattern::Agent => 0.8,
            Pattern::TwoSides | Pattern::Juxtaposed => 0.75,
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

/// Coordinators of a list of places (not `与`, which joins two sides).
const LIST: &[&str] = &["、", "和", "及", "以及"];
/// Tie words that name a partnership itself (`结对`, `对口合作`), not only a
/// meeting or an agreement.
const PAIRING_TIES: &[&str] = &["结对", "对口", "帮扶", "挂钩", "协作", "支援"];

/// Coordinators of a list of helpers before a verb (`甲市联合乙市帮扶…`).
const HELPERS: &[&str] = &["、", "和", "及", "以及", "联合", "会同"];
/// Separators between the items of a list of pairs.
const ITEM_SEP: &[char] = &['、', '，', ',', '；', ';'];

/// The cue lists, sorted for prefix and suffix matching, built once.
struct Words {
    verbs: Vec<&'static str>,
    /// The first characters of the verbs, sorted (a quick test).
    verb_first: Vec<char>,
    /// The last characters of the verbs of two or more characters, sorted.
    verb_last: Vec<char>,
    adverbs: Vec<&'static str>,
    /// The first characters of the adverbs, of years and of 自/从, sorted.
    adverb_first: Vec<char>,
    connectors: Vec<&'static str>,
    two_sides: Vec<&'static str>,
    visit: Vec<&'static str>,
    attend: Vec<&'static str>,
    agents: Vec<&'static str>,
    posting: Vec<&'static str>,
    ties: Vec<&'static str>,
}

fn words() -> &'static Words {
    fn chars_of(words: &[&str], pick: impl Fn(&str) -> Option<char>) -> Vec<char> {
        let mut v: Vec<char> = words.iter().filter_map(|w| pick(w)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
    static W: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| Words {
        verbs: cue_longest_first("verbs"),
        verb_first: chars_of(cue("verbs"), |w| w.chars().next()),
        verb_last: chars_of(cue("verbs"), |w| {
            (w.chars().count() >= 2)
                .then(|| w.chars().next_back())
                .flatten()
        }),
        adverbs: cue_longest_first("adverbs"),
        adverb_first: {
            let mut v = chars_of(cue("adverbs"), |w| w.chars().next());
            v.extend("0123456789自从".chars());
            v.sort_unstable();
            v.dedup();
            v
        },
        connectors: cue_longest_first("pair_connectors"),
        two_sides: cue_longest_first("two_sides"),
        visit: cue_longest_first("visit"),
        attend: cue("attend").to_vec(),
        agents: cue_longest_first("agents"),
        posting: cue_longest_first("posting"),
        ties: cue_longest_first("ties"),
    });
    &W
}

fn is_attendance(s: &str) -> bool {
    // The last twelve characters (without collecting the sentence).
    let tail = &s[s.char_indices().rev().nth(11).map_or(0, |(i, _)| i)..];
    if !tail.contains(['加', '席', '同']) {
        return false; // none of 参加, 出席, 陪同 (one scan)
    }
    words().attend.iter().any(|w| tail.contains(w)) && (s.contains('、') || s.contains("领导"))
}

/// True when a short text holds `pat` (a plain byte scan: cheaper than
/// `str::contains` on the few bytes between two names).
fn holds(s: &str, pat: &str) -> bool {
    find_in(s, pat).is_some()
}

/// The byte offset of `pat` in a short text (see [`holds`]).
fn find_in(s: &str, pat: &str) -> Option<usize> {
    let (s, p) = (s.as_bytes(), pat.as_bytes());
    if p.is_empty() || s.len() < p.len() {
        return None;
    }
    s.windows(p.len()).position(|w| w == p)
}

/// Strips leading adverbs (`已正式`, `分别`) and a year (`自2010年起`,
/// `2017年以来`) from a gap.
fn strip_adverbs(mut s: &str) -> &str {
    let first = &words().adverb_first;
    loop {
        let t = s.trim_start();
        // Most gaps start with none of these: one look-up, no search.
        if t.chars()
            .next()
            .is_none_or(|c| first.binary_search(&c).is_err())
        {
            return t;
        }
        if let Some(rest) = words().adverbs.iter().find_map(|w| t.strip_prefix(w)) {
            s = rest;
            continue;
        }
        // A year: 自2010年起, 2017年以来, 从2010年开始.
        let y = t.trim_start_matches(['自', '从']);
        let digits = y.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 4
            && let Some(rest) = y[4..].strip_prefix('年')
        {
            s = rest
                .strip_prefix("以来")
                .or_else(|| rest.strip_prefix("开始"))
                .or_else(|| rest.strip_prefix('起'))
                .unwrap_or(rest);
            continue;
        }
        return t;
    }
}

/// The verb of a gap between a helper and the helped: adverbs, a verb
/// of the `[verbs]` list, and at most `了` or `的` after it
/// (`已正式结对`, `对口帮扶`, `援建的`).
fn verb_gap(gap: &str) -> Option<&'static str> {
    // Adverbs and a verb: a short gap (checked in bytes, 3 a character).
    if gap.len() > 60 {
        return None;
    }
    let rest = strip_adverbs(gap);
    let w = words();
    let c = rest.chars().next()?;
    if w.verb_first.binary_search(&c).is_err() {
        return None;
    }
    let v = w.verbs.iter().find(|v| rest.starts_with(**v))?;
    let after = rest[v.len()..].trim();
    matches!(after, "" | "了" | "的" | "了的" | "着").then_some(*v)
}

/// A helper and the helped joined by a verb at the end of a short phrase
/// (`按一流标准援建的`, `选派129名干部进驻`): at most twelve characters
/// before a verb of two or more characters, without a clause mark.
fn verb_at_end(gap: &str) -> Option<&'static str> {
    if gap.len() > 60 {
        return None;
    }
    let g = gap.trim_end();
    let g = g.strip_suffix('的').unwrap_or(g);
    let last = g.chars().next_back()?;
    if words().verb_last.binary_search(&last).is_err() {
        return None;
    }
    let v = words()
        .verbs
        .iter()
        .filter(|v| v.chars().count() >= 2)
        .find(|v| g.ends_with(**v))?;
    let before = &g[..g.len() - v.len()];
    (before.chars().count() <= 12
        && !before.contains([
            '，', ',', '。', '；', ';', '、', '与', '和', '对', '：', ':',
        ]))
    .then_some(*v)
}

/// Finds every pairing statement in a document.
pub fn find_all(
    g: &Gazetteer,
    reference: &Reference,
    a: &Analysis,
    mentions: &[Mention],
) -> Vec<Found> {
    let text = a.norm.text.as_str();
    let ranges: Vec<Range<usize>> = a.sentences.iter().map(|s| s.norm.clone()).collect();
    let hits = WordHits::find(text, &ranges);
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); a.sentences.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(i);
        }
    }
    let spans = Spans::new(mentions);
    let corps = mentions.iter().any(|m| {
        m.region
            .is_some_and(|r| matches!(g.region(r).level, Level::Corps | Level::Division))
    });
    let sources = Sources {
        g,
        a,
        mentions,
        spans: &spans,
        home: home_region(g, text, mentions),
        corps,
    };
    let doc = Doc {
        g,
        reference,
        text,
        doc_ew: hits.doc & HIT_EAST_WEST != 0,
        doc_cs: hits.doc & HIT_COUNTERPART != 0,
        doc_other: hits.doc & HIT_OTHER != 0,
        doc_support: hits.doc & (HIT_SUPPORT | HIT_EAST_WEST | HIT_COUNTERPART | HIT_OTHER) != 0,
        named_helpers: Vec::new(),
        named: named_regions(mentions),
    };
    let doc = Doc {
        named_helpers: doc
            .named
            .iter()
            .copied()
            .filter(|&r| reference.is_helper(g, r))
            .collect(),
        ..doc
    };
    let mut out = Vec::new();
    let mut aid_sentences = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        // Lines of headlines and captions in a run (`甲市援建的子县中学`
        // under a photo, one per line) are read by the patterns with a verb
        // or a connector only; other boilerplate is not read.
        let headline = match a.paragraphs.get(s.paragraph).and_then(|p| p.boilerplate) {
            None => false,
            Some(Boilerplate::Headlines | Boilerplate::Caption) => true,
            Some(_) => continue,
        };
        let st = &text[s.norm.clone()];
        // No mention and no possible abbreviation or 我市: no place at all.
        let home_word = || sources.home.is_some() && st.contains('我');
        if by_sentence[si].is_empty() && !g.has_abbreviation(st) && !home_word() {
            continue;
        }
        // A headline or caption is read only for a pair of places in it.
        if headline && by_sentence[si].len() < 2 && !g.has_abbreviation(st) {
            continue;
        }
        // An attendance list (`…甲省、子省领导出席`) pairs nobody, but a pair
        // word before it still names the pair (`甲乙协作联席会议召开，…出席`).
        let attendance = is_attendance(st);
        let places = places(&sources, &by_sentence[si], s.norm.clone(), headline);
        if places.is_empty() {
            continue;
        }
        let ctx = Ctx {
            doc: &doc,
            si,
            words: hits.sentences.get(si).copied().unwrap_or(0),
            range: s.norm.clone(),
        };
        if attendance {
            ctx.pair_words(&places, &mut out);
            continue;
        }
        if headline {
            if places.len() >= 2 && doc.doc_support {
                let mut used = vec![false; places.len()];
                ctx.pair_list(&places, &mut used, &mut out);
                ctx.respectively(&places, &used, &mut out);
                ctx.verbs(&places, &used, &mut out);
            }
            continue;
        }
        if places.len() >= 2 {
            let before = out.len();
            let mut used = vec![false; places.len()];
            ctx.pair_list(&places, &mut used, &mut out);
            ctx.dash(&places, &used, &mut out);
            ctx.pair_words(&places, &mut out);
            ctx.respectively(&places, &used, &mut out);
            ctx.verbs(&places, &used, &mut out);
            ctx.agent(&places, &mut out);
            ctx.delegation(&places, &mut out);
            ctx.two_sides(&places, &mut out);
            ctx.with(&places, &used, &mut out);
            ctx.juxtaposed(&places, &used, &mut out);
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
            doc: &doc,
            si,
            words: hits.sentences.get(si).copied().unwrap_or(0),
            range: a.sentences[si].norm.clone(),
        };
        ctx.aid_target(&places, &doc_pairs, &mut out);
    }
    if doc.doc_support {
        super::tables::tables(&doc, &sources, &by_sentence, &hits, &mut out);
    }
    out
}

/// The regions a document names with their own names (not inside a pair
/// word), outside boilerplate.
fn named_regions(mentions: &[Mention]) -> Vec<RegionId> {
    let mut v: Vec<RegionId> = mentions
        .iter()
        .filter(|m| !m.boilerplate && m.pair.is_none())
        .filter_map(|m| m.region)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// What the patterns know of the whole document.
pub(super) struct Doc<'a> {
    g: &'a Gazetteer,
    reference: &'a Reference,
    pub(super) text: &'a str,
    doc_ew: bool,
    doc_cs: bool,
    doc_other: bool,
    /// Any support or scheme word anywhere in the document.
    doc_support: bool,
    /// [`named_regions`], sorted.
    named: Vec<RegionId>,
    /// Those of them that help in some official pair.
    named_helpers: Vec<RegionId>,
}

impl Doc<'_> {
    /// True when the document names a third region that an official list
    /// makes the helper of both `a` and `b` (`上海…万州、夷陵两地`: the two are
    /// helped together, not partners).
    fn co_helped(&self, a: RegionId, b: RegionId) -> bool {
        let g = self.g;
        let helps = |z: RegionId, x: RegionId| {
            self.reference
                .cover(g, z, x, None)
                .is_some_and(|c| c.within && c.first_helps)
        };
        self.named_helpers
            .iter()
            .any(|&z| z != a && z != b && helps(z, a) && helps(z, b))
    }

    /// True when the document names `r`, or a region inside it, itself.
    fn names_within(&self, r: RegionId) -> bool {
        self.named
            .iter()
            .any(|&n| n == r || self.g.is_ancestor(r, n))
    }
}

pub(super) struct Ctx<'a> {
    pub(super) doc: &'a Doc<'a>,
    pub(super) si: usize,
    /// The word lists found in the sentence ([`WordHits`]).
    pub(super) words: u32,
    /// The sentence's normalised range.
    pub(super) range: Range<usize>,
}

impl Ctx<'_> {
    /// True when the sentence has a word of the list with bit `list`
    /// (`keywords::HIT_*`).
    fn has(&self, list: u32) -> bool {
        self.words & list != 0
    }

    fn support(&self) -> bool {
        self.has(HIT_SUPPORT)
    }

    fn east_west(&self) -> bool {
        self.has(HIT_EAST_WEST)
    }

    fn counterpart(&self) -> bool {
        self.has(HIT_COUNTERPART)
    }

    fn other(&self) -> bool {
        self.has(HIT_OTHER)
    }

    fn text(&self) -> &str {
        self.doc.text
    }

    fn between(&self, a: &Place, b: &Place) -> &str {
        self.doc.text.get(a.end..b.start).unwrap_or("")
    }

    /// The text after a place, to the end of the sentence.
    fn after(&self, p: &Place) -> &str {
        self.doc
            .text
            .get(p.end..self.range.end.max(p.end))
            .unwrap_or("")
    }

    /// The text before a place, from the start of the sentence.
    fn before(&self, p: &Place) -> &str {
        self.doc
            .text
            .get(self.range.start.min(p.start)..p.start)
            .unwrap_or("")
    }

    /// The relation of a pair from the words of the sentence and the
    /// document, and the official pair's scheme.
    fn relation(&self, helper: RegionId, helped: RegionId, official: Option<Relation>) -> Relation {
        let g = self.doc.g;
        let reg = g.region(helped);
        let prov = g.region(reg.province).code.as_str();
        let xj_xz = matches!(reg.level, Level::Corps | Level::Division)
            || prov == "650000"
            || prov == "540000";
        let (ew, cs, other) = (self.east_west(), self.counterpart(), self.other());
        if xj_xz && (cs || self.doc.doc_cs || !self.doc.doc_ew) {
            return Relation::CounterpartSupport;
        }
        // Inside one province: a province's own scheme (East–West
        // cooperation is between provinces), or counterpart support.
        if g.region(helper).province == reg.province {
            return match official {
                Some(r) => r,
                None if cs => Relation::CounterpartSupport,
                None => Relation::Other,
            };
        }
        // A scheme the sentence names, when it is the only one.
        match (ew, cs, other) {
            (true, false, false) => return Relation::EastWestCooperation,
            (false, true, false) => return Relation::CounterpartSupport,
            (false, false, true) => return Relation::Other,
            _ => {}
        }
        if let Some(r) = official {
            return r;
        }
        if ew {
            Relation::EastWestCooperation
        } else if cs {
            Relation::CounterpartSupport
        } else if other {
            Relation::Other
        } else if self.doc.doc_ew {
            Relation::EastWestCooperation
        } else if self.doc.doc_cs {
            Relation::CounterpartSupport
        } else if self.doc.doc_other {
            Relation::Other
        } else if keywords::rank(g, helper) == Some(Rank::East)
            && keywords::rank(g, helped) == Some(Rank::West)
        {
            // Between an eastern and a western region with no word naming
            // the scheme: East–West cooperation is the scheme between them.
            Relation::EastWestCooperation
        } else {
            Relation::Other
        }
    }

    /// The one decision every candidate goes through (see the module
    /// documentation): direction, acceptance, relation. `first_helps` is
    /// what the sentence's words say of the direction.
    pub(super) fn emit(
        &self,
        a: &Place,
        b: &Place,
        first_helps: Option<bool>,
        pattern: Pattern,
        out: &mut Vec<Found>,
    ) {
        self.emit_tied(a, b, first_helps, false, pattern, out);
    }

    /// [`Ctx::emit`]; `tied`: the sentence ties the two with a pairing
    /// word (`甲市与子市对口合作`), which, like a verb, makes a middle
    /// province a partner by its side.
    fn emit_tied(
        &self,
        a: &Place,
        b: &Place,
        first_helps: Option<bool>,
        tied: bool,
        pattern: Pattern,
        out: &mut Vec<Found>,
    ) {
        let g = self.doc.g;
        if a.region == b.region
            || g.is_ancestor(a.region, b.region)
            || g.is_ancestor(b.region, a.region)
        {
            return;
        }
        let cover = self.doc.reference.cover(g, a.region, b.region, None);
        let (ra, rb) = (keywords::rank(g, a.region), keywords::rank(g, b.region));
        // Inside one province, its own scheme's sides (苏南 help 苏北 …).
        let roles = (g.region(a.region).province == g.region(b.region).province).then(|| {
            (
                keywords::within_side(g, a.region),
                keywords::within_side(g, b.region),
            )
        });
        let roles_differ = matches!(roles, Some((Some(x), Some(y))) if x != y);
        let by_sides: Option<bool> = match (ra, rb, roles) {
            (Some(x), Some(y), _) if x != y => Some(x > y),
            (_, _, Some((Some(x), Some(y)))) if x != y => Some(x),
            _ => None,
        };
        // East and west, or a province's own two sides, are partners by
        // their sides alone; a middle province (which helps the west and is
        // helped by the east) needs an official pair or a verb: two places
        // helped by one helper (万州、夷陵两地) are not partners.
        let sides_suffice = roles_differ
            || (tied && by_sides.is_some())
            || matches!(
                (ra, rb),
                (Some(Rank::East), Some(Rank::West)) | (Some(Rank::West), Some(Rank::East))
            );
        let first = match (cover, first_helps, by_sides) {
            (Some(c), _, _) if c.within => c.first_helps,
            // A roll-up of an official pair gives the direction of two
            // places that are not of one side…
            (Some(c), _, Some(_)) => c.first_helps,
            (_, Some(f), _) => f,
            // … but alone does not make two places of one side partners
            // (`川渝` news: 重庆 helped one 汶川 town in 2008).
            (_, None, Some(s)) if sides_suffice => s,
            // One side (or a middle one) and no word or list to say who
            // helps: not a pairing.
            (_, None, _) => return,
        };
        // Flights, railways, sports, city clusters: without a verb, only an
        // official pair is a pairing there.
        let within = cover.is_some_and(|c| c.within);
        if self.has(HIT_NOT_PAIRING) && first_helps.is_none() && !within {
            return;
        }
        // Two places a third one named in the document helps, by the
        // official lists (`上海…万州、夷陵两地`), are helped together: without
        // a verb they are not partners. (An eastern place is not helped.)
        if first_helps.is_none()
            && ra != Some(Rank::East)
            && rb != Some(Rank::East)
            && self.doc.co_helped(a.region, b.region)
        {
            return;
        }
        let (helper, helped) = if first {
            (a.region, b.region)
        } else {
            (b.region, a.region)
        };
        let official = cover.map(|c| self.doc.reference.pairs[c.pair].relation);
        let relation = self.relation(helper, helped, official);
        let mut confidence = pattern.confidence();
        if within {
            confidence = 1.0 - (1.0 - confidence) * 0.5;
        }
        out.push(Found {
            helper,
            helped,
            relation,
            confidence,
            sentence: self.si,
            pattern,
            names: vec![a.orig.clone(), b.orig.clone()],
        });
    }

    /// The places joined to `places[i]` by list words, starting with it.
    fn group_from(&self, places: &[Place], i: usize, joiners: &[&str]) -> Vec<usize> {
        let mut g = vec![i];
        let mut k = i;
        while k + 1 < places.len() {
            let gap = self.between(&places[k], &places[k + 1]);
            if joiners.contains(&gap) {
                k += 1;
                g.push(k);
            } else {
                break;
            }
        }
        g
    }

    /// The places joined to `places[i]` by list words, ending with it.
    fn group_to(&self, places: &[Place], i: usize, joiners: &[&str]) -> Vec<usize> {
        let mut g = vec![i];
        let mut k = i;
        while k > 0 {
            let gap = self.between(&places[k - 1], &places[k]);
            if joiners.contains(&gap) {
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
        self.pair_lists_tied(places, left, right, first_helps, false, pattern, out);
    }

    /// [`Ctx::pair_lists`] with [`Ctx::emit_tied`]'s `tied`.
    #[allow(clippy::too_many_arguments)]
    fn pair_lists_tied(
        &self,
        places: &[Place],
        left: &[usize],
        right: &[usize],
        first_helps: Option<bool>,
        tied: bool,
        pattern: Pattern,
        out: &mut Vec<Found>,
    ) {
        if left.len() == right.len() {
            for (&l, &r) in left.iter().zip(right) {
                self.emit_tied(&places[l], &places[r], first_helps, tied, pattern, out);
            }
        } else if left.len() == 1 || right.len() == 1 {
            for &l in left {
                for &r in right {
                    self.emit_tied(&places[l], &places[r], first_helps, tied, pattern, out);
                }
            }
        }
    }

    /// A list of pairs, each item a place, a connector (`与`, `和`, `—`, or
    /// a verb) and one place or a list of places, the items separated by
    /// `、`, `，` or `；` (a tie word may close an item: `子县与甲区结对，丑县
    /// 与乙区结对`): `按照新的结对关系，甲区与子县、乙区与丑县、丙区与寅县开展
    /// 协作` gives three pairs and no link across items; `甲省与子省、丑省，
    /// 乙省与寅省` gives three. The places it uses are marked so that the
    /// other patterns leave them alone.
    fn pair_list(&self, places: &[Place], used: &mut [bool], out: &mut Vec<Found>) {
        let n = places.len();
        let gap = |k: usize| self.between(&places[k], &places[k + 1]);
        let mut i = 0;
        while i + 3 < n {
            let mut items: Vec<(usize, Vec<usize>, Option<bool>)> = Vec::new();
            let mut k = i;
            let mut verb_kind: Option<bool> = None;
            while k + 1 < n {
                let Some(first_helps) = self.connector(gap(k)) else {
                    break;
                };
                // One kind of connector through the list: all verbs or all
                // neutral words.
                if verb_kind.is_some_and(|v| v != first_helps.is_some()) {
                    break;
                }
                verb_kind = Some(first_helps.is_some());
                // The other side: one place, or a list of them (up to a
                // place that starts the next item with its own connector).
                let mut right = vec![k + 1];
                let mut m = k + 1;
                while m + 1 < n
                    && LIST.contains(&gap(m))
                    && !(m + 2 < n && self.connector(gap(m + 1)).is_some())
                {
                    m += 1;
                    right.push(m);
                }
                items.push((k, right, first_helps));
                if m + 2 < n && self.item_separator(gap(m)) {
                    k = m + 1;
                } else {
                    break;
                }
            }
            if items.len() >= 2 && (self.support() || self.doc.doc_support) {
                let mut end = i;
                for (k, right, first_helps) in &items {
                    used[*k] = true;
                    for &r in right {
                        self.emit(
                            &places[*k],
                            &places[r],
                            *first_helps,
                            Pattern::PairList,
                            out,
                        );
                        used[r] = true;
                        end = end.max(r);
                    }
                }
                i = end + 1;
            } else {
                i += 1;
            }
        }
    }

    /// The connector of one item of a list of pairs: `Some(None)` for a
    /// neutral word (`与`, `—`), `Some(Some(true))` for a verb.
    fn connector(&self, gap: &str) -> Option<Option<bool>> {
        let t = gap.trim();
        if words().connectors.contains(&t) {
            return Some(None);
        }
        verb_gap(t).map(|_| Some(true))
    }

    /// A separator between two items of a list of pairs, optionally after
    /// a tie word that closes the first item (`结对，`).
    fn item_separator(&self, gap: &str) -> bool {
        let t = gap.trim();
        let Some(last) = t.chars().next_back() else {
            return false;
        };
        if !ITEM_SEP.contains(&last) {
            return false;
        }
        let head = t[..t.len() - last.len_utf8()].trim();
        head.is_empty()
            || (head.chars().count() <= 8
                && words().ties.iter().any(|w| head.contains(w))
                && !head.contains(ITEM_SEP))
    }

    /// `甲市—子州东西部协作联席会议`, `子县—甲区召开协作联席会议` (the helped
    /// side first: the official list or the ranks decide), `甲市·子区及
    /// 丑师工作交流座谈会` (a list after the dot).
    fn dash(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
        if !self.support() {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            if used[i] || used[i + 1] {
                continue;
            }
            let gap = self.between(&places[i], &places[i + 1]).trim();
            let dash = !gap.is_empty() && gap.chars().all(|c| matches!(c, '—' | '-' | '·'));
            if dash {
                let left = self.group_to(places, i, LIST);
                let right = self.group_from(places, i + 1, LIST);
                self.pair_lists(places, &left, &right, None, Pattern::Dash, out);
            }
        }
    }

    /// `津甘协作`, `鲁甘两省`, `“滨羚”合作`: a pair word of two
    /// abbreviations. Read as a pair only where the two are an official
    /// pair, or where the document also names both sides in full and the
    /// sentence speaks of support (`川渝` in news of a city cluster is no
    /// pairing; `闽宁` may be a town's name).
    fn pair_words(&self, places: &[Place], out: &mut Vec<Found>) {
        let g = self.doc.g;
        for (i, p) in places.iter().enumerate() {
            let Some(j) = p.pair else { continue };
            if j <= i {
                continue;
            }
            let Some(q) = places.get(j) else { continue };
            // An official pair at its level or through descendants (a
            // roll-up of city pairs is not enough: `苏皖` of a cluster).
            let official = self
                .doc
                .reference
                .cover(g, p.region, q.region, None)
                .is_some_and(|c| c.within);
            let named = self.doc.names_within(p.region) && self.doc.names_within(q.region);
            let scheme = self.east_west() || self.counterpart() || self.other();
            if official || (named && (scheme || self.support())) {
                self.emit(p, q, None, Pattern::PairWord, out);
            }
        }
    }

    /// `甲区对口帮扶子县`, `甲省已正式结对子州`, `甲区、乙区对口帮扶子县`
    /// (each with the one), `甲省按一流标准援建的子县中学`, and the passive
    /// `子县由甲区结对帮扶`, `子县、丑县分别由甲区、乙区帮扶`.
    fn verbs(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
        for i in 0..places.len().saturating_sub(1) {
            if used[i] && used[i + 1] {
                continue;
            }
            let gap = self.between(&places[i], &places[i + 1]);
            // Every form below is a short gap (in bytes, 3 a character).
            if gap.len() > 60 {
                continue;
            }
            if holds(gap, "分别") {
                continue; // the Respectively pattern
            }
            // Passive: the helped side, 由, the helper, then the verb.
            if strip_adverbs(gap) == "由" {
                let after = self.after(&places[i + 1]);
                let right = self.group_from(places, i + 1, LIST);
                let last = right.last().copied().unwrap_or(i + 1);
                let after_list = if last > i + 1 {
                    self.after(&places[last])
                } else {
                    after
                };
                if starts_with_verb(after_list) {
                    let left = self.group_to(places, i, LIST);
                    self.pair_lists(places, &right, &left, Some(true), Pattern::Verb, out);
                }
                continue;
            }
            let Some(_) = verb_gap(gap).or_else(|| verb_at_end(gap)) else {
                // `甲区对子县的帮扶`, `甲省、甲市高度重视对子市革命老区的帮扶`:
                // 对, the helped side, 的 and a support noun;
                // `甲市成为子州的对口支援城市`.
                let noun_after = || {
                    let after = self.after(&places[i + 1]);
                    let Some(k) = after
                        .find('的')
                        .filter(|&k| after[..k].chars().count() <= 6)
                    else {
                        return false;
                    };
                    let noun = &after[k + '的'.len_utf8()..];
                    [
                        "帮扶",
                        "支援",
                        "援助",
                        "对口支援",
                        "对口帮扶",
                        "援建",
                        "结对帮扶",
                    ]
                    .iter()
                    .any(|w| noun.starts_with(w))
                };
                let short_lead = |g: &str, tail: &str| {
                    g.strip_suffix(tail).is_some_and(|lead| {
                        lead.chars().count() <= 12 && !lead.contains(['，', ',', '。', '；', ';'])
                    })
                };
                if (short_lead(gap, "对") || short_lead(gap, "成为") || gap == "是")
                    && self.support()
                    && noun_after()
                {
                    let left = self.group_to(places, i, LIST);
                    self.pair_lists(places, &left, &[i + 1], Some(true), Pattern::Verb, out);
                }
                // `甲省…给予子县大力支持`, `甲市为子县提供帮扶资金`, `甲区向
                // 子县捐赠物资`: the helper gives, the helped side receives
                // (in an article about support).
                let giving = gap.ends_with("给予") || gap.ends_with('给');
                let providing = gap.ends_with('为') || gap.ends_with('向');
                if (giving || providing) && (self.support() || self.doc.doc_support) {
                    let right = self.group_from(places, i + 1, LIST);
                    let last = right.last().copied().unwrap_or(i + 1);
                    let after = first_clause(self.after(&places[last]));
                    let head: String = after.chars().take(12).collect();
                    let gives = giving
                        && (long_lead(gap, "给予") || long_lead(gap, "给"))
                        && ["支持", "帮扶", "支援", "帮助", "援助", "关心"]
                            .iter()
                            .any(|w| head.contains(w));
                    let provides = providing
                        && (long_lead(gap, "为") || long_lead(gap, "向"))
                        && [
                            "提供", "投入", "捐赠", "捐助", "派出", "选派", "输送", "拨付", "援建",
                        ]
                        .iter()
                        .any(|w| strip_adverbs(after).starts_with(w));
                    if gives || provides {
                        let left = self.group_to(places, i, HELPERS);
                        self.pair_lists(places, &left, &right, Some(true), Pattern::Verb, out);
                    }
                }
                // `子县得到了甲区的大力帮扶`: the helped side first.
                let received = ["得到", "得到了", "受到", "获得", "获得了"]
                    .iter()
                    .any(|w| short_lead(gap, w));
                if received && (self.support() || self.doc.doc_support) {
                    let after = self.after(&places[i + 1]);
                    let noun = after
                        .find('的')
                        .filter(|&k| after[..k].chars().count() <= 6)
                        .map_or("", |k| &after[k + '的'.len_utf8()..]);
                    let noun = strip_adverbs(noun);
                    let noun: String = noun.chars().take(8).collect();
                    if ["帮扶", "支援", "援助", "支持", "帮助", "关心", "援建"]
                        .iter()
                        .any(|w| noun.contains(w))
                    {
                        self.emit(&places[i + 1], &places[i], Some(true), Pattern::Verb, out);
                    }
                }
                continue;
            };
            // `援疆干部…对口支援子师`: the province after 援 is aided, it
            // never helps.
            if places[i].abbr && self.text()[..places[i].start].ends_with('援') {
                continue;
            }
            // The helpers may be joined by 联合 (`甲市联合乙市对口帮扶子市`).
            let left = self.group_to(places, i, HELPERS);
            let right = self.group_from(places, i + 1, LIST);
            self.pair_lists(places, &left, &right, Some(true), Pattern::Verb, out);
        }
    }

    /// `甲区、乙区、丙区日前分别与子县、丑县、寅县签署结对协议` pairs in
    /// order; `甲省、乙省分别对口支援子市、丑市` too (the verb gives the
    /// direction); `子县、丑县分别由甲区、乙区结对帮扶` (passive);
    /// `甲区与子县、丑县分别签约` pairs the one with each.
    fn respectively(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
        for i in 0..places.len().saturating_sub(1) {
            if used[i] || used[i + 1] {
                continue;
            }
            let gap = self.between(&places[i], &places[i + 1]);
            if gap.len() > 60 {
                continue;
            }
            let Some(at) = find_in(gap, "分别") else {
                continue;
            };
            // Before 分别: only adverbs (日前, 已, 还 …).
            if !strip_adverbs(&gap[..at]).is_empty() {
                continue;
            }
            let rest = strip_adverbs(&gap[at + "分别".len()..]);
            let left = self.group_to(places, i, LIST);
            let right = self.group_from(places, i + 1, LIST);
            if left.len() != right.len() && left.len() != 1 && right.len() != 1 {
                continue;
            }
            if matches!(rest, "与" | "和" | "同" | "跟") {
                if self.has(HIT_AGREEMENT) {
                    self.pair_lists(places, &left, &right, None, Pattern::Respectively, out);
                }
            } else if rest == "由" {
                let last = right.last().copied().unwrap_or(i + 1);
                if starts_with_verb(self.after(&places[last])) {
                    self.pair_lists(
                        places,
                        &right,
                        &left,
                        Some(true),
                        Pattern::Respectively,
                        out,
                    );
                }
            } else if verb_gap(rest).is_some() {
                self.pair_lists(
                    places,
                    &left,
                    &right,
                    Some(true),
                    Pattern::Respectively,
                    out,
                );
            }
        }
    }

    /// Cadres, builders and teams and where they come from: the helper is
    /// where they come from (`来自甲区、挂职子县副县长的干部`, `甲省援建者
    /// 在子县`, `选派到子县挂职的甲市干部`, `甲区帮扶工作队进驻子县`). The
    /// helped side is the place of the posting (after `挂职`, `到`, `赴`,
    /// `在`, `派驻` …), else the other places of the sentence of lower rank.
    fn agent(&self, places: &[Place], out: &mut Vec<Found>) {
        if !self.has(HIT_AGENT | HIT_POSTING) {
            return;
        }
        let w = words();
        let mut helpers: Vec<usize> = Vec::new();
        for (i, p) in places.iter().enumerate() {
            let before = self.before(p);
            let after = self.after(p);
            let after = after.strip_prefix('的').unwrap_or(after);
            let after = strip_batch(after);
            let from = before.ends_with("来自") || before.ends_with("来自于");
            // 甲区援建者, 甲市援疆干部; `干部` alone only after 来自 or
            // before a posting (甲市干部到子县挂职).
            let agent = w.agents.iter().find(|a| after.starts_with(**a));
            let agent = match agent {
                Some(&"干部") | Some(&"专家") => from || self.has(HIT_POSTING),
                Some(_) => true,
                None => false,
            };
            if from || agent {
                helpers.push(i);
            }
        }
        if helpers.is_empty() {
            return;
        }
        let posted: Vec<usize> = (0..places.len())
            .filter(|i| !helpers.contains(i))
            .filter(|&i| {
                let p = &places[i];
                let before = self.before(p);
                let before = before.trim_end_matches(['了', '的']);
                let after = self.after(p);
                w.posting.iter().any(|x| before.ends_with(x))
                    || ((before.ends_with('到')
                        || before.ends_with('赴')
                        || before.ends_with('在'))
                        && w.posting.iter().any(|x| after.contains(x)))
                    || w.posting.iter().any(|x| after.starts_with(x))
            })
            .collect();
        let mut helped: Vec<usize> = if posted.is_empty() {
            let g = self.doc.g;
            (0..places.len())
                .filter(|i| !helpers.contains(i))
                .filter(|&i| {
                    helpers.iter().any(|&h| {
                        keywords::rank(g, places[h].region) > keywords::rank(g, places[i].region)
                            || self
                                .doc
                                .reference
                                .cover(g, places[h].region, places[i].region, None)
                                .is_some_and(|c| c.first_helps)
                    })
                })
                .collect()
        } else {
            posted
        };
        // `援疆干部…抵达子县`: the county, not the province of 援疆.
        let g = self.doc.g;
        let regions: Vec<RegionId> = helped.iter().map(|&i| places[i].region).collect();
        helped.retain(|&i| {
            !places[i].abbr
                || !regions
                    .iter()
                    .any(|&q| q != places[i].region && g.region(q).province == places[i].region)
        });
        if helpers.len() == helped.len() {
            for (&h, &d) in helpers.iter().zip(&helped) {
                self.emit(&places[h], &places[d], Some(true), Pattern::Agent, out);
            }
        } else if helpers.len() == 1 || helped.len() == 1 {
            for &h in &helpers {
                for &d in &helped {
                    self.emit(&places[h], &places[d], Some(true), Pattern::Agent, out);
                }
            }
        }
    }

    /// Two places written together as the name of what they build jointly
    /// (`甲市子市工业园区`, `常熟泗洪共建园区`, `甲区子县产业合作园`): the
    /// official list or the sides give the direction.
    fn juxtaposed(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
        if !self.support() && !self.doc.doc_support {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            let (a, b) = (&places[i], &places[i + 1]);
            if used[i] || used[i + 1] || a.pair.is_some() || a.abbr || b.abbr || a.end != b.start {
                continue;
            }
            let after = self.after(b);
            if JOINT_WORKS.iter().any(|w| after.starts_with(w)) {
                self.emit(a, b, None, Pattern::Juxtaposed, out);
            }
        }
    }

    /// `甲区代表团赴子县考察对接东西部协作`, `子州党政代表团来甲市考察`
    /// (the visit goes from the helped side to the helper: the official
    /// list or the ranks decide).
    fn delegation(&self, places: &[Place], out: &mut Vec<Found>) {
        if !(self.support() || self.doc.doc_ew || self.doc.doc_cs) {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            let gap = self.between(&places[i], &places[i + 1]);
            if gap.len() > 36 {
                continue;
            }
            let Some(d) = find_in(gap, "代表团") else {
                continue;
            };
            let after = &gap[d + "代表团".len()..];
            if gap[..d].chars().count() <= 4
                && words().visit.contains(&after)
                && (self.text()[places[i + 1].end..].starts_with("考察") || self.support())
            {
                self.emit(&places[i], &places[i + 1], None, Pattern::Delegation, out);
            }
        }
    }

    /// `在甲省、子省两省党委政府的领导下` in a sentence about support: the
    /// two sides of a pair (never two places of one rank).
    fn two_sides(&self, places: &[Place], out: &mut Vec<Found>) {
        if !self.support() && !self.doc.doc_ew && !self.doc.doc_cs {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            let gap = self.between(&places[i], &places[i + 1]);
            if gap != "、" && gap != "和" && gap != "与" {
                continue;
            }
            let rest = &self.text()[places[i + 1].end..];
            let starts_two = words().two_sides.iter().any(|t| rest.starts_with(t));
            let is_group_end = i + 2 >= places.len()
                || !LIST.contains(&self.between(&places[i + 1], &places[i + 2]));
            let is_group_start =
                i == 0 || !LIST.contains(&self.between(&places[i - 1], &places[i]));
            if starts_two && is_group_end && is_group_start && places[i].pair.is_none() {
                self.emit(&places[i], &places[i + 1], None, Pattern::TwoSides, out);
            }
        }
    }

    /// `甲区与子县建立友好区县关系`, `子县与甲区深化东西部协作`: a tie word
    /// after the second place, in the same clause.
    fn with(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
        if !self.has(HIT_TIES) {
            return;
        }
        for i in 0..places.len().saturating_sub(1) {
            if used[i] || used[i + 1] {
                continue;
            }
            let gap = self.between(&places[i], &places[i + 1]);
            if gap.len() > 40 || !gap.ends_with(['与', '同', '和', '跟']) {
                continue;
            }
            // `甲区某镇与子县`, `甲市港保税区与子县`: a town or zone of the
            // first place stands for it.
            let gap = strip_sub_place(gap);
            let joined = matches!(gap, "与" | "同" | "和" | "跟" | "愿与" | "将与" | "已与");
            if !joined {
                continue;
            }
            // `甲、乙和丙` is a list, not a pair.
            if gap == "和" && (i > 0 && LIST.contains(&self.between(&places[i - 1], &places[i]))) {
                continue;
            }
            let left = self.group_to(places, i, LIST);
            let right = self.group_from(places, i + 1, LIST);
            if gap == "和" && (left.len() > 1 || right.len() > 1) {
                continue;
            }
            let last = right.last().copied().unwrap_or(i + 1);
            let clause = first_clause(self.after(&places[last]));
            if !words().ties.iter().any(|w| holds(clause, w)) {
                continue;
            }
            // `合作` alone ties two places only in a support context.
            if !self.support() && !self.doc.doc_support {
                continue;
            }
            let tied = PAIRING_TIES.iter().any(|w| holds(clause, w));
            self.pair_lists_tied(places, &left, &right, None, tied, Pattern::With, out);
        }
    }

    /// A sentence about support naming eastern and western places at the
    /// same level, one or two on each side: `子县对甲区…对子县…的关心支持
    /// 表示衷心感谢` (Thanks), `子县的发展离不开甲区的倾力帮扶` (Context).
    fn context(&self, places: &[Place], out: &mut Vec<Found>) {
        // The strong words: the scheme names and the support verbs.
        let strong = || self.east_west() || self.counterpart() || self.has(HIT_STRONG);
        // Thanks for support in general (`对甲省给予代表团的便利和支持表示
        // 感谢`) is no pairing: the thanked support must be named.
        let scheme_doc = self.doc.doc_ew || self.doc.doc_cs || self.doc.doc_other;
        let thanks = self.has(HIT_THANKS) && self.has(HIT_THANKED_FOR) && (strong() || scheme_doc);
        if !thanks && !strong() {
            return;
        }
        let g = self.doc.g;
        let pattern = if thanks {
            Pattern::Thanks
        } else {
            Pattern::Context
        };
        let mut east: Vec<&Place> = Vec::new();
        let mut west: Vec<&Place> = Vec::new();
        // Not sides: places in a list of three or more or closed by 等
        // (`甲市、乙省、丙市等地`), and the topic of a meeting's name
        // (`中央子区工作座谈会`).
        // The list groups, in one pass: (first, last) place of each.
        let mut listed = vec![false; places.len()];
        let mut start = 0;
        for k in 0..places.len() {
            let joined_next =
                k + 1 < places.len() && LIST.contains(&self.between(&places[k], &places[k + 1]));
            if !joined_next {
                let len = k + 1 - start;
                let closed = len >= 2 && self.after(&places[k]).starts_with('等');
                if len >= 3 || closed {
                    listed[start..=k].iter_mut().for_each(|l| *l = true);
                }
                start = k + 1;
            }
        }
        let listed = |i: usize| listed[i];
        let topic = |p: &Place| {
            let after = self.after(p);
            after.starts_with("工作座谈会") || after.starts_with("工作会议")
        };
        for (i, p) in places.iter().enumerate() {
            if p.pair.is_some() || p.abbr || listed(i) || topic(p) {
                continue;
            }
            let side = match keywords::rank(g, p.region) {
                Some(Rank::West) => &mut west,
                Some(Rank::East) => &mut east,
                // A middle province pairs with the west here only by an
                // official list (two helped places are not partners).
                Some(Rank::Middle) => &mut east,
                None => continue,
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
            // A middle province's place pairs with a western one only as an
            // official pair (the two may both be helped by a third).
            let emit = |p: &Place, q: &Place, out: &mut Vec<Found>| {
                let middle = keywords::rank(g, p.region) == Some(Rank::Middle);
                if !middle
                    || self
                        .doc
                        .reference
                        .cover(g, p.region, q.region, None)
                        .is_some_and(|c| c.within)
                {
                    self.emit(p, q, None, pattern, out);
                }
            };
            if e.len() == 1 && w.len() <= 2 {
                for q in &w {
                    emit(e[0], q, out);
                }
            } else if e.len() == 2 && w.len() == 2 {
                // `甲省和甲市…对子省和子州` at mixed levels is handled level by
                // level; two at one level pair in order.
                for (p, q) in e.iter().zip(&w) {
                    emit(p, q, out);
                }
            }
        }
        // An eastern and a middle place (`甲市、子市对口合作` of the north-east
        // or the old revolutionary areas): only as an official pair.
        let (hi, mid): (Vec<&Place>, Vec<&Place>) = east
            .iter()
            .partition(|p| keywords::rank(g, p.region) == Some(Rank::East));
        if hi.len() == 1 && (1..=2).contains(&mid.len()) && west.is_empty() {
            for q in &mid {
                if self
                    .doc
                    .reference
                    .cover(g, hi[0].region, q.region, None)
                    .is_some_and(|c| c.within)
                {
                    self.emit(hi[0], q, None, pattern, out);
                }
            }
        }
    }

    /// `代表团来到子县甲市工业园，察看产业援疆`, `走进子县第一小学…考察
    /// 教育援疆`, `援兵团第十一师工作组`: places in the aided province (or
    /// right after 援) get the helper named in the sentence, or else the
    /// document's helper for that province.
    fn aid_target(
        &self,
        places: &[Place],
        doc_pairs: &[(RegionId, RegionId)],
        out: &mut Vec<Found>,
    ) {
        let g = self.doc.g;
        // A cadre sent by the central government (`中央和国家机关援疆干部`)
        // has no regional helper.
        if central_sender(self.text().get(self.range.clone()).unwrap_or("")) {
            return;
        }
        let west = |r: RegionId| keywords::rank(g, r) == Some(Rank::West);
        // Provinces the sentence says are aided (援疆, 援甘 …).
        let mut aided: Vec<RegionId> = places
            .iter()
            .filter(|p| p.abbr && self.text()[..p.start].ends_with('援'))
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
            let before = &self.text()[..p.start];
            before.ends_with('援') || before.ends_with("支援") || before.ends_with("援助")
        };
        let mut targets: Vec<&Place> = places
            .iter()
            .filter(|p| west(p.region))
            .filter(|p| in_aided(p.region) || right_after_aid(p))
            .collect();
        // `对口支援子省的一个重灾县，明确甲省对口支援子县`: the county, not
        // the province it lies in.
        // So does 新疆 (援疆) to a division of the Corps.
        let all: Vec<RegionId> = targets.iter().map(|p| p.region).collect();
        targets.retain(|p| {
            g.region(p.region).level != Level::Province
                || !all
                    .iter()
                    .any(|&q| q != p.region && g.region(q).province == p.region)
        });
        if targets.is_empty() {
            return;
        }
        let mut helpers: Vec<&Place> = places.iter().filter(|p| !west(p.region)).collect();
        // One helper named twice (`甲省…指挥部介绍，甲省在子州…`) is one.
        helpers.sort_by_key(|p| p.region);
        helpers.dedup_by_key(|p| p.region);
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
                    home: false,
                })
            } else {
                None
            };
            // A helper finer than a province-wide target (`甲区援甘干部`)
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

/// Central senders of cadres: `中央(某部)第五批援青干部`, `中央和国家机关
/// 援疆干部`, `中直机关`, `央企`.
const CENTRAL: &[&str] = &["中央", "国家机关", "中直", "央企", "国家部委"];

/// True when a central body stands within twelve characters before a
/// cadre (`援…干部`, `挂职`) in the sentence.
fn central_sender(sentence: &str) -> bool {
    CENTRAL.iter().any(|c| {
        sentence.match_indices(c).any(|(k, _)| {
            let after: String = sentence[k..].chars().take(16).collect();
            after.contains("干部") || after.contains("挂职")
        })
    })
}

/// Suffixes of places finer than a county, and of zones (`某镇`, `某街道`,
/// `某经济技术开发区`, `西海岸新区`): such a name right after a region
/// stands for that region.
const SUB_PLACES: &[&str] = &[
    "镇",
    "乡",
    "街道",
    "村",
    "社区",
    "开发区",
    "经开区",
    "高新区",
    "园区",
    "新区",
    "保税区",
    "工业园",
    "商会",
    "管委会",
];

/// The gap without a leading name of a place finer than a county
/// (`勒流街道与` → `与`): at most ten characters ending in a [`SUB_PLACES`]
/// suffix, without a clause mark.
fn strip_sub_place(gap: &str) -> &str {
    for suffix in SUB_PLACES {
        if let Some(k) = find_in(gap, suffix) {
            let head = &gap[..k];
            if head.chars().count() <= 8
                && !head.contains(['，', ',', '。', '；', ';', '、', '与', '和'])
            {
                return &gap[k + suffix.len()..];
            }
        }
    }
    gap
}

/// Strips a batch number before an agent noun: `第六批援藏干部`,
/// `首批`, `新一批`, `第十一批`.
fn strip_batch(s: &str) -> &str {
    for lead in ["首批", "新一批", "新一轮", "本批"] {
        if let Some(rest) = s.strip_prefix(lead) {
            return rest;
        }
    }
    if let Some(rest) = s.strip_prefix('第')
        && let Some(k) = rest.find('批')
        && rest[..k]
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十百".contains(c))
    {
        return &rest[k + '批'.len_utf8()..];
    }
    s
}

/// The text up to the first clause mark (`，` `。` `；` `：`).
fn first_clause(s: &str) -> &str {
    s.find(['，', ',', '。', '；', ';', '：', ':'])
        .map_or(s, |i| &s[..i])
}

/// True when `gap` ends with `tail` after a lead of at most 24 characters
/// in one clause (a list of fields with `、` is fine: `在产业、民生等领域给予`).
fn long_lead(gap: &str, tail: &str) -> bool {
    gap.strip_suffix(tail).is_some_and(|lead| {
        lead.chars().count() <= 24 && !lead.contains(['，', ',', '。', '；', ';', '：', ':'])
    })
}

/// True when a text starts with a verb, after adverbs (`结对帮扶以来`).
fn starts_with_verb(s: &str) -> bool {
    let rest = strip_adverbs(s);
    words().verbs.iter().any(|v| rest.starts_with(v))
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

/// What two partners build together, after their names written side by
/// side (`甲市子市工业园区`).
const JOINT_WORKS: &[&str] = &[
    "工业园",
    "产业园",
    "共建",
    "合作园",
    "合作区",
    "协作区",
    "产业合作",
    "园区",
    "飞地",
    "示范区",
    "开发区",
    "经济开发区",
];
