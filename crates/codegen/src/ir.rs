//! The language-neutral model of an API that every SDK backend renders.

use serde_json::Value;

/// Index of a [`TypeDef`] in [`Api::types`].
pub type TypeId = usize;

/// A type as a field, parameter or body uses it.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    /// A string, with its `format` (`date-time`, `uuid`, `byte`, ...) when given.
    String(Option<String>),
    /// An integer, with its `format` (`int32`, `int64`) when given.
    Integer(Option<String>),
    /// A number (floating point).
    Number,
    /// A boolean.
    Boolean,
    /// Raw bytes (`format: binary`, file uploads and downloads).
    Binary,
    /// Anything (a schema without constraints a type can express).
    Any,
    /// A list.
    Array(Box<TypeRef>),
    /// A map from strings to values (`additionalProperties`).
    Map(Box<TypeRef>),
    /// A named type of [`Api::types`].
    Named(TypeId),
    /// `T` or null.
    Nullable(Box<TypeRef>),
    /// A single constant value (`const`, or a one-value enum).
    Literal(Value),
}

/// One property of an object type.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The name on the wire, exactly as the definition spells it.
    pub wire: String,
    /// Base name (PascalCase words) for identifiers; backends add their casing and escaping.
    pub name: String,
    /// The type (nullability included).
    pub ty: TypeRef,
    /// Whether the property must be present.
    pub required: bool,
    /// Sent by servers only.
    pub read_only: bool,
    /// Sent by clients only.
    pub write_only: bool,
    /// The default value, when the definition gives one.
    pub default: Option<Value>,
    /// Description or title.
    pub doc: Option<String>,
}

/// One value of an enumeration.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub wire: Value,
    /// Base name for the variant (unique within the enum).
    pub name: String,
}

/// The shape of a named type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// An object with known properties (and `additional` values of one type, if allowed).
    Struct {
        /// Properties in definition order (allOf members merged in order).
        fields: Vec<Field>,
        /// `additionalProperties` values, when they are allowed and typed.
        additional: Option<TypeRef>,
    },
    /// A closed set of string or number values; SDKs add a fallback for unknown ones.
    Enum {
        /// The values.
        values: Vec<EnumValue>,
        /// Whether the values are strings (else numbers).
        strings: bool,
    },
    /// One of several types (`oneOf`/`anyOf`), tagged when a discriminator says how.
    Union {
        /// Variants with their base names.
        variants: Vec<(String, TypeRef)>,
        /// The discriminator property and the value naming each variant (same order).
        discriminator: Option<(String, Vec<String>)>,
    },
    /// Another name for a type.
    Alias(TypeRef),
}

/// A named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// Base name, unique case-insensitively among all types.
    pub name: String,
    /// Where it was defined (JSON pointer in the normalized document).
    pub pointer: String,
    /// Description or title.
    pub doc: Option<String>,
    /// The shape.
    pub kind: TypeKind,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
    /// A cookie.
    Cookie,
}

impl Location {
    /// The name the definition uses: `path`, `query`, `header` or `cookie`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

/// A parameter of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub wire: String,
    /// Base name, unique within the operation.
    pub name: String,
    /// Where it goes.
    pub location: Location,
    /// Whether it must be sent.
    pub required: bool,
    /// The serialization style (`form`, `simple`, `label`, `matrix`, `spaceDelimited`, ...).
    pub style: String,
    /// Whether arrays and objects explode.
    pub explode: bool,
    /// The type.
    pub ty: TypeRef,
    /// The schema's `default`: the value the server assumes when the parameter is not sent.
    pub default: Option<Value>,
    /// Description.
    pub doc: Option<String>,
}

/// How a request body is sent.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyKind {
    /// JSON (`application/json` and `+json` types).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// Plain text.
    Text,
    /// Raw bytes.
    Binary,
}

impl BodyKind {
    /// A short name: `json`, `form`, `multipart`, `text` or `binary`.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::Form => "form",
            BodyKind::Multipart => "multipart",
            BodyKind::Text => "text",
            BodyKind::Binary => "binary",
        }
    }
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    /// The media type used (the first of the content map that the SDK can send).
    pub media_type: String,
    /// How it is encoded.
    pub kind: BodyKind,
    /// The type.
    pub ty: TypeRef,
    /// Whether it must be sent.
    pub required: bool,
}

/// Which statuses a response covers: the one status-matching type, shared with the validator.
pub use oaskit_core::api::StatusMatch;

/// One documented response.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// `200`, `4XX` or `default` (normalized: the builder keeps only keys
    /// [`StatusMatch::parse`] accepts, ranges in upper case).
    pub status: String,
    /// The body type, when the response has content (JSON is parsed; others are bytes or text).
    pub ty: Option<TypeRef>,
    /// The media type of that content.
    pub media_type: Option<String>,
    /// The headers it documents (`Content-Type` left out), in definition order.
    pub headers: Vec<ResponseHeader>,
    /// Description.
    pub doc: Option<String>,
}

/// A header a response documents.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseHeader {
    /// The name on the wire, as written.
    pub wire: String,
    /// Base name, unique within the response.
    pub name: String,
    /// The type of its value (a string when the definition gives no schema).
    pub ty: TypeRef,
    /// Whether the response always carries it.
    pub required: bool,
    /// Description.
    pub doc: Option<String>,
}

