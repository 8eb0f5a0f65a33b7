//! Filters: level, relations, documents, isolated nodes, dates, layout,
//! colours and script.

use shanhai_core::extract::Relation;
use shanhai_core::layout::Layout;
use shanhai_core::network::ViewLevel;
use shanhai_core::scene::ColourBy;

use super::super::command::{Command, layout_name, level_name, relation_name, script_name};
use super::super::state::ScriptChoice;
use super::{Cx, View};
use shanhai_core::filter::month_label;

/// The filters panel (its state is the persisted [`Filters`](super::super::state::Filters)).
#[derive(Default)]
pub struct FiltersPanel;

impl View for FiltersPanel {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let lang = cx.lang;
        ui.heading(lang.t("层级", "Level"));
        ui.horizontal_wrapped(|ui| {
            for l in [
                ViewLevel::Province,
                ViewLevel::Prefecture,
                ViewLevel::Stated,
            ] {
                if ui
                    .selectable_label(cx.state.filters.level == l, level_name(l, lang))
                    .clicked()
                {
                    cx.out.push(Command::SetLevel(l));
                }
            }
        });
        ui.separator();
        ui.heading(lang.t("关系", "Relations"));
        for r in Relation::ALL {
            let mut on = !cx.state.filters.hidden_relations.contains(&r);
            if ui.checkbox(&mut on, relation_name(r, lang)).changed() {
                if on {
                    cx.state.filters.hidden_relations.remove(&r);
                } else {
                    cx.state.filters.hidden_relations.insert(r);
                }
            }
        }
        ui.separator();
        let max_docs = cx
            .data
            .map_or(1, |d| d.ex.documents.len())
            .max(cx.state.filters.min_documents)
            .max(2);
        ui.add(
            egui::Slider::new(&mut cx.state.filters.min_documents, 1..=max_docs)
                .text(lang.t("最少文章数", "min. articles")),
        );
        ui.checkbox(
            &mut cx.state.filters.hide_isolated,
            lang.t("隐藏孤立节点", "Hide isolated regions"),
        );
        ui.separator();
        ui.heading(lang.t("日期", "Dates"));
        match cx.state.filters.months {
            Some((a, b)) => {
                ui.horizontal(|ui| {
                    ui.label(format!("{} – {}", month_label(a), month_label(b)));
                    if ui.button(lang.t("清除", "Clear")).clicked() {
                        cx.state.filters.months = None;
                    }
                });
                ui.checkbox(
                    &mut cx.state.filters.include_undated,
                    lang.t("包括无年份的文章", "Include articles without a year"),
                );
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
            for l in Layout::ALL {
                if ui
                    .selectable_label(cx.state.layout == l, layout_name(l, lang))
                    .clicked()
                {
                    cx.out.push(Command::SetLayout(l));
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
                    cx.out.push(Command::SetColourBy(c));
                }
            }
        });
        let mut overlay = cx.state.show_reference;
        if ui
            .checkbox(
                &mut overlay,
                lang.t("显示官方结对参照", "Show official pairings"),
            )
            .changed()
        {
            cx.out.push(Command::ToggleReference);
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t("文字：", "Text:"));
            for s in [
                ScriptChoice::Original,
                ScriptChoice::Simplified,
                ScriptChoice::Traditional,
            ] {
                if ui
                    .selectable_label(cx.state.script == s, script_name(s, lang))
                    .clicked()
                {
                    cx.out.push(Command::SetScript(s));
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
