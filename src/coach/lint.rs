//! The STAR checks as `systemcraft check` reports them: each failed check of a story
//! becomes a [`Diagnostic`] with a severity, the `path:line:col` of the passage to
//! work on, and a hint that names it (the sentence to rework, the words to cut, the
//! figure that is missing).
//!
//! The model only needs a pass/fail per check; finding the passage takes the story's
//! source text, so it is done here, for the stories a `check` run shows.

use jiff::civil::Date;

use super::star::{Finding, Part, Star};
use crate::config::StarThresholds;
use crate::diag::{Diagnostic, Severity};
use crate::note::markdown::Section;
use crate::note::Note;

/// How serious a failed STAR check is. Errors are what sinks an answer in the loop
/// (a part missing, no number, "we" for "I", a failure without a lesson); the rest
/// are warnings.
pub fn severity(code: &str) -> Severity {
    match code {
        "star/missing-section" | "star/no-metric" | "star/we-not-i" | "star/no-learning" => Severity::Error,
        _ => Severity::Warning,
    }
}

/// What a STAR part should hold, for the hint of a missing or empty one.
fn what_goes_in(part: Part) -> &'static str {
    match part {
        Part::Situation => "two or three sentences of context: the team, the system, what was at stake",
        Part::Task => "what you personally had to achieve, and the constraint that made it hard",
        Part::Action => "what you did, in the first person: the decisions, the trade-offs, who you won over",
        Part::Result => "what changed, with numbers: a percentage, money, time saved or a count",
        Part::Learnings => "what you do differently since, with one example",
    }
}

fn name(part: Part) -> &'static str {
    part.heading().trim_start_matches("## ")
}

/// A story's text, line by line, with the sections it was cut into.
struct Source<'a> {
    lines: Vec<&'a str>,
    star: Star<'a>,
    sections: &'a [Section],
}

impl<'a> Source<'a> {
    /// 1-based column of the first non-blank character of a line.
    fn column(&self, line: usize) -> usize {
        self.lines.get(line.wrapping_sub(1)).map_or(1, |l| l.chars().take_while(|c| c.is_whitespace()).count() + 1)
    }

    /// The file lines a section spans: from its heading to the line before the next
    /// section (or the end of the file).
    fn span(&self, section: &Section) -> std::ops::Range<usize> {
        let end = self.sections.iter().map(|s| s.line).filter(|l| *l > section.line).min();
        section.line..end.unwrap_or(self.lines.len() + 1)
    }

    /// A part's section, when it has words.
    fn written(&self, part: Part) -> Option<&'a Section> {
        self.star.get(part).filter(|s| s.words > 0)
    }

    /// The first sentence of a part that says "we", with its line and column. A
    /// sentence may run over several lines of the file; it starts after the end of
    /// the one before, and never before its paragraph.
    fn we_sentence(&self, part: Part) -> Option<(usize, usize, String)> {
        let section = self.star.get(part)?;
        let span = self.span(section);
        let first = span.start;
        // The span's lines joined by `\n`, with where each starts.
        let mut text = String::new();
        let mut starts = Vec::new();
        for line in span {
            starts.push(text.len());
            text.push_str(self.lines.get(line - 1).copied().unwrap_or(""));
            text.push('\n');
        }
        let at = first_we(&text)?;
        let (start, sentence) = sentence_around(&text, at);
        let index = starts.partition_point(|s| *s <= start) - 1;
        let col = text[starts[index]..start].chars().count() + 1;
        Some((first + index, col, sentence))
    }
}

/// Byte offset of the first first-person-plural word in a line.
fn first_we(text: &str) -> Option<usize> {
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let word_char = c.is_alphanumeric() || c == '\'' || c == '’';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let (_, we) = super::star::pronouns(&text[s..i]);
                if we > 0 {
                    return Some(s);
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}

/// The sentence of a line that holds byte `at`: its start and its text (shortened
/// when long).
fn sentence_around(text: &str, at: usize) -> (usize, String) {
    // Not before the paragraph: after the last blank line or heading line above `at`.
    let mut base = 0;
    let mut offset = 0;
    for line in text[..at].split_inclusive('\n') {
        let end = offset + line.len();
        let t = line.trim();
        if line.ends_with('\n') && (t.is_empty() || t.starts_with('#')) {
            base = end;
        }
        offset = end;
    }
    let before = &text[base..at];
    let start = base
        + [". ", "! ", "? ", ".\n", "!\n", "?\n", ":** ", "** ", " — ", " – ", ": "]
            .iter()
            .filter_map(|sep| before.rfind(sep).map(|i| i + sep.len()))
            .max()
            .unwrap_or_else(|| {
                // Past list markers, quotes and indentation.
                let t = before.trim_start();
                let t = t.trim_start_matches(['-', '*', '+', '>']).trim_start();
                let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
                let t =
                    if digits.len() < t.len() && digits.starts_with(['.', ')']) { digits[1..].trim_start() } else { t };
                before.len() - t.len()
            });
    let rest = &text[start..];
    let end = rest
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '!' | '?') && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))
        .map_or(rest.len(), |(i, c)| i + c.len_utf8());
    let sentence = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = sentence.trim_end_matches("**").trim();
    let shown = if sentence.chars().count() > 100 {
        format!("{}…", sentence.chars().take(99).collect::<String>().trim_end())
    } else {
        sentence.to_string()
    };
    (start, shown)
}

