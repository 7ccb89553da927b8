//! The AWS documentation pages the rules cite, as macros so that explanations can `concat!`
//! them at compile time (`oaskit explain` prints the page of every code).

/// "Amazon API Gateway important notes for REST APIs": the list of OpenAPI import exceptions.
macro_rules! known_issues_rest {
    () => {
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis"
    };
}

/// "Develop REST APIs using OpenAPI in API Gateway": the versions REST API import reads.
macro_rules! import_rest {
    () => {
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api.html"
    };
}

/// "Set the OpenAPI basePath property": how REST API import reads `basePath` server variables.
macro_rules! base_path {
    () => {
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html"
    };
}

/// "Working with OpenAPI definitions for HTTP APIs": import info, warnings and errors.
macro_rules! import_http {
    () => {
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html"
    };
}

/// "Working with API Gateway extensions to OpenAPI": the extension reference (one page per
/// extension below it).
macro_rules! extensions {
    () => {
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html"
    };
}

/// The page of one extension reference, by its file name.
macro_rules! extension_page {
    ($page:literal) => {
        concat!(
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/",
            $page,
            ".html"
        )
    };
}
