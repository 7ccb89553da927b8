//! `component-name`: component keys match `^[a-zA-Z0-9.\-_]+$`.

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::{join, Node};
use crate::version::SpecVersion;

/// The rule's code.
pub(super) const CODE: Code = Code::warning(
    "component-name",
    "A component name does not match ^[a-zA-Z0-9.-_]+$ (letters, digits, dots, hyphens and \
     underscores). The specification requires it for every key under `components`; tools may \
     refuse such a name or rename it, which breaks references to it. Rename the component and \
     its references.",
);

/// Checks the names under every section of `components` (OpenAPI 3 only).
pub(super) fn check(cx: &mut Ctx<'_>) {
    if cx.version == SpecVersion::Swagger2 {
        return;
    }
    let Some(comps) = cx.root.get("components").and_then(Node::as_object) else {
        return;
    };
    for (section, map) in comps.iter() {
        if section.starts_with("x-") {
            continue;
        }
        let Some(m) = map.as_object() else { continue };
        for e in &m.entries {
            let ok = !e.key.is_empty()
                && e.key
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'));
            if !ok {
                let d = diagnostic(
                    &CODE,
                    format!("component name {:?} in {section} does not match ^[a-zA-Z0-9.\\-_]+$; tools may refuse or rename it", e.key),
                );
                cx.push_span(d, e.key_span, &join(&join("/components", section), &e.key));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::codes;

    const BAD: &str = "openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    'Pet Item': {type: object}
";

    #[test]
    fn a_name_with_a_space_is_reported() {
        assert!(codes(BAD).contains(&super::CODE.name), "{:?}", codes(BAD));
    }

    #[test]
    fn a_plain_name_passes() {
        assert!(codes(&BAD.replace("'Pet Item'", "Pet.Item_v-1")).is_empty());
    }
}
