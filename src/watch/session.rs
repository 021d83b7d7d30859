//! The watch [`Session`]: the loaded [`Pipeline`] kept in memory between edits. Each
//! [`Batch`] re-reads only its paths (or everything, on a rescan), then recomputes
//! the model and the dashboard from the index, writes DASHBOARD.md if its bytes
//! changed, and returns a [`Report`] of what changed and how the scores moved.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hasher};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::chart::dashboard::Chart;
use crate::config::{Config, PROFILE_FILE};
use crate::diag::{Diagnostic, Severity};
use crate::git::{self, Repo};
use crate::pipeline::Pipeline;
use crate::score::Model;
use crate::watch::profile::GoodProfile;
use crate::watch::Batch;
use crate::workspace::{is_generated, Workspace, DASHBOARD_FILE};
use crate::Result;

/// What happened to the profile in a rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileChange {
    /// Re-read and applied.
    Reloaded,
    /// Not valid YAML: the last valid version stays in force.
    Invalid,
}

/// One bar's move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The bar's name.
    pub name: &'static str,
    /// Percent before.
    pub from: u32,
    /// Percent after.
    pub to: u32,
}

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Notes whose content changed (added, edited, removed), sorted.
    pub notes: Vec<String>,
    /// The profile, when it changed.
    pub profile: Option<ProfileChange>,
    /// Profile keys whose new value is valid YAML but not a valid value: their last
    /// good value stays in force (see [`GoodProfile`]).
    pub kept: Vec<String>,
    /// The new date, when the day changed.
    pub new_day: Option<Date>,
    /// The whole workspace was re-read.
    pub rescan: bool,
    /// The weekly history changed (HEAD moved to a different history).
    pub history: bool,
    /// DASHBOARD.md had been changed or removed by something else and was restored.
    pub restored: bool,
    /// With `restored`: it had been removed, not changed.
    pub was_deleted: bool,
    /// Charts under `dashboard/` that had been changed or removed by something else
    /// and were restored.
    pub restored_charts: Vec<String>,
    /// Why the charts could not be written (the dashboard was, without them).
    pub charts_error: Option<String>,
    /// Bars that moved.
    pub moves: Vec<Move>,
    /// Today's minimums met, before and after, of how many, when that count moved.
    pub minimums: Option<(usize, usize, usize)>,
    /// Problems that appeared.
    pub appeared: Vec<Diagnostic>,
    /// Problems that went away.
    pub fixed: Vec<Diagnostic>,
    /// Whether DASHBOARD.md was written.
    pub written: bool,
    /// Time spent re-reading, recomputing and writing.
    pub work: Duration,
}

/// What `--commit` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommitOutcome {
    /// A commit was made: its short id and subject.
    Committed {
        /// Short id.
        id: String,
        /// First line of the message.
        subject: String,
    },
    /// The work tree matched the last commit.
    Nothing,
    /// Committing now would be wrong; the reason, for people.
    Blocked(String),
}

/// The in-memory state of watch mode.
pub struct Session {
    pipeline: Pipeline,
    model: Model,
    markdown: String,
    // The charts last written, kept to restore one changed by something else.
    charts: Vec<Chart>,
    profile_hash: u64,
    good_profile: GoodProfile,
    // Set while the dashboard lags behind the index: a rebuild failed after the index
    // took in its notes (the profile could not be read, say, mid-checkout) or before
    // the dashboard was written. The next rebuild recomputes and reports these notes,
    // even if its own paths changed nothing.
    behind: Option<Vec<String>>,
}

fn profile_hash(ws: &Workspace) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(&crate::fs::read::read_in(&ws.root, PROFILE_FILE).unwrap_or_default());
    h.finish()
}

// Problems compared by what they say, not where: an edit above a problem moves its
// line without fixing it.
type ProblemKey = (String, String, String);

fn problems(m: &Model) -> BTreeMap<ProblemKey, Vec<&Diagnostic>> {
    let mut out: BTreeMap<ProblemKey, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &m.diagnostics {
        out.entry((d.path.clone(), d.code.to_string(), d.message.clone())).or_default().push(d);
    }
    out
}

