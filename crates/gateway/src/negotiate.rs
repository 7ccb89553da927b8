//! Content negotiation on `Accept` (RFC 9110 section 12.5.1): the declared media type the client
//! prefers, by quality, then by the order of `Accept`, then by the definition's order.

/// One range of an `Accept` header.
#[derive(Debug, PartialEq)]
struct Range {
    kind: String,
    sub: String,
    q: f32,
}

fn parse(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let mt = it.next()?.trim().to_ascii_lowercase();
            let (kind, sub) = mt.split_once('/')?;
            let mut q = 1.0f32;
            for p in it {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some(Range {
                kind: kind.trim().to_string(),
                sub: sub.trim().to_string(),
                q,
            })
        })
        .collect()
}

/// Whether `a` and `b` (either may be a range such as `application/*`) can be the same type.
fn compatible(a: (&str, &str), b: (&str, &str)) -> bool {
    (a.0 == "*" || b.0 == "*" || a.0 == b.0) && (a.1 == "*" || b.1 == "*" || a.1 == b.1)
}

fn essence(m: &str) -> (String, String) {
    let e = m
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match e.split_once('/') {
        Some((k, s)) => (k.to_string(), s.to_string()),
        None => (e, "*".to_string()),
    }
}

/// The index of the media type to answer with; `None` when `Accept` excludes them all.
pub(crate) fn choose(declared: &[&str], accept: Option<&str>) -> Option<usize> {
    if declared.is_empty() {
        return None;
    }
    let ranges = accept.map(parse).unwrap_or_default();
    if ranges.is_empty() {
        // No preference: JSON first, as most clients want it.
        return Some(
            declared
                .iter()
                .position(|m| crate::mock::is_json(m))
                .unwrap_or(0),
        );
    }
    let mut best: Option<(f32, usize, usize)> = None;
    for (i, m) in declared.iter().enumerate() {
        let (k, s) = essence(m);
        // The most specific matching range decides the quality of this type.
        let mut q: Option<(u8, f32, usize)> = None;
        for (j, r) in ranges.iter().enumerate() {
            if compatible((&k, &s), (&r.kind, &r.sub)) {
                let spec = u8::from(r.kind != "*") + u8::from(r.sub != "*");
                if q.is_none_or(|(sp, _, _)| spec > sp) {
                    q = Some((spec, r.q, j));
                }
            }
        }
        if let Some((_, q, j)) = q.filter(|(_, q, _)| *q > 0.0) {
            if best.is_none_or(|(bq, bj, _)| q > bq || (q == bq && j < bj)) {
                best = Some((q, j, i));
            }
        }
    }
    best.map(|(_, _, i)| i)
}

#[cfg(test)]
mod tests {
    use super::choose;

    #[test]
    fn the_preferred_declared_type_wins() {
        let d = ["application/xml", "application/json"];
        assert_eq!(choose(&d, None), Some(1));
        assert_eq!(choose(&d, Some("application/xml")), Some(0));
        assert_eq!(choose(&d, Some("text/html, application/*;q=0.5")), Some(0));
        assert_eq!(
            choose(&d, Some("application/json;q=0.9, application/xml;q=0.1")),
            Some(1)
        );
        assert_eq!(choose(&d, Some("text/html")), None);
        assert_eq!(choose(&d, Some("application/json;q=0")), None);
        assert_eq!(choose(&["*/*"], Some("image/png")), Some(0));
        assert_eq!(choose(&["application/json"], Some("*/*")), Some(0));
    }
}
