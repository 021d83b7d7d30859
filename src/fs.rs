//! File-system safety: atomic writes that never leave a half-written file, a write
//! boundary that keeps every write inside the workspace and off symlinks, and slugs
//! that are safe file names everywhere and never leave their folder.
//!
//! Files of the workspace are written through [`write_in`], [`replace_in`],
//! [`create_new_in`] and [`write_state`], which take the workspace root and a
//! workspace-relative path and reach the file through folder handles ([`dir`]): no
//! check-then-open race, whole files only, owner and mode kept. They are read through
//! [`read`] (regular files only, bounded). Paths the user names on the command line
//! (`calendar --out`, `trend --svg`) are written through [`target`]. [`confine`],
//! [`write_atomic`] and [`create_new`] are the path-based versions, for systems
//! without `openat`.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::{Error, Result};

#[cfg(unix)]
pub mod dir;
pub mod read;
pub mod target;

/// How much a write must survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Flushed to the disk before it replaces the old file: survives a power cut.
    /// For what only the user can write again (notes).
    Flushed,
    /// Replaced atomically but not flushed: a killed process never leaves a partial
    /// file, and the rename is enough for that. For files a build regenerates (the
    /// dashboard, local state), where flushing would cost most of a watch-mode
    /// rebuild (several ms for a large dashboard) and buy nothing `build` cannot redo.
    Regenerable,
}

/// Writes a file's contents into the (temporary) file as they are produced, for the
/// writes that stream ([`replace_in_with`]) rather than hold the bytes whole.
pub type Contents<'a> = &'a mut dyn FnMut(&mut std::fs::File) -> std::io::Result<()>;

/// Writes `contents` to `path` atomically: a temporary file in the same folder,
/// flushed to disk when `durability` asks for it, then renamed over the target.
/// Returns `false` (and writes nothing) when the file already holds exactly these
/// bytes.
pub fn write_atomic(path: &Path, contents: &[u8], durability: Durability) -> Result<bool> {
    if read::open_named(path, true).and_then(|f| read::bounded(f, path)).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    replace_atomic(path, contents, durability)?;
    Ok(true)
}

/// [`write_atomic`] without reading the old file first, for a caller that knows the
/// bytes differ (watch mode keeps the last dashboard it wrote in memory).
pub fn replace_atomic(path: &Path, contents: &[u8], durability: Durability) -> Result<()> {
    replace_atomic_with(path, &mut |f| f.write_all(contents), durability)
}

/// [`replace_atomic`] with the contents written by `contents` as they are produced.
pub fn replace_atomic_with(path: &Path, contents: Contents<'_>, durability: Durability) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // Errors name the target, never the temporary file, which the user did not ask
    // for and which is gone once the write fails.
    let mut tmp =
        tempfile::Builder::new().prefix(".systemcraft-").suffix(".tmp").tempfile_in(dir).map_err(|e| {
            match e.kind() {
                std::io::ErrorKind::NotFound if !dir.is_dir() => Error::io(
                    "cannot write",
                    path,
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!("the folder {} does not exist", dir.display()),
                    ),
                ),
                _ => Error::io("cannot write", path, without_path(e)),
            }
        })?;
    contents(tmp.as_file_mut()).map_err(|e| Error::io("cannot write", path, without_path(e)))?;
    set_permissions(tmp.as_file(), path);
    if durability == Durability::Flushed {
        tmp.as_file().sync_all().map_err(|e| Error::io("cannot flush", path, without_path(e)))?;
    }
    tmp.persist(path).map_err(|e| Error::io("cannot replace", path, e.error))?;
    Ok(())
}

/// The OS error alone, without the temporary file's path `tempfile` adds to it.
fn without_path(e: std::io::Error) -> std::io::Error {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::from(e.kind()),
    }
}

/// Writes local state (under `.systemcraft/`) atomically, inside the workspace and
/// never through a symlink (see [`write_in`]).
pub fn write_state(root: &Path, rel: &str, contents: &[u8]) -> Result<bool> {
    write_in(root, rel, contents, Durability::Regenerable)
}

