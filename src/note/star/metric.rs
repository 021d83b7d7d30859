//! Whether a text states a measurable result, for `star/no-metric`.
//!
//! A digit is not enough: "In March 2024 the project finished", "It shipped in Q3" and
//! "Version 2 went live" carry digits but no measure. A text has a metric when one of
//! its numbers is
//!
//! - money, a percentage, a multiplier or a magnitude: `$2M`, `€40k`, `40%`, `3x`, `10k`;
//! - a number followed by a unit or glued to one: `200 ms`, `3 days`, `9 points`,
//!   `24-hour`, `5GB`;
//! - any other plain number that is not a year, a date, a label or an ordinal: a count
//!   (`12 teams`, `2,300 orders`) or a before and after (`from 900 to 280`);
//! - a number word followed by a unit or by a plural noun within two words
//!   (`three days`, `ninety-one percent`, `three teams`, `two junior engineers`), or a
//!   change word: `doubled`, `tripled`, `quadrupled`, `halved`.
//!
//! Not a metric on their own: a year (a four-digit number from 1900 to 2099 without a
//! unit after it), a number next to a month name (`March 2024`, `3 May`), a number after
//! a label word (`version 2`, `phase 3`, `week 4`), a token with letters before its
//! digits (`Q3`, `H1`, `FY24`, `v2`, `p99`), a date or version written with `-`, `/`
//! or several dots (`2024-03-01`, `1.2.3`), an ordinal (`3rd`) and a time of day
//! (`6 a.m.`). The word "one" alone is not a count ("one of the", "no one").

use std::borrow::Cow;

use super::vocabulary::{CHANGE_WORDS, COMPOUND_ONLY, LABELS, MONTHS, NOT_PLURAL, NUMBER_WORDS, UNITS};

/// One word of the text: lower-cased, with the punctuation around it removed except a
/// currency sign in front and `%` behind.
fn words(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| c.is_whitespace() || c == '—' || c == '–' || c == '(' || c == ')')
        .map(|w| {
            let w = w.trim_start_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '¥' | '#')));
            let w = w.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '%'));
            // Most words are lower-case ASCII already: only the others are copied.
            if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// What a word is, as far as numbers go.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// Money, a percentage, a multiplier, a magnitude or a glued unit: a metric.
    Measure,
    /// A plain number: its digits (separators removed) and whether it had a comma.
    Plain { digits: String, grouped: bool },
    /// A number word (or a compound of them).
    Word,
    /// Anything else, including numbers that are names, dates or ordinals.
    Other,
}

fn token(w: &str) -> Token {
    if CHANGE_WORDS.contains(&w) {
        return Token::Measure;
    }
    if w.split('-').all(|p| NUMBER_WORDS.contains(p) || COMPOUND_ONLY.contains(&p))
        && w.split('-').any(|p| NUMBER_WORDS.contains(p))
    {
        return Token::Word;
    }
    let (currency, rest) = match w.chars().next() {
        Some(c @ ('$' | '€' | '£' | '¥')) => (true, &w[c.len_utf8()..]),
        _ => (false, w),
    };
    // The number: digits with `,` or `.` between them.
    let end = rest
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || (matches!(c, ',' | '.')
                    && i > 0
                    && rest[i + 1..].chars().next().is_some_and(|n| n.is_ascii_digit())))
        })
        .map_or(rest.len(), |(i, _)| i);
    let (number, suffix) = rest.split_at(end);
    if number.is_empty() {
        return Token::Other;
    }
    if currency {
        return Token::Measure;
    }
    if number.matches('.').count() > 1 {
        return Token::Other; // a version or a date: 1.2.3, 03.05.2024
    }
    match suffix {
        "" => Token::Plain { digits: number.replace([',', '.'], ""), grouped: number.contains(',') },
        "%" | "x" | "×" => Token::Measure,
        // An ordinal, a time of day, a decade (the 1990s).
        "st" | "nd" | "rd" | "th" | "am" | "pm" => Token::Other,
        "s" if number.len() == 4 => Token::Other,
        s if s.starts_with('-') => {
            // 24-hour, 3-day, 10-person: a unit or a count; 2024-03-01: a date.
            let after = &s[1..];
            if !after.is_empty() && after.chars().all(|c| c.is_alphabetic() || c == '-') {
                Token::Measure
            } else {
                Token::Other
            }
        }
        s if UNITS.contains(s) => Token::Measure,
        _ => Token::Other,
    }
}

