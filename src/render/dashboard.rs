//! The Markdown dashboard. Deterministic (no clock time, everything sorted) and
//! readable on GitHub, in Obsidian and in a terminal: headings, tables, task lists,
//! text bars and relative links to the notes behind each figure.

use std::fmt::Write;

use super::bar;
use super::text::{cell, files, link, push_cell, push_link, push_num, push_tenths};
use crate::chart::dashboard::Chart;
use crate::diag::{Diagnostic, Severity};
use crate::note::kinds::StoryStatus;
use crate::score::portfolio::Portfolio;
use crate::score::{percent, AssessmentState, Model};

/// `1 story`, `2 stories`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A value in [0, 1] as a percent, by the one rounding rule ([`percent`]).
fn pct(v: f64) -> String {
    format!("{}%", percent(v))
}

/// The mark of a slipping bar.
fn slipping(b: &crate::score::readiness::Bar) -> &'static str {
    if b.slipping {
        " ▼ slipping"
    } else {
        ""
    }
}

/// Renders the whole dashboard, without charts.
pub fn render(m: &Model) -> String {
    render_with(m, &[])
}

/// Renders the whole dashboard, embedding `charts` (written beside it) after the
/// progress bars.
pub fn render_with(m: &Model, charts: &[Chart]) -> String {
    let mut o = String::new();
    header(&mut o, m);
    progress(&mut o, m);
    embed(&mut o, charts);
    today(&mut o, m);
    week(&mut o, m);
    time_split(&mut o, m);
    mocks(&mut o, m);
    actions(&mut o, m);
    assessment(&mut o, m);
    plan(&mut o, m);
    portfolio(&mut o, m);
    problems(&mut o, m);
    let c = &m.counts;
    let _ = writeln!(
        o,
        "---\n\n<sub>Built by `systemcraft build` for {} from {}, {}, {}, {} and {}{}. \
         Edit the notes, not this file: it is rewritten on every build.</sub>",
        m.today,
        count(c.stories, "story", "stories"),
        count(c.logs, "log", "logs"),
        count(c.designs, "design", "designs"),
        count(c.mocks, "mock", "mocks"),
        count(c.plans, "plan", "plans"),
        if c.examples > 0 {
            format!(" ({} example note{} not counted)", c.examples, if c.examples == 1 { "" } else { "s" })
        } else {
            String::new()
        }
    );
    o
}

/// The charts as images with alt text, one per paragraph.
fn embed(o: &mut String, charts: &[Chart]) {
    if charts.is_empty() {
        return;
    }
    let _ = writeln!(o, "## Charts\n");
    for c in charts {
        // Brackets would end the alt text early.
        let alt = c.alt.replace(['[', ']'], "");
        let _ = writeln!(o, "![{alt}]({})\n", c.path);
    }
}

fn header(o: &mut String, m: &Model) {
    let p = &m.profile;
    match &p.name {
        Some(name) => {
            let _ = writeln!(o, "# Interview preparation — {name}\n");
        }
        None => {
            let _ = writeln!(o, "# Interview preparation\n");
        }
    }
    let mut facts = vec![
        format!("**Target {}**", p.target_level),
        format!("{} (typically {})", p.track.label(), p.typical_preparation),
        format!("{} timeline, {}/week", p.timeline.label().to_lowercase(), p.commitment),
    ];
    if let Some(day) = p.day {
        facts.push(format!("day {day} of preparation"));
    }
    match (&p.interview_date, p.days_to_interview) {
        (Some(date), Some(days)) if days >= 0 => {
            facts.push(format!("interview {date} ({:.1} weeks left)", days as f64 / 7.0))
        }
        (Some(date), _) => facts.push(format!("interview {date} (passed)")),
        _ => facts.push("no interview date set".into()),
    }
    let _ = writeln!(o, "{}\n", facts.join(" · "));
    if let (Some(path), Some(r)) = (p.path, m.assessment.result()) {
        let _ =
            writeln!(o, "**Study path: {}** — {} (assessment score {}/100).\n", path.label(), path.focus(), r.score);
    }
    for w in &p.warnings {
        let _ = writeln!(o, "> **Warning:** {w}\n");
    }
    if let Some(h) = &m.endgame.headline {
        let _ = writeln!(o, "> **{h}**\n");
    }
}

