//! Time arithmetic around a study plan, for `systemcraft plan` and the dashboard:
//! where a date falls in a plan, whether a path fits before the interview, the
//! track's typical preparation against the time left, why the assessment chose its
//! path, and per-week progress of a plan's tasks. Pure functions of their arguments.

use jiff::civil::Date;
use serde::Serialize;

use crate::domain::assessment::AssessmentResult;
use crate::domain::tracks::{StudyPath, Track};
use crate::note::kinds::MockKind;
use crate::note::markdown::Task;

/// Days from `from` to `to` (negative when `to` comes first).
pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

/// `date` moved by `days`.
pub fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(jiff::Span::new().days(days)).unwrap_or(date)
}

/// Where a plan stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScheduleStatus {
    /// The plan starts later.
    NotStarted,
    /// The date falls in one of the plan's weeks.
    InProgress,
    /// Every week of the plan is over.
    Finished,
}

/// Where a date falls in a plan of `weeks` weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SchedulePosition {
    /// Day N of the plan: 1 on its first day, 0 or less before it.
    pub day: i64,
    /// The plan's week: ⌊(date − start) ÷ 7⌋ + 1 (as the dashboard's plan progress
    /// counts it); 0 or less before the start, above `weeks` after the end.
    pub week: i64,
    /// The plan's length in weeks.
    pub weeks: u32,
    /// Whole weeks still to come after the current one (all of them before the start,
    /// 0 in the last week and after).
    pub weeks_left: u32,
    /// Before, during or after the plan.
    pub status: ScheduleStatus,
}

/// Where `today` falls in a plan that starts on `start` and lasts `weeks` weeks.
///
/// For the dashboard: pass the plan note's `start` and its length — [`plan_weeks`]
/// of its tasks, or the study path's [`StudyPath::weeks`] when the body has no week
/// headings.
pub fn schedule_position(start: Date, weeks: u32, today: Date) -> SchedulePosition {
    let days = days_between(start, today);
    let week = days.div_euclid(7) + 1;
    let status = if days < 0 {
        ScheduleStatus::NotStarted
    } else if week > i64::from(weeks) {
        ScheduleStatus::Finished
    } else {
        ScheduleStatus::InProgress
    };
    let weeks_left = match status {
        ScheduleStatus::NotStarted => weeks,
        ScheduleStatus::Finished => 0,
        ScheduleStatus::InProgress => weeks - week as u32,
    };
    SchedulePosition { day: days + 1, week, weeks, weeks_left, status }
}

/// Whole weeks from `from` until the interview (the interview day excluded); 0 when
/// it is less than a week away or has passed.
pub fn weeks_available(from: Date, interview: Date) -> u32 {
    u32::try_from(days_between(from, interview).div_euclid(7)).unwrap_or(0)
}

/// Whether a study path fits before the interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PathFit {
    /// The path.
    pub path: StudyPath,
    /// Weeks it takes.
    pub weeks_needed: u32,
    /// Whole weeks to the interview ([`weeks_available`]); `None` without an interview date.
    pub weeks_available: Option<u32>,
    /// Whether it fits (always, without an interview date).
    pub fits: bool,
}

/// Whether `path`, started on `from`, ends before the interview.
pub fn path_fit(path: StudyPath, from: Date, interview: Option<Date>) -> PathFit {
    let weeks_available = interview.map(|i| weeks_available(from, i));
    PathFit {
        path,
        weeks_needed: path.weeks(),
        weeks_available,
        fits: weeks_available.is_none_or(|w| w >= path.weeks()),
    }
}

/// The track's typical preparation time against the time left.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PreparationFit {
    /// The track.
    pub track: Track,
    /// Its typical preparation, in months (low, high).
    pub typical_months: (u32, u32),
    /// Months from `from` to the interview, at 30.44 days a month, to one decimal.
    pub months_available: f64,
    /// Whether that is less than the typical low end.
    pub short: bool,
}

/// Compares the track's typical preparation time with the months from `from` (day 1
/// of the preparation, or today) to the interview.
pub fn preparation_fit(track: Track, from: Date, interview: Date) -> PreparationFit {
    let typical_months = track.typical_months();
    let months = days_between(from, interview) as f64 / 30.44;
    let months_available = (months * 10.0).round() / 10.0;
    PreparationFit { track, typical_months, months_available, short: months < f64::from(typical_months.0) }
}

