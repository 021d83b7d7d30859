//! Shared by the benchmarks: a generator of synthetic workspaces (30% stories, 50%
//! logs, 10% designs, 10% mocks), the same for every run, and median/p95 helpers.

#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

const PRINCIPLES: [&str; 16] = [
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone",
    "deliver-results",
    "earths-best-employer",
    "success-and-scale",
];
const SCENARIOS: [&str; 5] =
    ["technical-leadership", "people-leadership", "cross-functional-influence", "failure-and-learning", "innovation"];

pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A workspace of `notes` notes: 30% stories, 50% logs, 10% designs, 10% mocks.
pub fn generate(root: &Path, notes: usize) {
    write(
        root,
        "systemcraft.yaml",
        "name: Bench\ntrack: senior-to-l6\ntarget_level: L6\ntimeline: balanced\nstart_date: 2020-01-01\n",
    );
    let start: jiff::civil::Date = "2000-01-01".parse().unwrap();
    let story_body = "## Situation\nOur checkout service slowed down during peak traffic and the team was paged nightly.\n\n## Task\nI owned bringing p99 latency under 300 ms before the holiday season.\n\n## Action\nI profiled the service, found a lock in the cart cache, and proposed a sharded design. I wrote the plan, got agreement from two teams, and led the rollout behind a flag.\n\n## Result\np99 fell from 900 ms to 280 ms and pages dropped by 80%.\n";
    for i in 0..notes {
        match i % 10 {
            0..=2 => write(
                root,
                &format!("stories/story-{i}.md"),
                &format!(
                    "---\ntitle: Story {i}\nscenario: {}\nprinciples: [{}, {}]\nstatus: {}\nhappened: 2025-0{}\ncreated: 2026-11-01\n---\n{story_body}",
                    SCENARIOS[i % 5],
                    PRINCIPLES[i % 16],
                    PRINCIPLES[(i / 3) % 16],
                    ["draft", "refined", "ready"][i % 3],
                    1 + i % 9
                ),
            ),
            3..=7 => {
                let date = start.checked_add(jiff::Span::new().days(i as i64)).unwrap();
                write(
                    root,
                    &format!("logs/{date}.md"),
                    &format!(
                        "---\ndate: {date}\ncoding:\n  - problem: P{i}\n    difficulty: medium\n    minutes: 35\n    solved: true\ndesign:\n  minutes: 30\n  topic: caching\nbehavioral:\n  minutes: 15\n  stories: [story-{}]\nrehearsals:\n  - story: story-{}\n    rating: good\n    seconds: 150\n---\nNotes.\n",
                        i / 10 * 10,
                        i / 10 * 10
                    ),
                )
            }
            8 => write(root, &format!("designs/design-{i}.md"), "---\ntitle: D\nstatus: complete\ndate: 2026-11-20\nscale: 10M\nlevel: L6\n---\n## Requirements\n"),
            _ => write(root, &format!("mocks/2026-11-20-mock-{i}.md"), "---\ndate: 2026-11-20\nkind: behavioral\nstories: [\"[[story-0]]\"]\n---\n"),
        }
    }
}

/// Median and 95th percentile.
pub fn stats(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    let median = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95).ceil() as usize).saturating_sub(1).min(v.len() - 1)];
    (median, p95)
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
