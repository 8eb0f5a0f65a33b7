//! Patterns of people sent between places: Agent (cadres, builders and
//! teams: `来自甲区、挂职子县副县长的干部`) and Delegation
//! (`甲区代表团赴子县考察对接`).

use super::words::{find_in, strip_batch, words};
use super::{Ctx, Found, Pattern};
use crate::extract::keywords::{self, HIT_AGENT, HIT_POSTING};
use crate::extract::places::Place;
use crate::gazetteer::RegionId;

impl Ctx<'_> {
    /// Cadres, builders and teams and where they come from: the helper is
    /// where they come from (`来自甲区、挂职子县副县长的干部`, `甲省援建者
    /// 在子县`, `选派到子县挂职的甲市干部`, `甲区帮扶工作队进驻子县`). The
    /// helped side is the place of the posting (after `挂职`, `到`, `赴`,
    /// `在`, `派驻` …), else the other places of the sentence of lower rank.
    pub(super) fn agent(&self, places: &[Place], out: &mut Vec<Found>) {
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

    /// `甲区代表团赴子县考察对接东西部协作`, `子州党政代表团来甲市考察`
    /// (the visit goes from the helped side to the helper: the official
    /// list or the ranks decide).
    pub(super) fn delegation(&self, places: &[Place], out: &mut Vec<Found>) {
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
}

/// Central senders of cadres: `中央(某部)第五批援青干部`, `中央和国家机关
/// 援疆干部`, `中直机关`, `央企`.
const CENTRAL: &[&str] = &["中央", "国家机关", "中直", "央企", "国家部委"];

/// True when a central body stands within twelve characters before a
/// cadre (`援…干部`, `挂职`) in the sentence.
pub(super) fn central_sender(sentence: &str) -> bool {
    CENTRAL.iter().any(|c| {
        sentence.match_indices(c).any(|(k, _)| {
            let after: String = sentence[k..].chars().take(16).collect();
            after.contains("干部") || after.contains("挂职")
        })
    })
}
