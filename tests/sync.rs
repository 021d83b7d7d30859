//! `commit` and `sync`: a bare repository and two clones in temporary folders, the
//! real binary, and the states a user can leave a repository in.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::testenv::{copy_dir, Env, Rng, Run};

/// Runs the `git` CLI in `dir` with the env's home (its identity), no system config.
pub(crate) fn git_in(env: &Env, dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", &env.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn git(env: &Env, args: &[&str]) -> String {
    git_in(env, &env.root, args)
}

pub(crate) fn run_fail(env: &Env, args: &[&str]) -> Run {
    let r = env.run(args);
    assert_eq!(r.code, 1, "expected exit 1 from {args:?}:\nstdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    r
}

/// A bare remote and clone A of it holding a committed, pushed workspace.
struct Pair {
    _remote_dir: tempfile::TempDir,
    remote: PathBuf,
    a: Env,
    b: Env,
}

/// A workspace made by `init` (with git), pushed to a bare `main` remote by `sync`,
/// and a second clone of it.
fn pair() -> Pair {
    let remote_dir = tempfile::tempdir().unwrap();
    let remote = remote_dir.path().join("prep.git");
    let a = Env::empty().with_git_identity();
    a.run_ok(&["init", "ws", "--name", "Ada"]);
    git_in(&a, remote_dir.path(), &["init", "--bare", "-b", "main", "prep.git"]);
    git(&a, &["remote", "add", "origin", remote.to_str().unwrap()]);
    let r = a.run_ok(&["sync"]);
    assert!(r.stdout.contains("Pushed main to origin"), "{}", r.stdout);
    let b = Env::empty().with_git_identity();
    git_in(&b, b.root.parent().unwrap(), &["clone", "-q", remote.to_str().unwrap(), "ws"]);
    Pair { _remote_dir: remote_dir, remote, a, b }
}

/// Every file of the work tree (not .git, not .systemcraft) with its bytes.
pub(crate) fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_name().to_string_lossy().starts_with(".git") && e.file_name() != ".systemcraft"
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn story(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\nscenario: technical-leadership\nprinciples: [ownership, dive-deep]\nstatus: refined\n---\n## Situation\n{body}\n"
    )
}

fn head_subject(env: &Env) -> String {
    git(env, &["log", "-1", "--format=%s"]).trim().to_string()
}

fn status_clean(env: &Env) -> bool {
    git(env, &["status", "--porcelain"]).trim().is_empty()
}

// ---------------------------------------------------------------------------------
// commit
// ---------------------------------------------------------------------------------

#[test]
fn commit_names_what_changed_and_stages_deletions() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nPractice.\n");
    env.write("stories/checkout-latency.md", &story("Checkout latency", "p99 was 900 ms."));
    env.remove("stories/example-checkout-latency.md");
    let r = env.run_ok(&["commit"]);
    assert!(r.stdout.contains("Committed"), "{}", r.stdout);
    // Three notes: a log, a new story (refined) and a removed one; the dashboard was
    // rebuilt and committed with them. Named one by one, the subject would pass 72
    // characters, so it counts by kind; the body names every path.
    assert_eq!(head_subject(&env), "1 log; 2 stories");
    let body = git(&env, &["log", "-1", "--format=%b"]);
    assert!(body.contains("added: stories/checkout-latency.md"), "{body}");
    assert!(body.contains("removed: stories/example-checkout-latency.md"), "{body}");
    let files = git(&env, &["show", "--name-status", "--format=", "HEAD"]);
    assert!(files.contains("D\tstories/example-checkout-latency.md"), "{files}");
    assert!(files.contains("M\tDASHBOARD.md"), "{files}");
    assert!(status_clean(&env));

    let r = env.run_ok(&["commit"]);
    assert!(r.stdout.contains("Nothing to commit"), "{}", r.stdout);
    env.write("stories/checkout-latency.md", &story("Checkout latency", "p99 was 950 ms."));
    env.run_ok(&["commit"]);
    assert_eq!(head_subject(&env), "story checkout-latency (refined)");
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nMore practice.\n");
    env.run_ok(&["commit", "-m", "Evening session"]);
    assert_eq!(head_subject(&env), "Evening session");
}

