//! The [`Clock`]: what day it is and how long until the next one, in the local time
//! zone — or a date fixed by `--today`. Watch mode asks it when to rebuild for a new
//! day. For tests, `SYSTEMCRAFT_FAKE_NOW=YYYY-MM-DDTHH:MM:SS` starts the clock at that
//! local time; it then runs at the normal speed.

use std::time::Duration;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};

/// Environment variable that shifts the clock (tests only).
pub const FAKE_NOW_ENV: &str = "SYSTEMCRAFT_FAKE_NOW";

/// The local time zone, for dates only (never shown by name): `/etc/localtime` read
/// directly when `TZ` is unset — jiff's `TimeZone::system` also looks the zone's
/// name up in its database, which first lists every file of /usr/share/zoneinfo
/// (about 10% of the instructions of a small build) — else jiff's own lookup.
pub fn local_zone() -> TimeZone {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none() {
        if let Some(tz) = std::fs::read("/etc/localtime").ok().and_then(|b| TimeZone::tzif("Local", &b).ok()) {
            return tz;
        }
    }
    TimeZone::system()
}

/// Today's date, fixed or moving.
#[derive(Debug, Clone)]
pub struct Clock {
    pinned: Option<Date>,
    offset: SignedDuration,
    tz: TimeZone,
}

impl Clock {
    /// The system clock in the local time zone (shifted by `SYSTEMCRAFT_FAKE_NOW`
    /// when set to a valid date-time).
    pub fn system() -> Clock {
        let tz = local_zone();
        let offset = std::env::var(FAKE_NOW_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<jiff::civil::DateTime>().ok())
            .and_then(|dt| dt.to_zoned(tz.clone()).ok())
            .map(|z| z.timestamp().duration_since(Timestamp::now()))
            .unwrap_or(SignedDuration::ZERO);
        Clock { pinned: None, offset, tz }
    }

    /// A clock stuck on `date`.
    pub fn pinned(date: Date) -> Clock {
        Clock { pinned: Some(date), offset: SignedDuration::ZERO, tz: local_zone() }
    }

    /// Whether the date is fixed.
    pub fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }

    /// The current local time.
    pub fn now(&self) -> Zoned {
        let ts = Timestamp::now().checked_add(self.offset).unwrap_or_else(|_| Timestamp::now());
        ts.to_zoned(self.tz.clone())
    }

    /// Today's date.
    pub fn today(&self) -> Date {
        self.pinned.unwrap_or_else(|| self.now().date())
    }

    /// Real time left until the local date changes; `None` for a pinned clock.
    pub fn until_tomorrow(&self) -> Option<Duration> {
        if self.pinned.is_some() {
            return None;
        }
        let now = self.now();
        let next = now.date().tomorrow().ok()?.to_zoned(self.tz.clone()).ok()?;
        let left = next.timestamp().duration_since(now.timestamp());
        // Never less than a moment, so a caller waiting on it cannot spin.
        Some(Duration::try_from(left).unwrap_or(Duration::ZERO).max(Duration::from_millis(10)))
    }
}

/// The largest time zone file `TZ` may name: TZif files are a few kilobytes.
const MAX_TZ_FILE: u64 = 1024 * 1024;

/// Checks the `TZ` variable before jiff reads it, and drops it (the system's time
/// zone is used instead) when it is unusable. jiff reads a `TZ` that names a file
/// whole, so `TZ=/dev/zero` would read without end and a pipe would block: such a
/// value is never read. Returns the warning to print, naming the value.
/// Call it first thing, before any thread starts (it changes the environment).
pub fn check_tz_env() -> Option<String> {
    let raw = std::env::var_os("TZ")?;
    let shown = raw.to_string_lossy().into_owned();
    let name = shown.strip_prefix(':').unwrap_or(&shown);
    let problem = match std::fs::metadata(name) {
        Ok(m) if m.is_dir() => Some("it names a folder, not a time zone".to_string()),
        Ok(m) if !m.is_file() => Some("it names a device or a pipe, not a time zone file".to_string()),
        Ok(m) if m.len() > MAX_TZ_FILE => Some("the file it names is far larger than any time zone file".to_string()),
        _ => None,
    }
    .or_else(|| TimeZone::try_system().err().map(|e| e.to_string()));
    let problem = problem?;
    std::env::remove_var("TZ");
    Some(format!("ignoring TZ={}: {problem}; using the system's time zone", crate::render::terminal::escape(&shown)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_clock_never_moves() {
        let c = Clock::pinned("2026-11-25".parse().unwrap());
        assert_eq!(c.today().to_string(), "2026-11-25");
        assert!(c.until_tomorrow().is_none());
        assert!(c.is_pinned());
    }

    #[test]
    fn system_clock_counts_down_to_midnight() {
        let c = Clock::system();
        let left = c.until_tomorrow().unwrap();
        assert!(left <= Duration::from_secs(25 * 3600), "{left:?}");
    }
}
