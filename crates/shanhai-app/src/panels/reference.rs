//! The official pairings: by scheme and by year (the timeline's range),
//! how many the opened folder states, which it never states, and which
//! stated links are not official; every row leads to its link or region.

use egui_extras::{Column, TableBuilder};

use super::super::command::{Command, Selection, relation_name};
use super::super::i18n::Lang;
use super::super::reference::years;
use super::search::node_for as search_node;
use super::{Cx, View};
use shanhai_core::reference::{SchemeCoverage, StatedLink, unofficial_links};

/// The official pairings panel.
#[derive(Default)]
pub struct ReferencePanel {
    only_missing: bool,
    /// Generation of the data (set by the app), for the cache below.
    pub data_gen: u64,
    /// Stated links no official pair covers, for (data, view key).
    unofficial: Option<((u64, usize, usize), Vec<StatedLink>)>,
}

/// The name of a scheme id in the interface language.
pub fn scheme_name(id: &str, lang: Lang) -> &str {
    let (zh, en) = match id {
        "east_west_cooperation" => ("东西部协作（省、市）", "East–West cooperation"),
        "east_west_county" => ("携手奔小康（县）", "East–West, county pairs"),
        "counterpart_support_xinjiang" => ("对口援疆", "Counterpart support, Xinjiang"),
        "counterpart_support_tibet" => ("对口援藏", "Counterpart support, Tibet"),
        "counterpart_support_qinghai" => ("对口援青", "Counterpart support, Qinghai"),
        "three_gorges" => ("三峡库区对口支援", "Three Gorges"),
        "wenchuan_reconstruction" => ("汶川地震灾后重建", "Wenchuan reconstruction"),
        "yushu_reconstruction" => ("玉树地震灾后重建", "Yushu reconstruction"),
        "zhouqu_reconstruction" => ("舟曲灾后重建", "Zhouqu reconstruction"),
        "northeast_east_cooperation" => ("东北与东部对口合作", "North-east–east cooperation"),
        "old_revolutionary_areas" => ("革命老区对口合作", "Old revolutionary areas"),
        "hubei_2020" => ("2020年对口支援湖北", "Hubei 2020"),
        "guangdong_intra" => ("广东省内对口帮扶", "Guangdong, within the province"),
        "jiangsu_south_north" => ("江苏南北挂钩", "Jiangsu south–north"),
        "zhejiang_mountain_sea" => ("浙江山海协作", "Zhejiang mountain–sea"),
        "fujian_mountain_sea" => ("福建山海协作", "Fujian mountain–sea"),
        "yangtze_delta_anhui_north" => ("沪苏浙与皖北结对合作", "Yangtze delta–northern Anhui"),
        _ => return id,
    };
    lang.t(zh, en)
}

impl ReferencePanel {
    /// The schemes with their coverage; a click shows or hides one.
    fn schemes(
        &mut self,
        ui: &mut egui::Ui,
        cx: &Cx<'_>,
        cov: &[SchemeCoverage],
        out: &mut Vec<Command>,
    ) {
        let lang = cx.lang;
        egui::CollapsingHeader::new(lang.t("按方案", "By scheme"))
            .id_salt("schemes")
            .default_open(true)
            .show(ui, |ui| {
                for c in cov {
                    ui.horizontal(|ui| {
                        let mut shown = !cx.state.hidden_schemes.contains(&c.scheme);
                        let label = scheme_name(&c.scheme, lang);
                        if ui.checkbox(&mut shown, label).changed() {
                            out.push(Command::SetSchemeHidden(c.scheme.clone(), !shown));
                        }
                        ui.weak(format!(
                            "{}/{} {}",
                            c.stated,
                            c.pairs,
                            lang.t("有文章提及", "stated")
                        ))
                        .on_hover_text(lang.count(
                            c.pairs - c.stated,
                            "对从未被提及",
                            "pair never stated",
                            "pairs never stated",
                        ));
                    });
                }
            });
    }

