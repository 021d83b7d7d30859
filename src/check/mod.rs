//! The STAR checks as `systemcraft check` reports them: each failed check of a story
//! becomes a [`Diagnostic`] with a severity, the `path:line:col` of the passage to
//! work on, and a hint that quotes it (the sentence to rework, the figure to move, the
//! evidence of scope, the heading of the longest part).
//!
//! The model only needs a pass/fail per check; finding the passage takes the story's
//! source text, so it is done here, for the stories a `check` run shows.

mod passage;

use jiff::civil::Date;

use crate::diag::{Diagnostic, Severity};
use crate::note::star::StarThresholds;
use crate::note::star::{self, Finding, Part};
use crate::note::Note;
use passage::Source;

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

/// Figures quoted for a hint: `"40%", "3 days"`.
fn quoted(figures: &[String]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for f in figures {
        if !seen.contains(&f.as_str()) && seen.len() < 3 {
            seen.push(f);
        }
    }
    seen.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ")
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
    let src = Source::new(source, story, note.body_line);
    let path = note.path.as_str();
    let body = (note.body_line, 1);
    let at_part = |part: Part| src.get(part).map_or(body, |s| (s.line, src.column(s.line)));
    let mut out = Vec::new();
    let mut push = |code: &'static str, (line, col): (usize, usize), message: String, hint: String| {
        let d = Diagnostic::error(path, code, message).at(line, col).hint(hint);
        out.push(Diagnostic { severity: star::severity(code), ..d });
    };
    for f in findings.iter().filter(|f| !f.passed) {
        match f.code {
            "star/missing-section" if src.pieces.is_empty() => {
                push(f.code, body, f.message.to_string(), f.hint.map(|h| h.to_string()).unwrap_or_default());
            }
            "star/missing-section" => missing(&src, f.code, &at_part, &mut push),
            "star/no-metric" => {
                // An empty Result is already reported as missing.
                if src.written(Part::Result).is_none() {
                    continue;
                }
                let hint = metric_hint(&src, story);
                push(f.code, at_part(Part::Result), "the Result has no measurable figure".to_string(), hint);
            }
            "star/we-not-i" => {
                if src.written(Part::Action).is_none() {
                    continue;
                }
                we_not_i(&src, note, f.code, at_part(Part::Action), &mut push);
            }
            "star/too-long" | "star/too-short" => length(&src, f.code, t, at_part(Part::Action), &mut push),
            "star/action-not-largest" => {
                let Some(action) = src.written(Part::Action) else { continue };
                let Some(larger) = [Part::Situation, Part::Task, Part::Result, Part::Learnings]
                    .into_iter()
                    .filter_map(|p| src.get(p))
                    .filter(|s| s.words > action.words)
                    .max_by_key(|s| s.words)
                else {
                    continue;
                };
                let part = larger.part;
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
                let at = src.get(Part::Result).map_or(body, |s| {
                    let last = (s.line..s.end.max(s.line + 1))
                        .rev()
                        .find(|l| src.lines.get(l - 1).is_some_and(|t| !t.trim().is_empty()));
                    (last.unwrap_or(s.line), 1)
                });
                push(
                    f.code,
                    at,
                    "a failure story that does not say what you learned".to_string(),
                    format!(
                        "after the Result, add `## Learnings` or a sentence such as \"I learned that…\": {}",
                        what_goes_in(Part::Learnings)
                    ),
                );
            }
            "star/stale" => {
                let at = front_matter_key(&src.lines, "happened", note.body_line);
                let Some(h) = story.happened else { continue };
                push(
                    f.code,
                    at,
                    format!("happened {h}, more than {} years before {today}", t.recency_years),
                    format!(
                        "interviewers weigh recent work: tell a story from the last {} years if you have one, or silence this check with `silence: [stale]`",
                        t.recency_years
                    ),
                );
            }
            "star/scope" => scope(&src, story, f, body, &mut push),
            code => push(code, body, f.message.to_string(), f.hint.map(|h| h.to_string()).unwrap_or_default()),
        }
    }
    out
}

