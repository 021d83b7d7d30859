//! Where the candidate stands in time: day of the preparation, weeks to the
//! interview, the path the assessment points to, warnings when the plan no longer
//! fits, and the current study plan's progress.

use jiff::civil::Date;
use serde::Serialize;

use super::{AssessmentState, Notes};
use crate::config::Config;
use crate::domain::tracks::{Level, StudyPath, Timeline, Track};
use crate::index::Index;
use crate::note::{Data, Kind, Note};

/// The profile with what follows from it.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    /// Name.
    pub name: Option<String>,
    /// Track.
    pub track: Track,
    /// Target level.
    pub target_level: Level,
    /// Timeline.
    pub timeline: Timeline,
    /// The timeline's weekly commitment in words.
    pub commitment: String,
    /// Typical preparation time for the track, in words.
    pub typical_preparation: String,
    /// Day 1.
    pub start_date: Option<String>,
    /// Day N of the preparation (1 on the start date).
    pub day: Option<i64>,
    /// The interview.
    pub interview_date: Option<String>,
    /// Days until the interview (negative once past).
    pub days_to_interview: Option<i64>,
    /// The study path from the assessment.
    pub path: Option<StudyPath>,
    /// Weeks that path takes.
    pub path_weeks: Option<u32>,
    /// Things that no longer fit.
    pub warnings: Vec<String>,
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

/// The profile view.
pub fn profile(config: &Config, state: &AssessmentState) -> ProfileView {
    let p = &config.profile;
    let today = config.today;
    let (lo, hi) = p.track.typical_months();
    let path = state.result().map(|r| r.path);
    let days_to_interview = p.interview_date.map(|d| days_between(today, d));
    let mut warnings = Vec::new();
    // From the final week on, nothing can be done about the length of the
    // preparation: the endgame's headline speaks instead.
    let planning = crate::endgame::Phase::on(config, today).takes_new_material();
    if let Some(days) = days_to_interview.filter(|d| *d < 0 || planning) {
        let weeks = days as f64 / 7.0;
        if days < 0 {
            warnings.push(format!(
                "The interview date ({}) has passed: update `interview_date` in systemcraft.yaml.",
                p.interview_date.map(|d| d.to_string()).unwrap_or_default()
            ));
        } else {
            if let Some(path) = path {
                if f64::from(path.weeks()) > weeks {
                    warnings.push(format!(
                        "The {} path takes {} weeks but the interview is in {:.1}: focus on the critical gaps and the highest-weight areas (behavioral first).",
                        path.label().to_lowercase(),
                        path.weeks(),
                        weeks
                    ));
                }
            }
            // The whole preparation counts: from day 1 (or today) to the interview.
            let from = p.start_date.filter(|s| *s <= today).unwrap_or(today);
            let total_months = p.interview_date.map_or(0.0, |d| days_between(from, d) as f64 / 30.44);
            // Only when the time left does not fit either: a path that fits before
            // the interview makes the track's typical months beside the point.
            let fits = path.is_some_and(|path| f64::from(path.weeks()) <= weeks);
            if total_months < f64::from(lo) && !fits {
                warnings.push(format!(
                    "Candidates on the {} track typically prepare for {lo}–{hi} months; from day 1 to the interview is {:.1} months ({:.1} weeks left).",
                    p.track.label(),
                    total_months,
                    weeks
                ));
            }
        }
    }
    if p.start_date.is_some_and(|s| s > today) {
        warnings.push("`start_date` is in the future: day 1 has not come yet.".into());
    }
    ProfileView {
        name: p.name.clone(),
        track: p.track,
        target_level: p.target_level,
        timeline: p.timeline,
        commitment: p.timeline.hours_label(),
        typical_preparation: format!("{lo}–{hi} months"),
        start_date: p.start_date.map(|d| d.to_string()),
        day: p.start_date.filter(|s| *s <= today).map(|s| days_between(s, today) + 1),
        interview_date: p.interview_date.map(|d| d.to_string()),
        days_to_interview,
        path,
        path_weeks: path.map(StudyPath::weeks),
        warnings,
    }
}

/// An unticked task from a week already past.
#[derive(Debug, Clone, Serialize)]
pub struct LateTask {
    /// Its week.
    pub week: u32,
    /// Its text.
    pub text: String,
    /// Its line in the plan.
    pub line: usize,
}

/// Progress through the current study plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanProgress {
    /// The plan file.
    pub path: String,
    /// Its study path, when the front matter names one.
    pub study_path: Option<StudyPath>,
    /// The plan's first day.
    pub start: Option<String>,
    /// The current week (1 on the first seven days).
    pub week: Option<i64>,
    /// Ticked tasks.
    pub done: usize,
    /// All tasks.
    pub total: usize,
    /// Unticked tasks from weeks already past.
    pub late: Vec<LateTask>,
    /// The current week: its tasks, ticked from the notes where they can say.
    pub this_week: Option<super::plan_week::PlanWeek>,
    /// What is left over from past weeks (unticked and not done by the notes), by kind.
    pub leftovers: Vec<super::plan_week::Leftovers>,
}

/// The current plan note: the one systemcraft.yaml names, else the latest-starting
/// one. Shared by the dashboard, the mock summary and `systemcraft calendar`.
pub fn current_plan<'a>(config: &Config, index: &'a Index, notes: &Notes<'a>) -> Option<&'a Note> {
    let chosen = config
        .profile
        .plan
        .as_deref()
        .and_then(|p| index.get(p.trim_start_matches("./")))
        .filter(|n| n.kind == Kind::Plan);
    chosen.or_else(|| {
        Notes::counted(&notes.plans).max_by_key(|n| match &n.data {
            Data::Plan(p) => (p.start, std::cmp::Reverse(n.path.clone())),
            _ => (None, std::cmp::Reverse(n.path.clone())),
        })
    })
}

/// The current plan's progress ([`current_plan`]).
pub fn plan(config: &Config, index: &Index, notes: &Notes<'_>) -> Option<PlanProgress> {
    let note = current_plan(config, index, notes)?;
    let Data::Plan(p) = &note.data else { return None };
    let week = p.start.map(|s| days_between(s, config.today).div_euclid(7) + 1);
    let late = note
        .body
        .tasks
        .iter()
        .filter(|t| !t.done && week.is_some_and(|w| t.week.is_some_and(|tw| i64::from(tw) < w)))
        .map(|t| LateTask { week: t.week.unwrap_or(0), text: t.text.clone(), line: t.line })
        .collect();
    let (this_week, leftovers) = match (p.start, week) {
        (Some(start), Some(w)) => (
            super::plan_week::current(config, notes, &note.body.tasks, start, w),
            super::plan_week::leftovers(config, notes, &note.body.tasks, start, w),
        ),
        _ => (None, Vec::new()),
    };
    Some(PlanProgress {
        this_week,
        leftovers,
        path: note.path.clone(),
        study_path: p.path,
        start: p.start.map(|d| d.to_string()),
        week,
        done: note.body.tasks.iter().filter(|t| t.done).count(),
        total: note.body.tasks.len(),
        late,
    })
}
