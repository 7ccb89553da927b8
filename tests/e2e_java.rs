//! End-to-end: the checked-in Java SDKs of `specs/` (under `generated/`) call every operation
//! of their spec on mock servers on 127.0.0.1, Prism and `oaskit serve` (see `servers::Kind`),
//! driven by `tests/e2e/java/Main.java`. The driver and the two SDKs' sources are compiled by
//! one `javac -Xlint:all -Werror` run against the Jackson jars (databind and its `java.time`
//! module) of the project-local Maven repository (`.tools/maven/repository`, filled by
//! `scripts/setup-tools`).

#[path = "e2e/servers.rs"]
mod servers;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use servers::Kind;

/// The jar of `artifact` (a folder of the local repository under `com/fasterxml/jackson`,
/// `core/jackson-core`) in its newest version there.
fn jar(repo: &Path, artifact: &str) -> PathBuf {
    let dir = repo.join("com/fasterxml/jackson").join(artifact);
    let mut jars: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}: run scripts/setup-tools", dir.display()))
        .flatten()
        .flat_map(|v| std::fs::read_dir(v.path()).into_iter().flatten().flatten())
        .map(|f| f.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "jar")
                && !p.to_string_lossy().ends_with("-sources.jar")
        })
        .collect();
    jars.sort();
    jars.pop()
        .unwrap_or_else(|| panic!("no {artifact} jar in {}", dir.display()))
}

/// Compiles the driver and the SDKs once per test binary; returns the class path to run with.
fn compiled() -> &'static str {
    static CLASSPATH: OnceLock<String> = OnceLock::new();
    CLASSPATH.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let repo = root.join(".tools/maven/repository");
        let databind = repo.join(format!(
            "com/fasterxml/jackson/core/jackson-databind/{v}/jackson-databind-{v}.jar",
            v = oaskit_codegen::java::JACKSON_VERSION
        ));
        assert!(
            databind.is_file(),
            "{} is missing: run scripts/setup-tools",
            databind.display()
        );
        let jars = [
            databind,
            jar(&repo, "core/jackson-core"),
            jar(&repo, "core/jackson-annotations"),
            jar(&repo, "datatype/jackson-datatype-jsr310"),
        ];
        let jars: Vec<String> = jars.iter().map(|j| j.display().to_string()).collect();
        let out = root.join("target/e2e/java/classes");
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).expect("mkdir");
        let mut sources = vec![root.join("tests/e2e/java/Main.java")];
        for sdk in ["petstore", "gateway-crud"] {
            let mut stack = vec![root.join("generated").join(sdk).join("java/src/main/java")];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir)
                    .expect("the checked-in SDK")
                    .flatten()
                {
                    let p = entry.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|e| e == "java") {
                        sources.push(p);
                    }
                }
            }
        }
        let status = Command::new("javac")
            .args([
                "-Xlint:all",
                "-Werror",
                "--release",
                "17",
                "-encoding",
                "UTF-8",
            ])
            .arg("-cp")
            .arg(jars.join(":"))
            .arg("-d")
            .arg(&out)
            .args(&sources)
            .status()
            .expect("javac runs (a JDK 17+ on PATH)");
        assert!(status.success(), "javac of the driver and the SDKs failed");
        format!("{}:{}", out.display(), jars.join(":"))
    })
}

fn java_clients(kind: Kind) {
    let mut driver = Command::new("java");
    driver.args([
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        compiled(),
        "Main",
    ]);
    servers::run_e2e_driver(kind, driver, "ok: 28 calls");
}

#[test]
fn java_clients_against_prism() {
    java_clients(Kind::Prism);
}

#[test]
fn java_clients_against_serve() {
    java_clients(Kind::Serve);
}
