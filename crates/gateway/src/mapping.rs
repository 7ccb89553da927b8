//! Mapping templates (`requestTemplates`, `responseTemplates`, gateway responses' templates) and
//! parameter mappings (`requestParameters`, `responseParameters`).
//!
//! Templates are Velocity (oaskit-vtl), parsed once when the definition is prepared (an
//! unsupported construct is a located error then, not at request time) and rendered per
//! request. Integration URIs only substitute `${stageVariables.name}` and `$context.*`
//! references ([`substitute`]).

use std::collections::BTreeMap;

use serde_json::Value;

/// What a template can read.
#[derive(Clone, Debug, Default)]
pub(crate) struct Input {
    pub body: String,
    pub path: BTreeMap<String, String>,
    pub querystring: BTreeMap<String, String>,
    pub header: BTreeMap<String, String>,
    pub context: Value,
    pub stage_variables: BTreeMap<String, String>,
}

/// What a template rendered, and what it set besides its output (`$context.*Override.*`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Rendered {
    pub output: String,
    pub status: Option<u16>,
    pub headers: BTreeMap<String, String>,
    pub request_headers: BTreeMap<String, String>,
    pub request_querystring: BTreeMap<String, String>,
}

/// Renders a parsed template over `input`.
pub(crate) fn render_template(
    template: &oaskit_vtl::Template,
    input: &Input,
) -> Result<Rendered, String> {
    let vin = oaskit_vtl::Input {
        body: input.body.clone(),
        path: input.path.clone(),
        querystring: input.querystring.clone(),
        header: input.header.clone(),
        context: input.context.clone(),
        stage_variables: input.stage_variables.clone(),
    };
    let r = template.render(&vin).map_err(|e| e.to_string())?;
    Ok(Rendered {
        output: r.output,
        status: r.overrides.response_status,
        headers: r.overrides.response_headers,
        request_headers: r.overrides.request_headers,
        request_querystring: r.overrides.request_querystring,
    })
}

