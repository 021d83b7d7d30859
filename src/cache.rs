//! The note cache: the parsed notes of the last scan, kept in
//! `.systemcraft/notes.cache` so that a build re-reads only the notes that changed.
//!
//! Each entry is keyed by the note's path and its [`Stamp`] (size, modification time
//! to the nanosecond, inode); a stamp that differs means the file is read and parsed
//! again. Like git's index, the cache follows the racy-timestamp rule: a file whose
//! modification time falls in the same second as the cache file's own (or later) may
//! have changed after its entry was written without its stamp moving (coarse
//! timestamps), so it is read again whatever its stamp says.
//!
//! The file is a magic string, then [bincode](https://docs.rs/bincode/1) (variable-
//! length integers) of a header and the entries, then a checksum of the bincode (so
//! a damaged file is never read as notes). The checksum comes last so that the file
//! is written as it is encoded, never held whole in memory. bincode because it is
//! compact (a note's record is mostly its strings), fast (no field names, no text to
//! scan), and one small crate over serde; it has no schema evolution, which is not
//! needed: the header names the cache's schema version and the binary that wrote it
//! (version, size and time of the executable), and any difference, like any decoding
//! error or a foreign file, makes the whole cache ignored and rebuilt — never trusted
//! in part.

use std::collections::HashMap;
use std::fs::Metadata;
use std::hash::Hasher;
use std::io::Write;
use std::path::Path;

use bincode::Options;
use serde::{Deserialize, Serialize};

use crate::note::Note;

/// Where the cache lives, relative to the workspace root.
pub const CACHE_FILE: &str = ".systemcraft/notes.cache";

/// The layout of the cached records; bump it when [`Note`] or what it holds changes
/// shape. A cache of another schema is ignored.
pub const SCHEMA: u32 = 3;

const MAGIC: &[u8; 16] = b"systemcraft-note";

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Length in bytes.
    pub size: u64,
    /// Modification time: seconds since the epoch.
    pub mtime_s: i64,
    /// Modification time: the nanoseconds past `mtime_s`.
    pub mtime_ns: u32,
    /// Inode number (0 where the platform has none).
    pub ino: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    #[cfg(unix)]
    pub fn of(meta: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp { size: meta.len(), mtime_s: meta.mtime(), mtime_ns: meta.mtime_nsec() as u32, ino: meta.ino() }
    }

    /// The stamp of a file's metadata.
    #[cfg(not(unix))]
    pub fn of(meta: &Metadata) -> Stamp {
        let since = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
        Stamp { size: meta.len(), mtime_s: since.as_secs() as i64, mtime_ns: since.subsec_nanos(), ino: 0 }
    }
}

/// One cached note: the stamp of the file it was parsed from, the hash of its bytes
/// (what watch mode compares), and the note (boxed: it moves into the index as it
/// is, without copying its fields).
#[derive(Debug, Serialize, Deserialize)]
pub struct Cached {
    /// The file's stamp when it was read.
    pub stamp: Stamp,
    /// The hash of the bytes the note was parsed from.
    pub hash: u64,
    /// The parsed note.
    pub note: Box<Note>,
}

#[derive(Serialize, Deserialize)]
struct Header {
    schema: u32,
    build: String,
}

/// The notes of the last scan, as loaded from [`CACHE_FILE`].
#[derive(Debug, Default)]
pub struct NoteCache {
    // By the note's path (moved out of the note); each taken out at most once. A hash
    // map: every note of a build is looked up, in the order the folders are walked,
    // and a binary search over 10,000 paths touched a dozen of them per look-up.
    entries: HashMap<String, Cached>,
    // The cache file's modification time (seconds): entries of files modified in
    // that second or later are not trusted (the racy-timestamp rule).
    written_s: i64,
}

fn options() -> impl Options {
    bincode::DefaultOptions::new().reject_trailing_bytes()
}

/// The binary that writes the cache: a cache written by another build of the parser
/// is ignored.
fn build() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata).map(|m| Stamp::of(&m));
    match exe {
        Ok(s) => format!("{} {} {}.{:09}", env!("CARGO_PKG_VERSION"), s.size, s.mtime_s, s.mtime_ns),
        Err(_) => format!("{} unknown", env!("CARGO_PKG_VERSION")),
    }
}

impl NoteCache {
    /// The cache of the workspace at `root`; empty when missing, unreadable, corrupt,
    /// foreign, or written by another schema or binary.
    pub fn load(root: &Path) -> NoteCache {
        let path = root.join(crate::diag::to_path(CACHE_FILE));
        // Never through a symlink: the cache is the workspace's own file.
        let Ok(meta) = std::fs::symlink_metadata(&path) else { return NoteCache::default() };
        if !meta.is_file() {
            return NoteCache::default();
        }
        let Ok(bytes) = std::fs::read(&path) else { return NoteCache::default() };
        let Some(entries) = decode(&bytes) else { return NoteCache::default() };
        let entries = entries.into_iter().map(|mut c| (std::mem::take(&mut c.note.path), c)).collect();
        NoteCache { entries, written_s: Stamp::of(&meta).mtime_s }
    }

    /// Whether the entry of `rel` can stand for the file with `stamp`: same stamp,
    /// and modified strictly before the second the cache was written in.
    pub fn fresh(&self, rel: &str, stamp: &Stamp) -> bool {
        self.entries.get(rel).is_some_and(|c| c.stamp == *stamp && stamp.mtime_s < self.written_s)
    }

