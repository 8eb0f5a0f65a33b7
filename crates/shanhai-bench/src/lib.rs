//! Benchmarks: a synthetic corpus generator and the measurements that
//! `shanhai bench` prints and `cargo bench` (`benches/pipeline.rs`) uses.
//!
//! The generator ([`generate`]) writes N articles built from the sample
//! articles' sentences: every region the sentences name is swapped for a
//! random region of the same level from the gazetteer, about a third of
//! the articles are in traditional characters (some with pinyin glued
//! after characters, as pages saved from some sites have), a tenth are saved
//! as GB18030 and a twentieth as HTML. It is deterministic for a seed.
//!
//! The measurements ([`run`]) are, in order: generation; the whole pipeline
//! end to end ([`shanhai_core::pipeline::process_folder`] then the network), in
//! MB/s of files on disk; the stages one by one (read, decode, normalise,
//! match, extract, network) in MB/s per core; the peak resident set size
//! (`VmHWM` of `/proc/self/status`); and the `opencc` command-line tool
//! converting the same text, with the ratio. Each figure is one
//! [`Figure`], handed to a callback as soon as it is measured, so a caller
//! can add its own lines (drawing, layout) in the same format.
//!
//! The generator and its random numbers are in `generator.rs`, the readings
//! of `/proc` (resident set size, CPU times) in `proc.rs` and the script
//! conversion comparison (the `opencc` tool, the crate's own converter) in
//! `opencc.rs`; the measurements themselves are here.

mod generator;
mod opencc;
mod proc;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use shanhai_core::corpus::{self, CorpusError, LoadOptions, NoProgress};
use shanhai_core::extract::extract_document;
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::network::Network;
use shanhai_core::pipeline;
use shanhai_core::text::{self, Converter};

pub use generator::{Article, Generated, Generator, Rng, generate};
use opencc::{ferrous_opencc, opencc_cli};
pub use proc::{cpu_times, current_rss, peak_rss, reset_peak_rss};

/// Why a benchmark could not run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// A file or folder could not be written or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The generated folder could not be opened.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// The embedded gazetteer is broken.
    #[error("gazetteer: {0}")]
    Gazetteer(String),
    /// The folder for `--keep` is not empty.
    #[error("{}: not an empty folder", .0.display())]
    NotEmpty(PathBuf),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> BenchError + '_ {
    move |source| BenchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One measured figure: one line of `shanhai bench`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What was measured, e.g. `end-to-end`.
    pub name: String,
    /// The value.
    pub value: f64,
    /// Its unit, e.g. `MB/s`.
    pub unit: &'static str,
    /// Details: sizes, times, thread count, target.
    pub note: String,
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.value >= 100.0 || self.value.fract() == 0.0 {
            format!("{:.0}", self.value)
        } else if self.value >= 10.0 {
            format!("{:.1}", self.value)
        } else {
            format!("{:.2}", self.value)
        };
        write!(f, "{}: {v} {}", self.name, self.unit)?;
        if !self.note.is_empty() {
            write!(f, " ({})", self.note)?;
        }
        Ok(())
    }
}

fn figure(name: &str, value: f64, unit: &'static str, note: String) -> Figure {
    Figure {
        name: name.to_string(),
        value,
        unit,
        note,
    }
}

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Number of articles to generate.
    pub articles: usize,
    /// Generate into this (new or empty) folder and keep it; otherwise a
    /// temporary folder under the system's temp dir, deleted afterwards.
    pub keep: Option<PathBuf>,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Seed of the generator.
    pub seed: u64,
    /// At most this many bytes of text are given to the `opencc` tool (it
    /// converts about 3 MB/s); its speed is extrapolated to the corpus.
    pub opencc_limit: u64,
}

impl Default for BenchOptions {
    fn default() -> Self {
        BenchOptions {
            articles: 1000,
            keep: None,
            threads: None,
            seed: 0x5348_414E_4841_4931,
            opencc_limit: 24 * 1024 * 1024,
        }
    }
}

