//! `parameter-description`: a parameter has no description.

use std::collections::HashSet;

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "parameter-description",
    "recommended: a parameter has no `description`. Its name rarely says its unit, format, \
     default or effect; documentation and SDK doc comments show the description.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    // A shared parameter (a component, or a Path Item's) is reported once, where it stands.
    let mut seen = HashSet::new();
    for op in cx.api.operations() {
        for p in &op.parameters {
            if p.description.is_none_or(str::is_empty) && seen.insert(p.pointer.as_str()) {
                out.at(
                    &CODE,
                    p.node,
                    &p.pointer,
                    format!(
                        "parameter {:?} (in {}) has no description",
                        p.name,
                        p.location.as_str()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn undescribed_once() {
        let f = findings(&doc("paths:\n  /a:\n    parameters: [{$ref: '#/components/parameters/P'}]\n    get: {parameters: [{name: q, in: query, description: d}], responses: {'200': {description: ok}}}\n    put: {responses: {'200': {description: ok}}}\ncomponents:\n  parameters:\n    P: {name: p, in: header}\n"), "parameter-description");
        assert_eq!(f, [(10, "/components/parameters/P".to_string())]);
    }
}
