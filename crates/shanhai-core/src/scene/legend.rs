//! The legend: what each colour, line and size means, in the picture's
//! language. The screen shows the same items as the exports.

use crate::extract::Relation;
use crate::gazetteer::{Gazetteer, Level, RegionId};
use crate::i18n::{Lang, region_level_name, relation_name};

use super::style::{self, ColourBy, Rgba};
use super::{SceneEdge, SceneNode};

/// A swatch in the legend.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    /// A line, like an edge.
    Line {
        /// Colour.
        color: Rgba,
        /// Dashed.
        dashed: bool,
        /// Width in pixels.
        width: f32,
    },
    /// A filled dot, like a node.
    Dot {
        /// Fill.
        fill: Rgba,
    },
    /// An empty circle with a coloured outline (a level ring).
    Ring {
        /// Outline colour.
        color: Rgba,
    },
    /// No swatch: a note.
    None,
}

/// What a legend line explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendKey {
    /// The links of a relation.
    Relation(Relation),
    /// Official pairs no article states (dashed ochre).
    Official,
    /// The ★ on stated links that are official pairs.
    OfficialStated,
    /// Line width.
    Width,
    /// Arrow direction.
    Arrow,
    /// Eastern (helping) side colour.
    East,
    /// Western (helped) side colour.
    West,
    /// A province's colour.
    Province(RegionId),
    /// Colours by province, too many to list.
    Provinces(usize),
    /// The ring of a level.
    Level(Level),
    /// Node size.
    Size,
}

/// One line of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// What it explains.
    pub key: LegendKey,
    /// What it looks like.
    pub swatch: Swatch,
    /// What it means, in the picture's language.
    pub label: String,
}

impl LegendKey {
    /// The words of the legend line.
    pub fn label(self, g: &Gazetteer, lang: Lang) -> String {
        match self {
            LegendKey::Relation(r) => relation_name(r, lang).to_string(),
            LegendKey::Official => lang
                .t(
                    "官方结对（文章未提及）",
                    "Official pair, not in the articles",
                )
                .to_string(),
            LegendKey::OfficialStated => lang
                .t("★ 文章所述且为官方结对", "★ stated and official")
                .to_string(),
            LegendKey::Width => lang.t("线宽＝文章数", "Width = articles").to_string(),
            LegendKey::Arrow => lang
                .t("箭头：帮扶方 → 受援方", "Arrow: helper → helped")
                .to_string(),
            LegendKey::East => lang.t("东部（帮扶方）", "East (helping side)").to_string(),
            LegendKey::West => lang.t("西部（受援方）", "West (helped side)").to_string(),
            LegendKey::Province(p) => g.region(p).name.clone(),
            LegendKey::Provinces(n) => match lang {
                Lang::Zh => format!("颜色＝省份（{n} 个）"),
                Lang::En => format!("Colour = province ({n})"),
            },
            LegendKey::Level(l) => match (lang, l) {
                (Lang::Zh, Level::Province | Level::Prefecture | Level::County) => {
                    format!("{}地区", region_level_name(l, lang))
                }
                _ => region_level_name(l, lang).to_string(),
            },
            LegendKey::Size => lang.t("圆点大小＝文章数", "Size = articles").to_string(),
        }
    }

    /// What the line looks like.
    pub fn swatch(self, g: &Gazetteer) -> Swatch {
        match self {
            LegendKey::Relation(r) => Swatch::Line {
                color: style::relation_colour(r),
                dashed: style::relation_dashed(r),
                width: 3.0,
            },
            LegendKey::Official => Swatch::Line {
                color: style::OFFICIAL,
                dashed: true,
                width: 2.0,
            },
            LegendKey::East => Swatch::Dot { fill: style::EAST },
            LegendKey::West => Swatch::Dot { fill: style::WEST },
            LegendKey::Province(p) => Swatch::Dot {
                fill: style::province_colour(g, p),
            },
            LegendKey::Level(l) => Swatch::Ring {
                color: style::level_ring(l),
            },
            LegendKey::OfficialStated
            | LegendKey::Width
            | LegendKey::Arrow
            | LegendKey::Provinces(_)
            | LegendKey::Size => Swatch::None,
        }
    }

    /// The legend line.
    pub fn item(self, g: &Gazetteer, lang: Lang) -> LegendItem {
        LegendItem {
            key: self,
            swatch: self.swatch(g),
            label: self.label(g, lang),
        }
    }
}

/// The legend of a picture's nodes and edges: the relations drawn, how
/// width and arrows read, the node colours (by side, or the provinces when
/// there are at most 12), the levels when more than one shows, and size.
pub fn legend_keys(
    g: &Gazetteer,
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    by: ColourBy,
) -> Vec<LegendKey> {
    let mut keys = Vec::new();
    for r in Relation::ALL {
        if edges.iter().any(|e| e.relation == r && !e.official) {
            keys.push(LegendKey::Relation(r));
        }
    }
    if !edges.is_empty() {
        keys.push(LegendKey::Width);
        keys.push(LegendKey::Arrow);
    }
    match by {
        ColourBy::Side => {
            keys.push(LegendKey::East);
            keys.push(LegendKey::West);
        }
        ColourBy::Province => {
            let mut provs: Vec<RegionId> = nodes.iter().map(|n| g.region(n.id).province).collect();
            provs.sort_by(|a, b| g.region(*a).code.cmp(&g.region(*b).code));
            provs.dedup();
            if provs.len() <= 12 {
                keys.extend(provs.into_iter().map(LegendKey::Province));
            } else if !provs.is_empty() {
                keys.push(LegendKey::Provinces(provs.len()));
            }
        }
    }
    let mut levels: Vec<Level> = nodes.iter().map(|n| n.level).collect();
    levels.sort_by_key(|l| (l.depth(), *l));
    levels.dedup();
    if levels.len() > 1 {
        keys.extend(levels.into_iter().map(LegendKey::Level));
    }
    if !nodes.is_empty() {
        keys.push(LegendKey::Size);
    }
    keys
}
