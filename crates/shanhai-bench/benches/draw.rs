//! Drawing and cold-start benchmarks (criterion, `cargo bench --bench draw`).
//!
//! * One headless egui frame of the app's own network view
//!   ([`GraphPane`]: `egui::Context::run_ui` + `Context::tessellate`, no
//!   GPU) with a synthetic full-China graph — 3,500 nodes (every gazetteer
//!   region, then wrapping round), 10,000 random links, labels on — in a
//!   1600×1000 window at 1 pixel per point, with the pointer resting on
//!   the view, at fit-to-view and zoomed 8× on Tianjin, in the geographic
//!   layout with the province map under it (and once at fit without the
//!   map, for its cost). Target ≤ 8 ms.
//! * Cold start: a fresh process (this benchmark started again with
//!   `SHANHAI_COLD_START=1`) that loads the gazetteer, runs the embedded
//!   sample through the pipeline, builds the app and draws and
//!   tessellates its first frame. It prints its own CPU-side time; the
//!   benchmark also times the whole process. Target < 0.5 s.
//!
//! Before criterion runs, a summary prints the median (and 95th
//! percentile) of plain repeated measurements, with the medians of the
//! frame's two halves (the view's ui code, egui's tessellation) and the
//! vertex count: the figures the README quotes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use egui::{Pos2, RawInput, Rect, vec2};
use shanhai_app::loader::{Source, load_blocking};
use shanhai_app::state::State;
use shanhai_app::{GraphPane, ShanhaiApp, install_fonts};
use shanhai_core::corpus::NoProgress;
use shanhai_core::extract::Relation;
use shanhai_core::gazetteer::{Gazetteer, RegionId};
use shanhai_core::network::{Link, Network};

/// Nodes of the synthetic full-China graph.
const NODES: usize = 3_500;
/// Links of the synthetic full-China graph.
const EDGES: usize = 10_000;
/// The window.
const SCREEN: [f32; 2] = [1600.0, 1000.0];
/// Set in the child process of the cold-start benchmark.
const COLD_ENV: &str = "SHANHAI_COLD_START";

/// A deterministic pseudo-random generator (PCG-style LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n
    }
}

/// `NODES` nodes — every region of the gazetteer, then again from the
/// start (extra nodes for the same region, added to the graph directly)
/// — and `EDGES` random links: 60 % east–west cooperation, 30 %
/// counterpart support, 10 % other (dashed), each stated by 1–8
/// documents.
fn full_china(g: &Gazetteer) -> Network {
    let regions = g.regions().len();
    let mut net = Network::default();
    let nodes: Vec<_> = (0..NODES)
        .map(|i| {
            let r = (i % regions) as RegionId;
            if i < regions {
                net.node(r)
            } else {
                net.graph.add_node(r)
            }
        })
        .collect();
    let mut rng = Rng(0x005E_ED0F_C41A);
    let mut added = 0;
    while added < EDGES {
        let (a, b) = (rng.below(NODES), rng.below(NODES));
        if a == b {
            continue;
        }
        let relation = match rng.below(10) {
            0..=5 => Relation::EastWestCooperation,
            6..=8 => Relation::CounterpartSupport,
            _ => Relation::Other,
        };
        let docs = 1 + rng.below(8).min(rng.below(8));
        let start = rng.next() % 100_000;
        net.graph.add_edge(
            nodes[a],
            nodes[b],
            Link {
                relation,
                confidence: 1.0,
                documents: (start..start + docs as u32).collect(),
                first: None,
                last: None,
                evidence: Vec::new(),
            },
        );
        added += 1;
    }
    net
}

fn input(pointer: Option<Pos2>) -> RawInput {
    let mut events = Vec::new();
    if let Some(p) = pointer {
        events.push(egui::Event::PointerMoved(p));
    }
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN[0], SCREEN[1]))),
        events,
        ..RawInput::default()
    }
}

/// A headless window showing the network view.
struct Window {
    ctx: egui::Context,
    pane: GraphPane,
}

impl Window {
    /// The geographic layout, with or without the province map under it.
    fn new(net: Network, map: bool) -> Window {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        ctx.set_theme(egui::Theme::Light);
        let state = State {
            show_map: map,
            ..State::default()
        };
        let pane = GraphPane::new(net, &state).expect("the gazetteer loads");
        let mut w = Window { ctx, pane };
        // The pointer rests on the view (hover tests run every frame).
        w.frame(Some(Pos2::new(SCREEN[0] * 0.55, SCREEN[1] * 0.45)));
        w
    }

    /// One frame: the view's ui code and the tessellation of its shapes.
    /// Returns the number of vertices and the time (ms) of each half.
    fn frame(&mut self, pointer: Option<Pos2>) -> (usize, f64, f64) {
        let pane = &mut self.pane;
        let t0 = Instant::now();
        let mut out = self.ctx.run_ui(input(pointer), |ui| pane.show(ui));
        let t1 = Instant::now();
        // A backend uploads the font atlas here; there is no GPU to take it.
        out.textures_delta.clear();
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        let t2 = Instant::now();
        let verts = prims
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        drop(prims);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        (verts, ms(t1 - t0), ms(t2 - t1))
    }

