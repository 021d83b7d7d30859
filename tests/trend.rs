//! `systemcraft trend`: readiness over time from a real git history made with the
//! `git` CLI (fixed dates, `TZ=UTC` for git and systemcraft alike). Each day's
//! expected percentages come from `systemcraft build --json --today DAY` run on a
//! checkout of that day's last commit, and one value is also checked by hand against
//! docs/scoring.md.
//!
//! The fixture history:
//!
//! | commit time (UTC) | what |
//! | --- | --- |
//! | 2026-11-01 20:00 | the template only (`init`) |
//! | 2026-11-03 09:00 | two stories |
//! | 2026-11-03 21:00 | a third story (the last commit of the day: the one scored) |
//! | 2026-11-06 20:00 | a log with three coding problems |

use std::path::PathBuf;

use serde_json::Value;

use crate::testenv::{git_at, Env, Run};

const DAYS: [&str; 3] = ["2026-11-01", "2026-11-03", "2026-11-06"];

const STORY_BODY: &str = "## Situation
Our checkout service slowed down during peak traffic and the team was paged nightly.

## Task
I owned bringing p99 latency under 300 ms before the holiday season.

## Action
I profiled the service, found a lock in the cart cache, and proposed a sharded design.
I wrote the plan, got agreement from two teams, and led the rollout behind a flag.

## Result
p99 fell from 900 ms to 280 ms and pages dropped by 80%.
";

fn story(scenario: &str, principles: &str, status: &str) -> String {
    format!(
        "---\ntitle: A story\nscenario: {scenario}\nprinciples: [{principles}]\nstatus: {status}\nhappened: 2025-06\ncreated: 2026-11-03\n---\n{STORY_BODY}"
    )
}

const LOG: &str = "---
date: 2026-11-06
coding:
  - problem: Two sum
    difficulty: easy
    minutes: 10
    solved: true
  - problem: LRU cache
    difficulty: medium
    minutes: 30
    solved: true
  - problem: Course schedule
    difficulty: medium
    minutes: 50
    solved: true
---
Notes.
";

fn git(env: &Env, args: &[&str]) -> String {
    git_at(env, &env.root, None, args)
}

/// Stages everything and commits it at `date`; returns the commit's id.
fn commit(env: &Env, date: &str, message: &str) -> String {
    git(env, &["add", "-A"]);
    git_at(env, &env.root, Some(date), &["commit", "-q", "--allow-empty", "-m", message]);
    git(env, &["rev-parse", "HEAD"])
}

/// A workspace (from `init`) in a fresh repository without commits.
fn repo() -> Env {
    let env = Env::init();
    git(&env, &["init", "-q", "-b", "main"]);
    env
}

/// The fixture history; returns the commit ids, oldest first.
fn history(env: &Env) -> Vec<String> {
    let mut ids = vec![commit(env, "2026-11-01T20:00:00Z", "template")];
    env.write("stories/checkout.md", &story("technical-leadership", "ownership, dive-deep", "ready"));
    env.write("stories/mentoring.md", &story("people-leadership", "dive-deep", "refined"));
    ids.push(commit(env, "2026-11-03T09:00:00Z", "two stories"));
    env.write("stories/idea.md", &story("innovation", "customer-obsession", "draft"));
    ids.push(commit(env, "2026-11-03T21:00:00Z", "a third story"));
    env.write("logs/2026-11-06.md", LOG);
    ids.push(commit(env, "2026-11-06T20:00:00Z", "practice"));
    ids
}

/// Runs systemcraft in the workspace with `TZ=UTC`.
fn sc(env: &Env, args: &[&str]) -> Run {
    let out = env.cmd().env("TZ", "UTC").args(args).output().expect("run");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[track_caller]
fn sc_ok(env: &Env, args: &[&str]) -> Run {
    let r = sc(env, args);
    assert_eq!(r.code, 0, "systemcraft {args:?} failed:\nstdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    r
}

/// A table row: date, the four percentages, the short commit id.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    date: String,
    percents: [u32; 4],
    commit: String,
}

/// The rows of `trend`'s table.
fn rows(stdout: &str) -> Vec<Row> {
    stdout
        .lines()
        .filter(|l| l.len() > 10 && l.as_bytes()[4] == b'-' && l.as_bytes()[0].is_ascii_digit())
        .map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(cells.len(), 6, "row {l:?}");
            let pct = |s: &str| s.trim_end_matches('%').parse::<u32>().unwrap_or_else(|_| panic!("{s:?} in {l:?}"));
            Row {
                date: cells[0].to_string(),
                percents: [pct(cells[1]), pct(cells[2]), pct(cells[3]), pct(cells[4])],
                commit: cells[5].to_string(),
            }
        })
        .collect()
}

