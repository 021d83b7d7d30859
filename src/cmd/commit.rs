//! `systemcraft commit`: rebuild the dashboard, then commit every change of the
//! workspace with a message that names what changed.

use std::io::Write;

use crate::cli::CommitArgs;
use crate::git::{self, Repo};
use crate::pipeline::Pipeline;
use crate::{Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: CommitArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let repo = Repo::open_at(&ws.root).ok_or_else(|| Error::NotARepo { path: ws.root.clone() })?;
    let _lock = repo.lock(|| eprintln!("waiting for another systemcraft command (sync, commit, watch) to finish…"))?;
    // Refuse before touching anything, so a merge in progress keeps its state.
    repo.ensure_committable(&[])?;
    let mut pipeline = Pipeline::load(ws, globals.today)?;
    let model = pipeline.model();
    pipeline.publish(&model)?;

    let changes = repo.changes()?;
    let mut out = anstream::stdout().lock();
    if changes.is_empty() {
        writeln!(out, "Nothing to commit: the workspace matches the last commit.").map_err(crate::output::error)?;
        return Ok(EXIT_OK);
    }
    repo.ensure_committable(&changes)?;
    let message = match args.message {
        Some(m) if !m.trim().is_empty() => m,
        _ => git::message::summarise(&changes, &pipeline.index),
    };
    match repo.commit_all(&message)? {
        Some(c) => {
            let subject = message.lines().next().unwrap_or_default();
            writeln!(out, "Committed {} ({} changed): {subject}", c.id, plural(changes.len()))
                .map_err(crate::output::error)?;
            if c.fallback_author {
                writeln!(
                    out,
                    "  no git identity is configured, so the author is \"{} <{}>\"; set yours with `git config --global user.name …` and `git config --global user.email …`",
                    git::FALLBACK_NAME,
                    git::FALLBACK_EMAIL
                ).map_err(crate::output::error)?;
            }
        }
        None => {
            writeln!(out, "Nothing to commit: the workspace matches the last commit.").map_err(crate::output::error)?;
        }
    }
    Ok(EXIT_OK)
}

fn plural(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}
