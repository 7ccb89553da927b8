//! Times the phases of `check --profile P --ruleset recommended` on one definition (medians of
//! N loads):
//!
//! ```sh
//! cargo run --release -p oaskit-profile --example lint_phases -- aws-rest api.json 5
//! cargo run --release -p oaskit-profile --example lint_phases -- aws-rest api.json --dump
//! ```
//!
//! `--dump` prints every finding of the combined run, one JSON array a line.

use std::time::{Duration, Instant};

use oaskit_core::{load_file, LoadOptions};
use oaskit_profile::{apply, Lint, Profile, RuleSet};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(profile), Some(path)) = (args.first().and_then(|p| Profile::parse(p)), args.get(1))
    else {
        eprintln!("usage: lint_phases aws-rest|aws-http FILE [N]");
        std::process::exit(2);
    };
    if args.get(2).is_some_and(|a| a == "--dump") {
        let mut loaded = load_file(path, &LoadOptions::new());
        Lint::new()
            .with_profile(Some(profile))
            .with_ruleset(RuleSet::Recommended)
            .apply(&mut loaded);
        for d in &loaded.diagnostics {
            let (file, line, col) = d.position(&loaded.sources).unwrap_or_default();
            let pointer = d
                .location
                .as_ref()
                .map(|l| l.pointer.as_str())
                .unwrap_or("");
            let row = serde_json::json!([
                d.code,
                d.severity.as_str(),
                file,
                line,
                col,
                pointer,
                d.message
            ]);
            println!("{row}");
        }
        return;
    }
    let n = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(5usize);
    let mut times: Vec<[Duration; 5]> = Vec::new();
    for _ in 0..n {
        let t = Instant::now();
        let loaded = load_file(path, &LoadOptions::new());
        let load = t.elapsed();
        let mut a = load_file(path, &LoadOptions::new());
        let t = Instant::now();
        apply(&mut a, profile);
        let prof = t.elapsed();
        let t = Instant::now();
        let r = RuleSet::Recommended.check(&loaded);
        let set = t.elapsed();
        std::mem::forget(r);
        let mut b = load_file(path, &LoadOptions::new());
        let t = Instant::now();
        Lint::new()
            .with_profile(Some(profile))
            .with_ruleset(RuleSet::Recommended)
            .apply(&mut b);
        let both = t.elapsed();
        let t = Instant::now();
        drop(b);
        let free = t.elapsed();
        std::mem::forget(a);
        std::mem::forget(loaded);
        times.push([load, prof, set, both, free]);
    }
    let names = ["load", "profile", "recommended", "lint (both)", "drop"];
    for (k, name) in names.iter().enumerate() {
        let mut v: Vec<Duration> = times.iter().map(|t| t[k]).collect();
        v.sort();
        println!("{name:12} {:.3} s", v[v.len() / 2].as_secs_f64());
    }
}
