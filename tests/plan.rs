//! `systemcraft plan`: the plan of every path, with and without an interview date that
//! forces compression — week count, task counts per week, where the critical gaps,
//! skill building and excellence tasks land, mocks, checkpoints, the compression
//! notice; never overwriting a plan; systemcraft.yaml's `plan:` set with every other
//! line kept; ticking tasks moving plan progress in `build --json`.

use crate::testenv::{Env, QUICK_IDS};

/// Sum 37 → score 62 (twelve-week-comprehensive). Critical gaps (1–2): design at
/// scale, coding speed, influence, LP examples; skill building (3): AWS, quantified
/// impact, interview format; excellence (4–5): the other five.
const MIXED: [u8; 12] = [1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 3, 4];
const GAPS: usize = 4;
const SKILLS: usize = 3;
const STRENGTHS: usize = 5;

/// A workspace with the MIXED quick assessment taken.
fn assessed() -> Env {
    let env = Env::init();
    let mut args = vec!["assess".to_string()];
    for (id, v) in QUICK_IDS.iter().zip(MIXED) {
        args.push("--answer".into());
        args.push(format!("{id}={v}"));
    }
    env.run_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    env
}

/// Sets the profile's interview date (the template has an empty `interview_date:`).
fn interview_on(env: &Env, date: &str) {
    let profile = env.read("systemcraft.yaml");
    assert!(profile.contains("\ninterview_date:\n"));
    env.write("systemcraft.yaml", &profile.replace("\ninterview_date:\n", &format!("\ninterview_date: {date}\n")));
}

/// A plan's weeks: (number, task texts), from its `## Week N` headings.
fn weeks(plan: &str) -> Vec<(u32, Vec<String>)> {
    let mut out: Vec<(u32, Vec<String>)> = Vec::new();
    for line in plan.lines() {
        if let Some(rest) = line.strip_prefix("## Week ") {
            let n: u32 = rest.split_whitespace().next().unwrap().parse().unwrap();
            out.push((n, Vec::new()));
        } else if let Some(task) = line.strip_prefix("- [ ] ").or_else(|| line.strip_prefix("- [x] ")) {
            out.last_mut().expect("a task under a week heading").1.push(task.to_string());
        }
    }
    out
}

/// The kinds of task, by the words they start with.
const KINDS: [&str; 18] = [
    "Daily: ",
    "Weekly: ",
    "Critical gap: ",
    "Skill building: ",
    "Skill building (condensed): ",
    "Excellence: ",
    "Excellence (condensed): ",
    "Revisit: ",
    "Mock interview (",
    "Checkpoint: ",
    "On the job: ",
    "Interview on ",
    "Toward L6: ",
    "Intensive: ",
    "Leadership development: ",
    "Final week",
    "Last days (",
    "Logistics before ",
];

fn count(tasks: &[String], prefix: &str) -> usize {
    tasks.iter().filter(|t| t.starts_with(prefix)).count()
}

/// The weeks holding tasks that start with `prefix`, with repeats.
fn weeks_of(weeks: &[(u32, Vec<String>)], prefix: &str) -> Vec<u32> {
    weeks.iter().flat_map(|(n, tasks)| std::iter::repeat_n(*n, count(tasks, prefix))).collect()
}

struct Expected {
    path: &'static str,
    weeks: u32,
    tasks_per_week: Vec<usize>,
    mocks: Vec<usize>,
    checkpoints: Vec<u32>,
}

