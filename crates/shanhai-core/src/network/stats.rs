//! Node statistics: degree, weighted degree and betweenness centrality.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::UnGraph;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::Serialize;

use super::Network;

/// Statistics of one node in the current view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct NodeStats {
    /// Number of links (in and out).
    pub degree: usize,
    /// Sum of the links' document counts.
    pub weighted_degree: usize,
    /// Links as helper.
    pub out_degree: usize,
    /// Links as helped.
    pub in_degree: usize,
    /// Betweenness centrality (undirected, normalised to 0–1).
    pub betweenness: f64,
}

pub(super) fn compute(n: &Network) -> HashMap<NodeIndex, NodeStats> {
    let bc = betweenness(n);
    n.graph
        .node_indices()
        .map(|i| {
            let out: Vec<_> = n.graph.edges_directed(i, Direction::Outgoing).collect();
            let inc: Vec<_> = n.graph.edges_directed(i, Direction::Incoming).collect();
            let weighted = out.iter().chain(&inc).map(|e| e.weight().weight()).sum();
            (
                i,
                NodeStats {
                    degree: out.len() + inc.len(),
                    weighted_degree: weighted,
                    out_degree: out.len(),
                    in_degree: inc.len(),
                    betweenness: bc.get(&i).copied().unwrap_or(0.0),
                },
            )
        })
        .collect()
}

/// Betweenness centrality of every node, treating links as undirected and
/// parallel links as one, normalised by (n − 1)(n − 2) / 2:
/// `rustworkx-core`'s Brandes implementation (parallel on large graphs)
/// over the simple undirected graph of the network.
///
/// # Complexity
/// O(V · E) time, O(V + E) memory.
pub fn betweenness(n: &Network) -> HashMap<NodeIndex, f64> {
    let nodes: Vec<NodeIndex> = n.graph.node_indices().collect();
    let index: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, &x)| (x, i)).collect();
    let mut pairs: Vec<(usize, usize)> = (&n.graph)
        .edge_references()
        .filter_map(|e| {
            let (a, b) = (*index.get(&e.source())?, *index.get(&e.target())?);
            (a != b).then_some((a.min(b), a.max(b)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut simple: UnGraph<(), ()> = UnGraph::with_capacity(nodes.len(), pairs.len());
    for _ in &nodes {
        simple.add_node(());
    }
    for (a, b) in pairs {
        simple.add_edge(
            petgraph::graph::NodeIndex::new(a),
            petgraph::graph::NodeIndex::new(b),
            (),
        );
    }
    // Graphs from 200 nodes on are computed on the rayon pool.
    let bc = rustworkx_core::centrality::betweenness_centrality(&simple, false, true, 200);
    nodes
        .into_iter()
        .zip(bc)
        .map(|(i, c)| (i, c.unwrap_or(0.0)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::RegionId;

    fn path_network(n: u32) -> Network {
        let mut net = Network::default();
        let nodes: Vec<NodeIndex> = (0..n).map(|r: RegionId| net.node(r)).collect();
        for w in nodes.windows(2) {
            net.graph.add_edge(
                w[0],
                w[1],
                super::super::Link {
                    relation: crate::extract::Relation::Other,
                    confidence: 1.0,
                    documents: [0u32, 1].into_iter().collect(),
                    first: None,
                    last: None,
                    evidence: Vec::new(),
                },
            );
        }
        net
    }

    #[test]
    fn betweenness_of_a_path() {
        // 0 — 1 — 2: every path between the ends runs through the middle.
        let net = path_network(3);
        let bc = betweenness(&net);
        let mut v: Vec<f64> = net.graph.node_indices().map(|i| bc[&i]).collect();
        v.iter_mut()
            .for_each(|x| *x = (*x * 1000.0).round() / 1000.0);
        assert_eq!(v, vec![0.0, 1.0, 0.0]);
        // 0 — 1 — 2 — 3: the inner nodes carry 2 of the 3 end-to-end pairs.
        let net = path_network(4);
        let bc = betweenness(&net);
        let v: Vec<f64> = net.graph.node_indices().map(|i| bc[&i]).collect();
        assert!((v[1] - 2.0 / 3.0).abs() < 1e-9 && (v[2] - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn betweenness_ignores_direction_and_parallel_links() {
        // 0 → 1 ← 2 with a second (reversed) link 1 → 0: the middle still
        // carries the one end-to-end pair, counted once.
        let mut net = path_network(3);
        let ids: Vec<NodeIndex> = net.graph.node_indices().collect();
        let link = net.graph[net.graph.edge_indices().next().unwrap()].clone();
        net.graph.add_edge(ids[1], ids[0], link);
        let bc = betweenness(&net);
        assert!((bc[&ids[1]] - 1.0).abs() < 1e-9, "{:?}", bc);
        assert_eq!(bc[&ids[0]], 0.0);
    }

    #[test]
    fn degrees_and_weights() {
        let net = path_network(3);
        let st = compute(&net);
        let mid = net.graph.node_indices().nth(1).map(|i| st[&i]);
        assert_eq!(
            mid.map(|s| (s.degree, s.weighted_degree, s.in_degree, s.out_degree)),
            Some((2, 4, 1, 1))
        );
    }
}
