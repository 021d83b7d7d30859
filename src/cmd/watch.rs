//! `systemcraft watch`: start the watcher and the session, then loop — gather a quiet
//! batch of changes, apply it, print one line — until Ctrl-C. Also rebuilds when the
//! day changes and, with `--commit`, commits after a quiet period.

use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use anstyle::{AnsiColor, Style};

use crate::cli::WatchArgs;
use crate::diag::Diagnostic;
use crate::render;
use crate::watch::session::{CommitOutcome, Report, Session};
use crate::watch::{self, Backend, Batch, Input, Options, Source};
use crate::{output, Error, Globals, Result, EXIT_OK};

/// The longest the loop sleeps without looking at the clock.
const MAX_WAIT: Duration = Duration::from_secs(3600);

/// Runs the command.
pub fn run(globals: &Globals, args: WatchArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let root = ws.root.clone();
    let debounce = Duration::from_millis(args.debounce);
    let backend = args.poll.map_or(Backend::Native, |ms| Backend::Poll(Duration::from_millis(ms)));
    let gathering = Gathering { settle: watch::settle(debounce), longest: watch::longest_gather(debounce) };

    let (tx, rx) = mpsc::channel();
    let interrupt = tx.clone();
    ctrlc::set_handler(move || {
        let _ = interrupt.send(Input::Interrupt);
    })
    .map_err(|e| Error::Watch(format!("cannot handle Ctrl-C: {e}")))?;
    // The watcher starts before the first build, so an edit made during it is seen.
    let (mut source, warning) = Source::start(&root, Options { debounce, backend }, tx)?;
    let (mut session, written) = Session::start(ws, globals.today)?;

    let mut out = anstream::stdout();
    // Standard output that cannot be written (a full disk, /dev/full, a closed pipe)
    // stops the watch with exit 1, here or at any later line.
    print_start(&mut out, &root, &args, &source).map_err(output::error)?;
    if let Some(w) = warning {
        crate::warn(&w);
    }
    let what = if written { "DASHBOARD.md written" } else { "DASHBOARD.md up to date" };
    out.write_all(render::terminal::summary(session.model(), what).as_bytes()).map_err(output::error)?;
    crate::print_diagnostics(&session.model().diagnostics);
    out.flush().map_err(output::error)?;

    // With --commit: when the notes last changed and a commit is pending.
    let mut pending_since = args.commit.then(Instant::now);
    loop {
        let mut wait = globals.clock.until_tomorrow().unwrap_or(MAX_WAIT).min(MAX_WAIT);
        if let Some(t) = pending_since {
            wait = wait.min(args.commit_after.saturating_sub(t.elapsed()));
        }
        let Some(batch) = gathering.next_batch(&rx, wait, &mut source, &root) else { break };
        if !globals.clock.is_pinned() {
            let today = globals.clock.today();
            if today != session.today() {
                print_outcome(session.set_today(today), &globals.clock, args.verbose).map_err(output::error)?;
            }
        }
        if !batch.is_empty() {
            source.sync_tops();
            let outcome = session.apply(&batch);
            if let Ok(Some(r)) = &outcome {
                if args.commit && (!r.notes.is_empty() || r.profile.is_some()) {
                    pending_since = Some(Instant::now());
                }
            }
            print_outcome(outcome, &globals.clock, args.verbose).map_err(output::error)?;
        }
        if pending_since.is_some_and(|t| t.elapsed() >= args.commit_after) {
            pending_since = None;
            commit(&mut session, &globals.clock, &mut out).map_err(output::error)?;
        }
    }
    // After Ctrl-C the terminal itself may be gone: the last line is not worth an error.
    let _ = writeln!(out, "Stopped watching.");
    Ok(EXIT_OK)
}

/// The first line: what is watched and how.
fn print_start(out: &mut impl Write, root: &std::path::Path, args: &WatchArgs, source: &Source) -> std::io::Result<()> {
    writeln!(
        out,
        "Watching {} ({}, {} ms debounce{}). Ctrl-C to stop.",
        root.display(),
        source.backend(),
        args.debounce,
        if args.commit { format!(", committing after {} of quiet", human(args.commit_after)) } else { String::new() }
    )
}

/// How changes are gathered into one batch.
struct Gathering {
    /// A batch is complete once nothing that matters happened for this long.
    settle: Duration,
    /// The longest a batch gathers, however busy the folder.
    longest: Duration,
}

