//! Property tests of the note parser (the bounded fuzzing that runs with `cargo
//! test`; `fuzz/` has the open-ended cargo-fuzz target): arbitrary bytes and
//! structured near-valid notes of every kind go through `note::parse`, the profile
//! parser, the front-matter editor and then the whole model and dashboard, and
//! nothing panics. Diagnostics always name the note and point inside the file.
//!
//! The seed is fixed so that CI runs the same cases every time; set `PROPTEST_CASES`
//! to run more, and `PROPTEST_RNG_SEED` to explore others.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use systemcraft::config::Config as Profile;
use systemcraft::index::Index;
use systemcraft::note::{self, Kind};

const KINDS: [(Kind, &str); 6] = [
    (Kind::Story, "stories/s.md"),
    (Kind::Log, "logs/2026-11-20.md"),
    (Kind::Design, "designs/d.md"),
    (Kind::Mock, "mocks/2026-11-20-m.md"),
    (Kind::Plan, "plans/p.md"),
    (Kind::Assessment, "assessment.md"),
];

/// The runner's settings: a fixed seed unless `PROPTEST_RNG_SEED` says otherwise,
/// `cases` cases unless `PROPTEST_CASES` does, no regression files.
fn config(cases: u32) -> Config {
    let env = Config::default();
    let seed = std::env::var("PROPTEST_RNG_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5c_2026);
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(cases);
    Config { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..env }
}

/// Parses `bytes` as every kind and checks the diagnostics' invariants.
fn parse_all_kinds(bytes: &[u8]) {
    let lines = bytes.iter().filter(|b| **b == b'\n' || **b == b'\r').count() + 1;
    for (kind, rel) in KINDS {
        let note = note::parse(rel, kind, bytes);
        assert_eq!(note.kind, kind);
        for d in &note.diagnostics {
            assert_eq!(d.path, rel, "{d:?}");
            assert!(d.line <= lines + 1, "line {} past the end ({lines} lines): {d:?}", d.line);
        }
    }
}

/// Scores and renders a workspace of these notes: the model and the dashboard take
/// whatever the parser produced.
fn model_of(files: Vec<(String, Kind, Vec<u8>)>) {
    let today = jiff::civil::Date::constant(2026, 11, 25);
    let index = Index::from_files(files);
    let config = Profile::defaults(".".into(), today);
    let model = systemcraft::score::compute(&config, &index, Vec::new());
    let markdown = systemcraft::render::dashboard::render(&model);
    assert!(markdown.starts_with('#'));
    let json = systemcraft::render::json::render(&model);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
}

/// Values that break things: wrong types, odd numbers and dates, YAML features.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("".to_string()),
        Just("~".to_string()),
        Just("true".to_string()),
        Just("-1".to_string()),
        Just("0".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("1e308".to_string()),
        Just(".nan".to_string()),
        Just("-.inf".to_string()),
        Just("2026-02-30".to_string()),
        Just("2026-11-20".to_string()),
        Just("2025-03".to_string()),
        Just("9999-99-99".to_string()),
        Just("[a, b, [c]]".to_string()),
        Just("{a: 1, b: [2]}".to_string()),
        Just("&x [1, 2]".to_string()),
        Just("*x".to_string()),
        Just("!!binary aGk=".to_string()),
        Just("\"quoted: value\"".to_string()),
        Just("'single'".to_string()),
        Just("|\n  block\n  text".to_string()),
        Just("\n  - problem: p\n    difficulty: medium\n    minutes: 30\n    solved: true".to_string()),
        Just("\n  minutes: 20\n  topic: cache\n  stories: [s]".to_string()),
        Just("\n\t- tab".to_string()),
        Just("[[story]]".to_string()),
        Just("innovation".to_string()),
        Just("Dive Deep".to_string()),
        Just("ready".to_string()),
        Just("full-loop".to_string()),
        Just("quick-reference".to_string()),
        "[a-zA-Z0-9 ,:#\\[\\]{}&*!|>'\"%@`-]{0,20}",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "scenario",
            "principles",
            "status",
            "happened",
            "created",
            "impact",
            "date",
            "coding",
            "design",
            "behavioral",
            "rehearsals",
            "kind",
            "partner",
            "ratings",
            "stories",
            "scale",
            "level",
            "path",
            "start",
            "form",
            "answers",
            "example",
            "? [complex]",
            "1",
            "<<",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,8}",
    ]
}

