//! The `shanhai` binary: a thin shell over the library.

use clap::Parser;
use shanhai::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => cli::run(command),
        None => shanhai::app::run(args.folder, args.screenshot, args.select),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shanhai: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
