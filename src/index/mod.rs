//! The [`Index`]: every note of the workspace, parsed, keyed by path. Built in
//! parallel (rayon) by a full scan, and updated path by path when files change, so
//! the work of an edit grows with the edit, not with the workspace.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::cache::{NoteCache, Stamp};
use crate::note::{self, Kind, Note};
use crate::workspace::{NoteFile, Skipped, Workspace};

mod read;
mod update;

use read::{hash, lean, read, readers, Read};

/// One indexed file: its parsed note and a hash of the bytes it was parsed from.
#[derive(Debug, Clone)]
struct Entry {
    // Boxed: the map's nodes stay small (a node holds eleven entries, often half
    // used), and a note from the cache moves in without its fields being copied.
    note: Box<Note>,
    // A content hash rather than (size, mtime): file-system timestamps are coarse
    // (a few ms), so two same-length saves in quick succession can share a stamp, and
    // watch mode must not miss an edit.
    hash: u64,
    // The file's stamp when read, for the note cache; `None` for notes not read from
    // a file of the work tree (blobs of a commit) or not readable.
    stamp: Option<Stamp>,
}

/// Parsed notes by workspace-relative path.
#[derive(Debug)]
pub struct Index {
    notes: BTreeMap<String, Entry>,
    // Conflict copies left by `sync`: not notes, but reported until removed.
    copies: BTreeSet<String>,
    // Paths where notes live that were not read (symlinks, unreadable folders).
    skipped: BTreeMap<String, Skipped>,
    versions: Versions,
    journal: Journal,
    // Notes taken from the note cache with their stamp unchanged, by `build`.
    kept_from_cache: usize,
}

/// The paths of the notes changed (added, edited, removed), in order, so that a part
/// of the model kept between edits can catch up with just those notes. Bounded: past
/// [`Journal::MAX`] entries the oldest are dropped, and a reader that far behind
/// recomputes in full.
#[derive(Debug, Clone, Default)]
struct Journal {
    // Entries dropped from the front so far.
    base: u64,
    paths: Vec<String>,
}

impl Journal {
    const MAX: usize = 65_536;

    fn push(&mut self, rel: &str) {
        if self.paths.len() >= Self::MAX {
            self.base += self.paths.len() as u64;
            self.paths.clear();
        }
        self.paths.push(rel.to_string());
    }
}

/// Counters of how the notes of each kind changed. A part of the model computed from
/// some kinds of note stays valid while their counters stay the same, so watch mode
/// recomputes only the parts an edit can move (see [`crate::score::Memo`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versions {
    // Which index these count for: unique per index (and per clone), so counters of
    // two indexes never compare equal by chance.
    lineage: u64,
    // Any change to a note of the kind: added, removed or edited.
    edits: [u64; KINDS],
    // A note of the kind added or removed: the set of paths (and ids) changed.
    members: [u64; KINDS],
}

const KINDS: usize = 6;

impl Versions {
    fn fresh() -> Versions {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Versions {
            lineage: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            edits: [0; KINDS],
            members: [0; KINDS],
        }
    }
}

impl Default for Index {
    fn default() -> Index {
        Index {
            notes: BTreeMap::new(),
            copies: BTreeSet::new(),
            skipped: BTreeMap::new(),
            versions: Versions::fresh(),
            journal: Journal::default(),
            kept_from_cache: 0,
        }
    }
}

impl Clone for Index {
    // A clone changes apart from its original from here on: it counts on its own.
    fn clone(&self) -> Index {
        Index {
            notes: self.notes.clone(),
            copies: self.copies.clone(),
            skipped: self.skipped.clone(),
            versions: Versions::fresh(),
            journal: Journal::default(),
            kept_from_cache: 0,
        }
    }
}

fn slot(kind: Kind) -> usize {
    match kind {
        Kind::Assessment => 0,
        Kind::Story => 1,
        Kind::Log => 2,
        Kind::Design => 3,
        Kind::Mock => 4,
        Kind::Plan => 5,
    }
}

impl Versions {
    /// The edit counter of `kind`: it moves whenever a note of that kind is added,
    /// removed or changed.
    pub fn edits(&self, kind: Kind) -> u64 {
        self.edits[slot(kind)]
    }

    /// The membership counter of `kind`: it moves only when a note of that kind is
    /// added or removed.
    pub fn members(&self, kind: Kind) -> u64 {
        self.members[slot(kind)]
    }

    /// Whether both are of the same index with the same notes present (whatever was
    /// edited in between).
    pub fn same_paths(&self, other: &Versions) -> bool {
        self.lineage == other.lineage && self.members == other.members
    }

    /// Whether both count the changes of the same index.
    pub fn same_index(&self, other: &Versions) -> bool {
        self.lineage == other.lineage
    }

