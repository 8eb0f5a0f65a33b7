//! Layouts: determinism, no stacked nodes, geography kept, Barnes–Hut at
//! scale, helpers on the left.

mod common;

use common::{gaz, id};
use shanhai_core::gazetteer::RegionId;
use shanhai_core::layout::{
    self, ForceLayout, GEO_SPREAD_KM, Layout, LayoutGraph, east_west, geographic, project,
};
use shanhai_core::network::{Network, ViewLevel};
use shanhai_core::pipeline::process;
use strum::IntoEnumIterator as _;

fn sample_network() -> Network {
    let ex = process(gaz(), shanhai_core::corpus::sample());
    ex.network()
}

const LEVELS: [ViewLevel; 3] = [
    ViewLevel::Stated,
    ViewLevel::Prefecture,
    ViewLevel::Province,
];

/// The smallest distance between two points, with the pair (O(n log n)
/// enough for tests: sort by x and sweep).
fn closest_pair(p: &[[f32; 2]]) -> (f32, usize, usize) {
    let mut idx: Vec<usize> = (0..p.len()).collect();
    idx.sort_by(|&a, &b| p[a][0].total_cmp(&p[b][0]));
    let mut best = (f32::INFINITY, 0, 0);
    for (k, &i) in idx.iter().enumerate() {
        for &j in &idx[k + 1..] {
            if p[j][0] - p[i][0] >= best.0 {
                break;
            }
            let d = ((p[i][0] - p[j][0]).powi(2) + (p[i][1] - p[j][1]).powi(2)).sqrt();
            if d < best.0 {
                best = (d, i, j);
            }
        }
    }
    best
}

/// A deterministic pseudo-random graph: n nodes scattered over China's
/// projected extent, `m` edges.
fn random_graph(n: usize, m: usize, seed: u64) -> (Vec<[f32; 2]>, Vec<(usize, usize)>) {
    let mut s = seed;
    let mut next = move || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (s >> 33) as u32
    };
    let pos = (0..n)
        .map(|_| {
            [
                (next() % 5000) as f32 - 2500.0,
                (next() % 3500) as f32 - 5500.0,
            ]
        })
        .collect();
    let edges = (0..m)
        .map(|_| ((next() as usize) % n, (next() as usize) % n))
        .collect();
    (pos, edges)
}

#[test]
fn layout_names_round_trip() {
    for l in Layout::iter() {
        assert_eq!(Layout::parse(l.as_str()), Some(l));
    }
    assert_eq!(Layout::parse("east-west"), Some(Layout::EastWest));
    assert_eq!(Layout::parse("geo"), Some(Layout::Geographic));
    assert_eq!(Layout::parse("circle"), None);
}

#[test]
fn projection_keeps_west_and_north() {
    let urumqi = project(87.6, 43.8);
    let lanzhou = project(103.8, 36.1);
    let tianjin = project(117.2, 39.1);
    let guangzhou = project(113.3, 23.1);
    assert!(urumqi[0] < lanzhou[0] && lanzhou[0] < tianjin[0]);
    assert!(tianjin[1] < guangzhou[1], "north must be up (smaller y)");
    // Beijing–Guangzhou is about 1,900 km.
    let beijing = project(116.4, 39.9);
    let d = ((beijing[0] - guangzhou[0]).powi(2) + (beijing[1] - guangzhou[1]).powi(2)).sqrt();
    assert!((1800.0..2000.0).contains(&d), "Beijing–Guangzhou {d} km");
    let bad = project(f64::NAN, 30.0);
    assert!(bad[0].is_finite() && bad[1].is_finite());
}

#[test]
fn geographic_keeps_urumqi_west_of_lanzhou_west_of_tianjin() {
    let nodes = [id("120000"), id("620100"), id("650100")];
    let p = geographic(gaz(), &nodes);
    let (tianjin, lanzhou, urumqi) = (p[0][0], p[1][0], p[2][0]);
    assert!(
        urumqi < lanzhou && lanzhou < tianjin,
        "x: 乌鲁木齐 {urumqi}, 兰州 {lanzhou}, 天津 {tianjin}"
    );
}

