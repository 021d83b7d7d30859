//! Rehearsal scheduling: the SM-2 spaced-repetition algorithm, replayed over the
//! rehearsals recorded in the logs, and, when an interview date is set, the
//! [`interview_plan`] that spreads the rehearsals still to come over the days before
//! it. Nothing is stored: the schedule is derived.
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

/// SM-2's state between reviews.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Sm2 {
    easiness: f64,
    interval: i32,
    streak: u32,
}

impl Default for Sm2 {
    fn default() -> Self {
        Sm2 { easiness: 2.5, interval: 0, streak: 0 }
    }
}

impl Sm2 {
    /// One review: the next interval and the new easiness.
    fn review(&mut self, rating: Rating) {
        let q = quality(rating);
        if q < 3.0 {
            self.streak = 0;
            self.interval = 1;
        } else {
            self.interval = match self.streak {
                0 => 1,
                1 => 6,
                _ => ((f64::from(self.interval) * self.easiness).round() as i32).max(1),
            };
            self.streak += 1;
        }
        self.easiness = (self.easiness + 0.1 - (5.0 - q) * (0.08 + (5.0 - q) * 0.02)).max(1.3);
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
    let mut state = Sm2::default();
    let mut last = None;
    for r in &reviews {
        state.review(r.rating);
        last = Some(r.date);
    }
    let last = last?;
    let Sm2 { easiness, interval, streak } = state;
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

/// The limits of an interview's rehearsal plan (`endgame:` in systemcraft.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanRules {
    /// The interview; nothing is planned on it or after it.
    pub interview: Date,
    /// Most rehearsals on one day.
    pub per_day: u32,
    /// Most days a story may go untold within `spread_days` of the interview.
    pub max_untold: u32,
    /// Days before the interview in which `max_untold` holds.
    pub spread_days: u32,
    /// Days before the interview in which every story is told at least once.
    pub final_days: u32,
}

/// A story the plan covers, with its rehearsals so far replayed ([`replay`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Planning {
    /// Its schedule; `None` when never rehearsed.
    pub schedule: Option<Schedule>,
}

/// One planned rehearsal: the story's position in the list given, and the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    /// The day.
    pub date: Date,
    /// The story (index into the list given to [`interview_plan`]).
    pub story: usize,
}

/// Where one story stands while the plan is laid out.
#[derive(Debug, Clone, Copy)]
struct Track {
    last: Option<Date>,
    sm2: Sm2,
}

impl Track {
    /// The last day by which the interview's rules want the story told again, or
    /// `None` when they ask nothing more of it.
    fn hard_deadline(&self, from: Date, rules: &PlanRules) -> Option<Date> {
        let Some(last) = self.last else { return Some(from) };
        let eve = add(rules.interview, -1);
        let window = add(rules.interview, -i64::from(rules.spread_days));
        let gap = add(last, i64::from(rules.max_untold)).max(window);
        let told_in_final = last >= add(rules.interview, -i64::from(rules.final_days));
        let deadline = if told_in_final { gap } else { gap.min(eve) };
        (deadline <= eve).then_some(deadline)
    }

    /// SM-2's next day for the story.
    fn sm2_due(&self) -> Option<Date> {
        self.last.map(|l| add(l, i64::from(self.sm2.interval)))
    }
}

fn add(date: Date, days: i64) -> Date {
    date.checked_add(Span::new().days(days)).unwrap_or(date)
}

