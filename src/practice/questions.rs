//! Behavioral interview questions, several per Leadership Principle, for `practice`.
//! Written for this tool; an interviewer asks the same thing in many wordings, so
//! rehearsing a story against more than one of them is the point.

use crate::domain::principles::{Principle, Scenario};
use crate::domain::tracks::Level;

/// The questions for one principle (eight each).
pub fn for_principle(p: Principle) -> &'static [&'static str] {
    match p {
        Principle::CustomerObsession => &[
            "Walk me through a decision where what the customer needed pulled against what your team wanted to build.",
            "Tell me about a time you found out customers were unhappy before any metric showed it. What did you do?",
            "Describe a time you said no to a customer request because it was not in their interest.",
            "Tell me how you found out what your customers actually did with something you built, and what you changed because of it.",
            "Tell me about a support ticket or complaint that changed your roadmap. What did it show you that the metrics had not?",
            "Describe a time an internal saving would have made the customer experience worse. Which way did you go, and why?",
            "Tell me about a customer you lost or nearly lost. What did it teach you about what they valued?",
            "Give me a case where your team built something no customer ever sees. How did you keep the customer in the decisions?",
        ],
        Principle::Ownership => &[
            "Tell me about a problem outside your remit that you took on because nobody else would.",
            "Describe a time you made a call for the long term that cost your team in the short term.",
            "When did you last pick up something that had been dropped between two teams? How did it end?",
            "Describe something you still own long after launch. How do you know it is healthy today?",
            "Tell me about an incident in a system you did not build that you stepped in to fix. What did you change afterwards?",
            "Describe a time \"not my job\" would have been the easy answer. What did you do instead?",
            "Tell me about technical debt you paid down though nobody asked you to. How did you justify the time?",
            "Describe a time you acted for the whole company rather than for your own team's numbers.",
        ],
        Principle::InventAndSimplify => &[
            "Tell me about a process or system you made much simpler. What did you remove, and who objected?",
            "Describe an idea of yours that changed how your team builds or runs software.",
            "Give me an example of a solution you borrowed from somewhere unexpected.",
            "Tell me about a time you made something new work within tight limits instead of asking for more.",
            "Tell me about a feature, service or step you removed. What happened to the people who relied on it?",
            "Describe a new approach that people outside your team dismissed at first. How did you cope with being misunderstood?",
            "Tell me about a manual chore you automated away. How did you decide it was worth the effort?",
            "Walk me through an architecture you simplified without losing what mattered. What did you measure before and after?",
        ],
        Principle::AreRightALot => &[
            "Tell me about a decision you made with incomplete data that turned out to be right. How did you decide?",
            "Describe a time your judgement was wrong. How did you notice, and what did you change?",
            "When did you seek out a view that contradicted yours before an important decision?",
            "Tell me about two experts who disagreed and how you decided between them.",
            "Tell me about a time someone junior to you changed your mind. What was the argument?",
            "Describe a technical bet you made a few years ago. How has it held up?",
            "How do you know you have enough information to make a call? Give me a recent example.",
            "Tell me about a time your instinct and the data pointed different ways. Which did you follow, and what happened?",
        ],
        Principle::LearnAndBeCurious => &[
            "Tell me about something you taught yourself recently because your work needed it.",
            "Describe a time curiosity about an odd detail led you to something important.",
            "How did you get up to speed in an area that was new to you, and how fast?",
            "Describe a belief about your field that you changed in the last few years, and what changed it.",
            "Tell me about a question you asked that nobody on the team had thought of. Where did it lead?",
            "Describe something you picked up from a team or field far from yours and brought into your own work.",
            "Tell me about a failure, yours or someone else's, that you studied closely. What did you take from it?",
            "How do you keep your technical knowledge current while you lead? Tell me the last thing it changed.",
        ],
        Principle::HireAndDevelopTheBest => &[
            "Tell me about someone you helped grow into a bigger role. What did you do specifically?",
            "Describe a hiring decision you pushed back on. What did you see that others did not?",
            "How have you dealt with a strong performer who was holding the team back?",
            "Tell me how you decide who to promote, with one case you decided.",
            "Tell me about a time you raised the hiring bar. What did you change in how candidates were assessed?",
            "Describe someone who left your team for a bigger role elsewhere. What part did you play in it?",
            "Tell me about feedback you gave that was hard to hear. How was it taken, and what changed afterwards?",
            "Describe a habit of mentoring or coaching you built on a team, and how you knew it was working.",
        ],
        Principle::InsistOnTheHighestStandards => &[
            "Tell me about a time you refused to ship something that met the deadline but not the bar.",
            "Describe how you raised the quality bar for a team that was used to a lower one.",
            "When did you find a defect in work that others had already signed off? What happened next?",
            "Describe a standard you set that others at first thought too strict. Where is it now?",
            "Tell me about a recurring problem you fixed at its source instead of patching it once more.",
            "Describe a time a high bar and a hard deadline pulled against each other. What did you give up, and what did you refuse to?",
            "Tell me about a design or code review where you sent the work back. How did you explain why?",
            "Describe a mechanism you put in place so quality held without you checking every time.",
        ],
        Principle::ThinkBig => &[
            "Tell me about a vision you set that was much larger than what was asked of you.",
            "Describe a time you turned a local fix into something the whole organisation used.",
            "What is the most ambitious bet you have argued for, and how did you get people behind it?",
            "Tell me about a time you asked for a much larger goal than the one you were given. What did you need to get there?",
            "Tell me about a time you saw that a small product could become a platform that others build on.",
            "Describe a long-term roadmap you wrote. How far ahead did it look, and how much of it came true?",
            "Tell me about a time you argued for solving a whole class of problems instead of the one in front of you.",
            "Describe a goal you set that people called impossible. How close did you get?",
        ],
        Principle::BiasForAction => &[
            "Tell me about a decision you made quickly without all the information. What made it safe to move?",
            "Describe a time waiting for consensus would have cost too much. What did you do?",
            "Give me an example of a calculated risk you took. How did you limit the downside?",
            "Describe a decision you could undo easily and made fast, and one you could not undo and took slowly.",
            "Tell me about a time during an incident when you acted before you had full approval. What did you tell people afterwards?",
            "Describe a time you shipped a small first version to learn, instead of waiting for the complete design.",
            "Tell me about a project that had been stuck for weeks and how you got it moving.",
            "Describe a time moving fast went wrong. What did you change about how you decide?",
        ],
        Principle::Frugality => &[
            "Tell me about something you delivered with far fewer people or less money than planned.",
            "Describe a time you cut a cost that everyone else had accepted as fixed.",
            "When did a constraint on resources lead you to a better design?",
            "Tell me about a time you turned down extra headcount or budget. What did you do instead?",
            "Tell me about a time you reused something that already existed instead of building new. What did it save?",
            "Describe how you cut the running cost of a system, and how you made sure customers did not pay for it.",
            "Tell me about a project you stopped or shrank because it cost more than it returned.",
            "How do you tell when spending more is the frugal choice? Give me a case.",
        ],
        Principle::EarnTrust => &[
            "Tell me about a time you had to deliver bad news to a senior leader or a customer.",
            "Describe how you rebuilt a working relationship that had broken down.",
            "When did you admit a mistake in front of your team or peers? What did it change?",
            "Describe how you got a sceptical group to rely on your team's numbers.",
            "Tell me about a time you gave others the credit for work you could have claimed.",
            "Describe how you earned the trust of a team you had just joined or taken over.",
            "Tell me about a time a peer was critical of your work. What did you do with it?",
            "Describe a time you were open about a risk that made your own project look worse.",
        ],
        Principle::DiveDeep => &[
            "Tell me about a problem you solved only because you went several levels below the dashboards.",
            "Describe a time the data told a different story from the one people believed. How did you find out?",
            "Walk me through the hardest root cause you have personally tracked down.",
            "Tell me about a metric you stopped trusting. What did you find underneath it?",
            "Tell me about a time a single anecdote made you doubt metrics that looked fine. What did you find?",
            "Describe how you stay close to the details of your team's work without micromanaging. What has it caught?",
            "Tell me about an estimate or plan you took apart line by line. What did you find?",
            "Walk me through an incident review you led. How deep did you go before you were satisfied?",
        ],
        Principle::HaveBackbone => &[
            "Tell me about a time you disagreed with your manager or a senior leader. How did it play out?",
            "Describe a decision you argued against and then committed to fully. What did committing look like?",
            "When did you hold your position under pressure, and were you right?",
            "Describe a time you were the only one in the room against a plan. What did you say, and what happened?",
            "Tell me about a time you challenged an idea the whole team was excited about.",
            "Describe a time you pushed back on a customer or partner. How did you keep the relationship?",
            "Tell me about a disagreement you lost. How did you carry out the decision anyway?",
            "Describe a disagreement you escalated. How did you decide it was worth escalating?",
        ],
        Principle::DeliverResults => &[
            "Tell me about the most important goal you hit despite a serious setback along the way.",
            "Describe a time you were about to miss a commitment. What did you do, and what was the outcome?",
            "Give me an example of a result you are proud of. How did you measure it?",
            "Tell me about a goal you reset mid-way because the original one was wrong. How did you explain it?",
            "Tell me about a time you had to drop one of several commitments. How did you choose which?",
            "Describe a late project you took over. What did you change first?",
            "Tell me about a launch where you cut scope to keep the date. What stayed in, and why?",
            "Describe the result you delivered that had the largest measurable effect on the business.",
        ],
        Principle::EarthsBestEmployer => &[
            "Tell me about something you changed to make your team a better place to work.",
            "Describe how you handled a team member who was struggling outside work or burning out.",
            "What have you done to make your team more inclusive, and how did you know it worked?",
            "Describe how you made the workload of your team sustainable during a crunch.",
            "Tell me about a process you changed because it was unfair to part of your team.",
            "Describe how you helped someone on your team find work that suited them better.",
            "Tell me about a time you shielded your team from pressure that would have hurt them. What did it cost you?",
            "How do you find out what your team really thinks about working there? Tell me something you changed because of it.",
        ],
        Principle::SuccessAndScale => &[
            "Tell me about a time you weighed the wider effect of a decision beyond your team's goals.",
            "Describe a situation where growth or scale created a responsibility you had to act on.",
            "When did you change a plan because of its effect on people outside your organisation?",
            "Tell me about a risk your product created for people who were not its customers, and what you did about it.",
            "Tell me about a time you weighed the environmental or community effect of a technical decision.",
            "Describe a feature you changed or held back because of how it could be misused.",
            "Tell me about a time your team's success created work or risk for another group. What did you do?",
            "Describe how you kept a system safe and fair as it grew to many more users.",
        ],
    }
}

