//! `systemcraft new story|log|design|mock`: where the note goes, what its front matter
//! says, that it parses, that hostile titles stay in their folder with safe names, and
//! that nothing is ever overwritten.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::testenv::{self, story, Env, TODAY};

/// Every file under the test's temporary folder (workspace and home), relative to it.
fn all_files(env: &Env) -> BTreeSet<PathBuf> {
    let top = env.root.parent().unwrap();
    walkdir::WalkDir::new(top)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(top).unwrap().to_path_buf())
        .collect()
}

/// Runs `new` and returns the one file it created (relative to the workspace root,
/// `/`-separated), checking that it printed that path and created nothing else.
fn create(env: &Env, args: &[&str]) -> String {
    let before = all_files(env);
    let r = env.run_ok(args);
    let after = all_files(env);
    let added: Vec<&PathBuf> = after.difference(&before).collect();
    assert_eq!(added.len(), 1, "systemcraft {args:?} created {added:?}");
    assert!(before.is_subset(&after), "systemcraft {args:?} removed a file");
    let rel = added[0].strip_prefix("ws").unwrap_or_else(|_| panic!("{:?} is outside the workspace", added[0]));
    let rel: String =
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
    assert_eq!(r.stdout.trim_end(), rel, "the printed path");
    assert!(r.stdout.ends_with('\n') && r.stdout.lines().count() == 1, "{:?}", r.stdout);
    rel
}

/// `build --json`, which must succeed without a panic.
fn model(env: &Env) -> Value {
    let r = env.run(&["build", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// Error-level diagnostics.
fn errors(json: &Value) -> Vec<&Value> {
    json["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").collect()
}

/// The front matter's lines (between the two `---`).
fn front(text: &str) -> Vec<&str> {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("---"), "{text}");
    lines.take_while(|l| *l != "---").collect()
}

/// The value of a front-matter key, trailing comment dropped.
fn field<'a>(text: &'a str, key: &str) -> &'a str {
    let line = front(text)
        .into_iter()
        .find(|l| l.starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no `{key}:` in\n{text}"));
    let value = &line[key.len() + 1..];
    let value = if value.trim_start().starts_with('"') { value } else { value.split(" #").next().unwrap() };
    value.trim()
}

// ---------------------------------------------------------------------------------
// Each kind
// ---------------------------------------------------------------------------------

#[test]
fn new_story_fills_title_date_scenario_and_principles() {
    let env = Env::init();
    let rel = create(
        &env,
        &[
            "new",
            "story",
            "Cutting checkout latency",
            "--scenario",
            "Technical Leadership",
            "--lp",
            "Dive Deep",
            "--lp",
            "OWNERSHIP",
            "--lp",
            "disagree_and_commit",
        ],
    );
    assert_eq!(rel, "stories/cutting-checkout-latency.md");
    let text = env.read(&rel);
    assert_eq!(field(&text, "title"), "\"Cutting checkout latency\"");
    assert_eq!(field(&text, "scenario"), "technical-leadership");
    assert_eq!(field(&text, "principles"), "[dive-deep, ownership, have-backbone]");
    assert_eq!(field(&text, "status"), "draft");
    assert_eq!(field(&text, "created"), TODAY);
    assert!(text.contains("## Situation") && text.contains("## Action") && text.contains("## Result"), "{text}");
    assert!(!text.contains("{{"), "an unfilled placeholder:\n{text}");

    let json = model(&env);
    assert!(testenv::diagnostics(&json).is_empty(), "{:#}", json["diagnostics"]);
    let s = story(&json, "cutting-checkout-latency");
    assert_eq!(s["title"], "Cutting checkout latency");
    assert_eq!(s["scenario"], "technical-leadership");
    assert_eq!(s["status"], "draft");
    assert_eq!(s["principles"], json!(["dive-deep", "ownership", "have-backbone"]));
    // Created today: it counts toward this week's stories.
    let stories = json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == "stories").unwrap();
    assert_eq!(stories["files"], json!(["stories/cutting-checkout-latency.md"]));
}

