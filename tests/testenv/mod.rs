//! The test harness: a temporary workspace, an isolated home (no git identity, no
//! user config), and the real `systemcraft` binary run inside it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The date every test pins.
pub const TODAY: &str = "2026-11-25";

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
        let mut c = Command::cargo_bin("systemcraft").expect("binary");
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

    /// Runs with these arguments.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd().args(args).output().expect("run");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
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
