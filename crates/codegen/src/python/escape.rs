//! Python escapers: the only way text from a definition reaches generated Python.

use crate::names::{visible, visible_lines, words};

const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Python's built-in names (3.9 to 3.13): no generated name shadows one where the generated
/// code, or a reader, means the built-in.
pub const BUILTINS: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "False",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "None",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "PythonFinalizationError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "True",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
    "reveal_type",
    "reveal_locals",
];

/// Names the generated modules bind themselves (imports, typing names, the package's own
/// modules and classes): no definition's name may take one.
pub const MODULE_NAMES: &[&str] = &[
    "annotations",
    "enum",
    "dataclass",
    "dataclasses",
    "field",
    "typing",
    "Any",
    "Dict",
    "List",
    "Optional",
    "Union",
    "NoReturn",
    "Callable",
    "Tuple",
    "Type",
    "Literal",
    "Generic",
    "TypeVar",
    "ClassVar",
    "Final",
    "Mapping",
    "Sequence",
    "models",
    "client",
    "Client",
    "Credentials",
    "DEFAULT_BASE_URL",
    "Response",
];

/// Built-ins a generated dataclass body mentions after its fields (annotations, decorators,
/// `field(default_factory=dict)`): a field of that name would shadow them there. Other
/// built-in names (`id`, `type`, `format`...) stay usable as field names, as wire names
/// commonly are, because a class body never refers to them.
pub const CLASS_BODY_NAMES: &[&str] = &[
    "str",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "bytes",
    "object",
    "classmethod",
    "staticmethod",
    "property",
    "isinstance",
    "None",
];

/// Whether `name` is a Python keyword, built-in or a name the generated modules bind.
#[must_use]
pub fn is_reserved(name: &str) -> bool {
    KEYWORDS.contains(&name) || BUILTINS.contains(&name) || MODULE_NAMES.contains(&name)
}

/// Standard library modules a package name must not shadow (those the generated code imports,
/// and the most common others).
const STDLIB: &[&str] = &[
    "abc",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "base64",
    "binascii",
    "builtins",
    "collections",
    "contextlib",
    "copy",
    "csv",
    "dataclasses",
    "datetime",
    "decimal",
    "email",
    "enum",
    "functools",
    "hashlib",
    "html",
    "http",
    "importlib",
    "inspect",
    "io",
    "itertools",
    "json",
    "logging",
    "math",
    "operator",
    "os",
    "pathlib",
    "pickle",
    "random",
    "re",
    "secrets",
    "select",
    "socket",
    "ssl",
    "string",
    "struct",
    "sys",
    "test",
    "threading",
    "time",
    "types",
    "typing",
    "urllib",
    "uuid",
];

/// The import name of the package for distribution `name`: its [slug](crate::names::package_slug)
/// in `snake_case`, with `_api` added when it is a keyword, a built-in or a standard module.
#[must_use]
pub fn module_name(name: &str) -> String {
    let m = crate::names::package_slug(name).replace('-', "_");
    if is_reserved(&m) || STDLIB.contains(&m.as_str()) {
        format!("{m}_api")
    } else {
        m
    }
}

/// A double-quoted string literal holding `s` exactly.
#[must_use]
pub fn string_literal(s: &str) -> String {
    crate::names::quoted(s, |c, out| {
        let n = c as u32;
        if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    })
}

/// A docstring for `text`, indented by `indent`: quotes and backslashes are escaped, so no text
/// can end it (nor spell an escape such as `\N{...}`), nothing hidden stays, and a line that
/// doctest would run (`>>>` first) starts with a backslash, so `python -m doctest` or
/// `pytest --doctest-modules` never runs spec text.
#[must_use]
pub fn docstring(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return String::new();
    };
    let lines: Vec<String> = visible_lines(text.trim())
        .into_iter()
        .take(40)
        .map(|l| {
            let l = l.replace('\\', "\\\\").replace('"', "\\\"");
            let l = l.trim_end();
            if l.trim_start().starts_with(">>>") {
                format!("\\\\{}", l.trim_start())
            } else {
                l.to_string()
            }
        })
        .collect();
    if lines.len() == 1 {
        return format!("{indent}\"\"\"{}\"\"\"\n", lines[0]);
    }
    let mut out = format!("{indent}\"\"\"{}\n", lines[0]);
    for l in &lines[1..] {
        if l.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{indent}{l}\n"));
        }
    }
    out.push_str(&format!("{indent}\"\"\"\n"));
    out
}

/// Text for a `#` comment: one line, nothing hidden.
#[must_use]
pub fn comment_text(text: &str) -> String {
    visible(text)
}

/// A `snake_case` identifier for `base`, never a keyword.
#[must_use]
pub fn snake(base: &str) -> String {
    let w = words(base);
    let mut s = if w.is_empty() {
        "value".to_string()
    } else {
        w.join("_")
    };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// An `UPPER_SNAKE` identifier for an enum member.
#[must_use]
pub fn upper(base: &str) -> String {
    let w = words(base);
    let s = if w.is_empty() {
        "EMPTY".to_string()
    } else {
        w.join("_").to_ascii_uppercase()
    };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{s}")
    } else {
        s
    }
}

/// A `PascalCase` class identifier for `base`.
#[must_use]
pub fn pascal_ident(base: &str) -> String {
    let s = crate::names::pascal(base, "Unnamed");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{s}")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_escape() {
        assert_eq!(string_literal("a\"b\\\u{0}"), "\"a\\\"b\\\\\\x00\"");
        let doc = docstring(Some("ends \"\"\" here \\"), "");
        assert_eq!(doc, "\"\"\"ends \\\"\\\"\\\" here \\\\\"\"\"\n");
        assert_eq!(snake("class"), "class_");
        assert_eq!(snake("9lives"), "n9lives");
        assert_eq!(upper("9"), "V9");
        assert_eq!(pascal_ident("none"), "None_");
        let doc = docstring(Some("Example:\n  >>> import os\n>>>os.system('x')"), "");
        assert!(
            doc.lines().all(|l| !l.trim_start().starts_with(">>>")),
            "{doc}"
        );
    }
}
