//! What the `info-*` rules share.

use oaskit_core::codes::Code;

use super::{Cx, Out};

/// Reports `code` at `info` when it has no (non-empty) `field`.
pub(super) fn missing(cx: &Cx<'_>, out: &mut Out<'_>, code: &Code, field: &str, what: &str) {
    let Some(info) = cx.root.get("info") else {
        return;
    };
    let present = info.get(field).is_some_and(|v| v.as_str() != Some(""));
    if !present {
        out.at(code, info, "/info", format!("{what} (`info.{field}`)"));
    }
}
