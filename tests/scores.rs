//! The scoring model end to end: hand-made workspaces with known contents, every bar
//! component checked against a value computed by hand (the arithmetic is in the
//! comment next to each assertion), plus the assessment, the streak, the week, the
//! overrides in systemcraft.yaml, the next actions and the profile.
//!
//! Today is pinned to 2026-11-25 (a Wednesday): the 28-day window is 2026-10-29 ..
//! 2026-11-25 and the week is Mon 2026-11-23 .. Sun 2026-11-29.

use serde_json::Value;

use crate::testenv::{self, Env, COMPLETE_BOUNDARIES, COMPLETE_IDS, QUICK_IDS};

/// Values are rounded to 4 decimals in the JSON.
const EPS: f64 = 1e-4;

const PROFILE: &str = "name: Test Candidate
track: senior-to-l6
target_level: L6
timeline: balanced
start_date: 2026-11-01
interview_date: 2027-01-20
";

/// Asserts a text (a component's `detail`, a label) names each of `parts`: the
/// numbers behind a value, not the exact wording.
#[track_caller]
fn mentions(text: &Value, parts: &[&str]) {
    let text = text.as_str().expect("a string");
    for part in parts {
        assert!(text.contains(part), "{text:?} does not mention {part:?}");
    }
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < EPS, "got {actual}, expected {expected}");
}

/// A component's JSON object.
fn comp_json<'a>(json: &'a Value, bar: &str, key: &str) -> &'a Value {
    json["bars"].as_array().unwrap().iter().find(|b| b["key"] == bar).unwrap()["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("no component {bar}.{key}"))
}

fn bar_json<'a>(json: &'a Value, key: &str) -> &'a Value {
    json["bars"].as_array().unwrap().iter().find(|b| b["key"] == key).unwrap()
}

fn percent(json: &Value, key: &str) -> u64 {
    bar_json(json, key)["percent"].as_u64().unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// A weekly goal's (done, target).
fn goal(json: &Value, key: &str) -> (u64, u64) {
    let g = json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == key).unwrap();
    (g["done"].as_u64().unwrap(), g["target"].as_u64().unwrap())
}

fn build_on(env: &Env, today: &str) -> Value {
    let r = env.run_ok(&["build", "--json", "--today", today]);
    serde_json::from_str(&r.stdout).expect("valid JSON")
}

fn write_assessment(env: &Env, form: &str, ids: &[&str], answers: &[u8]) {
    assert_eq!(ids.len(), answers.len());
    let mut text = format!("---\nform: {form}\ntaken: 2026-11-20\nanswers:\n");
    for (id, v) in ids.iter().zip(answers) {
        text.push_str(&format!("  {id}: {v}\n"));
    }
    text.push_str("---\n");
    env.write("assessment.md", &text);
}

/// `n` answers from 1 to 5 adding up to `sum` (ones, then filled from the left).
fn answers_summing_to(sum: u32, n: usize) -> Vec<u8> {
    assert!((n as u32..=5 * n as u32).contains(&sum));
    let mut left = sum - n as u32;
    (0..n)
        .map(|_| {
            let extra = left.min(4);
            left -= extra;
            1 + extra as u8
        })
        .collect()
}

/// `n` words of neutral filler: no digit, pronoun or scope word, so it changes only
/// the length checks.
fn filler(n: usize) -> String {
    vec!["detail"; n].join(" ")
}

/// `lead` padded with filler to exactly `words` words.
fn para(lead: &str, words: usize) -> String {
    let have = lead.split_whitespace().count();
    assert!(have <= words);
    format!("{lead} {}", filler(words - have)).trim().to_string()
}

fn star(situation: String, task: String, action: String, result: String) -> String {
    format!("## Situation\n{situation}\n\n## Task\n{task}\n\n## Action\n{action}\n\n## Result\n{result}\n")
}

fn write_story(env: &Env, id: &str, front: &str, body: &str) {
    env.write(&format!("stories/{id}.md"), &format!("---\n{front}---\n{body}"));
}

/// The main hand-made workspace; `extra` is appended to systemcraft.yaml.
///
/// Coding (window 2026-10-29 .. 2026-11-25):
/// - 2026-10-28 (outside): easy solved, medium 50 min solved
/// - 2026-10-29 (first day in): easy solved
/// - 2026-11-20: medium 30 ✓, medium 45 ✓, medium 46 ✓, medium 20 unsolved, hard 40 ✓
/// - 2026-11-24: easy 10 ✓, medium 40 ✓ (and a rehearsal of checkout-latency, good)
/// - 2026-11-26 (future): three mediums 30 min solved (and a rehearsal of on-call)
/// - 2026-11-15: a rehearsal of on-call, good
/// - 2026-11-25 (today): 30 design minutes, nothing else
///
/// Designs: rate-limiter complete 10M (11-10), url-shortener complete 1M (11-24),
/// chat outline 100M (11-22), news-feed complete 10M (10-20, outside).
/// Mocks: 2026-11-18 (in), 2026-10-20 (outside).
///
/// Stories (id: scenario, status, principles):
/// - checkout-latency: technical-leadership, ready, [dive-deep, deliver-results]
/// - on-call: people-leadership, ready, [dive-deep, ownership]
/// - vendor-pushback: cross-functional-influence, ready, [earn-trust, have-backbone, dive-deep]
/// - failed-migration: failure-and-learning, refined, [ownership, learn-and-be-curious]
/// - hackathon: innovation, draft, [invent-and-simplify, think-big]
/// - mentoring: people-leadership, refined, [hire-and-develop-the-best, ownership]
///
/// Assessment (quick): technical 3+2+4+3 = 12, leadership 4+3+4+3 = 14,
/// cultural 5+2+4+3 = 14; total 40.
fn workspace(extra: &str) -> Env {
    let env = Env::empty();
    env.write("systemcraft.yaml", &format!("{PROFILE}{extra}"));
    write_assessment(&env, "quick", &QUICK_IDS, &[3, 2, 4, 3, 4, 3, 4, 3, 5, 2, 4, 3]);

    // Passes all 7 checks: 60 + 40 + 150 + 50 = 300 words (2.1 min), Action largest,
    // "I" ×2 / "we" ×0, a number in the Result, 2025-03 is within 3 years, "40,000
    // customers" is L6 scope.
    write_story(
        &env,
        "checkout-latency",
        "title: Cutting checkout latency in half\nscenario: technical-leadership\nprinciples: [dive-deep, deliver-results]\nstatus: ready\nhappened: 2025-03\ncreated: 2026-11-02\n",
        &star(
            para("Checkout was slow for our 40,000 customers.", 60),
            para("", 40),
            para("I profiled the service and I led the fix.", 150),
            para("p99 fell from 900 ms to 420 ms.", 50),
        ),
    );
    // Same shape (300 words, passes the rest), but happened 2022-06: its last day
    // 2022-06-30 is before 2026-11-25 − 3 years = 2023-11-25, so star/stale fails: 6/7.
    write_story(
        &env,
        "on-call",
        "title: Fixing the on-call rotation\nscenario: people-leadership\nprinciples: [dive-deep, ownership]\nstatus: ready\nhappened: 2022-06\ncreated: 2026-11-05\n",
        &star(
            para("The on-call team of 8 was burning out.", 60),
            para("", 40),
            para("I rebuilt the rotation and I coached the leads.", 150),
            para("Pages fell by 70% in 3 months.", 50),
        ),
    );
    // 160 + 30 + 100 + 40 = 330 words (2.4 min); the Situation (160) outweighs the
    // Action (100), so star/action-not-largest fails: 6/7.
    write_story(
        &env,
        "vendor-pushback",
        "title: Pushing back on a vendor\nscenario: cross-functional-influence\nprinciples: [earn-trust, have-backbone, dive-deep]\nstatus: ready\nhappened: 2024-09\ncreated: 2026-11-06\n",
        &star(
            para("A vendor wanted to change the service contract.", 160),
            para("", 30),
            para("I negotiated the terms myself.", 100),
            para("We saved $200k a year.", 40),
        ),
    );
    // The thin "we" story, a failure story (8 checks). Sections 3/2/3/3 words.
    // Passes: missing-section (all four have words), action-not-largest (3 ≥ 3, 2, 3, 0).
    // Fails: no-metric, we-not-i (I 0, we 1), too-short (11 words), no-learning,
    // stale (2019), scope (no L6 word). 2/8.
    write_story(
        &env,
        "failed-migration",
        "title: The migration that failed\nscenario: failure-and-learning\nprinciples: [ownership, learn-and-be-curious]\nstatus: refined\nhappened: 2019\ncreated: 2026-11-07\n",
        "## Situation\nThings were slow.\n\n## Task\nFix it.\n\n## Action\nWe fixed it.\n\n## Result\nIt was faster.\n",
    );
    // Only a Situation, no `happened` (so no stale check). Passes scope only ("team of
    // 4"): missing-section, no-metric, we-not-i (I 0), too-short (7 words) and
    // action-not-largest (Action 0 words) fail. 1/6.
    write_story(
        &env,
        "hackathon",
        "title: Hackathon prototype\nscenario: innovation\nprinciples: [invent-and-simplify, think-big]\nstatus: draft\ncreated: 2026-11-08\n",
        "## Situation\nOur team of 4 built a prototype.\n",
    );
    // 300 words like the first, but the Action says "we" twice and "I" once:
    // star/we-not-i fails. 6/7.
    write_story(
        &env,
        "mentoring",
        "title: Mentoring two new engineers\nscenario: people-leadership\nprinciples: [hire-and-develop-the-best, ownership]\nstatus: refined\nhappened: 2025-10\ncreated: 2026-11-09\n",
        &star(
            para("Two new engineers joined the team.", 60),
            para("", 40),
            para("We paired weekly and we reviewed designs, and I listened.", 150),
            para("Both shipped a feature within 6 weeks.", 50),
        ),
    );

    env.write(
        "logs/2026-10-28.md",
        "---\ndate: 2026-10-28\ncoding:\n  - problem: Two sum\n    difficulty: easy\n    minutes: 10\n    solved: true\n  - problem: Merge intervals\n    difficulty: medium\n    minutes: 50\n    solved: true\n---\n",
    );
    env.write(
        "logs/2026-10-29.md",
        "---\ndate: 2026-10-29\ncoding:\n  - problem: Valid parentheses\n    difficulty: easy\n    minutes: 15\n    solved: true\n---\n",
    );
    env.write(
        "logs/2026-11-15.md",
        "---\ndate: 2026-11-15\nbehavioral:\n  minutes: 20\nrehearsals:\n  - story: on-call\n    rating: good\n    seconds: 160\n---\n",
    );
    env.write(
        "logs/2026-11-20.md",
        "---
date: 2026-11-20
coding:
  - problem: Top K frequent
    difficulty: medium
    minutes: 30
    solved: true
  - problem: Course schedule
    difficulty: medium
    minutes: 45
    solved: true
  - problem: Word ladder
    difficulty: medium
    minutes: 46
    solved: true
  - problem: Decode ways
    difficulty: medium
    minutes: 20
    solved: false
  - problem: Median of two arrays
    difficulty: hard
    minutes: 40
    solved: true
---
",
    );
    env.write(
        "logs/2026-11-24.md",
        "---
date: 2026-11-24
coding:
  - problem: Climbing stairs
    difficulty: easy
    minutes: 10
    solved: true
  - problem: LRU cache
    difficulty: medium
    minutes: 40
    solved: true
rehearsals:
  - story: checkout-latency
    rating: good
    seconds: 150
---
",
    );
    // Today: design minutes only (no bar counts them).
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\ndesign:\n  minutes: 30\n---\n");
    env.write(
        "logs/2026-11-26.md",
        "---
date: 2026-11-26
coding:
  - problem: Future one
    difficulty: medium
    minutes: 30
    solved: true
  - problem: Future two
    difficulty: medium
    minutes: 30
    solved: true
  - problem: Future three
    difficulty: medium
    minutes: 30
    solved: true
rehearsals:
  - story: on-call
    rating: good
    seconds: 150
---
",
    );

    env.write(
        "designs/rate-limiter.md",
        &format!(
            "---\ntitle: Rate limiter\nstatus: complete\ndate: 2026-11-10\nscale: 10M\nlevel: L6\nminutes: 60\n---\n{}",
            testenv::FULL_DESIGN_BODY
        ),
    );
    env.write(
        "designs/url-shortener.md",
        &format!(
            "---\ntitle: URL shortener\nstatus: complete\ndate: 2026-11-24\nscale: 1M\nlevel: L6\n---\n{}",
            testenv::FULL_DESIGN_BODY
        ),
    );
    env.write("designs/chat.md", "---\ntitle: Chat\nstatus: outline\ndate: 2026-11-22\nscale: 100M\n---\n");
    env.write(
        "designs/news-feed.md",
        &format!(
            "---\ntitle: News feed\nstatus: complete\ndate: 2026-10-20\nscale: 10M\n---\n{}",
            testenv::FULL_DESIGN_BODY
        ),
    );

    env.write(
        "mocks/2026-11-18-priya.md",
        "---\ndate: 2026-11-18\nkind: full-loop\npartner: Priya\nminutes: 60\n---\n",
    );
    env.write("mocks/2026-10-20-sam.md", "---\ndate: 2026-10-20\nkind: behavioral\npartner: Sam\nminutes: 45\n---\n");
    env
}

