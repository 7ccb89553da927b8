//! `path-template-ambiguous`: two variables next to each other (`/{a}{b}`).

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::{join, Entry};

/// The rule's code.
pub(super) const CODE: Code = Code::warning(
    "path-template-ambiguous",
    "Two variables stand next to each other in a path segment, as in /files/{name}{ext}: \
     nothing marks where one value ends and the next begins, so routing must guess. Put a \
     literal character between them (/files/{name}.{ext}).",
);

/// Checks the path of `entry` for adjacent variables.
pub(super) fn check(cx: &mut Ctx<'_>, entry: &Entry) {
    let path = &*entry.key;
    if !path.contains("}{") {
        return;
    }
    let d = diagnostic(
        &CODE,
        format!("path {path:?} has two variables with nothing between them; routing must guess where one ends"),
    );
    cx.push_span(d, entry.key_span, &join("/paths", path));
}

#[cfg(test)]
mod tests {
    use super::super::test::codes;

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /files/{name}{ext}:
    parameters:
      - {name: name, in: path, required: true, schema: {type: string}}
      - {name: ext, in: path, required: true, schema: {type: string}}
";

    #[test]
    fn adjacent_variables_are_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
    }

    #[test]
    fn a_separator_between_them_passes() {
        assert!(codes(&BAD.replace("{name}{ext}", "{name}.{ext}")).is_empty());
    }
}