/// The four bars' percentages that `build --json --today DAY` gives on a checkout of
/// `commit` (a git worktree outside the workspace).
fn expected(env: &Env, commit: &str, day: &str) -> [u32; 4] {
    let checkout: PathBuf = env.home.join(format!("checkout-{day}"));
    git(env, &["worktree", "add", "-q", "--detach", checkout.to_str().unwrap(), commit]);
    let dir = checkout.to_str().unwrap();
    let r = sc_ok(env, &["-w", dir, "build", "--json", "--today", day]);
    git(env, &["worktree", "remove", "--force", dir]);
    let json: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let pct = |key: &str| {
        json["bars"].as_array().unwrap().iter().find(|b| b["key"] == key).unwrap()["percent"].as_u64().unwrap() as u32
    };
    [pct("technical"), pct("behavioral"), pct("cultural"), pct("readiness")]
}

#[test]
fn each_day_is_scored_at_its_last_commit_as_build_scores_that_checkout() {
    let env = repo();
    let ids = history(&env);
    let r = sc_ok(&env, &["trend"]);
    let got = rows(&r.stdout);
    assert_eq!(got.iter().map(|r| r.date.as_str()).collect::<Vec<_>>(), DAYS, "{}", r.stdout);
    // Day 3 is scored at its later commit; the 09:00 one is not a row.
    let scored = [&ids[0], &ids[2], &ids[3]];
    for ((row, id), day) in got.iter().zip(scored).zip(DAYS) {
        assert_eq!(row.commit, id[..7], "{day}");
        assert_eq!(row.percents, expected(&env, id, day), "{day}: trend vs build on that checkout");
    }
    assert!(!r.stdout.contains(&ids[1][..7]), "the earlier commit of day 3 is not a row");

    // By hand (docs/scoring.md), no assessment taken, so every self_rating is 0:
    // day 1: the template's notes are all examples: every bar is 0.
    assert_eq!(got[0].percents, [0, 0, 0, 0]);
    // day 3: Cultural = (lp_breadth + self_rating) / 2; the three stories name
    // ownership, dive-deep and customer-obsession: 3/16 = 0.1875, / 2 = 0.0938 → 9%.
    // (Without the 21:00 commit it would be 2/16 / 2 = 0.0625 → 6%.)
    assert_eq!(got[1].percents[2], 9);
    // day 6: Technical = (coding_volume + coding_pace + design_practice + self_rating) / 4
    //   coding_volume = 3 solved / 40 = 0.075
    //   coding_pace   = 1 of 2 solved mediums within 45 min = 0.5
    //   design 0, self 0 → (0.075 + 0.5) / 4 = 0.1438 → 14%.
    assert_eq!(got[2].percents[0], 14);

    // One sparkline per bar, with first → last.
    for name in ["Technical Skills", "Behavioral Stories", "Cultural Alignment", "Interview Readiness"] {
        let line = r.stdout.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no {name} line"));
        assert_eq!(line.chars().filter(|c| ('▁'..='█').contains(c)).count(), 3, "{line}");
    }
    assert!(r.stdout.contains("Technical Skills     ▁▁▂  0% → 14%"), "{}", r.stdout);
    assert!(r.stdout.contains("Cultural Alignment   ▁▂▂  0% → 9%"), "{}", r.stdout);
}

