//! The floor `oaskit check` is measured against: read a file and parse it into a
//! `serde_json::Value`, nothing else. Prints the seconds the parse took (reading excluded).
//! The value is not freed at exit, as `check` does not free its tree.
//!
//! `cargo build --release -p oaskit-core --example bare_parse`, then
//! `target/release/examples/bare_parse FILE` (used by `scripts/size-ladder`).

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("bare_parse: cannot read {}: {e}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let parsed = serde_json::from_slice::<serde_json::Value>(&bytes);
    let secs = start.elapsed().as_secs_f64();
    match parsed {
        Ok(v) => {
            println!("{secs:.6}");
            std::mem::forget(v);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bare_parse: {}: {e}", path.to_string_lossy());
            ExitCode::from(1)
        }
    }
}
