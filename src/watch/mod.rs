//! Watch mode's event source: a [`Source`] watches the workspace with notify behind
//! notify-debouncer-full (native events, or polling where there are none) and turns
//! what happened into [`Batch`]es of workspace-relative paths worth re-checking. The
//! [`session::Session`] applies them to the index and rebuilds.
//!
//! Native watching falls back to polling when the OS runs out of watches
//! (`fs.inotify.max_user_watches` on Linux), at start or later.

pub mod session;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache};

use crate::{Error, Result};

/// Environment variable that makes native watching fail as if the OS watch limit
/// were reached (tests only: the real limit is a system-wide setting).
pub const SIMULATE_LIMIT_ENV: &str = "SYSTEMCRAFT_SIMULATE_WATCH_LIMIT";

/// How changes are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The OS's file events (inotify, FSEvents, ReadDirectoryChangesW, kqueue).
    Native,
    /// Looking at every file at this interval.
    Poll(Duration),
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Backend::Native => f.write_str("file events"),
            Backend::Poll(d) => write!(f, "polling every {} ms", d.as_millis()),
        }
    }
}

/// What the watch loop receives.
#[derive(Debug)]
pub enum Input {
    /// Debounced file-system events.
    Events(Vec<notify_debouncer_full::DebouncedEvent>),
    /// Errors from the watcher.
    Errors(Vec<notify::Error>),
    /// Ctrl-C or a termination signal.
    Interrupt,
}

/// The paths to re-check after some events, and whether to rescan everything.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Workspace-relative paths (files or folders, existing or not).
    pub paths: BTreeSet<String>,
    /// The watcher lost track (queue overflow, error): re-read the whole workspace.
    pub rescan: bool,
}

impl Batch {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan
    }

    /// Adds the paths of debounced events under `root`.
    pub fn add_events(&mut self, root: &Path, events: &[notify_debouncer_full::DebouncedEvent]) {
        for e in events {
            if e.need_rescan() {
                self.rescan = true;
                continue;
            }
            match e.kind {
                // Reading a file changes nothing (and our own reads must not loop).
                EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {}
                EventKind::Access(_) => continue,
                _ => {}
            }
            for p in &e.paths {
                if let Some(rel) = relevant(root, p) {
                    if rel.is_empty() {
                        self.rescan = true;
                    } else {
                        self.paths.insert(rel);
                    }
                }
            }
        }
    }

    /// Adds everything from `other`.
    pub fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
    }
}

/// Whether a file name is an editor's or tool's dropping rather than a note: swap
/// and backup files (Vim `.swp`, `~`, its `4913` probe), Emacs locks and autosaves,
/// JetBrains safe-write temporaries, and temporaries of atomic saves.
pub fn is_dropping(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || name.contains("___jb_")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".crswap"].iter().any(|s| name.ends_with(s))
}

/// The workspace-relative path of `path` if a change there can matter: `""` for the
/// root itself, `None` outside the root, inside hidden folders (`.git`,
/// `.systemcraft`, …) and for editor droppings.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let rel = crate::diag::rel_path(rel);
    if rel.is_empty() {
        return Some(rel);
    }
    if rel.split('/').any(is_dropping) {
        return None;
    }
    Some(rel)
}

/// The resolved options of watch mode.
#[derive(Debug, Clone)]
pub struct Options {
    /// Quiet time after the last event before a path is reported.
    pub debounce: Duration,
    /// Native events, or polling.
    pub backend: Backend,
}

/// The default poll interval.
pub const DEFAULT_POLL: Duration = Duration::from_millis(1000);

enum Inner {
    // Held only so that dropping the Source stops the watcher.
    #[allow(dead_code)]
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// A running watcher over the workspace; events go to the `Sender` given at start.
pub struct Source {
    // Held for its Drop, which stops the watcher.
    inner: Option<Inner>,
    root: PathBuf,
    options: Options,
    tx: Sender<Input>,
    // Poll mode watches the top-level folders one by one (not the root recursively)
    // so that .git is never walked; these are the ones watched.
    tops: BTreeSet<String>,
}

/// How often the debouncer looks for quiet paths: a fraction of the window, so that
/// a path is reported soon after its window ends.
fn tick(debounce: Duration) -> Duration {
    (debounce / 10).clamp(Duration::from_millis(5), Duration::from_millis(250)).min(debounce)
}

/// The gap with no new batch after which the loop considers the file system quiet
/// (a checkout's paths end their windows at slightly different ticks).
pub fn settle(debounce: Duration) -> Duration {
    tick(debounce) + Duration::from_millis(5)
}

fn handler(tx: Sender<Input>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |r: DebounceEventResult| {
        let _ = tx.send(match r {
            Ok(events) => Input::Events(events),
            Err(errors) => Input::Errors(errors),
        });
    }
}

/// Whether a watcher error means the OS ran out of watches or watcher instances.
pub fn is_limit(e: &notify::Error) -> bool {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        notify::ErrorKind::Io(io) => matches!(io.raw_os_error(), Some(24 | 28)), // EMFILE, ENOSPC
        _ => false,
    }
}

/// The message shown when the OS watch limit forces polling.
pub fn limit_message(poll: Duration) -> String {
    format!(
        "the OS limit on file watches was reached, so changes are now found by polling every {} ms; \
         to use file events, raise the limit, e.g. `sudo sysctl fs.inotify.max_user_watches=524288` \
         (and fs.inotify.max_user_instances), then restart `systemcraft watch`",
        poll.as_millis()
    )
}

