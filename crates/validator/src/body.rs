//! Bodies: choosing the media type, then reading JSON, form, multipart, text or binary content
//! into a value the schema can judge.

use serde_json::{Map, Value};

use crate::params::{coerce, decode, Shape, Types};

/// The media type essence (`type/subtype`, lower case) and its parameters.
pub(crate) fn parse_content_type(ct: &str) -> (String, Vec<(String, String)>) {
    let mut parts = ct.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let params = parts
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    (essence, params)
}

/// The essence of a Content-Type without allocating when it is already lower case.
pub(crate) fn essence_of(ct: &str) -> std::borrow::Cow<'_, str> {
    let e = ct.split(';').next().unwrap_or("").trim();
    if e.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(e.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(e)
    }
}

/// Picks the content map entry (by its essence) that serves `essence`: an exact match, then
/// `type/*`, then `*/*`.
pub(crate) fn select(essences: &[String], essence: &str) -> Option<usize> {
    if let Some(i) = essences.iter().position(|k| k == essence) {
        return Some(i);
    }
    let major = essence.split('/').next().unwrap_or("");
    if let Some(i) = essences
        .iter()
        .position(|k| k.strip_suffix("/*") == Some(major))
    {
        return Some(i);
    }
    essences.iter().position(|k| k == "*/*")
}

/// How a media type's content is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

pub(crate) fn kind_of(essence: &str) -> Kind {
    if essence == "application/json" || essence.ends_with("+json") {
        Kind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        Kind::Form
    } else if essence.starts_with("multipart/") {
        Kind::Multipart
    } else if essence.starts_with("text/")
        || essence.ends_with("+xml")
        || essence == "application/xml"
    {
        Kind::Text
    } else {
        Kind::Binary
    }
}

/// Per-property encoding of form and multipart bodies.
#[derive(Clone, Debug, Default)]
pub(crate) struct FieldEncoding {
    pub name: String,
    pub content_type: Option<String>,
    pub style: Option<String>,
    pub explode: Option<bool>,
}

/// A form body as an object, each field coerced to its property's types.
pub(crate) fn form(
    body: &str,
    shape: &Shape,
    enc: &[FieldEncoding],
    schema_props: &[(String, Shape)],
) -> Value {
    let mut m: Map<String, Value> = Map::new();
    let pairs = crate::params::query_pairs(body);
    // Lookups by name: a scan per field would be O(fields x properties).
    let schema_props = first_by_name(schema_props.iter().map(|(n, s)| (n.as_str(), s)));
    let enc = first_by_name(enc.iter().map(|e| (e.name.as_str(), e)));
    let shape_props = first_by_name(shape.props.iter().map(|(n, t)| (n.as_str(), t)));
    for (k, v, _) in &pairs {
        let prop = schema_props.get(k.as_str()).copied();
        let e = enc.get(k.as_str()).copied();
        let is_array =
            prop.is_some_and(|p| p.types.has(Types::ARRAY) && !p.types.has(Types::OBJECT));
        if is_array {
            let items = prop.map_or(Types::ANY, |p| p.items);
            let explode = e.and_then(|e| e.explode).unwrap_or(true);
            let entry = m
                .entry(k.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(a) = entry {
                if explode {
                    a.push(coerce(v, items));
                } else {
                    let delim = match e.and_then(|e| e.style.as_deref()) {
                        Some("spaceDelimited") => ' ',
                        Some("pipeDelimited") => '|',
                        _ => ',',
                    };
                    a.extend(v.split(delim).map(|x| coerce(x, items)));
                }
            }
        } else {
            let t = prop.map_or_else(
                || shape_props.get(k.as_str()).map_or(Types::ANY, |t| **t),
                |p| p.types,
            );
            let value = if e
                .and_then(|e| e.content_type.as_deref())
                .is_some_and(|c| kind_of(&parse_content_type(c).0) == Kind::Json)
            {
                serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.clone()))
            } else {
                coerce(v, t)
            };
            m.insert(k.clone(), value);
        }
    }
    Value::Object(m)
}

/// A map from name to the first item of that name (what a linear `find` would return).
pub(crate) fn first_by_name<'a, T>(
    items: impl Iterator<Item = (&'a str, T)>,
) -> std::collections::HashMap<&'a str, T> {
    let mut m = std::collections::HashMap::new();
    for (k, v) in items {
        m.entry(k).or_insert(v);
    }
    m
}

/// One part of a multipart body.
struct Part<'a> {
    name: String,
    content_type: Option<String>,
    data: &'a [u8],
}

/// The first `needle` at or after `from`: linear in the bytes searched plus the needle (two-way
/// search; a naive scan is O(body x boundary), minutes for a hostile body).
fn find(finder: &memchr::memmem::Finder<'_>, hay: &[u8], from: usize) -> Option<usize> {
    finder.find(hay.get(from..)?).map(|i| i + from)
}

