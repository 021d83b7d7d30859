//! `systemcraft mock [--kind KIND] [--partner NAME] [--dry-run] [--no-timer]`: run a
//! timed mock interview in the terminal and record it in mocks/.
//!
//! The agenda comes from [`crate::mock::Agenda`]; this file drives the terminal
//! ([`crate::terminal`]): a clock line redrawn in place a few times a second while a
//! phase runs (unless `--no-timer`; otherwise the wait sleeps until a key), the keys,
//! and the final note. Ctrl-C or Ctrl-D (the key, or SIGINT, SIGTERM, SIGHUP, end of
//! input, a terminal gone) during the phases abandons the mock: nothing is written.
//! Once the phases are over the mock has happened, so a stop during the ratings or the
//! notes writes the note with what was given so far. Either way the exit code is 130.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::cli::MockArgs;
use crate::config::Config;
use crate::index::Index;
use crate::mock::session::{clock, Input, Session, Stage};
use crate::mock::{self, note, Agenda};
use crate::score::{goals, portfolio, Notes};
use crate::terminal::{Event, Key, Stop, Terminal, EXIT_INTERRUPTED};
use crate::{output, Error, Globals, Result, EXIT_OK};

/// How often the clock line is redrawn.
const TICK: Duration = Duration::from_millis(250);

/// Runs the command.
pub fn run(globals: &Globals, args: MockArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let (config, _) = Config::load(&ws.root, globals.today)?;
    let index = Index::build(&ws);
    let notes = Notes::of(&index);
    let weakest = mock::weakest_principles(&portfolio::build(&config, &notes));
    let round = Notes::counted(&notes.mocks).count();
    let kind = args.kind.kind();
    let agenda = Agenda::new(kind, &config, &weakest, round);
    let partner = args.partner.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if args.dry_run {
        let mut out = anstream::stdout().lock();
        write!(out, "{}", agenda.describe()).map_err(output::error)?;
        return Ok(EXIT_OK);
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Error::Usage(
            "a mock runs in a terminal: start `systemcraft mock` in one, or use --dry-run to print the agenda".into(),
        ));
    }
    let (session, stopped) = match interactive(Session::new(agenda), !args.no_timer)? {
        Ended::Done(session) => (session, None),
        Ended::Abandoned(stop) => {
            let _ = writeln!(
                anstream::stderr(),
                "{}: the mock was abandoned during its phases and nothing was written.",
                stop.reason()
            );
            return Ok(EXIT_INTERRUPTED);
        }
        Ended::Kept(stop, session) => {
            let _ = writeln!(anstream::stderr(), "{}: keeping the ratings and notes given so far.", stop.reason());
            (session, Some(stop))
        }
    };
    let rel = note::save(&ws.root, &session, globals.today, partner)?;
    // The note is on disk: a print that fails after it loses nothing.
    let printed = print_saved(&mut anstream::stdout().lock(), &rel, &session, &config, &ws);
    if stopped.is_some() {
        // The terminal may be what went away: the exit says the mock was stopped.
        return Ok(EXIT_INTERRUPTED);
    }
    printed.map_err(output::error)?;
    Ok(EXIT_OK)
}

/// Says where the mock was written and how the week's goal stands.
fn print_saved(
    out: &mut impl Write,
    rel: &str,
    session: &Session,
    config: &Config,
    ws: &crate::workspace::Workspace,
) -> std::io::Result<()> {
    let rated: Vec<String> = session.ratings.iter().filter_map(|(a, v)| v.map(|v| format!("{a} {v}"))).collect();
    writeln!(
        out,
        "Wrote {rel}: {} of {} phases in {}{}.",
        session.timings.len(),
        session.agenda.phases.len(),
        clock(session.total()),
        if rated.is_empty() { String::new() } else { format!(", rated {}", rated.join(", ")) }
    )?;
    // The week's goal as the dashboard will count it, the new note included.
    let index = Index::build(ws);
    let week = goals::week(config, &Notes::of(&index));
    if let Some(g) = week.goals.iter().find(|g| g.key == "mocks") {
        writeln!(out, "Mock interviews this week: {} of {}.", g.done, g.target)?;
    }
    writeln!(out, "Add the stories you told under `stories:`, then `systemcraft build`.")
}

