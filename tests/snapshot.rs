//! Snapshot tests of the generated dashboard: a fresh workspace, and the `rich`
//! fixture (a candidate eight weeks into preparation, with strong and weak stories,
//! two weeks of logs, designs, mocks, a plan and one broken note). Review a changed
//! snapshot as a user would read the dashboard: every figure should follow from the
//! fixture's notes and the pinned date.

use crate::testenv::{self, Env};

/// The text of a `## Heading` section, up to the next `## ` heading or the footer.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md.find(&format!("\n{heading}\n")).unwrap_or_else(|| panic!("no section {heading:?} in:\n{md}")) + 1;
    let rest = &md[start + heading.len()..];
    let end = [rest.find("\n## "), rest.find("\n---\n")].into_iter().flatten().min().unwrap_or(rest.len());
    &md[start..start + heading.len() + end]
}

/// The rich fixture, built.
fn rich() -> (Env, String) {
    let env = Env::fixture("rich");
    assert!(!env.exists("DASHBOARD.md"), "the fixture must not ship a dashboard");
    assert!(!env.exists(".git"), "the fixture must not ship a git repository");
    env.run_ok(&["build"]);
    let md = env.read("DASHBOARD.md");
    (env, md)
}

#[test]
fn snapshot_init_dashboard() {
    let env = Env::init();
    env.run_ok(&["build"]);
    let md = env.read("DASHBOARD.md");
    insta::assert_snapshot!("init_dashboard", md);
}

#[test]
fn snapshot_rich_dashboard() {
    let (_env, md) = rich();
    insta::assert_snapshot!("rich_dashboard", md);
}

#[test]
fn snapshot_rich_json() {
    let env = Env::fixture("rich");
    let json = serde_json::to_string_pretty(&env.json()).unwrap();
    insta::assert_snapshot!("rich_json", json);
}

#[test]
fn snapshot_rich_dashboard_structure() {
    let (_env, md) = rich();

    // All four bars, in order.
    let progress = section(&md, "## Progress");
    let bars = ["Technical Skills", "Behavioral Stories", "Cultural Alignment", "Interview Readiness"];
    let mut at = 0;
    for bar in bars {
        let row = format!("| {bar} | `");
        let pos = progress[at..].find(&row).unwrap_or_else(|| panic!("bar {bar} missing or out of order:\n{progress}"));
        at += pos + row.len();
    }

    // The Stories table lists every story, at least ten.
    let stories = section(&md, "## Story portfolio");
    let table = &stories[stories.find("### Stories").expect("Stories table")..];
    let rows =
        table.lines().skip_while(|l| !l.starts_with("| ---")).skip(1).take_while(|l| l.starts_with("| [")).count();
    assert!(rows >= 10, "only {rows} stories in the table:\n{table}");
    assert_eq!(rows, 15, "{table}");

    // The broken note is listed under Problems with its path and line.
    let problems = section(&md, "## Problems");
    assert!(
        problems.contains("[stories/latency-budget-dispute.md:4:14](stories/latency-budget-dispute.md)"),
        "{problems}"
    );
    assert!(problems.contains("\"dive dep\""), "{problems}");
    assert!(problems.contains("`dive-deep`"), "{problems}");

    // A streak that survives today's unfinished minimums.
    let today = section(&md, "## Today — 2026-11-25");
    let streak: u32 = today
        .split("Streak: **")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no streak in:\n{today}"));
    assert!(streak > 0, "{today}");
    assert!(today.contains("Streak: **3 days** with every minimum met (best 5)"), "{today}");

    // The plan's progress line.
    let plan = section(&md, "## Study plan");
    assert!(
        plan.contains(
            "[plans/six-week-intensive.md](plans/six-week-intensive.md) (6-week intensive): \
             16 of 29 tasks done `"
        ),
        "{plan}"
    );
    assert!(plan.contains("`, week 5."), "{plan}");
}

#[test]
fn snapshot_rich_json_facts() {
    let env = Env::fixture("rich");
    let json = env.json();
    assert_eq!(json["counts"]["stories"], 15);
    assert_eq!(json["counts"]["logs"], 12);
    assert_eq!(json["counts"]["designs"], 6);
    assert_eq!(json["counts"]["mocks"], 3);
    assert_eq!(json["counts"]["plans"], 1);
    assert_eq!(json["counts"]["examples"], 0);
    // Besides the one bad principle, the design checklist's warnings: the workspace's
    // designs are marked complete without an API or a data model section, so each
    // counts as an outline.
    let (design, other): (Vec<_>, Vec<_>) =
        testenv::diagnostics(&json).into_iter().partition(|d| d.2.starts_with("design/"));
    assert_eq!(
        other,
        vec![("stories/latency-budget-dispute.md".to_string(), 4, "schema/unknown-principle".to_string())]
    );
    assert!(design.contains(&("designs/global-news-feed.md".to_string(), 9, "design/api".to_string())), "{design:?}");
    assert!(design.contains(&("designs/url-shortener.md".to_string(), 9, "design/scale".to_string())), "{design:?}");
    assert!(design.iter().all(|d| d.0.starts_with("designs/")), "{design:?}");
    for key in ["technical", "behavioral", "cultural", "readiness"] {
        let v = testenv::bar(&json, key);
        assert!(v > 0.0 && v < 1.0, "{key}: {v}");
    }
    assert_eq!(testenv::component(&json, "technical", "coding_volume"), 0.4);
    assert_eq!(testenv::component(&json, "behavioral", "rehearsal"), 0.5);
    assert_eq!(json["today_goals"]["streak"], 3);
    assert_eq!(json["today_goals"]["best_streak"], 5);
}
