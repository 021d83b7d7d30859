//! `systemcraft assess [--complete|--quick] [--answer ID=N]... [--from FILE]`: take
//! the self-assessment and write the answers into assessment.md.
//!
//! With answers on the command line or in a file it runs without asking anything.
//! Otherwise, when standard input and output are both terminals, it asks one question
//! at a time in raw mode (crossterm): 1–5 answers, `b`/← back, `s`/→ skip, Enter keeps
//! an answer already given, `q`/Esc stops. Ctrl-C (the key, or SIGINT/SIGTERM/SIGHUP
//! from outside), end of input or a terminal that goes away also stop
//! ([`crate::terminal`]): the answers given so far are written, then the command exits
//! with 130, the shell's code for an interrupted program. Without a terminal and
//! without answers it is a usage error.

use std::io::{self, IsTerminal, Write};

use crate::assess::{self, Key, Prompt, Sheet, Step, Stored};
use crate::cli::AssessArgs;
use crate::domain::assessment::Form;
use crate::terminal::{Event, Key as TermKey, Stop, Terminal, EXIT_INTERRUPTED};
use crate::{output, Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: AssessArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let stored = Stored::load(&ws.root)?;
    let requested = match (args.complete, args.quick) {
        (true, _) => Some(Form::Complete),
        (_, true) => Some(Form::Quick),
        _ => None,
    };
    let form = stored.form_for(requested);
    let mut sheet = Sheet::new(form, &stored);

    if args.from.is_some() || !args.answers.is_empty() {
        if let Some(file) = &args.from {
            let (name, text) = read_from(file)?;
            for (id, value) in assess::parse_answers_file(form, &name, &text)? {
                sheet.set(id, value);
            }
        }
        for arg in &args.answers {
            let (id, value) = assess::parse_answer(form, arg)?;
            sheet.set(id, value);
        }
        save_and_report(&ws.root, &stored, &sheet, globals)?.map_err(output::error)?;
        return Ok(EXIT_OK);
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Error::Usage(
            "no answers given and no terminal to ask in: pass --answer ID=N (repeatable) or --from FILE, or run `systemcraft assess` in a terminal".into(),
        ));
    }
    interactive(&ws.root, &stored, sheet, globals)
}

/// Reads `--from FILE` (`-`: standard input).
fn read_from(file: &std::path::Path) -> Result<(String, String)> {
    // Bounded like every read: `/dev/zero` or a runaway pipe stops at the cap.
    let bytes = crate::fs::read::read_named(file)?;
    let name = if file.as_os_str() == "-" { "standard input".into() } else { file.display().to_string() };
    Ok((name, String::from_utf8_lossy(&bytes).into_owned()))
}

/// Writes the sheet into assessment.md, then prints what was saved and the report:
/// the answers are on disk before anything is printed, so a failed print loses none.
fn save_and_report(
    root: &std::path::Path,
    stored: &Stored,
    sheet: &Sheet,
    globals: &Globals,
) -> Result<io::Result<()>> {
    let saved = assess::save(root, stored, sheet, globals.today)?;
    Ok(print_saved(&mut anstream::stdout().lock(), &saved, stored, sheet, globals))
}

fn print_saved(
    out: &mut impl Write,
    saved: &assess::Saved,
    stored: &Stored,
    sheet: &Sheet,
    globals: &Globals,
) -> io::Result<()> {
    if saved.created {
        writeln!(out, "Created {} from the template.", assess::FILE)?;
    }
    if !saved.commented_out.is_empty() {
        writeln!(
            out,
            "Commented out the answers to the other form's questions in {} (the lines are kept): {}.",
            assess::FILE,
            saved.commented_out.join(", ")
        )?;
    }
    let total = sheet.form.items().len();
    writeln!(
        out,
        "Saved {} of {total} answers ({} form) to {}, taken {}.",
        sheet.answers.len(),
        sheet.form,
        assess::FILE,
        globals.today
    )?;
    write!(out, "{}", assess::report(sheet))?;
    write!(out, "{}", assess::changes(stored, sheet))?;
    out.flush()
}

/// The [`Key`] a key press means.
fn key_of(k: TermKey) -> Key {
    match k {
        TermKey::CtrlC => Key::Interrupt,
        TermKey::CtrlD => Key::Quit,
        TermKey::Char(c @ '0'..='9') => Key::Answer(c as u8 - b'0'),
        TermKey::Char('b' | 'B') | TermKey::Left | TermKey::Up | TermKey::Backspace => Key::Back,
        TermKey::Char('s' | 'S') | TermKey::Right | TermKey::Down | TermKey::Tab => Key::Skip,
        TermKey::Enter => Key::Enter,
        TermKey::Char('q' | 'Q') | TermKey::Esc => Key::Quit,
        _ => Key::Other,
    }
}

/// Asks the questions until the form is done, left, or the conversation stops; the
/// stop, if any, and the prompt with the answers given.
fn ask(term: &mut Terminal, mut prompt: Prompt, intro: String) -> (Option<Stop>, Step, Prompt) {
    term.say(&[intro]);
    term.say(&prompt.question_lines());
    loop {
        let key = match term.next(None) {
            Event::Key(k) => key_of(k),
            Event::Timeout => continue,
            Event::Stop(stop) => return (Some(stop), Step::Interrupted, prompt),
        };
        let step = prompt.press(key);
        match (key, step) {
            (Key::Answer(v), Step::Ask | Step::Finished) => term.say(&[format!("→ {v}")]),
            (Key::Skip, Step::Ask | Step::Finished) => term.say(&["→ skipped".to_string()]),
            (Key::Back, Step::Ask) => term.say(&["← back".to_string()]),
            _ => {}
        }
        match step {
            Step::Ask => term.say(&prompt.question_lines()),
            Step::Hint(h) => term.say(&[format!("({h})")]),
            Step::Finished | Step::Quit | Step::Interrupted => return (None, step, prompt),
        }
    }
}

fn interactive(root: &std::path::Path, stored: &Stored, sheet: Sheet, globals: &Globals) -> Result<i32> {
    let form = sheet.form;
    let intro = format!(
        "Self-assessment, {form} form: {} questions. Rate each from 1 to 5 for what you could show in an interview next week; when torn, take the lower value.",
        form.items().len()
    );
    let (stop, step, prompt) = {
        let mut term = Terminal::open()?;
        ask(&mut term, Prompt::new(sheet), intro)
    };
    let sheet = prompt.sheet();
    if let Some(stop) = stop {
        let _ = writeln!(anstream::stderr(), "{}: saving the answers given so far.", stop.reason());
    }
    let mut printed = writeln!(std::io::stdout());
    if prompt.changed() || (step == Step::Finished && !sheet.answers.is_empty()) {
        let reported = save_and_report(root, stored, sheet, globals)?;
        printed = printed.and(reported);
    } else if printed.is_ok() {
        printed = writeln!(std::io::stdout(), "No answer changed; {} is left as it was.", assess::FILE);
    }
    if step == Step::Interrupted {
        // The terminal may be what went away: the answers are saved, the exit says why.
        return Ok(EXIT_INTERRUPTED);
    }
    printed.map_err(output::error)?;
    Ok(EXIT_OK)
}
