//! Watch mode's event source: a [`Source`] watches the workspace with notify (native
//! events, or polling where there are none) and turns what happened into [`Batch`]es
//! of workspace-relative paths worth re-checking. The [`session::Session`] applies
//! them to the index and rebuilds.
//!
//! There is no debouncer thread: each event goes straight to the watch loop's channel,
//! and the loop does the debouncing itself (it waits with a timeout only while a batch
//! is pending, see [`settle`]). So at rest nothing wakes up: notify's inotify thread
//! and the loop both block until the kernel has an event. Renames need no pairing
//! here: every path an event names is re-checked (gone, or there), so the two halves
//! of a rename — paired by notify as `ModifyKind::Name(Both)` on inotify, or apart —
//! come out right either way. An event flagged `Rescan` (the kernel's queue
//! overflowed) makes the batch re-read the whole workspace.
//!
//! Native watching falls back to polling when the OS runs out of watches
//! (`fs.inotify.max_user_watches` on Linux), at start or later.

pub mod profile;
pub mod session;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

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
    /// A file-system event, as the watcher reported it.
    Event(notify::Event),
    /// An error from the watcher.
    Error(notify::Error),
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
    /// A branch or HEAD changed in `.git` (a commit, a checkout, a pull): the
    /// dashboard's weekly history may have changed.
    pub head_moved: bool,
}

impl Batch {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan && !self.head_moved
    }

    /// Adds the paths of events under `root`. Returns whether any of them can matter
    /// (events only inside `.git/`, of editor droppings or of reads do not).
    pub fn add_events(&mut self, root: &Path, events: &[notify::Event]) -> bool {
        let mut relevant_any = false;
        for e in events {
            if e.need_rescan() {
                self.rescan = true;
                relevant_any = true;
                continue;
            }
            match e.kind {
                // Reading a file changes nothing (and our own reads must not loop).
                EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {}
                EventKind::Access(_) => continue,
                _ => {}
            }
            // The root's own timestamps change whenever an entry is added or removed
            // (polling reports that); the entries' own events say what changed.
            let root_metadata = matches!(e.kind, EventKind::Modify(notify::event::ModifyKind::Metadata(_)));
            for p in &e.paths {
                if moves_head(root, p) {
                    self.head_moved = true;
                    relevant_any = true;
                    continue;
                }
                if let Some(rel) = relevant(root, p) {
                    if rel.is_empty() {
                        self.rescan |= !root_metadata;
                        relevant_any |= !root_metadata;
                    } else {
                        self.paths.insert(rel);
                        relevant_any = true;
                    }
                }
            }
        }
        relevant_any
    }

    /// Adds everything from `other`.
    pub fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
        self.head_moved |= other.head_moved;
    }
}

/// Whether `path` is where git records HEAD or a branch (`.git/HEAD`,
/// `.git/refs/heads/…`, `.git/packed-refs`).
pub fn moves_head(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root.join(".git")) else { return false };
    let rel = crate::diag::rel_path(rel);
    rel == "HEAD" || rel == "packed-refs" || rel.starts_with("refs/heads/")
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
    Native(RecommendedWatcher),
    Poll(PollWatcher),
}

/// A running watcher over the workspace; events go to the `Sender` given at start.
pub struct Source {
    // Held for its Drop, which stops the watcher.
    inner: Option<Inner>,
    root: PathBuf,
    options: Options,
    tx: Sender<Input>,
    // Poll mode watches the root's own entries, plus the top-level note folders one by
    // one (not the root recursively), so that .git, attachments and the like are never
    // walked; these are the folders watched.
    tops: BTreeSet<String>,
}

/// The quiet time — no event that can matter, on any path — after which the loop
/// rebuilds: the whole debounce. A `git checkout` or a sync writes hundreds of files
/// with pauses between them (the writer is descheduled, moves to the next phase); a
/// gap shorter than this keeps them in one rebuild. The loop waits for it only while
/// a batch is pending; with nothing pending it sleeps until an event.
pub fn settle(debounce: Duration) -> Duration {
    debounce
}

/// The longest the loop gathers a batch while events keep coming (a file rewritten
/// continuously, a very long sync): then it rebuilds anyway, and gathers again.
pub fn longest_gather(debounce: Duration) -> Duration {
    (debounce * 4).max(Duration::from_secs(2))
}

