//! Line charts over dates, the one drawing both `trend --svg` and the dashboard's
//! time charts (readiness by week, mock ratings by area): x is the date, proportional
//! to the days between points; y is a [`Scale`] with grid lines; one coloured line
//! per [`Series`], each with its own dates, a legend, and a dot with a tooltip per
//! point while there are few enough to tell apart.

use jiff::civil::Date;

use super::{escape, Svg, COLOURS, INK};

const WIDTH: f64 = 800.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 740.0;
const TOP: f64 = 80.0;
/// Dates closer than this on the x axis are not both labelled.
const LABEL_GAP: f64 = 90.0;
/// Up to this many points in a series, each gets a dot with a tooltip.
const MAX_DOTS: usize = 60;

/// One line: its CSS class, legend name, points (oldest first) and whether it is
/// drawn thicker, on top of the others.
#[derive(Debug, Clone)]
pub struct Series<'a> {
    /// CSS class (also the dark theme's colour key).
    pub key: &'a str,
    /// Name in the legend and the tooltips.
    pub name: &'a str,
    /// The points, oldest first.
    pub points: Vec<(Date, f64)>,
    /// Drawn thicker (the headline figure).
    pub bold: bool,
}

/// The y axis: its range, where its grid lines go, and how a value is written.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// The bottom of the axis.
    pub min: f64,
    /// The top of the axis.
    pub max: f64,
    /// The value between two grid lines.
    pub step: f64,
    /// Values are percentages (`48%`), not plain numbers (`3.5`).
    pub percent: bool,
}

impl Scale {
    /// 0–100%, a grid line every 25%.
    pub const PERCENT: Scale = Scale { min: 0.0, max: 100.0, step: 25.0, percent: true };

    /// A value as the tooltips and descriptions write it: `48%`, `3.5`.
    pub fn format(&self, v: f64) -> String {
        if self.percent {
            format!("{v:.0}%")
        } else {
            format!("{v:.1}")
        }
    }

    /// A grid line's label: `25%`, `3`.
    fn tick(&self, v: f64) -> String {
        if self.percent || v.fract() == 0.0 {
            format!("{v:.0}{}", if self.percent { "%" } else { "" })
        } else {
            format!("{v:.1}")
        }
    }
}

/// What a chart says around its lines.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    /// The title, drawn at the top and read by screen readers.
    pub title: &'a str,
    /// The description for screen readers (`<desc>`).
    pub desc: &'a str,
    /// The x axis's caption; none when empty.
    pub x: &'a str,
    /// What is written in place of the lines when there are no points.
    pub empty: &'a str,
}

/// A sentence for screen readers: how many dates, and where each series went from
/// its first point to its last (`unit` names a date: "week", "day").
pub fn describe(series: &[Series], scale: Scale, unit: &str) -> String {
    let dates = dates(series);
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return format!("No {unit}s of history yet.");
    };
    let moves: Vec<String> = series
        .iter()
        .filter_map(|s| {
            let (a, b) = (s.points.first()?.1, s.points.last()?.1);
            Some(if s.points.len() == 1 || a == b {
                format!("{} {}", s.name, scale.format(b))
            } else {
                format!("{} {} to {}", s.name, scale.format(a), scale.format(b))
            })
        })
        .collect();
    if dates.len() == 1 {
        format!("1 {unit}, {first}: {}.", moves.join(", "))
    } else {
        format!("{} {unit}s from {first} to {last}: {}.", dates.len(), moves.join(", "))
    }
}

