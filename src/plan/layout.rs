//! How [`StudyPlan::generate`](super::StudyPlan::generate) lays out the weeks, one
//! step each: the plan's length (compressed before an early interview), the empty
//! weeks, the daily and weekly routine, the learning path's phases, revisits of the
//! weak items, on-the-job experience, the track's and the timeline's tasks, mock
//! interviews, checkpoints and the endgame.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::schedule::{add_days, days_between, weeks_available};
use super::{plural, track, Compression, Phase, PlanRequest, Task, TaskKind, Week};
use crate::config::EndgameSettings;
use crate::domain::assessment::{Category, Group, Item};
use crate::domain::tracks::Level;
use crate::{Error, Result};

/// The assessment's items by group; an unanswered item counts as skill building.
pub(super) type Grouped = BTreeMap<Group, Vec<&'static Item>>;

/// The number of weeks, and the compression when the interview comes before the
/// path's full length. Fails (usage error) when the interview is not after the start.
pub(super) fn length(request: &PlanRequest) -> Result<(u32, Option<Compression>)> {
    let full = request.path.weeks();
    match request.interview {
        Some(interview) if days_between(request.start, interview) <= 0 => Err(Error::Usage(format!(
            "the interview ({interview}) is not after the plan's start ({}): update `interview_date` in systemcraft.yaml, or pass --start",
            request.start
        ))),
        Some(interview) => {
            let available = weeks_available(request.start, interview).max(1);
            if available < full {
                Ok((available, Some(Compression { full_weeks: full, weeks: available, interview })))
            } else {
                Ok((full, None))
            }
        }
        None => Ok((full, None)),
    }
}

/// The assessment's items by the group their answer puts them in.
pub(super) fn grouped(request: &PlanRequest) -> Grouped {
    let mut grouped: Grouped = BTreeMap::new();
    for item in request.form.items() {
        let answer = request.answers.get(item.id).copied().unwrap_or(3);
        grouped.entry(Group::of(answer)).or_default().push(item);
    }
    grouped
}

fn items_of(grouped: &Grouped, g: Group) -> Vec<&'static Item> {
    grouped.get(&g).cloned().unwrap_or_default()
}

/// `n` weeks from `start`, each in the phase its number falls in, with no tasks yet.
pub(super) fn empty_weeks(start: Date, n: u32) -> Vec<Week> {
    (1..=n)
        .map(|n| {
            let phase = [Group::Excellence, Group::SkillBuilding, Group::CriticalGap]
                .into_iter()
                .find(|g| n >= phase_range(*g).0)
                .unwrap_or(Group::CriticalGap);
            Week { number: n, start: add_days(start, 7 * i64::from(n - 1)), phase, mocks: 0, tasks: Vec::new() }
        })
        .collect()
}

/// Every week: the daily minimums and the weekly goals; the first week: the
/// assessment, when it is not complete.
pub(super) fn add_routine(weeks: &mut [Week], request: &PlanRequest) {
    let (d, w) = (request.daily, request.weekly);
    let problems = if d.coding_problems == 1 {
        "1 coding problem".into()
    } else {
        format!("{} coding problems", d.coding_problems)
    };
    let stories = if w.stories == 1 { "story" } else { "stories" };
    // Each goal the profile sets (above zero) becomes a task of every week.
    let routine: Vec<(TaskKind, String)> = [
        (
            d.coding_problems,
            TaskKind::Daily,
            format!("Daily: {problems} ({} min), every day this week", d.coding_minutes),
        ),
        (
            d.design_minutes,
            TaskKind::Daily,
            format!("Daily: 1 system-design concept ({} min), every day this week", d.design_minutes),
        ),
        (
            d.behavioral_minutes,
            TaskKind::Daily,
            format!("Daily: refine 1 behavioral story ({} min), every day this week", d.behavioral_minutes),
        ),
        (
            w.designs,
            TaskKind::Weekly,
            format!("Weekly: {} full system design{}, written up in designs/", w.designs, plural(w.designs)),
        ),
        (
            w.coding_problems,
            TaskKind::Weekly,
            format!("Weekly: {} coding problems solved and logged in logs/", w.coding_problems),
        ),
        (w.stories, TaskKind::Weekly, format!("Weekly: {} STAR {stories} written or improved in stories/", w.stories)),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(_, kind, text)| (kind, text))
    .collect();
    for week in weeks.iter_mut() {
        week.tasks.extend(routine.iter().map(|(kind, text)| Task { kind: *kind, text: text.clone() }));
    }
    if request.result().is_none() {
        weeks[0].tasks.push(Task {
            kind: TaskKind::Assessment,
            text: "Assessment: take the self-assessment (`systemcraft assess`), then run `systemcraft plan` again for a plan built on your answers".into(),
        });
    }
}

