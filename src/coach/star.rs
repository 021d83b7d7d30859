//! The STAR checks: what makes a behavioral story hold up in an L6/L7 loop. Each
//! check is a named finding with a stable code, so it can be linted on its own.

use jiff::civil::Date;
use serde::Serialize;

use super::message::{Message, Missing};
use crate::config::StarThresholds;
use crate::domain::principles::Scenario;
use crate::domain::tracks::Level;
use crate::note::kinds::Story;
use crate::note::markdown::{Body, Section};

/// The parts of a STAR story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// What was going on.
    Situation,
    /// What you had to achieve.
    Task,
    /// What you did.
    Action,
    /// What came of it.
    Result,
    /// What you took away.
    Learnings,
}

impl Part {
    /// The part a section heading names, in the forms people write.
    pub fn of(title: &str) -> Option<Part> {
        let t = crate::domain::normalise(title);
        let t = t.trim_end_matches('-');
        match t {
            "s" | "situation" | "context" | "background" | "the-situation" => Some(Part::Situation),
            "t" | "task" | "the-task" | "goal" | "challenge" | "problem" => Some(Part::Task),
            "a" | "action" | "actions" | "the-action" | "what-i-did" => Some(Part::Action),
            "r" | "result" | "results" | "the-result" | "outcome" | "outcomes" | "impact" => Some(Part::Result),
            "l" | "learning" | "learnings" | "lessons" | "lessons-learned" | "lesson" | "reflection"
            | "what-i-learned" => Some(Part::Learnings),
            _ => None,
        }
    }

    /// The heading to suggest.
    pub fn heading(self) -> &'static str {
        match self {
            Part::Situation => "## Situation",
            Part::Task => "## Task",
            Part::Action => "## Action",
            Part::Result => "## Result",
            Part::Learnings => "## Learnings",
        }
    }
}

/// Every STAR check's code, in the order the checks run.
pub const CODES: [&str; 9] = [
    "star/missing-section",
    "star/no-metric",
    "star/we-not-i",
    "star/too-short",
    "star/too-long",
    "star/action-not-largest",
    "star/no-learning",
    "star/stale",
    "star/scope",
];

/// The code a user means by `too-long`, `star/too-long` or `Too Long`.
pub fn code_of(name: &str) -> Option<&'static str> {
    let n = crate::domain::normalise(name);
    let n = n.strip_prefix("star-").unwrap_or(&n);
    CODES.iter().copied().find(|c| c.trim_start_matches("star/") == n)
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
    /// The file line the finding points at.
    pub line: usize,
}

/// The STAR sections found in a story body.
pub struct Star<'a> {
    sections: Vec<(Part, &'a Section)>,
}

impl<'a> Star<'a> {
    /// Finds the STAR parts among a body's sections (the first of each).
    pub fn of(body: &'a Body) -> Self {
        let mut sections: Vec<(Part, &Section)> = Vec::new();
        for s in &body.sections {
            if let Some(p) = Part::of(&s.title) {
                if !sections.iter().any(|(q, _)| *q == p) {
                    sections.push((p, s));
                }
            }
        }
        Star { sections }
    }

    /// A part's section.
    pub fn get(&self, part: Part) -> Option<&'a Section> {
        self.sections.iter().find(|(p, _)| *p == part).map(|(_, s)| *s)
    }

    /// Words of the spoken story: the four parts plus learnings.
    pub fn spoken_words(&self) -> usize {
        self.sections.iter().map(|(_, s)| s.words).sum()
    }
}

/// Lower-cases a short ASCII word into `buf` (`’` read as `'`); `None` for a word
/// longer than `buf` or with another non-ASCII character. No word the checks look for
/// is long or non-ASCII, and no non-ASCII character lower-cases to a letter they use,
/// so a `None` word never matches.
fn ascii_word<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '’' => b'\'',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// Counts first-person singular and plural pronouns in a text.
pub fn pronouns(text: &str) -> (usize, usize) {
    let mut i = 0;
    let mut we = 0;
    let mut buf = [0u8; 16];
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        match ascii_word(w, &mut buf) {
            Some("i" | "i'm" | "i've" | "i'd" | "i'll" | "my" | "me" | "myself") => i += 1,
            Some("we" | "we're" | "we've" | "we'd" | "we'll" | "our" | "us" | "ourselves") => we += 1,
            _ => {}
        }
    }
    (i, we)
}

