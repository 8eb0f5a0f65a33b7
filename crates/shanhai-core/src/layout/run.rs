//! A layout as a state machine: [`Phase::Idle`] before anything is
//! computed, [`Phase::Running`] while a force layout ticks,
//! [`Phase::Settled`] once positions are final. A new run (the filters
//! changed, a region came or went) restarts from the previous run's
//! positions, so the picture does not jump: regions that stay keep their
//! place and only what changed moves.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::{DEFAULT_SEED, ForceLayout, ForceParams, Layout, LayoutGraph, compute, geographic};
use crate::gazetteer::{Gazetteer, RegionId};

/// Where a [`LayoutRun`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Nothing computed yet (no nodes).
    Idle,
    /// The force layout is running; positions change with each tick.
    Running,
    /// Positions are final.
    Settled,
}

/// Warmth of a force layout that resumes from previous positions (a cold
/// start is 1): enough to make room for new regions, not enough to shake
/// the ones that stay.
const RESUME_WARMTH: f32 = 0.25;

/// A layout being computed for one graph.
#[derive(Debug, Clone)]
pub struct LayoutRun {
    layout: Layout,
    nodes: Vec<RegionId>,
    pos: Vec<[f32; 2]>,
    force: Option<Box<ForceLayout>>,
    phase: Phase,
}

impl LayoutRun {
    /// Starts `layout` for `graph`. `previous` gives positions of an
    /// earlier run by region (the force layout resumes from them, and
    /// from the geographic position for regions without one); `pins` fixes
    /// regions the user moved. Geographic and east → west layouts are
    /// computed at once (settled).
    ///
    /// # Complexity
    /// O(n + e) to start; the force layout then O(n log n + e) per tick.
    pub fn start(
        layout: Layout,
        g: &Gazetteer,
        graph: &LayoutGraph,
        previous: &HashMap<RegionId, [f32; 2]>,
        pins: &dyn Fn(RegionId) -> Option<[f32; 2]>,
    ) -> LayoutRun {
        let nodes = graph.nodes.clone();
        if nodes.is_empty() {
            return LayoutRun {
                layout,
                nodes,
                pos: Vec::new(),
                force: None,
                phase: Phase::Idle,
            };
        }
        match layout {
            Layout::Force => {
                let anchor = geographic(g, &nodes);
                let start: Vec<Option<[f32; 2]>> = nodes
                    .iter()
                    .map(|r| pins(*r).or_else(|| previous.get(r).copied()))
                    .collect();
                let resumed = start.iter().filter(|p| p.is_some()).count();
                let warmth = if resumed * 2 >= nodes.len() {
                    RESUME_WARMTH
                } else {
                    1.0
                };
                let mut f = ForceLayout::resume(
                    anchor,
                    &start,
                    &graph.edges,
                    DEFAULT_SEED,
                    ForceParams::default(),
                    warmth,
                );
                for (i, r) in nodes.iter().enumerate() {
                    if let Some(q) = pins(*r) {
                        f.pin(i, q);
                    }
                }
                if warmth < 1.0 {
                    // Pins reheat; a resumed run stays gentle.
                    f.reheat(0.0);
                }
                let pos = f.positions().to_vec();
                LayoutRun {
                    layout,
                    nodes,
                    pos,
                    force: Some(Box::new(f)),
                    phase: Phase::Running,
                }
            }
            other => {
                let mut pos = compute(other, g, graph, DEFAULT_SEED);
                for (p, r) in pos.iter_mut().zip(&nodes) {
                    if let Some(q) = pins(*r) {
                        *p = q;
                    }
                }
                LayoutRun {
                    layout,
                    nodes,
                    pos,
                    force: None,
                    phase: Phase::Settled,
                }
            }
        }
    }

    /// The layout computed.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Where the run is.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// True once positions are final (or there are none).
    pub fn settled(&self) -> bool {
        self.phase != Phase::Running
    }

