//! The model: everything the dashboard and `--json` show, computed from the index and
//! the config. Pure: the same notes and the same date give the same model.

pub mod actions;
pub mod design;
pub mod endgame;
pub mod goals;
pub mod ids;
pub mod links;
pub mod memo;
pub mod mocks;
pub mod momentum;
pub mod plan_week;
pub mod portfolio;
pub mod progress;
pub mod readiness;

use std::sync::Arc;

use serde::Serialize;

use crate::config::Config;
use crate::diag::{self, Diagnostic, Severity};
use crate::domain::assessment::{self, AssessmentResult, Form};
use crate::index::Index;
use crate::note::{Data, Kind, Note};

pub use memo::Memo;

/// Version of the JSON shape; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 2;

/// The one rounding rule of every percentage shown or serialised: a value in [0, 1]
/// times 100, rounded half away from zero (0.825 → 83).
pub fn percent(value: f64) -> u32 {
    (value * 100.0).round().max(0.0) as u32
}

/// The state of the self-assessment.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum AssessmentState {
    /// No answers yet.
    NotTaken,
    /// Some answers are missing.
    Partial {
        /// The form being answered.
        form: Form,
        /// Answers given.
        answered: usize,
        /// Items in the form.
        total: usize,
    },
    /// Every item answered.
    Taken {
        /// When (from the front matter).
        #[serde(skip_serializing_if = "Option::is_none")]
        taken: Option<String>,
        /// The result.
        #[serde(flatten)]
        result: AssessmentResult,
    },
}

impl AssessmentState {
    /// The result, when complete.
    pub fn result(&self) -> Option<&AssessmentResult> {
        match self {
            AssessmentState::Taken { result, .. } => Some(result),
            _ => None,
        }
    }
}

/// How many notes of each kind were read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Stories.
    pub stories: usize,
    /// Logs.
    pub logs: usize,
    /// Designs.
    pub designs: usize,
    /// Mocks.
    pub mocks: usize,
    /// Plans.
    pub plans: usize,
    /// Example notes (parsed, not counted above).
    pub examples: usize,
}

/// The four bars at the end of one past week, from the git history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekScore {
    /// The week's last day (a Sunday).
    pub week_end: String,
    /// Technical Skills, percent.
    pub technical: u32,
    /// Behavioral Stories, percent.
    pub behavioral: u32,
    /// Cultural Alignment, percent.
    pub cultural: u32,
    /// Interview Readiness, percent.
    pub readiness: u32,
}

impl WeekScore {
    /// A bar's percent.
    pub fn get(&self, key: readiness::BarKey) -> u32 {
        match key {
            readiness::BarKey::Technical => self.technical,
            readiness::BarKey::Behavioral => self.behavioral,
            readiness::BarKey::Cultural => self.cultural,
            readiness::BarKey::Readiness => self.readiness,
        }
    }
}

/// Everything derived from the workspace.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// Version of this JSON shape.
    pub schema_version: u32,
    /// The date computed for.
    pub today: String,
    /// Profile, path and time left.
    pub profile: progress::ProfileView,
    /// The self-assessment.
    pub assessment: AssessmentState,
    /// The four progress bars.
    pub bars: Vec<readiness::Bar>,
    /// Today's minimums and the streak.
    pub today_goals: goals::Today,
    /// This week's goals and hours.
    pub week: goals::Week,
    /// The last 7 days against the weekly commitment.
    pub momentum: momentum::Momentum,
    /// The window's hours by area against the recommended split.
    pub split: momentum::Split,
    /// Mock interviews: this week's against the goal, each area's ratings, the next one.
    pub mocks: mocks::MockSummary,
    /// Stories, scenario coverage, principle coverage, and each rehearsed story's
    /// schedule.
    pub portfolio: portfolio::PortfolioView,
    /// Rehearsals due or overdue, most overdue first.
    pub rehearsals: Vec<portfolio::Due>,
    /// The current plan's progress.
    pub plan: Option<progress::PlanProgress>,
    /// Where today stands against the interview, and what the final days ask.
    pub endgame: endgame::EndgameView,
    /// What to do next, most valuable first.
    pub actions: Vec<actions::Action>,
    /// Notes read.
    pub counts: Counts,
    /// Problems found in the notes.
    pub diagnostics: Vec<Diagnostic>,
    /// The bars at the end of each of the last full weeks, oldest first, from the git
    /// history (left out of the JSON when there is none). Filled by the pipeline.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<WeekScore>,
}