#[test]
fn commit_refuses_conflict_markers_and_merges_in_progress() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    env.write("stories/x.md", "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n");
    let r = run_fail(&env, &["commit"]);
    assert!(r.stderr.contains("stories/x.md:1 holds a git conflict marker"), "{}", r.stderr);
    assert!(r.stderr.contains("hint:"), "{}", r.stderr);
    env.remove("stories/x.md");

    // A merge in progress: libgit2 reads it from MERGE_HEAD.
    let head = git(&env, &["rev-parse", "HEAD"]);
    std::fs::write(env.root.join(".git/MERGE_HEAD"), head).unwrap();
    let r = run_fail(&env, &["commit"]);
    assert!(r.stderr.contains("a merge is in progress"), "{}", r.stderr);
    assert!(r.stderr.contains("git merge --abort"), "{}", r.stderr);
}

#[test]
fn commit_outside_a_repository_says_how_to_make_one() {
    let env = Env::init();
    let r = run_fail(&env, &["commit"]);
    assert!(r.stderr.contains("not the top folder of a git repository"), "{}", r.stderr);
    assert!(r.stderr.contains("git init"), "{}", r.stderr);
}

#[test]
fn a_stale_index_lock_is_named_with_the_command_that_clears_it() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    std::fs::write(env.root.join(".git/index.lock"), "").unwrap();
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\n");
    let r = run_fail(&env, &["commit"]);
    assert!(r.stderr.contains("rm .git/index.lock"), "{}", r.stderr);
    // Nothing was lost: the note is still there, and once the lock is gone it commits.
    assert!(env.exists("logs/2026-11-25.md"));
    std::fs::remove_file(env.root.join(".git/index.lock")).unwrap();
    env.run_ok(&["commit"]);
    assert_eq!(head_subject(&env), "log 2026-11-25");
}

// ---------------------------------------------------------------------------------
// sync between two clones
// ---------------------------------------------------------------------------------

