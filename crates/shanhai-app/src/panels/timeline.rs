//! The timeline strip: articles per month; dragging across it filters the
//! network to the articles of those months. It plays, too: the network
//! grows month by month or year by year (cumulative, or a sliding window
//! of a few steps), with play, pause, step and a playhead to drag
//! ([`shanhai_core::playback`]). Undated articles are counted apart.

use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, pos2, vec2};

use super::super::command::Command;
use super::super::state::Month;
use super::{Cx, View};
use shanhai_core::filter::month_label;
use shanhai_core::playback::{Growth, Play, TimeStep};
use strum::IntoEnumIterator as _;

/// The timeline panel.
#[derive(Default)]
pub struct TimelinePanel {
    brush: Option<Month>,
    /// The playhead is being dragged.
    dragging_head: bool,
}

/// How close (points) to the playhead a drag takes the playhead.
const HEAD_GRAB: f32 = 7.0;

impl View for TimelinePanel {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        self.draw(ui, cx, &mut out);
        out
    }
}

impl TimelinePanel {
    fn draw(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        let Some(data) = cx.data else {
            return;
        };
        let t = &data.timeline;
        self.controls(ui, cx, out);
        let undated_w = 90.0;
        let (rect, resp) = ui.allocate_exact_size(
            vec2(
                ui.available_width(),
                ui.available_height().clamp(40.0, 90.0),
            ),
            Sense::click_and_drag(),
        );
        let painter = ui.painter_at(rect);
        let bars = Rect::from_min_max(
            rect.min + vec2(4.0, 4.0),
            pos2(rect.right() - undated_w - 8.0, rect.bottom() - 16.0),
        );
        let text_col = ui.visuals().text_color();
        let Some((lo, hi)) = t.span() else {
            painter.text(
                bars.center(),
                Align2::CENTER_CENTER,
                lang.t(
                    "没有带年份的文章，无法按时间筛选",
                    "No article states a year: nothing to filter by date",
                ),
                FontId::proportional(12.0),
                ui.visuals().weak_text_color(),
            );
            undated(&painter, rect, undated_w, t.undated, lang, text_col);
            return;
        };
        // Pad a short span so single months are not one huge bar.
        let (lo, hi) = if hi - lo < 11 {
            (lo - (11 - (hi - lo)) / 2, lo - (11 - (hi - lo)) / 2 + 11)
        } else {
            (lo, hi)
        };
        let n = (hi - lo + 1).max(1) as f32;
        let bw = bars.width() / n;
        let max = t.months.values().copied().max().unwrap_or(1).max(1) as f32;
        let x_of = |m: Month| bars.left() + (m - lo) as f32 * bw;
        let month_at = |x: f32| -> Month {
            lo + ((x - bars.left()) / bw).floor().clamp(0.0, n - 1.0) as Month
        };
        let sel = cx.state.filters.months;
        if let Some((a, b)) = sel {
            let r =
                Rect::from_min_max(pos2(x_of(a), bars.top()), pos2(x_of(b) + bw, bars.bottom()));
            painter.rect_filled(r, 2.0, Color32::from_rgba_unmultiplied(255, 160, 0, 50));
        }
        for (&m, &c) in &t.months {
            let h = (c as f32 / max) * bars.height();
            let inside = sel.is_none_or(|(a, b)| (a..=b).contains(&m));
            let col = if inside {
                Color32::from_rgb(70, 110, 170)
            } else {
                Color32::from_gray(190)
            };
            let r = Rect::from_min_max(
                pos2(x_of(m) + bw * 0.1, bars.bottom() - h),
                pos2(x_of(m) + bw * 0.9, bars.bottom()),
            );
            painter.rect_filled(r, 1.0, col);
        }
        painter.line_segment(
            [bars.left_bottom(), bars.right_bottom()],
            Stroke::new(1.0, Color32::from_gray(150)),
        );
        // Year ticks.
        let first_year = lo.div_euclid(12);
        let last_year = hi.div_euclid(12);
        let every = ((last_year - first_year) / 12).max(1);
        for y in (first_year..=last_year + 1).step_by(every as usize) {
            let m = y * 12;
            if m < lo || m > hi + 1 {
                continue;
            }
            let x = x_of(m);
            painter.line_segment(
                [pos2(x, bars.bottom()), pos2(x, bars.bottom() + 4.0)],
                Stroke::new(1.0, Color32::from_gray(120)),
            );
            painter.text(
                pos2(x + 2.0, bars.bottom() + 2.0),
                Align2::LEFT_TOP,
                y.to_string(),
                FontId::proportional(11.0),
                text_col,
            );
        }
        undated(&painter, rect, undated_w, t.undated, lang, text_col);
        // The playhead: the end of the range shown.
        let head_x = sel.map(|(_, b)| x_of(b) + bw);
        if let Some(x) = head_x {
            let c = Color32::from_rgb(230, 120, 0);
            painter.line_segment(
                [pos2(x, bars.top() - 2.0), pos2(x, bars.bottom())],
                Stroke::new(2.0, c),
            );
            painter.add(egui::Shape::convex_polygon(
                vec![
                    pos2(x - 5.0, bars.top() - 4.0),
                    pos2(x + 5.0, bars.top() - 4.0),
                    pos2(x, bars.top() + 3.0),
                ],
                c,
                Stroke::NONE,
            ));
        }
        // Dragging the playhead, or brushing a range.
        if resp.drag_started()
            && let Some(p) = resp.interact_pointer_pos()
        {
            if head_x.is_some_and(|x| (p.x - x).abs() <= HEAD_GRAB) {
                self.dragging_head = true;
            } else {
                self.brush = Some(month_at(p.x));
            }
        }
        if resp.dragged()
            && self.dragging_head
            && let Some(p) = resp.interact_pointer_pos()
        {
            // The step whose end is nearest the pointer.
            let m = month_at(p.x - bw / 2.0);
            if sel.map(|(_, b)| b) != Some(cx.state.play.head_of(m)) {
                out.push(Command::SetPlayhead(m));
            }
        }
        if resp.dragged()
            && !self.dragging_head
            && let (Some(a), Some(p)) = (self.brush, resp.interact_pointer_pos())
        {
            let b = month_at(p.x);
            let months = Some((a.min(b), a.max(b)));
            if months != cx.state.filters.months {
                out.push(Command::SetMonths(months));
            }
        }
        if resp.drag_stopped() {
            self.brush = None;
            self.dragging_head = false;
        }
        if resp.clicked() && cx.state.filters.months.is_some() {
            if cx.playing {
                out.push(Command::Pause);
            }
            out.push(Command::SetMonths(None));
        }
        if let Some(p) = resp.hover_pos() {
            let m = month_at(p.x);
            let c = t.months.get(&m).copied().unwrap_or(0);
            resp.on_hover_text_at_pointer(format!(
                "{} · {}\n{}",
                month_label(m),
                lang.count(c, "篇", "article", "articles"),
                lang.t(
                    "拖动选择时间段，单击清除",
                    "Drag to pick months, click to clear"
                )
            ));
        }
    }
}

