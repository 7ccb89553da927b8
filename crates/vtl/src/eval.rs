//! Renders a parsed template: directives, references and expressions with Velocity 1.7's
//! semantics, within [`crate::Limits`].

use std::collections::HashMap;
use std::rc::Rc;

use regex::Regex;

use crate::ast::{
    Access, BinOp, Expr, ExprKind, ForeachNode, Node, Pos, RefNode, Reference, Root, SetNode,
};
use crate::gateway::Gateway;
use crate::number;
use crate::value::{
    range_at, range_len, Heap, Key, Loop, MapObj, Value, ENTRY_COST, ITEM_COST, OBJECT_COST,
};
use crate::{Input, Limits, RenderError, Rendered, Template};

/// Deepest nesting of values that printing, comparing or serializing follows.
pub(crate) const VALUE_DEPTH: usize = 256;

/// `max_depth` is honoured up to this many levels, so that no setting can exhaust the stack.
const HARD_DEPTH: usize = 256;

/// Nested evaluations (expressions inside expressions, bodies inside bodies) beyond this are
/// refused whatever the limits, so that no template can exhaust the stack.
const MAX_FRAMES: usize = 512;

/// A range with more elements stays lazy (read-only) instead of becoming a list.
const RANGE_MATERIALIZE: u64 = 1000;

pub(crate) type R<T> = Result<T, RenderError>;

/// How rendering a body ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Flow {
    Normal,
    Break,
    Stop,
}

pub(crate) struct Renderer<'t> {
    tpl: &'t Template,
    pub(crate) input: &'t Input,
    pub(crate) max_output: usize,
    max_steps: u64,
    max_depth: usize,
    alloc_cap: usize,
    pub(crate) heap: Heap,
    pub(crate) vars: HashMap<String, Value>,
    steps: u64,
    allocated: usize,
    depth: usize,
    frames: usize,
    /// Where evaluation is, for errors raised by helpers.
    pub(crate) pos: Pos,
    pub(crate) body: Option<Result<Value, String>>,
    /// `$input.body`, shared once read.
    pub(crate) body_text: Option<Rc<str>>,
    pub(crate) params: Option<Value>,
    regexes: HashMap<(String, bool), Regex>,
    pub(crate) gw: Gateway,
}

pub(crate) fn render(tpl: &Template, input: &Input, limits: &Limits) -> R<Rendered> {
    let mut r = Renderer {
        tpl,
        input,
        max_output: limits.max_output_bytes,
        max_steps: limits.max_steps,
        max_depth: limits.max_depth.min(HARD_DEPTH),
        alloc_cap: limits.max_output_bytes.saturating_mul(16).max(64 << 20),
        heap: Heap::default(),
        vars: HashMap::new(),
        steps: 0,
        allocated: 0,
        depth: 0,
        frames: 0,
        pos: 0,
        body: None,
        body_text: None,
        params: None,
        regexes: HashMap::new(),
        gw: Gateway::default(),
    };
    r.setup_globals();
    let mut output = String::new();
    r.render_nodes(&tpl.nodes, &mut output)?;
    let overrides = r.overrides()?;
    Ok(Rendered { output, overrides })
}