/// The prefix of every temporary file systemcraft writes.
pub const TEMP_PREFIX: &str = ".systemcraft-";
/// The suffix of every temporary file systemcraft writes.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of systemcraft's temporary files (never committed,
/// swept once stale).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Splits a workspace-relative path (`/` or the platform's separators) into its
/// folders and its file name, refusing an absolute path, a `..` and the root itself.
pub fn split(root: &Path, rel: &str) -> Result<(Vec<std::ffi::OsString>, std::ffi::OsString)> {
    let unsafe_path = |reason: &'static str| Error::UnsafePath { path: root.join(rel), reason };
    let mut parts = Vec::new();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(unsafe_path("the path leaves the workspace"))
            }
        }
    }
    let file = parts.pop().ok_or_else(|| unsafe_path("the path names the workspace itself, not a file in it"))?;
    Ok((parts, file))
}

/// Writes the workspace-relative `rel` under `root` whole (see [`dir::Dir`]):
/// inside the workspace, never through a symlink (missing folders are created, one
/// by one, as real folders), only over a regular file, whose owner and mode are
/// kept. Returns `false` (and writes nothing) when the file already holds exactly
/// these bytes. After a write, temporary files that a killed run left in the same
/// folder are removed (see [`sweep_stale_temps`]).
pub fn write_in(root: &Path, rel: &str, contents: &[u8], durability: Durability) -> Result<bool> {
    if read::read_in(root, rel).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    replace_in(root, rel, contents, durability)?;
    Ok(true)
}

/// [`write_in`] without reading the old file first, for a caller that knows the
/// bytes differ (watch mode keeps the last dashboard it wrote in memory).
pub fn replace_in(root: &Path, rel: &str, contents: &[u8], durability: Durability) -> Result<()> {
    replace_in_with(root, rel, &mut |f| f.write_all(contents), durability)
}

/// [`replace_in`] with the contents written by `contents` into the temporary file as
/// they are produced (the note cache: tens of megabytes never held whole).
#[cfg(unix)]
pub fn replace_in_with(root: &Path, rel: &str, contents: Contents<'_>, durability: Durability) -> Result<()> {
    let (parts, name) = split(root, rel)?;
    let dir = dir::Dir::descend(root, &parts, true)?;
    dir.replace_whole_with(&name, contents, durability)?;
    dir.sweep_stale_temps();
    Ok(())
}

/// [`replace_in`] with the contents written by `contents` as they are produced.
#[cfg(not(unix))]
pub fn replace_in_with(root: &Path, rel: &str, contents: Contents<'_>, durability: Durability) -> Result<()> {
    let path = confine(root, rel)?;
    replace_atomic_with(&path, contents, durability)?;
    sweep_stale_temps(path.parent().unwrap_or(root));
    Ok(())
}

