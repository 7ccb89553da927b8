#!/usr/bin/env python3
"""Writes injection-families.json and reserved-names.json (run from this folder)."""
import json

PAYLOAD_RS = "fn main() { std::process::exit(42) } fn injected() {}"
PAYLOAD_TS = "process.exit(1); injected()"
PAYLOAD_PY = "os.system('rm -rf /'); injected()"
HIDDEN = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
          "\u200e", "\u200f", "\u061c", "\u2028", "\u2029", "\u0085", "\u000b", "\u000c", "\r",
          "\u0000", "\u007f", "\u200b", "\ufeff", "\U000e0041", "\u00ad"]


def breakers():
    out = []
    for n in (3, 4, 5, 8):
        for f in ("`", "~"):
            for info in ("", "rust", " rust,no_run", "{.rust}"):
                out.append(f"{f * n}{info}\n{PAYLOAD_RS}\n{f * n}")
        out.append(f"> {'`' * n}\n> {PAYLOAD_RS}\n> {'`' * n}")
        out.append(f"- {'~' * n}\n  {PAYLOAD_RS}\n  {'~' * n}")
        out.append(f"1. {'`' * n}rust\n   {PAYLOAD_RS}\n   {'`' * n}")
    for ind in ("    ", "\t", "        ", " \t "):
        out.append(f"Example:\n\n{ind}{PAYLOAD_RS}\n")
        out.append(f">{ind}{PAYLOAD_RS}")
        out.append(f"-{ind} {PAYLOAD_RS}")
    out += [
        f"*/ {PAYLOAD_TS} /*", f"**/ {PAYLOAD_TS}", f"*\u2028/ {PAYLOAD_TS}", f"\u2028{PAYLOAD_TS}",
        f"\u2029{PAYLOAD_TS}", f"`${{{PAYLOAD_TS}}}`", f"</script><script>{PAYLOAD_TS}</script>",
        f"\\u002a/ {PAYLOAD_TS}", f'""" {PAYLOAD_PY} """', f"''' {PAYLOAD_PY} '''",
        f'\\""" {PAYLOAD_PY}', "ends with a backslash \\", f"\\N{{BULLET}} \\x00 \\u0041 {PAYLOAD_PY}",
        f"# -*- coding: utf-7 -*-\n{PAYLOAD_PY}", f'"\n{PAYLOAD_PY}\n"', f"\" + {PAYLOAD_RS} + \"",
        f"\\\" ); {PAYLOAD_RS} //", f">>> {PAYLOAD_PY}", f"Example:\n\n    >>> {PAYLOAD_PY}\n    0",
    ]
    for h in HIDDEN:
        out.append(f"access{h} granted {h}/* {PAYLOAD_TS} */{h}\n{h}{PAYLOAD_PY}{h}")
    # A long description: fences around the 40-line cut, and a long line.
    out.append("\n".join(f"line {i} {'`' * 3 if i in (38, 39, 40, 41) else ''}" for i in range(100))
               + "\n" + PAYLOAD_RS)
    out.append(("x" * 5000) + "\u202e" + PAYLOAD_TS)
    return out


def injection():
    bs = breakers()
    schemas, paths = {}, {}
    for i, b in enumerate(bs):
        schemas[f"S{i}"] = {
            "type": "object", "title": b.split("\n")[0][:80], "description": b, "required": ["id"],
            "properties": {
                "id": {"type": "integer", "description": b},
                f"p{i} {b[:40]}": {"type": "string", "description": b, "default": b, "example": b,
                                   "pattern": b[:60]},
                "kind": {"type": "string", "enum": [b[:50], f"v{i}", b[:50] + "2"], "description": b},
            },
        }
        paths[f"/s{i}/{{id}}"] = {
            "summary": b.split("\n")[0], "description": b,
            "parameters": [
                {"name": "id", "in": "path", "required": True, "description": b,
                 "schema": {"type": "string", "default": b}},
                {"name": f"q{b[:30]}", "in": "query", "description": b,
                 "schema": {"type": "string", "example": b}},
                {"name": f"h{i}", "in": "header", "description": b, "schema": {"type": "string"}},
            ],
            "post": {
                "operationId": f"op{i} {b[:30]}", "summary": b, "description": b,
                "tags": [b[:40], "../../../../tmp/pwned-" + str(i)],
                "requestBody": {"required": True, "description": b, "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/S{i}"}}}},
                "responses": {
                    "200": {"description": b, "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/S{i}"}}}},
                    "default": {"description": b},
                },
            },
        }
    key = f"key {bs[40]}"[:60]
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Inject {bs[0]} \u202e title", "version": "1\u202e\"2",
                 "description": "\n\n".join(bs[:10])},
        "servers": [{"url": "https://api.example.com/\"+process.exit(1)+\"\u2028/\u202e{v}",
                     "description": bs[1],
                     "variables": {"v": {"default": "v1\"; injected(); \""}}}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            key: {"type": "apiKey", "in": "header", "name": "X-Key\"\u202e" + PAYLOAD_TS},
            "bearer */ injected()": {"type": "http", "scheme": "bearer", "description": bs[2]},
        }},
        "security": [{key: []}],
    }


