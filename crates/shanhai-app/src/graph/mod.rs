//! The network view: pan and zoom through [`egui::Scene`], and the shared
//! [`scene::Scene`](shanhai_core::scene::Scene) painted in screen space (so
//! labels stay sharp at any zoom) with the scene's own geometry through
//! the view's [`Frame`]: node radii, edge curves and arrowheads
//! ([`geometry`]), the labels that fit
//! ([`Scene::visible_labels`](shanhai_core::scene::Scene::visible_labels)),
//! the marks and the legend: what the exported pictures draw at zoom 1.
//! Only what is visible is drawn.

mod hover;
mod input;
mod labels;
mod legend;
mod map;
mod mesh;

use std::sync::Arc;

use egui::emath::TSTransform;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2, vec2};

use shanhai_core::gazetteer::{Gazetteer, RegionId};
use shanhai_core::scene::geometry::{self, EdgeCurve};
use shanhai_core::scene::index::BoxIndex;
use shanhai_core::scene::{Frame, LabelPlace, Rgba, SceneEdge, Swatch, style};

use crate::command::{Selection, relation_name};
use crate::i18n::Lang;
use crate::model::View;
use hover::{edge_tooltip, hit_node, node_tooltip, polyline_distance};
pub use mesh::screen_frame;
use mesh::{Discs, Lines, draw_curve, flatten, own_primitive, p2};

/// Accent for the selection.
pub const ACCENT: Color32 = Color32::from_rgb(255, 140, 0);

/// An RGBA colour of the renderer as an egui colour.
pub fn c32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// What the view asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum GraphEvent {
    /// Select this.
    Select(Selection),
    /// A node drag ended at this layout position (undo keeps the state
    /// from before the drag: pins change only here).
    DragEnded(RegionId, [f32; 2]),
}

/// Pan/zoom state and interaction of the network view.
pub struct GraphView {
    /// The part of the picture shown (picture pixels).
    pub scene_rect: Rect,
    /// Fit on the next frame.
    pub fit_pending: bool,
    /// Fit again once the layout has settled (unless the user moved the
    /// view in the meantime).
    pub fit_on_settle: bool,
    /// The node being dragged, and where it was grabbed (picture pixels,
    /// relative to its centre).
    drag: Option<(RegionId, Vec2)>,
    /// The zoom of the last frame (screen pixels per picture pixel).
    pub zoom: f32,
    /// The screen rectangle of the last frame.
    pub screen: Rect,
    /// The edge and node meshes of the last frame, taken back for the next
    /// one once egui has let go of them: no fresh megabytes every frame.
    edge_mesh: Arc<egui::Mesh>,
    disc_mesh: Arc<egui::Mesh>,
    /// The province map's meshes.
    map: map::MapMeshes,
    /// When set, each frame writes here what it drew (tests compare it
    /// with the exported picture).
    pub record: Option<Painted>,
    /// What part of the timeline is shown (`截至 2021-06`), written large
    /// at the top left while a date range is on.
    pub caption: Option<String>,
}

/// What one frame drew, in screen pixels: the view's frame, and per
/// scene index the nodes, edges and labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Painted {
    /// Picture → screen.
    pub frame: Option<Frame>,
    /// Nodes: scene index, centre, radius.
    pub nodes: Vec<(usize, [f32; 2], f32)>,
    /// Edges: scene index and geometry.
    pub edges: Vec<(usize, EdgeCurve)>,
    /// Labels: scene node index and anchor (middle of the baseline).
    pub labels: Vec<(usize, [f32; 2])>,
    /// ★ marks: edge index and centre.
    pub marks: Vec<(usize, [f32; 2])>,
    /// The map: level of detail, units and arcs drawn.
    pub map: Option<(usize, usize, usize)>,
    /// Province names: text and centre.
    pub map_names: Vec<(String, [f32; 2])>,
}

