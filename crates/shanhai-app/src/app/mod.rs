//! The app: [`ShanhaiApp`] holds the persisted [`State`], what is derived
//! from it (the loaded [`Data`], the network as shown), the panels and the
//! undo [`History`]. [`ShanhaiApp::apply`] (in `apply.rs`) is the one place
//! where the state changes; the frame (`ui.rs`) only shows and collects
//! commands; menus and the status bar (`menus.rs`), the exports
//! (`exports.rs`) and the `--screenshot` run (`screenshot.rs`) have their
//! own files.

mod apply;
mod exports;
mod menus;
pub(crate) mod screenshot;
mod ui;
pub mod window;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow};

use shanhai_core::gazetteer::{Gazetteer, Level};
use shanhai_core::layout::{Layout, LayoutGraph};
use shanhai_core::network::ViewLevel;
use shanhai_core::picture;
use shanhai_core::scene::{self, Scene, Style};

use crate::command::{self, Command, Selection};
use crate::graph::{GraphEvent, GraphView};
use crate::history::{History, Snapshot};
use crate::i18n::Lang;
use crate::loader::{Data, Loading, Source};
use crate::model::{View as NetView, ViewKey};
use crate::panels::{
    Cx, DocumentsPanel, FiltersPanel, Inspector, PathDialog, ProblemsPanel, Purpose, Reader,
    ReferencePanel, SearchPanel, TimelinePanel, View as _,
};
use crate::passages::DocCache;
use crate::platform;
use crate::reference::Reference;
use crate::state::{LeftTab, STATE_KEY, State};
use crate::watch::FolderWatch;
use crate::{loader, panels, passages, state};

use apply::panels_search_resolve;
use screenshot::Screenshot;

/// The app. Construct it with [`ShanhaiApp::new`] (loads in the
/// background) or [`ShanhaiApp::with_data`] (tests), and call
/// [`ShanhaiApp::show`] every frame.
pub struct ShanhaiApp {
    /// The persisted state.
    state: State,
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
    /// The timeline is playing: when the next step is due.
    playing: Option<Instant>,
}

impl ShanhaiApp {
    /// How long the timeline shows each step when it plays.
    fn play_interval(&self) -> Duration {
        Duration::from_millis(u64::from(self.state.play_ms.clamp(100, 10_000)))
    }
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
            playing: None,
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
        // Read and triangulate the province outlines (about 20 ms) while
        // the articles load; the first frame with a map waits for it if
        // it is not done.
        std::thread::spawn(|| {
            let _ = shanhai_core::basemap::Basemap::embedded();
        });
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
            map: self.state.show_map,
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
        // The layout resumes from where the regions are now (same layout
        // only), so a filter change moves only what it changes.
        let previous = self
            .view
            .as_ref()
            .filter(|v| v.key.layout == key.layout)
            .map(|v| v.run.by_region())
            .unwrap_or_default();
        let new = NetView::build(self.g, data, self.reference, &self.state, key, &previous);
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

    /// The first and last month with dated articles.
    fn time_span(&self) -> Option<(state::Month, state::Month)> {
        self.data.as_ref()?.timeline.span()
    }

    /// The playhead: the last month of the range shown.
    fn playhead(&self) -> Option<state::Month> {
        self.state.filters.months.map(|(_, b)| b)
    }

    /// The dates the network shows, for the caption on the graph: the
    /// playback's label where the range is a step of it, else the range.
    fn time_caption(&self) -> Option<String> {
        let (a, b) = self.state.filters.months?;
        let play = self.state.play;
        let lang = self.state.lang;
        match self.time_span() {
            Some(span) if self.playing.is_some() || play.range(span, b) == (a, b) => {
                Some(play.label(span, b, lang))
            }
            _ => Some(format!(
                "{} {} {}",
                shanhai_core::filter::month_label(a),
                lang.t("至", "to"),
                shanhai_core::filter::month_label(b)
            )),
        }
    }

    /// Whether the timeline is playing.
    pub fn playing(&self) -> bool {
        self.playing.is_some()
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
