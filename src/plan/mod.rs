//! Study plans: [`StudyPlan::generate`] lays out the weeks of a study path from the
//! self-assessment's answers, the profile's timeline and interview date, and the
//! daily minimums and weekly goals; [`StudyPlan::to_markdown`] writes it as a plan
//! note (`## Week N` headings with `- [ ]` tasks); [`store`] saves it under a new
//! name and records it as the current plan; [`schedule`] holds the date arithmetic
//! the dashboard shares.
//!
//! The layout (docs/assess-and-plan.md has the whole of it):
//!
//! - **Length:** the path's weeks (2, 6, 12, 16), or fewer when the interview comes
//!   first: then the plan is *compressed* to the whole weeks left.
//! - **Focus:** critical gaps (answers 1–2) in weeks 1–2, skill building (3) in weeks
//!   3–6, excellence (4–5) from week 7; a phase whose weeks lie beyond the plan is
//!   condensed into one task in the last week. Excellence weeks left without a task
//!   revisit the weakest items.
//! - **Routine:** every week carries the daily minimums and the weekly goals.
//! - **Mocks** weekly from week 1 + ⌊N ÷ 4⌋, one more a week in the last ⌊N ÷ 4⌋ weeks
//!   (every week of a plan of two weeks or fewer); the last one is a full loop.
//! - **Track:** the track's own tasks ([`track`]), up to two a week, most important
//!   first; **timeline:** intensive adds a mock a week from week 1, deep adds a
//!   leadership-development task and a deep dive every week.
//! - **Checkpoints** every 3 weeks (plans up to 6 weeks) or 4, and in the last week.
//! - **Endgame:** the week holding the start of the final week before the interview
//!   gets the final-week, last-days and logistics tasks ([`crate::endgame`]).

mod layout;
mod markdown;
pub mod schedule;
pub mod store;
pub mod track;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::config::EndgameSettings;
use crate::config::{Config, DailyGoals, WeeklyGoals};
use crate::domain::assessment::{self, AssessmentResult, Form, Group};
use crate::domain::tracks::{Level, StudyPath, Timeline, Track};
use crate::Result;
use schedule::add_days;

/// What a plan is generated from.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    /// The study path.
    pub path: StudyPath,
    /// Whether the path was chosen on the command line rather than by the score.
    pub path_overridden: bool,
    /// Day 1 of the plan.
    pub start: Date,
    /// The day the plan is written.
    pub generated: Date,
    /// The assessment's form.
    pub form: Form,
    /// Its answers (may be partial or empty).
    pub answers: BTreeMap<String, u8>,
    /// When it was taken.
    pub taken: Option<Date>,
    /// Weekly commitment.
    pub timeline: Timeline,
    /// Where the candidate comes from.
    pub track: Track,
    /// The final days before the interview.
    pub endgame: EndgameSettings,
    /// The target level (sets the design scale of mock interviews).
    pub level: Level,
    /// The interview, when known.
    pub interview: Option<Date>,
    /// The daily minimums.
    pub daily: DailyGoals,
    /// The weekly goals.
    pub weekly: WeeklyGoals,
}

impl PlanRequest {
    /// A request from the resolved config and the assessment's answers; the path is
    /// `path` when given, else the one the score leads to. `None` when neither says.
    pub fn new(
        config: &Config,
        form: Form,
        answers: BTreeMap<String, u8>,
        taken: Option<Date>,
        path: Option<StudyPath>,
        start: Date,
    ) -> Option<PlanRequest> {
        let scored = assessment::score(form, &answers).map(|r| r.path);
        let chosen = path.or(scored)?;
        Some(PlanRequest {
            path: chosen,
            path_overridden: path.is_some(),
            start,
            generated: config.today,
            form,
            answers,
            taken,
            timeline: config.profile.timeline,
            track: config.profile.track,
            endgame: config.endgame,
            level: config.profile.target_level,
            interview: config.profile.interview_date,
            daily: config.daily,
            weekly: config.weekly,
        })
    }

    /// The assessment's result, when every question has an answer.
    pub fn result(&self) -> Option<AssessmentResult> {
        assessment::score(self.form, &self.answers)
    }
}

