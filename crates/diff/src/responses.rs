//! Responses: statuses added and removed (a success response clients expect is breaking, a new
//! error status is not), media types, headers, links, and schemas judged in the response
//! direction.

use oaskit_core::api::{Operation, Response, StatusMatch};

use crate::bodies::find;
use crate::codes as c;
use crate::context::{Cx, OpCx};
use crate::report::Level;
use crate::schema::Dir;
use crate::sdk::{Root, Target};

fn success(s: StatusMatch) -> bool {
    match s {
        StatusMatch::Exact(code) => (200..300).contains(&code),
        StatusMatch::Range(lo, _) => lo == 200,
        StatusMatch::Default => false,
    }
}

/// The new response that answers what an old one did: the same key, else (for an exact
/// status) the range or `default` that now covers it.
fn counterpart<'r, 'a>(old: &Response<'a>, new: &'r [Response<'a>]) -> Option<&'r Response<'a>> {
    if let Some(r) = new.iter().find(|r| r.status == old.status) {
        return Some(r);
    }
    match old.status {
        StatusMatch::Exact(code) => StatusMatch::select(new.iter(), code, |r| r.status),
        _ => None,
    }
}

/// Compares the responses of one operation.
pub(crate) fn compare<'a>(cx: &mut Cx<'a>, op: &OpCx, o: &Operation<'a>, n: &Operation<'a>) {
    for ra in &o.responses {
        match counterpart(ra, &n.responses) {
            Some(rb) => pair(cx, op, ra, rb),
            None => {
                let (id, level) = if success(ra.status) {
                    (c::RESPONSE_SUCCESS_REMOVED, Level::Breaking)
                } else {
                    (c::RESPONSE_STATUS_REMOVED, Level::Warning)
                };
                cx.emit(
                    op,
                    id,
                    level,
                    format!("response {} removed", ra.status),
                    Some((ra.node, &ra.pointer)),
                    None,
                    &Target::Response(ra.status.key()),
                );
            }
        }
    }
    for rb in &n.responses {
        // Compared already: the same key, or the range or default that now answers an old
        // exact status.
        if o.responses.iter().any(|ra| {
            ra.status == rb.status
                || counterpart(ra, &n.responses).is_some_and(|x| std::ptr::eq(x, rb))
        }) {
            continue;
        }
        // An exact status an old range covered: clients read it with the range's schema.
        if let StatusMatch::Exact(code) = rb.status {
            let covering = o
                .responses
                .iter()
                .find(|ra| matches!(ra.status, StatusMatch::Range(..)) && ra.status.covers(code));
            if let Some(ra) = covering {
                pair(cx, op, ra, rb);
                continue;
            }
        }
        let (id, level) = if success(rb.status) {
            (c::RESPONSE_SUCCESS_ADDED, Level::Warning)
        } else {
            (c::RESPONSE_STATUS_ADDED, Level::Info)
        };
        cx.emit(
            op,
            id,
            level,
            format!("response {} added", rb.status),
            None,
            Some((rb.node, &rb.pointer)),
            &Target::Response(rb.status.key()),
        );
    }
}

