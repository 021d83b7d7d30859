//! The merge of two commits that never loses a note and never pairs unrelated ones.
//!
//! libgit2's rename detection is off: with it, a note deleted on one side and another
//! made from the same template on that side looked like a rename, and an edit of the
//! deleted note on the other side landed in the unrelated new note. Instead, a rename
//! is followed only when the renamed file is byte for byte the note the other side
//! edited (a pure rename, nothing else on that side with the same text): the edited
//! text then moves to the new name. Every other delete-vs-edit keeps the edited text
//! at its own path.
//!
//! A note changed on both sides keeps this clone's text at its path and the other
//! commit's text beside it as `<name>.conflict-<their short id>.md` — never nested
//! (`x.conflict-a.conflict-b.md`): a copy's own copy is named after the original. A
//! file that only holds the fresh default `systemcraft init` wrote gives way to the
//! other side's text without a copy: fresh defaults are not the user's data.

use std::collections::HashMap;
use std::path::Path;

use git2::{IndexEntry, MergeOptions, ObjectType, Oid, Repository, Tree, TreeWalkMode, TreeWalkResult};

use crate::workspace::{conflict_original, is_generated};
use crate::{Error, Result};

/// Why a file was written beside its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyReason {
    /// Both sides changed the note: the copy holds the other commit's text.
    BothChanged,
    /// An ignored file of this clone stood where a tracked file came in: the copy
    /// holds the ignored file's text.
    Ignored,
}

/// A text kept beside its original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    /// The copy (workspace-relative).
    pub path: String,
    /// The note it is a version of.
    pub original: String,
    /// Short id of the commit the copy's text comes from (for an ignored file, the
    /// local commit it sat beside).
    pub commit: String,
    /// Why it was made.
    pub reason: CopyReason,
}

/// Which paths hold the untouched text `systemcraft init` wrote.
pub trait FreshDefaults {
    /// True when `blob` at `path` is the text init wrote there, never edited.
    fn is_fresh(&self, path: &str, blob: Oid) -> bool;
}

impl FreshDefaults for () {
    fn is_fresh(&self, _: &str, _: Oid) -> bool {
        false
    }
}

/// A path for another text of `path` that is free in `taken`: `<stem>.conflict-<tag>
/// [-N]<ext>`, where `path` may itself be a copy (its original's name is used).
pub fn conflict_path(path: &str, tag: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let original = conflict_original(path).unwrap_or_else(|| path.to_string());
    let (dir, name) = match original.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n.to_string()),
        None => (String::new(), original.clone()),
    };
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
        _ => (name.clone(), String::new()),
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let candidate = format!("{dir}{stem}.conflict-{tag}{suffix}{ext}");
        if !taken(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

fn stage0(mut entry: IndexEntry, path: &str) -> IndexEntry {
    // Clear the stage bits (0x3000) and let libgit2 recompute the name length.
    entry.flags &= !0x3000 & !0x0fff;
    entry.path = path.as_bytes().to_vec();
    entry
}

/// Every blob of `tree` by path.
fn blobs(tree: &Tree<'_>) -> HashMap<String, Oid> {
    let mut out = HashMap::new();
    let _ = tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
        if entry.kind() == Some(ObjectType::Blob) {
            out.insert(format!("{dir}{}", entry.name().unwrap_or_default()), entry.id());
        }
        TreeWalkResult::Ok
    });
    out
}

/// The paths a side added (absent from the base), by the blob they hold.
fn added_by_blob(base: &HashMap<String, Oid>, side: &HashMap<String, Oid>) -> HashMap<Oid, Vec<String>> {
    let mut out: HashMap<Oid, Vec<String>> = HashMap::new();
    for (path, id) in side.iter().filter(|(p, _)| !base.contains_key(*p)) {
        out.entry(*id).or_default().push(path.clone());
    }
    out
}

/// Both sides' files, and the base's, for following pure renames.
struct Sides {
    base: HashMap<String, Oid>,
    ours: HashMap<String, Oid>,
    theirs: HashMap<String, Oid>,
}

