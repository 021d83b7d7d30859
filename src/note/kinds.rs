//! The front-matter schema of each kind of note, and the typed values read from it.
//!
//! Each `parse_*` function reads what it can and reports the rest: a field of the
//! wrong type is a diagnostic and an absent value, never a failed note.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::front_matter::Fields;
use crate::diag::Diagnostic;
use crate::domain::assessment::Form;
use crate::domain::named_enum;
use crate::domain::principles::{Principle, Scenario};
use crate::domain::tracks::{Level, StudyPath};

pub use super::date::PartialDate;

/// A (line, column) position in the file.
pub type Pos = (usize, usize);

named_enum! {
    /// Where a story is in its life.
    StoryStatus {
        Draft => "draft", "draft", ["wip", "todo"];
        Refined => "refined", "refined", [];
        Ready => "ready", "ready", ["done", "final"];
    }
}

named_enum! {
    /// How hard a coding problem is.
    Difficulty {
        Easy => "easy", "easy", [];
        Medium => "medium", "medium", ["med"];
        Hard => "hard", "hard", [];
    }
}

named_enum! {
    /// A self-rating of one rehearsal, as in spaced-repetition tools.
    Rating {
        Again => "again", "again", ["fail", "forgot"];
        Hard => "hard", "hard", [];
        Good => "good", "good", [];
        Easy => "easy", "easy", [];
    }
}

named_enum! {
    /// How far a design write-up has got.
    DesignStatus {
        Outline => "outline", "outline", ["draft", "wip"];
        Complete => "complete", "complete", ["done", "completed", "ready"];
    }
}

named_enum! {
    /// What a mock interview covered.
    MockKind {
        Behavioral => "behavioral", "behavioral", ["behavioural", "bq", "lp"];
        SystemDesign => "system-design", "system design", ["design", "sd"];
        Coding => "coding", "coding", [];
        FullLoop => "full-loop", "full loop", ["loop", "full"];
    }
}

/// A STAR story.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Story {
    /// Title.
    pub title: Option<String>,
    /// Which of the five scenarios it covers.
    pub scenario: Option<Scenario>,
    /// The principles it shows.
    pub principles: Vec<Principle>,
    /// Draft, refined or ready.
    pub status: Option<StoryStatus>,
    /// When it happened.
    pub happened: Option<PartialDate>,
    /// When it was written down.
    pub created: Option<Date>,
    /// The one-line impact.
    pub impact: Option<String>,
    /// STAR checks left out for this story (`silence:`), as codes such as
    /// `star/too-long`.
    #[serde(deserialize_with = "super::stored::interned")]
    pub silenced: Vec<&'static str>,
    /// STAR parts written as front-matter keys (`situation:`, `task:`, `action:`,
    /// `result:`, `learnings:`): the part, its text and the file line of its value.
    pub written_parts: Vec<(crate::note::part::Part, String, usize)>,
}

/// One coding problem in a log.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Its name.
    pub name: String,
    /// Easy, medium or hard.
    pub difficulty: Option<Difficulty>,
    /// Minutes spent.
    pub minutes: Option<u64>,
    /// Whether it was solved.
    pub solved: bool,
}

/// One timed telling of a story.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rehearsal {
    /// The story's id (file name without `.md`).
    pub story: String,
    /// Where the story is named, for diagnostics.
    pub pos: Pos,
    /// How it went.
    pub rating: Rating,
    /// How long the telling took.
    pub seconds: Option<u64>,
}

/// A day of practice.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Log {
    /// The day.
    pub date: Option<Date>,
    /// Problems worked on.
    pub coding: Vec<Problem>,
    /// Minutes of system-design study.
    pub design_minutes: u64,
    /// What was studied.
    pub design_topic: Option<String>,
    /// Minutes of behavioral preparation.
    pub behavioral_minutes: u64,
    /// Stories worked on, with their positions.
    pub stories: Vec<(String, Pos)>,
    /// Stories rehearsed.
    pub rehearsals: Vec<Rehearsal>,
}

impl Log {
    /// Minutes of coding.
    pub fn coding_minutes(&self) -> u64 {
        self.coding.iter().filter_map(|p| p.minutes).sum()
    }

    /// Minutes of behavioral work, rehearsals included.
    pub fn behavioral_total_minutes(&self) -> u64 {
        self.behavioral_minutes + self.rehearsals.iter().filter_map(|r| r.seconds).sum::<u64>() / 60
    }

