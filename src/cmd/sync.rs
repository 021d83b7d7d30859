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
use crate::{Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: SyncArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let repo = Repo::open_at(&ws.root).ok_or_else(|| Error::NotARepo { path: ws.root.clone() })?;
    let _lock = repo.lock(|| eprintln!("waiting for another systemcraft command (sync, commit, watch) to finish…"))?;
    sync::preflight(&repo)?;
    let mut out = anstream::stdout().lock();

    let pipeline = rebuild(&ws, globals.today)?;
    let changes = repo.changes()?;
    if !changes.is_empty() {
        repo.ensure_committable(&changes)?;
        let message = git::message::summarise(&changes, &pipeline.index);
        if let Some(c) = repo.commit_all(&message)? {
            let _ = writeln!(out, "Committed {}: {}", c.id, message.lines().next().unwrap_or_default());
        }
    }

    let mut regenerate = || rebuild(&ws, globals.today).map(|_| ());
    let report = sync::sync(&repo, args.remote.as_deref(), &mut regenerate)?;
    let with = format!("{}/{}", report.remote, report.branch);
    let _ = match report.integration {
        Integration::UpToDate => writeln!(out, "{with} had nothing new."),
        Integration::NewBranch => writeln!(out, "{with} does not exist yet; it is created by this push."),
        Integration::FastForward => writeln!(out, "Brought in the commits of {with} (fast-forward)."),
        Integration::Merged => writeln!(out, "Merged {with} into {}.", report.branch),
    };
    print_copies(&mut out, &report);
    if report.attempts > 1 {
        let _ =
            writeln!(out, "The remote moved during the sync; fetched and merged again ({} rounds).", report.attempts);
    }
    let _ = if report.pushed {
        writeln!(out, "Pushed {} to {}.", report.branch, report.remote)
    } else {
        writeln!(out, "Nothing to push: {} and {with} are the same.", report.branch)
    };
    Ok(EXIT_OK)
}

/// Lists the texts kept beside their originals, each side named by the commit its
/// text comes from (never "yours" and "theirs": both may be the user's own work).
fn print_copies(out: &mut impl Write, report: &sync::SyncReport) {
    let (both, ignored): (Vec<_>, Vec<_>) =
        report.conflict_copies.iter().partition(|c| c.reason == CopyReason::BothChanged);
    if !both.is_empty() {
        let here = report.local_commit.as_deref().unwrap_or("this clone");
        let _ = writeln!(out, "Changed on both sides, so both texts are kept: the one at the note's path is from commit {here} (this clone), the copy's from the commit named in it ({}/{}):", report.remote, report.branch);
        for copy in &both {
            let _ = writeln!(out, "  {}  (text of {} from commit {})", copy.path, copy.original, copy.commit);
        }
        let _ = writeln!(
            out,
            "Merge what you need into the original, then delete the copy; the dashboard lists it until then."
        );
    }
    if !ignored.is_empty() {
        let _ = writeln!(out, "An ignored file of this clone stood where a tracked file came in; it was kept aside:");
        for copy in &ignored {
            let _ = writeln!(out, "  {} -> {}", copy.original, copy.path);
        }
    }
}

/// Loads the workspace as it is on disk and writes its dashboard.
fn rebuild(ws: &Workspace, today: jiff::civil::Date) -> Result<Pipeline> {
    let mut pipeline = Pipeline::load(ws.clone(), today)?;
    let model = pipeline.model();
    pipeline.write(&pipeline.dashboard(&model))?;
    Ok(pipeline)
}
