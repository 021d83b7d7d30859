//! Front matter: finding the YAML block at the top of a note (gray_matter), parsing it
//! (serde_yaml) and reading typed fields out of it with file-relative locations.
//!
//! This is the only module that knows about YAML: serde_yaml is archived upstream, so
//! everything that touches it stays behind [`FrontMatter`] and [`Fields`].

use gray_matter::engine::Engine;
use gray_matter::{Matter, Pod};
use jiff::civil::Date;
use serde_yaml::{Mapping, Value};

use crate::diag::Diagnostic;

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
pub fn normalise_source(source: &str) -> String {
    let s = source.strip_prefix('\u{feff}').unwrap_or(source);
    if s.contains('\r') {
        s.replace("\r\n", "\n")
    } else {
        s.to_string()
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
        return Split {
            front: None,
            body: source.to_string(),
            body_line: 1,
        };
    }
    // Find the closing line ourselves: gray_matter would silently treat a block that is
    // never closed as an empty note, and it trims away the blank lines that line numbers
    // depend on.
    let Some(close_idx) = source.split('\n').skip(1).position(|l| is_delimiter(l) || l.trim_end() == "...") else {
        diags.push(
            Diagnostic::error(path, "front-matter/unterminated", "the front matter is never closed")
                .at(1, 1)
                .hint("add a line `---` after the last field"),
        );
        return Split {
            front: None,
            body: String::new(),
            body_line: 1,
        };
    };
    let close_line = close_idx + 2; // 1-based line of the closing delimiter
    let all: Vec<&str> = source.split('\n').collect();
    let yaml_text = all[1..close_line - 1].join("\n");
    let body_text = all[close_line..].join("\n");

    // gray_matter delimits the well-formed block; a `...` closer is YAML's own
    // end-of-document marker, which gray_matter does not know, so that case is
    // rewritten to `---` before it looks.
    let delimited = if all[close_line - 1].trim_end() == "..." {
        format!("---\n{yaml_text}\n---\n{body_text}")
    } else {
        source.to_string()
    };
    let matter = Matter::<Delimit>::new()
        .parse::<Option<()>>(&delimited)
        .map(|e| e.matter)
        .unwrap_or_else(|_| yaml_text.trim().to_string());
    // gray_matter trims the block; count the blank lines it removed to keep positions.
    let leading_blank = yaml_text.split('\n').take_while(|l| l.trim().is_empty()).count();
    let yaml_first_line = 2 + leading_blank;

    let front = parse_yaml(path, &matter, yaml_first_line, diags);
    Split {
        front,
        body: body_text,
        body_line: close_line + 1,
    }
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
        return Some(FrontMatter {
            map: Mapping::new(),
            locator,
        });
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Some(FrontMatter { map, locator }),
        Ok(Value::Null) => Some(FrontMatter {
            map: Mapping::new(),
            locator,
        }),
        Ok(_) => {
            diags.push(
                Diagnostic::error(path, "yaml/not-a-mapping", "the front matter is not a list of `key: value` fields")
                    .at(first_line, 1)
                    .hint("write one `key: value` per line, e.g. `title: My story`"),
            );
            None
        }
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (first_line + l.line() - 1, l.column()))
                .unwrap_or((first_line, 1));
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

/// Finds where keys and values sit in the file, for diagnostics.
///
/// serde_yaml gives locations only for syntax errors, so the positions of keys are
/// recovered from the text: good enough to put the cursor on the right line.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    lines: Vec<String>,
    first_line: usize,
}

impl Locator {
    fn new(yaml: &str, first_line: usize) -> Self {
        Locator {
            lines: yaml.split('\n').map(str::to_string).collect(),
            first_line,
        }
    }

    fn indent(line: &str) -> usize {
        line.len() - line.trim_start().len()
    }

