//! Bringing the [`Index`] in line with the paths an edit touched (watch mode, the
//! language server): each path is looked at once on disk — a folder, a link, a file
//! that is not a note, a note, a conflict copy, or nothing — and the index follows.

use std::collections::{BTreeMap, BTreeSet};

use super::Index;
use crate::workspace::{NoteFile, Skipped, Workspace};

/// The keys of a path-keyed map that lie under the folder `prefix` (ending in `/`).
fn keys_under<'a, V>(map: &'a BTreeMap<String, V>, prefix: &'a str) -> impl Iterator<Item = &'a String> {
    map.range(prefix.to_string()..).take_while(move |(k, _)| k.starts_with(prefix)).map(|(k, _)| k)
}

/// The paths of a path set that lie under the folder `prefix` (ending in `/`).
fn paths_under<'a>(set: &'a BTreeSet<String>, prefix: &'a str) -> impl Iterator<Item = &'a String> {
    set.range(prefix.to_string()..).take_while(move |k| k.starts_with(prefix))
}

impl Index {
    /// Re-checks the given workspace-relative paths on disk — files or folders, that
    /// exist or not — and brings the index in line: re-reads files (parsing only those
    /// whose bytes changed), walks folders that appeared or moved in, and drops notes
    /// that are gone, including every note under a folder that is gone. Returns the
    /// paths whose note changed, sorted.
    pub fn update<'a>(&mut self, ws: &Workspace, paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut files: BTreeMap<String, NoteFile> = BTreeMap::new();
        let mut changed = Vec::new();
        for rel in paths {
            let rel = rel.trim_matches('/');
            if rel.is_empty() {
                return self.rescan(ws);
            }
            if crate::workspace::is_ignored(rel) {
                continue;
            }
            let abs = ws.root.join(crate::diag::to_path(rel));
            let meta = std::fs::symlink_metadata(&abs).ok();
            let file_type = meta.as_ref().map(std::fs::Metadata::file_type);
            let is_file = file_type.is_some_and(|t| t.is_file());
            let kind = Workspace::kind_of(rel);
            if file_type.is_some_and(|t| t.is_dir()) {
                // A folder created, moved in or renamed: its files may never have
                // had events of their own.
                files.extend(self.walk_folder(ws, rel, &mut changed).into_iter().map(|f| (f.rel.clone(), f)));
            } else if let Some(target) =
                file_type.filter(|t| t.is_symlink()).and_then(|_| crate::workspace::reported_link(rel, &abs))
            {
                // A note replaced by a link, or a link made: reported, not followed.
                self.mark_skipped(rel, Skipped::Symlink(target), &mut changed);
            } else if file_type.is_some_and(|t| !t.is_file() && !t.is_dir() && !t.is_symlink()) && kind.is_some() {
                // A pipe, socket or device named like a note: reported, never opened.
                self.mark_skipped(rel, Skipped::NotAFile, &mut changed);
            } else if let (Some(kind), true) = (kind, is_file) {
                if self.skipped.remove(rel).is_some() {
                    changed.push(rel.to_string());
                }
                files.insert(rel.to_string(), NoteFile { rel: rel.to_string(), abs, kind, lossy_name: false });
            } else if is_file && crate::workspace::conflict_original(rel).is_some() {
                if self.copies.insert(rel.to_string()) {
                    changed.push(rel.to_string());
                }
            } else {
                // Gone, a symlink, or not a note: drop it and anything indexed below it.
                self.drop_path(rel, &mut changed);
            }
        }
        changed.extend(self.refresh(files.into_values().collect(), None));
        changed.sort();
        changed.dedup();
        changed
    }

    /// Walks the folder `rel` and brings the links, conflict copies and notes indexed
    /// under it in line with what is there; returns the note files found, to read.
    fn walk_folder(&mut self, ws: &Workspace, rel: &str, changed: &mut Vec<String>) -> Vec<NoteFile> {
        let listing = ws.scan_all_under(rel);
        let prefix = format!("{rel}/");
        let links: BTreeMap<String, Skipped> = listing.skipped.into_iter().collect();
        let stale_links: Vec<String> =
            keys_under(&self.skipped, &prefix).filter(|k| !links.contains_key(k.as_str())).cloned().collect();
        for k in stale_links {
            self.skipped.remove(&k);
            changed.push(k);
        }
        for (k, why) in links {
            if self.skipped.insert(k.clone(), why).is_none() {
                changed.push(k);
            }
        }
        let copies = listing.copies;
        let stale_copies: Vec<String> =
            paths_under(&self.copies, &prefix).filter(|k| !copies.contains(k)).cloned().collect();
        for k in stale_copies {
            self.copies.remove(&k);
            changed.push(k);
        }
        for k in copies {
            if self.copies.insert(k.clone()) {
                changed.push(k);
            }
        }
        let present: BTreeSet<&str> = listing.notes.iter().map(|f| f.rel.as_str()).collect();
        let gone: Vec<String> =
            keys_under(&self.notes, &prefix).filter(|k| !present.contains(k.as_str())).cloned().collect();
        for k in gone {
            self.take(&k);
            changed.push(k);
        }
        listing.notes
    }

    /// Records `rel` as a path where a note would live but that is not read (`why`),
    /// dropping the note indexed there.
    fn mark_skipped(&mut self, rel: &str, why: Skipped, changed: &mut Vec<String>) {
        let removed = self.take(rel);
        if self.skipped.insert(rel.to_string(), why).is_none() || removed {
            changed.push(rel.to_string());
        }
    }

    /// Drops whatever is indexed at `rel` or below it: the note, the conflict copy,
    /// the skipped path.
    fn drop_path(&mut self, rel: &str, changed: &mut Vec<String>) {
        let link = self.skipped.remove(rel).is_some();
        if self.take(rel) | self.copies.remove(rel) | link {
            changed.push(rel.to_string());
        }
        let prefix = format!("{rel}/");
        let links_below: Vec<String> = keys_under(&self.skipped, &prefix).cloned().collect();
        for k in links_below {
            self.skipped.remove(&k);
            changed.push(k);
        }
        let copies_below: Vec<String> = paths_under(&self.copies, &prefix).cloned().collect();
        for k in copies_below {
            self.copies.remove(&k);
            changed.push(k);
        }
        let below: Vec<String> = keys_under(&self.notes, &prefix).cloned().collect();
        for k in below {
            self.take(&k);
            changed.push(k);
        }
    }
}
