//! The validation JSON: the definition as `serde_json` for the checks, without what no check
//! reads. Built whole, as text (for schemas named by pointer later), or holding only what the
//! operations' schemas reach, every node at its own JSON pointer in all three.

use std::collections::HashSet;

use oaskit_core::Node;
use serde_json::{Map, Value};

use crate::reach;

/// How the keys of an object are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keys {
    /// Keys are keywords (`schema`, `type`, `example`, ...).
    Keywords,
    /// Keys are names the author chose (properties, paths, statuses, media types, ...).
    Names,
}

/// The objects whose keys are names, not keywords.
const NAME_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "dependentRequired",
    "schemas",
    "parameters",
    "responses",
    "headers",
    "requestBodies",
    "securitySchemes",
    "security",
    "scopes",
    "links",
    "callbacks",
    "pathItems",
    "paths",
    "webhooks",
    "content",
    "encoding",
    "variables",
    "mapping",
];

/// Nodes deeper than this are copied as they are.
const MAX_DEPTH: usize = 256;

/// What becomes of a member of an object.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Child {
    /// Left out.
    Skip,
    /// Kept as an empty string.
    Blank,
    /// Copied as it is.
    Raw,
    /// Converted, its keys read as given.
    Read(Keys),
}

/// The one rule of the validation JSON: what no check reads is left out, wherever it stands
/// as a keyword (a property or a status named `example` is kept):
/// - `example` and `examples` (of media types, parameters, headers and schemas;
///   `components/examples`);
/// - the text of `description` and `summary`, kept as empty strings: beside a `$ref` they
///   keep a mention from being merged with its siblings (tests/adversarial.rs);
/// - values of `enum`, `const`, `default` and extensions are copied as they are.
///
/// Why (issue 12, `oaskit serve` on GitHub's definition): the document is translated once per
/// direction; examples are a quarter of GitHub's definition (1.9 of 7.3 MB) and descriptions
/// a sixth, and were copied three times.
fn child(keys: Keys, k: &str, v: &Node) -> Child {
    if keys == Keys::Names {
        Child::Read(Keys::Keywords)
    } else if matches!(k, "example" | "examples") {
        Child::Skip
    } else if matches!(k, "description" | "summary") && v.as_str().is_some() {
        Child::Blank
    } else if k.starts_with("x-") || matches!(k, "enum" | "const" | "default") {
        Child::Raw
    } else if NAME_MAPS.contains(&k) {
        Child::Read(Keys::Names)
    } else {
        Child::Read(Keys::Keywords)
    }
}

/// The whole validation JSON of a document.
pub(crate) fn whole(root: &Node) -> Value {
    convert(root, Child::Read(Keys::Keywords), 0)
}

fn convert(n: &Node, how: Child, depth: usize) -> Value {
    let keys = match how {
        Child::Read(keys) if depth <= MAX_DEPTH => keys,
        Child::Blank => return Value::String(String::new()),
        _ => return n.to_json(),
    };
    if let Some(items) = n.as_array() {
        // Arrays pass their context on (`security: [{name: []}]` holds names).
        return Value::Array(items.iter().map(|x| convert(x, how, depth + 1)).collect());
    }
    let Some(m) = n.as_object() else {
        return n.to_json();
    };
    let mut out = Map::new();
    for (k, v) in m.iter() {
        let c = child(keys, k, v);
        if c != Child::Skip {
            out.insert(k.to_string(), convert(v, c, depth + 1));
        }
    }
    Value::Object(out)
}

/// The whole validation JSON as text, written a few levels at a time: only one subtree below
/// them is ever held as a tree.
pub(crate) fn text(root: &Node) -> String {
    let mut out = String::new();
    write(root, Child::Read(Keys::Keywords), 0, &mut out);
    out
}

fn write(n: &Node, how: Child, depth: usize, out: &mut String) {
    /// From this depth down, subtrees are converted whole and printed.
    const WHOLE_FROM: usize = 3;
    let keys = match how {
        Child::Read(keys) if depth < WHOLE_FROM => keys,
        _ => {
            out.push_str(&convert(n, how, depth).to_string());
            return;
        }
    };
    if let Some(items) = n.as_array() {
        out.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write(x, how, depth + 1, out);
        }
        out.push(']');
        return;
    }
    let Some(m) = n.as_object() else {
        out.push_str(&n.to_json().to_string());
        return;
    };
    out.push('{');
    let mut first = true;
    for (k, v) in m.iter() {
        let c = child(keys, k, v);
        if c == Child::Skip {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&Value::String(k.to_string()).to_string());
        out.push(':');
        write(v, c, depth + 1, out);
    }
    out.push('}');
}

/// The validation JSON holding only the subtrees at `starts` and what they reach through
/// `$ref`s and discriminator mappings, each cut at its first array (see [`reach::reach`]),
/// every node at its own pointer and equal to the whole validation JSON's there. `None` when
/// the document cannot be pruned (as for [`reach::reach`]).
///
/// Why (issue 12): `oaskit serve` held the whole validation JSON while it built its router;
/// GitHub's operations reach a fifth of it.
pub(crate) fn reaching<'s>(
    root: &Node,
    starts: impl IntoIterator<Item = &'s str>,
) -> Option<Value> {
    let components = root.pointer("/components/schemas").is_some();
    let mut out = Map::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut todo: Vec<String> = starts.into_iter().map(str::to_string).collect();
    while let Some(p) = todo.pop() {
        if p.is_empty() {
            return None;
        }
        let Some((cut, node, how, depth)) = locate(root, &p) else {
            // Dangling, or inside an example: compiling it fails with or without pruning.
            continue;
        };
        if cut.is_empty() {
            return None;
        }
        if seen.contains(&cut) || reach::has_seen_ancestor(&seen, &cut) {
            continue;
        }
        let value = convert(node, how, depth);
        reach::scan(&value, components, &mut todo)?;
        place(&mut out, &cut, value);
        seen.insert(cut);
    }
    Some(Value::Object(out))
}

