//! `systemcraft mock [--kind KIND] [--partner NAME] [--dry-run] [--no-timer]`: run a
//! timed mock interview in the terminal and record it in mocks/.
//!
//! The agenda comes from [`crate::mock::Agenda`]; this file owns the terminal: raw
//! mode (crossterm), a clock line redrawn in place a few times a second (unless
//! `--no-timer`), the keys, and the final note. Ctrl-C (the key, or SIGINT, SIGTERM,
//! SIGHUP) abandons the mock: nothing is written and the exit code is 130.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::assess::{say, RawMode, EXIT_INTERRUPTED};
use crate::cli::MockArgs;
use crate::config::Config;
use crate::index::Index;
use crate::mock::session::{clock, Input, Session, Stage};
use crate::mock::{self, note, Agenda};
use crate::score::{goals, portfolio, Notes};
use crate::{Error, Globals, Result, EXIT_OK};

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
        let _ = write!(out, "{}", agenda.describe());
        return Ok(EXIT_OK);
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Error::Usage(
            "a mock runs in a terminal: start `systemcraft mock` in one, or use --dry-run to print the agenda".into(),
        ));
    }
    let Some(session) = interactive(Session::new(agenda), !args.no_timer)? else {
        let _ = writeln!(anstream::stderr(), "Interrupted: the mock was abandoned and nothing was written.");
        return Ok(EXIT_INTERRUPTED);
    };
    let rel = note::save(&ws.root, &session, globals.today, partner)?;
    let mut out = anstream::stdout().lock();
    let rated: Vec<String> = session.ratings.iter().filter_map(|(a, v)| v.map(|v| format!("{a} {v}"))).collect();
    let _ = writeln!(
        out,
        "Wrote {rel}: {} of {} phases in {}{}.",
        session.timings.len(),
        session.agenda.phases.len(),
        clock(session.total()),
        if rated.is_empty() { String::new() } else { format!(", rated {}", rated.join(", ")) }
    );
    // The week's goal as the dashboard will count it, the new note included.
    let index = Index::build(&ws);
    let week = goals::week(&config, &Notes::of(&index));
    if let Some(g) = week.goals.iter().find(|g| g.key == "mocks") {
        let _ = writeln!(out, "Mock interviews this week: {} of {}.", g.done, g.target);
    }
    let _ = writeln!(out, "Add the stories you told under `stories:`, then `systemcraft build`.");
    Ok(EXIT_OK)
}

/// What a key means at a stage; `None` for keys that do nothing there.
fn input_of(stage: Stage, k: KeyEvent) -> Option<Input> {
    let notes = stage == Stage::Notes;
    Some(match k.code {
        KeyCode::Enter => Input::Next,
        KeyCode::Esc => Input::Stop,
        KeyCode::Backspace if notes => Input::Erase,
        KeyCode::Char(c) if notes => Input::Char(c),
        KeyCode::Char(' ' | 'n' | 'N') | KeyCode::Right | KeyCode::Tab if matches!(stage, Stage::Phase(_)) => {
            Input::Next
        }
        KeyCode::Char(c @ '0'..='9') => Input::Digit(c as u8 - b'0'),
        KeyCode::Char('s' | 'S') | KeyCode::Right | KeyCode::Tab => Input::Skip,
        KeyCode::Char('b' | 'B') | KeyCode::Left | KeyCode::Backspace => Input::Back,
        KeyCode::Char('q' | 'Q') => Input::Stop,
        _ => return None,
    })
}

/// Redraws the clock line in place.
fn draw_clock(out: &mut impl Write, session: &Session, now: Duration) {
    let _ = write!(out, "\r\x1b[2K{}", session.clock_line(now));
    let _ = out.flush();
}

/// What to show when a stage starts.
fn announce(out: &mut impl Write, session: &Session, timer: bool, now: Duration) {
    match session.stage {
        Stage::Phase(_) => {
            say(out, &session.phase_lines());
            if timer {
                draw_clock(out, session, now);
            }
        }
        Stage::Rating(_) => say(out, &[session.rating_line()]),
        Stage::Notes => {
            let _ = write!(out, "Notes (one line: what to fix next time; Enter saves, Esc leaves it empty): ");
            let _ = out.flush();
        }
        Stage::Done => {}
    }
}

/// Runs the session in raw mode; `None` when it was interrupted.
fn interactive(mut session: Session, timer: bool) -> Result<Option<Session>> {
    // SIGINT/SIGTERM/SIGHUP from outside abandon the mock as the Ctrl-C key does.
    let signalled = Arc::new(AtomicBool::new(false));
    let flag = signalled.clone();
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let key_error = |e| Error::io("cannot read keys from", "the terminal", e);

    let mut out = std::io::stdout();
    let _raw = RawMode::enable()?;
    let intro: Vec<String> = session.agenda.describe().lines().map(str::to_string).collect();
    say(&mut out, &intro);
    say(
        &mut out,
        &[format!(
            "The clock starts now{}. Enter, space or n: next phase · q: end the phases now · Ctrl-C: abandon.",
            if timer { "" } else { " (not shown: --no-timer)" }
        )],
    );
    let start = Instant::now();
    announce(&mut out, &session, timer, Duration::ZERO);
    loop {
        if signalled.load(Ordering::SeqCst) {
            say(&mut out, &[String::new()]);
            return Ok(None);
        }
        if !event::poll(TICK).map_err(key_error)? {
            if timer && matches!(session.stage, Stage::Phase(_)) {
                draw_clock(&mut out, &session, start.elapsed());
            }
            continue;
        }
        let Event::Key(k) = event::read().map_err(key_error)? else { continue };
        if k.kind != KeyEventKind::Press {
            continue;
        }
        if k.modifiers.contains(KeyModifiers::CONTROL) && matches!(k.code, KeyCode::Char('c' | 'd')) {
            say(&mut out, &[String::new()]);
            return Ok(None);
        }
        let Some(input) = input_of(session.stage, k) else { continue };
        let before = session.stage;
        let now = start.elapsed();
        let after = session.press(input, now);
        match (before, after) {
            (Stage::Phase(_), Stage::Phase(_) | Stage::Rating(_)) => {
                if let Some(t) = session.timings.last() {
                    let line = format!("  done in {}", clock(t.spent));
                    if timer {
                        let _ = write!(out, "\r\x1b[2K");
                    }
                    say(&mut out, &[line]);
                }
                if matches!(after, Stage::Rating(_)) {
                    say(&mut out, &[String::new(), format!("Phases over after {}.", clock(session.total()))]);
                }
                announce(&mut out, &session, timer, now);
            }
            (Stage::Rating(_), _) => {
                let shown = match input {
                    Input::Digit(v @ 1..=5) => format!("→ {v}"),
                    Input::Skip | Input::Next => "→ skipped".into(),
                    Input::Back => "← back".into(),
                    Input::Stop => "→ the rest skipped".into(),
                    _ => "(rate from 1 to 5)".into(),
                };
                say(&mut out, &[shown]);
                if after != before || matches!(input, Input::Back) {
                    announce(&mut out, &session, timer, now);
                }
            }
            (Stage::Notes, Stage::Notes) => {
                match input {
                    Input::Erase => {
                        let _ = write!(out, "\x08 \x08");
                    }
                    Input::Char(c) => {
                        let _ = write!(out, "{c}");
                    }
                    _ => {}
                }
                let _ = out.flush();
            }
            (_, Stage::Done) => {
                say(&mut out, &[String::new()]);
                return Ok(Some(session));
            }
            _ => {}
        }
    }
}
