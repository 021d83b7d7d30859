//! Document symbols (the STAR sections of a story, the headings of other notes,
//! each spanning its section) and go-to-definition from a story link or a story id
//! to the story's file.

use lsp_types::{DocumentSymbol, GotoDefinitionResponse, Location, Position, Range, SymbolKind};

use super::adapter;
use super::documents::{line_range, uri_of, Document};
use super::hover::token;
use super::Context;

/// The outline of a document.
pub fn symbols(doc: &Document) -> Vec<DocumentSymbol> {
    let Some(kind) = doc.rel().and_then(adapter::kind_of) else { return Vec::new() };
    let note = adapter::parse(doc.rel().unwrap_or_default(), kind, &doc.text);
    let headings = adapter::headings(&note);
    let last_line = doc.text.split('\n').count().saturating_sub(1) as u32;
    let shown: Vec<&adapter::Heading> = if kind == adapter::Kind::Story {
        headings.iter().filter(|h| h.part.is_some()).collect()
    } else {
        headings.iter().collect()
    };
    shown
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let line_no = h.line as u32 - 1;
            let line = doc.line(line_no);
            // A section runs to the line before the next shown heading.
            let end = shown.get(i + 1).map_or(last_line, |n| (n.line as u32).saturating_sub(2).max(line_no));
            let end_len = super::documents::utf16_column(doc.line(end), usize::MAX);
            let selection = line_range(line_no, line, 0, line.len());
            #[allow(deprecated)]
            DocumentSymbol {
                name: h.part.map_or_else(|| h.title.clone(), str::to_string),
                detail: Some(format!("{} word{}", h.words, if h.words == 1 { "" } else { "s" })),
                kind: if h.part.is_some() { SymbolKind::STRUCT } else { SymbolKind::STRING },
                tags: None,
                deprecated: None,
                range: Range::new(Position::new(line_no, 0), Position::new(end, end_len)),
                selection_range: selection,
                children: None,
            }
        })
        .collect()
}

/// The story a link or a story id at `pos` names.
pub fn definition(ctx: &Context<'_>, doc: &Document, pos: Position) -> Option<GotoDefinitionResponse> {
    let loaded = ctx.loaded?;
    let line = doc.line(pos.line);
    let at = super::documents::offset(line, Position::new(0, pos.character)).min(line.len());
    let tok = token(line, at)?;
    let id = adapter::story_id(tok.text);
    let view = loaded.model.portfolio.story(&id)?;
    let uri = uri_of(loaded.root(), &view.path)?;
    Some(GotoDefinitionResponse::Scalar(Location::new(uri, Range::default())))
}

#[cfg(test)]
mod tests {
    use super::super::documents::Place;
    use super::*;

    #[test]
    fn a_story_outline_is_its_star_sections() {
        let doc = Document {
            text: "---\ntitle: T\n---\n# Title\n## Situation\nx y\n## Notes\n## Action\nI did.\n".into(),
            version: 1,
            place: Place::Workspace("stories/a.md".into()),
        };
        let s = symbols(&doc);
        let names: Vec<_> = s.iter().map(|s| (s.name.as_str(), s.range.start.line, s.range.end.line)).collect();
        assert_eq!(names, [("Situation", 4, 6), ("Action", 7, 9)]);
    }
}
