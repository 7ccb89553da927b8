//! Evaluation of compiled nodes against an instance.
//!
//! DESIGN: one evaluator, monomorphised twice by `C` (collect errors or not). With `C = false`
//! it stops at the first failure and touches no heap: no instance path is kept, sub-results are
//! booleans. Annotations for `unevaluatedProperties`/`unevaluatedItems` are computed only by
//! the nodes that have those keywords, as a mark per property/item (one allocation per such
//! node and instance). The dynamic scope (`$dynamicRef`) is a stack of resource URIs, kept only
//! when the document uses `$dynamicRef`. Depth is bounded by `Options::with_max_depth`:
//! beyond it evaluation fails with `ErrorKind::DepthLimit` instead of overflowing the stack.
//!
//! Work is bounded too. Every node entered counts one step against `Options::with_max_steps`;
//! past it every node fails at once and the whole evaluation ends invalid
//! (`ErrorKind::StepLimit`), whatever `not` makes of the failures. And once an evaluation has
//! taken [`MEMO_AFTER`] steps, the result of each node that a `$ref` targets on each instance
//! value (keyed by node id and the value's address, stable while the instance is borrowed) is
//! remembered, so a recursive schema whose `oneOf`/`anyOf` branches walk the same children
//! stays linear in the instance instead of doubling per level. A result that the depth or
//! step limit cut short is never remembered (the same node may succeed nearer the root). The
//! memo is off when the document uses `$dynamicRef` (a result then depends on the dynamic
//! scope) and inside `propertyNames` (whose name values are temporaries).
//!
//! Stack: the recursion is `node` → `step` → one function per applicator → `node`; each of
//! these keeps its own locals, so an unoptimised build spends well under 2 KB of stack per
//! nesting level (depth 384 fits a 1 MB thread), and the leaf assertions sit in `assertion`,
//! off the recursive path.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde_json::Value;

use crate::node::{Check, Child, Leaf, Names, Node, NodeId, Step};
use crate::number;
use crate::uri::escape_token;
use crate::{Document, Error, ErrorKind, SchemaId, TypeSet};

/// After how many steps one evaluation starts remembering the results of reference targets
/// (so ordinary instances allocate nothing for the memo).
const MEMO_AFTER: u64 = 4_096;
/// The most results the memo holds (about 40 MB); past it, results are no longer added.
const MEMO_CAP: usize = 1 << 20;

#[inline]
pub(crate) fn is_valid(doc: &Document, id: SchemaId, instance: &Value) -> bool {
    let mut e = Eval::<false>::new(doc, 0);
    let ok = e.node(id.0, instance);
    ok && !e.shared.exhausted
}

pub(crate) fn errors<'a>(
    doc: &'a Document,
    id: SchemaId,
    instance: &'a Value,
    limit: usize,
) -> Vec<Error<'a>> {
    if limit == 0 {
        return Vec::new();
    }
    let mut e = Eval::<true>::new(doc, limit);
    e.node(id.0, instance);
    if e.shared.exhausted && e.errors.len() < limit {
        let location = doc
            .arena
            .get(id.0)
            .map_or_else(String::new, |n| n.ptr.to_string());
        e.errors.push(Error {
            instance,
            instance_path: String::new(),
            keyword_location: location,
            kind: ErrorKind::StepLimit,
        });
    }
    e.errors
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// A multiplicative hash for the memo's keys (node id, address): no `SipHash` per lookup.
#[derive(Default)]
struct MemoHasher(u64);

impl Hasher for MemoHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Memo = HashMap<(NodeId, usize), bool, BuildHasherDefault<MemoHasher>>;

/// What the evaluators of one call share (moved into a sub-evaluator and back).
#[derive(Default)]
struct Shared {
    /// Nodes entered so far.
    steps: u64,
    /// Whether `steps` reached the budget: every node fails from then on.
    exhausted: bool,
    /// How often the depth limit cut evaluation short (results computed meanwhile are not
    /// remembered).
    cut: u64,
    memo: Option<Memo>,
}

struct Eval<'a, const C: bool> {
    doc: &'a Document,
    depth: u32,
    path: Vec<Seg<'a>>,
    errors: Vec<Error<'a>>,
    limit: usize,
    scope: Vec<&'a str>,
    max_depth: u32,
    max_steps: u64,
    shared: Shared,
}

#[inline]
fn type_bits(v: &Value) -> u8 {
    match v {
        Value::Null => TypeSet::NULL,
        Value::Bool(_) => TypeSet::BOOLEAN,
        // Integer literals without a look at a float (kept out of line: evaluated eagerly,
        // as the optimiser likes to, it cost every node entry several calls into libm).
        Value::Number(n) if !n.is_f64() => TypeSet::INTEGER | TypeSet::NUMBER,
        Value::Number(n) => float_bits(n),
        Value::String(_) => TypeSet::STRING,
        Value::Array(_) => TypeSet::ARRAY,
        Value::Object(_) => TypeSet::OBJECT,
    }
}

/// The type bits of a float literal (`1.0` is an integer).
#[inline(never)]
fn float_bits(n: &serde_json::Number) -> u8 {
    if number::is_integer(n) {
        TypeSet::INTEGER | TypeSet::NUMBER
    } else {
        TypeSet::NUMBER
    }
}

