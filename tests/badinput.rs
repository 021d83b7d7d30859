//! The bad-input corpus: hostile and broken files a workspace can hold — YAML bombs,
//! huge and deeply nested notes, binary files, odd encodings and line ends, every
//! wrong type, symlink loops and escapes, unreadable files, names that are not UTF-8
//! or that collide by case. Large inputs are generated here, not committed.
//!
//! Every case runs `build --json` and `build` under [`Env::run_bounded`] (a memory
//! limit, a hang-detecting kill, no panic, exit status 0 or 1) and checks what it
//! promises: a diagnostic naming the file (with its code, and line where it matters),
//! the valid notes beside it still counted, and DASHBOARD.md written with the problem
//! listed. A file deleted during the scan is covered in `src/index.rs`'s unit tests.

use serde_json::Value;

use crate::testenv::{Env, COMPANION_STORY as COMPANION};

/// A story front matter with a valid body, for cases that break only the body.
const STORY_HEAD: &str = "---\ntitle: Body case\nscenario: innovation\nprinciples: [dive-deep]\nstatus: draft\n---\n";

/// What a case must produce.
#[derive(Default)]
struct Expect {
    /// Diagnostics that must be present: (path, code, line or 0 for any).
    diags: Vec<(String, &'static str, u64)>,
    /// Story ids that must be counted in the portfolio (beyond the companion).
    counted: Vec<&'static str>,
    /// Story ids that must not be counted (a link's target outside the workspace).
    not_counted: Vec<&'static str>,
}

impl Expect {
    fn diag(path: impl Into<String>, code: &'static str) -> Expect {
        Expect { diags: vec![(path.into(), code, 0)], ..Expect::default() }
    }

    fn at(path: impl Into<String>, code: &'static str, line: u64) -> Expect {
        Expect { diags: vec![(path.into(), code, line)], ..Expect::default() }
    }

    fn counted(id: &'static str) -> Expect {
        Expect { counted: vec![id], ..Expect::default() }
    }

    fn and(mut self, path: impl Into<String>, code: &'static str) -> Expect {
        self.diags.push((path.into(), code, 0));
        self
    }

    fn also_counted(mut self, id: &'static str) -> Expect {
        self.counted.push(id);
        self
    }