impl Response {
    /// Which statuses this response covers.
    #[must_use]
    pub fn status_match(&self) -> StatusMatch {
        StatusMatch::parse(&self.status).unwrap_or(StatusMatch::Default)
    }

    /// Whether this is a documented success: a 2xx code or the `2XX` range (`default` is not,
    /// whatever statuses it may cover). The `ok` of every SDK's results.
    #[must_use]
    pub fn is_success(&self) -> bool {
        match self.status_match() {
            StatusMatch::Exact(c) => (200..300).contains(&c),
            StatusMatch::Range(lo, hi) => lo >= 200 && hi < 300,
            StatusMatch::Default => false,
        }
    }
}

impl Operation {
    /// Whether any response is a documented success ([`Response::is_success`]): then its
    /// `default` response stands for failures only.
    #[must_use]
    pub fn documents_success(&self) -> bool {
        self.responses.iter().any(Response::is_success)
    }
}

/// An operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Base name of the method, unique within the API (from operationId, else method and path).
    pub name: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path template.
    pub path: String,
    /// Parameters, path-level ones included.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<Body>,
    /// Responses in definition order.
    pub responses: Vec<Response>,
    /// Security alternatives (OR), each a list of scheme names (AND); empty: none needed.
    pub security: Vec<Vec<String>>,
    /// Summary and description.
    pub doc: Option<String>,
    /// Marked deprecated.
    pub deprecated: bool,
    /// How the operation pages through a listing, when the definition declares it or its
    /// shape shows it (see [`crate::paging`]).
    pub pagination: Option<Pagination>,
}

/// How an operation pages through a listing: what to send for the next page, where the items
/// are, and how sure the generator is.
#[derive(Clone, Debug, PartialEq)]
pub struct Pagination {
    /// How the next page is asked for.
    pub style: PageStyle,
    /// The field path (wire names) of the items array in the 2xx JSON body; empty when the
    /// body is the array itself.
    pub items: Vec<String>,
    /// The type of one item.
    pub item: TypeRef,
    /// Where the knowledge comes from.
    pub source: PageSource,
}

/// How the next page is asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum PageStyle {
    /// Send query parameter `param` (wire name) set to the string at field path `next` of the
    /// body; the listing ends when it is absent, null or empty.
    Cursor {
        /// The query parameter.
        param: String,
        /// The field path (wire names) of the next cursor in the body.
        next: Vec<String>,
    },
    /// Follow the URL at field path `next` of the body (Azure's `nextLink`); ends when it is
    /// absent, null or empty.
    NextUrl {
        /// The field path (wire names) of the next page's URL.
        next: Vec<String>,
    },
    /// Follow the `rel="next"` URL of the response's `Link` header (RFC 8288); ends without
    /// one.
    LinkHeader,
    /// Count query parameter `param` (wire name) up by one page; ends on an empty page.
    Page {
        /// The query parameter.
        param: String,
    },
    /// Advance query parameter `param` (wire name) by the items received; ends on an empty
    /// page.
    Offset {
        /// The query parameter.
        param: String,
    },
}

/// Where a [`Pagination`] comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageSource {
    /// An extension of the definition says so (`x-ms-pageable`, `x-speakeasy-pagination`,
    /// `x-pagination`): the extension's name.
    Declared(String),
    /// Names and shapes that leave no doubt: a cursor parameter paired with a next-cursor
    /// field, a `next`-URL field, a documented `Link` header.
    Recognized,
    /// A page or offset parameter beside an array: likely, not certain; SDKs offer it only
    /// when asked to (generation option).
    Guessed,
}

/// A security scheme, as an SDK needs it.
#[derive(Clone, Debug, PartialEq)]
pub enum Auth {
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// The scheme's name in the definition.
        scheme: String,
        /// Where the key goes.
        location: Location,
        /// The header, parameter or cookie name.
        name: String,
    },
    /// HTTP basic.
    Basic {
        /// The scheme's name.
        scheme: String,
    },
    /// A bearer token (HTTP bearer, OAuth2, OpenID Connect).
    Bearer {
        /// The scheme's name.
        scheme: String,
    },
}

/// A variable of a server URL template.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerVariable {
    /// Its name, as used in `{name}` in the URL.
    pub name: String,
    /// Its default value (empty when the definition gives none).
    pub default: String,
    /// The values it may take, when the definition restricts them.
    pub values: Vec<String>,
    /// Description.
    pub doc: Option<String>,
}

/// A server URL with its variables.
#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    /// The URL template.
    pub url: String,
    /// Its variables, in the order the definition lists them.
    pub variables: Vec<ServerVariable>,
    /// Description.
    pub doc: Option<String>,
}

impl Api {
    /// The first server's URL with its variables at their defaults (empty without servers).
    #[must_use]
    pub fn default_base_url(&self) -> String {
        self.servers.first().map_or_else(String::new, |s| {
            oaskit_core::api::fill_url(&s.url, |name| {
                s.variables
                    .iter()
                    .find(|v| v.name == name)
                    .map(|v| v.default.as_str())
            })
        })
    }
}

/// The whole API.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Api {
    /// The title.
    pub title: String,
    /// The API version.
    pub version: String,
    /// Description.
    pub doc: Option<String>,
    /// Servers, first is the default.
    pub servers: Vec<Server>,
    /// Named types, components first (in definition order), then inline ones as met.
    pub types: Vec<TypeDef>,
    /// Operations in definition order.
    pub operations: Vec<Operation>,
    /// Security schemes.
    pub auth: Vec<Auth>,
}
