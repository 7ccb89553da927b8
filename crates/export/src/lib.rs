//! Write a loaded OpenAPI definition as Swagger 2.0, OpenAPI 3.0, 3.1 or 3.2, or a Postman
//! collection v2.1, and say exactly what the target cannot carry.
//!
//! ```
//! use oaskit_export::{export, ExportOptions, Target};
//!
//! let loaded = oaskit_core::load_str("api.yaml", r#"
//! openapi: 3.1.0
//! info: {title: t, version: '1'}
//! paths: {}
//! components:
//!   schemas:
//!     Name: {type: [string, 'null'], examples: [a, b]}
//! "#, &oaskit_core::LoadOptions::new());
//! let doc = loaded.document.unwrap();
//! let out = export(&doc, &ExportOptions::new(Target::OpenApi30)).unwrap();
//! let text = out.to_json();
//! assert!(text.contains("\"nullable\": true"));
//! assert_eq!(out.losses[0].code, "approximated"); // two examples, 3.0 keeps one
//! ```
//!
//! Losses are warnings with a code (`lost-keyword`, `lost-field`, `lost-operation`,
//! `lost-parameter`, `lost-response`, `lost-security`, `approximated`, `recursive-ref-kept`),
//! the JSON pointer in the source and its span, so they print as `file:line:column`.

pub mod codes;
mod deref;
mod extensions;
pub mod gateway;
mod loss;
mod objects;
mod postman;
mod swagger2;
mod versions;
mod walk;

use oaskit_core::{Diagnostic, Document, Node, Sources, SpecVersion};

pub use deref::{DEFAULT_MAX_DEREFERENCE_NODES, DEREF_LIMIT};
pub use extensions::Extensions;
pub use gateway::Gateway;

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Swagger 2.0.
    Swagger20,
    /// OpenAPI 3.0.3.
    OpenApi30,
    /// OpenAPI 3.1.1.
    OpenApi31,
    /// OpenAPI 3.2.0.
    OpenApi32,
    /// Postman Collection v2.1.
    Postman21,
}

/// References in the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Refs {
    /// One self-contained file that keeps the `$ref` structure (external files became
    /// components on load).
    #[default]
    Bundle,
    /// Every reference inlined; recursive ones stay references and are reported.
    Dereference,
}

/// Export settings.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    target: Target,
    refs: Refs,
    extensions: Extensions,
    max_deref_nodes: usize,
    gateway: Option<Gateway>,
}

impl ExportOptions {
    /// Bundled output with every extension, for `target`.
    #[must_use]
    pub fn new(target: Target) -> Self {
        Self {
            target,
            refs: Refs::Bundle,
            extensions: Extensions::Keep,
            max_deref_nodes: DEFAULT_MAX_DEREFERENCE_NODES,
            gateway: None,
        }
    }

    /// Writes for a gateway's import ([`gateway`]): what its documented import limitations
    /// make unusable is rewritten where the meaning can be kept. The target must be one the
    /// gateway imports ([`Gateway::accepts`]), else [`export`] fails with
    /// [`ExportError::GatewayTarget`].
    #[must_use]
    pub fn with_gateway(mut self, gateway: Option<Gateway>) -> Self {
        self.gateway = gateway;
        self
    }

    /// The most nodes [`Refs::Dereference`] may add by inlining (default
    /// [`DEFAULT_MAX_DEREFERENCE_NODES`], like the loader's YAML alias budget). Past it the
    /// export fails with a [`DEREF_LIMIT`] error located at the `$ref` being inlined.
    #[must_use]
    pub fn with_max_dereference_nodes(mut self, nodes: usize) -> Self {
        self.max_deref_nodes = nodes;
        self
    }

    /// Bundle or dereference.
    #[must_use]
    pub fn with_refs(mut self, refs: Refs) -> Self {
        self.refs = refs;
        self
    }

    /// Which extensions to keep.
    #[must_use]
    pub fn with_extensions(mut self, extensions: Extensions) -> Self {
        self.extensions = extensions;
        self
    }
}

/// The exported document and what it could not carry.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The document (OpenAPI/Swagger) as a tree.
    pub document: Option<Node>,
    /// The Postman collection, for that target.
    pub collection: Option<serde_json::Value>,
    /// Losses and approximations, in source order.
    pub losses: Vec<Diagnostic>,
}

