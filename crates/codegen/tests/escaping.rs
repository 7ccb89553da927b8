//! Property tests of every escaper over every Unicode scalar value: for each language (Rust,
//! TypeScript, Python, and the TOML and JSON manifests) and each context (doc comment, line
//! comment, string literal, identifier) the output holds no hidden, bidirectional or
//! line-breaking character raw, stays inside its context, and literals decode back exactly.

use oaskit_codegen::names::is_hidden;
use oaskit_codegen::{manifest, python, rust, typescript};

/// Every scalar value in chunks of `n` (surrogates skipped), each chunk framed by text.
fn chunks(n: usize) -> impl Iterator<Item = String> {
    let all: Vec<char> = (0..=0x10ffffu32).filter_map(char::from_u32).collect();
    let v: Vec<String> = all
        .chunks(n)
        .map(|c| format!("a{}z", c.iter().collect::<String>()))
        .collect();
    v.into_iter()
}

/// Each hidden scalar value, every ASCII and Latin-1 one and a broad sample of the rest, one
/// at a time, with text around it.
fn singles() -> impl Iterator<Item = String> {
    (0..=0x10ffffu32)
        .filter_map(char::from_u32)
        .filter(|&c| is_hidden(c) || (c as u32) < 0x300 || (c as u32).is_multiple_of(97))
        .map(|c| format!("x{c}y"))
}

fn inputs() -> impl Iterator<Item = String> {
    chunks(61).chain(singles())
}

fn no_hidden(out: &str, what: &str, input: &str) {
    for (i, c) in out.chars().enumerate() {
        assert!(
            c == '\n' || !is_hidden(c),
            "{what}: U+{:04X} raw at char {i} for input {input:?}",
            c as u32
        );
    }
}

fn hex(s: &str) -> u32 {
    u32::from_str_radix(s, 16).expect("hex escape")
}

/// Decodes a double-quoted literal written by one of the escapers; `None` when it is not one
/// literal (an unescaped quote before the end, an unknown escape, no closing quote).
fn decode(lit: &str, lang: &str) -> Option<String> {
    let inner = lit.strip_prefix('"')?.strip_suffix('"')?;
    let c: Vec<char> = inner.chars().collect();
    let mut out = String::new();
    let mut units: Vec<u16> = Vec::new();
    let mut i = 0;
    let flush = |units: &mut Vec<u16>, out: &mut String| -> Option<()> {
        if !units.is_empty() {
            out.push_str(&String::from_utf16(units).ok()?);
            units.clear();
        }
        Some(())
    };
    while i < c.len() {
        if c[i] == '"' {
            return None;
        }
        if c[i] != '\\' {
            flush(&mut units, &mut out)?;
            out.push(c[i]);
            i += 1;
            continue;
        }
        let e = *c.get(i + 1)?;
        let rest: String = c[i + 2..c.len().min(i + 14)].iter().collect();
        match (lang, e) {
            (_, '"') | (_, '\\') => {
                flush(&mut units, &mut out)?;
                out.push(e);
                i += 2;
            }
            (_, 'n' | 'r' | 't') => {
                flush(&mut units, &mut out)?;
                out.push(match e {
                    'n' => '\n',
                    'r' => '\r',
                    _ => '\t',
                });
                i += 2;
            }
            ("toml" | "json", 'b' | 'f') => {
                flush(&mut units, &mut out)?;
                out.push(if e == 'b' { '\u{8}' } else { '\u{c}' });
                i += 2;
            }
            ("rust", 'u') => {
                let close = rest.find('}')?;
                flush(&mut units, &mut out)?;
                out.push(char::from_u32(hex(rest.get(1..close)?))?);
                i += 2 + rest[..=close].chars().count();
            }
            ("python", 'x') => {
                flush(&mut units, &mut out)?;
                out.push(char::from_u32(hex(rest.get(..2)?))?);
                i += 4;
            }
            ("python" | "toml", 'U') => {
                flush(&mut units, &mut out)?;
                out.push(char::from_u32(hex(rest.get(..8)?))?);
                i += 10;
            }
            ("python" | "toml", 'u') => {
                flush(&mut units, &mut out)?;
                out.push(char::from_u32(hex(rest.get(..4)?))?);
                i += 6;
            }
            ("ts" | "json", 'u') => {
                units.push(u16::try_from(hex(rest.get(..4)?)).ok()?);
                i += 6;
            }
            _ => return None,
        }
    }
    flush(&mut units, &mut out)?;
    Some(out)
}

