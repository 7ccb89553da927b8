//! Examples of the Amazon API Gateway Developer Guide, rendered and compared with what the guide
//! says they produce. Each test names its page (docs.aws.amazon.com/apigateway/latest/
//! developerguide/<page>.html, also in the awsdocs/amazon-api-gateway-developer-guide
//! repository as doc_source/<page>.md) and quotes what it checks.

mod common;

use common::{params_input, render_full, render_in};
use oaskit_vtl::Input;

fn body(json: &str) -> Input {
    Input {
        body: json.into(),
        ..Input::default()
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

const PHOTOS: &str = r#"{
  "photos": {
    "page": 1,
    "pages": "1234",
    "perpage": 100,
    "total": "123398",
    "photo": [
      {
        "id": "12345678901",
        "owner": "23456789@A12",
        "secret": "abc123d456",
        "server": "1234",
        "farm": 1,
        "title": "Sample photo 1",
        "ispublic": 1,
        "isfriend": 0,
        "isfamily": 0
      },
      {
        "id": "23456789012",
        "owner": "34567890@B23",
        "secret": "bcd234e567",
        "server": "2345",
        "farm": 2,
        "title": "Sample photo 2",
        "ispublic": 1,
        "isfriend": 0,
        "isfamily": 0
      }
    ]
  }
}"#;

/// example-photos, "Output Mapping Template (Photos Example)": "The following is the output
/// mapping template that corresponds to the transformed JSON data format", and "Transformed
/// Data (Photos Example)" gives the JSON it produces from "Original Data (Photos Example)".
#[test]
fn photos_output_mapping_template() {
    let template = "#set($inputRoot = $input.path('$'))\n{\n  \"photos\": [\n#foreach($elem in $inputRoot.photos.photo)\n    {\n      \"id\": \"$elem.id\",\n      \"owner\": \"$elem.owner\",\n      \"title\": \"$elem.title\",\n      \"ispublic\": $elem.ispublic,\n      \"isfriend\": $elem.isfriend,\n      \"isfamily\": $elem.isfamily\n    }#if($foreach.hasNext),#end\n\t\t\n#end\n  ]\n}";
    let out = render_in(template, &body(PHOTOS));
    let photo = |id: &str, owner: &str, n: u8| {
        format!(
            "    {{\n      \"id\": \"{id}\",\n      \"owner\": \"{owner}\",\n      \"title\": \"Sample photo {n}\",\n      \"ispublic\": 1,\n      \"isfriend\": 0,\n      \"isfamily\": 0\n    }}"
        )
    };
    // Velocity 1.7: the #foreach and #end lines vanish; the `\t\t` line after #end of the #if
    // stays in every iteration.
    let expected = format!(
        "{{\n  \"photos\": [\n{},\t\t\n{}\t\t\n  ]\n}}",
        photo("12345678901", "23456789@A12", 1),
        photo("23456789012", "34567890@B23", 2)
    );
    assert_eq!(out, expected);
    let transformed = r#"{
      "photos": [
        {"id": "12345678901", "owner": "23456789@A12", "title": "Sample photo 1", "ispublic": 1, "isfriend": 0, "isfamily": 0},
        {"id": "23456789012", "owner": "34567890@B23", "title": "Sample photo 2", "ispublic": 1, "isfriend": 0, "isfamily": 0}
      ]
    }"#;
    assert_eq!(json(&out), json(transformed));
}

/// example-photos, "Input Mapping Template (Photos Example)": "the input mapping template that
/// corresponds to the original JSON data": it rebuilds the original data.
#[test]
fn photos_input_mapping_template() {
    let template = "#set($inputRoot = $input.path('$'))\n{\n  \"photos\": {\n    \"page\": $inputRoot.photos.page,\n    \"pages\": \"$inputRoot.photos.pages\",\n    \"perpage\": $inputRoot.photos.perpage,\n    \"total\": \"$inputRoot.photos.total\",\n    \"photo\": [\n#foreach($elem in $inputRoot.photos.photo)\n      {\n        \"id\": \"$elem.id\",\n        \"owner\": \"$elem.owner\",\n        \"secret\": \"$elem.secret\",\n        \"server\": \"$elem.server\",\n        \"farm\": $elem.farm,\n        \"title\": \"$elem.title\",\n        \"ispublic\": $elem.ispublic,\n        \"isfriend\": $elem.isfriend,\n        \"isfamily\": $elem.isfamily\n      }#if($foreach.hasNext),#end\n\t\t\t\n#end\n    ]\n  }\n}";
    let out = render_in(template, &body(PHOTOS));
    assert!(
        out.starts_with(
            "{\n  \"photos\": {\n    \"page\": 1,\n    \"pages\": \"1234\",\n    \"perpage\": 100,"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "        \"isfamily\": 0\n      },\t\t\t\n      {\n        \"id\": \"23456789012\","
        ),
        "{out}"
    );
    assert!(
        out.ends_with("        \"isfamily\": 0\n      }\t\t\t\n    ]\n  }\n}"),
        "{out}"
    );
    assert_eq!(json(&out), json(PHOTOS));
}

