//! Turning one file into a [`Note`]: kind from the folder, front matter split and
//! typed, body read for sections, tasks, words and links.

pub mod checks;
mod date;
pub mod design;
pub mod front_matter;
pub mod kinds;
pub mod markdown;
pub mod part;
pub mod star;
pub mod stored;

use crate::diag::Diagnostic;
use crate::note::star::Analysis;
use front_matter::{Fields, FrontMatter};
use kinds::{Assessment, Design, Log, Mock, Plan, Story};
use markdown::Body;

/// What a note is, decided by where it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `assessment.md` at the root.
    Assessment,
    /// `stories/*.md`.
    Story,
    /// `logs/*.md`.
    Log,
    /// `designs/*.md`.
    Design,
    /// `mocks/*.md`.
    Mock,
    /// `plans/*.md`.
    Plan,
}

impl Kind {
    /// The kind of a workspace-relative path (`/`-separated), or `None` for files the
    /// tool does not read.
    pub fn of(rel: &str) -> Option<Kind> {
        if !rel.ends_with(".md") {
            return None;
        }
        if rel == "assessment.md" {
            return Some(Kind::Assessment);
        }
        let (top, rest) = rel.split_once('/')?;
        let file = rest.rsplit('/').next().unwrap_or(rest);
        if file.eq_ignore_ascii_case("README.md") {
            return None;
        }
        match top {
            "stories" => Some(Kind::Story),
            "logs" => Some(Kind::Log),
            "designs" => Some(Kind::Design),
            "mocks" => Some(Kind::Mock),
            "plans" => Some(Kind::Plan),
            _ => None,
        }
    }

    /// The folder notes of this kind live in (empty for the assessment).
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Assessment => "",
            Kind::Story => "stories",
            Kind::Log => "logs",
            Kind::Design => "designs",
            Kind::Mock => "mocks",
            Kind::Plan => "plans",
        }
    }
}

/// The typed content of a note.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Data {
    /// A STAR story.
    Story(Story),
    /// A practice log.
    Log(Log),
    /// A design write-up.
    Design(Design),
    /// A mock interview.
    Mock(Mock),
    /// A study plan.
    Plan(Plan),
    /// The self-assessment.
    Assessment(Assessment),
}

/// One parsed note.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Note {
    /// Workspace-relative path with `/` separators.
    pub path: String,
    /// Its kind.
    pub kind: Kind,
    /// What its front matter says (defaults where unusable).
    pub data: Data,
    /// Its body.
    pub body: Body,
    /// The file line the body starts on.
    pub body_line: usize,
    /// `example: true`: parsed and checked, not counted.
    pub example: bool,
    /// Whether the front matter could be read at all.
    pub readable: bool,
    /// Problems found in this note.
    #[serde(with = "stored::diagnostics")]
    pub diagnostics: Vec<Diagnostic>,
    /// For a story: what the STAR checks read from its text, computed here once so
    /// that each model only applies the configured thresholds and date (boxed: the
    /// other notes, most of them, hold no room for it).
    pub star: Option<Box<Analysis>>,
}

impl Note {
    /// The id other notes use for it: the file name without `.md` (read from the path
    /// when asked, rather than kept a second time in every note).
    pub fn id(&self) -> &str {
        id_of(&self.path)
    }

    /// The story, if this note is one.
    pub fn story(&self) -> Option<&Story> {
        match &self.data {
            Data::Story(s) => Some(s),
            _ => None,
        }
    }

    /// Gives back the spare room of its lists (a list grown one item at a time has
    /// room for up to four items, or twice its length): for a note kept for a whole
    /// run, as the index keeps 100,000 of them.
    pub fn shrink_to_fit(&mut self) {
        self.diagnostics.shrink_to_fit();
        self.body.sections.shrink_to_fit();
        self.body.tasks.shrink_to_fit();
        self.body.links.shrink_to_fit();
        match &mut self.data {
            Data::Story(s) => {
                s.principles.shrink_to_fit();
                s.silenced.shrink_to_fit();
                s.written_parts.shrink_to_fit();
            }
            Data::Log(l) => {
                l.coding.shrink_to_fit();
                l.stories.shrink_to_fit();
                l.rehearsals.shrink_to_fit();
            }
            Data::Mock(m) => m.stories.shrink_to_fit(),
            Data::Design(_) | Data::Plan(_) | Data::Assessment(_) => {}
        }
    }
}

/// The id of the note at `rel`: its file name without `.md`.
pub fn id_of(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md")
}

/// Parses a note's bytes. Never fails: problems become diagnostics on the note.
pub fn parse(rel: &str, kind: Kind, bytes: &[u8]) -> Note {
    let mut diags = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
            diags.push(
                Diagnostic::error(rel, "file/not-utf8", "the file is not valid UTF-8 text")
                    .at(line, 0)
                    .hint("save the file as UTF-8 in your editor"),
            );
            String::from_utf8_lossy(bytes)
        }
    };
    let text = front_matter::normalise_source(&text);
    let split = front_matter::split(rel, &text, true, &mut diags);
    // Stories also accept plain-text part labels (`Situation — …`).
    let body = if kind == Kind::Story {
        markdown::parse_with(&split.body, split.body_line, &|label| crate::note::star::Part::of(label).is_some())
    } else {
        markdown::parse(&split.body, split.body_line)
    };
    let readable = split.front.is_some();
    let front = split.front.unwrap_or_default();
    let mut f = Fields::new(&front, rel, &mut diags);
    let example = f.boolean("example", "true").unwrap_or(false);
    let mut data = if readable {
        match kind {
            Kind::Story => Data::Story(kinds::parse_story(&mut f)),
            Kind::Log => Data::Log(kinds::parse_log(&mut f)),
            Kind::Design => Data::Design(kinds::parse_design(&mut f)),
            Kind::Mock => Data::Mock(kinds::parse_mock(&mut f, &body.links)),
            Kind::Plan => Data::Plan(kinds::parse_plan(&mut f)),
            Kind::Assessment => Data::Assessment(kinds::parse_assessment(&mut f)),
        }
    } else {
        empty(kind)
    };
    if let Data::Design(d) = &mut data {
        d.covered = design::Coverage::read(&body.sections);
    }
    check_file_name(rel, kind, &data, &front, &mut diags);
    let star = match &data {
        Data::Story(s) => Some(Box::new(Analysis::read(s, &split.body, split.body_line))),
        _ => None,
    };
    Note {
        path: rel.to_string(),
        kind,
        data,
        body,
        body_line: split.body_line,
        example,
        readable,
        diagnostics: diags,
        star,
    }
}

