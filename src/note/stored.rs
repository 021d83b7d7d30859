//! How the parts of a note that serde cannot derive on its own are written to the
//! note cache and read back: the `&'static str` check codes (interned, so each
//! distinct code is allocated once per process) and the diagnostics, field by field.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diag::{Diagnostic, Severity};

/// `&'static str` values (check codes) read back: each distinct value is allocated
/// once per process and shared.
fn intern(s: String) -> &'static str {
    use std::collections::HashSet;
    use std::sync::Mutex;
    static SEEN: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut seen = SEEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let set = seen.get_or_insert_with(HashSet::new);
    if let Some(known) = set.get(s.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(s.into_boxed_str());
    set.insert(leaked);
    leaked
}

/// Reads a list of `&'static str` (for `#[serde(deserialize_with)]`).
pub fn interned<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    Ok(Vec::<String>::deserialize(d)?.into_iter().map(intern).collect())
}

/// A note's diagnostics in the cache (`#[serde(with)]`): every field, in order,
/// since [`Diagnostic`]'s own `Serialize` is the JSON output's, which leaves out an
/// absent hint.
pub mod diagnostics {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Record {
        path: String,
        line: usize,
        column: usize,
        code: String,
        // 0 info, 1 warning, 2 error.
        severity: u8,
        message: String,
        hint: Option<String>,
    }

    /// Writes the diagnostics.
    pub fn serialize<S: Serializer>(diags: &[Diagnostic], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(diags.iter().map(|d| Record {
            path: d.path.clone(),
            line: d.line,
            column: d.column,
            code: d.code.to_string(),
            severity: match d.severity {
                Severity::Info => 0,
                Severity::Warning => 1,
                Severity::Error => 2,
            },
            message: d.message.clone(),
            hint: d.hint.clone(),
        }))
    }

    /// Reads them back.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Diagnostic>, D::Error> {
        Ok(Vec::<Record>::deserialize(d)?
            .into_iter()
            .map(|r| Diagnostic {
                path: r.path,
                line: r.line,
                column: r.column,
                code: intern(r.code),
                severity: match r.severity {
                    0 => Severity::Info,
                    1 => Severity::Warning,
                    _ => Severity::Error,
                },
                message: r.message,
                hint: r.hint,
            })
            .collect())
    }
}
