//! The four charts embedded in DASHBOARD.md, drawn from the model: the four bars
//! over the weeks, the hours per week by area against the recommended split, the
//! principles × stories coverage heat map, and the mock ratings per area over time.
//! Each is a [`Chart`]: a path under [`DIR`], the SVG bytes (a pure function of the
//! model, so unchanged data gives unchanged bytes) and the alt text of its image.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::line::{self, Labels, Scale, Series};
use super::{escape, Svg, COLOURS, GRID, INK};
use crate::note::kinds::StoryStatus;
use crate::score::mocks::Area;
use crate::score::readiness::BarKey;
use crate::score::Model;

/// The folder beside DASHBOARD.md the charts are written to (workspace-relative).
pub use crate::workspace::CHARTS_DIR as DIR;

/// Stories shown as columns of the heat map, at most.
const MAX_STORIES: usize = 40;

/// One chart: where it goes, what it holds, and what its image says in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Workspace-relative path (`dashboard/….svg`).
    pub path: String,
    /// The SVG document.
    pub svg: String,
    /// The image's alt text on the dashboard.
    pub alt: String,
}

/// The four charts of `model`, in dashboard order.
pub fn charts(model: &Model) -> Vec<Chart> {
    vec![weeks(model), time_split(model), principles(model), mocks(model)]
}

fn chart(name: &str, svg: String, alt: String) -> Chart {
    Chart { path: format!("{DIR}/{name}.svg"), svg, alt }
}

/// The four bars at the end of each past week, then today.
fn weeks(m: &Model) -> Chart {
    let mut points: Vec<(Date, [u32; 4])> = m
        .history
        .iter()
        .filter_map(|w| Some((w.week_end.parse().ok()?, [w.technical, w.behavioral, w.cultural, w.readiness])))
        .collect();
    let today: Option<Date> = m.today.parse().ok();
    if let Some(today) = today.filter(|t| points.last().is_none_or(|(d, _)| d < t)) {
        let now = BarKey::ALL.map(|k| m.bars.iter().find(|b| b.key == k).map_or(0, |b| b.percent));
        points.push((today, now));
    }
    let series: Vec<Series> = BarKey::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| Series {
            key: k.as_str(),
            name: k.name(),
            points: points.iter().map(|(d, v)| (*d, f64::from(v[i]))).collect(),
            bold: *k == BarKey::Readiness,
        })
        .collect();
    let desc = line::describe(&series, Scale::PERCENT, "weekly point");
    let labels = Labels {
        title: "Readiness by week",
        desc: &desc,
        x: "end of each week (the last point is today)",
        empty: "no weeks of history yet",
    };
    let svg = line::draw(&series, Scale::PERCENT, labels, 420.0);
    chart("readiness-weeks", svg, format!("Readiness by week. {desc}"))
}

/// Hours per week by area (the window's average) against the recommended split.
fn time_split(m: &Model) -> Chart {
    const W: f64 = 800.0;
    let s = &m.split;
    let weeks = f64::from(s.window_days.max(1)) / 7.0;
    let total = s.minutes as f64 / 60.0 / weeks;
    let rows: Vec<(&str, f64, f64)> = s
        .rows
        .iter()
        .map(|r| (r.area.label(), r.minutes as f64 / 60.0 / weeks, total * f64::from(r.recommended) / 100.0))
        .collect();
    let max = rows.iter().flat_map(|r| [r.1, r.2]).fold(1.0_f64, f64::max);
    let words: Vec<String> =
        rows.iter().map(|(name, h, rec)| format!("{name} {h:.1} h/week (recommended {rec:.1})")).collect();
    let desc = format!("Average hours per week over the last {} days: {}.", s.window_days, words.join(", "));
    let height = 110.0 + rows.len() as f64 * 60.0;
    let mut svg = Svg::open(W, height, "Hours per week by area", &desc, &["logged", "recommended"]);
    svg.legend(0, "logged", "logged", 60.0, 56.0);
    svg.legend(1, "recommended", "recommended split", 180.0, 56.0);
    let (left, right) = (180.0, 700.0);
    let x_of = |h: f64| left + h / max * (right - left);
    for (i, (name, hours, rec)) in rows.iter().enumerate() {
        let y = 90.0 + i as f64 * 60.0;
        svg.text(left - 10.0, y + 20.0, "end", name);
        for (j, (key, value)) in [("logged", hours), ("recommended", rec)].into_iter().enumerate() {
            let top = y + j as f64 * 20.0;
            svg.raw(&format!(
                r#"<g class="{key}" color="{}"><rect x="{left:.1}" y="{top:.1}" width="{:.1}" height="16" fill="currentColor"/></g>"#,
                COLOURS[j].0,
                x_of(*value) - left
            ));
            svg.text(x_of(*value) + 6.0, top + 13.0, "start", &format!("{value:.1} h"));
        }
    }
    svg.line(true, (left, 80.0), (left, height - 20.0));
    chart("time-split", svg.finish(), format!("Hours per week by area. {desc}"))
}

