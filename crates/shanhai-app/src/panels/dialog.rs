//! A path field with completion, for when the native file dialog is not
//! available (no desktop portal, e.g. under Xvfb): opening a folder and
//! choosing where to export always work.

use std::path::{Path, PathBuf};

use super::super::command::Command;
use super::{Cx, View};

/// What the path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A folder of articles to open.
    Open,
    /// A PNG or SVG file for the picture.
    ExportImage,
    /// A data file (JSON, GEXF, GraphML) or a folder (CSV).
    ExportData,
    /// The network in time: an animation (GIF, APNG) or dynamic GEXF.
    ExportTime,
}

/// The dialog's state.
#[derive(Default)]
pub struct PathDialog {
    /// Open for this purpose.
    pub purpose: Option<Purpose>,
    /// The path typed so far.
    pub text: String,
    /// The last error.
    pub error: Option<String>,
    /// The chosen path, taken by the app.
    pub chosen: Option<(Purpose, PathBuf)>,
    completions: Vec<String>,
    completed_for: String,
}

/// Up to `limit` entries of the folder `text` points into whose names start
/// with what follows the last separator (folders get a trailing `/`).
pub fn complete(text: &str, folders_only: bool, limit: usize) -> Vec<String> {
    let (dir, prefix) = match text.rfind('/') {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => ("./", text),
    };
    let Ok(rd) = std::fs::read_dir(Path::new(dir)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = rd
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && !prefix.starts_with('.') {
                return None;
            }
            if !name.starts_with(prefix) {
                return None;
            }
            let is_dir = e.path().is_dir();
            if folders_only && !is_dir {
                return None;
            }
            let base = if text.contains('/') { dir } else { "" };
            Some(format!("{base}{name}{}", if is_dir { "/" } else { "" }))
        })
        .collect();
    out.sort();
    out.truncate(limit);
    out
}

impl PathDialog {
    /// Opens the dialog with a starting path.
    pub fn open(&mut self, purpose: Purpose, start: String) {
        self.purpose = Some(purpose);
        self.text = start;
        self.error = None;
        self.completed_for = String::from("\u{0}");
    }
}

impl View for PathDialog {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        self.draw(ui, cx);
        Vec::new()
    }
}

impl PathDialog {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) {
        let lang = cx.lang;
        let Some(purpose) = self.purpose else {
            return;
        };
        ui.label(match purpose {
            Purpose::Open => lang.t("文章所在文件夹的路径：", "Path of the folder of articles:"),
            Purpose::ExportImage => lang.t(
                "图片文件路径（.png 或 .svg）：",
                "Image file path (.png or .svg):",
            ),
            Purpose::ExportData => lang.t(
                "数据文件路径（.json、.gexf、.graphml，或以 / 结尾的文件夹导出 CSV）：",
                "Data file path (.json, .gexf, .graphml, or a folder ending in / for CSV):",
            ),
            Purpose::ExportTime => lang.t(
                "文件路径（.gif 或 .png 为动画，.gexf 为动态网络）：",
                "File path (.gif or .png for an animation, .gexf for the dynamic network):",
            ),
        });
        let label = ui.label(lang.t("路径", "Path"));
        let resp = ui
            .add(egui::TextEdit::singleline(&mut self.text).desired_width(480.0))
            .labelled_by(label.id);
        if self.completed_for != self.text {
            self.completed_for = self.text.clone();
            self.completions = complete(&self.text, purpose == Purpose::Open, 12);
        }
        let mut pick = None;
        egui::ScrollArea::vertical()
            .max_height(180.0)
            .show(ui, |ui| {
                for c in &self.completions {
                    if ui.add(egui::Button::new(c).frame(false)).clicked() {
                        pick = Some(c.clone());
                    }
                }
            });
        if let Some(c) = pick {
            self.text = c;
            resp.request_focus();
        }
        if resp.has_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Tab))
            && self.completions.len() == 1
        {
            self.text = self.completions[0].clone();
        }
        if let Some(e) = &self.error {
            ui.colored_label(egui::Color32::from_rgb(190, 60, 40), e);
        }
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let ok = ui.button(match purpose {
                Purpose::Open => lang.t("打开", "Open"),
                _ => lang.t("保存", "Save"),
            });
            if ok.clicked() || enter {
                let path = PathBuf::from(self.text.trim());
                if self.text.trim().is_empty() {
                    self.error = Some(lang.t("请输入路径", "Enter a path").into());
                } else if purpose == Purpose::Open && !path.is_dir() {
                    self.error = Some(format!(
                        "{}: {}",
                        lang.t("不是文件夹", "not a folder"),
                        path.display()
                    ));
                } else {
                    self.chosen = Some((purpose, path));
                    self.purpose = None;
                }
            }
            if ui.button(lang.t("取消", "Cancel")).clicked() {
                self.purpose = None;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("articles")).unwrap();
        std::fs::create_dir(dir.path().join("archive")).unwrap();
        std::fs::write(dir.path().join("art.txt"), "x").unwrap();
        let base = format!("{}/ar", dir.path().display());
        let got = complete(&base, true, 10);
        assert_eq!(
            got,
            [
                format!("{}/archive/", dir.path().display()),
                format!("{}/articles/", dir.path().display())
            ]
        );
        assert_eq!(complete(&base, false, 10).len(), 3);
    }
}
