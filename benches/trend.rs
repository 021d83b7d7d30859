//! Benchmark of `systemcraft trend` on a generated history: one commit a day for
//! 1,000 days (default), each adding or editing a note or two from a fixed pattern
//! (a log every day, a story every third day, a story promoted every seventh, a design
//! every tenth, a mock every fourteenth), written with git2 directly. The real binary
//! then runs `trend` with a cold cache (no `.systemcraft/trend-cache.json`: every day
//! scored) and with a warm one (every day read from the cache).
//!
//! `cargo bench --bench trend [-- DAYS [COLD_RUNS [WARM_RUNS]]]` (defaults 1000, 5, 20).
//! Prints median and p95 of each.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use std::collections::BTreeMap;

use git2::{Oid, Repository, Signature, Time};

const PRINCIPLES: [&str; 8] = [
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "dive-deep",
    "bias-for-action",
    "earn-trust",
    "deliver-results",
    "think-big",
];

const STORY_BODY: &str = "## Situation\nOur checkout service slowed down during peak traffic and the team was paged nightly.\n\n## Task\nI owned bringing p99 latency under 300 ms before the holiday season.\n\n## Action\nI profiled the service, found a lock in the cart cache, and proposed a sharded design. I wrote the plan, got agreement from two teams, and led the rollout behind a flag.\n\n## Result\np99 fell from 900 ms to 280 ms and pages dropped by 80%.\n";

fn story(i: usize, status: &str) -> String {
    format!(
        "---\ntitle: Story {i}\nscenario: {}\nprinciples: [{}, {}]\nstatus: {status}\nhappened: 2025-0{}\ncreated: 2024-01-01\n---\n{STORY_BODY}",
        common::SCENARIOS[i % 5],
        PRINCIPLES[i % 8],
        PRINCIPLES[(i / 3) % 8],
        1 + i % 9
    )
}

/// The files of the next commit, by folder ("" for the top), as blob ids; each
/// folder's tree is written again only when one of its files changed.
#[derive(Default)]
struct Files {
    folders: BTreeMap<String, (BTreeMap<String, Oid>, Option<Oid>)>,
}

impl Files {
    /// Writes `text` as a blob and puts it at `rel`.
    fn put(&mut self, repo: &Repository, rel: &str, text: &str) {
        let blob = repo.blob(text.as_bytes()).unwrap();
        let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let slot = self.folders.entry(folder.to_string()).or_default();
        slot.0.insert(name.to_string(), blob);
        slot.1 = None;
    }

    /// The top tree.
    fn tree(&mut self, repo: &Repository) -> Oid {
        let mut top = repo.treebuilder(None).unwrap();
        for (folder, (files, tree)) in &mut self.folders {
            if folder.is_empty() {
                for (name, id) in files.iter() {
                    top.insert(name, *id, 0o100644).unwrap();
                }
                continue;
            }
            let id = *tree.get_or_insert_with(|| {
                let mut b = repo.treebuilder(None).unwrap();
                for (name, id) in files.iter() {
                    b.insert(name, *id, 0o100644).unwrap();
                }
                b.write().unwrap()
            });
            top.insert(folder, id, 0o040000).unwrap();
        }
        top.write().unwrap()
    }
}

