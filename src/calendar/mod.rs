//! The study schedule as calendar events, for `systemcraft calendar`: the daily
//! study blocks on the days and at the hour of `study:` in systemcraft.yaml, one
//! all-day event per week of the current plan with its tasks, the plan's mock
//! interviews, the story rehearsals the SM-2 schedule says are due, and the
//! interview day.
//!
//! [`Schedule::build`] is pure: the same notes, profile and dates give the same
//! events, and every event's UID is derived from what it stands for (a day, a plan
//! week, a story), never from a counter or the clock, so importing a newer file
//! updates the events instead of adding copies. [`ics`] writes the events as an
//! iCalendar file.

pub mod ics;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::config::Config;
use crate::endgame::{Phase, LOGISTICS};
use crate::index::Index;
use crate::note::{Data, Note};
use crate::plan::schedule::{add_days, days_between, mock_task_kind, plan_weeks, planned_mocks};
use crate::repetition::{self, interview_plan};
use crate::score::{portfolio, progress, Notes};

/// Minutes a scheduled mock interview takes in the calendar.
pub const MOCK_MINUTES: i64 = 60;

/// The longest schedule `calendar` writes, in weeks.
pub const MAX_WEEKS: u32 = 104;

/// Weeks written when neither `--weeks`, an interview date nor a plan says.
pub const DEFAULT_WEEKS: u32 = 4;

/// The domain part of every UID.
const UID_DOMAIN: &str = "systemcraft";

/// What an event stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    /// The daily minimums, as a time block.
    Study,
    /// A week of the current plan, with its tasks.
    PlanWeek,
    /// A mock interview the plan schedules.
    Mock,
    /// A story to rehearse aloud.
    Rehearsal,
    /// The interview.
    Interview,
}

impl EventKind {
    /// The name used in the UID and the event's category.
    pub fn slug(self) -> &'static str {
        match self {
            EventKind::Study => "study",
            EventKind::PlanWeek => "plan-week",
            EventKind::Mock => "mock",
            EventKind::Rehearsal => "rehearsal",
            EventKind::Interview => "interview",
        }
    }
}

/// When an event happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// All day, from the first date up to (not including) the second.
    Days(Date, Date),
    /// From one instant to another.
    Between(Timestamp, Timestamp),
}

impl When {
    /// The first day the event touches, in the schedule's time zone.
    pub fn first_day(&self, tz: &TimeZone) -> Date {
        match self {
            When::Days(start, _) => *start,
            When::Between(start, _) => start.to_zoned(tz.clone()).date(),
        }
    }
}

/// One calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// A stable identifier: the same day, week or story gives the same UID on every run.
    pub uid: String,
    /// What it stands for.
    pub kind: EventKind,
    /// The title.
    pub summary: String,
    /// The details, one item a line.
    pub description: String,
    /// When.
    pub when: When,
}

/// The study schedule over a range of days.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// The first day.
    pub from: Date,
    /// The day after the last one of the range asked for.
    pub until: Date,
    /// The last day the schedule covers: the interview day when it falls in the range
    /// (nothing comes after it), else the day before `until`.
    pub last: Date,
    /// The time zone the hours are read in.
    pub time_zone: TimeZone,
    /// Its IANA name, when it has one.
    pub time_zone_name: Option<String>,
    /// The events, sorted by start, then kind, then UID.
    pub events: Vec<Event>,
}

fn uid(parts: &[&str]) -> String {
    format!("{}@{UID_DOMAIN}", parts.join("-"))
}

fn compact(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// The instant `date` at `time` in `tz`, or `None` when the date overflows.
fn at(date: Date, time: jiff::civil::Time, tz: &TimeZone) -> Option<Timestamp> {
    DateTime::from_parts(date, time).to_zoned(tz.clone()).ok().map(|z| z.timestamp())
}

/// How many weeks the schedule covers without `--weeks`: up to the interview when it
/// is set, else to the end of the current plan, else [`DEFAULT_WEEKS`].
pub fn default_weeks(config: &Config, plan: Option<(&Note, Date)>, from: Date) -> u32 {
    let end = match (config.profile.interview_date, plan) {
        // The interview day itself is in the schedule.
        (Some(interview), _) => Some(add_days(interview, 1)),
        (None, Some((note, start))) => plan_weeks(&note.body.tasks).map(|w| add_days(start, 7 * i64::from(w))),
        (None, None) => None,
    };
    match end {
        Some(end) if end > from => {
            u32::try_from(days_between(from, end).div_euclid(7) + i64::from(days_between(from, end) % 7 != 0))
                .unwrap_or(MAX_WEEKS)
                .clamp(1, MAX_WEEKS)
        }
        _ => DEFAULT_WEEKS,
    }
}

/// The current plan note and its start ([`progress::current_plan`]), when it has one.
pub fn current_plan<'a>(config: &Config, index: &'a Index) -> Option<(&'a Note, Date)> {
    let note = progress::current_plan(config, index, &Notes::of(index))?;
    match &note.data {
        Data::Plan(p) => p.start.map(|s| (note, s)),
        _ => None,
    }
}

