//! Malformed notes and profiles: every problem becomes a diagnostic with its file, line,
//! column and code — in `build --json`, on the stderr of `build` and in DASHBOARD.md's
//! Problems section — while every other note is still computed and nothing panics.

use serde_json::Value;

use crate::testenv::{self, located, story, Env};

/// A valid log written beside every broken note: its solved problem must still count.
const COMPANION_LOG: &str = "\
---
date: 2026-11-24
coding:
  - problem: LRU cache
    difficulty: medium
    minutes: 35
    solved: true
---
";

/// A fresh workspace with the two companions.
fn workspace() -> Env {
    let env = Env::init();
    env.write("stories/companion.md", testenv::COMPANION_STORY);
    env.write("logs/2026-11-24.md", COMPANION_LOG);
    env
}

/// What one workspace produced: the model, the stderr of a plain `build` and the
/// dashboard it wrote.
struct Built {
    json: Value,
    stderr: String,
    dashboard: String,
}

/// Runs `build --json` and `build`; both must succeed without a panic.
fn build(env: &Env) -> Built {
    let r = env.run(&["build", "--json"]);
    assert_eq!(r.code, 0, "build --json failed:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "build --json panicked:\n{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let r = env.run(&["build"]);
    assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "build panicked:\n{}", r.stderr);
    Built { json, stderr: r.stderr, dashboard: env.read("DASHBOARD.md") }
}

/// The one diagnostic with this path and code.
fn find<'a>(json: &'a Value, path: &str, code: &str) -> &'a Value {
    let found: Vec<&Value> =
        json["diagnostics"].as_array().unwrap().iter().filter(|d| d["path"] == path && d["code"] == code).collect();
    assert_eq!(found.len(), 1, "expected one {code} on {path}: {:#}", json["diagnostics"]);
    found[0]
}

/// Asserts that the workspace's diagnostics are exactly `expected` (path, line, column,
/// code), that each is printed on stderr as `path:line:col: severity: … [code]` and
/// listed in the dashboard's Problems section, and that the companions were computed.
fn assert_diagnostics(b: &Built, expected: &[(&str, u64, u64, &str)]) {
    let mut got = located(&b.json);
    got.sort();
    let mut want: Vec<(String, u64, u64, String)> =
        expected.iter().map(|(p, l, c, code)| (p.to_string(), *l, *c, code.to_string())).collect();
    want.sort();
    assert_eq!(got, want, "diagnostics:\n{:#}", b.json["diagnostics"]);
    // The harness's (path, line, code) view agrees.
    assert_eq!(testenv::diagnostics(&b.json).len(), expected.len());

    let problems = b.dashboard.split("## Problems\n").nth(1).expect("a Problems section");
    for d in b.json["diagnostics"].as_array().unwrap() {
        let (path, line, col) =
            (d["path"].as_str().unwrap(), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
        let code = d["code"].as_str().unwrap();
        let severity = d["severity"].as_str().unwrap();
        let location = match (line, col) {
            (0, _) => path.to_string(),
            (l, 0) => format!("{path}:{l}"),
            (l, c) => format!("{path}:{l}:{c}"),
        };
        let head = format!("{location}: {severity}: ");
        assert!(
            b.stderr.lines().any(|l| l.starts_with(&head) && l.ends_with(&format!("[{code}]"))),
            "stderr lacks `{head}… [{code}]`:\n{}",
            b.stderr
        );
        let item = format!("- [{location}]({path}) {severity}: ");
        assert!(
            problems.lines().any(|l| l.starts_with(&item) && l.contains(&format!("`{code}`"))),
            "the Problems section lacks `{item}… `{code}``:\n{problems}"
        );
    }
    assert_companions(&b.json);
}

/// The companion story and log were read and counted.
fn assert_companions(json: &Value) {
    let story = story(json, "companion");
    assert_eq!(story["title"], "Companion story");
    assert_eq!(story["scenario"], "innovation");
    assert_eq!(story["status"], "ready");
    assert_eq!(story["principles"], serde_json::json!(["ownership", "dive-deep"]));
    let innovation =
        json["portfolio"]["scenarios"].as_array().unwrap().iter().find(|r| r["scenario"] == "innovation").unwrap();
    // Counted in its scenario at the status its checks support (a one-line story is
    // counted as a draft, whatever it is marked).
    assert!(
        ["draft", "refined", "ready"].iter().any(|status| innovation[*status]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "companion")),
        "{innovation}"
    );
    let ownership =
        json["portfolio"]["principles"].as_array().unwrap().iter().find(|r| r["principle"] == "ownership").unwrap();
    assert!(ownership["stories"].as_array().unwrap().iter().any(|s| s == "companion"), "{ownership}");
    assert!(json["counts"]["stories"].as_u64().unwrap() >= 1);
    assert!(json["counts"]["logs"].as_u64().unwrap() >= 1);
    let coding = week_goal(json, "coding_problems");
    assert!(coding["done"].as_u64().unwrap() >= 1, "{coding}");
    assert!(coding["files"].as_array().unwrap().iter().any(|f| f == "logs/2026-11-24.md"), "{coding}");
    assert_eq!(json["counts"]["examples"], 4);
}

