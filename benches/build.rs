//! Benchmark of the build pipeline on generated workspaces: scan + parse (Index),
//! model, render. `cargo bench --bench build [-- NOTES...]` (default: the template
//! workspace, 1,000 and 10,000 notes). Prints median and p95 of each stage.

mod common;

use std::time::Instant;

use common::{generate, ms, stats, write};

use systemcraft::config::Config;
use systemcraft::index::Index;
use systemcraft::render;
use systemcraft::score;
use systemcraft::workspace::Workspace;

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
