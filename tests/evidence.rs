//! Readiness from evidence, on one workspace: mock ratings move readiness, a story is
//! counted at what its checks support, a design counts complete only with its
//! checklist, the time split is shown against the recommended one, and a bad week
//! marks the bars slipping in the week it happens.

use serde_json::Value;

use crate::testenv::{self, Env};

const PROFILE: &str = "name: Test Candidate
track: senior-to-l6
target_level: L6
timeline: balanced
start_date: 2026-10-01
interview_date: 2027-01-20
";

/// A steady day: one medium in 40 minutes, 45 minutes of design, 45 of behavioral work
/// (130 minutes; 7 of them are 15.2 h, the balanced timeline's 15 h a week).
fn steady_log(date: &str) -> String {
    format!(
        "---\ndate: {date}\ncoding:\n  - problem: p-{date}\n    difficulty: medium\n    minutes: 40\n    solved: true\ndesign:\n  minutes: 45\nbehavioral:\n  minutes: 45\n---\n"
    )
}

/// The days from `from` to `to`, both included.
fn days(from: &str, to: &str) -> Vec<String> {
    let (from, to): (jiff::civil::Date, jiff::civil::Date) = (from.parse().unwrap(), to.parse().unwrap());
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        out.push(d.to_string());
        d = d.tomorrow().unwrap();
    }
    out
}

/// The workspace: steady days from 10-28 to 11-18, then a bad week (one 90-minute day
/// on 11-22: 10% of the 15 h commitment), three mocks (behavioral, system design,
/// coding) all rated `rating`, and a clean story.
fn workspace(rating: u8) -> Env {
    let env = Env::empty();
    env.write("systemcraft.yaml", PROFILE);
    for d in days("2026-10-28", "2026-11-18") {
        env.write(&format!("logs/{d}.md"), &steady_log(&d));
    }
    env.write("logs/2026-11-22.md", "---\ndate: 2026-11-22\ndesign:\n  minutes: 45\nbehavioral:\n  minutes: 45\n---\n");
    for (date, kind, area) in [
        ("2026-11-05", "behavioral", "behavioral"),
        ("2026-11-10", "system-design", "system-design"),
        ("2026-11-15", "coding", "coding"),
    ] {
        env.write(
            &format!("mocks/{date}-{kind}.md"),
            &format!("---\ndate: {date}\nkind: {kind}\nminutes: 45\nratings:\n  {area}: {rating}\n---\n"),
        );
    }
    env
}

fn build_on(env: &Env, today: &str) -> Value {
    let r = env.run_ok(&["build", "--json", "--today", today]);
    serde_json::from_str(&r.stdout).expect("valid JSON")
}

fn dashboard_on(env: &Env, today: &str) -> String {
    env.run_ok(&["build", "--today", today]);
    env.read("DASHBOARD.md")
}

fn percent(json: &Value, key: &str) -> i64 {
    json["bars"].as_array().unwrap().iter().find(|b| b["key"] == key).unwrap()["percent"].as_i64().unwrap()
}

#[test]
fn mocks_rated_1_and_rated_5_differ_by_at_least_10_points_of_readiness() {
    let low = build_on(&workspace(1), "2026-11-18");
    let high = build_on(&workspace(5), "2026-11-18");
    let (low_r, high_r) = (percent(&low, "readiness"), percent(&high, "readiness"));
    assert!(high_r - low_r >= 10, "rated 1: {low_r}%, rated 5: {high_r}%");
    // Three mocks in the window either way: only how they went differs.
    let m = |j: &Value| j["bars"][3]["multiplier"].clone();
    assert_eq!(m(&low)["mocks"], 3);
    assert_eq!(m(&high)["mocks"], 3);
    assert_eq!(m(&low)["factor"], 0.7);
    assert_eq!(m(&high)["factor"], 1.0);
    // Each area's ratings feed its own part: behavioral mocks in Behavioral Stories.
    assert_eq!(testenv::component(&low, "behavioral", "behavioral_mocks"), 0.0);
    assert_eq!(testenv::component(&high, "behavioral", "behavioral_mocks"), 1.0);
    assert!(percent(&high, "behavioral") > percent(&low, "behavioral"));
    // The mocks section shows each area's ratings apart, never one mean of all.
    let text = dashboard_on(&workspace(5), "2026-11-18");
    for area in ["Behavioral ratings", "System design ratings", "Coding ratings"] {
        assert!(text.contains(area), "{area} missing:\n{text}");
    }
    assert!(!text.contains("mean of the areas"), "{text}");
}

