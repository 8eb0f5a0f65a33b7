//! The shipped province outlines: one per provincial unit of the
//! gazetteer, in the geographic layout's projection, neighbours sharing
//! their borders at every level of detail, names placed inside.

mod common;

use std::collections::HashSet;

use common::gaz;
use shanhai_core::basemap::{ArcKind, Basemap, MapUnit, UnitShape};
use shanhai_core::gazetteer::Level;
use shanhai_core::layout::project;

fn map() -> &'static Basemap {
    Basemap::embedded().expect("the embedded outlines read")
}

fn unit(code: &str) -> &'static MapUnit {
    map()
        .unit(code)
        .unwrap_or_else(|| panic!("no outline for {code}"))
}

/// Whether a point (layout km) is inside a shape, by its triangles.
fn inside(s: &UnitShape, p: [f32; 2]) -> bool {
    s.triangles.chunks_exact(3).any(|t| {
        let [a, b, c] = [t[0], t[1], t[2]].map(|i| s.vertices[i as usize]);
        let side = |u: [f32; 2], v: [f32; 2]| {
            (v[0] - u[0]) * (p[1] - u[1]) - (v[1] - u[1]) * (p[0] - u[0])
        };
        let (d1, d2, d3) = (side(a, b), side(b, c), side(c, a));
        let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
        let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
        !(neg && pos)
    })
}

fn shares_border(a: &str, b: &str, lod: usize) -> bool {
    let va: HashSet<[u32; 2]> = unit(a).shapes[lod]
        .vertices
        .iter()
        .map(|p| p.map(f32::to_bits))
        .collect();
    unit(b).shapes[lod]
        .vertices
        .iter()
        .any(|p| va.contains(&p.map(f32::to_bits)))
}

#[test]
fn every_provincial_unit_has_an_outline_with_its_name() {
    let g = gaz();
    let provinces: Vec<_> = g
        .regions()
        .iter()
        .filter(|r| r.level == Level::Province)
        .collect();
    assert_eq!(provinces.len(), 34);
    assert_eq!(map().units.len(), 34);
    for r in provinces {
        let u = unit(&r.code);
        assert_eq!(u.name, r.name, "{}", r.code);
        assert_eq!(u.shapes.len(), 3);
        for (lod, s) in u.shapes.iter().enumerate() {
            assert!(
                !s.triangles.is_empty() && !s.rings.is_empty(),
                "{} has no outline at level {lod}",
                r.name
            );
        }
        // Each level is lighter than the next.
        assert!(u.shapes[0].vertices.len() <= u.shapes[1].vertices.len());
        assert!(u.shapes[1].vertices.len() <= u.shapes[2].vertices.len());
    }
    let points = |lod: usize| -> usize {
        map()
            .units
            .iter()
            .map(|u| u.shapes[lod].vertices.len())
            .sum()
    };
    assert!(points(0) * 3 < points(1), "{} and {}", points(0), points(1));
    assert!(points(1) < points(2), "{} and {}", points(1), points(2));
}

#[test]
fn areas_are_those_of_the_provinces() {
    // The projection is equal-area: areas in km² come out right. Official
    // areas (rounded): 新疆 1,660,000; 甘肃 425,800; 海南 35,400 (land);
    // 北京 16,410.
    for (code, km2) in [
        ("650000", 1_660_000.0),
        ("620000", 425_800.0),
        ("460000", 35_400.0),
        ("110000", 16_410.0),
    ] {
        let a = unit(code).area_km2;
        assert!(
            (a / km2 - 1.0).abs() < 0.06,
            "{code}: {a} km² against {km2}"
        );
    }
}

#[test]
fn seats_lie_inside_their_provinces() {
    let g = gaz();
    for r in g.regions().iter().filter(|r| r.level == Level::Province) {
        let seat = project(r.lon, r.lat);
        let u = unit(&r.code);
        assert!(
            inside(&u.shapes[2], seat),
            "the seat of {} is outside its outline",
            r.name
        );
    }
    // And a county seat far inside another province is not inside 甘肃.
    let kashgar = g
        .regions()
        .iter()
        .find(|r| r.name == "喀什市")
        .expect("喀什市 in the gazetteer");
    assert!(!inside(
        &unit("620000").shapes[1],
        project(kashgar.lon, kashgar.lat)
    ));
    assert!(inside(
        &unit("650000").shapes[0],
        project(kashgar.lon, kashgar.lat)
    ));
}

#[test]
fn neighbours_share_their_border_at_every_level() {
    for lod in 0..3 {
        for n in ["650000", "630000", "510000", "610000", "640000", "150000"] {
            assert!(shares_border("620000", n, lod), "甘肃 and {n} at {lod}");
        }
        assert!(!shares_border("620000", "370000", lod), "甘肃 and 山东");
        assert!(shares_border("120000", "110000", lod), "天津 and 北京");
    }
    // Each border arc is drawn once, whichever side it belongs to.
    let borders = map()
        .arcs
        .iter()
        .filter(|a| a.kind == ArcKind::Border)
        .count();
    assert!(borders > 60, "{borders} border arcs");
}

#[test]
fn name_points_are_inside_their_outlines() {
    for u in &map().units {
        assert!(!u.labels.is_empty(), "{} has nowhere for its name", u.name);
        for &p in &u.labels {
            for s in &u.shapes[1..] {
                assert!(inside(s, p), "{}: {p:?} is outside", u.name);
            }
        }
    }
}

#[test]
fn the_zoom_picks_the_level() {
    let m = map();
    // Fit to China in a 1,600-pixel picture: about 0.3 px per km.
    assert_eq!(m.lod_for(0.25), 0);
    // A few provinces in the window: about a pixel per km.
    assert_eq!(m.lod_for(1.0), 1);
    // One province or closer: a few pixels per km.
    assert_eq!(m.lod_for(3.0), 2);
    assert_eq!(m.lod_for(50.0), 2);
}
