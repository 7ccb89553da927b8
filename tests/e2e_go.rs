//! End-to-end: the checked-in Go SDKs of `specs/` (under `generated/`) call every operation of
//! their spec on Prism mocks on 127.0.0.1 (see `support::Prism`), driven by the Go program in
//! `tests/e2e/go`, built through a go.work that uses it and the two SDKs (offline: the SDKs use
//! the standard library only).

mod support;

use std::path::Path;
use std::process::Command;

#[test]
fn go_clients_against_prism() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/e2e/go");
    std::fs::create_dir_all(&out).expect("mkdir");
    let work = out.join("go.work");
    let mut text = String::from("go 1.22\n\nuse (\n");
    for dir in [
        root.join("tests/e2e/go"),
        root.join("generated/petstore/go"),
        root.join("generated/gateway-crud/go"),
    ] {
        text.push_str(&format!("\t{}\n", dir.display()));
    }
    text.push_str(")\n");
    std::fs::write(&work, text).expect("go.work");
    let env = root.join("target/oaskit-generated/go-env");
    let bin = out.join("e2e");
    let status = Command::new("go")
        .args(["build", "-o"])
        .arg(&bin)
        .arg(".")
        .current_dir(root.join("tests/e2e/go"))
        .env("GOWORK", &work)
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOFLAGS", "-buildvcs=false")
        .env("GOCACHE", env.join("cache"))
        .env("GOPATH", env.join("path"))
        .env("GOTELEMETRY", "off")
        .status()
        .expect("go runs (Go 1.22+ on PATH)");
    assert!(status.success(), "go build of tests/e2e/go failed");
    support::run_e2e_driver(Command::new(&bin), "ok: 28 calls");
}