impl Model {
    /// Error-level diagnostics.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// A bar by key.
    pub fn bar(&self, key: readiness::BarKey) -> Option<&readiness::Bar> {
        self.bars.iter().find(|b| b.key == key)
    }
}

/// The notes of each kind in path order, gathered in one walk of the index: each part
/// of the model reads only the kinds it needs, and a large index costs less to walk
/// once than once per part. Examples and unreadable notes are included;
/// [`Notes::counted`] leaves them out.
#[derive(Debug, Default)]
pub struct Notes<'a> {
    /// Stories.
    pub stories: Vec<&'a Note>,
    /// The hash of each story's bytes, beside [`Notes::stories`].
    pub story_hashes: Vec<u64>,
    /// Logs.
    pub logs: Vec<&'a Note>,
    /// Designs.
    pub designs: Vec<&'a Note>,
    /// Mocks.
    pub mocks: Vec<&'a Note>,
    /// Plans.
    pub plans: Vec<&'a Note>,
}

impl<'a> Notes<'a> {
    /// The index's notes by kind.
    pub fn of(index: &'a Index) -> Self {
        let mut notes = Notes::default();
        for (n, hash) in index.hashed() {
            notes.push(n, hash);
        }
        notes
    }

    fn push(&mut self, n: &'a Note, hash: u64) {
        match n.kind {
            Kind::Story => {
                self.stories.push(n);
                self.story_hashes.push(hash);
            }
            Kind::Log => self.logs.push(n),
            Kind::Design => self.designs.push(n),
            Kind::Mock => self.mocks.push(n),
            Kind::Plan => self.plans.push(n),
            Kind::Assessment => {}
        }
    }

    /// The notes that count among `kind`: readable and not examples.
    pub fn counted<'k>(kind: &'k [&'a Note]) -> impl Iterator<Item = &'a Note> + 'k {
        kind.iter().copied().filter(|n| !n.example && n.readable)
    }
}

/// Below this many notes the passes run one after the other: handing work to another
/// thread costs more than it saves on a small workspace.
const PARALLEL_FROM: usize = 500;

