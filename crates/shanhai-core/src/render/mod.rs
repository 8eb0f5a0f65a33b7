//! `render`: one scene description of the network picture, drawn two ways.
//!
//! [`Scene::build`] turns a network and its layout positions into plain
//! data — circles, curves, labels, a legend, a title and a source line, in
//! picture pixels. The egui app paints that same [`Scene`] on screen (with
//! its own pan/zoom transform on top); [`to_svg`] writes it as SVG and
//! [`to_png`] rasterises that SVG with resvg, with the bundled CJK font
//! ([`font::CJK_FONT`]) so Chinese labels look the same everywhere.

pub mod font;
mod png;
pub mod style;
mod svg;

use std::collections::BTreeMap;

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

pub use png::to_png;
pub use style::{ColourBy, Rgba, Style};
pub use svg::{SvgOptions, to_svg};

use crate::corpus::DocDate;
use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, Level, RegionId};
use crate::layout::Layout;
use crate::network::{Network, ViewLevel};

/// Errors drawing a picture.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The PNG scale factor is outside 1–4.
    #[error("scale {0} is outside 1–4")]
    Scale(f32),
    /// The picture is empty or too large to rasterise.
    #[error("picture size {width}×{height} is not possible (1 to 16384 pixels a side)")]
    Size {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
    },
    /// The SVG could not be written.
    #[error("writing SVG: {0}")]
    Xml(#[from] std::io::Error),
    /// usvg could not read the SVG back (a bug).
    #[error("reading SVG: {0}")]
    Svg(#[from] resvg::usvg::Error),
    /// The PNG could not be encoded.
    #[error("encoding PNG: {0}")]
    Png(String),
}

/// A node of the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneNode {
    /// The region.
    pub id: RegionId,
    /// Centre, in picture pixels (y down).
    pub pos: [f32; 2],
    /// Radius in pixels: grows with the square root of the weighted
    /// degree (documents over all links).
    pub radius: f32,
    /// Fill colour (by province or side, see [`ColourBy`]).
    pub fill: Rgba,
    /// Outline colour by level ([`style::level_ring`]); `None` for none.
    pub ring: Option<Rgba>,
    /// The region's official name.
    pub label: String,
    /// Higher labels win where labels would overlap
    /// ([`Scene::visible_labels`]).
    pub label_priority: f32,
    /// Administrative level.
    pub level: Level,
}

/// An edge of the picture: a straight line or a quadratic curve from
/// `nodes[from]` to `nodes[to]`, helper → helped.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneEdge {
    /// Index of the helper in [`Scene::nodes`].
    pub from: usize,
    /// Index of the helped region in [`Scene::nodes`].
    pub to: usize,
    /// Stroke width in pixels (grows with the number of documents).
    pub width: f32,
    /// Stroke colour (by relation).
    pub color: Rgba,
    /// Dashed stroke (the "other" schemes).
    pub dashed: bool,
    /// Draw an arrowhead at the helped end.
    pub arrow: bool,
    /// Sideways bend as a fraction of the length (0 = straight; positive
    /// bends to the left of the direction of travel in screen space).
    /// Non-zero when a pair has several links, so they do not overlap.
    pub bend: f32,
    /// The scheme.
    pub relation: Relation,
    /// Number of documents that state the link.
    pub documents: usize,
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
}

/// A swatch in the legend.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    /// A line, like an edge.
    Line {
        /// Colour.
        color: Rgba,
        /// Dashed.
        dashed: bool,
        /// Width in pixels.
        width: f32,
    },
    /// A filled dot, like a node.
    Dot {
        /// Fill.
        fill: Rgba,
    },
    /// An empty circle with a coloured outline (a level ring).
    Ring {
        /// Outline colour.
        color: Rgba,
    },
    /// No swatch: a note.
    None,
}

/// One line of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// What it looks like.
    pub swatch: Swatch,
    /// What it means.
    pub label: String,
}

