//! The workspace template embedded in the binary (rust-embed over
//! `workspace-template/`), and the `{{placeholder}}` filling of its files.

use std::borrow::Cow;

use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "workspace-template/"]
struct Assets;

/// Workspace-relative paths of every template file, sorted.
pub fn files() -> Vec<String> {
    let mut v: Vec<String> = Assets::iter().map(Cow::into_owned).collect();
    v.sort();
    v
}

/// The bytes of one template file.
pub fn get(path: &str) -> Option<Cow<'static, [u8]>> {
    Assets::get(path).map(|f| f.data)
}

/// The text of one template file.
pub fn text(path: &str) -> Option<String> {
    get(path).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The workspace's own copy of the template file `rel` (`templates/story.md`) when
/// there is one, else the embedded one. The workspace's copy is read the one way
/// every user file is ([`crate::fs::read`]): a template that is a named pipe, a
/// device or a link is an error naming it, not a hang or a silent fallback.
pub fn user_or_builtin(root: &std::path::Path, rel: &str) -> crate::Result<Option<String>> {
    match crate::fs::read::read_text_in(root, rel) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.is_not_found() => Ok(text(rel)),
        Err(e) => Err(e),
    }
}

/// Escapes a value for a double-quoted YAML string.
pub fn yaml_quoted_escape(value: &str) -> String {
    value
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' | '\r' | '\t' => vec![' '],
            c if c.is_control() => vec![],
            c => vec![c],
        })
        .collect()
}

/// Replaces each `{{key}}` with its value, in one pass: a value that itself holds
/// `{{…}}` (a title such as `Notes on {{date}}`) is copied as written, not filled.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let found = after
            .find("}}")
            .and_then(|end| values.iter().find(|(key, _)| *key == &after[..end]).map(|(_, value)| (end, value)));
        match found {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push('{');
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_holds_the_workspace() {
        let f = files();
        for expected in [
            "systemcraft.yaml",
            "assessment.md",
            ".gitignore",
            "templates/story.md",
            "stories/README.md",
            "reference/leadership-principles.md",
        ] {
            assert!(f.iter().any(|p| p == expected), "missing {expected}");
        }
    }

    #[test]
    fn fill_and_escape() {
        assert_eq!(fill("a: \"{{x}}\"", &[("x", yaml_quoted_escape("say \"hi\""))]), "a: \"say \\\"hi\\\"\"");
        assert_eq!(fill("{{a}} {{b}} {{c}}", &[("a", "{{b}}".into()), ("b", "2".into())]), "{{b}} 2 {{c}}");
        assert_eq!(fill("{{{a}}}", &[("a", "1".into())]), "{1}");
    }
}
