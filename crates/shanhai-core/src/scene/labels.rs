//! Which node labels fit at a zoom, and where: one placer for the screen
//! and the exported pictures.

use super::geometry::node_radius;
use super::index::{Bbox, BoxIndex};
use super::{Frame, Scene};

/// Estimated advance width of a text: CJK and other wide characters one
/// em, ASCII about half.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.55 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// Gap between a node's circle and its label (screen pixels).
const GAP: f32 = 2.0;

/// A placed label: which node, and where its text goes relative to the
/// node's centre on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelPlace {
    /// Index in [`Scene::nodes`].
    pub node: usize,
    /// From the node's centre to the text's anchor (the middle of its
    /// baseline), in screen pixels.
    pub offset: [f32; 2],
    /// Estimated width of the text ([`text_width`]).
    pub width: f32,
}

impl Scene {
    /// The anchor (middle of the baseline) of a placed label on the screen
    /// of `view`.
    pub fn label_anchor(&self, place: &LabelPlace, view: &Frame) -> Option<[f32; 2]> {
        let p = view.apply(self.nodes.get(place.node)?.pos);
        Some([p[0] + place.offset[0], p[1] + place.offset[1]])
    }

    /// The box a placed label covers on the screen of `view`: its text
    /// from ascent to descent.
    pub fn label_box(&self, place: &LabelPlace, view: &Frame) -> Option<Bbox> {
        let a = self.label_anchor(place, view)?;
        Some(self.text_box(a, place.width))
    }

    fn text_box(&self, anchor: [f32; 2], width: f32) -> Bbox {
        let size = self.label_size;
        [
            anchor[0] - width / 2.0,
            anchor[1] - size * 0.95,
            anchor[0] + width / 2.0,
            anchor[1] + size * 0.3,
        ]
    }

    /// The label of a node below its circle, placed or not (the app shows
    /// the selected and hovered regions' labels there when the placer left
    /// them out).
    pub fn label_below(&self, node: usize, zoom: f32) -> Option<LabelPlace> {
        let n = self.nodes.get(node)?;
        let rs = node_radius(n.radius, zoom);
        Some(LabelPlace {
            node,
            offset: [0.0, rs + GAP + self.label_size * 0.95],
            width: text_width(&n.label, self.label_size),
        })
    }

    /// Which node labels to draw at a zoom (1 = the picture as built; the
    /// app passes its zoom): highest
    /// [`SceneNode::label_priority`](super::SceneNode::label_priority)
    /// first, each label goes below its node, or else above, right or left
    /// of it — the first place that covers neither a placed label nor any
    /// node (at its radius on screen,
    /// [`node_radius`](super::geometry::node_radius)); a label with no free
    /// place is skipped. Labels keep their size on screen, so what fits
    /// depends on the zoom.
    ///
    /// # Complexity
    /// O(n log n) ([`BoxIndex`] keeps the overlap tests local).
    pub fn visible_labels(&self, zoom: f32) -> Vec<LabelPlace> {
        let zoom = if zoom.is_finite() && zoom > 0.0 {
            zoom
        } else {
            1.0
        };
        // Screen pixels relative to the picture's origin (a pan does not
        // change what fits).
        let view = Frame {
            scale: zoom,
            offset: [0.0, 0.0],
        };
        let size = self.label_size;
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|&a, &b| {
            self.nodes[b]
                .label_priority
                .total_cmp(&self.nodes[a].label_priority)
                .then(a.cmp(&b))
        });
        let mut index = BoxIndex::new(size * 4.0);
        // Circles are obstacles too: a label never covers another node.
        for i in 0..self.nodes.len() {
            if let Some((p, r)) = self.node_at(i, &view) {
                index.insert([p[0] - r, p[1] - r, p[0] + r, p[1] + r]);
            }
        }
        let mut out = Vec::new();
        for i in order {
            let n = &self.nodes[i];
            if n.label.is_empty() {
                continue;
            }
            let Some((centre, rs)) = self.node_at(i, &view) else {
                continue;
            };
            let w = text_width(&n.label, size);
            // Below, above, right, left: the first place that is free.
            let candidates = [
                [0.0, rs + GAP + size * 0.95],
                [0.0, -rs - GAP - size * 0.3],
                [rs + GAP + w / 2.0, size * 0.35],
                [-rs - GAP - w / 2.0, size * 0.35],
            ];
            let free = candidates.into_iter().find_map(|offset| {
                let b = self.text_box([centre[0] + offset[0], centre[1] + offset[1]], w);
                (!index.overlaps(&b)).then_some((offset, b))
            });
            let Some((offset, b)) = free else {
                continue;
            };
            index.insert(b);
            out.push(LabelPlace {
                node: i,
                offset,
                width: w,
            });
        }
        out
    }
}
