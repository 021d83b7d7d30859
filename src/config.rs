//! The profile (`systemcraft.yaml`) and the resolved [`Config`] every command works
//! from: today's date, the profile, goals, targets, weights and thresholds.
//!
//! Configuration is resolved once (CLI flags + profile + defaults) and passed down;
//! clap types never reach the core.

use std::path::{Path, PathBuf};

use jiff::civil::{Date, Time, Weekday};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::domain::tracks::{Level, Timeline, Track};
use crate::note::front_matter::{parse_document, Fields};
// The STAR checks own their thresholds; the profile sets them (`star:`).
pub use crate::note::star::StarThresholds;

mod sense;

/// The profile's file name; it also marks the workspace root.
pub const PROFILE_FILE: &str = "systemcraft.yaml";

/// Where the last profile that parsed is kept (workspace-relative; the folder is
/// git-ignored local state).
pub const LAST_GOOD_PROFILE: &str = ".systemcraft/profile.last-good.yaml";

/// Who is preparing, for what, and how fast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Name shown on the dashboard.
    pub name: Option<String>,
    /// Where the candidate comes from.
    pub track: Track,
    /// The level interviewed for.
    pub target_level: Level,
    /// Weekly commitment.
    pub timeline: Timeline,
    /// Day 1 of the preparation.
    pub start_date: Option<Date>,
    /// The interview, when known.
    pub interview_date: Option<Date>,
    /// The current study plan (a path under plans/), when one is chosen.
    pub plan: Option<String>,
    /// The IANA time zone of the study schedule (`Europe/Berlin`); `None` uses the
    /// system's.
    pub time_zone: Option<String>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: None,
            track: Track::SeniorToL6,
            target_level: Level::L6,
            timeline: Timeline::Balanced,
            start_date: None,
            interview_date: None,
            plan: None,
            time_zone: None,
        }
    }
}

/// The daily minimums.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DailyGoals {
    /// Coding problems a day.
    pub coding_problems: u32,
    /// Minutes of coding a day.
    pub coding_minutes: u32,
    /// Minutes of system design a day.
    pub design_minutes: u32,
    /// Minutes of behavioral work a day.
    pub behavioral_minutes: u32,
}

/// The weekly goals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeeklyGoals {
    /// Complete system designs a week.
    pub designs: u32,
    /// Coding problems solved a week.
    pub coding_problems: u32,
    /// STAR stories written a week.
    pub stories: u32,
    /// Mock interviews a week.
    pub mocks: u32,
}

/// How the preparation time should divide between the three areas, in percent
/// (`goals.split`); the default follows the guide's advice to spend most of it (60%)
/// on behavioral stories, the rest in the proportion the loop weighs design (30) and
/// coding (20).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimeSplit {
    /// Behavioral work, percent.
    pub behavioral: f64,
    /// System design, percent.
    pub design: f64,
    /// Coding, percent.
    pub coding: f64,
}

impl Default for TimeSplit {
    fn default() -> Self {
        TimeSplit { behavioral: 60.0, design: 24.0, coding: 16.0 }
    }
}

impl TimeSplit {
    /// The same split scaled to add up to 100 (the default when every part is 0).
    pub fn normalised(self) -> TimeSplit {
        let total = self.behavioral + self.design + self.coding;
        if total <= 0.0 {
            return TimeSplit::default();
        }
        let k = 100.0 / total;
        TimeSplit { behavioral: self.behavioral * k, design: self.design * k, coding: self.coding * k }
    }
}

/// The endgame before the interview (`endgame:` in systemcraft.yaml); see
/// [`crate::endgame`] and docs/assess-and-plan.md.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EndgameSettings {
    /// Days before the interview that make up the final, consolidating week.
    pub final_days: u32,
    /// Days before the interview that taper (the eve is the last of them).
    pub taper_days: u32,
    /// Most story rehearsals planned on one day.
    pub rehearsals_per_day: u32,
    /// Most days a ready story may go untold in the last weeks before the interview.
    pub max_untold_days: u32,
    /// Weeks before the interview in which `max_untold_days` holds.
    pub spread_weeks: u32,
}

