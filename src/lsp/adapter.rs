//! The one file of the language server that calls the note parser and the story
//! checks (`note::`, `check::`). Everything the server knows about a note — its
//! diagnostics, sections, story facts, links and the choices of its fields — comes
//! through here, so the server reuses `check`'s implementation and a move of those
//! modules changes the paths in this file only.

use jiff::civil::Date;

use crate::check::{self as lint, Report};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::note::kinds::{DesignStatus, Difficulty, MockKind, Rating, StoryStatus};
use crate::note::star::Part;
use crate::pipeline::Pipeline;
use crate::score::Model;

pub use crate::note::{Kind, Note};

/// The kind of note at a workspace-relative path, if it is a note.
pub fn kind_of(rel: &str) -> Option<Kind> {
    crate::note::Kind::of(rel)
}

/// Parses a note from its (unsaved) text, as the index parses a file.
pub fn parse(rel: &str, kind: Kind, text: &str) -> Note {
    crate::note::parse(rel, kind, text.as_bytes())
}

/// The diagnostics `check` gives a note with this text: its schema diagnostics and,
/// for a story that counts, its STAR findings, with the same codes, messages, hints
/// and positions.
pub fn note_diagnostics(config: &Config, note: &Note, text: &str) -> Vec<Diagnostic> {
    let mut out = note.diagnostics.clone();
    if let (Some(story), Some(analysis), false, true) = (note.story(), &note.star, note.example, note.readable) {
        let findings =
            analysis.findings(story, note.body_line, config.profile.target_level, config.today, &config.star);
        let source = crate::note::front_matter::normalise_source(text);
        out.extend(lint::diagnostics(note, &findings, &source, &config.star, config.today));
    }
    out
}

/// The diagnostics of the profile (`systemcraft.yaml`) with this text.
pub fn profile_diagnostics(config: &Config, text: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    Config::defaults(config.root.clone(), config.today).apply(text, &mut diags);
    diags
}

/// The workspace as `check` sees it on disk: the model, and the findings about the
/// paths `selected` accepts.
pub fn check_workspace(pipeline: &mut Pipeline, selected: &dyn Fn(&str) -> bool) -> (Model, Report) {
    let model = pipeline.model();
    let root = pipeline.workspace.root.clone();
    let read = |rel: &str| {
        std::fs::read(root.join(crate::diag::to_path(rel))).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
    };
    let report = Report::collect(&pipeline.config, &pipeline.index, &model, selected, &read);
    (model, report)
}

/// Sorts one path's findings as `check` does: by position and code, keeping the
/// order they were made in among equals.
pub fn sort_findings(findings: &mut Vec<Diagnostic>) {
    findings.sort_by(|a, b| {
        let (_, al, ac, acode, _) = a.sort_key();
        let (_, bl, bc, bcode, _) = b.sort_key();
        (al, ac, acode).cmp(&(bl, bc, bcode))
    });
    findings.dedup();
}

/// The diagnostics of a note on disk that come from the note alone (the rest of the
/// workspace's findings about it come from links and the portfolio).
pub fn own_diagnostics<'a>(pipeline: &'a Pipeline, rel: &str) -> &'a [Diagnostic] {
    pipeline.index.get(rel).map_or(&[], |n| n.diagnostics.as_slice())
}

/// Whether a code is one of the STAR checks' (computed from the text of the story).
pub fn is_star_code(code: &str) -> bool {
    crate::note::star::CODES.contains(&code)
}

/// One heading of a note's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The heading text.
    pub title: String,
    /// Depth 1–6; 0 for a bold label.
    pub level: u8,
    /// 1-based file line.
    pub line: usize,
    /// The STAR part it opens, in a story (`Situation`, …).
    pub part: Option<&'static str>,
    /// Its words.
    pub words: usize,
}

/// The headings of a note's body, each with the STAR part it opens.
pub fn headings(note: &Note) -> Vec<Heading> {
    let story = note.kind == Kind::Story;
    note.body
        .sections
        .iter()
        .map(|s| Heading {
            title: s.title.clone(),
            level: s.level,
            line: s.line,
            part: Part::of(&s.title).filter(|_| story).map(part_name),
            words: s.words,
        })
        .collect()
}

fn part_name(part: Part) -> &'static str {
    part.heading().trim_start_matches("## ")
}

/// The STAR parts, in order, with whether each is required.
pub const PARTS: [(&str, bool); 5] =
    [("Situation", true), ("Task", true), ("Action", true), ("Result", true), ("Learnings", false)];

