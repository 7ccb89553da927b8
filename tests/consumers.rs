//! Every consumer sees the API the view sees: code generation, the validator and the Postman
//! exporter agree with `oaskit_core::api` on the effective parameters, request bodies and
//! responses of every operation of every definition in `shared/specs`.

use std::collections::BTreeSet;

use oaskit_core::api::{Api, Method, Operation, ParamLocation};
use serde_json::Value;

/// The parameters a consumer can see: path, query, header and cookie (3.2's `querystring` is
/// the whole query string, which no consumer treats as one named parameter yet).
fn view_params(op: &Operation<'_>) -> BTreeSet<(String, String)> {
    op.parameters
        .iter()
        .filter(|p| p.location != ParamLocation::QueryString)
        .map(|p| (p.location.as_str().to_string(), p.name.to_string()))
        .collect()
}

fn view_responses(op: &Operation<'_>) -> Vec<String> {
    op.responses.iter().map(|r| r.key.to_string()).collect()
}

/// The Postman requests of a collection, by `METHOD /template`.
fn postman_requests(items: &Value, out: &mut Vec<(String, Value)>) {
    for item in items.as_array().into_iter().flatten() {
        if let Some(req) = item.get("request") {
            let segments: Vec<String> = req["url"]["path"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|s| match s.strip_prefix(':') {
                    Some(v) => format!("{{{v}}}"),
                    None => s.replace("{{", "{").replace("}}", "}"),
                })
                .collect();
            let key = format!(
                "{} /{}",
                req["method"].as_str().unwrap_or_default(),
                segments.join("/")
            );
            out.push((key, req.clone()));
        } else {
            postman_requests(&item["item"], out);
        }
    }
}

fn postman_params(req: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let names = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["key"].as_str().map(str::to_string))
            .collect()
    };
    for q in names(&req["url"]["query"]) {
        out.insert(("query".into(), q));
    }
    for h in req["header"].as_array().into_iter().flatten() {
        match h["key"].as_str() {
            Some("Content-Type") => {}
            Some("Cookie") => {
                let v = h["value"].as_str().unwrap_or_default();
                let name = v.split_once('=').map_or(v, |(n, _)| n);
                out.insert(("cookie".into(), name.to_string()));
            }
            Some(k) => {
                out.insert(("header".into(), k.to_string()));
            }
            None => {}
        }
    }
    for v in names(&req["url"]["variable"]) {
        out.insert(("path".into(), v));
    }
    // Variables inside a segment are collection variables: `{{Sid}}.json`.
    for seg in req["url"]["path"].as_array().into_iter().flatten() {
        let mut rest = seg.as_str().unwrap_or_default();
        while let Some(i) = rest.find("{{") {
            let Some(j) = rest[i..].find("}}") else { break };
            out.insert(("path".into(), rest[i + 2..i + j].to_string()));
            rest = &rest[i + j + 2..];
        }
    }
    out
}

