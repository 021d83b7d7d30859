//! The one-way pipeline every command and watch mode share: workspace → config and
//! [`Index`] → [`Model`] → Markdown and charts → atomic writes of DASHBOARD.md and
//! the SVG charts under `dashboard/` (each only when its bytes changed).

use jiff::civil::Date;

use crate::chart::dashboard::Chart;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::index::{Index, Versions};
use crate::render;
use crate::score::{self, Memo, Model, WeekScore};
use crate::workspace::{Skipped, Workspace};
use crate::Result;

/// A loaded workspace: its config and its parsed notes.
pub struct Pipeline {
    /// The workspace.
    pub workspace: Workspace,
    /// The resolved config.
    pub config: Config,
    /// Problems found in systemcraft.yaml.
    pub config_diagnostics: Vec<Diagnostic>,
    /// The parsed notes.
    pub index: Index,
    /// The bars at the ends of the last full weeks, from the git history.
    pub history: Vec<WeekScore>,
    // Parts of the last model, reused by the next one where no change can move them.
    memo: Memo,
    // Names that differ only by case, found when the set of notes last changed: they
    // depend on the paths alone, and a full walk per edit would cost milliseconds.
    collisions: Option<(Versions, Vec<Diagnostic>)>,
}

/// The charts of one build, as [`Pipeline::draw_charts`] left them.
#[derive(Debug)]
pub struct Drawn {
    /// The charts on disk, to embed: none when they could not be written.
    pub charts: Vec<Chart>,
    /// Why the charts could not be written.
    pub error: Option<crate::Error>,
}

/// What [`Pipeline::publish`] wrote.
#[derive(Debug)]
pub struct Published {
    /// The dashboard's Markdown.
    pub markdown: String,
    /// Whether DASHBOARD.md was written (its bytes changed).
    pub written: bool,
    /// The charts beside it.
    pub charts: Vec<Chart>,
}

impl Pipeline {
    /// Loads the profile and scans every note.
    pub fn load(workspace: Workspace, today: Date) -> Result<Pipeline> {
        let (config, config_diagnostics) = Config::load(&workspace.root, today)?;
        let index = Index::build(&workspace);
        let history = history(&workspace, today);
        Ok(Pipeline { workspace, config, config_diagnostics, index, history, memo: Memo::new(), collisions: None })
    }

    /// Computes the model; a part the changes since the last model cannot have moved
    /// is reused from it.
    pub fn model(&mut self) -> Model {
        let mut extra = self.config_diagnostics.clone();
        extra.extend(self.index.conflict_copies().map(conflict_copy));
        extra.extend(self.index.skipped().map(|(rel, why)| skipped(rel, why)));
        let versions = self.index.versions();
        match &self.collisions {
            Some((seen, found)) if seen.same_paths(&versions) => extra.extend(found.iter().cloned()),
            _ => {
                let found = case_collisions(&self.index);
                extra.extend(found.iter().cloned());
                self.collisions = Some((versions, found));
            }
        }
        let mut model = score::compute_with(&self.config, &self.index, extra, &mut self.memo);
        model.history.clone_from(&self.history);
        model
    }

    /// Reads the history again (the day changed, or HEAD moved).
    pub fn reload_history(&mut self) {
        self.history = history(&self.workspace, self.config.today);
    }

    /// The dashboard's Markdown, embedding `charts`.
    pub fn dashboard(&self, model: &Model, charts: &[Chart]) -> String {
        render::dashboard::render_with(model, charts)
    }

    /// Writes the charts and the dashboard of `model`, each only if its bytes
    /// changed. Charts that cannot be written fail the call, after the dashboard
    /// (without them) is written.
    pub fn publish(&self, model: &Model) -> Result<Published> {
        let drawn = self.draw_charts(model);
        let markdown = self.dashboard(model, &drawn.charts);
        let written = self.write(&markdown)?;
        match drawn.error {
            Some(e) => Err(e),
            None => Ok(Published { markdown, written, charts: drawn.charts }),
        }
    }

    /// Draws the charts of `model` and writes each whose bytes changed. When they
    /// cannot be written (a file or a link where `dashboard/` should be), none is
    /// kept, so the dashboard is rendered without images that would not load, and
    /// the error is returned beside it for the caller to report.
    pub fn draw_charts(&self, model: &Model) -> Drawn {
        let charts = self.charts(model);
        match self.write_charts(&charts) {
            Ok(_) => Drawn { charts, error: None },
            Err(e) => Drawn { charts: Vec::new(), error: Some(e) },
        }
    }

    /// The charts drawn beside the dashboard: none when `charts: false`.
    pub fn charts(&self, model: &Model) -> Vec<Chart> {
        if self.config.charts {
            crate::chart::dashboard::charts(model)
        } else {
            Vec::new()
        }
    }

    /// Writes each chart whose bytes differ from its file; returns the paths written.
    pub fn write_charts(&self, charts: &[Chart]) -> Result<Vec<String>> {
        let mut written = Vec::new();
        for c in charts {
            if crate::fs::write_in(&self.workspace.root, &c.path, c.svg.as_bytes(), crate::fs::Durability::Regenerable)?
            {
                written.push(c.path.clone());
            }
        }
        Ok(written)
    }

