//! A rehearsal as `practice` runs it: which story to tell and which question to
//! answer, and recording the outcome in today's log.
//!
//! Recording only ever adds text: the new item goes into the log's `rehearsals:`
//! list (a block list gets new lines after its last item, a one-line `[…]` list gets
//! the item inserted before its `]`, a log without the key gets it before the closing
//! `---`), so every byte the user wrote stays where it was. The result is parsed
//! again before it is written; if it does not read back as the old rehearsals plus
//! the new one, nothing is written.

use std::path::Path;

use jiff::civil::Date;

use super::questions;
use crate::domain::principles::Principle;
use crate::note::front_matter::edit::scalar;
use crate::note::kinds::{Rating, StoryStatus};
use crate::note::{Data, Kind};
use crate::score::portfolio::{Rehearsed, StoryView};
use crate::score::Model;
use crate::{Error, Result};

/// The story to tell, the principle it is asked for and the question.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    /// The story's id.
    pub story: String,
    /// Its path.
    pub path: String,
    /// Its title.
    pub title: String,
    /// The principle the question probes (none for a story without principles).
    pub principle: Option<Principle>,
    /// The question.
    pub question: String,
    /// Why this story: `3 days overdue`, `never rehearsed`, `weakest principle: …`.
    pub reason: String,
    /// Rehearsals recorded before this one.
    pub rehearsals: usize,
}

/// How far along a status is, for "the best story".
fn rank(s: &StoryView) -> (u8, i64) {
    let status = match s.status {
        StoryStatus::Draft => 0,
        StoryStatus::Refined => 1,
        StoryStatus::Ready => 2,
    };
    (status, (s.quality * 10_000.0).round() as i64)
}

/// The best of some stories: the most advanced status, then the highest STAR quality,
/// then the first id.
fn best<'a>(stories: impl Iterator<Item = &'a StoryView>) -> Option<&'a StoryView> {
    stories.fold(None, |acc: Option<&StoryView>, s| match acc {
        Some(a) if rank(a) >= rank(s) => Some(a),
        _ => Some(s),
    })
}