/// A note whose file could not be read: no data, one diagnostic.
pub fn unreadable(rel: &str, kind: Kind, error: &std::io::Error) -> Note {
    Note {
        path: rel.to_string(),
        kind,
        data: empty(kind),
        body: Body::default(),
        body_line: 1,
        example: false,
        readable: false,
        diagnostics: vec![Diagnostic::error(rel, "file/unreadable", format!("cannot read the file: {error}"))
            .hint("check the file's permissions")],
        star: None,
    }
}

/// A note too large to be read (more than `limit` bytes): no data, one diagnostic.
pub fn too_large(rel: &str, kind: Kind, limit: u64) -> Note {
    let mut note = unreadable(rel, kind, &std::io::Error::other("too large"));
    note.diagnostics = vec![Diagnostic::error(
        rel,
        "file/too-large",
        format!("the file is larger than {} MiB, so it was not read", limit / (1024 * 1024)),
    )
    .hint("a note is a few kilobytes of Markdown: split it, or move it out of the notes folders")];
    note
}

/// The finding for a note whose file name is not valid UTF-8.
pub fn lossy_name(rel: &str) -> Diagnostic {
    Diagnostic::warning(rel, "file/name-not-utf8", "the file name is not valid UTF-8 (shown with � for the bad bytes)")
        .hint("rename the file with UTF-8 characters only, so links and other systems can name it")
}

/// The warning for a file name with control characters (a newline, an escape
/// sequence): it is shown escaped everywhere, and should be renamed.
pub fn odd_name(rel: &str) -> Diagnostic {
    Diagnostic::warning(
        rel,
        "file/name-control",
        "the file name holds control characters (shown escaped, as \\n or \\u{1b})",
    )
    .hint("rename the file with printable characters only")
}

fn empty(kind: Kind) -> Data {
    match kind {
        Kind::Story => Data::Story(Story::default()),
        Kind::Log => Data::Log(Log::default()),
        Kind::Design => Data::Design(Design::default()),
        Kind::Mock => Data::Mock(Mock::default()),
        Kind::Plan => Data::Plan(Plan::default()),
        Kind::Assessment => Data::Assessment(Assessment::default()),
    }
}

/// A log named by a date must hold that date.
fn check_file_name(rel: &str, kind: Kind, data: &Data, front: &FrontMatter, diags: &mut Vec<Diagnostic>) {
    if let (Kind::Log, Data::Log(log)) = (kind, data) {
        let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md");
        if let (Ok(named), Some(date)) = (stem.parse::<jiff::civil::Date>(), log.date) {
            if named != date && stem.len() == 10 {
                let (l, c) = front.locator.value("date", None);
                diags.push(
                    Diagnostic::warning(
                        rel,
                        "log/date-mismatch",
                        format!("the file is named {stem} but its `date` is {date}"),
                    )
                    .at(l, c)
                    .hint(format!("set `date: {stem}` or rename the file to logs/{date}.md")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_folders() {
        assert_eq!(Kind::of("stories/a.md"), Some(Kind::Story));
        assert_eq!(Kind::of("stories/sub/a.md"), Some(Kind::Story));
        assert_eq!(Kind::of("stories/README.md"), None);
        assert_eq!(Kind::of("assessment.md"), Some(Kind::Assessment));
        assert_eq!(Kind::of("reference/lp.md"), None);
        assert_eq!(Kind::of("logs/2026-01-01.txt"), None);
        assert_eq!(Kind::of("notes.md"), None);
    }

    #[test]
    fn a_story_parses_with_diagnostics_for_bad_fields() {
        let src = "---\ntitle: T\nscenario: innovaton\nprinciples: [Dive Deep, ownershp]\nstatus: Ready\nhappened: 2025-03\nmy_key: kept\n---\n## Situation\nx\n";
        let n = parse("stories/t.md", Kind::Story, src.as_bytes());
        let s = n.story().unwrap();
        assert_eq!(s.status, Some(kinds::StoryStatus::Ready));
        assert_eq!(s.principles, vec![crate::domain::principles::Principle::DiveDeep]);
        let codes: Vec<_> = n.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(codes, vec![("schema/unknown-scenario", 3), ("schema/unknown-principle", 4)]);
        assert!(n.diagnostics[0].hint.as_deref().unwrap().contains("innovation"));
    }

    #[test]
    fn not_utf8_is_reported_and_the_rest_still_parses() {
        let mut bytes = b"---\ntitle: T\nscenario: innovation\nstatus: draft\n---\n".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
        let n = parse("stories/t.md", Kind::Story, &bytes);
        assert_eq!(n.diagnostics[0].code, "file/not-utf8");
        assert_eq!(n.diagnostics[0].line, 6);
        assert!(n.story().unwrap().title.is_some());
    }
}
