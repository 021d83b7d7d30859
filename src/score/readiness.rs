//! The four progress bars — Technical Skills, Behavioral Stories, Cultural Alignment
//! and Interview Readiness — each a weighted mean of components in [0, 1], keyed by
//! [`BarKey`] and [`ComponentKey`]. Each bar is built by its own function from the
//! practice of the window, the portfolio and the mock ratings.

use serde::Serialize;

use super::ids::IdSet;
use super::mocks::{Area, Evidence};
use super::momentum::Momentum;
use super::portfolio::{Due, Portfolio, StoryView};
use super::{percent, AssessmentState, Notes};
use crate::config::{Config, Weights};
use crate::domain::assessment::Category;
use crate::index::Index;
use crate::note::kinds::{DesignStatus, Difficulty, StoryStatus};
use crate::note::Data;

/// The four bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BarKey {
    /// Technical Skills.
    Technical,
    /// Behavioral Stories.
    Behavioral,
    /// Cultural Alignment.
    Cultural,
    /// Interview Readiness.
    Readiness,
}

impl BarKey {
    /// Every bar, in dashboard order.
    pub const ALL: [BarKey; 4] = [BarKey::Technical, BarKey::Behavioral, BarKey::Cultural, BarKey::Readiness];

    /// The key as in `build --json` and the profile's `weights:`.
    pub fn as_str(self) -> &'static str {
        match self {
            BarKey::Technical => "technical",
            BarKey::Behavioral => "behavioral",
            BarKey::Cultural => "cultural",
            BarKey::Readiness => "readiness",
        }
    }

    /// The name on the dashboard.
    pub fn name(self) -> &'static str {
        match self {
            BarKey::Technical => "Technical Skills",
            BarKey::Behavioral => "Behavioral Stories",
            BarKey::Cultural => "Cultural Alignment",
            BarKey::Readiness => "Interview Readiness",
        }
    }
}

/// The components of the bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKey {
    /// Problems solved in the window.
    CodingVolume,
    /// Mediums solved within the pace limit.
    CodingPace,
    /// Designs credited complete in the window.
    DesignPractice,
    /// The assessment's category.
    SelfRating,
    /// Scenarios with a ready (or refined) story.
    ScenarioCoverage,
    /// Refined-or-ready stories per principle.
    LpDepth,
    /// Share of STAR checks passed.
    StoryQuality,
    /// Ready stories rehearsed on time.
    Rehearsal,
    /// Behavioral mock ratings.
    BehavioralMocks,
    /// Principles with a story.
    LpBreadth,
    /// Readiness: the Behavioral Stories bar.
    Behavioral,
    /// Readiness: design practice and design mock ratings.
    Design,
    /// Readiness: coding volume, pace and coding mock ratings.
    Coding,
}

impl ComponentKey {
    /// The key as in `build --json` and the profile's `weights:`.
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentKey::CodingVolume => "coding_volume",
            ComponentKey::CodingPace => "coding_pace",
            ComponentKey::DesignPractice => "design_practice",
            ComponentKey::SelfRating => "self_rating",
            ComponentKey::ScenarioCoverage => "scenario_coverage",
            ComponentKey::LpDepth => "lp_depth",
            ComponentKey::StoryQuality => "story_quality",
            ComponentKey::Rehearsal => "rehearsal",
            ComponentKey::BehavioralMocks => "behavioral_mocks",
            ComponentKey::LpBreadth => "lp_breadth",
            ComponentKey::Behavioral => "behavioral",
            ComponentKey::Design => "design",
            ComponentKey::Coding => "coding",
        }
    }

    /// The name on the dashboard.
    pub fn name(self) -> &'static str {
        match self {
            ComponentKey::CodingVolume => "Coding volume",
            ComponentKey::CodingPace => "Coding pace",
            ComponentKey::DesignPractice | ComponentKey::Design => "Design practice",
            ComponentKey::SelfRating => "Self-rating",
            ComponentKey::ScenarioCoverage => "Scenario coverage",
            ComponentKey::LpDepth => "Principle depth",
            ComponentKey::StoryQuality => "Story quality",
            ComponentKey::Rehearsal => "Rehearsal",
            ComponentKey::BehavioralMocks => "Behavioral mocks",
            ComponentKey::LpBreadth => "Principle breadth",
            ComponentKey::Behavioral => "Behavioral Stories",
            ComponentKey::Coding => "Coding",
        }
    }
}

