//! Values generated from schemas for mock responses: valid for the schema (types, formats,
//! enums, `const`, bounds, `multipleOf`, lengths, `pattern`, `required`, `allOf`/`oneOf`/
//! `anyOf`, discriminators, `readOnly`/`writeOnly`), deterministic by default, random with
//! `Prefer: dynamic=true`.
//!
//! Works on the document tree itself (no copy of the definition), following local `$ref`s.

use oaskit_core::{api::reference::follow, Node};
use serde_json::{json, Map, Value};

/// Which message the value is for: requests leave out `readOnly` properties, responses
/// `writeOnly` ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// A request body or parameter.
    Request,
    /// A response body or header.
    Response,
}

/// How choices are made.
#[derive(Debug)]
pub(crate) enum Chooser {
    /// The first choice every time (the smallest value, the first enum member...).
    Fixed,
    /// A xorshift generator.
    Random(u64),
}

impl Chooser {
    /// A random chooser seeded with `seed` (zero is replaced: xorshift needs a non-zero state).
    pub(crate) fn random(seed: u64) -> Self {
        Chooser::Random(seed | 1)
    }

    fn next(&mut self) -> u64 {
        match self {
            Chooser::Fixed => 0,
            Chooser::Random(s) => {
                let mut x = *s;
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *s = x;
                x
            }
        }
    }

    fn pick(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }

    /// A whole number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo).unsigned_abs().saturating_add(1);
        lo.saturating_add((self.next() % span) as i64)
    }

    fn is_random(&self) -> bool {
        matches!(self, Chooser::Random(_))
    }
}

/// An index below `n` (for the pattern walker).
pub(crate) fn pick(choose: &mut Chooser, n: usize) -> usize {
    choose.pick(n)
}

/// A number in `lo..=hi` (for the pattern walker).
pub(crate) fn range_u32(choose: &mut Chooser, lo: u32, hi: u32) -> u32 {
    u32::try_from(choose.range(i64::from(lo), i64::from(hi))).unwrap_or(lo)
}

/// Nesting deeper than this generates only what is required.
const DEEP: usize = 3;
/// Nesting deeper than this generates `null` (recursive schemas).
const MAX_DEPTH: usize = 12;
/// The most values generated for one message.
const BUDGET: usize = 20_000;

/// Generates values for schemas of one document.
pub(crate) struct Generator<'a> {
    root: &'a Node,
    dir: Direction,
    choose: Chooser,
    budget: usize,
    examples: bool,
}

/// Everything the schemas applying to one value say, gathered (`allOf` flattened).
#[derive(Default)]
struct View<'a> {
    types: Option<Vec<&'a str>>,
    nullable: bool,
    enums: Option<Vec<&'a Node>>,
    constant: Option<&'a Node>,
    example: Option<&'a Node>,
    format: Option<&'a str>,
    pattern: Option<&'a str>,
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
    multiple_of: Option<f64>,
    min_len: Option<usize>,
    max_len: Option<usize>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique: bool,
    min_props: Option<usize>,
    items: Vec<&'a Node>,
    props: Vec<(&'a str, Vec<&'a Node>)>,
    required: Vec<&'a str>,
    additional: Option<&'a Node>,
    additional_false: bool,
    forced: Vec<(String, Value)>,
}

fn num(n: &Node) -> Option<f64> {
    n.to_json().as_f64()
}

fn strs(n: &Node) -> Vec<&str> {
    match n.as_str() {
        Some(s) => vec![s],
        None => n
            .as_array()
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .collect(),
    }
}

impl<'a> Generator<'a> {
    pub(crate) fn new(root: &'a Node, dir: Direction, choose: Chooser) -> Self {
        Self {
            root,
            dir,
            choose,
            budget: BUDGET,
            examples: true,
        }
    }

    /// Whether schemas' own `example`, `examples` and `default` are used (when they fit the
    /// schema's simple constraints); off, every value is generated.
    pub(crate) fn with_examples(mut self, on: bool) -> Self {
        self.examples = on;
        self
    }

    /// A value for `schema`.
    pub(crate) fn value(&mut self, schema: &'a Node) -> Value {
        self.of(vec![schema], 0)
    }