impl Default for EndgameSettings {
    fn default() -> Self {
        EndgameSettings { final_days: 7, taper_days: 2, rehearsals_per_day: 3, max_untold_days: 10, spread_weeks: 4 }
    }
}

/// When the study happens, for `systemcraft calendar` and the mock dates on the
/// dashboard: the days and hour of the daily block, and the day and hour of mocks.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyTimes {
    /// The days of the week with a study block, Monday first.
    pub days: Vec<Weekday>,
    /// When the daily block starts (local time).
    pub time: Time,
    /// How long the daily block lasts; `None` means the daily minimums added up.
    pub minutes: Option<u32>,
    /// The day of the week a plan's mock interviews are placed on.
    pub mock_day: Weekday,
    /// When a mock interview starts (local time).
    pub mock_time: Time,
}

impl Default for StudyTimes {
    fn default() -> Self {
        StudyTimes {
            days: ALL_WEEKDAYS.to_vec(),
            time: Time::constant(7, 0, 0, 0),
            minutes: None,
            mock_day: Weekday::Saturday,
            mock_time: Time::constant(10, 0, 0, 0),
        }
    }
}

/// The seven days, Monday first.
pub const ALL_WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// A day of the week from its name: `mon`, `Monday`, `tue`, … (any case).
pub fn parse_weekday(name: &str) -> Option<Weekday> {
    let n = name.trim().to_lowercase();
    let prefix = n.get(..3)?;
    let day = ALL_WEEKDAYS.iter().find(|d| weekday_slug(**d) == prefix)?;
    // `mon` and `monday` are fine; `monkey` is not.
    let full = format!("{:?}", day).to_lowercase();
    (n.len() == 3 || full == n).then_some(*day)
}

/// The three-letter name of a day: `mon` … `sun`.
pub fn weekday_slug(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "mon",
        Weekday::Tuesday => "tue",
        Weekday::Wednesday => "wed",
        Weekday::Thursday => "thu",
        Weekday::Friday => "fri",
        Weekday::Saturday => "sat",
        Weekday::Sunday => "sun",
    }
}

/// Days from a `study.days` entry: a day's name, or `daily`, `weekdays`, `weekends`.
fn days_of(name: &str) -> Option<Vec<Weekday>> {
    match name.trim().to_lowercase().as_str() {
        "daily" | "every day" | "everyday" | "all" => Some(ALL_WEEKDAYS.to_vec()),
        "weekdays" => Some(ALL_WEEKDAYS[..5].to_vec()),
        "weekends" | "weekend" => Some(ALL_WEEKDAYS[5..].to_vec()),
        other => parse_weekday(other).map(|d| vec![d]),
    }
}

/// A time of day: `07:00`, `7:30`, `18:45:00`.
pub fn parse_time(text: &str) -> Option<Time> {
    let t = text.trim();
    let mut parts = t.split(':');
    let hour: i8 = parts.next()?.parse().ok()?;
    let minute: i8 = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    let second: i8 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    if parts.next().is_some() {
        return None;
    }
    Time::new(hour, minute, second, 0).ok()
}

/// What "full marks" means for the volume components.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Targets {
    /// Problems solved in the window for full coding volume.
    pub coding_problems: f64,
    /// Complete designs in the window for full design practice.
    pub designs: f64,
    /// A medium counts towards pace when solved within this many minutes.
    pub pace_minutes: f64,
    /// Refined-or-ready stories each principle needs for full depth.
    pub stories_per_lp: f64,
    /// Mock interviews in the window that lift readiness to full.
    pub mocks: f64,
}

/// Component weights of each bar, and the readiness blend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weights {
    /// Technical Skills: coding_volume, coding_pace, design_practice, self_rating.
    pub technical: Vec<(String, f64)>,
    /// Behavioral Stories: scenario_coverage, lp_depth, story_quality, rehearsal,
    /// behavioral_mocks, self_rating.
    pub behavioral: Vec<(String, f64)>,
    /// Cultural Alignment: lp_breadth, self_rating.
    pub cultural: Vec<(String, f64)>,
    /// Interview Readiness: behavioral, design, coding.
    pub readiness: Vec<(String, f64)>,
}