impl Exported {
    /// Pretty JSON, two-space indented, with a final newline.
    #[must_use]
    pub fn to_json(&self) -> String {
        match (&self.document, &self.collection) {
            (Some(d), _) => oaskit_core::to_json(d),
            (None, Some(c)) => {
                let mut s = serde_json::to_string_pretty(c).unwrap_or_default();
                s.push('\n');
                s
            }
            (None, None) => String::new(),
        }
    }

    /// YAML that YAML 1.1 and 1.2 readers read alike.
    #[must_use]
    pub fn to_yaml(&self) -> String {
        match (&self.document, &self.collection) {
            (Some(d), _) => oaskit_core::to_yaml(d),
            (None, Some(c)) => {
                oaskit_core::to_yaml(&Node::from_json(c, oaskit_core::Span::default()))
            }
            (None, None) => String::new(),
        }
    }
}

/// Why an export failed.
///
/// The dereference variants carry a located error [`Diagnostic`] (code [`DEREF_LIMIT`], at
/// the `$ref` being inlined): render it with the loaded sources like any finding, or use
/// [`ExportError::located`].
///
/// ```
/// use oaskit_export::{export, ExportError, ExportOptions, Target};
///
/// let loaded = oaskit_core::load_str(
///     "api.yaml",
///     "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
///     &oaskit_core::LoadOptions::new(),
/// );
/// let doc = loaded.document.unwrap();
/// let e = export(&doc, &ExportOptions::new(Target::Postman21)).unwrap_err();
/// assert!(matches!(e, ExportError::NoOperations { .. }));
/// assert_eq!(e.diagnostic().unwrap().code, "no-requests");
/// assert!(e.to_string().starts_with("the definition has no operations"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportError {
    /// A Postman collection was asked of a definition without operations.
    NoOperations {
        /// The same as a located error (at `paths`, or the document when it has none).
        diagnostic: Box<Diagnostic>,
    },
    /// None of the definition's operations can be a Postman 2.1 request (their methods are
    /// reported as `lost-operation` losses).
    NoPostmanRequest {
        /// How many operations the definition has.
        count: usize,
        /// The same as a located error (at `paths`).
        diagnostic: Box<Diagnostic>,
    },
    /// [`Refs::Dereference`] would add more nodes than
    /// [`ExportOptions::with_max_dereference_nodes`] allows.
    DereferenceNodes {
        /// The limit.
        limit: usize,
        /// The same as a located error.
        diagnostic: Box<Diagnostic>,
    },
    /// [`Refs::Dereference`] would nest the output deeper than can be read back.
    DereferenceDepth {
        /// The deepest nesting allowed.
        max_depth: usize,
        /// The same as a located error.
        diagnostic: Box<Diagnostic>,
    },
    /// [`ExportOptions::with_gateway`] names a gateway that does not import the target.
    GatewayTarget {
        /// The gateway.
        gateway: Gateway,
        /// The target asked for.
        target: Target,
    },
}

impl ExportError {
    /// The error as a located diagnostic, when it has a place in the definition.
    #[must_use]
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            Self::DereferenceNodes { diagnostic, .. }
            | Self::DereferenceDepth { diagnostic, .. }
            | Self::NoOperations { diagnostic }
            | Self::NoPostmanRequest { diagnostic, .. } => Some(diagnostic),
            Self::GatewayTarget { .. } => None,
        }
    }

    /// `file:line:column: message (JSON pointer)`, positions from the loaded `sources`.
    #[must_use]
    pub fn located(&self, sources: &Sources) -> String {
        let Some(d) = self.diagnostic() else {
            return self.to_string();
        };
        let pointer = d.location.as_ref().map_or("", |l| l.pointer.as_str());
        match d.position(sources) {
            Some((f, line, col)) => format!("{f}:{line}:{col}: {} (at {pointer})", Message(d)),
            None => self.to_string(),
        }
    }
}

/// A diagnostic's message followed by its help, as one sentence.
struct Message<'d>(&'d Diagnostic);

