//! The `shanhai` binary: the command line ([`cli`]) over `shanhai-core`,
//! and the window (`shanhai-app`) when no subcommand is given.

mod cli;
mod view;

use clap::Parser;
use cli::Cli;

fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => cli::run(command),
        None => shanhai_app::run(args.folder, args.screenshot, args.select),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shanhai: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
