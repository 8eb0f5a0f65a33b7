//! The desktop app driven through egui_kittest: the real app state on the
//! embedded sample, no window.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use shanhai_app::command::{Command, Selection};
use shanhai_app::i18n::Lang;
use shanhai_app::loader::{Source, load_blocking};
use shanhai_app::state::State;
use shanhai_app::{ShanhaiApp, install_fonts};
use shanhai_core::corpus::NoProgress;
use shanhai_core::extract::Relation;
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::layout::Layout;
use shanhai_core::playback::{Growth, Play, TimeStep};

fn sample_app(show_reference: bool) -> ShanhaiApp {
    let data = load_blocking(&Source::Sample, &NoProgress).expect("the sample loads");
    let state = State {
        lang: Lang::Zh,
        show_reference,
        ..State::default()
    };
    ShanhaiApp::with_data(state, data).expect("the app starts")
}

fn harness(app: ShanhaiApp) -> Harness<'static, ShanhaiApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .with_max_steps(64)
        .with_context_setup(|ctx| {
            install_fonts(ctx);
            ctx.set_theme(egui::Theme::Light);
        })
        .build_ui_state(|ui, app: &mut ShanhaiApp| app.show(ui), app);
    h.run_steps(3);
    h
}

fn region(code: &str) -> u32 {
    Gazetteer::get().unwrap().by_code(code).unwrap()
}

fn type_into(h: &mut Harness<'_, ShanhaiApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.get_by_label(label).type_text(text);
    h.run_steps(3);
}

fn count_containing(h: &Harness<'_, ShanhaiApp>, text: &str) -> usize {
    h.query_all_by_label_contains(text).count()
}

#[test]
fn search_tianjin_shows_partners_and_passages() {
    let mut h = harness(sample_app(true));
    type_into(&mut h, "搜索地区", "天津");
    h.get_by_role_and_label(Role::Button, "天津市").click();
    h.run_steps(4);
    assert_eq!(h.state().selection(), Selection::Node(region("120000")));
    // The inspector lists the partners…
    h.get_by_label("→ 甘肃省");
    h.get_by_label("→ 新疆维吾尔自治区");
    // …and the seed sentences as passages (000 in simplified, 003 in
    // traditional characters).
    assert!(count_containing(&h, "共续津甘山海情") >= 1);
    assert!(count_containing(&h, "天津市黨政代表團來疆考察對接對口支援工作") >= 1);
    assert!(count_containing(&h, "000_6e7d5b141ba7fb0a.txt") >= 1);
}

#[test]
fn province_level_has_four_regions() {
    let mut h = harness(sample_app(false));
    h.get_by_label("省级").click();
    h.run_steps(3);
    let view = h.state().view().expect("a view");
    assert_eq!(view.node_count(), 4);
    assert!(count_containing(&h, "4 个地区") >= 1);
}

#[test]
fn hebei_qingshui_passage_is_traditional_without_pinyin() {
    let mut h = harness(sample_app(true));
    type_into(&mut h, "搜索地区", "河北区");
    h.get_by_label("河北区 · 天津市").click();
    h.run_steps(3);
    h.get_by_label("→ 清水县").click();
    h.run_steps(3);
    assert_eq!(
        h.state().selection(),
        Selection::Edge(
            region("120105"),
            region("620521"),
            Relation::EastWestCooperation
        )
    );
    assert!(count_containing(&h, "清水縣—河北區") >= 1);
    assert_eq!(count_containing(&h, "(qū)"), 0);
    assert!(count_containing(&h, "004_07a4cb1996a617ae.txt") >= 1);
    // The script switch turns the passage into simplified characters.
    h.get_by_label("简体").click();
    h.run_steps(3);
    assert!(count_containing(&h, "清水县—河北区") >= 1);
    assert_eq!(count_containing(&h, "清水縣—河北區"), 0);
    // "Open article" shows the whole article with its highlights.
    h.get_all_by_label("打开文章")
        .next()
        .expect("a passage")
        .click();
    h.run_steps(3);
    assert!(count_containing(&h, "刘志强") >= 1);
}