impl Renderer<'_> {
    pub(crate) fn fail<T>(&self, msg: impl Into<String>) -> R<T> {
        let (line, column) = self.tpl.locate(self.pos);
        Err(RenderError {
            line,
            column,
            message: msg.into(),
        })
    }

    /// Counts `n` steps against `Limits::max_steps`.
    pub(crate) fn step(&mut self, n: u64) -> R<()> {
        self.steps = self.steps.saturating_add(n);
        if self.steps > self.max_steps {
            return self.fail(format!(
                "the template takes more than {} steps (Limits::max_steps)",
                self.max_steps
            ));
        }
        Ok(())
    }

    pub(crate) fn steps_left(&self) -> u64 {
        self.max_steps.saturating_sub(self.steps)
    }

    /// Counts the work of going over `bytes` bytes (or elements).
    pub(crate) fn work(&mut self, bytes: usize) -> R<()> {
        self.step(bytes as u64 / 256 + 1)
    }

    /// Counts `bytes` of new values against the allocation budget (16 times
    /// `Limits::max_output_bytes`, at least 64 MiB).
    pub(crate) fn alloc(&mut self, bytes: usize) -> R<()> {
        self.allocated = self.allocated.saturating_add(bytes);
        if self.allocated > self.alloc_cap {
            return self.fail(format!(
                "the template builds more than {} bytes of values",
                self.alloc_cap
            ));
        }
        self.work(bytes)
    }

    /// Appends to an output (the result, or a string being built), within
    /// `Limits::max_output_bytes`.
    pub(crate) fn emit(&mut self, out: &mut String, s: &str) -> R<()> {
        if out.len().saturating_add(s.len()) > self.max_output {
            return self.fail(format!(
                "the output exceeds {} bytes (Limits::max_output_bytes)",
                self.max_output
            ));
        }
        out.push_str(s);
        Ok(())
    }

    pub(crate) fn descend(&mut self) -> R<()> {
        self.enter_frame()?;
        self.depth += 1;
        if self.depth > self.max_depth {
            return self.fail(format!(
                "the template nests more than {} levels deep when rendered (Limits::max_depth)",
                self.max_depth
            ));
        }
        Ok(())
    }

    pub(crate) fn ascend(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.frames = self.frames.saturating_sub(1);
    }

    fn enter_frame(&mut self) -> R<()> {
        self.frames += 1;
        if self.frames > MAX_FRAMES {
            return self.fail(format!(
                "the template nests more than {MAX_FRAMES} evaluations deep"
            ));
        }
        Ok(())
    }

    pub(crate) fn render_nodes(&mut self, nodes: &[Node], out: &mut String) -> R<Flow> {
        for node in nodes {
            self.step(1)?;
            match node {
                Node::Text(t) => self.emit(out, t)?,
                Node::Ref(r) => self.render_ref(r, out)?,
                Node::Set(s) => self.exec_set(s)?,
                Node::If(n) => {
                    let mut body = n.otherwise.as_deref();
                    for (cond, b) in &n.branches {
                        if self.eval(cond)?.truthy() {
                            body = Some(b);
                            break;
                        }
                    }
                    if let Some(b) = body {
                        self.descend()?;
                        let flow = self.render_nodes(b, out)?;
                        self.ascend();
                        if flow != Flow::Normal {
                            return Ok(flow);
                        }
                    }
                }
                Node::Foreach(f) => {
                    if self.exec_foreach(f, out)? == Flow::Stop {
                        return Ok(Flow::Stop);
                    }
                }
                Node::Define { name, body } => {
                    self.vars.insert(name.clone(), Value::Block(body.clone()));
                }
                Node::Break => return Ok(Flow::Break),
                Node::Stop => return Ok(Flow::Stop),
            }
        }
        Ok(Flow::Normal)
    }

    /// A reference in text, with Velocity 1.7's rules for backslashes and nulls: an odd number
    /// of backslashes escapes the reference (it shows as written, without one backslash when
    /// it has a value); a null reference shows as written unless it is quiet.
    fn render_ref(&mut self, r: &RefNode, out: &mut String) -> R<()> {
        self.pos = r.reference.pos;
        let v = self.eval_reference(&r.reference)?;
        let half = "\\".repeat(r.backslashes / 2);
        if r.backslashes % 2 == 1 {
            self.emit(out, &half)?;
            if v.is_null() {
                self.emit(out, "\\")?;
            }
            return self.emit(out, &r.literal);
        }
        self.emit(out, &half)?;
        if v.is_null() {
            self.emit(out, &half)?;
            if !r.quiet {
                self.emit(out, &r.literal)?;
            }
            return Ok(());
        }
        self.write_value(&v, out)
    }

    /// Writes a value's text to `out` (a block renders straight into it).
    pub(crate) fn write_value(&mut self, v: &Value, out: &mut String) -> R<()> {
        match v {
            Value::Str(s) => self.emit(out, s),
            Value::Block(body) => {
                let body = body.clone();
                self.descend()?;
                self.render_nodes(&body, out)?;
                self.ascend();
                Ok(())
            }
            _ => {
                let s = self.display(v)?;
                self.emit(out, &s)
            }
        }
    }

    pub(crate) fn eval_reference(&mut self, r: &Reference) -> R<Value> {
        self.pos = r.pos;
        let mut v = match &r.root {
            Root::Var(name) => self.vars.get(name).cloned().unwrap_or(Value::Null),
            Root::InputBody => self.input_body()?,
            Root::InputJson(e) => {
                let path = self.eval(e)?;
                self.pos = r.pos;
                self.input_json(&path)?
            }
            Root::InputPath(e) => {
                let path = self.eval(e)?;
                self.pos = r.pos;
                self.input_path(&path)?
            }
            Root::InputParams(None) => self.params_map(),
            Root::InputParams(Some(e)) => {
                let name = self.eval(e)?;
                self.pos = r.pos;
                self.param(&name)?
            }
            Root::Util(f, e) => {
                let arg = self.eval(e)?;
                self.pos = r.pos;
                self.util(*f, &arg)?
            }
        };
        for access in &r.chain {
            if v.is_null() {
                return Ok(Value::Null);
            }
            v = self.access(&v, access)?;
        }
        Ok(v)
    }

    fn access(&mut self, v: &Value, access: &Access) -> R<Value> {
        self.step(1)?;
        match access {
            Access::Prop { name, pos } => {
                self.pos = *pos;
                self.property(v, name)
            }
            Access::Index { expr, pos } => {
                let i = self.eval(expr)?;
                self.pos = *pos;
                self.index(v, &i)
            }
            Access::Method { name, args, pos } => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.eval(a)?);
                }
                self.pos = *pos;
                Ok(self.call(v, name, &values)?.unwrap_or(Value::Null))
            }
        }
    }

    /// `#set`: Velocity 1.7 leaves the target alone when the value is null.
    fn exec_set(&mut self, s: &SetNode) -> R<()> {
        self.pos = s.pos;
        let value = self.eval(&s.value)?;
        self.pos = s.pos;
        if value.is_null() {
            return Ok(());
        }
        let Root::Var(name) = &s.target.root else {
            return Ok(());
        };
        let Some((last, init)) = s.target.chain.split_last() else {
            self.vars.insert(name.clone(), value);
            return Ok(());
        };
        let mut container = self.vars.get(name).cloned().unwrap_or(Value::Null);
        for access in init {
            if container.is_null() {
                return Ok(());
            }
            container = self.access(&container, access)?;
        }
        self.pos = s.pos;
        match (last, &container) {
            (Access::Prop { name, .. }, Value::Map(id)) => {
                self.assign(*id, Value::str(name), value)
            }
            (Access::Index { expr, .. }, _) => {
                let key = self.eval(expr)?;
                self.pos = s.pos;
                match (&container, &key) {
                    (Value::Map(id), _) => self.assign(*id, key, value),
                    (Value::List(id), Value::Int(i)) => {
                        let len = self.heap.list(*id).items.len();
                        let Some(at) = list_index(*i, len) else {
                            return self.fail(format!("IndexOutOfBoundsException: index {i} out of bounds for length {len}"));
                        };
                        self.heap.list_mut(*id).items[at] = value;
                        Ok(())
                    }
                    _ => Ok(()),
                }
            }
            // A property of something that is not a map has no setter here: Velocity logs and
            // goes on.
            _ => Ok(()),
        }
    }

    /// Puts `key` = `value` into a map, minding API Gateway's override rules.
    fn assign(&mut self, id: crate::value::MapId, key: Value, value: Value) -> R<()> {
        if self.gw.is_override_map(id) {
            let key_text = self.display(&key)?;
            self.check_override(id, &key_text, &value)?;
        }
        let k = self.key_of(&key)?;
        self.alloc(ENTRY_COST)?;
        self.heap.map_mut(id).put(k, key, value);
        Ok(())
    }

    fn exec_foreach(&mut self, f: &ForeachNode, out: &mut String) -> R<Flow> {
        self.pos = f.pos;
        let iterable = self.eval(&f.iter)?;
        self.pos = f.pos;
        let (items, range) = match &iterable {
            Value::List(id) => (self.heap.list(*id).items.clone(), None),
            Value::Map(id) => (self.heap.map(*id).vals.clone(), None),
            Value::Range(a, b) => (Vec::new(), Some((*a, *b))),
            // Null, strings, numbers: nothing to iterate (Velocity logs and renders nothing).
            _ => (Vec::new(), None),
        };
        self.work(items.len())?;
        let len = match range {
            Some((a, b)) => range_len(a, b),
            None => items.len() as u64,
        };
        let saved_var = self.vars.remove(&f.var);
        let saved: Vec<(&str, Option<Value>)> = ["foreach", "velocityCount", "velocityHasNext"]
            .into_iter()
            .map(|k| (k, self.vars.remove(k)))
            .collect();
        let parent = saved[0].1.clone().unwrap_or(Value::Null);
        self.descend()?;
        let mut flow = Flow::Normal;
        let mut i: u64 = 0;
        while i < len {
            self.step(1)?;
            let item = match range {
                Some((a, b)) => Value::Int(range_at(a, b, i)),
                None => items.get(i as usize).cloned().unwrap_or(Value::Null),
            };
            let has_next = i + 1 < len;
            set_var(&mut self.vars, &f.var, item);
            let scope = Loop {
                index: i as usize,
                has_next,
                parent: parent.clone(),
            };
            set_var(&mut self.vars, "foreach", Value::Foreach(Rc::new(scope)));
            set_var(&mut self.vars, "velocityCount", Value::Int(i as i64 + 1));
            set_var(&mut self.vars, "velocityHasNext", Value::Bool(has_next));
            match self.render_nodes(&f.body, out)? {
                Flow::Normal => {}
                Flow::Break => break,
                Flow::Stop => {
                    flow = Flow::Stop;
                    break;
                }
            }
            i += 1;
        }
        self.ascend();
        restore(&mut self.vars, &f.var, saved_var);
        for (k, v) in saved {
            restore(&mut self.vars, k, v);
        }
        Ok(flow)
    }

    pub(crate) fn eval(&mut self, e: &Expr) -> R<Value> {
        self.enter_frame()?;
        let v = self.eval_inner(e);
        self.frames = self.frames.saturating_sub(1);
        v
    }

    fn eval_inner(&mut self, e: &Expr) -> R<Value> {
        self.step(1)?;
        self.pos = e.pos;
        // Each compound case has its own function: this one recurses, so its frame stays small.
        match &e.kind {
            ExprKind::Null => Ok(Value::Null),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Int(n) => Ok(Value::Int(*n)),
            ExprKind::Float(f) => Ok(Value::Float(*f)),
            ExprKind::Str(s) => Ok(Value::str(s)),
            ExprKind::Interp(nodes) => self.eval_interp(nodes),
            ExprKind::Ref(r, _) => self.eval_reference(r),
            ExprKind::List(items) => self.eval_list(items),
            ExprKind::Map(entries) => self.eval_map(entries),
            ExprKind::Range(a, b) => self.eval_range(a, b),
            ExprKind::Not(inner) => Ok(Value::Bool(!self.eval(inner)?.truthy())),
            ExprKind::Neg(inner) => self.eval_neg(inner),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r),
        }
    }

    #[inline(never)]
    fn eval_interp(&mut self, nodes: &[Node]) -> R<Value> {
        let mut s = String::new();
        self.descend()?;
        self.render_nodes(nodes, &mut s)?;
        self.ascend();
        self.alloc(s.len())?;
        Ok(Value::string(s))
    }

    #[inline(never)]
    fn eval_list(&mut self, items: &[Expr]) -> R<Value> {
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            values.push(self.eval(item)?);
        }
        self.alloc(ITEM_COST * values.len() + OBJECT_COST)?;
        Ok(Value::List(self.heap.new_list(values, false)))
    }

    #[inline(never)]
    fn eval_map(&mut self, entries: &[(Expr, Expr)]) -> R<Value> {
        self.alloc(ENTRY_COST * entries.len() + OBJECT_COST)?;
        let id = self.heap.new_map(MapObj::new(false));
        for (k, v) in entries {
            let key = self.eval(k)?;
            let value = self.eval(v)?;
            let hk = self.key_of(&key)?;
            self.heap.map_mut(id).put(hk, key, value);
        }
        Ok(Value::Map(id))
    }

    #[inline(never)]
    fn eval_range(&mut self, a: &Expr, b: &Expr) -> R<Value> {
        let (a, b) = (self.eval(a)?, self.eval(b)?);
        let (Some(a), Some(b)) = (range_bound(&a), range_bound(&b)) else {
            return Ok(Value::Null);
        };
        let len = range_len(a, b);
        if len <= RANGE_MATERIALIZE {
            self.alloc(ITEM_COST * len as usize + OBJECT_COST)?;
            let items = (0..len).map(|i| Value::Int(range_at(a, b, i))).collect();
            Ok(Value::List(self.heap.new_list(items, false)))
        } else {
            Ok(Value::Range(a, b))
        }
    }

    #[inline(never)]
    fn eval_neg(&mut self, inner: &Expr) -> R<Value> {
        let v = self.eval(inner)?;
        Ok(number::arithmetic(BinOp::Sub, &Value::Int(0), &v))
    }

    #[inline(never)]
    fn binary(&mut self, op: BinOp, l: &Expr, r: &Expr) -> R<Value> {
        match op {
            BinOp::Or => {
                let v = self.eval(l)?.truthy() || self.eval(r)?.truthy();
                return Ok(Value::Bool(v));
            }
            BinOp::And => {
                let v = self.eval(l)?.truthy() && self.eval(r)?.truthy();
                return Ok(Value::Bool(v));
            }
            _ => {}
        }
        let a = self.eval(l)?;
        let b = self.eval(r)?;
        self.pos = l.pos;
        Ok(match op {
            BinOp::Eq => Value::Bool(self.velocity_eq(&a, &b)?),
            BinOp::Ne => Value::Bool(!self.velocity_eq(&a, &b)?),
            BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => {
                // Only numbers compare; anything else is false (Velocity logs an error).
                let Some(ord) = number::compare(&a, &b) else {
                    return Ok(Value::Bool(false));
                };
                Value::Bool(match op {
                    BinOp::Lt => ord.is_lt(),
                    BinOp::Gt => ord.is_gt(),
                    BinOp::Le => ord.is_le(),
                    _ => ord.is_ge(),
                })
            }
            BinOp::Add if matches!(a, Value::Str(_)) || matches!(b, Value::Str(_)) => {
                // String concatenation; a null side shows as its own source text.
                let left = if a.is_null() {
                    literal(l)
                } else {
                    self.display(&a)?
                };
                let right = if b.is_null() {
                    literal(r)
                } else {
                    self.display(&b)?
                };
                self.alloc(left.len() + right.len())?;
                if left.len() + right.len() > self.max_output {
                    return self.fail(format!(
                        "a string exceeds {} bytes (Limits::max_output_bytes)",
                        self.max_output
                    ));
                }
                Value::string(left + &right)
            }
            _ => number::arithmetic(op, &a, &b),
        })
    }

    /// Velocity 1.7's `==`: numbers by value; values of one kind by `equals`; otherwise their
    /// texts (two nulls are equal, a null and a value are not).
    pub(crate) fn velocity_eq(&mut self, a: &Value, b: &Value) -> R<bool> {
        if number::is_number(a) && number::is_number(b) {
            return Ok(number::compare(a, b).is_some_and(std::cmp::Ordering::is_eq));
        }
        match (a, b) {
            (Value::Null, Value::Null) => Ok(true),
            (Value::Null, _) | (_, Value::Null) => Ok(false),
            _ if same_class(a, b) => self.java_equals(a, b, 0),
            _ => Ok(self.display(a)? == self.display(b)?),
        }
    }

    /// Java's `equals`.
    pub(crate) fn java_equals(&mut self, a: &Value, b: &Value, depth: usize) -> R<bool> {
        if depth > VALUE_DEPTH {
            return self.fail("values nest too deeply to compare");
        }
        self.step(1)?;
        Ok(match (a, b) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Float(x), Value::Float(y)) => {
                (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits()
            }
            (Value::Str(x), Value::Str(y)) => {
                self.work(x.len())?;
                x == y
            }
            (Value::List(_) | Value::Range(..), Value::List(_) | Value::Range(..)) => {
                let (xs, ys) = (self.elements(a)?, self.elements(b)?);
                if xs.len() != ys.len() {
                    return Ok(false);
                }
                for (x, y) in xs.iter().zip(&ys) {
                    if !self.java_equals(x, y, depth + 1)? {
                        return Ok(false);
                    }
                }
                true
            }
            (Value::Map(x), Value::Map(y)) => {
                if x == y {
                    return Ok(true);
                }
                let (mx, my) = (self.heap.map(*x), self.heap.map(*y));
                if mx.len() != my.len() {
                    return Ok(false);
                }
                let pairs: Vec<(Value, Value)> = mx
                    .keys
                    .iter()
                    .cloned()
                    .zip(mx.vals.iter().cloned())
                    .collect();
                for (k, v) in pairs {
                    let hk = self.key_of(&k)?;
                    let Some(other) = self.heap.map(*y).get(hk).cloned() else {
                        return Ok(false);
                    };
                    if !self.java_equals(&v, &other, depth + 1)? {
                        return Ok(false);
                    }
                }
                true
            }
            (Value::Entry(x), Value::Entry(y)) => {
                self.java_equals(&x.0, &y.0, depth + 1)?
                    && self.java_equals(&x.1, &y.1, depth + 1)?
            }
            (Value::Foreach(x), Value::Foreach(y)) => Rc::ptr_eq(x, y),
            (Value::Block(x), Value::Block(y)) => std::sync::Arc::ptr_eq(x, y),
            _ => false,
        })
    }

    /// The elements of a list or range (a range is built, within the step budget).
    pub(crate) fn elements(&mut self, v: &Value) -> R<Vec<Value>> {
        match v {
            Value::List(id) => {
                let items = self.heap.list(*id).items.clone();
                self.work(items.len())?;
                Ok(items)
            }
            Value::Range(a, b) => {
                let len = range_len(*a, *b);
                self.step(len)?;
                Ok((0..len).map(|i| Value::Int(range_at(*a, *b, i))).collect())
            }
            _ => Ok(Vec::new()),
        }
    }

    /// How a map finds `v` among its keys.
    pub(crate) fn key_of(&mut self, v: &Value) -> R<Key> {
        Ok(match v {
            Value::Null => Key::Null,
            Value::Bool(b) => Key::Bool(*b),
            Value::Int(n) => Key::Int(*n),
            Value::Float(f) => Key::Float(f.to_bits()),
            Value::Str(s) => Key::Str(s.clone()),
            other => Key::Str(Rc::from(self.display(other)?)),
        })
    }

    /// A compiled Java regular expression, cached for the rendering.
    pub(crate) fn regex(&mut self, pattern: &str, whole: bool) -> R<Regex> {
        if let Some(r) = self.regexes.get(&(pattern.to_string(), whole)) {
            return Ok(r.clone());
        }
        self.work(pattern.len() * 16)?;
        let compiled = if whole {
            crate::javaregex::compile_whole(pattern)
        } else {
            crate::javaregex::compile(pattern)
        };
        match compiled {
            Ok(r) => {
                if self.regexes.len() < 64 {
                    self.regexes.insert((pattern.to_string(), whole), r.clone());
                }
                Ok(r)
            }
            Err(e) => self.fail(format!("regular expression {pattern:?}: {e}")),
        }
    }
}