fn progress(o: &mut String, m: &Model) {
    let _ = writeln!(o, "## Progress\n");
    if m.history.is_empty() {
        let _ = writeln!(o, "| Area | Progress | |\n| --- | --- | ---: |");
        for b in &m.bars {
            let _ = writeln!(o, "| {} | `{}` | {}%{} |", b.name, bar(b.value, 10), b.percent, slipping(b));
        }
    } else {
        // The weeks from the git history, then today: the last point is live.
        let first = m.history.first().map_or("", |w| w.week_end.as_str());
        let _ = writeln!(o, "| Area | Progress | | Weekly since {first} |\n| --- | --- | ---: | --- |");
        for b in &m.bars {
            let mut values: Vec<u32> = m.history.iter().map(|w| w.get(b.key)).collect();
            values.push(b.percent);
            let line = crate::trend::sparkline(&values, values.len());
            let _ = writeln!(o, "| {} | `{}` | {}%{} | `{line}` |", b.name, bar(b.value, 10), b.percent, slipping(b));
        }
    }
    let _ = writeln!(o);
    let mo = &m.momentum;
    if mo.slipping {
        let _ = writeln!(
            o,
            "> **Slipping:** {:.1} h logged from {} to today against {:.1} h the commitment asks ({}%): every bar is marked until the pace is back.\n",
            mo.minutes as f64 / 60.0,
            mo.from,
            mo.expected_minutes as f64 / 60.0,
            mo.percent
        );
    }
    let _ = writeln!(o, "<details><summary>Why these numbers</summary>\n");
    for b in &m.bars {
        let _ = writeln!(o, "**{}: {}%**\n", b.name, b.percent);
        let _ = writeln!(o, "| Component | Value | Weight | How | Notes |\n| --- | ---: | ---: | --- | --- |");
        for c in &b.components {
            let value = if c.assessed { pct(c.value) } else { "—".into() };
            let _ =
                writeln!(o, "| {} | {} | {} | {} | {} |", c.name, value, c.weight, cell(&c.detail), files(&c.files, 3));
        }
        if let Some(mul) = &b.multiplier {
            let _ = writeln!(
                o,
                "| Mock interviews (multiplier) | ×{:.2} | | {} in the window, rated {} on a 0–100% scale: none gives ×0.70, {} or more all rated 5 ×1.00 | {} |",
                mul.factor,
                mul.mocks,
                pct(mul.quality),
                mul.target,
                files(&mul.files, 3)
            );
        }
        let _ = writeln!(o);
    }
    let _ =
        writeln!(o, "How each figure is computed: `docs/scoring.md` in the systemcraft repository.\n\n</details>\n");
}

fn today(o: &mut String, m: &Model) {
    let t = &m.today_goals;
    let _ = writeln!(o, "## Today — {}\n", t.date);
    for min in &t.minimums {
        let unit = if min.key == "coding" { "" } else { " min" };
        let _ = writeln!(o, "- [{}] {} — {}{unit} done", if min.met { "x" } else { " " }, min.label, min.done);
    }
    if t.minimums.is_empty() {
        let _ = writeln!(o, "- No minimums today: the interview comes first.");
    }
    let _ = writeln!(o);
    if !m.endgame.checklist.is_empty() {
        let _ = writeln!(o, "Before the interview:\n");
        for item in &m.endgame.checklist {
            let _ = writeln!(o, "- [ ] {item}");
        }
        let _ = writeln!(o);
    }
    let log = match &t.log {
        Some(p) => format!("today's log: {}", link(p, p)),
        None => "no log for today yet: `systemcraft new log`".into(),
    };
    let _ = writeln!(
        o,
        "Streak: **{} day{}** with every minimum met (best {}) · {log}\n",
        t.streak,
        if t.streak == 1 { "" } else { "s" },
        t.best_streak
    );
}

