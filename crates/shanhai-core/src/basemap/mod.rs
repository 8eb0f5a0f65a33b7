//! `basemap`: province outlines under the geographic layout.
//!
//! The outlines are Natural Earth's 1:10m admin-1 units of China, Taiwan,
//! Hong Kong and Macao, generated into `assets/map/provinces.json` by
//! `scripts/build_map.py` (see `assets/map/SOURCE.md` for the source, the
//! licence and what the data does not contain). Borders are stored once,
//! as arcs shared by the two units they separate (as in TopoJSON), at
//! three levels of detail simplified with the same arc endpoints, so
//! neighbouring provinces meet exactly at every level.
//!
//! [`Basemap::embedded`] parses the asset once, projects it with the
//! geographic layout's projection ([`crate::layout::project`]: kilometres,
//! `y` down) and triangulates every unit at every level (earcut), so that
//! painters only transform points: the app fills the triangles, the SVG
//! writes the rings, and both stroke the arcs.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::layout::project;

/// The generated outlines (see `assets/map/SOURCE.md`).
const PROVINCES_JSON: &str = include_str!("../../../../assets/map/provinces.json");

/// Kilometres per degree of latitude on the projection's sphere.
const KM_PER_DEGREE: f32 = 111.19;

/// Errors reading the outlines.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MapError {
    /// The JSON does not parse.
    #[error("map outlines: {0}")]
    Json(String),
    /// A format version this build does not read.
    #[error("map outlines: format {0} is not format 1")]
    Format(u32),
    /// An arc has another number of levels than the file.
    #[error("map outlines: arc {arc} has {got} levels of detail, the file {want}")]
    Levels {
        /// The arc.
        arc: usize,
        /// Its levels.
        got: usize,
        /// The file's levels.
        want: usize,
    },
    /// An arc's coordinates are not pairs, or it has fewer than two points.
    #[error("map outlines: arc {0} is not a list of at least two points")]
    Arc(usize),
    /// A ring names an arc that does not exist.
    #[error("map outlines: unit {unit} names arc {arc}, which does not exist")]
    ArcRef {
        /// The unit's code.
        unit: String,
        /// The arc reference as written.
        arc: i64,
    },
    /// Triangulation failed (a bug in the data or in earcut).
    #[error("map outlines: unit {unit} could not be triangulated: {reason}")]
    Triangulate {
        /// The unit's code.
        unit: String,
        /// What earcut said.
        reason: String,
    },
}

/// What an arc separates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArcKind {
    /// Two provincial units.
    Border,
    /// A unit from the sea or from another country (used by one ring).
    Edge,
    /// Two parts of one unit (Taiwan's counties, Hong Kong's districts):
    /// not drawn.
    Inner,
}

/// A shared piece of boundary, at every level of detail.
#[derive(Debug, Clone, PartialEq)]
pub struct MapArc {
    /// What it separates.
    pub kind: ArcKind,
    /// Its points per level of detail, in layout kilometres.
    pub lines: Vec<Vec<[f32; 2]>>,
    /// Its bounding box (`[min x, min y, max x, max y]`, kilometres).
    pub bbox: [f32; 4],
    /// The coarsest level at which a polygon drawn there uses it (small
    /// islands only from the finer level on).
    pub min_lod: usize,
}

/// One unit's outline at one level of detail.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnitShape {
    /// Its closed rings (outer rings and holes, first point not repeated),
    /// for even-odd filling.
    pub rings: Vec<Vec<[f32; 2]>>,
    /// The rings' points, in ring order: what `triangles` index.
    pub vertices: Vec<[f32; 2]>,
    /// Triangles, three indices into `vertices` each.
    pub triangles: Vec<u32>,
    /// Bounding box (`[min x, min y, max x, max y]`, kilometres).
    pub bbox: [f32; 4],
}

