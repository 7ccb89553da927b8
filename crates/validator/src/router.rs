//! From method and URL to an operation: server base paths, then path templates, concrete paths
//! before templated ones.

use std::collections::HashMap;

use oaskit_core::api::ANY_METHOD;

#[derive(Debug, Clone)]
enum Piece {
    Lit(String),
    Var(String),
}

#[derive(Debug, Clone)]
enum Seg {
    Lit(String),
    /// The whole segment is one variable: any non-empty segment.
    Var(String),
    Pattern(Vec<Piece>),
}

#[derive(Debug)]
struct Route {
    template: String,
    segs: Vec<Seg>,
    /// Sort key: fewer variables and more literal text first.
    rank: (usize, std::cmp::Reverse<usize>),
    /// Method (lower case) to operation index.
    methods: HashMap<String, usize>,
}

/// A matched route: the operation index and the raw (still percent-encoded) path variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Matched {
    pub op: usize,
    pub vars: Vec<(String, String)>,
}

/// Why routing failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Miss {
    /// No path template matches (`base` tells which server base paths were tried).
    Path,
    /// A path matches, but not with this method; the allowed methods are listed.
    Method(Vec<String>),
}

#[derive(Debug, Default)]
pub(crate) struct Router {
    bases: Vec<String>,
    by_len: HashMap<usize, Vec<Route>>,
    /// Templates ending in API Gateway's greedy `{name+}`, which takes one or more segments;
    /// tried after every template of the path's own length.
    greedy: Vec<Route>,
}

/// The name a variable binds: API Gateway's greedy `{proxy+}` fills the parameter `proxy`.
fn bound_name(var: &str) -> &str {
    var.strip_suffix('+').unwrap_or(var)
}

fn parse_segment(s: &str) -> Seg {
    if !s.contains('{') {
        return Seg::Lit(s.to_string());
    }
    if let Some(name) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        if !name.contains(['{', '}']) {
            return Seg::Var(name.to_string());
        }
    }
    let mut pieces = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        if i > 0 {
            pieces.push(Piece::Lit(rest[..i].to_string()));
        }
        let Some(j) = rest[i..].find('}') else {
            pieces.push(Piece::Lit(rest[i..].to_string()));
            rest = "";
            break;
        };
        pieces.push(Piece::Var(rest[i + 1..i + j].to_string()));
        rest = &rest[i + j + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Lit(rest.to_string()));
    }
    Seg::Pattern(pieces)
}

/// Matches path segments against a template's segments, binding variables in order.
fn match_segments<'t>(segs: &[Seg], parts: &[&'t str], bound: &mut Vec<&'t str>) -> bool {
    segs.len() == parts.len()
        && segs.iter().zip(parts).all(|(s, p)| match s {
            Seg::Lit(l) => l == p,
            Seg::Var(_) => {
                bound.push(p);
                !p.is_empty()
            }
            Seg::Pattern(pieces) => match_pieces(pieces, p, bound),
        })
}

/// Matches `text` against pieces; variables take at least one character, as few as possible.
/// Bound values are pushed as (piece index, text) so that nothing is allocated on the way.
///
/// Linear in the text: literals never follow literals, so placing each literal at its earliest
/// occurrence is never worse than a later one (the variable after it can absorb the gap), and
/// the binding found is the one a backtracking search that shortens earlier variables first
/// would find, without its O(text^variables) worst case on hostile paths.
fn match_pieces<'t>(pieces: &[Piece], text: &'t str, out: &mut Vec<&'t str>) -> bool {
    let start_len = out.len();
    let ok = match_linear(pieces, text, out);
    if !ok {
        out.truncate(start_len);
    }
    ok
}