/// Checks a generated plan against the layout rules and the expected figures.
#[track_caller]
fn check_plan(text: &str, e: &Expected, compressed: bool) {
    let ws = weeks(text);
    let n = e.weeks;
    assert_eq!(ws.iter().map(|w| w.0).collect::<Vec<_>>(), (1..=n).collect::<Vec<_>>(), "{}", e.path);
    assert!(text.starts_with(&format!("---\npath: {}\nstart: 2026-11-25\nweeks: {n}\n", e.path)), "{text}");
    assert_eq!(ws.iter().map(|w| w.1.len()).collect::<Vec<_>>(), e.tasks_per_week, "{}: tasks per week", e.path);
    for (week, tasks) in &ws {
        // Every task is of a known kind; the routine is in every week.
        for t in tasks {
            assert!(KINDS.iter().any(|k| t.starts_with(k)), "week {week}: unknown task {t:?}");
        }
        assert_eq!((count(tasks, "Daily: "), count(tasks, "Weekly: ")), (3, 3), "week {week}");
    }
    // Critical gaps: a study and a drill task each, all in weeks 1–2.
    let gaps = weeks_of(&ws, "Critical gap: ");
    assert_eq!(gaps.len(), 2 * GAPS, "{}", e.path);
    assert!(gaps.iter().all(|w| *w <= 2), "{}: gaps in {gaps:?}", e.path);
    // Skill building in weeks 3–6, or condensed into the last week.
    let skills = weeks_of(&ws, "Skill building: ");
    let condensed = weeks_of(&ws, "Skill building (condensed): ");
    if n >= 3 {
        assert_eq!((skills.len(), condensed.len()), (SKILLS, 0), "{}", e.path);
        assert!(skills.iter().all(|w| (3..=6).contains(w)), "{}: skills in {skills:?}", e.path);
    } else {
        assert_eq!((skills.len(), condensed), (0, vec![n]), "{}", e.path);
    }
    // Excellence from week 7, or condensed into the last week.
    let strengths = weeks_of(&ws, "Excellence: ");
    let condensed = weeks_of(&ws, "Excellence (condensed): ");
    if n >= 7 {
        assert_eq!((strengths.len(), condensed.len()), (STRENGTHS, 0), "{}", e.path);
        assert!(strengths.iter().all(|w| *w >= 7), "{}: excellence in {strengths:?}", e.path);
    } else {
        assert_eq!((strengths.len(), condensed), (0, vec![n]), "{}", e.path);
    }
    // Revisits only in excellence weeks without an excellence task.
    for w in weeks_of(&ws, "Revisit: ") {
        assert!(w >= 7 && count(&ws[w as usize - 1].1, "Excellence: ") == 0, "{}: revisit in week {w}", e.path);
    }
    let mocks: Vec<usize> = ws.iter().map(|w| count(&w.1, "Mock interview (")).collect();
    assert_eq!(mocks, e.mocks, "{}: mocks per week", e.path);
    let last_mock = ws.iter().flat_map(|w| &w.1).rfind(|t| t.starts_with("Mock interview (")).unwrap();
    assert!(last_mock.starts_with("Mock interview (full-loop)"), "{last_mock}");
    let checkpoints = weeks_of(&ws, "Checkpoint: ");
    let expected_cp: Vec<u32> = e.checkpoints.iter().flat_map(|w| [*w, *w]).collect();
    assert_eq!(checkpoints, expected_cp, "{}: checkpoints", e.path);
    let experience = weeks_of(&ws, "On the job: ");
    if e.path == "foundation-building" {
        assert_eq!(experience, (3..=n).filter(|w| w % 2 == 1).collect::<Vec<_>>());
    } else {
        assert!(experience.is_empty());
    }
    assert_eq!(text.contains("> **Compressed from "), compressed, "{}", e.path);
    assert_eq!(!weeks_of(&ws, "Interview on ").is_empty(), compressed, "{}", e.path);
}

fn expected(path: &'static str, interview: bool) -> Expected {
    let compressed = interview && path != "quick-reference";
    let (weeks, tasks_per_week, mocks, checkpoints) = match (path, compressed) {
        ("quick-reference", _) => (2, vec![14, 18], vec![2, 2], vec![2]),
        ("six-week-intensive", false) => (6, vec![12, 13, 12, 10, 10, 13], vec![0, 1, 1, 1, 1, 2], vec![3, 6]),
        ("twelve-week-comprehensive", false) => (
            12,
            vec![11, 11, 8, 11, 9, 8, 9, 11, 9, 10, 10, 12],
            vec![0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2],
            vec![4, 8, 12],
        ),
        ("foundation-building", false) => (
            16,
            vec![11, 11, 9, 9, 10, 8, 10, 10, 10, 9, 10, 10, 11, 10, 11, 11],
            vec![0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2],
            vec![4, 8, 12, 16],
        ),
        // Compressed to the 5 whole weeks before 2027-01-01: skill building squeezed
        // into weeks 3–5, excellence condensed, two track tasks a week, and the
        // endgame's eleven tasks (final week, last days, logistics, interview) in week 5.
        ("foundation-building", true) => (5, vec![12, 13, 13, 10, 26], vec![0, 1, 1, 1, 2], vec![3, 5]),
        (_, true) => (5, vec![12, 13, 12, 10, 25], vec![0, 1, 1, 1, 2], vec![3, 5]),
        _ => unreachable!(),
    };
    Expected { path, weeks, tasks_per_week, mocks, checkpoints }
}

