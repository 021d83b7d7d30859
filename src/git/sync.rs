//! Syncing a workspace with a remote: fetch, integrate (fast-forward, or a merge
//! commit that never loses a note), regenerate the dashboard, push — with a bounded
//! retry when the remote moves meanwhile, and never a force-push.
//!
//! How two sides' notes are merged is [`super::merge`]'s; the remote side (which
//! remote, fetch, push, its errors) is [`super::remote`]'s. Ignored files a tracked
//! file comes in over are moved aside first. DASHBOARD.md is never merged: the caller
//! regenerates it from the merged notes.

use std::path::Path;

use git2::{build::CheckoutBuilder, BranchType, ErrorCode, Repository, RepositoryState};

use super::remote::{check_branch, pick_remote, push, refused, Pushed};

use super::merge::{conflict_path, merge_index, ConflictCopy, CopyReason};

use crate::workspace::generated_files;
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
    /// Texts kept beside their originals: conflict copies, and ignored files a
    /// tracked file came in over.
    pub conflict_copies: Vec<ConflictCopy>,
    /// Short id of this clone's commit the merge started from (whose texts stay at
    /// their paths).
    pub local_commit: Option<String>,
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

/// Brings the remote branch in (fetched already). `rebuild` regenerates DASHBOARD.md
/// from the work tree after the remote's notes are checked out; it is part of the
/// merge commit when there is one.
fn integrate(
    repo: &Repository,
    remote_name: &str,
    branch: &str,
    rebuild: &mut dyn FnMut() -> Result<()>,
    copies: &mut Vec<ConflictCopy>,
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
            keep_ignored_aside(repo, None, &tree_of(&theirs)?, copies)?;
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
        keep_ignored_aside(repo, Some(&ours), &tree_of(&theirs)?, copies)?;
        checkout(repo, theirs.as_object())?;
        repo.reference(&local, theirs.id(), true, "systemcraft sync: fast-forward")
            .map_err(|e| Error::git("cannot move the branch", e))?;
        return Ok(Integration::FastForward);
    }

    let fresh = super::fresh::Record::read(repo);
    let workdir = repo.workdir().map(Path::to_path_buf);
    let taken = |p: &str| workdir.as_ref().is_some_and(|w| w.join(p).exists()) || copies.iter().any(|c| c.path == p);
    let (mut merged, new_copies) = merge_index(repo, &ours, &theirs, &fresh, &taken)?;
    let tree_id = merged.write_tree_to(repo).map_err(|e| Error::git("cannot write the merged tree", e))?;
    let tree = repo.find_tree(tree_id).map_err(|e| Error::git("cannot read the merged tree", e))?;
    copies.extend(new_copies);
    keep_ignored_aside(repo, Some(&ours), &tree, copies)?;
    checkout(repo, tree.as_object())?;
    rebuild()?;
    let mut index = repo.index().map_err(|e| Error::git("cannot open the index", e))?;
    index.read_tree(&tree).map_err(|e| Error::git("cannot read the merged tree", e))?;
    for generated in repo.workdir().map(generated_files).unwrap_or_default() {
        index.add_path(Path::new(&generated)).map_err(|e| Error::git("cannot stage the dashboard", e))?;
    }
    index.write().map_err(|e| Error::git("cannot write the index", e))?;
    let final_tree_id = index.write_tree().map_err(|e| Error::git("cannot write the tree", e))?;
    let final_tree = repo.find_tree(final_tree_id).map_err(|e| Error::git("cannot read the tree", e))?;
    let who = super::identity(repo)?;
    let message = if copies.is_empty() {
        format!("Merge {remote_name}/{branch}")
    } else {
        format!("Merge {remote_name}/{branch}; kept both texts of {}", plural(copies.len()))
    };
    repo.commit(Some("HEAD"), &who.author, &who.committer, &message, &final_tree, &[&ours, &theirs])
        .map_err(|e| Error::git("cannot write the merge commit", e))?;
    Ok(Integration::Merged)
}

fn tree_of<'r>(commit: &git2::Commit<'r>) -> Result<git2::Tree<'r>> {
    commit.tree().map_err(|e| Error::git("cannot read a commit's files", e))
}

