//! The desktop app (eframe/egui): open a folder of articles, explore the
//! pairing network, and read the passages behind every link.
//!
//! Structure, following the patterns in the shared style notes:
//! * [`state::State`] is everything that persists (eframe storage); the
//!   loaded articles ([`model::Data`]) and the network as shown
//!   ([`model::View`]) are derived and rebuilt when their inputs change.
//! * Each side panel is its own type behind [`panels::View`].
//! * Every user action is a [`command::Command`]; menus, shortcuts and
//!   panels emit them and [`ShanhaiApp`] handles them in one place, where
//!   undo hooks in.
//! * The network is drawn from the shared [`scene::Scene`](shanhai_core::scene::Scene)
//!   with positions from [`layout`](shanhai_core::layout), so an exported picture
//!   matches the view.

pub mod command;
mod graph;
pub use graph::Painted;
pub mod i18n;
pub mod loader;
pub mod model;
pub mod panels;
pub mod passages;
pub mod reference;
pub mod state;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};

use shanhai_core::gazetteer::{Gazetteer, Level};
use shanhai_core::layout::{Layout, LayoutGraph};
use shanhai_core::network::ViewLevel;
use shanhai_core::picture;
use shanhai_core::scene::{self, Scene, Style};

use command::{Command, Selection};
use graph::{GraphEvent, GraphView};
use i18n::Lang;
use loader::{Loading, Source};
use model::{Data, View as NetView, ViewKey};
use panels::{
    Cx, DocumentsPanel, FiltersPanel, Inspector, PathDialog, ProblemsPanel, Purpose, Reader,
    ReferencePanel, SearchPanel, TimelinePanel, View as _,
};
use passages::DocCache;
use reference::Reference;
use state::{LeftTab, Pinned, STATE_KEY, State};
use watch::FolderWatch;

/// Longest wait for `--screenshot`.
const SCREENSHOT_TIMEOUT: Duration = Duration::from_secs(60);

/// Frames to wait after the layout settled before a screenshot.
const SETTLE_FRAMES: u32 = 6;

/// Loads the bundled CJK font ([`picture::font::CJK_FONT`], the same bytes
/// the exported pictures use) as a fallback of both egui font families, so
/// Chinese never shows as boxes whatever fonts the system has.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "shanhai-cjk".to_owned(),
        Arc::new(egui::FontData::from_static(picture::font::CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("shanhai-cjk".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// The network view on its own, without the panels around it: the app's
/// [`model::View`] and its pan/zoom state, drawn by the same code as in
/// the window. The drawing benchmarks show it in a headless
/// [`egui::Context`].
pub struct GraphPane {
    g: &'static Gazetteer,
    view: NetView,
    graph: GraphView,
    /// The selection drawn.
    pub selection: Selection,
    /// The language of the legend and tooltips.
    pub lang: Lang,
}

impl GraphPane {
    /// The view of `net` (taken as already filtered) for `state`; the
    /// first frame fits it into the pane.
    ///
    /// # Errors
    /// Only when the embedded gazetteer is broken.
    pub fn new(net: shanhai_core::network::Network, state: &State) -> anyhow::Result<GraphPane> {
        let shown = shanhai_core::filter::Shown {
            net,
            official: Vec::new(),
        };
        GraphPane::of_shown(shown, state)
    }

    /// The view of a filtered network with its official overlay
    /// ([`shanhai_core::filter::show`]) for `state`.
    ///
    /// # Errors
    /// Only when the embedded gazetteer is broken.
    pub fn of_shown(
        shown: shanhai_core::filter::Shown,
        state: &State,
    ) -> anyhow::Result<GraphPane> {
        let g = Gazetteer::get().map_err(|e| anyhow!("gazetteer: {e}"))?;
        let key = ViewKey {
            data: 0,
            filters: state.filters.clone(),
            layout: state.layout,
            colour_by: state.colour_by,
            reference: state.show_reference,
            hidden_schemes: state.hidden_schemes.clone(),
            pins: 0,
        };
        Ok(GraphPane {
            g,
            view: NetView::from_network(g, shown, state, key),
            graph: GraphView::default(),
            selection: Selection::None,
            lang: state.lang,
        })
    }

    /// The network as shown.
    pub fn view(&self) -> &NetView {
        &self.view
    }

    /// Runs the layout for at most `budget` (as the app does once per
    /// frame); true while it has not settled.
    pub fn tick(&mut self, budget: Duration) -> bool {
        self.view.tick(budget);
        !self.view.settled()
    }

    /// Fits the whole network on the next frame.
    pub fn fit(&mut self) {
        self.graph.fit_pending = true;
    }

    /// Shows the part of the picture around region `r`'s node, magnified
    /// `factor` times relative to the current view (call after a frame, so
    /// that there is a current view). False when `r` is not shown.
    pub fn zoom_on(&mut self, r: shanhai_core::gazetteer::RegionId, factor: f32) -> bool {
        let Some(p) = self.view.node_pos(r) else {
            return false;
        };
        let size = self.graph.scene_rect.size() / factor.max(1e-3);
        self.graph.scene_rect = egui::Rect::from_center_size(egui::pos2(p[0], p[1]), size);
        self.graph.fit_pending = false;
        self.graph.fit_on_settle = false;
        true
    }

    /// The zoom of the last frame (screen pixels per picture pixel).
    pub fn zoom(&self) -> f32 {
        self.graph.zoom
    }

    /// Shows exactly this rectangle of the picture from the next frame on
    /// (a rectangle of the pane's size shows the picture at zoom 1).
    pub fn show_picture_rect(&mut self, rect: egui::Rect) {
        self.graph.scene_rect = rect;
        self.graph.fit_pending = false;
        self.graph.fit_on_settle = false;
    }

    /// The screen rectangle of the last frame.
    pub fn screen(&self) -> egui::Rect {
        self.graph.screen
    }

    /// From the next frame on, keep what each frame draws
    /// ([`GraphPane::painted`]).
    pub fn record(&mut self) {
        self.graph.record = Some(graph::Painted::default());
    }

    /// What the last frame drew, when recording.
    pub fn painted(&self) -> Option<&graph::Painted> {
        self.graph.record.as_ref()
    }

    /// Draws one frame of the view in `ui` (all of its available space).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let events = self
            .graph
            .ui(ui, self.g, &mut self.view, self.selection, self.lang);
        for e in events {
            if let GraphEvent::Select(s) = e {
                self.selection = s;
            }
        }
    }
}

/// What undo brings back: the layout, the moved nodes, the filters and
/// the overlay's schemes.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    layout: Layout,
    pinned: Pinned,
    filters: shanhai_core::filter::Filters,
    show_reference: bool,
    hidden_schemes: std::collections::BTreeSet<String>,
}

/// Undo and redo stacks.
#[derive(Default)]
struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
}

