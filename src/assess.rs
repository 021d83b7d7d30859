//! The self-assessment as `systemcraft assess` works on it: what assessment.md holds,
//! answers given on the command line or in a file, writing them back into the front
//! matter without touching anything else, the question-by-question [`Prompt`] the
//! interactive mode steps through, and the printed report (score, bands, study path,
//! learning path).
//!
//! Nothing here reads the terminal or prints: `cmd/assess.rs` does, with these
//! pieces. Scoring itself is [`crate::domain::assessment::score`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;

use crate::domain::assessment::{self, AssessmentResult, Form, Group, Item};
use crate::domain::{did_you_mean, normalise};
use crate::note::front_matter::{scalar_pairs, Editor};
use crate::note::{self, Data, Kind};
use crate::{Error, Result};

/// The assessment's file name, at the workspace root.
pub const FILE: &str = "assessment.md";

/// What assessment.md holds now.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// Its text, when the file exists.
    pub text: Option<String>,
    /// The form it names (quick when it names none).
    pub form: Option<Form>,
    /// The `taken` date.
    pub taken: Option<Date>,
    /// Its valid answers (1–5, questions of its form).
    pub answers: BTreeMap<String, u8>,
}

impl Stored {
    /// Reads `root/assessment.md`; a missing file is an empty assessment.
    pub fn load(root: &Path) -> Result<Stored> {
        match crate::fs::read::read_in(root, FILE) {
            Ok(bytes) => Ok(Stored::parse(&String::from_utf8_lossy(&bytes))),
            Err(e) if e.is_not_found() => Ok(Stored::default()),
            Err(e) => Err(e),
        }
    }

    /// Reads an assessment's text the way `build` does.
    pub fn parse(text: &str) -> Stored {
        let note = note::parse(FILE, Kind::Assessment, text.as_bytes());
        let Data::Assessment(a) = note.data else {
            return Stored { text: Some(text.to_string()), ..Stored::default() };
        };
        Stored { text: Some(text.to_string()), form: a.form, taken: a.taken, answers: a.answers }
    }

    /// The form to work on: the one asked for, else the file's, else quick.
    pub fn form_for(&self, requested: Option<Form>) -> Form {
        requested.or(self.form).unwrap_or(Form::Quick)
    }

    /// The result, when every question of its form has an answer.
    pub fn result(&self) -> Option<AssessmentResult> {
        assessment::score(self.form.unwrap_or(Form::Quick), &self.answers)
    }
}

/// Answers to one form, as they are being collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The form.
    pub form: Form,
    /// Answers 1–5 by question id.
    pub answers: BTreeMap<String, u8>,
}

impl Sheet {
    /// A sheet for `form`, starting from the stored answers to questions it shares.
    pub fn new(form: Form, stored: &Stored) -> Sheet {
        let answers =
            stored.answers.iter().filter(|(id, _)| form.item(id).is_some()).map(|(k, v)| (k.clone(), *v)).collect();
        Sheet { form, answers }
    }

    /// Records an answer.
    pub fn set(&mut self, id: &str, value: u8) {
        self.answers.insert(id.to_string(), value);
    }

    /// The result, when every question has an answer.
    pub fn result(&self) -> Option<AssessmentResult> {
        assessment::score(self.form, &self.answers)
    }

    /// The questions still without an answer, in form order.
    pub fn missing(&self) -> Vec<&'static Item> {
        self.form.items().iter().filter(|i| !self.answers.contains_key(i.id)).collect()
    }
}