/// `type` on a float literal: draft 4 (`strict`) takes only integer literals as integers (but
/// for floats beyond the 64-bit range, as `jsonschema`).
#[inline(never)]
fn float_type(x: &serde_json::Number, t: u8, strict: bool) -> bool {
    t & TypeSet::NUMBER != 0
        || (t & TypeSet::INTEGER != 0
            && number::is_integer(x)
            && !(strict && x.as_f64().is_some_and(|f| f.abs() < 9.2e18)))
}

/// `minimum`, `maximum` and their exclusive forms: whether `x` is on the right side of `l`
/// (`None`: not comparable, which passes).
#[inline(never)]
fn within(check: &Check, x: &serde_json::Number, l: &number::Limit) -> bool {
    use std::cmp::Ordering::{Greater, Less};
    let Some(o) = number::cmp(x, l) else {
        return true;
    };
    match check {
        Check::Minimum(_) => o != Less,
        Check::Maximum(_) => o != Greater,
        Check::ExclusiveMinimum(_) => o == Greater,
        _ => o == Less,
    }
}

/// JSON equality: numbers by value (`1` equals `1.0`).
pub(crate) fn equal(a: &Value, b: &Value, depth: u32) -> bool {
    if depth > 512 {
        return false;
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            number::cmp(x, &number::Limit::new(y)) == Some(std::cmp::Ordering::Equal)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q, depth + 1))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, p)| y.get(k).is_some_and(|q| equal(p, q, depth + 1)))
        }
        _ => a == b,
    }
}

fn chars_at_least(s: &str, n: u64) -> bool {
    if (s.len() as u64) < n {
        return false;
    }
    s.chars().count() as u64 >= n
}

fn chars_at_most(s: &str, n: u64) -> bool {
    if s.len() as u64 <= n {
        return true;
    }
    s.chars().count() as u64 <= n
}

/// How deeply nested an item may be for `unevaluatedItems` to quote it whole in an error
/// (serializing is recursive; instances parsed by `serde_json` nest at most 128 deep).
const QUOTE_DEPTH: usize = 128;

/// An unevaluated item as text: its JSON, or `[...]`/`{...}` when it nests deeper than
/// [`QUOTE_DEPTH`].
fn item_text(v: &Value) -> String {
    let mut stack = vec![(v, 0usize)];
    while let Some((x, d)) = stack.pop() {
        if d > QUOTE_DEPTH {
            return if v.is_array() { "[...]" } else { "{...}" }.to_string();
        }
        match x {
            Value::Array(a) => stack.extend(a.iter().map(|y| (y, d + 1))),
            Value::Object(o) => stack.extend(o.values().map(|y| (y, d + 1))),
            _ => {}
        }
    }
    v.to_string()
}

/// Above this many items, `uniqueItems` sorts canonical keys instead of comparing pairs.
const UNIQUE_PAIRWISE: usize = 32;

