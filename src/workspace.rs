//! The workspace on disk: finding its root (walking up to `systemcraft.yaml`, as git
//! does with `.git`) and listing the notes in it (walkdir).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::PROFILE_FILE;
use crate::note::Kind;

/// The generated file; never read as a note.
pub const DASHBOARD_FILE: &str = "DASHBOARD.md";

/// The folder beside DASHBOARD.md that holds its charts (workspace-relative).
pub const CHARTS_DIR: &str = "dashboard";

/// The charts `build` writes under [`CHARTS_DIR`], by file stem, in dashboard order.
pub const CHART_NAMES: [&str; 4] = ["readiness-weeks", "time-split", "principles", "mocks"];

/// Whether `rel` is written by `build` and never by hand: DASHBOARD.md and its charts.
/// Git treats these alike: they are committed with the notes they were made from,
/// and a merge regenerates them instead of keeping two texts.
pub fn is_generated(rel: &str) -> bool {
    rel == DASHBOARD_FILE
        || rel
            .strip_prefix(CHARTS_DIR)
            .and_then(|r| r.strip_prefix('/'))
            .and_then(|r| r.strip_suffix(".svg"))
            .is_some_and(|stem| CHART_NAMES.contains(&stem))
}

/// The generated files present in the workspace at `root`, workspace-relative.
pub fn generated_files(root: &Path) -> Vec<String> {
    std::iter::once(DASHBOARD_FILE.to_string())
        .chain(CHART_NAMES.iter().map(|n| format!("{CHARTS_DIR}/{n}.svg")))
        .filter(|rel| root.join(rel).is_file())
        .collect()
}

/// A workspace root and what lives under it.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder holding systemcraft.yaml.
    pub root: PathBuf,
}

/// A note file found by a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFile {
    /// Workspace-relative path with `/` separators (a name that is not valid UTF-8
    /// has U+FFFD in place of the bad bytes; see `lossy_name`).
    pub rel: String,
    /// Absolute path.
    pub abs: PathBuf,
    /// Its kind.
    pub kind: Kind,
    /// Whether the path on disk is not valid UTF-8, so `rel` only approximates it.
    pub lossy_name: bool,
}

/// What one walk of (part of) the workspace found.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The note files, in the order of the walk.
    pub notes: Vec<NoteFile>,
    /// Conflict copies left by `sync` (see [`conflict_original`]).
    pub copies: Vec<String>,
    /// Paths where notes live that the scan could not or would not read: symlinks
    /// (see [`reported_link`]) and unreadable folders.
    pub skipped: Vec<(String, Skipped)>,
}

/// Why a path where notes live was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// A symlink, never followed; where it points.
    Symlink(String),
    /// A folder (or file) the scan could not list or read; the error.
    Unreadable(String),
    /// Named like a note but not a regular file (a pipe, a socket, a device): never
    /// opened, so a build cannot block on it.
    NotAFile,
}

/// Whether `dir` holds a `systemcraft.yaml` of any kind but a folder: one that is
/// a pipe or a link still marks the workspace, so that reading it reports what is
/// wrong with it rather than "no systemcraft.yaml".
fn has_profile(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(PROFILE_FILE)).is_ok_and(|m| !m.is_dir())
}

/// Whether a workspace-relative path lies where notes live: `assessment.md` or under
/// one of the notes folders (`stories/`, `logs/`, …), the folder itself included.
pub fn in_notes_area(rel: &str) -> bool {
    let top = rel.split('/').next().unwrap_or(rel);
    rel == "assessment.md" || Kind::of(&format!("{top}/x.md")).is_some_and(|k| k.folder() == top)
}

impl Workspace {
    /// Finds the workspace containing `start` by walking up to a folder that holds
    /// `systemcraft.yaml`.
    pub fn discover(start: &Path) -> crate::Result<Workspace> {
        let start = std::path::absolute(start).map_err(|e| crate::Error::io("cannot resolve", start, e))?;
        for dir in start.ancestors() {
            if has_profile(dir) {
                return Ok(Workspace { root: dir.to_path_buf() });
            }
        }
        Err(crate::Error::NoWorkspace { start })
    }