fn is_year(digits: &str, grouped: bool) -> bool {
    !grouped && digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
}

fn plural_noun(w: &str) -> bool {
    w.len() >= 4 && w.ends_with('s') && w.chars().all(|c| c.is_alphabetic() || c == '-') && !NOT_PLURAL.contains(w)
}

/// Fractions and multipliers written in words, and the word before them that makes
/// them a measure: "a third", "by half", "twice as fast".
fn word_measure(prev: Option<&str>, w: &str, next: Option<&str>) -> bool {
    match w {
        "twice" | "thrice" => true,
        "third" | "quarter" | "fifth" | "tenth" | "thirds" | "quarters" => {
            prev.is_some_and(|p| matches!(p, "a" | "one" | "two" | "three" | "by"))
        }
        "half" => prev.is_some_and(|p| matches!(p, "in" | "by" | "a" | "one")) || next == Some("the"),
        "one" | "a" | "an" | "single" => {
            let unit = next.is_some_and(|n| {
                matches!(n, "day" | "week" | "hour" | "minute" | "afternoon" | "morning" | "sprint" | "night")
            });
            let after = prev.is_some_and(|p| matches!(p, "in" | "to" | "within" | "under" | "than" | "takes" | "took"));
            unit && (after || (w != "a" && w != "an" && prev.is_some()))
        }
        _ => false,
    }
}

/// The measures a text states, as written (lower-cased): see the module docs.
pub fn figures(text: &str) -> Vec<String> {
    let words = words(text);
    let at = |i: usize| words.get(i).map(|w| w.as_ref());
    let unit_at = |i: usize| at(i).is_some_and(|w| UNITS.contains(w));
    let measure = |i: usize, w: &str| match token(w) {
        Token::Measure => true,
        Token::Other => word_measure(i.checked_sub(1).and_then(at), w, at(i + 1)),
        Token::Word => {
            word_measure(i.checked_sub(1).and_then(at), w, at(i + 1))
                || unit_at(i + 1)
                || at(i + 1).is_some_and(plural_noun)
                || at(i + 2).is_some_and(plural_noun)
        }
        Token::Plain { digits, grouped } => {
            let prev = i.checked_sub(1).and_then(at);
            let next = at(i + 1);
            let month = |w: Option<&str>| w.is_some_and(|w| MONTHS.contains(w));
            if prev.is_some_and(|p| LABELS.contains(p)) || month(prev) || month(next) {
                return false;
            }
            if next.is_some_and(|n| matches!(n, "am" | "pm" | "a.m" | "p.m" | "o'clock")) {
                return false;
            }
            if is_year(&digits, grouped) {
                return unit_at(i + 1);
            }
            true
        }
    };
    // A figure is quoted with the unit or noun after it: "two weeks", "12 teams".
    let phrase = |i: usize, w: &str| match at(i + 1) {
        Some(n) if !matches!(token(w), Token::Measure) && (UNITS.contains(n) || plural_noun(n)) => format!("{w} {n}"),
        _ => w.to_string(),
    };
    words.iter().enumerate().filter(|(i, w)| measure(*i, w)).map(|(i, w)| phrase(i, w)).collect()
}

/// Whether the text states a measurable result (see the module docs).
pub fn has_metric(text: &str) -> bool {
    !figures(text).is_empty()
}

/// Words that say a figure changed or was reached: with one of them, a figure the
/// Task or Situation also names is an outcome ("cut it to 30%"), not a restatement.
const CHANGE: &[&str] = &[
    "fell",
    "dropped",
    "drop",
    "rose",
    "grew",
    "cut",
    "reduced",
    "reduction",
    "increased",
    "increase",
    "decreased",
    "improved",
    "improvement",
    "saved",
    "saving",
    "savings",
    "from",
    "faster",
    "quicker",
    "slower",
    "fewer",
    "lower",
    "higher",
    "shrank",
    "went",
    "achieved",
    "hit",
    "reached",
    "beat",
    "exceeded",
    "doubled",
    "halved",
    "tripled",
    "removed",
    "deleted",
    "eliminated",
];

