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
//!
//! This file holds the driver ([`find_all`]), what the patterns know of the
//! document and the sentence ([`Doc`], [`Ctx`]) and the one decision; the
//! patterns themselves are methods of [`Ctx`] by family: [`lists`]
//! (PairList, Respectively), [`pair_words`] (Dash, PairWord, TwoSides,
//! Juxtaposed), [`verbs`] (Verb, With), [`agents`] (Agent, Delegation) and
//! [`context`] (Context, Thanks, AidTarget); [`words`] holds the cue lists
//! and the readers of the words between two places.

mod agents;
mod context;
mod lists;
mod pair_words;
mod verbs;
mod words;

use std::ops::Range;

use serde::Serialize;

use super::keywords::{
    self, HIT_COUNTERPART, HIT_EAST_WEST, HIT_NOT_PAIRING, HIT_OTHER, HIT_SUPPORT, Rank, Relation,
    WordHits,
};
use super::places::{Place, Sources, Spans, home_region, places};
use crate::gazetteer::{Gazetteer, Level, Mention, RegionId};
use crate::reference::Reference;
use crate::text::{Analysis, Boilerplate};
use words::is_attendance;

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
}