/// A faint name behind the nodes (the geographic backdrop).
#[derive(Debug, Clone, PartialEq)]
pub struct BackdropLabel {
    /// The text (a province's short name).
    pub text: String,
    /// Centre of the text, in picture pixels.
    pub pos: [f32; 2],
    /// Font size in pixels.
    pub size: f32,
    /// Colour.
    pub color: Rgba,
}

/// How layout coordinates were mapped to picture pixels:
/// `pixel = layout × scale + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Pixels per layout unit.
    pub scale: f32,
    /// Pixel position of the layout origin.
    pub offset: [f32; 2],
}

impl Frame {
    /// Maps a layout position to picture pixels.
    pub fn apply(&self, p: [f32; 2]) -> [f32; 2] {
        [
            p[0] * self.scale + self.offset[0],
            p[1] * self.scale + self.offset[1],
        ]
    }
}

/// The picture of a network: plain data that any painter can draw.
/// Coordinates are pixels at 1×, `y` down, origin top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Nodes, in drawing order (largest first, so small ones stay visible).
    pub nodes: Vec<SceneNode>,
    /// Edges, in drawing order (fewest documents first).
    pub edges: Vec<SceneEdge>,
    /// Faint names behind everything (may be empty).
    pub backdrop: Vec<BackdropLabel>,
    /// Legend lines, top to bottom (empty for no legend).
    pub legend: Vec<LegendItem>,
    /// Title (top left); may be empty.
    pub title: String,
    /// Source line (bottom left); may be empty.
    pub source_line: String,
    /// Background; `None` is transparent.
    pub background: Option<Rgba>,
    /// Font size of node labels.
    pub label_size: f32,
    /// The layout → pixel mapping used for the nodes.
    pub frame: Frame,
}

/// Top margin (title).
const TOP: f32 = 64.0;
/// Bottom margin (source line).
const BOTTOM: f32 = 44.0;
/// Left margin.
const LEFT: f32 = 32.0;
/// Width reserved for the legend on the right.
const LEGEND_W: f32 = 210.0;

