//! The test harness: a temporary workspace, an isolated home (no git identity, no
//! user config), and the real `systemcraft` binary run inside it — to completion
//! ([`Env::run`]) or, for `watch`, as a long-running [`Watch`] process.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use assert_cmd::Command;

pub mod frame;
pub mod lsp;
#[cfg(unix)]
pub mod pty;

/// A valid story, written beside the notes a test breaks: it must still be counted.
pub const COMPANION_STORY: &str = "\
---
title: Companion story
scenario: innovation
principles: [ownership, dive-deep]
status: ready
happened: 2025-03
created: 2026-11-24
---
## Situation
I led the checkout team.
";

/// The quick form's question ids, in form order: 4 technical, 4 leadership, 4 cultural.
pub const QUICK_IDS: [&str; 12] = [
    "design-at-scale",
    "coding-speed",
    "aws-production",
    "distributed-tradeoffs",
    "team-size",
    "quantified-impact",
    "influence",
    "technical-strategy",
    "lp-knowledge",
    "lp-examples",
    "interview-format",
    "level-expectations",
];

/// The complete form's question ids, in form order: 8 technical, 6 leadership, 6
/// cultural.
pub const COMPLETE_IDS: [&str; 20] = [
    "design-at-scale",
    "coding-speed",
    "aws-depth",
    "data-design",
    "performance",
    "distributed-systems",
    "technology-selection",
    "technical-communication",
    "management-scope",
    "cross-team-influence",
    "conflict-resolution",
    "change-leadership",
    "strategy",
    "hiring-development",
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "bias-for-action",
    "learning",
    "delivering-results",
];

/// Complete-form sums (= scores) on both sides of each study-path boundary, with
/// the path each gives (PRODUCT.md §1: 85+, 70–84, 55–69, below 55).
pub const COMPLETE_BOUNDARIES: [(u32, &str); 6] = [
    (54, "foundation-building"),
    (55, "twelve-week-comprehensive"),
    (69, "twelve-week-comprehensive"),
    (70, "six-week-intensive"),
    (84, "six-week-intensive"),
    (85, "quick-reference"),
];

/// The time [`Env::run_bounded`] gives a run before killing it: a hang detector,
/// not a performance target (a debug build of the largest corpus case takes a few
/// seconds).
pub const BOUND_TIME: Duration = Duration::from_secs(120);

/// The address space [`Env::run_bounded`] allows (2 GiB): virtual memory, so it
/// includes thread stacks and mappings, well above the real use of any case.
pub const BOUND_MEMORY: u64 = 2 << 30;

/// The date every test pins.
pub const TODAY: &str = "2026-11-25";

/// A design body that covers every part of the design checklist, for designs marked
/// complete that a test means to count (a design without it counts as an outline).
pub const FULL_DESIGN_BODY: &str = "\
## Requirements

Users shorten a long link and anyone can follow the short one back to the original page.

Non-functional: p99 redirect latency under 50 ms, 99.99% availability, durable links.

## Estimates

100M new links a month is about 40 writes a second; reads run 100 times that, 4,000 a second.

## API

POST /links takes a long URL and returns the short code; GET /{code} answers with a redirect.

## Data model

A links table keyed by the short code holds the long URL, the owner and the creation date.

## High-level design

Clients reach stateless web servers behind a load balancer; a cache sits in front of the key-value store holding the links.

## Deep dives

The cache absorbs hot links; codes come from pre-allocated ranges so writers never collide or wait on each other.

## Trade-offs

A key-value store over a relational one: simpler scaling at the cost of ad-hoc queries across links.
";

/// A temporary folder with a workspace (or not) and a private home.
pub struct Env {
    _dir: tempfile::TempDir,
    /// The workspace root (may not exist yet for `init` tests).
    pub root: PathBuf,
    /// The HOME the binary sees.
    pub home: PathBuf,
}