/// Chooses the story to rehearse: `story` when given; else, with `lp`, the most
/// overdue story naming it, or its best one; else the most overdue story of all, or
/// the best story of the weakest principle that has one.
pub fn choose(model: &Model, rehearsed: &Rehearsed, lp: Option<Principle>, story: Option<&str>) -> Result<Pick> {
    let p = &model.portfolio;
    // An unknown --story is a usage error with the closest name, even in a workspace
    // with no story yet.
    if p.stories.is_empty() && story.is_none() {
        return Err(Error::NoStory {
            message: "there is no story to rehearse yet".into(),
            next: "systemcraft new story \"Title\"".into(),
        });
    }
    let by_id = p.by_id();
    let overdue = |wanted: &dyn Fn(&StoryView) -> bool| {
        model.rehearsals.iter().find_map(|d| by_id.get(d.story.as_str()).copied().filter(|s| wanted(s)).map(|s| (s, d)))
    };
    let due_reason = |d: &crate::score::portfolio::Due| match (&d.last, d.overdue_days) {
        (None, _) => "never rehearsed".to_string(),
        (Some(_), 0) => "due today".to_string(),
        (Some(_), n) => format!("{n} day{} overdue", if n == 1 { "" } else { "s" }),
    };
    // The principle the choice was made for, when it was made for one.
    let mut asked = lp;
    let (chosen, reason): (&StoryView, String) = if let Some(id) = story {
        // A word of the name is enough when only one story has it.
        let words = crate::domain::with_words(id, p.stories.iter().map(|s| s.id.as_str()));
        if !by_id.contains_key(id) && words.len() > 1 {
            return Err(Error::Usage(format!(
                "more than one story has \"{id}\" in its name: {}; give one of them",
                words.join(", ")
            )));
        }
        let id = match words.as_slice() {
            [only] if !by_id.contains_key(id) => *only,
            _ => id,
        };
        // The story's file is there but could not be read or used: say why, not
        // that there is no such story.
        let file = format!("stories/{id}.md");
        if let (None, Some(d)) =
            (by_id.get(id), model.diagnostics.iter().find(|d| d.path == file && d.code.starts_with("file/")))
        {
            return Err(Error::Usage(format!("{file} cannot be rehearsed: {}", d.message)));
        }
        let s = by_id.get(id).copied().ok_or_else(|| {
            Error::Usage(match crate::domain::did_you_mean(id, p.stories.iter().map(|s| s.id.as_str())) {
                Some(s) => format!("no story named \"{id}\": did you mean `{s}`?"),
                None if p.stories.is_empty() => format!(
                    "no story named \"{id}\" in stories/, and no story to rehearse yet: start one with `systemcraft new story \"Title\"`"
                ),
                None => format!("no story named \"{id}\" in stories/"),
            })
        })?;
        (s, "chosen with --story".to_string())
    } else if let Some(lp) = lp {
        match overdue(&|s| s.principles.contains(&lp)) {
            Some((s, d)) => (s, due_reason(d)),
            None => {
                let s = best(p.views().filter(|s| s.principles.contains(&lp))).ok_or_else(|| Error::NoStory {
                    message: format!("no story names {} yet", lp.label()),
                    next: format!("systemcraft new story \"…\" --lp {}", lp.slug()),
                })?;
                (s, format!("your best {} story", lp.label()))
            }
        }
    } else if let Some((s, d)) = overdue(&|_| true) {
        (s, due_reason(d))
    } else {
        let weakest = p
            .principles
            .iter()
            .filter(|r| !r.stories.is_empty())
            .min_by_key(|r| (r.strong, r.stories.len()))
            .and_then(|r| best(r.stories.iter().filter_map(|id| by_id.get(id.as_str()).copied())).map(|s| (r, s)));
        match weakest {
            Some((row, s)) => {
                asked = Some(row.principle);
                (s, format!("the best story for your weakest principle, {}", row.principle.label()))
            }
            None => (best(p.views()).unwrap_or(&p.stories[0]), "your most advanced story".to_string()),
        }
    };
    // The question probes the principle asked for, else the story's thinnest one.
    let principle = asked.or_else(|| {
        chosen.principles.iter().copied().min_by_key(|pr| {
            p.principles.iter().find(|r| r.principle == *pr).map_or((0, 0), |r| (r.strong, r.stories.len()))
        })
    });
    let count = rehearsed.get(chosen.id.as_str()).map_or(0, |(_, n)| *n);
    // A principle's questions come at the target level (see docs/coach.md).
    let level = model.profile.target_level;
    let question = match principle {
        Some(pr) => {
            let list = questions::for_principle_at(pr, level);
            list[count % list.len()].clone()
        }
        None => questions::pick(questions::for_scenario(chosen.scenario), count).to_string(),
    };
    Ok(Pick {
        story: chosen.id.clone(),
        path: chosen.path.clone(),
        title: chosen.title.clone(),
        principle,
        question,
        reason,
        rehearsals: count,
    })
}

/// One rehearsal to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The story's id.
    pub story: String,
    /// The self-rating.
    pub rating: Rating,
    /// How long the answer took, when timed.
    pub seconds: Option<u64>,
}

/// What [`record`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The log, workspace-relative.
    pub path: String,
    /// Whether the log was created for it.
    pub created: bool,
}

/// Adds the rehearsal to `logs/<today>.md`, creating the log from the template when
/// there is none.
pub fn record(root: &Path, today: Date, entry: &Entry) -> Result<Recorded> {
    let rel = format!("logs/{today}.md");
    let path = root.join("logs").join(format!("{today}.md"));
    let (before, created) = match crate::fs::read::read_in(root, &rel) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::Edit { path: path.clone(), message: "the log is not valid UTF-8 text".into() })?;
            (text, false)
        }
        Err(e) if e.is_not_found() => (new_log(root, today)?, true),
        Err(e) => return Err(e),
    };
    let after = append(&before, entry).map_err(|message| Error::Edit { path: path.clone(), message })?;
    verify(&rel, &before, &after, entry).map_err(|message| Error::Edit { path: path.clone(), message })?;
    // Through the workspace's write boundary: a symlinked logs/ folder or log is
    // refused, never written through.
    if created {
        crate::fs::create_new_in(root, &rel, after.as_bytes())?;
    } else {
        crate::fs::write_in(root, &rel, after.as_bytes(), crate::fs::Durability::Flushed)?;
    }
    Ok(Recorded { path: rel, created })
}

