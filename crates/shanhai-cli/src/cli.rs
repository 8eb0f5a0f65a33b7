//! The command line, in one place: raw arguments (clap) are parsed here
//! and turned into calls of the library.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use shanhai_core::corpus::{self, LoadOptions, NoProgress};
use shanhai_core::export;
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::layout::{self, Layout, LayoutGraph};
use shanhai_core::network::ViewLevel;
use shanhai_core::pipeline::{self, Extraction};
use shanhai_core::render;

/// Shanhai (山海): the regional partnership network in your articles.
#[derive(Debug, Parser)]
#[command(
    name = "shanhai",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Folder of articles to open in the app (default: the embedded sample).
    pub folder: Option<PathBuf>,
    /// Draw the window to this PNG once loaded and settled, then exit.
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<PathBuf>,
    /// Select this region (name, short form or code) before the screenshot.
    #[arg(long, value_name = "NAME")]
    pub select: Option<String>,
    /// The subcommand; without one, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print documents, regions and pairings found in a folder as JSON.
    Extract {
        /// Folder of articles (`sample` for the embedded sample).
        folder: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Roll the pairings up: province, prefecture or county (as stated).
        #[arg(long, value_parser = parse_level)]
        level: Option<ViewLevel>,
        /// Files larger than this many bytes are reported, not read.
        #[arg(long, default_value_t = 32 * 1024 * 1024)]
        max_file_size: u64,
    },
    /// Draw the network as a PNG or SVG picture with a legend and a source line.
    Render {
        /// Folder of articles (`sample` for the embedded sample).
        folder: PathBuf,
        /// The picture: `.png` or `.svg`.
        #[arg(short, long)]
        output: PathBuf,
        /// Layout: geo, force or east-west.
        #[arg(long, default_value = "geo", value_parser = parse_layout)]
        layout: Layout,
        /// Roll the pairings up: province, prefecture or county (as stated).
        #[arg(long, value_parser = parse_level)]
        level: Option<ViewLevel>,
        /// PNG scale factor, 1 to 4.
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// Picture width at 1× (pixels).
        #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(200..=8192))]
        width: u32,
        /// Picture height at 1× (pixels).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(200..=8192))]
        height: u32,
        /// SVG: turn text into paths (looks the same without the font).
        #[arg(long)]
        text_as_paths: bool,
        /// Transparent background instead of white.
        #[arg(long)]
        transparent: bool,
        /// Colour nodes by side (east/west) instead of by province.
        #[arg(long)]
        by_side: bool,
        /// Draw the official pairs too (the reference overlay): those no
        /// article states as dashed ochre lines, with their far ends.
        #[arg(long)]
        official: bool,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Files larger than this many bytes are reported, not read.
        #[arg(long, default_value_t = 32 * 1024 * 1024)]
        max_file_size: u64,
    },
    /// Write the network as GEXF, GraphML, JSON, or CSV tables (OUT_DIR/).
    Export {
        /// Folder of articles (`sample` for the embedded sample).
        folder: PathBuf,
        /// `OUT.gexf`, `OUT.graphml`, `OUT.json`, or a folder (`OUT_DIR/`)
        /// for nodes.csv, edges.csv and evidence.csv.
        #[arg(short, long)]
        output: PathBuf,
        /// Roll the pairings up: province, prefecture or county (as stated).
        #[arg(long, value_parser = parse_level)]
        level: Option<ViewLevel>,
        /// Carry the official pairs too: an `official` status on the edges
        /// that are official pairs, edges without documents for those no
        /// article states, and the `official` list in JSON.
        #[arg(long)]
        official: bool,
        /// Replace existing files.
        #[arg(long)]
        force: bool,
        /// Files larger than this many bytes are reported, not read.
        #[arg(long, default_value_t = 32 * 1024 * 1024)]
        max_file_size: u64,
    },
    /// Score the extractor on an annotated folder: precision, recall,
    /// direction, links from negative articles, and per article, scheme,
    /// script and pattern what was missed and what was wrong.
    Eval {
        /// Folder of articles.
        folder: PathBuf,
        /// The gold file: a JSON list of `{"file", "negative", "pairings":
        /// [{"helper", "helped", "relation", "doubtful"}]}` (see the README).
        gold: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Files larger than this many bytes are reported, not read.
        #[arg(long, default_value_t = 32 * 1024 * 1024)]
        max_file_size: u64,
    },
    /// Generate a synthetic corpus and print one line per measured figure:
    /// throughput end to end and per stage, peak memory, and the `opencc`
    /// tool on the same text.
    Bench {
        /// Number of synthetic articles (about 5 KB each).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        articles: u64,
        /// Generate into this new (or empty) folder and keep it; by default
        /// a temporary folder is used and deleted.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
        /// Worker threads (default: one per core).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=256))]
        threads: Option<u64>,
    },
}

