//! The links from logs and mocks to stories: warnings for links to stories that do
//! not exist, and each story's rehearsals replayed into its spaced-repetition
//! schedule. [`follow`] goes through every note; a [`Tracker`] keeps what each log and
//! mock contributed, so that in watch mode a saved log is followed again on its own
//! and only the stories it names are replayed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use super::ids::{IdMap, IdSet};
use super::Notes;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::index::Index;
use crate::note::kinds::{Pos, Rehearsal};
use crate::note::{Data, Kind, Note};
use crate::repetition::{self, Review};

/// What following the links gives ([`follow`]), shared between models: warnings for
/// links to missing stories, and the rehearsal schedules replayed from the logs.
pub type Links = Arc<(Vec<Diagnostic>, Rehearsed)>;

/// Each rehearsed story's schedule and its number of rehearsals up to today, by id.
pub type Rehearsed = IdMap<String, (repetition::Schedule, usize)>;

/// The story names links are checked against: every story note, counted or not.
struct Known {
    ids: IdSet<String>,
    // For suggestions, sorted once a link is found broken.
    sorted: OnceLock<Vec<String>>,
}

impl Known {
    fn of(notes: &Notes<'_>) -> Known {
        Known { ids: notes.stories.iter().map(|n| n.id().to_string()).collect(), sorted: OnceLock::new() }
    }

    fn suggest(&self, id: &str) -> Option<&str> {
        let sorted = self.sorted.get_or_init(|| {
            let mut v: Vec<String> = self.ids.iter().cloned().collect();
            v.sort();
            v
        });
        crate::domain::did_you_mean(id, sorted.iter().map(String::as_str))
    }
}

/// What one log or mock adds: warnings for its links to missing stories, and the
/// rehearsals it records as (story, review), in the note's order.
#[derive(Debug, Default)]
struct Contribution {
    diags: Vec<Diagnostic>,
    reviews: Vec<(String, Review)>,
}

impl Contribution {
    fn is_empty(&self) -> bool {
        self.diags.is_empty() && self.reviews.is_empty()
    }
}

/// The warning for a link to a story that does not exist.
fn unknown(n: &Note, id: &str, (l, c): Pos, known: &Known) -> Diagnostic {
    // A runaway link (an unclosed `[[` swallowing a page) is shown shortened.
    let shown: std::borrow::Cow<str> = match id.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &id[..cut]).into(),
        None => id.into(),
    };
    let hint = match known.suggest(id) {
        Some(s) => format!("did you mean `{s}`? Stories are named by their file in stories/"),
        None => format!("create it with `systemcraft new story \"{shown}\"`, or fix the name"),
    };
    Diagnostic::warning(&n.path, "link/unknown-story", format!("no story named \"{shown}\" in stories/"))
        .at(l, c)
        .hint(hint)
}

/// The warnings for links to missing stories, with every story that several notes
/// link reported once: a story linked from more than one note existed and was
/// deleted (or renamed), so one warning on the latest link says it no longer exists
/// instead of one in every old log. A name linked once keeps its own warning (most
/// likely a typo, with a suggestion).
pub fn collapse(diags: &[Diagnostic]) -> Vec<Diagnostic> {
    let id_of = |d: &Diagnostic| -> Option<String> {
        let rest = d.message.strip_prefix("no story named \"")?;
        rest.strip_suffix("\" in stories/").map(str::to_string)
    };
    let mut by_id: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    let mut out = Vec::new();
    for d in diags {
        match (d.code, id_of(d)) {
            ("link/unknown-story", Some(id)) => by_id.entry(id).or_default().push(d),
            _ => out.push(d.clone()),
        }
    }
    for (id, group) in by_id {
        let notes: BTreeSet<&str> = group.iter().map(|d| d.path.as_str()).collect();
        if notes.len() < 2 {
            out.extend(group.into_iter().cloned());
            continue;
        }
        // Logs are named by date, so the greatest path is the latest link.
        let Some(latest) = group.iter().max_by(|a, b| (a.path.as_str(), a.line).cmp(&(b.path.as_str(), b.line))) else {
            continue;
        };
        let mut d = (*latest).clone();
        d.message = format!("story \"{id}\" no longer exists: {} notes link it", notes.len());
        d.hint = Some(format!(
            "deleted on purpose? nothing to do, the old notes keep their history; otherwise bring it back with `git log --diff-filter=D -- stories/{id}.md`"
        ));
        out.push(d);
    }
    out
}

