//! End-to-end: the checked-in TypeScript SDKs of `specs/` (under `generated/`), compiled with
//! the pinned TypeScript, call every operation of their spec from node on mock servers on
//! 127.0.0.1, Prism and `oaskit serve` (see `servers::Kind`), driven by the same
//! `tests/e2e/typescript.mjs`.

#[path = "e2e/servers.rs"]
mod servers;
mod support;

use std::path::Path;
use std::process::Command;

use servers::Kind;

fn typescript_clients(kind: Kind, dir: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tsc = root.join(".tools/node/node_modules/typescript/bin/tsc");
    assert!(
        tsc.is_file(),
        "TypeScript is missing: run scripts/setup-tools"
    );
    // One output directory per test: the two tests run in parallel.
    let out = root.join("target/e2e/typescript").join(dir);
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
    servers::run_e2e_driver(kind, driver, "ok: 28 calls");
}

#[test]
fn typescript_clients_against_prism() {
    typescript_clients(Kind::Prism, "prism");
}

#[test]
fn typescript_clients_against_serve() {
    typescript_clients(Kind::Serve, "serve");
}