/// Every date of any series, sorted, once each.
fn dates(series: &[Series]) -> Vec<Date> {
    let mut all: Vec<Date> = series.iter().flat_map(|s| s.points.iter().map(|(d, _)| *d)).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The chart of `series` on `scale`, `height` pixels tall.
pub fn draw(series: &[Series], scale: Scale, labels: Labels, height: f64) -> String {
    let bottom = height - 50.0;
    let keys: Vec<&str> = series.iter().map(|s| s.key).collect();
    let mut svg = Svg::open(WIDTH, height, labels.title, labels.desc, &keys);
    legend(&mut svg, series);
    let y_of = |v: f64| bottom - (v.clamp(scale.min, scale.max) - scale.min) / (scale.max - scale.min) * (bottom - TOP);
    grid(&mut svg, scale, &y_of, bottom);

    let dates = dates(series);
    let (Some(first), Some(last)) = (dates.first().copied(), dates.last().copied()) else {
        svg.text((LEFT + RIGHT) / 2.0, (TOP + bottom) / 2.0, "middle", labels.empty);
        return svg.finish();
    };
    let span = (last - first).get_days() as f64;
    let x_of = |d: Date| {
        if span > 0.0 {
            LEFT + (d - first).get_days() as f64 / span * (RIGHT - LEFT)
        } else {
            (LEFT + RIGHT) / 2.0
        }
    };
    for (x, d) in x_labels(&dates, &x_of) {
        svg.line(true, (x, bottom), (x, bottom + 5.0));
        svg.text(x, bottom + 20.0, "middle", &d.to_string());
    }
    if !labels.x.is_empty() {
        svg.text((LEFT + RIGHT) / 2.0, height - 12.0, "middle", labels.x);
    }
    // The bold series last, so it is drawn on top.
    let order =
        series.iter().enumerate().filter(|(_, s)| !s.bold).chain(series.iter().enumerate().filter(|(_, s)| s.bold));
    for (i, s) in order {
        lines(&mut svg, i, s, scale, &x_of, &y_of);
    }
    svg.finish()
}

fn legend(svg: &mut Svg, series: &[Series]) {
    for (i, s) in series.iter().enumerate() {
        let x = LEFT + i as f64 * 180.0;
        svg.raw(&format!(
            r##"<g class="{}" color="{}"><line x1="{x}" y1="52" x2="{}" y2="52" stroke="currentColor" stroke-width="{}"/><text class="ink" x="{}" y="56" fill="{INK}">{}</text></g>"##,
            s.key,
            COLOURS[i % COLOURS.len()].0,
            x + 24.0,
            if s.bold { 3 } else { 2 },
            x + 30.0,
            escape(s.name)
        ));
    }
}

fn grid(svg: &mut Svg, scale: Scale, y_of: &impl Fn(f64) -> f64, bottom: f64) {
    let steps = ((scale.max - scale.min) / scale.step).round() as u32;
    for k in 0..=steps {
        let v = scale.min + f64::from(k) * scale.step;
        let y = y_of(v);
        svg.line(k == 0, (LEFT, y), (RIGHT, y));
        svg.text(LEFT - 8.0, y + 4.0, "end", &scale.tick(v));
    }
    svg.line(true, (LEFT, TOP), (LEFT, bottom));
}

/// Where the dates are labelled: the first, then each far enough from the last one
/// shown; the last date always, in place of a neighbour too close to it.
fn x_labels(dates: &[Date], x_of: &impl Fn(Date) -> f64) -> Vec<(f64, Date)> {
    let mut labels: Vec<(f64, Date)> = Vec::new();
    for d in dates {
        let x = x_of(*d);
        match labels.last() {
            Some((lx, _)) if x - lx < LABEL_GAP => {}
            _ => labels.push((x, *d)),
        }
    }
    let Some(last) = dates.last().copied() else { return labels };
    let lx = x_of(last);
    if labels.last().is_some_and(|(_, d)| *d != last) {
        if labels.len() > 1 && lx - labels[labels.len() - 1].0 < LABEL_GAP {
            labels.pop();
        }
        if labels.last().is_none_or(|(x, _)| lx - x >= LABEL_GAP) {
            labels.push((lx, last));
        }
    }
    labels
}

fn lines(svg: &mut Svg, i: usize, s: &Series, scale: Scale, x_of: &impl Fn(Date) -> f64, y_of: &impl Fn(f64) -> f64) {
    let width = if s.bold { 3 } else { 2 };
    let points: Vec<String> = s.points.iter().map(|(d, v)| format!("{:.1},{:.1}", x_of(*d), y_of(*v))).collect();
    svg.raw(&format!(r#"<g class="{}" color="{}">"#, s.key, COLOURS[i % COLOURS.len()].0));
    svg.raw(&format!(
        r#"<polyline fill="none" stroke="currentColor" stroke-width="{width}" stroke-linejoin="round" stroke-linecap="round" points="{}"/>"#,
        points.join(" ")
    ));
    if s.points.len() <= MAX_DOTS {
        for (d, v) in &s.points {
            svg.raw(&format!(
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="currentColor"><title>{d}: {} {}</title></circle>"#,
                x_of(*d),
                y_of(*v),
                escape(s.name),
                scale.format(*v)
            ));
        }
    }
    svg.raw("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn one(points: &[(&str, f64)]) -> Vec<Series<'static>> {
        vec![Series { key: "a", name: "A", points: points.iter().map(|(d, v)| (date(d), *v)).collect(), bold: false }]
    }

    const LABELS: Labels = Labels { title: "T", desc: "D", x: "date", empty: "nothing yet" };

    #[test]
    fn x_follows_the_days_and_y_the_scale() {
        let svg = draw(
            &one(&[("2026-11-01", 0.0), ("2026-11-03", 50.0), ("2026-11-11", 100.0)]),
            Scale::PERCENT,
            LABELS,
            420.0,
        );
        // 2 of 10 days: 60 + 0.2 × 680 = 196; 50% is halfway between 370 and 80.
        assert!(svg.contains("points=\"60.0,370.0 196.0,225.0 740.0,80.0\""), "{svg}");
        let ratings = Scale { min: 1.0, max: 5.0, step: 1.0, percent: false };
        let svg = draw(&one(&[("2026-11-01", 1.0), ("2026-11-02", 3.0)]), ratings, LABELS, 360.0);
        // 3 is halfway between 1 (y 310) and 5 (y 80).
        assert!(svg.contains("points=\"60.0,310.0 740.0,195.0\""), "{svg}");
        assert!(svg.contains(">5</text>") && svg.contains("A 3.0</title>"));
    }

    #[test]
    fn series_with_their_own_dates_share_one_axis() {
        let mut s = one(&[("2026-11-01", 2.0), ("2026-11-11", 4.0)]);
        s.push(Series { key: "b", name: "B", points: vec![(date("2026-11-06"), 3.0)], bold: true });
        let scale = Scale { min: 1.0, max: 5.0, step: 1.0, percent: false };
        let svg = draw(&s, scale, LABELS, 360.0);
        assert!(svg.contains("points=\"400.0,195.0\""), "{svg}");
        assert_eq!(describe(&s, scale, "day"), "3 days from 2026-11-01 to 2026-11-11: A 2.0 to 4.0, B 3.0.");
        assert_eq!(describe(&s[1..], scale, "day"), "1 day, 2026-11-06: B 3.0.");
        assert_eq!(describe(&[], scale, "day"), "No days of history yet.");
        assert!(draw(&[], scale, LABELS, 360.0).contains(">nothing yet</text>"));
    }

    #[test]
    fn labels_do_not_collide_and_many_points_lose_their_dots() {
        let start = date("2024-01-01");
        let points: Vec<(Date, f64)> =
            (0..1000).map(|i| (start.checked_add(jiff::Span::new().days(i)).unwrap(), (i % 101) as f64)).collect();
        let last = points[999].0;
        let s = vec![Series { key: "a", name: "A", points, bold: false }];
        let svg = draw(&s, Scale::PERCENT, LABELS, 420.0);
        let labelled: Vec<&str> = svg.lines().filter(|l| l.contains("text-anchor=\"middle\">20")).collect();
        assert!((5..=9).contains(&labelled.len()), "{labelled:?}");
        assert!(svg.contains(">2024-01-01</text>") && svg.contains(&format!(">{last}</text>")));
        assert!(!svg.contains("<circle"));
    }
}
