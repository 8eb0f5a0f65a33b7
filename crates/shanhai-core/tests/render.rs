//! Pictures: the scene, its SVG (text and paths), and its PNG.

mod common;

use common::{gaz, id};
use resvg::tiny_skia;
use resvg::usvg;
use shanhai_core::layout::{self, Layout, LayoutGraph};
use shanhai_core::network::{Network, ViewLevel};
use shanhai_core::picture::{self, SvgOptions, font, to_png, to_svg};
use shanhai_core::pipeline::process;
use shanhai_core::scene::{self, ColourBy, Frame, Scene, Style};
use strum::IntoEnumIterator as _;

fn sample_network(level: ViewLevel) -> Network {
    let ex = process(gaz(), shanhai_core::corpus::sample());
    ex.network().roll_up(gaz(), level)
}

fn scene(level: ViewLevel, layout: Layout, style: &Style) -> Scene {
    let net = sample_network(level);
    let graph = LayoutGraph::from_network(&net);
    let pos = layout::compute(layout, gaz(), &graph, 1);
    Scene::build(gaz(), &net, &pos, style)
}

fn small_style() -> Style {
    Style {
        width: 800,
        height: 500,
        title: "山海 · 测试".into(),
        source_line: "来源：sample · 5 篇文章".into(),
        map: true,
        ..Style::default()
    }
}

fn usvg_options() -> usvg::Options<'static> {
    usvg::Options {
        fontdb: font::fontdb(),
        ..usvg::Options::default()
    }
}

/// All text content of a usvg tree, in order.
fn texts(group: &usvg::Group, out: &mut Vec<String>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => texts(g, out),
            usvg::Node::Text(t) => {
                out.push(t.chunks().iter().map(|c| c.text()).collect::<String>());
            }
            _ => {}
        }
    }
}

fn decode(png: &[u8]) -> tiny_skia::Pixmap {
    match tiny_skia::Pixmap::decode_png(png) {
        Ok(p) => p,
        Err(e) => panic!("not a PNG: {e}"),
    }
}

/// Pixels that differ clearly from `bg`.
fn ink(p: &tiny_skia::Pixmap, bg: [u8; 4]) -> usize {
    p.pixels()
        .iter()
        .filter(|px| {
            let c = px.demultiply();
            let d = [c.red(), c.green(), c.blue(), c.alpha()]
                .iter()
                .zip(bg)
                .map(|(a, b)| a.abs_diff(b) as u32)
                .sum::<u32>();
            d > 40
        })
        .count()
}

#[test]
fn scene_has_every_node_and_link_of_the_sample() {
    let net = sample_network(ViewLevel::Province);
    let s = scene(ViewLevel::Province, Layout::Geographic, &small_style());
    assert_eq!(s.nodes.len(), net.node_count());
    assert_eq!(s.edges.len(), net.edge_count());
    let names: Vec<&str> = s.nodes.iter().map(|n| n.label.as_str()).collect();
    for want in ["天津市", "甘肃省", "山东省", "新疆维吾尔自治区"] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    // Inside the picture, and 天津 (two links) is bigger than 山东 (one).
    for n in &s.nodes {
        assert!(n.pos[0] > 0.0 && n.pos[0] < 800.0 && n.pos[1] > 0.0 && n.pos[1] < 500.0);
    }
    let r = |name: &str| s.nodes.iter().find(|n| n.label == name).map(|n| n.radius);
    assert!(r("天津市") > r("山东省"));
    // Edges point helper → helped with an arrow.
    for e in &s.edges {
        assert!(e.arrow);
        let (a, b) = (&s.nodes[e.from], &s.nodes[e.to]);
        assert!(
            a.pos[0] > b.pos[0],
            "{} → {} should point west",
            a.label,
            b.label
        );
        let c = s.edge_curve(e).expect("edge geometry");
        assert!(c.arrow.is_some());
    }
    // Legend names the relations present.
    let legend: Vec<&str> = s.legend.iter().map(|l| l.label.as_str()).collect();
    assert!(legend.contains(&"东西部协作"), "{legend:?}");
    assert!(legend.contains(&"对口支援"), "{legend:?}");
}