    fn edited(&mut self, kind: Kind) {
        self.edits[slot(kind)] += 1;
    }

    fn joined_or_left(&mut self, kind: Kind) {
        self.edited(kind);
        self.members[slot(kind)] += 1;
    }
}

/// The largest note read, in bytes: the cap on every file read
/// ([`crate::fs::read::MAX_FILE_BYTES`], 10 MiB). A bigger note is reported
/// (`file/too-large`) and not parsed.
pub const MAX_NOTE_BYTES: u64 = crate::fs::read::MAX_FILE_BYTES;

impl Index {
    /// Scans the whole workspace, taking the notes that did not change from the note
    /// cache ([`crate::cache`]) and parsing the others, then writes the cache back
    /// when anything differed from it.
    pub fn build(ws: &Workspace) -> Index {
        let mut index = Index::default();
        // Decoding the cache and walking the folders overlap.
        let (mut cache, listing) = rayon::join(|| NoteCache::load(&ws.root), || ws.scan_all_under(""));
        index.rescan_using(listing, Some(&mut cache));
        // Nobody can be behind a fresh index: a journal of every path would only
        // hold memory (a reader from before the build recomputes in full).
        index.journal.base += index.journal.paths.len() as u64;
        index.journal.paths = Vec::new();
        // The file on disk is already right when every note came from it unchanged
        // and none of its entries is left over (a note gone).
        if index.kept_from_cache != index.notes.len() || !cache.is_empty() {
            // The cache only saves time: a workspace that cannot hold it still builds.
            let _ = NoteCache::save(
                &ws.root,
                index.notes.iter().filter_map(|(rel, e)| Some((rel.as_str(), e.stamp?, e.hash, &*e.note))),
            );
        }
        index
    }

    /// Re-reads every note of the workspace: parses new and changed files, drops the
    /// ones that are gone. Returns the paths whose note changed, sorted.
    pub fn rescan(&mut self, ws: &Workspace) -> Vec<String> {
        self.rescan_using(ws.scan_all_under(""), None)
    }

    fn rescan_using(&mut self, listing: crate::workspace::Listing, cache: Option<&mut NoteCache>) -> Vec<String> {
        let mut files = listing.notes;
        // Names that are not UTF-8 may meet at one path once made readable: the last
        // in path order wins, whatever order the folders were listed in.
        if files.iter().any(|f| f.lossy_name) {
            files.sort_by(|a, b| a.abs.cmp(&b.abs));
        }
        let copies: BTreeSet<String> = listing.copies.into_iter().collect();
        let mut copies_changed: Vec<String> = self.copies.symmetric_difference(&copies).cloned().collect();
        self.copies = copies;
        let skipped: BTreeMap<String, Skipped> = listing.skipped.into_iter().collect();
        let keys = |m: &BTreeMap<String, Skipped>| m.keys().cloned().collect::<BTreeSet<_>>();
        copies_changed.extend(keys(&self.skipped).symmetric_difference(&keys(&skipped)).cloned());
        self.skipped = skipped;
        let on_disk: BTreeSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        let mut changed: Vec<String> = self.notes.keys().filter(|k| !on_disk.contains(k.as_str())).cloned().collect();
        for rel in &changed {
            self.take(rel);
        }
        changed.extend(self.refresh(files, cache));
        changed.append(&mut copies_changed);
        changed.sort();
        changed
    }

    /// Reads `files` (in parallel when there are many, see [`readers`]), taking what `cache` holds
    /// from it, and stores what changed.
    fn refresh(&mut self, files: Vec<NoteFile>, mut cache: Option<&mut NoteCache>) -> Vec<String> {
        let shared = cache.as_deref();
        let read_one = |f: &NoteFile| read(f, self.notes.get(&f.rel).map(|e| e.hash), shared);
        // In the files' order; each path then moves out of its file, not copied.
        let results: Vec<Read> = if files.len() > 16 {
            let all = || files.par_iter().map(read_one).collect();
            match readers() {
                Some(pool) => pool.install(all),
                None => all(),
            }
        } else {
            files.iter().map(read_one).collect()
        };
        let mut changed = Vec::new();
        for (file, result) in files.into_iter().zip(results) {
            let rel = file.rel;
            match result {
                Read::Same => {}
                Read::Gone => {
                    if self.take(&rel) {
                        changed.push(rel);
                    }
                }
                Read::Note(entry) => {
                    self.put(rel.clone(), entry);
                    changed.push(rel);
                }
                Read::Cached(stamp) => {
                    let Some(hit) = cache.as_deref_mut().and_then(|c| c.take(&rel)) else { continue };
                    if hit.stamp == stamp {
                        self.kept_from_cache += 1;
                    }
                    self.put(rel.clone(), Entry { note: hit.note, hash: hit.hash, stamp: Some(stamp) });
                    changed.push(rel);
                }
            }
        }
        changed
    }

