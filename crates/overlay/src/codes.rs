//! Every stable code oaskit-overlay reports, with what it means (`oaskit explain CODE`).

use oaskit_core::codes::Code;

macro_rules! codes {
    ($($(#[$doc:meta])* $konst:ident = $name:literal, $sev:ident, $text:literal;)*) => {
        $( $(#[$doc])* pub const $konst: &str = $name; )*
        /// Every code of oaskit-overlay.
        pub const CODES: &[Code] = &[ $( Code::$sev($name, $text), )* ];
    };
}

codes! {
    /// The overlay document does not have the shape the Overlay Specification requires.
    INVALID = "overlay-invalid", error,
        "The Overlay document is not well formed: it is not an object, `info.title`, `info.version` or `actions` is missing or of the wrong type, `actions` is empty or holds the same action twice, an action has no `target` or an unknown field. The overlay is not applied.";
    /// The `overlay` field names a version oaskit does not apply.
    VERSION = "overlay-version", error,
        "The `overlay` field is missing, not a string, or not 1.0.x or 1.1.x (the published versions oaskit applies). The overlay is not applied.";
    /// A `target` or `copy` is not an RFC 9535 JSONPath query.
    JSONPATH = "overlay-jsonpath", error,
        "An action's `target` (or `copy`) is not a valid RFC 9535 JSONPath query, or is longer or more deeply nested than oaskit accepts (64 KiB, 64 levels of brackets). The message gives the position. The action is skipped.";
    /// A target selects no node.
    UNMATCHED = "overlay-target-unmatched", warning,
        "An action's `target` selects no node of the document as it stands after the previous actions; the action changes nothing. Often a typo in a path or a node removed by an earlier action.";
    /// An update or copy cannot be merged into a selected node.
    INCOMPATIBLE = "overlay-incompatible", error,
        "An `update` (or the node named by `copy`) cannot be merged into a selected node: an object merges only into an object, a primitive replaces only a primitive, anything is appended to an array; the targets of one action must all be objects, all arrays or all primitives. That node is left unchanged.";
    /// A `copy` source does not select exactly one node.
    COPY_SOURCE = "overlay-copy-source", error,
        "The `copy` query of an action selects no node or more than one; it must select exactly one node of the document. The action is skipped.";
    /// An action would remove the whole document.
    REMOVE_ROOT = "overlay-remove-root", error,
        "An action with `remove: true` targets the document root (`$`); the document cannot be removed. The action is skipped.";
    /// The overlay would grow the document past the budget.
    LIMIT = "overlay-limit", error,
        "Applying the overlay would add more nodes than the budget allows (10 million per overlay, counting every copy of an update or copy value into every selected node). The remaining actions are not applied.";
}
