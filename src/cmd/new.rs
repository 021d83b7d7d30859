//! `systemcraft new story|log|design|mock [TITLE]`: create a note from its template
//! (the workspace's `templates/` first, the embedded copy otherwise), with a safe
//! file name, never overwriting.

use std::io::Write;
use std::path::PathBuf;

use super::lookup;
use crate::cli::{MockKindArg, NewArgs, NoteKind};
use crate::domain::principles::{Principle, Scenario};
use crate::note::front_matter::Editor;
use crate::template;
use crate::{Error, Globals, Result, EXIT_OK};

/// Runs the command.
pub fn run(globals: &Globals, args: NewArgs) -> Result<i32> {
    let ws = globals.workspace()?;
    let today = globals.today.to_string();
    let (name, folder) = match args.kind {
        NoteKind::Story => ("story", "stories"),
        NoteKind::Log => ("log", "logs"),
        NoteKind::Design => ("design", "designs"),
        NoteKind::Mock => ("mock", "mocks"),
    };
    let principles = args
        .principles
        .iter()
        .map(|p| lookup(p, "Leadership Principle", Principle::parse, Principle::suggest, &Principle::slugs()))
        .collect::<Result<Vec<_>>>()?;
    // Keep the order given, without repeats.
    let principles: Vec<Principle> =
        principles.iter().enumerate().filter(|(i, p)| !principles[..*i].contains(p)).map(|(_, p)| *p).collect();
    let scenario = args
        .scenario
        .as_deref()
        .map(|s| lookup(s, "scenario", Scenario::parse, Scenario::suggest, &Scenario::slugs()))
        .transpose()?;
    if args.kind != NoteKind::Story && (!principles.is_empty() || scenario.is_some()) {
        return Err(Error::Usage("--lp and --scenario apply to stories only".into()));
    }
    if args.kind != NoteKind::Mock && args.mock_kind.is_some() {
        return Err(Error::Usage("--kind applies to mocks only".into()));
    }

    let title = args.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    // A story or design is named by its title: without one it would be a silent
    // `untitled.md`, the next one refused as existing.
    if title.is_none() && matches!(args.kind, NoteKind::Story | NoteKind::Design) {
        let example = if args.kind == NoteKind::Story { "Cutting checkout latency" } else { "Global rate limiter" };
        return Err(Error::Usage(format!(
            "a {name} needs a title, which also names its file: systemcraft new {name} \"{example}\""
        )));
    }
    // With --edit, the editor is found before anything is written: no editor, no note.
    let editor = if args.edit { Some(editor()?) } else { None };
    let file = match args.kind {
        NoteKind::Log => format!("{today}.md"),
        NoteKind::Mock => format!("{today}-{}.md", crate::fs::slugify(title.unwrap_or("mock"))),
        _ => format!("{}.md", crate::fs::slugify(title.unwrap_or("untitled"))),
    };
    let rel = format!("{folder}/{file}");
    let path = ws.root.join(folder).join(&file);
    // A title with nothing a file name can keep (only emoji, say) still makes a note;
    // say where it went rather than leave the name a surprise.
    let unnamed = title.is_some_and(|t| crate::fs::slugify(t) == "untitled" && !t.eq_ignore_ascii_case("untitled"));

    let text = template::user_or_builtin(&ws.root, &format!("templates/{name}.md"))?.unwrap_or_default();
    let title_text = title.map(str::to_string).unwrap_or_else(|| match args.kind {
        NoteKind::Log => format!("Practice log {today}"),
        _ => "Untitled".to_string(),
    });
    let list = principles.iter().map(|p| p.slug()).collect::<Vec<_>>().join(", ");
    let filled = template::fill(
        &text,
        &[
            ("title", template::yaml_quoted_escape(&title_text)),
            ("date", today.clone()),
            ("scenario", scenario.map(|s| s.slug().to_string()).unwrap_or_default()),
            ("principles", format!("[{list}]")),
            ("kind", args.mock_kind.unwrap_or(MockKindArg::FullLoop).kind().slug().to_string()),
        ],
    );
    let filled = match args.mock_kind {
        // A template of the user's own may name a kind of its own: --kind wins.
        Some(kind) if args.kind == NoteKind::Mock => set_kind(filled, kind.kind().slug()),
        _ => filled,
    };
    match crate::fs::create_new_in(&ws.root, &rel, filled.as_bytes()) {
        Err(Error::Exists { .. }) if args.kind == NoteKind::Log => {
            return Err(Error::LogExists { date: today, path: display_path(&ws.root, &rel) })
        }
        other => other?,
    }

    let shown = display_path(&ws.root, &rel);
    if unnamed {
        let _ = writeln!(
            anstream::stderr(),
            "note: the title has no letter or digit to name the file with, so the note is {rel}; rename it as you like"
        );
    }
    writeln!(anstream::stdout(), "{}", shown.display()).map_err(crate::output::error)?;
    if let Some(editor) = editor {
        open_editor(&editor, &path)?;
    }
    Ok(EXIT_OK)
}

/// Sets `kind:` in the note's front matter, keeping every other byte; a template
/// without front matter is left as it is.
fn set_kind(text: String, slug: &str) -> String {
    let Ok(mut editor) = Editor::front_matter(&text) else { return text };
    match editor.set("kind", slug) {
        Ok(()) => editor.finish(),
        Err(_) => text,
    }
}

/// The path as the user can type it from the current folder.
fn display_path(root: &std::path::Path, rel: &str) -> PathBuf {
    let full = root.join(crate::diag::to_path(rel));
    match std::env::current_dir().ok().and_then(|cwd| full.strip_prefix(&cwd).ok().map(PathBuf::from)) {
        Some(p) => p,
        None => full,
    }
}

/// The editor `--edit` starts: $VISUAL, else $EDITOR.
fn editor() -> Result<String> {
    std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.trim().is_empty()))
        .ok_or_else(|| {
            Error::Usage(
                "--edit needs $VISUAL or $EDITOR to name your editor (e.g. `export EDITOR=nano`); no note was created"
                    .into(),
            )
        })
}

/// Opens a file in `editor` and waits for it.
fn open_editor(editor: &str, path: &std::path::Path) -> Result<()> {
    // The variable may carry arguments (`code --wait`).
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(path)
        .status()
        .map_err(|e| Error::io("cannot start the editor for", path, e))?;
    if !status.success() {
        return Err(Error::Editor(format!(
            "the editor `{editor}` exited with {status}; the note was created at {}",
            path.display()
        )));
    }
    Ok(())
}
