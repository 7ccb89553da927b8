//! `cargo bench -p oaskit-schema`: this crate against `jsonschema` 0.61 in one run.
//!
//! 1. The four cases of `shared/bench/payload` (fully inlined 2020-12 schemas, formats
//!    asserted): `is_valid` on the valid and the invalid payload, and every error of the
//!    invalid one, as microseconds per call (fastest of 40 alternating rounds of 20 ms) and as a ratio
//!    (ours / jsonschema; below 1 is faster).
//! 2. Compiling every component schema of Stripe's and GitHub's definitions (draft 4 view):
//!    wall time and the heap still held afterwards (counted by the global allocator).

use std::alloc::System;
use std::time::{Duration, Instant};

use oaskit_schema::{Dialect, Document, Options};
use serde_json::{json, Value};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Microseconds per call of `a` and of `b`: short rounds (20 ms) alternate between the two (so
/// a change of load on the shared machine hits both), and the fastest of 40 rounds of each
/// counts (on a busy machine a short round is more often left uninterrupted).
fn compare(mut a: impl FnMut() -> usize, mut b: impl FnMut() -> usize) -> (f64, f64) {
    let mut sink = 0usize;
    for _ in 0..200 {
        sink = sink.wrapping_add(a()).wrapping_add(b());
    }
    let mut round = |f: &mut dyn FnMut() -> usize| {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < Duration::from_millis(20) {
            for _ in 0..50 {
                sink = sink.wrapping_add(f());
            }
            n += 50;
        }
        start.elapsed().as_secs_f64() * 1e6 / n as f64
    };
    let (mut best_a, mut best_b) = (f64::MAX, f64::MAX);
    for _ in 0..40 {
        best_a = best_a.min(round(&mut a));
        best_b = best_b.min(round(&mut b));
    }
    std::hint::black_box(sink);
    (best_a, best_b)
}

/// `SCHEMA_BENCH_PROFILE=<seconds>`: loop `is_valid` on each valid payload (for a profiler).
fn profile_seconds() -> Option<f64> {
    std::env::var("SCHEMA_BENCH_PROFILE")
        .ok()
        .and_then(|s| s.parse().ok())
}

/// Visits every value of `v` once (the type of each and the length of each string counted).
fn walk(v: &Value) -> usize {
    match v {
        Value::Object(o) => o.iter().map(|(k, x)| k.len() + walk(x)).sum(),
        Value::Array(a) => a.iter().map(walk).sum(),
        Value::String(s) => s.len(),
        Value::Number(_) => 1,
        Value::Bool(_) => 2,
        Value::Null => 3,
    }
}

fn read(path: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

fn payloads() {
    let dir = oaskit_testkit::shared_dir().join("bench/payload");
    let cases = read(&dir.join("cases.json"));
    println!(
        "{:<30} {:<16} {:>12} {:>12} {:>8}",
        "case", "call", "ours us", "jsonschema us", "ratio"
    );
    let only = std::env::var("SCHEMA_BENCH_CASE").ok();
    for c in cases.as_array().expect("cases") {
        let name = c["case"].as_str().expect("case");
        if only.as_deref().is_some_and(|o| o != name && o != "all") {
            continue;
        }
        let schema = read(&dir.join(format!("schema-{name}.json")));
        let valid = read(&dir.join(format!("{name}.valid.json")));
        let invalid = read(&dir.join(format!("{name}.invalid.json")));
        let doc = Document::new(schema.clone(), Options::new().with_formats(true));
        let id = doc.compile("").expect("compile");
        let judge = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .expect("jsonschema");
        assert!(doc.is_valid(id, &valid) && judge.is_valid(&valid));
        assert!(!doc.is_valid(id, &invalid) && !judge.is_valid(&invalid));
        if let Some(secs) = profile_seconds() {
            // Only ours, on the valid payload, for `perf record` (or exactly
            // `SCHEMA_BENCH_CALLS` calls, for an instruction count under valgrind).
            let calls: Option<u64> = std::env::var("SCHEMA_BENCH_CALLS")
                .ok()
                .and_then(|s| s.parse().ok());
            let start = Instant::now();
            let mut n = 0u64;
            let mut done = 0u64;
            while calls.map_or(start.elapsed().as_secs_f64() < secs, |c| done < c) {
                let walking = std::env::var_os("SCHEMA_BENCH_WALK").is_some();
                for _ in 0..1000 {
                    n += if walking {
                        walk(std::hint::black_box(&valid)) as u64
                    } else {
                        u64::from(doc.is_valid(id, std::hint::black_box(&valid)))
                    };
                }
                done += 1000;
            }
            println!("{name}: {n} valid calls");
            continue;
        }
        let valid_pair = compare(
            || usize::from(doc.is_valid(id, &valid)),
            || usize::from(judge.is_valid(&valid)),
        );
        let invalid_pair = compare(
            || usize::from(doc.is_valid(id, &invalid)),
            || usize::from(judge.is_valid(&invalid)),
        );
        let errors_pair = compare(
            || doc.errors(id, &invalid).count(),
            || judge.iter_errors(&invalid).count(),
        );
        // The floor of any evaluator of a parsed value: visiting every member and item once.
        let walk_pair = compare(
            || walk(std::hint::black_box(&valid)),
            || usize::from(judge.is_valid(&valid)),
        );
        let rows = [
            ("bare walk", walk_pair.0, walk_pair.1),
            ("is_valid valid", valid_pair.0, valid_pair.1),
            ("is_valid invalid", invalid_pair.0, invalid_pair.1),
            ("all errors", errors_pair.0, errors_pair.1),
        ];
        for (call, ours, theirs) in rows {
            println!(
                "{name:<30} {call:<16} {ours:>12.3} {theirs:>12.3} {:>8.2}",
                ours / theirs
            );
        }
    }
}

fn components(doc: &Value) -> Vec<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| {
            m.keys()
                .map(|k| {
                    format!(
                        "/components/schemas/{}",
                        k.replace('~', "~0").replace('/', "~1")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn compile_all(spec: &str) {
    let path = oaskit_testkit::shared_dir().join("specs/real").join(spec);
    let doc_json = read(&path);
    let ptrs = components(&doc_json);
    const BASE: &str = "urn:oaskit:doc";

    let region = Region::new(GLOBAL);
    let start = Instant::now();
    let doc = Document::new(
        doc_json.clone(),
        Options::new()
            .with_dialect(Dialect::Draft4)
            .with_base_uri(BASE)
            .with_formats(true),
    );
    let mut ok = 0;
    for p in &ptrs {
        ok += usize::from(doc.compile(p).is_ok());
    }
    let ours_time = start.elapsed();
    let s = region.change();
    let ours_held = s.bytes_allocated as i64 - s.bytes_deallocated as i64;
    let nodes = doc.compiled_nodes();

    let region = Region::new(GLOBAL);
    let start = Instant::now();
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft4)
        .add(BASE, doc_json.clone())
        .and_then(jsonschema::RegistryBuilder::prepare)
        .expect("registry");
    let mut validators = Vec::new();
    for p in &ptrs {
        let wrapper = json!({"$ref": format!("{BASE}#{p}")});
        if let Ok(v) = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .with_registry(&registry)
            .should_validate_formats(true)
            .build(&wrapper)
        {
            validators.push(v);
        }
    }
    let theirs_time = start.elapsed();
    let s = region.change();
    let theirs_held = s.bytes_allocated as i64 - s.bytes_deallocated as i64;
    println!(
        "compile {spec}: {} schemas ({ok} by ours, {} by jsonschema; {nodes} nodes): ours {:.0} ms, {:.1} MB held; jsonschema {:.0} ms, {:.1} MB held; time ratio {:.3}",
        ptrs.len(),
        validators.len(),
        ours_time.as_secs_f64() * 1e3,
        ours_held as f64 / 1e6,
        theirs_time.as_secs_f64() * 1e3,
        theirs_held as f64 / 1e6,
        ours_time.as_secs_f64() / theirs_time.as_secs_f64()
    );
    drop(validators);
    drop(doc);
}

/// `SCHEMA_BENCH_CASE=<case>` runs only that payload case (`all`: every one), and no compile
/// timing.
fn main() {
    payloads();
    if std::env::var_os("SCHEMA_BENCH_CASE").is_some() || profile_seconds().is_some() {
        return;
    }
    compile_all("stripe-spec3.json");
    compile_all("github-api.json");
}