/// Whether a text states a measurable result (money, a percentage, a duration, a
/// count…), not merely a year, a quarter or a version: see [`super::metric`].
pub use super::metric::has_metric;

const L7_SCOPE: [&str; 14] = [
    "organization",
    "organisation",
    "org",
    "orgs",
    "company",
    "company-wide",
    "platform",
    "teams",
    "cross-team",
    "directors",
    "vp",
    "division",
    "ecosystem",
    "multi-year",
];
const L6_SCOPE: [&str; 11] = [
    "team",
    "teams",
    "engineers",
    "service",
    "services",
    "customers",
    "org",
    "organization",
    "organisation",
    "product",
    "system",
];

/// Whether a text names something of L6 scope and of L7 scope: (L6, L7).
fn scope(text: &str) -> (bool, bool) {
    let (mut l6, mut l7) = (false, false);
    let mut buf = [0u8; 16];
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        if let Some(w) = ascii_word(w, &mut buf) {
            l6 |= L6_SCOPE.contains(&w);
            l7 |= L7_SCOPE.contains(&w);
            if l6 && l7 {
                break;
            }
        }
    }
    (l6, l7)
}

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
    /// The Result states a measurable figure (see `coach::metric`).
    metric: bool,
    /// "I" and "we" in the Action.
    pronouns: (usize, usize),
    /// The text names L6 scope and L7 scope.
    scope: (bool, bool),
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

impl Analysis {
    /// Reads a story's body (and its `impact`) for the checks.
    pub fn of(story: &Story, body: &Body) -> Self {
        let star = Star::of(body);
        let mut parts = [None; 5];
        for (p, s) in &star.sections {
            parts[slot(*p)] = Some(PartFacts { words: s.words, line: s.line });
        }
        let text = |p: Part| star.get(p).map_or("", |s| s.text.as_str());
        let all_text: String = body.sections.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
            + " "
            + story.impact.as_deref().unwrap_or("");
        Analysis {
            parts,
            metric: has_metric(text(Part::Result)),
            pronouns: pronouns(text(Part::Action)),
            scope: scope(&all_text),
        }
    }

    fn words(&self, part: Part) -> usize {
        self.parts[slot(part)].map_or(0, |p| p.words)
    }

    /// First-person singular and plural words in the Action: ("I", "we").
    pub fn pronouns(&self) -> (usize, usize) {
        self.pronouns
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
        let mut push = |code, passed, message, hint: Message, line| {
            out.push(Finding { code, passed, message, hint: if passed { None } else { Some(hint) }, line });
        };

        let required = [Part::Situation, Part::Task, Part::Action, Part::Result];
        let missing = Missing::of(required.map(|p| self.words(p) == 0));
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
            Message::Pronouns { i, we },
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
            Message::Length { words, minutes, pace: t.words_per_minute },
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
            Message::ActionWords(action_words),
            Message::Text("the Action should be the longest part: shorten the set-up, expand the decisions you made"),
            line_of(Part::Action),
        );

        if story.scenario == Some(Scenario::FailureAndLearning) {
            let learned = self.words(Part::Learnings) > 0;
            push(
                "star/no-learning",
                learned,
                Message::Text(if learned {
                    "the failure story says what you learned"
                } else {
                    "a failure story without a learning"
                }),
                Message::Text("add ## Learnings: what you do differently since, with an example"),
                line_of(Part::Learnings),
            );
        }

        match story.happened {
            Some(h) => {
                let limit = today.checked_sub(jiff::Span::new().years(i64::from(t.recency_years))).unwrap_or(today);
                push(
                    "star/stale",
                    h.last_day() >= limit,
                    Message::Happened(h),
                    Message::RecentYears(t.recency_years),
                    body_line,
                );
            }
            None => push(
                "star/stale",
                false,
                Message::Text("no `happened` date"),
                Message::Text("add `happened: YYYY-MM` so recency can be checked"),
                body_line,
            ),
        }

