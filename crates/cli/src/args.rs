//! Command-line arguments, exactly as typed.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use oaskit_core::SpecVersion;

/// oaskit: a fast, offline toolkit for OpenAPI and Swagger definitions.
#[derive(Parser, Debug)]
#[command(name = "oaskit", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Check a definition against its specification and report every problem.
    ///
    /// Exit status: 0 when clean (warnings allowed unless --fail-on-warnings), 1 when
    /// problems were found, 2 when the input cannot be used at all.
    ///
    /// Example: oaskit check specs/petstore.yaml --format json
    Check(CheckArgs),
    /// Apply OpenAPI Overlays (1.0, 1.1) to a definition and write the result.
    ///
    /// Targets are RFC 9535 JSONPath queries; a target that selects nothing is a warning.
    /// Nothing is written when an overlay has errors (unless --force).
    ///
    /// Example: oaskit overlay apply api.yaml public.overlay.yaml -o public.yaml
    #[command(subcommand)]
    Overlay(OverlayCommand),
    /// Read, resolve, check and upgrade a definition into one self-contained OpenAPI 3 document.
    ///
    /// Swagger 2.0 is upgraded to OpenAPI 3.0; external references become components.
    /// Nothing is written when the definition has errors.
    ///
    /// Example: oaskit import swagger.yaml --to openapi-3.1 --syntax yaml -o openapi.yaml
    Import(ImportArgs),
    /// Write a definition as Swagger 2.0, OpenAPI 3.0/3.1/3.2 or a Postman collection.
    ///
    /// Everything the target cannot express is reported as a warning with its place in
    /// your files; --fail-on-loss makes those errors. Nothing is written when the export fails.
    ///
    /// Example: oaskit export api.yaml --to swagger-2.0 --extensions x-amazon-apigateway -o swagger.json
    Export(ExportArgs),
    /// Generate a client SDK.
    ///
    /// Writes a complete package into the output folder (created if needed; files outside it are
    /// never written).
    ///
    /// Example: oaskit generate rust api.yaml -o sdk/rust --name petstore
    Generate(GenerateArgs),
    /// Explain a diagnostic code, or list them all.
    ///
    /// Example: oaskit explain ref-outside-root
    Explain(ExplainArgs),
    /// Validate HTTP requests and responses against a definition.
    ///
    /// Exit status: 0 when valid, 1 when not, 2 when the input cannot be used.
    ///
    /// Example: oaskit validate request api.yaml --method POST --url https://api.example.com/v1/pets -H 'Content-Type: application/json' --body pet.json
    #[command(subcommand)]
    Validate(ValidateCommand),
    /// Serve the definition as a local API gateway: mock, validating proxy, and API Gateway's
    /// keys, usage plans, throttling, caching, CORS and integrations.
    ///
    /// Logs one JSON line per request on standard output; reloads the definition when its
    /// files change; stops on Ctrl-C after the requests in flight.
    ///
    /// Example: oaskit serve api.yaml --port 4010 --config gateway.yaml
    Serve(ServeArgs),
    /// Compare two versions of a definition: breaking changes, located on both sides, with
    /// what each generated SDK would feel.
    ///
    /// Exit status: 0 when no change is at or above --fail-on (default: breaking), 1 when
    /// one is, 2 when either definition cannot be used.
    ///
    /// Example: oaskit diff v1.yaml v2.yaml --format markdown
    Diff(crate::commands::diff::DiffArgs),
}

