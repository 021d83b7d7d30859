//! Rehearsal scheduling: the SM-2 spaced-repetition algorithm, replayed over the
//! rehearsals recorded in the logs. Nothing is stored: the schedule is derived.

use jiff::civil::Date;
use jiff::Span;

use crate::note::kinds::Rating;

/// One recorded rehearsal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    /// When.
    pub date: Date,
    /// How it went.
    pub rating: Rating,
}

/// Where a story's schedule stands after its rehearsals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    /// The last rehearsal.
    pub last: Date,
    /// Days from the last rehearsal to the next.
    pub interval: i32,
    /// SM-2 easiness factor.
    pub easiness: f64,
    /// Successful reviews in a row.
    pub streak: u32,
    /// The next rehearsal.
    pub due: Date,
}

/// SM-2's quality grade (0–5) for a rating.
fn quality(r: Rating) -> f64 {
    match r {
        Rating::Again => 1.0,
        Rating::Hard => 3.0,
        Rating::Good => 4.0,
        Rating::Easy => 5.0,
    }
}

/// Replays the reviews (any order) and returns the schedule; `None` without reviews.
/// With an interview date, the next review is brought forward to fall before it.
pub fn replay(reviews: &[Review], interview: Option<Date>) -> Option<Schedule> {
    let mut reviews = reviews.to_vec();
    reviews.sort_by_key(|r| r.date);
    let mut easiness = 2.5_f64;
    let mut interval = 0i32;
    let mut streak = 0u32;
    let mut last = None;
    for r in &reviews {
        let q = quality(r.rating);
        if q < 3.0 {
            streak = 0;
            interval = 1;
        } else {
            interval = match streak {
                0 => 1,
                1 => 6,
                _ => ((f64::from(interval) * easiness).round() as i32).max(1),
            };
            streak += 1;
        }
        easiness = (easiness + 0.1 - (5.0 - q) * (0.08 + (5.0 - q) * 0.02)).max(1.3);
        last = Some(r.date);
    }
    let last = last?;
    let mut due = last.checked_add(Span::new().days(i64::from(interval))).unwrap_or(last);
    if let Some(day) = interview {
        let eve = day.yesterday().unwrap_or(day);
        if due > eve && last < eve {
            due = eve;
        }
    }
    Some(Schedule { last, interval, easiness, streak, due })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn intervals_grow_with_good_reviews_and_reset_on_again() {
        let r = |date, rating| Review { date: d(date), rating };
        let s = replay(&[r("2026-11-01", Rating::Good)], None).unwrap();
        assert_eq!((s.interval, s.due), (1, d("2026-11-02")));
        let s = replay(&[r("2026-11-01", Rating::Good), r("2026-11-02", Rating::Good)], None).unwrap();
        assert_eq!((s.interval, s.due), (6, d("2026-11-08")));
        let s = replay(
            &[r("2026-11-01", Rating::Good), r("2026-11-02", Rating::Good), r("2026-11-08", Rating::Good)],
            None,
        )
        .unwrap();
        assert_eq!(s.interval, 15); // 6 × 2.5
        let s = replay(&[r("2026-11-01", Rating::Good), r("2026-11-02", Rating::Again)], None).unwrap();
        assert_eq!((s.interval, s.streak), (1, 0));
        assert!(replay(&[], None).is_none());
    }

    #[test]
    fn reviews_fall_before_the_interview() {
        let r = |date| Review { date: d(date), rating: Rating::Easy };
        let s = replay(&[r("2026-11-01"), r("2026-11-02"), r("2026-11-08")], Some(d("2026-11-12"))).unwrap();
        assert_eq!(s.due, d("2026-11-11"));
    }
}