/// Where the front matter names a key (`happened:`), or the closing `---` line when it
/// does not: the place to add it.
fn front_matter_key(lines: &[&str], key: &str, body_line: usize) -> (usize, usize) {
    let closing = body_line.saturating_sub(1).max(1);
    for (i, l) in lines.iter().enumerate().take(closing).skip(1) {
        if let Some(rest) = l.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let value = rest.len() - rest.trim_start().len();
            return (i + 1, key.len() + 2 + value);
        }
    }
    (closing, 1)
}

/// `1 word`, `3 words`.
fn words(n: usize) -> String {
    format!("{n} word{}", if n == 1 { "" } else { "s" })
}

/// The diagnostics of a story's failed STAR checks. `findings` are the story's
/// checks as the model ran them (silenced ones already left out); `source` is the
/// note's text as read (normalised line endings).
pub fn diagnostics(
    note: &Note,
    findings: &[Finding],
    source: &str,
    t: &StarThresholds,
    today: Date,
) -> Vec<Diagnostic> {
    let Some(story) = note.story() else { return Vec::new() };
    let src = Source { lines: source.split('\n').collect(), star: Star::of(&note.body), sections: &note.body.sections };
    let path = note.path.as_str();
    let body = (note.body_line, 1);
    let at_part = |part: Part| src.star.get(part).map_or(body, |s| (s.line, src.column(s.line)));
    let mut out = Vec::new();
    let mut push = |code: &'static str, (line, col): (usize, usize), message: String, hint: String| {
        let d = Diagnostic::error(path, code, message).at(line, col).hint(hint);
        out.push(Diagnostic { severity: severity(code), ..d });
    };
    for f in findings.iter().filter(|f| !f.passed) {
        match f.code {
            "star/missing-section" => {
                for part in [Part::Situation, Part::Task, Part::Action, Part::Result] {
                    if src.written(part).is_some() {
                        continue;
                    }
                    let (message, hint) = match src.star.get(part) {
                        Some(_) => (
                            format!("the {} section is empty", name(part)),
                            format!("under the heading, write {}", what_goes_in(part)),
                        ),
                        None => (
                            format!("no {} section", name(part)),
                            format!("add `{}` (or `**{}:**`) with {}", part.heading(), name(part), what_goes_in(part)),
                        ),
                    };
                    push(f.code, at_part(part), message, hint);
                }
            }
            "star/no-metric" => {
                // An empty Result is already reported as missing.
                if src.written(Part::Result).is_none() {
                    continue;
                }
                let hint = match story.impact.as_deref().filter(|i| super::star::has_metric(i)) {
                    Some(impact) => {
                        format!("your `impact` line has the figure (\"{impact}\"): say it in the Result as well")
                    }
                    None => "add the number: by how much latency, cost, revenue or incidents changed (\"p99 from 900 ms to 420 ms\"), or how many users, teams or engineers it reached".to_string(),
                };
                // Digits that measure nothing: say why they did not count.
                let dated = src.written(Part::Result).is_some_and(|r| r.text.chars().any(|c| c.is_ascii_digit()));
                let hint =
                    if dated { format!("a year, a quarter or a version is not a measure; {hint}") } else { hint };
                push(f.code, at_part(Part::Result), "the Result has no measurable figure".to_string(), hint);
            }
            "star/we-not-i" => {
                if src.written(Part::Action).is_none() {
                    continue;
                }
                let (i, we) = note.star.as_ref().map_or_else(
                    || super::star::pronouns(src.star.get(Part::Action).map_or("", |s| s.text.as_str())),
                    |a| a.pronouns(),
                );
                let message = format!("the Action says \"we\" {we} time{} and \"I\" {i} time{}", plural(we), plural(i));
                match src.we_sentence(Part::Action) {
                    Some((line, col, sentence)) => push(
                        f.code,
                        (line, col),
                        message,
                        format!("rework \"{sentence}\" to say what you did yourself: \"I proposed…\", \"I wrote…\", \"I convinced…\""),
                    ),
                    None => push(
                        f.code,
                        at_part(Part::Action),
                        "the Action never says \"I\"".to_string(),
                        "start the sentences with what you did: \"I proposed…\", \"I wrote…\", \"I convinced…\"".to_string(),
                    ),
                }
            }
            "star/too-long" | "star/too-short" => {
                let total = src.star.spoken_words();
                let (lo, hi) = (t.min_minutes * t.words_per_minute, t.max_minutes * t.words_per_minute);
                let minutes = total as f64 / t.words_per_minute;
                let message = format!(
                    "{}: about {minutes:.1} min spoken at {} words/min, outside {}–{} min",
                    words(total),
                    t.words_per_minute,
                    t.min_minutes,
                    t.max_minutes
                );
                if f.code == "star/too-long" {
                    let longest = [Part::Situation, Part::Task, Part::Action, Part::Result, Part::Learnings]
                        .into_iter()
                        .filter_map(|p| src.star.get(p).map(|s| (p, s)))
                        .max_by_key(|(p, s)| (s.words, *p != Part::Action))
                        .map(|(p, s)| (p, s.words));
                    let cut = (total as f64 - hi.floor()).max(1.0) as usize;
                    let (at, hint) = match longest {
                        Some((part, n)) => (
                            at_part(part),
                            format!(
                                "cut about {} to {hi:.0} at most; the {} is the longest part ({}): start there",
                                words(cut),
                                name(part),
                                words(n)
                            ),
                        ),
                        None => (body, format!("cut about {} to {hi:.0} at most", words(cut))),
                    };
                    push(f.code, at, message, hint);
                } else {
                    let add = (lo.ceil() - total as f64).max(1.0) as usize;
                    push(
                        f.code,
                        at_part(Part::Action),
                        message,
                        format!(
                            "add about {}: a {}-minute answer is about {lo:.0} words; say more about what you did and what came of it",
                            words(add),
                            t.min_minutes
                        ),
                    );
                }
            }
            "star/action-not-largest" => {
                let Some(action) = src.written(Part::Action) else { continue };
                let Some((part, larger)) = [Part::Situation, Part::Task, Part::Result, Part::Learnings]
                    .into_iter()
                    .filter_map(|p| src.star.get(p).map(|s| (p, s)))
                    .filter(|(_, s)| s.words > action.words)
                    .max_by_key(|(_, s)| s.words)
                else {
                    continue;
                };
                push(
                    f.code,
                    at_part(part),
                    format!(
                        "the {} ({}) is longer than the Action ({})",
                        name(part),
                        words(larger.words),
                        words(action.words)
                    ),
                    format!(
                        "move words from the {} to the Action: the decisions you made, the options you turned down and why",
                        name(part)
                    ),
                );
            }
            "star/no-learning" => {
                // The end of the Result, where the lesson would follow.
                let at = src.star.get(Part::Result).map_or(body, |s| {
                    let last = src.span(s).rev().find(|l| src.lines.get(l - 1).is_some_and(|t| !t.trim().is_empty()));
                    (last.unwrap_or(s.line), 1)
                });
                push(
                    f.code,
                    at,
                    "a failure story without a Learnings section".to_string(),
                    format!("add `## Learnings`: {}", what_goes_in(Part::Learnings)),
                );
            }
            "star/stale" => {
                let at = front_matter_key(&src.lines, "happened", note.body_line);
                // A `happened` that is there but not a date is a schema error already.
                if story.happened.is_none() && src.lines.get(at.0 - 1).is_some_and(|l| l.starts_with("happened:")) {
                    continue;
                }
                let (message, hint) = match story.happened {
                    Some(h) => (
                        format!("happened {h}, more than {} years before {today}", t.recency_years),
                        format!(
                            "interviewers weigh recent work: tell a story from the last {} years if you have one, or silence this check with `silence: [stale]`",
                            t.recency_years
                        ),
                    ),
                    None => (
                        "no `happened` date, so recency cannot be checked".to_string(),
                        "add `happened: YYYY-MM` to the front matter".to_string(),
                    ),
                };
                push(f.code, at, message, hint);
            }
            code => push(code, body, f.message.to_string(), f.hint.map(|h| h.to_string()).unwrap_or_default()),
        }
    }
    out
}

