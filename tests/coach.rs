//! `systemcraft check` on the story corpus in `tests/fixtures/stories/`: strong
//! stories in every heading style, and stories weak in one specific way each, with
//! the exact findings (code, severity, line, column) every one of them must give.
//! Also thresholds from systemcraft.yaml, silencing, path selection, exit codes and
//! the coverage the dashboard shows.

use std::collections::BTreeMap;
use std::path::Path;

use crate::testenv::Env;

/// One expected finding: (code, severity, line, column).
type Finding = (&'static str, &'static str, u64, u64);

/// (file, its findings) for every story of the corpus.
const EXPECTED: &[(&str, &[Finding])] = &[
    // Strong stories: nothing to say, whatever the heading style.
    ("strong-ledger-close.md", &[]),
    ("strong-bold-labels.md", &[]),
    ("strong-letter-headings.md", &[]),
    ("strong-dash-labels.md", &[]),
    ("strong-failure-learned.md", &[]),
    ("alias-headings.md", &[]),
    ("crlf-bom.md", &[]),
    // A check silenced in the front matter is not run.
    ("silenced-long.md", &[]),
    // Weak in one way each.
    ("failure-no-learning.md", &[("star/no-learning", "warning", 39, 1)]),
    ("no-metric.md", &[("star/no-metric", "error", 37, 1)]),
    // Digits that measure nothing: a year and a month, quarters and halves, versions.
    ("year-only.md", &[("star/no-metric", "error", 36, 1)]),
    ("quarter-only.md", &[("star/no-metric", "error", 36, 1)]),
    ("version-only.md", &[("star/no-metric", "error", 36, 1)]),
    ("we-heavy.md", &[("star/we-not-i", "error", 23, 67)]),
    // A byte-order mark and CRLF line endings do not move a position.
    ("crlf-we-heavy.md", &[("star/we-not-i", "error", 23, 67)]),
    ("passive-action.md", &[("star/we-not-i", "error", 20, 1)]),
    ("very-long.md", &[("star/too-long", "warning", 24, 1)]),
    // "The team" with no figure shows no scope.
    ("too-short.md", &[("star/scope", "warning", 9, 1), ("star/too-short", "warning", 17, 1)]),
    ("stale.md", &[("star/stale", "warning", 6, 13)]),
    // An undated story is not stale.
    ("no-happened.md", &[]),
    ("situation-heavy.md", &[("star/action-not-largest", "warning", 9, 1)]),
    ("no-scope.md", &[("star/scope", "warning", 9, 1)]),
    // Empty and missing sections: one finding per part, at its heading or the body.
    (
        "empty-sections.md",
        &[
            ("star/missing-section", "error", 14, 1),
            ("star/too-short", "warning", 16, 1),
            ("star/missing-section", "error", 24, 1),
        ],
    ),
    (
        "missing-sections.md",
        &[
            ("star/missing-section", "error", 9, 1),
            ("star/missing-section", "error", 9, 1),
            ("star/too-short", "warning", 14, 1),
        ],
    ),
    (
        "draft-template.md",
        &[
            ("star/missing-section", "error", 8, 1),
            ("star/scope", "warning", 8, 1),
            ("star/missing-section", "error", 10, 1),
            ("star/missing-section", "error", 12, 1),
            ("star/too-short", "warning", 12, 1),
            ("star/missing-section", "error", 14, 1),
        ],
    ),
    // Schema problems come out of the same command; a bad `happened` is not reported
    // twice.
    (
        "schema-problems.md",
        &[
            ("schema/unknown-principle", "error", 4, 25),
            ("schema/unknown-status", "error", 5, 9),
            ("schema/bad-date", "error", 6, 11),
        ],
    ),
    ("silence-typo.md", &[("star/stale", "warning", 6, 11), ("schema/unknown-check", "warning", 7, 11)]),
];

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories")
}

/// A fresh workspace with these corpus stories in stories/.
fn with_stories(files: &[&str]) -> Env {
    let env = Env::init();
    for f in files {
        env.write_bytes(&format!("stories/{f}"), &std::fs::read(corpus().join(f)).unwrap());
    }
    env
}

