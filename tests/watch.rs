//! `systemcraft watch`: the real binary kept running on a temporary workspace while
//! the tests edit it the way editors, git and people do. Every test ends with the
//! acceptance criterion, [`settles`]: within 2 s of the last write, DASHBOARD.md is
//! byte-equal to `build --stdout` for the same files and date.
//!
//! The tests are timing-sensitive, so they run one at a time (`LOCK`); the other test
//! modules still run beside them. They start watch with `--debounce 50` unless a test
//! is about the defaults.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::testenv::{self, settles, settles_as, Env, Watch, TODAY};

/// The acceptance deadline, counted from the last write.
const DEADLINE: Duration = Duration::from_secs(2);

/// How long "nothing happens" is watched for.
const QUIET: Duration = Duration::from_secs(1);

/// Fast rebuilds for tests.
const FAST: [&str; 2] = ["--debounce", "50"];

static LOCK: Mutex<()> = Mutex::new(());

/// One watch test at a time (a failed test poisons the lock; the next still runs).
fn serial() -> MutexGuard<'static, ()> {
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A story with a full STAR body.
fn story(status: &str, principles: &[&str]) -> String {
    format!(
        "---\ntitle: Cutting checkout latency by two thirds\nscenario: technical-leadership\n\
         principles: [{}]\nstatus: {status}\nhappened: 2025-06\n\
         impact: p99 checkout latency from 1.8 s to 650 ms\n---\n\
         ## Situation\n\nIn 2025 I managed the nine-engineer team that owned checkout; p99 latency had \
         crept from 900 ms to 1.8 s and mobile conversion was slipping.\n\n\
         ## Task\n\nBring p99 under 800 ms before the holiday freeze without stopping the roadmap.\n\n\
         ## Action\n\nI traced a week of slow requests myself, found three serial fraud calls, made them \
         parallel behind a budget, and negotiated a new fraud threshold with the risk team.\n\n\
         ## Result\n\np99 fell to 650 ms in ten weeks and mobile conversion rose 3.1%, about $9M a year.\n",
        principles.join(", ")
    )
}

/// A ready story showing two principles: it moves Behavioral, Cultural and Readiness.
fn ready_story() -> String {
    story("ready", &["dive-deep", "ownership"])
}

/// A practice log with `solved` medium problems of 30 min each, 30 min of design and
/// 15 min of story work.
fn log(date: &str, solved: usize) -> String {
    let mut s = format!("---\ndate: {date}\ncoding:\n");
    for i in 0..solved {
        s.push_str(&format!("  - problem: Problem {i}\n    difficulty: medium\n    minutes: 30\n    solved: true\n"));
    }
    s.push_str(
        "design:\n  minutes: 30\n  topic: rate limiting\nbehavioral:\n  minutes: 15\n  stories: []\n---\nnotes\n",
    );
    s
}

/// A mock interview on `date`.
fn mock(date: &str) -> String {
    format!(
        "---\ndate: {date}\nkind: behavioral\npartner: Sam\nminutes: 45\nratings:\n  behavioral: 3\n---\n\
         # Behavioral mock\n\nWent fine.\n"
    )
}

/// The bars of `build --json` as (name, percent), in dashboard order.
fn bars(env: &Env) -> Vec<(String, u64)> {
    env.json()["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["name"].as_str().unwrap().to_string(), b["percent"].as_u64().unwrap()))
        .collect()
}

/// The score part of a rebuild line for the move from `before` to `after`, e.g.
/// `Behavioral Stories 0% → 17%, Cultural Alignment 0% → 6%`.
fn moves(before: &[(String, u64)], after: &[(String, u64)]) -> String {
    let moved: Vec<String> = before
        .iter()
        .zip(after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, a)| format!("{} {}% → {}%", a.0, b.1, a.1))
        .collect();
    if moved.is_empty() {
        "scores unchanged".to_string()
    } else {
        moved.join(", ")
    }
}

/// A rebuild line without its `HH:MM:SS  ` time.
fn untimed(line: &str) -> &str {
    line[8..].trim_start()
}

/// Waits for the first rebuild line after `mark`, lets `QUIET` pass, asserts that it
/// is the only rebuild line printed after `mark`, and returns it.
#[track_caller]
fn one_rebuild(w: &Watch, mark: usize) -> String {
    w.wait_until("a rebuild line", DEADLINE, |_, _| !w.rebuilds_since(mark).is_empty());
    std::thread::sleep(QUIET);
    let lines = w.rebuilds_since(mark);
    assert_eq!(lines.len(), 1, "expected one rebuild, got:\n{}", w.since(mark));
    lines[0].clone()
}

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Runs `git` in the workspace with the private home, no system config, and an
/// identity.
fn git(env: &Env, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(&env.root)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &env.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["-c", "user.name=t", "-c", "user.email=t@e", "-c", "init.defaultBranch=main"])
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The head commit's (id, subject).
fn head(env: &Env) -> (String, String) {
    let line = git(env, &["log", "-1", "--format=%H %s"]);
    let (id, subject) = line.trim_end().split_once(' ').unwrap();
    (id.to_string(), subject.to_string())
}

