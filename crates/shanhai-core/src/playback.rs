//! `playback`: the network in time. A [`Play`] walks the timeline month by
//! month or year by year; at each step (its playhead, the last month of
//! the step) the network shows the dated articles up to there
//! ([`Growth::Cumulative`]: each link appears with the first dated article
//! that states it and stays) or only those of the last few steps
//! ([`Growth::Window`]). Undated articles are not part of any step. The
//! app's timeline and `shanhai render --animate` both play through here.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::filter::{self, Filters, Month, Timeline, month_label};
use crate::gazetteer::{Gazetteer, RegionId};
use crate::i18n::Lang;
use crate::layout::{Layout, LayoutGraph, LayoutRun};
use crate::pipeline::Extraction;
use crate::reference::Reference;
use crate::scene::{Scene, Style};

/// How far one step goes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, strum::EnumIter,
)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum TimeStep {
    /// One month.
    #[default]
    Month,
    /// One calendar year.
    Year,
}

impl TimeStep {
    /// Months per step.
    pub fn months(self) -> i32 {
        match self {
            TimeStep::Month => 1,
            TimeStep::Year => 12,
        }
    }

    /// The step's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            TimeStep::Month => lang.t("按月", "Monthly"),
            TimeStep::Year => lang.t("按年", "Yearly"),
        }
    }
}

/// What each step shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Growth {
    /// Everything up to the playhead.
    #[default]
    Cumulative,
    /// The last `n` steps up to the playhead (at least one).
    Window(u32),
}

/// A way of playing the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Play {
    /// Month or year.
    pub step: TimeStep,
    /// Cumulative or a sliding window.
    pub growth: Growth,
}

impl Play {
    /// The playhead of the step that holds `m`: `m` itself by month, the
    /// December of its year by year.
    pub fn head_of(&self, m: Month) -> Month {
        match self.step {
            TimeStep::Month => m,
            TimeStep::Year => m.div_euclid(12) * 12 + 11,
        }
    }

    /// The playheads of a timeline from `span.0` to `span.1` (its first
    /// and last month with articles), in order: one per step.
    ///
    /// # Complexity
    /// O(steps).
    pub fn heads(&self, span: (Month, Month)) -> Vec<Month> {
        let (lo, hi) = (span.0.min(span.1), span.0.max(span.1));
        let n = self.step.months();
        let mut out = Vec::new();
        let mut h = self.head_of(lo);
        while h - n < hi {
            out.push(h);
            h += n;
        }
        out
    }

    /// The months the network shows at playhead `head`.
    pub fn range(&self, span: (Month, Month), head: Month) -> (Month, Month) {
        let head = self.head_of(head);
        let start = match self.growth {
            Growth::Cumulative => span.0.min(head),
            Growth::Window(w) => {
                let w = i32::try_from(w.max(1)).unwrap_or(i32::MAX / 12);
                head.saturating_sub(w.saturating_mul(self.step.months()).saturating_sub(1))
            }
        };
        (start.min(head), head)
    }

    /// The playhead `delta` steps from `head`, kept within the span's
    /// steps.
    pub fn step_from(&self, span: (Month, Month), head: Month, delta: i32) -> Month {
        let heads = self.heads(span);
        let (Some(&first), Some(&last)) = (heads.first(), heads.last()) else {
            return head;
        };
        let h = self.head_of(head) + delta.saturating_mul(self.step.months());
        h.clamp(first, last)
    }

    /// What a frame at `head` shows, for titles: `截至 2021-06`, or
    /// `2021-01 至 2021-06` for a window (years alone when stepping by
    /// year).
    pub fn label(&self, span: (Month, Month), head: Month, lang: Lang) -> String {
        let (a, b) = self.range(span, head);
        let show = |m: Month| match self.step {
            TimeStep::Month => month_label(m),
            TimeStep::Year => m.div_euclid(12).to_string(),
        };
        match self.growth {
            Growth::Cumulative => format!("{} {}", lang.t("截至", "up to"), show(b)),
            Growth::Window(_) if show(a) == show(b) => show(b),
            Growth::Window(_) => format!("{} {} {}", show(a), lang.t("至", "to"), show(b)),
        }
    }
}

/// One frame of the network in time.
#[derive(Debug, Clone)]
pub struct TimeFrame {
    /// What it shows ([`Play::label`]).
    pub label: String,
    /// Links in it.
    pub edges: usize,
    /// The picture: `style.title`, then the label.
    pub scene: Scene,
}

