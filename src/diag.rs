//! Diagnostics: problems found in the notes, reported with a location and a hint.
//!
//! A broken note never stops a run. Every parser and check pushes a [`Diagnostic`]
//! and carries on; the command decides at the end how to print them and which exit
//! code they deserve (ripgrep's `messages.rs` in spirit).

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong with the data.
    Info,
    /// The note is used, but something in it is probably not what you meant.
    Warning,
    /// A field or the whole note could not be used.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem in one note: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The note's path relative to the workspace root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// Stable code such as `schema/unknown-principle`.
    pub code: &'static str,
    /// How serious the problem is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something concrete to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A new error-level diagnostic.
    pub fn error(path: &str, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line: 0,
            column: 0,
            code,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A new warning-level diagnostic.
    pub fn warning(path: &str, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, code, message) }
    }

    /// Sets the location.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col` as editors and terminals understand it.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.path.clone(),
            (l, 0) => format!("{}:{l}", self.path),
            (l, c) => format!("{}:{l}:{c}", self.path),
        }
    }

    /// Sort key: by path, then position, then code, so output is deterministic.
    pub fn sort_key(&self) -> (&str, usize, usize, &'static str, &str) {
        (&self.path, self.line, self.column, self.code, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {} [{}]", self.location(), self.severity, self.message, self.code)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics in place into their stable order and drops exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// A workspace-relative path with `/` separators, whatever the platform.
pub fn rel_path(path: &std::path::Path) -> String {
    let parts: Vec<String> = path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// Convenience for building owned paths in tests and callers.
pub fn to_path(rel: &str) -> PathBuf {
    rel.split('/').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_includes_location_code_and_hint() {
        let d = Diagnostic::error("stories/a.md", "schema/type", "`status` must be text")
            .at(4, 9)
            .hint("write `status: draft`");
        assert_eq!(
            d.to_string(),
            "stories/a.md:4:9: error: `status` must be text [schema/type]\n  hint: write `status: draft`"
        );
    }

    #[test]
    fn whole_file_location_has_no_numbers() {
        let d = Diagnostic::warning("logs/x.md", "file/not-utf8", "x");
        assert_eq!(d.location(), "logs/x.md");
    }
}
