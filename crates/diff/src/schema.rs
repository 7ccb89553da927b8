//! The schema comparator: two schemas, a direction, and the changes between them.
//!
//! Requests and responses are judged apart: a client sends what the old request schema
//! accepts (so a narrower new schema breaks it) and expects what the old response schema
//! describes (so a wider new schema breaks it). Each pair of schemas is compared once per
//! direction (memoized by their pointers), which bounds the work by the size of the schemas
//! whatever the sharing, and stops recursive schemas; the results form a graph that each
//! operation reads once, reporting each change once with the first path that reached it.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use oaskit_core::api::SchemaRef;
use oaskit_core::Node;

use crate::codes as c;
use crate::report::Level;
use crate::shape::{self, Additional, Reader, Shape, BOUNDS, INTEGER, NULL, NUMBER};

/// Which way values travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Dir {
    /// Sent by the client.
    Request,
    /// Received by the client.
    Response,
}

impl Dir {
    /// The other direction (for operations the API sends: webhooks and callbacks).
    pub(crate) fn reversed(self) -> Self {
        match self {
            Dir::Request => Dir::Response,
            Dir::Response => Dir::Request,
        }
    }

    /// The level of a change that lets fewer values through.
    pub(crate) fn narrowed(self) -> Level {
        match self {
            Dir::Request => Level::Breaking,
            Dir::Response => Level::Info,
        }
    }

    /// The level of a change that lets more values through.
    pub(crate) fn widened(self) -> Level {
        match self {
            Dir::Request => Level::Info,
            Dir::Response => Level::Breaking,
        }
    }
}

/// One step from a schema into a part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// A property.
    Prop(String),
    /// The items of an array.
    Items,
    /// The values of `additionalProperties`.
    Additional,
    /// A oneOf/anyOf variant (matched by name or position): its label.
    Variant(String),
}

/// What a change is about, for judging SDKs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subject {
    /// The value at the path (its type).
    Value,
    /// A property of the object at the path.
    Property,
}

/// One change inside a schema, relative to the pair compared.
#[derive(Clone, Debug)]
pub(crate) struct Found<'d> {
    pub id: &'static str,
    pub level: Level,
    pub message: String,
    /// The node in the old and new schema (with pointers in the normalized documents).
    pub old: Option<(&'d Node, String)>,
    pub new: Option<(&'d Node, String)>,
    /// For property changes, the property name.
    pub subject: Subject,
    pub property: Option<String>,
}

/// The changes of one pair: its own, and its parts' (shared, never empty).
#[derive(Debug, Default)]
pub(crate) struct Result<'d> {
    own: Vec<Found<'d>>,
    parts: Vec<(Step, Rc<Result<'d>>)>,
}

impl Result<'_> {
    fn is_empty(&self) -> bool {
        self.own.is_empty() && self.parts.is_empty()
    }
}

type Key = (String, String, Dir);

/// The comparator of two documents' schemas.
pub(crate) struct Comparator<'d> {
    old: Reader<'d>,
    new: Reader<'d>,
    memo: HashMap<Key, Rc<Result<'d>>>,
    active: HashSet<Key>,
    /// Schemas visited and pairs compared.
    pub work: usize,
    limit: usize,
    /// Whether the limit was reached.
    pub exhausted: bool,
}

fn key_of(set: &[SchemaRef<'_>]) -> String {
    let mut k = String::new();
    for (i, r) in set.iter().enumerate() {
        if i > 0 {
            k.push('\u{0}');
        }
        // The pointer after references: `$ref` and the inline schema it names are one.
        match r.node.ref_str() {
            Some(t) => {
                k.push('#');
                k.push_str(t);
            }
            None => k.push_str(&r.pointer),
        }
    }
    k
}

fn show(n: &Node) -> String {
    let s = n.to_json().to_string();
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s
    }
}

