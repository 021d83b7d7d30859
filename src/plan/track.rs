//! What a plan owes the candidate's track and timeline: the track's own tasks (a
//! senior engineer heading for L6 grows management scope, an L6 heading for L7 grows
//! strategy and influence across organisations, someone from another large tech
//! company learns how Amazon interviews and writes), spread over the weeks most
//! important first; and the timeline's weight (intensive: one more mock a week and
//! the highest-weight work first; deep: a leadership-development task and a deep
//! dive every week).

use crate::domain::tracks::{Level, Timeline, Track};

/// The track's tasks, most important first (a short plan keeps the first ones).
pub fn track_tasks(track: Track, level: Level) -> Vec<String> {
    let scale = level.design_scale() / 1_000_000;
    let lines: Vec<String> = match track {
        Track::SeniorToL6 => vec![
            "Toward L6: write down the largest group you have led (people, teams, budget) and one story that shows you growing it".into(),
            "Toward L6: get a people-leadership story to ready in which you coached someone to a measurable step up".into(),
            "Toward L6: prepare a story where you split one team's work across two or more teams and kept them aligned".into(),
            "Toward L6: practise explaining a hiring decision you made, the bar you held and what the hire went on to do".into(),
            "Toward L6: write a one-page note on how you would run a team of 8+ engineers: rituals, metrics, escalation".into(),
            format!("Toward L6: design a service for {scale}M users and mark each place where a second team would own a part"),
            "Toward L6: prepare a conflict story between two engineers you managed, with what you decided and why".into(),
            "Toward L6: ask your manager for one management-scope task this month and note how it goes for a story".into(),
            "Toward L6: rehearse the answer to 'why management now?' in under a minute, with one concrete example".into(),
            "Toward L6: prepare a story about a low performer: the signal, the plan you set, the outcome".into(),
            "Toward L6: review one of your designs for operability: on-call load, dashboards, who gets paged".into(),
            "Toward L6: map your stories to the scope each shows (self, team, several teams) and fill the gap at 'several teams'".into(),
        ],
        Track::L6ToL7 => vec![
            "Toward L7: write a one-page technical strategy for a problem spanning several organisations, with a three-year horizon".into(),
            format!("Toward L7: design a platform for {scale}M+ users that other teams build on: its contracts, limits and migration path"),
            "Toward L7: prepare a story where you changed the direction of an organisation you did not manage".into(),
            "Toward L7: prepare a story of a long bet: what you gave up in the short term and how the outcome was measured".into(),
            "Toward L7: write how you would grow an ecosystem around a platform: onboarding, versioning, deprecation".into(),
            "Toward L7: practise a five-minute talk on a build-versus-buy decision at company scale, with the numbers".into(),
            "Toward L7: prepare a story where you said no to a senior leader and the data that carried the decision".into(),
            "Toward L7: list the principals and directors you influenced last year and the decision each one changed".into(),
            "Toward L7: review a platform design for failure across regions and the cost of each extra nine".into(),
            "Toward L7: prepare a story about developing other senior engineers into technical leaders".into(),
            "Toward L7: rewrite your two strongest stories so the Result speaks of organisation-wide impact".into(),
            "Toward L7: practise turning an ambiguous business goal into a technical roadmap out loud, in ten minutes".into(),
        ],
        Track::FaangToAmazon => vec![
            "Toward Amazon: read the 16 Leadership Principles and, for each, name the story of yours that fits best".into(),
            "Toward Amazon: rewrite one design doc you wrote for slides as a six-page narrative in full sentences".into(),
            "Toward Amazon: prepare a frugality story: something you delivered with fewer people, less money or less time".into(),
            "Toward Amazon: prepare an ownership story where you fixed something outside your remit because nobody else would".into(),
            "Toward Amazon: practise a bar-raiser round with a partner who asks 'why?' and 'what exactly did you do?' until it runs dry".into(),
            "Toward Amazon: replace every 'we' in your ready stories with what you did yourself".into(),
            "Toward Amazon: prepare a story that starts from the customer and works backwards to the technical choice".into(),
            "Toward Amazon: write a short press release and FAQ for a feature you shipped, as if before building it".into(),
            "Toward Amazon: prepare a 'disagree and commit' story with the moment you committed and what followed".into(),
            "Toward Amazon: list what your current company does differently from Amazon's principles and how you adapted before".into(),
            "Toward Amazon: prepare a dive-deep story where a metric looked fine and the detail showed otherwise".into(),
            "Toward Amazon: practise answering with data first: every Result carries a number and the baseline it moved from".into(),
        ],
    };
    lines
}

/// The timeline's own task for every week, or `None` for the balanced default.
pub fn timeline_task(timeline: Timeline, week: u32) -> Option<String> {
    const DEEP: [&str; 6] = [
        "Leadership development: take on one leadership task at work this week (lead a review, mentor, run a planning session) and note what you learnt",
        "Leadership development: ask a peer or your manager for feedback on how you lead and write down one change to try",
        "Leadership development: read one postmortem or strategy document from another team and write what you would have done differently",
        "Leadership development: coach someone through a design or a decision and note how you kept yourself from taking over",
        "Leadership development: lead a cross-team conversation this week and record who agreed, who did not, and why",
        "Leadership development: write a short reflection on your weakest principle and one situation at work to practise it",
    ];
    const DEEP_DIVE: [&str; 6] = [
        "Deep dive: one storage engine or database you use, down to how it writes and replicates",
        "Deep dive: one consensus or coordination mechanism and where it shows up in a system you know",
        "Deep dive: caching at every layer of one request path, and what invalidates each",
        "Deep dive: one production incident of yours, rebuilt minute by minute, with what the design allowed",
        "Deep dive: back-pressure, retries and timeouts in one service, with the numbers it runs at",
        "Deep dive: the cost model of one system you built, per request and per user",
    ];
    let k = (week as usize).saturating_sub(1);
    match timeline {
        Timeline::Intensive => Some(format!(
            "Intensive: each day starts with the highest-weight work (stories first, then design, then coding); cut what does not move a bar{}",
            if week == 1 { "; mocks begin in week 1" } else { "" }
        )),
        Timeline::Balanced => None,
        Timeline::Deep => Some(format!("{}; {}", DEEP[k % DEEP.len()], DEEP_DIVE[k % DEEP_DIVE.len()].to_lowercase())),
    }
}

/// Extra mock interviews a week for a timeline: one for intensive, none otherwise.
pub fn extra_mocks(timeline: Timeline) -> u32 {
    u32::from(timeline == Timeline::Intensive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_track_has_its_own_tasks() {
        let all: Vec<Vec<String>> = [Track::SeniorToL6, Track::L6ToL7, Track::FaangToAmazon]
            .into_iter()
            .map(|t| track_tasks(t, Level::L6))
            .collect();
        for (i, a) in all.iter().enumerate() {
            assert!(a.len() >= 10);
            for b in &all[i + 1..] {
                assert!(a.iter().all(|t| !b.contains(t)));
            }
        }
        assert!(timeline_task(Timeline::Balanced, 1).is_none());
        assert_ne!(timeline_task(Timeline::Deep, 1), timeline_task(Timeline::Deep, 2));
    }
}
