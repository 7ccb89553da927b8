//! Reading an entry document and every file it references into one bundled tree.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::decode::{decode, looks_like_json};
use crate::diag::Diagnostic;
use crate::error::ReadError;
use crate::node::{escape_token, unescape_token, Map, Node, Value};
use crate::resolve::{normalize, percent_decode, Location, Policy, Reader};
use crate::source::{Origin, SourceFile, Sources, Span};
use crate::syntax::{Limits, SyntaxError};
use crate::version::SpecVersion;

/// What to load.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file on disk.
    Path(PathBuf),
    /// An `http(s)` URL, read through the reader's fetcher.
    Url(String),
    /// Bytes already read (standard input, tests); relative references resolve against `base_dir`.
    Bytes {
        /// Name shown in messages, such as `<stdin>`.
        name: String,
        /// The content.
        bytes: Vec<u8>,
        /// Folder that relative references start from, and the default root.
        base_dir: PathBuf,
    },
}

/// A tree plus the bookkeeping that maps bundled pointers back to the user's files.
pub(crate) struct Bundled {
    pub root: Node,
    pub origins: Origins,
}

/// Maps pointers of the bundled document back to pointers in the files they came from.
#[derive(Debug, Default, Clone)]
pub struct Origins {
    /// Pointer prefix in the bundled document -> pointer in the original file. Looked up by
    /// the pointer's ancestors, longest first: a lookup costs its depth, not the number of
    /// prefixes (which grows with the files of a multi-file definition).
    prefixes: HashMap<String, String>,
}

impl Origins {
    /// The pointer in the user's own file of a node at `pointer` in the bundled document.
    #[must_use]
    pub fn original(&self, pointer: &str) -> String {
        if self.prefixes.is_empty() {
            return pointer.to_string();
        }
        let mut end = pointer.len();
        loop {
            if let Some(o) = self.prefixes.get(&pointer[..end]) {
                return format!("{o}{}", &pointer[end..]);
            }
            match pointer[..end].rfind('/') {
                Some(i) if end > 0 => end = i,
                _ => return pointer.to_string(),
            }
        }
    }

    pub(crate) fn add(&mut self, bundled: String, original: String) {
        self.prefixes.insert(bundled, original);
    }
}

pub(crate) struct Workspace<'r> {
    reader: &'r dyn Reader,
    policy: Policy,
    pub limits: Limits,
    root_dir: PathBuf,
    pub sources: Sources,
    trees: Vec<Option<Node>>,
    locations: Vec<Option<Location>>,
    opened: HashMap<Location, Option<u32>>,
    pub diags: Vec<Diagnostic>,
    refs_followed: usize,
}

impl<'r> Workspace<'r> {
    pub fn new(reader: &'r dyn Reader, policy: Policy, limits: Limits) -> Self {
        Self {
            reader,
            policy,
            limits,
            root_dir: PathBuf::new(),
            sources: Sources::new(),
            trees: Vec::new(),
            locations: Vec::new(),
            opened: HashMap::new(),
            diags: Vec::new(),
            refs_followed: 0,
        }
    }

    /// Reads and parses the entry document; returns its file id.
    pub fn open_entry(&mut self, input: Input) -> Option<u32> {
        match input {
            Input::Path(p) => {
                let abs = if p.is_absolute() {
                    p.clone()
                } else {
                    std::env::current_dir().unwrap_or_default().join(&p)
                };
                let abs = normalize(&abs);
                self.root_dir = self
                    .policy
                    .root
                    .clone()
                    .map(|r| normalize(&std::env::current_dir().unwrap_or_default().join(r)))
                    .unwrap_or_else(|| abs.parent().unwrap_or(Path::new("/")).to_path_buf());
                match self.reader.read_file(&abs, self.limits.max_file_bytes) {
                    Ok(bytes) => self.parse_bytes(
                        p.display().to_string(),
                        Origin::File(p),
                        Some(Location::File(abs)),
                        bytes,
                    ),
                    Err(e) => {
                        self.diags.push(Diagnostic::error(
                            "io",
                            format!("cannot read {}: {e}", p.display()),
                        ));
                        None
                    }
                }
            }
            Input::Url(u) => {
                // A remote entry has no local root: its references may reach remote documents
                // only (see `Policy::target`).
                self.root_dir = PathBuf::new();
                let u = match crate::net::check_url(&u, self.policy.allow_private) {
                    Ok(parsed) => String::from(parsed),
                    Err(denied) => {
                        self.diags.push(Diagnostic::error(
                            denied.code,
                            format!("cannot fetch {u}: {}", denied.message),
                        ));
                        return None;
                    }
                };
                match self.reader.fetch(&u, self.limits.max_file_bytes) {
                    Ok(bytes) => self.parse_bytes(
                        u.clone(),
                        Origin::Url(u.clone()),
                        Some(Location::Url(u)),
                        bytes,
                    ),
                    Err(e) => {
                        self.diags
                            .push(Diagnostic::error("io", format!("cannot fetch {u}: {e}")));
                        None
                    }
                }
            }
            Input::Bytes {
                name,
                bytes,
                base_dir,
            } => {
                let base_dir = normalize(&base_dir);
                self.root_dir = self
                    .policy
                    .root
                    .clone()
                    .map_or(base_dir.clone(), |r| normalize(&base_dir.join(r)));
                if bytes.len() > self.limits.max_file_bytes {
                    self.diags.push(Diagnostic::error(
                        "size-limit",
                        format!(
                            "{name} is larger than the limit of {} bytes",
                            self.limits.max_file_bytes
                        ),
                    ));
                    return None;
                }
                // A virtual location in the base folder, so relative references work.
                let loc = Location::File(base_dir.join(".oaskit-input"));
                self.parse_bytes(name, Origin::Stdin, Some(loc), bytes)
            }
        }
    }