fn check(path: &std::path::Path) -> Vec<String> {
    let name = oaskit_testkit::rel(path);
    let loaded = oaskit_core::load_file(path, &oaskit_testkit::options_for(path));
    let Some(doc) = loaded.document.as_ref() else {
        return Vec::new();
    };
    let api = Api::new(doc);
    let problems = std::cell::RefCell::new(Vec::new());
    let differ = |what: &str,
                  op: &Operation<'_>,
                  ours: &dyn std::fmt::Debug,
                  theirs: &dyn std::fmt::Debug| {
        problems.borrow_mut().push(format!(
            "{name}: {} {}: {what}: view {ours:?}, consumer {theirs:?}",
            op.method, op.path
        ));
    };

    // Code generation: every operation with a method a client can send, in view order.
    let (model, _) = oaskit_codegen::build(doc);
    let sendable: Vec<&Operation<'_>> = api
        .operations()
        .iter()
        .filter(|o| o.method.http().is_some())
        .collect();
    if model.operations.len() != sendable.len() {
        problems.borrow_mut().push(format!(
            "{name}: codegen has {} operations, the view {}",
            model.operations.len(),
            sendable.len()
        ));
    }
    for (op, gen) in sendable.iter().zip(&model.operations) {
        if (gen.method.as_str(), gen.path.as_str())
            != (op.method.http().unwrap_or_default().as_str(), op.path)
        {
            differ(
                "operation",
                op,
                &(op.method.http(), op.path),
                &(&gen.method, &gen.path),
            );
            continue;
        }
        let theirs: BTreeSet<(String, String)> = gen
            .params
            .iter()
            .map(|p| {
                (
                    format!("{:?}", p.location).to_ascii_lowercase(),
                    p.wire.clone(),
                )
            })
            .collect();
        let mut ours = view_params(op);
        // Codegen sends a `querystring` parameter as a query parameter.
        ours.extend(
            op.parameters
                .iter()
                .filter(|p| p.location == ParamLocation::QueryString)
                .map(|p| ("query".to_string(), p.name.to_string())),
        );
        if ours != theirs {
            differ("codegen parameters", op, &ours, &theirs);
        }
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| b.content.first())
            .map(|m| m.name.to_string());
        if body != gen.body.as_ref().map(|b| b.media_type.clone()) {
            differ(
                "codegen body",
                op,
                &body,
                &gen.body.as_ref().map(|b| &b.media_type),
            );
        }
        let statuses: Vec<String> = op.responses.iter().map(|r| r.status.to_string()).collect();
        let exact: Vec<String> = op
            .responses
            .iter()
            .map(|r| match r.status {
                oaskit_core::api::StatusMatch::Range(..) => r.status.to_string(),
                _ => r.key.to_string(),
            })
            .collect();
        let theirs: Vec<String> = gen.responses.iter().map(|r| r.status.clone()).collect();
        if exact != theirs {
            differ("codegen responses", op, &statuses, &theirs);
        }
    }

    // The validator: every operation, in view order.
    let validator = oaskit_validator::Validator::with_options(
        doc,
        &oaskit_validator::Options::new().with_lazy_compilation(true),
    );
    match validator {
        Ok(v) => {
            let checks = v.checks();
            if checks.len() != api.operations().len() {
                problems.borrow_mut().push(format!(
                    "{name}: the validator has {} operations, the view {}",
                    checks.len(),
                    api.operations().len()
                ));
            }
            for (op, c) in api.operations().iter().zip(&checks) {
                let theirs: BTreeSet<(String, String)> = c.parameters.iter().cloned().collect();
                let ours = view_params(op);
                if ours != theirs {
                    differ("validator parameters", op, &ours, &theirs);
                }
                let body: Vec<String> = op
                    .request_body
                    .iter()
                    .flat_map(|b| b.content.iter().map(|m| m.name.to_string()))
                    .collect();
                if body != c.body_media_types {
                    differ("validator body", op, &body, &c.body_media_types);
                }
                if view_responses(op) != c.response_keys {
                    differ(
                        "validator responses",
                        op,
                        &view_responses(op),
                        &c.response_keys,
                    );
                }
            }
        }
        Err(e) => problems
            .borrow_mut()
            .push(format!("{name}: the validator was not built: {e}")),
    }

    // Postman: one request per operation with a method Postman has.
    let postman = oaskit_export::export(
        doc,
        &oaskit_export::ExportOptions::new(oaskit_export::Target::Postman21),
    );
    if let Ok(out) = postman {
        let mut requests = Vec::new();
        postman_requests(&out.collection.expect("collection")["item"], &mut requests);
        let carried: Vec<&Operation<'_>> = api
            .operations()
            .iter()
            .filter(|o| matches!(o.method, Method::Fixed(m) if !matches!(m, "trace" | "query")))
            .collect();
        if requests.len() != carried.len() {
            problems.borrow_mut().push(format!(
                "{name}: Postman has {} requests, the view {}",
                requests.len(),
                carried.len()
            ));
        }
        for op in carried {
            let key = format!("{} {}", op.method, op.path);
            let Some((_, req)) = requests.iter().find(|(k, _)| *k == key) else {
                differ("postman request", op, &key, &"missing");
                continue;
            };
            let theirs = postman_params(req);
            // Postman names every template variable, declared or not.
            let mut ours = view_params(op);
            let mut rest = op.path;
            while let Some(i) = rest.find('{') {
                let Some(j) = rest[i..].find('}') else { break };
                ours.insert(("path".into(), rest[i + 1..i + j].to_string()));
                rest = &rest[i + j + 1..];
            }
            if ours != theirs {
                differ("postman parameters", op, &ours, &theirs);
            }
            let body = op
                .request_body
                .as_ref()
                .and_then(|b| b.content.first())
                .map(|m| m.name.to_string());
            let theirs = req["header"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|h| h["key"] == "Content-Type")
                .and_then(|h| h["value"].as_str())
                .map(str::to_string);
            if body != theirs {
                differ("postman body", op, &body, &theirs);
            }
        }
    }
    problems.into_inner()
}

