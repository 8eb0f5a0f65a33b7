//! `picture`: a [`Scene`](crate::scene::Scene) as a file — SVG written
//! with quick-xml ([`to_svg`]) and PNG rasterised from that SVG by resvg
//! ([`to_png`]), with the bundled CJK font ([`font::CJK_FONT`]) so Chinese
//! labels look the same everywhere. Both draw the scene's own geometry
//! ([`crate::scene::geometry`], [`crate::scene::labels`]) at zoom 1.

mod animation;
pub mod font;
mod png;
mod svg;

pub use animation::{AnimationFormat, to_animation};
pub use png::{encode_rgba, to_png};
pub use svg::{SvgOptions, to_svg};

/// Errors drawing a picture.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The PNG scale factor is outside 1–4.
    #[error("scale {0} is outside 1–4")]
    Scale(f32),
    /// The picture is empty or too large to rasterise.
    #[error("picture size {width}×{height} is not possible (1 to 16384 pixels a side)")]
    Size {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
    },
    /// The SVG could not be written.
    #[error("writing SVG: {0}")]
    Xml(#[from] std::io::Error),
    /// usvg could not read the SVG back (a bug).
    #[error("reading SVG: {0}")]
    Svg(#[from] resvg::usvg::Error),
    /// The PNG could not be encoded.
    #[error("encoding PNG: {0}")]
    Png(String),
    /// The animation could not be made.
    #[error("animation: {0}")]
    Animation(String),
}
