//! `systemcraft completions SHELL`: print a completion script (clap_complete).

use clap::CommandFactory;

use crate::cli::Cli;
use crate::{Result, EXIT_OK};

/// Runs the command.
pub fn run(shell: clap_complete::Shell) -> Result<i32> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "systemcraft", &mut std::io::stdout());
    Ok(EXIT_OK)
}
