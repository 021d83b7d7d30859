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

/// Units and measures that make the number before them a metric.
const UNITS: &[&str] = &[
    "percent",
    "per",
    "pct",
    "percentage",
    "points",
    "point",
    "pts",
    "pp",
    "bps",
    "x",
    "times",
    "fold",
    "ms",
    "millisecond",
    "milliseconds",
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "quarters",
    "k",
    "m",
    "mm",
    "b",
    "bn",
    "thousand",
    "million",
    "millions",
    "billion",
    "billions",
    "hundred",
    "hundreds",
    "kb",
    "mb",
    "gb",
    "tb",
    "pb",
    "qps",
    "rps",
    "tps",
    "usd",
    "eur",
    "gbp",
    "dollars",
    "euros",
    "pounds",
    "%",
];

/// Words after which a number is a name, not a measure.
const LABELS: &[&str] = &[
    "version",
    "v",
    "release",
    "phase",
    "step",
    "stage",
    "level",
    "sprint",
    "iteration",
    "milestone",
    "q",
    "quarter",
    "h",
    "fy",
    "page",
    "chapter",
    "number",
    "#",
    "week",
    "day",
    "gen",
    "generation",
    "tier",
    "wave",
    "round",
    "part",
    "room",
    "floor",
    "building",
    "section",
    "item",
    "issue",
    "ticket",
    "pr",
    "rfc",
    "grade",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "dozen",
    "dozens",
    "half",
];

/// The one in a compound such as "ninety-one"; alone, "one" is not a count.
const COMPOUND_ONLY: &[&str] = &["one"];

const CHANGE_WORDS: &[&str] = &["doubled", "tripled", "quadrupled", "halved", "tenfold"];

/// Words ending in "s" that are not plural nouns.
const NOT_PLURAL: &[&str] = &[
    "was",
    "has",
    "is",
    "this",
    "its",
    "his",
    "hers",
    "as",
    "us",
    "less",
    "across",
    "always",
    "perhaps",
    "unless",
    "thus",
    "yes",
    "ours",
    "yours",
    "theirs",
    "whereas",
    "besides",
    "afterwards",
    "towards",
    "sometimes",
    "does",
    "goes",
    "process",
    "success",
    "business",
    "plus",
];

/// One word of the text: lower-cased, with the punctuation around it removed except a
/// currency sign in front and `%` behind.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '—' || c == '–' || c == '(' || c == ')')
        .map(|w| {
            let w = w.trim_start_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '¥' | '#')));
            let w = w.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '%'));
            w.to_lowercase()
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
    if w.split('-').all(|p| NUMBER_WORDS.contains(&p) || COMPOUND_ONLY.contains(&p))
        && w.split('-').any(|p| NUMBER_WORDS.contains(&p))
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
        s if UNITS.contains(&s) => Token::Measure,
        _ => Token::Other,
    }
}

fn is_year(digits: &str, grouped: bool) -> bool {
    !grouped && digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
}

fn plural_noun(w: &str) -> bool {
    w.len() >= 4 && w.ends_with('s') && w.chars().all(|c| c.is_alphabetic() || c == '-') && !NOT_PLURAL.contains(&w)
}

/// Whether the text states a measurable result (see the module docs).
pub fn has_metric(text: &str) -> bool {
    let words = words(text);
    let at = |i: usize| words.get(i).map(String::as_str);
    let unit_at = |i: usize| at(i).is_some_and(|w| UNITS.contains(&w));
    words.iter().enumerate().any(|(i, w)| match token(w) {
        Token::Measure => true,
        Token::Other => false,
        Token::Word => unit_at(i + 1) || at(i + 1).is_some_and(plural_noun) || at(i + 2).is_some_and(plural_noun),
        Token::Plain { digits, grouped } => {
            let prev = i.checked_sub(1).and_then(at);
            let next = at(i + 1);
            let month = |w: Option<&str>| w.is_some_and(|w| MONTHS.contains(&w));
            if prev.is_some_and(|p| LABELS.contains(&p)) || month(prev) || month(next) {
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
    })
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
