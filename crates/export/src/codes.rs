//! Every code export reports, with what it means (`oaskit explain CODE`): the losses of writing
//! a definition in a target that cannot carry all of it, and the dereference budget.

use oaskit_core::codes::Code;

/// A Postman collection was asked of a definition none of whose operations can be a request.
pub const NO_REQUESTS: &str = "no-requests";

/// Something was rewritten so a gateway imports it (`export --profile`).
pub const REWRITTEN: &str = "gateway-rewritten";

/// A JSON Schema keyword the target lacks was dropped.
pub const LOST_KEYWORD: &str = "lost-keyword";

/// Every code of oaskit-export.
pub const CODES: &[Code] = &[
    Code::warning(
        LOST_KEYWORD,
        "Export: a JSON Schema keyword the target lacks was dropped (OpenAPI 3.0 and Swagger 2.0 \
         have no `if`/`then`, `const`, `prefixItems`, `patternProperties`...); the written schema \
         accepts more than the original. The message names the keyword.",
    ),
    Code::warning(
        "lost-field",
        "Export: a field the target lacks was dropped (webhooks, `jsonSchemaDialect`, links and \
         callbacks in 2.0, summary of License...), or carried as an extension, as the message \
         says.",
    ),
    Code::warning(
        "lost-operation",
        "Export: an operation the target cannot express (QUERY, additionalOperations) was \
         dropped.",
    ),
    Code::warning(
        "lost-parameter",
        "Export: a parameter the target cannot express (cookie parameters in Swagger 2.0) was \
         dropped.",
    ),
    Code::warning(
        "lost-response",
        "Export: a response the target cannot express (status ranges such as 4XX in Swagger \
         2.0) was dropped.",
    ),
    Code::warning(
        "lost-security",
        "Export: a security scheme or flow the target cannot express (OpenID Connect, mutual TLS \
         or bearer in Swagger 2.0, several OAuth2 flows in one scheme) was dropped.",
    ),
    Code::warning(
        "approximated",
        "Export: something was mapped to the nearest form the target has (one example of \
         several, nullable for a type list, an API key for an HTTP scheme...); the message says \
         how.",
    ),
    Code::warning(
        REWRITTEN,
        "Export with --profile aws-rest: something API Gateway's REST API import does not take \
         was rewritten into a form it takes with the same meaning, as the message says (a model \
         renamed to be alphanumeric with its references, a shared response copied in place, the \
         document's security copied onto its operations, an inline primitive response schema \
         made a model, a schema keyword models do not support dropped, an exclusive integer \
         bound made inclusive). The aws- code in the message is the limitation it answers \
         (`oaskit explain aws-...`). What has no such rewrite is a loss (lost-keyword) or stays a \
         finding of `check --profile`.",
    ),
    Code::warning(
        "recursive-ref-kept",
        "Export with --dereference: a recursive reference cannot be inlined (it would never \
         end) and stays a reference.",
    ),
    Code::error(
        NO_REQUESTS,
        "export --to postman-2.1 of a definition without operations (only webhooks or \
         components), or whose operations all use methods a Postman 2.1 request cannot carry \
         (TRACE, QUERY, custom ones): a collection without requests is not written.",
    ),
    Code::error(
        crate::DEREF_LIMIT,
        "export --dereference would add more nodes than its budget allows (schemas that \
         reference the next one several times double per level); nothing is written. Keep the \
         references (bundle), or raise the budget in the library \
         (ExportOptions::with_max_dereference_nodes).",
    ),
];