/// One component of a bar.
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    /// Stable key.
    pub key: ComponentKey,
    /// Name shown on the dashboard.
    pub name: &'static str,
    /// Value in [0, 1].
    pub value: f64,
    /// Weight within the bar.
    pub weight: f64,
    /// How the value was reached, in words and numbers.
    pub detail: String,
    /// False for a self-rating before the assessment is taken, and for mock ratings
    /// before a mock of the area is rated (the value is then 0).
    pub assessed: bool,
    /// The notes behind the value.
    pub files: Files,
}

/// A list of note paths behind a figure: thousands in a large workspace, shared
/// rather than copied between the parts of a model and from one model to the next.
pub type Files = std::sync::Arc<Vec<String>>;

/// One progress bar.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Which bar.
    pub key: BarKey,
    /// Name shown on the dashboard.
    pub name: &'static str,
    /// Value in [0, 1].
    pub value: f64,
    /// The value as a percent (see [`percent`]).
    pub percent: u32,
    /// The last 7 days fell short of the week's pace (see [`Momentum`]).
    pub slipping: bool,
    /// Its components.
    pub components: Vec<Component>,
    /// Readiness only: the mock-interview multiplier and its reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<Multiplier>,
}

impl Bar {
    /// A component by key.
    pub fn component(&self, key: ComponentKey) -> Option<&Component> {
        self.components.iter().find(|c| c.key == key)
    }
}

/// The mock-interview factor applied to readiness.
#[derive(Debug, Clone, Serialize)]
pub struct Multiplier {
    /// Factor in [0.7, 1].
    pub factor: f64,
    /// Mock interviews in the window.
    pub mocks: usize,
    /// Mock interviews that give the full factor.
    pub target: f64,
    /// How they went, in [0, 1] (see [`Evidence::quality`]).
    pub quality: f64,
    /// The notes.
    pub files: Files,
}

/// Rounds to 4 decimals so JSON and comparisons stay stable across platforms.
fn r4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn component(
    key: ComponentKey,
    value: f64,
    weights: &[(String, f64)],
    detail: String,
    files: impl Into<Files>,
) -> Component {
    Component {
        key,
        name: key.name(),
        value: r4(value.clamp(0.0, 1.0)),
        weight: Weights::get(weights, key.as_str()),
        detail,
        assessed: true,
        files: files.into(),
    }
}

/// The detail of `lp_depth`: the value credits every principle with its strong
/// (refined-or-ready) stories up to the target, so principles below the target count
/// in part and the text says so.
fn depth_detail(full: usize, partial: usize, target: f64) -> String {
    let mut text = format!("{full} of 16 principles with {target} refined-or-ready stories");
    if partial > 0 {
        text.push_str(&format!(", {partial} more with fewer (counted in part)"));
    }
    text
}

/// The detail of `story_quality`: the value is the mean of each story's share of the
/// checks it passes, not the share of all checks, so the text names that mean.
fn quality_detail(stories: usize, flawless: usize) -> String {
    let noun = if stories == 1 { "story" } else { "stories" };
    format!("mean share of STAR checks passed per story; every check passed by {flawless} of {stories} {noun}")
}

fn bar(key: BarKey, components: Vec<Component>) -> Bar {
    let total: f64 = components.iter().map(|c| c.weight).sum();
    let value = if total > 0.0 { components.iter().map(|c| c.value * c.weight).sum::<f64>() / total } else { 0.0 };
    let value = r4(value);
    Bar { key, name: key.name(), value, percent: percent(value), slipping: false, components, multiplier: None }
}

fn self_rating(state: &AssessmentState, category: Category, weights: &[(String, f64)]) -> Component {
    match state.result() {
        Some(r) => {
            let c = r.category(category);
            // The anchored share, not sum ÷ max: it reads the same on both forms.
            component(
                ComponentKey::SelfRating,
                c.anchored,
                weights,
                format!(
                    "{} of {} in the assessment ({}); counted on the {} question{} both forms rate",
                    c.sum,
                    c.max,
                    c.band.label(),
                    c.anchors,
                    if c.anchors == 1 { "" } else { "s" }
                ),
                vec!["assessment.md".into()],
            )
        }
        None => Component {
            assessed: false,
            ..component(ComponentKey::SelfRating, 0.0, weights, "not assessed yet".into(), vec!["assessment.md".into()])
        },
    }
}

