//! One frame of the window: poll the load and the folder watch, lay out
//! the panels, collect their commands and apply them.

use super::*;
use strum::IntoEnumIterator as _;

impl ShanhaiApp {
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
        if let Some(due) = self.playing {
            let now = Instant::now();
            if now >= due {
                cmds.push(Command::StepTime(1));
                ctx.request_repaint_after(self.play_interval());
            } else {
                ctx.request_repaint_after(due - now);
            }
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

        let playing = self.playing.is_some();
        self.graph.caption = self.time_caption();
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
                    playing,
                }
            };
        }
        if data.is_some() {
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(118.0)
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
                    for t in LeftTab::iter() {
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
                Some(Purpose::ExportTime) => lang.t("导出时间维度", "Export in time"),
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
                GraphEvent::DragEnded(r, p) => cmds.push(Command::Pin(r, p)),
            }
        }
        if let Some((purpose, path)) = chosen {
            match purpose {
                Purpose::Open => cmds.push(Command::OpenPath(path)),
                Purpose::ExportImage => self.export_image(&path),
                Purpose::ExportData => self.export_data(&path),
                Purpose::ExportTime => self.export_time(&path),
            }
        }
        for c in cmds {
            self.apply(c, Some(&ctx));
        }
        self.screenshot_step(&ctx);
    }
}