/// `check --format json ARGS` parsed, with its exit code.
fn check(env: &Env, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = env.run(&all);
    (r.code, serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:?}")))
}

/// Findings by path as (code, severity, line, column).
fn by_path(json: &serde_json::Value) -> BTreeMap<String, Vec<(String, String, u64, u64)>> {
    let mut out: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for d in json["findings"].as_array().unwrap() {
        out.entry(d["path"].as_str().unwrap().to_string()).or_default().push((
            d["code"].as_str().unwrap().to_string(),
            d["severity"].as_str().unwrap().to_string(),
            d["line"].as_u64().unwrap(),
            d["column"].as_u64().unwrap(),
        ));
    }
    out
}

fn hint<'a>(json: &'a serde_json::Value, path: &str, code: &str) -> &'a str {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path && d["code"] == code)
        .and_then(|d| d["hint"].as_str())
        .unwrap_or_else(|| panic!("no {code} with a hint in {path}"))
}

#[test]
fn the_corpus_gives_exactly_the_expected_findings() {
    let files: Vec<&str> = EXPECTED.iter().map(|(f, _)| *f).collect();
    assert!(files.len() >= 20);
    // Every file of the corpus is in the table.
    let mut on_disk: Vec<String> =
        std::fs::read_dir(corpus()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    on_disk.sort();
    let mut listed: Vec<String> = files.iter().map(|f| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);

    let env = with_stories(&files);
    let (code, json) = check(&env, &["stories"]);
    assert_eq!(code, 1, "errors remain");
    let found = by_path(&json);
    for (file, expected) in EXPECTED {
        let path = format!("stories/{file}");
        let got = found.get(&path).cloned().unwrap_or_default();
        let want: Vec<_> = expected.iter().map(|(c, s, l, col)| (c.to_string(), s.to_string(), *l, *col)).collect();
        assert_eq!(got, want, "{path}");
    }
    // The template's example story is not checked against STAR (it is not counted).
    assert_eq!(json["stories"], files.len());
    assert_eq!(json["errors"], 18);
    assert_eq!(json["warnings"], 13);
}

#[test]
fn hints_name_the_passage_and_the_numbers() {
    let env = with_stories(&["we-heavy.md", "no-metric.md", "very-long.md", "too-short.md", "situation-heavy.md"]);
    let (_, json) = check(&env, &[]);
    assert_eq!(
        hint(&json, "stories/we-heavy.md", "star/we-not-i"),
        "rework \"Then we moved the jobs that could be retried safely onto spot capacity, and we kept the few that wr…\" to say what you did yourself: \"I proposed…\", \"I wrote…\", \"I convinced…\""
    );
    assert_eq!(
        hint(&json, "stories/no-metric.md", "star/no-metric"),
        "your `impact` line has the figure (\"close from 3 days to 9 hours\"): say it in the Result as well"
    );
    assert_eq!(
        hint(&json, "stories/very-long.md", "star/too-long"),
        "cut about 117 words to 420 at most; the Action is the longest part (344 words): start there"
    );
    assert_eq!(
        hint(&json, "stories/too-short.md", "star/too-short"),
        "add about 206 words: a 2-minute answer is about 280 words; say more about what you did and what came of it"
    );
    let finding = json["findings"].as_array().unwrap().iter().find(|d| d["code"] == "star/action-not-largest").unwrap();
    assert_eq!(finding["message"], "the Situation (183 words) is longer than the Action (69 words)");
    // A Result with digits that measure nothing says why they did not count.
    let env = with_stories(&["quarter-only.md"]);
    let (_, json) = check(&env, &[]);
    assert!(
        hint(&json, "stories/quarter-only.md", "star/no-metric")
            .starts_with("a year, a quarter or a version is not a measure; add the number: "),
        "{json:#}"
    );
    let finding = json["findings"].as_array().unwrap().iter().find(|d| d["code"] == "star/no-metric").unwrap();
    assert_eq!(finding["message"], "the Result has no measurable figure");
    let env = with_stories(&["situation-heavy.md"]);
    let (_, json) = check(&env, &[]);
    let finding = json["findings"].as_array().unwrap().iter().find(|d| d["code"] == "star/action-not-largest").unwrap();
    assert_eq!(finding["message"], "the Situation (183 words) is longer than the Action (69 words)");
}

#[test]
fn missing_parts_are_reported_in_star_order() {
    let env = with_stories(&["missing-sections.md"]);
    let (_, json) = check(&env, &[]);
    let messages: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "star/missing-section")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    // Both at the start of the body: Task before Result, not alphabetical.
    assert_eq!(messages, vec!["no Task section", "no Result section"]);
    let text = env.run(&["check"]).stdout;
    let task = text.find("no Task section").unwrap();
    assert!(task < text.find("no Result section").unwrap(), "{text}");
}