impl Source {
    /// Starts watching `root`. Returns the source and, when native watching had to
    /// fall back to polling, the warning to show.
    pub fn start(root: &Path, options: Options, tx: Sender<Input>) -> Result<(Source, Option<String>)> {
        let mut source = Source { inner: None, root: root.to_path_buf(), options, tx, tops: BTreeSet::new() };
        match source.options.backend {
            Backend::Native => match source.start_native() {
                Ok(()) => Ok((source, None)),
                Err(e) if is_limit(&e) => {
                    source.options.backend = Backend::Poll(DEFAULT_POLL);
                    source.start_polling()?;
                    Ok((source, Some(limit_message(DEFAULT_POLL))))
                }
                Err(e) => Err(watch_error(root, e)),
            },
            Backend::Poll(_) => {
                source.start_polling()?;
                Ok((source, None))
            }
        }
    }

    fn start_native(&mut self) -> std::result::Result<(), notify::Error> {
        if std::env::var_os(SIMULATE_LIMIT_ENV).is_some() {
            return Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch));
        }
        let mut d = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
            self.options.debounce,
            Some(tick(self.options.debounce)),
            handler(self.tx.clone()),
            RecommendedCache::new(),
            notify::Config::default(),
        )?;
        d.watch(&self.root, RecursiveMode::Recursive)?;
        self.inner = Some(Inner::Native(d));
        Ok(())
    }

    fn start_polling(&mut self) -> Result<()> {
        let Backend::Poll(interval) = self.options.backend else { unreachable!("polling without an interval") };
        let config = notify::Config::default().with_poll_interval(interval);
        let mut d = new_debouncer_opt::<_, PollWatcher, NoCache>(
            self.options.debounce,
            Some(tick(self.options.debounce)),
            handler(self.tx.clone()),
            NoCache,
            config,
        )
        .map_err(|e| watch_error(&self.root, e))?;
        d.watch(&self.root, RecursiveMode::NonRecursive).map_err(|e| watch_error(&self.root, e))?;
        self.inner = Some(Inner::Poll(d));
        self.tops.clear();
        self.sync_tops();
        Ok(())
    }

    /// Switches to polling (after the OS watch limit was hit while running).
    pub fn fall_back_to_polling(&mut self) -> Result<Duration> {
        self.options.backend = Backend::Poll(DEFAULT_POLL);
        self.start_polling()?;
        Ok(DEFAULT_POLL)
    }

    /// How changes are noticed now.
    pub fn backend(&self) -> Backend {
        self.options.backend
    }

    /// In poll mode, watches top-level folders that appeared and forgets those that
    /// went. Call after each batch; a no-op for native events.
    pub fn sync_tops(&mut self) {
        let Some(Inner::Poll(d)) = &mut self.inner else { return };
        let mut now = BTreeSet::new();
        if let Ok(entries) = std::fs::read_dir(&self.root) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !is_dropping(&name) && e.file_type().is_ok_and(|t| t.is_dir()) {
                    now.insert(name);
                }
            }
        }
        for gone in self.tops.difference(&now) {
            let _ = d.unwatch(self.root.join(gone));
        }
        let mut watched = BTreeSet::new();
        for name in &now {
            if self.tops.contains(name) || d.watch(self.root.join(name), RecursiveMode::Recursive).is_ok() {
                watched.insert(name.clone());
            }
        }
        self.tops = watched;
    }
}

fn watch_error(root: &Path, e: notify::Error) -> Error {
    Error::Watch(format!("cannot watch {}: {e}", root.display()))
}

/// Counts paths per top-level folder, for messages like "312 files in stories/".
pub fn by_folder(paths: &[String]) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for p in paths {
        let top = p.split_once('/').map_or("", |(t, _)| t);
        *m.entry(top).or_insert(0) += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn droppings_and_hidden_folders_are_not_relevant() {
        let root = Path::new("/ws");
        let rel = |p: &str| relevant(root, &root.join(p));
        assert_eq!(rel("stories/a.md").as_deref(), Some("stories/a.md"));
        assert_eq!(rel("DASHBOARD.md").as_deref(), Some("DASHBOARD.md"));
        assert_eq!(rel("systemcraft.yaml").as_deref(), Some("systemcraft.yaml"));
        assert_eq!(rel("stories").as_deref(), Some("stories"));
        assert_eq!(rel("").as_deref(), Some(""));
        for dropping in [
            ".git/index.lock",
            ".git/objects/ab/cdef",
            ".systemcraft/profile.last-good.yaml",
            "stories/.a.md.swp",
            "stories/a.md~",
            "stories/4913",
            "stories/.#a.md",
            "stories/#a.md#",
            "stories/a.md___jb_tmp___",
            "stories/a.md___jb_old___",
            ".systemcraft-abc.tmp",
            "stories/a.md.crswap",
        ] {
            assert_eq!(rel(dropping), None, "{dropping}");
        }
        assert_eq!(relevant(root, Path::new("/elsewhere/a.md")), None);
    }

    #[test]
    fn settle_is_short_but_longer_than_a_tick() {
        let d = Duration::from_millis(100);
        assert!(settle(d) > tick(d));
        assert!(settle(d) <= Duration::from_millis(20));
    }
}
