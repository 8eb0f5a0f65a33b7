//! The desktop app (eframe/egui): open a folder of articles, explore the
//! pairing network, and read the passages behind every link.
//!
//! Structure, following the patterns in the shared style notes:
//! * [`state::State`] is everything that persists (eframe storage); the
//!   loaded articles ([`model::Data`]) and the network as shown
//!   ([`model::View`]) are derived and rebuilt when their inputs change.
//! * Each side panel is its own type behind [`panels::View`].
//! * Every user action is a [`command::Command`]; menus, shortcuts and
//!   panels emit them and [`ShanhaiApp`] handles them in one place, where
//!   undo hooks in.
//! * The network is drawn from the shared [`scene::Scene`](shanhai_core::scene::Scene)
//!   with positions from [`layout`](shanhai_core::layout), so an exported picture
//!   matches the view.

mod app;
pub mod command;
mod graph;
mod history;
pub mod i18n;
pub mod loader;
pub mod model;
mod pane;
pub mod panels;
pub mod passages;
mod platform;
pub mod reference;
pub mod state;
mod watch;

use std::sync::Arc;

use shanhai_core::picture;

pub use app::ShanhaiApp;
pub use app::window::run;
pub use graph::Painted;
pub use pane::GraphPane;

/// Loads the bundled CJK font ([`picture::font::CJK_FONT`], the same bytes
/// the exported pictures use) as a fallback of both egui font families, so
/// Chinese never shows as boxes whatever fonts the system has.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "shanhai-cjk".to_owned(),
        Arc::new(egui::FontData::from_static(picture::font::CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("shanhai-cjk".to_owned());
    }
    ctx.set_fonts(fonts);
}
