//! The articles: title, date and where it came from, script and number of
//! pairings; clicking one opens it in the reader.

use egui_extras::{Column, TableBuilder};

use super::super::command::Command;
use super::super::i18n::Lang;
use super::super::passages;
use super::{Cx, View};
use shanhai_core::corpus::DateSource;

/// The documents panel.
#[derive(Default)]
pub struct DocumentsPanel {
    filter: String,
}

impl View for DocumentsPanel {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        self.draw(ui, cx, &mut out);
        out
    }
}

impl DocumentsPanel {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        let Some(data) = cx.data else {
            ui.weak(lang.t("尚未载入文章", "No articles loaded"));
            return;
        };
        let in_view = cx.view.map(|v| v.documents()).unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(lang.count(data.ex.documents.len(), "篇文章", "article", "articles"));
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text(lang.t("筛选标题", "filter titles"))
                    .desired_width(f32::INFINITY),
            );
        });
        let q = self.filter.trim().to_string();
        let rows: Vec<usize> = data
            .ex
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                q.is_empty()
                    || d.title.as_deref().is_some_and(|t| t.contains(&q))
                    || d.path.to_string_lossy().contains(&q)
            })
            .map(|(i, _)| i)
            .collect();
        let script = cx.state.script;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .column(Column::remainder().at_least(120.0).clip(true))
            .column(Column::auto())
            .column(Column::auto())
            .column(Column::auto())
            .column(Column::auto())
            .header(20.0, |mut h| {
                h.col(|ui| {
                    ui.strong(lang.t("标题", "Title"));
                });
                h.col(|ui| {
                    ui.strong(lang.t("日期", "Date"));
                });
                h.col(|ui| {
                    ui.strong(lang.t("日期来源", "Date from"))
                        .on_hover_text(lang.t(
                            "日期行：标题下或文末的发布时间；网页元数据：HTML 的发布日期；最晚事件：正文所述最晚的日期；首个日期：正文第一个月日，年份不明",
                            "date line: a publication line under the title or at the end; page meta: the HTML page's publication date; latest event: the latest date the text reports; first stated: the first month and day, year unknown",
                        ));
                });
                h.col(|ui| {
                    ui.strong(lang.t("字体", "Script"));
                });
                h.col(|ui| {
                    ui.strong(lang.t("结对", "Pairs"));
                });
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let Some(d) = rows
                        .get(row.index())
                        .and_then(|&i| data.ex.documents.get(i))
                    else {
                        return;
                    };
                    let title = d
                        .title
                        .as_deref()
                        .map(|t| passages::in_script(t, script))
                        .unwrap_or_else(|| d.path.display().to_string());
                    let active = in_view.contains(&d.id);
                    row.col(|ui| {
                        let t = egui::RichText::new(title);
                        let t = if active { t } else { t.weak() };
                        ui.add(egui::Label::new(t).truncate())
                            .on_hover_text(d.path.display().to_string());
                    });
                    row.col(|ui| {
                        ui.label(d.date.map(|x| x.iso()).unwrap_or_default());
                    });
                    row.col(|ui| {
                        ui.label(d.date_source.map_or("", |s| date_source_name(s, lang)));
                    });
                    row.col(|ui| {
                        ui.label(match d.script {
                            shanhai_core::text::Script::Simplified => lang.t("简", "simp."),
                            shanhai_core::text::Script::Traditional => lang.t("繁", "trad."),
                            shanhai_core::text::Script::Mixed => lang.t("混", "mixed"),
                        });
                    });
                    row.col(|ui| {
                        ui.label(d.pairings.to_string());
                    });
                    if row.response().clicked() {
                        out.push(Command::OpenArticle(d.id, None));
                    }
                });
            });
    }
}

/// The short name of where a date came from.
pub fn date_source_name(s: DateSource, lang: Lang) -> &'static str {
    match s {
        DateSource::DateLine => lang.t("日期行", "date line"),
        DateSource::PageMeta => lang.t("网页元数据", "page meta"),
        DateSource::LatestEvent => lang.t("最晚事件", "latest event"),
        DateSource::FirstStated => lang.t("首个日期", "first stated"),
    }
}
