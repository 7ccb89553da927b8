//! The address policy, attacked from a network namespace that has nothing but loopback.
//!
//! The test re-runs itself under `unshare --net --mount` (root on these machines), so a guard
//! that fails reaches nothing outside this process. Inside, the loopback interface also carries
//! the cloud metadata address 169.254.169.254, where a listener counts every connection: a
//! bypass shows up as a hit instead of leaking. `/etc/hosts` is replaced (in the private mount
//! namespace only) so that host names resolve to the metadata address, to a loopback address,
//! or to both.
//!
//! Families: every spelling of the metadata address as the entry URL, as a `$ref` and as a
//! redirect target; host names that resolve there; remote documents that reference local
//! files; private targets with and without `--allow-private`; servers that trickle bytes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const INSIDE: &str = "OASKIT_TEST_IN_NETNS";

/// Spellings of 169.254.169.254 that URL parsers disagree about.
const METADATA_SPELLINGS: &[&str] = &[
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.169%2e254/",
    "http://169.254.169.254./",
    "http://169.254.169.254\\@127.0.0.1/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[::a9fe:a9fe]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http:/169.254.169.254/",
    "http:169.254.169.254/",
    "HTTP://169.254.169.254/",
    "http://0xa9fea9fe/",
    "http://2852039166/",
    "http://0251.0376.0251.0376/",
    "http://169.254.43518/",
    "http://metadata.test/",
    "http://metadata.test./",
    "http://rebind.test/",
];

