//! Input of the network view: pan and zoom (egui's `Scene`), the node under
//! the pointer (through the scene's spatial index), its drag and click,
//! and its tooltip.

use super::*;

impl GraphView {
    /// Handles the pointer for one frame: returns the picture → screen
    /// transform, the node under the pointer, and the background's
    /// response (for edge clicks); pushes selections and drags to
    /// `events`.
    pub(super) fn interact(
        &mut self,
        ui: &mut egui::Ui,
        g: &Gazetteer,
        view: &mut View,
        lang: Lang,
        outer: Rect,
        events: &mut Vec<GraphEvent>,
    ) -> (TSTransform, Option<RegionId>, egui::Response) {
        // Pan and zoom; the node under the pointer gets a widget so that
        // dragging it moves the node instead of the view.
        let pointer = ui.ctx().pointer_hover_pos();
        let mut transform = TSTransform::IDENTITY;
        let mut node_resp: Option<(RegionId, egui::Response)> = None;
        let drag = self.drag;
        let scene_resp =
            egui::Scene::new()
                .zoom_range(0.02..=40.0)
                .show(ui, &mut self.scene_rect, |sui| {
                    transform = sui
                        .ctx()
                        .layer_transform_to_global(sui.layer_id())
                        .unwrap_or_default();
                    let target = match drag {
                        Some((r, _)) => Some(r),
                        None => pointer
                            .filter(|p| outer.contains(*p))
                            .and_then(|p| hit_node(view, transform, p)),
                    };
                    if let Some(r) = target
                        && let Some(p) = view.node_pos(r)
                    {
                        let si = view.scene_of.get(&r).copied().unwrap_or(0);
                        let rad = view.scene.nodes.get(si).map_or(6.0, |n| n.radius);
                        let rs = geometry::node_radius(rad, transform.scaling)
                            / transform.scaling.max(1e-6);
                        let rect =
                            Rect::from_center_size(pos2(p[0], p[1]), Vec2::splat(2.0 * rs + 6.0));
                        let id = sui.make_persistent_id(("node", r));
                        let resp = sui.interact(rect, id, Sense::click_and_drag());
                        node_resp = Some((r, resp));
                    }
                });
        if scene_resp.response.dragged()
            || ui
                .ctx()
                .input(|i| i.zoom_delta() != 1.0 || i.smooth_scroll_delta != Vec2::ZERO)
                && scene_resp.response.hovered()
        {
            self.fit_on_settle = false;
        }
        let inv = transform.inverse();
        // Node interaction.
        let mut hovered_node = None;
        if let Some((r, resp)) = node_resp {
            if resp.hovered() || resp.dragged() {
                hovered_node = Some(r);
            }
            let press = ui.ctx().input(|i| i.pointer.press_origin()).or(pointer);
            if resp.drag_started()
                && let (Some(p), Some(gp)) = (view.node_pos(r), press)
            {
                self.drag = Some((r, pos2(p[0], p[1]) - inv * gp));
                events.push(GraphEvent::Select(Selection::Node(r)));
            }
            if resp.dragged()
                && let Some((dr, grab)) = self.drag
                && dr == r
                && let Some(gp) = ui.ctx().pointer_latest_pos()
            {
                let p = inv * gp + grab;
                view.move_node(r, [p.x, p.y]);
            }
            if resp.drag_stopped()
                && let Some((dr, _)) = self.drag.take()
            {
                view.end_move();
                if let Some(&li) = view.layout_of.get(&dr)
                    && let Some(&p) = view.positions().get(li)
                {
                    events.push(GraphEvent::DragEnded(dr, p));
                }
            }
            if resp.clicked() {
                events.push(GraphEvent::Select(Selection::Node(r)));
            }
            if self.drag.is_none() {
                resp.on_hover_ui(|ui| node_tooltip(ui, g, view, r, lang));
            }
        } else if self.drag.take().is_some() {
            view.end_move();
        }

        (transform, hovered_node, scene_resp.response)
    }
}
