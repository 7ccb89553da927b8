//! `component-unused`: a component nothing refers to.

use std::collections::HashSet;

use super::{Cx, Out};
use oaskit_core::codes::Code;
use oaskit_core::Node;
use oaskit_core::Value;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "component-unused",
    "recommended: a component (schema, response, parameter, example, request body, header, \
     security scheme, link, callback or path item) that no `$ref`, discriminator mapping or \
     security requirement uses. It is dead weight in documentation and generated SDKs, and \
     often a sign that a reference names the wrong component. References from other unused \
     components count as uses.",
);

/// The component maps checked.
const KINDS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
];

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let Some(components) = cx.root.get("components").and_then(Node::as_object) else {
        return;
    };
    let used = uses(cx.root);
    for kind in KINDS {
        let Some(m) = components.get(kind).and_then(Node::as_object) else {
            continue;
        };
        for (name, node) in m.iter() {
            if !used.contains(&(*kind, name.to_string())) {
                let at = oaskit_core::join_pointer(&format!("/components/{kind}"), name);
                let what = kind.trim_end_matches('s');
                out.at(&CODE, node, &at, format!("{what} {name:?} is not used"));
            }
        }
    }
}

/// Every `(kind, name)` of a component used somewhere: by `$ref` (into the component or
/// anything inside it), by discriminator mapping (a reference or a schema name), and by name
/// in security requirements.
fn uses(root: &Node) -> HashSet<(&'static str, String)> {
    // The walk only gathers the distinct strings (GitHub's definition has tens of thousands of
    // references to a few thousand components); each is decoded once afterwards.
    let mut refs: HashSet<&str> = HashSet::new();
    let mut used = HashSet::new();
    let mut stack: Vec<&Node> = vec![root];
    while let Some(n) = stack.pop() {
        match &n.value {
            Value::Object(m) => {
                for (k, v) in m.iter() {
                    match (k, &v.value) {
                        ("$ref", Value::String(r)) => {
                            refs.insert(r);
                        }
                        ("mapping", Value::Object(map)) => {
                            for (_, target) in map.iter() {
                                if let Some(t) = target.as_str() {
                                    if t.starts_with('#') {
                                        refs.insert(t);
                                    } else {
                                        used.insert(("schemas", t.to_string()));
                                    }
                                }
                            }
                        }
                        ("security", Value::Array(reqs)) => {
                            for req in reqs {
                                if let Some(r) = req.as_object() {
                                    for (scheme, _) in r.iter() {
                                        used.insert(("securitySchemes", scheme.to_string()));
                                    }
                                }
                            }
                        }
                        (_, Value::Object(_) | Value::Array(_)) => stack.push(v),
                        _ => {}
                    }
                }
            }
            Value::Array(list) => {
                for x in list {
                    if matches!(x.value, Value::Object(_) | Value::Array(_)) {
                        stack.push(x);
                    }
                }
            }
            _ => {}
        }
    }
    let mut named: HashSet<(&str, &str)> = HashSet::new();
    for r in refs {
        let Some(rest) = r.strip_prefix("#/components/") else {
            continue;
        };
        let mut parts = rest.splitn(3, '/');
        if let (Some(kind), Some(name)) = (parts.next(), parts.next()) {
            named.insert((kind, name));
        }
    }
    for (kind, name) in named {
        if let Some(kind) = KINDS.iter().find(|k| **k == kind) {
            let name = oaskit_core::percent_decode(name);
            used.insert((*kind, oaskit_core::unescape_token(&name)));
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn unused_components() {
        let text = doc("security: [{k: []}]\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A/properties/x'}}}}\ncomponents:\n  schemas:\n    A: {properties: {x: {$ref: '#/components/schemas/B'}}}\n    B: {type: string}\n    C: {oneOf: [{$ref: '#/components/schemas/D'}], discriminator: {propertyName: t, mapping: {e: E}}}\n    D: {type: object}\n    E: {type: object}\n  securitySchemes:\n    k: {type: apiKey, in: header, name: k}\n    o: {type: http, scheme: basic}\n");
        let f = findings(&text, "component-unused");
        let got: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            got,
            ["/components/schemas/C", "/components/securitySchemes/o"]
        );
    }
}