/// The section the story template holds for a part (`## Result` and its guidance),
/// from the workspace's `templates/story.md` when there is one, else the built-in one.
pub fn template_section(root: &std::path::Path, part: &str) -> String {
    let text = std::fs::read_to_string(root.join("templates/story.md"))
        .ok()
        .or_else(|| crate::template::text("templates/story.md"))
        .unwrap_or_default();
    let heading = format!("## {part}");
    let mut lines = text.lines().skip_while(|l| l.trim() != heading);
    let mut out = String::new();
    if let Some(first) = lines.next() {
        out.push_str(first);
        out.push('\n');
        for l in lines.take_while(|l| !l.starts_with("## ") && l.trim() != "---") {
            out.push_str(l);
            out.push('\n');
        }
    }
    if out.is_empty() {
        out = format!("{heading}\n\n");
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out.push('\n');
    out
}

/// What a story says about itself in its front matter.
#[derive(Debug, Clone, Default)]
pub struct StoryFacts {
    /// Title (the id when none).
    pub title: String,
    /// Status slug.
    pub status: &'static str,
    /// Scenario slug.
    pub scenario: Option<&'static str>,
    /// Principle slugs.
    pub principles: Vec<&'static str>,
    /// When it happened.
    pub happened: Option<String>,
}

/// A story note's facts.
pub fn story_facts(note: &Note) -> Option<StoryFacts> {
    let s = note.story()?;
    Some(StoryFacts {
        title: s.title.clone().unwrap_or_else(|| note.id().to_string()),
        status: s.status.unwrap_or(StoryStatus::Draft).slug(),
        scenario: s.scenario.map(|x| x.slug()),
        principles: s.principles.iter().map(|p| p.slug()).collect(),
        happened: s.happened.map(|h| h.to_string()),
    })
}

/// The story id a link or list item names: `[[checkout|Checkout]]`,
/// `stories/checkout.md` and `checkout` all name `checkout`.
pub fn story_id(target: &str) -> String {
    crate::note::kinds::story_ids(vec![(target.to_string(), (0, 0))]).pop().map(|s| s.0).unwrap_or_default()
}

/// The targets of the `[[links]]` in a text.
pub fn wiki_links(text: &str) -> Vec<String> {
    crate::note::markdown::wiki_links(text)
}

/// The choices of the closed sets the note schema defines (slug, label).
pub fn choices(set: Choices) -> Vec<(&'static str, &'static str)> {
    fn all<T: Copy>(
        values: &[T],
        slug: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<(&'static str, &'static str)> {
        values.iter().map(|v| (slug(*v), label(*v))).collect()
    }
    match set {
        Choices::StoryStatus => all(StoryStatus::ALL, StoryStatus::slug, StoryStatus::label),
        Choices::DesignStatus => all(DesignStatus::ALL, DesignStatus::slug, DesignStatus::label),
        Choices::MockKind => all(MockKind::ALL, MockKind::slug, MockKind::label),
        Choices::Difficulty => all(Difficulty::ALL, Difficulty::slug, Difficulty::label),
        Choices::Rating => all(Rating::ALL, Rating::slug, Rating::label),
        Choices::StarCheck => crate::note::star::CODES.iter().map(|c| (c.trim_start_matches("star/"), *c)).collect(),
    }
}

/// The closest choice of a set to an unknown name.
pub fn suggest(set: Choices, name: &str) -> Option<&'static str> {
    match set {
        Choices::StoryStatus => StoryStatus::suggest(name),
        Choices::DesignStatus => DesignStatus::suggest(name),
        Choices::MockKind => MockKind::suggest(name),
        Choices::Difficulty => Difficulty::suggest(name),
        Choices::Rating => Rating::suggest(name),
        Choices::StarCheck => crate::domain::did_you_mean(name, choices(set).into_iter().map(|c| c.0)),
    }
}

/// Closed sets of values defined by the note schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// A story's `status`.
    StoryStatus,
    /// A design's `status`.
    DesignStatus,
    /// A mock's `kind`.
    MockKind,
    /// A coding problem's `difficulty`.
    Difficulty,
    /// A rehearsal's `rating`.
    Rating,
    /// A story's `silence` list.
    StarCheck,
}

/// Interview questions that probe a principle (the ones `practice` asks).
pub fn questions(principle: crate::domain::principles::Principle) -> &'static [&'static str] {
    crate::practice::questions::for_principle(principle)
}

/// The date a new note gets, for completion of date fields.
pub fn today(config: &Config) -> Date {
    config.today
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_principle_and_a_team_action_are_found_in_unsaved_text() {
        let config = Config::defaults("/ws".into(), "2026-11-25".parse().unwrap());
        let text = "---\ntitle: T\nscenario: innovation\nprinciples: [ownershp]\nstatus: draft\nhappened: 2025-03\n---\n## Situation\nx\n## Task\ny\n## Action\nWe rebuilt the cache.\n## Result\nLatency down 40%.\n";
        let note = parse("stories/t.md", Kind::Story, text);
        let codes: Vec<_> = note_diagnostics(&config, &note, text).iter().map(|d| (d.code, d.line)).collect();
        assert!(codes.contains(&("schema/unknown-principle", 4)), "{codes:?}");
        assert!(codes.contains(&("star/we-not-i", 13)), "{codes:?}");
    }

    #[test]
    fn the_template_gives_each_part_its_guidance() {
        let result = template_section(std::path::Path::new("/nonexistent"), "Result");
        assert!(result.starts_with("## Result\n"), "{result}");
        assert!(result.contains("<!--"), "{result}");
        assert!(!result.contains("## Learnings"));
        assert_eq!(story_id("[[stories/checkout.md|C]]"), "checkout");
    }
}
