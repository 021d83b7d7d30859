//! `check`'s diagnostics as the editor shows them: each [`Diagnostic`] becomes an
//! LSP diagnostic with the same code, message and hint, and a range that covers the
//! offending text (the misspelt list item, the value, the sentence to rework), not
//! just the point `check` prints.

use lsp_types::{DiagnosticSeverity, NumberOrString, Position, Range};

use super::documents::line_range;
use crate::diag::{Diagnostic, Severity};

/// The source name editors show beside each diagnostic.
pub const SOURCE: &str = "systemcraft";

/// Converts a diagnostic of the note whose text is `text` (the body starting on file
/// line `body_line`) to the editor's form.
pub fn to_lsp(text: &str, d: &Diagnostic, body_line: usize) -> lsp_types::Diagnostic {
    let message = match &d.hint {
        Some(hint) => format!("{}\nhint: {hint}", d.message),
        None => d.message.clone(),
    };
    lsp_types::Diagnostic {
        range: range(text, d, body_line),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        data: Some(serde_json::json!({ "message": d.message, "hint": d.hint })),
        ..Default::default()
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The range a diagnostic covers. Front-matter columns are byte columns (the YAML
/// locator's), body columns are character columns (the STAR checks').
pub fn range(text: &str, d: &Diagnostic, body_line: usize) -> Range {
    if d.line == 0 {
        let first = text.split('\n').next().unwrap_or("");
        return line_range(0, first, 0, first.trim_end().len());
    }
    let line_no = (d.line - 1) as u32;
    let Some(line) = text.split('\n').nth(d.line - 1) else {
        // Past the end (a finding at the end of an empty body): the end of the text.
        let last = text.split('\n').count().saturating_sub(1) as u32;
        return Range::new(Position::new(last, 0), Position::new(last, 0));
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    let indent = line.len() - line.trim_start().len();
    let in_front_matter = d.line < body_line;
    let start = match d.column {
        0 => indent,
        c if in_front_matter => floor_boundary(line, c - 1),
        c => line.char_indices().nth(c - 1).map_or(line.len(), |(i, _)| i),
    };
    // A value the message quotes (`no story named "queue"`), when it is on the line
    // from the position on, is the exact span.
    let quoted = d.message.split('"').nth(1).filter(|q| !q.is_empty() && in_front_matter);
    if let Some(at) = quoted.and_then(|q| line[start..].find(q).map(|i| (start + i, start + i + q.len()))) {
        return line_range(line_no, line, at.0, at.1);
    }
    let end = if in_front_matter { value_end(line, start) } else { body_end(line, start, d.code) };
    let (start, end) = if end <= start { (indent, line.trim_end().len()) } else { (start, end) };
    line_range(line_no, line, start, end)
}

fn floor_boundary(line: &str, i: usize) -> usize {
    let i = i.min(line.len());
    (0..=i).rev().find(|i| line.is_char_boundary(*i)).unwrap_or(0)
}

/// The end of the front-matter value that starts at `start`: the list item inside a
/// `[…]` list, else the value up to a trailing comment.
fn value_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let in_list = line[..start].contains('[') && !line[..start].contains(']');
    let end = if in_list { rest.find([',', ']']).unwrap_or(rest.len()) } else { rest.find(" #").unwrap_or(rest.len()) };
    start + rest[..end].trim_end().len()
}

/// The end of the body passage that starts at `start`: the sentence for a finding
/// about one (`star/we-not-i`), else the rest of the line.
fn body_end(line: &str, start: usize, code: &str) -> usize {
    let rest = &line[start..];
    let end = if code == "star/we-not-i" {
        rest.char_indices()
            .find(|(i, c)| matches!(c, '.' | '!' | '?') && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))
            .map_or(rest.len(), |(i, _)| i + 1)
    } else {
        rest.len()
    };
    start + rest[..end].trim_end().len()
}

/// The one diagnostic of a document too large to read.
pub fn too_large(limit: usize) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("file/too-large".into())),
        source: Some(SOURCE.into()),
        message: format!(
            "the document is larger than {} MiB, so it is not checked\nhint: a note is a few kilobytes of Markdown: split it",
            limit / (1024 * 1024)
        ),
        ..Default::default()
    }
}

/// The one diagnostic of a document outside the workspace.
pub fn outside(root: Option<&std::path::Path>) -> lsp_types::Diagnostic {
    let message = match root {
        Some(root) => {
            format!("this file is outside the systemcraft workspace {}, so it is not checked", root.display())
        }
        None => {
            "no systemcraft workspace (a folder with systemcraft.yaml) holds this file, so it is not checked".into()
        }
    };
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String("lsp/outside-workspace".into())),
        source: Some(SOURCE.into()),
        message: format!(
            "{message}\nhint: open the workspace folder itself in the editor, or run `systemcraft init` there"
        ),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, d: Diagnostic, body_line: usize) -> String {
        let r = range(text, &d, body_line);
        let line = text.split('\n').nth(r.start.line as usize).unwrap();
        line.chars().skip(r.start.character as usize).take((r.end.character - r.start.character) as usize).collect()
    }

    #[test]
    fn ranges_cover_the_offending_text() {
        let text = "---\nprinciples: [dive-deep, ownershp]\nstatus: Redy   # draft\n---\n## Action\nFirst I looked. Then we moved it. Done.\n";
        let d = |line, col, code| Diagnostic::error("s.md", code, "m").at(line, col);
        assert_eq!(span(text, d(2, 25, "schema/unknown-principle"), 5), "ownershp");
        assert_eq!(span(text, d(3, 9, "schema/unknown-status"), 5), "Redy");
        assert_eq!(span(text, d(6, 17, "star/we-not-i"), 5), "Then we moved it.");
        assert_eq!(span(text, d(5, 1, "star/action-not-largest"), 5), "## Action");
        assert_eq!(span(text, d(5, 0, "x"), 5), "## Action");
        assert_eq!(range(text, &d(99, 1, "x"), 5).start.line, 6);
        let text = "---\nbehavioral:\n  stories: [queue]\n---\n";
        let link = Diagnostic::warning("l.md", "link/unknown-story", "no story named \"queue\" in stories/").at(3, 3);
        assert_eq!(span(text, link, 4), "queue");
    }

    #[test]
    fn the_hint_follows_the_message_and_the_code_is_kept() {
        let d = Diagnostic::error("s.md", "schema/unknown-principle", "no such principle")
            .at(1, 1)
            .hint("did you mean `ownership`?");
        let l = to_lsp("x\n", &d, 1);
        assert_eq!(l.message, "no such principle\nhint: did you mean `ownership`?");
        assert_eq!(l.code, Some(NumberOrString::String("schema/unknown-principle".into())));
        assert_eq!(l.severity, Some(DiagnosticSeverity::ERROR));
    }
}
