//! End-to-end: the checked-in Python SDKs of `specs/` (under `generated/`) call every operation
//! of their spec on Prism mocks on 127.0.0.1 (see `support::Prism`), driven by
//! `tests/e2e/python.py` on the interpreter of `.tools/python` (set up by `scripts/setup-tools`).

mod support;

use std::path::Path;
use std::process::Command;

#[test]
fn python_clients_against_prism() {
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
    let petstore = support::Prism::start(&root.join("specs/petstore.yaml"));
    let gateway = support::Prism::start(&root.join("specs/gateway-crud.yaml"));
    let run = Command::new(&python)
        .arg(root.join("tests/e2e/python.py"))
        .args([&petstore.url, &gateway.url])
        .env("PYTHONPATH", path)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("ok: 28 calls"), "{stdout}");
}
