//! `network`: the pairing network as a petgraph graph, its roll-up to
//! coarser levels, and statistics.

mod stats;

use std::collections::{BTreeSet, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::Serialize;

pub use stats::{NodeStats, betweenness};

use crate::corpus::DocDate;
use crate::extract::{Evidence, Pairing, Relation};
use crate::gazetteer::{Gazetteer, Level, RegionId};

/// The level at which the network is viewed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Default, strum::EnumIter,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ViewLevel {
    /// As the text stated (the finest level).
    #[default]
    #[cfg_attr(feature = "clap", value(name = "county", alias = "stated"))]
    Stated,
    /// Rolled up to prefectures (the Corps and its divisions to the Corps).
    Prefecture,
    /// Rolled up to provincial units (the Corps into Xinjiang).
    Province,
}

impl ViewLevel {
    /// Parses `county`/`stated`, `prefecture`, `province`.
    pub fn parse(s: &str) -> Option<ViewLevel> {
        Some(match s {
            "county" | "stated" => ViewLevel::Stated,
            "prefecture" => ViewLevel::Prefecture,
            "province" => ViewLevel::Province,
            _ => return None,
        })
    }

    fn target(self) -> Option<Level> {
        match self {
            ViewLevel::Stated => None,
            ViewLevel::Prefecture => Some(Level::Prefecture),
            ViewLevel::Province => Some(Level::Province),
        }
    }
}

/// One edge: all the evidence for (helper, helped, relation).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The scheme.
    pub relation: Relation,
    /// Highest confidence of the pairings merged into this link.
    pub confidence: f32,
    /// Distinct documents that state it.
    pub documents: BTreeSet<u32>,
    /// Earliest dated document (year known).
    pub first: Option<DocDate>,
    /// Latest dated document (year known).
    pub last: Option<DocDate>,
    /// The evidence sentences.
    pub evidence: Vec<Evidence>,
}

impl Link {
    /// The weight: number of distinct documents.
    pub fn weight(&self) -> usize {
        self.documents.len()
    }

    fn add_date(&mut self, d: Option<DocDate>) {
        let Some(d) = d.filter(|d| d.year.is_some()) else {
            return;
        };
        if self.first.is_none_or(|f| d < f) {
            self.first = Some(d);
        }
        if self.last.is_none_or(|l| d > l) {
            self.last = Some(d);
        }
    }
}

/// The pairing network: one node per region, one edge per
/// (helper, helped, relation).
#[derive(Debug, Clone, Default)]
pub struct Network {
    /// The graph: node weights are region ids, edges point helper → helped.
    pub graph: StableDiGraph<RegionId, Link>,
    node_of: HashMap<RegionId, NodeIndex>,
    edge_of: HashMap<(RegionId, RegionId, Relation), EdgeIndex>,
}