/// The pictures of a network played through time: one per step of `play`
/// over the dated articles `base` lets through (its month range, if any,
/// narrows the span). Every frame uses the positions and the picture frame
/// of the whole filtered network, so regions stay where they are while
/// links appear; undated articles are in no frame. `overlay` adds the
/// official pairs (those in force in each frame's years) as the app does.
///
/// `pins` fixes regions the user moved, as the app's layouts do.
///
/// Empty when no article has a date in the span.
///
/// # Complexity
/// One [`filter::show`] and [`Scene::build`] per step, one layout.
#[allow(clippy::too_many_arguments)]
pub fn frames(
    g: &Gazetteer,
    ex: &Extraction,
    base: &Filters,
    overlay: Option<(&Reference, &BTreeSet<String>)>,
    layout_kind: Layout,
    pins: &dyn Fn(RegionId) -> Option<[f32; 2]>,
    style: &Style,
    play: Play,
) -> Vec<TimeFrame> {
    let Some(mut span) = Timeline::of(&ex.documents).span() else {
        return Vec::new();
    };
    if let Some((a, b)) = base.months {
        span = (span.0.max(a), span.1.min(b));
        if span.0 > span.1 {
            return Vec::new();
        }
    }
    let mut whole = base.clone();
    whole.months = Some(span);
    whole.include_undated = false;
    let all = filter::show(g, ex, &whole, overlay);
    let graph = LayoutGraph::from_network(&all.net);
    let mut run = LayoutRun::start(layout_kind, g, &graph, &HashMap::new(), pins);
    run.finish();
    let positions = run.positions().to_vec();
    let at = run.by_region();
    let fitted = Scene::build(g, &all.net, &positions, style).frame;
    play.heads(span)
        .into_iter()
        .map(|head| {
            let months = play.range(span, head);
            let mut f = base.clone();
            f.months = Some(months);
            f.include_undated = false;
            let shown = filter::show(g, ex, &f, overlay);
            let pos: Vec<[f32; 2]> = shown
                .net
                .graph
                .node_indices()
                .map(|i| {
                    at.get(&shown.net.graph[i])
                        .copied()
                        .unwrap_or([f32::NAN, f32::NAN])
                })
                .collect();
            let label = play.label(span, head, style.lang);
            let title = if style.title.is_empty() {
                label.clone()
            } else {
                format!("{} · {label}", style.title)
            };
            let frame_style = Style {
                title,
                frame: Some(fitted),
                ..style.clone()
            };
            let mut scene = Scene::build(g, &shown.net, &pos, &frame_style);
            scene.add_official(g, &shown.official);
            TimeFrame {
                label,
                edges: shown.net.graph.edge_count(),
                scene,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: i32) -> Month {
        y * 12 + mo - 1
    }

    #[test]
    fn months_and_years_step_through_the_span() {
        let span = (m(2020, 11), m(2021, 2));
        let monthly = Play::default();
        assert_eq!(
            monthly.heads(span),
            vec![m(2020, 11), m(2020, 12), m(2021, 1), m(2021, 2)]
        );
        let yearly = Play {
            step: TimeStep::Year,
            ..Play::default()
        };
        assert_eq!(yearly.heads(span), vec![m(2020, 12), m(2021, 12)]);
        assert_eq!(yearly.heads((m(2021, 3), m(2021, 3))), vec![m(2021, 12)]);
    }

    #[test]
    fn cumulative_grows_and_a_window_slides() {
        let span = (m(2019, 1), m(2023, 12));
        let c = Play::default();
        assert_eq!(c.range(span, m(2021, 6)), (m(2019, 1), m(2021, 6)));
        let w = Play {
            step: TimeStep::Month,
            growth: Growth::Window(3),
        };
        assert_eq!(w.range(span, m(2021, 6)), (m(2021, 4), m(2021, 6)));
        let y = Play {
            step: TimeStep::Year,
            growth: Growth::Window(2),
        };
        assert_eq!(y.range(span, m(2021, 6)), (m(2020, 1), m(2021, 12)));
        assert_eq!(y.label(span, m(2021, 6), Lang::Zh), "2020 至 2021");
        assert_eq!(c.label(span, m(2021, 6), Lang::En), "up to 2021-06");
    }

    #[test]
    fn steps_stay_in_the_span() {
        let span = (m(2020, 1), m(2020, 4));
        let p = Play::default();
        assert_eq!(p.step_from(span, m(2020, 2), 1), m(2020, 3));
        assert_eq!(p.step_from(span, m(2020, 4), 1), m(2020, 4));
        assert_eq!(p.step_from(span, m(2020, 1), -5), m(2020, 1));
    }
}
