//! The write boundary: whatever the workspace holds, systemcraft writes only regular
//! files inside the workspace root and never through a symlink — not the dashboard,
//! not a new note, a plan, the assessment or local state. A refused write is an
//! error naming the path (exit 1), and nothing outside the workspace changes.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::testenv::{Env, Run};

/// Every file under `dir` with its bytes, to show nothing outside changed.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

/// A folder outside the workspace with one file in it.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.md"), "outside\n").unwrap();
    dir
}

/// Asserts that `r` is a refused write naming `rel` — or refused already at the
/// read before it, which never goes through a link either (`fs::read`).
#[track_caller]
fn refused(r: &Run, rel: &str) {
    assert_eq!(r.code, 1, "expected a refused write:\nstdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    let read_refused = r.stderr.contains("cannot read") && r.stderr.contains("symlink");
    assert!(r.stderr.contains("refusing to write") || read_refused, "stderr:\n{}", r.stderr);
    assert!(r.stderr.contains(rel), "the error does not name {rel}:\n{}", r.stderr);
    assert!(r.stderr.contains("hint:"), "no hint:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn dashboard_as_a_symlink_out_of_the_workspace() {
    let env = Env::init();
    let out = outside();
    std::fs::remove_file(env.root.join("DASHBOARD.md")).unwrap();
    symlink(out.path().join("keep.md"), env.root.join("DASHBOARD.md")).unwrap();
    let before = snapshot(out.path());
    refused(&env.run(&["build"]), "DASHBOARD.md");
    assert_eq!(snapshot(out.path()), before);
    assert!(std::fs::symlink_metadata(env.root.join("DASHBOARD.md")).unwrap().file_type().is_symlink());
    // Reading is still fine: --stdout and --json write nothing.
    assert!(env.run_ok(&["build", "--stdout"]).stdout.contains("# "));
}

#[test]
fn dashboard_as_a_symlink_inside_the_workspace() {
    let env = Env::init();
    std::fs::remove_file(env.root.join("DASHBOARD.md")).unwrap();
    symlink("reference/README.md", env.root.join("DASHBOARD.md")).unwrap();
    let before = std::fs::read(env.root.join("reference/README.md")).ok();
    refused(&env.run(&["build"]), "DASHBOARD.md");
    assert_eq!(std::fs::read(env.root.join("reference/README.md")).ok(), before);
}

#[test]
fn dangling_dashboard_symlink() {
    let env = Env::init();
    let out = tempfile::tempdir().unwrap();
    std::fs::remove_file(env.root.join("DASHBOARD.md")).unwrap();
    symlink(out.path().join("created.md"), env.root.join("DASHBOARD.md")).unwrap();
    refused(&env.run(&["build"]), "DASHBOARD.md");
    assert!(!out.path().join("created.md").exists());
}

#[test]
fn new_note_in_a_symlinked_folder() {
    let env = Env::init();
    let out = outside();
    std::fs::remove_dir_all(env.root.join("stories")).unwrap();
    symlink(out.path(), env.root.join("stories")).unwrap();
    let before = snapshot(out.path());
    refused(&env.run(&["new", "story", "Escape attempt"]), "stories");
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn new_log_in_a_symlinked_subfolder_chain() {
    let env = Env::init();
    let out = outside();
    std::fs::remove_dir_all(env.root.join("logs")).unwrap();
    symlink(out.path(), env.root.join("elsewhere")).unwrap();
    symlink("elsewhere", env.root.join("logs")).unwrap();
    let before = snapshot(out.path());
    refused(&env.run(&["new", "log"]), "logs");
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn new_note_over_a_dangling_symlink() {
    let env = Env::init();
    let out = tempfile::tempdir().unwrap();
    symlink(out.path().join("planted.md"), env.root.join("designs/rate-limiter.md")).unwrap();
    refused(&env.run(&["new", "design", "Rate limiter"]), "designs/rate-limiter.md");
    assert!(!out.path().join("planted.md").exists());
}

#[test]
fn plan_into_a_symlinked_folder_changes_nothing() {
    let env = Env::init();
    let out = outside();
    std::fs::remove_dir_all(env.root.join("plans")).unwrap();
    symlink(out.path(), env.root.join("plans")).unwrap();
    let profile = env.read("systemcraft.yaml");
    let before = snapshot(out.path());
    refused(&env.run(&["plan", "--path", "quick-reference"]), "plans");
    assert_eq!(snapshot(out.path()), before);
    assert_eq!(env.read("systemcraft.yaml"), profile, "the profile must not name a plan that was not written");
}

#[test]
fn assessment_as_a_symlink() {
    let env = Env::init();
    let out = tempfile::tempdir().unwrap();
    std::fs::rename(env.root.join("assessment.md"), out.path().join("assessment.md")).unwrap();
    symlink(out.path().join("assessment.md"), env.root.join("assessment.md")).unwrap();
    let before = snapshot(out.path());
    refused(&env.run(&["assess", "--answer", "coding-speed=3"]), "assessment.md");
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn local_state_folder_symlinked_out() {
    let env = Env::init();
    let out = tempfile::tempdir().unwrap();
    let _ = std::fs::remove_dir_all(env.root.join(".systemcraft"));
    symlink(out.path(), env.root.join(".systemcraft")).unwrap();
    // Local state is a cache: the build goes on without it, and writes nothing there.
    env.write("DASHBOARD.md", "old\n");
    env.run_ok(&["build"]);
    assert_ne!(env.read("DASHBOARD.md"), "old\n");
    assert_eq!(snapshot(out.path()), Vec::new());
}

#[test]
fn init_into_a_workspace_with_a_symlinked_folder() {
    let env = Env::empty();
    let out = outside();
    std::fs::create_dir_all(&env.root).unwrap();
    symlink(out.path(), env.root.join("reference")).unwrap();
    let before = snapshot(out.path());
    refused(&env.run(&["init", ".", "--no-git", "--name", "X"]), "reference");
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn practice_into_a_symlinked_logs_folder_changes_nothing() {
    let env = Env::init();
    env.write(
        "stories/launch.md",
        "---\ntitle: Launch\nscenario: innovation\nprinciples: [ownership]\nstatus: ready\n---\n## Situation\nA launch.\n\n## Task\nI owned it.\n\n## Action\nI shipped it.\n\n## Result\nSign-ups rose 30%.\n",
    );
    let out = outside();
    std::fs::remove_dir_all(env.root.join("logs")).unwrap();
    symlink(out.path(), env.root.join("logs")).unwrap();
    let before = snapshot(out.path());
    refused(&env.run(&["practice", "--story", "launch", "--rating", "good"]), "logs");
    assert_eq!(snapshot(out.path()), before);
}