impl Weights {
    /// The weight of a named component in a group (1 when unknown).
    pub fn get(group: &[(String, f64)], name: &str) -> f64 {
        group.iter().find(|(n, _)| n == name).map_or(1.0, |(_, w)| *w)
    }
}

fn named(pairs: &[(&str, f64)]) -> Vec<(String, f64)> {
    pairs.iter().map(|(n, w)| (n.to_string(), *w)).collect()
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            technical: named(&[
                ("coding_volume", 1.0),
                ("coding_pace", 1.0),
                ("design_practice", 1.0),
                ("self_rating", 1.0),
            ]),
            behavioral: named(&[
                ("scenario_coverage", 1.0),
                ("lp_depth", 1.0),
                ("story_quality", 1.0),
                ("rehearsal", 1.0),
                ("behavioral_mocks", 1.0),
                ("self_rating", 1.0),
            ]),
            cultural: named(&[("lp_breadth", 1.0), ("self_rating", 1.0)]),
            readiness: named(&[("behavioral", 0.5), ("design", 0.3), ("coding", 0.2)]),
        }
    }
}

/// Everything a command needs to know, resolved once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    /// The workspace root.
    #[serde(skip)]
    pub root: PathBuf,
    /// The date the model is computed for.
    pub today: Date,
    /// The profile.
    pub profile: Profile,
    /// Days the practice components look back over.
    pub window_days: i32,
    /// Daily minimums.
    pub daily: DailyGoals,
    /// Weekly goals.
    pub weekly: WeeklyGoals,
    /// The recommended split of the time between the areas.
    pub split: TimeSplit,
    /// Targets of the volume components.
    pub targets: Targets,
    /// Weights.
    pub weights: Weights,
    /// STAR thresholds.
    pub star: StarThresholds,
    /// When the study and the mocks happen (calendar).
    #[serde(skip)]
    pub study: StudyTimes,
    /// The final days before the interview.
    pub endgame: EndgameSettings,
    /// Whether `build` writes the SVG charts under `dashboard/` and embeds them
    /// (`charts: false` turns them off).
    #[serde(skip)]
    pub charts: bool,
}

impl Config {
    /// The defaults, for a workspace at `root` on `today`.
    pub fn defaults(root: PathBuf, today: Date) -> Self {
        Config {
            root,
            today,
            profile: Profile::default(),
            window_days: 28,
            daily: DailyGoals { coding_problems: 1, coding_minutes: 30, design_minutes: 30, behavioral_minutes: 15 },
            weekly: WeeklyGoals { designs: 2, coding_problems: 10, stories: 3, mocks: 1 },
            split: TimeSplit::default(),
            targets: Targets {
                coding_problems: 40.0,
                designs: 8.0,
                pace_minutes: 45.0,
                stories_per_lp: 2.0,
                mocks: 3.0,
            },
            weights: Weights::default(),
            star: StarThresholds { words_per_minute: 140.0, min_minutes: 2.0, max_minutes: 3.0, recency_years: 3 },
            study: StudyTimes::default(),
            endgame: EndgameSettings::default(),
            charts: true,
        }
    }

    /// Reads the profile at `root/systemcraft.yaml` over the defaults. Problems in it are
    /// diagnostics (the defaults stay in force for what cannot be read), so a typo in
    /// the profile never hides the dashboard. When the file is not valid YAML at all,
    /// the last profile that was (kept in [`LAST_GOOD_PROFILE`]) stays in force, so a
    /// half-typed edit does not reset every goal to its default.
    pub fn load(root: &Path, today: Date) -> crate::Result<(Config, Vec<Diagnostic>)> {
        let text = crate::fs::read::read_in(root, PROFILE_FILE)?;
        let text = String::from_utf8_lossy(&text);
        let mut diags = Vec::new();
        let mut config = Config::defaults(root.to_path_buf(), today);
        if config.apply(&text, &mut diags) {
            // Best effort: a read-only workspace still builds.
            let _ = crate::fs::write_state(root, LAST_GOOD_PROFILE, text.as_bytes());
        } else if let Ok(good) = crate::fs::read::read_in(root, LAST_GOOD_PROFILE) {
            let mut ignored = Vec::new();
            let mut fallback = Config::defaults(root.to_path_buf(), today);
            if fallback.apply(&String::from_utf8_lossy(&good), &mut ignored) {
                config = fallback;
                if let Some(d) = diags.iter_mut().find(|d| d.code == "yaml/syntax") {
                    d.hint = Some("fix the profile; until then the last valid version of it stays in force".into());
                }
            }
        }
        Ok((config, diags))
    }