/// The learning path's phases: each group's tasks spread over its weeks, or
/// condensed into the last week when the plan ends before them. Returns the phases.
pub(super) fn add_focus(weeks: &mut [Week], grouped: &Grouped) -> Vec<Phase> {
    let mut phases = Vec::new();
    let last = weeks.len() as u32;
    for group in [Group::CriticalGap, Group::SkillBuilding, Group::Excellence] {
        let items = items_of(grouped, group);
        let (lo, hi) = phase_range(group);
        let range = (lo <= last).then(|| (lo, hi.min(last)));
        phases.push(Phase { group, topics: items.iter().map(|i| i.topic).collect(), weeks: range });
        if items.is_empty() {
            continue;
        }
        let Some((lo, hi)) = range else {
            weeks[last as usize - 1].tasks.push(condensed(group, &items));
            continue;
        };
        for (k, chunk) in spread(&focus_tasks(group, &items), hi - lo + 1).into_iter().enumerate() {
            weeks[lo as usize - 1 + k].tasks.extend(chunk);
        }
    }
    phases
}

/// One task for a phase the plan ends before.
fn condensed(group: Group, items: &[&Item]) -> Task {
    let topics: Vec<&str> = items.iter().map(|i| i.topic).collect();
    let text = match group {
        Group::SkillBuilding => {
            format!("Skill building (condensed): one focused session on each of {}", topics.join(", "))
        }
        _ => format!(
            "Excellence (condensed): keep these strengths warm with one short review each: {}",
            topics.join(", ")
        ),
    };
    let kind = if group == Group::SkillBuilding { TaskKind::SkillBuilding } else { TaskKind::Excellence };
    Task { kind, text }
}

/// A phase's tasks, in order: for a critical gap, study every item, then drill it.
fn focus_tasks(group: Group, items: &[&Item]) -> Vec<Task> {
    match group {
        Group::CriticalGap => {
            let study = items.iter().map(|i| format!("Critical gap: {}: {}", i.topic, i.wording.study));
            let drill = items.iter().map(|i| format!("Critical gap: {}: {}", i.topic, i.wording.drill));
            study.chain(drill).map(|text| Task { kind: TaskKind::CriticalGap, text }).collect()
        }
        Group::SkillBuilding => items
            .iter()
            .map(|i| Task {
                kind: TaskKind::SkillBuilding,
                text: format!("Skill building: {}: {}", i.topic, i.wording.drill),
            })
            .collect(),
        Group::Excellence => {
            items.iter().map(|i| Task { kind: TaskKind::Excellence, text: excellence_task(i) }).collect()
        }
    }
}

/// Excellence weeks with nothing to do revisit the weakest items, in turn.
pub(super) fn add_revisits(weeks: &mut [Week], grouped: &Grouped) {
    let weak: Vec<&Item> =
        items_of(grouped, Group::CriticalGap).into_iter().chain(items_of(grouped, Group::SkillBuilding)).collect();
    let mut next_weak = 0;
    for week in weeks.iter_mut().filter(|w| w.phase == Group::Excellence) {
        if week.tasks.iter().any(|t| t.kind == TaskKind::Excellence) || weak.is_empty() {
            continue;
        }
        let item = weak[next_weak % weak.len()];
        next_weak += 1;
        week.tasks.push(Task {
            kind: TaskKind::Revisit,
            text: format!(
                "Revisit: {}: rate yourself again from 1 to 5; if it is still below 4, {}",
                item.topic, item.wording.drill
            ),
        });
    }
}

