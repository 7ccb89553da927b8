//! The Java backend: a Maven project for Java 17 on `java.net.http.HttpClient` and Jackson
//! (`jackson-databind` and its `java.time` module, pinned in the `pom.xml`), that compiles
//! with `javac -Xlint:all -Werror`. Names are computed here; the askama templates lay out
//! text.
//!
//! The project: `pom.xml`, `README.md`, `.gitignore` and, under `src/main/java/<package>/`,
//! one file per top-level type: `ApiClient` (a builder for the base URL, the `HttpClient`,
//! default headers and credentials; per operation a blocking method and one returning a
//! `CompletableFuture`), `ApiException` (status, headers, body), `ApiJson` (the mapper and the
//! union decoding), `ApiNullable` (absent, null or a value: optional nullable properties) and
//! `ApiCall` (package-private: parameters per style and explode, bodies, multipart file parts,
//! typed response headers, credentials); when an operation is paginated, `ApiPages` (the
//! pages of a listing: an `Iterable` with a `Stream` of the items) and
//! `ApiPaginationException`; per named type a record (objects), an enum with an `UNKNOWN` fallback
//! (string and number enums) or a sealed interface with one wrapper record per variant
//! (unions, decoded by the discriminator or by trying each variant); per operation a
//! `<Op>Request` (the parameters and body, built with a builder that checks the required
//! ones) and a sealed `<Op>Response` with one record per documented status. Aliases are not
//! types in Java: each use names the target.
//!
//! Top-level names share one namespace deduplicated case-insensitively with
//! [`names::Unique`](crate::names::Unique) (class files must not differ only by case on a
//! case-insensitive file system), after the [`JAVA_LANG`] types and the SDK's own
//! ([`RESERVED_TYPES`]). Nested types (variants, statuses) also avoid every top-level name, so
//! none shadows a type the code around it names.

mod escape;
mod operations;
mod paging;
mod types;

use std::collections::{BTreeMap, HashSet};

use askama::Template;

use crate::ir::{Api, Auth, Location};
use crate::names::Unique;
use crate::GeneratedFile;
pub use escape::{
    comment_text, constant_ident, doc_comment, doc_text, is_package_name, member_ident,
    package_name, string_literal, type_ident, xml_text, JAVA_LANG, KEYWORDS, RESERVED_FIELDS,
    RESERVED_METHODS, RESERVED_TYPES,
};

/// The Jackson version the `pom.xml` pins (`jackson-databind`, and `jackson-datatype-jsr310`
/// for `java.time`).
pub const JACKSON_VERSION: &str = "2.21.4";
/// The `maven-compiler-plugin` version the `pom.xml` pins.
pub const COMPILER_PLUGIN_VERSION: &str = "3.13.0";
/// The `maven-resources-plugin` version the `pom.xml` pins.
pub const RESOURCES_PLUGIN_VERSION: &str = "3.3.1";

/// Renders a template; rendering only writes strings, so it cannot fail.
fn render(t: &impl Template) -> String {
    t.render().unwrap_or_default()
}

/// Renders a whole file: one line break at the end.
fn file(t: &impl Template) -> String {
    finish(render(t))
}

fn finish(mut s: String) -> String {
    let end = s.trim_end().len();
    s.truncate(end);
    s.push('\n');
    s
}

#[derive(Template)]
#[template(path = "java/pom.xml.txt", escape = "none")]
struct Pom<'a> {
    group: &'a str,
    artifact: &'a str,
    version: &'a str,
    name: &'a str,
    jackson: &'a str,
    compiler: &'a str,
    resources: &'a str,
}

#[derive(Template)]
#[template(path = "java/README.md.txt", escape = "none")]
struct Readme<'a> {
    package: &'a str,
    artifact: &'a str,
    title_doc: &'a str,
    example: &'a str,
    /// Whether an operation has a pages method.
    paging: bool,
}

/// A security scheme, as `schemeOf` returns it.
struct SchemeView {
    /// The scheme name as a string literal.
    name: String,
    kind: &'static str,
    location: &'static str,
    /// The header, query parameter or cookie name of an API key, as a string literal.
    key_name: String,
}

#[derive(Template)]
#[template(path = "java/ApiClient.java.txt", escape = "none")]
struct ClientJava<'a> {
    package: &'a str,
    title_doc: &'a str,
    base_url: &'a str,
    operations: &'a [String],
    /// The `java.time` imports the pages methods' item types need.
    time_imports: String,
    schemes: Vec<SchemeView>,
    /// The API key schemes' names, for the Javadoc.
    api_keys: String,
}

#[derive(Template)]
#[template(path = "java/ApiPages.java.txt", escape = "none")]
struct PagesJava<'a> {
    package: &'a str,
}

#[derive(Template)]
#[template(path = "java/ApiPaginationException.java.txt", escape = "none")]
struct PaginationExceptionJava<'a> {
    package: &'a str,
}

#[derive(Template)]
#[template(path = "java/ApiException.java.txt", escape = "none")]
struct ExceptionJava<'a> {
    package: &'a str,
}

