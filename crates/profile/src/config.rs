//! Rule configuration: `oaskit.yaml` turns rules off or changes their severity, everywhere or
//! under some places of the definition, and selects a profile and rule sets.
//!
//! ```yaml
//! profile: aws-rest            # as --profile (the command line wins)
//! extends: [recommended]       # rule sets, as --ruleset
//! rules:                       # code: error | warning | info | off
//!   operation-description: off
//!   aws-example: error
//! overrides:                   # later entries win over earlier ones and over `rules`
//!   - pointers: ["/paths/~1legacy*"]   # JSON pointer globs (the definition's own pointers)
//!     paths: ["/v1/*"]                 # path template globs
//!     rules:
//!       operation-operation-id: off
//! ```
//!
//! A glob's `*` matches any run of characters (`/` included) and `?` one character; a pattern
//! matches a finding whose pointer it matches, or whose pointer starts with a match followed
//! by `/` (everything under `/paths/~1legacy` matches `/paths/~1legacy*`). An entry with both
//! `pointers` and `paths` applies where either matches. `info` findings are reported at the
//! info level, which fails nothing.
//!
//! Every problem of the file (syntax, unknown keys, unknown rule codes, profiles, rule sets or
//! levels) is a located diagnostic: `config-invalid`, `config-unknown-rule`.
//!
//! ```
//! use oaskit_profile::config::Config;
//!
//! let text = "extends: [recommended]\nrules:\n  info-contact: off\n";
//! let config = Config::parse("oaskit.yaml", text, &|code| code == "info-contact").unwrap();
//! assert_eq!(config.rulesets(), [oaskit_profile::RuleSet::Recommended]);
//! let err = Config::parse("oaskit.yaml", "rules:\n  no-such-rule: off\n", &|_| false).unwrap_err();
//! assert_eq!(err.diagnostics[0].code, "config-unknown-rule");
//! assert_eq!(err.diagnostics[0].position(&err.sources).unwrap().1, 2);
//! ```

use std::collections::HashMap;
use std::path::Path;

use oaskit_core::{parse, Diagnostic, Limits, Node, Origin, Severity, SourceFile, Sources};

use crate::downgrade::{rewrite, Rewrite};
use crate::{Profile, RuleSet};

/// The file looked up beside the definition.
pub const FILE_NAME: &str = "oaskit.yaml";

/// What a setting does to a rule's findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Make them errors.
    Error,
    /// Make them warnings.
    Warning,
    /// Make them informational: reported as `info`, failing nothing (not even
    /// `--fail-on-warnings`).
    Info,
    /// Drop them.
    Off,
}

impl Level {
    /// Every level, as written in the file.
    pub const ALL: [Level; 4] = [Level::Error, Level::Warning, Level::Info, Level::Off];

    /// The name written in the file.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Off => "off",
        }
    }
}

/// Where a setting applies.
#[derive(Clone, Debug)]
enum Scope {
    /// A JSON pointer glob.
    Pointer(String),
    /// A path template glob.
    Path(String),
}

#[derive(Clone, Debug)]
struct Setting {
    level: Level,
    /// Empty: everywhere.
    scopes: Vec<Scope>,
}

/// A parsed configuration.
#[derive(Clone, Debug, Default)]
pub struct Config {
    profile: Option<Profile>,
    rulesets: Vec<RuleSet>,
    /// Per code, the settings in file order (later ones win).
    settings: HashMap<String, Vec<Setting>>,
}

