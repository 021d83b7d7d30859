//! The SVG charts beside the dashboard: written by `build` under `dashboard/` and
//! embedded in DASHBOARD.md, left alone when nothing changed, redrawn when the notes
//! change, treated like the dashboard by `--check` and `--stdout`, turned off by
//! `charts: false`, and loaded by a real browser (headless Chromium).

use std::path::Path;
use std::process::Command;

use crate::testenv::{self, Env, Run};

const CHARTS: [&str; 4] =
    ["dashboard/readiness-weeks.svg", "dashboard/time-split.svg", "dashboard/principles.svg", "dashboard/mocks.svg"];
const TODAY: &str = "2026-11-20";

fn git_at(env: &Env, date: Option<&str>, args: &[&str]) {
    testenv::git_at(env, &env.root, date, args);
}

fn commit(env: &Env, date: &str) {
    git_at(env, None, &["add", "-A"]);
    git_at(env, Some(date), &["commit", "-q", "--allow-empty", "-m", "notes"]);
}

fn story(principles: &str, status: &str) -> String {
    format!(
        "---\ntitle: A story\nscenario: technical-leadership\nprinciples: [{principles}]\nstatus: {status}\nhappened: 2025-06\ncreated: 2026-11-03\n---\n\
         ## Situation\nOur checkout service slowed down at peak and the team was paged nightly.\n\n\
         ## Task\nI owned bringing p99 latency under 300 ms before the holidays.\n\n\
         ## Action\nI profiled the service, found a lock in the cart cache, and led a sharded rollout behind a flag.\n\n\
         ## Result\np99 fell from 900 ms to 280 ms and pages dropped by 80%.\n"
    )
}

const MOCK: &str = "---\ndate: 2026-11-12\nkind: behavioral\nratings:\n  behavioral: 3\n---\nNotes.\n";

/// A workspace with three weeks of history: commits on three Sundays and after.
fn workspace() -> Env {
    let env = Env::init();
    git_at(&env, None, &["init", "-q", "-b", "main"]);
    commit(&env, "2026-11-01T20:00:00Z");
    env.write("stories/checkout.md", &story("ownership, dive-deep", "ready"));
    commit(&env, "2026-11-08T20:00:00Z");
    env.write("stories/mentor.md", &story("hire-and-develop-the-best", "refined"));
    env.write("mocks/2026-11-12-behavioral.md", MOCK);
    commit(&env, "2026-11-15T20:00:00Z");
    env
}

