//! The endgame: where a day falls against the interview date, and what that day is
//! for. [`Phase`] is the one type: the weeks of preparation, the final week (which
//! consolidates: every ready story told, weak spots reviewed, one last full mock
//! early), the taper (the last days: no new designs, no quotas, no mock; the
//! logistics), the interview day itself, and the days after it (a debrief instead of
//! practice). The dashboard's actions and minimums (`score::endgame`), the generated
//! plan, the mock dates and `calendar` all ask it. The lengths come from `endgame:`
//! in systemcraft.yaml ([`EndgameSettings`]); docs/assess-and-plan.md describes it.

use jiff::civil::Date;
use serde::Serialize;

use crate::config::{Config, EndgameSettings};

// The plan's date helpers are not imported: the plan asks this module, not the
// other way round.
fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(jiff::Span::new().days(days)).unwrap_or(date)
}

/// Where a day stands against the interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "phase", rename_all = "kebab-case")]
pub enum Phase {
    /// No interview date: every day is an ordinary day of preparation.
    Open,
    /// Before the final week.
    Preparing {
        /// Days to the interview.
        days_left: i64,
    },
    /// The final week, before the taper: consolidate what is there.
    FinalWeek {
        /// Days to the interview.
        days_left: i64,
    },
    /// The last days before the interview (the eve is the last): keep them light.
    Taper {
        /// Days to the interview (1 on the eve).
        days_left: i64,
    },
    /// The interview is today.
    InterviewDay,
    /// The interview has passed.
    After {
        /// Days since the interview.
        days_since: i64,
    },
}

impl Phase {
    /// The phase of `day` for the profile's interview date and endgame settings.
    pub fn on(config: &Config, day: Date) -> Phase {
        Phase::of(config.profile.interview_date, &config.endgame, day)
    }

    /// The phase of `day` when the interview is on `interview`.
    pub fn of(interview: Option<Date>, settings: &EndgameSettings, day: Date) -> Phase {
        let Some(interview) = interview else { return Phase::Open };
        let days_left = days_between(day, interview);
        match days_left {
            d if d < 0 => Phase::After { days_since: -d },
            0 => Phase::InterviewDay,
            d if d <= i64::from(settings.taper_days) => Phase::Taper { days_left: d },
            d if d <= i64::from(settings.final_days) => Phase::FinalWeek { days_left: d },
            d => Phase::Preparing { days_left: d },
        }
    }

    /// The phase's name in the JSON and the docs.
    pub fn slug(self) -> &'static str {
        match self {
            Phase::Open => "open",
            Phase::Preparing { .. } => "preparing",
            Phase::FinalWeek { .. } => "final-week",
            Phase::Taper { .. } => "taper",
            Phase::InterviewDay => "interview-day",
            Phase::After { .. } => "after",
        }
    }

    /// Whether practice quotas (daily minimums, weekly goals) apply on this day.
    pub fn has_quotas(self) -> bool {
        matches!(self, Phase::Open | Phase::Preparing { .. } | Phase::FinalWeek { .. })
    }

    /// Whether new material (stories, designs) is worth starting: not once the final
    /// week has begun, which polishes what is there.
    pub fn takes_new_material(self) -> bool {
        matches!(self, Phase::Open | Phase::Preparing { .. })
    }

    /// Whether a mock interview may take place on this day.
    pub fn allows_mock(self) -> bool {
        self.has_quotas()
    }

    /// One line for the top of the dashboard; `None` before the final week.
    pub fn headline(self, interview: Option<Date>) -> Option<String> {
        let date = interview.map(|d| d.to_string()).unwrap_or_default();
        match self {
            Phase::Open | Phase::Preparing { .. } => None,
            Phase::FinalWeek { days_left } => Some(format!(
                "Final week: the interview is in {days_left} days ({date}). Consolidate: tell every ready story once, review the weak spots, and hold the last full mock before the last days."
            )),
            Phase::Taper { days_left: 1 } => Some(format!(
                "The interview is tomorrow ({date}). No quotas and no mock today: a story or two aloud, the checklist below, an early night."
            )),
            Phase::Taper { days_left } => Some(format!(
                "The interview is in {days_left} days ({date}). The last days are light: no new designs, no problem quotas, no mock; go through the checklist below."
            )),
            Phase::InterviewDay => Some(format!(
                "Interview day ({date}). Nothing to practise: eat, arrive early, and open with the stories you know best."
            )),
            Phase::After { days_since } => Some(format!(
                "The interview was {days_since} day{} ago ({date}). Write the debrief while you still remember the questions; the practice quotas are off.",
                if days_since == 1 { "" } else { "s" }
            )),
        }
    }
}

/// What to settle before the interview, shown in the taper (plan, dashboard,
/// calendar).
pub const LOGISTICS: [&str; 6] = [
    "Confirm the date, the hour, the time zone and the place or video link of every round",
    "Try out the camera, the microphone, the connection and the shared editor or whiteboard you will use",
    "Put out an ID, water, a notepad and a pen; plan to be there (or logged in) 15 minutes early",
    "Choose the two or three stories to lead with and note one figure from each",
    "Write down two questions of your own for each interviewer",
    "Plan the evening before: a light dinner, no study after it, a full night's sleep",
];

