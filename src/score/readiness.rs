//! The four progress bars — Technical Skills, Behavioral Stories, Cultural Alignment
//! and Interview Readiness — each a weighted mean of named components in [0, 1].

use serde::Serialize;

use super::ids::IdSet;
use super::portfolio::{Due, Portfolio, StoryView};
use super::{AssessmentState, Notes};
use crate::config::{Config, Weights};
use crate::domain::assessment::Category;
use crate::index::Index;
use crate::note::kinds::{DesignStatus, Difficulty, StoryStatus};
use crate::note::Data;

/// One named component of a bar.
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    /// Stable key (`coding_volume`, …).
    pub key: &'static str,
    /// Name shown on the dashboard.
    pub name: &'static str,
    /// Value in [0, 1].
    pub value: f64,
    /// Weight within the bar.
    pub weight: f64,
    /// How the value was reached, in words and numbers.
    pub detail: String,
    /// False for a self-rating before the assessment is taken.
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
    /// `technical`, `behavioral`, `cultural` or `readiness`.
    pub key: &'static str,
    /// Name shown on the dashboard.
    pub name: &'static str,
    /// Value in [0, 1].
    pub value: f64,
    /// round(100 × value).
    pub percent: u32,
    /// Its components.
    pub components: Vec<Component>,
    /// Readiness only: the mock-interview multiplier and its reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<Multiplier>,
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
    /// The notes.
    pub files: Files,
}

/// Rounds to 4 decimals so JSON and comparisons stay stable across platforms.
fn r4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn component(
    key: &'static str,
    name: &'static str,
    value: f64,
    weights: &[(String, f64)],
    detail: String,
    files: impl Into<Files>,
) -> Component {
    Component {
        key,
        name,
        value: r4(value.clamp(0.0, 1.0)),
        weight: Weights::get(weights, key),
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

fn bar(key: &'static str, name: &'static str, components: Vec<Component>) -> Bar {
    let total: f64 = components.iter().map(|c| c.weight).sum();
    let value = if total > 0.0 { components.iter().map(|c| c.value * c.weight).sum::<f64>() / total } else { 0.0 };
    Bar { key, name, value: r4(value), percent: (value * 100.0).round() as u32, components, multiplier: None }
}

fn self_rating(state: &AssessmentState, category: Category, weights: &[(String, f64)]) -> Component {
    match state.result() {
        Some(r) => {
            let c = r.category(category);
            component(
                "self_rating",
                "Self-rating",
                c.fraction(),
                weights,
                format!("{} of {} in the assessment ({})", c.sum, c.max, c.band.label()),
                vec!["assessment.md".into()],
            )
        }
        None => Component {
            assessed: false,
            ..component(
                "self_rating",
                "Self-rating",
                0.0,
                weights,
                "not assessed yet".into(),
                vec!["assessment.md".into()],
            )
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
    /// Credit of complete designs in the window (half for under-scale ones).
    pub design_credit: f64,
    /// Complete designs in the window.
    pub designs: Vec<String>,
    /// Of which below the target level's scale.
    pub small_designs: usize,
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
                let full = d.scale.is_some_and(|s| s >= config.profile.target_level.design_scale());
                p.design_credit += if full { 1.0 } else { 0.5 };
                if !full {
                    p.small_designs += 1;
                }
                p.designs.push(n.path.clone());
            }
            Data::Mock(m) if in_window(m.date) && m.is_done() => p.mocks.push(n.path.clone()),
            _ => {}
        }
    }
    p
}

/// The mock multiplier: 0.7 with none, rising evenly to 1.0 at the target count.
pub fn mock_factor(mocks: usize, target: f64) -> f64 {
    0.7 + 0.3 * (mocks as f64).min(target) / target
}

/// Computes the four bars.
pub fn compute(
    config: &Config,
    index: &Index,
    state: &AssessmentState,
    portfolio: &Portfolio,
    due: &[Due],
) -> Vec<Bar> {
    bars(config, practice(config, &Notes::of(index)), StoryFiles::of(portfolio), state, portfolio, due)
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
            ready: pick(&|s| s.status == StoryStatus::Ready),
            with_principles: pick(&|s| !s.principles.is_empty()),
        }
    }
}

