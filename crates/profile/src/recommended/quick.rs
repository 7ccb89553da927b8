//! A quick, conservative check of a value against a Schema Object, on the document's own tree:
//! it proves that a value matches (or does not match) the schema when every keyword on the way
//! is one it evaluates exactly as the compiled validator does ([`super::compiled`]), and says
//! [`Verdict::Unknown`] otherwise.
//!
//! The rules that check examples and defaults ask it first and compile a schema only for the
//! values it does not prove valid: most examples of a large definition are valid, and
//! compiling their schemas (with everything their `$ref`s reach) was most of the rule set's
//! time. A mismatch is always confirmed by the compiled validator, whose message is reported.
//!
//! Semantics are those of JSON Schema 2020-12 with formats as annotations; in an OpenAPI 3.0
//! document each schema is read as the 3.0 -> 3.1 upgrade has it ([`super::translate`]):
//! beside a `$ref` only annotations count, `nullable: true` adds `null` to a single `type` (or
//! lets `null` through when there is no `type`), a boolean `exclusiveMinimum`/`Maximum` makes
//! its bound exclusive. Whatever else (patterns, `multipleOf`, `uniqueItems`, conditionals,
//! `unevaluated*`, references outside `components/schemas`, number comparisons that `f64`
//! cannot decide exactly, ...) is `Unknown`. Depth and work are bounded.

use std::collections::HashMap;
use std::sync::OnceLock;

use oaskit_core::{Node, Value};

/// How deep schemas and references are followed.
const MAX_DEPTH: usize = 48;
/// How many schema evaluations one check may make.
const MAX_STEPS: usize = 20_000;

/// Keywords that do not constrain a value: the compiled check's annotations, and what that
/// check never meets beside `type` alone but this one reads through.
fn is_annotation(k: &str) -> bool {
    super::compiled::ANNOTATIONS.contains(&k)
        || matches!(k, "summary" | "discriminator" | "$defs" | "definitions")
}

/// What the quick check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The value matches the schema.
    Valid,
    /// The value does not match the schema.
    Invalid,
    /// Not decided here: the compiled validator must judge.
    Unknown,
}

use Verdict::{Invalid, Unknown, Valid};

impl Verdict {
    /// Both must hold.
    fn and(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Invalid, _) | (_, Invalid) => Invalid,
            (Valid, Valid) => Valid,
            _ => Unknown,
        }
    }

    fn not(self) -> Verdict {
        match self {
            Valid => Invalid,
            Invalid => Valid,
            Unknown => Unknown,
        }
    }
}

/// The quick checker of one document.
pub(crate) struct Quick<'d> {
    root: &'d Node,
    is_30: bool,
    /// The schemas of `components/schemas` by name (built on first use).
    components: OnceLock<HashMap<&'d str, &'d Node>>,
}

impl<'d> Quick<'d> {
    /// A checker for the document whose root is `root` (`is_30`: an OpenAPI 3.0 document).
    pub(crate) fn new(root: &'d Node, is_30: bool) -> Self {
        Quick {
            root,
            is_30,
            components: OnceLock::new(),
        }
    }

    /// Whether `value` is proven to match `schema`. `false` means "not proven": the compiled
    /// validator decides.
    pub(crate) fn is_valid(&self, schema: &Node, value: &Node) -> bool {
        let mut steps = 0;
        self.eval(schema, value, 0, &mut steps) == Valid
    }