    /// Opens `dir` as a workspace root; it must hold `systemcraft.yaml`.
    pub fn open(dir: &Path) -> crate::Result<Workspace> {
        let root = std::path::absolute(dir).map_err(|e| crate::Error::io("cannot resolve", dir, e))?;
        if has_profile(&root) {
            Ok(Workspace { root })
        } else {
            Err(crate::Error::NoWorkspace { start: root })
        }
    }

    /// The dashboard's path.
    pub fn dashboard(&self) -> PathBuf {
        self.root.join(DASHBOARD_FILE)
    }

    /// The kind of a workspace-relative path, if it is a note the tool reads.
    /// Conflict copies left by `sync` are not notes: counting them would count a
    /// story twice.
    pub fn kind_of(rel: &str) -> Option<Kind> {
        if is_ignored(rel) || conflict_original(rel).is_some() {
            return None;
        }
        Kind::of(rel)
    }

    /// Every note file, sorted by path. Hidden folders (`.git`, `.obsidian`,
    /// `.systemcraft`, …), symlinks and the dashboard are skipped: a symlink is never
    /// followed, so nothing outside the workspace is read and a link loop ends nothing.
    pub fn scan(&self) -> Vec<NoteFile> {
        self.scan_under("")
    }

    /// The note files under the workspace-relative folder `rel` (`""` for the whole
    /// workspace), with the same rules as [`Workspace::scan`].
    pub fn scan_under(&self, rel: &str) -> Vec<NoteFile> {
        let mut notes = self.scan_all_under(rel).notes;
        notes.sort_by(|a, b| a.rel.cmp(&b.rel));
        notes
    }

    /// The note files, the conflict copies (see [`conflict_original`]) and the
    /// symlinks to report (see [`reported_link`]) under the workspace-relative folder
    /// `rel`, in one walk, in no particular order (the index keys them by path;
    /// sorting each folder's entries was 6% of a cached build).
    pub fn scan_all_under(&self, rel: &str) -> Listing {
        let mut listing = Listing::default();
        let start = if rel.is_empty() { self.root.clone() } else { self.root.join(crate::diag::to_path(rel)) };
        let walker = WalkDir::new(&start)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    // A folder that cannot be listed: reported where notes live.
                    let rel = e.path().and_then(|p| p.strip_prefix(&self.root).ok()).map(crate::diag::rel_path);
                    if let Some(rel) = rel.filter(|r| !is_ignored(r) && in_notes_area(r)) {
                        let error = e.io_error().map_or_else(|| e.to_string(), |io| io.to_string());
                        listing.skipped.push((rel, Skipped::Unreadable(error)));
                    }
                    continue;
                }
            };
            let Ok(rel_path) = entry.path().strip_prefix(&self.root) else { continue };
            if entry.path_is_symlink() {
                let rel = crate::diag::rel_path(rel_path);
                if let Some(target) = reported_link(&rel, entry.path()) {
                    listing.skipped.push((rel, Skipped::Symlink(target)));
                }
                continue;
            }
            if !entry.file_type().is_file() {
                if !entry.file_type().is_dir() {
                    let rel = crate::diag::rel_path(rel_path);
                    if Self::kind_of(&rel).is_some() {
                        listing.skipped.push((rel, Skipped::NotAFile));
                    }
                }
                continue;
            }
            let rel = crate::diag::rel_path(rel_path);
            if let Some(kind) = Self::kind_of(&rel) {
                let lossy_name = rel_path.to_str().is_none();
                listing.notes.push(NoteFile { rel, abs: entry.path().to_path_buf(), kind, lossy_name });
            } else if !is_ignored(&rel) && conflict_original(&rel).is_some() {
                listing.copies.push(rel);
            }
        }
        listing
    }
}

