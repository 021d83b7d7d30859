//! The story portfolio: every story with its STAR findings, scenario × status, the
//! 16-principle coverage, and the rehearsals that are due.

use std::collections::BTreeMap;

use std::sync::Arc;

use serde::Serialize;

use super::ids::IdMap;
// What following the links gives: the links module owns it, the portfolio reads it.
pub use super::links::{Links, Rehearsed};
use super::Notes;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::domain::principles::{Principle, Scenario};
use crate::index::Index;
use crate::note::kinds::StoryStatus;
use crate::note::star::{self, Finding};
use crate::note::{Data, Note};
use crate::repetition;

/// One story as the dashboard sees it.
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    /// File name without `.md`.
    pub id: String,
    /// Workspace-relative path.
    pub path: String,
    /// Title (the id when none).
    pub title: String,
    /// Scenario.
    pub scenario: Option<Scenario>,
    /// The status its front matter declares (draft when none or unreadable); the
    /// rehearsal schedule follows it.
    pub status: StoryStatus,
    /// The status it is counted at in the bars and the scenario and principle
    /// coverage: the lower of `status` and what its checks support (see [`credited`]).
    pub credited: StoryStatus,
    /// Why it is counted below its declared status, in words with the command that
    /// shows the findings; `None` when counted as declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_note: Option<String>,
    /// Principles it shows.
    pub principles: Vec<Principle>,
    /// When it happened.
    pub happened: Option<String>,
    /// Spoken words in its STAR sections.
    pub words: usize,
    /// Minutes those words take at the configured speaking pace.
    pub minutes: f64,
    /// Share of STAR checks passed, in [0, 1].
    pub quality: f64,
    /// Every STAR check with its outcome.
    pub findings: Vec<Finding>,
}

/// A rehearsed story's spaced-repetition schedule, as replayed from the logs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySchedule {
    /// Rehearsals recorded up to today.
    pub rehearsals: usize,
    /// The last one.
    pub last: String,
    /// Days from the last rehearsal to the next (before the interview cap).
    pub interval: i32,
    /// SM-2 easiness factor, two decimals.
    pub easiness: f64,
    /// The next rehearsal, after the interview cap.
    pub due: String,
    /// Days past `due` (0 when due today or later).
    pub overdue_days: i64,
}

impl StorySchedule {
    /// Where the schedule replayed for a story stands on `today`.
    fn of((x, n): &(repetition::Schedule, usize), today: jiff::civil::Date) -> StorySchedule {
        StorySchedule {
            rehearsals: *n,
            last: x.last.to_string(),
            interval: x.interval,
            easiness: (x.easiness * 100.0).round() / 100.0,
            due: x.due.to_string(),
            overdue_days: i64::from((today - x.due).get_days()).max(0),
        }
    }
}

/// The portfolio as a model holds it: the part computed from the stories alone
/// (shared with the [`super::Memo`], so a saved log does not redo it) and the
/// rehearsal schedules replayed from the logs, joined story by story where they are
/// shown. It reads as a [`Portfolio`]; as JSON, each rehearsed story carries its
/// `rehearsal`.
#[derive(Debug, Clone)]
pub struct PortfolioView {
    portfolio: Arc<Portfolio>,
    links: Links,
    today: jiff::civil::Date,
}

impl PortfolioView {
    /// Joins the stories' part with the schedules of [`links`] for `today`.
    pub fn new(portfolio: Arc<Portfolio>, links: Links, today: jiff::civil::Date) -> PortfolioView {
        PortfolioView { portfolio, links, today }
    }

    /// A story's rehearsal schedule, once it has been rehearsed.
    pub fn rehearsal(&self, id: &str) -> Option<StorySchedule> {
        self.links.1.get(id).map(|entry| StorySchedule::of(entry, self.today))
    }
}

impl std::ops::Deref for PortfolioView {
    type Target = Portfolio;

