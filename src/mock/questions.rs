//! What a mock interviewer asks: two behavioral questions for each Leadership
//! Principle, design problems sized to the target level, and coding problems of
//! interview difficulty. Written for systemcraft; the runner picks from them in
//! rotation so that consecutive mocks do not repeat themselves.

use crate::domain::principles::Principle;

/// Two questions that probe `p`, each asking for one concrete situation.
pub fn behavioral(p: Principle) -> [&'static str; 2] {
    match p {
        Principle::CustomerObsession => [
            "Walk me through a decision where what the customer needed and what your team wanted to build pulled apart. What did you do?",
            "Tell me about a time you learned something about your customers that changed your roadmap.",
        ],
        Principle::Ownership => [
            "Describe a problem outside your formal remit that you took on anyway. Why you, and how did it end?",
            "Tell me about a time you made a trade-off between a short-term win and the long-term health of a system or a team.",
        ],
        Principle::InventAndSimplify => [
            "Tell me about the simplest solution you have shipped to a problem others thought needed something big.",
            "Describe an idea of yours that changed how your team or organisation works. Where did it come from?",
        ],
        Principle::AreRightALot => [
            "Tell me about a call you made with incomplete data that turned out right. How did you decide?",
            "Describe a time your judgement was wrong. When did you notice, and what did you change?",
        ],
        Principle::LearnAndBeCurious => [
            "What is the last technical area you had to learn fast for work? How did you go about it?",
            "Tell me about a time your curiosity about a problem led you somewhere nobody had asked you to go.",
        ],
        Principle::HireAndDevelopTheBest => [
            "Tell me about someone you helped grow into a bigger role. What exactly did you do for them?",
            "Describe a hiring decision you pushed back on, for or against. What was your reasoning?",
        ],
        Principle::InsistOnTheHighestStandards => [
            "Tell me about a time you refused to ship something that met the deadline but not your bar.",
            "Describe how you raised the quality bar of a team that was used to a lower one.",
        ],
        Principle::ThinkBig => [
            "Tell me about a vision you set out that went well beyond what your team was asked to do. How did you get people behind it?",
            "Describe a time you turned a local fix into something many teams could use.",
        ],
        Principle::BiasForAction => [
            "Tell me about a decision you took quickly without all the information. What made the risk acceptable?",
            "Describe a situation where waiting for consensus would have cost too much. What did you do?",
        ],
        Principle::Frugality => [
            "Tell me about something you delivered with far fewer people, money or time than you asked for.",
            "Describe a cost you cut in a system or a process without hurting what customers got.",
        ],
        Principle::EarnTrust => [
            "Tell me about a time you had to deliver bad news to your leadership or a partner team. How did you handle it?",
            "Describe a relationship with a peer that started badly. What did you do to fix it?",
        ],
        Principle::DiveDeep => [
            "Tell me about a problem where the metrics looked fine but you suspected otherwise. How did you dig in?",
            "Walk me through the hardest root cause you have found. Which details mattered?",
        ],
        Principle::HaveBackbone => [
            "Tell me about a time you disagreed with your manager or a senior leader. What happened after the decision was made?",
            "Describe a time you committed fully to a direction you had argued against.",
        ],
        Principle::DeliverResults => [
            "Tell me about the most important goal you hit despite a serious setback along the way.",
            "Describe a project that was slipping when you took it over. What did you change to land it?",
        ],
        Principle::EarthsBestEmployer => [
            "Tell me about something you changed to make your team a better place to work. How did you know it worked?",
            "Describe a time you protected someone on your team from burnout or an unfair situation.",
        ],
        Principle::SuccessAndScale => [
            "Tell me about a decision where you weighed the effect of your team's work on people beyond your customers.",
            "Describe a time your system's growth created a risk for others, and what you did about it.",
        ],
    }
}

/// Design problems, each stated for a number of users filled in at the target
/// level's scale.
const DESIGNS: [&str; 8] = [
    "a URL shortener with click analytics",
    "a notification service that sends push, e-mail and SMS messages",
    "a rate limiter shared by every public API of a company",
    "a news feed with ranking and fan-out",
    "a ride-hailing dispatch service that matches riders and drivers",
    "a video upload and streaming service",
    "a distributed job scheduler with retries and priorities",
    "an online shop's inventory and checkout service that never oversells",
];

/// The `n`-th design problem (in rotation) for `users` users.
pub fn design(n: usize, users: u64) -> String {
    let millions = users / 1_000_000;
    format!("Design {} for {millions} million users.", DESIGNS[n % DESIGNS.len()])
}

/// Coding problems of medium difficulty.
const CODING: [&str; 8] = [
    "Merge overlapping time intervals and return the merged list in order.",
    "Build a cache with a fixed capacity that evicts the least recently used entry.",
    "Find the length of the longest substring without a repeated character.",
    "Return the k most frequent words of a text, ties broken alphabetically.",
    "Given course prerequisites, return an order to take every course, or say none exists.",
    "Count the islands in a grid of land and water cells.",
    "Serialise a binary tree to a string and rebuild it from that string.",
    "Find the minimum number of meeting rooms a list of meetings needs.",
];

/// The `n`-th coding problem, in rotation.
pub fn coding(n: usize) -> &'static str {
    CODING[n % CODING.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_principle_has_two_distinct_questions() {
        for p in Principle::ALL {
            let [a, b] = behavioral(*p);
            assert!(a != b && a.ends_with(['?', '.']) && b.ends_with(['?', '.']), "{p:?}");
        }
    }

    #[test]
    fn problems_rotate_and_carry_the_scale() {
        assert_eq!(design(0, 10_000_000), "Design a URL shortener with click analytics for 10 million users.");
        assert_eq!(design(8, 100_000_000), design(0, 100_000_000));
        assert_ne!(coding(0), coding(1));
    }
}