/// Fills the `$context.*`, `$stageVariables.*` (also `${...}`), `$input.params('x')`,
/// `$input.body` and `$input.json('$')` references of a text that is not a template (an
/// integration URI).
pub(crate) fn substitute(template: &str, input: &Input) -> Result<Rendered, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (value, used) = reference(rest, input);
        match value {
            Some(v) => {
                out.push_str(&v);
                rest = &rest[used..];
            }
            None => {
                out.push('$');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(Rendered {
        output: out,
        ..Rendered::default()
    })
}

/// The value of the reference at the start of `s` and how many bytes it took.
fn reference(s: &str, input: &Input) -> (Option<String>, usize) {
    let braced = s.starts_with("${");
    let start = if braced { 2 } else { 1 };
    let body = &s[start..];
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let name = body[..end].trim_end_matches('.');
    let mut used = start + name.len();
    // $input.params('x'), $input.json('$')
    if let Some(call) = body[name.len()..].strip_prefix("('") {
        if let Some(close) = call.find("')") {
            let arg = &call[..close];
            used += 2 + close + 2;
            let v = match name {
                "input.params" => input
                    .path
                    .get(arg)
                    .or_else(|| input.querystring.get(arg))
                    .or_else(|| {
                        input
                            .header
                            .iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(arg))
                            .map(|(_, v)| v)
                    })
                    .cloned()
                    .or(Some(String::new())),
                "input.json" if arg == "$" => Some(if input.body.is_empty() {
                    "{}".to_string()
                } else {
                    input.body.clone()
                }),
                _ => None,
            };
            if braced {
                used += usize::from(s[used..].starts_with('}'));
            }
            return (v, used);
        }
    }
    if braced {
        if !s[used..].starts_with('}') {
            return (None, 0);
        }
        used += 1;
    }
    if name == "input.body" {
        return (Some(input.body.clone()), used);
    }
    if let Some(v) = name.strip_prefix("stageVariables.") {
        return (input.stage_variables.get(v).cloned(), used);
    }
    if let Some(path) = name.strip_prefix("context.") {
        // `messageString` is the message as a quoted JSON string.
        let (path, quoted) = match path.strip_suffix("String") {
            Some(p) if p.ends_with("message") => (p, true),
            _ => (path, false),
        };
        let mut v = &input.context;
        for part in path.split('.') {
            match v.get(part) {
                Some(x) => v = x,
                None => return (Some(String::new()), used),
            }
        }
        let text = match v {
            Value::String(s) if quoted => Value::String(s.clone()).to_string(),
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        return (Some(text), used);
    }
    (None, 0)
}

/// The value of a mapping expression of `requestParameters` / `responseParameters`:
/// `'literal'`, `method.request.{path,querystring,header}.NAME`, `stageVariables.NAME`,
/// `context.NAME`, `integration.response.header.NAME`, `integration.response.body`.
pub(crate) fn parameter(
    expr: &str,
    input: &Input,
    response_headers: &[(String, String)],
    response_body: &str,
) -> Option<String> {
    let expr = expr.trim();
    if let Some(lit) = expr.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')) {
        return Some(lit.to_string());
    }
    let get = |m: &BTreeMap<String, String>, k: &str, ci: bool| {
        m.iter()
            .find(|(x, _)| {
                if ci {
                    x.eq_ignore_ascii_case(k)
                } else {
                    *x == k
                }
            })
            .map(|(_, v)| v.clone())
    };
    if let Some(k) = expr.strip_prefix("method.request.path.") {
        return get(&input.path, k, false);
    }
    if let Some(k) = expr
        .strip_prefix("method.request.querystring.")
        .or_else(|| expr.strip_prefix("method.request.multivaluequerystring."))
    {
        return get(&input.querystring, k, false);
    }
    if let Some(k) = expr
        .strip_prefix("method.request.header.")
        .or_else(|| expr.strip_prefix("method.request.multivalueheader."))
    {
        return get(&input.header, k, true);
    }
    if let Some(k) = expr.strip_prefix("stageVariables.") {
        return input.stage_variables.get(k).cloned();
    }
    if let Some(k) = expr.strip_prefix("context.") {
        let mut v = &input.context;
        for part in k.split('.') {
            v = v.get(part)?;
        }
        return Some(v.as_str().map_or_else(|| v.to_string(), str::to_string));
    }
    if let Some(k) = expr.strip_prefix("integration.response.header.") {
        return response_headers
            .iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone());
    }
    if expr == "integration.response.body" {
        return Some(response_body.to_string());
    }
    if let Some(path) = expr.strip_prefix("integration.response.body.") {
        let v: Value = serde_json::from_str(response_body).ok()?;
        let mut cur = &v;
        for part in path.split('.') {
            cur = cur.get(part)?;
        }
        return Some(cur.as_str().map_or_else(|| cur.to_string(), str::to_string));
    }
    None
}

/// The status a MOCK integration's request template selects: its `statusCode`.
pub(crate) fn status_code(output: &str) -> Option<u16> {
    let v: Value = serde_json::from_str(output.trim()).ok()?;
    match v.get("statusCode")? {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_parameters_are_filled() {
        let mut input = Input {
            context: serde_json::json!({"requestId": "r1", "error": {"message": "Forbidden"}}),
            ..Input::default()
        };
        input.querystring.insert("q".into(), "1".into());
        input
            .stage_variables
            .insert("backend".into(), "http://b".into());
        let r = substitute("{\"message\":$context.error.messageString,\"id\":\"$context.requestId\",\"q\":\"$input.params('q')\",\"b\":\"${stageVariables.backend}\"}", &input).expect("renders");
        assert_eq!(
            r.output,
            r#"{"message":"Forbidden","id":"r1","q":"1","b":"http://b"}"#
        );
        assert_eq!(status_code(r#"{"statusCode": 200}"#), Some(200));
        assert_eq!(parameter("'*'", &input, &[], ""), Some("*".into()));
        assert_eq!(
            parameter("method.request.querystring.q", &input, &[], ""),
            Some("1".into())
        );
    }
}