    fn not_counted(mut self, id: &'static str) -> Expect {
        self.not_counted.push(id);
        self
    }
}

/// Runs one case: a fresh workspace with the companion, `setup`, then the checks.
fn case(setup: impl FnOnce(&Env) -> Expect) {
    let env = Env::init();
    env.write("stories/companion.md", COMPANION);
    let expect = setup(&env);
    check(&env, &expect, false);
}

/// [`case`] with the child processes unable to read files their mode forbids.
fn case_unprivileged(setup: impl FnOnce(&Env) -> Expect) {
    let env = Env::init();
    env.write("stories/companion.md", COMPANION);
    let expect = setup(&env);
    check(&env, &expect, true);
}

fn check(env: &Env, expect: &Expect, unprivileged: bool) {
    let r = env.run_bounded(&["build", "--json"], unprivileged);
    assert!(r.code == 0 || r.code == 1, "build --json exited {}:\n{}", r.code, r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).expect("build --json prints JSON");
    let diags = json["diagnostics"].as_array().unwrap();
    for (path, code, line) in &expect.diags {
        let found = diags.iter().any(|d| {
            d["path"] == path.as_str() && d["code"] == *code && (*line == 0 || d["line"].as_u64() == Some(*line))
        });
        let shown: Vec<String> = diags
            .iter()
            .map(|d| format!("{}:{} {}", d["path"].as_str().unwrap(), d["line"], d["code"].as_str().unwrap()))
            .map(|s| s.chars().take(200).collect())
            .collect();
        assert!(found, "no {code} (line {line}) on {path}; diagnostics: {shown:#?}");
    }
    let stories: Vec<&str> =
        json["portfolio"]["stories"].as_array().unwrap().iter().filter_map(|s| s["id"].as_str()).collect();
    for id in expect.counted.iter().chain(std::iter::once(&"companion")) {
        assert!(stories.contains(id), "story {id} is not counted; stories: {stories:?}");
    }
    for id in &expect.not_counted {
        assert!(!stories.contains(id), "story {id} is counted but must not be read");
    }

    // The plain build writes the dashboard, lists the problem, and names the file on
    // standard error.
    let _ = std::fs::remove_file(env.root.join("DASHBOARD.md"));
    let r = env.run_bounded(&["build"], unprivileged);
    assert!(r.code == 0 || r.code == 1, "build exited {}:\n{}", r.code, r.stderr);
    let dashboard = std::fs::read_to_string(env.root.join("DASHBOARD.md")).expect("DASHBOARD.md written");
    assert!(dashboard.contains("companion"), "the companion story is missing from the dashboard");
    for (path, code, _) in &expect.diags {
        assert!(r.stderr.contains(path.as_str()), "stderr does not name {path}:\n{}", r.stderr);
        assert!(r.stderr.contains(&format!("[{code}]")), "stderr does not show {code}:\n{}", r.stderr);
        assert!(dashboard.contains("## Problems"), "no Problems section in the dashboard");
    }
}

/// Deterministic bytes (xorshift64*), for binary files.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

/// A story whose front matter is `fields` (after a valid title and status).
fn story_with(fields: &str) -> String {
    format!("---\ntitle: Typed\nstatus: draft\n{fields}\n---\n## Situation\nx\n")
}

/// A log for 2026-11-20 whose front matter is `fields` after the date.
fn log_with(fields: &str) -> String {
    format!("---\ndate: 2026-11-20\n{fields}\n---\n")
}

// --- YAML bombs and depth ---------------------------------------------------------

#[test]
fn alias_bomb_of_lists() {
    case(|env| {
        let mut y = String::from("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for i in 1..10 {
            let p = i - 1;
            y += &format!("a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n");
        }
        env.write("stories/bomb.md", &format!("---\n{y}title: *a9\nstatus: draft\n---\n"));
        Expect::diag("stories/bomb.md", "yaml/syntax")
    });
}

#[test]
fn alias_bomb_of_mappings() {
    case(|env| {
        let mut y = String::from("m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n");
        for i in 1..12 {
            let p = i - 1;
            y += &format!("m{i}: &m{i} {{a: *m{p}, b: *m{p}, c: *m{p}, d: *m{p}, e: *m{p}, f: *m{p}, g: *m{p}}}\n");
        }
        env.write("logs/2026-11-20.md", &format!("---\ndate: 2026-11-20\n{y}design: *m11\n---\n"));
        Expect::diag("logs/2026-11-20.md", "yaml/syntax")
    });
}

#[test]
fn deeply_nested_block_yaml() {
    case(|env| {
        let nested: String = (1..3000).map(|i| format!("{}k:\n", "  ".repeat(i))).collect();
        env.write("stories/deep.md", &format!("---\ntitle: Deep\nstatus: draft\nx:\n{nested}---\n"));
        Expect::diag("stories/deep.md", "yaml/syntax")
    });
}

#[test]
fn deeply_nested_flow_sequences() {
    case(|env| {
        env.write(
            "stories/flow.md",
            &format!("---\ntitle: {}{}\nstatus: draft\n---\n", "[".repeat(50_000), "]".repeat(50_000)),
        );
        Expect::at("stories/flow.md", "yaml/too-deep", 2)
    });
}

#[test]
fn deeply_nested_flow_mappings() {
    case(|env| {
        env.write("designs/flow.md", &format!("---\ntitle: {}1{}\n---\n", "{a: ".repeat(20_000), "}".repeat(20_000)));
        Expect::at("designs/flow.md", "yaml/too-deep", 2)
    });
}

#[test]
fn deeply_nested_markdown() {
    case(|env| {
        let body = format!(
            "{}\n{}",
            ">".repeat(100_000),
            (0..1000).map(|i| format!("{}- a\n", "  ".repeat(i))).collect::<String>()
        );
        env.write("stories/quotes.md", &format!("{STORY_HEAD}{body}"));
        Expect::counted("quotes")
    });
}

// --- Size -------------------------------------------------------------------------

#[test]
fn fifty_megabyte_note() {
    case(|env| {
        let line = "I cut p99 latency by 40% for 10M users by sharding the cart cache and leading the rollout.\n";
        let mut text = String::from(STORY_HEAD);
        while text.len() < 50 * 1024 * 1024 {
            text.push_str(line);
        }
        env.write("stories/huge.md", &text);
        Expect::diag("stories/huge.md", "file/too-large")
    });
}

#[test]
fn hundred_thousand_line_note() {
    case(|env| {
        let body: String = (0..100_000).map(|i| format!("Line {i}: I measured the queue depth again.\n")).collect();
        env.write("stories/long.md", &format!("{STORY_HEAD}## Situation\n{body}"));
        Expect::counted("long")
    });
}

#[test]
fn one_line_of_a_megabyte() {
    case(|env| {
        env.write("stories/wide.md", &format!("{STORY_HEAD}## Situation\n{}\n", "word ".repeat(200_000)));
        Expect::counted("wide")
    });
}

#[test]
fn a_hundred_thousand_keys() {
    case(|env| {
        let keys: String = (0..100_000).map(|i| format!("custom_{i}: {i}\n")).collect();
        env.write("stories/keys.md", &format!("---\ntitle: Keys\nscenario: innovation\nstatus: draft\n{keys}---\n"));
        Expect::counted("keys")
    });
}

#[test]
fn a_huge_wiki_link() {
    case(|env| {
        env.write(
            "mocks/2026-11-20-link.md",
            &format!("---\ndate: 2026-11-20\nkind: behavioral\n---\n[[{}]]\n", "a".repeat(100_000)),
        );
        let expect = Expect::diag("mocks/2026-11-20-link.md", "link/unknown-story");
        // The message shows the name shortened.
        let json = env.json();
        let d = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "link/unknown-story").unwrap();
        assert!(d["message"].as_str().unwrap().len() < 200, "{}", d["message"]);
        expect
    });
}

