//! Search: a region by name in simplified or traditional characters or by
//! short form (津, 天津, 天津市), with completion; choosing one selects it
//! and centres the view on it.

use shanhai_core::gazetteer::{Gazetteer, Level, RegionId};
use shanhai_core::network::ViewLevel;

use super::super::command::{Command, Selection};
use super::super::model::View as NetView;
use super::{Cx, View};

/// The search box and its results.
#[derive(Default)]
pub struct SearchPanel {
    /// What the user typed.
    pub query: String,
    results: Vec<RegionId>,
    searched: String,
}

/// The node that stands for a region at a level: itself, or its ancestor
/// at the view level.
pub fn node_for(g: &Gazetteer, view: &NetView, r: RegionId, level: ViewLevel) -> Option<RegionId> {
    if view.contains(r) {
        return Some(r);
    }
    let up = match level {
        ViewLevel::Stated => None,
        ViewLevel::Prefecture => g.at_level(r, Level::Prefecture),
        ViewLevel::Province => g.at_level(r, Level::Province),
    }?;
    view.contains(up).then_some(up)
}

/// Resolves a typed name to the node to select: exact names first
/// ([`Gazetteer::lookup`]), then completions; regions in the view win.
pub fn resolve(
    g: &Gazetteer,
    view: Option<&NetView>,
    level: ViewLevel,
    query: &str,
) -> Option<RegionId> {
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    let mut cands = g.lookup(q);
    if let Some(r) = g.by_code(q) {
        cands.insert(0, r);
    }
    cands.extend(g.search(q, 20));
    if let Some(v) = view
        && let Some(r) = cands.iter().find_map(|&r| node_for(g, v, r, level))
    {
        return Some(r);
    }
    cands.first().copied()
}

impl View for SearchPanel {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        self.draw(ui, cx, &mut out);
        out
    }
}

impl SearchPanel {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        let label = ui.label(lang.t("搜索地区", "Find a region"));
        let resp = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text(lang.t("如 津、天津、天津市、甘肅", "e.g. 津, 天津, 天津市, 甘肅"))
                .desired_width(f32::INFINITY),
        );
        let resp = resp.labelled_by(label.id);
        if self.query.trim() != self.searched {
            self.searched = self.query.trim().to_string();
            let mut r = cx.g.lookup(&self.searched);
            for x in cx.g.search(&self.searched, 40) {
                if !r.contains(&x) {
                    r.push(x);
                }
            }
            // Regions in the network first.
            if let Some(v) = cx.view {
                r.sort_by_key(|&x| !v.contains(x));
            }
            r.truncate(12);
            self.results = r;
        }
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter && !self.searched.is_empty() {
            out.push(Command::Find(self.searched.clone()));
        }
        if self.searched.is_empty() {
            return;
        }
        if self.results.is_empty() {
            ui.weak(lang.t("没有找到", "Nothing found"));
        }
        let level = cx.state.filters.level;
        for &r in &self.results {
            let reg = cx.g.region(r);
            let parent = reg
                .parent
                .map(|p| cx.g.region(p).name.clone())
                .unwrap_or_default();
            let target = cx.view.and_then(|v| node_for(cx.g, v, r, level));
            let text = if parent.is_empty() {
                reg.name.clone()
            } else {
                format!("{} · {parent}", reg.name)
            };
            let rich = if target.is_some() {
                egui::RichText::new(text).strong()
            } else {
                egui::RichText::new(text).weak()
            };
            let resp = ui.add(egui::Button::new(rich).frame(false));
            let resp = match target {
                Some(t) if t != r => resp.on_hover_text(format!(
                    "{} {}",
                    lang.t("在此层级显示为", "shown at this level as"),
                    cx.g.region(t).name
                )),
                None => resp.on_hover_text(lang.t("不在当前网络中", "not in the current network")),
                _ => resp,
            };
            if resp.clicked() {
                out.push(Command::Select(Selection::Node(target.unwrap_or(r))));
            }
        }
    }
}