#[test]
fn new_story_without_options_is_an_error_free_draft() {
    let env = Env::init();
    let rel = create(&env, &["new", "story", "Plain"]);
    assert_eq!(rel, "stories/plain.md");
    let text = env.read(&rel);
    assert_eq!(field(&text, "principles"), "[]");
    let json = model(&env);
    assert!(errors(&json).is_empty(), "{:#}", json["diagnostics"]);
    assert_eq!(story(&json, "plain")["title"], "Plain");
}

#[test]
fn a_story_or_design_without_a_title_is_refused_before_anything_is_written() {
    let env = Env::init();
    for kind in ["story", "design"] {
        for args in [vec!["new", kind], vec!["new", kind, "  "]] {
            let r = env.run(&args);
            assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
            assert!(r.stderr.contains(&format!("a {kind} needs a title")), "{}", r.stderr);
        }
    }
    assert!(!env.exists("stories/untitled.md") && !env.exists("designs/untitled.md"));
}

#[test]
fn edit_without_an_editor_is_refused_before_the_note_is_created() {
    let env = Env::init();
    // The harness clears the environment: neither $VISUAL nor $EDITOR is set.
    let r = env.run(&["new", "story", "Cutting checkout latency", "--edit"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--edit needs $VISUAL or $EDITOR"), "{}", r.stderr);
    assert!(r.stderr.contains("no note was created"), "{}", r.stderr);
    assert!(!env.exists("stories/cutting-checkout-latency.md"));
    // Without --edit the same command creates it.
    assert_eq!(create(&env, &["new", "story", "Cutting checkout latency"]), "stories/cutting-checkout-latency.md");
}

#[test]
fn new_log_is_named_by_today_and_parses() {
    let env = Env::init();
    let rel = create(&env, &["new", "log"]);
    assert_eq!(rel, format!("logs/{TODAY}.md"));
    let text = env.read(&rel);
    assert_eq!(field(&text, "date"), TODAY);
    let json = model(&env);
    assert!(testenv::diagnostics(&json).is_empty(), "{:#}", json["diagnostics"]);
    assert_eq!(json["counts"]["logs"], 1);
    assert_eq!(json["today_goals"]["log"], rel);
    // One log a day: a second one is refused, pointing at the day's log.
    let r = env.run(&["new", "log"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("error: the log for {TODAY} already exists: {rel}")), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("hint: there is one log per day: open {rel} and add today's work to it")),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("title"), "{}", r.stderr);
    assert_eq!(env.read(&rel), text);
}

#[test]
fn new_design_fills_title_and_date_and_parses() {
    let env = Env::init();
    let rel = create(&env, &["new", "design", "Global Rate Limiter"]);
    assert_eq!(rel, "designs/global-rate-limiter.md");
    let text = env.read(&rel);
    assert_eq!(field(&text, "title"), "\"Global Rate Limiter\"");
    assert_eq!(field(&text, "date"), TODAY);
    assert_eq!(field(&text, "status"), "outline");
    let json = model(&env);
    assert!(testenv::diagnostics(&json).is_empty(), "{:#}", json["diagnostics"]);
    assert_eq!(json["counts"]["designs"], 1);
}

#[test]
fn new_mock_is_named_by_date_and_title_and_parses() {
    let env = Env::init();
    let rel = create(&env, &["new", "mock", "Loop with Priya"]);
    assert_eq!(rel, format!("mocks/{TODAY}-loop-with-priya.md"));
    let text = env.read(&rel);
    assert_eq!(field(&text, "date"), TODAY);
    assert!(text.contains("# Loop with Priya"), "{text}");
    let json = model(&env);
    assert!(testenv::diagnostics(&json).is_empty(), "{:#}", json["diagnostics"]);
    assert_eq!(json["counts"]["mocks"], 1);
    assert_eq!(field(&text, "kind"), "full-loop");
    // Without a title: `<date>-mock`.
    assert_eq!(create(&env, &["new", "mock"]), format!("mocks/{TODAY}-mock.md"));
    assert!(errors(&model(&env)).is_empty());
}

/// The readiness multiplier (factor, files) and the week's mock goal (done, target).
fn mock_counts(json: &Value) -> (f64, Value, u64, u64) {
    let readiness = json["bars"].as_array().unwrap().iter().find(|b| b["key"] == "readiness").unwrap();
    let goal = json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == "mocks").unwrap();
    (
        readiness["multiplier"]["factor"].as_f64().unwrap(),
        readiness["multiplier"]["files"].clone(),
        goal["done"].as_u64().unwrap(),
        goal["target"].as_u64().unwrap(),
    )
}

