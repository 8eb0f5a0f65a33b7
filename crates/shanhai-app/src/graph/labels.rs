//! Level of detail of the network view: which labels show at the current
//! zoom (the scene's placer, the one the exports use, cached per zoom
//! step by the view), plus the selection's and the hovered region's
//! where they do not crowd the others; only what is on screen is drawn.

use super::*;

/// What the labels are drawn with.
pub(super) struct LabelCx<'a> {
    pub(super) painter: &'a egui::Painter,
    pub(super) view: &'a View,
    /// The labels the placer fits at this zoom.
    pub(super) placed: &'a [LabelPlace],
    pub(super) frame: Frame,
    pub(super) zoom: f32,
    pub(super) clip: Rect,
    pub(super) lit: &'a [bool],
    pub(super) selection: Selection,
    /// The selected and the hovered region: their labels always show.
    pub(super) strong: [Option<RegionId>; 2],
}

/// Draws the labels for this frame (and records their anchors).
pub(super) fn paint_labels(cx: &LabelCx<'_>, record: &mut Option<Painted>) {
    // Labels: those that fit at this cx.zoom (the exports' placer), plus
    // the cx.selection's and the hovered one's below their nodes where
    // they do not crowd the others.
    let label_size = cx.view.scene.label_size;
    let font = FontId::proportional(label_size);
    let mut order: Vec<(LabelPlace, bool)> = cx.placed.iter().copied().map(|p| (p, true)).collect();
    if cx.selection != Selection::None {
        order.retain(|(p, _)| cx.lit[p.node]);
        let have: Vec<bool> = {
            let mut v = vec![false; cx.view.scene.nodes.len()];
            for (p, _) in &order {
                v[p.node] = true;
            }
            v
        };
        order.extend(
            (0..cx.view.scene.nodes.len())
                .filter(|&i| cx.lit[i] && !have[i])
                .filter_map(|i| cx.view.scene.label_below(i, cx.zoom))
                .map(|p| (p, false)),
        );
    }
    let strong_of = |i: usize| {
        let id = cx.view.scene.nodes[i].id;
        cx.strong.contains(&Some(id))
    };
    for r in cx.strong.into_iter().flatten() {
        if let Some(si) = cx.view.scene_of.get(&r).copied() {
            let place = order
                .iter()
                .position(|(p, _)| p.node == si)
                .map(|k| order.remove(k).0)
                .or_else(|| cx.view.scene.label_below(si, cx.zoom));
            if let Some(p) = place {
                order.insert(0, (p, true));
            }
        }
    }
    let mut shown = vec![false; cx.view.scene.nodes.len()];
    let mut drawn = BoxIndex::new(label_size * 4.0);
    for (place, placed) in order {
        let i = place.node;
        if shown.get(i).copied().unwrap_or(true) {
            continue;
        }
        shown[i] = true;
        let (Some(anchor), Some(b)) = (
            cx.view.scene.label_anchor(&place, &cx.frame),
            cx.view.scene.label_box(&place, &cx.frame),
        ) else {
            continue;
        };
        if !cx.clip.contains(p2(anchor)) {
            continue;
        }
        let strong = strong_of(i);
        // Labels forced in by the cx.selection still must not pile up
        // (the selected and hovered ones always show).
        if !placed && !strong && drawn.overlaps(&b) {
            continue;
        }
        drawn.insert(b);
        if let Some(r) = record {
            r.labels.push((i, anchor));
        }
        let n = &cx.view.scene.nodes[i];
        let ink = if strong {
            Color32::BLACK
        } else {
            faded(c32(style::INK), cx.lit[i])
        };
        let rect = Rect::from_min_max(pos2(b[0], b[1]), pos2(b[2], b[3]));
        let galley = cx
            .painter
            .layout_no_wrap(n.label.clone(), font.clone(), ink);
        cx.painter.rect_filled(
            rect.expand(1.0),
            3.0,
            Color32::from_rgba_unmultiplied(255, 255, 255, if cx.lit[i] { 190 } else { 90 }),
        );
        let at = Align2::CENTER_TOP.anchor_size(pos2(anchor[0], b[1]), galley.size());
        cx.painter.galley(at.min, galley, ink);
    }
}