#[test]
fn disjoint_edits_on_both_sides_end_in_identical_trees() {
    let p = pair();
    p.a.write("stories/a-story.md", &story("From A", "Written on machine A."));
    p.b.write(
        "logs/2026-11-25.md",
        "---\ndate: 2026-11-25\ncoding:\n  - problem: Two Sum\n    minutes: 20\n    solved: true\n---\n",
    );
    p.a.run_ok(&["sync"]);
    let r = p.b.run_ok(&["sync"]);
    assert!(r.stdout.contains("Merged origin/main into main"), "{}", r.stdout);
    let r = p.a.run_ok(&["sync"]);
    assert!(r.stdout.contains("fast-forward"), "{}", r.stdout);
    assert_eq!(tree(&p.a.root), tree(&p.b.root));
    assert!(p.a.exists("logs/2026-11-25.md") && p.b.exists("stories/a-story.md"));
    assert!(status_clean(&p.a) && status_clean(&p.b));
    // The merged dashboard is the one build writes for the merged notes.
    let built = p.b.run_ok(&["build", "--stdout"]).stdout;
    assert_eq!(p.b.read("DASHBOARD.md"), built);
    assert!(!built.contains("<<<<<<<"));
    // Both sides drew their charts from other notes: the merge redraws them for the
    // merged notes and commits them, and keeps no second copy of any.
    assert!(built.contains("](dashboard/time-split.svg)"), "{built}");
    p.b.run_ok(&["build", "--check"]);
    let charts: Vec<_> =
        std::fs::read_dir(p.b.root.join("dashboard")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(charts.len(), 4, "{charts:?}");
    assert_eq!(git(&p.b, &["ls-files", "dashboard"]).lines().count(), 4);
    // Both sides agree with the remote.
    assert_eq!(git(&p.a, &["rev-parse", "HEAD"]), git_in(&p.a, &p.remote, &["rev-parse", "main"]));
}

#[test]
fn a_story_edited_on_both_sides_keeps_both_texts() {
    let p = pair();
    p.a.write("stories/example-checkout-latency.md", &story("Checkout", "Version written on A."));
    p.b.write("stories/example-checkout-latency.md", &story("Checkout", "Version written on B."));
    p.a.run_ok(&["sync"]);
    let r = p.b.run_ok(&["sync"]);
    assert!(r.stdout.contains("both texts are kept"), "{}", r.stdout);
    // B's own text stays at its path; A's is beside it, named after A's commit.
    assert!(p.b.read("stories/example-checkout-latency.md").contains("Version written on B."));
    let copies: Vec<String> = tree(&p.b.root)
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|rel| rel.starts_with("stories/example-checkout-latency.conflict-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(p.b.read(&copies[0]).contains("Version written on A."));
    assert!(r.stdout.contains(&copies[0]), "{}", r.stdout);
    for env in [&p.a, &p.b] {
        assert!(!env.read("DASHBOARD.md").contains("<<<<<<<"));
    }
    // The dashboard's Problems list the copy, and the copy is not counted as a story.
    let dashboard = p.b.read("DASHBOARD.md");
    assert!(dashboard.contains(&copies[0]), "{dashboard}");
    let json = p.b.json();
    let d = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "sync/conflict-copy").unwrap();
    assert_eq!(d["path"], copies[0].as_str());
    // One story: the edited one (no longer marked as an example); its copy is not counted.
    assert_eq!(json["counts"]["stories"], 1);
    p.a.run_ok(&["sync"]);
    assert_eq!(tree(&p.a.root), tree(&p.b.root));
    assert!(status_clean(&p.a) && status_clean(&p.b));
    // Once the user has merged and deleted the copy, the problem is gone.
    p.a.remove(&copies[0]);
    p.a.run_ok(&["sync"]);
    assert!(!p.a.read("DASHBOARD.md").contains(".conflict-"));
    assert!(p.a.json()["diagnostics"].as_array().unwrap().iter().all(|d| d["code"] != "sync/conflict-copy"));
}

#[test]
fn deleted_on_one_side_and_edited_on_the_other_keeps_the_text() {
    let p = pair();
    p.a.remove("stories/example-checkout-latency.md");
    p.b.write("stories/example-checkout-latency.md", &story("Checkout", "Edited on B while A deleted it."));
    p.a.run_ok(&["sync"]);
    p.b.run_ok(&["sync"]);
    p.a.run_ok(&["sync"]);
    for env in [&p.a, &p.b] {
        assert!(env.read("stories/example-checkout-latency.md").contains("Edited on B while A deleted it."));
    }
    assert_eq!(tree(&p.a.root), tree(&p.b.root));
}

#[test]
fn deleting_yesterdays_log_and_starting_todays_from_the_template_keeps_the_edit_of_yesterdays() {
    // The everyday case that used to lose text: two logs made from one template look
    // like a rename to git, and A's edit of yesterday's log landed in today's.
    let p = pair();
    let yesterday = "logs/2026-11-24.md";
    p.a.run_ok(&["--today", "2026-11-24", "new", "log"]);
    p.a.run_ok(&["sync"]);
    p.b.run_ok(&["sync"]);
    assert!(p.b.exists(yesterday));
    let base = p.b.read(yesterday);

    let mut edited = p.a.read(yesterday);
    edited.push_str("Reviewed the sharding design for an hour.\n");
    p.a.write(yesterday, &edited);
    p.b.remove(yesterday);
    p.b.run_ok(&["new", "log"]);
    let today = p.b.read("logs/2026-11-25.md");
    p.a.run_ok(&["sync"]);
    let r = p.b.run_ok(&["sync"]);
    assert!(r.stdout.contains("Merged origin/main"), "{}", r.stdout);
    p.a.run_ok(&["sync"]);
    for env in [&p.a, &p.b] {
        // The edited log stays at its own path with its edit; today's log is untouched.
        assert_eq!(env.read(yesterday), edited);
        assert_eq!(env.read("logs/2026-11-25.md"), today);
        assert!(tree(&env.root).iter().all(|(rel, _)| !rel.contains(".conflict-")));
    }
    assert_ne!(base, today);
    assert_eq!(tree(&p.a.root), tree(&p.b.root));
}

#[test]
fn a_pure_rename_carries_the_other_sides_edit_to_the_new_name() {
    let p = pair();
    let text = p.b.read("stories/example-checkout-latency.md");
    // B renames the story without changing a byte; A edits it meanwhile.
    p.b.remove("stories/example-checkout-latency.md");
    p.b.write("stories/checkout-latency.md", &text);
    let edited = text.replace("## Situation", "## Situation\nAdded on A.");
    assert_ne!(edited, text);
    p.a.write("stories/example-checkout-latency.md", &edited);
    p.a.run_ok(&["sync"]);
    p.b.run_ok(&["sync"]);
    p.a.run_ok(&["sync"]);
    for env in [&p.a, &p.b] {
        assert_eq!(env.read("stories/checkout-latency.md"), edited);
        assert!(!env.exists("stories/example-checkout-latency.md"));
    }
    assert_eq!(tree(&p.a.root), tree(&p.b.root));
}

#[test]
fn a_rename_with_changes_against_an_edit_keeps_both_texts_at_their_paths() {
    let p = pair();
    let text = p.b.read("stories/example-checkout-latency.md");
    let renamed = text.replace("## Situation", "## Situation\nRenamed and edited on B.");
    p.b.remove("stories/example-checkout-latency.md");
    p.b.write("stories/checkout-latency.md", &renamed);
    let edited = text.replace("## Situation", "## Situation\nAdded on A.");
    p.a.write("stories/example-checkout-latency.md", &edited);
    p.a.run_ok(&["sync"]);
    p.b.run_ok(&["sync"]);
    p.a.run_ok(&["sync"]);
    for env in [&p.a, &p.b] {
        assert_eq!(env.read("stories/example-checkout-latency.md"), edited);
        assert_eq!(env.read("stories/checkout-latency.md"), renamed);
    }
}

#[test]
fn randomized_interleaved_edits_and_syncs_lose_no_text() {
    let p = pair();
    let mut rng = Rng(0x5eed_cafe_f00d_0042);
    let names = ["alpha", "bravo", "charlie", "delta"];
    let mut written: Vec<String> = Vec::new();
    for round in 0..32 {
        let (env, side) = if rng.below(2) == 0 { (&p.a, "A") } else { (&p.b, "B") };
        // One to three appends: each adds a line no one else ever writes, to a story
        // that may or may not exist yet on this side.
        for k in 0..=rng.below(3) {
            let rel = format!("stories/{}.md", names[rng.below(names.len())]);
            let line = format!("Line {round}.{k} written on {side}.");
            let mut text = if env.exists(&rel) { env.read(&rel) } else { story("Shared story", "Start.") };
            text.push_str(&line);
            text.push('\n');
            env.write(&rel, &text);
            written.push(line);
        }
        if rng.below(3) != 0 {
            env.run_ok(&["sync"]);
        }
    }
    // Both sides sync until they agree.
    for env in [&p.a, &p.b, &p.a] {
        env.run_ok(&["sync"]);
    }
    assert_eq!(tree(&p.a.root), tree(&p.b.root));
    let all: String = tree(&p.a.root)
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("stories/"))
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    let lost: Vec<&String> = written.iter().filter(|line| !all.contains(line.as_str())).collect();
    assert!(lost.is_empty(), "lost {} of {} lines: {lost:?}", lost.len(), written.len());
    assert!(written.len() >= 32);
    for env in [&p.a, &p.b] {
        assert!(!env.read("DASHBOARD.md").contains("<<<<<<<"));
        assert!(status_clean(env));
    }
}