#[test]
fn address_policy_in_a_loopback_only_namespace() {
    if std::env::var_os(INSIDE).is_some() {
        inside();
        return;
    }
    let exe = std::env::current_exe().expect("test executable");
    let out = Command::new("unshare")
        .args(["--net", "--mount", "--"])
        .arg(exe)
        .args([
            "--exact",
            "address_policy_in_a_loopback_only_namespace",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(INSIDE, "1")
        .stdin(Stdio::null())
        .output()
        .expect("unshare runs (util-linux; the tests run as root)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the namespaced run failed:\n{text}");
    assert!(
        text.contains("namespace checks: done"),
        "the namespaced run did not get through its checks:\n{text}"
    );
}

fn sh(cmd: &str) {
    let st = Command::new("sh").args(["-c", cmd]).status().expect("sh");
    assert!(st.success(), "{cmd}");
}

fn inside() {
    sh("ip link set lo up");
    sh("ip addr add 169.254.169.254/32 dev lo");
    let dir = scratch();
    let hosts = dir.join("hosts");
    std::fs::write(
        &hosts,
        "127.0.0.1 localhost\n::1 localhost\n169.254.169.254 metadata.test\n127.0.0.1 rebind.test\n169.254.169.254 rebind.test\n127.0.0.1 loop.test\n",
    )
    .expect("hosts");
    sh(&format!("mount --bind {} /etc/hosts", hosts.display()));

    // The metadata service: must never see a connection.
    let metadata = Arc::new(AtomicUsize::new(0));
    {
        let listener = TcpListener::bind("169.254.169.254:80").expect("bind metadata");
        let hits = metadata.clone();
        std::thread::spawn(move || {
            for s in listener.incoming().flatten() {
                hits.fetch_add(1, Ordering::SeqCst);
                respond(s, 200, "secret: instance-credentials\n", &[]);
            }
        });
    }
    let local = Server::start();
    let port = local.port;
    let secret = dir.join("secret.yaml");
    std::fs::write(&secret, "Secret:\n  description: LOCAL-SECRET-CONTENT\n").expect("secret");

    // 1. The entry URL: every spelling, with every flag, is refused before connecting.
    for u in METADATA_SPELLINGS {
        let o = oaskit(&["check", u, "--allow-remote", "--allow-private"]);
        assert_ne!(o.status.code(), Some(0), "{u}: {}", text(&o));
        assert_eq!(
            metadata.load(Ordering::SeqCst),
            0,
            "{u} reached the metadata address"
        );
    }

    // 2. The same spellings as $refs of a local document.
    for (i, u) in METADATA_SPELLINGS.iter().enumerate() {
        let spec = dir.join(format!("ref-{i}.yaml"));
        std::fs::write(&spec, doc_with_ref(&format!("{u}#/Pet"))).expect("spec");
        let o = oaskit(&["check", s(&spec), "--allow-remote", "--allow-private"]);
        assert_eq!(o.status.code(), Some(1), "{u}: {}", text(&o));
        assert_eq!(
            metadata.load(Ordering::SeqCst),
            0,
            "$ref {u} reached the metadata address"
        );
    }

    // 3. As redirect targets of an allowed loopback server.
    for (i, u) in METADATA_SPELLINGS.iter().enumerate() {
        local.route(&format!("/redirect-{i}"), Reply::Redirect((*u).to_string()));
        let entry = format!("http://127.0.0.1:{port}/redirect-{i}");
        let o = oaskit(&["check", &entry, "--allow-private"]);
        assert_ne!(o.status.code(), Some(0), "redirect to {u}: {}", text(&o));
        assert_eq!(
            metadata.load(Ordering::SeqCst),
            0,
            "redirect to {u} was followed"
        );
    }
    // A redirect chain longer than five is cut.
    for i in 0..7 {
        local.route(
            &format!("/hop-{i}"),
            Reply::Redirect(format!("http://127.0.0.1:{port}/hop-{}", i + 1)),
        );
    }
    let o = oaskit(&[
        "check",
        &format!("http://127.0.0.1:{port}/hop-0"),
        "--allow-private",
    ]);
    assert!(text(&o).contains("redirects"), "{}", text(&o));

    // 4. A remote document never reads local files, whatever it names.
    let secret_refs = [
        format!("file://{}", secret.display()),
        format!("FILE://{}", secret.display()),
        format!("file://localhost{}", secret.display()),
        "file:///etc/hostname".to_string(),
        format!("file:{}", secret.display()),
    ];
    for (i, r) in secret_refs.iter().enumerate() {
        local.route(
            &format!("/remote-{i}.yaml"),
            Reply::Ok(doc_with_ref(&format!("{r}#/Secret"))),
        );
        let entry = format!("http://127.0.0.1:{port}/remote-{i}.yaml");
        for extra in [
            &[][..],
            &["--allow-remote"][..],
            &["--allow-outside-root"][..],
        ] {
            let mut args = vec!["import", entry.as_str(), "--allow-private"];
            args.extend_from_slice(extra);
            let o = oaskit(&args);
            let t = text(&o);
            assert_ne!(o.status.code(), Some(0), "{r}: {t}");
            assert!(t.contains("ref-outside-root"), "{r}: {t}");
            assert!(
                !t.contains("LOCAL-SECRET-CONTENT"),
                "{r} leaked the file: {t}"
            );
        }
    }
    // ... also when a local entry allowed remote references and the remote one points back.
    let root = dir.join("root");
    std::fs::create_dir_all(&root).expect("root");
    std::fs::copy(&secret, root.join("inside.yaml")).expect("copy");
    local.route(
        "/back.yaml",
        Reply::Ok(format!(
            "Pet:\n  $ref: 'file://{}#/Secret'\n",
            root.join("inside.yaml").display()
        )),
    );
    let entry = root.join("entry.yaml");
    std::fs::write(
        &entry,
        doc_with_ref(&format!("http://127.0.0.1:{port}/back.yaml#/Pet")),
    )
    .expect("entry");
    let o = oaskit(&["import", s(&entry), "--allow-remote", "--allow-private"]);
    assert!(text(&o).contains("ref-outside-root"), "{}", text(&o));
    assert!(!text(&o).contains("LOCAL-SECRET-CONTENT"), "{}", text(&o));

    // 5. Private addresses need --allow-private, also by name; with it, they work.
    local.route(
        "/ok.yaml",
        Reply::Ok(doc_with_ref("#/components/schemas/Pet")),
    );
    let before = local.hits();
    for u in [
        format!("http://127.0.0.1:{port}/ok.yaml"),
        format!("http://localhost:{port}/ok.yaml"),
        format!("http://loop.test:{port}/ok.yaml"),
        format!("http://[::ffff:127.0.0.1]:{port}/ok.yaml"),
        format!("http://0x7f000001:{port}/ok.yaml"),
    ] {
        let o = oaskit(&["check", &u]);
        assert_eq!(o.status.code(), Some(2), "{u}: {}", text(&o));
        assert!(text(&o).contains("--allow-private"), "{u}: {}", text(&o));
    }
    assert_eq!(
        local.hits(),
        before,
        "a private address was contacted without the flag"
    );
    for u in [
        format!("http://127.0.0.1:{port}/ok.yaml"),
        format!("http://loop.test:{port}/ok.yaml"),
    ] {
        let o = oaskit(&["check", &u, "--allow-private"]);
        assert_eq!(o.status.code(), Some(0), "{u}: {}", text(&o));
    }

    // 6. Slow servers: one deadline per load, however the bytes trickle.
    local.route("/trickle.yaml", Reply::Trickle);
    let start = Instant::now();
    let o = oaskit_with_watchdog(
        &[
            "check",
            &format!("http://127.0.0.1:{port}/trickle.yaml"),
            "--allow-private",
            "--remote-timeout",
            "2",
        ],
        Duration::from_secs(30),
    );
    assert_ne!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("within"), "{}", text(&o));
    let single = start.elapsed();
    // Five slow references in one document share the load's deadline instead of adding up.
    let refs: String = (0..5)
        .map(|i| format!("    S{i}: {{$ref: 'http://127.0.0.1:{port}/trickle.yaml?{i}#/X'}}\n"))
        .collect();
    let spec = dir.join("slow.yaml");
    std::fs::write(
        &spec,
        format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{refs}"),
    )
    .expect("spec");
    let o = oaskit_with_watchdog(
        &[
            "check",
            s(&spec),
            "--allow-remote",
            "--allow-private",
            "--remote-timeout",
            "3",
        ],
        Duration::from_secs(30),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("used up"), "{}", text(&o));
    eprintln!("single trickle ended after {single:?}");

    assert_eq!(metadata.load(Ordering::SeqCst), 0);
    println!("namespace checks: done");
}

fn doc_with_ref(r: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Pet: {{type: object}}\n    Use: {{$ref: '{r}'}}\n"
    )
}

