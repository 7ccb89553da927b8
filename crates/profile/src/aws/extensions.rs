//! The `x-amazon-apigateway-*` extensions: where each one may stand and for which API type
//! (from each extension's reference page), finding them in a document, and checking an
//! extension object against its JSON Schema (`schemas/aws-extensions.json`, one `$defs` entry
//! per extension).

use std::collections::HashMap;
use std::sync::OnceLock;

use oaskit_core::{escape_token, Node, Span};

use crate::Profile;

/// The prefix every API Gateway extension starts with.
pub(crate) const PREFIX: &str = "x-amazon-apigateway-";

/// The kind of object an extension stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// The OpenAPI Object.
    Root,
    /// A Server Object.
    Server,
    /// A Path Item Object.
    PathItem,
    /// An Operation Object (also `x-amazon-apigateway-any-method`).
    Operation,
    /// A Security Scheme Object.
    SecurityScheme,
    /// A Tag Object.
    Tag,
    /// The Components Object.
    Components,
    /// Anywhere else (inside a schema, a response, another extension...).
    Other,
}

impl Place {
    /// How messages name it.
    pub fn describe(self) -> &'static str {
        match self {
            Place::Root => "the document root",
            Place::Server => "a Server Object",
            Place::PathItem => "a Path Item",
            Place::Operation => "an Operation",
            Place::SecurityScheme => "a Security Scheme",
            Place::Tag => "a Tag Object",
            Place::Components => "the Components Object",
            Place::Other => "this place",
        }
    }
}

/// One extension of AWS's reference.
pub(crate) struct Known {
    /// The name without [`PREFIX`].
    pub name: &'static str,
    /// Where its page says it stands.
    pub places: &'static [Place],
    /// The only API type its page says it is for, if one.
    pub only: Option<Profile>,
}

/// Every extension of the reference (api-gateway-swagger-extensions.html).
pub(crate) const KNOWN: &[Known] = &[
    Known {
        name: "any-method",
        places: &[Place::PathItem],
        only: None,
    },
    Known {
        name: "api-key-source",
        places: &[Place::Root],
        only: None,
    },
    Known {
        name: "auth",
        places: &[Place::Operation],
        only: None,
    },
    Known {
        name: "authorizer",
        places: &[Place::SecurityScheme],
        only: None,
    },
    Known {
        name: "authtype",
        places: &[Place::SecurityScheme],
        only: None,
    },
    Known {
        name: "binary-media-types",
        places: &[Place::Root],
        only: None,
    },
    Known {
        name: "cors",
        places: &[Place::Root],
        only: Some(Profile::AwsHttp),
    },
    Known {
        name: "documentation",
        places: &[Place::Root],
        only: None,
    },
    Known {
        name: "endpoint-configuration",
        places: &[Place::Root, Place::Server],
        only: None,
    },
    Known {
        name: "gateway-responses",
        places: &[Place::Root],
        only: None,
    },
    Known {
        name: "importexport-version",
        places: &[Place::Root],
        only: Some(Profile::AwsHttp),
    },
    Known {
        name: "integration",
        places: &[Place::Operation],
        only: None,
    },
    Known {
        name: "integrations",
        places: &[Place::Components],
        only: Some(Profile::AwsHttp),
    },
    Known {
        name: "minimum-compression-size",
        places: &[Place::Root],
        only: Some(Profile::AwsRest),
    },
    Known {
        name: "policy",
        places: &[Place::Root],
        only: Some(Profile::AwsRest),
    },
    Known {
        name: "request-validator",
        places: &[Place::Root, Place::Operation],
        only: None,
    },
    Known {
        name: "request-validators",
        places: &[Place::Root],
        only: Some(Profile::AwsRest),
    },
    Known {
        name: "tag-value",
        places: &[Place::Tag],
        only: Some(Profile::AwsHttp),
    },
];

/// The extension named `name` (without the prefix).
pub(crate) fn known(name: &str) -> Option<&'static Known> {
    KNOWN.iter().find(|k| k.name == name)
}

/// One `x-amazon-apigateway-*` member of a document.
pub(crate) struct Found<'d> {
    /// The name without [`PREFIX`].
    pub name: &'d str,
    /// Its value.
    pub node: &'d Node,
    /// Where its key stands.
    pub key_span: Span,
    /// The value's pointer.
    pub pointer: String,
    /// The object it is a member of.
    pub place: Place,
}

