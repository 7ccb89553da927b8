//! Security: the requirements an operation accepts (a client that satisfied an old one must
//! satisfy a new one) and the schemes both versions declare.

use oaskit_core::api::{KeyLocation, Operation, Requirement, SchemeKind, Server};

use crate::codes as c;
use crate::context::{Cx, OpCx};
use crate::report::Level;
use crate::sdk::Target;

/// One alternative: scheme names with their scopes.
type Alt<'a> = Vec<(&'a str, Vec<&'a str>)>;

fn alternatives<'a>(reqs: Option<&[Requirement<'a>]>) -> Vec<(Alt<'a>, String)> {
    match reqs {
        // No requirement at all: anyone may call.
        None => vec![(Vec::new(), String::new())],
        Some([]) => vec![(Vec::new(), String::new())],
        Some(list) => list
            .iter()
            .map(|r| {
                (
                    r.schemes
                        .iter()
                        .map(|s| (s.name, s.scopes.clone()))
                        .collect(),
                    r.pointer.clone(),
                )
            })
            .collect(),
    }
}

/// Whether credentials that satisfy `held` satisfy `needed`.
fn satisfies(held: &Alt<'_>, needed: &Alt<'_>) -> bool {
    needed.iter().all(|(name, scopes)| {
        held.iter()
            .any(|(h, hs)| h == name && scopes.iter().all(|s| hs.contains(s)))
    })
}