    /// The hash of the bytes the entry of `rel` was parsed from.
    pub fn hash_of(&self, rel: &str) -> Option<u64> {
        self.entries.get(rel).map(|c| c.hash)
    }

    /// Takes the entry of `rel` out of the cache.
    pub fn take(&mut self, rel: &str) -> Option<Cached> {
        let (path, mut c) = self.entries.remove_entry(rel)?;
        c.note.path = path;
        Some(c)
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the cache of `entries` (path, stamp, hash, note) for the workspace at
    /// `root`, atomically.
    pub fn save<'a>(root: &Path, entries: impl Iterator<Item = (&'a str, Stamp, u64, &'a Note)>) -> crate::Result<()> {
        #[derive(Serialize)]
        struct Record<'a> {
            stamp: Stamp,
            hash: u64,
            note: &'a Note,
        }
        // The note's own path is the key: it is the path it was read from.
        let mut records: Vec<Record<'_>> = entries
            .filter(|(rel, _, _, note)| *rel == note.path)
            .map(|(_, stamp, hash, note)| Record { stamp, hash, note })
            .collect();
        records.sort_by(|a, b| a.note.path.cmp(&b.note.path));
        let header = Header { schema: SCHEMA, build: build() };
        // The folder ignores itself, whatever the workspace's .gitignore says: a
        // commit never takes the cache.
        if !root.join(".systemcraft").join(".gitignore").exists() {
            crate::fs::write_state(root, ".systemcraft/.gitignore", b"*\n")?;
        }
        // Encoded straight into the file, summed on the way: at 100k notes no copy
        // of the encoding is held in memory. Saved only when it differs from the
        // notes read: no need to read the old one to compare.
        let mut encode = |file: &mut std::fs::File| {
            let mut out = Summed { inner: std::io::BufWriter::with_capacity(1 << 16, file), sum: Sum::new() };
            out.inner.write_all(MAGIC)?;
            options().serialize_into(&mut out, &(&header, &records)).map_err(|e| match *e {
                bincode::ErrorKind::Io(e) => e,
                other => std::io::Error::other(other),
            })?;
            let sum = out.sum.finish().to_le_bytes();
            out.inner.write_all(&sum)?;
            out.inner.flush()
        };
        crate::fs::replace_in_with(root, CACHE_FILE, &mut encode, crate::fs::Durability::Regenerable)
    }
}

/// A writer that sums what goes through it (see [`checksum`]).
struct Summed<W> {
    inner: W,
    sum: Sum,
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sum.write(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The entries of a cache file's bytes, or `None` when they are not a cache of this
/// schema and binary.
fn decode(bytes: &[u8]) -> Option<Vec<Cached>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (body, sum) = rest.split_last_chunk::<8>()?;
    if u64::from_le_bytes(*sum) != checksum(body) {
        return None;
    }
    // A corrupt length cannot make the decoder allocate more than the file holds.
    let opts = options().with_limit(body.len() as u64 * 4 + 1024);
    let (header, records): (Header, Vec<Cached>) = opts.deserialize(body).ok()?;
    if header.schema != SCHEMA || header.build != build() {
        return None;
    }
    // Strictly sorted, as written: no path twice.
    records.windows(2).all(|w| w[0].note.path < w[1].note.path).then_some(records)
}

// SipHash with fixed keys: the same bytes give the same sum in every run, and bytes
// summed in pieces give the sum of the whole.
type Sum = std::hash::DefaultHasher;

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = Sum::new();
    h.write(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::Kind;

    #[test]
    fn a_sum_taken_in_pieces_is_the_sum_of_the_whole() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut pieces = Sum::new();
        for chunk in bytes.chunks(4093) {
            pieces.write(chunk);
        }
        assert_eq!(pieces.finish(), checksum(&bytes));
    }

    // The cache is encoded into the file in pieces (far more than one buffer's worth
    // here) and read back whole.
    #[test]
    fn a_streamed_cache_reads_back_every_entry() {
        let dir = tempfile::tempdir().unwrap();
        let text = b"---\ntitle: Streamed\nstatus: draft\n---\n## Situation\nThe cache was written in pieces.\n";
        let notes: Vec<Note> =
            (0..3000).map(|i| crate::note::parse(&format!("stories/s{i:04}.md"), Kind::Story, text)).collect();
        let stamp = Stamp { size: text.len() as u64, mtime_s: 1, mtime_ns: 2, ino: 3 };
        NoteCache::save(dir.path(), notes.iter().map(|n| (n.path.as_str(), stamp, 7, n))).unwrap();
        assert!(std::fs::metadata(dir.path().join(CACHE_FILE)).unwrap().len() > 1 << 17);
        let mut cache = NoteCache::load(dir.path());
        assert_eq!(cache.len(), 3000);
        assert!(cache.fresh("stories/s2999.md", &stamp));
        let hit = cache.take("stories/s1234.md").unwrap();
        assert_eq!((hit.hash, hit.note.path.as_str()), (7, "stories/s1234.md"));
        assert_eq!(hit.note.story().unwrap().title.as_deref(), Some("Streamed"));
        assert_eq!(cache.len(), 2999);
    }
}