/// For a conflict copy written by `sync` — `<name>.conflict-<7 hex digits>[-N][.ext]`
/// beside the original — the original's workspace-relative path.
pub fn conflict_original(rel: &str) -> Option<String> {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (Some(d), n),
        None => (None, rel),
    };
    let (stem, rest) = name.split_once(".conflict-")?;
    let (tag, ext) = match rest.split_once('.') {
        Some((t, e)) => (t, Some(e)),
        None => (rest, None),
    };
    let id =
        tag.split_once('-')
            .map_or(tag, |(id, n)| if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() { id } else { "" });
    if stem.is_empty() || id.len() != 7 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let file = match ext {
        Some(e) => format!("{stem}.{e}"),
        None => stem.to_string(),
    };
    Some(match dir {
        Some(d) => format!("{d}/{file}"),
        None => file,
    })
}

/// For a symlink at the workspace-relative `rel` (absolute path `abs`), where it
/// points, if the scan should report that it did not follow it: a link in a notes
/// folder (or at `assessment.md`) that is named like a note, or that leads to a
/// folder, to nothing, or in a loop. Links elsewhere, and links to other files in the
/// notes folders (an image beside a design), are left alone silently.
pub fn reported_link(rel: &str, abs: &Path) -> Option<String> {
    if is_ignored(rel) || !in_notes_area(rel) {
        return None;
    }
    let to_a_file = std::fs::metadata(abs).is_ok_and(|m| m.is_file());
    if to_a_file && Kind::of(rel).is_none() && rel != "assessment.md" {
        return None;
    }
    Some(std::fs::read_link(abs).map(|t| t.to_string_lossy().into_owned()).unwrap_or_default())
}

/// Paths the tool never reads: hidden files and folders, editor droppings.
pub fn is_ignored(rel: &str) -> bool {
    rel.split('/').any(|part| part.starts_with('.'))
        || rel == DASHBOARD_FILE
        || rel.ends_with('~')
        || rel.ends_with(".swp")
        || rel.contains("___jb_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dashboard_and_its_charts_are_generated_other_files_are_not() {
        assert!(is_generated("DASHBOARD.md"));
        assert!(is_generated("dashboard/principles.svg"));
        assert!(!is_generated("dashboard/my-sketch.svg"));
        assert!(!is_generated("dashboard/principles.md"));
        assert!(!is_generated("designs/dashboard/principles.svg"));
        assert!(!is_generated("dashboardx/principles.svg"));
    }

    #[test]
    fn conflict_copies_are_recognised_and_not_notes() {
        assert_eq!(conflict_original("stories/x.conflict-1a2b3c4.md").as_deref(), Some("stories/x.md"));
        assert_eq!(conflict_original("stories/x.conflict-1a2b3c4-2.md").as_deref(), Some("stories/x.md"));
        assert_eq!(conflict_original("systemcraft.conflict-abcdef0.yaml").as_deref(), Some("systemcraft.yaml"));
        assert_eq!(conflict_original("notes.conflict-abcdef0").as_deref(), Some("notes"));
        for not_a_copy in [
            "stories/x.md",
            "stories/x.conflict-zzzzzzz.md",
            "stories/x.conflict-1a2b.md",
            "stories/.conflict-1a2b3c4.md",
            "stories/x.conflict-1a2b3c4-b.md",
        ] {
            assert_eq!(conflict_original(not_a_copy), None, "{not_a_copy}");
        }
        assert_eq!(Workspace::kind_of("stories/x.conflict-1a2b3c4.md"), None);
    }

    #[test]
    fn discover_walks_up_and_scan_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(PROFILE_FILE), "name: x\n").unwrap();
        for p in [
            "stories/a.md",
            "stories/README.md",
            ".obsidian/x.md",
            "logs/.hidden/b.md",
            "reference/lp.md",
            "DASHBOARD.md",
            "logs/2026-01-01.md",
        ] {
            let p = root.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let ws = Workspace::discover(&root.join("stories")).unwrap();
        assert_eq!(ws.root, std::path::absolute(root).unwrap());
        let rels: Vec<_> = ws.scan().into_iter().map(|f| f.rel).collect();
        assert_eq!(rels, vec!["logs/2026-01-01.md", "stories/a.md"]);
        assert!(
            matches!(
                Workspace::discover(&std::env::temp_dir().join("no-such-dir-sc")),
                Err(crate::Error::NoWorkspace { .. })
            ) || std::env::temp_dir().join(PROFILE_FILE).exists()
        );
    }
}