/// What `check` found in the notes it looked at.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// Version of this JSON shape (the model's).
    pub schema_version: u32,
    /// Notes checked.
    pub checked: usize,
    /// Stories whose STAR checks ran.
    pub stories: usize,
    /// Error-level findings.
    pub errors: usize,
    /// Warning-level findings.
    pub warnings: usize,
    /// Every finding, in path and position order.
    pub findings: Vec<Diagnostic>,
}

impl Report {
    /// Collects the schema diagnostics of the model and the STAR findings of every
    /// story, for the paths `selected` accepts (workspace-relative, `/`-separated).
    /// `read` gives a story's text (the file as it is on disk).
    pub fn collect(
        config: &crate::config::Config,
        index: &crate::index::Index,
        model: &crate::score::Model,
        selected: &dyn Fn(&str) -> bool,
        read: &dyn Fn(&str) -> Option<String>,
    ) -> Report {
        let mut findings: Vec<Diagnostic> = model.diagnostics.iter().filter(|d| selected(&d.path)).cloned().collect();
        let mut stories = 0;
        for view in model.portfolio.stories.iter().filter(|s| selected(&s.path)) {
            let Some(note) = index.get(&view.path) else { continue };
            stories += 1;
            let source = read(&view.path)
                .map(|t| crate::note::front_matter::normalise_source(&t).into_owned())
                .unwrap_or_default();
            // The index keeps no section texts (see `index`): the story is parsed
            // again from the text read, which the findings quote.
            let full = (!source.is_empty()).then(|| crate::note::parse(&note.path, note.kind, source.as_bytes()));
            findings.extend(diagnostics(
                full.as_ref().unwrap_or(note),
                &view.findings,
                &source,
                &config.star,
                config.today,
            ));
        }
        // The usual order (path, line, column, code), but a stable sort without the
        // message: findings at the same place keep the order they were made in, so
        // the parts missing from a story without headings read Situation, Task,
        // Action, Result rather than alphabetically.
        findings.sort_by(|a, b| {
            let (ap, al, ac, acode, _) = a.sort_key();
            let (bp, bl, bc, bcode, _) = b.sort_key();
            (ap, al, ac, acode).cmp(&(bp, bl, bc, bcode))
        });
        findings.dedup();
        let checked =
            index.notes().filter(|n| selected(&n.path)).count() + usize::from(selected(crate::config::PROFILE_FILE));
        let count = |s: Severity| findings.iter().filter(|d| d.severity == s).count();
        Report {
            schema_version: crate::score::SCHEMA_VERSION,
            checked,
            stories,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            findings,
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_with_we_is_found() {
        let line = "- First I measured. Then we moved the jobs to spot capacity. Done.";
        let at = first_we(line).unwrap();
        assert_eq!(sentence_around(line, at), (20, "Then we moved the jobs to spot capacity.".to_string()));
        let line = "**Action:** Our team rewrote the parser";
        let at = first_we(line).unwrap();
        assert_eq!(sentence_around(line, at), (12, "Our team rewrote the parser".to_string()));
        assert_eq!(first_we("I owned it, weekly."), None);
        assert_eq!(sentence_around("  1. we did", 5), (5, "we did".to_string()));
    }

    #[test]
    fn codes_severities_and_silencing() {
        use crate::coach::star::{check, code_of};
        assert_eq!(code_of("Too Long"), Some("star/too-long"));
        assert_eq!(code_of("star/we-not-i"), Some("star/we-not-i"));
        assert_eq!(code_of("stal"), None);
        assert_eq!(severity("star/we-not-i"), Severity::Error);
        assert_eq!(severity("star/stale"), Severity::Warning);
        let body = crate::note::markdown::parse("## Situation\nSlow.\n## Action\nWe fixed it.\n", 5);
        let t = StarThresholds { words_per_minute: 140.0, min_minutes: 2.0, max_minutes: 3.0, recency_years: 3 };
        let today = "2026-11-25".parse().unwrap();
        let level = crate::domain::tracks::Level::L6;
        let mut story = crate::note::kinds::Story::default();
        let all: Vec<_> = check(&story, &body, 5, level, today, &t).iter().map(|f| f.code).collect();
        assert!(all.contains(&"star/we-not-i") && all.contains(&"star/stale"));
        story.silenced = vec!["star/we-not-i", "star/stale"];
        let left: Vec<_> = check(&story, &body, 5, level, today, &t).iter().map(|f| f.code).collect();
        assert_eq!(left.len(), all.len() - 2);
        assert!(!left.contains(&"star/we-not-i") && !left.contains(&"star/stale"));
    }

    #[test]
    fn front_matter_keys_are_located() {
        let lines = ["---", "title: T", "happened:  2021-04", "---", "body"];
        assert_eq!(front_matter_key(&lines, "happened", 5), (3, 12));
        assert_eq!(front_matter_key(&lines, "created", 5), (4, 1));
    }
}
