//! Parameters of every location: added, removed, required, moved, serialized differently, and
//! their schemas judged in the request direction.

use oaskit_core::api::{names_variable, Operation, ParamLocation, Parameter, SchemaRef};

use crate::codes as c;
use crate::context::{Cx, OpCx};
use crate::report::Level;
use crate::schema::Dir;
use crate::sdk::{Root, Target};
use crate::shape::{ARRAY, OBJECT};

/// The schema of a parameter: `schema`, else the schema of its first media type.
pub(crate) fn schema_of<'a>(p: &Parameter<'a>) -> Option<SchemaRef<'a>> {
    p.schema
        .clone()
        .or_else(|| p.content.first().and_then(|m| m.schema.clone()))
}

fn describe(p: &Parameter<'_>) -> String {
    format!("parameter `{}` ({})", p.name, p.location.as_str())
}

/// The position of a path parameter in its template.
fn position(vars: &[&str], name: &str) -> Option<usize> {
    vars.iter().position(|v| names_variable(v, name))
}

/// Compares the parameters of one operation.
pub(crate) fn compare<'a>(
    cx: &mut Cx<'a>,
    op: &OpCx,
    o: &Operation<'a>,
    n: &Operation<'a>,
    vars: &(Vec<&str>, Vec<&str>),
) {
    let mut matched_new = vec![false; n.parameters.len()];
    let mut unmatched_old = Vec::new();
    for po in &o.parameters {
        let found = n.parameters.iter().enumerate().position(|(j, pn)| {
            !matched_new[j]
                && if po.location == ParamLocation::Path && pn.location == ParamLocation::Path {
                    // Same position in the template: a rename is no change.
                    position(&vars.0, po.name).is_some()
                        && position(&vars.0, po.name) == position(&vars.1, pn.name)
                } else {
                    pn.same(po.name, po.location)
                }
        });
        match found {
            Some(j) => {
                matched_new[j] = true;
                pair(cx, op, po, &n.parameters[j]);
            }
            None => unmatched_old.push(po),
        }
    }
    for po in unmatched_old {
        // The same name elsewhere: moved.
        let moved = n.parameters.iter().enumerate().position(|(j, pn)| {
            !matched_new[j] && pn.name.eq_ignore_ascii_case(po.name) && pn.location != po.location
        });
        if let Some(j) = moved {
            matched_new[j] = true;
            let pn = &n.parameters[j];
            cx.emit(
                op,
                c::PARAMETER_LOCATION_CHANGED,
                Level::Breaking,
                format!(
                    "parameter `{}` moved from {} to {}",
                    po.name,
                    po.location.as_str(),
                    pn.location.as_str()
                ),
                Some((po.node, &po.pointer)),
                Some((pn.node, &pn.pointer)),
                &Target::Param(
                    Some((po.location, po.name.to_string())),
                    Some((pn.location, pn.name.to_string())),
                ),
            );
            continue;
        }
        cx.emit(
            op,
            c::PARAMETER_REMOVED,
            Level::Warning,
            format!("{} removed", describe(po)),
            Some((po.node, &po.pointer)),
            None,
            &Target::Param(Some((po.location, po.name.to_string())), None),
        );
    }
    for (j, pn) in n.parameters.iter().enumerate() {
        if matched_new[j] {
            continue;
        }
        let (id, level, what) = if pn.required {
            (c::PARAMETER_ADDED_REQUIRED, Level::Breaking, "required")
        } else {
            (c::PARAMETER_ADDED_OPTIONAL, Level::Info, "optional")
        };
        cx.emit(
            op,
            id,
            level,
            format!("{what} {} added", describe(pn)),
            None,
            Some((pn.node, &pn.pointer)),
            &Target::Param(None, Some((pn.location, pn.name.to_string()))),
        );
    }
}

fn pair<'a>(cx: &mut Cx<'a>, op: &OpCx, po: &Parameter<'a>, pn: &Parameter<'a>) {
    let at = (
        Some((po.node, po.pointer.as_str())),
        Some((pn.node, pn.pointer.as_str())),
    );
    let target = Target::Param(
        Some((po.location, po.name.to_string())),
        Some((pn.location, pn.name.to_string())),
    );
    let what = describe(pn);
    if !po.required && pn.required {
        cx.emit(
            op,
            c::PARAMETER_BECAME_REQUIRED,
            Level::Breaking,
            format!("{what} became required"),
            at.0,
            at.1,
            &target,
        );
    } else if po.required && !pn.required {
        cx.emit(
            op,
            c::PARAMETER_BECAME_OPTIONAL,
            Level::Info,
            format!("{what} became optional"),
            at.0,
            at.1,
            &target,
        );
    }
    if po.style != pn.style {
        cx.emit(
            op,
            c::PARAMETER_STYLE_CHANGED,
            Level::Breaking,
            format!("{what}: style {} became {}", po.style, pn.style),
            at.0,
            at.1,
            &Target::Nothing,
        );
    } else if po.explode != pn.explode {
        let structured = |t: Option<u8>| t.is_none_or(|t| t & (ARRAY | OBJECT) != 0);
        let old_t = schema_of(po).map(|s| cx.types_of(true, &s));
        let new_t = schema_of(pn).map(|s| cx.types_of(false, &s));
        let level = if old_t.is_some_and(structured) || new_t.is_some_and(structured) {
            Level::Breaking
        } else {
            Level::Info
        };
        cx.emit(
            op,
            c::PARAMETER_EXPLODE_CHANGED,
            level,
            format!("{what}: explode {} became {}", po.explode, pn.explode),
            at.0,
            at.1,
            &Target::Nothing,
        );
    }
    if !po.deprecated && pn.deprecated {
        cx.emit(
            op,
            c::PARAMETER_DEPRECATED,
            Level::Warning,
            format!("{what} deprecated"),
            at.0,
            at.1,
            &target,
        );
    }
    if let (Some(a), Some(b)) = (schema_of(po), schema_of(pn)) {
        let root = Root::Param(pn.location, po.name.to_string(), pn.name.to_string());
        cx.schema(op, &what, &root, &a, &b, Dir::Request);
    }
}
