//! The gateway's configuration file (`--config gateway.yaml`): stages with their variables,
//! throttling and caching, API keys, usage plans, where AWS integrations go, and the JWKS files
//! of JWT authorizers. Read with oaskit-core's YAML reader, so every problem is located by file,
//! line, column and JSON pointer, as the definition's are.
//!
//! ```
//! use oaskit_gateway::Config;
//!
//! let config = Config::from_text("gateway.yaml", r#"
//! stage: dev
//! stages:
//!   dev:
//!     variables: {backend: "http://127.0.0.1:9000"}
//!     throttle: {rate: 100, burst: 200}
//!     cache: {enabled: true, ttl: 300}
//!     methods:
//!       "GET /pets": {throttle: {rate: 5, burst: 5}, cache: {ttl: 60}}
//! api_keys:
//!   - {name: alice, value: "k-alice-0123456789", plan: basic}
//! usage_plans:
//!   basic: {throttle: {rate: 2, burst: 2}, quota: {limit: 100, period: DAY}}
//! "#).unwrap();
//! assert_eq!(config.stage_name(), Some("dev"));
//! assert_eq!(config.api_keys()[0].plan.as_deref(), Some("basic"));
//!
//! let bad = Config::from_text("gateway.yaml", "stages:\n  dev:\n    throttle: {rate: fast}\n").unwrap_err();
//! let d = &bad.diagnostics[0];
//! assert_eq!(d.code, "gateway-config-invalid");
//! assert_eq!(d.position(&bad.sources).unwrap(), ("gateway.yaml".to_string(), 3, 22));
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use oaskit_core::{Diagnostic, Limits, Node, SourceFile, Sources};

use crate::jwt::Jwks;

/// A token bucket: `rate` requests per second refill it, `burst` is its size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Throttle {
    /// Tokens added per second.
    pub rate: f64,
    /// The bucket's size.
    pub burst: u32,
}

/// How long a quota lasts before it starts again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// A UTC day.
    Day,
    /// Seven days (from Monday, UTC).
    Week,
    /// Thirty days (API Gateway counts calendar months; oaskit counts 30-day windows).
    Month,
}

impl Period {
    /// The period's length in seconds.
    #[must_use]
    pub fn seconds(self) -> u64 {
        match self {
            Period::Day => 86_400,
            Period::Week => 7 * 86_400,
            Period::Month => 30 * 86_400,
        }
    }
}

/// A number of requests per period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    /// Requests allowed per period.
    pub limit: u64,
    /// The period.
    pub period: Period,
}

/// Caching settings of a stage or a method (unset fields inherit the stage's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CacheSettings {
    /// Whether responses are cached.
    pub enabled: Option<bool>,
    /// Seconds an entry lives (API Gateway's default is 300).
    pub ttl: Option<u64>,
    /// Whether `Cache-Control: max-age=0` makes the gateway skip the cache (API Gateway's
    /// "require authorization" setting turned off); default true.
    pub allow_invalidation: Option<bool>,
    /// The most entries kept (default 1,000); the oldest goes first.
    pub max_entries: Option<usize>,
}

/// Settings of one method of a stage (`"GET /pets"`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MethodSettings {
    /// Its throttle, replacing the stage's.
    pub throttle: Option<Throttle>,
    /// Its caching, over the stage's.
    pub cache: Option<CacheSettings>,
}

/// One stage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stage {
    /// Stage variables (`${stageVariables.name}` in integration URIs, `$stageVariables` in
    /// templates).
    pub variables: BTreeMap<String, String>,
    /// The stage's default throttle.
    pub throttle: Option<Throttle>,
    /// The stage's caching.
    pub cache: Option<CacheSettings>,
    /// Per-method settings, keyed by upper-case method and path template (`ANY` for every method).
    pub methods: Vec<((String, String), MethodSettings)>,
}

/// An API key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKey {
    /// Its name (logged instead of the value).
    pub name: String,
    /// The value clients send.
    pub value: String,
    /// Its usage plan.
    pub plan: Option<String>,
    /// Whether it is enabled (a disabled key is refused like an unknown one).
    pub enabled: bool,
}

/// A usage plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsagePlan {
    /// Per-key throttle.
    pub throttle: Option<Throttle>,
    /// Per-key quota.
    pub quota: Option<Quota>,
}

