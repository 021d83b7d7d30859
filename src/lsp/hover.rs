//! Hovers: a principle → what it asks for and how many stories back it; a story link
//! (or a story id in a list) → the story's title, status, STAR findings and last
//! rehearsal; a front-matter key → what it holds and what it feeds in the scores.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};

use super::adapter;
use super::completion::{spot, yaml_lines, Spot};
use super::documents::{line_range, Document};
use super::fields::{self, Values};
use super::Context;
use crate::domain::principles::Principle;

/// A token of a line: its text and byte span.
#[derive(Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// The text.
    pub text: &'t str,
    /// Byte span in the line.
    pub span: (usize, usize),
    /// Whether it is the target of a `[[link]]`.
    pub link: bool,
}

/// The `[[link]]` or the list item or value under byte `at` of `line`.
pub fn token(line: &str, at: usize) -> Option<Token<'_>> {
    let mut from = 0;
    while let Some(open) = line[from..].find("[[").map(|i| from + i) {
        let Some(close) = line[open + 2..].find("]]").map(|i| open + 2 + i) else { break };
        if (open..close + 2).contains(&at) {
            let inner = &line[open + 2..close];
            let target = inner.split(['|', '#']).next().unwrap_or("");
            return Some(Token { text: target.trim(), span: (open, close + 2), link: true });
        }
        from = close + 2;
    }
    let is_sep = |c: char| matches!(c, '[' | ']' | ',' | ':' | '"' | '\'' | '#');
    let start = line[..at.min(line.len())].rfind(is_sep).map_or(0, |i| i + 1);
    let end = line[start..].find(is_sep).map_or(line.len(), |i| start + i);
    let raw = &line[start..end];
    let text = raw.trim().trim_start_matches("- ").trim();
    if text.is_empty() {
        return None;
    }
    let lead = raw.find(text).unwrap_or(0);
    Some(Token { text, span: (start + lead, start + lead + text.len()), link: false })
}

/// The hover at `pos`.
pub fn hover(ctx: &Context<'_>, doc: &Document, pos: Position) -> Option<Hover> {
    let scope = doc.rel().and_then(fields::scope_of);
    let line = doc.line(pos.line);
    let at = super::documents::offset(line, Position::new(0, pos.character)).min(line.len());
    let in_front = yaml_lines(doc).is_some_and(|r| r.contains(&pos.line));
    let tok = token(line, at)?;
    let range = line_range(pos.line, line, tok.span.0, tok.span.1);
    if tok.link {
        return story(ctx, &adapter::story_id(tok.text), range);
    }
    if !in_front {
        return None;
    }
    // On the key itself.
    let colon = line.find(':').unwrap_or(line.len());
    if at <= colon {
        let Spot::Value { parent, key } = spot(doc, Position::new(pos.line, pos.character.max(1) + 1000)) else {
            return None;
        };
        let field = fields::find(scope?, parent, key)?;
        let text = format!("**`{}`** — {}\n\nFeeds: {}.", field.key, field.what, field.feeds);
        return Some(markdown(text, range));
    }
    let Spot::Value { parent, key } = spot(doc, pos) else { return None };
    let field = fields::find(scope?, parent, key)?;
    match field.values {
        Values::Principles => principle(ctx, Principle::parse(tok.text)?, range),
        Values::Stories => story(ctx, &adapter::story_id(tok.text), range),
        _ => {
            let text = format!("**`{}`** — {}\n\nFeeds: {}.", field.key, field.what, field.feeds);
            Some(markdown(text, range))
        }
    }
}

fn markdown(value: String, range: Range) -> Hover {
    Hover { contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }), range: Some(range) }
}

/// What a principle asks for (the reference note's section on it) and the stories
/// that back it.
fn principle(ctx: &Context<'_>, p: Principle, range: Range) -> Option<Hover> {
    let mut text = format!("**{}** (`{}`)\n\n", p.label(), p.slug());
    let reference = ctx
        .root()
        .and_then(|r| std::fs::read_to_string(r.join("reference/leadership-principles.md")).ok())
        .or_else(|| crate::template::text("reference/leadership-principles.md"))
        .unwrap_or_default();
    let asks = section_for(&reference, p.slug());
    if asks.is_empty() {
        text.push_str(&format!("Asked, for example: \"{}\"\n\n", adapter::questions(p).first().copied().unwrap_or("")));
    } else {
        text.push_str(&asks);
        text.push_str("\n\n");
    }
    if let Some(loaded) = ctx.loaded {
        let need = loaded.model.portfolio.stories_per_lp;
        match loaded.model.portfolio.principles.iter().find(|r| r.principle == p) {
            Some(row) if !row.stories.is_empty() => text.push_str(&format!(
                "Backed by {} stor{} ({} refined or ready; {need} needed): {}",
                row.stories.len(),
                if row.stories.len() == 1 { "y" } else { "ies" },
                row.strong,
                row.stories.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            )),
            _ => text.push_str(&format!("No story backs it yet ({need} refined-or-ready stories needed).")),
        }
    }
    Some(markdown(text, range))
}

