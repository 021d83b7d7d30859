//! The workspace as the server last read it from disk: the shared [`Pipeline`]
//! (config and index), the model, and `check`'s findings by path. Refreshed when the
//! editor saves (or reports files changed on disk); the unsaved text of open
//! documents is checked on its own, against this.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::adapter;
use crate::diag::Diagnostic;
use crate::pipeline::Pipeline;
use crate::score::Model;

/// A loaded workspace.
pub struct Loaded {
    /// The config and the index of the notes on disk.
    pub pipeline: Pipeline,
    /// The model of the notes on disk.
    pub model: Model,
    /// `check`'s findings on disk, by workspace-relative path.
    pub findings: BTreeMap<String, Vec<Diagnostic>>,
    /// The findings about a note that do not come from its own text (links to
    /// missing stories, the portfolio, conflict copies): kept for an open document
    /// while its own ones follow the unsaved text.
    pub wider: BTreeMap<String, Vec<Diagnostic>>,
}

impl Loaded {
    /// Loads the workspace at `root` for `today`.
    pub fn load(root: &Path, today: jiff::civil::Date) -> crate::Result<Loaded> {
        let ws = crate::workspace::Workspace::open(root)?;
        let pipeline = Pipeline::load(ws, today)?;
        let model = crate::score::compute(&pipeline.config, &crate::index::Index::default(), Vec::new());
        let mut loaded = Loaded { pipeline, model, findings: BTreeMap::new(), wider: BTreeMap::new() };
        loaded.refresh(None);
        Ok(loaded)
    }

    /// The root folder.
    pub fn root(&self) -> &PathBuf {
        &self.pipeline.workspace.root
    }

    /// Re-reads the given paths from disk (a profile change reloads the config) and
    /// recomputes the model and the findings.
    pub fn update(&mut self, paths: &[String], today: jiff::civil::Date) {
        let reconfigured =
            paths.iter().any(|p| p == crate::config::PROFILE_FILE) || self.pipeline.config.today != today;
        if reconfigured {
            if let Ok((config, diags)) = crate::config::Config::load(self.root(), today) {
                self.pipeline.config = config;
                self.pipeline.config_diagnostics = diags;
            }
        }
        let ws = self.pipeline.workspace.clone();
        let mut changed = self.pipeline.index.update(&ws, paths.iter().map(String::as_str));
        changed.extend(paths.iter().cloned());
        changed.sort();
        changed.dedup();
        self.refresh(if reconfigured { None } else { Some(&changed) });
    }

    /// Recomputes the model and `check`'s findings: of every note, or, when only the
    /// notes at `changed` did, the STAR findings of those alone (a story's depend on
    /// its text, the config and the date only; the others are kept), the rest from
    /// the new model.
    fn refresh(&mut self, changed: Option<&[String]>) {
        let is_changed = |rel: &str| changed.is_none_or(|c| c.binary_search_by(|p| p.as_str().cmp(rel)).is_ok());
        let (model, report) = adapter::check_workspace(&mut self.pipeline, &is_changed);
        let mut findings: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in report.findings {
            findings.entry(d.path.clone()).or_default().push(d);
        }
        if changed.is_some() {
            let mut others: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
            for d in model.diagnostics.iter().filter(|d| !is_changed(&d.path)) {
                others.entry(d.path.clone()).or_default().push(d.clone());
            }
            for (path, old) in std::mem::take(&mut self.findings).into_iter().filter(|(p, _)| !is_changed(p)) {
                let star = old.into_iter().filter(|d| adapter::is_star_code(d.code));
                others.entry(path).or_default().extend(star);
            }
            for (path, mut found) in others.into_iter().filter(|(_, f)| !f.is_empty()) {
                adapter::sort_findings(&mut found);
                findings.insert(path, found);
            }
        }
        self.model = model;
        self.findings = findings;
        self.wider.clear();
        for (path, found) in &self.findings {
            let own = adapter::own_diagnostics(&self.pipeline, path);
            let wider: Vec<Diagnostic> = found
                .iter()
                .filter(|d| !adapter::is_star_code(d.code) && !own.contains(d) && path != crate::config::PROFILE_FILE)
                .cloned()
                .collect();
            if !wider.is_empty() {
                self.wider.insert(path.clone(), wider);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A save re-checks only what changed, and ends where a fresh load would.
    #[test]
    fn an_update_finds_what_a_fresh_load_finds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let put = |rel: &str, text: &str| {
            std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            std::fs::write(root.join(rel), text).unwrap();
        };
        put("systemcraft.yaml", "name: x\n");
        let story = "---\ntitle: A\nscenario: innovation\nprinciples: [ownership]\nstatus: draft\nhappened: 2025-03\n---\n## Situation\nx\n## Action\nWe did it.\n";
        put("stories/a.md", story);
        put("stories/b.md", &story.replace("ownership", "ownershp"));
        put("logs/2026-11-24.md", "---\ndate: 2026-11-24\nbehavioral:\n  minutes: 5\n  stories: [c]\n---\n");
        let today = "2026-11-25".parse().unwrap();
        let mut loaded = Loaded::load(root, today).unwrap();
        assert!(loaded.findings["logs/2026-11-24.md"].iter().any(|d| d.code == "link/unknown-story"));
        put("stories/c.md", &story.replace("We did it.", "I did it."));
        put("stories/a.md", &story.replace("## Situation\nx\n", ""));
        loaded.update(&["stories/c.md".into(), "stories/a.md".into()], today);
        let fresh = Loaded::load(root, today).unwrap();
        assert_eq!(loaded.findings, fresh.findings);
        assert!(!loaded.findings.contains_key("logs/2026-11-24.md"));
        assert!(loaded.findings["stories/b.md"].iter().any(|d| d.code == "star/we-not-i"));
    }
}
