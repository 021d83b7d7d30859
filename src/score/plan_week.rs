//! The current plan week as the dashboard shows it: its open tasks; its routine
//! tasks (`Daily:`, `Weekly:`) and mock tasks ticked from the logs, designs, stories
//! and mocks that did them, naming those notes; a hand tick the notes contradict
//! flagged; and the tasks left over from past weeks, grouped by kind and bounded.

use jiff::civil::Date;
use serde::Serialize;

use super::Notes;
use crate::config::Config;
use crate::endgame::Phase;
use crate::note::kinds::DesignStatus;
use crate::note::markdown::Task;
use crate::note::Data;
use crate::plan::schedule::{add_days, mock_task_kind};

/// How a task of the week stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum TaskState {
    /// Not ticked, and nothing in the notes does it (yet).
    Open {
        /// What the notes show so far, for a task they can measure (`3 of 10`).
        #[serde(skip_serializing_if = "Option::is_none")]
        so_far: Option<String>,
    },
    /// Ticked by hand; the notes cannot say.
    Ticked,
    /// Done according to the notes, ticked or not.
    DoneByNotes {
        /// What was counted.
        count: String,
        /// The notes that did it.
        files: Vec<String>,
    },
    /// Ticked by hand, but the notes show less.
    Contradicted {
        /// What the notes show.
        count: String,
        /// The notes counted.
        files: Vec<String>,
    },
}

/// One task of the current week.
#[derive(Debug, Clone, Serialize)]
pub struct WeekTask {
    /// Its text.
    pub text: String,
    /// Its line in the plan.
    pub line: usize,
    /// How it stands.
    #[serde(flatten)]
    pub state: TaskState,
}

/// The current week of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanWeek {
    /// Its number.
    pub week: u32,
    /// Its first day.
    pub start: String,
    /// Its tasks, in plan order.
    pub tasks: Vec<WeekTask>,
}

/// Tasks of one kind left over from past weeks.
#[derive(Debug, Clone, Serialize)]
pub struct Leftovers {
    /// The kind: the words before the task's first colon (`Critical gap`).
    pub kind: String,
    /// How many.
    pub count: usize,
    /// The weeks they come from, in order, without repeats.
    pub weeks: Vec<u32>,
    /// The first few, as (week, text, line).
    pub first: Vec<(u32, String, usize)>,
}

/// Leftover tasks shown per kind.
pub const LEFTOVERS_SHOWN: usize = 2;

/// What the notes of one plan week add up to.
#[derive(Debug, Default)]
struct Done {
    /// Days (of those finished or today) meeting each minimum, with the log: coding,
    /// design, behavioral.
    days: [Vec<String>; 3],
    /// Days of the plan week with quotas (all seven, but for the interview's last days).
    quota_days: usize,
    designs: Vec<String>,
    solved: u64,
    coding_files: Vec<String>,
    stories: Vec<String>,
    mocks: Vec<(Option<crate::note::kinds::MockKind>, String)>,
}

fn done_in(config: &Config, notes: &Notes<'_>, start: Date) -> Done {
    let end = add_days(start, 6).min(config.today);
    let within = |d: Option<Date>| d.is_some_and(|d| d >= start && d <= end);
    let quota_days = (0..7).filter(|k| Phase::on(config, add_days(start, *k)).has_quotas()).count();
    let mut out = Done { quota_days, ..Done::default() };
    let daily = &config.daily;
    for n in Notes::counted(&notes.logs) {
        let Data::Log(l) = &n.data else { continue };
        if !within(l.date) {
            continue;
        }
        let rehearsal = l.rehearsals.iter().filter_map(|r| r.seconds).sum::<u64>() / 60;
        let met = [
            l.coding.len() as u64 >= u64::from(daily.coding_problems),
            l.design_minutes >= u64::from(daily.design_minutes),
            l.behavioral_minutes + rehearsal >= u64::from(daily.behavioral_minutes),
        ];
        for (k, ok) in met.into_iter().enumerate() {
            if ok {
                out.days[k].push(n.path.clone());
            }
        }
        let solved = l.coding.iter().filter(|c| c.solved).count() as u64;
        if solved > 0 {
            out.solved += solved;
            out.coding_files.push(n.path.clone());
        }
        for (id, _) in &l.stories {
            let path = format!("stories/{id}.md");
            if !out.stories.contains(&path) {
                out.stories.push(path);
            }
        }
    }
    for n in Notes::counted(&notes.designs) {
        if let Data::Design(d) = &n.data {
            if within(d.date) && d.status == Some(DesignStatus::Complete) {
                out.designs.push(n.path.clone());
            }
        }
    }
    for n in Notes::counted(&notes.stories) {
        if let Data::Story(s) = &n.data {
            if within(s.created) && !out.stories.contains(&n.path) {
                out.stories.push(n.path.clone());
            }
        }
    }
    for n in Notes::counted(&notes.mocks) {
        if let Data::Mock(m) = &n.data {
            if within(m.date) && m.is_done() {
                out.mocks.push((m.kind, n.path.clone()));
            }
        }
    }
    out
}

/// The first number in a text.
fn first_number(text: &str) -> Option<u64> {
    text.split(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty()).and_then(|s| s.parse().ok())
}