#[test]
fn the_fixture_reads_cleanly() {
    let json = workspace("").json();
    // Nothing in the fixture is broken: a problem would skew the numbers below. The one
    // finding is the design checklist's: url-shortener is marked complete at 1M users,
    // below the L6 scale, so it counts as an outline.
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d["code"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(found, vec![("designs/url-shortener.md".to_string(), "design/scale".to_string())]);
    assert_eq!(json["counts"]["stories"], 6);
    assert_eq!(json["counts"]["logs"], 7);
    assert_eq!(json["counts"]["designs"], 4);
    assert_eq!(json["counts"]["mocks"], 2);
    assert_eq!(json["assessment"]["status"], "taken");
}

#[test]
fn technical_components_count_only_the_window() {
    let json = workspace("").json();

    // Solved in 2026-10-29 .. 2026-11-25: 1 (10-29) + 4 (11-20: three mediums and the
    // hard; the unsolved medium not) + 2 (11-24) = 7; 10-28 and 11-26 do not count.
    // 7 / 40 = 0.175
    close(testenv::component(&json, "technical", "coding_volume"), 0.175);
    let volume = comp_json(&json, "technical", "coding_volume");
    mentions(&volume["detail"], &["7 of 40", "28 days"]);
    assert_eq!(
        sorted(strings(&volume["files"])),
        vec!["logs/2026-10-29.md", "logs/2026-11-20.md", "logs/2026-11-24.md"]
    );

    // Solved mediums: 30, 45, 46 (11-20) and 40 (11-24) = 4; within 45 min: 30, 45, 40
    // = 3 (the unsolved 20-min medium and the hard do not count; neither do the
    // 50-min medium of 10-28 nor the 30-min ones of 11-26). 3 / 4 = 0.75
    close(testenv::component(&json, "technical", "coding_pace"), 0.75);
    mentions(&comp_json(&json, "technical", "coding_pace")["detail"], &["3 of 4", "45 min"]);

    // rate-limiter (10M = the L6 scale, every part of the checklist) counts; url-shortener
    // (1M < 10M) is marked complete but counted as an outline; chat is an outline,
    // news-feed is outside the window. 1 / 8 = 0.125
    close(testenv::component(&json, "technical", "design_practice"), 0.125);
    let design = comp_json(&json, "technical", "design_practice");
    mentions(&design["detail"], &["1 of 8", "1 more marked complete, counted as outline", "systemcraft check"]);
    assert_eq!(sorted(strings(&design["files"])), vec!["designs/rate-limiter.md"]);

    // Technical answers 3 + 2 + 4 + 3 = 12 of 4 × 5 = 20 → 0.6
    close(testenv::component(&json, "technical", "self_rating"), 0.6);
    assert_eq!(comp_json(&json, "technical", "self_rating")["assessed"], true);

    // Equal weights: (0.175 + 0.75 + 0.125 + 0.6) / 4 = 1.65 / 4 = 0.4125
    close(testenv::bar(&json, "technical"), 0.4125);
    // round(41.25) = 41
    assert_eq!(percent(&json, "technical"), 41);
}

#[test]
fn window_boundaries_move_with_today() {
    let env = workspace("");
    // Today 2026-11-26: the window is 10-30 .. 11-26, so 10-29 drops out and 11-26
    // comes in: 4 (11-20) + 2 (11-24) + 3 (11-26) = 9; 9 / 40 = 0.225
    let json = build_on(&env, "2026-11-26");
    close(testenv::component(&json, "technical", "coding_volume"), 0.225);
    // Mediums 30, 45, 46, 40, 30, 30, 30 = 7, within 45 min: 6; 6 / 7 = 0.857142…
    close(testenv::component(&json, "technical", "coding_pace"), 6.0 / 7.0);
    // Today 2026-11-24: window 10-28 .. 11-24: 2 (10-28) + 1 (10-29) + 4 + 2 = 9
    // → 9 / 40 = 0.225; mediums 50, 30, 45, 46, 40 → within 45: 3 of 5 = 0.6
    let json = build_on(&env, "2026-11-24");
    close(testenv::component(&json, "technical", "coding_volume"), 0.225);
    close(testenv::component(&json, "technical", "coding_pace"), 0.6);
}

#[test]
fn self_ratings_are_zero_and_unassessed_before_the_assessment() {
    let env = workspace("");
    env.remove("assessment.md");
    let json = env.json();
    assert_eq!(json["assessment"]["status"], "not-taken");
    for bar in ["technical", "behavioral", "cultural"] {
        let c = comp_json(&json, bar, "self_rating");
        assert_eq!(c["value"].as_f64().unwrap(), 0.0, "{bar}");
        assert_eq!(c["assessed"], false, "{bar}");
    }
    // The zero still counts in the mean: (0.175 + 0.75 + 0.125 + 0) / 4 = 0.2625
    close(testenv::bar(&json, "technical"), 0.2625);
    // (0.5625 + 0) / 2 = 0.28125
    close(testenv::bar(&json, "cultural"), 0.28125);

    // A partial assessment (one answer left empty) does not count either.
    let mut text = String::from("---\nform: quick\nanswers:\n");
    for id in QUICK_IDS {
        if id == "influence" {
            text.push_str("  influence:\n");
        } else {
            text.push_str(&format!("  {id}: 5\n"));
        }
    }
    text.push_str("---\n");
    env.write("assessment.md", &text);
    let json = env.json();
    assert_eq!(json["assessment"]["status"], "partial");
    assert_eq!(json["assessment"]["answered"], 11);
    assert_eq!(json["assessment"]["total"], 12);
    for bar in ["technical", "behavioral", "cultural"] {
        let c = comp_json(&json, bar, "self_rating");
        assert_eq!(c["value"].as_f64().unwrap(), 0.0, "{bar}");
        assert_eq!(c["assessed"], false, "{bar}");
    }
    assert_eq!(json["actions"][0]["title"], "Finish the self-assessment");
}

#[test]
fn behavioral_components() {
    let json = workspace("").json();

    // Stories count at their credited status: on-call and vendor-pushback are marked
    // ready but fail a STAR warning (counted refined); failed-migration and mentoring
    // fail an error-level check (counted draft). technical-leadership ready 1,
    // people-leadership refined 0.5, cross-functional refined 0.5, failure draft 0,
    // innovation draft 0. 2 / 5 = 0.4
    close(testenv::component(&json, "behavioral", "scenario_coverage"), 0.4);
    mentions(&comp_json(&json, "behavioral", "scenario_coverage")["detail"], &["1 of 5", "2 more"]);
    let on_call = testenv::story(&json, "on-call");
    assert_eq!((on_call["status"].as_str(), on_call["credited"].as_str()), (Some("ready"), Some("refined")));

    // Counted refined-or-ready stories per principle (checkout-latency, on-call,
    // vendor-pushback): dive-deep 2 → 1, and four principles with one → 0.5 each.
    // (1 + 4 × 0.5) / 16 = 3 / 16 = 0.1875
    close(testenv::component(&json, "behavioral", "lp_depth"), 0.1875);
    // The detail counts the principles at the target and, apart, those counted in part.
    assert_eq!(
        comp_json(&json, "behavioral", "lp_depth")["detail"],
        "1 of 16 principles with 2 refined-or-ready stories, 4 more with fewer (counted in part)"
    );

    // Per story: checkout-latency 7/7, on-call 6/7, vendor-pushback 6/7,
    // failed-migration 2/8, hackathon 1/6 (undated: no stale check), mentoring 6/7.
    // (1 + 6/7 + 6/7 + 0.25 + 1/6 + 6/7) / 6 = (1.25 + 18/7 + 1/6) / 6 = 3.9880952 / 6 = 0.6646825
    let quality = (1.0 + 6.0 / 7.0 + 6.0 / 7.0 + 0.25 + 1.0 / 6.0 + 6.0 / 7.0) / 6.0;
    close(testenv::component(&json, "behavioral", "story_quality"), quality);
    // The value is a mean of per-story shares (not 28 of 43 checks), and the detail
    // says so; only checkout-latency passes every check.
    assert_eq!(
        comp_json(&json, "behavioral", "story_quality")["detail"],
        "mean share of STAR checks passed per story; every check passed by 1 of 6 stories"
    );

    // Counted ready: only checkout-latency (good on 11-24 → interval 1 → due 11-25 =
    // today, not overdue); on-call and vendor-pushback count as refined. 1 / 1 = 1
    close(testenv::component(&json, "behavioral", "rehearsal"), 1.0);
    mentions(&comp_json(&json, "behavioral", "rehearsal")["detail"], &["1 of 1"]);

    // No behavioral mock rated in the window (the fixture's mocks have no ratings).
    close(testenv::component(&json, "behavioral", "behavioral_mocks"), 0.0);
    assert_eq!(comp_json(&json, "behavioral", "behavioral_mocks")["assessed"], false);

    // Leadership answers team-size 4, quantified-impact 3, influence 4,
    // technical-strategy 3; the bar reads the three the complete form also rates
    // (quantified-impact has no counterpart there): (4 + 4 + 3) / 3 / 5 = 11 / 15
    close(testenv::component(&json, "behavioral", "self_rating"), 11.0 / 15.0);

    // (0.4 + 0.1875 + 0.6647 + 1 + 0 + 0.7333) / 6 = 2.9855 / 6 = 0.49759
    close(testenv::bar(&json, "behavioral"), (0.4 + 0.1875 + quality + 1.0 + 0.0 + 11.0 / 15.0) / 6.0);
    // round(49.759) = 50
    assert_eq!(percent(&json, "behavioral"), 50);
}

#[test]
fn story_quality_names_the_failed_checks() {
    let json = workspace("").json();
    let stories = json["portfolio"]["stories"].as_array().unwrap();
    let story = |id: &str| stories.iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("no story {id}"));
    let failed = |id: &str| -> Vec<String> {
        story(id)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["passed"] == false)
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    let checks = |id: &str| story(id)["findings"].as_array().unwrap().len();

    // 60 + 40 + 150 + 50 = 300 words → 300 / 140 = 2.14 min, within 2–3.
    assert_eq!(story("checkout-latency")["words"], 300);
    assert!(failed("checkout-latency").is_empty(), "{:?}", failed("checkout-latency"));
    assert_eq!(checks("checkout-latency"), 7);
    close(story("checkout-latency")["quality"].as_f64().unwrap(), 1.0);

    assert_eq!(failed("on-call"), vec!["star/stale"]);
    close(story("on-call")["quality"].as_f64().unwrap(), 6.0 / 7.0);

    // 160 + 30 + 100 + 40 = 330 words → 2.36 min
    assert_eq!(story("vendor-pushback")["words"], 330);
    assert_eq!(failed("vendor-pushback"), vec!["star/action-not-largest"]);
    close(story("vendor-pushback")["quality"].as_f64().unwrap(), 6.0 / 7.0);

    // A failure story has the learning check too: 8 checks, 2 passed.
    assert_eq!(checks("failed-migration"), 8);
    assert_eq!(
        failed("failed-migration"),
        vec!["star/no-metric", "star/we-not-i", "star/too-short", "star/no-learning", "star/stale", "star/scope"]
    );
    close(story("failed-migration")["quality"].as_f64().unwrap(), 2.0 / 8.0);

    assert_eq!(
        failed("hackathon"),
        vec!["star/missing-section", "star/no-metric", "star/we-not-i", "star/too-short", "star/action-not-largest",]
    );
    close(story("hackathon")["quality"].as_f64().unwrap(), 1.0 / 6.0);

    assert_eq!(failed("mentoring"), vec!["star/we-not-i"]);
    close(story("mentoring")["quality"].as_f64().unwrap(), 6.0 / 7.0);
}