    fn deref(&self) -> &Portfolio {
        &self.portfolio
    }
}

impl Serialize for PortfolioView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// A story as the JSON shows it: its view and, once rehearsed, its schedule.
        #[derive(Serialize)]
        struct Story<'a> {
            #[serde(flatten)]
            view: &'a StoryView,
            #[serde(skip_serializing_if = "Option::is_none")]
            rehearsal: Option<StorySchedule>,
        }
        /// The portfolio's fields, the stories first as they always were.
        #[derive(Serialize)]
        struct Json<'a> {
            stories: Vec<Story<'a>>,
            #[serde(flatten)]
            rest: &'a Portfolio,
        }
        let stories = self.stories.iter().map(|view| Story { view, rehearsal: self.rehearsal(&view.id) }).collect();
        Json { stories, rest: &self.portfolio }.serialize(serializer)
    }
}

/// Principle names as one list, separated by " · ": some names hold a comma ("Are
/// Right, A Lot") or a semicolon ("Have Backbone; Disagree and Commit"), so neither can
/// separate them.
pub fn label_list(principles: &[Principle]) -> String {
    principles.iter().map(|p| p.label()).collect::<Vec<_>>().join(" · ")
}

/// Principles named in one line of text: the first `shown`, then how many more
/// (`A · B · C and 12 more`), so a long list does not fill a line.
pub fn label_list_short(principles: &[Principle], shown: usize) -> String {
    let head = label_list(&principles[..principles.len().min(shown)]);
    match principles.len().saturating_sub(shown) {
        0 => head,
        more => format!("{head} and {more} more"),
    }
}

/// Principles backed by no story and by exactly one, in canonical order.
pub fn thin_principles(portfolio: &Portfolio) -> (Vec<Principle>, Vec<Principle>) {
    let none = portfolio.principles.iter().filter(|r| r.stories.is_empty()).map(|r| r.principle).collect();
    let one = portfolio.principles.iter().filter(|r| r.stories.len() == 1).map(|r| r.principle).collect();
    (none, one)
}

impl StoryView {
    /// Counted refined or ready.
    pub fn is_strong(&self) -> bool {
        matches!(self.credited, StoryStatus::Refined | StoryStatus::Ready)
    }
}

/// One scenario's stories by status.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioRow {
    /// The scenario.
    pub scenario: Scenario,
    /// Draft story ids.
    pub draft: Vec<String>,
    /// Refined story ids.
    pub refined: Vec<String>,
    /// Ready story ids.
    pub ready: Vec<String>,
    /// Coverage credit: 1 with a ready story, 0.5 with a refined one, else 0.
    pub credit: f64,
}

/// One principle's backing stories.
#[derive(Debug, Clone, Serialize)]
pub struct PrincipleRow {
    /// The principle.
    pub principle: Principle,
    /// Every story that names it.
    pub stories: Vec<String>,
    /// How many of them are refined or ready.
    pub strong: usize,
}

/// The whole portfolio.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// Stories in path order (written out by [`PortfolioView`], with their schedules);
    /// shared with later portfolios while their note is unchanged.
    #[serde(skip)]
    pub stories: Vec<Arc<StoryView>>,
    /// The hash of each story's note bytes, beside `stories`.
    #[serde(skip)]
    pub hashes: Vec<u64>,
    /// The five scenarios.
    pub scenarios: Vec<ScenarioRow>,
    /// The 16 principles.
    pub principles: Vec<PrincipleRow>,
    /// Stories leaned on for more than four principles.
    pub overloaded: Vec<String>,
    /// Refined-or-ready stories each principle needs (the depth target).
    pub stories_per_lp: usize,
}

impl Portfolio {
    /// The stories in path order.
    pub fn views(&self) -> impl Iterator<Item = &StoryView> {
        self.stories.iter().map(|s| &**s)
    }