/// A configuration that cannot be used: its located problems and the file, for rendering.
#[derive(Debug)]
pub struct ConfigError {
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The configuration file (for file, line and column).
    pub sources: Sources,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.diagnostics.first() {
            Some(d) => match d.position(&self.sources) {
                Some((file, line, col)) => write!(f, "{file}:{line}:{col}: {}", d.message),
                None => f.write_str(&d.message),
            },
            None => f.write_str("invalid configuration"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Collects the problems of one file.
struct Parser<'a> {
    known: &'a dyn Fn(&str) -> bool,
    diagnostics: Vec<Diagnostic>,
}

impl Parser<'_> {
    fn invalid(&mut self, node: &Node, pointer: &str, message: String) {
        self.diagnostics
            .push(Diagnostic::error("config-invalid", message).at(node.span, pointer));
    }

    fn strings<'n>(&mut self, node: &'n Node, pointer: &str) -> Vec<&'n str> {
        let Some(list) = node.as_array() else {
            self.invalid(node, pointer, "expected a list of strings".into());
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, x) in list.iter().enumerate() {
            match x.as_str() {
                Some(s) => out.push(s),
                None => self.invalid(x, &format!("{pointer}/{i}"), "expected a string".into()),
            }
        }
        out
    }

    fn rules(&mut self, node: &Node, pointer: &str, scopes: &[Scope], config: &mut Config) {
        let Some(m) = node.as_object() else {
            self.invalid(
                node,
                pointer,
                "`rules` maps rule codes to error, warning, info or off".into(),
            );
            return;
        };
        for e in &m.entries {
            let at = oaskit_core::join_pointer(pointer, &e.key);
            if !(self.known)(&e.key) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "config-unknown-rule",
                        format!("unknown rule code {:?}", &*e.key),
                    )
                    .at(e.key_span, at.clone())
                    .with_help("`oaskit explain` lists every code"),
                );
                continue;
            }
            let level = e
                .value
                .as_str()
                .and_then(|s| Level::ALL.into_iter().find(|l| l.name() == s));
            match level {
                Some(level) => {
                    config
                        .settings
                        .entry(e.key.to_string())
                        .or_default()
                        .push(Setting {
                            level,
                            scopes: scopes.to_vec(),
                        })
                }
                None => self.invalid(
                    &e.value,
                    &at,
                    "expected one of error, warning, info, off".into(),
                ),
            }
        }
    }

    fn root(&mut self, root: &Node) -> Config {
        let mut config = Config::default();
        let Some(m) = root.as_object() else {
            if !matches!(root.value, oaskit_core::Value::Null) {
                self.invalid(
                    root,
                    "",
                    "the configuration is a mapping (profile, extends, rules, overrides)".into(),
                );
            }
            return config;
        };
        for e in &m.entries {
            let at = oaskit_core::join_pointer("", &e.key);
            match &*e.key {
                "profile" => match e.value.as_str().and_then(Profile::parse) {
                    Some(p) => config.profile = Some(p),
                    None => {
                        let names: Vec<&str> = Profile::ALL.iter().map(|p| p.name()).collect();
                        self.invalid(
                            &e.value,
                            &at,
                            format!("unknown profile; one of: {}", names.join(", ")),
                        );
                    }
                },
                "extends" => {
                    let list: Vec<(usize, &str)> = match e.value.as_str() {
                        Some(s) => vec![(usize::MAX, s)],
                        None => self
                            .strings(&e.value, &at)
                            .into_iter()
                            .enumerate()
                            .collect(),
                    };
                    for (i, name) in list {
                        match RuleSet::parse(name) {
                            Some(r) => {
                                if !config.rulesets.contains(&r) {
                                    config.rulesets.push(r);
                                }
                            }
                            None => {
                                let node = e
                                    .value
                                    .as_array()
                                    .and_then(|a| a.get(i))
                                    .unwrap_or(&e.value);
                                let names: Vec<&str> =
                                    RuleSet::ALL.iter().map(|r| r.name()).collect();
                                self.invalid(
                                    node,
                                    &at,
                                    format!(
                                        "unknown rule set {name:?}; one of: {}",
                                        names.join(", ")
                                    ),
                                );
                            }
                        }
                    }
                }
                "rules" => self.rules(&e.value, &at, &[], &mut config),
                "overrides" => {
                    let Some(list) = e.value.as_array() else {
                        self.invalid(
                            &e.value,
                            &at,
                            "`overrides` is a list of {pointers, paths, rules}".into(),
                        );
                        continue;
                    };
                    for (i, o) in list.iter().enumerate() {
                        self.override_entry(o, &format!("{at}/{i}"), &mut config);
                    }
                }
                other => self.diagnostics.push(
                    Diagnostic::error(
                        "config-invalid",
                        format!("unknown key {other:?} (profile, extends, rules, overrides)"),
                    )
                    .at(e.key_span, at),
                ),
            }
        }
        config
    }

    fn override_entry(&mut self, node: &Node, pointer: &str, config: &mut Config) {
        let Some(m) = node.as_object() else {
            self.invalid(
                node,
                pointer,
                "an override is a mapping {pointers, paths, rules}".into(),
            );
            return;
        };
        let mut scopes = Vec::new();
        let mut rules = None;
        for e in &m.entries {
            let at = oaskit_core::join_pointer(pointer, &e.key);
            match &*e.key {
                "pointers" => {
                    for s in self.strings(&e.value, &at) {
                        if !s.is_empty() && !s.starts_with('/') {
                            self.invalid(
                                &e.value,
                                &at,
                                format!("{s:?} is no JSON pointer (they start with `/`)"),
                            );
                        }
                        scopes.push(Scope::Pointer(s.to_string()));
                    }
                }
                "paths" => scopes.extend(
                    self.strings(&e.value, &at)
                        .into_iter()
                        .map(|s| Scope::Path(s.to_string())),
                ),
                "rules" => rules = Some((&e.value, at)),
                other => self.diagnostics.push(
                    Diagnostic::error(
                        "config-invalid",
                        format!("unknown key {other:?} in an override (pointers, paths, rules)"),
                    )
                    .at(e.key_span, at),
                ),
            }
        }
        if scopes.is_empty() {
            self.invalid(
                node,
                pointer,
                "an override needs `pointers` or `paths`".into(),
            );
        }
        match rules {
            Some((r, at)) => self.rules(r, &at, &scopes, config),
            None => self.invalid(node, pointer, "an override needs `rules`".into()),
        }
    }
}

