//! Bytes -> pieces of text (split at 0xFF bytes, which no UTF-8 text holds) placed into a small
//! definition built as a JSON value: title, descriptions, summary, schema, property, parameter
//! and header names, enum values, operationId, a path segment, the server URL, a security
//! scheme and API key name, a discriminator tag. Each piece is wrapped in U+2603 markers. The
//! definition is loaded and built, and all three SDKs are generated; then, in every file:
//! - nothing hidden (bidi controls, U+2028/U+2029, controls other than LF and tab);
//! - Rust, Python and TypeScript sources lex completely (no unterminated literal or comment) and
//!   their code outside comments and literals is ASCII: spec text (with its markers) never
//!   escapes a comment or literal;
//! - Cargo.toml and pyproject.toml: every `key = "..."` value is a valid TOML basic string;
//!   package.json is JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_fuzz::{check_code_ascii, check_no_hidden, lex_python, lex_rust, lex_typescript, MARK};
use serde_json::json;

fn fail(file: &str, contents: &str, why: String, pieces: &[String]) -> ! {
    panic!("{file}: {why}\npieces: {pieces:?}\n----- {file} -----\n{contents}\n-----");
}

/// `#/components/schemas/NAME` with the name as a percent-encoded JSON-pointer token.
fn schema_ref(name: &str) -> String {
    let mut out = String::from("#/components/schemas/");
    for b in oaskit_core::escape_token(name).bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn check_toml(file: &str, contents: &str, pieces: &[String]) {
    for line in contents.lines() {
        let Some((key, value)) = line.split_once(" = ") else {
            continue;
        };
        if key.starts_with('#') || !value.starts_with('"') {
            continue;
        }
        if let Err(e) = oaskit_fuzz::toml_unescape(value) {
            fail(file, contents, format!("`{key}` is not a TOML string: {e}"), pieces);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let pieces: Vec<String> = data
        .split(|&b| b == 0xFF)
        .take(16)
        .map(|p| format!("{MARK}{}{MARK}", String::from_utf8_lossy(p)))
        .collect();
    let at = |i: usize| pieces.get(i).cloned().unwrap_or_else(|| format!("{MARK}p{i}{MARK}"));
    let (schema, prop, path_seg) = (at(2), at(3), at(9));
    let def = json!({
        "openapi": "3.0.3",
        "info": {"title": at(0), "version": "1", "description": at(1)},
        "servers": [{"url": at(10)}],
        "paths": {
            format!("/{path_seg}/{{id}}"): {
                "get": {
                    "operationId": at(6),
                    "summary": at(13),
                    "description": at(1),
                    "security": [{at(12): []}],
                    "parameters": [
                        {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": at(1)},
                        {"name": at(7), "in": "query", "schema": {"type": "string", "enum": [at(4), at(5)]}},
                        {"name": at(8), "in": "header", "schema": {"type": "integer"}},
                        {"name": at(14), "in": "cookie", "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {
                            "description": at(13),
                            "headers": {at(8): {"schema": {"type": "string"}, "description": at(1)}},
                            "content": {"application/json": {"schema": {"$ref": schema_ref(&schema)}}}
                        },
                        "default": {"description": at(1)}
                    }
                },
                "post": {
                    "operationId": at(15),
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Union"}}}},
                    "responses": {"201": {"description": at(1)}}
                }
            }
        },
        "components": {
            "securitySchemes": {
                at(12): {"type": "apiKey", "in": "header", "name": at(11), "description": at(1)}
            },
            "schemas": {
                schema.clone(): {
                    "type": "object",
                    "title": at(0),
                    "description": at(1),
                    "required": [prop.clone()],
                    "properties": {
                        prop.clone(): {"type": "string", "description": at(1), "default": at(4), "example": at(5)},
                        "kind": {"type": "string", "enum": [at(4), at(5), at(14)], "description": at(13)},
                        "child": {"$ref": schema_ref(&schema)}
                    }
                },
                "Union": {
                    "oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}],
                    "discriminator": {"propertyName": at(3), "mapping": {at(4): "#/components/schemas/A", at(5): "#/components/schemas/B"}}
                },
                "A": {"type": "object", "required": [at(3)], "properties": {at(3): {"type": "string"}, at(7): {"type": "integer"}}},
                "B": {"type": "object", "required": [at(3)], "properties": {at(3): {"type": "string"}, at(8): {"type": "boolean", "description": at(1)}}}
            }
        }
    });
    let text = def.to_string();
    let loaded = oaskit_core::load_str("fuzz.json", &text, &oaskit_core::LoadOptions::new());
    let Some(doc) = loaded.document.as_ref() else {
        return;
    };
    let (api, _warnings) = oaskit_codegen::build(doc);
    let mut files = Vec::new();
    for f in oaskit_codegen::rust::generate(&api, "fuzz-client") {
        files.push((format!("rust/{}", f.path), f.contents));
    }
    for f in oaskit_codegen::typescript::generate(&api, "fuzz-client") {
        files.push((format!("typescript/{}", f.path), f.contents));
    }
    for f in oaskit_codegen::python::generate(&api, "fuzz-client") {
        files.push((format!("python/{}", f.path), f.contents));
    }
    for (path, contents) in &files {
        if let Err(e) = check_no_hidden(path, contents) {
            fail(path, contents, e, &pieces);
        }
        let lexed = if path.ends_with(".rs") {
            Some(lex_rust(contents))
        } else if path.ends_with(".py") {
            Some(lex_python(contents))
        } else if path.ends_with(".ts") {
            Some(lex_typescript(contents))
        } else {
            None
        };
        match lexed {
            Some(Ok(l)) => {
                if let Err(e) = check_code_ascii(path, &l.code) {
                    fail(path, contents, e, &pieces);
                }
            }
            Some(Err(e)) => fail(path, contents, e, &pieces),
            None => {}
        }
        if path.ends_with(".toml") {
            check_toml(path, contents, &pieces);
        }
        if path.ends_with(".json") {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(contents) {
                fail(path, contents, format!("not JSON: {e}"), &pieces);
            }
        }
    }
});
