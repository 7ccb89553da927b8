//! API Gateway's variables: `$input`, `$util`, `$context` (with `requestOverride` and
//! `responseOverride`) and `$stageVariables`.
//!
//! Behaviour beyond the developer guide follows what API Gateway was observed to do:
//! - an empty body reads as `{}` for `$input.body`, `$input.json('$')` and `$input.path('$')`;
//! - a body that is not JSON is one string for `$input.path('$')` / `$input.json('$')`,
//!   unless it starts like an object or an array (`{`, `[`), which fails ("Could not process
//!   payload");
//! - `$input.json(x)` of a path that selects nothing is `null`, `$input.path(x)` null;
//! - `$input.params(x)` of an unknown name is the empty string.

use std::collections::{BTreeMap, HashSet};

use crate::ast::UtilFn;
use crate::eval::{Renderer, R};
use crate::jsonpath::{self, Selected};
use crate::value::{Key, MapId, MapObj, Value, ITEM_COST, OBJECT_COST};
use crate::{json, util, Overrides};

/// The maps `#set($context.requestOverride…)` / `responseOverride…` write to.
#[derive(Default)]
pub(crate) struct Gateway {
    response: Option<MapId>,
    response_header: Option<MapId>,
    request_header: Option<MapId>,
    request_path: Option<MapId>,
    request_querystring: Option<MapId>,
    /// Overrides already set with `#set` (map, key): API Gateway allows each once.
    assigned: HashSet<(MapId, String)>,
}

impl Gateway {
    pub(crate) fn is_override_map(&self, id: MapId) -> bool {
        [
            self.response,
            self.response_header,
            self.request_header,
            self.request_path,
            self.request_querystring,
        ]
        .contains(&Some(id))
    }
}