#[test]
fn story_length_limits_are_inclusive_and_configurable() {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    let body = |words: usize| {
        // Situation 20 + Task 20 + Result 20 ("Latency fell 40%." + filler) + Action.
        star(
            para("The team of 5 had a slow service.", 20),
            para("", 20),
            para("I fixed it.", words - 60),
            para("Latency fell 40%.", 20),
        )
    };
    let front = "title: T\nscenario: innovation\nstatus: ready\nhappened: 2025-01\n";
    // 280 words = 2.0 min and 420 = 3.0 min are within; 279 and 421 are not.
    write_story(&env, "w279", front, &body(279));
    write_story(&env, "w280", front, &body(280));
    write_story(&env, "w420", front, &body(420));
    write_story(&env, "w421", front, &body(421));
    let json = env.json();
    let failed = |json: &Value, id: &str| -> Vec<String> {
        json["portfolio"]["stories"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["passed"] == false)
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(failed(&json, "w279"), vec!["star/too-short"]);
    assert!(failed(&json, "w280").is_empty());
    assert!(failed(&json, "w420").is_empty());
    assert_eq!(failed(&json, "w421"), vec!["star/too-long"]);
    // Quality: (6/7 + 1 + 1 + 6/7) / 4 = 0.928571
    close(testenv::component(&json, "behavioral", "story_quality"), (6.0 / 7.0 + 2.0 + 6.0 / 7.0) / 4.0);

    // At 150 words a minute the window is 300–450 words: 279, 280 are short, 420, 421 fine.
    env.write("systemcraft.yaml", &format!("{PROFILE}star:\n  words_per_minute: 150\n"));
    let json = env.json();
    assert_eq!(failed(&json, "w280"), vec!["star/too-short"]);
    assert!(failed(&json, "w421").is_empty());
}

/// Ready stories a..e and a refined f, rehearsed on the days below (SM-2: a first
/// success gives 1 day, a second 6, then × easiness 2.5; `again` resets to 1). Each
/// passes every STAR check, so each is counted at its declared status.
fn rehearsal_workspace() -> Env {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    let body = star(
        para("Checkout was slow for our 2 million customers.", 60),
        para("", 40),
        para("I profiled the service and I led the fix.", 150),
        para("p99 fell from 900 ms to 420 ms.", 50),
    );
    let front = |id: &str, status: &str| {
        format!("title: {id}\nscenario: innovation\nprinciples: [dive-deep]\nstatus: {status}\nhappened: 2025-03\n")
    };
    for id in ["a-yesterday", "b-ten-days", "c-three-goods", "d-again", "e-never"] {
        write_story(&env, id, &front(id, "ready"), &body);
    }
    write_story(&env, "f-refined", &front("f-refined", "refined"), &body);
    let log = |date: &str, items: &[(&str, &str)]| {
        let mut text = format!("---\ndate: {date}\nrehearsals:\n");
        for (story, rating) in items {
            text.push_str(&format!("  - story: {story}\n    rating: {rating}\n    seconds: 120\n"));
        }
        text.push_str("---\n");
        env.write(&format!("logs/{date}.md"), &text);
    };
    log("2026-11-10", &[("f-refined", "good")]);
    log("2026-11-13", &[("c-three-goods", "good")]);
    log("2026-11-14", &[("c-three-goods", "good")]);
    log("2026-11-15", &[("b-ten-days", "good")]);
    log("2026-11-20", &[("c-three-goods", "good"), ("d-again", "good")]);
    log("2026-11-23", &[("d-again", "again")]);
    log("2026-11-24", &[("a-yesterday", "good")]);
    // In the future: ignored.
    log("2026-11-27", &[("b-ten-days", "easy"), ("e-never", "easy")]);
    env
}

#[test]
fn rehearsal_follows_the_sm2_schedule() {
    let json = rehearsal_workspace().json();
    let due: Vec<(String, String, i64, Option<String>, u64)> = json["rehearsals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["story"].as_str().unwrap().to_string(),
                d["due"].as_str().unwrap().to_string(),
                d["overdue_days"].as_i64().unwrap(),
                d["last"].as_str().map(str::to_string),
                d["rehearsals"].as_u64().unwrap(),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        due,
        vec![
            // refined, good on 11-10 → due 11-11, 14 days overdue (listed, not scored)
            (s("f-refined"), s("2026-11-11"), 14, Some(s("2026-11-10")), 1),
            // good on 11-15 → due 11-16, 9 days overdue (the 11-27 rehearsal is future)
            (s("b-ten-days"), s("2026-11-16"), 9, Some(s("2026-11-15")), 1),
            // good 11-20 (1 day), again 11-23 → reset to 1 day → due 11-24, 1 overdue
            (s("d-again"), s("2026-11-24"), 1, Some(s("2026-11-23")), 2),
            // good yesterday → interval 1 → due today, 0 days overdue
            (s("a-yesterday"), s("2026-11-25"), 0, Some(s("2026-11-24")), 1),
            // ready and never rehearsed: due today
            (s("e-never"), s("2026-11-25"), 0, None, 0),
        ]
    );
    // c-three-goods: good 11-13 (1 day), 11-14 (6 days), 11-20 (6 × 2.5 = 15 days)
    // → due 12-05, not listed.
    // Current ready stories: a-yesterday (due today, not overdue) and c-three-goods;
    // b and d are overdue, e never rehearsed. 2 / 5 = 0.4
    close(testenv::component(&json, "behavioral", "rehearsal"), 0.4);

    // The interview's rehearsal plan, not a cap at the eve. Interview 2026-12-01,
    // today 11-30 (so the 11-27 rehearsals now count): c-three-goods (last told 11-20,
    // SM-2 says 12-05) has not been told in the final week, so the plan puts it on
    // today, the eve; b-ten-days (good 11-15, easy 11-27: second success → 6 days →
    // 12-03) was told in the final week and is not due: the stories do not all pile
    // up on the eve.
    let env = rehearsal_workspace();
    env.write("systemcraft.yaml", &PROFILE.replace("2027-01-20", "2026-12-01"));
    let json = build_on(&env, "2026-11-30");
    let due_of = |json: &Value, id: &str| -> Option<(String, i64)> {
        json["rehearsals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["story"] == id)
            .map(|d| (d["due"].as_str().unwrap().to_string(), d["overdue_days"].as_i64().unwrap()))
    };
    assert_eq!(due_of(&json, "c-three-goods"), Some((s("2026-11-30"), 0)));
    assert_eq!(due_of(&json, "b-ten-days"), None);
    // e: easy on 11-27 → 1 day → due 11-28, 2 days overdue on 11-30.
    assert_eq!(due_of(&json, "e-never"), Some((s("2026-11-28"), 2)));
}

#[test]
fn cultural_components() {
    let json = workspace("").json();
    // Principles named by any story, drafts included: dive-deep, deliver-results,
    // ownership, earn-trust, have-backbone, learn-and-be-curious,
    // hire-and-develop-the-best, invent-and-simplify, think-big = 9; 9 / 16 = 0.5625
    close(testenv::component(&json, "cultural", "lp_breadth"), 0.5625);
    mentions(&comp_json(&json, "cultural", "lp_breadth")["detail"], &["9 of 16"]);
    // Cultural answers lp-knowledge 5, lp-examples 2, interview-format 4,
    // level-expectations 3 (14 of 20, 70% in the assessment); the bar reads only
    // lp-examples, the one the complete form refines (its six principle questions):
    // 2 / 5 = 0.4
    close(testenv::component(&json, "cultural", "self_rating"), 0.4);
    mentions(
        &comp_json(&json, "cultural", "self_rating")["detail"],
        &["14 of 20", "on the 1 question both forms rate"],
    );
    // (0.5625 + 0.4) / 2 = 0.48125
    close(testenv::bar(&json, "cultural"), 0.48125);
    // round(48.125) = 48
    assert_eq!(percent(&json, "cultural"), 48);
}

#[test]
fn readiness_blends_behavioral_design_and_coding_scaled_by_mocks() {
    let env = workspace("");
    let json = env.json();
    let components = |json: &Value| -> Vec<(String, f64, f64)> {
        bar_json(json, "readiness")["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (c["key"].as_str().unwrap().to_string(), c["value"].as_f64().unwrap(), c["weight"].as_f64().unwrap())
            })
            .collect()
    };
    let parts = components(&json);
    assert_eq!(parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), vec!["behavioral", "design", "coding"]);
    // behavioral = the Behavioral Stories bar, 0.4976, weight 0.5
    close(parts[0].1, 0.4976);
    close(parts[0].2, 0.5);
    // design = design practice, 0.125 (no design mock rated), weight 0.3
    close(parts[1].1, 0.125);
    close(parts[1].2, 0.3);
    // coding = (volume 0.175 + pace 0.75) / 2 = 0.4625 (no coding mock rated), weight 0.2
    close(parts[2].1, 0.4625);
    close(parts[2].2, 0.2);

    // One mock in the window (11-18; 10-20 is outside), without ratings: it counts at
    // half marks (quality 0.5). 0.7 + 0.3 × 1/3 × 0.5 = 0.75
    let m = &bar_json(&json, "readiness")["multiplier"];
    close(m["factor"].as_f64().unwrap(), 0.75);
    close(m["quality"].as_f64().unwrap(), 0.5);
    assert_eq!(m["mocks"], 1);
    assert_eq!(strings(&m["files"]), vec!["mocks/2026-11-18-priya.md"]);
    // base = 0.5 × 0.4976 + 0.3 × 0.125 + 0.2 × 0.4625 = 0.2488 + 0.0375 + 0.0925 = 0.3788
    let base = 0.5 * 0.4976 + 0.3 * 0.125 + 0.2 * 0.4625;
    // 0.3788 × 0.75 = 0.2841
    close(testenv::bar(&json, "readiness"), base * 0.75);
    assert_eq!(percent(&json, "readiness"), 28);

    // No mock in the window: 0.3788 × 0.7 = 0.2652 → 27%
    env.remove("mocks/2026-11-18-priya.md");
    let json = env.json();
    close(bar_json(&json, "readiness")["multiplier"]["factor"].as_f64().unwrap(), 0.7);
    close(testenv::bar(&json, "readiness"), base * 0.7);
    assert_eq!(percent(&json, "readiness"), 27);

    for d in ["2026-11-01", "2026-11-12", "2026-11-25"] {
        env.write(&format!("mocks/{d}-x.md"), &format!("---\ndate: {d}\nkind: coding\n---\n"));
    }
    // Without ratings or minutes they are only planned: still no mock in the window.
    close(bar_json(&env.json(), "readiness")["multiplier"]["factor"].as_f64().unwrap(), 0.7);

    // Three coding mocks rated 3: quality (3 − 1) / 4 = 0.5, so 0.7 + 0.3 × 0.5 = 0.85;
    // coding = (0.175 + 0.75 + 0.5) / 3 = 0.475; base = 0.2488 + 0.0375 + 0.095 = 0.3813
    for d in ["2026-11-01", "2026-11-12", "2026-11-25"] {
        env.write(&format!("mocks/{d}-x.md"), &format!("---\ndate: {d}\nkind: coding\nratings: {{coding: 3}}\n---\n"));
    }
    let json = env.json();
    close(bar_json(&json, "readiness")["multiplier"]["factor"].as_f64().unwrap(), 0.85);
    assert_eq!(bar_json(&json, "readiness")["multiplier"]["mocks"], 3);
    close(parts_value(&json, "coding"), 0.475);
    let rated3 = 0.5 * 0.4976 + 0.3 * 0.125 + 0.2 * 0.475;
    close(testenv::bar(&json, "readiness"), rated3 * 0.85);
    assert_eq!(percent(&json, "readiness"), 32);

    // Rated 5: the full factor, and coding = (0.175 + 0.75 + 1) / 3 = 0.64167.
    for d in ["2026-11-01", "2026-11-12", "2026-11-25"] {
        env.write(&format!("mocks/{d}-x.md"), &format!("---\ndate: {d}\nkind: coding\nratings: {{coding: 5}}\n---\n"));
    }
    let json = env.json();
    close(bar_json(&json, "readiness")["multiplier"]["factor"].as_f64().unwrap(), 1.0);
    let rated5 = 0.5 * 0.4976 + 0.3 * 0.125 + 0.2 * (0.175 + 0.75 + 1.0) / 3.0;
    close(testenv::bar(&json, "readiness"), rated5);
    assert_eq!(percent(&json, "readiness"), 41);

    // A fourth, unrated, is counted at half marks: the count is past the target, but
    // how the mocks went drops below full, and so does the factor.
    env.write("mocks/2026-11-20-y.md", "---\ndate: 2026-11-20\nkind: coding\nminutes: 40\n---\n");
    let json = env.json();
    assert_eq!(bar_json(&json, "readiness")["multiplier"]["mocks"], 4);
    let factor = bar_json(&json, "readiness")["multiplier"]["factor"].as_f64().unwrap();
    assert!(factor < 1.0 && factor > 0.85, "{factor}");
}

