//! The network in time, on a folder of five short dated articles written
//! for this test (`fixtures/timeline/`): 天津→甘肃 in 2020-05 and again in
//! 2021-11, 天津→新疆/和田 in 2021-03, 山东→重庆 in 2023-06, and one
//! undated article (北京→拉萨). Frames grow by year; a one-year window
//! slides; the dynamic GEXF carries the same times.

mod common;

use std::path::PathBuf;

use common::gaz;
use shanhai_core::corpus::{LoadOptions, NoProgress};
use shanhai_core::export::dynamic;
use shanhai_core::filter::{Filters, Timeline};
use shanhai_core::layout::Layout;
use shanhai_core::network::ViewLevel;
use shanhai_core::pipeline::{Extraction, process_folder};
use shanhai_core::playback::{self, Growth, Play, TimeStep};
use shanhai_core::scene::Style;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timeline")
}

fn extraction() -> Extraction {
    process_folder(gaz(), &folder(), &LoadOptions::default(), &NoProgress)
        .expect("the fixture folder reads")
}

fn province_filters() -> Filters {
    Filters {
        level: ViewLevel::Province,
        ..Filters::default()
    }
}

/// The frames, year by year, at province level on the geographic layout.
fn yearly(
    ex: &Extraction,
    growth: Growth,
    pins: &dyn Fn(shanhai_core::gazetteer::RegionId) -> Option<[f32; 2]>,
    style: &Style,
) -> Vec<playback::TimeFrame> {
    let play = Play {
        step: TimeStep::Year,
        growth,
    };
    playback::frames(
        gaz(),
        ex,
        &province_filters(),
        None,
        Layout::Geographic,
        pins,
        style,
        play,
    )
}

/// (helper, helped) codes of a frame's links, sorted.
fn links(frame: &playback::TimeFrame) -> Vec<(String, String)> {
    let g = gaz();
    let mut v: Vec<_> = frame
        .scene
        .edges
        .iter()
        .filter(|e| !e.official)
        .map(|e| {
            (
                g.region(frame.scene.nodes[e.from].id).code.clone(),
                g.region(frame.scene.nodes[e.to].id).code.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn the_fixture_has_four_dated_articles_and_one_undated() {
    let ex = extraction();
    let t = Timeline::of(&ex.documents);
    assert_eq!(t.months.values().sum::<usize>(), 4);
    assert_eq!(t.undated, 1);
}

#[test]
fn yearly_frames_grow_and_links_appear_with_their_first_article() {
    let ex = extraction();
    let style = Style {
        title: "测试".into(),
        ..Style::default()
    };
    let frames = yearly(&ex, Growth::Cumulative, &|_| None, &style);
    let labels: Vec<&str> = frames.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["截至 2020", "截至 2021", "截至 2022", "截至 2023"]);
    assert_eq!(links(&frames[0]), [pair("120000", "620000")]);
    assert_eq!(
        links(&frames[1]),
        [pair("120000", "620000"), pair("120000", "650000")]
    );
    assert_eq!(links(&frames[2]), links(&frames[1]));
    assert_eq!(
        links(&frames[3]),
        [
            pair("120000", "620000"),
            pair("120000", "650000"),
            pair("370000", "500000")
        ]
    );
    // The undated 北京→西藏 is in no frame.
    assert!(
        frames
            .iter()
            .all(|f| !links(f).iter().any(|(a, _)| a == "110000"))
    );
    // One picture frame for all, so regions stay where they are.
    assert!(
        frames
            .iter()
            .all(|f| f.scene.frame == frames[0].scene.frame)
    );
    let tianjin = |f: &playback::TimeFrame| {
        f.scene
            .nodes
            .iter()
            .find(|n| gaz().region(n.id).code == "120000")
            .map(|n| n.pos)
    };
    assert_eq!(tianjin(&frames[0]), tianjin(&frames[3]));
    assert_eq!(frames[1].scene.title, "测试 · 截至 2021");
}

#[test]
fn a_moved_region_stays_where_it_was_put_in_every_frame() {
    let ex = extraction();
    let tianjin = gaz().by_code("120000").expect("天津");
    let put = [300.0_f32, -3_000.0];
    let pins = |r| (r == tianjin).then_some(put);
    let frames = yearly(&ex, Growth::Cumulative, &pins, &Style::default());
    assert_eq!(frames.len(), 4);
    for f in &frames {
        let n = f
            .scene
            .nodes
            .iter()
            .find(|n| n.id == tianjin)
            .expect("天津 is in every frame");
        let want = f.scene.frame.apply(put);
        assert!(
            (n.pos[0] - want[0]).abs() < 0.5 && (n.pos[1] - want[1]).abs() < 0.5,
            "{} {:?} vs {want:?}",
            f.label,
            n.pos
        );
    }
}

#[test]
fn a_one_year_window_shows_only_that_year() {
    let ex = extraction();
    let frames = yearly(&ex, Growth::Window(1), &|_| None, &Style::default());
    assert_eq!(frames.len(), 4);
    assert_eq!(
        links(&frames[1]),
        [pair("120000", "620000"), pair("120000", "650000")]
    );
    assert!(links(&frames[2]).is_empty(), "nothing dated 2022");
    assert_eq!(links(&frames[3]), [pair("370000", "500000")]);
}

#[test]
fn the_dynamic_gexf_has_the_first_dates_and_the_counts_so_far() {
    let ex = extraction();
    let net = ex.network().roll_up(gaz(), ViewLevel::Province);
    let (bytes, summary) =
        dynamic::to_bytes(gaz(), &net, &|d| ex.date_of(d), None).expect("the GEXF is written");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(summary.edges, 3);
    assert_eq!(summary.undated_edges, 1, "北京→西藏 has no date");
    assert_eq!(
        summary.span,
        Some(("2020-05-10".to_string(), "2023-06-01".to_string()))
    );
    assert!(text.contains(r#"mode="dynamic" timeformat="date""#));
    // 天津→甘肃: from its first article on, one document, then two.
    assert!(text.contains(r#"<spell start="2020-05-10" end="2023-06-01"/>"#));
    assert!(
        text.contains(
            r#"<attvalue for="documents" value="1" start="2020-05-10" end="2021-11-01"/>"#
        )
    );
    assert!(
        text.contains(
            r#"<attvalue for="documents" value="2" start="2021-11-02" end="2023-06-01"/>"#
        )
    );
    assert!(
        !text.contains(r#"id="540000""#),
        "西藏 only comes with an undated link"
    );
}
