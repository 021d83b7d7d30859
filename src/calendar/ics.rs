//! A [`Schedule`] as an iCalendar file (RFC 5545), written with the `icalendar`
//! crate, which folds long lines and escapes text.
//!
//! Timed events are written in UTC (`DTSTART:20261125T060000Z`): the hour set in
//! systemcraft.yaml is turned into an instant in the profile's time zone first, so
//! daylight-saving changes land right, and every calendar application shows the
//! block at that local hour without a `VTIMEZONE` definition (which the crate does
//! not write). The zone's name goes into `X-WR-TIMEZONE` for the applications that
//! read it. All-day events use `VALUE=DATE`, with the exclusive end date RFC 5545
//! asks for.

use icalendar::{Calendar, Component, Property, ValueType};
use jiff::civil::Date;
use jiff::Timestamp;

use super::{Schedule, When};

/// The calendar's product identifier.
pub const PRODID: &str = "-//systemcraft//study schedule//EN";

/// The calendar's display name.
pub const CALENDAR_NAME: &str = "Interview preparation (systemcraft)";

fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn date_property(key: &str, d: Date) -> Property {
    let mut p = Property::new(key, d.strftime("%Y%m%d").to_string());
    p.append_parameter(ValueType::Date);
    p
}

/// The schedule as iCalendar text. `stamp` is written as every event's `DTSTAMP`
/// (when the file was made).
pub fn render(schedule: &Schedule, stamp: Timestamp) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", PRODID));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.append_property(Property::new("X-WR-CALNAME", CALENDAR_NAME));
    if let Some(name) = &schedule.time_zone_name {
        cal.append_property(Property::new("X-WR-TIMEZONE", name.as_str()));
    }
    let stamp = utc(stamp);
    for e in &schedule.events {
        let mut ev = icalendar::Event::new();
        ev.uid(&e.uid).add_property("DTSTAMP", stamp.as_str()).summary(&e.summary).description(&e.description);
        match e.when {
            When::Days(start, end) => {
                ev.append_property(date_property("DTSTART", start));
                ev.append_property(date_property("DTEND", end));
                // An all-day reminder does not block the day.
                ev.add_property("TRANSP", "TRANSPARENT");
            }
            When::Between(start, end) => {
                ev.add_property("DTSTART", utc(start));
                ev.add_property("DTEND", utc(end));
            }
        }
        ev.add_property("CATEGORIES", e.kind.slug());
        cal.push(ev.done());
    }
    cal.to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{Event, EventKind};
    use super::*;

    #[test]
    fn renders_events_that_parse_back() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let schedule = Schedule {
            from: d("2026-11-25"),
            until: d("2026-12-02"),
            last: d("2026-12-01"),
            time_zone: jiff::tz::TimeZone::UTC,
            time_zone_name: Some("UTC".into()),
            events: vec![
                Event {
                    uid: "study-20261125@systemcraft".into(),
                    kind: EventKind::Study,
                    summary: "Study, with a comma; and a semicolon".into(),
                    description: "line one\nline two".into(),
                    when: When::Between(t("2026-11-25T07:00:00Z"), t("2026-11-25T08:15:00Z")),
                },
                Event {
                    uid: "interview@systemcraft".into(),
                    kind: EventKind::Interview,
                    summary: "Interview day".into(),
                    description: String::new(),
                    when: When::Days(d("2026-12-01"), d("2026-12-02")),
                },
            ],
        };
        let text = render(&schedule, t("2026-11-25T00:00:00Z"));
        assert!(text.contains("DTSTART:20261125T070000Z\r\n"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20261201\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20261202\r\n"), "{text}");
        let parsed: Calendar = text.parse().expect("parses");
        let events: Vec<&icalendar::Event> = parsed.events().collect();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].get_summary(), Some("Study, with a comma; and a semicolon"));
        assert_eq!(events[0].get_description(), Some("line one\nline two"));
        assert!(events.iter().all(|e| e.get_start().is_some() && e.get_end().is_some() && e.get_uid().is_some()));
    }
}