fn diff_problems(before: &Model, after: &Model) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let (b, a) = (problems(before), problems(after));
    let mut appeared = Vec::new();
    let mut fixed = Vec::new();
    for (k, now) in &a {
        let was = b.get(k).map_or(0, Vec::len);
        appeared.extend(now.iter().skip(was).map(|d| (*d).clone()));
    }
    for (k, was) in &b {
        let now = a.get(k).map_or(0, Vec::len);
        fixed.extend(was.iter().skip(now).map(|d| (*d).clone()));
    }
    (appeared, fixed)
}

impl Session {
    /// Loads the workspace, builds, and writes the dashboard.
    pub fn start(workspace: Workspace, today: Date) -> Result<(Session, bool)> {
        let profile_hash = profile_hash(&workspace);
        let mut pipeline = Pipeline::load(workspace, today)?;
        let mut good_profile = GoodProfile::default();
        // What the profile holds at the start is the first "last good" of each key
        // that reads without a problem; the start itself is built as `build` would.
        if let Ok(text) = std::fs::read(pipeline.workspace.root.join(PROFILE_FILE)) {
            good_profile.reconcile(&String::from_utf8_lossy(&text), &pipeline.config_diagnostics);
        }
        let model = pipeline.model();
        let crate::pipeline::Published { markdown, written, charts } = pipeline.publish(&model)?;
        Ok((Session { pipeline, model, markdown, charts, profile_hash, good_profile, behind: None }, written))
    }

    /// The current model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The date computed for.
    pub fn today(&self) -> Date {
        self.pipeline.config.today
    }

    /// The workspace.
    pub fn workspace(&self) -> &Workspace {
        &self.pipeline.workspace
    }

    /// Applies a batch of changed paths; `None` when nothing that matters changed
    /// (the files hold the bytes already indexed, and the dashboard is current).
    pub fn apply(&mut self, batch: &Batch) -> Result<Option<Report>> {
        self.rebuild(batch, None)
    }

    /// Moves to a new day: every date-dependent figure is recomputed.
    pub fn set_today(&mut self, today: Date) -> Result<Option<Report>> {
        self.rebuild(&Batch::default(), Some(today))
    }

    /// Applies `batch` (and a new day): the index, the profile, the history, then
    /// the model and what is written from it, when any of them moved.
    fn rebuild(&mut self, batch: &Batch, new_day: Option<Date>) -> Result<Option<Report>> {
        let started = Instant::now();
        let mut report = Report { rescan: batch.rescan, ..Report::default() };
        self.update_index(batch, &mut report);
        report.new_day = new_day.filter(|d| *d != self.pipeline.config.today);
        self.reload_profile(batch, new_day.unwrap_or(self.pipeline.config.today), &mut report)?;
        if batch.head_moved || batch.rescan || report.new_day.is_some() {
            let before = std::mem::take(&mut self.pipeline.history);
            self.pipeline.reload_history();
            report.history = self.pipeline.history != before;
        }
        let recompute = self.behind.is_some() || report.profile.is_some() || report.new_day.is_some() || report.history;
        // Whether the new dashboard differs from the last one written: then it is
        // written without reading the old file back.
        let differs = recompute && self.recompute(&mut report);
        self.write_out(batch, recompute, differs, &mut report)?;
        self.behind = None;
        report.work = started.elapsed();
        let said = recompute || report.written || !report.restored_charts.is_empty() || report.charts_error.is_some();
        Ok(said.then_some(report))
    }

    /// Brings the index in line with the batch, and keeps the notes the dashboard
    /// lags behind until it is written.
    fn update_index(&mut self, batch: &Batch, report: &mut Report) {
        let ws = &self.pipeline.workspace;
        report.notes = if batch.rescan {
            self.pipeline.index.rescan(ws)
        } else {
            self.pipeline.index.update(ws, batch.paths.iter().map(String::as_str))
        };
        let was_behind = self.behind.take();
        if let Some(unreported) = &was_behind {
            report.notes.extend(unreported.iter().cloned());
            report.notes.sort();
            report.notes.dedup();
        }
        // Until the dashboard is written, it lags behind these notes.
        if was_behind.is_some() || !report.notes.is_empty() {
            self.behind = Some(report.notes.clone());
        }
    }

