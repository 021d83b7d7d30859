//! Standard output of the commands. A write that fails — a full disk behind
//! `build --json > f`, `/dev/full`, a closed pipe — is an error, so the command
//! exits 1 instead of reporting success over a cut-off output.

use crate::Error;

/// The error for a failed write to standard output.
pub fn error(e: std::io::Error) -> Error {
    Error::io("cannot write", "standard output", e)
}

/// Whether `e` is a write to standard output that failed because the reader went
/// away (`systemcraft build --json | head`): exit 1, but without a message.
pub fn is_closed_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { path, source, .. }
        if path.as_os_str() == "standard output" && source.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Flushes standard output at the end of a command, so that a failure of the last
/// buffered bytes is seen too.
pub fn finish() -> crate::Result<()> {
    use std::io::Write;
    std::io::stdout().flush().map_err(error)
}