/// Starts watch on a workspace holding a draft story without principles, saves the
/// ready version of it with `save(path, text)`, and checks the result: the dashboard
/// settles and exactly one line reports the story and the move of the scores.
fn save_story_with(save: impl FnOnce(&Path, &str)) {
    let _serial = serial();
    let env = Env::init();
    env.write("stories/checkout.md", &story("draft", &[]));
    let before = bars(&env);
    let w = env.spawn_watch(&FAST);
    w.ready();
    let mark = w.mark();

    save(&env.root.join("stories/checkout.md"), &ready_story());
    settles(&env, DEADLINE);

    let after = bars(&env);
    // A ready story showing two principles counts for more than a draft showing none.
    let behavioral = |b: &[(String, u64)]| b.iter().find(|(n, _)| n == "Behavioral Stories").unwrap().1;
    assert!(behavioral(&after) > behavioral(&before), "{before:?} → {after:?}");
    let line = one_rebuild(&w, mark);
    assert_eq!(untimed(&line), format!("stories/checkout.md  {}", moves(&before, &after)));
    assert!(line.contains(&format!("Behavioral Stories {}% → {}%", behavioral(&before), behavioral(&after))));
}

// 1
#[test]
fn in_place_edit_settles_and_reports_the_score_move() {
    // As VS Code saves: truncate the file, then write the new bytes into it.
    save_story_with(|path, text| {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(path).unwrap();
        let (head, tail) = text.split_at(text.len() / 2);
        f.write_all(head.as_bytes()).unwrap();
        f.write_all(tail.as_bytes()).unwrap();
    });
}

// 2
#[test]
fn atomic_save_by_rename_settles() {
    save_story_with(|path, text| {
        let tmp = path.with_file_name(".checkout.md.tmp-4821");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, path).unwrap();
    });
}

// 3
#[test]
fn vim_save_with_backup_and_probe_settles() {
    save_story_with(|path, text| {
        let dir = path.parent().unwrap();
        // Vim first checks that it may create files in the folder.
        std::fs::write(dir.join("4913"), "").unwrap();
        std::fs::remove_file(dir.join("4913")).unwrap();
        let backup = path.with_file_name("checkout.md~");
        std::fs::rename(path, &backup).unwrap();
        std::fs::write(path, text).unwrap();
        std::fs::remove_file(&backup).unwrap();
    });
}

// 4
#[test]
fn jetbrains_safe_write_settles() {
    save_story_with(|path, text| {
        let tmp = path.with_file_name("checkout.md___jb_tmp___");
        let old = path.with_file_name("checkout.md___jb_old___");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(path, &old).unwrap();
        std::fs::rename(&tmp, path).unwrap();
        std::fs::remove_file(&old).unwrap();
    });
}

// 5
#[test]
fn notes_renamed_and_moved_between_folders_settle() {
    let _serial = serial();
    let env = Env::init();
    env.write("stories/checkout.md", &ready_story());
    env.write("logs/2026-11-24.md", &log("2026-11-24", 3));
    let w = env.spawn_watch(&FAST);
    w.ready();

    // Renamed within its folder: one note gone, one new, same scores.
    let mark = w.mark();
    std::fs::rename(env.root.join("stories/checkout.md"), env.root.join("stories/latency.md")).unwrap();
    settles(&env, DEADLINE);
    assert_eq!(untimed(&one_rebuild(&w, mark)), "stories/checkout.md, stories/latency.md  scores unchanged");

    // Moved into a new subfolder: still a story.
    let mark = w.mark();
    std::fs::create_dir(env.root.join("stories/archive")).unwrap();
    std::fs::rename(env.root.join("stories/latency.md"), env.root.join("stories/archive/latency.md")).unwrap();
    settles(&env, DEADLINE);
    assert_eq!(untimed(&one_rebuild(&w, mark)), "stories/archive/latency.md, stories/latency.md  scores unchanged");

    // A log moved to stories/ becomes a (broken) story: the 3 solved problems no
    // longer count.
    let before = bars(&env);
    let mark = w.mark();
    std::fs::rename(env.root.join("logs/2026-11-24.md"), env.root.join("stories/2026-11-24.md")).unwrap();
    settles(&env, DEADLINE);
    let after = bars(&env);
    assert!(after[0].1 < before[0].1, "Technical Skills should drop: {before:?} → {after:?}");
    let line = one_rebuild(&w, mark);
    assert_eq!(untimed(&line), format!("logs/2026-11-24.md, stories/2026-11-24.md  {}", moves(&before, &after)));
    assert!(w.since(mark).contains("new error: stories/2026-11-24.md"), "{}", w.since(mark));
}