/// Every extension member of the tree, in document order. Extension values are not searched
/// further, except `x-amazon-apigateway-any-method` (an operation) and
/// `x-amazon-apigateway-integrations` is not (its members are integrations, checked by its
/// schema).
pub(crate) fn find(root: &Node) -> Vec<Found<'_>> {
    let mut out = Vec::new();
    let mut tokens: Vec<&str> = Vec::new();
    walk(root, &mut tokens, &mut out);
    out
}

/// Every member named `x-amazon-apigateway-KIND` anywhere in the tree (also inside other
/// extensions), with its value's pointer, in document order.
pub(crate) fn find_all<'d>(root: &'d Node, kind: &str) -> Vec<(&'d Node, String)> {
    fn go<'d>(n: &'d Node, at: &str, key: &str, out: &mut Vec<(&'d Node, String)>) {
        if let Some(m) = n.as_object() {
            for (k, v) in m.iter() {
                let p = oaskit_core::join_pointer(at, k);
                if k.strip_prefix(PREFIX) == Some(key) {
                    out.push((v, p.clone()));
                }
                go(v, &p, key, out);
            }
        } else if let Some(list) = n.as_array() {
            for (i, v) in list.iter().enumerate() {
                go(v, &oaskit_core::join_pointer(at, &i.to_string()), key, out);
            }
        }
    }
    let mut out = Vec::new();
    go(root, "", kind, &mut out);
    out
}

fn place_of(tokens: &[&str]) -> Place {
    match tokens {
        [] => Place::Root,
        ["servers", _] | ["paths", _, "servers", _] | ["paths", _, _, "servers", _] => {
            Place::Server
        }
        ["paths", p] if p.starts_with('/') => Place::PathItem,
        ["paths", p, m]
            if p.starts_with('/')
                && (oaskit_core::METHODS.contains(m) || *m == oaskit_core::api::ANY_METHOD) =>
        {
            Place::Operation
        }
        ["components", "securitySchemes", _] => Place::SecurityScheme,
        ["tags", _] => Place::Tag,
        ["components"] => Place::Components,
        _ => Place::Other,
    }
}

fn walk<'d>(node: &'d Node, tokens: &mut Vec<&'d str>, out: &mut Vec<Found<'d>>) {
    if let Some(m) = node.as_object() {
        for e in &m.entries {
            let key: &str = &e.key;
            if let Some(name) = key.strip_prefix(PREFIX) {
                let mut pointer = String::new();
                for t in tokens.iter().chain(std::iter::once(&key)) {
                    pointer.push('/');
                    pointer.push_str(&escape_token(t));
                }
                out.push(Found {
                    name,
                    node: &e.value,
                    key_span: e.key_span,
                    pointer,
                    place: place_of(tokens),
                });
                if name != "any-method" {
                    continue;
                }
            }
            // Only containers can hold extensions.
            if e.value.as_object().is_some() || e.value.as_array().is_some() {
                tokens.push(key);
                walk(&e.value, tokens, out);
                tokens.pop();
            }
        }
    } else if let Some(list) = node.as_array() {
        // Array indexes as tokens: kept as strings for the pointer.
        for (i, x) in list.iter().enumerate() {
            if x.as_object().is_some() || x.as_array().is_some() {
                let idx: &'d str = index_token(i);
                tokens.push(idx);
                walk(x, tokens, out);
                tokens.pop();
            }
        }
    }
}

/// `"0"`, `"1"`, ... as `'static` strings (interned once; arrays of documents are short
/// compared with the cost of a `String` per visited node).
fn index_token(i: usize) -> &'static str {
    static TOKENS: OnceLock<Vec<String>> = OnceLock::new();
    const N: usize = 4096;
    let t = TOKENS.get_or_init(|| (0..N).map(|i| i.to_string()).collect());
    match t.get(i) {
        Some(s) => s.as_str(),
        // Past the interned range no place depends on the index; any token will do.
        None => "-",
    }
}

