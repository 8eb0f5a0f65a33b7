//! Patterns of a verb or a tie word between two places: Verb
//! (`甲区对口帮扶子县`, the passive `子县由甲区结对帮扶`) and With
//! (`甲区与子县建立友好区县关系`).

use super::words::{
    HELPERS, LIST, PAIRING_TIES, first_clause, holds, long_lead, starts_with_verb, strip_adverbs,
    strip_sub_place, verb_at_end, verb_gap, words,
};
use super::{Ctx, Found, Pattern};
use crate::extract::keywords::HIT_TIES;
use crate::extract::places::Place;

impl Ctx<'_> {
    /// `甲区对口帮扶子县`, `甲省已正式结对子州`, `甲区、乙区对口帮扶子县`
    /// (each with the one), `甲省按一流标准援建的子县中学`, and the passive
    /// `子县由甲区结对帮扶`, `子县、丑县分别由甲区、乙区帮扶`.
    pub(super) fn verbs(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
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

    /// `甲区与子县建立友好区县关系`, `子县与甲区深化东西部协作`: a tie word
    /// after the second place, in the same clause.
    pub(super) fn with(&self, places: &[Place], used: &[bool], out: &mut Vec<Found>) {
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
}
