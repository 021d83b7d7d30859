//! `systemcraft practice [--lp SLUG] [--story SLUG] [--minutes N] [--rating R]`:
//! rehearse one story out loud and record it in today's log.
//!
//! In a terminal: the story and an interview question are shown, Enter starts a
//! visible countdown, Enter again stops it, then a key rates the answer (1/a again,
//! 2/h hard, 3/g good, 4/e easy). `q`/Esc leaves without recording; Ctrl-C (or a
//! SIGINT/SIGTERM/SIGHUP, end of input, a terminal gone: [`crate::terminal`]) too,
//! with exit code 130. The rating is the only answer and is recorded as it is typed,
//! so a stop never loses one. With `--rating` nothing is asked:
//! the rehearsal is recorded at once. Without a terminal and without `--rating` it is
//! a usage error.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use super::lookup;
use crate::cli::PracticeArgs;
use crate::domain::principles::Principle;
use crate::note::kinds::Rating;
use crate::pipeline::Pipeline;
use crate::practice::rehearsal::{self, Entry, Pick};
use crate::score::portfolio;
use crate::terminal::{Event, Key as TermKey, Stop, Terminal, EXIT_INTERRUPTED};
use crate::{output, Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: PracticeArgs) -> Result<i32> {
    let lp = args
        .lp
        .as_deref()
        .map(|name| lookup(name, "Leadership Principle", Principle::parse, Principle::suggest, &Principle::slugs()))
        .transpose()?;
    let rating = args
        .rating
        .as_deref()
        .map(|r| lookup(r, "rating", Rating::parse, Rating::suggest, &Rating::slugs()))
        .transpose()?;
    let ws = globals.workspace()?;
    let mut pipeline = Pipeline::load(ws, globals.today)?;
    let model = pipeline.model();
    let rehearsed = portfolio::rehearsed(&pipeline.config, &pipeline.index);
    let pick = rehearsal::choose(&model, &rehearsed, lp, args.story.as_deref())?;
    let minutes = args.minutes.map_or(pipeline.config.star.max_minutes, f64::from);

    let mut pending = None;
    let entry = match rating {
        Some(rating) => {
            // Shown before the rehearsal is recorded, but a failed print does not stop
            // the recording: the error comes after it, with the log whole.
            let shown = say_pick(&mut anstream::stdout(), &pick, "\n");
            pending = shown.err();
            Entry { story: pick.story.clone(), rating, seconds: args.seconds }
        }
        None => {
            if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
                return Err(Error::Usage(
                    "no terminal to rehearse in: pass --rating again|hard|good|easy to record a rehearsal, or run `systemcraft practice` in a terminal".into(),
                ));
            }
            match interactive(&pick, minutes)? {
                Outcome::Rated(rating, seconds) => Entry { story: pick.story.clone(), rating, seconds: Some(seconds) },
                Outcome::Quit => {
                    writeln!(anstream::stdout(), "Nothing recorded.").map_err(output::error)?;
                    return Ok(EXIT_OK);
                }
                Outcome::Stopped(stop) => {
                    let _ = writeln!(anstream::stderr(), "{}: nothing recorded.", stop.reason());
                    return Ok(EXIT_INTERRUPTED);
                }
            }
        }
    };
    let recorded = rehearsal::record(&pipeline.workspace.root, globals.today, &entry)?;
    // The schedule as the next build will see it, from the log just written.
    let after = Pipeline::load(pipeline.workspace, globals.today)?;
    let next = portfolio::rehearsed(&after.config, &after.index).get(pick.story.as_str()).map(|(s, _)| *s);
    let printed = print_recorded(&mut anstream::stdout(), &pick, &entry, &recorded, next, &after);
    match pending.map_or(printed, Err) {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => Err(output::error(e)),
    }
}

/// Says what was recorded and when the story is due next.
fn print_recorded(
    out: &mut impl Write,
    pick: &Pick,
    entry: &Entry,
    recorded: &rehearsal::Recorded,
    next: Option<crate::repetition::Schedule>,
    after: &Pipeline,
) -> std::io::Result<()> {
    let timed = entry.seconds.map(|s| format!(", {}:{:02}", s / 60, s % 60)).unwrap_or_default();
    writeln!(
        out,
        "Recorded \"{}\" ({}{timed}) in {}{}.",
        pick.title,
        entry.rating,
        recorded.path,
        if recorded.created { ", created for today" } else { "" }
    )?;
    let Some(s) = next else { return Ok(()) };
    let days = |n: i32| format!("{n} day{}", if n == 1 { "" } else { "s" });
    let uncapped = s.last.checked_add(jiff::Span::new().days(i64::from(s.interval))).unwrap_or(s.due);
    // Beyond the calendar nothing is capped: the interview would have to come after
    // the last rehearsal, which is already the last date there is.
    let capped = !s.beyond_calendar && s.due < uncapped;
    match after.config.profile.interview_date.filter(|_| capped) {
        _ if s.beyond_calendar => writeln!(
            out,
            "Next rehearsal: not set; the interval of {} runs past {}, the last date systemcraft handles.",
            days(s.interval),
            jiff::civil::Date::MAX
        ),
        Some(interview) => writeln!(
            out,
            "Next rehearsal: {}, the day before the interview on {interview} (the interval would be {}).",
            s.due,
            days(s.interval)
        ),
        None => writeln!(out, "Next rehearsal: {} (interval {}).", s.due, days(s.interval)),
    }
}

