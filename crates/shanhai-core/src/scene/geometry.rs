//! The geometry of a picture seen through a [`Frame`] (picture pixels →
//! screen pixels): node radii and edge widths that follow the zoom within
//! limits, edge curves with their arrowheads, and the marks on links. The
//! app paints exactly these shapes; the exported SVG and PNG are the same
//! shapes through [`Frame::IDENTITY`].

use super::{Frame, Scene, SceneEdge};

/// The smallest radius a node is drawn with (screen pixels).
pub const MIN_NODE_RADIUS: f32 = 2.5;

/// The thinnest an edge is drawn (screen pixels).
pub const MIN_EDGE_WIDTH: f32 = 0.8;

/// Radius on screen of a node of picture radius `r` at a zoom: it follows
/// the zoom, from [`MIN_NODE_RADIUS`] up to 2.5 × its picture radius, so
/// small nodes stay visible and large ones do not swallow the view. At
/// zoom 1 (the exports) a node of radius ≥ 2.5 keeps its radius.
pub fn node_radius(r: f32, zoom: f32) -> f32 {
    (r * zoom).clamp(MIN_NODE_RADIUS, (r * 2.5).max(MIN_NODE_RADIUS))
}

/// Width on screen of an edge of picture width `w` at a zoom: with the
/// square root of the zoom, from [`MIN_EDGE_WIDTH`] up to 1.8 × `w`.
pub fn edge_width(w: f32, zoom: f32) -> f32 {
    (w * zoom.max(0.0).sqrt()).clamp(MIN_EDGE_WIDTH, (w * 1.8).max(MIN_EDGE_WIDTH))
}

/// Length of an arrowhead for a stroke width on an edge of length `len`
/// (centre to centre): it grows with the width, and is never more than
/// 30 % of the edge.
pub fn arrow_length(width: f32, len: f32) -> f32 {
    (5.0 + 2.2 * width).min(len * 0.3)
}

/// The geometry of an edge, shared by every painter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeCurve {
    /// Where the stroke starts (on the helper's circle).
    pub start: [f32; 2],
    /// The quadratic Bézier control point (the midpoint when straight).
    pub control: [f32; 2],
    /// Where the stroke ends (at the arrowhead's base, or on the helped
    /// circle without an arrow).
    pub end: [f32; 2],
    /// The arrowhead: tip, then the two base corners.
    pub arrow: Option<[[f32; 2]; 3]>,
    /// Stroke width.
    pub width: f32,
    /// Straight (no bend): a line from `start` to `end`.
    pub straight: bool,
}

impl EdgeCurve {
    /// The point of the stroke at `t` (0 = start, 1 = end).
    pub fn point(&self, t: f32) -> [f32; 2] {
        let s = 1.0 - t;
        let (a, k, b) = (self.start, self.control, self.end);
        if self.straight {
            return [s * a[0] + t * b[0], s * a[1] + t * b[1]];
        }
        [
            s * s * a[0] + 2.0 * s * t * k[0] + t * t * b[0],
            s * s * a[1] + 2.0 * s * t * k[1] + t * t * b[1],
        ]
    }
}

/// The edge from circle `a` (radius `ra`) to circle `b` (radius `rb`),
/// bent by `bend` (a fraction of the length, to the left of the direction
/// of travel, y down), stroked `width` wide, with an arrowhead whose tip
/// is one pixel off `b`'s circle. `None` when the circles overlap or a
/// coordinate is NaN.
pub fn curve(
    a: [f32; 2],
    ra: f32,
    b: [f32; 2],
    rb: f32,
    bend: f32,
    width: f32,
    arrow: bool,
) -> Option<EdgeCurve> {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len = (dx * dx + dy * dy).sqrt();
    // NaN-safe: a NaN length also leaves.
    if len.is_nan() || len <= ra + rb + 1.0 {
        return None;
    }
    let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
    // Left normal in screen space (y down): (dy, -dx).
    let control = [mid[0] + dy * bend * 2.0, mid[1] - dx * bend * 2.0];
    let unit = |from: [f32; 2], to: [f32; 2]| {
        let (x, y) = (to[0] - from[0], to[1] - from[1]);
        let l = (x * x + y * y).sqrt().max(1e-6);
        [x / l, y / l]
    };
    let u0 = unit(a, control);
    let u1 = unit(control, b);
    let start = [a[0] + u0[0] * ra, a[1] + u0[1] * ra];
    let tip = [b[0] - u1[0] * (rb + 1.0), b[1] - u1[1] * (rb + 1.0)];
    let straight = bend == 0.0;
    if !arrow {
        return Some(EdgeCurve {
            start,
            control,
            end: tip,
            arrow: None,
            width,
            straight,
        });
    }
    let head = arrow_length(width, len);
    let base = [tip[0] - u1[0] * head, tip[1] - u1[1] * head];
    let half = head * 0.45;
    let left = [base[0] + u1[1] * half, base[1] - u1[0] * half];
    let right = [base[0] - u1[1] * half, base[1] + u1[0] * half];
    Some(EdgeCurve {
        start,
        control,
        end: base,
        arrow: Some([tip, left, right]),
        width,
        straight,
    })
}

