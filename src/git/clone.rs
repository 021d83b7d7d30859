//! A second machine in one command: cloning a remote and checking out the branch
//! that holds the workspace (the one with `systemcraft.yaml`), whatever the remote's
//! HEAD names — a remote made by a plain `git init --bare` points HEAD at `master`
//! while the workspace was pushed to `main`. Also the check `sync` makes that the
//! local branch is the remote's workspace branch.

use std::path::Path;

use git2::{build::CheckoutBuilder, BranchType, Repository};

use super::remote::{fetch_all, workspace_branches};
use super::Repo;
use crate::{Error, Result};

/// What `clone` made.
pub struct Cloned {
    /// The repository.
    pub repo: Repo,
    /// The branch checked out (the remote's workspace branch).
    pub branch: String,
    /// The branch the remote's HEAD names, when it differs.
    pub remote_head: Option<String>,
}

/// Clones `url` into `dir` (absent or empty) with `origin` as the remote and the
/// workspace branch checked out and tracking its remote branch.
pub fn clone(url: &str, dir: &Path) -> Result<Cloned> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Error::RepoState {
            message: format!("cannot clone into {}: the folder is not empty", dir.display()),
            next: "name a new folder: `systemcraft clone <URL> <DIR>`".into(),
        });
    }
    let made_dir = !dir.exists();
    let result = clone_into(url, dir);
    if result.is_err() {
        // Leave nothing half-made behind.
        if made_dir {
            let _ = std::fs::remove_dir_all(dir);
        } else {
            let _ = std::fs::remove_dir_all(dir.join(".git"));
        }
    }
    result
}

fn clone_into(url: &str, dir: &Path) -> Result<Cloned> {
    let repo = Repo::init(dir)?;
    let (branch, remote_head) = check_out_workspace(repo.repository(), url)?;
    Ok(Cloned { repo, branch, remote_head })
}

/// Adds `origin`, fetches it and checks out its workspace branch: returns the branch
/// and the remote HEAD's branch when it differs.
fn check_out_workspace(git: &Repository, url: &str) -> Result<(String, Option<String>)> {
    git.remote("origin", url).map_err(|e| Error::git(format!("cannot add the remote {url}"), e))?;
    let head = fetch_all(git, "origin", true)?;
    let branches = workspace_branches(git, "origin", head.as_deref());
    let Some(branch) = branches.first().cloned() else {
        let any = git.branches(Some(BranchType::Remote)).map(|mut b| b.next().is_some()).unwrap_or(false);
        let message = if any {
            format!("no branch of {url} holds a systemcraft workspace (a systemcraft.yaml at its top)")
        } else {
            format!("{url} is empty: nothing has been pushed to it yet")
        };
        return Err(Error::RepoState {
            message: format!("cannot clone: {message}"),
            next: "on the machine that has your workspace, add this remote (`git remote add origin <URL>`) and run `systemcraft sync`; then clone again".into(),
        });
    };
    let commit = git
        .find_reference(&format!("refs/remotes/origin/{branch}"))
        .and_then(|r| r.peel_to_commit())
        .map_err(|e| Error::git("cannot read the remote branch", e))?;
    let local = format!("refs/heads/{branch}");
    git.reference(&local, commit.id(), true, "systemcraft clone")
        .map_err(|e| Error::git("cannot create the branch", e))?;
    git.set_head(&local).map_err(|e| Error::git("cannot move HEAD", e))?;
    let mut co = CheckoutBuilder::new();
    co.force();
    git.checkout_head(Some(&mut co)).map_err(|e| Error::git("cannot check out the workspace", e))?;
    let mut b = git.find_branch(&branch, BranchType::Local).map_err(|e| Error::git("cannot read the branch", e))?;
    b.set_upstream(Some(&format!("origin/{branch}"))).map_err(|e| Error::git("cannot set the upstream", e))?;
    let remote_head = head.filter(|h| *h != branch);
    Ok((branch, remote_head))
}