/// The schema document, parsed once.
fn schema_document() -> &'static serde_json::Value {
    static DOC: OnceLock<serde_json::Value> = OnceLock::new();
    DOC.get_or_init(|| {
        serde_json::from_str(include_str!("../../schemas/aws-extensions.json"))
            .expect("schemas/aws-extensions.json is JSON (tested)")
    })
}

/// One compiled validator per extension of [`KNOWN`], built on first use.
fn validators() -> &'static HashMap<&'static str, jsonschema::Validator> {
    static V: OnceLock<HashMap<&'static str, jsonschema::Validator>> = OnceLock::new();
    V.get_or_init(|| {
        let doc = schema_document();
        KNOWN
            .iter()
            .map(|k| {
                let mut schema = doc.clone();
                schema["$ref"] = serde_json::Value::String(format!("#/$defs/{}", k.name));
                let v = jsonschema::validator_for(&schema)
                    .expect("every extension schema compiles (tested)");
                (k.name, v)
            })
            .collect()
    })
}

/// One way an extension object breaks its schema: the pointer inside the object (`""` for the
/// object itself) and what is wrong.
pub(crate) struct Violation {
    /// JSON pointer relative to the extension's value.
    pub at: String,
    /// The validator's message.
    pub message: String,
}

/// How an extension object breaks its schema (nothing for unknown extensions).
pub(crate) fn violations(name: &str, node: &Node) -> Vec<Violation> {
    let Some(v) = validators().get(name) else {
        return Vec::new();
    };
    let value = node.to_json();
    let mut out: Vec<Violation> = v
        .iter_errors(&value)
        .map(|e| Violation {
            at: e.instance_path().as_str().to_string(),
            message: e.to_string(),
        })
        .collect();
    // The deepest first: `anyOf` failures at the top repeat what the branch says below.
    out.sort_by_key(|x| std::cmp::Reverse(x.at.matches('/').count()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_extension_has_a_schema_that_compiles() {
        let doc = schema_document();
        for k in KNOWN {
            assert!(
                doc["$defs"].get(k.name).is_some(),
                "no schema for {}",
                k.name
            );
        }
        assert_eq!(validators().len(), KNOWN.len());
    }

    #[test]
    fn places_are_told_apart() {
        assert_eq!(place_of(&[]), Place::Root);
        assert_eq!(place_of(&["paths", "/a"]), Place::PathItem);
        assert_eq!(place_of(&["paths", "/a", "get"]), Place::Operation);
        assert_eq!(
            place_of(&["paths", "/a", "x-amazon-apigateway-any-method"]),
            Place::Operation
        );
        assert_eq!(place_of(&["paths", "/a", "parameters"]), Place::Other);
        assert_eq!(place_of(&["servers", "0"]), Place::Server);
        assert_eq!(
            place_of(&["components", "securitySchemes", "k"]),
            Place::SecurityScheme
        );
        assert_eq!(place_of(&["tags", "1"]), Place::Tag);
    }

    #[test]
    fn case_insensitive_values_and_the_ref_form_pass_unknown_members_do_not() {
        let node =
            |json: &str| Node::from_json(&serde_json::from_str(json).unwrap(), Span::new(0, 0));
        assert!(violations(
            "integration",
            &node(r#"{"type": "HTTP_PROXY", "uri": "https://x", "httpMethod": "any"}"#)
        )
        .is_empty());
        assert!(violations(
            "integration",
            &node(r##"{"$ref": "#/components/x-amazon-apigateway-integrations/a"}"##)
        )
        .is_empty());
        let bad = violations(
            "integration",
            &node(r#"{"type": "lambda", "timeoutInMillis": 10}"#),
        );
        assert!(!bad.is_empty());
        assert!(
            bad.iter()
                .any(|v| v.at == "/timeoutInMillis" || v.at == "/type" || v.at.is_empty()),
            "{:?}",
            bad.iter().map(|v| &v.message).collect::<Vec<_>>()
        );
        assert!(violations("auth", &node(r#"{"type": "aws_iam"}"#)).is_empty());
        assert!(!violations("auth", &node(r#"{"type": "COGNITO"}"#)).is_empty());
        assert!(!violations("gateway-responses", &node(r#"{"NOT_A_TYPE": {}}"#)).is_empty());
        assert!(violations("unknown-one", &node("{}")).is_empty());
    }
}
