//! The remote side of a sync: which remote, credentials, fetching every branch,
//! pushing without force, and errors that name the real cause — a missing remote
//! path, a stale lock a killed push left on the remote, a local branch that is not
//! the remote's workspace branch.

use std::path::Path;

use git2::{BranchType, Direction, ErrorCode, FetchOptions, PushOptions, RemoteCallbacks, Repository};

use crate::config::PROFILE_FILE;
use crate::{Error, Result};

/// The remote to use: the one asked for, else the branch's upstream remote, else
/// `origin`, else the only remote.
pub(crate) fn pick_remote(repo: &Repository, branch: &str, asked: Option<&str>) -> Result<String> {
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
pub(crate) fn with_callbacks<T>(
    repo: &Repository,
    f: impl FnOnce(RemoteCallbacks<'_>) -> std::result::Result<T, git2::Error>,
) -> std::result::Result<T, git2::Error> {
    // The TLS trust store is loaded here, before the first connection, and nowhere
    // else (see `tls`).
    super::tls::for_network();
    let auth = auth_git2::GitAuthenticator::default();
    let config = repo.config()?;
    let mut cb = RemoteCallbacks::new();
    cb.credentials(auth.credentials(&config));
    f(cb)
}

pub(crate) fn remote_error(action: &'static str, remote: &git2::Remote<'_>, source: git2::Error) -> Error {
    let name = remote.name().ok().flatten().unwrap_or("?").to_string();
    if let Some(path) = remote.url().ok().and_then(local_path).filter(|p| !p.exists()) {
        // libgit2 calls this an "unsupported URL protocol".
        return Error::RepoState {
            message: format!("cannot {action} `{name}`: its path {} does not exist", path.display()),
            next: format!(
                "your commits are safe in this repository; mount the drive or fix the path with `git remote set-url {name} <PATH or URL>`, then `systemcraft sync` again"
            ),
        };
    }
    Error::Remote {
        action,
        remote: remote.name().ok().flatten().unwrap_or("?").to_string(),
        url: remote.url().unwrap_or("?").to_string(),
        source,
    }
}

/// The path of a remote given as a local path (not a URL, not `host:path`).
pub(crate) fn local_path(url: &str) -> Option<std::path::PathBuf> {
    if let Some(rest) = url.strip_prefix("file://") {
        return Some(rest.into());
    }
    let scp_like = url.split_once(':').is_some_and(|(host, _)| !host.contains('/') && host.len() > 1);
    (!url.contains("://") && !scp_like).then(|| url.into())
}

/// Refuses a local branch that is not the remote's workspace branch: pushing it
/// would make a second branch beside the workspace, and the two machines would sync
/// forever without seeing each other's notes.
pub(crate) fn check_branch(repo: &Repository, remote: &str, branch: &str, head: Option<&str>) -> Result<()> {
    let workspaces = workspace_branches(repo, remote, head);
    match workspaces.first() {
        Some(theirs) if !workspaces.iter().any(|w| w == branch) => Err(Error::RepoState {
            message: format!(
                "cannot sync: this clone is on branch `{branch}`, but the workspace on `{remote}` is on `{theirs}`"
            ),
            next: format!(
                "rename this branch to the remote's with `git branch -m {branch} {theirs}`, then `systemcraft sync` (your notes and the remote's are merged); on a new machine, `systemcraft clone <URL>` does it all"
            ),
        }),
        _ => Ok(()),
    }
}

/// Pushes the branch; [`Pushed::Rejected`] when the remote refused the update.
pub(crate) fn push(repo: &Repository, remote_name: &str, branch: &str) -> Result<Pushed> {
    let mut remote = repo.find_remote(remote_name).map_err(|e| Error::git("cannot open the remote", e))?;
    let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
    // Owned (not borrowed) by the callback, which must outlive any lifetime.
    let rejected = std::sync::Arc::new(std::sync::Mutex::new(None::<String>));
    let slot = rejected.clone();
    let result = with_callbacks(repo, |mut cb| {
        cb.push_update_reference(move |_, status| {
            if let Some(why) = status {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(why.to_string());
                }
            }
            Ok(())
        });
        let mut opts = PushOptions::new();
        opts.remote_callbacks(cb);
        remote.push(&[refspec.as_str()], Some(&mut opts))
    });
    let why = rejected.lock().ok().and_then(|mut s| s.take());
    match (result, why) {
        (Ok(()), None) => Ok(Pushed::Yes),
        (Ok(()), Some(why)) => Ok(Pushed::Rejected(why)),
        (Err(e), _) if e.code() == ErrorCode::NotFastForward => Ok(Pushed::Rejected(e.message().to_string())),
        (Err(e), _) if e.code() == ErrorCode::Locked || e.message().contains(".lock") => {
            Err(refused(repo, remote_name, branch, e.message()))
        }
        (Err(e), _) => Err(remote_error("push to", &remote, e)),
    }
}

/// How a push went.
pub(crate) enum Pushed {
    /// The remote took it.
    Yes,
    /// The remote refused the update, with its reason.
    Rejected(String),
}

/// The remote refused a push for a reason other than having moved: most often the
/// stale lock a killed push left on the branch. Names the lock file, on which remote,
/// and how to remove it.
pub(crate) fn refused(repo: &Repository, remote_name: &str, branch: &str, why: &str) -> Error {
    let url = repo.find_remote(remote_name).ok().and_then(|r| r.url().ok().map(str::to_string)).unwrap_or_default();
    let local_lock =
        local_path(&url).map(|p| p.join("refs").join("heads").join(format!("{branch}.lock"))).filter(|p| p.exists());
    match local_lock {
        Some(lock) => Error::RepoState {
            message: format!(
                "cannot push to `{remote_name}` ({url}): its branch `{branch}` is locked by {}, left by a push that was interrupted (your commits are safe here)",
                lock.display()
            ),
            next: format!(
                "if no other machine is pushing to it right now, remove the stale lock with `rm {}`, then `systemcraft sync`",
                lock.display()
            ),
        },
        None if why.contains(".lock") || why.contains("lock") => Error::RepoState {
            message: format!("cannot push to `{remote_name}` ({url}): the remote says \"{why}\" (your commits are safe here)"),
            next: format!(
                "a push that was interrupted left a lock on the remote: if no push is running, remove refs/heads/{branch}.lock in the repository on the server, then `systemcraft sync`"
            ),
        },
        None => Error::RepoState {
            message: format!("`{remote_name}` ({url}) refused the push of `{branch}`: {why} (your commits are safe here)"),
            next: "check the remote's settings (protected branch, permissions), then `systemcraft sync`".into(),
        },
    }
}

/// The branches of `remote` (as fetched into `refs/remotes/<remote>/`) whose last
/// commit holds a workspace, best first: the remote HEAD's branch (when known), then
/// `main`, `master`, then the others by name.
pub fn workspace_branches(repo: &Repository, remote: &str, head: Option<&str>) -> Vec<String> {
    let prefix = format!("{remote}/");
    let mut found: Vec<String> = repo
        .branches(Some(BranchType::Remote))
        .into_iter()
        .flatten()
        .filter_map(|b| b.ok())
        .filter_map(|(b, _)| {
            let name = b.name().ok().flatten()?.strip_prefix(&prefix)?.to_string();
            let tree = b.get().peel_to_tree().ok()?;
            (name != "HEAD" && tree.get_path(Path::new(PROFILE_FILE)).is_ok()).then_some(name)
        })
        .collect();
    let rank = |n: &str| match n {
        n if Some(n) == head => 0,
        "main" => 1,
        "master" => 2,
        _ => 3,
    };
    found.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    found
}

/// Fetches every branch of `remote` into `refs/remotes/<remote>/*`. With `ask_head`,
/// also returns the branch the remote's HEAD names, if it says (a second connection:
/// `sync` does without, so an ssh remote asks for a passphrase once).
pub fn fetch_all(repo: &Repository, remote_name: &str, ask_head: bool) -> Result<Option<String>> {
    let mut remote = repo.find_remote(remote_name).map_err(|e| Error::git("cannot open the remote", e))?;
    let refspec = format!("+refs/heads/*:refs/remotes/{remote_name}/*");
    with_callbacks(repo, |cb| {
        let mut opts = FetchOptions::new();
        opts.remote_callbacks(cb);
        remote.fetch(&[refspec.as_str()], Some(&mut opts), None)
    })
    .map_err(|e| remote_error("fetch from", &remote, e))?;
    if !ask_head {
        return Ok(None);
    }
    let head = with_callbacks(repo, |cb| {
        remote.connect_auth(Direction::Fetch, Some(cb), None)?;
        let head = remote.default_branch().ok().map(|b| String::from_utf8_lossy(&b).into_owned());
        let _ = remote.disconnect();
        Ok(head)
    })
    .unwrap_or(None)
    .or_else(|| {
        // A HEAD naming a branch that does not exist is not advertised; a local
        // remote says it anyway.
        let path = local_path(remote.url().ok()?)?;
        let bare = Repository::open_bare(path).ok()?;
        let head = bare.find_reference("HEAD").ok()?;
        head.symbolic_target().ok().flatten().map(str::to_string)
    });
    Ok(head.map(|h| h.trim_start_matches("refs/heads/").to_string()))
}
