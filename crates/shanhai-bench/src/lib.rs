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

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use shanhai_core::corpus::{self, CorpusError, LoadOptions, NoProgress};
use shanhai_core::extract::extract_document;
use shanhai_core::gazetteer::{Gazetteer, Level, RegionId, Resolution};
use shanhai_core::network::Network;
use shanhai_core::pipeline;
use shanhai_core::text::{self, Converter};

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

/// A small deterministic random number generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// A random element (None for an empty slice).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// One piece of a sentence template.
#[derive(Debug, Clone)]
enum Piece {
    /// Text kept as it is (simplified, traditional).
    Text(String, String),
    /// A region of the sample (replaced, consistently within an article,
    /// by a random region of the same level).
    Region(RegionId, Level),
}

/// A name in both scripts.
#[derive(Debug, Clone)]
struct Name {
    simp: String,
    trad: String,
}

/// The names a region is written with: official, and a short form.
#[derive(Debug, Clone)]
struct Names {
    official: Name,
    short: Option<Name>,
}

/// Toned syllables glued after characters as junk, like `團(tuán)`.
const PINYIN: &[&str] = &[
    "tuán", "duì", "qū", "huì", "bào", "xié", "diǎn", "jiān", "zhǎn", "dòng", "shí", "jiàn",
    "chǎn", "shè", "guān", "zhǔn", "qiáng", "bǔ", "chuàng", "wèi", "xiàn", "zhōu", "lǐ", "ràng",
];

/// The material of the generator: sentence templates from the sample
/// articles and the gazetteer's names by level.
pub struct Generator {
    templates: Vec<Vec<Piece>>,
    titles: Vec<Vec<Piece>>,
    names: Vec<(Level, Vec<Names>)>,
}

impl Generator {
    /// Builds the templates from the embedded sample articles.
    ///
    /// # Complexity
    /// O(size of the samples + number of regions), plus OpenCC on each
    /// region name once (about 100 ms).
    pub fn new(g: &Gazetteer) -> Generator {
        let conv = Converter::get();
        let sample = corpus::sample();
        let mut templates = Vec::new();
        let mut titles = Vec::new();
        for doc in &sample.documents {
            let a = pipeline::analyse_text(g, doc.id, &doc.text);
            let text = &a.analysis.norm.text;
            for (si, s) in a.analysis.sentences.iter().enumerate() {
                if a.analysis.is_boilerplate(si) || s.norm.len() < 24 {
                    continue;
                }
                let mut pieces = Vec::new();
                let mut at = s.norm.start;
                for m in a.mentions.iter().filter(|m| m.sentence == si) {
                    let Some(r) = m.region else { continue };
                    if m.resolution == Resolution::PairWord
                        || m.surface.chars().count() < 2
                        || m.norm.start < at
                    {
                        continue;
                    }
                    let before = &text[at..m.norm.start];
                    if !before.is_empty() {
                        pieces.push(Piece::Text(before.to_string(), conv.to_traditional(before)));
                    }
                    pieces.push(Piece::Region(r, g.region(r).level));
                    at = m.norm.end;
                }
                let rest = &text[at..s.norm.end];
                if !rest.is_empty() {
                    pieces.push(Piece::Text(rest.to_string(), conv.to_traditional(rest)));
                }
                if si == 0 {
                    titles.push(pieces);
                } else {
                    templates.push(pieces);
                }
            }
        }
        let mut names: Vec<(Level, Vec<Names>)> = Vec::new();
        for r in g.regions() {
            let both = |s: &str| Name {
                simp: s.to_string(),
                trad: conv.to_traditional(s),
            };
            let entry = match names.iter_mut().position(|(l, _)| *l == r.level) {
                Some(i) => &mut names[i].1,
                None => {
                    names.push((r.level, Vec::new()));
                    let last = names.len() - 1;
                    &mut names[last].1
                }
            };
            entry.push(Names {
                official: both(&r.name),
                short: r.short_forms.first().map(|s| both(s)),
            });
        }
        Generator {
            templates,
            titles,
            names,
        }
    }

    fn fill(
        &self,
        pieces: &[Piece],
        trad: bool,
        swap: &mut HashMap<RegionId, usize>,
        rng: &mut Rng,
        out: &mut String,
    ) {
        for p in pieces {
            match p {
                Piece::Text(s, t) => out.push_str(if trad { t } else { s }),
                Piece::Region(r, level) => {
                    let list = self
                        .names
                        .iter()
                        .find(|(l, _)| l == level)
                        .map_or(&[][..], |(_, v)| v.as_slice());
                    let i = *swap.entry(*r).or_insert_with(|| rng.below(list.len()));
                    if let Some(n) = list.get(i) {
                        let name = match &n.short {
                            Some(short) if rng.below(4) == 0 => short,
                            _ => &n.official,
                        };
                        out.push_str(if trad { &name.trad } else { &name.simp });
                    }
                }
            }
        }
    }

