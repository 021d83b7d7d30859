//! The [`Memo`]: parts of the last model kept for the next one. Watch mode computes
//! a model after every edit; an edit to one kind of note cannot move a part computed
//! only from other kinds, so such a part is taken from the memo instead of walking
//! thousands of notes again. Each part is keyed by the index's change counters of
//! the kinds it reads ([`Versions`]) and by the whole config, so a reused part is
//! always the one a fresh computation would give.

use std::sync::Arc;

use super::portfolio::Portfolio;
use super::{goals, readiness};
use crate::config::Config;
use crate::index::Versions;
use crate::note::Kind;

/// The notes behind a part: the kinds whose every edit counts, and the kinds where
/// only a note added or removed counts.
struct Reads {
    edits: &'static [Kind],
    members: &'static [Kind],
}

/// The portfolio reads every story.
const PORTFOLIO: Reads = Reads { edits: &[Kind::Story], members: &[] };
/// Today's goals read the logs.
const TODAY: Reads = Reads { edits: &[Kind::Log], members: &[] };
/// The practice behind the technical bar reads logs, designs and mocks.
const PRACTICE: Reads = Reads { edits: &[Kind::Log, Kind::Design, Kind::Mock], members: &[] };

/// The counters a part was computed at.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key(Vec<u64>);

impl Key {
    fn of(versions: &Versions, reads: &Reads) -> Key {
        let edits = reads.edits.iter().map(|k| versions.edits(*k));
        let members = reads.members.iter().map(|k| versions.members(*k));
        Key(edits.chain(members).collect())
    }
}

/// One kept part and the counters it was computed at.
struct Slot<T> {
    key: Key,
    value: T,
}

/// Parts of the last model, for the next (see the module documentation). Empty at
/// first; [`super::compute_with`] fills it.
#[derive(Default)]
pub struct Memo {
    // The config and index (by its counters) the parts belong to.
    config: Option<Config>,
    versions: Option<Versions>,
    portfolio: Option<Slot<Arc<Portfolio>>>,
    files: Option<Slot<readiness::StoryFiles>>,
    /// The links, kept up to date note by note (see [`super::links::Tracker`]) once a
    /// second model of the same index and config is asked for.
    pub(crate) links: Option<super::links::Tracker>,
    // Models computed with these parts.
    models: u64,
    today: Option<Slot<goals::Today>>,
    practice: Option<Slot<readiness::Practice>>,
}

/// The parts found in the memo for one computation; `None` where a part must be
/// computed.
pub(crate) struct Found {
    pub portfolio: Option<Arc<Portfolio>>,
    /// When the portfolio must be computed again: the last one, for the same config,
    /// whose unchanged stories are reused one by one.
    pub earlier: Option<Arc<Portfolio>>,
    /// The portfolio's story paths, as the bars list them.
    pub files: Option<readiness::StoryFiles>,
    pub today: Option<goals::Today>,
    pub practice: Option<readiness::Practice>,
}

/// The parts of one computation, to keep.
pub(crate) struct Computed<'a> {
    pub portfolio: &'a Arc<Portfolio>,
    pub files: &'a readiness::StoryFiles,
    pub today: &'a goals::Today,
    pub practice: &'a readiness::Practice,
}

fn hit<T: Clone>(slot: &Option<Slot<T>>, key: &Key) -> Option<T> {
    slot.as_ref().filter(|s| &s.key == key).map(|s| s.value.clone())
}

impl Memo {
    /// An empty memo.
    pub fn new() -> Memo {
        Memo::default()
    }

    /// The parts still valid for `config` and an index at `versions`. A different
    /// config (another day, an edited profile) or another index invalidates them all.
    pub(crate) fn find(&mut self, config: &Config, versions: &Versions) -> Found {
        let same_config = self.config.as_ref() == Some(config);
        let same_index = self.versions.as_ref().is_some_and(|v| v.same_index(versions));
        if !same_config || !same_index {
            *self = Memo { config: Some(config.clone()), versions: Some(*versions), ..Memo::default() };
        }
        self.versions = Some(*versions);
        let portfolio = hit(&self.portfolio, &Key::of(versions, &PORTFOLIO));
        Found {
            earlier: if portfolio.is_none() { self.portfolio.as_ref().map(|s| Arc::clone(&s.value)) } else { None },
            files: hit(&self.files, &Key::of(versions, &PORTFOLIO)),
            portfolio,
            today: hit(&self.today, &Key::of(versions, &TODAY)),
            practice: hit(&self.practice, &Key::of(versions, &PRACTICE)),
        }
    }

    /// Whether a model was computed with this memo before: then the caller is one that
    /// computes many (watch), and keeping the links' per-note state pays off.
    pub(crate) fn is_reused(&self) -> bool {
        self.models > 0
    }