#[test]
fn a_hundred_thousand_open_brackets() {
    case(|env| {
        env.write(
            "stories/brackets.md",
            &format!("{STORY_HEAD}{}\n{}\n{}\n", "[[".repeat(100_000), "*a".repeat(50_000), "`".repeat(50_000)),
        );
        Expect::counted("brackets")
    });
}

// --- Bytes and encodings ------------------------------------------------------------

#[test]
fn binary_file_named_md() {
    case(|env| {
        env.write_bytes("stories/binary.md", &noise(7, 64 * 1024));
        Expect::diag("stories/binary.md", "file/not-utf8")
    });
}

#[test]
fn png_named_md() {
    case(|env| {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(noise(11, 4096));
        env.write_bytes("designs/diagram.md", &png);
        Expect::diag("designs/diagram.md", "file/not-utf8")
    });
}

#[test]
fn nul_bytes_in_front_matter() {
    case(|env| {
        env.write_bytes("stories/nul.md", b"---\ntitle: a\0b\nstatus: draft\n---\n\0\0");
        Expect::at("stories/nul.md", "yaml/syntax", 2)
    });
}

#[test]
fn invalid_utf8_in_the_body() {
    case(|env| {
        let mut bytes = story_with("scenario: innovation").into_bytes();
        bytes.extend_from_slice(b"caf\xe9 \xff\xfe\n");
        env.write_bytes("stories/latin1.md", &bytes);
        Expect::at("stories/latin1.md", "file/not-utf8", 8).also_counted("latin1")
    });
}

#[test]
fn byte_order_mark_keeps_line_numbers() {
    case(|env| {
        env.write(
            "stories/bom.md",
            "\u{feff}---\ntitle: BOM\nscenario: innovaton\nstatus: draft\n---\n## Situation\nx\n",
        );
        Expect::at("stories/bom.md", "schema/unknown-scenario", 3).also_counted("bom")
    });
}

#[test]
fn crlf_line_ends_keep_line_numbers() {
    case(|env| {
        env.write(
            "stories/crlf.md",
            "---\r\ntitle: CRLF\r\nscenario: innovation\r\nstatus: readyish\r\n---\r\n## Situation\r\nx\r\n",
        );
        Expect::at("stories/crlf.md", "schema/unknown-status", 4).also_counted("crlf")
    });
}

