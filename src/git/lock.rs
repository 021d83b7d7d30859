//! The one lock of the commands that write git state — `commit`, `sync` and
//! `watch --commit` — so that a commit never lands in the middle of a sync's merge
//! (libgit2 then refused the merge commit: "current tip is not the first parent").
//! An advisory lock on `.git/systemcraft.lock`, held by an open file: the system
//! releases it when the process ends, so a killed command leaves no stale lock.

use std::fs::File;
use std::path::PathBuf;

use super::Repo;
use crate::{Error, Result};

/// The lock file's name inside `.git`.
pub const LOCK_FILE: &str = "systemcraft.lock";

/// The held lock; dropping it releases it.
#[derive(Debug)]
pub struct GitLock {
    _file: File,
}

impl Repo {
    /// Takes the git-state lock, waiting for the command that holds it. `waiting` is
    /// called once, before waiting, when another command holds it.
    pub fn lock(&self, waiting: impl FnOnce()) -> Result<GitLock> {
        let path: PathBuf = self.repo.path().join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io("cannot open the lock", &path, e))?;
        // Called through the trait: std's own File::lock is newer than our rust-version.
        if fs4::FileExt::try_lock(&file).is_err() {
            waiting();
            fs4::FileExt::lock(&file).map_err(|e| Error::io("cannot take the lock", &path, e))?;
        }
        Ok(GitLock { _file: file })
    }
}
