//! Precision and recall of every STAR check on the story corpus in
//! `tests/fixtures/star-corpus/`: stories written for this project in every format
//! `check` reads, strong and weak, with the findings a careful reader expects for
//! each in one data file, `expected.yaml`. A check below 0.9 on either fails the test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::testenv::Env;

/// The STAR codes, without `star/`, in the order `check` runs them.
const CODES: [&str; 9] = [
    "missing-section",
    "no-metric",
    "we-not-i",
    "too-short",
    "too-long",
    "action-not-largest",
    "no-learning",
    "stale",
    "scope",
];

/// The bar every check must clear, on precision and on recall.
const BAR: f64 = 0.9;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/star-corpus")
}

/// The expected codes per story file, from `expected.yaml`.
fn expected() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(corpus().join("expected.yaml")).unwrap();
    let map: BTreeMap<String, Vec<String>> = serde_yaml::from_str(&text).unwrap();
    map.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect()
}

/// A workspace with every story of the corpus, and `check --format json` on it.
fn checked() -> (Env, serde_json::Value) {
    let env = Env::init();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            env.write_bytes(&format!("stories/{name}"), &std::fs::read(&path).unwrap());
        }
    }
    let r = env.run(&["check", "stories", "--format", "json"]);
    let json = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:?}"));
    (env, json)
}

/// The STAR codes `check` found per story file; any other finding fails the test (the
/// corpus is meant to be free of schema problems).
fn found(json: &serde_json::Value) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in json["findings"].as_array().unwrap() {
        let path = d["path"].as_str().unwrap();
        let code = d["code"].as_str().unwrap();
        let code = code.strip_prefix("star/").unwrap_or_else(|| panic!("{path}: not a STAR finding: {d}"));
        out.entry(path.trim_start_matches("stories/").to_string()).or_default().insert(code.to_string());
    }
    out
}

#[test]
fn every_check_agrees_with_the_careful_reader() {
    let expected = expected();
    assert!(expected.len() >= 40, "the corpus has {} stories", expected.len());
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, expected.keys().cloned().collect::<Vec<_>>(), "every story has its line in expected.yaml");
    for codes in expected.values() {
        for c in codes {
            assert!(CODES.contains(&c.as_str()), "unknown code {c} in expected.yaml");
        }
    }

    let (_env, json) = checked();
    assert_eq!(json["stories"], expected.len());
    let found = found(&json);
    let none = BTreeSet::new();
    let mut table = String::from("code                 expected  found  TP  precision  recall\n");
    let mut below = Vec::new();
    let mut disagreements = Vec::new();
    for code in CODES {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (story, want) in &expected {
            let got = found.get(story).unwrap_or(&none);
            match (want.contains(code), got.contains(code)) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    disagreements.push(format!("{story}: {code} found, not expected"));
                }
                (true, false) => {
                    fn_ += 1;
                    disagreements.push(format!("{story}: {code} expected, not found"));
                }
                (false, false) => {}
            }
        }
        // Every code has stories that should get it, so recall is measured for all.
        assert!(tp + fn_ > 0, "no story of the corpus expects {code}");
        let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
        let recall = tp as f64 / (tp + fn_) as f64;
        table.push_str(&format!("{code:<20} {:>8} {:>6} {tp:>3} {precision:>10.2} {recall:>7.2}\n", tp + fn_, tp + fp));
        if precision < BAR || recall < BAR {
            below.push(code);
        }
    }
    assert!(below.is_empty(), "below {BAR}: {below:?}\n{table}\n{}", disagreements.join("\n"));
}

#[test]
fn hints_quote_the_passage() {
    let (_env, json) = checked();
    let finding = |story: &str, code: &str| -> (String, String) {
        let d = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == format!("stories/{story}") && d["code"] == format!("star/{code}"))
            .unwrap_or_else(|| panic!("no {code} for {story}"));
        (d["message"].as_str().unwrap().to_string(), d["hint"].as_str().unwrap().to_string())
    };
    // we-not-i: the sentence with the most team actions, never one that says "I",
    // without the blockquote's markers.
    let (message, hint) = finding("blockquote-bold-we-heavy.md", "we-not-i");
    assert_eq!(message, "the Action says \"we\" 10 times and \"I\" 0 times");
    assert!(
        hint.starts_with(
            "rework \"We split the work into points, rewards and checkout and we agreed on the data model"
        ),
        "{hint}"
    );
    // no-metric: the Action's outcome figures, to move; the restated ones, named.
    let (_, hint) = finding("figures-in-action-not-result.md", "no-metric");
    assert!(hint.starts_with("the Action has the figures (\"80%\", \"14\"): move"), "{hint}");
    let (_, hint) = finding("restated-figures-no-metric.md", "no-metric");
    assert!(hint.starts_with("\"30 days\", \"12 agents\" only restate the Task or the Situation"), "{hint}");
    // A story without parts: one finding naming the formats understood.
    let (message, hint) = finding("no-structure-narrative.md", "missing-section");
    assert_eq!(message, "no Situation, Task, Action or Result found");
    for format in ["`## Situation`", "`- **Situation**: …`", "`Situation: …`", "a table", "`situation:`"] {
        assert!(hint.contains(format), "{format} in {hint}");
    }
    let missing =
        json["findings"].as_array().unwrap().iter().filter(|d| d["path"] == "stories/no-structure-narrative.md");
    assert_eq!(missing.count(), 1);
    // The longer part, by its name and size.
    let (message, _) = finding("situation-heavy-warehouse.md", "action-not-largest");
    assert_eq!(message, "the Situation (133 words) is longer than the Action (33 words)");
}

#[test]
fn scope_quotes_its_evidence() {
    let (env, _) = checked();
    let profile = env.read("systemcraft.yaml").replace("target_level: \"L6\"", "target_level: \"L7\"");
    env.write("systemcraft.yaml", &profile);
    let r = env.run(&["check", "stories/users-scope-notifications.md", "stories/feedback-peer-scope-ok.md"]);
    // 200,000 users is L6 evidence, short of L7; three teams is L7.
    assert!(
        r.stdout.contains("warning: the largest scope shown is \"200,000 users\", short of L7 (several teams, an organisation or a platform) [star/scope]"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.lines().any(|l| l.starts_with("stories/feedback-peer-scope-ok.md") && l.ends_with("[star/scope]")),
        "{}",
        r.stdout
    );
}