/// A provincial unit of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapUnit {
    /// Its GB/T 2260 code (`620000`), as in the gazetteer.
    pub code: String,
    /// Its official name (`甘肃省`).
    pub name: String,
    /// Its English name in Natural Earth (`Gansu`).
    pub name_en: String,
    /// Which faint fill (neighbours differ), from 0.
    pub tint: u8,
    /// Where its name can be written inside the outline, best first
    /// (layout kilometres).
    pub labels: Vec<[f32; 2]>,
    /// Its outline per level of detail.
    pub shapes: Vec<UnitShape>,
    /// Its area in square kilometres (of the finest level).
    pub area_km2: f32,
}

/// The province outlines, projected and triangulated.
#[derive(Debug, Clone, PartialEq)]
pub struct Basemap {
    /// The units, by code.
    pub units: Vec<MapUnit>,
    /// The boundary arcs.
    pub arcs: Vec<MapArc>,
    /// Each level's simplification tolerance in kilometres, coarsest first.
    pub tolerances_km: Vec<f32>,
    /// Where the data comes from (one line).
    pub source: String,
}

#[derive(Deserialize)]
struct RawMap {
    format: u32,
    source: String,
    scale: f64,
    lods: Vec<RawLod>,
    arcs: Vec<RawArc>,
    units: Vec<RawUnit>,
}

#[derive(Deserialize)]
struct RawLod {
    tolerance: f64,
}

#[derive(Deserialize)]
struct RawArc {
    kind: String,
    lod: Vec<Vec<i64>>,
}

#[derive(Deserialize)]
struct RawUnit {
    code: String,
    name: String,
    name_en: String,
    tint: u8,
    labels: Vec<[i64; 2]>,
    polygons: Vec<RawPolygon>,
}

#[derive(Deserialize)]
struct RawPolygon {
    min_lod: usize,
    rings: Vec<Vec<i64>>,
}

impl Basemap {
    /// The outlines shipped with the app, parsed on first use.
    ///
    /// # Errors
    /// The embedded asset does not read (a broken build; the tests read
    /// it).
    pub fn embedded() -> Result<&'static Basemap, &'static MapError> {
        static MAP: OnceLock<Result<Basemap, MapError>> = OnceLock::new();
        MAP.get_or_init(|| Basemap::parse(PROVINCES_JSON)).as_ref()
    }

    /// Reads outlines in the form `scripts/build_map.py` writes.
    ///
    /// # Errors
    /// JSON that does not parse, another format, arcs that are not point
    /// lists or have another number of levels, rings that name missing
    /// arcs, units earcut cannot triangulate.
    ///
    /// # Complexity
    /// O(n log n) in the number of points (earcut with z-order hashing).
    pub fn parse(json: &str) -> Result<Basemap, MapError> {
        let raw: RawMap = serde_json::from_str(json).map_err(|e| MapError::Json(e.to_string()))?;
        if raw.format != 1 {
            return Err(MapError::Format(raw.format));
        }
        let levels = raw.lods.len();
        let scale = if raw.scale > 0.0 { raw.scale } else { 1.0 };
        let to_km = |x: i64, y: i64| project(x as f64 / scale, y as f64 / scale);
        let mut arcs = Vec::with_capacity(raw.arcs.len());
        for (i, a) in raw.arcs.iter().enumerate() {
            if a.lod.len() != levels {
                return Err(MapError::Levels {
                    arc: i,
                    got: a.lod.len(),
                    want: levels,
                });
            }
            let mut lines = Vec::with_capacity(levels);
            for flat in &a.lod {
                if flat.len() < 4 || flat.len() % 2 != 0 {
                    return Err(MapError::Arc(i));
                }
                let (mut x, mut y) = (0i64, 0i64);
                let mut line = Vec::with_capacity(flat.len() / 2);
                for (k, p) in flat.chunks_exact(2).enumerate() {
                    if k == 0 {
                        (x, y) = (p[0], p[1]);
                    } else {
                        x += p[0];
                        y += p[1];
                    }
                    line.push(to_km(x, y));
                }
                lines.push(line);
            }
            let kind = match a.kind.as_str() {
                "border" => ArcKind::Border,
                "inner" => ArcKind::Inner,
                _ => ArcKind::Edge,
            };
            let bbox = bbox_of(lines.iter().flatten().copied());
            arcs.push(MapArc {
                kind,
                lines,
                bbox,
                min_lod: usize::MAX,
            });
        }
        for p in raw.units.iter().flat_map(|u| &u.polygons) {
            for &r in p.rings.iter().flatten() {
                let i = if r < 0 { -r - 1 } else { r };
                if let Some(a) = usize::try_from(i).ok().and_then(|i| arcs.get_mut(i)) {
                    a.min_lod = a.min_lod.min(p.min_lod);
                }
            }
        }
        let mut units = Vec::with_capacity(raw.units.len());
        for u in &raw.units {
            let mut shapes = Vec::with_capacity(levels);
            for lod in 0..levels {
                shapes.push(unit_shape(u, lod, &arcs)?);
            }
            let area_km2 = shapes.last().map(shape_area).unwrap_or(0.0);
            units.push(MapUnit {
                code: u.code.clone(),
                name: u.name.clone(),
                name_en: u.name_en.clone(),
                tint: u.tint,
                labels: u.labels.iter().map(|p| to_km(p[0], p[1])).collect(),
                shapes,
                area_km2,
            });
        }
        units.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Basemap {
            units,
            arcs,
            tolerances_km: raw
                .lods
                .iter()
                .map(|l| l.tolerance as f32 * KM_PER_DEGREE)
                .collect(),
            source: raw.source,
        })
    }

    /// The level of detail to draw at `px_per_km` screen pixels per layout
    /// kilometre: the coarsest whose simplification stays within about a
    /// pixel, else the finest.
    pub fn lod_for(&self, px_per_km: f32) -> usize {
        let last = self.tolerances_km.len().saturating_sub(1);
        self.tolerances_km
            .iter()
            .position(|&t| t * px_per_km <= 1.25)
            .unwrap_or(last)
    }

    /// The unit with this code.
    pub fn unit(&self, code: &str) -> Option<&MapUnit> {
        self.units
            .binary_search_by(|u| u.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.units[i])
    }
}