/// A repository at `root` with one commit a day for `days` days from 2024-01-01,
/// 20:00 UTC, and the profile on disk.
fn generate(root: &Path, days: usize) {
    let profile = "name: Bench\ntrack: senior-to-l6\ntarget_level: L6\ntimeline: balanced\nstart_date: 2024-01-01\n";
    common::write(root, "systemcraft.yaml", profile);
    let repo = Repository::init(root).unwrap();
    // Tree entries are blobs just written: skip libgit2's lookup of each one.
    git2::opts::strict_object_creation(false);
    let mut files = Files::default();
    files.put(&repo, "systemcraft.yaml", profile);
    let start: jiff::civil::Date = "2024-01-01".parse().unwrap();
    let mut parent: Option<Oid> = None;
    for i in 0..days {
        let date = start.checked_add(jiff::Span::new().days(i as i64)).unwrap();
        let story_id = i / 3 * 3;
        files.put(
            &repo,
            &format!("logs/{date}.md"),
            &format!(
                "---\ndate: {date}\ncoding:\n  - problem: P{i}\n    difficulty: medium\n    minutes: {}\n    solved: true\n  - problem: Q{i}\n    difficulty: easy\n    minutes: 15\n    solved: {}\ndesign:\n  minutes: 30\n  topic: caching\nbehavioral:\n  minutes: 15\n  stories: [story-{story_id}]\nrehearsals:\n  - story: story-{story_id}\n    rating: good\n    seconds: 150\n---\nNotes.\n",
                30 + i % 30,
                i % 2 == 0
            ),
        );
        if i % 3 == 0 {
            files.put(&repo, &format!("stories/story-{i}.md"), &story(i, ["draft", "refined"][i / 3 % 2]));
        }
        if i % 7 == 6 {
            // A story written earlier is promoted to ready.
            let old = i / 2 / 3 * 3;
            files.put(&repo, &format!("stories/story-{old}.md"), &story(old, "ready"));
        }
        if i % 10 == 9 {
            files.put(
                &repo,
                &format!("designs/design-{i}.md"),
                &format!(
                    "---\ntitle: D{i}\nstatus: complete\ndate: {date}\nscale: {}\nlevel: L6\n---\n## Requirements\n",
                    ["1M", "10M"][i % 2]
                ),
            );
        }
        if i % 14 == 13 {
            files.put(
                &repo,
                &format!("mocks/{date}-mock.md"),
                &format!("---\ndate: {date}\nkind: behavioral\nstories: [\"[[story-{story_id}]]\"]\n---\n"),
            );
        }
        let tree = repo.find_tree(files.tree(&repo)).unwrap();
        let when = date.at(20, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp().as_second();
        let sig = Signature::new("Bench", "bench@example.com", &Time::new(when, 0)).unwrap();
        let parents: Vec<git2::Commit<'_>> = parent.map(|p| repo.find_commit(p).unwrap()).into_iter().collect();
        let parent_refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = repo.commit(None, &sig, &sig, &format!("day {i}"), &tree, &parent_refs).unwrap();
        parent = Some(id);
    }
    // The branch is set once: updating it per commit appends to a reflog each time.
    let head = repo.find_reference("HEAD").unwrap();
    let branch = head.symbolic_target().unwrap().unwrap().to_string();
    repo.reference(&branch, parent.unwrap(), true, "bench history").unwrap();
}

/// Runs `systemcraft trend` in `root`; returns the time and the number of rows.
fn trend(root: &Path) -> (Duration, usize) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_systemcraft"))
        .args(["-w", root.to_str().unwrap(), "trend"])
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .output()
        .expect("run systemcraft trend");
    let took = started.elapsed();
    assert!(out.status.success(), "trend failed: {}", String::from_utf8_lossy(&out.stderr));
    let rows = String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with("20")).count();
    (took, rows)
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let days = args.first().copied().unwrap_or(1000);
    let cold_runs = args.get(1).copied().unwrap_or(5);
    let warm_runs = args.get(2).copied().unwrap_or(20);

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let started = Instant::now();
    generate(&root, days);
    println!("generated {days} commits in {:.0} ms", started.elapsed().as_secs_f64() * 1e3);
    let cache = root.join(".systemcraft/trend-cache.json");

    let mut cold = Vec::new();
    for _ in 0..cold_runs {
        let _ = std::fs::remove_file(&cache);
        let (took, rows) = trend(&root);
        assert_eq!(rows, days);
        cold.push(took);
    }
    let mut warm = Vec::new();
    for _ in 0..warm_runs {
        let (took, rows) = trend(&root);
        assert_eq!(rows, days);
        warm.push(took);
    }
    let (cm, cp) = common::stats(cold.clone());
    let (wm, wp) = common::stats(warm);
    println!("trend, {days} days, cold cache ({cold_runs} runs): median {}  p95 {}", common::ms(cm), common::ms(cp));
    println!("trend, {days} days, warm cache ({warm_runs} runs): median {}  p95 {}", common::ms(wm), common::ms(wp));
    println!("cold per day scored: {:.3} ms", cm.as_secs_f64() * 1e3 / days as f64);
}