fn parse_layout(s: &str) -> std::result::Result<Layout, String> {
    Layout::parse(s).ok_or_else(|| format!("unknown layout {s:?}: geo, force or east-west"))
}

fn parse_level(s: &str) -> std::result::Result<ViewLevel, String> {
    ViewLevel::parse(s)
        .ok_or_else(|| format!("unknown level {s:?}: province, prefecture or county"))
}

/// Loads a folder (or the embedded sample for `sample` when no such
/// folder exists) and runs the pipeline.
///
/// # Errors
/// The folder does not exist or cannot be read.
pub fn load(folder: &Path, max_file_size: u64) -> Result<(&'static Gazetteer, Extraction)> {
    let g = Gazetteer::get().map_err(|e| anyhow::anyhow!("{e}"))?;
    if folder == Path::new("sample") && !folder.exists() {
        return Ok((g, pipeline::process(g, corpus::sample())));
    }
    let opts = LoadOptions {
        max_file_size,
        ..LoadOptions::default()
    };
    let ex = pipeline::process_folder(g, folder, &opts, &NoProgress)
        .with_context(|| format!("cannot open {}", folder.display()))?;
    Ok((g, ex))
}

/// Runs a subcommand.
///
/// # Errors
/// Whatever the subcommand reports; the binary prints it on one line.
pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Bench {
            articles,
            keep,
            threads,
        } => {
            let opts = shanhai_bench::BenchOptions {
                articles: usize::try_from(articles)?,
                keep,
                threads: threads.map(usize::try_from).transpose()?,
                ..shanhai_bench::BenchOptions::default()
            };
            let mut stdout = std::io::stdout().lock();
            let mut failed = None;
            shanhai_bench::run(&opts, &mut |f| {
                if failed.is_none()
                    && let Err(e) = writeln!(stdout, "{f}").and_then(|()| stdout.flush())
                {
                    failed = Some(e);
                }
            })?;
            if let Some(e) = failed {
                return Err(e.into());
            }
            Ok(())
        }
        Command::Eval {
            folder,
            gold,
            json,
            max_file_size,
        } => {
            let text = std::fs::read_to_string(&gold)
                .with_context(|| format!("cannot read {}", gold.display()))?;
            let entries = shanhai_core::eval::parse_gold(&text)
                .with_context(|| gold.display().to_string())?;
            let (g, ex) = load(&folder, max_file_size)?;
            let report = shanhai_core::eval::evaluate(g, &ex, &entries);
            let out = if json {
                serde_json::to_string_pretty(&report)? + "\n"
            } else {
                report.to_text()
            };
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(out.as_bytes())?;
            stdout.flush()?;
            Ok(())
        }
        Command::Extract {
            folder,
            output,
            level,
            max_file_size,
        } => {
            let (g, ex) = load(&folder, max_file_size)?;
            let net = ex.network().roll_up(g, level.unwrap_or_default());
            let out = export::json::build(g, &ex, &net);
            let json = serde_json::to_string_pretty(&out)?;
            match output {
                Some(path) => {
                    if path.is_dir() {
                        bail!("{} is a folder", path.display());
                    }
                    std::fs::write(&path, json + "\n")
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
                None => {
                    let mut stdout = std::io::stdout().lock();
                    writeln!(stdout, "{json}")?;
                }
            }
            Ok(())
        }
        Command::Render {
            folder,
            output,
            layout,
            level,
            scale,
            width,
            height,
            text_as_paths,
            transparent,
            by_side,
            official,
            force,
            max_file_size,
        } => run_render(&RenderArgs {
            folder,
            output,
            layout,
            level: level.unwrap_or_default(),
            scale,
            width,
            height,
            text_as_paths,
            transparent,
            by_side,
            official,
            force,
            max_file_size,
        }),
        Command::Export {
            folder,
            output,
            level,
            official,
            force,
            max_file_size,
        } => {
            let format = export::Format::from_path(&output)
                .ok_or_else(|| export::ExportError::UnknownFormat(output.clone()))?;
            let (g, ex) = load(&folder, max_file_size)?;
            let level = level.unwrap_or_default();
            let mut net = ex.network().roll_up(g, level);
            let overlay = if official {
                official_overlay(g, &mut net, level)
            } else {
                Vec::new()
            };
            let graph = LayoutGraph::from_network(&net);
            let positions = layout::geographic(g, &graph.nodes);
            let content = export::Content {
                ex: &ex,
                net: &net,
                positions: Some(&positions),
                official: &overlay,
            };
            let written =
                export::write(&output, format, g, &content, force).map_err(export_error)?;
            for p in written {
                eprintln!("wrote {}", p.display());
            }
            Ok(())
        }
    }
}