/// An HTTP status from a value: a whole number (or its text) from 100 to 599.
fn status_of(v: &Value) -> Option<u16> {
    let n = match v {
        Value::Int(n) => *n,
        Value::Float(f) if f.fract() == 0.0 => *f as i64,
        Value::Str(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    u16::try_from(n).ok().filter(|s| (100..=599).contains(s))
}

impl Renderer<'_> {
    /// `$context` and `$stageVariables`.
    pub(crate) fn setup_globals(&mut self) {
        let context = match &self.input.context {
            v @ serde_json::Value::Object(_) => json::from_serde(v, &mut self.heap, 128),
            _ => Value::Map(self.new_map(false)),
        };
        let Value::Map(ctx) = context else { return };
        let request = self.sub_map(ctx, "requestOverride");
        self.gw.request_header = Some(self.sub_map(request, "header"));
        self.gw.request_path = Some(self.sub_map(request, "path"));
        self.gw.request_querystring = Some(self.sub_map(request, "querystring"));
        let response = self.sub_map(ctx, "responseOverride");
        self.gw.response = Some(response);
        self.gw.response_header = Some(self.sub_map(response, "header"));
        self.vars.insert("context".into(), context);
        let input = self.input;
        let stage = self.string_map(&input.stage_variables, false);
        self.vars.insert("stageVariables".into(), stage);
    }

    /// A new empty map set as `parent.name`.
    fn sub_map(&mut self, parent: MapId, name: &str) -> MapId {
        let id = self.new_map(false);
        self.heap
            .map_mut(parent)
            .put(Key::Str(name.into()), Value::str(name), Value::Map(id));
        id
    }

    fn string_map(&mut self, from: &BTreeMap<String, String>, case_insensitive: bool) -> Value {
        let mut map = MapObj::new(case_insensitive);
        for (k, v) in from {
            let key = Value::str(k);
            map.put(Key::Str(k.as_str().into()), key, Value::str(v));
        }
        Value::Map(self.heap.new_map(map))
    }

    /// `#set` on an override: once per parameter, and a status must be a status.
    pub(crate) fn check_override(&mut self, id: MapId, key: &str, value: &Value) -> R<()> {
        let name = if Some(id) == self.gw.response {
            format!("responseOverride.{key}")
        } else if Some(id) == self.gw.response_header {
            format!("responseOverride.header.{key}")
        } else if Some(id) == self.gw.request_header {
            format!("requestOverride.header.{key}")
        } else if Some(id) == self.gw.request_path {
            format!("requestOverride.path.{key}")
        } else {
            format!("requestOverride.querystring.{key}")
        };
        if Some(id) == self.gw.response && key == "status" && status_of(value).is_none() {
            let shown = self.display(value)?;
            return self.fail(format!(
                "$context.responseOverride.status must be an HTTP status from 100 to 599, not {shown:?}"
            ));
        }
        if !self.gw.assigned.insert((id, key.to_string())) {
            return self.fail(format!(
                "$context.{name} is overridden twice: API Gateway applies an override once (and answers 5XX otherwise)"
            ));
        }
        Ok(())
    }

    /// What `#set($context.…Override…)` left, once the template has run.
    pub(crate) fn overrides(&mut self) -> R<Overrides> {
        let mut o = Overrides::default();
        if let Some(resp) = self.gw.response {
            o.response_status = self
                .heap
                .map(resp)
                .get(Key::Str("status".into()))
                .and_then(status_of);
        }
        o.response_headers = self.map_strings(self.gw.response_header)?;
        o.request_headers = self.map_strings(self.gw.request_header)?;
        o.request_path = self.map_strings(self.gw.request_path)?;
        o.request_querystring = self.map_strings(self.gw.request_querystring)?;
        Ok(o)
    }

    fn map_strings(&mut self, id: Option<MapId>) -> R<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        let Some(id) = id else { return Ok(out) };
        let m = self.heap.map(id);
        let pairs: Vec<(Value, Value)> =
            m.keys.iter().cloned().zip(m.vals.iter().cloned()).collect();
        for (k, v) in pairs {
            if v.is_null() {
                continue;
            }
            let (k, v) = (self.display(&k)?, self.display(&v)?);
            out.insert(k, v);
        }
        Ok(out)
    }

    /// `$input.body`: the payload as it came (`{}` when empty).
    pub(crate) fn input_body(&mut self) -> R<Value> {
        if let Some(text) = &self.body_text {
            return Ok(Value::Str(text.clone()));
        }
        let body = &self.input.body;
        let text: std::rc::Rc<str> = if body.is_empty() {
            "{}".into()
        } else {
            body.as_str().into()
        };
        self.alloc(text.len())?;
        self.body_text = Some(text.clone());
        Ok(Value::Str(text))
    }

    /// The payload as a value, parsed once per rendering.
    fn body_value(&mut self) -> R<Value> {
        if self.body.is_none() {
            let text = self.input.body.trim();
            self.work(text.len())?;
            let parsed = if text.is_empty() {
                Ok(Value::Map(self.new_map(false)))
            } else {
                match json::parse(text) {
                    Ok(j) => {
                        let (v, bytes) = json::to_value(j, &mut self.heap);
                        self.alloc(bytes)?;
                        Ok(v)
                    }
                    Err(e) if text.starts_with(['{', '[']) => {
                        Err(format!("Could not process payload: {e}"))
                    }
                    Err(_) => Ok(Value::str(&self.input.body)),
                }
            };
            self.body = Some(parsed);
        }
        match &self.body {
            Some(Ok(v)) => Ok(v.clone()),
            Some(Err(e)) => {
                let e = e.clone();
                self.fail(e)
            }
            None => Ok(Value::Null),
        }
    }

    fn select(&mut self, path: &Value) -> R<Selected> {
        if path.is_null() {
            return self.fail("NullPointerException: the JSONPath is null");
        }
        let text = self.display(path)?;
        let parsed = match jsonpath::parse(&text) {
            Ok(p) => p,
            Err(e) => return self.fail(format!("JSONPath {text:?}: {e}")),
        };
        let root = self.body_value()?;
        let mut budget: u64 = 1 << 20;
        let selected = jsonpath::select(&parsed, &root, &self.heap, &mut budget);
        self.step((1 << 20) - budget)?;
        Ok(selected)
    }

    /// `$input.json(x)`: the selection as JSON text.
    pub(crate) fn input_json(&mut self, path: &Value) -> R<Value> {
        let text = match self.select(path)? {
            Selected::One(Some(v)) => self.json_text(&v)?,
            Selected::One(None) => "null".to_string(),
            Selected::Many(items) => {
                let list = Value::List(self.heap.new_list(items, true));
                self.json_text(&list)?
            }
        };
        self.alloc(text.len())?;
        Ok(Value::string(text))
    }

    /// `$input.path(x)`: the selection as a value (objects are maps, arrays lists).
    pub(crate) fn input_path(&mut self, path: &Value) -> R<Value> {
        Ok(match self.select(path)? {
            Selected::One(v) => v.unwrap_or(Value::Null),
            Selected::Many(items) => {
                self.alloc(ITEM_COST * items.len() + OBJECT_COST)?;
                Value::List(self.heap.new_list(items, true))
            }
        })
    }

    /// `$input.params()`: `{path={…}, header={…}, querystring={…}}`, header names without case.
    pub(crate) fn params_map(&mut self) -> Value {
        if let Some(p) = &self.params {
            return p.clone();
        }
        let input = self.input;
        let path = self.string_map(&input.path, false);
        let header = self.string_map(&input.header, true);
        let query = self.string_map(&input.querystring, false);
        let mut map = MapObj::new(false);
        for (name, v) in [("path", path), ("header", header), ("querystring", query)] {
            map.put(Key::Str(name.into()), Value::str(name), v);
        }
        let v = Value::Map(self.heap.new_map(map));
        self.params = Some(v.clone());
        v
    }

    /// `$input.params(x)`: path, then query string, then header (without case); else `""`.
    pub(crate) fn param(&mut self, name: &Value) -> R<Value> {
        if name.is_null() {
            return Ok(Value::str(""));
        }
        let name = self.display(name)?;
        let input = self.input;
        let found = input
            .path
            .get(&name)
            .or_else(|| input.querystring.get(&name))
            .or_else(|| {
                input
                    .header
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&name))
                    .map(|(_, v)| v)
            });
        Ok(Value::str(found.map_or("", String::as_str)))
    }

    /// `$util.f(x)`; a null argument gives null.
    pub(crate) fn util(&mut self, f: UtilFn, arg: &Value) -> R<Value> {
        if arg.is_null() {
            return Ok(Value::Null);
        }
        let s = self.display(arg)?;
        self.work(s.len())?;
        let result = match f {
            UtilFn::EscapeJavaScript => Ok(util::escape_javascript(&s)),
            UtilFn::UrlEncode => Ok(util::url_encode(&s)),
            UtilFn::UrlDecode => util::url_decode(&s).map_err(|e| format!("$util.urlDecode: {e}")),
            UtilFn::Base64Encode => Ok(util::base64_encode(&s)),
            UtilFn::Base64Decode => {
                util::base64_decode(&s).map_err(|e| format!("$util.base64Decode: {e}"))
            }
            UtilFn::ParseJson => {
                return match json::parse(&s) {
                    Ok(j) => {
                        let (v, bytes) = json::to_value(j, &mut self.heap);
                        self.alloc(bytes)?;
                        Ok(v)
                    }
                    Err(e) => self.fail(format!("$util.parseJson: invalid JSON: {e}")),
                };
            }
        };
        match result {
            Ok(text) => {
                if text.len() > self.max_output {
                    return self.fail(format!(
                        "a string exceeds {} bytes (Limits::max_output_bytes)",
                        self.max_output
                    ));
                }
                self.alloc(text.len())?;
                Ok(Value::string(text))
            }
            Err(e) => self.fail(e),
        }
    }
}