/// Whether the portfolio has a story with this id.
fn has_story(json: &Value, id: &str) -> bool {
    json["portfolio"]["stories"].as_array().unwrap().iter().any(|s| s["id"] == id)
}

/// One of this week's goals by key.
fn week_goal<'a>(json: &'a Value, key: &str) -> &'a Value {
    json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == key).unwrap()
}

/// The hint of a diagnostic.
fn hint(d: &Value) -> &str {
    d["hint"].as_str().unwrap_or_default()
}

// ---------------------------------------------------------------------------------
// YAML and front-matter structure
// ---------------------------------------------------------------------------------

#[test]
fn an_unclosed_flow_list_is_a_yaml_syntax_error_where_the_parser_stops() {
    let env = workspace();
    env.write(
        "stories/broken.md",
        "---\ntitle: Broken\nscenario: innovation\nprinciples: [ownership, dive-deep\nstatus: draft\n---\n## Situation\nx\n",
    );
    let b = build(&env);
    // libyaml reads the plain scalar `dive-deep status` across the line break and
    // stops at the `:` of `status:` (line 5, column 7).
    assert_diagnostics(&b, &[("stories/broken.md", 5, 7, "yaml/syntax")]);
    let d = find(&b.json, "stories/broken.md", "yaml/syntax");
    assert_eq!(d["severity"], "error");
    assert!(d["message"].as_str().unwrap().starts_with("invalid YAML: "), "{d}");
    assert!(!d["message"].as_str().unwrap().contains(" at line "), "the location is ours, not serde_yaml's: {d}");
    assert!(!has_story(&b.json, "broken"), "an unreadable story is not scored");
}

#[test]
fn yaml_errors_keep_file_line_numbers_after_blank_and_comment_lines() {
    let env = workspace();
    // gray_matter trims the block; the blank line 2 and comment line 3 must still count.
    env.write("designs/spaced.md", "---\n\n# a comment\ntitle: a: b\nstatus: outline\ndate: 2026-11-20\n---\n");
    let b = build(&env);
    assert_diagnostics(&b, &[("designs/spaced.md", 4, 9, "yaml/syntax")]);
}

#[test]
fn a_tab_in_the_indentation_is_reported_at_the_tab() {
    let env = workspace();
    env.write("logs/2026-11-23.md", "---\ndate: 2026-11-23\ndesign:\n  \tminutes: 30\n---\n");
    let b = build(&env);
    // Two spaces, then the tab: column 3.
    assert_diagnostics(&b, &[("logs/2026-11-23.md", 4, 3, "yaml/tab")]);
    assert!(hint(find(&b.json, "logs/2026-11-23.md", "yaml/tab")).contains("spaces"));
}

#[test]
fn front_matter_that_is_a_list_is_not_a_mapping() {
    let env = workspace();
    env.write("stories/listed.md", "---\n- title: A\n- status: draft\n---\n## Situation\n");
    let b = build(&env);
    assert_diagnostics(&b, &[("stories/listed.md", 2, 1, "yaml/not-a-mapping")]);
    assert!(!has_story(&b.json, "listed"));
}