/// How old a temporary file of an atomic write must be before a later write
/// removes it: far longer than any write takes, so a write in progress in another
/// process (watch mode beside a `build`) is never disturbed.
pub const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes the `.systemcraft-*.tmp` files in `dir` older than [`STALE_TEMP`]: a
/// process killed between writing its temporary file and renaming it leaves one
/// behind (the target itself is always whole: old or new). Best effort: errors are
/// ignored, and symlinks are never touched.
pub fn sweep_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temp_name(name) {
            continue;
        }
        // DirEntry::metadata does not follow symlinks.
        let Ok(meta) = entry.metadata() else { continue };
        let age = meta.modified().ok().and_then(|m| now.duration_since(m).ok());
        if meta.is_file() && age.is_some_and(|a| a > STALE_TEMP) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates the workspace-relative `rel` under `root` whole (a temporary file, then a
/// link that fails if the name is taken: [`Error::Exists`]), never through a symlink
/// or outside the root. A failed write (a full disk) leaves nothing behind.
#[cfg(unix)]
pub fn create_new_in(root: &Path, rel: &str, contents: &[u8]) -> Result<()> {
    let (parts, name) = split(root, rel)?;
    let dir = dir::Dir::descend(root, &parts, true)?;
    dir.create_whole(&name, contents, Durability::Flushed)?;
    dir.sweep_stale_temps();
    Ok(())
}

#[cfg(not(unix))]
pub fn create_new_in(root: &Path, rel: &str, contents: &[u8]) -> Result<()> {
    create_new(&confine(root, rel)?, contents)
}

/// The write boundary. Checks that the workspace-relative path `rel` (`/` or the
/// platform's separators) stays under `root` and that neither it nor any folder
/// between it and the root is a symlink, creating missing folders one level at a
/// time (never following a link to do so). Returns the path to write, under the
/// canonical root.
///
/// Fails with [`Error::UnsafePath`] for an absolute path, a `..`, a symlink (to a
/// file or a folder, inside the workspace or out of it, or dangling), and for a
/// folder in the way that is a file. The root itself may be reached through
/// symlinks (`/tmp` on some systems): only what lies below it is checked.
pub fn confine(root: &Path, rel: &str) -> Result<PathBuf> {
    let unsafe_path = |path: PathBuf, reason: &'static str| Error::UnsafePath { path, reason };
    let rel_path = Path::new(rel);
    let mut parts = Vec::new();
    for c in rel_path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(unsafe_path(root.join(rel_path), "the path leaves the workspace"))
            }
        }
    }
    let Some(file) = parts.pop() else {
        return Err(unsafe_path(root.join(rel_path), "the path names the workspace itself, not a file in it"));
    };
    let mut dir = std::fs::canonicalize(root).map_err(|e| Error::io("cannot resolve", root, e))?;
    for part in parts {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(unsafe_path(dir, "it is a symlink, and systemcraft never writes through one"))
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(unsafe_path(dir, "a file is where a folder should be")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match std::fs::create_dir(&dir) {
                Ok(()) => {}
                // Created by someone else meanwhile: check it again on the next turn.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
                        return Err(unsafe_path(dir, "it is not a real folder"));
                    }
                }
                Err(e) => return Err(Error::io("cannot create folder", &dir, e)),
            },
            Err(e) => return Err(Error::io("cannot read", &dir, e)),
        }
    }
    let path = dir.join(file);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            Err(unsafe_path(path, "it is a symlink, and systemcraft never writes through one"))
        }
        Ok(m) if m.is_dir() => Err(unsafe_path(path, "a folder is where the file should be")),
        _ => Ok(path),
    }
}

/// tempfile creates files readable by the owner only; a dashboard is an ordinary
/// file: keep the old file's mode, or use the usual 0644.
#[cfg(unix)]
fn set_permissions(tmp: &std::fs::File, target: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let perms =
        std::fs::metadata(target).map(|m| m.permissions()).unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
    let _ = tmp.set_permissions(perms);
}

#[cfg(not(unix))]
fn set_permissions(_tmp: &std::fs::File, _target: &Path) {}

/// Creates a new file with `contents`, failing with [`Error::Exists`] if anything is
/// already at `path` (checked atomically by the OS, not before the fact).
pub fn create_new(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create folder", parent, e))?;
    }
    let mut f = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Exists { path: path.to_path_buf() })
        }
        Err(e) => return Err(Error::io("cannot create", path, e)),
    };
    f.write_all(contents).map_err(|e| Error::io("cannot write", path, e))?;
    Ok(())
}

/// Names Windows reserves whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The longest slug, in bytes: leaves room for a date prefix and `.md` within the
/// 255-byte file-name limit of common file systems.
pub const MAX_SLUG: usize = 80;

/// Turns a title into a file-name slug: lower-case ASCII letters, digits and single
/// hyphens; accents folded, everything else dropped; never empty, never a reserved
/// device name, never a path.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for ch in title.chars() {
        let folded = fold(ch);
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c.to_ascii_lowercase());
            } else {
                dash = true;
            }
        }
    }
    if out.len() > MAX_SLUG {
        out.truncate(MAX_SLUG);
        // Cut at a word boundary when one is near, and never end on a hyphen.
        if let Some(i) = out.rfind('-').filter(|&i| i > MAX_SLUG / 2) {
            out.truncate(i);
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        return "untitled".into();
    }
    if RESERVED.contains(&out.as_str()) {
        return format!("{out}-note");
    }
    out
}

