//! Where `$ref`s may lead: the one gate every file and URL read goes through.
//!
//! The core crate opens nothing by itself: it asks a [`Reader`] for bytes, after the
//! [`Policy`] has allowed the target. By default file references must stay inside the root
//! folder (the entry document's folder unless the caller names another) and remote
//! references are refused. The target is judged before anything is opened.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::error::ReadError;

/// Reads files and, when a caller supplies one, URLs.
pub trait Reader {
    /// Reads a local file of at most `max` bytes.
    ///
    /// # Errors
    /// [`ReadError::Io`], or another [`ReadError`] when the file is not a regular file or is
    /// larger than `max`.
    fn read_file(&self, path: &Path, max: usize) -> Result<Vec<u8>, ReadError>;

    /// Fetches a URL of at most `max` bytes. The default refuses: core does no networking.
    ///
    /// # Errors
    /// [`ReadError::NoFetcher`], unless overridden; a fetcher returns the other remote
    /// variants ([`ReadError::Denied`], [`ReadError::HttpStatus`], [`ReadError::Timeout`] ...).
    fn fetch(&self, url: &str, max: usize) -> Result<Vec<u8>, ReadError> {
        let _ = max;
        Err(ReadError::NoFetcher { url: url.into() })
    }
}

/// Reads local files with `std::fs`, refusing URLs.
#[derive(Clone, Copy, Debug, Default)]
pub struct FsReader;

impl Reader for FsReader {
    fn read_file(&self, path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
        read_regular_file(path, max)
    }
}

/// Reads a regular file of at most `max` bytes, and nothing else: FIFOs, devices, sockets and
/// folders are refused before they can block or stream forever, and the size is checked
/// before a byte is read.
///
/// The file is opened without blocking (a FIFO swapped in after the first check cannot hang
/// the open) and judged again on the open handle.
///
/// # Errors
/// [`ReadError::Io`], [`ReadError::NotRegularFile`] or [`ReadError::FileTooLarge`].
pub fn read_regular_file(path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let judge = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            return Err(ReadError::NotRegularFile {
                path: path.to_path_buf(),
            });
        }
        if meta.len() > max as u64 {
            return Err(ReadError::FileTooLarge {
                path: path.to_path_buf(),
                len: Some(meta.len()),
                max,
            });
        }
        Ok(())
    };
    judge(&std::fs::metadata(path).map_err(io)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(O_NONBLOCK);
    }
    let f = options.open(path).map_err(io)?;
    let meta = f.metadata().map_err(io)?;
    judge(&meta)?;
    let mut buf = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    f.take(max as u64 + 1).read_to_end(&mut buf).map_err(io)?;
    if buf.len() > max {
        return Err(ReadError::FileTooLarge {
            path: path.to_path_buf(),
            len: None,
            max,
        });
    }
    Ok(buf)
}

/// `O_NONBLOCK`, which makes opening a FIFO return at once instead of waiting for a writer.
#[cfg(target_os = "linux")]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(all(unix, not(target_os = "linux")))]
const O_NONBLOCK: i32 = 0x0004;

/// What references may reach.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub(crate) root: Option<PathBuf>,
    pub(crate) allow_remote: bool,
    pub(crate) allow_outside_root: bool,
    pub(crate) allow_private: bool,
}

impl Policy {
    /// The default: files under the entry document's folder, no remote references.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Confine file references to `root` instead of the entry document's folder.
    #[must_use]
    pub fn with_root(mut self, root: impl Into<PathBuf>) -> Self {
        self.root = Some(root.into());
        self
    }

    /// Allow `http` and `https` references (the reader must be able to fetch).
    #[must_use]
    pub fn with_remote(mut self, allow: bool) -> Self {
        self.allow_remote = allow;
        self
    }

    /// Allow file references anywhere on the file system.
    #[must_use]
    pub fn with_outside_root(mut self, allow: bool) -> Self {
        self.allow_outside_root = allow;
        self
    }

    /// Allow remote references to loopback and private addresses (never to link-local,
    /// unspecified or multicast ones; see [`crate::net`]).
    #[must_use]
    pub fn with_private(mut self, allow: bool) -> Self {
        self.allow_private = allow;
        self
    }

    /// Whether loopback and private addresses may be fetched from.
    #[must_use]
    pub fn allows_private(&self) -> bool {
        self.allow_private
    }
}

/// A document location: a normalized absolute path or a URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// A local file.
    File(PathBuf),
    /// A remote document.
    Url(String),
}

/// Why a reference target may not be read.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub code: &'static str,
    pub message: String,
}

fn refuse(code: &'static str, message: String) -> Refusal {
    Refusal { code, message }
}

