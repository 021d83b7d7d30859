//! What a mock interviewer asks: two behavioral questions for each Leadership
//! Principle, design problems of the target level (services at L6, platforms at
//! L7), and coding problems of interview difficulty (two to a coding round). Written for systemcraft; the runner picks from them in
//! rotation so that consecutive mocks do not repeat themselves.

use crate::domain::principles::Principle;
use crate::domain::tracks::Level;

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

/// Service-level design problems, for L6 (one service or a few, tens of millions
/// of users).
const L6_DESIGNS: [&str; 8] = [
    "a URL shortener with click analytics",
    "a notification service that sends push, e-mail and SMS messages",
    "a rate limiter shared by every public API of a company",
    "a news feed with ranking and fan-out",
    "a ride-hailing dispatch service that matches riders and drivers",
    "a video upload and streaming service",
    "a distributed job scheduler with retries and priorities",
    "an online shop's inventory and checkout service that never oversells",
];

/// Platform and ecosystem design problems, for L7 (what many teams or outside
/// developers build on, at hundreds of millions of users).
const L7_DESIGNS: [&str; 8] = [
    "an event streaming platform that hundreds of internal teams publish to and read from",
    "a company-wide identity and permissions service that every product calls",
    "a configuration and feature-flag platform with staged rollouts across regions",
    "a payments platform that outside businesses integrate with through public APIs",
    "an observability platform holding the metrics, logs and traces of every service",
    "a marketplace platform where outside sellers list, sell and ship their goods",
    "a multi-region storage platform that product teams build on, with a choice of durability",
    "a deployment platform that lets any team ship a service to every region safely",
];

/// The `n`-th design problem (in rotation) at `level`, stated for the level's scale.
pub fn design(n: usize, level: Level) -> String {
    let millions = level.design_scale() / 1_000_000;
    let list = match level {
        Level::L6 => &L6_DESIGNS,
        Level::L7 => &L7_DESIGNS,
    };
    format!("Design {} for {millions} million users.", list[n % list.len()])
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
        assert_eq!(design(0, Level::L6), "Design a URL shortener with click analytics for 10 million users.");
        assert!(design(0, Level::L7).contains("platform") && design(0, Level::L7).ends_with("100 million users."));
        assert_eq!(design(8, Level::L7), design(0, Level::L7));
        assert_ne!(coding(0), coding(1));
    }
}