#[test]
fn string_literals_hold_every_scalar_value_exactly() {
    type Esc = fn(&str) -> String;
    // (language, prefix, escaper): the escaper gets the prefix and the input.
    let escapers: [(&str, &str, Esc); 6] = [
        ("rust", "", rust::string_literal),
        ("ts", "", typescript::string_literal),
        ("python", "", python::string_literal),
        ("toml", "", manifest::toml_string),
        ("json", "", manifest::json_string),
        ("ts", "-", typescript::property_key),
    ];
    for input in inputs() {
        for (lang, prefix, esc) in &escapers {
            let expected = format!("{prefix}{input}");
            let out = esc(&expected);
            no_hidden(&out, lang, &input);
            assert!(!out.contains('\n'), "{lang}: a line break in {out:?}");
            let back = decode(&out, lang);
            assert_eq!(
                back.as_deref(),
                Some(expected.as_str()),
                "{lang}: {out:?} is not one literal of {input:?}"
            );
        }
        // JSON: serde_json agrees.
        let v: String = serde_json::from_str(&manifest::json_string(&input)).expect("JSON");
        assert_eq!(v, input);
    }
}

/// A Rust doc comment: every line `///`, nothing rustdoc could take as a code block.
fn assert_inert_rust_doc(out: &str, input: &str) {
    no_hidden(out, "rust doc", input);
    for line in out.lines() {
        let body = line.trim_start_matches(' ');
        let body = body
            .strip_prefix("///")
            .unwrap_or_else(|| panic!("{line:?} is not a doc line for {input:?}"));
        let body = body.strip_prefix(' ').unwrap_or(body);
        let lead = body.len() - body.trim_start_matches(' ').len();
        assert!(lead < 4, "an indented code block: {line:?} for {input:?}");
        assert!(!body.contains('\t') && !body.contains("  "), "{line:?}");
        assert!(!body.contains('>'), "a blockquote or HTML: {line:?}");
        let chars: Vec<char> = body.chars().collect();
        for k in 0..chars.len().saturating_sub(2) {
            for f in ['`', '~'] {
                let unescaped = |j: usize| chars[j] == f && (j == 0 || chars[j - 1] != '\\');
                assert!(
                    !(unescaped(k) && unescaped(k + 1) && unescaped(k + 2)),
                    "a fence: {line:?} for {input:?}"
                );
            }
        }
    }
}

/// A JSDoc block: opened once, closed once at its very end, nothing hidden.
fn assert_closed_jsdoc(out: &str, input: &str) {
    no_hidden(out, "jsdoc", input);
    let t = out.trim_start();
    assert!(t.starts_with("/**") && t.ends_with("*/\n"), "{out:?}");
    assert_eq!(out.matches("*/").count(), 1, "{out:?} for {input:?}");
    for l in out.lines().skip(1) {
        assert!(l.trim_start().starts_with('*'), "{l:?} leaves the block");
    }
}

/// A Python docstring: one string literal that ends where it should, decoding to text.
fn assert_closed_docstring(out: &str, input: &str) {
    no_hidden(out, "docstring", input);
    let t = out.trim();
    let inner = t
        .strip_prefix("\"\"\"")
        .and_then(|x| x.strip_suffix("\"\"\""))
        .unwrap_or_else(|| panic!("{out:?}"));
    let c: Vec<char> = inner.chars().collect();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '\\' => {
                assert!(
                    matches!(c.get(i + 1), Some('\\' | '"')),
                    "an escape other than \\\\ or \\\" in {out:?}"
                );
                i += 2;
            }
            '"' => panic!("a raw quote in {out:?} for {input:?}"),
            _ => i += 1,
        }
    }
}

