//! The province map under the network: the scene's outlines at the level
//! of detail of this zoom ([`Scene::map_paint`](shanhai_core::scene::Scene::map_paint)),
//! filled from their triangles as one mesh, the borders and coasts as one
//! anti-aliased line mesh, and the province names the scene fits beside
//! the node labels (cached per zoom step by the view).

use super::*;
use shanhai_core::scene::style::{MAP_NAME, map_stroke, map_tint};

/// The map's meshes, kept between frames like the edges' and nodes'.
#[derive(Default)]
pub(super) struct MapMeshes {
    fill: Arc<egui::Mesh>,
    lines: Arc<egui::Mesh>,
    /// Scratch space for one arc's screen points.
    points: Vec<Pos2>,
}

impl MapMeshes {
    /// Paints the map of `view` through `frame` (picture → screen) inside
    /// `clip`: fills and borders. Returns the level of detail drawn and
    /// how many units and arcs were drawn, or `None` without a map.
    pub(super) fn paint(
        &mut self,
        painter: &egui::Painter,
        view: &View,
        frame: &Frame,
        clip: Rect,
        pixels_per_point: f32,
    ) -> Option<(usize, usize, usize)> {
        let bounds = [clip.min.x, clip.min.y, clip.max.x, clip.max.y];
        // Finer outlines on a high-density display.
        let paint = view.scene.map_paint(frame, &bounds, pixels_per_point)?;
        let to_screen = |p: [f32; 2]| p2(paint.frame.apply(p));

        let mut fill = recycled(&mut self.fill);
        for &u in &paint.units {
            let unit = &paint.map.units[u];
            let shape = &unit.shapes[paint.lod];
            let colour = c32(map_tint(unit.tint));
            let base = fill.vertices.len() as u32;
            fill.vertices
                .extend(shape.vertices.iter().map(|&p| egui::epaint::Vertex {
                    pos: to_screen(p),
                    uv: egui::epaint::WHITE_UV,
                    color: colour,
                }));
            fill.indices
                .extend(shape.triangles.iter().map(|&i| base + i));
        }
        self.fill = Arc::new(fill);
        own_primitive(painter, 3).add(Shape::Mesh(self.fill.clone()));

        let mut lines = Lines::new(
            recycled(&mut self.lines),
            pixels_per_point,
            paint.arcs.len(),
        );
        let mut points = std::mem::take(&mut self.points);
        for &i in &paint.arcs {
            let arc = &paint.map.arcs[i];
            let Some((colour, width)) = map_stroke(arc.kind) else {
                continue;
            };
            points.clear();
            points.extend(arc.lines[paint.lod].iter().map(|&p| to_screen(p)));
            lines.strip(&points, width, c32(colour));
        }
        self.points = points;
        self.lines = Arc::new(lines.mesh);
        own_primitive(painter, 4).add(Shape::Mesh(self.lines.clone()));
        Some((paint.lod, paint.units.len(), paint.arcs.len()))
    }
}

/// Writes the province names that fit at this zoom (computed once per
/// zoom step, [`View::map_labels`]); returns them as drawn: text and
/// screen centre.
pub(super) fn paint_names(
    painter: &egui::Painter,
    view: &mut View,
    frame: &Frame,
    zoom: f32,
    clip: Rect,
) -> Vec<(String, [f32; 2])> {
    let mut drawn = Vec::new();
    for l in view.map_labels(zoom) {
        let p = frame.apply(l.pos);
        if !clip.contains(p2(p)) {
            continue;
        }
        painter.text(
            p2(p),
            Align2::CENTER_CENTER,
            &l.text,
            FontId::proportional(l.size),
            c32(MAP_NAME),
        );
        drawn.push((l.text.clone(), p));
    }
    drawn
}
