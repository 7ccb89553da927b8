//! `cargo bench -p oaskit-export`: exporting the largest specs to every target, beside loading
//! them (the import benchmark's load + check) in the same run.

use std::time::{Duration, Instant};

use oaskit_export::{export, ExportOptions, Target};

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
    let dir = oaskit_testkit::shared_dir().join("specs/real");
    println!(
        "{:<28} {:>10} {:>11} {:>11} {:>11} {:>11} {:>11}",
        "spec", "load", "swagger-2.0", "openapi-3.0", "openapi-3.1", "openapi-3.2", "postman"
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
        let mut cells = Vec::new();
        for t in [
            Target::Swagger20,
            Target::OpenApi30,
            Target::OpenApi31,
            Target::OpenApi32,
            Target::Postman21,
        ] {
            let d = median(5, || {
                let out = export(&doc, &ExportOptions::new(t)).expect("exports");
                std::hint::black_box(out.to_json().len());
            });
            cells.push(format!("{:>8.1} ms", d.as_secs_f64() * 1e3));
        }
        println!(
            "{name:<28} {:>7.1} ms {}",
            load.as_secs_f64() * 1e3,
            cells.join(" ")
        );
    }
}
