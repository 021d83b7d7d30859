//! Reading the user's files, one way for every command: the profile, today's log, a
//! template, assessment.md, a story, an answers file. A workspace file is reached
//! through folder handles without following links (the scan's rule: a symlink is
//! never read through), opened without blocking and checked to be a regular file
//! (a named pipe, a device or a socket is refused by name, so nothing can hang on
//! one), and read no further than [`MAX_FILE_BYTES`] (so `/dev/zero` or a runaway
//! file cannot fill the memory). A file named on the command line may be a link or
//! a stream (`-`, a pipe, `<(…)`): it is read as one, under the same cap.

use std::io::Read;
use std::path::Path;

use crate::{Error, Result};

/// The most read from any one file or stream (10 MiB): a Markdown note written by
/// hand is a few kilobytes, and the scan reports a bigger note (`file/too-large`)
/// rather than parse it, so one stray file cannot make a build slow or large in
/// memory.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads the workspace file `rel` (`/`-separated) under `root`. A missing file is an
/// [`Error::Io`] of kind `NotFound` (see [`Error::is_not_found`]).
pub fn read_in(root: &Path, rel: &str) -> Result<Vec<u8>> {
    let (parts, name) = super::split(root, rel)?;
    let file = open_in(root, &parts, &name)?;
    let path = root.join(crate::diag::to_path(rel));
    bounded(file, &path)
}

/// [`read_in`] as text, with U+FFFD in place of bytes that are not UTF-8.
pub fn read_text_in(root: &Path, rel: &str) -> Result<String> {
    read_in(root, rel).map(|b| String::from_utf8_lossy(&b).into_owned())
}

#[cfg(unix)]
fn open_in(root: &Path, parts: &[std::ffi::OsString], name: &std::ffi::OsStr) -> Result<std::fs::File> {
    let dir = super::dir::Dir::descend(root, parts, false).map_err(|e| match e {
        // A link where a folder should be: the file is not read through it.
        Error::UnsafePath { path, .. } => Error::NotRegular { path, kind: "behind a symlink" },
        e => e,
    })?;
    dir.open_regular(name)
}

#[cfg(not(unix))]
fn open_in(root: &Path, parts: &[std::ffi::OsString], name: &std::ffi::OsStr) -> Result<std::fs::File> {
    let mut path = root.to_path_buf();
    path.extend(parts);
    path.push(name);
    open_named(&path, true)
}

/// Reads a file the user named on the command line: links are followed, and a
/// pipe or `-` (standard input) is read as a stream; a folder or a device that is
/// not a stream is refused.
pub fn read_named(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        return bounded(std::io::stdin().lock(), Path::new("standard input"));
    }
    let file = open_named(path, false)?;
    bounded(file, path)
}

/// Opens a path, following links; with `regular_only`, not through a final link,
/// without blocking, and only a regular file.
pub(super) fn open_named(path: &Path, regular_only: bool) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if regular_only {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOFOLLOW).bits() as i32);
    }
    let file = options.open(path).map_err(|e| Error::io("cannot read", path, e))?;
    let meta = file.metadata().map_err(|e| Error::io("cannot read", path, e))?;
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(Error::NotRegular { path: path.to_path_buf(), kind: "a folder" });
    }
    match super::kind_of(&ft) {
        Some(kind) if regular_only => Err(Error::NotRegular { path: path.to_path_buf(), kind }),
        _ => Ok(file),
    }
}

/// Opens `path` the scan's way (the scan has listed it as a regular file, but it
/// may have been swapped since): not through a final link, without blocking, and
/// only if it is still a regular file (else an error of kind `InvalidInput`).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    open_named(path, true).map_err(|e| match e {
        Error::Io { source, .. } => source,
        e => std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()),
    })
}

/// Reads at most [`MAX_FILE_BYTES`] from `reader`: one byte more means the input is
/// too large ([`Error::TooLarge`]), and nothing more is read.
pub fn bounded(reader: impl Read, path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io("cannot read", path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::TooLarge { path: path.to_path_buf(), limit: MAX_FILE_BYTES });
    }
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_a_device_and_a_link_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        rustix::fs::mkfifoat(rustix::fs::CWD, root.join("pipe.md"), rustix::fs::Mode::from_raw_mode(0o644)).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("zero.md")).unwrap();
        std::fs::create_dir(root.join("d")).unwrap();
        std::os::unix::fs::symlink(root.join("d"), root.join("link")).unwrap();
        std::fs::write(root.join("d/ok.md"), "ok").unwrap();
        assert!(matches!(read_in(root, "pipe.md"), Err(Error::NotRegular { kind: "a named pipe", .. })));
        assert!(matches!(read_in(root, "zero.md"), Err(Error::NotRegular { kind: "a symlink", .. })));
        assert!(matches!(read_in(root, "link/ok.md"), Err(Error::NotRegular { kind: "behind a symlink", .. })));
        assert!(read_in(root, "missing.md").unwrap_err().is_not_found());
        assert_eq!(read_in(root, "d/ok.md").unwrap(), b"ok");
    }

    #[test]
    fn a_named_stream_is_read_up_to_the_cap() {
        assert!(matches!(read_named(Path::new("/dev/zero")), Err(Error::TooLarge { .. })));
        assert!(matches!(read_named(Path::new("/")), Err(Error::NotRegular { kind: "a folder", .. })));
    }
}
