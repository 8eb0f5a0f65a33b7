//! The official pairings and how many articles cover each.

use egui_extras::{Column, TableBuilder};

use super::super::command::{Command, Selection, relation_name};
use super::search::node_for as search_node;
use super::{Cx, View};

/// The official pairings panel.
#[derive(Default)]
pub struct ReferencePanel {
    only_missing: bool,
}

impl View for ReferencePanel {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let lang = cx.lang;
        let counts: Vec<usize> = cx
            .data
            .map(|d| d.official_counts.clone())
            .unwrap_or_default();
        let covered = counts.iter().filter(|&&n| n > 0).count();
        ui.label(format!(
            "{} · {}",
            lang.count(
                cx.reference.pairs.len(),
                "对官方结对",
                "official pair",
                "official pairs"
            ),
            lang.count(
                covered,
                "对有文章提及",
                "stated in the articles",
                "stated in the articles"
            )
        ));
        ui.checkbox(
            &mut self.only_missing,
            lang.t("只看未提及的", "Only those not stated"),
        );
        let rows: Vec<usize> = (0..cx.reference.pairs.len())
            .filter(|&i| !self.only_missing || counts.get(i).copied().unwrap_or(0) == 0)
            .collect();
        let g = cx.g;
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::remainder().at_least(140.0).clip(true))
            .column(Column::auto())
            .column(Column::auto())
            .header(20.0, |mut h| {
                h.col(|ui| {
                    ui.strong(lang.t("结对", "Pair"));
                });
                h.col(|ui| {
                    ui.strong(lang.t("状态", "Status"));
                });
                h.col(|ui| {
                    ui.strong(lang.t("文章", "Art."));
                });
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let Some(&i) = rows.get(row.index()) else {
                        return;
                    };
                    let p = &cx.reference.pairs[i];
                    let n = counts.get(i).copied().unwrap_or(0);
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(format!(
                                "{} → {}",
                                g.region(p.helper).name,
                                g.region(p.helped).name
                            ))
                            .truncate(),
                        )
                        .on_hover_text(format!(
                            "{} · {} {}{}",
                            relation_name(p.relation, lang),
                            lang.t("年份", "years"),
                            super::super::reference::years(p),
                            if p.note.is_empty() {
                                String::new()
                            } else {
                                format!("\n{}", p.note)
                            }
                        ));
                    });
                    row.col(|ui| {
                        ui.label(p.status.name(lang));
                    });
                    row.col(|ui| {
                        if n == 0 {
                            ui.weak("0");
                        } else {
                            ui.label(n.to_string());
                        }
                    });
                    if row.response().clicked() {
                        let level = cx.state.filters.level;
                        let sel = match cx.view {
                            Some(v) => match (
                                search_node(g, v, p.helper, level),
                                search_node(g, v, p.helped, level),
                            ) {
                                (Some(a), Some(b)) if v.net.edge(a, b, p.relation).is_some() => {
                                    Selection::Edge(a, b, p.relation)
                                }
                                (Some(a), _) => Selection::Node(a),
                                _ => Selection::Node(p.helper),
                            },
                            None => Selection::Node(p.helper),
                        };
                        cx.out.push(Command::Select(sel));
                    }
                });
            });
    }
}