#[test]
fn layout_change_can_be_undone() {
    let mut h = harness(sample_app(false));
    h.state_mut()
        .run_command(Command::SetLayout(Layout::EastWest));
    h.run_steps(3);
    assert_eq!(h.state().state().layout, Layout::EastWest);
    h.state_mut().run_command(Command::Undo);
    h.run_steps(3);
    assert_eq!(h.state().state().layout, Layout::Geographic);
    h.state_mut().run_command(Command::Redo);
    h.run_steps(3);
    assert_eq!(h.state().state().layout, Layout::EastWest);
}

#[test]
fn force_layout_settles() {
    let mut h = harness(sample_app(true));
    h.state_mut().run_command(Command::SetLayout(Layout::Force));
    for _ in 0..400 {
        h.step();
        if h.state().view().is_some_and(|v| v.settled()) {
            break;
        }
    }
    assert!(h.state().view().is_some_and(|v| v.settled()));
}

#[test]
fn the_official_panel_by_scheme_with_coverage() {
    let mut h = harness(sample_app(true));
    h.get_by_role_and_label(Role::Button, "官方结对").click();
    h.run_steps(4);
    // Per scheme: how many of its pairs the sample states.
    assert!(count_containing(&h, "东西部协作（省、市）") >= 1);
    assert!(count_containing(&h, "对口援疆") >= 1);
    assert!(count_containing(&h, "有文章提及") >= 1);
    // Hiding a scheme hides its pairs from the overlay.
    let overlay = |h: &Harness<'_, ShanhaiApp>| {
        h.state().view().map_or(0, |v| {
            v.scene.edges.iter().filter(|e| e.official).count() + v.scene.marks.len()
        })
    };
    let before = overlay(&h);
    h.get_by_label("对口援疆").click();
    h.run_steps(4);
    assert!(
        h.state()
            .state()
            .hidden_schemes
            .contains("counterpart_support_xinjiang")
    );
    let after = overlay(&h);
    assert!(after < before, "{after} of {before} overlay edges left");
    // The stated links no official list covers are listed.
    assert!(count_containing(&h, "非官方结对") >= 1);
}

#[test]
fn copy_as_command_writes_the_filtered_view() {
    let mut h = harness(sample_app(true));
    h.state_mut().run_command(Command::SetLevel(
        shanhai_core::network::ViewLevel::Province,
    ));
    h.state_mut().run_command(Command::SetLayout(Layout::Force));
    h.run_steps(2);
    h.state_mut().run_command(Command::CopyCommand);
    h.run_steps(2);
    let line = h.state().command_line().expect("the sample is loaded");
    assert_eq!(
        line,
        "shanhai render sample -o shanhai.png --layout force --level province --official"
    );
    // The status bar shows what was copied.
    assert!(count_containing(&h, "已复制") >= 1);
}

#[test]
fn filter_changes_are_commands_that_undo_takes_back() {
    let mut h = harness(sample_app(false));
    let links = |h: &Harness<'_, ShanhaiApp>| h.state().view().map_or(0, |v| v.edge_count());
    let before = links(&h);
    h.get_by_role_and_label(Role::CheckBox, "对口支援").click();
    h.run_steps(3);
    assert!(
        h.state()
            .state()
            .filters
            .hidden_relations
            .contains(&Relation::CounterpartSupport)
    );
    let hidden = links(&h);
    assert!(hidden < before, "{hidden} links, {before} before");
    // Undo brings the relation back, redo hides it again.
    h.state_mut().run_command(Command::Undo);
    h.run_steps(3);
    assert!(h.state().state().filters.hidden_relations.is_empty());
    assert_eq!(links(&h), before);
    h.state_mut().run_command(Command::Redo);
    h.run_steps(3);
    assert_eq!(links(&h), hidden);
    // A tab click is a command too.
    h.get_by_role_and_label(Role::Button, "官方结对").click();
    h.run_steps(2);
    assert_eq!(
        h.state().state().left_tab,
        shanhai_app::state::LeftTab::Reference
    );
}

/// The app on the core's dated fixture folder (2020-05 天津→甘肃,
/// 2021-03 天津→新疆/和田, 2021-11 天津→甘肃, 2023-06 山东→重庆, one
/// undated), its timeline playing year by year at `play_ms` a step.
fn timeline_app(growth: Growth, play_ms: u32) -> Harness<'static, ShanhaiApp> {
    let folder = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shanhai-core/tests/fixtures/timeline");
    let data = load_blocking(&Source::Folder(folder), &NoProgress).expect("the fixture loads");
    let state = State {
        lang: Lang::Zh,
        play: Play {
            step: TimeStep::Year,
            growth,
        },
        play_ms,
        ..State::default()
    };
    harness(ShanhaiApp::with_data(state, data).expect("the app starts"))
}

