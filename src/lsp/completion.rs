//! Completion: in the front matter, the keys of the note's kind (or of the profile)
//! and the values of the key under the cursor — scenario, status, the 16
//! principles (by slug, found by name too), kind, track, target level, timeline,
//! dates (today) and story ids; in the body of logs and mocks, story links `[[…]]`.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Position, TextEdit};

use super::adapter::{self, Choices, Kind};
use super::documents::{line_range, Document};
use super::fields::{self, Field, Scope, Values};
use super::Context;
use crate::domain::principles::{Principle, Scenario};
use crate::domain::tracks::{Level, StudyPath, Timeline, Track};

/// Where the cursor is in a note.
#[derive(Debug, PartialEq, Eq)]
pub enum Spot<'t> {
    /// Writing a key, under `parent` when indented.
    Key { parent: Option<&'t str> },
    /// Writing the value of `key` (under `parent`).
    Value { parent: Option<&'t str>, key: &'t str },
    /// Inside `[[` in the body.
    Link,
    /// Anywhere else.
    Other,
}

/// The front matter's line span (0-based, exclusive of both `---` lines), if any.
pub fn front_matter_lines(text: &str) -> Option<std::ops::Range<u32>> {
    let mut lines = text.split('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let close = lines.position(|l| matches!(l.trim_end(), "---" | "..."))?;
    Some(1..close as u32 + 1)
}

/// The lines of a document that are YAML: the front matter of a note, the whole
/// profile.
pub fn yaml_lines(doc: &Document) -> Option<std::ops::Range<u32>> {
    match doc.rel().and_then(fields::scope_of) {
        Some(Scope::Profile) => Some(0..u32::MAX),
        _ => front_matter_lines(&doc.text),
    }
}

/// What is being written at `pos`.
pub fn spot(doc: &Document, pos: Position) -> Spot<'_> {
    let line = doc.line(pos.line);
    let cut = super::documents::offset(line, Position::new(0, pos.character)).min(line.len());
    let before = &line[..cut];
    let yaml = yaml_lines(doc);
    let in_front = yaml.as_ref().is_some_and(|r| r.contains(&pos.line));
    if !in_front {
        let open = before.rfind("[[");
        return match open {
            Some(i) if !before[i..].contains("]]") => Spot::Link,
            _ => Spot::Other,
        };
    }
    if before.trim_start().starts_with('#') {
        return Spot::Other;
    }
    let indented = before.starts_with(' ') || before.trim_start().starts_with("- ");
    let first = yaml.map_or(0, |r| r.start);
    let parent = if indented { parent_key(doc, first, pos.line) } else { None };
    let entry = before.trim_start().trim_start_matches("- ");
    match entry.split_once(':') {
        None => Spot::Key { parent },
        Some((key, _)) => Spot::Value { parent, key: key.trim() },
    }
}

/// The top-level key above an indented line.
fn parent_key(doc: &Document, first: u32, line: u32) -> Option<&str> {
    (first..line)
        .rev()
        .map(|l| doc.line(l))
        .find(|l| !l.starts_with(' ') && !l.starts_with('-') && !l.starts_with('#') && l.contains(':'))
        .and_then(|l| l.split_once(':'))
        .map(|(k, _)| k.trim())
}

/// The completion items at `pos`.
pub fn complete(ctx: &Context<'_>, doc: &Document, pos: Position) -> Vec<CompletionItem> {
    let Some(scope) = doc.rel().and_then(fields::scope_of) else { return Vec::new() };
    let line = doc.line(pos.line);
    let cut = super::documents::offset(line, Position::new(0, pos.character)).min(line.len());
    // The word being typed: replaced by the item.
    let word_start = line[..cut].rfind(['[', ',', ':', ' ', '"', '\'']).map_or(0, |i| i + 1);
    let replace = line_range(pos.line, line, word_start, cut);
    let edit = |text: String| Some(CompletionTextEdit::Edit(TextEdit::new(replace, text)));
    match spot(doc, pos) {
        Spot::Key { parent } => {
            // Top-level keys already written, above or below the cursor.
            let lines = yaml_lines(doc).unwrap_or(0..0);
            let last = lines.end.min(doc.text.split('\n').count() as u32);
            let present: Vec<&str> = (lines.start..last)
                .filter(|l| *l != pos.line)
                .map(|l| doc.line(l))
                .filter(|l| !l.starts_with([' ', '#', '-']))
                .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
                .collect();
            fields::keys(scope, parent)
                .filter(|f| parent.is_some() || !present.contains(&f.key))
                .map(|f| CompletionItem {
                    label: f.key.to_string(),
                    kind: Some(CompletionItemKind::PROPERTY),
                    detail: Some(f.what.to_string()),
                    documentation: Some(lsp_types::Documentation::String(format!("Feeds: {}.", f.feeds))),
                    text_edit: edit(format!("{}: ", f.key)),
                    ..Default::default()
                })
                .collect()
        }
        Spot::Value { parent, key } => match fields::find(scope, parent, key) {
            Some(f) => values(ctx, f, scope)
                .into_iter()
                .map(|(label, detail, kind)| CompletionItem {
                    filter_text: Some(format!("{label} {detail}")),
                    text_edit: edit(label.clone()),
                    label,
                    detail: Some(detail),
                    kind: Some(kind),
                    ..Default::default()
                })
                .collect(),
            None => Vec::new(),
        },
        Spot::Link if matches!(scope, Scope::Note(Kind::Log | Kind::Mock | Kind::Story | Kind::Design)) => {
            let closed = line[cut..].trim_start_matches(|c: char| c.is_alphanumeric() || c == '-').starts_with("]]");
            stories(ctx)
                .into_iter()
                .map(|(id, title)| CompletionItem {
                    filter_text: Some(format!("{id} {title}")),
                    text_edit: edit(if closed { id.clone() } else { format!("{id}]]") }),
                    label: id,
                    detail: Some(title),
                    kind: Some(CompletionItemKind::REFERENCE),
                    ..Default::default()
                })
                .collect()
        }
        Spot::Link | Spot::Other => Vec::new(),
    }
}