// 6
#[test]
fn folders_moved_in_and_removed_settle() {
    let _serial = serial();
    let env = Env::init();
    // Prepared outside the workspace, on the same file system, so it moves in with
    // one rename and no event for the files inside it.
    let outside = env.root.parent().unwrap().join("incoming/imported");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("checkout.md"), ready_story()).unwrap();
    std::fs::write(outside.join("oncall.md"), story("ready", &["earn-trust", "bias-for-action"])).unwrap();
    let w = env.spawn_watch(&FAST);
    w.ready();

    let before = bars(&env);
    let mark = w.mark();
    std::fs::rename(&outside, env.root.join("stories/imported")).unwrap();
    settles(&env, DEADLINE);
    let after = bars(&env);
    assert_ne!(before, after);
    assert_eq!(
        untimed(&one_rebuild(&w, mark)),
        format!("stories/imported/checkout.md, stories/imported/oncall.md  {}", moves(&before, &after))
    );

    let mark = w.mark();
    std::fs::remove_dir_all(env.root.join("stories/imported")).unwrap();
    settles(&env, DEADLINE);
    assert_eq!(bars(&env), before);
    assert_eq!(
        untimed(&one_rebuild(&w, mark)),
        format!("stories/imported/checkout.md, stories/imported/oncall.md  {}", moves(&after, &before))
    );
}

// 7
#[test]
fn a_checkout_of_hundreds_of_files_is_one_rebuild() {
    let _serial = serial();
    let env = Env::init();
    // The dashboard and its charts stay out of git here, so that only the watcher writes them.
    env.write(".gitignore", "DASHBOARD.md\ndashboard/\n");
    git(&env, &["init", "-q"]);
    git(&env, &["add", "-A"]);
    git(&env, &["commit", "-qm", "init"]);
    git(&env, &["checkout", "-qb", "more"]);
    // 300 daily logs ending today: 2026-01-30 .. 2026-11-25.
    let today: jiff::civil::Date = TODAY.parse().unwrap();
    for back in 0..300 {
        let date = today.checked_sub(jiff::Span::new().days(back)).unwrap().to_string();
        env.write(&format!("logs/{date}.md"), &log(&date, 1));
    }
    git(&env, &["add", "-A"]);
    git(&env, &["commit", "-qm", "300 logs"]);
    git(&env, &["checkout", "-q", "main"]);
    assert!(!env.exists("logs/2026-11-25.md"));

    let w = env.spawn_watch(&FAST);
    w.ready();
    for (branch, more) in [("more", true), ("main", false), ("more", true)] {
        let mark = w.mark();
        git(&env, &["checkout", "-q", branch]);
        settles(&env, DEADLINE);
        assert_eq!(env.exists("logs/2026-11-25.md"), more);
        let line = one_rebuild(&w, mark);
        assert!(untimed(&line).starts_with("300 notes (300 in logs/)  Technical Skills"), "{line}");
        assert_eq!(git(&env, &["status", "--porcelain"]), "", "nothing left behind");
    }
}

// 8
#[test]
fn midnight_rebuilds_for_the_new_day() {
    let _serial = serial();
    let env = Env::init();
    env.write("logs/2026-11-25.md", &log("2026-11-25", 2));
    // The dashboard differs between the two days: today's minimums, the streak.
    let (d25, d26) =
        (env.run_ok(&["build", "--stdout"]).stdout, env.run_ok(&["build", "--stdout", "--today", "2026-11-26"]).stdout);
    assert_ne!(d25, d26);

    let w = env.spawn_watch_with(&FAST, |c| {
        c.env_remove("SYSTEMCRAFT_TODAY").env("TZ", "UTC").env("SYSTEMCRAFT_FAKE_NOW", "2026-11-25T23:59:58");
    });
    w.ready();
    // Before midnight: the dashboard of 2026-11-25.
    settles(&env, DEADLINE);
    let mark = w.mark();
    // The fake clock reaches midnight about 2 s after the start.
    w.wait_for_since(mark, "new day 2026-11-26", Duration::from_secs(4));
    settles_as(&env, &["--today", "2026-11-26"], DEADLINE);
    assert_eq!(env.read("DASHBOARD.md"), d26);
    let line = one_rebuild(&w, mark);
    assert!(line.starts_with("00:00:0"), "the clock runs from the fake time: {line}");
    assert!(untimed(&line).starts_with("new day 2026-11-26"), "{line}");
    // Yesterday's minimums were met; today's start again from none.
    assert!(untimed(&line).contains("today's minimums 3/3 → 0/3"), "{line}");
    assert!(!line.contains("scores unchanged"), "{line}");
}

