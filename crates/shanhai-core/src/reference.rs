//! `reference`: the official pairing lists (`assets/reference/`, built by
//! `scripts/build_reference.py` from the hand-kept lists per scheme),
//! embedded like the gazetteer, as data and as knowledge.
//!
//! As data, the app overlays them and the exports carry them. As knowledge,
//! the extractor asks whether two places it found in a sentence are an
//! official pair of some scheme, at their level or through descendants,
//! and which side is the helper ([`Reference::cover`]). No file I/O.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, Level, RegionId};
use crate::network::{Network, ViewLevel};
use crate::pipeline::Extraction;

const OFFICIAL_CSV: &str = include_str!("../../../assets/reference/official_pairings.csv");

/// How sure the reference table is about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Stated in the official document or by an official outlet.
    Confirmed,
    /// From a news or academic summary.
    Secondary,
    /// No source stating it was found.
    Unconfirmed,
}

impl Status {
    /// Parses the table's value (`secondary source` is the older form).
    pub fn parse(s: &str) -> Status {
        match s.trim() {
            "confirmed" => Status::Confirmed,
            "secondary source" | "secondary" => Status::Secondary,
            _ => Status::Unconfirmed,
        }
    }

    /// The table's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Secondary => "secondary",
            Status::Unconfirmed => "unconfirmed",
        }
    }
}

/// One official pair.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialPair {
    /// The scheme id (`east_west_cooperation`, `counterpart_support_tibet`,
    /// `hubei_2020` …), the list file it came from.
    pub scheme: String,
    /// The relation of the scheme.
    pub relation: Relation,
    /// The supporting side.
    pub helper: RegionId,
    /// The supported side.
    pub helped: RegionId,
    /// Year the pair was set up, if known.
    pub since: Option<u16>,
    /// Year it ended, if it did.
    pub until: Option<u16>,
    /// Confirmation status.
    pub status: Status,
    /// Note.
    pub note: String,
    /// Issuing body, document and date.
    pub source: String,
    /// A public address of the source, if known.
    pub source_url: String,
}

impl OfficialPair {
    /// True when the pair is in force in `year` (or always, without one):
    /// from `since` (when known) up to and including `until`.
    pub fn in_force(&self, year: Option<u16>) -> bool {
        let Some(y) = year else {
            return true;
        };
        self.since.is_none_or(|s| s <= y) && self.until.is_none_or(|u| y <= u)
    }

    /// True when the pair was in force at some time in `from..=to`.
    pub fn in_force_between(&self, from: u16, to: u16) -> bool {
        self.since.is_none_or(|s| s <= to) && self.until.is_none_or(|u| from <= u)
    }
}

/// The relation of a scheme id.
pub fn scheme_relation(scheme: &str) -> Relation {
    if scheme.starts_with("east_west") {
        Relation::EastWestCooperation
    } else if scheme.starts_with("counterpart_support")
        || scheme.ends_with("_reconstruction")
        || matches!(scheme, "three_gorges" | "hubei_2020")
    {
        Relation::CounterpartSupport
    } else {
        Relation::Other
    }
}

/// How an official pair covers two places found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cover {
    /// The first place asked about is the helper.
    pub first_helps: bool,
    /// Index of the official pair in [`Reference::pairs`].
    pub pair: usize,
    /// The places lie within the pair's sides (at its level or finer);
    /// `false` when only a roll-up of the pair joins them (`江苏省` and
    /// `贵州省` for the official `苏州市 → 铜仁市`).
    pub within: bool,
}

/// The reference table.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// The pairs, in table order.
    pub pairs: Vec<OfficialPair>,
    /// Rows that could not be used.
    pub problems: Vec<String>,
    /// (helper, helped) → pairs with exactly those sides.
    exact: HashMap<(RegionId, RegionId), Vec<usize>>,
    /// (ancestor of helper, ancestor of helped), themselves included →
    /// pairs whose roll-up it is.
    rolled: HashMap<(RegionId, RegionId), Vec<usize>>,
    /// The helpers of the pairs, sorted.
    helpers: Vec<RegionId>,
}

/// The region, its ancestors and its province (for the Corps and its
/// divisions: Xinjiang), nearest first.
fn upward(g: &Gazetteer, r: RegionId) -> Upward {
    let mut v = Upward {
        ids: [r; 6],
        len: 0,
    };
    for x in std::iter::once(r).chain(g.ancestors(r)).take(5) {
        v.ids[v.len] = x;
        v.len += 1;
    }
    let p = g.region(r).province;
    if !v.as_slice().contains(&p) {
        v.ids[v.len] = p;
        v.len += 1;
    }
    v
}

