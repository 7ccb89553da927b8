//! [`Str`]: the text of an object key, a string or a number literal in a [`Node`](crate::Node)
//! tree, in 16 bytes and, in the common cases, without a heap allocation of its own.
//!
//! A definition of tens of megabytes holds about a million keys and strings. As `Box<str>`
//! each was its own allocation (32 bytes or more with the allocator's overhead, for keys of 8
//! bytes on average) and the allocator's time was a third of `oaskit check`'s. A [`Str`] is one
//! of:
//! - one of a fixed list of words of the specifications (`description`, `$ref`, `properties`,
//!   `application/json`, `string`, `200`...), kept as its number in that list: most keys and
//!   many values of any definition;
//! - up to [`Str::INLINE`] bytes kept in place (other short keys and values, number literals);
//! - a range of a shared text, which the parsers use for every longer string they can read
//!   unchanged from the file (no escapes): the file's text is kept anyway for messages, so these
//!   cost nothing but a reference count;
//! - a string of its own behind an [`Arc`], for everything else (escaped strings, strings
//!   built by a program); cloning it copies nothing.
//!
//! A `Str` dereferences to `str` and compares, hashes and orders as the `str` it holds, so code
//! written against `Box<str>` keeps working: `&*key`, `key.len()`, `key == "type"`,
//! `match &*key { ... }`, `HashMap<Str, _>::get("name")`.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Text of a tree: a key, a string value or a number literal (see the [module](self) notes).
#[derive(Clone)]
pub struct Str(Repr);

#[derive(Clone)]
enum Repr {
    /// `KNOWN[n]`.
    Known(u8),
    /// `len` bytes of `bytes` (always a whole UTF-8 string).
    Inline { len: u8, bytes: [u8; Str::INLINE] },
    /// `text[start..start + len]`, on character boundaries.
    Slice {
        text: Arc<String>,
        start: u32,
        len: u16,
    },
    /// A string of its own.
    Heap(Arc<String>),
}

impl Str {
    /// The longest text kept in place, in bytes.
    pub const INLINE: usize = 14;

    /// The empty string.
    #[must_use]
    pub const fn new() -> Self {
        Str(Repr::Inline {
            len: 0,
            bytes: [0; Str::INLINE],
        })
    }

    /// `s` as a known word or in place, when it is one or short enough.
    fn inline(s: &str) -> Option<Self> {
        if let Some(n) = known(s) {
            return Some(Str(Repr::Known(n)));
        }
        let len = u8::try_from(s.len())
            .ok()
            .filter(|&n| n as usize <= Self::INLINE)?;
        let mut bytes = [0; Str::INLINE];
        bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        Some(Str(Repr::Inline { len, bytes }))
    }

    /// The text of `range` in `text`, sharing `text` instead of copying (a known word is kept
    /// as its number). Short ranges are shared too, not kept in place: reading a range needs no
    /// UTF-8 check, reading bytes kept in place does, and keys are read often. A range off
    /// `text` or not on character boundaries gives the empty string (the parsers never ask for
    /// one).
    #[must_use]
    pub fn shared(text: &Arc<String>, range: Range<usize>) -> Self {
        let Some(s) = text.get(range.clone()) else {
            return Str::new();
        };
        if let Some(n) = known(s) {
            return Str(Repr::Known(n));
        }
        if s.is_empty() {
            return Str::new();
        }
        match (u32::try_from(range.start), u16::try_from(s.len())) {
            (Ok(start), Ok(len)) => Str(Repr::Slice {
                text: Arc::clone(text),
                start,
                len,
            }),
            _ => Str(Repr::Heap(Arc::new(s.to_owned()))),
        }
    }

    /// The text, as `str`.
    #[must_use]
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Known(n) => KNOWN.get(usize::from(*n)).copied().unwrap_or_default(),
            Repr::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Repr::Slice { text, start, len } => {
                let start = *start as usize;
                text.get(start..start + usize::from(*len))
                    .unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// The text's bytes (without the UTF-8 check [`Str::as_str`] makes of text kept in place:
    /// what key lookups compare).
    #[must_use]
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Known(n) => KNOWN
                .get(usize::from(*n))
                .map(|s| s.as_bytes())
                .unwrap_or_default(),
            Repr::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
            Repr::Slice { text, start, len } => {
                let start = *start as usize;
                text.as_bytes()
                    .get(start..start + usize::from(*len))
                    .unwrap_or_default()
            }
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// Whether the text is `s`: lengths first, then bytes, no UTF-8 check (what key lookups
    /// do for every entry of an object).
    #[must_use]
    #[inline]
    pub fn is(&self, s: &str) -> bool {
        match &self.0 {
            Repr::Known(n) => KNOWN.get(usize::from(*n)).is_some_and(|k| *k == s),
            Repr::Inline { len, bytes } => {
                usize::from(*len) == s.len()
                    && bytes.get(..s.len()).is_some_and(|b| b == s.as_bytes())
            }
            Repr::Slice { text, start, len } => {
                usize::from(*len) == s.len() && {
                    let start = *start as usize;
                    text.as_bytes()
                        .get(start..start + s.len())
                        .is_some_and(|b| b == s.as_bytes())
                }
            }
            Repr::Heap(h) => h.as_str() == s,
        }
    }

    /// The text as an owned `String`.
    #[must_use]
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Heap(s) => Arc::try_unwrap(s).unwrap_or_else(|s| s.as_str().to_owned()),
            r => Str(r).as_str().to_owned(),
        }
    }

    /// The text as a `Box<str>`.
    #[must_use]
    pub fn into_boxed_str(self) -> Box<str> {
        self.into_string().into_boxed_str()
    }
}