    /// Applies a profile's text over this config. Returns `false` when the text is not
    /// a YAML document at all (nothing was applied).
    pub fn apply(&mut self, text: &str, diags: &mut Vec<Diagnostic>) -> bool {
        let front = match parse_document(text) {
            Ok(f) => f,
            Err((msg, line, col)) => {
                diags.push(
                    Diagnostic::error(PROFILE_FILE, "yaml/syntax", format!("invalid YAML: {msg}"))
                        .at(line, col)
                        .hint("fix the profile; until then the defaults are used"),
                );
                return false;
            }
        };
        let mut f = Fields::new(&front, PROFILE_FILE, diags);
        self.read_profile(&mut f);
        self.read_goals(&mut f);
        self.read_targets(&mut f);
        self.read_weights(&mut f);
        let study = &mut self.study;
        f.nested("study", |g| read_study(g, study));
        self.read_endgame(&mut f);
        self.read_star(&mut f);
        true
    }

    /// Who, for what, when: the profile's top-level fields, and the charts and window switches.
    fn read_profile(&mut self, f: &mut Fields<'_>) {
        let p = &mut self.profile;
        p.name = f.text("name", false, "Alex");
        if let Some(t) = f.choice("track", false, "track", Track::parse, Track::suggest, &Track::slugs()) {
            p.track = t;
        }
        if let Some(l) = f.choice("target_level", false, "level", Level::parse, Level::suggest, &Level::slugs()) {
            p.target_level = l;
        }
        if let Some(t) = f.choice("timeline", false, "timeline", Timeline::parse, Timeline::suggest, &Timeline::slugs())
        {
            p.timeline = t;
        }
        p.start_date = f.date("start_date", false);
        p.interview_date = f.date("interview_date", false);
        p.plan = f.text("plan", false, "plans/six-week-intensive.md");
        p.time_zone = f.text("time_zone", false, "Europe/Berlin").and_then(|name| {
            if jiff::tz::TimeZone::get(name.trim()).is_ok() {
                return Some(name.trim().to_string());
            }
            let d = Diagnostic::warning(PROFILE_FILE, "config/unknown-time-zone", format!("unknown time zone \"{name}\""))
                .hint("use an IANA name such as `Europe/Berlin` or `America/New_York`; until then the system's time zone is used");
            f.report("time_zone", d);
            None
        });
        if let Some(c) = f.boolean("charts", "false") {
            self.charts = c;
        }
        if let Some(w) = f.number("window_days", false, "28") {
            self.window_days = sense::window_days(f, w);
        }
    }

    /// `goals:` the daily minimums, the weekly goals and the time split.
    fn read_goals(&mut self, f: &mut Fields<'_>) {
        let d = &mut self.daily;
        f.nested("goals", |g| {
            g.nested("daily", |g| {
                set_u32(g, "coding_problems", &mut d.coding_problems);
                set_u32(g, "coding_minutes", &mut d.coding_minutes);
                set_u32(g, "design_minutes", &mut d.design_minutes);
                set_u32(g, "behavioral_minutes", &mut d.behavioral_minutes);
            });
            let w = &mut self.weekly;
            g.nested("weekly", |g| {
                set_u32(g, "designs", &mut w.designs);
                set_u32(g, "coding_problems", &mut w.coding_problems);
                set_u32(g, "stories", &mut w.stories);
                set_u32(g, "mocks", &mut w.mocks);
            });
            let split = &mut self.split;
            g.nested("split", |g| {
                for (name, value) in g.float_map_here() {
                    match name.as_str() {
                        "behavioral" | "behavioural" => split.behavioral = value,
                        "design" | "system_design" => split.design = value,
                        "coding" => split.coding = value,
                        _ => {}
                    }
                }
            });
            self.split = self.split.normalised();
        });
    }

