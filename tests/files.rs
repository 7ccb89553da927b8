//! Only regular files are read, and their size is judged before their bytes: FIFOs, devices,
//! folders and sockets (as the entry or behind a `$ref`, directly or through a symbolic link)
//! end in an `io` or `ref-unresolved` error at once instead of blocking or streaming forever,
//! and a file over the limit is refused without being read.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use oaskit_core::{load_file, LoadOptions, Loaded, Policy};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("oaskit-files-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

fn mkfifo(p: &Path) {
    let st = Command::new("mkfifo").arg(p).status().expect("mkfifo runs");
    assert!(st.success(), "mkfifo {}", p.display());
}

/// Loads in a thread and fails the test if the load does not come back: a blocked `open()` on
/// a FIFO would otherwise hang the suite.
fn load_bounded(path: PathBuf, options: LoadOptions) -> Loaded {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(load_file(&path, &options));
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the load returned instead of blocking")
}

fn codes(l: &Loaded) -> Vec<(&str, String)> {
    l.diagnostics
        .iter()
        .map(|d| (d.code, d.message.clone()))
        .collect()
}

fn doc_with_ref(r: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Use: {{$ref: '{r}'}}\n"
    )
}

#[test]
fn special_files_are_never_opened_for_reading() {
    let dir = scratch("special");
    let fifo = dir.join("pipe.yaml");
    mkfifo(&fifo);
    std::os::unix::fs::symlink(&fifo, dir.join("link-to-pipe.yaml")).expect("symlink");
    std::fs::create_dir_all(dir.join("folder.yaml")).expect("folder");
    let sock = dir.join("sock.yaml");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).expect("socket");

    // As the entry document.
    for entry in ["pipe.yaml", "link-to-pipe.yaml", "folder.yaml", "sock.yaml"] {
        let l = load_bounded(dir.join(entry), LoadOptions::new());
        assert!(l.document.is_none(), "{entry}");
        assert!(
            codes(&l)
                .iter()
                .any(|(c, m)| *c == "io" && m.contains("not a regular file")),
            "{entry}: {:?}",
            codes(&l)
        );
    }
    // Behind a reference, inside the root and (with the root lifted) outside it.
    for (target, outside) in [
        ("pipe.yaml#/X", false),
        ("./link-to-pipe.yaml", false),
        ("folder.yaml", false),
        ("sock.yaml", false),
        ("/dev/zero", true),
        ("/dev/urandom#/X", true),
        ("file:///dev/null", true),
    ] {
        let spec = dir.join("entry.yaml");
        std::fs::write(&spec, doc_with_ref(target)).expect("spec");
        let options = LoadOptions::new().with_policy(Policy::new().with_outside_root(outside));
        let l = load_bounded(spec, options);
        assert!(
            codes(&l)
                .iter()
                .any(|(c, m)| *c == "ref-unresolved" && m.contains("not a regular file")),
            "{target}: {:?}",
            codes(&l)
        );
    }
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = scratch("size");
    // Sparse: 300 MB on paper, nothing on disk; reading it would take seconds and 256 MiB.
    let big = dir.join("big.yaml");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(300 * 1024 * 1024).expect("set_len");
    drop(f);
    let l = load_bounded(big.clone(), LoadOptions::new());
    assert!(
        codes(&l)
            .iter()
            .any(|(c, m)| *c == "io" && m.contains("more than the limit")),
        "{:?}",
        codes(&l)
    );
    let spec = dir.join("entry.yaml");
    std::fs::write(&spec, doc_with_ref("big.yaml#/X")).expect("spec");
    let l = load_bounded(spec.clone(), LoadOptions::new());
    assert!(
        codes(&l)
            .iter()
            .any(|(c, m)| *c == "ref-unresolved" && m.contains("more than the limit")),
        "{:?}",
        codes(&l)
    );
    // The limit is the caller's: a small one refuses a small file the same way.
    let small = dir.join("small.yaml");
    std::fs::write(&small, "X: {type: string}\n".repeat(10)).expect("small");
    std::fs::write(&spec, doc_with_ref("small.yaml#/X")).expect("spec");
    let limits = oaskit_core::Limits {
        max_file_bytes: 150,
        ..oaskit_core::Limits::default()
    };
    let l = load_bounded(spec, LoadOptions::new().with_limits(limits));
    assert!(
        codes(&l)
            .iter()
            .any(|(c, m)| *c == "ref-unresolved" && m.contains("limit of 150 bytes")),
        "{:?}",
        codes(&l)
    );
}
