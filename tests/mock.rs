//! `systemcraft mock`: the agenda of each kind (`--dry-run`), behavioral questions
//! drawn from the weakest principles, the usage error without a terminal, and the
//! runner driven through a pseudo-terminal: phases, ratings and notes end in a mock
//! note that `build` reads without a diagnostic and that moves the week's mock goal;
//! `q` ends early; Ctrl-C abandons without writing.

use crate::testenv::Env;

fn mock_goal(env: &Env) -> (u64, u64) {
    let json = env.json();
    let g = json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == "mocks").unwrap().clone();
    (g["done"].as_u64().unwrap(), g["target"].as_u64().unwrap())
}

#[test]
fn dry_run_prints_the_agenda_of_each_kind() {
    let env = Env::init();
    let out = env.run_ok(&["mock", "--kind", "system-design", "--dry-run"]).stdout;
    assert!(out.starts_with("System design mock, 5 phases, 45 minutes:\n"), "{out}");
    for (i, name) in ["Requirements", "Estimates", "High-level design", "Deep dive", "Wrap-up"].iter().enumerate() {
        assert!(out.contains(&format!("\n  {}. {name} (", i + 1)), "{name}: {out}");
    }
    assert!(out.contains("for 10 million users."), "{out}");
    assert!(out.ends_with("Rated afterwards from 1 to 5: system-design, communication.\n"), "{out}");
    let coding = env.run_ok(&["mock", "--kind", "coding", "--dry-run"]).stdout;
    assert!(coding.starts_with("Coding mock, 5 phases, 45 minutes:\n"), "{coding}");
    let full = env.run_ok(&["mock", "--kind", "full-loop", "--dry-run"]).stdout;
    assert!(
        full.contains("Rated afterwards from 1 to 5: behavioral, system-design, coding, communication.\n"),
        "{full}"
    );
    // Nothing was written.
    assert!(!std::fs::read_dir(env.root.join("mocks")).unwrap().any(|e| {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        name.starts_with("2026-")
    }));
}

#[test]
fn behavioral_questions_come_from_the_weakest_principles() {
    let env = Env::init();
    // With no story, the weakest are the first four in canonical order.
    let out = env.run_ok(&["mock", "--dry-run"]).stdout;
    assert!(out.starts_with("Behavioral mock, 5 phases, 45 minutes:\n"), "{out}");
    let asked: Vec<&str> = out.lines().filter(|l| l.contains(" question (")).collect();
    assert_eq!(asked.len(), 4, "{out}");
    assert!(asked[0].starts_with("  1. Customer Obsession question (10 min): "), "{out}");
    assert!(asked[1].starts_with("  2. Ownership question"), "{out}");
    // Back the first two with ready stories: the questions move on to the next ones.
    for (id, lp) in [("a", "customer-obsession"), ("b", "ownership")] {
        env.write(
            &format!("stories/{id}.md"),
            &format!("---\ntitle: Story {id}\nscenario: innovation\nprinciples: [{lp}]\nstatus: ready\n---\n"),
        );
    }
    let out = env.run_ok(&["mock", "--dry-run"]).stdout;
    let asked: Vec<&str> = out.lines().filter(|l| l.contains(" question (")).collect();
    assert!(asked[0].starts_with("  1. Invent and Simplify question"), "{out}");
    assert!(!out.contains("Customer Obsession") && !out.contains("Ownership question"), "{out}");
}

