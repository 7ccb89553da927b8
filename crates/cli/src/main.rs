//! `oaskit`: check, import and convert API definitions.

mod args;
mod commands;
mod fetch;
mod log_writer;
mod output;
mod render;
mod rustfmt;
mod sarif;

use std::process::ExitCode;

use clap::Parser as _;

/// Exit codes: 0 clean, 1 findings, 2 unusable input or usage.
fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        args::Command::Check(a) => commands::check::run(&a),
        args::Command::Overlay(args::OverlayCommand::Apply(a)) => commands::overlay::apply(&a),
        args::Command::Import(a) => commands::import::run(&a),
        args::Command::Export(a) => commands::export::run(&a),
        args::Command::Explain(a) => commands::explain(&a),
        args::Command::Generate(a) => commands::generate::run(&a),
        args::Command::Validate(a) => commands::validate::run(&a),
        args::Command::Serve(a) => commands::serve::run(&a),
        args::Command::Diff(a) => commands::diff::run(&a),
    };
    ExitCode::from(code)
}
