//! Dates that may be partial: `happened: 2025`, `2025-03` or `2025-03-14`.

use jiff::civil::Date;

/// A date that may be only a year or a year and month (`happened: 2025-03`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct PartialDate {
    /// Year.
    pub year: i16,
    /// Month, when given.
    pub month: Option<i8>,
    /// Day, when given.
    pub day: Option<i8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let year: i16 = parts.first()?.parse().ok().filter(|y| (1900..=2999).contains(y))?;
        let month: Option<i8> = match parts.get(1) {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day: Option<i8> = match parts.get(2) {
            Some(d) => {
                let d: i8 = d.parse().ok()?;
                Date::new(year, month?, d).ok()?;
                Some(d)
            }
            None => None,
        };
        (parts.len() <= 3).then_some(PartialDate { year, month, day })
    }

    /// The last day the period covers (31 Dec for a year, the month's last day).
    pub fn last_day(self) -> Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).unwrap_or(Date::MIN),
            (Some(m), None) => Date::new(self.year, m, 1).map(|d| d.last_of_month()).unwrap_or(Date::MIN),
            _ => Date::new(self.year, 12, 31).unwrap_or(Date::MIN),
        }
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The usual case, written without the formatting machinery (the model shows
        // one per story); the same text as the general case below.
        let two = |n: Option<i8>| n.is_none_or(|n| (0..=99).contains(&n));
        if (0..=9999).contains(&self.year) && two(self.month) && two(self.day) {
            let mut buf = [0u8; 10];
            let y = self.year as u16;
            buf[..4].copy_from_slice(&[digit(y / 1000), digit(y / 100 % 10), digit(y / 10 % 10), digit(y % 10)]);
            let mut len = 4;
            for n in [self.month, self.day].into_iter().flatten() {
                let n = n as u16;
                buf[len..len + 3].copy_from_slice(&[b'-', digit(n / 10), digit(n % 10)]);
                len += 3;
            }
            return f.write_str(std::str::from_utf8(&buf[..len]).unwrap_or_default());
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// The ASCII digit of `n` (0–9).
fn digit(n: u16) -> u8 {
    b'0' + (n % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        assert_eq!(PartialDate::parse("2025").unwrap().to_string(), "2025");
        assert_eq!(PartialDate::parse("2025-03").unwrap().last_day().to_string(), "2025-03-31");
        assert_eq!(PartialDate::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(PartialDate::parse("2025-13").is_none());
        assert!(PartialDate::parse("2023-02-29").is_none());
        assert!(PartialDate::parse("last year").is_none());
    }

    #[test]
    fn partial_dates_display_like_zero_padded_parts() {
        let part = |n: Option<i8>| n.map(|n| format!("-{n:02}")).unwrap_or_default();
        for year in [0, 7, 999, 2025, 9999, 10_000, -1, -123, i16::MIN, i16::MAX] {
            for month in [None, Some(0), Some(3), Some(12), Some(99), Some(100), Some(-1), Some(i8::MIN)] {
                for day in [None, Some(1), Some(31), Some(127), Some(-5)] {
                    let d = PartialDate { year, month, day };
                    assert_eq!(d.to_string(), format!("{year:04}{}{}", part(month), part(day)));
                }
            }
        }
    }
}
