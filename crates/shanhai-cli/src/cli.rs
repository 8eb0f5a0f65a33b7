//! The command line, in one place: raw arguments (clap) are parsed here
//! and turned into calls of the library.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use shanhai_core::corpus::{self, LoadOptions, NoProgress};
use shanhai_core::export;
use shanhai_core::filter::{self, Filters};
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::i18n::Lang;
use shanhai_core::layout::{self, Layout, LayoutGraph};
use shanhai_core::network::ViewLevel;
use shanhai_core::picture;
use shanhai_core::pipeline::{self, Extraction};
use shanhai_core::playback::{self, Growth, Play, TimeStep};

use crate::view::{Source, ViewArgs};
use shanhai_core::reference::Reference;
use shanhai_core::scene;

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
        #[arg(long, value_enum)]
        level: Option<ViewLevel>,
        /// Files larger than this many bytes are reported, not read.
        #[arg(long, default_value_t = 32 * 1024 * 1024)]
        max_file_size: u64,
    },
    /// Draw the network as a PNG or SVG picture with a legend and a source line.
    Render(RenderArgs),
    /// Write the network as GEXF, GraphML, JSON, or CSV tables (OUT_DIR/).
    Export {
        /// Folder of articles (`sample` for the embedded sample).
        folder: PathBuf,
        /// `OUT.gexf`, `OUT.graphml`, `OUT.json`, or a folder (`OUT_DIR/`)
        /// for nodes.csv, edges.csv and evidence.csv.
        #[arg(short, long, required_unless_present = "dynamic")]
        output: Option<PathBuf>,
        /// Also (or only) write the network in time as dynamic GEXF
        /// (`OUT.gexf`): links start at the first dated article that states
        /// them, so Gephi's timeline plays the network.
        #[arg(long, value_name = "OUT.gexf")]
        dynamic: Option<PathBuf>,
        /// The layout whose positions the nodes carry.
        #[arg(long, value_enum, default_value_t = Layout::Geographic)]
        layout: Layout,
        /// What part of the network is written.
        #[command(flatten)]
        view: ViewArgs,
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

/// Loads a folder (or the embedded sample for `sample` when no such
/// folder exists) and runs the pipeline.
///
/// # Errors
/// The folder does not exist or cannot be read.
pub fn load(folder: &Path, max_file_size: u64) -> Result<(&'static Gazetteer, Extraction)> {
    let g = Gazetteer::get().map_err(|e| anyhow::anyhow!("{e}"))?;
    let Source::Folder(folder) = Source::of(folder) else {
        return Ok((g, pipeline::process(g, corpus::sample())));
    };
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
        Command::Render(args) => run_render(&args),
        Command::Export {
            folder,
            output,
            dynamic,
            layout,
            view,
            force,
            max_file_size,
        } => {
            let format = match &output {
                Some(o) => Some(
                    export::Format::from_path(o)
                        .ok_or_else(|| export::ExportError::UnknownFormat(o.clone()))?,
                ),
                None => None,
            };
            if let Some(d) = &dynamic
                && export::Format::from_path(d) != Some(export::Format::Gexf)
            {
                bail!(
                    "{}: the dynamic network is GEXF: end it in .gexf",
                    d.display()
                );
            }
            let (g, ex) = load(&folder, max_file_size)?;
            let (filters, official) = view.spec(g)?;
            let shown = shown(g, &ex, &filters, official.as_ref());
            let graph = LayoutGraph::from_network(&shown.net);
            let positions = layout::compute(layout, g, &graph, layout::DEFAULT_SEED);
            let content = export::Content {
                ex: &ex,
                net: &shown.net,
                positions: Some(&positions),
                official: &shown.official,
            };
            if let (Some(output), Some(format)) = (&output, format) {
                let written =
                    export::write(output, format, g, &content, force).map_err(export_error)?;
                for p in written {
                    eprintln!("wrote {}", p.display());
                }
            }
            if let Some(d) = &dynamic {
                let (bytes, summary) =
                    export::dynamic::to_bytes(g, &shown.net, &|d| ex.date_of(d), Some(&positions))
                        .map_err(export_error)?;
                export::write_atomic(d, &bytes, force).map_err(export_error)?;
                let span = summary
                    .span
                    .map(|(a, b)| format!(", {a} to {b}"))
                    .unwrap_or_default();
                eprintln!(
                    "wrote {} ({} regions, {} links in time{span})",
                    d.display(),
                    summary.nodes,
                    summary.edges
                );
                if summary.undated_edges > 0 {
                    eprintln!(
                        "{} links are stated only by articles without a year: they have no \
                         time and are left out of {}",
                        summary.undated_edges,
                        d.display()
                    );
                }
            }
            Ok(())
        }
    }
}