fn week(o: &mut String, m: &Model) {
    let w = &m.week;
    let _ = writeln!(o, "## This week — {} to {}\n", w.start, w.end);
    let _ = writeln!(o, "| Goal | Done | Progress | Notes |\n| --- | ---: | --- | --- |");
    for g in &w.goals {
        let v = if g.target == 0 { 1.0 } else { g.done as f64 / g.target as f64 };
        let _ = writeln!(o, "| {} | {} / {} | `{}` | {} |", g.label, g.done, g.target, bar(v, 10), files(&g.files, 3));
    }
    let hours = w.minutes as f64 / 60.0;
    if w.expected_hours_so_far <= 0.0 {
        // No day of this week's preparation has ended yet: nothing is owed.
        let _ = writeln!(
            o,
            "\nHours: **{hours:.1} h** logged against a commitment of {} (the pace counts from the first finished day).\n",
            w.commitment
        );
        return;
    }
    let pace = if hours + 0.05 >= w.expected_hours_so_far { "on pace" } else { "behind pace" };
    let _ = writeln!(
        o,
        "\nHours: **{hours:.1} h** logged against a commitment of {} ({pace}: {:.1} h expected by the start of today).\n",
        w.commitment, w.expected_hours_so_far
    );
}

/// The window's hours by area against the recommended split.
fn time_split(o: &mut String, m: &Model) {
    let sp = &m.split;
    let _ = writeln!(o, "## Where the time goes\n");
    if sp.minutes == 0 {
        let _ = writeln!(o, "No practice minutes logged in the window yet.\n");
        return;
    }
    let _ = writeln!(o, "| Area | Hours | Share | Recommended | Off by |\n| --- | ---: | ---: | ---: | ---: |");
    for r in &sp.rows {
        let _ = writeln!(
            o,
            "| {} | {:.1} h | {}% | {}% | {:+} |",
            r.area.label(),
            r.minutes as f64 / 60.0,
            r.percent,
            r.recommended,
            r.off
        );
    }
    let _ = writeln!(
        o,
        "\n{:.1} h logged in the last {} days (logs and single-area mocks); the recommended split is set under `goals: split:`.\n",
        sp.minutes as f64 / 60.0,
        sp.window_days
    );
}

fn mocks(o: &mut String, m: &Model) {
    let s = &m.mocks;
    let _ = writeln!(o, "## Mock interviews\n");
    let status = if s.goal == 0 {
        "no weekly goal".to_string()
    } else if s.this_week >= s.goal {
        "goal met".to_string()
    } else {
        format!("{} to go", s.goal - s.this_week)
    };
    let _ = writeln!(o, "This week: **{} of {}** ({status}).", s.this_week, s.goal);
    match &s.next {
        Some(n) => {
            let kind = n.kind.slug();
            let _ = writeln!(
                o,
                "Next in the plan: **{}** on {} (week {}, {}) → `systemcraft mock --kind {kind}`",
                n.kind.label(),
                n.date,
                n.week,
                link(&format!("line {}", n.line), &n.plan)
            );
        }
        None => {
            let _ = writeln!(o, "No mock ahead in a study plan: `systemcraft mock` runs one now.");
        }
    }
    if !s.planned.is_empty() {
        let list: Vec<String> = s
            .planned
            .iter()
            .map(|p| {
                let what = p.kind.map_or(p.date.clone(), |k| format!("{} {}", p.date, k.label()));
                link(&what, &p.path)
            })
            .collect();
        let _ = writeln!(o, "Planned (counts once it has ratings or minutes): {}", list.join(", "));
    }
    let _ = writeln!(o);
    // Each area's ratings on its own line: a behavioral 2 and a coding 5 say different
    // things, and their mean says neither.
    for a in s.areas.iter().filter(|a| !a.recent.is_empty()) {
        let values: Vec<u32> = a.recent.iter().map(|p| percent((p.rating - 1.0) / 4.0)).collect();
        let line = crate::trend::sparkline(&values, values.len());
        let (first, last) = (a.recent[0].rating, a.recent[a.recent.len() - 1].rating);
        let weighted = a
            .weighted
            .map_or("none rated in the window".to_string(), |w| format!("{w:.2} recency-weighted in the window"));
        let _ = writeln!(
            o,
            "- {} ratings (1–5), last {}: `{line}` {first:.1} → {last:.1} ({weighted})",
            a.area.label(),
            a.recent.len()
        );
    }
    if s.areas.iter().any(|a| !a.recent.is_empty()) {
        let _ = writeln!(o);
    }
    if !s.recent.is_empty() {
        let _ =
            writeln!(o, "| Date | Kind | Behavioral | System design | Coding |\n| --- | --- | ---: | ---: | ---: |");
        for p in s.recent.iter().rev() {
            let kind = p.kind.map_or("—", |k| k.label());
            let cell = |area: crate::score::mocks::Area| {
                p.ratings.get(area.slug()).map_or("—".to_string(), |r| format!("{r:.1}"))
            };
            let _ = writeln!(
                o,
                "| {} | {kind} | {} | {} | {} |",
                link(&p.date, &p.path),
                cell(crate::score::mocks::Area::Behavioral),
                cell(crate::score::mocks::Area::SystemDesign),
                cell(crate::score::mocks::Area::Coding)
            );
        }
        let _ = writeln!(o);
    }
}

