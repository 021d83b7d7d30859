//! Front matter: finding the YAML block at the top of a note (gray_matter), parsing it
//! (serde_yaml) and reading typed fields out of it with file-relative locations.
//!
//! This is the only module that knows about YAML: serde_yaml is archived upstream, so
//! everything that touches it stays behind [`FrontMatter`] and [`Fields`].

use gray_matter::engine::Engine;
use gray_matter::{Matter, Pod};
use serde_yaml::{Mapping, Value};

use crate::diag::Diagnostic;

pub mod edit;
mod fields;
mod locator;
pub mod nesting;

pub use edit::{EditError, Editor};

pub use fields::Fields;
pub use locator::Locator;

/// The YAML mapping at the top of a note, with what is needed to point into the file.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The parsed mapping (empty when the block was empty or unusable).
    pub map: Mapping,
    /// Where each key sits in the file.
    pub locator: Locator,
}

/// A note's source split into front matter and body.
#[derive(Debug, Clone)]
pub struct Split {
    /// The front matter, when the note has a usable one.
    pub front: Option<FrontMatter>,
    /// The Markdown after the front matter.
    pub body: String,
    /// The 1-based file line on which `body` starts.
    pub body_line: usize,
}

/// gray_matter engine that only delimits: the YAML itself is parsed by serde_yaml,
/// whose errors carry the locations diagnostics need.
struct Delimit;

impl Engine for Delimit {
    fn parse(_content: &str) -> gray_matter::Result<Pod> {
        Ok(Pod::Null)
    }
}