#[derive(Args, Debug)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The address to listen on (loopback unless told otherwise).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// The port (0 picks a free one, printed at start-up).
    #[arg(long, default_value_t = 4010)]
    pub port: u16,
    /// Forward requests to this backend (http://host:port) instead of mocking them.
    #[arg(long, value_name = "URL")]
    pub upstream: Option<String>,
    /// The gateway configuration: stages, API keys, usage plans, integrations, authorizers.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The stage of the configuration to serve (default: its `stage:`).
    #[arg(long, value_name = "NAME")]
    pub stage: Option<String>,
    /// What to validate: invalid requests are refused with `requests` and `both`, only logged
    /// with `responses`; response violations are logged with `responses` and `both`.
    #[arg(long, value_enum, default_value_t = ValidateMode::Both)]
    pub validate: ValidateMode,
    /// Answer 502 instead of a response that breaks the definition.
    #[arg(long)]
    pub strict: bool,
    /// Serve even when the definition has errors (they are still reported).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValidateMode {
    /// Refuse invalid requests; do not check responses.
    Requests,
    /// Check responses (and log request violations without refusing).
    Responses,
    /// Refuse invalid requests and check responses.
    Both,
    /// Check nothing.
    None,
}

#[derive(Args, Debug)]
pub(crate) struct GenerateArgs {
    /// The language.
    #[arg(value_parser = listed(&oaskit_codegen::Language::ALL, oaskit_codegen::Language::name, oaskit_codegen::Language::summary))]
    pub language: oaskit_codegen::Language,
    #[command(flatten)]
    pub source: SourceArgs,
    /// The output folder.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// The package name (default: from the definition's title).
    #[arg(long)]
    pub name: Option<String>,
    /// Generate even when the definition has errors (they are still reported). Real specs
    /// carry some: GitHub's declares paths that differ only in variable names.
    #[arg(long)]
    pub force: bool,
    /// Rust only (refused for the other languages): write the code as generated, without
    /// running the toolchain's rustfmt over it (which takes seconds on the largest specs).
    /// `--no-format` is an older spelling.
    #[arg(long, alias = "no-format")]
    pub no_rustfmt: bool,
    /// Go only (refused for the other languages): the module path written to go.mod, such as
    /// `github.com/acme/petstore` (default: the package name).
    #[arg(long, value_name = "PATH")]
    pub module: Option<String>,
    /// Java only (refused for the other languages): the Java package of the generated classes,
    /// such as `com.example.petstore` (default: the package name's letters and digits).
    #[arg(long, value_name = "PACKAGE")]
    pub package: Option<String>,
    /// Also give paging helpers to operations whose pagination is only likely (a `page` or
    /// `offset` integer parameter beside an array); without it, only declared pagination
    /// (`x-ms-pageable`, `x-speakeasy-pagination`, `x-pagination`) and unambiguous shapes
    /// (cursor parameter and next-cursor field, next-URL field, `Link` header) get them.
    #[arg(long)]
    pub guess_pagination: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Args, Debug)]
pub(crate) struct ExplainArgs {
    /// The code, such as `path-param-undeclared`; without one, every code is listed.
    pub code: Option<String>,
}

#[derive(Args, Debug)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// The target.
    #[arg(long, value_parser = listed(&oaskit_export::Target::ALL, oaskit_export::Target::name, oaskit_export::Target::title))]
    pub to: oaskit_export::Target,
    #[command(flatten)]
    pub syntax: SyntaxArgs,
    /// Inline every reference (recursive schemas stay references and are reported). Without
    /// it the output is one self-contained file that keeps the `$ref` structure. Not for
    /// Postman collections, whose example bodies are always inlined.
    #[arg(long)]
    pub dereference: bool,
    /// `keep` (default), `strip`, or a comma-separated list of prefixes to keep
    /// (`x-amazon-apigateway`). Not for Postman collections, which carry no extensions.
    #[arg(long, value_name = "keep|strip|PREFIXES")]
    pub extensions: Option<String>,
    /// Write here instead of standard output (atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Treat every loss or approximation as an error: exit 1 and write nothing.
    #[arg(long)]
    pub fail_on_loss: bool,
    /// Export even when the definition has errors (they are still reported, as with
    /// `generate --force`). Real definitions carry some: GitHub's and OpenAI's cannot be
    /// converted without it.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Subcommand, Debug)]