/// The values of a field: (text to insert, what it is, item kind).
fn values(ctx: &Context<'_>, f: &Field, scope: Scope) -> Vec<(String, String, CompletionItemKind)> {
    let value = CompletionItemKind::ENUM_MEMBER;
    let named = |v: Vec<(&'static str, &'static str)>| {
        v.into_iter().map(|(s, l)| (s.to_string(), l.to_string(), value)).collect()
    };
    let today = adapter::today(ctx.config);
    match f.values {
        Values::Scenario => named(Scenario::ALL.iter().map(|s| (s.slug(), s.label())).collect()),
        Values::Principles => named(Principle::ALL.iter().map(|p| (p.slug(), p.label())).collect()),
        Values::StoryStatus => named(adapter::choices(Choices::StoryStatus)),
        Values::DesignStatus => named(adapter::choices(Choices::DesignStatus)),
        Values::MockKind => named(adapter::choices(Choices::MockKind)),
        Values::Difficulty => named(adapter::choices(Choices::Difficulty)),
        Values::Rating => named(adapter::choices(Choices::Rating)),
        Values::StarChecks => named(adapter::choices(Choices::StarCheck)),
        Values::Level => named(Level::ALL.iter().map(|l| (l.slug(), l.label())).collect()),
        Values::Track => named(Track::ALL.iter().map(|t| (t.slug(), t.label())).collect()),
        Values::Timeline => Timeline::ALL
            .iter()
            .map(|t| (t.slug().to_string(), format!("{} ({})", t.label(), t.hours_label()), value))
            .collect(),
        Values::StudyPath => named(StudyPath::ALL.iter().map(|p| (p.slug(), p.label())).collect()),
        Values::Form => named(crate::domain::assessment::Form::ALL.iter().map(|p| (p.slug(), p.label())).collect()),
        Values::Bool => named(vec![("true", "yes"), ("false", "no")]),
        Values::Date => vec![(today.to_string(), "today".to_string(), CompletionItemKind::VALUE)],
        Values::Free if f.key == "happened" && scope == Scope::Note(Kind::Story) => {
            vec![(today.strftime("%Y-%m").to_string(), "this month".to_string(), CompletionItemKind::VALUE)]
        }
        Values::Stories => {
            stories(ctx).into_iter().map(|(id, title)| (id, title, CompletionItemKind::REFERENCE)).collect()
        }
        Values::Free | Values::Nested => Vec::new(),
    }
}

/// The workspace's stories: (id, title).
fn stories(ctx: &Context<'_>) -> Vec<(String, String)> {
    ctx.loaded
        .map_or_else(Vec::new, |l| l.model.portfolio.stories.iter().map(|s| (s.id.clone(), s.title.clone())).collect())
}

#[cfg(test)]
mod tests {
    use super::super::documents::Place;
    use super::*;

    fn doc(text: &str, rel: &str) -> Document {
        Document { text: text.into(), version: 1, place: Place::Workspace(rel.into()) }
    }

    #[test]
    fn the_spot_under_the_cursor() {
        let d =
            doc("---\ntitle: x\nprinciples: [dive-deep, \ncoding:\n  - difficulty: \n---\nSee [[che\n", "logs/x.md");
        assert_eq!(spot(&d, Position::new(1, 2)), Spot::Key { parent: None });
        assert_eq!(spot(&d, Position::new(2, 24)), Spot::Value { parent: None, key: "principles" });
        assert_eq!(spot(&d, Position::new(4, 16)), Spot::Value { parent: Some("coding"), key: "difficulty" });
        assert_eq!(spot(&d, Position::new(6, 9)), Spot::Link);
        assert_eq!(spot(&d, Position::new(6, 2)), Spot::Other);
    }

    #[test]
    fn sixteen_principles_inside_the_list() {
        let config = crate::config::Config::defaults("/ws".into(), "2026-11-25".parse().unwrap());
        let ctx = Context { loaded: None, config: &config };
        let d = doc("---\nprinciples: [\n---\n", "stories/x.md");
        let items = complete(&ctx, &d, Position::new(1, 13));
        assert_eq!(items.len(), 16);
        assert!(items.iter().any(|i| i.label == "dive-deep" && i.detail.as_deref() == Some("Dive Deep")));
        let d = doc("---\ncreated: \n---\n", "stories/x.md");
        assert_eq!(complete(&ctx, &d, Position::new(1, 9))[0].label, "2026-11-25");
        let d = doc("---\nsta\n---\n", "stories/x.md");
        assert!(complete(&ctx, &d, Position::new(1, 3)).iter().any(|i| i.label == "status"));
        let d = doc("---\nsta\nstatus: draft\n---\n", "stories/x.md");
        assert!(!complete(&ctx, &d, Position::new(1, 3)).iter().any(|i| i.label == "status"));
    }
}