def reserved():
    rust = ["Option", "Some", "None", "Result", "Ok", "Err", "Box", "Vec", "String", "ToString",
            "Clone", "Copy", "Default", "From", "Into", "Iterator", "Send", "Sync", "Sized", "Drop",
            "Fn", "Serialize", "Deserialize", "Client", "Error", "Credentials", "Self", "Value",
            "Types", "Runtime", "Debug", "Hash", "PartialEq", "Eq"]
    ts = ["Record", "Promise", "Array", "Blob", "Partial", "Readonly", "Object", "Map", "Set", "Date",
          "Headers", "Response", "Request", "RequestInit", "FormData", "URLSearchParams", "JSON",
          "Symbol", "Function", "ApiError", "ClientOptions", "Scheme", "Context", "Param", "Body",
          "Uint8Array"]
    py = ["str", "int", "float", "bool", "list", "dict", "bytes", "object", "type", "Any", "Optional",
          "Union", "List", "Dict", "NoReturn", "Mapping", "dataclass", "field", "enum", "models",
          "annotations", "ValueError", "Exception", "DecodeError", "Enum", "typing", "None_", "True",
          "False", "id", "property", "classmethod", "isinstance", "cls", "self", "from_json",
          "to_json", "additional_properties", "_rt", "base_url", "_ctx", "res", "body", "UNKNOWN"]
    names = rust + ts + py
    schemas = {}
    for n in names:
        schemas.setdefault(n, {"type": "object", "description": f"A schema named {n}.", "properties": {}})
    props = {}
    for i, n in enumerate(names):
        t = names[(i + 1) % len(names)]
        props[n] = ({"$ref": f"#/components/schemas/{t}"} if i % 3 == 0
                    else {"type": ["string", "integer", "number", "boolean"][i % 4]})
    schemas["Fields"] = {"type": "object", "required": names[::2], "properties": props,
                         "additionalProperties": {"type": "string"}}
    schemas["Kinds"] = {"type": "string", "enum": names + ["Unknown", "unknown", "UNKNOWN"]}
    schemas["Either"] = {"oneOf": [{"$ref": "#/components/schemas/Option"},
                                   {"$ref": "#/components/schemas/Result"},
                                   {"$ref": "#/components/schemas/str"}, {"type": "string"}]}
    schemas["Alias"] = {"$ref": "#/components/schemas/Promise"}
    schemas["StrList"] = {"type": "array", "items": {"$ref": "#/components/schemas/str"}}
    for op in ["BaseUrl", "New", "List"]:
        for suffix in ["Response", "Result", "Args", "Request"]:
            schemas[op + suffix] = {"type": "object", "properties": {"x": {"type": "string"}}}
    ops = ["baseUrl", "base_url", "new", "with_client", "withCredentials", "apply_auth", "has", "add",
           "clone", "fmt", "default", "from", "into", "constructor", "toString", "valueOf",
           "hasOwnProperty", "then", "list", "str", "type", "models", "Client", "_ctx", "__init__",
           "self", "send", "res", "Record", "Promise", "Option"]
    pnames = ["models", "str", "int", "float", "bool", "list", "dict", "bytes", "object", "type", "Any",
              "Optional", "self", "body", "res", "args", "init", "rt", "types", "status", "headers",
              "v", "req", "oaskit_url", "oaskit_req", "_rt", "base_url", "crate", "super", "Self",
              "await", "baseUrl", "id", "field", "dataclass"]
    paths = {}
    for i, op in enumerate(ops):
        params = []
        for j, p in enumerate(pnames):
            params.append({"name": p, "in": ["query", "header", "query", "cookie"][j % 4],
                           "required": j % 5 == 0,
                           "schema": ({"$ref": f"#/components/schemas/{names[j % len(names)]}"}
                                      if j % 7 == 0 else {"type": "string"})})
        params.append({"name": "path", "in": "path", "required": True, "schema": {"type": "string"}})
        paths[f"/op{i}/{{path}}"] = {"post": {
            "operationId": op, "parameters": params,
            "requestBody": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Fields"}}}},
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{names[i % len(names)]}"}}}},
                "201": {"description": "list", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Either"}}}}},
                "4XX": {"description": "err", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        }}
    return {"openapi": "3.1.0", "info": {"title": "Reserved names", "version": "1"},
            "servers": [{"url": "https://api.example.com"}], "paths": paths,
            "components": {"schemas": schemas,
                           "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}]}


if __name__ == "__main__":
    with open("injection-families.json", "w") as f:
        json.dump(injection(), f, ensure_ascii=True, indent=1)
    with open("reserved-names.json", "w") as f:
        json.dump(reserved(), f, indent=1)