    /// Reads and parses a file the user named beside the entry (an overlay): not confined to
    /// the reference root, and not registered as a reference target. Returns its file id.
    pub fn open_user_file(&mut self, path: &Path) -> Option<u32> {
        if self.trees.len() >= self.limits.max_files {
            self.diags.push(Diagnostic::error(
                "ref-limit",
                format!(
                    "cannot read {}: the load already holds {} files",
                    path.display(),
                    self.limits.max_files
                ),
            ));
            return None;
        }
        let abs = normalize(&std::env::current_dir().unwrap_or_default().join(path));
        match self.reader.read_file(&abs, self.limits.max_file_bytes) {
            Ok(bytes) => self.parse_bytes(
                path.display().to_string(),
                Origin::File(path.to_path_buf()),
                None,
                bytes,
            ),
            Err(e) => {
                self.diags.push(Diagnostic::error(
                    "io",
                    format!("cannot read {}: {e}", path.display()),
                ));
                None
            }
        }
    }

    fn parse_bytes(
        &mut self,
        name: String,
        origin: Origin,
        loc: Option<Location>,
        bytes: Vec<u8>,
    ) -> Option<u32> {
        let id = u32::try_from(self.trees.len()).unwrap_or(u32::MAX);
        self.trees.push(None);
        if let Some(l) = &loc {
            self.opened.insert(l.clone(), Some(id));
        }
        self.locations.push(loc);
        let decoded = match decode(bytes) {
            Ok(d) => d,
            Err(failed) => {
                let (e, shown) = *failed;
                self.sources.add(SourceFile::new(name, origin, shown));
                self.push_syntax(id, e);
                return None;
            }
        };
        let file = SourceFile::new(name, origin, decoded.text);
        let parsed = if looks_like_json(file.text()) {
            crate::json::parse_source(&file, id, self.limits.max_depth)
        } else {
            crate::yaml::parse(&file, id, &self.limits)
        };
        self.sources.add(file);
        if decoded.had_bom {
            self.diags.push(
                Diagnostic::warning(
                    "bom",
                    "the file starts with a UTF-8 byte order mark; it was ignored and is not written to output",
                )
                .at(Span::new(id, 0), ""),
            );
        }
        match parsed {
            Ok(tree) => {
                self.trees[id as usize] = Some(tree);
                Some(id)
            }
            Err(e) => {
                self.push_syntax(id, e);
                None
            }
        }
    }

    fn push_syntax(&mut self, file: u32, e: SyntaxError) {
        let pointer = e.pointer();
        let mut d =
            Diagnostic::error(e.code, e.message).at(Span::new(file, e.offset), pointer.clone());
        if let Some((off, msg)) = e.related {
            d = d.with_related(Span::new(file, off), pointer, msg);
        }
        self.diags.push(d);
    }

    pub fn take_tree(&mut self, id: u32) -> Option<Node> {
        self.trees.get_mut(id as usize)?.take()
    }

    fn open(&mut self, loc: Location) -> Result<u32, OpenError> {
        if let Some(&id) = self.opened.get(&loc) {
            return id.ok_or(OpenError::Reported);
        }
        if self.trees.len() >= self.limits.max_files {
            return Err(OpenError::FileLimit);
        }
        let (name, origin, bytes) = match &loc {
            Location::File(p) => {
                let shown = p
                    .strip_prefix(&self.root_dir)
                    .map_or_else(|_| p.display().to_string(), |r| r.display().to_string());
                (
                    shown,
                    Origin::File(p.clone()),
                    self.reader.read_file(p, self.limits.max_file_bytes),
                )
            }
            Location::Url(u) => (
                u.clone(),
                Origin::Url(u.clone()),
                self.reader.fetch(u, self.limits.max_file_bytes),
            ),
        };
        let id = match bytes {
            Ok(b) => self.parse_bytes(name, origin, Some(loc.clone()), b),

            Err(e) => {
                self.opened.insert(loc, None);
                return Err(OpenError::Failed(e));
            }
        };
        if id.is_none() {
            self.opened.insert(loc, None);
        }
        id.ok_or(OpenError::Reported)
    }
}

/// Why a referenced file gave no tree.
enum OpenError {
    /// It could not be read.
    Failed(ReadError),
    /// It was read but did not parse, and that was reported already.
    Reported,
    /// The load already holds as many files as the limit allows.
    FileLimit,
}

/// One token of a pointer being walked, borrowed from the tree.
#[derive(Clone, Copy, Debug)]
enum Tok<'n> {
    /// An object key.
    Key(&'n str),
    /// An array index.
    Index(usize),
}

impl Tok<'_> {
    fn owned(self) -> String {
        match self {
            Tok::Key(k) => k.to_string(),
            Tok::Index(i) => i.to_string(),
        }
    }
}

