//! The inspector: the selected region (name, level, parent chain, code,
//! partners by relation) or link, and the passages that state each link.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::visit::EdgeRef;

use shanhai_core::extract::Relation;
use shanhai_core::gazetteer::{Gazetteer, RegionId};
use shanhai_core::network::Link;

use super::super::command::{Command, Selection, region_level_name, relation_name, script_name};
use super::super::i18n::Lang;
use super::super::model::Data;
use super::super::passages::{self, DocCache, Segments};
use super::super::state::ScriptChoice;
use super::{Cx, View};

/// Passages shown per link before "show all".
const FIRST_PASSAGES: usize = 6;

/// One passage ready to show.
#[derive(Clone)]
pub struct PassageView {
    /// Document id.
    pub doc: u32,
    /// Byte offset of the sentence.
    pub start: usize,
    /// The text (already in the chosen script).
    pub segments: Segments,
    /// Title · date.
    pub meta: String,
    /// Path of the article.
    pub path: String,
}

/// The passages of one link.
#[derive(Clone)]
struct LinkPassages {
    key: (RegionId, RegionId, Relation),
    passages: Vec<PassageView>,
    total: usize,
    error: Option<String>,
}

/// The inspector panel.
#[derive(Default)]
pub struct Inspector {
    cache_key: Option<(Selection, ScriptChoice, u64, bool)>,
    links: Vec<LinkPassages>,
    expanded: std::collections::BTreeSet<(RegionId, RegionId, Relation)>,
    /// Generation of the data the cache was made from (set by the app).
    pub data_gen: u64,
}

fn doc_meta(data: &Data, doc: u32, script: ScriptChoice) -> (String, String) {
    match data.doc(doc) {
        Some(d) => {
            let title = d
                .title
                .as_deref()
                .map(|t| passages::in_script(t, script))
                .unwrap_or_else(|| d.path.display().to_string());
            let date = d.date.map(|x| x.iso()).unwrap_or_default();
            let meta = if date.is_empty() {
                title
            } else {
                format!("{title} · {date}")
            };
            (meta, d.path.display().to_string())
        }
        None => (String::new(), String::new()),
    }
}

/// The passages of a link (at most `limit`, read through the cache).
fn link_passages(
    g: &Gazetteer,
    data: &Data,
    docs: &DocCache,
    key: (RegionId, RegionId, Relation),
    link: &Link,
    script: ScriptChoice,
    limit: usize,
) -> LinkPassages {
    let mut out = LinkPassages {
        key,
        passages: Vec::new(),
        total: link.evidence.len(),
        error: None,
    };
    for ev in link.evidence.iter().take(limit) {
        let (meta, path) = doc_meta(data, ev.doc, script);
        let segments = match data.doc(ev.doc).map(|info| docs.get(g, &data.source, info)) {
            Some(Ok(doc)) => doc.passage(ev),
            Some(Err(e)) => {
                out.error = Some(e);
                None
            }
            None => None,
        };
        // The file changed or is gone: show the sentence as recorded.
        let segments = segments.unwrap_or_else(|| {
            vec![(
                shanhai_core::text::normalise::strip_annotations(&ev.text),
                passages::Mark::Plain,
            )]
        });
        out.passages.push(PassageView {
            doc: ev.doc,
            start: ev.start,
            segments: passages::convert(&segments, script),
            meta,
            path,
        });
    }
    out
}

/// The links of the selection: (helper, helped, link).
fn selected_links(cx: &Cx<'_>) -> Vec<(RegionId, RegionId, Link)> {
    let Some(v) = cx.view else {
        return Vec::new();
    };
    let net = &v.net;
    match cx.selection {
        Selection::Node(r) => {
            let Some(ni) = net.node_of(r) else {
                return Vec::new();
            };
            let mut v: Vec<(RegionId, RegionId, Link)> = net
                .graph
                .edges_directed(ni, Direction::Outgoing)
                .chain(net.graph.edges_directed(ni, Direction::Incoming))
                .filter_map(|e| {
                    Some((
                        *net.graph.node_weight(e.source())?,
                        *net.graph.node_weight(e.target())?,
                        e.weight().clone(),
                    ))
                })
                .collect();
            v.sort_by(|a, b| {
                (a.2.relation, std::cmp::Reverse(a.2.weight()), a.0, a.1).cmp(&(
                    b.2.relation,
                    std::cmp::Reverse(b.2.weight()),
                    b.0,
                    b.1,
                ))
            });
            v
        }
        Selection::Edge(a, b, rel) => net
            .edge(a, b, rel)
            .and_then(|e| net.graph.edge_weight(e))
            .map(|l| vec![(a, b, l.clone())])
            .unwrap_or_default(),
        Selection::None => Vec::new(),
    }
}

