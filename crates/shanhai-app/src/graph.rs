//! The network view: pan and zoom through [`egui::Scene`], and the shared
//! [`scene::Scene`](shanhai_core::scene::Scene) painted in screen space (so
//! labels stay sharp at any zoom) with the scene's own geometry through
//! the view's [`Frame`]: node radii, edge curves and arrowheads
//! ([`geometry`]), the labels that fit
//! ([`Scene::visible_labels`](shanhai_core::scene::Scene::visible_labels)),
//! the marks and the legend: what the exported pictures draw at zoom 1.
//! Only what is visible is drawn.

use std::sync::Arc;

use egui::emath::TSTransform;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2, vec2};

use shanhai_core::gazetteer::{Gazetteer, RegionId};
use shanhai_core::scene::geometry::{self, EdgeCurve};
use shanhai_core::scene::index::BoxIndex;
use shanhai_core::scene::{Frame, LabelPlace, Rgba, SceneEdge, Swatch, style};

use super::command::{Selection, relation_name};
use super::i18n::Lang;
use super::model::View;

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
    /// A node drag started (for undo).
    DragStarted(RegionId),
    /// A node drag ended at this layout position.
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
    /// When set, each frame writes here what it drew (tests compare it
    /// with the exported picture).
    pub record: Option<Painted>,
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
            record: None,
        }
    }
}

/// Screen geometry of an edge: a polyline and an optional arrowhead.
/// The points live inline (at most [`Curve::MAX_POINTS`]): ten thousand
/// edges a frame need no ten thousand allocations.
struct Curve {
    pts: [Pos2; Curve::MAX_POINTS],
    len: usize,
    arrow: Option<[Pos2; 3]>,
}

impl Curve {
    /// Twelve segments at most.
    const MAX_POINTS: usize = 13;

    fn points(&self) -> &[Pos2] {
        &self.pts[..self.len]
    }
}

/// A painter like `painter` whose shapes egui's tessellator will not merge
/// with its neighbours': its clip rectangle differs from `painter`'s by
/// `k` ulps on one side (no visible difference). The tessellator appends
/// every shape to the last primitive when the clip rectangles are equal,
/// growing one vector to hundreds of thousands of vertices with a copy at
/// every doubling; a mesh that starts its own primitive is copied once.
fn own_primitive(painter: &egui::Painter, k: u32) -> egui::Painter {
    let mut r = painter.clip_rect();
    for _ in 0..k {
        r.max.x = r.max.x.next_down();
    }
    painter.with_clip_rect(r)
}

/// `v` scaled to length 1 (zero stays zero), without the `hypot` call
/// that [`Vec2::normalized`] makes: the edges of a frame need it some
/// hundred thousand times.
fn unit(v: Vec2) -> Vec2 {
    let l2 = v.x * v.x + v.y * v.y;
    if l2 > 0.0 { v / l2.sqrt() } else { Vec2::ZERO }
}

/// The picture → screen frame of a pan/zoom transform.
pub fn screen_frame(t: TSTransform) -> Frame {
    Frame {
        scale: t.scaling,
        offset: [t.translation.x, t.translation.y],
    }
}

fn p2(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
}