#[test]
fn geographic_spreads_every_region_apart() {
    let g = gaz();
    let all: Vec<RegionId> = (0..g.regions().len() as RegionId).collect();
    assert!(all.len() > 3000, "only {} regions", all.len());
    let p = geographic(g, &all);
    assert!(p.iter().all(|q| q[0].is_finite() && q[1].is_finite()));
    let (d, i, j) = closest_pair(&p);
    assert!(
        d >= GEO_SPREAD_KM / 2.0 * 0.99,
        "{} and {} are {d} km apart",
        g.region(all[i]).name,
        g.region(all[j]).name
    );
    // Spreading is local: every region stays within 60 km of its point.
    for (k, &r) in all.iter().enumerate() {
        let reg = g.region(r);
        let q = project(reg.lon, reg.lat);
        let moved = ((q[0] - p[k][0]).powi(2) + (q[1] - p[k][1]).powi(2)).sqrt();
        assert!(moved < 60.0, "{} moved {moved} km", reg.name);
    }
    assert_eq!(
        p,
        geographic(g, &all),
        "geographic layout is not deterministic"
    );
}

#[test]
fn municipality_and_district_at_one_point_are_spread() {
    // A prefecture and its seat county often share coordinates; so do
    // the same region listed twice.
    let g = gaz();
    let tj = id("120000");
    let p = geographic(g, &[tj, tj, tj]);
    assert_ne!(p[0], p[1]);
    assert_ne!(p[1], p[2]);
    assert_ne!(p[0], p[2]);
}

#[test]
fn sample_layouts_are_deterministic_and_never_stack_nodes() {
    let g = gaz();
    let net = sample_network();
    for level in LEVELS {
        let v = net.roll_up(g, level);
        let graph = LayoutGraph::from_network(&v);
        assert!(
            graph.nodes.len() >= 3,
            "{level:?}: {} nodes",
            graph.nodes.len()
        );
        for l in Layout::iter() {
            let a = layout::compute(l, g, &graph, 7);
            let b = layout::compute(l, g, &graph, 7);
            assert_eq!(a, b, "{level:?} {l}: two runs differ");
            assert_eq!(a.len(), graph.nodes.len());
            let (d, i, j) = closest_pair(&a);
            assert!(
                d > 1.0,
                "{level:?} {l}: {} and {} are {d} apart",
                g.region(graph.nodes[i]).name,
                g.region(graph.nodes[j]).name
            );
        }
    }
}

#[test]
fn sample_province_network_has_the_expected_nodes() {
    let g = gaz();
    let v = sample_network().roll_up(g, ViewLevel::Province);
    let graph = LayoutGraph::from_network(&v);
    let mut codes: Vec<&str> = graph
        .nodes
        .iter()
        .map(|&r| g.region(r).code.as_str())
        .collect();
    codes.sort_unstable();
    assert_eq!(codes, ["120000", "370000", "620000", "650000"]);
    assert_eq!(graph.edges.len(), 3);
}

#[test]
fn force_layout_is_deterministic_for_a_seed() {
    let (pos, edges) = random_graph(400, 600, 3);
    let run = |seed| {
        let mut f = ForceLayout::new(pos.clone(), &edges, seed);
        for _ in 0..60 {
            f.step();
        }
        f.positions().to_vec()
    };
    assert_eq!(run(11), run(11));
}

#[test]
fn force_layout_separates_coincident_nodes_by_seed() {
    let pos = vec![[10.0, 10.0]; 6];
    let edges = [(0, 1), (1, 2)];
    let run = |seed| {
        let mut f = ForceLayout::new(pos.clone(), &edges, seed);
        f.run(500);
        f.positions().to_vec()
    };
    let a = run(1);
    assert_eq!(a, run(1));
    assert_ne!(a, run(2), "the seed should matter for coincident nodes");
    let (d, _, _) = closest_pair(&a);
    assert!(d > 0.0);
}

#[test]
fn force_layout_on_3500_nodes_settles_and_stays_finite() {
    let (pos, edges) = random_graph(3500, 5000, 42);
    let mut f = ForceLayout::new(pos, &edges, 1);
    let start = std::time::Instant::now();
    let mut ticks = 0;
    while !f.step() {
        ticks += 1;
        assert!(ticks <= 10_000, "step() never reported settled");
    }
    let elapsed = start.elapsed();
    eprintln!(
        "3,500 nodes: {} ticks in {elapsed:?} ({:?} per tick)",
        f.ticks(),
        elapsed / f.ticks().max(1)
    );
    assert!(f.ticks() >= 2);
    assert!(f.is_settled());
    assert!(f.step(), "a settled layout stays settled");
    let p = f.positions();
    assert!(p.iter().all(|q| q[0].is_finite() && q[1].is_finite()));
    let (d, _, _) = closest_pair(p);
    assert!(d > 0.0, "two nodes ended on one point");
}

