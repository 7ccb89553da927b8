//! Expressions inside directives, indexes and method arguments, as Velocity 1.7 reads them:
//! `||`/`or` < `&&`/`and` < `==`/`eq` `!=`/`ne` < `<`/`lt` `>`/`gt` `<=`/`le` `>=`/`ge` <
//! `+` `-` < `*` `/` `%` < `!`/`not`, with literals, references, lists `[a, b]`, ranges
//! `[1..5]` and maps `{"k": v}`.
//!
//! String literals follow Velocity 1.7: `"…"` ends at the first `"` not doubled (`""` is a
//! quote; a backslash escapes nothing but `\uXXXX`), and is rendered as a template when it
//! holds `$` or `#`; `'…'` is taken as written (`''` is a quote).

use crate::ast::{BinOp, Expr, ExprKind, Node};
use crate::parser::{Ctx, PResult, Parser, Term};

impl Parser<'_> {
    pub(crate) fn parse_expr(&mut self) -> PResult<Expr> {
        self.enter(self.i)?;
        let e = self.binary(0)?;
        self.leave();
        Ok(e)
    }

    /// Precedence climbing over the five binary levels, lowest first.
    fn binary(&mut self, level: usize) -> PResult<Expr> {
        if level == 5 {
            return self.multiplicative();
        }
        let mut left = self.binary(level + 1)?;
        let mut nested = 0;
        loop {
            self.skip_ws();
            let Some((op, len)) = self.operator(level) else {
                break;
            };
            let at = self.i;
            self.enter(at)?;
            nested += 1;
            self.i += len;
            let right = self.binary(level + 1)?;
            left = Expr {
                pos: left.pos,
                kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
            };
        }
        for _ in 0..nested {
            self.leave();
        }
        Ok(left)
    }

    /// The operator of precedence `level` (0 `||`, 1 `&&`, 2 equality, 3 relational, 4
    /// additive) at the current position, and its length.
    fn operator(&self, level: usize) -> Option<(BinOp, usize)> {
        let rest = &self.src[self.i..];
        let word = |w: &str| {
            rest.starts_with(w)
                && !rest[w.len()..]
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        };
        let table: &[(&str, BinOp, bool)] = match level {
            0 => &[("||", BinOp::Or, false), ("or", BinOp::Or, true)],
            1 => &[("&&", BinOp::And, false), ("and", BinOp::And, true)],
            2 => &[
                ("==", BinOp::Eq, false),
                ("!=", BinOp::Ne, false),
                ("eq", BinOp::Eq, true),
                ("ne", BinOp::Ne, true),
            ],
            3 => &[
                ("<=", BinOp::Le, false),
                (">=", BinOp::Ge, false),
                ("<", BinOp::Lt, false),
                (">", BinOp::Gt, false),
                ("le", BinOp::Le, true),
                ("ge", BinOp::Ge, true),
                ("lt", BinOp::Lt, true),
                ("gt", BinOp::Gt, true),
            ],
            _ => &[("+", BinOp::Add, false), ("-", BinOp::Sub, false)],
        };
        table
            .iter()
            .find(|(s, _, is_word)| {
                if *is_word {
                    word(s)
                } else {
                    rest.starts_with(s)
                }
            })
            .map(|(s, op, _)| (*op, s.len()))
    }

    /// `*`, `/` and `%`, above the unary operators.
    fn multiplicative(&mut self) -> PResult<Expr> {
        let mut left = self.prefix()?;
        let mut nested = 0;
        loop {
            self.skip_ws();
            let op = match self.byte(self.i) {
                Some(b'*') => BinOp::Mul,
                Some(b'/') => BinOp::Div,
                Some(b'%') => BinOp::Mod,
                _ => break,
            };
            self.enter(self.i)?;
            nested += 1;
            self.i += 1;
            let right = self.prefix()?;
            left = Expr {
                pos: left.pos,
                kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
            };
        }
        for _ in 0..nested {
            self.leave();
        }
        Ok(left)
    }

    fn prefix(&mut self) -> PResult<Expr> {
        self.skip_ws();
        let i = self.i;
        let rest = &self.src[i..];
        let not_word = rest.starts_with("not")
            && !rest[3..]
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
        if (rest.starts_with('!') && !rest.starts_with("!=")) || not_word {
            self.enter(i)?;
            self.i += if not_word { 3 } else { 1 };
            let inner = self.prefix()?;
            self.leave();
            return Ok(Expr {
                pos: self.pos(i),
                kind: ExprKind::Not(Box::new(inner)),
            });
        }
        if rest.starts_with('-') && !rest[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.')
        {
            self.enter(i)?;
            self.i += 1;
            let inner = self.prefix()?;
            self.leave();
            return Ok(Expr {
                pos: self.pos(i),
                kind: ExprKind::Neg(Box::new(inner)),
            });
        }
        self.primary()
    }

    fn primary(&mut self) -> PResult<Expr> {
        self.skip_ws();
        let i = self.i;
        let pos = self.pos(i);
        let Some(c) = self.byte(i) else {
            return self.err(i, "the expression ends too early");
        };
        let kind = match c {
            b'(' => {
                self.i += 1;
                let inner = self.parse_expr()?;
                self.skip_ws();
                if self.byte(self.i) != Some(b')') {
                    return self.err(i, "'(' without its closing ')'");
                }
                self.i += 1;
                return Ok(inner);
            }
            b'"' => self.double_quoted()?,
            b'\'' => self.single_quoted()?,
            b'$' => {
                let Some((reference, _)) = self.reference_at(i, true)? else {
                    return self.err(i, "'$' must start a reference here, as in $name");
                };
                let literal = self.src[i..self.i].to_string();
                ExprKind::Ref(Box::new(reference), literal)
            }
            b'[' => self.list_or_range()?,
            b'{' => self.map()?,
            b'0'..=b'9' | b'-' | b'.' => self.number()?,
            _ if c.is_ascii_alphabetic() => {
                let end = self.ident_end(i).unwrap_or(i + 1);
                let word = &self.src[i..end];
                let kind = match word {
                    "true" => ExprKind::Bool(true),
                    "false" => ExprKind::Bool(false),
                    "null" => ExprKind::Null,
                    _ => return self.err(i, format!("unexpected '{word}' in an expression")),
                };
                self.i = end;
                kind
            }
            _ => {
                let ch = self.src[i..].chars().next().unwrap_or('?');
                return self.err(i, format!("unexpected '{ch}' in an expression"));
            }
        };
        Ok(Expr { pos, kind })
    }

    fn number(&mut self) -> PResult<ExprKind> {
        let start = self.i;
        let mut j = start;
        if self.byte(j) == Some(b'-') {
            j += 1;
        }
        let digits_from = j;
        while self.byte(j).is_some_and(|b| b.is_ascii_digit()) {
            j += 1;
        }
        let mut float = false;
        if self.byte(j) == Some(b'.') && self.byte(j + 1) != Some(b'.') {
            float = true;
            j += 1;
            while self.byte(j).is_some_and(|b| b.is_ascii_digit()) {
                j += 1;
            }
        }
        if j == digits_from || (j == digits_from + 1 && float) {
            return self.err(start, "a number needs digits");
        }
        if matches!(self.byte(j), Some(b'e' | b'E')) {
            let mut k = j + 1;
            if matches!(self.byte(k), Some(b'+' | b'-')) {
                k += 1;
            }
            if self.byte(k).is_some_and(|b| b.is_ascii_digit()) {
                while self.byte(k).is_some_and(|b| b.is_ascii_digit()) {
                    k += 1;
                }
                float = true;
                j = k;
            }
        }
        let text = &self.src[start..j];
        self.i = j;
        if !float {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(ExprKind::Int(n));
            }
        }
        match text.parse::<f64>() {
            Ok(f) => Ok(ExprKind::Float(f)),
            Err(_) => self.err(start, format!("'{text}' is not a number")),
        }
    }

    fn double_quoted(&mut self) -> PResult<ExprKind> {
        let open = self.i;
        let bytes = self.src.as_bytes();
        let mut k = open + 1;
        loop {
            match bytes.get(k) {
                None => return self.err(open, "a string without its closing '\"'"),
                Some(b'"') if bytes.get(k + 1) == Some(&b'"') => k += 2,
                Some(b'"') => break,
                Some(_) => k += 1,
            }
        }
        let raw = &self.src[open + 1..k];
        self.i = k + 1;
        let rewritten = raw.contains("\"\"") || raw.contains("\\u");
        let text = if rewritten {
            unescape_unicode(&raw.replace("\"\"", "\""))
        } else {
            raw.to_string()
        };
        if !(raw.contains('$') || raw.contains('#')) {
            return Ok(ExprKind::Str(text));
        }
        // A template inside the string.
        let mut sub = Parser {
            src: &text,
            i: 0,
            base: self.base + open + 1,
            fixed: if rewritten {
                Some(self.pos(open))
            } else {
                self.fixed
            },
            depth: self.depth,
        };
        let (nodes, term) = sub.parse_body(Ctx::Top)?;
        debug_assert!(matches!(term, Term::Eof));
        // Only text after all (`"$5"`, `"a#b"`): a plain string.
        if nodes.iter().all(|n| matches!(n, Node::Text(_))) {
            let text = nodes
                .into_iter()
                .filter_map(|n| if let Node::Text(t) = n { Some(t) } else { None })
                .collect();
            return Ok(ExprKind::Str(text));
        }
        Ok(ExprKind::Interp(nodes))
    }

    fn single_quoted(&mut self) -> PResult<ExprKind> {
        let open = self.i;
        let bytes = self.src.as_bytes();
        let mut k = open + 1;
        loop {
            match bytes.get(k) {
                None => return self.err(open, "a string without its closing \"'\""),
                Some(b'\'') if bytes.get(k + 1) == Some(&b'\'') => k += 2,
                Some(b'\'') => break,
                Some(_) => k += 1,
            }
        }
        let raw = &self.src[open + 1..k];
        self.i = k + 1;
        Ok(ExprKind::Str(raw.replace("''", "'")))
    }

    fn list_or_range(&mut self) -> PResult<ExprKind> {
        let open = self.i;
        self.enter(open)?;
        self.i += 1;
        self.skip_ws();
        if self.byte(self.i) == Some(b']') {
            self.i += 1;
            self.leave();
            return Ok(ExprKind::List(Vec::new()));
        }
        let first = self.parse_expr()?;
        self.skip_ws();
        if self.src[self.i..].starts_with("..") {
            self.i += 2;
            let last = self.parse_expr()?;
            self.skip_ws();
            if self.byte(self.i) != Some(b']') {
                return self.err(open, "a range without its closing ']'");
            }
            self.i += 1;
            self.leave();
            return Ok(ExprKind::Range(Box::new(first), Box::new(last)));
        }
        let mut items = vec![first];
        loop {
            self.skip_ws();
            match self.byte(self.i) {
                Some(b',') => {
                    self.i += 1;
                    items.push(self.parse_expr()?);
                }
                Some(b']') => {
                    self.i += 1;
                    break;
                }
                _ => return self.err(open, "a list without its closing ']'"),
            }
        }
        self.leave();
        Ok(ExprKind::List(items))
    }

    fn map(&mut self) -> PResult<ExprKind> {
        let open = self.i;
        self.enter(open)?;
        self.i += 1;
        self.skip_ws();
        let mut entries = Vec::new();
        if self.byte(self.i) == Some(b'}') {
            self.i += 1;
            self.leave();
            return Ok(ExprKind::Map(entries));
        }
        loop {
            let key = self.parse_expr()?;
            self.skip_ws();
            if self.byte(self.i) != Some(b':') {
                return self.err(open, "a map entry without ':' between key and value");
            }
            self.i += 1;
            let value = self.parse_expr()?;
            entries.push((key, value));
            self.skip_ws();
            match self.byte(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                _ => return self.err(open, "a map without its closing '}'"),
            }
        }
        self.leave();
        Ok(ExprKind::Map(entries))
    }
}

/// `\uXXXX` in a double-quoted string is the character it names (the only escape Velocity 1.7
/// reads there).
fn unescape_unicode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("\\u") {
        out.push_str(&rest[..p]);
        let hex = rest
            .get(p + 2..p + 6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
            Some(code) => {
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                rest = &rest[p + 6..];
            }
            None => {
                out.push_str("\\u");
                rest = &rest[p + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}
