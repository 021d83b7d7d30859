//! A small line-based editor for YAML the user wrote: a note's front matter or a
//! whole YAML document (systemcraft.yaml).
//!
//! It changes values in place and never re-serialises the YAML, so every line it does
//! not touch stays byte for byte as it was — comments, blank lines, key order, quoting,
//! line endings and the Markdown body included. It knows just enough YAML for the
//! files systemcraft writes into: top-level `key: value` scalars, and one level of
//! nested `key: value` scalars under a top-level block mapping (`answers:`).
//!
//! - [`Editor::set`] sets a top-level scalar; a missing key is added after the last
//!   key of the document (before trailing comments and the closing `---`).
//! - [`Editor::set_nested`] sets a key of a nested mapping; a missing key is added at
//!   the end of the block with the indentation of the keys already there (two spaces
//!   for an empty block), and a missing mapping is added like a top-level key.
//! - An inline `# comment` after a value is kept, at its column when the new value
//!   fits before it.
//! - [`Editor::comment_out_nested`] turns a nested `key: value` line into a comment,
//!   so nothing the user wrote is lost when a key no longer applies.

use std::fmt;

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The text starts with `---` but the block is never closed.
    Unterminated,
    /// The key holds a block (a list or a mapping), not a single value.
    NotScalar(String),
    /// The key holds a single value, or a one-line `{…}`/`[…]`, not a block mapping.
    NotBlockMapping(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Unterminated => f.write_str("the front matter is never closed (no second `---` line)"),
            EditError::NotScalar(k) => write!(f, "`{k}` holds a list or a mapping where a single value was expected"),
            EditError::NotBlockMapping(k) => {
                write!(f, "`{k}` should be a mapping with one `name: value` per line below it")
            }
        }
    }
}

impl std::error::Error for EditError {}

/// One line of the file: its text (without the line ending) and the ending as found.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    end: &'static str,
}

/// An editable YAML region (front matter or a whole document) inside a file's text.
#[derive(Debug, Clone)]
pub struct Editor {
    lines: Vec<Line>,
    /// The region holding YAML: line indices `start..end` (`end` is the closing
    /// delimiter of a front matter, or the number of lines for a document).
    start: usize,
    end: usize,
    /// The line ending used for new lines (the file's first one, else `\n`).
    newline: &'static str,
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find('\n') {
            Some(i) => {
                let (body, end) = if rest[..i].ends_with('\r') { (&rest[..i - 1], "\r\n") } else { (&rest[..i], "\n") };
                out.push(Line { text: body.to_string(), end });
                rest = &rest[i + 1..];
            }
            None => {
                out.push(Line { text: rest.to_string(), end: "" });
                rest = "";
            }
        }
    }
    out
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The parts of a `key: value  # comment` line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyLine<'a> {
    indent: usize,
    key: String,
    /// Byte index just after the `:`.
    colon_end: usize,
    /// The value as written (trimmed), possibly empty.
    value: &'a str,
    /// Byte index where the inline comment starts (at its `#`), if any.
    comment: Option<usize>,
}

/// Reads a mapping line `key: value # comment`. List items and comments are not.
fn key_line(line: &str) -> Option<KeyLine<'_>> {
    let indent = indent_of(line);
    let t = &line[indent..];
    if t.is_empty() || t.starts_with('#') || t.starts_with("- ") || t == "-" {
        return None;
    }
    let (key, after_key) = if let Some(q @ ('"' | '\'')) = t.chars().next() {
        let close = t[1..].find(q)? + 1;
        (t[1..close].to_string(), close + 1)
    } else {
        let mut found = None;
        for (i, c) in t.char_indices() {
            if c == ':' && t[i + 1..].chars().next().is_none_or(|n| n == ' ' || n == '\t') {
                found = Some(i);
                break;
            }
            if c == '#' && i > 0 && t[..i].ends_with(' ') {
                return None;
            }
        }
        let i = found?;
        (t[..i].trim_end().to_string(), i)
    };
    if key.is_empty() || !t[after_key..].starts_with(':') {
        return None;
    }
    let colon_end = indent + after_key + 1;
    let rest = &line[colon_end..];
    let comment = comment_start(rest).map(|c| colon_end + c);
    let value = match comment {
        Some(c) => line[colon_end..c].trim(),
        None => rest.trim(),
    };
    Some(KeyLine { indent, key, colon_end, value, comment })
}