/// The sentences of a text: cut after `.`, `!`, `?` or `;` followed by a space (not
/// inside `4.2` or `1,900.50`) and at line ends.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let end = c == '\n' || (matches!(c, '.' | '!' | '?' | ';') && next.is_none_or(char::is_whitespace));
        if end {
            let s = &text[start..i];
            if !s.trim().is_empty() {
                out.push(s);
            }
            start = i + c.len_utf8();
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(&text[start..]);
    }
    out
}

/// The figures of a text that read as an outcome: money, a percentage or a
/// multiplier, or any figure in a sentence that says something changed. For the hint
/// of a Result without figures, when the Action has them.
pub fn outcome_figures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let changed = words(sentence).iter().any(|w| CHANGE.contains(&w.as_ref()));
        for f in figures(sentence) {
            let measure = f.split_whitespace().next().is_some_and(|w| matches!(token(w), Token::Measure));
            if changed || measure {
                out.push(f);
            }
        }
    }
    out
}

/// The key a figure is compared by: its digits, or the word.
fn key(figure: &str) -> String {
    let digits: String = figure.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        figure.to_string()
    } else {
        digits
    }
}

/// The Result's figures that count as a result: those the Task and Situation
/// (`context`) do not already state, and those in a sentence that says the figure
/// changed or was reached. A query's filter or the team's size said again is not a
/// result.
pub fn result_figures(result: &str, context: &str) -> Vec<String> {
    let known: Vec<String> = figures(context).iter().map(|f| key(f)).collect();
    let mut out = Vec::new();
    for sentence in sentences(result) {
        let changed = words(sentence).iter().any(|w| CHANGE.contains(&w.as_ref()));
        for f in figures(sentence) {
            if changed || !known.contains(&key(&f)) {
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_pass() {
        for text in [
            "Latency fell by 40%.",
            "It saved $2M a year.",
            "Throughput went up 3x.",
            "p99 dropped to 200 ms.",
            "p99 went from 900 to 280.",
            "The tool now serves 12 teams.",
            "It now serves three teams.",
            "The close went from three days to nine hours.",
            "Ninety-one percent of passwords were upgraded.",
            "One of the two junior engineers I coached now leads the rotation.",
            "The release now takes one day.",
            "Review time fell by a third.",
            "The build is twice as fast.",
            "We cut the bill in half.",
            "The outage cost about 2,300 orders.",
            "Costs halved.",
            "We kept a 24-hour on-call window.",
            "It cost €40k.",
            "Each run takes 2000 ms now.",
            "Pages fell from about 40 a week.",
            "Availability stayed at 99.95%.",
            "Failures dropped to 1 in 1,900.",
        ] {
            assert!(has_metric(text), "{text}");
        }
    }

    #[test]
    fn dates_labels_and_versions_do_not() {
        for text in [
            "In March 2024 the project finished.",
            "It shipped in Q3.",
            "Version 2 went live.",
            "We released v2.1 in 2025.",
            "The project finished in 2024 and everyone was happy.",
            "Phase 3 started on 2024-03-01.",
            "It went live on 3 May, in FY24 H1.",
            "The p99 target is now met, as of the 3rd review.",
            "It runs at 6 a.m. every day, in version 1.2.3.",
            "No one complained, and one of the teams adopted it.",
            "The close became much faster and stayed fast for the rest of the year.",
            "",
        ] {
            assert!(!has_metric(text), "{text}");
        }
    }

    #[test]
    fn restated_figures_are_not_results() {
        let context = "My team of 6 engineers owned the query for orders over 500 dollars.";
        assert!(result_figures("The query for orders over 500 dollars runs for the team of 6.", context).is_empty());
        assert!(result_figures("The team of 6 engineers shipped it.", context).is_empty());
        assert!(result_figures("Orders over 500 dollars now load, and all 6 engineers can work.", context).is_empty());
        assert_eq!(result_figures("Latency fell by 40%.", context), vec!["40%"]);
        assert_eq!(result_figures("Support cost went from 500 to 120 dollars.", context), vec!["500", "120 dollars"]);
    }

    #[test]
    fn tokens() {
        assert_eq!(token("$2.1m"), Token::Measure);
        assert_eq!(token("1,900"), Token::Plain { digits: "1900".into(), grouped: true });
        assert_eq!(token("q3"), Token::Other);
        assert_eq!(token("1990s"), Token::Other);
        assert_eq!(token("200ms"), Token::Measure);
        assert_eq!(token("ninety-one"), Token::Word);
        assert_eq!(token("one"), Token::Other);
    }
}