/// The network the filters show, with the official overlay when asked
/// (as the app shows it).
fn shown(
    g: &Gazetteer,
    ex: &Extraction,
    filters: &Filters,
    hidden_schemes: Option<&BTreeSet<String>>,
) -> filter::Shown {
    let reference = Reference::embedded(g);
    filter::show(g, ex, filters, hidden_schemes.map(|h| (reference, h)))
}

/// The arguments of `shanhai render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Folder of articles (`sample` for the embedded sample).
    folder: PathBuf,
    /// The picture: `.png` or `.svg`.
    #[arg(short, long, required_unless_present = "animate")]
    output: Option<PathBuf>,
    /// Also (or only) write the network in time as an animation,
    /// `OUT.gif` or `OUT.png` (APNG): one frame per step of the timeline,
    /// the date in the title.
    #[arg(long, value_name = "OUT.gif")]
    animate: Option<PathBuf>,
    /// The animation's step: month or year (default: by month for up to
    /// three years of articles, else by year).
    #[arg(long, value_enum, requires = "animate")]
    step: Option<TimeStep>,
    /// A sliding window of this many steps instead of growing (each frame
    /// shows only the articles of its last N steps).
    #[arg(long, value_name = "N", requires = "animate", value_parser = clap::value_parser!(u32).range(1..=1200))]
    window: Option<u32>,
    /// How long each frame shows (milliseconds).
    #[arg(long, default_value_t = 800, requires = "animate", value_parser = clap::value_parser!(u32).range(20..=60000))]
    frame_ms: u32,
    /// Layout.
    #[arg(long, value_enum, default_value_t = Layout::Geographic)]
    layout: Layout,
    /// What part of the network is drawn.
    #[command(flatten)]
    view: ViewArgs,
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
    /// Language of the legend and the province names.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    lang: Lang,
    /// No province map under the geographic layout.
    #[arg(long)]
    no_map: bool,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, default_value_t = 32 * 1024 * 1024)]
    max_file_size: u64,
}

