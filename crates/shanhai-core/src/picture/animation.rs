//! Scenes as an animation: one frame per scene, as GIF (256 colours per
//! frame, NeuQuant, for slides) or APNG (full colour, for papers and
//! browsers). Frames are rasterised like [`to_png`](super::to_png), on an
//! opaque background (white where the scene has none), a few at a time
//! in parallel.

use rayon::prelude::*;

use super::RenderError;
use super::png::rasterise;
use crate::scene::Scene;
use crate::scene::style::WHITE;

/// The animation formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnimationFormat {
    /// GIF89a, looping.
    Gif,
    /// Animated PNG, looping.
    Apng,
}

impl AnimationFormat {
    /// By file extension: `.gif`, `.png` or `.apng`.
    pub fn from_path(path: &std::path::Path) -> Option<AnimationFormat> {
        match path
            .extension()?
            .to_string_lossy()
            .to_ascii_lowercase()
            .as_str()
        {
            "gif" => Some(AnimationFormat::Gif),
            "png" | "apng" => Some(AnimationFormat::Apng),
            _ => None,
        }
    }
}

/// Frames rasterised at once (memory: about 6 MB each at 1600 × 1000).
const BATCH: usize = 8;

/// Writes `scenes` as a looping animation showing each for `delay_ms`
/// milliseconds (GIF rounds to hundredths of a second). All scenes must
/// have the size of the first.
///
/// # Errors
/// [`RenderError::Scale`] and [`RenderError::Size`] as for
/// [`to_png`](super::to_png) (GIF also refuses sides over 65535 pixels),
/// [`RenderError::Animation`] for no scenes, scenes of different sizes or
/// an encoder error.
///
/// # Complexity
/// Linear in frames × pixels; GIF's colour quantisation dominates.
pub fn to_animation(
    scenes: &[Scene],
    format: AnimationFormat,
    delay_ms: u32,
    scale: f32,
) -> Result<Vec<u8>, RenderError> {
    let first = scenes
        .first()
        .ok_or_else(|| RenderError::Animation("no frames".into()))?;
    if scenes
        .iter()
        .any(|s| (s.width, s.height) != (first.width, first.height))
    {
        return Err(RenderError::Animation(
            "the frames are not all the same size".into(),
        ));
    }
    let anim = |e: String| RenderError::Animation(e);
    let mut out = Vec::new();
    let pixels = |batch: &[Scene]| -> Result<Vec<(u32, u32, Vec<u8>)>, RenderError> {
        batch
            .par_iter()
            .map(|s| {
                let p = rasterise(s, scale, Some(s.background.unwrap_or(WHITE)))?;
                Ok((p.width(), p.height(), p.take()))
            })
            .collect()
    };
    match format {
        AnimationFormat::Gif => {
            // The size rasterise gives (it checks the scale first).
            let side = |v: u32| (f64::from(v) * f64::from(scale)).round() as u32;
            let (w, h) = (side(first.width), side(first.height));
            let (Ok(gw), Ok(gh)) = (u16::try_from(w), u16::try_from(h)) else {
                return Err(RenderError::Size {
                    width: u64::from(w),
                    height: u64::from(h),
                });
            };
            let mut enc =
                gif::Encoder::new(&mut out, gw, gh, &[]).map_err(|e| anim(e.to_string()))?;
            enc.set_repeat(gif::Repeat::Infinite)
                .map_err(|e| anim(e.to_string()))?;
            let delay = u16::try_from(delay_ms.div_ceil(10)).unwrap_or(u16::MAX);
            for batch in scenes.chunks(BATCH) {
                let frames: Vec<gif::Frame<'static>> = pixels(batch)?
                    .into_par_iter()
                    .map(|(_, _, mut rgba)| {
                        let mut f = gif::Frame::from_rgba_speed(gw, gh, &mut rgba, 10);
                        f.delay = delay;
                        f
                    })
                    .collect();
                for f in &frames {
                    enc.write_frame(f).map_err(|e| anim(e.to_string()))?;
                }
            }
        }
        AnimationFormat::Apng => {
            let (w, h, first_rgba) = pixels(&scenes[..1])?.remove(0);
            let n = u32::try_from(scenes.len()).map_err(|e| anim(e.to_string()))?;
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            enc.set_animated(n, 0).map_err(|e| anim(e.to_string()))?;
            let delay = u16::try_from(delay_ms).unwrap_or(u16::MAX);
            enc.set_frame_delay(delay, 1000)
                .map_err(|e| anim(e.to_string()))?;
            let mut writer = enc.write_header().map_err(|e| anim(e.to_string()))?;
            writer
                .write_image_data(&first_rgba)
                .map_err(|e| anim(e.to_string()))?;
            for batch in scenes[1..].chunks(BATCH) {
                for (_, _, rgba) in pixels(batch)? {
                    writer
                        .write_image_data(&rgba)
                        .map_err(|e| anim(e.to_string()))?;
                }
            }
            writer.finish().map_err(|e| anim(e.to_string()))?;
        }
    }
    Ok(out)
}
