//! The window: eframe's native run loop around [`ShanhaiApp`], with the
//! persisted state, and the `--screenshot` mode.

use anyhow::bail;

use super::*;
use crate::install_fonts;

/// Runs the app: opens the window on `folder` (the embedded sample when
/// `None`). With `screenshot`, the window loads, waits until the layout
/// has settled, selects `select` (a region name, short form or code) if
/// given, saves a PNG of itself there and closes.
///
/// # Errors
/// The folder is not a folder; the window cannot be opened; with
/// `screenshot`: loading failed, `select` names no region, the PNG cannot
/// be written, or it all took longer than 60 s.
pub fn run(
    folder: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    select: Option<String>,
) -> anyhow::Result<()> {
    let source = match folder {
        Some(f) if f.is_dir() => Source::Folder(f),
        Some(f) if f == Path::new("sample") => Source::Sample,
        Some(f) => bail!("{} is not a folder", f.display()),
        None => Source::Sample,
    };
    let outcome: Arc<Mutex<Option<Result<(), String>>>> = Arc::new(Mutex::new(None));
    let shot = screenshot
        .clone()
        .map(|out| Screenshot::new(out, select.clone(), Arc::clone(&outcome)));
    let screenshot_mode = shot.is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("山海 Shanhai")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: !screenshot_mode,
        ..Default::default()
    };
    let mut shot = shot;
    eframe::run_native(
        "shanhai",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            cc.egui_ctx.set_theme(egui::Theme::Light);
            let state = match cc.storage {
                Some(s) if !screenshot_mode => eframe::get_value(s, STATE_KEY).unwrap_or_default(),
                _ => State::default(),
            };
            let mut app = ShanhaiApp::new(state, source, Some(cc.egui_ctx.clone()))
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { e.into() })?;
            app.screenshot = shot.take();
            if !screenshot_mode && let Some(name) = select {
                app.select_when_loaded = Some(name);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| {
        anyhow!(
            "cannot open the window: {e}\n\
             The window needs X11 or Wayland libraries and an OpenGL driver: \
             run `bash scripts/setup.sh` from the Shanhai folder to install \
             what is missing (Debian packages), and check that DISPLAY or \
             WAYLAND_DISPLAY is set (without a display, run under xvfb-run)."
        )
    })?;
    if screenshot_mode {
        let r = outcome.lock().ok().and_then(|mut o| o.take());
        match r {
            Some(Ok(())) => Ok(()),
            Some(Err(e)) => bail!("{e}"),
            None => bail!("the window closed before the screenshot was taken"),
        }
    } else {
        Ok(())
    }
}
