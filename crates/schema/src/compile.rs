//! Compilation: the schema at a JSON pointer, and every schema it reaches, into nodes of the
//! document's arena. A worklist, not recursion: `$ref` cycles and deep documents cost no stack.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::arena::MAX_NODES;
use crate::format::{self, Format};
use crate::node::{Check, Child, Leaf, Names, Node, NodeId, RequiredNames, Step};
use crate::number::Limit;
use crate::uri::{escape_token, percent_decode, resolve, split_fragment};
use crate::{CompileError, Dialect, Document, SchemaId, TypeSet};

#[derive(Default)]
pub(crate) struct State {
    by_ptr: HashMap<String, NodeId>,
    failed: HashMap<String, CompileError>,
    /// Patterns that could not be compiled: their keyword is skipped, the schema compiles.
    pub(crate) skipped: Vec<CompileError>,
    /// Every pattern compiled so far, by its text: `patternProperties` and its sibling
    /// `additionalProperties` share one, as do the many schemas with the same `pattern`.
    patterns: HashMap<String, crate::regex::Pattern>,
    next: u32,
}

/// At most this many distinct compiled patterns are kept for sharing.
const MAX_SHARED_PATTERNS: usize = 10_000;

/// At most this many skipped patterns are remembered.
const MAX_SKIPPED: usize = 10_000;

impl State {
    pub(crate) fn len(&self) -> usize {
        self.by_ptr.len()
    }
}

struct Run<'d> {
    doc: &'d Document,
    state: &'d mut State,
    fresh: Vec<String>,
    work: Vec<(NodeId, String)>,
    /// A second step a keyword compiles to (draft 4's mixed `dependencies`).
    extra: Vec<(u8, Step)>,
    /// Patterns of this run that could not be compiled.
    skipped: Vec<CompileError>,
}

/// The compile state, locked. A run that panicked (an out-of-memory abort aside, a regex
/// build is the only code that could) poisons the lock with pointers whose nodes were never
/// published: they are forgotten, so they compile again instead of naming nothing.
pub(crate) fn state(doc: &Document) -> std::sync::MutexGuard<'_, State> {
    match doc.state.lock() {
        Ok(guard) => guard,
        Err(poisoned) => {
            let mut guard = poisoned.into_inner();
            guard.by_ptr.retain(|_, id| doc.arena.get(*id).is_some());
            doc.state.clear_poison();
            guard
        }
    }
}

pub(crate) fn compile(doc: &Document, pointer: &str) -> Result<SchemaId, CompileError> {
    let mut guard = state(doc);
    if let Some(id) = guard.by_ptr.get(pointer) {
        return Ok(SchemaId(crate::link::entry(&doc.arena, *id)));
    }
    if let Some(e) = guard.failed.get(pointer) {
        return Err(e.clone());
    }
    // Nothing of a failed run is published, so its ids are given back.
    let first_free = guard.next;
    let mut run = Run {
        doc,
        state: &mut guard,
        fresh: Vec::new(),
        work: Vec::new(),
        extra: Vec::new(),
        skipped: Vec::new(),
    };
    let result = run.all(pointer);
    let skipped = std::mem::take(&mut run.skipped);
    if let Err(e) = &result {
        let fresh = std::mem::take(&mut run.fresh);
        for p in fresh {
            guard.by_ptr.remove(&p);
        }
        guard.next = first_free;
        if guard.failed.len() < 10_000 {
            guard.failed.insert(pointer.to_string(), e.clone());
        }
    }
    if result.is_ok() {
        for e in skipped {
            if guard.skipped.len() < MAX_SKIPPED && !guard.skipped.contains(&e) {
                guard.skipped.push(e);
            }
        }
    }
    result.map(|id| SchemaId(crate::link::entry(&doc.arena, id)))
}

fn invalid(ptr: &str, kw: &str, message: &str) -> CompileError {
    CompileError::Invalid {
        pointer: format!("{ptr}/{}", escape_token(kw)),
        message: message.to_string(),
    }
}

fn child(ptr: &str, kw: &str) -> String {
    format!("{ptr}/{}", escape_token(kw))
}

fn uint(v: &Value, ptr: &str, kw: &str) -> Result<u64, CompileError> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                    .map(|f| if f > 1.8e19 { u64::MAX } else { f as u64 })
            })
            .ok_or_else(|| invalid(ptr, kw, "not a non-negative integer")),
        _ => Err(invalid(ptr, kw, "not a non-negative integer")),
    }
}