/// The node at `p`, or at the array `p` first passes through: its pointer, how it is converted
/// and its depth. `None` when `p` names nothing, or something the validation JSON leaves out.
fn locate<'n>(root: &'n Node, p: &str) -> Option<(String, &'n Node, Child, usize)> {
    let mut node = root;
    let mut how = Child::Read(Keys::Keywords);
    let mut end = 0;
    let mut depth = 0;
    for token in p.split('/').skip(1) {
        if node.as_array().is_some() {
            break;
        }
        let key = oaskit_core::unescape_token(token);
        let next = node.get(&key)?;
        how = match how {
            Child::Read(keys) if depth < MAX_DEPTH => child(keys, &key, next),
            Child::Read(_) | Child::Raw => Child::Raw,
            Child::Skip | Child::Blank => return None,
        };
        if how == Child::Skip {
            return None;
        }
        node = next;
        end += 1 + token.len();
        depth += 1;
    }
    Some((p[..end].to_string(), node, how, depth))
}

/// Puts `value` at the pointer `p` of `out`, inside objects that hold nothing else; nothing
/// when an ancestor is already there whole.
pub(crate) fn place(out: &mut Map<String, Value>, p: &str, value: Value) {
    let tokens: Vec<String> = p
        .split('/')
        .skip(1)
        .map(oaskit_core::unescape_token)
        .collect();
    let Some((last, parents)) = tokens.split_last() else {
        return;
    };
    let mut dst = out;
    for t in parents {
        let entry = dst
            .entry(t.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        match entry {
            Value::Object(m) => dst = m,
            _ => return,
        }
    }
    dst.insert(last.clone(), value);
}

#[cfg(test)]
mod tests {
    use super::{reaching, text, whole};

    const DOC: &str = r##"
openapi: 3.0.3
info: {title: t, version: '1', description: long text}
x-top: {example: kept}
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {$ref: '#/components/schemas/Id'}, example: 3}
    get:
      summary: one pet
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              examples: {a: {$ref: '#/components/examples/A'}}
components:
  examples:
    A: {value: {name: x}}
  schemas:
    Id: {type: integer, description: the id, example: 7}
    Pet:
      type: object
      properties:
        example: {type: string, description: a property named example}
        description: {type: string}
        kind: {enum: [{example: 1}], default: {description: d}}
    Unused: {type: string}
"##;

    fn doc() -> oaskit_core::Document {
        oaskit_core::load_str("a.yaml", DOC, &oaskit_core::LoadOptions::new())
            .document
            .expect("document")
    }

    #[test]
    fn examples_and_texts_leave_names_and_values_stay() {
        let d = doc();
        let w = whole(d.root());
        assert_eq!(w.pointer("/info/description"), Some(&serde_json::json!("")));
        assert!(w.pointer("/components/examples").is_none());
        assert!(w.pointer("/components/schemas/Id/example").is_none());
        assert_eq!(
            w.pointer("/components/schemas/Id/description"),
            Some(&serde_json::json!(""))
        );
        assert!(w
            .pointer("/components/schemas/Pet/properties/example/type")
            .is_some());
        assert!(w
            .pointer("/components/schemas/Pet/properties/description/type")
            .is_some());
        assert_eq!(
            w.pointer("/components/schemas/Pet/properties/kind/enum/0/example"),
            Some(&serde_json::json!(1))
        );
        assert_eq!(
            w.pointer("/components/schemas/Pet/properties/kind/default/description"),
            Some(&serde_json::json!("d"))
        );
        assert_eq!(
            w.pointer("/x-top/example"),
            Some(&serde_json::json!("kept"))
        );
    }

    #[test]
    fn the_text_is_the_whole_validation_json() {
        let d = doc();
        let parsed: serde_json::Value = serde_json::from_str(&text(d.root())).expect("json");
        assert_eq!(parsed, whole(d.root()));
    }

    #[test]
    fn the_reached_parts_equal_the_whole_at_their_pointers() {
        let d = doc();
        let w = whole(d.root());
        let starts = [
            "/paths/~1pets~1{id}/parameters/0/schema",
            "/paths/~1pets~1{id}/get/responses/200/content/application~1json",
        ];
        let r = reaching(d.root(), starts).expect("prunable");
        for p in [
            "/paths/~1pets~1{id}/parameters",
            "/paths/~1pets~1{id}/get/responses/200/content/application~1json",
            "/components/schemas/Id",
            "/components/schemas/Pet",
        ] {
            assert_eq!(r.pointer(p), w.pointer(p), "{p}");
            assert!(r.pointer(p).is_some(), "{p}");
        }
        assert!(r.pointer("/components/schemas/Unused").is_none());
        assert!(r.pointer("/components/examples").is_none());
        assert!(r.pointer("/info").is_none());
        assert!(r.pointer("/paths/~1pets~1{id}/get/summary").is_none());
    }
}
