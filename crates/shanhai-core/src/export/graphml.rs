//! GraphML (<http://graphml.graphdrawing.org/>), read by Cytoscape, yEd,
//! networkx and igraph: a directed graph, nodes identified by region code,
//! typed `<key>`s for the attributes.

use super::xmlw::Xml;
use super::{ExportError, edge_rows, node_rows};
use crate::gazetteer::Gazetteer;
use crate::network::Network;
use crate::reference::OfficialEdge;

/// Node keys: (id, GraphML type).
pub const NODE_KEYS: [(&str, &str); 12] = [
    ("code", "string"),
    ("name", "string"),
    ("level", "string"),
    ("province_code", "string"),
    ("province", "string"),
    ("lon", "double"),
    ("lat", "double"),
    ("degree", "int"),
    ("weighted_degree", "int"),
    ("out_degree", "int"),
    ("in_degree", "int"),
    ("betweenness", "double"),
];

/// Edge keys: (id, GraphML type).
pub const EDGE_KEYS: [(&str, &str); 7] = [
    ("relation", "string"),
    ("documents", "int"),
    ("confidence", "double"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("official", "string"),
    ("official_schemes", "string"),
];

/// The network as a GraphML document. Node ids are region codes; edge ids
/// are `e0`, `e1`, … in (helper, helped, relation) order. Attribute keys
/// use the attribute names as ids (networkx and Cytoscape show them as
/// they are); the key `name` doubles as the node label.
///
/// # Errors
/// Only if the in-memory XML writer fails.
///
/// # Complexity
/// O(V · E) (betweenness), otherwise linear.
pub fn to_bytes(
    g: &Gazetteer,
    net: &Network,
    official: &[OfficialEdge],
) -> Result<Vec<u8>, ExportError> {
    let mut x = Xml::new()?;
    x.open(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    for (id, ty) in NODE_KEYS {
        x.empty(
            "key",
            &[
                ("id", id),
                ("for", "node"),
                ("attr.name", id),
                ("attr.type", ty),
            ],
        )?;
    }
    for (id, ty) in EDGE_KEYS {
        x.empty(
            "key",
            &[
                ("id", id),
                ("for", "edge"),
                ("attr.name", id),
                ("attr.type", ty),
            ],
        )?;
    }
    x.open("graph", &[("id", "shanhai"), ("edgedefault", "directed")])?;
    for n in node_rows(g, net) {
        x.open("node", &[("id", &n.code)])?;
        let values = n.values();
        for ((id, _), v) in NODE_KEYS.iter().zip(&values) {
            x.leaf("data", &[("key", id)], v)?;
        }
        x.close("node")?;
    }
    for (i, e) in edge_rows(g, net, official).iter().enumerate() {
        let id = format!("e{i}");
        x.open(
            "edge",
            &[("id", &id), ("source", &e.source), ("target", &e.target)],
        )?;
        let values = e.values();
        for ((id, _), v) in EDGE_KEYS.iter().zip(&values) {
            if !v.is_empty() {
                x.leaf("data", &[("key", id)], v)?;
            }
        }
        x.close("edge")?;
    }
    x.close("graph")?;
    x.close("graphml")?;
    Ok(x.finish())
}