impl Scene {
    /// Builds the picture of `net` with node positions from a layout.
    ///
    /// `positions[i]` is the layout position of the i-th node in
    /// `net.graph.node_indices()` order — the order of
    /// [`LayoutGraph::from_network`](crate::layout::LayoutGraph::from_network),
    /// which is what the layouts return. Nodes without a (finite) position
    /// are left out with their edges. Positions are fitted into the
    /// picture (keeping their aspect ratio) between the title, the source
    /// line and the legend.
    ///
    /// Node radius grows with the square root of the weighted degree, fill
    /// follows `style.colour_by`, the ring follows the level; edge colour
    /// follows the relation, width the number of documents.
    ///
    /// # Complexity
    /// O((V + E) log V), plus the statistics of [`Network::stats`] without
    /// betweenness.
    pub fn build(g: &Gazetteer, net: &Network, positions: &[[f32; 2]], style: &Style) -> Scene {
        let width = style.width.max(1);
        let height = style.height.max(1);
        // Degrees (documents per node), computed here to skip betweenness.
        let mut wdeg: BTreeMap<petgraph::stable_graph::NodeIndex, usize> = BTreeMap::new();
        for e in net.graph.edge_references() {
            *wdeg.entry(e.source()).or_default() += e.weight().weight();
            *wdeg.entry(e.target()).or_default() += e.weight().weight();
        }
        let max_w = wdeg.values().copied().max().unwrap_or(1).max(1) as f32;
        struct Raw {
            index: petgraph::stable_graph::NodeIndex,
            layout: [f32; 2],
            node: SceneNode,
        }
        let mut raw: Vec<Raw> = Vec::new();
        // Fills depend on the province and the side only: compute each once.
        let mut fills: BTreeMap<(RegionId, bool), Rgba> = BTreeMap::new();
        for (i, ni) in net.graph.node_indices().enumerate() {
            let Some(&p) = positions.get(i) else { break };
            if !(p[0].is_finite() && p[1].is_finite()) {
                continue;
            }
            let r = net.graph[ni];
            let reg = g.region(r);
            let w = wdeg.get(&ni).copied().unwrap_or(0) as f32;
            let radius =
                style.min_radius + (style.max_radius - style.min_radius) * (w / max_w).sqrt();
            raw.push(Raw {
                index: ni,
                layout: p,
                node: SceneNode {
                    id: r,
                    pos: [0.0, 0.0],
                    radius,
                    fill: *fills
                        .entry((reg.province, style::side_key(g, r)))
                        .or_insert_with(|| style::node_fill(g, r, style.colour_by)),
                    ring: Some(style::level_ring(reg.level)),
                    label: reg.name.clone(),
                    label_priority: w + 0.5 * f32::from(2 - reg.level.depth().min(2)),
                    level: reg.level,
                },
            });
        }
        // Fit the layout into the free area.
        let legend_w = if style.legend { LEGEND_W } else { 0.0 };
        let pad = style.max_radius + style.label_size * 1.4;
        let area_lo = [LEFT + pad, TOP + pad];
        let area_hi = [
            (width as f32 - legend_w - LEFT - pad).max(area_lo[0] + 1.0),
            (height as f32 - BOTTOM - pad).max(area_lo[1] + 1.0),
        ];
        let frame = fit(raw.iter().map(|r| r.layout), area_lo, area_hi);
        for r in &mut raw {
            r.node.pos = frame.apply(r.layout);
        }
        if style.separate {
            let mut circles: Vec<([f32; 2], f32)> =
                raw.iter().map(|r| (r.node.pos, r.node.radius)).collect();
            separate(&mut circles, 1.5);
            for (r, (p, _)) in raw.iter_mut().zip(circles) {
                r.node.pos = p;
            }
        }
        // Drawing order: large first; ties by code.
        raw.sort_by(|a, b| {
            b.node
                .radius
                .total_cmp(&a.node.radius)
                .then_with(|| g.region(a.node.id).code.cmp(&g.region(b.node.id).code))
        });
        let index_of: BTreeMap<petgraph::stable_graph::NodeIndex, usize> =
            raw.iter().enumerate().map(|(i, r)| (r.index, i)).collect();
        let nodes: Vec<SceneNode> = raw.into_iter().map(|r| r.node).collect();

        let edges = scene_edges(net, &index_of);
        let legend = if style.legend {
            legend(g, &nodes, &edges, style.colour_by)
        } else {
            Vec::new()
        };
        let backdrop = if style.backdrop {
            let size = (style.label_size * 1.6).round();
            crate::layout::province_labels(g)
                .into_iter()
                .map(|p| BackdropLabel {
                    text: p.short,
                    pos: frame.apply(p.pos),
                    size,
                    color: style::BACKDROP,
                })
                .filter(|b| {
                    b.pos[0] > LEFT
                        && b.pos[0] < width as f32 - legend_w
                        && b.pos[1] > TOP
                        && b.pos[1] < height as f32 - BOTTOM
                })
                .collect()
        } else {
            Vec::new()
        };
        Scene {
            width,
            height,
            nodes,
            edges,
            backdrop,
            legend,
            title: style.title.clone(),
            source_line: style.source_line.clone(),
            background: style.background,
            label_size: style.label_size,
            frame,
        }
    }

