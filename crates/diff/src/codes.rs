//! Every change id `oaskit diff` reports, with what it means (`oaskit explain ID`).
//!
//! A [`Code`]'s severity is the usual level: `error` for changes that are breaking (in the
//! direction where they break), `warning` for the others; the explanation says how the level
//! depends on the direction (request or response) where it does.

use oaskit_core::codes::Code;

use crate::report::Level;

macro_rules! ids {
    ($($(#[$doc:meta])* $konst:ident = $name:literal, $sev:ident, $text:literal;)*) => {
        $( $(#[$doc])* pub const $konst: &str = $name; )*
        /// Every change id of oaskit-diff.
        pub const CODES: &[Code] = &[ $( Code::$sev($name, $text), )* ];
    };
}

ids! {
    /// A path and all its operations were removed.
    PATH_REMOVED = "path-removed", error,
        "Diff (breaking): a path and every operation under it were removed; clients calling it get 404. A path whose parameters were only renamed at the same position is the same path, not a removal.";
    /// A path was added.
    PATH_ADDED = "path-added", warning,
        "Diff (info): a new path with its operations.";
    /// An operation was removed from a path that still exists.
    OPERATION_REMOVED = "operation-removed", error,
        "Diff (breaking): an operation (a method of a path that still exists) was removed; clients calling it get 405 or 404.";
    /// An operation was added.
    OPERATION_ADDED = "operation-added", warning,
        "Diff (info): a new operation on an existing path.";
    /// The operationId changed.
    OPERATION_ID_CHANGED = "operation-id-changed", warning,
        "Diff (warning): the operationId changed. The wire is unchanged, but generated SDKs name their methods after it, so code calling the old method name stops compiling.";
    /// The operation became deprecated.
    OPERATION_DEPRECATED = "operation-deprecated", warning,
        "Diff (warning): the operation is now deprecated; it may be removed in a later version.";
    /// A required parameter was added.
    PARAMETER_ADDED_REQUIRED = "parameter-added-required", error,
        "Diff (breaking): a new required parameter; requests of old clients lack it and are rejected.";
    /// An optional parameter was added.
    PARAMETER_ADDED_OPTIONAL = "parameter-added-optional", warning,
        "Diff (info): a new optional parameter.";
    /// A parameter was removed.
    PARAMETER_REMOVED = "parameter-removed", warning,
        "Diff (warning): a parameter was removed; old clients still send it, and a server that refuses unknown parameters rejects them. SDK methods lose the argument.";
    /// A parameter became required.
    PARAMETER_BECAME_REQUIRED = "parameter-became-required", error,
        "Diff (breaking): an optional parameter became required; old clients that omit it are rejected.";
    /// A parameter became optional.
    PARAMETER_BECAME_OPTIONAL = "parameter-became-optional", warning,
        "Diff (info): a required parameter became optional.";
    /// A parameter moved to another location.
    PARAMETER_LOCATION_CHANGED = "parameter-location-changed", error,
        "Diff (breaking): a parameter moved (query to header, ...); old clients send it where the server no longer looks.";
    /// A parameter's serialization style changed.
    PARAMETER_STYLE_CHANGED = "parameter-style-changed", error,
        "Diff (breaking): a parameter's style changed (form to spaceDelimited, simple to label, ...), so old clients serialize values the server no longer parses.";
    /// A parameter's explode changed.
    PARAMETER_EXPLODE_CHANGED = "parameter-explode-changed", error,
        "Diff (breaking, info for scalar parameters): `explode` changed for an array or object parameter, so old clients serialize it differently from what the server now parses.";
    /// A parameter became deprecated.
    PARAMETER_DEPRECATED = "parameter-deprecated", warning,
        "Diff (warning): a parameter is now deprecated.";
    /// A required request body was added.
    REQUEST_BODY_ADDED_REQUIRED = "request-body-added-required", error,
        "Diff (breaking): the operation now requires a request body that old clients do not send.";
    /// An optional request body was added.
    REQUEST_BODY_ADDED_OPTIONAL = "request-body-added-optional", warning,
        "Diff (info): the operation now accepts an optional request body.";
    /// The request body was removed.
    REQUEST_BODY_REMOVED = "request-body-removed", warning,
        "Diff (warning): the operation no longer documents a request body; old clients that send one may be refused, and SDK methods lose the body argument.";
    /// The request body became required.
    REQUEST_BODY_BECAME_REQUIRED = "request-body-became-required", error,
        "Diff (breaking): the request body became required; old clients that omit it are rejected.";
    /// The request body became optional.
    REQUEST_BODY_BECAME_OPTIONAL = "request-body-became-optional", warning,
        "Diff (info): the request body became optional.";
    /// A request media type was removed.
    REQUEST_MEDIA_TYPE_REMOVED = "request-media-type-removed", error,
        "Diff (breaking): a media type the request body accepted is gone; old clients sending it get 415.";
    /// A request media type was added.
    REQUEST_MEDIA_TYPE_ADDED = "request-media-type-added", warning,
        "Diff (info): the request body accepts another media type.";
    /// A success response was removed.
    RESPONSE_SUCCESS_REMOVED = "response-success-removed", error,
        "Diff (breaking): a success (2XX) response clients expect is no longer documented (and no range or default of the new definition covers it).";
    /// A non-success response was removed.
    RESPONSE_STATUS_REMOVED = "response-status-removed", warning,
        "Diff (warning): an error (or informational, redirect) response is no longer documented.";
    /// A success response was added.
    RESPONSE_SUCCESS_ADDED = "response-success-added", warning,
        "Diff (warning): a new success (2XX) status; clients that handle only the statuses they know may treat it as a failure.";
    /// A non-success response was added.
    RESPONSE_STATUS_ADDED = "response-status-added", warning,
        "Diff (info): a new error (or other non-success) status is documented.";
    /// A response media type was removed.
    RESPONSE_MEDIA_TYPE_REMOVED = "response-media-type-removed", error,
        "Diff (breaking for success responses, warning otherwise): a media type a response was sent in is gone; clients asking for it no longer get it.";
    /// A response media type was added.
    RESPONSE_MEDIA_TYPE_ADDED = "response-media-type-added", warning,
        "Diff (info): a response may be sent in another media type.";
    /// A response header was removed.
    RESPONSE_HEADER_REMOVED = "response-header-removed", error,
        "Diff (breaking when the header was required, warning otherwise): a response header clients may read is gone.";
    /// A response header was added.
    RESPONSE_HEADER_ADDED = "response-header-added", warning,
        "Diff (info): a new response header.";
    /// A response header became optional.
    RESPONSE_HEADER_BECAME_OPTIONAL = "response-header-became-optional", error,
        "Diff (breaking): a response header that was always sent may now be missing.";
    /// A response header became required.
    RESPONSE_HEADER_BECAME_REQUIRED = "response-header-became-required", warning,
        "Diff (info): a response header is now always sent.";
    /// A schema accepts fewer types.
    SCHEMA_TYPE_NARROWED = "schema-type-narrowed", error,
        "Diff (breaking in requests, info in responses): a schema accepts fewer types (`[string, integer]` to `string`, `number` to `integer`); old clients' requests may be rejected.";
    /// A schema accepts more types.
    SCHEMA_TYPE_WIDENED = "schema-type-widened", error,
        "Diff (breaking in responses, info in requests): a schema accepts more types (`integer` to `number`, a type added); old clients may receive values they cannot decode.";
    /// A schema's type changed to an unrelated one.
    SCHEMA_TYPE_CHANGED = "schema-type-changed", error,
        "Diff (breaking): a schema's type changed to an unrelated one (`string` to `integer`), which breaks requests and responses alike.";
    /// A schema became nullable.
    SCHEMA_NULLABLE_ADDED = "schema-nullable-added", error,
        "Diff (breaking in responses, info in requests): a value may now be null (3.0 `nullable: true` and 3.1 `type: [T, 'null']` are the same thing and compare equal).";
    /// A schema is no longer nullable.
    SCHEMA_NULLABLE_REMOVED = "schema-nullable-removed", error,
        "Diff (breaking in requests, info in responses): a value may no longer be null.";
    /// An enum value was added.
    ENUM_VALUE_ADDED = "enum-value-added", warning,
        "Diff (warning in responses, info in requests): an enum gained a value; clients with closed enums (exhaustive matches) may not handle it.";
    /// An enum value was removed.
    ENUM_VALUE_REMOVED = "enum-value-removed", error,
        "Diff (breaking in requests, info in responses): an enum lost a value that old clients may send.";
    /// A format changed.
    SCHEMA_FORMAT_CHANGED = "schema-format-changed", error,
        "Diff (breaking; int32 to int64 and float to double are widenings, judged by direction): a value's format changed (`date` to `date-time`), so old clients produce or expect the other one.";
    /// A constraint became stricter.
    SCHEMA_CONSTRAINT_NARROWED = "schema-constraint-narrowed", error,
        "Diff (breaking in requests, info in responses): a constraint became stricter (a lower maximum, a higher minLength, a pattern or format added, additionalProperties closed, uniqueItems), so some values old clients send are rejected.";
    /// A constraint became looser.
    SCHEMA_CONSTRAINT_WIDENED = "schema-constraint-widened", error,
        "Diff (breaking in responses, info in requests): a constraint became looser (a higher maximum, a pattern or enum removed, additionalProperties opened), so responses may hold values old clients do not expect.";
    /// A pattern changed.
    SCHEMA_PATTERN_CHANGED = "schema-pattern-changed", error,
        "Diff (breaking in requests, warning in responses): a string pattern changed to another one; values valid before may be rejected (clients rarely check response patterns).";
    /// A property was added.
    PROPERTY_ADDED = "property-added", warning,
        "Diff (info): an optional property was added (in a request: old clients do not send it; in a response: old clients ignore it).";
    /// A required property was added.
    REQUIRED_PROPERTY_ADDED = "required-property-added", error,
        "Diff (breaking in requests, warning there when the property has a default the server can apply, info in responses): a new required property old clients do not send.";
    /// A property was removed.
    PROPERTY_REMOVED = "property-removed", error,
        "Diff (breaking in responses when the property was required, warning otherwise): a property is no longer documented; clients reading it stop getting it, clients sending it may be refused.";
    /// A property became required.
    PROPERTY_BECAME_REQUIRED = "property-became-required", error,
        "Diff (breaking in requests, warning there when it has a default, info in responses): an optional property became required.";
    /// A property became optional.
    PROPERTY_BECAME_OPTIONAL = "property-became-optional", error,
        "Diff (breaking in responses, info in requests): a property that was always present in responses may now be missing.";
    /// A property became deprecated.
    PROPERTY_DEPRECATED = "property-deprecated", warning,
        "Diff (warning): a property is now deprecated.";
    /// A oneOf/anyOf variant was added.
    SCHEMA_VARIANT_ADDED = "schema-variant-added", error,
        "Diff (breaking in responses, info in requests): a oneOf/anyOf gained a variant; clients decoding the union may meet a shape they do not know.";
    /// A oneOf/anyOf variant was removed.
    SCHEMA_VARIANT_REMOVED = "schema-variant-removed", error,
        "Diff (breaking in requests, info in responses): a oneOf/anyOf lost a variant old clients may send.";
    /// The discriminator property changed.
    DISCRIMINATOR_CHANGED = "discriminator-changed", error,
        "Diff (breaking): the discriminator's property changed, so the tag old clients send or read is not the one used.";
    /// A discriminator mapping value was added.
    DISCRIMINATOR_MAPPING_ADDED = "discriminator-mapping-added", warning,
        "Diff (warning in responses, info in requests): a discriminator gained a tag value, as an enum gaining a value.";
    /// A discriminator mapping value was removed.
    DISCRIMINATOR_MAPPING_REMOVED = "discriminator-mapping-removed", error,
        "Diff (breaking in requests, info in responses): a discriminator tag value old clients may send is gone.";
    /// A discriminator mapping value points elsewhere.
    DISCRIMINATOR_MAPPING_CHANGED = "discriminator-mapping-changed", error,
        "Diff (breaking): a discriminator tag value now selects another schema.";
    /// A default value changed.
    DEFAULT_CHANGED = "default-changed", warning,
        "Diff (warning): a default value changed; clients that omit the value get another behaviour.";
    /// Anonymous calls are no longer allowed.
    SECURITY_ADDED = "security-added", error,
        "Diff (breaking): the operation could be called without credentials and now requires some.";
    /// A way to authenticate was removed.
    SECURITY_ALTERNATIVE_REMOVED = "security-alternative-removed", error,
        "Diff (breaking): a security requirement old clients may satisfy (a scheme or a combination of schemes) is no longer accepted and no remaining one is satisfied by the same credentials.";
    /// A requirement needs more scopes.
    SECURITY_SCOPE_ADDED = "security-scope-added", error,
        "Diff (breaking): a security requirement now needs scopes (or roles) old tokens may lack.";
    /// A way to authenticate was added.
    SECURITY_ALTERNATIVE_ADDED = "security-alternative-added", warning,
        "Diff (info): another way to authenticate is accepted (or security is no longer needed).";
    /// A security scheme changed how credentials travel.
    SECURITY_SCHEME_CHANGED = "security-scheme-changed", error,
        "Diff (breaking): a security scheme used by both versions changed its type, its API key name or location, or its HTTP scheme, so old clients send credentials where they are not read.";
    /// A server was removed.
    SERVER_REMOVED = "server-removed", warning,
        "Diff (warning): a server URL is no longer listed; clients configured with it may stop reaching the API, and SDKs whose default base URL was it change default.";
    /// A server was added.
    SERVER_ADDED = "server-added", warning,
        "Diff (info): a new server URL.";
    /// A link of a response was removed.
    RESPONSE_LINK_REMOVED = "response-link-removed", warning,
        "Diff (warning): a response no longer declares a link (a Link Object naming the operation a client can call next with values from this response); clients and tools that follow it lose the way.";
    /// A link of a response was added.
    RESPONSE_LINK_ADDED = "response-link-added", warning,
        "Diff (info): a response declares a new link.";
    /// A link of a response names another target.
    RESPONSE_LINK_CHANGED = "response-link-changed", warning,
        "Diff (warning): a response link now names another operation (`operationId` or `operationRef`) or passes other parameters or another request body; clients following it call something else.";
    /// A webhook was removed.
    WEBHOOK_REMOVED = "webhook-removed", warning,
        "Diff (warning): the API no longer sends this webhook (3.1 `webhooks`); receivers stop getting these requests. Webhooks and callbacks are judged from the receiver's side: what the API sends is what the receiver must accept (widening it breaks, as a response), and what the receiver answers is what the API accepts (narrowing it breaks, as a request).";
    /// A webhook was added.
    WEBHOOK_ADDED = "webhook-added", warning,
        "Diff (info): the API sends a new webhook.";
    /// A callback was removed.
    CALLBACK_REMOVED = "callback-removed", warning,
        "Diff (warning): an operation no longer declares this callback (or this request of it); receivers stop getting these requests. Judged from the receiver's side, like webhooks.";
    /// A callback was added.
    CALLBACK_ADDED = "callback-added", warning,
        "Diff (info): an operation declares a new callback (or a new request of one).";
    /// A generated SDK names an unchanged item differently.
    SDK_NAME_CHANGED = "sdk-name-changed", warning,
        "Diff (warning): the definition kept an item's base name (an operation, a parameter, a schema, a property, an enum value), but a generated SDK now writes it differently, so code using the old name stops compiling: a new item took the name first and this one got a collision suffix (`Pet` became `Pet_` beside a new `PET`; `page_size` became `page_size_2` beside a new `page_size` property). A path parameter renamed at its position stays no change, though TypeScript and Python SDKs pass it by name. Reported with SDK impact on (not with `--no-sdk`); the wire is unchanged, so no HTTP client breaks.";
    /// The comparison reached its work limit.
    DIFF_LIMIT = "diff-limit", warning,
        "Diff (warning): comparing schemas took more work than the limit (very large or deeply shared schemas); the schemas not reached were not compared, so changes inside them may be missing.";
}

/// The level of a change to an operation the API *sends* (a webhook or a callback), judged
/// from the side of the server that receives it: the request is what that server must accept
/// (so losing a parameter or body it relied on breaks it, and gaining one does not), and its
/// responses are what the API accepts back (so a status or media type the API no longer takes
/// breaks it). Schemas are judged with their directions reversed ([`crate::schema`]); ids
/// whose level does not depend on who sends keep `level`.
#[must_use]
pub fn as_receiver(id: &str, level: Level) -> Level {
    match id {
        PARAMETER_ADDED_REQUIRED
        | PARAMETER_ADDED_OPTIONAL
        | PARAMETER_BECAME_REQUIRED
        | REQUEST_BODY_ADDED_REQUIRED
        | REQUEST_BODY_ADDED_OPTIONAL
        | REQUEST_BODY_BECAME_REQUIRED
        | REQUEST_MEDIA_TYPE_REMOVED
        | RESPONSE_SUCCESS_ADDED
        | RESPONSE_STATUS_ADDED
        | RESPONSE_MEDIA_TYPE_ADDED
        | RESPONSE_HEADER_REMOVED
        | RESPONSE_HEADER_ADDED
        | RESPONSE_HEADER_BECAME_OPTIONAL => Level::Info,
        REQUEST_MEDIA_TYPE_ADDED | RESPONSE_STATUS_REMOVED => Level::Warning,
        PARAMETER_REMOVED
        | PARAMETER_BECAME_OPTIONAL
        | REQUEST_BODY_REMOVED
        | REQUEST_BODY_BECAME_OPTIONAL
        | RESPONSE_SUCCESS_REMOVED
        | RESPONSE_MEDIA_TYPE_REMOVED
        | RESPONSE_HEADER_BECAME_REQUIRED => Level::Breaking,
        _ => level,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_unique_kebab_case_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for c in super::CODES {
            assert!(seen.insert(c.name), "{} twice", c.name);
            assert!(c.explanation.starts_with("Diff ("), "{}", c.name);
            assert!(c
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()));
        }
    }
}
