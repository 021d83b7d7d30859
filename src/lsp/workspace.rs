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
        loaded.refresh();
        Ok(loaded)
    }

    /// The root folder.
    pub fn root(&self) -> &PathBuf {
        &self.pipeline.workspace.root
    }

    /// Re-reads the given paths from disk (a profile change reloads the config) and
    /// recomputes the model and the findings.
    pub fn update(&mut self, paths: &[String], today: jiff::civil::Date) {
        if paths.iter().any(|p| p == crate::config::PROFILE_FILE) || self.pipeline.config.today != today {
            if let Ok((config, diags)) = crate::config::Config::load(self.root(), today) {
                self.pipeline.config = config;
                self.pipeline.config_diagnostics = diags;
            }
        }
        let ws = self.pipeline.workspace.clone();
        self.pipeline.index.update(&ws, paths.iter().map(String::as_str));
        self.refresh();
    }

    /// Recomputes the model and `check`'s findings.
    fn refresh(&mut self) {
        let (model, report) = adapter::check_workspace(&mut self.pipeline);
        self.model = model;
        self.findings.clear();
        for d in report.findings {
            self.findings.entry(d.path.clone()).or_default().push(d);
        }
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