    /// Adds the reference overlay: each official pair that no article
    /// states, with both ends in the picture, as a thin dashed ochre line
    /// under the stated links (bent slightly, so that it stays apart from
    /// a stated link of another relation), and a legend line for them.
    pub fn add_official(&mut self, official: &[crate::reference::OfficialEdge]) {
        let index: BTreeMap<RegionId, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect();
        let extra: Vec<SceneEdge> = official
            .iter()
            .filter(|o| !o.stated)
            .filter_map(|o| {
                Some(SceneEdge {
                    from: *index.get(&o.pair.helper)?,
                    to: *index.get(&o.pair.helped)?,
                    width: 1.3,
                    color: style::OFFICIAL,
                    dashed: true,
                    arrow: true,
                    bend: 0.06,
                    relation: o.pair.relation,
                    documents: 0,
                })
            })
            .collect();
        if extra.is_empty() {
            return;
        }
        self.edges.splice(0..0, extra);
        if !self.legend.is_empty() {
            self.legend.insert(
                0,
                LegendItem {
                    swatch: Swatch::Line {
                        color: style::OFFICIAL,
                        dashed: true,
                        width: 2.0,
                    },
                    label: "官方结对（文章未提及）".to_string(),
                },
            );
        }
    }

    /// The geometry of an edge: it starts on the helper's circle, bends by
    /// `edge.bend`, and ends at the base of an arrowhead whose tip touches
    /// the helped circle. `None` when an index is out of range or the two
    /// circles overlap.
    pub fn edge_curve(&self, edge: &SceneEdge) -> Option<EdgeCurve> {
        let a = self.nodes.get(edge.from)?;
        let b = self.nodes.get(edge.to)?;
        let (dx, dy) = (b.pos[0] - a.pos[0], b.pos[1] - a.pos[1]);
        let len = (dx * dx + dy * dy).sqrt();
        // NaN-safe: a NaN length also leaves.
        if len.is_nan() || len <= a.radius + b.radius + 1.0 {
            return None;
        }
        let mid = [(a.pos[0] + b.pos[0]) / 2.0, (a.pos[1] + b.pos[1]) / 2.0];
        // Left normal in screen space (y down): (dy, -dx).
        let control = [mid[0] + dy * edge.bend * 2.0, mid[1] - dx * edge.bend * 2.0];
        let unit = |from: [f32; 2], to: [f32; 2]| {
            let (x, y) = (to[0] - from[0], to[1] - from[1]);
            let l = (x * x + y * y).sqrt().max(1e-6);
            [x / l, y / l]
        };
        let u0 = unit(a.pos, control);
        let u1 = unit(control, b.pos);
        let start = [a.pos[0] + u0[0] * a.radius, a.pos[1] + u0[1] * a.radius];
        let tip = [
            b.pos[0] - u1[0] * (b.radius + 1.0),
            b.pos[1] - u1[1] * (b.radius + 1.0),
        ];
        if !edge.arrow {
            return Some(EdgeCurve {
                start,
                control,
                end: tip,
                arrow: None,
            });
        }
        let head = 5.0 + 2.2 * edge.width;
        let base = [tip[0] - u1[0] * head, tip[1] - u1[1] * head];
        let half = head * 0.45;
        let left = [base[0] + u1[1] * half, base[1] - u1[0] * half];
        let right = [base[0] - u1[1] * half, base[1] + u1[0] * half];
        Some(EdgeCurve {
            start,
            control,
            end: base,
            arrow: Some([tip, left, right]),
        })
    }

