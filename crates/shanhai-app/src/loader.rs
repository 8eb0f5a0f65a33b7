//! Loading articles off the UI thread: a worker reads the folder and runs
//! the pipeline while the UI shows the progress and may cancel. The result
//! replaces the current data only when it is complete.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use shanhai_core::corpus::{self, LoadOptions, Progress};
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::pipeline::{self, DocInfo, Extraction};

use super::reference::Reference;
use shanhai_core::filter::Timeline;

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The five sample articles embedded in the binary.
    Sample,
    /// A folder, read recursively.
    Folder(PathBuf),
    /// Files dropped on the window, relative to a common root.
    Files {
        /// The folder the files are read relative to.
        root: PathBuf,
        /// The files.
        files: Vec<PathBuf>,
    },
}

impl Source {
    /// The folder on disk, if any.
    pub fn root(&self) -> Option<&Path> {
        match self {
            Source::Sample => None,
            Source::Folder(p) => Some(p),
            Source::Files { root, .. } => Some(root),
        }
    }

    /// A short name for titles and the status bar.
    pub fn label(&self) -> String {
        match self {
            Source::Sample => "示例 · sample".to_string(),
            Source::Folder(p) => p.display().to_string(),
            Source::Files { root, files } => format!(
                "{} ({} {})",
                root.display(),
                files.len(),
                if files.len() == 1 { "file" } else { "files" }
            ),
        }
    }
}

/// Progress shared between the worker and the UI.
#[derive(Default)]
pub struct Shared {
    total: AtomicUsize,
    done: AtomicUsize,
    current: Mutex<String>,
    cancel: AtomicBool,
    ctx: Option<egui::Context>,
}

impl Shared {
    /// Files handled so far and the number of files (0 until listed).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// The file handled last.
    pub fn current(&self) -> String {
        self.current.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Asks the worker to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Progress for Shared {
    fn total(&self, n: usize) {
        self.total.store(n, Ordering::Relaxed);
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
    }

    fn file_done(&self, path: &Path) {
        self.done.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut c) = self.current.lock() {
            *c = path.display().to_string();
        }
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// What the worker sends back.
pub type Outcome = Result<Data, String>;

/// A load in progress.
pub struct Loading {
    /// What is being loaded.
    pub source: Source,
    /// Progress and cancellation.
    pub shared: Arc<Shared>,
    /// A reload of the open data (keep selection and view).
    pub reload: bool,
    /// When it started.
    pub started: Instant,
    rx: Receiver<Outcome>,
}

impl Loading {
    /// Starts loading on a worker thread; `ctx` is repainted as files are
    /// read and when the result is ready.
    pub fn start(source: Source, ctx: Option<egui::Context>, reload: bool) -> Loading {
        let shared = Arc::new(Shared {
            ctx: ctx.clone(),
            ..Shared::default()
        });
        let (tx, rx) = channel();
        let fail = tx.clone();
        let worker_shared = Arc::clone(&shared);
        let worker_source = source.clone();
        let spawned = std::thread::Builder::new()
            .name("shanhai-load".into())
            .spawn(move || {
                let out = load_blocking(&worker_source, worker_shared.as_ref());
                // The receiver may be gone (a newer load replaced this one).
                let _ = tx.send(out);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        if let Err(e) = spawned {
            let _ = fail.send(Err(format!("cannot start a worker thread: {e}")));
        }
        Loading {
            source,
            shared,
            reload,
            started: Instant::now(),
            rx,
        }
    }

    /// The result, once the worker is done.
    pub fn poll(&self) -> Option<Outcome> {
        match self.rx.try_recv() {
            Ok(out) => Some(out),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the loading thread stopped".into())),
        }
    }
}

/// Reads a source and runs the pipeline on the calling thread.
///
/// # Errors
/// The folder cannot be read at all, or loading was cancelled; the message
/// is for the user.
pub fn load_blocking(source: &Source, progress: &dyn Progress) -> Outcome {
    let g = Gazetteer::get().map_err(|e| e.to_string())?;
    let opts = LoadOptions::default();
    // Folders and files stream through the pipeline (each text is dropped
    // once its pairings are out), so a load holds evidence, never the
    // corpus; the result is the same as loading first.
    let ex: Extraction = match source {
        Source::Sample => {
            let c = corpus::sample();
            progress.total(c.documents.len());
            for d in &c.documents {
                progress.file_done(&d.path);
            }
            pipeline::process(g, c)
        }
        Source::Folder(root) => {
            pipeline::process_folder(g, root, &opts, progress).map_err(|e| e.to_string())?
        }
        Source::Files { root, files } => {
            pipeline::process_files(g, root, files, &opts, progress).map_err(|e| e.to_string())?
        }
    };
    if progress.cancelled() {
        return Err(corpus::CorpusError::Cancelled.to_string());
    }
    Ok(Data::new(g, source.clone(), ex))
}

/// The common folder of dropped paths and what to load: one folder is
/// opened as a folder, anything else as files relative to their common
/// parent. `None` for an empty list.
pub fn source_for_dropped(paths: &[PathBuf]) -> Option<Source> {
    match paths {
        [] => None,
        [one] if one.is_dir() => Some(Source::Folder(one.clone())),
        _ => {
            let mut root = paths[0].parent().map(Path::to_path_buf).unwrap_or_default();
            for p in &paths[1..] {
                while !p.starts_with(&root) {
                    match root.parent() {
                        Some(up) => root = up.to_path_buf(),
                        None => break,
                    }
                }
            }
            if root.as_os_str().is_empty() {
                root = PathBuf::from(".");
            }
            Some(Source::Files {
                root,
                files: paths.to_vec(),
            })
        }
    }
}

/// A loaded folder: the pipeline's result and what is derived from it once.
#[derive(Debug, Clone)]
pub struct Data {
    /// Where the articles came from.
    pub source: Source,
    /// The pipeline's result.
    pub ex: Extraction,
    /// Documents per month.
    pub timeline: Timeline,
    /// Per official pair, the number of articles that state it.
    pub official_counts: Vec<usize>,
}

impl Data {
    /// Wraps a pipeline result.
    pub fn new(g: &Gazetteer, source: Source, ex: Extraction) -> Data {
        let timeline = Timeline::of(&ex.documents);
        let official_counts = Reference::embedded(g).article_counts(g, &ex);
        Data {
            source,
            ex,
            timeline,
            official_counts,
        }
    }

    /// The document with this id.
    pub fn doc(&self, id: u32) -> Option<&DocInfo> {
        self.ex.documents.get(id as usize).filter(|d| d.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_files_share_their_parent() {
        let s = source_for_dropped(&[PathBuf::from("/a/b/x.txt"), PathBuf::from("/a/c/y.txt")]);
        match s {
            Some(Source::Files { root, files }) => {
                assert_eq!(root, PathBuf::from("/a"));
                assert_eq!(files.len(), 2);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(source_for_dropped(&[]), None);
    }

    #[test]
    fn sample_loads() {
        let data = load_blocking(&Source::Sample, &corpus::NoProgress).unwrap();
        assert_eq!(data.ex.documents.len(), 5);
    }
}
