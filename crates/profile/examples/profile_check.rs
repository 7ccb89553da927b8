//! Checks a definition under a profile and prints every finding, or times it:
//!
//! ```sh
//! cargo run --release -p oaskit-profile --example profile_check -- aws-rest api.yaml
//! cargo run --release -p oaskit-profile --example profile_check -- aws-rest api.yaml --bench 5
//! ```
//!
//! `--bench N` loads the definition N times without and N times with the profile,
//! alternating, and prints the median of each and their ratio (what `check` costs with
//! `--profile` against without, in the same run).

use std::time::{Duration, Instant};

use oaskit_core::{load_file, LoadOptions};
use oaskit_profile::{apply, Profile};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(profile), Some(path)) = (args.first().and_then(|p| Profile::parse(p)), args.get(1))
    else {
        eprintln!("usage: profile_check aws-rest|aws-http FILE [--bench N]");
        std::process::exit(2);
    };
    if let Some(n) = args
        .iter()
        .position(|a| a == "--bench")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
    {
        bench(profile, path, n);
        return;
    }
    let mut loaded = load_file(path, &LoadOptions::new());
    apply(&mut loaded, profile);
    for d in &loaded.diagnostics {
        let (file, line, col) = d.position(&loaded.sources).unwrap_or_default();
        println!(
            "{file}:{line}:{col}: {}[{}]: {}",
            d.severity.as_str(),
            d.code,
            d.message
        );
    }
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    println!(
        "{errors} error(s), {} warning(s)",
        loaded.diagnostics.len() - errors
    );
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(profile: Profile, path: &str, n: usize) {
    let mut plain = Vec::new();
    let mut with = Vec::new();
    let mut profile_only = Vec::new();
    for _ in 0..n.max(1) {
        let t = Instant::now();
        let loaded = load_file(path, &LoadOptions::new());
        plain.push(t.elapsed());
        drop(loaded);
        let t = Instant::now();
        let mut loaded = load_file(path, &LoadOptions::new());
        let t2 = Instant::now();
        apply(&mut loaded, profile);
        profile_only.push(t2.elapsed());
        with.push(t.elapsed());
    }
    let (p, w, o) = (median(plain), median(with), median(profile_only));
    println!(
        "plain check {:.3} s, with --profile {profile} {:.3} s (profile itself {:.3} s): ratio {:.2}",
        p.as_secs_f64(),
        w.as_secs_f64(),
        o.as_secs_f64(),
        w.as_secs_f64() / p.as_secs_f64()
    );
}
