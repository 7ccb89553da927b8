//! `response-code-invalid`: response keys are `default`, `100`-`599` or `1XX`-`5XX`.

use super::{diagnostic, Ctx, Op};
use crate::codes::Code;
use crate::node::{join, Node};

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "response-code-invalid",
    "A response key is not `default`, a status code from 100 to 599 or a range such as 4XX \
     (upper-case X). In YAML, quote status codes ('200') so that they stay strings. Extensions \
     (x-...) are allowed.",
);

/// Checks the keys of `op`'s responses.
pub(super) fn check(cx: &mut Ctx<'_>, op: &Op<'_>) {
    let Some(responses) = op.node.get("responses").and_then(Node::as_object) else {
        return;
    };
    for e in &responses.entries {
        let k = &*e.key;
        if !valid_response_key(k) && !k.starts_with("x-") {
            let d = diagnostic(
                &CODE,
                format!("response key {k:?} is not `default`, a status code from 100 to 599 or a range such as `4XX`"),
            );
            cx.push_span(d, e.key_span, &join(&join(&op.pointer, "responses"), k));
        }
    }
}

/// Whether `k` is `default`, a status code from 100 to 599 or a range `1XX` to `5XX`.
fn valid_response_key(k: &str) -> bool {
    if k == "default" {
        return true;
    }
    let b = k.as_bytes();
    if b.len() != 3 || !(b'1'..=b'5').contains(&b[0]) {
        return false;
    }
    (b[1].is_ascii_digit() && b[2].is_ascii_digit()) || (b[1] == b'X' && b[2] == b'X')
}

#[cfg(test)]
mod tests {
    use super::super::test::codes;
    use super::valid_response_key;

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses: {'2xx': {description: ok}}
";

    #[test]
    fn response_keys() {
        for ok in ["200", "4XX", "default", "599", "101"] {
            assert!(valid_response_key(ok), "{ok}");
        }
        for bad in ["600", "20", "2xx", "099", "2X0", "ok"] {
            assert!(!valid_response_key(bad), "{bad}");
        }
    }

    #[test]
    fn a_lower_case_range_is_reported() {
        assert!(codes(BAD).contains(&super::CODE.name), "{:?}", codes(BAD));
    }

    #[test]
    fn a_range_and_an_extension_pass() {
        let ok = BAD.replace(
            "'2xx': {description: ok}",
            "'2XX': {description: ok}, x-note: 1",
        );
        assert!(codes(&ok).is_empty());
    }
}