/// Why the assessment leads to its path, in one line: the score, the band of scores
/// that chose the path, and each category with its band.
pub fn path_reason(result: &AssessmentResult) -> String {
    let (lo, hi) = result.path.score_range();
    let categories: Vec<String> = result
        .categories
        .iter()
        .map(|c| format!("{} {}% ({})", c.category.label().to_lowercase(), c.percent, c.band.label()))
        .collect();
    format!(
        "score {} on the {} form, in the {lo}–{hi} band of {}; {}",
        result.score,
        result.form,
        result.path,
        categories.join(", ")
    )
}

/// The number of weeks of a plan: the highest `Week N` its tasks fall under.
pub fn plan_weeks(tasks: &[Task]) -> Option<u32> {
    tasks.iter().filter_map(|t| t.week).max()
}

/// Ticked and total tasks of one week of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeekProgress {
    /// The week.
    pub week: u32,
    /// Ticked tasks.
    pub done: usize,
    /// All its tasks.
    pub total: usize,
}

/// Ticked and total tasks per week, in week order (tasks outside a week heading are
/// not counted here).
pub fn week_progress(tasks: &[Task]) -> Vec<WeekProgress> {
    let mut out: Vec<WeekProgress> = Vec::new();
    let mut weeks: Vec<u32> = tasks.iter().filter_map(|t| t.week).collect();
    weeks.sort_unstable();
    weeks.dedup();
    for week in weeks {
        let of_week = tasks.iter().filter(|t| t.week == Some(week));
        let (done, total) = of_week.fold((0, 0), |(d, n), t| (d + usize::from(t.done), n + 1));
        out.push(WeekProgress { week, done, total });
    }
    out
}

/// The words a plan task scheduling a mock interview starts with; `systemcraft plan`
/// writes them as `Mock interview (kind): …`.
pub const MOCK_TASK_PREFIX: &str = "Mock interview";

/// The kind of mock interview a plan task schedules, when it schedules one: the task
/// starts with `Mock interview` and names the kind in brackets (`(system-design)`);
/// a mock task without a known kind is taken as a full loop.
pub fn mock_task_kind(text: &str) -> Option<MockKind> {
    let rest = text.trim_start().strip_prefix(MOCK_TASK_PREFIX)?;
    let kind = rest.trim_start().strip_prefix('(').and_then(|r| r.split(')').next()).and_then(MockKind::parse);
    Some(kind.unwrap_or(MockKind::FullLoop))
}

/// The days the `count` mock interviews of a plan week fall on: the first `day` of
/// the week that starts on `week_start`, then the days after it, wrapping round
/// within the same seven days.
pub fn mock_dates(week_start: Date, count: usize, day: jiff::civil::Weekday) -> Vec<Date> {
    let first = i64::from(day.to_monday_zero_offset() - week_start.weekday().to_monday_zero_offset()).rem_euclid(7);
    (0..count as i64).map(|k| add_days(week_start, (first + k).rem_euclid(7))).collect()
}

/// A mock interview a plan schedules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedMock {
    /// The plan's week.
    pub week: u32,
    /// The day it is placed on ([`mock_dates`]).
    pub date: Date,
    /// Its kind.
    pub kind: MockKind,
    /// The task's text.
    pub text: String,
    /// The task's line in the plan.
    pub line: usize,
    /// Whether the task is ticked.
    pub done: bool,
    /// Its position among its week's mocks (0 for the first).
    pub index: usize,
}