// 9
#[test]
fn profile_edits_reload_and_a_broken_profile_keeps_the_last_valid_one() {
    let _serial = serial();
    let env = Env::init();
    let profile = env.read("systemcraft.yaml");
    let w = env.spawn_watch(&FAST);
    w.ready();
    assert!(env.read("DASHBOARD.md").contains("| Do 1 mock interview | 0 / 1 |"));

    let mark = w.mark();
    env.write("systemcraft.yaml", &format!("{profile}\ngoals:\n  weekly:\n    mocks: 3\n"));
    settles(&env, DEADLINE);
    assert!(env.read("DASHBOARD.md").contains("| Do 3 mock interviews | 0 / 3 |"));
    assert!(untimed(&one_rebuild(&w, mark)).starts_with("systemcraft.yaml reloaded"));

    // Half-typed: not YAML at all. The last valid profile (3 mocks) stays in force,
    // for watch as for build, and the dashboard names the problem.
    let mark = w.mark();
    env.write("systemcraft.yaml", &format!("{profile}\ngoals:\n  weekly:\n    mocks: [3\n"));
    settles(&env, DEADLINE);
    let dashboard = env.read("DASHBOARD.md");
    assert!(dashboard.contains("| Do 3 mock interviews | 0 / 3 |"), "{dashboard}");
    assert!(dashboard.contains("`yaml/syntax`"), "{dashboard}");
    let line = one_rebuild(&w, mark);
    assert!(
        untimed(&line).starts_with("systemcraft.yaml is not valid YAML; its last valid version stays in force"),
        "{line}"
    );
    assert!(w.since(mark).contains("new error: systemcraft.yaml:"), "{}", w.since(mark));

    let mark = w.mark();
    env.write("systemcraft.yaml", &format!("{profile}\ngoals:\n  weekly:\n    mocks: 2\n"));
    settles(&env, DEADLINE);
    assert!(env.read("DASHBOARD.md").contains("| Do 2 mock interviews | 0 / 2 |"));
    assert!(untimed(&one_rebuild(&w, mark)).starts_with("systemcraft.yaml reloaded"));
    assert!(w.since(mark).contains("fixed: systemcraft.yaml:"), "{}", w.since(mark));
}

// 9
#[test]
fn a_valid_yaml_but_invalid_value_keeps_that_fields_last_good_value() {
    let _serial = serial();
    let env = Env::init();
    let profile = env.read("systemcraft.yaml");
    let line15 = profile.lines().find(|l| l.starts_with("target_level:")).unwrap().to_string();
    let with_level = |level: &str| profile.replace(&line15, &format!("target_level: {level}"));
    env.write("systemcraft.yaml", &with_level("L7"));
    let w = env.spawn_watch(&FAST);
    w.ready();
    settles(&env, DEADLINE);
    assert!(env.read("DASHBOARD.md").contains("**Target L7**"));

    // L9 is valid YAML but no level: the target stays L7 (not the default L6), the
    // line says so, and the dashboard still names the problem. Other edits in the same
    // save apply.
    let mark = w.mark();
    env.write("systemcraft.yaml", &format!("{}\ngoals:\n  weekly:\n    mocks: 3\n", with_level("L9")));
    let line = one_rebuild(&w, mark);
    assert!(
        untimed(&line)
            .starts_with("systemcraft.yaml reloaded; target_level is not valid, so its last good value stays in force"),
        "{line}"
    );
    let dashboard = env.read("DASHBOARD.md");
    assert!(dashboard.contains("**Target L7**"), "{dashboard}");
    assert!(dashboard.contains("| Do 3 mock interviews | 0 / 3 |"), "{dashboard}");
    assert!(dashboard.contains("unknown level \"L9\""), "{dashboard}");
    assert!(w.since(mark).contains("new error: systemcraft.yaml:"), "{}", w.since(mark));

    // Fixed: the new value applies, and watch agrees with build again.
    let mark = w.mark();
    env.write("systemcraft.yaml", &with_level("L6"));
    settles(&env, DEADLINE);
    assert!(env.read("DASHBOARD.md").contains("**Target L6**"));
    assert!(untimed(&one_rebuild(&w, mark)).starts_with("systemcraft.yaml reloaded  "));
}

// 9
#[test]
fn a_note_changed_while_the_profile_was_unreadable_still_reaches_the_dashboard() {
    let _serial = serial();
    let env = Env::init();
    let w = env.spawn_watch(&FAST);
    w.ready();

    // Mid-checkout, say: the profile is gone for a moment while a note changes. That
    // rebuild fails and says so; the note is indexed but not yet on the dashboard.
    let aside = env.root.parent().unwrap().join("systemcraft.yaml");
    std::fs::rename(env.root.join("systemcraft.yaml"), &aside).unwrap();
    env.write("logs/2026-11-25.md", &log("2026-11-25", 2));
    w.wait_until("the failed rebuild", DEADLINE, |_, err| err.contains("cannot read"));

    // The profile comes back unchanged: the next rebuild catches up with the note.
    let mark = w.mark();
    std::fs::rename(&aside, env.root.join("systemcraft.yaml")).unwrap();
    settles(&env, DEADLINE);
    assert!(untimed(&one_rebuild(&w, mark)).starts_with("logs/2026-11-25.md  Technical Skills 0% → "));
}