#[test]
fn a_note_without_front_matter_is_reported_on_line_one() {
    let env = workspace();
    env.write("stories/plain.md", "# Just a heading\n\nSome text, no fields.\n");
    env.write("designs/empty.md", "");
    let b = build(&env);
    assert_diagnostics(
        &b,
        &[("stories/plain.md", 1, 1, "front-matter/missing"), ("designs/empty.md", 1, 1, "front-matter/missing")],
    );
    assert!(hint(find(&b.json, "stories/plain.md", "front-matter/missing")).contains("---"));
    assert!(!has_story(&b.json, "plain"));
}

#[test]
fn front_matter_that_is_never_closed_is_unterminated() {
    let env = workspace();
    env.write("stories/open.md", "---\ntitle: Open\nscenario: innovation\nstatus: draft\n## Situation\nx\n");
    env.write("mocks/2026-11-24-open.md", "---");
    let b = build(&env);
    assert_diagnostics(
        &b,
        &[
            ("stories/open.md", 1, 1, "front-matter/unterminated"),
            ("mocks/2026-11-24-open.md", 1, 1, "front-matter/unterminated"),
        ],
    );
    assert!(!has_story(&b.json, "open"));
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_the_bad_line_and_still_read() {
    let env = workspace();
    let mut bytes =
        b"---\ntitle: Latin-1 story\nscenario: innovation\nstatus: draft\n---\n## Situation\nWe met at the caf"
            .to_vec();
    bytes.push(0xe9); // `é` in Latin-1
    bytes.extend_from_slice(b" downstairs.\n");
    env.write_bytes("stories/latin1.md", &bytes);
    let b = build(&env);
    // No meaningful column: the location is `path:line`.
    assert_diagnostics(&b, &[("stories/latin1.md", 7, 0, "file/not-utf8")]);
    assert!(b.stderr.contains("stories/latin1.md:7: error: "), "{}", b.stderr);
    // The rest of the file is read lossily: the story is still scored.
    let s = story(&b.json, "latin1");
    assert_eq!(s["title"], "Latin-1 story");
    assert_eq!(s["scenario"], "innovation");
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_is_reported_without_a_position() {
    use std::os::unix::fs::PermissionsExt;
    let env = workspace();
    env.write("stories/locked.md", "---\ntitle: Locked\nstatus: draft\n---\n");
    let path = env.root.join("stories/locked.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reads, nothing to test.
        return;
    }
    let b = build(&env);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    // Line 0: the location is the bare path.
    assert_diagnostics(&b, &[("stories/locked.md", 0, 0, "file/unreadable")]);
    assert!(b.stderr.contains("stories/locked.md: error: "), "{}", b.stderr);
    assert!(!has_story(&b.json, "locked"));
}

#[test]
fn pathological_yaml_is_a_diagnostic_not_a_crash() {
    let env = workspace();
    let deep = format!("---\ntitle: {}{}\nstatus: draft\n---\n", "[".repeat(5000), "]".repeat(5000));
    env.write("stories/deep.md", &deep);
    let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f")] {
        bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
    }
    bomb.push_str("title: Bomb\nstatus: draft\n---\n");
    env.write("stories/bomb.md", &bomb);
    env.write("stories/twice.md", "---\ntitle: A\ntitle: B\nstatus: draft\n---\n");
    let b = build(&env);
    let mut got: Vec<(String, String)> = located(&b.json).into_iter().map(|(p, _, _, c)| (p, c)).collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("stories/bomb.md".to_string(), "yaml/syntax".to_string()),
            ("stories/deep.md".to_string(), "yaml/too-deep".to_string()),
            ("stories/twice.md".to_string(), "yaml/syntax".to_string()),
        ]
    );
    for (path, line, _) in testenv::diagnostics(&b.json) {
        assert!((2..=3).contains(&line), "{path}: line {line} is not in the front matter");
    }
    assert!(find(&b.json, "stories/twice.md", "yaml/syntax")["message"].as_str().unwrap().contains("duplicate"));
    assert_companions(&b.json);
}

// ---------------------------------------------------------------------------------
// Schema: types, closed sets, dates, required fields, ranges
// ---------------------------------------------------------------------------------

