//! Corpus loading: walk a folder, read and decode the files, turn HTML into
//! text, and find each document's title and date.
//!
//! Pipeline for one file ([`document_from_bytes`]): [`decode`] (BOM, UTF-8,
//! HTML meta charset, chardetng; binary and empty files rejected) → HTML
//! detection (extension or content sniff) and [`html_to_text`] → title
//! ([`find_title`], or the HTML `<title>`) → date ([`date_of`]: a date
//! line, the page's metadata, or the latest event the text reports).
//!
//! Folder loading ([`load_folder`]) lists the files first (recursively,
//! following symlinks, skipping hidden entries, keeping `.txt .text .md .htm
//! .html .xhtml`), sorts them by relative path bytes, then reads and decodes
//! them in parallel with rayon. The result does not depend on the thread
//! count or on the order in which the file system lists entries.
//!
//! Nothing about a single file is fatal: a file that cannot be used becomes a
//! [`Problem`]; a usable file with a defect keeps a note in
//! [`Document::problems`]. Only an unusable root is a [`CorpusError`].

mod decode;
mod html;
mod meta;
mod walk;

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use decode::{DecodeError, Decoded, decode, sniff_binary};
pub use html::{PageText, html_to_text, looks_like_html, strip_site_suffix};
pub use meta::{DateSource, DocDate, date_of, find_date, find_title, parse_page_date};
pub use walk::EXTENSIONS;

/// Options for [`load_folder`] and [`load_files`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadOptions {
    /// Files larger than this many bytes are not read (a [`Problem`]).
    /// Default 32 MiB.
    pub max_file_size: u64,
    /// Number of worker threads for reading and decoding; `None` uses
    /// rayon's global pool (one thread per core).
    pub threads: Option<usize>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: 32 * 1024 * 1024,
            threads: None,
        }
    }
}

/// One article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Index of the document in [`Corpus::documents`]; documents are ordered by
    /// the bytes of their relative path, so ids are stable for a given set of
    /// usable files.
    pub id: u32,
    /// Path relative to the opened folder (lossy UTF-8 for names that are not
    /// valid UTF-8). For [`load_files`], files outside the root keep the path
    /// as given.
    pub path: PathBuf,
    /// The original text: decoded; for HTML, the visible text with block
    /// structure as line breaks; for plain text, the file's text with line
    /// endings normalised to `\n`.
    pub text: String,
    /// encoding_rs name of the encoding: "UTF-8", "UTF-16LE", "UTF-16BE",
    /// "GBK", "Big5", …
    pub encoding: String,
    /// Title, see [`find_title`] (plain text) and [`html_to_text`] (HTML).
    pub title: Option<String>,
    /// Date of the article, see [`date_of`].
    pub date: Option<DocDate>,
    /// Where [`Document::date`] came from.
    pub date_source: Option<DateSource>,
    /// Non-fatal problems, e.g. "312 replacement characters (U+FFFD) after
    /// decoding as GBK".
    pub problems: Vec<String>,
    /// Size of the file in bytes.
    pub size: u64,
}

/// A file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Path relative to the opened folder (lossy UTF-8).
    pub path: PathBuf,
    /// Why, e.g. "empty file", "binary file (PNG image)",
    /// "too large: 40000000 bytes (limit 33554432)".
    pub error: String,
}

/// A loaded folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Corpus {
    /// The folder that was opened, as given.
    pub root: PathBuf,
    /// Usable documents, sorted by path; `documents[i].id == i`.
    pub documents: Vec<Document>,
    /// Files that could not be used, sorted by path then message.
    pub problems: Vec<Problem>,
}

impl Corpus {
    /// The document with this id, if any. O(1).
    pub fn document(&self, id: u32) -> Option<&Document> {
        self.documents.get(usize::try_from(id).ok()?)
    }
}

/// Why a folder could not be loaded at all. Problems with individual files
/// are [`Problem`]s instead.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The root does not exist.
    #[error("not found: {}", .0.display())]
    NotFound(PathBuf),
    /// The root exists but is not a directory.
    #[error("not a directory: {}", .0.display())]
    NotADirectory(PathBuf),
    /// The root exists but cannot be read (permissions, I/O error).
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The root.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// [`Progress::cancelled`] returned true; no partial corpus is returned.
    #[error("loading cancelled")]
    Cancelled,
}

