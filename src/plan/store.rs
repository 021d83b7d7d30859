//! Saving a plan: a new file under `plans/` (never over an existing one:
//! `plans/<path>.md`, else `<path>-2.md`, `-3`…), and the profile's `plan:` key set to
//! it, with every other line of systemcraft.yaml kept as it was.

use std::path::Path;

use crate::config::{Config, PROFILE_FILE};
use crate::note::front_matter::{edit::scalar, Editor};
use crate::{Error, Result};

use super::StudyPlan;

/// Where a plan was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The plan's workspace-relative path (`plans/six-week-intensive.md`).
    pub path: String,
    /// Whether systemcraft.yaml changed (it already named the plan otherwise).
    pub profile_changed: bool,
}

/// The workspace-relative name of the `n`-th plan of a path (1: no suffix).
pub fn plan_file(slug: &str, n: u32) -> String {
    if n <= 1 {
        format!("plans/{slug}.md")
    } else {
        format!("plans/{slug}-{n}.md")
    }
}

/// systemcraft.yaml's text with `plan:` set to `rel`, every other line kept. The
/// result is read back as a profile and must name `rel`.
pub fn set_current_plan(profile: &str, rel: &str) -> Result<String> {
    let edit_error = |message: String| Error::Edit { path: PROFILE_FILE.into(), message };
    let mut e = Editor::document(profile);
    e.set("plan", &scalar(rel)).map_err(|err| edit_error(err.to_string()))?;
    let out = e.finish();
    let mut check = Config::defaults(".".into(), jiff::civil::Date::constant(2000, 1, 1));
    let mut diags = Vec::new();
    if !check.apply(&out, &mut diags) || check.profile.plan.as_deref() != Some(rel) {
        return Err(edit_error("it is not valid YAML; fix it first so that the new plan can be recorded".into()));
    }
    Ok(out)
}

/// Writes `plan` to a new file under `root/plans/` and records it as the current
/// plan in systemcraft.yaml.
pub fn save(root: &Path, plan: &StudyPlan) -> Result<Stored> {
    let profile = crate::fs::read::read_text_in(root, PROFILE_FILE)?;
    let text = plan.to_markdown();
    let slug = plan.request.path.slug();
    for n in 1..10_000 {
        let rel = plan_file(slug, n);
        if std::fs::symlink_metadata(root.join(&rel)).is_ok() {
            continue;
        }
        // Check the profile can be updated before creating anything.
        let new_profile = set_current_plan(&profile, &rel)?;
        match crate::fs::create_new_in(root, &rel, text.as_bytes()) {
            Ok(()) => {}
            Err(Error::Exists { .. }) => continue,
            Err(e) => return Err(e),
        }
        let profile_changed = crate::fs::write_in(
            root,
            crate::config::PROFILE_FILE,
            new_profile.as_bytes(),
            crate::fs::Durability::Flushed,
        )?;
        return Ok(Stored { path: rel, profile_changed });
    }
    Err(Error::Exists { path: root.join(plan_file(slug, 1)) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_profile_edit() {
        assert_eq!(plan_file("quick-reference", 1), "plans/quick-reference.md");
        assert_eq!(plan_file("quick-reference", 2), "plans/quick-reference-2.md");
        let profile = "# me\nname: Sam\ninterview_date:\n\n# goals:\n#   daily:\n";
        assert_eq!(
            set_current_plan(profile, "plans/quick-reference.md").unwrap(),
            "# me\nname: Sam\ninterview_date:\nplan: plans/quick-reference.md\n\n# goals:\n#   daily:\n"
        );
        assert!(matches!(set_current_plan("name: [\n", "plans/a.md"), Err(Error::Edit { .. })));
    }
}