#[test]
fn bare_cr_line_ends() {
    case(|env| {
        env.write("stories/cr.md", "---\rtitle: CR\rstatus: draft\r---\r");
        Expect::diag("stories/cr.md", "front-matter/missing")
    });
}

#[test]
fn tabs_in_indentation() {
    case(|env| {
        env.write("logs/2026-11-20.md", "---\ndate: 2026-11-20\ndesign:\n\tminutes: 30\n---\n");
        Expect::at("logs/2026-11-20.md", "yaml/tab", 4)
    });
}

#[test]
fn zero_width_and_right_to_left_text() {
    case(|env| {
        env.write("stories/rtl.md", "---\ntitle: \"\u{202e}txet\u{200b} \u{1F680}\"\nscenario: innovation\nstatus: draft\n---\n## Situation\n\u{200d}x\n");
        Expect::counted("rtl")
    });
}

// --- Front matter structure -------------------------------------------------------------

#[test]
fn duplicate_keys() {
    case(|env| {
        env.write("stories/dup.md", "---\ntitle: A\ntitle: B\nstatus: draft\n---\n");
        Expect::diag("stories/dup.md", "yaml/syntax")
    });
}

#[test]
fn unterminated_front_matter() {
    case(|env| {
        env.write("stories/open.md", "---\ntitle: Open\nstatus: draft\n## Situation\nx\n");
        Expect::at("stories/open.md", "front-matter/unterminated", 1)
    });
}

#[test]
fn only_an_opening_delimiter() {
    case(|env| {
        env.write("stories/dash.md", "---");
        Expect::diag("stories/dash.md", "front-matter/unterminated")
    });
}

#[test]
fn empty_file() {
    case(|env| {
        env.write("stories/empty.md", "");
        Expect::at("stories/empty.md", "front-matter/missing", 1)
    });
}

#[test]
fn empty_front_matter() {
    case(|env| {
        env.write("stories/blank.md", "---\n---\n");
        Expect::diag("stories/blank.md", "schema/missing-field")
    });
}

#[test]
fn front_matter_that_is_a_list() {
    case(|env| {
        env.write("stories/list.md", "---\n- title\n- status\n---\n");
        Expect::diag("stories/list.md", "yaml/not-a-mapping")
    });
}

#[test]
fn front_matter_that_is_a_scalar() {
    case(|env| {
        env.write("designs/scalar.md", "---\njust some words\n---\n");
        Expect::diag("designs/scalar.md", "yaml/not-a-mapping")
    });
}

#[test]
fn non_string_keys_and_tags() {
    case(|env| {
        env.write(
            "logs/2026-11-20.md",
            "---\n? [a, b]\n: c\n1: x\nnull: y\ndate: !!binary aGVsbG8=\ncoding: !custom {x: 1}\n---\n",
        );
        Expect::diag("logs/2026-11-20.md", "schema/bad-date").and("logs/2026-11-20.md", "schema/type")
    });
}

// --- Every wrong type ---------------------------------------------------------------------

#[test]
fn story_title_as_a_list() {
    case(|env| {
        env.write(
            "stories/t.md",
            &story_with("scenario: innovation\nextra: 1").replace("title: Typed", "title: [a, b]"),
        );
        Expect::at("stories/t.md", "schema/type", 2)
    });
}

#[test]
fn story_scenario_as_a_mapping() {
    case(|env| {
        env.write("stories/t.md", &story_with("scenario: {a: b}"));
        Expect::at("stories/t.md", "schema/type", 4)
    });
}

#[test]
fn story_principles_as_a_number() {
    case(|env| {
        env.write("stories/t.md", &story_with("scenario: innovation\nprinciples: 42"));
        Expect::at("stories/t.md", "schema/type", 5)
    });
}

#[test]
fn story_status_as_a_boolean() {
    case(|env| {
        env.write("stories/t.md", "---\ntitle: T\nscenario: innovation\nstatus: true\n---\n");
        Expect::at("stories/t.md", "schema/unknown-status", 4)
    });
}

