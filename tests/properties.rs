//! Property tests for the readers and writers, with a seeded generator (no extra dependency):
//! any tree written as JSON or YAML reads back as the same tree, and no byte-level damage to a
//! real document makes loading panic.

use oaskit_core::{Entry, Limits, Map, Node, Origin, SourceFile, Span, Value};

/// xorshift64*: small, deterministic, good enough to spread cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "",
    " ",
    "yes",
    "no",
    "on",
    "off",
    "NO",
    "null",
    "~",
    "true",
    "1.0",
    "0o12",
    "0x1F",
    "1:20",
    "1_000",
    "2001-12-14",
    "-",
    "- x",
    "a: b",
    "#c",
    "x #y",
    "'q'",
    "\"dq\"",
    "multi\nline\n",
    "trail ",
    "\ttab",
    "é ü ✓",
    "\u{1}ctl",
    "{a}",
    "[b]",
    "&anchor",
    "*alias",
    "!tag",
    "%",
    "@",
    "`",
    "|",
    ">",
    "?",
    ",",
    "key:",
    ".inf",
    "-.5",
    "+1",
    "1e3",
    "<<",
    "\\back",
    "line\r\nbreak",
    "\u{2028}",
    "x\n\n",
    "\n",
    " lead",
];

fn string(r: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..=r.below(3) {
        s.push_str(WORDS[r.below(WORDS.len() as u64) as usize]);
    }
    s
}

fn number(r: &mut Rng) -> String {
    match r.below(6) {
        0 => "0".into(),
        1 => format!("-{}", r.below(1000)),
        2 => format!("{}.{}", r.below(100), r.below(1000)),
        3 => format!("{}e{}", r.below(10), r.below(400)),
        4 => "99999999999999999999999999999".into(),
        _ => r.below(u64::MAX).to_string(),
    }
}

fn tree(r: &mut Rng, depth: usize) -> Node {
    let sp = Span::default();
    let kind = if depth > 5 { r.below(4) } else { r.below(6) };
    let value = match kind {
        0 => Value::Null,
        1 => Value::Bool(r.below(2) == 0),
        2 => Value::Number(number(r).into()),
        3 => Value::String(string(r).into()),
        4 => Value::Array((0..r.below(4)).map(|_| tree(r, depth + 1)).collect()),
        _ => {
            let mut m = Map::default();
            for _ in 0..r.below(5) {
                let k = string(r);
                if !m.contains(&k) {
                    m.entries.push(Entry {
                        key: k.into(),
                        key_span: sp,
                        value: tree(r, depth + 1),
                    });
                }
            }
            Value::Object(m)
        }
    };
    Node::new(value, sp)
}

fn read(text: &str, json: bool) -> Result<Node, oaskit_core::parse::SyntaxError> {
    let f = SourceFile::new("t".into(), Origin::Memory, text.to_string());
    if json {
        oaskit_core::parse::json(f.text(), 0, 256)
    } else {
        oaskit_core::parse::yaml(&f, 0, &Limits::default())
    }
}

#[test]
fn any_tree_round_trips_through_both_writers() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..3000 {
        // The document root is an object, as in an API definition.
        let mut t = tree(&mut r, 0);
        if !matches!(t.value, Value::Object(_)) {
            let mut m = Map::default();
            m.entries.push(Entry {
                key: "root".into(),
                key_span: Span::default(),
                value: t,
            });
            t = Node::new(Value::Object(m), Span::default());
        }
        let json = oaskit_core::to_json(&t);
        let back = read(&json, true)
            .unwrap_or_else(|e| panic!("case {i}: JSON unreadable: {e:?}\n{json}"));
        assert!(back.same_as(&t), "case {i}: JSON changed the tree\n{json}");
        let yaml = oaskit_core::to_yaml(&t);
        let back = read(&yaml, false)
            .unwrap_or_else(|e| panic!("case {i}: YAML unreadable: {e:?}\n{yaml}"));
        assert!(back.same_as(&t), "case {i}: YAML changed the tree\n{yaml}");
    }
}

#[test]
fn damaged_documents_never_panic() {
    let base = [
        include_str!("../specs/petstore.yaml"),
        include_str!("../specs/split/openapi.yaml"),
        include_str!("golden/import/petstore.json"),
    ];
    let mut r = Rng(42);
    for i in 0..3000 {
        let src = base[i % base.len()].as_bytes();
        let mut bytes = src.to_vec();
        for _ in 0..=r.below(4) {
            if bytes.is_empty() {
                break;
            }
            let at = r.below(bytes.len() as u64) as usize;
            match r.below(4) {
                0 => {
                    bytes.remove(at);
                }
                1 => bytes.insert(
                    at,
                    b"{}[]:,-'\"\t\n#&*!|>%@\\\x00\xff"[r.below(22) as usize],
                ),
                2 => bytes[at] = bytes[at].wrapping_add(r.below(255) as u8 + 1),
                _ => bytes.truncate(at),
            }
        }
        let outcome = std::panic::catch_unwind(|| {
            oaskit_core::load(
                oaskit_core::Input::Bytes {
                    name: "damaged".into(),
                    bytes: bytes.clone(),
                    base_dir: std::env::temp_dir(),
                },
                &oaskit_core::LoadOptions::new(),
                &oaskit_core::FsReader,
            )
        });
        let loaded = outcome.unwrap_or_else(|_| {
            panic!("case {i} panicked on:\n{}", String::from_utf8_lossy(&bytes))
        });
        // Every finding can be placed.
        for d in &loaded.diagnostics {
            if d.location.is_some() {
                assert!(
                    d.position(&loaded.sources).is_some(),
                    "case {i}: {} has a span outside the files",
                    d.code
                );
            }
        }
    }
}