impl Default for Str {
    fn default() -> Self {
        Str::new()
    }
}

impl Deref for Str {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        Self::inline(s).unwrap_or_else(|| Str(Repr::Heap(Arc::new(s.to_owned()))))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Self {
        Str::from(s.as_str())
    }
}

impl From<String> for Str {
    fn from(mut s: String) -> Self {
        if let Some(inline) = Self::inline(&s) {
            return inline;
        }
        s.shrink_to_fit();
        Str(Repr::Heap(Arc::new(s)))
    }
}

impl From<Box<str>> for Str {
    fn from(s: Box<str>) -> Self {
        Str::from(s.into_string())
    }
}

impl From<&Str> for Str {
    fn from(s: &Str) -> Self {
        s.clone()
    }
}

impl From<std::borrow::Cow<'_, str>> for Str {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        match s {
            std::borrow::Cow::Borrowed(b) => Str::from(b),
            std::borrow::Cow::Owned(o) => Str::from(o),
        }
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        s.into_string()
    }
}

impl From<&Str> for String {
    fn from(s: &Str) -> Self {
        s.as_str().to_owned()
    }
}

impl From<Str> for Box<str> {
    fn from(s: Str) -> Self {
        s.into_boxed_str()
    }
}

impl std::str::FromStr for Str {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Str::from(s))
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

/// A known word is always [`Repr::Known`] (every constructor looks it up first), so two known
/// words compare by number and a known word never equals another form.
impl PartialEq for Str {
    #[inline]
    fn eq(&self, other: &Str) -> bool {
        match (&self.0, &other.0) {
            (Repr::Known(a), Repr::Known(b)) => a == b,
            (Repr::Known(_), _) | (_, Repr::Known(_)) => false,
            _ => self.as_bytes() == other.as_bytes(),
        }
    }
}

