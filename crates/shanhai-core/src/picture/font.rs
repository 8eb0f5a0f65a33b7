//! The bundled CJK font, in one place: the SVG/PNG renderer and the egui
//! app load these same bytes.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// `assets/fonts/NotoSansSC-Shanhai-Subset.otf`: a subset of Noto Sans CJK
/// SC Regular (SIL Open Font License 1.1, see `assets/fonts/SOURCE.md`),
/// renamed to [`CJK_FAMILY`].
pub const CJK_FONT: &[u8] =
    include_bytes!("../../../../assets/fonts/NotoSansSC-Shanhai-Subset.otf");

/// The family name inside [`CJK_FONT`].
pub const CJK_FAMILY: &str = "Shanhai Sans CJK";

/// The `font-family` the SVG names: the bundled font first, then the full
/// Noto Sans CJK SC that many systems have, then any sans-serif.
pub const SVG_FONT_FAMILY: &str = "Shanhai Sans CJK, Noto Sans CJK SC, sans-serif";

/// A font database holding only the bundled font (also as the default
/// sans-serif family), built once and shared. No system fonts are loaded,
/// so pictures look the same on every machine.
///
/// # Complexity
/// The first call parses the font's tables (a few milliseconds); later
/// calls clone an `Arc`.
pub fn fontdb() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_source(fontdb::Source::Binary(Arc::new(CJK_FONT)));
        db.set_sans_serif_family(CJK_FAMILY);
        db.set_serif_family(CJK_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// usvg options that resolve every font to the bundled one.
pub(crate) fn usvg_options() -> resvg::usvg::Options<'static> {
    resvg::usvg::Options {
        font_family: CJK_FAMILY.to_string(),
        languages: vec!["zh-CN".to_string(), "en".to_string()],
        fontdb: fontdb(),
        ..resvg::usvg::Options::default()
    }
}
