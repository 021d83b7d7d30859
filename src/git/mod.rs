//! Git through libgit2 (git2): creating the repository, the changes in the work tree,
//! committing them, what state the repository is in, and the identity used when none
//! is configured. [`message`] turns a set of changes into a commit message.

pub mod clone;
pub mod fresh;
pub mod lock;
pub mod merge;
pub mod message;
pub mod remote;
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

/// Who a commit is by: author and committer, as git itself would take them.
pub(crate) struct Identity {
    pub author: Signature<'static>,
    pub committer: Signature<'static>,
    /// True when neither the environment nor the configuration names anyone.
    pub fallback: bool,
}

/// The identity for a commit: `GIT_AUTHOR_NAME`/`_EMAIL`/`_DATE` and
/// `GIT_COMMITTER_NAME`/`_EMAIL`/`_DATE` when set, else `user.name`/`user.email`,
/// else the fallback author.
pub(crate) fn identity(repo: &Repository) -> Result<Identity> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let config = repo.config().ok();
    let configured = |k: &str| config.as_ref().and_then(|c| c.get_string(k).ok()).filter(|v| !v.trim().is_empty());
    let mut fallback = false;
    let mut make = |who: &str| -> Result<Signature<'static>> {
        let name = env(&format!("GIT_{who}_NAME")).or_else(|| configured("user.name"));
        let email = env(&format!("GIT_{who}_EMAIL")).or_else(|| configured("user.email"));
        let (name, email) = match (name, email) {
            (Some(n), Some(e)) => (n, e),
            (Some(n), None) => (n, FALLBACK_EMAIL.to_string()),
            _ => {
                fallback = true;
                (FALLBACK_NAME.to_string(), FALLBACK_EMAIL.to_string())
            }
        };
        let sig = match env(&format!("GIT_{who}_DATE")).and_then(|d| parse_git_date(&d)) {
            Some(time) => Signature::new(&name, &email, &time),
            None => Signature::now(&name, &email),
        };
        sig.map_err(|e| Error::git("cannot make a signature", e))
    };
    let author = make("AUTHOR")?;
    let committer = make("COMMITTER")?;
    Ok(Identity { author, committer, fallback })
}

/// A date in git's internal format, `[@]<seconds since the epoch> [+-]HHMM`.
fn parse_git_date(text: &str) -> Option<git2::Time> {
    let mut parts = text.trim().trim_start_matches('@').split_whitespace();
    let secs: i64 = parts.next()?.parse().ok()?;
    let offset = match parts.next() {
        Some(z) if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => {
            let h: i32 = z[1..3].parse().ok()?;
            let m: i32 = z[3..5].parse().ok()?;
            let sign = if z.starts_with('-') { -1 } else { 1 };
            sign * (h * 60 + m)
        }
        None => 0,
        _ => return None,
    };
    Some(git2::Time::new(secs, offset))
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
            let bytes = match crate::fs::read::read_in(root, &c.path) {
                Ok(bytes) => bytes,
                // An unreadable file would fail the commit later with a misleading
                // git error: name it now. Links, pipes and vanished files are left
                // to git.
                Err(e @ Error::Io { .. }) if !e.is_not_found() => return Err(e),
                Err(_) => continue,
            };
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

    /// A failed status, with the folder named when git gave up on its depth (libgit2
    /// stops at 100 levels and does not say where).
    fn status_error(&self, e: git2::Error) -> Error {
        const GIT_MAX_DEPTH: usize = 100;
        if !e.message().contains("nesting too deep") {
            return Error::git("cannot read the status", e);
        }
        let root = self.repo.workdir().unwrap_or(Path::new("."));
        let deep = walkdir::WalkDir::new(root)
            .min_depth(GIT_MAX_DEPTH)
            .max_depth(GIT_MAX_DEPTH)
            .into_iter()
            .flatten()
            .find(|entry| entry.file_type().is_dir());
        match deep {
            Some(entry) => Error::RepoState {
                message: format!(
                    "cannot commit: {} is more than {GIT_MAX_DEPTH} folders deep, deeper than git can track",
                    crate::diag::rel_path(entry.path().strip_prefix(root).unwrap_or(entry.path()))
                ),
                next: "move its notes to a shallower folder (or delete the nest), then run this again".into(),
            },
            None => Error::git("cannot read the status", e),
        }
    }

    /// Every path that differs from the last commit (staged or not, untracked
    /// included, ignored files excluded), sorted by path.
    pub fn changes(&self) -> Result<Vec<Change>> {
        let mut opts = StatusOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false).renames_head_to_index(false);
        let statuses = self.repo.statuses(Some(&mut opts)).map_err(|e| self.status_error(e))?;
        let mut out: Vec<Change> = statuses
            .iter()
            .filter_map(|entry| {
                let path = entry.path().ok()?.to_string();
                if is_temp_path(&path) {
                    return None;
                }
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
        // A temporary file of a write in progress (or of a killed run) is never
        // committed: the callback skips it (a positive answer means "skip").
        let mut skip_temps = |path: &Path, _: &[u8]| i32::from(is_temp_path(&path.to_string_lossy()));
        // One pass over the work tree: libgit2's add_all applies the diff of the index
        // to the work tree, so it stages deletions too (a second pass, update_all,
        // would stat every file again and re-hash the ones just added, which are
        // racily clean until the index is written).
        index
            .add_all(["*"], IndexAddOption::DEFAULT, Some(&mut skip_temps))
            .map_err(|e| Error::git("cannot stage the files", e))?;
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
        let who = identity(&self.repo)?;
        let fallback_author = who.fallback;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        let oid = self
            .repo
            .commit(Some("HEAD"), &who.author, &who.committer, message, &tree, &parents)
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

/// Whether a repository path is one of systemcraft's temporary files
/// (`.systemcraft-*.tmp`, in any folder).
fn is_temp_path(path: &str) -> bool {
    crate::fs::is_temp_name(path.rsplit('/').next().unwrap_or(path))
}