/// One `star/missing-section` finding per part missing or empty, at its heading.
fn missing(src: &Source<'_>, code: &'static str, at_part: &dyn Fn(Part) -> (usize, usize), push: &mut Push<'_>) {
    for part in [Part::Situation, Part::Task, Part::Action, Part::Result] {
        if src.written(part).is_some() {
            continue;
        }
        let (message, hint) = match src.get(part) {
            Some(_) => (
                format!("the {} section is empty", name(part)),
                format!("under the heading, write {}", what_goes_in(part)),
            ),
            None => (
                format!("no {} section", name(part)),
                format!("add `{}` (or `**{}:**`) with {}", part.heading(), name(part), what_goes_in(part)),
            ),
        };
        push(code, at_part(part), message, hint);
    }
}

/// The hint of `star/no-metric`: the `impact:` figure to say again, the Action's
/// outcome figures to move, the restated figures, or the kinds of number to add.
fn metric_hint(src: &Source<'_>, story: &crate::note::kinds::Story) -> String {
    let result = src.text(Part::Result);
    let in_action = crate::note::star::metric::outcome_figures(src.text(Part::Action));
    let in_result = crate::note::star::metric::figures(result);
    let hint = match story.impact.as_deref().filter(|i| crate::note::star::has_metric(i)) {
        Some(impact) => {
            format!("your `impact` line has the figure (\"{impact}\"): say it in the Result as well")
        }
        None if !in_action.is_empty() => format!(
            "the Action has the figures ({}): move the ones that measure the outcome to the Result",
            quoted(&in_action)
        ),
        None => "add the number: by how much latency, cost, revenue or incidents changed (\"p99 from 900 ms to 420 ms\"), or how many users, teams or engineers it reached".to_string(),
    };
    if !in_result.is_empty() {
        format!(
            "{} only restate{} the Task or the Situation; {hint}",
            quoted(&in_result),
            if in_result.len() == 1 { "s" } else { "" }
        )
    } else if result.chars().any(|c| c.is_ascii_digit()) {
        // Digits that measure nothing: say why they did not count.
        format!("a year, a quarter or a version is not a measure; {hint}")
    } else {
        hint
    }
}

/// The `star/we-not-i` finding: the sentence with the most team actions, quoted.
fn we_not_i(src: &Source<'_>, note: &Note, code: &'static str, action: (usize, usize), push: &mut Push<'_>) {
    let (i, we) =
        note.star.as_ref().map_or_else(|| crate::note::star::pronouns(src.text(Part::Action)), |a| a.pronouns());
    let message = format!("the Action says \"we\" {we} time{} and \"I\" {i} time{}", plural(we), plural(i));
    match src.we_sentence(Part::Action) {
        Some((line, col, sentence)) => push(
            code,
            (line, col),
            message,
            format!(
                "rework \"{sentence}\" to say what you did yourself: \"I proposed…\", \"I wrote…\", \"I convinced…\""
            ),
        ),
        None if i == 0 && we == 0 => push(
            code,
            action,
            "the Action never says \"I\"".to_string(),
            "start the sentences with what you did: \"I proposed…\", \"I wrote…\", \"I convinced…\"".to_string(),
        ),
        None => push(
            code,
            action,
            message,
            "say which of these steps you took yourself: \"I proposed…\", \"I wrote…\", \"I convinced…\"".to_string(),
        ),
    }
}

type Push<'p> = dyn FnMut(&'static str, (usize, usize), String, String) + 'p;

/// The spoken length: how many words to cut from which part, or to add.
fn length(src: &Source<'_>, code: &'static str, t: &StarThresholds, action: (usize, usize), push: &mut Push<'_>) {
    let total = src.spoken_words();
    let (lo, hi) = (t.min_minutes * t.words_per_minute, t.max_minutes * t.words_per_minute);
    let minutes = total as f64 / t.words_per_minute;
    let message = format!(
        "{}: about {minutes:.1} min spoken at {} words/min, outside {}–{} min",
        words(total),
        t.words_per_minute,
        t.min_minutes,
        t.max_minutes
    );
    if code == "star/too-long" {
        let longest = src.pieces.iter().max_by_key(|s| (s.words, s.part != Part::Action));
        let cut = (total as f64 - hi.floor()).max(1.0) as usize;
        let (at, hint) = match longest {
            Some(p) => (
                (p.line, src.column(p.line)),
                format!(
                    "cut about {} to {hi:.0} at most; the {} is the longest part ({}): start there",
                    words(cut),
                    name(p.part),
                    words(p.words)
                ),
            ),
            None => (action, format!("cut about {} to {hi:.0} at most", words(cut))),
        };
        push(code, at, message, hint);
    } else {
        let add = (lo.ceil() - total as f64).max(1.0) as usize;
        push(
            code,
            action,
            message,
            format!(
                "add about {}: a {}-minute answer is about {lo:.0} words; say more about what you did and what came of it",
                words(add),
                t.min_minutes
            ),
        );
    }
}

