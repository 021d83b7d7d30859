//! The front-matter keys of each kind of note and of the profile, as the editor
//! shows them: what each holds, which values it takes (for completion) and what it
//! feeds in the scores (for hover). The parser (`note::kinds`, `config`) stays the
//! authority on what is valid; a test checks this table against the templates.

use super::adapter::Kind;

/// Which file a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A note of this kind.
    Note(Kind),
    /// `systemcraft.yaml`.
    Profile,
}

/// What a key's values are, for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// Free text or a number.
    Free,
    /// A date (`YYYY-MM-DD`); today is offered.
    Date,
    /// One of the five scenarios.
    Scenario,
    /// A list of principles.
    Principles,
    /// A story's status.
    StoryStatus,
    /// A design's status.
    DesignStatus,
    /// A mock's kind.
    MockKind,
    /// L6 or L7.
    Level,
    /// A track.
    Track,
    /// A timeline.
    Timeline,
    /// A study path.
    StudyPath,
    /// An assessment form.
    Form,
    /// A coding problem's difficulty.
    Difficulty,
    /// A rehearsal's rating.
    Rating,
    /// STAR check names.
    StarChecks,
    /// Story ids.
    Stories,
    /// `true` or `false`.
    Bool,
    /// A nested mapping or list of mappings (its keys are in the table with this key
    /// as their parent).
    Nested,
}

/// One front-matter key.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key.
    pub key: &'static str,
    /// The key it sits under (`coding` for a problem's `difficulty`), if nested.
    pub parent: Option<&'static str>,
    /// The files it belongs to.
    pub scope: Scope,
    /// What it holds.
    pub what: &'static str,
    /// What it feeds in the scores and the dashboard.
    pub feeds: &'static str,
    /// Its values.
    pub values: Values,
    /// What to insert after `key: ` when completing the key.
    pub snippet: &'static str,
}

const fn field(scope: Scope, key: &'static str, values: Values, what: &'static str, feeds: &'static str) -> Field {
    Field { key, parent: None, scope, what, feeds, values, snippet: "" }
}

const fn under(parent: &'static str, f: Field) -> Field {
    Field { parent: Some(parent), ..f }
}

const STORY: Scope = Scope::Note(Kind::Story);
const LOG: Scope = Scope::Note(Kind::Log);
const DESIGN: Scope = Scope::Note(Kind::Design);
const MOCK: Scope = Scope::Note(Kind::Mock);
const PLAN: Scope = Scope::Note(Kind::Plan);
const ASSESSMENT: Scope = Scope::Note(Kind::Assessment);
const PROFILE: Scope = Scope::Profile;