#[test]
fn province_colours_are_stable_and_side_colours_split_east_west() {
    let g = gaz();
    let tj = id("120000");
    assert_eq!(
        scene::style::province_colour(g, tj),
        scene::style::province_colour(g, id("120116")),
        "a district has its municipality's colour"
    );
    assert_ne!(
        scene::style::province_colour(g, tj),
        scene::style::province_colour(g, id("620000"))
    );
    let s = scene(
        ViewLevel::Province,
        Layout::Geographic,
        &Style {
            colour_by: ColourBy::Side,
            ..small_style()
        },
    );
    let fill = |name: &str| s.nodes.iter().find(|n| n.label == name).map(|n| n.fill);
    assert_eq!(fill("天津市"), Some(scene::style::EAST));
    assert_eq!(fill("甘肃省"), Some(scene::style::WEST));
}

#[test]
fn sample_svg_parses_with_usvg_and_has_the_labels() {
    let s = scene(ViewLevel::Province, Layout::Geographic, &small_style());
    let svg = to_svg(&s, &SvgOptions::default()).expect("svg");
    assert!(svg.contains("font-family=\"Shanhai Sans CJK, Noto Sans CJK SC, sans-serif\""));
    let tree = usvg::Tree::from_str(&svg, &usvg_options()).expect("usvg parses the SVG");
    assert_eq!(tree.size().width(), 800.0);
    let mut all = Vec::new();
    texts(tree.root(), &mut all);
    for want in ["天津市", "甘肃省", "山海 · 测试", "东西部协作"] {
        assert!(all.iter().any(|t| t == want), "{want} not in {all:?}");
    }
    // The text was laid out with the bundled font (glyphs, not nothing).
    assert!(tree.root().abs_bounding_box().width() > 100.0);
}

#[test]
fn svg_escapes_any_label() {
    let mut s = scene(ViewLevel::Province, Layout::Geographic, &small_style());
    s.title = "a <b> & \"c\" 'd' \u{1} ]]> </svg>".into();
    s.nodes[0].label = "<&>\"'\u{0}\u{FFFF}天津".into();
    s.source_line = "line\nbreak\ttab".into();
    let svg = to_svg(&s, &SvgOptions::default()).expect("svg");
    let tree = usvg::Tree::from_str(&svg, &usvg_options()).expect("well-formed with odd labels");
    let mut all = Vec::new();
    texts(tree.root(), &mut all);
    assert!(all.iter().any(|t| t.contains("a <b> & \"c\"")), "{all:?}");
}

#[test]
fn text_as_paths_svg_has_no_text_element() {
    // Without the map, whose outlines would dwarf the glyphs' paths.
    let style = Style {
        map: false,
        ..small_style()
    };
    let s = scene(ViewLevel::Province, Layout::Geographic, &style);
    let svg = to_svg(
        &s,
        &SvgOptions {
            text_as_paths: true,
        },
    )
    .expect("svg");
    assert!(!svg.contains("<text"), "a <text> element survived");
    assert!(!svg.contains("天津市"));
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("parses");
    let mut all = Vec::new();
    texts(tree.root(), &mut all);
    assert!(all.is_empty());
    // The glyphs are there as paths: far more path data than the text SVG.
    let plain = to_svg(&s, &SvgOptions::default()).expect("svg");
    assert!(
        svg.len() > plain.len() * 3,
        "{} vs {}",
        svg.len(),
        plain.len()
    );
}

#[test]
fn png_has_the_requested_size_and_is_not_blank() {
    let s = scene(ViewLevel::Province, Layout::Geographic, &small_style());
    let white = [255, 255, 255, 255];
    let png = to_png(&s, 1.0, Some(white)).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let p = decode(&png);
    assert_eq!((p.width(), p.height()), (800, 500));
    let n = ink(&p, white);
    assert!(n > 3_000, "only {n} non-background pixels");
    // Transparent: the corners are empty.
    let t = decode(&to_png(&s, 1.0, None).expect("png"));
    assert_eq!(t.pixel(0, 0).map(|c| c.alpha()), Some(0));
    assert!(ink(&t, [0, 0, 0, 0]) > 3_000);
}

#[test]
fn png_labels_are_drawn() {
    // The same scene with and without labels: labels add ink.
    let s = scene(ViewLevel::Province, Layout::Geographic, &small_style());
    let mut bare = s.clone();
    for n in &mut bare.nodes {
        n.label.clear();
    }
    bare.title.clear();
    bare.source_line.clear();
    bare.legend.clear();
    bare.map = None;
    let white = [255, 255, 255, 255];
    let with = ink(&decode(&to_png(&s, 1.0, Some(white)).expect("png")), white);
    let without = ink(
        &decode(&to_png(&bare, 1.0, Some(white)).expect("png")),
        white,
    );
    assert!(
        with > without + 2_000,
        "labels add only {} pixels",
        with - without
    );
}