/// Builds a unit's rings and triangles at one level from its arcs.
fn unit_shape(u: &RawUnit, lod: usize, arcs: &[MapArc]) -> Result<UnitShape, MapError> {
    let mut shape = UnitShape::default();
    for poly in u.polygons.iter().filter(|p| p.min_lod <= lod) {
        let mut flat: Vec<f64> = Vec::new();
        let mut holes: Vec<usize> = Vec::new();
        let base = shape.vertices.len();
        for (k, ring_refs) in poly.rings.iter().enumerate() {
            let ring = ring_points(&u.code, ring_refs, lod, arcs)?;
            if ring.len() < 3 {
                continue;
            }
            if k > 0 {
                holes.push(flat.len() / 2);
            } else if !flat.is_empty() {
                // An outer ring that collapsed: its holes are dropped too.
                break;
            }
            for p in &ring {
                flat.push(f64::from(p[0]));
                flat.push(f64::from(p[1]));
            }
            shape.vertices.extend_from_slice(&ring);
            shape.rings.push(ring);
        }
        if flat.is_empty() {
            continue;
        }
        let tri = earcutr::earcut(&flat, &holes, 2).map_err(|e| MapError::Triangulate {
            unit: u.code.clone(),
            reason: format!("{e:?}"),
        })?;
        shape
            .triangles
            .extend(tri.into_iter().map(|i| (base + i) as u32));
    }
    shape.bbox = bbox_of(shape.vertices.iter().copied());
    Ok(shape)
}

/// The points of one ring: its arcs end to end (a negative reference is
/// an arc reversed), without the repeated joints and closing point.
fn ring_points(
    unit: &str,
    refs: &[i64],
    lod: usize,
    arcs: &[MapArc],
) -> Result<Vec<[f32; 2]>, MapError> {
    let mut ring: Vec<[f32; 2]> = Vec::new();
    for &r in refs {
        let (index, reversed) = if r < 0 { (-r - 1, true) } else { (r, false) };
        let arc = usize::try_from(index)
            .ok()
            .and_then(|i| arcs.get(i))
            .ok_or_else(|| MapError::ArcRef {
                unit: unit.to_string(),
                arc: r,
            })?;
        let line = &arc.lines[lod];
        let mut push = |p: [f32; 2]| {
            if ring.last() != Some(&p) {
                ring.push(p);
            }
        };
        if reversed {
            line.iter().rev().for_each(|&p| push(p));
        } else {
            line.iter().for_each(|&p| push(p));
        }
    }
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    Ok(ring)
}

