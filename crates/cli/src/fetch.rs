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
                    .redirect(reqwest::redirect::Policy::custom(|attempt| {
                        if attempt.previous().len() >= 5 {
                            attempt.error("more than 5 redirects")
                        } else if let Err(e) = refuse_link_local(attempt.url().as_str()) {
                            attempt.error(e)
                        } else {
                            attempt.follow()
                        }
                    }))
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
        refuse_link_local(url)?;
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

/// Refuses URLs whose host is (or resolves to) a link-local address such as the cloud metadata
/// endpoint 169.254.169.254: even with remote references allowed, a definition must not be able
/// to read instance credentials.
fn refuse_link_local(url: &str) -> Result<(), String> {
    use std::net::{IpAddr, ToSocketAddrs};
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        let (h, after) = v6.split_once(']').unwrap_or((v6, ""));
        (
            h.to_string(),
            after
                .strip_prefix(':')
                .and_then(|p| p.parse().ok())
                .unwrap_or(443),
        )
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) if p.parse::<u16>().is_ok() => (h.to_string(), p.parse().unwrap_or(443)),
            _ => (
                host_port.to_string(),
                if url.starts_with("http://") { 80 } else { 443 },
            ),
        }
    };
    let bad = |ip: IpAddr| match ip {
        IpAddr::V4(v4) => {
            v4.is_link_local() || v4.is_unspecified() || v4.is_multicast() || v4.is_broadcast()
        }
        IpAddr::V6(v6) => {
            (v6.segments()[0] & 0xffc0) == 0xfe80 || v6.is_unspecified() || v6.is_multicast()
        }
    };
    let addrs: Vec<IpAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => (host.as_str(), port)
            .to_socket_addrs()
            .map(|a| a.map(|s| s.ip()).collect())
            .unwrap_or_default(),
    };
    if let Some(ip) = addrs.into_iter().find(|ip| bad(*ip)) {
        return Err(format!(
            "{host} is a link-local or special address ({ip}); oaskit never fetches from those"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn link_local_targets_are_refused() {
        assert!(super::refuse_link_local("http://169.254.169.254/latest/meta-data/").is_err());
        assert!(super::refuse_link_local("http://[fe80::1]:8080/x").is_err());
        assert!(super::refuse_link_local("http://0.0.0.0/x").is_err());
        assert!(super::refuse_link_local("http://127.0.0.1:47611/schema.json").is_ok());
    }
}
