//! The command line, in one place: raw arguments (clap) are parsed here
//! and turned into calls of the library.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::corpus::{self, LoadOptions, NoProgress};
use crate::export;
use crate::gazetteer::Gazetteer;
use crate::network::ViewLevel;
use crate::pipeline::{self, Extraction};

/// Shanhai (山海): the regional partnership network in your articles.
#[derive(Debug, Parser)]
#[command(name = "shanhai", version, about, args_conflicts_with_subcommands = true)]
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
}

fn parse_level(s: &str) -> std::result::Result<ViewLevel, String> {
    ViewLevel::parse(s).ok_or_else(|| format!("unknown level {s:?}: province, prefecture or county"))
}

/// Loads a folder (or the embedded sample for `sample` when no such
/// folder exists) and runs the pipeline.
///
/// # Errors
/// The folder does not exist or cannot be read.
pub fn load(folder: &Path, max_file_size: u64) -> Result<(&'static Gazetteer, Extraction)> {
    let g = Gazetteer::get().map_err(|e| anyhow::anyhow!("{e}"))?;
    let corpus = if folder == Path::new("sample") && !folder.exists() {
        corpus::sample()
    } else {
        let opts = LoadOptions {
            max_file_size,
            ..LoadOptions::default()
        };
        corpus::load_folder(folder, &opts, &NoProgress)
            .with_context(|| format!("cannot open {}", folder.display()))?
    };
    Ok((g, pipeline::process(g, corpus)))
}

/// Runs a subcommand.
///
/// # Errors
/// Whatever the subcommand reports; the binary prints it on one line.
pub fn run(command: Command) -> Result<()> {
    match command {
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
    }
}