    /// One article of about `target` bytes (UTF-8): a title line, a date
    /// line, then paragraphs of two to five sentences. Each region of the
    /// samples is replaced by the same random region throughout the article.
    pub fn article(&self, rng: &mut Rng, target: usize) -> Article {
        let mut swap: HashMap<RegionId, usize> = HashMap::new();
        let script = match rng.below(20) {
            0..=12 => text::Script::Simplified,
            13..=17 => text::Script::Traditional,
            _ => text::Script::Mixed,
        };
        let trad_sentence = |rng: &mut Rng| match script {
            text::Script::Simplified => false,
            text::Script::Traditional => true,
            text::Script::Mixed => rng.chance(0.5),
        };
        let mut s = String::with_capacity(target + 512);
        if let Some(t) = rng.pick(&self.titles) {
            let trad = trad_sentence(rng);
            self.fill(t, trad, &mut swap, rng, &mut s);
        }
        s.push('\n');
        s.push_str(&format!(
            "{}年{}月{}日 来源:{}\n",
            2016 + rng.below(9),
            1 + rng.below(12),
            1 + rng.below(28),
            ["新华网", "人民网", "天山网", "每日甘肃网", "北方网"][rng.below(5)]
        ));
        while s.len() < target {
            let n = 2 + rng.below(4);
            for _ in 0..n {
                if let Some(t) = rng.pick(&self.templates) {
                    let trad = trad_sentence(rng);
                    self.fill(t, trad, &mut swap, rng, &mut s);
                }
            }
            s.push('\n');
        }
        let pinyin = script != text::Script::Simplified && rng.chance(0.5);
        if pinyin {
            s = glue_pinyin(&s, rng);
        }
        Article {
            text: s,
            script,
            pinyin,
        }
    }
}

/// Glues a toned syllable in parentheses after about one traditional
/// character in six.
fn glue_pinyin(s: &str, rng: &mut Rng) -> String {
    let conv = Converter::get();
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        out.push(c);
        if conv.is_traditional(c) && rng.below(6) == 0 {
            out.push('(');
            out.push_str(PINYIN[rng.below(PINYIN.len())]);
            out.push(')');
        }
    }
    out
}

/// A generated article.
#[derive(Debug, Clone)]
pub struct Article {
    /// The text.
    pub text: String,
    /// Its script.
    pub script: text::Script,
    /// Whether pinyin is glued after some characters.
    pub pinyin: bool,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// The files, in the order written.
    pub files: Vec<PathBuf>,
    /// Bytes written.
    pub bytes: u64,
    /// Bytes of the articles' text in UTF-8 (the size of the same text
    /// as the `opencc` tool reads it).
    pub text_bytes: u64,
    /// Files saved as GB18030.
    pub gb18030: usize,
    /// Files saved as HTML.
    pub html: usize,
    /// Articles in traditional or mixed script.
    pub traditional: usize,
    /// Articles with glued pinyin.
    pub pinyin: usize,
}

/// Writes `n` synthetic articles (about 5 KB each) into `dir`, 1,000 per
/// sub-folder (`d000/a000000.txt`). Deterministic for a seed.
///
/// # Errors
/// A file or folder cannot be written.
///
/// # Complexity
/// O(n) articles; about 5 KB written per article.
pub fn generate(g: &Gazetteer, dir: &Path, n: usize, seed: u64) -> Result<Generated, BenchError> {
    let generator = Generator::new(g);
    let chunks: Vec<usize> = (0..n.div_ceil(1000)).collect();
    let parts: Vec<Result<Generated, BenchError>> = chunks
        .par_iter()
        .map(|&chunk| {
            let sub = dir.join(format!("d{chunk:03}"));
            std::fs::create_dir_all(&sub).map_err(io_err(&sub))?;
            let mut out = Generated::default();
            let mut rng = Rng::new(seed ^ (chunk as u64).wrapping_mul(0xA24B_AED4_963E_E407));
            for i in chunk * 1000..((chunk + 1) * 1000).min(n) {
                let target = 3000 + rng.below(4500);
                let a = generator.article(&mut rng, target);
                out.text_bytes += a.text.len() as u64;
                if a.script != text::Script::Simplified {
                    out.traditional += 1;
                }
                if a.pinyin {
                    out.pinyin += 1;
                }
                let roll = rng.below(20);
                let (name, bytes): (String, Vec<u8>) = if roll < 2 {
                    out.gb18030 += 1;
                    let (b, _, _) = encoding_rs::GB18030.encode(&a.text);
                    (format!("a{i:06}.txt"), b.into_owned())
                } else if roll == 2 {
                    out.html += 1;
                    (format!("a{i:06}.html"), to_html(&a.text).into_bytes())
                } else {
                    (format!("a{i:06}.txt"), a.text.into_bytes())
                };
                let path = sub.join(name);
                std::fs::write(&path, &bytes).map_err(io_err(&path))?;
                out.bytes += bytes.len() as u64;
                out.files.push(path);
            }
            Ok(out)
        })
        .collect();
    let mut all = Generated::default();
    for p in parts {
        let p = p?;
        all.files.extend(p.files);
        all.bytes += p.bytes;
        all.text_bytes += p.text_bytes;
        all.gb18030 += p.gb18030;
        all.html += p.html;
        all.traditional += p.traditional;
        all.pinyin += p.pinyin;
    }
    Ok(all)
}

