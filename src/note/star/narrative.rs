//! Who did what, and what was learned, in a story's own words: the narrative "I" and
//! "we" of the Action (quotes, possibilities and objects left out) for
//! `star/we-not-i`, and the ways people state a lesson for `star/no-learning`.

use super::metric::sentences;

/// Lower-cases a short ASCII word into `buf` (`’` read as `'`); `None` for a word
/// longer than `buf` or with another non-ASCII character. No word the checks look for
/// is long or non-ASCII, and no non-ASCII character lower-cases to a letter they use,
/// so a `None` word never matches.
pub(crate) fn ascii_word<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '’' => b'\'',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// A text with what is inside quotation marks blanked out: a quote is what someone
/// said ("We're trying a faster path"), not what the team did. A long quoted passage
/// (more than 25 words) or one never closed is the story itself written as speech,
/// and is kept.
pub fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((open, close)) = next_quote(rest) {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let q = after.chars().next().map_or(1, char::len_utf8);
        let Some(len) = after[q..].find(|c| c == close || (close == '”' && c == '"')) else {
            out.push_str(after);
            return out;
        };
        let inner = &after[q..q + len];
        let end = q + len + after[q + len..].chars().next().map_or(1, char::len_utf8);
        if inner.split_whitespace().count() > 25 {
            out.push_str(&after[..end]);
        } else {
            // Blanked byte for byte, lines kept, so offsets and sentences stay where
            // they were.
            for c in after[..end].chars() {
                if c == '\n' {
                    out.push('\n');
                } else {
                    out.extend(std::iter::repeat_n(' ', c.len_utf8()));
                }
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The next opening quotation mark and the mark that closes it.
fn next_quote(text: &str) -> Option<(usize, char)> {
    text.char_indices().find_map(|(i, c)| match c {
        '"' => Some((i, '"')),
        '“' => Some((i, '”')),
        _ => None,
    })
}

/// Words after "we" that make it a possibility, not something the team did.
const MODALS: &[&str] =
    &["could", "would", "might", "should", "may", "can", "can't", "cannot", "must", "will", "won't"];

/// Words that open a hypothetical sentence.
const HYPOTHETICAL: &[&str] = &["if", "unless", "otherwise", "suppose", "imagine", "whether"];

/// Counts the narrative first person in one sentence: ("I", "we") as the subject of
/// something done. "Us" is an object, "we could…" and "if we…" are not done, and
/// "our team" acts as "we" does.
pub fn sentence_pronouns(sentence: &str) -> (usize, usize) {
    let mut words: Vec<String> = Vec::new();
    let mut buf = [0u8; 16];
    for w in sentence.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        if w.is_empty() {
            continue;
        }
        words.push(ascii_word(w, &mut buf).unwrap_or("").to_string());
    }
    if words.first().is_some_and(|w| HYPOTHETICAL.contains(&w.as_str())) {
        return (0, 0);
    }
    let (mut i, mut we) = (0, 0);
    for (k, w) in words.iter().enumerate() {
        let next = words.get(k + 1).map_or("", String::as_str);
        match w.as_str() {
            "i" | "i'm" | "i've" | "i'd" | "i'll" => i += 1,
            "we" | "we've" if !MODALS.contains(&next) => we += 1,
            "our" if matches!(next, "team" | "teams" | "group" | "squad" | "crew") => we += 1,
            _ => {}
        }
    }
    (i, we)
}

/// Counts the narrative "I" and "we" of a text (see [`sentence_pronouns`]), quotes
/// left out.
pub fn pronouns(text: &str) -> (usize, usize) {
    sentences(&unquoted(text)).into_iter().map(sentence_pronouns).fold((0, 0), |(a, b), (i, we)| (a + i, b + we))
}

/// What a story says it learned, in the words people use for a lesson: "I learned
/// that…", "the lesson…", "taught me" anywhere; "Going forward…", "Since then…",
/// "Next time…" when they open a sentence or a clause; "Now I…", "I always…" opening
/// one in the Result or the Learnings, where they describe a habit rather than the
/// plot.
pub fn states_learning(story_text: &str, closing_text: &str) -> bool {
    const ANYWHERE: &[&str] = &[
        "i learned",
        "i learnt",
        "i've learned",
        "i have learned",
        "learned that",
        "learnt that",
        "the lesson",
        "my lesson",
        "a lesson",
        "lessons i",
        "lesson i",
        "lessons learned",
        "lesson learned",
        "taught me",
        "takeaway",
        "i realized",
        "i realised",
        "if i did it again",
        "differently now",
    ];
    const OPENING: &[&str] = &[
        "going forward",
        "since then",
        "ever since",
        "from then on",
        "from that day",
        "in hindsight",
        "looking back",
        "next time",
        "in the future",
    ];
    const CLOSING: &[&str] = &["now i ", "i now ", "today i ", "these days i ", "i always ", "i never "];
    let clauses = |text: &str| -> Vec<String> {
        text.to_lowercase()
            .replace('’', "'")
            .split(['.', '!', '?', '\n', ';', ',', ':'])
            .map(|c| c.trim().trim_start_matches(['-', '*', '>', ' ']).trim_start_matches("and ").to_string() + " ")
            .collect()
    };
    let all = story_text.to_lowercase().replace('’', "'");
    ANYWHERE.iter().any(|c| all.contains(c))
        || clauses(story_text).iter().any(|c| OPENING.iter().any(|o| c.starts_with(o)))
        || clauses(closing_text).iter().any(|c| CLOSING.iter().any(|o| c.starts_with(o)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_stories_are_read() {
        let story = "\"I measured the queue for a week, then I wrote a proposal and I walked every team lead through it before we changed anything in production at all.\"";
        assert_eq!(pronouns(story), (3, 1));
        assert_eq!(unquoted("a \"short\" b"), "a         b");
        assert_eq!(unquoted("a “née” b").len(), "a “née” b".len());
    }

    #[test]
    fn pronoun_counts() {
        assert_eq!(pronouns("I led it; we shipped. My team and I'm proud of us."), (2, 1));
        // Quotes, possibilities and objects are not team actions.
        assert_eq!(
            pronouns("She said \"We're trying a faster path\" and we could make things worse; they told us."),
            (0, 0)
        );
        assert_eq!(pronouns("If we had waited, it would fail. Our team rewrote it."), (0, 1));
    }

    #[test]
    fn lessons_in_the_words_people_use() {
        assert!(states_learning("Since then every migration I run has a dry run.", ""));
        assert!(states_learning("x", "Now I write the rollback first."));
        assert!(!states_learning("Now I had two weeks left.", "It shipped."));
        assert!(!states_learning("It has handled 1.2 million bookings since then.", ""));
        assert!(states_learning("Going forward, I pair on risky changes.", ""));
    }
}