    /// All practice minutes of the day.
    pub fn total_minutes(&self) -> u64 {
        self.coding_minutes() + self.design_minutes + self.behavioral_total_minutes()
    }
}

/// A system-design write-up.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Design {
    /// Title.
    pub title: Option<String>,
    /// Outline or complete.
    pub status: Option<DesignStatus>,
    /// When it was done.
    pub date: Option<Date>,
    /// Target users.
    pub scale: Option<u64>,
    /// The level it is pitched at.
    pub level: Option<Level>,
    /// Minutes spent.
    pub minutes: Option<u64>,
    /// The parts of the design checklist its body covers (read by `note::parse`).
    pub covered: crate::note::design::Coverage,
}

/// A mock interview.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Mock {
    /// When.
    pub date: Option<Date>,
    /// What it covered.
    pub kind: Option<MockKind>,
    /// Who interviewed.
    pub partner: Option<String>,
    /// How long.
    pub minutes: Option<u64>,
    /// Rating 1–5 per area.
    pub ratings: BTreeMap<String, u8>,
    /// Stories used (ids), from the front matter and body links.
    pub stories: Vec<(String, Pos)>,
}

impl Mock {
    /// Whether the mock took place: it has at least one rating, or more than 0
    /// recorded minutes (`systemcraft mock` always records them). A mock note without
    /// either — what `systemcraft new mock` creates — is *planned*: it does not count
    /// toward the weekly goal, the readiness multiplier or the ratings trend.
    pub fn is_done(&self) -> bool {
        !self.ratings.is_empty() || self.minutes.is_some_and(|m| m > 0)
    }
}

/// A study plan.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    /// The path it follows.
    pub path: Option<StudyPath>,
    /// Its first day.
    pub start: Option<Date>,
}

/// The self-assessment answers.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Assessment {
    /// Which form.
    pub form: Option<Form>,
    /// When it was taken.
    pub taken: Option<Date>,
    /// Answers 1–5 by item id (only valid ones).
    pub answers: BTreeMap<String, u8>,
}

fn principle_list(f: &mut Fields<'_>, key: &str) -> Vec<Principle> {
    let mut out = Vec::new();
    for (name, (l, c)) in f.list(key) {
        match Principle::parse(&name) {
            Some(p) if !out.contains(&p) => out.push(p),
            Some(_) => {}
            None => {
                let hint = match Principle::suggest(&name) {
                    Some(s) => format!(
                        "did you mean `{s}`? The 16 principles are listed in reference/leadership-principles.md"
                    ),
                    None => format!("use one of: {}", Principle::slugs()),
                };
                let d = Diagnostic::error(
                    f.path(),
                    "schema/unknown-principle",
                    format!("unknown Leadership Principle \"{name}\""),
                )
                .at(l, c)
                .hint(hint);
                f.push(d);
            }
        }
    }
    out
}

/// Story ids from a list that may hold `[[links]]`, slugs or paths.
pub fn story_ids(items: Vec<(String, Pos)>) -> Vec<(String, Pos)> {
    items
        .into_iter()
        .map(|(s, pos)| {
            let s = s.trim().trim_start_matches("[[").trim_end_matches("]]");
            let s = s.split(['|', '#']).next().unwrap_or("");
            let s = s.rsplit('/').next().unwrap_or(s).trim_end_matches(".md");
            (s.to_string(), pos)
        })
        .filter(|(s, _)| !s.is_empty())
        .collect()
}

/// Reads a story's front matter.
pub fn parse_story(f: &mut Fields<'_>) -> Story {
    let title = f.text("title", true, "Cutting checkout latency in half");
    // A draft may not know its scenario yet; a refined or ready story must.
    let scenario_written = f.has("scenario");
    let scenario = f.choice("scenario", false, "scenario", Scenario::parse, Scenario::suggest, &Scenario::slugs());
    let principles = principle_list(f, "principles");
    let status = f.choice("status", true, "status", StoryStatus::parse, StoryStatus::suggest, &StoryStatus::slugs());
    if !scenario_written && status.is_some_and(|s| s != StoryStatus::Draft) {
        let (l, c) = f.pos("status");
        f.push(
            Diagnostic::warning(f.path(), "schema/missing-field", "a refined or ready story needs a `scenario`")
                .at(l, c)
                .hint(format!("add `scenario:` with one of: {}", Scenario::slugs())),
        );
    }
    let happened = f.text("happened", false, "2025-03").and_then(|t| {
        let d = PartialDate::parse(&t);
        if d.is_none() {
            let (l, c) = f.value_pos("happened", None);
            f.push(
                Diagnostic::error(f.path(), "schema/bad-date", format!("`happened` is not a valid date: \"{t}\""))
                    .at(l, c)
                    .hint("write the year, the month or the day it happened: `2025`, `2025-03` or `2025-03-14`"),
            );
        }
        d
    });
    let created = f.date("created", false);
    let impact = f.text("impact", false, "p99 down 40%");
    let silenced = silence_list(f);
    let written_parts = star_keys(f);
    Story { title, scenario, principles, status, happened, created, impact, silenced, written_parts }
}

