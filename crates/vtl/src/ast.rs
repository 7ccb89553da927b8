//! The parsed template. Positions are byte offsets into the template source; [`crate::error`]
//! turns them into lines and columns when an error is reported.

use std::sync::Arc;

/// A byte offset into the template source.
pub(crate) type Pos = usize;

/// One piece of a template body.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// Text copied to the output as it is (whitespace rules already applied).
    Text(String),
    /// `$x`, `$!{x.y}`, `\$x`, …
    Ref(Box<RefNode>),
    /// `#set($target = value)`
    Set(Box<SetNode>),
    /// `#if … #elseif … #else … #end`
    If(Box<IfNode>),
    /// `#foreach($var in iter) … #end`
    Foreach(Box<ForeachNode>),
    /// `#define($name) … #end`: binds `$name` to the block, rendered each time it is used.
    Define { name: String, body: Arc<Vec<Node>> },
    /// `#break`: leaves the innermost `#foreach` (or the template outside any loop).
    Break,
    /// `#stop`: ends the rendering, keeping what was written so far.
    Stop,
}

/// A reference as it stands in the text, with what decides how it renders.
#[derive(Clone, Debug)]
pub(crate) struct RefNode {
    pub(crate) reference: Reference,
    /// The backslashes written right before the `$`.
    pub(crate) backslashes: usize,
    /// `$!x`: renders nothing rather than its own text when it is null.
    pub(crate) quiet: bool,
    /// The source text from the `$` to the end of the reference, rendered when it is null.
    pub(crate) literal: String,
}

/// `$root.a[0].b(c)`
#[derive(Clone, Debug)]
pub(crate) struct Reference {
    pub(crate) pos: Pos,
    pub(crate) root: Root,
    pub(crate) chain: Vec<Access>,
}

/// What a reference starts from.
#[derive(Clone, Debug)]
pub(crate) enum Root {
    /// A variable of the context (`$context`, `$stageVariables` and the template's own).
    Var(String),
    /// `$input.body`
    InputBody,
    /// `$input.json(path)`
    InputJson(Box<Expr>),
    /// `$input.path(path)`
    InputPath(Box<Expr>),
    /// `$input.params()` or `$input.params(name)`
    InputParams(Option<Box<Expr>>),
    /// `$util.f(x)`
    Util(UtilFn, Box<Expr>),
}

/// The `$util` functions API Gateway documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UtilFn {
    EscapeJavaScript,
    ParseJson,
    UrlEncode,
    UrlDecode,
    Base64Encode,
    Base64Decode,
}

impl UtilFn {
    pub(crate) fn from_name(name: &str) -> Option<UtilFn> {
        Some(match name {
            "escapeJavaScript" => UtilFn::EscapeJavaScript,
            "parseJson" => UtilFn::ParseJson,
            "urlEncode" => UtilFn::UrlEncode,
            "urlDecode" => UtilFn::UrlDecode,
            "base64Encode" => UtilFn::Base64Encode,
            "base64Decode" => UtilFn::Base64Decode,
            _ => return None,
        })
    }
}

/// One step of a reference after its root.
#[derive(Clone, Debug)]
pub(crate) enum Access {
    /// `.name`: a map key, or a `getName()` / `isName()` of the value.
    Prop { name: String, pos: Pos },
    /// `[expr]`
    Index { expr: Expr, pos: Pos },
    /// `.name(args)`
    Method {
        name: String,
        args: Vec<Expr>,
        pos: Pos,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct SetNode {
    pub(crate) pos: Pos,
    pub(crate) target: Reference,
    pub(crate) value: Expr,
}

#[derive(Clone, Debug)]
pub(crate) struct IfNode {
    pub(crate) branches: Vec<(Expr, Vec<Node>)>,
    pub(crate) otherwise: Option<Vec<Node>>,
}

#[derive(Clone, Debug)]
pub(crate) struct ForeachNode {
    pub(crate) pos: Pos,
    pub(crate) var: String,
    pub(crate) iter: Expr,
    pub(crate) body: Vec<Node>,
}

/// An expression inside a directive, an index or method arguments.
#[derive(Clone, Debug)]
pub(crate) struct Expr {
    pub(crate) pos: Pos,
    pub(crate) kind: ExprKind,
}

#[derive(Clone, Debug)]
pub(crate) enum ExprKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A single-quoted string, or a double-quoted one without `$` or `#`.
    Str(String),
    /// A double-quoted string holding references or directives: rendered as a template.
    Interp(Vec<Node>),
    /// A reference and its source text (what `"a" + $null` shows).
    Ref(Box<Reference>, String),
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    /// `[a..b]`, inclusive, either direction.
    Range(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}
