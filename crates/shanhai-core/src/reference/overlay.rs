//! The official pairs as the app and the exports show them: the filter,
//! the overlay at a view level, the edges it adds to a network, coverage by
//! scheme and the stated links no official pair covers.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{OfficialPair, Reference, Status};
use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, Level, RegionId};
use crate::network::{Network, ViewLevel};

/// Which official pairs are shown: the schemes not hidden, in force in a
/// span of years (all years without one). The app's Official panel and
/// timeline set it; `shanhai render|export --official` shows all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct OfficialFilter {
    /// Scheme ids not shown.
    pub hidden_schemes: BTreeSet<String>,
    /// Only pairs in force at some time in these years (inclusive).
    pub years: Option<(u16, u16)>,
}

impl OfficialFilter {
    /// True when the pair passes.
    pub fn shows(&self, p: &OfficialPair) -> bool {
        !self.hidden_schemes.contains(&p.scheme)
            && self.years.is_none_or(|(a, b)| p.in_force_between(a, b))
    }
}

/// An official pair as seen at a view level (rows that meet there merged).
#[derive(Debug, Clone, PartialEq)]
pub struct OverlayPair {
    /// Helper at the view level.
    pub helper: RegionId,
    /// Helped side at the view level.
    pub helped: RegionId,
    /// Relation.
    pub relation: Relation,
    /// The best status among the official rows it stands for.
    pub status: Status,
    /// Indices of those rows in [`Reference::pairs`].
    pub rows: Vec<usize>,
}

impl Reference {
    /// The official pairs the filter shows, mapped to a view level and
    /// merged where they meet; pairs that meet in one region are left out.
    ///
    /// # Complexity
    /// O(rows · log rows).
    pub fn overlay_pairs(
        &self,
        g: &Gazetteer,
        level: ViewLevel,
        filter: &OfficialFilter,
    ) -> Vec<OverlayPair> {
        let to = |id: RegionId| match level {
            ViewLevel::Stated => Some(id),
            ViewLevel::Prefecture => g.at_level(id, Level::Prefecture),
            ViewLevel::Province => g.at_level(id, Level::Province),
        };
        let mut map: BTreeMap<(RegionId, RegionId, Relation), OverlayPair> = BTreeMap::new();
        for (i, o) in self.pairs.iter().enumerate() {
            if !filter.shows(o) {
                continue;
            }
            let (Some(a), Some(b)) = (to(o.helper), to(o.helped)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let e = map.entry((a, b, o.relation)).or_insert(OverlayPair {
                helper: a,
                helped: b,
                relation: o.relation,
                status: o.status,
                rows: Vec::new(),
            });
            e.status = e.status.min(o.status);
            e.rows.push(i);
        }
        map.into_values().collect()
    }

    /// The schemes of a set of rows, each once, in table order.
    pub fn schemes_of(&self, rows: &[usize]) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for &i in rows {
            if let Some(p) = self.pairs.get(i)
                && !v.contains(&p.scheme.as_str())
            {
                v.push(p.scheme.as_str());
            }
        }
        v
    }

