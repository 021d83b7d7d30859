//! `systemcraft build`: writing, `--check`, `--stdout`, `--json`, determinism.

use crate::testenv::{Env, TODAY};

#[test]
fn check_is_clean_after_build_and_stale_after_an_edit() {
    let env = Env::init();
    env.run_ok(&["build"]);
    assert_eq!(env.run(&["build", "--check"]).code, 0);
    env.write("stories/new.md", "---\ntitle: New\nscenario: innovation\nstatus: draft\n---\n## Situation\nx\n");
    let r = env.run(&["build", "--check"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("stale"), "{}", r.stderr);
    env.run_ok(&["build"]);
    assert_eq!(env.run(&["build", "--check"]).code, 0);
    // A different date is a different dashboard.
    assert_eq!(env.run(&["build", "--check", "--today", "2026-12-01"]).code, 1);
}

#[test]
fn stdout_prints_exactly_what_build_writes_and_writes_nothing() {
    let env = Env::init();
    env.remove("DASHBOARD.md");
    let r = env.run_ok(&["build", "--stdout"]);
    assert!(!env.exists("DASHBOARD.md"));
    env.run_ok(&["build"]);
    assert_eq!(env.read("DASHBOARD.md"), r.stdout);
}

#[test]
fn build_is_deterministic_and_does_not_rewrite_an_unchanged_dashboard() {
    let env = Env::init();
    env.run_ok(&["build"]);
    let first = env.read("DASHBOARD.md");
    let mtime = std::fs::metadata(env.root.join("DASHBOARD.md")).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let r = env.run_ok(&["build"]);
    assert!(r.stdout.contains("unchanged"));
    assert_eq!(env.read("DASHBOARD.md"), first);
    assert_eq!(std::fs::metadata(env.root.join("DASHBOARD.md")).unwrap().modified().unwrap(), mtime);
    // Same files, same date, another copy of the workspace: same bytes.
    let other = Env::init();
    other.run_ok(&["build"]);
    assert_eq!(other.read("DASHBOARD.md"), first);
    assert!(first.contains(TODAY));
}

#[test]
fn no_temporary_files_are_left_behind() {
    let env = Env::init();
    env.run_ok(&["build", "--today", "2026-12-02"]);
    let leftovers: Vec<_> = std::fs::read_dir(&env.root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn json_shape_is_stable() {
    let env = Env::init();
    let json = env.json();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        vec![
            "schema_version",
            "today",
            "profile",
            "assessment",
            "bars",
            "today_goals",
            "week",
            "momentum",
            "split",
            "mocks",
            "portfolio",
            "rehearsals",
            "plan",
            "endgame",
            "actions",
            "counts",
            "diagnostics"
        ]
    );
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["today"], TODAY);
    assert_eq!(json["assessment"]["status"], "not-taken");
    let bars: Vec<&str> = json["bars"].as_array().unwrap().iter().map(|b| b["key"].as_str().unwrap()).collect();
    assert_eq!(bars, vec!["technical", "behavioral", "cultural", "readiness"]);
    for b in json["bars"].as_array().unwrap() {
        for c in b["components"].as_array().unwrap() {
            for k in ["key", "name", "value", "weight", "detail", "assessed", "files"] {
                assert!(c.get(k).is_some(), "component lacks {k}: {c}");
            }
        }
    }
    let action = &json["actions"][0];
    assert_eq!(action["title"], "Take the self-assessment");
    assert_eq!(action["target"], "systemcraft assess");
    assert!(action["gain"].is_null());
    assert_eq!(json["week"]["start"], "2026-11-23");
    assert_eq!(json["week"]["end"], "2026-11-29");
    assert_eq!(json["portfolio"]["principles"].as_array().unwrap().len(), 16);
    assert_eq!(json["portfolio"]["scenarios"].as_array().unwrap().len(), 5);
}

// A large workspace: every list on the dashboard is cut to one screen, what is cut
// is counted and the command that shows it all is named, and the JSON keeps all.
#[test]
fn long_lists_are_cut_on_the_dashboard_and_kept_whole_in_json() {
    let env = Env::init();
    let body = "## Situation\nA slow service.\n\n## Task\nI owned it.\n\n## Action\nI fixed it.\n\n## Result\nLatency fell by 40%.\n";
    for i in 0..130 {
        env.write(
            &format!("stories/s{i:03}.md"),
            &format!("---\ntitle: S{i:03}\nscenario: innovation\nprinciples: [invent-and-simplify]\nstatus: ready\n---\n{body}"),
        );
    }
    // 60 logs, each linking a story that does not exist: 60 warnings.
    for d in 1..=60 {
        let date = jiff::civil::date(2026, 9, 1).checked_add(jiff::Span::new().days(d)).unwrap();
        env.write(
            &format!("logs/{date}.md"),
            &format!("---\ndate: {date}\nbehavioral:\n  stories: [missing-{d}]\n---\n"),
        );
    }
    env.write("stories/broken.md", "---\ntitle: [unclosed\n---\n");
    env.run_ok(&["build"]);
    let md = env.read("DASHBOARD.md");
    let json = env.json();

    // Each table cell shows 8 story links; the other 122 are counted.
    let innovation = md.lines().find(|l| l.starts_with("| Innovation |")).unwrap();
    assert_eq!(innovation.matches("](stories/").count(), 8, "{innovation}");
    // (One-paragraph stories fail STAR checks: they are counted as drafts, so the
    // links sit in the Draft column.)
    assert!(innovation.contains("[s007](stories/s007.md) and 122 more |"), "{innovation}");
    let principle = md.lines().find(|l| l.starts_with("| Invent and Simplify |")).unwrap();
    assert!(principle.contains(" and 122 more |"), "{principle}");

    // 130 ready stories never rehearsed are due: 12 shown.
    let due = json["rehearsals"].as_array().unwrap().len();
    assert_eq!(due, 130);
    let section = md.split("### Rehearsals due").nth(1).unwrap().split("###").next().unwrap();
    assert_eq!(section.lines().filter(|l| l.starts_with("- [ ] ")).count(), 12);
    assert!(section.contains("- … and 118 more due; `systemcraft practice` takes the most overdue first"));

    // The stories table: 100 rows of the 130 stories (the broken one is not read as
    // a story), the rest counted.
    assert_eq!(json["portfolio"]["stories"].as_array().unwrap().len(), 130);
    let table = md.split("### Stories").nth(1).unwrap().split("## Problems").next().unwrap();
    assert_eq!(table.lines().filter(|l| l.starts_with("| [")).count(), 100);
    assert!(table.contains("… and 30 more stories; `systemcraft check` goes through every one."));

    // 61 problems: 50 shown, the error first although its path sorts last.
    let diags = json["diagnostics"].as_array().unwrap().len();
    assert_eq!(diags, 61);
    let problems = md.split("## Problems").nth(1).unwrap();
    let items: Vec<&str> = problems.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(items.len(), 51, "{problems}");
    assert!(items[0].contains("stories/broken.md") && items[0].contains(" error: "), "{}", items[0]);
    assert_eq!(items[50], "- … and 11 more (1 error in all); `systemcraft check` lists every one");
}
