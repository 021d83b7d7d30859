//! Typed access to the fields of a front-matter mapping: every missing field or
//! wrong type becomes a diagnostic with the field's position, never a failed note.

use jiff::civil::Date;
use serde_yaml::{Mapping, Value};

use super::{FrontMatter, Locator};
use crate::diag::Diagnostic;

/// Where a field lives: a top-level key, or a key inside an item of a top-level list.
#[derive(Debug, Clone)]
enum Scope<'a> {
    Top,
    Item {
        list: &'a str,
        index: usize,
    },
    /// Inside nested mappings: the keys from the top level down (`goals`, `daily`).
    Nested {
        parents: Vec<&'a str>,
    },
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
        Fields { map: &front.map, locator: &front.locator, path, scope: Scope::Top, diags }
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
        match &self.scope {
            Scope::Top => self.locator.key(key),
            Scope::Item { list, index } => self.locator.item_key(list, *index, Some(key)),
            Scope::Nested { parents } => self.locator.nested_key(parents, key),
        }
    }

    /// File position of a key's value (or of `needle` within it) in this scope.
    pub fn value_pos(&self, key: &str, needle: Option<&str>) -> (usize, usize) {
        match &self.scope {
            Scope::Top => self.locator.value(key, needle),
            Scope::Nested { .. } if needle.is_none() => {
                let (line, col) = self.pos(key);
                (line, self.locator.value_column(line).unwrap_or(col))
            }
            _ => self.pos(key),
        }
    }

    /// The value of `key` as written in the file (`.inf`, `0`, `100000`), for
    /// messages that quote it; `None` when it cannot be found on its line.
    pub fn written(&self, key: &str) -> Option<String> {
        self.locator.written_at(self.pos(key).0)
    }

    /// Records a diagnostic at a key.
    pub fn report(&mut self, key: &str, d: Diagnostic) {
        let (l, c) = self.pos(key);
        self.diags.push(d.at(l, c));
    }

    fn missing(&mut self, key: &str, example: &str) {
        let (l, c) = match &self.scope {
            // The opening `---` of the note, always its line 1 (line 1 of
            // systemcraft.yaml too); not the line before the first field, which is the
            // closing `---` of an empty block or a blank line.
            Scope::Top => (1, 1),
            Scope::Item { list, index } => self.locator.item_key(list, *index, None),
            Scope::Nested { parents } => match parents.split_last() {
                Some((last, above)) => self.locator.nested_key(above, last),
                None => (1, 1),
            },
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
                Diagnostic::error(
                    self.path,
                    "schema/out-of-range",
                    format!("`{key}` is too large: {}", self.written(key).unwrap_or_else(|| n.to_string())),
                )
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
        let d = Diagnostic::error(self.path, unknown_code(what), format!("unknown {what} \"{text}\"")).at(l, c).hint(
            match suggest(&text) {
                Some(s) => format!("did you mean `{s}`? (one of: {all})"),
                None => format!("use one of: {all}"),
            },
        );
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
                        Diagnostic::error(
                            self.path,
                            "schema/type",
                            format!("each entry of `{key}` should be a set of fields, found {}", show(other)),
                        )
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
        let mut parents = match &self.scope {
            Scope::Nested { parents } => parents.clone(),
            _ => Vec::new(),
        };
        parents.push(key_static(self.map, key));
        let mut f = Fields {
            map: m,
            locator: self.locator,
            path: self.path,
            scope: Scope::Nested { parents },
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
                    Diagnostic::error(
                        self.path,
                        "schema/type",
                        format!("`{key}.{name}` should be a whole number, found {}", show(val)),
                    )
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
                        Diagnostic::error(
                            self.path,
                            "schema/type",
                            format!("`{name}` should be a number of 0 or more, found {}", show(val)),
                        )
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
    map.keys().find_map(|k| k.as_str().filter(|s| *s == key)).unwrap_or("")
}