/// Moves aside every ignored file of the work tree that a tracked file of `target`
/// (not tracked at `ours`) is about to replace: checkout overwrites ignored files
/// without a word, and an ignored note is still the user's text. The copy is named
/// like a conflict copy, after the local commit, and stays out of git like the
/// original (listed in `.git/info/exclude`).
fn keep_ignored_aside(
    repo: &Repository,
    ours: Option<&git2::Commit<'_>>,
    target: &git2::Tree<'_>,
    copies: &mut Vec<ConflictCopy>,
) -> Result<()> {
    let Some(workdir) = repo.workdir().map(Path::to_path_buf) else { return Ok(()) };
    let ours_tree = ours.map(tree_of).transpose()?;
    let tag = ours.map_or_else(|| "0000000".to_string(), |c| c.id().to_string()[..7].to_string());
    let mut incoming = Vec::new();
    let _ = target.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        if entry.kind() == Some(git2::ObjectType::Blob) {
            incoming.push(format!("{dir}{}", entry.name().unwrap_or_default()));
        }
        git2::TreeWalkResult::Ok
    });
    for rel in incoming {
        let tracked_here = ours_tree.as_ref().is_some_and(|t| t.get_path(Path::new(&rel)).is_ok());
        let abs = workdir.join(crate::diag::to_path(&rel));
        if tracked_here || !abs.is_file() || !repo.status_should_ignore(Path::new(&rel)).unwrap_or(false) {
            continue;
        }
        let copy = conflict_path(&rel, &tag, &|p| {
            workdir.join(crate::diag::to_path(p)).exists()
                || target.get_path(Path::new(p)).is_ok()
                || copies.iter().any(|c| c.path == p)
        });
        let to = workdir.join(crate::diag::to_path(&copy));
        std::fs::rename(&abs, &to).map_err(|e| Error::io("cannot keep an ignored file aside", &abs, e))?;
        // The original was kept out of git on purpose: so is its copy, on this machine.
        exclude_locally(repo, &copy)?;
        copies.push(ConflictCopy { path: copy, original: rel, commit: tag.clone(), reason: CopyReason::Ignored });
    }
    Ok(())
}

/// Adds `rel` to `.git/info/exclude`, the ignore list of this clone only.
fn exclude_locally(repo: &Repository, rel: &str) -> Result<()> {
    let path = repo.path().join("info").join("exclude");
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("/{rel}\n"));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    }
    std::fs::write(&path, text).map_err(|e| Error::io("cannot write", &path, e))
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
    let mut report = SyncReport {
        local_commit: repo.head().ok().and_then(|h| h.target()).map(|id| id.to_string()[..7].to_string()),
        remote,
        branch,
        integration: Integration::UpToDate,
        conflict_copies: Vec::new(),
        pushed: false,
        attempts: 0,
    };
    let (remote, branch) = (report.remote.clone(), report.branch.clone());
    loop {
        report.attempts += 1;
        let head = super::remote::fetch_all(repo, &remote, false)?;
        if report.attempts == 1 {
            check_branch(repo, &remote, &branch, head.as_deref())?;
        }
        report.integration = integrate(repo, &remote, &branch, rebuild, &mut report.conflict_copies)?;
        if report.integration == Integration::FastForward {
            // The remote's dashboard was made on its machine and its day: make ours.
            rebuild()?;
            let generated = repo.workdir().map(generated_files).unwrap_or_default();
            wrapper.commit_paths(&generated, "dashboard")?;
        }
        let local = repo.refname_to_id(&format!("refs/heads/{branch}")).ok();
        let merged_with = repo.refname_to_id(&format!("refs/remotes/{remote}/{branch}")).ok();
        if local.is_none() {
            // Unborn here and nothing on the remote either: nothing to push.
            return Ok(report);
        }
        if local == merged_with {
            set_upstream(repo, &remote, &branch);
            return Ok(report);
        }
        match push(repo, &remote, &branch)? {
            Pushed::Yes => {
                set_upstream(repo, &remote, &branch);
                report.pushed = true;
                return Ok(report);
            }
            Pushed::Rejected(why) => {
                // Fine if the remote moved meanwhile (merge again); if it did not,
                // another round would be rejected the same way.
                super::remote::fetch_all(repo, &remote, false)?;
                if repo.refname_to_id(&format!("refs/remotes/{remote}/{branch}")).ok() == merged_with {
                    return Err(refused(repo, &remote, &branch, &why));
                }
            }
        }
        if report.attempts >= MAX_PUSH_ATTEMPTS {
            return Err(Error::RepoState {
                message: format!(
                    "the remote branch kept moving: {} pushes were rejected (your commits are safe here)",
                    report.attempts
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
}
