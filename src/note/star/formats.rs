//! Finding the STAR parts of a story in the forms people write them, line by line:
//!
//! - headings, with more words around the part's name (`## Situation`,
//!   `#### Action Taken`, `### The Situation`, `## S — Situation`);
//! - bold labels, with text after them or alone on their line (`**Situation:** …`,
//!   `**Situation**: …`, `**📋 S** : …`, `**Situation**` then the text below);
//! - plain labels at the start of a line (`Situation: …`, `Situation — …`), on
//!   consecutive lines or in paragraphs;
//! - any of those in a list item (`- **Situation**: …`, tight or loose) or a
//!   blockquote (`> **Situation:** …`, `> Situation: …`);
//! - a Markdown table whose rows or whose columns are the parts.
//!
//! A part runs until the next part, a heading that is not deeper than its own (any
//! heading for a label), or a table. Its spoken text leaves out fenced code blocks,
//! HTML comments, sub-headings and bold sub-labels (`**Step 1:**`): a candidate does
//! not read those out.

use super::Part;

/// One STAR part found in a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Which part.
    pub part: Part,
    /// Other parts its label names too (`## Situation and Task`).
    pub also: Vec<Part>,
    /// The 1-based file line of its label.
    pub line: usize,
    /// The file line after its last line.
    pub end: usize,
    /// Its spoken text, one line of the file per line.
    pub text: String,
    /// Words in `text`.
    pub words: usize,
}

/// An open part while reading: its piece and the heading depth that opened it (0 for
/// a label).
struct Open {
    piece: Piece,
    depth: usize,
}

/// Splits a line into its quote and list prefixes and the content after them.
fn content(line: &str) -> &str {
    let mut t = line.trim_start();
    loop {
        if let Some(rest) = t.strip_prefix('>') {
            t = rest.trim_start();
            continue;
        }
        break;
    }
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < t.len() && t.len() - digits.len() <= 3 {
        if let Some(rest) = digits.strip_prefix(". ").or_else(|| digits.strip_prefix(") ")) {
            return rest.trim_start();
        }
    }
    t
}

/// A heading line: its depth and title.
fn heading(content: &str) -> Option<(usize, &str)> {
    let depth = content.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&depth) {
        return None;
    }
    let rest = &content[depth..];
    if !rest.is_empty() && !rest.starts_with(' ') && !rest.starts_with('\t') {
        return None;
    }
    Some((depth, rest.trim().trim_end_matches('#').trim()))
}

/// A bold span at the start of the content: its inner text and what follows it.
fn leading_bold(content: &str) -> Option<(&str, &str)> {
    for mark in ["**", "__"] {
        if let Some(rest) = content.strip_prefix(mark) {
            let end = rest.find(mark)?;
            return Some((&rest[..end], &rest[end + mark.len()..]));
        }
    }
    None
}

/// What follows a label, when it is a label's separator: the text after it.
fn after_separator(after: &str, inner_ends_with_colon: bool) -> Option<&str> {
    let t = after.trim_start();
    if inner_ends_with_colon || t.is_empty() {
        return Some(t);
    }
    for sep in [":", "—", "–", "-"] {
        if let Some(rest) = t.strip_prefix(sep) {
            if sep != "-" || rest.starts_with(' ') || rest.is_empty() {
                return Some(rest.trim_start());
            }
        }
    }
    None
}

/// A STAR label at the start of a line's content: the parts it names and the text
/// after it.
fn label(content: &str) -> Option<(Vec<Part>, &str)> {
    if let Some((inner, after)) = leading_bold(content) {
        let name = inner.trim();
        let colon = name.ends_with(':');
        let name = name.trim_end_matches(':').trim();
        let parts = Part::all_of(name);
        if !parts.is_empty() {
            if let Some(rest) = after_separator(after, colon) {
                return Some((parts, rest));
            }
        }
        // `**S**ituation: …`: the bold initial of a plain label.
        if name.chars().count() == 1 && after.starts_with(char::is_alphabetic) {
            let word_end = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
            let full = format!("{name}{}", &after[..word_end]);
            let rest = after_separator(&after[word_end..], false)?;
            let parts = Part::all_of(&full);
            return (!parts.is_empty()).then_some((parts, rest));
        }
        return None;
    }
    // A plain label: `Situation: …`, `Situation — …`, or the name alone on its line.
    let t = content.trim();
    if !t.is_empty() && t.split_whitespace().count() <= 3 && !t.contains(['.', ',', '?', '!']) {
        let name = t.trim_end_matches(':').trim();
        // Alone on a line only the full names count: a bare "S" or "Goal" is too
        // likely to be something else.
        if let Some(p) = Part::named(name) {
            return Some((vec![p], ""));
        }
    }
    let (at, sep) = crate::note::markdown::label_separator(t, &[" — ", " – ", " - ", ": ", ":"], 4)?;
    let name = t[..at].trim();
    if name.is_empty() || name.split_whitespace().count() > 4 || name.contains(['*', '`', '[']) {
        return None;
    }
    let rest = &t[at + sep.len()..];
    if sep == ":" && !rest.is_empty() {
        return None;
    }
    let parts = Part::all_of(name);
    (!parts.is_empty()).then_some((parts, rest.trim_start()))
}