/// Progress reporting and cancellation for [`load_folder`] / [`load_files`].
/// Methods are called from worker threads.
pub trait Progress: Sync {
    /// Number of files that will be read (called once, after listing).
    fn total(&self, n: usize);
    /// A file has been handled (read and decoded, or turned into a problem).
    /// `path` is relative to the root.
    fn file_done(&self, path: &Path);
    /// Polled during listing and before each file; returning true stops the
    /// load with [`CorpusError::Cancelled`].
    fn cancelled(&self) -> bool;
}

/// A [`Progress`] that reports nothing and never cancels.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn total(&self, _n: usize) {}
    fn file_done(&self, _path: &Path) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// Loads every text-like file under `root`.
///
/// Walks recursively following symlinks (symlink loops become problems),
/// skipping hidden files and directories (name starting with `.`), keeping
/// files with the extensions in [`EXTENSIONS`] (case-insensitive). Files
/// larger than `opts.max_file_size` are not read. Files are read and decoded
/// in parallel (`opts.threads`), each through [`document_from_bytes`].
///
/// # Errors
/// [`CorpusError::NotFound`], [`CorpusError::NotADirectory`],
/// [`CorpusError::Unreadable`] for the root; [`CorpusError::Cancelled`] when
/// `progress` cancels. Everything else is a [`Problem`] in the result.
///
/// # Complexity
/// O(entries) for the walk, plus O(total bytes) spread over the threads.
pub fn load_folder(
    root: &Path,
    opts: &LoadOptions,
    progress: &dyn Progress,
) -> Result<Corpus, CorpusError> {
    let mapped = map_folder(root, opts, progress, &|doc| doc)?;
    Ok(mapped.into_corpus())
}

/// What [`map_folder`] and [`map_files`] return: one value per usable file,
/// in path order, and the files that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapped<T> {
    /// The folder that was opened, as given.
    pub root: PathBuf,
    /// The value for each usable file, sorted by path (as
    /// [`Corpus::documents`]).
    pub items: Vec<T>,
    /// Files that could not be used, sorted by path then message.
    pub problems: Vec<Problem>,
}

impl Mapped<Document> {
    fn into_corpus(self) -> Corpus {
        let mut documents = self.items;
        for (i, d) in documents.iter_mut().enumerate() {
            d.id = u32::try_from(i).unwrap_or(u32::MAX);
        }
        Corpus {
            root: self.root,
            documents,
            problems: self.problems,
        }
    }
}

/// [`load_folder`] that hands each usable document to `f` on the worker
/// thread that read it, and keeps only what `f` returns: the document (and
/// its text) is dropped as soon as `f` is done, so a whole folder never has
/// to be in memory. `f` sees [`Document::id`] 0 (the final id of the `i`-th
/// item is `i`). [`Progress::file_done`] is called after `f`.
///
/// # Errors
/// As [`load_folder`].
///
/// # Complexity
/// As [`load_folder`], plus the cost of `f`.
pub fn map_folder<T: Send>(
    root: &Path,
    opts: &LoadOptions,
    progress: &dyn Progress,
    f: &(dyn Fn(Document) -> T + Sync),
) -> Result<Mapped<T>, CorpusError> {
    check_root(root)?;
    let (files, problems, cancelled) = walk::list_folder(root, progress);
    if cancelled {
        return Err(CorpusError::Cancelled);
    }
    read_all(root, files, problems, opts, progress, f)
}

/// Loads the given files (e.g. dropped on the window) as a corpus rooted at
/// `root`.
///
/// Relative paths in `files` are relative to `root`. No extension or
/// hidden-file filtering is applied (binary files are still rejected);
/// duplicates are read once; directories and missing files are problems.
///
/// # Errors
/// As [`load_folder`]: only for the root (which must be a readable directory)
/// and for cancellation.
///
/// # Complexity
/// O(total bytes) spread over the threads.
pub fn load_files(
    root: &Path,
    files: &[PathBuf],
    opts: &LoadOptions,
    progress: &dyn Progress,
) -> Result<Corpus, CorpusError> {
    let mapped = map_files(root, files, opts, progress, &|doc| doc)?;
    Ok(mapped.into_corpus())
}

/// [`load_files`] with a function applied to each usable document, as
/// [`map_folder`].
///
/// # Errors
/// As [`load_files`].
pub fn map_files<T: Send>(
    root: &Path,
    files: &[PathBuf],
    opts: &LoadOptions,
    progress: &dyn Progress,
    f: &(dyn Fn(Document) -> T + Sync),
) -> Result<Mapped<T>, CorpusError> {
    check_root(root)?;
    let (files, problems) = walk::list_given(root, files);
    read_all(root, files, problems, opts, progress, f)
}