const MB: f64 = 1_000_000.0;

fn mb_per_s(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / MB / d.as_secs_f64().max(1e-9)
}

/// Per-stage CPU time, summed over the worker threads.
#[derive(Debug, Default)]
pub struct StageTimes {
    /// Reading the files.
    pub read: AtomicU64,
    /// Decoding, HTML to text, title and date ([`corpus::document_from_bytes`]).
    pub decode: AtomicU64,
    /// The text stage ([`text::analyse`]: normalise, script, sentences,
    /// boilerplate).
    pub normalise: AtomicU64,
    /// The gazetteer's matcher.
    pub matching: AtomicU64,
    /// The pairing patterns.
    pub extract: AtomicU64,
}

fn timed<T>(counter: &AtomicU64, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    counter.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
    out
}

/// Runs the stages one by one on each file (in parallel over files),
/// timing each. Returns the pairings found (for the network stage) and the
/// number of documents.
pub fn run_stages(
    g: &Gazetteer,
    files: &[PathBuf],
    times: &StageTimes,
) -> (Vec<shanhai_core::extract::Pairing>, usize) {
    let per_file: Vec<Vec<shanhai_core::extract::Pairing>> = files
        .par_iter()
        .enumerate()
        .filter_map(|(i, path)| {
            let bytes = timed(&times.read, || std::fs::read(path)).ok()?;
            let doc = timed(&times.decode, || {
                corpus::document_from_bytes(i as u32, path.clone(), &bytes)
            })
            .ok()?;
            drop(bytes);
            let analysis = timed(&times.normalise, || text::analyse(&doc.text));
            let mentions = timed(&times.matching, || g.find_mentions(&analysis));
            Some(timed(&times.extract, || {
                extract_document(g, doc.id, &doc.text, &analysis, &mentions)
            }))
        })
        .collect();
    let n = per_file.len();
    (per_file.into_iter().flatten().collect(), n)
}