pub(crate) enum ValidateCommand {
    /// Validate one request.
    ///
    /// Example: oaskit validate request api.yaml --method GET --url '/v1/pets?limit=5' -H 'Authorization: Bearer t'
    Request(ValidateRequestArgs),
    /// Validate one response to a request with the given method and URL.
    ///
    /// Example: oaskit validate response api.yaml --method GET --url /v1/pets/1 --status 200 -H 'Content-Type: application/json' --body pet.json
    Response(ValidateResponseArgs),
    /// Validate every request and response of a HAR capture (as browsers and proxies export).
    ///
    /// Example: oaskit validate har api.yaml session.har --format json
    Har(ValidateHarArgs),
    /// Validate one payload (JSON or YAML) against a schema of the definition.
    ///
    /// Example: oaskit validate payload api.yaml --schema Pet --direction response --body pet.json
    Payload(ValidatePayloadArgs),
}

#[derive(Args, Debug)]
pub(crate) struct ValidateCommon {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Check requests only as API Gateway's REST API request validation does: what each
    /// method's x-amazon-apigateway-request-validator turns on, required parameters for being
    /// present and not blank (not their types), the body against the model of its content
    /// type. `--profile aws-http` checks requests as HTTP APIs do: not at all (responses are
    /// always checked in full).
    #[arg(long)]
    pub gateway: bool,
    /// The API type the definition is deployed as: `--profile aws-rest` implies `--gateway`,
    /// `aws-http` checks no request; both load the definition as that profile does (the errors
    /// API Gateway accepts become warnings).
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Validate even when the definition has errors (they are still reported). Real specs
    /// carry some: GitHub's declares paths that differ only in variable names.
    #[arg(long)]
    pub force: bool,
}

/// One HTTP message given on the command line.
#[derive(Args, Debug)]
pub(crate) struct MessageArgs {
    /// The request method.
    #[arg(long, short = 'X')]
    pub method: String,
    /// The request URL: absolute or starting with `/`.
    #[arg(long)]
    pub url: String,
    /// A header, as `Name: value` (repeatable).
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// The body: a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub body: Option<String>,
}

#[derive(Args, Debug)]
pub(crate) struct ValidateRequestArgs {
    #[command(flatten)]
    pub common: ValidateCommon,
    #[command(flatten)]
    pub message: MessageArgs,
}

#[derive(Args, Debug)]
pub(crate) struct ValidateResponseArgs {
    #[command(flatten)]
    pub common: ValidateCommon,
    /// The request's method and URL, and the response's headers and body.
    #[command(flatten)]
    pub message: MessageArgs,
    /// The response status.
    #[arg(long)]
    pub status: u16,
}

#[derive(Args, Debug)]
pub(crate) struct ValidateHarArgs {
    #[command(flatten)]
    pub common: ValidateCommon,
    /// The HAR file.
    pub har: std::path::PathBuf,
}

#[derive(Args, Debug)]
pub(crate) struct ValidatePayloadArgs {
    #[command(flatten)]
    pub common: ValidateCommon,
    /// The schema: a component schema name (`Pet`) or a JSON pointer into the definition
    /// (`#/components/schemas/Pet`, `/paths/~1pets/post/requestBody/content/application~1json/schema`).
    #[arg(long, value_name = "NAME|POINTER")]
    pub schema: String,
    /// The message the payload travels in: readOnly properties are refused in requests,
    /// writeOnly ones in responses.
    #[arg(long, value_enum, default_value_t = PayloadDirection::Response)]
    pub direction: PayloadDirection,
    /// The payload: a JSON or YAML file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub body: String,
}

/// `validate payload --direction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PayloadDirection {
    /// A request body (readOnly properties refused).
    Request,
    /// A response body (writeOnly properties refused).
    Response,
}