/// Every key the tool reads.
pub const FIELDS: &[Field] = &[
    field(STORY, "title", Values::Free, "The story's name, as the dashboard lists it.", "the story portfolio table"),
    field(STORY, "scenario", Values::Scenario, "Which of the five core scenarios the story covers.", "Behavioral Stories → scenario coverage: each scenario needs a ready story (a refined one counts half)"),
    field(STORY, "principles", Values::Principles, "The Leadership Principles the story shows best (two or three).", "Behavioral Stories → LP depth (each principle backed by two refined-or-ready stories) and Cultural Alignment → LP breadth (principles with at least one story)"),
    field(STORY, "status", Values::StoryStatus, "draft → refined → ready.", "scenario coverage and LP depth (refined and ready stories only), and the rehearsal component (ready stories not overdue)"),
    field(STORY, "happened", Values::Free, "When it happened: YYYY, YYYY-MM or YYYY-MM-DD.", "the recency STAR check (`star/stale`), part of story quality"),
    field(STORY, "created", Values::Date, "The day the story was written down.", "this week's goal of stories documented"),
    field(STORY, "impact", Values::Free, "One line with the number that matters.", "the hint of the `star/no-metric` check; shown on the dashboard"),
    field(STORY, "silence", Values::StarChecks, "STAR checks left out for this story only.", "story quality: a silenced check is not counted"),
    field(STORY, "example", Values::Bool, "`true` for a worked example.", "nothing: an example is checked, never counted"),
    field(LOG, "date", Values::Date, "The day practised (the file's name).", "today's minimums, the streak and this week's goals"),
    field(LOG, "coding", Values::Nested, "Coding problems worked on, one item each.", "Technical Skills → coding volume (solved problems / 40) and coding pace (solved mediums within 45 min); the daily coding minimum"),
    under("coding", field(LOG, "problem", Values::Free, "The problem's name.", "coding volume")),
    under("coding", field(LOG, "difficulty", Values::Difficulty, "easy, medium or hard.", "coding pace counts solved mediums")),
    under("coding", field(LOG, "minutes", Values::Free, "Minutes spent on the problem.", "coding pace and the daily coding minutes")),
    under("coding", field(LOG, "solved", Values::Bool, "Whether you solved it.", "coding volume counts solved problems")),
    field(LOG, "design", Values::Nested, "System-design study: minutes and topic.", "the daily system-design minimum and this week's hours"),
    under("design", field(LOG, "topic", Values::Free, "What you studied.", "shown in the log only")),
    under("design", field(LOG, "minutes", Values::Free, "Minutes of system-design study.", "the daily system-design minimum and this week's hours")),
    field(LOG, "behavioral", Values::Nested, "Story work: minutes and the stories worked on.", "the daily behavioral minimum and this week's hours"),
    under("behavioral", field(LOG, "minutes", Values::Free, "Minutes of story work.", "the daily behavioral minimum and this week's hours")),
    under("behavioral", field(LOG, "stories", Values::Stories, "The stories worked on, by id.", "links checked against stories/")),
    field(LOG, "rehearsals", Values::Nested, "Timed tellings of stories, one item each.", "each story's spaced-repetition schedule → Behavioral Stories → rehearsal, and the rehearsals due"),
    under("rehearsals", field(LOG, "story", Values::Stories, "The story told, by id.", "that story's rehearsal schedule")),
    under("rehearsals", field(LOG, "rating", Values::Rating, "How it went: again, hard, good or easy.", "the interval to the next rehearsal")),
    under("rehearsals", field(LOG, "seconds", Values::Free, "How long the telling took.", "the daily behavioral minutes")),
    field(DESIGN, "title", Values::Free, "The system designed.", "the dashboard's list of designs"),
    field(DESIGN, "status", Values::DesignStatus, "outline → complete.", "Technical Skills → design practice: complete designs / 8"),
    field(DESIGN, "date", Values::Date, "The day of the write-up.", "this week's goal of full designs"),
    field(DESIGN, "scale", Values::Free, "Target users: a number, or 10M, 100M, 1B.", "design practice: a design below the target level's scale (L6 10M, L7 100M) counts half"),
    field(DESIGN, "level", Values::Level, "The level the design aims at: L6 or L7.", "design practice (the scale expected)"),
    field(DESIGN, "minutes", Values::Free, "Time spent.", "this week's hours"),
    field(MOCK, "date", Values::Date, "The day of the mock interview.", "Interview Readiness: the mocks in the window scale it (none ×0.7, three ×1.0); this week's mock goal"),
    field(MOCK, "kind", Values::MockKind, "behavioral, system-design, coding or full-loop.", "the mock summary on the dashboard"),
    field(MOCK, "partner", Values::Free, "Who interviewed you.", "shown on the dashboard"),
    field(MOCK, "minutes", Values::Free, "Length of the mock.", "this week's hours"),
    field(MOCK, "ratings", Values::Nested, "A rating from 1 to 5 per area.", "the ratings trend of the mock summary"),
    field(MOCK, "stories", Values::Stories, "The stories you told, as ids or [[links]].", "links checked against stories/"),
    field(PLAN, "path", Values::StudyPath, "The study path this plan follows.", "plan progress on the dashboard"),
    field(PLAN, "start", Values::Date, "The plan's first day.", "which week of the plan is current"),
    field(ASSESSMENT, "form", Values::Form, "quick (12 items) or complete (20 items).", "the self-rating components and the study path"),
    field(ASSESSMENT, "taken", Values::Date, "The day you answered.", "shown on the dashboard"),
    field(ASSESSMENT, "answers", Values::Nested, "1–5 per question id.", "the technical, leadership and cultural self-ratings, the score and the study path"),
    field(PROFILE, "name", Values::Free, "Your name, at the top of the dashboard.", "the dashboard's heading"),
    field(PROFILE, "track", Values::Track, "Where you start from.", "the plan's length and the warnings when it no longer fits"),
    field(PROFILE, "target_level", Values::Level, "The level you interview for: L6 or L7.", "the design scale and story scope the checks expect"),
    field(PROFILE, "timeline", Values::Timeline, "Your weekly commitment.", "this week's hours against the commitment"),
    field(PROFILE, "start_date", Values::Date, "Day 1 of your preparation.", "day N of the plan"),
    field(PROFILE, "interview_date", Values::Date, "The interview, once booked.", "the countdown and the cap on rehearsal intervals"),
    field(PROFILE, "time_zone", Values::Free, "An IANA time zone.", "`systemcraft calendar`"),
    field(PROFILE, "window_days", Values::Free, "Days the practice scores look back over (28).", "every practice component"),
    field(PROFILE, "goals", Values::Nested, "Daily minimums and weekly goals.", "today's minimums and this week's goals"),
    field(PROFILE, "targets", Values::Nested, "What 100% means for the practice components.", "coding volume, pace, design practice, LP depth, mocks"),
    field(PROFILE, "weights", Values::Nested, "The weights of the components in each bar.", "the four bars"),
    field(PROFILE, "star", Values::Nested, "Thresholds of the STAR checks.", "story quality"),
    field(PROFILE, "study", Values::Nested, "When you study, for the calendar.", "`systemcraft calendar`"),
];