#[test]
fn a_mapping_where_a_list_belongs_is_a_type_error_at_the_value() {
    let env = workspace();
    env.write(
        "stories/typed.md",
        "---\ntitle: Typed\nscenario: innovation\nprinciples: {a: 1}\nstatus: refined\n---\n",
    );
    let b = build(&env);
    assert_diagnostics(&b, &[("stories/typed.md", 4, 13, "schema/type")]);
    // Only the field is lost: the story is scored without principles.
    let s = story(&b.json, "typed");
    assert_eq!(s["status"], "refined");
    assert_eq!(s["principles"], serde_json::json!([]));
}

#[test]
fn a_bad_number_in_a_coding_item_points_at_that_items_line() {
    let env = workspace();
    env.write(
        "logs/2026-11-25.md",
        "---\ndate: 2026-11-25\ncoding:\n  - problem: Two sum\n    minutes: 15\n    solved: true\n  - problem: Word ladder\n    difficulty: hard\n    minutes: lots\n    solved: true\n---\n",
    );
    let b = build(&env);
    assert_diagnostics(&b, &[("logs/2026-11-25.md", 9, 5, "schema/type")]);
    assert!(find(&b.json, "logs/2026-11-25.md", "schema/type")["message"].as_str().unwrap().contains("lots"));
    // Both problems still count for today.
    assert_eq!(b.json["today_goals"]["log"], "logs/2026-11-25.md");
    assert_eq!(b.json["today_goals"]["minimums"][0]["done"], 2);
    assert_eq!(week_goal(&b.json, "coding_problems")["done"], 3);
}

#[test]
fn absurdly_large_numbers_are_out_of_range_and_do_not_overflow_the_sums() {
    let env = workspace();
    env.write(
        "logs/2026-11-25.md",
        "---\ndate: 2026-11-25\ncoding:\n  - problem: A\n    minutes: 18446744073709551615\n    solved: true\n  - problem: B\n    minutes: .inf\n    solved: true\ndesign:\n  minutes: 18446744073709551615\nbehavioral:\n  minutes: 10\n---\n",
    );
    env.write("mocks/2026-11-24-long.md", "---\ndate: 2026-11-24\nkind: coding\nminutes: 18446744073709551615\n---\n");
    let b = build(&env);
    assert_diagnostics(
        &b,
        &[
            ("logs/2026-11-25.md", 5, 5, "schema/out-of-range"),
            ("logs/2026-11-25.md", 8, 5, "schema/out-of-range"),
            ("logs/2026-11-25.md", 11, 12, "schema/out-of-range"),
            ("mocks/2026-11-24-long.md", 4, 10, "schema/out-of-range"),
        ],
    );
    // The sane values are still used: 2 problems, 10 behavioral minutes, and the
    // companion's 35 coding minutes.
    assert_eq!(b.json["today_goals"]["minimums"][0]["done"], 2);
    assert_eq!(b.json["today_goals"]["minimums"][2]["done"], 10);
    assert_eq!(b.json["week"]["minutes"], 45);
}

#[test]
fn an_unknown_principle_suggests_the_closest_slug() {
    let env = workspace();
    env.write(
        "stories/lp.md",
        "---\ntitle: LP\nscenario: innovation\nprinciples: [Dive Deep, ownershp]\nstatus: draft\n---\n",
    );
    let b = build(&env);
    assert_diagnostics(&b, &[("stories/lp.md", 4, 25, "schema/unknown-principle")]);
    let d = find(&b.json, "stories/lp.md", "schema/unknown-principle");
    assert!(d["message"].as_str().unwrap().contains("ownershp"), "{d}");
    assert!(hint(d).contains("did you mean `ownership`"), "{d}");
    assert_eq!(story(&b.json, "lp")["principles"], serde_json::json!(["dive-deep"]));
}

#[test]
fn an_unknown_scenario_suggests_the_closest_one() {
    let env = workspace();
    env.write("stories/sc.md", "---\ntitle: Scenario\nscenario: innovaton\nstatus: draft\n---\n");
    let b = build(&env);
    assert_diagnostics(&b, &[("stories/sc.md", 3, 11, "schema/unknown-scenario")]);
    assert!(hint(find(&b.json, "stories/sc.md", "schema/unknown-scenario")).contains("did you mean `innovation`"));
    assert!(story(&b.json, "sc")["scenario"].is_null());
}

