//! The design checklist: which parts of a design interview a design note covers
//! (requirements, estimates, API, data model, architecture, deep dives, trade-offs)
//! and whether it reaches the target level's scale. A design counts as complete only
//! when it is marked complete *and* the checklist holds; `check` and the dashboard's
//! problems list the missing parts as `design/…` warnings.

use serde::Serialize;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::note::kinds::{Design, DesignStatus};
use crate::note::markdown::Section;
use crate::note::Note;

/// Words a part needs under its heading to count as written, not just named.
pub const MIN_WORDS: usize = 12;

/// One part of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// What the system does.
    FunctionalRequirements,
    /// Latency, availability, durability, consistency.
    NonFunctionalRequirements,
    /// Traffic, storage and bandwidth arithmetic.
    Estimates,
    /// The calls that matter.
    Api,
    /// Entities, keys and where they live.
    DataModel,
    /// The components and the path of a request.
    HighLevel,
    /// The hard components and the bottlenecks.
    DeepDives,
    /// What was chosen and what was given up.
    TradeOffs,
}

impl Part {
    /// Every part, in the order a design interview takes them.
    pub const ALL: [Part; 8] = [
        Part::FunctionalRequirements,
        Part::NonFunctionalRequirements,
        Part::Estimates,
        Part::Api,
        Part::DataModel,
        Part::HighLevel,
        Part::DeepDives,
        Part::TradeOffs,
    ];

    /// The diagnostic code.
    pub fn code(self) -> &'static str {
        match self {
            Part::FunctionalRequirements => "design/functional-requirements",
            Part::NonFunctionalRequirements => "design/non-functional-requirements",
            Part::Estimates => "design/estimates",
            Part::Api => "design/api",
            Part::DataModel => "design/data-model",
            Part::HighLevel => "design/high-level",
            Part::DeepDives => "design/deep-dives",
            Part::TradeOffs => "design/trade-offs",
        }
    }

    /// The part's name in messages.
    pub fn label(self) -> &'static str {
        match self {
            Part::FunctionalRequirements => "functional requirements",
            Part::NonFunctionalRequirements => "non-functional requirements",
            Part::Estimates => "scale estimates",
            Part::Api => "an API",
            Part::DataModel => "a data model",
            Part::HighLevel => "a high-level architecture",
            Part::DeepDives => "deep dives into the bottlenecks",
            Part::TradeOffs => "trade-offs",
        }
    }

    /// What to write, for the hint.
    fn hint(self) -> &'static str {
        match self {
            Part::FunctionalRequirements => "under `## Requirements` (or `## Functional requirements`), list what users can do",
            Part::NonFunctionalRequirements => {
                "name the latency, availability, durability or consistency the system needs, under the requirements or their own heading"
            }
            Part::Estimates => "add `## Estimates` with the traffic, storage or bandwidth arithmetic, numbers included",
            Part::Api => "add `## API` with the calls that matter, their inputs and outputs",
            Part::DataModel => "add `## Data model` with the entities, their keys and where they are stored",
            Part::HighLevel => "add `## High-level design` with the components and the path of a request",
            Part::DeepDives => "add `## Deep dives` on two or three components where the bottlenecks are",
            Part::TradeOffs => "add `## Trade-offs`: what you chose, what you gave up, what would change your mind",
        }
    }

    /// Words in a heading that name this part.
    fn names(self) -> &'static [&'static str] {
        match self {
            Part::FunctionalRequirements => &["requirement", "functional", "features", "use case"],
            Part::NonFunctionalRequirements => &["non-functional", "nonfunctional", "non functional", "nfr", "quality"],
            Part::Estimates => &["estimate", "capacity", "back-of", "envelope", "sizing", "numbers"],
            Part::Api => &["api", "interface", "endpoint"],
            Part::DataModel => &["data model", "schema", "storage", "database", "data"],
            Part::HighLevel => &["high-level", "high level", "architecture", "overview", "components"],
            Part::DeepDives => &["deep dive", "deep-dive", "bottleneck", "scaling", "hot spot"],
            Part::TradeOffs => &["trade-off", "tradeoff", "trade off", "alternative"],
        }
    }
}

