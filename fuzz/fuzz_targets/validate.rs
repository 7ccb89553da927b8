//! Bytes -> one HTTP request or response (see `oaskit_fuzz::read_message` for the layout),
//! validated against a fixed definition that uses every parameter location and style, security
//! schemes, JSON, form, multipart, text and binary bodies and response headers. Must never
//! panic; reports must use documented codes and be deterministic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use oaskit_validator::{Options, Validator};

const DEFINITION: &str = r##"
openapi: 3.1.0
info: {title: fuzz, version: '1'}
servers: [{url: 'https://api.example.com/v1'}, {url: '/'}]
security: [{bearer: []}, {key: [], basic: []}]
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer, minimum: 0}}
    get:
      parameters:
        - {name: fields, in: query, style: form, explode: false, schema: {type: array, items: {type: string, enum: [a, b, c]}}}
        - {name: filter, in: query, style: deepObject, schema: {type: object, properties: {age: {type: integer}, tag: {type: string}}}}
        - {name: q, in: query, allowEmptyValue: true, allowReserved: true, schema: {type: string, pattern: '^[a-z]*$'}}
        - {name: X-Trace, in: header, required: true, schema: {type: string, format: uuid}}
        - {name: session, in: cookie, schema: {type: string, minLength: 2}}
        - {name: meta, in: query, content: {application/json: {schema: {type: object, required: [k]}}}}
      responses:
        '200':
          description: ok
          headers:
            X-Rate: {required: true, schema: {type: integer}}
          content:
            application/json: {schema: {$ref: '#/components/schemas/Pet'}}
            text/plain: {schema: {type: string, maxLength: 10}}
        4XX: {description: client, content: {application/problem+json: {schema: {type: object}}}}
        default: {description: other}
    put:
      security: []
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: '#/components/schemas/Pet'}}
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string}, tags: {type: array, items: {type: string}}, n: {type: integer}}}
            encoding: {tags: {style: pipeDelimited, explode: false}}
          multipart/form-data:
            schema: {type: object, required: [file], properties: {file: {type: string, format: binary}, meta: {type: object}}}
            encoding: {meta: {contentType: application/json}}
          text/*: {schema: {type: string}}
          application/octet-stream: {}
      responses:
        '204': {description: none}
  /pets/{kind}.{format}/{rest}:
    get:
      parameters:
        - {name: kind, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: string}}}
        - {name: format, in: path, required: true, schema: {type: string, enum: [json, xml]}}
        - {name: rest, in: path, required: true, style: matrix, schema: {type: object, additionalProperties: {type: number}}}
        - {name: ids, in: query, style: spaceDelimited, schema: {type: array, items: {type: integer}}}
      responses:
        '200': {description: ok, content: {'*/*': {schema: {type: [string, 'null']}}}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    basic: {type: http, scheme: basic}
    key: {type: apiKey, in: query, name: api_key}
  schemas:
    Pet:
      type: object
      required: [name]
      additionalProperties: false
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, minLength: 1}
        secret: {type: string, writeOnly: true}
        tag: {type: [string, 'null']}
        kind:
          oneOf:
            - {type: object, required: [cat], properties: {cat: {type: boolean}}}
            - {type: object, required: [dog], properties: {dog: {type: integer}}}
        children: {type: array, items: {$ref: '#/components/schemas/Pet'}, maxItems: 3}
"##;

fn validator() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| {
        let loaded = oaskit_core::load_str("fuzz.yaml", DEFINITION, &oaskit_core::LoadOptions::new());
        assert!(!loaded.has_errors(), "the fixed definition has errors: {:?}", loaded.diagnostics);
        Validator::from_loaded(&loaded, &Options::new()).expect("the fixed definition builds")
    })
}

fuzz_target!(|data: &[u8]| {
    let v = validator();
    if let Some(msg) = oaskit_fuzz::read_message(data) {
        oaskit_fuzz::validate_checked(v, &msg);
    }
});
