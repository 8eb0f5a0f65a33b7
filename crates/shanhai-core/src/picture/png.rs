//! The scene as PNG: its SVG rasterised by resvg with the bundled font.

use resvg::tiny_skia;
use resvg::usvg;

use super::RenderError;
use super::font::usvg_options;
use super::svg::write_svg;
use crate::scene::{Rgba, Scene};

/// Largest side of a rasterised picture, in pixels.
const MAX_SIDE: u64 = 16_384;

/// Rasterises the scene to a PNG at `scale` (1–4) times its size: the
/// image is exactly `round(width × scale)` × `round(height × scale)`
/// pixels. `background` replaces the scene's (`None` is transparent).
/// Text is drawn with the bundled CJK font, whatever fonts the system has.
///
/// # Errors
/// [`RenderError::Scale`] for a scale outside 1–4 (or not finite),
/// [`RenderError::Size`] for a picture larger than 16384 pixels a side,
/// [`RenderError::Png`] when encoding fails.
///
/// # Complexity
/// Linear in the number of pixels plus the scene's size; a 1600×1000
/// scene at 4× takes about a second in a release build.
pub fn to_png(scene: &Scene, scale: f32, background: Option<Rgba>) -> Result<Vec<u8>, RenderError> {
    rasterise(scene, scale, background)?
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

/// The scene's pixels at `scale`, as [`to_png`] draws them (premultiplied
/// RGBA).
pub(super) fn rasterise(
    scene: &Scene,
    scale: f32,
    background: Option<Rgba>,
) -> Result<tiny_skia::Pixmap, RenderError> {
    if !(scale.is_finite() && (1.0..=4.0).contains(&scale)) {
        return Err(RenderError::Scale(scale));
    }
    let pw = (f64::from(scene.width) * f64::from(scale)).round() as u64;
    let ph = (f64::from(scene.height) * f64::from(scale)).round() as u64;
    let size_err = RenderError::Size {
        width: pw,
        height: ph,
    };
    if pw == 0 || ph == 0 || pw > MAX_SIDE || ph > MAX_SIDE {
        return Err(size_err);
    }
    let svg = write_svg(scene, background, scale)?;
    let tree = usvg::Tree::from_str(&svg, &usvg_options())?;
    let mut pixmap = tiny_skia::Pixmap::new(pw as u32, ph as u32).ok_or(size_err)?;
    if let Some([r, g, b, a]) = background {
        pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, a));
    }
    let sx = pw as f32 / scene.width as f32;
    let sy = ph as f32 / scene.height as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(sx, sy),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// Encodes an image as PNG: `rgba` holds `width × height` pixels of
/// premultiplied RGBA, row by row (what egui's screenshots are). One
/// encoder for the exported pictures and the app's screenshots.
///
/// # Errors
/// [`RenderError::Size`] when the sizes do not match the pixels or are
/// not possible, [`RenderError::Png`] when encoding fails.
pub fn encode_rgba(width: u32, height: u32, rgba: Vec<u8>) -> Result<Vec<u8>, RenderError> {
    let size_err = RenderError::Size {
        width: u64::from(width),
        height: u64::from(height),
    };
    let size = tiny_skia::IntSize::from_wh(width, height).ok_or(size_err)?;
    let pixmap = tiny_skia::Pixmap::from_vec(rgba, size).ok_or(RenderError::Size {
        width: u64::from(width),
        height: u64::from(height),
    })?;
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}
