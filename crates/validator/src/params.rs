//! Parameters from strings: style and explode as the specification's table defines them, then
//! coercion of each string to the type its schema wants.

use serde_json::{Map, Number, Value};

/// The JSON types a schema allows (bit set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Types(u8);

impl Types {
    pub const STRING: Types = Types(1);
    pub const INTEGER: Types = Types(2);
    pub const NUMBER: Types = Types(4);
    pub const BOOLEAN: Types = Types(8);
    pub const NULL: Types = Types(16);
    pub const ARRAY: Types = Types(32);
    pub const OBJECT: Types = Types(64);
    pub const ANY: Types = Types(127);

    pub fn has(self, t: Types) -> bool {
        self.0 & t.0 != 0
    }

    pub fn or(self, t: Types) -> Types {
        Types(self.0 | t.0)
    }

    fn from_name(n: &str) -> Types {
        match n {
            "string" => Self::STRING,
            "integer" => Self::INTEGER,
            "number" => Self::NUMBER,
            "boolean" => Self::BOOLEAN,
            "null" => Self::NULL,
            "array" => Self::ARRAY,
            "object" => Self::OBJECT,
            _ => Self::ANY,
        }
    }
}

/// What a parameter's schema looks like, as far as deserialization cares.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shape {
    pub types: Types,
    /// For arrays: the item types.
    pub items: Types,
    /// For objects: property types.
    pub props: Vec<(String, Types)>,
}

/// Memoized shape derivation over one document.
///
/// The walks below are bounded in depth (as they always were), and every (schema, depth) pair
/// is expanded once: schemas that name the same schema several times (`allOf: [S1, S1]` at
/// every level) cost one visit per pair instead of a visit per path, which used to be
/// exponential in the fan-out.
pub(crate) struct Shapes<'v> {
    root: &'v Value,
    types: std::collections::HashMap<(*const Value, usize), Types>,
}

impl<'v> Shapes<'v> {
    pub(crate) fn new(root: &'v Value) -> Self {
        Self {
            root,
            types: std::collections::HashMap::new(),
        }
    }

    /// Derives the shape of a schema, following `$ref`s and merging `allOf`.
    pub(crate) fn shape(&mut self, schema: &'v Value) -> Shape {
        let mut s = Shape::default();
        let mut seen = std::collections::HashSet::new();
        let mut props_seen = std::collections::HashSet::new();
        self.collect(schema, &mut s, 0, &mut seen, &mut props_seen);
        if s.types == Types::default() {
            s.types = Types::ANY;
        }
        s
    }

    fn types_of(&mut self, schema: &'v Value, depth: usize) -> Types {
        let s = deref(self.root, schema);
        let key = (std::ptr::from_ref(s), depth);
        if let Some(t) = self.types.get(&key) {
            return *t;
        }
        let mut t = match s.get("type") {
            Some(Value::String(n)) => Types::from_name(n),
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .fold(Types::default(), |acc, n| acc.or(Types::from_name(n))),
            _ => Types::default(),
        };
        if depth < 8 {
            for key in ["allOf", "oneOf", "anyOf"] {
                if let Some(list) = s.get(key).and_then(Value::as_array) {
                    for m in list {
                        t = t.or(self.types_of(m, depth + 1));
                    }
                }
            }
        }
        if s.get("nullable").and_then(Value::as_bool) == Some(true) {
            t = t.or(Types::NULL);
        }
        let t = if t == Types::default() {
            if s.get("properties").is_some() {
                Types::OBJECT
            } else if s.get("items").is_some() {
                Types::ARRAY
            } else {
                Types::ANY
            }
        } else {
            t
        };
        self.types.insert(key, t);
        t
    }

