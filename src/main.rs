//! The `shanhai` binary: a thin shell over the library.

use clap::Parser;
use shanhai::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => cli::run(command),
        None => cli::run(cli::Command::Extract {
            folder: args.folder.unwrap_or_else(|| "sample".into()),
            output: None,
            level: None,
            max_file_size: 32 * 1024 * 1024,
        }),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shanhai: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
