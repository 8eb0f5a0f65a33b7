//! The state that persists between sessions (eframe storage). Everything
//! derived from it and from the loaded articles lives elsewhere and is
//! rebuilt.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::i18n::Lang;
pub use shanhai_core::filter::{Filters, Month};
use shanhai_core::layout::Layout;
use shanhai_core::scene::ColourBy;

/// The key under which [`State`] is stored.
pub const STATE_KEY: &str = "shanhai-state";

/// How many recent folders are remembered.
pub const MAX_RECENT: usize = 10;

/// Which script passages are shown in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, strum::EnumIter,
)]
pub enum ScriptChoice {
    /// The article's own script.
    #[default]
    Original,
    /// Simplified characters (OpenCC).
    Simplified,
    /// Traditional characters (OpenCC).
    Traditional,
}

/// The tabs of the left panel.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, strum::EnumIter,
)]
pub enum LeftTab {
    /// Level, relations, documents, dates.
    #[default]
    Filters,
    /// The articles.
    Documents,
    /// Files that could not be used.
    Problems,
    /// The official pairings.
    Reference,
}

/// Node positions the user moved, per layout (`Layout::as_str`), by
/// region code, in layout coordinates.
pub type Pinned = BTreeMap<String, BTreeMap<String, [f32; 2]>>;

/// Everything that persists between sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// The folder opened last.
    pub last_folder: Option<PathBuf>,
    /// Recently opened folders, newest first.
    pub recent: Vec<PathBuf>,
    /// The filters.
    pub filters: Filters,
    /// The layout.
    pub layout: Layout,
    /// Node colours.
    pub colour_by: ColourBy,
    /// Interface language.
    pub lang: Lang,
    /// Script of passages and articles.
    pub script: ScriptChoice,
    /// Show the official pairings beside the stated ones.
    pub show_reference: bool,
    /// Schemes of the official pairings not shown (overlay and Official
    /// panel).
    pub hidden_schemes: BTreeSet<String>,
    /// Moved nodes.
    pub pinned: Pinned,
    /// The tab of the left panel.
    pub left_tab: LeftTab,
    /// The province map under the geographic layout.
    pub show_map: bool,
    /// How the timeline plays.
    pub play: shanhai_core::playback::Play,
    /// How long each step shows when it plays (milliseconds).
    pub play_ms: u32,
}

impl Default for State {
    fn default() -> Self {
        State {
            last_folder: None,
            recent: Vec::new(),
            filters: Filters::default(),
            layout: Layout::Geographic,
            colour_by: ColourBy::Province,
            lang: Lang::from_env(),
            script: ScriptChoice::Original,
            show_reference: false,
            hidden_schemes: BTreeSet::new(),
            pinned: Pinned::new(),
            left_tab: LeftTab::Filters,
            show_map: true,
            play: shanhai_core::playback::Play::default(),
            play_ms: 700,
        }
    }
}

impl State {
    /// Puts a folder first in the recent list (once) and remembers it as
    /// the last folder.
    pub fn remember_folder(&mut self, folder: PathBuf) {
        self.recent.retain(|p| p != &folder);
        self.recent.insert(0, folder.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_folder = Some(folder);
    }

    /// Which official pairs are shown: the schemes not hidden, in force in
    /// the years of the timeline's range (all years without one).
    pub fn official_filter(&self) -> shanhai_core::reference::OfficialFilter {
        self.filters.official_filter(&self.hidden_schemes)
    }

    /// What decides the picture, for "Copy as command" and the exports.
    pub fn view_spec(&self) -> shanhai_core::filter::ViewSpec {
        shanhai_core::filter::ViewSpec {
            filters: self.filters.clone(),
            layout: self.layout,
            colour_by: self.colour_by,
            official: self.show_reference.then(|| self.hidden_schemes.clone()),
            lang: self.lang,
            map: self.show_map,
        }
    }

    /// The pinned positions of the current layout.
    pub fn pins(&self) -> Option<&BTreeMap<String, [f32; 2]>> {
        self.pinned.get(self.layout.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shanhai_core::extract::Relation;

    #[test]
    fn recent_is_unique_and_bounded() {
        let mut s = State::default();
        for i in 0..15 {
            s.remember_folder(PathBuf::from(format!("/f{i}")));
        }
        s.remember_folder(PathBuf::from("/f3"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], PathBuf::from("/f3"));
        assert_eq!(
            s.recent
                .iter()
                .filter(|p| p.as_path() == std::path::Path::new("/f3"))
                .count(),
            1
        );
    }

    #[test]
    fn state_round_trips_through_ron_like_json() {
        let mut s = State::default();
        s.pinned
            .entry("geo".into())
            .or_default()
            .insert("120000".into(), [1.0, 2.0]);
        s.filters.hidden_relations.insert(Relation::Other);
        let json = serde_json::to_string(&s).unwrap();
        let back: State = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        // Unknown or missing fields fall back to the defaults.
        let partial: State = serde_json::from_str(r#"{"layout":"Force"}"#).unwrap();
        assert_eq!(partial.layout, Layout::Force);
    }
}
