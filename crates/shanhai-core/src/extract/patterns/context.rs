//! Patterns that lean on the sentence or the document rather than on the
//! words between two places: Context and Thanks (eastern and western
//! places in a sentence about support) and AidTarget (places in the aided
//! province with the document's helper).

use super::agents::central_sender;
use super::words::LIST;
use super::{Ctx, Found, Pattern};
use crate::extract::keywords::{self, AID_WORDS, HIT_STRONG, HIT_THANKED_FOR, HIT_THANKS, Rank};
use crate::extract::places::Place;
use crate::gazetteer::{Gazetteer, Level, RegionId};

impl Ctx<'_> {
    /// A sentence about support naming eastern and western places at the
    /// same level, one or two on each side: `子县对甲区…对子县…的关心支持
    /// 表示衷心感谢` (Thanks), `子县的发展离不开甲区的倾力帮扶` (Context).
    pub(super) fn context(&self, places: &[Place], out: &mut Vec<Found>) {
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
    pub(super) fn aid_target(
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