/// api-gateway-mapping-template-reference, "Parameter Mapping Template Example": "passes all
/// parameters, including path, querystring, and header, through to the integration endpoint
/// via a JSON payload", outlined as `{"params": {"path": {…} "header": {…} "querystring":
/// {…}}}` (in that order).
#[test]
fn all_params_loop() {
    let template = "#set($allParams = $input.params())\n{\n  \"params\" : {\n    #foreach($type in $allParams.keySet())\n    #set($params = $allParams.get($type))\n    \"$type\" : {\n      #foreach($paramName in $params.keySet())\n      \"$paramName\" : \"$util.escapeJavaScript($params.get($paramName))\"\n      #if($foreach.hasNext),#end\n      #end\n    }\n    #if($foreach.hasNext),#end\n    #end\n  }\n}";
    let input = params_input(&[("id", "7")], &[("q", "a \"b\"")], &[("Accept", "*/*")]);
    let out = render_in(template, &input);
    // Velocity 1.7 keeps the indentation before each directive and drops the newline after
    // it: each iteration ends with the spaces before `#if` and `#end`.
    let iteration = |name: &str, entry: &str, comma: &str| {
        format!("    \"{name}\" : {{\n            {entry}\n                }}\n    {comma}    ")
    };
    let expected = format!(
        "{{\n  \"params\" : {{\n    {}{}{}  }}\n}}",
        iteration("path", "\"id\" : \"7\"", ","),
        iteration("header", "\"Accept\" : \"*\\/*\"", ","),
        iteration("querystring", "\"q\" : \"a \\\"b\\\"\"", ""),
    );
    assert_eq!(out, expected);
    assert_eq!(
        json(&out),
        json(
            r#"{"params": {"path": {"id": "7"}, "header": {"Accept": "*/*"}, "querystring": {"q": "a \"b\""}}}"#
        )
    );
}

/// api-gateway-mapping-template-reference, "Example JSON Mapping Template Using $input": "how
/// to use a mapping to read a name from the query string and then include the entire POST
/// body in an element".
#[test]
fn name_from_query_and_whole_body() {
    let template =
        "{\n    \"name\" : \"$input.params('name')\",\n    \"body\" : $input.json('$') \n}";
    let mut input = params_input(&[], &[("name", "Ada")], &[]);
    input.body = r#"{ "a" : [1, 2] }"#.into();
    assert_eq!(
        render_in(template, &input),
        "{\n    \"name\" : \"Ada\",\n    \"body\" : {\"a\":[1,2]} \n}"
    );
}

/// api-gateway-mapping-template-reference, "Example Mapping Template Using $input": "read a
/// specific property of your request body object by using a period (.), followed by your
/// property name", and "you need to call $util.escapeJavaScript() function in the mapping
/// template".
#[test]
fn one_property_of_the_body() {
    let mut input = params_input(&[], &[("name", "n")], &[]);
    input.body = r#"{"mykey": {"say": "it's \"ok\""}}"#.into();
    let plain =
        "{\n    \"name\" : \"$input.params('name')\",\n    \"body\" : $input.json('$.mykey')  \n}";
    assert_eq!(
        render_in(plain, &input),
        "{\n    \"name\" : \"n\",\n    \"body\" : {\"say\":\"it's \\\"ok\\\"\"}  \n}"
    );
    let escaped = "{\n    \"name\" : \"$input.params('name')\",\n    \"body\" : $util.escapeJavaScript($input.json('$.mykey')) \n}";
    assert_eq!(
        render_in(escaped, &input),
        "{\n    \"name\" : \"n\",\n    \"body\" : {\\\"say\\\":\\\"it\\'s \\\\\\\"ok\\\\\\\"\\\"} \n}"
    );
}