    /// Keeps the parts just computed (or reused) at `versions`.
    pub(crate) fn keep(&mut self, versions: &Versions, parts: Computed<'_>) {
        self.models += 1;
        self.portfolio = Some(Slot { key: Key::of(versions, &PORTFOLIO), value: Arc::clone(parts.portfolio) });
        self.files = Some(Slot { key: Key::of(versions, &PORTFOLIO), value: parts.files.clone() });
        self.today = Some(Slot { key: Key::of(versions, &TODAY), value: parts.today.clone() });
        self.practice = Some(Slot { key: Key::of(versions, &PRACTICE), value: parts.practice.clone() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use crate::score::{compute, compute_with};

    fn story(i: u64, v: u64) -> String {
        let status = ["draft", "refined", "ready"][(v % 3) as usize];
        let principle = ["ownership", "bias-for-action", "deliver-results"][(v % 3) as usize];
        format!(
            "---\ntitle: Story {i}\nscenario: technical-leadership\nprinciples: [{principle}]\nstatus: {status}\n---\n## Situation\nA slow service.\n\n## Task\nI owned it.\n\n## Action\nI fixed it in {v} steps.\n\n## Result\nLatency fell by {v}0%.\n"
        )
    }

    fn log(day: u64, v: u64) -> String {
        format!(
            "---\ndate: 2026-11-{day:02}\ncoding:\n  - problem: P{v}\n    difficulty: medium\n    minutes: {}\n    solved: true\nrehearsals:\n  - story: story-{}\n    rating: {}\n---\n",
            30 + v % 30,
            v % 5,
            ["again", "hard", "good", "easy"][(v % 4) as usize]
        )
    }

    fn file(kind: Kind, n: u64, v: u64) -> (String, Kind, Vec<u8>) {
        let (rel, text) = match kind {
            Kind::Story => (format!("stories/story-{n}.md"), story(n, v)),
            Kind::Log => (format!("logs/2026-11-{:02}.md", n + 1), log(n + 1, v)),
            Kind::Mock => (
                format!("mocks/2026-11-{:02}-mock.md", n + 1),
                format!("---\ndate: 2026-11-{:02}\nkind: behavioral\nstories: [\"[[story-{}]]\"]\n---\n", n + 1, v % 7),
            ),
            _ => (
                format!("designs/design-{n}.md"),
                format!("---\ntitle: D{n}\nstatus: complete\ndate: 2026-11-{:02}\nscale: 10M\n---\n", n + 1),
            ),
        };
        (rel, kind, text.into_bytes())
    }

    // Every model computed with a memo across a seeded sequence of edits, additions
    // and removals of every kind is the model computed from scratch.
    #[test]
    fn a_memo_never_changes_the_model() {
        let config = Config::defaults(std::path::PathBuf::from("/ws"), "2026-11-25".parse().unwrap());
        let kinds = [Kind::Story, Kind::Log, Kind::Mock, Kind::Design];
        let mut index =
            Index::from_files((0..5u64).flat_map(|n| kinds.iter().map(move |k| file(*k, n, n))).collect::<Vec<_>>());
        let mut memo = Memo::new();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut reused = 0;
        for step in 0..200 {
            let kind = kinds[(next() % 4) as usize];
            let n = next() % 8;
            if next() % 5 == 0 {
                let (rel, _, _) = file(kind, n, 0);
                index.remove(&rel);
            } else {
                index.put_files(vec![file(kind, n, next() % 50)]);
            }
            let found = memo.find(&config, &index.versions());
            reused += [found.portfolio.is_some(), found.practice.is_some(), found.today.is_some()]
                .iter()
                .filter(|x| **x)
                .count();
            let with = serde_json::to_string(&compute_with(&config, &index, Vec::new(), &mut memo)).unwrap();
            let without = serde_json::to_string(&compute(&config, &index, Vec::new())).unwrap();
            assert_eq!(with, without, "step {step}: {kind:?} {n}");
        }
        // The parts were reused, or the test shows nothing.
        assert!(reused > 100, "only {reused} parts reused");
    }

    // A saved story is checked again; the views of the others are the same objects.
    #[test]
    fn a_saved_story_reuses_the_views_of_the_others() {
        let config = Config::defaults(std::path::PathBuf::from("/ws"), "2026-11-25".parse().unwrap());
        let mut index = Index::from_files((0..4u64).map(|n| file(Kind::Story, n, n)).collect::<Vec<_>>());
        let mut memo = Memo::new();
        let before = compute_with(&config, &index, Vec::new(), &mut memo);
        index.put_files(vec![file(Kind::Story, 1, 7)]);
        let after = compute_with(&config, &index, Vec::new(), &mut memo);
        let shared: Vec<bool> =
            before.portfolio.stories.iter().zip(&after.portfolio.stories).map(|(a, b)| Arc::ptr_eq(a, b)).collect();
        assert_eq!(shared, [true, false, true, true]);
        assert_eq!(after.portfolio.stories[1].principles, file_principles(7));
    }

    fn file_principles(v: u64) -> Vec<crate::domain::principles::Principle> {
        let slug = ["ownership", "bias-for-action", "deliver-results"][(v % 3) as usize];
        vec![crate::domain::principles::Principle::parse(slug).unwrap()]
    }

    #[test]
    fn another_config_or_index_empties_the_memo() {
        let today = "2026-11-25".parse().unwrap();
        let config = Config::defaults(std::path::PathBuf::from("/ws"), today);
        let index = Index::from_files(vec![file(Kind::Story, 1, 1), file(Kind::Log, 1, 1)]);
        let mut memo = Memo::new();
        compute_with(&config, &index, Vec::new(), &mut memo);
        assert!(memo.find(&config, &index.versions()).portfolio.is_some());
        let tomorrow = Config::defaults(std::path::PathBuf::from("/ws"), "2026-11-26".parse().unwrap());
        assert!(memo.find(&tomorrow, &index.versions()).portfolio.is_none());
        compute_with(&config, &index, Vec::new(), &mut memo);
        let copy = index.clone();
        assert!(memo.find(&config, &copy.versions()).portfolio.is_none());
    }
}
