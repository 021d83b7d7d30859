//! Fuzz target: arbitrary text as systemcraft.yaml, through the document parser,
//! the profile and the front-matter editor. Nothing may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = systemcraft::note::front_matter::parse_document(&text);
    let today = jiff::civil::Date::constant(2026, 11, 25);
    let mut config = systemcraft::config::Config::defaults(".".into(), today);
    let mut diags = Vec::new();
    let _ = config.apply(&text, &mut diags);
    let mut editor = systemcraft::note::front_matter::Editor::document(&text);
    if editor.set("plan", "plans/x.md").is_ok() {
        let _ = editor.finish();
    }
});
