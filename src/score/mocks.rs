//! Mock interviews on the dashboard: this week's against the weekly goal, the trend
//! of their ratings, and the next one the current plan schedules.

use serde::Serialize;

use super::{progress, Notes};
use crate::config::Config;
use crate::index::Index;
use crate::note::kinds::MockKind;
use crate::note::Data;
use crate::plan::schedule::planned_mocks;

/// Mocks shown in the ratings trend, at most.
pub const TREND_LENGTH: usize = 8;

/// One recorded mock interview, for the trend.
#[derive(Debug, Clone, Serialize)]
pub struct MockPoint {
    /// Its date.
    pub date: String,
    /// What it covered.
    pub kind: Option<MockKind>,
    /// Its note.
    pub path: String,
    /// The mean of its ratings (1–5) to one decimal; `None` when it has none.
    pub rating: Option<f64>,
}

/// The next mock interview the plan schedules.
#[derive(Debug, Clone, Serialize)]
pub struct NextMock {
    /// The day it is placed on (`study.mock_day` of its plan week).
    pub date: String,
    /// Its kind.
    pub kind: MockKind,
    /// The plan's week.
    pub week: u32,
    /// The plan note.
    pub plan: String,
    /// The task's line in it.
    pub line: usize,
}

/// Mock interviews at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct MockSummary {
    /// Mocks done (see [`crate::note::kinds::Mock::is_done`]) dated this week, up to today.
    pub this_week: u64,
    /// The weekly goal.
    pub goal: u64,
    /// The last mocks done up to today, oldest first (at most [`TREND_LENGTH`]); planned
    /// ones are left out.
    pub recent: Vec<MockPoint>,
    /// The next unticked mock task of the current plan dated today or later.
    pub next: Option<NextMock>,
    /// Planned mocks: notes dated this week or later with neither ratings nor minutes
    /// (see [`crate::note::kinds::Mock::is_done`]), which count once rated; by date,
    /// at most [`TREND_LENGTH`]. Their `rating` is always `None`.
    pub planned: Vec<MockPoint>,
}

/// The mock summary. `this_week` is the count of the week's `mocks` goal.
pub fn summary(config: &Config, index: &Index, notes: &Notes<'_>, this_week: u64) -> MockSummary {
    let mut done: Vec<MockPoint> = Notes::counted(&notes.mocks)
        .filter_map(|n| match &n.data {
            Data::Mock(m) if m.is_done() => m.date.filter(|d| *d <= config.today).map(|d| {
                let rating = (!m.ratings.is_empty()).then(|| {
                    let sum: u32 = m.ratings.values().map(|v| u32::from(*v)).sum();
                    (f64::from(sum) / m.ratings.len() as f64 * 10.0).round() / 10.0
                });
                MockPoint { date: d.to_string(), kind: m.kind, path: n.path.clone(), rating }
            }),
            _ => None,
        })
        .collect();
    // Dates as text sort as dates; the path breaks ties.
    done.sort_by(|a, b| a.date.cmp(&b.date).then(a.path.cmp(&b.path)));
    let recent = done.split_off(done.len().saturating_sub(TREND_LENGTH));
    let next = progress::current_plan(config, index, notes).and_then(|note| {
        let Data::Plan(p) = &note.data else { return None };
        planned_mocks(&note.body.tasks, p.start?, config.study.mock_day, config.profile.interview_date, &config.endgame)
            .into_iter()
            .filter(|m| !m.done && m.date >= config.today)
            .min_by_key(|m| (m.date, m.line))
            .map(|m| NextMock {
                date: m.date.to_string(),
                kind: m.kind,
                week: m.week,
                plan: note.path.clone(),
                line: m.line,
            })
    });
    let monday = super::goals::monday(config.today);
    let mut planned: Vec<MockPoint> = Notes::counted(&notes.mocks)
        .filter_map(|n| match &n.data {
            Data::Mock(m) if !m.is_done() => m.date.filter(|d| *d >= monday).map(|d| MockPoint {
                date: d.to_string(),
                kind: m.kind,
                path: n.path.clone(),
                rating: None,
            }),
            _ => None,
        })
        .collect();
    planned.sort_by(|a, b| a.date.cmp(&b.date).then(a.path.cmp(&b.path)));
    planned.truncate(TREND_LENGTH);
    MockSummary { this_week, goal: u64::from(config.weekly.mocks), recent, next, planned }
}
