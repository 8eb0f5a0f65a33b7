//! Watching the open folder (notify 8): changes are collected and reported
//! once things have been quiet for a second, so a burst of writes causes
//! one reload.
//!
//! Not `notify-debouncer-mini`: it debounces every event of a path,
//! whatever its kind (its events carry only the path), so the app's own
//! reading of an article (an open/close-without-write event) or an
//! access-time update would reload the folder. Here only creations,
//! removals, content changes and closes after writing count, and hidden
//! files do not.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// Quiet time before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(1000);

/// A watched folder.
pub struct FolderWatch {
    _watcher: RecommendedWatcher,
    last_change: Arc<Mutex<Option<Instant>>>,
}

/// True for the events that mean the articles changed (not reads, not
/// access-time updates, not hidden files).
fn relevant(e: &notify::Event) -> bool {
    let kind = match e.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    };
    kind && e.paths.iter().any(|p| {
        !p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    })
}

impl FolderWatch {
    /// Watches `root` (recursively); `ctx` is woken after each change so
    /// the app can check [`FolderWatch::due`].
    ///
    /// # Errors
    /// The platform watcher cannot be set up or the folder cannot be watched.
    pub fn new(
        root: &Path,
        recursive: bool,
        ctx: Option<egui::Context>,
    ) -> notify::Result<FolderWatch> {
        let last_change: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
        let sink = Arc::clone(&last_change);
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                if let Ok(e) = res
                    && relevant(&e)
                {
                    if let Ok(mut t) = sink.lock() {
                        *t = Some(Instant::now());
                    }
                    if let Some(ctx) = &ctx {
                        ctx.request_repaint_after(DEBOUNCE + Duration::from_millis(50));
                    }
                }
            })?;
        let mode = if recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher.watch(root, mode)?;
        Ok(FolderWatch {
            _watcher: watcher,
            last_change,
        })
    }

    /// True (once) when something changed and nothing has changed for
    /// [`DEBOUNCE`]; otherwise, how long to wait before asking again.
    pub fn due(&self) -> Result<bool, Duration> {
        let Ok(mut t) = self.last_change.lock() else {
            return Ok(false);
        };
        match *t {
            Some(at) if at.elapsed() >= DEBOUNCE => {
                *t = None;
                Ok(true)
            }
            Some(at) => Err(DEBOUNCE.saturating_sub(at.elapsed())),
            None => Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_reported_after_the_quiet_time() {
        let dir = tempfile::tempdir().unwrap();
        let w = FolderWatch::new(dir.path(), true, None).unwrap();
        std::fs::write(dir.path().join("a.txt"), "天津市").unwrap();
        let start = Instant::now();
        let mut seen = false;
        while start.elapsed() < Duration::from_secs(8) {
            if w.due() == Ok(true) {
                seen = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(seen, "no change reported");
        assert!(start.elapsed() >= DEBOUNCE - Duration::from_millis(100));
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
        std::thread::sleep(DEBOUNCE + Duration::from_millis(300));
        assert_eq!(w.due(), Ok(false), "reading must not count as a change");
    }
}
