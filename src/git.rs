//! Git through libgit2 (git2): creating the repository, committing files, and the
//! identity used when none is configured.

use std::path::Path;

use git2::{IndexAddOption, Repository, Signature};

use crate::{Error, Result};

/// The author used when git has no `user.name`/`user.email` configured.
pub const FALLBACK_NAME: &str = "systemcraft";
/// The e-mail of the fallback author.
pub const FALLBACK_EMAIL: &str = "systemcraft@localhost";

/// `user.name` from the user's git configuration, if set.
pub fn configured_name() -> Option<String> {
    git2::Config::open_default().ok()?.get_string("user.name").ok().filter(|s| !s.trim().is_empty())
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
        let repo = Repository::open(dir).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        (workdir == dir.canonicalize().ok()?).then_some(Repo { repo })
    }

    /// The work tree of a repository containing `dir` (possibly a parent), if any.
    pub fn enclosing(dir: &Path) -> Option<std::path::PathBuf> {
        Repository::discover(dir).ok()?.workdir().map(Path::to_path_buf)
    }

    /// Creates a repository in `dir` with `main` as the initial branch.
    pub fn init(dir: &Path) -> Result<Repo> {
        let mut opts = git2::RepositoryInitOptions::new();
        opts.initial_head("main");
        let repo = Repository::init_opts(dir, &opts)
            .map_err(|e| Error::git(format!("cannot create a repository in {}", dir.display()), e))?;
        Ok(Repo { repo })
    }

    fn signature(&self) -> Result<(Signature<'static>, bool)> {
        match self.repo.signature() {
            Ok(s) => Ok((s.to_owned(), false)),
            Err(_) => Ok((
                Signature::now(FALLBACK_NAME, FALLBACK_EMAIL).map_err(|e| Error::git("cannot make a signature", e))?,
                true,
            )),
        }
    }

    /// Stages `paths` (workspace-relative, `/`-separated; ignored files are skipped) and
    /// commits them on the current branch. Returns `None` when nothing changed.
    pub fn commit_paths(&self, paths: &[String], message: &str) -> Result<Option<Committed>> {
        let mut index = self.repo.index().map_err(|e| Error::git("cannot open the index", e))?;
        index
            .add_all(paths.iter(), IndexAddOption::DEFAULT, None)
            .map_err(|e| Error::git("cannot stage the files", e))?;
        index.write().map_err(|e| Error::git("cannot write the index", e))?;
        let tree_id = index.write_tree().map_err(|e| Error::git("cannot write the tree", e))?;
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