/// A readiness component's value by key.
fn parts_value(json: &Value, key: &str) -> f64 {
    testenv::component(json, "readiness", key)
}

#[test]
fn quick_assessment_score_and_path_at_the_boundaries() {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    // score = round(100 × sum / 60). 54, 69 and 84 cannot be reached by the quick
    // form, so the sums on either side of each boundary are used.
    let cases = [
        (12, 20, "foundation-building", 16),       // 1200 / 60 = 20
        (32, 53, "foundation-building", 16),       // 3200 / 60 = 53.33 → 53
        (33, 55, "twelve-week-comprehensive", 12), // 3300 / 60 = 55
        (34, 57, "twelve-week-comprehensive", 12), // 3400 / 60 = 56.67 → 57
        (41, 68, "twelve-week-comprehensive", 12), // 4100 / 60 = 68.33 → 68
        (42, 70, "six-week-intensive", 6),         // 4200 / 60 = 70
        (50, 83, "six-week-intensive", 6),         // 5000 / 60 = 83.33 → 83
        (51, 85, "quick-reference", 2),            // 5100 / 60 = 85
        (60, 100, "quick-reference", 2),           // 6000 / 60 = 100
    ];
    for (sum, score, path, weeks) in cases {
        write_assessment(&env, "quick", &QUICK_IDS, &answers_summing_to(sum, 12));
        let json = env.json();
        let a = &json["assessment"];
        assert_eq!(a["status"], "taken", "sum {sum}");
        assert_eq!(a["form"], "quick");
        assert_eq!(a["score"], score, "sum {sum}");
        assert_eq!(a["path"], path, "sum {sum}");
        assert_eq!(json["profile"]["path"], path, "sum {sum}");
        assert_eq!(json["profile"]["path_weeks"], weeks, "sum {sum}");
    }
}