    fn key_of(line: &str) -> Option<&str> {
        let t = line.trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t).trim_start();
        let (k, _) = t.split_once(':')?;
        let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
        (!k.is_empty() && !k.starts_with('#')).then_some(k)
    }

    /// The lines (indices into `lines`) of top-level key `key`'s block, key line included.
    fn block(&self, key: &str) -> Option<std::ops::Range<usize>> {
        let start = self
            .lines
            .iter()
            .position(|l| Self::indent(l) == 0 && Self::key_of(l) == Some(key))?;
        let end = self.lines[start + 1..]
            .iter()
            .position(|l| !l.trim().is_empty() && Self::indent(l) == 0 && !l.starts_with('-') && !l.starts_with('#'))
            .map_or(self.lines.len(), |p| start + 1 + p);
        Some(start..end)
    }

    /// The file position (line, column) of a top-level key; (first line, 1) when absent.
    pub fn key(&self, key: &str) -> (usize, usize) {
        match self.block(key) {
            Some(r) => (self.first_line + r.start, 1),
            None => (self.first_line, 1),
        }
    }

    /// The position of the value of top-level `key` (the text after `key:`), or of the
    /// first occurrence of `needle` inside that key's block when given.
    pub fn value(&self, key: &str, needle: Option<&str>) -> (usize, usize) {
        let Some(r) = self.block(key) else {
            return (self.first_line, 1);
        };
        if let Some(needle) = needle {
            for i in r.clone() {
                let line = &self.lines[i];
                let search_from = if i == r.start { line.find(':').map_or(0, |c| c + 1) } else { 0 };
                if let Some(p) = line[search_from..].find(needle) {
                    return (self.first_line + i, search_from + p + 1);
                }
            }
        }
        let line = &self.lines[r.start];
        let col = line
            .find(':')
            .map(|c| c + 1 + (line[c + 1..].len() - line[c + 1..].trim_start().len()))
            .unwrap_or(0);
        (self.first_line + r.start, col + 1)
    }

    /// The position of nested key `key` inside item `index` of the list under top-level
    /// `list`, or of the item itself when the key is not written.
    pub fn item_key(&self, list: &str, index: usize, key: Option<&str>) -> (usize, usize) {
        let Some(r) = self.block(list) else {
            return (self.first_line, 1);
        };
        let items: Vec<usize> = r
            .clone()
            .skip(1)
            .filter(|&i| self.lines[i].trim_start().starts_with("- ") || self.lines[i].trim() == "-")
            .collect();
        let Some(&start) = items.get(index) else {
            return self.key(list);
        };
        let end = items.get(index + 1).copied().unwrap_or(r.end);
        if let Some(key) = key {
            for i in start..end {
                if Self::key_of(&self.lines[i]) == Some(key) {
                    let col = self.lines[i].find(key).unwrap_or(0) + 1;
                    return (self.first_line + i, col);
                }
            }
        }
        let line = &self.lines[start];
        (self.first_line + start, Self::indent(line) + 1)
    }
}

/// Where a field lives: a top-level key, or a key inside an item of a top-level list.
#[derive(Debug, Clone, Copy)]
enum Scope<'a> {
    Top,
    Item { list: &'a str, index: usize },
    Nested { parent: &'a str },
}

/// Typed access to one mapping of the front matter, collecting a diagnostic for every
/// field that is missing or of the wrong type instead of failing the whole note.
pub struct Fields<'a> {
    map: &'a Mapping,
    locator: &'a Locator,
    path: &'a str,
    scope: Scope<'a>,
    diags: &'a mut Vec<Diagnostic>,
}

/// The largest whole number [`Fields::number`] accepts; far above any real count of
/// minutes or seconds, and small enough that summing them cannot overflow.
const MAX_NUMBER: u64 = u32::MAX as u64;

/// Renders a YAML value shortly for messages.
fn show(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("\"{s}\""),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a set of fields".into(),
        Value::Tagged(t) => show(&t.value),
    }
}

impl<'a> Fields<'a> {
    /// Fields of the top-level mapping.
    pub fn new(front: &'a FrontMatter, path: &'a str, diags: &'a mut Vec<Diagnostic>) -> Self {
        Fields {
            map: &front.map,
            locator: &front.locator,
            path,
            scope: Scope::Top,
            diags,
        }
    }

