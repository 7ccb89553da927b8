//! TypeScript escapers: the only way text from a definition reaches generated TypeScript.

use crate::names::{visible, visible_lines, words};

/// Words JavaScript or TypeScript reserve, which never become bare identifiers.
const RESERVED: [&str; 63] = [
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "as",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "any",
    "boolean",
    "constructor",
    "declare",
    "get",
    "module",
    "require",
    "number",
    "set",
    "string",
    "symbol",
    "type",
    "from",
    "of",
    "await",
    "async",
    "unknown",
];

/// A double-quoted string literal holding `s` exactly (also valid JSON).
#[must_use]
pub fn string_literal(s: &str) -> String {
    crate::names::quoted(s, |c, out| {
        // UTF-16 units, so astral characters are surrogate pairs (valid JSON too).
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{:04x}", *u));
        }
    })
}

/// A JSDoc block for `text`, indented by `indent`: no text can close the comment early.
#[must_use]
pub fn doc_comment(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return String::new();
    };
    let all = visible_lines(text.trim());
    let lines: Vec<&String> = all.iter().take(40).collect();
    let mut out = format!("{indent}/**\n");
    for line in lines.iter() {
        let clean = line.replace("*/", "*\\/");
        let clean = clean.trim_end();
        if clean.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {clean}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    if lines.len() == 1 {
        // One line: `/** text */`.
        let body = out
            .lines()
            .nth(1)
            .unwrap_or_default()
            .trim_start()
            .trim_start_matches('*');
        return format!("{indent}/**{body} */\n");
    }
    out
}

/// Text for a `//` line comment: one visible line (no line terminator, nothing hidden).
#[must_use]
pub fn comment_text(text: &str) -> String {
    visible(text)
}

/// Names the generated `types` module must leave alone: the globals it mentions and the
/// standard global types (`Record`, `Promise`, `Array`...) a reader expects to mean the global.
/// (`Error` is not among them: the module never mentions it, and many definitions have one.)
pub const RESERVED_TYPES: &[&str] = &[
    "Blob",
    "Array",
    "ReadonlyArray",
    "Record",
    "Promise",
    "PromiseLike",
    "Partial",
    "Required",
    "Readonly",
    "Pick",
    "Omit",
    "Exclude",
    "Extract",
    "NonNullable",
    "Awaited",
    "ReturnType",
    "Parameters",
    "InstanceType",
    "Object",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "BigInt",
    "Function",
    "Date",
    "RegExp",
    "Map",
    "Set",
    "JSON",
    "Math",
    "Headers",
    "Request",
    "Response",
    "RequestInit",
    "FormData",
    "URLSearchParams",
    "URL",
    "Uint8Array",
    "ArrayBuffer",
];

/// Method names an operation cannot take: the client's own members and those of
/// `Object.prototype` (a method would shadow them).
pub const RESERVED_METHODS: &[&str] = &[
    "constructor",
    "baseUrl",
    "toString",
    "toLocaleString",
    "valueOf",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "then",
];

/// Node's built-in module names, which npm refuses as new package names.
const NODE_BUILTINS: &[&str] = &[
    "assert",
    "async-hooks",
    "buffer",
    "child-process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics-channel",
    "dns",
    "domain",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "perf-hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "repl",
    "stream",
    "string-decoder",
    "sys",
    "timers",
    "tls",
    "trace-events",
    "tty",
    "url",
    "util",
    "v8",
    "vm",
    "zlib",
];

/// The npm package name for `name`: a [slug](crate::names::package_slug) (lower case, URL-safe,
/// short), with `-api` added when it is a Node built-in module's name.
#[must_use]
pub fn package_name(name: &str) -> String {
    let slug = crate::names::package_slug(name);
    if NODE_BUILTINS.contains(&slug.as_str()) || slug == "node-modules" {
        format!("{slug}-api")
    } else {
        slug
    }
}

/// Whether `s` can stand as a property name without quotes.
fn is_plain(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A property key for `wire`: bare when it is a plain identifier, else a string literal.
#[must_use]
pub fn property_key(wire: &str) -> String {
    if is_plain(wire) {
        wire.to_string()
    } else {
        string_literal(wire)
    }
}

/// A `camelCase` identifier for `base`, never a reserved word.
#[must_use]
pub fn camel(base: &str) -> String {
    let w = words(base);
    let mut s = String::new();
    for (i, word) in w.iter().enumerate() {
        if i == 0 {
            s.push_str(word);
        } else {
            let mut c = word.chars();
            if let Some(f) = c.next() {
                s.push(f.to_ascii_uppercase());
                s.push_str(c.as_str());
            }
        }
    }
    if s.is_empty() {
        s = "value".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    if RESERVED.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// A `PascalCase` type identifier for `base`.
#[must_use]
pub fn pascal_ident(base: &str) -> String {
    let s = crate::names::pascal(base, "Unnamed");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_escape() {
        assert_eq!(string_literal("a\"b\\\u{2028}"), "\"a\\\"b\\\\\\u2028\"");
        let doc = doc_comment(Some("x */ alert(1) /*\r\nnext"), "");
        assert_eq!(doc.matches("*/").count(), 1, "{doc}");
        assert_eq!(property_key("x-next"), "\"x-next\"");
        assert_eq!(property_key("ok_1"), "ok_1");
        assert_eq!(camel("delete"), "delete_");
        assert_eq!(camel("pet-id"), "petId");
        assert_eq!(camel("1st"), "n1st");
        assert_eq!(pascal_ident("2fa"), "T2fa");
    }
}
