//! Violations (with `jsonschema` 0.61's message text) and compile errors.

use std::fmt::{self, Write as _};

use serde_json::Value;

/// A set of JSON types, as `type` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct TypeSet(pub(crate) u8);

impl TypeSet {
    pub(crate) const NULL: u8 = 1;
    pub(crate) const BOOLEAN: u8 = 2;
    pub(crate) const INTEGER: u8 = 4;
    pub(crate) const NUMBER: u8 = 8;
    pub(crate) const STRING: u8 = 16;
    pub(crate) const ARRAY: u8 = 32;
    pub(crate) const OBJECT: u8 = 64;
    pub(crate) const ALL: u8 = 127;
    const NAMES: [&'static str; 7] = [
        "null", "boolean", "integer", "number", "string", "array", "object",
    ];

    pub(crate) fn bit(name: &str) -> Option<u8> {
        Self::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| 1u8 << i)
    }

    /// The type names in the set, in `jsonschema`'s order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        (0..7)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(|i| Self::NAMES[i])
    }
}

/// What a violation is.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ErrorKind<'a> {
    /// `type`.
    Type {
        /// The allowed types.
        expected: TypeSet,
    },
    /// `const`.
    Const {
        /// The expected value.
        expected: &'a Value,
    },
    /// `enum`.
    Enum {
        /// The options (an array).
        options: &'a Value,
    },
    /// `minimum`.
    Minimum {
        /// The limit.
        limit: &'a Value,
    },
    /// `maximum`.
    Maximum {
        /// The limit.
        limit: &'a Value,
    },
    /// `exclusiveMinimum`.
    ExclusiveMinimum {
        /// The limit.
        limit: &'a Value,
    },
    /// `exclusiveMaximum`.
    ExclusiveMaximum {
        /// The limit.
        limit: &'a Value,
    },
    /// `multipleOf`.
    MultipleOf {
        /// The divisor.
        multiple_of: f64,
    },
    /// `minLength`.
    MinLength {
        /// The limit.
        limit: u64,
    },
    /// `maxLength`.
    MaxLength {
        /// The limit.
        limit: u64,
    },
    /// `minItems`.
    MinItems {
        /// The limit.
        limit: u64,
    },
    /// `maxItems`.
    MaxItems {
        /// The limit.
        limit: u64,
    },
    /// `minProperties`.
    MinProperties {
        /// The limit.
        limit: u64,
    },
    /// `maxProperties`.
    MaxProperties {
        /// The limit.
        limit: u64,
    },
    /// `required` or `dependentRequired`: a property is missing.
    Required {
        /// The missing property.
        property: &'a str,
    },
    /// `pattern`.
    Pattern {
        /// The pattern as written.
        pattern: &'a str,
    },
    /// `format`.
    Format {
        /// The format's name.
        format: &'a str,
    },
    /// `uniqueItems`.
    UniqueItems,
    /// `additionalProperties: false`.
    AdditionalProperties {
        /// The properties not allowed.
        unexpected: Vec<&'a str>,
    },
    /// `unevaluatedProperties: false`.
    UnevaluatedProperties {
        /// The properties not allowed.
        unexpected: Vec<&'a str>,
    },
    /// `unevaluatedItems: false`.
    UnevaluatedItems {
        /// The items not allowed, as JSON text.
        unexpected: Vec<String>,
    },
    /// `items: false` after `prefixItems` (or draft 4's `additionalItems: false`).
    AdditionalItems {
        /// How many items are allowed.
        limit: usize,
    },
    /// The schema `false`.
    FalseSchema,
    /// `contains` (with `minContains`/`maxContains`).
    Contains,
    /// `anyOf`.
    AnyOf,
    /// `oneOf`: no schema matches.
    OneOfNotValid,
    /// `oneOf`: more than one schema matches.
    OneOfMultipleValid,
    /// `not`: the negated schema matches.
    Not {
        /// The negated schema.
        schema: &'a Value,
        /// Its JSON pointer in the document.
        pointer: &'a str,
    },
    /// `propertyNames`: a name is invalid.
    PropertyNames {
        /// The message of the name's violation (`"x" does not match "^a"`).
        message: String,
    },
    /// Evaluation went deeper than the limit ([`crate::Options::with_max_depth`]).
    DepthLimit,
    /// Evaluation took more steps than the budget ([`crate::Options::with_max_steps`]) and was
    /// stopped; the instance counts as invalid.
    StepLimit,
}