#[test]
fn an_unknown_status_suggests_the_closest_one_and_the_story_counts_as_a_draft() {
    let env = workspace();
    env.write("stories/st.md", "---\ntitle: Status\nscenario: innovation\nstatus: redy\n---\n");
    env.write("designs/st.md", "---\ntitle: Design\nstatus: completed-ish\ndate: 2026-11-20\n---\n");
    let b = build(&env);
    assert_diagnostics(
        &b,
        &[("stories/st.md", 4, 9, "schema/unknown-status"), ("designs/st.md", 3, 9, "schema/unknown-status")],
    );
    assert!(hint(find(&b.json, "stories/st.md", "schema/unknown-status")).contains("did you mean `ready`"));
    assert!(hint(find(&b.json, "designs/st.md", "schema/unknown-status")).contains("outline, complete"));
    assert_eq!(story(&b.json, "st")["status"], "draft");
}

#[test]
fn impossible_dates_are_bad_dates_at_the_value() {
    let env = workspace();
    env.write("designs/d.md", "---\ntitle: Design\nstatus: outline\ndate: 2026-13-45\n---\n");
    env.write(
        "stories/created.md",
        "---\ntitle: Created\nscenario: innovation\nstatus: draft\ncreated: 2026-02-30\n---\n",
    );
    env.write("logs/2026-11-20.md", "---\ndate: 20/11/2026\n---\n");
    let b = build(&env);
    assert_diagnostics(
        &b,
        &[
            ("designs/d.md", 4, 7, "schema/bad-date"),
            ("stories/created.md", 5, 10, "schema/bad-date"),
            ("logs/2026-11-20.md", 2, 7, "schema/bad-date"),
        ],
    );
    let d = find(&b.json, "designs/d.md", "schema/bad-date");
    assert!(d["message"].as_str().unwrap().contains("2026-13-45"), "{d}");
    assert!(hint(d).contains("YYYY-MM-DD"), "{d}");
    // A complete design without a usable date is not in this window's design practice.
    assert_eq!(testenv::component(&b.json, "technical", "design_practice"), 0.0);
}

#[test]
fn a_bad_happened_is_a_bad_date_and_partial_dates_are_fine() {
    let env = workspace();
    env.write("stories/a.md", "---\ntitle: A\nscenario: innovation\nstatus: draft\nhappened: last spring\n---\n");
    env.write("stories/b.md", "---\ntitle: B\nscenario: innovation\nstatus: draft\nhappened: 2025-13\n---\n");
    env.write("stories/c.md", "---\ntitle: C\nscenario: innovation\nstatus: draft\nhappened: 2024\n---\n");
    env.write("stories/d.md", "---\ntitle: D\nscenario: innovation\nstatus: draft\nhappened: 2024-02-29\n---\n");
    let b = build(&env);
    assert_diagnostics(&b, &[("stories/a.md", 5, 11, "schema/bad-date"), ("stories/b.md", 5, 11, "schema/bad-date")]);
    assert!(hint(find(&b.json, "stories/a.md", "schema/bad-date")).contains("2025-03"));
    assert!(story(&b.json, "a")["happened"].is_null());
    assert_eq!(story(&b.json, "c")["happened"], "2024");
    assert_eq!(story(&b.json, "d")["happened"], "2024-02-29");
}

#[test]
fn missing_required_fields_are_reported_on_the_opening_line() {
    let env = workspace();
    env.write("designs/untitled.md", "---\nstatus: outline\ndate: 2026-11-20\n---\n## Requirements\n");
    env.write("logs/2026-11-21.md", "---\ncoding: []\n---\n");
    // An empty block, and one that starts with a blank line: still line 1, the `---`.
    env.write("mocks/2026-11-20-empty.md", "---\n---\n");
    env.write("stories/blank.md", "---\n\ntitle: Blank first line\n---\n");
    let b = build(&env);
    assert_diagnostics(
        &b,
        &[
            ("designs/untitled.md", 1, 1, "schema/missing-field"),
            ("logs/2026-11-21.md", 1, 1, "schema/missing-field"),
            ("mocks/2026-11-20-empty.md", 1, 1, "schema/missing-field"),
            ("mocks/2026-11-20-empty.md", 1, 1, "schema/missing-field"),
            ("stories/blank.md", 1, 1, "schema/missing-field"),
        ],
    );
    let missing: Vec<&str> = b.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["message"].as_str())
        .filter(|m| m.starts_with("required field"))
        .collect();
    for field in ["`title`", "`date`", "`kind`", "`status`"] {
        assert!(missing.iter().any(|m| m.contains(field)), "no missing {field}: {missing:?}");
    }
    assert!(hint(find(&b.json, "designs/untitled.md", "schema/missing-field")).contains("title:"));
    // The design is still counted, titled by its id.
    assert_eq!(b.json["counts"]["designs"], 1);
    assert_eq!(story(&b.json, "blank")["title"], "Blank first line");
}

