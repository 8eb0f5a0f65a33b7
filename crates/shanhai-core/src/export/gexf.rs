//! GEXF 1.3 (<https://gexf.net/>), the format Gephi reads best: a directed
//! graph, nodes identified by region code, typed attributes on nodes and
//! edges, and optionally `viz:position`s from a layout.

use super::xmlw::Xml;
use super::{ExportError, edge_rows, node_rows};
use crate::gazetteer::Gazetteer;
use crate::network::Network;
use crate::reference::OfficialEdge;

/// Node attributes: (id, type).
pub const NODE_ATTRIBUTES: [(&str, &str); 12] = [
    ("code", "string"),
    ("name", "string"),
    ("level", "string"),
    ("province_code", "string"),
    ("province", "string"),
    ("lon", "double"),
    ("lat", "double"),
    ("degree", "integer"),
    ("weighted_degree", "integer"),
    ("out_degree", "integer"),
    ("in_degree", "integer"),
    ("betweenness", "double"),
];

/// Edge attributes: (id, type).
pub const EDGE_ATTRIBUTES: [(&str, &str); 7] = [
    ("relation", "string"),
    ("documents", "integer"),
    ("confidence", "double"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("official", "string"),
    ("official_schemes", "string"),
];

/// Opens a GEXF 1.3 document: the root element with its namespaces and
/// the `<meta>` block (today's date, the creator, `description`).
pub(super) fn head(x: &mut Xml, description: &str) -> std::io::Result<()> {
    x.open(
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ],
    )?;
    let today = crate::scene::today_utc();
    x.open("meta", &[("lastmodifieddate", today.as_str())])?;
    x.leaf(
        "creator",
        &[],
        concat!("Shanhai ", env!("CARGO_PKG_VERSION")),
    )?;
    x.leaf("description", &[], description)?;
    x.close("meta")
}

/// A node's `viz:position` (`y` pointing up) when it has a finite one.
pub(super) fn position(x: &mut Xml, p: Option<&[f32; 2]>) -> std::io::Result<()> {
    match p.filter(|p| p[0].is_finite() && p[1].is_finite()) {
        Some(p) => {
            let (px, py) = (p[0].to_string(), (-p[1]).to_string());
            x.empty("viz:position", &[("x", &px), ("y", &py), ("z", "0")])
        }
        None => Ok(()),
    }
}

/// The network as a GEXF 1.3 document. Node ids are region codes, labels
/// their names; edge ids are `e0`, `e1`, … in (helper, helped, relation)
/// order, `weight` is the number of documents and `kind` the relation (so
/// two relations between one pair stay two edges). `positions`, in
/// `net.graph.node_indices()` order (as the layouts return them), become
/// `viz:position`s with `y` pointing up. With `official`, the overlay's
/// official pairs are attributes of the edges they are, and edges of their
/// own (weight 0) where no article states them.
///
/// # Errors
/// Only if the in-memory XML writer fails.
///
/// # Complexity
/// O(V · E) (betweenness), otherwise linear.
pub fn to_bytes(
    g: &Gazetteer,
    net: &Network,
    positions: Option<&[[f32; 2]]>,
    official: &[OfficialEdge],
) -> Result<Vec<u8>, ExportError> {
    let mut x = Xml::new()?;
    head(
        &mut x,
        "Regional partnership network (东西部协作, 对口支援); edges point helper → helped",
    )?;
    x.open(
        "graph",
        &[("defaultedgetype", "directed"), ("mode", "static")],
    )?;
    x.open("attributes", &[("class", "node"), ("mode", "static")])?;
    for (id, ty) in NODE_ATTRIBUTES {
        x.empty("attribute", &[("id", id), ("title", id), ("type", ty)])?;
    }
    x.close("attributes")?;
    x.open("attributes", &[("class", "edge"), ("mode", "static")])?;
    for (id, ty) in EDGE_ATTRIBUTES {
        x.empty("attribute", &[("id", id), ("title", id), ("type", ty)])?;
    }
    x.close("attributes")?;

    let pos_of: std::collections::HashMap<_, [f32; 2]> = match positions {
        Some(p) => net.graph.node_indices().zip(p.iter().copied()).collect(),
        None => std::collections::HashMap::new(),
    };
    x.open("nodes", &[])?;
    for n in node_rows(g, net) {
        x.open("node", &[("id", &n.code), ("label", &n.name)])?;
        x.open("attvalues", &[])?;
        let values = n.values();
        for ((id, _), v) in NODE_ATTRIBUTES.iter().zip(&values) {
            x.empty("attvalue", &[("for", id), ("value", v)])?;
        }
        x.close("attvalues")?;
        position(&mut x, pos_of.get(&n.index))?;
        x.close("node")?;
    }
    x.close("nodes")?;

    x.open("edges", &[])?;
    for (i, e) in edge_rows(g, net, official).iter().enumerate() {
        let id = format!("e{i}");
        let weight = e.documents.to_string();
        x.open(
            "edge",
            &[
                ("id", &id),
                ("source", &e.source),
                ("target", &e.target),
                ("weight", &weight),
                ("kind", e.relation.as_str()),
                ("label", e.relation.as_str()),
            ],
        )?;
        x.open("attvalues", &[])?;
        let values = e.values();
        for ((id, _), v) in EDGE_ATTRIBUTES.iter().zip(&values) {
            if !v.is_empty() {
                x.empty("attvalue", &[("for", id), ("value", v)])?;
            }
        }
        x.close("attvalues")?;
        x.close("edge")?;
    }
    x.close("edges")?;
    x.close("graph")?;
    x.close("gexf")?;
    Ok(x.finish())
}
