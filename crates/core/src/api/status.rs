//! Which statuses a response key covers, and which documented response answers a status.

/// The statuses one key of a Responses Object covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusMatch {
    /// One status, such as 200.
    Exact(u16),
    /// A class of statuses (`4XX`): the lowest and the highest.
    Range(u16, u16),
    /// Every status no other response names.
    Default,
}

impl StatusMatch {
    /// Parses a response key: three digits from 100 to 599, `1XX` to `5XX` (any case), or
    /// `default`. Anything else (extensions, malformed keys) is no status.
    #[must_use]
    pub fn parse(key: &str) -> Option<StatusMatch> {
        if key == "default" {
            return Some(StatusMatch::Default);
        }
        let b = key.as_bytes();
        if b.len() != 3 || !(b'1'..=b'5').contains(&b[0]) {
            return None;
        }
        let first = u16::from(b[0] - b'0');
        if b[1..].eq_ignore_ascii_case(b"XX") {
            return Some(StatusMatch::Range(first * 100, first * 100 + 99));
        }
        if !b[1..].iter().all(u8::is_ascii_digit) {
            return None;
        }
        key.parse::<u16>().ok().map(StatusMatch::Exact)
    }

    /// Whether `status` is covered.
    #[must_use]
    pub fn covers(self, status: u16) -> bool {
        match self {
            StatusMatch::Exact(s) => s == status,
            StatusMatch::Range(lo, hi) => (lo..=hi).contains(&status),
            StatusMatch::Default => true,
        }
    }

    /// How specific the match is: an exact status beats a range, which beats `default`.
    #[must_use]
    pub fn rank(self) -> u8 {
        match self {
            StatusMatch::Exact(_) => 2,
            StatusMatch::Range(..) => 1,
            StatusMatch::Default => 0,
        }
    }

    /// The key as it is normalized for output: `200`, `4XX`, `default`.
    #[must_use]
    pub fn key(self) -> String {
        match self {
            StatusMatch::Exact(s) => s.to_string(),
            StatusMatch::Range(lo, _) => format!("{}XX", lo / 100),
            StatusMatch::Default => "default".into(),
        }
    }

    /// The most specific of `items` that covers `status`: the exact status, else its class
    /// (`4XX`), else `default` (OpenAPI 3.x, "Responses Object"). The first wins among equals.
    pub fn select<T>(
        items: impl IntoIterator<Item = T>,
        status: u16,
        of: impl Fn(&T) -> StatusMatch,
    ) -> Option<T> {
        let mut best: Option<(u8, T)> = None;
        for item in items {
            let m = of(&item);
            if !m.covers(status) {
                continue;
            }
            if best.as_ref().is_none_or(|(r, _)| m.rank() > *r) {
                best = Some((m.rank(), item));
            }
        }
        best.map(|(_, t)| t)
    }
}

impl std::fmt::Display for StatusMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::StatusMatch::{self, *};

    #[test]
    fn keys_parse_and_the_most_specific_wins() {
        assert_eq!(StatusMatch::parse("200"), Some(Exact(200)));
        assert_eq!(StatusMatch::parse("4xx"), Some(Range(400, 499)));
        assert_eq!(StatusMatch::parse("default"), Some(Default));
        for bad in ["600", "20", "2000", "x-foo", "DEFAULT", "2X0", "+20", "099"] {
            assert_eq!(StatusMatch::parse(bad), None, "{bad}");
        }
        let keys = [Default, Range(400, 499), Exact(404), Exact(200)];
        let pick = |s| StatusMatch::select(keys.iter(), s, |k| **k).copied();
        assert_eq!(pick(404), Some(Exact(404)));
        assert_eq!(pick(400), Some(Range(400, 499)));
        assert_eq!(pick(500), Some(Default));
        assert_eq!(StatusMatch::select([Exact(200)], 201, |k| *k), None);
        assert_eq!(Range(500, 599).to_string(), "5XX");
    }
}
