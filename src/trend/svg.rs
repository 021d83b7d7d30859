//! The trend as a self-contained SVG line chart, written by hand: x is the date
//! (proportional to days), y is 0–100% with grid lines at 25/50/75/100, one coloured
//! line per bar, axis labels and a legend. Colours come from the Okabe–Ito
//! colour-blind-safe palette; a white background and dark text are set as
//! attributes, and a `prefers-color-scheme: dark` style swaps them (and lightens the
//! lines) in viewers that apply it, so the chart reads on light and dark pages alike.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{DayScore, BARS};

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 420.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 740.0;
const TOP: f64 = 80.0;
const BOTTOM: f64 = 370.0;
/// Dates closer than this on the x axis are not both labelled.
const LABEL_GAP: f64 = 90.0;
/// Up to this many rows, each point gets a dot with a tooltip.
const MAX_DOTS: usize = 60;

/// Line colours on light backgrounds and on dark ones, in [`BARS`] order.
const COLOURS: [(&str, &str); 4] =
    [("#0072b2", "#56b4e9"), ("#e69f00", "#f0b429"), ("#009e73", "#3cc49a"), ("#aa3377", "#ee88bb")];

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Days from `a` to `b`.
fn days_between(a: Date, b: Date) -> f64 {
    (b - a).get_days() as f64
}

