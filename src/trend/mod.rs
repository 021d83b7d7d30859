//! Readiness over time, from the git history. [`Trend`] owns the walk of HEAD's
//! first-parent history, the choice of one commit per day (the last one of each local
//! calendar day), the scoring of the notes exactly as they were in that commit's tree
//! and for that day (the same parse, profile and [`score::compute`] as `build`), the
//! cache of those results in `.systemcraft/trend-cache.json` (and, in [`head`], the
//! dashboard's weekly points by HEAD), and the text of the
//! table and sparklines; [`svg`] draws the chart. Nothing here prints: progress is
//! reported through a callback.

mod cache;
mod head;
pub mod svg;

use cache::Cache;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use git2::{Delta, DiffOptions, ErrorCode, FileMode, Oid, Repository};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::config::{Config, PROFILE_FILE};
use crate::git::Repo;
use crate::index::Index;
use crate::score;
use crate::workspace::Workspace;
use crate::{Error, Result};

/// The four bars in dashboard order: key (as in `build --json`) and name.
pub const BARS: [(&str, &str); 4] = [
    ("technical", "Technical Skills"),
    ("behavioral", "Behavioral Stories"),
    ("cultural", "Cultural Alignment"),
    ("readiness", "Interview Readiness"),
];

/// Where the results are cached (workspace-relative, git-ignored local state).
pub const CACHE_FILE: &str = ".systemcraft/trend-cache.json";

/// Bump whenever scoring changes (a formula, a default, what counts), so that caches
/// written before the change are ignored. The crate version is part of the cache's
/// version too, so any release also starts a fresh cache.
pub const SCORING_REVISION: u32 = 2;

/// How many weeks [`weekly`] returns.
pub const WEEKS: usize = 12;

/// The four bars' percentages, `round(100 × value)` as on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Percents {
    /// Technical Skills.
    pub technical: u32,
    /// Behavioral Stories.
    pub behavioral: u32,
    /// Cultural Alignment.
    pub cultural: u32,
    /// Interview Readiness.
    pub readiness: u32,
    /// The bars were marked slipping: the 7 days up to that day fell short of the
    /// week's pace.
    #[serde(default)]
    pub slipping: bool,
}

impl Percents {
    /// The values in [`BARS`] order.
    pub fn values(&self) -> [u32; 4] {
        [self.technical, self.behavioral, self.cultural, self.readiness]
    }

    /// A bar's value by key.
    pub fn get(&self, key: &str) -> Option<u32> {
        BARS.iter().position(|(k, _)| *k == key).map(|i| self.values()[i])
    }

    fn of(model: &score::Model) -> Percents {
        use score::readiness::BarKey;
        let p = |key| model.bar(key).map_or(0, |b| b.percent);
        Percents {
            technical: p(BarKey::Technical),
            behavioral: p(BarKey::Behavioral),
            cultural: p(BarKey::Cultural),
            readiness: p(BarKey::Readiness),
            slipping: model.momentum.slipping,
        }
    }
}

/// The scores of the notes as they were in one commit, computed for one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayScore {
    /// The date scored for (the commit's own day in a [`Trend`]).
    pub date: Date,
    /// The commit's full id.
    pub commit: String,
    /// The four bars.
    pub percents: Percents,
}

impl DayScore {
    /// The commit's short id (7 hex digits).
    pub fn short_id(&self) -> &str {
        &self.commit[..self.commit.len().min(7)]
    }
}

/// Readiness over time: one row per local calendar day that has commits on HEAD's
/// first-parent history, oldest first, scored at the last commit of that day.
#[derive(Debug, Clone, Default)]
pub struct Trend {
    /// The rows.
    pub days: Vec<DayScore>,
    /// How many rows were scored in this run (the others came from the cache).
    pub computed: usize,
}

