//! The next actions: candidate steps, each with the readiness it would add if done,
//! ranked so the step that moves Interview Readiness most comes first.

use serde::Serialize;

use super::{AssessmentState, Model};
use crate::config::{Config, Weights};
use crate::domain::principles::{Principle, Scenario};
use crate::note::kinds::StoryStatus;

/// One suggested step.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// What to do.
    pub title: String,
    /// Why, with numbers.
    pub detail: String,
    /// The file to open or the command to run.
    pub target: String,
    /// Interview Readiness points (0–100 scale) it would add; `None` for steps that
    /// come first whatever their score (the assessment, broken notes).
    pub gain: Option<f64>,
}

/// How many actions the dashboard lists.
pub const MAX_ACTIONS: usize = 8;

fn comp(model: &Model, bar: &str, key: &str) -> f64 {
    model.bar(bar).and_then(|b| b.components.iter().find(|c| c.key == key)).map_or(0.0, |c| c.value)
}

fn weight_share(group: &[(String, f64)], key: &str) -> f64 {
    let total: f64 = group.iter().map(|(_, w)| w).sum();
    if total > 0.0 {
        Weights::get(group, key) / total
    } else {
        0.0
    }
}

fn command_title(text: &str) -> String {
    text.replace('"', "'")
}

/// Ranks the candidate actions for a model.
pub fn rank(config: &Config, model: &Model) -> Vec<Action> {
    let w = &config.weights;
    let factor = model.bar("readiness").and_then(|b| b.multiplier.as_ref()).map_or(0.7, |m| m.factor);
    // Readiness points from a change of the behavioral bar, design practice or coding.
    let via_b = |delta_b: f64| 100.0 * factor * weight_share(&w.readiness, "behavioral") * delta_b;
    let via_component = |key: &str, delta: f64| via_b(weight_share(&w.behavioral, key) * delta);
    let round = |g: f64| (g * 10.0).round() / 10.0;

    let mut first = Vec::new();
    let mut ranked: Vec<Action> = Vec::new();

    match &model.assessment {
        AssessmentState::NotTaken => first.push(Action {
            title: "Take the self-assessment".into(),
            detail: "12 questions rated 1–5, asked one at a time (or answered in assessment.md); the score picks your study path and turns on the self-rating components"
                .into(),
            target: "systemcraft assess".into(),
            gain: None,
        }),
        AssessmentState::Partial { answered, total, .. } => first.push(Action {
            title: "Finish the self-assessment".into(),
            detail: format!("{answered} of {total} questions answered; the score counts once all are"),
            target: "systemcraft assess".into(),
            gain: None,
        }),
        AssessmentState::Taken { .. } => {}
    }
    let errors: Vec<_> = model.diagnostics.iter().filter(|d| d.severity == crate::diag::Severity::Error).collect();
    if let Some(d) = errors.first() {
        first.push(Action {
            title: format!("Fix {} problem{} in your notes", errors.len(), if errors.len() == 1 { "" } else { "s" }),
            detail: "a note with a broken field is only partly counted; see Problems below".into(),
            target: d.location(),
            gain: None,
        });
    }

    let p = &model.portfolio;
    // At most two "write a story" suggestions for missing scenarios, so the list keeps
    // room for other kinds of work; they come in the scenarios' canonical order.
    let mut new_scenarios = 0;
    for row in &p.scenarios {
        if row.credit >= 1.0 {
            continue;
        }
        let delta = (1.0 - row.credit) / 5.0;
        let gain = via_component("scenario_coverage", delta);
        let label = row.scenario.label().to_lowercase();
        let action = if let Some(id) = row.refined.first().or(row.draft.first()) {
            let s = p.story(id);
            Action {
                title: format!("Get \"{}\" to ready", s.map_or(id.as_str(), |s| s.title.as_str())),
                detail: format!(
                    "your most advanced {label} story is {}; a ready one covers the scenario",
                    if row.refined.is_empty() { "a draft" } else { "refined" }
                ),
                target: s.map_or_else(|| id.clone(), |s| s.path.clone()),
                gain: Some(round(gain)),
            }
        } else {
            new_scenarios += 1;
            if new_scenarios > 2 {
                continue;
            }
            Action {
                title: format!(
                    "Write {} {label} story",
                    if label.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
                ),
                detail: format!("no story covers {label} yet: one of the five scenarios every loop probes"),
                target: format!(
                    "systemcraft new story \"{}\" --scenario {}",
                    command_title(scenario_prompt(row.scenario)),
                    row.scenario.slug()
                ),
                gain: Some(round(gain)),
            }
        };
        ranked.push(action);
    }

    let ready = p.stories.iter().filter(|s| s.status == StoryStatus::Ready).count();
    let by_id = p.by_id();
    let overdue: Vec<_> = model
        .rehearsals
        .iter()
        .filter(|d| {
            // Due today counts too: the interview's rehearsal plan puts stories on today.
            by_id.get(d.story.as_str()).is_some_and(|s| s.status == StoryStatus::Ready)
        })
        .collect();
    if let (Some(top), true) = (overdue.first(), ready > 0) {
        // A ready story never rehearsed is due, not late: the title says which is which.
        let fresh = overdue.iter().filter(|d| d.last.is_none()).count();
        let late = overdue.iter().filter(|d| d.last.is_some() && d.overdue_days > 0).count();
        let today = overdue.len() - fresh - late;
        let split: Vec<String> = [(late, "overdue"), (today, "due today"), (fresh, "never rehearsed")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
        ranked.push(Action {
            title: format!(
                "Rehearse {} ready stor{} due ({})",
                overdue.len(),
                if overdue.len() == 1 { "y" } else { "ies" },
                split.join(", ")
            ),
            detail: format!("tell \"{}\" out loud against a question, timed; practice logs it", top.title),
            target: "systemcraft practice".into(),
            // Only overdue and never rehearsed stories weigh on the rehearsal component.
            gain: Some(round(via_component("rehearsal", (late + fresh) as f64 / ready as f64))),
        });
    }

    let per_lp = config.targets.stories_per_lp;
    let mut thin: Vec<_> = p.principles.iter().filter(|r| (r.strong as f64) < per_lp).collect();
    // The thinnest first: fewest strong stories, then fewest stories at all.
    thin.sort_by_key(|r| (r.strong, r.stories.len()));
    // Every principle with no story or one, named in the first of these actions.
    let (none, one) = super::portfolio::thin_principles(p);
    // Named in the first action: every such principle but the first's own, and but the
    // second's while its action stays in the list (settled once the list is cut).
    let thin_titles: Vec<(Principle, String)> = thin
        .iter()
        .take(2)
        .map(|r| {
            let title = format!(
                "Back {} with {} story",
                r.principle.label(),
                if r.stories.is_empty() { "a" } else { "another" }
            );
            (r.principle, title)
        })
        .collect();
    let others: Vec<Principle> = none
        .iter()
        .chain(&one)
        .filter(|pr| thin_titles.first().is_none_or(|(first, _)| first != *pr))
        .copied()
        .collect();
    // The first of them keeps a place in the list while a principle has one story or
    // none, whatever its gain: the list is where those principles are named.
    let mut thin_first: Option<String> = None;
    for (k, row) in thin.iter().take(2).enumerate() {
        let gain = via_component("lp_depth", 1.0 / per_lp / 16.0);
        let title = thin_titles[k].1.clone();
        let beyond_two = others.iter().any(|p| thin_titles.get(1).is_none_or(|(second, _)| second != p));
        if k == 0 && (row.stories.len() <= 1 || beyond_two) {
            thin_first = Some(title.clone());
        }
        ranked.push(Action {
            title,
            detail: format!(
                "{} stor{} name{} it, {} refined or ready; {per_lp} are the target",
                row.stories.len(),
                if row.stories.len() == 1 { "y" } else { "ies" },
                if row.stories.len() == 1 { "s" } else { "" },
                row.strong
            ),
            target: format!(
                "systemcraft new story \"{}\" --lp {}",
                command_title(row.principle.label()),
                row.principle.slug()
            ),
            gain: Some(round(gain)),
        });
    }

    if let Some(worst) = p
        .stories
        .iter()
        .filter(|s| s.quality < 1.0)
        .min_by(|a, b| a.quality.total_cmp(&b.quality).then(a.id.cmp(&b.id)))
    {
        let failed: Vec<&str> = worst.findings.iter().filter(|f| !f.passed).map(|f| f.code).collect();
        ranked.push(Action {
            title: format!("Rework \"{}\"", worst.title),
            detail: format!("fails {}", failed.join(", ")),
            target: worst.path.clone(),
            gain: Some(round(via_component("story_quality", (1.0 - worst.quality) / p.stories.len() as f64))),
        });
    }

    let base = model.bar("readiness").map_or(0.0, |b| if factor > 0.0 { b.value / factor } else { 0.0 });
    if let Some(m) = model.bar("readiness").and_then(|b| b.multiplier.as_ref()) {
        if (m.mocks as f64) < config.targets.mocks {
            ranked.push(Action {
                title: "Do a mock interview".into(),
                detail: format!(
                    "{} in the last {} days; each of the first {} lifts readiness by a tenth",
                    m.mocks, config.window_days, config.targets.mocks
                ),
                // The runner records the note itself; the plan's next mock names the kind.
                target: match &model.mocks.next {
                    Some(next) => format!("systemcraft mock --kind {}", next.kind.slug()),
                    None => "systemcraft mock".into(),
                },
                gain: Some(round(100.0 * base * 0.3 / config.targets.mocks)),
            });
        }
    }

    let design = comp(model, "technical", "design_practice");
    if design < 1.0 {
        let level = config.profile.target_level;
        let delta = (1.0 / config.targets.designs).min(1.0 - design);
        ranked.push(Action {
            title: format!("Complete a system design at {level} scale"),
            detail: format!(
                "{} users or more counts in full; {}",
                if level == crate::domain::tracks::Level::L6 { "10M" } else { "100M" },
                model
                    .bar("technical")
                    .and_then(|b| b.components.iter().find(|c| c.key == "design_practice"))
                    .map_or(String::new(), |c| c.detail.clone())
            ),
            target: "systemcraft new design \"…\"".into(),
            gain: Some(round(100.0 * factor * weight_share(&w.readiness, "design") * delta)),
        });
    }

    let volume = comp(model, "technical", "coding_volume");
    if volume < 1.0 {
        let week_goal = model.week.goals.iter().find(|g| g.key == "coding_problems");
        let left = week_goal.map_or(1, |g| g.target.saturating_sub(g.done)).max(1);
        let delta = (left as f64 / config.targets.coding_problems).min(1.0 - volume);
        ranked.push(Action {
            title: format!("Solve {left} coding problem{}", if left == 1 { "" } else { "s" }),
            detail: "mediums in 30–45 minutes, explained as you go; log each one".into(),
            target: model.today_goals.log.clone().unwrap_or_else(|| "systemcraft new log".into()),
            gain: Some(round(100.0 * factor * weight_share(&w.readiness, "coding") * delta / 2.0)),
        });
    }

    // Stable: equal gains keep the order above (scenarios and principles in their
    // canonical order).
    ranked.sort_by(|a, b| b.gain.unwrap_or(0.0).total_cmp(&a.gain.unwrap_or(0.0)));
    let mut out = first;
    // Keep a slot for today's log, which has no readiness gain but keeps the streak.
    let reserve = usize::from(model.today_goals.log.is_none());
    let room = MAX_ACTIONS.saturating_sub(out.len() + reserve);
    if let Some(at) = thin_first.and_then(|t| ranked.iter().position(|a| a.title == t)) {
        if at >= room && room > 0 {
            let kept = ranked.remove(at);
            ranked.truncate(room - 1);
            ranked.push(kept);
        }
    }
    ranked.truncate(room);
    // The first thin principle's action names the others, less the second when its own
    // action made the list: no principle is named twice, none is left out.
    if let Some((_, first_title)) = thin_titles.first() {
        let second_kept = thin_titles.get(1).filter(|(_, t)| ranked.iter().any(|a| &a.title == t)).map(|(p, _)| *p);
        let also: Vec<Principle> = others.iter().filter(|p| Some(**p) != second_kept).copied().collect();
        if let (Some(action), false) = (ranked.iter_mut().find(|a| &a.title == first_title), also.is_empty()) {
            action
                .detail
                .push_str(&format!("; also with one story or none: {}", super::portfolio::label_list_short(&also, 3)));
        }
    }
    out.extend(ranked);
    if model.today_goals.log.is_none() {
        out.push(Action {
            title: "Log today's practice".into(),
            detail: format!("the streak counts days with every minimum met; it is {} now", model.today_goals.streak),
            target: "systemcraft new log".into(),
            gain: None,
        });
    }
    out.truncate(MAX_ACTIONS);
    out
}

/// A title to start a story of a scenario with.
fn scenario_prompt(s: Scenario) -> &'static str {
    match s {
        Scenario::TechnicalLeadership => "The architecture call I made",
        Scenario::PeopleLeadership => "Turning a team around",
        Scenario::CrossFunctionalInfluence => "Winning over another org",
        Scenario::FailureAndLearning => "The failure that changed how I work",
        Scenario::Innovation => "Something new I built",
    }
}