impl std::fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)?;
        match &self.0.help {
            Some(h) => write!(f, "; {h}"),
            None => Ok(()),
        }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoOperations { diagnostic } | Self::NoPostmanRequest { diagnostic, .. } => {
                write!(f, "{}", Message(diagnostic))
            }
            Self::DereferenceNodes { diagnostic, .. }
            | Self::DereferenceDepth { diagnostic, .. } => {
                write!(f, "{}", Message(diagnostic))?;
                match &diagnostic.location {
                    Some(l) => write!(f, " (at {})", l.pointer),
                    None => Ok(()),
                }
            }
            Self::GatewayTarget { gateway, target } => write!(
                f,
                "{} imports {}, not {target}",
                gateway.name(),
                match gateway {
                    Gateway::AwsRest => "Swagger 2.0 and OpenAPI 3.0",
                    Gateway::AwsHttp => "OpenAPI 3.0",
                }
            ),
        }
    }
}

impl std::error::Error for ExportError {}

/// Exports a loaded document.
///
/// # Errors
/// [`ExportError::DereferenceNodes`] or [`ExportError::DereferenceDepth`] when dereferencing
/// would add more nodes than allowed or nest too deep (a located [`DEREF_LIMIT`] error);
/// [`ExportError::NoOperations`] or [`ExportError::NoPostmanRequest`] when a Postman
/// collection is asked of a definition without an operation it can carry.
pub fn export(doc: &Document, options: &ExportOptions) -> Result<Exported, ExportError> {
    if let Some(gateway) = options.gateway {
        if !gateway.accepts(options.target) {
            return Err(ExportError::GatewayTarget {
                gateway,
                target: options.target,
            });
        }
    }
    let mut l = loss::Losses::new(doc.origins());
    let mut root = doc.root().clone();
    if options.refs == Refs::Dereference {
        root = deref::dereference(&root, options.max_deref_nodes, &mut l)?;
    }
    let from = doc.version();
    let mut out = Exported {
        document: None,
        collection: None,
        losses: Vec::new(),
    };
    match options.target {
        Target::Postman21 => {
            out.collection = Some(postman::collection(doc, &mut l)?);
        }
        Target::OpenApi30 | Target::Swagger20 => {
            let mut v30 = match from {
                SpecVersion::OpenApi31 => versions::down_to_30(root, false, &mut l),
                SpecVersion::OpenApi32 => versions::down_to_30(root, true, &mut l),
                _ => root,
            };
            if let Some(gateway) = options.gateway {
                gateway::rewrite(&mut v30, gateway, &mut l);
            }
            out.document = Some(if options.target == Target::Swagger20 {
                swagger2::to_20(v30, &mut l)
            } else {
                v30
            });
        }
        Target::OpenApi31 => {
            out.document = Some(match from {
                SpecVersion::OpenApi32 => versions::down_32_to_31(root, &mut l),
                SpecVersion::OpenApi31 => root,
                _ => oaskit_core::openapi_30_to_31(root),
            });
        }
        Target::OpenApi32 => {
            let v31 = if from < SpecVersion::OpenApi31 {
                oaskit_core::openapi_30_to_31(root)
            } else {
                root
            };
            out.document = Some(if from == SpecVersion::OpenApi32 {
                v31
            } else {
                versions::up_31_to_32(v31)
            });
        }
    }
    if let Some(d) = out.document.as_mut() {
        extensions::apply(d, &options.extensions, false, 0);
    }
    out.losses = l.diags;
    oaskit_core::sort_diagnostics(&mut out.losses);
    Ok(out)
}

impl Target {
    /// Every target, in the order the command line lists them.
    pub const ALL: [Self; 5] = [
        Self::Swagger20,
        Self::OpenApi30,
        Self::OpenApi31,
        Self::OpenApi32,
        Self::Postman21,
    ];

    /// The short name, such as `swagger-2.0` or `postman-2.1`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Swagger20 => "swagger-2.0",
            Self::OpenApi30 => "openapi-3.0",
            Self::OpenApi31 => "openapi-3.1",
            Self::OpenApi32 => "openapi-3.2",
            Self::Postman21 => "postman-2.1",
        }
    }

    /// What is written, such as `OpenAPI 3.0.3`.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Swagger20 => "Swagger 2.0",
            Self::OpenApi30 => "OpenAPI 3.0.3",
            Self::OpenApi31 => "OpenAPI 3.1.1",
            Self::OpenApi32 => "OpenAPI 3.2.0",
            Self::Postman21 => "Postman Collection v2.1",
        }
    }
}

impl std::fmt::Display for Target {
    /// The short name, as [`Target::name`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Target {
    type Err = oaskit_core::ParseNameError;

    /// Parses a short name such as `openapi-3.0` (the inverse of [`Target::name`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| oaskit_core::ParseNameError::new("export target", s))
    }
}
