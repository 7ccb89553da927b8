//! Keeping or stripping vendor extensions (`x-...`).

use oaskit_core::{Node, Value};

/// Which extensions survive an export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Extensions {
    /// Keep every extension (the default).
    #[default]
    Keep,
    /// Remove every extension.
    Strip,
    /// Keep only extensions whose name starts with one of these prefixes (`x-amazon-apigateway`).
    Prefixes(Vec<String>),
}

impl Extensions {
    fn keeps(&self, key: &str) -> bool {
        match self {
            Self::Keep => true,
            Self::Strip => false,
            Self::Prefixes(p) => p.iter().any(|x| key.starts_with(x.as_str())),
        }
    }
}

const NAME_MAPS: [&str; 10] = [
    "properties",
    "patternProperties",
    "schemas",
    "parameters",
    "definitions",
    "securityDefinitions",
    "securitySchemes",
    "headers",
    "examples",
    "requestBodies",
];

/// Applies the policy to every object of the document (not to data such as examples, nor to
/// names in maps like `properties`, where `x-` is a name and not an extension).
pub(crate) fn apply(n: &mut Node, policy: &Extensions, in_name_map: bool, depth: usize) {
    if *policy == Extensions::Keep || depth > 512 {
        return;
    }
    match &mut n.value {
        Value::Object(m) => {
            if !in_name_map {
                m.entries
                    .retain(|e| !e.key.starts_with("x-") || policy.keeps(&e.key));
            }
            for e in &mut m.entries {
                if !in_name_map
                    && matches!(e.key.as_ref(), "example" | "default" | "enum" | "const")
                {
                    continue;
                }
                let child_map = !in_name_map && NAME_MAPS.contains(&e.key.as_ref());
                apply(&mut e.value, policy, child_map, depth + 1);
            }
        }
        Value::Array(a) => a
            .iter_mut()
            .for_each(|x| apply(x, policy, false, depth + 1)),
        _ => {}
    }
}