    /// Which node labels to draw at a zoom factor (1 = the picture as
    /// built; the app passes its zoom): highest
    /// [`SceneNode::label_priority`] first, each label goes below its
    /// node, or else above, right or left of it — the first place that
    /// covers neither a placed label nor any node; a label with no free
    /// place is skipped. Returns node
    /// indices with the label's centre-baseline anchor in picture pixels
    /// (at zoom 1).
    ///
    /// # Complexity
    /// O(n log n) (a grid keeps the overlap tests local).
    pub fn visible_labels(&self, zoom: f32) -> Vec<(usize, [f32; 2])> {
        let zoom = if zoom.is_finite() && zoom > 0.0 {
            zoom
        } else {
            1.0
        };
        let size = self.label_size;
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|&a, &b| {
            self.nodes[b]
                .label_priority
                .total_cmp(&self.nodes[a].label_priority)
                .then(a.cmp(&b))
        });
        // Boxes in zoomed pixels, bucketed on a grid of cells.
        let cell = (size * 4.0 * zoom).max(1.0);
        let mut grid: BTreeMap<(i64, i64), Vec<[f32; 4]>> = BTreeMap::new();
        let mut out = Vec::new();
        // Circles are obstacles too: a label never covers another node.
        for n in &self.nodes {
            let b = [
                (n.pos[0] - n.radius) * zoom,
                (n.pos[1] - n.radius) * zoom,
                (n.pos[0] + n.radius) * zoom,
                (n.pos[1] + n.radius) * zoom,
            ];
            for c in grid_cells(&b, cell) {
                grid.entry(c).or_default().push(b);
            }
        }
        for i in order {
            let n = &self.nodes[i];
            if n.label.is_empty() {
                continue;
            }
            let w = text_width(&n.label, size);
            // Below, above, right, left: the first place that is free.
            let gap = 2.0;
            let candidates = [
                [n.pos[0], n.pos[1] + n.radius + gap + size * 0.95],
                [n.pos[0], n.pos[1] - n.radius - gap - size * 0.3],
                [
                    n.pos[0] + n.radius + gap + w / 2.0 / zoom,
                    n.pos[1] + size * 0.35,
                ],
                [
                    n.pos[0] - n.radius - gap - w / 2.0 / zoom,
                    n.pos[1] + size * 0.35,
                ],
            ];
            let free = candidates.into_iter().find_map(|anchor| {
                let b = [
                    anchor[0] * zoom - w / 2.0,
                    anchor[1] * zoom - size * 0.95,
                    anchor[0] * zoom + w / 2.0,
                    anchor[1] * zoom + size * 0.3,
                ];
                let hit = grid_cells(&b, cell).into_iter().any(|c| {
                    grid.get(&c).is_some_and(|list| {
                        list.iter()
                            .any(|o| b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3])
                    })
                });
                (!hit).then_some((anchor, b))
            });
            let Some((anchor, b)) = free else {
                continue;
            };
            for c in grid_cells(&b, cell) {
                grid.entry(c).or_default().push(b);
            }
            out.push((i, anchor));
        }
        out
    }
}

/// The grid cells a box touches.
fn grid_cells(b: &[f32; 4], cell: f32) -> Vec<(i64, i64)> {
    let (x0, y0) = ((b[0] / cell).floor() as i64, (b[1] / cell).floor() as i64);
    let (x1, y1) = ((b[2] / cell).floor() as i64, (b[3] / cell).floor() as i64);
    (x0..=x1)
        .flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
        .collect()
}

/// Estimated advance width of a text: CJK and other wide characters one
/// em, ASCII about half.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.55 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// Pushes overlapping circles apart until no two are closer than the sum
/// of their radii plus `gap` (at most 80 rounds). Each round moves both
/// circles of an overlapping pair half the overlap; coincident centres
/// part in a direction fixed by their indices. Deterministic.
///
/// # Complexity
/// O(rounds · n · k) for k circles per grid neighbourhood.
fn separate(c: &mut [([f32; 2], f32)], gap: f32) {
    let max_r = c.iter().map(|x| x.1).fold(0.0f32, f32::max);
    let cell = (2.0 * max_r + gap).max(1.0);
    for _round in 0..80 {
        // Only looked up, never iterated: a hash map keeps it deterministic.
        let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, (p, _)) in c.iter().enumerate() {
            grid.entry(((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64))
                .or_default()
                .push(i);
        }
        let mut moved = false;
        for i in 0..c.len() {
            let (gx, gy) = (
                (c[i].0[0] / cell).floor() as i64,
                (c[i].0[1] / cell).floor() as i64,
            );
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(list) = grid.get(&(gx + dx, gy + dy)) else {
                        continue;
                    };
                    for &j in list {
                        if j <= i {
                            continue;
                        }
                        let (a, b) = (c[i], c[j]);
                        let (ex, ey) = (b.0[0] - a.0[0], b.0[1] - a.0[1]);
                        let d = (ex * ex + ey * ey).sqrt();
                        let want = a.1 + b.1 + gap;
                        if d >= want {
                            continue;
                        }
                        let (ux, uy) = if d > 1e-4 {
                            (ex / d, ey / d)
                        } else {
                            let t = (i * 7 + j * 13) as f32 * 2.399_963;
                            (t.cos(), t.sin())
                        };
                        let push = (want - d) / 2.0;
                        c[i].0 = [a.0[0] - ux * push, a.0[1] - uy * push];
                        c[j].0 = [b.0[0] + ux * push, b.0[1] + uy * push];
                        moved = true;
                    }
                }
            }
        }
        if !moved {
            return;
        }
    }
}