fn oaskit(args: &[&str]) -> Output {
    oaskit_with_watchdog(args, Duration::from_secs(60))
}

/// Runs the binary and kills it (failing the test) if it outlives `limit`: a hang is a failure,
/// not a stuck suite.
fn oaskit_with_watchdog(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("oaskit {args:?} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(format!("oaskit-netns-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

#[derive(Clone)]
enum Reply {
    Ok(String),
    Redirect(String),
    /// Headers, then one byte a second, forever.
    Trickle,
}

/// A small HTTP server on 127.0.0.1 with routes set by the test.
struct Server {
    port: u16,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<AtomicUsize>,
}

impl Server {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let hits = Arc::new(AtomicUsize::new(0));
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                h.fetch_add(1, Ordering::SeqCst);
                let r = r.clone();
                std::thread::spawn(move || handle(stream, &r));
            }
        });
        Self { port, routes, hits }
    }

    fn route(&self, path: &str, reply: Reply) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_string(), reply);
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

fn handle(stream: TcpStream, routes: &Mutex<HashMap<String, Reply>>) {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(0) | Err(_) => break,
            Ok(_) if h == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or("/");
    let reply = routes.lock().expect("routes").get(path).cloned();
    match reply {
        Some(Reply::Ok(body)) => respond(stream, 200, &body, &[]),
        Some(Reply::Redirect(to)) => respond(stream, 302, "", &[("location", &to)]),
        Some(Reply::Trickle) => {
            let mut s = stream;
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/yaml\r\ncontent-length: 100000\r\n\r\n",
            );
            for _ in 0..120 {
                if s.write_all(b"#").is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        None => respond(stream, 404, "", &[]),
    }
}

fn respond(mut stream: TcpStream, status: u16, body: &str, headers: &[(&str, &str)]) {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/yaml\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}
