//! Files that could not be used, and why; and usable files with defects.

use super::super::command::Command;
use super::{Cx, View};

/// The problems panel.
#[derive(Default)]
pub struct ProblemsPanel;

impl View for ProblemsPanel {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        self.draw(ui, cx);
        Vec::new()
    }
}

impl ProblemsPanel {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) {
        let lang = cx.lang;
        let Some(data) = cx.data else {
            ui.weak(lang.t("尚未载入文章", "No articles loaded"));
            return;
        };
        let defects: Vec<_> = data
            .ex
            .documents
            .iter()
            .filter(|d| !d.problems.is_empty())
            .collect();
        if data.ex.problems.is_empty() && defects.is_empty() {
            ui.label(lang.t("所有文件均可使用。", "Every file could be used."));
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if !data.ex.problems.is_empty() {
                    ui.strong(lang.count(
                        data.ex.problems.len(),
                        "个文件未能使用",
                        "file could not be used",
                        "files could not be used",
                    ));
                    for p in &data.ex.problems {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(egui::RichText::new(p.path.display().to_string()).monospace());
                            ui.colored_label(egui::Color32::from_rgb(180, 60, 40), &p.error);
                        });
                    }
                    ui.separator();
                }
                if !defects.is_empty() {
                    ui.strong(lang.t("可用但有问题的文件", "Usable files with defects"));
                    for d in defects {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(egui::RichText::new(d.path.display().to_string()).monospace());
                            ui.label(d.problems.join("; "));
                        });
                    }
                }
            });
    }
}
