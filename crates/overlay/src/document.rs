//! The Overlay document: reading its tree into [`Overlay`] and checking its shape.

use oaskit_core::{join_pointer, Diagnostic, Node, Span, Value};

use crate::codes;

/// The published Overlay Specification versions oaskit applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OverlayVersion {
    /// Overlay 1.0.x: `update` and `remove`.
    V1_0,
    /// Overlay 1.1.x: adds `copy` and `info.description`.
    V1_1,
}

impl OverlayVersion {
    /// The version of an `overlay` field value (`1.0.0`, `1.1.2`...); the patch is ignored.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('.');
        let (major, minor, patch) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || patch.is_empty() || !patch.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        match (major, minor) {
            ("1", "0") => Some(Self::V1_0),
            ("1", "1") => Some(Self::V1_1),
            _ => None,
        }
    }
}

/// A checked Overlay document.
#[derive(Clone, Debug)]
pub struct Overlay {
    /// The file of the overlay in the load's sources.
    pub file: u32,
    /// The Overlay Specification version it is written for.
    pub version: OverlayVersion,
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub info_version: String,
    /// `extends`, the document the overlay was written for (informational).
    pub extends: Option<String>,
    /// The actions, in order.
    pub actions: Vec<Action>,
}

/// One Action Object.
#[derive(Clone, Debug)]
pub struct Action {
    /// Position in `actions`.
    pub index: usize,
    /// JSON pointer of the action in the overlay file (`/actions/3`).
    pub pointer: String,
    /// The RFC 9535 query selecting the nodes to change.
    pub target: String,
    /// Where `target` is written.
    pub target_span: Span,
    /// `description`, if any.
    pub description: Option<String>,
    /// What the action does to each selected node.
    pub change: Change,
}

/// What an action does.
#[derive(Clone, Debug)]
pub enum Change {
    /// Merge this value into each selected node (objects merge, arrays append, primitives
    /// replace).
    Update(Node),
    /// Remove each selected node from its object or array (`remove: true`).
    Remove,
    /// Merge the single node this query selects into each selected node (1.1).
    Copy {
        /// The query.
        query: String,
        /// Where it is written.
        span: Span,
    },
    /// Neither: the action only selects (its target is still checked for matches).
    Nothing,
}

/// Reads and checks an overlay tree read from file `file`. Every problem found is returned,
/// located in the overlay file; an overlay with any error is not returned.
///
/// # Errors
/// The findings ([`codes::INVALID`], [`codes::VERSION`]) when the overlay is not well formed.
pub fn parse(tree: &Node, file: u32) -> Result<Overlay, Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let invalid = |errs: &mut Vec<Diagnostic>, span: Span, pointer: &str, msg: String| {
        errs.push(Diagnostic::error(codes::INVALID, msg).at(span, pointer));
    };
    let Some(root) = tree.as_object() else {
        invalid(
            &mut errs,
            tree.span,
            "",
            format!(
                "an Overlay document must be an object, not {}",
                tree.type_name()
            ),
        );
        return Err(errs);
    };
    let version = match root.get("overlay") {
        None => {
            errs.push(
                Diagnostic::error(codes::VERSION, "the required field `overlay` is missing")
                    .at(tree.span, ""),
            );
            None
        }
        Some(v) => match v.as_str().and_then(OverlayVersion::parse) {
            Some(ver) => Some(ver),
            None => {
                let shown = v
                    .as_str()
                    .map_or_else(|| v.type_name().to_string(), |s| format!("{s:?}"));
                errs.push(
                    Diagnostic::error(
                        codes::VERSION,
                        format!("`overlay` is {shown}; oaskit applies Overlay 1.0.x and 1.1.x (a string such as \"1.1.0\")"),
                    )
                    .at(v.span, "/overlay"),
                );
                None
            }
        },
    };
    // With an unknown version, the fields are still checked against the newest one.
    let v11 = version.is_none_or(|v| v >= OverlayVersion::V1_1);
    for e in &root.entries {
        if !matches!(&*e.key, "overlay" | "info" | "extends" | "actions")
            && !e.key.starts_with("x-")
        {
            invalid(
                &mut errs,
                e.key_span,
                &join_pointer("", &e.key),
                format!("unknown field {:?} in the Overlay Object", &*e.key),
            );
        }
    }
    let (title, info_version) = info(tree, v11, &mut errs);
    let extends = match root.get("extends") {
        Some(n) => match n.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                invalid(
                    &mut errs,
                    n.span,
                    "/extends",
                    format!("`extends` must be a string, not {}", n.type_name()),
                );
                None
            }
        },
        None => None,
    };
    let actions = actions(tree, v11, &mut errs);
    match version {
        Some(version) if errs.is_empty() => Ok(Overlay {
            file,
            version,
            title,
            info_version,
            extends,
            actions,
        }),
        _ => Err(errs),
    }
}