/// api-gateway-mapping-template-reference, "Example Request and Response Using $input":
/// `POST /things/abc` with `{"things": {"1": {}, "2": {}, "3": {}}}` gives `"id": "abc"` and
/// `"count": "3"`.
#[test]
fn things_request_template() {
    let template = "{\n    \"id\" : \"$input.params('id')\",\n    \"count\" : \"$input.path('$.things').size()\",\n    \"things\" : $util.escapeJavaScript($input.json('$.things'))\n}";
    let mut input = params_input(&[("id", "abc")], &[], &[]);
    input.body = "{\n    \"things\" : {\n        \"1\" : {},\n        \"2\" : {},\n        \"3\" : {}\n    }\n}".into();
    assert_eq!(
        render_in(template, &input),
        "{\n    \"id\" : \"abc\",\n    \"count\" : \"3\",\n    \"things\" : {\\\"1\\\":{},\\\"2\\\":{},\\\"3\\\":{}}\n}"
    );
}

/// api-gateway-mapping-template-reference, `$input.path(x)`: "if the expression
/// `$input.path('$.pets')` returns an object like this: [three pets] ...
/// `$input.path('$.pets').count()` would return "3"". A Java `List` has `size()`, not
/// `count()`: `size()` answers 3, and `count()` renders as written, as in Velocity.
#[test]
fn path_returns_a_list_with_a_size() {
    let pets = r#"{"pets": [{"id": 1, "type": "dog", "price": 249.99}, {"id": 2, "type": "cat", "price": 124.99}, {"id": 3, "type": "fish", "price": 0.99}]}"#;
    assert_eq!(render_in("$input.path('$.pets').size()", &body(pets)), "3");
    assert_eq!(
        render_in("$input.path('$.pets').count()", &body(pets)),
        "$input.path('$.pets').count()"
    );
    assert_eq!(
        render_in(
            "#foreach($p in $input.path('$.pets'))$p.type=$p.price #end",
            &body(pets)
        ),
        "dog=249.99 cat=124.99 fish=0.99 "
    );
}

/// api-gateway-mapping-template-reference, `$util.parseJson()`: for the payload
/// `{"errorMessage":"{\"key1\":\"var1\",\"key2\":{\"arr\":[1,2,3]}}"}` and the template shown,
/// "You will get the following output: { "errorMessageObjKey2ArrVal" : 1 }".
#[test]
fn util_parse_json() {
    let template = "#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))\n{\n   \"errorMessageObjKey2ArrVal\" : $errorMessageObj.key2.arr[0]\n}\n";
    let payload = r#"{"errorMessage":"{\"key1\":\"var1\",\"key2\":{\"arr\":[1,2,3]}}"}"#;
    assert_eq!(
        render_in(template, &body(payload)),
        "{\n   \"errorMessageObjKey2ArrVal\" : 1\n}\n"
    );
}