    /// Loads the profile again when its bytes changed or the day did. A profile that
    /// is valid YAML but holds an invalid value keeps that field's last good value.
    fn reload_profile(&mut self, batch: &Batch, today: Date, report: &mut Report) -> Result<()> {
        let ws = self.pipeline.workspace.clone();
        let touched_profile = batch.rescan || batch.paths.contains(PROFILE_FILE);
        let new_hash = if touched_profile { profile_hash(&ws) } else { self.profile_hash };
        if new_hash == self.profile_hash && report.new_day.is_none() {
            return Ok(());
        }
        let (mut config, diags) = Config::load(&ws.root, today)?;
        let invalid = diags.iter().any(|d| d.code == "yaml/syntax" && d.severity == Severity::Error);
        let mut kept = Vec::new();
        if !invalid {
            let text = std::fs::read(ws.root.join(PROFILE_FILE)).unwrap_or_default();
            let reconciled = self.good_profile.reconcile(&String::from_utf8_lossy(&text), &diags);
            let mut merged = Config::defaults(ws.root.clone(), today);
            if !reconciled.kept.is_empty() && merged.apply(&reconciled.text, &mut Vec::new()) {
                config = merged;
                kept = reconciled.kept;
            }
        }
        if new_hash != self.profile_hash {
            report.profile = Some(if invalid { ProfileChange::Invalid } else { ProfileChange::Reloaded });
            report.kept = kept;
        }
        self.pipeline.config = config;
        self.pipeline.config_diagnostics = diags;
        self.profile_hash = new_hash;
        Ok(())
    }

    /// Computes the model and the dashboard, writes the charts whose bytes changed,
    /// and reports what moved. Returns whether the dashboard differs from the last.
    fn recompute(&mut self, report: &mut Report) -> bool {
        self.behind.get_or_insert_with(Vec::new);
        let model = self.pipeline.model();
        // The charts are written here, each only when its bytes changed, so an
        // edit that moves no figure leaves them (and git) alone.
        let drawn = self.pipeline.draw_charts(&model);
        let markdown = self.pipeline.dashboard(&model, &drawn.charts);
        report.charts_error = drawn.error.map(|e| e.to_string());
        self.charts = drawn.charts;
        report.moves = self
            .model
            .bars
            .iter()
            .zip(&model.bars)
            .filter(|(a, b)| a.percent != b.percent)
            .map(|(a, b)| Move { name: b.name, from: a.percent, to: b.percent })
            .collect();
        let met = |m: &Model| m.today_goals.minimums.iter().filter(|x| x.met).count();
        let (before, after) = (met(&self.model), met(&model));
        // Also on a new day: the minimums start again from nothing met.
        if before != after {
            report.minimums = Some((before, after, model.today_goals.minimums.len()));
        }
        (report.appeared, report.fixed) = diff_problems(&self.model, &model);
        let old = std::mem::replace(&mut self.model, model);
        // Freeing a large model's thousands of strings takes a millisecond or two
        // that the next dashboard need not wait for.
        if old.counts.stories + old.counts.logs > 1000 {
            std::thread::spawn(move || drop(old));
        }
        let differs = markdown != self.markdown;
        self.markdown = markdown;
        differs
    }

    /// Writes DASHBOARD.md when it changed, and also when something else changed or
    /// removed it (a hand edit, a checkout): it always ends equal to what `build`
    /// writes. Our own write comes back as an event and stops here, because the
    /// bytes match. The same for the charts, which a recompute has just written.
    fn write_out(&mut self, batch: &Batch, recompute: bool, differs: bool, report: &mut Report) -> Result<()> {
        let checked_dashboard = recompute || batch.rescan || batch.paths.contains(DASHBOARD_FILE);
        let touched_charts = batch.rescan || batch.paths.iter().any(|p| is_generated(p) && p != DASHBOARD_FILE);
        if touched_charts && !recompute {
            match self.pipeline.write_charts(&self.charts) {
                Ok(written) => report.restored_charts = written,
                Err(e) => report.charts_error = Some(e.to_string()),
            }
        }
        if differs && !batch.paths.contains(DASHBOARD_FILE) {
            self.pipeline.replace(&self.markdown)?;
            report.written = true;
        } else if checked_dashboard {
            let missing = !self.pipeline.workspace.dashboard().exists();
            report.written = self.pipeline.write(&self.markdown)?;
            report.restored = report.written && !recompute;
            report.was_deleted = report.restored && missing;
        }
        Ok(())
    }