    fn eval(&self, schema: &Node, value: &Node, depth: usize, steps: &mut usize) -> Verdict {
        *steps += 1;
        if depth > MAX_DEPTH || *steps > MAX_STEPS {
            return Unknown;
        }
        let m = match &schema.value {
            Value::Bool(true) => return Valid,
            Value::Bool(false) => return Invalid,
            Value::Object(m) => m,
            _ => return Unknown,
        };
        let has_ref = m.contains("$ref");
        // The 3.0 reading: which members count, and what `nullable` does.
        let counts =
            |k: &str| !(self.is_30 && has_ref) || oaskit_core::OPENAPI_30_REF_SIBLINGS.contains(&k);
        let mut nullable_type = false;
        if self.is_30 {
            if let Some(true) = m.get("nullable").and_then(Node::as_bool) {
                let ty = m.get("type").filter(|_| counts("type"));
                match ty {
                    // `anyOf: [the rest, {type: null}]`.
                    None if matches!(value.value, Value::Null) => return Valid,
                    None => {}
                    Some(t) => nullable_type = t.as_str().is_some(),
                }
            }
        }
        let mut out = Valid;
        for (k, v) in m.iter() {
            if !counts(k) {
                continue;
            }
            let r = match k {
                "$ref" => self.reference(v, value, depth, steps),
                "type" => type_is(v, value, nullable_type),
                "enum" => match v.as_array() {
                    Some(items) => equal_to_one(items, value),
                    None => Unknown,
                },
                "const" => equal_to_one(std::slice::from_ref(v), value),
                "required" => match (&value.value, v.as_array()) {
                    (Value::Object(o), Some(names)) => {
                        let mut r = Valid;
                        for n in names {
                            match n.as_str() {
                                Some(n) if o.contains(n) => {}
                                Some(_) => r = r.and(Invalid),
                                None => r = r.and(Unknown),
                            }
                        }
                        r
                    }
                    (_, Some(names)) if names.iter().all(|n| n.as_str().is_some()) => Valid,
                    _ => Unknown,
                },
                "properties" => self.properties(v, value, depth, steps),
                "additionalProperties" => {
                    if m.contains("patternProperties") {
                        Unknown
                    } else {
                        self.additional(m, v, value, depth, steps)
                    }
                }
                "items" => match (&value.value, &v.value) {
                    (Value::Array(a), Value::Object(_) | Value::Bool(_)) => {
                        let mut r = Valid;
                        for x in a {
                            r = r.and(self.eval(v, x, depth + 1, steps));
                            if r == Invalid {
                                break;
                            }
                        }
                        r
                    }
                    (_, Value::Object(_) | Value::Bool(_)) => Valid,
                    _ => Unknown,
                },
                "minItems" | "maxItems" => count(k, v, value.as_array().map(<[Node]>::len)),
                "minProperties" | "maxProperties" => {
                    count(k, v, value.as_object().map(|o| o.len()))
                }
                "minLength" | "maxLength" => count(k, v, value.as_str().map(|s| s.chars().count())),
                // Decided below, both bounds of a side together.
                "minimum" | "exclusiveMinimum" | "maximum" | "exclusiveMaximum" => Valid,
                "allOf" => match v.as_array() {
                    Some(list) if !list.is_empty() => {
                        let mut r = Valid;
                        for s in list {
                            r = r.and(self.eval(s, value, depth + 1, steps));
                            if r == Invalid {
                                break;
                            }
                        }
                        r
                    }
                    _ => Unknown,
                },
                "anyOf" => match v.as_array() {
                    Some(list) if !list.is_empty() => {
                        let mut r = Invalid;
                        for s in list {
                            match self.eval(s, value, depth + 1, steps) {
                                Valid => {
                                    r = Valid;
                                    break;
                                }
                                Unknown => r = Unknown,
                                Invalid => {}
                            }
                        }
                        r
                    }
                    _ => Unknown,
                },
                "oneOf" => match v.as_array() {
                    Some(list) if !list.is_empty() => {
                        let (mut valid, mut unknown) = (0, 0);
                        for s in list {
                            match self.eval(s, value, depth + 1, steps) {
                                Valid => valid += 1,
                                Unknown => unknown += 1,
                                Invalid => {}
                            }
                        }
                        match (valid, unknown) {
                            (2.., _) | (0, 0) => Invalid,
                            (1, 0) => Valid,
                            _ => Unknown,
                        }
                    }
                    _ => Unknown,
                },
                "not" => match v.value {
                    Value::Object(_) | Value::Bool(_) => {
                        self.eval(v, value, depth + 1, steps).not()
                    }
                    _ => Unknown,
                },
                // In 3.0 handled above (a non-boolean one stays as an unknown keyword); in
                // 3.1 it is not a JSON Schema keyword.
                "nullable" => Valid,
                _ if k.starts_with("x-") || is_annotation(k) => Valid,
                _ => Unknown,
            };
            out = out.and(r);
            if out == Invalid {
                return Invalid;
            }
        }
        let get = |k: &str| m.get(k).filter(|_| counts(k));
        for (lower, plain, exclusive) in [
            (true, "minimum", "exclusiveMinimum"),
            (false, "maximum", "exclusiveMaximum"),
        ] {
            let (plain, exclusive) = (get(plain), get(exclusive));
            // The bounds in force, as the upgrade leaves them: `(limit, exclusive)`.
            let mut limits: Vec<(&Node, bool)> = Vec::new();
            match exclusive.map(|e| &e.value) {
                Some(Value::Bool(flag)) if self.is_30 => limits.extend(plain.map(|p| (p, *flag))),
                Some(Value::Bool(_)) => return Unknown,
                Some(_) => {
                    limits.extend(plain.map(|p| (p, false)));
                    limits.extend(exclusive.map(|e| (e, true)));
                }
                None => limits.extend(plain.map(|p| (p, false))),
            }
            for (limit, exclusive) in limits {
                if !matches!(limit.value, Value::Number(_)) {
                    return Unknown;
                }
                if let (Value::Number(n), Value::Number(l)) = (&value.value, &limit.value) {
                    out = out.and(within(n, l, exclusive, lower));
                }
            }
        }
        out
    }

