//! Today's minimums, the streak, and this week's goals and hours.

use jiff::civil::Date;
use jiff::Span;
use serde::Serialize;

use super::Notes;
use crate::config::Config;
use crate::endgame::Phase;
use crate::note::kinds::{DesignStatus, Log};
use crate::note::Data;

/// One daily minimum.
#[derive(Debug, Clone, Serialize)]
pub struct Minimum {
    /// `coding`, `design` or `behavioral`.
    pub key: &'static str,
    /// What it asks.
    pub label: String,
    /// What was done today, in the unit of the goal.
    pub done: u64,
    /// The goal.
    pub target: u64,
    /// Whether it is met.
    pub met: bool,
}

/// Today's practice.
#[derive(Debug, Clone, Serialize)]
pub struct Today {
    /// The date.
    pub date: String,
    /// Today's log, if written.
    pub log: Option<String>,
    /// The three minimums.
    pub minimums: Vec<Minimum>,
    /// Consecutive days with every minimum met, ending today (or yesterday while
    /// today is still open).
    pub streak: u32,
    /// The longest such run on record.
    pub best_streak: u32,
}

/// One weekly goal.
#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    /// `designs`, `coding_problems`, `stories` or `mocks`.
    pub key: &'static str,
    /// What it asks.
    pub label: String,
    /// Done this week.
    pub done: u64,
    /// The goal.
    pub target: u64,
    /// The notes behind `done`.
    pub files: Vec<String>,
}

/// This week (Monday to Sunday).
#[derive(Debug, Clone, Serialize)]
pub struct Week {
    /// Monday.
    pub start: String,
    /// Sunday.
    pub end: String,
    /// The four goals.
    pub goals: Vec<Goal>,
    /// Practice minutes logged this week (logs and mocks).
    pub minutes: u64,
    /// The timeline's commitment in words (`15–20 h`).
    pub commitment: String,
    /// The commitment's lower bound in hours.
    pub commitment_hours: u32,
    /// Hours expected by the start of today at that pace: lower bound × the days of
    /// this week already finished, counted from the later of Monday and the profile's
    /// `start_date`, ÷ 7.
    pub expected_hours_so_far: f64,
}

/// What one day's logs add up to (two notes for one day add up).
#[derive(Debug, Default)]
struct Day<'a> {
    /// The first log of the day, in path order.
    file: &'a str,
    /// Coding problems worked on.
    problems: u64,
    /// Minutes of system design.
    design_minutes: u64,
    /// Minutes of behavioral work, without rehearsals.
    behavioral_minutes: u64,
    /// Seconds of rehearsal, summed before turning into minutes as
    /// `Log::behavioral_total_minutes` does for one merged log.
    rehearsal_seconds: u64,
}

impl Day<'_> {
    /// Done per minimum: coding problems, design minutes, behavioral minutes.
    fn done(&self) -> (u64, u64, u64) {
        (self.problems, self.design_minutes, self.behavioral_minutes + self.rehearsal_seconds / 60)
    }
}