/// What a run printed and returned.
#[derive(Debug)]
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Env {
    /// An empty folder `ws/` (not created) beside a private home without git identity.
    pub fn empty() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        Env { root: dir.path().join("ws"), home, _dir: dir }
    }

    /// A fresh workspace made by `systemcraft init --no-git` on [`TODAY`].
    pub fn init() -> Env {
        let env = Env::empty();
        env.run_ok(&["init", "ws", "--no-git", "--name", "Test Candidate"]);
        env
    }

    /// A workspace copied from `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Env {
        let env = Env::empty();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        copy_dir(&src, &env.root);
        env
    }

    /// Gives the private home a git identity.
    pub fn with_git_identity(self) -> Env {
        std::fs::write(self.home.join(".gitconfig"), "[user]\n\tname = Test User\n\temail = test@example.com\n")
            .unwrap();
        self
    }

    /// The binary, with the pinned date, no colour, and the private home; run from
    /// the workspace root when it exists, else from its parent.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// [`Env::cmd`] as a plain `std::process::Command` (for processes that keep running).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("systemcraft"));
        let cwd = if self.root.exists() { self.root.clone() } else { self.root.parent().unwrap().to_path_buf() };
        c.current_dir(cwd)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("NO_COLOR", "1")
            .env("SYSTEMCRAFT_TODAY", TODAY);
        c
    }

    /// Starts `systemcraft watch ARGS` in the workspace, with the same environment as
    /// [`Env::cmd`] (date pinned to [`TODAY`]).
    pub fn spawn_watch(&self, args: &[&str]) -> Watch {
        self.spawn_watch_with(args, |_| {})
    }

    /// [`Env::spawn_watch`] with the command adjusted first, e.g. to unpin the date
    /// (`c.env_remove("SYSTEMCRAFT_TODAY")`) or add variables.
    pub fn spawn_watch_with(&self, args: &[&str], adjust: impl FnOnce(&mut std::process::Command)) -> Watch {
        let mut c = self.std_cmd();
        c.arg("watch").args(args);
        adjust(&mut c);
        Watch::spawn(c)
    }

    /// Runs with these arguments.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd().args(args).output().expect("run");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs with these arguments under the [`BOUND_MEMORY`] address-space limit and,
    /// when `unprivileged`, without root's power to read any file (so a file made
    /// unreadable stays unreadable to a test run as root). Kills the process and
    /// panics if it has not finished within [`BOUND_TIME`], a hang detector far above
    /// any normal run; panics too if it died of a signal (an abort on a failed
    /// allocation, a stack overflow) or printed a panic.
    #[cfg(unix)]
    pub fn run_bounded(&self, args: &[&str], unprivileged: bool) -> Run {
        self.run_bounded_with(args, unprivileged, |_| {})
    }

    /// [`Env::run_bounded`] with the command adjusted first (standard input or output
    /// redirected, variables set); a redirected output is not collected.
    #[cfg(unix)]
    pub fn run_bounded_with(
        &self,
        args: &[&str],
        unprivileged: bool,
        adjust: impl FnOnce(&mut std::process::Command),
    ) -> Run {
        use std::os::unix::process::CommandExt;
        let mut c = self.std_cmd();
        c.args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        adjust(&mut c);
        // SAFETY: only async-signal-safe calls (setrlimit, prctl) between fork and exec.
        unsafe {
            c.pre_exec(move || {
                let limit = libc::rlimit { rlim_cur: BOUND_MEMORY, rlim_max: BOUND_MEMORY };
                if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if unprivileged && libc::geteuid() == 0 {
                    // Root reads files whatever their mode through these two
                    // capabilities; dropping them from the bounding set takes them
                    // from the program about to run. Failure (no CAP_SETPCAP) is
                    // reported by the test that needs it.
                    const CAP_DAC_OVERRIDE: libc::c_ulong = 1;
                    const CAP_DAC_READ_SEARCH: libc::c_ulong = 2;
                    libc::prctl(libc::PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
                    libc::prctl(libc::PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
                }
                Ok(())
            });
        }
        let mut child = c.spawn().expect("start systemcraft");
        let (stdout, stderr) = (Arc::new(Mutex::new(Vec::new())), Arc::new(Mutex::new(Vec::new())));
        let mut readers = Vec::new();
        if let Some(out) = child.stdout.take() {
            readers.push(collect(out, stdout.clone()));
        }
        if let Some(err) = child.stderr.take() {
            readers.push(collect(err, stderr.clone()));
        }
        let deadline = Instant::now() + BOUND_TIME;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("systemcraft {args:?} was still running after {BOUND_TIME:?}: killed");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        for r in readers {
            let _ = r.join();
        }
        let text = |b: &Arc<Mutex<Vec<u8>>>| String::from_utf8_lossy(&b.lock().unwrap()).into_owned();
        let run = Run { code: status.code().unwrap_or(-1), stdout: text(&stdout), stderr: text(&stderr) };
        assert!(
            status.code().is_some(),
            "systemcraft {args:?} was killed by a signal ({status}), e.g. out of memory under the {} MiB limit:\n{}",
            BOUND_MEMORY >> 20,
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "systemcraft {args:?} panicked:\n{}", run.stderr);
        run
    }

    /// Runs and asserts exit code 0.
    pub fn run_ok(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(r.code, 0, "systemcraft {args:?} failed:\nstdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
        r
    }

    /// `build --json` parsed.
    pub fn json(&self) -> serde_json::Value {
        let r = self.run_ok(&["build", "--json"]);
        serde_json::from_str(&r.stdout).expect("valid JSON")
    }

    /// Writes a file under the root (creating folders).
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Writes raw bytes under the root.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Reads a file under the root.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Whether a file exists under the root.
    pub fn exists(&self, rel: &str) -> bool {
        self.root.join(rel).exists()
    }

    /// Removes a file under the root.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).unwrap();
    }
}

/// A running `systemcraft watch`: its output is collected by reader threads as it
/// comes. Dropping it kills the process (and prints the output if the test failed).
pub struct Watch {
    child: Child,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
}

/// How a [`Watch`] ended.
#[derive(Debug)]
pub struct Stopped {
    /// The exit status.
    pub status: ExitStatus,
    /// Everything printed on standard output.
    pub stdout: String,
    /// Everything printed on standard error.
    pub stderr: String,
}

/// Copies everything `from` yields into `into`, until end of file.
fn collect(mut from: impl Read + Send + 'static, into: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(&buf[..n]);
        }
    })
}

