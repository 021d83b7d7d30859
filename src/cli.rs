//! The command line: clap types only. They are turned into the core's resolved
//! [`crate::config::Config`] and plain arguments in `lib.rs`; nothing below `cmd/`
//! sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turn a folder of Markdown notes into an Amazon L6/L7 interview-preparation
/// workspace, with a generated DASHBOARD.md of readiness scores, goals, the story
/// portfolio and next actions.
#[derive(Debug, Parser)]
#[command(name = "systemcraft", version, about, long_about = None, propagate_version = true)]
#[command(after_help = "Start with `systemcraft init ~/prep`, then `cd ~/prep && systemcraft build`.")]
#[command(after_long_help = "Start with `systemcraft init ~/prep`, then `cd ~/prep && systemcraft build`.

Exit status: 0 success; 1 a failure, or findings a command reports by its status (`check` with an error-level finding, `build --check` with a stale dashboard); 2 a usage error; 130 interrupted (Ctrl-C, SIGINT, SIGTERM, SIGHUP or a lost terminal in assess, practice and mock).")]
pub struct Cli {
    /// Use the workspace in DIR instead of searching upward from the current folder.
    #[arg(
        short = 'w',
        long,
        global = true,
        value_name = "DIR",
        env = "SYSTEMCRAFT_WORKSPACE",
        help_heading = "Global options"
    )]
    pub workspace: Option<PathBuf>,

    /// Compute as if today were this date (YYYY-MM-DD).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", env = "SYSTEMCRAFT_TODAY", help_heading = "Global options")]
    pub today: Option<String>,

    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN", help_heading = "Global options")]
    pub color: Color,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour on terminals, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace: folders, templates, reference notes, a git repository and
    /// the first DASHBOARD.md. Never overwrites an existing file.
    Init(InitArgs),
    /// Set up another machine: clone the remote that holds your workspace (whatever
    /// branch its HEAD names), set the upstream and build the dashboard.
    Clone(CloneArgs),
    /// Compute the scores and write DASHBOARD.md.
    Build(BuildArgs),
    /// Keep DASHBOARD.md current while you edit: rebuild on every change, until Ctrl-C.
    Watch(WatchArgs),
    /// Commit every change of the workspace with a message naming what changed.
    Commit(CommitArgs),
    /// Commit, fetch, merge (never losing a note), rebuild the dashboard, and push.
    Sync(SyncArgs),
    /// Readiness over time, from the git history: a table with sparklines, or an SVG.
    Trend(TrendArgs),
    /// Create a note from its template and print its path.
    New(NewArgs),
    /// Take the self-assessment and see your score, bands and study path.
    ///
    /// In a terminal it asks one question at a time (1–5 answers, b back, s skip, q
    /// quit); scripts pass --answer or --from. The answers go into assessment.md's
    /// front matter, every other line of the file stays as it is. Ctrl-C (or a signal,
    /// or the terminal going away) keeps the answers given so far and exits with 130.
    Assess(AssessArgs),
    /// Write the study plan for your path and make it the current plan.
    ///
    /// The plan goes to a new file under plans/ (never over an existing plan), and
    /// systemcraft.yaml's `plan:` is set to it. With an interview date that comes
    /// before the plan would end, the plan is compressed to the weeks left.
    Plan(PlanArgs),
    /// Write the study schedule as an iCalendar file (.ics) to import into your
    /// calendar.
    ///
    /// The daily minimums as time blocks (days, hour and length from `study:` in
    /// systemcraft.yaml), the current plan's weeks and mock interviews, the story
    /// rehearsals due, and the interview day. Every event keeps its UID from one run
    /// to the next, so importing a newer file updates the events instead of adding
    /// copies.
    Calendar(CalendarArgs),
    /// Run a timed mock interview in the terminal and record it in mocks/.
    ///
    /// Phases with a clock each and overall (Enter or n moves on, q ends early), then
    /// a rating from 1 to 5 per area and a line of notes. Ctrl-C abandons the mock
    /// without writing anything.
    Mock(MockArgs),
    /// Lint the notes: the schema checks and the STAR checks of every story.
    ///
    /// Each finding is printed as `path:line:col: severity: message [code]` with a
    /// hint. Exits 1 when an error-level finding remains. A story can silence a STAR
    /// check in its front matter (`silence: [too-long]`).
    Check(CheckArgs),
    /// Rehearse a story out loud against an interview question, timed, and log it.
    ///
    /// Picks the most overdue story (or the best story of your weakest principle),
    /// asks a question for one of its principles, counts down, asks how it went
    /// (again, hard, good, easy) and adds the rehearsal to today's log, keeping every
    /// other byte of the file. --rating records without the countdown or the
    /// prompt (scripts); the story and the question are still printed.
    Practice(PracticeArgs),
    /// Run the language server on standard input and output, for editors.
    ///
    /// Speaks the Language Server Protocol: the diagnostics of `check` as you type,
    /// completion of front-matter keys and values, hovers, quick fixes, the STAR
    /// sections as document symbols and go-to-definition on story links. Started by
    /// the editor, not by hand; set-up for each editor: docs/editors.md.
    Lsp,
    /// Print a shell completion script.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output, or write every page to a folder.
    Man {
        /// Write systemcraft.1 and one page per subcommand (systemcraft-init.1, …) into
        /// DIR, which must exist, instead of printing the main page.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// `systemcraft init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create or complete (default: the current folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Your name, shown on the dashboard.
    #[arg(long)]
    pub name: Option<String>,
    /// Where you come from.
    #[arg(long, value_parser = ["senior-to-l6", "l6-to-l7", "faang-to-amazon"], default_value = "senior-to-l6")]
    pub track: String,
    /// The level you interview for.
    #[arg(long, value_parser = ["L6", "L7"], ignore_case = true, default_value = "L6")]
    pub target: String,
    /// Weekly commitment: intensive 25+ h, balanced 15–20 h, deep 10–15 h.
    #[arg(long, value_parser = ["intensive", "balanced", "deep"], default_value = "balanced")]
    pub timeline: String,
    /// Do not create a git repository.
    #[arg(long)]
    pub no_git: bool,
}

