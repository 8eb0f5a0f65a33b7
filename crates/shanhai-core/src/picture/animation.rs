//! Scenes as an animation: one frame per scene, as GIF (256 colours per
//! frame, NeuQuant, for slides) or APNG (full colour, for papers and
//! browsers). Frames are rasterised like [`to_png`](super::to_png), on an
//! opaque background (white where the scene has none), a few at a time
//! in parallel; after the first, each frame stores only the rectangle
//! that changed.

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
            // Each frame after the first holds only the rectangle that
            // changed (drawn over the last, `Keep`); a frame that changes
            // nothing lengthens the one before.
            let mut prev: Option<Vec<u8>> = None;
            let mut pending: Option<gif::Frame<'static>> = None;
            for batch in scenes.chunks(BATCH) {
                let mut jobs: Vec<Option<(Rect, Vec<u8>)>> = Vec::new();
                for (_, _, rgba) in pixels(batch)? {
                    let job = match &prev {
                        None => Some(((0, 0, w, h), rgba.clone())),
                        Some(p) => changed(p, &rgba, w, h).map(|r| (r, crop(&rgba, w, r))),
                    };
                    prev = Some(rgba);
                    jobs.push(job);
                }
                let frames: Vec<Option<gif::Frame<'static>>> = jobs
                    .into_par_iter()
                    .map(|job| {
                        let ((x, y, cw, ch), mut px) = job?;
                        let (cw16, ch16) = (u16::try_from(cw).ok()?, u16::try_from(ch).ok()?);
                        let mut f = gif::Frame::from_rgba_speed(cw16, ch16, &mut px, 10);
                        f.left = u16::try_from(x).ok()?;
                        f.top = u16::try_from(y).ok()?;
                        f.dispose = gif::DisposalMethod::Keep;
                        f.delay = delay;
                        Some(f)
                    })
                    .collect();
                for f in frames {
                    match f {
                        Some(f) => {
                            if let Some(done) = pending.replace(f) {
                                enc.write_frame(&done).map_err(|e| anim(e.to_string()))?;
                            }
                        }
                        None => {
                            if let Some(p) = &mut pending {
                                p.delay = p.delay.saturating_add(delay);
                            }
                        }
                    }
                }
            }
            if let Some(done) = pending {
                enc.write_frame(&done).map_err(|e| anim(e.to_string()))?;
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
            // As for GIF: each later frame is the rectangle that changed
            // (one pixel when nothing did), drawn over the last.
            let mut prev = first_rgba;
            for batch in scenes[1..].chunks(BATCH) {
                for (_, _, rgba) in pixels(batch)? {
                    let r = changed(&prev, &rgba, w, h).unwrap_or((0, 0, 1, 1));
                    writer
                        .reset_frame_position()
                        .and_then(|()| writer.set_frame_dimension(r.2, r.3))
                        .and_then(|()| writer.set_frame_position(r.0, r.1))
                        .and_then(|()| writer.write_image_data(&crop(&rgba, w, r)))
                        .map_err(|e| anim(e.to_string()))?;
                    prev = rgba;
                }
            }
            writer.finish().map_err(|e| anim(e.to_string()))?;
        }
    }
    Ok(out)
}

/// A rectangle of pixels: left, top, width, height.
type Rect = (u32, u32, u32, u32);

/// The smallest rectangle holding every pixel where two RGBA images of
/// `w × h` differ; `None` when they are the same.
fn changed(a: &[u8], b: &[u8], w: u32, h: u32) -> Option<Rect> {
    let row = w as usize * 4;
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for y in 0..h as usize {
        let (ra, rb) = (&a[y * row..(y + 1) * row], &b[y * row..(y + 1) * row]);
        if ra == rb {
            continue;
        }
        let first = ra
            .chunks_exact(4)
            .zip(rb.chunks_exact(4))
            .position(|(p, q)| p != q)?;
        let last = w as usize
            - 1
            - ra.chunks_exact(4)
                .rev()
                .zip(rb.chunks_exact(4).rev())
                .position(|(p, q)| p != q)?;
        x0 = x0.min(first as u32);
        x1 = x1.max(last as u32);
        y0 = y0.min(y as u32);
        y1 = y1.max(y as u32);
    }
    (x0 != u32::MAX).then(|| (x0, y0, x1 - x0 + 1, y1 - y0 + 1))
}

/// The pixels of `r` in an RGBA image `w` pixels wide.
fn crop(rgba: &[u8], w: u32, r: Rect) -> Vec<u8> {
    let (x, y, cw, ch) = r;
    let row = w as usize * 4;
    let mut out = Vec::with_capacity(cw as usize * ch as usize * 4);
    for yy in y as usize..(y + ch) as usize {
        let start = yy * row + x as usize * 4;
        out.extend_from_slice(&rgba[start..start + cw as usize * 4]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_rectangle_is_the_smallest_one() {
        let (w, h) = (5u32, 4u32);
        let a = vec![255u8; (w * h * 4) as usize];
        let mut b = a.clone();
        assert_eq!(changed(&a, &b, w, h), None);
        // Pixels (1, 1) and (3, 2) differ.
        b[(w + 1) as usize * 4] = 0;
        b[(2 * w + 3) as usize * 4 + 2] = 7;
        assert_eq!(changed(&a, &b, w, h), Some((1, 1, 3, 2)));
        let c = crop(&b, w, (1, 1, 3, 2));
        assert_eq!(c.len(), 3 * 2 * 4);
        assert_eq!(c[0], 0);
        assert_eq!(c[(3 + 2) * 4 + 2], 7);
    }
}
