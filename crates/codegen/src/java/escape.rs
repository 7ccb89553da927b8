//! Java escapers: the only way text from a definition reaches generated Java, Javadoc, the
//! `pom.xml` and the package name.
//!
//! javac translates Unicode escapes (`\u` followed by hex digits) everywhere in a source file
//! before it reads any token, comments and string literals included: `\u000a` in a comment
//! would end it and `\u0022` in a literal would close it. So no escaper here lets a backslash
//! through that javac could read as the start of one: string literals double every backslash
//! (a backslash that javac sees before a `u` is then always preceded by an odd number of
//! backslashes, which makes it ineligible), Javadoc writes it as `&#92;` and line comments
//! double it.

use crate::names::{is_hidden, is_line_break, visible, words};

/// Java's keywords, the literals `true`, `false` and `null`, and the contextual keywords that
/// cannot name a type or be called unqualified (`var`, `yield`, `record`, `sealed`, `permits`,
/// `non-sealed` is not an identifier) and `_`.
pub const KEYWORDS: [&str; 59] = [
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
    "true",
    "false",
    "null",
    "var",
    "yield",
    "record",
    "sealed",
    "permits",
    "_",
];

/// The public types of `java.lang` (Java 17, and the ones later releases added), which every
/// compilation unit imports on demand: a generated type of the same name would shadow them in
/// the package and make `import com.example.api.*` ambiguous in the SDK user's code.
pub const JAVA_LANG: &[&str] = &[
    "AbstractMethodError",
    "Appendable",
    "ArithmeticException",
    "ArrayIndexOutOfBoundsException",
    "ArrayStoreException",
    "AssertionError",
    "AutoCloseable",
    "Boolean",
    "BootstrapMethodError",
    "Byte",
    "CharSequence",
    "Character",
    "Class",
    "ClassCastException",
    "ClassCircularityError",
    "ClassFormatError",
    "ClassLoader",
    "ClassNotFoundException",
    "ClassValue",
    "CloneNotSupportedException",
    "Cloneable",
    "Comparable",
    "Compiler",
    "Deprecated",
    "Double",
    "Enum",
    "EnumConstantNotPresentException",
    "Error",
    "Exception",
    "ExceptionInInitializerError",
    "Float",
    "FunctionalInterface",
    "IllegalAccessError",
    "IllegalAccessException",
    "IllegalArgumentException",
    "IllegalCallerException",
    "IllegalMonitorStateException",
    "IllegalStateException",
    "IllegalThreadStateException",
    "IncompatibleClassChangeError",
    "IndexOutOfBoundsException",
    "InheritableThreadLocal",
    "InstantiationError",
    "InstantiationException",
    "Integer",
    "InternalError",
    "InterruptedException",
    "Iterable",
    "LayerInstantiationException",
    "LinkageError",
    "Long",
    "MatchException",
    "Math",
    "Module",
    "ModuleLayer",
    "NegativeArraySizeException",
    "NoClassDefFoundError",
    "NoSuchFieldError",
    "NoSuchFieldException",
    "NoSuchMethodError",
    "NoSuchMethodException",
    "NullPointerException",
    "Number",
    "NumberFormatException",
    "Object",
    "OutOfMemoryError",
    "Override",
    "Package",
    "Process",
    "ProcessBuilder",
    "ProcessHandle",
    "Readable",
    "Record",
    "ReflectiveOperationException",
    "Runnable",
    "Runtime",
    "RuntimePermission",
    "SafeVarargs",
    "ScopedValue",
    "SecurityException",
    "SecurityManager",
    "Short",
    "StackOverflowError",
    "StackTraceElement",
    "StackWalker",
    "StrictMath",
    "String",
    "StringBuffer",
    "StringBuilder",
    "StringIndexOutOfBoundsException",
    "StringTemplate",
    "SuppressWarnings",
    "System",
    "Thread",
    "ThreadDeath",
    "ThreadGroup",
    "ThreadLocal",
    "Throwable",
    "TypeNotPresentException",
    "UnknownError",
    "UnsatisfiedLinkError",
    "UnsupportedClassVersionError",
    "UnsupportedOperationException",
    "VerifyError",
    "VirtualMachineError",
    "Void",
    "WrongThreadException",
];