/// The scope of a workspace-relative path.
pub fn scope_of(rel: &str) -> Option<Scope> {
    if rel == crate::config::PROFILE_FILE {
        return Some(Scope::Profile);
    }
    super::adapter::kind_of(rel).map(Scope::Note)
}

/// The keys of a scope at the top level (`parent` `None`) or under a key.
pub fn keys(scope: Scope, parent: Option<&str>) -> impl Iterator<Item = &'static Field> + '_ {
    FIELDS.iter().filter(move |f| f.scope == scope && f.parent == parent)
}

/// One key of a scope.
pub fn find(scope: Scope, parent: Option<&str>, key: &str) -> Option<&'static Field> {
    keys(scope, parent).find(|f| f.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every key the templates write is in the table, under the right parent.
    #[test]
    fn the_templates_keys_are_all_known() {
        for (file, scope) in [
            ("templates/story.md", STORY),
            ("templates/log.md", LOG),
            ("templates/design.md", DESIGN),
            ("templates/mock.md", MOCK),
            ("stories/example-checkout-latency.md", STORY),
            ("assessment.md", ASSESSMENT),
            ("systemcraft.yaml", PROFILE),
        ] {
            let text = crate::template::text(file).unwrap();
            let front = if scope == PROFILE { text.as_str() } else { text.split("---").nth(1).unwrap() };
            let mut parent = None;
            for line in front.lines().filter(|l| !l.trim_start().starts_with('#')) {
                let Some((key, _)) = line.trim_start().trim_start_matches("- ").split_once(':') else { continue };
                if !line.starts_with(' ') {
                    parent = Some(key);
                    assert!(find(scope, None, key).is_some(), "{file}: {key}");
                } else if ![ASSESSMENT, PROFILE].contains(&scope) {
                    assert!(find(scope, parent, key).is_some(), "{file}: {key} under {parent:?}");
                }
            }
        }
    }
}