/// The pointer of borrowed tokens.
fn pointer_of_toks(tokens: &[Tok<'_>]) -> String {
    let mut s = String::new();
    for t in tokens {
        match t {
            Tok::Key(k) => crate::node::push_token(&mut s, k),
            Tok::Index(i) => {
                s.push('/');
                s.push_str(&i.to_string());
            }
        }
    }
    s
}

/// A `$ref` found in a tree: where it stands and what it says, borrowed from the tree.
struct Site<'n> {
    /// Pointer tokens from the node being rewritten to the Reference Object (empty when the
    /// sites were collected without their paths, see [`Collect`]).
    tokens: Vec<Tok<'n>>,
    /// It stands where an Operation Object must ([`is_operation_site`]).
    operation: bool,
    reference: &'n str,
    span: Span,
    in_schema: bool,
    /// The reference stands for a whole map of names (`properties: {$ref: ...}`): `Some(true)`
    /// for a map of schemas. Its target is inlined as such a map, never hoisted.
    whole_map: Option<bool>,
}

/// Where [`collect_sites_in`] and [`mapping_sites`] put the sites they find.
///
/// A large definition has a hundred thousand references, each some levels deep: copying the
/// path of every one (to spell its pointer in a finding that almost never comes) was tens of
/// megabytes at the peak of a load. Without `keep_paths` sites carry no tokens; a caller that
/// needs the pointer of one collects again with paths, and finds it at the same position.
struct Collect<'n, 'f> {
    keep_paths: bool,
    sink: &'f mut dyn FnMut(Site<'n>),
}

impl<'n> Collect<'n, '_> {
    /// A site at `path` followed by `last`.
    fn site(
        &mut self,
        path: &[Tok<'n>],
        last: &[Tok<'n>],
        reference: &'n str,
        span: Span,
        in_schema: bool,
        whole_map: Option<bool>,
    ) {
        let tokens = if self.keep_paths {
            let mut t = Vec::with_capacity(path.len() + last.len());
            t.extend_from_slice(path);
            t.extend_from_slice(last);
            t
        } else {
            Vec::new()
        };
        (self.sink)(Site {
            tokens,
            operation: match (path, last) {
                (p, []) | ([], p) => is_operation_site(p),
                _ => {
                    path.len() + last.len() == 3 && {
                        let mut three = [Tok::Index(0); 3];
                        for (slot, t) in three.iter_mut().zip(path.iter().chain(last)) {
                            *slot = *t;
                        }
                        is_operation_site(&three)
                    }
                }
            },
            reference,
            span,
            in_schema,
            whole_map,
        });
    }
}

/// The sites of `node` (see [`collect_sites_in`] and [`mapping_sites`]), in document order.
fn sites_of(
    node: &Node,
    in_schema: bool,
    name_map: bool,
    swagger2: bool,
    keep_paths: bool,
) -> Vec<Site<'_>> {
    let mut sites = Vec::new();
    let mut sink = |s| sites.push(s);
    let mut out = Collect {
        keep_paths,
        sink: &mut sink,
    };
    collect_sites_in(
        node,
        &mut Vec::new(),
        in_schema,
        name_map,
        swagger2,
        &mut out,
    );
    mapping_sites(node, &mut Vec::new(), 0, &mut out);
    sites
}

/// A [`Site`] that owns its text, for the rewrites that change the tree it was found in.
struct OwnedSite {
    tokens: Vec<String>,
    reference: String,
    span: Span,
    in_schema: bool,
    whole_map: Option<bool>,
}

impl From<&Site<'_>> for OwnedSite {
    fn from(s: &Site<'_>) -> Self {
        OwnedSite {
            tokens: s.tokens.iter().map(|t| t.owned()).collect(),
            reference: s.reference.to_string(),
            span: s.span,
            in_schema: s.in_schema,
            whole_map: s.whole_map,
        }
    }
}

/// Keys whose values are data, not OpenAPI structure: `$ref`s there are not references.
fn is_data_key(key: &str, in_schema: bool) -> bool {
    key.starts_with("x-")
        || key == "example"
        || (in_schema && matches!(key, "examples" | "enum" | "default" | "const"))
}

/// Keys whose values are maps from names to things: a member called `$ref` there is a name.
fn is_name_map(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "patternProperties"
            | "definitions"
            | "$defs"
            | "schemas"
            | "dependentSchemas"
    )
}

fn enters_schema(key: &str) -> bool {
    matches!(key, "schema" | "schemas" | "definitions" | "$defs")
}