    /// An index of files given as bytes (e.g. blobs of a git tree), parsed as a scan
    /// would parse them; in parallel when there are many.
    pub fn from_files(files: impl IntoIterator<Item = (String, Kind, Vec<u8>)>) -> Index {
        let mut index = Index::default();
        index.put_files(files.into_iter().collect());
        index
    }

    /// Stores files given as bytes, replacing the notes at the same paths; bytes equal
    /// to the ones already indexed are not parsed again.
    pub fn put_files(&mut self, files: Vec<(String, Kind, Vec<u8>)>) {
        let parse_one = |(rel, kind, bytes): &(String, Kind, Vec<u8>)| {
            let h = hash(bytes);
            if self.notes.get(rel).is_some_and(|e| e.hash == h) {
                return None;
            }
            Some((rel.clone(), Entry { note: lean(note::parse(rel, *kind, bytes)), hash: h, stamp: None }))
        };
        let parsed: Vec<Option<(String, Entry)>> = if files.len() > 16 {
            files.par_iter().map(parse_one).collect()
        } else {
            files.iter().map(parse_one).collect()
        };
        for (rel, entry) in parsed.into_iter().flatten() {
            self.put(rel, entry);
        }
    }

    /// Drops the note at `rel`; returns whether there was one.
    pub fn remove(&mut self, rel: &str) -> bool {
        self.take(rel)
    }

    /// Stores one entry, counting the change.
    fn put(&mut self, rel: String, entry: Entry) {
        let kind = entry.note.kind;
        self.journal.push(&rel);
        match self.notes.insert(rel, entry) {
            Some(old) if old.note.kind == kind => self.versions.edited(kind),
            Some(old) => {
                self.versions.joined_or_left(old.note.kind);
                self.versions.joined_or_left(kind);
            }
            None => self.versions.joined_or_left(kind),
        }
    }

    /// Drops one entry, counting the change; returns whether there was one.
    fn take(&mut self, rel: &str) -> bool {
        match self.notes.remove(rel) {
            Some(old) => {
                self.versions.joined_or_left(old.note.kind);
                self.journal.push(rel);
                true
            }
            None => false,
        }
    }

    /// A position in the journal of changed notes, for [`Index::changed_since`].
    pub fn journal_position(&self) -> u64 {
        self.journal.base + self.journal.paths.len() as u64
    }

    /// The paths of the notes added, edited or removed since `position` (a path may
    /// repeat), or `None` when the journal no longer reaches back that far.
    pub fn changed_since(&self, position: u64) -> Option<&[String]> {
        let from = usize::try_from(position.checked_sub(self.journal.base)?).ok()?;
        self.journal.paths.get(from..)
    }

    /// How the notes of each kind have changed so far.
    pub fn versions(&self) -> Versions {
        self.versions
    }

    /// Conflict copies left by `sync`, in path order.
    pub fn conflict_copies(&self) -> impl Iterator<Item = &str> {
        self.copies.iter().map(String::as_str)
    }

    /// Paths where notes live that were not read (symlinks, unreadable folders),
    /// with why, in path order.
    pub fn skipped(&self) -> impl Iterator<Item = (&str, &Skipped)> {
        self.skipped.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Notes in path order.
    pub fn notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.values().map(|e| &*e.note)
    }

    /// Notes in path order, each with the hash of the bytes it was parsed from: equal
    /// hashes at the same path mean the same note.
    pub fn hashed(&self) -> impl Iterator<Item = (&Note, u64)> {
        self.notes.values().map(|e| (&*e.note, e.hash))
    }

