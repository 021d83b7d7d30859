//! A mock in progress: the phase clock, then the ratings, then the notes. A state
//! machine driven by [`Input`]s and the time elapsed since the start, which the
//! caller reads from its own clock; it never reads a clock itself, so the tests can
//! feed it any timing and the terminal loop only draws what it returns.

use std::time::Duration;

use super::Agenda;

/// What the candidate did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Enter, space or `n`: the next phase, or confirm the notes.
    Next,
    /// A digit (a rating).
    Digit(u8),
    /// `s`: skip this rating.
    Skip,
    /// `b`: back to the previous rating.
    Back,
    /// `q` or Esc: end the phases now (the rest are skipped), or skip the rest of
    /// the ratings, or leave the notes empty.
    Stop,
    /// A character typed into the notes.
    Char(char),
    /// Backspace in the notes.
    Erase,
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Running phase N (0-based).
    Phase(usize),
    /// Asking rating N (0-based) of the areas.
    Rating(usize),
    /// Typing the notes.
    Notes,
    /// Everything asked.
    Done,
}

/// How long a phase took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// The phase (index into the agenda).
    pub phase: usize,
    /// Time spent in it.
    pub spent: Duration,
}

/// A mock in progress.
#[derive(Debug, Clone)]
pub struct Session {
    /// The plan.
    pub agenda: Agenda,
    /// Where it is.
    pub stage: Stage,
    /// When the current phase started, from the start of the mock.
    phase_start: Duration,
    /// The phases done (or cut short), in order.
    pub timings: Vec<Timing>,
    /// A rating per area, `None` when skipped.
    pub ratings: Vec<(&'static str, Option<u8>)>,
    /// The notes typed.
    pub notes: String,
    /// Whether the phases were ended before the last one.
    pub ended_early: bool,
}

/// `m:ss`, or `h:mm:ss` from an hour.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

impl Session {
    /// A session at the start of its first phase.
    pub fn new(agenda: Agenda) -> Session {
        let ratings = agenda.areas().into_iter().map(|a| (a, None)).collect();
        let stage = if agenda.phases.is_empty() { Stage::Rating(0) } else { Stage::Phase(0) };
        Session {
            agenda,
            stage,
            phase_start: Duration::ZERO,
            timings: Vec::new(),
            ratings,
            notes: String::new(),
            ended_early: false,
        }
    }

    fn end_phase(&mut self, i: usize, now: Duration) {
        self.timings.push(Timing { phase: i, spent: now.saturating_sub(self.phase_start) });
        self.phase_start = now;
    }

    /// Applies an input at `now` (time since the start) and returns the new stage.
    pub fn press(&mut self, input: Input, now: Duration) -> Stage {
        self.stage = match (self.stage, input) {
            (Stage::Phase(i), Input::Next) => {
                self.end_phase(i, now);
                if i + 1 < self.agenda.phases.len() {
                    Stage::Phase(i + 1)
                } else {
                    Stage::Rating(0)
                }
            }
            (Stage::Phase(i), Input::Stop) => {
                self.end_phase(i, now);
                self.ended_early = i + 1 < self.agenda.phases.len();
                Stage::Rating(0)
            }
            (Stage::Rating(i), Input::Digit(v @ 1..=5)) => {
                self.ratings[i].1 = Some(v);
                self.after_rating(i)
            }
            (Stage::Rating(i), Input::Skip | Input::Next) => self.after_rating(i),
            (Stage::Rating(i), Input::Back) => Stage::Rating(i.saturating_sub(1)),
            (Stage::Rating(_), Input::Stop) => Stage::Notes,
            (Stage::Notes, Input::Char(c)) if !c.is_control() => {
                self.notes.push(c);
                Stage::Notes
            }
            (Stage::Notes, Input::Digit(d)) => {
                self.notes.push(char::from(b'0' + d));
                Stage::Notes
            }
            (Stage::Notes, Input::Erase) => {
                self.notes.pop();
                Stage::Notes
            }
            (Stage::Notes, Input::Next) => Stage::Done,
            (Stage::Notes, Input::Stop) => {
                self.notes.clear();
                Stage::Done
            }
            (stage, _) => stage,
        };
        self.stage
    }

    fn after_rating(&self, i: usize) -> Stage {
        if i + 1 < self.ratings.len() {
            Stage::Rating(i + 1)
        } else {
            Stage::Notes
        }
    }

    /// Whether the phases are over (the mock happened; ratings or notes are asked).
    pub fn phases_over(&self) -> bool {
        !matches!(self.stage, Stage::Phase(_))
    }

    /// Time in the current phase at `now`.
    pub fn in_phase(&self, now: Duration) -> Duration {
        now.saturating_sub(self.phase_start)
    }

    /// Time spent in the phases, in total.
    pub fn total(&self) -> Duration {
        self.timings.iter().map(|t| t.spent).sum()
    }