/// Practice figures from the window, shared by the bars and the next actions.
#[derive(Debug, Clone, Default)]
pub struct Practice {
    /// Problems solved in the window.
    pub solved: usize,
    /// Solved mediums.
    pub mediums: usize,
    /// Solved mediums within the pace limit.
    pub mediums_in_pace: usize,
    /// Logs with coding in the window.
    pub coding_files: Vec<String>,
    /// Designs credited complete in the window (marked complete, every part of the
    /// checklist, the level's scale: see [`super::design`]).
    pub designs: Vec<String>,
    /// Designs in the window marked complete that the checklist does not support.
    pub claimed: Vec<String>,
    /// Mock interviews done in the window (planned ones, without ratings or
    /// minutes, are left out).
    pub mocks: Vec<String>,
}

/// Gathers the practice done within the window.
pub fn practice(config: &Config, notes: &Notes<'_>) -> Practice {
    let (from, to) = (config.window_start(), config.today);
    let in_window = |d: Option<jiff::civil::Date>| d.is_some_and(|d| d >= from && d <= to);
    let mut p = Practice::default();
    for n in [&notes.logs, &notes.designs, &notes.mocks].into_iter().flat_map(|k| Notes::counted(k)) {
        match &n.data {
            Data::Log(l) if in_window(l.date) => {
                let solved: Vec<_> = l.coding.iter().filter(|c| c.solved).collect();
                if !l.coding.is_empty() {
                    p.coding_files.push(n.path.clone());
                }
                p.solved += solved.len();
                for c in solved.iter().filter(|c| c.difficulty == Some(Difficulty::Medium)) {
                    p.mediums += 1;
                    if c.minutes.is_some_and(|m| m as f64 <= config.targets.pace_minutes) {
                        p.mediums_in_pace += 1;
                    }
                }
            }
            Data::Design(d) if in_window(d.date) && d.status == Some(DesignStatus::Complete) => {
                if super::design::credited(config, d) {
                    p.designs.push(n.path.clone());
                } else {
                    p.claimed.push(n.path.clone());
                }
            }
            Data::Mock(m) if in_window(m.date) && m.is_done() => p.mocks.push(n.path.clone()),
            _ => {}
        }
    }
    p
}

/// The mock multiplier: 0.7 with none, rising evenly with each mock up to the target
/// count, by as much as the mocks went well: `quality` 1 (every rating 5) gives 1.0 at
/// the target, `quality` 0 (every rating 1) leaves it at 0.7.
pub fn mock_factor(mocks: usize, target: f64, quality: f64) -> f64 {
    0.7 + 0.3 * (mocks as f64).min(target) / target * quality.clamp(0.0, 1.0)
}

/// Computes the four bars.
pub fn compute(
    config: &Config,
    index: &Index,
    state: &AssessmentState,
    portfolio: &Portfolio,
    due: &[Due],
) -> Vec<Bar> {
    let notes = Notes::of(index);
    let evidence = super::mocks::evidence(config, &notes);
    let momentum = super::momentum::momentum(config, &notes);
    let inputs = Inputs { state, portfolio, due, evidence: &evidence, momentum: &momentum };
    bars(config, practice(config, &notes), StoryFiles::of(portfolio), &inputs)
}

/// The story notes behind the behavioral and cultural components. A large workspace
/// has thousands, so they are gathered apart from the rest of the bars and can be
/// collected while the other parts of the model are computed.
#[derive(Debug, Clone, Default)]
pub struct StoryFiles {
    /// Refined or ready stories.
    pub strong: Files,
    /// Refined or ready stories that name a principle.
    pub strong_with_principles: Files,
    /// Every story.
    pub all: Files,
    /// Ready stories.
    pub ready: Files,
    /// Stories that name a principle.
    pub with_principles: Files,
}