fn match_linear<'t>(pieces: &[Piece], text: &'t str, out: &mut Vec<&'t str>) -> bool {
    let mut pos = 0usize;
    let mut i = 0usize;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Lit(l) => {
                if i + 1 == pieces.len() {
                    return &text[pos..] == l.as_str();
                }
                if !text[pos..].starts_with(l.as_str()) {
                    return false;
                }
                pos += l.len();
                i += 1;
            }
            Piece::Var(_) => {
                // A run of variables: all but the last take one character each.
                let mut k = i;
                while matches!(pieces.get(k), Some(Piece::Var(_))) {
                    k += 1;
                }
                for _ in i..k - 1 {
                    let Some(c) = text[pos..].chars().next() else {
                        return false;
                    };
                    out.push(&text[pos..pos + c.len_utf8()]);
                    pos += c.len_utf8();
                }
                // The last one takes at least one character.
                let var_start = pos;
                let Some(c) = text[pos..].chars().next() else {
                    return false;
                };
                let min_end = pos + c.len_utf8();
                match pieces.get(k) {
                    None => {
                        out.push(&text[var_start..]);
                        return true;
                    }
                    Some(Piece::Lit(l)) if k + 1 == pieces.len() => {
                        // The final literal ends the text.
                        if text.len() < min_end + l.len() || !text.ends_with(l.as_str()) {
                            return false;
                        }
                        out.push(&text[var_start..text.len() - l.len()]);
                        return true;
                    }
                    Some(Piece::Lit(l)) => {
                        let Some(at) = text[min_end..].find(l.as_str()) else {
                            return false;
                        };
                        out.push(&text[var_start..min_end + at]);
                        pos = min_end + at + l.len();
                        i = k + 1;
                    }
                    Some(Piece::Var(_)) => unreachable!("the run ends at a literal or the end"),
                }
            }
        }
    }
    pos == text.len()
}

/// The path of a server URL (variables replaced by their defaults), without a trailing slash.
pub(crate) fn server_base(url: &str, vars: &[(String, String)]) -> String {
    let u = oaskit_core::api::fill_url(url, |name| {
        vars.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    });
    let path = if let Some(i) = u.find("://") {
        u[i + 3..]
            .find('/')
            .map_or("", |j| &u[i + 3 + j..])
            .to_string()
    } else if let Some(rest) = u.strip_prefix("//") {
        rest.find('/')
            .map_or(String::new(), |j| rest[j..].to_string())
    } else if u.starts_with('/') {
        u
    } else {
        format!("/{u}")
    };
    path.trim_end_matches('/').to_string()
}