/// Shows the story, why it was picked and the question. `nl` is the line ending
/// (`\r\n` in raw mode).
fn say_pick(out: &mut impl Write, pick: &Pick, nl: &str) -> std::io::Result<()> {
    write!(out, "Story: {} ({}; {}){nl}", pick.title, pick.path, pick.reason)?;
    if let Some(p) = pick.principle {
        write!(out, "Principle: {}{nl}", p.label())?;
    }
    write!(out, "Question: {}{nl}", pick.question)?;
    out.flush()
}

/// How an interactive rehearsal ended.
enum Outcome {
    /// Rated, with the seconds the answer took.
    Rated(Rating, u64),
    /// `q` or Esc.
    Quit,
    /// Ctrl-C, a signal, or the terminal gone.
    Stopped(Stop),
}

/// A key as the rehearsal reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Enter,
    Quit,
    Rate(Rating),
    Other,
}

/// Waits up to `wait` for a key press: `Ok(None)` when none came, `Err` when the
/// conversation stopped.
fn key(term: &mut Terminal, wait: Option<Duration>) -> std::result::Result<Option<Key>, Stop> {
    let k = match term.next(wait) {
        Event::Key(k) => k,
        Event::Timeout => return Ok(None),
        Event::Stop(stop) => return Err(stop),
    };
    Ok(Some(match k {
        TermKey::Enter | TermKey::Char(' ') => Key::Enter,
        TermKey::Esc | TermKey::CtrlD | TermKey::Char('q' | 'Q') => Key::Quit,
        TermKey::Char('1' | 'a' | 'A') => Key::Rate(Rating::Again),
        TermKey::Char('2' | 'h' | 'H') => Key::Rate(Rating::Hard),
        TermKey::Char('3' | 'g' | 'G') => Key::Rate(Rating::Good),
        TermKey::Char('4' | 'e' | 'E') => Key::Rate(Rating::Easy),
        _ => Key::Other,
    }))
}

/// `2:05`.
fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

fn interactive(pick: &Pick, minutes: f64) -> Result<Outcome> {
    let mut term = Terminal::open()?;
    Ok(rehearse(&mut term, pick, minutes).unwrap_or_else(Outcome::Stopped))
}

/// The three stages: wait for Enter, the clock, the rating.
fn rehearse(term: &mut Terminal, pick: &Pick, minutes: f64) -> std::result::Result<Outcome, Stop> {
    let mut out = std::io::stdout();
    // The screen of the session: a terminal gone is noticed by the next read.
    let _ = say_pick(&mut out, pick, "\r\n");
    let total = (minutes * 60.0).round().max(1.0) as u64;
    term.write(&format!("Answer out loud in {}. Press Enter to start the clock (q to leave).\r\n", clock(total)));
    loop {
        match key(term, None)? {
            Some(Key::Enter) => break,
            Some(Key::Quit) => return Ok(Outcome::Quit),
            _ => {}
        }
    }
    let started = Instant::now();
    let elapsed = loop {
        let elapsed = started.elapsed();
        let secs = elapsed.as_secs();
        let line = if secs < total {
            format!("\r  {} left — Enter when you are done ", clock(total - secs))
        } else {
            format!("\r  time is up, {} over — Enter to stop ", clock(secs - total))
        };
        term.write(&line);
        // Sleep until the clock's next second (or a key).
        let to_next_second = Duration::from_secs(secs + 1).saturating_sub(elapsed);
        match key(term, Some(to_next_second))? {
            Some(Key::Enter) => break started.elapsed().as_secs(),
            Some(Key::Quit) => return Ok(Outcome::Quit),
            _ => {}
        }
    };
    term.write(&format!("\r\nYou spoke for {}. How did it go? 1 again · 2 hard · 3 good · 4 easy\r\n", clock(elapsed)));
    loop {
        match key(term, None)? {
            Some(Key::Rate(r)) => {
                term.write(&format!("→ {r}\r\n"));
                return Ok(Outcome::Rated(r, elapsed));
            }
            Some(Key::Quit) => return Ok(Outcome::Quit),
            _ => {}
        }
    }
}