impl Gathering {
    /// Waits up to `wait` for a change, then gathers the changes that follow it into
    /// one batch; an empty batch when `wait` passed with none. `None` on Ctrl-C or
    /// when the watcher is gone.
    fn next_batch(
        &self,
        rx: &mpsc::Receiver<Input>,
        wait: Duration,
        source: &mut Source,
        root: &std::path::Path,
    ) -> Option<Batch> {
        let mut batch = Batch::default();
        let input = match rx.recv_timeout(wait) {
            Ok(input) => input,
            Err(RecvTimeoutError::Timeout) => return Some(batch),
            Err(RecvTimeoutError::Disconnected) => return None,
        };
        let mut absorbed = absorb(input, &mut batch, source, root);
        // Rebuild once nothing that matters has happened for the debounce: a
        // checkout or a sync that writes hundreds of files, with pauses between
        // them, makes one rebuild. Events that cannot matter (inside .git/,
        // droppings) do not postpone it, and neither can endless writes.
        let started = Instant::now();
        let mut last = started;
        while absorbed != Absorbed::Stop && !batch.is_empty() {
            let until = (last + self.settle).min(started + self.longest);
            let Some(left) = until.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) else {
                break;
            };
            absorbed = match rx.recv_timeout(left) {
                Ok(input) => absorb(input, &mut batch, source, root),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => Absorbed::Stop,
            };
            if absorbed == Absorbed::Relevant {
                last = Instant::now();
            }
        }
        (absorbed != Absorbed::Stop).then_some(batch)
    }
}

/// `--commit`: commits the notes after a quiet period and says what happened.
fn commit(session: &mut Session, clock: &crate::clock::Clock, out: &mut impl Write) -> std::io::Result<()> {
    let dim = Style::new().dimmed();
    let stamp = timestamp(clock);
    match session.commit() {
        Ok(CommitOutcome::Committed { id, subject }) => writeln!(out, "{dim}{stamp}{dim:#}  committed {id}: {subject}"),
        Ok(CommitOutcome::Nothing) => Ok(()),
        Ok(CommitOutcome::Blocked(why)) => writeln!(out, "{dim}{stamp}{dim:#}  not committing: {why}"),
        Err(e) => {
            crate::report(&e);
            Ok(())
        }
    }
}

/// What one input was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Absorbed {
    /// Ctrl-C, or the watcher is gone.
    Stop,
    /// Paths that can matter, or a rescan.
    Relevant,
    /// Only events that cannot matter.
    Ignored,
}

/// Adds one input to the batch and says what it was.
fn absorb(input: Input, batch: &mut Batch, source: &mut Source, root: &std::path::Path) -> Absorbed {
    match input {
        Input::Interrupt => Absorbed::Stop,
        Input::Event(event) => {
            if batch.add_events(root, std::slice::from_ref(&event)) {
                Absorbed::Relevant
            } else {
                Absorbed::Ignored
            }
        }
        Input::Error(e) => {
            // Whatever went wrong, events may have been lost: read everything again.
            batch.rescan = true;
            if watch::is_limit(&e) && source.backend() == Backend::Native {
                match source.fall_back_to_polling() {
                    Ok(interval) => crate::warn(&watch::limit_message(interval)),
                    Err(e) => {
                        crate::report(&e);
                    }
                }
            } else {
                crate::warn(&format!("the watcher reported: {e}; re-reading the workspace"));
            }
            Absorbed::Relevant
        }
    }
}

fn timestamp(clock: &crate::clock::Clock) -> String {
    clock.now().strftime("%H:%M:%S").to_string()
}

fn human(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

/// Prints one rebuild's line and the problems that came and went; `Err` only when
/// standard output cannot be written.
fn print_outcome(outcome: Result<Option<Report>>, clock: &crate::clock::Clock, verbose: bool) -> std::io::Result<()> {
    let report = match outcome {
        Ok(Some(r)) => r,
        Ok(None) => return Ok(()),
        Err(e) => {
            // The last dashboard stays; the next change tries again.
            crate::report(&e);
            return Ok(());
        }
    };
    let dim = Style::new().dimmed();
    let mut out = anstream::stdout().lock();
    let timing =
        if verbose { format!("  {dim}({:.1} ms){dim:#}", report.work.as_secs_f64() * 1000.0) } else { String::new() };
    writeln!(out, "{dim}{}{dim:#}  {}{timing}", timestamp(clock), report.line())?;
    let problem = |d: &Diagnostic, sign: &str| format!("          {sign} {}: {} [{}]", d.location(), d.message, d.code);
    for d in &report.appeared {
        let colour = match d.severity {
            crate::diag::Severity::Error => AnsiColor::Red,
            crate::diag::Severity::Warning => AnsiColor::Yellow,
            crate::diag::Severity::Info => AnsiColor::Blue,
        };
        let s = Style::new().fg_color(Some(colour.into()));
        writeln!(out, "{s}{}{s:#}", problem(d, &format!("new {}:", d.severity)))?;
    }
    for d in &report.fixed {
        let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
        writeln!(out, "{green}{}{green:#}", problem(d, "fixed:"))?;
    }
    if let Some(e) = &report.charts_error {
        crate::warn(&format!("{e}; {}", crate::cmd::build::CHARTS_LEFT_OUT));
    }
    out.flush()
}
