//! The scene as SVG, written with quick-xml (so any label is escaped), and
//! the self-contained variant with text turned into paths by usvg.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::RenderError;
use super::font::{SVG_FONT_FAMILY, usvg_options};
use crate::basemap::ArcKind;
use crate::scene::geometry::node_radius;
use crate::scene::style::{INK, MAP_NAME, MUTED, OFFICIAL, Rgba, map_stroke, map_tint};
use crate::scene::{Frame, LEFT, LEGEND_W, Scene, Swatch, TOP};

/// The pixel density the map's level of detail is chosen for in SVG files.
const SVG_DENSITY: f32 = 4.0;

/// Options of [`to_svg`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SvgOptions {
    /// Turn text into paths (self-contained: looks the same without the
    /// font, but the text is no longer searchable or editable).
    pub text_as_paths: bool,
}

/// Writes the scene as an SVG document.
///
/// With `text_as_paths: false`, labels are `<text>` elements with
/// `font-family="Shanhai Sans CJK, Noto Sans CJK SC, sans-serif"`:
/// searchable, and editable in Inkscape. With `text_as_paths: true`, the
/// document is read back with usvg (with the bundled font) and written
/// again with every glyph as a path.
///
/// # Errors
/// Only on a bug: the XML writer failing on memory, or usvg rejecting the
/// document this function wrote.
///
/// # Complexity
/// O(V + E) for the text variant (plus label placement, O(V log V));
/// text shaping dominates the path variant.
pub fn to_svg(scene: &Scene, opts: &SvgOptions) -> Result<String, RenderError> {
    // A vector picture may be zoomed into: the outlines of a 4× PNG (the
    // finest level for a whole country would make the file three times
    // the size).
    let svg = write_svg(scene, scene.background, SVG_DENSITY)?;
    if !opts.text_as_paths {
        return Ok(svg);
    }
    let tree = resvg::usvg::Tree::from_str(&svg, &usvg_options())?;
    Ok(tree.to_string(&resvg::usvg::WriteOptions::default()))
}

/// `#rrggbb`.
fn hex(c: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Alpha as an opacity, when not opaque.
fn opacity(c: Rgba) -> Option<String> {
    (c[3] < 255).then(|| num(f32::from(c[3]) / 255.0))
}

/// A number with at most two decimals, without trailing zeros.
fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Removes what XML 1.0 cannot hold (control characters other than tab,
/// newline, carriage return; U+FFFE, U+FFFF) and flattens line breaks.
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

struct Svg {
    w: Writer<Vec<u8>>,
}

impl Svg {
    fn empty(&mut self, name: &str, attrs: &[(&str, String)]) -> io::Result<()> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((*k, v.as_str()));
        }
        self.w.write_event(Event::Empty(e))
    }

    fn start(&mut self, name: &str, attrs: &[(&str, String)]) -> io::Result<()> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((*k, v.as_str()));
        }
        self.w.write_event(Event::Start(e))
    }

    fn end(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    fn text(&mut self, attrs: &[(&str, String)], content: &str) -> io::Result<()> {
        self.start("text", attrs)?;
        self.w
            .write_event(Event::Text(BytesText::new(&clean(content))))?;
        self.end("text")
    }
}

