//! `eval`: scores the extractor against a researcher's own annotated
//! folder (`shanhai eval FOLDER GOLD.json`).
//!
//! The gold file is a JSON list with one entry per article:
//!
//! ```json
//! [{"file": "name in the folder", "negative": false,
//!   "pairings": [{"helper": "苏州市", "helped": "铜仁市",
//!                 "relation": "east_west_cooperation", "doubtful": true}]}]
//! ```
//!
//! Each region is its official name, `名称 (上级名称)` where the name is
//! shared (`市中区 (济南市)`), or its code; `doubtful` is optional. Other
//! fields of an entry (a source address, a script, a scheme) are kept for
//! the report's breakdowns and otherwise ignored.
//!
//! Matching: a link found in an article equals a gold pair of that article
//! when each side is the same region as the gold side or one of its
//! ancestors (a roll-up is not wrong); the direction is scored apart.
//! Doubtful gold pairs count neither way; every link from a negative
//! article is wrong. No file I/O happens here: the caller reads the gold
//! file and runs the pipeline.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::extract::{Pattern, Relation};
use crate::gazetteer::{Gazetteer, RegionId};
use crate::pipeline::Extraction;

mod labels;
pub use labels::{LabelError, resolve_label};

/// One article of a gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntry {
    /// The file's path relative to the folder.
    pub file: String,
    /// The article states no pairing at all.
    #[serde(default)]
    pub negative: bool,
    /// The pairings it states.
    #[serde(default)]
    pub pairings: Vec<GoldPair>,
    /// Optional labels for the breakdowns (`scheme`, `script`).
    #[serde(default)]
    pub scheme: Option<String>,
    /// The article's script, as annotated.
    #[serde(default)]
    pub script: Option<String>,
}

/// One gold pairing.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPair {
    /// The supporting side (name, `名称 (上级名称)` or code).
    pub helper: String,
    /// The supported side.
    pub helped: String,
    /// The relation (`east_west_cooperation`, `counterpart_support`,
    /// `other`); optional.
    #[serde(default)]
    pub relation: Option<String>,
    /// The text only implies the pair: it counts neither way.
    #[serde(default)]
    pub doubtful: bool,
}

/// Errors in a gold file.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// Not a JSON list of entries.
    #[error("the gold file is not a JSON list of articles: {0}")]
    Json(#[from] serde_json::Error),
}

/// Parses a gold file's text.
///
/// # Errors
/// [`GoldError::Json`] when it is not a list of entries.
pub fn parse_gold(text: &str) -> Result<Vec<GoldEntry>, GoldError> {
    Ok(serde_json::from_str(text)?)
}

/// A link as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LinkOut {
    /// Helper code and name.
    pub helper: String,
    /// Helped code and name.
    pub helped: String,
    /// The relation found (or annotated).
    pub relation: String,
    /// The patterns that found it (empty for a gold pair).
    pub patterns: Vec<String>,
}

/// What the extractor did on one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticleReport {
    /// The file.
    pub file: String,
    /// Annotated as negative.
    pub negative: bool,
    /// Gold pairs (not doubtful) found.
    pub found: usize,
    /// Gold pairs (not doubtful).
    pub gold: usize,
    /// Gold pairs not found.
    pub missed: Vec<LinkOut>,
    /// Links that match no gold pair (all links of a negative article).
    pub spurious: Vec<LinkOut>,
    /// Links matched to a gold pair the wrong way round.
    pub reversed: Vec<LinkOut>,
}

/// Counts for one slice of the corpus (all, a scheme, a script, a pattern).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Articles.
    pub articles: usize,
    /// Gold pairs (not doubtful).
    pub gold: usize,
    /// Gold pairs found.
    pub found: usize,
    /// Links that match a gold pair.
    pub correct: usize,
    /// Links that match no gold pair.
    pub spurious: usize,
    /// Matched gold pairs with the right direction.
    pub direction_right: usize,
    /// Matched gold pairs with the annotated relation (where annotated).
    pub relation_right: usize,
    /// Matched gold pairs with an annotated relation.
    pub relation_scored: usize,
}

