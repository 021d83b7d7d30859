//! Watch's memory of the profile's last good values: a [`GoodProfile`] keeps, for each
//! top-level key of systemcraft.yaml (`target_level`, `goals`, `study`, …), the text of
//! its block the last time it was read without a problem. When a save leaves a key with
//! a value that is valid YAML but not a valid value (`target_level: L9`), the profile
//! watch applies is the new text with that key's block put back as it last was good,
//! so the target does not silently fall back to its default; the problem is still
//! reported, from the text as saved.
//!
//! A file that is not YAML at all is handled by [`crate::config::Config::load`] (the
//! whole last valid profile stays in force); this is the same rule for one key.

use std::collections::BTreeMap;

use crate::config::PROFILE_FILE;
use crate::diag::{Diagnostic, Severity};

/// The last good block of each top-level key.
#[derive(Debug, Default, Clone)]
pub struct GoodProfile {
    blocks: BTreeMap<String, String>,
}

/// What [`GoodProfile::reconcile`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciled {
    /// The text to apply: the saved text with the kept keys' last good blocks.
    pub text: String,
    /// The keys whose last good value was kept, in file order.
    pub kept: Vec<String>,
}

/// The top-level blocks of a YAML mapping: each key with its lines (the key's line,
/// then every indented, blank or comment line after it). Lines before the first key
/// come under `None`.
fn blocks(text: &str) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = vec![(None, String::new())];
    for line in text.split_inclusive('\n') {
        if let Some(key) = top_level_key(line) {
            out.push((Some(key), String::new()));
        }
        if let Some((_, block)) = out.last_mut() {
            block.push_str(line);
        }
    }
    out
}

/// `key` when `line` starts a top-level `key:` entry.
fn top_level_key(line: &str) -> Option<String> {
    let first = line.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim_end();
    key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-').then(|| key.to_string())
}

/// The top-level key whose block holds 1-based `line` of `text`.
fn key_at(text: &str, line: usize) -> Option<String> {
    let mut current = None;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if let Some(k) = top_level_key(l) {
            current = Some(k);
        }
        if i + 1 == line {
            return current;
        }
    }
    None
}

impl GoodProfile {
    /// Takes the saved `text` of the profile and the problems reading it found (valid
    /// YAML only). Keys without a problem become the new last good blocks; keys with
    /// a problem and a last good block get that block back.
    pub fn reconcile(&mut self, text: &str, diags: &[Diagnostic]) -> Reconciled {
        let bad: Vec<String> = diags
            .iter()
            .filter(|d| d.path == PROFILE_FILE && d.line > 0 && d.code != "yaml/syntax")
            .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
            .filter_map(|d| key_at(text, d.line))
            .collect();
        let mut merged = String::new();
        let mut kept = Vec::new();
        for (key, block) in blocks(text) {
            match key {
                Some(k) if bad.contains(&k) => match self.blocks.get(&k) {
                    Some(good) => {
                        merged.push_str(good);
                        if !good.ends_with('\n') {
                            merged.push('\n');
                        }
                        kept.push(k);
                    }
                    None => merged.push_str(&block),
                },
                Some(k) => {
                    merged.push_str(&block);
                    self.blocks.insert(k, block);
                }
                None => merged.push_str(&block),
            }
        }
        Reconciled { text: merged, kept }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem_at(line: usize) -> Diagnostic {
        Diagnostic::error(PROFILE_FILE, "schema/unknown-level", "unknown level \"L9\"").at(line, 15)
    }

    #[test]
    fn a_bad_value_gets_its_last_good_block_back() {
        let mut good = GoodProfile::default();
        let first = "# my profile\nname: Sam\ntarget_level: L7\ngoals:\n  weekly:\n    mocks: 2\n";
        assert_eq!(good.reconcile(first, &[]), Reconciled { text: first.into(), kept: vec![] });

        let second = "# my profile\nname: Sam\ntarget_level: L9\ngoals:\n  weekly:\n    mocks: 3\n";
        let r = good.reconcile(second, &[problem_at(3)]);
        assert_eq!(r.kept, ["target_level"]);
        assert_eq!(r.text, "# my profile\nname: Sam\ntarget_level: L7\ngoals:\n  weekly:\n    mocks: 3\n");

        // A problem inside a nested block keeps the whole top-level block.
        let third = "name: Sam\ntarget_level: L8\ngoals:\n  weekly:\n    mocks: lots\n";
        let r = good.reconcile(third, &[problem_at(5)]);
        assert_eq!(r.kept, ["goals"]);
        assert_eq!(r.text, "name: Sam\ntarget_level: L8\ngoals:\n  weekly:\n    mocks: 3\n");
    }

    #[test]
    fn a_key_never_good_stays_as_saved() {
        let mut good = GoodProfile::default();
        let text = "target_level: L9";
        let r = good.reconcile(text, &[problem_at(1)]);
        assert_eq!(r, Reconciled { text: text.into(), kept: vec![] });
    }
}