/// [`upward`]'s regions, without a heap allocation (the hierarchy has at
/// most four levels).
#[derive(Clone, Copy)]
struct Upward {
    ids: [RegionId; 6],
    len: usize,
}

impl Upward {
    fn as_slice(&self) -> &[RegionId] {
        &self.ids[..self.len]
    }
}

impl Reference {
    /// The embedded table, parsed once for the embedded gazetteer.
    pub fn embedded(g: &Gazetteer) -> &'static Reference {
        static R: OnceLock<Reference> = OnceLock::new();
        R.get_or_init(|| Reference::parse(g, OFFICIAL_CSV))
    }

    /// Parses a table with the columns `scheme, helper_code, helped_code`
    /// and, optionally, `since, until, status, note, source, source_url`
    /// (others are ignored). A row whose codes the gazetteer does not know
    /// is a problem, not an error.
    ///
    /// # Complexity
    /// O(rows · h²) for the roll-up index, h the hierarchy depth (≤ 4).
    pub fn parse(g: &Gazetteer, csv_text: &str) -> Reference {
        let mut out = Reference::default();
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                out.problems.push(e.to_string());
                return out;
            }
        };
        let col = |name: &str| headers.iter().position(|h| h == name);
        let (Some(scheme_c), Some(helper_c), Some(helped_c)) =
            (col("scheme"), col("helper_code"), col("helped_code"))
        else {
            out.problems
                .push("needs columns scheme, helper_code and helped_code".into());
            return out;
        };
        let cols = [
            col("since"),
            col("until"),
            col("status"),
            col("note"),
            col("source"),
            col("source_url"),
        ];
        for (i, rec) in reader.records().enumerate() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    out.problems.push(format!("row {}: {e}", i + 2));
                    continue;
                }
            };
            let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
            let [since_c, until_c, status_c, note_c, source_c, url_c] = cols;
            let scheme = get(Some(scheme_c)).to_string();
            let (Some(helper), Some(helped)) = (
                g.by_code(get(Some(helper_c))),
                g.by_code(get(Some(helped_c))),
            ) else {
                out.problems.push(format!(
                    "row {}: unknown code {} or {}",
                    i + 2,
                    get(Some(helper_c)),
                    get(Some(helped_c))
                ));
                continue;
            };
            out.pairs.push(OfficialPair {
                relation: scheme_relation(&scheme),
                scheme,
                helper,
                helped,
                since: get(since_c).parse().ok(),
                until: get(until_c).parse().ok(),
                status: Status::parse(get(status_c)),
                note: get(note_c).to_string(),
                source: get(source_c).to_string(),
                source_url: get(url_c).to_string(),
            });
        }
        out.helpers = out.pairs.iter().map(|p| p.helper).collect();
        out.helpers.sort_unstable();
        out.helpers.dedup();
        for (i, p) in out.pairs.iter().enumerate() {
            out.exact.entry((p.helper, p.helped)).or_default().push(i);
            for &a in upward(g, p.helper).as_slice() {
                for &b in upward(g, p.helped).as_slice() {
                    if a != b {
                        out.rolled.entry((a, b)).or_default().push(i);
                    }
                }
            }
        }
        out
    }

    /// True when `r`, or a region above it, is the helper of an official
    /// pair.
    pub fn is_helper(&self, g: &Gazetteer, r: RegionId) -> bool {
        upward(g, r)
            .as_slice()
            .iter()
            .any(|x| self.helpers.binary_search(x).is_ok())
    }

    /// The schemes of the table, in table order, each once.
    pub fn schemes(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for p in &self.pairs {
            if !seen.contains(&p.scheme.as_str()) {
                seen.push(p.scheme.as_str());
            }
        }
        seen
    }

    /// Is `{a, b}` an official pair of some scheme in force in `year`
    /// (any year without one)? Looked up in this order: the two places lie
    /// within the sides of an official pair (each the side itself or a
    /// region inside it: `贾汪区` and `太白县` within `江苏省 → 陕西省`), the
    /// finest such pair first; then the two places are a roll-up of an
    /// official pair (`江苏省` and `贵州省` for `苏州市 → 铜仁市`). Either way
    /// round; [`Cover::first_helps`] says which side helps.
    ///
    /// # Complexity
    /// O(h²) hash look-ups, h the hierarchy depth (≤ 4).
    pub fn cover(
        &self,
        g: &Gazetteer,
        a: RegionId,
        b: RegionId,
        year: Option<u16>,
    ) -> Option<Cover> {
        if a == b {
            return None;
        }
        let (ua, ub) = (upward(g, a), upward(g, b));
        let (ua, ub) = (ua.as_slice(), ub.as_slice());
        // Within: walk up from both places, the nearest ancestors first.
        let mut best: Option<(usize, Cover)> = None;
        for (da, &x) in ua.iter().enumerate() {
            for (db, &y) in ub.iter().enumerate() {
                for (first_helps, key) in [(true, (x, y)), (false, (y, x))] {
                    let Some(list) = self.exact.get(&key) else {
                        continue;
                    };
                    if let Some(&i) = list.iter().find(|&&i| self.pairs[i].in_force(year)) {
                        let depth = da + db;
                        if best.is_none_or(|(d, _)| depth < d) {
                            best = Some((
                                depth,
                                Cover {
                                    first_helps,
                                    pair: i,
                                    within: true,
                                },
                            ));
                        }
                    }
                }
            }
        }
        if let Some((_, c)) = best {
            return Some(c);
        }
        for (first_helps, key) in [(true, (a, b)), (false, (b, a))] {
            if let Some(list) = self.rolled.get(&key)
                && let Some(&i) = list.iter().find(|&&i| self.pairs[i].in_force(year))
            {
                return Some(Cover {
                    first_helps,
                    pair: i,
                    within: false,
                });
            }
        }
        None
    }

    /// For each pair, the number of articles that state it: a pairing of
    /// the same relation whose helper lies in (or is) the official helper
    /// and whose helped side lies in the official helped side.
    ///
    /// # Complexity
    /// O(pairs × pairings).
    pub fn article_counts(&self, g: &Gazetteer, ex: &Extraction) -> Vec<usize> {
        self.pairs
            .iter()
            .map(|o| {
                let (hl, dl) = (g.region(o.helper).level, g.region(o.helped).level);
                let docs: BTreeSet<u32> = ex
                    .pairings
                    .iter()
                    .filter(|p| {
                        p.relation == o.relation
                            && g.at_level(p.helper, hl) == Some(o.helper)
                            && g.at_level(p.helped, dl) == Some(o.helped)
                    })
                    .flat_map(|p| p.evidence.iter().map(|e| e.doc))
                    .collect();
                docs.len()
            })
            .collect()
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Gazetteer {
        Gazetteer::get().expect("the embedded gazetteer loads")
    }

    fn id(code: &str) -> RegionId {
        g().by_code(code).expect("the code is in the gazetteer")
    }

    #[test]
    fn embedded_table_parses() {
        let r = Reference::embedded(g());
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.pairs.len() >= 400);
        assert!(r.pairs.iter().any(|p| p.helper == id("120000")
            && p.helped == id("620000")
            && p.relation == Relation::EastWestCooperation
            && p.status == Status::Confirmed));
    }

    #[test]
    fn cover_within_rolled_and_reversed() {
        let r = Reference::embedded(g());
        // Two counties inside 江苏省 → 陕西省 (徐州市贾汪区, 宝鸡市太白县).
        let c = r
            .cover(g(), id("320305"), id("610331"), None)
            .expect("within 江苏 → 陕西");
        assert!(c.first_helps && c.within);
        // Asked the other way round.
        let c = r
            .cover(g(), id("610331"), id("320305"), None)
            .expect("within 江苏 → 陕西");
        assert!(!c.first_helps);
        // 江苏省 and 贵州省: only the roll-up of 苏州市 → 铜仁市.
        let c = r
            .cover(g(), id("320000"), id("520000"), None)
            .expect("rolled up from 苏州 → 铜仁");
        assert!(c.first_helps && !c.within);
        // Two provinces that no scheme pairs.
        assert_eq!(r.cover(g(), id("710000"), id("350000"), None), None);
        // 四川 and 重庆: only a roll-up (重庆 helped a 汶川-area county).
        assert!(
            r.cover(g(), id("510000"), id("500000"), None)
                .is_none_or(|c| !c.within)
        );
    }

    #[test]
    fn years_in_force() {
        let p = OfficialPair {
            scheme: "x".into(),
            relation: Relation::Other,
            helper: 0,
            helped: 1,
            since: Some(2010),
            until: Some(2020),
            status: Status::Confirmed,
            note: String::new(),
            source: String::new(),
            source_url: String::new(),
        };
        assert!(p.in_force(None) && p.in_force(Some(2010)) && p.in_force(Some(2020)));
        assert!(!p.in_force(Some(2009)) && !p.in_force(Some(2021)));
        assert!(p.in_force_between(2000, 2010) && !p.in_force_between(2021, 2030));
    }
}
