//! The response cache: entries by key with a time to live, bounded in entries and bytes (the
//! oldest goes first), on the injected clock. Responses over 1 MiB are not cached, as API
//! Gateway does not cache them ("Cache settings for REST APIs in API Gateway": "responses
//! larger than 1048576 bytes are not cached").

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use crate::answer::Answer;

/// The largest response cached.
pub(crate) const MAX_ENTRY_BYTES: usize = 1 << 20;
/// The most bytes of bodies the cache holds.
const MAX_TOTAL_BYTES: usize = 64 << 20;

#[derive(Debug)]
struct Entry {
    answer: Answer,
    expires: Duration,
    seq: u64,
}

/// Cached responses.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    entries: HashMap<String, Entry>,
    order: VecDeque<(String, u64)>,
    seq: u64,
    bytes: usize,
}

impl Cache {
    /// The fresh entry for `key`.
    pub(crate) fn get(&mut self, key: &str, now: Duration) -> Option<Answer> {
        match self.entries.get(key) {
            Some(e) if e.expires > now => Some(e.answer.clone()),
            Some(_) => {
                self.remove(key);
                None
            }
            None => None,
        }
    }

    fn remove(&mut self, key: &str) {
        if let Some(e) = self.entries.remove(key) {
            self.bytes -= e.answer.body.len();
        }
    }

    /// Stores `answer` for `ttl`, evicting the oldest entries past `max_entries`.
    pub(crate) fn put(
        &mut self,
        key: String,
        answer: Answer,
        now: Duration,
        ttl: Duration,
        max_entries: usize,
    ) {
        if answer.body.len() > MAX_ENTRY_BYTES || max_entries == 0 || ttl.is_zero() {
            return;
        }
        self.remove(&key);
        self.seq += 1;
        self.bytes += answer.body.len();
        self.order.push_back((key.clone(), self.seq));
        self.entries.insert(
            key,
            Entry {
                answer,
                expires: now + ttl,
                seq: self.seq,
            },
        );
        while self.entries.len() > max_entries || self.bytes > MAX_TOTAL_BYTES {
            let Some((k, seq)) = self.order.pop_front() else {
                break;
            };
            // Skip queue items of entries stored again since.
            if self.entries.get(&k).is_some_and(|e| e.seq == seq) {
                self.remove(&k);
            }
        }
        // Drop stale queue items so the queue stays bounded too.
        if self.order.len() > 2 * max_entries.max(16) {
            let entries = &self.entries;
            self.order
                .retain(|(k, seq)| entries.get(k).is_some_and(|e| e.seq == *seq));
        }
    }

    /// How many entries are held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_oldest_is_evicted() {
        let mut c = Cache::default();
        let t = Duration::from_secs(1000);
        let ttl = Duration::from_secs(60);
        c.put("a".into(), Answer::new(200), t, ttl, 2);
        c.put("b".into(), Answer::new(201), t, ttl, 2);
        c.put("a".into(), Answer::new(202), t, ttl, 2);
        c.put("c".into(), Answer::new(203), t, ttl, 2);
        assert_eq!(c.len(), 2);
        assert!(c.get("b", t).is_none(), "b was the oldest");
        assert_eq!(c.get("a", t).map(|a| a.status), Some(202));
        assert!(c.get("a", t + ttl).is_none(), "expired");
    }
}