/// The scope, with the evidence found quoted.
fn scope(src: &Source<'_>, story: &crate::note::kinds::Story, f: &Finding, body: (usize, usize), push: &mut Push<'_>) {
    let text: String =
        src.pieces.iter().map(|p| p.text.as_str()).chain(story.impact.as_deref()).collect::<Vec<_>>().join("\n");
    let evidence = crate::note::star::scope::Scope::of(&text);
    let need = f.message.to_string();
    let level = need.split_whitespace().find(|w| w.starts_with('L')).unwrap_or("L6").to_string();
    let role = "and your role in it (\"I led…\", \"I owned…\")";
    match evidence.l6 {
        Some(found) => {
            let at = [Part::Situation, Part::Task, Part::Action, Part::Result, Part::Learnings]
                .into_iter()
                .find_map(|p| src.locate(p, &found))
                .unwrap_or(body);
            push(
                f.code,
                at,
                format!("the largest scope shown is \"{found}\", short of {level} (several teams, an organisation or a platform)"),
                format!("say how far it reached, with numbers: how many teams, people or users, how much money, {role}"),
            );
        }
        None if evidence.small.is_some() => {
            let small = evidence.small.unwrap_or_default();
            let at = [Part::Situation, Part::Task, Part::Action, Part::Result, Part::Learnings]
                .into_iter()
                .find_map(|p| src.locate(p, &small))
                .unwrap_or(body);
            push(
                f.code,
                at,
                format!(
                    "the largest scope shown is \"{small}\", short of {level} ({})",
                    if level == "L7" { "several teams, an organisation or a platform" } else { "a team, a service or its customers" }
                ),
                format!("say how far it reached, with numbers: the team's size, the services or users it touched, the money, {role}"),
            );
        }
        None => push(
            f.code,
            body,
            format!("{need}: no figure of people, teams, services, users or money"),
            format!("say how big it was, with numbers: the team's size, the services or users it touched, the money, {role}"),
        ),
    }
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
            findings.extend(diagnostics(note, &view.findings, &source, &config.star, config.today));
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
    fn codes_severities_and_silencing() {
        use crate::note::star::{check, code_of};
        assert_eq!(code_of("Too Long"), Some("star/too-long"));
        assert_eq!(code_of("star/we-not-i"), Some("star/we-not-i"));
        assert_eq!(code_of("stal"), None);
        assert_eq!(star::severity("star/we-not-i"), Severity::Error);
        assert_eq!(star::severity("star/no-learning"), Severity::Warning);
        assert_eq!(star::severity("star/stale"), Severity::Warning);
        let body = "## Situation\nSlow.\n## Action\nWe fixed it.\n";
        let t = StarThresholds { words_per_minute: 140.0, min_minutes: 2.0, max_minutes: 3.0, recency_years: 3 };
        let today = "2026-11-25".parse().unwrap();
        let level = crate::domain::tracks::Level::L6;
        let mut story = crate::note::kinds::Story {
            happened: crate::note::kinds::PartialDate::parse("2019"),
            ..crate::note::kinds::Story::default()
        };
        let all: Vec<_> = check(&story, body, 5, level, today, &t).iter().map(|f| f.code).collect();
        assert!(all.contains(&"star/we-not-i") && all.contains(&"star/stale"));
        story.silenced = vec!["star/we-not-i", "star/stale"];
        let left: Vec<_> = check(&story, body, 5, level, today, &t).iter().map(|f| f.code).collect();
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