#[test]
fn out_of_range_mock_ratings_and_assessment_answers() {
    let env = workspace();
    env.write(
        "mocks/2026-11-24-loop.md",
        "---\ndate: 2026-11-24\nkind: full-loop\nratings:\n  behavioral: 6\n  system-design: 4\n  coding: 0\n---\n",
    );
    env.write(
        "assessment.md",
        "---\nform: quick\nanswers:\n  design-at-scale: 7\n  coding-speed: 2\n  aws-production: 4\n---\n# Self-assessment\n",
    );
    let b = build(&env);
    assert_diagnostics(
        &b,
        &[
            ("mocks/2026-11-24-loop.md", 5, 3, "schema/out-of-range"),
            ("mocks/2026-11-24-loop.md", 7, 3, "schema/out-of-range"),
            ("assessment.md", 4, 3, "schema/out-of-range"),
        ],
    );
    assert!(find(&b.json, "assessment.md", "schema/out-of-range")["message"]
        .as_str()
        .unwrap()
        .contains("design-at-scale: 7"));
    // The mock still counts; the two valid answers make a partial assessment.
    assert_eq!(week_goal(&b.json, "mocks")["done"], 1);
    assert_eq!(b.json["assessment"]["status"], "partial");
    assert_eq!(b.json["assessment"]["answered"], 2);
    assert_eq!(b.json["assessment"]["total"], 12);
}

// ---------------------------------------------------------------------------------
// Cross-note checks
// ---------------------------------------------------------------------------------

#[test]
fn a_log_whose_date_differs_from_its_file_name_is_a_warning() {
    let env = workspace();
    env.write("logs/2026-11-23.md", "---\ndate: 2026-11-22\ncoding:\n  - problem: Two sum\n    solved: true\n---\n");
    let b = build(&env);
    assert_diagnostics(&b, &[("logs/2026-11-23.md", 2, 7, "log/date-mismatch")]);
    let d = find(&b.json, "logs/2026-11-23.md", "log/date-mismatch");
    assert_eq!(d["severity"], "warning");
    assert!(hint(d).contains("date: 2026-11-23"), "{d}");
    // The front matter wins: the log counts on the 22nd, outside this week.
    assert_eq!(week_goal(&b.json, "coding_problems")["done"], 1);
}

#[test]
fn rehearsals_and_mocks_naming_a_missing_story_are_warnings() {
    let env = workspace();
    env.write(
        "logs/2026-11-25.md",
        "---\ndate: 2026-11-25\nbehavioral:\n  minutes: 10\n  stories: [companion]\nrehearsals:\n  - story: companion\n    rating: good\n  - story: ghost\n    rating: hard\n---\n",
    );
    env.write(
        "mocks/2026-11-24-loop.md",
        "---\ndate: 2026-11-24\nkind: behavioral\nstories: [\"[[companian]]\"]\n---\n",
    );
    let b = build(&env);
    assert_diagnostics(
        &b,
        &[
            ("logs/2026-11-25.md", 9, 5, "link/unknown-story"),
            ("mocks/2026-11-24-loop.md", 4, 12, "link/unknown-story"),
        ],
    );
    let d = find(&b.json, "logs/2026-11-25.md", "link/unknown-story");
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("\"ghost\""), "{d}");
    assert!(hint(find(&b.json, "mocks/2026-11-24-loop.md", "link/unknown-story")).contains("did you mean `companion`"));
    // The rehearsal of the real story still counts.
    assert_eq!(b.json["today_goals"]["log"], "logs/2026-11-25.md");
}

