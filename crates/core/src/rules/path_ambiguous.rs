//! `path-ambiguous`: no two templated paths differ only in the names of their variables.

use std::collections::HashMap;

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::{join, Entry};

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "path-ambiguous",
    "Two templated paths differ only in variable names, such as /pets/{id} and /pets/{name}. \
     The specification says such paths are identical and invalid: a request could match \
     either. Merge them into one path item.",
);

/// The templated paths met so far, by shape (variables blanked): the first path of each shape.
pub(super) type Seen = HashMap<String, String>;

/// Checks the path of `entry` (with template variables `vars`) against the ones before it.
pub(super) fn check(cx: &mut Ctx<'_>, seen: &mut Seen, entry: &Entry, vars: &[String]) {
    if vars.is_empty() {
        return;
    }
    let path = &*entry.key;
    let shape = normalized_template(path);
    if let Some(other) = seen.get(&shape) {
        let d = diagnostic(
            &CODE,
            format!("paths {other:?} and {path:?} differ only in the names of their variables; they are the same path"),
        );
        cx.push_span(d, entry.key_span, &join("/paths", path));
    } else {
        seen.insert(shape, path.to_string());
    }
}

/// `path` with every `{variable}` written `{}`.
fn normalized_template(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push_str("{}");
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test::codes;

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
  /pets/{name}:
    parameters: [{name: name, in: path, required: true, schema: {type: string}}]
";

    #[test]
    fn paths_that_differ_only_in_variable_names_are_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
        assert_eq!(super::normalized_template("/a/{b}/{c}"), "/a/{}/{}");
    }

    #[test]
    fn a_fixed_segment_tells_them_apart() {
        assert!(codes(&BAD.replace("/pets/{name}:", "/owners/{name}:")).is_empty());
    }
}