/// Folds common accented Latin letters to ASCII.
fn fold(c: char) -> String {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        '&' => " and ",
        _ => return c.to_string(),
    };
    s.to_string()
}

/// What a file that is not regular is, in words; `None` for a regular file.
pub fn kind_of(ft: &std::fs::FileType) -> Option<&'static str> {
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a folder");
    }
    if ft.is_symlink() {
        return Some("a symlink");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    Some("a device")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe() {
        assert_eq!(slugify("Cutting Checkout Latency!"), "cutting-checkout-latency");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("CON"), "con-note");
        assert_eq!(slugify("🚀🔥"), "untitled");
        assert_eq!(slugify("Café résumé"), "cafe-resume");
        assert_eq!(slugify("Ship & Learn"), "ship-and-learn");
        let long = slugify(&"word ".repeat(100));
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'));
        assert_eq!(slugify("a\\b:c*d?e\"f<g>h|i"), "a-b-c-d-e-f-g-h-i");
    }

    #[test]
    fn atomic_write_skips_identical_content() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("D.md");
        assert!(write_atomic(&p, b"a", Durability::Flushed).unwrap());
        assert!(!write_atomic(&p, b"a", Durability::Flushed).unwrap());
        assert!(write_atomic(&p, b"b", Durability::Flushed).unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"b");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn confine_keeps_writes_inside_and_off_symlinks() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path();
        let canon = std::fs::canonicalize(root).unwrap();
        assert_eq!(confine(root, "a/b/c.md").unwrap(), canon.join("a/b/c.md"));
        assert!(root.join("a/b").is_dir());
        assert_eq!(confine(root, "./x.md").unwrap(), canon.join("x.md"));
        symlink(outside.path(), root.join("out")).unwrap();
        symlink(outside.path().join("f.md"), root.join("f.md")).unwrap();
        symlink("missing", root.join("dangling.md")).unwrap();
        std::fs::write(root.join("file"), "x").unwrap();
        for bad in [
            "../x.md",
            "a/../../x.md",
            "/etc/x",
            "out/x.md",
            "out/new/x.md",
            "f.md",
            "dangling.md",
            "file/x.md",
            "a",
            "",
        ] {
            assert!(matches!(confine(root, bad), Err(Error::UnsafePath { .. })), "{bad}");
        }
        assert!(matches!(write_in(root, "out/x.md", b"x", Durability::Flushed), Err(Error::UnsafePath { .. })));
        assert!(matches!(create_new_in(root, "f.md", b"x"), Err(Error::UnsafePath { .. })));
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        // The root itself may be reached through a link.
        let via = outside.path().join("via");
        symlink(root, &via).unwrap();
        assert!(write_in(&via, "ok.md", b"x", Durability::Regenerable).unwrap());
        assert_eq!(std::fs::read(root.join("ok.md")).unwrap(), b"x");
    }

    #[test]
    fn stale_temporary_files_are_swept_after_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".systemcraft-dead.tmp");
        let fresh = dir.path().join(".systemcraft-live.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&old, &fresh, &other] {
            std::fs::write(p, "x").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - STALE_TEMP * 2;
        for p in [&old, &other] {
            std::fs::File::options().write(true).open(p).unwrap().set_modified(long_ago).unwrap();
        }
        assert!(write_in(dir.path(), "D.md", b"a", Durability::Regenerable).unwrap());
        assert!(!old.exists(), "a stale temporary file is removed");
        assert!(fresh.exists(), "a recent one may belong to a write in progress");
        assert!(other.exists(), "other files are never touched");
    }

    #[test]
    fn create_new_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x/a.md");
        create_new(&p, b"1").unwrap();
        assert!(matches!(create_new(&p, b"2"), Err(Error::Exists { .. })));
        assert_eq!(std::fs::read(&p).unwrap(), b"1");
    }
}