    /// The raw value of a key, if written and not null.
    fn get(&self, key: &str) -> Option<&'a Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Whether the key is written with a non-null value.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// File position of a key in this scope.
    pub fn pos(&self, key: &str) -> (usize, usize) {
        match self.scope {
            Scope::Top => self.locator.key(key),
            Scope::Item { list, index } => self.locator.item_key(list, index, Some(key)),
            Scope::Nested { parent } => self.locator.value(parent, Some(&format!("{key}:"))),
        }
    }

    /// File position of a key's value (or of `needle` within it) in this scope.
    pub fn value_pos(&self, key: &str, needle: Option<&str>) -> (usize, usize) {
        match self.scope {
            Scope::Top => self.locator.value(key, needle),
            _ => self.pos(key),
        }
    }

    /// Records a diagnostic at a key.
    pub fn report(&mut self, key: &str, d: Diagnostic) {
        let (l, c) = self.pos(key);
        self.diags.push(d.at(l, c));
    }

    fn missing(&mut self, key: &str, example: &str) {
        let (l, c) = match self.scope {
            // The opening `---` of the note, always its line 1 (line 1 of
            // systemcraft.yaml too); not the line before the first field, which is the
            // closing `---` of an empty block or a blank line.
            Scope::Top => (1, 1),
            Scope::Item { list, index } => self.locator.item_key(list, index, None),
            Scope::Nested { parent } => self.locator.key(parent),
        };
        let d = Diagnostic::error(self.path, "schema/missing-field", format!("required field `{key}` is missing"))
            .hint(format!("add `{key}: {example}` to the front matter"))
            .at(l, c);
        self.diags.push(d);
    }

    fn wrong_type(&mut self, key: &str, expected: &str, got: &Value, example: &str) {
        let (l, c) = self.value_pos(key, None);
        self.diags.push(
            Diagnostic::error(self.path, "schema/type", format!("`{key}` should be {expected}, found {}", show(got)))
                .at(l, c)
                .hint(format!("write it like `{key}: {example}`")),
        );
    }