/// `systemcraft build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Write nothing; exit 1 when DASHBOARD.md is not what a build would write.
    #[arg(long, conflicts_with_all = ["json", "stdout"])]
    pub check: bool,
    /// Print the whole model as JSON instead of writing the dashboard.
    #[arg(long, conflicts_with = "stdout")]
    pub json: bool,
    /// Print the Markdown instead of writing DASHBOARD.md.
    #[arg(long)]
    pub stdout: bool,
}

/// The kinds of note `new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NoteKind {
    /// A STAR story in stories/.
    Story,
    /// Today's practice log in logs/.
    Log,
    /// A system-design write-up in designs/.
    Design,
    /// A mock interview in mocks/.
    Mock,
}

/// `systemcraft new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create.
    #[arg(value_enum)]
    pub kind: NoteKind,
    /// The title (stories, designs, mocks); the file name is made from it.
    pub title: Option<String>,
    /// A Leadership Principle the story shows (repeatable; any case and spacing).
    #[arg(long = "lp", value_name = "PRINCIPLE")]
    pub principles: Vec<String>,
    /// The story's scenario.
    #[arg(long, value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// What the mock covers (mocks only); without it, what templates/mock.md says
    /// (`full-loop` in the template `init` writes).
    #[arg(long = "kind", value_enum, value_name = "KIND")]
    pub mock_kind: Option<MockKindArg>,
    /// Open the new note in $VISUAL or $EDITOR.
    #[arg(long)]
    pub edit: bool,
}

/// `systemcraft watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Quiet time after the last change before rebuilding, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 100, value_parser = clap::value_parser!(u64).range(10..=60_000))]
    pub debounce: u64,
    /// Look for changes every MS milliseconds instead of using file events (network
    /// mounts, WSL drives, file systems without events).
    #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "1000",
          value_parser = clap::value_parser!(u64).range(50..=3_600_000))]
    pub poll: Option<u64>,
    /// Commit the workspace with git after a quiet period (see --commit-after).
    #[arg(long)]
    pub commit: bool,
    /// How long the notes must stay unchanged before --commit commits: seconds, or
    /// a duration such as 90s, 5m, 1h.
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration, requires = "commit")]
    pub commit_after: std::time::Duration,
    /// Also print how long each rebuild took.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Parses `300`, `90s`, `5m`, `1h30m` (and ISO 8601 `PT5M`).
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let parsed = match text.parse::<u64>() {
        Ok(secs) => Some(std::time::Duration::from_secs(secs)),
        Err(_) => text.parse::<jiff::SignedDuration>().ok().and_then(|d| std::time::Duration::try_from(d).ok()),
    };
    parsed.filter(|d| !d.is_zero()).ok_or_else(|| format!("\"{text}\" is not a duration: use e.g. 300, 90s, 5m or 1h"))
}

