//! The model as JSON (`systemcraft build --json`): stable key order, documented in
//! docs/json.md, versioned by `schema_version`.

use crate::score::Model;

/// Pretty-printed JSON of the model, with a trailing newline.
pub fn render(model: &Model) -> String {
    let mut s = serde_json::to_string_pretty(model).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
