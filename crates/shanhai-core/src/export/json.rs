//! The JSON document that `shanhai extract` prints and `shanhai export
//! OUT.json` writes. Field names are stable: other tools read them.

use serde::Serialize;

use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, RegionId};
use crate::network::Network;
use crate::pipeline::Extraction;
use crate::reference::OfficialEdge;

/// The whole output.
#[derive(Debug, Serialize)]
pub struct Output {
    /// The articles.
    pub documents: Vec<DocumentOut>,
    /// Files that could not be used.
    pub problems: Vec<ProblemOut>,
    /// Regions mentioned outside boilerplate, or linked in the network.
    pub regions: Vec<RegionOut>,
    /// Pairings of the network at the requested level.
    pub pairings: Vec<PairingOut>,
    /// With `--official`: the official pairs of the overlay whose two ends
    /// are in the network.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub official: Vec<OfficialOut>,
}

/// An official pair of the overlay.
#[derive(Debug, Serialize)]
pub struct OfficialOut {
    pub helper: String,
    pub helped: String,
    pub relation: Relation,
    /// `confirmed`, `secondary` or `unconfirmed`.
    pub status: &'static str,
    /// The schemes of the rows it stands for.
    pub schemes: Vec<String>,
    /// The articles state it too.
    pub stated: bool,
}

/// The overlay's official pairs as JSON.
pub fn official_out(g: &Gazetteer, official: &[OfficialEdge]) -> Vec<OfficialOut> {
    official
        .iter()
        .map(|o| OfficialOut {
            helper: g.region(o.pair.helper).code.clone(),
            helped: g.region(o.pair.helped).code.clone(),
            relation: o.pair.relation,
            status: o.pair.status.as_str(),
            schemes: o.schemes.clone(),
            stated: o.stated,
        })
        .collect()
}

/// One article.
#[derive(Debug, Serialize)]
pub struct DocumentOut {
    pub id: u32,
    pub path: String,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, `--MM-DD` when the year is unknown, or null.
    pub date: Option<String>,
    /// Where the date came from: `date_line`, `page_meta`, `latest_event`,
    /// `first_stated`, or null.
    pub date_source: Option<&'static str>,
    pub script: &'static str,
    pub encoding: String,
    pub problems: Vec<String>,
}

/// A file that could not be used.
#[derive(Debug, Serialize)]
pub struct ProblemOut {
    pub path: String,
    pub error: String,
}

/// A region.
#[derive(Debug, Serialize)]
pub struct RegionOut {
    pub code: String,
    pub name: String,
    pub level: &'static str,
    pub parent: Option<String>,
    pub lon: f64,
    pub lat: f64,
    /// Mentions outside boilerplate.
    pub mentions: usize,
}

/// A pairing.
#[derive(Debug, Serialize)]
pub struct PairingOut {
    pub helper: String,
    pub helped: String,
    pub helper_name: String,
    pub helped_name: String,
    pub relation: Relation,
    pub confidence: f32,
    pub documents: usize,
    pub evidence: Vec<EvidenceOut>,
}

/// One evidence sentence.
#[derive(Debug, Serialize)]
pub struct EvidenceOut {
    pub doc: u32,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub pattern: crate::extract::Pattern,
}

fn region_out(g: &Gazetteer, r: RegionId, mentions: usize) -> RegionOut {
    let reg = g.region(r);
    RegionOut {
        code: reg.code.clone(),
        name: reg.name.clone(),
        level: reg.level.as_str(),
        parent: reg.parent.map(|p| g.region(p).code.clone()),
        lon: reg.lon,
        lat: reg.lat,
        mentions,
    }
}

/// Builds the output for an extraction and the network view to report.
pub fn build(g: &Gazetteer, ex: &Extraction, net: &Network) -> Output {
    let documents = ex
        .documents
        .iter()
        .map(|d| DocumentOut {
            id: d.id,
            path: d.path.to_string_lossy().into_owned(),
            title: d.title.clone(),
            date: d.date.map(|x| x.iso()),
            date_source: d.date_source.map(|s| s.as_str()),
            script: d.script.as_str(),
            encoding: d.encoding.clone(),
            problems: d.problems.clone(),
        })
        .collect();
    let problems = ex
        .problems
        .iter()
        .map(|p| ProblemOut {
            path: p.path.to_string_lossy().into_owned(),
            error: p.error.clone(),
        })
        .collect();
    let mut ids: Vec<RegionId> = ex.mention_counts.keys().copied().collect();
    ids.extend(net.graph.node_weights().copied());
    ids.sort_by(|a, b| g.region(*a).code.cmp(&g.region(*b).code));
    ids.dedup();
    let regions = ids
        .into_iter()
        .map(|r| region_out(g, r, ex.mention_counts.get(&r).copied().unwrap_or(0)))
        .collect();
    let pairings = net
        .sorted_links()
        .into_iter()
        .map(|(a, b, l)| PairingOut {
            helper: g.region(a).code.clone(),
            helped: g.region(b).code.clone(),
            helper_name: g.region(a).name.clone(),
            helped_name: g.region(b).name.clone(),
            relation: l.relation,
            confidence: l.confidence,
            documents: l.weight(),
            evidence: l
                .evidence
                .iter()
                .map(|e| EvidenceOut {
                    doc: e.doc,
                    start: e.start,
                    end: e.end,
                    text: e.text.to_string(),
                    pattern: e.pattern,
                })
                .collect(),
        })
        .collect();
    Output {
        official: Vec::new(),
        documents,
        problems,
        regions,
        pairings,
    }
}