/// A bold sub-label or a bold line on its own (`**Step 1:** …`, `**Rollout**`):
/// the text after it, without the label.
fn without_sub_label(content: &str) -> &str {
    if let Some((inner, after)) = leading_bold(content) {
        let short = inner.split_whitespace().count() <= 6;
        let colon = inner.trim_end().ends_with(':') || after.trim_start().starts_with(':');
        if short && (colon || after.trim().is_empty()) {
            return after.trim_start().trim_start_matches(':').trim_start();
        }
    }
    content
}

/// The cells of a table row.
fn cells(line: &str) -> Vec<&str> {
    let t = line.trim().trim_start_matches('>').trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

/// A table cell read as a name: emphasis marks and a closing colon left out
/// (`**S**ituation`, `**Action:**`).
fn cell_name(cell: &str) -> String {
    cell.replace("**", "").replace("__", "").trim_matches(['*', '_', ' ']).trim_end_matches(':').to_string()
}

fn is_separator_row(line: &str) -> bool {
    let c = cells(line);
    !c.is_empty() && c.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// The pieces of a table whose rows or columns are parts. `first` is the file line
/// of the header row.
fn table(rows: &[&str], first: usize) -> Vec<Piece> {
    let header = cells(rows[0]);
    let body: Vec<(usize, Vec<&str>)> = rows.iter().enumerate().skip(2).map(|(i, r)| (first + i, cells(r))).collect();
    let end = first + rows.len();
    let columns: Vec<(usize, Vec<Part>)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let p = Part::all_of(&cell_name(h));
            (!p.is_empty()).then_some((i, p))
        })
        .collect();
    let mut out = Vec::new();
    if columns.len() >= 2 {
        for (i, parts) in columns {
            let text: Vec<&str> = body.iter().filter_map(|(_, c)| c.get(i).copied()).collect();
            out.push(piece(parts, first, end, text.join("\n")));
        }
        return out;
    }
    // Rows as parts: the first cell names the part (the header row may be one too).
    let all = std::iter::once((first, header)).chain(body);
    for (line, c) in all {
        let Some(name) = c.first() else { continue };
        let parts = Part::all_of(&cell_name(name));
        if parts.is_empty() {
            continue;
        }
        out.push(piece(parts, line, line + 1, c[1..].join(" ")));
    }
    out
}

fn piece(mut parts: Vec<Part>, line: usize, end: usize, text: String) -> Piece {
    let part = parts.remove(0);
    Piece { part, also: parts, line, end, text, words: 0 }
}

