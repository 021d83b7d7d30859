//! `systemcraft init [DIR]`: scaffold a workspace from the embedded template, create
//! its git repository with a first commit, and write the first dashboard. Existing
//! files are never touched.

use std::io::Write;
use std::path::Path;

use crate::cli::InitArgs;
use crate::git::Repo;
use crate::pipeline::Pipeline;
use crate::template;
use crate::workspace::{generated_files, Workspace, DASHBOARD_FILE};
use crate::{Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: InitArgs) -> Result<i32> {
    let dir = args.dir.clone().unwrap_or_else(|| Path::new(".").to_path_buf());
    refuse_nested(&dir)?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("cannot create folder", &dir, e))?;
    let dir = std::path::absolute(&dir).map_err(|e| Error::io("cannot resolve", &dir, e))?;
    let name = args.name.clone().or_else(crate::git::configured_name).unwrap_or_default();
    let values = [
        ("name", template::yaml_quoted_escape(&name)),
        ("track", args.track.clone()),
        ("target_level", args.target.to_uppercase()),
        ("timeline", args.timeline.clone()),
        ("start_date", globals.today.to_string()),
    ];
    let mut created = Vec::new();
    let mut kept = Vec::new();
    // What init wrote, as written: fresh defaults give way to a remote's real files.
    let mut fresh = Vec::new();
    for rel in template::files() {
        let Some(bytes) = template::get(&rel) else { continue };
        let contents = if rel == crate::config::PROFILE_FILE {
            template::fill(&String::from_utf8_lossy(&bytes), &values).into_bytes()
        } else {
            bytes.into_owned()
        };
        match crate::fs::create_new_in(&dir, &rel, &contents) {
            Ok(()) => {
                fresh.push((rel.clone(), contents));
                created.push(rel);
            }
            Err(Error::Exists { .. }) => kept.push(rel),
            Err(e) => return Err(e),
        }
    }

    let ws = Workspace::open(&dir)?;
    let mut pipeline = Pipeline::load(ws, globals.today)?;
    let model = pipeline.model();
    if !dir.join(DASHBOARD_FILE).exists() {
        let before = generated_files(&dir);
        pipeline.publish(&model)?;
        created.extend(generated_files(&dir).into_iter().filter(|f| !before.contains(f)));
    }

    let mut out = anstream::stdout().lock();
    writeln!(out, "Workspace ready in {}", dir.display()).map_err(crate::output::error)?;
    writeln!(out, "  created {} file{}", created.len(), if created.len() == 1 { "" } else { "s" })
        .map_err(crate::output::error)?;
    if !kept.is_empty() {
        let _ =
            writeln!(out, "  kept {} existing file{} untouched:", kept.len(), if kept.len() == 1 { "" } else { "s" });
        for k in &kept {
            writeln!(out, "    {k}").map_err(crate::output::error)?;
        }
    }

    if !args.no_git {
        git_step(&dir, &created, &kept, &mut out)?;
        if let Some(repo) = Repo::open_at(&dir) {
            crate::git::fresh::Record::add(repo.repository(), &fresh);
        }
    }
    // A workspace whose assessment is already answered is past the first step.
    let assessed = crate::assess::Stored::load(&dir).is_ok_and(|s| !s.answers.is_empty());
    let next = if assessed {
        "\nNext: the assessment is answered; run `systemcraft build` in {dir}, and `systemcraft plan` for a study plan"
    } else {
        "\nNext: take the self-assessment with `systemcraft assess` (or answer the questions in assessment.md), then run `systemcraft build` in {dir}"
    };
    writeln!(out, "{}", next.replace("{dir}", &dir.display().to_string())).map_err(crate::output::error)?;
    Ok(EXIT_OK)
}

/// Refuses a target folder that lies inside an existing workspace without being its
/// root: the inner workspace's files (templates, READMEs) would be read as the outer
/// one's notes. Re-running init on the root itself is allowed.
fn refuse_nested(dir: &Path) -> Result<()> {
    let abs = std::path::absolute(dir).map_err(|e| Error::io("cannot resolve", dir, e))?;
    // Resolve `..` and symlinks where the folder exists, so `stories/..` is the root.
    let existing = abs.ancestors().find(|a| a.exists()).unwrap_or(&abs);
    let canonical = match (existing.canonicalize(), abs.strip_prefix(existing)) {
        (Ok(c), Ok(rest)) if rest.as_os_str().is_empty() => c,
        (Ok(c), Ok(rest)) => c.join(rest),
        _ => abs.clone(),
    };
    if canonical.join(crate::config::PROFILE_FILE).is_file() {
        return Ok(());
    }
    match canonical.ancestors().skip(1).find(|a| a.join(crate::config::PROFILE_FILE).is_file()) {
        Some(root) => Err(Error::NestedWorkspace { dir: canonical.clone(), root: root.to_path_buf() }),
        None => Ok(()),
    }
}

fn git_step(dir: &Path, created: &[String], kept: &[String], out: &mut impl Write) -> Result<()> {
    let (repo, fresh) = match Repo::open_at(dir) {
        Some(r) => (r, false),
        None => {
            if let Some(parent) = Repo::enclosing(dir) {
                writeln!(
                    out,
                    "  git: {} is inside the repository at {}; not creating another one and not committing there",
                    dir.display(),
                    parent.display()
                )
                .map_err(crate::output::error)?;
                return Ok(());
            }
            (Repo::init(dir)?, true)
        }
    };
    // Only the workspace files are committed: into a new repository the ones init
    // created or found, into an existing one only the ones it created. Never anything
    // else — re-running init on a workspace with uncommitted work commits nothing.
    let mut paths = created.to_vec();
    if fresh {
        paths.extend(kept.iter().cloned());
        paths.sort();
    }
    if paths.is_empty() {
        writeln!(out, "  git: existing repository kept; nothing new to commit").map_err(crate::output::error)?;
        return Ok(());
    }
    let message =
        if fresh { "Start interview preparation with systemcraft" } else { "Add the systemcraft workspace files" };
    match repo.commit_paths(&paths, message)? {
        Some(c) => {
            let what = if fresh {
                "created a git repository with a first commit"
            } else {
                "committed the new files to the existing repository"
            };
            writeln!(out, "  git: {what} ({})", c.id).map_err(crate::output::error)?;
            if c.fallback_author {
                writeln!(
                    out,
                    "  git: no identity configured, so the commit is by \"{} <{}>\"; set yours with `git config --global user.name \"…\"` and `git config --global user.email …`",
                    crate::git::FALLBACK_NAME,
                    crate::git::FALLBACK_EMAIL
                ).map_err(crate::output::error)?;
            }
        }
        None => {
            writeln!(out, "  git: existing repository kept; nothing new to commit").map_err(crate::output::error)?;
        }
    }
    Ok(())
}
