//! The STAR checks: what makes a behavioral story hold up in an L6/L7 loop. Each
//! check is a named finding with a stable code, so it can be linted on its own.

use jiff::civil::Date;
use serde::Serialize;

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

/// The outcome of one check on one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `star/no-metric`.
    pub code: &'static str,
    /// Whether the story passes.
    pub passed: bool,
    /// What was found.
    pub message: String,
    /// What to do about it (when failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
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

    fn words(&self, part: Part) -> usize {
        self.get(part).map_or(0, |s| s.words)
    }

    /// Words of the spoken story: the four parts plus learnings.
    pub fn spoken_words(&self) -> usize {
        self.sections.iter().map(|(_, s)| s.words).sum()
    }
}

/// Counts first-person singular and plural pronouns in a text.
pub fn pronouns(text: &str) -> (usize, usize) {
    let mut i = 0;
    let mut we = 0;
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        let w = w.to_lowercase().replace('’', "'");
        match w.as_str() {
            "i" | "i'm" | "i've" | "i'd" | "i'll" | "my" | "me" | "myself" => i += 1,
            "we" | "we're" | "we've" | "we'd" | "we'll" | "our" | "us" | "ourselves" => we += 1,
            _ => {}
        }
    }
    (i, we)
}

/// Whether a text carries a figure: a digit (percentages, money, durations, counts).
pub fn has_metric(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

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

fn mentions_any(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| words.contains(&w.to_lowercase().as_str()))
}

/// Runs every STAR check on a story. `body_line` is where the body starts (findings
/// about the whole story point there).
pub fn check(
    story: &Story,
    body: &Body,
    body_line: usize,
    level: Level,
    today: Date,
    t: &StarThresholds,
) -> Vec<Finding> {
    let star = Star::of(body);
    let mut out = Vec::new();
    let line_of = |p: Part| star.get(p).map_or(body_line, |s| s.line);
    let mut push = |code, passed, message: String, hint: Option<String>, line| {
        out.push(Finding { code, passed, message, hint: if passed { None } else { hint }, line });
    };

    let missing: Vec<Part> =
        [Part::Situation, Part::Task, Part::Action, Part::Result].into_iter().filter(|p| star.words(*p) == 0).collect();
    push(
        "star/missing-section",
        missing.is_empty(),
        if missing.is_empty() {
            "all four STAR sections are written".into()
        } else {
            format!(
                "missing or empty: {}",
                missing.iter().map(|p| p.heading().trim_start_matches("## ")).collect::<Vec<_>>().join(", ")
            )
        },
        Some(format!(
            "add {} with a few sentences each",
            missing.iter().map(|p| p.heading()).collect::<Vec<_>>().join(", ")
        )),
        missing.first().map_or(body_line, |p| line_of(*p)),
    );

    let result = star.get(Part::Result).map_or("", |s| s.text.as_str());
    let metric = has_metric(result);
    push(
        "star/no-metric",
        metric,
        if metric { "the Result carries a number".into() } else { "the Result has no number".into() },
        Some("quantify the impact: a percentage, money, time saved, or a count (users, incidents, engineers)".into()),
        line_of(Part::Result),
    );

    let action = star.get(Part::Action).map_or("", |s| s.text.as_str());
    let (i, we) = pronouns(action);
    let first_person = i > 0 && i >= we;
    push(
        "star/we-not-i",
        first_person,
        format!("the Action says \"I\" {i} times and \"we\" {we} times"),
        Some("say what you did yourself: rewrite \"we decided\" as \"I proposed … and got agreement\"".into()),
        line_of(Part::Action),
    );

    let words = star.spoken_words();
    let minutes = words as f64 / t.words_per_minute;
    let (lo, hi) = (t.min_minutes * t.words_per_minute, t.max_minutes * t.words_per_minute);
    let length_ok = minutes >= t.min_minutes && minutes <= t.max_minutes;
    push(
        if minutes > t.max_minutes { "star/too-long" } else { "star/too-short" },
        length_ok,
        format!("{words} words, about {minutes:.1} min spoken at {} words/min", t.words_per_minute),
        Some(if minutes > t.max_minutes {
            format!("cut to at most {hi:.0} words: trim the Situation and keep the Action")
        } else {
            format!("aim for {lo:.0}–{hi:.0} words: add what you did and what it changed")
        }),
        body_line,
    );

    let action_words = star.words(Part::Action);
    let largest =
        [Part::Situation, Part::Task, Part::Result, Part::Learnings].iter().all(|p| star.words(*p) <= action_words)
            && action_words > 0;
    push(
        "star/action-not-largest",
        largest,
        format!("the Action has {action_words} words"),
        Some("the Action should be the longest part: shorten the set-up, expand the decisions you made".into()),
        line_of(Part::Action),
    );

    if story.scenario == Some(Scenario::FailureAndLearning) {
        let learned = star.words(Part::Learnings) > 0;
        push(
            "star/no-learning",
            learned,
            if learned {
                "the failure story says what you learned".into()
            } else {
                "a failure story without a learning".into()
            },
            Some("add ## Learnings: what you do differently since, with an example".into()),
            line_of(Part::Learnings),
        );
    }

    match story.happened {
        Some(h) => {
            let limit = today.checked_sub(jiff::Span::new().years(i64::from(t.recency_years))).unwrap_or(today);
            let recent = h.last_day() >= limit;
            push(
                "star/stale",
                recent,
                format!("happened {h}"),
                Some(format!(
                    "interviewers prefer stories from the last {} years; find a more recent one if you can",
                    t.recency_years
                )),
                body_line,
            );
        }
        None => push(
            "star/stale",
            false,
            "no `happened` date".into(),
            Some("add `happened: YYYY-MM` so recency can be checked".into()),
            body_line,
        ),
    }

    let all_text: String = body.sections.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
        + " "
        + story.impact.as_deref().unwrap_or("");
    let (scope_words, need): (&[&str], &str) = match level {
        Level::L6 => (&L6_SCOPE, "a team, a service or its customers"),
        Level::L7 => (&L7_SCOPE, "several teams, an organisation or a platform"),
    };
    let fits = mentions_any(&all_text, scope_words);
    push(
        "star/scope",
        fits,
        if fits { format!("the scope fits {level}") } else { format!("no sign of {level} scope ({need})") },
        Some(format!("say how big it was: {need}, with numbers")),
        body_line,
    );
    out
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