// ---------------------------------------------------------------------------------
// The profile
// ---------------------------------------------------------------------------------

#[test]
fn an_unknown_track_in_the_profile_is_reported_on_its_line_and_the_rest_applies() {
    let env = workspace();
    env.write(
        "systemcraft.yaml",
        "name: Sam\n# where I come from\ntrack: senior to l8\ntimeline: deep\ntarget_level: L7\n",
    );
    let b = build(&env);
    assert_diagnostics(&b, &[("systemcraft.yaml", 3, 8, "schema/unknown-value")]);
    assert!(hint(find(&b.json, "systemcraft.yaml", "schema/unknown-value")).contains("senior-to-l6"));
    assert_eq!(b.json["profile"]["name"], "Sam");
    assert_eq!(b.json["profile"]["track"], "senior-to-l6");
    assert_eq!(b.json["profile"]["timeline"], "deep");
    assert_eq!(b.json["profile"]["target_level"], "L7");
}

#[test]
fn a_profile_with_a_yaml_error_and_no_valid_version_builds_with_the_defaults() {
    let env = workspace();
    // `init` built once and kept that profile as the last valid one: forget it.
    std::fs::remove_dir_all(env.root.join(".systemcraft")).unwrap();
    env.write("systemcraft.yaml", "name: Sam\ntimeline: deep\ntrack: [l6-to-l7\ninterview_date: 2027-01-15\n");
    let b = build(&env);
    // As in a note: where libyaml stops, the `:` after `interview_date`.
    assert_diagnostics(&b, &[("systemcraft.yaml", 4, 15, "yaml/syntax")]);
    assert!(hint(find(&b.json, "systemcraft.yaml", "yaml/syntax")).contains("defaults"));
    // Nothing of the profile is used: every value is the default.
    assert!(b.json["profile"]["name"].is_null());
    assert_eq!(b.json["profile"]["track"], "senior-to-l6");
    assert_eq!(b.json["profile"]["timeline"], "balanced");
    assert!(b.json["profile"]["interview_date"].is_null());
    assert_eq!(week_goal(&b.json, "coding_problems")["target"], 10);
}

