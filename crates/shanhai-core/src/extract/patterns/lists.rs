//! Lists of places: the groups joined by list words, pairs of lists, the
//! PairList pattern (`甲区与子县、乙区与丑县`) and Respectively
//! (`甲区、乙区分别与子县、丑县…`).

use super::words::{ITEM_SEP, LIST, find_in, starts_with_verb, strip_adverbs, verb_gap, words};
use super::{Ctx, Found, Pattern};
use crate::extract::keywords::HIT_AGREEMENT;
use crate::extract::places::Place;

impl Ctx<'_> {
    /// The places joined to `places[i]` by list words, starting with it.
    pub(super) fn group_from(&self, places: &[Place], i: usize, joiners: &[&str]) -> Vec<usize> {
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
    pub(super) fn group_to(&self, places: &[Place], i: usize, joiners: &[&str]) -> Vec<usize> {
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
    pub(super) fn pair_lists(
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
    pub(super) fn pair_lists_tied(
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
    pub(super) fn pair_list(&self, places: &[Place], used: &mut [bool], out: &mut Vec<Found>) {
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

    /// `甲区、乙区、丙区日前分别与子县、丑县、寅县签署结对协议` pairs in
    /// order; `甲省、乙省分别对口支援子市、丑市` too (the verb gives the
    /// direction); `子县、丑县分别由甲区、乙区结对帮扶` (passive);
    /// `甲区与子县、丑县分别签约` pairs the one with each.
    pub(super) fn respectively(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
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
}
