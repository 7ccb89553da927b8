//! Mapping templates (Velocity, oaskit-vtl) in integrations, as the developer guide documents
//! them, over real HTTP on 127.0.0.1.

mod common;

use common::{client, get, send, serve, Backend};
use serde_json::json;

/// "Mock integrations for REST APIs in API Gateway"
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html):
/// "you can use the scope query parameter ... to determine whether to return a successful
/// response or an error response:
/// `{ #if( $input.params('scope') == "internal" ) "statusCode": 200 #else "statusCode": 500 #end }`"
/// with a 200 integration response `{ "statusCode": 200, "message": "Go ahead without me." }` and
/// a 500 one `{ "statusCode": 500, "message": "The invoked method is not supported on the API
/// resource." }`.
#[test]
fn a_mock_request_template_selects_the_integration_response() {
    let dir = std::env::temp_dir().join(format!("oaskit-gw-mock-vtl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let spec = dir.join("api.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /mock:
    get:
      parameters: [{name: scope, in: query, schema: {type: string}}]
      responses:
        '200': {description: ok}
        '500': {description: no}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{ #if( $input.params(''scope'') == "internal" ) "statusCode": 200 #else "statusCode": 500 #end }'
        responses:
          "5\\d{2}":
            statusCode: "500"
            responseTemplates:
              application/json: '{ "statusCode": 500, "message": "The invoked method is not supported on the API resource." }'
          default:
            statusCode: "200"
            responseTemplates:
              application/json: '{ "statusCode": 200, "message": "Go ahead without me." }'
"#,
    )
    .expect("write");
    let s = serve(&spec, "", |o| o);
    let a = get(&format!("{}/mock?scope=internal", s.url));
    assert_eq!(
        (a.status, a.json()),
        (
            200,
            json!({"statusCode": 200, "message": "Go ahead without me."})
        )
    );
    let a = get(&format!("{}/mock?scope=public", s.url));
    assert_eq!(
        (a.status, a.json()),
        (
            500,
            json!({"statusCode": 500, "message": "The invoked method is not supported on the API resource."})
        )
    );
}

/// The guide's calculator ("simple-calc-lambda-api-swagger-definition.json", from "Tutorial:
/// Create a calculator REST API with two AWS service integrations and one Lambda non-proxy
/// integration"): a MOCK `ANY /{a}` answers 404 with
/// `{ "Message" : "Can't $context.httpMethod $context.resourcePath" }`, and the Lambda
/// integration's request template builds `{"a": .., "b": .., "op": ".."}` from the parameters
/// while its response template reshapes the function's answer into `input` and `output`. The
/// Lambda function is a local backend, mapped in the configuration.
#[test]
fn the_guides_calculator_runs_its_templates() {
    let b = Backend::start(|r| {
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or(json!({}));
        let (a, bb) = (
            v["a"].as_f64().unwrap_or(0.0),
            v["b"].as_f64().unwrap_or(0.0),
        );
        let c = if v["op"] == "+" { a + bb } else { a * bb };
        (
            200,
            vec![("Content-Type".into(), "application/json".into())],
            json!({"a": a, "b": bb, "op": v["op"], "c": c}).to_string(),
        )
    });
    let config = format!("integrations:\n  \"GET /{{a}}/{{b}}/{{op}}\": {}\n", b.url);
    let s = serve(
        &common::aws("simple-calc-lambda-api-swagger-definition.json"),
        &config,
        |o| o,
    );
    let a = get(&format!("{}/demo/x", s.url));
    assert_eq!(
        (a.status, a.json()),
        (404, json!({"Message": "Can't GET /{a}"}))
    );
    let a = send(client().get(format!("{}/demo/2/3/%2B", s.url)));
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        a.json(),
        json!({"input": {"a": 2.0, "b": 3.0, "op": "+"}, "output": {"c": 5.0}})
    );
    let sent = b.requests().pop().expect("the function was called");
    assert_eq!(sent.method, "POST");
    let body: serde_json::Value =
        serde_json::from_str(&sent.body).expect("the request template's output is JSON");
    assert_eq!(body, json!({"a": 2, "b": 3, "op": "+"}));
    assert_eq!(s.last_log()["integration"], "AWS");
}

/// A template the engine cannot run is a located error when the definition is prepared, not a
/// failure at request time.
#[test]
fn an_unsupported_template_is_a_located_startup_error() {
    let loaded = oaskit_core::load_str(
        "api.yaml",
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: '#macro(m)x#end {\"statusCode\": 200}'\n",
        &oaskit_core::LoadOptions::new(),
    );
    match oaskit_gateway::Definition::new(loaded, &oaskit_gateway::Config::default(), false) {
        Err(oaskit_gateway::DefinitionError::Templates(diags, loaded)) => {
            assert_eq!(diags.len(), 1);
            assert_eq!(diags[0].code, "gateway-template-invalid");
            let (file, line, _) = diags[0].position(&loaded.sources).expect("located");
            assert_eq!((file.as_str(), line), ("api.yaml", 10));
            assert!(
                diags[0].message.contains("line 1 column 1"),
                "{}",
                diags[0].message
            );
        }
        other => panic!("{other:?}"),
    }
}