impl Watch {
    /// Starts `cmd` with piped output and a closed standard input.
    pub fn spawn(mut cmd: std::process::Command) -> Watch {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start systemcraft watch");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let readers = vec![
            collect(child.stdout.take().unwrap(), stdout.clone()),
            collect(child.stderr.take().unwrap(), stderr.clone()),
        ];
        Watch { child, stdout, stderr, readers }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Standard output so far.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }

    /// Standard error so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }

    /// A position in standard output, for [`Watch::since`].
    pub fn mark(&self) -> usize {
        self.stdout.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Standard output printed after `mark`.
    pub fn since(&self, mark: usize) -> String {
        String::from_utf8_lossy(&self.stdout.lock().unwrap_or_else(|e| e.into_inner())[mark..]).into_owned()
    }

    /// The rebuild lines (those starting with an `HH:MM:SS` time) printed after `mark`.
    pub fn rebuilds_since(&self, mark: usize) -> Vec<String> {
        self.since(mark).lines().filter(|l| is_rebuild_line(l)).map(str::to_string).collect()
    }

    /// Waits until `test(stdout, stderr)` holds; panics with the output after `timeout`.
    #[track_caller]
    pub fn wait_until(&self, what: &str, timeout: Duration, test: impl Fn(&str, &str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let (out, err) = (self.stdout(), self.stderr());
            if test(&out, &err) {
                return;
            }
            if Instant::now() >= deadline {
                panic!("waited {timeout:?} for {what}\n--- stdout:\n{out}\n--- stderr:\n{err}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until standard output printed after `mark` contains `needle`.
    #[track_caller]
    pub fn wait_for_since(&self, mark: usize, needle: &str, timeout: Duration) {
        self.wait_until(&format!("{needle:?} on stdout"), timeout, |_, _| self.since(mark).contains(needle));
    }

    /// Waits until standard output contains `needle`.
    #[track_caller]
    pub fn wait_for(&self, needle: &str, timeout: Duration) {
        self.wait_for_since(0, needle, timeout);
    }

    /// Waits until the watcher is ready: the `Watching …` header, then the summary of
    /// the first build, which ends with `DASHBOARD.md written` or `… up to date`.
    #[track_caller]
    pub fn ready(&self) -> &Self {
        self.wait_until("the watcher to start", Duration::from_secs(10), |out, _| {
            out.starts_with("Watching ")
                && (out.contains("DASHBOARD.md written") || out.contains("DASHBOARD.md up to date"))
        });
        self
    }

    /// Sends SIGINT (as Ctrl-C does), waits for the process to end, and returns how it
    /// ended with all its output.
    pub fn interrupt(mut self) -> Stopped {
        let sent = std::process::Command::new("kill").args(["-INT", &self.pid().to_string()]).status();
        assert!(sent.as_ref().is_ok_and(|s| s.success()), "kill -INT failed: {sent:?}");
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for watch") {
                break status;
            }
            assert!(Instant::now() < deadline, "watch did not stop on SIGINT:\n{}", self.stdout());
            std::thread::sleep(Duration::from_millis(10));
        };
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        Stopped { status, stdout: self.stdout(), stderr: self.stderr() }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        if std::thread::panicking() {
            eprintln!("--- watch stdout:\n{}\n--- watch stderr:\n{}", self.stdout(), self.stderr());
        }
    }
}

/// Whether a line of `watch` output reports a rebuild: it starts with `HH:MM:SS`.
pub fn is_rebuild_line(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 8 && [0, 1, 3, 4, 6, 7].iter().all(|&i| b[i].is_ascii_digit()) && b[2] == b':' && b[5] == b':'
}

/// Asserts that DASHBOARD.md comes to equal, byte for byte, what `build --stdout`
/// prints for the same files and date, within `within` of the call (make it right
/// after the last write), and that its charts then hold what `build` would write
/// (`build --check`). `build --stdout` runs once; the file is then polled every
/// 20 ms. Returns how long it took.
#[track_caller]
pub fn settles(env: &Env, within: Duration) -> Duration {
    settles_as(env, &[], within)
}

/// [`settles`] against `build --stdout EXTRA` (e.g. `["--today", "2026-11-26"]`).
#[track_caller]
pub fn settles_as(env: &Env, extra: &[&str], within: Duration) -> Duration {
    let start = Instant::now();
    let mut args = vec!["build", "--stdout"];
    args.extend_from_slice(extra);
    let expected = env.run_ok(&args).stdout;
    let path = env.root.join("DASHBOARD.md");
    loop {
        let actual = std::fs::read(&path);
        if actual.as_deref().is_ok_and(|a| a == expected.as_bytes()) {
            let took = start.elapsed();
            // The charts are written before the dashboard: they are current by now.
            let mut check = vec!["build", "--check"];
            check.extend_from_slice(extra);
            let r = env.run(&check);
            assert_eq!(r.code, 0, "DASHBOARD.md settled but `systemcraft {}` says:\n{}", check.join(" "), r.stderr);
            return took;
        }
        if start.elapsed() >= within {
            let actual = match actual {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => panic!("DASHBOARD.md is missing {within:?} after the last write: {e}"),
            };
            panic!(
                "DASHBOARD.md is not what `systemcraft {}` prints {within:?} after the last write:\n{}",
                args.join(" "),
                first_difference(&expected, &actual)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The first line where two texts differ, with a little context, for failure messages.
pub fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let Some(i) = (0..e.len().max(a.len())).find(|&i| e.get(i) != a.get(i)) else {
        return format!("same lines, different bytes ({} vs {} bytes)", expected.len(), actual.len());
    };
    let show = |lines: &[&str]| {
        (i.saturating_sub(2)..(i + 3).min(lines.len()))
            .map(|j| format!("  {:>4} | {}\n", j + 1, lines[j]))
            .collect::<String>()
    };
    format!(
        "first difference at line {}\n--- expected (build --stdout):\n{}--- actual (DASHBOARD.md):\n{}",
        i + 1,
        show(&e),
        show(&a)
    )
}

/// Copies a folder tree.
pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Finds a bar's component value in `build --json` output.
pub fn component(json: &serde_json::Value, bar: &str, key: &str) -> f64 {
    let bar =
        json["bars"].as_array().unwrap().iter().find(|b| b["key"] == bar).unwrap_or_else(|| panic!("no bar {bar}"));
    bar["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("no component {key}"))["value"]
        .as_f64()
        .unwrap()
}

/// A bar's value in `build --json` output.
pub fn bar(json: &serde_json::Value, key: &str) -> f64 {
    json["bars"].as_array().unwrap().iter().find(|b| b["key"] == key).unwrap()["value"].as_f64().unwrap()
}

/// The diagnostics of `build --json` as (path, line, code).
pub fn diagnostics(json: &serde_json::Value) -> Vec<(String, u64, String)> {
    located(json).into_iter().map(|(path, line, _, code)| (path, line, code)).collect()
}

/// The diagnostics of `build --json` as (path, line, column, code), in the model's
/// (sorted) order.
pub fn located(json: &serde_json::Value) -> Vec<(String, u64, u64, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A story of `build --json`'s portfolio by id.
pub fn story<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["portfolio"]["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no story {id}"))
}

/// Runs `git ARGS` in `dir` with `env`'s private home, no system config, a fixed
/// identity and no signing, in UTC, with both commit dates set to `date` (an RFC 3339
/// time) when given; asserts that it succeeds and returns its output, trimmed.
pub fn git_at(env: &Env, dir: &Path, date: Option<&str>, args: &[&str]) -> String {
    let mut c = std::process::Command::new("git");
    c.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &env.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TZ", "UTC")
        .args(["-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false"])
        .args(args);
    if let Some(date) = date {
        c.env("GIT_AUTHOR_DATE", date).env("GIT_COMMITTER_DATE", date);
    }
    let out = c.output().expect("run git");
    assert!(out.status.success(), "git {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A small deterministic generator (xorshift64*), so a randomized test replays from
/// its seed.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}
