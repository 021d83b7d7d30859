//! `systemcraft sync`: check the repository, rebuild and commit local changes (so they
//! are safe whatever the network does), then fetch, integrate, regenerate the
//! dashboard and push.

use std::io::Write;

use crate::cli::SyncArgs;
use crate::git::merge::CopyReason;
use crate::git::sync::{self, Integration};
use crate::git::{self, Repo};
use crate::pipeline::Pipeline;
use crate::workspace::Workspace;
use crate::{output, Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: SyncArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let repo = Repo::open_at(&ws.root).ok_or_else(|| Error::NotARepo { path: ws.root.clone() })?;
    let _lock = repo.lock(|| eprintln!("waiting for another systemcraft command (sync, commit, watch) to finish…"))?;
    sync::preflight(&repo)?;
    let mut out = anstream::stdout().lock();
    let mut printed = Ok(());

    let pipeline = rebuild(&ws, globals.today)?;
    let changes = repo.changes()?;
    if !changes.is_empty() {
        repo.ensure_committable(&changes)?;
        let message = git::message::summarise(&changes, &pipeline.index);
        if let Some(c) = repo.commit_all(&message)? {
            // The commit is made: a failed print is reported, and the sync goes on so
            // the local work still reaches the remote.
            printed = printed.and(writeln!(out, "Committed {}: {}", c.id, message.lines().next().unwrap_or_default()));
        }
    }

    let mut regenerate = || rebuild(&ws, globals.today).map(|_| ());
    let report = sync::sync(&repo, args.remote.as_deref(), &mut regenerate)?;
    printed.and_then(|()| print_report(&mut out, &report)).map_err(output::error)?;
    Ok(EXIT_OK)
}

/// Says how the remote's work came in, what was kept aside, and what was pushed.
fn print_report(out: &mut impl Write, report: &sync::SyncReport) -> std::io::Result<()> {
    let with = format!("{}/{}", report.remote, report.branch);
    match report.integration {
        Integration::UpToDate => writeln!(out, "{with} had nothing new."),
        Integration::NewBranch => writeln!(out, "{with} does not exist yet; it is created by this push."),
        Integration::FastForward => writeln!(out, "Brought in the commits of {with} (fast-forward)."),
        Integration::Merged => writeln!(out, "Merged {with} into {}.", report.branch),
    }?;
    print_copies(out, report)?;
    if report.attempts > 1 {
        writeln!(out, "The remote moved during the sync; fetched and merged again ({} rounds).", report.attempts)?;
    }
    if report.pushed {
        writeln!(out, "Pushed {} to {}.", report.branch, report.remote)
    } else {
        writeln!(out, "Nothing to push: {} and {with} are the same.", report.branch)
    }
}

/// Lists the texts kept beside their originals, each side named by the commit its
/// text comes from (never "yours" and "theirs": both may be the user's own work).
fn print_copies(out: &mut impl Write, report: &sync::SyncReport) -> std::io::Result<()> {
    let (both, ignored): (Vec<_>, Vec<_>) =
        report.conflict_copies.iter().partition(|c| c.reason == CopyReason::BothChanged);
    if !both.is_empty() {
        let here = report.local_commit.as_deref().unwrap_or("this clone");
        writeln!(out, "Changed on both sides, so both texts are kept: the one at the note's path is from commit {here} (this clone), the copy's from the commit named in it ({}/{}):", report.remote, report.branch)?;
        for copy in &both {
            writeln!(out, "  {}  (text of {} from commit {})", copy.path, copy.original, copy.commit)?;
        }
        writeln!(
            out,
            "Merge what you need into the original, then delete the copy; the dashboard lists it until then."
        )?;
    }
    if !ignored.is_empty() {
        writeln!(out, "An ignored file of this clone stood where a tracked file came in; it was kept aside:")?;
        for copy in &ignored {
            writeln!(out, "  {} -> {}", copy.original, copy.path)?;
        }
    }
    Ok(())
}

/// Loads the workspace as it is on disk and writes its dashboard.
fn rebuild(ws: &Workspace, today: jiff::civil::Date) -> Result<Pipeline> {
    let mut pipeline = Pipeline::load(ws.clone(), today)?;
    let model = pipeline.model();
    pipeline.publish(&model)?;
    Ok(pipeline)
}
