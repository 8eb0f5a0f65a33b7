//! What is under the pointer (nodes through the scene's index, edges by
//! distance to their polyline) and the tooltips.

use super::*;

/// Distance from `p` to a polyline.
pub(super) fn polyline_distance(p: Pos2, pts: &[Pos2]) -> f32 {
    pts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
            (a + ab * t).distance(p)
        })
        .fold(f32::INFINITY, f32::min)
}

/// The node under a screen position.
pub(super) fn hit_node(view: &View, t: TSTransform, screen: Pos2) -> Option<RegionId> {
    let zoom = t.scaling.max(1e-6);
    let p = t.inverse() * screen;
    let reach = 30.0 / zoom + 30.0;
    let mut best: Option<(f32, RegionId)> = None;
    for i in view.index.near([p.x, p.y], reach) {
        let Some(n) = view.scene.nodes.get(i) else {
            continue;
        };
        let d = (t * pos2(n.pos[0], n.pos[1])).distance(screen);
        if d <= geometry::node_radius(n.radius, zoom) + 3.0 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, n.id));
        }
    }
    best.map(|(_, r)| r)
}

pub(super) fn node_tooltip(ui: &mut egui::Ui, g: &Gazetteer, view: &View, r: RegionId, lang: Lang) {
    let reg = g.region(r);
    ui.strong(&reg.name);
    let chain: Vec<&str> = g.ancestors(r).map(|a| g.region(a).name.as_str()).collect();
    if !chain.is_empty() {
        ui.label(chain.join(" · "));
    }
    if let Some(ni) = view.net.node_of(r) {
        let out = view
            .net
            .graph
            .edges_directed(ni, petgraph::Direction::Outgoing)
            .count();
        let inc = view
            .net
            .graph
            .edges_directed(ni, petgraph::Direction::Incoming)
            .count();
        ui.label(format!(
            "{} {out} · {} {inc}",
            lang.t("帮扶", "helps"),
            lang.t("受援", "helped by")
        ));
    }
    ui.weak(lang.t("点击查看依据", "Click to read the evidence"));
}

pub(super) fn edge_tooltip(
    ui: &mut egui::Ui,
    g: &Gazetteer,
    view: &View,
    e: &SceneEdge,
    lang: Lang,
) {
    let (a, b) = (view.scene.nodes[e.from].id, view.scene.nodes[e.to].id);
    ui.strong(format!("{} → {}", g.region(a).name, g.region(b).name));
    ui.label(relation_name(e.relation, lang));
    ui.label(lang.count(e.documents, "篇文章", "article", "articles"));
}
