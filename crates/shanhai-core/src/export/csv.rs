//! Three CSV tables (UTF-8, header row, RFC 4180 quoting via the `csv`
//! crate): nodes, edges and the evidence sentences behind each edge.

use super::{ExportError, edge_rows, node_rows};
use crate::gazetteer::Gazetteer;
use crate::network::Network;
use crate::pipeline::Extraction;
use crate::reference::OfficialEdge;

/// File name of the node table.
pub const NODES: &str = "nodes.csv";
/// File name of the edge table.
pub const EDGES: &str = "edges.csv";
/// File name of the evidence table.
pub const EVIDENCE: &str = "evidence.csv";

/// Columns of [`NODES`].
pub const NODE_COLUMNS: [&str; 12] = [
    "code",
    "name",
    "level",
    "province_code",
    "province",
    "lon",
    "lat",
    "degree",
    "weighted_degree",
    "out_degree",
    "in_degree",
    "betweenness",
];

/// Columns of [`EDGES`].
pub const EDGE_COLUMNS: [&str; 12] = [
    "source",
    "target",
    "source_name",
    "target_name",
    "relation",
    "documents",
    "confidence",
    "first_date",
    "last_date",
    "evidence",
    "official",
    "official_schemes",
];

/// Columns of [`EVIDENCE`].
pub const EVIDENCE_COLUMNS: [&str; 11] = [
    "source", "target", "relation", "doc", "path", "title", "date", "start", "end", "pattern",
    "text",
];

fn finish(w: ::csv::Writer<Vec<u8>>) -> Result<Vec<u8>, ExportError> {
    w.into_inner()
        .map_err(|e| ExportError::Xml(std::io::Error::other(e.to_string())))
}

/// The node table: one row per region in the network, sorted by code.
///
/// # Errors
/// Only if the in-memory writer fails.
///
/// # Complexity
/// O(V · E) (betweenness).
pub fn nodes(g: &Gazetteer, net: &Network) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(NODE_COLUMNS)?;
    for n in node_rows(g, net) {
        w.write_record(n.values())?;
    }
    finish(w)
}

/// The edge table: one row per link, helper first; `evidence` is the
/// number of evidence sentences; `official` the status of the official
/// pair it is (with `official`, unstated official pairs are rows with no
/// documents).
///
/// # Errors
/// Only if the in-memory writer fails.
pub fn edges(
    g: &Gazetteer,
    net: &Network,
    official: &[OfficialEdge],
) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(EDGE_COLUMNS)?;
    for e in edge_rows(g, net, official) {
        w.write_record([
            e.source.clone(),
            e.target.clone(),
            e.source_name.clone(),
            e.target_name.clone(),
            e.relation.as_str().to_string(),
            e.documents.to_string(),
            e.confidence.to_string(),
            e.first_date.clone(),
            e.last_date.clone(),
            e.link.map_or(0, |l| l.evidence.len()).to_string(),
            e.official.clone(),
            e.official_schemes.clone(),
        ])?;
    }
    finish(w)
}

/// The evidence table: one row per evidence sentence of every link, with
/// the document's path, title and date from `ex`, byte offsets into the
/// document's original text, the pattern and the sentence.
///
/// # Errors
/// Only if the in-memory writer fails.
pub fn evidence(g: &Gazetteer, net: &Network, ex: &Extraction) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(EVIDENCE_COLUMNS)?;
    for e in edge_rows(g, net, &[]) {
        for ev in e.link.iter().flat_map(|l| &l.evidence) {
            let doc = ex
                .documents
                .get(ev.doc as usize)
                .filter(|d| d.id == ev.doc)
                .or_else(|| ex.documents.iter().find(|d| d.id == ev.doc));
            let pattern = serde_json::to_value(ev.pattern)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            w.write_record([
                e.source.clone(),
                e.target.clone(),
                e.relation.as_str().to_string(),
                ev.doc.to_string(),
                doc.map(|d| d.path.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                doc.and_then(|d| d.title.clone()).unwrap_or_default(),
                doc.and_then(|d| d.date)
                    .map(|d| d.iso())
                    .unwrap_or_default(),
                ev.start.to_string(),
                ev.end.to_string(),
                pattern,
                ev.text.to_string(),
            ])?;
        }
    }
    finish(w)
}