/// Finds the question `id` names in `form`, or explains the usage error.
pub fn question(form: Form, id: &str) -> Result<&'static Item> {
    let wanted = normalise(id);
    if let Some(item) = form.item(&wanted) {
        return Ok(item);
    }
    let other = match form {
        Form::Quick => Form::Complete,
        Form::Complete => Form::Quick,
    };
    if other.item(&wanted).is_some() {
        let flag = match other {
            Form::Quick => "--quick",
            Form::Complete => "--complete",
        };
        return Err(Error::Usage(format!(
            "`{wanted}` is a question of the {other} form, not the {form} one: add {flag} to answer that form"
        )));
    }
    Err(Error::Usage(match did_you_mean(id, form.items().iter().map(|i| i.id)) {
        Some(s) => format!("unknown question \"{id}\": did you mean `{s}`?"),
        None => format!(
            "unknown question \"{id}\"; the {form} form asks: {}",
            form.items().iter().map(|i| i.id).collect::<Vec<_>>().join(", ")
        ),
    }))
}

/// Reads an answer value: a whole number from 1 to 5.
fn answer_value(id: &str, value: &str) -> Result<u8> {
    match value.trim().parse::<u8>() {
        Ok(v @ 1..=5) => Ok(v),
        _ => Err(Error::Usage(format!(
            "the answer to `{id}` must be a whole number from 1 to 5, not \"{}\"",
            value.trim()
        ))),
    }
}

/// Reads one `--answer ID=N` (also `ID:N`).
pub fn parse_answer(form: Form, arg: &str) -> Result<(&'static str, u8)> {
    let Some((id, value)) = arg.split_once(['=', ':']) else {
        return Err(Error::Usage(format!("--answer \"{arg}\": write it as ID=N, e.g. design-at-scale=4")));
    };
    let item = question(form, id)?;
    Ok((item.id, answer_value(item.id, value)?))
}

/// Reads answers from a file's text: `id: N` per line, or YAML with an `answers:`
/// mapping (an assessment.md from elsewhere works too). Empty values are skipped;
/// at the top level, `form` and `taken` are not questions.
pub fn parse_answers_file(form: Form, name: &str, text: &str) -> Result<Vec<(&'static str, u8)>> {
    let (pairs, nested) = scalar_pairs(text, "answers").map_err(|e| Error::Usage(format!("{name}: {e}")))?;
    let mut out = Vec::new();
    for (id, value) in pairs {
        if value.trim().is_empty() || (!nested && matches!(id.as_str(), "form" | "taken")) {
            continue;
        }
        let item = question(form, &id).map_err(|e| Error::Usage(format!("{name}: {e}")))?;
        let v = answer_value(item.id, &value).map_err(|e| Error::Usage(format!("{name}: {e}")))?;
        out.push((item.id, v));
    }
    Ok(out)
}

/// The new text of assessment.md and what changed besides the answers.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The whole new text.
    pub text: String,
    /// Keys of the other form's questions turned into comments (their lines are kept).
    pub commented_out: Vec<String>,
}

fn edit_error(e: impl std::fmt::Display) -> Error {
    Error::Edit { path: FILE.into(), message: e.to_string() }
}

/// Error diagnostics of an assessment text, by code.
fn error_codes(text: &str) -> Vec<&'static str> {
    let note = note::parse(FILE, Kind::Assessment, text.as_bytes());
    let mut codes: Vec<&'static str> =
        note.diagnostics.iter().filter(|d| d.severity == crate::diag::Severity::Error).map(|d| d.code).collect();
    codes.sort_unstable();
    codes
}

