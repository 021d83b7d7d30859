//! Git through libgit2 (git2): creating the repository, the changes in the work tree,
//! committing them, what state the repository is in, and the identity used when none
//! is configured. [`message`] turns a set of changes into a commit message.

pub mod message;
pub mod sync;
pub mod tls;

use std::path::Path;

use git2::{IndexAddOption, Repository, RepositoryState, Signature, Status, StatusOptions};

use crate::{Error, Result};

/// The author used when git has no `user.name`/`user.email` configured.
pub const FALLBACK_NAME: &str = "systemcraft";
/// The e-mail of the fallback author.
pub const FALLBACK_EMAIL: &str = "systemcraft@localhost";

/// `user.name` from the user's git configuration, if set.
pub fn configured_name() -> Option<String> {
    tls::ready();
    git2::Config::open_default().ok()?.get_string("user.name").ok().filter(|s| !s.trim().is_empty())
}

/// The configured identity, or the fallback author (and `true`) when there is none.
pub(crate) fn signature(repo: &Repository) -> Result<(Signature<'static>, bool)> {
    match repo.signature() {
        Ok(s) => Ok((s.to_owned(), false)),
        Err(_) => Ok((
            Signature::now(FALLBACK_NAME, FALLBACK_EMAIL).map_err(|e| Error::git("cannot make a signature", e))?,
            true,
        )),
    }
}

/// A workspace's repository.
pub struct Repo {
    repo: Repository,
}

/// How a commit was signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    /// Short id of the commit.
    pub id: String,
    /// True when no identity was configured and the fallback author was used.
    pub fallback_author: bool,
}

impl Repo {
    /// Opens the repository whose work tree is exactly `dir`, if there is one.
    pub fn open_at(dir: &Path) -> Option<Repo> {
        tls::ready();
        let repo = Repository::open(dir).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        (workdir == dir.canonicalize().ok()?).then_some(Repo { repo })
    }

    /// The libgit2 repository, for reading history (`trend`).
    pub(crate) fn repository(&self) -> &Repository {
        &self.repo
    }

    /// The work tree of a repository containing `dir` (possibly a parent), if any.
    pub fn enclosing(dir: &Path) -> Option<std::path::PathBuf> {
        tls::ready();
        Repository::discover(dir).ok()?.workdir().map(Path::to_path_buf)
    }

    /// Creates a repository in `dir` with `main` as the initial branch.
    pub fn init(dir: &Path) -> Result<Repo> {
        tls::ready();
        let mut opts = git2::RepositoryInitOptions::new();
        opts.initial_head("main");
        let repo = Repository::init_opts(dir, &opts)
            .map_err(|e| Error::git(format!("cannot create a repository in {}", dir.display()), e))?;
        Ok(Repo { repo })
    }

    fn signature(&self) -> Result<(Signature<'static>, bool)> {
        signature(&self.repo)
    }

    /// Stages `paths` (workspace-relative, `/`-separated; ignored files are skipped) and
    /// commits them, and only them, on the current branch: the commit is the last
    /// one's tree with these paths' new contents, so whatever else the user changed or
    /// staged stays uncommitted (and staged). Returns `None` when nothing changed — and
    /// always for an empty `paths`, which commits nothing (to libgit2 an empty
    /// pathspec would match every file of the work tree).
    pub fn commit_paths(&self, paths: &[String], message: &str) -> Result<Option<Committed>> {
        if paths.is_empty() {
            return Ok(None);
        }
        let mut index = self.repo.index().map_err(|e| Error::git("cannot open the index", e))?;
        index
            .add_all(paths.iter(), IndexAddOption::DEFAULT, None)
            .map_err(|e| Error::git("cannot stage the files", e))?;
        index.write().map_err(|e| Error::git("cannot write the index", e))?;
        // The tree to commit: HEAD's, plus the staged entries of `paths` alone.
        let mut only = git2::Index::new().map_err(|e| Error::git("cannot create an index", e))?;
        if let Some(tree) = self.repo.head().ok().and_then(|h| h.peel_to_tree().ok()) {
            only.read_tree(&tree).map_err(|e| Error::git("cannot read the last commit", e))?;
        }
        let wanted = |entry: &[u8]| {
            paths.iter().any(|p| {
                let p = p.trim_end_matches('/').as_bytes();
                entry == p || (entry.starts_with(p) && entry.get(p.len()) == Some(&b'/'))
            })
        };
        for entry in index.iter().filter(|e| wanted(&e.path)) {
            only.add(&entry).map_err(|e| Error::git("cannot stage the files", e))?;
        }
        self.commit_index(&mut only, message)
    }
}

/// How a path differs from the last commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// New (untracked or newly staged).
    Added,
    /// Changed.
    Modified,
    /// Deleted.
    Deleted,
}

/// One changed path of the work tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Workspace-relative path, `/`-separated.
    pub path: String,
    /// What happened to it.
    pub kind: ChangeKind,
}