impl Schedule {
    /// The schedule from `from` over `weeks` weeks (see [`default_weeks`] when `None`).
    /// Nothing is scheduled after the interview day, and nothing but the interview on it.
    pub fn build(config: &Config, index: &Index, from: Date, weeks: Option<u32>) -> Schedule {
        let tz = config.time_zone();
        let plan = current_plan(config, index);
        let weeks = weeks.unwrap_or_else(|| default_weeks(config, plan, from)).clamp(1, MAX_WEEKS);
        let until = add_days(from, 7 * i64::from(weeks));
        let interview = config.profile.interview_date;
        // The last day (exclusive) for everything but the interview itself.
        let study_until = interview.map_or(until, |i| i.min(until));
        let mut events = Vec::new();
        study_blocks(config, &tz, from, study_until, &mut events);
        if let Some((note, start)) = plan {
            plan_weeks_events(note, start, from, study_until, &mut events);
            mock_events(config, &tz, note, start, from, study_until, &mut events);
        }
        rehearsal_events(config, index, from, study_until, &mut events);
        if let Some(day) = interview.filter(|d| *d >= from && *d < until) {
            events.push(Event {
                uid: uid(&["interview"]),
                kind: EventKind::Interview,
                summary: "Interview day".into(),
                description: "The interview (or the first day of the loop). Keep the day free of study; go over two or three stories on the way.".into(),
                when: When::Days(day, add_days(day, 1)),
            });
        }
        events.sort_by(|a, b| {
            a.when.first_day(&tz).cmp(&b.when.first_day(&tz)).then(a.kind.cmp(&b.kind)).then(a.uid.cmp(&b.uid))
        });
        let time_zone_name = tz.iana_name().map(str::to_string);
        let last = interview.filter(|d| *d >= from && *d < until).unwrap_or_else(|| add_days(until, -1));
        Schedule { from, until, last, time_zone: tz, time_zone_name, events }
    }

    /// Events of one kind.
    pub fn of_kind(&self, kind: EventKind) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.kind == kind)
    }
}

/// The daily minimums, in words, one a line.
fn minimums(config: &Config) -> String {
    let d = &config.daily;
    let mut lines = Vec::new();
    if d.coding_problems > 0 {
        let s = if d.coding_problems == 1 { "" } else { "s" };
        lines.push(format!("Coding: {} problem{s} ({} min)", d.coding_problems, d.coding_minutes));
    }
    if d.design_minutes > 0 {
        lines.push(format!("System design: one concept ({} min)", d.design_minutes));
    }
    if d.behavioral_minutes > 0 {
        lines.push(format!("Behavioral: work on one story ({} min)", d.behavioral_minutes));
    }
    lines.push("Then log the day: `systemcraft new log`".into());
    lines.join("\n")
}

/// The daily block of one day: the minimums, or in the last days before the
/// interview a short block of stories aloud and the logistics (see [`Phase`]).
fn study_block(config: &Config, day: Date, normal: &str) -> (i64, String, String) {
    let minutes = i64::from(config.study_minutes());
    match Phase::on(config, day) {
        Phase::Taper { days_left } => {
            let light = i64::from(config.daily.behavioral_minutes.clamp(5, 15));
            let checklist: Vec<String> = LOGISTICS.iter().map(|item| format!("[ ] {item}")).collect();
            (
                light,
                format!(
                    "Interview prep: light day, {days_left} day{} to go ({light} min)",
                    if days_left == 1 { "" } else { "s" }
                ),
                format!(
                    "No new designs, no problem quotas, no mock. Tell one or two stories aloud, then go through the checklist:\n{}",
                    checklist.join("\n")
                ),
            )
        }
        _ => (minutes, format!("Interview prep: daily minimums ({minutes} min)"), normal.to_string()),
    }
}