// ---------------------------------------------------------------------------------
// Repository states
// ---------------------------------------------------------------------------------

#[test]
fn a_dirty_tree_is_committed_before_syncing() {
    let p = pair();
    p.b.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\n");
    let r = p.b.run_ok(&["sync"]);
    assert!(r.stdout.contains("Committed"), "{}", r.stdout);
    assert!(r.stdout.contains("Pushed main to origin"), "{}", r.stdout);
    assert_eq!(git_in(&p.b, &p.remote, &["log", "-1", "--format=%s", "main"]).trim(), "log 2026-11-25");
}

#[test]
fn a_merge_in_progress_stops_sync_with_the_commands_to_finish_it() {
    let p = pair();
    let head = git(&p.a, &["rev-parse", "HEAD"]);
    std::fs::write(p.a.root.join(".git/MERGE_HEAD"), head).unwrap();
    p.a.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\n");
    let r = run_fail(&p.a, &["sync"]);
    assert!(r.stderr.contains("a merge is in progress"), "{}", r.stderr);
    assert!(r.stderr.contains("git merge --abort"), "{}", r.stderr);
    // Nothing was committed behind the user's back.
    assert!(git(&p.a, &["status", "--porcelain"]).contains("logs/2026-11-25.md"));
}

#[test]
fn a_detached_head_stops_sync_with_the_command_to_switch_back() {
    let p = pair();
    git(&p.a, &["checkout", "-q", "--detach"]);
    let r = run_fail(&p.a, &["sync"]);
    assert!(r.stderr.contains("HEAD is detached"), "{}", r.stderr);
    assert!(r.stderr.contains("git switch main"), "{}", r.stderr);
}

