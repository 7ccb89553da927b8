//! Go escapers: the only way text from a definition reaches generated Go.
//!
//! Every identifier the generator derives from a definition is exported (it starts with an
//! upper-case ASCII letter), so none can be a Go keyword or a predeclared identifier (those are
//! all lower case) nor meet the runtime's unexported helpers; the package name, the one lower
//! case name, avoids both lists.

use crate::names::{visible, visible_lines, words};

/// Go's keywords.
pub const KEYWORDS: [&str; 25] = [
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Go's predeclared identifiers (types, constants, zero value and built-in functions).
pub const PREDECLARED: [&str; 44] = [
    "any",
    "bool",
    "byte",
    "comparable",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "true",
    "false",
    "iota",
    "nil",
    "append",
    "cap",
    "clear",
    "close",
    "complex",
    "copy",
    "delete",
    "imag",
    "len",
    "make",
    "max",
    "min",
    "new",
    "panic",
    "print",
    "println",
    "real",
    "recover",
];

/// The package's own exported names (client, options, error and optional types): a type,
/// constant or helper the generator derives from a definition never takes one of them.
pub const RESERVED_TYPES: &[&str] = &[
    "Client",
    "NewClient",
    "Option",
    "WithBaseURL",
    "WithHTTPClient",
    "WithHeader",
    "WithBearerToken",
    "WithBasicAuth",
    "WithAPIKey",
    "APIError",
    "DefaultBaseURL",
    "Nullable",
    "NullableOf",
    "Null",
    "Ptr",
    "Pager",
    "ErrNoMorePages",
    "PaginationError",
    "HeaderError",
    "UnknownValue",
];

/// Method names an operation cannot take: the client's own method and the names `go vet`
/// expects a standard signature for (`stdmethods`), or that fmt and errors give a meaning.
pub const RESERVED_METHODS: &[&str] = &[
    "BaseURL",
    "String",
    "Error",
    "Format",
    "GoString",
    "GobDecode",
    "GobEncode",
    "MarshalJSON",
    "UnmarshalJSON",
    "MarshalXML",
    "UnmarshalXML",
    "MarshalText",
    "UnmarshalText",
    "MarshalBinary",
    "UnmarshalBinary",
    "Peek",
    "ReadByte",
    "ReadFrom",
    "ReadRune",
    "Scan",
    "Seek",
    "UnreadByte",
    "UnreadRune",
    "WriteByte",
    "WriteTo",
    "Is",
    "As",
    "Unwrap",
];

/// Field names a generated struct cannot use: its JSON methods.
pub const RESERVED_FIELDS: &[&str] = &["MarshalJSON", "UnmarshalJSON"];

/// The top-level packages of Go's standard library, which a module path must not shadow.
const STD_PACKAGES: &[&str] = &[
    "archive",
    "bufio",
    "builtin",
    "bytes",
    "cmp",
    "cmd",
    "compress",
    "container",
    "context",
    "crypto",
    "database",
    "debug",
    "embed",
    "encoding",
    "errors",
    "expvar",
    "flag",
    "fmt",
    "go",
    "hash",
    "html",
    "image",
    "index",
    "internal",
    "io",
    "iter",
    "log",
    "maps",
    "math",
    "mime",
    "net",
    "os",
    "path",
    "plugin",
    "reflect",
    "regexp",
    "runtime",
    "slices",
    "sort",
    "std",
    "strconv",
    "strings",
    "structs",
    "sync",
    "syscall",
    "testing",
    "text",
    "time",
    "unicode",
    "unique",
    "unsafe",
    "vendor",
    "weak",
];

/// Initialisms Go spells in one case (`PetID`, `BaseURL`), as golint and gopls do.
const INITIALISMS: &[&str] = &[
    "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip",
    "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl",
    "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss",
];

/// A Go interpreted string literal holding `s` exactly: `"`, `\` and line breaks escaped, and
/// every [hidden](crate::names::is_hidden) character as `\uXXXX` or `\UXXXXXXXX`.
#[must_use]
pub fn string_literal(s: &str) -> String {
    crate::names::quoted(s, |c, out| {
        let n = c as u32;
        if n > 0xffff {
            out.push_str(&format!("\\U{n:08x}"));
        } else {
            out.push_str(&format!("\\u{n:04x}"));
        }
    })
}

/// Go doc comment lines (`// ...`) for `text`, indented by `indent`, in the form gofmt keeps:
/// each line prefixed (no text can leave the comment: every line break of any kind ends a
/// line), never `//go:` or `//line` (a space always follows `//`), no leading white space (no
/// code block), one blank line between paragraphs, no link definition (a leading `[` is
/// escaped) and at most 40 lines.
#[must_use]
pub fn doc_comment(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return String::new();
    };
    let mut lines: Vec<String> = Vec::new();
    for line in visible_lines(text) {
        let line = line.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let line = if line.starts_with('[') {
            format!("\\{line}")
        } else {
            line.to_string()
        };
        lines.push(line);
        if lines.len() >= 40 {
            break;
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    canonical(&mut lines);
    let mut out = String::new();
    for line in &lines {
        if line.is_empty() {
            out.push_str(&format!("{indent}//\n"));
        } else {
            out.push_str(&format!("{indent}// {line}\n"));
        }
    }
    out
}

/// Rewrites unindented, blank-separated lines as gofmt's doc comment printer would
/// (go/doc/comment): a one-line paragraph that is a heading (`# Title`, or an old-style one:
/// capitalized, no punctuation, between blank lines, not first nor last) becomes `# Title`,
/// and in other paragraphs two backticks or quotes become curly quotes (“ and ”) except in a
/// run of three or more backticks.
fn canonical(lines: &mut [String]) {
    let n = lines.len();
    for i in 0..n {
        if lines[i].is_empty() {
            continue;
        }
        let alone = (i == 0 || lines[i - 1].is_empty()) && (i + 1 == n || lines[i + 1].is_empty());
        if alone && is_heading(&lines[i]) {
            lines[i] = format!("# {}", lines[i][1..].trim());
        } else if alone && i > 0 && i + 2 < n && is_old_heading(&lines[i]) {
            lines[i] = format!("# {}", lines[i]);
        } else {
            lines[i] = curly_quotes(&lines[i]);
        }
    }
}

/// go/doc/comment's `isHeading`.
fn is_heading(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 2 && b[0] == b'#' && (b[1] == b' ' || b[1] == b'\t') && line.trim() != "#"
}

/// go/doc/comment's `isOldHeading`, less the position rules.
fn is_old_heading(line: &str) -> bool {
    let line = line.trim();
    let (Some(first), Some(last)) = (line.chars().next(), line.chars().last()) else {
        return false;
    };
    if !first.is_alphabetic() || !first.is_uppercase() || !(last.is_alphanumeric()) {
        return false;
    }
    if line.contains(|c| ";:!?+*/=[]{}_^°&§~%#@<\">\\".contains(c)) {
        return false;
    }
    let mut rest = line;
    while let Some((_, b)) = rest.split_once('\'') {
        if b != "s" && !b.starts_with("s ") {
            return false;
        }
        rest = b;
    }
    let mut rest = line;
    while let Some((_, b)) = rest.split_once('.') {
        if b.is_empty() || b.starts_with(' ') {
            return false;
        }
        rest = b;
    }
    true
}

/// go/doc/comment's text rewriting: ``` `` ``` becomes “ and `''` becomes ”, except inside a
/// run of three or more backticks.
fn curly_quotes(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut wrote = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"``") {
            if b.get(i + 2) == Some(&b'`') {
                i += 3;
                while b.get(i) == Some(&b'`') {
                    i += 1;
                }
                continue;
            }
            out.push_str(&line[wrote..i]);
            out.push('“');
            i += 2;
            wrote = i;
        } else if b[i..].starts_with(b"''") {
            out.push_str(&line[wrote..i]);
            out.push('”');
            i += 2;
            wrote = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&line[wrote..]);
    out
}

/// Text for inside a `//` comment line: one visible line, white space collapsed.
#[must_use]
pub fn comment_text(text: &str) -> String {
    visible(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An exported Go identifier in `PascalCase` for `base` (initialisms in one case: `PetID`),
/// `prefix` added when it would start with a digit, `fallback` when `base` has no words.
fn exported(base: &str, prefix: &str, fallback: &str) -> String {
    let mut s = String::with_capacity(base.len());
    for w in words(base) {
        if INITIALISMS.contains(&w.as_str()) {
            s.push_str(&w.to_ascii_uppercase());
        } else {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.push(f.to_ascii_uppercase());
                s.push_str(c.as_str());
            }
        }
    }
    if s.is_empty() {
        return fallback.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, prefix);
    }
    s
}

/// An exported type identifier for `base` (`T` before a leading digit).
#[must_use]
pub fn pascal_ident(base: &str) -> String {
    exported(base, "T", "Unnamed")
}

/// An exported field, constant or method identifier for `base` (`N` before a leading digit).
#[must_use]
pub fn field_ident(base: &str) -> String {
    exported(base, "N", "Field")
}

/// The Go package name for `name`: the letters and digits of its
/// [slug](crate::names::package_slug), with `api` added when that is a keyword, a predeclared
/// identifier or `main` (which would make a command, not a library).
#[must_use]
pub fn package_name(name: &str) -> String {
    let slug: String = crate::names::package_slug(name).replace('-', "");
    if KEYWORDS.contains(&slug.as_str()) || PREDECLARED.contains(&slug.as_str()) || slug == "main" {
        format!("{slug}api")
    } else {
        slug
    }
}

/// Whether `path` is a module path `go.mod` accepts: ASCII letters, digits and `-._~/`,
/// elements neither empty nor starting or ending with a dot, at most 300 characters.
#[must_use]
pub fn is_module_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 300
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/'))
        && path
            .split('/')
            .all(|e| !e.is_empty() && !e.starts_with('.') && !e.ends_with('.'))
}

