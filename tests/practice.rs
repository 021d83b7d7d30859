//! `systemcraft practice`: which story it picks, the question it asks, recording with
//! `--rating` into today's log without changing a byte of what was there, the SM-2
//! schedule after a fixed sequence of ratings, the cap before the interview, and the
//! interactive countdown through a pseudo-terminal.

use std::path::Path;

use crate::testenv::Env;

/// A fresh workspace with these stories of the corpus (tests/fixtures/stories/).
fn with_stories(files: &[&str]) -> Env {
    let env = Env::init();
    for f in files {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories").join(f);
        env.write_bytes(&format!("stories/{f}"), &std::fs::read(src).unwrap());
    }
    env
}

/// The last line of a run's standard output.
fn last_line(out: &str) -> &str {
    out.trim_end().lines().last().unwrap_or("")
}

#[test]
fn a_rating_is_appended_to_todays_log_keeping_every_byte() {
    let env = with_stories(&["strong-ledger-close.md"]);
    // A hand-written log: CRLF endings, comments, a block list of rehearsals, a body.
    let before = "---\r\ndate: 2026-11-25   # Wednesday\r\ncoding:\r\n  - problem: LRU cache\r\n    difficulty: medium\r\n    minutes: 40\r\n    solved: true\r\nrehearsals:\r\n  # the morning run\r\n  - story: strong-ledger-close\r\n    rating: hard\r\n    seconds: 200\r\n\r\nmy_own_key: kept\r\n---\r\n## Notes\r\nSlow start today.\r\n";
    env.write("logs/2026-11-25.md", before);
    let r = env.run_ok(&["practice", "--story", "strong-ledger-close", "--rating", "good", "--seconds", "150"]);
    assert!(r.stdout.contains("Question: "), "{}", r.stdout);
    assert!(
        r.stdout.contains("Recorded \"Cutting the month-end close from three days to nine hours\" (good, 2:30) in logs/2026-11-25.md.\n"),
        "{}",
        r.stdout
    );
    let after = env.read("logs/2026-11-25.md");
    let inserted = "  - story: strong-ledger-close\r\n    rating: good\r\n    seconds: 150\r\n";
    let at = before.find("\r\n\r\nmy_own_key").unwrap() + 2;
    assert_eq!(after, format!("{}{inserted}{}", &before[..at], &before[at..]));
    // Both rehearsals count, and the log has no problem.
    let json = env.json();
    assert!(crate::testenv::diagnostics(&json).is_empty(), "{json:#}");
    assert_eq!(json["rehearsals"].as_array().unwrap().len(), 0, "rehearsed today: not due");
}

#[test]
fn a_one_line_list_gets_the_item_inside_its_brackets() {
    let env = with_stories(&["strong-ledger-close.md"]);
    env.run_ok(&["new", "log"]);
    let before = env.read("logs/2026-11-25.md");
    assert!(before.contains("\nrehearsals: []\n"), "{before}");
    env.run_ok(&["practice", "--rating", "easy"]);
    let after = env.read("logs/2026-11-25.md");
    let item = "{story: strong-ledger-close, rating: easy}";
    assert_eq!(after, before.replacen("\nrehearsals: []\n", &format!("\nrehearsals: [{item}]\n"), 1));
}

#[test]
fn todays_log_is_created_when_there_is_none() {
    let env = with_stories(&["strong-ledger-close.md"]);
    assert!(!env.exists("logs/2026-11-25.md"));
    let r = env.run_ok(&["practice", "--rating", "hard", "--seconds", "190"]);
    assert!(r.stdout.contains("in logs/2026-11-25.md, created for today.\n"), "{}", r.stdout);
    let log = env.read("logs/2026-11-25.md");
    assert!(log.starts_with("---\ndate: 2026-11-25\n"), "{log}");
    assert!(log.contains("rehearsals: [{story: strong-ledger-close, rating: hard, seconds: 190}]"), "{log}");
    let json = env.json();
    assert!(crate::testenv::diagnostics(&json).is_empty(), "{json:#}");
    // 190 seconds of rehearsal count towards today's behavioral minutes.
    assert_eq!(json["today_goals"]["minimums"][2]["done"], 3, "{:#}", json["today_goals"]);
}