impl Eq for Str {}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The order of `str`: byte by byte.
impl Ord for Str {
    fn cmp(&self, other: &Str) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

/// The hash of the `str`, so that maps keyed by `Str` can be asked with a `&str`.
impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// Words of the OpenAPI, Swagger and JSON Schema specifications (keywords, types, formats,
/// parameter locations and styles, security scheme types, methods, common media types and
/// status codes) and a few names found in most definitions. A [`Str`] of one of these is its
/// number here: no copy, and no UTF-8 check when it is read.
const KNOWN: [&str; 248] = [
    // OpenAPI 3.x objects
    "openapi",
    "info",
    "jsonSchemaDialect",
    "servers",
    "paths",
    "webhooks",
    "components",
    "security",
    "tags",
    "externalDocs",
    "title",
    "summary",
    "description",
    "termsOfService",
    "contact",
    "license",
    "version",
    "name",
    "url",
    "email",
    "identifier",
    "variables",
    "enum",
    "default",
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
    "$ref",
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "query",
    "operationId",
    "requestBody",
    "deprecated",
    "in",
    "required",
    "allowEmptyValue",
    "style",
    "explode",
    "allowReserved",
    "schema",
    "example",
    "content",
    "encoding",
    "contentType",
    "value",
    "externalValue",
    "operationRef",
    "server",
    "type",
    "scheme",
    "bearerFormat",
    "flows",
    "openIdConnectUrl",
    "implicit",
    "password",
    "clientCredentials",
    "authorizationCode",
    "authorizationUrl",
    "tokenUrl",
    "refreshUrl",
    "scopes",
    "discriminator",
    "propertyName",
    "mapping",
    "xml",
    "namespace",
    "prefix",
    "attribute",
    "wrapped",
    "nullable",
    "readOnly",
    "writeOnly",
    // Swagger 2.0
    "swagger",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "definitions",
    "securityDefinitions",
    "flow",
    "accessCode",
    "application",
    "collectionFormat",
    "items",
    "format",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
    // JSON Schema
    "$schema",
    "$id",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$defs",
    "$comment",
    "$vocabulary",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "prefixItems",
    "contains",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "const",
    "maxProperties",
    "minProperties",
    "dependentRequired",
    "maxContains",
    "minContains",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "additionalItems",
    "dependencies",
    // Types and formats
    "string",
    "object",
    "array",
    "integer",
    "number",
    "boolean",
    "null",
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "date",
    "date-time",
    "time",
    "duration",
    "uuid",
    "uri",
    "uri-reference",
    "hostname",
    "ipv4",
    "ipv6",
    // Parameter locations, styles and collection formats
    "path",
    "header",
    "cookie",
    "formData",
    "body",
    "form",
    "simple",
    "matrix",
    "label",
    "spaceDelimited",
    "pipeDelimited",
    "deepObject",
    "csv",
    "ssv",
    "tsv",
    "pipes",
    "multi",
    // Security
    "http",
    "apiKey",
    "oauth2",
    "openIdConnect",
    "mutualTLS",
    "bearer",
    "basic",
    "JWT",
    "Authorization",
    // Media types
    "application/json",
    "application/xml",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/octet-stream",
    "application/problem+json",
    "*/*",
    // Status codes
    "200",
    "201",
    "202",
    "204",
    "301",
    "302",
    "304",
    "400",
    "401",
    "403",
    "404",
    "405",
    "409",
    "415",
    "422",
    "429",
    "500",
    "502",
    "503",
    "2XX",
    "4XX",
    "5XX",
    // Names found in most definitions
    "id",
    "message",
    "code",
    "status",
    "data",
    "error",
    "errors",
    "key",
    "count",
    "total",
    "page",
    "limit",
    "offset",
    "created_at",
    "updated_at",
    "createdAt",
    "updatedAt",
    "OK",
    "Success",
    "Not Found",
    "Unauthorized",
    "Forbidden",
    "Bad Request",
];

/// Slots of the open-addressing table of [`KNOWN`] (`u8::MAX`: empty).
const SLOTS: usize = 1024;

/// The longest word of [`KNOWN`]; longer text is never looked up.
const KNOWN_MAX: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < KNOWN.len() {
        if KNOWN[i].len() > max {
            max = KNOWN[i].len();
        }
        i += 1;
    }
    max
};

const fn fnv1a(bytes: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h as usize
}

/// [`KNOWN`] hashed into [`SLOTS`] slots with linear probing, built at compile time.
const TABLE: [u8; SLOTS] = {
    assert!(KNOWN.len() < u8::MAX as usize);
    let mut table = [u8::MAX; SLOTS];
    let mut i = 0;
    while i < KNOWN.len() {
        let mut slot = fnv1a(KNOWN[i].as_bytes()) % SLOTS;
        while table[slot] != u8::MAX {
            slot = (slot + 1) % SLOTS;
        }
        table[slot] = i as u8;
        i += 1;
    }
    table
};

/// The number of `s` in [`KNOWN`].
fn known(s: &str) -> Option<u8> {
    if s.is_empty() || s.len() > KNOWN_MAX {
        return None;
    }
    let mut slot = fnv1a(s.as_bytes()) % SLOTS;
    // The table is less than a quarter full, so a probe ends at an empty slot soon.
    for _ in 0..SLOTS {
        let n = *TABLE.get(slot)?;
        if KNOWN.get(usize::from(n))? == &s {
            return Some(n);
        }
        slot = (slot + 1) % SLOTS;
    }
    None
}

macro_rules! eq_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Str {
            #[inline]
            fn eq(&self, other: &$t) -> bool {
                self.is(other)
            }
        }
        impl PartialEq<Str> for $t {
            fn eq(&self, other: &Str) -> bool {
                self.as_bytes() == other.as_bytes()
            }
        }
    )*};
}

