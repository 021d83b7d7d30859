//! Mock interviews run in the terminal (`systemcraft mock`): the [`Agenda`] of a
//! kind of mock (its timed phases and what each asks), the [`session`] that times
//! the phases and collects the ratings and notes, and the [`note`] it is recorded in.
//!
//! Everything here is pure: the agenda comes from the kind, the target level, the
//! story portfolio (a behavioral round asks about the weakest principles) and the
//! number of mocks already recorded (which rotates the questions); the session is
//! driven by the key presses and elapsed times its caller feeds it.

pub mod note;
pub mod questions;
pub mod session;

use std::fmt::Write as _;

use crate::config::Config;
use crate::domain::principles::Principle;
use crate::note::kinds::MockKind;
use crate::score::portfolio::Portfolio;

/// One timed phase of a mock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    /// Its name.
    pub name: String,
    /// Minutes it is given.
    pub minutes: u32,
    /// What to do in it, or the question to answer.
    pub prompt: String,
    /// The area its rating goes to (`behavioral`, `system-design`, `coding`).
    pub area: MockKind,
    /// The principle a behavioral question probes.
    pub principle: Option<Principle>,
}

/// A mock interview's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    /// What it covers.
    pub kind: MockKind,
    /// The phases, in order.
    pub phases: Vec<Phase>,
}

/// The area every mock is also rated on.
pub const COMMUNICATION: &str = "communication";

/// Principles a behavioral round asks about.
const BEHAVIORAL_QUESTIONS: usize = 4;
/// Principles a full loop asks about.
const LOOP_QUESTIONS: usize = 2;

/// The principles with the least backing, weakest first: fewest refined-or-ready
/// stories, then fewest stories at all, then the canonical order.
pub fn weakest_principles(portfolio: &Portfolio) -> Vec<Principle> {
    let mut rows: Vec<(usize, usize, usize, Principle)> = portfolio
        .principles
        .iter()
        .map(|r| {
            let order = Principle::ALL.iter().position(|p| *p == r.principle).unwrap_or(0);
            (r.strong, r.stories.len(), order, r.principle)
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, _, _, p)| p).collect()
}

fn phase(name: &str, minutes: u32, area: MockKind, prompt: impl Into<String>) -> Phase {
    Phase { name: name.into(), minutes, prompt: prompt.into(), area, principle: None }
}

fn behavioral_phases(weakest: &[Principle], count: usize, round: usize, minutes: u32) -> Vec<Phase> {
    weakest
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, p)| Phase {
            name: format!("{} question", p.label()),
            minutes,
            prompt: questions::behavioral(*p)[(round + i) % 2].to_string(),
            area: MockKind::Behavioral,
            principle: Some(*p),
        })
        .collect()
}

