//! `systemcraft assess [--complete|--quick] [--answer ID=N]... [--from FILE]`: take
//! the self-assessment and write the answers into assessment.md.
//!
//! With answers on the command line or in a file it runs without asking anything.
//! Otherwise, when standard input and output are both terminals, it asks one question
//! at a time in raw mode (crossterm): 1–5 answers, `b`/← back, `s`/→ skip, Enter keeps
//! an answer already given, `q`/Esc stops. Ctrl-C (the key, or SIGINT/SIGTERM/SIGHUP
//! from outside) also stops: the answers given so far are written, then the command
//! exits with 130, the shell's code for an interrupted program. Without a terminal and
//! without answers it is a usage error.

use std::io::{IsTerminal, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use crate::assess::{self, Key, Prompt, Sheet, Step, Stored};
use crate::cli::AssessArgs;
use crate::domain::assessment::Form;
use crate::{Error, Globals, Result, EXIT_OK};

/// The exit code after an interrupt (128 + SIGINT), with the answers saved.
pub const EXIT_INTERRUPTED: i32 = 130;

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
        save_and_report(&ws.root, &stored, &sheet, globals)?;
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
    if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| Error::io("cannot read", "standard input", e))?;
        return Ok(("standard input".into(), text));
    }
    let bytes = std::fs::read(file).map_err(|e| Error::io("cannot read", file, e))?;
    Ok((file.display().to_string(), String::from_utf8_lossy(&bytes).into_owned()))
}

/// Writes the sheet into assessment.md and prints what was saved and the report.
fn save_and_report(root: &std::path::Path, stored: &Stored, sheet: &Sheet, globals: &Globals) -> Result<()> {
    let saved = assess::save(root, stored, sheet, globals.today)?;
    let mut out = anstream::stdout().lock();
    if saved.created {
        let _ = writeln!(out, "Created {} from the template.", assess::FILE);
    }
    if !saved.commented_out.is_empty() {
        let _ = writeln!(
            out,
            "Commented out the answers to the other form's questions in {} (the lines are kept): {}.",
            assess::FILE,
            saved.commented_out.join(", ")
        );
    }
    let total = sheet.form.items().len();
    let _ = writeln!(
        out,
        "Saved {} of {total} answers ({} form) to {}, taken {}.",
        sheet.answers.len(),
        sheet.form,
        assess::FILE,
        globals.today
    );
    let _ = write!(out, "{}", assess::report(sheet));
    let _ = write!(out, "{}", assess::changes(stored, sheet));
    Ok(())
}

/// Raw mode for as long as it lives (also used by `mock`).
pub(crate) struct RawMode;

impl RawMode {
    /// Switches the terminal to raw mode until the value is dropped.
    pub(crate) fn enable() -> Result<RawMode> {
        terminal::enable_raw_mode().map_err(|e| Error::io("cannot read keys from", "the terminal", e))?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// The [`Key`] a key press means.
fn key_of(k: KeyEvent) -> Key {
    if k.modifiers.contains(KeyModifiers::CONTROL) {
        return match k.code {
            KeyCode::Char('c') => Key::Interrupt,
            KeyCode::Char('d') => Key::Quit,
            _ => Key::Other,
        };
    }
    match k.code {
        KeyCode::Char(c @ '0'..='9') => Key::Answer(c as u8 - b'0'),
        KeyCode::Char('b' | 'B') | KeyCode::Left | KeyCode::Up | KeyCode::Backspace => Key::Back,
        KeyCode::Char('s' | 'S') | KeyCode::Right | KeyCode::Down | KeyCode::Tab => Key::Skip,
        KeyCode::Enter => Key::Enter,
        KeyCode::Char('q' | 'Q') | KeyCode::Esc => Key::Quit,
        _ => Key::Other,
    }
}

/// Writes lines in raw mode (which needs `\r\n`).
pub(crate) fn say(out: &mut impl Write, lines: &[String]) {
    for line in lines {
        let _ = write!(out, "{line}\r\n");
    }
    let _ = out.flush();
}

fn interactive(root: &std::path::Path, stored: &Stored, sheet: Sheet, globals: &Globals) -> Result<i32> {
    // SIGINT/SIGTERM/SIGHUP from outside stop the loop like Ctrl-C does; in raw mode
    // the Ctrl-C key itself arrives as a key press.
    let signalled = Arc::new(AtomicBool::new(false));
    let flag = signalled.clone();
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));

    let form = sheet.form;
    let mut prompt = Prompt::new(sheet);
    let mut out = std::io::stdout();
    let intro = format!(
        "Self-assessment, {form} form: {} questions. Rate each from 1 to 5 for what you could show in an interview next week; when torn, take the lower value.",
        form.items().len()
    );
    let step = {
        let _raw = RawMode::enable()?;
        say(&mut out, &[intro]);
        say(&mut out, &prompt.question_lines());
        loop {
            if signalled.load(Ordering::SeqCst) {
                break Step::Interrupted;
            }
            let ready = event::poll(Duration::from_millis(100))
                .map_err(|e| Error::io("cannot read keys from", "the terminal", e))?;
            if !ready {
                continue;
            }
            let Event::Key(k) = event::read().map_err(|e| Error::io("cannot read keys from", "the terminal", e))?
            else {
                continue;
            };
            if k.kind != KeyEventKind::Press {
                continue;
            }
            let key = key_of(k);
            let step = prompt.press(key);
            match (key, step) {
                (Key::Answer(v), Step::Ask | Step::Finished) => say(&mut out, &[format!("→ {v}")]),
                (Key::Skip, Step::Ask | Step::Finished) => say(&mut out, &["→ skipped".to_string()]),
                (Key::Back, Step::Ask) => say(&mut out, &["← back".to_string()]),
                _ => {}
            }
            match step {
                Step::Ask => say(&mut out, &prompt.question_lines()),
                Step::Hint(h) => say(&mut out, &[format!("({h})")]),
                Step::Finished | Step::Quit | Step::Interrupted => break step,
            }
        }
    };
    let _ = writeln!(out);
    let sheet = prompt.sheet();
    let mut err = anstream::stderr();
    if step == Step::Interrupted {
        let _ = writeln!(err, "Interrupted: saving the answers given so far.");
    }
    if prompt.changed() || (step == Step::Finished && !sheet.answers.is_empty()) {
        save_and_report(root, stored, sheet, globals)?;
    } else {
        let _ = writeln!(out, "No answer changed; {} is left as it was.", assess::FILE);
    }
    Ok(if step == Step::Interrupted { EXIT_INTERRUPTED } else { EXIT_OK })
}
