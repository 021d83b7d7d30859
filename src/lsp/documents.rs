//! The documents the editor has open: their unsaved text by URI, where each sits in
//! the workspace, and the conversions between LSP positions (lines and UTF-16
//! columns, 0-based) and the parser's (lines and columns, 1-based).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

/// The largest document the server reads (the same cap as a note on disk): a larger
/// one gets one diagnostic and nothing else.
pub const MAX_DOCUMENT_BYTES: usize = crate::index::MAX_NOTE_BYTES as usize;

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its text as the editor has it, saved or not.
    pub text: String,
    /// The editor's version number.
    pub version: i32,
    /// Where it is: in the workspace (and at which relative path) or not.
    pub place: Place,
}

/// Where a document's file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In the workspace, at this `/`-separated relative path.
    Workspace(String),
    /// Outside the workspace (or not a file at all): not checked.
    Outside,
}

impl Document {
    /// The workspace-relative path, when the document is in the workspace.
    pub fn rel(&self) -> Option<&str> {
        match &self.place {
            Place::Workspace(rel) => Some(rel),
            Place::Outside => None,
        }
    }

    /// Whether the text is over [`MAX_DOCUMENT_BYTES`].
    pub fn too_large(&self) -> bool {
        self.text.len() > MAX_DOCUMENT_BYTES
    }

    /// The text's lines (without their `\n`).
    pub fn line(&self, line: u32) -> &str {
        self.text.split('\n').nth(line as usize).map_or("", |l| l.strip_suffix('\r').unwrap_or(l))
    }

    /// The byte offset of an LSP position (clamped to the text).
    pub fn offset(&self, pos: Position) -> usize {
        offset(&self.text, pos)
    }

    /// Applies the editor's changes (whole text or ranges), in order.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let start = offset(&self.text, range.start);
                    let end = offset(&self.text, range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
    }
}

/// The byte offset in `text` of an LSP position (clamped to the line and the text).
pub fn offset(text: &str, pos: Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

/// The UTF-16 column of byte `index` in `line` (clamped).
pub fn utf16_column(line: &str, index: usize) -> u32 {
    let index = index.min(line.len());
    let index = (0..=index).rev().find(|i| line.is_char_boundary(*i)).unwrap_or(0);
    line[..index].chars().map(char::len_utf16).sum::<usize>() as u32
}

/// A range on one line, from byte `start` to byte `end` of `line` (0-based line).
pub fn line_range(line_no: u32, line: &str, start: usize, end: usize) -> Range {
    Range::new(
        Position::new(line_no, utf16_column(line, start)),
        Position::new(line_no, utf16_column(line, end.max(start))),
    )
}

/// The open documents by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: BTreeMap<Url, Document>,
}

impl Documents {
    /// Opens (or reopens) a document.
    pub fn open(&mut self, uri: Url, text: String, version: i32, root: Option<&Path>) -> &Document {
        let place = place(&uri, root);
        self.open.insert(uri.clone(), Document { text, version, place });
        &self.open[&uri]
    }

    /// A document by URI.
    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.open.get(uri)
    }

    /// A document by URI, to change it.
    pub fn get_mut(&mut self, uri: &Url) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    /// Forgets a document.
    pub fn close(&mut self, uri: &Url) -> Option<Document> {
        self.open.remove(uri)
    }

    /// Every open document.
    pub fn iter(&self) -> impl Iterator<Item = (&Url, &Document)> {
        self.open.iter()
    }

    /// The open document at a workspace-relative path.
    pub fn by_rel(&self, rel: &str) -> Option<(&Url, &Document)> {
        self.open.iter().find(|(_, d)| d.rel() == Some(rel))
    }
}

/// Where a URI's file sits: in the workspace under `root` (symlinked folders
/// resolved on both sides) or outside it.
pub fn place(uri: &Url, root: Option<&Path>) -> Place {
    let (Some(root), Ok(path)) = (root, uri.to_file_path()) else { return Place::Outside };
    match relative(root, &path) {
        Some(rel) if !rel.is_empty() && !rel.split('/').any(|p| p == "..") => Place::Workspace(rel),
        _ => Place::Outside,
    }
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    if let Ok(rel) = path.strip_prefix(root) {
        return Some(crate::diag::rel_path(rel));
    }
    // The editor may name the file through a symlink, or the root through one.
    let canonical_root = root.canonicalize().ok()?;
    let parent = path.parent()?.canonicalize().ok()?;
    let full: PathBuf = parent.join(path.file_name()?);
    full.strip_prefix(&canonical_root).ok().map(crate::diag::rel_path)
}

/// The URI of a workspace-relative path.
pub fn uri_of(root: &Path, rel: &str) -> Option<Url> {
    Url::from_file_path(root.join(crate::diag::to_path(rel))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "ab\né😀x\n";
        assert_eq!(offset(text, Position::new(1, 0)), 3);
        assert_eq!(offset(text, Position::new(1, 1)), 5);
        assert_eq!(offset(text, Position::new(1, 3)), 9);
        assert_eq!(offset(text, Position::new(1, 99)), 10);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
        assert_eq!(utf16_column("é😀x", 6), 3);
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut d = Document { text: "one\ntwo\n".into(), version: 1, place: Place::Outside };
        let change = |l, c, l2, c2, t: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l, c), Position::new(l2, c2))),
            range_length: None,
            text: t.into(),
        };
        d.apply(vec![change(1, 0, 1, 3, "2"), change(0, 3, 0, 3, "!")], 2);
        assert_eq!(d.text, "one!\n2\n");
        assert_eq!(d.version, 2);
    }

    #[test]
    fn files_outside_the_root_are_outside() {
        let root = Path::new("/ws");
        let inside = Url::from_file_path("/ws/stories/a.md").unwrap();
        assert_eq!(place(&inside, Some(root)), Place::Workspace("stories/a.md".into()));
        let outside = Url::from_file_path("/elsewhere/a.md").unwrap();
        assert_eq!(place(&outside, Some(root)), Place::Outside);
        let untitled = Url::parse("untitled:Untitled-1").unwrap();
        assert_eq!(place(&untitled, Some(root)), Place::Outside);
        assert_eq!(place(&inside, None), Place::Outside);
    }
}
