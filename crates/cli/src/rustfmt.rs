//! Formatting generated Rust with the toolchain's `rustfmt`, one process per file, in parallel.

use std::io::Write as _;
use std::process::{Command, Stdio};

/// Formats `text` with `rustfmt --edition 2021`; the reason when rustfmt is missing or fails.
pub(crate) fn format(text: &str) -> Result<String, String> {
    let mut child = Command::new(std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into()))
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("rustfmt has no stdin")?;
    let input = text.to_string();
    // Write from another thread: rustfmt may fill its stdout pipe before reading all input.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt failed: {e}"))?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or_default()
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| "rustfmt wrote invalid UTF-8".to_string())
}

/// Formats every `.rs` file of `files` in place (in parallel); on any failure, leaves them all
/// as generated and returns the reason.
pub(crate) fn format_all(files: &mut [oaskit_codegen::GeneratedFile]) -> Result<(), String> {
    let results: Vec<(usize, Result<String, String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.path.ends_with(".rs"))
            .map(|(i, f)| (i, s.spawn(move || format(&f.contents))))
            .collect();
        handles
            .into_iter()
            .map(|(i, h)| {
                (
                    i,
                    h.join()
                        .unwrap_or_else(|_| Err("rustfmt thread panicked".into())),
                )
            })
            .collect()
    });
    let mut formatted = Vec::with_capacity(results.len());
    for (i, r) in results {
        formatted.push((i, r?));
    }
    for (i, text) in formatted {
        files[i].contents = text;
    }
    Ok(())
}