#[test]
fn complete_assessment_score_is_the_sum() {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    let cases = COMPLETE_BOUNDARIES;
    for (sum, path) in cases {
        write_assessment(&env, "complete", &COMPLETE_IDS, &answers_summing_to(sum, 20));
        let json = env.json();
        assert_eq!(json["assessment"]["form"], "complete");
        // 20 items of at most 5: the sum is the score out of 100.
        assert_eq!(json["assessment"]["score"], sum, "sum {sum}");
        assert_eq!(json["assessment"]["path"], path, "sum {sum}");
    }
}

#[test]
fn category_bands_and_self_ratings() {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    let categories = |json: &Value| -> Vec<(String, u64, u64, u64, String)> {
        json["assessment"]["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["category"].as_str().unwrap().to_string(),
                    c["sum"].as_u64().unwrap(),
                    c["max"].as_u64().unwrap(),
                    c["percent"].as_u64().unwrap(),
                    c["band"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let s = |x: &str| x.to_string();

    // Technical 4×8 = 32, leadership 3×6 = 18, cultural 2×6 = 12: total 62.
    let mut answers = vec![4; 8];
    answers.extend([3; 6]);
    answers.extend([2; 6]);
    write_assessment(&env, "complete", &COMPLETE_IDS, &answers);
    let json = env.json();
    assert_eq!(json["assessment"]["score"], 62);
    assert_eq!(
        categories(&json),
        vec![
            (s("technical"), 32, 40, 80, s("strong")),    // 32/40 = 80%
            (s("leadership"), 18, 30, 60, s("good")),     // 18/30 = 60%
            (s("cultural"), 12, 30, 40, s("needs-work")), // 12/30 = 40%
        ]
    );
    // With every answer of a category alike, the anchored share is sum / max: 32/40 = 0.8, 18/30 = 0.6, 12/30 = 0.4
    close(testenv::component(&json, "technical", "self_rating"), 0.8);
    close(testenv::component(&json, "behavioral", "self_rating"), 0.6);
    close(testenv::component(&json, "cultural", "self_rating"), 0.4);
    mentions(&comp_json(&json, "technical", "self_rating")["detail"], &["32 of 40", "strong"]);

    // One point less in each: just under each band. The bars read the anchors
    // (docs/scoring.md): technical design-at-scale (4 + 4 + 3) / 3, coding 4, AWS 4,
    // distributed 4: 47 / 12 / 5 = 47 / 60; leadership team-size (3 + 2) / 2,
    // influence 3, strategy 3: 8.5 / 3 / 5 = 17 / 30; cultural lp-examples 11 / 6 / 5.

    let mut answers = vec![4, 4, 4, 4, 4, 4, 4, 3];
    answers.extend([3, 3, 3, 3, 3, 2]);
    answers.extend([2, 2, 2, 2, 2, 1]);
    write_assessment(&env, "complete", &COMPLETE_IDS, &answers);
    let json = env.json();
    assert_eq!(json["assessment"]["score"], 59);
    assert_eq!(
        categories(&json),
        vec![
            (s("technical"), 31, 40, 78, s("good")),        // 77.5 → 78
            (s("leadership"), 17, 30, 57, s("needs-work")), // 56.67 → 57
            (s("cultural"), 11, 30, 37, s("major-gap")),    // 36.67 → 37
        ]
    );
    close(testenv::component(&json, "technical", "self_rating"), 47.0 / 60.0);
    close(testenv::component(&json, "behavioral", "self_rating"), 17.0 / 30.0);
    close(testenv::component(&json, "cultural", "self_rating"), 11.0 / 30.0);
}

/// A log with `problems` coding problems (unsolved: the minimum counts problems worked
/// on), design minutes, behavioral minutes and rehearsals of the given seconds.
fn practice_log(env: &Env, file: &str, date: &str, problems: usize, design: u32, behavioral: u32, rehearsals: &[u32]) {
    let mut text = format!("---\ndate: {date}\n");
    if problems > 0 {
        text.push_str("coding:\n");
        for i in 0..problems {
            text.push_str(&format!("  - problem: P{i}\n    difficulty: easy\n    minutes: 20\n    solved: false\n"));
        }
    }
    text.push_str(&format!("design:\n  minutes: {design}\nbehavioral:\n  minutes: {behavioral}\n"));
    if !rehearsals.is_empty() {
        text.push_str("rehearsals:\n");
        for s in rehearsals {
            text.push_str(&format!("  - story: s\n    rating: good\n    seconds: {s}\n"));
        }
    }
    text.push_str("---\n");
    env.write(&format!("logs/{file}.md"), &text);
}

fn streak_workspace() -> Env {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    write_story(&env, "s", "title: S\nscenario: innovation\nstatus: draft\n", "## Situation\nx\n");
    // 11-10 .. 11-15: six days with every minimum met.
    for day in 10..=15 {
        let date = format!("2026-11-{day}");
        practice_log(&env, &date, &date, 1, 30, 15, &[]);
    }
    // 11-16: no log. 11-17: 29 design minutes, one short.
    practice_log(&env, "2026-11-17", "2026-11-17", 2, 29, 60, &[]);
    // 11-18 met, 11-19 no log.
    practice_log(&env, "2026-11-18", "2026-11-18", 1, 30, 15, &[]);
    // 11-20 .. 11-24 met:
    practice_log(&env, "2026-11-20", "2026-11-20", 3, 60, 30, &[]);
    // 10 behavioral minutes + (150 + 150) s / 60 = 10 + 5 = 15
    practice_log(&env, "2026-11-21", "2026-11-21", 1, 30, 10, &[150, 150]);
    // Two notes for one day add up: coding and design in one, behavioral in the other.
    practice_log(&env, "2026-11-22", "2026-11-22", 1, 30, 0, &[]);
    practice_log(&env, "2026-11-22-evening", "2026-11-22", 0, 0, 15, &[]);
    practice_log(&env, "2026-11-23", "2026-11-23", 1, 30, 15, &[]);
    practice_log(&env, "2026-11-24", "2026-11-24", 1, 45, 20, &[]);
    env
}

#[test]
fn streak_counts_days_with_every_minimum_met() {
    let env = streak_workspace();
    let json = env.json();
    let t = &json["today_goals"];
    // Today (11-25) has no log yet: the streak ends yesterday, 11-20 .. 11-24 = 5
    // (11-19 has no log).
    assert_eq!(t["streak"], 5);
    // 11-10 .. 11-15 = 6 days.
    assert_eq!(t["best_streak"], 6);
    assert!(t["log"].is_null());
    let minimums: Vec<(String, u64, u64, bool)> = t["minimums"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["key"].as_str().unwrap().to_string(),
                m["done"].as_u64().unwrap(),
                m["target"].as_u64().unwrap(),
                m["met"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        minimums,
        vec![
            (String::from("coding"), 0, 1, false),
            (String::from("design"), 0, 30, false),
            (String::from("behavioral"), 0, 15, false)
        ]
    );

    // Today partly done: still open, the streak still ends yesterday.
    practice_log(&env, "2026-11-25", "2026-11-25", 1, 0, 0, &[]);
    let json = env.json();
    assert_eq!(json["today_goals"]["streak"], 5);
    assert_eq!(json["today_goals"]["log"], "logs/2026-11-25.md");
    let met: Vec<bool> =
        json["today_goals"]["minimums"].as_array().unwrap().iter().map(|m| m["met"].as_bool().unwrap()).collect();
    assert_eq!(met, vec![true, false, false]);

    // Today done: behavioral 14 + 60 s / 60 = 15. 11-20 .. 11-25 = 6; best 6.
    practice_log(&env, "2026-11-25", "2026-11-25", 1, 30, 14, &[60]);
    let json = env.json();
    assert_eq!(json["today_goals"]["streak"], 6);
    assert_eq!(json["today_goals"]["best_streak"], 6);
    assert_eq!(json["today_goals"]["minimums"][2]["done"], 15);

    // 11-21 one second short: 10 + (150 + 149) / 60 = 10 + 4 = 14 < 15. The streak is
    // now 11-22 .. 11-25 = 4.
    practice_log(&env, "2026-11-21", "2026-11-21", 1, 30, 10, &[150, 149]);
    let json = env.json();
    assert_eq!(json["today_goals"]["streak"], 4);
    assert_eq!(json["today_goals"]["best_streak"], 6);

    // Earlier days, on the same notes:
    // 11-15 met itself: 11-10 .. 11-15 = 6.
    assert_eq!(build_on(&env, "2026-11-15")["today_goals"]["streak"], 6);
    // 11-16 has no log: the run up to yesterday, 6.
    assert_eq!(build_on(&env, "2026-11-16")["today_goals"]["streak"], 6);
    // 11-17 is not met and 11-16 has no log: 0.
    let json = build_on(&env, "2026-11-17");
    assert_eq!(json["today_goals"]["streak"], 0);
    assert_eq!(json["today_goals"]["best_streak"], 6);
    // 11-12: later logs do not count towards the best streak: 11-10 .. 11-12 = 3.
    let json = build_on(&env, "2026-11-12");
    assert_eq!(json["today_goals"]["streak"], 3);
    assert_eq!(json["today_goals"]["best_streak"], 3);
}

fn week_workspace(extra: &str) -> Env {
    let env = Env::empty();
    env.write("systemcraft.yaml", &format!("{PROFILE}{extra}"));
    let solved = |n: usize, minutes: u32| -> String {
        let mut s = String::from("coding:\n");
        for i in 0..n {
            s.push_str(&format!("  - problem: P{i}\n    difficulty: easy\n    minutes: {minutes}\n    solved: true\n"));
        }
        s
    };
    // Sunday of last week: 2 solved; 2×15 + 30 + 15 = 75 minutes.
    env.write(
        "logs/2026-11-22.md",
        &format!("---\ndate: 2026-11-22\n{}design:\n  minutes: 30\nbehavioral:\n  minutes: 15\n---\n", solved(2, 15)),
    );
    // Monday: 2 solved + 1 unsolved (30 + 40 + 50 = 120 min), design 45, behavioral
    // 10 + 120 s / 60 = 12: 177 minutes.
    env.write(
        "logs/2026-11-23.md",
        "---
date: 2026-11-23
coding:
  - problem: A
    difficulty: medium
    minutes: 30
    solved: true
  - problem: B
    difficulty: medium
    minutes: 40
    solved: true
  - problem: C
    difficulty: hard
    minutes: 50
    solved: false
design:
  minutes: 45
behavioral:
  minutes: 10
rehearsals:
  - story: s1
    rating: good
    seconds: 120
---
",
    );
    // Wednesday (today): 1 solved (20 min), behavioral 20: 40 minutes.
    env.write(
        "logs/2026-11-25.md",
        &format!("---\ndate: 2026-11-25\n{}behavioral:\n  minutes: 20\n---\n", solved(1, 20)),
    );
    // Friday: 3 solved × 10 min = 30 minutes.
    env.write("logs/2026-11-27.md", &format!("---\ndate: 2026-11-27\n{}---\n", solved(3, 10)));
    // Monday of next week: 5 solved × 10 = 50 minutes.
    env.write("logs/2026-11-30.md", &format!("---\ndate: 2026-11-30\n{}---\n", solved(5, 10)));

    let design = |slug: &str, status: &str, date: &str| {
        env.write(
            &format!("designs/{slug}.md"),
            &format!("---\ntitle: {slug}\nstatus: {status}\ndate: {date}\nscale: 10M\n---\n"),
        );
    };
    design("a", "complete", "2026-11-23");
    design("b", "complete", "2026-11-22");
    design("c", "outline", "2026-11-24");
    design("d", "complete", "2026-11-28");

    for (id, created) in [("s1", "2026-11-22"), ("s2", "2026-11-23"), ("s3", "2026-11-29")] {
        write_story(
            &env,
            id,
            &format!("title: {id}\nscenario: innovation\nstatus: draft\ncreated: {created}\n"),
            "## Situation\nx\n",
        );
    }
    for (date, minutes) in [("2026-11-22", 30), ("2026-11-24", 45), ("2026-11-29", 60)] {
        env.write(
            &format!("mocks/{date}-m.md"),
            &format!("---\ndate: {date}\nkind: coding\nminutes: {minutes}\n---\n"),
        );
    }
    env
}

#[test]
fn week_goals_count_monday_to_today() {
    let env = week_workspace("");

    // Wednesday 11-25: Monday 11-23 .. today.
    let json = env.json();
    let w = &json["week"];
    assert_eq!(w["start"], "2026-11-23");
    assert_eq!(w["end"], "2026-11-29");
    // a (11-23); b is last week, c an outline, d on Saturday (future).
    assert_eq!(goal(&json, "designs"), (1, 2));
    // 2 (Mon) + 1 (Wed); Sunday's 2 and Friday's 3 do not count.
    assert_eq!(goal(&json, "coding_problems"), (3, 10));
    // s2 (created Monday); s1 Sunday, s3 next Sunday.
    assert_eq!(goal(&json, "stories"), (1, 3));
    // 11-24; 11-22 is last week, 11-29 the future.
    assert_eq!(goal(&json, "mocks"), (1, 1));
    // Logs 177 + 40, mock 45 = 262 minutes.
    assert_eq!(w["minutes"], 262);
    assert_eq!(w["commitment"], "15–20 h");
    assert_eq!(w["commitment_hours"], 15);
    // Monday and Tuesday are finished, today is not: 15 h × 2 days / 7 = 4.29 → 4.3
    close(w["expected_hours_so_far"].as_f64().unwrap(), 4.3);
    let files = |key: &str| {
        strings(&json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == key).unwrap()["files"])
    };
    assert_eq!(sorted(files("coding_problems")), vec!["logs/2026-11-23.md", "logs/2026-11-25.md"]);
    assert_eq!(files("designs"), vec!["designs/a.md"]);

    // Monday 11-23: only Monday counts.
    let json = build_on(&env, "2026-11-23");
    assert_eq!(json["week"]["start"], "2026-11-23");
    assert_eq!(goal(&json, "designs"), (1, 2));
    assert_eq!(goal(&json, "coding_problems"), (2, 10));
    assert_eq!(goal(&json, "stories"), (1, 3));
    assert_eq!(goal(&json, "mocks"), (0, 1));
    // Monday's log only: 177 minutes.
    assert_eq!(json["week"]["minutes"], 177);
    // No day of the week has ended yet: nothing expected.
    close(json["week"]["expected_hours_so_far"].as_f64().unwrap(), 0.0);

    // Sunday 11-29: the whole week, still Monday 11-23 .. Sunday 11-29.
    let json = build_on(&env, "2026-11-29");
    assert_eq!(json["week"]["start"], "2026-11-23");
    assert_eq!(json["week"]["end"], "2026-11-29");
    // a and d
    assert_eq!(goal(&json, "designs"), (2, 2));
    // 2 + 1 + 3 = 6; next Monday's 5 do not count.
    assert_eq!(goal(&json, "coding_problems"), (6, 10));
    // s2, s3
    assert_eq!(goal(&json, "stories"), (2, 3));
    // 11-24, 11-29
    assert_eq!(goal(&json, "mocks"), (2, 1));
    // 177 + 40 + 30 + mocks 45 + 60 = 352
    assert_eq!(json["week"]["minutes"], 352);
    // Monday to Saturday finished: 15 × 6 / 7 = 12.86 → 12.9
    close(json["week"]["expected_hours_so_far"].as_f64().unwrap(), 12.9);

    // Sunday 11-22 belongs to the week before: Monday 11-16 .. Sunday 11-22.
    let json = build_on(&env, "2026-11-22");
    assert_eq!(json["week"]["start"], "2026-11-16");
    assert_eq!(json["week"]["end"], "2026-11-22");
    assert_eq!(goal(&json, "designs"), (1, 2)); // b
    assert_eq!(goal(&json, "coding_problems"), (2, 10));
    assert_eq!(goal(&json, "stories"), (1, 3)); // s1
    assert_eq!(goal(&json, "mocks"), (1, 1));
    // log 75 + mock 30 = 105
    assert_eq!(json["week"]["minutes"], 105);
}

#[test]
fn weekly_goals_can_be_overridden() {
    let env = week_workspace("goals:\n  weekly:\n    mocks: 2\n    coding_problems: 4\n");
    let json = env.json();
    assert_eq!(goal(&json, "mocks"), (1, 2));
    assert_eq!(goal(&json, "coding_problems"), (3, 4));
    // Untouched goals keep their defaults.
    assert_eq!(goal(&json, "designs"), (1, 2));
    assert_eq!(goal(&json, "stories"), (1, 3));
    let label =
        json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == "mocks").unwrap()["label"].clone();
    mentions(&label, &["2 mock"]);
}

#[test]
fn daily_minimums_can_be_overridden() {
    let env = streak_workspace();
    // With 29 design minutes enough, 11-17 is met, so are 11-18; 11-16 and 11-19 have
    // no log. Yesterday's run is still 11-20 .. 11-24 = 5; the best is 6.
    env.write("systemcraft.yaml", &format!("{PROFILE}goals:\n  daily:\n    design_minutes: 29\n"));
    let json = env.json();
    assert_eq!(json["today_goals"]["streak"], 5);
    assert_eq!(json["today_goals"]["best_streak"], 6);
    assert_eq!(json["today_goals"]["minimums"][1]["target"], 29);
    // With 2 problems a day, only 11-20 qualifies (11-17 has two problems but 29
    // design minutes): no streak up to yesterday (11-24 has one problem), best 1.
    env.write("systemcraft.yaml", &format!("{PROFILE}goals:\n  daily:\n    coding_problems: 2\n"));
    let json = env.json();
    assert_eq!(json["today_goals"]["streak"], 0);
    assert_eq!(json["today_goals"]["best_streak"], 1);
}

#[test]
fn weights_and_targets_from_the_profile_change_the_scores() {
    // Readiness on behavioral alone: 0.4976 × 1 / 1, × 0.75 (one unrated mock) = 0.3732
    let json = workspace("weights:\n  readiness:\n    behavioral: 1\n    design: 0\n    coding: 0\n").json();
    close(testenv::bar(&json, "readiness"), 0.4976 * 0.75);
    let weights: Vec<f64> = bar_json(&json, "readiness")["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["weight"].as_f64().unwrap())
        .collect();
    assert_eq!(weights, vec![1.0, 0.0, 0.0]);
    // The other bars do not move.
    close(testenv::bar(&json, "technical"), 0.4125);
    close(testenv::bar(&json, "behavioral"), 0.4976);

    // 7 solved / 10 = 0.7; technical (0.7 + 0.75 + 0.125 + 0.6) / 4 = 0.54375;
    // coding (0.7 + 0.75) / 2 = 0.725; readiness
    // (0.5 × 0.4976 + 0.3 × 0.125 + 0.2 × 0.725) × 0.75 = (0.2488 + 0.0375 + 0.145) × 0.75 = 0.32348
    let json = workspace("targets:\n  coding_problems: 10\n").json();
    close(testenv::component(&json, "technical", "coding_volume"), 0.7);
    mentions(&comp_json(&json, "technical", "coding_volume")["detail"], &["7 of 10"]);
    close(testenv::bar(&json, "technical"), 0.54375);
    close(testenv::bar(&json, "readiness"), (0.5 * 0.4976 + 0.3 * 0.125 + 0.2 * 0.725) * 0.75);

    // Technical weights: (3 × 0.175 + 0.75 + 0.125 + 0 × 0.6) / (3 + 1 + 1 + 0)
    // = 1.4 / 5 = 0.28
    let json = workspace("weights:\n  technical:\n    coding_volume: 3\n    self_rating: 0\n").json();
    close(testenv::bar(&json, "technical"), 0.28);

    // One mock is the target, but it is unrated (half marks): 0.7 + 0.3 × 1/1 × 0.5
    // = 0.85 → readiness = base 0.3788 × 0.85
    let json = workspace("targets:\n  mocks: 1\n").json();
    close(bar_json(&json, "readiness")["multiplier"]["factor"].as_f64().unwrap(), 0.85);
    close(testenv::bar(&json, "readiness"), (0.5 * 0.4976 + 0.3 * 0.125 + 0.2 * 0.4625) * 0.85);

    // Four designs are the target: 1 / 4 = 0.25; mediums within 40 min: 30, 40 of
    // 30, 45, 46, 40 → 2 / 4 = 0.5.
    let json = workspace("targets:\n  designs: 4\n  pace_minutes: 40\n").json();
    close(testenv::component(&json, "technical", "design_practice"), 0.25);
    close(testenv::component(&json, "technical", "coding_pace"), 0.5);

    // A 7-day window (11-19 .. 11-25): solved 4 (11-20) + 2 (11-24) = 6 → 6 / 40 = 0.15;
    // pace 3 / 4 = 0.75 as before; designs url-shortener only, an outline by its
    // scale: 0;
    // no mock (11-18 is out): factor 0.7.
    let json = workspace("window_days: 7\n").json();
    close(testenv::component(&json, "technical", "coding_volume"), 0.15);
    mentions(&comp_json(&json, "technical", "coding_volume")["detail"], &["6 of 40", "7 days"]);
    close(testenv::component(&json, "technical", "coding_pace"), 0.75);
    close(testenv::component(&json, "technical", "design_practice"), 0.0);
    close(bar_json(&json, "readiness")["multiplier"]["factor"].as_f64().unwrap(), 0.7);

    // Two refined-or-ready stories per principle are the default; with 1, every
    // principle with one counted refined or ready counts fully: the five principles
    // of checkout-latency, on-call and vendor-pushback = 5 / 16 = 0.3125
    let json = workspace("targets:\n  stories_per_lp: 1\n").json();
    close(testenv::component(&json, "behavioral", "lp_depth"), 0.3125);

    // An unknown component is reported, and the known ones still apply.
    let json = workspace("weights:\n  cultural:\n    lp_breadth: 3\n    lp_width: 1\n").json();
    // (The fixture's under-scale design has its own `design/scale` finding.)
    let codes: Vec<String> =
        testenv::diagnostics(&json).into_iter().map(|d| d.2).filter(|c| !c.starts_with("design/")).collect();
    assert_eq!(codes, vec!["config/unknown-weight"]);
    // (3 × 0.5625 + 0.4) / 4 = 2.0875 / 4 = 0.521875
    close(testenv::bar(&json, "cultural"), 0.521875);
}

#[test]
fn the_assessment_comes_first_until_it_is_taken() {
    let env = workspace("");
    env.remove("assessment.md");
    let json = env.json();
    let first = &json["actions"][0];
    assert_eq!(first["title"], "Take the self-assessment");
    assert_eq!(first["target"], "systemcraft assess");
    assert!(first["gain"].is_null());
}

#[test]
fn next_actions_are_ranked_by_gain() {
    let json = workspace("").json();
    let actions: Vec<(String, Option<f64>)> = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["title"].as_str().unwrap().to_string(), a["gain"].as_f64()))
        .collect();
    // First, without a gain: the last 7 days (4.4 h against the 12.9 h that 15 h a
    // week asks of 6 finished days) are short of the pace, and 8% of the window's hours
    // went to behavioral work against 60% recommended.
    assert_eq!(actions[0], ("Get back to the week's pace".to_string(), None));
    assert_eq!(actions[1], ("Spend more of the week on behavioral".to_string(), None));
    mentions(&json["actions"][1]["detail"], &["8%", "60% recommended", "52 points short"]);
    // Then gains in readiness points with factor 0.75 (one unrated mock); a behavioral
    // component moves readiness by 100 × 0.75 × 0.5 (behavioral share) × 1/6
    // (component share) = 6.25 per unit.
    // - design: 100 × 0.75 × 0.3 × min(1/8, 1 − 0.125) = 2.81 → 2.8
    // - mock: base 0.2841 / 0.75 = 0.3788; 100 × 0.3788 × 0.3 / 3 × 0.5 (half marks
    //   before a rated one) = 1.89 → 1.9
    // - coding: 10 − 2 solved this week = 8 left; 100 × 0.75 × 0.2 × min(8/40, 0.825) / 2 = 1.5
    // - failure and innovation (each only a counted draft): 6.25 × 1 / 5 = 1.25 → 1.3
    // - a principle without a story: 6.25 × 1/2 / 16 = 0.195 → 0.2 (kept in the list
    //   whatever its gain, as it names the thin principles)
    // Nothing to rehearse: the one story counted ready was rehearsed yesterday.
    let expected: Vec<(&[&str], f64)> = vec![
        (&["design", "L6"], 2.8),
        (&["mock"], 1.9),
        (&["Solve 8"], 1.5),
        (&["The migration that failed", "ready"], 1.3),
        (&["Hackathon prototype", "ready"], 1.3),
        (&["Customer Obsession"], 0.2),
    ];
    let ranked = &actions[2..];
    assert_eq!(ranked.len(), expected.len(), "{actions:?}");
    for ((title, gain), (words, want_gain)) in ranked.iter().zip(&expected) {
        for w in *words {
            assert!(title.contains(w), "{title:?} lacks {w:?}: {actions:?}");
        }
        close(gain.expect("a ranked action has a gain"), *want_gain);
    }
    let gains: Vec<f64> = ranked.iter().map(|a| a.1.unwrap()).collect();
    assert!(gains.windows(2).all(|w| w[0] >= w[1]), "{gains:?}");
}

#[test]
fn profile_day_days_to_interview_and_warnings() {
    let env = workspace("");
    let path_warnings = |json: &Value| -> Vec<String> {
        strings(&json["profile"]["warnings"]).into_iter().filter(|w| w.contains("path takes")).collect()
    };

    let json = env.json();
    let p = &json["profile"];
    // 2026-11-01 → 2026-11-25: 24 days later, day 25.
    assert_eq!(p["day"], 25);
    // 2026-11-25 → 2027-01-20: 5 (to 11-30) + 31 + 20 = 56 days = 8 weeks.
    assert_eq!(p["days_to_interview"], 56);
    // Quick score round(100 × 40 / 60) = 67: the 12-week path, longer than 8 weeks.
    assert_eq!(json["assessment"]["score"], 67);
    assert_eq!(p["path"], "twelve-week-comprehensive");
    assert_eq!(p["path_weeks"], 12);
    let warnings = path_warnings(&json);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("takes 12 weeks") && warnings[0].contains("in 8.0"), "{warnings:?}");
    // Senior to L6 typically takes 8–12 months; 2026-11-01 → 2027-01-20 is far less.
    assert!(
        strings(&p["warnings"]).iter().any(|w| w.contains("typically prepare for 8–12 months")),
        "{}",
        p["warnings"]
    );

    // Day 1 on the start date; 2026-11-01 → 2027-01-20 = 29 + 31 + 20 = 80 days.
    let json = build_on(&env, "2026-11-01");
    assert_eq!(json["profile"]["day"], 1);
    assert_eq!(json["profile"]["days_to_interview"], 80);
    // 80 / 7 = 11.4 weeks < 12.
    assert_eq!(path_warnings(&json).len(), 1);

    // Exactly 12 weeks (84 days) before: the path fits, no warning. The day before
    // the start: no day, and a warning.
    let json = build_on(&env, "2026-10-28");
    assert_eq!(json["profile"]["days_to_interview"], 84);
    assert!(path_warnings(&json).is_empty(), "{}", json["profile"]["warnings"]);
    assert!(json["profile"]["day"].is_null());
    assert!(strings(&json["profile"]["warnings"]).iter().any(|w| w.contains("`start_date` is in the future")));
    // 83 days = 11.9 weeks: too short.
    let json = build_on(&env, "2026-10-29");
    assert_eq!(json["profile"]["days_to_interview"], 83);
    assert_eq!(path_warnings(&json).len(), 1);
    assert!(path_warnings(&json)[0].contains("the interview is in 11.9"));

    // A 6-week path (quick sum 45 → 75) fits in 8 weeks.
    write_assessment(&env, "quick", &QUICK_IDS, &answers_summing_to(45, 12));
    let json = env.json();
    assert_eq!(json["profile"]["path"], "six-week-intensive");
    assert!(path_warnings(&json).is_empty(), "{}", json["profile"]["warnings"]);

    // After the interview: negative days and a warning.
    let json = build_on(&env, "2027-01-21");
    assert_eq!(json["profile"]["days_to_interview"], -1);
    assert!(strings(&json["profile"]["warnings"]).iter().any(|w| w.contains("has passed")));
}