#[test]
fn text_output_and_exit_codes() {
    let env = with_stories(&["strong-ledger-close.md", "we-heavy.md", "stale.md"]);
    let clean = env.run(&["check", "stories/strong-ledger-close.md"]);
    assert_eq!(clean.code, 0, "{clean:?}");
    assert_eq!(clean.stdout, "No problems in 1 note.\n");
    // Warnings alone do not fail the run.
    let warned = env.run(&["check", "stories/stale.md"]);
    assert_eq!(warned.code, 0, "{warned:?}");
    assert!(warned.stdout.starts_with("stories/stale.md:6:13: warning: happened 2021-03, more than 3 years before 2026-11-25 [star/stale]\n  hint: "), "{}", warned.stdout);
    assert!(
        warned.stdout.ends_with("0 errors, 1 warning in 1 note (1 story checked against STAR).\n"),
        "{}",
        warned.stdout
    );
    let failed = env.run(&["check"]);
    assert_eq!(failed.code, 1);
    assert!(
        failed.stdout.contains(
            "stories/we-heavy.md:23:67: error: the Action says \"we\" 8 times and \"I\" 1 time [star/we-not-i]\n"
        ),
        "{}",
        failed.stdout
    );
    // From a subfolder, paths are taken relative to it.
    let sub = env.cmd().current_dir(env.root.join("stories")).args(["check", "we-heavy.md"]).output().unwrap();
    assert_eq!(sub.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&sub.stdout).starts_with("stories/we-heavy.md:23:67"));
    // A path that is not there is a usage error.
    let bad = env.run(&["check", "stories/nope.md"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no such file or folder"), "{}", bad.stderr);
}

#[test]
fn thresholds_come_from_the_profile() {
    let env = with_stories(&["strong-ledger-close.md", "stale.md", "too-short.md"]);
    let profile = env.read("systemcraft.yaml");
    env.write(
        "systemcraft.yaml",
        &format!(
            "{profile}\nstar:\n  words_per_minute: 100\n  min_minutes: 0.5\n  max_minutes: 3\n  recency_years: 6\n"
        ),
    );
    let (_, json) = check(&env, &["stories"]);
    let found = by_path(&json);
    // 301 words at 100 words/min is just over 3 minutes.
    assert_eq!(
        found["stories/strong-ledger-close.md"],
        vec![("star/too-long".to_string(), "warning".to_string(), 22, 1)]
    );
    // Six years back, 2021 is recent enough; the same body is too long for it as well.
    assert_eq!(found["stories/stale.md"], vec![("star/too-long".to_string(), "warning".to_string(), 21, 1)]);
    assert_eq!(found["stories/too-short.md"], vec![("star/scope".to_string(), "warning".to_string(), 9, 1)]);
    assert_eq!(
        hint(&json, "stories/strong-ledger-close.md", "star/too-long"),
        "cut about 1 word to 300 at most; the Action is the longest part (171 words): start there"
    );
}

#[test]
fn silencing_is_per_story_and_shows_in_the_dashboard() {
    let env = with_stories(&["very-long.md", "silenced-long.md"]);
    let (_, json) = check(&env, &[]);
    let found = by_path(&json);
    assert!(found.contains_key("stories/very-long.md"));
    assert!(!found.contains_key("stories/silenced-long.md"));
    // The silenced check is left out of the story's checks, so it passes 6 of 6.
    let model = env.json();
    let silenced = crate::testenv::story(&model, "silenced-long");
    assert_eq!(silenced["findings"].as_array().unwrap().len(), 6);
    assert_eq!(silenced["quality"], 1.0);
    let loud = crate::testenv::story(&model, "very-long");
    assert_eq!(loud["findings"].as_array().unwrap().len(), 7);
}

#[test]
fn coverage_in_the_dashboard_and_the_next_actions() {
    let env = with_stories(&["strong-ledger-close.md", "strong-bold-labels.md"]);
    env.write(
        "stories/everything-at-once.md",
        "---\ntitle: The reorg that touched everything\nscenario: people-leadership\nprinciples: [customer-obsession, ownership, think-big, frugality, dive-deep]\nstatus: draft\nhappened: 2026-01\n---\n## Situation\nA reorg.\n",
    );
    let dashboard = env.run_ok(&["build", "--stdout"]).stdout;
    for line in [
        "**No story yet:** Invent and Simplify · Are Right, A Lot · Learn and Be Curious · Insist on the Highest Standards · Bias for Action · Earn Trust · Have Backbone; Disagree and Commit · Success and Scale Bring Broad Responsibility. Start one with `systemcraft new story \"…\" --lp invent-and-simplify`.\n",
        "**Only one story:** Customer Obsession · Ownership · Hire and Develop the Best · Think Big · Frugality · Deliver Results · Strive to be Earth's Best Employer. Start one with `systemcraft new story \"…\" --lp customer-obsession`.\n",
        "| Principle | 1 | 2 | 3 |\n| --- | :-: | :-: | :-: |\n| Customer Obsession | ○ |  |  |\n",
        "| Dive Deep | ○ |  | ● |\n",
        "1. [The reorg that touched everything](stories/everything-at-once.md) (5 principles)\n",
        "> **Note:** [The reorg that touched everything](stories/everything-at-once.md) is tagged with 5 principles",
        "| Scenario | Draft | Refined | Ready |\n",
        "| People leadership | [everything-at-once](stories/everything-at-once.md) | — | [strong-bold-labels](stories/strong-bold-labels.md) |\n",
    ] {
        assert!(dashboard.contains(line), "missing {line:?} in:\n{dashboard}");
    }
    let json = env.json();
    assert_eq!(json["portfolio"]["overloaded"], serde_json::json!(["everything-at-once"]));
    let lp_action = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Back "))
        .expect("an action for a thin principle");
    assert_eq!(lp_action["target"], "systemcraft new story \"Invent and Simplify\" --lp invent-and-simplify");
    // The second thinnest principle's action did not make the list (8 at most), so
    // the first names it.
    let back = |json: &serde_json::Value| -> Vec<(String, String)> {
        json["actions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["title"].as_str().unwrap().starts_with("Back "))
            .map(|a| (a["title"].as_str().unwrap().to_string(), a["detail"].as_str().unwrap().to_string()))
            .collect()
    };
    let first = back(&json);
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(
        first[0].1.contains("also with one story or none: Are Right, A Lot · Learn and Be Curious · "),
        "{first:?}"
    );
    // With room for both (a log today, and design and coding weighed 0), the second has
    // its own action and the first does not name it again.
    let profile = env.read("systemcraft.yaml");
    env.write("systemcraft.yaml", &format!("{profile}\nweights:\n  readiness:\n    design: 0\n    coding: 0\n"));
    env.write("logs/2026-11-25.md", "---\ndate: 2026-11-25\n---\n");
    let both = back(&env.json());
    assert_eq!(both.len(), 2, "{both:?}");
    assert_eq!(
        both[1],
        (
            "Back Are Right, A Lot with a story".to_string(),
            "0 stories name it, 0 refined or ready; 2 are the target".to_string()
        )
    );
    // A long list names three and counts the rest.
    assert!(
        both[0].1.ends_with(
            "; also with one story or none: Learn and Be Curious · Insist on the Highest Standards · Bias for Action and 10 more"
        ),
        "{both:?}"
    );
}
