//! Throttling (token buckets) and quotas, in memory, on the injected clock.
//!
//! API Gateway throttles with the token bucket algorithm: "a token counts for a request", the
//! bucket holds `burst` tokens and refills at `rate` per second ("Throttle requests to your REST
//! APIs for better throughput in API Gateway", developer guide). A quota counts requests per key
//! per period (`DAY`, `WEEK`, `MONTH`).

use std::collections::HashMap;
use std::time::Duration;

use crate::config::{Quota, Throttle};

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Duration,
}

/// Every bucket and quota counter, by name.
#[derive(Debug, Default)]
pub(crate) struct Limits {
    buckets: HashMap<String, Bucket>,
    quotas: HashMap<String, (u64, u64)>,
}

/// The most buckets or counters kept (one per key and method at most; a bound against
/// unbounded key names).
const MAX_ENTRIES: usize = 100_000;

impl Limits {
    /// Takes a token from the bucket `name`; false when it is empty.
    pub(crate) fn take(&mut self, name: &str, t: Throttle, now: Duration) -> bool {
        if self.buckets.len() >= MAX_ENTRIES && !self.buckets.contains_key(name) {
            self.buckets.clear();
        }
        let burst = f64::from(t.burst);
        let b = self.buckets.entry(name.to_string()).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let elapsed = now.saturating_sub(b.at).as_secs_f64();
        b.tokens = (b.tokens + elapsed * t.rate).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Whether the quota `name` has room left in the current period (nothing is counted).
    pub(crate) fn quota_left(&self, name: &str, q: Quota, now: Duration) -> bool {
        let period = now.as_secs() / q.period.seconds();
        match self.quotas.get(name) {
            Some((p, used)) if *p == period => *used < q.limit,
            _ => q.limit > 0,
        }
    }

    /// Counts one request against the quota `name`.
    pub(crate) fn quota_count(&mut self, name: &str, q: Quota, now: Duration) {
        if self.quotas.len() >= MAX_ENTRIES && !self.quotas.contains_key(name) {
            self.quotas.clear();
        }
        let period = now.as_secs() / q.period.seconds();
        let e = self.quotas.entry(name.to_string()).or_insert((period, 0));
        if e.0 != period {
            *e = (period, 0);
        }
        e.1 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Period;

    #[test]
    fn buckets_refill_at_their_rate_up_to_the_burst() {
        let mut l = Limits::default();
        let t = Throttle {
            rate: 2.0,
            burst: 3,
        };
        let s = Duration::from_secs(100);
        assert!((0..3).all(|_| l.take("k", t, s)));
        assert!(!l.take("k", t, s));
        assert!(l.take("k", t, s + Duration::from_millis(500)));
        assert!(!l.take("k", t, s + Duration::from_millis(600)));
        // Ten idle seconds refill three tokens, not twenty.
        let later = s + Duration::from_secs(10);
        assert!((0..3).all(|_| l.take("k", t, later)));
        assert!(!l.take("k", t, later));
    }

    #[test]
    fn quotas_start_again_with_the_next_period() {
        let mut l = Limits::default();
        let q = Quota {
            limit: 2,
            period: Period::Day,
        };
        let day = Duration::from_secs(86_400 * 20_000);
        for _ in 0..2 {
            assert!(l.quota_left("k", q, day));
            l.quota_count("k", q, day);
        }
        assert!(!l.quota_left("k", q, day + Duration::from_secs(3600)));
        assert!(l.quota_left("k", q, day + Duration::from_secs(86_400)));
    }
}
