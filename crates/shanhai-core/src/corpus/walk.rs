//! Listing the files of a folder (or of a drag-and-drop selection) that are
//! to be read.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::{Problem, Progress};

/// File extensions that are read (compared ASCII case-insensitively).
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "htm", "html", "xhtml"];

/// A file to read.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Where to read it.
    pub abs: PathBuf,
    /// Path relative to the root (exact bytes, for sorting).
    pub rel: PathBuf,
    /// Size reported by the file system when listed.
    pub size: u64,
}

/// Does the file name carry one of [`EXTENSIONS`]?
pub(crate) fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// Display form of a path: lossy UTF-8 (so it always serialises).
pub(crate) fn lossy(path: &Path) -> PathBuf {
    match path.to_str() {
        Some(_) => path.to_path_buf(),
        None => PathBuf::from(path.to_string_lossy().into_owned()),
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Walks `root` recursively, following symlinks, skipping hidden entries.
///
/// Returns the text-like files found, the problems met (walk errors such as
/// unreadable directories, broken symlinks and symlink loops; non-regular
/// files with a text extension), and whether the walk was cancelled.
/// O(number of entries).
pub(crate) fn list_folder(
    root: &Path,
    progress: &dyn Progress,
) -> (Vec<Candidate>, Vec<Problem>, bool) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        if progress.cancelled() {
            return (files, problems, true);
        }
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| root.to_path_buf(), |p| relative(root, p));
                let error = if let Some(ancestor) = err.loop_ancestor() {
                    let target = relative(root, ancestor);
                    let target = if target.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        target.as_path()
                    };
                    format!("symlink loop: leads back to {}", target.display())
                } else if let Some(io) = err.io_error() {
                    let broken = io.kind() == std::io::ErrorKind::NotFound
                        && err
                            .path()
                            .and_then(|p| std::fs::symlink_metadata(p).ok())
                            .is_some_and(|m| m.file_type().is_symlink());
                    if broken {
                        format!("broken symlink: {io}")
                    } else {
                        format!("cannot list: {io}")
                    }
                } else {
                    format!("cannot list: {err}")
                };
                problems.push(Problem {
                    path: lossy(&path),
                    error,
                });
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let path = entry.path();
        if !has_text_extension(path) {
            continue;
        }
        let rel = relative(root, path);
        if !file_type.is_file() {
            problems.push(Problem {
                path: lossy(&rel),
                error: "not a regular file".to_string(),
            });
            continue;
        }
        match entry.metadata() {
            Ok(meta) => files.push(Candidate {
                abs: path.to_path_buf(),
                rel,
                size: meta.len(),
            }),
            Err(err) => problems.push(Problem {
                path: lossy(&rel),
                error: format!("cannot read metadata: {err}"),
            }),
        }
    }
    (files, problems, false)
}

/// Checks explicitly given files (no extension or hidden-file filtering:
/// the user chose them). Relative paths are taken relative to `root`; the
/// recorded path is relative to `root` when the file is under it, else as
/// given. O(number of files).
pub(crate) fn list_given(root: &Path, given: &[PathBuf]) -> (Vec<Candidate>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for file in given {
        let abs = if file.is_absolute() {
            file.clone()
        } else {
            root.join(file)
        };
        let rel = relative(root, &abs);
        match std::fs::metadata(&abs) {
            Ok(meta) if meta.is_file() => files.push(Candidate {
                abs,
                rel,
                size: meta.len(),
            }),
            Ok(meta) => problems.push(Problem {
                path: lossy(&rel),
                error: if meta.is_dir() {
                    "is a directory".to_string()
                } else {
                    "not a regular file".to_string()
                },
            }),
            Err(err) => problems.push(Problem {
                path: lossy(&rel),
                error: format!("cannot read: {err}"),
            }),
        }
    }
    (files, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        for p in [
            "a.txt", "b.TXT", "c.Html", "d.htm", "e.xhtml", "f.md", "g.text",
        ] {
            assert!(has_text_extension(Path::new(p)), "{p}");
        }
        for p in ["a.jpg", "b", "c.txt.bak", ".txt", "d.pdf"] {
            assert!(!has_text_extension(Path::new(p)), "{p}");
        }
    }
}
