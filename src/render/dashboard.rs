//! The Markdown dashboard. Deterministic (no clock time, everything sorted) and
//! readable on GitHub, in Obsidian and in a terminal: headings, tables, task lists,
//! text bars and relative links to the notes behind each figure.

use std::fmt::Write;

use super::bar;
use crate::diag::Severity;
use crate::note::kinds::StoryStatus;
use crate::score::{AssessmentState, Model};

/// A relative link to a note; spaces encoded so every renderer follows it.
fn link(text: &str, path: &str) -> String {
    format!("[{}]({})", cell(text), path.replace(' ', "%20"))
}

/// Escapes text for a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Links to up to `max` files, then a count of the rest.
fn files(paths: &[String], max: usize) -> String {
    let mut parts: Vec<String> = paths.iter().take(max).map(|p| link(p.rsplit('/').next().unwrap_or(p), p)).collect();
    if paths.len() > max {
        parts.push(format!("+{} more", paths.len() - max));
    }
    parts.join(", ")
}

/// `1 story`, `2 stories`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn pct(v: f64) -> String {
    format!("{}%", (v * 100.0).round() as i64)
}

/// Renders the whole dashboard.
pub fn render(m: &Model) -> String {
    let mut o = String::new();
    header(&mut o, m);
    progress(&mut o, m);
    today(&mut o, m);
    week(&mut o, m);
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
}

fn progress(o: &mut String, m: &Model) {
    let _ = writeln!(o, "## Progress\n");
    let _ = writeln!(o, "| Area | Progress | |\n| --- | --- | ---: |");
    for b in &m.bars {
        let _ = writeln!(o, "| {} | `{}` | {}% |", b.name, bar(b.value, 10), b.percent);
    }
    let _ = writeln!(o);
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
                "| Mock interviews (multiplier) | ×{:.2} | | {} in the window: none gives ×0.70, {} or more ×1.00 | {} |",
                mul.factor,
                mul.mocks,
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
    let _ = writeln!(o);
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
    let pace = if hours + 0.05 >= w.expected_hours_so_far { "on pace" } else { "behind pace" };
    let _ = writeln!(
        o,
        "\nHours: **{hours:.1} h** logged against a commitment of {} ({pace}: {:.1} h expected by today).\n",
        w.commitment, w.expected_hours_so_far
    );
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
                "Not taken yet: answer the questions in {} (1–5 each).\n",
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
    if !p.late.is_empty() {
        let _ = writeln!(o, "Left over from past weeks:\n");
        for t in p.late.iter().take(10) {
            let _ = writeln!(o, "- [ ] week {}: {} ({})", t.week, t.text, link(&format!("line {}", t.line), &p.path));
        }
        if p.late.len() > 10 {
            let _ = writeln!(o, "- … and {} more", p.late.len() - 10);
        }
        let _ = writeln!(o);
    }
}

fn portfolio(o: &mut String, m: &Model) {
    let p = &m.portfolio;
    let _ = writeln!(o, "## Story portfolio\n");
    if p.stories.is_empty() {
        let _ = writeln!(
            o,
            "No stories yet. Start with `systemcraft new story \"Title\" --scenario technical-leadership`.\n"
        );
    }
    let _ = writeln!(o, "| Scenario | Draft | Refined | Ready |\n| --- | --- | --- | --- |");
    let story_links = |ids: &[String]| -> String {
        if ids.is_empty() {
            return "—".into();
        }
        ids.iter()
            .map(|id| p.story(id).map_or_else(|| id.clone(), |s| link(&s.id, &s.path)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for row in &p.scenarios {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            row.scenario.label(),
            story_links(&row.draft),
            story_links(&row.refined),
            story_links(&row.ready)
        );
    }
    let _ = writeln!(o, "\n### Leadership Principles\n");
    let _ = writeln!(o, "| Principle | Depth | Stories |\n| --- | --- | --- |");
    let need = p.stories_per_lp;
    for row in &p.principles {
        let depth: String = (0..need).map(|i| if i < row.strong { '●' } else { '○' }).collect();
        let _ = writeln!(o, "| {} | {depth} | {} |", row.principle.label(), story_links(&row.stories));
    }
    let covered = p.principles.iter().filter(|r| !r.stories.is_empty()).count();
    let _ = writeln!(
        o,
        "\n{covered} of 16 principles have a story; ● marks a refined or ready one ({need} per principle is the target).\n"
    );
    for id in &p.overloaded {
        if let Some(s) = p.story(id) {
            let _ = writeln!(
                o,
                "> **Note:** {} is tagged with {} principles; a story convinces for two or three at most.\n",
                link(&s.title, &s.path),
                s.principles.len()
            );
        }
    }
    if !m.rehearsals.is_empty() {
        let _ = writeln!(o, "### Rehearsals due\n");
        for d in &m.rehearsals {
            let when = match (&d.last, d.overdue_days) {
                (None, _) => "never rehearsed".to_string(),
                (Some(last), 0) => format!("due today (last {last})"),
                (Some(last), n) => format!("{n} day{} overdue (last {last})", if n == 1 { "" } else { "s" }),
            };
            let _ = writeln!(o, "- [ ] {} — {when}", link(&d.title, &d.path));
        }
        let _ = writeln!(o);
    }
    if !p.stories.is_empty() {
        let _ = writeln!(o, "### Stories\n");
        let _ = writeln!(o, "| Story | Scenario | Status | Spoken | STAR checks |\n| --- | --- | --- | ---: | --- |");
        let mut stories: Vec<_> = p.stories.iter().collect();
        stories.sort_by_key(|s| (std::cmp::Reverse(s.status), s.id.clone()));
        for s in stories {
            let failed: Vec<&str> =
                s.findings.iter().filter(|f| !f.passed).map(|f| f.code.trim_start_matches("star/")).collect();
            let passed = s.findings.len() - failed.len();
            let checks = if failed.is_empty() {
                format!("{passed}/{} ✓", s.findings.len())
            } else {
                format!("{passed}/{}: {}", s.findings.len(), failed.join(", "))
            };
            let status = match s.status {
                StoryStatus::Draft => "draft",
                StoryStatus::Refined => "refined",
                StoryStatus::Ready => "**ready**",
            };
            let _ = writeln!(
                o,
                "| {} | {} | {status} | {:.1} min | {checks} |",
                link(&s.title, &s.path),
                s.scenario.map_or("—", |x| x.label()),
                s.minutes
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
    for d in &m.diagnostics {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let hint = d.hint.as_ref().map(|h| format!(" — {h}")).unwrap_or_default();
        let _ = writeln!(o, "- {} {sev}: {} `{}`{hint}", link(&d.location(), &d.path), cell(&d.message), d.code);
    }
    let _ = writeln!(o);
}
