//! The [`Index`]: every note of the workspace, parsed, keyed by path. Built in
//! parallel (rayon) by a full scan, and updated path by path when files change, so
//! the work of an edit grows with the edit, not with the workspace.

use std::collections::BTreeMap;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::note::{self, Note};
use crate::workspace::{NoteFile, Workspace};

/// What identifies one version of a file on disk, to skip re-reading unchanged files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Last modification.
    pub modified: Option<SystemTime>,
}

/// Parsed notes by workspace-relative path.
#[derive(Debug, Clone, Default)]
pub struct Index {
    notes: BTreeMap<String, (Note, Stamp)>,
}

/// Reads and parses one file. A file that vanished in the meantime gives `None`; one
/// that cannot be read (permissions, I/O) becomes a note carrying that diagnostic, so
/// it is reported rather than silently skipped.
fn read(file: &NoteFile) -> Option<(Note, Stamp)> {
    let meta = std::fs::metadata(&file.abs).ok()?;
    let stamp = Stamp { len: meta.len(), modified: meta.modified().ok() };
    match std::fs::read(&file.abs) {
        Ok(bytes) => Some((note::parse(&file.rel, file.kind, &bytes), stamp)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some((note::unreadable(&file.rel, file.kind, &e), stamp)),
    }
}

impl Index {
    /// Scans and parses the whole workspace.
    pub fn build(ws: &Workspace) -> Index {
        let files = ws.scan();
        let notes = files
            .par_iter()
            .filter_map(|f| read(f).map(|n| (f.rel.clone(), n)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        Index { notes }
    }

    /// Re-checks the given workspace-relative paths on disk: re-reads the ones that
    /// changed, adds new ones, drops deleted ones. Returns the paths whose note changed.
    pub fn update<'a>(&mut self, ws: &Workspace, paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut changed = Vec::new();
        for rel in paths {
            let Some(kind) = Workspace::kind_of(rel) else { continue };
            let abs = ws.root.join(crate::diag::to_path(rel));
            let meta = std::fs::symlink_metadata(&abs).ok().filter(|m| m.is_file());
            match meta {
                None => {
                    if self.notes.remove(rel).is_some() {
                        changed.push(rel.to_string());
                    }
                }
                Some(meta) => {
                    let stamp = Stamp { len: meta.len(), modified: meta.modified().ok() };
                    if self.notes.get(rel).is_some_and(|(_, s)| *s == stamp) {
                        continue;
                    }
                    let file = NoteFile { rel: rel.to_string(), abs, kind };
                    if let Some(entry) = read(&file) {
                        self.notes.insert(rel.to_string(), entry);
                        changed.push(rel.to_string());
                    }
                }
            }
        }
        changed
    }

    /// Notes in path order.
    pub fn notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.values().map(|(n, _)| n)
    }

    /// One note by path.
    pub fn get(&self, rel: &str) -> Option<&Note> {
        self.notes.get(rel).map(|(n, _)| n)
    }

    /// How many notes.
    pub fn len(&self) -> usize {
        self.notes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }
}
