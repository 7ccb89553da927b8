//! Helpers shared by the test files.
#![allow(dead_code)]

use oaskit_vtl::{Input, ParseError, RenderError, Rendered, Template};

/// Parses or fails the test with the error.
pub fn parse(template: &str) -> Template {
    Template::parse(template).unwrap_or_else(|e| panic!("parse failed: {e}\ntemplate:\n{template}"))
}

/// Renders with the given input or fails the test.
pub fn render_full(template: &str, input: &Input) -> Rendered {
    parse(template)
        .render(input)
        .unwrap_or_else(|e| panic!("render failed: {e}\ntemplate:\n{template}"))
}

pub fn render_in(template: &str, input: &Input) -> String {
    render_full(template, input).output
}

pub fn render(template: &str) -> String {
    render_in(template, &Input::default())
}

/// Renders with `body` as the payload.
pub fn render_body(template: &str, body: &str) -> String {
    render_in(
        template,
        &Input {
            body: body.into(),
            ..Input::default()
        },
    )
}

pub fn parse_err(template: &str) -> ParseError {
    match Template::parse(template) {
        Ok(_) => panic!("expected a parse error for:\n{template}"),
        Err(e) => e,
    }
}

pub fn render_err(template: &str, input: &Input) -> RenderError {
    match parse(template).render(input) {
        Ok(r) => panic!(
            "expected a render error, got {:?} for:\n{template}",
            r.output
        ),
        Err(e) => e,
    }
}

/// An input with path, query string and header parameters.
pub fn params_input(
    path: &[(&str, &str)],
    query: &[(&str, &str)],
    header: &[(&str, &str)],
) -> Input {
    let map = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    Input {
        path: map(path),
        querystring: map(query),
        header: map(header),
        ..Input::default()
    }
}