/// Logs merged by date, in date order.
fn logs_by_day<'a>(notes: &Notes<'a>) -> Vec<(Date, Day<'a>)> {
    let mut logs: Vec<(Date, &str, &Log)> = Notes::counted(&notes.logs)
        .filter_map(|n| match &n.data {
            Data::Log(l) => l.date.map(|d| (d, n.path.as_str(), l)),
            _ => None,
        })
        .collect();
    // Stable, so a day's logs stay in path order; logs named by their date are
    // already in order, which the sort only has to confirm.
    logs.sort_by_key(|(d, _, _)| *d);
    let mut days: Vec<(Date, Day<'a>)> = Vec::new();
    for (date, path, l) in logs {
        if days.last().is_none_or(|(d, _)| *d != date) {
            days.push((date, Day { file: path, ..Day::default() }));
        }
        let Some((_, day)) = days.last_mut() else { continue };
        day.problems += l.coding.len() as u64;
        day.design_minutes += l.design_minutes;
        day.behavioral_minutes += l.behavioral_minutes;
        day.rehearsal_seconds += l.rehearsals.iter().filter_map(|r| r.seconds).sum::<u64>();
    }
    days
}

fn minimums(config: &Config, day: Option<&Day<'_>>) -> Vec<Minimum> {
    let d = &config.daily;
    let (problems, design, behavioral) = day.map_or((0, 0, 0), Day::done);
    let minimum = |key, label: String, done: u64, target: u32| Minimum {
        key,
        label,
        done,
        target: u64::from(target),
        met: done >= u64::from(target),
    };
    vec![
        minimum(
            "coding",
            format!(
                "{} coding problem{} ({} min)",
                d.coding_problems,
                if d.coding_problems == 1 { "" } else { "s" },
                d.coding_minutes
            ),
            problems,
            d.coding_problems,
        ),
        minimum("design", format!("{} min of system design", d.design_minutes), design, d.design_minutes),
        minimum("behavioral", format!("{} min of story work", d.behavioral_minutes), behavioral, d.behavioral_minutes),
    ]
}

/// Whether a day's logs meet every minimum (the test `minimums` marks as `met`).
fn day_met(config: &Config, day: &Day<'_>) -> bool {
    let d = &config.daily;
    let (problems, design, behavioral) = day.done();
    problems >= u64::from(d.coding_problems)
        && design >= u64::from(d.design_minutes)
        && behavioral >= u64::from(d.behavioral_minutes)
}

/// Today's minimums and the streak.
pub fn today(config: &Config, notes: &Notes<'_>) -> Today {
    let days = logs_by_day(notes);
    let today = config.today;
    let todays = days.binary_search_by_key(&today, |(d, _)| *d).ok().map(|i| &days[i].1);
    let met: Vec<Date> = days.iter().filter(|(d, day)| *d <= today && day_met(config, day)).map(|(d, _)| *d).collect();
    // The last days before the interview ask no quotas: they keep a streak going
    // without adding to it.
    let resting = |d: Date| matches!(Phase::on(config, d), Phase::Taper { .. } | Phase::InterviewDay);
    let is_met = |d: Date| met.binary_search(&d).is_ok();
    // Today still open: a streak that reached yesterday is not broken yet.
    let mut day = if is_met(today) || resting(today) { Some(today) } else { today.yesterday().ok() };
    let mut streak = 0;
    while let Some(d) = day {
        if is_met(d) {
            streak += 1;
        } else if !resting(d) {
            break;
        }
        day = d.yesterday().ok();
    }
    let mut best = 0;
    let mut run = 0;
    let mut prev: Option<Date> = None;
    for d in &met {
        run = if prev.and_then(|p| p.tomorrow().ok()) == Some(*d) { run + 1 } else { 1 };
        best = best.max(run);
        prev = Some(*d);
    }
    Today {
        date: today.to_string(),
        log: todays.map(|day| day.file.to_string()),
        minimums: minimums(config, todays),
        streak,
        best_streak: best,
    }
}

/// The Monday of the week holding `day`.
pub fn monday(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(Span::new().days(back)).unwrap_or(day)
}

/// This week's goals and hours.
pub fn week(config: &Config, notes: &Notes<'_>) -> Week {
    let start = monday(config.today);
    let end = start.checked_add(Span::new().days(6)).unwrap_or(start);
    let in_week = |d: Option<Date>| d.is_some_and(|d| d >= start && d <= end && d <= config.today);
    let w = &config.weekly;
    let mut designs = Vec::new();
    let mut coding_files = Vec::new();
    let mut solved = 0u64;
    let mut stories = Vec::new();
    let mut mocks = Vec::new();
    let mut minutes = 0u64;
    for n in [&notes.designs, &notes.logs, &notes.stories, &notes.mocks].into_iter().flat_map(|k| Notes::counted(k)) {
        match &n.data {
            Data::Design(d) if in_week(d.date) && d.status == Some(DesignStatus::Complete) => {
                designs.push(n.path.clone())
            }
            Data::Log(l) if in_week(l.date) => {
                let s = l.coding.iter().filter(|c| c.solved).count() as u64;
                if s > 0 {
                    coding_files.push(n.path.clone());
                }
                solved += s;
                minutes += l.total_minutes();
            }
            Data::Story(s) if in_week(s.created) => stories.push(n.path.clone()),
            Data::Mock(m) if in_week(m.date) && m.is_done() => {
                minutes += m.minutes.unwrap_or(0);
                mocks.push(n.path.clone());
            }
            _ => {}
        }
    }
    let goal = |key, label: String, files: Vec<String>, done: u64, target: u32| Goal {
        key,
        label,
        done,
        target: u64::from(target),
        files,
    };
    let (designs_count, stories_count, mocks_count) = (designs.len() as u64, stories.len() as u64, mocks.len() as u64);
    let (designs_done, stories_done, mocks_done) = (designs, stories, mocks);
    let (lo, _) = config.profile.timeline.weekly_hours();
    // Only finished days count toward the pace (today is still under way), and none
    // before the preparation's start date: day 1 owes nothing yet.
    let from = config.profile.start_date.map_or(start, |d| d.max(start));
    let finished = (config.today - from).get_days().max(0);
    Week {
        start: start.to_string(),
        end: end.to_string(),
        goals: vec![
            goal(
                "designs",
                format!("Complete {} full system designs", w.designs),
                designs_done,
                designs_count,
                w.designs,
            ),
            goal(
                "coding_problems",
                format!("Solve {} coding problems", w.coding_problems),
                coding_files,
                solved,
                w.coding_problems,
            ),
            goal("stories", format!("Write {} STAR stories", w.stories), stories_done, stories_count, w.stories),
            goal(
                "mocks",
                format!("Do {} mock interview{}", w.mocks, if w.mocks == 1 { "" } else { "s" }),
                mocks_done,
                mocks_count,
                w.mocks,
            ),
        ],
        minutes,
        commitment: config.profile.timeline.hours_label(),
        commitment_hours: lo,
        expected_hours_so_far: (f64::from(lo) * f64::from(finished) / 7.0 * 10.0).round() / 10.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monday_of_the_week() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(monday(d("2026-11-25")), d("2026-11-23")); // a Wednesday
        assert_eq!(monday(d("2026-11-23")), d("2026-11-23"));
        assert_eq!(monday(d("2026-11-29")), d("2026-11-23")); // Sunday
    }
}
