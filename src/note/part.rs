//! The five parts of a STAR story and the names people give them in headings and
//! labels.

/// The parts of a STAR story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Part {
    /// What was going on.
    Situation,
    /// What you had to achieve.
    Task,
    /// What you did.
    Action,
    /// What came of it.
    Result,
    /// What you took away.
    Learnings,
}

impl Part {
    /// The part a heading or label names, in the forms people write (the first when
    /// it names several).
    pub fn of(title: &str) -> Option<Part> {
        Part::all_of(title).first().copied()
    }

    /// The parts a heading or label names: `Situation`, `The Situation`,
    /// `S — Situation`, `Action Taken`, `📋 S`, `Situation and Task`. Every word must be
    /// a part's name, one of its letters, a number or a filler word (`the`, `my`,
    /// `taken`…), so a sentence is never a label.
    pub fn all_of(title: &str) -> Vec<Part> {
        // `Result(s)`, `Action(s)`: the plural written in brackets; any other aside in
        // brackets (`S — Situation (30 seconds)`) is not part of the name.
        let title = title.replace("(s)", "s").replace("(S)", "S");
        let mut plain = String::with_capacity(title.len());
        let mut depth = 0usize;
        for c in title.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                c if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let n = crate::domain::normalise(&plain);
        let words: Vec<&str> = n.split('-').filter(|w| !w.is_empty()).collect();
        if words.is_empty() || words.len() > 6 {
            return Vec::new();
        }
        let (mut named, mut letters) = (Vec::new(), Vec::new());
        for w in &words {
            if let Some(p) = Part::keyword(w) {
                if !named.contains(&p) {
                    named.push(p);
                }
            } else if let Some(p) = Part::letter(w) {
                letters.push(p);
            } else if !FILLER.contains(w) && !w.chars().all(|c| c.is_ascii_digit()) {
                return Vec::new();
            }
        }
        // "What I did": the filler words alone name the Action.
        if named.is_empty() && letters.is_empty() && words.contains(&"did") {
            return vec![Part::Action];
        }
        if named.is_empty() {
            // Letters alone: one letter (`S`, `📋 S`), not a run of them.
            return if letters.len() == 1 { letters } else { Vec::new() };
        }
        // A letter with a name must agree with it (`S — Situation`).
        if letters.iter().any(|l| !named.contains(l)) {
            return Vec::new();
        }
        named
    }

    /// A part name alone on a line (`Situation`, `Results`, `Lessons learned`), not a
    /// single letter.
    pub fn named(line: &str) -> Option<Part> {
        let n = crate::domain::normalise(line);
        if n.split('-').any(|w| w.chars().count() == 1) {
            return None;
        }
        Part::all_of(line).first().copied()
    }

    fn keyword(word: &str) -> Option<Part> {
        Some(match word {
            "situation" | "context" | "background" | "setting" => Part::Situation,
            "task" | "tasks" | "goal" | "goals" | "objective" | "objectives" | "challenge" | "problem"
            | "responsibility" | "responsibilities" | "mission" | "assignment" | "role" => Part::Task,
            "action" | "actions" | "approach" | "steps" | "solution" | "execution" | "implementation" => Part::Action,
            "result" | "results" | "outcome" | "outcomes" | "impact" => Part::Result,
            "learning" | "learnings" | "lesson" | "lessons" | "learned" | "learnt" | "reflection" | "reflections"
            | "takeaway" | "takeaways" | "retrospective" | "hindsight" => Part::Learnings,
            _ => return None,
        })
    }

    fn letter(word: &str) -> Option<Part> {
        Some(match word {
            "s" => Part::Situation,
            "t" => Part::Task,
            "a" => Part::Action,
            "r" => Part::Result,
            "l" => Part::Learnings,
            _ => return None,
        })
    }

    /// The heading to suggest.
    pub fn heading(self) -> &'static str {
        match self {
            Part::Situation => "## Situation",
            Part::Task => "## Task",
            Part::Action => "## Action",
            Part::Result => "## Result",
            Part::Learnings => "## Learnings",
        }
    }

    /// The front-matter key that holds the part.
    pub fn key(self) -> &'static str {
        match self {
            Part::Situation => "situation",
            Part::Task => "task",
            Part::Action => "action",
            Part::Result => "result",
            Part::Learnings => "learnings",
        }
    }
}

/// Words a part's heading may carry besides its name.
const FILLER: &[&str] = &[
    "the",
    "my",
    "our",
    "i",
    "we",
    "what",
    "did",
    "and",
    "or",
    "of",
    "key",
    "main",
    "final",
    "overall",
    "taken",
    "part",
    "star",
    "step",
    "specific",
    "personal",
    "business",
    "measurable",
    "how",
    "was",
    "were",
    "is",
    "its",
    "in",
    "detail",
    "details",
    "summary",
    "brief",
    "section",
    "looking",
    "back",
    "learnt",
    "so",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_in_the_forms_people_write() {
        assert_eq!(Part::of("S"), Some(Part::Situation));
        assert_eq!(Part::of("Actions"), Some(Part::Action));
        assert_eq!(Part::of("Result:"), Some(Part::Result));
        assert_eq!(Part::of("Lessons learned"), Some(Part::Learnings));
        assert_eq!(Part::of("Notes"), None);
    }

    #[test]
    fn parts_with_more_words() {
        assert_eq!(Part::of("Action Taken"), Some(Part::Action));
        assert_eq!(Part::of("The Situation"), Some(Part::Situation));
        assert_eq!(Part::of("S — Situation"), Some(Part::Situation));
        assert_eq!(Part::of("📋 S"), Some(Part::Situation));
        assert_eq!(Part::of("What I did"), Some(Part::Action));
        assert_eq!(Part::all_of("Situation & Task"), vec![Part::Situation, Part::Task]);
        assert_eq!(Part::of("S — Result"), None);
        assert_eq!(Part::of("The situation was bad"), None);
        assert_eq!(Part::of("Action items"), None);
        assert_eq!(Part::of("Result(s)"), Some(Part::Result));
        assert_eq!(Part::of("My Role"), Some(Part::Task));
        assert_eq!(Part::of("🎯 S - Situation (30-45 seconds)"), Some(Part::Situation));
        assert_eq!(Part::of("Action (50% of the answer)"), Some(Part::Action));
        assert_eq!(Part::named("Lessons learned"), Some(Part::Learnings));
        assert_eq!(Part::named("S"), None);
    }
}