fn handler(tx: Sender<Input>) -> impl FnMut(notify::Result<notify::Event>) + Send + 'static {
    move |r: notify::Result<notify::Event>| {
        let _ = tx.send(match r {
            Ok(event) => Input::Event(event),
            Err(error) => Input::Error(error),
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
        let mut d = RecommendedWatcher::new(handler(self.tx.clone()), notify::Config::default())?;
        d.watch(&self.root, RecursiveMode::Recursive)?;
        self.inner = Some(Inner::Native(d));
        Ok(())
    }

    fn start_polling(&mut self) -> Result<()> {
        let Backend::Poll(interval) = self.options.backend else { unreachable!("polling without an interval") };
        // notify's poller keeps modification times in whole seconds: without comparing
        // contents, a save in the same second as the previous one (or as the start) is
        // never seen. Only the note folders are polled (see sync_tops), so hashing stays
        // cheap.
        let config = notify::Config::default().with_poll_interval(interval).with_compare_contents(true);
        let mut d = PollWatcher::new(handler(self.tx.clone()), config).map_err(|e| watch_error(&self.root, e))?;
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

    /// In poll mode, watches top-level note folders that appeared and forgets those
    /// that went. Call after each batch; a no-op for native events.
    pub fn sync_tops(&mut self) {
        let Some(Inner::Poll(d)) = &mut self.inner else { return };
        let mut now = BTreeSet::new();
        if let Ok(entries) = std::fs::read_dir(&self.root) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if holds_notes(&name) && e.file_type().is_ok_and(|t| t.is_dir()) {
                    now.insert(name);
                }
            }
        }
        for gone in self.tops.difference(&now) {
            let _ = d.unwatch(&self.root.join(gone));
        }
        let mut watched = BTreeSet::new();
        for name in &now {
            if self.tops.contains(name) || d.watch(&self.root.join(name), RecursiveMode::Recursive).is_ok() {
                watched.insert(name.clone());
            }
        }
        self.tops = watched;
    }
}

/// Whether a top-level folder of this name can hold notes (stories/, logs/, …): the
/// only folders polling has to look into; nothing else under them is ever read.
fn holds_notes(name: &str) -> bool {
    !is_dropping(name) && crate::note::Kind::of(&format!("{name}/note.md")).is_some()
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
    fn branch_and_head_files_move_the_head() {
        let root = Path::new("/ws");
        for p in [".git/HEAD", ".git/refs/heads/main", ".git/refs/heads/main.lock", ".git/packed-refs"] {
            assert!(moves_head(root, &root.join(p)), "{p}");
        }
        for p in [".git/index", ".git/objects/ab/cd", "HEAD", ".git/refs/remotes/origin/main"] {
            assert!(!moves_head(root, &root.join(p)), "{p}");
        }
    }

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
    fn the_roots_own_timestamps_do_not_cause_a_rescan() {
        use notify::event::{CreateKind, MetadataKind, ModifyKind, RemoveKind};
        let root = Path::new("/ws");
        let event = |kind, path: &str| notify::Event::new(kind).add_path(root.join(path));
        let mut batch = Batch::default();
        batch.add_events(
            root,
            &[
                event(EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)), ""),
                event(EventKind::Create(CreateKind::Folder), "mocks"),
            ],
        );
        assert_eq!(batch, Batch { paths: ["mocks".to_string()].into(), rescan: false, head_moved: false });
        batch.add_events(root, &[event(EventKind::Remove(RemoveKind::Folder), "")]);
        assert!(batch.rescan, "the root itself went: read everything again");
    }

    #[test]
    fn an_overflow_rescans_and_both_halves_of_a_rename_are_rechecked() {
        use notify::event::{Flag, ModifyKind, RenameMode};
        let root = Path::new("/ws");
        // inotify's queue overflowed: notify sends an event flagged Rescan, no path.
        let mut batch = Batch::default();
        assert!(batch.add_events(root, &[notify::Event::new(EventKind::Other).set_flag(Flag::Rescan)]));
        assert!(batch.rescan);
        // A rename, paired by notify (Both: from, to) or as its two halves: either way
        // the old path and the new one are re-checked.
        let paired = notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
            .add_path(root.join("stories/a.md"))
            .add_path(root.join("stories/b.md"));
        let halves = [
            notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::From)))
                .add_path(root.join("stories/a.md")),
            notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::To))).add_path(root.join("stories/b.md")),
        ];
        let both: BTreeSet<String> = ["stories/a.md".to_string(), "stories/b.md".to_string()].into();
        let mut batch = Batch::default();
        batch.add_events(root, &[paired]);
        assert_eq!((batch.paths.clone(), batch.rescan), (both.clone(), false));
        let mut batch = Batch::default();
        batch.add_events(root, &halves);
        assert_eq!(batch.paths, both);
    }

    #[test]
    fn polling_looks_only_into_note_folders() {
        for name in ["stories", "logs", "designs", "mocks", "plans"] {
            assert!(holds_notes(name), "{name}");
        }
        for name in [".git", ".systemcraft", "reference", "templates", "attachments", "stories~"] {
            assert!(!holds_notes(name), "{name}");
        }
    }

    #[test]
    fn the_loop_waits_the_debounce() {
        let d = Duration::from_millis(100);
        assert_eq!(settle(d), d);
        assert_eq!(longest_gather(d), Duration::from_secs(2));
        assert_eq!(longest_gather(Duration::from_secs(60)), Duration::from_secs(240));
    }

    #[test]
    fn events_that_cannot_matter_are_reported_as_such() {
        use notify::event::{AccessKind, AccessMode, DataChange, ModifyKind};
        let root = Path::new("/ws");
        let event = |kind, path: &str| notify::Event::new(kind).add_path(root.join(path));
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let mut batch = Batch::default();
        assert!(!batch.add_events(
            root,
            &[
                event(write, ".git/index"),
                event(write, "stories/.a.md.swp"),
                event(EventKind::Access(AccessKind::Open(AccessMode::Read)), "stories/a.md"),
            ]
        ));
        assert!(batch.is_empty());
        assert!(batch.add_events(root, &[event(write, ".git/index"), event(write, "stories/a.md")]));
        assert_eq!(batch.paths, ["stories/a.md".to_string()].into());
    }
}