/// A violation: where in the instance, which keyword where in the document, and what.
#[derive(Debug, Clone)]
pub struct Error<'a> {
    pub(crate) instance: &'a Value,
    pub(crate) instance_path: String,
    pub(crate) keyword_location: String,
    pub(crate) kind: ErrorKind<'a>,
}

impl<'a> Error<'a> {
    /// The value that failed.
    #[must_use]
    pub fn instance(&self) -> &'a Value {
        self.instance
    }

    /// The JSON pointer of the value in the instance.
    #[must_use]
    pub fn instance_path(&self) -> &str {
        &self.instance_path
    }

    /// The JSON pointer of the failing keyword in the document
    /// (`/components/schemas/Pet/properties/id/type`).
    #[must_use]
    pub fn keyword_location(&self) -> &str {
        &self.keyword_location
    }

    /// What failed.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind<'a> {
        &self.kind
    }
}

fn plural(f: &mut fmt::Formatter<'_>, n: u64, one: &str, many: &str) -> fmt::Result {
    f.write_str(if n == 1 { one } else { many })
}

fn quoted_list(f: &mut fmt::Formatter<'_>, items: &[impl fmt::Display]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "'{item}'")?;
    }
    f.write_str(if items.len() == 1 {
        " was unexpected)"
    } else {
        " were unexpected)"
    })
}