fn run_render(a: &RenderArgs) -> Result<()> {
    let still = match &a.output {
        Some(o) => {
            let ext = o
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            let png = match ext.as_deref() {
                Some("png") => true,
                Some("svg") => false,
                _ => bail!("{}: the picture must end in .png or .svg", o.display()),
            };
            Some((o, png))
        }
        None => None,
    };
    let animation = match &a.animate {
        Some(p) => {
            let Some(format) = picture::AnimationFormat::from_path(p) else {
                bail!(
                    "{}: the animation must end in .gif, or .png for an animated PNG",
                    p.display()
                );
            };
            Some((p, format))
        }
        None => None,
    };
    if !(1.0..=4.0).contains(&a.scale) {
        bail!("--scale must be between 1 and 4");
    }
    for p in still
        .iter()
        .map(|s| s.0)
        .chain(animation.iter().map(|s| s.0))
    {
        if !a.force && p.exists() {
            return Err(exists_error(p));
        }
    }
    let (g, ex) = load(&a.folder, a.max_file_size)?;
    let (filters, official) = a.view.spec(g)?;
    let shown = shown(g, &ex, &filters, official.as_ref());
    let graph = LayoutGraph::from_network(&shown.net);
    let positions = layout::compute(a.layout, g, &graph, layout::DEFAULT_SEED);
    let folder_name = Source::of(&a.folder).label();
    let dates: Vec<_> = ex.documents.iter().map(|d| d.date).collect();
    let style = scene::Style {
        colour_by: if a.by_side {
            scene::ColourBy::Side
        } else {
            scene::ColourBy::Province
        },
        width: a.width,
        height: a.height,
        background: (!a.transparent).then_some(scene::style::WHITE),
        title: scene::default_title(filters.level, a.layout),
        source_line: scene::source_line(
            &folder_name,
            ex.documents.len(),
            &dates,
            &scene::today_utc(),
        ),
        map: a.layout == Layout::Geographic && !a.no_map,
        lang: a.lang,
        ..scene::Style::default()
    };
    if let Some((output, png)) = still {
        let mut scene = scene::Scene::build(g, &shown.net, &positions, &style);
        scene.add_official(g, &shown.official);
        let bytes = if png {
            picture::to_png(&scene, a.scale, scene.background)?
        } else {
            picture::to_svg(
                &scene,
                &picture::SvgOptions {
                    text_as_paths: a.text_as_paths,
                },
            )?
            .into_bytes()
        };
        export::write_atomic(output, &bytes, a.force).map_err(export_error)?;
    }
    if let Some((output, format)) = animation {
        let span = filter::Timeline::of(&ex.documents).span();
        let step = a.step.unwrap_or(match span {
            Some((lo, hi)) if hi - lo >= 36 => TimeStep::Year,
            _ => TimeStep::Month,
        });
        let play = Play {
            step,
            growth: a.window.map_or(Growth::Cumulative, Growth::Window),
        };
        let reference = Reference::embedded(g);
        let overlay = official.as_ref().map(|h| (reference, h));
        let frames = playback::frames(g, &ex, &filters, overlay, a.layout, &|_| None, &style, play);
        let (Some(first), Some(last)) = (frames.first(), frames.last()) else {
            bail!(
                "{}: no article has a year in the range shown, so there is nothing to animate",
                folder_name
            );
        };
        let summary = format!(
            "{} frames, {} to {}; {} links at the end",
            frames.len(),
            first.label,
            last.label,
            last.edges
        );
        let scenes: Vec<scene::Scene> = frames.into_iter().map(|f| f.scene).collect();
        let bytes = picture::to_animation(&scenes, format, a.frame_ms, a.scale)?;
        export::write_atomic(output, &bytes, a.force).map_err(export_error)?;
        eprintln!("wrote {} ({summary})", output.display());
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use shanhai_core::extract::Relation;
    use shanhai_core::filter::ViewSpec;
    use shanhai_core::scene::ColourBy;

    /// The view a `shanhai render` line describes, read as the CLI reads it.
    fn parse_render(args: &[String]) -> ViewSpec {
        let argv = ["shanhai", "render"]
            .into_iter()
            .map(String::from)
            .chain(args.iter().cloned());
        let cli = Cli::try_parse_from(argv).expect("the written line parses");
        let Some(Command::Render(RenderArgs {
            layout,
            view,
            by_side,
            lang,
            no_map,
            ..
        })) = cli.command
        else {
            panic!("not a render command");
        };
        let g = Gazetteer::get().expect("the gazetteer loads");
        let (filters, official) = view.spec(g).expect("the written line is valid");
        ViewSpec {
            filters,
            layout,
            colour_by: if by_side {
                ColourBy::Side
            } else {
                ColourBy::Province
            },
            official,
            lang,
            map: !no_map,
        }
    }

    #[test]
    fn copied_commands_give_back_the_view() {
        let mut specs = vec![ViewSpec::default()];
        let mut s = ViewSpec {
            layout: Layout::EastWest,
            colour_by: ColourBy::Side,
            official: Some(BTreeSet::new()),
            ..ViewSpec::default()
        };
        s.filters.level = ViewLevel::Prefecture;
        s.filters.hide_isolated = false;
        specs.push(s.clone());
        specs.push(ViewSpec {
            map: false,
            ..ViewSpec::default()
        });
        s.layout = Layout::Force;
        s.lang = Lang::En;
        s.filters.level = ViewLevel::Province;
        s.filters.min_documents = 3;
        s.filters.hidden_relations = Relation::ALL[1..].iter().copied().collect();
        s.filters.months = Some((2019 * 12 + 2, 2024 * 12 + 10));
        s.filters.include_undated = true;
        s.official = Some(
            ["three_gorges", "hubei_2020"]
                .into_iter()
                .map(String::from)
                .collect(),
        );
        specs.push(s);
        for spec in specs {
            let args = spec.to_args("my folder", "out.png");
            assert_eq!(parse_render(&args), spec, "{args:?}");
        }
    }

    #[test]
    fn bad_view_arguments_are_refused() {
        let g = Gazetteer::get().expect("the gazetteer loads");
        let view = |extra: &[&str]| {
            let argv = ["shanhai", "render", "sample", "-o", "x.png"]
                .iter()
                .chain(extra)
                .copied();
            match Cli::try_parse_from(argv) {
                Ok(Cli {
                    command: Some(Command::Render(RenderArgs { view, .. })),
                    ..
                }) => view.spec(g).map(|_| ()).map_err(|e| e.to_string()),
                Ok(_) => Err("not render".into()),
                Err(e) => Err(e.to_string()),
            }
        };
        assert!(view(&["--from", "2023-13"]).is_err());
        assert!(view(&["--from", "2024-01", "--to", "2023-12"]).is_err());
        assert!(view(&["--include-undated"]).is_err());
        assert!(view(&["--hide-scheme", "three_gorges"]).is_err());
        assert!(view(&["--official", "--hide-scheme", "no_such"]).is_err());
        assert!(view(&["--hide-relation", "friendship"]).is_err());
        assert!(view(&["--min-articles", "0"]).is_err());
        assert_eq!(
            view(&["--official", "--hide-scheme", "three_gorges"]),
            Ok(())
        );
        assert_eq!(view(&["--to", "2023-12", "--include-undated"]), Ok(()));
    }
}
