//! `discriminator-mapping-unresolved`: discriminator mappings name existing schemas.

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::{join, Node, Value};

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "discriminator-mapping-unresolved",
    "A discriminator mapping names no schema. Each value of `discriminator.mapping` must be a \
     reference that resolves (#/components/schemas/Cat) or the name of a schema under \
     components/schemas; otherwise a payload with that discriminator value cannot be matched \
     to a schema. Fix the name or the reference.",
);

/// Checks every discriminator of the document (walked whole, bounded in depth).
pub(super) fn check(cx: &mut Ctx<'_>) {
    let root = cx.root;
    walk(cx, root, "", 0);
}

fn walk(cx: &mut Ctx<'_>, node: &Node, pointer: &str, depth: usize) {
    if depth > 200 {
        return;
    }
    match &node.value {
        Value::Object(m) => {
            if let Some(map) = m
                .get("discriminator")
                .and_then(|d| d.get("mapping"))
                .and_then(Node::as_object)
            {
                let schemas = crate::load::schemas_of(cx.root, cx.version);
                for (k, v) in map.iter() {
                    let Some(target) = v.as_str() else { continue };
                    let ok = if let Some(frag) = target.strip_prefix('#') {
                        cx.root
                            .pointer(&crate::resolve::percent_decode(frag))
                            .is_some()
                    } else if target.contains('/') || target.contains('#') {
                        true // an external or relative URI: bundling has resolved what it could
                    } else {
                        schemas.is_some_and(|s| s.contains(target))
                    };
                    if !ok {
                        let mp = join(&join(&join(pointer, "discriminator"), "mapping"), k);
                        cx.push(
                            diagnostic(
                                &CODE,
                                format!(
                                    "discriminator mapping {k:?} -> {target:?} names no schema"
                                ),
                            ),
                            v,
                            &mp,
                        );
                    }
                }
            }
            for e in &m.entries {
                if e.key.starts_with("x-")
                    || matches!(&*e.key, "example" | "examples" | "enum" | "const")
                {
                    continue;
                }
                if matches!(e.value.value, Value::Object(_) | Value::Array(_)) {
                    walk(cx, &e.value, &join(pointer, &e.key), depth + 1);
                }
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                if matches!(v.value, Value::Object(_) | Value::Array(_)) {
                    walk(cx, v, &join(pointer, &i.to_string()), depth + 1);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::{codes, findings};

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Cat: {type: object}
    Pet:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator:
        propertyName: kind
        mapping: {cat: Cat, dog: Dog}
";

    #[test]
    fn a_mapping_to_no_schema_is_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
        assert_eq!(
            findings(BAD, super::CODE.name),
            [(
                "discriminator mapping \"dog\" -> \"Dog\" names no schema".to_string(),
                "/components/schemas/Pet/discriminator/mapping/dog".to_string()
            )]
        );
    }

    #[test]
    fn names_and_references_that_resolve_pass() {
        let ok = BAD.replace("dog: Dog", "dog: '#/components/schemas/Cat'");
        assert!(codes(&ok).is_empty());
    }
}
