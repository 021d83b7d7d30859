//! The endgame's hold on the model: from the final week on, today's minimums, this
//! week's goals and the next actions follow the [`Phase`] of today (see
//! [`crate::endgame`]). The rest of the model is computed as on any day; these hooks
//! run last and only narrow it.

use jiff::civil::Date;
use serde::Serialize;

use super::actions::{Action, MAX_ACTIONS};
use super::goals::{Today, Week};
use super::readiness::BarKey;
use super::{Model, Notes};
use crate::config::Config;
use crate::endgame::{windows, Phase, DEBRIEF_COMMAND, LOGISTICS};
use crate::note::kinds::{MockKind, StoryStatus};
use crate::note::Data;

/// The endgame as the dashboard and `--json` show it.
#[derive(Debug, Clone, Serialize)]
pub struct EndgameView {
    /// Where today stands against the interview.
    #[serde(flatten)]
    pub phase: Phase,
    /// One line for the top of the dashboard, from the final week on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// What to settle before the interview, in the last days.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<String>,
    /// Ready stories told since the final week began, and all ready stories (final
    /// week and taper).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub told_this_week: Option<(usize, usize)>,
    /// A full-loop mock held since the final week began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_full_mock: Option<String>,
    /// The debrief's note (a mock note dated on or after the interview), once written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debrief: Option<String>,
}

/// The endgame for today.
pub fn view(config: &Config, notes: &Notes<'_>) -> EndgameView {
    let phase = Phase::on(config, config.today);
    let interview = config.profile.interview_date;
    let mock_since = |from: Date, full: bool| {
        Notes::counted(&notes.mocks).find_map(|n| match &n.data {
            Data::Mock(m)
                if m.date.is_some_and(|d| d >= from && d <= config.today)
                    && (!full || m.kind == Some(MockKind::FullLoop)) =>
            {
                Some(n.path.clone())
            }
            _ => None,
        })
    };
    let final_start = interview.map(|i| windows(i, &config.endgame).0);
    EndgameView {
        phase,
        headline: phase.headline(interview),
        checklist: match phase {
            Phase::Taper { .. } => LOGISTICS.iter().map(|s| s.to_string()).collect(),
            _ => Vec::new(),
        },
        told_this_week: None,
        last_full_mock: match phase {
            Phase::FinalWeek { .. } | Phase::Taper { .. } => final_start.and_then(|f| mock_since(f, true)),
            _ => None,
        },
        debrief: match (phase, interview) {
            (Phase::After { .. }, Some(i)) => mock_since(i, false),
            _ => None,
        },
    }
}

/// Counts the ready stories told since the final week began (filled once the
/// portfolio's schedules are joined).
pub fn count_told(config: &Config, view: &mut EndgameView, model: &Model) {
    let (Phase::FinalWeek { .. } | Phase::Taper { .. }, Some(i)) = (view.phase, config.profile.interview_date) else {
        return;
    };
    let final_start = windows(i, &config.endgame).0.to_string();
    let ready: Vec<_> = model.portfolio.stories.iter().filter(|s| s.status == StoryStatus::Ready).collect();
    let told = ready
        .iter()
        .filter(|s| model.portfolio.rehearsal(&s.id).is_some_and(|r| r.last.as_str() >= final_start.as_str()))
        .count();
    view.told_this_week = Some((told, ready.len()));
}

/// Today's minimums in the phase: the taper keeps a few minutes of stories aloud,
/// the interview day and the days after ask nothing.
pub fn adjust_today(config: &Config, phase: Phase, today: &mut Today) {
    match phase {
        Phase::Taper { .. } => {
            let minutes = config.daily.behavioral_minutes.min(10);
            today.minimums.retain(|m| m.key == "behavioral");
            for m in &mut today.minimums {
                m.label = format!("{minutes} min of stories aloud, one or two, no more");
                m.target = u64::from(minutes);
                m.met = m.done >= m.target;
            }
        }
        Phase::InterviewDay | Phase::After { .. } => today.minimums.clear(),
        _ => {}
    }
}

/// This week's goals in the phase: the final week writes no new stories; from the
/// taper on, no goal counts.
pub fn adjust_week(phase: Phase, week: &mut Week) {
    let off: &[&str] = match phase {
        Phase::FinalWeek { .. } => &["stories"],
        Phase::Taper { .. } | Phase::InterviewDay | Phase::After { .. } => {
            &["designs", "coding_problems", "stories", "mocks"]
        }
        _ => &[],
    };
    for g in week.goals.iter_mut().filter(|g| off.contains(&g.key)) {
        g.target = 0;
        g.label = format!("{} (off: {})", g.label, if phase.has_quotas() { "final week" } else { "last days" });
    }
}

/// What an action is, read from its command or title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Fix notes, take the assessment: always kept.
    First,
    NewStory,
    Design,
    Mock,
    Coding,
    Rehearse,
    Log,
    Polish,
}

fn kind(a: &Action) -> Kind {
    if a.gain.is_none() && a.title != "Log today's practice" {
        Kind::First
    } else if a.target.starts_with("systemcraft new story") {
        Kind::NewStory
    } else if a.target.starts_with("systemcraft new design") {
        Kind::Design
    } else if a.target.starts_with("systemcraft mock") {
        Kind::Mock
    } else if a.target == "systemcraft practice" {
        Kind::Rehearse
    } else if a.title.starts_with("Solve ") {
        Kind::Coding
    } else if a.title == "Log today's practice" {
        Kind::Log
    } else {
        Kind::Polish
    }
}