#[test]
fn comments_hold_every_scalar_value_inertly() {
    // Every scalar value in plain text; each hidden one (and a broad sample) also inside the
    // constructs that would end or bend a comment.
    let framed =
        singles().map(|x| format!("{x}\n```\n{x}\n~~~~ rust\n    {x}\n> {x}\n*/ \"\"\" \\ {x}\\"));
    for text in chunks(61).chain(framed) {
        {
            assert_inert_rust_doc(&rust::doc_comment(Some(&text), "    "), &text);
            assert_closed_jsdoc(&typescript::doc_comment(Some(&text), "  "), &text);
            assert_closed_docstring(&python::docstring(Some(&text), "    "), &text);
            for (what, line) in [
                ("rust //", rust::comment_text(&text)),
                ("ts //", typescript::comment_text(&text)),
                ("python #", python::comment_text(&text)),
            ] {
                no_hidden(&line, what, &text);
                assert!(!line.contains('\n'), "{what}: {line:?}");
            }
            assert!(!rust::comment_text(&text).contains(['`', '~', '<', '[']));
        }
    }
}

#[test]
fn identifiers_are_ascii_for_every_scalar_value() {
    fn ident(s: &str, what: &str, input: &str) {
        let s = s.strip_prefix("r#").unwrap_or(s);
        assert!(
            !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !s.starts_with(|c: char| c.is_ascii_digit()),
            "{what}: {s:?} for {input:?}"
        );
    }
    for input in inputs() {
        let base = oaskit_codegen::names::pascal(&input, "X");
        ident(&rust::snake(&input), "rust snake", &input);
        ident(&rust::pascal_ident(&base), "rust pascal", &input);
        ident(&typescript::camel(&input), "ts camel", &input);
        ident(&typescript::pascal_ident(&input), "ts pascal", &input);
        ident(&python::snake(&input), "python snake", &input);
        ident(&python::upper(&input), "python upper", &input);
        ident(&python::pascal_ident(&input), "python pascal", &input);
        ident(&python::module_name(&input), "python module", &input);
        let k = typescript::property_key(&input);
        assert!(
            k.starts_with('"')
                || k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
        );
    }
}

/// Rust doc comments from hostile text, compiled with rustdoc's doctests on: not one doctest.
#[test]
fn no_rust_doc_comment_becomes_a_doctest() {
    let payload = "fn main() { std::process::exit(42) }";
    let mut texts = Vec::new();
    for n in 3..=8 {
        for fence in ["`", "~"] {
            let f = fence.repeat(n);
            for info in [
                "",
                "rust",
                " rust,should_panic",
                "{.rust}",
                "ignore",
                "text",
            ] {
                texts.push(format!("{f}{info}\n{payload}\n{f}"));
                texts.push(format!("   {f}{info}\n{payload}\n   {f}"));
                texts.push(format!("> {f}{info}\n> {payload}\n> {f}"));
                texts.push(format!("- {f}{info}\n  {payload}\n  {f}"));
                texts.push(format!("1. {f}{info}\n   {payload}\n   {f}"));
                texts.push(format!("* > {f}{info}\n{payload}"));
                texts.push(format!("text\r{f}{info}\r{payload}\r{f}"));
                texts.push(format!("text\u{2028}{f}{info}\u{2028}{payload}\u{2028}{f}"));
                texts.push(format!("text\u{85}{f}{info}\u{b}{payload}\u{c}{f}"));
            }
        }
    }
    for indent in ["    ", "\t", "     ", "  \t", "\u{a0}   "] {
        texts.push(format!("Example:\n\n{indent}{payload}\n"));
        texts.push(format!("> para\n>\n>{indent}{payload}"));
        texts.push(format!("-{indent} {payload}"));
        texts.push(format!("1.{indent} {payload}"));
        texts.push(format!("- a\n\n  {indent}{payload}"));
        texts.push(format!("<pre>\n{indent}{payload}\n</pre>"));
    }
    let mut lib = String::from("//! Doc comments from hostile text.\n");
    for (i, t) in texts.iter().enumerate() {
        lib.push_str(&rust::doc_comment(Some(t), ""));
        lib.push_str(&format!("pub struct S{i};\n"));
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/oaskit-generated/doctest-wall");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"doctest-wall\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n",
    )
    .expect("write");
    std::fs::write(dir.join("src/lib.rs"), &lib).expect("write");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["test", "--doc", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("running 0 tests"),
        "rustdoc found doctests in escaped doc comments:\n{stdout}"
    );
    assert!(texts.len() > 500);
}