    /// A text field. Numbers and booleans are taken as their text.
    pub fn text(&mut self, key: &str, required: bool, example: &str) -> Option<String> {
        match self.get(key) {
            None => {
                if required {
                    self.missing(key, example);
                }
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                if required {
                    self.missing(key, example);
                }
                None
            }
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Bool(b)) => Some(b.to_string()),
            Some(other) => {
                self.wrong_type(key, "text", other, example);
                None
            }
        }
    }

    /// A non-negative whole number (also accepted when written as text).
    pub fn number(&mut self, key: &str, required: bool, example: &str) -> Option<u64> {
        let v = match self.get(key) {
            None => {
                if required {
                    self.missing(key, example);
                }
                return None;
            }
            Some(v) => v,
        };
        let parsed = match v {
            Value::Number(n) => n.as_u64().or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f.round() as u64)),
            Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(key, "a whole number (0 or more)", v, example);
        }
        // Minutes and seconds are summed across items, logs and weeks: an absurd value
        // (`minutes: .inf`, 2^64 - 1) would overflow those sums.
        if let Some(n) = parsed.filter(|n| *n > MAX_NUMBER) {
            let (l, c) = self.value_pos(key, None);
            self.diags.push(
                Diagnostic::error(self.path, "schema/out-of-range", format!("`{key}` is too large: {n}"))
                    .at(l, c)
                    .hint(format!("write it like `{key}: {example}`")),
            );
            return None;
        }
        parsed
    }

    /// A yes/no field.
    pub fn boolean(&mut self, key: &str, example: &str) -> Option<bool> {
        let v = self.get(key)?;
        let parsed = match v {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match crate::domain::normalise(s).as_str() {
                "yes" | "true" | "y" | "done" => Some(true),
                "no" | "false" | "n" => Some(false),
                _ => None,
            },
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(key, "true or false", v, example);
        }
        parsed
    }

    /// An ISO 8601 calendar date (`2026-11-25`).
    pub fn date(&mut self, key: &str, required: bool) -> Option<Date> {
        let text = self.text(key, required, "2026-11-25")?;
        match text.parse::<Date>() {
            Ok(d) if text.len() == 10 => Some(d),
            _ => {
                let (l, c) = self.value_pos(key, None);
                self.diags.push(
                    Diagnostic::error(self.path, "schema/bad-date", format!("`{key}` is not a valid date: \"{text}\""))
                        .at(l, c)
                        .hint(format!("write dates as YYYY-MM-DD, e.g. `{key}: 2026-11-25`")),
                );
                None
            }
        }
    }

    /// A value from a closed set (parsed by `parse`, suggested by `suggest`).
    pub fn choice<T>(
        &mut self,
        key: &str,
        required: bool,
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
        suggest: impl Fn(&str) -> Option<&'static str>,
        all: &str,
    ) -> Option<T> {
        let example = all.split(", ").next().unwrap_or("").to_string();
        let text = self.text(key, required, &example)?;
        if let Some(v) = parse(&text) {
            return Some(v);
        }
        let (l, c) = self.value_pos(key, None);
        let d = Diagnostic::error(self.path, unknown_code(what), format!("unknown {what} \"{text}\""))
            .at(l, c)
            .hint(match suggest(&text) {
                Some(s) => format!("did you mean `{s}`? (one of: {all})"),
                None => format!("use one of: {all}"),
            });
        self.diags.push(d);
        None
    }

    /// A list of text items; a single text value is taken as a one-item list, and
    /// a comma-separated text as several.
    pub fn list(&mut self, key: &str) -> Vec<(String, (usize, usize))> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let items: Vec<String> = match v {
            Value::Sequence(seq) => {
                let mut out = Vec::new();
                for item in seq {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        Value::Number(n) => out.push(n.to_string()),
                        // `[[link]]` unquoted in a flow list parses as a nested list.
                        Value::Sequence(inner) => {
                            if let Some(Value::Sequence(inner2)) = inner.first() {
                                if let Some(Value::String(s)) = inner2.first() {
                                    out.push(s.clone());
                                    continue;
                                }
                            }
                            self.wrong_type(key, "a list of names", item, "[a, b]");
                        }
                        Value::Null => {}
                        other => self.wrong_type(key, "a list of names", other, "[a, b]"),
                    }
                }
                out
            }
            Value::String(s) => s.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect(),
            other => {
                self.wrong_type(key, "a list", other, "[a, b]");
                Vec::new()
            }
        };
        items
            .into_iter()
            .map(|s| {
                let pos = self.value_pos(key, Some(s.trim()));
                (s.trim().to_string(), pos)
            })
            .collect()
    }

    /// The items of a list of mappings, each as its own [`Fields`] scope.
    pub fn items<T>(&mut self, key: &str, mut each: impl FnMut(&mut Fields<'_>) -> Option<T>) -> Vec<T> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Value::Sequence(seq) = v else {
            self.wrong_type(key, "a list of entries", v, "\n  - name: …");
            return Vec::new();
        };
        let list = key_static(self.map, key);
        let mut out = Vec::new();
        for (index, item) in seq.iter().enumerate() {
            match item {
                Value::Mapping(m) => {
                    let mut f = Fields {
                        map: m,
                        locator: self.locator,
                        path: self.path,
                        scope: Scope::Item { list, index },
                        diags: self.diags,
                    };
                    if let Some(t) = each(&mut f) {
                        out.push(t);
                    }
                }
                Value::Null => {}
                other => {
                    let (l, c) = self.locator.item_key(list, index, None);
                    self.diags.push(
                        Diagnostic::error(self.path, "schema/type", format!("each entry of `{key}` should be a set of fields, found {}", show(other)))
                            .at(l, c)
                            .hint("indent the entry's fields under `- `, one per line"),
                    );
                }
            }
        }
        out
    }

    /// The fields of a nested mapping under `key`.
    pub fn nested<T>(&mut self, key: &str, each: impl FnOnce(&mut Fields<'_>) -> T) -> Option<T> {
        let v = self.get(key)?;
        let Value::Mapping(m) = v else {
            self.wrong_type(key, "a set of fields", v, "\n  minutes: 30");
            return None;
        };
        let parent = key_static(self.map, key);
        let mut f = Fields {
            map: m,
            locator: self.locator,
            path: self.path,
            scope: Scope::Nested { parent },
            diags: self.diags,
        };
        Some(each(&mut f))
    }

    /// A mapping of names to whole numbers (e.g. ratings per area); keys as written.
    pub fn number_map(&mut self, key: &str) -> Vec<(String, Option<u64>, (usize, usize))> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Value::Mapping(m) = v else {
            self.wrong_type(key, "a set of `name: number` fields", v, "\n  behavioral: 3");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, val) in m {
            let name = match k {
                Value::String(s) => s.clone(),
                other => show(other),
            };
            let pos = self.value_pos(key, Some(&format!("{name}:")));
            let n = match val {
                Value::Null => None,
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            };
            if n.is_none() && !val.is_null() {
                self.diags.push(
                    Diagnostic::error(self.path, "schema/type", format!("`{key}.{name}` should be a whole number, found {}", show(val)))
                        .at(pos.0, pos.1)
                        .hint(format!("write it like `{name}: 3`")),
                );
            }
            out.push((name, n, pos));
        }
        out
    }

    /// A mapping of names to numbers (weights); keys as written, bad values reported.
    pub fn float_map(&mut self, key: &str) -> Vec<(String, f64)> {
        self.nested(key, |g| g.float_map_here()).unwrap_or_default()
    }

    /// Every `name: number` field of this scope (used for nested override maps).
    pub fn float_map_here(&mut self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        let keys: Vec<String> = self.map.keys().filter_map(|k| k.as_str().map(str::to_string)).collect();
        for name in keys {
            let val = &self.map[name.as_str()];
            match val.as_f64().filter(|f| f.is_finite() && *f >= 0.0) {
                Some(f) => out.push((name, f)),
                None if val.is_null() => {}
                None => {
                    let (l, c) = self.pos(&name);
                    self.diags.push(
                        Diagnostic::error(self.path, "schema/type", format!("`{name}` should be a number of 0 or more, found {}", show(val)))
                            .at(l, c)
                            .hint(format!("write it like `{name}: 1`")),
                    );
                }
            }
        }
        out
    }

    /// The path of the note these fields belong to.
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// Pushes a ready-made diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }
}

