//! `layout`: where each node of the network goes.
//!
//! Three layouts, all pure and deterministic, with no GUI types:
//!
//! * [`geographic`]: regions at their coordinates in an Albers equal-area
//!   conic projection ([`project`]), nodes at the same point spread on a
//!   small spiral; [`crate::basemap`] has the province outlines drawn
//!   under it.
//! * [`ForceLayout`]: Barnes–Hut force-directed, seeded from (and weakly
//!   pulled towards) the geographic positions, run one tick at a time.
//! * [`east_west`]: helpers in columns on the left, helped regions on the
//!   right, ordered to reduce crossings.
//!
//! Positions are `[x, y]` with `y` pointing down (screen space). Units are
//! kilometres for [`geographic`] and [`ForceLayout`]; [`east_west`] uses the
//! same order of magnitude. The renderer fits whatever it gets to the frame.
//!
//! Nodes are addressed by their index in a `nodes: &[RegionId]` slice and
//! edges are `(from, to)` pairs of such indices; [`LayoutGraph`] builds both
//! from a [`Network`].

mod east_west;
mod force;
mod geo;
mod run;

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

pub use east_west::{east_west, is_helper};
pub use force::{ForceLayout, ForceParams};
pub use geo::{GEO_SPREAD_KM, geographic, project};
pub use run::{LayoutRun, Phase};

use crate::gazetteer::{Gazetteer, RegionId};
use crate::network::Network;

/// The seed the command line uses for the force layout.
pub const DEFAULT_SEED: u64 = 0x5348_414E_4841_4921;

/// The layouts a view can use.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    strum::EnumIter,
)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Layout {
    /// Regions at their coordinates.
    #[default]
    #[cfg_attr(feature = "clap", value(name = "geo", alias = "geographic"))]
    Geographic,
    /// Force-directed, starting from the geographic positions.
    Force,
    /// Helpers on the left, helped regions on the right.
    #[cfg_attr(feature = "clap", value(alias = "east_west", alias = "eastwest"))]
    EastWest,
}

impl Layout {
    /// The name on the command line: `geo`, `force`, `east-west`.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Geographic => "geo",
            Layout::Force => "force",
            Layout::EastWest => "east-west",
        }
    }

    /// Parses [`Layout::as_str`] names (and `geographic`, `east_west`,
    /// `eastwest`).
    pub fn parse(s: &str) -> Option<Layout> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "geo" | "geographic" => Layout::Geographic,
            "force" => Layout::Force,
            "east-west" | "east_west" | "eastwest" => Layout::EastWest,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The nodes and edges of a network in the form the layouts take.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutGraph {
    /// The regions, in the network's node-index order
    /// (`net.graph.node_indices()`).
    pub nodes: Vec<RegionId>,
    /// `(helper, helped)` index pairs into `nodes`, one per link (a pair
    /// linked under two relations appears twice), in edge-index order.
    pub edges: Vec<(usize, usize)>,
}

impl LayoutGraph {
    /// Reads the nodes and edges of a network.
    ///
    /// # Complexity
    /// O(V + E).
    pub fn from_network(net: &Network) -> LayoutGraph {
        let mut index = std::collections::HashMap::new();
        let mut nodes = Vec::with_capacity(net.graph.node_count());
        for (i, n) in net.graph.node_indices().enumerate() {
            index.insert(n, i);
            nodes.push(net.graph[n]);
        }
        let edges = net
            .graph
            .edge_references()
            .filter_map(|e| Some((*index.get(&e.source())?, *index.get(&e.target())?)))
            .collect();
        LayoutGraph { nodes, edges }
    }
}

/// Computes a layout in one go: for [`Layout::Force`] the force layout
/// runs from the geographic positions until it settles (at most
/// `ForceParams::default().max_ticks` ticks).
///
/// # Complexity
/// Geographic: O(n log n); east–west: O((n + e) log n · sweeps); force:
/// O(ticks · (n log n + e)).
pub fn compute(layout: Layout, g: &Gazetteer, graph: &LayoutGraph, seed: u64) -> Vec<[f32; 2]> {
    match layout {
        Layout::Geographic => geographic(g, &graph.nodes),
        Layout::EastWest => east_west(g, &graph.nodes, &graph.edges),
        Layout::Force => {
            let mut f = ForceLayout::new(geographic(g, &graph.nodes), &graph.edges, seed);
            while !f.step() {}
            f.positions().to_vec()
        }
    }
}
