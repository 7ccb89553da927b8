//! What the rules share: both sides (document, view, files), the schema comparator, the SDK
//! models, and the list of changes with their places.

use oaskit_core::api::{Api, SchemaRef};
use oaskit_core::{Document, Loaded, Node};

use crate::report::{Change, Impact, Level, Place, SdkImpact};
use crate::schema::{self, Comparator, Dir};
use crate::sdk::{OpKeys, Root, Sdk, Target};
use crate::shape::Reader;

/// One side of the diff.
pub(crate) struct Side<'a> {
    /// The load, for its files.
    pub loaded: &'a Loaded,
    /// The normalized document.
    pub doc: &'a Document,
    /// Its API view.
    pub api: Api<'a>,
}

impl<'a> Side<'a> {
    pub(crate) fn new(loaded: &'a Loaded, doc: &'a Document) -> Self {
        Side {
            loaded,
            doc,
            api: Api::new(doc),
        }
    }

    /// The reader of this side's schemas.
    pub(crate) fn reader(&self) -> Reader<'a> {
        Reader {
            root: self.doc.root(),
            nullable_keyword: self.doc.version() == oaskit_core::SpecVersion::OpenApi30,
        }
    }

    /// The place of `node` (found at `pointer` in the normalized document) in the user's files.
    pub(crate) fn place(&self, node: &Node, pointer: &str) -> Option<Place> {
        let (file, line, column) = self.loaded.sources.locate(node.span)?;
        Some(Place {
            file: file.to_string(),
            line,
            column,
            pointer: self.doc.origins().original(pointer),
        })
    }

    /// The node at a pointer of the normalized document.
    pub(crate) fn node(&self, pointer: &str) -> Option<&'a Node> {
        self.doc.root().pointer(pointer)
    }
}

/// The operation a change concerns: its label and its keys on each side.
#[derive(Clone, Debug, Default)]
pub(crate) struct OpCx {
    /// `GET /pets/{id}`; `None` for document-wide changes.
    pub label: Option<String>,
    /// The operation on each side, for the SDK models.
    pub keys: OpKeys,
    /// The API sends this operation (a webhook or callback): levels are judged from the side
    /// of the server receiving it ([`crate::codes::as_receiver`], schema directions reversed).
    pub receiver: bool,
}

/// A node with its pointer.
pub(crate) type At<'a, 'p> = Option<(&'a Node, &'p str)>;

/// The state of one diff.
pub(crate) struct Cx<'a> {
    pub old: Side<'a>,
    pub new: Side<'a>,
    pub schemas: Comparator<'a>,
    /// Whether SDK impact is wanted: the targets of breaking and warning changes are kept
    /// for [`Cx::judge_sdks`], which runs once the models (built meanwhile) are ready.
    pub sdk: bool,
    pub changes: Vec<Change>,
    /// Index of a change, its operation and what it touches in the SDK surface.
    pub pending: Vec<(usize, OpKeys, Target)>,
}

impl<'a> Cx<'a> {
    /// Records a change.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn emit(
        &mut self,
        op: &OpCx,
        id: &'static str,
        level: Level,
        message: String,
        old: At<'_, '_>,
        new: At<'_, '_>,
        target: &Target,
    ) {
        let level = if op.receiver {
            crate::codes::as_receiver(id, level)
        } else {
            level
        };
        if self.sdk && level > Level::Info {
            self.pending
                .push((self.changes.len(), op.keys.clone(), target.clone()));
        }
        let sdk = SdkImpact::not_computed();
        let change = Change {
            id,
            level,
            operation: op.label.clone(),
            message,
            old: old.and_then(|(n, p)| self.old.place(n, p)),
            new: new.and_then(|(n, p)| self.new.place(n, p)),
            sdk,
        };
        self.changes.push(change);
    }

    /// Fills in the SDK impact of the changes that wait for it.
    pub(crate) fn judge_sdks(&mut self, sdk: &Sdk) {
        for (i, keys, target) in std::mem::take(&mut self.pending) {
            if let Some(c) = self.changes.get_mut(i) {
                c.sdk = sdk.impact(&keys, &target);
            }
        }
    }

    /// Records the names the SDKs changed though the definition kept them
    /// ([`Sdk::renames`]), each judged already: it breaks where the name moved.
    pub(crate) fn renames(&mut self, sdk: &Sdk) {
        const LANGUAGES: [&str; 3] = ["Rust", "TypeScript", "Python"];
        let id_changed: std::collections::HashSet<String> = self
            .changes
            .iter()
            .filter(|c| c.id == crate::codes::OPERATION_ID_CHANGED)
            .filter_map(|c| c.operation.as_ref().map(|l| l.to_ascii_lowercase()))
            .collect();
        for r in sdk.renames() {
            let label = r.label.as_ref().map(|l| l.to_ascii_lowercase());
            if r.method && label.is_some_and(|l| id_changed.contains(&l)) {
                continue;
            }
            let judge = |k: usize| match &r.names[k] {
                Some((a, b)) => Impact::Breaks(format!("`{a}` is now `{b}`")),
                None => Impact::Compatible,
            };
            let shown: Vec<String> = r
                .names
                .iter()
                .zip(LANGUAGES)
                .filter_map(|(n, lang)| n.as_ref().map(|(a, b)| format!("{lang} `{a}` -> `{b}`")))
                .collect();
            let place = |side: &Side<'a>, pointer: &str| {
                side.node(pointer).and_then(|n| side.place(n, pointer))
            };
            self.changes.push(Change {
                id: crate::codes::SDK_NAME_CHANGED,
                level: Level::Warning,
                operation: r.label.clone(),
                message: format!(
                    "the {} keeps its name in the definition but the SDK renames it: {}",
                    r.what,
                    shown.join(", ")
                ),
                old: place(&self.old, &r.old_pointer),
                new: place(&self.new, &r.new_pointer),
                sdk: SdkImpact {
                    rust: judge(0),
                    typescript: judge(1),
                    python: judge(2),
                },
            });
        }
    }

    /// Compares two schemas at `root` of an operation and records every change found.
    pub(crate) fn schema(
        &mut self,
        op: &OpCx,
        context: &str,
        root: &Root,
        old: &SchemaRef<'a>,
        new: &SchemaRef<'a>,
        dir: Dir,
    ) {
        let dir = if op.receiver { dir.reversed() } else { dir };
        let r = self
            .schemas
            .compare(std::slice::from_ref(old), std::slice::from_ref(new), dir);
        for l in schema::flatten(&r) {
            let f = l.found;
            let path = schema::show_path(&l.path, None);
            let message = if path.is_empty() {
                format!("{context}: {}", f.message)
            } else {
                format!("{context}: `{path}`: {}", f.message)
            };
            let target = Target::Schema {
                root: root.clone(),
                path: l.path,
                subject: f.subject,
                property: f.property,
                dir,
            };
            self.emit(
                op,
                f.id,
                f.level,
                message,
                f.old.as_ref().map(|(n, p)| (*n, p.as_str())),
                f.new.as_ref().map(|(n, p)| (*n, p.as_str())),
                &target,
            );
        }
    }

    /// The allowed types of a schema on one side (for judging `explode`).
    pub(crate) fn types_of(&mut self, old: bool, s: &SchemaRef<'a>) -> Option<u8> {
        let reader = if old {
            self.old.reader()
        } else {
            self.new.reader()
        };
        let mut w = 0;
        reader.shape(std::slice::from_ref(s), &mut w).types
    }
}
