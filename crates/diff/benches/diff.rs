//! `cargo bench -p oaskit-diff`: diffing two releases of GitHub's definition (from
//! @octokit/openapi, fetched into `.tools/octokit/` by `scripts/setup-tools`), beside loading
//! them. Prints the median of a few runs of each stage; `scripts/bench-diff` adds the whole
//! process and oasdiff on the same pair.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use oaskit_core::{load_file, LoadOptions};
use oaskit_diff::{diff, Options};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed());
    }
    (median(times), last.expect("at least one run"))
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.tools/octokit");
    let (a, b) = ("22.0.0", "23.0.0");
    let path = |v: &str| root.join(v).join("api.github.com.json");
    if !path(a).exists() || !path(b).exists() {
        eprintln!(
            "error: run scripts/setup-tools first ({} is missing)",
            path(a).display()
        );
        std::process::exit(2);
    }
    let runs = 5;
    let opts = LoadOptions::new().with_checks(false);
    let (load, (old, new)) = time(runs, || {
        (load_file(path(a), &opts), load_file(path(b), &opts))
    });
    let (plain, report) = time(runs, || diff(&old, &new, &Options::new().with_sdk(false)));
    let (full, _) = time(runs, || diff(&old, &new, &Options::new()));
    let n = report.map(|r| r.changes.len()).unwrap_or_default();
    println!("diff/github {a} -> {b}: {n} changes (median of {runs} runs)");
    println!(
        "  load both (no checks)      {:>8.1} ms",
        load.as_secs_f64() * 1e3
    );
    println!(
        "  diff without SDK impact    {:>8.1} ms",
        plain.as_secs_f64() * 1e3
    );
    println!(
        "  diff with SDK impact       {:>8.1} ms",
        full.as_secs_f64() * 1e3
    );
}