/// Follows the links of one note (nothing for notes other than logs and mocks).
fn contribution(config: &Config, n: &Note, known: &Known) -> Contribution {
    let mut out = Contribution::default();
    let (refs, rehearsed): (&[(String, Pos)], &[Rehearsal]) = match &n.data {
        Data::Log(l) => (&l.stories, &l.rehearsals),
        Data::Mock(m) => (&m.stories, &[]),
        _ => return out,
    };
    for (id, pos) in refs {
        if !known.ids.contains(id.as_str()) {
            out.diags.push(unknown(n, id, *pos, known));
        }
    }
    // Rehearsals count from counted logs of today or earlier.
    let reviewed = match &n.data {
        Data::Log(l) if !n.example && n.readable => l.date.filter(|d| *d <= config.today),
        _ => None,
    };
    for r in rehearsed {
        if !known.ids.contains(r.story.as_str()) {
            out.diags.push(unknown(n, &r.story, r.pos, known));
        }
        if let Some(date) = reviewed {
            out.reviews.push((r.story.clone(), Review { date, rating: r.rating }));
        }
    }
    out
}

fn replay(config: &Config, reviews: &[Review]) -> Option<(repetition::Schedule, usize)> {
    repetition::replay(reviews, config.profile.interview_date).map(|s| (s, reviews.len()))
}

/// Follows every link from logs and mocks to stories, in one pass: the warnings for
/// links to stories that do not exist, and the rehearsals logged up to today
/// replayed story by story.
pub fn follow(config: &Config, notes: &Notes<'_>) -> (Vec<Diagnostic>, Rehearsed) {
    let known = Known::of(notes);
    let mut diags = Vec::new();
    let mut reviews: IdMap<String, Vec<Review>> = IdMap::default();
    for &n in notes.logs.iter().chain(&notes.mocks) {
        let c = contribution(config, n, &known);
        diags.extend(c.diags);
        for (story, r) in c.reviews {
            reviews.entry(story).or_default().push(r);
        }
    }
    let rehearsed = reviews.into_iter().filter_map(|(id, rs)| replay(config, &rs).map(|x| (id, x))).collect();
    (diags, rehearsed)
}

/// [`follow`] kept up to date between models of one index and one config: each log's
/// and mock's contribution is kept by path, and catching up with the index re-reads
/// only the notes changed since, then replays only the stories they name. A story
/// added or removed changes what every link points at: then it starts again.
pub(crate) struct Tracker {
    // The story notes' membership counter and the index journal position it has seen.
    members: u64,
    position: u64,
    known: Known,
    // The non-empty contributions, by note path.
    notes: BTreeMap<String, Contribution>,
    // Each story's reviews by (log path, place in the log): path order, as `follow`.
    reviews: IdMap<String, BTreeMap<(String, usize), Review>>,
    links: Links,
}

impl Tracker {
    /// Follows every link of `notes` (the notes of `index`), keeping each note's part.
    pub(crate) fn full(config: &Config, index: &Index, notes: &Notes<'_>) -> Tracker {
        let known = Known::of(notes);
        let mut kept = BTreeMap::new();
        let mut reviews: IdMap<String, BTreeMap<(String, usize), Review>> = IdMap::default();
        let mut diags = Vec::new();
        for &n in notes.logs.iter().chain(&notes.mocks) {
            let c = contribution(config, n, &known);
            if c.is_empty() {
                continue;
            }
            diags.extend(c.diags.iter().cloned());
            for (i, (story, r)) in c.reviews.iter().enumerate() {
                reviews.entry(story.clone()).or_default().insert((n.path.clone(), i), *r);
            }
            kept.insert(n.path.clone(), c);
        }
        let rehearsed: Rehearsed = reviews
            .iter()
            .filter_map(|(id, rs)| replay(config, &rs.values().copied().collect::<Vec<_>>()).map(|x| (id.clone(), x)))
            .collect();
        Tracker {
            members: index.versions().members(Kind::Story),
            position: index.journal_position(),
            known,
            notes: kept,
            reviews,
            links: Arc::new((diags, rehearsed)),
        }
    }

    /// The links as of the last catch-up.
    pub(crate) fn links(&self) -> Links {
        Arc::clone(&self.links)
    }

