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