impl Sides {
    fn read(repo: &Repository, ours: &git2::Commit<'_>, theirs: &git2::Commit<'_>) -> Result<Sides> {
        fn tree<'r>(c: &git2::Commit<'r>) -> Result<Tree<'r>> {
            c.tree().map_err(|e| Error::git("cannot read a commit's files", e))
        }
        let base = match repo.merge_base(ours.id(), theirs.id()) {
            Ok(id) => {
                let commit = repo.find_commit(id).map_err(|e| Error::git("cannot read the merge base", e))?;
                blobs(&tree(&commit)?)
            }
            Err(_) => HashMap::new(),
        };
        Ok(Sides { base, ours: blobs(&tree(ours)?), theirs: blobs(&tree(theirs)?) })
    }

    /// Where the side that deleted `path` (holding `base_blob`) moved it unchanged, if
    /// it did exactly that: one new path on that side only, with the very same text.
    fn pure_rename(&self, base_blob: Oid, deleted_by_theirs: bool) -> Option<String> {
        let (deleter, editor) = if deleted_by_theirs { (&self.theirs, &self.ours) } else { (&self.ours, &self.theirs) };
        let added = added_by_blob(&self.base, deleter);
        match added.get(&base_blob).map(Vec::as_slice) {
            Some([only]) if !editor.contains_key(only) => Some(only.clone()),
            _ => None,
        }
    }
}

