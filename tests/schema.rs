//! The front-matter schema of each kind of note: a fully valid note is read without a
//! diagnostic and its values reach `build --json`; an invalid variant is reported and
//! used as far as it can be. Also: which files are never parsed.

use serde_json::{json, Value};

use crate::testenv::{self, located, story, Env};

/// `build --json` must succeed and not panic.
fn model(env: &Env) -> Value {
    let r = env.run(&["build", "--json"]);
    assert_eq!(r.code, 0, "build --json failed:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("valid JSON")
}

fn expect(json: &Value, expected: &[(&str, u64, u64, &str)]) {
    let mut want: Vec<(String, u64, u64, String)> =
        expected.iter().map(|(p, l, c, code)| (p.to_string(), *l, *c, code.to_string())).collect();
    want.sort();
    assert_eq!(located(json), want, "{:#}", json["diagnostics"]);
}

fn no_diagnostics(json: &Value) {
    assert!(testenv::diagnostics(json).is_empty(), "{:#}", json["diagnostics"]);
}

fn diagnostic<'a>(json: &'a Value, path: &str, code: &str) -> &'a Value {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path && d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} on {path}: {:#}", json["diagnostics"]))
}

fn week_goal<'a>(json: &'a Value, key: &str) -> &'a Value {
    json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == key).unwrap()
}