/// An edge's curve as a polyline for the mesh: a line when straight, else
/// about one segment per 24 points of length, 2 to 12 (a short curve at
/// fit-to-view needs no twelve segments).
fn flatten(c: &EdgeCurve) -> Curve {
    let mut out = Curve {
        pts: [Pos2::ZERO; Curve::MAX_POINTS],
        len: 2,
        arrow: c.arrow.map(|h| h.map(p2)),
    };
    if c.straight {
        out.pts[0] = p2(c.start);
        out.pts[1] = p2(c.end);
        return out;
    }
    let len = p2(c.start).distance(p2(c.end));
    let segs = ((len / 24.0).ceil() as usize).clamp(2, Curve::MAX_POINTS - 1);
    for i in 0..=segs {
        out.pts[i] = p2(c.point(i as f32 / segs as f32));
    }
    out.len = segs + 1;
    out
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

/// Distance from `p` to a polyline.
fn polyline_distance(p: Pos2, pts: &[Pos2]) -> f32 {
    pts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
            (a + ab * t).distance(p)
        })
        .fold(f32::INFINITY, f32::min)
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

        // Pan and zoom; the node under the pointer gets a widget so that
        // dragging it moves the node instead of the view.
        let pointer = ui.ctx().pointer_hover_pos();
        let mut transform = TSTransform::IDENTITY;
        let mut node_resp: Option<(RegionId, egui::Response)> = None;
        let drag = self.drag;
        let scene_resp =
            egui::Scene::new()
                .zoom_range(0.02..=40.0)
                .show(ui, &mut self.scene_rect, |sui| {
                    transform = sui
                        .ctx()
                        .layer_transform_to_global(sui.layer_id())
                        .unwrap_or_default();
                    let target = match drag {
                        Some((r, _)) => Some(r),
                        None => pointer
                            .filter(|p| outer.contains(*p))
                            .and_then(|p| hit_node(view, transform, p)),
                    };
                    if let Some(r) = target
                        && let Some(p) = view.node_pos(r)
                    {
                        let si = view.scene_of.get(&r).copied().unwrap_or(0);
                        let rad = view.scene.nodes.get(si).map_or(6.0, |n| n.radius);
                        let rs = geometry::node_radius(rad, transform.scaling)
                            / transform.scaling.max(1e-6);
                        let rect =
                            Rect::from_center_size(pos2(p[0], p[1]), Vec2::splat(2.0 * rs + 6.0));
                        let id = sui.make_persistent_id(("node", r));
                        let resp = sui.interact(rect, id, Sense::click_and_drag());
                        node_resp = Some((r, resp));
                    }
                });
        if scene_resp.response.dragged()
            || ui
                .ctx()
                .input(|i| i.zoom_delta() != 1.0 || i.smooth_scroll_delta != Vec2::ZERO)
                && scene_resp.response.hovered()
        {
            self.fit_on_settle = false;
        }
        let zoom = transform.scaling.max(1e-6);
        self.zoom = zoom;
        let inv = transform.inverse();
        let frame = screen_frame(transform);
        let to_screen = |p: [f32; 2]| transform * pos2(p[0], p[1]);
        let mut record = self.record.take().map(|_| Painted {
            frame: Some(frame),
            ..Painted::default()
        });

        // Node interaction.
        let mut hovered_node = None;
        if let Some((r, resp)) = node_resp {
            if resp.hovered() || resp.dragged() {
                hovered_node = Some(r);
            }
            let press = ui.ctx().input(|i| i.pointer.press_origin()).or(pointer);
            if resp.drag_started()
                && let (Some(p), Some(gp)) = (view.node_pos(r), press)
            {
                self.drag = Some((r, pos2(p[0], p[1]) - inv * gp));
                events.push(GraphEvent::DragStarted(r));
                events.push(GraphEvent::Select(Selection::Node(r)));
            }
            if resp.dragged()
                && let Some((dr, grab)) = self.drag
                && dr == r
                && let Some(gp) = ui.ctx().pointer_latest_pos()
            {
                let p = inv * gp + grab;
                view.move_node(r, [p.x, p.y]);
            }
            if resp.drag_stopped()
                && let Some((dr, _)) = self.drag.take()
            {
                view.end_move();
                if let Some(&li) = view.layout_of.get(&dr)
                    && let Some(&p) = view.pos.get(li)
                {
                    events.push(GraphEvent::DragEnded(dr, p));
                }
            }
            if resp.clicked() {
                events.push(GraphEvent::Select(Selection::Node(r)));
            }
            if self.drag.is_none() {
                resp.on_hover_ui(|ui| node_tooltip(ui, g, view, r, lang));
            }
        } else if self.drag.take().is_some() {
            view.end_move();
        }

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

        // Backdrop.
        for b in &view.scene.backdrop {
            let p = to_screen(b.pos);
            if clip.contains(p) {
                let size = (b.size * zoom).clamp(11.0, 64.0);
                painter.text(
                    p,
                    Align2::CENTER_CENTER,
                    &b.text,
                    FontId::proportional(size),
                    c32(b.color),
                );
            }
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

        // Labels: those that fit at this zoom (the exports' placer), plus
        // the selection's and the hovered one's below their nodes where
        // they do not crowd the others.
        let label_size = view.scene.label_size;
        let font = FontId::proportional(label_size);
        let placed = view.labels(zoom).to_vec();
        let mut order: Vec<(LabelPlace, bool)> = placed.into_iter().map(|p| (p, true)).collect();
        if selection != Selection::None {
            order.retain(|(p, _)| lit[p.node]);
            let have: Vec<bool> = {
                let mut v = vec![false; view.scene.nodes.len()];
                for (p, _) in &order {
                    v[p.node] = true;
                }
                v
            };
            order.extend(
                (0..view.scene.nodes.len())
                    .filter(|&i| lit[i] && !have[i])
                    .filter_map(|i| view.scene.label_below(i, zoom))
                    .map(|p| (p, false)),
            );
        }
        let strong_of = |i: usize| {
            let id = view.scene.nodes[i].id;
            Some(id) == sel_node || Some(id) == hovered_node
        };
        for r in [sel_node, hovered_node].into_iter().flatten() {
            if let Some(si) = view.scene_of.get(&r).copied() {
                let place = order
                    .iter()
                    .position(|(p, _)| p.node == si)
                    .map(|k| order.remove(k).0)
                    .or_else(|| view.scene.label_below(si, zoom));
                if let Some(p) = place {
                    order.insert(0, (p, true));
                }
            }
        }
        let mut shown = vec![false; view.scene.nodes.len()];
        let mut drawn = BoxIndex::new(label_size * 4.0);
        for (place, placed) in order {
            let i = place.node;
            if shown.get(i).copied().unwrap_or(true) {
                continue;
            }
            shown[i] = true;
            let (Some(anchor), Some(b)) = (
                view.scene.label_anchor(&place, &frame),
                view.scene.label_box(&place, &frame),
            ) else {
                continue;
            };
            if !clip.contains(p2(anchor)) {
                continue;
            }
            let strong = strong_of(i);
            // Labels forced in by the selection still must not pile up
            // (the selected and hovered ones always show).
            if !placed && !strong && drawn.overlaps(&b) {
                continue;
            }
            drawn.insert(b);
            if let Some(r) = &mut record {
                r.labels.push((i, anchor));
            }
            let n = &view.scene.nodes[i];
            let ink = if strong {
                Color32::BLACK
            } else {
                faded(c32(style::INK), lit[i])
            };
            let rect = Rect::from_min_max(pos2(b[0], b[1]), pos2(b[2], b[3]));
            let galley = painter.layout_no_wrap(n.label.clone(), font.clone(), ink);
            painter.rect_filled(
                rect.expand(1.0),
                3.0,
                Color32::from_rgba_unmultiplied(255, 255, 255, if lit[i] { 190 } else { 90 }),
            );
            let at = Align2::CENTER_TOP.anchor_size(pos2(anchor[0], b[1]), galley.size());
            painter.galley(at.min, galley, ink);
        }
        self.record = record;

        // Legend and hints.
        self.legend(ui, g, outer, view, lang);

        // Background and edge clicks.
        let mut bg = scene_resp.response;
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

/// Discs with an optional ring, anti-aliased by a feather of one
/// physical pixel, appended to one mesh: `1 + 4n` vertices for `n`
/// segments (`2n + 1` without a ring), `n` growing with the radius.
struct Discs {
    mesh: egui::Mesh,
    feather: f32,
    /// Unit circles by segment count.
    units: Vec<Vec<Vec2>>,
}

impl Discs {
    const MIN_SEGMENTS: usize = 8;
    const MAX_SEGMENTS: usize = 64;

    fn new(mut mesh: egui::Mesh, pixels_per_point: f32, capacity: usize) -> Discs {
        // Most nodes are small: about 9 segments, 3 rings.
        mesh.reserve_vertices(capacity * 28);
        mesh.reserve_triangles(capacity * 45);
        Discs {
            mesh,
            feather: 1.0 / pixels_per_point.max(1e-3),
            units: vec![Vec::new(); Discs::MAX_SEGMENTS + 1],
        }
    }

    /// A disc of radius `r` at `c`, and a ring of `(width, colour)`
    /// centred on its edge (as `circle_stroke` draws it).
    fn add(&mut self, c: Pos2, r: f32, fill: Color32, ring: Option<(f32, Color32)>) {
        // Enough segments for the polygon to stay within half a pixel of
        // the circle (the feather smooths the rest): π / acos(1 − 1/(2r))
        // ≈ π √r.
        let n = ((std::f32::consts::PI * r.max(0.0).sqrt()).ceil() as usize)
            .clamp(Discs::MIN_SEGMENTS, Discs::MAX_SEGMENTS);
        if self.units[n].is_empty() {
            self.units[n] = (0..n)
                .map(|i| Vec2::angled(i as f32 * std::f32::consts::TAU / n as f32))
                .collect();
        }
        let unit = &self.units[n];
        let m = &mut self.mesh;
        let h = self.feather / 2.0;
        let base = m.vertices.len() as u32;
        m.colored_vertex(c, fill);
        // Rings of vertices from the inside out: (radius, colour).
        let mut rings: [(f32, Color32); 4] = [(0.0, Color32::TRANSPARENT); 4];
        let count = match ring {
            // A ring no wider than two pixels (small nodes at low zoom): the
            // fill turns into the ring's colour across the ring's inner
            // half and fades out across its outer half — three rings of
            // vertices instead of four, and it looks the same at that size.
            Some((w, col)) if w <= 4.0 * h => {
                rings[0] = ((r - w / 2.0 - h).max(0.0), fill);
                rings[1] = (r, col);
                rings[2] = (r + w / 2.0 + h, Color32::TRANSPARENT);
                3
            }
            Some((w, col)) => {
                let inner = (r - w / 2.0).max(h);
                let outer = r + w / 2.0;
                rings[0] = ((inner - h).max(0.0), fill);
                rings[1] = (inner + h, col);
                rings[2] = ((outer - h).max(inner + h), col);
                rings[3] = (outer + h, Color32::TRANSPARENT);
                4
            }
            None => {
                rings[0] = ((r - h).max(0.0), fill);
                rings[1] = (r + h, Color32::TRANSPARENT);
                2
            }
        };
        for &(radius, color) in &rings[..count] {
            m.vertices.extend(unit.iter().map(|u| egui::epaint::Vertex {
                pos: c + *u * radius,
                uv: egui::epaint::WHITE_UV,
                color,
            }));
        }
        // Triangles: a fan in the middle, then two per segment between
        // neighbouring rings (vertex `i` of ring `k` is `ring(k) + i`;
        // `j` is the next vertex round, without a modulo per index).
        let n32 = n as u32;
        let ring = |k: u32| base + 1 + k * n32;
        m.reserve_triangles(n + 2 * n * (count - 1));
        for i in 0..n32 {
            let j = if i + 1 == n32 { 0 } else { i + 1 };
            m.indices
                .extend_from_slice(&[base, ring(0) + i, ring(0) + j]);
        }
        for k in 0..count as u32 - 1 {
            let (a, b) = (ring(k), ring(k + 1));
            for i in 0..n32 {
                let j = if i + 1 == n32 { 0 } else { i + 1 };
                m.indices
                    .extend_from_slice(&[a + i, b + i, b + j, a + i, b + j, a + j]);
            }
        }
    }
}

/// Solid edges as one anti-aliased mesh: a strip of four vertices per
/// point (feather, core, core, feather) and a triangle per arrowhead.
/// Handing egui ten thousand line shapes made its tessellator the
/// largest part of a frame at fit-to-view.
struct Lines {
    mesh: egui::Mesh,
    /// One physical pixel, in points.
    pixel: f32,
    /// Scratch space for the dashes of one edge.
    spans: Vec<[Pos2; 2]>,
}

impl Lines {
    fn new(mut mesh: egui::Mesh, pixels_per_point: f32, capacity: usize) -> Lines {
        mesh.reserve_vertices(capacity * 16);
        mesh.reserve_triangles(capacity * 20);
        Lines {
            mesh,
            pixel: 1.0 / pixels_per_point.max(1e-3),
            spans: Vec::new(),
        }
    }

    /// A solid edge: its polyline of width `w` and its arrowhead.
    fn add(&mut self, c: &Curve, w: f32, col: Color32) {
        self.strip(c.points(), w, col);
        self.arrow(c, col);
    }

    /// A dashed edge: the dashes inside `clip` (see [`dash_spans`]) and the
    /// arrowhead.
    fn add_dashed(&mut self, c: &Curve, w: f32, col: Color32, clip: Rect) {
        let mut spans = std::mem::take(&mut self.spans);
        spans.clear();
        dash_spans(c.points(), clip, &mut spans);
        for &[a, b] in &spans {
            self.strip(&[a, b], w, col);
        }
        self.spans = spans;
        self.arrow(c, col);
    }

    /// A polyline of width `w`: four vertices per point (feather, core,
    /// core, feather), or three (feather, centre, feather) for a line no
    /// wider than a pixel, which has no core.
    fn strip(&mut self, pts: &[Pos2], w: f32, col: Color32) {
        if pts.len() < 2 {
            return;
        }
        // Thinner than a pixel: a pixel wide and fainter, as egui does.
        let (w, col) = if w < self.pixel {
            (self.pixel, col.gamma_multiply(w / self.pixel))
        } else {
            (w, col)
        };
        let h = self.pixel / 2.0;
        let core = w / 2.0 - h;
        let edge = w / 2.0 + h;
        let thin = core <= 0.0;
        let m = &mut self.mesh;
        let base = m.vertices.len() as u32;
        let n = pts.len();
        let v = |p: Pos2, color: Color32| egui::epaint::Vertex {
            pos: p,
            uv: egui::epaint::WHITE_UV,
            color,
        };
        let clear = Color32::TRANSPARENT;
        for i in 0..n {
            let prev = unit(pts[i] - pts[i.saturating_sub(1)]);
            let next = unit(pts[(i + 1).min(n - 1)] - pts[i]);
            let (prev, next) = match (i, i + 1 == n) {
                (0, _) => (next, next),
                (_, true) => (prev, prev),
                _ => (prev, next),
            };
            let t = unit(prev + next);
            let t = if t == Vec2::ZERO { prev } else { t };
            // Miter: the offset grows as the joint turns, limited to 2×.
            let normal = vec2(-t.y, t.x);
            let cos = normal.dot(vec2(-prev.y, prev.x)).abs().max(0.5);
            let (p, nm) = (pts[i], normal / cos);
            if thin {
                m.vertices.extend_from_slice(&[
                    v(p + nm * edge, clear),
                    v(p, col),
                    v(p - nm * edge, clear),
                ]);
            } else {
                m.vertices.extend_from_slice(&[
                    v(p + nm * edge, clear),
                    v(p + nm * core, col),
                    v(p - nm * core, col),
                    v(p - nm * edge, clear),
                ]);
            }
        }
        // Two triangles between each pair of neighbouring vertices of one
        // cross-section and the next.
        let across: u32 = if thin { 3 } else { 4 };
        for i in 0..n as u32 - 1 {
            let a = base + across * i;
            let b = a + across;
            for k in 0..across - 1 {
                m.indices.extend_from_slice(&[
                    a + k,
                    a + k + 1,
                    b + k + 1,
                    a + k,
                    b + k + 1,
                    b + k,
                ]);
            }
        }
    }

    fn arrow(&mut self, c: &Curve, col: Color32) {
        if let Some([p0, p1, p2]) = c.arrow {
            let m = &mut self.mesh;
            let base = m.vertices.len() as u32;
            m.colored_vertex(p0, col);
            m.colored_vertex(p1, col);
            m.colored_vertex(p2, col);
            m.add_triangle(base, base + 1, base + 2);
        }
    }
}

/// Dashes along a polyline, only where it crosses `clip`, with the pattern
/// (7 on, 4 off, stretched so that no line has more than 8 periods) kept
/// in phase with the line's start so dashes do not crawl while panning.
/// Appends each dash's two ends to `out`.
fn dash_spans(points: &[Pos2], clip: Rect, out: &mut Vec<[Pos2; 2]>) {
    let total: f32 = points.windows(2).map(|w| w[0].distance(w[1])).sum();
    if !total.is_finite() {
        return;
    }
    let period = (total / 8.0).max(11.0);
    let dash = period * 7.0 / 11.0;
    let mut along = 0.0;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = a.distance(b);
        if len > 0.0
            && let Some((t0, t1)) = clip_segment(a, b, clip)
        {
            // The visible part, as distances along the whole line; dashes
            // cover [k·period, k·period + dash].
            let (s0, s1) = (along + t0 * len, along + t1 * len);
            let mut k = (s0 / period).floor();
            while k * period < s1 {
                let (u0, u1) = ((k * period).max(s0), (k * period + dash).min(s1));
                if u1 > u0 {
                    out.push([
                        a + (b - a) * ((u0 - along) / len),
                        a + (b - a) * ((u1 - along) / len),
                    ]);
                }
                k += 1.0;
            }
        }
        along += len;
    }
}