fn check_root(root: &Path) -> Result<(), CorpusError> {
    let meta = std::fs::metadata(root).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            CorpusError::NotFound(root.to_path_buf())
        } else {
            CorpusError::Unreadable {
                path: root.to_path_buf(),
                source,
            }
        }
    })?;
    if !meta.is_dir() {
        return Err(CorpusError::NotADirectory(root.to_path_buf()));
    }
    std::fs::read_dir(root).map_err(|source| CorpusError::Unreadable {
        path: root.to_path_buf(),
        source,
    })?;
    Ok(())
}

/// Outcome of one file.
enum Loaded<T> {
    Doc(T),
    Problem(Problem),
    Cancelled,
}

fn read_all<T: Send>(
    root: &Path,
    mut files: Vec<walk::Candidate>,
    mut problems: Vec<Problem>,
    opts: &LoadOptions,
    progress: &dyn Progress,
    f: &(dyn Fn(Document) -> T + Sync),
) -> Result<Mapped<T>, CorpusError> {
    files.sort_by(|a, b| {
        a.rel
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.rel.as_os_str().as_encoded_bytes())
    });
    files.dedup_by(|a, b| a.rel == b.rel);
    progress.total(files.len());

    let work = || -> Vec<Loaded<T>> {
        files
            .par_iter()
            .map(|file| load_one(file, opts.max_file_size, progress, f))
            .collect()
    };
    let results = match opts.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(work),
            // No threads available: fall back to the global pool.
            Err(_) => work(),
        },
        None => work(),
    };

    let mut items = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Loaded::Doc(item) => items.push(item),
            Loaded::Problem(p) => problems.push(p),
            Loaded::Cancelled => return Err(CorpusError::Cancelled),
        }
    }
    if progress.cancelled() {
        return Err(CorpusError::Cancelled);
    }
    problems.sort_by(|a, b| {
        (a.path.as_os_str().as_encoded_bytes(), &a.error)
            .cmp(&(b.path.as_os_str().as_encoded_bytes(), &b.error))
    });
    problems.dedup();
    Ok(Mapped {
        root: root.to_path_buf(),
        items,
        problems,
    })
}

fn load_one<T>(
    file: &walk::Candidate,
    max: u64,
    progress: &dyn Progress,
    f: &(dyn Fn(Document) -> T + Sync),
) -> Loaded<T> {
    if progress.cancelled() {
        return Loaded::Cancelled;
    }
    let path = walk::lossy(&file.rel);
    let result = read_limited(&file.abs, file.size, max)
        .and_then(|bytes| document_from_bytes(0, path.clone(), &bytes));
    let loaded = match result {
        Ok(doc) => Loaded::Doc(f(doc)),
        Err(error) => Loaded::Problem(Problem { path, error }),
    };
    progress.file_done(&file.rel);
    loaded
}

/// Reads at most `max` bytes; a larger file (as listed, or grown since) is an
/// error, as is any I/O error.
fn read_limited(path: &Path, listed_size: u64, max: u64) -> Result<Vec<u8>, String> {
    let too_large = |n: u64| format!("too large: {n} bytes (limit {max})");
    if listed_size > max {
        return Err(too_large(listed_size));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::with_capacity(usize::try_from(listed_size).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    let n = bytes.len() as u64;
    if n > max {
        return Err(too_large(n));
    }
    Ok(bytes)
}

/// Builds a document from a file's bytes: decode, HTML to text, title, date.
///
/// Pure (no I/O). `path` decides HTML by extension (`htm html xhtml`);
/// otherwise a text whose first 1 KiB holds `<!doctype html` or `<html` is
/// HTML too. HTML uses its `<title>` as title when present and non-empty,
/// otherwise [`find_title`] on the text. Plain text keeps its text with
/// `\r\n`/`\r` turned into `\n`. A decoding that introduced more than 100
/// replacement characters, or more than 1% of the characters, adds a note to
/// [`Document::problems`].
///
/// # Errors
/// The reason as a string when the bytes are unusable: "empty file",
/// "binary file (PNG image)", "undecodable: …", "no text".
///
/// # Complexity
/// O(n) in the number of bytes.
pub fn document_from_bytes(id: u32, path: PathBuf, bytes: &[u8]) -> Result<Document, String> {
    let decoded = decode(bytes).map_err(|e| e.to_string())?;
    let ext_html = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "htm" | "html" | "xhtml"));
    let page = if ext_html || looks_like_html(&decoded.text) {
        html_to_text(&decoded.text)
    } else {
        PageText {
            text: normalise_newlines(&decoded.text),
            title: None,
            date: None,
        }
    };
    let PageText {
        text,
        title: html_title,
        date: page_date,
    } = page;
    if text.trim().is_empty() {
        return Err("no text".to_string());
    }
    let mut problems = Vec::new();
    if decoded.replacements > 0 {
        let chars = decoded.text.chars().count();
        if decoded.replacements > 100 || decoded.replacements * 100 > chars {
            problems.push(format!(
                "{} replacement characters (U+FFFD) after decoding as {}",
                decoded.replacements, decoded.encoding
            ));
        }
    }
    let title = html_title.or_else(|| find_title(&text));
    let (date, date_source) = date_of(&text, page_date).unzip();
    Ok(Document {
        id,
        path,
        encoding: decoded.encoding.to_string(),
        title,
        date,
        date_source,
        problems,
        size: bytes.len() as u64,
        text,
    })
}

