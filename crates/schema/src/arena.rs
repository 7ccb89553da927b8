//! An append-only store of compiled nodes, readable without locks from any thread.
//!
//! Slots are written once (by the compiler, under its lock) and read through `OnceLock`s, so an
//! evaluation never waits for a compilation of another schema.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::node::Node;

const CHUNK_BITS: u32 = 10;
const CHUNK: usize = 1 << CHUNK_BITS;
/// At most `CHUNK * MAX_CHUNKS` (4 Mi) nodes per document.
pub(crate) const MAX_NODES: usize = CHUNK * MAX_CHUNKS;
const MAX_CHUNKS: usize = 4096;

/// A chunk of node slots.
type Chunk = Box<[OnceLock<Node>]>;

pub(crate) struct Arena {
    chunks: Box<[OnceLock<Chunk>]>,
    /// A bit per node: whether some `$ref`/`$dynamicRef` targets it (set by the compiler,
    /// possibly after the node itself was published; read by the evaluator's memo).
    targets: Box<[OnceLock<Box<[AtomicU64]>>]>,
}

impl Arena {
    pub(crate) fn new() -> Self {
        Self {
            chunks: (0..MAX_CHUNKS).map(|_| OnceLock::new()).collect(),
            targets: (0..MAX_CHUNKS).map(|_| OnceLock::new()).collect(),
        }
    }

    #[inline]
    pub(crate) fn get(&self, id: u32) -> Option<&Node> {
        let chunk = self.chunks.get((id >> CHUNK_BITS) as usize)?.get()?;
        chunk.get(id as usize & (CHUNK - 1))?.get()
    }

    /// Stores `node` at `id` (the caller allocates ids below [`MAX_NODES`], each once).
    pub(crate) fn set(&self, id: u32, node: Node) {
        let Some(slot) = self.chunks.get((id >> CHUNK_BITS) as usize) else {
            return;
        };
        let chunk = slot.get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        if let Some(cell) = chunk.get(id as usize & (CHUNK - 1)) {
            let _ = cell.set(node);
        }
    }

    /// Records that a reference targets `id`.
    pub(crate) fn mark_target(&self, id: u32) {
        let Some(slot) = self.targets.get((id >> CHUNK_BITS) as usize) else {
            return;
        };
        let bits = slot.get_or_init(|| (0..CHUNK / 64).map(|_| AtomicU64::new(0)).collect());
        let at = id as usize & (CHUNK - 1);
        if let Some(word) = bits.get(at / 64) {
            word.fetch_or(1 << (at % 64), Ordering::Relaxed);
        }
    }

    /// Whether a reference targets `id`.
    #[inline]
    pub(crate) fn is_target(&self, id: u32) -> bool {
        let at = id as usize & (CHUNK - 1);
        self.targets
            .get((id >> CHUNK_BITS) as usize)
            .and_then(OnceLock::get)
            .and_then(|bits| bits.get(at / 64))
            .is_some_and(|w| w.load(Ordering::Relaxed) & (1 << (at % 64)) != 0)
    }
}