impl StoryFiles {
    /// The paths of the portfolio's stories, in its order.
    pub fn of(portfolio: &Portfolio) -> Self {
        let pick = |f: &dyn Fn(&StoryView) -> bool| -> Files {
            // Sized first: thousands of paths, collected without regrowing.
            let mut files = Vec::with_capacity(portfolio.stories.iter().filter(|s| f(s)).count());
            files.extend(portfolio.stories.iter().filter(|s| f(s)).map(|s| s.path.clone()));
            Files::new(files)
        };
        StoryFiles {
            strong: pick(&|s| s.is_strong()),
            strong_with_principles: pick(&|s| s.is_strong() && !s.principles.is_empty()),
            all: pick(&|_| true),
            ready: pick(&|s| s.credited == StoryStatus::Ready),
            with_principles: pick(&|s| !s.principles.is_empty()),
        }
    }
}

/// What the bars are computed from besides the practice and the story files.
pub struct Inputs<'a> {
    /// The self-assessment.
    pub state: &'a AssessmentState,
    /// The stories.
    pub portfolio: &'a Portfolio,
    /// The rehearsals due.
    pub due: &'a [Due],
    /// The mock ratings.
    pub evidence: &'a Evidence,
    /// The last 7 days against the commitment.
    pub momentum: &'a Momentum,
}

/// The four bars from the practice gathered by [`practice`] and the story files; every
/// bar is marked slipping when the last 7 days are.
pub fn bars(config: &Config, p: Practice, files: StoryFiles, inputs: &Inputs<'_>) -> Vec<Bar> {
    let technical = technical(config, &p, inputs.state);
    let behavioral = behavioral(config, files.clone(), inputs);
    let cultural = cultural(config, files, inputs);
    let readiness = readiness(config, &p, &technical, &behavioral, inputs.evidence);
    let mut bars = vec![technical, behavioral, cultural, readiness];
    for b in &mut bars {
        b.slipping = inputs.momentum.slipping;
    }
    bars
}

/// The design practice detail: credited designs, and those marked complete that the
/// checklist does not support.
fn design_detail(config: &Config, p: &Practice) -> String {
    let days = config.window_days;
    let mut text =
        format!("{} of {} designs credited complete in the last {days} days", p.designs.len(), config.targets.designs);
    if !p.claimed.is_empty() {
        text.push_str(&format!(
            " ({} more marked complete, counted as outline{}: missing parts or below {} scale, see `systemcraft check designs`)",
            p.claimed.len(),
            if p.claimed.len() == 1 { "" } else { "s" },
            config.profile.target_level
        ));
    }
    text
}

/// Technical Skills: coding volume and pace, design practice, the self-rating.
fn technical(config: &Config, p: &Practice, state: &AssessmentState) -> Bar {
    let (w, t, days) = (&config.weights.technical, &config.targets, config.window_days);
    let volume = component(
        ComponentKey::CodingVolume,
        p.solved as f64 / t.coding_problems,
        w,
        format!("{} of {} problems solved in the last {days} days", p.solved, t.coding_problems),
        p.coding_files.clone(),
    );
    let pace = component(
        ComponentKey::CodingPace,
        if p.mediums == 0 { 0.0 } else { p.mediums_in_pace as f64 / p.mediums as f64 },
        w,
        if p.mediums == 0 {
            format!("no medium solved in the last {days} days")
        } else {
            format!("{} of {} solved mediums within {} min", p.mediums_in_pace, p.mediums, t.pace_minutes)
        },
        p.coding_files.clone(),
    );
    let design = component(
        ComponentKey::DesignPractice,
        p.designs.len() as f64 / t.designs,
        w,
        design_detail(config, p),
        p.designs.clone(),
    );
    bar(BarKey::Technical, vec![volume, pace, design, self_rating(state, Category::Technical, w)])
}

