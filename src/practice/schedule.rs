//! Rehearsal scheduling: the SM-2 spaced-repetition algorithm, replayed over the
//! rehearsals recorded in the logs. Nothing is stored: the schedule is derived.
//!
//! One rehearsal per story and day counts: when a story is rehearsed more than once on
//! the same day, only the last rating recorded that day enters the schedule, so
//! repeating a story minutes later neither lengthens nor shortens the interval twice.

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
    /// The next rehearsal. When `last + interval` lies past the last date the calendar
    /// holds (9999-12-31), that last date, with `beyond_calendar` set.
    pub due: Date,
    /// The next rehearsal would fall after 9999-12-31 and cannot be dated.
    pub beyond_calendar: bool,
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
/// Of several reviews on one day only the last one given counts (see the module
/// docs). With an interview date, the next review is brought forward to fall before it.
pub fn replay(reviews: &[Review], interview: Option<Date>) -> Option<Schedule> {
    let mut reviews = reviews.to_vec();
    // Stable: reviews of one day keep the order they were given in.
    reviews.sort_by_key(|r| r.date);
    let reviews: Vec<Review> = reviews
        .iter()
        .enumerate()
        .filter(|(i, r)| reviews.get(i + 1).is_none_or(|next| next.date != r.date))
        .map(|(_, r)| *r)
        .collect();
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
    let next = last.checked_add(Span::new().days(i64::from(interval))).ok();
    let beyond_calendar = next.is_none();
    let mut due = next.unwrap_or(Date::MAX);
    if let Some(day) = interview {
        let eve = day.yesterday().unwrap_or(day);
        if due > eve && last < eve {
            due = eve;
        }
    }
    Some(Schedule { last, interval, easiness, streak, due, beyond_calendar })
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

    #[test]
    fn only_the_last_review_of_a_day_counts() {
        let r = |date, rating| Review { date: d(date), rating };
        // good then hard on the same day: one review, rated hard, so the first interval.
        let s = replay(&[r("2026-11-01", Rating::Good), r("2026-11-01", Rating::Hard)], None).unwrap();
        assert_eq!((s.interval, s.streak, s.due), (1, 1, d("2026-11-02")));
        assert!((s.easiness - 2.36).abs() < 1e-9, "hard's easiness only: {}", s.easiness);
        // Five goods in one day are one good.
        let s = replay(&[r("2026-11-01", Rating::Good); 5], None).unwrap();
        assert_eq!((s.interval, s.streak), (1, 1));
        // The last rating of the day wins even when it is worse, and the order of
        // other days does not matter.
        let s = replay(
            &[r("2026-11-02", Rating::Easy), r("2026-11-01", Rating::Good), r("2026-11-02", Rating::Again)],
            None,
        )
        .unwrap();
        assert_eq!((s.interval, s.streak, s.due), (1, 0, d("2026-11-03")));
        // Days still advance the schedule.
        let s = replay(&[r("2026-11-01", Rating::Good), r("2026-11-02", Rating::Good)], None).unwrap();
        assert_eq!(s.interval, 6);
    }

    #[test]
    fn a_due_date_past_the_calendar_is_flagged() {
        let s = replay(&[Review { date: Date::MAX, rating: Rating::Good }], None).unwrap();
        assert!(s.beyond_calendar);
        assert_eq!((s.interval, s.due), (1, Date::MAX));
        let s = replay(&[Review { date: d("2026-11-01"), rating: Rating::Good }], None).unwrap();
        assert!(!s.beyond_calendar);
    }
}
