//! Benchmark of the build pipeline on generated workspaces: scan + parse (Index),
//! model, render. `cargo bench --bench build [-- NOTES...]` (default: the template
//! workspace, 1,000 and 10,000 notes). Prints median and p95 of each stage.

use std::path::Path;
use std::time::{Duration, Instant};

use systemcraft::config::Config;
use systemcraft::index::Index;
use systemcraft::render;
use systemcraft::score;
use systemcraft::workspace::Workspace;

const PRINCIPLES: [&str; 16] = [
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone",
    "deliver-results",
    "earths-best-employer",
    "success-and-scale",
];
const SCENARIOS: [&str; 5] =
    ["technical-leadership", "people-leadership", "cross-functional-influence", "failure-and-learning", "innovation"];

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A workspace of `notes` notes: 30% stories, 50% logs, 10% designs, 10% mocks.
fn generate(root: &Path, notes: usize) {
    write(
        root,
        "systemcraft.yaml",
        "name: Bench\ntrack: senior-to-l6\ntarget_level: L6\ntimeline: balanced\nstart_date: 2020-01-01\n",
    );
    let start: jiff::civil::Date = "2000-01-01".parse().unwrap();
    let story_body = "## Situation\nOur checkout service slowed down during peak traffic and the team was paged nightly.\n\n## Task\nI owned bringing p99 latency under 300 ms before the holiday season.\n\n## Action\nI profiled the service, found a lock in the cart cache, and proposed a sharded design. I wrote the plan, got agreement from two teams, and led the rollout behind a flag.\n\n## Result\np99 fell from 900 ms to 280 ms and pages dropped by 80%.\n";
    for i in 0..notes {
        match i % 10 {
            0..=2 => write(
                root,
                &format!("stories/story-{i}.md"),
                &format!(
                    "---\ntitle: Story {i}\nscenario: {}\nprinciples: [{}, {}]\nstatus: {}\nhappened: 2025-0{}\ncreated: 2026-11-01\n---\n{story_body}",
                    SCENARIOS[i % 5],
                    PRINCIPLES[i % 16],
                    PRINCIPLES[(i / 3) % 16],
                    ["draft", "refined", "ready"][i % 3],
                    1 + i % 9
                ),
            ),
            3..=7 => {
                let date = start.checked_add(jiff::Span::new().days(i as i64)).unwrap();
                write(
                    root,
                    &format!("logs/{date}.md"),
                    &format!(
                        "---\ndate: {date}\ncoding:\n  - problem: P{i}\n    difficulty: medium\n    minutes: 35\n    solved: true\ndesign:\n  minutes: 30\n  topic: caching\nbehavioral:\n  minutes: 15\n  stories: [story-{}]\nrehearsals:\n  - story: story-{}\n    rating: good\n    seconds: 150\n---\nNotes.\n",
                        i / 10 * 10,
                        i / 10 * 10
                    ),
                )
            }
            8 => write(root, &format!("designs/design-{i}.md"), "---\ntitle: D\nstatus: complete\ndate: 2026-11-20\nscale: 10M\nlevel: L6\n---\n## Requirements\n"),
            _ => write(root, &format!("mocks/2026-11-20-mock-{i}.md"), "---\ndate: 2026-11-20\nkind: behavioral\nstories: [\"[[story-0]]\"]\n---\n"),
        }
    }
}

fn stats(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    let median = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95).ceil() as usize).saturating_sub(1).min(v.len() - 1)];
    (median, p95)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![0, 1_000, 10_000] } else { sizes };
    let today: jiff::civil::Date = "2026-11-25".parse().unwrap();
    println!("| notes | scan+parse median | p95 | model median | render median | end to end median | p95 |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        if n == 0 {
            // The template workspace as `init` writes it.
            for rel in systemcraft::template::files() {
                write(dir.path(), &rel, &systemcraft::template::text(&rel).unwrap());
            }
        } else {
            generate(dir.path(), n);
        }
        let ws = Workspace::open(dir.path()).unwrap();
        let runs = if n >= 10_000 { 15 } else { 50 };
        let (mut scan, mut model_t, mut render_t, mut total) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let t0 = Instant::now();
            let (config, diags) = Config::load(&ws.root, today).unwrap();
            let index = Index::build(&ws);
            let t1 = Instant::now();
            let model = score::compute(&config, &index, diags);
            let t2 = Instant::now();
            let md = render::dashboard::render(&model);
            let t3 = Instant::now();
            std::hint::black_box(md);
            scan.push(t1 - t0);
            model_t.push(t2 - t1);
            render_t.push(t3 - t2);
            total.push(t3 - t0);
        }
        let label = if n == 0 { "template".to_string() } else { n.to_string() };
        let (s_med, s_p95) = stats(scan);
        let (t_med, t_p95) = stats(total);
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} |",
            ms(s_med),
            ms(s_p95),
            ms(stats(model_t).0),
            ms(stats(render_t).0),
            ms(t_med),
            ms(t_p95)
        );
    }
}