#[test]
fn pace_and_design_credit_edge_cases() {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    // Three solved mediums: 30 min, 45 min and one without `minutes` (counts in the
    // divisor only), plus an unsolved medium in 10 min (not at all).
    env.write(
        "logs/2026-11-24.md",
        "---
date: 2026-11-24
coding:
  - problem: A
    difficulty: medium
    minutes: 30
    solved: true
  - problem: B
    difficulty: medium
    minutes: 45
    solved: true
  - problem: C
    difficulty: medium
    solved: true
  - problem: D
    difficulty: medium
    minutes: 10
    solved: false
---
",
    );
    // Complete designs, each with every part of the checklist: 100M and 10M reach the
    // L6 scale; none and 999,999 do not, so they count as outlines.
    let design = |slug: &str, scale: &str| {
        env.write(
            &format!("designs/{slug}.md"),
            &format!(
                "---\ntitle: {slug}\nstatus: complete\ndate: 2026-11-20\n{scale}---\n{}",
                testenv::FULL_DESIGN_BODY
            ),
        );
    };
    design("big", "scale: 100M\n");
    design("l6", "scale: 10M\n");
    design("unscaled", "");
    design("small", "scale: 999999\n");

    let json = env.json();
    // 3 solved / 40 = 0.075
    close(testenv::component(&json, "technical", "coding_volume"), 0.075);
    // 2 of 3 solved mediums within 45 min = 0.6667
    close(testenv::component(&json, "technical", "coding_pace"), 2.0 / 3.0);
    // L6: 2 / 8 = 0.25
    close(testenv::component(&json, "technical", "design_practice"), 0.25);
    // No assessment: (0.075 + 0.6667 + 0.25 + 0) / 4 = 0.247917
    close(testenv::bar(&json, "technical"), (0.075 + 2.0 / 3.0 + 0.25) / 4.0);
    let scale: Vec<String> =
        testenv::diagnostics(&json).into_iter().filter(|d| d.2 == "design/scale").map(|d| d.0).collect();
    assert_eq!(scale, vec!["designs/small.md", "designs/unscaled.md"]);

    // For L7 the scale is 100M: 1 / 8 = 0.125
    env.write("systemcraft.yaml", &PROFILE.replace("target_level: L6", "target_level: L7"));
    let json = env.json();
    close(testenv::component(&json, "technical", "design_practice"), 0.125);
    mentions(
        &comp_json(&json, "technical", "design_practice")["detail"],
        &["1 of 8", "3 more marked complete, counted as outlines", "below L7 scale"],
    );
}

