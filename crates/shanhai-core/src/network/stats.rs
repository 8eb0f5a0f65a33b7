//! Node statistics: degree, weighted degree and betweenness centrality.

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
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
/// parallel links as one (Brandes' algorithm), normalised by
/// (n − 1)(n − 2) / 2.
///
/// # Complexity
/// O(V · E) time, O(V + E) memory.
pub fn betweenness(n: &Network) -> HashMap<NodeIndex, f64> {
    let nodes: Vec<NodeIndex> = n.graph.node_indices().collect();
    let index: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, &x)| (x, i)).collect();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for e in (&n.graph).edge_references() {
        let (Some(&a), Some(&b)) = (index.get(&e.source()), index.get(&e.target())) else {
            continue;
        };
        if a != b {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    for l in &mut adj {
        l.sort_unstable();
        l.dedup();
    }
    let v = nodes.len();
    let mut cb = vec![0.0f64; v];
    let mut stack = Vec::with_capacity(v);
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); v];
    let mut sigma = vec![0.0f64; v];
    let mut dist = vec![-1i64; v];
    let mut delta = vec![0.0f64; v];
    let mut queue = VecDeque::new();
    for s in 0..v {
        stack.clear();
        for x in 0..v {
            pred[x].clear();
            sigma[x] = 0.0;
            dist[x] = -1;
            delta[x] = 0.0;
        }
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(x) = queue.pop_front() {
            stack.push(x);
            for &w in &adj[x] {
                if dist[w] < 0 {
                    dist[w] = dist[x] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[x] + 1 {
                    sigma[w] += sigma[x];
                    pred[w].push(x);
                }
            }
        }
        while let Some(w) = stack.pop() {
            for &x in &pred[w] {
                delta[x] += sigma[x] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    // Each undirected path was counted from both ends.
    let norm = if v > 2 {
        ((v - 1) * (v - 2)) as f64
    } else {
        1.0
    };
    nodes
        .into_iter()
        .zip(cb)
        .map(|(i, c)| (i, c / norm))
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