fn fill_attrs(attrs: &mut Vec<(&'static str, String)>, key: &'static str, c: Rgba) {
    attrs.push((key, hex(c)));
    if let Some(o) = opacity(c) {
        attrs.push((
            if key == "fill" {
                "fill-opacity"
            } else {
                "stroke-opacity"
            },
            o,
        ));
    }
}

/// A closed ring or an open line as path data through `f`.
fn path_data(d: &mut String, points: &[[f32; 2]], f: &Frame, close: bool) {
    for (k, &p) in points.iter().enumerate() {
        let q = f.apply(p);
        d.push(if k == 0 { 'M' } else { 'L' });
        d.push_str(&num(q[0]));
        d.push(' ');
        d.push_str(&num(q[1]));
    }
    if close {
        d.push('Z');
    }
}

/// The map under the network: one even-odd path per province, the
/// borders and the coasts as one path each, then the names that fit
/// beside the node labels ([`Scene::map_labels`]).
fn write_map(s: &mut Svg, scene: &Scene, bounds: &[f32; 4], density: f32) -> io::Result<()> {
    let Some(paint) = scene.map_paint(&Frame::IDENTITY, bounds, density) else {
        return Ok(());
    };
    s.start("g", &[("id", "map".into())])?;
    s.start(
        "g",
        &[
            ("id", "provinces".into()),
            ("fill-rule", "evenodd".into()),
            ("stroke", "none".into()),
        ],
    )?;
    for &u in &paint.units {
        let unit = &paint.map.units[u];
        let mut d = String::new();
        for ring in &unit.shapes[paint.lod].rings {
            path_data(&mut d, ring, &paint.frame, true);
        }
        if d.is_empty() {
            continue;
        }
        let mut a = vec![("d", d), ("data-code", unit.code.clone())];
        fill_attrs(&mut a, "fill", map_tint(unit.tint));
        s.empty("path", &a)?;
    }
    s.end("g")?;
    for (id, kind) in [("borders", ArcKind::Border), ("coasts", ArcKind::Edge)] {
        let Some((colour, width)) = map_stroke(kind) else {
            continue;
        };
        let mut d = String::new();
        for &i in &paint.arcs {
            let arc = &paint.map.arcs[i];
            if arc.kind == kind {
                path_data(&mut d, &arc.lines[paint.lod], &paint.frame, false);
            }
        }
        if d.is_empty() {
            continue;
        }
        let mut a = vec![
            ("id", id.to_string()),
            ("d", d),
            ("fill", "none".into()),
            ("stroke-width", num(width)),
            ("stroke-linejoin", "round".into()),
        ];
        fill_attrs(&mut a, "stroke", colour);
        s.empty("path", &a)?;
    }
    let names = scene.map_labels(&Frame::IDENTITY, 1.0, &scene.visible_labels(1.0), bounds);
    if !names.is_empty() {
        let mut a = vec![
            ("id", "province-names".to_string()),
            ("text-anchor", "middle".into()),
        ];
        fill_attrs(&mut a, "fill", MAP_NAME);
        s.start("g", &a)?;
        for n in &names {
            s.text(
                &[
                    ("x", num(n.pos[0])),
                    ("y", num(n.pos[1] + n.size * 0.35)),
                    ("font-size", num(n.size)),
                ],
                &n.text,
            )?;
        }
        s.end("g")?;
    }
    s.end("g")
}

/// Writes the SVG with text as text; `background` replaces the scene's.
/// `density`: device pixels per picture pixel the SVG will be drawn at
/// (a PNG's scale factor; [`SVG_DENSITY`] for SVG files), for the map's
/// level of detail.
pub(super) fn write_svg(
    scene: &Scene,
    background: Option<Rgba>,
    density: f32,
) -> Result<String, RenderError> {
    let mut s = Svg {
        w: Writer::new_with_indent(Vec::new(), b' ', 1),
    };
    let (w, h) = (scene.width as f32, scene.height as f32);
    s.w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    s.start(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg".into()),
            ("version", "1.1".into()),
            ("width", num(w)),
            ("height", num(h)),
            ("viewBox", format!("0 0 {} {}", num(w), num(h))),
            ("font-family", SVG_FONT_FAMILY.into()),
        ],
    )?;
    if !scene.title.is_empty() {
        s.start("title", &[])?;
        s.w.write_event(Event::Text(BytesText::new(&clean(&scene.title))))?;
        s.end("title")?;
    }
    if let Some(bg) = background {
        let mut a = vec![
            ("id", "background".to_string()),
            ("x", "0".into()),
            ("y", "0".into()),
            ("width", num(w)),
            ("height", num(h)),
        ];
        fill_attrs(&mut a, "fill", bg);
        s.empty("rect", &a)?;
    }

    // The map: fills, borders, then the province names.
    write_map(&mut s, scene, &[0.0, 0.0, w, h], density)?;

    // Edges.
    s.start(
        "g",
        &[
            ("id", "edges".into()),
            ("fill", "none".into()),
            ("stroke-linecap", "round".into()),
        ],
    )?;
    for e in &scene.edges {
        let Some(c) = scene.edge_curve(e) else {
            continue;
        };
        let d = if c.straight {
            format!(
                "M{} {}L{} {}",
                num(c.start[0]),
                num(c.start[1]),
                num(c.end[0]),
                num(c.end[1])
            )
        } else {
            format!(
                "M{} {}Q{} {} {} {}",
                num(c.start[0]),
                num(c.start[1]),
                num(c.control[0]),
                num(c.control[1]),
                num(c.end[0]),
                num(c.end[1])
            )
        };
        let mut a = vec![("d", d), ("stroke-width", num(c.width))];
        fill_attrs(&mut a, "stroke", e.color);
        if e.dashed {
            a.push((
                "stroke-dasharray",
                format!("{} {}", num(c.width * 3.0), num(c.width * 2.0)),
            ));
        }
        s.empty("path", &a)?;
        if let Some([t, l, r]) = c.arrow {
            let mut a = vec![(
                "d",
                format!(
                    "M{} {}L{} {}L{} {}Z",
                    num(t[0]),
                    num(t[1]),
                    num(l[0]),
                    num(l[1]),
                    num(r[0]),
                    num(r[1])
                ),
            )];
            fill_attrs(&mut a, "fill", e.color);
            s.empty("path", &a)?;
        }
    }
    s.end("g")?;

    // Stated links that are official pairs: a star at their middle.
    if !scene.marks.is_empty() {
        let mut a = vec![
            ("id", "marks".to_string()),
            ("font-size", "13".into()),
            ("text-anchor", "middle".into()),
        ];
        fill_attrs(&mut a, "fill", OFFICIAL);
        s.start("g", &a)?;
        for &m in &scene.marks {
            if let Some(p) = scene.mark_at(m, &Frame::IDENTITY) {
                // The star's centre on the curve: its baseline a third of
                // an em lower.
                s.text(&[("x", num(p[0])), ("y", num(p[1] + 13.0 * 0.35))], "★")?;
            }
        }
        s.end("g")?;
    }

    // Nodes.
    s.start("g", &[("id", "nodes".into())])?;
    for n in &scene.nodes {
        let mut a = vec![
            ("cx", num(n.pos[0])),
            ("cy", num(n.pos[1])),
            ("r", num(node_radius(n.radius, 1.0))),
        ];
        fill_attrs(&mut a, "fill", n.fill);
        if let Some(ring) = n.ring {
            fill_attrs(&mut a, "stroke", ring);
            a.push(("stroke-width", "1.5".into()));
        }
        s.start("circle", &a)?;
        s.start("title", &[])?;
        s.w.write_event(Event::Text(BytesText::new(&clean(&n.label))))?;
        s.end("title")?;
        s.end("circle")?;
    }
    s.end("g")?;

    // Labels, with a halo in the background colour.
    let halo = background.unwrap_or([255, 255, 255, 255]);
    s.start(
        "g",
        &[
            ("id", "labels".into()),
            ("font-size", num(scene.label_size)),
            ("text-anchor", "middle".into()),
            ("fill", hex(INK)),
            ("stroke", hex(halo)),
            ("stroke-width", num(scene.label_size * 0.22)),
            ("stroke-linejoin", "round".into()),
            ("paint-order", "stroke".into()),
        ],
    )?;
    for place in scene.visible_labels(1.0) {
        let (Some(n), Some(anchor)) = (
            scene.nodes.get(place.node),
            scene.label_anchor(&place, &Frame::IDENTITY),
        ) else {
            continue;
        };
        s.text(&[("x", num(anchor[0])), ("y", num(anchor[1]))], &n.label)?;
    }
    s.end("g")?;

    // Legend.
    if !scene.legend.is_empty() {
        let size = 13.0f32;
        let line = 22.0f32;
        let x0 = w - LEGEND_W + 10.0;
        let y0 = TOP + 4.0;
        let bw = LEGEND_W - 24.0;
        let bh = line * scene.legend.len() as f32 + 14.0;
        s.start("g", &[("id", "legend".into()), ("font-size", num(size))])?;
        s.empty(
            "rect",
            &[
                ("x", num(x0 - 8.0)),
                ("y", num(y0 - 8.0)),
                ("width", num(bw)),
                ("height", num(bh)),
                ("rx", "6".into()),
                ("fill", "#ffffff".into()),
                ("fill-opacity", "0.85".into()),
                ("stroke", "#d0d0d8".into()),
            ],
        )?;
        for (k, item) in scene.legend.iter().enumerate() {
            let cy = y0 + line * k as f32 + line / 2.0;
            let tx = match &item.swatch {
                Swatch::None => x0,
                _ => x0 + 30.0,
            };
            match &item.swatch {
                Swatch::Line {
                    color,
                    dashed,
                    width,
                } => {
                    let mut a = vec![
                        ("x1", num(x0)),
                        ("y1", num(cy)),
                        ("x2", num(x0 + 22.0)),
                        ("y2", num(cy)),
                        ("stroke-width", num(*width)),
                    ];
                    fill_attrs(&mut a, "stroke", *color);
                    if *dashed {
                        a.push(("stroke-dasharray", "6 4".into()));
                    }
                    s.empty("line", &a)?;
                }
                Swatch::Dot { fill } => {
                    let mut a = vec![("cx", num(x0 + 11.0)), ("cy", num(cy)), ("r", "6".into())];
                    fill_attrs(&mut a, "fill", *fill);
                    s.empty("circle", &a)?;
                }
                Swatch::Ring { color } => {
                    let mut a = vec![
                        ("cx", num(x0 + 11.0)),
                        ("cy", num(cy)),
                        ("r", "6".into()),
                        ("fill", "#8a8a96".into()),
                        ("stroke-width", "2".into()),
                    ];
                    fill_attrs(&mut a, "stroke", *color);
                    s.empty("circle", &a)?;
                }
                Swatch::None => {}
            }
            let fill = if matches!(item.swatch, Swatch::None) {
                MUTED
            } else {
                INK
            };
            s.text(
                &[
                    ("x", num(tx)),
                    ("y", num(cy + size * 0.36)),
                    ("fill", hex(fill)),
                    (
                        "font-size",
                        num(if matches!(item.swatch, Swatch::None) {
                            size - 1.0
                        } else {
                            size
                        }),
                    ),
                ],
                &item.label,
            )?;
        }
        s.end("g")?;
    }

    // Title and source line.
    if !scene.title.is_empty() {
        s.text(
            &[
                ("id", "title".into()),
                ("x", num(LEFT)),
                ("y", "40".into()),
                ("font-size", "24".into()),
                ("fill", hex(INK)),
            ],
            &scene.title,
        )?;
    }
    if !scene.source_line.is_empty() {
        s.text(
            &[
                ("id", "source".into()),
                ("x", num(LEFT)),
                ("y", num(h - 18.0)),
                ("font-size", "13".into()),
                ("fill", hex(MUTED)),
            ],
            &scene.source_line,
        )?;
    }
    s.end("svg")?;
    String::from_utf8(s.w.into_inner())
        .map_err(|e| RenderError::Xml(io::Error::new(io::ErrorKind::InvalidData, e)))
}
