//! Every stable diagnostic code oaskit-core reports, with what it means (`oaskit explain CODE`).
//!
//! Each stage lists its codes here, except the rules of the specification text: each rule file
//! of `rules/` declares its own code, and [`RULES`] gathers them. The validator, export and
//! codegen crates keep their codes in their own `codes` modules, with the same [`Code`] type.

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

impl Code {
    /// An error code.
    #[must_use]
    pub const fn error(name: &'static str, explanation: &'static str) -> Self {
        Self {
            name,
            severity: "error",
            explanation,
        }
    }

    /// A warning code.
    #[must_use]
    pub const fn warning(name: &'static str, explanation: &'static str) -> Self {
        Self {
            name,
            severity: "warning",
            explanation,
        }
    }
}

/// Reading a file: I/O, encodings, JSON and YAML syntax, limits, the version field.
pub const READ: &[Code] = &[
    Code::error("io", "A file or URL could not be read."),
    Code::error("size-limit", "A file is larger than the limit (256 MiB by default)."),
    Code::error("encoding", "The file is not UTF-8 (UTF-16/32), or has a byte order mark inside it."),
    Code::error("invalid-utf8", "The file has bytes that are not valid UTF-8; the message names the offset."),
    Code::warning("bom", "The file starts with a UTF-8 byte order mark; it is ignored and never written out."),
    Code::error("json-syntax", "The JSON is malformed."),
    Code::error("yaml-syntax", "The YAML is malformed (tabs used as indentation, several documents, complex keys, unsupported tags)."),
    Code::error("duplicate-key", "An object has the same key twice (also after unescaping); one value would silently replace the other."),
    Code::error("depth-limit", "Nesting is deeper than the limit (256 levels)."),
    Code::error("yaml-alias-limit", "YAML aliases expand to more nodes than the budget allows (an alias bomb)."),
    Code::error("unknown-version", "The document is not Swagger 2.0 or OpenAPI 3.0, 3.1 or 3.2 (or the version is not a string)."),
];

/// Following `$ref`s: files, URLs, pointers, cycles.
pub const REFERENCES: &[Code] = &[
    Code::error("ref-unresolved", "A $ref points at nothing: a missing file, or a pointer that does not exist (a near name is suggested)."),
    Code::error("ref-outside-root", "A file $ref leads outside the root folder; it was not opened. Use --root to widen the root."),
    Code::error("ref-remote-denied", "A $ref to an http(s) URL while remote references are off. Use --allow-remote."),
    Code::error("ref-address-denied", "A remote $ref, entry URL or redirect leads to an address oaskit never fetches from (link-local such as the cloud metadata service 169.254.169.254, unspecified, multicast, reserved, in any IPv4 or IPv6 spelling), or to a loopback or private address without --allow-private, or carries credentials."),
    Code::error("ref-unsupported", "A $ref with a scheme oaskit does not read."),
    Code::error("ref-cycle", "References that loop without data in between ($ref to $ref, or through allOf): such a schema never resolves."),
    Code::error("ref-limit", "More references (or files) than the limit were followed; --max-files raises the file limit."),
    Code::warning("ref-anchor", "A plain-name fragment ($anchor) reference is kept as written, not resolved."),
    Code::warning("ref-operation", "An Operation Object written as a $ref (`get: {$ref: get.yaml}`), which no OpenAPI version allows: oaskit reads the operation from the referenced file, as redocly and swagger-parser do, and says so because other tools (and API Gateway) may refuse it."),
];

/// The official JSON Schema of the document's version, and Schema Objects as JSON Schema.
pub const STRUCTURE: &[Code] = &[
    Code::error(
        "schema-violation",
        "The document breaks the official JSON Schema of its version.",
    ),
    Code::error(
        "schema-invalid",
        "An OpenAPI 3.1/3.2 Schema Object is not a valid JSON Schema 2020-12 schema.",
    ),
];

/// The rules of the specification text, one per file of `rules/`, which declares its code.
pub const RULES: &[Code] = crate::rules::CODES;

/// Upgrading Swagger 2.0 to OpenAPI 3.0: what has no faithful mapping.
pub const UPGRADE: &[Code] = &[
    Code::warning("upgrade-collection-format", "A Swagger 2.0 collectionFormat without an OpenAPI 3 style; kept as x-collectionFormat."),
    Code::warning("upgrade-oauth-flow", "An unknown Swagger 2.0 OAuth2 flow."),
    Code::warning("upgrade-tuple-items", "A Swagger 2.0 schema's `items` is a list of schemas (one per position); OpenAPI 3.0 allows one schema, so it became `anyOf` of them (3.1's prefixItems would be exact)."),
    Code::warning("upgrade-type-array", "A Swagger 2.0 schema's `type` is a list of types or `null` (JSON Schema); OpenAPI 3.0 has neither, so `null` became `nullable: true` and several types an `anyOf`."),
    Code::warning("upgrade-operation-schemes", "Operation-level schemes without a host cannot become servers; kept as x-schemes."),
];

/// Merging one document into another (`oaskit import --into`), and oaskit's own failures.
pub const OTHER: &[Code] = &[
    Code::warning("merge-conflict", "`import --into --mode merge`: both documents define an item differently; the imported one wins."),
    Code::error("internal", "A bug in oaskit; please report it."),
];

/// The codes of oaskit-core by stage, in the order a load meets them: (stage, codes).
pub const STAGES: &[(&str, &[Code])] = &[
    ("read", READ),
    ("references", REFERENCES),
    ("structure", STRUCTURE),
    ("rules", RULES),
    ("upgrade", UPGRADE),
    ("other", OTHER),
];

/// How many codes [`STAGES`] holds.
const COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < STAGES.len() {
        n += STAGES[i].1.len();
        i += 1;
    }
    n
};

/// [`STAGES`] as one array (const-evaluated, so [`ALL`] needs no allocation and no registry).
const FLAT: [Code; COUNT] = {
    let mut out = [Code::error("", ""); COUNT];
    let mut k = 0;
    let mut i = 0;
    while i < STAGES.len() {
        let mut j = 0;
        while j < STAGES[i].1.len() {
            out[k] = STAGES[i].1[j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
};

/// Every code oaskit-core reports, grouped by stage. The validator, export and codegen crates
/// each list their own in their `codes` module.
pub const ALL: &[Code] = &FLAT;

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
            assert!(
                !c.explanation.trim().is_empty(),
                "{} has no explanation",
                c.name
            );
        }
    }
}
