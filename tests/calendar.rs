//! `systemcraft calendar`: the .ics parses back with the icalendar crate and every
//! event has DTSTART, DTEND and UID; UIDs are stable from one run to the next (and
//! the file is the same bytes for the same notes and date); nothing is scheduled
//! after the interview; hours follow the profile's time zone; usage errors.

use std::collections::BTreeSet;

use icalendar::{Calendar, Component};

use crate::testenv::{Env, TODAY};

/// A workspace with a 6-week plan from today, a ready story, a time zone and study
/// hours on weekdays.
fn prepared() -> Env {
    let env = Env::init();
    env.run_ok(&["plan", "--path", "six-week-intensive"]);
    env.write(
        "stories/checkout-latency.md",
        "---\ntitle: Cutting checkout latency\nscenario: technical-leadership\nprinciples: [dive-deep]\nstatus: ready\ncreated: 2026-11-20\n---\n## Situation\nSlow.\n## Task\nFix.\n## Action\nI fixed it.\n## Result\n40% faster.\n",
    );
    let profile = env.read("systemcraft.yaml");
    env.write(
        "systemcraft.yaml",
        &format!(
            "{profile}\ntime_zone: America/New_York\nstudy:\n  days: weekdays\n  time: \"07:00\"\n  minutes: 60\n  mock_day: sat\n  mock_time: \"10:00\"\n"
        ),
    );
    env
}

/// Sets `interview_date` in systemcraft.yaml.
fn set_interview(env: &Env, date: &str) {
    let profile = env.read("systemcraft.yaml");
    assert!(profile.contains("\ninterview_date:\n"), "{profile}");
    env.write("systemcraft.yaml", &profile.replace("\ninterview_date:\n", &format!("\ninterview_date: {date}\n")));
}

/// Changes `interview_date` from `old` to `new` in systemcraft.yaml.
fn set_interview_again(env: &Env, old: &str, new: &str) {
    let profile = env.read("systemcraft.yaml");
    let line = format!("\ninterview_date: {old}\n");
    assert!(profile.contains(&line), "{profile}");
    env.write("systemcraft.yaml", &profile.replace(&line, &format!("\ninterview_date: {new}\n")));
}

/// One parsed event: UID, DTSTART, DTEND and CATEGORIES as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Ev {
    uid: String,
    start: String,
    end: String,
    category: String,
}

/// Parses an .ics text with the icalendar crate and checks every event has a
/// DTSTART, a DTEND and a UID.
#[track_caller]
fn events(text: &str) -> Vec<Ev> {
    let cal: Calendar = text.parse().unwrap_or_else(|e| panic!("not a calendar: {e}\n{text}"));
    assert_eq!(cal.property_value("VERSION"), Some("2.0"));
    assert!(cal.property_value("PRODID").is_some());
    let out: Vec<Ev> = cal
        .events()
        .map(|e| {
            let get = |k: &str| e.property_value(k).unwrap_or_else(|| panic!("event without {k}: {e:?}")).to_string();
            let category =
                e.multi_properties().get("CATEGORIES").and_then(|c| c.first()).map(|c| c.value().to_string());
            let ev = Ev {
                uid: get("UID"),
                start: get("DTSTART"),
                end: get("DTEND"),
                category: category.unwrap_or_default(),
            };
            assert!(e.property_value("DTSTAMP").is_some(), "{e:?}");
            assert!(ev.end > ev.start, "{ev:?}");
            ev
        })
        .collect();
    assert!(!out.is_empty(), "no events:\n{text}");
    // Every UID once.
    assert_eq!(out.iter().map(|e| &e.uid).collect::<BTreeSet<_>>().len(), out.len(), "{text}");
    out
}

fn of<'a>(evs: &'a [Ev], category: &str) -> Vec<&'a Ev> {
    evs.iter().filter(|e| e.category == category).collect()
}

#[test]
fn the_calendar_parses_back_with_every_kind_of_event() {
    let env = prepared();
    let out = env.run_ok(&["calendar", "--out", "study.ics"]).stdout;
    assert!(out.starts_with("Wrote study.ics: "), "{out}");
    assert!(out.contains("Times are in America/New_York."), "{out}");
    let text = env.read("study.ics");
    assert!(text.contains("\r\nX-WR-TIMEZONE:America/New_York\r\n"), "{text}");
    let evs = events(&text);
    // No interview date: the schedule runs to the end of the 6-week plan.
    let study = of(&evs, "study");
    assert_eq!(study.len(), 6 * 5, "weekdays over six weeks");
    // 07:00 in New York in November is 12:00 UTC, for an hour.
    assert_eq!(study[0].uid, "study-20261125@systemcraft");
    assert_eq!((study[0].start.as_str(), study[0].end.as_str()), ("20261125T120000Z", "20261125T130000Z"));
    assert!(study.iter().all(|e| e.start.ends_with("T120000Z")), "{study:?}");
    assert_eq!(of(&evs, "plan-week").len(), 6);
    // The six-week plan: mocks from week 2, one a week, two in week 6.
    let mocks = of(&evs, "mock");
    assert_eq!(mocks.len(), 6, "{mocks:?}");
    // The plan starts on Wednesday 25 November; week 2's Saturday is 5 December,
    // 10:00 in New York.
    assert_eq!(mocks[0].start, "20261205T150000Z");
    assert_eq!(mocks[0].uid, "mock-six-week-intensive-week-2-0@systemcraft");
    // The ready story, never rehearsed, is due today.
    let rehearsals = of(&evs, "rehearsal");
    assert_eq!(rehearsals.len(), 1);
    assert_eq!(
        (rehearsals[0].uid.as_str(), rehearsals[0].start.as_str()),
        ("rehearsal-checkout-latency@systemcraft", "20261125")
    );
    assert!(of(&evs, "interview").is_empty());

    // Standard output without --out.
    let printed = env.run_ok(&["calendar"]).stdout;
    assert_eq!(printed, text);
}