fn to_html(text: &str) -> String {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or("");
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}_新闻网</title>\
         <style>p {{ margin: 0 }} .nav a {{ color: #333 }}</style>\
         <script>var _hmt = _hmt || []; if (a < b) {{ x = \"<p>\"; }}</script></head>\n\
         <body><div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/gn\">国内</a></div>\n\
         <h1>{}</h1>\n",
        esc(title),
        esc(title)
    );
    for l in lines {
        out.push_str("<p>");
        out.push_str(&esc(l));
        out.push_str("</p>\n");
    }
    out.push_str("<div class=\"footer\">版权所有&nbsp;&copy;&nbsp;新闻网</div></body></html>\n");
    out
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

/// Peak resident set size of this process so far, in bytes (`VmHWM`).
pub fn peak_rss() -> Option<u64> {
    status_kb("VmHWM:").map(|kb| kb * 1024)
}

/// Current resident set size of this process, in bytes (`VmRSS`).
pub fn current_rss() -> Option<u64> {
    status_kb("VmRSS:").map(|kb| kb * 1024)
}

fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets the peak resident set size to the current one (Linux: writing 5
/// to `/proc/self/clear_refs`). Returns false where that is not possible.
pub fn reset_peak_rss() -> bool {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/proc/self/clear_refs")
        .and_then(|mut f| f.write_all(b"5"))
        .is_ok()
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

fn opencc_cli(files: &[PathBuf], limit: u64, scratch: &Path) -> Option<(u64, Duration, Duration)> {
    let input = scratch.join("opencc-in.txt");
    let output = scratch.join("opencc-out.txt");
    let mut text = String::new();
    for f in files {
        if text.len() as u64 >= limit {
            break;
        }
        let bytes = std::fs::read(f).ok()?;
        let doc = corpus::document_from_bytes(0, f.clone(), &bytes).ok()?;
        text.push_str(&doc.text);
        text.push('\n');
    }
    std::fs::write(&input, &text).ok()?;
    let cpu0 = cpu_times();
    let t = Instant::now();
    let status = std::process::Command::new("opencc")
        .args(["-c", "t2s.json", "-i"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .status()
        .ok()?;
    let d = t.elapsed();
    // The child's CPU time (it has been waited for).
    let cpu = cpu_times().zip(cpu0).map(|(b, a)| b.1.saturating_sub(a.1));
    let _ = std::fs::remove_file(&input);
    let _ = std::fs::remove_file(&output);
    status
        .success()
        .then_some((text.len() as u64, d, cpu.unwrap_or(d)))
}

/// CPU time (user + system) used so far by this process and by its
/// waited-for children, from `/proc/self/stat` (10 ms resolution).
pub fn cpu_times() -> Option<(Duration, Duration)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses: state is
    // field 3, utime 14, stime 15, cutime 16, cstime 17.
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(4)
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    let tick = |n: u64| Duration::from_millis(n * 10);
    match f.as_slice() {
        [u, s, cu, cs] => Some((tick(u + s), tick(cu + cs))),
        _ => None,
    }
}

fn ferrous_opencc(files: &[PathBuf], limit: u64) -> Option<(u64, Duration)> {
    let mut text = String::new();
    for f in files {
        if text.len() as u64 >= limit {
            break;
        }
        let bytes = std::fs::read(f).ok()?;
        let doc = corpus::document_from_bytes(0, f.clone(), &bytes).ok()?;
        text.push_str(&doc.text);
        text.push('\n');
    }
    let conv = Converter::get();
    let t = Instant::now();
    let out = conv.to_simplified(&text);
    let d = t.elapsed();
    std::hint::black_box(out);
    Some((text.len() as u64, d))
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
    fn generator_is_deterministic_and_mixed() {
        let Ok(g) = Gazetteer::get() else {
            panic!("gazetteer")
        };
        let generator = Generator::new(g);
        assert!(generator.templates.len() > 50);
        let a: Vec<String> = {
            let mut rng = Rng::new(1);
            (0..20)
                .map(|_| generator.article(&mut rng, 2000).text)
                .collect()
        };
        let b: Vec<String> = {
            let mut rng = Rng::new(1);
            (0..20)
                .map(|_| generator.article(&mut rng, 2000).text)
                .collect()
        };
        assert_eq!(a, b);
        assert!(a.iter().all(|t| t.len() >= 2000));
        assert!(
            a.iter()
                .any(|t| text::detect_script(t) == text::Script::Traditional)
        );
        assert!(
            a.iter()
                .any(|t| text::detect_script(t) == text::Script::Simplified)
        );
    }

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
