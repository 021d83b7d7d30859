//! The STAR checks: what makes a behavioral story hold up in an L6/L7 loop. Each
//! check is a named finding with a stable code, so it can be linted on its own.

pub mod formats;
pub mod message;
pub mod metric;
pub mod narrative;
pub mod scope;
mod vocabulary;

use jiff::civil::Date;
use serde::Serialize;

use crate::domain::principles::Scenario;
use crate::domain::tracks::Level;
use crate::note::kinds::Story;
use crate::note::markdown::Body;
use formats::Piece;
use message::{Message, Missing};

// The parts are the story's own (its note keeps which it wrote); the checks read them.
pub use crate::note::part::Part;
// The checks' names are read by the front matter too (`silence:`).
pub use crate::note::checks::{code_of, severity, CODES};

/// Thresholds of the STAR checks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StarThresholds {
    /// Speaking pace used to turn words into minutes.
    pub words_per_minute: f64,
    /// Shortest comfortable telling.
    pub min_minutes: f64,
    /// Longest comfortable telling.
    pub max_minutes: f64,
    /// A story older than this many years is flagged.
    pub recency_years: i16,
}

/// The outcome of one check on one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `star/no-metric`.
    pub code: &'static str,
    /// Whether the story passes.
    pub passed: bool,
    /// What was found.
    pub message: Message,
    /// What to do about it (when failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Message>,
    /// The file line the finding points at (a model keeps eight findings for each
    /// story: `u32`, like the message's figures, keeps them small).
    pub line: u32,
}

pub(crate) use narrative::ascii_word;
pub use narrative::{pronouns, sentence_pronouns, states_learning, unquoted};

/// Whether a text states a measurable result (money, a percentage, a duration, a
/// count…), not merely a year, a quarter or a version: see [`metric`].
pub use metric::has_metric;

/// Where a STAR part was found and how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
struct PartFacts {
    words: usize,
    line: usize,
}

/// What the STAR checks read from a story's text. It depends on the note alone (its
/// body and front matter), so `note::parse` computes it once per note and every model
/// built afterwards only applies the configured thresholds and date to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Analysis {
    /// Situation, task, action, result and learnings, in that order.
    parts: [Option<PartFacts>; 5],
    /// Whether any part was found at all.
    found: bool,
    /// The Result states a measurable figure that is not only a restated Task or
    /// Situation figure (see `metric`).
    metric: bool,
    /// "I" and "we" in the Action, narrative only.
    pronouns: (usize, usize),
    /// Figures show L6 scope and L7 scope (see `scope`).
    scope: (bool, bool),
    /// The story states a lesson somewhere.
    learned: bool,
}

fn slot(part: Part) -> usize {
    match part {
        Part::Situation => 0,
        Part::Task => 1,
        Part::Action => 2,
        Part::Result => 3,
        Part::Learnings => 4,
    }
}

/// The STAR parts of a story: those its body writes, then those its front matter
/// holds (`situation:`, `task:`, `action:`, `result:`, `learnings:`) that the body
/// does not. `body` starts on file line `body_line`.
pub fn pieces(story: &Story, body: &str, body_line: usize) -> Vec<Piece> {
    let mut out = formats::find(body, body_line);
    for (part, text, line) in &story.written_parts {
        if !out.iter().any(|p| p.part == *part || p.also.contains(part)) {
            let words = crate::note::markdown::count_words(text);
            out.push(Piece { part: *part, also: Vec::new(), line: *line, end: *line + 1, text: text.clone(), words });
        }
    }
    out
}

/// A part's text among pieces ("" when absent).
pub fn text_of(pieces: &[Piece], part: Part) -> &str {
    pieces.iter().find(|p| p.part == part).map_or("", |p| p.text.as_str())
}

impl Analysis {
    /// Reads a story's body (the text after its front matter, starting on file line
    /// `body_line`) and front matter for the checks.
    pub fn read(story: &Story, body: &str, body_line: usize) -> Self {
        Analysis::of_pieces(story, &pieces(story, body, body_line))
    }

    /// Reads a story from an already parsed body's sections (headings and labels
    /// only), for a note whose source is gone.
    pub fn of(story: &Story, body: &Body) -> Self {
        let pieces: Vec<Piece> = body
            .sections
            .iter()
            .filter_map(|s| {
                let part = Part::of(&s.title)?;
                Some(Piece {
                    part,
                    also: Vec::new(),
                    line: s.line,
                    end: s.line + 1,
                    text: s.text.clone(),
                    words: s.words,
                })
            })
            .collect();
        Analysis::of_pieces(story, &pieces)
    }