#[test]
fn codegen_the_validator_and_postman_see_the_api_the_view_sees() {
    let corpus = oaskit_testkit::corpus();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let problems = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..std::thread::available_parallelism().map_or(2, |n| n.get().min(4)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = corpus.get(i) else { break };
                let found = check(path);
                problems.lock().expect("lock").extend(found);
            });
        }
    });
    let problems = problems.into_inner().expect("lock");
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The document of the issue that asked for the view: the operation's optional `X-Trace`
/// header replaces the path item's required `x-trace` (header names are case-insensitive).
const OVERRIDE: &str = r"openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    parameters: [{name: x-trace, in: header, required: true, schema: {type: integer}}]
    get:
      parameters: [{name: X-Trace, in: header, required: false, schema: {type: string}}]
      responses: {'200': {description: ok}}
";

#[test]
fn an_operation_header_replaces_the_path_items_in_every_consumer() {
    let loaded = oaskit_core::load_str("api.yaml", OVERRIDE, &oaskit_core::LoadOptions::new());
    let doc = loaded.document.as_ref().expect("document");
    let (model, _) = oaskit_codegen::build(doc);
    let params = &model.operations[0].params;
    assert_eq!(params.len(), 1, "{params:?}");
    assert_eq!(
        (params[0].wire.as_str(), params[0].required),
        ("X-Trace", false)
    );
    for lang in oaskit_codegen::Language::ALL {
        let files = lang.generate(&model, "t");
        let text: String = files.iter().map(|f| f.contents.as_str()).collect();
        assert_eq!(
            text.matches("\"X-Trace\"").count() + text.matches("'X-Trace'").count(),
            1,
            "{lang}: the header is sent once, under the operation's name"
        );
        assert!(
            !text.contains("x-trace\""),
            "{lang}: the path item's header is gone"
        );
    }
    let v = oaskit_validator::Validator::new(doc).expect("validator");
    v.validate_request(&oaskit_validator::Request::new("GET", "/a"))
        .assert_valid();
    v.validate_request(
        &oaskit_validator::Request::new("GET", "/a").header("x-trace", "not a number"),
    )
    .assert_valid();
    let out = oaskit_export::export(
        doc,
        &oaskit_export::ExportOptions::new(oaskit_export::Target::Postman21),
    )
    .expect("postman");
    let headers = &out.collection.expect("collection")["item"][0]["request"]["header"];
    assert_eq!(headers.as_array().map(Vec::len), Some(1), "{headers}");
    assert_eq!(headers[0]["key"], "X-Trace");
}

/// API Gateway's any-method: the validator routes every method to it; the SDKs say they have
/// no method for it instead of silently having fewer methods than the API has routes.
#[test]
fn any_method_routes_in_the_validator_and_is_named_by_codegen() {
    let text = r"openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /{proxy+}:
    x-amazon-apigateway-any-method:
      parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
    get:
      parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
";
    let loaded = oaskit_core::load_str("api.yaml", text, &oaskit_core::LoadOptions::new());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let doc = loaded.document.as_ref().expect("document");
    let (model, diags) = oaskit_codegen::build(doc);
    assert_eq!(model.operations.len(), 1);
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["operation-skipped"]);
    let v = oaskit_validator::Validator::new(doc).expect("validator");
    for method in ["GET", "DELETE", "PATCH"] {
        let r = v.validate_request(&oaskit_validator::Request::new(method, "/anything"));
        assert!(r.is_valid(), "{method}: {r}");
    }
    let r = v.validate_request(&oaskit_validator::Request::new("DELETE", "/x"));
    assert_eq!(r.operation.as_deref(), Some("ANY /{proxy+}"));
}