#[test]
fn png_4x_has_16x_the_pixels() {
    let s = scene(ViewLevel::Stated, Layout::Geographic, &small_style());
    let one = decode(&to_png(&s, 1.0, Some([255; 4])).expect("png"));
    let start = std::time::Instant::now();
    let four = decode(&to_png(&s, 4.0, Some([255; 4])).expect("png"));
    eprintln!("4× PNG of 800×500: {:?}", start.elapsed());
    assert_eq!(
        (four.width(), four.height()),
        (one.width() * 4, one.height() * 4)
    );
    assert_eq!(
        u64::from(four.width()) * u64::from(four.height()),
        16 * u64::from(one.width()) * u64::from(one.height())
    );
    let (i1, i4) = (ink(&one, [255; 4]), ink(&four, [255; 4]));
    assert!(i4 > i1 * 10, "4× ink {i4} vs 1× {i1}");
}

#[test]
fn png_rejects_bad_scales() {
    let s = scene(ViewLevel::Province, Layout::Geographic, &small_style());
    for bad in [0.5, 4.5, f32::NAN, 0.0] {
        assert!(
            matches!(to_png(&s, bad, None), Err(picture::RenderError::Scale(_))),
            "scale {bad} accepted"
        );
    }
    let odd = decode(&to_png(&s, 1.5, None).expect("1.5× is fine"));
    assert_eq!((odd.width(), odd.height()), (1200, 750));
}

#[test]
fn every_layout_and_level_renders() {
    for level in [
        ViewLevel::Stated,
        ViewLevel::Prefecture,
        ViewLevel::Province,
    ] {
        for layout in Layout::iter() {
            let s = scene(level, layout, &small_style());
            let svg = to_svg(&s, &SvgOptions::default()).expect("svg");
            usvg::Tree::from_str(&svg, &usvg_options())
                .unwrap_or_else(|e| panic!("{level:?} {layout}: {e}"));
            let labels = s.visible_labels(1.0);
            assert!(!labels.is_empty(), "{level:?} {layout}: no labels");
        }
    }
}

#[test]
fn empty_network_renders() {
    let s = Scene::build(gaz(), &Network::default(), &[], &small_style());
    assert!(s.nodes.is_empty() && s.edges.is_empty());
    let p = decode(&to_png(&s, 1.0, Some([255; 4])).expect("png"));
    assert_eq!(p.width(), 800);
}

#[test]
fn labels_do_not_overlap() {
    let s = scene(ViewLevel::Stated, Layout::Geographic, &small_style());
    let placed = s.visible_labels(1.0);
    let boxes: Vec<[f32; 4]> = placed
        .iter()
        .map(|p| {
            s.label_box(p, &scene::Frame::IDENTITY)
                .expect("a placed label has a node")
        })
        .collect();
    // Nor does a label cover a node.
    for p in &placed {
        let b = boxes[placed.iter().position(|q| q == p).unwrap()];
        for (j, n) in s.nodes.iter().enumerate() {
            let c = [
                n.pos[0] - n.radius,
                n.pos[1] - n.radius,
                n.pos[0] + n.radius,
                n.pos[1] + n.radius,
            ];
            assert!(
                !scene::index::overlap(&b, &c),
                "label of {} covers node {j}",
                s.nodes[p.node].label
            );
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
            assert!(!overlap, "{a:?} overlaps {b:?}");
        }
    }
    // Zooming in shows at least as many labels.
    assert!(s.visible_labels(3.0).len() >= placed.len());
}

#[test]
fn source_line_and_title() {
    use shanhai_core::corpus::DocDate;
    let d = |y, m, day| {
        Some(DocDate {
            year: Some(y),
            month: m,
            day: Some(day),
        })
    };
    let line = scene::source_line(
        "articles",
        3,
        &[d(2021, 5, 1), None, d(2023, 4, 19)],
        "2025-01-02",
    );
    assert_eq!(
        line,
        "来源：articles · 3 篇文章 · 2021-05-01 至 2023-04-19 · 导出于 2025-01-02"
    );
    assert_eq!(scene::today_utc().len(), 10);
    assert!(scene::default_title(ViewLevel::Province, Layout::Force).contains("省级"));
}