#[test]
fn force_layout_keeps_pinned_nodes() {
    let (pos, edges) = random_graph(50, 80, 5);
    let mut f = ForceLayout::new(pos, &edges, 1);
    f.pin(3, [1.0, 2.0]);
    assert!(f.is_pinned(3));
    f.run(100);
    assert_eq!(f.positions()[3], [1.0, 2.0]);
    f.unpin(3);
    f.reheat(1.0);
    f.run(5);
    assert_ne!(
        f.positions()[3],
        [1.0, 2.0],
        "unpinned node should move again"
    );
}

#[test]
fn force_layout_pulls_linked_nodes_together() {
    // Two linked nodes far apart among unlinked ones end up closer.
    let (mut pos, _) = random_graph(100, 0, 8);
    pos[0] = [-2000.0, -5000.0];
    pos[1] = [2000.0, -3000.0];
    let before = ((pos[0][0] - pos[1][0]).powi(2) + (pos[0][1] - pos[1][1]).powi(2)).sqrt();
    let mut f = ForceLayout::new(pos, &[(0, 1)], 1);
    while !f.step() {}
    let p = f.positions();
    let after = ((p[0][0] - p[1][0]).powi(2) + (p[0][1] - p[1][1]).powi(2)).sqrt();
    assert!(after < before / 2.0, "{before} → {after}");
}

#[test]
fn east_west_puts_helpers_left_of_helped() {
    let g = gaz();
    let net = sample_network();
    for level in LEVELS {
        let v = net.roll_up(g, level);
        let graph = LayoutGraph::from_network(&v);
        let p = east_west(g, &graph.nodes, &graph.edges);
        for &(a, b) in &graph.edges {
            assert!(
                p[a][0] < p[b][0],
                "{level:?}: {} (helper) is not left of {}",
                g.region(graph.nodes[a]).name,
                g.region(graph.nodes[b]).name
            );
        }
    }
}

#[test]
fn east_west_uses_side_for_balanced_nodes_and_columns_per_level() {
    let g = gaz();
    // 天津 → 甘肃, 甘肃 → 天津 (balanced): sides decide.
    let nodes = [id("620000"), id("120000"), id("120116"), id("623001")];
    let edges = [(1, 0), (0, 1), (2, 3)];
    let p = east_west(g, &nodes, &edges);
    assert!(p[1][0] < p[0][0], "天津 must be left of 甘肃");
    // Mixed levels: province helpers outermost, counties towards the middle.
    assert!(p[1][0] < p[2][0], "天津市 column left of 滨海新区's");
    assert!(p[3][0] < p[0][0], "合作市 column left of 甘肃省's");
}

fn crossings(p: &[[f32; 2]], edges: &[(usize, usize)]) -> usize {
    let mut n = 0;
    for (i, &(a, b)) in edges.iter().enumerate() {
        for &(c, d) in &edges[i + 1..] {
            if a == c || b == d {
                continue;
            }
            if (p[a][1] - p[c][1]) * (p[b][1] - p[d][1]) < 0.0 {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn east_west_barycentre_uncrosses_edges() {
    let g = gaz();
    // Helpers ordered by province code: 北京, 天津, 上海, 江苏; helped by
    // code: 内蒙古, 贵州, 云南, 甘肃 — linked in reverse, which crosses
    // every pair in the initial order.
    let helpers = ["110000", "120000", "310000", "320000"];
    let helped = ["150000", "520000", "530000", "620000"];
    let mut nodes: Vec<RegionId> = helpers.iter().map(|c| id(c)).collect();
    nodes.extend(helped.iter().map(|c| id(c)));
    let edges = [(0, 7), (1, 6), (2, 5), (3, 4)];
    let p = east_west(g, &nodes, &edges);
    assert_eq!(crossings(&p, &edges), 0, "{p:?}");
    assert_eq!(p, east_west(g, &nodes, &edges));
}
