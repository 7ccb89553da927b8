//! Every violation code the validator reports, with what it means (`oaskit explain CODE`).

use oaskit_core::codes::Code;

/// Every code of oaskit-validator, in the order a message meets them: routing, security,
/// parameters, body, response, single payloads.
pub const CODES: &[Code] = &[
    Code::error(
        "route-not-found",
        "Validate: no path of the definition (under any of its servers' base paths) matches the \
         request URL.",
    ),
    Code::error(
        "method-not-allowed",
        "Validate: the path matches, but it has no operation for the request's method.",
    ),
    Code::error(
        "security-missing",
        "Validate: the operation requires credentials, and the request satisfies none of its \
         security requirements (no API key header, query parameter or cookie, no Authorization \
         header of the right scheme).",
    ),
    Code::error(
        "param-missing",
        "Validate: a required parameter (path, query, header or cookie) is absent.",
    ),
    Code::error(
        "param-malformed",
        "Validate: a parameter value cannot be read in its declared style (form, simple, label, \
         matrix, deepObject...), or its JSON content does not parse.",
    ),
    Code::error(
        "param-empty",
        "Validate: a query parameter is sent empty (`?a=`) but does not declare \
         `allowEmptyValue`.",
    ),
    Code::error(
        "param-reserved",
        "Validate: a query parameter value holds a reserved character (such as / ? : @ [ ] ! $ \
         ' ( ) * ;) that is not percent-encoded, and the parameter does not declare \
         `allowReserved: true`.",
    ),
    Code::error(
        "param-schema",
        "Validate: a parameter value breaks its schema; the rule names the schema keyword.",
    ),
    Code::error(
        "body-missing",
        "Validate: the operation requires a request body (`required: true`) and none was sent.",
    ),
    Code::error(
        "body-too-large",
        "Validate: the body is larger than the validator reads (its input limit; \
         Options::with_max_body_size raises it); it was not checked.",
    ),
    Code::error(
        "content-type-missing",
        "Validate: a body was sent without a Content-Type header; the definition declares \
         media types for it, and the message lists them.",
    ),
    Code::error(
        "content-type-unsupported",
        "Validate: the body's Content-Type is not one of the media types the definition \
         declares for it.",
    ),
    Code::error(
        "body-malformed",
        "Validate: the body does not parse as its media type (invalid JSON, form data or \
         multipart).",
    ),
    Code::error(
        "body-schema",
        "Validate: the body breaks its schema; the part is the JSON pointer in the body and the \
         rule the schema keyword.",
    ),
    Code::error(
        "read-only",
        "Validate: a request sends a property its schema marks readOnly (servers set it).",
    ),
    Code::error(
        "write-only",
        "Validate: a response returns a property its schema marks writeOnly (clients only send \
         it, passwords for example).",
    ),
    Code::error(
        "status-undeclared",
        "Validate: the response status is not among the operation's responses, and there is no \
         range (such as 4XX) or `default` response.",
    ),
    Code::error(
        "header-missing",
        "Validate: a response header the definition marks required is absent.",
    ),
    Code::error(
        "header-schema",
        "Validate: a response header value breaks its schema.",
    ),
    Code::error(
        "schema-not-found",
        "Validate a payload: the schema name or JSON pointer names no schema of the definition \
         (names are looked up under #/components/schemas; pointers may start with # or /).",
    ),
    Code::error(
        "schema-too-large",
        "Validate a payload: the schema would apply more subschemas to a single value than the \
         validator's expansion limit allows (Options::with_max_schema_expansion); the payload \
         was not checked.",
    ),
];
