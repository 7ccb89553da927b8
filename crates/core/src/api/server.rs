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
    /// The URL with every variable at its default (see [`fill_url`]).
    #[must_use]
    pub fn url_with_defaults(&self) -> String {
        fill_url(self.url, |name| {
            self.variables
                .iter()
                .find(|v| v.name == name)
                .and_then(|v| v.default)
        })
    }
}

/// A server URL template with its variables filled: each `{name}` with a value becomes the
/// value (the others stay as written). A value that starts with `/` right after a `/` does not
/// double it: `https://h/{basePath}` with `basePath: /prod` is `https://h/prod`, as API Gateway
/// samples write it. The one place server URLs are filled (Postman, SDK base URLs, the
/// validator's routing).
#[must_use]
pub fn fill_url<'v>(template: &str, value: impl Fn(&str) -> Option<&'v str>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.push_str(&rest[..i]);
        let name = &rest[i + 1..i + j];
        match value(name) {
            Some(v) => {
                let v = if out.ends_with('/') {
                    v.strip_prefix('/').unwrap_or(v)
                } else {
                    v
                };
                out.push_str(v);
            }
            None => out.push_str(&rest[i..=i + j]),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    use super::fill_url;

    #[test]
    fn variables_fill_without_doubling_slashes() {
        let vars = |n: &str| match n {
            "basePath" => Some("/testStage"),
            "region" => Some("eu"),
            _ => None,
        };
        assert_eq!(
            fill_url("https://{region}.x.com/{basePath}", vars),
            "https://eu.x.com/testStage"
        );
        assert_eq!(
            fill_url("https://x.com{basePath}/v1", vars),
            "https://x.com/testStage/v1"
        );
        assert_eq!(
            fill_url("https://x.com/{other}/{", vars),
            "https://x.com/{other}/{"
        );
    }
}