/// [`dash_spans`] as line shapes.
fn dashed(points: &[Pos2], stroke: Stroke, clip: Rect) -> Vec<Shape> {
    let mut spans = Vec::new();
    dash_spans(points, clip, &mut spans);
    spans
        .into_iter()
        .map(|s| Shape::line_segment(s, stroke))
        .collect()
}

/// The part `[t0, t1]` of the segment `a`–`b` inside `r` (Liang–Barsky).
fn clip_segment(a: Pos2, b: Pos2, r: Rect) -> Option<(f32, f32)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d.x, a.x - r.min.x),
        (d.x, r.max.x - a.x),
        (-d.y, a.y - r.min.y),
        (d.y, r.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 < t1).then_some((t0, t1))
}

fn draw_curve(painter: &egui::Painter, c: &Curve, w: f32, col: Color32, dashed_line: bool) {
    if dashed_line {
        painter.extend(dashed(
            c.points(),
            Stroke::new(w, col),
            painter.clip_rect().expand(w),
        ));
    } else {
        painter.add(Shape::line(c.points().to_vec(), Stroke::new(w, col)));
    }
    if let Some(h) = c.arrow {
        painter.add(Shape::convex_polygon(h.to_vec(), col, Stroke::NONE));
    }
}

/// The node under a screen position.
fn hit_node(view: &View, t: TSTransform, screen: Pos2) -> Option<RegionId> {
    let zoom = t.scaling.max(1e-6);
    let p = t.inverse() * screen;
    let reach = 30.0 / zoom + 30.0;
    let mut best: Option<(f32, RegionId)> = None;
    for i in view.index.near([p.x, p.y], reach) {
        let Some(n) = view.scene.nodes.get(i) else {
            continue;
        };
        let d = (t * pos2(n.pos[0], n.pos[1])).distance(screen);
        if d <= geometry::node_radius(n.radius, zoom) + 3.0 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, n.id));
        }
    }
    best.map(|(_, r)| r)
}