    /// `targets:` what counts as full marks.
    fn read_targets(&mut self, f: &mut Fields<'_>) {
        let t = &mut self.targets;
        f.nested("targets", |g| {
            for (name, value) in g.float_map_here() {
                match name.as_str() {
                    "coding_problems" => t.coding_problems = sense::above_zero(g, &name, value),
                    "designs" => t.designs = sense::above_zero(g, &name, value),
                    "pace_minutes" => t.pace_minutes = sense::above_zero(g, &name, value),
                    "stories_per_lp" => t.stories_per_lp = sense::above_zero(g, &name, value),
                    "mocks" => t.mocks = sense::above_zero(g, &name, value),
                    _ => {}
                }
            }
        });
    }

    /// `weights:` each bar's components, checked by name and for sense.
    fn read_weights(&mut self, f: &mut Fields<'_>) {
        let weights = &mut self.weights;
        let defaults = Weights::default();
        f.nested("weights", |g| {
            for (group, target) in [
                ("technical", &mut weights.technical),
                ("behavioral", &mut weights.behavioral),
                ("cultural", &mut weights.cultural),
                ("readiness", &mut weights.readiness),
            ] {
                for (name, value) in g.float_map(group) {
                    match target.iter_mut().find(|(n, _)| *n == name) {
                        Some(slot) => slot.1 = value,
                        None => {
                            let known: Vec<&str> = target.iter().map(|(n, _)| n.as_str()).collect();
                            let d = Diagnostic::warning(
                                PROFILE_FILE,
                                "config/unknown-weight",
                                format!("`weights.{group}.{name}` is not a component"),
                            )
                            .hint(format!("the components of {group} are: {}", known.join(", ")));
                            g.report(group, d);
                        }
                    }
                }
            }
            for (group, target, default) in [
                ("technical", &mut weights.technical, &defaults.technical),
                ("behavioral", &mut weights.behavioral, &defaults.behavioral),
                ("cultural", &mut weights.cultural, &defaults.cultural),
                ("readiness", &mut weights.readiness, &defaults.readiness),
            ] {
                sense::weights(g, group, target, default);
            }
        });
    }

    /// `endgame:` the final week and the taper, kept consistent.
    fn read_endgame(&mut self, f: &mut Fields<'_>) {
        let e = &mut self.endgame;
        f.nested("endgame", |g| {
            set_u32(g, "final_days", &mut e.final_days);
            set_u32(g, "taper_days", &mut e.taper_days);
            set_u32(g, "rehearsals_per_day", &mut e.rehearsals_per_day);
            set_u32(g, "max_untold_days", &mut e.max_untold_days);
            set_u32(g, "spread_weeks", &mut e.spread_weeks);
        });
        // The taper lies inside the final week, and a day holds at least one rehearsal.
        e.final_days = e.final_days.max(e.taper_days).max(1);
        e.rehearsals_per_day = e.rehearsals_per_day.max(1);
        e.max_untold_days = e.max_untold_days.max(1);
    }

    /// `star:` the STAR checks' thresholds, kept in a sensible range.
    fn read_star(&mut self, f: &mut Fields<'_>) {
        let s = &mut self.star;
        let default_star = Config::defaults(PathBuf::new(), self.today).star;
        f.nested("star", |g| {
            for (name, value) in g.float_map_here() {
                match name.as_str() {
                    "words_per_minute" => s.words_per_minute = sense::above_zero(g, &name, value),
                    "min_minutes" => s.min_minutes = value,
                    "max_minutes" => s.max_minutes = value,
                    "recency_years" => s.recency_years = value.round().clamp(0.0, 100.0) as i16,
                    _ => {}
                }
            }
            sense::star_range(g, s, &default_star);
        });
    }

    /// Minutes of the daily study block: `study.minutes`, else the daily minimums
    /// added up (coding, design and behavioral minutes).
    pub fn study_minutes(&self) -> u32 {
        self.study.minutes.unwrap_or_else(|| {
            let d = &self.daily;
            let coding = if d.coding_problems > 0 { d.coding_minutes } else { 0 };
            (coding + d.design_minutes + d.behavioral_minutes).max(5)
        })
    }