#[test]
fn a_weak_story_marked_ready_is_credited_as_a_draft_and_the_dashboard_says_why() {
    let env = workspace(3);
    env.write(
        "stories/weak.md",
        "---\ntitle: The weak one\nscenario: technical-leadership\nprinciples: [ownership]\nstatus: ready\nhappened: 2025-03\n---\n\
         ## Situation\nWe had a slow service that our team owned.\n## Task\nWe needed to make it faster.\n\
         ## Action\nWe worked on it together and we shipped a fix.\n## Result\nThings got better for everyone.\n",
    );
    let json = build_on(&env, "2026-11-18");
    let s = testenv::story(&json, "weak");
    assert_eq!(s["status"], "ready");
    assert_eq!(s["credited"], "draft");
    let note = s["credit_note"].as_str().unwrap();
    assert!(note.starts_with("marked ready, counted as draft: "), "{note}");
    assert!(note.contains("STAR error") && note.contains("(`systemcraft check stories/weak.md`)"), "{note}");
    // Counted as a draft: the scenario has no ready or refined story, the principle no
    // strong one.
    let row =
        json["portfolio"]["scenarios"].as_array().unwrap().iter().find(|r| r["scenario"] == "technical-leadership");
    assert_eq!(row.unwrap()["draft"], serde_json::json!(["weak"]));
    assert_eq!(row.unwrap()["credit"], 0.0);
    assert_eq!(testenv::component(&json, "behavioral", "scenario_coverage"), 0.0);
    // The dashboard says it in words, with the command.
    let text = dashboard_on(&env, "2026-11-18");
    assert!(text.contains("### Counted below their status"), "{text}");
    assert!(text.contains(&format!("[The weak one](stories/weak.md): {note}")), "{text}");
    // And `check` on the story shows the errors behind it.
    let r = env.run(&["check", "stories/weak.md", "--today", "2026-11-18"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("star/we-not-i"), "{}", r.stdout);
}

#[test]
fn a_one_line_design_marked_complete_adds_nothing_to_technical() {
    let env = workspace(3);
    let before = build_on(&env, "2026-11-18");
    env.write(
        "designs/one-line.md",
        "---\ntitle: URL shortener\nstatus: complete\ndate: 2026-11-17\nscale: 10M\nlevel: L6\n---\n## Requirements\nShort links.\n",
    );
    let after = build_on(&env, "2026-11-18");
    assert_eq!(testenv::component(&after, "technical", "design_practice"), 0.0);
    assert_eq!(testenv::bar(&after, "technical"), testenv::bar(&before, "technical"));
    // `check` lists what it lacks as `design/…` warnings.
    let r = env.run(&["check", "designs/one-line.md", "--today", "2026-11-18"]);
    for code in [
        "design/functional-requirements",
        "design/non-functional-requirements",
        "design/estimates",
        "design/api",
        "design/data-model",
        "design/high-level",
        "design/deep-dives",
        "design/trade-offs",
    ] {
        assert!(r.stdout.contains(code), "{code} missing:\n{}", r.stdout);
    }
    assert!(!r.stdout.contains("design/scale"), "{}", r.stdout);
    // The same design written out in full counts: 1 of the 8 designs the target asks.
    env.write(
        "designs/one-line.md",
        &format!(
            "---\ntitle: URL shortener\nstatus: complete\ndate: 2026-11-17\nscale: 10M\nlevel: L6\n---\n{}",
            testenv::FULL_DESIGN_BODY
        ),
    );
    let full = build_on(&env, "2026-11-18");
    assert_eq!(testenv::component(&full, "technical", "design_practice"), 0.125);
    assert!(testenv::bar(&full, "technical") > testenv::bar(&before, "technical"));
}

#[test]
fn the_time_split_is_on_the_dashboard_with_the_right_numbers() {
    let env = workspace(3);
    let json = build_on(&env, "2026-11-18");
    // Window 10-22 .. 11-18: 22 steady days (10-28 .. 11-18) of 40 coding, 45 design
    // and 45 behavioral minutes, and the three 45-minute mocks, one per area:
    // behavioral 22 × 45 + 45 = 1035, design 1035, coding 22 × 40 + 45 = 925;
    // total 2995. Shares: 1035 / 2995 = 34.56% → 35, 925 / 2995 = 30.88% → 31.
    let rows: Vec<(String, u64, u64, u64, i64)> = json["split"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["area"].as_str().unwrap().to_string(),
                r["minutes"].as_u64().unwrap(),
                r["percent"].as_u64().unwrap(),
                r["recommended"].as_u64().unwrap(),
                r["off"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("behavioral".into(), 1035, 35, 60, -25),
            ("system-design".into(), 1035, 35, 24, 11),
            ("coding".into(), 925, 31, 16, 15),
        ]
    );
    let text = dashboard_on(&env, "2026-11-18");
    assert!(text.contains("## Where the time goes"), "{text}");
    assert!(text.contains("| Behavioral | 17.2 h | 35% | 60% | -25 |"), "{text}");
    assert!(text.contains("| System design | 17.2 h | 35% | 24% | +11 |"), "{text}");
    assert!(text.contains("| Coding | 15.4 h | 31% | 16% | +15 |"), "{text}");
    // Behavioral is 25 points short (more than 15): a next action says so.
    let action =
        json["actions"].as_array().unwrap().iter().find(|a| a["title"] == "Spend more of the week on behavioral");
    let detail = action.expect("a split action")["detail"].as_str().unwrap().to_string();
    assert!(
        detail.contains("35%") && detail.contains("60% recommended") && detail.contains("25 points short"),
        "{detail}"
    );

    // The recommended split is configurable under `goals:`; within 15 points, no action.
    env.write(
        "systemcraft.yaml",
        &format!("{PROFILE}goals:\n  split:\n    behavioral: 35\n    design: 35\n    coding: 30\n"),
    );
    let json = build_on(&env, "2026-11-18");
    assert_eq!(json["split"]["rows"][0]["recommended"], 35);
    assert!(!json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["title"].as_str().unwrap().starts_with("Spend more")));
}