    /// Warms up, then measures `n` frames: the median and 95th percentile
    /// of the whole frame (ms), the medians of its ui and tessellation
    /// halves, and the vertices of the last.
    fn measure(&mut self, n: usize) -> Measured {
        for _ in 0..10 {
            self.frame(None);
        }
        let (mut all, mut ui, mut tess) = (Vec::new(), Vec::new(), Vec::new());
        let mut verts = 0;
        for _ in 0..n {
            let t = Instant::now();
            let (v, u, te) = black_box(self.frame(None));
            all.push(t.elapsed().as_secs_f64() * 1e3);
            ui.push(u);
            tess.push(te);
            verts = v;
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let p95 = {
            all.sort_by(f64::total_cmp);
            all[(n * 95 / 100).min(n - 1)]
        };
        Measured {
            median: median(&mut all),
            p95,
            ui: median(&mut ui),
            tess: median(&mut tess),
            verts,
        }
    }
}

/// What [`Window::measure`] found.
struct Measured {
    median: f64,
    p95: f64,
    ui: f64,
    tess: f64,
    verts: usize,
}

/// The fit-to-view window and the one zoomed 8× on Tianjin, both with
/// the province map.
fn windows(g: &Gazetteer) -> (Window, Window) {
    let fit = Window::new(full_china(g), true);
    let mut zoomed = Window::new(full_china(g), true);
    let tianjin = g.by_code("120000").expect("Tianjin is in the gazetteer");
    assert!(zoomed.pane.zoom_on(tianjin, 8.0), "Tianjin is shown");
    zoomed.frame(None);
    (fit, zoomed)
}

/// The child process: everything from nothing to the first drawn frame of
/// the sample. Prints `cold-start <total ms> <gazetteer> <load> <frame>
/// <map>`, the map (parsing and triangulating the province outlines) being
/// part of the frame.
fn cold_start_child() {
    let t0 = Instant::now();
    let _ = Gazetteer::get().expect("the gazetteer loads");
    let t_gaz = t0.elapsed();
    let t = Instant::now();
    let _ = shanhai_core::basemap::Basemap::embedded().expect("the outlines read");
    let t_map = t.elapsed();
    let data = load_blocking(&Source::Sample, &NoProgress).expect("the sample loads");
    let t_load = t0.elapsed();
    let mut app = ShanhaiApp::with_data(State::default(), data).expect("the app starts");
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    ctx.set_theme(egui::Theme::Light);
    let mut out = ctx.run_ui(input(None), |ui| app.show(ui));
    out.textures_delta.clear();
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    assert!(app.view().is_some_and(|v| v.node_count() > 0));
    assert!(!prims.is_empty());
    let total = t0.elapsed();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "cold-start {:.1} {:.1} {:.1} {:.1} {:.1}",
        ms(total),
        ms(t_gaz),
        ms(t_load - t_gaz - t_map),
        ms(total - t_load + t_map),
        ms(t_map)
    );
}

/// Runs the cold-start child; returns its own figures (ms) and the wall
/// time of the whole process.
fn cold_start() -> ([f64; 5], Duration) {
    let exe = std::env::current_exe().expect("own path");
    let t = Instant::now();
    let out = std::process::Command::new(exe)
        .env(COLD_ENV, "1")
        .output()
        .expect("the child runs");
    let wall = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("cold-start "))
        .expect("the child reports");
    let v: Vec<f64> = line.split(' ').filter_map(|x| x.parse().ok()).collect();
    ([v[0], v[1], v[2], v[3], v[4]], wall)
}

fn summary(g: &Gazetteer) {
    let (mut fit, mut zoomed) = windows(g);
    let view = fit.pane.view();
    println!(
        "draw: {} nodes, {} links, {}×{} at 1 px/pt",
        view.scene.nodes.len(),
        view.scene.edges.len(),
        SCREEN[0],
        SCREEN[1]
    );
    let mut no_map = Window::new(full_china(g), false);
    for (name, w) in [
        ("fit, map on", &mut fit),
        ("fit, map off", &mut no_map),
        ("zoomed 8× on Tianjin, map on", &mut zoomed),
    ] {
        let m = w.measure(60);
        println!(
            "draw frame, {name} (zoom {:.2}): median {:.2} ms (ui {:.2} + tessellation {:.2}), p95 {:.2} ms, {} vertices (target ≤ 8 ms)",
            w.pane.zoom(),
            m.median,
            m.ui,
            m.tess,
            m.p95,
            m.verts
        );
    }
    let mut runs: Vec<([f64; 5], Duration)> = (0..7).map(|_| cold_start()).collect();
    runs.sort_by(|a, b| a.0[0].total_cmp(&b.0[0]));
    let (m, wall) = runs[runs.len() / 2];
    println!(
        "cold start to first frame (median of 7): {:.1} ms in process (gazetteer {:.1}, sample load {:.1}, app + first frame {:.1} of which the map's outlines {:.1}); {:.1} ms whole process (target < 500 ms)",
        m[0],
        m[1],
        m[2],
        m[3],
        m[4],
        wall.as_secs_f64() * 1e3
    );
}

fn benches(c: &mut Criterion) {
    let Ok(g) = Gazetteer::get() else {
        return;
    };
    summary(g);
    let (mut fit, mut zoomed) = windows(g);
    let mut group = c.benchmark_group("draw 3500 nodes 10000 links");
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("frame, fit", |b| b.iter(|| fit.frame(None)));
    group.bench_function("frame, zoomed 8x on Tianjin", |b| {
        b.iter(|| zoomed.frame(None))
    });
    group.finish();
    let mut group = c.benchmark_group("cold start");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("sample to first frame, fresh process", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| cold_start().1).sum())
    });
    group.finish();
}

criterion_group!(draw_benches, benches);

fn main() {
    if std::env::var_os(COLD_ENV).is_some() {
        cold_start_child();
        return;
    }
    draw_benches();
    Criterion::default().configure_from_args().final_summary();
}
