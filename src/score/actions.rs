//! The next actions: candidate steps, each with the readiness it would add if done,
//! ranked so the step that moves Interview Readiness most comes first.

use serde::Serialize;

use super::readiness::{BarKey, ComponentKey};
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

fn comp(model: &Model, bar: BarKey, key: ComponentKey) -> f64 {
    model.bar(bar).and_then(|b| b.component(key)).map_or(0.0, |c| c.value)
}

fn weight_share(group: &[(String, f64)], key: ComponentKey) -> f64 {
    let total: f64 = group.iter().map(|(_, w)| w).sum();
    if total > 0.0 {
        Weights::get(group, key.as_str()) / total
    } else {
        0.0
    }
}

fn command_title(text: &str) -> String {
    text.replace('"', "'")
}

/// What the gain of every kind of action is computed from: the config, the model and
/// the readiness multiplier in force.
struct Gains<'a> {
    config: &'a Config,
    model: &'a Model,
    factor: f64,
}

impl Gains<'_> {
    /// Readiness points from a change of the behavioral bar.
    fn via_behavioral(&self, delta_b: f64) -> f64 {
        100.0 * self.factor * weight_share(&self.config.weights.readiness, ComponentKey::Behavioral) * delta_b
    }

    /// Readiness points from a change of a behavioral component.
    fn via_component(&self, key: ComponentKey, delta: f64) -> f64 {
        self.via_behavioral(weight_share(&self.config.weights.behavioral, key) * delta)
    }
}

/// Gains are shown to one decimal.
fn round(g: f64) -> f64 {
    (g * 10.0).round() / 10.0
}

/// The principles the thin-principle actions name, settled once the list is cut.
#[derive(Default)]
struct Thin {
    /// The first two thin principles and their actions' titles.
    titles: Vec<(Principle, String)>,
    /// Every other principle with one story or none.
    others: Vec<Principle>,
    /// The title of the action that keeps its place whatever its gain.
    kept: Option<String>,
}

/// Ranks the candidate actions for a model: the steps that come first whatever their
/// gain, then every kind of action with a gain, most valuable first, then today's log.
pub fn rank(config: &Config, model: &Model) -> Vec<Action> {
    let factor = model.bar(BarKey::Readiness).and_then(|b| b.multiplier.as_ref()).map_or(0.7, |m| m.factor);
    let g = Gains { config, model, factor };
    let mut ranked = scenario_actions(&g);
    ranked.extend(rehearsal_action(&g));
    let (thin, principle_actions) = principle_actions(&g);
    ranked.extend(principle_actions);
    ranked.extend(rework_action(&g));
    ranked.extend(mock_action(&g));
    ranked.extend(design_action(&g));
    ranked.extend(coding_action(&g));
    let mut first = first_steps(model);
    first.extend(split_action(model));
    select(model, first, ranked, thin)
}

