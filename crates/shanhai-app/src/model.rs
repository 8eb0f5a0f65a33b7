//! The network as it is shown ([`View`]): filtered, rolled up, laid out and turned into the
//! shared [`scene::Scene`](shanhai_core::scene::Scene). Nothing here persists;
//! it is rebuilt from the [`State`](super::state::State) and the data.

use std::collections::{BTreeSet, HashMap};

use shanhai_core::filter::{self, Shown};
use shanhai_core::gazetteer::{Gazetteer, RegionId};
use shanhai_core::layout::{Layout, LayoutGraph, LayoutRun};
use shanhai_core::network::Network;
use shanhai_core::scene::index::BoxIndex;
use shanhai_core::scene::{ColourBy, Frame, LabelPlace, MapLabel, Scene, Style};

pub use super::loader::Data;
use super::reference::Reference;
use super::state::{Filters, State};

/// The network as shown.
pub struct View {
    /// The filtered, rolled-up network.
    pub net: Network,
    /// Its nodes and edges for the layouts.
    pub lg: LayoutGraph,
    /// The picture.
    pub scene: Scene,
    /// Region → index in `scene.nodes`.
    pub scene_of: HashMap<RegionId, usize>,
    /// Region → index in `lg.nodes`.
    pub layout_of: HashMap<RegionId, usize>,
    /// The layout's progress and positions (in `lg.nodes` order).
    pub run: LayoutRun,
    /// The nodes' circles (box `i` for `scene.nodes[i]`), for hit tests.
    pub index: BoxIndex,
    /// What the view was built from.
    pub key: ViewKey,
    labels: Option<(i32, Vec<LabelPlace>)>,
    /// The province names that fit beside those labels, in picture
    /// pixels, per zoom step.
    map_labels: Option<(i32, Vec<MapLabel>)>,
}

/// The inputs a [`View`] depends on; a change rebuilds it.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewKey {
    /// Data generation.
    pub data: u64,
    /// Filters.
    pub filters: Filters,
    /// Layout.
    pub layout: Layout,
    /// Colours.
    pub colour_by: ColourBy,
    /// Overlay shown.
    pub reference: bool,
    /// Schemes hidden from the overlay.
    pub hidden_schemes: BTreeSet<String>,
    /// Pins generation.
    pub pins: u64,
    /// The province map shown.
    pub map: bool,
}

/// The style of the on-screen picture.
pub fn screen_style(state: &State) -> Style {
    Style {
        colour_by: state.colour_by,
        map: state.layout == Layout::Geographic && state.show_map,
        legend: true,
        lang: state.lang,
        ..Style::default()
    }
}

impl View {
    /// Builds the view of `data` for the state (the layout starts, from
    /// the `previous` positions of the regions that were shown before; a
    /// force layout then runs through [`View::tick`]).
    pub fn build(
        g: &Gazetteer,
        data: &Data,
        reference: &Reference,
        state: &State,
        key: ViewKey,
        previous: &HashMap<RegionId, [f32; 2]>,
    ) -> View {
        let shown = filter::show(
            g,
            &data.ex,
            &state.filters,
            state
                .show_reference
                .then_some((reference, &state.hidden_schemes)),
        );
        View::from_network(g, shown, state, key, previous)
    }

    /// Builds the view of an already filtered network and its overlay
    /// (what [`View::build`] does after [`filter::show`]); the drawing
    /// benchmarks use it with synthetic networks.
    pub fn from_network(
        g: &Gazetteer,
        shown: Shown,
        state: &State,
        key: ViewKey,
        previous: &HashMap<RegionId, [f32; 2]>,
    ) -> View {
        let Shown { net, official } = shown;
        let lg = LayoutGraph::from_network(&net);
        let layout_of: HashMap<RegionId, usize> =
            lg.nodes.iter().enumerate().map(|(i, &r)| (r, i)).collect();
        let pins = state.pins();
        let pin_of = |r: RegionId| -> Option<[f32; 2]> {
            pins.and_then(|p| p.get(&g.region(r).code)).copied()
        };
        let run = LayoutRun::start(state.layout, g, &lg, previous, &pin_of);
        let mut scene = Scene::build(g, &net, run.positions(), &screen_style(state));
        scene.title.clear();
        scene.source_line.clear();
        scene.add_official(g, &official);
        let scene_of: HashMap<RegionId, usize> = scene
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect();
        let index = circles(&scene);
        View {
            net,
            lg,
            scene,
            scene_of,
            layout_of,
            run,
            index,
            key,
            labels: None,
            map_labels: None,
        }
    }

    /// True once the layout has settled.
    pub fn settled(&self) -> bool {
        self.run.settled()
    }

    /// Layout positions, in `lg.nodes` order.
    pub fn positions(&self) -> &[[f32; 2]] {
        self.run.positions()
    }

