//! The template level of the grammar: text, references, comments and directives, with
//! Velocity 1.7's whitespace rules (the engine API Gateway runs):
//!
//! - the `)` closing `#set`, `#if`, `#elseif`, `#foreach`, `#define` (and `#break(...)`,
//!   `#stop(...)`), and the words `#else` and `#end`, swallow the spaces and tabs after them
//!   together with one newline, when a newline follows;
//! - `#set` also swallows the spaces and tabs right before it;
//! - `##` comments run up to and including the end of their line; `#* *#` comments leave
//!   what surrounds them alone;
//! - leading indentation before any other directive is kept.
//!
//! Expressions are parsed in [`crate::expr`].

use std::sync::Arc;

use crate::ast::{
    Access, ExprKind, ForeachNode, IfNode, Node, Pos, RefNode, Reference, Root, SetNode, UtilFn,
};
use crate::{javaregex, jsonpath};

/// Deeper nesting (directives, parentheses, lists, strings) is refused, so that no template
/// can exhaust the stack of the parser, of the renderer, or of dropping the tree.
pub(crate) const MAX_PARSE_DEPTH: usize = 128;

/// A problem found while parsing, at a byte offset of the template source.
#[derive(Debug)]
pub(crate) struct PErr {
    pub(crate) pos: Pos,
    pub(crate) msg: String,
}

pub(crate) type PResult<T> = Result<T, PErr>;

/// Directive names Velocity knows: a backslash before one of them escapes it.
const KNOWN_DIRECTIVES: &[&str] = &[
    "set", "if", "elseif", "else", "end", "foreach", "break", "stop", "define", "macro", "include",
    "parse", "evaluate", "literal",
];

/// Velocity directives API Gateway templates may not use here.
const UNSUPPORTED_DIRECTIVES: &[&str] = &["macro", "include", "parse", "evaluate", "literal"];

/// Where a body is, which decides the terminators it accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    /// The template itself or an interpolated string: no `#end`, `#else`, `#elseif`.
    Top,
    /// The body of an `#if` or `#elseif`: all three.
    If,
    /// The body of `#else`, `#foreach` or `#define`: `#end` only.
    Block,
}

/// How a body ended.
pub(crate) enum Term {
    Eof,
    End,
    Else,
    ElseIf(crate::ast::Expr),
}

