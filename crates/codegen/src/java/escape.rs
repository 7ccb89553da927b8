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

use crate::names::{visible, visible_lines, words};

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
    "Builder",
    "Decoder",
    "JsonProperty",
    "JsonInclude",
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

/// Text for Javadoc (and HTML generally): `&`, `<`, `>` as entities, `@` as `&#64;` (no
/// block or inline tag can start), `\` as `&#92;` (no Unicode escape), `*/` broken as
/// `*&#47;`. One line in, one line out.
fn javadoc_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => out.push_str("&#64;"),
            '\\' => out.push_str("&#92;"),
            c => out.push(c),
        }
    }
    out.replace("*/", "*&#47;")
}

/// A Javadoc comment for `text`, indented by `indent`, with block `tags` after it (each
/// `(tag, name, text)`, such as `("@param", "limit", "how many")`: `tag` and `name` are the
/// generator's own, `text` is escaped). Every line of the text is a ` * ` line (no line break
/// of any kind survives inside one), blank runs are collapsed to one `<p>`, and at most 60
/// lines are kept. Empty when there is nothing to say.
#[must_use]
pub fn doc_comment(text: Option<&str>, tags: &[(&str, &str, &str)], indent: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    if let Some(text) = text {
        for line in visible_lines(text) {
            let line = line.trim();
            if line.is_empty() {
                if lines.last().is_some_and(|l| !l.is_empty()) {
                    lines.push(String::new());
                }
                continue;
            }
            if lines.last().is_some_and(String::is_empty) {
                lines.pop();
                lines.push("<p>".into());
            }
            lines.push(javadoc_text(line));
            if lines.len() >= 60 {
                break;
            }
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    if !tags.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        for (tag, name, text) in tags {
            let text = doc_text(text);
            let mut line = (*tag).to_string();
            for part in [*name, text.as_str()] {
                if !part.is_empty() {
                    line.push(' ');
                    line.push_str(part);
                }
            }
            lines.push(line);
        }
    }
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}/**\n");
    for line in &lines {
        if line.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {line}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// One line of Javadoc text for `text` (inside a sentence the generator writes): visible, white
/// space collapsed, escaped as in [`doc_comment`].
#[must_use]
pub fn doc_text(text: &str) -> String {
    javadoc_text(
        &visible(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
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
