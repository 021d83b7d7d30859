//! `systemcraft clone URL [DIR]`: a second machine in one command — clone the remote,
//! check out its workspace branch with the upstream set, build and commit this
//! machine's dashboard.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::CloneArgs;
use crate::pipeline::Pipeline;
use crate::workspace::{generated_files, Workspace};
use crate::{output, Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: CloneArgs) -> Result<i32> {
    let dir = args.dir.clone().unwrap_or_else(|| default_dir(&args.url));
    let dir = std::path::absolute(&dir).map_err(|e| Error::io("cannot resolve", &dir, e))?;
    let cloned = crate::git::clone::clone(&args.url, &dir)?;

    let ws = Workspace::open(&dir)?;
    let mut pipeline = Pipeline::load(ws, globals.today)?;
    let model = pipeline.model();
    pipeline.publish(&model)?;
    let committed = cloned.repo.commit_paths(&generated_files(&dir), "dashboard")?;

    print_cloned(&mut anstream::stdout().lock(), &args.url, &dir, &cloned, committed.as_ref())
        .map_err(output::error)?;
    Ok(EXIT_OK)
}

/// Says what was cloned, which branch is checked out, and what comes next.
fn print_cloned(
    out: &mut impl Write,
    url: &str,
    dir: &Path,
    cloned: &crate::git::clone::Cloned,
    committed: Option<&crate::git::Committed>,
) -> std::io::Result<()> {
    writeln!(out, "Cloned {url} into {}", dir.display())?;
    writeln!(out, "  branch {} tracks origin/{}", cloned.branch, cloned.branch)?;
    if let Some(head) = &cloned.remote_head {
        writeln!(
            out,
            "  the remote's HEAD names `{head}`, but the workspace is on `{}`: that is the branch checked out",
            cloned.branch
        )?;
    }
    match committed {
        Some(c) => writeln!(out, "  built DASHBOARD.md for this machine and committed it ({})", c.id)?,
        None => writeln!(out, "  DASHBOARD.md is current")?,
    }
    writeln!(out, "\nNext: edit your notes here, and run `systemcraft sync` in {} to share them", dir.display())
}

/// The folder a clone of `url` goes into: its last part without `.git`.
fn default_dir(url: &str) -> PathBuf {
    let last = url.trim_end_matches(['/', '\\']).rsplit(['/', '\\', ':']).next().unwrap_or("");
    let name = last.strip_suffix(".git").unwrap_or(last);
    Path::new(if name.is_empty() { "prep" } else { name }).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_named_after_the_remote() {
        assert_eq!(default_dir("git@github.com:ada/prep.git"), Path::new("prep"));
        assert_eq!(default_dir("https://example.com/ada/interview-prep/"), Path::new("interview-prep"));
        assert_eq!(default_dir("/media/usb/prep.git"), Path::new("prep"));
        assert_eq!(default_dir(".git"), Path::new("prep"));
    }
}
