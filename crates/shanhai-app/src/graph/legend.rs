//! The legend box: the scene's legend items in the interface's language.

use super::*;

pub(super) fn paint_swatch(painter: &egui::Painter, rect: Rect, sw: &Swatch) {
    let (x, y) = (rect.left(), rect.center().y);
    match sw {
        Swatch::Line {
            color,
            dashed,
            width,
        } => {
            let pts = [pos2(x + 1.0, y), pos2(x + 21.0, y)];
            if *dashed {
                painter.extend(Shape::dashed_line(
                    &pts,
                    Stroke::new(*width, c32(*color)),
                    4.0,
                    3.0,
                ));
            } else {
                painter.line_segment(pts, Stroke::new(*width, c32(*color)));
            }
        }
        Swatch::Dot { fill } => {
            painter.circle_filled(pos2(x + 11.0, y), 5.5, c32(*fill));
        }
        Swatch::Ring { color } => {
            painter.circle_filled(pos2(x + 11.0, y), 5.5, Color32::from_gray(200));
            painter.circle_stroke(pos2(x + 11.0, y), 5.5, Stroke::new(1.8, c32(*color)));
        }
        Swatch::None => {}
    }
}

/// A legend line: its swatch and its words.
pub(super) type LegendRow = (Swatch, String);

pub(super) fn legend_rows(ui: &mut egui::Ui, items: &[LegendRow]) {
    for (sw, label) in items {
        ui.horizontal(|ui| {
            if !matches!(sw, Swatch::None) {
                let (rect, _) = ui.allocate_exact_size(vec2(24.0, 14.0), Sense::hover());
                paint_swatch(ui.painter(), rect, sw);
            }
            ui.label(egui::RichText::new(label).size(12.5).color(c32(style::INK)));
        });
    }
}

impl GraphView {
    /// The legend: a small collapsible box in the view's bottom-left
    /// corner; edges and notes on the left, node colours and levels on the
    /// right.
    pub(super) fn legend(
        &self,
        ui: &egui::Ui,
        g: &Gazetteer,
        outer: Rect,
        view: &View,
        lang: Lang,
    ) {
        // The scene's legend (what the exports show) in the interface's
        // language, lines and notes on the left, node colours and levels
        // on the right.
        let (dots, lines): (Vec<LegendRow>, Vec<LegendRow>) = view
            .scene
            .legend
            .iter()
            .map(|item| (item.swatch.clone(), item.key.label(g, lang)))
            .partition(|(sw, _)| matches!(sw, Swatch::Dot { .. } | Swatch::Ring { .. }));
        egui::Area::new(ui.make_persistent_id("legend"))
            .order(egui::Order::Middle)
            .pivot(Align2::LEFT_BOTTOM)
            .fixed_pos(pos2(outer.left() + 8.0, outer.bottom() - 8.0))
            .constrain_to(outer)
            .show(ui.ctx(), |ui| {
                egui::Frame::new()
                    .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 230))
                    .stroke(Stroke::new(1.0, Color32::from_gray(215)))
                    .corner_radius(6.0)
                    .inner_margin(6.0)
                    .show(ui, |ui| {
                        ui.visuals_mut().override_text_color = Some(c32(style::INK));
                        egui::CollapsingHeader::new(
                            egui::RichText::new(lang.t("图例", "Legend"))
                                .size(12.5)
                                .strong(),
                        )
                        .id_salt("legend-header")
                        .default_open(true)
                        .show(ui, |ui| {
                            ui.spacing_mut().item_spacing.y = 1.0;
                            ui.horizontal_top(|ui| {
                                ui.vertical(|ui| legend_rows(ui, &lines));
                                if !dots.is_empty() {
                                    ui.add_space(10.0);
                                    ui.vertical(|ui| legend_rows(ui, &dots));
                                }
                            });
                        });
                    });
            });
    }
}