    /// Runs the force layout for at most `budget`; returns true when the
    /// positions changed.
    pub fn tick(&mut self, budget: std::time::Duration) -> bool {
        if !self.run.tick(budget) {
            return false;
        }
        self.sync_scene();
        true
    }

    /// Copies the layout positions into the scene (with the scene's frame,
    /// so the picture does not jump) and rebuilds the hit grid.
    pub fn sync_scene(&mut self) {
        let frame = self.scene.frame;
        for n in &mut self.scene.nodes {
            if let Some(&i) = self.layout_of.get(&n.id)
                && let Some(&p) = self.run.positions().get(i)
            {
                n.pos = frame.apply(p);
            }
        }
        self.index = circles(&self.scene);
        self.labels = None;
    }

    /// Moves a node to a picture position (a drag). Returns its new layout
    /// position.
    pub fn move_node(&mut self, r: RegionId, px: [f32; 2]) -> Option<[f32; 2]> {
        let f = self.scene.frame;
        if !(f.scale.is_finite() && f.scale > 0.0) {
            return None;
        }
        let p = [
            (px[0] - f.offset[0]) / f.scale,
            (px[1] - f.offset[1]) / f.scale,
        ];
        let li = *self.layout_of.get(&r)?;
        self.run.pin(li, p);
        if let Some(&si) = self.scene_of.get(&r) {
            self.scene.nodes[si].pos = px;
        }
        self.labels = None;
        Some(p)
    }

    /// Ends a drag: the hit grid follows the moved node.
    pub fn end_move(&mut self) {
        self.index = circles(&self.scene);
    }

    /// Picture position of a region's node.
    pub fn node_pos(&self, r: RegionId) -> Option<[f32; 2]> {
        Some(self.scene.nodes.get(*self.scene_of.get(&r)?)?.pos)
    }

    /// The labels to draw at a zoom, most important first
    /// ([`Scene::visible_labels`], the exports' placer), cached per zoom
    /// step (a quarter octave).
    pub fn labels(&mut self, zoom: f32) -> &[LabelPlace] {
        let step = (zoom.max(1e-3).log2() * 4.0).round() as i32;
        let stale = self.labels.as_ref().is_none_or(|(s, _)| *s != step);
        if stale {
            let z = 2f32.powf(step as f32 / 4.0);
            self.labels = Some((step, self.scene.visible_labels(z)));
        }
        self.labels.as_ref().map_or(&[], |(_, l)| l.as_slice())
    }

    /// The province names that fit beside [`View::labels`] at `zoom`
    /// (computed once per quarter step of zoom, like the labels), with
    /// their centres in picture pixels.
    pub fn map_labels(&mut self, zoom: f32) -> &[MapLabel] {
        let step = (zoom.max(1e-3).log2() * 4.0).round() as i32;
        let stale = self.map_labels.as_ref().is_none_or(|(s, _)| *s != step);
        if stale {
            let z = 2f32.powf(step as f32 / 4.0);
            let placed = self.labels(zoom).to_vec();
            let at_zoom = Frame {
                scale: z,
                offset: [0.0, 0.0],
            };
            // Inside the picture, as the exported pictures have them.
            let picture = [
                0.0,
                0.0,
                self.scene.width as f32 * z,
                self.scene.height as f32 * z,
            ];
            let mut names = self.scene.map_labels(&at_zoom, z, &placed, &picture);
            for n in &mut names {
                n.pos = [n.pos[0] / z, n.pos[1] / z];
            }
            self.map_labels = Some((step, names));
        }
        self.map_labels.as_ref().map_or(&[], |(_, l)| l.as_slice())
    }

    /// The bounding box of the nodes (circles) in picture pixels; `None`
    /// without nodes.
    pub fn bounds(&self) -> Option<egui::Rect> {
        let mut r = egui::Rect::NOTHING;
        for n in &self.scene.nodes {
            r.extend_with(egui::pos2(n.pos[0] - n.radius, n.pos[1] - n.radius));
            r.extend_with(egui::pos2(n.pos[0] + n.radius, n.pos[1] + n.radius));
        }
        (!self.scene.nodes.is_empty()).then_some(r)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.net.node_count()
    }

    /// Number of links.
    pub fn edge_count(&self) -> usize {
        self.net.edge_count()
    }

    /// Regions in the view, for lookups.
    pub fn contains(&self, r: RegionId) -> bool {
        self.scene_of.contains_key(&r)
    }

    /// Documents that support some visible link.
    pub fn documents(&self) -> BTreeSet<u32> {
        self.net
            .graph
            .edge_weights()
            .flat_map(|l| l.documents.iter().copied())
            .collect()
    }
}