fn sc(env: &Env, args: &[&str]) -> Run {
    let out = env.cmd().env("TZ", "UTC").args(["--today", TODAY]).args(args).output().expect("run");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn mtime(env: &Env, rel: &str) -> std::time::SystemTime {
    std::fs::metadata(env.root.join(rel)).unwrap().modified().unwrap()
}

#[test]
fn build_writes_and_embeds_four_charts_and_leaves_them_alone() {
    let env = workspace();
    let r = sc(&env, &["build"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let md = env.read("DASHBOARD.md");
    for c in CHARTS {
        let svg = env.read(c);
        assert!(md.contains(&format!("]({c})")), "{c} not embedded:\n{md}");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{c}");
        assert!(svg.contains("<title>") && svg.contains("<desc>") && svg.contains("prefers-color-scheme: dark"));
        assert!(!svg.contains("<script") && !svg.contains("href"), "{c} is not self-contained");
        assert!(svg.len() < 50_000, "{c} is {} bytes", svg.len());
    }
    // Alt text says what the chart shows.
    assert!(md.contains("![Readiness by week. 4 weekly points from 2026-11-01 to 2026-11-20"), "{md}");
    // Three Sundays and today on the weekly chart.
    let weeks = env.read(CHARTS[0]);
    for d in ["2026-11-01", "2026-11-20"] {
        assert!(weeks.contains(&format!(">{d}</text>")), "{d} missing:\n{weeks}");
    }
    let heat = env.read(CHARTS[2]);
    assert!(heat.contains(">checkout</text>") && heat.contains("<title>Ownership: 1 refined story</title>"), "{heat}");
    assert!(env.read(CHARTS[3]).contains("Behavioral 3.0"));

    // A second build: same bytes, files untouched.
    let before: Vec<_> = CHARTS.iter().map(|c| (env.read(c), mtime(&env, c))).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(sc(&env, &["build"]).code, 0);
    let after: Vec<_> = CHARTS.iter().map(|c| (env.read(c), mtime(&env, c))).collect();
    assert_eq!(before, after);
    assert_eq!(sc(&env, &["build", "--check"]).code, 0);

    // A change in the notes redraws the charts it moves.
    env.write("stories/third.md", &story("customer-obsession, bias-for-action", "ready"));
    let r = sc(&env, &["build", "--check"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("dashboard/principles.svg is stale"), "{}", r.stderr);
    assert_eq!(sc(&env, &["build"]).code, 0);
    assert_ne!(env.read(CHARTS[2]), before[2].0);
    assert!(
        env.read(CHARTS[2]).contains(">third</text>")
            && env.read(CHARTS[2]).contains("<title>Customer Obsession: 1 refined story</title>")
    );
}

#[test]
fn check_stdout_and_the_switch() {
    let env = workspace();
    // --stdout prints the dashboard with its images and writes nothing.
    std::fs::remove_dir_all(env.root.join("dashboard")).unwrap();
    let r = sc(&env, &["build", "--stdout"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("](dashboard/mocks.svg)"));
    assert!(CHARTS.iter().all(|c| !env.exists(c)));
    assert_eq!(sc(&env, &["build"]).code, 0);
    // A chart changed by hand is stale for --check, though DASHBOARD.md is current.
    env.write(CHARTS[1], "<svg/>");
    let r = sc(&env, &["build", "--check"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("dashboard/time-split.svg is stale") && !r.stderr.contains("DASHBOARD.md is stale"));
    // charts: false: no images, no files written, nothing stale.
    let profile = env.read("systemcraft.yaml");
    env.write("systemcraft.yaml", &format!("{profile}\ncharts: false\n"));
    env.remove(CHARTS[0]);
    assert_eq!(sc(&env, &["build"]).code, 0);
    assert!(!env.read("DASHBOARD.md").contains("dashboard/"));
    assert!(!env.exists(CHARTS[0]));
    assert_eq!(sc(&env, &["build", "--check"]).code, 0);
}

#[test]
fn a_large_workspace_keeps_every_chart_small() {
    let env = workspace();
    // 200 stories naming every principle, under long names; 300 rated mocks.
    let all = "customer-obsession, ownership, invent-and-simplify, are-right-a-lot, learn-and-be-curious, \
               hire-and-develop-the-best, insist-on-the-highest-standards, think-big, bias-for-action, frugality, \
               earn-trust, dive-deep, have-backbone-disagree-and-commit, deliver-results, \
               strive-to-be-earths-best-employer, success-and-scale-bring-broad-responsibility";
    for i in 0..200 {
        env.write(&format!("stories/a-rather-long-story-name-about-migrations-{i:03}.md"), &story(all, "ready"));
    }
    for i in 0..300 {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 10;
        env.write(
            &format!("mocks/2026-{month:02}-{day:02}-m{i}.md"),
            &format!(
                "---\ndate: 2026-{month:02}-{day:02}\nkind: behavioral\nratings:\n  behavioral: {}\n  system-design: {}\n  coding: {}\n---\nNotes.\n",
                1 + i % 5,
                1 + (i + 2) % 5,
                1 + (i + 4) % 5
            ),
        );
    }
    assert_eq!(sc(&env, &["build"]).code, 0);
    for c in CHARTS {
        let size = env.read(c).len();
        assert!(size < 50_000, "{c} is {size} bytes");
    }
    // The heat map shows the first 40 stories and says so.
    assert!(env.read(CHARTS[2]).contains("(the first 40 are shown)"), "{}", env.read(CHARTS[2]));
}

#[test]
fn a_file_or_a_link_in_the_charts_place_leaves_the_charts_out_and_writes_nothing_through_it() {
    let env = workspace();
    // A file where the folder goes: the dashboard is still written, without images.
    std::fs::remove_dir_all(env.root.join("dashboard")).ok();
    env.write("dashboard", "my own notes\n");
    let r = sc(&env, &["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("dashboard: a file is where a folder should be"), "{}", r.stderr);
    assert!(r.stderr.contains("DASHBOARD.md was written without its charts"), "{}", r.stderr);
    assert!(r.stdout.contains("DASHBOARD.md written"), "{}", r.stdout);
    assert!(!env.read("DASHBOARD.md").contains("](dashboard/"));
    assert_eq!(env.read("dashboard"), "my own notes\n");

    // A link to a folder elsewhere: never written through.
    let elsewhere = tempfile::tempdir().unwrap();
    env.remove("dashboard");
    std::os::unix::fs::symlink(elsewhere.path(), env.root.join("dashboard")).unwrap();
    let r = sc(&env, &["build"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("symlink"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);

    // Put right, the next build draws them again.
    env.remove("dashboard");
    assert_eq!(sc(&env, &["build"]).code, 0);
    assert!(CHARTS.iter().all(|c| env.exists(c)));
}

/// Opens DASHBOARD.md, rendered to HTML, in headless Chromium, and reads back each
/// image's natural size, written into the page by a small script once it loaded.
#[test]
fn the_charts_load_in_a_browser() {
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|b| which(b)) else {
        assert!(std::env::var_os("CI").is_none(), "chromium is missing in CI: .ci/run installs it");
        eprintln!("SKIPPED the_charts_load_in_a_browser: chromium is not installed (apt-get install chromium)");
        return;
    };
    let env = workspace();
    // A name with markup in it must not break the heat map's XML.
    env.write("stories/q&a <\"draft\">.md", &story("ownership, earn-trust", "draft"));
    assert_eq!(sc(&env, &["build"]).code, 0);
    assert!(env.read(CHARTS[2]).contains(">q&amp;a &lt;&quot;draft&quot;&gt;</text>"), "{}", env.read(CHARTS[2]));
    let html = page(&env.read("DASHBOARD.md"));
    std::fs::write(env.root.join("dashboard.html"), &html).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", env.root.join("dashboard.html").display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    let sizes: Vec<&str> = dom.lines().filter_map(|l| l.trim().strip_prefix("IMG ")).collect();
    assert_eq!(sizes.len(), 4, "{dom}\n{}", String::from_utf8_lossy(&out.stderr));
    for s in sizes {
        let mut parts = s.split_whitespace();
        let (src, w, h) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        assert!(src.contains("dashboard/") && w != "0" && h != "0", "{s}");
    }
}

/// The dashboard as an HTML page (pulldown-cmark's HTML writer, with tables, as
/// GitHub renders it), with a script that lists each image's size once it loaded.
fn page(markdown: &str) -> String {
    let mut body = String::new();
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut body, parser);
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>{body}<pre id=\"sizes\"></pre><script>\
         window.addEventListener('load', () => {{ document.getElementById('sizes').textContent = \
         '\\n' + Array.from(document.images).map(i => 'IMG ' + i.getAttribute('src') + ' ' + i.naturalWidth + ' ' + i.naturalHeight).join('\\n') + '\\n'; }});\
         </script></body></html>"
    )
}

fn which(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| Path::new(&d).join(name).is_file()))
}
