//! The trend as a self-contained SVG line chart (`trend --svg`): the four bars, one
//! point per day with a commit, drawn by [`crate::chart::line`] (the same drawing as
//! the dashboard's weekly chart) on a 0–100% scale. A white background and dark text
//! are set as attributes, and a `prefers-color-scheme: dark` style swaps them, so the
//! chart reads on light and dark pages alike.

use super::{DayScore, BARS};
use crate::chart::line::{self, Labels, Scale, Series};

/// The chart of `days` (oldest first).
pub fn render(days: &[DayScore]) -> String {
    let range = match (days.first(), days.last()) {
        (Some(f), Some(l)) => format!("{} to {}", f.date, l.date),
        _ => "no commits".to_string(),
    };
    let series: Vec<Series> = BARS
        .iter()
        .enumerate()
        .map(|(i, (key, name))| Series {
            key,
            name,
            points: days.iter().map(|d| (d.date, f64::from(d.percents.values()[i]))).collect(),
            bold: *key == "readiness",
        })
        .collect();
    let desc = line::describe(&series, Scale::PERCENT, "day");
    let title = format!("Readiness over time, {range}");
    let labels = Labels { title: &title, desc: &desc, x: "date (last commit of each day)", empty: "no commits yet" };
    line::draw(&series, Scale::PERCENT, labels, 420.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trend::Percents;

    fn day(date: &str, v: u32) -> DayScore {
        DayScore {
            date: date.parse().unwrap(),
            commit: "0".repeat(40),
            percents: Percents { technical: v, behavioral: v, cultural: v, readiness: v, slipping: false },
        }
    }

    #[test]
    fn one_line_per_bar_with_the_dates_and_a_description() {
        let svg = render(&[day("2026-11-01", 0), day("2026-11-03", 50), day("2026-11-11", 100)]);
        assert_eq!(svg.matches("<polyline").count(), 4);
        assert!(svg.contains("points=\"60.0,370.0 196.0,225.0 740.0,80.0\""), "{svg}");
        for d in ["2026-11-01", "2026-11-03", "2026-11-11"] {
            assert!(svg.contains(&format!(">{d}</text>")), "{d} not labelled");
        }
        assert!(svg.contains("<title>Readiness over time, 2026-11-01 to 2026-11-11</title>"));
        assert!(svg.contains("<desc>3 days from 2026-11-01 to 2026-11-11: Technical Skills 0% to 100%,"), "{svg}");
        assert!(svg.contains("Interview Readiness 50%</title>"));
    }
}