/// Foundation building: experience at work, every other week from week 3.
pub(super) fn add_experience(weeks: &mut [Week]) {
    for (k, week) in weeks.iter_mut().filter(|w| w.number >= 3 && w.number % 2 == 1).enumerate() {
        week.tasks.push(Task {
            kind: TaskKind::Experience,
            text: format!("On the job: {}", EXPERIENCE[k % EXPERIENCE.len()]),
        });
    }
}

/// The track's tasks, two a week at most, the most important first; the timeline's
/// task every week.
pub(super) fn add_track(weeks: &mut [Week], request: &PlanRequest) {
    let weeks_n = weeks.len() as u32;
    let own = track::track_tasks(request.track, request.level);
    let own: Vec<Task> =
        own.into_iter().take(2 * weeks_n as usize).map(|text| Task { kind: TaskKind::Track, text }).collect();
    for (k, chunk) in spread(&own, weeks_n).into_iter().enumerate() {
        weeks[k].tasks.extend(chunk);
    }
    for week in weeks.iter_mut() {
        if let Some(text) = track::timeline_task(request.timeline, week.number) {
            week.tasks.push(Task { kind: TaskKind::Timeline, text });
        }
    }
}

/// Mock interviews, the kinds in rotation (intensive: one more a week, from week 1),
/// the last one a full loop. Returns the first week with a mock and the first with
/// the extra one.
pub(super) fn add_mocks(weeks: &mut [Week], request: &PlanRequest) -> (u32, u32) {
    let weeks_n = weeks.len() as u32;
    let extra = track::extra_mocks(request.timeline);
    let quarter = weeks_n / 4;
    let first_mock = if extra > 0 { 1 } else { 1 + quarter };
    let extra_from = if weeks_n <= 2 { 1 } else { weeks_n - quarter.max(1) + 1 };
    let mut rotation = 0;
    for week in weeks.iter_mut() {
        let count = if week.number >= extra_from {
            request.weekly.mocks + 1 + extra
        } else if week.number >= first_mock {
            request.weekly.mocks + extra
        } else {
            0
        };
        week.mocks = count;
        for _ in 0..count {
            week.tasks.push(mock_task(MOCK_KINDS[rotation % MOCK_KINDS.len()], request.level));
            rotation += 1;
        }
    }
    if let Some(t) = weeks.iter_mut().rev().flat_map(|w| w.tasks.iter_mut().rev()).find(|t| t.kind == TaskKind::Mock) {
        *t = mock_task("full-loop", request.level);
    }
    (first_mock, extra_from)
}

/// Checkpoints every three weeks (four in a plan over six weeks) and in the last;
/// returns their weeks.
pub(super) fn add_checkpoints(weeks: &mut [Week]) -> Vec<u32> {
    let weeks_n = weeks.len() as u32;
    let cadence = if weeks_n <= 6 { 3 } else { 4 };
    let checkpoints: Vec<u32> = (1..=weeks_n).filter(|n| n % cadence == 0 || *n == weeks_n).collect();
    for n in &checkpoints {
        let week = &mut weeks[*n as usize - 1];
        week.tasks.push(Task {
            kind: TaskKind::Checkpoint,
            text: "Checkpoint: re-take the self-assessment (`systemcraft assess`) and compare the score and the bands with your last answers".into(),
        });
        week.tasks.push(Task {
            kind: TaskKind::Checkpoint,
            text: "Checkpoint: run `systemcraft build`, read DASHBOARD.md, and give the weakest bar more of next week's focus time".into(),
        });
    }
    checkpoints
}

/// The endgame, in the week where the final week before the interview starts (the
/// last week when that lies beyond the plan); nothing when the interview is more
/// than a week after the plan ends.
pub(super) fn add_endgame(weeks: &mut [Week], request: &PlanRequest) {
    if let Some(interview) = request.interview {
        let end = add_days(request.start, 7 * weeks.len() as i64);
        if days_between(end, interview) < 7 {
            endgame_tasks(weeks, interview, &request.endgame);
        }
    }
}