fn bbox_of(points: impl Iterator<Item = [f32; 2]>) -> [f32; 4] {
    let mut b = [
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    ];
    for p in points {
        b[0] = b[0].min(p[0]);
        b[1] = b[1].min(p[1]);
        b[2] = b[2].max(p[0]);
        b[3] = b[3].max(p[1]);
    }
    b
}

/// Area of a shape from its triangles (km²).
fn shape_area(s: &UnitShape) -> f32 {
    s.triangles
        .chunks_exact(3)
        .map(|t| {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| s.vertices[i as usize]);
            ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A square split into two units by one shared border arc.
    const TWO_SQUARES: &str = r#"{"format":1,"source":"test","scale":10000,
      "lods":[{"tolerance":0.04},{"tolerance":0.004}],
      "arcs":[
        {"kind":"border","lod":[[1050000,300000,0,10000],[1050000,300000,0,10000]]},
        {"kind":"edge","lod":[[1050000,310000,-10000,0,0,-10000,10000,0],[1050000,310000,-10000,0,0,-10000,10000,0]]},
        {"kind":"edge","lod":[[1050000,310000,10000,0,0,-10000,-10000,0],[1050000,310000,10000,0,0,-10000,-10000,0]]}],
      "units":[
        {"code":"100000","name":"西","name_en":"West","tint":0,"labels":[[1045000,305000]],
         "polygons":[{"min_lod":0,"rings":[[0,1]]}]},
        {"code":"200000","name":"东","name_en":"East","tint":1,"labels":[[1055000,305000]],
         "polygons":[{"min_lod":0,"rings":[[-1,-3]]}]}]}"#;

    #[test]
    fn units_share_their_border_and_triangulate() {
        let m = Basemap::parse(TWO_SQUARES).unwrap();
        assert_eq!(m.units.len(), 2);
        let west = &m.units[0].shapes[0];
        let east = &m.units[1].shapes[0];
        assert_eq!(west.rings[0].len(), 4, "{:?}", west.rings);
        assert_eq!(east.rings[0].len(), 4);
        // A square is two triangles; both squares have the same area.
        assert_eq!(west.triangles.len(), 6);
        assert_eq!(east.triangles.len(), 6);
        let (a, b) = (m.units[0].area_km2, m.units[1].area_km2);
        assert!((a - b).abs() / a < 0.01, "{a} vs {b}");
        // One degree by one degree near 30°N: about 96 × 111 km.
        assert!((9_000.0..12_500.0).contains(&a), "{a}");
        // The shared border is both units' east/west side.
        let shared = &m.arcs[0].lines[0];
        for p in shared {
            assert!(west.vertices.contains(p) && east.vertices.contains(p));
        }
    }

    #[test]
    fn bad_references_and_formats_are_errors() {
        let bad = TWO_SQUARES.replace("[[0,1]]", "[[0,7]]");
        assert!(matches!(
            Basemap::parse(&bad),
            Err(MapError::ArcRef { arc: 7, .. })
        ));
        let v2 = TWO_SQUARES.replace("\"format\":1", "\"format\":2");
        assert_eq!(Basemap::parse(&v2), Err(MapError::Format(2)));
        assert!(matches!(Basemap::parse("{"), Err(MapError::Json(_))));
    }

    #[test]
    fn the_level_follows_the_zoom() {
        let m = Basemap::parse(TWO_SQUARES).unwrap();
        // 0.04° ≈ 4.4 km: coarse while that is about a pixel or less.
        assert_eq!(m.lod_for(0.2), 0);
        assert_eq!(m.lod_for(1.0), 1);
        assert_eq!(m.lod_for(100.0), 1);
    }
}
