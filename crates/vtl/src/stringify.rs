//! Values as text: Java's `toString` (what a reference renders) and JSON (what
//! `$input.json()` returns).
//!
//! As API Gateway shows them: a map prints as `{key=value, …}` (a `LinkedHashMap`), a list
//! built by the template as `[a, b]` (an `ArrayList`), and a list read from JSON as compact JSON
//! (json-smart's `JSONArray`), so `$input.path('$')` of `{"a":1,"b":[{"c":5}]}` prints
//! `{a=1, b=[{"c":5}]}`.

use crate::eval::{Renderer, R, VALUE_DEPTH};
use crate::number::java_double;
use crate::value::{range_at, range_len, Value};

impl Renderer<'_> {
    /// Java's `toString` of a value.
    pub(crate) fn display(&mut self, v: &Value) -> R<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Null => Ok("null".into()),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Int(n) => Ok(n.to_string()),
            Value::Float(f) => Ok(java_double(*f)),
            _ => {
                let mut out = String::new();
                self.write_display(v, &mut out, 0)?;
                Ok(out)
            }
        }
    }

    fn write_display(&mut self, v: &Value, out: &mut String, depth: usize) -> R<()> {
        if depth > VALUE_DEPTH {
            return self.fail("values nest too deeply to print");
        }
        self.step(1)?;
        match v {
            Value::Null => self.emit(out, "null"),
            Value::Bool(b) => self.emit(out, if *b { "true" } else { "false" }),
            Value::Int(n) => self.emit(out, &n.to_string()),
            Value::Float(f) => self.emit(out, &java_double(*f)),
            Value::Str(s) => {
                let s = s.clone();
                self.emit(out, &s)
            }
            Value::List(id) if self.heap.list(*id).json => self.write_json(v, out, depth),
            Value::List(_) | Value::Range(..) => {
                self.emit(out, "[")?;
                let len = self.len_of(v);
                for i in 0..len {
                    if i > 0 {
                        self.emit(out, ", ")?;
                    }
                    let item = self.nth(v, i);
                    self.write_display(&item, out, depth + 1)?;
                }
                self.emit(out, "]")
            }
            Value::Map(id) => {
                let id = *id;
                self.emit(out, "{")?;
                let len = self.heap.map(id).len();
                for i in 0..len {
                    let (Some(k), Some(val)) = (
                        self.heap.map(id).keys.get(i).cloned(),
                        self.heap.map(id).vals.get(i).cloned(),
                    ) else {
                        break;
                    };
                    if i > 0 {
                        self.emit(out, ", ")?;
                    }
                    self.write_display(&k, out, depth + 1)?;
                    self.emit(out, "=")?;
                    self.write_display(&val, out, depth + 1)?;
                }
                self.emit(out, "}")
            }
            Value::Entry(e) => {
                let e = e.clone();
                self.write_display(&e.0, out, depth + 1)?;
                self.emit(out, "=")?;
                self.write_display(&e.1, out, depth + 1)
            }
            Value::Foreach(l) => {
                let text = format!("ForeachScope[index={}]", l.index);
                self.emit(out, &text)
            }
            Value::Block(body) => {
                let body = body.clone();
                self.descend()?;
                self.render_nodes(&body, out)?;
                self.ascend();
                Ok(())
            }
        }
    }

    fn len_of(&self, v: &Value) -> usize {
        match v {
            Value::List(id) => self.heap.list(*id).items.len(),
            Value::Range(a, b) => usize::try_from(range_len(*a, *b)).unwrap_or(usize::MAX),
            _ => 0,
        }
    }

    fn nth(&self, v: &Value, i: usize) -> Value {
        match v {
            Value::List(id) => self
                .heap
                .list(*id)
                .items
                .get(i)
                .cloned()
                .unwrap_or(Value::Null),
            Value::Range(a, b) => Value::Int(range_at(*a, *b, i as u64)),
            _ => Value::Null,
        }
    }

    /// The compact JSON text of a value.
    pub(crate) fn json_text(&mut self, v: &Value) -> R<String> {
        let mut out = String::new();
        self.write_json(v, &mut out, 0)?;
        Ok(out)
    }

    fn write_json(&mut self, v: &Value, out: &mut String, depth: usize) -> R<()> {
        if depth > VALUE_DEPTH {
            return self.fail("values nest too deeply to write as JSON");
        }
        self.step(1)?;
        match v {
            Value::Null => self.emit(out, "null"),
            Value::Bool(b) => self.emit(out, if *b { "true" } else { "false" }),
            Value::Int(n) => self.emit(out, &n.to_string()),
            Value::Float(f) => self.emit(out, &java_double(*f)),
            Value::Str(s) => {
                let quoted = json_quote(s);
                self.work(s.len())?;
                self.emit(out, &quoted)
            }
            Value::List(_) | Value::Range(..) => {
                self.emit(out, "[")?;
                let len = self.len_of(v);
                for i in 0..len {
                    if i > 0 {
                        self.emit(out, ",")?;
                    }
                    let item = self.nth(v, i);
                    self.write_json(&item, out, depth + 1)?;
                }
                self.emit(out, "]")
            }
            Value::Map(id) => {
                let id = *id;
                self.emit(out, "{")?;
                let len = self.heap.map(id).len();
                for i in 0..len {
                    let (Some(k), Some(val)) = (
                        self.heap.map(id).keys.get(i).cloned(),
                        self.heap.map(id).vals.get(i).cloned(),
                    ) else {
                        break;
                    };
                    if i > 0 {
                        self.emit(out, ",")?;
                    }
                    let key = self.display(&k)?;
                    self.emit(out, &json_quote(&key))?;
                    self.emit(out, ":")?;
                    self.write_json(&val, out, depth + 1)?;
                }
                self.emit(out, "}")
            }
            Value::Entry(_) | Value::Foreach(_) | Value::Block(_) => {
                let mut text = String::new();
                self.write_display(v, &mut text, depth + 1)?;
                self.emit(out, &json_quote(&text))
            }
        }
    }
}

/// A JSON string literal.
pub(crate) fn json_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
