//! `aws-openapi-version`: REST API import reads OpenAPI 2.0 and 3.0; HTTP API import reads
//! OpenAPI 3.0 only, and anything else is an import error.

use oaskit_core::SpecVersion;

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::error(
        "aws-openapi-version",
        concat!(
            "AWS profiles: the definition's version is not one API Gateway imports. REST APIs: \
             \"API Gateway supports OpenAPI v2.0 and OpenAPI v3.0 definition files\", so 3.1 and \
             later are not supported (AWS documents no outcome). HTTP APIs: \"HTTP APIs support \
             only the OpenAPI 3.0 specification\" and the page shows a Swagger 2.0 document \
             producing import errors: import fails. Convert with `oaskit export --to \
             openapi-3.0`. Sources: ",
            import_rest!(),
            " and ",
            import_http!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::Limitation(Outcome::Fails),
    source: import_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let v = cx.source_version;
    let supported = match cx.profile {
        crate::Profile::AwsRest => matches!(v, SpecVersion::Swagger2 | SpecVersion::OpenApi30),
        crate::Profile::AwsHttp => v == SpecVersion::OpenApi30,
    };
    if supported {
        return;
    }
    // A Swagger 2.0 document is normalized to 3.0: its `openapi` node keeps the span of the
    // `swagger` field the user wrote.
    let key = if v == SpecVersion::Swagger2 { "swagger" } else { "openapi" };
    let (key, node) = match cx.root.get(key).or_else(|| cx.root.get("openapi")) {
        Some(n) => (key, n),
        None => ("", cx.root),
    };
    let written = if v == SpecVersion::Swagger2 {
        "2.0"
    } else {
        node.as_str().unwrap_or("?")
    };
    out.limit(
        &RULE,
        node.span,
        &if key.is_empty() { String::new() } else { format!("/{key}") },
        &format!(
            "{} {written} is not a version {} import reads",
            if v == SpecVersion::Swagger2 { "Swagger" } else { "OpenAPI" },
            cx.profile.api_type()
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::findings;
    use crate::Profile;

    const V31: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    const V20: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n";
    const V30: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn rest_reads_2_0_and_3_0_http_only_3_0() {
        let rest = findings(V31, Profile::AwsRest, "aws-openapi-version");
        assert_eq!(rest.len(), 1);
        assert_eq!(rest[0].0, 1);
        assert!(rest[0].1.contains("not supported (AWS documents no outcome)"), "{}", rest[0].1);
        assert!(findings(V20, Profile::AwsRest, "aws-openapi-version").is_empty());
        let http = findings(V20, Profile::AwsHttp, "aws-openapi-version");
        assert_eq!(http.len(), 1);
        assert!(http[0].1.contains("Swagger 2.0") && http[0].1.contains("import fails"), "{}", http[0].1);
        assert!(findings(V30, Profile::AwsHttp, "aws-openapi-version").is_empty());
        assert!(findings(V30, Profile::AwsRest, "aws-openapi-version").is_empty());
    }
}
