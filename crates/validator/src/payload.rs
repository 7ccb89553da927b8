//! One payload against one schema of the definition ([`Validator::validate_schema`]): the
//! same translated documents and compiled schemas as the schemas of operations, so a
//! payload gets the violations, payload pointers and rules a request body would.

use std::sync::{Arc, OnceLock};

use serde_json::Value;

use crate::{
    budget, decode_fragment, final_pointer, schema_errors_of, translated, v, Compiler, Direction,
    Part, Report, Schema, Validator,
};

/// What a pruned validator (see `reach`) keeps to compile schemas the operations do not reach,
/// should [`Validator::validate_schema`] name one: the validation JSON as text (a few MB for the
/// largest public definitions), translated and indexed again on the first such call.
pub(crate) struct OnDemand {
    text: Option<(String, bool)>,
    compiler: OnceLock<Option<Compiler>>,
}

impl std::fmt::Debug for OnDemand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OnDemand")
    }
}

impl OnDemand {
    /// Keeps the validation JSON as text (`crate::source::text`), when there is one, for
    /// [`OnDemand::compiler`].
    pub(crate) fn new(text: Option<String>, is_30: bool) -> Self {
        Self {
            text: text.map(|t| (t, is_30)),
            compiler: OnceLock::new(),
        }
    }

    /// Whether the text was kept (lookups are on).
    pub(crate) fn kept(&self) -> bool {
        self.text.is_some()
    }

    /// The whole documents, translated and indexed once from the kept text.
    fn compiler(&self) -> Option<&Compiler> {
        self.compiler
            .get_or_init(|| {
                let (text, is_30) = self.text.as_ref()?;
                let root: Value = serde_json::from_str(text).ok()?;
                let (req, resp) = translated(&root, *is_30);
                Some(Compiler::new(req, resp))
            })
            .as_ref()
    }
}

/// The JSON pointer a schema argument names in the normalized (3.x) document: `#/...` (a URI
/// fragment, percent-decoded) or `/...` as they are, else a component name. Swagger 2.0's
/// `/definitions/X` is where the upgrade put it, `/components/schemas/X`.
fn pointer_of(schema: &str) -> String {
    let pointer = if let Some(fragment) = schema.strip_prefix('#') {
        decode_fragment(fragment)
    } else if schema.starts_with('/') {
        schema.to_string()
    } else {
        format!(
            "/components/schemas/{}",
            schema.replace('~', "~0").replace('/', "~1")
        )
    };
    match pointer.strip_prefix("/definitions/") {
        Some(rest) => format!("/components/schemas/{rest}"),
        None => pointer,
    }
}

