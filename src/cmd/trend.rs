//! `systemcraft trend`: readiness over time from the git history — a table and
//! sparklines on standard output, optionally an SVG chart; a progress bar on standard
//! error while many days are scored.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::TrendArgs;
use crate::trend::Trend;
use crate::{Globals, Result, EXIT_OK};

/// Days to score before a progress bar is worth showing.
const PROGRESS_FROM: usize = 50;

/// Runs the command.
pub fn run(globals: &Globals, args: TrendArgs) -> Result<i32> {
    let since = args.since.as_deref().map(crate::parse_date).transpose()?;
    let workspace = globals.workspace()?;
    let mut bar: Option<ProgressBar> = None;
    let trend = Trend::compute(&workspace.root, since, &mut |done, total| {
        if total <= PROGRESS_FROM {
            return;
        }
        bar.get_or_insert_with(|| progress_bar(total)).set_position(done as u64);
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let trend = trend?;
    let mut out = anstream::stdout().lock();
    if trend.days.is_empty() {
        match since {
            Some(date) => writeln!(out, "No commits since {date}."),
            None => writeln!(out, "No commits yet: the trend starts with the first commit of the workspace."),
        }
        .map_err(crate::output::error)?;
        return Ok(EXIT_OK);
    }
    write!(out, "{}\n{}", trend.table(), trend.sparklines()).map_err(crate::output::error)?;
    if let Some(path) = &args.svg {
        super::create_parent(path)?;
        crate::fs::target::write_named(path, trend.svg().as_bytes(), SVG)?;
        writeln!(out, "\nChart written to {}", path.display()).map_err(crate::output::error)?;
    }
    Ok(EXIT_OK)
}

/// What `--svg` writes, to recognise a chart it may replace.
const SVG: crate::fs::target::Kind = crate::fs::target::Kind {
    what: "an SVG chart",
    is_one: |head| head.starts_with(b"<svg") || head.starts_with(b"<?xml"),
};

/// A bar on standard error, drawn only when it is a terminal.
fn progress_bar(total: usize) -> ProgressBar {
    let target =
        if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
    let bar = ProgressBar::with_draw_target(Some(total as u64), target);
    if let Ok(style) = ProgressStyle::with_template("scoring days {bar:30} {pos}/{len} ({eta} left)") {
        bar.set_style(style);
    }
    bar
}