/// What the notes say about a task: (met, count in words, files), or `None` for a
/// task they cannot measure.
fn measure(task: &Task, done: &Done) -> Option<(bool, String, Vec<String>)> {
    let text = task.text.as_str();
    let lower = text.to_lowercase();
    if let Some(rest) = text.strip_prefix("Daily:") {
        let k = if rest.contains("coding") {
            0
        } else if rest.contains("design") {
            1
        } else {
            2
        };
        let days = &done.days[k];
        let want = done.quota_days;
        // A week wholly in the interview's last days asks nothing the logs could show.
        if want == 0 {
            return None;
        }
        return Some((days.len() >= want, format!("{} of {want} days", days.len()), days.clone()));
    }
    if text.starts_with("Weekly:") {
        let want = first_number(text).unwrap_or(1);
        let (have, files, unit) = if lower.contains("system design") {
            (done.designs.len() as u64, &done.designs, "complete designs")
        } else if lower.contains("coding") {
            (done.solved, &done.coding_files, "problems solved")
        } else if lower.contains("stor") {
            (done.stories.len() as u64, &done.stories, "stories written or worked on")
        } else {
            return None;
        };
        return Some((have >= want, format!("{have} of {want} {unit}"), files.clone()));
    }
    let kind = mock_task_kind(text)?;
    let files: Vec<String> = done.mocks.iter().filter(|(k, _)| *k == Some(kind)).map(|(_, p)| p.clone()).collect();
    Some((
        !files.is_empty(),
        format!("{} {} mock{}", files.len(), kind.slug(), if files.len() == 1 { "" } else { "s" }),
        files,
    ))
}

fn state(task: &Task, done: Option<&Done>) -> TaskState {
    match (done.and_then(|d| measure(task, d)), task.done) {
        (Some((true, count, files)), _) => TaskState::DoneByNotes { count, files },
        (Some((false, count, files)), true) => TaskState::Contradicted { count, files },
        (Some((false, count, _)), false) => TaskState::Open { so_far: Some(count) },
        (None, true) => TaskState::Ticked,
        (None, false) => TaskState::Open { so_far: None },
    }
}

/// The current week of a plan starting on `start`, with `tasks`; `None` before the
/// plan starts or after its last week.
pub fn current(config: &Config, notes: &Notes<'_>, tasks: &[Task], start: Date, week: i64) -> Option<PlanWeek> {
    let number = u32::try_from(week).ok().filter(|w| *w >= 1)?;
    if !tasks.iter().any(|t| t.week == Some(number)) {
        return None;
    }
    let first = add_days(start, 7 * i64::from(number - 1));
    let done = done_in(config, notes, first);
    let tasks = tasks
        .iter()
        .filter(|t| t.week == Some(number))
        .map(|t| WeekTask { text: t.text.clone(), line: t.line, state: state(t, Some(&done)) })
        .collect();
    Some(PlanWeek { week: number, start: first.to_string(), tasks })
}

/// The tasks of weeks before `week` still undone, grouped by kind in the order
/// their first task appears: unticked ones the notes do not show as done.
pub fn leftovers(config: &Config, notes: &Notes<'_>, tasks: &[Task], start: Date, week: i64) -> Vec<Leftovers> {
    let mut groups: Vec<Leftovers> = Vec::new();
    let mut weeks_done: Vec<(u32, Done)> = Vec::new();
    for t in tasks.iter().filter(|t| !t.done && t.week.is_some_and(|w| i64::from(w) < week)) {
        let w = t.week.unwrap_or(0);
        if !weeks_done.iter().any(|(n, _)| *n == w) {
            weeks_done.push((w, done_in(config, notes, add_days(start, 7 * i64::from(w.saturating_sub(1))))));
        }
        let done = weeks_done.iter().find(|(n, _)| *n == w).map(|(_, d)| d);
        if matches!(state(t, done), TaskState::DoneByNotes { .. }) {
            continue;
        }
        // A plan written by `systemcraft plan` starts each task with its kind; a
        // hand-written task without one joins the other tasks.
        let head = t.text.split([':', '(']).next().unwrap_or("").trim();
        let kind = if head.len() < t.text.trim().len() && head.chars().count() <= 30 && !head.is_empty() {
            head.to_string()
        } else {
            "Other tasks".to_string()
        };
        let at = match groups.iter().position(|g| g.kind == kind) {
            Some(i) => i,
            None => {
                groups.push(Leftovers { kind, count: 0, weeks: Vec::new(), first: Vec::new() });
                groups.len() - 1
            }
        };
        let g = &mut groups[at];
        g.count += 1;
        if !g.weeks.contains(&w) {
            g.weeks.push(w);
        }
        if g.first.len() < LEFTOVERS_SHOWN {
            g.first.push((w, t.text.clone(), t.line));
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_kinds() {
        assert_eq!(first_number("Weekly: 2 full system designs"), Some(2));
        assert_eq!(first_number("no digits"), None);
        let task = |text: &str, done| Task { done, text: text.into(), line: 1, week: Some(1) };
        let d = Done {
            designs: vec!["designs/a.md".into()],
            days: [vec!["logs/1.md".into(); 7], vec![], vec![]],
            quota_days: 7,
            ..Done::default()
        };
        let s = state(&task("Weekly: 2 full system designs, written up in designs/", true), Some(&d));
        assert_eq!(
            s,
            TaskState::Contradicted { count: "1 of 2 complete designs".into(), files: vec!["designs/a.md".into()] }
        );
        let s = state(&task("Daily: 1 coding problem (30 min), every day this week", false), Some(&d));
        assert!(matches!(s, TaskState::DoneByNotes { .. }), "{s:?}");
        assert_eq!(state(&task("Critical gap: x", true), Some(&d)), TaskState::Ticked);
    }
}
