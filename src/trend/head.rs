//! The dashboard's weekly points kept by HEAD (`.systemcraft/dashboard-history.json`),
//! so that a build of an unchanged history opens no repository at all: libgit2's
//! start-up alone (its OpenSSL context) costs more than reading a hundred notes.
//!
//! HEAD is resolved from the files of `.git/` (`HEAD`, a loose ref or `packed-refs`);
//! anything else — a `.git` file (worktrees, submodules), a ref that is neither, a
//! reftable — is left to libgit2. The points are reused only for the same HEAD commit,
//! the same last Sunday, the same version and scoring revision, and the same local
//! time zone (commits are bucketed into local days).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::DayScore;

/// Where the points are kept, relative to the workspace root.
pub const FILE: &str = ".systemcraft/dashboard-history.json";

#[derive(Serialize, Deserialize)]
struct Kept {
    key: String,
    points: Vec<DayScore>,
}

/// Whether the workspace's root holds a `.git` (a folder or a file): without one it
/// is not the top of a repository and has no history.
pub fn has_git(root: &Path) -> bool {
    std::fs::symlink_metadata(root.join(".git")).is_ok()
}

fn is_id(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// HEAD's commit id read from the files of `.git/`, or `None` when that is not
/// simple (then libgit2 decides).
fn head_id(root: &Path) -> Option<String> {
    let git = root.join(".git");
    if !std::fs::symlink_metadata(&git).ok()?.is_dir() {
        return None;
    }
    let head = std::fs::read_to_string(git.join("HEAD")).ok()?;
    let head = head.trim_end();
    let Some(name) = head.strip_prefix("ref: ") else {
        return is_id(head).then(|| head.to_string());
    };
    if !name.starts_with("refs/") || name.split('/').any(|p| p.is_empty() || p == "..") {
        return None;
    }
    if let Ok(loose) = std::fs::read_to_string(git.join(name)) {
        let id = loose.trim_end();
        return is_id(id).then(|| id.to_string());
    }
    let packed = std::fs::read_to_string(git.join("packed-refs")).ok()?;
    packed.lines().find_map(|l| {
        let (id, r) = l.split_once(' ')?;
        (r == name && is_id(id)).then(|| id.to_string())
    })
}

/// What the points depend on besides the notes in the history.
pub fn key(root: &Path, last_sunday: jiff::civil::Date) -> Option<String> {
    let head = head_id(root)?;
    let tz = std::env::var("TZ").unwrap_or_default();
    let local = std::fs::metadata("/etc/localtime")
        .ok()
        .and_then(|m| Some((m.len(), m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())));
    Some(format!("{} head {head} sunday {last_sunday} tz {tz:?} {local:?}", super::cache::cache_version()))
}

/// The points kept for `key`.
pub fn load(root: &Path, key: &str) -> Option<Vec<DayScore>> {
    let bytes = std::fs::read(root.join(crate::diag::to_path(FILE))).ok()?;
    let kept: Kept = serde_json::from_slice(&bytes).ok()?;
    (kept.key == key).then_some(kept.points)
}

/// Keeps `points` for `key`; best effort, like every cache.
pub fn save(root: &Path, key: String, points: &[DayScore]) {
    if let Ok(json) = serde_json::to_vec(&Kept { key, points: points.to_vec() }) {
        let _ = crate::fs::write_state(root, FILE, &json);
    }
}