/// The module path for `module` (the `--module` value) when [valid](is_module_path), else the
/// [slug](crate::names::package_slug) of `name`, with `-api` added when it is the name of a
/// standard library package.
#[must_use]
pub fn module_path(module: Option<&str>, name: &str) -> String {
    if let Some(m) = module.filter(|m| is_module_path(m)) {
        return m.to_string();
    }
    let slug = crate::names::package_slug(name);
    if STD_PACKAGES.contains(&slug.as_str()) {
        format!("{slug}-api")
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_escape() {
        assert_eq!(
            string_literal("a\"b\\\u{2028}\u{e0041}"),
            "\"a\\\"b\\\\\\u2028\\U000e0041\""
        );
        let doc = doc_comment(
            Some("x */\n\n\n  //go:generate rm\r\n[a]: http://x\n\n"),
            "\t",
        );
        assert_eq!(
            doc,
            "\t// x */\n\t//\n\t// //go:generate rm\n\t// \\[a]: http://x\n"
        );
        assert_eq!(
            doc_comment(
                Some("Intro\n\nA Heading\n\nText ''x'' ```y``` ``z``\n\n#  New"),
                ""
            ),
            "// Intro\n//\n// # A Heading\n//\n// Text ”x” ```y``` “z“\n//\n// # New\n"
        );
        assert_eq!(field_ident("pet_id"), "PetID");
        assert_eq!(field_ident("1st"), "N1st");
        assert_eq!(pascal_ident("2fa"), "T2fa");
        assert_eq!(pascal_ident(""), "Unnamed");
        assert_eq!(package_name("gateway-crud"), "gatewaycrud");
        assert_eq!(package_name("type"), "typeapi");
        assert_eq!(package_name("main"), "mainapi");
        assert!(is_module_path("github.com/acme/pets"));
        assert!(!is_module_path("a\"b"));
        assert!(!is_module_path("a//b"));
        assert_eq!(module_path(None, "errors"), "errors-api");
        assert_eq!(module_path(Some("x y"), "pets"), "pets");
    }
}
