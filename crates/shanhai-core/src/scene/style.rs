//! Colours and sizes: the stable province palette, relation colours,
//! level rings, and the [`Style`] a [`Scene`](super::Scene) is built with.

use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, Level, RegionId};
use crate::i18n::Lang;

/// An RGBA colour, not premultiplied.
pub type Rgba = [u8; 4];

/// White.
pub const WHITE: Rgba = [255, 255, 255, 255];
/// The colour of labels, the title and the legend text.
pub const INK: Rgba = [34, 34, 40, 255];
/// The colour of the source line.
pub const MUTED: Rgba = [110, 110, 120, 255];
/// The colour of the province names on the map.
pub const MAP_NAME: Rgba = [120, 130, 150, 110];
/// Borders between provinces on the map.
pub const MAP_BORDER: Rgba = [188, 186, 178, 255];
/// Coasts and the national border on the map.
pub const MAP_EDGE: Rgba = [150, 150, 144, 255];
/// Stroke width of the map's borders (pixels, whatever the zoom).
pub const MAP_BORDER_WIDTH: f32 = 0.8;
/// Stroke width of the map's coasts and national border.
pub const MAP_EDGE_WIDTH: f32 = 1.1;

/// How the map strokes an arc: colour and width, or `None` for the
/// lines inside one unit (not drawn).
pub fn map_stroke(kind: crate::basemap::ArcKind) -> Option<(Rgba, f32)> {
    match kind {
        crate::basemap::ArcKind::Border => Some((MAP_BORDER, MAP_BORDER_WIDTH)),
        crate::basemap::ArcKind::Edge => Some((MAP_EDGE, MAP_EDGE_WIDTH)),
        crate::basemap::ArcKind::Inner => None,
    }
}

/// The faint fill of a province on the map: neighbours get different
/// tints ([`crate::basemap::MapUnit::tint`]).
pub fn map_tint(tint: u8) -> Rgba {
    const TINTS: [Rgba; 6] = [
        [240, 237, 226, 255],
        [229, 237, 229, 255],
        [232, 232, 241, 255],
        [241, 232, 229, 255],
        [227, 236, 241, 255],
        [238, 238, 229, 255],
    ];
    TINTS[usize::from(tint) % TINTS.len()]
}
/// Fill of the eastern (helping) side when colouring by side.
pub const EAST: Rgba = [49, 110, 180, 255];
/// Fill of the western (helped) side when colouring by side.
pub const WEST: Rgba = [224, 122, 40, 255];
/// Official pairs of the reference overlay (dashed where no article
/// states them).
pub const OFFICIAL: Rgba = [176, 132, 20, 255];

/// How nodes are coloured.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    strum::EnumIter,
)]
pub enum ColourBy {
    /// One colour per provincial unit ([`province_colour`]).
    #[default]
    Province,
    /// Eastern (helping) side blue, western side orange.
    Side,
}

/// Everything a [`Scene`](super::Scene) is built with besides the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Node fill.
    pub colour_by: ColourBy,
    /// Width of the picture at 1× (pixels).
    pub width: u32,
    /// Height of the picture at 1× (pixels).
    pub height: u32,
    /// Background; `None` is transparent.
    pub background: Option<Rgba>,
    /// Title at the top left (empty for none).
    pub title: String,
    /// The line at the bottom: folder, number of articles, date
    /// ([`source_line`](super::source_line)).
    pub source_line: String,
    /// Draw the province outlines and names under the network
    /// ([`crate::basemap`]). Only meaningful when the positions come from
    /// [`geographic`](crate::layout::geographic).
    pub map: bool,
    /// Radius of the least connected node (pixels).
    pub min_radius: f32,
    /// Radius of the most connected node (pixels).
    pub max_radius: f32,
    /// Font size of node labels (pixels).
    pub label_size: f32,
    /// Draw the legend.
    pub legend: bool,
    /// Push overlapping circles apart (in picture pixels) after fitting,
    /// so nodes at nearly the same place stay visible. Nodes that do not
    /// overlap are not moved.
    pub separate: bool,
    /// The language of the legend.
    pub lang: Lang,
    /// The layout → pixel mapping to use instead of fitting the positions
    /// into the picture (the frames of an animation share one).
    pub frame: Option<super::Frame>,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            colour_by: ColourBy::Province,
            width: 1600,
            height: 1000,
            background: Some(WHITE),
            title: String::new(),
            source_line: String::new(),
            map: false,
            min_radius: 5.0,
            max_radius: 22.0,
            label_size: 14.0,
            legend: true,
            separate: true,
            lang: Lang::Zh,
            frame: None,
        }
    }
}

