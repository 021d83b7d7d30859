//! `systemcraft calendar [--out FILE] [--from DATE] [--weeks N]`: the study schedule
//! as an iCalendar file, on standard output or in FILE (written atomically).

use std::io::Write;

use crate::calendar::{ics, EventKind, Schedule};
use crate::cli::CalendarArgs;
use crate::config::Config;
use crate::index::Index;
use crate::{parse_date, Globals, Result, EXIT_OK};

/// What `--out` writes, to recognise a calendar it may replace.
const ICS: crate::fs::target::Kind =
    crate::fs::target::Kind { what: "an iCalendar file", is_one: |head| head.starts_with(b"BEGIN:VCALENDAR") };

/// Runs the command.
pub fn run(globals: &Globals, args: CalendarArgs) -> Result<i32> {
    let from = args.from.as_deref().map(parse_date).transpose()?.unwrap_or(globals.today);
    let ws = globals.workspace()?;
    let (config, _) = Config::load(&ws.root, globals.today)?;
    let index = Index::build(&ws);
    let schedule = Schedule::build(&config, &index, from, args.weeks);
    // A pinned date pins the stamp too, so the same notes give the same file.
    let stamp = if globals.clock.is_pinned() {
        jiff::civil::DateTime::from_parts(globals.today, jiff::civil::Time::midnight())
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or_else(|_| globals.clock.now().timestamp())
    } else {
        globals.clock.now().timestamp()
    };
    let text = ics::render(&schedule, stamp);
    let out = match args.out {
        Some(out) if out.as_os_str() != "-" => out,
        _ => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).map_err(crate::output::error)?;
            return Ok(EXIT_OK);
        }
    };
    super::create_parent(&out)?;
    // A note is never overwritten, a link never replaced, a pipe never read first.
    crate::fs::target::write_named(&out, text.as_bytes(), ICS)?;
    let parts: Vec<String> = [
        (EventKind::Study, "study block", "study blocks"),
        (EventKind::PlanWeek, "plan week", "plan weeks"),
        (EventKind::Mock, "mock interview", "mock interviews"),
        (EventKind::Rehearsal, "rehearsal", "rehearsals"),
        (EventKind::Interview, "interview day", "interview days"),
    ]
    .into_iter()
    .filter_map(|(kind, one, many)| {
        let n = schedule.of_kind(kind).count();
        (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
    })
    .collect();
    let last = schedule.last;
    let mut o = anstream::stdout().lock();
    let n = schedule.events.len();
    writeln!(
        o,
        "Wrote {}: {n} event{} from {} to {last}{}.",
        out.display(),
        if n == 1 { "" } else { "s" },
        schedule.from,
        if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
    )
    .map_err(crate::output::error)?;
    if let Some(day) = config.profile.interview_date.filter(|d| *d < schedule.from) {
        let _ = writeln!(
            anstream::stderr(),
            "note: the interview date ({day}) is before {}, so nothing is scheduled: update `interview_date` in systemcraft.yaml",
            schedule.from
        );
    }
    let zone = schedule.time_zone_name.as_deref().unwrap_or("the system's time zone");
    writeln!(o, "Times are in {zone}. Import it again after a change: the events are updated, not doubled.")
        .map_err(crate::output::error)?;
    Ok(EXIT_OK)
}