impl Config {
    /// Parses a configuration's text; `known` says whether a rule code exists (the command
    /// line passes every catalogue `oaskit explain` lists).
    ///
    /// # Errors
    /// [`ConfigError`] with every problem, located in the file.
    pub fn parse(
        name: &str,
        text: &str,
        known: &dyn Fn(&str) -> bool,
    ) -> Result<Config, ConfigError> {
        Self::from_source(
            SourceFile::new(name.to_string(), Origin::Memory, text.to_string()),
            known,
        )
    }

    /// Reads and parses the configuration file at `path`.
    ///
    /// # Errors
    /// [`ConfigError`] when the file cannot be read or has problems.
    pub fn load(path: &Path, known: &dyn Fn(&str) -> bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_source(
                SourceFile::new(
                    path.display().to_string(),
                    Origin::File(path.to_path_buf()),
                    text,
                ),
                known,
            ),
            Err(e) => Err(ConfigError {
                diagnostics: vec![Diagnostic::error(
                    "config-invalid",
                    format!("cannot read the configuration {}: {e}", path.display()),
                )],
                sources: Sources::new(),
            }),
        }
    }

    fn from_source(file: SourceFile, known: &dyn Fn(&str) -> bool) -> Result<Config, ConfigError> {
        let mut sources = Sources::new();
        let id = sources.add(file);
        let Some(src) = sources.get(id) else {
            return Err(ConfigError {
                diagnostics: Vec::new(),
                sources,
            });
        };
        if src.text().trim().is_empty() {
            return Ok(Config::default());
        }
        let limits = Limits {
            max_depth: 64,
            ..Limits::default()
        };
        let root = match parse::yaml(src, id, &limits) {
            Ok(r) => r,
            Err(e) => {
                let span = oaskit_core::Span::new(id, e.offset);
                let d = Diagnostic::error("config-invalid", format!("{} ({})", e.message, e.code))
                    .at(
                        span,
                        e.path
                            .iter()
                            .fold(String::new(), |p, t| oaskit_core::join_pointer(&p, t)),
                    );
                return Err(ConfigError {
                    diagnostics: vec![d],
                    sources,
                });
            }
        };
        let mut p = Parser {
            known,
            diagnostics: Vec::new(),
        };
        let config = p.root(&root);
        if p.diagnostics.is_empty() {
            Ok(config)
        } else {
            Err(ConfigError {
                diagnostics: p.diagnostics,
                sources,
            })
        }
    }

    /// The profile the file selects.
    #[must_use]
    pub fn profile(&self) -> Option<Profile> {
        self.profile
    }

    /// The rule sets the file extends.
    #[must_use]
    pub fn rulesets(&self) -> &[RuleSet] {
        &self.rulesets
    }

    /// The level the file gives a finding of `code` at `pointer`, if any.
    #[must_use]
    pub fn level(&self, code: &str, pointer: &str) -> Option<Level> {
        let list = self.settings.get(code)?;
        list.iter()
            .rev()
            .find(|s| s.scopes.is_empty() || s.scopes.iter().any(|sc| sc.matches(pointer)))
            .map(|s| s.level)
    }

    /// Applies the rule settings to findings: severities changed, `off` ones removed.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.settings.is_empty() {
            return;
        }
        rewrite(diagnostics, |d| {
            let pointer = d.location.as_ref().map_or("", |l| l.pointer.as_str());
            match self.level(d.code, pointer) {
                None => Rewrite::Keep,
                Some(Level::Off) => Rewrite::Drop,
                Some(Level::Error) => Rewrite::Set(Severity::Error, None),
                Some(Level::Warning) => Rewrite::Set(Severity::Warning, None),
                Some(Level::Info) => Rewrite::Set(Severity::Info, None),
            }
        });
    }
}

impl Scope {
    fn matches(&self, pointer: &str) -> bool {
        match self {
            Scope::Pointer(glob) => under(glob, pointer),
            Scope::Path(glob) => {
                let Some(rest) = pointer.strip_prefix("/paths/") else {
                    return false;
                };
                let token = rest.split('/').next().unwrap_or("");
                glob_match(
                    glob.as_bytes(),
                    oaskit_core::unescape_token(token).as_bytes(),
                )
            }
        }
    }
}

