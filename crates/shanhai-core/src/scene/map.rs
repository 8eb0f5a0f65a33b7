//! The base map of a scene: which province outlines and borders a view
//! shows, at which level of detail, and where the province names fit
//! without taking a node label's place. The app and the pictures both
//! draw what these return.

use super::index::{Bbox, BoxIndex, overlap};
use super::labels::{LabelPlace, text_width};
use super::{Frame, Scene};
use crate::basemap::{ArcKind, Basemap};

/// The map layer of a scene (the geographic layout only).
#[derive(Debug, Clone, PartialEq)]
pub struct MapLayer {
    /// Each [`Basemap`] unit's name in the picture's language (its short
    /// Chinese name, or Natural Earth's English name), by unit index.
    pub names: Vec<String>,
    /// Font size of the names at zoom 1 (pixels).
    pub name_size: f32,
}

/// What to draw of the map in one view.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPaint {
    /// The outlines.
    pub map: &'static Basemap,
    /// Layout kilometres → screen pixels.
    pub frame: Frame,
    /// The level of detail for this zoom.
    pub lod: usize,
    /// Units whose outline meets the view, by index.
    pub units: Vec<usize>,
    /// Arcs to stroke (not [`ArcKind::Inner`], used by a polygon drawn at
    /// this level) that meet the view.
    pub arcs: Vec<usize>,
}

/// A province name placed on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLabel {
    /// The unit (index in [`Basemap::units`]).
    pub unit: usize,
    /// The text.
    pub text: String,
    /// Centre of the text, in screen pixels.
    pub pos: [f32; 2],
    /// Font size in pixels.
    pub size: f32,
}

/// A kilometre bounding box through a frame, as a screen box.
fn screen_box(b: &[f32; 4], f: &Frame) -> Bbox {
    let lo = f.apply([b[0], b[1]]);
    let hi = f.apply([b[2], b[3]]);
    [lo[0], lo[1], hi[0], hi[1]]
}

impl Scene {
    /// What of the map to draw on the screen of `view` (picture pixels →
    /// screen) within `bounds` (screen pixels), for `density` device
    /// pixels per screen pixel (the display's scale, a PNG's scale
    /// factor; infinite for vector output, which gets the finest level):
    /// `None` without a map.
    ///
    /// # Complexity
    /// O(units + arcs): bounding boxes only.
    pub fn map_paint(&self, view: &Frame, bounds: &Bbox, density: f32) -> Option<MapPaint> {
        self.map.as_ref()?;
        let map = Basemap::embedded().ok()?;
        let frame = self.frame.then(view);
        let lod = map.lod_for(frame.scale * density.max(1.0));
        let units = (0..map.units.len())
            .filter(|&i| overlap(&screen_box(&map.units[i].shapes[lod].bbox, &frame), bounds))
            .collect();
        let arcs = (0..map.arcs.len())
            .filter(|&i| {
                let a = &map.arcs[i];
                a.kind != ArcKind::Inner
                    && a.min_lod <= lod
                    && overlap(&screen_box(&a.bbox, &frame), bounds)
            })
            .collect();
        Some(MapPaint {
            map,
            frame,
            lod,
            units,
            arcs,
        })
    }

    /// The province names that fit on the screen of `view` at `zoom`
    /// (screen pixels per picture pixel), given the node labels already
    /// `placed`: each name at the first of its unit's interior points
    /// where it overlaps no node, no placed label and no other name, stays
    /// inside `bounds`, and is no wider or taller than the unit's outline
    /// on screen. Larger units choose first.
    ///
    /// # Complexity
    /// O((V + L + U) log) with the box index, for V nodes, L labels and U
    /// units.
    pub fn map_labels(
        &self,
        view: &Frame,
        zoom: f32,
        placed: &[LabelPlace],
        bounds: &Bbox,
    ) -> Vec<MapLabel> {
        let (Some(layer), Ok(map)) = (self.map.as_ref(), Basemap::embedded()) else {
            return Vec::new();
        };
        let frame = self.frame.then(view);
        let lod = map.lod_for(frame.scale);
        let size = (layer.name_size * zoom).clamp(11.0, 40.0);
        let mut taken = BoxIndex::new(64.0);
        for i in 0..self.nodes.len() {
            if let Some((p, r)) = self.node_at(i, view) {
                taken.insert([p[0] - r, p[1] - r, p[0] + r, p[1] + r]);
            }
        }
        for l in placed {
            if let Some(b) = self.label_box(l, view) {
                taken.insert(b);
            }
        }
        let mut order: Vec<usize> = (0..map.units.len()).collect();
        order.sort_by(|&a, &b| map.units[b].area_km2.total_cmp(&map.units[a].area_km2));
        let mut out = Vec::new();
        for u in order {
            let unit = &map.units[u];
            let Some(text) = layer.names.get(u).filter(|t| !t.is_empty()) else {
                continue;
            };
            let ub = screen_box(&unit.shapes[lod].bbox, &frame);
            let w = text_width(text, size);
            if w > (ub[2] - ub[0]) || size > (ub[3] - ub[1]) {
                continue;
            }
            for &c in &unit.labels {
                let p = frame.apply(c);
                let b = [
                    p[0] - w / 2.0,
                    p[1] - size * 0.6,
                    p[0] + w / 2.0,
                    p[1] + size * 0.6,
                ];
                let inside = b[0] >= bounds[0]
                    && b[1] >= bounds[1]
                    && b[2] <= bounds[2]
                    && b[3] <= bounds[3];
                if inside && !taken.overlaps(&b) {
                    taken.insert(b);
                    out.push(MapLabel {
                        unit: u,
                        text: text.clone(),
                        pos: p,
                        size,
                    });
                    break;
                }
            }
        }
        out
    }
}