fn info(tree: &Node, v11: bool, errs: &mut Vec<Diagnostic>) -> (String, String) {
    let mut out = (String::new(), String::new());
    let Some(info) = tree.get("info") else {
        errs.push(
            Diagnostic::error(codes::INVALID, "the required field `info` is missing")
                .at(tree.span, ""),
        );
        return out;
    };
    let Some(m) = info.as_object() else {
        errs.push(
            Diagnostic::error(
                codes::INVALID,
                format!("`info` must be an object, not {}", info.type_name()),
            )
            .at(info.span, "/info"),
        );
        return out;
    };
    for (field, slot) in [("title", &mut out.0), ("version", &mut out.1)] {
        match m.get(field) {
            Some(n) => match n.as_str() {
                Some(s) => *slot = s.to_string(),
                None => errs.push(
                    Diagnostic::error(
                        codes::INVALID,
                        format!("`info.{field}` must be a string, not {}", n.type_name()),
                    )
                    .at(n.span, format!("/info/{field}")),
                ),
            },
            None => errs.push(
                Diagnostic::error(
                    codes::INVALID,
                    format!("the required field `info.{field}` is missing"),
                )
                .at(info.span, "/info"),
            ),
        }
    }
    for e in &m.entries {
        let known = matches!(&*e.key, "title" | "version") || (v11 && &*e.key == "description");
        if &*e.key == "description" && v11 && e.value.as_str().is_none() {
            errs.push(
                Diagnostic::error(
                    codes::INVALID,
                    format!(
                        "`info.description` must be a string, not {}",
                        e.value.type_name()
                    ),
                )
                .at(e.value.span, "/info/description"),
            );
        }
        if !known && !e.key.starts_with("x-") {
            errs.push(
                Diagnostic::error(
                    codes::INVALID,
                    format!("unknown field {:?} in the Info Object", &*e.key),
                )
                .at(e.key_span, join_pointer("/info", &e.key)),
            );
        }
    }
    out
}

fn actions(tree: &Node, v11: bool, errs: &mut Vec<Diagnostic>) -> Vec<Action> {
    let Some(node) = tree.get("actions") else {
        errs.push(
            Diagnostic::error(codes::INVALID, "the required field `actions` is missing")
                .at(tree.span, ""),
        );
        return Vec::new();
    };
    let Some(list) = node.as_array() else {
        errs.push(
            Diagnostic::error(
                codes::INVALID,
                format!("`actions` must be an array, not {}", node.type_name()),
            )
            .at(node.span, "/actions"),
        );
        return Vec::new();
    };
    if list.is_empty() {
        errs.push(
            Diagnostic::error(codes::INVALID, "`actions` must hold at least one action")
                .at(node.span, "/actions"),
        );
    }
    let mut out = Vec::with_capacity(list.len());
    // Equal actions are found by a hash of their canonical JSON, then confirmed node by node.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, a) in list.iter().enumerate() {
        let pointer = format!("/actions/{index}");
        let key = a.to_json().to_string();
        if let Some(&first) = seen.get(&key) {
            if list[first].same_as(a) {
                errs.push(
                    Diagnostic::error(
                        codes::INVALID,
                        format!(
                            "action {index} is the same as action {first}; actions must be unique"
                        ),
                    )
                    .at(a.span, pointer.clone()),
                );
            }
        } else {
            seen.insert(key, index);
        }
        if let Some(action) = action(a, index, pointer, v11, errs) {
            out.push(action);
        }
    }
    out
}

fn action(
    a: &Node,
    index: usize,
    pointer: String,
    v11: bool,
    errs: &mut Vec<Diagnostic>,
) -> Option<Action> {
    let mut err = |span: Span, at: String, msg: String| {
        errs.push(Diagnostic::error(codes::INVALID, msg).at(span, at));
    };
    let Some(m) = a.as_object() else {
        err(
            a.span,
            pointer,
            format!("an action must be an object, not {}", a.type_name()),
        );
        return None;
    };
    let mut ok = true;
    for e in &m.entries {
        let known = matches!(&*e.key, "target" | "description" | "update" | "remove")
            || (v11 && &*e.key == "copy");
        if !known && !e.key.starts_with("x-") {
            let hint = if &*e.key == "copy" {
                " (`copy` is Overlay 1.1; set `overlay: 1.1.0`)"
            } else {
                ""
            };
            err(
                e.key_span,
                join_pointer(&pointer, &e.key),
                format!("unknown field {:?} in an Action Object{hint}", &*e.key),
            );
            ok = false;
        }
    }
    let string_field = |field: &str,
                        err: &mut dyn FnMut(Span, String, String)|
     -> (Option<(String, Span)>, bool) {
        match m.get(field) {
            None => (None, true),
            Some(n) => match n.as_str() {
                Some(s) => (Some((s.to_string(), n.span)), true),
                None => {
                    err(
                        n.span,
                        join_pointer(&pointer, field),
                        format!("`{field}` must be a string, not {}", n.type_name()),
                    );
                    (None, false)
                }
            },
        }
    };
    let (target, good) = string_field("target", &mut err);
    ok &= good;
    let (description, good) = string_field("description", &mut err);
    ok &= good;
    let (copy, good) = if v11 {
        string_field("copy", &mut err)
    } else {
        (None, true)
    };
    ok &= good;
    let remove = match m.get("remove") {
        None => false,
        Some(n) => match n.value {
            Value::Bool(b) => b,
            _ => {
                err(
                    n.span,
                    join_pointer(&pointer, "remove"),
                    format!("`remove` must be a boolean, not {}", n.type_name()),
                );
                ok = false;
                false
            }
        },
    };
    let Some((target, target_span)) = target else {
        if ok {
            err(
                a.span,
                pointer,
                "the required field `target` is missing from the action".into(),
            );
        }
        return None;
    };
    if !target.starts_with('$') {
        err(
            target_span,
            join_pointer(&pointer, "target"),
            format!("`target` must be a JSONPath query starting with `$`, not {target:?}"),
        );
        return None;
    }
    if m.get("update").is_some() && copy.is_some() && !remove {
        err(
            a.span,
            pointer,
            "an action has both `update` and `copy`; give one of them".into(),
        );
        return None;
    }
    if !ok {
        return None;
    }
    let change = if remove {
        Change::Remove
    } else if let Some((query, span)) = copy {
        Change::Copy { query, span }
    } else if let Some(u) = m.get("update") {
        Change::Update(u.clone())
    } else {
        Change::Nothing
    };
    Some(Action {
        index,
        pointer,
        target,
        target_span,
        description: description.map(|(s, _)| s),
        change,
    })
}
