//! Every diagnostic code oaskit-gateway reports, with what it means (`oaskit explain CODE`).

use oaskit_core::codes::Code;

/// The codes of `oaskit serve`: its configuration file, and what it cannot do as API Gateway
/// does.
pub const CODES: &[Code] = &[
    Code::error(
        "gateway-config-invalid",
        "Serve: the gateway configuration file (--config) breaks its format: an unknown key, a \
         value of the wrong type, a stage or usage plan that does not exist, an integration \
         target that is neither `mock` nor an http(s) URL. The message names the key; the \
         location is in the configuration file.",
    ),
    Code::error(
        "gateway-jwks-invalid",
        "Serve: a JWKS file named by the configuration's `authorizers` is not a JSON Web Key Set \
         of RSA keys (`{\"keys\": [{\"kty\": \"RSA\", \"kid\", \"n\", \"e\"}]}`); only RS256 \
         is supported.",
    ),
    Code::error(
        "gateway-template-invalid",
        "Serve: a mapping template (requestTemplates, responseTemplates, or a gateway \
         response's template) uses a construct the Velocity engine does not run, or is not \
         valid Velocity; the message gives the line and column inside the template. Found when \
         the definition is prepared, never at request time; `--force` serves it anyway and the \
         template answers 500.",
    ),
    Code::warning(
        "gateway-authorizer-unsupported",
        "Serve: an operation is protected by an authorizer oaskit does not emulate (Lambda \
         `token`/`request` authorizers, Cognito user pools, IAM via \
         x-amazon-apigateway-authtype), or by a JWT authorizer without a JWKS in the \
         configuration. Requests to it are refused (501, or 401 for JWT), never let through.",
    ),
    Code::warning(
        "gateway-integration-unsupported",
        "Serve: an operation's integration is of type AWS or AWS_PROXY (a Lambda function or \
         an AWS service), which cannot run locally; requests to it are answered 501 naming the \
         integration unless the configuration's `integrations` maps it (by `METHOD /path`, its \
         uri, or `*`) to a local URL or to `mock`.",
    ),
];