eq_with!(str, &str, String);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Str>(), 16);
        assert_eq!(std::mem::size_of::<Option<Str>>(), 16);
    }

    #[test]
    fn kinds_hold_their_text() {
        let text = Arc::new(String::from(
            r#"{"type":"a string longer than fourteen","é":"x"}"#,
        ));
        let short = Str::shared(&text, 2..6);
        let word = Str::shared(&text, 2..5);
        let long = Str::shared(&text, 9..37);
        assert!(matches!(short.0, Repr::Known(_)));
        assert!(matches!(word.0, Repr::Slice { .. }));
        assert_eq!(&*word, "typ");
        assert!(matches!(long.0, Repr::Slice { .. }));
        assert_eq!(&*short, "type");
        assert_eq!(long, "a string longer than fourteen"[..28]);
        assert_eq!(Arc::strong_count(&text), 3);
        // Off the text or inside a character: empty, never a panic.
        assert_eq!(&*Str::shared(&text, 40..400), "");
        let e = text.find('é').unwrap_or(0);
        assert_eq!(&*Str::shared(&text, e + 1..e + 2), "");
        let owned = Str::from("x".repeat(40));
        assert!(matches!(owned.0, Repr::Heap(_)));
        assert_eq!(owned.len(), 40);
        assert_eq!(Str::from("é".repeat(7)).as_str(), "é".repeat(7));
        assert!(matches!(Str::from("é".repeat(7)).0, Repr::Inline { .. }));
        assert!(matches!(Str::from("é".repeat(8)).0, Repr::Heap(_)));
        assert_eq!(Str::default(), "");
    }

    #[test]
    fn known_words() {
        let mut seen = HashSet::new();
        for (i, w) in KNOWN.iter().enumerate() {
            assert!(seen.insert(*w), "{w} twice");
            assert_eq!(known(w), u8::try_from(i).ok(), "{w}");
            let s = Str::from(*w);
            assert!(matches!(s.0, Repr::Known(_)), "{w}");
            assert_eq!(&*s, *w);
            assert_eq!(s.as_bytes(), w.as_bytes());
        }
        for other in ["", "Type", "descriptio", "descriptions", "x-foo", "210"] {
            assert_eq!(known(other), None, "{other}");
        }
        let text = Arc::new(String::from("\"application/json\": 1"));
        let s = Str::shared(&text, 1..17);
        assert!(matches!(s.0, Repr::Known(_)));
        assert_eq!(Arc::strong_count(&text), 1);
        assert_eq!(s, Str::from(String::from("application/json")));
    }

    #[test]
    fn one_form_per_text() {
        let text = Arc::new(String::from(
            "type typ application/json a-name-of-twenty-bytes",
        ));
        let from_text = [
            Str::shared(&text, 0..4),
            Str::shared(&text, 5..8),
            Str::shared(&text, 9..25),
            Str::shared(&text, 26..48),
        ];
        for (i, s) in from_text.iter().enumerate() {
            for (j, t) in from_text.iter().enumerate() {
                assert_eq!(s == t, i == j, "{s} {t}");
            }
            let owned = Str::from(s.to_string());
            assert_eq!(&owned, s);
            assert!(matches!(
                (&owned.0, &s.0),
                (Repr::Known(_), Repr::Known(_))
                    | (Repr::Inline { .. } | Repr::Heap(_), Repr::Slice { .. })
            ));
            assert_eq!(Str::from(&**s), *s);
        }
        assert!(matches!(from_text[2].0, Repr::Known(_)));
        assert_ne!(Str::from("ab"), Str::from("abc"));
        assert_ne!(Str::from("x".repeat(20)), Str::from("y".repeat(20)));
        assert_eq!(
            Str::shared(&text, 26..48),
            Str::from("a-name-of-twenty-bytes")
        );
    }

    #[test]
    fn long_ranges_are_copied() {
        let text = Arc::new("a".repeat(70_000));
        let s = Str::shared(&text, 1..70_000);
        assert!(matches!(s.0, Repr::Heap(_)));
        assert_eq!(s.len(), 69_999);
        assert_eq!(Arc::strong_count(&text), 1);
    }

    #[test]
    fn compares_and_hashes_as_str() {
        let text = Arc::new(String::from("application/json application/json"));
        let a = Str::shared(&text, 0..16);
        let b = Str::from("application/json");
        let c = Str::shared(&text, 17..33);
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a, "application/json");
        assert!(a.is("application/json") && c.is("application/json"));
        assert!(!a.is("application/jso") && !Str::from("x").is("y") && Str::new().is(""));
        assert_eq!("application/json", a);
        assert_eq!(String::from("application/json"), a);
        let (x, z, y) = (Str::from("a"), Str::from("z"), Str::from("y".repeat(30)));
        assert_eq!(x.cmp(&z), Ordering::Less);
        assert_eq!(z.cmp(&y), Ordering::Greater);
        assert_eq!(y.partial_cmp(&y), Some(Ordering::Equal));
        let set: HashSet<Str> = [a, b, c].into_iter().collect();
        assert_eq!(set.len(), 1);
        let map: HashMap<Str, u8> = [(Str::from("k"), 1)].into_iter().collect();
        assert_eq!(map.get("k"), Some(&1));
        assert_eq!(format!("{:?}", Str::from("a\"b")), r#""a\"b""#);
        assert_eq!(format!("{}", Str::from("a\"b")), "a\"b");
    }

    #[test]
    fn converts_back() {
        let long = "y".repeat(30);
        assert_eq!(Str::from(long.clone()).into_string(), long);
        let shared = Str::from(long.clone());
        let again = shared.clone();
        assert_eq!(shared.into_string(), long);
        assert_eq!(String::from(again), long);
        assert_eq!(Box::<str>::from(Str::from("ab")), Box::from("ab"));
    }
}