    /// Commits the work tree (for `--commit`), unless a merge or rebase is in
    /// progress or a changed file holds conflict markers.
    pub fn commit(&self) -> Result<CommitOutcome> {
        let root = &self.pipeline.workspace.root;
        let Some(repo) = Repo::open_at(root) else {
            return Ok(CommitOutcome::Blocked(format!(
                "{} is not the top of a git repository (run `git init` there)",
                root.display()
            )));
        };
        // Waits for a sync (or commit) that is running: its merge moves HEAD.
        let _lock = repo.lock(|| {})?;
        let changes = repo.changes()?;
        if changes.is_empty() {
            return Ok(CommitOutcome::Nothing);
        }
        if let Err(e) = repo.ensure_committable(&changes) {
            let hint = e.hint().map(|h| format!(" ({})", for_watch(&h))).unwrap_or_default();
            // The caller says "not committing"; the error's own "cannot commit" would repeat it.
            let why = e.to_string();
            let why = why.strip_prefix("cannot commit: ").unwrap_or(&why);
            return Ok(CommitOutcome::Blocked(format!("{why}{hint}")));
        }
        let message = git::message::summarise(&changes, &self.pipeline.index);
        match repo.commit_all(&message)? {
            Some(c) => Ok(CommitOutcome::Committed {
                id: c.id,
                subject: message.lines().next().unwrap_or_default().to_string(),
            }),
            None => Ok(CommitOutcome::Nothing),
        }
    }
}

impl Report {
    /// The one line printed for this rebuild: what changed, then how the scores
    /// moved. Problems that appeared or were fixed follow on their own lines.
    pub fn line(&self) -> String {
        let mut what = Vec::new();
        if let Some(d) = self.new_day {
            what.push(format!("new day {d}"));
        }
        match self.profile {
            Some(ProfileChange::Reloaded) if !self.kept.is_empty() => {
                let (keys, verb, them) =
                    (self.kept.join(", "), if self.kept.len() == 1 { "is" } else { "are" }, self.kept.len() > 1);
                what.push(format!(
                    "{PROFILE_FILE} reloaded; {keys} {verb} not valid, so {} last good value{} stay{} in force",
                    if them { "their" } else { "its" },
                    if them { "s" } else { "" },
                    if them { "" } else { "s" }
                ));
            }
            Some(ProfileChange::Reloaded) => what.push(format!("{PROFILE_FILE} reloaded")),
            Some(ProfileChange::Invalid) => {
                what.push(format!("{PROFILE_FILE} is not valid YAML; its last valid version stays in force"))
            }
            None => {}
        }
        if self.rescan {
            what.push(format!("rescanned ({} changed)", count(self.notes.len(), "note", "notes")));
        } else if !self.notes.is_empty() {
            what.push(notes_label(&self.notes));
        }
        if self.history && self.new_day.is_none() {
            what.push("the git history moved".to_string());
        }
        if self.restored {
            let how = if self.was_deleted { "deleted" } else { "changed" };
            what.push(format!("{DASHBOARD_FILE} was {how} outside systemcraft; regenerated"));
        }
        match self.restored_charts.as_slice() {
            [] => {}
            [one] => what.push(format!("{one} was changed or removed outside systemcraft; regenerated")),
            many => {
                what.push(format!("{} charts were changed or removed outside systemcraft; regenerated", many.len()))
            }
        }
        let mut moved: Vec<String> = self.moves.iter().map(|m| format!("{} {}% → {}%", m.name, m.from, m.to)).collect();
        if let Some((from, to, of)) = self.minimums {
            moved.push(format!("today's minimums {from}/{of} → {to}/{of}"));
        }
        let scores = if (self.restored || !self.restored_charts.is_empty()) && moved.is_empty() {
            String::new()
        } else if moved.is_empty() {
            "scores unchanged".to_string()
        } else {
            moved.join(", ")
        };
        let mut line = what.join("; ");
        if !scores.is_empty() {
            let _ = write!(line, "  {scores}");
        }
        line
    }
}