impl TimelinePanel {
    /// Play, pause and step; month or year; cumulative or a window; what
    /// the network shows now.
    fn controls(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let lang = cx.lang;
        let Some(span) = cx.data.and_then(|d| d.timeline.span()) else {
            return;
        };
        let play = cx.state.play;
        ui.horizontal(|ui| {
            let (text, cmd) = if cx.playing {
                (lang.t("‖ 暂停", "‖ Pause"), Command::Pause)
            } else {
                (lang.t("▶ 播放", "▶ Play"), Command::Play)
            };
            let hint = cmd.label(lang);
            if ui.button(text).on_hover_text(hint).clicked() {
                out.push(cmd);
            }
            for (icon, d) in [("◀", -1), ("▶", 1)] {
                let c = Command::StepTime(d);
                let hint = c.label(lang);
                if ui.button(icon).on_hover_text(hint).clicked() {
                    out.push(c);
                }
            }
            ui.separator();
            for step in TimeStep::iter() {
                if ui
                    .selectable_label(play.step == step, step.name(lang))
                    .clicked()
                    && play.step != step
                {
                    out.push(Command::SetPlay(Play { step, ..play }));
                }
            }
            ui.separator();
            let cumulative = play.growth == Growth::Cumulative;
            if ui
                .selectable_label(cumulative, lang.t("累计", "Cumulative"))
                .on_hover_text(lang.t(
                    "每条结对从第一篇提到它的文章起一直显示",
                    "Each link stays from the first dated article that states it",
                ))
                .clicked()
                && !cumulative
            {
                out.push(Command::SetPlay(Play {
                    growth: Growth::Cumulative,
                    ..play
                }));
            }
            if ui
                .selectable_label(!cumulative, lang.t("滑动窗口", "Window"))
                .on_hover_text(lang.t(
                    "只显示最近几步的文章",
                    "Only the articles of the last few steps",
                ))
                .clicked()
                && cumulative
            {
                out.push(Command::SetPlay(Play {
                    growth: Growth::Window(3),
                    ..play
                }));
            }
            if let Growth::Window(w) = play.growth {
                let mut width = w;
                let unit = match play.step {
                    TimeStep::Month => lang.t(" 个月", " months"),
                    TimeStep::Year => lang.t(" 年", " years"),
                };
                if ui
                    .add(egui::DragValue::new(&mut width).range(1..=120).suffix(unit))
                    .changed()
                {
                    out.push(Command::SetPlay(Play {
                        growth: Growth::Window(width.max(1)),
                        ..play
                    }));
                }
            }
            ui.separator();
            let mut secs = cx.state.play_ms as f32 / 1000.0;
            if ui
                .add(
                    egui::DragValue::new(&mut secs)
                        .range(0.1..=10.0)
                        .speed(0.05)
                        .fixed_decimals(1)
                        .suffix(lang.t(" 秒/步", " s a step")),
                )
                .changed()
            {
                out.push(Command::SetPlaySpeed((secs * 1000.0).round() as u32));
            }
            if let Some((_, head)) = cx.state.filters.months {
                ui.separator();
                ui.strong(play.label(span, head, lang));
            }
        });
    }
}

fn undated(
    painter: &egui::Painter,
    rect: Rect,
    w: f32,
    n: usize,
    lang: super::super::i18n::Lang,
    col: Color32,
) {
    let r = Rect::from_min_max(
        pos2(rect.right() - w, rect.top() + 4.0),
        rect.right_bottom() - vec2(2.0, 4.0),
    );
    painter.rect_stroke(
        r,
        4.0,
        Stroke::new(1.0, Color32::from_gray(170)),
        egui::StrokeKind::Inside,
    );
    painter.text(
        r.center() - vec2(0.0, 8.0),
        Align2::CENTER_CENTER,
        n.to_string(),
        FontId::proportional(16.0),
        col,
    );
    painter.text(
        r.center() + vec2(0.0, 10.0),
        Align2::CENTER_CENTER,
        lang.t("无年份", "no year"),
        FontId::proportional(11.0),
        col,
    );
}