    /// The time zone of the schedule: the profile's, else the system's.
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        self.profile
            .time_zone
            .as_deref()
            .and_then(|n| jiff::tz::TimeZone::get(n).ok())
            .unwrap_or_else(jiff::tz::TimeZone::system)
    }

    /// First day of the practice window (inclusive).
    pub fn window_start(&self) -> Date {
        self.today.checked_sub(jiff::Span::new().days(i64::from(self.window_days - 1))).unwrap_or(self.today)
    }
}

/// Reads the `study:` block over `study`; a value that cannot be read is a warning
/// and the default stays.
fn read_study(g: &mut Fields<'_>, study: &mut StudyTimes) {
    if g.has("days") {
        let mut days = Vec::new();
        for (name, _) in g.list("days") {
            match days_of(&name) {
                Some(found) => days.extend(found),
                None => g.report(
                    "days",
                    Diagnostic::warning(
                        PROFILE_FILE,
                        "config/bad-study-day",
                        format!("\"{name}\" is not a day of the week"),
                    )
                    .hint("write days as `[mon, wed, fri]`, or `daily`, `weekdays`, `weekends`"),
                ),
            }
        }
        // Monday first, each day once, whatever order they were written in.
        study.days = ALL_WEEKDAYS.iter().copied().filter(|d| days.contains(d)).collect();
    }
    for (key, slot) in [("time", &mut study.time), ("mock_time", &mut study.mock_time)] {
        if let Some(text) = g.text(key, false, "\"07:00\"") {
            match parse_time(&text) {
                Some(t) => *slot = t,
                None => g.report(
                    key,
                    Diagnostic::warning(
                        PROFILE_FILE,
                        "config/bad-time",
                        format!("`{key}` is not a time of day: \"{text}\""),
                    )
                    .hint(format!("write it in quotes as hours and minutes, e.g. `{key}: \"07:00\"`")),
                ),
            }
        }
    }
    if let Some(m) = g.number("minutes", false, "60") {
        study.minutes = Some(sense::study_minutes(g, m));
    }
    if let Some(name) = g.text("mock_day", false, "sat") {
        match parse_weekday(&name) {
            Some(d) => study.mock_day = d,
            None => g.report(
                "mock_day",
                Diagnostic::warning(
                    PROFILE_FILE,
                    "config/bad-study-day",
                    format!("\"{name}\" is not a day of the week"),
                )
                .hint("write a day such as `sat` or `sunday`"),
            ),
        }
    }
}

