//! The STAR checks by name: their codes, the names a user may give them in a
//! story's `silence:` list, and how serious a failed one is. Kept apart from the
//! checks themselves ([`crate::note::star`]) so that the front matter can read a
//! story's `silence:` list without depending on the analysis.

use crate::diag::Severity;

/// Every STAR check's code, in the order the checks run.
pub const CODES: [&str; 9] = [
    "star/missing-section",
    "star/no-metric",
    "star/we-not-i",
    "star/too-short",
    "star/too-long",
    "star/action-not-largest",
    "star/no-learning",
    "star/stale",
    "star/scope",
];

/// The code a user means by `too-long`, `star/too-long` or `Too Long`.
pub fn code_of(name: &str) -> Option<&'static str> {
    let n = crate::domain::normalise(name);
    let n = n.strip_prefix("star-").unwrap_or(&n);
    CODES.iter().copied().find(|c| c.trim_start_matches("star/") == n)
}

/// How serious a failed STAR check is. Errors are what sinks an answer in the loop
/// (a part missing, no number, "we" for "I"); the rest are warnings, a missing lesson
/// and the scope among them, since both are judged from wording.
pub fn severity(code: &str) -> Severity {
    match code {
        "star/missing-section" | "star/no-metric" | "star/we-not-i" => Severity::Error,
        _ => Severity::Warning,
    }
}