/// Every mock interview a plan starting on `start` schedules, in plan order, each on
/// its day: in each week, the mock tasks in order on [`mock_dates`]; with an
/// interview date, a mock that would fall in the last days before it moves back to
/// the start of the final week, and one with no such day left is dropped
/// ([`crate::endgame::mock_day`]).
pub fn planned_mocks(
    tasks: &[Task],
    start: Date,
    day: jiff::civil::Weekday,
    interview: Option<Date>,
    endgame: &crate::config::EndgameSettings,
) -> Vec<PlannedMock> {
    let mut out = Vec::new();
    for week in plan_weeks(tasks).map_or(0..0, |n| 1..n + 1) {
        let mocks: Vec<(&Task, MockKind)> = tasks
            .iter()
            .filter(|t| t.week == Some(week))
            .filter_map(|t| mock_task_kind(&t.text).map(|k| (t, k)))
            .collect();
        let week_start = add_days(start, 7 * i64::from(week - 1));
        let dates = mock_dates(week_start, mocks.len(), day);
        for (index, ((task, kind), date)) in mocks.into_iter().zip(dates).enumerate() {
            let Some(date) = crate::endgame::mock_day(date, week_start, interview, endgame) else { continue };
            out.push(PlannedMock {
                week,
                date,
                kind,
                text: task.text.clone(),
                line: task.line,
                done: task.done,
                index,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn positions_before_during_and_after() {
        let p = schedule_position(d("2026-11-25"), 6, d("2026-11-20"));
        assert_eq!((p.status, p.week, p.day, p.weeks_left), (ScheduleStatus::NotStarted, 0, -4, 6));
        let p = schedule_position(d("2026-11-25"), 6, d("2026-11-25"));
        assert_eq!((p.status, p.week, p.day, p.weeks_left), (ScheduleStatus::InProgress, 1, 1, 5));
        let p = schedule_position(d("2026-11-25"), 6, d("2026-12-02"));
        assert_eq!((p.week, p.weeks_left), (2, 4));
        let p = schedule_position(d("2026-11-25"), 6, d("2027-01-05"));
        assert_eq!((p.status, p.week, p.weeks_left), (ScheduleStatus::InProgress, 6, 0));
        let p = schedule_position(d("2026-11-25"), 6, d("2027-01-06"));
        assert_eq!((p.status, p.week), (ScheduleStatus::Finished, 7));
    }

    #[test]
    fn fits_and_preparation() {
        assert_eq!(weeks_available(d("2026-11-25"), d("2026-12-23")), 4);
        assert_eq!(weeks_available(d("2026-11-25"), d("2026-12-22")), 3);
        assert_eq!(weeks_available(d("2026-11-25"), d("2026-11-01")), 0);
        let f = path_fit(StudyPath::SixWeekIntensive, d("2026-11-25"), Some(d("2026-12-23")));
        assert_eq!((f.weeks_needed, f.weeks_available, f.fits), (6, Some(4), false));
        assert!(path_fit(StudyPath::QuickReference, d("2026-11-25"), None).fits);
        let p = preparation_fit(Track::L6ToL7, d("2026-11-25"), d("2027-03-25"));
        assert_eq!((p.typical_months, p.months_available, p.short), ((6, 8), 3.9, true));
    }

    #[test]
    fn mock_tasks_and_their_days() {
        assert_eq!(mock_task_kind("Mock interview (system-design): a round"), Some(MockKind::SystemDesign));
        assert_eq!(mock_task_kind("Mock interview: with a friend"), Some(MockKind::FullLoop));
        assert_eq!(mock_task_kind("Weekly: 2 full system designs"), None);
        // A plan starting on a Wednesday: its Saturday is day 4, two mocks wrap to Sunday.
        let sat = jiff::civil::Weekday::Saturday;
        assert_eq!(mock_dates(d("2026-11-25"), 2, sat), [d("2026-11-28"), d("2026-11-29")]);
        // A week starting on a Sunday wraps its second mock into the following days.
        assert_eq!(mock_dates(d("2026-11-29"), 2, jiff::civil::Weekday::Saturday), [d("2026-12-05"), d("2026-11-29")]);
        let task = |text: &str, week, line| Task { done: false, text: text.into(), line, week: Some(week) };
        let tasks = [
            task("Daily: 1 coding problem", 1, 3),
            task("Mock interview (coding): two problems", 2, 8),
            task("Mock interview (full-loop): all of it", 2, 9),
        ];
        let planned = planned_mocks(&tasks, d("2026-11-25"), sat, None, &Default::default());
        let got: Vec<(u32, Date, MockKind)> = planned.iter().map(|m| (m.week, m.date, m.kind)).collect();
        assert_eq!(got, [(2, d("2026-12-05"), MockKind::Coding), (2, d("2026-12-06"), MockKind::FullLoop)]);
    }

    #[test]
    fn reason_and_week_progress() {
        let answers: BTreeMap<String, u8> = crate::domain::assessment::Form::Quick
            .items()
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.to_string(), if i < 4 { 4 } else { 3 }))
            .collect();
        let r = crate::domain::assessment::score(crate::domain::assessment::Form::Quick, &answers).unwrap();
        assert_eq!(
            path_reason(&r),
            "score 67 on the quick form, in the 55–69 band of twelve-week-comprehensive; technical 80% (strong), leadership 60% (good), cultural 60% (good)"
        );
        let task = |done, week| Task { done, text: String::new(), line: 1, week };
        let tasks = [task(true, Some(1)), task(false, Some(1)), task(false, Some(3)), task(true, None)];
        assert_eq!(plan_weeks(&tasks), Some(3));
        assert_eq!(
            week_progress(&tasks),
            [WeekProgress { week: 1, done: 1, total: 2 }, WeekProgress { week: 3, done: 0, total: 1 }]
        );
    }
}