/// Where a definition comes from and what its references may reach.
#[derive(Args, Debug)]
pub(crate) struct SourceArgs {
    /// The definition: a file path, `-` for standard input, or an http(s) URL.
    pub spec: String,
    /// Folder that file references must stay inside (default: the definition's own folder).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Allow file references outside the root folder.
    #[arg(long)]
    pub allow_outside_root: bool,
    /// Allow references to http(s) URLs (each fetch ends after 10 s however slowly it
    /// trickles, all of a load's fetches after --remote-timeout; 256 MiB each). Link-local
    /// addresses such as the cloud metadata service are never fetched from.
    #[arg(long)]
    pub allow_remote: bool,
    /// Allow fetching from loopback and private addresses (127/8, 10/8, 172.16/12,
    /// 192.168/16, 100.64/10, ::1, fc00::/7, localhost), for the entry URL and references.
    #[arg(long)]
    pub allow_private: bool,
    /// Most files one load may read (the entry and every file it references).
    #[arg(long, value_name = "N", default_value_t = oaskit_core::Limits::default().max_files)]
    pub max_files: usize,
    /// Seconds that all remote reads of one load may take together.
    #[arg(long, value_name = "SECS", default_value_t = crate::fetch::LOAD_TIMEOUT.as_secs())]
    pub remote_timeout: u64,
    /// Apply this OpenAPI Overlay (1.0 or 1.1) to the definition before anything else is
    /// done with it; repeat to apply several, in order. Findings on nodes an overlay added
    /// point into the overlay file.
    #[arg(long = "overlay", value_name = "FILE")]
    pub overlays: Vec<PathBuf>,
}

/// `oaskit overlay ...`.
#[derive(Subcommand, Debug)]
pub(crate) enum OverlayCommand {
    /// Apply overlays to a definition and write the result (no bundling, checks or
    /// conversion: the definition as the overlays leave it).
    ///
    /// Exit status: 0 written, 1 an overlay has errors, 2 a file cannot be read or parsed.
    ///
    /// Example: oaskit overlay apply api.yaml public.overlay.yaml -o public.yaml
    Apply(OverlayApplyArgs),
}

/// `oaskit overlay apply SPEC OVERLAY... [-o OUT]`.
#[derive(Args, Debug)]
pub(crate) struct OverlayApplyArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The overlay files, applied in order (before any given with --overlay).
    #[arg(value_name = "OVERLAY", required = true)]
    pub overlay_files: Vec<PathBuf>,
    #[command(flatten)]
    pub syntax: SyntaxArgs,
    /// Write here instead of standard output (atomically). Without --syntax, the syntax
    /// follows this file's extension, else the definition's own.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write what applied even when an overlay has errors (exit status 1).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Exit with status 1 when there are warnings, not only errors.
    #[arg(long)]
    pub fail_on_warnings: bool,
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[command(flatten)]
    pub lint: LintArgs,
    /// Check SPEC as one `x-amazon-apigateway-KIND` object (a fragment, such as `integration`
    /// or `cors`), not as a whole definition.
    #[arg(long, value_name = "KIND", requires = "profile")]
    pub fragment: Option<String>,
}

/// The rules beyond the specification's, and their configuration.
#[derive(Args, Debug, Default)]
pub(crate) struct LintArgs {
    /// Add a rule set (repeatable): `recommended` adds the checks linters are used for.
    #[arg(long, value_name = "SET", value_parser = listed(&oaskit_profile::RuleSet::ALL, oaskit_profile::RuleSet::name, oaskit_profile::RuleSet::summary))]
    pub ruleset: Vec<oaskit_profile::RuleSet>,
    /// The rule configuration (default: `oaskit.yaml` beside the definition, when there is
    /// one): rule severities per code and place, `profile:`, `extends: [recommended]`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any rule configuration.
    #[arg(long)]
    pub no_config: bool,
}

