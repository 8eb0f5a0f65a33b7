//! The menu bar and the status bar.

use super::*;
use strum::IntoEnumIterator as _;

impl ShanhaiApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
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
                item(ui, Command::ExportTime, None, out);
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
                for l in Layout::iter() {
                    item(ui, Command::SetLayout(l), Some(self.state.layout == l), out);
                }
                ui.separator();
                for l in ViewLevel::iter().rev() {
                    item(
                        ui,
                        Command::SetLevel(l),
                        Some(self.state.filters.level == l),
                        out,
                    );
                }
                ui.separator();
                for cb in scene::ColourBy::iter() {
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
                item(ui, Command::ToggleMap, Some(self.state.show_map), out);
                ui.separator();
                for s in state::ScriptChoice::iter() {
                    item(ui, Command::SetScript(s), Some(self.state.script == s), out);
                }
                ui.separator();
                for t in LeftTab::iter() {
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

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
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
}