/// Runs `a` and `b` on rayon's pool when `parallel`, else one after the other.
pub(crate) fn join<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if parallel {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// Computes the model. `extra` carries diagnostics from outside the notes (the profile).
pub fn compute(config: &Config, index: &Index, extra: Vec<Diagnostic>) -> Model {
    compute_with(config, index, extra, &mut Memo::new())
}

/// [`compute`], reusing the parts kept in `memo` that the changes since it was filled
/// cannot have moved, and keeping this model's parts for the next call. The model is
/// the same as [`compute`]'s.
pub fn compute_with(config: &Config, index: &Index, extra: Vec<Diagnostic>, memo: &mut Memo) -> Model {
    // One walk sorts the notes by kind; the parts that read them are independent and,
    // in a large index, mostly wait on memory, so they run as tasks on rayon's pool
    // (the one `Index::build` uses): the stories on one thread, the links on the
    // other, the smaller parts on whichever is free first. `join` returns the results
    // in a fixed shape, so the model does not depend on the scheduling. A small
    // workspace runs them in turn.
    let parallel = index.len() >= PARALLEL_FROM;
    let versions = index.versions();
    let found = memo.find(config, &versions);
    let (notes, counts, mut diagnostics) = gather(index, extra);
    let track = memo.is_reused();
    let tracker = &mut memo.links;
    let (portfolio, ((links, today_goals), (week, plan, practice))) = join(
        parallel,
        || {
            found
                .portfolio
                .unwrap_or_else(|| Arc::new(portfolio::build_reusing(config, &notes, found.earlier.as_deref())))
        },
        || {
            join(
                parallel,
                || {
                    (
                        links::current(tracker, track, config, index, &notes),
                        found.today.unwrap_or_else(|| goals::today(config, &notes)),
                    )
                },
                || {
                    (
                        goals::week(config, &notes),
                        progress::plan(config, index, &notes),
                        found.practice.unwrap_or_else(|| readiness::practice(config, &notes)),
                    )
                },
            )
        },
    );
    diagnostics.extend(links::collapse(&links.0));
    // The story paths for the bars (kept with the portfolio), while the due
    // rehearsals are found.
    let (files, rehearsals) = join(
        parallel,
        || found.files.unwrap_or_else(|| readiness::StoryFiles::of(&portfolio)),
        || portfolio::due_with(config, &portfolio, &links.1),
    );
    memo.keep(
        &versions,
        memo::Computed { portfolio: &portfolio, files: &files, today: &today_goals, practice: &practice },
    );
    // The endgame narrows today's minimums and this week's goals (after the memo
    // kept them as computed).
    let endgame_view = endgame::view(config, &notes);
    let mut today_goals = today_goals;
    let mut week = week;
    endgame::adjust_today(config, endgame_view.phase, &mut today_goals);
    endgame::adjust_week(endgame_view.phase, &mut week);
    let portfolio = portfolio::PortfolioView::new(portfolio, links, config.today);
    let this_week = week.goals.iter().find(|g| g.key == "mocks").map_or(0, |g| g.done);
    let evidence = mocks::evidence(config, &notes);
    let mocks = mocks::summary(config, index, &notes, this_week, &evidence);
    let momentum = momentum::momentum(config, &notes);
    let split = momentum::split(config, &notes);
    diagnostics.extend(design_diagnostics(config, &notes));
    let assessment = assessment_state(index);
    let inputs = readiness::Inputs {
        state: &assessment,
        portfolio: &portfolio,
        due: &rehearsals,
        evidence: &evidence,
        momentum: &momentum,
    };
    let bars = readiness::bars(config, practice, files, &inputs);
    let profile = progress::profile(config, &assessment);
    diag::sort(&mut diagnostics);
    let mut model = Model {
        schema_version: SCHEMA_VERSION,
        today: config.today.to_string(),
        profile,
        assessment,
        bars,
        today_goals,
        week,
        momentum,
        split,
        mocks,
        portfolio,
        rehearsals,
        plan,
        endgame: endgame_view,
        actions: Vec::new(),
        counts,
        diagnostics,
        history: Vec::new(),
    };
    let mut view = model.endgame.clone();
    endgame::count_told(config, &mut view, &model);
    model.endgame = view;
    model.actions = endgame::adjust_actions(config, &model, &model.endgame, actions::rank(config, &model));
    model
}

/// Sorts the notes by kind, counts them and gathers their diagnostics after `extra`.
fn gather(index: &Index, extra: Vec<Diagnostic>) -> (Notes<'_>, Counts, Vec<Diagnostic>) {
    let mut notes = Notes::default();
    let mut diagnostics = extra;
    let mut counts = Counts::default();
    for (n, hash) in index.hashed() {
        notes.push(n, hash);
        diagnostics.extend(n.diagnostics.iter().cloned());
        if n.example {
            counts.examples += 1;
            continue;
        }
        match n.kind {
            Kind::Story => counts.stories += 1,
            Kind::Log => counts.logs += 1,
            Kind::Design => counts.designs += 1,
            Kind::Mock => counts.mocks += 1,
            Kind::Plan => counts.plans += 1,
            Kind::Assessment => {}
        }
    }
    (notes, counts, diagnostics)
}

/// The `design/…` warnings of every counted design marked complete (see [`design`]).
fn design_diagnostics(config: &Config, notes: &Notes<'_>) -> Vec<Diagnostic> {
    Notes::counted(&notes.designs)
        .flat_map(|n| match &n.data {
            Data::Design(d) => design::diagnostics(config, n, d),
            _ => Vec::new(),
        })
        .collect()
}

fn assessment_state(index: &Index) -> AssessmentState {
    let Some(note) = index.get("assessment.md") else {
        return AssessmentState::NotTaken;
    };
    let Data::Assessment(a) = &note.data else {
        return AssessmentState::NotTaken;
    };
    let form = a.form.unwrap_or(Form::Quick);
    if a.answers.is_empty() {
        return AssessmentState::NotTaken;
    }
    match assessment::score(form, &a.answers) {
        Some(result) => AssessmentState::Taken { taken: a.taken.map(|d| d.to_string()), result },
        None => AssessmentState::Partial { form, answered: a.answers.len(), total: form.items().len() },
    }
}
