//! The story portfolio: every story with its STAR findings, scenario × status, the
//! 16-principle coverage, and the rehearsals that are due.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::counted;
use crate::coach::schedule::{self, Review};
use crate::coach::star::{self, Finding};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::domain::principles::{Principle, Scenario};
use crate::index::Index;
use crate::note::kinds::StoryStatus;
use crate::note::Data;

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
    /// Status (draft when unreadable).
    pub status: StoryStatus,
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

impl StoryView {
    /// Refined or ready.
    pub fn is_strong(&self) -> bool {
        matches!(self.status, StoryStatus::Refined | StoryStatus::Ready)
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
    /// Stories in path order.
    pub stories: Vec<StoryView>,
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
    /// A story by id.
    pub fn story(&self, id: &str) -> Option<&StoryView> {
        self.stories.iter().find(|s| s.id == id)
    }
}

/// A story leaned on for more principles than this is flagged: one story cannot
/// convincingly carry many answers.
pub const MAX_PRINCIPLES_PER_STORY: usize = 4;

/// Builds the portfolio; reports links to stories that do not exist.
pub fn compute(config: &Config, index: &Index, diags: &mut Vec<Diagnostic>) -> Portfolio {
    let mut stories = Vec::new();
    for n in counted(index) {
        let Data::Story(s) = &n.data else { continue };
        let findings = star::check(s, &n.body, n.body_line, config.profile.target_level, config.today, &config.star);
        let passed = findings.iter().filter(|f| f.passed).count();
        let star = star::Star::of(&n.body);
        stories.push(StoryView {
            id: n.id.clone(),
            path: n.path.clone(),
            title: s.title.clone().unwrap_or_else(|| n.id.clone()),
            scenario: s.scenario,
            status: s.status.unwrap_or(StoryStatus::Draft),
            principles: s.principles.clone(),
            happened: s.happened.map(|h| h.to_string()),
            words: star.spoken_words(),
            minutes: (star.spoken_words() as f64 / config.star.words_per_minute * 10.0).round() / 10.0,
            quality: if findings.is_empty() {
                0.0
            } else {
                (passed as f64 / findings.len() as f64 * 10_000.0).round() / 10_000.0
            },
            findings,
        });
    }
    let known: BTreeSet<&str> =
        index.notes().filter(|n| n.kind == crate::note::Kind::Story).map(|n| n.id.as_str()).collect();
    for n in index.notes() {
        let refs: Vec<&(String, (usize, usize))> = match &n.data {
            Data::Log(l) => l.stories.iter().collect(),
            Data::Mock(m) => m.stories.iter().collect(),
            _ => continue,
        };
        let rehearsed: Vec<(String, (usize, usize))> = match &n.data {
            Data::Log(l) => l.rehearsals.iter().map(|r| (r.story.clone(), r.pos)).collect(),
            _ => Vec::new(),
        };
        for (id, (l, c)) in refs.into_iter().cloned().chain(rehearsed) {
            if !known.contains(id.as_str()) {
                let hint = match crate::domain::did_you_mean(&id, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? Stories are named by their file in stories/"),
                    None => format!("create it with `systemcraft new story \"{id}\"`, or fix the name"),
                };
                diags.push(
                    Diagnostic::warning(&n.path, "link/unknown-story", format!("no story named \"{id}\" in stories/"))
                        .at(l, c)
                        .hint(hint),
                );
            }
        }
    }

    let scenarios = Scenario::ALL
        .iter()
        .map(|sc| {
            let mut row =
                ScenarioRow { scenario: *sc, draft: Vec::new(), refined: Vec::new(), ready: Vec::new(), credit: 0.0 };
            for s in stories.iter().filter(|s| s.scenario == Some(*sc)) {
                match s.status {
                    StoryStatus::Draft => row.draft.push(s.id.clone()),
                    StoryStatus::Refined => row.refined.push(s.id.clone()),
                    StoryStatus::Ready => row.ready.push(s.id.clone()),
                }
            }
            row.credit = if !row.ready.is_empty() {
                1.0
            } else if !row.refined.is_empty() {
                0.5
            } else {
                0.0
            };
            row
        })
        .collect();
    let principles = Principle::ALL
        .iter()
        .map(|p| {
            let backing: Vec<&StoryView> = stories.iter().filter(|s| s.principles.contains(p)).collect();
            PrincipleRow {
                principle: *p,
                stories: backing.iter().map(|s| s.id.clone()).collect(),
                strong: backing.iter().filter(|s| s.is_strong()).count(),
            }
        })
        .collect();
    let overloaded =
        stories.iter().filter(|s| s.principles.len() > MAX_PRINCIPLES_PER_STORY).map(|s| s.id.clone()).collect();
    Portfolio {
        stories,
        scenarios,
        principles,
        overloaded,
        stories_per_lp: config.targets.stories_per_lp.round().max(1.0) as usize,
    }
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
pub fn schedules(config: &Config, index: &Index) -> BTreeMap<String, schedule::Schedule> {
    let mut reviews: BTreeMap<String, Vec<Review>> = BTreeMap::new();
    for n in counted(index) {
        let Data::Log(l) = &n.data else { continue };
        let Some(date) = l.date else { continue };
        if date > config.today {
            continue;
        }
        for r in &l.rehearsals {
            reviews.entry(r.story.clone()).or_default().push(Review { date, rating: r.rating });
        }
    }
    reviews
        .into_iter()
        .filter_map(|(id, rs)| schedule::replay(&rs, config.profile.interview_date).map(|s| (id, s)))
        .collect()
}

/// Rehearsals due today or earlier for refined and ready stories, most overdue first.
pub fn due(config: &Config, index: &Index, portfolio: &Portfolio) -> Vec<Due> {
    let schedules = schedules(config, index);
    let counts: BTreeMap<String, usize> = counted(index)
        .filter_map(|n| match &n.data {
            Data::Log(l) if l.date.is_some_and(|d| d <= config.today) => Some(l),
            _ => None,
        })
        .flat_map(|l| l.rehearsals.iter().map(|r| r.story.clone()))
        .fold(BTreeMap::new(), |mut m, id| {
            *m.entry(id).or_insert(0) += 1;
            m
        });
    let mut out: Vec<Due> = portfolio
        .stories
        .iter()
        .filter(|s| {
            s.status == StoryStatus::Ready || (s.status == StoryStatus::Refined && schedules.contains_key(&s.id))
        })
        .filter_map(|s| {
            let sched = schedules.get(&s.id);
            let due = sched.map_or(config.today, |x| x.due);
            if due > config.today {
                return None;
            }
            Some(Due {
                story: s.id.clone(),
                path: s.path.clone(),
                title: s.title.clone(),
                due: due.to_string(),
                overdue_days: i64::from((config.today - due).get_days()),
                last: sched.map(|x| x.last.to_string()),
                rehearsals: counts.get(&s.id).copied().unwrap_or(0),
            })
        })
        .collect();
    out.sort_by(|a, b| b.overdue_days.cmp(&a.overdue_days).then(a.story.cmp(&b.story)));
    out
}