impl History {
    fn push(&mut self, s: Snapshot) {
        if self.undo.last() != Some(&s) {
            self.undo.push(s);
            if self.undo.len() > 200 {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
    }
}

/// The `--screenshot` run.
struct Screenshot {
    out: PathBuf,
    select: Option<String>,
    started: Instant,
    settled_frames: u32,
    requested: bool,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    outcome: Arc<Mutex<Option<Result<(), String>>>>,
}

/// The app. Construct it with [`ShanhaiApp::new`] (loads in the
/// background) or [`ShanhaiApp::with_data`] (tests), and call
/// [`ShanhaiApp::show`] every frame.
pub struct ShanhaiApp {
    /// The persisted state.
    pub state: State,
    g: &'static Gazetteer,
    reference: &'static Reference,
    data: Option<Data>,
    data_gen: u64,
    pins_gen: u64,
    view: Option<NetView>,
    graph: GraphView,
    selection: Selection,
    loading: Option<Loading>,
    message: Option<(String, bool, Instant)>,
    docs: DocCache,
    history: History,
    /// The command applied last (slider drags make one undo step).
    last_command: Option<Command>,
    search: SearchPanel,
    filters: FiltersPanel,
    inspector: Inspector,
    documents: DocumentsPanel,
    problems: ProblemsPanel,
    reference_panel: ReferencePanel,
    timeline: TimelinePanel,
    reader: Reader,
    dialog: PathDialog,
    watch: Option<(PathBuf, FolderWatch)>,
    screenshot: Option<Screenshot>,
    ctx: Option<egui::Context>,
    select_when_loaded: Option<String>,
    /// A load ended: hand the memory it freed back once the view is rebuilt.
    release_pending: bool,
}

impl ShanhaiApp {
    fn empty(state: State, ctx: Option<egui::Context>) -> anyhow::Result<ShanhaiApp> {
        let g = Gazetteer::get().map_err(|e| anyhow!("gazetteer: {e}"))?;
        Ok(ShanhaiApp {
            state,
            g,
            reference: Reference::embedded(g),
            data: None,
            data_gen: 0,
            pins_gen: 0,
            view: None,
            graph: GraphView::default(),
            selection: Selection::None,
            loading: None,
            message: None,
            docs: DocCache::default(),
            history: History::default(),
            last_command: None,
            search: SearchPanel::default(),
            filters: FiltersPanel,
            inspector: Inspector::default(),
            documents: DocumentsPanel::default(),
            problems: ProblemsPanel,
            reference_panel: ReferencePanel::default(),
            timeline: TimelinePanel::default(),
            reader: Reader::default(),
            dialog: PathDialog::default(),
            watch: None,
            screenshot: None,
            ctx,
            select_when_loaded: None,
            release_pending: false,
        })
    }

    /// An app that starts loading `source` in the background.
    ///
    /// # Errors
    /// Only when the embedded gazetteer is broken.
    pub fn new(
        state: State,
        source: Source,
        ctx: Option<egui::Context>,
    ) -> anyhow::Result<ShanhaiApp> {
        let mut app = ShanhaiApp::empty(state, ctx)?;
        app.open(source, false);
        Ok(app)
    }

    /// An app showing already loaded data (used by the tests).
    ///
    /// # Errors
    /// Only when the embedded gazetteer is broken.
    pub fn with_data(state: State, data: Data) -> anyhow::Result<ShanhaiApp> {
        let mut app = ShanhaiApp::empty(state, None)?;
        app.replace_data(data, false);
        Ok(app)
    }

    /// The persisted state (read-only: it changes through
    /// [`ShanhaiApp::apply`]).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The current selection.
    pub fn selection(&self) -> Selection {
        self.selection
    }

    /// The network as shown (after the first frame).
    pub fn view(&self) -> Option<&NetView> {
        self.view.as_ref()
    }

    /// The loaded data.
    pub fn data(&self) -> Option<&Data> {
        self.data.as_ref()
    }

    /// True while articles are being loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Applies a command now (as if chosen from the menu): the one place
    /// where the state changes.
    pub fn run_command(&mut self, c: Command) {
        let ctx = self.ctx.clone();
        self.apply(c, ctx.as_ref());
    }

    fn say(&mut self, msg: impl Into<String>, error: bool) {
        self.message = Some((msg.into(), error, Instant::now()));
    }

    fn open(&mut self, source: Source, reload: bool) {
        if let Some(old) = self.loading.take() {
            old.shared.cancel();
        }
        self.loading = Some(Loading::start(source, self.ctx.clone(), reload));
    }

    fn replace_data(&mut self, data: Data, reload: bool) {
        if let Source::Folder(p) = &data.source {
            self.state.remember_folder(p.clone());
        }
        let root = data.source.root().map(Path::to_path_buf);
        let recursive = matches!(data.source, Source::Folder(_));
        self.data = Some(data);
        self.data_gen += 1;
        self.docs.clear();
        self.inspector.invalidate();
        self.inspector.data_gen = self.data_gen;
        self.reference_panel.data_gen = self.data_gen;
        if !reload {
            self.graph.fit_pending = true;
            self.graph.fit_on_settle = true;
            self.selection = Selection::None;
            self.reader.doc = None;
        }
        // Watch the folder (never written to).
        match root {
            Some(root) if self.screenshot.is_none() => {
                if self.watch.as_ref().is_none_or(|(p, _)| *p != root) {
                    self.watch = match FolderWatch::new(&root, recursive, self.ctx.clone()) {
                        Ok(w) => Some((root, w)),
                        Err(e) => {
                            self.say(format!("cannot watch {}: {e}", root.display()), true);
                            None
                        }
                    };
                }
            }
            _ => self.watch = None,
        }
    }

    fn poll_loading(&mut self) {
        let Some(l) = &self.loading else {
            return;
        };
        let Some(out) = l.poll() else {
            return;
        };
        let reload = l.reload;
        let source = l.source.clone();
        self.loading = None;
        // The replaced data or the cancelled load's memory goes back to
        // the system once this frame has dropped it.
        self.release_pending = true;
        match out {
            Ok(data) => {
                let n = data.ex.documents.len();
                self.replace_data(data, reload);
                let lang = self.state.lang;
                self.say(
                    format!(
                        "{} {}",
                        lang.t("已载入", "Loaded"),
                        lang.count(n, "篇文章", "article", "articles")
                    ),
                    false,
                );
            }
            Err(e) => {
                if let Some(s) = &self.screenshot
                    && let Ok(mut o) = s.outcome.lock()
                {
                    *o = Some(Err(format!("{}: {e}", source.label())));
                }
                self.say(format!("{}: {e}", source.label()), true);
            }
        }
    }

    fn poll_watch(&mut self) {
        let Some((_, w)) = &self.watch else {
            return;
        };
        match w.due() {
            Ok(true) if self.loading.is_none() => {
                if let Some(d) = &self.data {
                    let s = d.source.clone();
                    self.open(s, true);
                }
            }
            Err(wait) => {
                if let Some(ctx) = &self.ctx {
                    ctx.request_repaint_after(wait);
                }
            }
            _ => {}
        }
    }

    fn handle_dropped(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(source) = loader::source_for_dropped(&dropped) {
            self.open(source, false);
        }
    }

    fn shortcuts(&self, ctx: &egui::Context) -> Vec<Command> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut out = Vec::new();
        for c in Command::with_shortcuts() {
            if typing && (c.bare_key() || matches!(c, Command::Undo | Command::Redo)) {
                continue;
            }
            if let Some(sc) = c.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&sc))
            {
                out.push(c);
            }
        }
        out
    }

    fn view_key(&self) -> ViewKey {
        ViewKey {
            data: self.data_gen,
            filters: self.state.filters.clone(),
            layout: self.state.layout,
            colour_by: self.state.colour_by,
            reference: self.state.show_reference,
            hidden_schemes: self.state.hidden_schemes.clone(),
            pins: self.pins_gen,
        }
    }

    /// Rebuilds the view when its inputs changed, keeping the part of the
    /// picture that was shown.
    fn ensure_view(&mut self) {
        let Some(data) = &self.data else {
            return;
        };
        let key = self.view_key();
        if self.view.as_ref().is_some_and(|v| v.key == key) {
            return;
        }
        let new = NetView::build(self.g, data, self.reference, &self.state, key);
        if let Some(old) = &self.view
            && !self.graph.fit_pending
            && self.graph.scene_rect.is_positive()
        {
            let (a, b) = (old.scene.frame, new.scene.frame);
            if a.scale > 0.0 && b.scale > 0.0 {
                let map = |p: egui::Pos2| {
                    egui::pos2(
                        (p.x - a.offset[0]) / a.scale * b.scale + b.offset[0],
                        (p.y - a.offset[1]) / a.scale * b.scale + b.offset[1],
                    )
                };
                let r = self.graph.scene_rect;
                self.graph.scene_rect = egui::Rect::from_min_max(map(r.min), map(r.max));
            }
        }
        self.view = Some(new);
        self.inspector.invalidate();
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            layout: self.state.layout,
            pinned: self.state.pinned.clone(),
            filters: self.state.filters.clone(),
            show_reference: self.state.show_reference,
            hidden_schemes: self.state.hidden_schemes.clone(),
        }
    }

    fn restore(&mut self, s: Snapshot) {
        if s.layout != self.state.layout {
            self.graph.fit_pending = true;
            self.graph.fit_on_settle = true;
        }
        if s.filters.level != self.state.filters.level {
            self.selection = self.selection_at(s.filters.level);
        }
        self.state.layout = s.layout;
        self.state.pinned = s.pinned;
        self.state.filters = s.filters;
        self.state.show_reference = s.show_reference;
        self.state.hidden_schemes = s.hidden_schemes;
        self.pins_gen += 1;
    }

    /// Maps a selection to another level.
    fn selection_at(&self, level: ViewLevel) -> Selection {
        let g = self.g;
        let up = |r| match level {
            ViewLevel::Stated => Some(r),
            ViewLevel::Prefecture => g.at_level(r, Level::Prefecture),
            ViewLevel::Province => g.at_level(r, Level::Province),
        };
        match self.selection {
            Selection::Node(r) => up(r).map_or(Selection::None, Selection::Node),
            Selection::Edge(a, b, rel) => match (up(a), up(b)) {
                (Some(x), Some(y)) if x != y => Selection::Edge(x, y, rel),
                (Some(x), _) => Selection::Node(x),
                _ => Selection::None,
            },
            Selection::None => Selection::None,
        }
    }

    /// Brings the selection and its partners into view: the view is left
    /// alone when they are all visible, otherwise it moves (and zooms out
    /// if needed) to show them.
    fn centre_on_selection(&mut self) {
        let Some(v) = &self.view else {
            return;
        };
        let mut pts: Vec<[f32; 2]> = Vec::new();
        match self.selection {
            Selection::Node(r) => {
                pts.extend(v.node_pos(r));
                if let Some(ni) = v.net.node_of(r) {
                    for n in v.net.graph.neighbors_undirected(ni) {
                        if let Some(&q) = v.net.graph.node_weight(n) {
                            pts.extend(v.node_pos(q));
                        }
                    }
                }
            }
            Selection::Edge(a, b, _) => {
                pts.extend(v.node_pos(a));
                pts.extend(v.node_pos(b));
            }
            Selection::None => {}
        }
        let Some(&first) = pts.first() else {
            return;
        };
        let mut target =
            egui::Rect::from_center_size(egui::pos2(first[0], first[1]), egui::Vec2::ZERO);
        for p in &pts {
            target.extend_with(egui::pos2(p[0], p[1]));
        }
        let target = target.expand(60.0);
        self.graph.show_rect(target);
    }

    /// Applies a command: every change of the persisted state (and of the
    /// selection) goes through here, and the undoable ones leave a
    /// snapshot in the history first.
    pub fn apply(&mut self, c: Command, ctx: Option<&egui::Context>) {
        let lang = self.state.lang;
        // A slider drag sends one command per step: one undo step for all.
        let coalesce = matches!(
            (&c, &self.last_command),
            (
                Command::SetMinDocuments(_),
                Some(Command::SetMinDocuments(_))
            ) | (Command::SetMonths(_), Some(Command::SetMonths(_)))
        );
        if c.undoable() && !coalesce {
            let s = self.snapshot();
            self.history.push(s);
        }
        self.last_command = Some(c.clone());
        match c {
            Command::OpenFolder => {
                let start = Instant::now();
                let picked = if self.screenshot.is_none() && ctx.is_some() {
                    rfd::FileDialog::new()
                        .set_title(lang.t("打开文章文件夹", "Open a folder of articles"))
                        .pick_folder()
                } else {
                    None
                };
                match picked {
                    Some(p) => self.open(Source::Folder(p), false),
                    // No native dialog (it returned at once): the path field.
                    None if start.elapsed() < Duration::from_millis(400) => {
                        let s = self
                            .state
                            .last_folder
                            .as_ref()
                            .map(|p| format!("{}/", p.display()))
                            .or_else(|| {
                                std::env::current_dir()
                                    .ok()
                                    .map(|p| format!("{}/", p.display()))
                            })
                            .unwrap_or_default();
                        self.dialog.open(Purpose::Open, s);
                    }
                    None => {}
                }
            }
            Command::OpenPath(p) => {
                if p.is_dir() {
                    self.open(Source::Folder(p), false);
                } else {
                    self.say(
                        format!("{}: {}", lang.t("不是文件夹", "not a folder"), p.display()),
                        true,
                    );
                }
            }
            Command::OpenSample => self.open(Source::Sample, false),
            Command::Reload => {
                if let Some(d) = &self.data {
                    let s = d.source.clone();
                    self.open(s, true);
                }
            }
            Command::CancelLoad => {
                if let Some(l) = &self.loading {
                    l.shared.cancel();
                }
            }
            Command::ExportImage => {
                if let Some(p) = self.save_path(Purpose::ExportImage, ctx) {
                    self.export_image(&p);
                }
            }
            Command::CopyCommand => {
                let lang = self.state.lang;
                match self.command_line() {
                    Some(line) => {
                        if let Some(ctx) = ctx {
                            ctx.copy_text(line.clone());
                        }
                        self.say(format!("{}: {line}", lang.t("已复制", "Copied")), false);
                    }
                    None => self.say(lang.t("尚未载入文章", "Nothing loaded"), true),
                }
            }
            Command::ExportData => {
                if let Some(p) = self.save_path(Purpose::ExportData, ctx) {
                    self.export_data(&p);
                }
            }
            Command::Fit => self.graph.fit_pending = true,
            Command::Undo => {
                if let Some(s) = self.history.undo.pop() {
                    let now = self.snapshot();
                    self.history.redo.push(now);
                    self.restore(s);
                }
            }
            Command::Redo => {
                if let Some(s) = self.history.redo.pop() {
                    let now = self.snapshot();
                    self.history.undo.push(now);
                    self.restore(s);
                }
            }
            Command::SetLayout(l) => {
                if l != self.state.layout {
                    self.state.layout = l;
                    self.graph.fit_pending = true;
                    self.graph.fit_on_settle = true;
                }
            }
            Command::SetLevel(l) => {
                if l != self.state.filters.level {
                    self.selection = self.selection_at(l);
                    self.state.filters.level = l;
                }
            }
            Command::SetColourBy(cb) => self.state.colour_by = cb,
            Command::SetLang(l) => self.state.lang = l,
            Command::SetScript(s) => self.state.script = s,
            Command::ToggleReference => self.state.show_reference = !self.state.show_reference,
            Command::UnpinAll => {
                self.state.pinned.remove(self.state.layout.as_str());
                self.pins_gen += 1;
            }
            Command::SetRelationHidden(r, hidden) => {
                if hidden {
                    self.state.filters.hidden_relations.insert(r);
                } else {
                    self.state.filters.hidden_relations.remove(&r);
                }
            }
            Command::SetMinDocuments(n) => self.state.filters.min_documents = n.max(1),
            Command::SetHideIsolated(h) => self.state.filters.hide_isolated = h,
            Command::SetMonths(m) => {
                self.state.filters.months = m.map(|(a, b)| (a.min(b), a.max(b)));
            }
            Command::SetIncludeUndated(u) => self.state.filters.include_undated = u,
            Command::SetSchemeHidden(scheme, hidden) => {
                if hidden {
                    self.state.hidden_schemes.insert(scheme);
                } else {
                    self.state.hidden_schemes.remove(&scheme);
                }
            }
            Command::Pick(sel) => self.selection = sel,
            Command::Pin(r, p) => {
                let code = self.g.region(r).code.clone();
                self.state
                    .pinned
                    .entry(self.state.layout.as_str().to_string())
                    .or_default()
                    .insert(code, p);
            }
            Command::ShowTab(t) => self.state.left_tab = t,
            Command::Select(sel) => {
                self.selection = sel;
                self.ensure_view();
                self.centre_on_selection();
            }
            Command::Find(q) => {
                let level = self.state.filters.level;
                match panels_search_resolve(self.g, self.view.as_ref(), level, &q) {
                    Some(r) => self.apply(Command::Select(Selection::Node(r)), ctx),
                    None => self.say(format!("{}: {q}", lang.t("没有找到", "not found")), true),
                }
            }
            Command::OpenArticle(doc, focus) => self.reader.open(doc, focus),
            Command::RevealFile(doc) => {
                let path = self
                    .data
                    .as_ref()
                    .and_then(|d| d.doc(doc).and_then(|i| passages::file_path(&d.source, i)));
                match path {
                    Some(p) => {
                        if let Err(e) = reveal(&p) {
                            self.say(format!("{}: {e}", p.display()), true);
                        }
                    }
                    None => self.say(
                        lang.t(
                            "示例文章内嵌在程序中，没有文件",
                            "The sample is built in: there is no file",
                        ),
                        true,
                    ),
                }
            }
            Command::Quit => {
                if let Some(ctx) = ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// A path to save to: the native dialog, or the path field when there
    /// is none (then `None` now, and the field's answer later).
    fn save_path(&mut self, purpose: Purpose, ctx: Option<&egui::Context>) -> Option<PathBuf> {
        let (name, exts): (&str, &[&str]) = match purpose {
            Purpose::ExportImage => ("shanhai.png", &["png", "svg"]),
            _ => ("shanhai.json", &["json", "gexf", "graphml"]),
        };
        let start = Instant::now();
        let picked = if self.screenshot.is_none() && ctx.is_some() {
            rfd::FileDialog::new()
                .set_file_name(name)
                .add_filter(name, exts)
                .save_file()
        } else {
            None
        };
        if picked.is_none() && start.elapsed() < Duration::from_millis(400) {
            let dir = std::env::current_dir().unwrap_or_default();
            self.dialog
                .open(purpose, dir.join(name).display().to_string());
        }
        picked
    }

    /// The network as the view shows it, with the positions of the view,
    /// and the official pairs of the overlay when it is shown (with their
    /// far ends): what exports show.
    fn export_network(
        &self,
    ) -> Option<(
        shanhai_core::network::Network,
        Vec<[f32; 2]>,
        Vec<shanhai_core::reference::OfficialEdge>,
    )> {
        let (data, view) = (self.data.as_ref()?, self.view.as_ref()?);
        let shanhai_core::filter::Shown { net, official } = shanhai_core::filter::show(
            self.g,
            &data.ex,
            &self.state.filters,
            self.state
                .show_reference
                .then_some((self.reference, &self.state.hidden_schemes)),
        );
        let lg = LayoutGraph::from_network(&net);
        let pos = lg
            .nodes
            .iter()
            .map(|r| {
                view.layout_of
                    .get(r)
                    .and_then(|&i| view.pos.get(i).copied())
                    .unwrap_or([f32::NAN, f32::NAN])
            })
            .collect();
        Some((net, pos, official))
    }

    /// The `shanhai render` line that draws the current view (the
    /// folder as opened; dropped files: the folder they were dropped
    /// from). Moved nodes are not part of it.
    pub fn command_line(&self) -> Option<String> {
        let data = self.data.as_ref()?;
        let folder = match &data.source {
            Source::Sample => "sample".to_string(),
            Source::Folder(p) => p.display().to_string(),
            Source::Files { root, .. } => root.display().to_string(),
        };
        Some(
            self.state
                .view_spec()
                .to_command_line(&folder, "shanhai.png"),
        )
    }

    fn export_image(&mut self, path: &Path) {
        let lang = self.state.lang;
        let result = (|| -> anyhow::Result<()> {
            let data = self.data.as_ref().context("nothing loaded")?;
            let (net, pos, official) = self.export_network().context("nothing to draw")?;
            let dates: Vec<_> = data.ex.documents.iter().map(|d| d.date).collect();
            let style = Style {
                colour_by: self.state.colour_by,
                backdrop: self.state.layout == Layout::Geographic,
                title: scene::default_title(self.state.filters.level, self.state.layout),
                source_line: scene::source_line(
                    &data.source.label(),
                    data.ex.documents.len(),
                    &dates,
                    &scene::today_utc(),
                ),
                ..Style::default()
            };
            let mut scene = Scene::build(self.g, &net, &pos, &style);
            scene.add_official(self.g, &official);
            let svg = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
            let bytes = if svg {
                picture::to_svg(&scene, &picture::SvgOptions::default())?.into_bytes()
            } else {
                picture::to_png(&scene, 2.0, style.background)?
            };
            shanhai_core::export::write_atomic(path, &bytes, true)?;
            Ok(())
        })();
        match result {
            Ok(()) => self.say(
                format!("{} {}", lang.t("已保存", "Saved"), path.display()),
                false,
            ),
            Err(e) => self.say(format!("{}: {e:#}", path.display()), true),
        }
    }

    fn export_data(&mut self, path: &Path) {
        let lang = self.state.lang;
        let result = (|| -> anyhow::Result<Vec<PathBuf>> {
            let data = self.data.as_ref().context("nothing loaded")?;
            let format = shanhai_core::export::Format::from_path(path)
                .context("unknown format: use .json, .gexf, .graphml or a folder ending in /")?;
            let (net, pos, official) = self.export_network().context("nothing to export")?;
            let content = shanhai_core::export::Content {
                ex: &data.ex,
                net: &net,
                positions: Some(&pos),
                official: &official,
            };
            Ok(shanhai_core::export::write(
                path, format, self.g, &content, true,
            )?)
        })();
        match result {
            Ok(files) => self.say(
                format!(
                    "{} {}",
                    lang.t("已保存", "Saved"),
                    lang.count(files.len(), "个文件", "file", "files")
                ),
                false,
            ),
            Err(e) => self.say(format!("{}: {e:#}", path.display()), true),
        }
    }

    /// Shows the whole app in `ui` (the root of the window).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.poll_loading();
        self.poll_watch();
        self.handle_dropped(&ctx);
        let mut cmds = self.shortcuts(&ctx);
        self.ensure_view();
        if std::mem::take(&mut self.release_pending) {
            shanhai_core::release_memory();
        }
        if let Some(v) = &mut self.view
            && !v.settled()
        {
            v.tick(Duration::from_millis(8));
            ctx.request_repaint();
        }
        if self.loading.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if self.loading.is_none()
            && self.view.is_some()
            && let Some(name) = self.select_when_loaded.take()
        {
            cmds.push(Command::Find(name));
        }

        let lang = self.state.lang;
        let g = self.g;

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui, &mut cmds);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            self.status_bar(ui, &mut cmds);
        });

        let ShanhaiApp {
            state,
            data,
            view,
            reference,
            docs,
            selection,
            search,
            filters,
            inspector,
            documents,
            problems,
            reference_panel,
            timeline,
            reader,
            dialog,
            graph,
            ..
        } = self;
        let sel = *selection;
        // What the panels read (a macro: the graph view between them
        // borrows the view mutably).
        macro_rules! cx {
            () => {
                Cx {
                    g,
                    lang,
                    state: &*state,
                    data: data.as_ref(),
                    view: view.as_ref(),
                    reference: *reference,
                    selection: sel,
                    docs: &*docs,
                }
            };
        }
        if data.is_some() {
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(84.0)
                .show(ui, |ui| {
                    cmds.extend(timeline.ui(ui, &cx!()));
                });
        }
        egui::Panel::left("left")
            .resizable(true)
            .default_size(290.0)
            .show(ui, |ui| {
                cmds.extend(search.ui(ui, &cx!()));
                ui.separator();
                ui.horizontal(|ui| {
                    for t in [
                        LeftTab::Filters,
                        LeftTab::Documents,
                        LeftTab::Problems,
                        LeftTab::Reference,
                    ] {
                        let mut name = command::tab_name(t, lang).to_string();
                        if t == LeftTab::Problems
                            && let Some(d) = data.as_ref()
                            && !d.ex.problems.is_empty()
                        {
                            name = format!("{name} ({})", d.ex.problems.len());
                        }
                        if ui.selectable_label(state.left_tab == t, name).clicked() {
                            cmds.push(Command::ShowTab(t));
                        }
                    }
                });
                ui.separator();
                let tab = state.left_tab;
                match tab {
                    LeftTab::Filters => {
                        egui::ScrollArea::vertical()
                            .auto_shrink([false, false])
                            .show(ui, |ui| {
                                cmds.extend(filters.ui(ui, &cx!()));
                            });
                    }
                    LeftTab::Documents => cmds.extend(documents.ui(ui, &cx!())),
                    LeftTab::Problems => cmds.extend(problems.ui(ui, &cx!())),
                    LeftTab::Reference => cmds.extend(reference_panel.ui(ui, &cx!())),
                }
            });
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(400.0)
            .show(ui, |ui| {
                cmds.extend(inspector.ui(ui, &cx!()));
            });
        let mut events = Vec::new();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match view.as_mut() {
                Some(v) => events = graph.ui(ui, g, v, sel, lang),
                None => {
                    ui.centered_and_justified(|ui| {
                        ui.label(lang.t("正在载入文章…", "Loading articles…"));
                    });
                }
            });
        if reader.doc.is_some() {
            let mut open = true;
            egui::Window::new(lang.t("文章", "Article"))
                .id(egui::Id::unique("reader"))
                .open(&mut open)
                .default_size([640.0, 720.0])
                .resizable(true)
                .show(&ctx, |ui| {
                    cmds.extend(reader.ui(ui, &cx!()));
                });
            if !open {
                reader.doc = None;
            }
        }
        if dialog.purpose.is_some() {
            let title = match dialog.purpose {
                Some(Purpose::Open) => lang.t("打开文件夹", "Open folder"),
                Some(Purpose::ExportImage) => lang.t("导出图片", "Export image"),
                _ => lang.t("导出数据", "Export data"),
            };
            egui::Window::new(title)
                .id(egui::Id::unique("path-dialog"))
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
                .show(&ctx, |ui| {
                    cmds.extend(dialog.ui(ui, &cx!()));
                });
        }
        let chosen = dialog.chosen.take();

        for e in events {
            match e {
                GraphEvent::Select(s) => cmds.push(Command::Pick(s)),
                GraphEvent::DragStarted(_) => {}
                GraphEvent::DragEnded(r, p) => cmds.push(Command::Pin(r, p)),
            }
        }
        if let Some((purpose, path)) = chosen {
            match purpose {
                Purpose::Open => cmds.push(Command::OpenPath(path)),
                Purpose::ExportImage => self.export_image(&path),
                Purpose::ExportData => self.export_data(&path),
            }
        }
        for c in cmds {
            self.apply(c, Some(&ctx));
        }
        self.screenshot_step(&ctx);
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let lang = self.state.lang;
        let ctx = ui.ctx().clone();
        let item =
            |ui: &mut egui::Ui, c: Command, checked: Option<bool>, out: &mut Vec<Command>| {
                let mut b = egui::Button::new(c.label(lang));
                if let Some(sc) = c.shortcut() {
                    b = b.shortcut_text(ctx.format_shortcut(&sc));
                }
                if let Some(on) = checked {
                    b = b.selected(on);
                }
                if ui.add(b).clicked() {
                    out.push(c);
                    ui.close();
                }
            };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.t("文件", "File"), |ui| {
                item(ui, Command::OpenFolder, None, out);
                item(ui, Command::OpenSample, None, out);
                ui.menu_button(lang.t("最近打开", "Recent folders"), |ui| {
                    if self.state.recent.is_empty() {
                        ui.weak(lang.t("（无）", "(none)"));
                    }
                    for p in self.state.recent.clone() {
                        item(ui, Command::OpenPath(p), None, out);
                    }
                });
                item(ui, Command::Reload, None, out);
                ui.separator();
                item(ui, Command::ExportImage, None, out);
                item(ui, Command::ExportData, None, out);
                item(ui, Command::CopyCommand, None, out);
                ui.separator();
                item(ui, Command::Quit, None, out);
            });
            ui.menu_button(lang.t("编辑", "Edit"), |ui| {
                item(ui, Command::Undo, None, out);
                item(ui, Command::Redo, None, out);
                item(ui, Command::UnpinAll, None, out);
            });
            ui.menu_button(lang.t("视图", "View"), |ui| {
                item(ui, Command::Fit, None, out);
                ui.separator();
                for l in Layout::ALL {
                    item(ui, Command::SetLayout(l), Some(self.state.layout == l), out);
                }
                ui.separator();
                for l in [
                    ViewLevel::Province,
                    ViewLevel::Prefecture,
                    ViewLevel::Stated,
                ] {
                    item(
                        ui,
                        Command::SetLevel(l),
                        Some(self.state.filters.level == l),
                        out,
                    );
                }
                ui.separator();
                for cb in [scene::ColourBy::Province, scene::ColourBy::Side] {
                    item(
                        ui,
                        Command::SetColourBy(cb),
                        Some(self.state.colour_by == cb),
                        out,
                    );
                }
                item(
                    ui,
                    Command::ToggleReference,
                    Some(self.state.show_reference),
                    out,
                );
                ui.separator();
                for s in [
                    state::ScriptChoice::Original,
                    state::ScriptChoice::Simplified,
                    state::ScriptChoice::Traditional,
                ] {
                    item(ui, Command::SetScript(s), Some(self.state.script == s), out);
                }
                ui.separator();
                for t in [
                    LeftTab::Filters,
                    LeftTab::Documents,
                    LeftTab::Problems,
                    LeftTab::Reference,
                ] {
                    item(ui, Command::ShowTab(t), Some(self.state.left_tab == t), out);
                }
            });
            ui.menu_button(lang.t("语言", "Language"), |ui| {
                for l in [Lang::Zh, Lang::En] {
                    item(ui, Command::SetLang(l), Some(self.state.lang == l), out);
                }
            });
            ui.separator();
            ui.label(egui::RichText::new("山海 Shanhai").strong());
            if let Some(d) = &self.data {
                ui.weak(d.source.label());
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let lang = self.state.lang;
        ui.horizontal(|ui| {
            if let Some(l) = &self.loading {
                let (done, total) = l.shared.counts();
                let frac = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(
                    egui::ProgressBar::new(frac)
                        .desired_width(220.0)
                        .text(format!("{done} / {total}")),
                );
                ui.add(
                    egui::Label::new(egui::RichText::new(l.shared.current()).small()).truncate(),
                );
                if ui.button(lang.t("取消", "Cancel")).clicked() {
                    out.push(Command::CancelLoad);
                }
                ui.separator();
            }
            if let Some(d) = &self.data {
                ui.label(lang.count(d.ex.documents.len(), "篇文章", "article", "articles"));
                if !d.ex.problems.is_empty() {
                    ui.separator();
                    if ui
                        .link(lang.count(
                            d.ex.problems.len(),
                            "个问题文件",
                            "problem file",
                            "problem files",
                        ))
                        .clicked()
                    {
                        out.push(Command::ShowTab(LeftTab::Problems));
                    }
                }
            }
            if let Some(v) = &self.view {
                ui.separator();
                ui.label(format!(
                    "{} · {}",
                    lang.count(v.node_count(), "个地区", "region", "regions"),
                    lang.count(v.edge_count(), "条结对", "link", "links")
                ));
                if !v.settled() {
                    ui.separator();
                    ui.spinner();
                    ui.label(lang.t("布局计算中", "laying out"));
                }
            }
            if self.watch.is_some() {
                ui.separator();
                ui.weak(lang.t("监视文件夹中", "watching folder"));
            }
            if let Some((m, err, at)) = &self.message
                && (at.elapsed() < Duration::from_secs(12) || *err)
            {
                ui.separator();
                if *err {
                    ui.colored_label(egui::Color32::from_rgb(190, 60, 40), m);
                } else {
                    ui.label(m);
                }
            }
        });
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(s) = &mut self.screenshot else {
            return;
        };
        ctx.request_repaint_after(Duration::from_millis(50));
        let finish = |s: &Screenshot, r: Result<(), String>| {
            if let Ok(mut o) = s.outcome.lock()
                && o.is_none()
            {
                *o = Some(r);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        };
        if s.outcome.lock().map(|o| o.is_some()).unwrap_or(false) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if s.started.elapsed() > SCREENSHOT_TIMEOUT {
            finish(
                s,
                Err("timed out waiting for the window to load and settle".into()),
            );
            return;
        }
        if self.loading.is_some() || self.view.as_ref().is_none_or(|v| !v.settled()) {
            return;
        }
        if let Some(name) = s.select.take() {
            let level = self.state.filters.level;
            match panels_search_resolve(self.g, self.view.as_ref(), level, &name) {
                Some(r) => {
                    self.selection = Selection::Node(r);
                    self.centre_on_selection();
                }
                None => {
                    let Some(s) = &self.screenshot else { return };
                    finish(s, Err(format!("--select {name}: no such region")));
                    return;
                }
            }
            return;
        }
        let Some(s) = &mut self.screenshot else {
            return;
        };
        if s.settled_frames < SETTLE_FRAMES {
            s.settled_frames += 1;
            return;
        }
        if !s.requested {
            s.requested = true;
            let slot = Arc::clone(&s.image);
            let ctx2 = ctx.clone();
            ctx.request_screenshot(move |img| {
                if let Ok(mut i) = slot.lock() {
                    *i = Some(img);
                }
                ctx2.request_repaint();
            });
            return;
        }
        let img = s.image.lock().ok().and_then(|mut i| i.take());
        if let Some(img) = img {
            let r = save_png(&img, &s.out);
            finish(s, r);
        }
    }
}