/// What an L6 interviewer adds to a question: the scope of a team, a few teams or a
/// service. One for each of a principle's eight questions.
const L6_PROBES: [&str; 8] = [
    "Take a case from a team you led and say how many engineers it touched.",
    "Keep to one team or a handful of teams, and give the number that moved.",
    "Choose a case where you were the accountable lead or manager, and say what you did yourself.",
    "Use something from the last two or three years, at team or multi-team scope.",
    "Pick a service you owned end to end, and say which teams depended on it.",
    "Keep it to your own team and the two or three teams next to it, and say what you handed to others.",
    "Choose a case where you set the direction for a team of engineers, and say how you checked it was followed.",
    "Use something you could measure within a few months, and give the figure before and after.",
];

/// What an L7 interviewer adds: reach across organisations, several years, a
/// platform, users by the hundred million. One for each of the eight questions.
const L7_PROBES: [&str; 8] = [
    "Take a case that reached across organisations, and say who had to change course.",
    "Make it a decision whose effect you could still measure a year later.",
    "Choose a case where you had influence but no authority over the people involved.",
    "Use something at platform or company scale, and say what it cost and what it returned.",
    "Pick a platform other organisations built on, and say how many users it reached in the end.",
    "Take a case that ran over several years, and say how the plan changed along the way.",
    "Choose something that touched 100 million users or more, and say which call was yours alone.",
    "Use a case where several organisations had to agree, and say how you kept them agreeing.",
];