/// What a task is for; the first words of its text say it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaskKind {
    /// A daily minimum, every day of the week.
    Daily,
    /// A weekly goal.
    Weekly,
    /// A critical gap (weeks 1–2).
    CriticalGap,
    /// Skill building (weeks 3–6).
    SkillBuilding,
    /// An excellence area (week 7 on).
    Excellence,
    /// A second look at a weak item in an excellence week with nothing else to do.
    Revisit,
    /// A mock interview.
    Mock,
    /// Re-take the assessment, review the dashboard.
    Checkpoint,
    /// Foundation building: experience gained at work.
    Experience,
    /// Take the self-assessment (plans made without one).
    Assessment,
    /// The last days before the interview.
    Interview,
    /// A task of the candidate's track.
    Track,
    /// A task of the timeline (intensive, deep).
    Timeline,
}

/// One `- [ ]` task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// What it is for.
    pub kind: TaskKind,
    /// Its text, on one line.
    pub text: String,
}

/// One week of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// 1-based.
    pub number: u32,
    /// Its first day.
    pub start: Date,
    /// The phase of the learning path it belongs to.
    pub phase: Group,
    /// Mock interviews it schedules.
    pub mocks: u32,
    /// Its tasks, in order.
    pub tasks: Vec<Task>,
}

impl Week {
    /// Its last day.
    pub fn end(&self) -> Date {
        add_days(self.start, 6)
    }
}

/// How a plan was shortened to fit before the interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compression {
    /// The path's own length in weeks.
    pub full_weeks: u32,
    /// The weeks kept.
    pub weeks: u32,
    /// The interview date.
    pub interview: Date,
}

/// A phase of the learning path and the weeks it is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    /// The phase.
    pub group: Group,
    /// The topics of its items, in form order.
    pub topics: Vec<&'static str>,
    /// Its first and last week, or `None` when condensed into the last week.
    pub weeks: Option<(u32, u32)>,
}

/// A generated study plan.
#[derive(Debug, Clone)]
pub struct StudyPlan {
    /// What it was made from.
    pub request: PlanRequest,
    /// The weeks.
    pub weeks: Vec<Week>,
    /// The three phases of the learning path.
    pub phases: Vec<Phase>,
    /// Set when the interview made it shorter than its path.
    pub compression: Option<Compression>,
    /// First week with a mock interview, and first week with the extra ones.
    pub mock_weeks: (u32, u32),
    /// The weeks with a checkpoint.
    pub checkpoints: Vec<u32>,
}

impl StudyPlan {
    /// Lays out the plan. Fails (usage error) when the interview is not after the start.
    pub fn generate(request: PlanRequest) -> Result<StudyPlan> {
        let (weeks_n, compression) = layout::length(&request)?;
        let grouped = layout::grouped(&request);
        let mut weeks = layout::empty_weeks(request.start, weeks_n);
        layout::add_routine(&mut weeks, &request);
        let phases = layout::add_focus(&mut weeks, &grouped);
        layout::add_revisits(&mut weeks, &grouped);
        if request.path == StudyPath::FoundationBuilding {
            layout::add_experience(&mut weeks);
        }
        layout::add_track(&mut weeks, &request);
        let mock_weeks = layout::add_mocks(&mut weeks, &request);
        let checkpoints = layout::add_checkpoints(&mut weeks);
        layout::add_endgame(&mut weeks, &request);
        Ok(StudyPlan { request, weeks, phases, compression, mock_weeks, checkpoints })
    }

    /// The plan's first day.
    pub fn start(&self) -> Date {
        self.request.start
    }

    /// The plan's last day.
    pub fn end(&self) -> Date {
        self.weeks.last().map_or(self.request.start, Week::end)
    }