#[test]
fn the_timeline_plays_year_by_year_and_steps_back() {
    // Four dated articles (2020-05 天津→甘肃, 2021-03 天津→新疆/和田,
    // 2021-11 天津→甘肃, 2023-06 山东→重庆) and one undated.
    let mut h = timeline_app(Growth::Cumulative, 700);
    let links = |h: &Harness<'_, ShanhaiApp>| h.state().view().map(|v| v.edge_count());
    let all = links(&h);
    h.get_by_label("▶ 播放").click();
    h.run_steps(3);
    assert!(h.state().playing());
    let y = |year: i32, month: i32| year * 12 + month - 1;
    assert_eq!(
        h.state().state().filters.months,
        Some((y(2020, 5), y(2020, 12)))
    );
    assert_eq!(links(&h), Some(1), "only 天津→甘肃 by the end of 2020");
    assert!(count_containing(&h, "截至 2020") >= 1);
    h.get_by_label("‖ 暂停").click();
    h.run_steps(2);
    assert!(!h.state().playing());
    h.get_by_label("▶").click();
    h.run_steps(3);
    assert_eq!(
        h.state().state().filters.months,
        Some((y(2020, 5), y(2021, 12)))
    );
    assert_eq!(links(&h), Some(3), "天津→新疆 and 天津→和田 join in 2021");
    h.get_by_label("◀").click();
    h.run_steps(3);
    assert_eq!(links(&h), Some(1));
    // Undo takes the playing back: all dates again, every link.
    h.state_mut().apply(Command::Undo, None);
    h.run_steps(3);
    assert_eq!(h.state().state().filters.months, None);
    assert_eq!(links(&h), all);
}

#[test]
fn playing_steps_on_by_itself_and_stops_at_the_end() {
    let mut h = timeline_app(Growth::Window(1), 100);
    h.get_by_label("▶ 播放").click();
    h.run_steps(2);
    let y = |year: i32, month: i32| year * 12 + month - 1;
    assert_eq!(
        h.state().state().filters.months,
        Some((y(2020, 1), y(2020, 12)))
    );
    // Four yearly steps 2020–2023 at 100 ms each: after a second it has
    // reached 2023 and stopped there.
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_millis(110));
        h.run_steps(1);
    }
    assert!(!h.state().playing());
    assert_eq!(
        h.state().state().filters.months,
        Some((y(2023, 1), y(2023, 12)))
    );
}

#[test]
fn the_timeline_exports_as_an_animation_and_as_dynamic_gexf() {
    let mut h = timeline_app(Growth::Cumulative, 400);
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in ["time.gif", "time.gexf"] {
        let path = dir.path().join(name);
        // No native dialog here: the path field.
        h.state_mut().apply(Command::ExportTime, None);
        h.run_steps(2);
        // The field holds a suggested path: replace it.
        h.get_by_label("路径").focus();
        h.run_steps(1);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run_steps(1);
        h.get_by_label("路径")
            .type_text(&path.display().to_string());
        h.run_steps(2);
        h.get_by_label("保存").click();
        h.run_steps(3);
        assert!(path.exists(), "{name} was not written");
    }
    // One frame a year, 2020 to 2023, shown 400 ms each.
    let file = std::fs::File::open(dir.path().join("time.gif")).expect("the GIF");
    let mut dec = gif::DecodeOptions::new().read_info(file).expect("a GIF");
    let mut frames = 0;
    while let Some(f) = dec.read_next_frame().expect("a frame") {
        assert_eq!(f.delay, 40);
        frames += 1;
    }
    assert_eq!(frames, 4);
    let gexf = std::fs::read_to_string(dir.path().join("time.gexf")).expect("the GEXF");
    assert!(gexf.contains(r#"mode="dynamic" timeformat="date""#));
    assert!(gexf.contains(r#"<spell start="2020-05-10" end="2023-06-01"/>"#));
}
