//! The side panels, one type each, all behind the small [`View`] trait so
//! each can be shown (and tested) on its own.

mod dialog;
mod documents;
mod filters;
mod inspector;
mod problems;
mod reader;
mod reference;
mod search;
mod timeline;

pub use dialog::{PathDialog, Purpose};
pub use documents::DocumentsPanel;
pub use filters::FiltersPanel;
pub use inspector::Inspector;
pub use problems::ProblemsPanel;
pub use reader::Reader;
pub use reference::ReferencePanel;
pub use search::{SearchPanel, node_for, resolve as resolve_region};
pub use timeline::TimelinePanel;

use shanhai_core::gazetteer::Gazetteer;

use super::command::{Command, Selection};
use super::i18n::Lang;
use super::model::{Data, View as NetView};
use super::passages::DocCache;
use super::reference::Reference;
use super::state::State;

/// What a panel may read: panels change nothing themselves, they return
/// [`Command`]s that the app applies (`ShanhaiApp::apply`).
pub struct Cx<'a> {
    /// The gazetteer.
    pub g: &'static Gazetteer,
    /// Interface language.
    pub lang: Lang,
    /// The persisted state.
    pub state: &'a State,
    /// The loaded articles.
    pub data: Option<&'a Data>,
    /// The network as shown.
    pub view: Option<&'a NetView>,
    /// The official pairings.
    pub reference: &'a Reference,
    /// The selection.
    pub selection: Selection,
    /// Re-read articles (a cache: it fills itself behind a shared
    /// reference).
    pub docs: &'a DocCache,
    /// The timeline is playing.
    pub playing: bool,
}

/// A panel.
pub trait View {
    /// Shows the panel; returns what the user asked for.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) -> Vec<Command>;
}