#[test]
fn no_remote_says_how_to_add_one() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    let r = run_fail(&env, &["sync"]);
    assert!(r.stderr.contains("no remote"), "{}", r.stderr);
    assert!(r.stderr.contains("git remote add origin"), "{}", r.stderr);
    let r = run_fail(&env, &["sync", "--remote", "backup"]);
    assert!(r.stderr.contains("no remote named `backup`"), "{}", r.stderr);
}

#[test]
fn no_upstream_uses_origin_and_sets_the_upstream() {
    let p = pair();
    git(&p.b, &["branch", "--unset-upstream"]);
    p.b.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\n");
    p.b.run_ok(&["sync"]);
    assert_eq!(git(&p.b, &["rev-parse", "--abbrev-ref", "main@{upstream}"]).trim(), "origin/main");
}

#[test]
fn an_empty_remote_receives_the_branch() {
    // pair() starts from an empty bare repository: the first sync creates main there.
    let p = pair();
    assert_eq!(git_in(&p.a, &p.remote, &["rev-parse", "main"]), git(&p.a, &["rev-parse", "HEAD"]));
    assert_eq!(git(&p.a, &["rev-parse", "--abbrev-ref", "main@{upstream}"]).trim(), "origin/main");
}

#[test]
fn an_unborn_branch_commits_then_merges_an_unrelated_history_keeping_both() {
    let p = pair();
    // A second machine that ran `init --no-git`, then `git init` and added the remote:
    // nothing committed yet, and its own profile.
    let c = Env::empty().with_git_identity();
    c.run_ok(&["init", "ws", "--no-git", "--name", "Ada on the laptop"]);
    git(&c, &["init", "-q", "-b", "main"]);
    git(&c, &["remote", "add", "origin", p.remote.to_str().unwrap()]);
    let r = c.run_ok(&["sync"]);
    assert!(r.stdout.contains("Merged origin/main"), "{}", r.stdout);
    // The two profiles differ (the names): both are kept.
    assert!(c.read("systemcraft.yaml").contains("Ada on the laptop"));
    let copy = tree(&c.root).into_iter().map(|(r, _)| r).find(|r| r.starts_with("systemcraft.conflict-")).unwrap();
    assert!(c.read(&copy).contains("Ada"));
    assert!(status_clean(&c));
}

#[test]
fn an_unreachable_remote_keeps_the_local_commit() {
    let p = pair();
    git(&p.b, &["remote", "set-url", "origin", "/nonexistent/prep.git"]);
    p.b.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\n");
    let r = run_fail(&p.b, &["sync"]);
    assert!(r.stdout.contains("Committed"), "{}", r.stdout);
    assert!(r.stderr.contains("cannot fetch from `origin`"), "{}", r.stderr);
    assert!(r.stderr.contains("your commits are safe"), "{}", r.stderr);
    assert_eq!(head_subject(&p.b), "log 2026-11-25");
    assert!(status_clean(&p.b));
}

#[test]
fn a_clone_copied_elsewhere_still_syncs() {
    // Sanity for the harness: copying a clone (as a USB-stick user might) keeps it usable.
    let p = pair();
    let d = Env::empty().with_git_identity();
    copy_dir(&p.b.root, &d.root);
    d.write("logs/2026-11-24.md", "---\ndate: 2026-11-24\n---\n");
    d.run_ok(&["sync"]);
    let r = p.b.run_ok(&["sync"]);
    assert!(r.stdout.contains("fast-forward"), "{}", r.stdout);
    assert!(p.b.exists("logs/2026-11-24.md"));
}