/// The frame that fits points into a rectangle, keeping the aspect ratio.
fn fit(points: impl Iterator<Item = [f32; 2]>, lo: [f32; 2], hi: [f32; 2]) -> Frame {
    let mut min = [f32::INFINITY; 2];
    let mut max = [f32::NEG_INFINITY; 2];
    for p in points {
        for d in 0..2 {
            min[d] = min[d].min(p[d]);
            max[d] = max[d].max(p[d]);
        }
    }
    let centre_px = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    if !min[0].is_finite() {
        return Frame {
            scale: 1.0,
            offset: centre_px,
        };
    }
    let span = [max[0] - min[0], max[1] - min[1]];
    let avail = [hi[0] - lo[0], hi[1] - lo[1]];
    let sx = if span[0] > 0.0 {
        avail[0] / span[0]
    } else {
        f32::INFINITY
    };
    let sy = if span[1] > 0.0 {
        avail[1] / span[1]
    } else {
        f32::INFINITY
    };
    let mut scale = sx.min(sy);
    if !scale.is_finite() {
        scale = 1.0;
    }
    let centre = [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0];
    Frame {
        scale,
        offset: [
            centre_px[0] - centre[0] * scale,
            centre_px[1] - centre[1] * scale,
        ],
    }
}

fn scene_edges(
    net: &Network,
    index_of: &BTreeMap<petgraph::stable_graph::NodeIndex, usize>,
) -> Vec<SceneEdge> {
    let mut edges: Vec<SceneEdge> = net
        .graph
        .edge_references()
        .filter_map(|e| {
            let from = *index_of.get(&e.source())?;
            let to = *index_of.get(&e.target())?;
            let l = e.weight();
            let docs = l.weight();
            Some(SceneEdge {
                from,
                to,
                width: (1.0f32 + 1.3 * (docs as f32).sqrt()).min(9.0),
                color: style::relation_colour(l.relation),
                dashed: style::relation_dashed(l.relation),
                arrow: true,
                bend: 0.0,
                relation: l.relation,
                documents: docs,
            })
        })
        .collect();
    // Several links between one pair (either direction): fan them out.
    let mut groups: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, e) in edges.iter().enumerate() {
        groups
            .entry((e.from.min(e.to), e.from.max(e.to)))
            .or_default()
            .push(i);
    }
    for ((lo, _), mut list) in groups {
        if list.len() < 2 {
            continue;
        }
        list.sort_by_key(|&i| (edges[i].from, edges[i].relation));
        let m = list.len() as f32;
        for (j, &i) in list.iter().enumerate() {
            let b = 0.12 * (j as f32 - (m - 1.0) / 2.0);
            // Bends are relative to the edge's own direction; express them
            // all relative to lo → hi so they fan out on both sides.
            edges[i].bend = if edges[i].from == lo { b } else { -b };
        }
        // Two opposite links only: bend both to their left, so they part.
        if list.len() == 2 && edges[list[0]].from != edges[list[1]].from {
            for &i in &list {
                edges[i].bend = 0.12;
            }
        }
    }
    edges.sort_by_key(|e| (e.documents, e.from, e.to, e.relation));
    edges
}