/// The steps that come before any gain: the assessment, then broken notes.
fn first_steps(model: &Model) -> Vec<Action> {
    let mut first = Vec::new();
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
    let m = &model.momentum;
    if m.slipping {
        first.push(Action {
            title: "Get back to the week's pace".into(),
            detail: format!(
                "{:.1} h logged in the last 7 days against {:.1} h the commitment asks ({}%): every bar is marked slipping; today's minimums are the way back",
                m.minutes as f64 / 60.0,
                m.expected_minutes as f64 / 60.0,
                m.percent
            ),
            target: model.today_goals.log.clone().unwrap_or_else(|| "systemcraft new log".into()),
            gain: None,
        });
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
    first
}

/// One action per scenario without a ready story: get the most advanced one to ready,
/// or write one. At most two "write a story" suggestions, so the list keeps room for
/// other kinds of work; they come in the scenarios' canonical order.
fn scenario_actions(g: &Gains<'_>) -> Vec<Action> {
    let p = &g.model.portfolio;
    let mut out = Vec::new();
    let mut new_scenarios = 0;
    for row in &p.scenarios {
        if row.credit >= 1.0 {
            continue;
        }
        let delta = (1.0 - row.credit) / 5.0;
        let gain = g.via_component(ComponentKey::ScenarioCoverage, delta);
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
        out.push(action);
    }
    out
}

/// Rehearse the ready stories that are due.
fn rehearsal_action(g: &Gains<'_>) -> Option<Action> {
    let p = &g.model.portfolio;
    let ready = p.stories.iter().filter(|s| s.credited == StoryStatus::Ready).count();
    let by_id = p.by_id();
    let overdue: Vec<_> = g
        .model
        .rehearsals
        .iter()
        .filter(|d| {
            // Due today counts too: the interview's rehearsal plan puts stories on today.
            by_id.get(d.story.as_str()).is_some_and(|s| s.credited == StoryStatus::Ready)
        })
        .collect();
    let top = overdue.first().filter(|_| ready > 0)?;
    // A ready story never rehearsed is due, not late: the title says which is which.
    let fresh = overdue.iter().filter(|d| d.last.is_none()).count();
    let late = overdue.iter().filter(|d| d.last.is_some() && d.overdue_days > 0).count();
    let today = overdue.len() - fresh - late;
    let split: Vec<String> = [(late, "overdue"), (today, "due today"), (fresh, "never rehearsed")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    Some(Action {
        title: format!(
            "Rehearse {} ready stor{} due ({})",
            overdue.len(),
            if overdue.len() == 1 { "y" } else { "ies" },
            split.join(", ")
        ),
        detail: format!("tell \"{}\" out loud against a question, timed; practice logs it", top.title),
        target: "systemcraft practice".into(),
        // Only overdue and never rehearsed stories weigh on the rehearsal component.
        gain: Some(round(g.via_component(ComponentKey::Rehearsal, (late + fresh) as f64 / ready as f64))),
    })
}

/// Back the two thinnest principles with a story each; the first of these actions
/// names the other thin principles once the list is cut (see [`select`]).
fn principle_actions(g: &Gains<'_>) -> (Thin, Vec<Action>) {
    let p = &g.model.portfolio;
    let per_lp = g.config.targets.stories_per_lp;
    let mut thin: Vec<_> = p.principles.iter().filter(|r| (r.strong as f64) < per_lp).collect();
    // The thinnest first: fewest strong stories, then fewest stories at all.
    thin.sort_by_key(|r| (r.strong, r.stories.len()));
    // Every principle with no story or one, named in the first of these actions.
    let (none, one) = super::portfolio::thin_principles(p);
    // Named in the first action: every such principle but the first's own, and but the
    // second's while its action stays in the list (settled once the list is cut).
    let titles: Vec<(Principle, String)> = thin
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
    let others: Vec<Principle> =
        none.iter().chain(&one).filter(|pr| titles.first().is_none_or(|(first, _)| first != *pr)).copied().collect();
    // The first of them keeps a place in the list while a principle has one story or
    // none, whatever its gain: the list is where those principles are named.
    let mut kept: Option<String> = None;
    let mut actions = Vec::new();
    for (k, row) in thin.iter().take(2).enumerate() {
        let gain = g.via_component(ComponentKey::LpDepth, 1.0 / per_lp / 16.0);
        let title = titles[k].1.clone();
        let beyond_two = others.iter().any(|p| titles.get(1).is_none_or(|(second, _)| second != p));
        if k == 0 && (row.stories.len() <= 1 || beyond_two) {
            kept = Some(title.clone());
        }
        actions.push(Action {
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
    (Thin { titles, others, kept }, actions)
}

/// Rework the story that passes the smallest share of its STAR checks.
fn rework_action(g: &Gains<'_>) -> Option<Action> {
    let p = &g.model.portfolio;
    let worst = p
        .stories
        .iter()
        .filter(|s| s.quality < 1.0)
        .min_by(|a, b| a.quality.total_cmp(&b.quality).then(a.id.cmp(&b.id)))?;
    let failed: Vec<&str> = worst.findings.iter().filter(|f| !f.passed).map(|f| f.code).collect();
    Some(Action {
        title: format!("Rework \"{}\"", worst.title),
        detail: format!("fails {}", failed.join(", ")),
        target: worst.path.clone(),
        gain: Some(round(g.via_component(ComponentKey::StoryQuality, (1.0 - worst.quality) / p.stories.len() as f64))),
    })
}

/// Do a mock interview while fewer than the target were done in the window.
fn mock_action(g: &Gains<'_>) -> Option<Action> {
    let (config, model, factor) = (g.config, g.model, g.factor);
    let readiness = model.bar(BarKey::Readiness)?;
    let m = readiness.multiplier.as_ref()?;
    if (m.mocks as f64) >= config.targets.mocks {
        return None;
    }
    let base = if factor > 0.0 { readiness.value / factor } else { 0.0 };
    // A mock lifts readiness by as much as it goes well: the gain assumes it goes as
    // the recent ones did (half marks before any).
    let quality = if m.mocks == 0 { 0.5 } else { m.quality };
    Some(Action {
        title: "Do a mock interview".into(),
        detail: format!(
            "{} in the last {} days; each of the first {} lifts readiness by up to a tenth, in proportion to its ratings",
            m.mocks, config.window_days, config.targets.mocks
        ),
        // The runner records the note itself; the plan's next mock names the kind.
        target: match &model.mocks.next {
            Some(next) => format!("systemcraft mock --kind {}", next.kind.slug()),
            None => "systemcraft mock".into(),
        },
        gain: Some(round(100.0 * base * 0.3 / config.targets.mocks * quality)),
    })
}

/// Complete a system design at the target level's scale.
fn design_action(g: &Gains<'_>) -> Option<Action> {
    let (config, model) = (g.config, g.model);
    let design = comp(model, BarKey::Technical, ComponentKey::DesignPractice);
    if design >= 1.0 {
        return None;
    }
    let level = config.profile.target_level;
    let delta = (1.0 / config.targets.designs).min(1.0 - design);
    Some(Action {
        title: format!("Complete a system design at {level} scale"),
        detail: format!(
            "{} users or more counts in full; {}",
            if level == crate::domain::tracks::Level::L6 { "10M" } else { "100M" },
            model
                .bar(BarKey::Technical)
                .and_then(|b| b.component(ComponentKey::DesignPractice))
                .map_or(String::new(), |c| c.detail.clone())
        ),
        target: "systemcraft new design \"…\"".into(),
        gain: Some(round(100.0 * g.factor * weight_share(&config.weights.readiness, ComponentKey::Design) * delta)),
    })
}

/// Solve the coding problems left of the week's goal.
fn coding_action(g: &Gains<'_>) -> Option<Action> {
    let (config, model) = (g.config, g.model);
    let volume = comp(model, BarKey::Technical, ComponentKey::CodingVolume);
    if volume >= 1.0 {
        return None;
    }
    let week_goal = model.week.goals.iter().find(|g| g.key == "coding_problems");
    let left = week_goal.map_or(1, |g| g.target.saturating_sub(g.done)).max(1);
    let delta = (left as f64 / config.targets.coding_problems).min(1.0 - volume);
    Some(Action {
        title: format!("Solve {left} coding problem{}", if left == 1 { "" } else { "s" }),
        detail: "mediums in 30–45 minutes, explained as you go; log each one".into(),
        target: model.today_goals.log.clone().unwrap_or_else(|| "systemcraft new log".into()),
        gain: Some(round(
            100.0 * g.factor * weight_share(&config.weights.readiness, ComponentKey::Coding) * delta / 2.0,
        )),
    })
}

/// Shift time to the area furthest below its recommended share, when it is more than
/// [`super::momentum::SPLIT_TOLERANCE`] points below.
fn split_action(model: &Model) -> Option<Action> {
    let short = model.split.most_short()?;
    let area = short.area.label().to_lowercase();
    Some(Action {
        title: format!("Spend more of the week on {area}"),
        detail: format!(
            "{}% of the logged hours went to {area} in the window against {}% recommended ({} points short)",
            short.percent, short.recommended, -short.off
        ),
        target: "systemcraft new log".into(),
        gain: None,
    })
}

/// Today's log, when there is none: no readiness gain, but it keeps the streak.
fn log_action(model: &Model) -> Option<Action> {
    model.today_goals.log.is_none().then(|| Action {
        title: "Log today's practice".into(),
        detail: format!("the streak counts days with every minimum met; it is {} now", model.today_goals.streak),
        target: "systemcraft new log".into(),
        gain: None,
    })
}

/// Sorts the ranked actions by gain and cuts the list to [`MAX_ACTIONS`] after the
/// first steps, keeping the thin principles' first action and a slot for today's log.
fn select(model: &Model, first: Vec<Action>, mut ranked: Vec<Action>, thin: Thin) -> Vec<Action> {
    // Stable: equal gains keep the order they were gathered in (scenarios and
    // principles in their canonical order).
    ranked.sort_by(|a, b| b.gain.unwrap_or(0.0).total_cmp(&a.gain.unwrap_or(0.0)));
    let mut out = first;
    let log = log_action(model);
    let reserve = usize::from(log.is_some());
    let room = MAX_ACTIONS.saturating_sub(out.len() + reserve);
    if let Some(at) = thin.kept.and_then(|t| ranked.iter().position(|a| a.title == t)) {
        if at >= room && room > 0 {
            let kept = ranked.remove(at);
            ranked.truncate(room - 1);
            ranked.push(kept);
        }
    }
    ranked.truncate(room);
    // The first thin principle's action names the others, less the second when its own
    // action made the list: no principle is named twice, none is left out.
    if let Some((_, first_title)) = thin.titles.first() {
        let second_kept = thin.titles.get(1).filter(|(_, t)| ranked.iter().any(|a| &a.title == t)).map(|(p, _)| *p);
        let also: Vec<Principle> = thin.others.iter().filter(|p| Some(**p) != second_kept).copied().collect();
        if let (Some(action), false) = (ranked.iter_mut().find(|a| &a.title == first_title), also.is_empty()) {
            action
                .detail
                .push_str(&format!("; also with one story or none: {}", super::portfolio::label_list_short(&also, 3)));
        }
    }
    out.extend(ranked);
    out.extend(log);
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