/// The bar furthest from full, and the folder that feeds it.
fn weakest(model: &Model) -> Option<(String, u32, &'static str)> {
    model.bars.iter().filter(|b| b.key != BarKey::Readiness).min_by_key(|b| b.percent).map(|b| {
        let folder = match b.key {
            BarKey::Technical => "designs/",
            BarKey::Behavioral => "stories/",
            _ => "reference/",
        };
        (b.name.to_string(), b.percent, folder)
    })
}

/// The next actions in the phase: unchanged before the final week; then the
/// endgame's own steps first, and only the steps that still help.
pub fn adjust_actions(config: &Config, model: &Model, view: &EndgameView, ranked: Vec<Action>) -> Vec<Action> {
    let phase = view.phase;
    let keep = |k: Kind| match phase {
        Phase::Open | Phase::Preparing { .. } => true,
        // The final week's own mock step (one last full loop) replaces the ranked one.
        Phase::FinalWeek { .. } => !matches!(k, Kind::NewStory | Kind::Mock),
        Phase::Taper { .. } => matches!(k, Kind::First | Kind::Rehearse),
        Phase::InterviewDay | Phase::After { .. } => matches!(k, Kind::First),
    };
    let mut lead: Vec<Action> = Vec::new();
    let eve = config.profile.interview_date.and_then(|d| d.yesterday().ok());
    match phase {
        Phase::Open | Phase::Preparing { .. } => return ranked,
        Phase::FinalWeek { .. } => {
            if let Some((told, ready)) = view.told_this_week.filter(|(t, r)| t < r) {
                lead.push(Action {
                    title: format!("Tell every ready story once before the interview ({told} of {ready} told this week)"),
                    detail: format!(
                        "at most {} a day, the ones due first; the rehearsal plan spreads them up to {}",
                        config.endgame.rehearsals_per_day,
                        eve.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    target: "systemcraft practice".into(),
                    gain: None,
                });
            }
            if view.last_full_mock.is_none() {
                lead.push(Action {
                    title: "Hold the last full-loop mock now, early in the final week".into(),
                    detail: format!("the last {} days before the interview carry no mock", config.endgame.taper_days),
                    target: "systemcraft mock --kind full-loop".into(),
                    gain: None,
                });
            }
            if let Some((name, percent, folder)) = weakest(model) {
                lead.push(Action {
                    title: format!("Review your weakest area: {name} ({percent}%)"),
                    detail: "go over the notes you already have; the final week starts nothing new".into(),
                    target: folder.into(),
                    gain: None,
                });
            }
        }
        Phase::Taper { days_left } => {
            lead.push(Action {
                title: "Go through the interview checklist".into(),
                detail: format!("{} items, listed under Today: the hour, the link, the setup, the stories to lead with", LOGISTICS.len()),
                target: "DASHBOARD.md".into(),
                gain: None,
            });
            if days_left == 1 {
                lead.push(Action {
                    title: "Rest: no mock, no problems, no new design today".into(),
                    detail: "one or two stories aloud at most; an early night does more than another hour".into(),
                    target: "DASHBOARD.md".into(),
                    gain: None,
                });
            }
        }
        Phase::InterviewDay => {
            let best = model
                .portfolio
                .stories
                .iter()
                .filter(|s| s.status == StoryStatus::Ready)
                .max_by(|a, b| a.quality.total_cmp(&b.quality).then(b.id.cmp(&a.id)));
            lead.push(Action {
                title: "Interview today: eat, be early, lead with the stories you know best".into(),
                detail: match best {
                    Some(s) => format!("read \"{}\" once on the way; nothing else to practise", s.title),
                    None => "nothing to practise today".into(),
                },
                target: best.map_or_else(|| "DASHBOARD.md".into(), |s| s.path.clone()),
                gain: None,
            });
        }
        Phase::After { .. } => match &view.debrief {
            None => lead.push(Action {
                title: "Write the interview debrief".into(),
                detail: "the questions asked, the stories you told, the ratings you would give yourself; it is the best input for a next loop".into(),
                target: DEBRIEF_COMMAND.into(),
                gain: None,
            }),
            Some(path) => lead.push(Action {
                title: "Debrief written: set the next interview date when you know it".into(),
                detail: format!("{path} holds it; the quotas come back with a new `interview_date` in systemcraft.yaml"),
                target: "systemcraft.yaml".into(),
                gain: None,
            }),
        },
    }
    let mut out: Vec<Action> = ranked.iter().filter(|a| kind(a) == Kind::First).cloned().collect();
    out.extend(lead);
    out.extend(ranked.into_iter().filter(|a| kind(a) != Kind::First && keep(kind(a))).map(|mut a| {
        if matches!(phase, Phase::Taper { .. }) && kind(&a) == Kind::Rehearse {
            a.title = "Tell one or two stories aloud, no more".into();
        }
        a
    }));
    out.truncate(MAX_ACTIONS);
    out
}
