//! `systemcraft assess`: scores and paths on both sides of every band boundary for
//! both forms, category bands, the learning path, the non-interactive round trip
//! (answers → assessment.md → `build --json`) with every other byte of the file kept,
//! answers from a file, usage errors, and the interactive mode driven through a
//! pseudo-terminal (answer, back, skip, finish; `q`; Ctrl-C and SIGINT keep the
//! answers).

use serde_json::Value;

use crate::testenv::{self, Env, Run, COMPLETE_BOUNDARIES, COMPLETE_IDS, QUICK_IDS, TODAY};

/// `n` answers from 1 to 5 that add up to `sum`, as even as possible.
fn summing_to(sum: u32, n: usize) -> Vec<u8> {
    assert!((n as u32..=5 * n as u32).contains(&sum));
    (0..n).map(|i| ((sum as usize + i) / n) as u8).collect()
}

/// Runs `systemcraft assess [--complete] --answer id=v ...`.
pub fn assess(env: &Env, complete: bool, ids: &[&str], values: &[u8]) -> Run {
    let pairs: Vec<String> = ids.iter().zip(values).map(|(id, v)| format!("{id}={v}")).collect();
    let mut args = vec!["assess"];
    if complete {
        args.push("--complete");
    }
    for p in &pairs {
        args.extend(["--answer", p.as_str()]);
    }
    env.run_ok(&args)
}

fn category<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["assessment"]["categories"].as_array().unwrap().iter().find(|c| c["category"] == name).unwrap()
}

#[test]
fn quick_form_scores_and_paths_on_both_sides_of_each_boundary() {
    let env = Env::init();
    // round(100 × sum ÷ 60): sums 33, 42 and 51 are the first of each band.
    for (sum, score, path) in [
        (32, 53, "foundation-building"),
        (33, 55, "twelve-week-comprehensive"),
        (41, 68, "twelve-week-comprehensive"),
        (42, 70, "six-week-intensive"),
        (50, 83, "six-week-intensive"),
        (51, 85, "quick-reference"),
    ] {
        let out = assess(&env, false, &QUICK_IDS, &summing_to(sum, 12)).stdout;
        assert!(out.contains(&format!("Score: {score}/100 (quick form)\n")), "sum {sum}:\n{out}");
        assert!(out.contains(&format!("Study path: {path} (")), "sum {sum}:\n{out}");
        let json = env.json();
        let a = &json["assessment"];
        assert_eq!((a["status"].as_str(), a["score"].as_u64()), (Some("taken"), Some(score)), "sum {sum}");
        assert_eq!(a["path"], path, "sum {sum}");
        assert_eq!(json["profile"]["path"], path, "sum {sum}");
    }
}

#[test]
fn complete_form_scores_and_paths_on_both_sides_of_each_boundary() {
    let env = Env::init();
    for (sum, path) in COMPLETE_BOUNDARIES {
        let out = assess(&env, true, &COMPLETE_IDS, &summing_to(sum, 20)).stdout;
        assert!(out.contains(&format!("Score: {sum}/100 (complete form)\n")), "sum {sum}:\n{out}");
        assert!(out.contains(&format!("Study path: {path} (")), "sum {sum}:\n{out}");
        let json = env.json();
        assert_eq!(json["assessment"]["form"], "complete");
        assert_eq!(json["assessment"]["score"], sum, "sum {sum}");
        assert_eq!(json["assessment"]["path"], path, "sum {sum}");
    }
    // The template's quick-only questions were commented out, not deleted, and do not
    // show up as problems.
    let text = env.read("assessment.md");
    assert!(text.contains("\n  # aws-production:         # AWS services in production\n"), "{text}");
    assert!(!env.json()["diagnostics"].as_array().unwrap().iter().any(|d| d["path"] == "assessment.md"));
}

