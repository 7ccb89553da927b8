//! `oaskit serve`: the definition as a local API gateway (oaskit-gateway), with the start-up
//! report, the JSON request log on standard output, reloading and Ctrl-C.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use oaskit_core::{LoadOptions, Loaded, Origin};
use oaskit_gateway::{
    Config, Definition, DefinitionError, Gateway, GatewayOptions, Server, Validate,
};

use crate::args::{ReportFormat, ServeArgs, ValidateMode};

/// How often the definition's files are looked at.
const POLL: Duration = Duration::from_millis(300);

/// Loads and prepares the definition; prints why not and returns the exit code on failure.
fn prepare(a: &ServeArgs, config: &Config) -> Result<Definition, u8> {
    let loaded = super::load(&a.source, LoadOptions::new()).map_err(|e| {
        eprintln!("error: {e}");
        2u8
    })?;
    if loaded.has_errors() && loaded.document.is_some() && a.force {
        super::report(&loaded, a.report.format, false);
    }
    match Definition::new(loaded, config, a.force) {
        Ok(d) => {
            if !d.warnings().is_empty() {
                super::report_diagnostics(d.warnings(), d.sources(), a.report.format, false);
            }
            Ok(d)
        }
        Err(DefinitionError::Load(loaded)) => {
            super::report(&loaded, a.report.format, false);
            eprintln!(
                "error: the definition cannot be served{}",
                if loaded.document.is_some() {
                    " (--force serves it despite its errors)"
                } else {
                    ""
                }
            );
            Err(2)
        }
        Err(DefinitionError::Templates(diagnostics, loaded)) => {
            super::report_diagnostics(&diagnostics, &loaded.sources, a.report.format, false);
            eprintln!(
                "error: mapping templates cannot be run (--force serves the definition; they answer 500)"
            );
            Err(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(2)
        }
    }
}

/// The local files of a load, with their modification times.
fn stamps(loaded: &Loaded) -> Vec<(PathBuf, Option<SystemTime>)> {
    loaded
        .sources
        .files()
        .iter()
        .filter_map(|f| match f.origin() {
            Origin::File(p) => Some((p.clone(), mtime(p))),
            _ => None,
        })
        .collect()
}

fn mtime(p: &PathBuf) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

pub(crate) fn run(a: &ServeArgs) -> u8 {
    let config = match &a.config {
        Some(path) => match Config::load(path) {
            Ok(c) => c,
            Err(e) => {
                super::report_diagnostics(&e.diagnostics, &e.sources, a.report.format, false);
                eprintln!(
                    "error: the gateway configuration {} cannot be used",
                    path.display()
                );
                return 2;
            }
        },
        None => Config::default(),
    };
    let config = match &a.stage {
        Some(stage) => match config.with_stage(stage) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        },
        None => config,
    };
    let host: IpAddr = match a.host.parse() {
        Ok(h) => h,
        Err(_) if a.host == "localhost" => IpAddr::from([127, 0, 0, 1]),
        Err(e) => {
            eprintln!("error: --host {:?} is not an IP address: {e}", a.host);
            return 2;
        }
    };
    if let Some(up) = &a.upstream {
        if !up.starts_with("http://") {
            eprintln!("error: --upstream must be an http:// URL, not {up:?}");
            return 2;
        }
    }
    let definition = match prepare(a, &config) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let mut files = stamps(definition.loaded());
    let routes = definition.routes();
    let validate = match a.validate {
        ValidateMode::Requests => Validate::Requests,
        ValidateMode::Responses => Validate::Responses,
        ValidateMode::Both => Validate::Both,
        ValidateMode::None => Validate::None,
    };
    let log = crate::log_writer::LogWriter::start();
    let options = GatewayOptions::new()
        .with_upstream(a.upstream.clone())
        .with_validate(validate)
        .with_strict_responses(a.strict)
        .with_logger(log.logger());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server's runtime: {e}");
            return 2;
        }
    };
    let gateway = Arc::new(Gateway::new(definition, config, options));
    let server = match runtime.block_on(Server::bind(
        SocketAddr::new(host, a.port),
        Arc::clone(&gateway),
    )) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on {host}:{}: {e}", a.port);
            return 2;
        }
    };
    let addr = match server.local_addr() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mode = match &a.upstream {
        Some(u) => format!("proxy to {u}"),
        None => "mock".to_string(),
    };
    let mut banner = format!(
        "oaskit serve: listening on http://{addr} ({mode}, {} routes)\n",
        routes.len()
    );
    for r in &routes {
        banner.push_str("  ");
        banner.push_str(&crate::render::sanitize(r));
        banner.push('\n');
    }
    let _ = crate::output::write_stdout(&banner);
    let stop = AtomicBool::new(false);
    let code = std::thread::scope(|scope| {
        // Reloading: the files of the load are polled; a new version with errors is reported
        // and the old one kept.
        if !a.source.spec.starts_with("http") && a.source.spec != "-" {
            let gateway = Arc::clone(&gateway);
            let stop = &stop;
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(POLL);
                    if files.iter().all(|(p, t)| mtime(p) == *t) {
                        continue;
                    }
                    // Wait for the writer to finish, then read.
                    std::thread::sleep(Duration::from_millis(100));
                    let config = gateway.config();
                    let before = stamps(gateway.definition().loaded());
                    match prepare(a, config) {
                        Ok(d) => {
                            files = stamps(d.loaded());
                            gateway.replace_definition(d);
                            eprintln!("oaskit serve: reloaded {}", a.source.spec);
                        }
                        Err(_) => {
                            // Keep the old definition; look again when the files change again.
                            files = before
                                .into_iter()
                                .map(|(p, _)| {
                                    let t = mtime(&p);
                                    (p, t)
                                })
                                .collect();
                            eprintln!(
                                "oaskit serve: {} has errors; still serving the previous version",
                                a.source.spec
                            );
                        }
                    }
                }
            });
        }
        let result = runtime.block_on(server.run(shutdown_signal()));
        stop.store(true, Ordering::Relaxed);
        log.finish();
        match result {
            Ok(()) => {
                eprintln!("oaskit serve: stopped");
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                2
            }
        }
    });
    let _ = ReportFormat::Human;
    code
}
