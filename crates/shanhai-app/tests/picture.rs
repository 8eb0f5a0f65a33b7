//! One picture: the network view on screen and the exported SVG of the
//! same scene have the same geometry — node circles, edge curves and
//! arrowheads, the labels that fit and where, the ★ marks, the map's
//! level of detail and its province names. The view is
//! drawn headless at zoom 1 and what it painted is compared with the SVG.

use std::collections::BTreeSet;

use egui_kittest::Harness;

use shanhai_app::state::State;
use shanhai_app::{GraphPane, install_fonts};
use shanhai_core::filter::{self, Filters};
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::network::ViewLevel;
use shanhai_core::picture::{SvgOptions, to_svg};
use shanhai_core::reference::Reference;
use shanhai_core::scene::Frame;

/// The elements named `tag` in a group of the SVG (`<g id="NAME" …>` …
/// `</g>`), each as its text after `<` to the end of its content.
fn group<'a>(svg: &'a str, id: &str, tag: &str) -> Vec<&'a str> {
    let start = format!("<g id=\"{id}\"");
    let Some(a) = svg.find(&start) else {
        return Vec::new();
    };
    let body = &svg[a + start.len()..];
    let body = &body[body.find('>').map_or(0, |i| i + 1)..];
    let body = &body[..body.find("</g>").unwrap_or(body.len())];
    body.split('<')
        .filter(|e| e.starts_with(tag) && e[tag.len()..].starts_with([' ', '>', '/']))
        .collect()
}

fn attr(el: &str, name: &str) -> Option<f32> {
    let key = format!(" {name}=\"");
    let a = el.find(&key)? + key.len();
    let v = &el[a..];
    v[..v.find('"')?].parse().ok()
}

fn text_of(el: &str) -> &str {
    el.split_once('>').map_or("", |(_, t)| t.trim())
}

/// The numbers of a path's `d`.
fn path_numbers(el: &str) -> Vec<f32> {
    let a = el.find(" d=\"").map_or(0, |i| i + 4);
    let d = &el[a..a + el[a..].find('"').unwrap_or(0)];
    d.split(|c: char| c.is_ascii_alphabetic() || c == ' ')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect()
}

fn close(a: [f32; 2], b: [f32; 2]) -> bool {
    // The SVG writes two decimals.
    (a[0] - b[0]).abs() < 0.02 && (a[1] - b[1]).abs() < 0.02
}