    fn reference(&self, r: &Node, value: &Node, depth: usize, steps: &mut usize) -> Verdict {
        let Some(r) = r.as_str() else {
            return Unknown;
        };
        if !r.starts_with("#/components/schemas/") || r.contains('%') {
            return Unknown;
        }
        let name = &r["#/components/schemas/".len()..];
        let target = if name.contains(['/', '~']) {
            self.root.pointer(&r[1..])
        } else {
            // A whole component, by name: looked up in a map rather than by scanning the
            // document's list of schemas each time.
            self.components
                .get_or_init(|| {
                    self.root
                        .get("components")
                        .and_then(|c| c.get("schemas"))
                        .and_then(Node::as_object)
                        .map(|m| m.iter().collect())
                        .unwrap_or_default()
                })
                .get(name)
                .copied()
        };
        match target {
            Some(target) => self.eval(target, value, depth + 1, steps),
            None => Unknown,
        }
    }

    fn properties(&self, props: &Node, value: &Node, depth: usize, steps: &mut usize) -> Verdict {
        let Some(props) = props.as_object() else {
            return Unknown;
        };
        let Some(o) = value.as_object() else {
            return Valid;
        };
        let mut r = Valid;
        for (k, x) in o.iter() {
            if let Some(s) = props.get(k) {
                r = r.and(self.eval(s, x, depth + 1, steps));
                if r == Invalid {
                    break;
                }
            }
        }
        r
    }

    fn additional(
        &self,
        schema: &oaskit_core::Map,
        extra: &Node,
        value: &Node,
        depth: usize,
        steps: &mut usize,
    ) -> Verdict {
        if !matches!(extra.value, Value::Object(_) | Value::Bool(_)) {
            return Unknown;
        }
        let Some(o) = value.as_object() else {
            return Valid;
        };
        let props = match schema.get("properties") {
            Some(p) => match p.as_object() {
                Some(p) => Some(p),
                None => return Unknown,
            },
            None => None,
        };
        let mut r = Valid;
        for (k, x) in o.iter() {
            if props.is_some_and(|p| p.contains(k)) {
                continue;
            }
            r = r.and(self.eval(extra, x, depth + 1, steps));
            if r == Invalid {
                break;
            }
        }
        r
    }
}

/// A number literal as a double, when it is exactly what the compiled validator compares:
/// finite, not a tiny value read as zero, and within +-2^53 (where `f64` holds every integer,
/// so integers and doubles compare exactly).
fn exact_f64(literal: &str) -> Option<f64> {
    const LIMIT: f64 = 9_007_199_254_740_992.0;
    let f: f64 = literal.parse().ok()?;
    let zero_mantissa = literal
        .split(['e', 'E'])
        .next()
        .is_some_and(|m| m.bytes().all(|b| matches!(b, b'0' | b'.' | b'-' | b'+')));
    (f.is_finite() && f.abs() <= LIMIT && (f != 0.0 || zero_mantissa)).then_some(f)
}

/// Whether number `n` is within `limit` (`lower`: at or above it).
fn within(n: &str, limit: &str, exclusive: bool, lower: bool) -> Verdict {
    let (Some(n), Some(l)) = (exact_f64(n), exact_f64(limit)) else {
        return Unknown;
    };
    let ok = match (lower, exclusive) {
        (true, false) => n >= l,
        (true, true) => n > l,
        (false, false) => n <= l,
        (false, true) => n < l,
    };
    if ok {
        Valid
    } else {
        Invalid
    }
}

