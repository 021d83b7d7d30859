//! The README's commands, typed in order by a newcomer: every command line of its `sh`
//! code blocks runs, top to bottom, on a fresh temporary home, with the `systemcraft`
//! this build made first on `PATH`. The rules:
//!
//! - A line is split at ` && `; each part runs with `sh -c` in the current folder,
//!   with an empty environment but `PATH`, `HOME` (the temporary home, so `~/prep` is
//!   there), the harness's pinned date and `NO_COLOR`: no `$EDITOR`, no network.
//! - Parts that start with `cargo` are skipped: they install or test this repository,
//!   which is what built the binary under test. Parts that start with
//!   `systemcraft clone` are skipped too: they need a remote to clone from.
//! - `cd DIR` moves the current folder for the rest of the README.
//! - `git remote add NAME URL` adds the remote with the URL replaced by a bare
//!   repository in the temporary home, so `sync` pushes without a network.
//! - Interactive commands (`assess` without answers, `practice` without `--rating`,
//!   `mock` without `--dry-run`, `watch`) start on a pseudo-terminal, must still be
//!   running after 2 s with no error shown, and are then stopped by closing the
//!   terminal; they must end within 2 s.
//! - Every other command must exit 0, or 1 when its comment says it exits 1 on
//!   findings (`check`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::testenv::Env;

/// The command lines of the README's `sh` blocks, in order.
fn commands(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = !in_sh && trimmed == "```sh";
            continue;
        }
        if in_sh && !trimmed.is_empty() && !trimmed.starts_with('#') {
            out.push(trimmed.to_string());
        }
    }
    out
}

/// Whether a command waits for a person (or runs until stopped).
fn interactive(part: &str) -> bool {
    let words: Vec<&str> = part.split('#').next().unwrap_or("").split_whitespace().collect();
    let has = |flag: &str| words.iter().any(|w| w.starts_with(flag));
    match words.get(1).copied() {
        Some("assess") => !has("--answer") && !has("--from"),
        Some("practice") => !has("--rating"),
        Some("mock") => !has("--dry-run"),
        Some("watch") => true,
        _ => false,
    }
}

fn shell(env: &Env, bin_dir: &Path, cwd: &Path, part: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c").arg(part).current_dir(cwd).env_clear();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin_dir.to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    cmd.env("PATH", std::env::join_paths(paths).unwrap())
        .env("HOME", &env.home)
        .env("NO_COLOR", "1")
        .env("SYSTEMCRAFT_TODAY", crate::testenv::TODAY);
    cmd
}

#[test]
fn every_readme_command_runs_as_shown_in_order() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let lines = commands(&readme);
    assert!(lines.len() > 20, "the README's sh blocks: {lines:?}");
    let env = Env::empty();
    let bin_dir = assert_cmd::cargo::cargo_bin("systemcraft").parent().unwrap().to_path_buf();
    let mut cwd = env.home.clone();
    let mut ran = 0;
    for line in &lines {
        for part in line.split(" && ").map(str::trim) {
            if part.starts_with("cargo ") || part.starts_with("systemcraft clone") {
                continue;
            }
            if let Some(dir) = part.strip_prefix("cd ") {
                let out = shell(&env, &bin_dir, &cwd, &format!("cd {dir} && pwd")).output().unwrap();
                assert!(out.status.success(), "{part}: {}", String::from_utf8_lossy(&out.stderr));
                cwd = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
                continue;
            }
            let part = &match part.strip_prefix("git remote add ") {
                Some(rest) => {
                    let name = rest.split_whitespace().next().unwrap();
                    let bare = env.home.join("remote.git");
                    git2::Repository::init_bare(&bare).unwrap();
                    format!("git remote add {name} {}", bare.display())
                }
                None => part.to_string(),
            };
            ran += 1;
            if interactive(part) {
                run_interactive(&env, &bin_dir, &cwd, part);
            } else {
                let out = shell(&env, &bin_dir, &cwd, part).output().unwrap();
                let code = out.status.code();
                let may_find = part.contains("exit 1");
                assert!(
                    code == Some(0) || (may_find && code == Some(1)),
                    "README: `{part}` exited {code:?}\nstdout:\n{}\nstderr:\n{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
    assert!(ran > 20, "only {ran} commands ran");
    // The exports went where the README says, and git leaves them out of the notes.
    let ws = env.home.join("prep");
    let repo = git2::Repository::open(&ws).unwrap();
    for export in ["exports/prep.ics", "exports/trend.svg"] {
        assert!(ws.join(export).is_file(), "{export} was not written");
        assert!(repo.status_should_ignore(Path::new(export)).unwrap(), "{export} is not ignored");
    }
    let statuses = repo.statuses(None).unwrap();
    let exports: Vec<_> = statuses.iter().filter(|s| s.path().unwrap_or("").starts_with("exports/")).collect();
    assert!(exports.iter().all(|s| s.status() == git2::Status::IGNORED), "exports/ is not only ignored files");
    let head = repo.head().unwrap().peel_to_tree().unwrap();
    assert!(head.get_path(Path::new("exports")).is_err(), "exports/ was committed");
}

fn run_interactive(env: &Env, bin_dir: &Path, cwd: &Path, part: &str) {
    // `exec`, so that the command itself holds the terminal, as when typed.
    let mut tty = crate::testenv::pty::Tty::spawn_cmd(shell(env, bin_dir, cwd, &format!("exec {part}")), true);
    let running = tty.read_for(Duration::from_secs(2));
    let shown = tty.shown();
    assert!(running, "README: `{part}` ended by itself on a terminal:\n{shown}");
    assert!(!shown.contains("error:"), "README: `{part}`:\n{shown}");
    let ended = tty.close();
    assert!(ended.after < Duration::from_secs(2), "README: `{part}` took {:?} to stop", ended.after);
}
