//! Mock interviews on the dashboard: this week's against the weekly goal, each area's
//! ratings over time (never averaged across areas), the recency-weighted rating of
//! each area that the bars take as evidence, and the next mock the current plan
//! schedules.

use std::collections::BTreeMap;

use jiff::civil::Date;
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
    /// Its rating of each area (1–5, the mean of the area's fields to one decimal), by
    /// area slug; empty when it has none.
    pub ratings: BTreeMap<&'static str, f64>,
}

/// Days over which a mock's weight halves: the last fortnight's mocks say more about
/// the interview than last month's.
pub const HALF_LIFE_DAYS: f64 = 14.0;

/// The three areas a loop rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    /// Behavioral questions (the principles).
    Behavioral,
    /// System design.
    SystemDesign,
    /// Coding.
    Coding,
}

impl Area {
    /// Every area, in dashboard order.
    pub const ALL: [Area; 3] = [Area::Behavioral, Area::SystemDesign, Area::Coding];

    /// The slug used in JSON.
    pub fn slug(self) -> &'static str {
        match self {
            Area::Behavioral => "behavioral",
            Area::SystemDesign => "system-design",
            Area::Coding => "coding",
        }
    }

    /// The name on the dashboard.
    pub fn label(self) -> &'static str {
        match self {
            Area::Behavioral => "Behavioral",
            Area::SystemDesign => "System design",
            Area::Coding => "Coding",
        }
    }

    /// The area a mock of `kind` rates when a rating's name does not say.
    fn of_kind(kind: Option<MockKind>) -> Option<Area> {
        match kind? {
            MockKind::Behavioral => Some(Area::Behavioral),
            MockKind::SystemDesign => Some(Area::SystemDesign),
            MockKind::Coding => Some(Area::Coding),
            MockKind::FullLoop => None,
        }
    }

    /// The area a rating's field names (`behavioral`, `system-design`, `coding`,
    /// `leadership`, `architecture`, …); other names (`communication`) rate the
    /// mock's own area, and are left out of a full loop's.
    pub fn of_rating(name: &str, kind: Option<MockKind>) -> Option<Area> {
        let n = name.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
        if has(&["behav", "leadership", "principle", "story", "stories"]) || n == "lp" || n == "bq" {
            Some(Area::Behavioral)
        } else if has(&["design", "architecture", "system"]) || n == "sd" {
            Some(Area::SystemDesign)
        } else if has(&["coding", "code", "algorithm", "problem", "data-structure"]) {
            Some(Area::Coding)
        } else {
            Area::of_kind(kind)
        }
    }
}

/// One area's ratings: over time for the dashboard, and weighted by recency over the
/// window as evidence for its bar.
#[derive(Debug, Clone, Serialize)]
pub struct AreaRatings {
    /// The area.
    pub area: Area,
    /// Its last ratings up to today, oldest first (at most [`TREND_LENGTH`]).
    pub recent: Vec<RatingPoint>,
    /// The recency-weighted mean (1–5, two decimals) of its ratings in the window;
    /// `None` when none was rated there.
    pub weighted: Option<f64>,
    /// `weighted` on a 0–1 scale: (rating − 1) / 4; 0 without a rating.
    pub value: f64,
    /// Rated mocks in the window.
    pub mocks: usize,
    /// Their notes.
    pub files: Vec<String>,
}

/// One rating of one area.
#[derive(Debug, Clone, Serialize)]
pub struct RatingPoint {
    /// The mock's date.
    pub date: String,
    /// Its note.
    pub path: String,
    /// The rating (1–5, one decimal).
    pub rating: f64,
}

/// The ratings of the mocks as evidence: each area's, and all of them together for the
/// readiness multiplier.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Evidence {
    /// Each area, in [`Area::ALL`] order.
    pub areas: Vec<AreaRatings>,
    /// How the window's mocks went, on a 0–1 scale: the recency-weighted mean over
    /// every done mock of its rating ((mean of its areas − 1) / 4), an unrated mock
    /// counting 0.5. 0 with no mock.
    pub quality: f64,
}

impl Evidence {
    /// One area's ratings.
    pub fn area(&self, area: Area) -> Option<&AreaRatings> {
        self.areas.iter().find(|a| a.area == area)
    }
}

/// The weight of a mock `age` days old.
pub fn recency_weight(age: i32) -> f64 {
    0.5f64.powf(f64::from(age.max(0)) / HALF_LIFE_DAYS)
}

/// Each area's rating of one mock (the mean of the fields naming it), to one decimal.
fn area_ratings(m: &crate::note::kinds::Mock) -> BTreeMap<Area, f64> {
    let mut sums: BTreeMap<Area, (u32, u32)> = BTreeMap::new();
    for (name, v) in &m.ratings {
        if let Some(area) = Area::of_rating(name, m.kind) {
            let e = sums.entry(area).or_default();
            e.0 += u32::from(*v);
            e.1 += 1;
        }
    }
    sums.into_iter().map(|(a, (sum, n))| (a, (f64::from(sum) / f64::from(n) * 10.0).round() / 10.0)).collect()
}