/// Up to eight values, each once (an enum may repeat a value), then how many more.
fn list(values: &[&Node]) -> String {
    let mut seen = std::collections::HashSet::new();
    let shown: Vec<String> = values
        .iter()
        .map(|v| show(v))
        .filter(|s| seen.insert(s.clone()))
        .collect();
    let mut parts: Vec<String> = shown.iter().take(8).cloned().collect();
    if shown.len() > 8 {
        parts.push(format!("and {} more", shown.len() - 8));
    }
    parts.join(", ")
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

/// A format's relation to another: `Some(true)` when `a` allows more values than `b`.
fn format_wider(a: &str, b: &str) -> Option<bool> {
    match (a, b) {
        ("int64", "int32") | ("double", "float") => Some(true),
        ("int32", "int64") | ("float", "double") => Some(false),
        _ => None,
    }
}

impl<'d> Comparator<'d> {
    /// A comparator over two documents, with a work limit.
    pub(crate) fn new(old: Reader<'d>, new: Reader<'d>, limit: usize) -> Self {
        Self {
            old,
            new,
            memo: HashMap::new(),
            active: HashSet::new(),
            work: 0,
            limit,
            exhausted: false,
        }
    }

    /// Compares two schemas (each the allOf of its set) in a direction.
    pub(crate) fn compare(
        &mut self,
        old: &[SchemaRef<'d>],
        new: &[SchemaRef<'d>],
        dir: Dir,
    ) -> Rc<Result<'d>> {
        let key = (key_of(old), key_of(new), dir);
        if let Some(r) = self.memo.get(&key) {
            return Rc::clone(r);
        }
        if self.work > self.limit {
            self.exhausted = true;
            return Rc::default();
        }
        // A recursive schema met again: its changes are reported where it was first met.
        if !self.active.insert(key.clone()) {
            return Rc::default();
        }
        self.work += 1;
        let mut work = 0;
        let a = self.old.shape(old, &mut work);
        let b = self.new.shape(new, &mut work);
        self.work += work;
        let mut out = Result::default();
        if !a.unions.is_empty() && b.unions.is_empty() && pure_union(&a)
            || a.unions.is_empty() && !b.unions.is_empty() && pure_union(&b)
        {
            self.single_vs_union(old, new, &a, &b, dir, &mut out);
        } else {
            self.pair(&a, &b, dir, &mut out);
        }
        self.active.remove(&key);
        let r = Rc::new(out);
        self.memo.insert(key, Rc::clone(&r));
        r
    }

    /// One side is a oneOf/anyOf and nothing else, the other a single schema: the single one
    /// is compared with its closest variant (fewest changes), and the other variants are
    /// variants added or removed.
    fn single_vs_union(
        &mut self,
        old: &[SchemaRef<'d>],
        new: &[SchemaRef<'d>],
        a: &Shape<'d>,
        b: &Shape<'d>,
        dir: Dir,
        out: &mut Result<'d>,
    ) {
        let new_is_union = a.unions.is_empty();
        let (kw, variants) = if new_is_union {
            &b.unions[0]
        } else {
            &a.unions[0]
        };
        let mut best: Option<(usize, Rc<Result<'d>>, usize)> = None;
        for (i, v) in variants.iter().enumerate() {
            let r = if new_is_union {
                self.compare(old, std::slice::from_ref(v), dir)
            } else {
                self.compare(std::slice::from_ref(v), new, dir)
            };
            let n = flatten(&r).len();
            if best.as_ref().is_none_or(|(_, _, m)| n < *m) {
                best = Some((i, r, n));
            }
        }
        let Some((i, r, _)) = best else { return };
        for (j, v) in variants.iter().enumerate() {
            if j == i {
                continue;
            }
            let at = Some((v.node, v.pointer.clone()));
            let (id, level, what, old_at, new_at) = if new_is_union {
                (c::SCHEMA_VARIANT_ADDED, dir.widened(), "added", None, at)
            } else {
                (
                    c::SCHEMA_VARIANT_REMOVED,
                    dir.narrowed(),
                    "removed",
                    at,
                    None,
                )
            };
            out.own.push(Found {
                id,
                level,
                message: format!("{kw} variant {} {what}", Self::label(v, j)),
                old: old_at,
                new: new_at,
                subject: Subject::Value,
                property: None,
            });
        }
        self.part(out, Step::Variant(Self::label(&variants[i], i)), r);
    }

    fn found(
        out: &mut Result<'d>,
        a: &Shape<'d>,
        b: &Shape<'d>,
        id: &'static str,
        level: Level,
        message: String,
    ) {
        out.own.push(Found {
            id,
            level,
            message,
            old: a.node.map(|n| (n, a.pointer.clone())),
            new: b.node.map(|n| (n, b.pointer.clone())),
            subject: Subject::Value,
            property: None,
        });
    }

    fn part(&mut self, out: &mut Result<'d>, step: Step, r: Rc<Result<'d>>) {
        if !r.is_empty() {
            out.parts.push((step, r));
        }
    }

    #[allow(clippy::too_many_lines)]
    fn pair(&mut self, a: &Shape<'d>, b: &Shape<'d>, dir: Dir, out: &mut Result<'d>) {
        // Types.
        let mut unrelated = false;
        match (a.types, b.types) {
            (Some(x), Some(y)) if x != y => {
                if x & NULL == 0 && y & NULL != 0 {
                    Self::found(
                        out,
                        a,
                        b,
                        c::SCHEMA_NULLABLE_ADDED,
                        dir.widened(),
                        "may now be null".into(),
                    );
                } else if x & NULL != 0 && y & NULL == 0 {
                    Self::found(
                        out,
                        a,
                        b,
                        c::SCHEMA_NULLABLE_REMOVED,
                        dir.narrowed(),
                        "may no longer be null".into(),
                    );
                }
                let (x, y) = (x & !NULL, y & !NULL);
                let removed = x & !y;
                let added = y & !x;
                let msg = format!(
                    "type {} became {}",
                    shape::type_names(x),
                    shape::type_names(y)
                );
                if removed != 0 && added != 0 {
                    unrelated =
                        x & y == 0 || (x & !(NUMBER | INTEGER)) != (y & !(NUMBER | INTEGER));
                    Self::found(out, a, b, c::SCHEMA_TYPE_CHANGED, Level::Breaking, msg);
                } else if removed != 0 {
                    Self::found(out, a, b, c::SCHEMA_TYPE_NARROWED, dir.narrowed(), msg);
                } else if added != 0 {
                    Self::found(out, a, b, c::SCHEMA_TYPE_WIDENED, dir.widened(), msg);
                }
            }
            (None, Some(y)) if y != 0 && y & !NULL != 0x7f & !NULL => {
                let msg = format!("any type became {}", shape::type_names(y));
                Self::found(out, a, b, c::SCHEMA_TYPE_NARROWED, dir.narrowed(), msg);
            }
            (Some(x), None) if x & !NULL != 0x7f & !NULL => {
                let msg = format!("type {} became any type", shape::type_names(x));
                Self::found(out, a, b, c::SCHEMA_TYPE_WIDENED, dir.widened(), msg);
            }
            _ => {}
        }
        if unrelated {
            // string to object: what is inside is not comparable.
            return;
        }
        // Enums.
        match (&a.values, &b.values) {
            (Some(x), Some(y)) => {
                let removed: Vec<&Node> = x
                    .iter()
                    .copied()
                    .filter(|v| !y.iter().any(|w| v.same_as(w)))
                    .collect();
                let added: Vec<&Node> = y
                    .iter()
                    .copied()
                    .filter(|v| !x.iter().any(|w| v.same_as(w)))
                    .collect();
                if !added.is_empty() {
                    let level = match dir {
                        Dir::Request => Level::Info,
                        Dir::Response => Level::Warning,
                    };
                    Self::found(
                        out,
                        a,
                        b,
                        c::ENUM_VALUE_ADDED,
                        level,
                        format!("enum value added: {}", list(&added)),
                    );
                }
                if !removed.is_empty() {
                    Self::found(
                        out,
                        a,
                        b,
                        c::ENUM_VALUE_REMOVED,
                        dir.narrowed(),
                        format!("enum value removed: {}", list(&removed)),
                    );
                }
            }
            (None, Some(y)) => {
                Self::found(
                    out,
                    a,
                    b,
                    c::SCHEMA_CONSTRAINT_NARROWED,
                    dir.narrowed(),
                    format!("now restricted to the values {}", list(y)),
                );
            }
            (Some(_), None) => {
                Self::found(
                    out,
                    a,
                    b,
                    c::SCHEMA_CONSTRAINT_WIDENED,
                    dir.widened(),
                    "no longer restricted to an enum".into(),
                );
            }
            (None, None) => {}
        }
        // Format.
        match (a.format, b.format) {
            (Some(x), Some(y)) if x != y => {
                let msg = format!("format {x} became {y}");
                match format_wider(y, x) {
                    Some(true) => {
                        Self::found(out, a, b, c::SCHEMA_FORMAT_CHANGED, dir.widened(), msg)
                    }
                    Some(false) => {
                        Self::found(out, a, b, c::SCHEMA_FORMAT_CHANGED, dir.narrowed(), msg)
                    }
                    None => Self::found(out, a, b, c::SCHEMA_FORMAT_CHANGED, Level::Breaking, msg),
                }
            }
            (None, Some(y)) => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_NARROWED,
                dir.narrowed(),
                format!("format {y} added"),
            ),
            (Some(x), None) => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_WIDENED,
                dir.widened(),
                format!("format {x} removed"),
            ),
            _ => {}
        }
        // Bounds.
        for (i, (kw, lower)) in BOUNDS.iter().enumerate() {
            let show_b = |v: Option<(f64, bool)>| match v {
                None => "none".to_string(),
                Some((x, true)) => format!("{} (exclusive)", num(x)),
                Some((x, false)) => num(x),
            };
            let (x, y) = (a.bounds[i], b.bounds[i]);
            let narrowed = match (x, y) {
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(p), Some(q)) if shape::tighter(q, p, *lower) => true,
                (Some(p), Some(q)) if shape::tighter(p, q, *lower) => false,
                _ => continue,
            };
            let msg = format!("{kw} {} became {}", show_b(x), show_b(y));
            if narrowed {
                Self::found(
                    out,
                    a,
                    b,
                    c::SCHEMA_CONSTRAINT_NARROWED,
                    dir.narrowed(),
                    msg,
                );
            } else {
                Self::found(out, a, b, c::SCHEMA_CONSTRAINT_WIDENED, dir.widened(), msg);
            }
        }
        match (a.multiple_of, b.multiple_of) {
            (None, None) => {}
            (Some(x), Some(y)) if (x - y).abs() < f64::EPSILON => {}
            (Some(x), Some(y)) if y != 0.0 && (y / x).fract() == 0.0 => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_NARROWED,
                dir.narrowed(),
                format!("multipleOf {} became {}", num(x), num(y)),
            ),
            (Some(x), Some(y)) if x != 0.0 && (x / y).fract() == 0.0 => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_WIDENED,
                dir.widened(),
                format!("multipleOf {} became {}", num(x), num(y)),
            ),
            (None, Some(y)) => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_NARROWED,
                dir.narrowed(),
                format!("multipleOf {} added", num(y)),
            ),
            (Some(x), None) => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_WIDENED,
                dir.widened(),
                format!("multipleOf {} removed", num(x)),
            ),
            (Some(x), Some(y)) => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_NARROWED,
                Level::Breaking,
                format!("multipleOf {} became {}", num(x), num(y)),
            ),
        }
        if !a.unique_items && b.unique_items {
            Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_NARROWED,
                dir.narrowed(),
                "items must now be unique".into(),
            );
        } else if a.unique_items && !b.unique_items {
            Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_WIDENED,
                dir.widened(),
                "items need no longer be unique".into(),
            );
        }
        match (a.pattern, b.pattern) {
            (Some(x), Some(y)) if x != y => {
                let level = match dir {
                    Dir::Request => Level::Breaking,
                    Dir::Response => Level::Warning,
                };
                Self::found(
                    out,
                    a,
                    b,
                    c::SCHEMA_PATTERN_CHANGED,
                    level,
                    format!("pattern {x:?} became {y:?}"),
                );
            }
            (None, Some(y)) => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_NARROWED,
                dir.narrowed(),
                format!("pattern {y:?} added"),
            ),
            (Some(x), None) => Self::found(
                out,
                a,
                b,
                c::SCHEMA_CONSTRAINT_WIDENED,
                dir.widened(),
                format!("pattern {x:?} removed"),
            ),
            _ => {}
        }
        if let (Some(x), Some(y)) = (a.default, b.default) {
            if !x.same_as(y) {
                Self::found(
                    out,
                    a,
                    b,
                    c::DEFAULT_CHANGED,
                    Level::Warning,
                    format!("default {} became {}", show(x), show(y)),
                );
            }
        }
        self.properties(a, b, dir, out);
        // additionalProperties.
        match (&a.additional, &b.additional) {
            (Additional::Open, Additional::Closed)
            | (Additional::Schema(_), Additional::Closed) => {
                Self::found(
                    out,
                    a,
                    b,
                    c::SCHEMA_CONSTRAINT_NARROWED,
                    dir.narrowed(),
                    "additional properties no longer allowed".into(),
                );
            }
            (Additional::Closed, Additional::Open | Additional::Schema(_)) => {
                Self::found(
                    out,
                    a,
                    b,
                    c::SCHEMA_CONSTRAINT_WIDENED,
                    dir.widened(),
                    "additional properties now allowed".into(),
                );
            }
            (Additional::Open, Additional::Schema(_)) => {
                Self::found(
                    out,
                    a,
                    b,
                    c::SCHEMA_CONSTRAINT_NARROWED,
                    dir.narrowed(),
                    "additional properties now constrained by a schema".into(),
                );
            }
            (Additional::Schema(_), Additional::Open) => {
                Self::found(
                    out,
                    a,
                    b,
                    c::SCHEMA_CONSTRAINT_WIDENED,
                    dir.widened(),
                    "additional properties no longer constrained".into(),
                );
            }
            (Additional::Schema(x), Additional::Schema(y)) => {
                let r = self.compare(x, y, dir);
                self.part(out, Step::Additional, r);
            }
            _ => {}
        }
        if !a.items.is_empty() && !b.items.is_empty() {
            let r = self.compare(&a.items, &b.items, dir);
            self.part(out, Step::Items, r);
        }
        self.unions(a, b, dir, out);
        self.discriminator(a, b, dir, out);
    }

    #[allow(clippy::too_many_lines)]
    fn properties(&mut self, a: &Shape<'d>, b: &Shape<'d>, dir: Dir, out: &mut Result<'d>) {
        let mut names: Vec<&'d str> = a.props.iter().map(|(n, _)| *n).collect();
        for (n, _) in &b.props {
            if !names.contains(n) {
                names.push(n);
            }
        }
        for n in a.required.iter().chain(b.required.iter()) {
            if !names.contains(n) {
                names.push(n);
            }
        }
        for name in names {
            let pa = a.props.iter().find(|(n, _)| *n == name).map(|(_, l)| l);
            let pb = b.props.iter().find(|(n, _)| *n == name).map(|(_, l)| l);
            let ra = a.required.contains(name);
            let rb = b.required.contains(name);
            // A property only in `required` exists with any value.
            let sa = pa.map(|l| self.old.shape(l, &mut self.work));
            let sb = pb.map(|l| self.new.shape(l, &mut self.work));
            // Properties a client never sends (readOnly) or never receives (writeOnly).
            let hidden = |s: &Option<Shape<'d>>| {
                s.as_ref().is_some_and(|s| match dir {
                    Dir::Request => s.read_only,
                    Dir::Response => s.write_only,
                })
            };
            let (hidden_a, hidden_b) = (hidden(&sa), hidden(&sb));
            let exists_a = (pa.is_some() || ra) && !hidden_a;
            let exists_b = (pb.is_some() || rb) && !hidden_b;
            // The property where it is declared, else the object (a name only in `required`).
            let place = |s: &Option<Shape<'d>>, parent: &Shape<'d>| {
                s.as_ref()
                    .and_then(|s| s.node.map(|n| (n, s.pointer.clone())))
                    .or_else(|| parent.node.map(|n| (n, parent.pointer.clone())))
            };
            let has_default = sb.as_ref().is_some_and(|s| s.default.is_some());
            let mut push =
                |id: &'static str, level: Level, message: String, old: bool, new: bool| {
                    out.own.push(Found {
                        id,
                        level,
                        message,
                        old: if old { place(&sa, a) } else { None },
                        new: if new { place(&sb, b) } else { None },
                        subject: Subject::Property,
                        property: Some(name.to_string()),
                    });
                };
            match (exists_a, exists_b) {
                (false, false) => continue,
                (true, false) => {
                    let level = match dir {
                        Dir::Response if ra => Level::Breaking,
                        _ => Level::Warning,
                    };
                    let req = if ra { "required " } else { "" };
                    push(
                        c::PROPERTY_REMOVED,
                        level,
                        format!("{req}property `{name}` removed"),
                        true,
                        false,
                    );
                }
                (false, true) => {
                    if rb {
                        let level = match dir {
                            Dir::Request if has_default => Level::Warning,
                            Dir::Request => Level::Breaking,
                            Dir::Response => Level::Info,
                        };
                        push(
                            c::REQUIRED_PROPERTY_ADDED,
                            level,
                            format!("required property `{name}` added"),
                            false,
                            true,
                        );
                    } else {
                        push(
                            c::PROPERTY_ADDED,
                            Level::Info,
                            format!("property `{name}` added"),
                            false,
                            true,
                        );
                    }
                }
                (true, true) => {
                    if !ra && rb {
                        let level = match dir {
                            Dir::Request if has_default => Level::Warning,
                            Dir::Request => Level::Breaking,
                            Dir::Response => Level::Info,
                        };
                        push(
                            c::PROPERTY_BECAME_REQUIRED,
                            level,
                            format!("property `{name}` became required"),
                            true,
                            true,
                        );
                    } else if ra && !rb {
                        push(
                            c::PROPERTY_BECAME_OPTIONAL,
                            dir.widened(),
                            format!("property `{name}` became optional"),
                            true,
                            true,
                        );
                    }
                    if sb.as_ref().is_some_and(|s| s.deprecated)
                        && !sa.as_ref().is_some_and(|s| s.deprecated)
                    {
                        push(
                            c::PROPERTY_DEPRECATED,
                            Level::Warning,
                            format!("property `{name}` is now deprecated"),
                            true,
                            true,
                        );
                    }
                    if let (Some(x), Some(y)) = (pa, pb) {
                        let r = self.compare(x, y, dir);
                        self.part(out, Step::Prop(name.to_string()), r);
                    }
                }
            }
        }
    }

    /// The label of a variant: the schema it references, else its title, else its position.
    fn label(v: &SchemaRef<'d>, i: usize) -> String {
        if let Some(r) = v.node.ref_str() {
            return shape::schema_name(r).to_string();
        }
        if let Some(t) = v.node.get("title").and_then(Node::as_str) {
            return t.to_string();
        }
        format!("#{i}")
    }

    fn unions(&mut self, a: &Shape<'d>, b: &Shape<'d>, dir: Dir, out: &mut Result<'d>) {
        for kw in ["oneOf", "anyOf"] {
            let va = a.unions.iter().find(|(k, _)| *k == kw).map(|(_, l)| l);
            let vb = b.unions.iter().find(|(k, _)| *k == kw).map(|(_, l)| l);
            match (va, vb) {
                (Some(x), Some(y)) => {
                    let la: Vec<String> = x
                        .iter()
                        .enumerate()
                        .map(|(i, v)| Self::label(v, i))
                        .collect();
                    let lb: Vec<String> = y
                        .iter()
                        .enumerate()
                        .map(|(i, v)| Self::label(v, i))
                        .collect();
                    let mut used = vec![false; y.len()];
                    let mut pairs: Vec<(usize, usize)> = Vec::new();
                    // By label first (references and titles), then by position among the rest.
                    for (i, l) in la.iter().enumerate() {
                        if let Some(j) = lb
                            .iter()
                            .enumerate()
                            .position(|(j, m)| !used[j] && m == l && !l.starts_with('#'))
                        {
                            used[j] = true;
                            pairs.push((i, j));
                        }
                    }
                    let mut rest_b: Vec<usize> = (0..y.len()).filter(|j| !used[*j]).collect();
                    rest_b.reverse();
                    let matched_a: Vec<usize> = pairs.iter().map(|p| p.0).collect();
                    let mut removed = Vec::new();
                    for (i, label) in la.iter().enumerate() {
                        if matched_a.contains(&i) {
                            continue;
                        }
                        // Unlabelled (inline): the next free one by position (an inline
                        // variant edited in place).
                        if label.starts_with('#') {
                            if let Some(j) = rest_b.pop() {
                                used[j] = true;
                                pairs.push((i, j));
                                continue;
                            }
                        }
                        removed.push(i);
                    }
                    for i in removed {
                        out.own.push(Found {
                            id: c::SCHEMA_VARIANT_REMOVED,
                            level: dir.narrowed(),
                            message: format!("{kw} variant {} removed", la[i]),
                            old: Some((x[i].node, x[i].pointer.clone())),
                            new: None,
                            subject: Subject::Value,
                            property: None,
                        });
                    }
                    for (j, u) in used.iter().enumerate() {
                        if !u {
                            out.own.push(Found {
                                id: c::SCHEMA_VARIANT_ADDED,
                                level: dir.widened(),
                                message: format!("{kw} variant {} added", lb[j]),
                                old: None,
                                new: Some((y[j].node, y[j].pointer.clone())),
                                subject: Subject::Value,
                                property: None,
                            });
                        }
                    }
                    for (i, j) in pairs {
                        let r = self.compare(
                            std::slice::from_ref(&x[i]),
                            std::slice::from_ref(&y[j]),
                            dir,
                        );
                        self.part(out, Step::Variant(lb[j].clone()), r);
                    }
                }
                (None, Some(y)) => {
                    let msg = format!("became a {kw} of {} variants", y.len());
                    Self::found(out, a, b, c::SCHEMA_VARIANT_ADDED, dir.widened(), msg);
                }
                (Some(x), None) => {
                    let msg = format!("no longer a {kw} of {} variants", x.len());
                    Self::found(out, a, b, c::SCHEMA_VARIANT_REMOVED, dir.narrowed(), msg);
                }
                (None, None) => {}
            }
        }
    }

    fn discriminator(&mut self, a: &Shape<'d>, b: &Shape<'d>, dir: Dir, out: &mut Result<'d>) {
        let (Some((pa, ma)), Some((pb, mb))) = (&a.discriminator, &b.discriminator) else {
            return;
        };
        if pa != pb {
            Self::found(
                out,
                a,
                b,
                c::DISCRIMINATOR_CHANGED,
                Level::Breaking,
                format!("discriminator property `{pa}` became `{pb}`"),
            );
            return;
        }
        for (tag, target) in ma {
            match mb.iter().find(|(t, _)| t == tag) {
                None => Self::found(
                    out,
                    a,
                    b,
                    c::DISCRIMINATOR_MAPPING_REMOVED,
                    dir.narrowed(),
                    format!("discriminator value {tag:?} removed"),
                ),
                Some((_, t2)) if t2 != target => Self::found(
                    out,
                    a,
                    b,
                    c::DISCRIMINATOR_MAPPING_CHANGED,
                    Level::Breaking,
                    format!("discriminator value {tag:?} selects {t2} instead of {target}"),
                ),
                Some(_) => {}
            }
        }
        for (tag, _) in mb {
            if !ma.iter().any(|(t, _)| t == tag) {
                let level = match dir {
                    Dir::Request => Level::Info,
                    Dir::Response => Level::Warning,
                };
                Self::found(
                    out,
                    a,
                    b,
                    c::DISCRIMINATOR_MAPPING_ADDED,
                    level,
                    format!("discriminator value {tag:?} added"),
                );
            }
        }
    }
}