    /// Per scheme, how the articles cover the pairs the filter shows:
    /// `counts[i]` is the number of articles stating row `i`
    /// ([`Reference::article_counts`]).
    pub fn coverage(&self, counts: &[usize], filter: &OfficialFilter) -> Vec<SchemeCoverage> {
        let mut out: Vec<SchemeCoverage> = Vec::new();
        for (i, p) in self.pairs.iter().enumerate() {
            let shown = filter.years.is_none_or(|(a, b)| p.in_force_between(a, b));
            if !shown {
                continue;
            }
            let pos = match out.iter().position(|c| c.scheme == p.scheme) {
                Some(k) => k,
                None => {
                    out.push(SchemeCoverage {
                        scheme: p.scheme.clone(),
                        relation: p.relation,
                        pairs: 0,
                        stated: 0,
                        not_stated: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let c = &mut out[pos];
            c.pairs += 1;
            if counts.get(i).copied().unwrap_or(0) > 0 {
                c.stated += 1;
            } else {
                c.not_stated.push(i);
            }
        }
        out
    }
}

/// How the articles of a folder cover one scheme's official pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeCoverage {
    /// The scheme id.
    pub scheme: String,
    /// Its relation.
    pub relation: Relation,
    /// Official pairs (in the years shown).
    pub pairs: usize,
    /// Pairs at least one article states.
    pub stated: usize,
    /// Rows no article states.
    pub not_stated: Vec<usize>,
}

/// True when one end of the pair is a region with a stated link in `net`
/// (the overlay shows the official pairs around what the articles state,
/// not the pairs between the far ends it brings in).
pub fn touches(net: &Network, o: &OverlayPair) -> bool {
    [o.helper, o.helped].iter().any(|&r| {
        net.node_of(r)
            .is_some_and(|n| net.graph.neighbors_undirected(n).next().is_some())
    })
}

/// Adds to `net` the far ends of the official pairs that touch it
/// ([`touches`]), so that the overlay can draw them.
pub fn add_touching_ends(net: &mut Network, pairs: &[OverlayPair]) {
    let touching: Vec<(RegionId, RegionId)> = pairs
        .iter()
        .filter(|o| touches(net, o))
        .map(|o| (o.helper, o.helped))
        .collect();
    for (a, b) in touching {
        net.node(a);
        net.node(b);
    }
}

/// An official pair of the overlay with both ends in a network, for the
/// exports: whether the articles state it too.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialEdge {
    /// The pair at the network's level.
    pub pair: OverlayPair,
    /// The network has a link helper → helped of the pair's relation.
    pub stated: bool,
    /// The schemes of its rows (`east_west_cooperation`, …).
    pub schemes: Vec<String>,
}

/// The overlay pairs whose two ends are in `net` and that touch its stated
/// links ([`touches`]), with whether `net` states them.
pub fn official_edges(
    reference: &Reference,
    net: &Network,
    pairs: &[OverlayPair],
) -> Vec<OfficialEdge> {
    pairs
        .iter()
        .filter(|o| net.node_of(o.helper).is_some() && net.node_of(o.helped).is_some())
        .filter(|o| touches(net, o))
        .map(|o| OfficialEdge {
            stated: net.edge(o.helper, o.helped, o.relation).is_some(),
            schemes: reference
                .schemes_of(&o.rows)
                .into_iter()
                .map(str::to_string)
                .collect(),
            pair: o.clone(),
        })
        .collect()
}

/// The overlay for a network at a level: the official pairs the filter
/// shows, of the relations not hidden, whose ends join `net` where one of
/// them is already in it; returns them with whether `net` states each
/// (what `shanhai render|export --official` and the app's exports carry).
pub fn overlay_for(
    g: &Gazetteer,
    reference: &Reference,
    net: &mut Network,
    level: ViewLevel,
    filter: &OfficialFilter,
    hidden_relations: &BTreeSet<Relation>,
) -> Vec<OfficialEdge> {
    let pairs: Vec<OverlayPair> = reference
        .overlay_pairs(g, level, filter)
        .into_iter()
        .filter(|o| !hidden_relations.contains(&o.relation))
        .collect();
    add_touching_ends(net, &pairs);
    official_edges(reference, net, &pairs)
}

/// A stated link: helper, helped, relation, documents.
pub type StatedLink = (RegionId, RegionId, Relation, usize);

/// Links of a network that no official pair covers (at its level, through
/// descendants, or as a roll-up), most documents first: what the articles
/// state beyond the lists.
pub fn unofficial_links(g: &Gazetteer, reference: &Reference, net: &Network) -> Vec<StatedLink> {
    let mut v: Vec<StatedLink> = net
        .sorted_links()
        .into_iter()
        .filter(|(a, b, _)| reference.cover(g, *a, *b, None).is_none())
        .map(|(a, b, l)| (a, b, l.relation, l.weight()))
        .collect();
    v.sort_by_key(|&(a, b, r, n)| (std::cmp::Reverse(n), a, b, r));
    v
}