/// The mocks done up to today as evidence (see [`Evidence`]).
pub fn evidence(config: &Config, notes: &Notes<'_>) -> Evidence {
    let from = config.window_start();
    let mut done: Vec<(Date, &str, BTreeMap<Area, f64>)> = Notes::counted(&notes.mocks)
        .filter_map(|n| match &n.data {
            Data::Mock(m) if m.is_done() => {
                m.date.filter(|d| *d <= config.today).map(|d| (d, n.path.as_str(), area_ratings(m)))
            }
            _ => None,
        })
        .collect();
    done.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    let age = |d: Date| (config.today - d).get_days();
    let areas = Area::ALL
        .iter()
        .map(|area| {
            let rated: Vec<(Date, &str, f64)> =
                done.iter().filter_map(|(d, p, r)| r.get(area).map(|v| (*d, *p, *v))).collect();
            let in_window: Vec<&(Date, &str, f64)> = rated.iter().filter(|(d, _, _)| *d >= from).collect();
            let total: f64 = in_window.iter().map(|(d, _, _)| recency_weight(age(*d))).sum();
            let weighted = (total > 0.0).then(|| {
                let mean = in_window.iter().map(|(d, _, v)| recency_weight(age(*d)) * v).sum::<f64>() / total;
                (mean * 100.0).round() / 100.0
            });
            let recent = rated[rated.len().saturating_sub(TREND_LENGTH)..]
                .iter()
                .map(|(d, p, v)| RatingPoint { date: d.to_string(), path: p.to_string(), rating: *v })
                .collect();
            AreaRatings {
                area: *area,
                recent,
                weighted,
                value: weighted.map_or(0.0, |w| ((w - 1.0) / 4.0).clamp(0.0, 1.0)),
                mocks: in_window.len(),
                files: in_window.iter().map(|(_, p, _)| p.to_string()).collect(),
            }
        })
        .collect();
    let (mut total, mut sum) = (0.0, 0.0);
    for (d, _, r) in done.iter().filter(|(d, _, _)| *d >= from) {
        let w = recency_weight(age(*d));
        let q = if r.is_empty() {
            0.5
        } else {
            let mean = r.values().sum::<f64>() / r.len() as f64;
            ((mean - 1.0) / 4.0).clamp(0.0, 1.0)
        };
        total += w;
        sum += w * q;
    }
    Evidence { areas, quality: if total > 0.0 { sum / total } else { 0.0 } }
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
    /// Each area's ratings over time and its weighted rating (see [`Evidence`]).
    pub areas: Vec<AreaRatings>,
    /// The next unticked mock task of the current plan dated today or later.
    pub next: Option<NextMock>,
    /// Planned mocks: notes dated this week or later with neither ratings nor minutes
    /// (see [`crate::note::kinds::Mock::is_done`]), which count once rated; by date,
    /// at most [`TREND_LENGTH`]. Their `ratings` are always empty.
    pub planned: Vec<MockPoint>,
}

/// The mock summary. `this_week` is the count of the week's `mocks` goal.
pub fn summary(config: &Config, index: &Index, notes: &Notes<'_>, this_week: u64, evidence: &Evidence) -> MockSummary {
    let mut done: Vec<MockPoint> = Notes::counted(&notes.mocks)
        .filter_map(|n| match &n.data {
            Data::Mock(m) if m.is_done() => m.date.filter(|d| *d <= config.today).map(|d| {
                let ratings = area_ratings(m).into_iter().map(|(a, v)| (a.slug(), v)).collect();
                MockPoint { date: d.to_string(), kind: m.kind, path: n.path.clone(), ratings }
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
                ratings: BTreeMap::new(),
            }),
            _ => None,
        })
        .collect();
    planned.sort_by(|a, b| a.date.cmp(&b.date).then(a.path.cmp(&b.path)));
    planned.truncate(TREND_LENGTH);
    MockSummary {
        this_week,
        goal: u64::from(config.weekly.mocks),
        recent,
        areas: evidence.areas.clone(),
        next,
        planned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_name_their_area() {
        assert_eq!(Area::of_rating("behavioral", Some(MockKind::FullLoop)), Some(Area::Behavioral));
        assert_eq!(Area::of_rating("system-design", None), Some(Area::SystemDesign));
        assert_eq!(Area::of_rating("coding", Some(MockKind::Behavioral)), Some(Area::Coding));
        assert_eq!(Area::of_rating("communication", Some(MockKind::Coding)), Some(Area::Coding));
        assert_eq!(Area::of_rating("communication", Some(MockKind::FullLoop)), None);
    }

    #[test]
    fn recency_halves_the_weight_every_fortnight() {
        assert_eq!(recency_weight(0), 1.0);
        assert!((recency_weight(14) - 0.5).abs() < 1e-12);
        assert!((recency_weight(28) - 0.25).abs() < 1e-12);
    }
}
