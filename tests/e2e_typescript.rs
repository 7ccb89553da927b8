//! End-to-end: the checked-in TypeScript SDKs of `specs/` (under `generated/`), compiled with
//! the pinned TypeScript, call every operation of their spec from node on Prism mocks on
//! 127.0.0.1 (see `support::Prism`), driven by `tests/e2e/typescript.mjs`.

mod support;

use std::path::Path;
use std::process::Command;

#[test]
fn typescript_clients_against_prism() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tsc = root.join(".tools/node/node_modules/typescript/bin/tsc");
    assert!(
        tsc.is_file(),
        "TypeScript is missing: run scripts/setup-tools"
    );
    let out = root.join("target/e2e/typescript");
    let mut dists = Vec::new();
    for name in ["petstore", "gateway-crud"] {
        let dist = out.join(name);
        let _ = std::fs::remove_dir_all(&dist);
        let status = Command::new("node")
            .arg(&tsc)
            .arg("-p")
            .arg(root.join("generated").join(name).join("typescript"))
            .arg("--outDir")
            .arg(&dist)
            .status()
            .expect("node runs");
        assert!(
            status.success(),
            "tsc failed on generated/{name}/typescript"
        );
        // The compiled files are ES modules: node needs the package type beside them.
        std::fs::write(dist.join("package.json"), "{\"type\": \"module\"}\n").expect("write");
        dists.push(dist);
    }
    let mut driver = Command::new("node");
    driver
        .arg(root.join("tests/e2e/typescript.mjs"))
        .args(&dists);
    support::run_e2e_driver(driver, "ok: 28 calls");
}