#[test]
fn every_path_with_and_without_an_interview_date() {
    for path in ["quick-reference", "six-week-intensive", "twelve-week-comprehensive", "foundation-building"] {
        for interview in [false, true] {
            let env = assessed();
            if interview {
                interview_on(&env, "2027-01-01");
            }
            let out = env.run_ok(&["plan", "--path", path]).stdout;
            let e = expected(path, interview);
            let text = env.read(&format!("plans/{path}.md"));
            check_plan(&text, &e, interview && path != "quick-reference");
            let total: usize = e.tasks_per_week.iter().sum();
            let s = if e.weeks == 1 { "" } else { "s" };
            assert!(
                out.starts_with(&format!("Wrote plans/{path}.md: {} week{s} from 2026-11-25 to ", e.weeks)),
                "{out}"
            );
            assert!(out.contains(&format!(", {total} tasks.\n")), "{out}");
            assert!(out.contains("the assessment points to twelve-week-comprehensive"), "{out}");
            if interview && path != "quick-reference" {
                let full = match path {
                    "six-week-intensive" => 6,
                    "twelve-week-comprehensive" => 12,
                    _ => 16,
                };
                let notice = format!(
                    "Compressed from {full} to 5 weeks: the interview on 2027-01-01 leaves 5 whole weeks after 2026-11-25."
                );
                assert!(out.contains(&notice), "{out}");
                assert!(text.contains(&format!("> **{notice}")), "{text}");
            }
            // The dashboard reads the plan it names.
            let json = env.json();
            assert_eq!(json["plan"]["path"], format!("plans/{path}.md"));
            assert_eq!(json["plan"]["study_path"], path);
            assert_eq!(json["plan"]["total"], total);
            assert_eq!(json["plan"]["done"], 0);
            assert!(!json["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["path"].as_str().unwrap().starts_with("plans/")));
        }
    }
}

#[test]
fn the_path_comes_from_the_score_and_a_close_interview_leaves_one_week() {
    let env = assessed();
    let out = env.run_ok(&["plan"]).stdout;
    assert!(out.contains("Path: twelve-week-comprehensive (score 62 on the quick form, in the 55–69 band"), "{out}");
    check_plan(&env.read("plans/twelve-week-comprehensive.md"), &expected("twelve-week-comprehensive", false), false);

    let env = assessed();
    interview_on(&env, "2026-12-05");
    let out = env.run_ok(&["plan", "--path", "quick-reference"]).stdout;
    assert!(out.contains("Compressed from 2 to 1 week: the interview on 2026-12-05 leaves 1 whole week"), "{out}");
    let text = env.read("plans/quick-reference.md");
    let e =
        Expected { path: "quick-reference", weeks: 1, tasks_per_week: vec![33], mocks: vec![2], checkpoints: vec![1] };
    check_plan(&text, &e, true);
}

#[test]
fn never_overwrites_and_records_the_current_plan_keeping_the_profile() {
    let env = assessed();
    let profile = env.read("systemcraft.yaml");
    env.run_ok(&["plan", "--path", "six-week-intensive"]);
    let first = env.read("plans/six-week-intensive.md");
    let after = env.read("systemcraft.yaml");
    // One line added, right after the last key (`interview_date:`), nothing else.
    let added = "plan: plans/six-week-intensive.md\n";
    assert_eq!(after.replacen(added, "", 1), profile);
    assert!(after.contains(&format!("\ninterview_date:\n{added}")), "{after}");

    let out = env.run_ok(&["plan", "--path", "six-week-intensive"]).stdout;
    assert!(out.starts_with("Wrote plans/six-week-intensive-2.md:"), "{out}");
    assert!(out.contains("systemcraft.yaml now names it as the current plan (plan: plans/six-week-intensive-2.md)."));
    assert_eq!(env.read("plans/six-week-intensive.md"), first);
    assert_eq!(env.read("plans/six-week-intensive-2.md"), first);
    assert_eq!(env.read("systemcraft.yaml"), after.replace(added, "plan: plans/six-week-intensive-2.md\n"));
    env.run_ok(&["plan", "--path", "six-week-intensive"]);
    assert!(env.exists("plans/six-week-intensive-3.md"));
    assert_eq!(env.json()["plan"]["path"], "plans/six-week-intensive-3.md");
}

#[test]
fn an_existing_plan_key_keeps_its_comment() {
    let env = assessed();
    let profile = env
        .read("systemcraft.yaml")
        .replace("\ninterview_date:\n", "\ninterview_date:\nplan: plans/mine.md   # the plan I follow\n");
    env.write("systemcraft.yaml", &profile);
    env.run_ok(&["plan", "--path", "quick-reference"]);
    assert_eq!(
        env.read("systemcraft.yaml"),
        profile
            .replace("plan: plans/mine.md   # the plan I follow", "plan: plans/quick-reference.md # the plan I follow")
    );
}

#[test]
fn ticking_tasks_moves_plan_progress() {
    let env = assessed();
    env.run_ok(&["plan", "--path", "six-week-intensive"]);
    let rel = "plans/six-week-intensive.md";
    let text = env.read(rel);
    let total = text.matches("\n- [ ] ").count();
    let json = env.json();
    assert_eq!((json["plan"]["done"].as_u64(), json["plan"]["total"].as_u64()), (Some(0), Some(total as u64)));
    assert_eq!(json["plan"]["week"], 1);

    // Tick the first three tasks of week 1 and every task of week 2.
    let mut ticked = text.replacen("\n- [ ] ", "\n- [x] ", 3);
    let w2 = ticked.find("## Week 2 ").unwrap();
    let w3 = ticked.find("## Week 3 ").unwrap();
    let week2 = ticked[w2..w3].replace("\n- [ ] ", "\n- [x] ");
    let week2_tasks = week2.matches("\n- [x] ").count();
    ticked.replace_range(w2..w3, &week2);
    env.write(rel, &ticked);
    let json = env.json();
    assert_eq!(json["plan"]["done"].as_u64(), Some(3 + week2_tasks as u64));
    assert_eq!(json["plan"]["total"].as_u64(), Some(total as u64));

    // In week 3, week 1's unticked tasks are late; week 2's are all done.
    let r = env.run_ok(&["build", "--json", "--today", "2026-12-09"]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["plan"]["week"], 3);
    let late = json["plan"]["late"].as_array().unwrap();
    let week1_tasks = weeks(&ticked)[0].1.len();
    assert_eq!(late.len(), week1_tasks - 3);
    assert!(late.iter().all(|t| t["week"] == 1));
}

#[test]
fn start_date_path_override_and_errors() {
    let env = Env::init();
    // No assessment and no --path: nothing to plan for.
    let r = env.run(&["plan"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("0 of 12 questions answered") && r.stderr.contains("systemcraft assess"), "{}", r.stderr);
    assert!(!env.exists("plans/quick-reference.md"));
    let r = env.run(&["plan", "--path", "six-weeks"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `six-week-intensive`?"), "{}", r.stderr);
    let r = env.run(&["plan", "--path", "quick-reference", "--start", "2026-13-01"]);
    assert_eq!(r.code, 2);

    // --path without an assessment: a plan that asks for it first.
    let out = env.run_ok(&["plan", "--path", "quick-reference", "--start", "2026-12-07"]).stdout;
    assert!(out.starts_with("Wrote plans/quick-reference.md: 2 weeks from 2026-12-07 to 2026-12-20"), "{out}");
    let text = env.read("plans/quick-reference.md");
    assert!(text.starts_with("---\npath: quick-reference\nstart: 2026-12-07\n"), "{text}");
    assert!(text.contains("## Week 2 · Critical gaps · 2026-12-14 to 2026-12-20\n"), "{text}");
    let ws = weeks(&text);
    assert_eq!(count(&ws[0].1, "Assessment: take the self-assessment"), 1);
    // Unanswered questions count as skill building: condensed into the last week.
    assert_eq!(count(&ws[1].1, "Skill building (condensed): "), 1);

    // An interview before the start cannot be planned for.
    interview_on(&env, "2026-11-20");
    let r = env.run(&["plan", "--path", "quick-reference"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not after the plan's start"), "{}", r.stderr);
}

#[test]
fn the_three_tracks_write_different_plans_from_the_same_answers() {
    let mut plans: Vec<(String, Vec<String>)> = Vec::new();
    for track in ["senior-to-l6", "l6-to-l7", "faang-to-amazon"] {
        let env = assessed();
        let profile = env.read("systemcraft.yaml");
        let line = profile.lines().find(|l| l.starts_with("track:")).unwrap().to_string();
        env.write("systemcraft.yaml", &profile.replacen(&line, &format!("track: {track}"), 1));
        env.run_ok(&["plan", "--path", "six-week-intensive"]);
        let tasks = weeks(&env.read("plans/six-week-intensive.md")).into_iter().flat_map(|(_, t)| t).collect();
        plans.push((track.to_string(), tasks));
    }
    for (a, ta) in &plans {
        for (b, tb) in &plans {
            if a != b {
                let only: Vec<&String> = ta.iter().filter(|t| !tb.contains(t)).collect();
                assert!(only.len() >= 10, "{a} vs {b}: {} lines differ: {only:?}", only.len());
            }
        }
    }
}

#[test]
fn this_plan_week_is_ticked_from_the_notes_and_a_wrong_tick_is_flagged() {
    let env = assessed();
    env.run_ok(&["plan", "--path", "six-week-intensive"]);
    // A coding problem logged on each of the week's seven days, one complete design.
    for day in 25..=31 {
        let date = if day <= 30 { format!("2026-11-{day}") } else { "2026-12-01".to_string() };
        env.write(
            &format!("logs/{date}.md"),
            &format!("---\ndate: {date}\ncoding:\n  - problem: P{day}\n    difficulty: medium\n    minutes: 30\n    solved: true\n---\n"),
        );
    }
    env.write(
        "designs/feed.md",
        "---\ntitle: Feed\nstatus: complete\ndate: 2026-11-27\nscale: 10000000\nlevel: L6\n---\n## Requirements\nx\n",
    );
    // Tick the weekly designs task by hand, though only one design is complete.
    let plan = env.read("plans/six-week-intensive.md");
    let designs = plan.lines().find(|l| l.starts_with("- [ ] Weekly: 2 full system designs")).unwrap().to_string();
    env.write("plans/six-week-intensive.md", &plan.replacen(&designs, &designs.replacen("- [ ]", "- [x]", 1), 1));
    let json =
        serde_json::from_str::<serde_json::Value>(&env.run_ok(&["build", "--json", "--today", "2026-12-01"]).stdout)
            .unwrap();
    let tasks = json["plan"]["this_week"]["tasks"].as_array().unwrap();
    let task = |prefix: &str| tasks.iter().find(|t| t["text"].as_str().unwrap().starts_with(prefix)).unwrap();
    let coding = task("Daily: 1 coding problem");
    assert_eq!(coding["state"], "done-by-notes", "{coding}");
    assert_eq!(coding["count"], "7 of 7 days");
    assert_eq!(coding["files"][0], "logs/2026-11-25.md");
    let designs = task("Weekly: 2 full system designs");
    assert_eq!(designs["state"], "contradicted", "{designs}");
    assert_eq!(designs["count"], "1 of 2 complete designs");
    assert_eq!(designs["files"], serde_json::json!(["designs/feed.md"]));
    let problems = task("Weekly: 10 coding problems");
    assert_eq!(
        (problems["state"].as_str(), problems["so_far"].as_str()),
        (Some("open"), Some("7 of 10 problems solved"))
    );
    env.run_ok(&["build", "--today", "2026-12-01"]);
    let dashboard = env.read("DASHBOARD.md");
    assert!(dashboard.contains("**ticked by hand, but the notes show 1 of 2 complete designs**"), "{dashboard}");
    assert!(dashboard.contains("— done by the notes: 7 of 7 days ("), "{dashboard}");
    // In week 3 the open tasks of weeks 1 and 2 are left over, grouped by kind.
    let json =
        serde_json::from_str::<serde_json::Value>(&env.run_ok(&["build", "--json", "--today", "2026-12-09"]).stdout)
            .unwrap();
    let kinds: Vec<&str> =
        json["plan"]["leftovers"].as_array().unwrap().iter().map(|g| g["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"Critical gap") && kinds.contains(&"Daily"), "{kinds:?}");
    // Weeks 1 and 2 are past: three daily tasks each, less week 1's coding task,
    // which the logs did.
    let daily = json["plan"]["leftovers"].as_array().unwrap().iter().find(|g| g["kind"] == "Daily").unwrap();
    assert_eq!(daily["count"], 5, "{daily}");
    assert_eq!(daily["weeks"], serde_json::json!([1, 2]));
}
