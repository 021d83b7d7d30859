//! Commit messages that say what changed in the notes' own terms, e.g.
//! `log 2026-11-25; story checkout-latency (ready); 2 designs`, with every path in
//! the body.

use crate::config::PROFILE_FILE;
use crate::git::{Change, ChangeKind};
use crate::index::Index;
use crate::note::{Data, Kind};
use crate::workspace::is_generated;

/// Longest subject line before items are folded into counts.
const SUBJECT_MAX: usize = 72;

/// What a changed path is, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Log,
    Story,
    Design,
    Mock,
    Plan,
    Assessment,
    Profile,
    Other,
    Dashboard,
}

impl Group {
    fn of(path: &str) -> Group {
        match Kind::of(path) {
            Some(Kind::Log) => Group::Log,
            Some(Kind::Story) => Group::Story,
            Some(Kind::Design) => Group::Design,
            Some(Kind::Mock) => Group::Mock,
            Some(Kind::Plan) => Group::Plan,
            Some(Kind::Assessment) => Group::Assessment,
            None if path == PROFILE_FILE => Group::Profile,
            None if is_generated(path) => Group::Dashboard,
            None => Group::Other,
        }
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Group::Log => ("log", "logs"),
            Group::Story => ("story", "stories"),
            Group::Design => ("design", "designs"),
            Group::Mock => ("mock", "mocks"),
            Group::Plan => ("plan", "plans"),
            Group::Assessment => ("assessment", "assessments"),
            Group::Profile => ("profile", "profiles"),
            Group::Other => ("file", "other files"),
            Group::Dashboard => ("dashboard", "dashboards"),
        }
    }
}

/// The file name without `.md`.
fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

fn item(change: &Change, group: Group, index: &Index) -> String {
    let (one, _) = group.names();
    let removed = if change.kind == ChangeKind::Deleted { "removed " } else { "" };
    match group {
        Group::Profile | Group::Assessment | Group::Dashboard => format!("{removed}{one}"),
        Group::Other => format!("{removed}{}", change.path),
        Group::Story => {
            let status = match index.get(&change.path).map(|n| &n.data) {
                Some(Data::Story(s)) if change.kind != ChangeKind::Deleted => {
                    s.status.map(|st| format!(" ({})", st.slug())).unwrap_or_default()
                }
                _ => String::new(),
            };
            format!("{removed}{one} {}{status}", stem(&change.path))
        }
        _ => format!("{removed}{one} {}", stem(&change.path)),
    }
}

/// The commit message for `changes`: a subject naming what changed by kind, then a
/// body listing every path. `index` supplies details such as a story's status.
pub fn summarise(changes: &[Change], index: &Index) -> String {
    let mut groups: Vec<(Group, Vec<&Change>)> = Vec::new();
    for c in changes {
        let g = Group::of(&c.path);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(c),
            None => groups.push((g, vec![c])),
        }
    }
    groups.sort_by_key(|(g, _)| *g);
    // The dashboard is regenerated output: name it only when nothing else changed.
    if groups.len() > 1 {
        groups.retain(|(g, _)| *g != Group::Dashboard);
    }
    let count = |g: Group, n: usize| {
        let (one, many) = g.names();
        match (g, n) {
            (Group::Profile | Group::Assessment | Group::Dashboard, _) => one.to_string(),
            (_, 1) => format!("1 {one}"),
            _ => format!("{n} {many}"),
        }
    };
    let detailed: Vec<String> = groups
        .iter()
        .map(|(g, v)| {
            // The dashboard and its charts are one thing to a reader: "dashboard".
            if v.len() <= 2 && *g != Group::Dashboard {
                v.iter().map(|c| item(c, *g, index)).collect::<Vec<_>>().join("; ")
            } else {
                count(*g, v.len())
            }
        })
        .collect();
    let mut subject = detailed.join("; ");
    if subject.chars().count() > SUBJECT_MAX {
        subject = groups.iter().map(|(g, v)| count(*g, v.len())).collect::<Vec<_>>().join("; ");
    }
    if subject.is_empty() {
        subject = "Update notes".to_string();
    }
    let mut body = String::new();
    for c in changes {
        let verb = match c.kind {
            ChangeKind::Added => "added",
            ChangeKind::Modified => "changed",
            ChangeKind::Deleted => "removed",
        };
        body.push_str(&format!("{verb}: {}\n", c.path));
    }
    format!("{subject}\n\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: &str, kind: ChangeKind) -> Change {
        Change { path: path.to_string(), kind }
    }

    fn index_with_story(rel: &str, text: &str) -> (tempfile::TempDir, Index) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PROFILE_FILE), "name: x\n").unwrap();
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        let ws = crate::workspace::Workspace::open(dir.path()).unwrap();
        let index = Index::build(&ws);
        (dir, index)
    }

    #[test]
    fn names_each_change_by_kind_with_a_story_status() {
        let (_d, index) = index_with_story(
            "stories/checkout-latency.md",
            "---\ntitle: T\nscenario: innovation\nprinciples: [ownership]\nstatus: ready\n---\nx\n",
        );
        let changes = vec![
            change("DASHBOARD.md", ChangeKind::Modified),
            change("designs/a.md", ChangeKind::Added),
            change("designs/b.md", ChangeKind::Modified),
            change("designs/c.md", ChangeKind::Deleted),
            change("logs/2026-11-25.md", ChangeKind::Added),
            change("stories/checkout-latency.md", ChangeKind::Modified),
        ];
        let msg = summarise(&changes, &index);
        let (subject, body) = msg.split_once("\n\n").unwrap();
        assert_eq!(subject, "log 2026-11-25; story checkout-latency (ready); 3 designs");
        assert!(body.contains("removed: designs/c.md\n"));
        assert!(body.contains("changed: DASHBOARD.md\n"));
    }

    #[test]
    fn long_subjects_fold_into_counts_and_deletions_are_named() {
        let index = Index::default();
        let changes = vec![
            change("stories/a-very-long-story-name-about-a-migration-that-went-wrong.md", ChangeKind::Deleted),
            change("mocks/2026-11-20-behavioral-with-a-long-name-too.md", ChangeKind::Added),
            change("systemcraft.yaml", ChangeKind::Modified),
        ];
        let subject = summarise(&changes, &index).lines().next().unwrap().to_string();
        assert_eq!(subject, "1 story; 1 mock; profile");
        let short = vec![change("stories/old.md", ChangeKind::Deleted)];
        assert!(summarise(&short, &index).starts_with("removed story old\n"));
        assert!(summarise(&[change("DASHBOARD.md", ChangeKind::Modified)], &index).starts_with("dashboard\n"));
        let with_a_chart =
            [change("DASHBOARD.md", ChangeKind::Modified), change("dashboard/time-split.svg", ChangeKind::Modified)];
        assert!(summarise(&with_a_chart, &index).starts_with("dashboard\n"), "{}", summarise(&with_a_chart, &index));
        let with_a_log =
            [change("dashboard/mocks.svg", ChangeKind::Modified), change("logs/2026-11-25.md", ChangeKind::Added)];
        assert!(summarise(&with_a_log, &index).starts_with("log 2026-11-25\n"));
    }
}