/// The component of an area's mock ratings in the window.
fn mock_component(key: ComponentKey, area: Area, evidence: &Evidence, weights: &[(String, f64)]) -> Component {
    let a = evidence.area(area);
    match a.and_then(|a| a.weighted.map(|w| (a, w))) {
        Some((a, w)) => component(
            key,
            a.value,
            weights,
            format!(
                "{} rated {} mock{} in the window, recency-weighted rating {w:.2} of 5 (1 counts 0%, 5 counts 100%)",
                a.mocks,
                area.label().to_lowercase(),
                if a.mocks == 1 { "" } else { "s" }
            ),
            a.files.clone(),
        ),
        None => Component {
            assessed: false,
            ..component(
                key,
                0.0,
                weights,
                format!("no {} mock rated in the window", area.label().to_lowercase()),
                Vec::new(),
            )
        },
    }
}

/// Behavioral Stories: scenario coverage, principle depth, story quality, rehearsal,
/// behavioral mock ratings, the self-rating.
fn behavioral(config: &Config, files: StoryFiles, inputs: &Inputs<'_>) -> Bar {
    let (w, t, portfolio) = (&config.weights.behavioral, &config.targets, inputs.portfolio);
    let covered: f64 = portfolio.scenarios.iter().map(|s| s.credit).sum();
    let coverage = component(
        ComponentKey::ScenarioCoverage,
        covered / 5.0,
        w,
        format!(
            "{} of 5 scenarios with a ready story, {} more with a refined one (as credited)",
            portfolio.scenarios.iter().filter(|s| s.credit >= 1.0).count(),
            portfolio.scenarios.iter().filter(|s| s.credit == 0.5).count()
        ),
        files.strong,
    );
    let depth_sum: f64 = portfolio.principles.iter().map(|r| (r.strong as f64 / t.stories_per_lp).min(1.0)).sum();
    let depth = component(
        ComponentKey::LpDepth,
        depth_sum / 16.0,
        w,
        depth_detail(
            portfolio.principles.iter().filter(|r| r.strong as f64 >= t.stories_per_lp).count(),
            portfolio.principles.iter().filter(|r| r.strong > 0 && (r.strong as f64) < t.stories_per_lp).count(),
            t.stories_per_lp,
        ),
        files.strong_with_principles,
    );
    let n = portfolio.stories.len();
    let quality_value = if n == 0 { 0.0 } else { portfolio.stories.iter().map(|s| s.quality).sum::<f64>() / n as f64 };
    let flawless = portfolio.stories.iter().filter(|s| s.findings.iter().all(|f| f.passed)).count();
    let quality = component(
        ComponentKey::StoryQuality,
        quality_value,
        w,
        if n == 0 { "no stories yet".into() } else { quality_detail(n, flawless) },
        files.all,
    );
    let rehearsal = rehearsal(w, files.ready, inputs);
    let mocks = mock_component(ComponentKey::BehavioralMocks, Area::Behavioral, inputs.evidence, w);
    bar(
        BarKey::Behavioral,
        vec![coverage, depth, quality, rehearsal, mocks, self_rating(inputs.state, Category::Leadership, w)],
    )
}

/// The rehearsal component: ready stories rehearsed and not overdue.
fn rehearsal(w: &[(String, f64)], files: Files, inputs: &Inputs<'_>) -> Component {
    let ready: Vec<&StoryView> = inputs.portfolio.views().filter(|s| s.credited == StoryStatus::Ready).collect();
    let ready_ids: IdSet<&str> = ready.iter().map(|s| s.id.as_str()).collect();
    let overdue = inputs
        .due
        .iter()
        .filter(|d| ready_ids.contains(d.story.as_str()) && (d.overdue_days > 0 || d.last.is_none()))
        .count();
    let current = ready.len() - overdue;
    component(
        ComponentKey::Rehearsal,
        if ready.is_empty() { 0.0 } else { current as f64 / ready.len() as f64 },
        w,
        if ready.is_empty() {
            "no ready stories to rehearse".into()
        } else {
            format!("{current} of {} ready stories rehearsed and not overdue", ready.len())
        },
        files,
    )
}

/// Cultural Alignment: principle breadth, the self-rating.
fn cultural(config: &Config, files: StoryFiles, inputs: &Inputs<'_>) -> Bar {
    let w = &config.weights.cultural;
    let breadth_count = inputs.portfolio.principles.iter().filter(|r| !r.stories.is_empty()).count();
    let breadth = component(
        ComponentKey::LpBreadth,
        breadth_count as f64 / 16.0,
        w,
        format!("{breadth_count} of 16 principles have at least one story"),
        files.with_principles,
    );
    bar(BarKey::Cultural, vec![breadth, self_rating(inputs.state, Category::Cultural, w)])
}