fn strings(v: &Value, ptr: &str, kw: &str) -> Result<Box<[Box<str>]>, CompileError> {
    let arr = v
        .as_array()
        .ok_or_else(|| invalid(ptr, kw, "not an array of strings"))?;
    let mut out: Vec<Box<str>> = Vec::with_capacity(arr.len());
    for s in arr {
        let s = s
            .as_str()
            .ok_or_else(|| invalid(ptr, kw, "not an array of strings"))?;
        if !out.iter().any(|o| &**o == s) {
            out.push(s.into());
        }
    }
    Ok(out.into_boxed_slice())
}

fn pattern(p: &str, ptr: &str) -> Result<crate::regex::Pattern, CompileError> {
    crate::regex::compile(p).map_err(|message| CompileError::Regex {
        pointer: ptr.to_string(),
        pattern: p.to_string(),
        message,
    })
}

fn limit(v: &Value, ptr: &str, kw: &str) -> Result<Box<Limit>, CompileError> {
    match v {
        Value::Number(n) => Ok(Box::new(Limit::new(n))),
        _ => Err(invalid(ptr, kw, "not a number")),
    }
}

impl Run<'_> {
    /// The compiled pattern, or [`crate::regex::Pattern::Skipped`] (recorded) when it cannot
    /// be compiled: only its keyword goes unchecked.
    fn pattern_or_skip(&mut self, p: &str, ptr: &str) -> crate::regex::Pattern {
        if let Some(re) = self.state.patterns.get(p) {
            return re.clone();
        }
        match pattern(p, ptr) {
            Ok(re) => {
                if self.state.patterns.len() < MAX_SHARED_PATTERNS {
                    self.state.patterns.insert(p.to_string(), re.clone());
                }
                re
            }
            Err(e) => {
                if !self.skipped.contains(&e) {
                    self.skipped.push(e);
                }
                crate::regex::Pattern::Skipped
            }
        }
    }

    fn all(&mut self, pointer: &str) -> Result<NodeId, CompileError> {
        if self.doc.root.pointer(pointer).is_none() {
            return Err(CompileError::NoSchema {
                pointer: pointer.to_string(),
            });
        }
        let id = self.alloc(pointer)?;
        let mut built = Vec::new();
        while let Some((id, ptr)) = self.work.pop() {
            built.push((id, self.build(&ptr)?));
        }
        crate::link::link(&mut built, &self.doc.arena);
        for (id, node) in built {
            self.doc.arena.set(id, node);
        }
        Ok(id)
    }

    fn alloc(&mut self, ptr: &str) -> Result<NodeId, CompileError> {
        if let Some(id) = self.state.by_ptr.get(ptr) {
            return Ok(*id);
        }
        if self.state.next as usize >= MAX_NODES {
            return Err(CompileError::TooLarge);
        }
        let id = self.state.next;
        self.state.next += 1;
        self.state.by_ptr.insert(ptr.to_string(), id);
        self.fresh.push(ptr.to_string());
        self.work.push((id, ptr.to_string()));
        Ok(id)
    }

    fn sub(&mut self, ptr: &str, kw: &str) -> Result<NodeId, CompileError> {
        self.alloc(&child(ptr, kw))
    }

    fn subs(&mut self, v: &Value, ptr: &str, kw: &str) -> Result<Box<[NodeId]>, CompileError> {
        let arr = v
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| invalid(ptr, kw, "not a non-empty array of schemas"))?;
        let base = child(ptr, kw);
        (0..arr.len())
            .map(|i| self.alloc(&format!("{base}/{i}")))
            .collect()
    }

    fn map_subs(
        &mut self,
        v: &Value,
        ptr: &str,
        kw: &str,
    ) -> Result<Vec<(Box<str>, NodeId)>, CompileError> {
        let m = v
            .as_object()
            .ok_or_else(|| invalid(ptr, kw, "not an object of schemas"))?;
        let base = child(ptr, kw);
        m.keys()
            .map(|k| Ok((k.as_str().into(), self.alloc(&child(&base, k))?)))
            .collect()
    }

    /// The pointer a reference resolves to, from the schema at `ptr`.
    fn resolve_ref(&self, reference: &str, ptr: &str) -> Result<String, CompileError> {
        let ix = &self.doc.index;
        let full = resolve(ix.base_of(ptr), reference);
        let (uri, frag) = split_fragment(&full);
        let unresolvable = || CompileError::Unresolvable {
            reference: reference.to_string(),
            pointer: ptr.to_string(),
        };
        let target = if frag.is_empty() || frag.starts_with('/') {
            let root = ix.resources.get(uri).ok_or_else(unresolvable)?;
            format!("{root}{}", percent_decode(frag))
        } else {
            ix.anchors
                .get(&(uri.to_string(), percent_decode(frag)))
                .cloned()
                .ok_or_else(unresolvable)?
        };
        if self.doc.root.pointer(&target).is_none() {
            return Err(unresolvable());
        }
        Ok(target)
    }

    fn build(&mut self, ptr: &str) -> Result<Node, CompileError> {
        let value = self
            .doc
            .root
            .pointer(ptr)
            .ok_or_else(|| CompileError::NoSchema {
                pointer: ptr.to_string(),
            })?;
        let mut node = Node {
            ptr: ptr.into(),
            always: None,
            steps: Arc::new([]),
            uneval: false,
            scope: None,
        };
        let m = match value {
            Value::Bool(b) => {
                node.always = Some(*b);
                return Ok(node);
            }
            Value::Object(m) => m,
            _ => {
                return Err(CompileError::Invalid {
                    pointer: ptr.to_string(),
                    message: "a schema is an object or a boolean".into(),
                })
            }
        };
        if self.doc.index.has_dynamic_ref {
            node.scope = self.doc.index.bases.get(ptr).map(|b| b.as_str().into());
        }
        let draft4 = self.doc.options.dialect == Dialect::Draft4;
        let mut steps: Vec<(u8, Step)> = Vec::new();
        if draft4 && m.contains_key("$ref") {
            if let Some(Value::String(r)) = m.get("$ref") {
                let target = self.resolve_ref(r, ptr)?;
                let id = self.alloc(&target)?;
                self.doc.arena.mark_target(id);
                node.steps = Arc::new([Step {
                    kw: "$ref",
                    check: Check::Ref(id),
                }]);
                return Ok(node);
            }
        }
        for (k, v) in m {
            if let Some((prio, step)) = self.keyword(m, k, v, ptr, draft4)? {
                if matches!(
                    step.check,
                    Check::UnevaluatedItems { .. } | Check::UnevaluatedProperties { .. }
                ) {
                    node.uneval = true;
                }
                steps.push((prio, step));
            }
        }
        steps.append(&mut self.extra);
        steps.sort_by_key(|(p, _)| *p);
        fuse_required(&mut steps);
        node.steps = steps.into_iter().map(|(_, s)| s).collect();
        Ok(node)
    }

    #[allow(clippy::too_many_lines)]
    fn keyword(
        &mut self,
        m: &Map<String, Value>,
        k: &str,
        v: &Value,
        ptr: &str,
        draft4: bool,
    ) -> Result<Option<(u8, Step)>, CompileError> {
        let step = |prio: u8, kw: &'static str, check: Check| Ok(Some((prio, Step { kw, check })));
        let flag = |key: &str| m.get(key) == Some(&Value::Bool(true));
        match k {
            "type" => {
                let mut set = 0u8;
                let names: Vec<&Value> = match v {
                    Value::Array(a) => a.iter().collect(),
                    other => vec![other],
                };
                for n in names {
                    let bit = n
                        .as_str()
                        .and_then(TypeSet::bit)
                        .ok_or_else(|| invalid(ptr, k, "unknown type"))?;
                    set |= bit;
                }
                step(1, "type", Check::Type(TypeSet(set), draft4))
            }
            "const" if !draft4 => step(5, "const", Check::Const(v.clone())),
            "enum" => {
                let arr = v
                    .as_array()
                    .ok_or_else(|| invalid(ptr, k, "not an array"))?;
                let strings = arr
                    .iter()
                    .map(|o| o.as_str().map(|s| (Box::<str>::from(s), ())))
                    .collect::<Option<Vec<_>>>()
                    .map(|s| Box::new(Names::new(s)));
                step(
                    6,
                    "enum",
                    Check::Enum {
                        options: v.clone(),
                        strings,
                    },
                )
            }
            "minimum" => {
                let l = limit(v, ptr, k)?;
                if draft4 && flag("exclusiveMinimum") {
                    step(10, "minimum", Check::ExclusiveMinimum(l))
                } else {
                    step(10, "minimum", Check::Minimum(l))
                }
            }
            "maximum" => {
                let l = limit(v, ptr, k)?;
                if draft4 && flag("exclusiveMaximum") {
                    step(11, "maximum", Check::ExclusiveMaximum(l))
                } else {
                    step(11, "maximum", Check::Maximum(l))
                }
            }
            "exclusiveMinimum" if !draft4 => step(
                12,
                "exclusiveMinimum",
                Check::ExclusiveMinimum(limit(v, ptr, k)?),
            ),
            "exclusiveMaximum" if !draft4 => step(
                13,
                "exclusiveMaximum",
                Check::ExclusiveMaximum(limit(v, ptr, k)?),
            ),
            "multipleOf" => {
                let l = limit(v, ptr, k)?;
                if l.float.is_nan() || l.float <= 0.0 {
                    return Err(invalid(ptr, k, "not a positive number"));
                }
                step(14, "multipleOf", Check::MultipleOf(l))
            }
            "minLength" => step(20, "minLength", Check::MinLength(uint(v, ptr, k)?)),
            "maxLength" => step(21, "maxLength", Check::MaxLength(uint(v, ptr, k)?)),
            "minItems" => step(22, "minItems", Check::MinItems(uint(v, ptr, k)?)),
            "maxItems" => step(23, "maxItems", Check::MaxItems(uint(v, ptr, k)?)),
            "minProperties" => step(24, "minProperties", Check::MinProperties(uint(v, ptr, k)?)),
            "maxProperties" => step(25, "maxProperties", Check::MaxProperties(uint(v, ptr, k)?)),
            "required" => {
                let names = strings(v, ptr, k)?;
                if names.is_empty() {
                    return Ok(None);
                }
                step(
                    26,
                    "required",
                    Check::Required {
                        names: RequiredNames::new(&names),
                        fused: false,
                    },
                )
            }
            "dependentRequired" if !draft4 => {
                let obj = v
                    .as_object()
                    .ok_or_else(|| invalid(ptr, k, "not an object"))?;
                let mut deps = Vec::new();
                for (name, req) in obj {
                    deps.push((name.as_str().into(), strings(req, &child(ptr, k), name)?));
                }
                step(
                    27,
                    "dependentRequired",
                    Check::DependentRequired(deps.into()),
                )
            }
            "pattern" => {
                let p = v.as_str().ok_or_else(|| invalid(ptr, k, "not a string"))?;
                match self.pattern_or_skip(p, &child(ptr, k)) {
                    crate::regex::Pattern::Skipped => Ok(None),
                    re => step(30, "pattern", Check::Pattern(re, p.into())),
                }
            }
            "format" => {
                let opts = &self.doc.options;
                let Some(name) = v.as_str() else {
                    return Ok(None);
                };
                if !opts.validate_formats {
                    return Ok(None);
                }
                let f = if let Some(custom) = opts.formats.get(name) {
                    Format::Custom(*custom)
                } else if let Some(b) = format::builtin(name) {
                    Format::Builtin(b)
                } else {
                    return Ok(None);
                };
                step(31, "format", Check::Format(f, name.into()))
            }
            "uniqueItems" => {
                if v == &Value::Bool(true) {
                    step(35, "uniqueItems", Check::UniqueItems)
                } else {
                    Ok(None)
                }
            }
            "properties" => {
                let subs = self
                    .map_subs(v, ptr, k)?
                    .into_iter()
                    .map(|(name, id)| {
                        (
                            name,
                            Child {
                                id,
                                leaf: Leaf::Enter,
                                required: false,
                            },
                        )
                    })
                    .collect();
                step(
                    40,
                    "properties",
                    Check::Properties {
                        names: Names::new(subs),
                        required: 0,
                    },
                )
            }
            "patternProperties" => {
                let obj = v
                    .as_object()
                    .ok_or_else(|| invalid(ptr, k, "not an object"))?;
                let base = child(ptr, k);
                let mut out = Vec::new();
                for p in obj.keys() {
                    let re = self.pattern_or_skip(p, &base);
                    if !matches!(re, crate::regex::Pattern::Skipped) {
                        out.push((re, self.alloc(&child(&base, p))?));
                    }
                }
                step(
                    41,
                    "patternProperties",
                    Check::PatternProperties(out.into()),
                )
            }
            "additionalProperties" => {
                let node = self.sub(ptr, k)?;
                let names = Box::new(Names::new(
                    m.get("properties")
                        .and_then(Value::as_object)
                        .map(|p| p.keys().map(|n| (n.as_str().into(), ())).collect())
                        .unwrap_or_default(),
                ));
                let mut patterns = Vec::new();
                if let Some(pp) = m.get("patternProperties").and_then(Value::as_object) {
                    for p in pp.keys() {
                        patterns.push(self.pattern_or_skip(p, &child(ptr, "patternProperties")));
                    }
                }
                step(
                    42,
                    "additionalProperties",
                    Check::AdditionalProperties {
                        node,
                        is_false: v == &Value::Bool(false),
                        names,
                        patterns: patterns.into(),
                    },
                )
            }
            "propertyNames" if !draft4 => {
                step(43, "propertyNames", Check::PropertyNames(self.sub(ptr, k)?))
            }
            "items" => {
                if v.is_array() {
                    if !draft4 {
                        return Err(invalid(ptr, k, "an array (use prefixItems)"));
                    }
                    let subs = self
                        .subs(v, ptr, k)
                        .or_else(|_| Ok::<_, CompileError>(Box::new([])))?;
                    return step(44, "items", Check::PrefixItems(subs));
                }
                let start = if draft4 {
                    0
                } else {
                    m.get("prefixItems")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len)
                };
                step(
                    44,
                    "items",
                    Check::Items {
                        node: self.sub(ptr, k)?,
                        start,
                        // 2020-12 reports each extra item against the `false` schema.
                        is_false: false,
                        leaf: Leaf::Enter,
                    },
                )
            }
            "prefixItems" if !draft4 => {
                step(45, "prefixItems", Check::PrefixItems(self.subs(v, ptr, k)?))
            }
            "additionalItems" if draft4 => {
                let Some(items) = m.get("items").and_then(Value::as_array) else {
                    return Ok(None);
                };
                step(
                    46,
                    "additionalItems",
                    Check::Items {
                        node: self.sub(ptr, k)?,
                        start: items.len(),
                        is_false: v == &Value::Bool(false),
                        leaf: Leaf::Enter,
                    },
                )
            }
            "contains" if !draft4 => {
                let min = match m.get("minContains") {
                    Some(x) => uint(x, ptr, "minContains")?,
                    None => 1,
                };
                let max = match m.get("maxContains") {
                    Some(x) => Some(uint(x, ptr, "maxContains")?),
                    None => None,
                };
                step(
                    47,
                    "contains",
                    Check::Contains {
                        node: self.sub(ptr, k)?,
                        min,
                        max,
                    },
                )
            }
            "dependencies" => {
                let obj = v
                    .as_object()
                    .ok_or_else(|| invalid(ptr, k, "not an object"))?;
                let mut req = Vec::new();
                let mut schemas = Vec::new();
                let base = child(ptr, k);
                for (name, dep) in obj {
                    if dep.is_array() {
                        req.push((name.as_str().into(), strings(dep, &base, name)?));
                    } else {
                        schemas.push((name.as_str().into(), self.alloc(&child(&base, name))?));
                    }
                }
                if schemas.is_empty() {
                    return step(48, "dependencies", Check::DependentRequired(req.into()));
                }
                if !req.is_empty() {
                    self.extra.push((
                        48,
                        Step {
                            kw: "dependencies",
                            check: Check::DependentRequired(req.into()),
                        },
                    ));
                }
                step(48, "dependencies", Check::DependentSchemas(schemas.into()))
            }
            "dependentSchemas" if !draft4 => {
                let subs = self.map_subs(v, ptr, k)?;
                step(49, "dependentSchemas", Check::DependentSchemas(subs.into()))
            }
            "allOf" => step(50, "allOf", Check::AllOf(self.subs(v, ptr, k)?)),
            "anyOf" => step(51, "anyOf", Check::AnyOf(self.subs(v, ptr, k)?)),
            "oneOf" => step(52, "oneOf", Check::OneOf(self.subs(v, ptr, k)?)),
            "not" => step(53, "not", Check::Not(self.sub(ptr, k)?)),
            "if" if !draft4 => {
                let cond = self.sub(ptr, k)?;
                let then = if m.contains_key("then") {
                    Some(self.sub(ptr, "then")?)
                } else {
                    None
                };
                let otherwise = if m.contains_key("else") {
                    Some(self.sub(ptr, "else")?)
                } else {
                    None
                };
                step(
                    54,
                    "if",
                    Check::If {
                        cond,
                        then,
                        otherwise,
                    },
                )
            }
            "unevaluatedProperties" if !draft4 => step(
                60,
                "unevaluatedProperties",
                Check::UnevaluatedProperties {
                    node: self.sub(ptr, k)?,
                    is_false: v == &Value::Bool(false),
                },
            ),
            "unevaluatedItems" if !draft4 => step(
                61,
                "unevaluatedItems",
                Check::UnevaluatedItems {
                    node: self.sub(ptr, k)?,
                    is_false: v == &Value::Bool(false),
                },
            ),
            "$ref" => {
                let r = v.as_str().ok_or_else(|| invalid(ptr, k, "not a string"))?;
                let target = self.resolve_ref(r, ptr)?;
                let id = self.alloc(&target)?;
                self.doc.arena.mark_target(id);
                step(70, "$ref", Check::Ref(id))
            }
            "$dynamicRef" if !draft4 => {
                let r = v.as_str().ok_or_else(|| invalid(ptr, k, "not a string"))?;
                let target = self.resolve_ref(r, ptr)?;
                let node = self.alloc(&target)?;
                self.doc.arena.mark_target(node);
                let name = split_fragment(r).1;
                let ix = &self.doc.index;
                let bookended = ix
                    .dynamic
                    .iter()
                    .any(|((_, n), p)| n == name && *p == target);
                let mut candidates = Vec::new();
                if bookended {
                    let found: Vec<(String, String)> = ix
                        .dynamic
                        .iter()
                        .filter(|((_, n), _)| n == name)
                        .map(|((base, _), p)| (base.clone(), p.clone()))
                        .collect();
                    for (base, p) in found {
                        let id = self.alloc(&p)?;
                        self.doc.arena.mark_target(id);
                        candidates.push((base.into_boxed_str(), id));
                    }
                }
                step(
                    72,
                    "$dynamicRef",
                    Check::DynamicRef {
                        node,
                        candidates: candidates.into(),
                    },
                )
            }
            _ => Ok(None),
        }
    }
}