#[test]
fn a_large_network_renders_at_4x() {
    use shanhai_core::extract::{Evidence, Pairing, Pattern, Relation};
    use shanhai_core::gazetteer::RegionId;
    let g = gaz();
    // 1,500 links among ~2,000 regions, deterministic.
    let n = g.regions().len() as u64;
    let mut s = 7u64;
    let mut next = move || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        s >> 33
    };
    let pairings: Vec<Pairing> = (0..1500u32)
        .map(|i| Pairing {
            helper: (next() % n) as RegionId,
            helped: (next() % n) as RegionId,
            relation: Relation::ALL[(i % 3) as usize],
            confidence: 0.9,
            evidence: vec![Evidence {
                doc: i % 40,
                start: 0,
                end: 3,
                text: "测试".into(),
                pattern: Pattern::Verb,
                names: Vec::new(),
            }],
        })
        .collect();
    let net = Network::build(&pairings, &|_| None);
    assert!(net.node_count() > 1000);
    let graph = LayoutGraph::from_network(&net);
    let pos = layout::geographic(g, &graph.nodes);
    let style = Style {
        map: true,
        ..Style::default()
    };
    let scene = Scene::build(g, &net, &pos, &style);
    assert!(!scene.visible_labels(1.0).is_empty());
    let svg = to_svg(&scene, &SvgOptions::default()).expect("svg");
    assert!(svg.contains(r#"id="map""#));
    // How long it takes is for the benchmarks (cargo bench -p shanhai-bench), not a test.
    let png = to_png(&scene, 4.0, Some([255; 4])).expect("png");
    let p = decode(&png);
    assert_eq!((p.width(), p.height()), (6400, 4000));
}

#[test]
fn the_map_lies_under_the_network_and_its_names_keep_off_the_labels() {
    let s = scene(ViewLevel::Province, Layout::Geographic, &small_style());
    let svg = to_svg(&s, &SvgOptions::default()).expect("svg");
    let map_at = svg.find(r#"<g id="map""#).expect("the map is drawn");
    let edges_at = svg.find(r#"<g id="edges""#).expect("edges");
    assert!(map_at < edges_at, "the map is under the network");
    for id in ["provinces", "borders", "coasts", "province-names"] {
        assert!(svg.contains(&format!(r#"id="{id}""#)), "no {id}");
    }
    let bounds = [0.0, 0.0, s.width as f32, s.height as f32];
    let placed = s.visible_labels(1.0);
    let names = s.map_labels(&Frame::IDENTITY, 1.0, &placed, &bounds);
    assert!(names.len() >= 5, "{names:?}");
    let boxes: Vec<[f32; 4]> = placed
        .iter()
        .filter_map(|p| s.label_box(p, &Frame::IDENTITY))
        .collect();
    let meets =
        |a: &[f32; 4], b: &[f32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    for n in &names {
        let w = shanhai_core::scene::text_width(&n.text, n.size);
        let b = [
            n.pos[0] - w / 2.0,
            n.pos[1] - n.size * 0.6,
            n.pos[0] + w / 2.0,
            n.pos[1] + n.size * 0.6,
        ];
        assert!(b[0] >= 0.0 && b[2] <= bounds[2] && b[1] >= 0.0 && b[3] <= bounds[3]);
        for l in &boxes {
            assert!(!meets(&b, l), "{} covers a node label", n.text);
        }
        for node in &s.nodes {
            let r = node.radius;
            let c = [
                node.pos[0] - r,
                node.pos[1] - r,
                node.pos[0] + r,
                node.pos[1] + r,
            ];
            assert!(!meets(&b, &c), "{} covers {}", n.text, node.label);
        }
    }
    // Without the map: no outlines, no names.
    let plain = scene(
        ViewLevel::Province,
        Layout::Geographic,
        &Style {
            map: false,
            ..small_style()
        },
    );
    let svg = to_svg(&plain, &SvgOptions::default()).expect("svg");
    assert!(!svg.contains(r#"id="map""#));
    // The level of detail follows the pixels: the coarse outlines for this
    // small 1× picture, finer ones at 4× (and in the SVG file), the finest
    // at any density.
    let lod = |density: f32| {
        s.map_paint(&Frame::IDENTITY, &bounds, density)
            .map(|p| p.lod)
    };
    assert_eq!(lod(1.0), Some(0));
    assert_eq!(lod(4.0), Some(1));
    assert_eq!(lod(f32::INFINITY), Some(2));
    // The source line credits the base map where there is one.
    assert!(
        s.source_line.ends_with(" · 底图：Natural Earth"),
        "{}",
        s.source_line
    );
    assert!(!plain.source_line.contains("Natural Earth"));
}
