//! `cargo bench -p oaskit-codegen`: SDK generation for the largest specs, phase by phase (load
//! and check, the language-neutral model, each backend's rendering), median of 5 runs.
//! `scripts/bench_codegen.py` times whole `oaskit generate` processes beside openapi-generator.

use std::time::{Duration, Instant};

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

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let dir = oaskit_testkit::shared_dir().join("specs/real");
    println!(
        "{:<24} {:>10} {:>10} {:>10} {:>11} {:>10} {:>10} {:>10}",
        "spec", "load", "model", "rust", "typescript", "python", "go", "java"
    );
    for name in [
        "github-api.json",
        "stripe-spec3.json",
        "k8s-1.13-swagger.json",
    ] {
        let path = dir.join(name);
        let opts = oaskit_core::LoadOptions::new();
        let load = median(5, || {
            std::hint::black_box(oaskit_core::load_file(&path, &opts).diagnostics.len());
        });
        let loaded = oaskit_core::load_file(&path, &opts);
        let doc = loaded.document.expect("document");
        let model = median(5, || {
            std::hint::black_box(oaskit_codegen::build(&doc).0.types.len());
        });
        let (api, _) = oaskit_codegen::build(&doc);
        let rust = median(5, || {
            std::hint::black_box(oaskit_codegen::rust::generate(&api, "bench").len());
        });
        let ts = median(5, || {
            std::hint::black_box(oaskit_codegen::typescript::generate(&api, "bench").len());
        });
        let py = median(5, || {
            std::hint::black_box(oaskit_codegen::python::generate(&api, "bench").len());
        });
        let go = median(5, || {
            std::hint::black_box(oaskit_codegen::go::generate(&api, "bench").len());
        });
        let java = median(5, || {
            std::hint::black_box(oaskit_codegen::java::generate(&api, "bench").len());
        });
        println!(
            "{name:<24} {:>10} {:>10} {:>10} {:>11} {:>10} {:>10} {:>10}",
            ms(load),
            ms(model),
            ms(rust),
            ms(ts),
            ms(py),
            ms(go),
            ms(java)
        );
    }
}