impl fmt::Display for Error<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = self.instance;
        match &self.kind {
            ErrorKind::Type { expected } => {
                let names: Vec<_> = expected.names().collect();
                if names.len() == 1 {
                    write!(f, r#"{i} is not of type "{}""#, names[0])
                } else {
                    write!(f, "{i} is not of types ")?;
                    for (k, n) in names.iter().enumerate() {
                        if k > 0 {
                            f.write_str(", ")?;
                        }
                        f.write_char('"')?;
                        f.write_str(n)?;
                        f.write_char('"')?;
                    }
                    Ok(())
                }
            }
            ErrorKind::Const { expected } => write!(f, "{expected} was expected"),
            ErrorKind::Enum { options } => {
                write!(f, "{i} is not one of ")?;
                let empty = Vec::new();
                let array = options.as_array().unwrap_or(&empty);
                let total = array.len();
                if total <= 3 {
                    for (k, o) in array.iter().enumerate() {
                        if k == 0 {
                            write!(f, "{o}")?;
                        } else if k == total - 1 {
                            write!(f, " or {o}")?;
                        } else {
                            write!(f, ", {o}")?;
                        }
                    }
                } else {
                    for (k, o) in array.iter().take(2).enumerate() {
                        if k == 0 {
                            write!(f, "{o}")?;
                        } else {
                            write!(f, ", {o}")?;
                        }
                    }
                    write!(f, " or {} other candidates", total - 2)?;
                }
                Ok(())
            }
            ErrorKind::Minimum { limit } => write!(f, "{i} is less than the minimum of {limit}"),
            ErrorKind::Maximum { limit } => {
                write!(f, "{i} is greater than the maximum of {limit}")
            }
            ErrorKind::ExclusiveMinimum { limit } => {
                write!(f, "{i} is less than or equal to the minimum of {limit}")
            }
            ErrorKind::ExclusiveMaximum { limit } => {
                write!(f, "{i} is greater than or equal to the maximum of {limit}")
            }
            ErrorKind::MultipleOf { multiple_of } => {
                write!(f, "{i} is not a multiple of {multiple_of}")
            }
            ErrorKind::MinLength { limit } => {
                write!(f, "{i} is shorter than {limit} character")?;
                plural(f, *limit, "", "s")
            }
            ErrorKind::MaxLength { limit } => {
                write!(f, "{i} is longer than {limit} character")?;
                plural(f, *limit, "", "s")
            }
            ErrorKind::MinItems { limit } => {
                write!(f, "{i} has less than {limit} item")?;
                plural(f, *limit, "", "s")
            }
            ErrorKind::MaxItems { limit } => {
                write!(f, "{i} has more than {limit} item")?;
                plural(f, *limit, "", "s")
            }
            ErrorKind::MinProperties { limit } => {
                write!(f, "{i} has less than {limit} propert")?;
                plural(f, *limit, "y", "ies")
            }
            ErrorKind::MaxProperties { limit } => {
                write!(f, "{i} has more than {limit} propert")?;
                plural(f, *limit, "y", "ies")
            }
            ErrorKind::Required { property } => {
                write!(f, "{} is a required property", Value::from(*property))
            }
            ErrorKind::Pattern { pattern } => write!(f, r#"{i} does not match "{pattern}""#),
            ErrorKind::Format { format } => write!(f, r#"{i} is not a "{format}""#),
            ErrorKind::UniqueItems => write!(f, "{i} has non-unique elements"),
            ErrorKind::AdditionalProperties { unexpected } => {
                f.write_str("Additional properties are not allowed (")?;
                quoted_list(f, unexpected)
            }
            ErrorKind::UnevaluatedProperties { unexpected } => {
                f.write_str("Unevaluated properties are not allowed (")?;
                quoted_list(f, unexpected)
            }
            ErrorKind::UnevaluatedItems { unexpected } => {
                f.write_str("Unevaluated items are not allowed (")?;
                quoted_list(f, unexpected)
            }
            ErrorKind::AdditionalItems { limit } => {
                f.write_str("Additional items are not allowed (")?;
                let items = i
                    .as_array()
                    .map_or(&[][..], |a| a.get(*limit..).unwrap_or(&[]));
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str(if items.len() == 1 {
                    " was unexpected)"
                } else {
                    " were unexpected)"
                })
            }
            ErrorKind::FalseSchema => write!(f, "False schema does not allow {i}"),
            ErrorKind::Contains => write!(f, "None of {i} are valid under the given schema"),
            ErrorKind::AnyOf => write!(
                f,
                "{i} is not valid under any of the schemas listed in the 'anyOf' keyword"
            ),
            ErrorKind::OneOfNotValid => write!(
                f,
                "{i} is not valid under any of the schemas listed in the 'oneOf' keyword"
            ),
            ErrorKind::OneOfMultipleValid => write!(
                f,
                "{i} is valid under more than one of the schemas listed in the 'oneOf' keyword"
            ),
            ErrorKind::Not { schema, .. } => write!(f, "{schema} is not allowed for {i}"),
            ErrorKind::PropertyNames { message } => f.write_str(message),
            ErrorKind::DepthLimit => write!(
                f,
                "{i} is nested too deeply for the schema (evaluation depth limit reached)"
            ),
            ErrorKind::StepLimit => write!(
                f,
                "{i} needs too much work to validate (evaluation step limit reached)"
            ),
        }
    }
}

impl std::error::Error for Error<'_> {}

/// Why a schema could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CompileError {
    /// The JSON pointer names no value of the document.
    NoSchema {
        /// The pointer.
        pointer: String,
    },
    /// A reference that does not resolve inside the document (remote references are never
    /// fetched).
    Unresolvable {
        /// The reference as written.
        reference: String,
        /// The pointer of the schema holding it.
        pointer: String,
    },
    /// A keyword's value is not what the dialect allows.
    Invalid {
        /// The pointer of the keyword.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// A `pattern`/`patternProperties` regular expression that cannot be translated.
    Regex {
        /// The pointer of the keyword.
        pointer: String,
        /// The pattern.
        pattern: String,
        /// Why.
        message: String,
    },
    /// The document has more schema nodes than one [`crate::Document`] holds.
    TooLarge,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoSchema { pointer } => write!(f, "no schema at {pointer:?}"),
            Self::Unresolvable { reference, pointer } => write!(
                f,
                "unresolvable reference {reference:?} at {pointer:?} (only references inside the document are followed)"
            ),
            Self::Invalid { pointer, message } => write!(f, "invalid schema at {pointer:?}: {message}"),
            Self::Regex {
                pointer,
                pattern,
                message,
            } => write!(f, "unsupported regular expression {pattern:?} at {pointer:?}: {message}"),
            Self::TooLarge => f.write_str("too many schema nodes in one document"),
        }
    }
}

impl std::error::Error for CompileError {}