/// Where an inline comment starts in the text after a `:`: a `#` outside quotes,
/// at the start or after whitespace.
fn comment_start(rest: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' && (prev == ' ' || prev == '\t') => return Some(i),
            None if (c == '"' || c == '\'') && (prev == ' ' || prev == '\t') => quote = Some(c),
            None => {}
        }
        prev = c;
    }
    None
}

/// Whether a value as written means "nothing here" (so a block may follow).
fn is_null(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// Writes `value` as a YAML scalar: plain when that reads back as the same string,
/// double-quoted otherwise.
pub fn scalar(value: &str) -> String {
    let plain_safe = !value.is_empty()
        && value == value.trim()
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !value.chars().any(|c| c.is_control())
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off"
        );
    if plain_safe {
        return value.to_string();
    }
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A new `key: value` line (`key:` alone for an empty value).
fn key_value(indent: usize, key: &str, value: &str) -> String {
    if value.is_empty() {
        format!("{}{key}:", " ".repeat(indent))
    } else {
        format!("{}{key}: {value}", " ".repeat(indent))
    }
}

impl Editor {
    /// An editor over the front matter of a note. A note without a front-matter
    /// block gets an empty one at the top (the rest of the file is kept as it is).
    pub fn front_matter(text: &str) -> Result<Editor, EditError> {
        let mut lines = split_lines(text);
        let newline = lines.first().map_or("\n", |l| if l.end.is_empty() { "\n" } else { l.end });
        let opens = lines.first().is_some_and(|l| l.text.trim_start_matches('\u{feff}').trim_end() == "---");
        if !opens {
            // Keep a byte-order mark in front of the new block.
            let mut prefix = "";
            if let Some(first) = lines.first_mut() {
                if let Some(rest) = first.text.strip_prefix('\u{feff}') {
                    first.text = rest.to_string();
                    prefix = "\u{feff}";
                }
            }
            lines.insert(0, Line { text: format!("{prefix}---"), end: newline });
            lines.insert(1, Line { text: "---".into(), end: newline });
            return Ok(Editor { lines, start: 1, end: 1, newline });
        }
        let close = lines
            .iter()
            .skip(1)
            .position(|l| matches!(l.text.trim_end(), "---" | "..."))
            .ok_or(EditError::Unterminated)?;
        Ok(Editor { lines, start: 1, end: close + 1, newline })
    }

    /// An editor over a whole YAML document (systemcraft.yaml).
    pub fn document(text: &str) -> Editor {
        let lines = split_lines(text);
        let newline = lines.first().map_or("\n", |l| if l.end.is_empty() { "\n" } else { l.end });
        let end = lines.len();
        let start = usize::from(lines.first().is_some_and(|l| l.text.trim_end() == "---"));
        Editor { lines, start, end, newline }
    }

    /// The edited text.
    pub fn finish(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(&l.text);
            out.push_str(l.end);
        }
        out
    }

    /// The text of line `i` without the byte-order mark.
    fn text(&self, i: usize) -> &str {
        let t = self.lines[i].text.as_str();
        if i == 0 {
            t.trim_start_matches('\u{feff}')
        } else {
            t
        }
    }

    /// The line of top-level `key`.
    fn top_key(&self, key: &str) -> Option<usize> {
        (self.start..self.end).find(|&i| key_line(self.text(i)).is_some_and(|k| k.indent == 0 && k.key == key))
    }

    /// The lines below top-level line `at` that belong to its block: up to the next
    /// line at indentation 0 that is not blank, a comment or a list item.
    fn block_end(&self, at: usize) -> usize {
        (at + 1..self.end)
            .find(|&i| {
                let t = self.text(i);
                !is_blank_or_comment(t) && indent_of(t) == 0 && !t.starts_with('-')
            })
            .unwrap_or(self.end)
    }

    /// The last line of `range` that holds content (not blank, not a comment).
    fn last_content(&self, range: std::ops::Range<usize>) -> Option<usize> {
        range.rev().find(|&i| !is_blank_or_comment(self.text(i)))
    }

    fn insert(&mut self, at: usize, text: String) {
        // A file whose last line has no ending gets one before a line goes after it.
        if at > 0 && self.lines[at - 1].end.is_empty() {
            self.lines[at - 1].end = self.newline;
        }
        self.lines.insert(at, Line { text, end: self.newline });
        if at <= self.end {
            self.end += 1;
        }
    }

    /// Where a new top-level key goes: after the document's last content line.
    fn top_insertion_point(&self) -> usize {
        self.last_content(self.start..self.end).map_or(self.start, |i| i + 1)
    }

    /// Replaces the value on line `i` (a `key: value` line) with `value`, keeping an
    /// inline comment at its column when possible.
    fn replace_value(&mut self, i: usize, value: &str) {
        let offset = self.lines[i].text.len() - self.text(i).len();
        let line = self.text(i).to_string();
        let Some(k) = key_line(&line) else { return };
        let mut out = String::with_capacity(line.len() + value.len());
        out.push_str(&self.lines[i].text[..offset]);
        out.push_str(&line[..k.colon_end]);
        if !value.is_empty() {
            out.push(' ');
            out.push_str(value);
        }
        if let Some(c) = k.comment {
            let used = out.len() - offset;
            let pad = if c > used { c - used } else { 1 };
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&line[c..]);
        }
        self.lines[i].text = out;
    }

    /// The value written for top-level `key` (trimmed, without its comment), if the
    /// key is there.
    pub fn get(&self, key: &str) -> Option<String> {
        self.top_key(key).and_then(|i| key_line(self.text(i)).map(|k| k.value.to_string()))
    }

    /// Sets top-level `key` to `value` (a YAML scalar, see [`scalar`]).
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), EditError> {
        match self.top_key(key) {
            Some(i) => {
                let end = self.block_end(i);
                let has_block = (i + 1..end).any(|j| !is_blank_or_comment(self.text(j)));
                if has_block {
                    return Err(EditError::NotScalar(key.to_string()));
                }
                self.replace_value(i, value);
            }
            None => {
                let at = self.top_insertion_point();
                self.insert(at, key_value(0, key, value));
            }
        }
        Ok(())
    }

    /// The children of top-level mapping `map`: (first line, end, indentation of its
    /// keys, line of each direct key). `None` when `map` is absent.
    fn mapping(&self, map: &str) -> Result<Option<(usize, usize, Option<usize>)>, EditError> {
        let Some(i) = self.top_key(map) else { return Ok(None) };
        let value = key_line(self.text(i)).map(|k| k.value.to_string()).unwrap_or_default();
        if !is_null(&value) {
            return Err(EditError::NotBlockMapping(map.to_string()));
        }
        let end = self.block_end(i);
        let child_indent = (i + 1..end).map(|j| self.text(j)).find(|t| !is_blank_or_comment(t)).map(indent_of);
        if let Some(first) = (i + 1..end).map(|j| self.text(j)).find(|t| !is_blank_or_comment(t)) {
            if first.trim_start().starts_with('-') {
                return Err(EditError::NotBlockMapping(map.to_string()));
            }
        }
        Ok(Some((i, end, child_indent)))
    }

    fn nested_key(&self, map: &str, key: &str) -> Result<Option<usize>, EditError> {
        let Some((i, end, Some(indent))) = self.mapping(map)? else { return Ok(None) };
        Ok((i + 1..end).find(|&j| key_line(self.text(j)).is_some_and(|k| k.indent == indent && k.key == key)))
    }

    /// The value written for `key` inside top-level mapping `map`, if there.
    pub fn get_nested(&self, map: &str, key: &str) -> Result<Option<String>, EditError> {
        Ok(self.nested_key(map, key)?.and_then(|j| key_line(self.text(j)).map(|k| k.value.to_string())))
    }

    /// The direct keys of top-level mapping `map`, in file order (empty when absent).
    pub fn nested_keys(&self, map: &str) -> Result<Vec<String>, EditError> {
        let Some((i, end, Some(indent))) = self.mapping(map)? else { return Ok(Vec::new()) };
        Ok((i + 1..end).filter_map(|j| key_line(self.text(j)).filter(|k| k.indent == indent).map(|k| k.key)).collect())
    }

    /// Sets `key` inside top-level mapping `map` to `value` (a YAML scalar).
    pub fn set_nested(&mut self, map: &str, key: &str, value: &str) -> Result<(), EditError> {
        let (i, end, indent) = match self.mapping(map)? {
            Some(found) => found,
            None => {
                let at = self.top_insertion_point();
                self.insert(at, format!("{map}:"));
                (at, at + 1, None)
            }
        };
        if let Some(j) = self.nested_key(map, key)? {
            let end_of_child = (j + 1..end)
                .find(|&n| {
                    let t = self.text(n);
                    !is_blank_or_comment(t) && indent_of(t) <= indent.unwrap_or(2)
                })
                .unwrap_or(end);
            if (j + 1..end_of_child).any(|n| !is_blank_or_comment(self.text(n))) {
                return Err(EditError::NotScalar(format!("{map}.{key}")));
            }
            self.replace_value(j, value);
            return Ok(());
        }
        let indent = indent.unwrap_or(2);
        let at = self.last_content(i + 1..end).map_or(i + 1, |l| l + 1);
        // An empty mapping written `map: ~` becomes a block.
        if self.last_content(i + 1..end).is_none() {
            let v = key_line(self.text(i)).map(|k| k.value.to_string()).unwrap_or_default();
            if !v.is_empty() {
                self.replace_value(i, "");
            }
        }
        self.insert(at, key_value(indent, key, value));
        Ok(())
    }

    /// Turns the line of `key` inside mapping `map` into a comment (`# key: value`),
    /// keeping its text. Returns whether the key was there.
    pub fn comment_out_nested(&mut self, map: &str, key: &str) -> Result<bool, EditError> {
        let Some(j) = self.nested_key(map, key)? else { return Ok(false) };
        let t = &self.lines[j].text;
        let indent = indent_of(t);
        self.lines[j].text = format!("{}# {}", &t[..indent], &t[indent..]);
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "---\nform: quick   # which form\ntaken:          # the day\nanswers:        # 1 to 5\n  design-at-scale:        # at scale\n  coding-speed: 2  # speed\n---\n# Body\n\nkeep: this\n";

    #[test]
    fn sets_top_level_scalars_keeping_comments_and_body() {
        let mut e = Editor::front_matter(NOTE).unwrap();
        e.set("taken", "2026-11-25").unwrap();
        e.set("form", "complete").unwrap();
        let out = e.finish();
        assert!(out.contains("\nform: complete # which form\n"), "{out}");
        assert!(out.contains("\ntaken: 2026-11-25 # the day\n"), "{out}");
        assert!(out.ends_with("---\n# Body\n\nkeep: this\n"));
        // `keep:` in the body is not a front-matter key.
        assert_eq!(e.get("keep"), None);
    }

    #[test]
    fn sets_nested_keys_in_place_and_appends_missing_ones() {
        let mut e = Editor::front_matter(NOTE).unwrap();
        e.set_nested("answers", "design-at-scale", "4").unwrap();
        e.set_nested("answers", "coding-speed", "5").unwrap();
        e.set_nested("answers", "aws-depth", "3").unwrap();
        let out = e.finish();
        assert_eq!(
            out,
            "---\nform: quick   # which form\ntaken:          # the day\nanswers:        # 1 to 5\n  design-at-scale: 4      # at scale\n  coding-speed: 5  # speed\n  aws-depth: 3\n---\n# Body\n\nkeep: this\n"
        );
        assert_eq!(e.get_nested("answers", "coding-speed").unwrap().as_deref(), Some("5"));
        assert_eq!(e.nested_keys("answers").unwrap(), ["design-at-scale", "coding-speed", "aws-depth"]);
    }

    #[test]
    fn a_long_value_pushes_the_comment_one_space_right() {
        let mut e = Editor::front_matter("---\na: 1 # c\n---\n").unwrap();
        e.set("a", "a-much-longer-value").unwrap();
        assert_eq!(e.finish(), "---\na: a-much-longer-value # c\n---\n");
    }

    #[test]
    fn missing_keys_and_mappings_go_after_the_last_key() {
        let mut e = Editor::front_matter("---\ntitle: x\n# trailing comment\n\n---\nbody\n").unwrap();
        e.set("plan", "plans/a.md").unwrap();
        e.set_nested("answers", "x", "1").unwrap();
        assert_eq!(e.finish(), "---\ntitle: x\nplan: plans/a.md\nanswers:\n  x: 1\n# trailing comment\n\n---\nbody\n");
    }

    #[test]
    fn empty_mapping_takes_two_space_children() {
        let mut e = Editor::front_matter("---\nanswers:\nform: quick\n---\n").unwrap();
        e.set_nested("answers", "a", "1").unwrap();
        assert_eq!(e.finish(), "---\nanswers:\n  a: 1\nform: quick\n---\n");
        let mut e = Editor::front_matter("---\nanswers: ~ # none yet\n---\n").unwrap();
        e.set_nested("answers", "a", "1").unwrap();
        assert_eq!(e.finish(), "---\nanswers:   # none yet\n  a: 1\n---\n");
    }

    #[test]
    fn keeps_the_indentation_of_existing_children() {
        let mut e = Editor::front_matter("---\nanswers:\n    a: 1\n    b: 2\n---\n").unwrap();
        e.set_nested("answers", "c", "3").unwrap();
        assert_eq!(e.finish(), "---\nanswers:\n    a: 1\n    b: 2\n    c: 3\n---\n");
    }

    #[test]
    fn whole_documents_crlf_and_missing_final_newline() {
        let mut e = Editor::document("# profile\r\nname: Sam\r\ninterview_date:\r\n\r\n# goals:\r\n#   daily: 1\r\n");
        e.set("plan", "plans/six-week-intensive.md").unwrap();
        assert_eq!(
            e.finish(),
            "# profile\r\nname: Sam\r\ninterview_date:\r\nplan: plans/six-week-intensive.md\r\n\r\n# goals:\r\n#   daily: 1\r\n"
        );
        let mut e = Editor::document("name: Sam");
        e.set("plan", "p.md").unwrap();
        assert_eq!(e.finish(), "name: Sam\nplan: p.md\n");
        let mut e = Editor::document("plan: old.md # current\nname: Sam");
        e.set("plan", "plans/new.md").unwrap();
        assert_eq!(e.finish(), "plan: plans/new.md # current\nname: Sam");
        let mut e = Editor::document("");
        e.set("plan", "p.md").unwrap();
        assert_eq!(e.finish(), "plan: p.md\n");
    }

    #[test]
    fn nested_blocks_other_keys_and_lists_are_left_alone() {
        let doc = "goals:\n  daily:\n    coding_problems: 2\n  weekly:\n    mocks: 1\nplan: a.md\n";
        let mut e = Editor::document(doc);
        assert_eq!(e.set("goals", "x"), Err(EditError::NotScalar("goals".into())));
        assert_eq!(e.set_nested("goals", "daily", "1"), Err(EditError::NotScalar("goals.daily".into())));
        e.set("plan", "b.md").unwrap();
        assert_eq!(e.finish(), doc.replace("a.md", "b.md"));
        let mut e = Editor::front_matter("---\nanswers: {a: 1}\nlist:\n  - a\n---\n").unwrap();
        assert_eq!(e.set_nested("answers", "a", "2"), Err(EditError::NotBlockMapping("answers".into())));
        assert_eq!(e.set_nested("list", "a", "2"), Err(EditError::NotBlockMapping("list".into())));
    }

    #[test]
    fn quoted_keys_values_and_hashes_inside_quotes() {
        let mut e = Editor::front_matter("---\n\"a-b\": \"x # not a comment\" # comment\n---\n").unwrap();
        e.set("a-b", "y").unwrap();
        assert_eq!(e.finish(), "---\n\"a-b\": y                   # comment\n---\n");
        assert_eq!(scalar("plans/x.md"), "plans/x.md");
        assert_eq!(scalar("2026-11-25"), "2026-11-25");
        assert_eq!(scalar("4"), "4");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("#x"), "\"#x\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn notes_without_front_matter_get_one_and_unterminated_ones_are_refused() {
        let mut e = Editor::front_matter("# Title\ntext\n").unwrap();
        e.set("form", "quick").unwrap();
        assert_eq!(e.finish(), "---\nform: quick\n---\n# Title\ntext\n");
        let mut e = Editor::front_matter("\u{feff}# T\n").unwrap();
        e.set("a", "1").unwrap();
        assert_eq!(e.finish(), "\u{feff}---\na: 1\n---\n# T\n");
        let mut e = Editor::front_matter("\u{feff}---\na: 1\n---\n").unwrap();
        e.set("a", "2").unwrap();
        assert_eq!(e.finish(), "\u{feff}---\na: 2\n---\n");
        assert_eq!(Editor::front_matter("---\na: 1\n").unwrap_err(), EditError::Unterminated);
    }

    #[test]
    fn comments_out_a_key() {
        let mut e = Editor::front_matter(NOTE).unwrap();
        assert!(e.comment_out_nested("answers", "coding-speed").unwrap());
        assert!(!e.comment_out_nested("answers", "nope").unwrap());
        assert!(e.finish().contains("\n  # coding-speed: 2  # speed\n"));
        assert_eq!(e.nested_keys("answers").unwrap(), ["design-at-scale"]);
    }
}
