//! The shape of the source: no two modules use each other. Data flows one way (files →
//! notes → model → text), and a pair of modules that reach into each other is where
//! that stops being true. Checked between the top-level modules (`note`, `score`,
//! `index`, …) and between the modules inside each (`score::links`,
//! `score::portfolio`, …), from the `crate::…` and `super::…` paths outside comments
//! and unit tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The module a source file defines: `src/score/links.rs` is `score::links`,
/// `src/index/mod.rs` is `index`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

/// The module paths a file's code names, each as it is written after `crate::` (or
/// resolved from `super::`): the first two segments.
fn references(module: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        if line.trim_start().starts_with("#[cfg(test)]") {
            // Unit tests may reach anywhere; they come last in a file.
            break;
        }
        for (marker, base) in [("crate::", Vec::new()), ("super::", module[..module.len().saturating_sub(1)].to_vec())]
        {
            for (at, _) in code.match_indices(marker) {
                if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let rest = &code[at + marker.len()..];
                let segments: Vec<String> = rest
                    .split("::")
                    .map(|s| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
                    .take_while(|s| !s.is_empty() && s.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                    .take(2)
                    .collect();
                let mut target = base.clone();
                target.extend(segments);
                if !target.is_empty() {
                    out.insert(target);
                }
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_two_modules_use_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f.strip_prefix(&src).unwrap())).collect();
    // Edges between modules at the top level, and between siblings one level down.
    let mut edges: BTreeMap<(String, String), String> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let from = module_of(rel);
        let text = std::fs::read_to_string(file).unwrap();
        for to in references(&from, &text) {
            // The longest prefix that is a module of the crate: `note::star::Part` is
            // `note::star`.
            let Some(to) = (1..=to.len()).rev().map(|n| to[..n].to_vec()).find(|m| modules.contains(m)) else {
                continue;
            };
            let (Some(a), Some(b)) = (from.first(), to.first()) else { continue };
            let place = format!("{}", rel.display());
            if a != b {
                edges.entry((a.clone(), b.clone())).or_insert_with(|| place.clone());
            } else if let (Some(a2), Some(b2)) = (from.get(1), to.get(1)) {
                if a2 != b2 {
                    edges.entry((format!("{a}::{a2}"), format!("{b}::{b2}"))).or_insert(place);
                }
            }
        }
    }
    let cycles: Vec<String> = edges
        .iter()
        .filter(|((a, b), _)| a < b)
        .filter_map(|((a, b), at)| {
            let back = edges.get(&(b.clone(), a.clone()))?;
            Some(format!("{a} <-> {b} (in {at} and {back})"))
        })
        .collect();
    assert!(cycles.is_empty(), "modules that use each other:\n{}", cycles.join("\n"));
    // The check sees the edges it is meant to (a module that uses another).
    assert!(edges.contains_key(&("score".to_string(), "note".to_string())));
    assert!(edges.contains_key(&("score::portfolio".to_string(), "score::links".to_string())));
}