    /// A story by id.
    pub fn story(&self, id: &str) -> Option<&StoryView> {
        self.views().find(|s| s.id == id)
    }

    /// Every story by id, for many lookups: the same answers as [`Portfolio::story`]
    /// (the first story in path order when two files share a name).
    pub fn by_id(&self) -> IdMap<&str, &StoryView> {
        let mut map = IdMap::with_capacity_and_hasher(self.stories.len(), Default::default());
        for s in self.views() {
            map.entry(s.id.as_str()).or_insert(s);
        }
        map
    }
}

/// A story leaned on for more principles than this is flagged: one story cannot
/// convincingly carry many answers.
pub const MAX_PRINCIPLES_PER_STORY: usize = 4;

/// Builds the portfolio; reports links to stories that do not exist.
pub fn compute(config: &Config, index: &Index, diags: &mut Vec<Diagnostic>) -> Portfolio {
    let notes = Notes::of(index);
    diags.extend(links(config, &notes).0);
    build(config, &notes)
}

/// Builds the portfolio: every counted story with its STAR findings, and the rows.
pub fn build(config: &Config, notes: &Notes<'_>) -> Portfolio {
    build_reusing(config, notes, None)
}

/// [`build`], taking the view of each story unchanged since `earlier` (a portfolio
/// built for the same config) from it instead of checking the story again: watch mode
/// saves one story at a time, and thousands of STAR checks need not be redone.
pub fn build_reusing(config: &Config, notes: &Notes<'_>, earlier: Option<&Portfolio>) -> Portfolio {
    let mut stories = Vec::new();
    let mut hashes = Vec::new();
    // Both lists are in path order: one cursor walks the earlier one.
    let mut before = earlier.map(|p| p.stories.iter().zip(&p.hashes).peekable());
    for (n, hash) in notes.stories.iter().zip(&notes.story_hashes) {
        if n.example || !n.readable {
            continue;
        }
        let Data::Story(s) = &n.data else { continue };
        let mut same = None;
        if let Some(before) = &mut before {
            while before.next_if(|(v, _)| v.path < n.path).is_some() {}
            if let Some((v, _)) = before.next_if(|(v, h)| v.path == n.path && *h == hash) {
                same = Some(Arc::clone(v));
            }
        }
        stories.push(same.unwrap_or_else(|| Arc::new(view(config, n, s))));
        hashes.push(*hash);
    }
    // One pass over the stories fills every row, each in story (path) order.
    let mut scenarios: Vec<ScenarioRow> = Scenario::ALL
        .iter()
        .map(|sc| ScenarioRow { scenario: *sc, draft: Vec::new(), refined: Vec::new(), ready: Vec::new(), credit: 0.0 })
        .collect();
    let mut principles: Vec<PrincipleRow> =
        Principle::ALL.iter().map(|p| PrincipleRow { principle: *p, stories: Vec::new(), strong: 0 }).collect();
    for s in &stories {
        if let Some(row) = scenarios.iter_mut().find(|r| Some(r.scenario) == s.scenario) {
            match s.credited {
                StoryStatus::Draft => row.draft.push(s.id.clone()),
                StoryStatus::Refined => row.refined.push(s.id.clone()),
                StoryStatus::Ready => row.ready.push(s.id.clone()),
            }
        }
        for (k, p) in s.principles.iter().enumerate() {
            // A principle named twice still backs the row once.
            if s.principles[..k].contains(p) {
                continue;
            }
            if let Some(row) = principles.iter_mut().find(|r| r.principle == *p) {
                row.stories.push(s.id.clone());
                row.strong += usize::from(s.is_strong());
            }
        }
    }
    for row in &mut scenarios {
        row.credit = if !row.ready.is_empty() {
            1.0
        } else if !row.refined.is_empty() {
            0.5
        } else {
            0.0
        };
    }
    let overloaded =
        stories.iter().filter(|s| s.principles.len() > MAX_PRINCIPLES_PER_STORY).map(|s| s.id.clone()).collect();
    Portfolio {
        stories,
        hashes,
        scenarios,
        principles,
        overloaded,
        stories_per_lp: config.targets.stories_per_lp.round().max(1.0) as usize,
    }
}