#[test]
fn since_limits_the_rows() {
    let env = repo();
    history(&env);
    let all = rows(&sc_ok(&env, &["trend"]).stdout);
    let r = sc_ok(&env, &["trend", "--since", "2026-11-02"]);
    assert_eq!(rows(&r.stdout), all[1..].to_vec());
    let r = sc_ok(&env, &["trend", "--since", "2026-11-06"]);
    assert_eq!(rows(&r.stdout), all[2..].to_vec());
    let r = sc_ok(&env, &["trend", "--since", "2026-12-01"]);
    assert!(r.stdout.contains("No commits since 2026-12-01"), "{}", r.stdout);
    let r = sc(&env, &["trend", "--since", "yesterday"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("invalid date"), "{}", r.stderr);
}

#[test]
fn svg_draws_the_four_bars_over_the_dates() {
    let env = repo();
    history(&env);
    let path = env.home.join("trend.svg");
    let r = sc_ok(&env, &["trend", "--svg", path.to_str().unwrap()]);
    assert!(r.stdout.contains("trend.svg"), "{}", r.stdout);
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<polyline").count(), 4, "{svg}");
    for label in ["Technical Skills", "Behavioral Stories", "Cultural Alignment", "Interview Readiness", "100%", "50%"]
    {
        assert!(svg.contains(label), "no {label}");
    }
    for day in DAYS {
        assert!(svg.contains(day), "no {day}");
    }
    // Loosely well-formed: every element opened is closed (or self-closing).
    let opened = svg.matches('<').count() - svg.matches("</").count() * 2 - svg.matches("/>").count();
    assert_eq!(opened, 0, "unbalanced tags");
    for tag in ["svg", "g", "title", "text", "style", "circle"] {
        let open = svg.matches(&format!("<{tag}>")).count() + svg.matches(&format!("<{tag} ")).count();
        let selfclosed = svg
            .split(&format!("<{tag} "))
            .skip(1)
            .filter(|rest| rest.split('>').next().is_some_and(|t| t.ends_with('/')))
            .count();
        assert_eq!(open - selfclosed, svg.matches(&format!("</{tag}>")).count(), "<{tag}> not balanced");
    }
    // The x axis is proportional to days: day 3 sits 2/5 of the way from day 1 to day 6.
    let x = |day: &str| -> f64 {
        let at = svg.find(&format!(">{day}</text>")).unwrap();
        let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
        let x = tag.split("x=\"").nth(1).unwrap().split('"').next().unwrap();
        x.parse().unwrap()
    };
    let (a, b, c) = (x(DAYS[0]), x(DAYS[1]), x(DAYS[2]));
    assert!(((b - a) / (c - a) - 0.4).abs() < 0.01, "{a} {b} {c}");
}

#[test]
fn a_second_run_reads_the_cache_and_a_bad_cache_is_ignored() {
    let env = repo();
    let ids = history(&env);
    let first = sc_ok(&env, &["trend"]).stdout;
    let cache_path = env.root.join(".systemcraft/trend-cache.json");
    assert!(cache_path.is_file());
    let cache: Value = serde_json::from_str(&env.read(".systemcraft/trend-cache.json")).unwrap();
    assert!(cache["version"].as_str().unwrap().contains(env!("CARGO_PKG_VERSION")));
    assert_eq!(cache["entries"].as_array().unwrap().len(), 3);
    assert_eq!(sc_ok(&env, &["trend"]).stdout, first, "the second run prints the same");

    // The cached values are what the second run shows (it scores nothing again):
    // change one by hand and it shows up.
    let text = env.read(".systemcraft/trend-cache.json");
    let marker = format!("\"commit\":\"{}\",\"day\":\"2026-11-06\",\"technical\":14", ids[3]);
    assert!(text.contains(&marker), "{text}");
    env.write(".systemcraft/trend-cache.json", &text.replace(&marker, &marker.replace(":14", ":77")));
    assert!(rows(&sc_ok(&env, &["trend"]).stdout)[2].percents[0] == 77);

    // A cache of another version is ignored (and rewritten).
    let version = cache["version"].as_str().unwrap();
    env.write(".systemcraft/trend-cache.json", &text.replace(version, "systemcraft 0.0.1 scoring 0"));
    assert_eq!(sc_ok(&env, &["trend"]).stdout, first);
    assert_eq!(env.read(".systemcraft/trend-cache.json"), text);

    // A corrupt cache is ignored.
    env.write(".systemcraft/trend-cache.json", "{\"version\": [1, 2");
    assert_eq!(sc_ok(&env, &["trend"]).stdout, first);
    env.write_bytes(".systemcraft/trend-cache.json", &[0xff, 0xfe, 0]);
    assert_eq!(sc_ok(&env, &["trend"]).stdout, first);
}

#[test]
fn no_history_is_said_and_is_not_an_error() {
    let env = repo();
    let r = sc_ok(&env, &["trend", "--svg", "chart.svg"]);
    assert!(r.stdout.contains("No commits yet"), "{}", r.stdout);
    assert!(!env.exists("chart.svg"));
}

#[test]
fn outside_a_repository_it_fails_with_a_hint() {
    let env = Env::init();
    let r = sc(&env, &["trend"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("not the top folder of a git repository"), "{}", r.stderr);
    assert!(r.stderr.contains("hint: make it one with `git init`"), "{}", r.stderr);

    // A workspace inside a repository, not at its top, is refused too.
    let outer = Env::empty();
    std::fs::create_dir_all(&outer.root).unwrap();
    git_at(&outer, &outer.root, None, &["init", "-q"]);
    let inner = outer.root.join("prep");
    outer.run_ok(&["init", "prep", "--no-git"]);
    let out = outer.cmd().args(["-w", inner.to_str().unwrap(), "trend"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn days_follow_the_local_time_zone() {
    let env = repo();
    // 23:30 UTC on the 3rd is already the 4th in UTC+9.
    commit(&env, "2026-11-03T23:30:00Z", "late");
    let utc = rows(&sc_ok(&env, &["trend"]).stdout);
    assert_eq!(utc[0].date, "2026-11-03");
    std::fs::remove_file(env.root.join(".systemcraft/trend-cache.json")).unwrap();
    let out = env.cmd().env("TZ", "JST-9").args(["trend"]).output().unwrap();
    let tokyo = rows(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(tokyo[0].date, "2026-11-04");
}

#[test]
fn many_days_score_without_a_progress_bar_when_stderr_is_not_a_terminal() {
    let env = repo();
    // 60 days with one commit each (the same notes every day).
    for day in 1..=60 {
        let date = format!("2026-{:02}-{:02}T12:00:00Z", 9 + (day - 1) / 30, (day - 1) % 30 + 1);
        commit(&env, &date, "day");
    }
    let r = sc_ok(&env, &["trend"]);
    assert_eq!(rows(&r.stdout).len(), 60);
    assert_eq!(r.stderr, "", "no progress bar on a pipe");
    // The sparklines stay within 60 characters.
    let line = r.stdout.lines().find(|l| l.starts_with("Technical Skills")).unwrap();
    assert_eq!(line.chars().filter(|c| ('▁'..='█').contains(c)).count(), 60);
}

#[test]
fn the_dashboard_shows_the_weeks_from_the_history() {
    let env = repo();
    let ids = history(&env);
    // Today is Wednesday 2026-11-25: the full weeks end on Sundays 11-22, 11-15,
    // 11-08 and 11-01 (earlier ones come before the first commit). Each is scored at
    // the last commit on or before it, for that Sunday, as `build --today` would on
    // that checkout: 11-01 at the template, the others at the 11-06 commit.
    let json: Value = serde_json::from_str(&sc_ok(&env, &["build", "--json"]).stdout).unwrap();
    let history = json["history"].as_array().expect("a history");
    let ends: Vec<&str> = history.iter().map(|w| w["week_end"].as_str().unwrap()).collect();
    assert_eq!(ends, ["2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22"]);
    for (week, (end, id)) in history.iter().zip([
        ("2026-11-01", &ids[0]),
        ("2026-11-08", &ids[3]),
        ("2026-11-15", &ids[3]),
        ("2026-11-22", &ids[3]),
    ]) {
        let got = ["technical", "behavioral", "cultural", "readiness"].map(|k| week[k].as_u64().unwrap() as u32);
        assert_eq!(got, expected(&env, id, end), "{end}");
    }
    // The Progress table gets a column: the four weeks, then today, per bar.
    sc_ok(&env, &["build"]);
    let dashboard = env.read("DASHBOARD.md");
    assert!(dashboard.contains("| Area | Progress | | Weekly since 2026-11-01 |"), "{dashboard}");
    let row = dashboard.lines().find(|l| l.starts_with("| Technical Skills |")).unwrap();
    let spark = row.rsplit('`').nth(1).unwrap();
    assert_eq!(spark.chars().count(), 5, "{row}");
    // Without a repository there is no column and no `history` in the JSON.
    let plain = Env::init();
    assert!(plain.json().get("history").is_none());
    assert!(plain.run_ok(&["build", "--stdout"]).stdout.contains("| Area | Progress | |\n"));
}

#[test]
fn watch_follows_the_history_when_a_commit_lands_in_a_past_week() {
    let env = repo();
    history(&env);
    let watch = env.spawn_watch_with(&["--debounce", "50"], |c| {
        c.env("TZ", "UTC");
    });
    watch.ready();
    crate::testenv::settles(&env, std::time::Duration::from_secs(2));
    // A story written now, then committed with a date in the week ending 11-22 (as a
    // pull of another machine's commits would bring): the note's own event rebuilds
    // with today's notes; only the commit moves the 11-22 point.
    // Four stories naming eight more principles: the 11-22 Cultural point goes from
    // (3/16 + 0) / 2 = 9% to (11/16) / 2 = 34%, a different tick of the sparkline.
    for (name, lps) in [
        ("late-a", "earn-trust, have-backbone"),
        ("late-b", "think-big, frugality"),
        ("late-c", "bias-for-action, deliver-results"),
        ("late-d", "learn-and-be-curious, are-right-a-lot"),
    ] {
        env.write(&format!("stories/{name}.md"), &story("cross-functional-influence", lps, "ready"));
    }
    crate::testenv::settles(&env, std::time::Duration::from_secs(2));
    let before = env.read("DASHBOARD.md");
    commit(&env, "2026-11-20T12:00:00Z", "late stories");
    crate::testenv::settles(&env, std::time::Duration::from_secs(2));
    let after = env.read("DASHBOARD.md");
    let cultural = |md: &str| md.lines().find(|l| l.starts_with("| Cultural Alignment |")).unwrap().to_string();
    assert_ne!(cultural(&after), cultural(&before), "the 11-22 point now counts the late stories");
    watch.wait_for("the git history moved", std::time::Duration::from_secs(2));
}