/// Which stories back which principle, coloured by the story's credited status,
/// with each principle's depth (refined or ready stories against the target).
fn principles(m: &Model) -> Chart {
    let p = &m.portfolio;
    let stories: Vec<_> = p.views().filter(|s| !s.principles.is_empty()).take(MAX_STORIES).collect();
    let all = p.views().filter(|s| !s.principles.is_empty()).count();
    let (cell, left, top) = (16.0, 330.0, 130.0);
    let width = (left + stories.len().max(1) as f64 * cell + 110.0).max(600.0);
    let height = top + p.principles.len() as f64 * cell + 50.0;
    let covered = p.principles.iter().filter(|r| r.strong >= p.stories_per_lp).count();
    let desc = format!(
        "{covered} of {} principles have {} or more refined or ready stories; {} stories name a principle{}.",
        p.principles.len(),
        p.stories_per_lp,
        all,
        if all > stories.len() { format!(" (the first {} are shown)", stories.len()) } else { String::new() }
    );
    let mut svg = Svg::open(width, height, "Principles × stories", &desc, &["cover"]);
    for (i, (name, opacity)) in [("draft", "0.3"), ("refined", "0.65"), ("ready", "1")].into_iter().enumerate() {
        svg.raw(&format!(
            r#"<g class="cover" color="{}"><rect x="{:.1}" y="47" width="14" height="10" fill="currentColor" fill-opacity="{opacity}"/></g>"#,
            COLOURS[0].0,
            60.0 + i as f64 * 110.0
        ));
        svg.text(80.0 + i as f64 * 110.0, 56.0, "start", name);
    }
    for (j, s) in stories.iter().enumerate() {
        let x = left + j as f64 * cell + cell / 2.0 + 4.0;
        svg.raw(&format!(
            r##"<text class="ink" transform="translate({x:.1},{:.1}) rotate(-60)" fill="{INK}" style="font-size: 10px">{}</text>"##,
            top - 4.0,
            escape(&short(&s.id, 14))
        ));
    }
    svg.text(left + stories.len() as f64 * cell + 10.0, top - 6.0, "start", "depth");
    grid_lines(&mut svg, (left, top), cell, stories.len(), p.principles.len());
    // The filled cells: one path per principle and shade, its tooltip counting them,
    // so that 40 stories × 16 principles stay a few dozen kilobytes.
    for (status, opacity) in [(StoryStatus::Draft, "0.3"), (StoryStatus::Refined, "0.65"), (StoryStatus::Ready, "1")] {
        let mut paths = String::new();
        for (i, row) in p.principles.iter().enumerate() {
            let mut d = String::new();
            let mut n = 0;
            for (j, s) in stories.iter().enumerate() {
                if s.principles.contains(&row.principle) && s.credited == status {
                    let (x, y) = (left + j as f64 * cell + 1.0, top + i as f64 * cell + 1.0);
                    let _ = write!(d, "M{x} {y}h{side}v{side}h-{side}z", side = cell - 1.0);
                    n += 1;
                }
            }
            if n > 0 {
                let _ = write!(
                    paths,
                    r#"<path d="{d}"><title>{}: {n} {} {}</title></path>"#,
                    escape(row.principle.label()),
                    status.label(),
                    if n == 1 { "story" } else { "stories" }
                );
            }
        }
        if !paths.is_empty() {
            svg.raw(&format!(
                r#"<g class="cover" color="{}" fill="currentColor" fill-opacity="{opacity}">{paths}</g>"#,
                COLOURS[0].0
            ));
        }
    }
    for (i, row) in p.principles.iter().enumerate() {
        let y = top + i as f64 * cell;
        svg.text(left - 8.0, y + 12.0, "end", row.principle.label());
        let depth = format!("{}/{}", row.strong, p.stories_per_lp);
        svg.text(left + stories.len() as f64 * cell + 10.0, y + 12.0, "start", &depth);
    }
    chart("principles", svg.finish(), format!("Principles × stories coverage. {desc}"))
}

/// Each area's recent mock ratings (1 to 5) over time.
fn mocks(m: &Model) -> Chart {
    let series: Vec<Series> = Area::ALL
        .iter()
        .map(|area| Series {
            key: area.slug(),
            name: area.label(),
            points: m
                .mocks
                .areas
                .iter()
                .filter(|a| a.area == *area)
                .flat_map(|a| a.recent.iter())
                .filter_map(|p| Some((p.date.parse().ok()?, p.rating)))
                .collect(),
            bold: false,
        })
        .collect();
    let scale = Scale { min: 1.0, max: 5.0, step: 1.0, percent: false };
    let words: Vec<String> = series
        .iter()
        .filter_map(|s| s.points.last().map(|(d, r)| format!("{} last rated {r:.1} on {d}", s.name)))
        .collect();
    let desc = if words.is_empty() {
        "No rated mock interviews yet.".to_string()
    } else {
        format!("Ratings from 1 to 5 of the recent mocks: {}.", words.join(", "))
    };
    let labels =
        Labels { title: "Mock ratings by area", desc: &desc, x: "date of the mock", empty: "no rated mocks yet" };
    let svg = line::draw(&series, scale, labels, 380.0);
    chart("mocks", svg, format!("Mock ratings by area. {desc}"))
}

/// The heat map's empty grid, `cols` × `rows` cells of `cell` pixels from `origin`,
/// as one path.
fn grid_lines(svg: &mut Svg, (left, top): (f64, f64), cell: f64, cols: usize, rows: usize) {
    let (right, bottom) = (left + cols as f64 * cell, top + rows as f64 * cell);
    let mut d = String::new();
    for i in 0..=rows {
        let _ = write!(d, "M{left} {}H{right}", top + i as f64 * cell);
    }
    for j in 0..=cols {
        let _ = write!(d, "M{} {top}V{bottom}", left + j as f64 * cell);
    }
    svg.raw(&format!(r#"<path class="grid" d="{d}" fill="none" stroke="{GRID}" stroke-width="1"/>"#));
}

/// `text` cut to `n` characters with an ellipsis.
fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(n - 1).collect::<String>())
    }
}
