//! Per-stage and end-to-end throughput on a generated corpus of 1,000
//! synthetic articles (about 5 MB; see `shanhai_bench::generate`).
//!
//! `cargo bench --bench pipeline`. Throughput is in bytes of the files on
//! disk. The stages are measured on data prepared by the stage before, so
//! each number is that stage alone. `shanhai bench --articles N` measures
//! larger corpora, peak memory and the `opencc` tool.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use shanhai_core::corpus::{LoadOptions, NoProgress, document_from_bytes};
use shanhai_core::extract::extract_document;
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::network::Network;
use shanhai_core::pipeline;
use shanhai_core::text;

const ARTICLES: usize = 1000;

fn pipeline_benches(c: &mut Criterion) {
    let Ok(g) = Gazetteer::get() else {
        eprintln!("the embedded gazetteer is broken");
        return;
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("no temp dir: {e}");
            return;
        }
    };
    let made = match shanhai_bench::generate(g, dir.path(), ARTICLES, 1) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("cannot generate the corpus: {e}");
            return;
        }
    };
    let bytes: Vec<(PathBuf, Vec<u8>)> = made
        .files
        .iter()
        .filter_map(|p| std::fs::read(p).ok().map(|b| (p.clone(), b)))
        .collect();
    let total = made.bytes;
    let docs: Vec<_> = bytes
        .iter()
        .enumerate()
        .filter_map(|(i, (p, b))| document_from_bytes(i as u32, p.clone(), b).ok())
        .collect();
    let analyses: Vec<_> = docs.iter().map(|d| text::analyse(&d.text)).collect();
    let mentions: Vec<_> = analyses.iter().map(|a| g.find_mentions(a)).collect();
    let pairings: Vec<_> = docs
        .iter()
        .zip(&analyses)
        .zip(&mentions)
        .flat_map(|((d, a), m)| extract_document(g, d.id, &d.text, a, m))
        .collect();

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(total));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.warm_up_time(Duration::from_secs(1));

    group.bench_function("end_to_end", |b| {
        b.iter(|| {
            let ex = pipeline::process_folder(g, dir.path(), &LoadOptions::default(), &NoProgress);
            black_box(ex.map(|ex| ex.network().edge_count()).ok())
        })
    });
    group.bench_function("end_to_end_one_thread", |b| {
        let one = LoadOptions {
            threads: Some(1),
            ..LoadOptions::default()
        };
        b.iter(|| {
            let ex = pipeline::process_folder(g, dir.path(), &one, &NoProgress);
            black_box(ex.map(|ex| ex.network().edge_count()).ok())
        })
    });
    group.bench_function("stage_decode", |b| {
        b.iter(|| {
            bytes
                .iter()
                .filter_map(|(p, b)| document_from_bytes(0, p.clone(), b).ok())
                .map(|d| d.text.len())
                .sum::<usize>()
        })
    });
    group.bench_function("stage_normalise", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| text::analyse(&d.text).sentences.len())
                .sum::<usize>()
        })
    });
    group.bench_function("stage_match", |b| {
        b.iter(|| {
            analyses
                .iter()
                .map(|a| g.find_mentions(a).len())
                .sum::<usize>()
        })
    });
    group.bench_function("stage_extract", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&analyses)
                .zip(&mentions)
                .map(|((d, a), m)| extract_document(g, d.id, &d.text, a, m).len())
                .sum::<usize>()
        })
    });
    group.bench_function("stage_network", |b| {
        b.iter(|| Network::build(&pairings, &|_| None).edge_count())
    });
    group.bench_function("stages_parallel", |b| {
        b.iter(|| {
            bytes
                .par_iter()
                .filter_map(|(p, b)| document_from_bytes(0, p.clone(), b).ok())
                .map(|d| pipeline::analyse_text(g, 0, &d.text).pairings.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline_benches);
criterion_main!(benches);
