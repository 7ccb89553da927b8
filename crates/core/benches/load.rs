//! `cargo bench -p oaskit-core`: load + resolve + check of the largest real specs, beside a
//! bare `serde_json` parse of the same bytes in the same run.
//!
//! Set `OASKIT_SPECS` to the specs folder (default: `specs` of `oaskit_testkit::shared_dir()`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use oaskit_core::{load_file, LoadOptions};

fn specs_dir() -> PathBuf {
    std::env::var_os("OASKIT_SPECS")
        .map_or_else(|| oaskit_testkit::shared_dir().join("specs"), PathBuf::from)
}

/// Median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect();
    t.sort();
    t[runs / 2]
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let dir = specs_dir();
    println!(
        "{:<28} {:>10} {:>12} {:>12} {:>12} {:>8}",
        "spec", "bytes", "serde_json", "parse", "load+check", "ratio"
    );
    for name in [
        "real/github-api.json",
        "real/stripe-spec3.json",
        "real/stripe-spec3.yaml",
        "real/k8s-1.13-swagger.json",
    ] {
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let path = dir.join(name);
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipping {name}: not found under {}", dir.display());
            continue;
        };
        let runs = 7;
        let is_json = name.ends_with(".json");
        let bare = median(runs, || {
            if is_json {
                let v: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
                std::hint::black_box(v);
            }
        });
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        let parse = median(runs, || {
            let f =
                oaskit_core::SourceFile::new("b".into(), oaskit_core::Origin::Memory, text.clone());
            let n = if is_json {
                oaskit_core::parse::json_source(&f, 0, 256)
            } else {
                oaskit_core::parse::yaml(&f, 0, &oaskit_core::Limits::default())
            };
            std::hint::black_box(n.is_ok());
        });
        let opts = LoadOptions::new();
        let full = median(runs, || {
            let l = load_file(&path, &opts);
            std::hint::black_box(l.diagnostics.len());
        });
        let ratio = if is_json {
            format!("{:.2}x", full.as_secs_f64() / bare.as_secs_f64())
        } else {
            "-".into()
        };
        println!(
            "{:<28} {:>10} {:>10.1}ms {:>10.1}ms {:>10.1}ms {:>8}",
            name,
            bytes.len(),
            bare.as_secs_f64() * 1e3,
            parse.as_secs_f64() * 1e3,
            full.as_secs_f64() * 1e3,
            ratio
        );
    }
}