/// `minItems` and the like: `len` is the instance's size when the keyword applies to it.
fn count(keyword: &str, limit: &Node, len: Option<usize>) -> Verdict {
    let Value::Number(limit) = &limit.value else {
        return Unknown;
    };
    let Ok(limit) = limit.parse::<usize>() else {
        return Unknown;
    };
    let Some(len) = len else {
        return Valid;
    };
    let ok = if keyword.starts_with("min") {
        len >= limit
    } else {
        len <= limit
    };
    if ok {
        Valid
    } else {
        Invalid
    }
}

/// The `type` keyword (`nullable`: a 3.0 `nullable: true` beside a single type).
fn type_is(ty: &Node, value: &Node, nullable: bool) -> Verdict {
    let one = |name: &str| -> Verdict {
        let ok = match name {
            "null" => matches!(value.value, Value::Null),
            "boolean" => matches!(value.value, Value::Bool(_)),
            "string" => matches!(value.value, Value::String(_)),
            "array" => matches!(value.value, Value::Array(_)),
            "object" => matches!(value.value, Value::Object(_)),
            "number" => match &value.value {
                Value::Number(n) => {
                    if n.parse::<f64>().is_err() {
                        return Unknown;
                    }
                    true
                }
                _ => false,
            },
            "integer" => match &value.value {
                Value::Number(n) => {
                    if n.parse::<i64>().is_ok() || n.parse::<u64>().is_ok() {
                        true
                    } else {
                        match n.parse::<f64>() {
                            Ok(f) if f.is_finite() => f.fract() == 0.0,
                            _ => return Unknown,
                        }
                    }
                }
                _ => false,
            },
            _ => return Unknown,
        };
        if ok {
            Valid
        } else {
            Invalid
        }
    };
    if nullable && matches!(value.value, Value::Null) {
        return Valid;
    }
    match &ty.value {
        Value::String(name) => one(name),
        Value::Array(names) if !names.is_empty() => {
            let mut r = Invalid;
            for n in names {
                match n.as_str().map(one) {
                    Some(Valid) => return Valid,
                    Some(Invalid) => {}
                    _ => r = Unknown,
                }
            }
            r
        }
        _ => Unknown,
    }
}

/// `enum` (and `const`, a list of one): the value equals one of `items`.
fn equal_to_one(items: &[Node], value: &Node) -> Verdict {
    if items.iter().any(|i| i.same_as(value)) {
        return Valid;
    }
    // Values of different JSON types are never equal; numbers (1 and 1.0) and objects (key
    // order) can be equal without being written the same.
    let kind = |n: &Node| std::mem::discriminant(&n.value);
    let scalar = matches!(value.value, Value::Null | Value::Bool(_) | Value::String(_));
    if scalar || items.iter().all(|i| kind(i) != kind(value)) {
        Invalid
    } else {
        Unknown
    }
}

#[cfg(test)]
mod tests {
    use oaskit_core::{load_str, LoadOptions, Node, SourceFile};

    use super::super::compiled::Compiled;
    use super::{Quick, Verdict};

    fn value(text: &str) -> Node {
        let src = SourceFile::new("v".into(), oaskit_core::Origin::Memory, text.into());
        oaskit_core::parse::json(src.text(), 0, 64).expect("a value")
    }