fn actions(o: &mut String, m: &Model) {
    let _ = writeln!(o, "## Next actions\n");
    if m.actions.is_empty() {
        let _ = writeln!(o, "Nothing pressing: keep the daily minimums and rehearse.\n");
        return;
    }
    for (i, a) in m.actions.iter().enumerate() {
        // Commands are shown as code; files (also `path:line:col`) as links to the file.
        let target = if a.target.starts_with("systemcraft ") {
            format!("`{}`", a.target)
        } else {
            let path = a.target.split(':').next().unwrap_or(&a.target);
            link(&a.target, path)
        };
        let gain = a.gain.filter(|g| *g > 0.0).map(|g| format!(" (+{g:.1} readiness)")).unwrap_or_default();
        let _ = writeln!(o, "{}. **{}**{gain} — {}. → {target}", i + 1, a.title, a.detail);
    }
    let _ = writeln!(o);
}

fn assessment(o: &mut String, m: &Model) {
    let _ = writeln!(o, "## Self-assessment\n");
    match &m.assessment {
        AssessmentState::NotTaken => {
            let _ = writeln!(
                o,
                "Not taken yet: run `systemcraft assess`, or answer the questions in {} (1–5 each).\n",
                link("assessment.md", "assessment.md")
            );
        }
        AssessmentState::Partial { answered, total, .. } => {
            let _ = writeln!(o, "{answered} of {total} answered in {}.\n", link("assessment.md", "assessment.md"));
        }
        AssessmentState::Taken { taken, result } => {
            let _ = writeln!(
                o,
                "{} form{}: **{}/100** → {}.\n",
                result.form.label(),
                taken.as_ref().map(|t| format!(", taken {t}")).unwrap_or_default(),
                result.score,
                result.path.label()
            );
            let _ = writeln!(o, "| Category | Score | | Band |\n| --- | ---: | --- | --- |");
            for c in &result.categories {
                let _ = writeln!(
                    o,
                    "| {} | {}/{} | `{}` | {} |",
                    c.category.label(),
                    c.sum,
                    c.max,
                    bar(c.fraction(), 10),
                    c.band.label()
                );
            }
            let lp = &result.learning_path;
            let _ = writeln!(o, "\n**Learning path**\n");
            for (name, items) in [
                ("Critical gaps (weeks 1–2)", &lp.critical_gaps),
                ("Skill building (weeks 3–6)", &lp.skill_building),
                ("Excellence (week 7 on)", &lp.excellence),
            ] {
                let list = if items.is_empty() { "—".to_string() } else { items.join("; ") };
                let _ = writeln!(o, "- {name}: {list}");
            }
            let _ = writeln!(o);
        }
    }
}

