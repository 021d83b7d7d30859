//! Syncing a workspace with a remote: fetch, integrate (fast-forward, or a merge
//! commit that never loses a note), regenerate the dashboard, push — with a bounded
//! retry when the remote moves meanwhile, and never a force-push.
//!
//! A note changed on both sides keeps the local text at its path and gets the other
//! side's text beside it, as `<name>.conflict-<their short id>.md`; a note deleted on
//! one side and changed on the other keeps the changed text. DASHBOARD.md is never
//! merged: the caller regenerates it from the merged notes.

use std::path::Path;

use git2::{
    build::CheckoutBuilder, BranchType, ErrorCode, FetchOptions, IndexEntry, MergeOptions, PushOptions,
    RemoteCallbacks, Repository, RepositoryState,
};

use crate::workspace::DASHBOARD_FILE;
use crate::{Error, Result};

/// How many times a push rejected because the remote moved is retried.
pub const MAX_PUSH_ATTEMPTS: usize = 4;

/// How the remote's work was brought in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Integration {
    /// The remote had nothing new.
    UpToDate,
    /// The remote branch did not exist yet (an empty remote): nothing to bring in.
    NewBranch,
    /// The local branch moved forward to the remote's.
    FastForward,
    /// Both sides had commits: a merge commit joins them.
    Merged,
}

/// What a sync did.
#[derive(Debug, Clone)]
pub struct SyncReport {
    /// The remote's name.
    pub remote: String,
    /// The branch synced.
    pub branch: String,
    /// How the remote's commits came in (the last round, when a push was retried).
    pub integration: Integration,
    /// Conflict copies written (workspace-relative).
    pub conflict_copies: Vec<String>,
    /// Whether anything was pushed.
    pub pushed: bool,
    /// Push attempts made (more than one when the remote moved meanwhile).
    pub attempts: usize,
}

/// Refuses, with the next command to type, a repository where a sync would be
/// wrong: an operation in progress or a detached HEAD. Call it before committing.
pub fn preflight(repo: &super::Repo) -> Result<()> {
    current_branch(&repo.repo).map(|_| ())
}

/// The branch HEAD is on, refusing states where a sync would be wrong.
fn current_branch(repo: &Repository) -> Result<(String, bool)> {
    match repo.state() {
        RepositoryState::Clean => {}
        RepositoryState::Merge => {
            return Err(Error::RepoState {
                message: "cannot sync: a merge is in progress".into(),
                next: "resolve the conflicts and `git commit`, or give the merge up with `git merge --abort`; then `systemcraft sync`".into(),
            })
        }
        _ => {
            return Err(Error::RepoState {
                message: "cannot sync: a rebase, cherry-pick, revert or bisect is in progress".into(),
                next: "finish it (`git rebase --continue`, …) or abort it (`git rebase --abort`, …); then `systemcraft sync`"
                    .into(),
            })
        }
    }
    match repo.head() {
        Ok(head) if head.is_branch() => Ok((head.shorthand().unwrap_or("main").to_string(), false)),
        Ok(_) => Err(Error::RepoState {
            message: "cannot sync: HEAD is detached (no branch is checked out)".into(),
            next:
                "switch to your branch, e.g. `git switch main` (or keep this state as a branch: `git switch -c <name>`)"
                    .into(),
        }),
        Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => {
            let head = repo.find_reference("HEAD").map_err(|e| Error::git("cannot read HEAD", e))?;
            let target = head.symbolic_target().ok().flatten().unwrap_or("refs/heads/main").to_string();
            Ok((target.trim_start_matches("refs/heads/").to_string(), true))
        }
        Err(e) => Err(Error::git("cannot read HEAD", e)),
    }
}