fn show(alt: &Alt<'_>) -> String {
    if alt.is_empty() {
        return "no credentials".into();
    }
    alt.iter()
        .map(|(n, s)| {
            if s.is_empty() {
                format!("`{n}`")
            } else {
                format!("`{n}` ({})", s.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

fn same_schemes(a: &Alt<'_>, b: &Alt<'_>) -> bool {
    a.len() == b.len() && a.iter().all(|(n, _)| b.iter().any(|(m, _)| m == n))
}

/// Compares the requirements of one operation.
pub(crate) fn requirements<'a>(cx: &mut Cx<'a>, op: &OpCx, o: &Operation<'a>, n: &Operation<'a>) {
    let old = alternatives(o.security.as_deref());
    let new = alternatives(n.security.as_deref());
    let node_old = |cx: &Cx<'a>, p: &str| if p.is_empty() { None } else { cx.old.node(p) };
    let node_new = |cx: &Cx<'a>, p: &str| if p.is_empty() { None } else { cx.new.node(p) };
    let new_at = new
        .first()
        .and_then(|(_, p)| node_new(cx, p).map(|x| (x, p.clone())))
        .unwrap_or((n.node, n.pointer.clone()));
    for (alt, ptr) in &old {
        if new.iter().any(|(b, _)| satisfies(alt, b)) {
            continue;
        }
        let old_at = node_old(cx, ptr)
            .map(|x| (x, ptr.clone()))
            .unwrap_or((o.node, o.pointer.clone()));
        let (id, message) = if alt.is_empty() {
            (
                c::SECURITY_ADDED,
                format!(
                    "credentials now required: {}",
                    new.iter()
                        .map(|(b, _)| show(b))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            )
        } else if let Some((b, _)) = new.iter().find(|(b, _)| same_schemes(alt, b)) {
            (
                c::SECURITY_SCOPE_ADDED,
                format!("security {} now needs {}", show(alt), show(b)),
            )
        } else {
            (
                c::SECURITY_ALTERNATIVE_REMOVED,
                format!("security {} no longer accepted", show(alt)),
            )
        };
        cx.emit(
            op,
            id,
            Level::Breaking,
            message,
            Some((old_at.0, &old_at.1)),
            Some((new_at.0, &new_at.1)),
            &Target::Nothing,
        );
    }
    let old_at = old
        .first()
        .and_then(|(_, p)| node_old(cx, p).map(|x| (x, p.clone())))
        .unwrap_or((o.node, o.pointer.clone()));
    for (alt, ptr) in &new {
        if old
            .iter()
            .any(|(a, _)| satisfies(a, alt) && satisfies(alt, a))
        {
            continue;
        }
        // Already reported as a narrowing of an old alternative.
        if old.iter().any(|(a, _)| {
            !new.iter().any(|(b, _)| satisfies(a, b)) && (same_schemes(a, alt) || a.is_empty())
        }) {
            continue;
        }
        let at = node_new(cx, ptr)
            .map(|x| (x, ptr.clone()))
            .unwrap_or((n.node, n.pointer.clone()));
        cx.emit(
            op,
            c::SECURITY_ALTERNATIVE_ADDED,
            Level::Info,
            format!("security {} now accepted", show(alt)),
            Some((old_at.0, &old_at.1)),
            Some((at.0, &at.1)),
            &Target::Nothing,
        );
    }
}

fn kind(k: &SchemeKind<'_>) -> String {
    match k {
        SchemeKind::ApiKey { name, location } => format!(
            "API key `{name}` in {}",
            match location {
                Some(KeyLocation::Query) => "query",
                Some(KeyLocation::Header) => "header",
                Some(KeyLocation::Cookie) => "cookie",
                None => "?",
            }
        ),
        SchemeKind::Http { scheme, .. } => format!("HTTP {scheme}"),
        SchemeKind::OAuth2 => "OAuth2".into(),
        SchemeKind::OpenIdConnect { .. } => "OpenID Connect".into(),
        SchemeKind::MutualTls => "mutual TLS".into(),
        SchemeKind::Unknown(t) => format!("type {}", t.unwrap_or("?")),
    }
}

/// Compares the security schemes both versions declare.
pub(crate) fn schemes(cx: &mut Cx<'_>) {
    let old: Vec<_> = cx.old.api.security_schemes().to_vec();
    let new: Vec<_> = cx.new.api.security_schemes().to_vec();
    for a in &old {
        let Some(b) = new.iter().find(|b| b.name == a.name) else {
            continue;
        };
        if a.kind != b.kind {
            cx.emit(
                &OpCx::default(),
                c::SECURITY_SCHEME_CHANGED,
                Level::Breaking,
                format!(
                    "security scheme `{}`: {} became {}",
                    a.name,
                    kind(&a.kind),
                    kind(&b.kind)
                ),
                Some((a.node, &a.pointer)),
                Some((b.node, &b.pointer)),
                &Target::Scheme(a.name.to_string()),
            );
        }
    }
}

/// Compares the document's servers.
pub(crate) fn servers(cx: &mut Cx<'_>) {
    let old: Vec<_> = cx.old.api.servers().to_vec();
    let new: Vec<_> = cx.new.api.servers().to_vec();
    server_lists(cx, &OpCx::default(), &old, &new);
}

/// Compares the effective servers of an operation when it (or its Path Item) lists its own on
/// either side; the document's are compared once, by [`servers`].
pub(crate) fn operation_servers<'a>(
    cx: &mut Cx<'a>,
    op: &OpCx,
    o: &Operation<'a>,
    n: &Operation<'a>,
) {
    let own =
        |x: &Operation<'_>| x.node.get("servers").is_some() || x.path_item.get("servers").is_some();
    if own(o) || own(n) {
        server_lists(cx, op, &o.servers, &n.servers);
    }
}

fn server_lists(cx: &mut Cx<'_>, op: &OpCx, old: &[Server<'_>], new: &[Server<'_>]) {
    let url = |s: &Server<'_>| s.url_with_defaults().trim_end_matches('/').to_string();
    for a in old {
        if !new.iter().any(|b| url(b) == url(a)) {
            cx.emit(
                op,
                c::SERVER_REMOVED,
                Level::Warning,
                format!("server {} removed", url(a)),
                Some((a.node, &a.pointer)),
                None,
                &Target::Nothing,
            );
        }
    }
    for b in new {
        if !old.iter().any(|a| url(a) == url(b)) {
            cx.emit(
                op,
                c::SERVER_ADDED,
                Level::Info,
                format!("server {} added", url(b)),
                None,
                Some((b.node, &b.pointer)),
                &Target::Nothing,
            );
        }
    }
}
