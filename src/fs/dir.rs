//! A folder of the workspace held open by a handle. Everything below the root is
//! reached one component at a time with `openat(O_NOFOLLOW)`, so checking that a
//! folder is not a symlink and going into it are one system call: a folder swapped
//! for a link while a command runs cannot send a read or a write out of the
//! workspace. Files are written whole: a temporary `.systemcraft-*.tmp` in the same
//! folder, then a hard link that fails when the name is taken (a new note) or a
//! rename over a regular file (a regenerated one), keeping the old file's owner and
//! mode. rustix gives these calls safe wrappers and is already built for `tempfile`.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

use super::{Contents, Durability};
use crate::{Error, Result};

/// A folder opened by handle, with the path it was reached by (for messages).
#[derive(Debug)]
pub struct Dir {
    fd: OwnedFd,
    path: PathBuf,
}

/// What is at a name in a folder, without following a link.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// Its type.
    pub file_type: FileType,
    /// Owner, group and permission bits, kept when the file is replaced.
    pub uid: u32,
    /// The group.
    pub gid: u32,
    /// Permission bits.
    pub mode: u32,
}

const SYMLINK: &str = "it is a symlink, and systemcraft never writes through one";

fn io(action: &'static str, path: &Path, e: Errno) -> Error {
    Error::io(action, path, std::io::Error::from(e))
}

impl Dir {
    /// Opens the workspace root. The root itself may be reached through symlinks
    /// (`/tmp` on some systems): only what lies below it is checked.
    pub fn root(root: &Path) -> Result<Dir> {
        let fd = rustix::fs::open(root, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())
            .map_err(|e| io("cannot open", root, e))?;
        Ok(Dir { fd, path: root.to_path_buf() })
    }

    /// The folder `parts` below `root`, opened component by component without
    /// following links; missing folders are created when `create` is set (as real
    /// folders, one level at a time), else reported as not found.
    pub fn descend(root: &Path, parts: &[OsString], create: bool) -> Result<Dir> {
        let mut dir = Dir::root(root)?;
        for part in parts {
            dir = dir.child(part, create)?;
        }
        Ok(dir)
    }

    fn child(&self, name: &OsStr, create: bool) -> Result<Dir> {
        let path = self.path.join(name);
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let unsafe_path = |reason| Error::UnsafePath { path: path.clone(), reason };
        for _ in 0..2 {
            match rustix::fs::openat(&self.fd, name, flags, Mode::empty()) {
                Ok(fd) => return Ok(Dir { fd, path }),
                Err(Errno::LOOP) => return Err(unsafe_path(SYMLINK)),
                Err(Errno::NOTDIR) => {
                    return Err(match self.find(name) {
                        Ok(Some(f)) if f.file_type == FileType::Symlink => unsafe_path(SYMLINK),
                        _ => unsafe_path("a file is where a folder should be"),
                    })
                }
                Err(Errno::NOENT) if create => match rustix::fs::mkdirat(&self.fd, name, Mode::from_raw_mode(0o777)) {
                    // Created by someone else meanwhile: the next open checks it.
                    Ok(()) | Err(Errno::EXIST) => {}
                    Err(e) => return Err(io("cannot create folder", &path, e)),
                },
                Err(e) => return Err(io("cannot open", &path, e)),
            }
        }
        Err(unsafe_path("it is not a real folder"))
    }

