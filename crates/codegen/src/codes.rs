//! Every code SDK generation reports, with what it means (`oaskit explain CODE`).

use oaskit_core::codes::Code;

/// Every code of oaskit-codegen.
pub const CODES: &[Code] = &[
    Code::warning(
        "name-collision",
        "Generate: two names of the definition (schemas, operations, enum values) become the \
         same identifier in the target language (say `pet-id` and `pet_id`, or a name and a \
         keyword); the later one was numbered. Wire names are kept, so requests are unchanged; \
         rename one in the definition for a stable SDK name.",
    ),
    Code::warning(
        "huge-enum",
        "Generate: an enum has more than 10,000 values; the generated type holds them all, \
         though a plain string may serve SDK users better.",
    ),
    Code::warning(
        "duplicate-enum-value",
        "Generate: an enum lists the same value more than once (JSON Schema says its values \
         should be unique; `1` and `1.0` are the same number); the SDK has one variant for it. \
         Remove the repetition from the definition.",
    ),
    Code::warning(
        "operation-skipped",
        "Generate: an operation no client method can express was left out of the SDK: API \
         Gateway's `x-amazon-apigateway-any-method` stands for every method the path does not \
         otherwise define, so there is no single request to send. Declare the methods clients \
         use (`get`, `post`, ...) beside it to have them generated.",
    ),
    Code::warning(
        "codegen-limit",
        "Generate: building the model took more work than its limit (schemas that merge the \
         next one several times through allOf); the schemas not reached became untyped values.",
    ),
];