/// The STAR parts a story writes in its front matter.
fn star_keys(f: &mut Fields<'_>) -> Vec<(crate::note::part::Part, String, usize)> {
    use crate::note::part::Part;
    let mut out = Vec::new();
    for part in [Part::Situation, Part::Task, Part::Action, Part::Result, Part::Learnings] {
        if !f.has(part.key()) {
            continue;
        }
        if let Some(text) = f.text(part.key(), false, "what happened, in a few sentences") {
            out.push((part, text, f.value_pos(part.key(), None).0));
        }
    }
    out
}

/// The STAR checks a story silences (`silence: [too-long, star/stale]`); an unknown
/// code is reported with the closest known one.
fn silence_list(f: &mut Fields<'_>) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (name, (l, c)) in f.list("silence") {
        match crate::note::checks::code_of(&name) {
            Some(code) if !out.contains(&code) => out.push(code),
            Some(_) => {}
            None => {
                let short = crate::note::checks::CODES.map(|c| c.trim_start_matches("star/"));
                let hint = match crate::domain::did_you_mean(&name, short) {
                    Some(s) => format!("did you mean `star/{s}`?"),
                    None => format!("the STAR checks are: {}", crate::note::checks::CODES.join(", ")),
                };
                f.push(
                    Diagnostic::warning(f.path(), "schema/unknown-check", format!("no STAR check named \"{name}\""))
                        .at(l, c)
                        .hint(hint),
                );
            }
        }
    }
    out
}

/// Reads a log's front matter.
pub fn parse_log(f: &mut Fields<'_>) -> Log {
    let date = f.date("date", true);
    let coding = f.items("coding", |p| {
        let name = p.text("problem", false, "LRU cache").or_else(|| p.text("name", false, "LRU cache"))?;
        let difficulty =
            p.choice("difficulty", false, "difficulty", Difficulty::parse, Difficulty::suggest, &Difficulty::slugs());
        let minutes = p.number("minutes", false, "35");
        let solved = p.boolean("solved", "true").unwrap_or(false);
        Some(Problem { name, difficulty, minutes, solved })
    });
    let (design_minutes, design_topic) = f
        .nested("design", |d| {
            (d.number("minutes", false, "30").unwrap_or(0), d.text("topic", false, "consistent hashing"))
        })
        .unwrap_or((0, None));
    let (behavioral_minutes, stories) = f
        .nested("behavioral", |b| (b.number("minutes", false, "15").unwrap_or(0), story_ids(b.list("stories"))))
        .unwrap_or((0, Vec::new()));
    let rehearsals = f.items("rehearsals", |r| {
        let story = r.text("story", true, "checkout-latency")?;
        let pos = r.pos("story");
        let rating = r.choice("rating", true, "rating", Rating::parse, Rating::suggest, &Rating::slugs())?;
        let seconds = r.number("seconds", false, "150");
        let story = story_ids(vec![(story, pos)]).pop().map(|s| s.0).unwrap_or_default();
        Some(Rehearsal { story, pos, rating, seconds })
    });
    Log { date, coding, design_minutes, design_topic, behavioral_minutes, stories, rehearsals }
}

/// Parses a user count: `10000000`, `10M`, `1.5B`, `500k`, `10,000,000`.
pub fn parse_scale(text: &str) -> Option<u64> {
    let t = text.trim().replace([',', '_', ' '], "").to_lowercase();
    let t = t.trim_end_matches("users").trim_end_matches('+');
    let (num, mult) = match t.chars().last()? {
        'k' => (&t[..t.len() - 1], 1e3),
        'm' => (&t[..t.len() - 1], 1e6),
        'b' => (&t[..t.len() - 1], 1e9),
        _ => (t, 1.0),
    };
    let n: f64 = num.parse().ok()?;
    (n >= 0.0).then(|| (n * mult).round() as u64)
}

