//! The passage a STAR finding is about, found in the story's source: the part's
//! lines, the sentence with the most team actions, the line holding a figure. `check`
//! points at it and quotes it.

use crate::note::kinds::Story;
use crate::note::star::formats::Piece;
use crate::note::star::{self as star, Part};

/// A story's text, line by line, with the STAR parts found in it.
pub(super) struct Source<'a> {
    /// The file's lines.
    pub lines: Vec<&'a str>,
    /// The parts, body first, then front-matter keys.
    pub pieces: Vec<Piece>,
}

impl<'a> Source<'a> {
    /// Reads the parts of a story's source (the whole file, line endings normalised).
    pub fn new(source: &'a str, story: &Story, body_line: usize) -> Self {
        let lines: Vec<&str> = source.split('\n').collect();
        let body = lines.get(body_line.saturating_sub(1)..).map_or_else(String::new, |l| l.join("\n"));
        let pieces = star::pieces(story, &body, body_line);
        Source { lines, pieces }
    }

    /// A part, when found.
    pub fn get(&self, part: Part) -> Option<&Piece> {
        self.pieces.iter().find(|p| p.part == part)
    }

    /// A part, when it has words or shares its label with one that has.
    pub fn written(&self, part: Part) -> Option<&Piece> {
        self.get(part)
            .filter(|p| p.words > 0)
            .or_else(|| self.pieces.iter().find(|p| p.also.contains(&part) && p.words > 0))
    }

    /// A part's text ("" when absent).
    pub fn text(&self, part: Part) -> &str {
        star::text_of(&self.pieces, part)
    }

    /// Words spoken: every part.
    pub fn spoken_words(&self) -> usize {
        self.pieces.iter().map(|p| p.words).sum()
    }

    /// 1-based column of the first non-blank character of a line.
    pub fn column(&self, line: usize) -> usize {
        self.lines.get(line.wrapping_sub(1)).map_or(1, |l| l.chars().take_while(|c| c.is_whitespace()).count() + 1)
    }

    /// A part's span joined by `\n`, with the byte offset where each line starts.
    fn span_text(&self, piece: &Piece) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut starts = Vec::new();
        for line in piece.line..piece.end.max(piece.line + 1) {
            starts.push(text.len());
            text.push_str(self.lines.get(line - 1).copied().unwrap_or(""));
            text.push('\n');
        }
        (text, starts)
    }

    /// The first line of a part's span holding `needle` (any case), with its column;
    /// for a needle that runs over two lines, the line holding its first two words.
    pub fn locate(&self, part: Part, needle: &str) -> Option<(usize, usize)> {
        self.find(part, needle).or_else(|| {
            let start: Vec<&str> = needle.split_whitespace().take(2).collect();
            self.find(part, &start.join(" ")).or_else(|| self.find(part, start.first()?))
        })
    }

    fn find(&self, part: Part, needle: &str) -> Option<(usize, usize)> {
        let piece = self.get(part)?;
        let needle = needle.to_lowercase();
        (piece.line..piece.end.max(piece.line + 1)).find_map(|l| {
            let line = self.lines.get(l - 1)?.to_lowercase();
            line.find(&needle).map(|at| (l, line[..at].chars().count() + 1))
        })
    }

    /// The sentence of a part with the most narrative "we" and no "I", with its line
    /// and column: the one to rework in the first person.
    pub fn we_sentence(&self, part: Part) -> Option<(usize, usize, String)> {
        let piece = self.get(part)?;
        let (text, starts) = self.span_text(piece);
        let quoted = star::unquoted(&text);
        let mut best: Option<(usize, usize, String)> = None; // (team actions, start, shown)
        for at in we_words(&quoted) {
            let (start, end, shown) = sentence_around(&text, at);
            if best.as_ref().is_some_and(|b| b.1 == start) {
                continue;
            }
            let (i, we) = star::sentence_pronouns(&quoted[start..end]);
            if i == 0 && we > 0 && best.as_ref().is_none_or(|b| we > b.0) {
                best = Some((we, start, shown));
            }
        }
        let (_, start, shown) = best?;
        let index = starts.partition_point(|s| *s <= start) - 1;
        let col = text[starts[index]..start].chars().count() + 1;
        Some((piece.line + index, col, shown))
    }
}

