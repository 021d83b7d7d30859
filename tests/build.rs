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
            "mocks",
            "portfolio",
            "rehearsals",
            "plan",
            "actions",
            "counts",
            "diagnostics"
        ]
    );
    assert_eq!(json["schema_version"], 1);
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
    assert_eq!(action["target"], "assessment.md");
    assert!(action["gain"].is_null());
    assert_eq!(json["week"]["start"], "2026-11-23");
    assert_eq!(json["week"]["end"], "2026-11-29");
    assert_eq!(json["portfolio"]["principles"].as_array().unwrap().len(), 16);
    assert_eq!(json["portfolio"]["scenarios"].as_array().unwrap().len(), 5);
}
