//! The endgame: one workspace with the interview on 2027-01-20, built 8 weeks, 7
//! days, 1 day, 0 days before it and 2 days after: the next actions, today's
//! minimums, the plan, the calendar and the rehearsal spread follow the calendar.

use std::collections::BTreeMap;

use icalendar::{Calendar, Component};
use serde_json::Value;

use crate::testenv::{Env, QUICK_IDS};

const INTERVIEW: &str = "2027-01-20";
const STORIES: [&str; 6] = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];

/// An assessed workspace with a plan written on 2026-11-25 for the interview, six
/// ready stories and an L6 profile.
fn workspace() -> Env {
    let env = Env::init();
    let profile = env.read("systemcraft.yaml");
    env.write("systemcraft.yaml", &profile.replace("\ninterview_date:\n", &format!("\ninterview_date: {INTERVIEW}\n")));
    let mut args = vec!["assess".to_string()];
    for (id, v) in QUICK_IDS.iter().zip([1, 2, 3, 3, 3, 4, 5, 4, 2, 3, 4, 5]) {
        args.push("--answer".into());
        args.push(format!("{id}={v}"));
    }
    env.run_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    env.run_ok(&["plan", "--path", "twelve-week-comprehensive"]);
    for (k, id) in STORIES.iter().enumerate() {
        env.write(
            &format!("stories/{id}.md"),
            &format!(
                "---\ntitle: Story {id}\nscenario: technical-leadership\nprinciples: [dive-deep]\nstatus: ready\ncreated: 2026-11-0{}\nhappened: 2025-06\n---\n## Situation\nThe queue backed up.\n## Task\nI had to fix it.\n## Action\nI measured, I rewrote the consumer and I rolled it out.\n## Result\nLatency fell by {}%.\n",
                k + 1,
                10 + k
            ),
        );
    }
    env
}

fn build_on(env: &Env, today: &str) -> Value {
    let r = env.run_ok(&["build", "--json", "--today", today]);
    serde_json::from_str(&r.stdout).expect("valid JSON")
}

