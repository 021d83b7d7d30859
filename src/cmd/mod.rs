//! One module per subcommand. Each is a short coordinator: it turns its arguments
//! into calls on the core and decides what to print and which exit code to return.

pub mod assess;
pub mod build;
pub mod calendar;
pub mod check;
pub mod clone;
pub mod commit;
pub mod completions;
pub mod init;
pub mod lsp;
pub mod man;
pub mod mock;
pub mod new;
pub mod plan;
pub mod practice;
pub mod sync;
pub mod trend;
pub mod watch;

use crate::{Error, Result};

/// Looks a name up, or explains the usage error with the closest known name.
pub(crate) fn lookup<T>(
    name: &str,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    suggest: impl Fn(&str) -> Option<&'static str>,
    all: &str,
) -> Result<T> {
    parse(name).ok_or_else(|| {
        Error::Usage(match suggest(name) {
            Some(s) => format!("unknown {what} \"{name}\": did you mean `{s}`?"),
            None => format!("unknown {what} \"{name}\"; use one of: {all}"),
        })
    })
}

/// Creates the folder a file is written into (`--out exports/prep.ics`), if missing.
pub(crate) fn create_parent(file: &std::path::Path) -> Result<()> {
    match file.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e)),
        None => Ok(()),
    }
}
