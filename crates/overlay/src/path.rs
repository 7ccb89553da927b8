//! RFC 9535 JSONPath queries, compiled with `serde_json_path` and answered as lists of steps
//! from the root, so that the matched nodes can be found and changed in oaskit's own tree.

use std::cmp::Ordering;

use oaskit_core::{Node, Value};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;
/// Deepest nesting of brackets and parentheses accepted in a query (the parser recurses).
pub const MAX_QUERY_NESTING: usize = 64;

/// One step from a node to a child: a member name or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

impl PartialOrd for Step {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Step {
    /// Indexes compare as numbers (so removals can run from the last element back).
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Step::Index(a), Step::Index(b)) => a.cmp(b),
            (Step::Key(a), Step::Key(b)) => a.cmp(b),
            (Step::Index(_), Step::Key(_)) => Ordering::Less,
            (Step::Key(_), Step::Index(_)) => Ordering::Greater,
        }
    }
}

/// The JSON pointer of a list of steps.
#[must_use]
pub fn pointer(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k) => out = oaskit_core::join_pointer(&out, k),
            Step::Index(i) => {
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }
    out
}

/// A compiled RFC 9535 query.
#[derive(Debug)]
pub struct Query(serde_json_path::JsonPath);

/// Why a query was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// 1-based character position of the problem, when known.
    pub position: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some(p) => write!(f, "at position {p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl Query {
    /// Compiles `query`.
    ///
    /// # Errors
    /// A query longer than [`MAX_QUERY_BYTES`], nested deeper than [`MAX_QUERY_NESTING`], or
    /// not valid RFC 9535 syntax.
    pub fn compile(query: &str) -> Result<Self, QueryError> {
        if query.len() > MAX_QUERY_BYTES {
            return Err(QueryError {
                position: None,
                message: format!(
                    "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
                    query.len()
                ),
            });
        }
        if let Some(position) = too_deep(query) {
            return Err(QueryError {
                position: Some(position),
                message: format!(
                    "brackets and parentheses nest deeper than {MAX_QUERY_NESTING} levels"
                ),
            });
        }
        serde_json_path::JsonPath::parse(query)
            .map(Query)
            .map_err(|e| QueryError {
                position: Some(e.position()),
                message: e.message().to_string(),
            })
    }

    /// The nodes of `doc` the query selects, as steps from the root, in the order of the
    /// query's result (duplicates kept, as RFC 9535 says).
    #[must_use]
    pub fn select(&self, doc: &serde_json::Value) -> Vec<Vec<Step>> {
        self.0
            .query_located(doc)
            .into_iter()
            .map(|n| {
                n.location()
                    .iter()
                    .map(|e| match e {
                        serde_json_path::PathElement::Name(k) => Step::Key((*k).to_string()),
                        serde_json_path::PathElement::Index(i) => Step::Index(*i),
                    })
                    .collect()
            })
            .collect()
    }

    /// The selected values of `doc`, in result order (for the compliance suite).
    #[must_use]
    pub fn values<'a>(&self, doc: &'a serde_json::Value) -> Vec<&'a serde_json::Value> {
        self.0.query(doc).all()
    }
}

/// The 1-based position where brackets and parentheses outside string literals first nest
/// deeper than [`MAX_QUERY_NESTING`].
fn too_deep(query: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in query.chars().enumerate() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '[' | '(' => {
                depth += 1;
                if depth > MAX_QUERY_NESTING {
                    return Some(i + 1);
                }
            }
            ']' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The node at `steps` below `root`.
#[must_use]
pub fn node_at<'a>(root: &'a Node, steps: &[Step]) -> Option<&'a Node> {
    let mut cur = root;
    for s in steps {
        cur = match (&cur.value, s) {
            (Value::Object(m), Step::Key(k)) => m.get(k)?,
            (Value::Array(a), Step::Index(i)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// The mutable node at `steps` below `root`.
pub fn node_at_mut<'a>(root: &'a mut Node, steps: &[Step]) -> Option<&'a mut Node> {
    let mut cur = root;
    for s in steps {
        cur = match (&mut cur.value, s) {
            (Value::Object(m), Step::Key(k)) => m.get_mut(k)?,
            (Value::Array(a), Step::Index(i)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// The mutable value at `steps` below `root`.
pub fn value_at_mut<'a>(
    root: &'a mut serde_json::Value,
    steps: &[Step],
) -> Option<&'a mut serde_json::Value> {
    let mut cur = root;
    for s in steps {
        cur = match (cur, s) {
            (serde_json::Value::Object(m), Step::Key(k)) => m.get_mut(k)?,
            (serde_json::Value::Array(a), Step::Index(i)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_outside_strings_is_bounded() {
        let deep = format!("$[?{}@{}]", "(".repeat(70), ")".repeat(70));
        assert!(too_deep(&deep).is_some());
        let quoted = format!("$['{}']", "(".repeat(200));
        assert_eq!(too_deep(&quoted), None);
        assert!(Query::compile(&quoted).is_ok());
    }

    #[test]
    fn pointers_escape_names() {
        let steps = [Step::Key("/a~".into()), Step::Index(3)];
        assert_eq!(pointer(&steps), "/~1a~0/3");
    }
}
