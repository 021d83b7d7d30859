//! Fuzz target: arbitrary bytes as a note of every kind, then the model and the
//! dashboard over the parsed notes. Nothing may panic, and every diagnostic names
//! the note it was found in.

#![no_main]

use libfuzzer_sys::fuzz_target;
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

fuzz_target!(|data: &[u8]| {
    for (kind, rel) in KINDS {
        let parsed = note::parse(rel, kind, data);
        assert!(parsed.diagnostics.iter().all(|d| d.path == rel));
    }
    let index = Index::from_files(KINDS.iter().map(|(kind, rel)| (rel.to_string(), *kind, data.to_vec())));
    let today = jiff::civil::Date::constant(2026, 11, 25);
    let config = systemcraft::config::Config::defaults(".".into(), today);
    let model = systemcraft::score::compute(&config, &index, Vec::new());
    let _ = systemcraft::render::dashboard::render(&model);
});