/// `swagger2`: in Swagger 2.0, `examples` maps hold data only, never references.
fn collect_sites_in<'n>(
    node: &'n Node,
    path: &mut Vec<Tok<'n>>,
    in_schema: bool,
    name_map: bool,
    swagger2: bool,
    out: &mut Collect<'n, '_>,
) {
    match &node.value {
        Value::Object(m) => {
            // In a map of names (`properties`, `responses`...) a `$ref` key is a name only
            // when its value could be the named thing: a string value is a reference to the
            // whole map (`properties: {$ref: attributes.yaml}`, as DigitalOcean writes and
            // JSON-reference resolvers read it).
            let map_ref = name_map && m.get("$ref").is_some_and(|r| r.as_str().is_some());
            if !name_map || map_ref {
                if let Some(r) = m.get("$ref") {
                    if let Some(s) = r.as_str() {
                        out.site(
                            path,
                            &[],
                            s,
                            r.span,
                            in_schema && !map_ref,
                            map_ref.then_some(in_schema),
                        );
                    }
                }
            }
            for e in &m.entries {
                if (!name_map && is_data_key(&e.key, in_schema))
                    || ((!name_map || map_ref) && &*e.key == "$ref")
                {
                    continue;
                }
                if !name_map && !in_schema && &*e.key == "examples" {
                    // A map of Example Objects (3.x), where only a whole entry can be a
                    // reference and values are data; in 2.0, example data by media type.
                    if let Some(examples) = e.value.as_object().filter(|_| !swagger2) {
                        for x in &examples.entries {
                            if let Some(r) = x.value.get("$ref") {
                                if let Some(s) = r.as_str() {
                                    out.site(
                                        path,
                                        &[Tok::Key("examples"), Tok::Key(&x.key)],
                                        s,
                                        r.span,
                                        false,
                                        None,
                                    );
                                }
                            }
                        }
                    }
                    continue;
                }
                if matches!(e.value.value, Value::Object(_) | Value::Array(_)) {
                    path.push(Tok::Key(&e.key));
                    let child_schema = in_schema || (!name_map && enters_schema(&e.key));
                    collect_sites_in(
                        &e.value,
                        path,
                        child_schema,
                        !name_map && is_name_map(&e.key),
                        swagger2,
                        out,
                    );
                    path.pop();
                }
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                if matches!(v.value, Value::Object(_) | Value::Array(_)) {
                    path.push(Tok::Index(i));
                    collect_sites_in(v, path, in_schema, false, swagger2, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

fn pointer_of<T: AsRef<str>>(tokens: &[T]) -> String {
    let mut s = String::new();
    for t in tokens {
        crate::node::push_token(&mut s, t.as_ref());
    }
    s
}

/// Splits a reference into its file part and its fragment's pointer tokens.
fn split_ref(reference: &str) -> (&str, Result<Vec<String>, String>) {
    let (file, frag) = match reference.find('#') {
        Some(i) => (&reference[..i], &reference[i + 1..]),
        None => (reference, ""),
    };
    let frag = percent_decode(frag);
    let tokens = if frag.is_empty() {
        Ok(Vec::new())
    } else if let Some(rest) = frag.strip_prefix('/') {
        Ok(rest.split('/').map(unescape_token).collect())
    } else {
        Err(frag)
    };
    (file, tokens)
}

/// Discriminator `mapping` values that are references (`#/X`, `models/pet.yaml`, not a bare
/// schema name): they are resolved against the file they are written in, like `$ref`, so the
/// bundler rewrites them to where their targets land.
fn mapping_sites<'n>(
    node: &'n Node,
    path: &mut Vec<Tok<'n>>,
    depth: usize,
    out: &mut Collect<'n, '_>,
) {
    if depth > 256 {
        return;
    }
    match &node.value {
        Value::Object(m) => {
            for e in &m.entries {
                let k: &str = &e.key;
                if k.starts_with("x-")
                    || matches!(k, "example" | "examples" | "enum" | "default" | "const")
                {
                    continue;
                }
                if k == "discriminator" {
                    if let Some(map) = e.value.get("mapping").and_then(Node::as_object) {
                        for x in &map.entries {
                            let Some(r) = x.value.as_str() else { continue };
                            let is_ref = r.contains('#')
                                || r.contains('/')
                                || [".json", ".yaml", ".yml"]
                                    .iter()
                                    .any(|ext| r.ends_with(ext));
                            if is_ref {
                                out.site(
                                    path,
                                    &[
                                        Tok::Key("discriminator"),
                                        Tok::Key("mapping"),
                                        Tok::Key(&x.key),
                                    ],
                                    r,
                                    x.value.span,
                                    true,
                                    None,
                                );
                            }
                        }
                    }
                }
                path.push(Tok::Key(k));
                mapping_sites(&e.value, path, depth + 1, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Tok::Index(i));
                mapping_sites(x, path, depth + 1, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// A `$ref` standing where an Operation Object must: `paths/{path}/{method}` (or a webhook's).
fn is_operation_site(tokens: &[Tok<'_>]) -> bool {
    const METHODS: [&str; 9] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
    ];
    matches!(tokens, [Tok::Key(top), _, Tok::Key(method)] if (*top == "paths" || *top == "webhooks") && METHODS.contains(method))
}

/// The fragment of a reference when it is a plain name (`#foo`), not a JSON pointer: what
/// [`split_ref`] refuses, without splitting anything.
fn plain_name_fragment(reference: &str) -> Option<String> {
    let frag = &reference[reference.find('#').map_or(reference.len(), |i| i + 1)..];
    if frag.is_empty() || frag.starts_with('/') {
        return None;
    }
    let frag = percent_decode(frag);
    (!frag.is_empty() && !frag.starts_with('/')).then_some(frag)
}

/// Bundles external references into the entry document.
pub(crate) struct Bundler<'w, 'r> {
    ws: &'w mut Workspace<'r>,
    version: SpecVersion,
    /// (file, pointer) of an external schema -> its name in the bundled components.
    hoisted: HashMap<(u32, String), String>,
    used_names: HashSet<String>,
    new_schemas: Vec<(String, Node)>,
    inline_stack: Vec<(u32, String)>,
    origins: Origins,
    file_limit_reported: bool,
    suggester: Suggester,
}

impl<'w, 'r> Bundler<'w, 'r> {
    pub fn new(ws: &'w mut Workspace<'r>, version: SpecVersion, root: &Node) -> Self {
        let used_names = schemas_of(root, version)
            .map(|m| m.entries.iter().map(|e| e.key.to_string()).collect())
            .unwrap_or_default();
        Self {
            ws,
            version,
            hoisted: HashMap::new(),
            used_names,
            new_schemas: Vec::new(),
            inline_stack: Vec::new(),
            origins: Origins::default(),
            file_limit_reported: false,
            suggester: Suggester::new(),
        }
    }

    /// Starts from pointer mappings recorded before bundling (by entry hooks).
    pub fn with_origins(mut self, origins: Origins) -> Self {
        self.origins = origins;
        self
    }

    fn schema_prefix(&self) -> &'static str {
        if self.version == SpecVersion::Swagger2 {
            "#/definitions/"
        } else {
            "#/components/schemas/"
        }
    }

    pub fn run(mut self, mut root: Node) -> Bundled {
        self.rewrite(&mut root, 0, "", 0, false, false);
        let version = self.version;
        if !self.new_schemas.is_empty() {
            let span = root.span;
            if let Some(obj) = root.as_object_mut() {
                let target = if version == SpecVersion::Swagger2 {
                    obj.object_entry("definitions", span)
                } else {
                    obj.object_entry("components", span)
                        .object_entry("schemas", span)
                };
                for (name, node) in self.new_schemas.drain(..) {
                    target.insert(&name, node);
                }
            }
        }
        Bundled {
            root,
            origins: self.origins,
        }
    }

    /// Rewrites every reference inside `node`, which stands in file `file` at `orig` (pointer);
    /// `starts_in_schema`: `node` is a Schema Object (it was referenced where a schema stands),
    /// not a path item, parameter or response file (DigitalOcean's and `redocly split`'s
    /// one-file-per-object layout).
    fn rewrite(
        &mut self,
        node: &mut Node,
        file: u32,
        orig: &str,
        depth: usize,
        starts_in_schema: bool,
        starts_name_map: bool,
    ) {
        let swagger2 = self.version == SpecVersion::Swagger2;
        let sites = |keep_paths| {
            sites_of(
                node,
                starts_in_schema,
                starts_name_map,
                swagger2,
                keep_paths,
            )
        };
        if file == 0 {
            let found = sites(false);
            if found
                .iter()
                .all(|s| s.reference.is_empty() || s.reference.starts_with('#'))
            {
                // Every reference is local to the entry document (a one-file definition):
                // nothing is rewritten, so nothing is copied and pointers are spelled out only
                // for findings.
                self.local_sites(&found, orig, &|| sites(true));
                return;
            }
        }
        let sites: Vec<(OwnedSite, bool)> = sites(true)
            .iter()
            .map(|s| (OwnedSite::from(s), s.operation))
            .collect();
        for (site, operation_site) in sites {
            self.ws.refs_followed += 1;
            if self.ws.refs_followed > self.ws.limits.max_refs {
                self.ws.diags.push(
                    Diagnostic::error(
                        "ref-limit",
                        format!("more than {} references followed", self.ws.limits.max_refs),
                    )
                    .at(
                        site.span,
                        format!("{orig}{}/$ref", pointer_of(&site.tokens)),
                    ),
                );
                return;
            }
            let site_ptr = format!("{orig}{}", pointer_of(&site.tokens));
            let ref_ptr = format!("{site_ptr}/$ref");
            if file == 0 && operation_site {
                self.ws.diags.push(
                    Diagnostic::warning(
                        "ref-operation",
                        "an Operation Object cannot be a $ref in any OpenAPI version; oaskit reads the operation from the referenced file, as redocly and swagger-parser do, but other tools may not",
                    )
                    .at(site.span, ref_ptr.clone()),
                );
            }
            let (file_part, tokens) = split_ref(&site.reference);
            let tokens = match tokens {
                Ok(t) => t,
                Err(frag) => {
                    self.ws.diags.push(
                        Diagnostic::warning(
                            "ref-anchor",
                            format!("plain-name fragment #{frag} is not resolved by oaskit; the reference is kept as written"),
                        )
                        .at(site.span, ref_ptr),
                    );
                    continue;
                }
            };
            let target_file = if file_part.is_empty() {
                file
            } else {
                let Some(base) = self.ws.locations.get(file as usize).cloned().flatten() else {
                    continue;
                };
                let loc = match self.ws.policy.target(&base, &self.ws.root_dir, file_part) {
                    Ok(l) => l,
                    Err(refusal) => {
                        self.ws.diags.push(
                            Diagnostic::error(refusal.code, refusal.message).at(site.span, ref_ptr),
                        );
                        continue;
                    }
                };
                match self.ws.open(loc.clone()) {
                    Ok(id) => id,
                    Err(OpenError::FileLimit) => {
                        if !self.file_limit_reported {
                            self.file_limit_reported = true;
                            self.ws.diags.push(
                                Diagnostic::error(
                                    "ref-limit",
                                    format!(
                                        "more than {} files referenced; the rest were not opened (raise the limit with --max-files)",
                                        self.ws.limits.max_files
                                    ),
                                )
                                .at(site.span, ref_ptr),
                            );
                        }
                        continue;
                    }
                    Err(why) => {
                        if let OpenError::Failed(why) = why {
                            let shown = match &loc {
                                Location::File(p) => p.display().to_string(),
                                Location::Url(u) => u.clone(),
                            };
                            self.ws.diags.push(
                                Diagnostic::error(
                                    "ref-unresolved",
                                    format!(
                                        "cannot read {file_part:?} (resolved to {shown}): {why}"
                                    ),
                                )
                                .at(site.span, ref_ptr),
                            );
                        }
                        continue;
                    }
                }
            };
            let target_ptr = pointer_of(&tokens);
            if target_file != 0 {
                let exists = self.tree(target_file).is_some_and(|t| {
                    t.pointer_tokens(tokens.iter().map(String::as_str))
                        .is_some()
                });
                if !exists {
                    let tree = self
                        .ws
                        .trees
                        .get(target_file as usize)
                        .and_then(Option::as_ref);
                    let hint = tree.and_then(|t| self.suggester.suggest(t, &tokens));
                    let mut d = Diagnostic::error(
                        "ref-unresolved",
                        format!(
                            "reference {:?} does not resolve: nothing at {target_ptr:?}",
                            site.reference
                        ),
                    )
                    .at(site.span, ref_ptr);
                    if let Some(h) = hint {
                        d = d.with_help(format!("did you mean {:?}?", format!("{file_part}{h}")));
                    }
                    self.ws.diags.push(d);
                    continue;
                }
            }
            if target_file == 0 {
                if file != 0 || !file_part.is_empty() {
                    // A reference from another file back into the entry document, or one the
                    // entry makes to itself under a file name (`./sub/../self.yaml#/X`):
                    // local, so cycles through it are seen as such.
                    self.set_ref(
                        node,
                        &site.tokens,
                        format!("#{}", escape_pointer_for_uri(&target_ptr)),
                    );
                }
                continue;
            }
            let key = (target_file, target_ptr.clone());
            if let Some(local) = self.hoisted.get(&key) {
                let local = local.clone();
                self.set_ref(node, &site.tokens, local);
                continue;
            }
            let Some(mut content) = self
                .tree(target_file)
                .and_then(|t| t.pointer_tokens(tokens.iter().map(String::as_str)))
                .cloned()
            else {
                continue;
            };
            if site.in_schema {
                let name = self.fresh_name(&tokens, target_file);
                let local = format!(
                    "{}{}",
                    self.schema_prefix(),
                    escape_pointer_for_uri(&escape_token(&name))
                );
                self.hoisted.insert(key, local.clone());
                let out = format!(
                    "{}/{}",
                    &self.schema_prefix()[1..self.schema_prefix().len() - 1],
                    escape_token(&name)
                );
                self.origins.add(out, target_ptr.clone());
                // Reserve the place first, so components come in the order they are first met.
                let slot = self.new_schemas.len();
                self.new_schemas
                    .push((name, Node::new(Value::Null, content.span)));
                self.rewrite(
                    &mut content,
                    target_file,
                    &target_ptr,
                    depth + 1,
                    true,
                    false,
                );
                self.new_schemas[slot].1 = content;
                self.set_ref(node, &site.tokens, local);
            } else {
                if self.inline_stack.contains(&key) || depth > self.ws.limits.max_depth {
                    self.ws.diags.push(
                        Diagnostic::error(
                            "ref-cycle",
                            format!(
                                "reference {:?} refers back to itself through other files",
                                site.reference
                            ),
                        )
                        .at(site.span, ref_ptr),
                    );
                    continue;
                }
                self.inline_stack.push(key);
                self.rewrite(
                    &mut content,
                    target_file,
                    &target_ptr,
                    depth + 1,
                    site.whole_map == Some(true),
                    site.whole_map.is_some(),
                );
                self.inline_stack.pop();
                if file == 0 {
                    self.origins.add(site_ptr.clone(), target_ptr.clone());
                }
                if let Some(slot) = node.pointer_tokens_mut(&site.tokens) {
                    // Keep `summary` and `description` written beside the `$ref` (3.1 semantics).
                    let siblings: Vec<(String, Node)> = slot
                        .as_object()
                        .map(|m| {
                            m.entries
                                .iter()
                                .filter(|e| matches!(&*e.key, "summary" | "description"))
                                .map(|e| (e.key.to_string(), e.value.clone()))
                                .collect()
                        })
                        .unwrap_or_default();
                    *slot = content;
                    if let Some(m) = slot.as_object_mut() {
                        for (k, v) in siblings {
                            m.insert(&k, v);
                        }
                    }
                }
            }
        }
    }

    /// What [`Bundler::rewrite`] does for references of the entry document to itself: count
    /// them, and report operations given by reference and plain-name fragments.
    /// `with_paths` collects the same sites again with their paths, for findings.
    fn local_sites<'n>(
        &mut self,
        sites: &[Site<'n>],
        orig: &str,
        with_paths: &dyn Fn() -> Vec<Site<'n>>,
    ) {
        let mut paths: Option<Vec<Site<'n>>> = None;
        for (i, site) in sites.iter().enumerate() {
            self.ws.refs_followed += 1;
            let mut ref_ptr = || {
                let all = paths.get_or_insert_with(with_paths);
                let tokens = all.get(i).map_or(&[][..], |s| &s.tokens[..]);
                format!("{orig}{}/$ref", pointer_of_toks(tokens))
            };
            if self.ws.refs_followed > self.ws.limits.max_refs {
                self.ws.diags.push(
                    Diagnostic::error(
                        "ref-limit",
                        format!("more than {} references followed", self.ws.limits.max_refs),
                    )
                    .at(site.span, ref_ptr()),
                );
                return;
            }
            if site.operation {
                self.ws.diags.push(
                    Diagnostic::warning(
                        "ref-operation",
                        "an Operation Object cannot be a $ref in any OpenAPI version; oaskit reads the operation from the referenced file, as redocly and swagger-parser do, but other tools may not",
                    )
                    .at(site.span, ref_ptr()),
                );
            }
            if let Some(frag) = plain_name_fragment(site.reference) {
                self.ws.diags.push(
                    Diagnostic::warning(
                        "ref-anchor",
                        format!("plain-name fragment #{frag} is not resolved by oaskit; the reference is kept as written"),
                    )
                    .at(site.span, ref_ptr()),
                );
            }
        }
    }

    fn tree(&self, id: u32) -> Option<&Node> {
        self.ws.trees.get(id as usize)?.as_ref()
    }

    /// Points the reference at `tokens` (a Reference Object, or a discriminator mapping
    /// value) to `reference`.
    fn set_ref(&mut self, node: &mut Node, tokens: &[String], reference: String) {
        if let Some(slot) = node.pointer_tokens_mut(tokens) {
            if let Value::String(_) = slot.value {
                slot.value = Value::String(reference.into());
            } else if let Some(r) = slot.as_object_mut().and_then(|m| m.get_mut("$ref")) {
                r.value = Value::String(reference.into());
            }
        }
    }

    fn fresh_name(&mut self, tokens: &[String], file: u32) -> String {
        let base = tokens.last().cloned().unwrap_or_else(|| {
            let name = self.ws.sources.get(file).map_or("Schema", SourceFile::name);
            let stem = Path::new(name)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("Schema");
            stem.to_string()
        });
        let mut clean: String = base
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if clean.is_empty() {
            clean.push_str("Schema");
        }
        let mut name = clean.clone();
        let mut n = 2;
        while !self.used_names.insert(name.clone()) {
            name = format!("{clean}_{n}");
            n += 1;
        }
        name
    }
}

fn escape_pointer_for_uri(p: &str) -> String {
    p.replace('%', "%25").replace(' ', "%20")
}

pub(crate) fn schemas_of(root: &Node, version: SpecVersion) -> Option<&Map> {
    if version == SpecVersion::Swagger2 {
        root.get("definitions")?.as_object()
    } else {
        root.get("components")?.get("schemas")?.as_object()
    }
}

/// "Did you mean" for references that do not resolve, with a bound on the work of a whole
/// load: each finding compares its failing token with every key of the object where it fails,
/// so a definition with thousands of broken references into thousands of schemas made this
/// quadratic (10,000 of them took 27 s). Each key looked at and each edit-distance cell
/// computed costs one unit; when the budget is spent, later findings get no suggestion.
pub(crate) struct Suggester {
    budget: u64,
}

impl Suggester {
    /// Units of work for one load: about a tenth of a second at worst.
    const BUDGET: u64 = 30_000_000;

    pub(crate) fn new() -> Self {
        Suggester {
            budget: Self::BUDGET,
        }
    }

    /// A near key at the place a pointer fails.
    pub(crate) fn suggest(&mut self, tree: &Node, tokens: &[String]) -> Option<String> {
        let mut cur = tree;
        for (i, t) in tokens.iter().enumerate() {
            // Looking a key up scans the object's entries: that is work too.
            let width = cur.as_object().map_or(1, |m| m.entries.len() as u64);
            if self.budget < width {
                self.budget = 0;
                return None;
            }
            self.budget -= width;
            match cur.pointer_tokens([t.as_str()]) {
                Some(n) => cur = n,
                None => {
                    let m = cur.as_object()?;
                    let wanted: Vec<char> = t.to_lowercase().chars().collect();
                    let limit = 3.max(wanted.len() / 3);
                    let mut best: Option<(usize, &str)> = None;
                    for (k, _) in m.iter() {
                        if self.budget == 0 {
                            return None;
                        }
                        self.budget -= 1;
                        let len = k.chars().count();
                        if len.abs_diff(wanted.len()) > limit {
                            continue;
                        }
                        let cap = best.map_or(limit, |(d, _)| d.min(limit));
                        let key: Vec<char> = k.to_lowercase().chars().collect();
                        let cells = (key.len() as u64 + 1) * (wanted.len() as u64 + 1);
                        self.budget = self.budget.saturating_sub(cells);
                        if let Some(d) = edit_distance_within(&key, &wanted, cap) {
                            if best.is_none_or(|(bd, bk)| (d, k) < (bd, bk)) {
                                best = Some((d, k));
                            }
                        }
                    }
                    let (_, key) = best?;
                    let mut fixed: Vec<String> = tokens[..i].to_vec();
                    fixed.push(key.to_string());
                    return Some(format!("#{}", pointer_of(&fixed)));
                }
            }
        }
        None
    }
}

/// The edit distance of `a` and `b` when it is at most `cap`.
fn edit_distance_within(a: &[char], b: &[char], cap: usize) -> Option<usize> {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > cap {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= cap)
}

/// Every local reference of the bundled document must resolve; reports those that do not.
pub(crate) fn check_local_refs(
    root: &Node,
    swagger2: bool,
    refs: &[LocalRef],
    origins: &Origins,
    diags: &mut Vec<Diagnostic>,
) {
    let index = crate::node::PointerIndex::new(root);
    let mut suggester = Suggester::new();
    let mut pointers: Option<Vec<Vec<Tok<'_>>>> = None;
    for r in refs {
        if index.get(r.target.iter().map(String::as_str)).is_some() {
            continue;
        }
        let site = pointers
            .get_or_insert_with(|| local_ref_pointers(root, swagger2))
            .get(r.site)
            .map_or(&[][..], Vec::as_slice);
        let at = origins.original(&format!("{}/$ref", pointer_of_toks(site)));
        let mut d = Diagnostic::error(
            "ref-unresolved",
            format!(
                "reference {:?} does not resolve: nothing at {:?}",
                r.reference,
                pointer_of(&r.target)
            ),
        )
        .at(r.span, at);
        if let Some(h) = suggester.suggest(root, &r.target) {
            d = d.with_help(format!("did you mean {h:?}?"));
        }
        diags.push(d);
    }
}

/// A local reference of the bundled document.
pub(crate) struct LocalRef<'n> {
    /// Position of the Reference Object among the sites [`collect_sites_in`] finds in the
    /// document (where [`local_ref_pointers`] finds its pointer again).
    site: usize,
    /// The reference as written.
    pub reference: &'n str,
    /// Tokens of the target pointer, shared by every reference written the same way.
    pub target: Rc<[String]>,
    /// Span of the `$ref` string.
    pub span: Span,
}

/// Local references of the bundled document.
pub(crate) fn local_refs<'n>(root: &'n Node, swagger2: bool) -> Vec<LocalRef<'n>> {
    let mut refs = Vec::new();
    let mut targets: HashMap<&'n str, Rc<[String]>> = HashMap::new();
    let mut at = 0usize;
    let mut sink = |s: Site<'n>| {
        let site = at;
        at += 1;
        let target = if let Some(t) = targets.get(s.reference) {
            Rc::clone(t)
        } else {
            let (file_part, tokens) = split_ref(s.reference);
            let (true, Ok(t)) = (file_part.is_empty(), tokens) else {
                return;
            };
            let t: Rc<[String]> = t.into();
            targets.insert(s.reference, Rc::clone(&t));
            t
        };
        refs.push(LocalRef {
            site,
            reference: s.reference,
            target,
            span: s.span,
        });
    };
    let mut out = Collect {
        keep_paths: false,
        sink: &mut sink,
    };
    collect_sites_in(root, &mut Vec::new(), false, false, swagger2, &mut out);
    refs.shrink_to_fit();
    refs
}

/// The pointer tokens of every site of the bundled document, in the order of
/// [`LocalRef::site`].
fn local_ref_pointers<'n>(root: &'n Node, swagger2: bool) -> Vec<Vec<Tok<'n>>> {
    let mut paths = Vec::new();
    let mut sink = |s: Site<'n>| paths.push(s.tokens);
    let mut out = Collect {
        keep_paths: true,
        sink: &mut sink,
    };
    collect_sites_in(root, &mut Vec::new(), false, false, swagger2, &mut out);
    paths
}

#[cfg(test)]
mod tests {
    /// Sites are collected without their paths; the findings that need a pointer (operations
    /// given by reference, plain-name fragments, local references that resolve to nothing)
    /// find it again, each at its own place among many references.
    #[test]
    fn findings_at_local_sites_name_their_pointers() {
        let mut paths = String::new();
        for i in 0..40 {
            paths.push_str(&format!(
                r##""/p{i}": {{"get": {{"responses": {{"200": {{"description": "ok", "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/S{}"}}, "examples": {{"e": {{"$ref": "#/components/examples/E"}}}}}}}}}}}}}}}}, "##,
                i % 3
            ));
        }
        let text = format!(
            r##"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{{paths}"/op": {{"get": {{"$ref": "#/components/x-ops/get"}}}}, "/anchor": {{"get": {{"responses": {{"200": {{"$ref": "#plain"}}}}}}}}, "/gone": {{"get": {{"responses": {{"200": {{"description": "ok", "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/Nope"}}}}}}}}}}}}}}}}, "components": {{"x-ops": {{"get": {{"responses": {{"200": {{"description": "ok"}}}}}}}}, "examples": {{"E": {{"value": 1}}}}, "schemas": {{"S0": {{"type": "string"}}, "S1": {{"type": "string"}}, "S2": {{"$ref": "#/components/schemas/S0"}}}}}}}}"##
        );
        let loaded = crate::load_str("api.json", &text, &crate::LoadOptions::new());
        let at = |code: &str| -> Vec<String> {
            loaded
                .diagnostics
                .iter()
                .filter(|d| d.code == code)
                .filter_map(|d| d.location.as_ref().map(|l| l.pointer.clone()))
                .collect()
        };
        assert_eq!(at("ref-operation"), ["/paths/~1op/get/$ref"]);
        assert_eq!(at("ref-anchor"), ["/paths/~1anchor/get/responses/200/$ref"]);
        assert_eq!(
            at("ref-unresolved"),
            ["/paths/~1gone/get/responses/200/content/application~1json/schema/$ref"]
        );
    }
}