// 10
#[test]
fn at_the_os_watch_limit_it_polls_and_still_settles() {
    let _serial = serial();
    let env = Env::init();
    env.write("stories/checkout.md", &story("draft", &[]));
    let w = env.spawn_watch_with(&FAST, |c| {
        c.env("SYSTEMCRAFT_SIMULATE_WATCH_LIMIT", "1");
    });
    w.ready();
    assert!(w.stdout().lines().next().unwrap().contains("(polling every 1000 ms, 50 ms debounce)"), "{}", w.stdout());
    w.wait_until("the watch-limit warning", DEADLINE, |_, err| err.contains("fs.inotify.max_user_watches"));
    assert!(w.stderr().starts_with("warning: "), "{}", w.stderr());

    // At most 1000 ms until the next poll, 50 ms of debounce, then the rebuild.
    let before = bars(&env);
    let mark = w.mark();
    std::fs::write(env.root.join("stories/checkout.md"), ready_story()).unwrap();
    let took = settles(&env, DEADLINE);
    println!("polling every 1000 ms: settled {took:?} after the write");
    let after = bars(&env);
    assert_eq!(untimed(&one_rebuild(&w, mark)), format!("stories/checkout.md  {}", moves(&before, &after)));
}

// 10
#[test]
fn polling_sees_edits_and_new_top_level_folders() {
    let _serial = serial();
    let env = Env::init();
    env.write("stories/checkout.md", &story("draft", &[]));
    std::fs::remove_dir_all(env.root.join("mocks")).unwrap();
    let w = env.spawn_watch(&["--debounce", "50", "--poll", "200"]);
    w.ready();
    assert!(w.stdout().lines().next().unwrap().contains("(polling every 200 ms, 50 ms debounce)"), "{}", w.stdout());

    let before = bars(&env);
    let mark = w.mark();
    std::fs::write(env.root.join("stories/checkout.md"), ready_story()).unwrap();
    settles(&env, DEADLINE);
    let after = bars(&env);
    assert_eq!(untimed(&one_rebuild(&w, mark)), format!("stories/checkout.md  {}", moves(&before, &after)));

    // Two saves in quick succession, most often within the same second: the poller's
    // modification times have whole seconds only, so the contents must be compared.
    let mark = w.mark();
    std::fs::write(env.root.join("stories/checkout.md"), story("draft", &[])).unwrap();
    w.wait_until("the first save's rebuild", DEADLINE, |_, _| !w.rebuilds_since(mark).is_empty());
    std::fs::write(env.root.join("stories/checkout.md"), ready_story()).unwrap();
    settles(&env, DEADLINE);
    // The line comes just after the dashboard it reports.
    w.wait_until("the second save's rebuild", DEADLINE, |_, _| w.rebuilds_since(mark).len() == 2);
    assert_eq!(untimed(&w.rebuilds_since(mark)[1]), format!("stories/checkout.md  {}", moves(&before, &after)));

    // A top-level folder that was not there at the start, with a note in it.
    let before = bars(&env);
    let mark = w.mark();
    env.write("mocks/2026-11-24-behavioral.md", &mock("2026-11-24"));
    settles(&env, DEADLINE);
    let after = bars(&env);
    assert_ne!(before, after, "a mock in the window lifts readiness");
    assert_eq!(untimed(&one_rebuild(&w, mark)), format!("mocks/2026-11-24-behavioral.md  {}", moves(&before, &after)));

    // Edits inside the new folder are seen too.
    let mark = w.mark();
    env.write("mocks/2026-11-24-behavioral.md", &mock("2026-11-23"));
    settles(&env, DEADLINE);
    assert!(untimed(&one_rebuild(&w, mark)).starts_with("mocks/2026-11-24-behavioral.md  "));
}

/// The process's CPU time (user + system) in clock ticks, from /proc/PID/stat.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces):
    // the first is field 3, so utime (14) and stime (15) are at 11 and 12.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn clock_ticks_per_second() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100)
}

