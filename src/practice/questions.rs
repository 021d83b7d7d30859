//! Behavioral interview questions, several per Leadership Principle, for `practice`.
//! Written for this tool; an interviewer asks the same thing in many wordings, so
//! rehearsing a story against more than one of them is the point.

use crate::domain::principles::{Principle, Scenario};
use crate::domain::tracks::Level;

/// The questions for one principle (four each).
pub fn for_principle(p: Principle) -> &'static [&'static str] {
    match p {
        Principle::CustomerObsession => &[
            "Walk me through a decision where what the customer needed pulled against what your team wanted to build.",
            "Tell me about a time you found out customers were unhappy before any metric showed it. What did you do?",
            "Describe a time you said no to a customer request because it was not in their interest.",
            "Tell me how you found out what your customers actually did with something you built, and what you changed because of it.",
        ],
        Principle::Ownership => &[
            "Tell me about a problem outside your remit that you took on because nobody else would.",
            "Describe a time you made a call for the long term that cost your team in the short term.",
            "When did you last pick up something that had been dropped between two teams? How did it end?",
            "Describe something you still own long after launch. How do you know it is healthy today?",
        ],
        Principle::InventAndSimplify => &[
            "Tell me about a process or system you made much simpler. What did you remove, and who objected?",
            "Describe an idea of yours that changed how your team builds or runs software.",
            "Give me an example of a solution you borrowed from somewhere unexpected.",
            "Tell me about a time you made something new work within tight limits instead of asking for more.",
        ],
        Principle::AreRightALot => &[
            "Tell me about a decision you made with incomplete data that turned out to be right. How did you decide?",
            "Describe a time your judgement was wrong. How did you notice, and what did you change?",
            "When did you seek out a view that contradicted yours before an important decision?",
            "Tell me about two experts who disagreed and how you decided between them.",
        ],
        Principle::LearnAndBeCurious => &[
            "Tell me about something you taught yourself recently because your work needed it.",
            "Describe a time curiosity about an odd detail led you to something important.",
            "How did you get up to speed in an area that was new to you, and how fast?",
            "Describe a belief about your field that you changed in the last few years, and what changed it.",
        ],
        Principle::HireAndDevelopTheBest => &[
            "Tell me about someone you helped grow into a bigger role. What did you do specifically?",
            "Describe a hiring decision you pushed back on. What did you see that others did not?",
            "How have you dealt with a strong performer who was holding the team back?",
            "Tell me how you decide who to promote, with one case you decided.",
        ],
        Principle::InsistOnTheHighestStandards => &[
            "Tell me about a time you refused to ship something that met the deadline but not the bar.",
            "Describe how you raised the quality bar for a team that was used to a lower one.",
            "When did you find a defect in work that others had already signed off? What happened next?",
            "Describe a standard you set that others at first thought too strict. Where is it now?",
        ],
        Principle::ThinkBig => &[
            "Tell me about a vision you set that was much larger than what was asked of you.",
            "Describe a time you turned a local fix into something the whole organisation used.",
            "What is the most ambitious bet you have argued for, and how did you get people behind it?",
            "Tell me about a time you asked for a much larger goal than the one you were given. What did you need to get there?",
        ],
        Principle::BiasForAction => &[
            "Tell me about a decision you made quickly without all the information. What made it safe to move?",
            "Describe a time waiting for consensus would have cost too much. What did you do?",
            "Give me an example of a calculated risk you took. How did you limit the downside?",
            "Describe a decision you could undo easily and made fast, and one you could not undo and took slowly.",
        ],
        Principle::Frugality => &[
            "Tell me about something you delivered with far fewer people or less money than planned.",
            "Describe a time you cut a cost that everyone else had accepted as fixed.",
            "When did a constraint on resources lead you to a better design?",
            "Tell me about a time you turned down extra headcount or budget. What did you do instead?",
        ],
        Principle::EarnTrust => &[
            "Tell me about a time you had to deliver bad news to a senior leader or a customer.",
            "Describe how you rebuilt a working relationship that had broken down.",
            "When did you admit a mistake in front of your team or peers? What did it change?",
            "Describe how you got a sceptical group to rely on your team's numbers.",
        ],
        Principle::DiveDeep => &[
            "Tell me about a problem you solved only because you went several levels below the dashboards.",
            "Describe a time the data told a different story from the one people believed. How did you find out?",
            "Walk me through the hardest root cause you have personally tracked down.",
            "Tell me about a metric you stopped trusting. What did you find underneath it?",
        ],
        Principle::HaveBackbone => &[
            "Tell me about a time you disagreed with your manager or a senior leader. How did it play out?",
            "Describe a decision you argued against and then committed to fully. What did committing look like?",
            "When did you hold your position under pressure, and were you right?",
            "Describe a time you were the only one in the room against a plan. What did you say, and what happened?",
        ],
        Principle::DeliverResults => &[
            "Tell me about the most important goal you hit despite a serious setback along the way.",
            "Describe a time you were about to miss a commitment. What did you do, and what was the outcome?",
            "Give me an example of a result you are proud of. How did you measure it?",
            "Tell me about a goal you reset mid-way because the original one was wrong. How did you explain it?",
        ],
        Principle::EarthsBestEmployer => &[
            "Tell me about something you changed to make your team a better place to work.",
            "Describe how you handled a team member who was struggling outside work or burning out.",
            "What have you done to make your team more inclusive, and how did you know it worked?",
            "Describe how you made the workload of your team sustainable during a crunch.",
        ],
        Principle::SuccessAndScale => &[
            "Tell me about a time you weighed the wider effect of a decision beyond your team's goals.",
            "Describe a situation where growth or scale created a responsibility you had to act on.",
            "When did you change a plan because of its effect on people outside your organisation?",
            "Tell me about a risk your product created for people who were not its customers, and what you did about it.",
        ],
    }
}