/// Writes `sheet` into an assessment's text (`None`: the template's): `form`,
/// `taken: today`, and each answer that differs from what is written. Every other
/// line stays as it was. Questions of the form without a key get an empty one;
/// answers to the other form's questions are commented out, so they are kept but no
/// longer read. The result is read back and must hold exactly the sheet's answers.
pub fn apply(text: Option<&str>, sheet: &Sheet, today: Date) -> Result<Applied> {
    let base = match text {
        Some(t) => t.to_string(),
        None => crate::template::text(FILE).unwrap_or_default(),
    };
    let mut e = Editor::front_matter(&base).map_err(edit_error)?;
    if e.get("form").as_deref() != Some(sheet.form.slug()) {
        e.set("form", sheet.form.slug()).map_err(edit_error)?;
    }
    e.set("taken", &today.to_string()).map_err(edit_error)?;

    let mut written: BTreeMap<String, String> = BTreeMap::new();
    let mut commented_out = Vec::new();
    for key in e.nested_keys("answers").map_err(edit_error)? {
        let id = normalise(&key);
        if sheet.form.item(&id).is_some() {
            written.entry(id).or_insert(key);
        } else if Form::ALL.iter().any(|f| f.item(&id).is_some()) {
            e.comment_out_nested("answers", &key).map_err(edit_error)?;
            commented_out.push(key);
        }
    }
    for item in sheet.form.items() {
        let key = written.get(item.id).cloned().unwrap_or_else(|| item.id.to_string());
        let now = e.get_nested("answers", &key).map_err(edit_error)?;
        match sheet.answers.get(item.id) {
            Some(v) if now.as_deref().and_then(|n| n.trim_matches(['"', '\'']).parse::<u8>().ok()) != Some(*v) => {
                e.set_nested("answers", &key, &v.to_string()).map_err(edit_error)?;
            }
            None if now.is_none() => e.set_nested("answers", &key, "").map_err(edit_error)?,
            _ => {}
        }
    }
    let out = e.finish();

    // Read it back as `build` will: the same answers, and no new errors.
    let back = Stored::parse(&out);
    let before = error_codes(&base);
    let mut after = error_codes(&out);
    for code in before {
        if let Some(p) = after.iter().position(|c| *c == code) {
            after.remove(p);
        }
    }
    if back.form != Some(sheet.form) || back.answers != sheet.answers || !after.is_empty() {
        return Err(edit_error(format!(
            "the answers would not read back as given ({}); check the `answers:` block",
            if after.is_empty() { "different values".to_string() } else { after.join(", ") }
        )));
    }
    Ok(Applied { text: out, commented_out })
}

/// What [`save`] did.
#[derive(Debug, Clone)]
pub struct Saved {
    /// Whether assessment.md was created from the template.
    pub created: bool,
    /// Keys commented out (see [`apply`]).
    pub commented_out: Vec<String>,
}

/// Writes `sheet` into `root/assessment.md` (created from the template when missing),
/// atomically.
pub fn save(root: &Path, stored: &Stored, sheet: &Sheet, today: Date) -> Result<Saved> {
    let applied = apply(stored.text.as_deref(), sheet, today)?;
    let created = stored.text.is_none();
    if created {
        crate::fs::create_new_in(root, FILE, applied.text.as_bytes())?;
    } else {
        crate::fs::write_in(root, FILE, applied.text.as_bytes(), crate::fs::Durability::Flushed)?;
    }
    Ok(Saved { created, commented_out: applied.commented_out })
}

/// The report printed after answering: the score, each category with its band, the
/// study path and the learning path, or what is still missing.
pub fn report(sheet: &Sheet) -> String {
    let mut out = String::new();
    let total = sheet.form.items().len();
    let Some(r) = sheet.result() else {
        let missing = sheet.missing();
        let _ = writeln!(
            out,
            "Answered {} of {total} questions of the {} form; still open: {}.",
            total - missing.len(),
            sheet.form,
            missing.iter().map(|i| i.id).collect::<Vec<_>>().join(", ")
        );
        let _ = writeln!(
            out,
            "The score counts once every question has an answer: run `systemcraft assess` again, or pass --answer ID=N."
        );
        return out;
    };
    let _ = writeln!(out, "Score: {}/100 ({} form)", r.score, r.form);
    for c in &r.categories {
        let _ = writeln!(
            out,
            "  {:<11} {:>2}/{:<3} {:>3}%  {}",
            c.category.label(),
            c.sum,
            c.max,
            c.percent,
            c.band.label()
        );
    }
    let (lo, hi) = r.path.score_range();
    let _ = writeln!(out, "Study path: {} (scores {lo}–{hi}): {}", r.path, r.path.focus());
    let _ = writeln!(out, "Learning path:");
    for (group, topics) in [
        (Group::CriticalGap, &r.learning_path.critical_gaps),
        (Group::SkillBuilding, &r.learning_path.skill_building),
        (Group::Excellence, &r.learning_path.excellence),
    ] {
        let list = if topics.is_empty() { "none".to_string() } else { topics.join(", ") };
        let _ = writeln!(out, "  {} ({}): {list}", group.label(), group.weeks_label());
    }
    let _ = writeln!(out, "Next: `systemcraft plan` writes the study plan for this path.");
    out
}