#[derive(Template)]
#[template(path = "java/ApiJson.java.txt", escape = "none")]
struct JsonJava<'a> {
    package: &'a str,
}

#[derive(Template)]
#[template(path = "java/ApiCall.java.txt", escape = "none")]
struct CallJava<'a> {
    package: &'a str,
}

#[derive(Template)]
#[template(path = "java/ApiNullable.java.txt", escape = "none")]
struct NullableJava<'a> {
    package: &'a str,
}

/// The top-level namespace of the package: every name taken, lower-cased, for nested names
/// to avoid.
pub(crate) struct Namespace {
    unique: Unique,
    taken: HashSet<String>,
}

impl Namespace {
    fn new() -> Self {
        let mut n = Namespace {
            unique: Unique::default(),
            taken: HashSet::new(),
        };
        for r in JAVA_LANG.iter().chain(RESERVED_TYPES) {
            n.take(r);
        }
        n
    }

    fn take(&mut self, name: &str) -> String {
        let (name, _) = self.unique.take(name);
        self.taken.insert(name.to_ascii_lowercase());
        name
    }

    /// A nested type name for `base`: unique in `local` and different from every top-level
    /// name (case-insensitively), a number added when needed.
    pub(crate) fn nested(&self, base: &str, local: &mut HashSet<String>) -> String {
        let mut candidate = base.to_string();
        let mut n = 2;
        loop {
            let lower = candidate.to_ascii_lowercase();
            if !self.taken.contains(&lower) && !local.contains(&lower) {
                local.insert(lower);
                return candidate;
            }
            candidate = format!("{base}{n}");
            n += 1;
        }
    }
}

/// Member names unique within one scope (a record's components, a request's fields), by the
/// rule of [`Unique`]: case-insensitively different from every name taken before and from the
/// `reserved` ones, a number added when needed. The reserved names are looked up, not copied
/// in (records and operations number in the thousands).
pub(crate) struct LocalNames {
    reserved: &'static [&'static str],
    more: &'static [&'static str],
    taken: HashSet<String>,
}

impl LocalNames {
    /// A scope where `reserved` and `more` are taken.
    pub(crate) fn new(reserved: &'static [&'static str], more: &'static [&'static str]) -> Self {
        LocalNames {
            reserved,
            more,
            taken: HashSet::new(),
        }
    }

    fn free(&self, lower: &str) -> bool {
        !self
            .reserved
            .iter()
            .chain(self.more)
            .any(|r| r.eq_ignore_ascii_case(lower))
            && !self.taken.contains(lower)
    }

    /// Takes `name`, or `name2`, `name3`, ... when it is taken.
    pub(crate) fn take(&mut self, name: &str) -> String {
        let lower = name.to_ascii_lowercase();
        if self.free(&lower) {
            self.taken.insert(lower);
            return name.to_string();
        }
        let mut n = 2;
        loop {
            let candidate = format!("{name}{n}");
            let lower = candidate.to_ascii_lowercase();
            if self.free(&lower) {
                self.taken.insert(lower);
                return candidate;
            }
            n += 1;
        }
    }
}

/// The `java.time` imports of a file whose Java types are `tys`: one line for each of
/// `LocalDate` and `OffsetDateTime` that a type names (empty when none does).
pub(crate) fn time_imports<'a>(tys: impl IntoIterator<Item = &'a str>) -> String {
    let (mut date, mut time) = (false, false);
    for ty in tys {
        for word in ty.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
            date |= word == "LocalDate";
            time |= word == "OffsetDateTime";
        }
    }
    let mut out = String::new();
    if date {
        out.push_str("import java.time.LocalDate;\n");
    }
    if time {
        out.push_str("import java.time.OffsetDateTime;\n");
    }
    out
}

/// Generates the project for `api`: `name` gives the artifact id and the package.
#[must_use]
pub fn generate(api: &Api, name: &str) -> Vec<GeneratedFile> {
    generate_package(api, name, None)
}