#[test]
fn a_profile_with_a_yaml_error_keeps_the_last_valid_profile_in_force() {
    let env = workspace();
    env.write("systemcraft.yaml", "name: Sam\ntimeline: deep\ngoals:\n  weekly:\n    mocks: 2\n");
    build(&env);
    // A half-typed edit: the list is never closed.
    env.write("systemcraft.yaml", "name: Sam\ntimeline: [deep\ngoals:\n  weekly:\n    mocks: 3\n");
    let b = build(&env);
    assert_eq!(b.json["diagnostics"].as_array().unwrap().len(), 1, "{}", b.json["diagnostics"]);
    assert!(hint(find(&b.json, "systemcraft.yaml", "yaml/syntax")).contains("last valid"));
    assert_eq!(b.json["profile"]["name"], "Sam");
    assert_eq!(b.json["profile"]["timeline"], "deep");
    assert_eq!(week_goal(&b.json, "mocks")["target"], 2);
    // Fixed: the new profile applies and becomes the last valid one.
    env.write("systemcraft.yaml", "name: Sam\ntimeline: intensive\n");
    let b = build(&env);
    assert!(b.json["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(b.json["profile"]["timeline"], "intensive");
    assert_eq!(env.read(".systemcraft/profile.last-good.yaml"), "name: Sam\ntimeline: intensive\n");
}

#[test]
fn a_tab_in_the_profile_is_reported_at_its_line() {
    let env = workspace();
    env.write("systemcraft.yaml", "name: Sam\ngoals:\n  weekly:\n\tmocks: 2\n");
    let b = build(&env);
    assert_diagnostics(&b, &[("systemcraft.yaml", 4, 1, "yaml/syntax")]);
    assert_eq!(week_goal(&b.json, "mocks")["target"], 1);
}

// ---------------------------------------------------------------------------------
// What is accepted
// ---------------------------------------------------------------------------------

#[test]
fn a_bom_and_crlf_line_endings_parse_cleanly() {
    let env = workspace();
    let text = "\u{feff}---\r\ntitle: Windows story\r\nscenario: people-leadership\r\nprinciples: [earn-trust]\r\nstatus: refined\r\n---\r\n## Situation\r\nI hired two engineers.\r\n";
    env.write("stories/windows.md", text);
    env.write("logs/2026-11-25.md", "\u{feff}---\r\ndate: 2026-11-25\r\ndesign:\r\n  minutes: 40\r\n---\r\n");
    let b = build(&env);
    assert_diagnostics(&b, &[]);
    let s = story(&b.json, "windows");
    assert_eq!(s["title"], "Windows story");
    assert_eq!(s["scenario"], "people-leadership");
    assert_eq!(s["status"], "refined");
    assert_eq!(s["principles"], serde_json::json!(["earn-trust"]));
    assert_eq!(b.json["today_goals"]["minimums"][1]["done"], 40);
    assert!(b.dashboard.contains("None: every note was read."));
}

#[test]
fn positions_stay_right_with_a_bom_and_crlf() {
    let env = workspace();
    env.write("stories/windows.md", "\u{feff}---\r\ntitle: Windows\r\nscenario: innovation\r\nstatus: redy\r\n---\r\n");
    let b = build(&env);
    assert_diagnostics(&b, &[("stories/windows.md", 4, 9, "schema/unknown-status")]);
}

#[test]
fn unknown_front_matter_keys_are_kept_and_ignored() {
    let env = workspace();
    env.write(
        "stories/obsidian.md",
        "---\ntitle: With extras\nscenario: innovation\nstatus: draft\naliases: [extras]\ntags: [prep, amazon]\ncssclasses: wide\nmy_notes:\n  nested: {deep: [1, 2]}\nrating: 5\n---\n## Situation\nx\n",
    );
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\nmood: tired\ncoding:\n  - problem: A\n    url: https://example.com/a\n    solved: true\n---\n");
    let b = build(&env);
    assert_diagnostics(&b, &[]);
    assert_eq!(story(&b.json, "obsidian")["title"], "With extras");
    assert_eq!(b.json["today_goals"]["minimums"][0]["done"], 1);
}

#[test]
fn principle_names_are_accepted_in_any_case_and_spacing() {
    let env = workspace();
    env.write(
        "stories/names.md",
        "---\ntitle: Names\nscenario: Failure and Learning\nprinciples: [Dive Deep, dive_deep, DISAGREE AND COMMIT, \"Earth's Best Employer\", Learn-And-Be-Curious, \"Have Backbone; Disagree and Commit\"]\nstatus: READY\n---\n",
    );
    let b = build(&env);
    assert_diagnostics(&b, &[]);
    let s = story(&b.json, "names");
    assert_eq!(
        s["principles"],
        serde_json::json!(["dive-deep", "have-backbone", "earths-best-employer", "learn-and-be-curious"])
    );
    assert_eq!(s["scenario"], "failure-and-learning");
    assert_eq!(s["status"], "ready");
}

#[test]
fn many_broken_notes_at_once_leave_the_rest_intact() {
    let env = workspace();
    env.write("stories/one.md", "---\ntitle: [unclosed\n---\n");
    env.write_bytes("stories/two.md", b"\xff\xfe\x00garbage");
    env.write("designs/three.md", "no front matter\n");
    env.write("mocks/2026-11-24-four.md", "---\n- a\n---\n");
    env.write("plans/five.md", "---\npath: six-week-intensive\nstart: soon\n---\n## Week 1\n- [x] done\n- [ ] todo\n");
    let b = build(&env);
    let files: Vec<String> = located(&b.json).into_iter().map(|(p, ..)| p).collect();
    for f in ["stories/one.md", "stories/two.md", "designs/three.md", "mocks/2026-11-24-four.md", "plans/five.md"] {
        assert!(files.iter().any(|p| p == f), "no diagnostic for {f}: {files:?}");
    }
    assert_companions(&b.json);
    assert_eq!(b.json["plan"]["done"], 1);
    assert_eq!(b.json["plan"]["total"], 2);
    // --check, --stdout and a second build also survive.
    assert_eq!(env.run(&["build", "--check"]).code, 0);
    let r = env.run(&["build", "--stdout"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, b.dashboard);
}