// 11
#[test]
fn idle_watch_writes_nothing_and_uses_almost_no_cpu() {
    let _serial = serial();
    let env = Env::fixture("rich");
    // The defaults (100 ms debounce): what people run.
    let w = env.spawn_watch(&[]);
    w.ready();
    settles(&env, DEADLINE);
    let dashboard = env.root.join("DASHBOARD.md");
    let (bytes, modified) = (std::fs::read(&dashboard).unwrap(), mtime(&dashboard));
    let mark = w.mark();
    let idle = Duration::from_secs(3);
    let cpu_before = cpu_ticks(w.pid());
    let started = Instant::now();
    std::thread::sleep(idle);
    let cpu_after = cpu_ticks(w.pid());
    let elapsed = started.elapsed();

    assert_eq!(std::fs::read(&dashboard).unwrap(), bytes);
    assert_eq!(mtime(&dashboard), modified, "DASHBOARD.md was rewritten while nothing changed");
    assert_eq!(w.since(mark), "", "nothing changed, nothing to say");
    match (cpu_before, cpu_after) {
        (Some(before), Some(after)) => {
            let used = (after - before) as f64 / clock_ticks_per_second() as f64;
            println!("idle watch: {used:.3} s of CPU in {elapsed:?}");
            // Under 3% of the interval: < 0.09 s of CPU in 3 s.
            assert!(used < 0.03 * elapsed.as_secs_f64(), "idle watch used {used:.3} s of CPU in {elapsed:?}");
        }
        _ => println!("note: /proc/{}/stat is not readable here; idle CPU not measured", w.pid()),
    }
}

/// Voluntary context switches of all of a process's threads so far (each is one
/// wake-up from a sleep), from /proc/PID/task/*/status; `None` where /proc is missing.
fn wakeups(pid: u32) -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let status = std::fs::read_to_string(task.ok()?.path().join("status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("voluntary_ctxt_switches:"))?;
        total += line.split_whitespace().nth(1)?.parse::<u64>().ok()?;
    }
    Some(total)
}

// 11
#[test]
fn idle_watch_sleeps_until_something_happens() {
    let _serial = serial();
    let env = Env::fixture("rich");
    // The defaults (native events, 100 ms debounce): what people leave running.
    let w = env.spawn_watch(&[]);
    w.ready();
    settles(&env, DEADLINE);
    // Let the start-up's own events (the first dashboard write) pass.
    std::thread::sleep(Duration::from_millis(500));
    let idle = Duration::from_secs(10);
    let Some(before) = wakeups(w.pid()) else {
        println!("note: /proc/{}/task is not readable here; idle wake-ups not measured", w.pid());
        return;
    };
    let started = Instant::now();
    std::thread::sleep(idle);
    let after = wakeups(w.pid()).expect("the watch is still running");
    let per_second = (after - before) as f64 / started.elapsed().as_secs_f64();
    println!("idle watch: {} wake-ups in {:?} ({per_second:.2}/s)", after - before, started.elapsed());
    // A debouncer ticking every 10 ms made about 100 a second; at rest nothing should.
    assert!(per_second <= 2.0, "an idle watch woke {per_second:.1} times a second");
    // And it still wakes for a change.
    let mark = w.mark();
    env.write("stories/new-one.md", "---\ntitle: New one\n---\n");
    w.wait_for_since(mark, "stories/new-one.md", Duration::from_secs(3));
}

// 12
#[test]
fn its_own_write_does_not_loop_and_a_touched_dashboard_is_regenerated() {
    let _serial = serial();
    let env = Env::init();
    let w = env.spawn_watch(&FAST);
    w.ready();

    // One edit, one rebuild, one write; the write's own event changes nothing.
    let mark = w.mark();
    env.write("logs/2026-11-25.md", &log("2026-11-25", 2));
    settles(&env, DEADLINE);
    let line = one_rebuild(&w, mark); // waits QUIET after the line: no second one
    assert!(untimed(&line).starts_with("logs/2026-11-25.md  Technical Skills 0% → "), "{line}");
    assert_eq!(w.since(mark).lines().count(), 1, "nothing else was printed: {}", w.since(mark));

    // Edited by hand: regenerated.
    let mark = w.mark();
    let current = env.read("DASHBOARD.md");
    env.write("DASHBOARD.md", &current.replace("Technical Skills", "Technical Skillz"));
    settles(&env, DEADLINE);
    assert_eq!(untimed(&one_rebuild(&w, mark)), "DASHBOARD.md was changed outside systemcraft; regenerated");

    // Deleted: restored.
    let mark = w.mark();
    env.remove("DASHBOARD.md");
    settles(&env, DEADLINE);
    assert_eq!(untimed(&one_rebuild(&w, mark)), "DASHBOARD.md was deleted outside systemcraft; regenerated");
}

