//! Setting up a second machine: `systemcraft clone` against a remote made by a plain
//! `git init --bare` (HEAD names `master`, the workspace is on `main`), `sync`
//! refusing a clone on the wrong branch, and a second `init` joining a remote.

use std::path::PathBuf;

use crate::sync::{git_in, run_fail, tree};
use crate::testenv::Env;

/// Machine A's workspace pushed (to `main`) into a remote made by a plain
/// `git init --bare`, whose HEAD names `master`.
struct Remote {
    _dir: tempfile::TempDir,
    path: PathBuf,
    a: Env,
}

fn remote_with_workspace() -> Remote {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prep.git");
    let a = Env::empty().with_git_identity();
    git_in(&a, dir.path(), &["init", "-q", "--bare", "prep.git"]);
    git_in(&a, &path, &["symbolic-ref", "HEAD", "refs/heads/master"]);
    a.run_ok(&["init", "ws", "--name", "Ada"]);
    a.write(
        "stories/real-story.md",
        "---\ntitle: Real\nscenario: innovation\nprinciples: [ownership]\n---\n## Situation\nOn A.\n",
    );
    a.run_ok(&["assess", "--answer", "design-at-scale=4", "--answer", "coding-speed=3"]);
    git_in(&a, &a.root, &["remote", "add", "origin", path.to_str().unwrap()]);
    a.run_ok(&["sync"]);
    Remote { _dir: dir, path, a }
}

#[test]
fn clone_checks_out_the_workspace_branch_whatever_the_remote_head_says() {
    let r = remote_with_workspace();
    let b = Env::empty().with_git_identity();
    let run = b.run_ok(&["clone", r.path.to_str().unwrap(), "ws"]);
    assert!(run.stdout.contains("branch main tracks origin/main"), "{}", run.stdout);
    assert!(run.stdout.contains("HEAD names `master`"), "{}", run.stdout);
    assert_eq!(git_in(&b, &b.root, &["rev-parse", "--abbrev-ref", "main@{upstream}"]).trim(), "origin/main");
    assert_eq!(b.read("stories/real-story.md"), r.a.read("stories/real-story.md"));
    // The dashboard is this machine's, and it is committed: the tree is clean.
    assert_eq!(b.read("DASHBOARD.md"), b.run_ok(&["build", "--stdout"]).stdout);
    assert!(git_in(&b, &b.root, &["status", "--porcelain"]).trim().is_empty());
    // The two machines see each other's notes.
    b.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nFrom B.\n");
    b.run_ok(&["sync"]);
    r.a.run_ok(&["sync"]);
    assert!(r.a.read("logs/2026-11-25.md").contains("From B."));
    assert_eq!(tree(&r.a.root), tree(&b.root));
    // No second branch appeared on the remote.
    let branches = git_in(&r.a, &r.path, &["branch", "--format=%(refname:short)"]);
    assert_eq!(branches.trim(), "main");
}

#[test]
fn clone_names_the_folder_after_the_remote_and_refuses_an_empty_remote_or_a_missing_path() {
    let r = remote_with_workspace();
    let b = Env::empty().with_git_identity();
    let parent = b.root.parent().unwrap().to_path_buf();
    let mut cmd = b.std_cmd();
    let out = cmd.current_dir(&parent).args(["clone", r.path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(parent.join("prep/systemcraft.yaml").is_file());

    let empty = tempfile::tempdir().unwrap();
    git_in(&b, empty.path(), &["init", "-q", "--bare", "empty.git"]);
    let run = run_fail(&b, &["clone", empty.path().join("empty.git").to_str().unwrap(), "ws"]);
    assert!(run.stderr.contains("is empty"), "{}", run.stderr);
    assert!(run.stderr.contains("systemcraft sync"), "{}", run.stderr);
    assert!(!b.root.exists(), "a failed clone leaves no folder behind");

    let run = run_fail(&b, &["clone", "/nonexistent/prep.git", "ws"]);
    assert!(run.stderr.contains("/nonexistent/prep.git does not exist"), "{}", run.stderr);
    assert!(!run.stderr.contains("unsupported URL protocol"), "{}", run.stderr);
}

#[test]
fn sync_on_another_branch_than_the_remotes_workspace_refuses_with_the_fix_and_init_joins_keeping_the_remotes_files() {
    let r = remote_with_workspace();
    let profile = r.a.read("systemcraft.yaml");
    let answers = r.a.read("assessment.md");
    // What a user did before `clone` existed: `git clone` (an empty folder on
    // `master`, since the remote's HEAD names it), then `systemcraft init .`.
    let b = Env::empty().with_git_identity();
    git_in(&b, b.root.parent().unwrap(), &["clone", "-q", r.path.to_str().unwrap(), "ws"]);
    let mut init = b.std_cmd();
    let out = init.current_dir(&b.root).args(["init", ".", "--name", "Ada on the laptop"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run = run_fail(&b, &["sync"]);
    assert!(run.stderr.contains("on branch `master`, but the workspace on `origin` is on `main`"), "{}", run.stderr);
    assert!(run.stderr.contains("git branch -m master main"), "{}", run.stderr);
    let branches = git_in(&r.a, &r.path, &["branch", "--format=%(refname:short)"]);
    assert_eq!(branches.trim(), "main", "nothing was pushed beside the workspace");

    // The fix it gives works, and the fresh defaults init wrote give way to A's files.
    git_in(&b, &b.root, &["branch", "-m", "master", "main"]);
    let run = b.run_ok(&["sync"]);
    assert!(run.stdout.contains("Merged origin/main"), "{}", run.stdout);
    assert_eq!(b.read("systemcraft.yaml"), profile);
    assert_eq!(b.read("assessment.md"), answers);
    assert!(tree(&b.root).iter().all(|(rel, _)| !rel.contains(".conflict-")), "no copies of fresh defaults");
    r.a.run_ok(&["sync"]);
    assert_eq!(r.a.read("systemcraft.yaml"), profile);
    assert_eq!(r.a.read("assessment.md"), answers);
    assert_eq!(tree(&r.a.root), tree(&b.root));
}

#[test]
fn a_second_init_keeps_its_own_edits_as_conflict_copies() {
    // Only untouched defaults give way: a profile edited after init is the user's.
    let r = remote_with_workspace();
    let b = Env::empty().with_git_identity();
    b.run_ok(&["init", "ws", "--name", "Ada on the laptop"]);
    let edited = b.read("systemcraft.yaml").replace("interview_date:", "interview_date: 2027-01-15");
    b.write("systemcraft.yaml", &edited);
    git_in(&b, &b.root, &["remote", "add", "origin", r.path.to_str().unwrap()]);
    b.run_ok(&["sync"]);
    assert_eq!(b.read("systemcraft.yaml"), edited);
    let copy = tree(&b.root).into_iter().map(|(rel, _)| rel).find(|rel| rel.starts_with("systemcraft.conflict-"));
    assert_eq!(b.read(&copy.expect("A's profile beside B's")), r.a.read("systemcraft.yaml"));
    // The blank assessment init wrote still gives way to A's answers.
    assert_eq!(b.read("assessment.md"), r.a.read("assessment.md"));
}