#[test]
fn story_dates_out_of_range() {
    case(|env| {
        env.write("stories/t.md", &story_with("scenario: innovation\nhappened: 2025-13\ncreated: 9999-99-99"));
        Expect::diag("stories/t.md", "schema/bad-date")
    });
}

#[test]
fn log_coding_as_a_mapping() {
    case(|env| {
        env.write("logs/2026-11-20.md", &log_with("coding: {problem: x}"));
        Expect::at("logs/2026-11-20.md", "schema/type", 3)
    });
}

#[test]
fn log_numbers_that_are_not_numbers() {
    case(|env| {
        env.write(
            "logs/2026-11-20.md",
            &log_with("coding:\n  - problem: x\n    difficulty: medium\n    minutes: thirty\n    solved: maybe"),
        );
        Expect::at("logs/2026-11-20.md", "schema/type", 6)
    });
}

#[test]
fn log_numbers_out_of_range() {
    case(|env| {
        env.write("logs/2026-11-20.md", &log_with("coding:\n  - problem: x\n    minutes: 1e308\n  - problem: y\n    minutes: .nan\n  - problem: z\n    minutes: -5\ndesign:\n  minutes: .inf"));
        Expect::diag("logs/2026-11-20.md", "schema/type")
    });
}

#[test]
fn integer_too_large_for_any_type() {
    case(|env| {
        env.write(
            "logs/2026-11-20.md",
            &log_with("rehearsals:\n  - story: companion\n    rating: 99999999999999999999999"),
        );
        Expect::diag("logs/2026-11-20.md", "yaml/syntax")
    });
}

#[test]
fn log_entries_of_the_wrong_shape() {
    case(|env| {
        env.write(
            "logs/2026-11-20.md",
            &log_with(
                "coding:\n  - 7\n  - [a]\nbehavioral:\n  stories: {a: b}\nrehearsals:\n  - story: [x]\n    seconds: -1",
            ),
        );
        Expect::diag("logs/2026-11-20.md", "schema/type")
    });
}

#[test]
fn mock_fields_of_the_wrong_type() {
    case(|env| {
        env.write(
            "mocks/2026-11-20-m.md",
            "---\ndate: 2026-11-20\nkind: [behavioral]\nratings: {a: 9e999, b: -1, c: x}\nstories: 5\n---\n",
        );
        Expect::at("mocks/2026-11-20-m.md", "schema/type", 3)
    });
}

#[test]
fn design_fields_of_the_wrong_type() {
    case(|env| {
        env.write("designs/d.md", "---\ntitle: 5\nstatus: complete\ndate: 2026-02-30\nscale: -10M\nlevel: L9\n---\n");
        Expect::at("designs/d.md", "schema/bad-date", 4).and("designs/d.md", "schema/type")
    });
}

#[test]
fn plan_fields_of_the_wrong_type() {
    case(|env| {
        let weeks = "## Week 99999999999999999999\n- [ ] x\n".to_string() + &"## Week 0\n- [x] y\n".repeat(1000);
        env.write("plans/p.md", &format!("---\npath: 7\nstart: 2026-13-01\n---\n{weeks}"));
        Expect::diag("plans/p.md", "schema/bad-date")
    });
}

#[test]
fn assessment_answers_of_the_wrong_type() {
    case(|env| {
        env.write("assessment.md", "---\nform: complete\nanswers:\n  coding-speed: 99999999999999999999\n  design-at-scale: -3\n  aws-depth: 2.5\n  ownership: [1]\n---\n");
        Expect::diag("assessment.md", "yaml/syntax")
    });
}

#[test]
fn profile_fields_of_the_wrong_type() {
    case(|env| {
        env.write("systemcraft.yaml", "name: [a]\ntrack: 7\ntarget_level: L9\nstart_date: yesterday\ngoals: 5\n");
        Expect::diag("systemcraft.yaml", "schema/type")
    });
}

#[test]
fn profile_that_is_binary() {
    case(|env| {
        env.write_bytes("systemcraft.yaml", &noise(3, 2048));
        Expect::diag("systemcraft.yaml", "yaml/syntax")
    });
}