impl Network {
    /// Builds the network from per-document pairings. `dates[doc]` is the
    /// date of each document.
    ///
    /// # Complexity
    /// O(p) in the number of pairings (hash lookups).
    pub fn build<'a>(
        pairings: impl IntoIterator<Item = &'a Pairing>,
        dates: &dyn Fn(u32) -> Option<DocDate>,
    ) -> Network {
        let mut n = Network::default();
        for p in pairings {
            n.add(
                p.helper,
                p.helped,
                p.relation,
                p.confidence,
                &p.evidence,
                dates,
            );
        }
        n.sort_evidence();
        n
    }

    /// Adds a region as a node (idempotent) and returns its index.
    pub fn node(&mut self, r: RegionId) -> NodeIndex {
        if let Some(&i) = self.node_of.get(&r) {
            return i;
        }
        let i = self.graph.add_node(r);
        self.node_of.insert(r, i);
        i
    }

    /// The node of a region, if it is in the network.
    pub fn node_of(&self, r: RegionId) -> Option<NodeIndex> {
        self.node_of.get(&r).copied()
    }

    /// The edge for (helper, helped, relation), if present.
    pub fn edge(&self, helper: RegionId, helped: RegionId, rel: Relation) -> Option<EdgeIndex> {
        self.edge_of.get(&(helper, helped, rel)).copied()
    }

    fn add(
        &mut self,
        helper: RegionId,
        helped: RegionId,
        relation: Relation,
        confidence: f32,
        evidence: &[Evidence],
        dates: &dyn Fn(u32) -> Option<DocDate>,
    ) {
        if helper == helped {
            return;
        }
        let a = self.node(helper);
        let b = self.node(helped);
        let key = (helper, helped, relation);
        let e = match self.edge_of.get(&key) {
            Some(&e) => e,
            None => {
                let e = self.graph.add_edge(
                    a,
                    b,
                    Link {
                        relation,
                        confidence: 0.0,
                        documents: BTreeSet::new(),
                        first: None,
                        last: None,
                        evidence: Vec::new(),
                    },
                );
                self.edge_of.insert(key, e);
                e
            }
        };
        if let Some(link) = self.graph.edge_weight_mut(e) {
            link.confidence = link.confidence.max(confidence);
            for ev in evidence {
                if link.documents.insert(ev.doc) {
                    link.add_date(dates(ev.doc));
                }
                // Duplicates (the same passage twice) go in `sort_evidence`:
                // looking for them here was quadratic on busy links.
                link.evidence.push(ev.clone());
            }
        }
    }

    /// Sorts each link's evidence by document and position and drops the
    /// passages given twice. O(v log v) for v pieces of evidence.
    fn sort_evidence(&mut self) {
        for e in self.graph.edge_weights_mut() {
            // One passage per sentence text and document: a sentence the
            // article repeats (a caption under two photos) shows once, at
            // its first place.
            e.evidence
                .sort_by(|x, y| (x.doc, &x.text, x.start).cmp(&(y.doc, &y.text, y.start)));
            e.evidence
                .dedup_by(|x, y| x.doc == y.doc && x.text == y.text);
            e.evidence.sort_by_key(|x| (x.doc, x.start));
        }
    }

    /// The network viewed at a coarser level: every endpoint is replaced by
    /// its ancestor at that level, links between the same pair merge, and
    /// links that become self-loops are dropped. `Stated` returns a copy.
    ///
    /// # Complexity
    /// O(e · h + evidence) for e edges and hierarchy depth h ≤ 3.
    pub fn roll_up(&self, g: &Gazetteer, level: ViewLevel) -> Network {
        let Some(target) = level.target() else {
            return self.clone();
        };
        let mut n = Network::default();
        for e in (&self.graph).edge_references() {
            let (Some(&a), Some(&b)) = (
                self.graph.node_weight(e.source()),
                self.graph.node_weight(e.target()),
            ) else {
                continue;
            };
            let (Some(ra), Some(rb)) = (g.at_level(a, target), g.at_level(b, target)) else {
                continue;
            };
            if ra == rb {
                continue;
            }
            let l = e.weight();
            n.add(ra, rb, l.relation, l.confidence, &l.evidence, &|_| None);
            if let Some(&ei) = n.edge_of.get(&(ra, rb, l.relation))
                && let Some(link) = n.graph.edge_weight_mut(ei)
            {
                for d in [l.first, l.last] {
                    link.add_date(d);
                }
            }
        }
        n.sort_evidence();
        n
    }

    /// Number of regions.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of links.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Degree, weighted degree (documents) and betweenness of every node.
    ///
    /// # Complexity
    /// O(V · E) for betweenness (Brandes).
    pub fn stats(&self) -> HashMap<NodeIndex, NodeStats> {
        stats::compute(self)
    }

    /// Links sorted by (helper, helped, relation) for stable output.
    pub fn sorted_links(&self) -> Vec<(RegionId, RegionId, &Link)> {
        let mut v: Vec<(RegionId, RegionId, &Link)> = (&self.graph)
            .edge_references()
            .filter_map(|e| {
                Some((
                    *self.graph.node_weight(e.source())?,
                    *self.graph.node_weight(e.target())?,
                    e.weight(),
                ))
            })
            .collect();
        v.sort_by_key(|(a, b, l)| (*a, *b, l.relation));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Pattern;

    /// A passage; its text names its position (a sentence at another place
    /// is another sentence).
    fn ev(doc: u32, start: usize) -> Evidence {
        Evidence {
            doc,
            start,
            end: start + 9,
            text: format!("河北区与清水县 {start}").into(),
            pattern: Pattern::Dash,
            names: Vec::new(),
        }
    }

    fn pairing(helper: RegionId, helped: RegionId, evidence: Vec<Evidence>) -> Pairing {
        Pairing {
            helper,
            helped,
            relation: Relation::EastWestCooperation,
            confidence: 0.8,
            evidence,
        }
    }

    fn evidence_of(n: &Network) -> Vec<Vec<(u32, usize)>> {
        n.graph
            .edge_weights()
            .map(|l| l.evidence.iter().map(|e| (e.doc, e.start)).collect())
            .collect()
    }

    #[test]
    fn a_passage_given_twice_is_kept_once() {
        let g = Gazetteer::get().expect("the embedded gazetteer loads");
        let code = |c: &str| g.by_code(c).expect("the code is in the gazetteer");
        let (hebei_qu, qingshui) = (code("120105"), code("620521"));
        // The same passage (doc 0 at 10) in two pairings, out of order.
        let n = Network::build(
            &[
                pairing(hebei_qu, qingshui, vec![ev(1, 10), ev(0, 50)]),
                pairing(hebei_qu, qingshui, vec![ev(0, 10), ev(0, 50)]),
            ],
            &|_| None,
        );
        assert_eq!(n.edge_count(), 1);
        assert_eq!(evidence_of(&n), vec![vec![(0, 10), (0, 50), (1, 10)]]);
        let docs: Vec<u32> = n
            .graph
            .edge_weights()
            .flat_map(|l| l.documents.iter().copied())
            .collect();
        assert_eq!(docs, vec![0, 1]);

        // Two county links that merge at province level, stated by one
        // passage: the rolled-up link has it once.
        let (tianjin_sub, gansu_sub) = (code("120101"), code("620102"));
        let n = Network::build(
            &[
                pairing(hebei_qu, qingshui, vec![ev(2, 0)]),
                pairing(tianjin_sub, gansu_sub, vec![ev(2, 0)]),
            ],
            &|_| None,
        );
        assert_eq!(n.edge_count(), 2);
        let p = n.roll_up(g, ViewLevel::Province);
        assert_eq!(p.edge_count(), 1);
        assert_eq!(evidence_of(&p), vec![vec![(2, 0)]]);

        // The same sentence at two places of one document (a caption under
        // two photos) is one passage; in another document it is another.
        let mut again = ev(0, 300);
        again.text = ev(0, 10).text;
        let n = Network::build(
            &[pairing(
                hebei_qu,
                qingshui,
                vec![ev(0, 10), again, ev(1, 10)],
            )],
            &|_| None,
        );
        assert_eq!(evidence_of(&n), vec![vec![(0, 10), (1, 10)]]);
    }
}