/// Where an integration is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Answered by the mock, from the definition.
    Mock,
    /// Forwarded to this URL (the request's path under it, as `HTTP_PROXY` does).
    Url(String),
}

/// The configuration file, read and checked.
#[derive(Debug, Default)]
pub struct Config {
    stage: Option<String>,
    stages: BTreeMap<String, Stage>,
    api_keys: Vec<ApiKey>,
    usage_plans: BTreeMap<String, UsagePlan>,
    integrations: Vec<(String, Target)>,
    authorizers: BTreeMap<String, Jwks>,
    max_body: Option<usize>,
    sources: Sources,
}

/// Why a configuration file cannot be used: every problem found, located in `sources`.
#[derive(Debug)]
pub struct ConfigErrors {
    /// The problems.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read (the configuration and the JWKS files it names).
    pub sources: Sources,
}

impl std::fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            match d.position(&self.sources) {
                Some((file, line, col)) => {
                    writeln!(f, "{file}:{line}:{col}: [{}] {}", d.code, d.message)?;
                }
                None => writeln!(f, "[{}] {}", d.code, d.message)?,
            }
        }
        Ok(())
    }
}

/// The largest configuration or JWKS file read.
const MAX_FILE: usize = 16 << 20;

impl Config {
    /// Reads a configuration file; JWKS files it names are read relative to its folder.
    ///
    /// # Errors
    /// Every problem, located.
    pub fn load(path: &Path) -> Result<Config, ConfigErrors> {
        let mut sources = Sources::new();
        let text = match oaskit_core::read_regular_file(path, MAX_FILE)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|e| format!("not UTF-8: {e}")))
        {
            Ok(t) => t,
            Err(e) => {
                return Err(ConfigErrors {
                    diagnostics: vec![Diagnostic::error(
                        "io",
                        format!("cannot read {}: {e}", path.display()),
                    )],
                    sources,
                })
            }
        };
        let id = sources.add(SourceFile::new(
            path.display().to_string(),
            oaskit_core::Origin::File(path.to_path_buf()),
            text,
        ));
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Self::parse(sources, id, &dir)
    }

    /// Reads a configuration held in memory (JWKS files relative to the working directory).
    ///
    /// # Errors
    /// Every problem, located.
    pub fn from_text(name: &str, text: &str) -> Result<Config, ConfigErrors> {
        let mut sources = Sources::new();
        let id = sources.add(SourceFile::new(
            name.to_string(),
            oaskit_core::Origin::Memory,
            text.to_string(),
        ));
        Self::parse(sources, id, Path::new("."))
    }

    fn parse(mut sources: Sources, id: u32, dir: &Path) -> Result<Config, ConfigErrors> {
        // An empty file (or one of comments) is the default configuration.
        let empty = sources.get(id).is_some_and(|f| {
            f.text()
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        });
        if empty {
            return Ok(Config {
                sources,
                ..Config::default()
            });
        }
        let parsed = match sources.get(id) {
            Some(file) => oaskit_core::parse::yaml(file, id, &Limits::default()),
            None => {
                return Err(ConfigErrors {
                    diagnostics: Vec::new(),
                    sources,
                })
            }
        };
        let root = match parsed {
            Ok(root) => root,
            Err(e) => {
                let pointer = e.pointer();
                let d = Diagnostic::error(e.code, e.message)
                    .at(oaskit_core::Span::new(id, e.offset), pointer);
                return Err(ConfigErrors {
                    diagnostics: vec![d],
                    sources,
                });
            }
        };
        let mut r = Read::default();
        let mut config = Config::default();
        let mut jwks_files: Vec<(String, PathBuf, Node, String)> = Vec::new();
        if let Some(m) = r.object(
            &root,
            "",
            &[
                "stage",
                "stages",
                "api_keys",
                "usage_plans",
                "integrations",
                "authorizers",
                "max_body",
            ],
        ) {
            if let Some(n) = m.get("stage") {
                config.stage = r.string(n, "/stage");
            }
            if let Some(n) = m.get("max_body") {
                config.max_body = r.uint(n, "/max_body").and_then(|v| usize::try_from(v).ok());
            }
            if let Some(stages) = m.get("stages").and_then(|n| r.object(n, "/stages", &[])) {
                for (name, s) in stages.iter() {
                    let p = oaskit_core::join_pointer("/stages", name);
                    config.stages.insert(name.to_string(), r.stage(s, &p));
                }
            }
            if let Some(n) = m.get("usage_plans") {
                if let Some(plans) = r.object(n, "/usage_plans", &[]) {
                    for (name, s) in plans.iter() {
                        let p = oaskit_core::join_pointer("/usage_plans", name);
                        config.usage_plans.insert(name.to_string(), r.plan(s, &p));
                    }
                }
            }
            if let Some(n) = m.get("api_keys") {
                match n.as_array() {
                    Some(list) => {
                        for (i, k) in list.iter().enumerate() {
                            let p = format!("/api_keys/{i}");
                            if let Some(key) = r.api_key(k, &p, &config.usage_plans) {
                                if config.api_keys.iter().any(|o| o.value == key.value) {
                                    r.err(k, &p, "this key's value is given to another key too");
                                }
                                config.api_keys.push(key);
                            }
                        }
                    }
                    None => r.err(n, "/api_keys", "must be a list of {name, value, plan}"),
                }
            }
            if let Some(n) = m.get("integrations") {
                if let Some(map) = r.object(n, "/integrations", &[]) {
                    for (key, v) in map.iter() {
                        let p = oaskit_core::join_pointer("/integrations", key);
                        match v.as_str() {
                            Some("mock") => {
                                config.integrations.push((key.to_string(), Target::Mock))
                            }
                            Some(url)
                                if url.starts_with("http://") || url.starts_with("https://") =>
                            {
                                config
                                    .integrations
                                    .push((key.to_string(), Target::Url(url.to_string())));
                            }
                            _ => r.err(v, &p, "must be `mock` or an http(s) URL"),
                        }
                    }
                }
            }
            if let Some(n) = m.get("authorizers") {
                if let Some(map) = r.object(n, "/authorizers", &[]) {
                    for (name, a) in map.iter() {
                        let p = oaskit_core::join_pointer("/authorizers", name);
                        let Some(am) = r.object(a, &p, &["jwks"]) else {
                            continue;
                        };
                        match am.get("jwks") {
                            Some(j) => {
                                if let Some(file) = r.string(j, &format!("{p}/jwks")) {
                                    jwks_files.push((
                                        name.to_string(),
                                        dir.join(&file),
                                        j.clone(),
                                        format!("{p}/jwks"),
                                    ));
                                }
                            }
                            None => r.err(
                                a,
                                &p,
                                "an authorizer needs `jwks`: the JWKS file of its keys",
                            ),
                        }
                    }
                }
            }
            if let Some(stage) = &config.stage {
                if !config.stages.contains_key(stage) && !config.stages.is_empty() {
                    if let Some(n) = m.get("stage") {
                        let known: Vec<&str> = config.stages.keys().map(String::as_str).collect();
                        r.err(
                            n,
                            "/stage",
                            &format!(
                                "no stage {stage:?} under `stages` (there: {})",
                                known.join(", ")
                            ),
                        );
                    }
                }
            }
        }
        for (name, path, node, pointer) in jwks_files {
            match oaskit_core::read_regular_file(&path, MAX_FILE)
                .map_err(|e| e.to_string())
                .and_then(|b| String::from_utf8(b).map_err(|e| format!("not UTF-8: {e}")))
            {
                Err(e) => r.err(
                    &node,
                    &pointer,
                    &format!("cannot read the JWKS file {}: {e}", path.display()),
                ),
                Ok(text) => {
                    let fid = sources.add(SourceFile::new(
                        path.display().to_string(),
                        oaskit_core::Origin::File(path.clone()),
                        text,
                    ));
                    match sources
                        .get(fid)
                        .map(|f| oaskit_core::parse::yaml(f, fid, &Limits::default()))
                    {
                        Some(Ok(tree)) => match Jwks::from_node(&tree) {
                            Ok(jwks) => {
                                config.authorizers.insert(name, jwks);
                            }
                            Err((at, message)) => {
                                let n = tree.pointer(&at).unwrap_or(&tree);
                                r.diags.push(
                                    Diagnostic::error("gateway-jwks-invalid", message)
                                        .at(n.span, at),
                                );
                            }
                        },
                        Some(Err(e)) => {
                            let pointer = e.pointer();
                            r.diags.push(
                                Diagnostic::error(e.code, e.message)
                                    .at(oaskit_core::Span::new(fid, e.offset), pointer),
                            );
                        }
                        None => {}
                    }
                }
            }
        }
        if r.diags.is_empty() {
            config.sources = sources;
            Ok(config)
        } else {
            Err(ConfigErrors {
                diagnostics: r.diags,
                sources,
            })
        }
    }

    /// The stage named in the file (`stage:`), or the only one when there is one.
    #[must_use]
    pub fn stage_name(&self) -> Option<&str> {
        self.stage.as_deref().or_else(|| {
            (self.stages.len() == 1)
                .then(|| self.stages.keys().next().map(String::as_str))
                .flatten()
        })
    }

    /// Chooses the stage (as `--stage` does).
    ///
    /// # Errors
    /// When the file declares stages and none has this name.
    pub fn with_stage(mut self, name: &str) -> Result<Self, String> {
        if !self.stages.is_empty() && !self.stages.contains_key(name) {
            let known: Vec<&str> = self.stages.keys().map(String::as_str).collect();
            return Err(format!(
                "no stage {name:?} in the configuration (there: {})",
                known.join(", ")
            ));
        }
        self.stage = Some(name.to_string());
        Ok(self)
    }

    /// The stage in force (an empty one when the file declares none).
    #[must_use]
    pub fn stage(&self) -> Option<&Stage> {
        self.stage_name().and_then(|n| self.stages.get(n))
    }

    /// The API keys.
    #[must_use]
    pub fn api_keys(&self) -> &[ApiKey] {
        &self.api_keys
    }

    /// The usage plan named `name`.
    #[must_use]
    pub fn usage_plan(&self, name: &str) -> Option<&UsagePlan> {
        self.usage_plans.get(name)
    }

    /// Where AWS integrations go, by `METHOD /path`, integration URI or `*`.
    #[must_use]
    pub fn integrations(&self) -> &[(String, Target)] {
        &self.integrations
    }

    /// The keys of the JWT authorizer named `name`.
    #[must_use]
    pub fn jwks(&self, name: &str) -> Option<&Jwks> {
        self.authorizers.get(name)
    }

    /// The largest request body accepted (bytes; API Gateway's 10 MiB unless set).
    #[must_use]
    pub fn max_body(&self) -> usize {
        self.max_body.unwrap_or(10 << 20)
    }

    /// Sets the largest request body accepted.
    #[must_use]
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = Some(bytes);
        self
    }

    /// The files read.
    #[must_use]
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// The `METHOD /path` keys of the stage's method settings, with where they stand, for
    /// checking them against the definition.
    #[must_use]
    pub fn method_keys(&self) -> Vec<(String, String)> {
        self.stage()
            .map(|s| s.methods.iter().map(|(k, _)| k.clone()).collect())
            .unwrap_or_default()
    }
}

