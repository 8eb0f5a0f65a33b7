//! `scene`: one description of the network picture, for every painter.
//!
//! [`Scene::build`] turns a network and its layout positions into plain
//! data — circles, edges, marks, a legend, a title and a source line, in
//! picture pixels. [`geometry`] says how they look through a [`Frame`] (a
//! zoom and a pan): node radii, edge widths, curves and arrowheads;
//! [`labels`] which labels fit and where; [`legend`] what the colours mean,
//! in the picture's language; [`index`] is the one spatial index they
//! use. The egui app paints these shapes at its zoom;
//! [`picture`](crate::picture) writes them at zoom 1 as SVG and PNG.

pub mod geometry;
pub mod index;
pub mod labels;
pub mod legend;
pub mod map;
pub mod style;

use std::collections::BTreeMap;

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

pub use geometry::EdgeCurve;
pub use labels::{LabelPlace, text_width};
pub use legend::{LegendItem, LegendKey, Swatch};
pub use map::{MapLabel, MapLayer, MapPaint};
pub use style::{ColourBy, Rgba, Style};

use crate::corpus::DocDate;
use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, Level, RegionId};
use crate::i18n::Lang;
use crate::layout::Layout;
use crate::network::{Network, ViewLevel};

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
    /// An official pair no article states (the reference overlay): no
    /// documents, nothing to select.
    pub official: bool,
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

    /// This frame followed by `outer`: `outer.apply(self.apply(p))`.
    pub fn then(&self, outer: &Frame) -> Frame {
        Frame {
            scale: self.scale * outer.scale,
            offset: [
                self.offset[0] * outer.scale + outer.offset[0],
                self.offset[1] * outer.scale + outer.offset[1],
            ],
        }
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
    /// The province outlines and names under everything (the
    /// geographic layout with [`Style::map`]); see [`map`].
    pub map: Option<MapLayer>,
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
    /// Edges (indices in `edges`) that are stated and official pairs too:
    /// they get a ★ at their middle ([`Scene::mark_at`]).
    pub marks: Vec<usize>,
    /// The language of the legend.
    pub lang: Lang,
}

/// Top margin (title).
pub(crate) const TOP: f32 = 64.0;
/// Bottom margin (source line).
const BOTTOM: f32 = 44.0;
/// Left margin.
pub(crate) const LEFT: f32 = 32.0;
/// Width reserved for the legend on the right.
pub(crate) const LEGEND_W: f32 = 210.0;

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
        let frame = style
            .frame
            .unwrap_or_else(|| fit(raw.iter().map(|r| r.layout), area_lo, area_hi));
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
            legend::legend_keys(g, &nodes, &edges, style.colour_by)
                .into_iter()
                .map(|k| k.item(g, style.lang))
                .collect()
        } else {
            Vec::new()
        };
        let map = style.map.then(|| map_layer(g, style)).flatten();
        // The base map's source goes with the picture.
        let source_line = if map.is_some() && !style.source_line.is_empty() {
            format!(
                "{} · {}",
                style.source_line,
                style
                    .lang
                    .t("底图：Natural Earth", "base map: Natural Earth")
            )
        } else {
            style.source_line.clone()
        };
        Scene {
            width,
            height,
            nodes,
            edges,
            map,
            legend,
            title: style.title.clone(),
            source_line,
            background: style.background,
            label_size: style.label_size,
            frame,
            marks: Vec::new(),
            lang: style.lang,
        }
    }

    /// Adds the reference overlay: each official pair that no article
    /// states, with both ends in the picture, as a thin dashed ochre line
    /// under the stated links (bent slightly, so that it stays apart from
    /// a stated link of another relation); a ★ on the stated links that
    /// are official pairs; and a legend line for each.
    pub fn add_official(&mut self, g: &Gazetteer, official: &[crate::reference::OfficialEdge]) {
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
                    official: true,
                })
            })
            .collect();
        let shift = extra.len();
        self.edges.splice(0..0, extra);
        for m in &mut self.marks {
            *m += shift;
        }
        for o in official.iter().filter(|o| o.stated) {
            let (Some(&a), Some(&b)) = (index.get(&o.pair.helper), index.get(&o.pair.helped))
            else {
                continue;
            };
            if let Some(i) = self.edges.iter().position(|e| {
                !e.official && e.from == a && e.to == b && e.relation == o.pair.relation
            }) && !self.marks.contains(&i)
            {
                self.marks.push(i);
            }
        }
        self.marks.sort_unstable();
        if self.legend.is_empty() {
            return;
        }
        let has = |k: LegendKey, l: &[LegendItem]| l.iter().any(|i| i.key == k);
        let mut at = 0;
        if shift > 0 && !has(LegendKey::Official, &self.legend) {
            self.legend
                .insert(at, LegendKey::Official.item(g, self.lang));
            at += 1;
        }
        if !self.marks.is_empty() && !has(LegendKey::OfficialStated, &self.legend) {
            self.legend
                .insert(at, LegendKey::OfficialStated.item(g, self.lang));
        }
    }
}

/// The map layer for a picture in `style.lang`: `None` when the embedded
/// outlines do not read (the tests read them).
fn map_layer(g: &Gazetteer, style: &Style) -> Option<MapLayer> {
    let map = crate::basemap::Basemap::embedded().ok()?;
    let names = map
        .units
        .iter()
        .map(|u| match style.lang {
            Lang::En => u.name_en.clone(),
            Lang::Zh => g
                .by_code(&u.code)
                .and_then(|r| g.region(r).short_forms.first().cloned())
                .unwrap_or_else(|| u.name.clone()),
        })
        .collect();
    Some(MapLayer {
        names,
        name_size: (style.label_size * 1.25).round(),
    })
}

/// Pushes overlapping circles apart until no two are closer than the sum
/// of their radii plus `gap` (at most 80 rounds). Each round moves both
/// circles of an overlapping pair half the overlap; coincident centres
/// part in a direction fixed by their indices. Deterministic.
///
/// # Complexity
/// O(rounds · n · k) for k circles per grid neighbourhood.
fn separate(c: &mut [([f32; 2], f32)], gap: f32) {
    for _round in 0..80 {
        let index = index::BoxIndex::of_circles(c.iter().copied());
        let mut moved = false;
        for i in 0..c.len() {
            let (p, r) = c[i];
            let reach = r + gap;
            let near = index.candidates(&[p[0] - reach, p[1] - reach, p[0] + reach, p[1] + reach]);
            for j in near {
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
                official: false,
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

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock (jiff).
pub fn today_utc() -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}
