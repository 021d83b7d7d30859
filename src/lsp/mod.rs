//! The language server (`systemcraft lsp`): `check`'s diagnostics as the editor
//! types, completion of front-matter keys and values, hovers, quick fixes, the STAR
//! sections as document symbols and go-to-definition on story links, over the
//! Language Server Protocol on standard input and output.
//!
//! The protocol types are lsp-types', the messages lsp-server's (the crates
//! rust-analyzer uses; synchronous, like the rest of the tool). One thread reads
//! the input ([`transport`]); the loop in [`server`] handles one message at a time.
//! Everything about notes goes through [`adapter`], which calls the parser and the
//! checks `check` uses: there is no second implementation of either.

pub mod actions;
pub mod adapter;
pub mod completion;
pub mod diagnostics;
pub mod documents;
pub mod fields;
pub mod hover;
pub mod server;
pub mod symbols;
pub mod transport;
pub mod workspace;

use std::path::{Path, PathBuf};

use crate::config::Config;

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Options {
    /// `-w DIR`, when given: the workspace when the editor names none.
    pub workspace: Option<PathBuf>,
    /// The clock today's date comes from.
    pub clock: crate::clock::Clock,
}

/// What a feature (completion, hover…) may read: the workspace on disk, when there
/// is one, and the config in force.
pub struct Context<'a> {
    /// The workspace as last read from disk.
    pub loaded: Option<&'a workspace::Loaded>,
    /// The config in force (the defaults without a workspace).
    pub config: &'a Config,
}

impl Context<'_> {
    /// The workspace root.
    pub fn root(&self) -> Option<&Path> {
        self.loaded.map(|l| l.root().as_path())
    }
}

/// Serves on standard input and output until `exit` or the end of the input; the
/// exit code is 0 after a `shutdown` (or when the editor simply went away), 1 for an
/// `exit` without one, as the protocol asks.
pub fn serve_stdio(options: Options) -> crate::Result<i32> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    Ok(server::Server::new(options).run(stdin, stdout.lock()))
}
