//! The hostile corpus beyond the scan (issue 17): what every command does with
//! files and paths set against it — named pipes, devices and links where it reads,
//! links and notes where it writes, a full disk, a full standard output, another
//! user's files, a killed run's temporary files, a bad `TZ`, endless input streams,
//! YAML nested past reason, control characters in file names and nonsense in the
//! profile. Every case runs the real binary under [`Env::run_bounded`] (a memory
//! limit, a hang-detecting kill, no panic) and checks the promise: no hang, no
//! unbounded read, nothing written outside the workspace or over a note, and a
//! message that names the real cause.

#![cfg(unix)]

use std::ffi::CString;
use std::os::unix::fs::{symlink, FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use crate::testenv::{Env, Run, COMPANION_STORY};

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

fn run(env: &Env, args: &[&str]) -> Run {
    env.run_bounded(args, false)
}

/// Runs with file writes limited to `bytes` per file (RLIMIT_FSIZE): a write past it
/// fails with EFBIG as on a full disk, without needing a small mount.
fn run_disk_full(env: &Env, args: &[&str], bytes: u64) -> Run {
    env.run_bounded_with(args, false, move |c: &mut Command| {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            c.pre_exec(move || {
                // Ignored signals stay ignored across exec: the write fails instead
                // of killing the process.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    })
}

/// Runs with standard output on `/dev/full`.
fn run_stdout_full(env: &Env, args: &[&str]) -> Run {
    env.run_bounded_with(args, false, |c: &mut Command| {
        c.stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap());
    })
}

fn failed_naming(r: &Run, needles: &[&str]) {
    assert_eq!(r.code, 1, "exit code:\nstdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    for n in needles {
        assert!(r.stderr.contains(n), "stderr lacks {n:?}:\n{}", r.stderr);
    }
}

fn ws() -> Env {
    let env = Env::init();
    env.write("stories/companion.md", COMPANION_STORY);
    env
}

fn git_ws() -> Env {
    let env = Env::empty().with_git_identity();
    env.run_ok(&["init", "ws"]);
    env
}

fn is_root() -> bool {
    // SAFETY: no arguments, no side effects.
    unsafe { libc::geteuid() == 0 }
}

fn files_under(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

// ---------------------------------------------------------------------------------
// calendar --out: never over a note, never through a link, streams written as such
// ---------------------------------------------------------------------------------

#[test]
fn calendar_out_to_a_symlink_is_refused_and_the_link_kept() {
    let env = ws();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("target.ics"), "old").unwrap();
    symlink(outside.path().join("target.ics"), env.root.join("cal.ics")).unwrap();
    failed_naming(&run(&env, &["calendar", "--out", "cal.ics"]), &["cal.ics", "symlink"]);
    assert!(std::fs::symlink_metadata(env.root.join("cal.ics")).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(outside.path().join("target.ics")).unwrap(), "old");
}

#[test]
fn calendar_out_dev_stdout_is_a_link_and_is_refused() {
    let env = ws();
    if !std::fs::symlink_metadata("/dev/stdout").is_ok_and(|m| m.file_type().is_symlink()) {
        return;
    }
    let r = run(&env, &["calendar", "--out", "/dev/stdout"]);
    failed_naming(&r, &["/dev/stdout", "symlink", "`-`"]);
    assert!(std::fs::symlink_metadata("/dev/stdout").unwrap().file_type().is_symlink());
}

#[test]
fn calendar_out_over_a_note_is_refused() {
    let env = ws();
    let before = env.read("stories/companion.md");
    failed_naming(&run(&env, &["calendar", "--out", "stories/companion.md"]), &["companion.md", "not an iCalendar"]);
    assert_eq!(env.read("stories/companion.md"), before);
}

#[test]
fn calendar_out_over_the_profile_is_refused() {
    let env = ws();
    let before = env.read("systemcraft.yaml");
    failed_naming(&run(&env, &["calendar", "--out", "systemcraft.yaml"]), &["systemcraft.yaml"]);
    assert_eq!(env.read("systemcraft.yaml"), before);
}

#[test]
fn calendar_out_replaces_its_own_calendar() {
    let env = ws();
    run(&env, &["calendar", "--out", "cal.ics"]);
    let r = run(&env, &["calendar", "--out", "cal.ics", "--weeks", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(env.read("cal.ics").starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn calendar_out_to_a_named_pipe_is_written_as_a_stream() {
    let env = ws();
    let pipe = env.root.join("cal.pipe");
    mkfifo(&pipe);
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap())
    };
    let r = run(&env, &["calendar", "--out", "cal.pipe"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(reader.join().unwrap().starts_with("BEGIN:VCALENDAR"));
    assert!(std::fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
}

#[test]
fn calendar_out_dev_full_fails_without_reading_it() {
    let env = ws();
    failed_naming(&run(&env, &["calendar", "--out", "/dev/full"]), &["/dev/full", "No space left"]);
}

#[test]
fn calendar_out_dash_is_standard_output() {
    let env = ws();
    let r = run(&env, &["calendar", "--out", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("BEGIN:VCALENDAR"));
    assert!(!env.exists("-"));
}

#[test]
fn calendar_to_a_full_standard_output_exits_1() {
    failed_naming(&run_stdout_full(&ws(), &["calendar"]), &["standard output"]);
}

// ---------------------------------------------------------------------------------
// writes: inside the workspace, whole, owner and mode kept
// ---------------------------------------------------------------------------------

#[test]
fn a_folder_swapped_for_a_link_while_new_runs_never_sends_a_note_outside() {
    let env = ws();
    let outside = tempfile::tempdir().unwrap();
    let stories = env.root.join("stories");
    let real = env.root.join("stories-real");
    std::fs::rename(&stories, &real).unwrap();
    std::fs::create_dir(&stories).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (stop, stories, target) = (stop.clone(), stories.clone(), outside.path().to_path_buf());
        std::thread::spawn(move || {
            let tmp = stories.with_extension("swap");
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // Folder → link to outside → folder, as fast as it goes.
                let _ = std::fs::remove_file(&tmp);
                let _ = symlink(&target, &tmp);
                let _ = std::fs::rename(&stories, stories.with_extension("dir"));
                let _ = std::fs::rename(&tmp, &stories);
                let _ = std::fs::remove_file(&stories);
                let _ = std::fs::rename(stories.with_extension("dir"), &stories);
            }
        })
    };
    for i in 0..30 {
        let _ = run(&env, &["new", "story", &format!("Swap attempt {i}")]);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().unwrap();
    assert_eq!(files_under(outside.path()), [""], "a note was written outside the workspace");
}

#[test]
fn new_story_on_a_full_disk_leaves_nothing_and_the_name_stays_free() {
    let env = ws();
    let r = run_disk_full(&env, &["new", "story", "Full disk"], 64);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!env.exists("stories/full-disk.md"), "a partial note was left");
    assert!(!files_under(&env.root.join("stories")).iter().any(|f| f.ends_with(".tmp")));
    let r = run(&env, &["new", "story", "Full disk"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(env.read("stories/full-disk.md").contains("title:"));
}

#[test]
fn practice_on_a_full_disk_leaves_no_log_and_works_afterwards() {
    let env = ws();
    let r = run_disk_full(&env, &["practice", "--story", "companion", "--rating", "good"], 64);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!env.exists("logs/2026-11-25.md"), "a partial log was left");
    let r = run(&env, &["practice", "--story", "companion", "--rating", "good"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(env.read("logs/2026-11-25.md").contains("companion"));
}

#[test]
fn plan_on_a_full_disk_leaves_no_plan_and_takes_the_first_name_afterwards() {
    let env = ws();
    let profile = env.read("systemcraft.yaml");
    let r = run_disk_full(&env, &["plan", "--path", "six-week-intensive"], 64);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(files_under(&env.root.join("plans")).iter().all(|f| !f.contains("six-week-intensive")));
    assert_eq!(env.read("systemcraft.yaml"), profile);
    let r = run(&env, &["plan", "--path", "six-week-intensive"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!files_under(&env.root.join("plans")).iter().any(|f| f.contains("-2.md")), "{:?}", r.stdout);
}

#[test]
fn build_json_to_a_full_standard_output_exits_1() {
    failed_naming(&run_stdout_full(&ws(), &["build", "--json"]), &["standard output", "No space left"]);
}

#[test]
fn build_stdout_to_a_full_standard_output_exits_1() {
    failed_naming(&run_stdout_full(&ws(), &["build", "--stdout"]), &["standard output"]);
}

#[test]
fn build_summary_to_a_full_standard_output_exits_1() {
    failed_naming(&run_stdout_full(&ws(), &["build"]), &["standard output"]);
}

#[test]
fn check_json_to_a_full_standard_output_exits_1() {
    failed_naming(&run_stdout_full(&ws(), &["check", "--format", "json"]), &["standard output"]);
}

/// Runs with standard output on a pipe whose reader is already gone.
fn run_stdout_closed(env: &Env, args: &[&str]) -> Run {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    env.run_bounded_with(args, false, move |c: &mut Command| {
        c.stdout(writer);
    })
}

#[test]
fn assess_to_a_full_standard_output_exits_1_with_the_answers_saved() {
    let env = ws();
    failed_naming(&run_stdout_full(&env, &["assess", "--answer", "coding-speed=3"]), &["standard output"]);
    assert_eq!(env.json()["assessment"]["answered"], 1, "{}", env.read("assessment.md"));
}

#[test]
fn assess_to_a_closed_pipe_exits_1_silently_with_the_answers_saved() {
    let env = ws();
    let r = run_stdout_closed(&env, &["assess", "--answer", "coding-speed=3"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
    assert_eq!(env.json()["assessment"]["answered"], 1, "{}", env.read("assessment.md"));
}

#[test]
fn practice_to_a_full_standard_output_exits_1_with_the_rehearsal_recorded() {
    let env = ws();
    let r = run_stdout_full(&env, &["practice", "--story", "companion", "--rating", "good", "--seconds", "90"]);
    failed_naming(&r, &["standard output"]);
    let log = env.read("logs/2026-11-25.md");
    assert!(log.contains("companion") && log.contains("good"), "{log}");
    // Recorded once, whole: the next build counts one rehearsal.
    let r = run(&env, &["practice", "--story", "companion", "--rating", "good"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.read("logs/2026-11-25.md").matches("companion").count(), 2, "{}", env.read("logs/2026-11-25.md"));
}

#[test]
fn mock_dry_run_to_a_full_standard_output_exits_1() {
    failed_naming(&run_stdout_full(&ws(), &["mock", "--dry-run"]), &["standard output"]);
}

#[test]
fn watch_to_a_full_standard_output_stops_with_exit_1() {
    let env = ws();
    failed_naming(&run_stdout_full(&env, &["watch"]), &["standard output"]);
    assert!(env.read("DASHBOARD.md").contains("Companion story"));
}

/// A workspace with git and a bare remote `origin` it has never been pushed to.
fn git_ws_with_remote() -> (Env, tempfile::TempDir, std::path::PathBuf) {
    let env = git_ws();
    let remote_dir = tempfile::tempdir().unwrap();
    let remote = remote_dir.path().join("prep.git");
    crate::sync::git_in(&env, remote_dir.path(), &["init", "--bare", "-b", "main", "prep.git"]);
    crate::sync::git_in(&env, &env.root, &["remote", "add", "origin", remote.to_str().unwrap()]);
    (env, remote_dir, remote)
}

#[test]
fn sync_to_a_full_standard_output_exits_1_after_committing_and_pushing() {
    let (env, _dir, remote) = git_ws_with_remote();
    env.write("stories/companion.md", COMPANION_STORY);
    failed_naming(&run_stdout_full(&env, &["sync"]), &["standard output"]);
    let log = crate::sync::git_in(&env, &remote, &["log", "--oneline", "main", "--", "stories/companion.md"]);
    assert_eq!(log.lines().count(), 1, "the story did not reach the remote: {log:?}");
    assert!(crate::sync::git_in(&env, &env.root, &["status", "--porcelain"]).is_empty());
}

#[test]
fn clone_to_a_full_standard_output_exits_1_with_the_clone_whole() {
    let (env, _dir, remote) = git_ws_with_remote();
    env.run_ok(&["sync"]);
    let b = Env::empty().with_git_identity();
    let r = b.run_bounded_with(&["clone", remote.to_str().unwrap(), "ws"], false, |c: &mut Command| {
        c.current_dir(b.root.parent().unwrap());
        c.stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap());
    });
    failed_naming(&r, &["standard output"]);
    assert!(b.read("DASHBOARD.md").contains("# "));
    assert!(crate::sync::git_in(&b, &b.root, &["status", "--porcelain"]).is_empty());
}

#[test]
fn build_on_a_full_disk_keeps_the_old_dashboard_whole() {
    let env = ws();
    run(&env, &["build"]);
    let before = env.read("DASHBOARD.md");
    env.write("stories/second.md", &COMPANION_STORY.replace("Companion story", "Second story"));
    let r = run_disk_full(&env, &["build"], 64);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(env.read("DASHBOARD.md"), before);
}

#[test]
fn another_users_dashboard_keeps_its_owner_and_mode() {
    if !is_root() {
        return;
    }
    let env = ws();
    run(&env, &["build"]);
    let dash = env.root.join("DASHBOARD.md");
    std::os::unix::fs::chown(&dash, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&dash, std::fs::Permissions::from_mode(0o640)).unwrap();
    env.write("stories/second.md", &COMPANION_STORY.replace("Companion story", "Second story"));
    assert_eq!(run(&env, &["build"]).code, 0);
    let m = std::fs::metadata(&dash).unwrap();
    assert!(std::fs::read_to_string(&dash).unwrap().contains("Second story"));
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o777), (65534, 65534, 0o640));
}

#[test]
fn another_users_assessment_keeps_its_owner() {
    if !is_root() {
        return;
    }
    let env = ws();
    let file = env.root.join("assessment.md");
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    assert_eq!(run(&env, &["assess", "--answer", "coding-speed=3"]).code, 0);
    let m = std::fs::metadata(&file).unwrap();
    assert_eq!((m.uid(), m.gid()), (65534, 65534));
}

#[test]
fn another_users_log_keeps_its_owner_after_practice() {
    if !is_root() {
        return;
    }
    let env = ws();
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\nWork.\n");
    let file = env.root.join("logs/2026-11-25.md");
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    assert_eq!(run(&env, &["practice", "--story", "companion", "--rating", "good"]).code, 0);
    let m = std::fs::metadata(&file).unwrap();
    assert_eq!((m.uid(), m.gid()), (65534, 65534));
    assert!(env.read("logs/2026-11-25.md").contains("companion"));
}

#[test]
fn another_users_profile_keeps_its_owner_after_plan() {
    if !is_root() {
        return;
    }
    let env = ws();
    let file = env.root.join("systemcraft.yaml");
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    assert_eq!(run(&env, &["plan", "--path", "six-week-intensive"]).code, 0);
    let m = std::fs::metadata(&file).unwrap();
    assert_eq!((m.uid(), m.gid()), (65534, 65534));
}

#[test]
fn commit_never_takes_a_temporary_file() {
    let env = git_ws();
    env.write("stories/.systemcraft-killed.tmp", "half a note");
    env.write(".systemcraft-dash.tmp", "half a dashboard");
    env.write("stories/companion.md", COMPANION_STORY);
    let r = run(&env, &["commit"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = Command::new("git").args(["ls-files"]).current_dir(&env.root).output().unwrap();
    let tracked = String::from_utf8_lossy(&out.stdout);
    assert!(tracked.contains("stories/companion.md"), "{tracked}");
    assert!(!tracked.contains(".tmp"), "{tracked}");
}

#[test]
fn a_killed_runs_temporary_file_is_swept_by_the_next_write_there() {
    let env = ws();
    env.write("stories/.systemcraft-dead.tmp", "x");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(env.root.join("stories/.systemcraft-dead.tmp"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    assert_eq!(run(&env, &["new", "story", "Next run"]).code, 0);
    assert!(!env.exists("stories/.systemcraft-dead.tmp"));
}

// ---------------------------------------------------------------------------------
// reads: regular files only, bounded
// ---------------------------------------------------------------------------------

fn dashboard_pipe(env: &Env) {
    let _ = std::fs::remove_file(env.root.join("DASHBOARD.md"));
    mkfifo(&env.root.join("DASHBOARD.md"));
}

#[test]
fn dashboard_as_a_named_pipe_build_refuses_at_once() {
    let env = ws();
    dashboard_pipe(&env);
    failed_naming(&run(&env, &["build"]), &["DASHBOARD.md", "named pipe"]);
}

#[test]
fn dashboard_as_a_named_pipe_build_check_does_not_hang() {
    let env = ws();
    dashboard_pipe(&env);
    assert_eq!(run(&env, &["build", "--check"]).code, 1);
}

#[test]
fn dashboard_as_a_named_pipe_commit_does_not_hang() {
    let env = git_ws();
    dashboard_pipe(&env);
    failed_naming(&run(&env, &["commit"]), &["DASHBOARD.md", "named pipe"]);
}

#[test]
fn dashboard_as_a_named_pipe_watch_reports_and_stops() {
    let env = ws();
    dashboard_pipe(&env);
    let w = env.spawn_watch(&[]);
    w.wait_until("a report of the pipe", std::time::Duration::from_secs(60), |_, err| err.contains("named pipe"));
    w.interrupt();
}

#[test]
fn profile_swapped_for_a_named_pipe_while_watch_runs_is_reported_and_watch_goes_on() {
    let env = ws();
    let w = env.spawn_watch(&[]);
    w.ready();
    std::fs::remove_file(env.root.join("systemcraft.yaml")).unwrap();
    mkfifo(&env.root.join("systemcraft.yaml"));
    w.wait_until("a report of the pipe", std::time::Duration::from_secs(60), |_, err| err.contains("named pipe"));
    std::fs::remove_file(env.root.join("systemcraft.yaml")).unwrap();
    env.write("systemcraft.yaml", "name: Back\n");
    let mark = w.mark();
    env.write("stories/later.md", &COMPANION_STORY.replace("Companion story", "Later story"));
    w.wait_for_since(mark, "stories/later.md", std::time::Duration::from_secs(60));
    w.interrupt();
}

#[test]
fn todays_log_as_a_named_pipe_practice_refuses_at_once() {
    let env = ws();
    mkfifo(&env.root.join("logs/2026-11-25.md"));
    failed_naming(
        &run(&env, &["practice", "--story", "companion", "--rating", "good"]),
        &["logs/2026-11-25.md", "named pipe"],
    );
}

#[test]
fn assessment_as_a_named_pipe_assess_refuses_at_once() {
    let env = ws();
    std::fs::remove_file(env.root.join("assessment.md")).unwrap();
    mkfifo(&env.root.join("assessment.md"));
    failed_naming(&run(&env, &["assess", "--answer", "coding-speed=3"]), &["assessment.md", "named pipe"]);
}

#[test]
fn template_as_a_named_pipe_new_refuses_at_once() {
    let env = ws();
    std::fs::remove_file(env.root.join("templates/story.md")).unwrap();
    mkfifo(&env.root.join("templates/story.md"));
    failed_naming(&run(&env, &["new", "story", "Piped"]), &["templates/story.md", "named pipe"]);
    assert!(!env.exists("stories/piped.md"));
}

#[test]
fn profile_as_a_named_pipe_names_the_pipe_not_a_missing_profile() {
    let env = ws();
    std::fs::remove_file(env.root.join("systemcraft.yaml")).unwrap();
    mkfifo(&env.root.join("systemcraft.yaml"));
    let r = run(&env, &["build"]);
    failed_naming(&r, &["systemcraft.yaml", "named pipe"]);
    assert!(!r.stderr.contains("no systemcraft.yaml"), "{}", r.stderr);
}

#[test]
fn a_note_linked_to_dev_zero_build_check_reads_nothing() {
    let env = ws();
    symlink("/dev/zero", env.root.join("stories/zero.md")).unwrap();
    let r = run(&env, &["build", "--check"]);
    assert!(r.code == 0 || r.code == 1);
    assert!(r.stderr.contains("stories/zero.md"), "{}", r.stderr);
}

#[test]
fn todays_log_linked_to_dev_zero_practice_refuses() {
    let env = ws();
    std::fs::create_dir_all(env.root.join("logs")).unwrap();
    symlink("/dev/zero", env.root.join("logs/2026-11-25.md")).unwrap();
    failed_naming(
        &run(&env, &["practice", "--story", "companion", "--rating", "good"]),
        &["logs/2026-11-25.md", "symlink"],
    );
}

#[test]
fn template_linked_to_dev_zero_new_refuses() {
    let env = ws();
    std::fs::remove_file(env.root.join("templates/story.md")).unwrap();
    symlink("/dev/zero", env.root.join("templates/story.md")).unwrap();
    failed_naming(&run(&env, &["new", "story", "Zero"]), &["templates/story.md", "symlink"]);
}

#[test]
fn assessment_linked_to_dev_zero_assess_refuses() {
    let env = ws();
    std::fs::remove_file(env.root.join("assessment.md")).unwrap();
    symlink("/dev/zero", env.root.join("assessment.md")).unwrap();
    failed_naming(&run(&env, &["assess", "--answer", "coding-speed=3"]), &["assessment.md", "symlink"]);
}

#[test]
fn a_note_linked_to_dev_zero_commit_reads_nothing() {
    let env = git_ws();
    symlink("/dev/zero", env.root.join("stories/zero.md")).unwrap();
    let r = run(&env, &["commit"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
}

#[test]
fn assess_from_dev_zero_stops_at_the_cap() {
    failed_naming(&run(&ws(), &["assess", "--from", "/dev/zero"]), &["/dev/zero", "larger than 10 MiB"]);
}

#[test]
fn assess_from_an_80_mb_file_stops_at_the_cap() {
    let env = ws();
    let f = std::fs::File::create(env.root.join("answers.txt")).unwrap();
    f.set_len(80 << 20).unwrap();
    failed_naming(&run(&env, &["assess", "--from", "answers.txt"]), &["answers.txt", "larger than 10 MiB"]);
}

#[test]
fn assess_from_an_endless_standard_input_stops_at_the_cap() {
    let env = ws();
    let r = env.run_bounded_with(&["assess", "--from", "-"], false, |c: &mut Command| {
        c.stdin(std::fs::File::open("/dev/zero").unwrap());
    });
    failed_naming(&r, &["standard input", "larger than 10 MiB"]);
}

#[test]
fn assess_from_a_folder_names_it() {
    failed_naming(&run(&ws(), &["assess", "--from", "stories"]), &["stories", "a folder"]);
}

// ---------------------------------------------------------------------------------
// TZ
// ---------------------------------------------------------------------------------

fn run_tz(env: &Env, tz: &str, args: &[&str]) -> Run {
    let tz = tz.to_string();
    env.run_bounded_with(args, false, move |c: &mut Command| {
        c.env("TZ", tz);
    })
}

#[test]
fn tz_naming_dev_zero_is_ignored_with_a_warning() {
    let r = run_tz(&ws(), "/dev/zero", &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("ignoring TZ=/dev/zero"), "{}", r.stderr);
}

#[test]
fn tz_naming_dev_zero_with_a_colon_is_ignored() {
    let r = run_tz(&ws(), ":/dev/zero", &["calendar"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("ignoring TZ=:/dev/zero"), "{}", r.stderr);
}

#[test]
fn tz_naming_a_named_pipe_is_ignored() {
    let env = ws();
    let pipe = env.root.join("tz.pipe");
    mkfifo(&pipe);
    let r = run_tz(&env, pipe.to_str().unwrap(), &["build", "--check"]);
    assert!(r.stderr.contains("ignoring TZ="), "{}", r.stderr);
}

#[test]
fn tz_naming_a_folder_is_ignored() {
    let r = run_tz(&ws(), "/", &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("ignoring TZ=/"), "{}", r.stderr);
}

#[test]
fn tz_that_is_no_time_zone_is_ignored() {
    let r = run_tz(&ws(), "Not/AZone", &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("ignoring TZ=Not/AZone"), "{}", r.stderr);
}

#[test]
fn a_valid_tz_is_used_in_silence() {
    let r = run_tz(&ws(), "Europe/Berlin", &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("TZ"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------
// YAML nesting: refused before the parser, with a location
// ---------------------------------------------------------------------------------

fn too_deep_note(env: &Env, yaml_value: &str) -> Run {
    env.write("stories/deep.md", &format!("---\ntitle: Deep\nprinciples: {yaml_value}\n---\nBody\n"));
    let r = run(env, &["build", "--json"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let located = crate::testenv::located(&json);
    assert!(
        located.iter().any(|(p, line, _, code)| p == "stories/deep.md" && *line == 3 && code == "yaml/too-deep"),
        "{located:?}"
    );
    r
}

#[test]
fn a_hundred_thousand_open_brackets_in_front_matter() {
    too_deep_note(&ws(), &"[".repeat(100_000));
}

#[test]
fn two_hundred_thousand_open_braces_in_front_matter() {
    too_deep_note(&ws(), &"{".repeat(200_000));
}

#[test]
fn a_fifty_thousand_deep_balanced_title() {
    too_deep_note(&ws(), &format!("{}{}", "[".repeat(50_000), "]".repeat(50_000)));
}

#[test]
fn open_brackets_to_the_note_size_cap() {
    too_deep_note(&ws(), &"[".repeat(9 << 20));
}

#[test]
fn a_hundred_thousand_open_brackets_in_the_profile() {
    let env = ws();
    env.write("systemcraft.yaml", &format!("name: x\nweights: {}\n", "[".repeat(100_000)));
    let r = run(&env, &["build"]);
    assert!(r.stderr.contains("systemcraft.yaml:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("nested more than 128 deep"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------
// names escaped
// ---------------------------------------------------------------------------------

#[test]
fn a_newline_in_a_file_name_cannot_forge_a_finding_line() {
    let env = ws();
    env.write("stories/x.md:99:1: error: forged\ny.md", "---\ntitle: [\n---\n");
    let r = run(&env, &["build"]);
    assert!(!r.stderr.lines().any(|l| l.starts_with("y.md")), "{}", r.stderr);
    assert!(r.stderr.contains("forged\\ny.md"), "{}", r.stderr);
    assert!(r.stderr.contains("file/name-control"), "{}", r.stderr);
}

#[test]
fn an_escape_sequence_in_a_file_name_is_shown_escaped() {
    let env = ws();
    env.write("stories/red\x1b[31m.md", "---\ntitle: [\n---\n");
    let r = run(&env, &["check"]);
    assert!(!r.stdout.contains('\x1b') && !r.stderr.contains('\x1b'), "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("red\\u{1b}[31m.md"), "{}", r.stdout);
}

#[test]
fn pipes_and_brackets_in_file_names_keep_the_dashboard_tables_whole() {
    let env = ws();
    env.write("stories/a|b](evil).md", &COMPANION_STORY.replace("Companion story", "Pipe story"));
    env.write("stories/esc\x1b[2J\nx.md", &COMPANION_STORY.replace("Companion story", "Escape story"));
    assert_eq!(run(&env, &["build"]).code, 0);
    let dash = env.read("DASHBOARD.md");
    assert!(!dash.contains('\x1b'), "raw escape in DASHBOARD.md");
    assert!(dash.contains("a%7Cb%5D%28evil%29.md"), "{dash}");
    assert!(!dash.contains("a|b](evil)"), "{dash}");
    // Every table row keeps its columns: no row broken by a name.
    for table in dash.split("\n\n").filter(|b| b.starts_with('|')) {
        let cols = |l: &str| l.replace("\\|", "").matches('|').count();
        let first = cols(table.lines().next().unwrap());
        assert!(table.lines().all(|l| cols(l) == first), "{table}");
    }
}

// ---------------------------------------------------------------------------------
// profile values: where they stand, nonsense warned with the value as written
// ---------------------------------------------------------------------------------

fn profile_diags(extra: &str) -> Vec<(String, u64, u64, String)> {
    let env = ws();
    let profile = env.read("systemcraft.yaml");
    env.write("systemcraft.yaml", &format!("{profile}\n{extra}"));
    let first = profile.lines().count() as u64 + 2;
    let json = env.json();
    let all = json["diagnostics"].as_array().unwrap().clone();
    all.iter()
        .filter(|d| d["path"] == "systemcraft.yaml")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0).saturating_sub(first - 1),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn warned(diags: &[(String, u64, u64, String)], line: u64, text: &str) {
    assert!(diags.iter().any(|(_, l, _, m)| *l == line && m.contains(text)), "line {line}, {text:?}: {diags:?}");
}

#[test]
fn an_error_inside_goals_is_located_at_its_value() {
    let d = profile_diags("goals:\n  weekly:\n    designs: many\n");
    assert!(d.iter().any(|(c, l, col, _)| c == "schema/type" && *l == 3 && *col == 14), "{d:?}");
}

#[test]
fn an_error_inside_weights_is_located_at_its_key() {
    let d = profile_diags("weights:\n  behavioral:\n    rehearsal: heavy\n");
    assert!(d.iter().any(|(c, l, col, _)| c == "schema/type" && *l == 3 && *col == 5), "{d:?}");
}

#[test]
fn every_weight_zero_is_warned() {
    warned(
        &profile_diags("weights:\n  readiness:\n    behavioral: 0\n    design: 0\n    coding: 0\n"),
        2,
        "every weight of `weights.readiness` is 0",
    );
}

#[test]
fn window_days_zero_is_warned() {
    warned(&profile_diags("window_days: 0\n"), 1, "`window_days: 0`");
}

#[test]
fn study_minutes_beyond_a_day_is_warned() {
    warned(&profile_diags("study:\n  minutes: 100000\n"), 2, "`minutes: 100000`");
}

#[test]
fn words_per_minute_zero_is_warned() {
    warned(&profile_diags("star:\n  words_per_minute: 0\n"), 2, "`words_per_minute: 0`");
}

#[test]
fn min_minutes_above_max_minutes_is_warned() {
    warned(
        &profile_diags("star:\n  min_minutes: 4\n  max_minutes: 2\n"),
        2,
        "`min_minutes: 4` is above `max_minutes: 2`",
    );
}

#[test]
fn a_target_of_zero_is_warned() {
    warned(&profile_diags("targets:\n  mocks: 0\n"), 2, "`mocks: 0`");
}

#[test]
fn infinite_minutes_are_quoted_as_written() {
    let d = profile_diags("study:\n  minutes: .inf\n");
    warned(&d, 2, "too large: .inf");
    assert!(!d.iter().any(|(_, _, _, m)| m.contains("18446744073709551615")), "{d:?}");
}

// ---------------------------------------------------------------------------------
// messages that name the real cause
// ---------------------------------------------------------------------------------

#[test]
fn an_unreadable_story_is_named_as_unreadable_not_missing() {
    let env = ws();
    let file = env.root.join("stories/companion.md");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let r = env.run_bounded(&["practice", "--story", "companion", "--rating", "good"], true);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("stories/companion.md cannot be rehearsed"), "{}", r.stderr);
    assert!(!r.stderr.contains("no story named"), "{}", r.stderr);
}

#[test]
fn a_folder_named_dashboard_is_named_as_a_folder_not_a_symlink() {
    let env = ws();
    let _ = std::fs::remove_file(env.root.join("DASHBOARD.md"));
    std::fs::create_dir(env.root.join("DASHBOARD.md")).unwrap();
    let r = run(&env, &["build"]);
    failed_naming(&r, &["DASHBOARD.md", "a folder is where the file should be"]);
    assert!(!r.stderr.contains("symlink"), "{}", r.stderr);
}

#[test]
fn commit_with_an_unreadable_file_names_it_not_a_stale_lock() {
    let env = git_ws();
    env.write("stories/secret.md", COMPANION_STORY);
    std::fs::set_permissions(env.root.join("stories/secret.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let r = env.run_bounded(&["commit"], true);
    failed_naming(&r, &["stories/secret.md", "ermission denied"]);
    assert!(!r.stderr.contains("stale lock"), "{}", r.stderr);
}

#[test]
fn commit_under_folders_nested_500_deep_names_the_folder() {
    let env = git_ws();
    let mut deep = env.root.join("reference");
    for i in 0..500 {
        deep.push(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("n.md"), "x").unwrap();
    let r = run(&env, &["commit"]);
    failed_naming(&r, &["reference/d0/d1/", "more than 100 folders deep"]);
}

#[test]
fn new_to_a_full_standard_output_exits_1() {
    let env = ws();
    failed_naming(&run_stdout_full(&env, &["new", "story", "Printed nowhere"]), &["standard output"]);
}

#[test]
fn plan_to_a_full_standard_output_exits_1() {
    failed_naming(&run_stdout_full(&ws(), &["plan", "--path", "six-week-intensive"]), &["standard output"]);
}

#[test]
fn build_json_into_a_file_on_a_full_disk_exits_1() {
    let env = ws();
    let out = tempfile::NamedTempFile::new().unwrap();
    let file = out.reopen().unwrap();
    let r = env.run_bounded_with(&["build", "--json"], false, move |c: &mut Command| {
        c.stdout(file);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            c.pre_exec(|| {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let limit = libc::rlimit { rlim_cur: 4096, rlim_max: 4096 };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    });
    failed_naming(&r, &["standard output"]);
    assert!(std::fs::metadata(out.path()).unwrap().len() <= 4096);
}

#[test]
fn trend_svg_over_a_note_is_refused() {
    let env = git_ws();
    let note = "stories/example-checkout-latency.md";
    let before = env.read(note);
    let r = run(&env, &["trend", "--svg", note]);
    failed_naming(&r, &[note, "not an SVG chart"]);
    assert_eq!(env.read(note), before);
}