impl Frame {
    /// The picture as it is: 1 screen pixel per picture pixel (the
    /// exports).
    pub const IDENTITY: Frame = Frame {
        scale: 1.0,
        offset: [0.0, 0.0],
    };
}

impl Scene {
    /// A node's centre and radius on screen.
    pub fn node_at(&self, i: usize, view: &Frame) -> Option<([f32; 2], f32)> {
        let n = self.nodes.get(i)?;
        Some((view.apply(n.pos), node_radius(n.radius, view.scale)))
    }

    /// The geometry of an edge in the picture as exported
    /// ([`Scene::edge_curve_in`] through [`Frame::IDENTITY`]).
    pub fn edge_curve(&self, edge: &SceneEdge) -> Option<EdgeCurve> {
        self.edge_curve_in(edge, &Frame::IDENTITY, 0.0)
    }

    /// The geometry of an edge on a screen that shows the picture through
    /// `view` (its `scale` is the zoom), `extra` pixels wider than its
    /// width at that zoom (a highlight): it starts on the helper's circle,
    /// bends by `edge.bend`, and ends at the base of an arrowhead whose tip
    /// touches the helped circle. `None` when an index is out of range or
    /// the two circles overlap.
    pub fn edge_curve_in(&self, edge: &SceneEdge, view: &Frame, extra: f32) -> Option<EdgeCurve> {
        let (a, ra) = self.node_at(edge.from, view)?;
        let (b, rb) = self.node_at(edge.to, view)?;
        let w = edge_width(edge.width, view.scale) + extra;
        curve(a, ra, b, rb, edge.bend, w, edge.arrow)
    }

    /// Where the mark of a stated official link goes (the ★ at the middle
    /// of its stroke), on the screen of `view`.
    pub fn mark_at(&self, edge: usize, view: &Frame) -> Option<[f32; 2]> {
        let e = self.edges.get(edge)?;
        Some(self.edge_curve_in(e, view, 0.0)?.point(0.5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_zoom_within_limits() {
        assert_eq!(node_radius(6.0, 1.0), 6.0);
        assert_eq!(node_radius(6.0, 0.01), MIN_NODE_RADIUS);
        assert_eq!(node_radius(6.0, 100.0), 15.0);
        assert_eq!(node_radius(0.1, 1.0), MIN_NODE_RADIUS);
        assert_eq!(edge_width(2.0, 1.0), 2.0);
        assert_eq!(edge_width(2.0, 0.0), MIN_EDGE_WIDTH);
        assert_eq!(edge_width(2.0, 100.0), 3.6);
    }

    #[test]
    fn curves_end_at_the_circles() {
        let c = curve([0.0, 0.0], 5.0, [100.0, 0.0], 10.0, 0.0, 2.0, true).unwrap();
        assert_eq!(c.start, [5.0, 0.0]);
        let tip = c.arrow.unwrap()[0];
        assert!((tip[0] - 89.0).abs() < 1e-4);
        assert!((c.end[0] - (89.0 - arrow_length(2.0, 100.0))).abs() < 1e-4);
        assert!(curve([0.0, 0.0], 5.0, [6.0, 0.0], 5.0, 0.0, 1.0, true).is_none());
        assert!(curve([f32::NAN, 0.0], 5.0, [60.0, 0.0], 5.0, 0.0, 1.0, true).is_none());
        let bent = curve([0.0, 0.0], 5.0, [100.0, 0.0], 5.0, 0.12, 1.0, false).unwrap();
        // Bends to the left of travel: up on screen (y down).
        assert!(bent.point(0.5)[1] < -5.0);
        // A short edge keeps most of its length for the stroke.
        let short = curve([0.0, 0.0], 2.0, [20.0, 0.0], 2.0, 0.0, 9.0, true).unwrap();
        assert!(short.end[0] - short.start[0] > 5.0);
    }
}
