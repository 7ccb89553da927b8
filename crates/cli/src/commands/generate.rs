//! `oaskit generate`.

use oaskit_core::LoadOptions;

use oaskit_codegen::Language;

use crate::args::GenerateArgs;

pub(crate) fn run(a: &GenerateArgs) -> u8 {
    if a.no_rustfmt && a.language != Language::Rust {
        eprintln!(
            "error: --no-rustfmt applies to rust only; {} output is never reformatted",
            a.language
        );
        return 2;
    }
    if let Some(m) = &a.module {
        if a.language != Language::Go {
            eprintln!("error: --module applies to go only");
            return 2;
        }
        if !oaskit_codegen::go::is_module_path(m) {
            eprintln!("error: {m:?} is not a Go module path (letters, digits, `-._~/`, elements not empty nor starting or ending with a dot)");
            return 2;
        }
    }
    if let Some(p) = &a.package {
        if a.language != Language::Java {
            eprintln!("error: --package applies to java only");
            return 2;
        }
        if !oaskit_codegen::java::is_package_name(p) {
            eprintln!("error: {p:?} is not a Java package name (dot-separated identifiers of ASCII letters, digits and `_`, no keyword, not under `java`)");
            return 2;
        }
    }
    let format = a.report.format;
    let loaded = match super::load(&a.source, LoadOptions::new()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let Some(doc) = &loaded.document else {
        super::report(&loaded, format, false);
        return 2;
    };
    if loaded.has_errors() && !a.force {
        super::report(&loaded, format, false);
        eprintln!("nothing was generated: the definition has errors (--force generates anyway)");
        return 1;
    }
    let (api, warnings) = oaskit_codegen::build_with(
        doc,
        &oaskit_codegen::ModelOptions {
            guess_pagination: a.guess_pagination,
            ..oaskit_codegen::ModelOptions::default()
        },
    );
    let mut shown = loaded.diagnostics.clone();
    shown.extend(warnings);
    let report = oaskit_core::Loaded {
        document: None,
        diagnostics: shown,
        sources: loaded.sources,
    };
    if !report.diagnostics.is_empty() {
        super::report(&report, format, false);
    }
    let name = a.name.clone().unwrap_or_else(|| {
        let n: String = oaskit_codegen::names::words(&api.title).join("-");
        if n.is_empty() {
            "api-client".into()
        } else {
            n
        }
    });
    let mut files = match a.language {
        Language::Go => oaskit_codegen::go::generate_module(&api, &name, a.module.as_deref()),
        Language::Java => oaskit_codegen::java::generate_package(&api, &name, a.package.as_deref()),
        other => other.generate(&api, &name),
    };
    if a.language == Language::Rust && !a.no_rustfmt {
        if let Err(e) = crate::rustfmt::format_all(&mut files) {
            eprintln!("warning: the crate is written unformatted: {e}");
        }
    }
    if let Err(e) = write_files(&a.output, &files) {
        eprintln!("error: {e}");
        return 2;
    }
    eprintln!("wrote {} files to {}", files.len(), a.output.display());
    // The process ends here: freeing the document, the model and the text (about a tenth of
    // the run on GitHub's spec) would only delay the exit.
    std::mem::forget((files, api, report, loaded.document));
    0
}

/// Writes `files` under `out`: each through a temporary file and a rename (never half-written),
/// not flushed one by one (GitHub's Java SDK is 9,500 files), each folder made once.
fn write_files(
    out: &std::path::Path,
    files: &[oaskit_codegen::GeneratedFile],
) -> Result<(), String> {
    let mut made = std::collections::HashSet::new();
    for f in files {
        // Paths come from the generator, never from the definition; check anyway.
        if f.path.split('/').any(|p| p == ".." || p.is_empty()) {
            return Err(format!(
                "refusing to write {:?} outside the output folder",
                f.path
            ));
        }
        let path = out.join(&f.path);
        if let Some(parent) = path.parent() {
            if made.insert(parent.to_path_buf()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
        }
        crate::output::write_renamed(&path, &f.contents, false)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
