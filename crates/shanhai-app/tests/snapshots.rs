//! Snapshot tests (egui_kittest, rendered with wgpu): each panel on its
//! own on the embedded sample, and the network view once its layout has
//! settled. `UPDATE_SNAPSHOTS=1 cargo test -p shanhai-app --test snapshots`
//! writes new images to `tests/snapshots/`; a failing comparison leaves
//! `NAME.new.png` and `NAME.diff.png` beside the stored one.

use std::collections::HashMap;
use std::time::Duration;

use egui_kittest::Harness;

use shanhai_app::command::Selection;
use shanhai_app::i18n::Lang;
use shanhai_app::loader::{Data, Source, load_blocking};
use shanhai_app::model::{View as NetView, ViewKey};
use shanhai_app::panels::{
    Cx, DocumentsPanel, FiltersPanel, Inspector, ProblemsPanel, Reader, ReferencePanel,
    SearchPanel, TimelinePanel, View,
};
use shanhai_app::passages::DocCache;
use shanhai_app::reference::Reference;
use shanhai_app::state::State;
use shanhai_app::{GraphPane, install_fonts};
use shanhai_core::corpus::NoProgress;
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::network::ViewLevel;
use shanhai_core::playback::{Growth, Play, TimeStep};

/// A panel with everything its context needs.
struct Fixture<P> {
    panel: P,
    state: State,
    data: Data,
    view: NetView,
    docs: DocCache,
    selection: Selection,
    playing: bool,
}

fn fixture<P>(panel: P, level: ViewLevel, show_reference: bool) -> Fixture<P> {
    let g = Gazetteer::get().expect("the gazetteer loads");
    let data = load_blocking(&Source::Sample, &NoProgress).expect("the sample loads");
    let mut state = State {
        lang: Lang::Zh,
        show_reference,
        ..State::default()
    };
    state.filters.level = level;
    let key = ViewKey {
        data: 0,
        filters: state.filters.clone(),
        layout: state.layout,
        colour_by: state.colour_by,
        reference: show_reference,
        hidden_schemes: state.hidden_schemes.clone(),
        pins: 0,
        map: state.show_map,
    };
    let view = NetView::build(
        g,
        &data,
        Reference::embedded(g),
        &state,
        key,
        &HashMap::new(),
    );
    Fixture {
        panel,
        state,
        data,
        view,
        docs: DocCache::default(),
        selection: Selection::None,
        playing: false,
    }
}

fn show<P: View>(ui: &mut egui::Ui, f: &mut Fixture<P>) {
    let g = Gazetteer::get().expect("the gazetteer loads");
    let cx = Cx {
        g,
        lang: f.state.lang,
        state: &f.state,
        data: Some(&f.data),
        view: Some(&f.view),
        reference: Reference::embedded(g),
        selection: f.selection,
        docs: &f.docs,
        playing: f.playing,
    };
    let _ = f.panel.ui(ui, &cx);
}

fn snapshot<P: View + 'static>(name: &str, f: Fixture<P>, size: egui::Vec2) {
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(32)
        .with_theme(egui::Theme::Light)
        .with_context_setup(install_fonts)
        .build_ui_state(
            |ui, f: &mut Fixture<P>| {
                egui::Frame::central_panel(ui.style()).show(ui, |ui| show(ui, f));
            },
            f,
        );
    h.run_steps(4);
    h.snapshot(name);
}

const PANEL: egui::Vec2 = egui::vec2(320.0, 640.0);

#[test]
fn filters_panel() {
    snapshot(
        "filters",
        fixture(FiltersPanel, ViewLevel::Stated, false),
        PANEL,
    );
}

#[test]
fn documents_panel() {
    snapshot(
        "documents",
        fixture(DocumentsPanel::default(), ViewLevel::Stated, false),
        egui::vec2(520.0, 320.0),
    );
}

#[test]
fn problems_panel() {
    snapshot(
        "problems",
        fixture(ProblemsPanel, ViewLevel::Stated, false),
        egui::vec2(320.0, 160.0),
    );
}