fn normalise_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The five sample articles, embedded in the binary.
const SAMPLES: [(&str, &[u8]); 5] = [
    (
        "000_6e7d5b141ba7fb0a.txt",
        include_bytes!("../../../../sample_data/000_6e7d5b141ba7fb0a.txt"),
    ),
    (
        "001_1c8763f15fd8f122.txt",
        include_bytes!("../../../../sample_data/001_1c8763f15fd8f122.txt"),
    ),
    (
        "002_7a928208ca7d7976.txt",
        include_bytes!("../../../../sample_data/002_7a928208ca7d7976.txt"),
    ),
    (
        "003_6e79c3930e3c7d93.txt",
        include_bytes!("../../../../sample_data/003_6e79c3930e3c7d93.txt"),
    ),
    (
        "004_07a4cb1996a617ae.txt",
        include_bytes!("../../../../sample_data/004_07a4cb1996a617ae.txt"),
    ),
];

/// The corpus of the five sample articles embedded in the binary (root
/// `sample_data`), built through [`document_from_bytes`] exactly like files
/// on disk. O(size of the samples).
pub fn sample() -> Corpus {
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for (name, bytes) in SAMPLES {
        let id = u32::try_from(documents.len()).unwrap_or(u32::MAX);
        match document_from_bytes(id, PathBuf::from(name), bytes) {
            Ok(doc) => documents.push(doc),
            Err(error) => problems.push(Problem {
                path: PathBuf::from(name),
                error,
            }),
        }
    }
    Corpus {
        root: PathBuf::from("sample_data"),
        documents,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_titles_and_dates() {
        let c = sample();
        assert!(c.problems.is_empty());
        let got: Vec<(u32, Option<&str>, Option<String>)> = c
            .documents
            .iter()
            .map(|d| (d.id, d.title.as_deref(), d.date.map(|d| d.iso())))
            .collect();
        let want = [
            "连茂君率滨海新区代表团赴甘肃省甘南州合作市考察对接东西部协作和对口支援工作 共续津甘山海情 再谱协作新篇章",
            "甘肃省党政代表团来津考察:深化对接交流,加强优势互补,持续推进新时代新征程津甘协作",
            "濟南市黨政代表團到甘肅臨夏考察對接東西部協作工作",
            "天津市黨政代表團(tuán)來疆考察對(duì)接對(duì)口支援工作",
        ];
        for (i, w) in want.iter().enumerate() {
            assert_eq!(got[i].1, Some(*w));
        }
        let dates: Vec<_> = got
            .iter()
            .map(|g| g.2.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            dates,
            ["--09-04", "2023-04-19", "--03-23", "--07-08", "--04-28"]
        );
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn crlf_is_normalised() {
        let d =
            document_from_bytes(0, "a.txt".into(), "标题一行\r\n正文\r第三行".as_bytes()).unwrap();
        assert_eq!(d.text, "标题一行\n正文\n第三行");
    }

    #[test]
    fn html_by_sniff_and_no_text() {
        let d = document_from_bytes(
            0,
            "a.txt".into(),
            b"<!DOCTYPE html><title>T_site</title><p>Body text here</p>",
        )
        .unwrap();
        assert_eq!(d.text, "T_site\nBody text here");
        assert_eq!(d.title.as_deref(), Some("T_site"));
        assert_eq!(
            document_from_bytes(0, "a.html".into(), b"<script>x</script>"),
            Err("no text".to_string())
        );
    }
}