/// The mesh in `slot`, emptied, with its buffers, when nothing else holds
/// it; otherwise a new one.
fn recycled(slot: &mut Arc<egui::Mesh>) -> egui::Mesh {
    match Arc::get_mut(slot) {
        Some(m) => {
            let mut m = std::mem::take(m);
            m.clear();
            m
        }
        None => egui::Mesh::default(),
    }
}

impl Default for GraphView {
    fn default() -> Self {
        GraphView {
            scene_rect: Rect::ZERO,
            fit_pending: true,
            fit_on_settle: true,
            drag: None,
            zoom: 1.0,
            screen: Rect::ZERO,
            edge_mesh: Arc::default(),
            disc_mesh: Arc::default(),
            map: map::MapMeshes::default(),
            record: None,
            caption: None,
        }
    }
}

/// The picture rectangle that shows every node in `outer`, leaving room
/// for labels (which keep their screen size) around the edges.
fn fit_rect(view: &View, outer: Rect) -> Rect {
    let Some(b) = view.bounds() else {
        return Rect::from_min_size(
            Pos2::ZERO,
            vec2(view.scene.width as f32, view.scene.height as f32),
        );
    };
    let margin = vec2(80.0, 36.0);
    let avail = (outer.size() - 2.0 * margin).max(vec2(60.0, 60.0));
    let s = (avail.x / b.width().max(1.0))
        .min(avail.y / b.height().max(1.0))
        .clamp(0.02, 2.5);
    // Labels hang below the nodes: shift the picture up a little.
    let centre = b.center() + vec2(0.0, 10.0 / s);
    Rect::from_center_size(centre, outer.size() / s)
}

fn faded(c: Color32, keep: bool) -> Color32 {
    if keep { c } else { c.gamma_multiply(0.18) }
}