        let fits = match level {
            Level::L6 => self.scope.0,
            Level::L7 => self.scope.1,
        };
        push(
            "star/scope",
            fits,
            if fits { Message::ScopeFits(level) } else { Message::NoScope(level) },
            Message::ScopeHint(level),
            body_line,
        );
        // A silenced check is left out, so it weighs neither way on the story's quality.
        if !story.silenced.is_empty() {
            out.retain(|f| !story.silenced.contains(&f.code));
        }
        out
    }
}

/// Runs every STAR check on a story. `body_line` is where the body starts (findings
/// about the whole story point there). Reads the body afresh; the model uses the
/// [`Analysis`] stored on the note instead.
pub fn check(
    story: &Story,
    body: &Body,
    body_line: usize,
    level: Level,
    today: Date,
    t: &StarThresholds,
) -> Vec<Finding> {
    Analysis::of(story, body).findings(story, body_line, level, today, t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::markdown;

    fn thresholds() -> StarThresholds {
        StarThresholds { words_per_minute: 140.0, min_minutes: 2.0, max_minutes: 3.0, recency_years: 3 }
    }

    #[test]
    fn parts_in_the_forms_people_write() {
        assert_eq!(Part::of("S"), Some(Part::Situation));
        assert_eq!(Part::of("Actions"), Some(Part::Action));
        assert_eq!(Part::of("Result:"), Some(Part::Result));
        assert_eq!(Part::of("Lessons learned"), Some(Part::Learnings));
        assert_eq!(Part::of("Notes"), None);
    }

    #[test]
    fn pronoun_counts() {
        assert_eq!(pronouns("I led it; we shipped. My team and I'm proud of us."), (3, 2));
    }

    #[test]
    fn words_match_as_lower_cased_text_would() {
        // The matching that lower-cased every word into a new string, kept as the
        // reference for the allocation-free one.
        let reference = |text: &str| {
            let (mut i, mut we) = (0, 0);
            for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
                match w.to_lowercase().replace('’', "'").as_str() {
                    "i" | "i'm" | "i've" | "i'd" | "i'll" | "my" | "me" | "myself" => i += 1,
                    "we" | "we're" | "we've" | "we'd" | "we'll" | "our" | "us" | "ourselves" => we += 1,
                    _ => {}
                }
            }
            let mentions = |words: &[&str]| {
                text.split(|c: char| !c.is_alphanumeric() && c != '-')
                    .any(|w| words.contains(&w.to_lowercase().as_str()))
            };
            ((i, we), (mentions(&L6_SCOPE), mentions(&L7_SCOPE)))
        };
        for text in [
            "I led it; WE shipped. My team and I’M proud of US, OURSELVES.",
            "İ and ı are not I; Ｉ is not either. We’ll see, we'RE here.",
            "The ORG-wide Cross-Team platform for our CUSTOMERS and the VP.",
            "Kelvin K team Teams ORGS organisation company-wide MULTI-YEAR ecosystem",
            "teamwork, systems, engineer, sub-team, Ａ, 🙂 we",
            "",
        ] {
            assert_eq!((pronouns(text), scope(text)), reference(text), "{text}");
        }
    }

    #[test]
    fn a_thin_we_story_fails_the_right_checks() {
        let body = markdown::parse(
            "## Situation\nThings were slow.\n## Task\nFix it.\n## Action\nWe fixed it.\n## Result\nIt was faster.\n",
            6,
        );
        let story = Story { happened: crate::note::kinds::PartialDate::parse("2019"), ..Story::default() };
        let f = check(&story, &body, 6, Level::L6, "2026-11-25".parse().unwrap(), &thresholds());
        let failed: Vec<_> = f.iter().filter(|f| !f.passed).map(|f| f.code).collect();
        assert_eq!(failed, vec!["star/no-metric", "star/we-not-i", "star/too-short", "star/stale", "star/scope"]);
        assert_eq!(f.iter().find(|f| f.code == "star/we-not-i").unwrap().line, 10);
    }
}
