//! `systemcraft check [PATH...] [--format text|json]`: the schema checks and the STAR
//! checks of every note (or of the notes and folders given), printed with their
//! locations and hints. Exits 1 when an error-level finding remains, 0 otherwise.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::Report;
use crate::cli::{CheckArgs, CheckFormat};
use crate::diag::rel_path;
use crate::pipeline::Pipeline;
use crate::{Error, Globals, Result, EXIT_FAILURE, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: CheckArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let scopes = scopes(&ws.root, &args.paths)?;
    let mut pipeline = Pipeline::load(ws, globals.today)?;
    let model = pipeline.model();
    let root = pipeline.workspace.root.clone();
    let selected = |rel: &str| {
        scopes.is_empty() || scopes.iter().any(|s| s.is_empty() || rel == s || rel.starts_with(&format!("{s}/")))
    };
    let read = |rel: &str| crate::fs::read::read_text_in(&root, rel).ok();
    let report = Report::collect(&pipeline.config, &pipeline.index, &model, &selected, &read);
    match args.format {
        CheckFormat::Json => {
            let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
            text.push('\n');
            anstream::stdout().write_all(text.as_bytes()).map_err(crate::output::error)?;
        }
        CheckFormat::Text => print(&report).map_err(crate::output::error)?,
    }
    Ok(if report.errors > 0 { EXIT_FAILURE } else { EXIT_OK })
}

/// The workspace-relative paths the arguments name (`""` for the root); a path
/// outside the workspace or that does not exist is a usage error.
fn scopes(root: &Path, paths: &[PathBuf]) -> Result<Vec<String>> {
    let root = root.canonicalize().map_err(|e| Error::io("cannot read", root, e))?;
    let cwd = std::env::current_dir().map_err(|e| Error::io("cannot read", ".", e))?;
    paths
        .iter()
        .map(|p| {
            let full = cwd.join(p);
            let full =
                full.canonicalize().map_err(|_| Error::Usage(format!("{}: no such file or folder", p.display())))?;
            let rel = full
                .strip_prefix(&root)
                .map_err(|_| Error::Usage(format!("{} is outside the workspace {}", p.display(), root.display())))?;
            Ok(rel_path(rel))
        })
        .collect()
}

/// The findings as `path:line:col: severity: message [code]`, a hint under each, and
/// a summary line.
fn print(report: &Report) -> std::io::Result<()> {
    let mut out = anstream::stdout().lock();
    out.write_all(crate::render::terminal::diagnostics(&report.findings).as_bytes())?;
    let notes = format!("{} note{}", report.checked, if report.checked == 1 { "" } else { "s" });
    if report.findings.is_empty() {
        writeln!(out, "No problems in {notes}.")
    } else {
        writeln!(
            out,
            "{} error{}, {} warning{} in {notes} ({} stor{} checked against STAR).",
            report.errors,
            if report.errors == 1 { "" } else { "s" },
            report.warnings,
            if report.warnings == 1 { "" } else { "s" },
            report.stories,
            if report.stories == 1 { "y" } else { "ies" }
        )
    }
}
