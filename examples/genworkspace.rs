//! Writes a synthetic workspace for benchmarks and experiments: N notes in the mix
//! and sizes of a real preparation, from a fixed seed (the same seed and N always
//! give the same bytes). The generator is `benches/common/gen.rs`, shared with the
//! in-process benchmarks.
//!
//! ```sh
//! cargo run --release --example genworkspace -- DIR NOTES [SEED]
//! ```

#[path = "../benches/common/gen.rs"]
mod gen;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(notes))) = (args.first(), args.get(1).map(|n| n.replace('_', "").parse::<usize>())) else {
        eprintln!("usage: genworkspace DIR NOTES [SEED]   (DIR must not exist or be empty)");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(gen::SEED);
    let dir = std::path::Path::new(dir);
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!("{} is not empty", dir.display());
        std::process::exit(1);
    }
    let g = gen::generate_seeded(dir, notes, seed);
    println!(
        "{}: {} notes, {:.1} MB, seed {seed:#x}, for {}",
        dir.display(),
        g.notes,
        g.bytes as f64 / 1e6,
        gen::TODAY
    );
}
