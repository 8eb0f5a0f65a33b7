//! `reference`: the official pairing lists (`assets/reference/`, built by
//! `scripts/build_reference.py` from the hand-kept lists per scheme),
//! embedded like the gazetteer, as data and as knowledge.
//!
//! As data, the app overlays them and the exports carry them. As knowledge,
//! the extractor asks whether two places it found in a sentence are an
//! official pair of some scheme, at their level or through descendants,
//! and which side is the helper ([`Reference::cover`]). No file I/O.
//!
//! The table, its parsing and the questions the extractor asks are here;
//! `overlay.rs` holds what the app and the exports show of it (the overlay
//! at a view level, official edges, coverage, unofficial links).

mod overlay;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, RegionId};
use crate::pipeline::Extraction;

pub use overlay::{
    OfficialEdge, OfficialFilter, OverlayPair, SchemeCoverage, StatedLink, add_touching_ends,
    official_edges, overlay_for, touches, unofficial_links,
};

const OFFICIAL_CSV: &str = include_str!("../../../../assets/reference/official_pairings.csv");

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
