//! The synthetic workspace generator shared by the benchmarks (`benches/common`) and
//! the `genworkspace` example: N notes from a fixed seed, in the mix and sizes of a
//! real preparation — 30% STAR stories (250–700 words), 50% daily logs (one a day,
//! going back from yesterday, 0–4 coding problems, design and behavioral minutes,
//! rehearsals), 10% system designs (400–1,600 words) and 10% mock interviews, plus
//! the profile, a completed assessment and one study plan. About 1 in 50 notes
//! carries a mistake a person makes (a misspelt principle, a bad date), so the
//! diagnostics path is exercised too. The same seed and N always give the same bytes.
//!
//! Self-contained (std and jiff only) so that the example can include it by path.

#![allow(dead_code)]

use std::path::Path;

/// The default seed.
pub const SEED: u64 = 0x5157_2026;

/// The day the workspace is generated for; logs end the day before.
pub const TODAY: &str = "2026-11-25";

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
/// The five scenario slugs.
pub const SCENARIOS: [&str; 5] =
    ["technical-leadership", "people-leadership", "cross-functional-influence", "failure-and-learning", "innovation"];
const TOPICS: [&str; 10] = [
    "caching",
    "sharding",
    "rate limiting",
    "consistent hashing",
    "queues",
    "leader election",
    "search indexing",
    "cdn",
    "replication",
    "idempotency",
];
const WORDS: [&str; 48] = [
    "the",
    "team",
    "service",
    "latency",
    "customers",
    "we",
    "migration",
    "design",
    "on-call",
    "traffic",
    "cache",
    "database",
    "rollout",
    "incident",
    "review",
    "metrics",
    "cost",
    "partner",
    "roadmap",
    "quarter",
    "release",
    "queue",
    "p99",
    "region",
    "failover",
    "budget",
    "hiring",
    "mentoring",
    "stakeholders",
    "trade-off",
    "deadline",
    "dashboards",
    "alarms",
    "capacity",
    "throughput",
    "schema",
    "backfill",
    "launch",
    "experiment",
    "feedback",
    "ownership",
    "scope",
    "risk",
    "plan",
    "tests",
    "deploys",
    "pages",
    "errors",
];
const ACTIONS: [&str; 8] = [
    "I profiled the hot path and found a lock in the cart cache.",
    "I wrote a one-page proposal and got two teams to agree on the interface.",
    "I led the rollout behind a flag, one region at a time.",
    "I set up a weekly review of the error budget with the product manager.",
    "I paired with the two new engineers until they owned the runbook.",
    "I pushed back on the launch date and explained the risk with data.",
    "I built a load test that replayed a day of production traffic.",
    "I cut the scope to what customers asked for and shipped in six weeks.",
];
const RESULTS: [&str; 6] = [
    "p99 latency fell from 900 ms to 280 ms and pages dropped by 80%.",
    "We saved $1.2M a year in compute and kept availability at 99.99%.",
    "Checkout conversion rose 3% for 12M monthly users.",
    "The migration finished two weeks early with zero customer-facing incidents.",
    "Both engineers were promoted within a year.",
    "Deploys went from weekly to 20 a day.",
];

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// One of `items`.
    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

