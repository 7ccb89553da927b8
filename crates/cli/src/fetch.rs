//! The one place oaskit touches the network: reading a definition or a reference by URL,
//! only when the user asked for it.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use oaskit_core::{FsReader, Reader};

/// Reads files like [`FsReader`] and, when enabled, URLs with reqwest (rustls), a timeout and a
/// size limit.
pub(crate) struct NetReader {
    client: Option<reqwest::blocking::Client>,
}

impl NetReader {
    pub(crate) fn new(enabled: bool) -> Self {
        let client = enabled
            .then(|| {
                reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .redirect(reqwest::redirect::Policy::limited(5))
                    .user_agent(concat!("oaskit/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .ok()
            })
            .flatten();
        Self { client }
    }
}

impl Reader for NetReader {
    fn read_file(&self, path: &Path, max: usize) -> Result<Vec<u8>, String> {
        FsReader.read_file(path, max)
    }

    fn fetch(&self, url: &str, max: usize) -> Result<Vec<u8>, String> {
        let Some(client) = &self.client else {
            return Err("remote sources are not enabled".into());
        };
        let resp = client.get(url).send().map_err(|e| e.to_string())?;
        let status = resp.status();
        if !status.is_success() {
            return Err(format!("HTTP status {status}"));
        }
        let mut buf = Vec::new();
        resp.take(max as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| e.to_string())?;
        if buf.len() > max {
            return Err(format!(
                "the response is larger than the limit of {max} bytes"
            ));
        }
        Ok(buf)
    }
}