/// Reads a design's front matter.
pub fn parse_design(f: &mut Fields<'_>) -> Design {
    let title = f.text("title", true, "Global rate limiter");
    let status = f.choice("status", true, "status", DesignStatus::parse, DesignStatus::suggest, &DesignStatus::slugs());
    let date = f.date("date", true);
    let scale = f.text("scale", false, "10M").and_then(|t| {
        let s = parse_scale(&t);
        if s.is_none() {
            let (l, c) = f.value_pos("scale", None);
            f.push(
                Diagnostic::error(
                    f.path(),
                    "schema/type",
                    format!("`scale` should be a number of users, found \"{t}\""),
                )
                .at(l, c)
                .hint("write `scale: 10M` (10 million users), `scale: 100M` or a plain number"),
            );
        }
        s
    });
    let level = f.choice("level", false, "level", Level::parse, Level::suggest, &Level::slugs());
    let minutes = f.number("minutes", false, "60");
    Design { title, status, date, scale, level, minutes, covered: Default::default() }
}

/// Reads a mock interview's front matter; `links` are the body's `[[links]]`.
pub fn parse_mock(f: &mut Fields<'_>, links: &[String]) -> Mock {
    let date = f.date("date", true);
    let kind = f.choice("kind", true, "kind", MockKind::parse, MockKind::suggest, &MockKind::slugs());
    let partner = f.text("partner", false, "Priya");
    let minutes = f.number("minutes", false, "60");
    let mut ratings = BTreeMap::new();
    for (area, value, (l, c)) in f.number_map("ratings") {
        match value {
            Some(v @ 1..=5) => {
                ratings.insert(crate::domain::normalise(&area), v as u8);
            }
            Some(v) => f.push(
                Diagnostic::error(f.path(), "schema/out-of-range", format!("rating `{area}: {v}` is outside 1–5"))
                    .at(l, c)
                    .hint("rate each area from 1 (poor) to 5 (excellent)"),
            ),
            None => {}
        }
    }
    let mut stories = story_ids(f.list("stories"));
    let pos = f.pos("stories");
    for link in story_ids(links.iter().map(|l| (l.clone(), pos)).collect()) {
        if !stories.iter().any(|(s, _)| *s == link.0) {
            stories.push(link);
        }
    }
    Mock { date, kind, partner, minutes, ratings, stories }
}

/// Reads a plan's front matter.
pub fn parse_plan(f: &mut Fields<'_>) -> Plan {
    let path = f.choice("path", false, "path", StudyPath::parse, StudyPath::suggest, &StudyPath::slugs());
    let start = f.date("start", false);
    Plan { path, start }
}

/// Reads the assessment's front matter.
pub fn parse_assessment(f: &mut Fields<'_>) -> Assessment {
    let form = f.choice("form", false, "form", Form::parse, Form::suggest, &Form::slugs()).or(Some(Form::Quick));
    let taken = f.date("taken", false);
    let mut answers = BTreeMap::new();
    let items = form.map(|fm| fm.items()).unwrap_or(&[]);
    for (id, value, (l, c)) in f.number_map("answers") {
        let Some(item) = items.iter().find(|i| i.id == crate::domain::normalise(&id)) else {
            let hint = match crate::domain::did_you_mean(&id, items.iter().map(|i| i.id)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "the question ids are listed in the body of assessment.md".into(),
            };
            f.push(
                Diagnostic::warning(
                    f.path(),
                    "assessment/unknown-item",
                    format!("`{id}` is not a question of this form"),
                )
                .at(l, c)
                .hint(hint),
            );
            continue;
        };
        match value {
            Some(v @ 1..=5) => {
                answers.insert(item.id.to_string(), v as u8);
            }
            Some(v) => f.push(
                Diagnostic::error(f.path(), "schema/out-of-range", format!("answer `{id}: {v}` is outside 1–5"))
                    .at(l, c)
                    .hint("rate yourself from 1 (no experience) to 5 (could teach it)"),
            ),
            None => {}
        }
    }
    Assessment { form, taken, answers }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales() {
        assert_eq!(parse_scale("10M"), Some(10_000_000));
        assert_eq!(parse_scale("1.5B"), Some(1_500_000_000));
        assert_eq!(parse_scale("500k users"), Some(500_000));
        assert_eq!(parse_scale("10,000,000"), Some(10_000_000));
        assert_eq!(parse_scale("lots"), None);
    }

    #[test]
    fn story_ids_strip_links_and_paths() {
        let ids = story_ids(vec![("[[checkout|Checkout]]".into(), (1, 1)), ("stories/x.md".into(), (1, 1))]);
        assert_eq!(ids.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), vec!["checkout", "x"]);
    }
}