/// What changed since the previous answers (those assessment.md held before this
/// run): each question answered differently or for the first time, then each
/// category's percent before and after. A category's percent is its share of its own
/// form's maximum; when the form changed, each category also shows what the bars read
/// before and after: its share on the questions both forms rate
/// ([`assessment::REFINES`]), which the switch alone does not move. Empty when there
/// were no previous answers or nothing changed.
pub fn changes(previous: &Stored, sheet: &Sheet) -> String {
    let mut out = String::new();
    if previous.answers.is_empty() {
        return out;
    }
    let mut lines = Vec::new();
    for item in sheet.form.items() {
        match (previous.answers.get(item.id), sheet.answers.get(item.id)) {
            (Some(before), Some(now)) if before != now => {
                lines.push(format!("  {:<24} {before} → {now} ({:+})", item.id, i32::from(*now) - i32::from(*before)))
            }
            (None, Some(now)) => lines.push(format!("  {:<24} new: {now}", item.id)),
            _ => {}
        }
    }
    let before = previous.result();
    let after = sheet.result();
    let since = previous.taken.map_or("the previous answers".to_string(), |d| format!("the answers of {d}"));
    let _ = writeln!(out, "Since {since}:");
    if lines.is_empty() {
        let _ = writeln!(out, "  no answer changed");
    }
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    if let (Some(b), Some(a)) = (before, after) {
        let switched = b.form != a.form;
        if switched {
            let _ = writeln!(
                out,
                "  (the {} form before, the {} form now: each category's own percent, then what the bars read, on the questions both forms rate)",
                b.form, a.form
            );
        }
        for c in &a.categories {
            let was = b.category(c.category);
            let _ = write!(
                out,
                "  {:<11} {:>3}% → {:>3}% ({:+} points)",
                c.category.label(),
                was.percent,
                c.percent,
                i64::from(c.percent) - i64::from(was.percent)
            );
            if switched {
                let (from, to) = (crate::score::percent(was.anchored), crate::score::percent(c.anchored));
                let _ =
                    write!(out, "; in the bars {from:>3}% → {to:>3}% ({:+} points)", i64::from(to) - i64::from(from));
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "  Score       {:>3} → {:>3}", b.score, a.score);
    }
    out
}

/// A key press, as the interactive mode understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// 1 to 5.
    Answer(u8),
    /// `b`, ←: the previous question.
    Back,
    /// `s`, →: the next question, leaving this one as it is.
    Skip,
    /// Enter: keep the answer already given and go on.
    Enter,
    /// `q`, Esc: stop here; the answers are kept.
    Quit,
    /// Ctrl-C: stop here; the answers are kept.
    Interrupt,
    /// Anything else.
    Other,
}

/// What the interactive mode does after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Show the question at the current position.
    Ask,
    /// Tell the user something and wait for another key on the same question.
    Hint(&'static str),
    /// Past the last question: save and report.
    Finished,
    /// `q`: save and report.
    Quit,
    /// Ctrl-C: save and stop.
    Interrupted,
}

/// The interactive questionnaire: one question at a time over a [`Sheet`].
#[derive(Debug, Clone)]
pub struct Prompt {
    sheet: Sheet,
    pos: usize,
    changed: bool,
}

impl Prompt {
    /// Starts at the first question.
    pub fn new(sheet: Sheet) -> Prompt {
        Prompt { sheet, pos: 0, changed: false }
    }

