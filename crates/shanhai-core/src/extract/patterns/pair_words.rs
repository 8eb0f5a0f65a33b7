//! Patterns of two names written together without a verb: Dash
//! (`甲市—子州`), PairWord (`津甘协作`), Juxtaposed (`甲市子市工业园区`) and
//! TwoSides (`甲省、子省两省`).

use super::words::{LIST, words};
use super::{Ctx, Found, Pattern};
use crate::extract::places::Place;

impl Ctx<'_> {
    /// `甲市—子州东西部协作联席会议`, `子县—甲区召开协作联席会议` (the helped
    /// side first: the official list or the ranks decide), `甲市·子区及
    /// 丑师工作交流座谈会` (a list after the dot).
    pub(super) fn dash(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
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
    pub(super) fn pair_words(&self, places: &[Place], out: &mut Vec<Found>) {
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

    /// Two places written together as the name of what they build jointly
    /// (`甲市子市工业园区`, `常熟泗洪共建园区`, `甲区子县产业合作园`): the
    /// official list or the sides give the direction.
    pub(super) fn juxtaposed(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
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

    /// `在甲省、子省两省党委政府的领导下` in a sentence about support: the
    /// two sides of a pair (never two places of one rank).
    pub(super) fn two_sides(&self, places: &[Place], out: &mut Vec<Found>) {
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