#[test]
fn category_bands_on_both_sides_of_their_boundaries() {
    let env = Env::init();
    // Technical /40, leadership /30, cultural /30.
    let cases = [
        // 32/40 = 80% strong, 18/30 = 60% good, 12/30 = 40% needs work
        ((32, 18, 12), [(80, "strong"), (60, "good"), (40, "needs-work")], ["strong", "good", "needs work"]),
        // 31/40 = 78% good, 17/30 = 57% needs work, 11/30 = 37% major gap
        ((31, 17, 11), [(78, "good"), (57, "needs-work"), (37, "major-gap")], ["good", "needs work", "major gap"]),
    ];
    for ((t, l, c), expected, words) in cases {
        let mut values = summing_to(t, 8);
        values.extend(summing_to(l, 6));
        values.extend(summing_to(c, 6));
        let out = assess(&env, true, &COMPLETE_IDS, &values).stdout;
        let json = env.json();
        for (i, name) in ["technical", "leadership", "cultural"].into_iter().enumerate() {
            let cat = category(&json, name);
            assert_eq!((cat["percent"].as_u64().unwrap(), cat["band"].as_str().unwrap()), expected[i], "{name}");
            let line = out.lines().find(|l| l.trim_start().to_lowercase().starts_with(name)).unwrap();
            assert!(line.ends_with(&format!("{}%  {}", expected[i].0, words[i])), "{line:?}");
        }
        let sums: Vec<u64> =
            ["technical", "leadership", "cultural"].map(|n| category(&json, n)["sum"].as_u64().unwrap()).to_vec();
        assert_eq!(sums, [u64::from(t), u64::from(l), u64::from(c)]);
    }
}

#[test]
fn learning_path_groups_topics_by_answer() {
    let env = Env::init();
    // 1, 2 → critical gaps; 3 → skill building; 4, 5 → excellence.
    let values = [1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 3, 4];
    let out = assess(&env, false, &QUICK_IDS, &values).stdout;
    let json = env.json();
    let lp = &json["assessment"]["learning_path"];
    let topics = |key: &str| -> Vec<String> {
        lp[key].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect()
    };
    assert_eq!(
        topics("critical_gaps"),
        [
            "designing for millions of users",
            "medium problems in 30–45 minutes",
            "influence beyond your own team",
            "an example for each principle"
        ]
    );
    assert_eq!(
        topics("skill_building"),
        ["AWS services in production", "quantified leadership stories", "knowing the interview format"]
    );
    assert_eq!(topics("excellence").len(), 5);
    assert!(out.contains(&format!("  Critical gaps (weeks 1–2): {}\n", topics("critical_gaps").join(", "))), "{out}");
    assert!(out.contains(&format!("  Skill building (weeks 3–6): {}\n", topics("skill_building").join(", "))), "{out}");
    assert!(out.contains(&format!("  Excellence (week 7 on): {}\n", topics("excellence").join(", "))), "{out}");
}

/// Checks that `after` is `before` with only the lines of `changed` keys given a value:
/// same number of lines, every other line byte for byte, and each changed line the
/// same key and inline comment.
#[track_caller]
fn only_values_changed(before: &str, after: &str, changed: &[&str]) {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.split('\n').collect(), after.split('\n').collect());
    assert_eq!(b.len(), a.len(), "line count changed:\n{after}");
    for (old, new) in b.iter().zip(&a) {
        if old == new {
            continue;
        }
        let key = old.trim_start().split(':').next().unwrap();
        assert!(changed.contains(&key), "line {old:?} changed to {new:?}");
        assert!(new.starts_with(&format!("{}:", &old[..old.find(':').unwrap()])), "{new:?}");
        let comment = |l: &str| l.find(" #").map(|i| l[i..].trim_start().to_string());
        assert_eq!(comment(old), comment(new), "comment of {key}");
    }
}

#[test]
fn round_trip_writes_only_the_values_and_build_reads_them() {
    let env = Env::init();
    let before = env.read("assessment.md");
    let values = [4, 3, 3, 4, 3, 4, 3, 3, 4, 4, 3, 3]; // sum 41 → 68
    let out = assess(&env, false, &QUICK_IDS, &values).stdout;
    assert!(out.starts_with("Saved 12 of 12 answers (quick form) to assessment.md, taken 2026-11-25.\n"), "{out}");
    let after = env.read("assessment.md");
    let mut changed = QUICK_IDS.to_vec();
    changed.push("taken");
    only_values_changed(&before, &after, &changed);
    assert!(after.contains("\ntaken: 2026-11-25    # the day you answered, YYYY-MM-DD\n"), "{after}");
    assert!(after.contains("\n  coding-speed: 3         # medium problems in 30-45 minutes\n"), "{after}");
    // The body, from the closing `---` on, is byte for byte the template's.
    let body = |t: &str| t[t[4..].find("\n---\n").unwrap()..].to_string();
    assert_eq!(body(&before), body(&after));

    let json = env.json();
    let a = &json["assessment"];
    assert_eq!(a["status"], "taken");
    assert_eq!(a["taken"], TODAY);
    assert_eq!(a["score"], 68);
    assert_eq!(a["path"], "twelve-week-comprehensive");
    assert_ne!(json["actions"][0]["title"], "Take the self-assessment");

    // Answering again changes just that line.
    let again = env.run_ok(&["assess", "--answer", "influence=5"]).stdout;
    assert!(again.contains("Score: 72/100"), "{again}");
    only_values_changed(&after, &env.read("assessment.md"), &["influence"]);
}