/// Today's log from the workspace's template (or the embedded one).
fn new_log(root: &Path, today: Date) -> Result<String> {
    let text = crate::template::user_or_builtin(root, "templates/log.md")?
        .unwrap_or_else(|| "---\ndate: {{date}}\n---\n".to_string());
    Ok(crate::template::fill(
        &text,
        &[
            ("date", today.to_string()),
            ("title", crate::template::yaml_quoted_escape(&format!("Practice log {today}"))),
        ],
    ))
}

/// The rehearsal as YAML item lines, each prefixed by `indent` spaces.
fn block_item(entry: &Entry, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut lines = vec![format!("{pad}- story: {}", scalar(&entry.story)), format!("{pad}  rating: {}", entry.rating)];
    if let Some(s) = entry.seconds {
        lines.push(format!("{pad}  seconds: {s}"));
    }
    lines
}

/// The rehearsal as a one-line YAML mapping.
fn flow_item(entry: &Entry) -> String {
    match entry.seconds {
        Some(s) => format!("{{story: {}, rating: {}, seconds: {s}}}", scalar(&entry.story), entry.rating),
        None => format!("{{story: {}, rating: {}}}", scalar(&entry.story), entry.rating),
    }
}

/// The value written after `key:` on a line, without an inline comment.
fn value_after(line: &str, key: &str) -> Option<String> {
    let rest = line.strip_prefix(key)?.strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let value = match rest.find(" #") {
        Some(i) if !rest[..i].contains(['"', '\'']) => &rest[..i],
        _ => rest,
    };
    Some(value.trim().to_string())
}

/// Inserts the rehearsal into a log's text; every byte already there is kept.
pub fn append(text: &str, entry: &Entry) -> std::result::Result<String, String> {
    // Lines with their endings, so slices can be put back together unchanged.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let newline = if lines.first().is_some_and(|l| l.ends_with("\r\n")) { "\r\n" } else { "\n" };
    let bare = |l: &str| l.trim_end_matches('\n').trim_end_matches('\r').to_string();
    let opens = lines.first().is_some_and(|l| bare(l).trim_start_matches('\u{feff}').trim_end() == "---");
    if !opens {
        return Err("the log has no front matter (a first line `---`)".into());
    }
    let close = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| matches!(bare(l).trim_end(), "---" | "..."))
        .map(|(i, _)| i)
        .ok_or("the front matter is never closed (no second `---` line)")?;
    let key = (1..close).find(|&i| value_after(&bare(lines[i]), "rehearsals").is_some());
    let insert_lines = |at: usize, new: Vec<String>| {
        let mut out = String::with_capacity(text.len() + 80);
        for l in &lines[..at] {
            out.push_str(l);
        }
        // The line before may be the file's last, without an ending.
        if at > 0 && !lines[at - 1].ends_with('\n') {
            out.push_str(newline);
        }
        for l in new {
            out.push_str(&l);
            out.push_str(newline);
        }
        for l in &lines[at..] {
            out.push_str(l);
        }
        out
    };
    let Some(k) = key else {
        let mut new = vec!["rehearsals:".to_string()];
        new.extend(block_item(entry, 2));
        return Ok(insert_lines(close, new));
    };
    let line = bare(lines[k]);
    let value = value_after(&line, "rehearsals").unwrap_or_default();
    if value.starts_with('[') && value.ends_with(']') {
        // A one-line list: the item goes in before its `]`.
        let inner = value[1..value.len() - 1].trim();
        // The value's own `]`, not one in a comment after it.
        let after = "rehearsals:".len();
        let start = after + line[after..].find(value.as_str()).ok_or("the list could not be located")?;
        let bracket = start + value.len() - 1;
        let offset: usize = lines[..k].iter().map(|l| l.len()).sum::<usize>() + bracket;
        let item = if inner.is_empty() { flow_item(entry) } else { format!(", {}", flow_item(entry)) };
        let mut out = String::with_capacity(text.len() + item.len());
        out.push_str(&text[..offset]);
        out.push_str(&item);
        out.push_str(&text[offset..]);
        return Ok(out);
    }
    if !value.is_empty() {
        return Err(format!("`rehearsals:` holds \"{value}\" where a list was expected"));
    }
    // A block list (or nothing yet): the new item goes after the last line of it.
    let mut last = k;
    let mut indent = None;
    for (i, l) in lines.iter().enumerate().take(close).skip(k + 1) {
        let l = bare(l);
        let trimmed = l.trim_start();
        let depth = l.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if depth == 0 && !trimmed.starts_with("- ") && trimmed != "-" {
            break;
        }
        if trimmed.starts_with('-') && indent.is_none() {
            indent = Some(depth);
        }
        last = i;
    }
    Ok(insert_lines(last + 1, block_item(entry, indent.unwrap_or(2))))
}