/// The SDK's own top-level and nested type names and the simple names its files import: a
/// type the generator derives from a definition never takes one of them (nor a
/// [`JAVA_LANG`] name), so none is shadowed where the generated code uses it.
pub const RESERVED_TYPES: &[&str] = &[
    "ApiClient",
    "ApiException",
    "ApiCall",
    "ApiJson",
    "ApiNullable",
    "ApiPages",
    "ApiPaginationException",
    "Builder",
    "Decoder",
    "JsonProperty",
    "JsonInclude",
    "JsonAnyGetter",
    "JsonAnySetter",
    "LocalDate",
    "OffsetDateTime",
    "JsonCreator",
    "JsonValue",
    "JsonDeserialize",
    "JsonNode",
    "List",
    "Map",
    "HttpHeaders",
    "HttpClient",
    "CompletableFuture",
    "IOException",
];

/// Method names an operation cannot take on `ApiClient`: the client's own methods and
/// `java.lang.Object`'s.
pub const RESERVED_METHODS: &[&str] = &[
    "builder",
    "baseUrl",
    "send",
    "sendAsync",
    "clone",
    "equals",
    "finalize",
    "getClass",
    "hashCode",
    "notify",
    "notifyAll",
    "toString",
    "wait",
];

/// Names a record component or request parameter cannot take: the ones a record forbids
/// (`java.lang.Object`'s methods), the request's own methods, and the first segments of the
/// packages the generated code names in full (a field called `java` would obscure them).
pub const RESERVED_FIELDS: &[&str] = &[
    "clone",
    "equals",
    "finalize",
    "getClass",
    "hashCode",
    "notify",
    "notifyAll",
    "toString",
    "wait",
    "builder",
    "build",
    "call",
    "decode",
    "java",
    "javax",
    "com",
    "org",
];

/// Writes `c` the way a Java string literal escapes a hidden character: a three-digit octal
/// escape below U+0100, `\uXXXX` above (a surrogate pair above U+FFFF). Never a line feed or
/// carriage return (`names::quoted` writes those as `\n` and `\r`, which is vital: javac would
/// turn `\u000a` into a real line break before reading the literal).
fn hidden_escape(c: char, out: &mut String) {
    let n = c as u32;
    if n < 0x100 {
        out.push_str(&format!("\\{n:03o}"));
    } else {
        let mut buf = [0u16; 2];
        for unit in c.encode_utf16(&mut buf) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    }
}

/// A Java string literal holding `s` exactly: `"`, `\` and line breaks escaped, and every
/// [hidden](crate::names::is_hidden) character as an octal or `\uXXXX` escape.
#[must_use]
pub fn string_literal(s: &str) -> String {
    crate::names::quoted(s, hidden_escape)
}

/// Writes `c` to Javadoc (and HTML generally): `&`, `<`, `>` as entities, `@` as `&#64;` (no
/// block or inline tag can start), `\` as `&#92;` (no Unicode escape), and a `/` right after a
/// `*` as `&#47;` (no `*/` ends the comment).
fn push_javadoc(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '@' => out.push_str("&#64;"),
        '\\' => out.push_str("&#92;"),
        '/' if out.ends_with('*') => out.push_str("&#47;"),
        c => out.push(c),
    }
}

/// Whether byte `b` stands for itself in Javadoc and is neither white space nor hidden: the
/// printable ASCII characters but for the ones [`push_javadoc`] escapes. Runs of them are
/// copied as they are (the common case, and the fast one).
fn plain(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'&' | b'<' | b'>' | b'@' | b'\\' | b'/')
}

/// The end of the run of [`plain`] bytes of `bytes` starting at `i`.
fn plain_run(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && plain(bytes[i]) {
        i += 1;
    }
    i
}

/// Writes the [visible] characters of `text` to `out` as Javadoc ([`push_javadoc`]), white
/// space collapsed to single spaces and trimmed (a tab or line break counts as white space, a
/// hidden character as nothing): one line, whatever `text` holds.
fn push_javadoc_line(out: &mut String, text: &str) {
    let start = out.len();
    let mut space = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if plain(bytes[i]) {
            let end = plain_run(bytes, i);
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&text[i..end]);
            i = end;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let white = if c == '\t' || is_line_break(c) {
            true
        } else if is_hidden(c) {
            continue;
        } else {
            c.is_whitespace()
        };
        if white {
            space = out.len() > start;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            push_javadoc(out, c);
        }
    }
}