fn study_blocks(config: &Config, tz: &TimeZone, from: Date, until: Date, events: &mut Vec<Event>) {
    let description = minimums(config);
    let mut day = from;
    while day < until {
        if config.study.days.contains(&day.weekday()) {
            if let Some(start) = at(day, config.study.time, tz) {
                let (minutes, summary, description) = study_block(config, day, &description);
                let end = start.checked_add(jiff::SignedDuration::from_mins(minutes)).unwrap_or(start);
                events.push(Event {
                    uid: uid(&["study", &compact(day)]),
                    kind: EventKind::Study,
                    summary,
                    description,
                    when: When::Between(start, end),
                });
            }
        }
        day = add_days(day, 1);
    }
}

fn plan_weeks_events(note: &Note, start: Date, from: Date, until: Date, events: &mut Vec<Event>) {
    let Some(total) = plan_weeks(&note.body.tasks) else { return };
    for week in 1..=total {
        let first = add_days(start, 7 * i64::from(week - 1));
        let (lo, hi) = (first.max(from), add_days(first, 7).min(until));
        if lo >= hi {
            continue;
        }
        let tasks: Vec<_> =
            note.body.tasks.iter().filter(|t| t.week == Some(week) && mock_task_kind(&t.text).is_none()).collect();
        if tasks.is_empty() {
            continue;
        }
        let open = tasks.iter().filter(|t| !t.done).count();
        let lines: Vec<String> =
            tasks.iter().map(|t| format!("[{}] {}", if t.done { "x" } else { " " }, t.text)).collect();
        events.push(Event {
            uid: uid(&["plan", note.id(), "week", &week.to_string()]),
            kind: EventKind::PlanWeek,
            summary: format!("Study plan week {week} of {total}: {open} of {} tasks open", tasks.len()),
            description: format!("From {} (tick tasks there):\n{}", note.path, lines.join("\n")),
            when: When::Days(lo, hi),
        });
    }
}

fn mock_events(
    config: &Config,
    tz: &TimeZone,
    note: &Note,
    start: Date,
    from: Date,
    until: Date,
    events: &mut Vec<Event>,
) {
    for m in
        planned_mocks(&note.body.tasks, start, config.study.mock_day, config.profile.interview_date, &config.endgame)
    {
        if m.date < from || m.date >= until {
            continue;
        }
        let Some(begin) = at(m.date, config.study.mock_time, tz) else { continue };
        let end = begin.checked_add(jiff::SignedDuration::from_mins(MOCK_MINUTES)).unwrap_or(begin);
        let kind = m.kind.slug();
        events.push(Event {
            uid: uid(&["mock", note.id(), "week", &m.week.to_string(), &m.index.to_string()]),
            kind: EventKind::Mock,
            summary: format!("Mock interview: {}{}", m.kind.label(), if m.done { " (done)" } else { "" }),
            description: format!(
                "{}\nRun it with `systemcraft mock --kind {kind}` (add --partner NAME), or record it with `systemcraft new mock`.\nFrom {} line {}.",
                m.text, note.path, m.line
            ),
            when: When::Between(begin, end),
        });
    }
}

