//! File-system safety: atomic writes that never leave a half-written dashboard, and
//! slugs that are safe file names everywhere and never leave their folder.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

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

/// Writes `contents` to `path` atomically: a temporary file in the same folder,
/// flushed to disk when `durability` asks for it, then renamed over the target.
/// Returns `false` (and writes nothing) when the file already holds exactly these
/// bytes.
pub fn write_atomic(path: &Path, contents: &[u8], durability: Durability) -> Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    replace_atomic(path, contents, durability)?;
    Ok(true)
}

/// [`write_atomic`] without reading the old file first, for a caller that knows the
/// bytes differ (watch mode keeps the last dashboard it wrote in memory).
pub fn replace_atomic(path: &Path, contents: &[u8], durability: Durability) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".systemcraft-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot create a temporary file in", dir, e))?;
    tmp.write_all(contents).map_err(|e| Error::io("cannot write", tmp.path(), e))?;
    set_permissions(tmp.as_file(), path);
    if durability == Durability::Flushed {
        tmp.as_file().sync_all().map_err(|e| Error::io("cannot flush", tmp.path(), e))?;
    }
    tmp.persist(path).map_err(|e| Error::io("cannot replace", path, e.error))?;
    Ok(())
}

/// Writes local state (under `.systemcraft/`) atomically. Refuses to follow a
/// symlinked state folder, so local state never lands outside the workspace.
pub fn write_state(root: &Path, rel: &str, contents: &[u8]) -> Result<bool> {
    let path = root.join(crate::diag::to_path(rel));
    let dir = path.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    let real_dir = std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let real_file = std::fs::symlink_metadata(&path).map_or(true, |m| m.is_file());
    if !real_dir || !real_file {
        return Err(Error::io(
            "refusing to write through a symlink at",
            &path,
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        ));
    }
    write_atomic(&path, contents, Durability::Regenerable)
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

    #[test]
    fn create_new_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x/a.md");
        create_new(&p, b"1").unwrap();
        assert!(matches!(create_new(&p, b"2"), Err(Error::Exists { .. })));
        assert_eq!(std::fs::read(&p).unwrap(), b"1");
    }
}