fn legend(
    g: &Gazetteer,
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    by: ColourBy,
) -> Vec<LegendItem> {
    let mut items = Vec::new();
    let relations: Vec<Relation> = Relation::ALL
        .into_iter()
        .filter(|r| edges.iter().any(|e| e.relation == *r))
        .collect();
    for r in relations {
        items.push(LegendItem {
            swatch: Swatch::Line {
                color: style::relation_colour(r),
                dashed: style::relation_dashed(r),
                width: 3.0,
            },
            label: style::relation_name(r).to_string(),
        });
    }
    if !edges.is_empty() {
        items.push(LegendItem {
            swatch: Swatch::None,
            label: "线宽＝文章数".to_string(),
        });
        items.push(LegendItem {
            swatch: Swatch::None,
            label: "箭头：帮扶方 → 受援方".to_string(),
        });
    }
    match by {
        ColourBy::Side => {
            items.push(LegendItem {
                swatch: Swatch::Dot { fill: style::EAST },
                label: "东部（帮扶方）".to_string(),
            });
            items.push(LegendItem {
                swatch: Swatch::Dot { fill: style::WEST },
                label: "西部（受援方）".to_string(),
            });
        }
        ColourBy::Province => {
            let mut provs: Vec<RegionId> = nodes.iter().map(|n| g.region(n.id).province).collect();
            provs.sort_by(|a, b| g.region(*a).code.cmp(&g.region(*b).code));
            provs.dedup();
            if provs.len() <= 12 {
                for p in provs {
                    items.push(LegendItem {
                        swatch: Swatch::Dot {
                            fill: style::province_colour(g, p),
                        },
                        label: g.region(p).name.clone(),
                    });
                }
            } else if !provs.is_empty() {
                items.push(LegendItem {
                    swatch: Swatch::None,
                    label: format!("颜色＝省份（{} 个）", provs.len()),
                });
            }
        }
    }
    let mut levels: Vec<Level> = nodes.iter().map(|n| n.level).collect();
    levels.sort_by_key(|l| (l.depth(), *l));
    levels.dedup();
    if levels.len() > 1 {
        for l in levels {
            items.push(LegendItem {
                swatch: Swatch::Ring {
                    color: style::level_ring(l),
                },
                label: style::level_name(l).to_string(),
            });
        }
    }
    if !nodes.is_empty() {
        items.push(LegendItem {
            swatch: Swatch::None,
            label: "圆点大小＝文章数".to_string(),
        });
    }
    items
}

/// The default title: 山海 · 区域协作网络 · level · layout.
pub fn default_title(level: ViewLevel, layout: Layout) -> String {
    let level = match level {
        ViewLevel::Province => "省级",
        ViewLevel::Prefecture => "地级",
        ViewLevel::Stated => "原文层级",
    };
    let layout = match layout {
        Layout::Geographic => "地理布局",
        Layout::Force => "力导向布局",
        Layout::EastWest => "东西两列",
    };
    format!("山海 · 区域协作网络 · {level} · {layout}")
}

/// The source line: `来源：FOLDER · N 篇文章 · FIRST 至 LAST · 导出于 TODAY`
/// (the date range is left out when no article has a dated year).
pub fn source_line(
    folder: &str,
    articles: usize,
    dates: &[Option<DocDate>],
    today: &str,
) -> String {
    let dated: Vec<DocDate> = dates
        .iter()
        .flatten()
        .copied()
        .filter(|d| d.year.is_some())
        .collect();
    let range = match (dated.iter().min(), dated.iter().max()) {
        (Some(a), Some(b)) if a == b => format!(" · {}", a.iso()),
        (Some(a), Some(b)) => format!(" · {} 至 {}", a.iso(), b.iso()),
        _ => String::new(),
    };
    let mut s = format!("来源：{folder} · {articles} 篇文章{range}");
    if !today.is_empty() {
        s.push_str(&format!(" · 导出于 {today}"));
    }
    s
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
pub fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