    /// Every `(schema, value)` pair: the quick verdict, checked against the compiled
    /// validator wherever the quick check decides.
    fn judge(version: &str, schemas: &str, cases: &[(&str, &str, Verdict)]) {
        let text = format!(
            "openapi: {version}\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        let loaded = load_str("api.yaml", &text, &LoadOptions::new());
        let doc = loaded.document.expect("a document");
        let is_30 = version.starts_with("3.0");
        let quick = Quick::new(doc.root(), is_30);
        let compiled = Compiled::new(&doc);
        for (name, v, want) in cases {
            let pointer = format!("/components/schemas/{name}");
            let schema = doc.root().pointer(&pointer).expect("the schema");
            let v = value(v);
            let mut steps = 0;
            let got = quick.eval(schema, &v, 0, &mut steps);
            assert_eq!(got, *want, "{name} on {v:?}");
            let mismatch = compiled.mismatch(schema, &pointer, &v);
            match got {
                Verdict::Valid => assert_eq!(mismatch, None, "{name}"),
                Verdict::Invalid => assert!(mismatch.is_some(), "{name}"),
                Verdict::Unknown => {}
            }
        }
    }

    #[test]
    fn openapi_30_reading() {
        use Verdict::{Invalid, Unknown, Valid};
        let schemas = "    A: {type: object, required: [id], properties: {id: {type: integer}, b: {$ref: '#/components/schemas/B'}}, additionalProperties: false}\n    B: {type: string, nullable: true, maxLength: 3}\n    C: {$ref: '#/components/schemas/B', type: integer, maxLength: 1, nullable: true}\n    D: {type: number, minimum: 1, exclusiveMinimum: true, maximum: 5}\n    E: {nullable: true, allOf: [{type: object}]}\n    F: {type: string, nullable: true, enum: [a, b]}\n    G: {oneOf: [{type: string}, {type: integer}, {type: number}]}\n    H: {type: string, pattern: '^a'}\n    I: {type: array, items: {type: string, enum: [x]}, minItems: 1}\n    J: {not: {type: string}}\n    K: {type: object, properties: {n: {type: object, nullable: true, allOf: [{$ref: '#/components/schemas/A'}]}}}\n";
        judge(
            "3.0.3",
            schemas,
            &[
                ("A", r#"{"id": 1, "b": null}"#, Valid),
                ("A", r#"{"id": 1.0, "b": "abc"}"#, Valid),
                ("A", r#"{"id": 1, "b": "abcd"}"#, Invalid),
                ("A", r#"{"b": "a"}"#, Invalid),
                ("A", r#"{"id": 1, "c": 1}"#, Invalid),
                ("A", r#"{"id": 1.5}"#, Invalid),
                // Beside a 3.0 `$ref` only annotations and `nullable` count.
                ("C", r#""abc""#, Valid),
                ("C", "null", Valid),
                ("C", r#""abcd""#, Invalid),
                ("D", "1", Invalid),
                ("D", "1.5", Valid),
                ("D", "5", Valid),
                ("D", "5.01", Invalid),
                ("E", "null", Valid),
                ("E", "{}", Valid),
                ("E", "3", Invalid),
                ("F", "null", Invalid),
                ("F", r#""a""#, Valid),
                ("G", r#""s""#, Valid),
                ("G", "1", Invalid),
                ("G", "1.5", Valid),
                ("H", r#""abc""#, Unknown),
                ("H", "1", Invalid),
                ("I", r#"["x", "x"]"#, Valid),
                ("I", "[]", Invalid),
                ("I", r#"["y"]"#, Invalid),
                ("J", "1", Valid),
                ("J", r#""s""#, Invalid),
                ("K", r#"{"n": null}"#, Invalid),
                ("K", r#"{"n": {"id": 2}}"#, Valid),
            ],
        );
    }

    #[test]
    fn openapi_31_reading() {
        use Verdict::{Invalid, Unknown, Valid};
        let schemas = "    A: {type: [integer, 'null'], minimum: 0, exclusiveMaximum: 10}\n    B: {$ref: '#/components/schemas/A', maximum: 5}\n    C: {type: string, nullable: true}\n    D: {const: {a: 1}}\n    E: {type: object, patternProperties: {'^x': {type: string}}, additionalProperties: false}\n    F: {type: array, uniqueItems: true}\n    G: {enum: [1, 2]}\n";
        judge(
            "3.1.0",
            schemas,
            &[
                ("A", "null", Valid),
                ("A", "0", Valid),
                ("A", "10", Invalid),
                ("A", "-1", Invalid),
                ("A", "9.5", Invalid),
                ("B", "7", Invalid),
                ("B", "5", Valid),
                ("C", "null", Invalid),
                ("D", r#"{"a": 1}"#, Valid),
                ("D", r#"{"a": 1.0}"#, Unknown),
                ("D", "1", Invalid),
                ("E", r#"{"x": "s"}"#, Unknown),
                ("F", "[1, 2]", Unknown),
                ("G", "2", Valid),
                ("G", "2.0", Unknown),
                ("G", r#""2""#, Invalid),
            ],
        );
    }

    #[test]
    fn bounded_on_cycles() {
        use Verdict::Unknown;
        judge(
            "3.1.0",
            "    A: {allOf: [{$ref: '#/components/schemas/B'}]}\n    B: {anyOf: [{$ref: '#/components/schemas/A'}]}\n",
            &[("A", "1", Unknown)],
        );
    }
}
