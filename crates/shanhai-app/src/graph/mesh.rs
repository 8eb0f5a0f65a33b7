//! The meshes of the view: edges as anti-aliased strips with arrowheads
//! (dashed ones cut to the screen), nodes as discs with rings, and the
//! scene's curves flattened into polylines.

use super::*;

/// Screen geometry of an edge: a polyline and an optional arrowhead.
/// The points live inline (at most [`Curve::MAX_POINTS`]): ten thousand
/// edges a frame need no ten thousand allocations.
pub(super) struct Curve {
    pts: [Pos2; Curve::MAX_POINTS],
    len: usize,
    pub(super) arrow: Option<[Pos2; 3]>,
}

impl Curve {
    /// Twelve segments at most.
    const MAX_POINTS: usize = 13;

    pub(super) fn points(&self) -> &[Pos2] {
        &self.pts[..self.len]
    }
}

/// A painter like `painter` whose shapes egui's tessellator will not merge
/// with its neighbours': its clip rectangle differs from `painter`'s by
/// `k` ulps on one side (no visible difference). The tessellator appends
/// every shape to the last primitive when the clip rectangles are equal,
/// growing one vector to hundreds of thousands of vertices with a copy at
/// every doubling; a mesh that starts its own primitive is copied once.
pub(super) fn own_primitive(painter: &egui::Painter, k: u32) -> egui::Painter {
    let mut r = painter.clip_rect();
    for _ in 0..k {
        r.max.x = r.max.x.next_down();
    }
    painter.with_clip_rect(r)
}

/// `v` scaled to length 1 (zero stays zero), without the `hypot` call
/// that [`Vec2::normalized`] makes: the edges of a frame need it some
/// hundred thousand times.
pub(super) fn unit(v: Vec2) -> Vec2 {
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

pub(super) fn p2(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
}

/// An edge's curve as a polyline for the mesh: a line when straight, else
/// about one segment per 24 points of length, 2 to 12 (a short curve at
/// fit-to-view needs no twelve segments).
pub(super) fn flatten(c: &EdgeCurve) -> Curve {
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

/// Discs with an optional ring, anti-aliased by a feather of one
/// physical pixel, appended to one mesh: `1 + 4n` vertices for `n`
/// segments (`2n + 1` without a ring), `n` growing with the radius.
pub(super) struct Discs {
    pub(super) mesh: egui::Mesh,
    feather: f32,
    /// Unit circles by segment count.
    units: Vec<Vec<Vec2>>,
}

impl Discs {
    const MIN_SEGMENTS: usize = 8;
    const MAX_SEGMENTS: usize = 64;

    pub(super) fn new(mut mesh: egui::Mesh, pixels_per_point: f32, capacity: usize) -> Discs {
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
    pub(super) fn add(&mut self, c: Pos2, r: f32, fill: Color32, ring: Option<(f32, Color32)>) {
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
pub(super) struct Lines {
    pub(super) mesh: egui::Mesh,
    /// One physical pixel, in points.
    pixel: f32,
    /// Scratch space for the dashes of one edge.
    spans: Vec<[Pos2; 2]>,
}

impl Lines {
    pub(super) fn new(mut mesh: egui::Mesh, pixels_per_point: f32, capacity: usize) -> Lines {
        mesh.reserve_vertices(capacity * 16);
        mesh.reserve_triangles(capacity * 20);
        Lines {
            mesh,
            pixel: 1.0 / pixels_per_point.max(1e-3),
            spans: Vec::new(),
        }
    }

    /// A solid edge: its polyline of width `w` and its arrowhead.
    pub(super) fn add(&mut self, c: &Curve, w: f32, col: Color32) {
        self.strip(c.points(), w, col);
        self.arrow(c, col);
    }

    /// A dashed edge: the dashes inside `clip` (see [`dash_spans`]) and the
    /// arrowhead.
    pub(super) fn add_dashed(&mut self, c: &Curve, w: f32, col: Color32, clip: Rect) {
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
    pub(super) fn strip(&mut self, pts: &[Pos2], w: f32, col: Color32) {
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

    pub(super) fn arrow(&mut self, c: &Curve, col: Color32) {
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
pub(super) fn dash_spans(points: &[Pos2], clip: Rect, out: &mut Vec<[Pos2; 2]>) {
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
pub(super) fn dashed(points: &[Pos2], stroke: Stroke, clip: Rect) -> Vec<Shape> {
    let mut spans = Vec::new();
    dash_spans(points, clip, &mut spans);
    spans
        .into_iter()
        .map(|s| Shape::line_segment(s, stroke))
        .collect()
}

/// The part `[t0, t1]` of the segment `a`–`b` inside `r` (Liang–Barsky).
pub(super) fn clip_segment(a: Pos2, b: Pos2, r: Rect) -> Option<(f32, f32)> {
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

pub(super) fn draw_curve(
    painter: &egui::Painter,
    c: &Curve,
    w: f32,
    col: Color32,
    dashed_line: bool,
) {
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
