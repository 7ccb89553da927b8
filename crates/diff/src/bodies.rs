//! Request bodies: added, removed, required, media types, and schemas judged in the request
//! direction.

use oaskit_core::api::{MediaType, Operation};

use crate::codes as c;
use crate::context::{Cx, OpCx};
use crate::report::Level;
use crate::schema::Dir;
use crate::sdk::{Root, Target};

/// The media type of `list` named `name` (case-insensitively).
pub(crate) fn find<'l, 'a>(list: &'l [MediaType<'a>], name: &str) -> Option<&'l MediaType<'a>> {
    list.iter().find(|m| m.name.eq_ignore_ascii_case(name))
}

/// Compares the request bodies of one operation.
pub(crate) fn compare<'a>(cx: &mut Cx<'a>, op: &OpCx, o: &Operation<'a>, n: &Operation<'a>) {
    match (&o.request_body, &n.request_body) {
        (None, None) => {}
        (None, Some(b)) => {
            let (id, level, what) = if b.required {
                (c::REQUEST_BODY_ADDED_REQUIRED, Level::Breaking, "required")
            } else {
                (c::REQUEST_BODY_ADDED_OPTIONAL, Level::Info, "optional")
            };
            cx.emit(
                op,
                id,
                level,
                format!("{what} request body added"),
                None,
                Some((b.node, &b.pointer)),
                &Target::Body,
            );
        }
        (Some(a), None) => {
            cx.emit(
                op,
                c::REQUEST_BODY_REMOVED,
                Level::Warning,
                "request body removed".into(),
                Some((a.node, &a.pointer)),
                None,
                &Target::Body,
            );
        }
        (Some(a), Some(b)) => {
            let at: (crate::context::At<'_, '_>, crate::context::At<'_, '_>) = (
                Some((a.node, a.pointer.as_str())),
                Some((b.node, b.pointer.as_str())),
            );
            if !a.required && b.required {
                cx.emit(
                    op,
                    c::REQUEST_BODY_BECAME_REQUIRED,
                    Level::Breaking,
                    "request body became required".into(),
                    at.0,
                    at.1,
                    &Target::Body,
                );
            } else if a.required && !b.required {
                cx.emit(
                    op,
                    c::REQUEST_BODY_BECAME_OPTIONAL,
                    Level::Info,
                    "request body became optional".into(),
                    at.0,
                    at.1,
                    &Target::Body,
                );
            }
            for ma in &a.content {
                match find(&b.content, ma.name) {
                    None => cx.emit(
                        op,
                        c::REQUEST_MEDIA_TYPE_REMOVED,
                        Level::Breaking,
                        format!("request body media type {} removed", ma.name),
                        Some((ma.node, &ma.pointer)),
                        None,
                        &Target::Body,
                    ),
                    Some(mb) => {
                        if let (Some(x), Some(y)) = (&ma.schema, &mb.schema) {
                            let context = format!("request body ({})", mb.name);
                            cx.schema(
                                op,
                                &context,
                                &Root::Body(mb.name.to_string()),
                                x,
                                y,
                                Dir::Request,
                            );
                        }
                    }
                }
            }
            for mb in &b.content {
                if find(&a.content, mb.name).is_none() {
                    cx.emit(
                        op,
                        c::REQUEST_MEDIA_TYPE_ADDED,
                        Level::Info,
                        format!("request body media type {} added", mb.name),
                        None,
                        Some((mb.node, &mb.pointer)),
                        &Target::Body,
                    );
                }
            }
        }
    }
}