    fn collect(
        &mut self,
        schema: &'v Value,
        out: &mut Shape,
        depth: usize,
        seen: &mut std::collections::HashSet<(*const Value, usize)>,
        props_seen: &mut std::collections::HashSet<String>,
    ) {
        if depth > 8 {
            return;
        }
        let s = deref(self.root, schema);
        // A second visit of the same schema at the same depth adds nothing new.
        if !seen.insert((std::ptr::from_ref(s), depth)) {
            return;
        }
        out.types = out.types.or(self.types_of(s, 0));
        if let Some(items) = s.get("items") {
            out.items = out.items.or(self.types_of(items, 0));
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                // Lookups take the first entry of a name; later ones are never read.
                if props_seen.insert(k.clone()) {
                    let t = self.types_of(v, 0);
                    out.props.push((k.clone(), t));
                }
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            if let Some(list) = s.get(key).and_then(Value::as_array) {
                for m in list {
                    self.collect(m, out, depth + 1, seen, props_seen);
                }
            }
        }
        if out.items == Types::default() {
            out.items = Types::ANY;
        }
    }
}

fn deref<'v>(root: &'v Value, v: &'v Value) -> &'v Value {
    oaskit_core::api::reference::follow_json(root, v, "").0
}

/// Turns one string into the JSON value its types want; strings that do not parse stay strings,
/// so the schema reports the type error.
pub(crate) fn coerce(s: &str, t: Types) -> Value {
    if t.has(Types::INTEGER) || t.has(Types::NUMBER) {
        let b = s.as_bytes();
        let numeric = !b.is_empty()
            && b.iter()
                .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'));
        if numeric {
            if let Ok(i) = s.parse::<i64>() {
                return Value::Number(i.into());
            }
            if let Ok(n) = serde_json::from_str::<Number>(s) {
                if t.has(Types::NUMBER) || n.as_u64().is_some() {
                    return Value::Number(n);
                }
                // 1.5 for an integer: keep the number so the schema says "not an integer".
                return Value::Number(n);
            }
        }
    }
    if t.has(Types::BOOLEAN) {
        match s {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            _ => {}
        }
    }
    if t.has(Types::NULL) && !t.has(Types::STRING) && s == "null" {
        return Value::Null;
    }
    Value::String(s.to_string())
}

/// Percent-decoding (`+` is a space only in form-encoded query strings).
pub(crate) fn decode(s: &str, plus_is_space: bool) -> String {
    if !(s.contains('%') || plus_is_space && s.contains('+')) {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                // Bytes, not a string slice: the two bytes after `%` may start a multi-byte
                // character (`%1é`), where slicing the string would panic.
                if let Some(v) = oaskit_core::hex_byte(b[i + 1], b[i + 2]) {
                    out.push(v);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a query string into decoded (name, value) pairs, keeping the raw value too.
pub(crate) fn query_pairs(q: &str) -> Vec<(String, String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k, true), decode(v, true), v.to_string())
        })
        .collect()
}

fn array(items: impl Iterator<Item = String>, shape: &Shape) -> Value {
    Value::Array(items.map(|s| coerce(&s, shape.items)).collect())
}

/// Property types by name (the first entry of a name wins, as a scan would find): one lookup
/// per request item instead of a scan of the properties, which was O(items x properties).
struct PropTypes<'s>(std::collections::HashMap<&'s str, Types>);

impl<'s> PropTypes<'s> {
    fn of(shape: &'s Shape) -> Self {
        let mut m = std::collections::HashMap::with_capacity(shape.props.len());
        for (k, t) in &shape.props {
            m.entry(k.as_str()).or_insert(*t);
        }
        Self(m)
    }

    fn get(&self, name: &str) -> Types {
        self.0.get(name).copied().unwrap_or(Types::ANY)
    }

    fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

/// An object from alternating `k,v,k,v` items.
fn object_from_pairs(items: &[String], shape: &Shape) -> Option<Value> {
    if items.len() % 2 != 0 {
        return None;
    }
    let mut m = Map::new();
    let types = PropTypes::of(shape);
    for kv in items.chunks(2) {
        m.insert(kv[0].clone(), coerce(&kv[1], types.get(&kv[0])));
    }
    Some(Value::Object(m))
}

/// An object from `k=v` items.
fn object_from_assignments(items: &[String], shape: &Shape) -> Option<Value> {
    let mut m = Map::new();
    let types = PropTypes::of(shape);
    for it in items {
        let (k, v) = it.split_once('=')?;
        m.insert(k.to_string(), coerce(v, types.get(k)));
    }
    Some(Value::Object(m))
}

/// Deserializes a value that arrived as one string (path segment, header, cookie value,
/// or a non-exploded query value), given how the pieces are delimited.
pub(crate) fn from_delimited(
    raw: &str,
    delim: char,
    exploded_object: bool,
    shape: &Shape,
    decode_pieces: bool,
) -> Option<Value> {
    let piece = |s: &str| {
        if decode_pieces {
            decode(s, false)
        } else {
            s.to_string()
        }
    };
    if shape.types.has(Types::ARRAY) && !shape.types.has(Types::OBJECT) {
        if raw.is_empty() {
            return Some(Value::Array(Vec::new()));
        }
        return Some(array(raw.split(delim).map(piece), shape));
    }
    if shape.types.has(Types::OBJECT) && !shape.types.has(Types::ARRAY) && shape.types != Types::ANY
    {
        let items: Vec<String> = raw.split(delim).map(piece).collect();
        return if exploded_object {
            object_from_assignments(&items, shape)
        } else {
            object_from_pairs(&items, shape)
        };
    }
    Some(coerce(&piece(raw), shape.types))
}

/// Path parameters: `simple`, `label` and `matrix`.
pub(crate) fn path_value(
    raw: &str,
    name: &str,
    style: &str,
    explode: bool,
    shape: &Shape,
) -> Option<Value> {
    match style {
        "label" => {
            let rest = raw.strip_prefix('.')?;
            let delim = if explode { '.' } else { ',' };
            from_delimited(rest, delim, explode, shape, true)
        }
        "matrix" => {
            let rest = raw.strip_prefix(';')?;
            let is_object = shape.types.has(Types::OBJECT)
                && !shape.types.has(Types::ARRAY)
                && shape.types != Types::ANY;
            if explode && is_object {
                let items: Vec<String> = rest.split(';').map(|s| decode(s, false)).collect();
                return object_from_assignments(&items, shape);
            }
            if explode && shape.types.has(Types::ARRAY) {
                let prefix = format!("{name}=");
                let items: Option<Vec<String>> = rest
                    .split(';')
                    .map(|p| p.strip_prefix(&prefix).map(|v| decode(v, false)))
                    .collect();
                return items.map(|i| array(i.into_iter(), shape));
            }
            if rest == name {
                return Some(Value::String(String::new()));
            }
            let value = rest.strip_prefix(name)?.strip_prefix('=')?;
            from_delimited(value, ',', false, shape, true)
        }
        _ => from_delimited(raw, ',', explode, shape, true),
    }
}

/// Query parameters: `form`, `spaceDelimited`, `pipeDelimited`, `deepObject`. `None` when the
/// parameter is absent, `Some(Err(reason))` when present but malformed.
pub(crate) fn query_value(
    pairs: &[(String, String, String)],
    name: &str,
    style: &str,
    explode: bool,
    shape: &Shape,
    others: &[&str],
) -> Option<Result<Value, String>> {
    let is_array = shape.types.has(Types::ARRAY) && !shape.types.has(Types::OBJECT);
    let is_object = shape.types.has(Types::OBJECT)
        && !shape.types.has(Types::ARRAY)
        && shape.types != Types::ANY;
    match style {
        "deepObject" => {
            let prefix = format!("{name}[");
            let types = PropTypes::of(shape);
            let mut m = Map::new();
            for (k, v, _) in pairs {
                if let Some(rest) = k.strip_prefix(&prefix) {
                    let Some(prop) = rest.strip_suffix(']') else {
                        return Some(Err(format!("malformed deepObject key {k:?}")));
                    };
                    m.insert(prop.to_string(), coerce(v, types.get(prop)));
                }
            }
            (!m.is_empty()).then_some(Ok(Value::Object(m)))
        }
        "form" if explode && is_object => {
            // Every pair that is not another parameter belongs to the object.
            let types = PropTypes::of(shape);
            let others: std::collections::HashSet<&str> = others.iter().copied().collect();
            let mut m = Map::new();
            for (k, v, _) in pairs {
                let known = types.contains(k);
                if known || (shape.props.is_empty() && !others.contains(k.as_str())) {
                    m.insert(k.clone(), coerce(v, types.get(k)));
                }
            }
            (!m.is_empty()).then_some(Ok(Value::Object(m)))
        }
        "form" if explode && is_array => {
            let items: Vec<String> = pairs
                .iter()
                .filter(|(k, _, _)| k == name)
                .map(|(_, v, _)| v.clone())
                .collect();
            (!items.is_empty()).then(|| Ok(array(items.into_iter(), shape)))
        }
        _ => {
            let (_, value, _) = pairs.iter().find(|(k, _, _)| k == name)?;
            let delim = match style {
                "spaceDelimited" => ' ',
                "pipeDelimited" => '|',
                _ => ',',
            };
            if is_array || is_object {
                Some(
                    from_delimited(value, delim, false, shape, false)
                        .ok_or_else(|| "malformed value".to_string()),
                )
            } else {
                Some(Ok(coerce(value, shape.types)))
            }
        }
    }
}

/// Cookies from a `Cookie` header.
pub(crate) fn cookies(header: &str) -> Vec<(String, String)> {
    header
        .split(';')
        .filter_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn percent_decoding_never_splits_a_character() {
        for (raw, want) in [
            ("%1é", "%1é"),
            ("q=%é", "q=%é"),
            ("%C3%A9+x", "é x"),
            ("%", "%"),
        ] {
            assert_eq!(decode(raw, true), want, "{raw}");
        }
    }

    fn sh(t: Types, items: Types, props: &[(&str, Types)]) -> Shape {
        Shape {
            types: t,
            items,
            props: props.iter().map(|(k, t)| (k.to_string(), *t)).collect(),
        }
    }

    /// The examples table of the specification, parameter `color`:
    /// string "blue", array ["blue","black","brown"], object {"R":100,"G":200,"B":150}.
    #[test]
    fn the_specification_table() {
        let prim = sh(Types::STRING, Types::ANY, &[]);
        let arr = sh(Types::ARRAY, Types::STRING, &[]);
        let obj = sh(
            Types::OBJECT,
            Types::ANY,
            &[
                ("R", Types::INTEGER),
                ("G", Types::INTEGER),
                ("B", Types::INTEGER),
            ],
        );
        let (s, a, o) = (
            json!("blue"),
            json!(["blue", "black", "brown"]),
            json!({"R": 100, "G": 200, "B": 150}),
        );
        // matrix
        assert_eq!(
            path_value(";color=blue", "color", "matrix", false, &prim),
            Some(s.clone())
        );
        assert_eq!(
            path_value(";color=blue,black,brown", "color", "matrix", false, &arr),
            Some(a.clone())
        );
        assert_eq!(
            path_value(";color=R,100,G,200,B,150", "color", "matrix", false, &obj),
            Some(o.clone())
        );
        assert_eq!(
            path_value(
                ";color=blue;color=black;color=brown",
                "color",
                "matrix",
                true,
                &arr
            ),
            Some(a.clone())
        );
        assert_eq!(
            path_value(";R=100;G=200;B=150", "color", "matrix", true, &obj),
            Some(o.clone())
        );
        assert_eq!(
            path_value(";color", "color", "matrix", false, &prim),
            Some(json!(""))
        );
        // label
        assert_eq!(
            path_value(".blue", "color", "label", false, &prim),
            Some(s.clone())
        );
        assert_eq!(
            path_value(".blue,black,brown", "color", "label", false, &arr),
            Some(a.clone())
        );
        assert_eq!(
            path_value(".R,100,G,200,B,150", "color", "label", false, &obj),
            Some(o.clone())
        );
        assert_eq!(
            path_value(".blue.black.brown", "color", "label", true, &arr),
            Some(a.clone())
        );
        assert_eq!(
            path_value(".R=100.G=200.B=150", "color", "label", true, &obj),
            Some(o.clone())
        );
        // simple
        assert_eq!(
            path_value("blue", "color", "simple", false, &prim),
            Some(s.clone())
        );
        assert_eq!(
            path_value("blue,black,brown", "color", "simple", false, &arr),
            Some(a.clone())
        );
        assert_eq!(
            path_value("blue,black,brown", "color", "simple", true, &arr),
            Some(a.clone())
        );
        assert_eq!(
            path_value("R,100,G,200,B,150", "color", "simple", false, &obj),
            Some(o.clone())
        );
        assert_eq!(
            path_value("R=100,G=200,B=150", "color", "simple", true, &obj),
            Some(o.clone())
        );
        // form
        let q = |s: &str| query_pairs(s);
        assert_eq!(
            query_value(&q("color=blue"), "color", "form", true, &prim, &[]),
            Some(Ok(s.clone()))
        );
        assert_eq!(
            query_value(
                &q("color=blue,black,brown"),
                "color",
                "form",
                false,
                &arr,
                &[]
            ),
            Some(Ok(a.clone()))
        );
        assert_eq!(
            query_value(
                &q("color=blue&color=black&color=brown"),
                "color",
                "form",
                true,
                &arr,
                &[]
            ),
            Some(Ok(a.clone()))
        );
        assert_eq!(
            query_value(
                &q("color=R,100,G,200,B,150"),
                "color",
                "form",
                false,
                &obj,
                &[]
            ),
            Some(Ok(o.clone()))
        );
        assert_eq!(
            query_value(&q("R=100&G=200&B=150"), "color", "form", true, &obj, &[]),
            Some(Ok(o.clone()))
        );
        assert_eq!(
            query_value(&q("color="), "color", "form", true, &prim, &[]),
            Some(Ok(json!("")))
        );
        // spaceDelimited, pipeDelimited, deepObject
        assert_eq!(
            query_value(
                &q("color=blue%20black%20brown"),
                "color",
                "spaceDelimited",
                false,
                &arr,
                &[]
            ),
            Some(Ok(a.clone()))
        );
        assert_eq!(
            query_value(
                &q("color=R%20100%20G%20200%20B%20150"),
                "color",
                "spaceDelimited",
                false,
                &obj,
                &[]
            ),
            Some(Ok(o.clone()))
        );
        assert_eq!(
            query_value(
                &q("color=blue|black|brown"),
                "color",
                "pipeDelimited",
                false,
                &arr,
                &[]
            ),
            Some(Ok(a.clone()))
        );
        assert_eq!(
            query_value(
                &q("color=R|100|G|200|B|150"),
                "color",
                "pipeDelimited",
                false,
                &obj,
                &[]
            ),
            Some(Ok(o.clone()))
        );
        assert_eq!(
            query_value(
                &q("color[R]=100&color[G]=200&color[B]=150"),
                "color",
                "deepObject",
                true,
                &obj,
                &[]
            ),
            Some(Ok(o))
        );
        assert_eq!(
            query_value(&q("other=1"), "color", "form", true, &prim, &[]),
            None
        );
    }

    #[test]
    fn coercion_follows_the_schema() {
        assert_eq!(coerce("42", Types::INTEGER), json!(42));
        assert_eq!(coerce("4.5", Types::NUMBER), json!(4.5));
        assert_eq!(coerce("x", Types::INTEGER), json!("x"));
        assert_eq!(coerce("true", Types::BOOLEAN), json!(true));
        assert_eq!(coerce("42", Types::STRING), json!("42"));
        assert_eq!(decode("a%20b+c", true), "a b c");
        assert_eq!(
            cookies("a=1; b=x y"),
            [("a".into(), "1".into()), ("b".into(), "x y".into())]
        );
    }
}
