//! What depends on the desktop: the native file dialog and showing a
//! file in the file manager.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a native file dialog gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The user chose this.
    Path(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No native dialog could be shown: the app asks in its own path field.
    Unavailable,
}

/// How fast a dialog that "returned nothing" must have been to count as
/// never shown. rfd returns `None` both when the user cancels and when no
/// backend (the desktop portal over D-Bus, GTK) could show a dialog; the
/// second returns at once, and no person cancels a dialog this fast.
const NOT_SHOWN: Duration = Duration::from_millis(400);

/// True when a native dialog can be tried: on Linux and the BSDs rfd needs
/// the session's D-Bus (the desktop portal); elsewhere the system has one.
fn dialog_possible() -> bool {
    !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd"
    )) || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

fn classify(picked: Option<PathBuf>, started: Instant) -> Picked {
    match picked {
        Some(p) => Picked::Path(p),
        None if started.elapsed() < NOT_SHOWN => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// Asks for a folder with the native dialog.
pub fn pick_folder(title: &str) -> Picked {
    if !dialog_possible() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    classify(
        rfd::FileDialog::new().set_title(title).pick_folder(),
        started,
    )
}

/// Asks where to save, proposing `name`, with the native dialog.
pub fn pick_save(name: &str, exts: &[&str]) -> Picked {
    if !dialog_possible() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    classify(
        rfd::FileDialog::new()
            .set_file_name(name)
            .add_filter(name, exts)
            .save_file(),
        started,
    )
}

/// Shows a file in the system's file manager.
pub fn reveal(path: &Path) -> std::io::Result<()> {
    let mut cmd;
    if cfg!(target_os = "macos") {
        cmd = std::process::Command::new("open");
        cmd.arg("-R").arg(path);
    } else if cfg!(target_os = "windows") {
        cmd = std::process::Command::new("explorer");
        cmd.arg(format!("/select,{}", path.display()));
    } else {
        cmd = std::process::Command::new("xdg-open");
        cmd.arg(path.parent().unwrap_or(path));
    }
    let mut child = cmd.spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}