/// Whether `glob` matches `pointer` or a prefix of it that ends before a `/`.
fn under(glob: &str, pointer: &str) -> bool {
    let g = glob.as_bytes();
    let p = pointer.as_bytes();
    glob_match(g, p)
        || p.iter()
            .enumerate()
            .any(|(i, b)| *b == b'/' && glob_match(g, &p[..i]))
}

/// `*` (any run, `/` included) and `?` (one byte) glob matching, without backtracking
/// blow-up (the classic two-pointer algorithm).
fn glob_match(g: &[u8], s: &[u8]) -> bool {
    let (mut gi, mut si) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while si < s.len() {
        if gi < g.len() && (g[gi] == b'?' || g[gi] == s[si]) {
            gi += 1;
            si += 1;
        } else if gi < g.len() && g[gi] == b'*' {
            star = Some(gi);
            mark = si;
            gi += 1;
        } else if let Some(st) = star {
            gi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    while gi < g.len() && g[gi] == b'*' {
        gi += 1;
    }
    gi == g.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(code: &str) -> bool {
        matches!(
            code,
            "info-contact" | "operation-operation-id" | "schema-violation"
        )
    }

    #[test]
    fn globs() {
        assert!(glob_match(b"/paths/~1legacy*", b"/paths/~1legacy~1a"));
        assert!(!glob_match(b"/paths/~1legacy*", b"/paths/~1new"));
        assert!(glob_match(b"a?c", b"abc"));
        assert!(under("/paths/~1legacy", "/paths/~1legacy/get"));
        assert!(!under("/paths/~1legacy", "/paths/~1legacyx/get"));
        assert!(under(
            "/paths/~1legacy*",
            "/paths/~1legacy~1x/get/responses"
        ));
    }

    #[test]
    fn later_settings_win_and_scopes_restrict() {
        let text = "rules:\n  operation-operation-id: error\noverrides:\n  - pointers: ['/paths/~1legacy*']\n    rules: {operation-operation-id: off}\n  - paths: ['/v1/*']\n    rules: {operation-operation-id: info}\n";
        let c = Config::parse("oaskit.yaml", text, &known).unwrap();
        assert_eq!(
            c.level("operation-operation-id", "/paths/~1a/get"),
            Some(Level::Error)
        );
        assert_eq!(
            c.level("operation-operation-id", "/paths/~1legacy~1a/get"),
            Some(Level::Off)
        );
        assert_eq!(
            c.level("operation-operation-id", "/paths/~1v1~1a/get"),
            Some(Level::Info)
        );
        assert_eq!(c.level("info-contact", "/info"), None);
        let mut diags = vec![
            Diagnostic::warning("operation-operation-id", "a")
                .at(oaskit_core::Span::new(0, 0), "/paths/~1legacy~1a/get"),
            Diagnostic::warning("operation-operation-id", "b")
                .at(oaskit_core::Span::new(0, 0), "/paths/~1b/get"),
            Diagnostic::error("schema-violation", "c"),
        ];
        c.apply(&mut diags);
        assert_eq!(diags.len(), 2);
        assert!(diags[0].is_error() && diags[0].message == "b");
    }

    #[test]
    fn problems_are_located() {
        let cases = [
            ("rules:\n  nope: off\n", "config-unknown-rule", 2, 3),
            ("rules:\n  info-contact: loud\n", "config-invalid", 2, 17),
            ("profile: gcp\n", "config-invalid", 1, 10),
            ("extends: [recommended, strict]\n", "config-invalid", 1, 24),
            ("rulez: {}\n", "config-invalid", 1, 1),
            ("rules: [\n", "config-invalid", 2, 1),
            (
                "overrides:\n  - rules: {info-contact: off}\n",
                "config-invalid",
                2,
                5,
            ),
        ];
        for (text, code, line, col) in cases {
            let e = Config::parse("oaskit.yaml", text, &known).unwrap_err();
            let d = &e.diagnostics[0];
            assert_eq!(d.code, code, "{text}");
            let (_, l, c) = d.position(&e.sources).expect("located");
            assert_eq!((l, c), (line, col), "{text}: {}", d.message);
        }
        let c = Config::parse(
            "oaskit.yaml",
            "profile: aws-http\nextends: recommended\n",
            &known,
        )
        .unwrap();
        assert_eq!(c.profile(), Some(Profile::AwsHttp));
        assert_eq!(c.rulesets(), [RuleSet::Recommended]);
        assert!(Config::parse("oaskit.yaml", "", &known).is_ok());
    }
}