impl Trend {
    /// Walks the history of the repository at `root` (which must be its top folder)
    /// and scores each day with commits from `since` on (all days when `None`),
    /// reading results from the cache and storing the new ones there.
    /// `progress(done, total)` is called as the days not in the cache are scored.
    pub fn compute(root: &Path, since: Option<Date>, progress: &mut dyn FnMut(usize, usize)) -> Result<Trend> {
        let repo = open(root)?;
        let repo = repo.repository();
        let history = history(repo)?;
        let mut cache = Cache::load(root);
        let rows: Vec<(Date, Oid)> = history.iter().copied().filter(|(d, _)| since.is_none_or(|s| *d >= s)).collect();
        let todo = rows.iter().filter(|(d, id)| cache.get(*id, *d).is_none()).count();
        let mut scorer = Scorer::new(repo, root);
        let mut done = 0;
        if todo > 0 {
            progress(0, todo);
        }
        let mut days = Vec::with_capacity(rows.len());
        for (date, id) in rows {
            let percents = match cache.get(id, date) {
                Some(p) => p,
                None => {
                    let p = scorer.score(id, date)?;
                    cache.insert(id, date, p);
                    done += 1;
                    progress(done, todo);
                    p
                }
            };
            days.push(DayScore { date, commit: id.to_string(), percents });
        }
        cache.save(root, &history, history.last().map(|(d, _)| *d));
        Ok(Trend { days, computed: done })
    }

    /// The table: one line per row with the date, the four percentages and the
    /// commit's short id, under a header line.
    pub fn table(&self) -> String {
        let mut out = String::from("date       ");
        for (key, _) in BARS {
            let _ = write!(out, "  {key:>10}");
        }
        out.push_str("  commit\n");
        for d in &self.days {
            let _ = write!(out, "{}", d.date);
            for v in d.percents.values() {
                let _ = write!(out, "  {:>10}", format!("{v}%"));
            }
            let slipping = if d.percents.slipping { "  slipping: the 7 days to it fell short of the pace" } else { "" };
            let _ = writeln!(out, "  {}{slipping}", d.short_id());
        }
        out
    }

    /// One sparkline per bar, scaled 0–100 so the lines compare, with the first and
    /// last values. With more rows than [`SPARK_WIDTH`], each character stands for an
    /// equal run of consecutive rows and shows the last of them.
    pub fn sparklines(&self) -> String {
        let width = BARS.iter().map(|(_, name)| name.chars().count()).max().unwrap_or(0);
        let mut out = String::new();
        for (i, (_, name)) in BARS.iter().enumerate() {
            let values: Vec<u32> = self.days.iter().map(|d| d.percents.values()[i]).collect();
            let (Some(first), Some(last)) = (values.first(), values.last()) else { continue };
            let _ = writeln!(out, "{name:<width$}  {}  {first}% → {last}%", sparkline(&values, SPARK_WIDTH));
        }
        out
    }

    /// The SVG chart of the four bars over time (see [`svg::render`]).
    pub fn svg(&self) -> String {
        svg::render(&self.days)
    }
}

/// The widest sparkline, in characters.
pub const SPARK_WIDTH: usize = 60;

const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of percentages (0 → `▁`, 100 → `█`), at most `width` characters.
pub fn sparkline(values: &[u32], width: usize) -> String {
    let n = values.len();
    let cols = n.min(width.max(1));
    (0..cols)
        .map(|c| {
            // The last value of this column's run of rows.
            let v = values[((c + 1) * n).div_ceil(cols) - 1].min(100);
            TICKS[(f64::from(v) / 100.0 * 7.0).round() as usize]
        })
        .collect()
}

/// One point of the weekly series: the week's last day and the scores there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekPoint {
    /// The last day of the week.
    pub end: Date,
    /// The notes at the last commit on or before `end`, scored for `end`; `None`
    /// when the history starts later.
    pub score: Option<DayScore>,
}

/// The dashboard's history: the scores at the ends of the [`WEEKS`]` - 1` full weeks
/// before `today` (weeks end on Sundays, so the points, and their cache entries, stay
/// the same all week), oldest first, without the weeks before the first commit.
/// Empty when the workspace is not the top of a repository or has no history.
pub fn dashboard_history(root: &Path, today: Date) -> Vec<DayScore> {
    // No `.git` at the root: not the top of a repository, and no need to start git.
    if !head::has_git(root) {
        return Vec::new();
    }
    // Days since the last Sunday strictly before today (Monday = 1 … Sunday = 7).
    let back = i64::from(today.weekday().to_monday_one_offset());
    let Ok(last_sunday) = today.checked_sub(jiff::Span::new().days(back)) else { return Vec::new() };
    let key = head::key(root, last_sunday);
    if let Some(points) = key.as_deref().and_then(|k| head::load(root, k)) {
        return points;
    }
    if crate::git::Repo::open_at(root).is_none() {
        return Vec::new();
    }
    let points: Vec<DayScore> = weekly(root, last_sunday, WEEKS - 1)
        .map(|w| w.into_iter().filter_map(|p| p.score).collect())
        .unwrap_or_default();
    if let Some(key) = key {
        head::save(root, key, &points);
    }
    points
}

