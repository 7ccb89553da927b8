//! Servers and their variables.

use super::reference::follow;
use super::{str_of, Cx};
use crate::node::{join, Node};

/// A server variable.
#[derive(Clone, Debug)]
pub struct ServerVariable<'d> {
    /// Its name, as used in `{name}` in the URL.
    pub name: &'d str,
    /// Its default value.
    pub default: Option<&'d str>,
    /// The values it may take, when restricted.
    pub values: Vec<&'d str>,
    /// Its description.
    pub description: Option<&'d str>,
}

/// A server an API (or a path or operation) is reached at.
#[derive(Clone, Debug)]
pub struct Server<'d> {
    /// The URL template, as written.
    pub url: &'d str,
    /// Its description.
    pub description: Option<&'d str>,
    /// Its variables, in document order.
    pub variables: Vec<ServerVariable<'d>>,
    /// The Server Object.
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

impl Server<'_> {
    /// The URL with every variable at its default.
    #[must_use]
    pub fn url_with_defaults(&self) -> String {
        let mut url = self.url.to_string();
        for v in &self.variables {
            if let Some(d) = v.default {
                url = url.replace(&format!("{{{}}}", v.name), d);
            }
        }
        url
    }
}

/// The servers of a `servers` array under `owner` (`None` when there is none).
pub(super) fn servers<'d>(
    cx: &Cx<'d>,
    owner: &'d Node,
    owner_ptr: &str,
) -> Option<Vec<Server<'d>>> {
    let list = owner.get("servers")?.as_array()?;
    let base = join(owner_ptr, "servers");
    Some(
        list.iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let r = follow(cx.root, s, &join(&base, &i.to_string()));
                let url = str_of(r.node, "url")?;
                let variables = r
                    .node
                    .get("variables")
                    .and_then(Node::as_object)
                    .map(|m| {
                        m.iter()
                            .map(|(name, v)| ServerVariable {
                                name,
                                default: str_of(v, "default"),
                                values: v
                                    .get("enum")
                                    .and_then(Node::as_array)
                                    .unwrap_or_default()
                                    .iter()
                                    .filter_map(Node::as_str)
                                    .collect(),
                                description: str_of(v, "description"),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Some(Server {
                    url,
                    description: str_of(r.node, "description"),
                    variables,
                    node: r.node,
                    pointer: r.pointer,
                })
            })
            .collect(),
    )
}