/// Interview Readiness: the Behavioral Stories bar, design practice and coding, each of
/// the last two with its area's mock ratings when a mock of it was rated in the
/// window; times the mock multiplier.
fn readiness(config: &Config, p: &Practice, technical: &Bar, behavioral: &Bar, evidence: &Evidence) -> Bar {
    let (w, t) = (&config.weights.readiness, &config.targets);
    let value = |key| technical.component(key).map_or(0.0, |c| c.value);
    let rated = |area| evidence.area(area).and_then(|a| a.weighted.map(|r| (a.value, r)));
    let design_files =
        technical.component(ComponentKey::DesignPractice).map_or_else(Files::default, |c| c.files.clone());
    let practice = value(ComponentKey::DesignPractice);
    let (design_value, design_text) = match rated(Area::SystemDesign) {
        Some((v, r)) => (
            (practice + v) / 2.0,
            format!("mean of design practice ({}%) and design mocks ({r:.2} of 5, {}%)", percent(practice), percent(v)),
        ),
        None => (practice, format!("design practice ({}%); no design mock rated in the window", percent(practice))),
    };
    let (volume, pace) = (value(ComponentKey::CodingVolume), value(ComponentKey::CodingPace));
    let (coding_value, coding_text) = match rated(Area::Coding) {
        Some((v, r)) => (
            (volume + pace + v) / 3.0,
            format!(
                "mean of coding volume ({}%), pace ({}%) and coding mocks ({r:.2} of 5, {}%)",
                percent(volume),
                percent(pace),
                percent(v)
            ),
        ),
        None => (
            (volume + pace) / 2.0,
            format!(
                "mean of coding volume ({}%) and pace ({}%); no coding mock rated in the window",
                percent(volume),
                percent(pace)
            ),
        ),
    };
    let mut coding_files = p.coding_files.clone();
    coding_files.dedup();
    let parts = vec![
        component(
            ComponentKey::Behavioral,
            behavioral.value,
            w,
            format!("the Behavioral Stories bar, {}%", behavioral.percent),
            Vec::new(),
        ),
        component(ComponentKey::Design, design_value, w, design_text, design_files),
        component(ComponentKey::Coding, coding_value, w, coding_text, coding_files),
    ];
    let mut readiness = bar(BarKey::Readiness, parts);
    let factor = mock_factor(p.mocks.len(), t.mocks, evidence.quality);
    readiness.value = r4(readiness.value * factor);
    readiness.percent = percent(readiness.value);
    readiness.multiplier = Some(Multiplier {
        factor: r4(factor),
        mocks: p.mocks.len(),
        target: t.mocks,
        quality: r4(evidence.quality),
        files: p.mocks.clone().into(),
    });
    readiness
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_factor_steps() {
        assert_eq!(mock_factor(0, 3.0, 1.0), 0.7);
        assert!((mock_factor(1, 3.0, 1.0) - 0.8).abs() < 1e-9);
        assert!((mock_factor(3, 3.0, 1.0) - 1.0).abs() < 1e-9);
        assert!((mock_factor(9, 3.0, 1.0) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn mock_factor_follows_how_the_mocks_went() {
        assert_eq!(mock_factor(3, 3.0, 0.0), 0.7);
        assert!((mock_factor(3, 3.0, 0.5) - 0.85).abs() < 1e-9);
    }

    #[test]
    fn details_describe_the_computed_values() {
        assert_eq!(
            quality_detail(2, 1),
            "mean share of STAR checks passed per story; every check passed by 1 of 2 stories"
        );
        assert_eq!(
            quality_detail(1, 0),
            "mean share of STAR checks passed per story; every check passed by 0 of 1 story"
        );
        assert_eq!(
            depth_detail(1, 2, 2.0),
            "1 of 16 principles with 2 refined-or-ready stories, 2 more with fewer (counted in part)"
        );
        assert_eq!(depth_detail(0, 0, 2.0), "0 of 16 principles with 2 refined-or-ready stories");
    }
}