/// api-gateway-mapping-template-reference, `$util.escapeJavaScript()`: "This function will
/// turn any regular single quotes (') into escaped ones (\'). However, the escaped single
/// quotes are not valid in JSON. ... `$util.escapeJavaScript(data).replaceAll("\\'","'")`".
#[test]
fn util_escape_javascript_and_undoing_the_quote() {
    let input = body(r#"{"data": "it's \"quoted\"\n"}"#);
    assert_eq!(
        render_in("$util.escapeJavaScript($input.path('$.data'))", &input),
        r#"it\'s \"quoted\"\n"#
    );
    let out = render_in(
        "{\"d\": \"$util.escapeJavaScript($input.path('$.data')).replaceAll(\"\\\\'\",\"'\")\"}",
        &input,
    );
    assert_eq!(out, r#"{"d": "it's \"quoted\"\n"}"#);
    assert_eq!(json(&out)["d"], "it's \"quoted\"\n");
}

/// api-gateway-mapping-template-reference, `$util` table: urlEncode "Converts a string into
/// "application/x-www-form-urlencoded" format", urlDecode "Decodes an
/// "application/x-www-form-urlencoded" string", base64Encode "Encodes the data into a
/// base64-encoded string", base64Decode "Decodes the data from a base64-encoded string".
#[test]
fn util_url_and_base64() {
    let input = body(r#"{"q": "a b&c=d/é"}"#);
    assert_eq!(
        render_in("$util.urlEncode($input.path('$.q'))", &input),
        "a+b%26c%3Dd%2F%C3%A9"
    );
    assert_eq!(
        render_in("$util.urlDecode('a+b%26c%3Dd%2F%C3%A9')", &input),
        "a b&c=d/é"
    );
    assert_eq!(
        render_in("$util.base64Encode($input.path('$.q'))", &input),
        "YSBiJmM9ZC/DqQ=="
    );
    assert_eq!(
        render_in("$util.base64Decode('YSBiJmM9ZC/DqQ==')", &input),
        "a b&c=d/é"
    );
}

/// apigateway-override-request-response-parameters, "Tutorial: Override an API's Response
/// Status Code": with the template shown and a body holding an error, "the last line under
/// Logs box now ends with: Method completed with status: 400".
#[test]
fn override_response_status() {
    let template = "#set($inputRoot = $input.path('$'))\n$input.json(\"$\")\n#if($inputRoot.toString().contains(\"error\"))\n#set($context.responseOverride.status = 400)\n#end";
    let error =
        r#"{"errors": [{"key": "GetPetRequest.petId", "message": "The value is out of range."}]}"#;
    let r = render_full(template, &body(error));
    assert_eq!(r.output, "{\"errors\":[{\"key\":\"GetPetRequest.petId\",\"message\":\"The value is out of range.\"}]}\n");
    assert_eq!(r.overrides.response_status, Some(400));
    let fine = render_full(template, &body(r#"{"id": 1, "type": "dog"}"#));
    assert_eq!(fine.output, "{\"id\":1,\"type\":\"dog\"}\n");
    assert_eq!(fine.overrides.response_status, None);
}

/// apigateway-override-request-response-parameters, "Tutorial: Override an API's Request
/// Parameters and Headers": with headers `header1:header1Val` and `header2:header2Val`, "you
/// should see an entry that includes this text: Endpoint request headers:
/// {header3=header1Valheader2Val, header2=header2Val, ..., header1=foo".
#[test]
fn override_request_headers() {
    let template = "#set($header1Override = \"foo\")\n#set($header3Value = \"$input.params('header1')$input.params('header2')\")\n$input.json(\"$\")\n#set($context.requestOverride.header.header3 = $header3Value)\n#set($context.requestOverride.header.header1 = $header1Override)\n";
    let input = params_input(
        &[],
        &[],
        &[("header1", "header1Val"), ("header2", "header2Val")],
    );
    let r = render_full(template, &input);
    assert_eq!(r.output, "{}\n");
    let headers: Vec<(&str, &str)> = r
        .overrides
        .request_headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        headers,
        [("header1", "foo"), ("header3", "header1Valheader2Val")]
    );
}

/// apigateway-override-request-response-parameters: "Overrides are final. An override may only
/// be applied to each parameter once. Trying to override the same parameter multiple times
/// will result in 5XX responses from Amazon API Gateway."
#[test]
fn an_override_is_applied_once() {
    let e = common::render_err(
        "#set($context.responseOverride.status = 400)\n#set($context.responseOverride.status = 500)",
        &Input::default(),
    );
    assert_eq!((e.line, e.column), (2, 1));
    assert!(e.message.contains("overridden twice"), "{e}");
    // Also through another variable naming the same map.
    let e = common::render_err(
        "#set($h = $context.requestOverride.querystring)#set($h.q = 1)#set($context.requestOverride.querystring.q = 2)",
        &Input::default(),
    );
    assert!(e.message.contains("requestOverride.querystring.q"), "{e}");
    // All five kinds land in Overrides.
    let r = render_full(
        "#set($context.responseOverride.status = \"201\")#set($context.responseOverride.header.Location = \"/x\")#set($context.requestOverride.path.id = 5)#set($context.requestOverride.querystring.page = 2)",
        &Input::default(),
    );
    assert_eq!(r.overrides.response_status, Some(201));
    assert_eq!(r.overrides.response_headers["Location"], "/x");
    assert_eq!(r.overrides.request_path["id"], "5");
    assert_eq!(r.overrides.request_querystring["page"], "2");
    let e = common::render_err(
        "#set($context.responseOverride.status = 42)",
        &Input::default(),
    );
    assert!(e.message.contains("from 100 to 599"), "{e}");
}

/// api-gateway-mapping-variable-examples, "Example 1: Pass multiple $context variables to the
/// integration endpoint": "The output of this mapping template should look like the
/// following: { stage: 'prod', request_id: 'abcdefg-000-000-0000-abcdefg', api_id:
/// 'abcd1234', resource_path: '/', … source_ip: '192.0.2.1', user-agent: 'curl/7.84.0', …}".
#[test]
fn context_variables() {
    let template = "{\n    \"stage\" : \"$context.stage\",\n    \"request_id\" : \"$context.requestId\",\n    \"api_id\" : \"$context.apiId\",\n    \"resource_path\" : \"$context.resourcePath\",\n    \"resource_id\" : \"$context.resourceId\",\n    \"http_method\" : \"$context.httpMethod\",\n    \"source_ip\" : \"$context.identity.sourceIp\",\n    \"user-agent\" : \"$context.identity.userAgent\",\n    \"account_id\" : \"$context.identity.accountId\",\n    \"api_key\" : \"$context.identity.apiKey\",\n    \"caller\" : \"$context.identity.caller\",\n    \"user\" : \"$context.identity.user\",\n    \"user_arn\" : \"$context.identity.userArn\"\n}";
    let input = Input {
        context: json(
            r#"{"stage": "prod", "requestId": "abcdefg-000-000-0000-abcdefg", "apiId": "abcd1234",
                "resourcePath": "/", "resourceId": "efg567", "httpMethod": "GET",
                "identity": {"sourceIp": "192.0.2.1", "userAgent": "curl/7.84.0", "accountId": "111122223333",
                             "apiKey": "MyTestKey", "caller": "ABCD-0000-12345", "user": "ABCD-0000-12345",
                             "userArn": "arn:aws:sts::111122223333:assumed-role/Admin/carlos-salazar"}}"#,
        ),
        ..Input::default()
    };
    let out = render_in(template, &input);
    assert_eq!(
        json(&out),
        json(
            r#"{"stage": "prod", "request_id": "abcdefg-000-000-0000-abcdefg", "api_id": "abcd1234",
                "resource_path": "/", "resource_id": "efg567", "http_method": "GET", "source_ip": "192.0.2.1",
                "user-agent": "curl/7.84.0", "account_id": "111122223333", "api_key": "MyTestKey",
                "caller": "ABCD-0000-12345", "user": "ABCD-0000-12345",
                "user_arn": "arn:aws:sts::111122223333:assumed-role/Admin/carlos-salazar"}"#
        )
    );
    assert!(out.starts_with(
        "{\n    \"stage\" : \"prod\",\n    \"request_id\" : \"abcdefg-000-000-0000-abcdefg\","
    ));
}

/// api-gateway-mapping-template-reference, `$stageVariables`: "$stageVariables.<variable_name>",
/// "$stageVariables['<variable_name>']" and "${stageVariables['<variable_name>']}" each
/// represent a stage variable.
#[test]
fn stage_variables() {
    let input = Input {
        stage_variables: [("url".to_string(), "example.com".to_string())]
            .into_iter()
            .collect(),
        ..Input::default()
    };
    assert_eq!(
        render_in("$stageVariables.url $stageVariables['url'] ${stageVariables['url']} $stageVariables.nope", &input),
        "example.com example.com example.com $stageVariables.nope"
    );
}

/// api-gateway-mapping-template-reference, `$input.params(x)`: "Returns the value of a method
/// request parameter from the path, query string, or header value (searched in that order),
/// given a parameter name string x."
#[test]
fn params_lookup_order() {
    let input = params_input(
        &[("id", "p")],
        &[("id", "q"), ("page", "2")],
        &[("id", "h"), ("X-Trace", "t")],
    );
    assert_eq!(
        render_in("$input.params('id') $input.params('page') $input.params('x-trace') [$input.params('none')]", &input),
        "p 2 t []"
    );
    // Header names compare without case, in the map of all parameters too.
    assert_eq!(
        render_in("$input.params().header.get('x-TRACE') $input.params().path.id $input.params().keySet()", &input),
        "t p [path, header, querystring]"
    );
}