#[test]
fn a_week_at_10_percent_of_the_commitment_marks_the_bars_slipping_that_week() {
    let env = workspace(3);
    // The last steady day: on pace, nothing slips.
    let json = build_on(&env, "2026-11-18");
    assert_eq!(json["momentum"]["slipping"], false);
    assert!(json["bars"].as_array().unwrap().iter().all(|b| b["slipping"] == false));
    // A week later: 90 minutes (10% of the 15 h week) in 11-19 .. 11-25, against the
    // 15 h × 6/7 = 771 minutes owed by its 6 finished days (12%).
    let json = build_on(&env, "2026-11-25");
    assert_eq!(json["momentum"]["minutes"], 90);
    assert_eq!(json["momentum"]["expected_minutes"], 771);
    assert_eq!(json["momentum"]["slipping"], true);
    assert!(json["bars"].as_array().unwrap().iter().all(|b| b["slipping"] == true), "{:#}", json["bars"]);
    // A next action right after the assessment (not taken here), before any gain.
    assert_eq!(json["actions"][0]["title"], "Take the self-assessment");
    assert_eq!(json["actions"][1]["title"], "Get back to the week's pace");
    assert!(json["actions"][1]["detail"].as_str().unwrap().contains("1.5 h logged in the last 7 days"));
    let text = dashboard_on(&env, "2026-11-25");
    assert!(text.contains("| Interview Readiness | `"), "{text}");
    assert!(text.contains("▼ slipping |"), "{text}");
    assert!(
        text.contains("> **Slipping:** 1.5 h logged from 2026-11-19 to today against 12.8 h the commitment asks (12%)"),
        "{text}"
    );
}

#[test]
fn a_retaken_assessment_prints_the_change_per_question_and_per_category() {
    let env = Env::init();
    let all = |value: u8| -> Vec<String> {
        let answers = testenv::QUICK_IDS.iter().flat_map(|id| ["--answer".to_string(), format!("{id}={value}")]);
        std::iter::once("assess".to_string()).chain(answers).collect()
    };
    let first = env.run_ok(&all(3).iter().map(String::as_str).collect::<Vec<_>>());
    // Nothing to compare with the first time.
    assert!(!first.stdout.contains("Since "), "{}", first.stdout);
    let mut args = vec!["assess", "--answer", "coding-speed=5", "--answer", "influence=2"];
    args.insert(0, "--today");
    args.insert(1, "2026-12-02");
    let second = env.run_ok(&args);
    let out = &second.stdout;
    assert!(out.contains("Since the answers of 2026-11-25:"), "{out}");
    assert!(out.contains("coding-speed             3 → 5 (+2)"), "{out}");
    assert!(out.contains("influence                3 → 2 (-1)"), "{out}");
    // Quick form: 4 questions of 5 per category. Technical 12 → 14 of 20 (60% → 70%),
    // leadership 12 → 11 (60% → 55%), cultural unchanged.
    assert!(out.contains("Technical    60% →  70% (+10 points)"), "{out}");
    assert!(out.contains("Leadership   60% →  55% (-5 points)"), "{out}");
    assert!(out.contains("Cultural     60% →  60% (+0 points)"), "{out}");
}