/// Words that show non-functional requirements inside a requirements section.
const QUALITIES: [&str; 8] =
    ["latency", "availability", "available", "durab", "consisten", "throughput", "p99", "uptime"];

/// What the checklist found in one design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checklist {
    /// The parts it lacks, in interview order.
    pub missing: Vec<Part>,
    /// Whether its `scale:` reaches the target level's.
    pub at_scale: bool,
}

impl Checklist {
    /// Every part present and the level's scale reached.
    pub fn holds(&self) -> bool {
        self.missing.is_empty() && self.at_scale
    }
}

/// Whether a section's heading names `part`.
fn names(section: &Section, part: Part) -> bool {
    let title = section.title.to_lowercase();
    let non = Part::NonFunctionalRequirements.names().iter().any(|n| title.contains(n));
    match part {
        // "Non-functional requirements" names the non-functional part only.
        Part::FunctionalRequirements => !non && part.names().iter().any(|n| title.contains(n)),
        _ => part.names().iter().any(|n| title.contains(n)),
    }
}

/// Whether the body covers `part`: a heading that names it over enough words (the
/// estimates also need a number); the non-functional requirements may instead be
/// named in the requirements' own text.
fn covers(sections: &[Section], part: Part) -> bool {
    let written = |s: &&Section| names(s, part) && s.words >= MIN_WORDS;
    match part {
        Part::Estimates => sections.iter().filter(written).any(|s| s.text.chars().any(|c| c.is_ascii_digit())),
        Part::NonFunctionalRequirements => {
            sections.iter().any(|s| written(&s))
                || sections.iter().filter(|s| names(s, Part::FunctionalRequirements)).any(|s| {
                    let text = s.text.to_lowercase();
                    QUALITIES.iter().filter(|q| text.contains(*q)).count() >= 2
                })
        }
        _ => sections.iter().any(|s| written(&s)),
    }
}

/// The checklist of a design note.
pub fn checklist(config: &Config, note: &Note, design: &Design) -> Checklist {
    let missing = Part::ALL.into_iter().filter(|p| !covers(&note.body.sections, *p)).collect();
    let at_scale = design.scale.is_some_and(|s| s >= config.profile.target_level.design_scale());
    Checklist { missing, at_scale }
}

/// Whether a design counts as complete: marked so and its checklist holds.
pub fn credited(config: &Config, note: &Note, design: &Design) -> bool {
    design.status == Some(DesignStatus::Complete) && checklist(config, note, design).holds()
}

/// The `design/…` warnings of a design marked complete: one per missing part, and
/// `design/scale` when it does not reach the level's scale. An outline has none: it
/// is not claimed to be finished.
pub fn diagnostics(config: &Config, note: &Note, design: &Design) -> Vec<Diagnostic> {
    if design.status != Some(DesignStatus::Complete) || note.example {
        return Vec::new();
    }
    let list = checklist(config, note, design);
    let line = note.body_line.max(1);
    let mut out: Vec<Diagnostic> = list
        .missing
        .iter()
        .map(|p| {
            Diagnostic::warning(
                &note.path,
                p.code(),
                format!("marked complete but lacks {}: counted as an outline", p.label()),
            )
            .at(line, 1)
            .hint(p.hint())
        })
        .collect();
    if !list.at_scale {
        let level = config.profile.target_level;
        out.push(
            Diagnostic::warning(
                &note.path,
                "design/scale",
                format!("marked complete but its `scale:` is below {level} scale or missing: counted as an outline"),
            )
            .at(line, 1)
            .hint(format!("design for {}M users or more and say so in `scale:`", level.design_scale() / 1_000_000)),
        );
    }
    out
}