impl GraphView {
    /// Shows the view; returns what the user asked for.
    #[allow(clippy::too_many_arguments)]
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        g: &Gazetteer,
        view: &mut View,
        selection: Selection,
        lang: Lang,
    ) -> Vec<GraphEvent> {
        let mut events = Vec::new();
        let outer = ui.available_rect_before_wrap();
        self.screen = outer;
        ui.painter()
            .rect_filled(outer, 0.0, Color32::from_rgb(250, 250, 247));
        if self.fit_on_settle && view.settled() {
            self.fit_pending = true;
            self.fit_on_settle = false;
        }
        if self.fit_pending || !self.scene_rect.is_positive() {
            self.scene_rect = fit_rect(view, outer);
            self.fit_pending = false;
        }

        // Input: pan, zoom, the node under the pointer and its drag.
        let pointer = ui.ctx().pointer_hover_pos();
        let (transform, hovered_node, scene_resp) =
            self.interact(ui, g, view, lang, outer, &mut events);
        let zoom = transform.scaling.max(1e-6);
        self.zoom = zoom;
        let frame = screen_frame(transform);
        let to_screen = |p: [f32; 2]| transform * pos2(p[0], p[1]);
        let mut record = self.record.take().map(|_| Painted {
            frame: Some(frame),
            ..Painted::default()
        });

        // Drawing, in screen space, on the panel's own layer.
        let painter = ui.painter_at(outer);
        let clip = outer.expand(20.0);
        let (sel_node, sel_edge) = match selection {
            Selection::Node(r) => (Some(r), None),
            Selection::Edge(a, b, rel) => (None, Some((a, b, rel))),
            Selection::None => (None, None),
        };
        // Which nodes are lit: computed once, O(E).
        let mut lit = vec![selection == Selection::None; view.scene.nodes.len()];
        if selection != Selection::None {
            for e in &view.scene.edges {
                let (a, b) = (view.scene.nodes[e.from].id, view.scene.nodes[e.to].id);
                let on = match selection {
                    Selection::Node(r) => a == r || b == r,
                    Selection::Edge(x, y, _) => a == x && b == y,
                    Selection::None => true,
                };
                if on {
                    lit[e.from] = true;
                    lit[e.to] = true;
                }
            }
            for (i, n) in view.scene.nodes.iter().enumerate() {
                if Some(n.id) == sel_node {
                    lit[i] = true;
                }
            }
        }

        // The province map under everything.
        let map_drawn = self
            .map
            .paint(&painter, view, &frame, clip, ui.ctx().pixels_per_point());
        let names = map::paint_names(&painter, view, &frame, zoom, clip);
        if let Some(r) = &mut record {
            r.map = map_drawn;
            r.map_names = names;
        }

        // Edges.
        let mut hovered_edge: Option<(f32, usize)> = None;
        let hover_screen =
            pointer.filter(|p| outer.contains(*p) && hovered_node.is_none() && self.drag.is_none());
        let mut lines = Lines::new(
            recycled(&mut self.edge_mesh),
            ui.ctx().pixels_per_point(),
            view.scene.edges.len(),
        );
        for (ei, e) in view.scene.edges.iter().enumerate() {
            let (Some(a), Some(b)) = (view.scene.nodes.get(e.from), view.scene.nodes.get(e.to))
            else {
                continue;
            };
            let (pa, pb) = (to_screen(a.pos), to_screen(b.pos));
            let bb =
                Rect::from_two_pos(pa, pb).expand((pa - pb).length() * e.bend.abs() * 2.0 + 4.0);
            if !clip.intersects(bb) {
                continue;
            }
            let is_sel = !e.official
                && sel_edge.is_some_and(|(x, y, rel)| a.id == x && b.id == y && e.relation == rel);
            let keep = match selection {
                Selection::None => true,
                _ if e.official => lit[e.from] && lit[e.to],
                Selection::Node(r) => a.id == r || b.id == r,
                Selection::Edge(..) => is_sel,
            };
            let Some(geom) = view
                .scene
                .edge_curve_in(e, &frame, if is_sel { 2.0 } else { 0.0 })
            else {
                continue;
            };
            if let Some(r) = &mut record {
                r.edges.push((ei, geom));
            }
            let w = geom.width;
            let c = flatten(&geom);
            // Official pairs no article states have nothing to select.
            if let Some(h) = hover_screen.filter(|_| !e.official) {
                let d = polyline_distance(h, c.points());
                if d < 5.0 + w / 2.0 && hovered_edge.is_none_or(|(best, _)| d < best) {
                    hovered_edge = Some((d, ei));
                }
            }
            let col = if is_sel {
                ACCENT
            } else {
                faded(c32(e.color), keep)
            };
            if e.dashed {
                lines.add_dashed(&c, w, col, clip.expand(w));
            } else {
                lines.add(&c, w, col);
            }
        }
        self.edge_mesh = Arc::new(lines.mesh);
        own_primitive(&painter, 1).add(Shape::Mesh(self.edge_mesh.clone()));
        // Hovered edge on top, thicker.
        if let Some((_, ei)) = hovered_edge {
            let e = &view.scene.edges[ei];
            if let Some(geom) = view.scene.edge_curve_in(e, &frame, 1.5) {
                draw_curve(
                    &painter,
                    &flatten(&geom),
                    geom.width,
                    c32(e.color).to_opaque(),
                    e.dashed,
                );
            }
        }

        // Marks on stated links that are official.
        for &m in &view.scene.marks {
            let (Some(e), Some(mid)) = (view.scene.edges.get(m), view.scene.mark_at(m, &frame))
            else {
                continue;
            };
            let mid = p2(mid);
            if clip.contains(mid) {
                if let Some(r) = &mut record {
                    r.marks.push((m, [mid.x, mid.y]));
                }
                let keep = selection == Selection::None || lit[e.from] && lit[e.to];
                painter.text(
                    mid,
                    Align2::CENTER_CENTER,
                    "★",
                    FontId::proportional(13.0),
                    faded(c32(style::OFFICIAL), keep),
                );
            }
        }

        // Nodes: one mesh for all of them, in drawing order (thousands of
        // circle shapes cost the tessellator ~190 vertices each).
        let mut discs = Discs::new(
            recycled(&mut self.disc_mesh),
            ui.ctx().pixels_per_point(),
            view.scene.nodes.len(),
        );
        let mut accents = Vec::new();
        for (i, n) in view.scene.nodes.iter().enumerate() {
            let p = to_screen(n.pos);
            let rs = geometry::node_radius(n.radius, zoom);
            if !clip.expand(rs).contains(p) {
                continue;
            }
            if let Some(r) = &mut record {
                r.nodes.push((i, [p.x, p.y], rs));
            }
            let keep = lit[i];
            let ring = n
                .ring
                .map(|ring| ((rs * 0.18).clamp(1.0, 2.5), faded(c32(ring), keep)));
            discs.add(p, rs, faded(c32(n.fill), keep), ring);
            if Some(n.id) == sel_node {
                accents.push(Shape::circle_stroke(p, rs + 3.0, Stroke::new(3.0, ACCENT)));
            } else if Some(n.id) == hovered_node {
                accents.push(Shape::circle_stroke(
                    p,
                    rs + 2.0,
                    Stroke::new(2.0, ACCENT.gamma_multiply(0.7)),
                ));
            }
        }
        self.disc_mesh = Arc::new(discs.mesh);
        own_primitive(&painter, 2).add(Shape::Mesh(self.disc_mesh.clone()));
        painter.extend(accents);

        // Labels: what this zoom has room for (level of detail).
        let placed = view.labels(zoom).to_vec();
        labels::paint_labels(
            &labels::LabelCx {
                painter: &painter,
                view,
                placed: &placed,
                frame,
                zoom,
                clip,
                lit: &lit,
                selection,
                strong: [sel_node, hovered_node],
            },
            &mut record,
        );
        self.record = record;

        // The dates shown.
        if let Some(c) = &self.caption {
            let at = outer.left_top() + vec2(14.0, 10.0);
            let galley = painter.layout_no_wrap(
                c.clone(),
                FontId::proportional(22.0),
                Color32::from_gray(60),
            );
            let r = Rect::from_min_size(at, galley.size()).expand(6.0);
            painter.rect_filled(r, 4.0, Color32::from_white_alpha(215));
            painter.galley(at, galley, Color32::from_gray(60));
        }

        // Legend and hints.
        self.legend(ui, g, outer, view, lang);

        // Background and edge clicks.
        let mut bg = scene_resp;
        if let Some((_, ei)) = hovered_edge {
            let e = view.scene.edges[ei].clone();
            bg = bg.on_hover_ui_at_pointer(|ui| edge_tooltip(ui, g, view, &e, lang));
        }
        if bg.clicked() {
            match hovered_edge {
                Some((_, ei)) => {
                    let e = &view.scene.edges[ei];
                    events.push(GraphEvent::Select(Selection::Edge(
                        view.scene.nodes[e.from].id,
                        view.scene.nodes[e.to].id,
                        e.relation,
                    )));
                }
                None => events.push(GraphEvent::Select(Selection::None)),
            }
        }
        if view.scene.nodes.is_empty() {
            painter.text(
                outer.center(),
                Align2::CENTER_CENTER,
                lang.t(
                    "没有可显示的结对关系（请检查筛选条件）",
                    "No pairings to show (check the filters)",
                ),
                FontId::proportional(16.0),
                Color32::from_gray(110),
            );
        }
        events
    }

    /// Makes a picture rectangle visible: nothing changes when it already
    /// is; otherwise the view centres on it, zooming out only as far as
    /// needed to hold it.
    pub fn show_rect(&mut self, target: Rect) {
        let cur = self.scene_rect;
        if !cur.is_positive() || self.fit_pending {
            self.scene_rect = target;
            return;
        }
        if cur.contains_rect(target) {
            return;
        }
        let scale = (target.width() / cur.width())
            .max(target.height() / cur.height())
            .max(1.0);
        self.scene_rect = Rect::from_center_size(target.center(), cur.size() * scale);
    }
}