// 12
#[test]
fn the_charts_are_redrawn_with_the_dashboard_and_restored_when_touched() {
    let _serial = serial();
    let env = Env::init();
    let w = env.spawn_watch(&FAST);
    w.ready();
    let chart = "dashboard/time-split.svg";
    let before = env.read(chart);

    // A log moves the time split: the chart is redrawn with the dashboard.
    let mark = w.mark();
    env.write("logs/2026-11-25.md", &log("2026-11-25", 2));
    settles(&env, DEADLINE);
    one_rebuild(&w, mark);
    assert_ne!(env.read(chart), before);

    // An edit that moves no figure rewrites no chart.
    let written: Vec<_> = CHARTS.iter().map(|c| mtime(&env.root.join(c))).collect();
    let mark = w.mark();
    env.write("stories/empty.md", "---\ntitle: Empty\n---\n");
    settles(&env, DEADLINE);
    one_rebuild(&w, mark);
    assert_eq!(CHARTS.iter().map(|c| mtime(&env.root.join(c))).collect::<Vec<_>>(), written);

    // Changed by hand, then deleted: restored, and said so.
    let mark = w.mark();
    env.write(chart, "<svg/>");
    // The dashboard itself never changed: wait for the line before checking.
    let line = one_rebuild(&w, mark);
    settles(&env, DEADLINE);
    assert_eq!(untimed(&line), format!("{chart} was changed or removed outside systemcraft; regenerated"));
    let mark = w.mark();
    std::fs::remove_dir_all(env.root.join("dashboard")).unwrap();
    let line = one_rebuild(&w, mark);
    settles(&env, DEADLINE);
    assert_eq!(untimed(&line), "4 charts were changed or removed outside systemcraft; regenerated");
    assert!(CHARTS.iter().all(|c| env.exists(c)));
}

/// The dashboard's charts.
const CHARTS: [&str; 4] =
    ["dashboard/readiness-weeks.svg", "dashboard/time-split.svg", "dashboard/principles.svg", "dashboard/mocks.svg"];

// 13
#[test]
fn editor_droppings_and_hidden_folders_cause_nothing() {
    let _serial = serial();
    let env = Env::init();
    let w = env.spawn_watch(&FAST);
    w.ready();
    let modified = mtime(&env.root.join("DASHBOARD.md"));

    let mark = w.mark();
    env.write("stories/.checkout.md.swp", "swap");
    env.write("stories/checkout.md~", &ready_story());
    env.write(".git/foo", "x");
    env.write(".obsidian/workspace.json", "{}");
    std::thread::sleep(QUIET);
    assert_eq!(w.rebuilds_since(mark), Vec::<String>::new(), "{}", w.since(mark));
    assert_eq!(mtime(&env.root.join("DASHBOARD.md")), modified);
    settles(&env, DEADLINE);

    // The watcher is alive: a real note is seen.
    let mark = w.mark();
    env.write("stories/checkout.md", &ready_story());
    settles(&env, DEADLINE);
    assert!(untimed(&one_rebuild(&w, mark)).starts_with("stories/checkout.md  Behavioral Stories 0% → "));
}

// 13
#[test]
fn a_busy_hidden_folder_does_not_postpone_rebuilds() {
    let _serial = serial();
    let env = Env::init();
    let w = env.spawn_watch(&FAST);
    w.ready();
    // Something keeps writing inside .git/ (a long fetch, a gc) every 2 ms: far more
    // often than the debounce, for the whole test.
    let stop = Arc::new(AtomicBool::new(false));
    let busy = {
        let (stop, git_dir) = (stop.clone(), env.root.join(".git"));
        std::fs::create_dir_all(&git_dir).unwrap();
        std::thread::spawn(move || {
            let mut i = 0u64;
            while !stop.load(Ordering::Relaxed) {
                std::fs::write(git_dir.join("FETCH_HEAD"), i.to_string()).unwrap();
                i += 1;
                std::thread::sleep(Duration::from_millis(2));
            }
            i
        })
    };
    std::thread::sleep(Duration::from_millis(200));

    let mark = w.mark();
    env.write("logs/2026-11-25.md", &log("2026-11-25", 2));
    settles(&env, DEADLINE);
    let line = one_rebuild(&w, mark);
    stop.store(true, Ordering::Relaxed);
    let writes = busy.join().unwrap();
    assert!(writes > 100, "the .git writer ran: {writes} writes");
    assert!(untimed(&line).starts_with("logs/2026-11-25.md  Technical Skills 0% → "), "{line}");
}

// 14
#[test]
fn problems_that_appear_and_are_fixed_are_reported() {
    let _serial = serial();
    let env = Env::init();
    env.write("logs/2026-11-24.md", &log("2026-11-24", 1));
    let w = env.spawn_watch(&FAST);
    w.ready();

    let mark = w.mark();
    env.write("logs/2026-11-24.md", &log("2026-11-24", 1).replace("difficulty: medium", "difficulty: impossible"));
    settles(&env, DEADLINE);
    let found = testenv::located(&env.json());
    assert_eq!(found.len(), 1, "{found:?}");
    let (path, line, col, code) = &found[0];
    let location = format!("{path}:{line}:{col}");
    assert_eq!(location, "logs/2026-11-24.md:5:5"); // the `difficulty` value of the first problem
    one_rebuild(&w, mark);
    let out = w.since(mark);
    let reported = out.lines().find(|l| l.trim_start().starts_with("new error: ")).unwrap_or_else(|| panic!("{out}"));
    assert!(
        reported.contains(&format!("new error: {location}: ")) && reported.ends_with(&format!("[{code}]")),
        "{out}"
    );

    let mark = w.mark();
    env.write("logs/2026-11-24.md", &log("2026-11-24", 1));
    settles(&env, DEADLINE);
    one_rebuild(&w, mark);
    let out = w.since(mark);
    let fixed = out.lines().find(|l| l.trim_start().starts_with("fixed: ")).unwrap_or_else(|| panic!("{out}"));
    assert!(fixed.contains(&format!("fixed: {location}: ")) && fixed.ends_with(&format!("[{code}]")), "{out}");
    assert!(!out.contains("new error"), "{out}");
}