/// The chart of `days` (oldest first).
pub fn render(days: &[DayScore]) -> String {
    let mut s = String::new();
    let range = match (days.first(), days.last()) {
        (Some(f), Some(l)) => format!("{} to {}", f.date, l.date),
        _ => "no commits".to_string(),
    };
    let title = format!("Readiness over time, {range}");
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}">"#,
        escape(&title)
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&title));
    s.push_str("<style>\n");
    s.push_str("  text { font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 12px; }\n");
    s.push_str("  @media (prefers-color-scheme: dark) {\n");
    s.push_str("    .bg { fill: #0d1117; }\n    .ink { fill: #e6edf3; }\n    .grid { stroke: #30363d; }\n    .axis { stroke: #8b949e; }\n");
    for ((key, _), (_, dark)) in BARS.iter().zip(COLOURS) {
        let _ = writeln!(s, "    .{key} {{ color: {dark}; }}");
    }
    s.push_str("  }\n</style>\n");
    let _ = writeln!(s, r##"<rect class="bg" x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r##"<text class="ink" x="{LEFT}" y="28" fill="#24292f" style="font-size: 16px; font-weight: bold">{}</text>"##,
        escape(&title)
    );

    // Legend.
    for (i, ((key, name), (light, _))) in BARS.iter().zip(COLOURS).enumerate() {
        let x = LEFT + i as f64 * 180.0;
        let _ = writeln!(
            s,
            r##"<g class="{key}" color="{light}"><line x1="{x}" y1="52" x2="{}" y2="52" stroke="currentColor" stroke-width="{}"/><text class="ink" x="{}" y="56" fill="#24292f">{}</text></g>"##,
            x + 24.0,
            if *key == "readiness" { 3 } else { 2 },
            x + 30.0,
            escape(name)
        );
    }

    // Grid and y labels.
    for pct in [0, 25, 50, 75, 100] {
        let y = y_of(pct);
        let class = if pct == 0 { "axis" } else { "grid" };
        let colour = if pct == 0 { "#57606a" } else { "#d0d7de" };
        let _ = writeln!(
            s,
            r#"<line class="{class}" x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="{colour}" stroke-width="1"/>"#
        );
        let _ = writeln!(
            s,
            r##"<text class="ink" x="{}" y="{:.1}" fill="#24292f" text-anchor="end">{pct}%</text>"##,
            LEFT - 8.0,
            y + 4.0
        );
    }
    let _ = writeln!(
        s,
        r##"<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}" stroke="#57606a" stroke-width="1"/>"##
    );

    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        let _ = writeln!(
            s,
            r##"<text class="ink" x="{}" y="{}" fill="#24292f" text-anchor="middle">no commits yet</text>"##,
            (LEFT + RIGHT) / 2.0,
            (TOP + BOTTOM) / 2.0
        );
        s.push_str("</svg>\n");
        return s;
    };
    let span = days_between(first.date, last.date);
    let x_of = |d: Date| {
        if span > 0.0 {
            LEFT + days_between(first.date, d) / span * (RIGHT - LEFT)
        } else {
            (LEFT + RIGHT) / 2.0
        }
    };

    // X labels: the first date, then each date far enough from the last one shown;
    // the last date always, in place of a neighbour too close to it.
    let mut labels: Vec<(f64, Date)> = Vec::new();
    for d in days {
        let x = x_of(d.date);
        match labels.last() {
            Some((lx, _)) if x - lx < LABEL_GAP => {}
            _ => labels.push((x, d.date)),
        }
    }
    let lx = x_of(last.date);
    if labels.last().is_some_and(|(_, d)| *d != last.date) {
        if labels.len() > 1 && lx - labels[labels.len() - 1].0 < LABEL_GAP {
            labels.pop();
        }
        if labels.last().is_none_or(|(x, _)| lx - x >= LABEL_GAP) {
            labels.push((lx, last.date));
        }
    }
    for (x, d) in &labels {
        let _ = writeln!(
            s,
            r##"<line class="axis" x1="{x:.1}" y1="{BOTTOM}" x2="{x:.1}" y2="{}" stroke="#57606a" stroke-width="1"/>"##,
            BOTTOM + 5.0
        );
        let _ = writeln!(
            s,
            r##"<text class="ink" x="{x:.1}" y="{}" fill="#24292f" text-anchor="middle">{d}</text>"##,
            BOTTOM + 20.0
        );
    }
    let _ = writeln!(
        s,
        r##"<text class="ink" x="{}" y="{}" fill="#24292f" text-anchor="middle">date (last commit of each day)</text>"##,
        (LEFT + RIGHT) / 2.0,
        HEIGHT - 12.0
    );

    // One line per bar, readiness last so it is drawn on top.
    for (i, ((key, name), (light, _))) in BARS.iter().zip(COLOURS).enumerate() {
        let width = if *key == "readiness" { 3 } else { 2 };
        let points: Vec<String> =
            days.iter().map(|d| format!("{:.1},{:.1}", x_of(d.date), y_of(d.percents.values()[i]))).collect();
        let _ = writeln!(s, r#"<g class="{key}" color="{light}">"#);
        let _ = writeln!(
            s,
            r#"<polyline fill="none" stroke="currentColor" stroke-width="{width}" stroke-linejoin="round" stroke-linecap="round" points="{}"/>"#,
            points.join(" ")
        );
        if days.len() <= MAX_DOTS {
            for d in days {
                let v = d.percents.values()[i];
                let _ = writeln!(
                    s,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="currentColor"><title>{}: {} {v}%</title></circle>"#,
                    x_of(d.date),
                    y_of(v),
                    d.date,
                    escape(name)
                );
            }
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// The y coordinate of a percentage.
fn y_of(pct: u32) -> f64 {
    BOTTOM - f64::from(pct.min(100)) / 100.0 * (BOTTOM - TOP)
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
    fn escapes_markup() {
        assert_eq!(escape(r#"a<b & "c" 'd'>"#), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
    }

    #[test]
    fn x_is_proportional_to_days_and_labels_do_not_collide() {
        let svg = render(&[day("2026-11-01", 0), day("2026-11-03", 50), day("2026-11-11", 100)]);
        assert_eq!(svg.matches("<polyline").count(), 4);
        // 2 of 10 days: 60 + 0.2 × 680 = 196; 50% is halfway between 370 and 80.
        assert!(svg.contains("points=\"60.0,370.0 196.0,225.0 740.0,80.0\""), "{svg}");
        for d in ["2026-11-01", "2026-11-03", "2026-11-11"] {
            assert!(svg.contains(&format!(">{d}</text>")), "{d} not labelled");
        }
        // A thousand days: the labels stay apart, the first and last are shown.
        let start: Date = "2024-01-01".parse().unwrap();
        let many: Vec<DayScore> = (0..1000)
            .map(|i| day(&start.checked_add(jiff::Span::new().days(i)).unwrap().to_string(), (i % 101) as u32))
            .collect();
        let svg = render(&many);
        let labelled: Vec<&str> = svg.lines().filter(|l| l.contains("text-anchor=\"middle\">20")).collect();
        assert!((5..=9).contains(&labelled.len()), "{labelled:?}");
        assert!(svg.contains(">2024-01-01</text>") && svg.contains(&format!(">{}</text>", many[999].date)));
        assert!(!svg.contains("<circle"));
    }
}