fn node_tooltip(ui: &mut egui::Ui, g: &Gazetteer, view: &View, r: RegionId, lang: Lang) {
    let reg = g.region(r);
    ui.strong(&reg.name);
    let chain: Vec<&str> = g.ancestors(r).map(|a| g.region(a).name.as_str()).collect();
    if !chain.is_empty() {
        ui.label(chain.join(" · "));
    }
    if let Some(ni) = view.net.node_of(r) {
        let out = view
            .net
            .graph
            .edges_directed(ni, petgraph::Direction::Outgoing)
            .count();
        let inc = view
            .net
            .graph
            .edges_directed(ni, petgraph::Direction::Incoming)
            .count();
        ui.label(format!(
            "{} {out} · {} {inc}",
            lang.t("帮扶", "helps"),
            lang.t("受援", "helped by")
        ));
    }
    ui.weak(lang.t("点击查看依据", "Click to read the evidence"));
}

fn edge_tooltip(ui: &mut egui::Ui, g: &Gazetteer, view: &View, e: &SceneEdge, lang: Lang) {
    let (a, b) = (view.scene.nodes[e.from].id, view.scene.nodes[e.to].id);
    ui.strong(format!("{} → {}", g.region(a).name, g.region(b).name));
    ui.label(relation_name(e.relation, lang));
    ui.label(lang.count(e.documents, "篇文章", "article", "articles"));
}