/// Checks that `after` reads as `before` with one more rehearsal, this one, last.
fn verify(rel: &str, before: &str, after: &str, entry: &Entry) -> std::result::Result<(), String> {
    let read = |text: &str| match crate::note::parse(rel, Kind::Log, text.as_bytes()).data {
        Data::Log(log) => log.rehearsals.iter().map(|r| (r.story.clone(), r.rating, r.seconds)).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let mut expected = read(before);
    expected.push((entry.story.clone(), entry.rating, entry.seconds));
    if read(after) == expected {
        Ok(())
    } else {
        Err("the rehearsal would not read back from the log; add it by hand under `rehearsals:`".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry { story: "queue-rewrite".into(), rating: Rating::Good, seconds: Some(150) }
    }

    fn appended(text: &str) -> String {
        let after = append(text, &entry()).unwrap();
        verify("logs/2026-11-25.md", text, &after, &entry()).unwrap();
        after
    }

    #[test]
    fn a_block_list_gets_new_lines_after_its_last_item() {
        let text = "---\ndate: 2026-11-25\nrehearsals:\n    - story: a   # first\n      rating: hard\n\n# keep\ncoding: []\n---\nbody\n";
        assert_eq!(
            appended(text),
            "---\ndate: 2026-11-25\nrehearsals:\n    - story: a   # first\n      rating: hard\n    - story: queue-rewrite\n      rating: good\n      seconds: 150\n\n# keep\ncoding: []\n---\nbody\n"
        );
    }

    #[test]
    fn a_one_line_list_gets_the_item_before_its_bracket() {
        let text = "---\r\ndate: 2026-11-25\r\nrehearsals: []   # none yet\r\n---\r\n";
        let after = appended(text);
        assert_eq!(
            after,
            "---\r\ndate: 2026-11-25\r\nrehearsals: [{story: queue-rewrite, rating: good, seconds: 150}]   # none yet\r\n---\r\n"
        );
        let commented = "---\nrehearsals: [{story: a, rating: hard}] # see [notes]\n---\n";
        assert_eq!(
            appended(commented),
            "---\nrehearsals: [{story: a, rating: hard}, {story: queue-rewrite, rating: good, seconds: 150}] # see [notes]\n---\n"
        );
        let again = append(&after, &Entry { seconds: None, ..entry() }).unwrap();
        assert!(again.contains("150}, {story: queue-rewrite, rating: good}]"), "{again}");
    }

    #[test]
    fn a_missing_key_is_added_before_the_closing_line() {
        let text = "---\ndate: 2026-11-25\n---\n## Notes\n";
        assert_eq!(
            appended(text),
            "---\ndate: 2026-11-25\nrehearsals:\n  - story: queue-rewrite\n    rating: good\n    seconds: 150\n---\n## Notes\n"
        );
        let empty = "---\ndate: 2026-11-25\nrehearsals:\ndesign:\n  minutes: 3\n---\n";
        assert!(appended(empty).contains("rehearsals:\n  - story: queue-rewrite\n"));
    }

    #[test]
    fn values_that_are_not_lists_are_refused() {
        assert!(append("---\nrehearsals: lots\n---\n", &entry()).is_err());
        assert!(append("no front matter\n", &entry()).is_err());
        assert!(append("---\ndate: 2026-11-25\n", &entry()).is_err());
    }
}