    /// Every task.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.weeks.iter().flat_map(|w| w.tasks.iter())
    }

    /// The compression notice, when the plan was shortened.
    pub fn compression_notice(&self) -> Option<String> {
        let c = self.compression.as_ref()?;
        let n = c.weeks;
        let skill = if n >= 6 {
            "skill building keeps weeks 3–6".to_string()
        } else if n >= 3 {
            format!(
                "skill building is squeezed into week{} 3{}",
                plural(n - 2),
                if n > 3 { format!("–{n}") } else { String::new() }
            )
        } else {
            format!("skill building is condensed into one task in week {n}")
        };
        let excellence = if n >= 7 {
            format!("excellence gets week{} 7{}", plural(n - 6), if n > 7 { format!("–{n}") } else { String::new() })
        } else {
            format!("the excellence areas are condensed into one review task in week {n}")
        };
        let gaps = if n >= 2 {
            "weeks 1–2 still go to the critical gaps".to_string()
        } else {
            "week 1 still goes to the critical gaps first".to_string()
        };
        Some(format!(
            "Compressed from {} to {n} week{}: the interview on {} leaves {n} whole week{} after {}. {}, {skill}, and {excellence}.",
            c.full_weeks,
            plural(n),
            c.interview,
            plural(n),
            self.request.start,
            capitalise(&gaps)
        ))
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::layout::spread;
    use super::*;
    use crate::Error;
    use std::path::PathBuf;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn request(path: StudyPath, values: &[u8], interview: Option<&str>) -> PlanRequest {
        let mut config = Config::defaults(PathBuf::from("."), d("2026-11-25"));
        config.profile.interview_date = interview.map(d);
        let answers = Form::Quick.items().iter().zip(values).map(|(i, v)| (i.id.to_string(), *v)).collect();
        PlanRequest::new(&config, Form::Quick, answers, Some(d("2026-11-25")), Some(path), d("2026-11-25")).unwrap()
    }

    fn kinds(week: &Week, kind: TaskKind) -> usize {
        week.tasks.iter().filter(|t| t.kind == kind).count()
    }

    const MIXED: [u8; 12] = [1, 2, 3, 3, 3, 4, 5, 4, 2, 3, 4, 5];

    #[test]
    fn twelve_weeks_place_each_phase() {
        let plan = StudyPlan::generate(request(StudyPath::TwelveWeekComprehensive, &MIXED, None)).unwrap();
        assert_eq!(plan.weeks.len(), 12);
        assert!(plan.compression.is_none());
        // 3 gaps × (study + drill) over weeks 1–2.
        assert_eq!(
            (kinds(&plan.weeks[0], TaskKind::CriticalGap), kinds(&plan.weeks[1], TaskKind::CriticalGap)),
            (3, 3)
        );
        // 4 skill items over weeks 3–6, 5 excellence items over weeks 7–12.
        assert!((2..6).all(|i| kinds(&plan.weeks[i], TaskKind::SkillBuilding) == 1));
        let exc: Vec<usize> = (6..12).map(|i| kinds(&plan.weeks[i], TaskKind::Excellence)).collect();
        assert_eq!(exc, [1, 1, 1, 1, 1, 0]);
        assert_eq!(kinds(&plan.weeks[11], TaskKind::Revisit), 1);
        // Mocks from week 4, two a week in weeks 10–12, the last a full loop.
        let mocks: Vec<u32> = plan.weeks.iter().map(|w| w.mocks).collect();
        assert_eq!(mocks, [0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
        assert!(plan.weeks[11]
            .tasks
            .iter()
            .rev()
            .find(|t| t.kind == TaskKind::Mock)
            .unwrap()
            .text
            .contains("full-loop"));
        assert_eq!(plan.checkpoints, [4, 8, 12]);
        assert!(plan.weeks.iter().all(|w| kinds(w, TaskKind::Daily) == 3 && kinds(w, TaskKind::Weekly) == 3));
    }

    #[test]
    fn short_paths_condense_later_phases() {
        let plan = StudyPlan::generate(request(StudyPath::QuickReference, &MIXED, None)).unwrap();
        assert_eq!(plan.weeks.len(), 2);
        assert_eq!(kinds(&plan.weeks[1], TaskKind::SkillBuilding), 1);
        assert_eq!(kinds(&plan.weeks[1], TaskKind::Excellence), 1);
        assert_eq!(plan.weeks.iter().map(|w| w.mocks).collect::<Vec<_>>(), [2, 2]);
        assert_eq!(plan.checkpoints, [2]);
        let six = StudyPlan::generate(request(StudyPath::SixWeekIntensive, &MIXED, None)).unwrap();
        assert_eq!(six.weeks.iter().map(|w| w.mocks).collect::<Vec<_>>(), [0, 1, 1, 1, 1, 2]);
        assert_eq!(kinds(&six.weeks[5], TaskKind::Excellence), 1);
        assert_eq!(six.checkpoints, [3, 6]);
    }

    #[test]
    fn an_early_interview_compresses_the_plan() {
        let plan =
            StudyPlan::generate(request(StudyPath::TwelveWeekComprehensive, &MIXED, Some("2026-12-27"))).unwrap();
        assert_eq!(plan.weeks.len(), 4);
        let notice = plan.compression_notice().unwrap();
        assert!(notice.starts_with("Compressed from 12 to 4 weeks: the interview on 2026-12-27"), "{notice}");
        assert!(notice.contains("squeezed into weeks 3–4"), "{notice}");
        assert_eq!(kinds(&plan.weeks[3], TaskKind::Excellence), 1);
        // The final week starts on 20 December, in week 4: its tasks, the last days'
        // and the logistics land there.
        assert_eq!(kinds(&plan.weeks[3], TaskKind::Interview), 11);
        assert!(plan.weeks[3]
            .tasks
            .iter()
            .any(|t| t.text.starts_with("Last days (2026-12-25 to 2026-12-26): no new designs")));
        // When the last days fall in the plan's last week, its daily tasks stop before them.
        let late =
            StudyPlan::generate(request(StudyPath::TwelveWeekComprehensive, &MIXED, Some("2026-12-30"))).unwrap();
        assert_eq!(late.weeks.len(), 5);
        assert!(late.weeks[4]
            .tasks
            .iter()
            .filter(|t| t.kind == TaskKind::Daily)
            .all(|t| t.text.ends_with(", up to 2026-12-27 (the last days are light)")));
        assert!(late.weeks[3].tasks.iter().filter(|t| t.kind == TaskKind::Daily).all(|t| !t.text.contains("light")));
        let err = StudyPlan::generate(request(StudyPath::SixWeekIntensive, &MIXED, Some("2026-11-25"))).unwrap_err();
        assert!(matches!(err, Error::Usage(_)));
        let one = StudyPlan::generate(request(StudyPath::SixWeekIntensive, &MIXED, Some("2026-11-28"))).unwrap();
        assert_eq!(one.weeks.len(), 1);
        assert_eq!(kinds(&one.weeks[0], TaskKind::CriticalGap), 6);
    }

    #[test]
    fn foundation_building_adds_experience_and_no_answers_add_the_assessment() {
        let plan = StudyPlan::generate(request(StudyPath::FoundationBuilding, &[], None)).unwrap();
        assert_eq!(plan.weeks.len(), 16);
        assert_eq!(kinds(&plan.weeks[0], TaskKind::Assessment), 1);
        assert_eq!(plan.weeks.iter().map(|w| kinds(w, TaskKind::Experience)).sum::<usize>(), 7);
        // Without answers every item is skill building: 12 over weeks 3–6.
        assert_eq!((2..6).map(|i| kinds(&plan.weeks[i], TaskKind::SkillBuilding)).sum::<usize>(), 12);
        assert_eq!(plan.checkpoints, [4, 8, 12, 16]);
    }

    /// The task lines of one plan that the other does not have.
    fn only_in(a: &StudyPlan, b: &StudyPlan) -> usize {
        let theirs: Vec<&str> = b.tasks().map(|t| t.text.as_str()).collect();
        a.tasks().filter(|t| !theirs.contains(&t.text.as_str())).count()
    }

    #[test]
    fn tracks_and_timelines_write_different_plans() {
        let plan = |track, timeline| {
            let mut r = request(StudyPath::SixWeekIntensive, &MIXED, None);
            r.track = track;
            r.timeline = timeline;
            StudyPlan::generate(r).unwrap()
        };
        let plans: Vec<StudyPlan> = [Track::SeniorToL6, Track::L6ToL7, Track::FaangToAmazon]
            .into_iter()
            .map(|t| plan(t, Timeline::Balanced))
            .collect();
        for a in &plans {
            for b in &plans {
                if a.request.track != b.request.track {
                    assert!(only_in(a, b) >= 10, "{} vs {}: {}", a.request.track, b.request.track, only_in(a, b));
                }
            }
        }
        assert!(plans[2].tasks().any(|t| t.text.contains("six-page narrative")));
        assert!(plans[1].tasks().any(|t| t.text.contains("several organisations")));
        // Intensive: a mock more every week, from week 1; deep: leadership development weekly.
        let intensive = plan(Track::SeniorToL6, Timeline::Intensive);
        assert_eq!(intensive.weeks.iter().map(|w| w.mocks).collect::<Vec<_>>(), [2, 2, 2, 2, 2, 3]);
        let deep = plan(Track::SeniorToL6, Timeline::Deep);
        assert!(deep.weeks.iter().all(|w| w.tasks.iter().any(|t| t.text.starts_with("Leadership development: "))));
        assert_eq!(deep.weeks.iter().map(|w| w.mocks).collect::<Vec<_>>(), [0, 1, 1, 1, 1, 2]);
    }

    #[test]
    fn spread_keeps_order() {
        assert_eq!(spread(&[1, 2, 3, 4, 5], 2), vec![vec![1, 2, 3], vec![4, 5]]);
        assert_eq!(spread(&[1], 3), vec![vec![1], vec![], vec![]]);
    }
}