impl Counts {
    /// Correct links / all links scored (1 when there are none).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.correct + self.spurious)
    }

    /// Gold pairs found / gold pairs (1 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    /// Found gold pairs with the right direction / found gold pairs.
    pub fn direction(&self) -> f64 {
        ratio(self.direction_right, self.found)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, o: &Counts) {
        self.articles += o.articles;
        self.gold += o.gold;
        self.found += o.found;
        self.correct += o.correct;
        self.spurious += o.spurious;
        self.direction_right += o.direction_right;
        self.relation_right += o.relation_right;
        self.relation_scored += o.relation_scored;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Counts of links per pattern.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PatternCounts {
    /// Links the pattern found that match a gold pair.
    pub correct: usize,
    /// Links it found that match none.
    pub spurious: usize,
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Everything.
    pub total: Counts,
    /// Links from negative articles.
    pub negative_links: usize,
    /// Negative articles.
    pub negative_articles: usize,
    /// By annotated scheme.
    pub by_scheme: BTreeMap<String, Counts>,
    /// By annotated script.
    pub by_script: BTreeMap<String, Counts>,
    /// By pattern (a link found by several patterns counts for each).
    pub by_pattern: BTreeMap<String, PatternCounts>,
    /// Per article, in gold order.
    pub articles: Vec<ArticleReport>,
    /// Problems with the gold file (unknown files, unknown regions), one
    /// line each; the rest is scored.
    pub problems: Vec<String>,
}

/// The region and every region above it (for the Corps: Xinjiang).
fn up(g: &Gazetteer, r: RegionId) -> Vec<RegionId> {
    let mut v: Vec<RegionId> = std::iter::once(r).chain(g.ancestors(r)).collect();
    let p = g.region(r).province;
    if !v.contains(&p) {
        v.push(p);
    }
    v
}

fn describe(g: &Gazetteer, r: RegionId) -> String {
    let reg = g.region(r);
    format!("{} {}", reg.code, reg.name)
}

struct Gold {
    helper: RegionId,
    helped: RegionId,
    relation: Option<Relation>,
    doubtful: bool,
}

/// The relations and patterns of one link found in one document.
#[derive(Default)]
struct FoundLink {
    relations: BTreeSet<Relation>,
    patterns: BTreeSet<Pattern>,
}

/// The links found in one document.
type Found = BTreeMap<(RegionId, RegionId), FoundLink>;

/// How a found link stands to a gold pair.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    Same,
    Reversed,
}

fn matches(g: &Gazetteer, link: (RegionId, RegionId), gold: &Gold) -> Option<Match> {
    let (a, b) = link;
    let within = |x: RegionId, y: RegionId| up(g, y).contains(&x);
    if within(a, gold.helper) && within(b, gold.helped) {
        Some(Match::Same)
    } else if within(a, gold.helped) && within(b, gold.helper) {
        Some(Match::Reversed)
    } else {
        None
    }
}

