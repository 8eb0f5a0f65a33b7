//! Undo and redo: snapshots of what the undoable commands change.

use shanhai_core::layout::Layout;

use crate::state::Pinned;

/// What undo brings back: the layout, the moved nodes, the filters and
/// the overlay's schemes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Snapshot {
    pub(crate) layout: Layout,
    pub(crate) pinned: Pinned,
    pub(crate) filters: shanhai_core::filter::Filters,
    pub(crate) show_reference: bool,
    pub(crate) hidden_schemes: std::collections::BTreeSet<String>,
}

/// Undo and redo stacks.
#[derive(Default)]
pub(crate) struct History {
    pub(crate) undo: Vec<Snapshot>,
    pub(crate) redo: Vec<Snapshot>,
}

impl History {
    /// Remembers a state before a change (once; redo is forgotten).
    pub(crate) fn push(&mut self, s: Snapshot) {
        if self.undo.last() != Some(&s) {
            self.undo.push(s);
            if self.undo.len() > 200 {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
    }
}