fn plan(o: &mut String, m: &Model) {
    let Some(p) = &m.plan else { return };
    let _ = writeln!(o, "## Study plan\n");
    let v = if p.total == 0 { 0.0 } else { p.done as f64 / p.total as f64 };
    let _ = writeln!(
        o,
        "{}{}: {} of {} tasks done `{}`{}.\n",
        link(&p.path, &p.path),
        p.study_path.map(|s| format!(" ({})", s.label())).unwrap_or_default(),
        p.done,
        p.total,
        bar(v, 10),
        p.week.filter(|w| *w >= 1).map(|w| format!(", week {w}")).unwrap_or_default()
    );
    if let Some(w) = &p.this_week {
        plan_week(o, w, &p.path);
    }
    if !p.leftovers.is_empty() {
        let total: usize = p.leftovers.iter().map(|g| g.count).sum();
        let _ = writeln!(o, "Left over from past weeks ({total}, by kind):\n");
        for g in p.leftovers.iter().take(LEFTOVER_KINDS) {
            let weeks: Vec<String> = g.weeks.iter().map(u32::to_string).collect();
            let shown: Vec<String> = g
                .first
                .iter()
                .map(|(_, text, line)| format!("{} ({})", cell(text), link(&format!("line {line}"), &p.path)))
                .collect();
            let more = g.count - g.first.len();
            let _ = writeln!(
                o,
                "- **{}** — {} from week{} {}: {}{}",
                g.kind,
                g.count,
                if g.weeks.len() == 1 { "" } else { "s" },
                weeks.join(", "),
                shown.join("; "),
                if more > 0 { format!("; and {more} more") } else { String::new() }
            );
        }
        if p.leftovers.len() > LEFTOVER_KINDS {
            let rest: usize = p.leftovers[LEFTOVER_KINDS..].iter().map(|g| g.count).sum();
            let _ = writeln!(o, "- and {rest} more of {} other kinds", p.leftovers.len() - LEFTOVER_KINDS);
        }
        let _ = writeln!(o);
    }
}

/// Kinds of leftover tasks shown.
const LEFTOVER_KINDS: usize = 6;

fn plan_week(o: &mut String, w: &crate::score::plan_week::PlanWeek, path: &str) {
    use crate::score::plan_week::TaskState;
    let open =
        w.tasks.iter().filter(|t| matches!(t.state, TaskState::Open { .. } | TaskState::Contradicted { .. })).count();
    let _ =
        writeln!(o, "This plan week (week {}, from {}): {open} of {} tasks open.\n", w.week, w.start, w.tasks.len());
    for t in &w.tasks {
        let at = link(&format!("line {}", t.line), path);
        let line = match &t.state {
            TaskState::Open { so_far: Some(n) } => format!("- [ ] {} — so far {n} ({at})", t.text),
            TaskState::Open { so_far: None } => format!("- [ ] {} ({at})", t.text),
            TaskState::Ticked => format!("- [x] {} ({at})", t.text),
            TaskState::DoneByNotes { count, files: f } => {
                format!("- [x] {} — done by the notes: {count} ({})", t.text, files(f, 3))
            }
            TaskState::Contradicted { count, files: f } => format!(
                "- [ ] {} — **ticked by hand, but the notes show {count}**{} ({at})",
                t.text,
                if f.is_empty() { String::new() } else { format!(": {}", files(f, 3)) }
            ),
        };
        let _ = writeln!(o, "{line}");
    }
    let _ = writeln!(o);
}

// A dashboard is read at a glance, so every list on it is cut to a length that fits
// one screen; what is cut is counted and the command that shows it all named. The
// JSON (`build --json`) always carries everything. A workspace of ordinary size
// (tens of stories) never reaches these lengths.

/// Story links shown in one table cell.
const CELL_STORIES: usize = 8;
/// Rehearsals due shown.
const REHEARSALS_SHOWN: usize = 12;
/// Rows of the stories table.
const STORY_ROWS: usize = 100;
/// Problems shown.
const PROBLEMS_SHOWN: usize = 50;

fn portfolio(o: &mut String, m: &Model) {
    story_coverage(o, m);
    story_table(o, &m.portfolio);
}