#[test]
fn uids_are_stable_across_runs_and_edits() {
    let env = prepared();
    let first = env.run_ok(&["calendar"]).stdout;
    let second = env.run_ok(&["calendar"]).stdout;
    assert_eq!(first, second, "same notes, same date: same bytes");

    // Tick the first task of the plan, rehearse the story, and come back a day later:
    // the same days, weeks, mocks and story keep their UIDs; the story moves.
    let plan = env.read("plans/six-week-intensive.md");
    env.write("plans/six-week-intensive.md", &plan.replacen("- [ ] ", "- [x] ", 1));
    env.write(
        "logs/2026-11-25.md",
        "---\ndate: 2026-11-25\nrehearsals:\n  - story: checkout-latency\n    rating: good\n    seconds: 150\n---\n",
    );
    let later = env.run_ok(&["calendar", "--today", "2026-11-26", "--weeks", "5"]).stdout;
    let (a, b) = (events(&first), events(&later));
    let uids = |evs: &[Ev]| evs.iter().map(|e| e.uid.clone()).collect::<BTreeSet<_>>();
    let (ua, ub) = (uids(&a), uids(&b));
    // The first run covered 25 November to 5 January, the later one 26 November to
    // 30 December: what is gone lies outside the later range, and nothing is new.
    assert!(ub.is_subset(&ua), "new UIDs: {:?}", ub.difference(&ua).collect::<Vec<_>>());
    assert!(ua.contains("study-20261125@systemcraft") && !ub.contains("study-20261125@systemcraft"));
    for e in a.iter().filter(|e| !ub.contains(&e.uid)) {
        assert!(e.start.starts_with("20261125") || &e.start[..8] >= "20261231", "lost: {e:?}");
    }
    // The week's summary changed under the same UID.
    assert!(later.contains("SUMMARY:Study plan week 1 of 6: "), "{later}");
    assert_ne!(
        first.lines().find(|l| l.starts_with("SUMMARY:Study plan week 1 ")),
        later.lines().find(|l| l.starts_with("SUMMARY:Study plan week 1 "))
    );
    // Rehearsed once with `good`: due one day after, on the 26th.
    let r = b.iter().find(|e| e.uid == "rehearsal-checkout-latency@systemcraft").unwrap();
    assert_eq!(r.start, "20261126");
}

#[test]
fn nothing_is_scheduled_after_the_interview() {
    let env = prepared();
    // The plan runs six weeks, past an interview on Wednesday 9 December.
    set_interview(&env, "2026-12-09");
    env.run_ok(&["calendar", "--out", "study.ics", "--weeks", "10"]);
    let evs = events(&env.read("study.ics"));
    let interview = of(&evs, "interview");
    assert_eq!(interview.len(), 1);
    assert_eq!((interview[0].start.as_str(), interview[0].end.as_str()), ("20261209", "20261210"));
    for e in &evs {
        assert!(&e.start[..8] <= "20261209", "after the interview: {e:?}");
        // All-day events end on the interview day at the latest (exclusive end).
        if e.category != "interview" {
            assert!(&e.start[..8] < "20261209", "on the interview day: {e:?}");
            assert!(e.end.len() != 8 || e.end.as_str() <= "20261209", "{e:?}");
        }
    }
    // The mock of week 2 (Saturday 5 December) is in; week 3's would be after it.
    assert_eq!(of(&evs, "mock").len(), 1);
    // Weekdays from 25 November to 8 December.
    assert_eq!(of(&evs, "study").len(), 10);

    // Without --weeks the schedule stops with the interview day.
    let out = env.run_ok(&["calendar", "--out", "default.ics"]).stdout;
    // The summary's range ends with the interview day, not with the last week asked for.
    assert!(out.contains(&format!("from {TODAY} to 2026-12-09")), "{out}");
    let out = env.run_ok(&["calendar", "--out", "ten.ics", "--weeks", "10"]).stdout;
    assert!(out.contains(&format!("from {TODAY} to 2026-12-09")), "{out}");
    // An interview after the range leaves the range's own last day.
    set_interview_again(&env, "2026-12-09", "2027-03-01");
    let out = env.run_ok(&["calendar", "--out", "one.ics", "--weeks", "1"]).stdout;
    assert!(out.contains(&format!("from {TODAY} to 2026-12-01")), "{out}");
    let default = events(&env.read("default.ics"));
    assert!(default.iter().all(|e| &e.start[..8] <= "20261209"));
}

#[test]
fn usage_errors() {
    let env = prepared();
    for args in
        [&["calendar", "--weeks", "0"][..], &["calendar", "--from", "next week"], &["calendar", "--weeks", "200"]]
    {
        let r = env.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

#[test]
fn a_write_into_a_missing_folder_creates_it() {
    let env = prepared();
    // `--out exports/prep.ics` on a fresh workspace: the folder is made.
    let target = env.root.join("exports").join("deeper").join("x.ics");
    let r = env.run(&["calendar", "--out", target.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("BEGIN:VCALENDAR"));
    // A file where a folder should be cannot be made into one: a failure naming it.
    let blocked = env.root.join("systemcraft.yaml").join("x.ics");
    let r = env.run(&["calendar", "--out", blocked.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains(&format!("cannot create {}", env.root.join("systemcraft.yaml").display())),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(".systemcraft-"), "the temporary file leaked: {}", r.stderr);
}