/// Markdown fragments: STAR headings, task lists, links, nesting.
fn body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Situation".to_string()),
        Just("## Task".to_string()),
        Just("**Action:** I led it".to_string()),
        Just("## Result".to_string()),
        Just("### Week 3".to_string()),
        Just("## Week 99999999999999999999".to_string()),
        Just("- [ ] task".to_string()),
        Just("- [x] done".to_string()),
        Just("    - [X] nested".to_string()),
        Just("[[s]] and [[missing|alias]] and [[".to_string()),
        Just("> > > quote".to_string()),
        Just("```".to_string()),
        Just("| a | b |\n|---|---|".to_string()),
        Just("I cut p99 latency by 40% for 10M users, saving $2M".to_string()),
        Just("---".to_string()),
        Just("...".to_string()),
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ]
}

/// A near-valid note: an optional BOM, front matter of tricky fields (sometimes
/// unterminated or closed with `...`), a Markdown body, LF or CRLF.
fn near_valid_note() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        prop::collection::vec((key(), value()), 0..12),
        prop::sample::select(vec!["---", "...", "", "--- "]),
        prop::collection::vec(body_line(), 0..12),
        any::<bool>(),
    )
        .prop_map(|(bom, fields, close, body, crlf)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s.push_str("---\n");
            for (k, v) in fields {
                s.push_str(&format!("{k}: {v}\n"));
            }
            if !close.is_empty() {
                s.push_str(close);
                s.push('\n');
            }
            for line in body {
                s.push_str(&line);
                s.push('\n');
            }
            if crlf {
                s = s.replace('\n', "\r\n");
            }
            s.into_bytes()
        })
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        parse_all_kinds(&bytes);
    }

    #[test]
    fn bytes_after_a_delimiter_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        let mut note = b"---\n".to_vec();
        note.extend(bytes);
        parse_all_kinds(&note);
    }

    #[test]
    fn near_valid_notes_never_panic(note in near_valid_note()) {
        parse_all_kinds(&note);
    }

    #[test]
    fn the_model_takes_whatever_the_parser_gives(notes in prop::collection::vec(near_valid_note(), 1..8)) {
        let files = notes
            .into_iter()
            .enumerate()
            .map(|(i, bytes)| {
                let (kind, rel) = KINDS[i % KINDS.len()];
                let rel = if kind == Kind::Assessment { rel.to_string() } else { rel.replace('.', &format!("{i}.")) };
                (rel, kind, bytes)
            })
            .collect();
        model_of(files);
    }

    #[test]
    fn profiles_never_panic(fields in prop::collection::vec((key(), value()), 0..12)) {
        let text: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        let _ = systemcraft::note::front_matter::parse_document(&text);
        let mut config = Profile::defaults(".".into(), jiff::civil::Date::constant(2026, 11, 25));
        let mut diags = Vec::new();
        let _ = config.apply(&text, &mut diags);
    }

    #[test]
    fn the_editor_never_panics(
        fields in prop::collection::vec((key(), value()), 0..8),
        k in "[a-z_]{1,8}",
        v in "[a-zA-Z0-9 ]{0,12}",
    ) {
        let text: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        let mut editor = systemcraft::note::front_matter::Editor::document(&text);
        if editor.set(&k, &systemcraft::note::front_matter::edit::scalar(&v)).is_ok() {
            let _ = editor.finish();
        }
    }

    #[test]
    fn slugs_always_stay_in_their_folder(title in any::<String>()) {
        let slug = systemcraft::fs::slugify(&title);
        prop_assert!(!slug.is_empty() && slug.len() <= systemcraft::fs::MAX_SLUG);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", slug);
        let rel = format!("stories/{slug}.md");
        prop_assert!(std::path::Path::new(&rel).components().count() == 2);
    }
}