/// The remote to use: the one asked for, else the branch's upstream remote, else
/// `origin`, else the only remote.
fn pick_remote(repo: &Repository, branch: &str, asked: Option<&str>) -> Result<String> {
    let names: Vec<String> = repo
        .remotes()
        .map_err(|e| Error::git("cannot list the remotes", e))?
        .iter()
        .filter_map(|n| n.ok().flatten().map(str::to_string))
        .collect();
    if let Some(name) = asked {
        if names.iter().any(|n| n == name) {
            return Ok(name.to_string());
        }
        let known = if names.is_empty() { "none".to_string() } else { names.join(", ") };
        return Err(Error::RepoState {
            message: format!("no remote named `{name}` (remotes: {known})"),
            next: format!("add it with `git remote add {name} <URL>`"),
        });
    }
    if let Ok(buf) = repo.branch_upstream_remote(&format!("refs/heads/{branch}")) {
        if let Ok(name) = buf.as_str() {
            return Ok(name.to_string());
        }
    }
    if names.iter().any(|n| n == "origin") {
        return Ok("origin".into());
    }
    match names.as_slice() {
        [only] => Ok(only.clone()),
        [] => Err(Error::RepoState {
            message: "cannot sync: this repository has no remote".into(),
            next: "add one with `git remote add origin <URL>` (a GitHub repository, a bare repository on a server or a USB stick), then `systemcraft sync`".into(),
        }),
        _ => Err(Error::RepoState {
            message: format!("cannot sync: several remotes ({}) and none is `origin` or the branch's upstream", names.join(", ")),
            next: "choose one with `systemcraft sync --remote <NAME>`".into(),
        }),
    }
}