/// The section of the principles reference whose heading names `slug`, without
/// its heading.
fn section_for(reference: &str, slug: &str) -> String {
    let needle = format!("`{slug}`");
    let mut lines = reference.lines().skip_while(|l| !(l.starts_with("## ") && l.contains(&needle)));
    if lines.next().is_none() {
        return String::new();
    }
    lines.take_while(|l| !l.starts_with("## ")).collect::<Vec<_>>().join("\n").trim().to_string()
}

/// A story's title, status, STAR findings and last rehearsal.
fn story(ctx: &Context<'_>, id: &str, range: Range) -> Option<Hover> {
    let loaded = ctx.loaded?;
    let Some(view) = loaded.model.portfolio.story(id) else {
        return Some(markdown(format!("No story `{id}` in stories/."), range));
    };
    let mut text = format!("**{}** — `{}`, {}", view.title, view.path, view.status.slug());
    if let Some(s) = view.scenario {
        text.push_str(&format!(", {}", s.slug()));
    }
    if !view.principles.is_empty() {
        text.push_str(&format!(
            "\n\nPrinciples: {}",
            view.principles.iter().map(|p| p.label()).collect::<Vec<_>>().join(" · ")
        ));
    }
    let star: Vec<String> = loaded
        .findings
        .get(&view.path)
        .into_iter()
        .flatten()
        .filter(|d| adapter::is_star_code(d.code))
        .map(|d| format!("- {} `{}` (line {})", d.message, d.code, d.line))
        .collect();
    if star.is_empty() {
        text.push_str(&format!("\n\nSTAR: passes every check ({:.1} min spoken).", view.minutes));
    } else {
        text.push_str(&format!("\n\nSTAR findings ({:.1} min spoken):\n{}", view.minutes, star.join("\n")));
    }
    match loaded.model.portfolio.rehearsal(id) {
        Some(r) => text.push_str(&format!(
            "\n\nLast rehearsal: {} ({} in all); next due {}{}.",
            r.last,
            r.rehearsals,
            r.due,
            if r.overdue_days > 0 { format!(", {} days overdue", r.overdue_days) } else { String::new() }
        )),
        None => text.push_str("\n\nNever rehearsed: `systemcraft practice --story ID` records one."),
    }
    Some(markdown(text.replace("--story ID", &format!("--story {id}")), range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_links_or_list_items() {
        let line = "principles: [dive-deep, Ownership]";
        assert_eq!(token(line, 16).unwrap().text, "dive-deep");
        assert_eq!(token(line, 27).unwrap().text, "Ownership");
        let line = "Told [[checkout|the checkout one]] twice";
        let t = token(line, 9).unwrap();
        assert_eq!((t.text, t.link, t.span), ("checkout", true, (5, 34)));
    }

    #[test]
    fn a_principle_says_what_it_asks_for() {
        let config = crate::config::Config::defaults("/ws".into(), "2026-11-25".parse().unwrap());
        let ctx = Context { loaded: None, config: &config };
        let doc = Document {
            text: "---\nprinciples: [dive-deep]\n---\n".into(),
            version: 1,
            place: super::super::documents::Place::Workspace("stories/a.md".into()),
        };
        let Some(Hover { contents: HoverContents::Markup(m), .. }) = hover(&ctx, &doc, Position::new(1, 15)) else {
            panic!("no hover")
        };
        assert!(m.value.starts_with("**Dive Deep** (`dive-deep`)"), "{}", m.value);
        assert!(m.value.contains("Probed"), "{}", m.value);
        let Some(Hover { contents: HoverContents::Markup(m), .. }) = hover(&ctx, &doc, Position::new(1, 3)) else {
            panic!("no hover")
        };
        assert!(m.value.contains("LP depth"), "{}", m.value);
    }
}
