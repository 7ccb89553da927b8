//! Writing results: atomically to a file, or to standard output.

use std::io::Write;
use std::path::Path;

/// Writes `text` to `path` through a temporary file in the same folder and a rename, so that
/// readers never see half a file and a failure leaves the old file untouched.
pub(crate) fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    write_renamed(path, text, true)
}

/// [`write_atomic`], flushing the file to the disk before the rename only when `flush`: without
/// it no reader still ever sees a half-written file, but a crash of the machine may lose the
/// contents. `generate` writes without: it writes thousands of files for large definitions
/// (GitHub's Java SDK: 9,500), where one flush each took 7 to 30 seconds.
pub(crate) fn write_renamed(path: &Path, text: &str, flush: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.{}.oaskit.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        if flush {
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes to standard output; a closed pipe is not an error.
pub(crate) fn write_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
