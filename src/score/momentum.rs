//! Where the time goes, from the daily logs: the last 7 days against the weekly
//! commitment (momentum: a bad week shows in the week it happens, not once the
//! 28-day window has caught up), and the window's hours by area against the
//! recommended split.

use jiff::civil::Date;
use jiff::Span;
use serde::Serialize;

use super::mocks::Area;
use super::{percent, Notes};
use crate::config::Config;
use crate::note::Data;

/// Below this share of the expected hours the last 7 days count as slipping.
pub const SLIPPING_BELOW: f64 = 0.5;

/// An area's share may differ from the recommended one by this many points before a
/// next action says so.
pub const SPLIT_TOLERANCE: i64 = 15;

/// The last 7 days against the weekly commitment.
#[derive(Debug, Clone, Serialize)]
pub struct Momentum {
    /// The first of the 7 days (today is the last).
    pub from: String,
    /// Minutes logged in them (logs and mocks).
    pub minutes: u64,
    /// Minutes the commitment's lower bound asks for over the finished days among
    /// them (days before the profile's `start_date` owe nothing).
    pub expected_minutes: u64,
    /// `minutes` as a percent of `expected_minutes` (100 when nothing is owed).
    pub percent: u32,
    /// Fewer than half the expected minutes: every bar is marked slipping.
    pub slipping: bool,
}

/// The momentum on `config.today`.
pub fn momentum(config: &Config, notes: &Notes<'_>) -> Momentum {
    let today = config.today;
    let from = today.checked_sub(Span::new().days(6)).unwrap_or(today);
    let in_days = |d: Option<Date>| d.is_some_and(|d| d >= from && d <= today);
    let mut minutes = 0u64;
    for n in Notes::counted(&notes.logs).chain(Notes::counted(&notes.mocks)) {
        match &n.data {
            Data::Log(l) if in_days(l.date) => minutes += l.total_minutes(),
            Data::Mock(m) if in_days(m.date) && m.is_done() => minutes += m.minutes.unwrap_or(0),
            _ => {}
        }
    }
    // Finished days only (today is under way), from the start of the preparation.
    let owed_from = config.profile.start_date.map_or(from, |s| s.max(from));
    let finished = (today - owed_from).get_days().clamp(0, 7);
    let (lo, _) = config.profile.timeline.weekly_hours();
    let expected_minutes = (f64::from(lo) * 60.0 * f64::from(finished) / 7.0).round() as u64;
    let share = if expected_minutes == 0 { 1.0 } else { minutes as f64 / expected_minutes as f64 };
    Momentum {
        from: from.to_string(),
        minutes,
        expected_minutes,
        percent: percent(share.min(1.0)),
        slipping: expected_minutes > 0 && share < SLIPPING_BELOW,
    }
}

/// One area's hours in the window.
#[derive(Debug, Clone, Serialize)]
pub struct SplitRow {
    /// The area.
    pub area: Area,
    /// Minutes logged.
    pub minutes: u64,
    /// Its share of all the minutes, percent.
    pub percent: u32,
    /// The recommended share, percent.
    pub recommended: u32,
    /// `percent − recommended`, in points.
    pub off: i64,
}

/// The window's hours by area against the recommended split.
#[derive(Debug, Clone, Serialize)]
pub struct Split {
    /// Days of the window.
    pub window_days: i32,
    /// Minutes logged in the window, all areas.
    pub minutes: u64,
    /// Each area, in [`Area::ALL`] order.
    pub rows: Vec<SplitRow>,
}

impl Split {
    /// The area furthest below its recommended share, when more than
    /// [`SPLIT_TOLERANCE`] points below.
    pub fn most_short(&self) -> Option<&SplitRow> {
        if self.minutes == 0 {
            return None;
        }
        self.rows.iter().filter(|r| r.off < -SPLIT_TOLERANCE).min_by_key(|r| r.off)
    }
}

/// The split over the window: coding, design and behavioral minutes of the daily logs
/// (rehearsals count as behavioral), plus the minutes of single-area mocks.
pub fn split(config: &Config, notes: &Notes<'_>) -> Split {
    let (from, to) = (config.window_start(), config.today);
    let in_window = |d: Option<Date>| d.is_some_and(|d| d >= from && d <= to);
    let (mut behavioral, mut design, mut coding) = (0u64, 0u64, 0u64);
    for n in Notes::counted(&notes.logs).chain(Notes::counted(&notes.mocks)) {
        match &n.data {
            Data::Log(l) if in_window(l.date) => {
                behavioral += l.behavioral_total_minutes();
                design += l.design_minutes;
                coding += l.coding_minutes();
            }
            Data::Mock(m) if in_window(m.date) && m.is_done() => {
                let mins = m.minutes.unwrap_or(0);
                match m.kind {
                    Some(crate::note::kinds::MockKind::Behavioral) => behavioral += mins,
                    Some(crate::note::kinds::MockKind::SystemDesign) => design += mins,
                    Some(crate::note::kinds::MockKind::Coding) => coding += mins,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let total = behavioral + design + coding;
    let r = config.split;
    let rows = [
        (Area::Behavioral, behavioral, r.behavioral),
        (Area::SystemDesign, design, r.design),
        (Area::Coding, coding, r.coding),
    ]
    .into_iter()
    .map(|(area, minutes, recommended)| {
        let share = if total == 0 { 0.0 } else { minutes as f64 / total as f64 };
        let recommended = percent(recommended / 100.0);
        let pct = percent(share);
        SplitRow { area, minutes, percent: pct, recommended, off: i64::from(pct) - i64::from(recommended) }
    })
    .collect();
    Split { window_days: config.window_days, minutes: total, rows }
}