    /// The path this folder was reached by.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What is at `name` in this folder (not following a link), or `None`.
    // The stat fields' types differ by platform (`st_mode` is 16 bits on macOS).
    #[allow(clippy::unnecessary_cast)]
    pub fn find(&self, name: &OsStr) -> Result<Option<Found>> {
        match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => Ok(Some(Found {
                file_type: FileType::from_raw_mode(st.st_mode as _),
                uid: st.st_uid as u32,
                gid: st.st_gid as u32,
                mode: st.st_mode as u32 & 0o7777,
            })),
            Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(io("cannot read", &self.path.join(name), e)),
        }
    }

    /// Opens `name` for reading without following a link and without blocking (a
    /// named pipe opens at once), then checks that it is a regular file.
    pub fn open_regular(&self, name: &OsStr) -> Result<std::fs::File> {
        let path = self.path.join(name);
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
        let fd = rustix::fs::openat(&self.fd, name, flags, Mode::empty()).map_err(|e| match e {
            Errno::LOOP => Error::NotRegular { path: path.clone(), kind: "a symlink" },
            e => io("cannot read", &path, e),
        })?;
        let file = std::fs::File::from(fd);
        let meta = file.metadata().map_err(|e| Error::io("cannot read", &path, e))?;
        match super::kind_of(&meta.file_type()) {
            None => Ok(file),
            Some(kind) => Err(Error::NotRegular { path, kind }),
        }
    }

    /// Writes a new temporary file in this folder through `contents`, with the owner
    /// and mode of `like` when given. Returns its name; the caller links or renames it.
    fn temp(
        &self,
        target: &Path,
        contents: Contents<'_>,
        like: Option<Found>,
        durability: Durability,
    ) -> Result<OsString> {
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let mode = Mode::from_raw_mode(like.map_or(0o666, |f| f.mode & 0o777) as _);
        let mut n = 0u32;
        let (name, fd) = loop {
            let name = OsString::from(temp_name(n));
            match rustix::fs::openat(&self.fd, &name, flags, mode) {
                Ok(fd) => break (name, fd),
                Err(Errno::EXIST) if n < 100 => n += 1,
                Err(e) => return Err(io("cannot write", target, e)),
            }
        };
        let result = (|| {
            let mut file = std::fs::File::from(fd);
            contents(&mut file).map_err(|e| Error::io("cannot write", target, e))?;
            if let Some(like) = like {
                // As root on someone else's file: the new file is theirs too. Refused
                // (and ignored) for anyone else, whose files are their own anyway.
                let _ = rustix::fs::fchown(
                    file.as_fd(),
                    Some(rustix::fs::Uid::from_raw(like.uid)),
                    Some(rustix::fs::Gid::from_raw(like.gid)),
                );
                // openat's mode went through the umask: set the old file's exactly.
                let _ = rustix::fs::fchmod(file.as_fd(), Mode::from_raw_mode(like.mode as _));
            }
            if durability == Durability::Flushed {
                file.sync_all().map_err(|e| Error::io("cannot flush", target, e))?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => Ok(name),
            Err(e) => {
                let _ = rustix::fs::unlinkat(&self.fd, &name, AtFlags::empty());
                Err(e)
            }
        }
    }

    /// Creates `name` whole with `contents`: never a partial file, never over
    /// anything already there ([`Error::Exists`]), never through a link.
    pub fn create_whole(&self, name: &OsStr, contents: &[u8], durability: Durability) -> Result<()> {
        let target = self.path.join(name);
        let tmp = self.temp(&target, &mut |f| f.write_all(contents), None, durability)?;
        let linked = match rustix::fs::linkat(&self.fd, &tmp, &self.fd, name, AtFlags::empty()) {
            // A file system without hard links: an exclusive rename does the same.
            Err(Errno::PERM | Errno::NOTSUP | Errno::MLINK) => no_replace_rename(self, &tmp, name),
            other => other,
        };
        let _ = rustix::fs::unlinkat(&self.fd, &tmp, AtFlags::empty());
        match linked {
            Ok(()) => {
                self.sync(durability);
                Ok(())
            }
            Err(Errno::EXIST) => match self.find(name) {
                // A link in the way: say so, as a write through it would be refused.
                Ok(Some(f)) if f.file_type == FileType::Symlink => {
                    Err(Error::UnsafePath { path: target, reason: SYMLINK })
                }
                _ => Err(Error::Exists { path: target }),
            },
            Err(e) => Err(io("cannot create", &target, e)),
        }
    }

    /// Replaces `name` whole with `contents` (or creates it): the old file's owner
    /// and mode are kept; a symlink, a folder, a pipe or a device in its place is
    /// refused and left alone.
    pub fn replace_whole(&self, name: &OsStr, contents: &[u8], durability: Durability) -> Result<()> {
        self.replace_whole_with(name, &mut |f| f.write_all(contents), durability)
    }

    /// [`Dir::replace_whole`] with the contents written by `contents` into the new
    /// file, as they are produced: a large file is never held whole in memory.
    pub fn replace_whole_with(&self, name: &OsStr, contents: Contents<'_>, durability: Durability) -> Result<()> {
        let target = self.path.join(name);
        let found = self.find(name)?;
        if let Some(f) = found {
            refuse_unless_regular(&target, f.file_type)?;
        }
        let tmp = self.temp(&target, contents, found, durability)?;
        match rustix::fs::renameat(&self.fd, &tmp, &self.fd, name) {
            Ok(()) => {
                self.sync(durability);
                Ok(())
            }
            Err(e) => {
                let _ = rustix::fs::unlinkat(&self.fd, &tmp, AtFlags::empty());
                Err(io("cannot replace", &target, e))
            }
        }
    }

    /// Removes this folder's stale temporary files (see [`super::sweep_stale_temps`])
    /// through the handle, so a folder swapped for a link meanwhile is not touched.
    // The stat fields' types differ by platform.
    #[allow(clippy::unnecessary_cast)]
    pub fn sweep_stale_temps(&self) {
        let Ok(entries) = rustix::fs::Dir::read_from(&self.fd) else { return };
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().to_str() else { continue };
            if !super::is_temp_name(name) {
                continue;
            }
            let Ok(st) = rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) else { continue };
            let regular = FileType::from_raw_mode(st.st_mode as _) == FileType::RegularFile;
            if regular && now - (st.st_mtime as i64) > super::STALE_TEMP.as_secs() as i64 {
                let _ = rustix::fs::unlinkat(&self.fd, name, AtFlags::empty());
            }
        }
    }

    /// Flushes the folder itself, so a flushed file's new name survives a power cut.
    fn sync(&self, durability: Durability) {
        if durability == Durability::Flushed {
            let _ = rustix::fs::fsync(&self.fd);
        }
    }
}

