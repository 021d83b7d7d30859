//! Reading one note file for the [`Index`](super::Index): from the note cache when
//! its stamp says it did not change, or read (bounded, never through a link) and
//! parsed; and the pool of threads the reads run on.

use std::hash::{DefaultHasher, Hasher};
use std::io::Read as _;

use super::{Entry, MAX_NOTE_BYTES};
use crate::cache::{NoteCache, Stamp};
use crate::note::{self, Note};
use crate::workspace::NoteFile;

/// What reading one file gave.
pub(super) enum Read {
    /// The file is gone (deleted between the listing and the read).
    Gone,
    /// The bytes are the ones already indexed (not parsed again).
    Same,
    /// The note cache's entry stands for the file (same stamp, or same bytes): taken
    /// from it, not parsed.
    Cached(Stamp),
    /// A new or changed note.
    Note(Entry),
}

pub(super) fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// What the model needs of a parsed note, without the texts: the sections go (the
/// STAR analysis and the design checklist's coverage were read from them at parse
/// time, and `check` parses the stories it reports on again from their text); the
/// words, tasks and links stay, without the spare room of their lists.
pub(super) fn lean(mut note: Note) -> Box<Note> {
    note.body.sections = Vec::new();
    note.shrink_to_fit();
    Box::new(note)
}

/// Reads one file and parses it unless its bytes hash to `known`, or the note cache
/// holds it (same stamp, or same bytes). A file that cannot be read (permissions,
/// I/O) becomes a note carrying that diagnostic, so it is reported rather than
/// silently skipped.
pub(super) fn read(file: &NoteFile, known: Option<u64>, cache: Option<&NoteCache>) -> Read {
    if let Some(cache) = cache {
        // Only a regular file (never a link) is taken from the cache, as it would be read.
        if let Some(stamp) = std::fs::symlink_metadata(&file.abs).ok().filter(|m| m.is_file()).map(|m| Stamp::of(&m)) {
            if cache.fresh(&file.rel, &stamp) {
                return Read::Cached(stamp);
            }
        }
    }
    // At most one byte past the limit is read, whatever the file's size.
    let mut bytes = Vec::new();
    let mut stamp = None;
    // Hostile files: not through a link, never a pipe or a device (see `fs::read`).
    let read = crate::fs::read::open_regular(&file.abs).and_then(|f| {
        stamp = f.metadata().ok().map(|m| Stamp::of(&m));
        f.take(MAX_NOTE_BYTES + 1).read_to_end(&mut bytes)
    });
    match read {
        Ok(_) => {
            let h = hash(&bytes);
            if known == Some(h) {
                return Read::Same;
            }
            if let (Some(cache), Some(stamp)) = (cache, stamp) {
                if cache.hash_of(&file.rel) == Some(h) {
                    return Read::Cached(stamp);
                }
            }
            let mut note = if bytes.len() as u64 > MAX_NOTE_BYTES {
                note::too_large(&file.rel, file.kind, MAX_NOTE_BYTES)
            } else {
                note::parse(&file.rel, file.kind, &bytes)
            };
            if file.lossy_name {
                note.diagnostics.push(note::lossy_name(&file.rel));
            }
            if crate::render::terminal::needs_escape(&file.rel) {
                note.diagnostics.push(note::odd_name(&file.rel));
            }
            Read::Note(Entry { note: lean(note), hash: h, stamp })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Read::Gone,
        // Hash of nothing: a later successful read always counts as a change.
        Err(e) => {
            Read::Note(Entry { note: Box::new(note::unreadable(&file.rel, file.kind, &e)), hash: 0, stamp: None })
        }
    }
}

/// The threads that read and parse notes: four per core (at least 8, at most 32).
/// A read from a cold disk blocks its thread, and with one thread per core the disk
/// waits on the parser and the parser on the disk; with more reads in flight the
/// device is kept busy while the cores parse what has arrived (10,000 notes, page
/// cache dropped: 1.93× `cat` with 2 threads, 1.06× with 8, on 2 cores). On warm
/// files the extra threads only take turns. `None` when no thread could be started:
/// the notes are then read on rayon's own pool.
pub(super) fn readers() -> Option<&'static rayon::ThreadPool> {
    static READERS: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    READERS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
            rayon::ThreadPoolBuilder::new()
                .num_threads((cores * 4).clamp(8, 32))
                .thread_name(|i| format!("systemcraft-read-{i}"))
                .build()
                .ok()
        })
        .as_ref()
}
