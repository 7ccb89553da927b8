//! End-to-end: the checked-in Python SDKs of `specs/` (under `generated/`) call every operation
//! of their spec on mock servers on 127.0.0.1, Prism and `oaskit serve` (see `servers::Kind`),
//! driven by the same `tests/e2e/python.py` on the interpreter of `.tools/python` (set up by
//! `scripts/setup-tools`).

#[path = "e2e/servers.rs"]
mod servers;
mod support;

use std::path::Path;
use std::process::Command;

use servers::Kind;

fn python_clients(kind: Kind) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join(".tools/python/bin/python");
    assert!(
        python.is_file(),
        "the Python tools are missing: run scripts/setup-tools"
    );
    let path = std::env::join_paths(
        ["petstore", "gateway-crud"].map(|n| root.join("generated").join(n).join("python")),
    )
    .expect("a path list");
    let mut driver = Command::new(&python);
    driver
        .arg(root.join("tests/e2e/python.py"))
        .env("PYTHONPATH", path)
        .env("PYTHONDONTWRITEBYTECODE", "1");
    servers::run_e2e_driver(kind, driver, "ok: 28 calls");
}

#[test]
fn python_clients_against_prism() {
    python_clients(Kind::Prism);
}

#[test]
fn python_clients_against_serve() {
    python_clients(Kind::Serve);
}