fn titles(json: &Value) -> Vec<String> {
    json["actions"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
}

fn minimums(json: &Value) -> Vec<String> {
    json["today_goals"]["minimums"].as_array().unwrap().iter().map(|m| m["key"].as_str().unwrap().to_string()).collect()
}

/// Practice actions that have no place in the last days.
const PRACTICE: [&str; 5] = ["Complete a system design", "Solve ", "Do a mock", "Back ", "Write a"];

#[test]
fn eight_weeks_out_is_an_ordinary_day() {
    let env = workspace();
    let json = build_on(&env, "2026-11-25");
    assert_eq!(json["endgame"]["phase"], "preparing");
    assert_eq!(json["endgame"]["days_left"], 56);
    assert_eq!(minimums(&json), ["coding", "design", "behavioral"]);
    let t = titles(&json);
    assert!(t.iter().any(|a| a.starts_with("Complete a system design")), "{t:?}");
    // Six ready stories never rehearsed: due, and the action says so.
    assert!(t.iter().any(|a| a.starts_with("Rehearse 6 ready stories due")), "{t:?}");
    // The plan is compressed to 8 weeks; the final week starts on 13 January, in week 8.
    let plan = env.read("plans/twelve-week-comprehensive.md");
    let week8 = plan.split("## Week 8").nth(1).expect("a week 8");
    for want in [
        "Final week (from 2027-01-13): tell every ready story aloud at least once before 2027-01-19, no more than 3 a day",
        "Final week: hold the last full-loop mock by 2027-01-17",
        "Last days (2027-01-18 to 2027-01-19): no new designs, no problem quotas, no mock",
        "Logistics before 2027-01-19: Confirm the date",
        "Interview on 2027-01-20: nothing to study that day",
    ] {
        assert!(week8.contains(want), "{want:?} not in week 8:\n{week8}");
    }
    assert!(week8.contains(", up to 2027-01-17 (the last days are light)"), "{week8}");
    // The dashboard's planned mocks never fall in the last two days.
    for m in json["mocks"]["planned"].as_array().unwrap() {
        let date = m["date"].as_str().unwrap();
        assert!(date < "2027-01-18", "a mock in the last days: {m}");
    }
}

#[test]
fn the_final_week_consolidates() {
    let env = workspace();
    let json = build_on(&env, "2027-01-13");
    assert_eq!(json["endgame"]["phase"], "final-week");
    assert_eq!(json["endgame"]["told_this_week"], serde_json::json!([0, 6]), "{}", json["endgame"]);
    assert_eq!(minimums(&json), ["coding", "design", "behavioral"]);
    let t = titles(&json);
    assert!(t[0].starts_with("Tell every ready story once before the interview (0 of 6 told this week)"), "{t:?}");
    assert!(
        t.iter().any(|a| a == "Hold the last full-loop mock now, early in the final week"),
        "{t:?} {}",
        json["endgame"]
    );
    assert!(t.iter().any(|a| a.starts_with("Review your weakest area: ")), "{t:?}");
    // No new stories in the final week, and one mock step only.
    assert!(!t.iter().any(|a| a.starts_with("Write a") || a.starts_with("Back ")), "{t:?}");
    assert_eq!(t.iter().filter(|a| a.contains("mock")).count(), 1, "{t:?}");
    // Stories are no weekly goal any more.
    let stories = json["week"]["goals"].as_array().unwrap().iter().find(|g| g["key"] == "stories").unwrap();
    assert_eq!(stories["target"], 0);
    // A full loop held this week takes the mock step away.
    env.write(
        "mocks/2027-01-13-full-loop.md",
        "---\ndate: 2027-01-13\nkind: full-loop\npartner: Sam\nminutes: 85\nratings:\n  behavioral: 4\n  system-design: 3\n  coding: 4\n---\n",
    );
    let json = build_on(&env, "2027-01-13");
    assert_eq!(json["endgame"]["last_full_mock"], "mocks/2027-01-13-full-loop.md");
    assert!(!titles(&json).iter().any(|a| a.contains("mock")), "{:?}", titles(&json));
}

#[test]
fn the_eve_tapers() {
    let env = workspace();
    let json = build_on(&env, "2027-01-19");
    assert_eq!(json["endgame"]["phase"], "taper");
    assert_eq!(json["endgame"]["days_left"], 1);
    // No quotas: a few minutes of stories aloud only.
    assert_eq!(minimums(&json), ["behavioral"]);
    assert_eq!(json["today_goals"]["minimums"][0]["target"], 10);
    for g in json["week"]["goals"].as_array().unwrap() {
        assert_eq!(g["target"], 0, "{g}");
    }
    let t = titles(&json);
    assert_eq!(t[0], "Go through the interview checklist", "{t:?}");
    assert!(t.iter().any(|a| a.starts_with("Rest: no mock")), "{t:?}");
    for a in &t {
        assert!(!PRACTICE.iter().any(|p| a.starts_with(p)), "practice on the eve: {a:?}");
    }
    assert_eq!(json["endgame"]["checklist"].as_array().unwrap().len(), 6);
    // Nothing can change the length of the preparation now: no track or path warning.
    assert_eq!(json["profile"]["warnings"], serde_json::json!([]));
    // The last days keep a streak going without adding to it: a log meeting every
    // minimum on the 17th, none since, is a streak of 1 on the eve.
    env.write(
        "logs/2027-01-17.md",
        "---\ndate: 2027-01-17\ncoding:\n  - problem: Two sum\n    difficulty: easy\n    minutes: 20\n    solved: true\ndesign:\n  minutes: 30\nbehavioral:\n  minutes: 15\n---\n",
    );
    assert_eq!(build_on(&env, "2027-01-19")["today_goals"]["streak"], 1);
    assert_eq!(build_on(&env, "2027-01-16")["today_goals"]["streak"], 0);
    let dashboard = env.run_ok(&["build", "--today", "2027-01-19"]);
    assert!(dashboard.code == 0);
    let text = env.read("DASHBOARD.md");
    assert!(text.contains("> **The interview is tomorrow (2027-01-20)."), "{text}");
    assert!(text.contains("Before the interview:\n\n- [ ] Confirm the date"), "{text}");
}

#[test]
fn the_interview_day_and_after() {
    let env = workspace();
    let json = build_on(&env, INTERVIEW);
    assert_eq!(json["endgame"]["phase"], "interview-day");
    assert!(minimums(&json).is_empty());
    let t = titles(&json);
    assert_eq!(t, ["Interview today: eat, be early, lead with the stories you know best"], "{t:?}");
    let text = {
        env.run_ok(&["build", "--today", INTERVIEW]);
        env.read("DASHBOARD.md")
    };
    assert!(text.contains("- No minimums today: the interview comes first."), "{text}");

    let json = build_on(&env, "2027-01-22");
    assert_eq!(json["endgame"]["phase"], "after");
    assert_eq!(json["endgame"]["days_since"], 2);
    assert!(minimums(&json).is_empty());
    assert_eq!(titles(&json), ["Write the interview debrief"]);
    assert_eq!(json["actions"][0]["target"], "systemcraft new mock \"Interview debrief\" --kind full-loop");
    env.write(
        "mocks/2027-01-20-interview-debrief.md",
        "---\ndate: 2027-01-20\nkind: full-loop\npartner: Amazon\nratings:\n  behavioral: 4\n---\nAsked about ownership twice.\n",
    );
    let json = build_on(&env, "2027-01-22");
    assert_eq!(json["endgame"]["debrief"], "mocks/2027-01-20-interview-debrief.md");
    assert!(titles(&json)[0].starts_with("Debrief written"), "{:?}", titles(&json));
}

/// (category, first day, summary) of every event.
fn events(text: &str) -> Events {
    let cal: Calendar = text.parse().unwrap_or_else(|e| panic!("not a calendar: {e}"));
    cal.events()
        .map(|e| {
            let category = e
                .multi_properties()
                .get("CATEGORIES")
                .and_then(|c| c.first())
                .map(|c| c.value().to_string())
                .unwrap_or_default();
            let start = e.property_value("DTSTART").unwrap().to_string();
            (category, start[..8].to_string(), e.property_value("SUMMARY").unwrap_or_default().to_string())
        })
        .collect()
}

#[test]
fn the_calendar_follows_the_endgame_and_spreads_the_rehearsals() {
    let env = workspace();
    // One story rehearsed three times early on: SM-2 would send it far away.
    env.write(
        "logs/2026-11-20.md",
        "---\ndate: 2026-11-20\nrehearsals:\n  - story: alpha\n    rating: easy\n    seconds: 150\n---\n",
    );
    env.write("logs/2026-11-21.md", "---\ndate: 2026-11-21\nrehearsals:\n  - story: alpha\n    rating: easy\n---\n");
    env.write("logs/2026-11-24.md", "---\ndate: 2026-11-24\nrehearsals:\n  - story: alpha\n    rating: easy\n---\n");
    let text = env.run_ok(&["calendar"]).stdout;
    let evs = events(&text);
    let of = |cat: &str| evs.iter().filter(|e| e.0 == cat).collect::<Vec<_>>();
    // Mocks: none in the last two days, none after.
    for m in of("mock") {
        assert!(m.1.as_str() < "20270118", "mock in the last days: {m:?}");
    }
    // Study blocks in the last two days are light; none on the interview day.
    let light: Vec<_> = of("study").into_iter().filter(|e| e.1.as_str() >= "20270118").collect();
    assert_eq!(light.len(), 2, "{light:?}");
    assert!(light.iter().all(|e| e.2.starts_with("Interview prep: light day")), "{light:?}");
    // The rehearsal spread.
    let mut per_day: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_story: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in of("rehearsal") {
        *per_day.entry(r.1.clone()).or_default() += 1;
        by_story.entry(r.2.clone()).or_default().push(r.1.clone());
        assert!(r.1.as_str() < "20270120", "{r:?}");
    }
    assert!(per_day.values().all(|n| *n <= 3), "more than 3 on a day: {per_day:?}");
    assert_eq!(by_story.len(), 6, "{by_story:?}");
    let day = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let ymd = |s: &str| day(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8]));
    for (story, days) in &by_story {
        assert!(days.iter().any(|d| d.as_str() >= "20270113"), "{story} untold in the final week: {days:?}");
        // No ready story untold for more than 10 days in the final four weeks.
        let mut told: Vec<jiff::civil::Date> = days.iter().map(|d| ymd(d)).collect();
        if story.ends_with("alpha") {
            told.push(day("2026-11-24"));
        }
        let mut d = day("2026-12-23");
        while d < day(INTERVIEW) {
            let last = told.iter().filter(|t| **t <= d).max().copied().unwrap();
            assert!((d - last).get_days() <= 10, "{story} untold from {last} to {d}");
            d = d.tomorrow().unwrap();
        }
    }
    // The final week is spread over several days, not piled on the eve.
    let final_days = per_day.range("20270113".to_string()..).count();
    assert!(final_days >= 4, "{per_day:?}");
    assert!(per_day.get("20270119").copied().unwrap_or(0) <= 1, "{per_day:?}");
}