/// The last `weeks` weeks ending at `end` (oldest first; the last week ends on
/// `end`): for each, the notes at the last commit on or before its end, scored for
/// that day. Shares the cache with [`Trend::compute`].
pub fn weekly(root: &Path, end: Date, weeks: usize) -> Result<Vec<WeekPoint>> {
    let repo = open(root)?;
    let repo = repo.repository();
    let history = history(repo)?;
    let mut cache = Cache::load(root);
    let mut scorer = Scorer::new(repo, root);
    let mut points = Vec::with_capacity(weeks);
    for back in (0..weeks).rev() {
        let week_end = end
            .checked_sub(jiff::Span::new().days(7 * back as i64))
            .map_err(|e| Error::Usage(format!("no week ending {back} weeks before {end}: {e}")))?;
        let last = history.iter().rev().find(|(d, _)| *d <= week_end);
        let score = match last {
            None => None,
            Some(&(_, id)) => {
                let percents = match cache.get(id, week_end) {
                    Some(p) => p,
                    None => {
                        let p = scorer.score(id, week_end)?;
                        cache.insert(id, week_end, p);
                        p
                    }
                };
                Some(DayScore { date: week_end, commit: id.to_string(), percents })
            }
        };
        points.push(WeekPoint { end: week_end, score });
    }
    cache.save(root, &history, Some(end));
    Ok(points)
}

fn open(root: &Path) -> Result<Repo> {
    Repo::open_at(root).ok_or_else(|| Error::NotARepo { path: root.to_path_buf() })
}

/// HEAD's first-parent history as (local day, last commit of that day), oldest day
/// first; empty on an unborn branch. The last commit of a day is the one with the
/// latest commit time; on a tie, the one nearer HEAD.
fn history(repo: &Repository) -> Result<Vec<(Date, Oid)>> {
    match repo.head() {
        Ok(_) => {}
        Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => return Ok(Vec::new()),
        Err(e) => return Err(Error::git("cannot read HEAD", e)),
    }
    let mut walk = repo.revwalk().map_err(|e| Error::git("cannot walk the history", e))?;
    walk.push_head().map_err(|e| Error::git("cannot walk the history from HEAD", e))?;
    walk.simplify_first_parent().map_err(|e| Error::git("cannot walk the history", e))?;
    let tz = crate::clock::local_zone();
    let mut days: BTreeMap<Date, (i64, Oid)> = BTreeMap::new();
    for id in walk {
        let id = id.map_err(|e| Error::git("cannot walk the history", e))?;
        let commit = repo.find_commit(id).map_err(|e| Error::git(format!("cannot read commit {id}"), e))?;
        let seconds = commit.time().seconds();
        let Ok(ts) = Timestamp::from_second(seconds) else { continue };
        let day = ts.to_zoned(tz.clone()).date();
        // Nearer HEAD comes first in the walk: only a strictly later time replaces it.
        let slot = days.entry(day).or_insert((seconds, id));
        if seconds > slot.0 {
            *slot = (seconds, id);
        }
    }
    Ok(days.into_iter().map(|(day, (_, id))| (day, id)).collect())
}

/// Scores commits' trees. It keeps the index of the tree it scored last and moves it
/// to the next tree by their difference (only the changed blobs are read and parsed),
/// so scoring days in order costs in proportion to what changed between them.
struct Scorer<'r> {
    repo: &'r Repository,
    root: PathBuf,
    /// The tree `index` and `profile` mirror.
    tree: Option<Oid>,
    index: Index,
    /// systemcraft.yaml's text in that tree.
    profile: Option<String>,
}

impl<'r> Scorer<'r> {
    fn new(repo: &'r Repository, root: &Path) -> Self {
        Scorer { repo, root: root.to_path_buf(), tree: None, index: Index::default(), profile: None }
    }