impl Inspector {
    fn refresh(&mut self, cx: &Cx<'_>, links: &[(RegionId, RegionId, Link)]) {
        let key = (
            cx.selection,
            cx.state.script,
            self.data_gen,
            cx.view.is_some(),
        );
        if self.cache_key == Some(key) {
            return;
        }
        self.cache_key = Some(key);
        self.links.clear();
        let Some(data) = cx.data else {
            return;
        };
        for (a, b, l) in links {
            let k = (*a, *b, l.relation);
            let limit = if self.expanded.contains(&k) {
                usize::MAX
            } else {
                FIRST_PASSAGES
            };
            self.links.push(link_passages(
                cx.g,
                data,
                cx.docs,
                k,
                l,
                cx.state.script,
                limit,
            ));
        }
    }

    /// Forgets the passages (new data, or the files changed).
    pub fn invalidate(&mut self) {
        self.cache_key = None;
    }
}

fn region_header(ui: &mut egui::Ui, g: &Gazetteer, r: RegionId, lang: Lang) {
    let reg = g.region(r);
    ui.heading(&reg.name);
    egui::Grid::new(("region", r))
        .num_columns(2)
        .show(ui, |ui| {
            ui.weak(lang.t("级别", "Level"));
            ui.label(region_level_name(reg.level, lang));
            ui.end_row();
            ui.weak(lang.t("上级", "Part of"));
            let chain: Vec<&str> = g.ancestors(r).map(|a| g.region(a).name.as_str()).collect();
            ui.label(if chain.is_empty() {
                "—".to_string()
            } else {
                chain.join(" › ")
            });
            ui.end_row();
            ui.weak(lang.t("区划代码", "Code"));
            ui.label(&reg.code);
            ui.end_row();
        });
}

fn passage_ui(
    ui: &mut egui::Ui,
    p: &PassageView,
    lang: Lang,
    out: &mut Vec<Command>,
    on_disk: bool,
) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().extreme_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let dark = ui.visuals().dark_mode;
            let job = passages::to_job(&p.segments, 14.0, ui.available_width(), dark, false);
            ui.label(job);
            ui.add(egui::Label::new(egui::RichText::new(&p.meta).size(12.0).strong()).wrap());
            ui.add(egui::Label::new(egui::RichText::new(&p.path).size(11.5).weak()).wrap());
            ui.horizontal(|ui| {
                if ui
                    .small_button(lang.t("打开文章", "Open article"))
                    .clicked()
                {
                    out.push(Command::OpenArticle(p.doc, Some(p.start)));
                }
                if on_disk
                    && ui
                        .small_button(lang.t("在文件夹中显示", "Reveal file"))
                        .clicked()
                {
                    out.push(Command::RevealFile(p.doc));
                }
            });
        });
}

impl View for Inspector {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        self.draw(ui, cx, &mut out);
        out
    }
}