    fn resolve(&self, n: &'a Node) -> &'a Node {
        follow(self.root, n, "").node
    }

    /// Adds `schema` (references followed, `allOf` flattened, one `oneOf`/`anyOf` branch
    /// chosen) to the view.
    fn gather(&mut self, view: &mut View<'a>, schema: &'a Node, depth: usize) {
        if depth > 32 {
            return;
        }
        let s = self.resolve(schema);
        let Some(m) = s.as_object() else {
            return;
        };
        for (k, v) in m.iter() {
            match k {
                "type" => {
                    let t = strs(v);
                    view.types = Some(match view.types.take() {
                        Some(old) => old.into_iter().filter(|x| t.contains(x)).collect(),
                        None => t,
                    });
                }
                "nullable" => view.nullable |= v.as_bool() == Some(true),
                "enum" => {
                    if let Some(a) = v.as_array() {
                        let list: Vec<&Node> = a.iter().collect();
                        view.enums = Some(match view.enums.take() {
                            Some(old) => old
                                .into_iter()
                                .filter(|x| list.iter().any(|y| y.same_as(x)))
                                .collect(),
                            None => list,
                        });
                    }
                }
                "const" => view.constant = Some(v),
                "example" | "default" if view.example.is_none() => view.example = Some(v),
                "examples" if view.example.is_none() => {
                    view.example = v.as_array().and_then(|a| a.first());
                }
                "format" => view.format = v.as_str(),
                "pattern" => view.pattern = v.as_str(),
                "minimum" => {
                    if let Some(x) = num(v) {
                        let excl = m.get("exclusiveMinimum").and_then(Node::as_bool) == Some(true);
                        view.min = Some(tighter_min(view.min, (x, excl)));
                    }
                }
                "exclusiveMinimum" => {
                    if let Some(x) = num(v) {
                        view.min = Some(tighter_min(view.min, (x, true)));
                    }
                }
                "maximum" => {
                    if let Some(x) = num(v) {
                        let excl = m.get("exclusiveMaximum").and_then(Node::as_bool) == Some(true);
                        view.max = Some(tighter_max(view.max, (x, excl)));
                    }
                }
                "exclusiveMaximum" => {
                    if let Some(x) = num(v) {
                        view.max = Some(tighter_max(view.max, (x, true)));
                    }
                }
                "multipleOf" => view.multiple_of = num(v).filter(|x| *x > 0.0),
                "minLength" => view.min_len = max_opt(view.min_len, num(v)),
                "maxLength" => view.max_len = min_opt(view.max_len, num(v)),
                "minItems" => view.min_items = max_opt(view.min_items, num(v)),
                "maxItems" => view.max_items = min_opt(view.max_items, num(v)),
                "minProperties" => view.min_props = max_opt(view.min_props, num(v)),
                "uniqueItems" => view.unique |= v.as_bool() == Some(true),
                "items" => view.items.push(v),
                "required" => view.required.extend(strs(v)),
                "additionalProperties" => match v.as_bool() {
                    Some(false) => view.additional_false = true,
                    Some(true) => {}
                    None => view.additional = Some(v),
                },
                "properties" => {
                    if let Some(pm) = v.as_object() {
                        for (name, p) in pm.iter() {
                            match view.props.iter_mut().find(|(n, _)| *n == name) {
                                Some((_, list)) => list.push(p),
                                None => view.props.push((name, vec![p])),
                            }
                        }
                    }
                }
                "allOf" => {
                    for sub in v.as_array().unwrap_or_default() {
                        self.gather(view, sub, depth + 1);
                    }
                }
                "oneOf" | "anyOf" => {
                    let list = v.as_array().unwrap_or_default();
                    // Prefer a branch that is not just `null`.
                    let candidates: Vec<&'a Node> = list
                        .iter()
                        .filter(|b| {
                            let r = self.resolve(b);
                            r.get("type").and_then(Node::as_str) != Some("null")
                        })
                        .collect();
                    let pool = if candidates.is_empty() {
                        list.iter().collect()
                    } else {
                        candidates
                    };
                    if pool.is_empty() {
                        continue;
                    }
                    let i = self.choose.pick(pool.len());
                    let branch = pool[i];
                    if let Some(prop) = m
                        .get("discriminator")
                        .and_then(|d| d.get("propertyName"))
                        .and_then(Node::as_str)
                    {
                        if let Some(tag) = discriminator_value(m.get("discriminator"), branch) {
                            view.forced.push((prop.to_string(), Value::String(tag)));
                        }
                    }
                    self.gather(view, branch, depth + 1);
                }
                _ => {}
            }
        }
    }

    fn of(&mut self, schemas: Vec<&'a Node>, depth: usize) -> Value {
        if self.budget == 0 || depth > MAX_DEPTH {
            return Value::Null;
        }
        self.budget -= 1;
        let mut view = View::default();
        for s in schemas {
            self.gather(&mut view, s, 0);
        }
        if let Some(c) = view.constant {
            return c.to_json();
        }
        if let Some(list) = &view.enums {
            let non_null: Vec<&&Node> = list
                .iter()
                .filter(|n| !matches!(n.value, oaskit_core::Value::Null))
                .collect();
            if !non_null.is_empty() {
                let i = self.choose.pick(non_null.len());
                return non_null[i].to_json();
            }
            if let Some(first) = list.first() {
                return first.to_json();
            }
        }
        if !self.choose.is_random() && self.examples {
            if let Some(x) = view.example {
                let v = x.to_json();
                // Published examples are often wrong (too short, off-pattern): only one that
                // fits the schema's own constraints is used.
                if fits(&view, &v) {
                    return v;
                }
            }
        }
        let ty = self.pick_type(&view);
        match ty {
            "object" => self.object(&view, depth),
            "array" => self.array(&view, depth),
            "integer" => self.integer(&view),
            "number" => self.number(&view),
            "boolean" => Value::Bool(
                self.choose.is_random() && self.choose.pick(2) == 1 || !self.choose.is_random(),
            ),
            "null" => Value::Null,
            _ => Value::String(self.string(&view)),
        }
    }

    fn pick_type(&mut self, view: &View<'a>) -> &'static str {
        const ALL: [&str; 7] = [
            "object", "array", "string", "integer", "number", "boolean", "null",
        ];
        let inferred =
            if !view.props.is_empty() || !view.required.is_empty() || view.additional.is_some() {
                Some("object")
            } else if !view.items.is_empty() {
                Some("array")
            } else if view.format.is_some() || view.pattern.is_some() || view.min_len.is_some() {
                Some("string")
            } else if view.min.is_some() || view.max.is_some() {
                Some("number")
            } else {
                None
            };
        match &view.types {
            Some(t) => {
                let non_null: Vec<&str> = t.iter().copied().filter(|x| *x != "null").collect();
                if let Some(i) = inferred.filter(|i| non_null.contains(i)) {
                    return ALL.iter().find(|a| **a == i).copied().unwrap_or("string");
                }
                if non_null.is_empty() {
                    return if t.is_empty() { "string" } else { "null" };
                }
                let i = self.choose.pick(non_null.len());
                ALL.iter()
                    .find(|a| **a == non_null[i])
                    .copied()
                    .unwrap_or("string")
            }
            None => inferred.unwrap_or("string"),
        }
    }

    fn skipped(&self, schemas: &[&'a Node]) -> bool {
        let key = match self.dir {
            Direction::Request => "readOnly",
            Direction::Response => "writeOnly",
        };
        schemas
            .iter()
            .any(|s| self.resolve(s).get(key).and_then(Node::as_bool) == Some(true))
    }

    fn object(&mut self, view: &View<'a>, depth: usize) -> Value {
        let mut out = Map::new();
        for (name, schemas) in &view.props {
            let required = view.required.contains(name);
            if self.skipped(schemas) {
                continue;
            }
            let include = required
                || if self.choose.is_random() {
                    depth < DEEP && self.choose.pick(3) > 0
                } else {
                    depth < DEEP
                };
            if include && self.budget > 0 {
                let v = self.of(schemas.clone(), depth + 1);
                out.insert((*name).to_string(), v);
            }
        }
        // Required properties the schema does not describe.
        for name in &view.required {
            if !out.contains_key(*name) && !view.props.iter().any(|(n, _)| n == name) {
                let v = match view.additional {
                    Some(a) => self.of(vec![a], depth + 1),
                    None => Value::String("string".into()),
                };
                out.insert((*name).to_string(), v);
            }
        }
        let mut i = 1;
        while out.len() < view.min_props.unwrap_or(0) && !view.additional_false && i < 100 {
            let v = match view.additional {
                Some(a) => self.of(vec![a], depth + 1),
                None => Value::String("string".into()),
            };
            out.insert(format!("additionalProp{i}"), v);
            i += 1;
        }
        for (k, v) in &view.forced {
            out.insert(k.clone(), v.clone());
        }
        Value::Object(out)
    }

    fn array(&mut self, view: &View<'a>, depth: usize) -> Value {
        let min = view.min_items.unwrap_or(0);
        let max = view.max_items.unwrap_or(usize::MAX).max(min);
        let want = if self.choose.is_random() {
            self.choose.range(min as i64, (min + 3).min(max) as i64) as usize
        } else if depth < DEEP {
            min.max(1).min(max)
        } else {
            min
        };
        let want = want.min(min.max(1000));
        let mut out: Vec<Value> = Vec::with_capacity(want.min(64));
        let mut tries = 0;
        while out.len() < want && tries < want * 4 + 8 && self.budget > 0 {
            tries += 1;
            let v = if view.items.is_empty() {
                Value::String(format!("item{tries}"))
            } else if view.unique && tries > out.len() + 1 {
                // A duplicate came out: vary the choices for this item.
                let saved =
                    std::mem::replace(&mut self.choose, Chooser::random(tries as u64 * 7919));
                let v = self.of(view.items.clone(), depth + 1);
                self.choose = saved;
                v
            } else {
                self.of(view.items.clone(), depth + 1)
            };
            if !view.unique || !out.contains(&v) {
                out.push(v);
            }
        }
        Value::Array(out)
    }

    fn bounds(view: &View<'a>) -> (Option<f64>, Option<f64>) {
        (view.min.map(|(x, _)| x), view.max.map(|(x, _)| x))
    }

    fn integer(&mut self, view: &View<'a>) -> Value {
        let lo = view
            .min
            .map(|(x, excl)| if excl { x.floor() + 1.0 } else { x.ceil() });
        let hi = view
            .max
            .map(|(x, excl)| if excl { x.ceil() - 1.0 } else { x.floor() });
        let step = view
            .multiple_of
            .map_or(1.0, |m| if m.fract() == 0.0 { m } else { m.ceil() });
        let (lo_i, hi_i) = (
            lo.map_or(i64::MIN / 4, |x| x.clamp(-9e15, 9e15) as i64),
            hi.map_or(i64::MAX / 4, |x| x.clamp(-9e15, 9e15) as i64),
        );
        let start = if self.choose.is_random() {
            let a = if lo.is_some() {
                lo_i
            } else {
                hi_i.min(0).saturating_sub(100).max(lo_i)
            };
            let b = if hi.is_some() {
                hi_i
            } else {
                a.saturating_add(1000)
            };
            self.choose.range(a, b.min(a.saturating_add(1000)))
        } else if lo.is_some() {
            lo_i
        } else if hi.is_some() {
            hi_i.min(0)
        } else {
            let _ = Self::bounds(view);
            0
        };
        let step = step.max(1.0) as i64;
        let mut v = start.div_euclid(step) * step;
        if v < start {
            v += step;
        }
        if v > hi_i {
            v -= step;
        }
        json!(v)
    }

    fn number(&mut self, view: &View<'a>) -> Value {
        if let Some(m) = view.multiple_of {
            let lo = view
                .min
                .map_or(0.0, |(x, excl)| if excl { x + m * 0.5 } else { x });
            let mut k = (lo / m).ceil();
            if self.choose.is_random() {
                k += self.choose.range(0, 10) as f64;
            }
            let mut v = k * m;
            if let Some((hi, excl)) = view.max {
                while (v > hi || (excl && v >= hi)) && v - m >= lo {
                    v -= m;
                }
            }
            return num_json(v);
        }
        let lo = view
            .min
            .map(|(x, excl)| if excl { x + step_of(x) } else { x });
        let hi = view
            .max
            .map(|(x, excl)| if excl { x - step_of(x) } else { x });
        let mut v = match (lo, hi) {
            (Some(l), _) => l,
            (None, Some(h)) => h.min(0.0),
            (None, None) => 0.0,
        };
        if self.choose.is_random() {
            let span = match (lo, hi) {
                (Some(l), Some(h)) => (h - l).max(0.0),
                _ => 1000.0,
            };
            v += span * (self.choose.range(0, 1000) as f64 / 1000.0);
        }
        if let Some(h) = hi {
            v = v.min(h);
        }
        num_json(v)
    }

    fn string(&mut self, view: &View<'a>) -> String {
        let min = view.min_len.unwrap_or(0);
        let max = view.max_len.unwrap_or(usize::MAX).max(min);
        if let Some(p) = view.pattern {
            for extra in 0..8 {
                if let Some(s) = crate::pattern::generate(p, &mut self.choose, extra) {
                    let n = s.chars().count();
                    if n >= min && n <= max {
                        return s;
                    }
                    if n > max {
                        break;
                    }
                }
            }
        }
        let random = self.choose.is_random();
        let seq = self.choose.range(0, 99_999);
        let text = match view.format.unwrap_or("") {
            "date-time" => {
                if random {
                    format!(
                        "2024-{:02}-{:02}T{:02}:00:00Z",
                        seq % 12 + 1,
                        seq % 28 + 1,
                        seq % 24
                    )
                } else {
                    "2024-01-01T00:00:00Z".into()
                }
            }
            "date" => format!("2024-{:02}-{:02}", seq % 12 + 1, seq % 28 + 1),
            "time" => format!("{:02}:00:00Z", seq % 24),
            "duration" => "P1D".into(),
            "uuid" => format!("00000000-0000-4000-8000-{seq:012}"),
            "email" | "idn-email" => format!(
                "user{}@example.com",
                if random {
                    seq.to_string()
                } else {
                    String::new()
                }
            ),
            "uri" | "url" | "iri" => format!(
                "https://example.com/{}",
                if random {
                    seq.to_string()
                } else {
                    String::new()
                }
            ),
            "uri-reference" | "iri-reference" => "/example".into(),
            "uri-template" => "https://example.com/{id}".into(),
            "hostname" | "idn-hostname" => "example.com".into(),
            "ipv4" => format!("192.0.2.{}", seq % 255),
            "ipv6" => "2001:db8::1".into(),
            "byte" => "ZXhhbXBsZQ==".into(),
            "json-pointer" => "/example".into(),
            "relative-json-pointer" => "0".into(),
            "regex" => "^example$".into(),
            "password" => "********".into(),
            _ => {
                if random {
                    let len = self.choose.range(min as i64, (min + 12).min(max) as i64) as usize;
                    let mut s = String::with_capacity(len);
                    for _ in 0..len {
                        let c = b"abcdefghijklmnopqrstuvwxyz0123456789"[self.choose.pick(36)];
                        s.push(c as char);
                    }
                    return s;
                }
                "string".into()
            }
        };
        fit_length(text, min, max)
    }
}

/// Whether `v` meets the simple constraints of the view: type, enum, length, pattern, bounds.
fn fits(view: &View<'_>, v: &Value) -> bool {
    let ty = match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    if let Some(types) = &view.types {
        let ok = types
            .iter()
            .any(|t| *t == ty || (*t == "number" && ty == "integer"))
            || (ty == "null" && view.nullable);
        if !ok && !types.is_empty() {
            return false;
        }
    }
    if let Some(list) = &view.enums {
        if !list.iter().any(|n| n.to_json() == *v) {
            return false;
        }
    }
    match v {
        Value::String(s) => {
            let n = s.chars().count();
            if view.min_len.is_some_and(|m| n < m) || view.max_len.is_some_and(|m| n > m) {
                return false;
            }
            if let Some(p) = view.pattern {
                if !regex::Regex::new(p).is_ok_and(|re| re.is_match(s)) {
                    return false;
                }
            }
            true
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            let lo = view
                .min
                .is_none_or(|(m, excl)| if excl { x > m } else { x >= m });
            let hi = view
                .max
                .is_none_or(|(m, excl)| if excl { x < m } else { x <= m });
            lo && hi
        }
        Value::Array(a) => {
            view.min_items.is_none_or(|m| a.len() >= m)
                && view.max_items.is_none_or(|m| a.len() <= m)
        }
        Value::Object(o) => view.required.iter().all(|r| o.contains_key(*r)),
        _ => true,
    }
}

/// The tag a discriminator gives `branch`: its `mapping` key, else the schema's name.
fn discriminator_value(discriminator: Option<&Node>, branch: &Node) -> Option<String> {
    let target = branch.ref_str()?;
    if let Some(m) = discriminator
        .and_then(|d| d.get("mapping"))
        .and_then(Node::as_object)
    {
        for (k, v) in m.iter() {
            if v.as_str() == Some(target) {
                return Some(k.to_string());
            }
        }
    }
    target.rsplit('/').next().map(str::to_string)
}

fn step_of(x: f64) -> f64 {
    (x.abs() * 1e-9).max(1e-6)
}

fn num_json(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        json!(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

fn fit_length(text: String, min: usize, max: usize) -> String {
    let n = text.chars().count();
    if n < min {
        let mut s = text;
        while s.chars().count() < min {
            s.push('x');
        }
        s
    } else if n > max {
        text.chars().take(max).collect()
    } else {
        text
    }
}

fn tighter_min(old: Option<(f64, bool)>, new: (f64, bool)) -> (f64, bool) {
    match old {
        Some(o) if o.0 > new.0 || (o.0 == new.0 && o.1) => o,
        _ => new,
    }
}

fn tighter_max(old: Option<(f64, bool)>, new: (f64, bool)) -> (f64, bool) {
    match old {
        Some(o) if o.0 < new.0 || (o.0 == new.0 && o.1) => o,
        _ => new,
    }
}

fn max_opt(old: Option<usize>, new: Option<f64>) -> Option<usize> {
    let new = new.map(|x| x.max(0.0) as usize);
    match (old, new) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_opt(old: Option<usize>, new: Option<f64>) -> Option<usize> {
    let new = new.map(|x| x.max(0.0) as usize);
    match (old, new) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(schema: &str, dir: Direction, random: bool) -> Value {
        let loaded = oaskit_core::load_str(
            "t.yaml",
            &format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    S: {schema}\n    Cat: {{type: object, properties: {{kind: {{type: string}}, lives: {{type: integer, minimum: 1, maximum: 9}}}}, required: [kind, lives]}}\n"),
            &oaskit_core::LoadOptions::new(),
        );
        let doc = loaded.document.expect("document");
        let root = doc.root();
        let s = root.pointer("/components/schemas/S").expect("S");
        let choose = if random {
            Chooser::random(42)
        } else {
            Chooser::Fixed
        };
        Generator::new(root, dir, choose).value(s)
    }

    #[test]
    fn bounds_formats_and_patterns_are_respected() {
        assert_eq!(
            gen(
                "{type: integer, minimum: 5, multipleOf: 4}",
                Direction::Response,
                false
            ),
            json!(8)
        );
        assert_eq!(
            gen(
                "{type: integer, exclusiveMaximum: 0}",
                Direction::Response,
                false
            ),
            json!(-1)
        );
        assert_eq!(
            gen("{type: string, format: uuid}", Direction::Response, false),
            json!("00000000-0000-4000-8000-000000000000")
        );
        assert_eq!(
            gen(
                "{type: string, minLength: 10, maxLength: 12}",
                Direction::Response,
                false
            ),
            json!("stringxxxx")
        );
        assert_eq!(
            gen(
                "{type: string, pattern: '^[A-Z]{3}-\\d{2}$'}",
                Direction::Response,
                false
            ),
            json!("AAA-00")
        );
        assert_eq!(
            gen("{enum: [b, a]}", Direction::Response, false),
            json!("b")
        );
        assert_eq!(
            gen(
                "{type: [string, 'null'], const: x}",
                Direction::Response,
                false
            ),
            json!("x")
        );
    }

    #[test]
    fn read_only_and_write_only_depend_on_the_direction() {
        let s = "{type: object, required: [id], properties: {id: {type: integer, readOnly: true}, secret: {type: string, writeOnly: true}}}";
        assert_eq!(gen(s, Direction::Response, false), json!({"id": 0}));
        assert_eq!(
            gen(s, Direction::Request, false),
            json!({"secret": "string"})
        );
    }

    #[test]
    fn discriminators_tag_the_chosen_branch_and_random_values_stay_in_bounds() {
        let v = gen(
            "{oneOf: [{$ref: '#/components/schemas/Cat'}], discriminator: {propertyName: kind}}",
            Direction::Response,
            false,
        );
        assert_eq!(v, json!({"kind": "Cat", "lives": 1}));
        for _ in 0..3 {
            let v = gen("{type: array, minItems: 2, maxItems: 4, uniqueItems: true, items: {type: integer, minimum: 1, maximum: 3}}", Direction::Response, true);
            let a = v.as_array().expect("array");
            assert!((2..=4).contains(&a.len()), "{v}");
            assert!(
                a.iter().all(|x| (1..=3).contains(&x.as_i64().unwrap_or(0))),
                "{v}"
            );
        }
    }
}