#[test]
fn the_schedule_after_a_fixed_sequence_of_ratings() {
    let env = with_stories(&["strong-ledger-close.md"]);
    // good, good, hard, easy, again: SM-2 gives 1, 6, 15 (6 × 2.5), 35 (15 × 2.36)
    // and back to 1 day.
    for (day, rating, next) in [
        ("2026-11-01", "good", "Next rehearsal: 2026-11-02 (interval 1 day)."),
        ("2026-11-02", "good", "Next rehearsal: 2026-11-08 (interval 6 days)."),
        ("2026-11-08", "hard", "Next rehearsal: 2026-11-23 (interval 15 days)."),
        ("2026-11-23", "easy", "Next rehearsal: 2026-12-28 (interval 35 days)."),
    ] {
        let r = env.run_ok(&["practice", "--today", day, "--story", "strong-ledger-close", "--rating", rating]);
        assert_eq!(last_line(&r.stdout), next, "{day}");
    }
    // On 2026-12-30 the story is two days overdue, on the dashboard and in --json.
    let r = env.run_ok(&["build", "--json", "--today", "2026-12-30"]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let due = &json["rehearsals"][0];
    assert_eq!((due["story"].as_str(), due["due"].as_str()), (Some("strong-ledger-close"), Some("2026-12-28")));
    assert_eq!((due["overdue_days"].as_i64(), due["rehearsals"].as_u64()), (Some(2), Some(4)));
    let dashboard = env.run_ok(&["build", "--stdout", "--today", "2026-12-30"]).stdout;
    assert!(dashboard.contains("— 2 days overdue (last 2026-11-23)"), "{dashboard}");
    let r = env.run_ok(&["practice", "--today", "2026-12-30", "--rating", "again"]);
    assert!(r.stdout.contains("; 2 days overdue)\n"), "{}", r.stdout);
    assert_eq!(last_line(&r.stdout), "Next rehearsal: 2026-12-31 (interval 1 day).");
}

#[test]
fn only_the_last_rating_of_a_day_counts_for_the_schedule() {
    let env = with_stories(&["strong-ledger-close.md"]);
    let practice = |day: &str, rating: &str| {
        let r = env.run_ok(&["practice", "--today", day, "--story", "strong-ledger-close", "--rating", rating]);
        last_line(&r.stdout).to_string()
    };
    assert_eq!(practice("2026-11-01", "good"), "Next rehearsal: 2026-11-02 (interval 1 day).");
    // A second telling the same day replaces the first: still the first interval.
    assert_eq!(practice("2026-11-01", "hard"), "Next rehearsal: 2026-11-02 (interval 1 day).");
    assert_eq!(practice("2026-11-01", "easy"), "Next rehearsal: 2026-11-02 (interval 1 day).");
    // The next day moves it on, from the day's last rating (easy).
    assert_eq!(practice("2026-11-02", "good"), "Next rehearsal: 2026-11-08 (interval 6 days).");
    let log = env.read("logs/2026-11-01.md");
    assert_eq!(log.matches("story: strong-ledger-close").count(), 3, "every rehearsal is still recorded: {log}");
}

#[test]
fn a_next_rehearsal_past_the_calendar_is_not_given_a_date() {
    let env = with_stories(&["strong-ledger-close.md"]);
    let r = env.run_ok(&["practice", "--today", "9999-12-31", "--rating", "good"]);
    assert_eq!(
        last_line(&r.stdout),
        "Next rehearsal: not set; the interval of 1 day runs past 9999-12-31, the last date systemcraft handles."
    );
    assert!(env.exists("logs/9999-12-31.md"));
    // The day before, the one-day interval still fits.
    let r = env.run_ok(&["practice", "--today", "9999-12-30", "--story", "strong-ledger-close", "--rating", "good"]);
    assert_eq!(last_line(&r.stdout), "Next rehearsal: 9999-12-31 (interval 1 day).");
}

#[test]
fn reviews_are_capped_before_the_interview() {
    let env = with_stories(&["strong-ledger-close.md"]);
    let profile = env.read("systemcraft.yaml").replace("\ninterview_date:\n", "\ninterview_date: 2026-12-10\n");
    env.write("systemcraft.yaml", &profile);
    for (day, rating) in [("2026-11-01", "good"), ("2026-11-02", "good"), ("2026-11-08", "hard")] {
        env.run_ok(&["practice", "--today", day, "--rating", rating]);
    }
    let r = env.run_ok(&["practice", "--today", "2026-11-23", "--rating", "easy"]);
    assert_eq!(
        last_line(&r.stdout),
        "Next rehearsal: 2026-12-09, the day before the interview on 2026-12-10 (the interval would be 35 days)."
    );
    let r = env.run_ok(&["build", "--json", "--today", "2026-12-09"]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["rehearsals"][0]["due"], "2026-12-09");
    assert_eq!(json["rehearsals"][0]["overdue_days"], 0);
}

#[test]
fn the_most_overdue_story_comes_first_then_the_weakest_principle() {
    let env = with_stories(&["strong-ledger-close.md", "strong-bold-labels.md"]);
    env.write(
        "logs/2026-11-20.md",
        "---\ndate: 2026-11-20\nrehearsals:\n  - story: strong-bold-labels\n    rating: good\n---\n",
    );
    // bold-labels was due on 2026-11-21; ledger-close, never rehearsed, is due today.
    let titles = |env: &Env| -> Vec<String> {
        env.json()["actions"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
    };
    assert!(
        titles(&env).contains(&"Rehearse 2 ready stories due (1 overdue, 1 never rehearsed)".to_string()),
        "{:?}",
        titles(&env)
    );
    let r = env.run_ok(&["practice", "--rating", "good"]);
    assert!(
        r.stdout.starts_with("Story: Turning around an on-call rotation that was burning people out (stories/strong-bold-labels.md; 4 days overdue)\n"),
        "{}",
        r.stdout
    );
    assert!(titles(&env).contains(&"Rehearse 1 ready story due (1 never rehearsed)".to_string()), "{:?}", titles(&env));
    let r = env.run_ok(&["practice", "--rating", "good"]);
    assert!(r.stdout.contains("(stories/strong-ledger-close.md; never rehearsed)"), "{}", r.stdout);

    // Nothing due: the best story of the weakest principle that has one.
    let env = with_stories(&["strong-letter-headings.md", "no-scope.md"]);
    let r = env.run_ok(&["practice", "--rating", "good"]);
    assert_eq!(
        r.stdout.lines().take(3).collect::<Vec<_>>(),
        vec![
            "Story: Rewriting the nightly export on my own (stories/no-scope.md; the best story for your weakest principle, Learn and Be Curious)",
            "Principle: Learn and Be Curious",
            "Question: Tell me about something you taught yourself recently because your work needed it. Take a case from a team you led and say how many engineers it touched.",
        ]
    );
    // --lp chooses among the stories naming it; the question changes with each rehearsal,
    // each framed for the target level (L6 here: a team or a few teams).
    let first = env.run_ok(&["practice", "--lp", "Earn Trust", "--rating", "good"]).stdout;
    assert!(
        first
            .contains("Question: Tell me about a time you had to deliver bad news to a senior leader or a customer. Take a case from a team you led and say how many engineers it touched.\n"),
        "{first}"
    );
    let second = env.run_ok(&["practice", "--lp", "earn trust", "--rating", "good"]).stdout;
    assert!(
        second.contains("Question: Describe how you rebuilt a working relationship that had broken down. Keep to one team or a handful of teams, and give the number that moved.\n"),
        "{second}"
    );
}

#[test]
fn wrong_arguments_are_usage_errors_that_write_nothing() {
    let env = with_stories(&["strong-ledger-close.md"]);
    for (args, needle) in [
        (vec!["practice", "--rating", "god"], "did you mean `good`?"),
        (vec!["practice", "--lp", "dive dep", "--rating", "good"], "did you mean `dive-deep`?"),
        (vec!["practice", "--story", "strong-ledgers", "--rating", "good"], "did you mean `strong-ledger-close`?"),
        (vec!["practice"], "--rating"),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
    }
    assert!(!env.exists("logs/2026-11-25.md"));
    // No story for the principle, or none at all: a failure with the command to run.
    let r = env.run(&["practice", "--lp", "frugality", "--rating", "good"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        r.stderr,
        "error: no story names Frugality yet\n  hint: start one with `systemcraft new story \"…\" --lp frugality`\n"
    );
    // A word of a story's name finds it when only one story has that word.
    let r = env.run_ok(&["practice", "--story", "ledger", "--rating", "good"]);
    assert!(r.stdout.starts_with("Story: Cutting the month-end close"), "{}", r.stdout);
    env.write("stories/ledger-migration.md", "---\ntitle: Ledger migration\n---\n");
    let r = env.run(&["practice", "--story", "ledger", "--rating", "good"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("more than one story has \"ledger\" in its name: "), "{}", r.stderr);
    std::fs::remove_file(env.root.join("stories/ledger-migration.md")).unwrap();
    let empty = Env::init();
    let r = empty.run(&["practice", "--rating", "good"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.starts_with("error: there is no story to rehearse yet\n"), "{}", r.stderr);
    // An unknown --story is a usage error naming the closest story, or saying there is
    // none yet (the template's example story does not count).
    let r = empty.run(&["practice", "--story", "checkout", "--rating", "good"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no story named \"checkout\" in stories/, and no story to rehearse yet"), "{}", r.stderr);
    empty.write_bytes(
        "stories/checkout-latency.md",
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories/strong-ledger-close.md"))
            .unwrap(),
    );
    let r = empty.run(&["practice", "--story", "chekout-latncy", "--rating", "good"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no story named \"chekout-latncy\": did you mean `checkout-latency`?"), "{}", r.stderr);
    assert!(!empty.exists("logs/2026-11-25.md"));
    // `checkout` is a word of its name, and no other story has it: it is the one.
    let r = empty.run_ok(&["practice", "--story", "checkout", "--rating", "good"]);
    assert!(r.stdout.contains("(stories/checkout-latency.md; chosen with --story)"), "{}", r.stdout);
    // A log whose `rehearsals` is not a list is left alone.
    let odd = "---\ndate: 2026-11-25\nrehearsals: later\n---\n";
    env.write("logs/2026-11-25.md", odd);
    let r = env.run(&["practice", "--rating", "good"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("cannot update"), "{}", r.stderr);
    assert_eq!(env.read("logs/2026-11-25.md"), odd);
}

/// The interactive rehearsal, through a pseudo-terminal (rexpect, Unix only).
#[test]
fn the_question_is_framed_for_the_target_level() {
    // The same story and principle: L6 asks for a team's scope, L7 for reach across
    // organisations, and the two wordings differ.
    let question = |level: &str| {
        let env = with_stories(&["no-scope.md"]);
        let config = env.read("systemcraft.yaml");
        assert!(config.contains("target_level: \"L6\""), "{config}");
        env.write("systemcraft.yaml", &config.replace("target_level: \"L6\"", &format!("target_level: \"{level}\"")));
        let out = env.run_ok(&["practice", "--rating", "good"]).stdout;
        out.lines().find_map(|l| l.strip_prefix("Question: ")).map(str::to_string).unwrap_or_default()
    };
    let (l6, l7) = (question("L6"), question("L7"));
    let asked = "Tell me about something you taught yourself recently because your work needed it. ";
    assert_eq!(l6, format!("{asked}Take a case from a team you led and say how many engineers it touched."));
    assert_eq!(l7, format!("{asked}Take a case that reached across organisations, and say who had to change course."));
}

#[cfg(unix)]
mod interactive {
    use super::with_stories;
    use crate::testenv::pty::{self, expect, send};
    use crate::testenv::Env;

    fn spawn_practice(env: &Env, args: &[&str]) -> rexpect::session::PtySession {
        pty::spawn(env, "practice", args)
    }

    /// Waits for the process to end and returns its exit code.
    fn exit_code(p: &mut rexpect::session::PtySession) -> i32 {
        pty::finish(p).0
    }

    #[test]
    fn question_countdown_rating_and_record() {
        let env = with_stories(&["strong-ledger-close.md"]);
        let mut p = spawn_practice(&env, &["--minutes", "1"]);
        expect(&mut p, "Story: Cutting the month-end close from three days to nine hours");
        expect(&mut p, "Question: ");
        expect(&mut p, "Press Enter to start the clock");
        send(&mut p, "\r");
        // The countdown is visible and moves.
        expect(&mut p, "1:00 left");
        expect(&mut p, "0:59 left");
        send(&mut p, "\r");
        expect(&mut p, "How did it go?");
        send(&mut p, "g");
        expect(&mut p, "Recorded \"Cutting the month-end close from three days to nine hours\" (good, 0:");
        expect(&mut p, "Next rehearsal: 2026-11-26 (interval 1 day).");
        assert_eq!(exit_code(&mut p), 0);
        let log = env.read("logs/2026-11-25.md");
        let line = log.lines().find(|l| l.starts_with("rehearsals: [")).unwrap();
        assert!(line.starts_with("rehearsals: [{story: strong-ledger-close, rating: good, seconds: "), "{line}");
        let seconds: u64 = line.rsplit("seconds: ").next().unwrap().trim_end_matches("}]").parse().unwrap();
        assert!((1..=5).contains(&seconds), "{seconds}");
    }

    #[test]
    fn leaving_or_interrupting_records_nothing() {
        let env = with_stories(&["strong-ledger-close.md"]);
        let mut p = spawn_practice(&env, &[]);
        expect(&mut p, "Press Enter to start the clock");
        send(&mut p, "q");
        expect(&mut p, "Nothing recorded.");
        assert_eq!(exit_code(&mut p), 0);

        let mut p = spawn_practice(&env, &[]);
        expect(&mut p, "Press Enter to start the clock");
        send(&mut p, "\r");
        expect(&mut p, "3:00 left");
        send(&mut p, "\x03");
        assert_eq!(exit_code(&mut p), 130);
        assert!(!env.exists("logs/2026-11-25.md"));
    }
}