/// Rehearsals: each ready story (and each refined one with rehearsals) on the days
/// the rehearsal plan gives it. With an interview date that is the interview's plan
/// ([`crate::repetition::interview_plan`]: every story told in the final week, at
/// most `rehearsals_per_day` a day, none untold for long in the last weeks); without
/// one, the day SM-2 makes it due, an overdue or never rehearsed one on the first day.
fn rehearsal_events(config: &Config, index: &Index, from: Date, until: Date, events: &mut Vec<Event>) {
    let notes = Notes::of(index);
    let (_, rehearsed) = portfolio::links(config, &notes);
    let built = portfolio::build(config, &notes);
    let stories = portfolio::plan_stories(&built, &rehearsed);
    let planned = config.profile.interview_date.filter(|i| *i > from);
    let days: Vec<(Date, usize)> = match planned {
        Some(interview) => {
            let planning: Vec<repetition::Planning> = stories.iter().map(|(_, p)| *p).collect();
            let start = from.max(config.today);
            interview_plan(&planning, start, until, &portfolio::plan_rules(config, interview))
                .into_iter()
                .map(|p| (p.date, p.story))
                .collect()
        }
        None => stories
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (rehearsed.get(s.id.as_str()).map_or(config.today, |(x, _)| x.due).max(from), i))
            .filter(|(due, _)| *due < until)
            .collect(),
    };
    for (due, i) in days {
        let (s, _) = stories[i];
        let last = rehearsed.get(s.id.as_str()).map_or("never rehearsed yet".to_string(), |(sched, count)| {
            format!("last rehearsed {} ({count} so far)", sched.last)
        });
        // One event per story without an interview (it moves as the story is
        // rehearsed); with one, a story has several planned days, each its own UID.
        let day = compact(due);
        let parts: &[&str] = if planned.is_some() { &["rehearsal", &s.id, &day] } else { &["rehearsal", &s.id] };
        events.push(Event {
            uid: uid(parts),
            kind: EventKind::Rehearsal,
            summary: format!("Rehearse aloud: {}", s.title),
            description: format!(
                "Tell {} aloud in 2–3 minutes and rate it (again, hard, good, easy) under `rehearsals:` in the day's log; {last}.",
                s.path
            ),
            when: When::Days(due, add_days(due, 1)),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn config() -> Config {
        let mut c = Config::defaults(PathBuf::from("."), d("2026-11-25"));
        c.profile.time_zone = Some("Europe/Berlin".into());
        c
    }

    #[test]
    fn study_blocks_on_the_chosen_days_at_the_chosen_hour() {
        let mut c = config();
        c.study.days = crate::config::ALL_WEEKDAYS[..5].to_vec();
        c.study.minutes = Some(60);
        let s = Schedule::build(&c, &Index::default(), d("2026-11-25"), Some(1));
        let blocks: Vec<&Event> = s.of_kind(EventKind::Study).collect();
        // Wednesday to the next Tuesday, weekdays only: Wed, Thu, Fri, Mon, Tue.
        assert_eq!(blocks.len(), 5);
        assert_eq!(blocks[0].uid, "study-20261125@systemcraft");
        let When::Between(start, end) = blocks[0].when else { panic!("not timed") };
        // 07:00 in Berlin in November is 06:00 UTC.
        assert_eq!(start.to_string(), "2026-11-25T06:00:00Z");
        assert_eq!(end.duration_since(start).as_mins(), 60);
        assert_eq!(s.time_zone_name.as_deref(), Some("Europe/Berlin"));
    }

    #[test]
    fn the_local_hour_holds_across_a_daylight_saving_change() {
        // Berlin moves its clocks forward on Sunday 28 March 2027: 07:00 is 06:00 UTC
        // on the Saturday and 05:00 UTC on the Sunday.
        let s = Schedule::build(&config(), &Index::default(), d("2027-03-27"), Some(1));
        let starts: Vec<String> = s
            .of_kind(EventKind::Study)
            .take(2)
            .map(|e| match e.when {
                When::Between(start, _) => start.to_string(),
                When::Days(..) => String::new(),
            })
            .collect();
        assert_eq!(starts, ["2027-03-27T06:00:00Z", "2027-03-28T05:00:00Z"]);
    }

    #[test]
    fn nothing_after_the_interview() {
        let mut c = config();
        c.profile.interview_date = Some(d("2026-12-02"));
        let s = Schedule::build(&c, &Index::default(), d("2026-11-25"), None);
        // Eight days up to the interview day, included: two weeks.
        assert_eq!(s.until, d("2026-12-09"));
        let interview: Vec<&Event> = s.of_kind(EventKind::Interview).collect();
        assert_eq!(interview.len(), 1);
        assert!(s.events.iter().all(|e| e.when.first_day(&s.time_zone) <= d("2026-12-02")));
        assert_eq!(s.of_kind(EventKind::Study).count(), 7);
    }

    #[test]
    fn default_weeks_follow_the_interview() {
        let mut c = config();
        assert_eq!(default_weeks(&c, None, d("2026-11-25")), DEFAULT_WEEKS);
        c.profile.interview_date = Some(d("2026-12-09"));
        // 15 days including the interview: three weeks.
        assert_eq!(default_weeks(&c, None, d("2026-11-25")), 3);
    }
}