/// What a key means at a stage; `None` for keys that do nothing there.
fn input_of(stage: Stage, k: Key) -> Option<Input> {
    let notes = stage == Stage::Notes;
    Some(match k {
        Key::Enter => Input::Next,
        Key::Esc => Input::Stop,
        Key::Backspace if notes => Input::Erase,
        Key::Char(c) if notes => Input::Char(c),
        Key::Char(' ' | 'n' | 'N') | Key::Right | Key::Tab if matches!(stage, Stage::Phase(_)) => Input::Next,
        Key::Char(c @ '0'..='9') => Input::Digit(c as u8 - b'0'),
        Key::Char('s' | 'S') | Key::Right | Key::Tab => Input::Skip,
        Key::Char('b' | 'B') | Key::Left | Key::Backspace => Input::Back,
        Key::Char('q' | 'Q') => Input::Stop,
        _ => return None,
    })
}

/// Redraws the clock line in place.
fn draw_clock(term: &mut Terminal, session: &Session, now: Duration) {
    term.write(&format!("\r\x1b[2K{}", session.clock_line(now)));
}

/// What to show when a stage starts.
fn announce(term: &mut Terminal, session: &Session, timer: bool, now: Duration) {
    match session.stage {
        Stage::Phase(_) => {
            term.say(&session.phase_lines());
            if timer {
                draw_clock(term, session, now);
            }
        }
        Stage::Rating(_) => term.say(&[session.rating_line()]),
        Stage::Notes => term.write("Notes (one line: what to fix next time; Enter saves, Esc leaves it empty): "),
        Stage::Done => {}
    }
}

/// How a session in the terminal ended.
enum Ended {
    /// Everything asked.
    Done(Session),
    /// Stopped during the phases: nothing to keep.
    Abandoned(Stop),
    /// Stopped after the phases: the ratings and notes given so far are kept.
    Kept(Stop, Session),
}

/// Runs the session in raw mode.
fn interactive(mut session: Session, timer: bool) -> Result<Ended> {
    let mut term = Terminal::open()?;
    let intro: Vec<String> = session.agenda.describe().lines().map(str::to_string).collect();
    term.say(&intro);
    term.say(&[format!(
        "The clock starts now{}. Enter, space or n: next phase · q: end the phases now · Ctrl-C: abandon.",
        if timer { "" } else { " (not shown: --no-timer)" }
    )]);
    let start = Instant::now();
    announce(&mut term, &session, timer, Duration::ZERO);
    loop {
        // The clock line is redrawn only while it is shown; otherwise the wait sleeps
        // until a key or a stop.
        let ticking = timer && matches!(session.stage, Stage::Phase(_));
        let key = match term.next(ticking.then_some(TICK)) {
            Event::Key(Key::CtrlD) => Err(Stop::CtrlC),
            Event::Key(k) => Ok(k),
            Event::Timeout => {
                if ticking {
                    draw_clock(&mut term, &session, start.elapsed());
                }
                continue;
            }
            Event::Stop(stop) => Err(stop),
        };
        let key = match key {
            Ok(k) => k,
            Err(stop) => {
                term.say(&[String::new()]);
                return Ok(if session.phases_over() { Ended::Kept(stop, session) } else { Ended::Abandoned(stop) });
            }
        };
        let Some(input) = input_of(session.stage, key) else { continue };
        if step(&mut term, &mut session, input, timer, start.elapsed()) {
            term.say(&[String::new()]);
            return Ok(Ended::Done(session));
        }
    }
}

/// Applies one input and shows what changed; `true` when the session is done.
fn step(term: &mut Terminal, session: &mut Session, input: Input, timer: bool, now: Duration) -> bool {
    let before = session.stage;
    let after = session.press(input, now);
    match (before, after) {
        (Stage::Phase(_), Stage::Phase(_) | Stage::Rating(_)) => {
            if let Some(t) = session.timings.last() {
                let line = format!("  done in {}", clock(t.spent));
                if timer {
                    term.write("\r\x1b[2K");
                }
                term.say(&[line]);
            }
            if matches!(after, Stage::Rating(_)) {
                term.say(&[String::new(), format!("Phases over after {}.", clock(session.total()))]);
            }
            announce(term, session, timer, now);
        }
        (Stage::Rating(_), _) => {
            let shown = match input {
                Input::Digit(v @ 1..=5) => format!("→ {v}"),
                Input::Skip | Input::Next => "→ skipped".into(),
                Input::Back => "← back".into(),
                Input::Stop => "→ the rest skipped".into(),
                _ => "(rate from 1 to 5)".into(),
            };
            term.say(&[shown]);
            if after != before || matches!(input, Input::Back) {
                announce(term, session, timer, now);
            }
        }
        (Stage::Notes, Stage::Notes) => match input {
            Input::Erase => term.write("\x08 \x08"),
            Input::Char(c) => term.write(&c.to_string()),
            _ => {}
        },
        (_, Stage::Done) => return true,
        _ => {}
    }
    false
}