/// Normalises a note's text: drops a UTF-8 byte-order mark and turns CRLF into LF
/// (line numbers stay the same).
pub fn normalise_source(source: &str) -> std::borrow::Cow<'_, str> {
    let s = source.strip_prefix('\u{feff}').unwrap_or(source);
    if s.contains('\r') {
        std::borrow::Cow::Owned(s.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits a (normalised) note into front matter and body, reporting a missing,
/// unterminated or invalid block. `require` says whether this kind of note must have one.
pub fn split(path: &str, source: &str, require: bool, diags: &mut Vec<Diagnostic>) -> Split {
    let mut lines = source.split('\n');
    let starts_with_block = lines.next().is_some_and(is_delimiter);
    if !starts_with_block {
        if require {
            diags.push(
                Diagnostic::error(path, "front-matter/missing", "the note has no front matter")
                    .at(1, 1)
                    .hint("start the file with a line `---`, the note's fields, and another `---` (see templates/)"),
            );
        }
        return Split { front: None, body: source.to_string(), body_line: 1 };
    }
    // Find the closing line ourselves (a block that is never closed is reported, and
    // the blank lines that line numbers depend on are kept), by byte offsets into the
    // source: no line list, no copy of the block.
    let rest = source.split_once('\n').map_or("", |(_, r)| r);
    let mut offset = 0;
    let mut close = None;
    for (idx, line) in rest.split('\n').enumerate() {
        if is_delimiter(line) || line.trim_end() == "..." {
            close = Some((idx, offset, offset + line.len()));
            break;
        }
        offset += line.len() + 1;
    }
    let Some((close_idx, close_start, close_end)) = close else {
        diags.push(
            Diagnostic::error(path, "front-matter/unterminated", "the front matter is never closed")
                .at(1, 1)
                .hint("add a line `---` after the last field"),
        );
        return Split { front: None, body: String::new(), body_line: 1 };
    };
    let close_line = close_idx + 2; // 1-based line of the closing delimiter
    let yaml_text = &rest[..close_start.saturating_sub(1)];
    let body_text = rest.get(close_end + 1..).unwrap_or("");

    // gray_matter delimits a block closed by `---` (it reads the source in place); a
    // `...` closer is YAML's own end-of-document marker, which gray_matter does not
    // know, so that block is taken as found above. Either way the block is parsed
    // trimmed; the blank lines trimmed off its top are counted to keep positions.
    let closer_is_dashes = is_delimiter(&rest[close_start..close_end]);
    let matter = if closer_is_dashes {
        Matter::<Delimit>::new().parse::<Option<()>>(source).ok().map(|e| e.matter)
    } else {
        None
    };
    let leading_blank = yaml_text.split('\n').take_while(|l| l.trim().is_empty()).count();
    let yaml_first_line = 2 + leading_blank;

    let front = parse_yaml(path, matter.as_deref().unwrap_or(yaml_text.trim()), yaml_first_line, diags);
    Split { front, body: body_text.to_string(), body_line: close_line + 1 }
}

fn parse_yaml(path: &str, yaml: &str, first_line: usize, diags: &mut Vec<Diagnostic>) -> Option<FrontMatter> {
    let locator = Locator::new(yaml, first_line);
    for (i, line) in yaml.split('\n').enumerate() {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        if let Some(col) = indent.find('\t') {
            diags.push(
                Diagnostic::error(path, "yaml/tab", "a tab character indents this line; YAML only allows spaces")
                    .at(first_line + i, col + 1)
                    .hint("replace the tab with spaces (two per level is the convention)"),
            );
            return None;
        }
    }
    if yaml.trim().is_empty() {
        return Some(FrontMatter { map: Mapping::new(), locator });
    }
    if let Some((line, col)) = nesting::too_deep(yaml) {
        diags.push(
            Diagnostic::error(path, "yaml/too-deep", nesting::message())
                .at(first_line + line - 1, col)
                .hint("close the brackets, or quote a value that starts with `[` or `{`"),
        );
        return None;
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Some(FrontMatter { map, locator }),
        Ok(Value::Null) => Some(FrontMatter { map: Mapping::new(), locator }),
        Ok(_) => {
            diags.push(
                Diagnostic::error(path, "yaml/not-a-mapping", "the front matter is not a list of `key: value` fields")
                    .at(first_line, 1)
                    .hint("write one `key: value` per line, e.g. `title: My story`"),
            );
            None
        }
        Err(e) => {
            let (line, col) = e.location().map(|l| (first_line + l.line() - 1, l.column())).unwrap_or((first_line, 1));
            let msg = e.to_string();
            // serde_yaml appends " at line L column C"; we report our own file position.
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            diags.push(
                Diagnostic::error(path, "yaml/syntax", format!("invalid YAML: {msg}"))
                    .at(line, col)
                    .hint("check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `%` or `@`"),
            );
            None
        }
    }
}

/// Parses a standalone YAML document (systemcraft.yaml) into a mapping, with the
/// error's line and column on failure.
pub fn parse_document(text: &str) -> Result<FrontMatter, (String, usize, usize)> {
    let text = normalise_source(text);
    if let Some((i, line)) =
        text.split('\n').enumerate().find(|(_, l)| l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t'))
    {
        let col = line.find('\t').unwrap_or(0) + 1;
        return Err(("a tab indents this line; YAML only allows spaces".into(), i + 1, col));
    }
    if let Some((line, col)) = nesting::too_deep(&text) {
        return Err((nesting::message(), line, col));
    }
    match serde_yaml::from_str::<Value>(&text) {
        Ok(Value::Mapping(map)) => Ok(FrontMatter { map, locator: Locator::new(&text, 1) }),
        Ok(Value::Null) => Ok(FrontMatter { map: Mapping::new(), locator: Locator::new(&text, 1) }),
        Ok(_) => Err(("expected `key: value` fields".into(), 1, 1)),
        Err(e) => {
            let (l, c) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
            let msg = e.to_string();
            Err((msg.split(" at line ").next().unwrap_or(&msg).to_string(), l, c))
        }
    }
}

/// The `name: value` pairs of a small YAML text (a file of answers for scripts): of
/// the mapping under top-level `key` when the text has one, else of the top level.
/// A text that starts with `---` is read as a note: only its front matter counts.
///
/// Values come back as written, as text (`""` for an empty one); a list or a
/// mapping as a value is an error naming its key. Returns the pairs and whether they
/// came from under `key`.
pub fn scalar_pairs(text: &str, key: &str) -> Result<(Vec<(String, String)>, bool), String> {
    let text = normalise_source(text);
    let yaml = if text.split('\n').next().is_some_and(is_delimiter) {
        let lines: Vec<&str> = text.split('\n').collect();
        let close = lines[1..]
            .iter()
            .position(|l| is_delimiter(l) || l.trim_end() == "...")
            .ok_or_else(|| "the front matter is never closed".to_string())?;
        lines[1..close + 1].join("\n")
    } else {
        text.into_owned()
    };
    let doc = parse_document(&yaml).map_err(|(msg, line, col)| format!("line {line}, column {col}: {msg}"))?;
    let (map, nested) = match doc.map.get(key) {
        Some(Value::Mapping(m)) => (m.clone(), true),
        Some(Value::Null) => (Mapping::new(), true),
        _ => (doc.map, false),
    };
    let mut out = Vec::new();
    for (k, v) in &map {
        let name = match k {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return Err("a key is not a plain name".into()),
        };
        let value = match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return Err(format!("`{name}` holds a list or a mapping, not a single value")),
        };
        out.push((name, value));
    }
    Ok((out, nested))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_pairs_of_plain_nested_and_note_texts() {
        let (p, nested) = scalar_pairs("design-at-scale: 4\ncoding-speed: 2 # fast\n", "answers").unwrap();
        assert!(!nested);
        assert_eq!(p, [("design-at-scale".to_string(), "4".to_string()), ("coding-speed".into(), "2".into())]);
        let (p, nested) =
            scalar_pairs("---\nform: quick\nanswers:\n  a: 1\n  b:\n---\n# body: 3\n", "answers").unwrap();
        assert!(nested);
        assert_eq!(p, [("a".to_string(), "1".to_string()), ("b".into(), String::new())]);
        assert!(scalar_pairs("a: [1, 2]\n", "answers").unwrap_err().contains("`a`"));
        assert!(scalar_pairs("a: [1\n", "answers").unwrap_err().starts_with("line "));
    }

    fn split_ok(src: &str) -> (Split, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let s = split("n.md", &normalise_source(src), true, &mut d);
        (s, d)
    }

    #[test]
    fn splits_front_matter_and_body_with_positions() {
        let (s, d) = split_ok("---\ntitle: A\n---\n# Body\n");
        assert!(d.is_empty());
        let f = s.front.unwrap();
        assert_eq!(f.map.get("title").unwrap().as_str(), Some("A"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(f.locator.key("title"), (2, 1));
    }

    #[test]
    fn blank_lines_before_fields_keep_line_numbers() {
        let (s, _) = split_ok("---\n\n\nstatus: x\n---\n");
        assert_eq!(s.front.unwrap().locator.key("status"), (4, 1));
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let (s, d) = split_ok("\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.front.unwrap().map.len(), 1);
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn dots_close_the_block() {
        let (s, d) = split_ok("---\ntitle: A\n...\nbody");
        assert!(d.is_empty());
        assert!(s.front.is_some());
        assert_eq!(s.body, "body");
    }

    #[test]
    fn reports_unterminated_missing_tab_and_syntax() {
        let (_, d) = split_ok("---\ntitle: A\n");
        assert_eq!(d[0].code, "front-matter/unterminated");
        let (_, d) = split_ok("# no front matter\n");
        assert_eq!(d[0].code, "front-matter/missing");
        let (_, d) = split_ok("---\nlog:\n\tminutes: 3\n---\n");
        assert_eq!((d[0].code, d[0].line, d[0].column), ("yaml/tab", 3, 1));
        let (_, d) = split_ok("---\ntitle: A\nstatus: [draft\n---\n");
        assert_eq!(d[0].code, "yaml/syntax");
        assert!(d[0].line >= 3, "{:?}", d[0]);
    }

    #[test]
    fn locator_finds_items_and_values() {
        let (s, _) = split_ok("---\ncoding:\n  - problem: A\n    minutes: 3\n  - problem: B\n    minutes: x\nprinciples: [ownership, dive dep]\n---\n");
        let f = s.front.unwrap();
        assert_eq!(f.locator.item_key("coding", 1, Some("minutes")), (6, 5));
        assert_eq!(f.locator.value("principles", Some("dive dep")), (7, 25));
    }
}
