//! Shared helpers for the workspace tests (included with `mod support;`).

#![allow(dead_code, unused_imports)]

use std::path::Path;

pub use oaskit_testkit::{corpus, options_for, rel, shared, specs, Golden, Spec};

/// A Stoplight Prism mock server for one spec, on 127.0.0.1, stopped when dropped.
///
/// Prism is the independent judge of the end-to-end tests: it validates every request
/// (parameters, bodies, security) against the spec and answers 422, 400 or 401 when the
/// request is wrong, so a client that sends what the spec says gets a 2xx. It is installed
/// by `scripts/setup-tools` into `.tools/node`; a missing Prism fails the test.
pub struct Prism {
    child: std::process::Child,
    /// The base URL to give clients, such as `http://127.0.0.1:40123`.
    pub url: String,
}

impl Prism {
    /// Starts Prism on a free port and waits until it listens (at most 60 s).
    pub fn start(spec: &Path) -> Prism {
        use std::io::BufRead;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let bin = root.join(".tools/node/node_modules/@stoplight/prism-cli/dist/index.js");
        assert!(
            bin.is_file(),
            "Prism is missing at {}: run scripts/setup-tools",
            bin.display()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut child = std::process::Command::new("node")
            .arg(&bin)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("node runs");
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if line.contains("Prism is listening") {
                    let _ = tx.send(Ok(()));
                }
                seen.push(line);
            }
            let _ = tx.send(Err(seen.join("\n")));
        });
        match rx.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(Ok(())) => Prism {
                child,
                url: format!("http://127.0.0.1:{port}"),
            },
            Ok(Err(log)) => {
                let _ = child.kill();
                panic!(
                    "Prism stopped before listening on {}:\n{log}",
                    spec.display()
                )
            }
            Err(_) => {
                let _ = child.kill();
                panic!("Prism did not listen within 60 s on {}", spec.display())
            }
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs an end-to-end driver (`tests/e2e/*`) with the petstore's and the gateway spec's Prism
/// URLs as its last two arguments, and fails unless it exits 0 printing `expect`.
pub fn run_e2e_driver(mut driver: std::process::Command, expect: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let petstore = Prism::start(&root.join("specs/petstore.yaml"));
    let gateway = Prism::start(&root.join("specs/gateway-crud.yaml"));
    let run = driver
        .args([&petstore.url, &gateway.url])
        .output()
        .expect("the driver runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains(expect), "{stdout}");
}