fn parts<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<Part<'a>>, String> {
    let delim = format!("--{boundary}");
    let d = delim.as_bytes();
    let first = memchr::memmem::Finder::new(d);
    let crlf_delim = format!("\r\n{delim}");
    let next_delim = memchr::memmem::Finder::new(crlf_delim.as_bytes());
    let crlf = memchr::memmem::Finder::new(b"\r\n");
    let blank = memchr::memmem::Finder::new(b"\r\n\r\n");
    let mut out = Vec::new();
    let Some(mut pos) = find(&first, body, 0) else {
        return Err(format!("no part boundary {delim:?} in the body"));
    };
    loop {
        pos += d.len();
        if body[pos..].starts_with(b"--") {
            return Ok(out);
        }
        let head_start = find(&crlf, body, pos).ok_or("truncated part")? + 2;
        // The headers end before the next boundary: searching past it would rescan the body.
        let next = find(&next_delim, body, head_start.saturating_sub(2))
            .ok_or("part is not terminated by the boundary")?;
        let head_end = if body.get(head_start..head_start + 2) == Some(b"\r\n") {
            // A part with no headers at all.
            Some((head_start, 2))
        } else {
            find(&blank, &body[..(next + 2).min(body.len())], head_start).map(|i| (i, 4))
        };
        let (head_end, sep) = head_end.ok_or("part headers are not terminated")?;
        let headers = String::from_utf8_lossy(&body[head_start..head_end]);
        let data = &body[(head_end + sep).min(next)..next];
        let mut name = None;
        let mut content_type = None;
        for line in headers.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            if k.trim().eq_ignore_ascii_case("content-disposition") {
                for p in v.split(';') {
                    if let Some(n) = p.trim().strip_prefix("name=") {
                        name = Some(n.trim_matches('"').to_string());
                    }
                }
            } else if k.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(v.trim().to_string());
            }
        }
        out.push(Part {
            name: name.ok_or("a part has no name in Content-Disposition")?,
            content_type,
            data,
        });
        pos = next + 2;
    }
}

/// A multipart/form-data body as an object.
pub(crate) fn multipart(
    body: &[u8],
    boundary: &str,
    enc: &[FieldEncoding],
    props: &[(String, Shape)],
) -> Result<Value, String> {
    let mut m: Map<String, Value> = Map::new();
    let props = first_by_name(props.iter().map(|(n, s)| (n.as_str(), s)));
    let enc = first_by_name(enc.iter().map(|e| (e.name.as_str(), e)));
    for p in parts(body, boundary)? {
        let prop = props.get(p.name.as_str()).copied();
        let declared = enc
            .get(p.name.as_str())
            .and_then(|e| e.content_type.clone());
        let ct = p
            .content_type
            .clone()
            .or(declared)
            .unwrap_or_else(|| "text/plain".into());
        let kind = kind_of(&parse_content_type(&ct).0);
        let is_array =
            prop.is_some_and(|s| s.types.has(Types::ARRAY) && !s.types.has(Types::OBJECT));
        let target = prop.map_or(Types::ANY, |s| if is_array { s.items } else { s.types });
        let value = match kind {
            Kind::Json => serde_json::from_slice(p.data)
                .map_err(|e| format!("part {:?} is not valid JSON: {e}", p.name))?,
            Kind::Text | Kind::Form => coerce(&String::from_utf8_lossy(p.data), target),
            _ => match std::str::from_utf8(p.data) {
                Ok(s) if target.has(Types::STRING) => Value::String(s.to_string()),
                // Binary content: a string stands for it (its bytes are not judged).
                _ => Value::String(String::new()),
            },
        };
        if is_array {
            let entry = m
                .entry(p.name.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(a) = entry {
                a.push(value);
            }
        } else {
            m.insert(p.name.clone(), value);
        }
    }
    Ok(Value::Object(m))
}

/// A text body, coerced when its schema wants a number or boolean.
pub(crate) fn text(body: &[u8], shape: &Shape) -> Result<Value, String> {
    let s = std::str::from_utf8(body).map_err(|e| format!("the body is not valid UTF-8: {e}"))?;
    Ok(coerce(&decode(s, false), shape.types))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn media_type_ranges() {
        let keys: Vec<String> = ["application/json", "text/*", "*/*"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(select(&keys, "application/json"), Some(0));
        assert_eq!(select(&keys, "text/csv"), Some(1));
        assert_eq!(select(&keys, "image/png"), Some(2));
        assert_eq!(kind_of("application/problem+json"), Kind::Json);
        assert_eq!(
            parse_content_type("Multipart/Form-Data; boundary=\"x y\"").1[0].1,
            "x y"
        );
    }

    #[test]
    fn multipart_fields() {
        let body = b"--b\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n42\r\n--b\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\r\n--b--\r\n";
        let props = vec![(
            "id".to_string(),
            Shape {
                types: Types::INTEGER,
                ..Shape::default()
            },
        )];
        let v = multipart(body, "b", &[], &props).unwrap();
        assert_eq!(v, json!({"id": 42, "meta": {"a": 1}, "file": "\u{0}\u{1}"}));
    }
}