impl Repo {
    /// The path of the work tree.
    pub fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// What blocks a commit: a merge, rebase, cherry-pick, revert or bisect in
    /// progress, described for people; `None` when the repository is clean.
    pub fn operation_in_progress(&self) -> Option<&'static str> {
        match self.repo.state() {
            RepositoryState::Clean => None,
            RepositoryState::Merge => Some("a merge is in progress"),
            RepositoryState::Revert | RepositoryState::RevertSequence => Some("a revert is in progress"),
            RepositoryState::CherryPick | RepositoryState::CherryPickSequence => Some("a cherry-pick is in progress"),
            RepositoryState::Bisect => Some("a bisect is in progress"),
            RepositoryState::Rebase
            | RepositoryState::RebaseInteractive
            | RepositoryState::RebaseMerge
            | RepositoryState::ApplyMailbox
            | RepositoryState::ApplyMailboxOrRebase => Some("a rebase is in progress"),
        }
    }

    /// Refuses (with the next command to type) when committing `changes` now would
    /// be wrong: an operation in progress, or a changed file holding conflict markers.
    pub fn ensure_committable(&self, changes: &[Change]) -> Result<()> {
        if let Some(op) = self.operation_in_progress() {
            let next = match self.repo.state() {
                RepositoryState::Merge => {
                    "resolve the conflicts, then `git commit`; or give up the merge with `git merge --abort`"
                }
                RepositoryState::Rebase | RepositoryState::RebaseInteractive | RepositoryState::RebaseMerge => {
                    "finish it with `git rebase --continue`, or undo it with `git rebase --abort`"
                }
                _ => "finish it (or abort it) with git, then run this again",
            };
            return Err(Error::RepoState { message: format!("cannot commit: {op}"), next: next.to_string() });
        }
        let root = self.repo.workdir().unwrap_or(Path::new("."));
        for c in changes.iter().filter(|c| c.kind != ChangeKind::Deleted) {
            let Ok(bytes) = std::fs::read(root.join(crate::diag::to_path(&c.path))) else { continue };
            if let Some(line) = conflict_marker_line(&String::from_utf8_lossy(&bytes)) {
                return Err(Error::RepoState {
                    message: format!("cannot commit: {}:{line} holds a git conflict marker", c.path),
                    next: "keep the text you want, delete the <<<<<<< ======= >>>>>>> lines, save, and run this again"
                        .to_string(),
                });
            }
        }
        Ok(())
    }

    /// Every path that differs from the last commit (staged or not, untracked
    /// included, ignored files excluded), sorted by path.
    pub fn changes(&self) -> Result<Vec<Change>> {
        let mut opts = StatusOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false).renames_head_to_index(false);
        let statuses = self.repo.statuses(Some(&mut opts)).map_err(|e| Error::git("cannot read the status", e))?;
        let mut out: Vec<Change> = statuses
            .iter()
            .filter_map(|entry| {
                let path = entry.path().ok()?.to_string();
                let st = entry.status();
                let kind = if st.intersects(Status::WT_DELETED | Status::INDEX_DELETED) {
                    ChangeKind::Deleted
                } else if st.intersects(Status::WT_NEW | Status::INDEX_NEW) {
                    ChangeKind::Added
                } else if st.intersects(
                    Status::WT_MODIFIED
                        | Status::INDEX_MODIFIED
                        | Status::WT_TYPECHANGE
                        | Status::INDEX_TYPECHANGE
                        | Status::WT_RENAMED
                        | Status::INDEX_RENAMED,
                ) {
                    ChangeKind::Modified
                } else {
                    return None;
                };
                Some(Change { path, kind })
            })
            .collect();
        out.sort();
        Ok(out)
    }

    /// Stages every change of the work tree — new, changed and deleted files,
    /// respecting .gitignore — and commits it on the current branch. Returns `None`
    /// when there was nothing to commit.
    pub fn commit_all(&self, message: &str) -> Result<Option<Committed>> {
        let mut index = self.repo.index().map_err(|e| Error::git("cannot open the index", e))?;
        // One pass over the work tree: libgit2's add_all applies the diff of the index
        // to the work tree, so it stages deletions too (a second pass, update_all,
        // would stat every file again and re-hash the ones just added, which are
        // racily clean until the index is written).
        index.add_all(["*"], IndexAddOption::DEFAULT, None).map_err(|e| Error::git("cannot stage the files", e))?;
        index.write().map_err(|e| Error::git("cannot write the index", e))?;
        self.commit_index(&mut index, message)
    }

    fn commit_index(&self, index: &mut git2::Index, message: &str) -> Result<Option<Committed>> {
        let tree_id = index.write_tree_to(&self.repo).map_err(|e| Error::git("cannot write the tree", e))?;
        let tree = self.repo.find_tree(tree_id).map_err(|e| Error::git("cannot read the tree", e))?;
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        if parent.as_ref().is_some_and(|p| p.tree_id() == tree_id) {
            return Ok(None);
        }
        let (sig, fallback_author) = self.signature()?;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        let oid = self
            .repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .map_err(|e| Error::git("cannot commit", e))?;
        Ok(Some(Committed { id: oid.to_string()[..7].to_string(), fallback_author }))
    }
}

/// The first line holding a git conflict marker (`<<<<<<<`, `=======`, `>>>>>>>` at
/// the start of a line), 1-based, if any.
pub fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_end_matches('\r');
            l.starts_with("<<<<<<< ") || l == "<<<<<<<" || l.starts_with(">>>>>>> ") || l == ">>>>>>>" || l == "======="
        })
        .map(|i| i + 1)
}
