//! The mock note a finished [`Session`] is recorded in: `mocks/<date>-<kind>[-<partner>].md`
//! (never over an existing file: `-2`, `-3`… are added), with the front matter the
//! mock schema reads (`date`, `kind`, `partner`, `minutes`, `ratings`, `stories`) and
//! the phase timings under `phases:`, a key the dashboard does not read, kept for
//! the record. The text is parsed back as `build` would parse it before it is written.

use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;

use super::session::Session;
use super::title;
use crate::note::{self, Kind};
use crate::template::yaml_quoted_escape;
use crate::{Error, Result};

/// The workspace-relative file of the `n`-th mock of the day with this name (1: no suffix).
pub fn file_name(date: Date, session: &Session, partner: Option<&str>, n: u32) -> String {
    let mut stem = format!("{date}-{}", session.agenda.kind.slug());
    if let Some(p) = partner.map(crate::fs::slugify).filter(|s| !s.is_empty()) {
        stem.push('-');
        stem.push_str(&p);
    }
    if n > 1 {
        let _ = write!(stem, "-{n}");
    }
    format!("mocks/{stem}.md")
}

fn minutes_of(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// The note's text.
pub fn text(session: &Session, date: Date, partner: Option<&str>) -> String {
    let agenda = &session.agenda;
    let mut o = String::new();
    let _ = writeln!(o, "---");
    let _ = writeln!(o, "date: {date}");
    let _ = writeln!(o, "kind: {}", agenda.kind.slug());
    match partner {
        Some(p) => {
            let _ = writeln!(o, "partner: \"{}\"", yaml_quoted_escape(p));
        }
        None => {
            let _ = writeln!(o, "partner:");
        }
    }
    let _ = writeln!(o, "minutes: {}", session.minutes());
    let rated: Vec<(&str, u8)> = session.ratings.iter().filter_map(|(a, v)| v.map(|v| (*a, v))).collect();
    if rated.is_empty() {
        let _ = writeln!(o, "ratings: {{}}          # 1-5 per area; none given");
    } else {
        let _ = writeln!(o, "ratings:               # 1-5 per area");
        for (area, v) in rated {
            let _ = writeln!(o, "  {area}: {v}");
        }
    }
    let _ = writeln!(o, "stories: []           # stories you told, e.g. [\"[[checkout-latency]]\"]");
    let _ = writeln!(o, "phases:                # recorded by `systemcraft mock`: planned minutes, time spent");
    for t in &session.timings {
        let p = &agenda.phases[t.phase];
        let _ = writeln!(o, "  - phase: \"{}\"", yaml_quoted_escape(&p.name));
        let _ = writeln!(o, "    planned_minutes: {}", p.minutes);
        let _ = writeln!(o, "    seconds: {}", t.spent.as_secs());
    }
    let _ = writeln!(o, "---");
    let with = partner.map(|p| format!(" with {p}")).unwrap_or_default();
    let _ = writeln!(o, "# {} mock{with}, {date}", title(agenda.kind));
    let _ = writeln!(o);
    let done = session.timings.len();
    let _ = writeln!(
        o,
        "Run with `systemcraft mock`: {done} of {} phases{}, {} spent against {} minutes planned.",
        agenda.phases.len(),
        if session.ended_early { " (ended early)" } else { "" },
        minutes_of(session.total().as_secs()),
        agenda.minutes()
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "## Phases");
    let _ = writeln!(o);
    let _ = writeln!(o, "| Phase | Planned | Spent |\n| --- | ---: | ---: |");
    for (i, p) in agenda.phases.iter().enumerate() {
        let spent =
            session.timings.iter().find(|t| t.phase == i).map_or("—".to_string(), |t| minutes_of(t.spent.as_secs()));
        let _ = writeln!(o, "| {} | {} min | {spent} |", p.name.replace('|', "/"), p.minutes);
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "## Questions asked");
    let _ = writeln!(o);
    for p in &agenda.phases {
        let _ = writeln!(o, "- **{}:** {}", p.name, p.prompt);
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "## Notes");
    let _ = writeln!(o);
    if !session.notes.trim().is_empty() {
        let _ = writeln!(o, "{}", session.notes.trim());
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## What went well");
    let _ = writeln!(o);
    let _ = writeln!(o, "## What to fix");
    o
}

/// Writes the note under `root` and returns its workspace-relative path. The text
/// is parsed first as a mock note: any problem the dashboard would report stops
/// the write (an [`Error::Edit`]), so a recorded mock always counts.
pub fn save(root: &Path, session: &Session, date: Date, partner: Option<&str>) -> Result<String> {
    let body = text(session, date, partner);
    for n in 1..=1000 {
        let rel = file_name(date, session, partner, n);
        let parsed = note::parse(&rel, Kind::Mock, body.as_bytes());
        if let Some(d) = parsed.diagnostics.first() {
            return Err(Error::Edit {
                path: rel.into(),
                message: format!("the note would not read back: {}", d.message),
            });
        }
        match crate::fs::create_new_in(root, &rel, body.as_bytes()) {
            Ok(()) => return Ok(rel),
            Err(Error::Exists { .. }) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(Error::Exists { path: root.join(file_name(date, session, partner, 1000)) })
}

#[cfg(test)]
mod tests {
    use super::super::session::Input;
    use super::super::Agenda;
    use super::*;
    use crate::note::kinds::MockKind;
    use crate::note::Data;
    use std::time::Duration;

    #[test]
    fn the_note_reads_back_as_a_mock() {
        let config = crate::config::Config::defaults(".".into(), "2026-11-25".parse().unwrap());
        let mut s = Session::new(Agenda::new(MockKind::Coding, &config, &[], 2));
        for (k, t) in [200, 500, 1700, 2300, 2600].into_iter().enumerate() {
            assert_eq!(s.timings.len(), k);
            s.press(Input::Next, Duration::from_secs(t));
        }
        s.press(Input::Digit(4), Duration::from_secs(2601));
        s.press(Input::Digit(3), Duration::from_secs(2602));
        for c in "Talk \"slower\"".chars() {
            s.press(Input::Char(c), Duration::from_secs(2603));
        }
        s.press(Input::Next, Duration::from_secs(2604));
        let date: Date = "2026-11-25".parse().unwrap();
        let text = text(&s, date, Some("Sam \"the\" reviewer"));
        let n = note::parse("mocks/x.md", Kind::Mock, text.as_bytes());
        assert!(n.diagnostics.is_empty(), "{:?}\n{text}", n.diagnostics);
        let Data::Mock(m) = &n.data else { panic!("not a mock") };
        assert_eq!(m.date, Some(date));
        assert_eq!(m.kind, Some(MockKind::Coding));
        assert_eq!(m.partner.as_deref(), Some("Sam \"the\" reviewer"));
        assert_eq!(m.minutes, Some(44));
        assert_eq!(m.ratings.get("coding"), Some(&4));
        assert_eq!(m.ratings.get("communication"), Some(&3));
        assert!(
            text.contains(
                "  - phase: \"Second problem: clarify and approach\"\n    planned_minutes: 5\n    seconds: 1200\n"
            ),
            "{text}"
        );
        assert!(text.contains("\n## Notes\n\nTalk \"slower\"\n"), "{text}");
        assert_eq!(file_name(date, &s, Some("Sam R."), 2), "mocks/2026-11-25-coding-sam-r-2.md");
    }
}
