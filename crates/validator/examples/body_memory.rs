//! Peak memory of validating one large JSON body:
//! `cargo run --release -p oaskit-validator --example body_memory -- 80 [invalid]` (megabytes).
//! Prints the peak resident set (VmHWM) after building the body and after validating it.

fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(80);
    let invalid = std::env::args().any(|a| a == "invalid");
    let loaded = oaskit_core::load_str(
        "api.yaml",
        r"
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /items:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: array
              items:
                type: object
                required: [id, name]
                properties:
                  id: {type: integer}
                  name: {type: string}
                  tags: {type: array, items: {type: string}}
      responses: {'200': {description: ok}}
",
        &oaskit_core::LoadOptions::new(),
    );
    let v = oaskit_validator::Validator::with_options(
        loaded.document.as_ref().expect("document"),
        &oaskit_validator::Options::new().with_max_body_size(usize::MAX),
    )
    .expect("validator");
    let mut body = Vec::with_capacity(mb << 20);
    body.push(b'[');
    let mut i = 0u64;
    while body.len() < mb << 20 {
        if i > 0 {
            body.push(b',');
        }
        let id = if invalid {
            format!("\"{i}\"")
        } else {
            i.to_string()
        };
        body.extend_from_slice(
            format!(r#"{{"id":{id},"name":"item number {i}","tags":["a","b"]}}"#).as_bytes(),
        );
        i += 1;
    }
    body.push(b']');
    let req = oaskit_validator::Request::new("POST", "/items")
        .header("Content-Type", "application/json")
        .body(body);
    println!("body {} MB, {i} items: peak {} MB", mb, peak_mb());
    let t = std::time::Instant::now();
    let report = v.validate_request(&req);
    println!(
        "validated in {:?}: {} violation(s); peak {} MB",
        t.elapsed(),
        report.violations.len(),
        peak_mb()
    );
}
