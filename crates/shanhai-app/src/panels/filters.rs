//! Filters: level, relations, documents, isolated nodes, dates, layout,
//! colours and script.

use shanhai_core::extract::Relation;
use shanhai_core::layout::Layout;
use shanhai_core::network::ViewLevel;
use shanhai_core::scene::ColourBy;
use strum::IntoEnumIterator as _;

use super::super::command::{Command, layout_name, level_name, relation_name, script_name};
use super::super::state::ScriptChoice;
use super::{Cx, View};
use shanhai_core::filter::month_label;

/// The filters panel (its state is the persisted [`Filters`](super::super::state::Filters)).
#[derive(Default)]
pub struct FiltersPanel;

impl View for FiltersPanel {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        self.draw(ui, cx, &mut out);
        out
    }
}

impl FiltersPanel {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        ui.heading(lang.t("层级", "Level"));
        ui.horizontal_wrapped(|ui| {
            for l in ViewLevel::iter().rev() {
                if ui
                    .selectable_label(cx.state.filters.level == l, level_name(l, lang))
                    .clicked()
                {
                    out.push(Command::SetLevel(l));
                }
            }
        });
        ui.separator();
        ui.heading(lang.t("关系", "Relations"));
        for r in Relation::ALL {
            let mut on = !cx.state.filters.hidden_relations.contains(&r);
            if ui.checkbox(&mut on, relation_name(r, lang)).changed() {
                out.push(Command::SetRelationHidden(r, !on));
            }
        }
        ui.separator();
        let max_docs = cx
            .data
            .map_or(1, |d| d.ex.documents.len())
            .max(cx.state.filters.min_documents)
            .max(2);
        let mut min = cx.state.filters.min_documents;
        if ui
            .add(
                egui::Slider::new(&mut min, 1..=max_docs)
                    .text(lang.t("最少文章数", "min. articles")),
            )
            .changed()
        {
            out.push(Command::SetMinDocuments(min));
        }
        let mut hide = cx.state.filters.hide_isolated;
        if ui
            .checkbox(&mut hide, lang.t("隐藏孤立节点", "Hide isolated regions"))
            .changed()
        {
            out.push(Command::SetHideIsolated(hide));
        }
        ui.separator();
        ui.heading(lang.t("日期", "Dates"));
        match cx.state.filters.months {
            Some((a, b)) => {
                ui.horizontal(|ui| {
                    ui.label(format!("{} – {}", month_label(a), month_label(b)));
                    if ui.button(lang.t("清除", "Clear")).clicked() {
                        out.push(Command::SetMonths(None));
                    }
                });
                let mut undated = cx.state.filters.include_undated;
                if ui
                    .checkbox(
                        &mut undated,
                        lang.t("包括无年份的文章", "Include articles without a year"),
                    )
                    .changed()
                {
                    out.push(Command::SetIncludeUndated(undated));
                }
            }
            None => {
                ui.weak(lang.t(
                    "全部日期（在下方时间轴上拖动以筛选）",
                    "All dates (drag on the timeline below to filter)",
                ));
            }
        }
        ui.separator();
        ui.heading(lang.t("显示", "Display"));
        ui.horizontal_wrapped(|ui| {
            for l in Layout::iter() {
                if ui
                    .selectable_label(cx.state.layout == l, layout_name(l, lang))
                    .clicked()
                {
                    out.push(Command::SetLayout(l));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (c, label) in [
                (ColourBy::Province, lang.t("按省份", "By province")),
                (ColourBy::Side, lang.t("按帮扶方/受援方", "By side")),
            ] {
                if ui
                    .selectable_label(cx.state.colour_by == c, label)
                    .clicked()
                {
                    out.push(Command::SetColourBy(c));
                }
            }
        });
        let mut map = cx.state.show_map;
        let geo = cx.state.layout == Layout::Geographic;
        let resp = ui
            .add_enabled(
                geo,
                egui::Checkbox::new(&mut map, lang.t("省界底图", "Province map")),
            )
            .on_disabled_hover_text(lang.t(
                "底图只在地理布局下显示",
                "The map is drawn under the geographic layout only",
            ));
        if resp.changed() {
            out.push(Command::ToggleMap);
        }
        let mut overlay = cx.state.show_reference;
        if ui
            .checkbox(
                &mut overlay,
                lang.t("显示官方结对参照", "Show official pairings"),
            )
            .changed()
        {
            out.push(Command::ToggleReference);
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t("文字：", "Text:"));
            for s in ScriptChoice::iter() {
                if ui
                    .selectable_label(cx.state.script == s, script_name(s, lang))
                    .clicked()
                {
                    out.push(Command::SetScript(s));
                }
            }
        });
        if let Some(v) = cx.view {
            ui.separator();
            ui.label(format!(
                "{} · {}",
                lang.count(v.node_count(), "个地区", "region", "regions"),
                lang.count(v.edge_count(), "条结对", "link", "links")
            ));
        }
    }
}
