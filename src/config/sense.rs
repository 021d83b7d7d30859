//! Values of systemcraft.yaml that parse but make no sense — every weight of a bar
//! 0, a window of 0 days, a 100,000-minute study block, 0 words a minute, a minimum
//! above its maximum, a target of 0 — are warned about where they stand, quoting the
//! value as written, and replaced by what is used instead (said in the warning).

use super::{StarThresholds, PROFILE_FILE};
use crate::diag::Diagnostic;
use crate::note::front_matter::Fields;

/// Warns at `key` (in the scope of `g`) that its value makes no sense.
fn warn(g: &mut Fields<'_>, key: &str, why: &str, used: &str) {
    let written = g.written(key).unwrap_or_else(|| "?".into());
    let d = Diagnostic::warning(PROFILE_FILE, "config/nonsense", format!("`{key}: {written}` {why}"))
        .hint(format!("{used}; change the value in systemcraft.yaml"));
    g.report(key, d);
}

/// `window_days`: 1 to 3650 days.
pub(super) fn window_days(g: &mut Fields<'_>, days: u64) -> i32 {
    let used = days.clamp(1, 3650);
    if used != days {
        warn(g, "window_days", "is not a usable window of days (1 to 3650)", &format!("{used} is used"));
    }
    used as i32
}

/// `study.minutes`: a study block of 5 minutes to a day.
pub(super) fn study_minutes(g: &mut Fields<'_>, minutes: u64) -> u32 {
    let used = minutes.clamp(5, 24 * 60);
    if used != minutes {
        warn(g, "minutes", "is not a study block that fits in a day (5 to 1440 minutes)", &format!("{used} is used"));
    }
    used as u32
}

/// A target or a rate that must be above 0 (`targets.designs`, `star.words_per_minute`).
pub(super) fn above_zero(g: &mut Fields<'_>, key: &str, value: f64) -> f64 {
    if value >= 1.0 {
        return value;
    }
    warn(g, key, "must be 1 or more (0 can never be reached, or divides by nothing)", "1 is used");
    1.0
}

/// A group of weights: when every one is 0, the bar could not move; the defaults
/// are used instead.
pub(super) fn weights(g: &mut Fields<'_>, group: &str, target: &mut Vec<(String, f64)>, default: &[(String, f64)]) {
    if !target.is_empty() && target.iter().all(|(_, w)| *w == 0.0) {
        let d = Diagnostic::warning(
            PROFILE_FILE,
            "config/nonsense",
            format!("every weight of `weights.{group}` is 0, so that bar could never move"),
        )
        .hint("the default weights are used; give at least one component a weight above 0");
        g.report(group, d);
        *target = default.to_vec();
    }
}

/// `star.min_minutes` above `star.max_minutes`: the defaults are used.
pub(super) fn star_range(g: &mut Fields<'_>, star: &mut StarThresholds, default: &StarThresholds) {
    if star.min_minutes > star.max_minutes {
        let max = g.written("max_minutes").unwrap_or_else(|| star.max_minutes.to_string());
        warn(
            g,
            "min_minutes",
            &format!("is above `max_minutes: {max}`"),
            &format!("the defaults ({} to {} minutes) are used", default.min_minutes, default.max_minutes),
        );
        star.min_minutes = default.min_minutes;
        star.max_minutes = default.max_minutes;
    }
}