impl Router {
    pub(crate) fn new(mut bases: Vec<String>) -> Self {
        if bases.is_empty() {
            bases.push(String::new());
        }
        // Longest first, so `/v1/admin` wins over `/v1`.
        bases.sort_by_key(|b| std::cmp::Reverse(b.len()));
        bases.dedup();
        Self {
            bases,
            by_len: HashMap::new(),
            greedy: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, template: &str, method: &str, op: usize) {
        let segs: Vec<Seg> = template
            .trim_start_matches('/')
            .split('/')
            .map(parse_segment)
            .collect();
        let n = segs.len();
        let greedy = matches!(segs.last(), Some(Seg::Var(v)) if v.ends_with('+'));
        let list = if greedy {
            &mut self.greedy
        } else {
            self.by_len.entry(n).or_default()
        };
        if let Some(r) = list.iter_mut().find(|r| r.template == template) {
            r.methods.insert(method.to_string(), op);
            return;
        }
        let vars = segs
            .iter()
            .map(|s| match s {
                Seg::Lit(_) => 0,
                Seg::Var(_) => 1,
                Seg::Pattern(p) => p.iter().filter(|x| matches!(x, Piece::Var(_))).count(),
            })
            .sum();
        let literal = template.len() - template.matches('{').count();
        list.push(Route {
            template: template.to_string(),
            segs,
            rank: (vars, std::cmp::Reverse(literal)),
            methods: HashMap::from([(method.to_string(), op)]),
        });
        list.sort_by_key(|r| r.rank);
    }

    /// Strips a server base path; `None` when no base applies.
    fn strip<'a>(&self, path: &'a str) -> Option<&'a str> {
        self.bases.iter().find_map(|b| {
            if b.is_empty() {
                return Some(path);
            }
            let rest = path.strip_prefix(b.as_str())?;
            (rest.is_empty() || rest.starts_with('/')).then_some(rest)
        })
    }

    /// Finds the operation for a method and a path (no query).
    pub(crate) fn find(&self, method: &str, path: &str) -> Result<Matched, Miss> {
        let Some(rest) = self.strip(path) else {
            return Err(Miss::Path);
        };
        let rest = rest.trim_start_matches('/');
        let n = rest.split('/').count();
        let mut parts: [&str; 32] = [""; 32];
        let mut long: Vec<&str> = Vec::new();
        let parts: &[&str] = if n <= 32 {
            for (i, p) in rest.split('/').enumerate() {
                parts[i] = p;
            }
            &parts[..n]
        } else {
            long.extend(rest.split('/'));
            &long
        };
        let mut allowed: Vec<String> = Vec::new();
        let mut bound: Vec<&str> = Vec::new();
        let exact = self.by_len.get(&n).map_or(&[][..], Vec::as_slice);
        for (r, greedy) in exact
            .iter()
            .map(|r| (r, false))
            .chain(self.greedy.iter().map(|r| (r, true)))
        {
            bound.clear();
            let ok = if greedy {
                // The fixed segments, then one or more segments for the greedy variable.
                let k = r.segs.len() - 1;
                n > k && match_segments(&r.segs[..k], &parts[..k], &mut bound) && {
                    let tail = &rest[parts[..k].iter().map(|p| p.len() + 1).sum::<usize>()..];
                    bound.push(tail);
                    !tail.is_empty()
                }
            } else {
                match_segments(&r.segs, parts, &mut bound)
            };
            if !ok {
                continue;
            }
            let op = r.methods.get(method).or_else(|| r.methods.get(ANY_METHOD));
            if let Some(&op) = op {
                let names = r.segs.iter().flat_map(|s| match s {
                    Seg::Lit(_) => Vec::new(),
                    Seg::Var(n) => vec![bound_name(n)],
                    Seg::Pattern(p) => p
                        .iter()
                        .filter_map(|x| match x {
                            Piece::Var(n) => Some(n.as_str()),
                            Piece::Lit(_) => None,
                        })
                        .collect(),
                });
                let vars = names
                    .zip(&bound)
                    .map(|(n, v)| (n.to_string(), (*v).to_string()))
                    .collect();
                return Ok(Matched { op, vars });
            }
            allowed.extend(r.methods.keys().cloned());
        }
        if allowed.is_empty() {
            Err(Miss::Path)
        } else {
            allowed.sort();
            allowed.dedup();
            Err(Miss::Method(allowed))
        }
    }

    /// The server base paths, for messages.
    pub(crate) fn bases(&self) -> &[String] {
        &self.bases
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The former backtracking matcher, as the reference for the linear one.
    fn reference<'t>(pieces: &[Piece], text: &'t str, out: &mut Vec<&'t str>) -> bool {
        match pieces.first() {
            None => text.is_empty(),
            Some(Piece::Lit(l)) => text
                .strip_prefix(l.as_str())
                .is_some_and(|rest| reference(&pieces[1..], rest, out)),
            Some(Piece::Var(_)) => {
                if pieces.len() == 1 {
                    if text.is_empty() {
                        return false;
                    }
                    out.push(text);
                    return true;
                }
                for (i, c) in text.char_indices() {
                    let end = i + c.len_utf8();
                    let before = out.len();
                    out.push(&text[..end]);
                    if reference(&pieces[1..], &text[end..], out) {
                        return true;
                    }
                    out.truncate(before);
                }
                false
            }
        }
    }

    #[test]
    fn the_linear_matcher_binds_as_the_backtracking_one_did() {
        let patterns = [
            "{a}",
            "{a}.{b}",
            "{a}.{b}.json",
            "x{a}",
            "{a}{b}",
            "{a}{b}.{c}",
            "{a}..{b}",
            "{a}.x.{b}.x",
            "é{a}é",
            "{a}ab{b}ab",
            "{a}.{b}.{c}.",
        ];
        let alphabet = ['a', 'b', '.', 'x', 'é'];
        let mut texts = vec![String::new()];
        for len in 1..=6 {
            let mut next = Vec::new();
            for t in texts.iter().filter(|t| t.chars().count() == len - 1) {
                for c in alphabet {
                    next.push(format!("{t}{c}"));
                }
            }
            texts.extend(next);
        }
        texts.push("a.b.json".into());
        texts.push("report.v2.json".into());
        for p in patterns {
            let Seg::Pattern(pieces) = parse_segment(p) else {
                continue;
            };
            for t in &texts {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let ra = match_pieces(&pieces, t, &mut a);
                let rb = reference(&pieces, t, &mut b);
                assert_eq!((ra, &a), (rb, &b), "{p} against {t:?}");
            }
        }
    }

    #[test]
    fn hostile_path_segments_match_in_linear_time() {
        let mut r = Router::new(vec![String::new()]);
        r.add("/f/{a}.{b}.{c}.{d}.json", "get", 0);
        r.add("/g/{a}ab{b}ab{c}abc", "get", 1);
        for n in [10_000usize, 100_000, 1_000_000] {
            let dots = format!("/f/x{}", ".".repeat(n));
            assert_eq!(r.find("get", &dots).map(|m| m.op), Err(Miss::Path));
            let ok = format!("/f/x{}json", ".".repeat(n));
            assert_eq!(r.find("get", &ok).map(|m| m.op), Ok(0));
            let abs = format!("/g/{}", "ab".repeat(n));
            assert_eq!(r.find("get", &abs).map(|m| m.op), Err(Miss::Path));
        }
    }

    #[test]
    fn greedy_variables_take_the_rest_of_the_path_after_every_exact_template() {
        let mut r = Router::new(Vec::new());
        r.add("/{proxy+}", ANY_METHOD, 0);
        r.add("/api/{proxy+}", "get", 1);
        r.add("/api/pets", "get", 2);
        r.add("/api/{id}", "delete", 3);
        assert_eq!(r.find("get", "/api/pets").map(|m| m.op), Ok(2));
        let m = r.find("get", "/api/a/b%2Fc/d").unwrap();
        assert_eq!(
            (m.op, m.vars),
            (1, vec![("proxy".to_string(), "a/b%2Fc/d".to_string())])
        );
        assert_eq!(r.find("delete", "/api/7").map(|m| m.op), Ok(3));
        // Not GET on /api/...: the root's any-method takes it.
        assert_eq!(r.find("post", "/api/a/b").map(|m| m.op), Ok(0));
        assert_eq!(r.find("put", "/x").unwrap().vars[0].1, "x");
        assert_eq!(r.find("get", "/"), Err(Miss::Path));
    }

    #[test]
    fn concrete_paths_win_and_templates_bind() {
        let mut r = Router::new(vec!["/v1".into()]);
        r.add("/pets/{id}", "get", 0);
        r.add("/pets/mine", "get", 1);
        r.add("/files/{name}.{ext}", "get", 2);
        r.add("/{a}{b}", "get", 3);
        assert_eq!(r.find("get", "/v1/pets/mine").map(|m| m.op), Ok(1));
        assert_eq!(
            r.find("get", "/v1/pets/7").unwrap().vars,
            [("id".to_string(), "7".to_string())]
        );
        let m = r.find("get", "/v1/files/report.json").unwrap();
        assert_eq!((m.op, m.vars.len()), (2, 2));
        assert_eq!(m.vars[0].1, "report");
        assert_eq!(r.find("get", "/v1/xy").map(|m| m.op), Ok(3));
        assert_eq!(
            r.find("post", "/v1/pets/7"),
            Err(Miss::Method(vec!["get".into()]))
        );
        assert_eq!(r.find("get", "/v2/pets/7"), Err(Miss::Path));
        assert_eq!(
            server_base(
                "https://{region}.example.com/{stage}/api/",
                &[("stage".into(), "prod".into())]
            ),
            "/prod/api"
        );
    }
}