fn pair<'a>(cx: &mut Cx<'a>, op: &OpCx, ra: &Response<'a>, rb: &Response<'a>) {
    links(cx, op, ra, rb);
    let status = rb.status.key();
    for ma in &ra.content {
        match find(&rb.content, ma.name) {
            None => {
                let level = if success(ra.status) {
                    Level::Breaking
                } else {
                    Level::Warning
                };
                cx.emit(
                    op,
                    c::RESPONSE_MEDIA_TYPE_REMOVED,
                    level,
                    format!("response {} media type {} removed", ra.status, ma.name),
                    Some((ma.node, &ma.pointer)),
                    None,
                    &Target::Response(ra.status.key()),
                );
            }
            Some(mb) => {
                if let (Some(x), Some(y)) = (&ma.schema, &mb.schema) {
                    let context = format!("response {} ({})", rb.status, mb.name);
                    let root = Root::Response(status.clone(), mb.name.to_string());
                    cx.schema(op, &context, &root, x, y, Dir::Response);
                }
            }
        }
    }
    for mb in &rb.content {
        if find(&ra.content, mb.name).is_none() {
            cx.emit(
                op,
                c::RESPONSE_MEDIA_TYPE_ADDED,
                Level::Info,
                format!("response {} media type {} added", rb.status, mb.name),
                None,
                Some((mb.node, &mb.pointer)),
                &Target::Nothing,
            );
        }
    }
    for ha in &ra.headers {
        let what = format!("response {} header `{}`", rb.status, ha.name);
        match rb
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(ha.name))
        {
            None => {
                let level = if ha.required {
                    Level::Breaking
                } else {
                    Level::Warning
                };
                cx.emit(
                    op,
                    c::RESPONSE_HEADER_REMOVED,
                    level,
                    format!("{what} removed"),
                    Some((ha.node, &ha.pointer)),
                    None,
                    &Target::Nothing,
                );
            }
            Some(hb) => {
                let hat = (
                    Some((ha.node, ha.pointer.as_str())),
                    Some((hb.node, hb.pointer.as_str())),
                );
                if ha.required && !hb.required {
                    cx.emit(
                        op,
                        c::RESPONSE_HEADER_BECAME_OPTIONAL,
                        Level::Breaking,
                        format!("{what} became optional"),
                        hat.0,
                        hat.1,
                        &Target::Nothing,
                    );
                } else if !ha.required && hb.required {
                    cx.emit(
                        op,
                        c::RESPONSE_HEADER_BECAME_REQUIRED,
                        Level::Info,
                        format!("{what} became required"),
                        hat.0,
                        hat.1,
                        &Target::Nothing,
                    );
                }
                let sa = ha
                    .schema
                    .clone()
                    .or_else(|| ha.content.first().and_then(|m| m.schema.clone()));
                let sb = hb
                    .schema
                    .clone()
                    .or_else(|| hb.content.first().and_then(|m| m.schema.clone()));
                if let (Some(x), Some(y)) = (sa, sb) {
                    // Headers are no part of the SDK's typed results: judged on the wire only.
                    let root = Root::Response(String::new(), String::new());
                    cx.schema(op, &what, &root, &x, &y, Dir::Response);
                }
            }
        }
    }
    for hb in &rb.headers {
        if !ra
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(hb.name))
        {
            cx.emit(
                op,
                c::RESPONSE_HEADER_ADDED,
                Level::Info,
                format!("response {} header `{}` added", rb.status, hb.name),
                None,
                Some((hb.node, &hb.pointer)),
                &Target::Nothing,
            );
        }
    }
}

/// Compares the links of two versions of a response, by name: a link that now names another
/// operation or passes other values is a change, its description is not.
fn links<'a>(cx: &mut Cx<'a>, op: &OpCx, ra: &Response<'a>, rb: &Response<'a>) {
    let passes = |n: &oaskit_core::Node| {
        ["parameters", "requestBody", "server"].map(|k| n.get(k).map(oaskit_core::Node::to_json))
    };
    for la in &ra.links {
        let what = format!("response {} link `{}`", rb.status, la.name);
        match rb.links.iter().find(|l| l.name == la.name) {
            None => cx.emit(
                op,
                c::RESPONSE_LINK_REMOVED,
                Level::Warning,
                format!("{what} removed"),
                Some((la.node, &la.pointer)),
                None,
                &Target::Nothing,
            ),
            Some(lb) => {
                let target = |l: &oaskit_core::api::Link<'a>| (l.operation_id, l.operation_ref);
                if target(la) != target(lb) || passes(la.node) != passes(lb.node) {
                    cx.emit(
                        op,
                        c::RESPONSE_LINK_CHANGED,
                        Level::Warning,
                        format!("{what} changed its target or the values it passes"),
                        Some((la.node, &la.pointer)),
                        Some((lb.node, &lb.pointer)),
                        &Target::Nothing,
                    );
                }
            }
        }
    }
    for lb in &rb.links {
        if !ra.links.iter().any(|l| l.name == lb.name) {
            cx.emit(
                op,
                c::RESPONSE_LINK_ADDED,
                Level::Info,
                format!("response {} link `{}` added", rb.status, lb.name),
                None,
                Some((lb.node, &lb.pointer)),
                &Target::Nothing,
            );
        }
    }
}