/// Writes `text` at `rel` under `root`, creating folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// `words` words of plain prose, in sentences.
fn prose(rng: &mut Rng, words: u64) -> String {
    let mut out = String::new();
    for i in 0..words {
        let w = rng.pick(&WORDS);
        if i % 14 == 0 {
            if i > 0 {
                out.push_str(". ");
            }
            let mut c = w.chars();
            out.extend(c.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(c.as_str());
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(".\n");
    out
}

/// What [`generate_seeded`] wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Generated {
    /// Notes (stories, logs, designs, mocks; the plan and assessment not counted).
    pub notes: usize,
    /// Bytes of every file written.
    pub bytes: u64,
}

/// A workspace of `notes` notes from the default [`SEED`].
pub fn generate(root: &Path, notes: usize) -> Generated {
    generate_seeded(root, notes, SEED)
}

/// A workspace of `notes` notes from `seed`.
pub fn generate_seeded(root: &Path, notes: usize, seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let mut g = Generated::default();
    let put = |rel: &str, text: &str, g: &mut Generated| {
        write(root, rel, text);
        g.bytes += text.len() as u64;
    };
    put(
        "systemcraft.yaml",
        "name: Bench Candidate\ntrack: senior-to-l6\ntarget_level: L6\ntimeline: balanced\nstart_date: 2026-06-01\ninterview_date: 2027-02-15\nplan: plans/twelve-week-comprehensive.md\n",
        &mut g,
    );
    let mut assessment = String::from("---\nform: quick\nanswers:\n");
    for item in systemcraft::domain::assessment::Form::Quick.items() {
        assessment.push_str(&format!("  {}: {}\n", item.id, rng.range(2, 5)));
    }
    assessment.push_str("---\n# Self-assessment\n");
    put("assessment.md", &assessment, &mut g);
    let mut plan = String::from("---\npath: twelve-week-comprehensive\nstart: 2026-09-01\n---\n");
    for week in 1..=12 {
        plan.push_str(&format!("\n## Week {week}\n"));
        for t in 0..6 {
            let done = if week < 12 && rng.range(0, 12) > week { "x" } else { " " };
            plan.push_str(&format!("- [{done}] {} ({t})\n", prose(&mut rng, 6).trim_end()));
        }
    }
    put("plans/twelve-week-comprehensive.md", &plan, &mut g);

    let today: jiff::civil::Date = TODAY.parse().unwrap();
    let stories = notes.div_ceil(10) * 3;
    let mut log_day = 0i64;
    for i in 0..notes {
        let mistake = rng.one_in(50);
        match i % 10 {
            0..=2 => {
                let n = i / 10 * 3 + i % 10;
                let principles = [rng.pick(&PRINCIPLES), rng.pick(&PRINCIPLES), rng.pick(&PRINCIPLES)];
                let principles = if mistake {
                    format!("[{}, ownersip]", principles[0])
                } else {
                    format!("[{}, {}, {}]", principles[0], principles[1], principles[2])
                };
                let words = rng.range(250, 700);
                let action: String =
                    (0..rng.range(2, 5)).map(|_| format!("{} ", rng.pick(&ACTIONS))).collect::<String>();
                let text = format!(
                    "---\ntitle: Story {n} about {}\nscenario: {}\nprinciples: {principles}\nstatus: {}\nhappened: 20{:02}-{:02}\ncreated: 2026-{:02}-{:02}\nimpact: {}\n---\n## Situation\n{}\n## Task\n{}\n## Action\n{action}\n{}\n## Result\n{}\n{}\n## Learnings\n{}",
                    rng.pick(&TOPICS),
                    rng.pick(&SCENARIOS),
                    rng.pick(&["draft", "refined", "ready", "ready"]),
                    rng.range(15, 25),
                    rng.range(1, 12),
                    rng.range(6, 11),
                    rng.range(1, 28),
                    rng.pick(&RESULTS),
                    prose(&mut rng, words / 4),
                    prose(&mut rng, words / 8),
                    prose(&mut rng, words / 3),
                    rng.pick(&RESULTS),
                    prose(&mut rng, words / 8),
                    prose(&mut rng, words / 8),
                );
                put(&format!("stories/story-{n}.md"), &text, &mut g);
            }
            3..=7 => {
                log_day += 1;
                let date = today.checked_sub(jiff::Span::new().days(log_day)).unwrap();
                let mut text = format!(
                    "---\ndate: {}\ncoding:\n",
                    if mistake { "2026-13-01".to_string() } else { date.to_string() }
                );
                for p in 0..rng.range(0, 4) {
                    text.push_str(&format!(
                        "  - problem: Problem {i}-{p}\n    difficulty: {}\n    minutes: {}\n    solved: {}\n",
                        rng.pick(&["easy", "medium", "medium", "hard"]),
                        rng.range(10, 60),
                        rng.pick(&["true", "true", "false"])
                    ));
                }
                let story = rng.range(0, stories.max(1) as u64 - 1);
                text.push_str(&format!(
                    "design:\n  minutes: {}\n  topic: {}\nbehavioral:\n  minutes: {}\n  stories: [story-{story}]\n",
                    rng.range(0, 60),
                    rng.pick(&TOPICS),
                    rng.range(0, 30)
                ));
                if rng.one_in(3) {
                    text.push_str(&format!(
                        "rehearsals:\n  - story: story-{story}\n    rating: {}\n    seconds: {}\n",
                        rng.pick(&["again", "hard", "good", "easy"]),
                        rng.range(90, 240)
                    ));
                }
                let words = rng.range(20, 120);
                text.push_str(&format!("---\n{}", prose(&mut rng, words)));
                put(&format!("logs/{date}.md"), &text, &mut g);
            }
            8 => {
                let words = rng.range(400, 1600);
                let text = format!(
                    "---\ntitle: Design {i} on {}\nstatus: {}\ndate: 2026-{:02}-{:02}\nscale: {}M\nlevel: {}\n---\n## Requirements\n{}\n## High-level design\n{}\n## Deep dive\n{}\n## Trade-offs\n{}",
                    rng.pick(&TOPICS),
                    rng.pick(&["outline", "complete"]),
                    rng.range(6, 11),
                    rng.range(1, 28),
                    rng.range(1, 500),
                    rng.pick(&["L6", "L7"]),
                    prose(&mut rng, words / 5),
                    prose(&mut rng, words / 3),
                    prose(&mut rng, words / 3),
                    prose(&mut rng, words / 7),
                );
                put(&format!("designs/design-{i}.md"), &text, &mut g);
            }
            _ => {
                let date = today.checked_sub(jiff::Span::new().days(rng.range(1, 180) as i64)).unwrap();
                let story = rng.range(0, stories.max(1) as u64 - 1);
                let words = rng.range(60, 300);
                let text = format!(
                    "---\ndate: {date}\nkind: {}\npartner: Peer {}\nratings:\n  behavioral: {}\n  system-design: {}\nstories: [\"[[story-{story}]]\"]\n---\n## Feedback\n{}",
                    rng.pick(&["behavioral", "system-design", "coding", "full-loop"]),
                    rng.range(1, 40),
                    rng.range(1, 5),
                    rng.range(1, 5),
                    prose(&mut rng, words),
                );
                put(&format!("mocks/{date}-mock-{i}.md"), &text, &mut g);
            }
        }
        g.notes += 1;
    }
    g
}