#[test]
fn official_panel() {
    snapshot(
        "official",
        fixture(ReferencePanel::default(), ViewLevel::Province, true),
        egui::vec2(420.0, 720.0),
    );
}

#[test]
fn search_panel() {
    snapshot(
        "search",
        fixture(SearchPanel::default(), ViewLevel::Stated, false),
        egui::vec2(320.0, 120.0),
    );
}

#[test]
fn timeline_panel() {
    snapshot(
        "timeline",
        fixture(TimelinePanel::default(), ViewLevel::Stated, false),
        egui::vec2(900.0, 110.0),
    );
}

#[test]
fn timeline_playing_a_window() {
    let mut f = fixture(TimelinePanel::default(), ViewLevel::Stated, false);
    let span = f
        .data
        .timeline
        .span()
        .expect("the sample has a dated article");
    f.state.play = Play {
        step: TimeStep::Month,
        growth: Growth::Window(2),
    };
    f.state.filters.months = Some(f.state.play.range(span, span.1));
    f.playing = true;
    snapshot("timeline_playing", f, egui::vec2(900.0, 110.0));
}

#[test]
fn inspector_on_tianjin() {
    let g = Gazetteer::get().expect("the gazetteer loads");
    let mut f = fixture(Inspector::default(), ViewLevel::Province, false);
    f.selection = Selection::Node(g.by_code("120000").expect("Tianjin"));
    snapshot("inspector_tianjin", f, egui::vec2(420.0, 720.0));
}

#[test]
fn reader_on_the_first_article() {
    let mut reader = Reader::default();
    reader.open(1, None);
    snapshot(
        "reader",
        fixture(reader, ViewLevel::Stated, false),
        egui::vec2(620.0, 640.0),
    );
}

/// The sample's network as `state` shows it, in a pane.
fn sample_pane(state: &State) -> GraphPane {
    let g = Gazetteer::get().expect("the gazetteer loads");
    let ex = shanhai_core::pipeline::process(g, shanhai_core::corpus::sample());
    let net = shanhai_core::filter::show(g, &ex, &state.filters, None).net;
    GraphPane::new(net, state).expect("the pane builds")
}

/// A 1000×700 harness showing the pane.
fn graph_harness(pane: GraphPane) -> Harness<'static, GraphPane> {
    Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .with_max_steps(32)
        .with_theme(egui::Theme::Light)
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, pane: &mut GraphPane| pane.show(ui), pane)
}

#[test]
fn graph_after_the_layout_settles() {
    let state = State {
        lang: Lang::Zh,
        layout: shanhai_core::layout::Layout::Force,
        ..State::default()
    };
    let mut pane = sample_pane(&state);
    while pane.tick(Duration::from_millis(100)) {}
    pane.fit();
    let mut h = graph_harness(pane);
    h.run_steps(4);
    h.snapshot("graph_force_settled");
}

#[test]
fn graph_on_the_province_map() {
    let mut state = State {
        lang: Lang::Zh,
        ..State::default()
    };
    state.filters.level = ViewLevel::Province;
    let mut pane = sample_pane(&state);
    pane.set_caption(Some("截至 2023-04".into()));
    pane.fit();
    let mut h = graph_harness(pane);
    h.run_steps(4);
    h.snapshot("graph_map");
}

#[test]
fn graph_on_the_map_zoomed_on_tianjin() {
    let state = State {
        lang: Lang::Zh,
        ..State::default()
    };
    let mut pane = sample_pane(&state);
    pane.fit();
    let mut h = graph_harness(pane);
    h.run_steps(2);
    let g = Gazetteer::get().expect("the gazetteer loads");
    let tianjin = g.by_code("120000").expect("Tianjin");
    assert!(h.state_mut().zoom_on(tianjin, 8.0), "Tianjin is shown");
    h.run_steps(4);
    h.snapshot("graph_map_zoomed");
}