fn panels_search_resolve(
    g: &Gazetteer,
    view: Option<&NetView>,
    level: ViewLevel,
    q: &str,
) -> Option<shanhai_core::gazetteer::RegionId> {
    panels::resolve_region(g, view, level, q)
}

/// Writes a screenshot as PNG.
fn save_png(img: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = img.size;
    let mut bytes = Vec::with_capacity(w * h * 4);
    for p in &img.pixels {
        bytes.extend_from_slice(&p.to_srgba_unmultiplied());
    }
    let (w, h) = (
        u32::try_from(w).map_err(|e| e.to_string())?,
        u32::try_from(h).map_err(|e| e.to_string())?,
    );
    image::save_buffer_with_format(
        path,
        &bytes,
        w,
        h,
        image::ExtendedColorType::Rgba8,
        image::ImageFormat::Png,
    )
    .map_err(|e| format!("{}: {e}", path.display()))
}

/// Shows a file in the system's file manager.
fn reveal(path: &Path) -> std::io::Result<()> {
    let mut cmd;
    if cfg!(target_os = "macos") {
        cmd = std::process::Command::new("open");
        cmd.arg("-R").arg(path);
    } else if cfg!(target_os = "windows") {
        cmd = std::process::Command::new("explorer");
        cmd.arg(format!("/select,{}", path.display()));
    } else {
        cmd = std::process::Command::new("xdg-open");
        cmd.arg(path.parent().unwrap_or(path));
    }
    let mut child = cmd.spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

impl eframe::App for ShanhaiApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, STATE_KEY, &self.state);
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.screenshot.is_none()
    }
}