/// Generates a corpus and measures it, handing each [`Figure`] to `report`
/// as soon as it is known.
///
/// # Errors
/// The corpus cannot be written or opened.
pub fn run(opts: &BenchOptions, report: &mut dyn FnMut(&Figure)) -> Result<(), BenchError> {
    let g = Gazetteer::get().map_err(|e| BenchError::Gazetteer(e.to_string()))?;
    let _ = Converter::get();
    let threads = opts
        .threads
        .unwrap_or_else(rayon::current_num_threads)
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .ok();

    // Where the corpus goes.
    let temp;
    let dir: PathBuf = match &opts.keep {
        Some(d) => {
            std::fs::create_dir_all(d).map_err(io_err(d))?;
            if std::fs::read_dir(d).map_err(io_err(d))?.next().is_some() {
                return Err(BenchError::NotEmpty(d.clone()));
            }
            d.clone()
        }
        None => {
            temp = tempfile::Builder::new()
                .prefix("shanhai-bench-")
                .tempdir()
                .map_err(io_err(&std::env::temp_dir()))?;
            temp.path().to_path_buf()
        }
    };
    let scratch = tempfile::Builder::new()
        .prefix("shanhai-bench-scratch-")
        .tempdir()
        .map_err(io_err(&std::env::temp_dir()))?;

    report(&figure(
        "machine",
        threads as f64,
        "threads",
        format!(
            "{} cores available, {}",
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            cpu_model().unwrap_or_else(|| "unknown CPU".into())
        ),
    ));

    // Generation.
    let t = Instant::now();
    let generated = in_pool(pool.as_ref(), || {
        generate(g, &dir, opts.articles, opts.seed)
    })?;
    let gen_time = t.elapsed();
    report(&figure(
        "corpus",
        generated.bytes as f64 / MB,
        "MB",
        format!(
            "{} articles in {}, {} GB18030, {} HTML, {} traditional or mixed, {} with glued pinyin; generated in {:.1} s",
            generated.files.len(),
            dir.display(),
            generated.gb18030,
            generated.html,
            generated.traditional,
            generated.pinyin,
            gen_time.as_secs_f64()
        ),
    ));
    let files = &generated.files;
    let bytes = generated.bytes;

    // Warm up the shared tables so that they are not timed.
    let _ = pipeline::analyse_text(g, 0, "天津市帮扶甘肃省");

    // End to end: walk + read + decode + normalise + match + pair + network.
    let reset = reset_peak_rss();
    let rss_before = current_rss().unwrap_or(0);
    let load = LoadOptions {
        threads: Some(threads),
        ..LoadOptions::default()
    };
    let cpu0 = cpu_times();
    let t = Instant::now();
    let ex = pipeline::process_folder(g, &dir, &load, &NoProgress)?;
    let net = ex.network();
    let e2e = t.elapsed();
    let e2e_cpu = cpu_times().zip(cpu0).map(|(b, a)| b.0.saturating_sub(a.0));
    let peak = peak_rss();
    let rate = mb_per_s(bytes, e2e);
    report(&figure(
        "end-to-end",
        rate,
        "MB/s",
        format!(
            "{:.2} s for {:.1} MB, {} documents, {} problems, {} pairings, {} nodes, {} links; walk+read+decode+normalise+match+pair+network",
            e2e.as_secs_f64(),
            bytes as f64 / MB,
            ex.documents.len(),
            ex.problems.len(),
            ex.pairings.len(),
            net.node_count(),
            net.edge_count()
        ),
    ));
    match e2e_cpu {
        Some(cpu) => report(&figure(
            "end-to-end per core",
            mb_per_s(bytes, cpu),
            "MB/s",
            format!(
                "per CPU second: {:.2} s of CPU time in {:.2} s on {threads} threads (wall per thread {:.2} MB/s); target ≥ 50",
                cpu.as_secs_f64(),
                e2e.as_secs_f64(),
                rate / threads as f64
            ),
        )),
        None => report(&figure(
            "end-to-end per core",
            rate / threads as f64,
            "MB/s",
            format!("wall time / {threads} threads; target ≥ 50"),
        )),
    }
    if let Some(peak) = peak {
        report(&figure(
            "peak RSS",
            peak as f64 / (1024.0 * 1024.0),
            "MiB",
            format!(
                "VmHWM during the end-to-end run{}; {:.0} MiB resident before it; target < 1024",
                if reset {
                    ""
                } else {
                    " (could not reset: includes generation)"
                },
                rss_before as f64 / (1024.0 * 1024.0)
            ),
        ));
    }
    let held: usize = ex
        .pairings
        .iter()
        .flat_map(|p| &p.evidence)
        .map(|e| e.text.len())
        .sum();
    report(&figure(
        "evidence held",
        held as f64 / MB,
        "MB",
        format!(
            "evidence sentences kept in memory after the run, of {:.1} MB read",
            bytes as f64 / MB
        ),
    ));
    drop((ex, net));

    // Stage by stage.
    let times = StageTimes::default();
    let cpu0 = cpu_times();
    let t = Instant::now();
    let (pairings, docs) = in_pool(pool.as_ref(), || run_stages(g, files, &times));
    let stage_wall = t.elapsed();
    let stage_cpu = cpu_times().zip(cpu0).map(|(b, a)| b.0.saturating_sub(a.0));
    let t = Instant::now();
    let network = Network::build(&pairings, &|_| None);
    let network_time = t.elapsed();
    drop(network);
    let stages = [
        ("stage read", &times.read),
        ("stage decode", &times.decode),
        ("stage normalise", &times.normalise),
        ("stage match", &times.matching),
        ("stage extract", &times.extract),
    ];
    // The stage timers run on the wall clock of each worker; when other
    // processes share the cores that includes time the worker did not run.
    // The CPU time the process really used is shared out in proportion.
    let timed: Duration = stages
        .iter()
        .map(|(_, c)| Duration::from_nanos(c.load(Ordering::Relaxed)))
        .sum();
    let scale = match stage_cpu {
        Some(cpu) if !timed.is_zero() => (cpu.as_secs_f64() / timed.as_secs_f64()).min(1.0),
        _ => 1.0,
    };
    let mut total = Duration::ZERO;
    for (name, counter) in stages {
        let d = Duration::from_nanos(counter.load(Ordering::Relaxed)).mul_f64(scale);
        total += d;
        report(&figure(
            name,
            mb_per_s(bytes, d),
            "MB/s per core",
            format!("{:.2} s CPU", d.as_secs_f64()),
        ));
    }
    report(&figure(
        "stage network",
        mb_per_s(bytes, network_time),
        "MB/s per core",
        format!(
            "{:.3} s for {} pairings from {docs} documents",
            network_time.as_secs_f64(),
            pairings.len()
        ),
    ));
    report(&figure(
        "stages together",
        mb_per_s(bytes, total + network_time),
        "MB/s per core",
        format!(
            "stages run one after another; {:.2} s wall",
            stage_wall.as_secs_f64()
        ),
    ));

    // Whole-text conversion for comparison, on the same text: seconds per
    // MB of UTF-8 text, wall clock and CPU time.
    let text_mb = (generated.text_bytes as f64 / MB).max(1e-9);
    let ours_wall = e2e.as_secs_f64() / text_mb;
    let ours_cpu = e2e_cpu.unwrap_or(e2e).as_secs_f64() / text_mb;
    match opencc_cli(files, opts.opencc_limit, scratch.path()) {
        Some((n, d, cpu)) => {
            let n_mb = (n as f64 / MB).max(1e-9);
            report(&figure(
                "opencc CLI t2s",
                n_mb / d.as_secs_f64().max(1e-9),
                "MB/s",
                format!(
                    "`opencc -c t2s.json` on {n_mb:.1} MB of the same text: {:.2} s, {:.2} s CPU, one thread",
                    d.as_secs_f64(),
                    cpu.as_secs_f64()
                ),
            ));
            report(&figure(
                "pipeline vs opencc CLI",
                (d.as_secs_f64() / n_mb) / ours_wall.max(1e-9),
                "×",
                format!(
                    "wall clock, whole pipeline on {threads} threads vs conversion alone; per CPU second {:.1}×; target ≥ 10",
                    (cpu.as_secs_f64() / n_mb) / ours_cpu.max(1e-9)
                ),
            ));
        }
        None => report(&figure(
            "opencc CLI t2s",
            0.0,
            "MB/s",
            "not measured: `opencc` not found or failed (apt-get install opencc)".into(),
        )),
    }
    if let Some((n, d)) = ferrous_opencc(files, opts.opencc_limit.min(8 * 1024 * 1024)) {
        report(&figure(
            "ferrous-opencc t2s",
            mb_per_s(n, d),
            "MB/s",
            format!(
                "whole-text phrase conversion, one thread, {:.1} MB",
                n as f64 / MB
            ),
        ));
    }
    Ok(())
}

fn in_pool<T: Send>(pool: Option<&rayon::ThreadPool>, f: impl FnOnce() -> T + Send) -> T {
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_and_reads_back() {
        let Ok(g) = Gazetteer::get() else {
            panic!("gazetteer")
        };
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let made = generate(g, dir.path(), 40, 7).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(made.files.len(), 40);
        let ex = pipeline::process_folder(g, dir.path(), &LoadOptions::default(), &NoProgress)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ex.documents.len(), 40, "{:?}", ex.problems);
        assert!(ex.pairings.len() > 40);
        let figure = figure("x", 12.345, "MB/s", "n".into());
        assert_eq!(figure.to_string(), "x: 12.3 MB/s (n)");
    }
}