/// A hint written for a command run by hand ("…, then run this again") in watch's
/// terms: watch is not run again, it tries again itself after the next save and quiet
/// period.
fn for_watch(hint: &str) -> String {
    let retry = "watch tries again after your next save and a quiet period";
    for ending in [", save, and run this again", ", then run this again"] {
        if let Some(head) = hint.strip_suffix(ending) {
            let save = if ending.contains("save") { " and save" } else { "" };
            return format!("{head}{save}; {retry}");
        }
    }
    hint.to_string()
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `stories/a.md`, `stories/a.md, logs/b.md`, or `312 notes (300 in stories/, 12 in logs/)`.
fn notes_label(notes: &[String]) -> String {
    if notes.len() <= 3 {
        return notes.join(", ");
    }
    let folders = crate::watch::by_folder(notes)
        .into_iter()
        .map(|(f, n)| if f.is_empty() { format!("{n} at the top") } else { format!("{n} in {f}/") })
        .collect::<Vec<_>>()
        .join(", ");
    format!("{} ({folders})", count(notes.len(), "note", "notes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_for_commands_run_by_hand_are_said_in_watchs_terms() {
        assert_eq!(
            for_watch("keep the text you want, delete the <<<<<<< ======= >>>>>>> lines, save, and run this again"),
            "keep the text you want, delete the <<<<<<< ======= >>>>>>> lines and save; watch tries again after your next save and a quiet period"
        );
        assert_eq!(
            for_watch("finish it (or abort it) with git, then run this again"),
            "finish it (or abort it) with git; watch tries again after your next save and a quiet period"
        );
        assert_eq!(for_watch("resolve the conflicts, then `git commit`"), "resolve the conflicts, then `git commit`");
    }

    #[test]
    fn the_line_names_notes_and_moves() {
        let r = Report {
            notes: vec!["stories/checkout.md".into()],
            moves: vec![Move { name: "Behavioral", from: 42, to: 47 }],
            written: true,
            ..Report::default()
        };
        assert_eq!(r.line(), "stories/checkout.md  Behavioral 42% → 47%");
        let many: Vec<String> = (0..5).map(|i| format!("logs/{i}.md")).chain(["stories/a.md".to_string()]).collect();
        let r = Report { notes: many, ..Report::default() };
        assert_eq!(r.line(), "6 notes (5 in logs/, 1 in stories/)  scores unchanged");
        let r = Report { notes: vec!["logs/2026-11-25.md".into()], minimums: Some((2, 3, 3)), ..Report::default() };
        assert_eq!(r.line(), "logs/2026-11-25.md  today's minimums 2/3 → 3/3");
        let r =
            Report { new_day: Some(jiff::civil::date(2026, 12, 4)), minimums: Some((3, 0, 3)), ..Report::default() };
        assert_eq!(r.line(), "new day 2026-12-04  today's minimums 3/3 → 0/3");
        let r =
            Report { profile: Some(ProfileChange::Reloaded), kept: vec!["target_level".into()], ..Report::default() };
        assert_eq!(
            r.line(),
            "systemcraft.yaml reloaded; target_level is not valid, so its last good value stays in force  scores unchanged"
        );
        let r = Report { restored: true, written: true, ..Report::default() };
        assert_eq!(r.line(), "DASHBOARD.md was changed outside systemcraft; regenerated");
        let r = Report { restored: true, was_deleted: true, written: true, ..Report::default() };
        assert_eq!(r.line(), "DASHBOARD.md was deleted outside systemcraft; regenerated");
    }
}
