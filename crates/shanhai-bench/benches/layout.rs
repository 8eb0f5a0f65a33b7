//! Layout and picture benchmarks (criterion).
//!
//! Run with `cargo bench --bench layout`.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use shanhai_core::gazetteer::{Gazetteer, RegionId};
use shanhai_core::layout::{ForceLayout, east_west, geographic};
use shanhai_core::picture::to_png;
use shanhai_core::scene::{Scene, Style};

fn random_graph(n: usize, m: usize, seed: u64) -> (Vec<[f32; 2]>, Vec<(usize, usize)>) {
    let mut s = seed;
    let mut next = move || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (s >> 33) as u32
    };
    let pos = (0..n)
        .map(|_| [(next() % 5000) as f32, (next() % 3500) as f32])
        .collect();
    let edges = (0..m)
        .map(|_| ((next() as usize) % n, (next() as usize) % n))
        .collect();
    (pos, edges)
}

fn benches(c: &mut Criterion) {
    let Ok(g) = Gazetteer::get() else {
        return;
    };
    let all: Vec<RegionId> = (0..g.regions().len() as RegionId).collect();
    c.bench_function("geographic, all regions", |b| {
        b.iter(|| geographic(g, black_box(&all)))
    });

    // One tick of the force layout: the full-China graph (3,500 nodes,
    // 10,000 links) and a bigger one at the same density. Targets: ≤ 10 ms
    // and ≤ 30 ms.
    for (n, m, target) in [(3_500, 10_000, 10.0), (10_000, 28_600, 30.0)] {
        let (pos, edges) = random_graph(n, m, 42);
        let fresh = ForceLayout::new(pos, &edges, 1);
        // A summary first: the median of plain repeated ticks.
        let mut ms: Vec<f64> = (0..41)
            .map(|_| {
                let mut f = fresh.clone();
                let t = Instant::now();
                f.step();
                black_box(&f);
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        println!(
            "force tick, {n} nodes, {m} links: median {:.2} ms (target ≤ {target} ms)",
            ms[ms.len() / 2]
        );
        c.bench_function(&format!("force tick, {n} nodes"), |b| {
            b.iter_batched(
                || fresh.clone(),
                |mut f| {
                    f.step();
                    f
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }

    let nodes: Vec<RegionId> = all.iter().copied().take(3000).collect();
    let ew_edges: Vec<(usize, usize)> = (0..3000).map(|i| (i, (i * 7 + 13) % 3000)).collect();
    c.bench_function("east-west, 3000 nodes", |b| {
        b.iter(|| east_west(g, black_box(&nodes), &ew_edges))
    });

    let ex = shanhai_core::pipeline::process(g, shanhai_core::corpus::sample());
    let net = ex.network();
    let graph = shanhai_core::layout::LayoutGraph::from_network(&net);
    let positions = geographic(g, &graph.nodes);
    let scene = Scene::build(g, &net, &positions, &Style::default());
    let mut group = c.benchmark_group("png");
    group.sample_size(10);
    group.bench_function("sample, 1600×1000 at 4×", |b| {
        b.iter(|| to_png(black_box(&scene), 4.0, Some([255; 4])))
    });
    group.finish();
}

criterion_group!(layout_benches, benches);
criterion_main!(layout_benches);