    /// Brings the links in line with `index`; false when it cannot (the stories
    /// changed, or the changes are no longer known) and [`Tracker::full`] is needed.
    pub(crate) fn catch_up(&mut self, config: &Config, index: &Index) -> bool {
        if index.versions().members(Kind::Story) != self.members {
            return false;
        }
        let Some(changed) = index.changed_since(self.position) else {
            return false;
        };
        let changed: BTreeSet<&str> = changed.iter().map(String::as_str).collect();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut diags_changed = false;
        for rel in changed {
            if let Some(old) = self.notes.remove(rel) {
                diags_changed |= !old.diags.is_empty();
                for (i, (story, _)) in old.reviews.into_iter().enumerate() {
                    if let Some(rs) = self.reviews.get_mut(&story) {
                        rs.remove(&(rel.to_string(), i));
                    }
                    touched.insert(story);
                }
            }
            let Some(n) = index.get(rel).filter(|n| matches!(n.kind, Kind::Log | Kind::Mock)) else { continue };
            let c = contribution(config, n, &self.known);
            if c.is_empty() {
                continue;
            }
            diags_changed |= !c.diags.is_empty();
            for (i, (story, r)) in c.reviews.iter().enumerate() {
                self.reviews.entry(story.clone()).or_default().insert((rel.to_string(), i), *r);
                touched.insert(story.clone());
            }
            self.notes.insert(rel.to_string(), c);
        }
        self.position = index.journal_position();
        if touched.is_empty() && !diags_changed {
            return true;
        }
        // Shared with the last model: copied once here, then changed in place.
        let links = Arc::make_mut(&mut self.links);
        for story in touched {
            let reviews: Vec<Review> =
                self.reviews.get(&story).map(|rs| rs.values().copied().collect()).unwrap_or_default();
            match replay(config, &reviews) {
                Some(x) => {
                    links.1.insert(story, x);
                }
                None => {
                    links.1.remove(&story);
                    self.reviews.remove(&story);
                }
            }
        }
        if diags_changed {
            links.0 = self.notes.values().flat_map(|c| c.diags.iter().cloned()).collect();
        }
        true
    }
}

/// The links for the model of `index`: caught up from `tracker` where it can be,
/// else followed in full — and the tracker started again when `track` says more
/// models of this index will follow (a one-shot build keeps no state).
pub(crate) fn current(
    tracker: &mut Option<Tracker>,
    track: bool,
    config: &Config,
    index: &Index,
    notes: &Notes<'_>,
) -> Links {
    if let Some(t) = tracker {
        if t.catch_up(config, index) {
            return t.links();
        }
    }
    if !track {
        *tracker = None;
        return Arc::new(follow(config, notes));
    }
    let t = tracker.insert(Tracker::full(config, index, notes));
    t.links()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(day: u64, v: u64) -> (String, Kind, Vec<u8>) {
        let stories = ["s0", "s1", "s2", "nope"];
        let text = format!(
            "---\ndate: 2026-11-{day:02}\nbehavioral:\n  stories: [{}]\nrehearsals:\n  - story: {}\n    rating: {}\n  - story: {}\n    rating: good\n---\n",
            stories[(v % 4) as usize],
            stories[(v / 4 % 4) as usize],
            ["again", "hard", "good", "easy"][(v % 4) as usize],
            stories[(v / 16 % 3) as usize],
        );
        (format!("logs/2026-11-{day:02}.md"), Kind::Log, text.into_bytes())
    }

    fn story(n: u64) -> (String, Kind, Vec<u8>) {
        (format!("stories/s{n}.md"), Kind::Story, b"---\ntitle: S\nstatus: ready\n---\n".to_vec())
    }

    fn sorted(links: &(Vec<Diagnostic>, Rehearsed)) -> (Vec<String>, Vec<(String, String)>) {
        let mut d: Vec<String> =
            links.0.iter().map(|d| format!("{}:{}:{} {}", d.path, d.line, d.column, d.message)).collect();
        d.sort();
        let mut r: Vec<(String, String)> = links.1.iter().map(|(k, v)| (k.clone(), format!("{v:?}"))).collect();
        r.sort();
        (d, r)
    }

    // Caught up after each of a seeded series of log edits, additions and removals,
    // the tracker agrees with following every link again, and never starts over.
    #[test]
    fn catching_up_equals_following_everything() {
        let config = Config::defaults(std::path::PathBuf::from("/ws"), "2026-11-25".parse().unwrap());
        let mut index = Index::from_files((0..3).map(story).chain((1..=6).map(|d| log(d, d))).collect::<Vec<_>>());
        let mut tracker = Tracker::full(&config, &index, &Notes::of(&index));
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for step in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let day = seed % 12 + 1;
            if seed.is_multiple_of(7) {
                index.remove(&format!("logs/2026-11-{day:02}.md"));
            } else {
                index.put_files(vec![log(day, seed >> 8)]);
            }
            assert!(tracker.catch_up(&config, &index), "step {step}: started over");
            let expected = follow(&config, &Notes::of(&index));
            assert_eq!(sorted(&tracker.links()), sorted(&expected), "step {step}");
        }
        let last = follow(&config, &Notes::of(&index));
        assert!(!last.0.is_empty() && !last.1.is_empty(), "the series ends with warnings and schedules");
        // A story added changes what the links point at: the tracker cannot catch up.
        index.put_files(vec![story(9)]);
        assert!(!tracker.catch_up(&config, &index));
    }
}