impl Agenda {
    /// The agenda of a `kind` of mock. `weakest` are the principles to ask about,
    /// weakest first ([`weakest_principles`]); `round` is the number of mocks
    /// already recorded, which picks the questions and problems in rotation.
    pub fn new(kind: MockKind, config: &Config, weakest: &[Principle], round: usize) -> Agenda {
        let design_problem = questions::design(round, config.profile.target_level);
        // A coding round asks two problems, as the plan's coding mock says.
        let coding_problem = questions::coding(2 * round);
        let second_problem = questions::coding(2 * round + 1);
        let sd = MockKind::SystemDesign;
        let code = MockKind::Coding;
        let phases = match kind {
            MockKind::Behavioral => {
                let mut p = behavioral_phases(weakest, BEHAVIORAL_QUESTIONS, round, 10);
                p.push(phase(
                    "Your questions",
                    5,
                    MockKind::Behavioral,
                    "Ask the interviewer two questions about the team and the role.",
                ));
                p
            }
            MockKind::SystemDesign => vec![
                phase("Requirements", 8, sd, format!("{design_problem} Pin down the functional and non-functional requirements, and what is out of scope.")),
                phase("Estimates", 5, sd, "Estimate traffic, storage and bandwidth; say which number drives the design."),
                phase("High-level design", 12, sd, "Draw the main components and the data flow; choose the data stores and say why."),
                phase("Deep dive", 15, sd, "Take the hardest part (the interviewer may choose): scaling, consistency, failure handling, hot spots."),
                phase("Wrap-up", 5, sd, "Name the bottlenecks left, what you would monitor, and what you would build next."),
            ],
            MockKind::Coding => vec![
                phase("First problem: clarify and approach", 5, code, format!("{coding_problem} Ask about inputs, sizes and edge cases, then state a brute force and a better approach with its cost.")),
                phase("First problem: code and test", 15, code, "Write it, talking through each step, then walk an example and the edge cases by hand."),
                phase("Second problem: clarify and approach", 5, code, format!("{second_problem} Same again, a little faster: questions first, then the approach and its cost.")),
                phase("Second problem: code and test", 15, code, "Write it aloud and test it by hand; fix what you find."),
                phase("Follow-ups", 5, code, "Discuss how either solution changes if the input no longer fits in memory."),
            ],
            MockKind::FullLoop => {
                let mut p = behavioral_phases(weakest, LOOP_QUESTIONS, round, 10);
                p.extend([
                    phase("Design: requirements and estimates", 10, sd, format!("{design_problem} Agree on requirements and the numbers that matter.")),
                    phase("Design: high-level and deep dive", 25, sd, "Sketch the components, then go deep on the hardest one."),
                    phase("Coding: approach", 5, code, format!("{coding_problem} Clarify, then state your approach and its cost.")),
                    phase("Coding: code and test", 25, code, "Write the solution aloud and test it by hand."),
                ]);
                p
            }
        };
        Agenda { kind, phases }
    }

    /// Minutes of every phase added up.
    pub fn minutes(&self) -> u32 {
        self.phases.iter().map(|p| p.minutes).sum()
    }

    /// The areas to rate after the mock: each area its phases cover, in the order
    /// behavioral, system design, coding, then communication.
    pub fn areas(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = [MockKind::Behavioral, MockKind::SystemDesign, MockKind::Coding]
            .into_iter()
            .filter(|k| self.phases.iter().any(|p| p.area == *k))
            .map(MockKind::slug)
            .collect();
        out.push(COMMUNICATION);
        out
    }

    /// The agenda as text, for `--dry-run` and the start of a run.
    pub fn describe(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{} mock, {} phases, {} minutes:", title(self.kind), self.phases.len(), self.minutes());
        for (i, p) in self.phases.iter().enumerate() {
            let _ = writeln!(o, "  {}. {} ({} min): {}", i + 1, p.name, p.minutes, p.prompt);
        }
        let _ = writeln!(o, "Rated afterwards from 1 to 5: {}.", self.areas().join(", "));
        o
    }
}

/// The kind's name with a capital: `System design`.
pub fn title(kind: MockKind) -> String {
    let label = kind.label();
    let mut c = label.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn config() -> Config {
        Config::defaults(PathBuf::from("."), "2026-11-25".parse().unwrap())
    }

    #[test]
    fn each_kind_has_its_phases_and_areas() {
        let weakest = [Principle::Frugality, Principle::ThinkBig, Principle::DiveDeep, Principle::EarnTrust];
        let sd = Agenda::new(MockKind::SystemDesign, &config(), &weakest, 0);
        let names: Vec<&str> = sd.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Requirements", "Estimates", "High-level design", "Deep dive", "Wrap-up"]);
        assert_eq!(sd.minutes(), 45);
        assert!(sd.phases[0].prompt.contains("10 million users"), "{}", sd.phases[0].prompt);
        assert_eq!(sd.areas(), ["system-design", "communication"]);
        let b = Agenda::new(MockKind::Behavioral, &config(), &weakest, 1);
        let asked: Vec<Option<Principle>> = b.phases.iter().map(|p| p.principle).collect();
        assert_eq!(asked[..4], weakest.map(Some));
        assert_eq!(b.phases[0].prompt, questions::behavioral(Principle::Frugality)[1]);
        let lp = Agenda::new(MockKind::FullLoop, &config(), &weakest, 0);
        assert_eq!(lp.areas(), ["behavioral", "system-design", "coding", "communication"]);
        assert!(lp.describe().starts_with("Full loop mock, 6 phases, 85 minutes:\n"), "{}", lp.describe());
    }
}