/// Runs the app: opens the window on `folder` (the embedded sample when
/// `None`). With `screenshot`, the window loads, waits until the layout
/// has settled, selects `select` (a region name, short form or code) if
/// given, saves a PNG of itself there and closes.
///
/// # Errors
/// The folder is not a folder; the window cannot be opened; with
/// `screenshot`: loading failed, `select` names no region, the PNG cannot
/// be written, or it all took longer than 60 s.
pub fn run(
    folder: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    select: Option<String>,
) -> anyhow::Result<()> {
    let source = match folder {
        Some(f) if f.is_dir() => Source::Folder(f),
        Some(f) if f == Path::new("sample") => Source::Sample,
        Some(f) => bail!("{} is not a folder", f.display()),
        None => Source::Sample,
    };
    let outcome: Arc<Mutex<Option<Result<(), String>>>> = Arc::new(Mutex::new(None));
    let shot = screenshot.clone().map(|out| Screenshot {
        out,
        select: select.clone(),
        started: Instant::now(),
        settled_frames: 0,
        requested: false,
        image: Arc::new(Mutex::new(None)),
        outcome: Arc::clone(&outcome),
    });
    let screenshot_mode = shot.is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("山海 Shanhai")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: !screenshot_mode,
        ..Default::default()
    };
    let mut shot = shot;
    eframe::run_native(
        "shanhai",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            cc.egui_ctx.set_theme(egui::Theme::Light);
            let state = match cc.storage {
                Some(s) if !screenshot_mode => eframe::get_value(s, STATE_KEY).unwrap_or_default(),
                _ => State::default(),
            };
            let mut app = ShanhaiApp::new(state, source, Some(cc.egui_ctx.clone()))
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { e.into() })?;
            app.screenshot = shot.take();
            if !screenshot_mode && let Some(name) = select {
                app.select_when_loaded = Some(name);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| {
        anyhow!(
            "cannot open the window: {e}\n\
             The window needs X11 or Wayland libraries and an OpenGL driver: \
             run `bash scripts/setup.sh` from the Shanhai folder to install \
             what is missing (Debian packages), and check that DISPLAY or \
             WAYLAND_DISPLAY is set (without a display, run under xvfb-run)."
        )
    })?;
    if screenshot_mode {
        let r = outcome.lock().ok().and_then(|mut o| o.take());
        match r {
            Some(Ok(())) => Ok(()),
            Some(Err(e)) => bail!("{e}"),
            None => bail!("the window closed before the screenshot was taken"),
        }
    } else {
        Ok(())
    }
}
