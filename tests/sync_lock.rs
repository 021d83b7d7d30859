//! One lock for the commands that write git state (`commit`, `sync`,
//! `watch --commit`): each waits for the one running instead of committing in the
//! middle of it. The test takes the lock itself (`.git/systemcraft.lock`) to hold a
//! command at the door, then lets it go.

use std::fs::File;
use std::time::{Duration, Instant};

use crate::sync::git_in;
use crate::testenv::Env;

fn hold(env: &Env) -> File {
    let file = File::create(env.root.join(".git/systemcraft.lock")).unwrap();
    fs4::FileExt::lock(&file).unwrap();
    file
}

fn head(env: &Env) -> String {
    git_in(env, &env.root, &["rev-parse", "HEAD"]).trim().to_string()
}

#[test]
fn commit_waits_for_the_command_holding_the_lock() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    let before = head(&env);
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nPractice.\n");
    let lock = hold(&env);
    let mut child = env.std_cmd().arg("commit").stderr(std::process::Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(800));
    assert!(child.try_wait().unwrap().is_none(), "commit went ahead while the lock was held");
    assert_eq!(head(&env), before);
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("waiting for another systemcraft command"));
    assert_ne!(head(&env), before);
}

#[test]
fn watch_commit_waits_for_a_running_sync() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    let before = head(&env);
    let w = env.spawn_watch(&["--debounce", "50", "--commit", "--commit-after", "1"]);
    w.ready();
    let mark = w.mark();
    let lock = hold(&env);
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nPractice.\n");
    // Well past the quiet second: watch is at the door, not committing.
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(2500) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(head(&env), before, "watch committed while the lock was held");
    assert!(!w.since(mark).contains("committed "), "{}", w.since(mark));
    drop(lock);
    w.wait_for_since(mark, "committed ", Duration::from_secs(10));
    assert_ne!(head(&env), before);
}

#[test]
fn watch_commit_and_sync_on_one_machine_never_collide() {
    // A bare remote, machine A with watch --commit running, machine B pushing.
    let remote_dir = tempfile::tempdir().unwrap();
    let remote = remote_dir.path().join("prep.git");
    let a = Env::empty().with_git_identity();
    a.run_ok(&["init", "ws"]);
    git_in(&a, remote_dir.path(), &["init", "-q", "--bare", "-b", "main", "prep.git"]);
    git_in(&a, &a.root, &["remote", "add", "origin", remote.to_str().unwrap()]);
    a.run_ok(&["sync"]);
    let b = Env::empty().with_git_identity();
    b.run_ok(&["clone", remote.to_str().unwrap(), "ws"]);
    let w = a.spawn_watch(&["--debounce", "20", "--commit", "--commit-after", "50ms"]);
    w.ready();
    for day in 10..16u64 {
        b.write(
            &format!("stories/from-b-{day}.md"),
            "---\ntitle: B\nscenario: innovation\nprinciples: [ownership]\n---\nB.\n",
        );
        b.run_ok(&["sync"]);
        a.write(&format!("logs/2026-11-{day}.md"), &format!("---\ndate: 2026-11-{day}\n---\nA.\n"));
        // Watch commits 50 ms after it rebuilt: land the sync around then.
        std::thread::sleep(Duration::from_millis(day * 17 % 120));
        a.run_ok(&["sync"]);
    }
    let stopped = w.interrupt();
    assert!(!stopped.stderr.contains("not the first parent"), "{}", stopped.stderr);
    assert!(!stopped.stderr.contains("error"), "{}", stopped.stderr);
    // Watch did commit in between the syncs (else this raced nothing).
    assert!(stopped.stdout.contains("committed "), "{}", stopped.stdout);
    a.run_ok(&["sync"]);
    b.run_ok(&["sync"]);
    // Every note is there once, and no note was added twice in the history.
    for day in 10..16 {
        assert!(b.exists(&format!("logs/2026-11-{day}.md")));
        assert!(a.exists(&format!("stories/from-b-{day}.md")));
        let adds =
            git_in(&a, &a.root, &["log", "--format=%h", "--diff-filter=A", "--", &format!("logs/2026-11-{day}.md")]);
        assert_eq!(adds.lines().count(), 1, "logs/2026-11-{day}.md added {} times", adds.lines().count());
    }
}