#[test]
fn the_screen_draws_the_exported_geometry() {
    let g = Gazetteer::get().expect("the gazetteer loads");
    let ex = shanhai_core::pipeline::process(g, shanhai_core::corpus::sample());
    let filters = Filters {
        level: ViewLevel::Province,
        ..Filters::default()
    };
    let hidden = BTreeSet::new();
    let shown = filter::show(g, &ex, &filters, Some((Reference::embedded(g), &hidden)));
    let state = State {
        filters,
        show_reference: true,
        ..State::default()
    };
    let pane = GraphPane::of_shown(shown, &state).expect("the pane builds");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(|ctx| {
            install_fonts(ctx);
            ctx.set_theme(egui::Theme::Light);
        })
        .build_ui_state(|ui, pane: &mut GraphPane| pane.show(ui), pane);
    h.run_steps(2);
    let screen = h.state().screen();
    assert!(screen.width() > 100.0, "{screen:?}");
    // Zoom 1: a picture rectangle of the pane's size, from the origin.
    h.state_mut()
        .show_picture_rect(egui::Rect::from_min_size(egui::Pos2::ZERO, screen.size()));
    h.state_mut().record();
    h.run_steps(2);
    let painted = h.state().painted().expect("recording").clone();
    let frame = painted.frame.expect("a frame was drawn");
    assert!((frame.scale - 1.0).abs() < 1e-4, "zoom {}", frame.scale);
    let off = frame.offset;
    let back = |p: [f32; 2]| [p[0] - off[0], p[1] - off[1]];

    let scene = &h.state().view().scene;
    let svg = to_svg(scene, &SvgOptions::default()).expect("the SVG is written");

    // Nodes: same centres and radii, in the scene's order.
    let circles = group(&svg, "nodes", "circle");
    assert_eq!(circles.len(), scene.nodes.len());
    assert_eq!(
        painted.nodes.len(),
        scene.nodes.len(),
        "all nodes on screen"
    );
    for &(i, c, r) in &painted.nodes {
        let el = circles[i];
        let svg_c = [attr(el, "cx").unwrap(), attr(el, "cy").unwrap()];
        assert!(
            close(back(c), svg_c),
            "node {i}: {:?} vs {svg_c:?}",
            back(c)
        );
        assert!((attr(el, "r").unwrap() - r).abs() < 0.01);
    }

    // Edges: stroke paths (then their arrowheads) in the scene's order.
    let paths = group(&svg, "edges", "path");
    let stroke_els: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| !p.contains("Z\""))
        .collect();
    let strokes: Vec<Vec<f32>> = stroke_els.iter().map(|p| path_numbers(p)).collect();
    let heads: Vec<Vec<f32>> = paths
        .iter()
        .filter(|p| p.contains("Z\""))
        .map(|p| path_numbers(p))
        .collect();
    assert!(
        scene.edges.iter().any(|e| e.official),
        "the overlay is drawn"
    );
    assert_eq!(painted.edges.len(), strokes.len());
    assert_eq!(heads.len(), strokes.len(), "every edge has an arrow");
    for (k, (ei, c)) in painted.edges.iter().enumerate() {
        let n = &strokes[k];
        assert!(close(back(c.start), [n[0], n[1]]), "edge {ei} start");
        let end = [n[n.len() - 2], n[n.len() - 1]];
        assert!(close(back(c.end), end), "edge {ei} end");
        if !c.straight {
            assert!(close(back(c.control), [n[2], n[3]]), "edge {ei} bend");
        }
        let [tip, l, r] = c.arrow.expect("an arrow");
        let h = &heads[k];
        for (j, p) in [tip, l, r].into_iter().enumerate() {
            assert!(
                close(back(p), [h[2 * j], h[2 * j + 1]]),
                "edge {ei} head {j}"
            );
        }
        let width = attr(stroke_els[k], "stroke-width").expect("a stroke width");
        assert!((width - c.width).abs() < 0.01, "edge {ei} width");
    }

    // Labels: the same labels at the same anchors.
    let texts = group(&svg, "labels", "text");
    assert!(!texts.is_empty());
    assert_eq!(painted.labels.len(), texts.len());
    for (k, &(i, anchor)) in painted.labels.iter().enumerate() {
        let el = texts[k];
        assert_eq!(text_of(el), scene.nodes[i].label);
        let svg_a = [attr(el, "x").unwrap(), attr(el, "y").unwrap()];
        assert!(close(back(anchor), svg_a), "label {}", scene.nodes[i].label);
    }

    // The map: the level of detail of a 1× PNG of the scene (an SVG gets
    // the finest), at least the provinces the SVG fills, and the SVG's
    // province names at the same places.
    let (lod, units, arcs) = painted.map.expect("the map is drawn");
    let bounds = [0.0, 0.0, scene.width as f32, scene.height as f32];
    let svg_map = scene
        .map_paint(&Frame::IDENTITY, &bounds, 1.0)
        .expect("the scene has a map");
    assert_eq!(lod, svg_map.lod);
    let fills = group(&svg, "provinces", "path");
    assert!(fills.len() > 20, "{} provinces filled", fills.len());
    assert!(units >= fills.len() && arcs >= svg_map.arcs.len());
    let names = group(&svg, "province-names", "text");
    assert!(names.len() > 5, "{} names", names.len());
    assert_eq!(painted.map_names.len(), names.len());
    for el in names {
        let t = text_of(el);
        let size = attr(el, "font-size").expect("a size");
        let centre = [attr(el, "x").unwrap(), attr(el, "y").unwrap() - size * 0.35];
        assert!(
            painted
                .map_names
                .iter()
                .any(|(n, q)| n == t && close(back(*q), centre)),
            "{t} at {centre:?}: {:?}",
            painted.map_names
        );
    }

    // Marks on the stated official links.
    let marks = group(&svg, "marks", "text");
    assert!(!scene.marks.is_empty(), "the sample states official pairs");
    assert_eq!(painted.marks.len(), marks.len());
    for (k, &(_, p)) in painted.marks.iter().enumerate() {
        let el = marks[k];
        let centre = [attr(el, "x").unwrap(), attr(el, "y").unwrap() - 13.0 * 0.35];
        assert!(close(back(p), centre));
    }
}