#[test]
fn less_noise_a_deleted_story_once_and_the_track_warning_only_when_time_is_short() {
    let env = workspace();
    for day in ["2026-11-20", "2026-11-21", "2026-11-22"] {
        env.write(
            &format!("logs/{day}.md"),
            &format!("---\ndate: {day}\nrehearsals:\n  - story: retired-story\n    rating: good\n---\n"),
        );
    }
    let json = build_on(&env, "2026-11-25");
    let gone: Vec<&Value> =
        json["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "link/unknown-story").collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(gone[0]["path"], "logs/2026-11-22.md");
    assert_eq!(gone[0]["message"], "story \"retired-story\" no longer exists: 3 notes link it");
    assert!(!gone[0]["hint"].as_str().unwrap().contains("create it"), "{}", gone[0]);
    // Senior to L6 typically takes 8–12 months and 8 weeks are left: the 12-week path
    // does not fit, so the track's warning shows.
    let warned = |json: &Value| {
        json["profile"]["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("typically prepare"))
    };
    assert!(warned(&json));
    // Assessed for the 6-week path, which fits in 8 weeks: no track warning.
    let mut args = vec!["assess".to_string()];
    for id in QUICK_IDS {
        args.push("--answer".into());
        args.push(format!("{id}=4"));
    }
    env.run_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let json = build_on(&env, "2026-11-25");
    assert_eq!(json["profile"]["path"], "six-week-intensive");
    assert!(!warned(&json), "{}", json["profile"]["warnings"]);
}

/// (category, first day, summary) of each event.
type Events = Vec<(String, String, String)>;

/// Rehearsal events per day and per story of `calendar --today today`, and all events.
fn rehearsals_on(env: &Env, today: &str) -> (BTreeMap<String, usize>, BTreeMap<String, Vec<String>>, Events) {
    let evs = events(&env.run_ok(&["calendar", "--today", today]).stdout);
    let mut per_day: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_story: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in evs.iter().filter(|e| e.0 == "rehearsal") {
        *per_day.entry(r.1.clone()).or_default() += 1;
        by_story.entry(r.2.clone()).or_default().push(r.1.clone());
    }
    (per_day, by_story, evs)
}

#[test]
fn the_calendar_seven_days_one_day_and_after() {
    let env = workspace();
    // Seven days out: the six stories spread over the final week, three a day at most,
    // and no mock in the last two days.
    let (per_day, by_story, evs) = rehearsals_on(&env, "2027-01-13");
    assert_eq!(by_story.len(), 6, "{by_story:?}");
    assert!(per_day.values().all(|n| *n <= 3), "{per_day:?}");
    assert!(per_day.keys().all(|d| d.as_str() >= "20270113" && d.as_str() < "20270120"), "{per_day:?}");
    assert!(evs.iter().filter(|e| e.0 == "mock").all(|e| e.1.as_str() < "20270118"), "{evs:?}");
    // The eve: a light block, no mock, at most three stories.
    let (per_day, _, evs) = rehearsals_on(&env, "2027-01-19");
    assert!(per_day.values().all(|n| *n <= 3), "{per_day:?}");
    assert!(evs.iter().all(|e| e.0 != "mock"), "{evs:?}");
    let study: Vec<_> = evs.iter().filter(|e| e.0 == "study").collect();
    assert_eq!(study.len(), 1, "{study:?}");
    assert!(study[0].2.starts_with("Interview prep: light day, 1 day to go"), "{study:?}");
    // The interview day: the interview only.
    let evs = events(&env.run_ok(&["calendar", "--today", INTERVIEW]).stdout);
    assert_eq!(evs.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(), ["interview"], "{evs:?}");
    // After it: nothing is scheduled.
    let run = env.run_ok(&["calendar", "--today", "2027-01-22"]);
    assert!(events(&run.stdout).is_empty(), "{}", run.stdout);
}