    /// One note by path.
    pub fn get(&self, rel: &str) -> Option<&Note> {
        self.notes.get(rel).map(|e| &*e.note)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("systemcraft.yaml"), "name: x\n").unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        (dir, ws)
    }

    fn put(ws: &Workspace, rel: &str, text: &str) {
        let p = ws.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn paths(index: &Index) -> Vec<String> {
        index.notes().map(|n| n.path.clone()).collect()
    }

    #[test]
    fn update_sees_same_length_rewrites_and_skips_identical_bytes() {
        let (_d, ws) = ws();
        put(&ws, "logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\naaa\n");
        let mut index = Index::build(&ws);
        // Same length, same second: a (size, mtime) stamp could not tell them apart.
        put(&ws, "logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nbbb\n");
        assert_eq!(index.update(&ws, ["logs/2026-11-25.md"]), vec!["logs/2026-11-25.md"]);
        assert_eq!(index.update(&ws, ["logs/2026-11-25.md"]), Vec::<String>::new());
    }

    #[test]
    fn update_follows_folders_created_moved_and_removed() {
        let (_d, ws) = ws();
        put(&ws, "stories/a.md", "x");
        put(&ws, "stories/b.md", "x");
        let mut index = Index::build(&ws);
        assert_eq!(paths(&index), ["stories/a.md", "stories/b.md"]);

        // A folder of notes moved in from outside the workspace: one event, for the folder.
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(outside.path().join("designs")).unwrap();
        std::fs::write(outside.path().join("designs/cache.md"), "x").unwrap();
        std::fs::rename(outside.path().join("designs"), ws.root.join("designs")).unwrap();
        assert_eq!(index.update(&ws, ["designs"]), vec!["designs/cache.md"]);

        // A folder removed: one event, for the folder.
        std::fs::remove_dir_all(ws.root.join("stories")).unwrap();
        assert_eq!(index.update(&ws, ["stories"]), vec!["stories/a.md", "stories/b.md"]);
        assert_eq!(paths(&index), ["designs/cache.md"]);

        // Ignored paths are never read.
        put(&ws, "designs/.cache.md.swp", "x");
        assert!(index.update(&ws, ["designs/.cache.md.swp", ".git/index"]).is_empty());
    }

    #[test]
    fn a_file_deleted_during_the_scan_is_dropped_without_a_trace() {
        let (_d, ws) = ws();
        put(&ws, "stories/a.md", "x");
        put(&ws, "stories/b.md", "x");
        let listed = ws.scan();
        // Deleted between the listing and the read.
        std::fs::remove_file(ws.root.join("stories/a.md")).unwrap();
        let mut index = Index::default();
        assert_eq!(index.refresh(listed, None), ["stories/b.md"]);
        assert_eq!(paths(&index), ["stories/b.md"]);
    }

    #[test]
    fn a_note_over_the_limit_is_reported_and_not_parsed() {
        let (_d, ws) = ws();
        let mut big = b"---\ntitle: x\n---\n".to_vec();
        big.resize(MAX_NOTE_BYTES as usize + 1, b'a');
        std::fs::create_dir_all(ws.root.join("stories")).unwrap();
        std::fs::write(ws.root.join("stories/big.md"), &big).unwrap();
        put(&ws, "stories/small.md", "---\ntitle: x\n---\n");
        let index = Index::build(&ws);
        let codes: Vec<&str> = index.get("stories/big.md").unwrap().diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["file/too-large"]);
        assert!(!index.get("stories/big.md").unwrap().readable);
        assert!(index.get("stories/small.md").unwrap().readable);
    }

    #[cfg(unix)]
    #[test]
    fn update_follows_symlinks_appearing_and_going_without_reading_them() {
        let (_d, ws) = ws();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.md"), "x").unwrap();
        put(&ws, "stories/a.md", "x");
        let mut index = Index::build(&ws);
        std::os::unix::fs::symlink(outside.path().join("x.md"), ws.root.join("stories/x.md")).unwrap();
        assert_eq!(index.update(&ws, ["stories/x.md"]), ["stories/x.md"]);
        assert_eq!(paths(&index), ["stories/a.md"]);
        assert_eq!(index.skipped().map(|(p, _)| p).collect::<Vec<_>>(), ["stories/x.md"]);
        // A note replaced by a link stops being a note.
        std::fs::remove_file(ws.root.join("stories/a.md")).unwrap();
        std::os::unix::fs::symlink("x.md", ws.root.join("stories/a.md")).unwrap();
        assert_eq!(index.update(&ws, ["stories/a.md"]), ["stories/a.md"]);
        assert!(index.is_empty());
        // Links gone, seen through their folder.
        std::fs::remove_file(ws.root.join("stories/a.md")).unwrap();
        std::fs::remove_file(ws.root.join("stories/x.md")).unwrap();
        assert_eq!(index.update(&ws, ["stories"]), ["stories/a.md", "stories/x.md"]);
        assert_eq!(index.skipped().count(), 0);
        assert_eq!(index.skipped().count(), Index::build(&ws).skipped().count());
    }

    #[test]
    fn rescan_matches_a_fresh_build() {
        let (_d, ws) = ws();
        put(&ws, "stories/a.md", "x");
        put(&ws, "logs/2026-11-01.md", "x");
        let mut index = Index::build(&ws);
        std::fs::remove_file(ws.root.join("stories/a.md")).unwrap();
        put(&ws, "mocks/m.md", "x");
        put(&ws, "logs/2026-11-01.md", "y");
        assert_eq!(index.rescan(&ws), ["logs/2026-11-01.md", "mocks/m.md", "stories/a.md"]);
        assert_eq!(paths(&index), paths(&Index::build(&ws)));
    }
}
