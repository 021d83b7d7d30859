//! The record of the files `systemcraft init` wrote, as it wrote them: a fresh
//! default is not the user's data, so when a second machine's `init` meets the
//! remote's real workspace in a merge, the remote's text wins without a conflict copy.
//! Kept in `.git/systemcraft-fresh` (one `<blob id> <path>` a line), never committed.

use std::collections::HashSet;
use std::path::PathBuf;

use git2::{ObjectType, Oid, Repository};

use super::merge::FreshDefaults;

/// The file's name inside `.git`.
const FILE: &str = "systemcraft-fresh";

/// The fresh defaults of one repository.
#[derive(Debug, Default)]
pub struct Record {
    entries: HashSet<(Oid, String)>,
}

fn file(repo: &Repository) -> PathBuf {
    repo.path().join(FILE)
}

impl Record {
    /// The record of `repo`; empty when there is none (or it cannot be read).
    pub fn read(repo: &Repository) -> Record {
        let text = std::fs::read_to_string(file(repo)).unwrap_or_default();
        let entries = text
            .lines()
            .filter_map(|l| {
                let (id, path) = l.split_once(' ')?;
                Some((Oid::from_str(id).ok()?, path.to_string()))
            })
            .collect();
        Record { entries }
    }

    /// Adds `files` (workspace-relative path, contents as written) to the record of
    /// `repo`. Best effort: without the record, both texts are kept as for any note.
    pub fn add(repo: &Repository, files: &[(String, Vec<u8>)]) {
        let mut record = Record::read(repo);
        for (path, bytes) in files {
            if let Ok(id) = Oid::hash_object(ObjectType::Blob, bytes) {
                record.entries.insert((id, path.clone()));
            }
        }
        let mut lines: Vec<String> = record.entries.iter().map(|(id, p)| format!("{id} {p}\n")).collect();
        lines.sort();
        let _ = std::fs::write(file(repo), lines.concat());
    }
}

impl FreshDefaults for Record {
    fn is_fresh(&self, path: &str, blob: Oid) -> bool {
        self.entries.contains(&(blob, path.to_string()))
    }
}