    /// The four bars for the notes of `commit`, on `day`.
    fn score(&mut self, commit: Oid, day: Date) -> Result<Percents> {
        let commit =
            self.repo.find_commit(commit).map_err(|e| Error::git(format!("cannot read commit {commit}"), e))?;
        let tree = commit.tree().map_err(|e| Error::git(format!("cannot read the tree of {}", commit.id()), e))?;
        self.move_to(&tree)?;
        let mut config = Config::defaults(self.root.clone(), day);
        let mut diagnostics = Vec::new();
        if let Some(text) = &self.profile {
            config.apply(text, &mut diagnostics);
        }
        Ok(Percents::of(&score::compute(&config, &self.index, diagnostics)))
    }

    /// Brings the index and the profile in line with `tree`.
    fn move_to(&mut self, tree: &git2::Tree<'_>) -> Result<()> {
        if self.tree == Some(tree.id()) {
            return Ok(());
        }
        let old = match self.tree {
            Some(id) => Some(self.repo.find_tree(id).map_err(|e| Error::git("cannot read a tree", e))?),
            None => None,
        };
        let mut opts = DiffOptions::new();
        opts.skip_binary_check(true).ignore_submodules(true);
        let diff = self
            .repo
            .diff_tree_to_tree(old.as_ref(), Some(tree), Some(&mut opts))
            .map_err(|e| Error::git("cannot compare two commits", e))?;
        let mut put = Vec::new();
        for delta in diff.deltas() {
            let (old_file, new_file) = (delta.old_file(), delta.new_file());
            if delta.status() != Delta::Added {
                if let Some(rel) = old_file.path_bytes().map(String::from_utf8_lossy) {
                    self.index.remove(&rel);
                    if rel == PROFILE_FILE {
                        self.profile = None;
                    }
                }
            }
            let is_file =
                matches!(new_file.mode(), FileMode::Blob | FileMode::BlobExecutable | FileMode::BlobGroupWritable);
            if delta.status() == Delta::Deleted || !is_file {
                continue;
            }
            let Some(rel) = new_file.path_bytes().map(|p| String::from_utf8_lossy(p).into_owned()) else { continue };
            let kind = Workspace::kind_of(&rel);
            if kind.is_none() && rel != PROFILE_FILE {
                continue;
            }
            let blob = self.repo.find_blob(new_file.id()).map_err(|e| Error::git(format!("cannot read {rel}"), e))?;
            match kind {
                Some(kind) => put.push((rel, kind, blob.content().to_vec())),
                None => self.profile = Some(String::from_utf8_lossy(blob.content()).into_owned()),
            }
        }
        self.index.put_files(put);
        self.tree = Some(tree.id());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_from_0_to_100() {
        assert_eq!(sparkline(&[0, 14, 50, 86, 100], 60), "▁▂▅▇█");
        assert_eq!(sparkline(&[], 60), "");
        // 120 rows in 60 columns: each shows the second of its pair.
        let values: Vec<u32> = (0..120).map(|i| if i % 2 == 1 { 100 } else { 0 }).collect();
        assert_eq!(sparkline(&values, 60), "█".repeat(60));
        assert_eq!(sparkline(&[0, 0, 0, 100, 100, 100, 100], 3).chars().count(), 3);
    }

    #[test]
    fn percents_by_key_and_table_layout() {
        let p = Percents { technical: 5, behavioral: 20, cultural: 41, readiness: 100, slipping: false };
        assert_eq!(p.get("cultural"), Some(41));
        assert_eq!(p.get("nope"), None);
        let trend = Trend {
            days: vec![DayScore {
                date: "2026-11-01".parse().unwrap(),
                commit: "0123456789abcdef".into(),
                percents: p,
            }],
            computed: 1,
        };
        let table = trend.table();
        assert_eq!(
            table,
            "date          technical  behavioral    cultural   readiness  commit\n\
             2026-11-01          5%         20%         41%        100%  0123456\n"
        );
        assert!(trend.sparklines().contains("Interview Readiness  █  100% → 100%"), "{}", trend.sparklines());
        // A slipping day says so at the end of its row.
        let slipping = Trend {
            days: vec![DayScore {
                date: "2026-11-02".parse().unwrap(),
                commit: "0123456789abcdef".into(),
                percents: Percents { slipping: true, ..p },
            }],
            computed: 1,
        };
        assert!(
            slipping.table().ends_with("0123456  slipping: the 7 days to it fell short of the pace\n"),
            "{}",
            slipping.table()
        );
    }

    /// Commits `files` on top of HEAD at noon UTC on `day`.
    fn commit(repo: &Repository, day: &str, files: &[(&str, &str)]) -> Oid {
        let mut index = repo.index().unwrap();
        for (rel, text) in files {
            let path = repo.workdir().unwrap().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            index.add_path(Path::new(rel)).unwrap();
        }
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let day: Date = day.parse().unwrap();
        let when = day.at(12, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp().as_second();
        let sig = git2::Signature::new("t", "t@e", &git2::Time::new(when, 0)).unwrap();
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, "c", &tree, &parents).unwrap()
    }

    #[test]
    fn weekly_points_score_the_last_commit_by_each_week_end() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let repo = Repository::init(&root).unwrap();
        let first = commit(&repo, "2026-11-01", &[("systemcraft.yaml", "name: x\n")]);
        let log = "---\ndate: 2026-11-10\ncoding:\n  - problem: A\n    difficulty: medium\n    minutes: 30\n    solved: true\n---\n";
        let second = commit(&repo, "2026-11-10", &[("logs/2026-11-10.md", log)]);
        let end: Date = "2026-11-25".parse().unwrap();
        let points = weekly(&root, end, WEEKS).unwrap();
        assert_eq!(points.len(), WEEKS);
        assert_eq!(points[0].end.to_string(), "2026-09-09");
        assert_eq!(points[WEEKS - 1].end, end);
        let at = |d: &str| points.iter().find(|p| p.end.to_string() == d).unwrap().score.clone();
        assert_eq!(at("2026-10-28"), None, "before the first commit");
        let w = at("2026-11-04").unwrap();
        assert_eq!(
            (w.commit, w.date.to_string(), w.percents),
            // Nothing logged in the 7 days to it, with no start date to wait for:
            // the bars are slipping.
            (first.to_string(), "2026-11-04".into(), Percents { slipping: true, ..Percents::default() })
        );
        // From 11-11 on, the log's problem counts: coding volume 1/40, pace 1/1 →
        // technical (0.025 + 1 + 0 + 0) / 4 = 0.2563 → 26%.
        for d in ["2026-11-11", "2026-11-18", "2026-11-25"] {
            let w = at(d).unwrap();
            assert_eq!((w.commit.as_str(), w.percents.technical), (second.to_string().as_str(), 26), "{d}");
        }
        // The points were cached: a second call gives the same from the cache alone.
        let cache = Cache::load(&root);
        assert_eq!(cache.get(second, end).map(|p| p.technical), Some(26));
        assert_eq!(weekly(&root, end, WEEKS).unwrap(), points);
        // And the daily trend shares the cache file without losing the weekly entries.
        let trend = Trend::compute(&root, None, &mut |_, _| {}).unwrap();
        assert_eq!(trend.days.iter().map(|d| d.date.to_string()).collect::<Vec<_>>(), ["2026-11-01", "2026-11-10"]);
        assert_eq!(Cache::load(&root).get(second, end).map(|p| p.technical), Some(26));
    }

    #[test]
    fn a_cache_of_another_version_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let id = Oid::from_str("0123456789abcdef0123456789abcdef01234567").unwrap();
        let day: Date = "2026-11-01".parse().unwrap();
        let mut cache = Cache::load(dir.path());
        cache.insert(id, day, Percents { technical: 1, behavioral: 2, cultural: 3, readiness: 4, slipping: false });
        cache.save(dir.path(), &[(day, id)], Some(day));
        assert_eq!(Cache::load(dir.path()).get(id, day).map(|p| p.readiness), Some(4));
        let path = dir.path().join(CACHE_FILE);
        let text =
            std::fs::read_to_string(&path).unwrap().replace(&cache::cache_version(), "systemcraft 0.0.0 scoring 0");
        std::fs::write(&path, text).unwrap();
        assert!(Cache::load(dir.path()).get(id, day).is_none());
        std::fs::write(&path, "{ not json").unwrap();
        assert!(Cache::load(dir.path()).entries.is_empty());
    }
}