    /// The analysis of a story's parts.
    pub fn of_pieces(story: &Story, pieces: &[Piece]) -> Self {
        let mut parts = [None; 5];
        for p in pieces {
            let facts = parts[slot(p.part)].get_or_insert(PartFacts { words: 0, line: p.line });
            facts.words += p.words;
            for also in &p.also {
                parts[slot(*also)].get_or_insert(PartFacts { words: 0, line: p.line });
            }
        }
        let text = |p: Part| text_of(pieces, p);
        let context = format!("{}\n{}", text(Part::Situation), text(Part::Task));
        let all_text: String =
            pieces.iter().map(|p| p.text.as_str()).chain(story.impact.as_deref()).collect::<Vec<_>>().join("\n");
        let closing = format!("{}\n{}", text(Part::Result), text(Part::Learnings));
        let scope = scope::Scope::of(&all_text);
        Analysis {
            parts,
            found: !pieces.is_empty(),
            metric: !metric::result_figures(text(Part::Result), &context).is_empty(),
            pronouns: pronouns(text(Part::Action)),
            scope: (scope.l6.is_some(), scope.l7.is_some()),
            learned: !text(Part::Learnings).trim().is_empty() || states_learning(&all_text, &closing),
        }
    }

    fn words(&self, part: Part) -> usize {
        self.parts[slot(part)].map_or(0, |p| p.words)
    }

    /// A part has words, or its label names it together with another part.
    fn written(&self, part: Part) -> bool {
        self.parts[slot(part)].is_some_and(|p| p.words > 0 || self.shares(part))
    }

    /// A part named together with another one (`## Situation and Task`): present,
    /// with its words counted under the first.
    fn shares(&self, part: Part) -> bool {
        let Some(facts) = self.parts[slot(part)] else { return false };
        facts.words == 0
            && self
                .parts
                .iter()
                .enumerate()
                .any(|(i, p)| i != slot(part) && p.is_some_and(|q| q.line == facts.line && q.words > 0))
    }

    /// First-person singular and plural words in the Action: ("I", "we").
    pub fn pronouns(&self) -> (usize, usize) {
        self.pronouns
    }

    /// Whether any STAR part was found in the story.
    pub fn found(&self) -> bool {
        self.found
    }

    /// Words of the spoken story: the four parts plus learnings.
    pub fn spoken_words(&self) -> usize {
        self.parts.iter().flatten().map(|p| p.words).sum()
    }

    /// Runs every STAR check. `body_line` is where the body starts (findings about the
    /// whole story point there).
    pub fn findings(
        &self,
        story: &Story,
        body_line: usize,
        level: Level,
        today: Date,
        t: &StarThresholds,
    ) -> Vec<Finding> {
        let mut out = Vec::with_capacity(8);
        let line_of = |p: Part| self.parts[slot(p)].map_or(body_line, |s| s.line);
        let mut push = |code, passed, message, hint: Message, line: usize| {
            let hint = if passed { None } else { Some(hint) };
            out.push(Finding { code, passed, message, hint, line: line as u32 });
        };

        if self.found {
            self.part_findings(story, t, body_line, &line_of, &mut push);
        } else {
            // Nothing to read the parts from: one finding, not one per part, and no
            // check that needs the parts.
            push("star/missing-section", false, Message::NoParts, Message::Formats, body_line);
        }

        if let Some(h) = story.happened {
            let limit = today.checked_sub(jiff::Span::new().years(i64::from(t.recency_years))).unwrap_or(today);
            push(
                "star/stale",
                h.last_day() >= limit,
                Message::Happened(h),
                Message::RecentYears(t.recency_years),
                body_line,
            );
        }

        let fits = match level {
            Level::L6 => self.scope.0,
            Level::L7 => self.scope.1,
        };
        // Without parts there is no text to judge the scope from.
        if self.found {
            push(
                "star/scope",
                fits,
                if fits { Message::ScopeFits(level) } else { Message::NoScope(level) },
                Message::ScopeHint(level),
                body_line,
            );
        }
        // A silenced check is left out, so it weighs neither way on the story's quality.
        if !story.silenced.is_empty() {
            out.retain(|f| !story.silenced.contains(&f.code));
        }
        out
    }