fn paint_swatch(painter: &egui::Painter, rect: Rect, sw: &Swatch) {
    let (x, y) = (rect.left(), rect.center().y);
    match sw {
        Swatch::Line {
            color,
            dashed,
            width,
        } => {
            let pts = [pos2(x + 1.0, y), pos2(x + 21.0, y)];
            if *dashed {
                painter.extend(Shape::dashed_line(
                    &pts,
                    Stroke::new(*width, c32(*color)),
                    4.0,
                    3.0,
                ));
            } else {
                painter.line_segment(pts, Stroke::new(*width, c32(*color)));
            }
        }
        Swatch::Dot { fill } => {
            painter.circle_filled(pos2(x + 11.0, y), 5.5, c32(*fill));
        }
        Swatch::Ring { color } => {
            painter.circle_filled(pos2(x + 11.0, y), 5.5, Color32::from_gray(200));
            painter.circle_stroke(pos2(x + 11.0, y), 5.5, Stroke::new(1.8, c32(*color)));
        }
        Swatch::None => {}
    }
}

/// A legend line: its swatch and its words.
type LegendRow = (Swatch, String);

fn legend_rows(ui: &mut egui::Ui, items: &[LegendRow]) {
    for (sw, label) in items {
        ui.horizontal(|ui| {
            if !matches!(sw, Swatch::None) {
                let (rect, _) = ui.allocate_exact_size(vec2(24.0, 14.0), Sense::hover());
                paint_swatch(ui.painter(), rect, sw);
            }
            ui.label(egui::RichText::new(label).size(12.5).color(c32(style::INK)));
        });
    }
}