#[test]
fn an_empty_workspace_scores_zero() {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    let json = env.json();
    for (bar, key) in [
        ("technical", "coding_volume"),
        ("technical", "coding_pace"),
        ("technical", "design_practice"),
        ("technical", "self_rating"),
        ("behavioral", "scenario_coverage"),
        ("behavioral", "lp_depth"),
        ("behavioral", "story_quality"),
        ("behavioral", "rehearsal"),
        ("behavioral", "self_rating"),
        ("cultural", "lp_breadth"),
        ("cultural", "self_rating"),
    ] {
        assert_eq!(testenv::component(&json, bar, key), 0.0, "{bar}.{key}");
    }
    for bar in ["technical", "behavioral", "cultural", "readiness"] {
        assert_eq!(testenv::bar(&json, bar), 0.0, "{bar}");
        assert_eq!(percent(&json, bar), 0, "{bar}");
    }
    // No mock: the factor is 0.7 even with nothing to scale.
    close(bar_json(&json, "readiness")["multiplier"]["factor"].as_f64().unwrap(), 0.7);
    assert_eq!(json["today_goals"]["streak"], 0);
    assert_eq!(json["today_goals"]["best_streak"], 0);
    assert_eq!(json["week"]["minutes"], 0);
}

#[test]
fn the_pace_counts_finished_days_from_the_start_date() {
    // A workspace started on Thursday 26 November, looked at the same day.
    let env = Env::init();
    let profile = env.read("systemcraft.yaml");
    assert!(profile.contains("start_date: \"2026-11-25\""), "{profile}");
    env.write("systemcraft.yaml", &profile.replace("start_date: \"2026-11-25\"", "start_date: \"2026-11-26\""));
    env.run_ok(&["build", "--today", "2026-11-26"]);
    let d = env.read("DASHBOARD.md");
    assert!(!d.contains("behind pace"), "{d}");
    assert!(
        d.contains(
            "Hours: **0.0 h** logged against a commitment of 15–20 h (the pace counts from the first finished day)."
        ),
        "{d}"
    );
    close(build_on(&env, "2026-11-26")["week"]["expected_hours_so_far"].as_f64().unwrap(), 0.0);
    // Saturday: Thursday and Friday are finished, Monday to Wednesday came before the
    // start: 15 × 2 / 7 = 4.3.
    close(build_on(&env, "2026-11-28")["week"]["expected_hours_so_far"].as_f64().unwrap(), 4.3);
    env.run_ok(&["build", "--today", "2026-11-28"]);
    let d = env.read("DASHBOARD.md");
    assert!(d.contains("(behind pace: 4.3 h expected by the start of today)"), "{d}");
    // The next Monday: a new week, nothing finished yet.
    close(build_on(&env, "2026-11-30")["week"]["expected_hours_so_far"].as_f64().unwrap(), 0.0);
    // Tuesday: Monday is finished: 15 / 7 = 2.1.
    close(build_on(&env, "2026-12-01")["week"]["expected_hours_so_far"].as_f64().unwrap(), 2.1);
    // Before the start date nothing is expected either.
    close(build_on(&env, "2026-11-25")["week"]["expected_hours_so_far"].as_f64().unwrap(), 0.0);
}