/// The gateway a definition is written for.
#[derive(Args, Debug, Default)]
pub(crate) struct ProfileArgs {
    /// Check the definition as API Gateway imports it: `aws-rest` (REST API) or `aws-http`
    /// (HTTP API). Reports its import limitations (`aws-*` codes) and the
    /// `x-amazon-apigateway-*` extensions, and turns the errors API Gateway accepts into
    /// warnings.
    #[arg(long, value_name = "PROFILE", value_parser = listed(&oaskit_profile::Profile::ALL, oaskit_profile::Profile::name, oaskit_profile::Profile::api_type))]
    pub profile: Option<oaskit_profile::Profile>,
}

#[derive(Args, Debug)]
pub(crate) struct ImportArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[command(flatten)]
    pub lint: LintArgs,
    /// Write here instead of standard output (atomically: a temporary file, then a rename).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The OpenAPI version to write; older input is upgraded.
    #[arg(long, value_parser = listed(&SpecVersion::UPGRADE_TARGETS, SpecVersion::name, SpecVersion::default_literal))]
    pub to: Option<SpecVersion>,
    #[command(flatten)]
    pub syntax: SyntaxArgs,
    /// Combine the import with this existing OpenAPI 3 document, as gateways' import modes do.
    #[arg(long, value_name = "EXISTING")]
    pub into: Option<PathBuf>,
    /// With --into: `merge` adds the new paths, operations and components (reporting conflicts);
    /// `overwrite` replaces the existing document.
    #[arg(long, value_enum, default_value_t = Mode::Merge, requires = "into")]
    pub mode: Mode,
    /// Exit with status 1 (writing nothing) when there are warnings or merge conflicts.
    #[arg(long)]
    pub fail_on_warnings: bool,
    /// Write even when the definition (or the merge) has errors; they are still reported.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// How findings are reported: `--format` means this on every command that reports.
#[derive(Args, Debug, Clone, Copy)]
pub(crate) struct ReportArgs {
    /// How to report findings (`--report` is an older spelling of the same flag).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human, alias = "report")]
    pub format: ReportFormat,
}

/// The syntax of a written document.
#[derive(Args, Debug, Clone, Copy)]
pub(crate) struct SyntaxArgs {
    /// The syntax of the written document (default: YAML when the output file ends in .yaml
    /// or .yml, else JSON).
    #[arg(long, value_enum)]
    pub syntax: Option<Syntax>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    /// Readable text with the offending line.
    Human,
    /// One JSON object with every finding, for CI.
    Json,
    /// GitHub Actions workflow commands (`::error file=...`), shown inline on pull requests.
    Github,
    /// A SARIF 2.1.0 log, for code-scanning dashboards.
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// JSON, two-space indented.
    Json,
    /// YAML, quoted so that YAML 1.1 readers do not misread it.
    Yaml,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Add new paths, operations and components; incoming items replace conflicting ones.
    Merge,
    /// Replace the existing document.
    Overwrite,
}

/// A clap value parser over a library enum's own list of values (its `ALL`, its names and
/// its `FromStr`), so that a value added to the library is accepted, listed in `--help` and
/// suggested on a typo without a parallel enum here.
#[derive(Clone)]
pub(crate) struct Listed<T: 'static> {
    all: &'static [T],
    name: fn(T) -> &'static str,
    help: fn(T) -> &'static str,
}

/// [`Listed`] over `all`, named by `name`, each described by `help`.
pub(crate) fn listed<T>(
    all: &'static [T],
    name: fn(T) -> &'static str,
    help: fn(T) -> &'static str,
) -> Listed<T> {
    Listed { all, name, help }
}

impl<T: Copy> Listed<T> {
    fn values(&self) -> Vec<PossibleValue> {
        self.all
            .iter()
            .map(|&v| PossibleValue::new((self.name)(v)).help((self.help)(v)))
            .collect()
    }
}

impl<T> TypedValueParser for Listed<T>
where
    T: Copy + Send + Sync + std::str::FromStr + 'static,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        // The list decides what is accepted (and words the error, with suggestions).
        let name = PossibleValuesParser::new(self.values()).parse_ref(cmd, arg, value)?;
        name.parse::<T>()
            .map_err(|_| clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values().into_iter()))
    }
}