impl GraphView {
    /// The legend: a small collapsible box in the view's bottom-left
    /// corner; edges and notes on the left, node colours and levels on the
    /// right.
    fn legend(&self, ui: &egui::Ui, g: &Gazetteer, outer: Rect, view: &View, lang: Lang) {
        // The scene's legend (what the exports show) in the interface's
        // language, lines and notes on the left, node colours and levels
        // on the right.
        let (dots, lines): (Vec<LegendRow>, Vec<LegendRow>) = view
            .scene
            .legend
            .iter()
            .map(|item| (item.swatch.clone(), item.key.label(g, lang)))
            .partition(|(sw, _)| matches!(sw, Swatch::Dot { .. } | Swatch::Ring { .. }));
        egui::Area::new(ui.make_persistent_id("legend"))
            .order(egui::Order::Middle)
            .pivot(Align2::LEFT_BOTTOM)
            .fixed_pos(pos2(outer.left() + 8.0, outer.bottom() - 8.0))
            .constrain_to(outer)
            .show(ui.ctx(), |ui| {
                egui::Frame::new()
                    .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 230))
                    .stroke(Stroke::new(1.0, Color32::from_gray(215)))
                    .corner_radius(6.0)
                    .inner_margin(6.0)
                    .show(ui, |ui| {
                        ui.visuals_mut().override_text_color = Some(c32(style::INK));
                        egui::CollapsingHeader::new(
                            egui::RichText::new(lang.t("图例", "Legend"))
                                .size(12.5)
                                .strong(),
                        )
                        .id_salt("legend-header")
                        .default_open(true)
                        .show(ui, |ui| {
                            ui.spacing_mut().item_spacing.y = 1.0;
                            ui.horizontal_top(|ui| {
                                ui.vertical(|ui| legend_rows(ui, &lines));
                                if !dots.is_empty() {
                                    ui.add_space(10.0);
                                    ui.vertical(|ui| legend_rows(ui, &dots));
                                }
                            });
                        });
                    });
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scene's curve between two circles, flattened as the view draws
    /// it.
    fn curve(a: Pos2, ra: f32, b: Pos2, rb: f32, bend: f32, w: f32, arrow: bool) -> Option<Curve> {
        geometry::curve([a.x, a.y], ra, [b.x, b.y], rb, bend, w, arrow).map(|c| flatten(&c))
    }

    #[test]
    fn curves_end_at_the_circles() {
        let c = curve(pos2(0.0, 0.0), 5.0, pos2(100.0, 0.0), 10.0, 0.0, 2.0, true).unwrap();
        assert_eq!(c.points()[0], pos2(5.0, 0.0));
        let tip = c.arrow.unwrap()[0];
        assert!((tip.x - 89.0).abs() < 1e-3);
        assert!(curve(pos2(0.0, 0.0), 5.0, pos2(6.0, 0.0), 5.0, 0.0, 1.0, true).is_none());
        let bent = curve(pos2(0.0, 0.0), 5.0, pos2(100.0, 0.0), 5.0, 0.12, 1.0, false).unwrap();
        // About 90 points of stroke: one segment per 24 points, four.
        assert_eq!(bent.points().len(), 5);
        assert!(polyline_distance(pos2(50.0, -12.0), bent.points()) < 2.0);
    }

    #[test]
    fn lines_make_a_valid_mesh() {
        let c = curve(pos2(0.0, 0.0), 5.0, pos2(300.0, 40.0), 5.0, 0.1, 2.0, true)
            .expect("the circles are apart");
        let mut lines = Lines::new(egui::Mesh::default(), 1.0, 1);
        lines.add(&c, 2.0, Color32::RED);
        lines.add(&c, 0.3, Color32::RED); // thinner than a pixel
        let m = &lines.mesh;
        assert!(m.is_valid());
        // A strip of four vertices per point, one of three (no core) and
        // two arrowheads.
        let n = c.points().len();
        assert_eq!(m.vertices.len(), (4 * n + 3) + (3 * n + 3));
        assert_eq!(
            m.indices.len(),
            3 * (6 * (n - 1) + 1) + 3 * (4 * (n - 1) + 1)
        );
        assert!(
            m.vertices
                .iter()
                .all(|v| v.pos.x.is_finite() && v.pos.y.is_finite())
        );
        // The core of the line passes through the curve's points; the thin
        // one's centre vertex lies on them.
        let core = m.vertices[1].pos.lerp(m.vertices[2].pos, 0.5);
        assert!((core - c.points()[0]).length() < 1e-3);
        let thin = &m.vertices[4 * n + 3..];
        assert!((thin[1].pos - c.points()[0]).length() < 1e-3);
        assert_eq!(thin[0].color, Color32::TRANSPARENT);
        assert!(thin[1].color.a() > 0 && thin[1].color.a() < 255);
        // A long curve gets all twelve segments, a short one two.
        assert_eq!(c.points().len(), 13);
        let short = curve(pos2(0.0, 0.0), 2.0, pos2(20.0, 0.0), 2.0, 0.1, 1.0, false)
            .expect("the circles are apart");
        assert_eq!(short.points().len(), 3);
    }

    #[test]
    fn discs_make_a_valid_mesh() {
        let mut d = Discs::new(egui::Mesh::default(), 1.0, 2);
        d.add(pos2(10.0, 10.0), 2.5, Color32::RED, None);
        d.add(
            pos2(50.0, 10.0),
            12.0,
            Color32::RED,
            Some((3.0, Color32::BLUE)),
        );
        assert!(d.mesh.is_valid());
        // A bare disc: centre and two rings of 8; a ring of 3 px on a large
        // disc: four rings of ⌈π√12⌉ = 11.
        assert_eq!(d.mesh.vertices.len(), (1 + 2 * 8) + (1 + 4 * 11));
        // A thin ring (a small node at low zoom): three rings of vertices.
        let before = d.mesh.vertices.len();
        d.add(
            pos2(30.0, 30.0),
            3.0,
            Color32::RED,
            Some((1.0, Color32::BLUE)),
        );
        assert_eq!(d.mesh.vertices.len() - before, 1 + 3 * 8);
        assert!(d.mesh.is_valid());
        let b = d.mesh.calc_bounds();
        assert!(
            b.min.x >= 10.0 - 3.5 && b.max.x <= 50.0 + 14.0 + 1e-3,
            "{b:?}"
        );
    }

    #[test]
    fn dashes_stay_in_the_clip_rect() {
        let clip = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0));
        assert_eq!(
            clip_segment(pos2(-50.0, 50.0), pos2(150.0, 50.0), clip),
            Some((0.25, 0.75))
        );
        assert_eq!(
            clip_segment(pos2(-5.0, -5.0), pos2(-1.0, 200.0), clip),
            None
        );
        let shapes = dashed(
            &[pos2(-1000.0, 50.0), pos2(1000.0, 50.0)],
            Stroke::new(1.0, Color32::RED),
            clip,
        );
        assert!(!shapes.is_empty());
        for sh in &shapes {
            let r = sh.visual_bounding_rect();
            assert!(clip.expand(1.0).contains_rect(r), "{r:?}");
        }
    }
}