/// The diagnostic code for an unknown value of a closed set.
fn unknown_code(what: &str) -> &'static str {
    match what {
        "principle" => "schema/unknown-principle",
        "scenario" => "schema/unknown-scenario",
        "status" => "schema/unknown-status",
        _ => "schema/unknown-value",
    }
}

/// Leaks nothing: finds the key as stored in the map so its `&str` lives as long as
/// the map, which the locator needs for nested scopes.
fn key_static<'m>(map: &'m Mapping, key: &str) -> &'m str {
    map.keys()
        .find_map(|k| k.as_str().filter(|s| *s == key))
        .unwrap_or("")
}

/// Parses a standalone YAML document (systemcraft.yaml) into a mapping, with the
/// error's line and column on failure.
pub fn parse_document(text: &str) -> Result<FrontMatter, (String, usize, usize)> {
    let text = normalise_source(text);
    if let Some((i, line)) = text.split('\n').enumerate().find(|(_, l)| l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t')) {
        let col = line.find('\t').unwrap_or(0) + 1;
        return Err(("a tab indents this line; YAML only allows spaces".into(), i + 1, col));
    }
    match serde_yaml::from_str::<Value>(&text) {
        Ok(Value::Mapping(map)) => Ok(FrontMatter {
            map,
            locator: Locator::new(&text, 1),
        }),
        Ok(Value::Null) => Ok(FrontMatter {
            map: Mapping::new(),
            locator: Locator::new(&text, 1),
        }),
        Ok(_) => Err(("expected `key: value` fields".into(), 1, 1)),
        Err(e) => {
            let (l, c) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
            let msg = e.to_string();
            Err((msg.split(" at line ").next().unwrap_or(&msg).to_string(), l, c))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