/// The canonical weeks of each phase, before clipping to the plan's length.
pub(super) fn phase_range(group: Group) -> (u32, u32) {
    match group {
        Group::CriticalGap => (1, 2),
        Group::SkillBuilding => (3, 6),
        Group::Excellence => (7, u32::MAX),
    }
}

/// Splits `tasks` over `weeks` in order, as evenly as possible, earlier weeks first.
pub(super) fn spread<T: Clone>(tasks: &[T], weeks: u32) -> Vec<Vec<T>> {
    let (n, w) = (tasks.len(), weeks as usize);
    let cut = |k: usize| (k * n).div_ceil(w);
    (0..w).map(|k| tasks[cut(k)..cut(k + 1)].to_vec()).collect()
}

/// The mock interview kinds in the order they rotate (slugs as in mock notes).
const MOCK_KINDS: [&str; 4] = ["behavioral", "system-design", "coding", "behavioral"];

fn mock_task(kind: &str, level: Level) -> Task {
    let what = match kind {
        "behavioral" => "45 minutes of Leadership Principle questions with a partner; tell your stories aloud and ask for a 1–5 rating on each".to_string(),
        "system-design" => format!(
            "a 45–60 minute design round at {} scale ({}M users), drawing and defending the trade-offs aloud",
            level,
            level.design_scale() / 1_000_000
        ),
        "coding" => "two medium problems in 45 minutes with someone watching, explaining as you go".to_string(),
        _ => "behavioral, system design and coding back to back in one sitting, with short breaks".to_string(),
    };
    Task {
        kind: TaskKind::Mock,
        text: format!("Mock interview ({kind}): {what}; record it with `systemcraft new mock`"),
    }
}

/// On-the-job tasks of the foundation-building path, in rotation.
const EXPERIENCE: [&str; 6] = [
    "volunteer to own the design of the next new service or major feature, and write its design document",
    "offer to lead a cross-team effort, even a small one, and keep notes for a future story",
    "mentor an engineer for the rest of the plan and write down how they progress",
    "lead the review of the next incident and drive its follow-up actions to done",
    "measure one outcome of your team's work (latency, cost, adoption) so that your stories can quote it",
    "present a technical proposal to people outside your team and ask them for a decision",
];

fn excellence_task(item: &Item) -> String {
    let how = match item.category {
        Category::Technical => {
            "prepare a five-minute explanation with an example from your own work, and use it in a mock interview"
        }
        Category::Leadership => {
            "get the story that shows it to ready, with a number in the Result, and rehearse it aloud"
        }
        Category::Cultural => "rehearse the story that shows it aloud until it fits in two to three minutes",
    };
    format!("Excellence: {}: {how}", item.topic)
}

/// Adds the endgame's tasks to the week the final week starts in, and says in the
/// daily tasks of the weeks the last days fall in that those days carry no quota.
fn endgame_tasks(weeks: &mut [Week], interview: Date, settings: &EndgameSettings) {
    let (final_start, taper_start) = crate::endgame::windows(interview, settings);
    let last = weeks.len() - 1;
    let at = weeks.iter().position(|w| w.end() >= final_start).unwrap_or(last).min(last);
    weeks[at].tasks.extend(
        crate::endgame::plan_tasks(interview, settings)
            .into_iter()
            .map(|text| Task { kind: TaskKind::Interview, text }),
    );
    let until = add_days(taper_start, -1);
    for week in weeks.iter_mut().filter(|w| w.end() >= taper_start) {
        for t in week.tasks.iter_mut().filter(|t| t.kind == TaskKind::Daily || t.kind == TaskKind::Weekly) {
            if week.start >= taper_start {
                t.text = format!("{} (none from {taper_start}: the last days are light)", t.text);
            } else {
                t.text = format!("{}, up to {until} (the last days are light)", t.text);
            }
        }
    }
}