/// A list index as Velocity reads `$list[i]`: negative counts from the end.
pub(crate) fn list_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i.checked_add(len as i64)? } else { i };
    usize::try_from(i).ok().filter(|&i| i < len)
}

fn range_bound(v: &Value) -> Option<i64> {
    match v {
        Value::Int(n) => Some(*n),
        Value::Float(f) if f.is_finite() => Some(*f as i64),
        _ => None,
    }
}

/// Whether Java would consider the two values of related classes (so `equals` decides).
fn same_class(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::Str(_), Value::Str(_))
            | (Value::Bool(_), Value::Bool(_))
            | (
                Value::List(_) | Value::Range(..),
                Value::List(_) | Value::Range(..)
            )
            | (Value::Map(_), Value::Map(_))
            | (Value::Entry(_), Value::Entry(_))
            | (Value::Foreach(_), Value::Foreach(_))
            | (Value::Block(_), Value::Block(_))
    )
}

/// The source text of an expression, as `"a" + $missing` shows the missing side.
fn literal(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Ref(_, text) => text.clone(),
        _ => "null".into(),
    }
}

/// Sets a variable without allocating its name when it exists.
fn set_var(vars: &mut HashMap<String, Value>, name: &str, v: Value) {
    match vars.get_mut(name) {
        Some(slot) => *slot = v,
        None => {
            vars.insert(name.to_string(), v);
        }
    }
}

fn restore(vars: &mut HashMap<String, Value>, name: &str, old: Option<Value>) {
    match old {
        Some(v) => {
            vars.insert(name.to_string(), v);
        }
        None => {
            vars.remove(name);
        }
    }
}