/// Merges `theirs` into `ours` without conflicts left: returns the merged index (not
/// yet checked out) and the conflict copies it holds. `taken` says whether a path is
/// already used in the work tree.
pub fn merge_index(
    repo: &Repository,
    ours: &git2::Commit<'_>,
    theirs: &git2::Commit<'_>,
    fresh: &dyn FreshDefaults,
    taken: &dyn Fn(&str) -> bool,
) -> Result<(git2::Index, Vec<ConflictCopy>)> {
    let mut opts = MergeOptions::new();
    // No rename detection: see the module comment.
    opts.fail_on_conflict(false).find_renames(false);
    let mut index = repo
        .merge_commits(ours, theirs, Some(&opts))
        .map_err(|e| Error::git("cannot merge the remote's commits", e))?;
    let mut copies: Vec<ConflictCopy> = Vec::new();
    if !index.has_conflicts() {
        return Ok((index, copies));
    }
    let sides = Sides::read(repo, ours, theirs)?;
    let tag = theirs.id().to_string()[..7].to_string();
    let conflicts: Vec<git2::IndexConflict> = index
        .conflicts()
        .map_err(|e| Error::git("cannot read the merge conflicts", e))?
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::git("cannot read the merge conflicts", e))?;
    for c in conflicts {
        let path = [&c.our, &c.their, &c.ancestor]
            .into_iter()
            .flatten()
            .map(|e| String::from_utf8_lossy(&e.path).into_owned())
            .next()
            .unwrap_or_default();
        index.remove_path(Path::new(&path)).map_err(|e| Error::git("cannot resolve a conflict", e))?;
        let add = |index: &mut git2::Index, entry: IndexEntry, at: &str| {
            index.add(&stage0(entry, at)).map_err(|e| Error::git(format!("cannot resolve the conflict on {at}"), e))
        };
        let deleted_by_theirs = c.their.is_none();
        match (c.our, c.their) {
            // Regenerated after the merge; any version will do until then.
            (ours, theirs) if is_generated(&path) => {
                if let Some(e) = ours.or(theirs) {
                    add(&mut index, e, &path)?;
                }
            }
            (Some(ours), Some(theirs)) if ours.id == theirs.id => add(&mut index, ours, &path)?,
            (Some(ours), Some(theirs)) if fresh.is_fresh(&path, ours.id) => add(&mut index, theirs, &path)?,
            (Some(ours), Some(theirs)) if fresh.is_fresh(&path, theirs.id) => add(&mut index, ours, &path)?,
            (Some(ours), Some(theirs)) => {
                add(&mut index, ours, &path)?;
                let copy = conflict_path(&path, &tag, &|p| {
                    taken(p)
                        || copies.iter().any(|c| c.path == p)
                        || sides.ours.contains_key(p)
                        || sides.theirs.contains_key(p)
                });
                add(&mut index, theirs, &copy)?;
                copies.push(ConflictCopy {
                    path: copy,
                    original: path.clone(),
                    commit: tag.clone(),
                    reason: CopyReason::BothChanged,
                });
            }
            // Deleted on one side, changed on the other: keep the text — at the new
            // name when the deleting side only renamed the note.
            (Some(kept), None) | (None, Some(kept)) => {
                let moved = c.ancestor.as_ref().and_then(|base| sides.pure_rename(base.id, deleted_by_theirs));
                match moved {
                    Some(to) => add(&mut index, kept, &to)?,
                    None => add(&mut index, kept, &path)?,
                }
            }
            (None, None) => {}
        }
    }
    Ok((index, copies))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_keep_the_extension_and_never_collide() {
        let none = |_: &str| false;
        assert_eq!(conflict_path("stories/x.md", "abc1234", &none), "stories/x.conflict-abc1234.md");
        assert_eq!(conflict_path("notes", "abc1234", &none), "notes.conflict-abc1234");
        let taken = |p: &str| p == "stories/x.conflict-abc1234.md";
        assert_eq!(conflict_path("stories/x.md", "abc1234", &taken), "stories/x.conflict-abc1234-2.md");
    }

    /// A commit of `files` (path, text) on top of `parent`, not moving any branch.
    fn commit<'r>(repo: &'r Repository, files: &[(&str, &str)], parent: Option<&git2::Commit<'r>>) -> git2::Commit<'r> {
        let mut index = git2::Index::new().unwrap();
        for (path, text) in files {
            let id = repo.blob(text.as_bytes()).unwrap();
            let entry = IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: text.len() as u32,
                id,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).unwrap();
        }
        let tree = repo.find_tree(index.write_tree_to(repo).unwrap()).unwrap();
        let sig = git2::Signature::now("t", "t@example.com").unwrap();
        let parents: Vec<&git2::Commit<'_>> = parent.into_iter().collect();
        let id = repo.commit(None, &sig, &sig, "c", &tree, &parents).unwrap();
        repo.find_commit(id).unwrap()
    }

    fn merged_text(repo: &Repository, index: &git2::Index, path: &str) -> Option<String> {
        let entry = index.get_path(Path::new(path), 0)?;
        Some(String::from_utf8(repo.find_blob(entry.id).unwrap().content().to_vec()).unwrap())
    }

    #[test]
    fn a_rename_is_followed_only_when_it_is_pure_and_unambiguous() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let log = "---\ndate: 2026-11-24\n---\n## Notes\n";
        let base = commit(&repo, &[("logs/a.md", log)], None);
        let edited = format!("{log}An hour on sharding.\n");
        let ours = commit(&repo, &[("logs/a.md", &edited)], Some(&base));
        let none = |_: &str| false;

        // A pure rename on their side: the edit follows it.
        let renamed = commit(&repo, &[("logs/b.md", log)], Some(&base));
        let (index, copies) = merge_index(&repo, &ours, &renamed, &(), &none).unwrap();
        assert_eq!(merged_text(&repo, &index, "logs/b.md").as_deref(), Some(edited.as_str()));
        assert_eq!(merged_text(&repo, &index, "logs/a.md"), None);
        assert!(copies.is_empty());

        // Two new files with that text: which one is the note is unknown, so the edit
        // stays at its own path and both new files stay as they are.
        let twice = commit(&repo, &[("logs/b.md", log), ("logs/c.md", log)], Some(&base));
        let (index, _) = merge_index(&repo, &ours, &twice, &(), &none).unwrap();
        assert_eq!(merged_text(&repo, &index, "logs/a.md").as_deref(), Some(edited.as_str()));
        assert_eq!(merged_text(&repo, &index, "logs/b.md").as_deref(), Some(log));
        assert_eq!(merged_text(&repo, &index, "logs/c.md").as_deref(), Some(log));

        // A new note from the same template, nearly the same text: not a rename.
        let other = commit(&repo, &[("logs/b.md", "---\ndate: 2026-11-25\n---\n## Notes\n")], Some(&base));
        let (index, _) = merge_index(&repo, &ours, &other, &(), &none).unwrap();
        assert_eq!(merged_text(&repo, &index, "logs/a.md").as_deref(), Some(edited.as_str()));
        assert_eq!(merged_text(&repo, &index, "logs/b.md").as_deref(), Some("---\ndate: 2026-11-25\n---\n## Notes\n"));
    }

    #[test]
    fn a_copy_of_a_copy_is_named_after_the_original() {
        let none = |_: &str| false;
        assert_eq!(conflict_path("stories/x.conflict-abc1234.md", "def5678", &none), "stories/x.conflict-def5678.md");
        assert_eq!(conflict_path("stories/x.conflict-abc1234-2.md", "def5678", &none), "stories/x.conflict-def5678.md");
        let taken = |p: &str| p == "stories/x.conflict-abc1234.md";
        assert_eq!(
            conflict_path("stories/x.conflict-abc1234.md", "abc1234", &taken),
            "stories/x.conflict-abc1234-2.md"
        );
    }
}