/// The questions for a principle at a level: each of the principle's eight
/// questions framed by what an interviewer at that level probes for (a team, a few
/// teams or a service at L6; organisations, years and platforms at L7). Eight for
/// every principle, and the L6 and L7 lists share no entry.
pub fn for_principle_at(p: Principle, level: Level) -> Vec<String> {
    let probes = match level {
        Level::L6 => &L6_PROBES,
        Level::L7 => &L7_PROBES,
    };
    for_principle(p).iter().zip(probes.iter().cycle()).map(|(q, probe)| format!("{q} {probe}")).collect()
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
    fn every_principle_has_eight_distinct_questions() {
        let mut all = std::collections::BTreeSet::new();
        for p in Principle::ALL {
            let qs = for_principle(*p);
            assert_eq!(qs.len(), 8, "{p:?}");
            for q in qs {
                assert!(all.insert(*q), "asked twice: {q}");
                assert!(q.ends_with('?') || q.ends_with('.'), "{q}");
            }
        }
        assert_eq!(all.len(), 128);
    }

    #[test]
    fn eight_distinct_questions_a_principle_at_each_level_and_the_levels_differ() {
        for p in Principle::ALL {
            let l6 = for_principle_at(*p, Level::L6);
            let l7 = for_principle_at(*p, Level::L7);
            assert_eq!((l6.len(), l7.len()), (8, 8), "{p:?}");
            let six: std::collections::BTreeSet<&String> = l6.iter().collect();
            let seven: std::collections::BTreeSet<&String> = l7.iter().collect();
            assert_eq!((six.len(), seven.len()), (8, 8), "{p:?}: eight distinct at each level");
            assert!(six.is_disjoint(&seven), "{p:?}: an L6 question repeated at L7");
            // Each level variant is the principle's question with that level's frame.
            for (i, q) in for_principle(*p).iter().enumerate() {
                assert_eq!(l6[i], format!("{q} {}", L6_PROBES[i]));
                assert_eq!(l7[i], format!("{q} {}", L7_PROBES[i]));
            }
            assert!(l6.iter().any(|q| q.contains("a service you owned")));
            assert!(l7.iter().any(|q| q.contains("across organisations")));
            assert!(l7.iter().any(|q| q.contains("100 million users")));
        }
    }

    #[test]
    fn picking_turns_through_the_list() {
        let qs = for_principle(Principle::DiveDeep);
        assert_eq!(pick(qs, 0), qs[0]);
        assert_eq!(pick(qs, 9), qs[1]);
        assert_eq!(pick(for_scenario(None), 1), for_scenario(None)[1]);
    }
}