/// Removes `.` and `..` components without touching the file system.
#[must_use]
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The byte two hex digits spell (`hex_byte(b'4', b'1') == Some(0x41)`), or `None` when
/// either is not a hex digit. Working on bytes, it cannot split a multi-byte character.
#[must_use]
pub fn hex_byte(hi: u8, lo: u8) -> Option<u8> {
    let d = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    Some(d(hi)? << 4 | d(lo)?)
}

/// Percent-encodes (`%XX`, upper-case hex) every byte of `s` except ASCII letters and digits
/// and the bytes in `keep`: `b"-._~"` for a query component (RFC 3986's unreserved set),
/// `b"-._~/!$&'()*+,;=:@"` for a URI fragment such as a JSON pointer.
#[must_use]
pub fn percent_encode(s: &str, keep: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes in a URI reference.
#[must_use]
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = hex_byte(b[i + 1], b[i + 2]) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn scheme(s: &str) -> Option<&str> {
    let i = s.find(':')?;
    let sch = &s[..i];
    (i > 1
        && sch
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        && sch.as_bytes()[0].is_ascii_alphabetic())
    .then_some(sch)
}

impl Policy {
    /// Turns the file part of a reference, seen from `base`, into a location the policy allows.
    ///
    /// A remote document may reference other remote documents only (when remote references
    /// are allowed); local files are reachable from local documents only, inside the root.
    pub(crate) fn target(
        &self,
        base: &Location,
        root: &Path,
        reference: &str,
    ) -> Result<Location, Refusal> {
        if let Location::Url(u) = base {
            let joined = crate::net::Url::parse(u)
                .and_then(|b| b.join(reference))
                .map_err(|e| {
                    refuse(
                        "ref-unsupported",
                        format!("reference {reference:?} from {u} is not a valid URL: {e}"),
                    )
                })?;
            if joined.scheme() == "file" {
                return Err(refuse(
                    "ref-outside-root",
                    format!(
                        "reference {reference:?} in the remote document {u} names a local file; remote documents may never read local files, so it was not opened"
                    ),
                ));
            }
            return self.remote(joined.as_str());
        }
        match scheme(reference) {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                return self.remote(reference);
            }
            Some(s) if s.eq_ignore_ascii_case("file") => {
                let rest = &reference[5..];
                let path = rest.strip_prefix("//").map_or(rest, |r| {
                    // file://host/path: only an empty host or localhost is local.
                    let slash = r.find('/').unwrap_or(r.len());
                    &r[slash..]
                });
                return self.file(PathBuf::from(percent_decode(path)), root, reference);
            }
            Some(s) => {
                return Err(refuse(
                    "ref-unsupported",
                    format!("unsupported reference scheme `{s}:` in {reference:?}"),
                ));
            }
            None => {}
        }
        let Location::File(f) = base else {
            unreachable!("remote bases are handled above")
        };
        let rel = PathBuf::from(percent_decode(reference));
        let dir = f.parent().unwrap_or(Path::new("/"));
        let joined = if rel.is_absolute() {
            rel
        } else {
            dir.join(rel)
        };
        self.file(joined, root, reference)
    }

    /// A remote location: allowed only with remote references on, parsed as the HTTP client
    /// parses it, and refused for forbidden address literals before anything is sent.
    fn remote(&self, url: &str) -> Result<Location, Refusal> {
        if !self.allow_remote {
            return Err(refuse(
                "ref-remote-denied",
                format!("remote reference to {url} refused: remote references are off by default (allow them with --allow-remote)"),
            ));
        }
        let parsed = crate::net::check_url(url, self.allow_private)
            .map_err(|d| refuse(d.code, d.message))?;
        Ok(Location::Url(parsed.into()))
    }

    fn file(&self, path: PathBuf, root: &Path, as_written: &str) -> Result<Location, Refusal> {
        let path = normalize(&path);
        if self.allow_outside_root {
            return Ok(Location::File(path));
        }
        let outside = || {
            refuse(
                "ref-outside-root",
                format!(
                    "reference {as_written:?} leads outside the root folder {} (to {}); it was not opened. Choose a wider root with --root DIR if this is intended",
                    root.display(),
                    path.display()
                ),
            )
        };
        // An empty root (no local entry document) contains nothing: `starts_with("")` would
        // accept every path.
        if root.as_os_str().is_empty() || !root.is_absolute() || !path.starts_with(root) {
            return Err(outside());
        }
        // A symbolic link inside the root may still point outside it. A target that exists
        // but cannot be resolved is refused too; one that does not exist fails to open.
        if std::fs::symlink_metadata(&path).is_ok() {
            match (path.canonicalize(), root.canonicalize()) {
                (Ok(real), Ok(real_root)) if real.starts_with(&real_root) => {}
                _ => return Err(outside()),
            }
        }
        Ok(Location::File(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confinement() {
        let p = Policy::new();
        let root = Path::new("/r/spec");
        let base = Location::File(PathBuf::from("/r/spec/a.yaml"));
        assert!(p.target(&base, root, "b.yaml").is_ok());
        assert!(p.target(&base, root, "sub/../b%20c.yaml").is_ok());
        for bad in [
            "../x.yaml",
            "/etc/passwd",
            "file:///etc/passwd",
            "sub/../../x",
        ] {
            assert_eq!(
                p.target(&base, root, bad).unwrap_err().code,
                "ref-outside-root",
                "{bad}"
            );
        }
        assert_eq!(
            p.target(&base, root, "http://169.254.169.254/x")
                .unwrap_err()
                .code,
            "ref-remote-denied"
        );
        assert!(Policy::new()
            .with_remote(true)
            .target(&base, root, "https://h/x")
            .is_ok());
    }

    #[test]
    fn remote_documents_reach_remote_documents_only() {
        let root = Path::new("/r/spec");
        let base = Location::Url("https://h.example/a/b/c.yaml".into());
        let p = Policy::new().with_remote(true);
        let at = |r: &str| match p.target(&base, root, r) {
            Ok(Location::Url(u)) => u,
            other => panic!("{r}: {other:?}"),
        };
        assert_eq!(at("../d.yaml"), "https://h.example/a/d.yaml");
        assert_eq!(at("/x.json"), "https://h.example/x.json");
        assert_eq!(at("//other.example/y"), "https://other.example/y");
        for bad in [
            "file:///etc/hostname",
            "FILE:///etc/hostname",
            "file://localhost/etc/hostname",
            "file:etc/hostname",
        ] {
            assert_eq!(
                p.target(&base, root, bad).unwrap_err().code,
                "ref-outside-root",
                "{bad}"
            );
        }
        // Relative references from a remote document stay remote, and need the flag.
        assert_eq!(
            Policy::new()
                .target(&base, root, "d.yaml")
                .unwrap_err()
                .code,
            "ref-remote-denied"
        );
        // An empty root (a remote entry) holds no local files.
        let local = Location::File(PathBuf::from("/r/spec/a.yaml"));
        assert_eq!(
            Policy::new()
                .target(&local, Path::new(""), "b.yaml")
                .unwrap_err()
                .code,
            "ref-outside-root"
        );
        assert_eq!(
            p.target(&base, root, "http://[::ffff:a9fe:a9fe]/x")
                .unwrap_err()
                .code,
            "ref-address-denied"
        );
        assert_eq!(percent_decode("a%20b%7Bid%7D"), "a b{id}");
    }

    #[test]
    fn read_errors_are_typed_and_keep_their_messages() {
        let dir = std::env::temp_dir().join(format!("oaskit-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("ten.yaml");
        std::fs::write(&file, "0123456789").expect("write");
        let e = read_regular_file(&file, 5).unwrap_err();
        assert!(
            matches!(&e, ReadError::FileTooLarge { path, len: Some(10), max: 5 } if *path == file),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "the file has 10 bytes, more than the limit of 5 bytes"
        );
        assert_eq!(read_regular_file(&file, 10).expect("fits"), b"0123456789");
        let e = read_regular_file(&dir, 5).unwrap_err();
        assert!(matches!(e, ReadError::NotRegularFile { .. }), "{e:?}");
        let e = read_regular_file(&dir.join("missing"), 5).unwrap_err();
        let source = std::error::Error::source(&e)
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .expect("the I/O error is the source");
        assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(e.to_string(), source.to_string());
        let e = FsReader.fetch("https://example.com/a.yaml", 5).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no fetcher is configured to read https://example.com/a.yaml"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn percent_encoding_keeps_what_it_is_told_and_round_trips() {
        assert_eq!(
            percent_encode("a b/c~é{}", b"-._~"),
            "a%20b%2Fc~%C3%A9%7B%7D"
        );
        assert_eq!(
            percent_encode("/paths/~1a{id}/get:x", b"-._~/!$&'()*+,;=:@"),
            "/paths/~1a%7Bid%7D/get:x"
        );
        for s in ["", "plain", "100%", "é€𝄞 /?#[]", "%41"] {
            assert_eq!(percent_decode(&percent_encode(s, b"")), s, "{s}");
        }
    }

    #[test]
    fn percent_escapes_next_to_multibyte_characters() {
        for (raw, want) in [
            ("%1é", "%1é"),
            ("%é1", "%é1"),
            ("%€", "%€"),
            ("a%2", "a%2"),
            ("%", "%"),
            ("%41é%C3%A9", "Aéé"),
            ("%+1", "%+1"),
        ] {
            assert_eq!(percent_decode(raw), want, "{raw}");
        }
    }
}
