//! Extension fragments: an `x-amazon-apigateway-*` object on its own, as the developer guide
//! prints them (often a member without its outer braces, which reads as YAML), checked against
//! the extension's schema without a document around it.

use std::path::Path;

use oaskit_core::{parse, Diagnostic, Limits, Origin, SourceFile, Sources, Span};

use crate::aws::extension_invalid;
use crate::aws::extensions::{self, PREFIX};

/// The result of checking a fragment.
#[derive(Debug)]
pub struct Fragment {
    /// What was found (`aws-extension-invalid`, or the syntax error's code), in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The file read, for file, line and column.
    pub sources: Sources,
    /// How many objects of the kind were checked (members named `x-amazon-apigateway-KIND`
    /// anywhere in the fragment, or the whole fragment when it has none). Other extension
    /// members inside the fragment are checked too.
    pub checked: usize,
}

impl Fragment {
    /// Whether any finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why a fragment could not be checked at all.
#[derive(Debug)]
pub enum FragmentError {
    /// The kind is no extension of AWS's reference.
    UnknownKind(String),
    /// The file could not be read.
    Io(std::io::Error),
}

impl std::fmt::Display for FragmentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FragmentError::UnknownKind(k) => {
                let kinds: Vec<&str> = extensions::KNOWN.iter().map(|k| k.name).collect();
                write!(
                    f,
                    "unknown extension kind {k:?} (one of: {})",
                    kinds.join(", ")
                )
            }
            FragmentError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for FragmentError {}

/// Checks the file at `path` as an `x-amazon-apigateway-KIND` object; `kind` is the
/// extension's name with or without the prefix (`integration`, `x-amazon-apigateway-cors`).
///
/// # Errors
/// [`FragmentError`] when the kind is unknown or the file cannot be read.
pub fn check_fragment(kind: &str, path: &Path) -> Result<Fragment, FragmentError> {
    let bytes = std::fs::read(path).map_err(FragmentError::Io)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    check_source(
        kind,
        SourceFile::new(
            path.display().to_string(),
            Origin::File(path.to_path_buf()),
            text,
        ),
    )
}

/// [`check_fragment`] on text held in memory, named `name` in messages.
///
/// # Errors
/// [`FragmentError::UnknownKind`].
pub fn check_fragment_str(kind: &str, name: &str, text: &str) -> Result<Fragment, FragmentError> {
    check_source(
        kind,
        SourceFile::new(name.to_string(), Origin::Memory, text.to_string()),
    )
}

fn check_source(kind: &str, src: SourceFile) -> Result<Fragment, FragmentError> {
    let kind = kind.strip_prefix(PREFIX).unwrap_or(kind);
    if extensions::known(kind).is_none() {
        return Err(FragmentError::UnknownKind(kind.to_string()));
    }
    let limits = Limits::default();
    // The only file of its own `Sources`: id 0.
    let mut src = src;
    let mut parsed = if parse::looks_like_json(src.text()) {
        parse::json(src.text(), 0, limits.max_depth)
    } else {
        parse::yaml(&src, 0, &limits)
    };
    // JSON members without their braces (`"x-amazon-apigateway-integration": {...}` with the
    // closing brace in column 0) are not always YAML: read them as the object they belong to,
    // with the braces added around the text (lines are unchanged; columns of the first line
    // move by one).
    if parsed.is_err() && src.text().trim_start().starts_with('"') {
        let wrapped = format!("{{{}\n}}", src.text());
        if let Ok(root) = parse::json(&wrapped, 0, limits.max_depth) {
            src = SourceFile::new(src.name().to_string(), src.origin().clone(), wrapped);
            parsed = Ok(root);
        }
    }
    let mut sources = Sources::new();
    let id = sources.add(src);
    debug_assert_eq!(id, 0);
    let root = match parsed {
        Ok(root) => root,
        Err(e) => {
            let d = Diagnostic::error(e.code, e.message.clone())
                .at(Span::new(0, e.offset), e.pointer());
            return Ok(Fragment {
                diagnostics: vec![d],
                sources,
                checked: 0,
            });
        }
    };
    let mut diagnostics = Vec::new();
    let found: Vec<_> = extensions::find_all(&root, kind);
    let checked = if found.is_empty() {
        diagnostics.extend(
            extension_invalid::diagnose(kind, &root, "")
                .into_iter()
                .map(located),
        );
        1
    } else {
        found.len()
    };
    // Every extension member in the fragment is checked as what it is: the kind's, and those
    // nested in them (the integration of an any-method, ...).
    for k in extensions::KNOWN {
        for (node, pointer) in extensions::find_all(&root, k.name) {
            diagnostics.extend(
                extension_invalid::diagnose(k.name, node, &pointer)
                    .into_iter()
                    .map(located),
            );
        }
    }
    oaskit_core::sort_diagnostics(&mut diagnostics);
    Ok(Fragment {
        diagnostics,
        sources,
        checked,
    })
}

/// A finding of the extension schema as a diagnostic of the fragment's file.
fn located((span, pointer, message): (Span, String, String)) -> Diagnostic {
    let rule = &extension_invalid::RULE;
    Diagnostic::error(rule.code.name, message)
        .at(span, pointer)
        .with_help(format!(
            "`oaskit explain {}`; AWS: {}",
            rule.code.name, rule.source
        ))
}

/// Test support shared with the integration tests' expectations.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_without_braces_is_found_and_checked() {
        let f = check_fragment_str(
            "cors",
            "f.yaml",
            "\"x-amazon-apigateway-cors\": {\"allowOrigins\": [\"*\"], \"maxAge\": \"1h\"}\n",
        )
        .unwrap();
        assert_eq!(f.checked, 1);
        assert_eq!(f.diagnostics.len(), 1, "{:?}", f.diagnostics);
        let d = &f.diagnostics[0];
        assert_eq!(d.code, "aws-extension-invalid");
        assert_eq!(
            d.location.as_ref().unwrap().pointer,
            "/x-amazon-apigateway-cors/maxAge"
        );
    }

    #[test]
    fn a_bare_object_is_the_extension_and_unknown_kinds_are_refused() {
        let f = check_fragment_str("x-amazon-apigateway-auth", "f.json", "{\"type\": \"NONE\"}")
            .unwrap();
        assert_eq!((f.checked, f.diagnostics.len()), (1, 0));
        assert!(matches!(
            check_fragment_str("nope", "f.json", "{}"),
            Err(FragmentError::UnknownKind(_))
        ));
    }

    #[test]
    fn syntax_errors_are_reported_not_panicked() {
        let f = check_fragment_str("cors", "f.json", "{\"a\": ").unwrap();
        assert_eq!(f.diagnostics[0].code, "json-syntax");
        assert_eq!(f.checked, 0);
    }

    #[test]
    fn the_node_type_is_what_parse_gives() {
        // Fragments are parsed with the core parsers: keys keep their spans.
        let f = check_fragment_str(
            "binary-media-types",
            "f.yaml",
            "\"x-amazon-apigateway-binary-media-types\": [ \"image/png\", \"nope\" ]\n",
        )
        .unwrap();
        let (_, line, col) = f.diagnostics[0].position(&f.sources).unwrap();
        assert_eq!((line, col), (1, 58));
    }
}
