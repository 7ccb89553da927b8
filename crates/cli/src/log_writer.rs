//! The request log's writer for `oaskit serve`: the server's threads append their lines to one
//! buffer and a writer thread empties it onto standard output, a batch at a time. Answering a
//! request then costs no system call for its log line (a write per request was a few percent of
//! the server's CPU at one connection, more on a terminal). Lines reach standard output within
//! a couple of milliseconds, whole and in the order they were logged.
//!
//! Memory is bounded: when the buffer holds [`CAP`] bytes (standard output is a pipe nobody
//! reads, say), loggers wait for the writer, as a direct write would have blocked them.

use std::io::Write as _;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

/// The most bytes waiting to be written before loggers wait.
const CAP: usize = 1 << 20;

/// How long the writer lets lines gather after writing a batch.
const GATHER: Duration = Duration::from_millis(2);

#[derive(Default)]
struct State {
    pending: Vec<u8>,
    /// The writer waits for lines (the next logger wakes it).
    idle: bool,
    closed: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// Lines arrived, or the log was closed.
    arrived: Condvar,
    /// The buffer was taken by the writer.
    drained: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running writer; [`LogWriter::finish`] writes what is left and stops it.
pub(crate) struct LogWriter {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl LogWriter {
    /// Starts the writer thread on standard output.
    pub(crate) fn start() -> LogWriter {
        Self::start_on(|bytes| {
            let mut out = std::io::stdout().lock();
            // A closed standard output (a pipe whose reader left) loses the log, not the server.
            let _ = out.write_all(bytes).and_then(|()| out.flush());
        })
    }

    /// Starts the writer thread writing each batch with `write`.
    fn start_on(write: impl Fn(&[u8]) + Send + 'static) -> LogWriter {
        let shared = Arc::new(Shared::default());
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("oaskit-log".into())
            .spawn(move || run(&theirs, &write))
            .ok();
        LogWriter { shared, thread }
    }

    /// The logger to hand to the gateway: appends `line` and a newline.
    pub(crate) fn logger(&self) -> oaskit_gateway::Logger {
        let shared = Arc::clone(&self.shared);
        let direct = self.thread.is_none();
        Arc::new(move |line: &str| {
            if direct {
                // No writer thread could be started: write in place.
                let _ = crate::output::write_stdout(&format!("{line}\n"));
                return;
            }
            let mut st = shared.lock();
            while st.pending.len() >= CAP && !st.closed {
                st = shared
                    .drained
                    .wait(st)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            st.pending.extend_from_slice(line.as_bytes());
            st.pending.push(b'\n');
            if st.idle {
                st.idle = false;
                shared.arrived.notify_one();
            }
        })
    }

    /// Writes every line logged so far and stops the writer.
    pub(crate) fn finish(mut self) {
        self.shared.lock().closed = true;
        self.shared.arrived.notify_one();
        self.shared.drained.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The writer thread: waits for lines, writes what has gathered, until closed and empty.
fn run(shared: &Shared, write: &dyn Fn(&[u8])) {
    let mut batch = Vec::new();
    loop {
        let closed = {
            let mut st = shared.lock();
            while st.pending.is_empty() && !st.closed {
                st.idle = true;
                st = shared
                    .arrived
                    .wait(st)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            st.idle = false;
            std::mem::swap(&mut batch, &mut st.pending);
            st.closed
        };
        shared.drained.notify_all();
        if !batch.is_empty() {
            write(&batch);
            batch.clear();
        }
        if closed && shared.lock().pending.is_empty() {
            return;
        }
        std::thread::sleep(GATHER);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collecting() -> (LogWriter, Arc<Mutex<Vec<u8>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let w = LogWriter::start_on(move |b| sink.lock().unwrap().extend_from_slice(b));
        (w, seen)
    }

    #[test]
    fn every_line_arrives_whole_and_in_order_per_thread() {
        let (w, seen) = collecting();
        let logger = w.logger();
        std::thread::scope(|s| {
            for t in 0..4 {
                let logger = Arc::clone(&logger);
                s.spawn(move || {
                    for i in 0..5_000 {
                        logger(&format!("{{\"thread\":{t},\"n\":{i}}}"));
                    }
                });
            }
        });
        w.finish();
        let text = String::from_utf8(seen.lock().unwrap().clone()).unwrap();
        let mut next = [0; 4];
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("a whole line");
            let t = usize::try_from(v["thread"].as_u64().unwrap()).unwrap();
            assert_eq!(v["n"].as_u64().unwrap(), next[t]);
            next[t] += 1;
        }
        assert_eq!(next, [5_000; 4]);
    }

    #[test]
    fn a_line_is_written_soon_without_finishing() {
        let (w, seen) = collecting();
        let logger = w.logger();
        logger("one");
        let start = std::time::Instant::now();
        while seen.lock().unwrap().is_empty() {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "the line never came"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(&*seen.lock().unwrap(), b"one\n");
        logger("two");
        w.finish();
        assert_eq!(&*seen.lock().unwrap(), b"one\ntwo\n");
    }

    #[test]
    fn a_stuck_output_holds_loggers_back_instead_of_growing() {
        let gate = Arc::new(Mutex::new(()));
        let held = gate.lock().unwrap();
        let written = Arc::new(Mutex::new(0usize));
        let (g, n) = (Arc::clone(&gate), Arc::clone(&written));
        let w = LogWriter::start_on(move |b| {
            let _open = g.lock().unwrap();
            *n.lock().unwrap() += b.len();
        });
        let logger = w.logger();
        let line = "x".repeat(1023);
        let logged = Arc::new(Mutex::new(0usize));
        let count = Arc::clone(&logged);
        let producer = std::thread::spawn(move || {
            for _ in 0..(4 * CAP / 1024) {
                logger(&line);
                *count.lock().unwrap() += 1024;
            }
        });
        std::thread::sleep(Duration::from_millis(300));
        // One batch is in the stuck write and at most CAP more bytes wait: the rest waits.
        let waiting = *logged.lock().unwrap();
        assert!(
            waiting <= 2 * CAP + 1024,
            "{waiting} bytes logged past a stuck output"
        );
        assert!(!producer.is_finished());
        drop(held);
        producer.join().unwrap();
        w.finish();
        assert_eq!(*written.lock().unwrap(), 4 * CAP);
    }
}
