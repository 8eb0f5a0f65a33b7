//! The `--screenshot` run: wait until the folder is loaded and the layout
//! has settled, select a region if asked, grab the window and save it.

use super::*;

/// Longest wait for `--screenshot`.
const SCREENSHOT_TIMEOUT: Duration = Duration::from_secs(60);

/// Frames to wait after the layout settled before a screenshot.
const SETTLE_FRAMES: u32 = 6;

/// The `--screenshot` run.
pub(crate) struct Screenshot {
    out: PathBuf,
    select: Option<String>,
    started: Instant,
    settled_frames: u32,
    requested: bool,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    pub(super) outcome: Arc<Mutex<Option<Result<(), String>>>>,
}

impl Screenshot {
    /// A run that saves to `out`, selecting `select` first, and reports
    /// into `outcome`.
    pub(crate) fn new(
        out: PathBuf,
        select: Option<String>,
        outcome: Arc<Mutex<Option<Result<(), String>>>>,
    ) -> Screenshot {
        Screenshot {
            out,
            select,
            started: Instant::now(),
            settled_frames: 0,
            requested: false,
            image: Arc::new(Mutex::new(None)),
            outcome,
        }
    }
}

impl ShanhaiApp {
    pub(super) fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(s) = &mut self.screenshot else {
            return;
        };
        ctx.request_repaint_after(Duration::from_millis(50));
        let finish = |s: &Screenshot, r: Result<(), String>| {
            if let Ok(mut o) = s.outcome.lock()
                && o.is_none()
            {
                *o = Some(r);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        };
        if s.outcome.lock().map(|o| o.is_some()).unwrap_or(false) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if s.started.elapsed() > SCREENSHOT_TIMEOUT {
            finish(
                s,
                Err("timed out waiting for the window to load and settle".into()),
            );
            return;
        }
        if self.loading.is_some() || self.view.as_ref().is_none_or(|v| !v.settled()) {
            return;
        }
        if let Some(name) = s.select.take() {
            let level = self.state.filters.level;
            match panels_search_resolve(self.g, self.view.as_ref(), level, &name) {
                Some(r) => {
                    self.apply(Command::Select(Selection::Node(r)), Some(ctx));
                }
                None => {
                    let Some(s) = &self.screenshot else { return };
                    finish(s, Err(format!("--select {name}: no such region")));
                    return;
                }
            }
            return;
        }
        let Some(s) = &mut self.screenshot else {
            return;
        };
        if s.settled_frames < SETTLE_FRAMES {
            s.settled_frames += 1;
            return;
        }
        if !s.requested {
            s.requested = true;
            let slot = Arc::clone(&s.image);
            let ctx2 = ctx.clone();
            ctx.request_screenshot(move |img| {
                if let Ok(mut i) = slot.lock() {
                    *i = Some(img);
                }
                ctx2.request_repaint();
            });
            return;
        }
        let img = s.image.lock().ok().and_then(|mut i| i.take());
        if let Some(img) = img {
            let r = save_png(&img, &s.out);
            finish(s, r);
        }
    }
}

/// Writes a screenshot as PNG (the pictures' encoder).
fn save_png(img: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = img.size;
    let mut bytes = Vec::with_capacity(w * h * 4);
    for p in &img.pixels {
        // Color32 is premultiplied, as the encoder wants.
        bytes.extend_from_slice(&p.to_array());
    }
    let (w, h) = (
        u32::try_from(w).map_err(|e| e.to_string())?,
        u32::try_from(h).map_err(|e| e.to_string())?,
    );
    let png = picture::encode_rgba(w, h, bytes).map_err(|e| e.to_string())?;
    shanhai_core::export::write_atomic(path, &png, true)
        .map_err(|e| format!("{}: {e}", path.display()))
}