/// Finds the STAR parts of a story body that starts on file line `first_line`. A part
/// named twice keeps its first place and gets the text of both.
pub fn find(body: &str, first_line: usize) -> Vec<Piece> {
    let lines: Vec<&str> = body.split('\n').collect();
    let mut found: Vec<Piece> = Vec::new();
    let mut open: Option<Open> = None;
    let mut fence: Option<&str> = None;
    let mut comment = false;
    let close = |open: &mut Option<Open>, found: &mut Vec<Piece>, end: usize| {
        if let Some(mut o) = open.take() {
            o.piece.end = end;
            found.push(o.piece);
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let line_no = first_line + i;
        let raw = lines[i];
        let c = content(raw);
        // Fenced code: kept inside the part, never spoken.
        if let Some(f) = fence {
            if c.trim_start().starts_with(f) {
                fence = None;
            }
            i += 1;
            continue;
        }
        if let Some(f) = ["```", "~~~"].into_iter().find(|f| c.trim_start().starts_with(f)) {
            fence = Some(f);
            i += 1;
            continue;
        }
        if comment || c.starts_with("<!--") {
            comment = !c.contains("-->");
            i += 1;
            continue;
        }
        // A table: a row, then a separator row.
        if c.starts_with('|') && lines.get(i + 1).is_some_and(|n| is_separator_row(n)) {
            let start = i;
            while i < lines.len() && content(lines[i]).starts_with('|') {
                i += 1;
            }
            let pieces = table(&lines[start..i], line_no);
            if !pieces.is_empty() {
                close(&mut open, &mut found, line_no);
                found.extend(pieces);
            } else if let Some(o) = open.as_mut() {
                for row in &lines[start + 2..i] {
                    o.piece.text.push_str(&cells(row).join(" "));
                    o.piece.text.push('\n');
                }
            }
            continue;
        }
        if let Some((depth, title)) = heading(c) {
            let parts = Part::all_of(title);
            if !parts.is_empty() {
                close(&mut open, &mut found, line_no);
                open = Some(Open { piece: piece(parts, line_no, line_no + 1, String::new()), depth });
            } else if open.as_ref().is_some_and(|o| o.depth == 0 || depth <= o.depth) {
                close(&mut open, &mut found, line_no);
            }
            i += 1;
            continue;
        }
        if let Some((parts, rest)) = label(c) {
            close(&mut open, &mut found, line_no);
            let mut p = piece(parts, line_no, line_no + 1, String::new());
            p.text.push_str(without_sub_label(rest));
            p.text.push('\n');
            open = Some(Open { piece: p, depth: 0 });
            i += 1;
            continue;
        }
        // After a Result or Learnings opened by a label, another bold label with text
        // (`**Amazon connection:** …`, `- **Principles**: …`) is a note about the
        // story, not more of it.
        if open.as_ref().is_some_and(|o| o.depth == 0 && matches!(o.piece.part, Part::Result | Part::Learnings))
            && leading_bold(c).is_some_and(|(inner, after)| {
                let colon = inner.trim_end().ends_with(':') || after.trim_start().starts_with(':');
                colon && !without_sub_label(c).trim().is_empty()
            })
        {
            close(&mut open, &mut found, line_no);
            i += 1;
            continue;
        }
        if let Some(o) = open.as_mut() {
            let t = without_sub_label(c);
            if !is_rule(t) {
                o.piece.text.push_str(t);
            }
            o.piece.text.push('\n');
        }
        i += 1;
    }
    close(&mut open, &mut found, first_line + lines.len());
    merge(found)
}

/// A thematic break (`---`, `***`), not words.
fn is_rule(t: &str) -> bool {
    let t = t.trim();
    t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*') || t.chars().all(|c| c == '_'))
}

/// One piece per part, in the order they first appear.
fn merge(found: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for mut p in found {
        p.text = p.text.trim().to_string();
        p.words = crate::note::markdown::count_words(&p.text);
        match out.iter_mut().find(|q| q.part == p.part) {
            Some(q) => {
                if !p.text.is_empty() {
                    q.text = format!("{}\n{}", q.text, p.text).trim().to_string();
                    q.words += p.words;
                }
            }
            None => out.push(p),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(body: &str) -> Vec<(Part, usize, String)> {
        find(body, 1).into_iter().map(|p| (p.part, p.line, p.text)).collect()
    }

    #[test]
    fn tight_lists_and_consecutive_labels() {
        let tight = "- **Situation**: the queue was slow.\n- **Task**: fix it.\n- **Action**: I split it.\n  - then I added a cache\n- **Result**: 40% faster.\n";
        let got = parts(tight);
        assert_eq!(got.len(), 4);
        assert_eq!(got[2], (Part::Action, 3, "I split it.\nthen I added a cache".to_string()));
        let plain = "> Situation: slow.\n> Task: fix it.\n> Action: I split it.\n> Result: faster.\n";
        assert_eq!(parts(plain).iter().map(|p| p.1).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    }

    #[test]
    fn bold_alone_and_longer_headings() {
        let b = "**Situation**\nThe site was down.\n\n**Action**\nI rolled back.\n";
        assert_eq!(parts(b)[1], (Part::Action, 4, "I rolled back.".to_string()));
        let h =
            "## S — Situation\nA.\n### The Task\nB.\n#### Action Taken\nC.\n## Results and Impact\nD.\n## Notes\nE.\n";
        let got = parts(h);
        assert_eq!(
            got.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![Part::Situation, Part::Task, Part::Action, Part::Result]
        );
        assert_eq!(got[3].2, "D.");
    }

    #[test]
    fn tables_by_rows_and_by_columns() {
        let rows =
            "| Part | What |\n|---|---|\n| Situation | slow |\n| Task | fix |\n| Action | I split |\n| Result | 2x |\n";
        assert_eq!(parts(rows)[2], (Part::Action, 5, "I split".to_string()));
        let initials = "| | |\n|---|---|\n| **S**ituation | slow |\n| **A**ction: | I split |\n";
        assert_eq!(parts(initials)[1], (Part::Action, 4, "I split".to_string()));
        let cols = "| Situation | Task | Action | Result |\n|---|---|---|---|\n| slow | fix | I split | 2x |\n";
        assert_eq!(parts(cols)[3], (Part::Result, 1, "2x".to_string()));
    }

    #[test]
    fn code_comments_and_sub_labels_are_not_spoken() {
        let b = "## Action\n**Step 1:** I measured.\n```sql\nselect 1;\n```\n<!-- note -->\n**Rollout**\nI shipped.\n";
        assert_eq!(parts(b)[0].2, "I measured.\n\nI shipped.");
    }

    #[test]
    fn a_note_after_the_result_is_not_spoken() {
        let b = "**Action:** I did it.\n\n**Result:** 40% faster.\n\n**Amazon Connection:** shows ownership.\n";
        assert_eq!(parts(b)[1].2, "40% faster.");
        let b = "**Action:** I did it.\n\n**Step 1:** I measured.\n";
        assert_eq!(parts(b)[0].2, "I did it.\n\nI measured.");
    }

    #[test]
    fn a_bold_initial() {
        assert_eq!(parts("**S**ituation: slow.\n**T**ask: fix it.\n")[1], (Part::Task, 2, "fix it.".to_string()));
    }

    #[test]
    fn prose_is_not_a_label() {
        assert!(parts("The situation was bad: nobody knew.\nIn the end, action: none.\n").is_empty());
        assert!(label("Note: something").is_none());
    }
}