/// The official pairs of every scheme and year, at `level`, whose far ends
/// join `net` (as the app's overlay with nothing hidden).
fn official_overlay(
    g: &Gazetteer,
    net: &mut shanhai_core::network::Network,
    level: ViewLevel,
) -> Vec<shanhai_core::reference::OfficialEdge> {
    shanhai_core::reference::overlay_for(
        g,
        shanhai_core::reference::Reference::embedded(g),
        net,
        level,
        &shanhai_core::reference::OfficialFilter::default(),
        &std::collections::BTreeSet::new(),
    )
}

/// The checked arguments of `shanhai render`.
struct RenderArgs {
    folder: PathBuf,
    output: PathBuf,
    layout: Layout,
    level: ViewLevel,
    scale: f32,
    width: u32,
    height: u32,
    text_as_paths: bool,
    transparent: bool,
    by_side: bool,
    official: bool,
    force: bool,
    max_file_size: u64,
}

fn run_render(a: &RenderArgs) -> Result<()> {
    let ext = a
        .output
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let png = match ext.as_deref() {
        Some("png") => true,
        Some("svg") => false,
        _ => bail!(
            "{}: the picture must end in .png or .svg",
            a.output.display()
        ),
    };
    if !(1.0..=4.0).contains(&a.scale) {
        bail!("--scale must be between 1 and 4");
    }
    if !a.force && a.output.exists() {
        return Err(exists_error(&a.output));
    }
    let (g, ex) = load(&a.folder, a.max_file_size)?;
    let mut net = ex.network().roll_up(g, a.level);
    let overlay = if a.official {
        official_overlay(g, &mut net, a.level)
    } else {
        Vec::new()
    };
    let graph = LayoutGraph::from_network(&net);
    let positions = layout::compute(a.layout, g, &graph, layout::DEFAULT_SEED);
    let folder_name = if a.folder == Path::new("sample") && !a.folder.exists() {
        "内置样本 (sample)".to_string()
    } else {
        a.folder.display().to_string()
    };
    let dates: Vec<_> = ex.documents.iter().map(|d| d.date).collect();
    let style = render::Style {
        colour_by: if a.by_side {
            render::ColourBy::Side
        } else {
            render::ColourBy::Province
        },
        width: a.width,
        height: a.height,
        background: (!a.transparent).then_some(render::style::WHITE),
        title: render::default_title(a.level, a.layout),
        source_line: render::source_line(
            &folder_name,
            ex.documents.len(),
            &dates,
            &render::today_utc(),
        ),
        backdrop: a.layout == Layout::Geographic,
        ..render::Style::default()
    };
    let mut scene = render::Scene::build(g, &net, &positions, &style);
    scene.add_official(&overlay);
    let bytes = if png {
        render::to_png(&scene, a.scale, scene.background)?
    } else {
        render::to_svg(
            &scene,
            &render::SvgOptions {
                text_as_paths: a.text_as_paths,
            },
        )?
        .into_bytes()
    };
    export::write_atomic(&a.output, &bytes, a.force).map_err(export_error)?;
    Ok(())
}

/// An export error for the user: an existing file names `--force`.
fn export_error(e: export::ExportError) -> anyhow::Error {
    match e {
        export::ExportError::Exists(p) => exists_error(&p),
        e => e.into(),
    }
}

fn exists_error(p: &Path) -> anyhow::Error {
    anyhow::anyhow!("{} already exists (use --force to replace it)", p.display())
}