/// [`generate`] with the Java package `package` (`--package`) when it is a valid one
/// ([`is_package_name`]); else the package is derived from `name` ([`package_name`]).
#[must_use]
pub fn generate_package(api: &Api, name: &str, package: Option<&str>) -> Vec<GeneratedFile> {
    let package = package_name(package, name);
    let artifact = crate::names::package_slug(name);
    let dir = format!("src/main/java/{}", package.replace('.', "/"));
    let mut ns = Namespace::new();
    let idents: Vec<Option<String>> = api
        .types
        .iter()
        .map(|t| types::has_file(t).then(|| ns.take(&type_ident(&t.name))))
        .collect();
    let mut methods = Unique::default();
    for r in RESERVED_METHODS {
        methods.take(r);
    }
    for r in ["request", "applySecurity", "hasCredential", "schemeOf"] {
        methods.take(r);
    }
    let mut op_names = Vec::with_capacity(api.operations.len());
    for op in &api.operations {
        let method = methods.take(&member_ident(&op.name)).0;
        let async_method = methods.take(&format!("{method}Async")).0;
        let pascal = type_ident(&op.name);
        let request = ns.take(&format!("{pascal}Request"));
        let response = ns.take(&format!("{pascal}Response"));
        op_names.push(operations::OpNames {
            method,
            async_method,
            request,
            response,
            pages: None,
        });
    }
    // Pages methods after every operation's: paging never renames an operation.
    for (op, names) in api.operations.iter().zip(&mut op_names) {
        if op.pagination.is_some() {
            names.pages = Some(methods.take(&format!("{}Pages", names.method)).0);
        }
    }
    let types = types::Types::new(api, idents, &ns);
    let mut files = BTreeMap::new();
    let mut add = |ident: &str, text: String| {
        files.insert(format!("{dir}/{ident}.java"), finish(text));
    };
    for (i, t) in api.types.iter().enumerate() {
        if let Some(text) = types.render(&package, i, t) {
            add(types.idents[i].as_deref().unwrap_or_default(), text);
        }
    }
    let mut client_ops = Vec::with_capacity(api.operations.len());
    let mut item_tys: Vec<String> = Vec::new();
    let mut example = String::new();
    for (op, names) in api.operations.iter().zip(&op_names) {
        let rendered = operations::render_operation(&types, &package, op, names);
        add(&names.request, rendered.request);
        add(&names.response, rendered.response);
        client_ops.push(rendered.client_method);
        item_tys.extend(rendered.item);
        if example.is_empty() && op.params.iter().all(|p| !p.required) && op.body.is_none() {
            let args = if op.params.is_empty() {
                String::new()
            } else {
                format!("{}.builder().build()", names.request)
            };
            example = format!(
                "{} response = client.{}({args});\nSystem.out.println(response.status());\n",
                names.response, names.method
            );
        }
    }
    let schemes = schemes(api);
    let api_keys: Vec<String> = api
        .auth
        .iter()
        .filter_map(|a| match a {
            Auth::ApiKey { scheme, .. } => Some(doc_text(&string_literal(scheme))),
            _ => None,
        })
        .collect();
    let title_doc = if api.title.trim().is_empty() {
        "the API".to_string()
    } else {
        doc_text(&api.title)
    };
    add(
        "ApiClient",
        render(&ClientJava {
            package: &package,
            title_doc: &title_doc,
            base_url: &string_literal(&api.default_base_url()),
            operations: &client_ops,
            time_imports: time_imports(item_tys.iter().map(String::as_str)),
            schemes,
            api_keys: api_keys.join(", "),
        }),
    );
    if !item_tys.is_empty() {
        add("ApiPages", render(&PagesJava { package: &package }));
        add(
            "ApiPaginationException",
            render(&PaginationExceptionJava { package: &package }),
        );
    }
    add("ApiException", render(&ExceptionJava { package: &package }));
    add("ApiJson", render(&JsonJava { package: &package }));
    add("ApiCall", render(&CallJava { package: &package }));
    add("ApiNullable", render(&NullableJava { package: &package }));
    let version = if !api.version.is_empty()
        && api.version.len() <= 50
        && api.version.starts_with(|c: char| c.is_ascii_alphanumeric())
        && api
            .version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        api.version.clone()
    } else {
        "1.0.0".to_string()
    };
    files.insert(
        "pom.xml".to_string(),
        file(&Pom {
            group: &package,
            artifact: &artifact,
            version: &version,
            name: &xml_text(if api.title.trim().is_empty() {
                &artifact
            } else {
                &api.title
            }),
            jackson: JACKSON_VERSION,
            compiler: COMPILER_PLUGIN_VERSION,
            resources: RESOURCES_PLUGIN_VERSION,
        }),
    );
    files.insert(".gitignore".to_string(), "target/\n".to_string());
    let title_md: String = crate::names::visible(&api.title)
        .chars()
        .filter(|c| !matches!(c, '`' | '<' | '>' | '[' | ']' | '*' | '_' | '\\' | '&'))
        .collect();
    files.insert(
        "README.md".to_string(),
        file(&Readme {
            package: &package,
            artifact: &artifact,
            title_doc: if title_md.trim().is_empty() {
                "an API"
            } else {
                title_md.trim()
            },
            example: &example,
            paging: !item_tys.is_empty(),
        }),
    );
    files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect()
}

/// The security schemes of `api`, once per name.
fn schemes(api: &Api) -> Vec<SchemeView> {
    let mut seen = HashSet::new();
    api.auth
        .iter()
        .map(|a| match a {
            Auth::ApiKey {
                scheme,
                location,
                name,
            } => SchemeView {
                name: string_literal(scheme),
                kind: "API_KEY",
                location: match location {
                    Location::Query => "QUERY",
                    Location::Cookie => "COOKIE",
                    _ => "HEADER",
                },
                key_name: string_literal(name),
            },
            Auth::Basic { scheme } => SchemeView {
                name: string_literal(scheme),
                kind: "BASIC",
                location: "HEADER",
                key_name: "\"\"".into(),
            },
            Auth::Bearer { scheme } => SchemeView {
                name: string_literal(scheme),
                kind: "BEARER",
                location: "HEADER",
                key_name: "\"\"".into(),
            },
        })
        .filter(|s| seen.insert(s.name.clone()))
        .collect()
}