fn files_of(json: &Value, bar: &str, key: &str) -> Vec<String> {
    let bar = json["bars"].as_array().unwrap().iter().find(|b| b["key"] == bar).unwrap();
    let c = bar["components"].as_array().unwrap().iter().find(|c| c["key"] == key).unwrap();
    c["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect()
}

fn readiness_multiplier(json: &Value) -> &Value {
    &json["bars"].as_array().unwrap().iter().find(|b| b["key"] == "readiness").unwrap()["multiplier"]
}

const STORY: &str = "\
---
title: Cutting checkout latency in half
scenario: technical-leadership
principles: [dive-deep, Deliver Results]
status: ready
happened: 2025-03
created: 2026-11-24
impact: p99 from 900 ms to 420 ms; cart abandonment down 6%
---
## Situation
I managed the checkout team of nine engineers.
## Task
Bring p99 under 500 ms before the holiday freeze.
## Action
I traced every call and batched the pricing requests.
## Result
p99 fell from 900 ms to 420 ms.
";

// ---------------------------------------------------------------------------------
// story
// ---------------------------------------------------------------------------------

#[test]
fn a_valid_story_reaches_the_portfolio() {
    let env = Env::init();
    env.write("stories/checkout-latency.md", STORY);
    let json = model(&env);
    no_diagnostics(&json);
    assert_eq!(json["counts"]["stories"], 1);
    let s = story(&json, "checkout-latency");
    assert_eq!(s["path"], "stories/checkout-latency.md");
    assert_eq!(s["title"], "Cutting checkout latency in half");
    assert_eq!(s["scenario"], "technical-leadership");
    assert_eq!(s["status"], "ready");
    // Its telling is far under two minutes (a STAR warning): counted as refined.
    assert_eq!(s["credited"], "refined");
    assert_eq!(s["principles"], json!(["dive-deep", "deliver-results"]));
    assert_eq!(s["happened"], "2025-03");
    assert!(s["words"].as_u64().unwrap() > 20, "{s}");
    let row = json["portfolio"]["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["scenario"] == "technical-leadership")
        .unwrap();
    assert_eq!(row["refined"], json!(["checkout-latency"]));
    assert_eq!(row["credit"], 0.5);
    let dive =
        json["portfolio"]["principles"].as_array().unwrap().iter().find(|r| r["principle"] == "dive-deep").unwrap();
    assert_eq!(dive["stories"], json!(["checkout-latency"]));
    assert_eq!(dive["strong"], 1);
    // Written this week (created 2026-11-24), and a story marked ready is due for
    // rehearsal (the schedule follows the declared status).
    assert_eq!(week_goal(&json, "stories")["files"], json!(["stories/checkout-latency.md"]));
    assert_eq!(json["rehearsals"][0]["story"], "checkout-latency");
}

#[test]
fn an_invalid_story_is_reported_and_kept_as_a_draft() {
    let env = Env::init();
    env.write(
        "stories/bad.md",
        "---\nscenario: technical-leadership\nprinciples: [dive-deep, frugalty]\nstatus: [draft]\nhappened: someday\nimpact: {p99: 420}\n---\n## Situation\nx\n",
    );
    let json = model(&env);
    expect(
        &json,
        &[
            ("stories/bad.md", 1, 1, "schema/missing-field"),
            ("stories/bad.md", 3, 25, "schema/unknown-principle"),
            ("stories/bad.md", 4, 9, "schema/type"),
            ("stories/bad.md", 5, 11, "schema/bad-date"),
            ("stories/bad.md", 6, 9, "schema/type"),
        ],
    );
    assert!(diagnostic(&json, "stories/bad.md", "schema/unknown-principle")["hint"]
        .as_str()
        .unwrap()
        .contains("`frugality`"));
    let s = story(&json, "bad");
    assert_eq!(s["title"], "bad", "a story without a title is shown by its id");
    assert_eq!(s["status"], "draft");
    assert_eq!(s["scenario"], "technical-leadership");
    assert_eq!(s["principles"], json!(["dive-deep"]));
    assert!(s["happened"].is_null());
}

#[test]
fn a_refined_story_needs_a_scenario_but_a_draft_does_not() {
    let env = Env::init();
    env.write("stories/draft.md", "---\ntitle: Draft\nstatus: draft\n---\n");
    env.write("stories/refined.md", "---\ntitle: Refined\nscenario:\nstatus: refined\n---\n");
    let json = model(&env);
    expect(&json, &[("stories/refined.md", 4, 1, "schema/missing-field")]);
    assert_eq!(diagnostic(&json, "stories/refined.md", "schema/missing-field")["severity"], "warning");
    assert!(story(&json, "draft")["scenario"].is_null());
}

// ---------------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------------

const LOG: &str = "\
---
date: 2026-11-25
coding:
  - problem: LRU cache
    difficulty: medium
    minutes: 35
    solved: true
  - problem: Median of two sorted arrays
    difficulty: hard
    minutes: 45
    solved: false
design:
  minutes: 30
  topic: consistent hashing
behavioral:
  minutes: 15
  stories: [checkout-latency]
rehearsals:
  - story: checkout-latency
    rating: good
    seconds: 150
---
## Notes
";

#[test]
fn a_valid_log_fills_todays_minimums_and_the_week() {
    let env = Env::init();
    env.write("stories/checkout-latency.md", STORY);
    env.write("logs/2026-11-25.md", LOG);
    let json = model(&env);
    no_diagnostics(&json);
    assert_eq!(json["counts"]["logs"], 1);
    let today = &json["today_goals"];
    assert_eq!(today["log"], "logs/2026-11-25.md");
    let done: Vec<u64> = today["minimums"].as_array().unwrap().iter().map(|m| m["done"].as_u64().unwrap()).collect();
    // Two problems; 30 design minutes; 15 behavioral minutes plus 150 s of rehearsal.
    assert_eq!(done, vec![2, 30, 17]);
    assert!(today["minimums"].as_array().unwrap().iter().all(|m| m["met"] == true), "{today}");
    assert_eq!(today["streak"], 1);
    // Only the solved problem counts toward the week; every minute does.
    assert_eq!(week_goal(&json, "coding_problems")["done"], 1);
    assert_eq!(week_goal(&json, "coding_problems")["files"], json!(["logs/2026-11-25.md"]));
    assert_eq!(json["week"]["minutes"], 35 + 45 + 30 + 17);
    // The rehearsal was read: rated good today, the ready story is no longer due.
    assert_eq!(json["rehearsals"], json!([]));
    assert_eq!(files_of(&json, "technical", "coding_pace"), vec!["logs/2026-11-25.md"]);
}

#[test]
fn an_invalid_log_is_reported_and_its_good_parts_still_count() {
    let env = Env::init();
    env.write(
        "logs/2026-11-25.md",
        "---\ndate: 2026-11-25\ncoding:\n  - problem: Two sum\n    difficulty: trivial\n    solved: yes\n  - just a name\ndesign: 30\nbehavioral:\n  minutes: 20\nrehearsals:\n  - story: nowhere\n    rating: meh\n---\n",
    );
    let json = model(&env);
    expect(
        &json,
        &[
            ("logs/2026-11-25.md", 5, 5, "schema/unknown-value"),
            ("logs/2026-11-25.md", 7, 3, "schema/type"),
            ("logs/2026-11-25.md", 8, 9, "schema/type"),
            ("logs/2026-11-25.md", 13, 5, "schema/unknown-value"),
        ],
    );
    assert!(diagnostic(&json, "logs/2026-11-25.md", "schema/type")["message"]
        .as_str()
        .unwrap()
        .contains("set of fields"));
    let done: Vec<u64> =
        json["today_goals"]["minimums"].as_array().unwrap().iter().map(|m| m["done"].as_u64().unwrap()).collect();
    assert_eq!(done, vec![1, 0, 20]);
    assert_eq!(week_goal(&json, "coding_problems")["done"], 1, "`solved: yes` is true");
}

// ---------------------------------------------------------------------------------
// design
// ---------------------------------------------------------------------------------

#[test]
fn a_valid_design_counts_as_design_practice() {
    let env = Env::init();
    env.write(
        "designs/rate-limiter.md",
        &format!(
            "---\ntitle: Global rate limiter\nstatus: complete\ndate: 2026-11-24\nscale: 10M\nlevel: L6\nminutes: 60\n---\n{}",
            testenv::FULL_DESIGN_BODY
        ),
    );
    env.write("designs/feed.md", "---\ntitle: News feed\nstatus: outline\ndate: 2026-11-24\nscale: 100,000,000\n---\n");
    let json = model(&env);
    no_diagnostics(&json);
    assert_eq!(json["counts"]["designs"], 2);
    // Only the complete one counts.
    assert_eq!(files_of(&json, "technical", "design_practice"), vec!["designs/rate-limiter.md"]);
    assert_eq!(testenv::component(&json, "technical", "design_practice"), 1.0 / 8.0);
    assert_eq!(week_goal(&json, "designs")["done"], 1);
    assert_eq!(week_goal(&json, "designs")["files"], json!(["designs/rate-limiter.md"]));
}

#[test]
fn an_invalid_design_is_reported_and_not_counted_as_complete() {
    let env = Env::init();
    env.write(
        "designs/bad.md",
        "---\ntitle: Bad design\nstatus: finished\ndate: 2026-11-24\nscale: lots of users\nlevel: L9\nminutes: an hour\n---\n",
    );
    let json = model(&env);
    expect(
        &json,
        &[
            ("designs/bad.md", 3, 9, "schema/unknown-status"),
            ("designs/bad.md", 5, 8, "schema/type"),
            ("designs/bad.md", 6, 8, "schema/unknown-value"),
            ("designs/bad.md", 7, 10, "schema/type"),
        ],
    );
    assert!(diagnostic(&json, "designs/bad.md", "schema/unknown-value")["hint"].as_str().unwrap().contains("L6"));
    assert_eq!(json["counts"]["designs"], 1);
    assert!(files_of(&json, "technical", "design_practice").is_empty());
}

// ---------------------------------------------------------------------------------
// mock
// ---------------------------------------------------------------------------------

#[test]
fn a_valid_mock_lifts_readiness_and_links_its_stories() {
    let env = Env::init();
    env.write("stories/checkout-latency.md", STORY);
    env.write(
        "mocks/2026-11-24-loop.md",
        "---\ndate: 2026-11-24\nkind: Full Loop\npartner: Priya\nminutes: 60\nratings:\n  behavioral: 3\n  system-design: 4\n  coding: 4\nstories: [\"[[checkout-latency]]\"]\n---\nAlso told [[checkout-latency|the checkout story]].\n",
    );
    let json = model(&env);
    no_diagnostics(&json);
    assert_eq!(json["counts"]["mocks"], 1);
    let m = readiness_multiplier(&json);
    assert_eq!(m["mocks"], 1);
    assert_eq!(m["files"], json!(["mocks/2026-11-24-loop.md"]));
    // Rated 3, 4 and 4: a mean of 3.67, quality (3.67 − 1) / 4 = 0.6667; one mock of
    // the 3 that give the full factor: 0.7 + 0.3 × 1/3 × 0.6667 = 0.7667.
    assert_eq!(m["factor"], 0.7667);
    assert_eq!(week_goal(&json, "mocks")["done"], 1);
    assert_eq!(json["week"]["minutes"], 60);
}

#[test]
fn an_invalid_mock_is_reported_and_still_counts() {
    let env = Env::init();
    env.write(
        "mocks/2026-11-24-bad.md",
        "---\ndate: 2026-11-24\nkind: panel\nminutes: -30\nratings:\n  behavioral: great\n  coding: 9\n  system-design: 3\nstories: [ghost]\n---\n",
    );
    env.write("mocks/2026-11-23-undated.md", "---\nkind: coding\nratings: 4\n---\n");
    let json = model(&env);
    expect(
        &json,
        &[
            ("mocks/2026-11-23-undated.md", 1, 1, "schema/missing-field"),
            ("mocks/2026-11-23-undated.md", 3, 10, "schema/type"),
            ("mocks/2026-11-24-bad.md", 3, 7, "schema/unknown-value"),
            ("mocks/2026-11-24-bad.md", 4, 10, "schema/type"),
            ("mocks/2026-11-24-bad.md", 6, 3, "schema/type"),
            ("mocks/2026-11-24-bad.md", 7, 3, "schema/out-of-range"),
            ("mocks/2026-11-24-bad.md", 9, 11, "link/unknown-story"),
        ],
    );
    assert!(diagnostic(&json, "mocks/2026-11-24-bad.md", "schema/unknown-value")["hint"]
        .as_str()
        .unwrap()
        .contains("full-loop"));
    // The dated one counts (its one valid rating says it took place); the undated one
    // cannot be placed in the window.
    assert_eq!(readiness_multiplier(&json)["files"], json!(["mocks/2026-11-24-bad.md"]));
    assert_eq!(json["counts"]["mocks"], 2);
}

// ---------------------------------------------------------------------------------
// plan
// ---------------------------------------------------------------------------------

const PLAN: &str = "\
---
path: six-week-intensive
start: 2026-11-16
---
# Six weeks

## Week 1
- [x] Write the first two stories
- [ ] Solve 10 mediums

## Week 2
- [x] Design a rate limiter
- [X] Design a news feed
- [ ] Run a mock
- [ ] Rehearse every ready story
";

#[test]
fn a_valid_plan_reports_its_progress() {
    let env = Env::init();
    env.write("plans/six-week.md", PLAN);
    let json = model(&env);
    no_diagnostics(&json);
    assert_eq!(json["counts"]["plans"], 1);
    let p = &json["plan"];
    assert_eq!(p["path"], "plans/six-week.md");
    assert_eq!(p["study_path"], "six-week-intensive");
    assert_eq!(p["start"], "2026-11-16");
    assert_eq!(p["week"], 2);
    assert_eq!(p["done"], 3);
    assert_eq!(p["total"], 6);
    assert_eq!(p["late"], json!([{"week": 1, "text": "Solve 10 mediums", "line": 9}]));
}

#[test]
fn an_invalid_plan_is_reported_and_its_tasks_still_count() {
    let env = Env::init();
    env.write(
        "plans/bad.md",
        PLAN.replace("six-week-intensive", "two-week-sprint").replace("2026-11-16", "next monday").as_str(),
    );
    let json = model(&env);
    expect(&json, &[("plans/bad.md", 2, 7, "schema/unknown-value"), ("plans/bad.md", 3, 8, "schema/bad-date")]);
    let p = &json["plan"];
    assert_eq!(p["path"], "plans/bad.md");
    assert!(p["study_path"].is_null());
    assert!(p["start"].is_null());
    assert!(p["week"].is_null());
    assert_eq!(p["done"], 3);
    assert_eq!(p["total"], 6);
}

// ---------------------------------------------------------------------------------
// assessment
// ---------------------------------------------------------------------------------

// (No `\` continuation here: it would eat the first line's indentation.)
const ANSWERS: &str = "  design-at-scale: 3
  coding-speed: 2
  aws-production: 4
  distributed-tradeoffs: 3
  team-size: 5
  quantified-impact: 3
  influence: 4
  technical-strategy: 3
  lp-knowledge: 2
  lp-examples: 2
  interview-format: 3
  level-expectations: 4
";

#[test]
fn a_valid_assessment_is_scored() {
    let env = Env::init();
    env.write(
        "assessment.md",
        &format!("---\nform: Quick\ntaken: 2026-11-25\nanswers:\n{ANSWERS}---\n# Self-assessment\n"),
    );
    let json = model(&env);
    no_diagnostics(&json);
    let a = &json["assessment"];
    assert_eq!(a["status"], "taken");
    assert_eq!(a["taken"], "2026-11-25");
    assert_eq!(a["form"], "quick");
    // round(100 × 38 / 60) = 63.
    assert_eq!(a["score"], 63);
    assert_eq!(a["path"], "twelve-week-comprehensive");
    let sums: Vec<(String, u64)> = a["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["category"].as_str().unwrap().to_string(), c["sum"].as_u64().unwrap()))
        .collect();
    assert_eq!(sums, vec![("technical".into(), 12), ("leadership".into(), 15), ("cultural".into(), 11)]);
    assert_eq!(testenv::component(&json, "technical", "self_rating"), 0.6);
    assert_eq!(json["profile"]["path"], "twelve-week-comprehensive");
    assert_ne!(json["actions"][0]["title"], "Take the self-assessment");
}

#[test]
fn an_invalid_assessment_is_reported_and_left_partial() {
    let env = Env::init();
    let answers = ANSWERS
        .replace("coding-speed: 2", "coding-speed: 9")
        .replace("team-size: 5", "team-sise: 5")
        .replace("influence: 4", "influence: a lot");
    env.write("assessment.md", &format!("---\nform: weekly\ntaken: yesterday\nanswers:\n{answers}---\n"));
    let json = model(&env);
    expect(
        &json,
        &[
            ("assessment.md", 2, 7, "schema/unknown-value"),
            ("assessment.md", 3, 8, "schema/bad-date"),
            ("assessment.md", 6, 3, "schema/out-of-range"),
            ("assessment.md", 9, 3, "assessment/unknown-item"),
            ("assessment.md", 11, 3, "schema/type"),
        ],
    );
    let unknown = diagnostic(&json, "assessment.md", "assessment/unknown-item");
    assert_eq!(unknown["severity"], "warning");
    assert!(unknown["hint"].as_str().unwrap().contains("`team-size`"), "{unknown}");
    // An unknown form falls back to quick; 9 of its 12 answers are usable.
    let a = &json["assessment"];
    assert_eq!(a["status"], "partial");
    assert_eq!(a["form"], "quick");
    assert_eq!(a["answered"], 9);
    assert_eq!(a["total"], 12);
    assert_eq!(json["actions"][0]["target"], "systemcraft assess");
}

// ---------------------------------------------------------------------------------
// What is never parsed
// ---------------------------------------------------------------------------------

#[test]
fn hidden_folders_readmes_reference_and_other_files_are_not_parsed() {
    let env = Env::init();
    let broken = "---\ntitle: [never closed\n";
    for rel in [
        ".obsidian/workspace.md",
        ".obsidian/templates/story.md",
        "stories/.trash/old-story.md",
        "stories/.draft.md",
        "logs/.sync/2026-11-25.md",
        ".systemcraft/cache.md",
        "stories/README.md",
        "logs/README.md",
        "designs/readme.md",
        "mocks/README.md",
        "plans/README.md",
        "reference/my-notes.md",
        "reference/stories/copied.md",
        "notes.md",
        "stories/notes.txt",
        "stories/story.markdown",
        "stories/old.md.bak",
        "stories/draft.md~",
        "logs/2026-11-25.yaml",
        "designs/diagram.svg",
    ] {
        env.write(rel, broken);
    }
    env.write_bytes("stories/photo.png", &[0x89, b'P', b'N', b'G', 0xff, 0x00]);
    let json = model(&env);
    no_diagnostics(&json);
    for kind in ["stories", "logs", "designs", "mocks", "plans"] {
        assert_eq!(json["counts"][kind], 0, "{kind}: {}", json["counts"]);
    }
    assert_eq!(json["counts"]["examples"], 4);
    assert!(json["portfolio"]["stories"].as_array().unwrap().is_empty());
    assert!(json["today_goals"]["log"].is_null());
    assert!(json["plan"].is_null());
    // The same holds for the dashboard.
    env.run_ok(&["build"]);
    assert!(env.read("DASHBOARD.md").contains("None: every note was read."));
}

#[test]
fn example_notes_are_parsed_and_checked_but_not_counted() {
    let env = Env::init();
    env.write(
        "stories/mine.md",
        "---\ntitle: Mine\nscenario: innovation\nstatus: ready\nexample: true\nprincipels: [x]\n---\n",
    );
    env.write("stories/broken-example.md", "---\ntitle: Broken example\nstatus: redy\nexample: true\n---\n");
    let json = model(&env);
    // Still checked...
    expect(&json, &[("stories/broken-example.md", 3, 9, "schema/unknown-status")]);
    // ...never counted.
    assert_eq!(json["counts"]["stories"], 0);
    assert_eq!(json["counts"]["examples"], 6);
    assert!(json["portfolio"]["stories"].as_array().unwrap().is_empty());
}