/// A checking reader of YAML nodes that collects located problems.
#[derive(Default)]
struct Read {
    diags: Vec<Diagnostic>,
}

impl Read {
    fn err(&mut self, node: &Node, pointer: &str, message: &str) {
        self.diags.push(
            Diagnostic::error(
                "gateway-config-invalid",
                format!("{}: {message}", display(pointer)),
            )
            .at(node.span, pointer),
        );
    }

    /// The object at `node`; with `allowed` non-empty, other keys are reported at the key.
    fn object<'n>(
        &mut self,
        node: &'n Node,
        pointer: &str,
        allowed: &[&str],
    ) -> Option<&'n oaskit_core::Map> {
        let Some(m) = node.as_object() else {
            self.err(
                node,
                pointer,
                &format!("must be a mapping, not {}", node.type_name()),
            );
            return None;
        };
        if !allowed.is_empty() {
            for e in &m.entries {
                if !allowed.contains(&&*e.key) {
                    let p = oaskit_core::join_pointer(pointer, &e.key);
                    self.diags.push(
                        Diagnostic::error(
                            "gateway-config-invalid",
                            format!(
                                "{}: unknown key {:?}; known here: {}",
                                display(pointer),
                                &*e.key,
                                allowed.join(", ")
                            ),
                        )
                        .at(e.key_span, p),
                    );
                }
            }
        }
        Some(m)
    }

    fn string(&mut self, node: &Node, pointer: &str) -> Option<String> {
        match &node.value {
            oaskit_core::Value::String(s) => Some(s.to_string()),
            oaskit_core::Value::Number(n) => Some(n.to_string()),
            oaskit_core::Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.err(
                    node,
                    pointer,
                    &format!("must be a string, not {}", node.type_name()),
                );
                None
            }
        }
    }

    fn number(&mut self, node: &Node, pointer: &str) -> Option<f64> {
        match node.to_json().as_f64() {
            Some(v) if v >= 0.0 && v.is_finite() => Some(v),
            _ => {
                self.err(node, pointer, "must be a number, zero or more");
                None
            }
        }
    }

    fn uint(&mut self, node: &Node, pointer: &str) -> Option<u64> {
        match node.to_json().as_u64() {
            Some(v) => Some(v),
            None => {
                self.err(node, pointer, "must be a whole number, zero or more");
                None
            }
        }
    }

    fn bool(&mut self, node: &Node, pointer: &str) -> Option<bool> {
        let b = node.as_bool();
        if b.is_none() {
            self.err(node, pointer, "must be true or false");
        }
        b
    }

    fn throttle(&mut self, node: &Node, pointer: &str) -> Option<Throttle> {
        let m = self.object(node, pointer, &["rate", "burst"])?;
        let rate = match m.get("rate") {
            Some(n) => self.number(n, &format!("{pointer}/rate"))?,
            None => {
                self.err(
                    node,
                    pointer,
                    "a throttle needs `rate` (requests per second)",
                );
                return None;
            }
        };
        let burst = match m.get("burst") {
            Some(n) => {
                u32::try_from(self.uint(n, &format!("{pointer}/burst"))?).unwrap_or(u32::MAX)
            }
            // API Gateway's own default relation: a burst of about the rate.
            None => rate.ceil().max(1.0) as u32,
        };
        Some(Throttle { rate, burst })
    }

    fn cache(&mut self, node: &Node, pointer: &str) -> Option<CacheSettings> {
        let m = self.object(
            node,
            pointer,
            &["enabled", "ttl", "allow_invalidation", "max_entries"],
        )?;
        let mut c = CacheSettings::default();
        if let Some(n) = m.get("enabled") {
            c.enabled = self.bool(n, &format!("{pointer}/enabled"));
        }
        if let Some(n) = m.get("ttl") {
            c.ttl = self.uint(n, &format!("{pointer}/ttl"));
            if c.ttl.is_some_and(|t| t > 3600) {
                self.err(
                    n,
                    &format!("{pointer}/ttl"),
                    "at most 3600 seconds (API Gateway's limit)",
                );
            }
        }
        if let Some(n) = m.get("allow_invalidation") {
            c.allow_invalidation = self.bool(n, &format!("{pointer}/allow_invalidation"));
        }
        if let Some(n) = m.get("max_entries") {
            c.max_entries = self
                .uint(n, &format!("{pointer}/max_entries"))
                .and_then(|v| usize::try_from(v).ok());
        }
        Some(c)
    }

    fn stage(&mut self, node: &Node, pointer: &str) -> Stage {
        let mut s = Stage::default();
        let Some(m) = self.object(
            node,
            pointer,
            &["variables", "throttle", "cache", "methods"],
        ) else {
            return s;
        };
        if let Some(vars) = m.get("variables") {
            let p = format!("{pointer}/variables");
            if let Some(vm) = self.object(vars, &p, &[]) {
                for (k, v) in vm.iter() {
                    if let Some(val) = self.string(v, &oaskit_core::join_pointer(&p, k)) {
                        s.variables.insert(k.to_string(), val);
                    }
                }
            }
        }
        if let Some(n) = m.get("throttle") {
            s.throttle = self.throttle(n, &format!("{pointer}/throttle"));
        }
        if let Some(n) = m.get("cache") {
            s.cache = self.cache(n, &format!("{pointer}/cache"));
        }
        if let Some(n) = m.get("methods") {
            let p = format!("{pointer}/methods");
            if let Some(mm) = self.object(n, &p, &[]) {
                for e in &mm.entries {
                    let mp = oaskit_core::join_pointer(&p, &e.key);
                    let Some((method, path)) =
                        e.key.split_once(' ').filter(|(_, p)| p.starts_with('/'))
                    else {
                        self.diags.push(
                            Diagnostic::error(
                                "gateway-config-invalid",
                                format!("{}: a method key is `METHOD /path`, such as `GET /pets/{{id}}`", display(&mp)),
                            )
                            .at(e.key_span, mp.clone()),
                        );
                        continue;
                    };
                    let Some(sm) = self.object(&e.value, &mp, &["throttle", "cache"]) else {
                        continue;
                    };
                    let mut settings = MethodSettings::default();
                    if let Some(t) = sm.get("throttle") {
                        settings.throttle = self.throttle(t, &format!("{mp}/throttle"));
                    }
                    if let Some(c) = sm.get("cache") {
                        settings.cache = self.cache(c, &format!("{mp}/cache"));
                    }
                    s.methods.push((
                        (method.to_ascii_uppercase(), path.trim().to_string()),
                        settings,
                    ));
                }
            }
        }
        s
    }

    fn plan(&mut self, node: &Node, pointer: &str) -> UsagePlan {
        let mut plan = UsagePlan::default();
        let Some(m) = self.object(node, pointer, &["throttle", "quota"]) else {
            return plan;
        };
        if let Some(n) = m.get("throttle") {
            plan.throttle = self.throttle(n, &format!("{pointer}/throttle"));
        }
        if let Some(n) = m.get("quota") {
            let p = format!("{pointer}/quota");
            if let Some(q) = self.object(n, &p, &["limit", "period"]) {
                let limit = match q.get("limit") {
                    Some(l) => self.uint(l, &format!("{p}/limit")),
                    None => {
                        self.err(n, &p, "a quota needs `limit`");
                        None
                    }
                };
                let period = match q.get("period").map(|x| (x, x.as_str())) {
                    Some((_, Some("DAY"))) => Some(Period::Day),
                    Some((_, Some("WEEK"))) => Some(Period::Week),
                    Some((_, Some("MONTH"))) => Some(Period::Month),
                    Some((x, _)) => {
                        self.err(x, &format!("{p}/period"), "must be DAY, WEEK or MONTH");
                        None
                    }
                    None => Some(Period::Day),
                };
                if let (Some(limit), Some(period)) = (limit, period) {
                    plan.quota = Some(Quota { limit, period });
                }
            }
        }
        plan
    }

    fn api_key(
        &mut self,
        node: &Node,
        pointer: &str,
        plans: &BTreeMap<String, UsagePlan>,
    ) -> Option<ApiKey> {
        let m = self.object(node, pointer, &["name", "value", "plan", "enabled"])?;
        let value = match m.get("value") {
            Some(v) => self.string(v, &format!("{pointer}/value"))?,
            None => {
                self.err(node, pointer, "an API key needs `value`");
                return None;
            }
        };
        let name = match m.get("name") {
            Some(n) => self.string(n, &format!("{pointer}/name"))?,
            None => format!("key{}", pointer.rsplit('/').next().unwrap_or("")),
        };
        let plan = match m.get("plan") {
            Some(n) => {
                let p = self.string(n, &format!("{pointer}/plan"))?;
                if !plans.contains_key(&p) {
                    let known: Vec<&str> = plans.keys().map(String::as_str).collect();
                    let there = if known.is_empty() {
                        "none is declared".to_string()
                    } else {
                        format!("there: {}", known.join(", "))
                    };
                    self.err(
                        n,
                        &format!("{pointer}/plan"),
                        &format!("no usage plan {p:?} under `usage_plans` ({there})"),
                    );
                }
                Some(p)
            }
            None => None,
        };
        let enabled = match m.get("enabled") {
            Some(n) => self.bool(n, &format!("{pointer}/enabled")).unwrap_or(true),
            None => true,
        };
        Some(ApiKey {
            name,
            value,
            plan,
            enabled,
        })
    }
}

/// A pointer for messages (`/` for the root).
fn display(pointer: &str) -> &str {
    if pointer.is_empty() {
        "/"
    } else {
        pointer
    }
}