    /// The charts whose files do not hold exactly their bytes.
    pub fn stale_charts<'c>(&self, charts: &'c [Chart]) -> Vec<&'c Chart> {
        charts
            .iter()
            .filter(|c| !crate::fs::read::read_in(&self.workspace.root, &c.path).is_ok_and(|b| b == c.svg.as_bytes()))
            .collect()
    }

    /// Writes DASHBOARD.md if its content changed; returns whether it was written.
    pub fn write(&self, markdown: &str) -> Result<bool> {
        crate::fs::write_in(
            &self.workspace.root,
            crate::workspace::DASHBOARD_FILE,
            markdown.as_bytes(),
            crate::fs::Durability::Regenerable,
        )
    }

    /// Writes DASHBOARD.md without comparing first: for a caller that knows the bytes
    /// differ from the file's.
    pub fn replace(&self, markdown: &str) -> Result<()> {
        crate::fs::replace_in(
            &self.workspace.root,
            crate::workspace::DASHBOARD_FILE,
            markdown.as_bytes(),
            crate::fs::Durability::Regenerable,
        )
    }

    /// Whether DASHBOARD.md on disk holds exactly `markdown`.
    pub fn is_current(&self, markdown: &str) -> bool {
        crate::fs::read::read_in(&self.workspace.root, crate::workspace::DASHBOARD_FILE)
            .is_ok_and(|b| b == markdown.as_bytes())
    }
}

/// The problem reported for a conflict copy until the user removes it.
fn conflict_copy(rel: &str) -> Diagnostic {
    let original = crate::workspace::conflict_original(rel).unwrap_or_default();
    Diagnostic::warning(
        rel,
        "sync/conflict-copy",
        format!("the other machine's version of {original}, kept by `systemcraft sync`"),
    )
    .hint(format!("merge what you need from it into {original}, then delete {rel}"))
}

/// The problem reported for a path where notes live that the scan did not read.
fn skipped(rel: &str, why: &Skipped) -> Diagnostic {
    match why {
        Skipped::Symlink(target) => Diagnostic::warning(
            rel,
            "file/symlink",
            format!("a symlink (to {target}): systemcraft never follows symlinks, so what it points to is not read"),
        )
        .hint("put the note or folder itself in the workspace instead of a link to it"),
        Skipped::NotAFile => Diagnostic::warning(
            rel,
            "file/not-regular",
            "not a regular file (a pipe, a socket or a device), so it is not read",
        )
        .hint("remove it, or give it a name that does not end in .md"),
        Skipped::Unreadable(error) => {
            Diagnostic::error(rel, "file/unreadable", format!("cannot read this folder: {error}"))
                .hint("check the folder's permissions")
        }
    }
}

/// A path in lower case, borrowed when it already is.
fn lower(path: &str) -> std::borrow::Cow<'_, str> {
    if path.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        std::borrow::Cow::Owned(path.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(path)
    }
}

/// Notes whose paths differ only by case: one file on macOS and Windows, so a
/// clone there keeps only one of them.
fn case_collisions(index: &Index) -> Vec<Diagnostic> {
    // Each path beside its lower-case form (borrowed when it already is one: most
    // paths), sorted by that form; the index yields paths in order and the sort is
    // stable, so a group lists its paths in path order. One vector and a sort over a
    // nearly sorted list, where a map of groups cost an allocation per note.
    let mut paths: Vec<(std::borrow::Cow<'_, str>, &str)> =
        index.notes().map(|n| (lower(&n.path), n.path.as_str())).collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    for group in paths.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for (_, rel) in group {
            let others: Vec<&str> = group.iter().map(|(_, p)| *p).filter(|p| p != rel).collect();
            out.push(
                Diagnostic::warning(
                    rel,
                    "file/case-collision",
                    format!("the name differs only by case from {}", others.join(", ")),
                )
                .hint("rename one of them: on macOS and Windows they are the same file, and a clone keeps only one"),
            );
        }
    }
    out
}

/// The dashboard's weekly history (see [`crate::trend::dashboard_history`]).
fn history(ws: &Workspace, today: Date) -> Vec<WeekScore> {
    crate::trend::dashboard_history(&ws.root, today)
        .into_iter()
        .map(|d| WeekScore {
            week_end: d.date.to_string(),
            technical: d.percents.technical,
            behavioral: d.percents.behavioral,
            cultural: d.percents.cultural,
            readiness: d.percents.readiness,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collisions(p: &mut Pipeline) -> Vec<String> {
        p.model().diagnostics.iter().filter(|d| d.code == "file/case-collision").map(|d| d.path.clone()).collect()
    }

    // The case collisions are kept between models, and found again whenever a note
    // comes or goes: an edit reuses them, a new or removed name does not. (Linux: the
    // two names must be two files.)
    #[cfg(target_os = "linux")]
    #[test]
    fn case_collisions_follow_the_notes_present() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("systemcraft.yaml"), "name: x\n").unwrap();
        std::fs::create_dir_all(root.join("stories")).unwrap();
        std::fs::write(root.join("stories/launch.md"), "---\ntitle: A\n---\n").unwrap();
        let ws = Workspace::open(root).unwrap();
        let mut p = Pipeline::load(ws.clone(), "2026-11-25".parse().unwrap()).unwrap();
        assert!(collisions(&mut p).is_empty());
        std::fs::write(root.join("stories/Launch.md"), "---\ntitle: B\n---\n").unwrap();
        p.index.update(&ws, ["stories/Launch.md"]);
        assert_eq!(collisions(&mut p), ["stories/Launch.md", "stories/launch.md"]);
        std::fs::write(root.join("stories/launch.md"), "---\ntitle: C\n---\n").unwrap();
        p.index.update(&ws, ["stories/launch.md"]);
        assert_eq!(collisions(&mut p), ["stories/Launch.md", "stories/launch.md"]);
        std::fs::remove_file(root.join("stories/Launch.md")).unwrap();
        p.index.update(&ws, ["stories/Launch.md"]);
        assert!(collisions(&mut p).is_empty());
    }
}