    /// Positions, in [`LayoutGraph::nodes`] order.
    pub fn positions(&self) -> &[[f32; 2]] {
        &self.pos
    }

    /// Positions by region, to resume from in the next run.
    pub fn by_region(&self) -> HashMap<RegionId, [f32; 2]> {
        self.nodes
            .iter()
            .copied()
            .zip(self.pos.iter().copied())
            .collect()
    }

    /// Runs the force layout for at most `budget`; returns true when the
    /// positions changed.
    pub fn tick(&mut self, budget: Duration) -> bool {
        let Some(f) = &mut self.force else {
            return false;
        };
        if self.phase != Phase::Running {
            return false;
        }
        let started = Instant::now();
        let mut done = false;
        while started.elapsed() < budget {
            if f.step() {
                done = true;
                break;
            }
        }
        self.pos.copy_from_slice(f.positions());
        if done {
            self.phase = Phase::Settled;
        }
        true
    }

    /// Runs until settled (the command line's force layout).
    pub fn finish(&mut self) {
        while self.phase == Phase::Running {
            self.tick(Duration::from_secs(3600));
        }
    }

    /// Moves node `i` (a drag) and fixes it there; a running force layout
    /// lets the others adapt.
    pub fn pin(&mut self, i: usize, p: [f32; 2]) {
        if let Some(q) = self.pos.get_mut(i) {
            *q = p;
        }
        if let Some(f) = &mut self.force
            && self.phase == Phase::Running
        {
            f.pin(i, p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::ViewLevel;

    fn sample_graph(g: &Gazetteer) -> LayoutGraph {
        let ex = crate::pipeline::process(g, crate::corpus::sample());
        LayoutGraph::from_network(&ex.network().roll_up(g, ViewLevel::Stated))
    }

    #[test]
    fn phases_and_resuming() {
        let g = Gazetteer::get().expect("the gazetteer loads");
        let graph = sample_graph(g);
        let none = |_: RegionId| None;
        let empty = LayoutRun::start(
            Layout::Force,
            g,
            &LayoutGraph::default(),
            &HashMap::new(),
            &none,
        );
        assert_eq!(empty.phase(), Phase::Idle);
        let geo = LayoutRun::start(Layout::Geographic, g, &graph, &HashMap::new(), &none);
        assert_eq!(geo.phase(), Phase::Settled);
        let mut cold = LayoutRun::start(Layout::Force, g, &graph, &HashMap::new(), &none);
        assert_eq!(cold.phase(), Phase::Running);
        cold.finish();
        assert_eq!(cold.phase(), Phase::Settled);
        // The same graph minus one edge, resumed from the settled run:
        // it starts where the last one ended (no jump back to the map) and
        // moves less, all told, than the jump a cold start makes.
        let mut smaller = graph.clone();
        smaller.edges.pop();
        let before = cold.by_region();
        let shift = |run: &LayoutRun| -> f32 {
            run.by_region()
                .iter()
                .map(|(r, p)| {
                    let q = before[r];
                    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt()
                })
                .sum::<f32>()
        };
        let mut warm = LayoutRun::start(Layout::Force, g, &smaller, &before, &none);
        assert_eq!(shift(&warm), 0.0, "a resumed run starts in place");
        let fresh = LayoutRun::start(Layout::Force, g, &smaller, &HashMap::new(), &none);
        let jump = shift(&fresh);
        assert!(jump > 0.0);
        warm.finish();
        assert!(
            shift(&warm) < jump * 0.5,
            "resumed run moved {} in all; a cold start jumps {jump}",
            shift(&warm)
        );
        // A pinned region stays where it was put.
        let r = graph.nodes[0];
        let pins = |q: RegionId| (q == r).then_some([1.0, 2.0]);
        let mut pinned = LayoutRun::start(Layout::Force, g, &graph, &before, &pins);
        pinned.finish();
        assert_eq!(pinned.by_region()[&r], [1.0, 2.0]);
    }
}