    /// The checks that read the parts.
    fn part_findings(
        &self,
        story: &Story,
        t: &StarThresholds,
        body_line: usize,
        line_of: &dyn Fn(Part) -> usize,
        push: &mut dyn FnMut(&'static str, bool, Message, Message, usize),
    ) {
        let required = [Part::Situation, Part::Task, Part::Action, Part::Result];
        let missing = Missing::of(required.map(|p| !self.written(p)));
        push(
            "star/missing-section",
            missing.is_empty(),
            if missing.is_empty() {
                Message::Text("all four STAR sections are written")
            } else {
                Message::Missing(missing)
            },
            Message::AddSections(missing),
            missing.parts().next().map_or(body_line, line_of),
        );

        let metric = self.metric;
        push(
            "star/no-metric",
            metric,
            Message::Text(if metric {
                "the Result states a measurable figure"
            } else {
                "the Result has no measurable figure"
            }),
            Message::Text(
                "quantify the impact: a percentage, money, time saved, or a count (users, incidents, engineers)",
            ),
            line_of(Part::Result),
        );

        let (i, we) = self.pronouns;
        push(
            "star/we-not-i",
            i > 0 && i >= we,
            Message::Pronouns { i: i as u32, we: we as u32 },
            Message::Text("say what you did yourself: rewrite \"we decided\" as \"I proposed … and got agreement\""),
            line_of(Part::Action),
        );

        let words = self.spoken_words();
        let minutes = words as f64 / t.words_per_minute;
        let (lo, hi) = (t.min_minutes * t.words_per_minute, t.max_minutes * t.words_per_minute);
        let too_long = minutes > t.max_minutes;
        push(
            if too_long { "star/too-long" } else { "star/too-short" },
            minutes >= t.min_minutes && minutes <= t.max_minutes,
            Message::Length { words: words as u32, pace: t.words_per_minute },
            if too_long { Message::CutTo(hi) } else { Message::AimFor(lo, hi) },
            body_line,
        );

        let action_words = self.words(Part::Action);
        let largest =
            [Part::Situation, Part::Task, Part::Result, Part::Learnings].iter().all(|p| self.words(*p) <= action_words)
                && action_words > 0;
        push(
            "star/action-not-largest",
            largest,
            Message::ActionWords(action_words as u32),
            Message::Text("the Action should be the longest part: shorten the set-up, expand the decisions you made"),
            line_of(Part::Action),
        );

        if story.scenario == Some(Scenario::FailureAndLearning) {
            let learned = self.learned;
            push(
                "star/no-learning",
                learned,
                Message::Text(if learned {
                    "the failure story says what you learned"
                } else {
                    "a failure story without a learning"
                }),
                Message::Text("say what you learned and what you do differently since, with an example"),
                line_of(Part::Learnings),
            );
        }
    }
}

/// Runs every STAR check on a story's body text (after the front matter, starting on
/// file line `body_line`). The model uses the [`Analysis`] stored on the note instead.
pub fn check(
    story: &Story,
    body: &str,
    body_line: usize,
    level: Level,
    today: Date,
    t: &StarThresholds,
) -> Vec<Finding> {
    Analysis::read(story, body, body_line).findings(story, body_line, level, today, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thresholds() -> StarThresholds {
        StarThresholds { words_per_minute: 140.0, min_minutes: 2.0, max_minutes: 3.0, recency_years: 3 }
    }

    #[test]
    fn a_thin_we_story_fails_the_right_checks() {
        let body =
            "## Situation\nThings were slow.\n## Task\nFix it.\n## Action\nWe fixed it.\n## Result\nIt was faster.\n";
        let story = Story { happened: crate::note::kinds::PartialDate::parse("2019"), ..Story::default() };
        let f = check(&story, body, 6, Level::L6, "2026-11-25".parse().unwrap(), &thresholds());
        let failed: Vec<_> = f.iter().filter(|f| !f.passed).map(|f| f.code).collect();
        assert_eq!(failed, vec!["star/no-metric", "star/we-not-i", "star/too-short", "star/stale", "star/scope"]);
        assert_eq!(f.iter().find(|f| f.code == "star/we-not-i").unwrap().line, 10);
    }
}
