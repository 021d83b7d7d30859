//! The trend cache: scores by (commit, day) in `.systemcraft/trend-cache.json`,
//! versioned by the crate version and the scoring revision so that a stale cache is
//! ignored, and pruned of commits no longer in the history.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use git2::Oid;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Percents, CACHE_FILE, SCORING_REVISION, WEEKS};

/// The version a cache must carry to be used.
pub(super) fn cache_version() -> String {
    format!("systemcraft {} scoring {SCORING_REVISION}", env!("CARGO_PKG_VERSION"))
}

/// The cache file's shape.
#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: String,
    entries: Vec<CacheEntry>,
}

#[derive(Serialize, Deserialize)]
struct CacheEntry {
    commit: String,
    day: Date,
    #[serde(flatten)]
    percents: Percents,
}

/// Results by (commit, day), as read from [`CACHE_FILE`] plus the new ones.
pub(super) struct Cache {
    pub(super) entries: HashMap<(Oid, Date), Percents>,
    /// Whether anything was added since the load.
    changed: bool,
}

/// Entries scored for a day other than their commit's own (weekly points) are kept
/// this many days back from the newest date asked for.
const OFF_DAY_KEEP_DAYS: i64 = 7 * (WEEKS as i64 + 1);

impl Cache {
    /// The cache on disk; empty when it is missing, unreadable, corrupt, or written by
    /// another version or scoring revision.
    pub(super) fn load(root: &Path) -> Cache {
        let entries = crate::fs::read::read_in(root, CACHE_FILE)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|file| file.version == cache_version())
            .map(|file| {
                file.entries
                    .into_iter()
                    .filter_map(|e| Some(((Oid::from_str(&e.commit).ok()?, e.day), e.percents)))
                    .collect()
            })
            .unwrap_or_default();
        Cache { entries, changed: false }
    }

    pub(super) fn get(&self, commit: Oid, day: Date) -> Option<Percents> {
        self.entries.get(&(commit, day)).copied()
    }

    pub(super) fn insert(&mut self, commit: Oid, day: Date, percents: Percents) {
        self.entries.insert((commit, day), percents);
        self.changed = true;
    }

    /// Writes the cache when something was added, keeping only entries of commits
    /// still in `history` (and, for weekly points, recent ones). Best effort: the
    /// cache only saves time, so a read-only workspace still gets its trend.
    pub(super) fn save(&self, root: &Path, history: &[(Date, Oid)], newest: Option<Date>) {
        if !self.changed {
            return;
        }
        let own_day: HashMap<Oid, Date> = history.iter().map(|(d, id)| (*id, *d)).collect();
        let reachable: HashSet<Oid> = own_day.keys().copied().collect();
        let horizon = newest.and_then(|n| n.checked_sub(jiff::Span::new().days(OFF_DAY_KEEP_DAYS)).ok());
        let mut entries: Vec<CacheEntry> = self
            .entries
            .iter()
            .filter(|((id, day), _)| {
                reachable.contains(id) && (own_day.get(id) == Some(day) || horizon.is_none_or(|h| *day >= h))
            })
            .map(|((id, day), p)| CacheEntry { commit: id.to_string(), day: *day, percents: *p })
            .collect();
        entries.sort_by(|a, b| (a.day, &a.commit).cmp(&(b.day, &b.commit)));
        let file = CacheFile { version: cache_version(), entries };
        if let Ok(json) = serde_json::to_vec(&file) {
            let _ = crate::fs::write_state(root, CACHE_FILE, &json);
        }
    }
}