/// `systemcraft commit`.
#[derive(Debug, Args)]
pub struct CommitArgs {
    /// The commit message (default: one naming what changed, by kind of note).
    #[arg(short, long, value_name = "MSG")]
    pub message: Option<String>,
}

/// `systemcraft sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The remote to sync with (default: the branch's upstream, else `origin`, else the
    /// only remote).
    #[arg(long, value_name = "NAME")]
    pub remote: Option<String>,
}

/// `systemcraft clone`.
#[derive(Debug, Args)]
pub struct CloneArgs {
    /// The remote: a URL (https, ssh) or the path of a bare repository.
    #[arg(value_name = "URL")]
    pub url: String,
    /// The folder to create (default: the remote's name without `.git`).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `systemcraft trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Show only the days from this date on (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Also write the chart as an SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// `systemcraft assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Answer the complete form (20 questions) instead of the quick one (12).
    #[arg(long, conflicts_with = "quick")]
    pub complete: bool,
    /// Answer the quick form (the default, unless assessment.md names the complete one).
    #[arg(long)]
    pub quick: bool,
    /// An answer from 1 to 5, e.g. `--answer design-at-scale=4` (repeatable; the ids are
    /// in assessment.md). Other answers already in assessment.md are kept.
    #[arg(long = "answer", value_name = "ID=N")]
    pub answers: Vec<String>,
    /// Read answers from FILE: one `id: N` per line, or YAML with an `answers:` mapping
    /// (`-` reads standard input). --answer values win over the file's.
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}

/// `systemcraft plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The plan's first day (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<String>,
    /// The study path, instead of the one the assessment score leads to:
    /// quick-reference, six-week-intensive, twelve-week-comprehensive or
    /// foundation-building.
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
}

/// `systemcraft calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write the calendar to FILE instead of standard output (`-`: standard output).
    /// An existing FILE is replaced only if it holds a calendar.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The first day of the schedule (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// How many weeks to cover (default: up to the interview, else to the end of the
    /// plan, else 4).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=104))]
    pub weeks: Option<u32>,
}

/// The kinds of mock interview `mock` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MockKindArg {
    /// Leadership Principle questions, drawn from your weakest principles.
    Behavioral,
    /// A system-design round: requirements, estimates, high-level design, deep dive,
    /// wrap-up.
    SystemDesign,
    /// A coding round: clarify, plan, code, test, follow-ups.
    Coding,
    /// Behavioral, system design and coding in one sitting.
    FullLoop,
}

impl MockKindArg {
    /// The note schema's kind.
    pub fn kind(self) -> crate::note::kinds::MockKind {
        use crate::note::kinds::MockKind;
        match self {
            MockKindArg::Behavioral => MockKind::Behavioral,
            MockKindArg::SystemDesign => MockKind::SystemDesign,
            MockKindArg::Coding => MockKind::Coding,
            MockKindArg::FullLoop => MockKind::FullLoop,
        }
    }
}

/// `systemcraft mock`.
#[derive(Debug, Args)]
pub struct MockArgs {
    /// What the mock covers.
    #[arg(long, value_enum, default_value_t = MockKindArg::Behavioral)]
    pub kind: MockKindArg,
    /// Who interviews you (written into the note).
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,
    /// Print the agenda (phases, minutes, questions) and exit.
    #[arg(long)]
    pub dry_run: bool,
    /// Show no clock: for a partner who keeps the time. Phase timings are still
    /// recorded.
    #[arg(long)]
    pub no_timer: bool,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: severity: message [code]`, a hint below, and a summary.
    Text,
    /// One JSON document with every finding (see docs/json.md).
    Json,
}

/// `systemcraft check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Notes or folders to check (default: the whole workspace).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// `systemcraft practice`.
#[derive(Debug, Args)]
pub struct PracticeArgs {
    /// Rehearse a story for this Leadership Principle (any case and spacing).
    #[arg(long, value_name = "PRINCIPLE")]
    pub lp: Option<String>,
    /// Rehearse this story (its file name without `.md`).
    #[arg(long, value_name = "SLUG")]
    pub story: Option<String>,
    /// Length of the countdown, in minutes (default: the longest comfortable answer,
    /// `star.max_minutes`, 3).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=30))]
    pub minutes: Option<u32>,
    /// Record this self-rating without the countdown or the rating prompt (the story
    /// and question are still printed): again, hard, good or easy.
    #[arg(long, value_name = "RATING")]
    pub rating: Option<String>,
    /// With --rating: how long the answer took, in seconds, to record with it.
    #[arg(long, value_name = "N", requires = "rating")]
    pub seconds: Option<u64>,
}
