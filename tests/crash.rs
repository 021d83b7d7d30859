//! Crash safety: `systemcraft build` killed with SIGKILL at random moments (a seeded
//! generator picks each delay) never leaves a partial DASHBOARD.md. A workspace of
//! 2,000 notes makes a build last long enough to be cut anywhere — while reading,
//! scoring, rendering or writing — and a log flips between two versions so that the
//! old and the new dashboards differ. After every kill the file must be, byte for
//! byte, the complete old or the complete new dashboard (both computed first with
//! `build --stdout`). Temporary files a kill leaves behind are hidden from the scan
//! and removed by a later write once stale (`fs::sweep_stale_temps`).

#![cfg(unix)]

use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime};

use crate::testenv::Env;

/// Kills attempted.
const RUNS: usize = 150;
/// Kills that must land while the build is still running.
const MIN_MID_RUN: usize = 100;

/// A workspace with `n` notes: stories, logs, designs and mocks.
fn populate(env: &Env, n: usize) {
    let start = jiff::civil::Date::constant(2024, 1, 1);
    for i in 0..n {
        match i % 4 {
            0 => env.write(
                &format!("stories/story-{i}.md"),
                &format!("---\ntitle: Story {i}\nscenario: innovation\nprinciples: [ownership, dive-deep]\nstatus: ready\nhappened: 2025-03\ncreated: 2026-11-01\n---\n## Situation\nThe checkout service slowed down at peak.\n\n## Task\nI owned p99 under 300 ms.\n\n## Action\nI profiled it, sharded the cache and led the rollout.\n\n## Result\np99 fell from 900 ms to 280 ms, pages dropped by 80%.\n"),
            ),
            1 => {
                let date = start.checked_add(jiff::Span::new().days(i as i64)).unwrap();
                env.write(
                    &format!("logs/{date}.md"),
                    &format!("---\ndate: {date}\ncoding:\n  - problem: P{i}\n    difficulty: medium\n    minutes: 35\n    solved: true\n---\n"),
                )
            }
            2 => env.write(&format!("designs/design-{i}.md"), "---\ntitle: D\nstatus: complete\ndate: 2026-11-20\nscale: 10M\nlevel: L6\n---\n## Requirements\n"),
            _ => env.write(&format!("mocks/2026-11-20-mock-{i}.md"), "---\ndate: 2026-11-20\nkind: behavioral\nstories: [\"[[story-0]]\"]\n---\n"),
        }
    }
}

/// The log that flips: version `v` (0 or 1) solves 1 or 3 problems today.
fn flip(env: &Env, v: usize) {
    let problems: String = (0..1 + 2 * v)
        .map(|i| format!("  - problem: Today {i}\n    difficulty: medium\n    minutes: 30\n    solved: true\n"))
        .collect();
    env.write("logs/2026-11-25.md", &format!("---\ndate: 2026-11-25\ncoding:\n{problems}---\n"));
}

/// The `.systemcraft-*.tmp` files at the root.
fn temps(env: &Env) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(&env.root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".systemcraft-"))
        .map(|e| e.path())
        .collect()
}

#[test]
fn sigkill_never_leaves_a_partial_dashboard() {
    let env = Env::init();
    populate(&env, 2000);
    let mut expected = Vec::new();
    for v in 0..2 {
        flip(&env, v);
        expected.push(env.run_ok(&["build", "--stdout"]).stdout.into_bytes());
    }
    assert_ne!(expected[0], expected[1], "the two versions must give different dashboards");
    env.run_ok(&["build"]);

    // How long a build takes here, to spread the kills over it (this calibrates the
    // delays, adjusted as the kills go; nothing is asserted about it).
    let mut took = Vec::new();
    for v in [0, 1, 0] {
        flip(&env, v);
        let t = Instant::now();
        env.run_ok(&["build"]);
        took.push(t.elapsed());
    }
    took.sort();
    let mut span = took[1].as_micros() as u64;

    let mut seed: u64 = 0x2026_1125;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut current = std::fs::read(env.root.join("DASHBOARD.md")).unwrap();
    let mut mid_run = 0;
    let mut v = 0;
    for run in 0..RUNS {
        v = 1 - v;
        flip(&env, v);
        let mut child = env
            .std_cmd()
            .arg("build")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start build");
        std::thread::sleep(Duration::from_micros(next() % span.max(1)));
        // Keep the kills near the end of a build, where the write is, as the
        // machine's load changes: a kill that came too late shortens the spread.
        if child.try_wait().expect("poll").is_none() {
            mid_run += 1;
            span += span / 50;
        } else {
            span -= span / 10;
        }
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        let now = std::fs::read(env.root.join("DASHBOARD.md"))
            .unwrap_or_else(|e| panic!("run {run}: DASHBOARD.md is missing after a kill: {e}"));
        assert!(
            now == current || now == expected[v],
            "run {run} ({status}): DASHBOARD.md is neither the old nor the new dashboard ({} bytes; old {}, new {})",
            now.len(),
            current.len(),
            expected[v].len()
        );
        current = now;
    }
    assert!(mid_run >= MIN_MID_RUN, "only {mid_run} of {RUNS} kills landed while the build ran");

    // Whatever the kills left, a finished build writes the right dashboard.
    env.run_ok(&["build"]);
    assert_eq!(std::fs::read(env.root.join("DASHBOARD.md")).unwrap(), expected[v]);
    // Leftover temporary files are hidden from the scan, and the next write removes
    // them once stale.
    let left = temps(&env);
    eprintln!("{mid_run} of {RUNS} kills mid-run; {} temporary files left", left.len());
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for p in &left {
        std::fs::File::options().write(true).open(p).unwrap().set_modified(long_ago).unwrap();
    }
    flip(&env, 1 - v);
    env.run_ok(&["build"]);
    assert_eq!(temps(&env), Vec::<std::path::PathBuf>::new());
}
