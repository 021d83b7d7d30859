//! `systemcraft lsp`: the language server on standard input and output. It only
//! hands the workspace option and the date over to [`crate::lsp`]; the editor says
//! where the workspace is when it starts the server.

use crate::{Globals, Result};

/// Runs the command: serves until the editor says `exit` or closes the pipe.
pub fn run(globals: &Globals) -> Result<i32> {
    let options = crate::lsp::Options { workspace: globals.workspace.clone(), clock: globals.clock.clone() };
    crate::lsp::serve_stdio(options)
}
