//! Writing a file the user named on the command line (`calendar --out FILE`,
//! `trend --svg FILE`). `-` is standard output; a named pipe or a device is written
//! as a stream (never read first, never replaced); a symlink is refused (the link
//! would be replaced, not its target: name the target itself); an existing regular
//! file is replaced whole only when it holds what the command writes (a calendar, a
//! chart) or nothing, so a note is never overwritten by a slip of the finger.

use std::io::{Read, Write};
use std::path::Path;

use super::Durability;
use crate::{Error, Result};

/// What the command writes, to recognise a file it may replace.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// In words, for the refusal ("an iCalendar file").
    pub what: &'static str,
    /// Whether the first bytes of an existing file show it is one.
    pub is_one: fn(&[u8]) -> bool,
}

/// How many bytes of an existing file are looked at to recognise it.
const SNIFF: u64 = 4096;

/// Writes `contents` to `path` as described in the module's documentation.
pub fn write_named(path: &Path, contents: &[u8], kind: Kind) -> Result<()> {
    if path.as_os_str() == "-" {
        return stream(std::io::stdout().lock(), Path::new("standard output"), contents);
    }
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io("cannot write", path, e)),
    };
    if let Some(meta) = &meta {
        let ft = meta.file_type();
        if ft.is_symlink() {
            return Err(Error::UnsafePath {
                path: path.to_path_buf(),
                reason: "it is a symlink, and systemcraft never writes through one (name the file itself, or `-` for standard output)",
            });
        }
        if ft.is_dir() {
            return Err(Error::UnsafePath { path: path.to_path_buf(), reason: "a folder is where the file should be" });
        }
        if !ft.is_file() {
            return stream(open_stream(path)?, path, contents);
        }
        let mut head = Vec::new();
        super::read::open_named(path, true)?
            .take(SNIFF)
            .read_to_end(&mut head)
            .map_err(|e| Error::io("cannot read", path, e))?;
        if !head.is_empty() && !(kind.is_one)(&head) {
            return Err(Error::NotOurs { path: path.to_path_buf(), what: kind.what });
        }
    }
    replace(path, contents)
}

/// Writes all of `contents` to a stream; any failure (a full disk, a closed pipe)
/// is an error, so the command exits 1.
fn stream(mut out: impl Write, path: &Path, contents: &[u8]) -> Result<()> {
    out.write_all(contents).and_then(|()| out.flush()).map_err(|e| Error::io("cannot write", path, e))
}

#[cfg(unix)]
fn open_stream(path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
        .map_err(|e| Error::io("cannot write", path, e))
}

#[cfg(not(unix))]
fn open_stream(path: &Path) -> Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io("cannot write", path, e))
}

#[cfg(unix)]
fn replace(path: &Path, contents: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::UnsafePath { path: path.to_path_buf(), reason: "the path names a folder, not a file" })?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = super::dir::Dir::root(parent).map_err(|e| match e {
        Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => Error::io(
            "cannot write",
            path,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", parent.display()),
            ),
        ),
        e => e,
    })?;
    dir.replace_whole(name, contents, Durability::Flushed).map_err(|e| match e {
        // Name the file asked for, as the user wrote it.
        Error::UnsafePath { reason, .. } => Error::UnsafePath { path: path.to_path_buf(), reason },
        Error::Io { action, source, .. } => Error::Io { action, path: path.to_path_buf(), source },
        e => e,
    })
}

#[cfg(not(unix))]
fn replace(path: &Path, contents: &[u8]) -> Result<()> {
    super::replace_atomic(path, contents, Durability::Flushed)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    const ICS: Kind = Kind { what: "an iCalendar file", is_one: |b| b.starts_with(b"BEGIN:VCALENDAR") };

    #[test]
    fn only_a_calendar_an_empty_file_or_nothing_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cal.ics");
        write_named(&p, b"BEGIN:VCALENDAR 1", ICS).unwrap();
        write_named(&p, b"BEGIN:VCALENDAR 2", ICS).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"BEGIN:VCALENDAR 2");
        let note = dir.path().join("story.md");
        std::fs::write(&note, "---\ntitle: x\n---\n").unwrap();
        assert!(matches!(write_named(&note, b"BEGIN:VCALENDAR", ICS), Err(Error::NotOurs { .. })));
        assert_eq!(std::fs::read(&note).unwrap(), b"---\ntitle: x\n---\n");
        let link = dir.path().join("link.ics");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        assert!(matches!(write_named(&link, b"BEGIN:VCALENDAR 3", ICS), Err(Error::UnsafePath { .. })));
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        let full = write_named(Path::new("/dev/full"), b"BEGIN:VCALENDAR", ICS);
        assert!(matches!(full, Err(Error::Io { .. })), "{full:?}");
        write_named(Path::new("/dev/null"), b"x", ICS).unwrap();
    }
}
