//! `parameter-duplicate`: no two parameters of one list share name and location.

use std::collections::HashMap;

use super::{diagnostic, Ctx, ParamKey};
use crate::codes::Code;
use crate::node::Node;

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "parameter-duplicate",
    "A parameter list names the same (name, location) twice. Within the `parameters` of one \
     operation or one path item, a parameter is identified by its name and `in` (header names \
     regardless of case); a second one is ambiguous. Remove or rename one. (An operation's \
     parameter may override one of its path item: that is not a duplicate.)",
);

/// The parameters met so far in the list: where each was first listed.
pub(super) type Seen = HashMap<ParamKey, String>;

/// Checks the parameter `p` (at `pointer`, identified by `key`) against the ones before it.
pub(super) fn check(cx: &mut Ctx<'_>, seen: &mut Seen, key: ParamKey, p: &Node, pointer: &str) {
    if let Some(first) = seen.get(&key) {
        let d = diagnostic(
            &CODE,
            format!(
                "parameter {:?} in {} is listed twice (first at {first})",
                key.0, key.1
            ),
        );
        cx.push(d, p, pointer);
    } else {
        seen.insert(key, cx.origins.original(pointer));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::{codes, findings};

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - {name: X-Id, in: header, schema: {type: string}}
        - {name: x-id, in: header, schema: {type: string}}
      responses: {'200': {description: ok}}
";

    #[test]
    fn a_header_listed_twice_in_any_case_is_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
        assert_eq!(
            findings(BAD, super::CODE.name)[0].0,
            "parameter \"x-id\" in header is listed twice (first at /paths/~1pets/get/parameters/0)"
        );
    }

    #[test]
    fn the_same_name_in_another_location_passes() {
        assert!(
            codes(&BAD.replace("{name: x-id, in: header", "{name: x-id, in: query")).is_empty()
        );
    }
}