/// What an L6 interviewer adds to a question: the scope of one or a few teams.
const L6_PROBES: [&str; 4] = [
    "Take a case from a team you led and say how many engineers it touched.",
    "Keep to one team or a handful of teams, and give the number that moved.",
    "Choose a case where you were the accountable lead or manager, and say what you did yourself.",
    "Use something from the last two or three years, at team or multi-team scope.",
];

/// What an L7 interviewer adds: reach across organisations and a long horizon.
const L7_PROBES: [&str; 4] = [
    "Take a case that reached across organisations, and say who had to change course.",
    "Make it a decision whose effect you could still measure a year later.",
    "Choose a case where you had influence but no authority over the people involved.",
    "Use something at platform or company scale, and say what it cost and what it returned.",
];

/// The questions for a principle at a level: the principle's own questions, then
/// each again with what an interviewer at that level probes for (the scope of a
/// few teams at L6; organisations and years at L7). Eight for every principle.
pub fn for_principle_at(p: Principle, level: Level) -> Vec<String> {
    let probes = match level {
        Level::L6 => &L6_PROBES,
        Level::L7 => &L7_PROBES,
    };
    let base = for_principle(p);
    let mut out: Vec<String> = base.iter().map(|q| q.to_string()).collect();
    out.extend(base.iter().zip(probes.iter().cycle()).map(|(q, probe)| format!("{q} {probe}")));
    out
}

/// Questions for a story that names no principle, by its scenario (or general ones).
pub fn for_scenario(s: Option<Scenario>) -> &'static [&'static str] {
    match s {
        Some(Scenario::TechnicalLeadership) => &[
            "Tell me about the most significant technical decision you drove. What were the alternatives?",
            "Describe a time you changed the technical direction of a team or a system.",
        ],
        Some(Scenario::PeopleLeadership) => &[
            "Tell me about a time you turned around a team that was struggling.",
            "Describe how you handled a serious performance problem on your team.",
        ],
        Some(Scenario::CrossFunctionalInfluence) => &[
            "Tell me about a time you got another team to change its plans without any authority over it.",
            "Describe a project that depended on groups with conflicting goals. How did you align them?",
        ],
        Some(Scenario::FailureAndLearning) => &[
            "Tell me about your biggest professional failure and what you do differently because of it.",
            "Describe a project that did not go as planned. What was your part in it?",
        ],
        Some(Scenario::Innovation) => &[
            "Tell me about something new you built that nobody asked for.",
            "Describe an idea of yours that others doubted at first. How did it turn out?",
        ],
        None => &[
            "Tell me about a piece of work you are proud of and your part in it.",
            "Describe a hard problem you owned from start to finish.",
        ],
    }
}

/// Picks one question, turning through the list with `turn` (the number of earlier
/// rehearsals of the story), so each rehearsal meets another wording.
pub fn pick(questions: &'static [&'static str], turn: usize) -> &'static str {
    questions.get(turn % questions.len().max(1)).copied().unwrap_or("Tell me about this story.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_principle_has_several_distinct_questions() {
        let mut all = std::collections::BTreeSet::new();
        for p in Principle::ALL {
            let qs = for_principle(*p);
            assert!(qs.len() >= 4, "{p:?}");
            for q in qs {
                assert!(all.insert(*q), "asked twice: {q}");
                assert!(q.ends_with('?') || q.ends_with('.'), "{q}");
            }
        }
        assert_eq!(all.len(), 64);
    }

    #[test]
    fn eight_questions_a_principle_at_each_level() {
        for p in Principle::ALL {
            let l6 = for_principle_at(*p, Level::L6);
            let l7 = for_principle_at(*p, Level::L7);
            assert!(l6.len() >= 8 && l7.len() >= 8, "{p:?}");
            let distinct: std::collections::BTreeSet<&String> = l6.iter().chain(&l7).collect();
            assert_eq!(distinct.len(), 12, "{p:?}: the shared four and four of each level");
            assert!(l7.iter().any(|q| q.contains("across organisations")));
        }
    }

    #[test]
    fn picking_turns_through_the_list() {
        let qs = for_principle(Principle::DiveDeep);
        assert_eq!(pick(qs, 0), qs[0]);
        assert_eq!(pick(qs, 5), qs[1]);
        assert_eq!(pick(for_scenario(None), 1), for_scenario(None)[1]);
    }
}
