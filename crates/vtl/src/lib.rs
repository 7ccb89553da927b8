//! API Gateway mapping templates: the Apache Velocity Template Language (with the semantics of
//! Velocity 1.7, the engine API Gateway runs) plus API Gateway's `$input`, `$util`, `$context`
//! and `$stageVariables`. A pure library: no network, no files.
//!
//! Parse once, render many times:
//!
//! ```
//! use oaskit_vtl::{Input, Template};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let template = Template::parse(
//!     "#set($root = $input.path('$'))\n\
//!      {\"greeting\": \"Hello, $root.name\", \"id\": \"$input.params('id')\"}",
//! )?;
//! let mut input = Input { body: r#"{"name": "Ada"}"#.into(), ..Input::default() };
//! input.path.insert("id".into(), "42".into());
//! let rendered = template.render(&input)?;
//! assert_eq!(rendered.output, r#"{"greeting": "Hello, Ada", "id": "42"}"#);
//! # Ok(())
//! # }
//! ```
//!
//! Everything the engine cannot run is refused by [`Template::parse`], with its place
//! (`#macro`, `#include`, `#parse`, `#evaluate`, custom directives, `$util` functions API
//! Gateway does not have, JSONPath filters, regular expressions that need backtracking):
//!
//! ```
//! use oaskit_vtl::Template;
//!
//! let err = Template::parse("{\n  #include(\"other.vm\")\n}").unwrap_err();
//! assert_eq!((err.line, err.column), (2, 3));
//! assert_eq!(
//!     err.to_string(),
//!     "line 2, column 3: #include is not supported: a mapping template must be self-contained"
//! );
//! ```
//!
//! Templates may set API Gateway's overrides, returned beside the output:
//!
//! ```
//! use oaskit_vtl::{Input, Template};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let template = Template::parse(
//!     "#set($context.responseOverride.status = 404)\n\
//!      #set($context.responseOverride.header.X-Reason = \"no such pet\")\n\
//!      {}",
//! )?;
//! let rendered = template.render(&Input::default())?;
//! assert_eq!(rendered.output, "{}");
//! assert_eq!(rendered.overrides.response_status, Some(404));
//! assert_eq!(rendered.overrides.response_headers["X-Reason"], "no such pet");
//! # Ok(())
//! # }
//! ```
//!
//! Rendering is bounded by [`Limits`] (steps, output size, nesting), so a hostile template
//! ends with a [`RenderError`] instead of hanging or exhausting memory.
//!
//! # How faithful
//! Velocity 1.7's rules are kept where templates notice them: an undefined reference renders
//! as its own text (`$!x` renders nothing); `#set` of a null leaves the variable unchanged;
//! empty strings and `0` are true; `==` compares numbers by value and other mixed kinds by
//! their text; `<` and `>` only compare numbers; `+` concatenates when a side is a string;
//! integer division truncates; `#foreach` iterates lists, map values and ranges and provides
//! `$foreach.index`, `.count`, `.hasNext`, `.first`, `.last`, `.parent`, `$velocityCount`
//! and `$velocityHasNext`; identifiers may contain `-` (`$elem.partition-key`); the whitespace
//! rules are described in the `parser` module. Maps keep insertion order (Java's `HashMap`
//! order is not reproduced); whole numbers beyond 64 bits become doubles.

mod ast;
mod error;
mod eval;
mod expr;
mod gateway;
mod javaregex;
mod json;
mod jsonpath;
mod methods;
mod number;
mod parser;
mod stringify;
mod util;
mod value;

use std::collections::BTreeMap;

pub use error::{ParseError, RenderError};

use error::LineIndex;

/// A parsed mapping template, ready to render any number of times (it is `Send` and `Sync`).
#[derive(Clone, Debug)]
pub struct Template {
    source: String,
    lines: LineIndex,
    nodes: Vec<ast::Node>,
}

impl Template {
    /// Parses; every construct the engine cannot run is an error here, never at render time.
    pub fn parse(source: &str) -> Result<Template, ParseError> {
        let lines = LineIndex::new(source);
        let mut parser = parser::Parser::new(source);
        match parser.parse_body(parser::Ctx::Top) {
            Ok((nodes, _)) => Ok(Template {
                source: source.to_string(),
                lines,
                nodes,
            }),
            Err(e) => {
                let (line, column) = lines.locate(source, e.pos);
                Err(ParseError {
                    line,
                    column,
                    message: e.msg,
                })
            }
        }
    }

    /// Renders with the default [`Limits`].
    pub fn render(&self, input: &Input) -> Result<Rendered, RenderError> {
        self.render_with(input, &Limits::default())
    }

    /// Renders within `limits`.
    pub fn render_with(&self, input: &Input, limits: &Limits) -> Result<Rendered, RenderError> {
        eval::render(self, input, limits)
    }

    /// The text the template was parsed from.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    pub(crate) fn locate(&self, pos: ast::Pos) -> (usize, usize) {
        self.lines.locate(&self.source, pos)
    }
}

/// What a template renders from: the request (or integration response) and its context.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// The raw payload: `$input.body`, and what `$input.json(x)` and `$input.path(x)` read.
    pub body: String,
    /// Path parameters.
    pub path: BTreeMap<String, String>,
    /// Query string parameters.
    pub querystring: BTreeMap<String, String>,
    /// Headers; `$input.params('x')` and `$input.params().header.get('x')` find them without
    /// regard to case, as API Gateway does.
    pub header: BTreeMap<String, String>,
    /// The `$context` object (`requestId`, `httpMethod`, `resourcePath`, `stage`,
    /// `identity.sourceIp`, `authorizer.claims`, …), nested as it is given. An object;
    /// anything else is read as an empty object.
    pub context: serde_json::Value,
    /// `$stageVariables`.
    pub stage_variables: BTreeMap<String, String>,
}

/// Bounds on one rendering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest output, in bytes; also the largest string a template may build. Values a
    /// template builds in all are bounded to 16 times this (at least 64 MiB).
    pub max_output_bytes: usize,
    /// Most evaluation steps (nodes, expressions, loop iterations, and the work of string
    /// and JSON operations, about one step per 256 bytes).
    pub max_steps: u64,
    /// Deepest nesting of directives, `#define` blocks and interpolated strings while
    /// rendering (honoured up to 256).
    pub max_depth: usize,
}

impl Default for Limits {
    /// 10 MiB of output, 10 million steps, 64 levels.
    fn default() -> Limits {
        Limits {
            max_output_bytes: 10 << 20,
            max_steps: 10_000_000,
            max_depth: 64,
        }
    }
}

/// A rendering's output and the overrides it set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The rendered text.
    pub output: String,
    /// What `#set($context.responseOverride…)` / `requestOverride…` assigned.
    pub overrides: Overrides,
}

/// What `#set($context.responseOverride…)` / `requestOverride…` assigned. Each override may be
/// set once per template (API Gateway answers 5XX otherwise; here it is a [`RenderError`]), and
/// `responseOverride.status` must be a status from 100 to 599.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `$context.responseOverride.status`
    pub response_status: Option<u16>,
    /// `$context.responseOverride.header.<name>`
    pub response_headers: BTreeMap<String, String>,
    /// `$context.requestOverride.path.<name>`
    pub request_path: BTreeMap<String, String>,
    /// `$context.requestOverride.querystring.<name>`
    pub request_querystring: BTreeMap<String, String>,
    /// `$context.requestOverride.header.<name>`
    pub request_headers: BTreeMap<String, String>,
}