/// The lines of `text`, split at every [line break](is_line_break) (CR LF counts once), as
/// [`visible_lines`](crate::names::visible_lines) splits them.
fn raw_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        let bytes = t.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Every line break starts with one of these bytes (U+0085 is C2 85, U+2028 and
            // U+2029 are E2 80 A8 and E2 80 A9).
            if matches!(b, b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1e | 0xc2 | 0xe2) {
                if let Some(c) = t[i..].chars().next().filter(|&c| is_line_break(c)) {
                    let next = if c == '\r' && bytes.get(i + 1) == Some(&b'\n') {
                        i + 2
                    } else {
                        i + c.len_utf8()
                    };
                    rest = Some(&t[next..]);
                    return Some(&t[..i]);
                }
            }
            i += 1;
            while i < bytes.len() && !t.is_char_boundary(i) {
                i += 1;
            }
        }
        rest = None;
        Some(t)
    })
}

/// One Javadoc line for a line of text: [visible] (tabs become spaces, hidden characters
/// nothing), trimmed, escaped ([`push_javadoc`]); inner white space is kept as it is.
fn javadoc_line(line: &str, out: &mut String, pending: &mut String) {
    let start = out.len();
    pending.clear();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if plain(bytes[i]) {
            let end = plain_run(bytes, i);
            out.push_str(pending);
            pending.clear();
            out.push_str(&line[i..end]);
            i = end;
            continue;
        }
        let Some(c) = line[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let c = if c == '\t' {
            ' '
        } else if is_hidden(c) {
            continue;
        } else {
            c
        };
        if c.is_whitespace() {
            // Held back until a visible character follows (the line is trimmed).
            if out.len() > start {
                pending.push(c);
            }
            continue;
        }
        out.push_str(pending);
        pending.clear();
        push_javadoc(out, c);
    }
}

/// A Javadoc comment for `text`, indented by `indent`, with block `tags` after it (each
/// `(tag, name, text)`, such as `("@param", "limit", "how many")`: `tag` and `name` are the
/// generator's own, `text` is escaped). Every line of the text is a ` * ` line (no line break
/// of any kind survives inside one), blank runs are collapsed to one `<p>`, and at most 60
/// lines are kept. Empty when there is nothing to say.
#[must_use]
pub fn doc_comment(text: Option<&str>, tags: &[(&str, &str, &str)], indent: &str) -> String {
    let mut out = String::new();
    let mut lines = 0;
    // A blank line seen after text: written as `<p>` when more text follows.
    let mut blank = false;
    let open = |out: &mut String| {
        if out.is_empty() {
            out.reserve(64 + text.map_or(0, str::len));
            out.push_str(indent);
            out.push_str("/**\n");
        }
    };
    if let Some(text) = text {
        let mut line = String::new();
        let mut pending = String::new();
        for raw in raw_lines(text) {
            line.clear();
            javadoc_line(raw, &mut line, &mut pending);
            if line.is_empty() {
                blank = lines > 0;
                continue;
            }
            open(&mut out);
            if blank {
                out.push_str(indent);
                out.push_str(" * <p>\n");
                lines += 1;
                blank = false;
            }
            out.push_str(indent);
            out.push_str(" * ");
            out.push_str(&line);
            out.push('\n');
            lines += 1;
            if lines >= 60 {
                break;
            }
        }
    }
    if !tags.is_empty() {
        open(&mut out);
        if lines > 0 {
            out.push_str(indent);
            out.push_str(" *\n");
        }
        for (tag, name, text) in tags {
            out.push_str(indent);
            out.push_str(" * ");
            out.push_str(tag);
            if !name.is_empty() {
                out.push(' ');
                out.push_str(name);
            }
            let at = out.len();
            out.push(' ');
            let before = out.len();
            push_javadoc_line(&mut out, text);
            if out.len() == before {
                out.truncate(at);
            }
            out.push('\n');
        }
    }
    if out.is_empty() {
        return out;
    }
    out.push_str(indent);
    out.push_str(" */\n");
    out
}

/// One line of Javadoc text for `text` (inside a sentence the generator writes): visible, white
/// space collapsed, escaped as in [`doc_comment`].
#[must_use]
pub fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_javadoc_line(&mut out, text);
    out
}