/// A value's canonical text for `uniqueItems`: numbers by value (`1` and `1.0` alike), object
/// members sorted by name; two values are JSON-equal exactly when their keys are equal.
fn canonical(v: &Value, out: &mut String, depth: u32) {
    use std::fmt::Write as _;
    if depth > 512 {
        out.push('?');
        return;
    }
    match v {
        Value::Number(n) => match number::canonical(n) {
            Some(c) => out.push_str(&c),
            None => {
                let _ = write!(out, "{n}");
            }
        },
        Value::Array(items) => {
            out.push('[');
            for x in items {
                canonical(x, out, depth + 1);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_unstable();
            out.push('{');
            for k in keys {
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(':');
                canonical(&m[k], out, depth + 1);
                out.push(',');
            }
            out.push('}');
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

fn unique(items: &[Value]) -> bool {
    if items.len() > UNIQUE_PAIRWISE {
        let mut keys: Vec<String> = items
            .iter()
            .map(|x| {
                let mut k = String::new();
                canonical(x, &mut k, 0);
                k
            })
            .collect();
        keys.sort_unstable();
        return keys.windows(2).all(|w| w[0] != w[1]);
    }
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            if equal(a, b, 0) {
                return false;
            }
        }
    }
    true
}

/// `type`: whether `v` is of one of the types `t` (`strict`: draft 4's integers).
#[inline(always)]
fn type_ok(v: &Value, t: u8, strict: bool) -> bool {
    match v {
        Value::Number(x) if x.is_f64() => float_type(x, t, strict),
        other => type_bits(other) & t != 0,
    }
}

/// The steps of a node that only asserts ([`Leaf::Steps`]), in `is_valid`.
fn leaf_ok(steps: &[Step], v: &Value) -> bool {
    steps.iter().all(|s| passes(&s.check, v, true))
}

/// Whether `i` passes the assertion `check` (a keyword that enters no subschema; any other
/// passes). `fast`: in `is_valid`, where a `required` fused into its sibling `properties` is
/// counted there and only the object's size is checked here.
#[allow(clippy::too_many_lines)]
#[inline]
fn passes(check: &Check, i: &Value, fast: bool) -> bool {
    match check {
        Check::Type(t, strict) => type_ok(i, t.0, *strict),
        Check::Const(c) => equal(i, c, 0),
        Check::Enum { options, strings } => match (strings, i) {
            (Some(s), Value::String(x)) => s.get(x).is_some(),
            (Some(_), _) => false,
            (None, _) => options
                .as_array()
                .is_some_and(|a| a.iter().any(|o| equal(i, o, 0))),
        },
        Check::Minimum(l)
        | Check::Maximum(l)
        | Check::ExclusiveMinimum(l)
        | Check::ExclusiveMaximum(l) => match i {
            Value::Number(x) => within(check, x, l),
            _ => true,
        },
        Check::MultipleOf(l) => match i {
            Value::Number(x) => number::multiple_of(x, l),
            _ => true,
        },
        Check::MinLength(m) => match i {
            Value::String(s) => chars_at_least(s, *m),
            _ => true,
        },
        Check::MaxLength(m) => match i {
            Value::String(s) => chars_at_most(s, *m),
            _ => true,
        },
        Check::MinItems(m) => match i {
            Value::Array(a) => a.len() as u64 >= *m,
            _ => true,
        },
        Check::MaxItems(m) => match i {
            Value::Array(a) => a.len() as u64 <= *m,
            _ => true,
        },
        Check::MinProperties(m) => match i {
            Value::Object(o) => o.len() as u64 >= *m,
            _ => true,
        },
        Check::MaxProperties(m) => match i {
            Value::Object(o) => o.len() as u64 <= *m,
            _ => true,
        },
        Check::Required { names, fused } => match i {
            // `properties` counts the names; only a too-small object fails here.
            Value::Object(o) if *fused && fast => o.len() >= names.keys.len(),
            Value::Object(o) => names.all_in(o),
            _ => true,
        },
        Check::DependentRequired(deps) => match i {
            Value::Object(o) => deps.iter().all(|(name, reqs)| {
                !o.contains_key(&**name) || reqs.iter().all(|r| o.contains_key(&**r))
            }),
            _ => true,
        },
        Check::Pattern(re, _) => match i {
            Value::String(s) => re.is_match(s),
            _ => true,
        },
        Check::Format(f, _) => match i {
            Value::String(s) => f.check(s),
            _ => true,
        },
        Check::UniqueItems => match i {
            Value::Array(a) => unique(a),
            _ => true,
        },
        // The applicators are dispatched by `Eval::step`.
        _ => true,
    }
}

impl<'a, const C: bool> Eval<'a, C> {
    fn new(doc: &'a Document, limit: usize) -> Self {
        Self {
            doc,
            depth: 0,
            path: Vec::new(),
            errors: Vec::new(),
            limit,
            scope: Vec::new(),
            max_depth: doc.options.max_depth,
            max_steps: doc.options.max_steps,
            shared: Shared::default(),
        }
    }

    #[inline]
    fn full(&self) -> bool {
        C && (self.errors.len() >= self.limit || self.shared.exhausted)
    }

    fn path_string(&self) -> String {
        let mut s = String::new();
        for seg in &self.path {
            s.push('/');
            match seg {
                Seg::Key(k) => s.push_str(&escape_token(k)),
                Seg::Index(i) => s.push_str(&i.to_string()),
            }
        }
        s
    }

    #[cold]
    #[inline(never)]
    fn report(&mut self, location: String, instance: &'a Value, kind: ErrorKind<'a>) {
        if self.errors.len() < self.limit {
            let instance_path = self.path_string();
            self.errors.push(Error {
                instance,
                instance_path,
                keyword_location: location,
                kind,
            });
        }
    }

    /// Fails `kw` of `n`: records the violation when collecting; always false.
    #[inline]
    fn fail(
        &mut self,
        n: &'a Node,
        kw: &str,
        instance: &'a Value,
        kind: impl FnOnce() -> ErrorKind<'a>,
    ) -> bool {
        if C {
            self.report(format!("{}/{kw}", n.ptr), instance, kind());
        }
        false
    }

    /// Whether `id` accepts `instance`, without collecting anything.
    fn valid(&mut self, id: NodeId, instance: &'a Value) -> bool {
        if !C {
            return self.node(id, instance);
        }
        self.valid_quietly(id, instance)
    }

    #[inline(never)]
    fn valid_quietly(&mut self, id: NodeId, instance: &'a Value) -> bool {
        let mut sub = Eval::<false> {
            doc: self.doc,
            depth: self.depth,
            path: Vec::new(),
            errors: Vec::new(),
            limit: 0,
            scope: std::mem::take(&mut self.scope),
            max_depth: self.max_depth,
            max_steps: self.max_steps,
            shared: std::mem::take(&mut self.shared),
        };
        let ok = sub.node(id, instance);
        self.scope = sub.scope;
        self.shared = sub.shared;
        ok
    }

    #[inline]
    fn child(&mut self, seg: Seg<'a>, id: NodeId, instance: &'a Value) -> bool {
        if C {
            self.path.push(seg);
        }
        let ok = self.node(id, instance);
        if C {
            self.path.pop();
        }
        ok
    }

    /// Whether another node may be entered: false at the depth limit or past the step
    /// budget (both recorded).
    #[inline]
    fn may_enter(&mut self) -> bool {
        if self.depth >= self.max_depth || self.shared.steps >= self.max_steps {
            return self.refuse();
        }
        self.shared.steps += 1;
        if self.shared.steps == MEMO_AFTER && !self.doc.index.has_dynamic_ref {
            self.shared.memo = Some(Memo::default());
        }
        true
    }

    #[cold]
    #[inline(never)]
    fn refuse(&mut self) -> bool {
        if self.shared.steps >= self.max_steps {
            self.shared.exhausted = true;
        } else {
            self.shared.cut += 1;
        }
        false
    }

    /// Evaluates node `id`: through the memo when it is on and a reference targets `id`.
    #[inline]
    fn node(&mut self, id: NodeId, instance: &'a Value) -> bool {
        if self.shared.memo.is_some() && self.doc.arena.is_target(id) {
            return self.remembered(id, instance);
        }
        self.enter_node(id, instance)
    }

    fn enter_node(&mut self, id: NodeId, instance: &'a Value) -> bool {
        let Some(n) = self.doc.arena.get(id) else {
            return false;
        };
        if n.always.is_some() || n.scope.is_some() {
            return self.enter_special(n, instance);
        }
        if !self.may_enter() {
            return self.refused(n, instance);
        }
        self.depth += 1;
        let ok = self.run(n, instance);
        self.depth -= 1;
        ok
    }

    /// A boolean schema, or a node that extends the dynamic scope.
    #[inline(never)]
    fn enter_special(&mut self, n: &'a Node, instance: &'a Value) -> bool {
        if let Some(b) = n.always {
            if !b && C {
                self.report(n.ptr.to_string(), instance, ErrorKind::FalseSchema);
            }
            return b;
        }
        if !self.may_enter() {
            return self.refused(n, instance);
        }
        self.depth += 1;
        let scoped = match &n.scope {
            Some(s) => {
                self.scope.push(s);
                true
            }
            None => false,
        };
        let ok = self.run(n, instance);
        if scoped {
            self.scope.pop();
        }
        self.depth -= 1;
        ok
    }

    /// `n` could not be entered (depth limit or step budget): false, with the violation.
    #[cold]
    #[inline(never)]
    fn refused(&mut self, n: &'a Node, instance: &'a Value) -> bool {
        if C && !self.shared.exhausted {
            self.report(n.ptr.to_string(), instance, ErrorKind::DepthLimit);
        }
        false
    }

    /// The steps of `n` on `instance`, in order: the commonest in place, the others through
    /// [`Self::step`].
    #[inline]
    fn run(&mut self, n: &'a Node, instance: &'a Value) -> bool {
        let mut ok = true;
        for step in n.steps.iter() {
            let passed = match &step.check {
                Check::Type(t, strict) if !C => type_ok(instance, t.0, *strict),
                // `properties` counts the names; only a too-small object fails here.
                Check::Required { names, fused: true } if !C => match instance {
                    Value::Object(o) => o.len() >= names.keys.len(),
                    _ => true,
                },
                Check::Properties { .. } => self.properties(step, instance),
                Check::Items { .. } => self.items(n, step, instance),
                Check::Ref(id) => self.node(*id, instance),
                _ => self.step(n, step, instance),
            };
            if !passed {
                ok = false;
                if !C || self.full() {
                    break;
                }
            }
        }
        ok
    }

    /// One keyword: the applicators each in a function of their own (so that an unoptimised
    /// build keeps this frame, which every nesting level pays, small), the rest in
    /// [`Self::assertion`].
    #[inline(never)]
    fn step(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        match &step.check {
            Check::Properties { .. } => self.properties(step, i),
            Check::PatternProperties(_) => self.pattern_properties(step, i),
            Check::AdditionalProperties { .. } => self.additional_properties(n, step, i),
            Check::PropertyNames(id) => self.property_names(*id, i),
            Check::PrefixItems(_) => self.prefix_items(step, i),
            Check::Items { .. } => self.items(n, step, i),
            Check::Contains { .. } => self.contains(n, step, i),
            Check::DependentSchemas(_) => self.dependent_schemas(step, i),
            Check::AllOf(_) => self.all_of(step, i),
            Check::AnyOf(_) => self.any_of(n, step, i),
            Check::OneOf(_) => self.one_of(n, step, i),
            Check::Not(_) => self.not(n, step, i),
            Check::If { .. } => self.if_then_else(step, i),
            Check::UnevaluatedProperties { .. } => self.unevaluated_properties(n, step, i),
            Check::UnevaluatedItems { .. } => self.unevaluated_items(n, step, i),
            Check::Ref(id) => self.node(*id, i),
            Check::DynamicRef { node, candidates } => {
                let target = self.dynamic_target(*node, candidates);
                self.node(target, i)
            }
            _ => self.assertion(n, step, i),
        }
    }

    /// The keywords that enter no subschema.
    #[inline]
    fn assertion(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        if passes(&step.check, i, !C) {
            return true;
        }
        if C {
            self.report_assertion(n, step, i);
        }
        false
    }

    /// Records the violations of the assertion `step` of `n`, which `i` fails.
    #[cold]
    #[inline(never)]
    fn report_assertion(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) {
        let kw = step.kw;
        match (&step.check, i) {
            (Check::Type(t, _), _) => {
                self.fail(n, kw, i, || ErrorKind::Type { expected: *t });
            }
            (Check::Const(c), _) => {
                self.fail(n, kw, i, || ErrorKind::Const { expected: c });
            }
            (Check::Enum { options, .. }, _) => {
                self.fail(n, kw, i, || ErrorKind::Enum { options });
            }
            (Check::Minimum(l), _) => {
                self.fail(n, kw, i, || ErrorKind::Minimum { limit: &l.value });
            }
            (Check::Maximum(l), _) => {
                self.fail(n, kw, i, || ErrorKind::Maximum { limit: &l.value });
            }
            (Check::ExclusiveMinimum(l), _) => {
                self.fail(n, kw, i, || ErrorKind::ExclusiveMinimum { limit: &l.value });
            }
            (Check::ExclusiveMaximum(l), _) => {
                self.fail(n, kw, i, || ErrorKind::ExclusiveMaximum { limit: &l.value });
            }
            (Check::MultipleOf(l), _) => {
                self.fail(n, kw, i, || ErrorKind::MultipleOf {
                    multiple_of: l.float,
                });
            }
            (Check::MinLength(m), _) => {
                self.fail(n, kw, i, || ErrorKind::MinLength { limit: *m });
            }
            (Check::MaxLength(m), _) => {
                self.fail(n, kw, i, || ErrorKind::MaxLength { limit: *m });
            }
            (Check::MinItems(m), _) => {
                self.fail(n, kw, i, || ErrorKind::MinItems { limit: *m });
            }
            (Check::MaxItems(m), _) => {
                self.fail(n, kw, i, || ErrorKind::MaxItems { limit: *m });
            }
            (Check::MinProperties(m), _) => {
                self.fail(n, kw, i, || ErrorKind::MinProperties { limit: *m });
            }
            (Check::MaxProperties(m), _) => {
                self.fail(n, kw, i, || ErrorKind::MaxProperties { limit: *m });
            }
            (Check::Required { names, .. }, Value::Object(o)) => {
                for key in names.keys.iter() {
                    if !o.contains_key(&*key.name) {
                        self.fail(n, kw, i, || ErrorKind::Required {
                            property: &key.name,
                        });
                        if self.full() {
                            break;
                        }
                    }
                }
            }
            (Check::DependentRequired(deps), Value::Object(o)) => {
                for (name, reqs) in deps.iter() {
                    if !o.contains_key(&**name) {
                        continue;
                    }
                    for r in reqs.iter() {
                        if !o.contains_key(&**r) {
                            let loc = format!("{}/{kw}/{}", n.ptr, escape_token(name));
                            self.report(loc, i, ErrorKind::Required { property: r });
                            if self.full() {
                                return;
                            }
                        }
                    }
                }
            }
            (Check::Pattern(_, src), _) => {
                self.fail(n, kw, i, || ErrorKind::Pattern { pattern: src });
            }
            (Check::Format(_, name), _) => {
                self.fail(n, kw, i, || ErrorKind::Format { format: name });
            }
            (Check::UniqueItems, _) => {
                self.fail(n, kw, i, || ErrorKind::UniqueItems);
            }
            _ => {}
        }
    }

    #[inline(never)]
    fn remembered(&mut self, id: NodeId, i: &'a Value) -> bool {
        let key = (id, std::ptr::from_ref(i) as usize);
        let known = self.shared.memo.as_ref().and_then(|m| m.get(&key).copied());
        match known {
            // A valid result has no errors to collect either.
            Some(true) => return true,
            Some(false) if !C => return false,
            _ => {}
        }
        let cut = self.shared.cut;
        let ok = self.enter_node(id, i);
        if known.is_none() && self.shared.cut == cut && !self.shared.exhausted {
            if let Some(m) = self.shared.memo.as_mut().filter(|m| m.len() < MEMO_CAP) {
                m.insert(key, ok);
            }
        }
        ok
    }

    /// The subschema of property `k` when it only checks `type`: whether `v` passes, `None`
    /// when the subschema must be entered.
    #[inline]
    fn property(c: &Child, v: &Value) -> Option<bool> {
        Self::in_place(&c.leaf, v)
    }

    /// A subschema checked in place: whether `v` passes, `None` when its node must be
    /// entered (always when it fails while errors are collected, to report them).
    #[inline]
    fn in_place(leaf: &Leaf, v: &Value) -> Option<bool> {
        let ok = match leaf {
            Leaf::Enter => return None,
            Leaf::Types(t) => type_bits(v) & t != 0,
            Leaf::Steps(steps) => leaf_ok(steps, v),
        };
        if ok || !C {
            Some(ok)
        } else {
            None
        }
    }

    #[inline(never)]
    fn properties(&mut self, step: &'a Step, i: &'a Value) -> bool {
        let (Check::Properties { names, required }, Value::Object(o)) = (&step.check, i) else {
            return true;
        };
        if !C && o.len() <= names.len() * 2 && names.seekable(o.len()) {
            return self.properties_sorted(names, *required, o);
        }
        self.properties_general(names, *required, o)
    }

    /// `properties` in `is_valid`, walking the object's members and the names together (both
    /// sorted).
    #[inline]
    fn properties_sorted(
        &mut self,
        names: &'a Names<Child>,
        required: usize,
        o: &'a serde_json::Map<String, Value>,
    ) -> bool {
        let mut found = 0usize;
        let mut at = 0;
        for (k, v) in o {
            let Some(c) = names.seek(&mut at, k) else {
                continue;
            };
            found += usize::from(c.required);
            let ok = match &c.leaf {
                Leaf::Types(t) => type_bits(v) & t != 0,
                Leaf::Steps(steps) => leaf_ok(steps, v),
                Leaf::Enter => self.node(c.id, v),
            };
            if !ok {
                return false;
            }
        }
        // The fused `required` is decided here.
        found >= required
    }

    #[inline(never)]
    fn properties_general(
        &mut self,
        names: &'a Names<Child>,
        required: usize,
        o: &'a serde_json::Map<String, Value>,
    ) -> bool {
        let mut ok = true;
        let mut found = 0usize;
        if o.len() <= names.len() * 2 {
            let seek = names.seekable(o.len());
            let mut at = 0;
            for (k, v) in o {
                let c = if seek {
                    names.seek(&mut at, k)
                } else {
                    names.get(k)
                };
                if let Some(c) = c {
                    found += usize::from(c.required);
                    match Self::property(c, v) {
                        Some(true) => continue,
                        Some(false) => return false,
                        None => {}
                    }
                    if !self.child(Seg::Key(k), c.id, v) {
                        ok = false;
                        if !C || self.full() {
                            break;
                        }
                    }
                }
            }
        } else {
            for (key, c) in names.keys.iter().zip(names.values.iter()) {
                if let Some((k, v)) = o.get_key_value(&*key.name) {
                    found += usize::from(c.required);
                    match Self::property(c, v) {
                        Some(true) => continue,
                        Some(false) => return false,
                        None => {}
                    }
                    if !self.child(Seg::Key(k), c.id, v) {
                        ok = false;
                        if !C || self.full() {
                            break;
                        }
                    }
                }
            }
        }
        // In `is_valid`, the fused `required` is decided here.
        ok && (C || found >= required)
    }

    fn pattern_properties(&mut self, step: &'a Step, i: &'a Value) -> bool {
        let (Check::PatternProperties(pats), Value::Object(o)) = (&step.check, i) else {
            return true;
        };
        let mut ok = true;
        for (k, v) in o {
            for (re, id) in pats.iter() {
                if re.is_match(k) && !self.child(Seg::Key(k), *id, v) {
                    ok = false;
                    if !C || self.full() {
                        return false;
                    }
                }
            }
        }
        ok
    }

    fn additional_properties(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        let (
            Check::AdditionalProperties {
                node,
                is_false,
                names,
                patterns,
            },
            Value::Object(o),
        ) = (&step.check, i)
        else {
            return true;
        };
        let (node, is_false, kw) = (*node, *is_false, step.kw);
        let mut ok = true;
        let mut unexpected = Vec::new();
        let seek = names.seekable(o.len());
        let mut at = 0;
        for (k, v) in o {
            let named = if seek {
                names.seek(&mut at, k)
            } else {
                names.get(k)
            };
            if named.is_some() || patterns.iter().any(|p| p.is_match(k)) {
                continue;
            }
            if is_false {
                if !C {
                    return false;
                }
                unexpected.push(k.as_str());
            } else if !self.child(Seg::Key(k), node, v) {
                ok = false;
                if !C || self.full() {
                    return false;
                }
            }
        }
        if !unexpected.is_empty() {
            return self.fail(n, kw, i, || ErrorKind::AdditionalProperties { unexpected });
        }
        ok
    }

    /// `propertyNames`: each name as a string instance, in an evaluator of its own that
    /// shares the step budget (not the memo: the name values are temporaries).
    fn property_names(&mut self, id: NodeId, i: &'a Value) -> bool {
        let Value::Object(o) = i else { return true };
        for k in o.keys() {
            let name = Value::String(k.clone());
            let shared = Shared {
                steps: self.shared.steps,
                exhausted: self.shared.exhausted,
                cut: self.shared.cut,
                memo: None,
            };
            let (ok, shared) = if C {
                let mut sub = Eval::<true>::new(self.doc, 1);
                sub.depth = self.depth;
                sub.shared = shared;
                sub.node(id, &name);
                if let Some(e) = sub.errors.pop() {
                    let message = e.to_string();
                    let loc = e.keyword_location;
                    self.report(loc, i, ErrorKind::PropertyNames { message });
                    (false, sub.shared)
                } else {
                    (true, sub.shared)
                }
            } else {
                let mut sub = Eval::<false>::new(self.doc, 0);
                sub.depth = self.depth;
                sub.shared = shared;
                let ok = sub.node(id, &name);
                (ok, sub.shared)
            };
            self.shared.steps = shared.steps;
            self.shared.exhausted = shared.exhausted;
            self.shared.cut = shared.cut;
            if !ok || self.shared.exhausted {
                return false;
            }
        }
        true
    }

    fn prefix_items(&mut self, step: &'a Step, i: &'a Value) -> bool {
        let (Check::PrefixItems(ids), Value::Array(a)) = (&step.check, i) else {
            return true;
        };
        let mut ok = true;
        for (k, (item, id)) in a.iter().zip(ids.iter()).enumerate() {
            if !self.child(Seg::Index(k), *id, item) {
                ok = false;
                if !C || self.full() {
                    return false;
                }
            }
        }
        ok
    }

    #[inline(never)]
    fn items(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        let (
            Check::Items {
                node,
                start,
                is_false,
                leaf,
            },
            Value::Array(a),
        ) = (&step.check, i)
        else {
            return true;
        };
        let (node, start, is_false, kw) = (*node, *start, *is_false, step.kw);
        if a.len() <= start {
            return true;
        }
        if is_false {
            return self.fail(n, kw, i, || ErrorKind::AdditionalItems { limit: start });
        }
        let mut ok = true;
        for (k, item) in a.iter().enumerate().skip(start) {
            match Self::in_place(leaf, item) {
                Some(true) => continue,
                Some(false) => return false,
                None => {}
            }
            if !self.child(Seg::Index(k), node, item) {
                ok = false;
                if !C || self.full() {
                    return false;
                }
            }
        }
        ok
    }

    fn contains(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        let (Check::Contains { node, min, max }, Value::Array(a)) = (&step.check, i) else {
            return true;
        };
        let (node, min, max, kw) = (*node, *min, *max, step.kw);
        let mut count = 0u64;
        for item in a {
            if self.valid(node, item) {
                count += 1;
                if max.is_none() && count >= min {
                    break;
                }
                if max.is_some_and(|m| count > m) {
                    break;
                }
            }
        }
        let ok = count >= min && max.is_none_or(|m| count <= m);
        ok || self.fail(n, kw, i, || ErrorKind::Contains)
    }

    fn dependent_schemas(&mut self, step: &'a Step, i: &'a Value) -> bool {
        let (Check::DependentSchemas(deps), Value::Object(o)) = (&step.check, i) else {
            return true;
        };
        let mut ok = true;
        for (name, id) in deps.iter() {
            if o.contains_key(&**name) && !self.node(*id, i) {
                ok = false;
                if !C || self.full() {
                    return false;
                }
            }
        }
        ok
    }

    fn all_of(&mut self, step: &'a Step, i: &'a Value) -> bool {
        let Check::AllOf(ids) = &step.check else {
            return true;
        };
        let mut ok = true;
        for id in ids.iter() {
            if !self.node(*id, i) {
                ok = false;
                if !C || self.full() {
                    return false;
                }
            }
        }
        ok
    }

    fn any_of(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        let (Check::AnyOf(ids), kw) = (&step.check, step.kw) else {
            return true;
        };
        for id in ids.iter() {
            if self.valid(*id, i) {
                return true;
            }
        }
        self.fail(n, kw, i, || ErrorKind::AnyOf)
    }

    fn one_of(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        let (Check::OneOf(ids), kw) = (&step.check, step.kw) else {
            return true;
        };
        let mut count = 0;
        for id in ids.iter() {
            if self.valid(*id, i) {
                count += 1;
                if count > 1 {
                    return self.fail(n, kw, i, || ErrorKind::OneOfMultipleValid);
                }
            }
        }
        count == 1 || self.fail(n, kw, i, || ErrorKind::OneOfNotValid)
    }

    fn not(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        let (Check::Not(id), kw) = (&step.check, step.kw) else {
            return true;
        };
        let id = *id;
        if !self.valid(id, i) {
            return true;
        }
        if C {
            let target = self.doc.arena.get(id);
            let pointer: &'a str = target.map_or("", |t| &*t.ptr);
            let schema = self.doc.root.pointer(pointer).unwrap_or(&Value::Null);
            self.report(
                format!("{}/{kw}", n.ptr),
                i,
                ErrorKind::Not { schema, pointer },
            );
        }
        false
    }

    fn if_then_else(&mut self, step: &'a Step, i: &'a Value) -> bool {
        let Check::If {
            cond,
            then,
            otherwise,
        } = &step.check
        else {
            return true;
        };
        let (cond, then, otherwise) = (*cond, *then, *otherwise);
        if then.is_none() && otherwise.is_none() {
            true
        } else if self.valid(cond, i) {
            then.is_none_or(|t| self.node(t, i))
        } else {
            otherwise.is_none_or(|e| self.node(e, i))
        }
    }

    fn unevaluated_properties(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        let (Check::UnevaluatedProperties { node, is_false }, Value::Object(o)) = (&step.check, i)
        else {
            return true;
        };
        let (node, is_false, kw) = (*node, *is_false, step.kw);
        let mut marks = vec![false; o.len()];
        self.mark_props(n, i, &mut marks, true);
        let mut ok = true;
        let mut unexpected = Vec::new();
        for ((k, v), seen) in o.iter().zip(marks) {
            if seen {
                continue;
            }
            if is_false {
                if !C {
                    return false;
                }
                unexpected.push(k.as_str());
            } else if !self.child(Seg::Key(k), node, v) {
                ok = false;
                if !C || self.full() {
                    return false;
                }
            }
        }
        if !unexpected.is_empty() {
            return self.fail(n, kw, i, || ErrorKind::UnevaluatedProperties { unexpected });
        }
        ok
    }

    fn unevaluated_items(&mut self, n: &'a Node, step: &'a Step, i: &'a Value) -> bool {
        let (Check::UnevaluatedItems { node, is_false }, Value::Array(a)) = (&step.check, i) else {
            return true;
        };
        let (node, is_false, kw) = (*node, *is_false, step.kw);
        let mut marks = vec![false; a.len()];
        self.mark_items(n, i, &mut marks, true);
        let mut ok = true;
        let mut unexpected = Vec::new();
        for (k, (item, seen)) in a.iter().zip(marks).enumerate() {
            if seen {
                continue;
            }
            if is_false {
                if !C {
                    return false;
                }
                unexpected.push(item_text(item));
            } else if !self.child(Seg::Index(k), node, item) {
                ok = false;
                if !C || self.full() {
                    return false;
                }
            }
        }
        if !unexpected.is_empty() {
            return self.fail(n, kw, i, || ErrorKind::UnevaluatedItems { unexpected });
        }
        ok
    }

    fn dynamic_target(&self, node: NodeId, candidates: &[(Box<str>, NodeId)]) -> NodeId {
        if candidates.is_empty() {
            return node;
        }
        for s in &self.scope {
            if let Some((_, id)) = candidates.iter().find(|(b, _)| &**b == *s) {
                return *id;
            }
        }
        node
    }

    fn enter(&mut self, n: &'a Node) -> Option<bool> {
        if !self.may_enter() {
            return None;
        }
        self.depth += 1;
        let scoped = match &n.scope {
            Some(s) => {
                self.scope.push(s);
                true
            }
            None => false,
        };
        Some(scoped)
    }

    fn leave(&mut self, scoped: bool) {
        if scoped {
            self.scope.pop();
        }
        self.depth -= 1;
    }

    /// Marks the properties of `i` (an object) that `n`, valid on `i`, evaluates.
    fn mark_props(&mut self, n: &'a Node, i: &'a Value, marks: &mut [bool], own: bool) {
        let Value::Object(o) = i else { return };
        let Some(scoped) = self.enter(n) else { return };
        for step in n.steps.iter() {
            if !mark_own_props(step, o, marks, own) {
                for id in self.applied(step, i) {
                    if let Some(child) = self.doc.arena.get(id) {
                        self.mark_props(child, i, marks, false);
                    }
                }
            }
        }
        self.leave(scoped);
    }

    /// Marks the items of `i` (an array) that `n`, valid on `i`, evaluates.
    fn mark_items(&mut self, n: &'a Node, i: &'a Value, marks: &mut [bool], own: bool) {
        let Value::Array(a) = i else { return };
        let Some(scoped) = self.enter(n) else { return };
        for step in n.steps.iter() {
            if let Check::Contains { node, .. } = &step.check {
                self.mark_contained(*node, a, marks);
            } else if !mark_own_items(step, marks, own) {
                for id in self.applied(step, i) {
                    if let Some(child) = self.doc.arena.get(id) {
                        self.mark_items(child, i, marks, false);
                    }
                }
            }
        }
        self.leave(scoped);
    }

    /// `contains`: marks the items its schema accepts.
    fn mark_contained(&mut self, node: NodeId, a: &'a [Value], marks: &mut [bool]) {
        for (item, m) in a.iter().zip(marks.iter_mut()) {
            if !*m && self.valid(node, item) {
                *m = true;
            }
        }
    }

    /// The in-place subschemas of `step` that succeed on `i`: those whose annotations count.
    fn applied(&mut self, step: &'a Step, i: &'a Value) -> Vec<NodeId> {
        match &step.check {
            Check::AllOf(ids) => ids.to_vec(),
            Check::AnyOf(ids) | Check::OneOf(ids) => self.passing(ids, i),
            Check::If {
                cond,
                then,
                otherwise,
            } => self.applied_if(*cond, *then, *otherwise, i),
            Check::DependentSchemas(deps) => match i {
                Value::Object(o) => deps
                    .iter()
                    .filter(|(name, _)| o.contains_key(&**name))
                    .map(|(_, id)| *id)
                    .collect(),
                _ => Vec::new(),
            },
            Check::Ref(id) => vec![*id],
            Check::DynamicRef { node, candidates } => vec![self.dynamic_target(*node, candidates)],
            _ => Vec::new(),
        }
    }

    /// The subschemas of `ids` that accept `i`.
    fn passing(&mut self, ids: &'a [NodeId], i: &'a Value) -> Vec<NodeId> {
        let mut out = Vec::new();
        for id in ids {
            if self.valid(*id, i) {
                out.push(*id);
            }
        }
        out
    }

    /// `if`: the condition and `then` when the condition accepts `i`, else `else`.
    fn applied_if(
        &mut self,
        cond: NodeId,
        then: Option<NodeId>,
        otherwise: Option<NodeId>,
        i: &'a Value,
    ) -> Vec<NodeId> {
        if self.valid(cond, i) {
            std::iter::once(cond).chain(then).collect()
        } else {
            otherwise.into_iter().collect()
        }
    }
}

/// Marks what `step` itself evaluates of the properties of `o`, when it is one of the
/// keywords that evaluate properties directly (false otherwise).
fn mark_own_props(
    step: &Step,
    o: &serde_json::Map<String, Value>,
    marks: &mut [bool],
    own: bool,
) -> bool {
    match &step.check {
        Check::Properties { names, .. } => {
            for (k, m) in o.keys().zip(marks.iter_mut()) {
                if names.get(k).is_some() {
                    *m = true;
                }
            }
        }
        Check::PatternProperties(pats) => {
            for (k, m) in o.keys().zip(marks.iter_mut()) {
                if pats.iter().any(|(re, _)| re.is_match(k)) {
                    *m = true;
                }
            }
        }
        Check::AdditionalProperties { .. } => marks.iter_mut().for_each(|m| *m = true),
        Check::UnevaluatedProperties { .. } if !own => {
            marks.iter_mut().for_each(|m| *m = true);
        }
        _ => return false,
    }
    true
}

/// Marks what `step` itself evaluates of the items of an array, when it is one of the
/// keywords that evaluate items directly, `contains` aside (false otherwise).
fn mark_own_items(step: &Step, marks: &mut [bool], own: bool) -> bool {
    match &step.check {
        Check::PrefixItems(ids) => {
            marks.iter_mut().take(ids.len()).for_each(|m| *m = true);
        }
        Check::Items { start, .. } => {
            marks.iter_mut().skip(*start).for_each(|m| *m = true);
        }
        Check::UnevaluatedItems { .. } if !own => {
            marks.iter_mut().for_each(|m| *m = true);
        }
        _ => return false,
    }
    true
}