fn set_u32(f: &mut Fields<'_>, key: &str, slot: &mut u32) {
    if let Some(v) = f.number(key, false, "1") {
        *slot = u32::try_from(v).unwrap_or(u32::MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Config, Vec<Diagnostic>) {
        let mut c = Config::defaults(PathBuf::from("."), "2026-11-25".parse().unwrap());
        let mut d = Vec::new();
        c.apply(text, &mut d);
        (c, d)
    }

    #[test]
    fn endgame_settings_read_and_clamped() {
        let (c, d) = load("endgame:\n  final_days: 10\n  taper_days: 3\n  rehearsals_per_day: 2\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            c.endgame,
            EndgameSettings {
                final_days: 10,
                taper_days: 3,
                rehearsals_per_day: 2,
                max_untold_days: 10,
                spread_weeks: 4
            }
        );
        // The taper lies inside the final week; a day holds at least one rehearsal.
        let (c, _) = load("endgame:\n  final_days: 1\n  taper_days: 4\n  rehearsals_per_day: 0\n");
        assert_eq!((c.endgame.final_days, c.endgame.taper_days, c.endgame.rehearsals_per_day), (4, 4, 1));
    }

    #[test]
    fn profile_overrides_defaults() {
        let (c, d) = load(
            "name: Sam\ntrack: L6 to L7\ntarget_level: l7\ntimeline: deep\nstart_date: 2026-11-01\ngoals:\n  weekly:\n    mocks: 2\ntargets:\n  coding_problems: 60\nweights:\n  readiness:\n    behavioral: 0.6\nstar:\n  words_per_minute: 150\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.profile.track, Track::L6ToL7);
        assert_eq!(c.profile.target_level, Level::L7);
        assert_eq!(c.weekly.mocks, 2);
        assert_eq!(c.weekly.designs, 2);
        assert_eq!(c.targets.coding_problems, 60.0);
        assert_eq!(Weights::get(&c.weights.readiness, "behavioral"), 0.6);
        assert_eq!(c.star.words_per_minute, 150.0);
        assert_eq!(c.window_start().to_string(), "2026-10-29");
    }

    #[test]
    fn study_times_and_time_zone() {
        let (c, d) = load("time_zone: Europe/Berlin\nstudy:\n  days: [Friday, mon, wed]\n  time: \"6:30\"\n  minutes: 60\n  mock_day: sunday\n  mock_time: \"18:00\"\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.study.days, [Weekday::Monday, Weekday::Wednesday, Weekday::Friday]);
        assert_eq!((c.study.time, c.study.mock_time), (Time::constant(6, 30, 0, 0), Time::constant(18, 0, 0, 0)));
        assert_eq!((c.study_minutes(), c.study.mock_day), (60, Weekday::Sunday));
        assert_eq!(c.time_zone().iana_name(), Some("Europe/Berlin"));
        let (c, d) =
            load("time_zone: Mars/Olympus\nstudy:\n  days: weekdays\n  time: \"25:00\"\n  mock_day: someday\n");
        let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["config/unknown-time-zone", "config/bad-time", "config/bad-study-day"]);
        assert_eq!(c.study.days.len(), 5);
        assert_eq!(c.study.time, Time::constant(7, 0, 0, 0));
        // Without `minutes`, the block holds the daily minimums: 30 + 30 + 15.
        assert_eq!(c.study_minutes(), 75);
        assert_eq!(parse_weekday("Monkey"), None);
        assert_eq!(parse_weekday("TUE"), Some(Weekday::Tuesday));
    }

    #[test]
    fn a_broken_profile_is_a_diagnostic_and_defaults_stay() {
        let (c, d) = load("track: senior to l8\ntimeline: [\n");
        assert_eq!(d[0].code, "yaml/syntax");
        assert_eq!(c.profile.track, Track::SeniorToL6);
        let (_, d) = load("track: senior to l8\n");
        assert_eq!(d[0].code, "schema/unknown-value");
        assert!(d[0].hint.as_deref().unwrap().contains("senior-to-l6"));
    }

    #[test]
    fn nested_values_are_reported_where_they_stand() {
        let (_, d) =
            load("name: x\ngoals:\n  daily:\n    coding_minutes: lots\nweights:\n  technical:\n    coding_pace: -1\n");
        let at: Vec<(usize, usize)> = d.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at, [(4, 21), (7, 5)], "{d:?}");
    }

    #[test]
    fn nonsense_values_are_warned_with_the_value_as_written() {
        let (c, d) = load(
            "window_days: 0\nstudy:\n  minutes: 100000\nstar:\n  words_per_minute: 0\n  min_minutes: 5\n  max_minutes: 2\ntargets:\n  designs: 0\nweights:\n  cultural:\n    lp_breadth: 0\n    self_rating: 0\n",
        );
        let said: Vec<(&str, usize, String)> = d.iter().map(|d| (d.code, d.line, d.message.clone())).collect();
        assert!(d.iter().all(|d| d.code == "config/nonsense"), "{said:?}");
        for (line, text) in [
            (1, "`window_days: 0`"),
            (3, "`minutes: 100000`"),
            (5, "`words_per_minute: 0`"),
            (6, "`min_minutes: 5` is above `max_minutes: 2`"),
            (9, "`designs: 0`"),
            (11, "every weight of `weights.cultural` is 0"),
        ] {
            assert!(said.iter().any(|(_, l, m)| *l == line && m.contains(text)), "{line} {text}: {said:?}");
        }
        assert_eq!((c.window_days, c.study_minutes(), c.targets.designs), (1, 1440, 1.0));
        assert_eq!(Weights::get(&c.weights.cultural, "lp_breadth"), 1.0);
        assert_eq!((c.star.min_minutes, c.star.max_minutes), (2.0, 3.0));
        let (_, d) = load("study:\n  minutes: .inf\n");
        assert!(d[0].message.contains("too large: .inf"), "{d:?}");
        assert_eq!(d[0].line, 2);
    }
}
