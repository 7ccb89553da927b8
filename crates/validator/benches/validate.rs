//! `cargo bench -p oaskit-validator`: validations per second on the four cases of
//! `shared/bench/payload` (full request/response validation, the body alone on a parsed value,
//! and a bare `jsonschema` validation of the same body as the floor), in one run.
//! `scripts/bench` adds ajv (node) beside it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use oaskit_validator::{Request, Response, Validator};
use serde_json::Value;

fn shared() -> PathBuf {
    oaskit_testkit::shared_dir()
}

/// Runs `f` in rounds of about `per_round`; returns the median rate (calls per second).
fn rate(mut f: impl FnMut(usize) -> bool) -> f64 {
    let mut ok = 0usize;
    for i in 0..1000 {
        ok += usize::from(f(i));
    }
    let mut rates = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let mut n = 0usize;
        while start.elapsed() < Duration::from_millis(400) {
            for k in 0..100 {
                ok += usize::from(f(n + k));
            }
            n += 100;
        }
        rates.push(n as f64 / start.elapsed().as_secs_f64());
    }
    assert!(ok > 0, "nothing validated");
    rates.sort_by(f64::total_cmp);
    rates[2]
}

fn show(label: &str, r: f64, floor: f64) {
    println!(
        "  {label:<40} {:>12.0}/s {:>10.2} us {:>7.2}x its floor",
        r,
        1e6 / r,
        floor / r
    );
}

fn main() {
    let dir = shared().join("bench/payload");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cases.json")).expect("cases"))
            .expect("json");
    let mut validators: Vec<(String, Validator)> = Vec::new();
    for c in &cases {
        let name = c["case"].as_str().expect("case");
        let spec = c["spec"].as_str().expect("spec");
        let spec_path = if spec.starts_with("petstore") {
            shared().join("specs/oai/v3.0/petstore-expanded.json")
        } else {
            shared().join("specs/real").join(spec)
        };
        if !validators.iter().any(|(s, _)| s == spec) {
            let loaded = oaskit_core::load_file(
                &spec_path,
                &oaskit_core::LoadOptions::new().with_checks(false),
            );
            let doc = loaded.document.expect("document");
            let v = Validator::with_options(
                &doc,
                &oaskit_validator::Options::new().with_lazy_compilation(true),
            )
            .expect("validator");
            validators.push((spec.to_string(), v));
        }
        let v = &validators.iter().find(|(s, _)| s == spec).expect("built").1;
        let raw = std::fs::read(dir.join(format!("{name}.valid.json"))).expect("valid");
        let bad = std::fs::read(dir.join(format!("{name}.invalid.json"))).expect("invalid");
        let body: Value = serde_json::from_slice(&raw).expect("json");
        let bad_body: Value = serde_json::from_slice(&bad).expect("json");
        let bodies: Vec<Value> = (0..16).map(|_| body.clone()).collect();
        let floor_schema: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("schema-{name}.json"))).expect("schema"),
        )
        .expect("json");
        let floor_v = jsonschema::options()
            .should_validate_formats(true)
            .build(&floor_schema)
            .expect("floor schema");
        let url = format!(
            "{}{}",
            c["host_url"].as_str().expect("host"),
            c["url_path"].as_str().expect("path")
        );
        let method = c["method"].as_str().expect("method").to_ascii_uppercase();
        let op = v.operation_index(&method, &url).expect("routes");
        println!("{name} ({} bytes)", raw.len());
        assert!(
            floor_v.is_valid(&body) && !floor_v.is_valid(&bad_body),
            "floor verdicts"
        );
        let floor = rate(|i| floor_v.is_valid(&bodies[i & 15]));
        show("floor: jsonschema (parsed body)", floor, floor);
        let raws: Vec<Vec<u8>> = (0..16).map(|_| raw.clone()).collect();
        let parse_floor = rate(|i| {
            serde_json::from_slice::<Value>(&raws[i & 15]).is_ok_and(|b| floor_v.is_valid(&b))
        });
        show(
            "floor: serde_json parse + jsonschema",
            parse_floor,
            parse_floor,
        );
        if c["kind"] == "request" {
            let req = Request::new(&method, &url)
                .header("content-type", "application/json")
                .body(raw.clone());
            let bad_req = Request::new(&method, &url)
                .header("content-type", "application/json")
                .body(bad.clone());
            assert!(
                v.validate_request(&req).is_valid(),
                "{}",
                v.validate_request(&req)
            );
            assert!(!v.validate_request(&bad_req).is_valid());
            assert!(v.is_valid_request_json(op, &body) && !v.is_valid_request_json(op, &bad_body));
            show(
                "oaskit body (parsed, is_valid)",
                rate(|i| v.is_valid_request_json(op, &bodies[i & 15])),
                floor,
            );
            let reqs: Vec<Request> = (0..16).map(|_| req.clone()).collect();
            show(
                "oaskit full request (from bytes)",
                rate(|i| v.validate_request(&reqs[i & 15]).is_valid()),
                parse_floor,
            );
        } else {
            let status = c["status"].as_u64().expect("status") as u16;
            let resp = Response::new(status)
                .header("content-type", "application/json")
                .body(raw.clone());
            let bad_resp = Response::new(status)
                .header("content-type", "application/json")
                .body(bad.clone());
            assert!(
                v.validate_response(&method, &url, &resp).is_valid(),
                "{}",
                v.validate_response(&method, &url, &resp)
            );
            assert!(!v.validate_response(&method, &url, &bad_resp).is_valid());
            show(
                "oaskit body (parsed, is_valid)",
                rate(|i| v.is_valid_response_json(op, status, &bodies[i & 15])),
                floor,
            );
            let resps: Vec<Response> = (0..16).map(|_| resp.clone()).collect();
            show(
                "oaskit full response (from bytes)",
                rate(|i| {
                    v.validate_response(&method, &url, &resps[i & 15])
                        .is_valid()
                }),
                parse_floor,
            );
        }
    }
}
