//! The short summary `build` prints: the four bars, today's minimums, the first
//! next actions and the count of problems. Colour goes through anstream, which drops
//! it for NO_COLOR, non-terminals and dumb terminals.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::score::Model;

fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// The summary, with ANSI styles (stripped by the caller's stream when unwanted).
pub fn summary(model: &Model, dashboard: &str) -> String {
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();
    for b in &model.bars {
        let colour = match b.percent {
            70.. => AnsiColor::Green,
            40..=69 => AnsiColor::Yellow,
            _ => AnsiColor::Red,
        };
        let _ = writeln!(
            out,
            "  {:<20} {} {:>3}%",
            b.name,
            paint(Style::new().fg_color(Some(colour.into())), &super::bar(b.value, 20)),
            b.percent
        );
    }
    let met = model.today_goals.minimums.iter().filter(|m| m.met).count();
    let _ = writeln!(
        out,
        "  {:<20} {met}/3 minimums met, streak {} day{}",
        "Today",
        model.today_goals.streak,
        if model.today_goals.streak == 1 { "" } else { "s" }
    );
    if let Some(a) = model.actions.first() {
        let _ = writeln!(
            out,
            "  {} {} {}",
            paint(bold, &format!("{:<20}", "Next")),
            a.title,
            paint(dim, &format!("({})", a.target))
        );
    }
    let errors = model.errors();
    let warnings = model.diagnostics.len() - errors;
    if errors + warnings > 0 {
        let _ = writeln!(
            out,
            "  {:<20} {}",
            "Problems",
            paint(
                Style::new().fg_color(Some(if errors > 0 { AnsiColor::Red } else { AnsiColor::Yellow }.into())),
                &format!(
                    "{errors} error{}, {warnings} warning{}",
                    if errors == 1 { "" } else { "s" },
                    if warnings == 1 { "" } else { "s" }
                )
            )
        );
    }
    let _ = writeln!(out, "  {}", paint(dim, dashboard));
    out
}