pub(crate) struct Parser<'a> {
    /// The text being parsed: the template, or the inside of a double-quoted string.
    pub(crate) src: &'a str,
    /// Current byte offset in `src`.
    pub(crate) i: usize,
    /// Offset of `src` in the template source.
    pub(crate) base: usize,
    /// When set, every position is reported there (the inside of a string whose text was
    /// rewritten before parsing, so offsets no longer match the source).
    pub(crate) fixed: Option<Pos>,
    pub(crate) depth: usize,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str) -> Parser<'a> {
        Parser {
            src,
            i: 0,
            base: 0,
            fixed: None,
            depth: 0,
        }
    }

    pub(crate) fn pos(&self, i: usize) -> Pos {
        self.fixed.unwrap_or(self.base + i)
    }

    pub(crate) fn err<T>(&self, i: usize, msg: impl Into<String>) -> PResult<T> {
        Err(PErr {
            pos: self.pos(i),
            msg: msg.into(),
        })
    }

    pub(crate) fn byte(&self, i: usize) -> Option<u8> {
        self.src.as_bytes().get(i).copied()
    }

    pub(crate) fn enter(&mut self, at: usize) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_PARSE_DEPTH {
            return self.err(
                at,
                format!("the template nests more than {MAX_PARSE_DEPTH} levels deep"),
            );
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The end of an identifier starting at `i` (`[A-Za-z_][A-Za-z0-9_-]*`, Velocity 1.7
    /// allows `-`), if one starts there.
    pub(crate) fn ident_end(&self, i: usize) -> Option<usize> {
        let first = self.byte(i)?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let mut j = i + 1;
        while let Some(b) = self.byte(j) {
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
                j += 1;
            } else {
                break;
            }
        }
        Some(j)
    }

    /// After a directive's closing `)`, `#else` or `#end`: the spaces and tabs up to and
    /// including a newline, when a newline follows them.
    fn eat_line_end(&self, k: usize) -> usize {
        let mut j = k;
        while matches!(self.byte(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        match self.byte(j) {
            Some(b'\n') => j + 1,
            Some(b'\r') if self.byte(j + 1) == Some(b'\n') => j + 2,
            Some(b'\r') => j + 1,
            _ => k,
        }
    }

    pub(crate) fn skip_ws(&mut self) {
        while matches!(self.byte(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// `#word` or `#{word}` at `i` (which holds `#`): the word and the offset after it.
    fn directive_word(&self, i: usize) -> Option<(&'a str, usize)> {
        let src = self.src;
        let word_at = |s: usize| -> Option<usize> {
            let first = self.byte(s)?;
            if !(first.is_ascii_alphabetic() || first == b'_' || first == b'@') {
                return None;
            }
            let mut j = s + 1;
            while let Some(b) = self.byte(j) {
                if b.is_ascii_alphanumeric() || b == b'_' || b == b'@' {
                    j += 1;
                } else {
                    break;
                }
            }
            Some(j)
        };
        if self.byte(i + 1) == Some(b'{') {
            let end = word_at(i + 2)?;
            if self.byte(end) != Some(b'}') {
                return None;
            }
            Some((&src[i + 2..end], end + 1))
        } else {
            let end = word_at(i + 1)?;
            Some((&src[i + 1..end], end))
        }
    }

    /// Parses a body up to the end of the text or a terminator its context accepts.
    pub(crate) fn parse_body(&mut self, ctx: Ctx) -> PResult<(Vec<Node>, Term)> {
        let start = self.i;
        self.enter(start)?;
        let mut nodes = Vec::new();
        let mut text = String::new();
        // `text` ends with `src[run..self.i]`, copied verbatim: what `#set` may trim.
        let mut run = self.i;
        let src = self.src;
        let term = loop {
            let i = self.i;
            let Some(c) = self.byte(i) else {
                break Term::Eof;
            };
            match c {
                b'\\' => {
                    let mut j = i;
                    while self.byte(j) == Some(b'\\') {
                        j += 1;
                    }
                    let n = j - i;
                    match self.byte(j) {
                        Some(b'$') => {
                            if let Some(r) = self.ref_node(j, n)? {
                                flush(&mut nodes, &mut text);
                                nodes.push(Node::Ref(Box::new(r)));
                                run = self.i;
                            } else {
                                text.push_str(&src[i..=j]);
                                self.i = j + 1;
                            }
                        }
                        Some(b'#') => match self.directive_word(j) {
                            Some((word, wend)) if KNOWN_DIRECTIVES.contains(&word) => {
                                text.push_str(&"\\".repeat(n / 2));
                                if n % 2 == 1 {
                                    text.push_str(&src[j..wend]);
                                    self.i = wend;
                                } else {
                                    self.i = j;
                                }
                                run = self.i;
                            }
                            _ => {
                                text.push_str(&src[i..j]);
                                self.i = j;
                            }
                        },
                        _ => {
                            text.push_str(&src[i..j]);
                            self.i = j;
                        }
                    }
                }
                b'$' => {
                    if let Some(r) = self.ref_node(i, 0)? {
                        flush(&mut nodes, &mut text);
                        nodes.push(Node::Ref(Box::new(r)));
                        run = self.i;
                    } else {
                        text.push('$');
                        self.i = i + 1;
                    }
                }
                b'#' => {
                    if let Some(t) = self.hash(ctx, &mut nodes, &mut text, &mut run)? {
                        break t;
                    }
                }
                _ => {
                    let rest = &src.as_bytes()[i..];
                    let n = rest
                        .iter()
                        .position(|b| matches!(b, b'\\' | b'$' | b'#'))
                        .unwrap_or(rest.len());
                    text.push_str(&src[i..i + n]);
                    self.i = i + n;
                }
            }
        };
        flush(&mut nodes, &mut text);
        self.leave();
        Ok((nodes, term))
    }

    /// Everything that starts with an unescaped `#`. Returns a terminator when one ends the
    /// body.
    fn hash(
        &mut self,
        ctx: Ctx,
        nodes: &mut Vec<Node>,
        text: &mut String,
        run: &mut usize,
    ) -> PResult<Option<Term>> {
        let i = self.i;
        let src = self.src;
        match self.byte(i + 1) {
            Some(b'#') => {
                let rest = &src.as_bytes()[i + 2..];
                self.i = match rest.iter().position(|b| matches!(b, b'\n' | b'\r')) {
                    None => src.len(),
                    Some(p) => {
                        let at = i + 2 + p;
                        if src.as_bytes()[at] == b'\r' && self.byte(at + 1) == Some(b'\n') {
                            at + 2
                        } else {
                            at + 1
                        }
                    }
                };
                *run = self.i;
                return Ok(None);
            }
            Some(b'*') => {
                let Some(p) = src[i + 2..].find("*#") else {
                    return self.err(i, "a '#*' comment without its closing '*#'");
                };
                self.i = i + 2 + p + 2;
                *run = self.i;
                return Ok(None);
            }
            Some(b'[') if self.byte(i + 2) == Some(b'[') => {
                let Some(p) = src[i + 3..].find("]]#") else {
                    return self.err(i, "a '#[[' literal block without its closing ']]#'");
                };
                text.push_str(&src[i + 3..i + 3 + p]);
                self.i = i + 3 + p + 3;
                *run = self.i;
                return Ok(None);
            }
            _ => {}
        }
        let Some((word, wend)) = self.directive_word(i) else {
            text.push('#');
            self.i = i + 1;
            return Ok(None);
        };
        match word {
            "set" => {
                let mut k = wend;
                while self.byte(k) == Some(b' ') {
                    k += 1;
                }
                if self.byte(k) != Some(b'(') {
                    // `#set` without parentheses is text in Velocity 1.7.
                    text.push_str(&src[i..wend]);
                    self.i = wend;
                    return Ok(None);
                }
                // `#set` swallows the spaces and tabs right before it.
                let before = &src[*run..i];
                let trim = before.len() - before.trim_end_matches([' ', '\t']).len();
                text.truncate(text.len() - trim.min(text.len()));
                flush(nodes, text);
                self.i = k + 1;
                let node = self.set_directive(i)?;
                nodes.push(node);
            }
            "if" => {
                let node = self.if_directive(i, wend)?;
                flush(nodes, text);
                nodes.push(node);
            }
            "elseif" => {
                if ctx != Ctx::If {
                    return self.err(i, "#elseif without a matching #if");
                }
                let cond = self.condition(i, wend, "#elseif")?;
                return Ok(Some(Term::ElseIf(cond)));
            }
            "else" => {
                if ctx != Ctx::If {
                    return self.err(i, "#else without a matching #if");
                }
                self.i = self.eat_line_end(wend);
                return Ok(Some(Term::Else));
            }
            "end" => {
                if ctx == Ctx::Top {
                    return self.err(i, "#end without a matching #if, #foreach or #define");
                }
                self.i = self.eat_line_end(wend);
                return Ok(Some(Term::End));
            }
            "foreach" => {
                let node = self.foreach_directive(i, wend)?;
                flush(nodes, text);
                nodes.push(node);
            }
            "define" => {
                let node = self.define_directive(i, wend)?;
                flush(nodes, text);
                nodes.push(node);
            }
            "break" | "stop" => {
                self.i = self.optional_args(i, wend)?;
                flush(nodes, text);
                nodes.push(if word == "break" {
                    Node::Break
                } else {
                    Node::Stop
                });
            }
            _ if UNSUPPORTED_DIRECTIVES.contains(&word) => {
                return self.err(
                    i,
                    format!("#{word} is not supported: a mapping template must be self-contained"),
                );
            }
            _ => {
                if self.byte(wend) == Some(b'(') {
                    return self.err(
                        i,
                        format!("unknown directive #{word} (macros and custom directives are not supported)"),
                    );
                }
                // `#word` that names no directive is text (a colour, a heading, …).
                text.push_str(&src[i..wend]);
                self.i = wend;
                return Ok(None);
            }
        }
        *run = self.i;
        Ok(None)
    }

    /// `(expr)` after `#if` or `#elseif`, and what follows the `)`.
    fn condition(&mut self, at: usize, wend: usize, what: &str) -> PResult<crate::ast::Expr> {
        self.i = wend;
        self.skip_ws();
        if self.byte(self.i) != Some(b'(') {
            return self.err(at, format!("{what} needs a condition in parentheses"));
        }
        self.i += 1;
        let cond = self.parse_expr()?;
        self.skip_ws();
        if self.byte(self.i) != Some(b')') {
            return self.err(
                at,
                format!("{what} without the ')' that closes its condition"),
            );
        }
        self.i = self.eat_line_end(self.i + 1);
        Ok(cond)
    }

    fn if_directive(&mut self, at: usize, wend: usize) -> PResult<Node> {
        let mut cond = self.condition(at, wend, "#if")?;
        let mut branches = Vec::new();
        loop {
            let (body, term) = self.parse_body(Ctx::If)?;
            match term {
                Term::End => {
                    branches.push((cond, body));
                    return Ok(Node::If(Box::new(IfNode {
                        branches,
                        otherwise: None,
                    })));
                }
                Term::ElseIf(next) => {
                    branches.push((cond, body));
                    cond = next;
                }
                Term::Else => {
                    branches.push((cond, body));
                    let (otherwise, term) = self.parse_body(Ctx::Block)?;
                    if !matches!(term, Term::End) {
                        return self.err(at, "#if without a matching #end");
                    }
                    return Ok(Node::If(Box::new(IfNode {
                        branches,
                        otherwise: Some(otherwise),
                    })));
                }
                Term::Eof => return self.err(at, "#if without a matching #end"),
            }
        }
    }

    /// `$name` as the variable of `#foreach` or `#define`.
    fn simple_var(&mut self, at: usize, what: &str) -> PResult<String> {
        self.skip_ws();
        let i = self.i;
        if self.byte(i) != Some(b'$') {
            return self.err(at, format!("{what} needs a variable such as $item"));
        }
        let mut k = i + 1;
        if self.byte(k) == Some(b'!') {
            k += 1;
        }
        let braced = self.byte(k) == Some(b'{');
        if braced {
            k += 1;
        }
        let Some(end) = self.ident_end(k) else {
            return self.err(at, format!("{what} needs a variable such as $item"));
        };
        let name = self.src[k..end].to_string();
        let mut end = end;
        if braced {
            if self.byte(end) != Some(b'}') {
                return self.err(i, "'${' without its closing '}'");
            }
            end += 1;
        }
        if matches!(self.byte(end), Some(b'.' | b'[')) {
            return self.err(
                i,
                format!("{what} needs a plain variable, not a property or an index"),
            );
        }
        if name == "input" || name == "util" {
            return self.err(i, format!("{what} cannot rebind ${name}"));
        }
        self.i = end;
        Ok(name)
    }

    fn foreach_directive(&mut self, at: usize, wend: usize) -> PResult<Node> {
        self.i = wend;
        self.skip_ws();
        if self.byte(self.i) != Some(b'(') {
            return self.err(at, "#foreach needs '($item in list)'");
        }
        self.i += 1;
        let var = self.simple_var(at, "#foreach")?;
        let before = self.i;
        self.skip_ws();
        let is_in = self.src[self.i..].starts_with("in")
            && !self
                .byte(self.i + 2)
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
        if self.i == before || !is_in {
            return self.err(at, "#foreach needs 'in' after its variable");
        }
        self.i += 2;
        let iter = self.parse_expr()?;
        self.skip_ws();
        if self.byte(self.i) != Some(b')') {
            return self.err(at, "#foreach without the ')' that closes its header");
        }
        self.i = self.eat_line_end(self.i + 1);
        let (body, term) = self.parse_body(Ctx::Block)?;
        if !matches!(term, Term::End) {
            return self.err(at, "#foreach without a matching #end");
        }
        Ok(Node::Foreach(Box::new(ForeachNode {
            pos: self.pos(at),
            var,
            iter,
            body,
        })))
    }

    fn define_directive(&mut self, at: usize, wend: usize) -> PResult<Node> {
        self.i = wend;
        self.skip_ws();
        if self.byte(self.i) != Some(b'(') {
            return self.err(at, "#define needs '($name)'");
        }
        self.i += 1;
        let name = self.simple_var(at, "#define")?;
        self.skip_ws();
        if self.byte(self.i) != Some(b')') {
            return self.err(at, "#define without the ')' that closes its header");
        }
        self.i = self.eat_line_end(self.i + 1);
        let (body, term) = self.parse_body(Ctx::Block)?;
        if !matches!(term, Term::End) {
            return self.err(at, "#define without a matching #end");
        }
        Ok(Node::Define {
            name,
            body: Arc::new(body),
        })
    }

    /// `#break` and `#stop` take an optional scope argument, ignored; returns where the
    /// directive ends.
    fn optional_args(&mut self, at: usize, wend: usize) -> PResult<usize> {
        if self.byte(wend) != Some(b'(') {
            return Ok(wend);
        }
        self.i = wend + 1;
        self.skip_ws();
        if self.byte(self.i) != Some(b')') {
            self.parse_expr()?;
            self.skip_ws();
        }
        if self.byte(self.i) != Some(b')') {
            return self.err(at, "directive without its closing ')'");
        }
        Ok(self.eat_line_end(self.i + 1))
    }

    /// After `#set(`.
    fn set_directive(&mut self, at: usize) -> PResult<Node> {
        self.skip_ws();
        let i = self.i;
        if self.byte(i) != Some(b'$') {
            return self.err(at, "#set needs a variable on its left, as in #set($x = 1)");
        }
        let Some((target, _)) = self.reference_at(i, false)? else {
            return self.err(at, "#set needs a variable on its left, as in #set($x = 1)");
        };
        if let Root::Var(name) = &target.root {
            if name == "input" || name == "util" {
                return self.err(i, format!("#set cannot assign to ${name}"));
            }
        }
        if matches!(target.chain.last(), Some(Access::Method { .. })) {
            return self.err(i, "#set cannot assign to a method call");
        }
        self.skip_ws();
        if self.byte(self.i) != Some(b'=') {
            return self.err(at, "#set needs '=' after its target");
        }
        self.i += 1;
        let value = self.parse_expr()?;
        self.skip_ws();
        if self.byte(self.i) != Some(b')') {
            return self.err(at, "#set without its closing ')'");
        }
        self.i = self.eat_line_end(self.i + 1);
        Ok(Node::Set(Box::new(SetNode {
            pos: self.pos(at),
            target,
            value,
        })))
    }

    /// A reference in text at `j` (which holds `$`), preceded by `backslashes` backslashes.
    fn ref_node(&mut self, j: usize, backslashes: usize) -> PResult<Option<RefNode>> {
        let Some((reference, quiet)) = self.reference_at(j, true)? else {
            return Ok(None);
        };
        let literal = self.src[j..self.i].to_string();
        Ok(Some(RefNode {
            reference,
            backslashes,
            quiet,
            literal,
        }))
    }

    /// A reference at `j` (which holds `$`): `None`, leaving the position alone, when what
    /// follows is not a reference (`$5`, `$ `); otherwise the reference and whether it is quiet,
    /// with the position after it.
    pub(crate) fn reference_at(
        &mut self,
        j: usize,
        resolve: bool,
    ) -> PResult<Option<(Reference, bool)>> {
        let mut k = j + 1;
        let quiet = self.byte(k) == Some(b'!');
        if quiet {
            k += 1;
        }
        let formal = self.byte(k) == Some(b'{');
        if formal {
            k += 1;
        }
        let Some(end) = self.ident_end(k) else {
            return Ok(None);
        };
        let name = self.src[k..end].to_string();
        self.i = end;
        let chain = self.chain()?;
        if formal {
            if self.byte(self.i) != Some(b'}') {
                return self.err(j, "'${' reference without its closing '}'");
            }
            self.i += 1;
        }
        let mut reference = Reference {
            pos: self.pos(j),
            root: Root::Var(name),
            chain,
        };
        if resolve {
            self.resolve_builtins(&mut reference)?;
        }
        self.check_literal_regexes(&reference)?;
        Ok(Some((reference, quiet)))
    }

    /// `.name`, `.name(args)` and `[index]` after a reference's root.
    fn chain(&mut self) -> PResult<Vec<Access>> {
        let mut chain = Vec::new();
        loop {
            let i = self.i;
            match self.byte(i) {
                Some(b'[') => {
                    self.enter(i)?;
                    self.i = i + 1;
                    let expr = self.parse_expr()?;
                    self.skip_ws();
                    if self.byte(self.i) != Some(b']') {
                        return self.err(i, "'[' index without its closing ']'");
                    }
                    self.i += 1;
                    self.leave();
                    chain.push(Access::Index {
                        expr,
                        pos: self.pos(i),
                    });
                }
                Some(b'.') if self.byte(i + 1).is_some_and(|b| b.is_ascii_alphabetic()) => {
                    let end = self.ident_end(i + 1).unwrap_or(i + 1);
                    let name = self.src[i + 1..end].to_string();
                    if self.byte(end) == Some(b'(') {
                        self.enter(end)?;
                        self.i = end + 1;
                        let mut args = Vec::new();
                        self.skip_ws();
                        if self.byte(self.i) == Some(b')') {
                            self.i += 1;
                        } else {
                            loop {
                                args.push(self.parse_expr()?);
                                self.skip_ws();
                                match self.byte(self.i) {
                                    Some(b',') => self.i += 1,
                                    Some(b')') => {
                                        self.i += 1;
                                        break;
                                    }
                                    _ => {
                                        return self.err(
                                            end,
                                            format!("call of .{name}( without its closing ')'"),
                                        )
                                    }
                                }
                            }
                        }
                        self.leave();
                        chain.push(Access::Method {
                            name,
                            args,
                            pos: self.pos(i),
                        });
                    } else {
                        self.i = end;
                        chain.push(Access::Prop {
                            name,
                            pos: self.pos(i),
                        });
                    }
                }
                _ => return Ok(chain),
            }
        }
    }

    /// `$input.…` and `$util.…` are API Gateway's objects: only their documented members exist.
    fn resolve_builtins(&self, reference: &mut Reference) -> PResult<()> {
        let Root::Var(name) = &reference.root else {
            return Ok(());
        };
        let at = reference.pos;
        let fail = |msg: String| Err(PErr { pos: at, msg });
        match name.as_str() {
            "input" => {
                if reference.chain.is_empty() {
                    return fail(
                        "$input cannot be used alone: use $input.body, $input.json(x), $input.path(x) or $input.params()".into(),
                    );
                }
                let first = reference.chain.remove(0);
                reference.root = match first {
                    Access::Prop { name, .. } if name == "body" => Root::InputBody,
                    Access::Method { name, mut args, .. } if name == "json" || name == "path" => {
                        if args.len() != 1 {
                            return fail(format!("$input.{name}() takes one JSONPath argument"));
                        }
                        let arg = args.remove(0);
                        check_literal_path(&arg)?;
                        if name == "json" {
                            Root::InputJson(Box::new(arg))
                        } else {
                            Root::InputPath(Box::new(arg))
                        }
                    }
                    Access::Method { name, mut args, .. } if name == "params" => match args.len() {
                        0 => Root::InputParams(None),
                        1 => Root::InputParams(Some(Box::new(args.remove(0)))),
                        _ => return fail("$input.params() takes at most one argument".into()),
                    },
                    Access::Prop { name, .. } | Access::Method { name, .. } => {
                        return fail(format!(
                            "$input has no member '{name}': API Gateway's $input offers body, json(x), path(x) and params()"
                        ))
                    }
                    Access::Index { .. } => return fail("$input cannot be indexed".into()),
                };
            }
            "util" => {
                let Some(Access::Method { name, .. }) = reference.chain.first().cloned() else {
                    return fail(
                        "$util offers only functions: escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode".into(),
                    );
                };
                let Some(f) = UtilFn::from_name(&name) else {
                    return fail(format!(
                        "$util.{name} is not an API Gateway function (escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode)"
                    ));
                };
                let Access::Method { mut args, .. } = reference.chain.remove(0) else {
                    return fail("$util offers only functions".into());
                };
                if args.len() != 1 {
                    return fail(format!("$util.{name}() takes one argument"));
                }
                reference.root = Root::Util(f, Box::new(args.remove(0)));
            }
            _ => {}
        }
        Ok(())
    }

    /// A regular expression written as a literal is checked now rather than at render time.
    fn check_literal_regexes(&self, reference: &Reference) -> PResult<()> {
        for access in &reference.chain {
            let Access::Method { name, args, .. } = access else {
                continue;
            };
            let takes_regex = matches!(
                name.as_str(),
                "replaceAll" | "replaceFirst" | "matches" | "split"
            );
            let Some(first) = args.first() else {
                continue;
            };
            let ExprKind::Str(pattern) = &first.kind else {
                continue;
            };
            if !takes_regex {
                continue;
            }
            let regex = match javaregex::compile(pattern) {
                Ok(r) => r,
                Err(e) => {
                    return Err(PErr {
                        pos: first.pos,
                        msg: format!("regular expression {pattern:?}: {e}"),
                    })
                }
            };
            if matches!(name.as_str(), "replaceAll" | "replaceFirst") {
                if let Some(ExprKind::Str(replacement)) = args.get(1).map(|a| &a.kind) {
                    if let Err(e) = javaregex::check_replacement(&regex, replacement) {
                        return Err(PErr {
                            pos: args[1].pos,
                            msg: format!("replacement {replacement:?}: {e}"),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

fn check_literal_path(arg: &crate::ast::Expr) -> PResult<()> {
    if let ExprKind::Str(path) = &arg.kind {
        if let Err(e) = jsonpath::parse(path) {
            return Err(PErr {
                pos: arg.pos,
                msg: format!("JSONPath {path:?}: {e}"),
            });
        }
    }
    Ok(())
}

fn flush(nodes: &mut Vec<Node>, text: &mut String) {
    if !text.is_empty() {
        nodes.push(Node::Text(std::mem::take(text)));
    }
}