/// Whether a shape is a oneOf/anyOf and nothing else a value must match besides.
fn pure_union(s: &Shape<'_>) -> bool {
    !s.unions.is_empty()
        && s.types.is_none()
        && s.values.is_none()
        && s.props.is_empty()
        && s.items.is_empty()
}

/// A change read out of a result graph, with the path that reached it.
#[derive(Clone, Debug)]
pub(crate) struct Located<'d> {
    pub found: Found<'d>,
    pub path: Vec<Step>,
}

/// Every change of a result graph, each once (the first path that reaches it), in a stable
/// order. Linear in the graph's size.
pub(crate) fn flatten<'d>(r: &Rc<Result<'d>>) -> Vec<Located<'d>> {
    let mut out = Vec::new();
    let mut seen: HashSet<*const Result<'d>> = HashSet::new();
    let mut path = Vec::new();
    walk(r, &mut path, &mut seen, &mut out);
    out
}

fn walk<'d>(
    r: &Rc<Result<'d>>,
    path: &mut Vec<Step>,
    seen: &mut HashSet<*const Result<'d>>,
    out: &mut Vec<Located<'d>>,
) {
    if !seen.insert(Rc::as_ptr(r)) {
        return;
    }
    for f in &r.own {
        out.push(Located {
            found: f.clone(),
            path: path.clone(),
        });
    }
    for (step, part) in &r.parts {
        path.push(step.clone());
        walk(part, path, seen, out);
        path.pop();
    }
}

/// A path as people read it: `owner.login`, `items[]`, `tags{}`, `pet<Cat>`.
pub(crate) fn show_path(path: &[Step], property: Option<&str>) -> String {
    let mut s = String::new();
    for st in path {
        match st {
            Step::Prop(p) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(p);
            }
            Step::Items => s.push_str("[]"),
            Step::Additional => s.push_str("{}"),
            Step::Variant(v) => {
                s.push('<');
                s.push_str(v);
                s.push('>');
            }
        }
    }
    if let Some(p) = property {
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(p);
    }
    s
}