/// The 34 provincial units in code order, for the palette.
fn provinces(g: &Gazetteer) -> Vec<&str> {
    let mut v: Vec<&str> = g
        .regions()
        .iter()
        .filter(|r| r.level == Level::Province)
        .map(|r| r.code.as_str())
        .collect();
    v.sort_unstable();
    v
}

/// A fixed palette entry for position `i` (0–33 for the provincial
/// units): 34 evenly spaced hues visited in steps of 15 (units up to five
/// places apart in code order get hues at least 42° apart; 天津, 山东,
/// 甘肃 and 新疆 are all far apart), with alternating
/// lightness and saturation. Positions past 33 wrap around.
pub fn palette(i: usize) -> Rgba {
    let h = ((i * 15) % 34) as f32 * (360.0 / 34.0) + 6.0;
    let (s, l) = match i % 3 {
        0 => (0.62, 0.46),
        1 => (0.58, 0.60),
        _ => (0.72, 0.38),
    };
    hsl(h, s, l)
}

fn hsl(h: f32, s: f32, l: f32) -> Rgba {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = h / 60.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    [to(r), to(g), to(b), 255]
}

/// The colour of a region's provincial unit: the palette entry at the
/// province's position among all provincial units in code order, so
/// 天津市 (120000, the second) always has the same colour. The Corps and
/// its divisions take Xinjiang's colour.
pub fn province_colour(g: &Gazetteer, r: RegionId) -> Rgba {
    let code = g.region(g.region(r).province).code.as_str();
    let list = provinces(g);
    palette(list.binary_search(&code).unwrap_or(list.len()))
}

/// True for the western side: with the province, all that [`node_fill`]
/// depends on.
pub(crate) fn side_key(g: &Gazetteer, r: RegionId) -> bool {
    crate::extract::keywords::side(g, r) == crate::extract::Side::West
}

/// The fill of a node for a colouring.
pub fn node_fill(g: &Gazetteer, r: RegionId, by: ColourBy) -> Rgba {
    match by {
        ColourBy::Province => province_colour(g, r),
        ColourBy::Side => match crate::extract::keywords::side(g, r) {
            crate::extract::Side::East => EAST,
            crate::extract::Side::West => WEST,
        },
    }
}

/// The ring drawn around a node: dark for provinces, grey for prefectures
/// and the Corps, white for counties and divisions.
pub fn level_ring(level: Level) -> Rgba {
    match level {
        Level::Province => [30, 30, 36, 255],
        Level::Prefecture | Level::Corps => [120, 120, 130, 255],
        Level::County | Level::Division => WHITE,
    }
}

/// The Chinese name of a level, for the legend.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::Province => "省级",
        Level::Prefecture => "地级",
        Level::County => "县级",
        Level::Corps => "兵团",
        Level::Division => "兵团师",
    }
}

/// The colour of a relation's edges.
pub fn relation_colour(rel: Relation) -> Rgba {
    match rel {
        Relation::EastWestCooperation => [200, 48, 64, 210],
        Relation::CounterpartSupport => [22, 120, 120, 210],
        Relation::Other => [120, 120, 128, 190],
    }
}

/// True when a relation's edges are dashed (the "other" schemes).
pub fn relation_dashed(rel: Relation) -> bool {
    rel == Relation::Other
}

/// The name of a relation in the legend.
pub fn relation_name(rel: Relation) -> &'static str {
    match rel {
        Relation::EastWestCooperation => "东西部协作",
        Relation::CounterpartSupport => "对口支援",
        Relation::Other => "其他协作",
    }
}