#[test]
fn an_empty_new_mock_is_planned_and_counts_only_once_rated() {
    let env = Env::init();
    let before = model(&env);
    let dashboard = env.read("DASHBOARD.md");
    let rel = create(&env, &["new", "mock", "Loop with Priya"]);
    env.run_ok(&["build"]);
    let planned = model(&env);
    assert_eq!(mock_counts(&planned), mock_counts(&before));
    assert_eq!(mock_counts(&planned), (0.7, json!([]), 0, 1));
    assert_eq!(planned["mocks"]["this_week"], 0);
    assert_eq!(planned["mocks"]["recent"], json!([]));
    let d = env.read("DASHBOARD.md");
    assert!(d.contains("| Do 1 mock interview | 0 / 1 |"), "{d}");
    assert!(d.contains("This week: **0 of 1**"), "{d}");
    // Shown as planned, not as done.
    assert!(d.contains(&format!("Planned (counts once it has ratings or minutes): [{TODAY} full loop]({rel})")), "{d}");
    assert_eq!(planned["mocks"]["planned"][0]["path"], json!(rel));
    assert_eq!(planned["mocks"]["planned"][0]["kind"], "full-loop");
    let bars = |d: &str| {
        d.lines()
            .filter(|l| l.starts_with("| Interview Readiness") || l.starts_with("| Mock interviews (multiplier)"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(bars(&d), bars(&dashboard));

    // Rated: it took place, so it counts everywhere.
    let text = env.read(&rel).replace("ratings: {}", "ratings: {behavioral: 4, coding: 3}");
    env.write(&rel, &text);
    env.run_ok(&["build"]);
    let rated = model(&env);
    // Rated 4 and 3: quality (3.5 − 1) / 4 = 0.625, so 0.7 + 0.3 × 1/3 × 0.625 = 0.7625.
    assert_eq!(mock_counts(&rated), (0.7625, json!([rel]), 1, 1));
    assert_eq!(rated["mocks"]["recent"][0]["ratings"], json!({"behavioral": 4.0, "coding": 3.0}));
    let d = env.read("DASHBOARD.md");
    assert!(d.contains("| Do 1 mock interview | 1 / 1 |"), "{d}");
    assert_ne!(bars(&d), bars(&dashboard));
    assert!(d.contains("| Mock interviews (multiplier) | ×0.76 |"), "{d}");
    assert!(!d.contains("Planned (counts once"), "{d}");
    assert_eq!(rated["mocks"]["planned"], json!([]));

    // Minutes alone count too; an explicit zero does not.
    let other = create(&env, &["new", "mock", "Timed"]);
    env.write(&other, &env.read(&other).replace("minutes:\n", "minutes: 0\n"));
    assert_eq!(model(&env)["week"]["goals"][3]["done"], 1);
    env.write(&other, &env.read(&other).replace("minutes: 0\n", "minutes: 50\n"));
    assert_eq!(mock_counts(&model(&env)).2, 2);
}

#[test]
fn new_mock_takes_a_kind() {
    let env = Env::init();
    let rel = create(&env, &["new", "mock", "Design round", "--kind", "system-design"]);
    let text = env.read(&rel);
    assert_eq!(field(&text, "kind"), "system-design");
    assert!(text.contains("# behavioral, system-design, coding, full-loop"), "the comment is kept: {text}");
    // A workspace template of the user's own that names a kind: --kind still wins,
    // and without it the template's kind stays.
    let mine = env.read("templates/mock.md").replace("kind: {{kind}}", "kind: behavioral");
    env.write("templates/mock.md", &mine);
    let rel = create(&env, &["new", "mock", "Coding round", "--kind", "coding"]);
    assert_eq!(field(&env.read(&rel), "kind"), "coding");
    let rel = create(&env, &["new", "mock", "Mine"]);
    assert_eq!(field(&env.read(&rel), "kind"), "behavioral");
    assert!(errors(&model(&env)).is_empty());
    // Only for mocks, and only the known kinds.
    let r = env.run(&["new", "story", "S", "--kind", "coding"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--kind applies to mocks only"), "{}", r.stderr);
    let r = env.run(&["new", "mock", "M", "--kind", "lunch"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn new_uses_the_workspace_template_and_falls_back_to_the_embedded_one() {
    let env = Env::init();
    let mine = env.read("templates/story.md").replace("status: draft", "status: draft\nsource: my-own-template");
    env.write("templates/story.md", &mine);
    let rel = create(&env, &["new", "story", "Mine", "--scenario", "innovation"]);
    assert_eq!(field(&env.read(&rel), "source"), "my-own-template");
    env.remove("templates/story.md");
    let rel = create(&env, &["new", "story", "Embedded", "--scenario", "innovation"]);
    let text = env.read(&rel);
    assert!(!text.contains("my-own-template"));
    assert_eq!(field(&text, "scenario"), "innovation");
    assert!(testenv::diagnostics(&model(&env)).is_empty());
}

#[test]
fn the_printed_path_is_relative_to_the_current_folder() {
    let env = Env::init();
    std::fs::create_dir_all(env.root.join("logs")).unwrap();
    let out = env.cmd().current_dir(env.root.join("logs")).args(["new", "story", "From a subfolder"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(env.exists("stories/from-a-subfolder.md"));
    let printed = String::from_utf8_lossy(&out.stdout).trim_end().to_string();
    // From logs/, the new note is outside the current folder: the full path is printed.
    let full = env.root.join("stories").join("from-a-subfolder.md");
    assert!(Path::new(&printed).is_absolute(), "{printed}");
    assert_eq!(Path::new(&printed).canonicalize().unwrap(), full.canonicalize().unwrap());
    let out = env.cmd().current_dir(env.root.join("stories")).args(["new", "story", "Inside"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "inside.md\n");
}

// ---------------------------------------------------------------------------------
// Hostile titles
// ---------------------------------------------------------------------------------

#[test]
fn hostile_titles_stay_in_their_folder_with_safe_names_and_round_trip() {
    let env = Env::init();
    let long = format!("{}Scalability!", "Distributed ".repeat(24));
    assert_eq!(long.len(), 300);
    let cases: Vec<(&str, Option<&str>)> = vec![
        ("../../x", Some("stories/x.md")),
        ("/etc/passwd", Some("stories/etc-passwd.md")),
        ("CON", Some("stories/con-note.md")),
        ("nul", Some("stories/nul-note.md")),
        ("🚀🔥", Some("stories/untitled.md")),
        (long.as_str(), None),
        ("He said \"ship it\": C:\\temp\\new", Some("stories/he-said-ship-it-c-temp-new.md")),
        ("a/b\\c", Some("stories/a-b-c.md")),
        ("Notes on {{date}} and {{principles}}", Some("stories/notes-on-date-and-principles.md")),
        ("---\ntitle: injected", Some("stories/title-injected.md")),
    ];
    let mut ids = Vec::new();
    for (title, expected) in &cases {
        // `--` ends the options: a title may start with `-`.
        let rel = create(&env, &["new", "story", "--scenario", "innovation", "--", title]);
        if let Some(expected) = expected {
            assert_eq!(&rel, expected, "title {title:?}");
        }
        let name = rel.strip_prefix("stories/").unwrap_or_else(|| panic!("{title:?} left stories/: {rel}"));
        assert!(!name.contains('/') && !name.contains('\\'), "{rel}");
        assert!(name.len() <= 80 + 3, "{rel} is {} bytes", name.len());
        assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'), "{rel}");
        assert!(!name.starts_with('-') && !name.starts_with('.'), "{rel}");
        ids.push((title.to_string(), name.trim_end_matches(".md").to_string()));
    }
    // The long title is cut to a safe length at a word boundary.
    let long_id = &ids[5].1;
    assert!(long_id.starts_with("distributed-distributed-") && !long_id.ends_with('-'), "{long_id}");

    let json = model(&env);
    assert!(testenv::diagnostics(&json).is_empty(), "{:#}", json["diagnostics"]);
    assert_eq!(json["counts"]["stories"], cases.len());
    for (title, id) in &ids {
        // Surrounding spaces are trimmed and a newline becomes a space; everything else
        // comes back as typed.
        let want = title.trim().replace('\n', " ");
        assert_eq!(story(&json, id)["title"], want.as_str(), "{id}");
    }
}

// ---------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------

#[test]
fn new_never_overwrites() {
    let env = Env::init();
    let rel = create(&env, &["new", "story", "Same"]);
    let edited = format!("{}\nMy own words.\n", env.read(&rel));
    env.write(&rel, &edited);
    let before = all_files(&env);
    for title in ["Same", "same!", "  SAME  "] {
        let r = env.run(&["new", "story", title, "--scenario", "innovation"]);
        assert_eq!(r.code, 1, "{title}: {}", r.stderr);
        assert!(r.stderr.contains("already exists"), "{}", r.stderr);
        assert!(r.stderr.contains("same.md"), "{}", r.stderr);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
    }
    assert_eq!(env.read(&rel), edited);
    assert_eq!(all_files(&env), before);
}

#[test]
fn unknown_principles_and_scenarios_are_usage_errors_with_a_suggestion() {
    let env = Env::init();
    let before = all_files(&env);
    let r = env.run(&["new", "story", "X", "--lp", "ownershp"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `ownership`"), "{}", r.stderr);
    let r = env.run(&["new", "story", "X", "--lp", "dive deep", "--lp", "Custmer Obsesion"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `customer-obsession`"), "{}", r.stderr);
    let r = env.run(&["new", "story", "X", "--scenario", "innovaton"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `innovation`"), "{}", r.stderr);
    let r = env.run(&["new", "story", "X", "--scenario", "zzzz"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("technical-leadership"), "the known scenarios are listed: {}", r.stderr);
    // --lp and --scenario belong to stories.
    let r = env.run(&["new", "log", "--lp", "ownership"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("stories only"), "{}", r.stderr);
    assert_eq!(all_files(&env), before, "a refused `new` creates nothing");
}

#[test]
fn new_outside_a_workspace_fails_and_creates_nothing() {
    let env = Env::empty();
    std::fs::create_dir_all(&env.root).unwrap();
    let before = all_files(&env);
    for kind in ["story", "log", "design", "mock"] {
        let r = env.run(&["new", kind, "Title"]);
        assert_eq!(r.code, 1, "{kind}: {}", r.stderr);
        assert!(r.stderr.contains("not inside a systemcraft workspace"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    assert_eq!(all_files(&env), before);
    assert!(!env.exists("stories"));
}

#[test]
fn a_title_with_nothing_to_name_a_file_is_said_to_make_untitled() {
    let env = Env::init();
    let r = env.run_ok(&["new", "story", "🚀🔥"]);
    assert_eq!(r.stdout.trim(), "stories/untitled.md");
    assert!(r.stderr.contains("no letter or digit to name the file with"), "{}", r.stderr);
    assert!(r.stderr.contains("stories/untitled.md"), "{}", r.stderr);
    // A title that names the file says nothing more.
    let r = env.run_ok(&["new", "story", "Checkout latency"]);
    assert_eq!(r.stdout.trim(), "stories/checkout-latency.md");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}
