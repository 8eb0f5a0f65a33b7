//! The reader: a whole article inside the app, every region mention
//! highlighted, scrolled to the passage it was opened from.

use super::super::command::{Command, script_name};
use super::super::passages;
use super::super::state::ScriptChoice;
use super::{Cx, View};
use strum::IntoEnumIterator as _;

/// The reader window's state.
#[derive(Default)]
pub struct Reader {
    /// The article shown, if any.
    pub doc: Option<u32>,
    /// Byte offset to scroll to once.
    focus: Option<usize>,
    scroll_pending: bool,
}

impl Reader {
    /// Opens an article.
    pub fn open(&mut self, doc: u32, focus: Option<usize>) {
        self.doc = Some(doc);
        self.focus = focus;
        self.scroll_pending = true;
    }
}

impl View for Reader {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        self.draw(ui, cx, &mut out);
        out
    }
}

impl Reader {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        let (Some(id), Some(data)) = (self.doc, cx.data) else {
            return;
        };
        let Some(info) = data.doc(id) else {
            self.doc = None;
            return;
        };
        let script = cx.state.script;
        let title = info
            .title
            .as_deref()
            .map(|t| passages::in_script(t, script))
            .unwrap_or_default();
        ui.heading(title);
        ui.horizontal_wrapped(|ui| {
            ui.label(
                info.date
                    .map(|d| d.iso())
                    .unwrap_or_else(|| lang.t("无日期", "no date").into()),
            );
            ui.label("·");
            ui.label(info.path.display().to_string());
            ui.label("·");
            ui.label(&info.encoding);
        });
        ui.horizontal(|ui| {
            for s in ScriptChoice::iter() {
                if ui
                    .selectable_label(script == s, script_name(s, lang))
                    .clicked()
                {
                    out.push(Command::SetScript(s));
                }
            }
            if data.source.root().is_some()
                && ui.button(lang.t("在文件夹中显示", "Reveal file")).clicked()
            {
                out.push(Command::RevealFile(id));
            }
        });
        ui.separator();
        let doc = match cx.docs.get(cx.g, &data.source, info) {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(egui::Color32::from_rgb(190, 60, 40), e);
                return;
            }
        };
        let focus = self.focus;
        let mut scroll = self.scroll_pending;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let width = ui.available_width();
                let dark = ui.visuals().dark_mode;
                for (range, segs) in doc.paragraphs() {
                    let segs = passages::convert(&segs, script);
                    let here = focus.is_some_and(|f| range.contains(&f));
                    let job = passages::to_job(&segs, 15.0, width, dark, true);
                    let resp = if here {
                        egui::Frame::new()
                            .fill(egui::Color32::from_rgba_unmultiplied(255, 200, 0, 40))
                            .show(ui, |ui| ui.label(job))
                            .inner
                    } else {
                        ui.label(job)
                    };
                    if here && scroll {
                        resp.scroll_to_me(Some(egui::Align::Center));
                        scroll = false;
                    }
                    ui.add_space(6.0);
                }
            });
        self.scroll_pending = false;
    }
}
