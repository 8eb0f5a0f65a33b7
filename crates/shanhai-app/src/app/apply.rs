//! [`ShanhaiApp::apply`]: every command, and every change of the state.

use super::*;

impl ShanhaiApp {
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
                let picked = if self.screenshot.is_none() && ctx.is_some() {
                    platform::pick_folder(lang.t("打开文章文件夹", "Open a folder of articles"))
                } else {
                    platform::Picked::Unavailable
                };
                match picked {
                    platform::Picked::Path(p) => self.open(Source::Folder(p), false),
                    // No native dialog: the path field.
                    platform::Picked::Unavailable => {
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
                    platform::Picked::Cancelled => {}
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
            Command::ExportTime => {
                if let Some(p) = self.save_path(Purpose::ExportTime, ctx) {
                    self.export_time(&p);
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
            Command::ToggleMap => self.state.show_map = !self.state.show_map,
            Command::Play => {
                if let Some(span) = self.time_span() {
                    let heads = self.state.play.heads(span);
                    let at_end = self.playhead().is_none_or(|h| Some(&h) >= heads.last());
                    let head = if at_end {
                        heads.first().copied().unwrap_or(span.0)
                    } else {
                        self.playhead().unwrap_or(span.0)
                    };
                    self.state.filters.months = Some(self.state.play.range(span, head));
                    self.playing = Some(Instant::now() + self.play_interval());
                }
            }
            Command::Pause => self.playing = None,
            Command::StepTime(d) => {
                if let Some(span) = self.time_span() {
                    let play = self.state.play;
                    let head = self
                        .playhead()
                        .unwrap_or_else(|| play.heads(span).first().copied().unwrap_or(span.0));
                    let next = if self.state.filters.months.is_none() {
                        head
                    } else {
                        play.step_from(span, head, d)
                    };
                    if self.playing.is_some() && next == head && d > 0 {
                        // The end: stop there.
                        self.playing = None;
                    } else if self.playing.is_some() {
                        self.playing = Some(Instant::now() + self.play_interval());
                    }
                    self.state.filters.months = Some(play.range(span, next));
                }
            }
            Command::SetPlayhead(m) => {
                if let Some(span) = self.time_span() {
                    let play = self.state.play;
                    // step_from(…, 0) keeps the head within the span's steps.
                    let head = play.step_from(span, play.head_of(m), 0);
                    self.state.filters.months = Some(play.range(span, head));
                }
            }
            Command::SetPlaySpeed(ms) => self.state.play_ms = ms.clamp(100, 10_000),
            Command::SetPlay(p) => {
                self.state.play = p;
                if let (Some(span), Some(head)) = (self.time_span(), self.playhead()) {
                    self.state.filters.months = Some(p.range(span, head));
                }
            }
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
                        if let Err(e) = platform::reveal(&p) {
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
}

pub(super) fn panels_search_resolve(
    g: &Gazetteer,
    view: Option<&NetView>,
    level: ViewLevel,
    q: &str,
) -> Option<shanhai_core::gazetteer::RegionId> {
    panels::resolve_region(g, view, level, q)
}