#[test]
fn a_hand_edited_assessment_keeps_its_comments_order_and_body() {
    let env = Env::init();
    let before = "---\r\n# my own notes on top\r\nanswers:\r\n  coding-speed: 2   # was 1 last spring\r\n  # questions I still need to think about:\r\n  design-at-scale:\r\nform: quick\r\ncustom: kept\r\n---\r\n# My assessment\r\n\r\nanswers: not front matter\r\n";
    env.write("assessment.md", before);
    env.run_ok(&["assess", "--answer", "design-at-scale=3", "--answer", "coding-speed=4"]);
    let after = env.read("assessment.md");
    let expected_start = "---\r\n# my own notes on top\r\nanswers:\r\n  coding-speed: 4   # was 1 last spring\r\n  # questions I still need to think about:\r\n  design-at-scale: 3\r\n";
    assert!(after.starts_with(expected_start), "{after:?}");
    // The missing questions are added at the end of the block, before `form:`.
    assert!(
        after.contains("\r\n  level-expectations:\r\nform: quick\r\ncustom: kept\r\ntaken: 2026-11-25\r\n---\r\n"),
        "{after:?}"
    );
    assert!(after.ends_with("---\r\n# My assessment\r\n\r\nanswers: not front matter\r\n"), "{after:?}");
    let json = env.json();
    assert_eq!(json["assessment"]["status"], "partial");
    assert_eq!(json["assessment"]["answered"], 2);
}

#[test]
fn answers_from_a_file_and_from_standard_input() {
    let env = Env::init();
    let mut text = String::from("# answers for a script\n");
    for id in QUICK_IDS {
        text.push_str(&format!("{id}: 5\n"));
    }
    env.write("answers.txt", &text);
    // --answer wins over the file.
    let out = env.run_ok(&["assess", "--from", "answers.txt", "--answer", "team-size=2"]).stdout;
    assert!(out.contains("Score: 95/100"), "{out}");
    assert_eq!(env.json()["assessment"]["path"], "quick-reference");

    // An assessment.md from elsewhere, on standard input.
    let other = "---\nform: quick\nanswers:\n  design-at-scale: 1\n  coding-speed: 1\n---\nbody\n";
    let out = env.cmd().args(["assess", "--from", "-"]).write_stdin(other).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Score: 82/100"));
    assert!(env.read("assessment.md").contains("\n  design-at-scale: 1 "));
}

