//! What the design checklist reads from a design's body: which parts of a design
//! interview (requirements, estimates, API, data model, architecture, deep dives,
//! trade-offs) its sections cover. It depends on the note alone, so `note::parse`
//! reads it once into a [`Coverage`] and the note keeps no section text;
//! `score::design` adds the target level's scale and the warnings.

use serde::{Deserialize, Serialize};

use crate::note::markdown::Section;

/// Words a part needs under its heading to count as written, not just named.
pub const MIN_WORDS: usize = 12;

/// One part of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[repr(u8)]
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
    pub fn hint(self) -> &'static str {
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

/// The parts of the checklist a design's body covers: one bit per [`Part`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage(u8);

impl Coverage {
    /// What the sections of a design's body cover.
    pub fn read(sections: &[Section]) -> Coverage {
        Coverage(Part::ALL.into_iter().filter(|p| covers(sections, *p)).fold(0, |bits, p| bits | 1 << p as u8))
    }

    /// Whether the body covers `part`.
    pub fn covers(self, part: Part) -> bool {
        self.0 & (1 << part as u8) != 0
    }

    /// The parts not covered, in interview order.
    pub fn missing(self) -> impl Iterator<Item = Part> {
        Part::ALL.into_iter().filter(move |p| !self.covers(*p))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn section(title: &str, text: &str) -> Section {
        let words = crate::note::markdown::count_words(text);
        Section { title: title.into(), level: 2, line: 1, text: text.into(), words }
    }

    #[test]
    fn coverage_keeps_what_the_sections_cover() {
        let long = "one two three four five six seven eight nine ten eleven twelve";
        let sections = [
            section("Requirements", &format!("{long}; low latency and high availability")),
            section("Estimates", &format!("{long} at 40k requests a second")),
            section("API", "too short"),
        ];
        let c = Coverage::read(&sections);
        assert!(c.covers(Part::FunctionalRequirements));
        assert!(c.covers(Part::NonFunctionalRequirements));
        assert!(c.covers(Part::Estimates));
        assert!(!c.covers(Part::Api));
        assert_eq!(c.missing().next(), Some(Part::Api));
        assert_eq!(c.missing().count(), 5);
        assert_eq!(Coverage::read(&[]).missing().collect::<Vec<_>>(), Part::ALL);
    }
}