/// Byte offsets of the words that may be a narrative "we" ("we", "we've", "our").
fn we_words(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = None;
    let mut buf = [0u8; 16];
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let word_char = c.is_alphanumeric() || c == '\'' || c == '’';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if matches!(star::ascii_word(&text[s..i], &mut buf), Some("we" | "we've" | "our")) {
                    out.push(s);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The sentence that holds byte `at`: its start, its end and its text (shortened
/// when long).
pub(super) fn sentence_around(text: &str, at: usize) -> (usize, usize, String) {
    // Not before the paragraph: after the last blank line or heading line above `at`.
    let mut base = 0;
    let mut offset = 0;
    for line in text[..at].split_inclusive('\n') {
        let end = offset + line.len();
        let t = line.trim();
        if line.ends_with('\n') && (t.is_empty() || t.starts_with('#') || t.trim_start_matches('>').trim().is_empty()) {
            base = end;
        }
        offset = end;
    }
    let before = &text[base..at];
    let start = base
        + [". ", "! ", "? ", ".\n", "!\n", "?\n", ":** ", "** ", " — ", " – ", ": ", "; "]
            .iter()
            .filter_map(|sep| before.rfind(sep).map(|i| i + sep.len()))
            .max()
            .unwrap_or_else(|| {
                // Past list markers, quotes and indentation.
                let t = before.trim_start();
                let t = t.trim_start_matches(['-', '*', '+', '>']).trim_start();
                let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
                let t =
                    if digits.len() < t.len() && digits.starts_with(['.', ')']) { digits[1..].trim_start() } else { t };
                before.len() - t.len()
            });
    let rest = &text[start..];
    let end = rest
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '.' | '!' | '?' | ';') && rest[i + 1..].chars().next().is_none_or(char::is_whitespace)
                || (*c == '\n' && rest[i + 1..].trim_start_matches([' ', '>']).starts_with(['\n', '-', '*', '#']))
        })
        .map_or(rest.len(), |(i, c)| if c == '\n' { i } else { i + c.len_utf8() });
    // Quote markers of continuation lines are not words of the sentence.
    let sentence =
        rest[..end].split_whitespace().filter(|w| !w.chars().all(|c| c == '>')).collect::<Vec<_>>().join(" ");
    let sentence = sentence.trim_end_matches("**").trim();
    let shown = if sentence.chars().count() > 100 {
        format!("{}…", sentence.chars().take(99).collect::<String>().trim_end())
    } else {
        sentence.to_string()
    };
    (start, start + end, shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_around_a_word() {
        let line = "- First I measured. Then we moved the jobs to spot capacity. Done.";
        let at = we_words(line)[0];
        assert_eq!(sentence_around(line, at).2, "Then we moved the jobs to spot capacity.");
        let line = "**Action:** Our team rewrote the parser";
        assert_eq!(sentence_around(line, we_words(line)[0]), (12, 39, "Our team rewrote the parser".to_string()));
        assert!(we_words("I owned it, weekly.").is_empty());
        assert_eq!(sentence_around("  1. we did", 5).2, "we did");
    }

    #[test]
    fn the_sentence_with_most_team_actions_and_no_i() {
        let src =
            "## Action\nI said \"we ship today\". We built it and we tested it. I and we wrote docs.\n## Result\nx\n";
        let story = Story::default();
        let s = Source::new(src, &story, 1);
        assert_eq!(s.we_sentence(Part::Action), Some((2, 25, "We built it and we tested it.".to_string())));
    }
}
