//! Every stable diagnostic code oaskit reports, with what it means (`oaskit explain CODE`).

/// One code: its name, the usual severity, and an explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    /// The stable kebab-case name.
    pub name: &'static str,
    /// `"error"` or `"warning"`.
    pub severity: &'static str,
    /// What it means and what to do.
    pub explanation: &'static str,
}

const fn c(name: &'static str, severity: &'static str, explanation: &'static str) -> Code {
    Code {
        name,
        severity,
        explanation,
    }
}

/// All codes, grouped by stage.
pub const ALL: &[Code] = &[
    c("io", "error", "A file or URL could not be read."),
    c("size-limit", "error", "A file is larger than the limit (256 MiB by default)."),
    c("encoding", "error", "The file is not UTF-8 (UTF-16/32), or has a byte order mark inside it."),
    c("invalid-utf8", "error", "The file has bytes that are not valid UTF-8; the message names the offset."),
    c("bom", "warning", "The file starts with a UTF-8 byte order mark; it is ignored and never written out."),
    c("json-syntax", "error", "The JSON is malformed."),
    c("yaml-syntax", "error", "The YAML is malformed (tabs used as indentation, several documents, complex keys, unsupported tags)."),
    c("duplicate-key", "error", "An object has the same key twice (also after unescaping); one value would silently replace the other."),
    c("depth-limit", "error", "Nesting is deeper than the limit (256 levels)."),
    c("yaml-alias-limit", "error", "YAML aliases expand to more nodes than the budget allows (an alias bomb)."),
    c("unknown-version", "error", "The document is not Swagger 2.0 or OpenAPI 3.0, 3.1 or 3.2 (or the version is not a string)."),
    c("ref-unresolved", "error", "A $ref points at nothing: a missing file, or a pointer that does not exist (a near name is suggested)."),
    c("ref-outside-root", "error", "A file $ref leads outside the root folder; it was not opened. Use --root to widen the root."),
    c("ref-remote-denied", "error", "A $ref to an http(s) URL while remote references are off. Use --allow-remote."),
    c("ref-address-denied", "error", "A remote $ref, entry URL or redirect leads to an address oaskit never fetches from (link-local such as the cloud metadata service 169.254.169.254, unspecified, multicast, reserved, in any IPv4 or IPv6 spelling), or to a loopback or private address without --allow-private, or carries credentials."),
    c("ref-unsupported", "error", "A $ref with a scheme oaskit does not read."),
    c("ref-cycle", "error", "References that loop without data in between ($ref to $ref, or through allOf): such a schema never resolves."),
    c("ref-limit", "error", "More references (or files) than the limit were followed; --max-files raises the file limit."),
    c("deref-limit", "error", "export --dereference would add more nodes than its budget allows (schemas that reference the next one several times double per level); nothing is written. Keep the references (bundle), or raise the budget in the library (ExportOptions::with_max_dereference_nodes)."),
    c("ref-anchor", "warning", "A plain-name fragment ($anchor) reference is kept as written, not resolved."),
    c("schema-violation", "error", "The document breaks the official JSON Schema of its version."),
    c("schema-invalid", "error", "An OpenAPI 3.1/3.2 Schema Object is not a valid JSON Schema 2020-12 schema."),
    c("operation-id-duplicate", "error", "Two operations share an operationId."),
    c("path-param-undeclared", "error", "A {variable} of a path template has no path parameter."),
    c("path-param-unused", "error", "A path parameter does not appear in the path template."),
    c("path-param-not-required", "error", "A path parameter lacks `required: true`."),
    c("parameter-duplicate", "error", "A parameter list names the same (name, location) twice."),
    c("path-ambiguous", "error", "Two templated paths differ only in variable names; the specification says they are the same path."),
    c("path-template-ambiguous", "warning", "Two variables stand next to each other in a path segment; routing must guess where one ends."),
    c("security-scheme-undefined", "error", "A security requirement names a scheme that is not defined."),
    c("discriminator-mapping-unresolved", "error", "A discriminator mapping names no schema."),
    c("server-variable-default", "error", "A server variable's default is not among its enum values."),
    c("server-variable-undefined", "error", "A server URL uses a {variable} that is not defined."),
    c("response-code-invalid", "error", "A response key is not `default`, 100-599 or a range such as 4XX."),
    c("component-name", "warning", "A component name does not match ^[a-zA-Z0-9.-_]+$; tools may refuse or rename it."),
    c("body-param-conflict", "error", "Swagger 2.0: more than one body parameter, or body and formData together."),
    c("tag-duplicate", "error", "The root tags list names a tag twice."),
    c("get-request-body", "warning", "A GET or HEAD operation has a request body; HTTP gives it no defined meaning."),
    c("parameter-ignored", "warning", "A header parameter named Accept, Content-Type or Authorization, which the specification ignores."),
    c("link-operation-unknown", "error", "A link names an operationId that no operation has."),
    c("upgrade-collection-format", "warning", "A Swagger 2.0 collectionFormat without an OpenAPI 3 style; kept as x-collectionFormat."),
    c("upgrade-oauth-flow", "warning", "An unknown Swagger 2.0 OAuth2 flow."),
    c("upgrade-tuple-items", "warning", "A Swagger 2.0 schema's `items` is a list of schemas (one per position); OpenAPI 3.0 allows one schema, so it became `anyOf` of them (3.1's prefixItems would be exact)."),
    c("upgrade-type-array", "warning", "A Swagger 2.0 schema's `type` is a list of types or `null` (JSON Schema); OpenAPI 3.0 has neither, so `null` became `nullable: true` and several types an `anyOf`."),
    c("upgrade-operation-schemes", "warning", "Operation-level schemes without a host cannot become servers; kept as x-schemes."),
    c("merge-conflict", "warning", "`import --into --mode merge`: both documents define an item differently; the imported one wins."),
    c("lost-keyword", "warning", "Export: a JSON Schema keyword the target lacks was dropped; the schema accepts more."),
    c("lost-field", "warning", "Export: a field the target lacks was dropped (or carried as an extension, as the message says)."),
    c("lost-operation", "warning", "Export: an operation the target cannot express (QUERY, additionalOperations) was dropped."),
    c("lost-parameter", "warning", "Export: a parameter the target cannot express (cookies in 2.0) was dropped."),
    c("lost-response", "warning", "Export: a response the target cannot express (status ranges in 2.0) was dropped."),
    c("lost-security", "warning", "Export: a security scheme or flow the target cannot express was dropped."),
    c("name-collision", "warning", "Generate: two names of the definition (schemas, operations, enum values) become the same identifier in the target language; the later one was numbered. Wire names are kept."),
    c("huge-enum", "warning", "Generate: an enum with more values than a generated type should hold (over 2,000); it became a plain string."),
    c("codegen-limit", "warning", "Generate: building the model took more work than its limit (schemas that merge the next one several times through allOf); the schemas not reached became untyped values."),
    c("approximated", "warning", "Export: mapped to the nearest form the target has; the message says how."),
    c("recursive-ref-kept", "warning", "Export with --dereference: a recursive reference cannot be inlined and stays a reference."),
    c("internal", "error", "A bug in oaskit; please report it."),
];

/// The code named `name`.
#[must_use]
pub fn lookup(name: &str) -> Option<&'static Code> {
    ALL.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut names: Vec<&str> = super::ALL.iter().map(|c| c.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
        for c in super::ALL {
            assert!(
                c.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                c.name
            );
            assert!(matches!(c.severity, "error" | "warning"));
        }
    }
}