/// Scenario and principle coverage, overloaded stories and rehearsals due.
fn story_coverage(o: &mut String, m: &Model) {
    let p = &m.portfolio;
    let by_id = p.by_id();
    let _ = writeln!(o, "## Story portfolio\n");
    if p.stories.is_empty() {
        let _ = writeln!(
            o,
            "No stories yet. Start with `systemcraft new story \"Title\" --scenario technical-leadership`.\n"
        );
    }
    let _ = writeln!(o, "| Scenario | Draft | Refined | Ready |\n| --- | --- | --- | --- |");
    let story_links = |o: &mut String, ids: &[String]| {
        if ids.is_empty() {
            o.push('—');
            return;
        }
        for (i, id) in ids.iter().take(CELL_STORIES).enumerate() {
            if i > 0 {
                o.push_str(", ");
            }
            match by_id.get(id.as_str()) {
                Some(s) => push_link(o, &s.id, &s.path),
                None => o.push_str(id),
            }
        }
        if ids.len() > CELL_STORIES {
            o.push_str(" and ");
            push_num(o, (ids.len() - CELL_STORIES) as i64);
            o.push_str(" more");
        }
    };
    for row in &p.scenarios {
        let _ = write!(o, "| {} | ", row.scenario.label());
        story_links(o, &row.draft);
        o.push_str(" | ");
        story_links(o, &row.refined);
        o.push_str(" | ");
        story_links(o, &row.ready);
        o.push_str(" |\n");
    }
    let _ = writeln!(o, "\n### Leadership Principles\n");
    let _ = writeln!(o, "| Principle | Depth | Stories |\n| --- | --- | --- |");
    let need = p.stories_per_lp;
    for row in &p.principles {
        let depth: String = (0..need).map(|i| if i < row.strong { '●' } else { '○' }).collect();
        let _ = write!(o, "| {} | {depth} | ", row.principle.label());
        story_links(o, &row.stories);
        o.push_str(" |\n");
    }
    let covered = p.principles.iter().filter(|r| !r.stories.is_empty()).count();
    let _ = writeln!(
        o,
        "\n{covered} of 16 principles have a story; ● marks a refined or ready one ({need} per principle is the target).\n"
    );
    let (none, one) = crate::score::portfolio::thin_principles(p);
    for (list, what) in [(&none, "No story yet"), (&one, "Only one story")] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "**{what}:** {}. Start one with `systemcraft new story \"…\" --lp {}`.\n",
            crate::score::portfolio::label_list(list),
            list[0].slug()
        );
    }
    matrix(o, p);
    for id in &p.overloaded {
        if let Some(s) = by_id.get(id.as_str()) {
            o.push_str("> **Note:** ");
            push_link(o, &s.title, &s.path);
            let _ = writeln!(
                o,
                " is tagged with {} principles; a story convinces for two or three at most.\n",
                s.principles.len()
            );
        }
    }
    if !m.rehearsals.is_empty() {
        let _ = writeln!(o, "### Rehearsals due\n");
        for d in m.rehearsals.iter().take(REHEARSALS_SHOWN) {
            o.push_str("- [ ] ");
            push_link(o, &d.title, &d.path);
            o.push_str(" — ");
            let _ = match (&d.last, d.overdue_days) {
                (None, _) => writeln!(o, "never rehearsed"),
                (Some(last), 0) => writeln!(o, "due today (last {last})"),
                (Some(last), n) => {
                    push_num(o, n);
                    o.push_str(if n == 1 { " day overdue (last " } else { " days overdue (last " });
                    o.push_str(last);
                    writeln!(o, ")")
                }
            };
        }
        if m.rehearsals.len() > REHEARSALS_SHOWN {
            let _ = writeln!(
                o,
                "- … and {} more due; `systemcraft practice` takes the most overdue first",
                m.rehearsals.len() - REHEARSALS_SHOWN
            );
        }
        let _ = writeln!(o);
    }
}

/// The principle × story matrix is drawn up to this many stories; past that the
/// principles table above lists them.
const MATRIX_MAX_STORIES: usize = 30;

/// The 16 principles against every story: ● a refined or ready story names the
/// principle, ○ a draft does.
fn matrix(o: &mut String, p: &Portfolio) {
    if p.stories.is_empty() || p.stories.len() > MATRIX_MAX_STORIES {
        return;
    }
    o.push_str("<details><summary>Principles × stories</summary>\n\n| Principle |");
    for i in 1..=p.stories.len() {
        let _ = write!(o, " {i} |");
    }
    o.push_str("\n| --- |");
    for _ in &p.stories {
        o.push_str(" :-: |");
    }
    o.push('\n');
    for row in &p.principles {
        let _ = write!(o, "| {} |", row.principle.label());
        for s in &p.stories {
            let mark = match (s.principles.contains(&row.principle), s.is_strong()) {
                (false, _) => "",
                (true, true) => "●",
                (true, false) => "○",
            };
            let _ = write!(o, " {mark} |");
        }
        o.push('\n');
    }
    o.push('\n');
    for (i, s) in p.stories.iter().enumerate() {
        let _ = write!(o, "{}. ", i + 1);
        push_link(o, &s.title, &s.path);
        let _ = writeln!(o, " ({} principle{})", s.principles.len(), if s.principles.len() == 1 { "" } else { "s" });
    }
    o.push_str("\n● refined or ready, ○ draft.\n\n</details>\n\n");
}