/// The four bars from the practice gathered by [`practice`] and the story files.
pub fn bars(
    config: &Config,
    mut p: Practice,
    files: StoryFiles,
    state: &AssessmentState,
    portfolio: &Portfolio,
    due: &[Due],
) -> Vec<Bar> {
    let w = &config.weights;
    let t = &config.targets;
    let days = config.window_days;

    let volume = component(
        "coding_volume",
        "Coding volume",
        p.solved as f64 / t.coding_problems,
        &w.technical,
        format!("{} of {} problems solved in the last {days} days", p.solved, t.coding_problems),
        p.coding_files.clone(),
    );
    let pace = component(
        "coding_pace",
        "Coding pace",
        if p.mediums == 0 { 0.0 } else { p.mediums_in_pace as f64 / p.mediums as f64 },
        &w.technical,
        if p.mediums == 0 {
            format!("no medium solved in the last {days} days")
        } else {
            format!("{} of {} solved mediums within {} min", p.mediums_in_pace, p.mediums, t.pace_minutes)
        },
        p.coding_files.clone(),
    );
    let design = component(
        "design_practice",
        "Design practice",
        p.design_credit / t.designs,
        &w.technical,
        if p.small_designs > 0 {
            format!(
                "credit {} of {} from {} complete designs in the last {days} days ({} below {} scale or without one, counted half)",
                p.design_credit,
                t.designs,
                p.designs.len(),
                p.small_designs,
                config.profile.target_level
            )
        } else {
            format!("{} of {} complete designs in the last {days} days", p.designs.len(), t.designs)
        },
        std::mem::take(&mut p.designs),
    );
    // Readiness repeats design practice; its copy is made here so the component itself
    // moves into the bar (the file list can hold every design note).
    let readiness_design =
        component("design", "Design practice", design.value, &w.readiness, design.detail.clone(), design.files.clone());
    let technical = bar(
        "technical",
        "Technical Skills",
        vec![volume.clone(), pace.clone(), design, self_rating(state, Category::Technical, &w.technical)],
    );

    let covered: f64 = portfolio.scenarios.iter().map(|s| s.credit).sum();
    let coverage = component(
        "scenario_coverage",
        "Scenario coverage",
        covered / 5.0,
        &w.behavioral,
        format!(
            "{} of 5 scenarios with a ready story, {} more with a refined one",
            portfolio.scenarios.iter().filter(|s| s.credit >= 1.0).count(),
            portfolio.scenarios.iter().filter(|s| s.credit == 0.5).count()
        ),
        files.strong,
    );
    let depth_sum: f64 = portfolio.principles.iter().map(|r| (r.strong as f64 / t.stories_per_lp).min(1.0)).sum();
    let depth = component(
        "lp_depth",
        "Principle depth",
        depth_sum / 16.0,
        &w.behavioral,
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
        "story_quality",
        "Story quality",
        quality_value,
        &w.behavioral,
        if n == 0 { "no stories yet".into() } else { quality_detail(n, flawless) },
        files.all,
    );
    let ready: Vec<&StoryView> = portfolio.views().filter(|s| s.status == StoryStatus::Ready).collect();
    let ready_ids: IdSet<&str> = ready.iter().map(|s| s.id.as_str()).collect();
    let overdue =
        due.iter().filter(|d| ready_ids.contains(d.story.as_str()) && (d.overdue_days > 0 || d.last.is_none())).count();
    let current = ready.len() - overdue;
    let rehearsal = component(
        "rehearsal",
        "Rehearsal",
        if ready.is_empty() { 0.0 } else { current as f64 / ready.len() as f64 },
        &w.behavioral,
        if ready.is_empty() {
            "no ready stories to rehearse".into()
        } else {
            format!("{current} of {} ready stories rehearsed and not overdue", ready.len())
        },
        files.ready,
    );
    let behavioral = bar(
        "behavioral",
        "Behavioral Stories",
        vec![coverage, depth, quality, rehearsal, self_rating(state, Category::Leadership, &w.behavioral)],
    );

    let breadth_count = portfolio.principles.iter().filter(|r| !r.stories.is_empty()).count();
    let breadth = component(
        "lp_breadth",
        "Principle breadth",
        breadth_count as f64 / 16.0,
        &w.cultural,
        format!("{breadth_count} of 16 principles have at least one story"),
        files.with_principles,
    );
    let cultural =
        bar("cultural", "Cultural Alignment", vec![breadth, self_rating(state, Category::Cultural, &w.cultural)]);

    let coding_value = (volume.value + pace.value) / 2.0;
    let mut coding_files = p.coding_files.clone();
    coding_files.dedup();
    let readiness_parts = vec![
        component(
            "behavioral",
            "Behavioral Stories",
            behavioral.value,
            &w.readiness,
            format!("the Behavioral Stories bar, {}%", behavioral.percent),
            Vec::new(),
        ),
        readiness_design,
        component(
            "coding",
            "Coding",
            coding_value,
            &w.readiness,
            format!("mean of coding volume ({:.0}%) and pace ({:.0}%)", volume.value * 100.0, pace.value * 100.0),
            coding_files,
        ),
    ];
    let mut readiness = bar("readiness", "Interview Readiness", readiness_parts);
    let factor = mock_factor(p.mocks.len(), t.mocks);
    readiness.value = r4(readiness.value * factor);
    readiness.percent = (readiness.value * 100.0).round() as u32;
    readiness.multiplier =
        Some(Multiplier { factor: r4(factor), mocks: p.mocks.len(), target: t.mocks, files: p.mocks.into() });
    vec![technical, behavioral, cultural, readiness]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_factor_steps() {
        assert_eq!(mock_factor(0, 3.0), 0.7);
        assert!((mock_factor(1, 3.0) - 0.8).abs() < 1e-9);
        assert!((mock_factor(3, 3.0) - 1.0).abs() < 1e-9);
        assert!((mock_factor(9, 3.0) - 1.0).abs() < 1e-9);
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