#[test]
fn bad_answers_are_usage_errors_that_change_nothing() {
    let env = Env::init();
    let before = env.read("assessment.md");
    for (args, needle) in [
        (vec!["assess", "--answer", "desing-at-scale=4"], "did you mean `design-at-scale`?"),
        (vec!["assess", "--answer", "design-at-scale=6"], "from 1 to 5"),
        (vec!["assess", "--answer", "design-at-scale=0"], "from 1 to 5"),
        (vec!["assess", "--answer", "design-at-scale"], "ID=N"),
        (vec!["assess", "--answer", "aws-depth=3"], "--complete"),
        (vec!["assess", "--complete", "--quick", "--answer", "influence=3"], "cannot be used with"),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
    }
    env.write("answers.txt", "influence: 9\n");
    let r = env.run(&["assess", "--from", "answers.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("answers.txt"), "{}", r.stderr);
    // No terminal and no answers: nothing to do.
    let r = env.run(&["assess"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--answer"), "{}", r.stderr);
    assert_eq!(env.read("assessment.md"), before);
}

#[test]
fn a_missing_assessment_is_created_from_the_template() {
    let env = Env::init();
    env.remove("assessment.md");
    let out = env.run_ok(&["assess", "--answer", "team-size=4"]).stdout;
    assert!(out.starts_with("Created assessment.md from the template.\n"), "{out}");
    let text = env.read("assessment.md");
    assert!(text.contains("\n  team-size: 4            # managed 8+ engineers\n"), "{text}");
    assert!(text.contains("## How to answer"));
}

/// The interactive mode, through a pseudo-terminal (rexpect, Unix only).
#[cfg(unix)]
mod interactive {
    use std::time::Duration;

    use crate::testenv::pty::{self, expect, send};
    use crate::testenv::Env;

    fn spawn_assess(env: &Env, args: &[&str]) -> rexpect::session::PtySession {
        pty::spawn(env, "assess", args)
    }

    /// Waits for the process to end and returns its exit code.
    fn exit_code(p: &mut rexpect::session::PtySession) -> i32 {
        pty::finish(p).0
    }

    fn answer_line(text: &str, id: &str) -> String {
        text.lines().find(|l| l.trim_start().starts_with(&format!("{id}:"))).unwrap().to_string()
    }

    #[test]
    fn answer_back_skip_and_finish() {
        let env = Env::init();
        let mut p = spawn_assess(&env, &[]);
        expect(&mut p, "[1/12] Technical · designing for millions of users");
        expect(&mut p, "  5  I have built such systems");
        send(&mut p, "4");
        expect(&mut p, "→ 4");
        expect(&mut p, "[2/12] Technical · medium problems in 30–45 minutes");
        // Back: the first question again, showing its answer; Enter keeps it.
        send(&mut p, "b");
        expect(&mut p, "[1/12]");
        expect(&mut p, "Your answer: 4 (Enter keeps it)");
        send(&mut p, "\r");
        expect(&mut p, "[2/12]");
        // Enter on an unanswered question only explains.
        send(&mut p, "\r");
        expect(&mut p, "(no answer yet: press 1 to 5, or s to skip)");
        // Skip the coding question, answer the other ten.
        send(&mut p, "s");
        expect(&mut p, "→ skipped");
        expect(&mut p, "[3/12]");
        for n in 3..=12 {
            if n > 3 {
                expect(&mut p, &format!("[{n}/12]"));
            }
            send(&mut p, if n % 2 == 0 { "3" } else { "2" });
        }
        expect(&mut p, "Saved 11 of 12 answers (quick form) to assessment.md");
        expect(&mut p, "still open: coding-speed");
        assert_eq!(exit_code(&mut p), 0);

        let text = env.read("assessment.md");
        assert!(answer_line(&text, "design-at-scale").starts_with("  design-at-scale: 4 "));
        assert_eq!(answer_line(&text, "coding-speed"), "  coding-speed:           # medium problems in 30-45 minutes");
        assert!(answer_line(&text, "aws-production").starts_with("  aws-production: 2 "));
        assert!(answer_line(&text, "level-expectations").starts_with("  level-expectations: 3 "));
        let json = env.json();
        assert_eq!(json["assessment"]["status"], "partial");
        assert_eq!(json["assessment"]["answered"], 11);

        // A second session: the answers are there; answering the last one completes it.
        let mut p = spawn_assess(&env, &[]);
        expect(&mut p, "Your answer: 4 (Enter keeps it)");
        send(&mut p, "\r");
        expect(&mut p, "[2/12]");
        send(&mut p, "5");
        expect(&mut p, "[3/12]");
        expect(&mut p, "Your answer: 2");
        send(&mut p, "q");
        expect(&mut p, "Saved 12 of 12 answers");
        expect(&mut p, "Score: ");
        expect(&mut p, "Study path: ");
        assert_eq!(exit_code(&mut p), 0);
        assert_eq!(env.json()["assessment"]["status"], "taken");
    }

    #[test]
    fn ctrl_c_keeps_the_answers_given() {
        let env = Env::init();
        let mut p = spawn_assess(&env, &["--complete"]);
        expect(&mut p, "[1/20] Technical · system design at scale");
        send(&mut p, "2");
        expect(&mut p, "[2/20]");
        send(&mut p, "5");
        expect(&mut p, "[3/20] Technical · AWS depth");
        send(&mut p, "\x03");
        expect(&mut p, "Saved 2 of 20 answers (complete form)");
        assert_eq!(exit_code(&mut p), 130);
        let text = env.read("assessment.md");
        assert!(text.contains("\nform: complete "), "{text}");
        assert!(answer_line(&text, "design-at-scale").starts_with("  design-at-scale: 2 "));
        assert!(answer_line(&text, "coding-speed").starts_with("  coding-speed: 5 "));
        let json = env.json();
        assert_eq!(json["assessment"]["status"], "partial");
        assert_eq!(json["assessment"]["answered"], 2);
        assert_eq!(json["assessment"]["total"], 20);
    }

    #[test]
    fn sigint_from_outside_keeps_the_answers_and_quit_without_answers_writes_nothing() {
        let env = Env::init();
        let before = env.read("assessment.md");
        let mut p = spawn_assess(&env, &[]);
        expect(&mut p, "[1/12]");
        send(&mut p, "q");
        expect(&mut p, "No answer changed; assessment.md is left as it was.");
        assert_eq!(exit_code(&mut p), 0);
        assert_eq!(env.read("assessment.md"), before);

        let mut p = spawn_assess(&env, &[]);
        expect(&mut p, "[1/12]");
        send(&mut p, "3");
        expect(&mut p, "[2/12]");
        std::thread::sleep(Duration::from_millis(50));
        p.process_mut().signal(rexpect::process::Signal::SIGINT).unwrap();
        expect(&mut p, "Saved 1 of 12 answers");
        assert_eq!(exit_code(&mut p), 130);
        assert!(answer_line(&env.read("assessment.md"), "design-at-scale").starts_with("  design-at-scale: 3 "));
    }
}

/// Each complete-form question and the quick-form question it refines, as
/// docs/scoring.md lists them.
const REFINES: [(&str, &str); 20] = [
    ("design-at-scale", "design-at-scale"),
    ("coding-speed", "coding-speed"),
    ("aws-depth", "aws-production"),
    ("data-design", "design-at-scale"),
    ("performance", "distributed-tradeoffs"),
    ("distributed-systems", "distributed-tradeoffs"),
    ("technology-selection", "aws-production"),
    ("technical-communication", "design-at-scale"),
    ("management-scope", "team-size"),
    ("cross-team-influence", "influence"),
    ("conflict-resolution", "influence"),
    ("change-leadership", "technical-strategy"),
    ("strategy", "technical-strategy"),
    ("hiring-development", "team-size"),
    ("customer-obsession", "lp-examples"),
    ("ownership", "lp-examples"),
    ("invent-and-simplify", "lp-examples"),
    ("bias-for-action", "lp-examples"),
    ("learning", "lp-examples"),
    ("delivering-results", "lp-examples"),
];

const BARS: [&str; 4] = ["readiness", "technical", "behavioral", "cultural"];

fn bars(env: &Env) -> Vec<(f64, u64)> {
    let json = env.json();
    BARS.iter()
        .map(|k| {
            let b = json["bars"].as_array().unwrap().iter().find(|b| b["key"] == *k).unwrap();
            (testenv::bar(&json, k), b["percent"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn switching_forms_with_the_same_underlying_answers_moves_no_bar() {
    let env = Env::init();
    // Some practice so readiness is not zero whatever the self-ratings.
    env.write("stories/companion.md", testenv::COMPANION_STORY);
    // The quick-only questions (quantified-impact, lp-knowledge, interview-format,
    // level-expectations) answered high, as a candidate who reads the guide would.
    let quick: [u8; 12] = [2, 4, 3, 1, 3, 5, 2, 4, 5, 2, 5, 5];
    assess(&env, false, &QUICK_IDS, &quick);
    let json = env.json();
    assert_eq!(category(&json, "cultural")["percent"], 85, "17 of 20");
    let before = bars(&env);
    assert!(before[0].0 > 0.0, "{before:?}");

    let answer = |q: &str| quick[QUICK_IDS.iter().position(|id| *id == q).unwrap()];
    let ids: Vec<&str> = REFINES.iter().map(|(c, _)| *c).collect();
    let mut values: Vec<u8> = REFINES.iter().map(|(_, q)| answer(q)).collect();
    let out = assess(&env, true, &ids, &values).stdout;
    // The form's own category percent moves (cultural 85% → 40%), the bars do not.
    assert!(out.contains("(the quick form before, the complete form now"), "{out}");
    // Cultural: lp-examples 2 of 5 on both forms.
    assert!(out.contains("Cultural     85% →  40% (-45 points); in the bars  40% →  40% (+0 points)"), "{out}");
    assert_eq!(category(&env.json(), "cultural")["percent"], 40);
    assert_eq!(bars(&env), before, "switching forms moved a bar");

    // Real changes still move the bars: ownership 2 → 5 raises cultural, and
    // cross-team-influence 2 → 5 raises behavioral and with it readiness.
    for (id, v) in [("ownership", 5), ("cross-team-influence", 5)] {
        values[ids.iter().position(|x| *x == id).unwrap()] = v;
    }
    assess(&env, true, &ids, &values);
    let after = bars(&env);
    assert!(after[3].0 > before[3].0, "cultural {:?} → {:?}", before[3], after[3]);
    assert!(after[2].0 > before[2].0, "behavioral {:?} → {:?}", before[2], after[2]);
    assert!(after[0].0 > before[0].0, "readiness {:?} → {:?}", before[0], after[0]);
    // And one on the technical side: coding-speed 4 → 1 lowers technical.
    let j = ids.iter().position(|id| *id == "coding-speed").unwrap();
    values[j] = 1;
    assess(&env, true, &ids, &values);
    assert!(bars(&env)[1].0 < after[1].0);
}