/// One story as the portfolio shows it: its STAR checks applied with the configured
/// thresholds and date.
fn view(config: &Config, n: &Note, s: &crate::note::kinds::Story) -> StoryView {
    let fresh;
    let analysis = match &n.star {
        Some(a) => a,
        None => {
            fresh = star::Analysis::of(s, &n.body);
            &fresh
        }
    };
    let findings = analysis.findings(s, n.body_line, config.profile.target_level, config.today, &config.star);
    let passed = findings.iter().filter(|f| f.passed).count();
    let words = analysis.spoken_words();
    let declared = s.status.unwrap_or(StoryStatus::Draft);
    let (counted, credit_note) = credited(declared, &findings, n);
    StoryView {
        id: n.id().to_string(),
        path: n.path.clone(),
        title: s.title.clone().unwrap_or_else(|| n.id().to_string()),
        scenario: s.scenario,
        status: declared,
        credited: counted,
        credit_note,
        principles: s.principles.clone(),
        happened: s.happened.map(|h| h.to_string()),
        words,
        minutes: (words as f64 / config.star.words_per_minute * 10.0).round() / 10.0,
        quality: if findings.is_empty() {
            0.0
        } else {
            (passed as f64 / findings.len() as f64 * 10_000.0).round() / 10_000.0
        },
        findings,
    }
}

/// The status a story is counted at: the lower of `declared` and what its checks
/// support — draft with an error (a failed error-level STAR check or a broken field),
/// at most refined with STAR warnings, as declared when clean — and, when lower than
/// declared, why.
pub fn credited(declared: StoryStatus, findings: &[Finding], note: &Note) -> (StoryStatus, Option<String>) {
    use crate::diag::Severity;
    let failed = |sev: Severity| findings.iter().filter(|f| !f.passed && star::severity(f.code) == sev).count();
    let (star_errors, warnings) = (failed(Severity::Error), failed(Severity::Warning));
    let field_errors = note.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let supported = if star_errors + field_errors > 0 {
        StoryStatus::Draft
    } else if warnings > 0 {
        StoryStatus::Refined
    } else {
        StoryStatus::Ready
    };
    if supported >= declared {
        return (declared, None);
    }
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let why = if star_errors > 0 {
        plural(star_errors, "STAR error")
    } else if field_errors > 0 {
        plural(field_errors, "front-matter error")
    } else {
        plural(warnings, "STAR warning")
    };
    let note = format!("marked {declared}, counted as {supported}: {why} (`systemcraft check {}`)", note.path);
    (supported, Some(note))
}

/// Follows every link from logs and mocks to stories, in one pass: reports the
/// links to stories that do not exist, and replays the rehearsals logged up to today
/// story by story (see [`super::links`]).
pub fn links(config: &Config, notes: &Notes<'_>) -> (Vec<Diagnostic>, Rehearsed) {
    super::links::follow(config, notes)
}

/// A story whose rehearsal is due.
#[derive(Debug, Clone, Serialize)]
pub struct Due {
    /// Story id.
    pub story: String,
    /// Its path.
    pub path: String,
    /// Its title.
    pub title: String,
    /// The day it is due (today for a ready story never rehearsed).
    pub due: String,
    /// Days past due (0 when due today).
    pub overdue_days: i64,
    /// The last rehearsal, if any.
    pub last: Option<String>,
    /// Rehearsals recorded.
    pub rehearsals: usize,
}

/// The schedule of every story that has rehearsals, and ready stories never rehearsed.
pub fn schedules(config: &Config, index: &Index) -> BTreeMap<String, repetition::Schedule> {
    rehearsed(config, index).into_iter().map(|(id, (sched, _))| (id, sched)).collect()
}