    /// The question shown now.
    pub fn item(&self) -> &'static Item {
        &self.sheet.form.items()[self.pos]
    }

    /// 1-based position and number of questions.
    pub fn progress(&self) -> (usize, usize) {
        (self.pos + 1, self.sheet.form.items().len())
    }

    /// The answer already given to the question shown.
    pub fn current(&self) -> Option<u8> {
        self.sheet.answers.get(self.item().id).copied()
    }

    /// The answers so far.
    pub fn sheet(&self) -> &Sheet {
        &self.sheet
    }

    /// Whether any answer was given or changed.
    pub fn changed(&self) -> bool {
        self.changed
    }

    fn advance(&mut self) -> Step {
        if self.pos + 1 >= self.sheet.form.items().len() {
            Step::Finished
        } else {
            self.pos += 1;
            Step::Ask
        }
    }

    /// Applies a key.
    pub fn press(&mut self, key: Key) -> Step {
        match key {
            Key::Answer(v @ 1..=5) => {
                if self.current() != Some(v) {
                    self.changed = true;
                }
                let id = self.item().id;
                self.sheet.set(id, v);
                self.advance()
            }
            Key::Answer(_) => Step::Hint("answer with a number from 1 to 5"),
            Key::Back if self.pos == 0 => Step::Hint("this is the first question"),
            Key::Back => {
                self.pos -= 1;
                Step::Ask
            }
            Key::Skip => self.advance(),
            Key::Enter if self.current().is_some() => self.advance(),
            Key::Enter => Step::Hint("no answer yet: press 1 to 5, or s to skip"),
            Key::Quit => Step::Quit,
            Key::Interrupt => Step::Interrupted,
            Key::Other => Step::Hint("press 1 to 5 to answer, b to go back, s to skip, q to stop"),
        }
    }

    /// The lines that show the current question: progress and category, the
    /// question, the five levels, the answer already given, the keys.
    pub fn question_lines(&self) -> Vec<String> {
        let item = self.item();
        let (n, total) = self.progress();
        let mut lines = vec![
            String::new(),
            format!("[{n}/{total}] {} · {}", item.category.label(), item.topic),
            item.wording.question.to_string(),
        ];
        for (i, level) in item.wording.levels.iter().enumerate() {
            lines.push(format!("  {}  {level}", i + 1));
        }
        if let Some(v) = self.current() {
            lines.push(format!("Your answer: {v} (Enter keeps it)"));
        }
        lines.push("1-5 answer · b/← back · s/→ skip · q quit (answers are kept)".into());
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        "2026-11-25".parse().unwrap()
    }

    fn quick(values: &[u8]) -> Sheet {
        let answers = Form::Quick.items().iter().zip(values).map(|(i, v)| (i.id.to_string(), *v)).collect();
        Sheet { form: Form::Quick, answers }
    }

    #[test]
    fn answers_from_arguments_and_files() {
        assert_eq!(parse_answer(Form::Quick, "design-at-scale=4").unwrap(), ("design-at-scale", 4));
        assert_eq!(parse_answer(Form::Quick, "Coding Speed:2").unwrap(), ("coding-speed", 2));
        let e = parse_answer(Form::Quick, "desing-at-scale=4").unwrap_err().to_string();
        assert!(e.contains("did you mean `design-at-scale`"), "{e}");
        let e = parse_answer(Form::Quick, "aws-depth=4").unwrap_err().to_string();
        assert!(e.contains("--complete"), "{e}");
        assert!(parse_answer(Form::Quick, "influence=6").unwrap_err().to_string().contains("1 to 5"));
        assert!(parse_answer(Form::Quick, "influence").is_err());
        let got =
            parse_answers_file(Form::Quick, "a.txt", "form: quick\ninfluence: 3\nteam-size: 5 # yes\nlp-knowledge:\n")
                .unwrap();
        assert_eq!(got, [("influence", 3), ("team-size", 5)]);
        assert!(parse_answers_file(Form::Quick, "a.txt", "influence: 0\n").is_err());
    }

    #[test]
    fn apply_changes_only_the_values() {
        let template = crate::template::text(FILE).unwrap();
        let sheet = quick(&[4, 3, 2, 5, 1, 2, 3, 4, 5, 4, 3, 2]);
        let out = apply(Some(&template), &sheet, today()).unwrap().text;
        let (old, new): (Vec<&str>, Vec<&str>) = (template.lines().collect(), out.lines().collect());
        assert_eq!(old.len(), new.len());
        let changed: Vec<usize> = (0..old.len()).filter(|&i| old[i] != new[i]).collect();
        // `taken` and the twelve answers; `form: quick` is already right.
        assert_eq!(changed.len(), 13, "{out}");
        assert!(out.contains("  design-at-scale: 4      # design a system for millions of users\n"), "{out}");
        let stored = Stored::parse(&out);
        assert_eq!(stored.answers, sheet.answers);
        assert_eq!(stored.taken, Some(today()));
        assert_eq!(stored.result().unwrap().score, 63);
    }

    #[test]
    fn switching_form_comments_out_the_other_forms_keys() {
        let template = crate::template::text(FILE).unwrap();
        let mut sheet = Sheet { form: Form::Complete, answers: BTreeMap::new() };
        sheet.set("aws-depth", 3);
        let applied = apply(Some(&template), &sheet, today()).unwrap();
        assert_eq!(applied.commented_out.len(), 10);
        assert!(applied.text.contains("\n  # aws-production:"));
        assert!(applied.text.contains("\n  aws-depth: 3\n"));
        assert!(applied.text.contains("\n  strategy:\n"));
        let back = Stored::parse(&applied.text);
        assert_eq!(back.form, Some(Form::Complete));
        assert_eq!(back.answers.len(), 1);
    }

    #[test]
    fn prompt_answers_goes_back_skips_and_finishes() {
        let mut p = Prompt::new(Sheet { form: Form::Quick, answers: BTreeMap::new() });
        assert_eq!(p.press(Key::Enter), Step::Hint("no answer yet: press 1 to 5, or s to skip"));
        assert_eq!(p.press(Key::Back), Step::Hint("this is the first question"));
        assert_eq!(p.press(Key::Answer(4)), Step::Ask);
        assert_eq!(p.progress(), (2, 12));
        assert_eq!(p.press(Key::Back), Step::Ask);
        assert_eq!(p.current(), Some(4));
        assert!(p.question_lines().iter().any(|l| l == "Your answer: 4 (Enter keeps it)"));
        assert_eq!(p.press(Key::Enter), Step::Ask);
        assert_eq!(p.press(Key::Skip), Step::Ask);
        assert_eq!(p.press(Key::Answer(9)), Step::Hint("answer with a number from 1 to 5"));
        for _ in 2..11 {
            assert_eq!(p.press(Key::Answer(3)), Step::Ask);
        }
        assert_eq!(p.press(Key::Answer(2)), Step::Finished);
        assert_eq!(p.sheet().answers.len(), 11);
        assert_eq!(p.sheet().missing()[0].id, "coding-speed");
        assert_eq!(p.press(Key::Interrupt), Step::Interrupted);
    }

    #[test]
    fn report_lists_bands_path_and_learning_path() {
        let r = report(&quick(&[4, 3, 2, 5, 1, 2, 3, 4, 5, 4, 3, 2]));
        assert!(r.starts_with("Score: 63/100 (quick form)\n"), "{r}");
        assert!(r.contains("Study path: twelve-week-comprehensive (scores 55–69)"), "{r}");
        assert!(r.contains("  Critical gaps (weeks 1–2): AWS services in production, managing 8+ engineers"), "{r}");
        let partial = report(&Sheet { form: Form::Quick, answers: BTreeMap::new() });
        assert!(partial.starts_with("Answered 0 of 12"), "{partial}");
    }
}