/// Text for inside a `//` comment line: one visible line, white space collapsed, backslashes
/// doubled (no Unicode escape can end the comment).
#[must_use]
pub fn comment_text(text: &str) -> String {
    visible(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\\', "\\\\")
}

/// Text for an XML element's content in the `pom.xml`: one visible line, `&`, `<` and `>` as
/// entities.
#[must_use]
pub fn xml_text(text: &str) -> String {
    visible(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A type identifier in `PascalCase` for `base` (`T` before a leading digit, `Unnamed` when it
/// has no words): ASCII letters and digits, starting with an upper-case letter, so never a
/// keyword.
#[must_use]
pub fn type_ident(base: &str) -> String {
    let s = crate::names::pascal(base, "Unnamed");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{s}")
    } else {
        s
    }
}

/// A field, parameter or method identifier in `camelCase` for `base` (`n` before a leading
/// digit, `value` when it has no words, `_` after a [keyword](KEYWORDS)).
#[must_use]
pub fn member_ident(base: &str) -> String {
    let w = words(base);
    let mut s = String::with_capacity(base.len());
    for (i, word) in w.iter().enumerate() {
        let mut c = word.chars();
        if let Some(f) = c.next() {
            if i == 0 {
                s.push(f);
            } else {
                s.push(f.to_ascii_uppercase());
            }
            s.push_str(c.as_str());
        }
    }
    if s.is_empty() {
        return "value".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'n');
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// An enum constant identifier in `UPPER_SNAKE_CASE` for `base` (`V_` before a leading digit,
/// `VALUE` when it has no words).
#[must_use]
pub fn constant_ident(base: &str) -> String {
    let s = words(base)
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() {
        "VALUE".into()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V_{s}")
    } else {
        s
    }
}

/// Whether `name` is a package name this backend accepts for `--package`: dot-separated Java
/// identifiers of ASCII letters, digits and `_` (none a [keyword](KEYWORDS), none starting
/// with a digit), the first not `java` (the JVM refuses classes there), at most 200
/// characters.
#[must_use]
pub fn is_package_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && name.split('.').next() != Some("java")
        && name.split('.').all(|s| {
            !s.is_empty()
                && !s.starts_with(|c: char| c.is_ascii_digit())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !KEYWORDS.contains(&s)
        })
}

/// The Java package for `package` (the `--package` value) when it is
/// [valid](is_package_name), else the letters and digits of `name`'s
/// [slug](crate::names::package_slug), with `api` added when that is a keyword or `java`.
#[must_use]
pub fn package_name(package: Option<&str>, name: &str) -> String {
    if let Some(p) = package.filter(|p| is_package_name(p)) {
        return p.to_string();
    }
    let slug: String = crate::names::package_slug(name).replace('-', "");
    if KEYWORDS.contains(&slug.as_str()) || slug == "java" {
        format!("{slug}api")
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
            string_literal("a\"b\\u0022\u{2028}\u{b}\u{1f40d}\u{e0041}"),
            "\"a\\\"b\\\\u0022\\u2028\\013\u{1f40d}\\udb40\\udc41\""
        );
        assert_eq!(
            doc_comment(Some("x */ @param <b> \\u000a &\n\n\n y"), &[], "  "),
            "  /**\n   * x *&#47; &#64;param &lt;b&gt; &#92;u000a &amp;\n   * <p>\n   * y\n   */\n"
        );
        assert_eq!(
            doc_comment(None, &[("@param", "limit", "a */ b")], ""),
            "/**\n * @param limit a *&#47; b\n */\n"
        );
        assert_eq!(doc_comment(Some(" \n "), &[], ""), "");
        assert_eq!(comment_text("a\\u000a\nb"), "a\\\\u000a b");
        assert_eq!(xml_text("a<b>&"), "a&lt;b&gt;&amp;");
        assert_eq!(type_ident("2fa"), "T2fa");
        assert_eq!(member_ident("pet_id"), "petId");
        assert_eq!(member_ident("class"), "class_");
        assert_eq!(member_ident("1st"), "n1st");
        assert_eq!(constant_ident("brown dog"), "BROWN_DOG");
        assert_eq!(constant_ident("1"), "V_1");
        assert!(is_package_name("com.example.api"));
        assert!(!is_package_name("java.util"));
        assert!(!is_package_name("com.int"));
        assert!(!is_package_name("com..x"));
        assert_eq!(package_name(None, "gateway-crud"), "gatewaycrud");
        assert_eq!(package_name(None, "int"), "intapi");
        assert_eq!(package_name(Some("a b"), "java"), "javaapi");
    }
}