// --- The file system --------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn symlink_loop() {
    case(|env| {
        std::os::unix::fs::symlink("loop-b.md", env.root.join("stories/loop-a.md")).unwrap();
        std::os::unix::fs::symlink("loop-a.md", env.root.join("stories/loop-b.md")).unwrap();
        std::os::unix::fs::symlink(".", env.root.join("stories/self")).unwrap();
        Expect::diag("stories/loop-a.md", "file/symlink")
            .and("stories/loop-b.md", "file/symlink")
            .and("stories/self", "file/symlink")
    });
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_workspace() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), COMPANION.replace("Companion story", "Outside")).unwrap();
    case(|env| {
        std::os::unix::fs::symlink(outside.path().join("secret.md"), env.root.join("stories/secret.md")).unwrap();
        std::os::unix::fs::symlink("/", env.root.join("stories/root")).unwrap();
        Expect::diag("stories/secret.md", "file/symlink").and("stories/root", "file/symlink").not_counted("secret")
    });
}

#[cfg(unix)]
#[test]
fn symlinked_notes_folder() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("far.md"), COMPANION.replace("Companion story", "Far")).unwrap();
    case(|env| {
        std::fs::remove_dir_all(env.root.join("designs")).unwrap();
        std::os::unix::fs::symlink(outside.path(), env.root.join("designs")).unwrap();
        Expect::diag("designs", "file/symlink").not_counted("far")
    });
}

#[cfg(unix)]
#[test]
fn dangling_symlink() {
    case(|env| {
        std::os::unix::fs::symlink("/no/such/file.md", env.root.join("logs/2026-11-20.md")).unwrap();
        Expect::diag("logs/2026-11-20.md", "file/symlink")
    });
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    case_unprivileged(|env| {
        use std::os::unix::fs::PermissionsExt;
        env.write("stories/locked.md", COMPANION);
        std::fs::set_permissions(env.root.join("stories/locked.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
        Expect::diag("stories/locked.md", "file/unreadable")
    });
}

#[cfg(unix)]
#[test]
fn unreadable_folder() {
    case_unprivileged(|env| {
        use std::os::unix::fs::PermissionsExt;
        env.write("mocks/sealed/2026-11-20-m.md", "---\ndate: 2026-11-20\nkind: behavioral\n---\n");
        std::fs::set_permissions(env.root.join("mocks/sealed"), std::fs::Permissions::from_mode(0o000)).unwrap();
        Expect::diag("mocks/sealed", "file/unreadable")
    });
}

#[cfg(target_os = "linux")]
#[test]
fn file_name_not_utf8() {
    case(|env| {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        std::fs::write(env.root.join("stories").join(name), COMPANION.replace("Companion story", "Cafe")).unwrap();
        Expect::diag("stories/caf\u{fffd}.md", "file/name-not-utf8").also_counted("caf\u{fffd}")
    });
}

#[cfg(unix)]
#[test]
fn named_pipe_named_like_a_note() {
    case(|env| {
        let path =
            std::ffi::CString::new(env.root.join("logs/2026-11-20.md").into_os_string().into_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0, "mkfifo");
        Expect::diag("logs/2026-11-20.md", "file/not-regular")
    });
}

#[test]
fn names_that_collide_by_case() {
    case(|env| {
        env.write("stories/Checkout.md", &COMPANION.replace("Companion story", "Upper"));
        env.write("stories/checkout.md", &COMPANION.replace("Companion story", "Lower"));
        if !env.exists("stories/Checkout.md") || std::fs::read_dir(env.root.join("stories")).unwrap().count() < 3 {
            // A case-insensitive file system keeps one file: nothing collides.
            return Expect::counted("checkout");
        }
        Expect::diag("stories/Checkout.md", "file/case-collision").and("stories/checkout.md", "file/case-collision")
    });
}

#[test]
fn folder_named_like_a_note() {
    case(|env| {
        env.write("stories/folder.md/inner.md", &COMPANION.replace("Companion story", "Inner"));
        env.write("stories/windows/con.md", &COMPANION.replace("Companion story", "Con"));
        env.write("stories/ bad name .md", "---\ntitle: x\n---\n");
        Expect::diag("stories/ bad name .md", "schema/missing-field").also_counted("inner").also_counted("con")
    });
}