/// Every story with its status, length and failed STAR checks.
fn story_table(o: &mut String, p: &Portfolio) {
    let below: Vec<_> = p.stories.iter().filter(|s| s.credit_note.is_some()).collect();
    if !below.is_empty() {
        let _ = writeln!(o, "### Counted below their status\n");
        for s in &below {
            o.push_str("- ");
            push_link(o, &s.title, &s.path);
            o.push_str(": ");
            // The note quotes the path: escaped like every name on the dashboard.
            push_cell(o, s.credit_note.as_deref().unwrap_or_default());
            o.push('\n');
        }
        let _ = writeln!(o);
    }
    if !p.stories.is_empty() {
        let _ = writeln!(o, "### Stories\n");
        let _ = writeln!(o, "| Story | Scenario | Status | Spoken | STAR checks |\n| --- | --- | --- | ---: | --- |");
        let mut stories: Vec<_> = p.stories.iter().collect();
        stories.sort_by(|a, b| b.credited.cmp(&a.credited).then_with(|| a.id.cmp(&b.id)));
        for s in stories.iter().take(STORY_ROWS) {
            let mut status = match s.credited {
                StoryStatus::Draft => "draft",
                StoryStatus::Refined => "refined",
                StoryStatus::Ready => "**ready**",
            }
            .to_string();
            if s.credited != s.status {
                status.push_str(&format!(" (marked {})", s.status));
            }
            o.push_str("| ");
            push_link(o, &s.title, &s.path);
            o.push_str(" | ");
            o.push_str(s.scenario.map_or("—", |x| x.label()));
            o.push_str(" | ");
            o.push_str(&status);
            o.push_str(" | ");
            push_tenths(o, s.minutes);
            let failed = s.findings.iter().filter(|f| !f.passed).count();
            o.push_str(" min | ");
            push_num(o, (s.findings.len() - failed) as i64);
            o.push('/');
            push_num(o, s.findings.len() as i64);
            if failed == 0 {
                o.push_str(" ✓");
            } else {
                o.push_str(": ");
                for (i, f) in s.findings.iter().filter(|f| !f.passed).enumerate() {
                    if i > 0 {
                        o.push_str(", ");
                    }
                    o.push_str(f.code.strip_prefix("star/").unwrap_or(f.code));
                }
            }
            o.push_str(" |\n");
        }
        if stories.len() > STORY_ROWS {
            let _ = writeln!(
                o,
                "\n… and {} more stories; `systemcraft check` goes through every one.",
                stories.len() - STORY_ROWS
            );
        }
        let _ = writeln!(o);
    }
}

fn problems(o: &mut String, m: &Model) {
    let _ = writeln!(o, "## Problems\n");
    if m.diagnostics.is_empty() {
        let _ = writeln!(o, "None: every note was read.\n");
        return;
    }
    // Past the cut, errors come first so that none hides behind warnings; each
    // severity keeps the path order.
    let mut shown: Vec<&Diagnostic> = m.diagnostics.iter().collect();
    if shown.len() > PROBLEMS_SHOWN {
        shown.sort_by_key(|d| match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        });
        shown.truncate(PROBLEMS_SHOWN);
    }
    for d in &shown {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        o.push_str("- ");
        push_link(o, &d.location(), &d.path);
        let _ = write!(o, " {sev}: ");
        push_cell(o, &d.message);
        let _ = write!(o, " `{}`", d.code);
        if let Some(h) = &d.hint {
            o.push_str(" — ");
            o.push_str(h);
        }
        o.push('\n');
    }
    if m.diagnostics.len() > shown.len() {
        let _ = writeln!(
            o,
            "- … and {} more ({} in all); `systemcraft check` lists every one",
            m.diagnostics.len() - shown.len(),
            count(m.errors(), "error", "errors")
        );
    }
    let _ = writeln!(o);
}
