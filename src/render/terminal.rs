//! The short summary `build` prints: the four bars, today's minimums, the first
//! next actions and the count of problems. Colour goes through anstream, which drops
//! it for NO_COLOR, non-terminals and dumb terminals.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::diag::{Diagnostic, Severity};
use crate::score::Model;

/// The diagnostics as `path:line:col: severity: message [code]`, a hint under each,
/// with ANSI styles (stripped by the caller's stream when unwanted).
pub fn diagnostics(diags: &[Diagnostic]) -> String {
    let loc = Style::new().bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();
    for d in diags {
        let colour = match d.severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Info => AnsiColor::Blue,
        };
        let sev = Style::new().fg_color(Some(colour.into())).bold();
        let _ = writeln!(
            out,
            "{loc}{}{loc:#}: {sev}{}{sev:#}: {} {dim}[{}]{dim:#}",
            escape(&d.location()),
            d.severity,
            escape(&d.message),
            d.code
        );
        if let Some(h) = &d.hint {
            let _ = writeln!(out, "  {dim}hint:{dim:#} {}", escape(h));
        }
    }
    out
}

/// Whether `c` reorders text on screen (right-to-left overrides and isolates): shown
/// escaped like a control character, so a file name cannot disguise itself.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether a file name holds a character [`escape`] would change.
pub fn needs_escape(text: &str) -> bool {
    text.chars().any(|c| c.is_control() || is_bidi_control(c))
}

/// Text from a file name or a note, safe to print on a terminal: control characters
/// (a newline that would forge a finding line, an escape sequence that would
/// repaint the screen) and bidirectional overrides are shown as `\n`, `\u{1b}`, ….
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !needs_escape(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

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