/// The command that records the interview's debrief: a mock note for the real loop.
pub const DEBRIEF_COMMAND: &str = "systemcraft new mock \"Interview debrief\" --kind full-loop";

/// The first day of the final week and of the taper for an interview on `interview`.
pub fn windows(interview: Date, settings: &EndgameSettings) -> (Date, Date) {
    (add_days(interview, -i64::from(settings.final_days)), add_days(interview, -i64::from(settings.taper_days)))
}

/// The day a planned mock interview really falls on: unchanged before the taper; a
/// mock that would fall in the taper moves back to the start of the final week
/// (never before its own plan week's first day, nor into the taper); `None` when
/// no such day is left or the mock would come on or after the interview.
pub fn mock_day(planned: Date, week_start: Date, interview: Option<Date>, settings: &EndgameSettings) -> Option<Date> {
    let Some(interview) = interview else { return Some(planned) };
    let (final_start, taper_start) = windows(interview, settings);
    if planned < taper_start {
        return Some(planned);
    }
    let moved = final_start.max(week_start);
    (moved < taper_start).then_some(moved)
}

/// The tasks of the final days for a generated plan, in the plan's words.
pub fn plan_tasks(interview: Date, settings: &EndgameSettings) -> Vec<String> {
    let (final_start, taper_start) = windows(interview, settings);
    let eve = add_days(interview, -1);
    let last_mock = add_days(taper_start, -1);
    let mut tasks = vec![
        format!(
            "Final week (from {final_start}): tell every ready story aloud at least once before {eve}, no more than {} a day; `systemcraft practice` picks the next one",
            settings.rehearsals_per_day
        ),
        format!("Final week (from {final_start}): go back over the two weakest bars on the dashboard with notes you already have; start no new story or design"),
        format!("Final week: hold the last full-loop mock by {last_mock}, early in the week, so the last {} days stay free of mocks", settings.taper_days),
        format!("Last days ({taper_start} to {eve}): no new designs, no problem quotas, no mock; one or two stories aloud a day and plenty of rest"),
    ];
    tasks.extend(LOGISTICS.iter().map(|item| format!("Logistics before {eve}: {item}")));
    tasks.push(format!(
        "Interview on {interview}: nothing to study that day; afterwards write the debrief (`{DEBRIEF_COMMAND}`) while the questions are fresh"
    ));
    tasks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn phases_by_distance() {
        let s = EndgameSettings::default();
        let i = Some(d("2027-01-20"));
        assert_eq!(Phase::of(None, &s, d("2027-01-19")), Phase::Open);
        assert_eq!(Phase::of(i, &s, d("2026-11-25")), Phase::Preparing { days_left: 56 });
        assert_eq!(Phase::of(i, &s, d("2027-01-12")), Phase::Preparing { days_left: 8 });
        assert_eq!(Phase::of(i, &s, d("2027-01-13")), Phase::FinalWeek { days_left: 7 });
        assert_eq!(Phase::of(i, &s, d("2027-01-17")), Phase::FinalWeek { days_left: 3 });
        assert_eq!(Phase::of(i, &s, d("2027-01-18")), Phase::Taper { days_left: 2 });
        assert_eq!(Phase::of(i, &s, d("2027-01-19")), Phase::Taper { days_left: 1 });
        assert_eq!(Phase::of(i, &s, d("2027-01-20")), Phase::InterviewDay);
        assert_eq!(Phase::of(i, &s, d("2027-01-22")), Phase::After { days_since: 2 });
        assert!(Phase::FinalWeek { days_left: 3 }.has_quotas());
        assert!(!Phase::FinalWeek { days_left: 3 }.takes_new_material());
        assert!(!Phase::Taper { days_left: 1 }.allows_mock());
    }

    #[test]
    fn mocks_leave_the_taper() {
        let s = EndgameSettings::default();
        let i = Some(d("2027-01-20")); // a Wednesday
                                       // A Saturday mock well before stays.
        assert_eq!(mock_day(d("2027-01-16"), d("2027-01-14"), i, &s), Some(d("2027-01-16")));
        // The eve moves to the start of the final week, or its plan week's first day.
        assert_eq!(mock_day(d("2027-01-19"), d("2027-01-11"), i, &s), Some(d("2027-01-13")));
        assert_eq!(mock_day(d("2027-01-19"), d("2027-01-17"), i, &s), Some(d("2027-01-17")));
        assert_eq!(mock_day(d("2027-01-19"), d("2027-01-18"), i, &s), None);
        assert_eq!(mock_day(d("2027-01-19"), d("2027-01-15"), i, &s), Some(d("2027-01-15")));
        assert_eq!(mock_day(d("2027-01-19"), d("2027-01-11"), None, &s), Some(d("2027-01-19")));
    }
}