/// Scores an extraction against gold entries.
///
/// # Complexity
/// O(a · l · p · h) for a articles with l links and p gold pairs each, h
/// the hierarchy depth (small).
pub fn evaluate(g: &Gazetteer, ex: &Extraction, gold: &[GoldEntry]) -> Report {
    let mut report = Report::default();
    let doc_of: BTreeMap<String, u32> = ex
        .documents
        .iter()
        .map(|d| (d.path.to_string_lossy().into_owned(), d.id))
        .collect();
    // The links of each document, with their relations and patterns.
    let mut links: BTreeMap<u32, Found> = BTreeMap::new();
    for p in &ex.pairings {
        for e in &p.evidence {
            let entry = links
                .entry(e.doc)
                .or_default()
                .entry((p.helper, p.helped))
                .or_default();
            entry.relations.insert(p.relation);
            entry.patterns.insert(e.pattern);
        }
    }
    let pattern_name = |p: &Pattern| {
        serde_json::to_value(p)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let link_out = |(a, b): (RegionId, RegionId), f: &FoundLink| LinkOut {
        helper: describe(g, a),
        helped: describe(g, b),
        relation: f
            .relations
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join("+"),
        patterns: f.patterns.iter().map(pattern_name).collect(),
    };
    let mut seen_files = BTreeSet::new();
    for entry in gold {
        if !seen_files.insert(entry.file.clone()) {
            report.problems.push(format!(
                "{}: listed twice; the first entry is scored",
                entry.file
            ));
            continue;
        }
        let Some(&doc) = doc_of.get(&entry.file) else {
            report.problems.push(format!(
                "{}: not in the folder (or not readable as an article)",
                entry.file
            ));
            continue;
        };
        let mut pairs: Vec<Gold> = Vec::new();
        for gp in &entry.pairings {
            let helper = resolve_label(g, &gp.helper);
            let helped = resolve_label(g, &gp.helped);
            match (helper, helped) {
                (Ok(helper), Ok(helped)) => pairs.push(Gold {
                    helper,
                    helped,
                    relation: gp.relation.as_deref().and_then(Relation::parse),
                    doubtful: gp.doubtful,
                }),
                (Err(e), _) | (_, Err(e)) => {
                    report.problems.push(format!("{}: {e}", entry.file));
                }
            }
        }
        let empty = Found::new();
        let found = links.get(&doc).unwrap_or(&empty);
        let mut art = ArticleReport {
            file: entry.file.clone(),
            negative: entry.negative,
            ..Default::default()
        };
        let mut c = Counts {
            articles: 1,
            ..Default::default()
        };
        if entry.negative {
            report.negative_articles += 1;
        }
        // The links.
        for (&(a, b), f) in found {
            let mut best: Option<Match> = None;
            let mut only_doubtful = false;
            if !entry.negative {
                for gp in &pairs {
                    if let Some(m) = matches(g, (a, b), gp) {
                        if gp.doubtful {
                            only_doubtful = true;
                        } else if best != Some(Match::Same) {
                            best = Some(m);
                        }
                    }
                }
            }
            let correct = best.is_some();
            if !correct && only_doubtful {
                continue;
            }
            for p in &f.patterns {
                let pc = report.by_pattern.entry(pattern_name(p)).or_default();
                if correct {
                    pc.correct += 1;
                } else {
                    pc.spurious += 1;
                }
            }
            if correct {
                c.correct += 1;
            } else {
                c.spurious += 1;
                if entry.negative {
                    report.negative_links += 1;
                }
                art.spurious.push(link_out((a, b), f));
            }
        }
        // The gold pairs.
        for gp in pairs.iter().filter(|p| !p.doubtful) {
            c.gold += 1;
            let mut same = false;
            let mut reversed: Option<((RegionId, RegionId), &FoundLink)> = None;
            let mut relation_right = false;
            for (&link, f) in found {
                let m = matches(g, link, gp);
                match m {
                    Some(Match::Same) => same = true,
                    Some(Match::Reversed) => {
                        reversed.get_or_insert((link, f));
                    }
                    None => continue,
                }
                relation_right |= gp.relation.is_some_and(|r| f.relations.contains(&r));
            }
            if same || reversed.is_some() {
                c.found += 1;
                if same {
                    c.direction_right += 1;
                } else if let Some((link, f)) = reversed {
                    art.reversed.push(link_out(link, f));
                }
                if gp.relation.is_some() {
                    c.relation_scored += 1;
                    c.relation_right += usize::from(relation_right);
                }
            } else {
                art.missed.push(LinkOut {
                    helper: describe(g, gp.helper),
                    helped: describe(g, gp.helped),
                    relation: gp
                        .relation
                        .map(|r| r.as_str().to_string())
                        .unwrap_or_default(),
                    patterns: Vec::new(),
                });
            }
        }
        art.found = c.found;
        art.gold = c.gold;
        report.total.add(&c);
        if let Some(s) = &entry.scheme {
            report.by_scheme.entry(s.clone()).or_default().add(&c);
        }
        if let Some(s) = &entry.script {
            report.by_script.entry(s.clone()).or_default().add(&c);
        }
        report.articles.push(art);
    }
    report
}

impl Report {
    /// The report as text: the totals, the breakdowns, then every article
    /// with a miss, a reversed or a spurious link.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let t = &self.total;
        let _ = writeln!(
            s,
            "articles {}  negative {}  gold pairs {}  links {}",
            t.articles,
            self.negative_articles,
            t.gold,
            t.correct + t.spurious
        );
        let _ = writeln!(
            s,
            "precision {:.3}  recall {:.3}  F1 {:.3}  direction {:.3}  relation {:.3}",
            t.precision(),
            t.recall(),
            t.f1(),
            t.direction(),
            ratio(t.relation_right, t.relation_scored)
        );
        let _ = writeln!(s, "links from negative articles: {}", self.negative_links);
        let table = |s: &mut String, title: &str, rows: &BTreeMap<String, Counts>| {
            if rows.is_empty() {
                return;
            }
            let _ = writeln!(s, "\nby {title}:");
            let _ = writeln!(
                s,
                "  {:<20} {:>8} {:>6} {:>6} {:>9} {:>7} {:>9}",
                title, "articles", "gold", "links", "precision", "recall", "direction"
            );
            for (k, c) in rows {
                let _ = writeln!(
                    s,
                    "  {:<20} {:>8} {:>6} {:>6} {:>9.3} {:>7.3} {:>9.3}",
                    k,
                    c.articles,
                    c.gold,
                    c.correct + c.spurious,
                    c.precision(),
                    c.recall(),
                    c.direction()
                );
            }
        };
        table(&mut s, "scheme", &self.by_scheme);
        table(&mut s, "script", &self.by_script);
        if !self.by_pattern.is_empty() {
            let _ = writeln!(s, "\nby pattern:");
            let _ = writeln!(s, "  {:<20} {:>8} {:>8}", "pattern", "correct", "spurious");
            for (k, c) in &self.by_pattern {
                let _ = writeln!(s, "  {:<20} {:>8} {:>8}", k, c.correct, c.spurious);
            }
        }
        let _ = writeln!(s, "\nper article (misses -, spurious +, reversed ~):");
        for a in &self.articles {
            if a.missed.is_empty() && a.spurious.is_empty() && a.reversed.is_empty() {
                continue;
            }
            let _ = writeln!(
                s,
                "{}{}  found {}/{}",
                a.file,
                if a.negative { " (negative)" } else { "" },
                a.found,
                a.gold
            );
            for (mark, list) in [("-", &a.missed), ("+", &a.spurious), ("~", &a.reversed)] {
                for l in list {
                    let pats = if l.patterns.is_empty() {
                        String::new()
                    } else {
                        format!("  [{}]", l.patterns.join(", "))
                    };
                    let _ = writeln!(
                        s,
                        "  {mark} {} → {}  {}{pats}",
                        l.helper, l.helped, l.relation
                    );
                }
            }
        }
        if !self.problems.is_empty() {
            let _ = writeln!(s, "\nproblems in the gold file:");
            for p in &self.problems {
                let _ = writeln!(s, "  {p}");
            }
        }
        s
    }
}