    /// The links the articles state that no official pair covers.
    fn unofficial(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        let Some(v) = cx.view else {
            return;
        };
        let key = (self.data_gen, v.net.node_count(), v.net.edge_count());
        if self.unofficial.as_ref().is_none_or(|(k, _)| *k != key) {
            let list = unofficial_links(cx.g, cx.reference, &v.net);
            self.unofficial = Some((key, list));
        }
        let Some((_, list)) = &self.unofficial else {
            return;
        };
        egui::CollapsingHeader::new(lang.count(
            list.len(),
            "条文章所述、非官方结对",
            "stated link not in the official lists",
            "stated links not in the official lists",
        ))
        .id_salt("unofficial")
        .show(ui, |ui| {
            for &(a, b, rel, n) in list.iter().take(200) {
                let text = format!(
                    "{} → {} · {}",
                    cx.g.region(a).name,
                    cx.g.region(b).name,
                    lang.count(n, "篇", "article", "articles")
                );
                if ui
                    .link(text)
                    .on_hover_text(relation_name(rel, lang))
                    .clicked()
                {
                    out.push(Command::Select(Selection::Edge(a, b, rel)));
                }
            }
        });
    }
}

impl View for ReferencePanel {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        self.draw(ui, cx, &mut out);
        out
    }
}

impl ReferencePanel {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        let counts: Vec<usize> = cx
            .data
            .map(|d| d.official_counts.clone())
            .unwrap_or_default();
        let filter = cx.state.official_filter();
        let cov = cx.reference.coverage(
            &counts,
            &shanhai_core::reference::OfficialFilter {
                hidden_schemes: Default::default(),
                years: filter.years,
            },
        );
        let shown: Vec<usize> = (0..cx.reference.pairs.len())
            .filter(|&i| filter.shows(&cx.reference.pairs[i]))
            .collect();
        let covered = shown
            .iter()
            .filter(|&&i| counts.get(i).copied().unwrap_or(0) > 0)
            .count();
        ui.label(format!(
            "{} · {}",
            lang.count(shown.len(), "对官方结对", "official pair", "official pairs"),
            lang.count(
                covered,
                "对有文章提及",
                "stated in the articles",
                "stated in the articles"
            )
        ));
        match filter.years {
            Some((a, b)) => ui.weak(format!(
                "{} {a}–{b} {}",
                lang.t("时间轴范围内生效：", "In force in the timeline's range:"),
                lang.t("年", "")
            )),
            None => ui.weak(lang.t(
                "所有年份（在时间轴上拖动以选择年份）",
                "All years (drag on the timeline to pick years)",
            )),
        };
        self.schemes(ui, cx, &cov, out);
        self.unofficial(ui, cx, out);
        ui.checkbox(
            &mut self.only_missing,
            lang.t("只看未提及的", "Only those not stated"),
        );
        let rows: Vec<usize> = shown
            .into_iter()
            .filter(|&i| !self.only_missing || counts.get(i).copied().unwrap_or(0) == 0)
            .collect();
        let g = cx.g;
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::remainder().at_least(140.0).clip(true))
            .column(Column::auto())
            .column(Column::auto())
            .column(Column::auto())
            .header(20.0, |mut h| {
                h.col(|ui| {
                    ui.strong(lang.t("结对", "Pair"));
                });
                h.col(|ui| {
                    ui.strong(lang.t("年份", "Years"));
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
                            "{} · {}\n{}{}{}",
                            scheme_name(&p.scheme, lang),
                            relation_name(p.relation, lang),
                            p.source,
                            if p.source_url.is_empty() {
                                String::new()
                            } else {
                                format!("\n{}", p.source_url)
                            },
                            if p.note.is_empty() {
                                String::new()
                            } else {
                                format!("\n{}", p.note)
                            }
                        ));
                    });
                    row.col(|ui| {
                        ui.label(years(p));
                    });
                    row.col(|ui| {
                        ui.label(super::super::reference::status_name(p.status, lang));
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
                        out.push(Command::Select(sel));
                    }
                });
            });
    }
}
