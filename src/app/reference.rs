//! The official pairings (`assets/reference/official_pairings.csv`),
//! embedded, for the reference overlay: which official pairs the articles
//! state and which they do not.

use std::collections::BTreeSet;

use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, RegionId};
use crate::pipeline::Extraction;

const OFFICIAL_CSV: &str = include_str!("../../assets/reference/official_pairings.csv");

/// How sure the reference table is about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Confirmed by an official source.
    Confirmed,
    /// From a secondary source.
    Secondary,
    /// Not confirmed.
    Unconfirmed,
}

impl Status {
    fn parse(s: &str) -> Status {
        match s.trim() {
            "confirmed" => Status::Confirmed,
            "secondary source" | "secondary" => Status::Secondary,
            _ => Status::Unconfirmed,
        }
    }

    /// A short name in the interface language.
    pub fn name(self, lang: super::i18n::Lang) -> &'static str {
        match self {
            Status::Confirmed => lang.t("已确认", "confirmed"),
            Status::Secondary => lang.t("二手来源", "secondary source"),
            Status::Unconfirmed => lang.t("未确认", "unconfirmed"),
        }
    }
}

/// One official pair.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialPair {
    /// The scheme as written in the table (`counterpart_support_tibet` …).
    pub scheme: String,
    /// The relation of the scheme.
    pub relation: Relation,
    /// The supporting side.
    pub helper: RegionId,
    /// The supported side.
    pub helped: RegionId,
    /// Year the pair was set up, as written.
    pub since: String,
    /// Confirmation status.
    pub status: Status,
    /// Note.
    pub note: String,
}

/// The reference table.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// The pairs, in table order.
    pub pairs: Vec<OfficialPair>,
    /// Rows that could not be used.
    pub problems: Vec<String>,
}

impl Reference {
    /// The embedded table.
    pub fn embedded(g: &Gazetteer) -> Reference {
        Reference::parse(g, OFFICIAL_CSV)
    }

    /// Parses a table with the columns `scheme, helper_code, helped_code,
    /// since, status, note` (others are ignored). A row whose codes the
    /// gazetteer does not know is a problem, not an error.
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
        let (since_c, status_c, note_c) = (col("since"), col("status"), col("note"));
        for (i, rec) in reader.records().enumerate() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    out.problems.push(format!("row {}: {e}", i + 2));
                    continue;
                }
            };
            let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
            let scheme = get(Some(scheme_c)).to_string();
            let relation = if scheme.starts_with("east_west") {
                Relation::EastWestCooperation
            } else if scheme.starts_with("counterpart_support") {
                Relation::CounterpartSupport
            } else {
                Relation::Other
            };
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
                scheme,
                relation,
                helper,
                helped,
                since: get(since_c).to_string(),
                status: Status::parse(get(status_c)),
                note: get(note_c).to_string(),
            });
        }
        out
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

    #[test]
    fn embedded_table_parses() {
        let g = Gazetteer::get().unwrap();
        let r = Reference::embedded(g);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.pairs.len() >= 40);
        let tj = g.by_code("120000").unwrap();
        let gs = g.by_code("620000").unwrap();
        assert!(r.pairs.iter().any(|p| p.helper == tj
            && p.helped == gs
            && p.relation == Relation::EastWestCooperation
            && p.status == Status::Confirmed));
    }
}
