//! The error type of the core: failures that stop a command (as opposed to
//! [`crate::diag::Diagnostic`]s, which are findings in notes and never stop a run).

use std::path::PathBuf;

/// Everything that can make a command fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `systemcraft.yaml` in the folder or any parent.
    #[error("not inside a systemcraft workspace (no systemcraft.yaml in {start} or any parent folder)")]
    NoWorkspace {
        /// Where the search started.
        start: PathBuf,
    },
    /// Reading or writing a file failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done ("cannot read", "cannot write", …).
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A git operation failed.
    #[error("git: {message}: {}", source.message())]
    Git {
        /// What was being done.
        message: String,
        /// libgit2's error.
        #[source]
        source: git2::Error,
    },
    /// A file the command would create exists already.
    #[error("{path} already exists; systemcraft never overwrites a note")]
    Exists {
        /// The file that is in the way.
        path: PathBuf,
    },
    /// `new log` for a day whose log exists: there is one log per day.
    #[error("the log for {date} already exists: {path}")]
    LogExists {
        /// The day.
        date: String,
        /// Its log.
        path: PathBuf,
    },
    /// The editor could not be run or failed.
    #[error("{0}")]
    Editor(String),
    /// The remote could not be reached, or refused the credentials.
    #[error("cannot {action} `{remote}` ({url}): {}", source.message())]
    Remote {
        /// "fetch from" or "push to".
        action: &'static str,
        /// The remote's name.
        remote: String,
        /// Its URL.
        url: String,
        /// libgit2's error.
        #[source]
        source: git2::Error,
    },
    /// The workspace is not the top folder of a git repository.
    #[error("{path} is not the top folder of a git repository")]
    NotARepo {
        /// The workspace root.
        path: PathBuf,
    },
    /// The repository is in a state where the command would be wrong.
    #[error("{message}")]
    RepoState {
        /// What is wrong.
        message: String,
        /// The command(s) to type next.
        next: String,
    },
    /// The file watcher could not be started or kept running.
    #[error("{0}")]
    Watch(String),
    /// A note or the profile could not be changed without risking what the user
    /// wrote in it; it was left as it was.
    #[error("cannot update {path}: {message}")]
    Edit {
        /// The file.
        path: PathBuf,
        /// What is in the way.
        message: String,
    },
    /// `plan` needs a study path, and the self-assessment does not give one yet.
    #[error("the self-assessment is not complete ({answered} of {total} questions answered), so it does not choose a study path yet")]
    NotAssessed {
        /// Questions answered.
        answered: usize,
        /// Questions in the form.
        total: usize,
    },
    /// `practice` has no story to rehearse (none at all, or none for the principle asked).
    #[error("{message}")]
    NoStory {
        /// What is missing.
        message: String,
        /// The command that starts the missing story.
        next: String,
    },
    /// A write the tool refused: the path leaves the workspace or goes through a
    /// symlink (see [`crate::fs::confine`]).
    #[error("refusing to write {path}: {reason}")]
    UnsafePath {
        /// The path refused (the link, or the path that leaves the workspace).
        path: PathBuf,
        /// Why.
        reason: &'static str,
    },
    /// A file the command reads is not a regular file (a named pipe, a device, a
    /// socket, a folder, a symlink): it is not opened for reading, so nothing hangs.
    #[error("cannot read {path}: it is {kind}, and systemcraft reads only regular files")]
    NotRegular {
        /// The file.
        path: PathBuf,
        /// What it is instead ("a named pipe").
        kind: &'static str,
    },
    /// A file or stream the command reads is larger than the cap.
    #[error("cannot read {path}: it is larger than {} MiB", limit / (1024 * 1024))]
    TooLarge {
        /// The file, or "standard input".
        path: PathBuf,
        /// The cap, in bytes.
        limit: u64,
    },
    /// An output file named on the command line exists and holds something else
    /// than what the command writes (a note, say): it is left alone.
    #[error("{path} exists and is not {what}; systemcraft does not overwrite it")]
    NotOurs {
        /// The file.
        path: PathBuf,
        /// What the command writes ("an iCalendar file").
        what: &'static str,
    },
    /// `init` was pointed at a folder inside an existing workspace: a second
    /// workspace there would have its files read as the outer one's notes.
    #[error("{dir} is inside the systemcraft workspace at {root}; not creating a workspace within a workspace")]
    NestedWorkspace {
        /// The folder `init` was given.
        dir: PathBuf,
        /// The root of the enclosing workspace (the folder holding systemcraft.yaml).
        root: PathBuf,
    },
    /// A value given on the command line is not usable.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }

    /// Wraps a git error with what was being done.
    pub fn git(message: impl Into<String>, source: git2::Error) -> Self {
        Error::Git { message: message.into(), source }
    }

    /// Whether this is a read or write of a file that does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }

    /// A hint printed under the error, when there is an obvious next step.
    pub fn hint(&self) -> Option<String> {
        let hint = match self {
            Error::NoWorkspace { .. } => "create one with `systemcraft init <DIR>`, or point at one with `-w <DIR>`",
            Error::Exists { .. } => "choose another title, or edit the existing file",
            Error::LogExists { path, .. } => {
                return Some(format!(
                    "there is one log per day: open {} and add today's work to it",
                    path.display()
                ))
            }
            Error::Edit { .. } => "the file was left as it was: fix it by hand, then run the command again",
            Error::NotAssessed { .. } => {
                "run `systemcraft assess` first, or choose a path with --path (quick-reference, six-week-intensive, twelve-week-comprehensive, foundation-building)"
            }
            Error::UnsafePath { reason, .. } if reason.contains("symlink") => {
                "systemcraft only writes regular files inside the workspace: replace the symlink with a real file or folder"
            }
            Error::UnsafePath { reason, .. } if reason.contains("leaves") || reason.contains("names the workspace") => {
                "systemcraft only writes inside the workspace"
            }
            Error::UnsafePath { .. } => "systemcraft only replaces regular files: move what is in the way, then run the command again",
            Error::NotRegular { kind, .. } if kind.contains("symlink") => {
                "inside the workspace systemcraft reads no file through a symlink, as the scan does: put the real file there"
            }
            Error::NotRegular { .. } => "replace it with a regular file (a named pipe or a device could block or never end)",
            Error::TooLarge { .. } => "a file systemcraft reads is a note-sized text; check that the right file is named",
            Error::NotOurs { .. } => "name a new file, or remove this one first if it is really not needed",
            Error::Watch(_) => "on network mounts or WSL drives, try `systemcraft watch --poll`",
            Error::NotARepo { .. } => "make it one with `git init` in the workspace (`systemcraft init` does this)",
            Error::RepoState { next, .. } => return Some(next.clone()),
            Error::NestedWorkspace { root, .. } => {
                return Some(format!(
                    "use the existing workspace (run systemcraft commands anywhere inside {}), or run `systemcraft init` in a folder outside it",
                    root.display()
                ))
            }
            Error::NoStory { next, .. } => return Some(format!("start one with `{next}`")),
            Error::Remote { source, .. } if source.code() == git2::ErrorCode::Auth => {
                "the remote refused the credentials: check your ssh key (`ssh-add -l`) or your credential helper; your commits are safe in this repository"
            }
            Error::Remote { .. } => {
                "your commits are safe in this repository; check the URL (`git remote -v`) and the network, then run `systemcraft sync` again"
            }
            Error::Git { source, .. } if source.code() == git2::ErrorCode::Locked => {
                "another git command seems to be running; if none is, remove the stale lock: `rm .git/index.lock`"
            }
            _ => return None,
        };
        Some(hint.to_string())
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
