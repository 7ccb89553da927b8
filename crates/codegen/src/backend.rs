//! The backend contract: what a language backend receives, what it must return, and the one
//! way text from a definition may reach its output.
//!
//! # What a backend receives
//!
//! Each backend ([`rust`](crate::rust), [`typescript`](crate::typescript),
//! [`python`](crate::python), [`go`](crate::go), [`java`](crate::java)) is one function
//! `generate(api: &ir::Api, name: &str) -> Vec<GeneratedFile>`:
//!
//! - `api`, the [`ir::Api`](crate::ir::Api) built once by [`build`](crate::build()) for all
//!   languages: operations (parameters with style and explode, body, responses per status,
//!   security alternatives), named types, auth schemes and servers. Its names are *base* names
//!   (unique, wire names kept beside them), not identifiers: casing, keyword escapes and
//!   collisions with the language's own names are the backend's job. Every
//!   [`TypeRef::Named`](crate::ir::TypeRef::Named) indexes `api.types`. A backend only reads the
//!   model; it never builds `ir` values.
//! - `name`, the crate or package name as the user typed it; the backend makes it valid
//!   ([`rust::crate_name`](crate::rust::crate_name),
//!   [`typescript::package_name`](crate::typescript::package_name),
//!   [`names::package_slug`](crate::names::package_slug) then
//!   [`python::module_name`](crate::python::module_name)).
//!
//! # What a backend returns
//!
//! The complete package as [`GeneratedFile`](crate::GeneratedFile)s, sorted by path: relative
//! paths with `/` separators that stay inside the output folder (no `..`, no empty segment, none
//! derived from definition text except through the package name's slug). The same model gives
//! the same bytes (no hash order reaches the output). A backend does no I/O, never prints and
//! cannot fail: rendering only writes strings.
//!
//! - Rust: `Cargo.toml`, `README.md`, `src/lib.rs` (the client), `src/types.rs`,
//!   `src/runtime.rs`.
//! - TypeScript: `package.json`, `tsconfig.json`, `README.md`, `src/client.ts`, `src/types.ts`,
//!   `src/index.ts`, `src/runtime.ts`.
//! - Python: `pyproject.toml`, `README.md`, `<module>/__init__.py`, `<module>/client.py`,
//!   `<module>/models.py`, `<module>/_runtime.py`, `<module>/py.typed`.
//! - Go ([`go`](crate::go)): `go.mod`, `README.md`, `doc.go`, `client.go`, `optional.go`,
//!   `types.go`, and `operations.go` and `runtime.go` when there are operations, `codec.go`
//!   when a type needs it. The module path is the one addition to the contract:
//!   [`go::generate_module`](crate::go::generate_module) takes it beside the name (`--module`);
//!   [`go::generate`](crate::go::generate) derives it from the name.
//! - Java ([`java`](crate::java)): `pom.xml`, `README.md`, `.gitignore` and one file per
//!   top-level class under `src/main/java/<package>/`: `ApiClient.java`, `ApiException.java`,
//!   `ApiJson.java`, `ApiCall.java`, one per named type that is a Java type (records, enums,
//!   sealed interfaces; aliases are not) and an `<Op>Request.java` and `<Op>Response.java` per
//!   operation. The Java package is the second addition:
//!   [`java::generate_package`](crate::java::generate_package) takes it beside the name
//!   (`--package`); [`java::generate`](crate::java::generate) derives it from the name.
//!
//! # How it is written: views, then templates
//!
//! As in uniffi-rs, each backend runs in two passes. In Rust, it computes a view struct per
//! construct holding everything already decided: identifiers (deduplicated against the
//! language's reserved names), escaped literals, doc comments, type and decoding expressions.
//! Then one askama template per construct per language lays the view out
//! (`templates/<lang>/`): `type` (struct, interface or dataclass), `enum`, `union`, `alias`,
//! `operation` (one client method), the response type (`response.rs.txt`, `result.ts.txt`,
//! `result.py.txt`), `auth` (credentials per scheme) and the client or whole file templates
//! (`client.rs.txt`, `lib.rs.txt`, `types.rs.txt`, `client.ts.txt`, `types.ts.txt`,
//! `client.py.txt`, `models.py.txt`, manifests and READMEs). Templates use `escape = "none"`
//! (the output is code, not HTML) and `{%- -%}` whitespace control; they decide layout only and
//! never receive definition text that has not been through an escaper.
//!
//! # Which escaper guards which context
//!
//! Definition text (titles, descriptions, names, enum values, media types, server URLs...)
//! reaches generated text only through these functions, one per context per language, all built
//! on [`names::quoted`](crate::names::quoted), [`names::visible`](crate::names::visible) and
//! [`names::visible_lines`](crate::names::visible_lines) (no hidden or bidirectional character
//! survives, no line break inside a one-line context):
//!
//! | context | Rust | TypeScript | Python |
//! | --- | --- | --- | --- |
//! | doc comment | [`doc_comment`](crate::rust::doc_comment): `///` lines, fences, HTML and links escaped, no indented code block, so nothing becomes a doctest | [`doc_comment`](crate::typescript::doc_comment): JSDoc block, `*/` broken | [`docstring`](crate::python::docstring): quotes and backslashes escaped, `>>>` lines neutralized |
//! | one-line comment (file headers) | [`comment_text`](crate::rust::comment_text) | [`comment_text`](crate::typescript::comment_text) | [`comment_text`](crate::python::comment_text) |
//! | string literal | [`string_literal`](crate::rust::string_literal) | [`string_literal`](crate::typescript::string_literal) (valid JSON too) | [`string_literal`](crate::python::string_literal) |
//! | identifier | [`snake`](crate::rust::snake), [`pascal_ident`](crate::rust::pascal_ident) (keywords as `r#` or `_`), then [`RESERVED_TYPES`](crate::rust::RESERVED_TYPES) / [`RESERVED_METHODS`](crate::rust::RESERVED_METHODS) | [`camel`](crate::typescript::camel), [`pascal_ident`](crate::typescript::pascal_ident), [`property_key`](crate::typescript::property_key) (bare or quoted), then [`RESERVED_TYPES`](crate::typescript::RESERVED_TYPES) / [`RESERVED_METHODS`](crate::typescript::RESERVED_METHODS) | [`snake`](crate::python::snake), [`pascal_ident`](crate::python::pascal_ident), [`upper`](crate::python::upper), then [`is_reserved`](crate::python::is_reserved), [`BUILTINS`](crate::python::BUILTINS), [`MODULE_NAMES`](crate::python::MODULE_NAMES), [`CLASS_BODY_NAMES`](crate::python::CLASS_BODY_NAMES) |
//! | manifest string | [`manifest::toml_string`](crate::manifest::toml_string) (`Cargo.toml`) | [`manifest::json_string`](crate::manifest::json_string) (`package.json`) | [`manifest::toml_string`](crate::manifest::toml_string) (`pyproject.toml`) |
//!
//! Go's escapers, on the same primitives: [`doc_comment`](crate::go::doc_comment) (`//` lines
//! in the form gofmt keeps: no directive, no code block, no link definition, headings and
//! quotes as gofmt rewrites them), [`comment_text`](crate::go::comment_text),
//! [`string_literal`](crate::go::string_literal) (`\uXXXX`/`\UXXXXXXXX` for hidden
//! characters), [`pascal_ident`](crate::go::pascal_ident) and
//! [`field_ident`](crate::go::field_ident) (always exported, so never a keyword or predeclared
//! name), then [`RESERVED_TYPES`](crate::go::RESERVED_TYPES),
//! [`RESERVED_METHODS`](crate::go::RESERVED_METHODS) and
//! [`RESERVED_FIELDS`](crate::go::RESERVED_FIELDS); [`package_name`](crate::go::package_name)
//! and [`module_path`](crate::go::module_path) for `go.mod` and the package clause.
//!
//! Java's escapers, on the same primitives, with one rule more because javac reads Unicode
//! escapes (`\u000a`) before comments and literals: no output holds a backslash javac could
//! read as one. [`doc_comment`](crate::java::doc_comment) (a Javadoc block: `&`, `<`, `>`,
//! `@` and `\` as HTML entities, `*/` broken, blank lines as `<p>`, block tags written by the
//! generator), [`doc_text`](crate::java::doc_text) (a line of Javadoc),
//! [`comment_text`](crate::java::comment_text) (`//` lines, backslashes doubled),
//! [`string_literal`](crate::java::string_literal) (backslashes doubled, hidden characters as
//! octal or `\uXXXX` escapes, never for a line break), [`type_ident`](crate::java::type_ident),
//! [`member_ident`](crate::java::member_ident) (keywords get `_`) and
//! [`constant_ident`](crate::java::constant_ident), then
//! [`JAVA_LANG`](crate::java::JAVA_LANG), [`RESERVED_TYPES`](crate::java::RESERVED_TYPES),
//! [`RESERVED_METHODS`](crate::java::RESERVED_METHODS) and
//! [`RESERVED_FIELDS`](crate::java::RESERVED_FIELDS), top-level names deduplicated
//! case-insensitively (class files on case-insensitive file systems) and nested ones kept apart
//! from every top-level name; [`xml_text`](crate::java::xml_text) for the `pom.xml` and
//! [`package_name`](crate::java::package_name) for the package.
//!
//! Code spans inside a doc comment (an enum value, a media type, an operation's path) are
//! [`names::visible`](crate::names::visible) text with backticks replaced, inside a doc comment
//! escaped as above. The injection tests search every backend's output for the hostile
//! payloads outside literals and comments.