/// Refuses to replace anything but a regular file.
pub fn refuse_unless_regular(path: &Path, t: FileType) -> Result<()> {
    let reason = match t {
        FileType::RegularFile => return Ok(()),
        FileType::Symlink => SYMLINK,
        FileType::Directory => "a folder is where the file should be",
        FileType::Fifo => "it is a named pipe, and systemcraft only replaces regular files",
        FileType::Socket => "it is a socket, and systemcraft only replaces regular files",
        _ => "it is a device, and systemcraft only replaces regular files",
    };
    Err(Error::UnsafePath { path: path.to_path_buf(), reason })
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn no_replace_rename(dir: &Dir, from: &OsStr, to: &OsStr) -> rustix::io::Result<()> {
    rustix::fs::renameat_with(&dir.fd, from, &dir.fd, to, rustix::fs::RenameFlags::NOREPLACE)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn no_replace_rename(_dir: &Dir, _from: &OsStr, _to: &OsStr) -> rustix::io::Result<()> {
    Err(Errno::NOTSUP)
}

/// A temporary file's name: `.systemcraft-<pid>-<time>-<n>.tmp`, the pattern
/// [`super::sweep_stale_temps`] removes and `commit` never takes.
fn temp_name(n: u32) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{}{}-{nanos:x}-{n}{}", super::TEMP_PREFIX, std::process::id(), super::TEMP_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_folder_link_is_never_entered_and_special_files_never_replaced() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("out")).unwrap();
        let err = Dir::descend(root.path(), &["out".into()], true).unwrap_err();
        assert!(matches!(err, Error::UnsafePath { reason: SYMLINK, .. }), "{err:?}");
        let dir = Dir::root(root.path()).unwrap();
        rustix::fs::mkfifoat(&dir.fd, "pipe.md", Mode::from_raw_mode(0o644)).unwrap();
        let err = dir.replace_whole(OsStr::new("pipe.md"), b"x", Durability::Regenerable).unwrap_err();
        assert!(matches!(err, Error::UnsafePath { .. }), "{err:?}");
        std::fs::create_dir(root.path().join("folder.md")).unwrap();
        assert!(dir.replace_whole(OsStr::new("folder.md"), b"x", Durability::Regenerable).is_err());
        assert_eq!(names(outside.path()), Vec::<String>::new());
        assert_eq!(names(root.path()), ["folder.md", "out", "pipe.md"], "no temporary file is left");
    }

    #[test]
    fn a_new_file_is_whole_or_absent_and_never_replaces() {
        let root = tempfile::tempdir().unwrap();
        let dir = Dir::descend(root.path(), &["a".into(), "b".into()], true).unwrap();
        dir.create_whole(OsStr::new("n.md"), b"one", Durability::Flushed).unwrap();
        let err = dir.create_whole(OsStr::new("n.md"), b"two", Durability::Flushed).unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err:?}");
        assert_eq!(std::fs::read(root.path().join("a/b/n.md")).unwrap(), b"one");
        assert_eq!(names(&root.path().join("a/b")), ["n.md"]);
        dir.replace_whole(OsStr::new("n.md"), b"three", Durability::Regenerable).unwrap();
        assert_eq!(std::fs::read(root.path().join("a/b/n.md")).unwrap(), b"three");
    }

    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let p = root.path().join("d.md");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        Dir::root(root.path()).unwrap().replace_whole(OsStr::new("d.md"), b"new", Durability::Regenerable).unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