// 15
#[test]
fn ctrl_c_stops_with_status_zero() {
    let _serial = serial();
    let env = Env::init();
    let w = env.spawn_watch(&FAST);
    w.ready();
    let stopped = w.interrupt();
    assert_eq!(stopped.status.code(), Some(0), "{stopped:?}");
    assert!(stopped.stdout.ends_with("Stopped watching.\n"), "{}", stopped.stdout);
    assert_eq!(stopped.stderr, "");
    settles(&env, DEADLINE);
}

/// A workspace made by `systemcraft init` with git (one commit), and watch started
/// on it with `--commit --commit-after 1`.
fn committing_watch() -> (Env, Watch) {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws", "--name", "Test Candidate"]);
    assert_eq!(git(&env, &["status", "--porcelain"]), "");
    let w = env.spawn_watch(&["--debounce", "50", "--commit", "--commit-after", "1"]);
    w.ready();
    assert!(w.stdout().lines().next().unwrap().contains("committing after 1 s of quiet"), "{}", w.stdout());
    (env, w)
}

// 16
#[test]
fn commit_after_a_quiet_period_names_the_notes() {
    let _serial = serial();
    let (env, w) = committing_watch();
    let (first, _) = head(&env);

    let mark = w.mark();
    env.write("logs/2026-11-25.md", &log("2026-11-25", 2));
    env.write("stories/checkout-latency.md", &ready_story());
    let written = Instant::now();
    settles(&env, DEADLINE);
    // 1 s of quiet after the rebuild, then the commit.
    w.wait_for_since(mark, "committed ", Duration::from_secs(3).saturating_sub(written.elapsed()));
    let (id, subject) = head(&env);
    assert_ne!(id, first);
    assert_eq!(subject, "log 2026-11-25; story checkout-latency (ready)");
    assert!(w.since(mark).contains(&format!("committed {}: {subject}\n", &id[..7])), "{}", w.since(mark));
    assert_eq!(git(&env, &["status", "--porcelain"]), "", "everything, the dashboard included, is committed");
    assert_eq!(git(&env, &["rev-parse", "HEAD~1"]).trim(), first);
}

// 16
#[test]
fn no_commit_while_a_file_holds_conflict_markers() {
    let _serial = serial();
    let (env, w) = committing_watch();
    let (first, _) = head(&env);

    let mark = w.mark();
    let conflicted =
        ready_story().replace("## Result\n", "<<<<<<< HEAD\n## Result\n=======\n## Outcome\n>>>>>>> other\n");
    env.write("stories/checkout-latency.md", &conflicted);
    settles(&env, DEADLINE);
    w.wait_for_since(mark, "not committing", Duration::from_secs(3));
    let out = w.since(mark);
    let line = out.lines().find(|l| l.contains("not committing")).unwrap();
    assert!(line.contains("stories/checkout-latency.md:"), "{line}");
    assert!(line.contains("conflict marker"), "{line}");
    // Watch is not run again by hand: it says it retries by itself.
    assert!(line.ends_with("lines and save; watch tries again after your next save and a quiet period)"), "{line}");
    assert!(!line.contains("run this again"), "{line}");
    assert_eq!(head(&env).0, first, "no commit was made");
    assert!(!out.contains("committed "), "{out}");
}

// 16
#[test]
fn no_commit_while_a_merge_is_in_progress() {
    let _serial = serial();
    let (env, w) = committing_watch();
    let (first, _) = head(&env);
    // What `git merge` leaves while it waits for the conflicts to be resolved;
    // libgit2 then reports the merge state.
    std::fs::write(env.root.join(".git/MERGE_HEAD"), format!("{first}\n")).unwrap();

    let mark = w.mark();
    env.write("logs/2026-11-25.md", &log("2026-11-25", 1));
    settles(&env, DEADLINE);
    w.wait_for_since(mark, "not committing", Duration::from_secs(3));
    let out = w.since(mark);
    let line = out.lines().find(|l| l.contains("not committing")).unwrap();
    assert!(line.contains("a merge is in progress"), "{line}");
    assert_eq!(head(&env).0, first, "no commit was made");
    assert!(!out.contains("committed "), "{out}");
}