/// The rehearsals to come from `from` up to (not including) `until` and the
/// interview, for an interview date rather than for lifelong memory:
///
/// - a story never rehearsed comes first;
/// - within `spread_days` of the interview no story goes more than `max_untold`
///   days untold, and every story is told once in the last `final_days`;
/// - those rules are met earliest deadline first, pulled forward so that no day
///   holds more than its share (the stories ÷ `final_days`, at least one) unless a
///   rule needs it, and never more than `per_day`;
/// - what room the rules leave goes to stories SM-2 says are due (a planned
///   rehearsal counts as a good one), up to the same share.
///
/// Deterministic: ties go to the story listed first.
pub fn interview_plan(stories: &[Planning], from: Date, until: Date, rules: &PlanRules) -> Vec<Planned> {
    let mut tracks: Vec<Track> = stories
        .iter()
        .map(|s| Track {
            last: s.schedule.map(|x| x.last),
            sm2: s.schedule.map_or_else(Sm2::default, |x| Sm2 {
                easiness: x.easiness,
                interval: x.interval,
                streak: x.streak,
            }),
        })
        .collect();
    let share = (stories.len() as u32).div_ceil(rules.final_days.max(1)).clamp(1, rules.per_day.max(1)) as usize;
    let per_day = rules.per_day.max(1) as usize;
    let end = until.min(rules.interview);
    let mut out = Vec::new();
    let mut day = from;
    while day < end {
        let mut hard: Vec<(Date, usize)> =
            tracks.iter().enumerate().filter_map(|(i, t)| t.hard_deadline(from, rules).map(|d| (d, i))).collect();
        hard.sort();
        // The most that must be told today for the rest to fit at `share` a day.
        let needed = hard
            .iter()
            .enumerate()
            .map(|(j, (deadline, _))| {
                let ahead = (deadline.max(&day).since(day).map_or(0, |s| s.get_days()) as usize) * share;
                (j + 1).saturating_sub(ahead)
            })
            .max()
            .unwrap_or(0)
            .min(per_day);
        let mut today: Vec<usize> = hard.iter().take(needed).map(|(_, i)| *i).collect();
        let mut soft: Vec<(Date, usize)> = tracks
            .iter()
            .enumerate()
            .filter(|(i, _)| !today.contains(i))
            .filter_map(|(i, t)| t.sm2_due().filter(|d| *d <= day).map(|d| (d, i)))
            .collect();
        soft.sort();
        let room = share.max(today.len()) - today.len();
        today.extend(soft.iter().take(room).map(|(_, i)| *i));
        today.sort_unstable();
        for i in today {
            tracks[i].last = Some(day);
            tracks[i].sm2.review(Rating::Good);
            out.push(Planned { date: day, story: i });
        }
        day = add(day, 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

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

    fn rules() -> PlanRules {
        PlanRules { interview: d("2027-01-20"), per_day: 3, max_untold: 10, spread_days: 28, final_days: 7 }
    }

    /// Days each story was told: its last rehearsal, then the plan's.
    fn told(stories: &[Planning], plan: &[Planned]) -> Vec<Vec<Date>> {
        let mut out: Vec<Vec<Date>> =
            stories.iter().map(|s| s.schedule.map(|x| x.last).into_iter().collect()).collect();
        for p in plan {
            out[p.story].push(p.date);
        }
        out
    }

    #[test]
    fn the_plan_spreads_rehearsals_before_the_interview() {
        let r = rules();
        let good = |dates: &[&str]| {
            let reviews: Vec<Review> = dates.iter().map(|x| Review { date: d(x), rating: Rating::Easy }).collect();
            Planning { schedule: replay(&reviews, Some(r.interview)) }
        };
        // Six stories rehearsed on the same days long ago (SM-2 sends them far away),
        // one rehearsed once, one never.
        let mut stories = vec![good(&["2026-10-01", "2026-10-02", "2026-10-08", "2026-10-25"]); 6];
        stories.push(good(&["2026-11-20"]));
        stories.push(Planning { schedule: None });
        let plan = interview_plan(&stories, d("2026-11-25"), r.interview, &r);
        let mut per_day: BTreeMap<Date, usize> = BTreeMap::new();
        for p in &plan {
            *per_day.entry(p.date).or_default() += 1;
            assert!(p.date < r.interview);
        }
        assert!(per_day.values().all(|n| *n <= 3), "{per_day:?}");
        let window = d("2026-12-23"); // 28 days before
        for (k, days) in told(&stories, &plan).iter().enumerate() {
            assert!(days.iter().any(|x| *x >= d("2027-01-13")), "story {k} untold in the final week: {days:?}");
            // No day of the final four weeks more than 10 days after the last telling.
            let mut day = window;
            while day < r.interview {
                let last = days.iter().filter(|x| **x <= day).max().copied().unwrap();
                assert!((day - last).get_days() <= 10, "story {k} untold from {last} to {day}");
                day = add(day, 1);
            }
        }
        // The never-rehearsed story comes first.
        assert_eq!(plan[0], Planned { date: d("2026-11-25"), story: 6 });
        // The final week is spread, not piled on one day.
        let final_days = per_day.range(d("2027-01-13")..).count();
        assert!(final_days >= 4, "{per_day:?}");
    }
}
