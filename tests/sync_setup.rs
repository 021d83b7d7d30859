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

#[test]
fn a_stale_lock_on_the_remote_is_named_with_how_to_remove_it() {
    let r = remote_with_workspace();
    // A push that was killed left the branch's lock file on the remote.
    let lock = r.path.join("refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    r.a.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nPractice.\n");
    let run = run_fail(&r.a, &["sync"]);
    assert!(run.stderr.contains(lock.to_str().unwrap()), "{}", run.stderr);
    assert!(run.stderr.contains("`origin`"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("rm {}", lock.display())), "{}", run.stderr);
    assert!(!run.stderr.contains("kept moving"), "{}", run.stderr);
    // Once it is removed, as the message says, sync pushes.
    std::fs::remove_file(&lock).unwrap();
    let run = r.a.run_ok(&["sync"]);
    assert!(run.stdout.contains("Pushed main to origin"), "{}", run.stdout);
}

#[test]
fn commits_and_merges_honour_the_git_identity_variables() {
    let r = remote_with_workspace();
    let b = Env::empty().with_git_identity();
    b.run_ok(&["clone", r.path.to_str().unwrap(), "ws"]);
    let with_identity = |env: &Env, args: &[&str]| {
        let out = env
            .std_cmd()
            .args(args)
            .env("GIT_AUTHOR_NAME", "Ada Author")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_AUTHOR_DATE", "@1764000000 +0100")
            .env("GIT_COMMITTER_NAME", "Cy Committer")
            .env("GIT_COMMITTER_EMAIL", "cy@example.com")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let last = |env: &Env| git_in(env, &env.root, &["log", "-1", "--format=%an <%ae> %at %ai|%cn <%ce>"]);
    r.a.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nOn A.\n");
    with_identity(&r.a, &["commit"]);
    assert_eq!(
        last(&r.a).trim(),
        "Ada Author <ada@example.com> 1764000000 2025-11-24 17:00:00 +0100|Cy Committer <cy@example.com>"
    );
    r.a.run_ok(&["sync"]);
    // The merge commit sync writes is signed the same way.
    b.write("logs/2026-11-24.md", "---\ndate: 2026-11-24\n---\nOn B.\n");
    with_identity(&b, &["sync"]);
    let merge = git_in(&b, &b.root, &["log", "-1", "--merges", "--format=%an|%cn"]);
    assert_eq!(merge.trim(), "Ada Author|Cy Committer");
    // Without the variables, the configured identity.
    b.write("logs/2026-11-23.md", "---\ndate: 2026-11-23\n---\nOn B.\n");
    b.run_ok(&["commit"]);
    assert!(last(&b).starts_with("Test User <test@example.com>"), "{}", last(&b));
}

#[test]
fn an_ignored_file_is_kept_aside_when_a_tracked_file_comes_in_at_its_path() {
    let r = remote_with_workspace();
    let b = Env::empty().with_git_identity();
    b.run_ok(&["clone", r.path.to_str().unwrap(), "ws"]);
    // B keeps a private draft its own ignore list hides; A commits a note at that path.
    std::fs::write(b.root.join(".git/info/exclude"), "stories/offsite.md\n").unwrap();
    b.write("stories/offsite.md", "My private draft.\n");
    r.a.write(
        "stories/offsite.md",
        "---\ntitle: Offsite\nscenario: innovation\nprinciples: [ownership]\n---\nFrom A.\n",
    );
    r.a.run_ok(&["sync"]);
    let run = b.run_ok(&["sync"]);
    assert_eq!(b.read("stories/offsite.md"), r.a.read("stories/offsite.md"));
    let aside: Vec<String> = tree(&b.root)
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("stories/offsite.conflict-"))
        .map(|(rel, _)| rel)
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(b.read(&aside[0]), "My private draft.\n");
    assert!(run.stdout.contains(&format!("stories/offsite.md -> {}", aside[0])), "{}", run.stdout);
    // The copy stays as private as the original was: not committed, not pushed.
    b.run_ok(&["sync"]);
    assert!(git_in(&b, &b.root, &["status", "--porcelain"]).trim().is_empty());
    let on_remote = git_in(&b, &r.path, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(!on_remote.contains(&aside[0]), "{on_remote}");
}

#[test]
fn the_users_own_amended_push_is_labelled_by_commit_and_copies_never_nest() {
    let r = remote_with_workspace();
    let story = "stories/real-story.md";
    // A pushes an edit, then amends it locally and syncs: both texts are A's own.
    r.a.write(story, &r.a.read(story).replace("On A.", "On A, pushed."));
    r.a.run_ok(&["sync"]);
    let pushed = git_in(&r.a, &r.a.root, &["rev-parse", "--short=7", "HEAD"]).trim().to_string();
    r.a.write(story, &r.a.read(story).replace("On A, pushed.", "On A, amended."));
    git_in(&r.a, &r.a.root, &["commit", "-qa", "--amend", "-m", "amended"]);
    let amended = git_in(&r.a, &r.a.root, &["rev-parse", "--short=7", "HEAD"]).trim().to_string();
    let run = r.a.run_ok(&["sync"]);
    let copy = format!("stories/real-story.conflict-{pushed}.md");
    assert!(r.a.read(&copy).contains("On A, pushed."));
    assert!(r.a.read(story).contains("On A, amended."));
    assert!(run.stdout.contains(&format!("from commit {amended} (this clone)")), "{}", run.stdout);
    assert!(run.stdout.contains(&format!("{copy}  (text of {story} from commit {pushed})")), "{}", run.stdout);
    assert!(!run.stdout.contains("other machine"), "{}", run.stdout);

    // Both machines then change the copy itself: the new copy is named after the
    // original, never `real-story.conflict-X.conflict-Y.md`.
    let b = Env::empty().with_git_identity();
    b.run_ok(&["clone", r.path.to_str().unwrap(), "ws"]);
    b.write(&copy, "B's version of the copy.\n");
    r.a.write(&copy, "A's version of the copy.\n");
    b.run_ok(&["sync"]);
    r.a.run_ok(&["sync"]);
    let names: Vec<String> =
        tree(&r.a.root).into_iter().map(|(rel, _)| rel).filter(|rel| rel.contains(".conflict-")).collect();
    assert!(names.iter().all(|n| n.matches(".conflict-").count() == 1), "{names:?}");
    assert_eq!(names.len(), 2, "{names:?}");
    let texts: Vec<String> = names.iter().map(|n| r.a.read(n)).collect();
    assert!(texts.contains(&"A's version of the copy.\n".to_string()), "{texts:?}");
    assert!(texts.contains(&"B's version of the copy.\n".to_string()), "{texts:?}");
}
