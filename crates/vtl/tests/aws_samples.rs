//! Every mapping template of the shared corpus's API Gateway documents (`requestTemplates` and
//! `responseTemplates` of their `x-amazon-apigateway-integration` objects, under
//! `specs/aws-apigateway/` and `fragments/aws-apigateway/`, and any `.vtl` / `.vm` file there)
//! parses; the interesting ones render to the output stated here for the stated input.

mod common;

use std::path::{Path, PathBuf};

use common::params_input;
use oaskit_vtl::{Input, Template};

/// A template found in the corpus: file (relative to the shared folder), where in the file,
/// and its text.
struct Found {
    file: String,
    place: String,
    text: String,
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Templates of a JSON document, with a JSON pointer to each.
fn from_json(v: &serde_json::Value, pointer: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, child) in m {
                let here = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                if k == "requestTemplates" || k == "responseTemplates" {
                    if let serde_json::Value::Object(by_type) = child {
                        for (ct, t) in by_type {
                            if let Some(text) = t.as_str() {
                                out.push((
                                    format!("{here}/{}", ct.replace('/', "~1")),
                                    text.to_string(),
                                ));
                            }
                        }
                    }
                } else {
                    from_json(child, &here, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                from_json(item, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Templates of a YAML file (block style, or JSON-like flow style as the guide's fragments
/// use), found line by line: enough for the corpus, and any file that names templates but
/// yields none fails the test below.
fn from_yaml(text: &str, out: &mut Vec<(String, String)>) {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let key = line.trim().trim_start_matches('"');
        if !(key.starts_with("requestTemplates") || key.starts_with("responseTemplates")) {
            i += 1;
            continue;
        }
        let base = indent(line);
        i += 1;
        while i < lines.len() {
            let l = lines[i];
            if l.trim().is_empty() {
                i += 1;
                continue;
            }
            if indent(l) <= base || l.trim().starts_with('}') {
                break;
            }
            let entry = l.trim();
            let place = format!("line {}", i + 1);
            if let Some((_, rest)) = entry
                .split_once(':')
                .filter(|(_, r)| matches!(r.trim(), "|" | "|-" | "|+"))
            {
                // A block scalar: the more indented lines that follow.
                let keep_last_newline = rest.trim() != "|-";
                let own = indent(l);
                let mut body = Vec::new();
                i += 1;
                while i < lines.len() && (lines[i].trim().is_empty() || indent(lines[i]) > own) {
                    body.push(lines[i]);
                    i += 1;
                }
                while body.last().is_some_and(|b| b.trim().is_empty()) {
                    body.pop();
                }
                let strip = body
                    .iter()
                    .filter(|b| !b.trim().is_empty())
                    .map(|b| indent(b))
                    .min()
                    .unwrap_or(0);
                let mut t: String = body
                    .iter()
                    .map(|b| b.get(strip..).unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join("\n");
                if keep_last_newline {
                    t.push('\n');
                }
                out.push((place, t));
                continue;
            }
            // `"type" : "text",` (flow style): the value is a JSON string.
            if let Some(p) = entry.find(": \"").or_else(|| entry.find(":\"")) {
                let value = entry[p + 1..].trim().trim_end_matches(',');
                if let Ok(s) = serde_json::from_str::<String>(value) {
                    out.push((place, s));
                }
            }
            i += 1;
        }
    }
}

fn corpus() -> Vec<Found> {
    let shared = oaskit_testkit::shared();
    let mut files = Vec::new();
    for dir in ["specs/aws-apigateway", "fragments/aws-apigateway"] {
        files_under(&shared.join(dir), &mut files);
    }
    files.sort();
    assert!(
        !files.is_empty(),
        "no API Gateway files under {}",
        shared.display()
    );
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(&shared)
            .unwrap_or(&path)
            .display()
            .to_string();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let mut here = Vec::new();
        match ext {
            "vtl" | "vm" => here.push(("whole file".to_string(), text.clone())),
            "json" => match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) => from_json(&v, "", &mut here),
                Err(_) => from_yaml(&text, &mut here),
            },
            "yaml" | "yml" => from_yaml(&text, &mut here),
            _ => continue,
        }
        let names_templates =
            text.contains("requestTemplates") || text.contains("responseTemplates");
        assert!(
            !names_templates || !here.is_empty(),
            "{rel} names mapping templates but none were extracted: extend this test's reader"
        );
        found.extend(here.into_iter().map(|(place, text)| Found {
            file: rel.clone(),
            place,
            text,
        }));
    }
    found
}

#[test]
fn every_template_of_the_corpus_parses_and_renders() {
    let found = corpus();
    // 50 in specs/aws-apigateway and 10 in fragments/aws-apigateway when this was written.
    assert!(found.len() >= 60, "only {} templates found", found.len());
    let input = Input {
        body: r#"{"a": 1, "b": 2, "op": "+", "c": 3, "name": "n", "key": "k", "Data": "d", "PartitionKey": "p"}"#.into(),
        ..params_input(&[("stream-name", "s")], &[("operand1", "1")], &[("Accept", "*/*")])
    };
    let mut failures = Vec::new();
    for f in &found {
        match Template::parse(&f.text) {
            Err(e) => failures.push(format!("{} {}: {e}\n{}", f.file, f.place, f.text)),
            Ok(t) => {
                if let Err(e) = t.render(&input) {
                    failures.push(format!("{} {}: render: {e}", f.file, f.place));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The template at `place` of `file`.
fn template(file: &str, place: &str) -> Template {
    let found = corpus();
    let Some(f) = found
        .iter()
        .find(|f| f.file.ends_with(file) && f.place == place)
    else {
        panic!("no template at {file} {place}");
    };
    common::parse(&f.text)
}

fn render(file: &str, place: &str, input: &Input) -> String {
    template(file, place)
        .render(input)
        .map(|r| r.output)
        .unwrap_or_else(|e| panic!("{file} {place}: {e}"))
}

const CALC: &str =
    "specs/aws-apigateway/developer-guide/simple-calc-lambda-api-swagger-definition.json";
const PROXY: &str =
    "specs/aws-apigateway/developer-guide/api-as-lambda-proxy-export-swagger-with-extensions.json";
const KINESIS: &str =
    "specs/aws-apigateway/developer-guide/api-as-kinesis-proxy-export-swagger-with-extensions.json";

#[test]
fn simple_calc_request_and_response() {
    let req = "/paths/~1/get/x-amazon-apigateway-integration/requestTemplates/application~1json";
    let input = params_input(&[], &[("a", "1"), ("b", "2"), ("op", "+")], &[]);
    assert_eq!(
        render(CALC, req, &input),
        "{\n  \"a\" : 1,\n  \"b\" : 2,\n  \"op\" : \"+\"\n}"
    );
    let resp = "/paths/~1/get/x-amazon-apigateway-integration/responses/default/responseTemplates/application~1json";
    let input = Input {
        body: r#"{"a": 1, "b": 2, "op": "+", "c": 3}"#.into(),
        ..Input::default()
    };
    assert_eq!(
        render(CALC, resp, &input),
        "{\n  \"input\" : {\n    \"a\" : 1,\n    \"b\" : 2,\n    \"op\" : \"+\"\n  },\n  \"output\" : {\n    \"c\" : 3\n  }\n}"
    );
    let refusal = "/paths/~1{a}/x-amazon-apigateway-any-method/x-amazon-apigateway-integration/responses/default/responseTemplates/application~1json";
    let input = Input {
        context: serde_json::json!({"httpMethod": "PUT", "resourcePath": "/{a}"}),
        ..Input::default()
    };
    assert_eq!(
        render(CALC, refusal, &input),
        "{ \"Message\" : \"Can't PUT /{a}\" }"
    );
}

#[test]
fn lambda_proxy_calc_templates() {
    let req =
        "/paths/~1calc/get/x-amazon-apigateway-integration/requestTemplates/application~1json";
    let input = params_input(
        &[],
        &[("operand1", "6"), ("operand2", "3"), ("operator", "div")],
        &[],
    );
    assert_eq!(
        render(PROXY, req, &input),
        "{\n    \"a\":  \"6\",\n    \"b\":  \"3\", \n    \"op\": \"div\"   \n}"
    );
    // `#if(…)"/"#{else}"…"#end`: the #end swallows the newline after it.
    let path = "/paths/~1calc~1{operand1}~1{operand2}~1{operator}/get/x-amazon-apigateway-integration/requestTemplates/application~1json";
    let slash = params_input(
        &[("operand1", "6"), ("operand2", "3"), ("operator", "%2F")],
        &[],
        &[],
    );
    assert_eq!(
        render(PROXY, path, &slash),
        "{\n   \"a\": \"6\",\n   \"b\": \"3\",\n   \"op\": \"/\"   \n}"
    );
    let plus = params_input(
        &[("operand1", "6"), ("operand2", "3"), ("operator", "+")],
        &[],
        &[],
    );
    assert_eq!(
        render(PROXY, path, &plus),
        "{\n   \"a\": \"6\",\n   \"b\": \"3\",\n   \"op\": \"+\"   \n}"
    );
    let resp = "/paths/~1calc/get/x-amazon-apigateway-integration/responses/default/responseTemplates/application~1json";
    let input = Input {
        body: r#"{"a": 6, "b": 3, "op": "div", "c": 2}"#.into(),
        ..Input::default()
    };
    assert_eq!(
        render(PROXY, resp, &input),
        "{\n    \"result\": \"6, 3, div => 2\",\n  \"a\" : \"6\",\n  \"b\" : \"3\",\n  \"op\" : \"div\",\n  \"c\" : \"2\"\n}"
    );
}

#[test]
fn kinesis_templates() {
    let put = "/paths/~1streams~1{stream-name}~1record/put/x-amazon-apigateway-integration/requestTemplates/application~1json";
    let input = Input {
        body: r#"{"Data": "some data", "PartitionKey": "some key"}"#.into(),
        ..params_input(&[("stream-name", "myStream")], &[], &[])
    };
    // base64 of the JSON text `"some data"`, quotes included.
    assert_eq!(
        render(KINESIS, put, &input),
        "{\n    \"StreamName\": \"myStream\",\n    \"Data\": \"InNvbWUgZGF0YSI=\",\n    \"PartitionKey\": \"some key\"\n}"
    );
    // The guide's PutRecords template lost its #foreach: `$elem` is undefined, so each
    // reference renders as written (base64Encode of null is null).
    let records = "/paths/~1streams~1{stream-name}~1records/put/x-amazon-apigateway-integration/requestTemplates/application~1json";
    let out = render(KINESIS, records, &input);
    assert!(
        out.contains("\"Data\": \"$util.base64Encode($elem.data)\""),
        "{out}"
    );
    assert!(
        out.contains("\"PartitionKey\": \"$elem.partition-key\""),
        "{out}"
    );
    assert!(out.contains("\"StreamName\": \"myStream\""), "{out}");
}

#[test]
fn integration_fragment_with_set_on_one_line() {
    // `#set ($root=$input.path('$')) { … }`: the space after `)` is not followed by a newline,
    // so it stays.
    let input = Input {
        body: r#"{"name": "beta", "key": "u-1"}"#.into(),
        ..Input::default()
    };
    let file = "fragments/aws-apigateway/api-gateway-swagger-extensions-integration-2.yaml";
    let found = corpus();
    let texts: Vec<&Found> = found.iter().filter(|f| f.file.ends_with(file)).collect();
    assert_eq!(
        texts.len(),
        4,
        "request and response templates, JSON and XML each"
    );
    for f in texts {
        let out = common::render_in(&f.text, &input);
        if f.text.contains("<stage>") {
            assert_eq!(out, " <stage>beta</stage> ");
        } else {
            assert_eq!(out, " { \"stage\": \"beta\", \"user-id\": \"u-1\" }");
        }
    }
}
