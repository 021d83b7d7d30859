//! The words of a STAR finding. A finding keeps the figures its message and hint are
//! made of and writes them out only when shown (`--json`, `Display`), so building a
//! model formats nothing for the thousands of checks the dashboard only counts.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Part;
use crate::domain::tracks::Level;
use crate::note::kinds::PartialDate;

/// The four parts every story needs, in the order they are listed.
const REQUIRED: [Part; 4] = [Part::Situation, Part::Task, Part::Action, Part::Result];

/// Which of the four required parts are missing or empty: bit `i` for `REQUIRED[i]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Missing(u8);

impl Missing {
    /// The parts, in the order the flags were given (Situation, Task, Action, Result).
    pub fn of(missing: [bool; 4]) -> Self {
        Missing(missing.iter().enumerate().fold(0, |m, (i, gone)| m | (u8::from(*gone) << i)))
    }

    /// No part is missing.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The missing parts, in story order.
    pub fn parts(self) -> impl Iterator<Item = Part> {
        REQUIRED.into_iter().enumerate().filter(move |(i, _)| self.0 & (1 << i) != 0).map(|(_, p)| p)
    }
}

/// A finding's message or hint, written out by `Display` exactly as the text it stands
/// for; it serializes as that string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Message {
    /// Fixed text.
    Text(&'static str),
    /// `missing or empty: Situation, Task`.
    Missing(Missing),
    /// `add ## Situation, ## Task with a few sentences each`.
    AddSections(Missing),
    /// `the Action says "I" 3 times and "we" 1 times`.
    Pronouns {
        /// First person singular.
        i: u32,
        /// First person plural.
        we: u32,
    },
    /// `310 words, about 2.2 min spoken at 140 words/min` (the minutes are the words
    /// over the pace, worked out when shown: a story's findings are kept by every
    /// model, so each is kept small).
    Length {
        /// Spoken words.
        words: u32,
        /// Words per minute.
        pace: f64,
    },
    /// `cut to at most 420 words: …`.
    CutTo(f64),
    /// `aim for 280–420 words: …`.
    AimFor(f64, f64),
    /// `the Action has 120 words`.
    ActionWords(u32),
    /// `happened 2025-03`.
    Happened(PartialDate),
    /// `interviewers prefer stories from the last 3 years; …`.
    RecentYears(i16),
    /// `the scope fits L6`.
    ScopeFits(Level),
    /// `no sign of L6 scope (…)`.
    NoScope(Level),
    /// `say how big it was: …, with numbers`.
    ScopeHint(Level),
    /// No STAR part was found in the story.
    NoParts,
    /// The formats the parts are read from.
    Formats,
}

/// The ways of writing the parts that are understood, for a story whose parts cannot
/// be found.
pub const FORMATS: &str = "headings (`## Situation`, `### The Situation`, `#### Action Taken`, `## S — Situation`), bold labels with text or alone on their line (`**Situation:** …`, `- **Situation**: …`), plain labels at the start of a line (`Situation: …`), in lists or blockquotes, a table whose rows or columns are the parts, or front-matter keys `situation:`, `task:`, `action:`, `result:`";

/// The scope a level's stories should show, in words.
fn scope_need(level: Level) -> &'static str {
    match level {
        Level::L6 => "a team, a service or its customers",
        Level::L7 => "several teams, an organisation or a platform",
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Message::Text(text) => f.write_str(text),
            Message::Missing(missing) => {
                f.write_str("missing or empty: ")?;
                for (i, p) in missing.parts().enumerate() {
                    let sep = if i > 0 { ", " } else { "" };
                    write!(f, "{sep}{}", p.heading().trim_start_matches("## "))?;
                }
                Ok(())
            }
            Message::AddSections(missing) => {
                f.write_str("add ")?;
                for (i, p) in missing.parts().enumerate() {
                    let sep = if i > 0 { ", " } else { "" };
                    write!(f, "{sep}{}", p.heading())?;
                }
                f.write_str(" with a few sentences each")
            }
            Message::Pronouns { i, we } => write!(f, "the Action says \"I\" {i} times and \"we\" {we} times"),
            Message::Length { words, pace } => {
                let minutes = f64::from(words) / pace;
                write!(f, "{words} words, about {minutes:.1} min spoken at {pace} words/min")
            }
            Message::CutTo(hi) => write!(f, "cut to at most {hi:.0} words: trim the Situation and keep the Action"),
            Message::AimFor(lo, hi) => {
                write!(f, "aim for {lo:.0}–{hi:.0} words: add what you did and what it changed")
            }
            Message::ActionWords(n) => write!(f, "the Action has {n} words"),
            Message::Happened(h) => write!(f, "happened {h}"),
            Message::RecentYears(years) => {
                write!(f, "interviewers prefer stories from the last {years} years; find a more recent one if you can")
            }
            Message::ScopeFits(level) => write!(f, "the scope fits {level}"),
            Message::NoScope(level) => write!(f, "no sign of {level} scope ({})", scope_need(level)),
            Message::ScopeHint(level) => write!(f, "say how big it was: {}, with numbers", scope_need(level)),
            Message::NoParts => f.write_str("no Situation, Task, Action or Result found"),
            Message::Formats => write!(f, "write the four parts in one of the formats understood: {FORMATS}"),
        }
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_text() {
        let m = Missing::of([false, true, false, true]);
        assert_eq!(Message::Missing(m).to_string(), "missing or empty: Task, Result");
        assert_eq!(Message::AddSections(m).to_string(), "add ## Task, ## Result with a few sentences each");
        assert_eq!(
            Message::Length { words: 66, pace: 140.0 }.to_string(),
            "66 words, about 0.5 min spoken at 140 words/min"
        );
        assert_eq!(
            Message::NoScope(Level::L7).to_string(),
            "no sign of L7 scope (several teams, an organisation or a platform)"
        );
        assert_eq!(
            serde_json::to_string(&Message::Pronouns { i: 1, we: 2 }).unwrap(),
            r#""the Action says \"I\" 1 times and \"we\" 2 times""#
        );
    }
}