#[test]
fn without_a_terminal_it_is_a_usage_error() {
    let env = Env::init();
    let r = env.run(&["mock", "--kind", "coding"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--dry-run"), "{}", r.stderr);
}

#[test]
fn the_dashboard_shows_the_week_the_ratings_trend_and_the_next_planned_mock() {
    let env = Env::init();
    env.run_ok(&["plan", "--path", "six-week-intensive"]);
    // Six weeks from Wednesday 25 November: the first mock is week 2's, a behavioral
    // round, placed on its Saturday.
    let json = env.json();
    let next = &json["mocks"]["next"];
    assert_eq!(
        (next["date"].as_str(), next["kind"].as_str(), next["week"].as_u64()),
        (Some("2026-12-05"), Some("behavioral"), Some(2))
    );
    let dashboard = env.run_ok(&["build", "--stdout"]).stdout;
    assert!(dashboard.contains("\n## Mock interviews\n\nThis week: **0 of 1** (1 to go).\nNext in the plan: **behavioral** on 2026-12-05 (week 2, [line "), "{dashboard}");
    assert!(dashboard.contains("→ `systemcraft mock --kind behavioral`\n"), "{dashboard}");

    // Ticked, it is done: the next one is week 3's system-design round.
    let plan = env.read("plans/six-week-intensive.md");
    let line = plan.lines().find(|l| l.starts_with("- [ ] Mock interview (behavioral)")).unwrap();
    env.write("plans/six-week-intensive.md", &plan.replacen(line, &line.replacen("- [ ]", "- [x]", 1), 1));
    let next = env.json()["mocks"]["next"].clone();
    assert_eq!((next["date"].as_str(), next["kind"].as_str()), (Some("2026-12-12"), Some("system-design")));

    // Two mocks: a coding one rated 2, a full loop rating behavioral 3 and coding 5.
    env.write(
        "mocks/2026-11-10-coding.md",
        "---\ndate: 2026-11-10\nkind: coding\nratings: {coding: 2, communication: 2}\n---\n",
    );
    env.write(
        "mocks/2026-11-24-loop.md",
        "---\ndate: 2026-11-24\nkind: full-loop\nratings: {behavioral: 3, coding: 5}\n---\n",
    );
    let json = env.json();
    assert_eq!((json["mocks"]["this_week"].as_u64(), json["mocks"]["goal"].as_u64()), (Some(1), Some(1)));
    // Each mock's rating of each area, never one mean across areas (`communication`
    // rates the coding mock's own area).
    let recent = json["mocks"]["recent"].as_array().unwrap();
    assert_eq!(recent[0]["ratings"], serde_json::json!({"coding": 2.0}));
    assert_eq!(recent[1]["ratings"], serde_json::json!({"behavioral": 3.0, "coding": 5.0}));
    let dashboard = env.run_ok(&["build", "--stdout"]).stdout;
    assert!(dashboard.contains("This week: **1 of 1** (goal met)."), "{dashboard}");
    assert!(dashboard.contains("- Behavioral ratings (1–5), last 1: `"), "{dashboard}");
    assert!(dashboard.contains("- Coding ratings (1–5), last 2: `"), "{dashboard}");
    assert!(dashboard.contains("` 2.0 → 5.0 ("), "{dashboard}");
    assert!(!dashboard.contains("System design ratings"), "{dashboard}");
    assert!(dashboard.contains("| [2026-11-24](mocks/2026-11-24-loop.md) | full loop | 3.0 | — | 5.0 |\n| [2026-11-10](mocks/2026-11-10-coding.md) | coding | — | — | 2.0 |\n"), "{dashboard}");
}

#[test]
fn the_mock_action_names_the_runner_and_the_plans_next_kind() {
    let env = Env::fixture("rich");
    // Two mocks in the window: one short of the target of three.
    env.remove("mocks/2026-11-24-full-loop-dry-run.md");
    let action = |env: &Env| {
        let json = env.json();
        let a = json["actions"].as_array().unwrap().iter().find(|a| a["title"] == "Do a mock interview").cloned();
        a.unwrap_or_else(|| panic!("no mock action: {:#}", json["actions"]))["target"].clone()
    };
    assert_eq!(action(&env), "systemcraft mock");
    // The plan (from Tuesday 27 October) gets a coding mock in its week 6.
    let plan = env.read("plans/six-week-intensive.md");
    let plan = format!("{}\n- [ ] Mock interview (coding): two mediums with a friend\n", plan.trim_end());
    env.write("plans/six-week-intensive.md", &plan);
    assert_eq!(action(&env), "systemcraft mock --kind coding");
    let next = env.json()["mocks"]["next"].clone();
    assert_eq!((next["date"].as_str(), next["week"].as_u64()), (Some("2026-12-05"), Some(6)));
}

/// The runner, through a pseudo-terminal (rexpect, Unix only).
#[cfg(unix)]
mod interactive {
    use super::mock_goal;
    use crate::testenv::pty::{self, expect, send};
    use crate::testenv::Env;

    fn spawn_mock(env: &Env, args: &[&str]) -> rexpect::session::PtySession {
        pty::spawn(env, "mock", args)
    }

    fn mock_files(env: &Env) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(env.root.join("mocks"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("2026-11-25"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_timed_system_design_mock_is_recorded_and_counted() {
        let env = Env::init();
        assert_eq!(mock_goal(&env), (0, 1));
        let mut p = spawn_mock(&env, &["--kind", "system-design", "--partner", "Sam Lee"]);
        expect(&mut p, "Phase 1/5 · Requirements (8 min)");
        // The clock is drawn on the timed run.
        expect(&mut p, " / 8:00 · total ");
        for (n, name) in [(2, "Estimates"), (3, "High-level design"), (4, "Deep dive"), (5, "Wrap-up")] {
            send(&mut p, if n % 2 == 0 { "\r" } else { "n" });
            expect(&mut p, "done in 0:0");
            expect(&mut p, &format!("Phase {n}/5 · {name}"));
        }
        send(&mut p, " ");
        expect(&mut p, "Rate system-design from 1 (poor) to 5 (excellent)");
        send(&mut p, "4");
        expect(&mut p, "Rate communication");
        send(&mut p, "3");
        expect(&mut p, "Notes (one line");
        send(&mut p, "draw the APIx");
        send(&mut p, "\x7f");
        send(&mut p, " first, 2 numbers\r");
        expect(&mut p, "Wrote mocks/2026-11-25-system-design-sam-lee.md: 5 of 5 phases in 0:0");
        expect(&mut p, "Mock interviews this week: 1 of 1.");
        let (code, _) = pty::finish(&mut p);
        assert_eq!(code, 0);

        let text = env.read("mocks/2026-11-25-system-design-sam-lee.md");
        assert!(
            text.starts_with("---\ndate: 2026-11-25\nkind: system-design\npartner: \"Sam Lee\"\nminutes: 1\n"),
            "{text}"
        );
        assert!(
            text.contains("\nratings:               # 1-5 per area\n  system-design: 4\n  communication: 3\n"),
            "{text}"
        );
        assert_eq!(text.matches("    planned_minutes: ").count(), 5, "{text}");
        assert!(text.contains("  - phase: \"Deep dive\"\n    planned_minutes: 15\n    seconds: 0\n"), "{text}");
        assert!(text.contains("\n## Notes\n\ndraw the API first, 2 numbers\n"), "{text}");

        // `build` reads it without a problem, and the week's goal moved.
        let build = env.run_ok(&["build"]);
        assert!(build.stderr.is_empty(), "{}", build.stderr);
        let json = env.json();
        assert_eq!(json["diagnostics"], serde_json::json!([]));
        assert_eq!(mock_goal(&env), (1, 1));
        assert_eq!(json["counts"]["mocks"], 1);

        // A second mock the same day gets its own file.
        let mut p = spawn_mock(&env, &["--kind", "system-design", "--partner", "Sam Lee", "--no-timer"]);
        expect(&mut p, "(not shown: --no-timer)");
        send(&mut p, "q");
        expect(&mut p, "Rate system-design");
        send(&mut p, "q");
        expect(&mut p, "Notes");
        send(&mut p, "\x1b");
        expect(&mut p, "Wrote mocks/2026-11-25-system-design-sam-lee-2.md: 1 of 5 phases");
        assert_eq!(pty::finish(&mut p).0, 0);
        let second = env.read("mocks/2026-11-25-system-design-sam-lee-2.md");
        assert!(second.contains("\nratings: {}"), "{second}");
        assert!(second.contains("1 of 5 phases (ended early)"), "{second}");
        assert_eq!(mock_goal(&env), (2, 1));
    }

    #[test]
    fn ctrl_c_abandons_without_writing() {
        let env = Env::init();
        let mut p = spawn_mock(&env, &["--kind", "behavioral", "--no-timer"]);
        expect(&mut p, "Phase 1/5 · ");
        send(&mut p, "\r");
        expect(&mut p, "Phase 2/5 · ");
        send(&mut p, "\x03");
        let (code, out) = pty::finish(&mut p);
        assert_eq!(code, 130, "{out}");
        assert!(mock_files(&env).is_empty());
        assert_eq!(mock_goal(&env), (0, 1));

        // SIGINT from outside does the same.
        let mut p = spawn_mock(&env, &["--kind", "coding"]);
        expect(&mut p, "Phase 1/5 · First problem: clarify and approach");
        p.process_mut().signal(rexpect::process::Signal::SIGINT).unwrap();
        let (code, out) = pty::finish(&mut p);
        assert_eq!(code, 130, "{out}");
        assert!(out.contains("nothing was written"), "{out}");
        assert!(mock_files(&env).is_empty());
    }
}