/// Replays the rehearsals logged up to today, story by story.
pub fn rehearsed(config: &Config, index: &Index) -> Rehearsed {
    links(config, &Notes::of(index)).1
}

/// Rehearsals due today or earlier for refined and ready stories, most overdue first.
pub fn due(config: &Config, index: &Index, portfolio: &Portfolio) -> Vec<Due> {
    due_with(config, portfolio, &rehearsed(config, index))
}

/// The rehearsal rules of the interview on `interview` (`endgame:` in systemcraft.yaml).
pub fn plan_rules(config: &Config, interview: jiff::civil::Date) -> repetition::PlanRules {
    let e = &config.endgame;
    repetition::PlanRules {
        interview,
        per_day: e.rehearsals_per_day,
        max_untold: e.max_untold_days,
        spread_days: e.spread_weeks.saturating_mul(7),
        final_days: e.final_days,
    }
}

/// The stories a rehearsal plan covers, in id order: ready ones, and refined ones
/// already rehearsed.
pub fn plan_stories<'a>(portfolio: &'a Portfolio, schedules: &Rehearsed) -> Vec<(&'a StoryView, repetition::Planning)> {
    let mut out: Vec<(&StoryView, repetition::Planning)> = portfolio
        .stories
        .iter()
        .filter_map(|s| {
            let entry = schedules.get(s.id.as_str());
            let wanted = s.status == StoryStatus::Ready || (s.status == StoryStatus::Refined && entry.is_some());
            wanted.then(|| (&**s, repetition::Planning { schedule: entry.map(|(x, _)| *x) }))
        })
        .collect();
    out.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    out
}

/// [`due`] from schedules already replayed by [`rehearsed`]: the stories SM-2 says
/// are due, and with an interview still to come, the stories its rehearsal plan
/// ([`repetition::interview_plan`]) puts on today. The plan replaces SM-2's cap at the
/// eve, which would make every story due on the same day.
pub fn due_with(config: &Config, portfolio: &Portfolio, schedules: &Rehearsed) -> Vec<Due> {
    let today = config.today;
    let interview = config.profile.interview_date.filter(|i| *i > today);
    let stories = plan_stories(portfolio, schedules);
    let planned: Vec<usize> = match interview {
        Some(interview) => {
            let planning: Vec<repetition::Planning> = stories.iter().map(|(_, p)| *p).collect();
            let tomorrow = today.tomorrow().unwrap_or(today);
            repetition::interview_plan(&planning, today, tomorrow, &plan_rules(config, interview))
                .into_iter()
                .map(|p| p.story)
                .collect()
        }
        None => Vec::new(),
    };
    let mut due: Vec<(&StoryView, jiff::civil::Date)> = stories
        .iter()
        .enumerate()
        .filter_map(|(k, (s, planning))| {
            let day = match (planning.schedule, interview) {
                (None, _) => today,
                // SM-2's own day, without the cap at the eve.
                (Some(x), Some(_)) => {
                    x.last.checked_add(jiff::Span::new().days(i64::from(x.interval))).unwrap_or(jiff::civil::Date::MAX)
                }
                (Some(x), None) => x.due,
            };
            (day <= today || planned.contains(&k)).then_some((*s, day.min(today)))
        })
        .collect();
    // Most overdue first: the earliest due day.
    due.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.id.cmp(&b.0.id)));
    due.into_iter()
        .map(|(s, day)| {
            let entry = schedules.get(s.id.as_str());
            Due {
                story: s.id.clone(),
                path: s.path.clone(),
                title: s.title.clone(),
                due: day.to_string(),
                overdue_days: i64::from((today - day).get_days()),
                last: entry.map(|(x, _)| x.last.to_string()),
                rehearsals: entry.map_or(0, |(_, count)| *count),
            }
        })
        .collect()
}
