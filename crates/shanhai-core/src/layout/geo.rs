//! The geographic layout: an Albers equal-area conic projection for China,
//! and the spreading of nodes that share a point. The province outlines
//! drawn under it are [`crate::basemap`], in the same projection.

use std::collections::BTreeMap;

use crate::gazetteer::{Gazetteer, RegionId};

/// Earth radius (km) of the spherical projection.
const R_KM: f64 = 6371.0;
/// Central meridian (degrees east).
const LON0: f64 = 105.0;
/// Standard parallels (degrees north).
const PHI1: f64 = 25.0;
const PHI2: f64 = 47.0;
/// Latitude of the origin: the projection's y is 0 here.
const PHI0: f64 = 0.0;

/// Spacing (km) between nodes that [`geographic`] spreads apart. Nodes
/// closer than half of this are treated as sharing a point.
pub const GEO_SPREAD_KM: f32 = 6.0;

/// The golden angle in radians.
const GOLDEN_ANGLE: f32 = 2.399_963_2;

/// Projects a longitude/latitude (degrees) with an Albers equal-area conic
/// suited to China: standard parallels 25°N and 47°N, central meridian
/// 105°E, on a sphere of radius 6371 km.
///
/// Returns `[x, y]` in kilometres with `x` growing eastwards and `y`
/// growing southwards (screen space); `[0, 0]` is 105°E on the equator.
/// Latitudes are clamped to ±90°; a non-finite input projects to the
/// origin of the central meridian at 35°N.
///
/// # Complexity
/// O(1).
pub fn project(lon: f64, lat: f64) -> [f32; 2] {
    let (lon, lat) = if lon.is_finite() && lat.is_finite() {
        (lon, lat.clamp(-90.0, 90.0))
    } else {
        (LON0, 35.0)
    };
    let (s1, s2) = (PHI1.to_radians().sin(), PHI2.to_radians().sin());
    let n = (s1 + s2) / 2.0;
    let c = PHI1.to_radians().cos().powi(2) + 2.0 * n * s1;
    let rho = |phi: f64| R_KM * (c - 2.0 * n * phi.to_radians().sin()).max(0.0).sqrt() / n;
    let rho0 = rho(PHI0);
    // Wrap the longitude difference into −180..180.
    let dlon = (lon - LON0 + 540.0).rem_euclid(360.0) - 180.0;
    let theta = n * dlon.to_radians();
    let r = rho(lat);
    let x = r * theta.sin();
    let y_north = rho0 - r * theta.cos();
    [x as f32, -y_north as f32]
}

/// Node positions for the geographic layout: each region at its projected
/// coordinates ([`project`]). Nodes at the same or nearly the same point
/// (closer than `GEO_SPREAD_KM / 2`: a prefecture and its seat county, a
/// municipality and its districts) are spread on a golden-angle spiral
/// around their mean point, `GEO_SPREAD_KM` apart, the coarsest level
/// (then the lowest code) in the middle; the spiral grows with the square
/// root of the group size. The result is the same for the same input.
///
/// # Complexity
/// O(n log n) per round, at most a few rounds.
pub fn geographic(g: &Gazetteer, nodes: &[RegionId]) -> Vec<[f32; 2]> {
    let mut pos: Vec<[f32; 2]> = nodes
        .iter()
        .map(|&r| {
            let reg = g.region(r);
            project(reg.lon, reg.lat)
        })
        .collect();
    let key = |i: usize| {
        let reg = g.region(nodes[i]);
        (reg.level.depth(), reg.code.clone(), i)
    };
    spread(&mut pos, GEO_SPREAD_KM, &key);
    pos
}

/// Spreads points that lie closer than `spacing / 2` to each other on
/// golden-angle spirals, ordering each group by `key`. Runs until no two
/// points are that close (at most 8 rounds; groups that keep touching are
/// merged into one spiral).
fn spread<K: Ord>(pos: &mut [[f32; 2]], spacing: f32, key: &dyn Fn(usize) -> K) {
    let near = spacing / 2.0;
    for _round in 0..8 {
        let groups = close_groups(pos, near);
        if groups.is_empty() {
            return;
        }
        for mut group in groups {
            group.sort_by_key(|&i| key(i));
            let k = group.len() as f32;
            let cx = group.iter().map(|&i| pos[i][0]).sum::<f32>() / k;
            let cy = group.iter().map(|&i| pos[i][1]).sum::<f32>() / k;
            for (j, &i) in group.iter().enumerate() {
                let r = spacing * (j as f32).sqrt();
                let a = j as f32 * GOLDEN_ANGLE;
                pos[i] = [cx + r * a.cos(), cy + r * a.sin()];
            }
        }
    }
}

/// Groups (size ≥ 2, connected by "closer than `near`") of points.
fn close_groups(pos: &[[f32; 2]], near: f32) -> Vec<Vec<usize>> {
    let cell = |p: [f32; 2]| ((p[0] / near).floor() as i64, (p[1] / near).floor() as i64);
    let mut grid: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (i, &p) in pos.iter().enumerate() {
        grid.entry(cell(p)).or_default().push(i);
    }
    let mut parent: Vec<usize> = (0..pos.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let near2 = near * near;
    for (i, &p) in pos.iter().enumerate() {
        let (cx, cy) = cell(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                let Some(list) = grid.get(&(cx + dx, cy + dy)) else {
                    continue;
                };
                for &j in list {
                    if j <= i {
                        continue;
                    }
                    let (ex, ey) = (pos[j][0] - p[0], pos[j][1] - p[1]);
                    if ex * ex + ey * ey < near2 {
                        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                        if a != b {
                            parent[a.max(b)] = a.min(b);
                        }
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..pos.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_meridian_is_vertical_and_north_is_up() {
        let a = project(105.0, 30.0);
        let b = project(105.0, 40.0);
        assert!(a[0].abs() < 1e-3 && b[0].abs() < 1e-3);
        assert!(b[1] < a[1], "north must have the smaller screen y");
        // 10° of latitude is about 1,100 km.
        assert!((a[1] - b[1] - 1112.0).abs() < 60.0, "{}", a[1] - b[1]);
    }

    #[test]
    fn spread_separates_identical_points() {
        let mut p = vec![[1.0, 1.0]; 7];
        p.push([500.0, 500.0]);
        spread(&mut p, 6.0, &|i| i);
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                let d = ((p[i][0] - p[j][0]).powi(2) + (p[i][1] - p[j][1]).powi(2)).sqrt();
                assert!(d >= 3.0, "{i} and {j} are {d} apart");
            }
        }
        assert_eq!(p[7], [500.0, 500.0]);
    }
}
