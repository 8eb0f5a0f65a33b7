//! [`GraphPane`]: the network view on its own, for the drawing benchmarks
//! and the picture test.

use std::time::Duration;

use anyhow::anyhow;

use shanhai_core::gazetteer::Gazetteer;

use crate::command::Selection;
use crate::graph::{self, GraphEvent, GraphView};
use crate::i18n::Lang;
use crate::model::{View as NetView, ViewKey};
use crate::state::State;

/// The network view on its own, without the panels around it: the app's
/// [`model::View`] and its pan/zoom state, drawn by the same code as in
/// the window. The drawing benchmarks show it in a headless
/// [`egui::Context`].
pub struct GraphPane {
    g: &'static Gazetteer,
    view: NetView,
    graph: GraphView,
    /// The selection drawn.
    pub selection: Selection,
    /// The language of the legend and tooltips.
    pub lang: Lang,
}

impl GraphPane {
    /// The view of `net` (taken as already filtered) for `state`; the
    /// first frame fits it into the pane.
    ///
    /// # Errors
    /// Only when the embedded gazetteer is broken.
    pub fn new(net: shanhai_core::network::Network, state: &State) -> anyhow::Result<GraphPane> {
        let shown = shanhai_core::filter::Shown {
            net,
            official: Vec::new(),
        };
        GraphPane::of_shown(shown, state)
    }

    /// The view of a filtered network with its official overlay
    /// ([`shanhai_core::filter::show`]) for `state`.
    ///
    /// # Errors
    /// Only when the embedded gazetteer is broken.
    pub fn of_shown(
        shown: shanhai_core::filter::Shown,
        state: &State,
    ) -> anyhow::Result<GraphPane> {
        let g = Gazetteer::get().map_err(|e| anyhow!("gazetteer: {e}"))?;
        let key = ViewKey {
            data: 0,
            filters: state.filters.clone(),
            layout: state.layout,
            colour_by: state.colour_by,
            reference: state.show_reference,
            hidden_schemes: state.hidden_schemes.clone(),
            pins: 0,
            map: state.show_map,
        };
        Ok(GraphPane {
            g,
            view: NetView::from_network(g, shown, state, key, &Default::default()),
            graph: GraphView::default(),
            selection: Selection::None,
            lang: state.lang,
        })
    }

    /// The network as shown.
    pub fn view(&self) -> &NetView {
        &self.view
    }

    /// Runs the layout for at most `budget` (as the app does once per
    /// frame); true while it has not settled.
    pub fn tick(&mut self, budget: Duration) -> bool {
        self.view.tick(budget);
        !self.view.settled()
    }

    /// Fits the whole network on the next frame.
    pub fn fit(&mut self) {
        self.graph.fit_pending = true;
    }

    /// Writes the dates shown at the top left, as the app does while a
    /// date range is on (`None`: no caption).
    pub fn set_caption(&mut self, caption: Option<String>) {
        self.graph.caption = caption;
    }

    /// Shows the part of the picture around region `r`'s node, magnified
    /// `factor` times relative to the current view (call after a frame, so
    /// that there is a current view). False when `r` is not shown.
    pub fn zoom_on(&mut self, r: shanhai_core::gazetteer::RegionId, factor: f32) -> bool {
        let Some(p) = self.view.node_pos(r) else {
            return false;
        };
        let size = self.graph.scene_rect.size() / factor.max(1e-3);
        self.graph.scene_rect = egui::Rect::from_center_size(egui::pos2(p[0], p[1]), size);
        self.graph.fit_pending = false;
        self.graph.fit_on_settle = false;
        true
    }

    /// The zoom of the last frame (screen pixels per picture pixel).
    pub fn zoom(&self) -> f32 {
        self.graph.zoom
    }

    /// Shows exactly this rectangle of the picture from the next frame on
    /// (a rectangle of the pane's size shows the picture at zoom 1).
    pub fn show_picture_rect(&mut self, rect: egui::Rect) {
        self.graph.scene_rect = rect;
        self.graph.fit_pending = false;
        self.graph.fit_on_settle = false;
    }

    /// The screen rectangle of the last frame.
    pub fn screen(&self) -> egui::Rect {
        self.graph.screen
    }

    /// From the next frame on, keep what each frame draws
    /// ([`GraphPane::painted`]).
    pub fn record(&mut self) {
        self.graph.record = Some(graph::Painted::default());
    }

    /// What the last frame drew, when recording.
    pub fn painted(&self) -> Option<&graph::Painted> {
        self.graph.record.as_ref()
    }

    /// Draws one frame of the view in `ui` (all of its available space).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let events = self
            .graph
            .ui(ui, self.g, &mut self.view, self.selection, self.lang);
        for e in events {
            if let GraphEvent::Select(s) = e {
                self.selection = s;
            }
        }
    }
}
