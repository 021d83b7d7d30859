//! Quick fixes for the diagnostics the editor shows: the did-you-mean replacement
//! (a principle, scenario, status… the hint names), quoting a front-matter value
//! that holds `: `, adding a missing STAR section from the story template, and
//! adding `happened:` to a story without one.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, NumberOrString, Position, Range, TextEdit, Url,
    WorkspaceEdit,
};

use super::adapter;
use super::completion::front_matter_lines;
use super::diagnostics::SOURCE;
use super::documents::{line_range, Document};
use super::Context;

/// The quick fixes for the diagnostics in a code-action request.
pub fn actions(ctx: &Context<'_>, uri: &Url, doc: &Document, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in params.context.diagnostics.iter().filter(|d| d.source.as_deref() == Some(SOURCE)) {
        let Some(NumberOrString::String(code)) = &d.code else { continue };
        let (message, hint) = parts(d);
        let fix = match code.as_str() {
            "yaml/syntax" => quote_value(doc, d.range.start.line),
            "star/missing-section" => missing_section(ctx, doc, &message),
            "star/stale" if message.starts_with("no `happened`") => add_happened(ctx, doc, d.range.start.line),
            _ => did_you_mean(doc, d.range, hint.as_deref()),
        };
        if let Some((title, edits)) = fix {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
    }
    out
}

type Fix = Option<(String, Vec<TextEdit>)>;

/// The message and hint of one of our diagnostics (from its data, else its text).
fn parts(d: &lsp_types::Diagnostic) -> (String, Option<String>) {
    let data = d.data.as_ref();
    let field = |k: &str| data.and_then(|v| v.get(k)).and_then(|v| v.as_str()).map(str::to_string);
    match (field("message"), field("hint")) {
        (Some(m), h) => (m, h),
        (None, _) => match d.message.split_once("\nhint: ") {
            Some((m, h)) => (m.to_string(), Some(h.to_string())),
            None => (d.message.clone(), None),
        },
    }
}

/// `did you mean `X`?` in the hint: replace the range's text with X.
fn did_you_mean(doc: &Document, range: Range, hint: Option<&str>) -> Fix {
    let rest = hint?.split("did you mean `").nth(1)?;
    let name = rest.split('`').next()?;
    if range.start.line != range.end.line || range.start == range.end {
        return None;
    }
    let line = doc.line(range.start.line);
    let start = super::documents::offset(line, Position::new(0, range.start.character));
    let end = super::documents::offset(line, Position::new(0, range.end.character));
    let old = line.get(start..end)?.trim_matches(|c| c == '"' || c == '\'');
    Some((format!("Replace \"{old}\" with `{name}`"), vec![TextEdit::new(range, name.to_string())]))
}

/// A `key: value: more` line (on or just above the reported line) with its value
/// quoted.
fn quote_value(doc: &Document, line_no: u32) -> Fix {
    let front = front_matter_lines(&doc.text)?;
    for l in [line_no, line_no.saturating_sub(1)] {
        if !front.contains(&l) {
            continue;
        }
        let line = doc.line(l);
        let Some(colon) = line.find(": ") else { continue };
        let key = line[..colon].trim_start().trim_start_matches("- ");
        let value = line[colon + 2..].trim();
        let quoted = value.starts_with(['"', '\'', '[', '{']);
        if key.is_empty() || key.contains(' ') || quoted || !value.contains(": ") {
            continue;
        }
        let start = colon + 2 + (line[colon + 2..].len() - line[colon + 2..].trim_start().len());
        let end = start + value.len();
        let new = format!("\"{}\"", crate::template::yaml_quoted_escape(value));
        return Some((
            format!("Quote the value of `{key}` (it holds \": \")"),
            vec![TextEdit::new(line_range(l, line, start, end), new)],
        ));
    }
    None
}

/// `no X section`: insert the template's section for X before the next STAR part
/// the story has (or at the end).
fn missing_section(ctx: &Context<'_>, doc: &Document, message: &str) -> Fix {
    let part = message.strip_prefix("no ")?.strip_suffix(" section")?;
    let order = adapter::PARTS.iter().position(|(p, _)| *p == part)?;
    let note = adapter::parse(doc.rel()?, adapter::Kind::Story, &doc.text);
    let headings = adapter::headings(&note);
    let next = headings
        .iter()
        .filter(|h| h.part.and_then(|p| adapter::PARTS.iter().position(|(q, _)| *q == p)).is_some_and(|i| i > order))
        .map(|h| h.line)
        .min();
    let root = ctx.root().map(std::path::Path::to_path_buf).unwrap_or_default();
    let section = adapter::template_section(&root, part);
    let (at, text) = match next {
        Some(line) => (Position::new(line as u32 - 1, 0), format!("{section}\n")),
        None => {
            let lines = doc.text.split('\n').count() as u32;
            let last = doc.line(lines - 1);
            let end = Position::new(lines - 1, super::documents::utf16_column(last, last.len()));
            let lead = if doc.text.ends_with("\n\n") || doc.text.is_empty() {
                ""
            } else if doc.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            (end, format!("{lead}{section}"))
        }
    };
    Some((format!("Add the {part} section from the story template"), vec![TextEdit::new(Range::new(at, at), text)]))
}

/// `happened:` with this month, before the front matter's closing line.
fn add_happened(ctx: &Context<'_>, doc: &Document, _line: u32) -> Fix {
    let front = front_matter_lines(&doc.text)?;
    let month = adapter::today(ctx.config).strftime("%Y-%m").to_string();
    let at = Position::new(front.end, 0);
    Some((
        format!("Add `happened: {month}` (then set the month it happened)"),
        vec![TextEdit::new(Range::new(at, at), format!("happened: {month}\n"))],
    ))
}

#[cfg(test)]
mod tests {
    use super::super::documents::Place;
    use super::*;

    fn doc(text: &str) -> Document {
        Document { text: text.into(), version: 1, place: Place::Workspace("stories/a.md".into()) }
    }

    #[test]
    fn the_value_with_a_colon_is_quoted() {
        let d = doc("---\ntitle: Migration: the hard part\n---\n");
        let (title, edits) = quote_value(&d, 1).unwrap();
        assert!(title.contains("`title`"));
        assert_eq!(edits[0].new_text, "\"Migration: the hard part\"");
        assert_eq!(edits[0].range, Range::new(Position::new(1, 7), Position::new(1, 31)));
        assert!(quote_value(&doc("---\ntitle: \"a: b\"\n---\n"), 1).is_none());
    }

    #[test]
    fn a_missing_part_goes_before_the_next_one() {
        let config = crate::config::Config::defaults("/nonexistent".into(), "2026-11-25".parse().unwrap());
        let ctx = Context { loaded: None, config: &config };
        let d = doc("---\ntitle: T\n---\n## Situation\nx\n## Action\ny\n");
        let (_, edits) = missing_section(&ctx, &d, "no Task section").unwrap();
        assert_eq!(edits[0].range.start, Position::new(5, 0));
        assert!(edits[0].new_text.starts_with("## Task\n"));
        let (_, edits) = missing_section(&ctx, &d, "no Result section").unwrap();
        assert_eq!(edits[0].range.start, Position::new(7, 0));
        assert!(edits[0].new_text.starts_with("\n## Result\n"));
        let (_, edits) = add_happened(&ctx, &d, 2).unwrap();
        assert_eq!((edits[0].range.start, edits[0].new_text.as_str()), (Position::new(2, 0), "happened: 2026-11\n"));
    }
}
