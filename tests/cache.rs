//! The note cache (`.systemcraft/notes.cache`): a damaged or foreign cache is
//! rebuilt, a file changed in the cache's own second is read again, a design taken
//! from it keeps the checklist read when it was parsed, and a commit never takes the
//! cache.

use std::time::{Duration, SystemTime};

use crate::testenv::{story, Env};

const CACHE: &str = ".systemcraft/notes.cache";

const DRAFT: &str = "---\ntitle: Racy\nscenario: innovation\nstatus: draft\n---\n## Situation\nThe cache was new.\n";
// The same length as DRAFT, so that size alone cannot tell them apart.
const READY: &str = "---\ntitle: Racy\nscenario: innovation\nstatus: ready\n---\n## Situation\nThe cache was new.\n";

fn set_mtime(env: &Env, rel: &str, when: SystemTime) {
    let f = std::fs::OpenOptions::new().write(true).open(env.root.join(rel)).unwrap();
    f.set_modified(when).unwrap();
}

fn mtime(env: &Env, rel: &str) -> SystemTime {
    std::fs::metadata(env.root.join(rel)).unwrap().modified().unwrap()
}

/// Rewrites `rel` in place (same inode, same size) and gives it back its old
/// modification time: a change no stamp can see.
fn rewrite_unseen(env: &Env, rel: &str, text: &str) {
    let before = mtime(env, rel);
    std::fs::write(env.root.join(rel), text).unwrap();
    set_mtime(env, rel, before);
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_and_rebuilt() {
    let env = Env::init();
    env.write("stories/racy.md", DRAFT);
    let expected = env.json();
    let good = std::fs::read(env.root.join(CACHE)).expect("the build wrote the cache");
    assert!(good.starts_with(b"systemcraft-note"));

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    let damaged: [(&str, Vec<u8>); 4] = [
        ("one byte changed", flipped),
        ("cut short", good[..good.len() / 2].to_vec()),
        ("foreign", b"{\"version\": 1, \"notes\": []}".to_vec()),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in damaged {
        std::fs::write(env.root.join(CACHE), &bytes).unwrap();
        assert_eq!(env.json(), expected, "{what}: the build must not trust the cache");
        assert_eq!(std::fs::read(env.root.join(CACHE)).unwrap(), good, "{what}: the cache is written again");
    }
}

#[test]
fn a_file_changed_within_the_caches_second_is_read_again() {
    let env = Env::init();
    env.write("stories/racy.md", DRAFT);
    let now = SystemTime::now();
    set_mtime(&env, "stories/racy.md", now - Duration::from_secs(10));
    env.run_ok(&["build"]);

    // Control: the cache written well after the file's change is trusted, so a
    // change that keeps size, time and inode is not seen — the cache is really used.
    rewrite_unseen(&env, "stories/racy.md", READY);
    set_mtime(&env, CACHE, now - Duration::from_secs(5));
    assert_eq!(story(&env.json(), "racy")["status"], "draft");

    // The same change with the cache written in the file's own second: racy, so the
    // file is read again.
    set_mtime(&env, CACHE, mtime(&env, "stories/racy.md"));
    assert_eq!(story(&env.json(), "racy")["status"], "ready");
}

#[test]
fn a_changed_note_is_parsed_again_and_a_removed_one_leaves_the_cache() {
    let env = Env::init();
    env.write("stories/racy.md", DRAFT);
    env.run_ok(&["build"]);
    std::thread::sleep(Duration::from_millis(20));
    env.write("stories/racy.md", &DRAFT.replace("draft", "refined"));
    assert_eq!(story(&env.json(), "racy")["status"], "refined");
    env.remove("stories/racy.md");
    let json = env.json();
    assert!(json["portfolio"]["stories"].as_array().unwrap().iter().all(|s| s["id"] != "racy"));
}

#[test]
fn a_commit_never_takes_the_cache() {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws", "--name", "Test Candidate"]);
    // Even without the template's .gitignore line, the folder ignores itself.
    std::fs::write(env.root.join(".gitignore"), "").unwrap();
    env.write("stories/racy.md", DRAFT);
    env.run_ok(&["commit", "-m", "a story"]);
    assert!(env.exists(CACHE));
    let out = std::process::Command::new("git")
        .args(["ls-files"])
        .current_dir(&env.root)
        .env("HOME", &env.home)
        .output()
        .unwrap();
    let files = String::from_utf8_lossy(&out.stdout);
    assert!(files.contains("stories/racy.md"), "{files}");
    assert!(!files.contains(".systemcraft"), "{files}");
}

// A design's checklist is read when the note is parsed and kept in the cache with it
// (the note keeps no section text): a design taken from the cache is credited as it
// was when parsed.
#[test]
fn a_design_from_the_cache_keeps_its_checklist() {
    let env = Env::init();
    let head = "---\ntitle: URL shortener\nstatus: complete\ndate: 2026-11-24\nscale: 100M\nlevel: L6\n---\n";
    let full = format!("{head}{}", crate::testenv::FULL_DESIGN_BODY);
    env.write("designs/short.md", &full);
    set_mtime(&env, "designs/short.md", SystemTime::now() - Duration::from_secs(10));
    let credit = |json: &serde_json::Value| crate::testenv::component(json, "technical", "design_practice");
    let parsed = credit(&env.json());
    assert!(parsed > 0.0, "a full design is credited");

    // The body cut to one heading behind the cache's back (same size, time and inode):
    // the checklist read at parse time stands.
    let mut cut = format!("{head}## Requirements\nShort links.\n");
    cut.push_str(&"\n".repeat(full.len() - cut.len()));
    rewrite_unseen(&env, "designs/short.md", &cut);
    assert_eq!(credit(&env.json()), parsed, "the design comes from the cache");

    // Control: read again, the cut design is an outline.
    std::fs::remove_file(env.root.join(CACHE)).unwrap();
    assert_eq!(credit(&env.json()), 0.0);
}