impl Validator {
    /// Validates one payload against a schema of the definition: a component schema by name
    /// (`Pet`), or any schema by JSON pointer (`#/components/schemas/Pet`,
    /// `/paths/~1pets/post/requestBody/content/application~1json/schema`), in the direction
    /// of the message it travels in (`readOnly` properties are refused in requests,
    /// `writeOnly` ones in responses). The violations are those of a body with that schema
    /// (`body-schema`, `read-only`, `write-only`; parts `body/tags/0`), with the same rules;
    /// [`Report::with_locations`] adds their `file:line:column`. A name or pointer that names
    /// no schema is a `schema-not-found` violation, and a schema above
    /// [`Options::with_max_schema_expansion`](crate::Options::with_max_schema_expansion) a
    /// `schema-too-large` one.
    ///
    /// Each schema is compiled on its first use and kept, per direction (a schema an operation
    /// already uses is shared with it).
    ///
    /// ```
    /// use oaskit_validator::{Direction, Validator};
    /// use serde_json::json;
    ///
    /// let loaded = oaskit_core::load_str("api.yaml", r#"
    /// openapi: 3.0.3
    /// info: {title: t, version: '1'}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       required: [id, name]
    ///       properties:
    ///         id: {type: integer, readOnly: true}
    ///         name: {type: string}
    /// "#, &oaskit_core::LoadOptions::new());
    /// let validator = Validator::new(loaded.document.as_ref().unwrap()).unwrap();
    ///
    /// validator.validate_schema("Pet", &json!({"id": 1, "name": "Rex"}), Direction::Response).assert_valid();
    /// // A request leaves out what the server sets, and must not send it.
    /// validator.validate_schema("Pet", &json!({"name": "Rex"}), Direction::Request).assert_valid();
    /// let report = validator
    ///     .validate_schema("#/components/schemas/Pet", &json!({"id": 1, "name": 2}), Direction::Request)
    ///     .with_locations(&loaded);
    /// assert_eq!(report.codes(), ["read-only", "body-schema"]);
    /// assert_eq!(report.violations[1].part.to_string(), "body/name");
    /// assert_eq!(report.violations[1].rule, "/components/schemas/Pet/properties/name/type");
    /// assert_eq!(report.violations[1].rule_at.as_deref(), Some("api.yaml:12:22"));
    /// ```
    #[must_use]
    pub fn validate_schema(&self, schema: &str, value: &Value, direction: Direction) -> Report {
        let pointer = pointer_of(schema);
        let mut report = Report {
            operation: Some(Arc::from(format!("schema {pointer} ({direction})"))),
            violations: Vec::new(),
        };
        let request = direction == Direction::Request;
        let compiler = if self.compiler.partial {
            match self.on_demand.compiler() {
                Some(c) => c,
                None => {
                    let why = if self.on_demand.kept() {
                        "the definition's schemas could not be read again (see \
                         Validator::warnings)"
                    } else {
                        "this validator was built without schema lookups \
                         (Options::with_schema_lookups(false))"
                    };
                    report.violations.push(v(
                        "schema-not-found",
                        Part::Body(String::new()),
                        why.into(),
                        "",
                    ));
                    return report;
                }
            }
        } else {
            &self.compiler
        };
        let doc = compiler.doc(request).root();
        let found = oaskit_core::json_pointer(doc, &pointer)
            .filter(|s| s.is_object() || s.is_boolean())
            .filter(|_| !pointer.is_empty());
        let Some(node) = found else {
            report.violations.push(v(
                "schema-not-found",
                Part::Body(String::new()),
                format!(
                    "{schema:?} names no schema of the definition (a component schema name, or \
                     a JSON pointer such as #/components/schemas/Pet)"
                ),
                "",
            ));
            return report;
        };
        let ptr = final_pointer(doc, &pointer);
        if !compiler.is_cached(request, &ptr) {
            let limit = self.max_expansion;
            if budget::Counter::default().expansion(doc, node, limit) > limit {
                report.violations.push(v(
                    "schema-too-large",
                    Part::Body(String::new()),
                    format!(
                        "the schema applies more than {limit} subschemas to a single value \
                         (Options::with_max_schema_expansion); it was not checked"
                    ),
                    &pointer,
                ));
                return report;
            }
        }
        if let Some(id) = compiler.compile(request, &ptr, &self.warnings) {
            schema_errors_of(
                Schema {
                    doc: compiler.doc(request),
                    id,
                },
                value,
                "body-schema",
                |p| Part::Body(p.to_string()),
                false,
                &mut report,
            );
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::pointer_of;

    #[test]
    fn names_and_pointers() {
        assert_eq!(pointer_of("Pet"), "/components/schemas/Pet");
        assert_eq!(pointer_of("a/b~c"), "/components/schemas/a~1b~0c");
        assert_eq!(
            pointer_of("#/components/schemas/A%20B"),
            "/components/schemas/A B"
        );
        assert_eq!(pointer_of("/definitions/Pet"), "/components/schemas/Pet");
        assert_eq!(
            pointer_of("#/paths/~1pets/get"),
            "/paths/~1pets/get".to_string()
        );
    }
}