/// Lets `properties` count the names of a sibling `required` when it holds them all.
fn fuse_required(steps: &mut [(u8, Step)]) {
    let Some(req) = steps
        .iter()
        .position(|(_, s)| matches!(s.check, Check::Required { .. }))
    else {
        return;
    };
    let Some(props) = steps
        .iter()
        .position(|(_, s)| matches!(s.check, Check::Properties { .. }))
    else {
        return;
    };
    let wanted: Vec<Box<str>> = match &steps[req].1.check {
        Check::Required { names, .. } => names.keys.iter().map(|k| k.name.clone()).collect(),
        _ => return,
    };
    let Check::Properties { names, required } = &mut steps[props].1.check else {
        return;
    };
    if !wanted.iter().all(|w| names.get(w).is_some()) {
        return;
    }
    for (key, child) in names.keys.iter().zip(names.values.iter_mut()) {
        child.required = wanted.contains(&key.name);
    }
    *required = wanted.len();
    if let Check::Required { fused, .. } = &mut steps[req].1.check {
        *fused = true;
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Options};
    use serde_json::json;

    #[test]
    fn a_run_that_panicked_leaves_no_unpublished_ids_behind() {
        let doc = Document::new(json!({"$defs": {"a": {"type": "integer"}}}), Options::new());
        // A run that panics after claiming a pointer (as a regex build could).
        std::thread::scope(|s| {
            let r = s.spawn(|| {
                let mut state = doc.state.lock().expect("first lock");
                let id = state.next;
                state.by_ptr.insert("/$defs/a".to_string(), id);
                state.next += 1;
                panic!("mid-run");
            });
            assert!(r.join().is_err());
        });
        assert!(doc.state.is_poisoned());
        let id = doc.compile("/$defs/a").expect("compiles again");
        assert!(doc.is_valid(id, &json!(1)));
        assert!(!doc.is_valid(id, &json!("x")));
        assert!(!doc.state.is_poisoned());
        assert!(doc.compiled_nodes() > 0);
    }

    #[test]
    fn a_pattern_is_compiled_once_per_document() {
        let props: serde_json::Map<String, serde_json::Value> = (0..100)
            .map(|i| (format!("p{i}"), json!({"pattern": "^x+$"})))
            .collect();
        let doc = Document::new(
            json!({
                "properties": props,
                "patternProperties": {"^x+$": {}, "^y$": {}},
                "additionalProperties": false
            }),
            Options::new(),
        );
        let id = doc.compile("").expect("compiles");
        assert_eq!(doc.state.lock().expect("lock").patterns.len(), 2);
        assert!(doc.is_valid(id, &json!({"p1": "xx", "xxx": 1, "y": 2})));
        assert!(!doc.is_valid(id, &json!({"p1": "xy"})));
        assert!(!doc.is_valid(id, &json!({"z": 1})));
    }
}