/// Callbacks with credentials as git users expect them: the ssh agent and key files
/// for ssh remotes, the credential helper for https (auth-git2; it does not loop on
/// a refused credential).
fn with_callbacks<T>(
    repo: &Repository,
    f: impl FnOnce(RemoteCallbacks<'_>) -> std::result::Result<T, git2::Error>,
) -> std::result::Result<T, git2::Error> {
    super::tls::for_network();
    let auth = auth_git2::GitAuthenticator::default();
    let config = repo.config()?;
    let mut cb = RemoteCallbacks::new();
    cb.credentials(auth.credentials(&config));
    f(cb)
}

fn remote_error(action: &'static str, remote: &git2::Remote<'_>, source: git2::Error) -> Error {
    Error::Remote {
        action,
        remote: remote.name().ok().flatten().unwrap_or("?").to_string(),
        url: remote.url().unwrap_or("?").to_string(),
        source,
    }
}

fn fetch(repo: &Repository, remote_name: &str, branch: &str) -> Result<()> {
    let mut remote = repo.find_remote(remote_name).map_err(|e| Error::git("cannot open the remote", e))?;
    let refspec = format!("+refs/heads/{branch}:refs/remotes/{remote_name}/{branch}");
    with_callbacks(repo, |cb| {
        let mut opts = FetchOptions::new();
        opts.remote_callbacks(cb);
        remote.fetch(&[refspec.as_str()], Some(&mut opts), None)
    })
    .map_err(|e| remote_error("fetch from", &remote, e))
}

/// Pushes the branch; `Ok(false)` when the remote rejected it because it moved.
fn push(repo: &Repository, remote_name: &str, branch: &str) -> Result<bool> {
    let mut remote = repo.find_remote(remote_name).map_err(|e| Error::git("cannot open the remote", e))?;
    let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
    // Owned (not borrowed) by the callback, which must outlive any lifetime.
    let rejected = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = rejected.clone();
    let result = with_callbacks(repo, |mut cb| {
        cb.push_update_reference(move |_, status| {
            if status.is_some() {
                flag.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            Ok(())
        });
        let mut opts = PushOptions::new();
        opts.remote_callbacks(cb);
        remote.push(&[refspec.as_str()], Some(&mut opts))
    });
    match result {
        Ok(()) => Ok(!rejected.load(std::sync::atomic::Ordering::Relaxed)),
        Err(e) if e.code() == ErrorCode::NotFastForward => Ok(false),
        Err(e) => Err(remote_error("push to", &remote, e)),
    }
}

/// A path for the other side's text of `path` that is free in `taken`.
fn conflict_path(path: &str, tag: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let (stem, ext) = match path.rsplit_once('.') {
        Some((s, e)) if !e.contains('/') && !s.ends_with('/') => (s, format!(".{e}")),
        _ => (path, String::new()),
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let candidate = format!("{stem}.conflict-{tag}{suffix}{ext}");
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

/// Merges `theirs` into HEAD without conflicts left: returns the merged index (not
/// yet checked out) and the conflict copies it holds.
fn merge_index(
    repo: &Repository,
    ours: &git2::Commit<'_>,
    theirs: &git2::Commit<'_>,
) -> Result<(git2::Index, Vec<String>)> {
    let mut opts = MergeOptions::new();
    opts.fail_on_conflict(false);
    let mut index = repo
        .merge_commits(ours, theirs, Some(&opts))
        .map_err(|e| Error::git("cannot merge the remote's commits", e))?;
    let mut copies = Vec::new();
    if !index.has_conflicts() {
        return Ok((index, copies));
    }
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
        let mut add = |entry: IndexEntry, at: &str| {
            index.add(&stage0(entry, at)).map_err(|e| Error::git(format!("cannot resolve the conflict on {at}"), e))
        };
        match (c.our, c.their) {
            // Regenerated after the merge; any version will do until then.
            (ours, theirs) if path == DASHBOARD_FILE => {
                if let Some(e) = ours.or(theirs) {
                    add(e, &path)?;
                }
            }
            (Some(ours), Some(theirs)) => {
                let same_blob = ours.id == theirs.id;
                add(ours, &path)?;
                if !same_blob {
                    let copy = conflict_path(&path, &tag, &|p| {
                        repo.workdir().is_some_and(|w| w.join(p).exists()) || copies.iter().any(|c| c == p)
                    });
                    add(theirs, &copy)?;
                    copies.push(copy);
                }
            }
            // Deleted on one side, changed on the other: keep the text.
            (Some(kept), None) | (None, Some(kept)) => add(kept, &path)?,
            (None, None) => {}
        }
    }
    Ok((index, copies))
}

/// Brings the remote branch in (fetched already). `rebuild` regenerates DASHBOARD.md
/// from the work tree after the remote's notes are checked out; it is part of the
/// merge commit when there is one.
fn integrate(
    repo: &Repository,
    remote_name: &str,
    branch: &str,
    rebuild: &mut dyn FnMut() -> Result<()>,
    copies: &mut Vec<String>,
) -> Result<Integration> {
    let tracking = format!("refs/remotes/{remote_name}/{branch}");
    let Ok(theirs_ref) = repo.find_reference(&tracking) else {
        return Ok(Integration::NewBranch);
    };
    let theirs = theirs_ref.peel_to_commit().map_err(|e| Error::git("cannot read the remote branch", e))?;
    let local = format!("refs/heads/{branch}");
    let ours = match repo.find_reference(&local).and_then(|r| r.peel_to_commit()) {
        Ok(c) => c,
        Err(_) => {
            // Nothing committed here yet: take the remote's branch as it is.
            checkout(repo, theirs.as_object())?;
            repo.reference(&local, theirs.id(), true, "systemcraft sync: start from the remote")
                .map_err(|e| Error::git("cannot create the branch", e))?;
            repo.set_head(&local).map_err(|e| Error::git("cannot move HEAD", e))?;
            return Ok(Integration::FastForward);
        }
    };
    if ours.id() == theirs.id() || repo.graph_descendant_of(ours.id(), theirs.id()).unwrap_or(false) {
        return Ok(Integration::UpToDate);
    }
    if repo.graph_descendant_of(theirs.id(), ours.id()).unwrap_or(false) {
        checkout(repo, theirs.as_object())?;
        repo.reference(&local, theirs.id(), true, "systemcraft sync: fast-forward")
            .map_err(|e| Error::git("cannot move the branch", e))?;
        return Ok(Integration::FastForward);
    }

    let (mut merged, new_copies) = merge_index(repo, &ours, &theirs)?;
    let tree_id = merged.write_tree_to(repo).map_err(|e| Error::git("cannot write the merged tree", e))?;
    let tree = repo.find_tree(tree_id).map_err(|e| Error::git("cannot read the merged tree", e))?;
    checkout(repo, tree.as_object())?;
    copies.extend(new_copies);
    rebuild()?;
    let mut index = repo.index().map_err(|e| Error::git("cannot open the index", e))?;
    index.read_tree(&tree).map_err(|e| Error::git("cannot read the merged tree", e))?;
    if repo.workdir().is_some_and(|w| w.join(DASHBOARD_FILE).is_file()) {
        index.add_path(Path::new(DASHBOARD_FILE)).map_err(|e| Error::git("cannot stage the dashboard", e))?;
    }
    index.write().map_err(|e| Error::git("cannot write the index", e))?;
    let final_tree_id = index.write_tree().map_err(|e| Error::git("cannot write the tree", e))?;
    let final_tree = repo.find_tree(final_tree_id).map_err(|e| Error::git("cannot read the tree", e))?;
    let (sig, _) = super::signature(repo)?;
    let message = if copies.is_empty() {
        format!("Merge {remote_name}/{branch}")
    } else {
        format!("Merge {remote_name}/{branch}; kept both texts of {}", plural(copies.len()))
    };
    repo.commit(Some("HEAD"), &sig, &sig, &message, &final_tree, &[&ours, &theirs])
        .map_err(|e| Error::git("cannot write the merge commit", e))?;
    Ok(Integration::Merged)
}

fn plural(n: usize) -> String {
    format!("{n} note{}", if n == 1 { "" } else { "s" })
}

/// Updates the work tree and index to `target` from HEAD. The work tree matches
/// HEAD (everything was committed first), so a safe checkout changes only what
/// differs between the two trees and refuses to touch anything else.
fn checkout(repo: &Repository, target: &git2::Object<'_>) -> Result<()> {
    let mut co = CheckoutBuilder::new();
    co.safe().recreate_missing(true);
    repo.checkout_tree(target, Some(&mut co)).map_err(|e| Error::git("cannot update the work tree", e))
}

/// Fetches, integrates, and pushes the current branch, retrying a bounded number of
/// times when the remote moved between the fetch and the push. Local changes must
/// be committed before (the caller does it, so that they are safe even if the
/// remote cannot be reached).
pub fn sync(
    repo: &super::Repo,
    asked_remote: Option<&str>,
    rebuild: &mut dyn FnMut() -> Result<()>,
) -> Result<SyncReport> {
    let wrapper = repo;
    let repo = &repo.repo;
    let (branch, _unborn) = current_branch(repo)?;
    let remote = pick_remote(repo, &branch, asked_remote)?;
    let mut copies = Vec::new();
    let mut attempts = 0;
    loop {
        attempts += 1;
        fetch(repo, &remote, &branch)?;
        let integration = integrate(repo, &remote, &branch, rebuild, &mut copies)?;
        if integration == Integration::FastForward {
            // The remote's dashboard was made on its machine and its day: make ours.
            rebuild()?;
            wrapper.commit_paths(&[DASHBOARD_FILE.to_string()], "dashboard")?;
        }
        let local_exists = repo.find_reference(&format!("refs/heads/{branch}")).is_ok();
        if !local_exists {
            // Unborn here and nothing on the remote either: nothing to push.
            return Ok(SyncReport { remote, branch, integration, conflict_copies: copies, pushed: false, attempts });
        }
        let ahead = match (
            repo.refname_to_id(&format!("refs/heads/{branch}")),
            repo.refname_to_id(&format!("refs/remotes/{remote}/{branch}")),
        ) {
            (Ok(l), Ok(r)) => l != r,
            _ => true,
        };
        if !ahead {
            set_upstream(repo, &remote, &branch);
            return Ok(SyncReport { remote, branch, integration, conflict_copies: copies, pushed: false, attempts });
        }
        if push(repo, &remote, &branch)? {
            set_upstream(repo, &remote, &branch);
            return Ok(SyncReport { remote, branch, integration, conflict_copies: copies, pushed: true, attempts });
        }
        if attempts >= MAX_PUSH_ATTEMPTS {
            return Err(Error::RepoState {
                message: format!(
                    "the remote branch kept moving: {attempts} pushes were rejected (your commits are safe here)"
                ),
                next: "run `systemcraft sync` again in a moment".into(),
            });
        }
    }
}

fn set_upstream(repo: &Repository, remote: &str, branch: &str) {
    if let Ok(mut b) = repo.find_branch(branch, BranchType::Local) {
        if b.upstream().is_err() && repo.find_reference(&format!("refs/remotes/{remote}/{branch}")).is_ok() {
            let _ = b.set_upstream(Some(&format!("{remote}/{branch}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::Repo;

    fn init(dir: &Path) -> Repo {
        std::fs::create_dir_all(dir).unwrap();
        let repo = Repo::init(dir).unwrap();
        let mut cfg = repo.repo.config().unwrap();
        cfg.set_str("user.name", "t").unwrap();
        cfg.set_str("user.email", "t@example.com").unwrap();
        repo
    }

    fn commit_file(repo: &Repo, rel: &str, text: &str) {
        std::fs::write(repo.workdir().unwrap().join(rel), text).unwrap();
        repo.commit_all(&format!("edit {rel}")).unwrap().expect("a commit");
    }

    #[test]
    fn a_push_rejected_because_the_remote_moved_is_retried_after_merging_again() {
        let dir = tempfile::tempdir().unwrap();
        let bare = dir.path().join("remote.git");
        let mut opts = git2::RepositoryInitOptions::new();
        opts.bare(true).initial_head("main");
        Repository::init_opts(&bare, &opts).unwrap();
        let url = bare.to_str().unwrap();

        let a = init(&dir.path().join("a"));
        a.repo.remote("origin", url).unwrap();
        commit_file(&a, "start.md", "start\n");
        let mut noop = || Ok(());
        assert!(sync(&a, None, &mut noop).unwrap().pushed);

        let b = init(&dir.path().join("b"));
        b.repo.remote("origin", url).unwrap();
        assert_eq!(sync(&b, None, &mut noop).unwrap().integration, Integration::FastForward);

        // Both sides commit; B pushes first, so A has to merge.
        commit_file(&a, "a.md", "from a\n");
        commit_file(&b, "b.md", "from b\n");
        sync(&b, None, &mut noop).unwrap();
        // While A is merging, B pushes again: A's first push is rejected.
        let mut raced = false;
        let mut race = || {
            if !raced {
                raced = true;
                commit_file(&b, "b2.md", "from b again\n");
                sync(&b, None, &mut || Ok(())).unwrap();
            }
            Ok(())
        };
        let report = sync(&a, None, &mut race).unwrap();
        assert!(report.pushed);
        assert_eq!(report.attempts, 2);
        assert_eq!(report.integration, Integration::Merged);
        for f in ["a.md", "b.md", "b2.md"] {
            assert!(dir.path().join("a").join(f).exists(), "{f}");
        }
        let remote = Repository::open_bare(&bare).unwrap();
        assert_eq!(remote.refname_to_id("refs/heads/main").unwrap(), a.repo.refname_to_id("refs/heads/main").unwrap());
    }

    #[test]
    fn conflict_copies_keep_the_extension_and_never_collide() {
        let none = |_: &str| false;
        assert_eq!(conflict_path("stories/x.md", "abc1234", &none), "stories/x.conflict-abc1234.md");
        assert_eq!(conflict_path("notes", "abc1234", &none), "notes.conflict-abc1234");
        let taken = |p: &str| p == "stories/x.conflict-abc1234.md";
        assert_eq!(conflict_path("stories/x.md", "abc1234", &taken), "stories/x.conflict-abc1234-2.md");
    }
}