    /// Whole minutes the phases took, rounded up (a mock of 30 seconds took a minute).
    pub fn minutes(&self) -> u64 {
        u64::try_from(self.total().as_millis().div_ceil(60_000)).unwrap_or(u64::MAX)
    }

    /// The heading of the current phase: `Phase 2/5 · Estimates (5 min)` and its prompt.
    pub fn phase_lines(&self) -> Vec<String> {
        let Stage::Phase(i) = self.stage else { return Vec::new() };
        let p = &self.agenda.phases[i];
        vec![
            String::new(),
            format!("Phase {}/{} · {} ({} min)", i + 1, self.agenda.phases.len(), p.name, p.minutes),
            format!("  {}", p.prompt),
        ]
    }

    /// The clock line of the current phase at `now`: its time against its minutes
    /// (and how far over), and the whole mock's time against its plan.
    pub fn clock_line(&self, now: Duration) -> String {
        let Stage::Phase(i) = self.stage else { return String::new() };
        let p = &self.agenda.phases[i];
        let budget = Duration::from_secs(u64::from(p.minutes) * 60);
        let spent = self.in_phase(now);
        let over = if spent > budget { format!(" (+{} over)", clock(spent - budget)) } else { String::new() };
        format!(
            "  {} / {}{over} · total {} / {} · Enter next, q end",
            clock(spent),
            clock(budget),
            clock(now),
            clock(Duration::from_secs(u64::from(self.agenda.minutes()) * 60))
        )
    }

    /// The question of the current rating.
    pub fn rating_line(&self) -> String {
        let Stage::Rating(i) = self.stage else { return String::new() };
        let (area, value) = self.ratings[i];
        let now = value.map(|v| format!(" [now {v}]")).unwrap_or_default();
        format!("Rate {area} from 1 (poor) to 5 (excellent){now}; s skips, b goes back, q skips the rest:")
    }
}

#[cfg(test)]
mod tests {
    use super::super::Agenda;
    use super::*;
    use crate::note::kinds::MockKind;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn session() -> Session {
        let config = crate::config::Config::defaults(".".into(), "2026-11-25".parse().unwrap());
        Session::new(Agenda::new(MockKind::SystemDesign, &config, &[], 0))
    }

    #[test]
    fn phases_record_their_time_then_ratings_then_notes() {
        let mut s = session();
        assert_eq!(s.clock_line(secs(30)), "  0:30 / 8:00 · total 0:30 / 45:00 · Enter next, q end");
        assert_eq!(s.press(Input::Next, secs(500)), Stage::Phase(1));
        // 5 minutes given to estimates; 6:40 spent.
        assert_eq!(s.clock_line(secs(900)), "  6:40 / 5:00 (+1:40 over) · total 15:00 / 45:00 · Enter next, q end");
        for (k, t) in [900, 1600, 2500, 2800].into_iter().enumerate() {
            s.press(Input::Next, secs(t));
            assert_eq!(s.timings.len(), k + 2);
        }
        assert_eq!(s.stage, Stage::Rating(0));
        assert_eq!(s.timings.iter().map(|t| t.spent.as_secs()).collect::<Vec<_>>(), [500, 400, 700, 900, 300]);
        assert_eq!((s.total(), s.minutes(), s.ended_early), (secs(2800), 47, false));
        assert_eq!(s.press(Input::Digit(9), secs(2801)), Stage::Rating(0));
        assert_eq!(s.press(Input::Digit(4), secs(2801)), Stage::Rating(1));
        assert_eq!(s.press(Input::Back, secs(2802)), Stage::Rating(0));
        assert!(s.rating_line().contains("[now 4]"));
        s.press(Input::Skip, secs(2802));
        assert_eq!(s.press(Input::Digit(3), secs(2803)), Stage::Notes);
        for c in "ok 1x".chars() {
            s.press(Input::Char(c), secs(2804));
        }
        s.press(Input::Erase, secs(2804));
        assert_eq!(s.press(Input::Next, secs(2805)), Stage::Done);
        assert_eq!(s.notes, "ok 1");
        assert_eq!(s.ratings, [("system-design", Some(4)), ("communication", Some(3))]);
    }

    #[test]
    fn stopping_early_skips_the_rest() {
        let mut s = session();
        s.press(Input::Next, secs(10));
        assert_eq!(s.press(Input::Stop, secs(25)), Stage::Rating(0));
        assert!(s.ended_early);
        assert_eq!(s.timings.len(), 2);
        assert_eq!(s.minutes(), 1);
        assert_eq!(s.press(Input::Stop, secs(26)), Stage::Notes);
        assert_eq!(s.press(Input::Stop, secs(27)), Stage::Done);
        assert_eq!(clock(secs(3725)), "1:02:05");
    }
}