impl Inspector {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        let g = cx.g;
        let links = selected_links(cx);
        self.refresh(cx, &links);
        let on_disk = cx.data.is_some_and(|d| d.source.root().is_some());
        match cx.selection {
            Selection::None => {
                ui.heading(lang.t("检查器", "Inspector"));
                ui.weak(lang.t(
                    "点击网络中的地区或连线，或在左侧搜索地区，即可查看结对关系及其原文依据。",
                    "Click a region or a link in the network, or find a region on the left, to see its pairings and the passages that state them.",
                ));
                return;
            }
            Selection::Node(r) => {
                region_header(ui, g, r, lang);
                ui.separator();
                if links.is_empty() {
                    ui.weak(lang.t(
                        "当前筛选下没有结对关系。",
                        "No pairings under the current filters.",
                    ));
                }
                // Partners by relation.
                let mut by_rel: BTreeMap<Relation, Vec<&(RegionId, RegionId, Link)>> =
                    BTreeMap::new();
                for l in &links {
                    by_rel.entry(l.2.relation).or_default().push(l);
                }
                ui.strong(lang.t("结对伙伴", "Partners"));
                for (rel, list) in &by_rel {
                    ui.label(
                        egui::RichText::new(relation_name(*rel, lang))
                            .color(super::super::graph::c32(
                                shanhai_core::scene::style::relation_colour(*rel),
                            ))
                            .strong(),
                    );
                    for (a, b, l) in list {
                        let (arrow, partner) = if *a == r { ("→", *b) } else { ("←", *a) };
                        ui.horizontal(|ui| {
                            let text = format!("{arrow} {}", g.region(partner).name);
                            if ui
                                .button(text)
                                .on_hover_text(lang.t("查看这条结对", "Show this link"))
                                .clicked()
                            {
                                out.push(Command::Select(Selection::Edge(*a, *b, l.relation)));
                            }
                            ui.label(lang.count(l.weight(), "篇", "art.", "art."));
                            if ui
                                .small_button("◎")
                                .on_hover_text(lang.t("选中该地区", "Select this region"))
                                .clicked()
                            {
                                out.push(Command::Select(Selection::Node(partner)));
                            }
                        });
                    }
                }
            }
            Selection::Edge(a, b, rel) => {
                ui.heading(format!("{} → {}", g.region(a).name, g.region(b).name));
                ui.label(egui::RichText::new(relation_name(rel, lang)).strong());
                if let Some((_, _, l)) = links.first() {
                    ui.label(format!(
                        "{} · {} {:.2}",
                        lang.count(l.weight(), "篇文章", "article", "articles"),
                        lang.t("置信度", "confidence"),
                        l.confidence
                    ));
                    if let (Some(f), Some(last)) = (l.first, l.last) {
                        ui.label(format!("{} – {}", f.iso(), last.iso()));
                    }
                } else {
                    ui.weak(lang.t(
                        "当前筛选下没有这条结对。",
                        "Not in the network under the current filters.",
                    ));
                }
                // Official status.
                let official: Vec<_> = cx
                    .reference
                    .pairs
                    .iter()
                    .filter(|p| p.relation == rel && p.helper == a && p.helped == b)
                    .collect();
                if let Some(p) = official.first() {
                    ui.label(format!(
                        "★ {} ({}{})",
                        lang.t("官方结对", "official pair"),
                        super::super::reference::status_name(p.status, lang),
                        match super::super::reference::years(p) {
                            y if y.is_empty() => y,
                            y => format!(", {y}"),
                        }
                    ));
                }
                ui.horizontal(|ui| {
                    for (r, side) in [
                        (a, lang.t("帮扶方", "helper")),
                        (b, lang.t("受援方", "helped")),
                    ] {
                        if ui.button(format!("{side}: {}", g.region(r).name)).clicked() {
                            out.push(Command::Select(Selection::Node(r)));
                        }
                    }
                });
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(lang.t("原文依据", "Passages"));
            ui.weak(format!("({})", script_name(cx.state.script, lang)));
        });
        let mut expand = None;
        egui::ScrollArea::vertical()
            .id_salt("passages")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let single = self.links.len() == 1;
                for (k, lp) in self.links.iter().enumerate() {
                    let (a, b, rel) = lp.key;
                    let head = format!(
                        "{} → {} · {} · {}",
                        g.region(a).name,
                        g.region(b).name,
                        relation_name(rel, lang),
                        lp.total
                    );
                    let mut body = |ui: &mut egui::Ui| {
                        if let Some(e) = &lp.error {
                            ui.colored_label(egui::Color32::from_rgb(190, 60, 40), e);
                        }
                        for p in &lp.passages {
                            passage_ui(ui, p, lang, out, on_disk);
                        }
                        if lp.passages.len() < lp.total
                            && ui
                                .button(format!(
                                    "{} ({})",
                                    lang.t("显示全部", "Show all"),
                                    lp.total
                                ))
                                .clicked()
                        {
                            expand = Some(lp.key);
                        }
                    };
                    if single {
                        body(ui);
                    } else {
                        egui::CollapsingHeader::new(head)
                            .id_salt(("link", a, b, rel))
                            .default_open(k < 3)
                            .show(ui, body);
                    }
                }
            });
        if let Some(k) = expand {
            self.expanded.insert(k);
            self.invalidate();
        }
    }
}