/// The index of a scene's node circles.
fn circles(scene: &Scene) -> BoxIndex {
    BoxIndex::of_circles(scene.nodes.iter().map(|n| (n.pos, n.radius)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{Source, load_blocking};
    use shanhai_core::corpus::NoProgress;
    use shanhai_core::extract::Relation;
    use shanhai_core::network::ViewLevel;

    fn sample() -> (&'static Gazetteer, Data) {
        let g = Gazetteer::get().unwrap();
        (g, load_blocking(&Source::Sample, &NoProgress).unwrap())
    }

    #[test]
    fn province_level_has_four_regions() {
        let (g, d) = sample();
        let f = Filters {
            level: ViewLevel::Province,
            ..Filters::default()
        };
        let net = filter::show(g, &d.ex, &f, None).net;
        let mut names: Vec<&str> = net
            .graph
            .node_weights()
            .map(|&r| g.region(r).name.as_str())
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["天津市", "山东省", "新疆维吾尔自治区", "甘肃省"]);
    }

    #[test]
    fn relation_and_document_filters() {
        let (g, d) = sample();
        let all = filter::show(g, &d.ex, &Filters::default(), None).net;
        let mut f = Filters::default();
        f.hidden_relations.insert(Relation::CounterpartSupport);
        let ew = filter::show(g, &d.ex, &f, None).net;
        assert!(ew.edge_count() < all.edge_count());
        assert!(
            ew.graph
                .edge_weights()
                .all(|l| l.relation != Relation::CounterpartSupport)
        );
        f.min_documents = 3;
        let strong = filter::show(g, &d.ex, &f, None).net;
        assert!(strong.graph.edge_weights().all(|l| l.weight() >= 3));
        f.hide_isolated = false;
        let with_isolated = filter::show(g, &d.ex, &f, None).net;
        assert!(with_isolated.node_count() > strong.node_count());
    }

    #[test]
    fn month_range_keeps_dated_articles() {
        let (g, d) = sample();
        assert_eq!(d.timeline.undated, 4);
        let f = Filters {
            months: Some((2023 * 12 + 3, 2023 * 12 + 3)),
            ..Filters::default()
        };
        let net = filter::show(g, &d.ex, &f, None).net;
        let docs: BTreeSet<u32> = net
            .graph
            .edge_weights()
            .flat_map(|l| l.documents.iter().copied())
            .collect();
        assert_eq!(docs.into_iter().collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn overlay_marks_stated_pairs() {
        let (g, d) = sample();
        let reference = Reference::embedded(g);
        let state = State {
            filters: Filters {
                level: ViewLevel::Province,
                ..Filters::default()
            },
            show_reference: true,
            ..State::default()
        };
        let key = ViewKey {
            data: 0,
            filters: state.filters.clone(),
            layout: state.layout,
            colour_by: state.colour_by,
            reference: true,
            hidden_schemes: BTreeSet::new(),
            pins: 0,
            map: true,
        };
        let v = View::build(g, &d, reference, &state, key, &HashMap::new());
        let tj = g.by_code("120000").unwrap();
        let gs = g.by_code("620000").unwrap();
        let sd = g.by_code("370000").unwrap();
        let cq = g.by_code("500000").unwrap();
        let id = |i: usize| v.scene.nodes[i].id;
        // 天津→甘肃 is stated and official: its stated edge has a mark.
        assert!(v.scene.marks.iter().any(|&m| {
            let e = &v.scene.edges[m];
            !e.official && id(e.from) == tj && id(e.to) == gs
        }));
        // 山东→重庆 is official, touches the network, and is not stated: an
        // official edge of its own.
        assert!(
            v.scene
                .edges
                .iter()
                .any(|e| e.official && id(e.from) == sd && id(e.to) == cq)
        );
        // Pairs far from the articles stay out.
        let gx = g.by_code("450000").unwrap();
        assert!(!v.contains(gx));
        let counts = &d.official_counts;
        let i = reference
            .pairs
            .iter()
            .position(|p| p.helper == tj && p.helped == gs)
            .unwrap();
        assert_eq!(counts[i], 3);
    }

    #[test]
    fn a_filter_change_resumes_the_force_layout_in_place() {
        let (g, d) = sample();
        let reference = Reference::embedded(g);
        let mut state = State {
            layout: Layout::Force,
            ..State::default()
        };
        let key = |state: &State| ViewKey {
            data: 0,
            filters: state.filters.clone(),
            layout: state.layout,
            colour_by: state.colour_by,
            reference: false,
            hidden_schemes: BTreeSet::new(),
            pins: 0,
            map: true,
        };
        let mut v = View::build(g, &d, reference, &state, key(&state), &HashMap::new());
        while !v.settled() {
            v.tick(std::time::Duration::from_millis(50));
        }
        let before = v.run.by_region();
        state
            .filters
            .hidden_relations
            .insert(Relation::CounterpartSupport);
        let w = View::build(g, &d, reference, &state, key(&state), &before);
        assert!(w.node_count() < v.node_count());
        // Every region that stays starts where it was.
        for (r, p) in w.run.by_region() {
            assert_eq!(Some(&p), before.get(&r), "{}", g.region(r).name);
        }
    }
}
