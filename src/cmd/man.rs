//! `systemcraft man`: print the man page (clap_mangen).

use clap::CommandFactory;

use crate::cli::Cli;
use crate::{Error, Result, EXIT_OK};

/// Runs the command.
pub fn run() -> Result<i32> {
    let man = clap_mangen::Man::new(Cli::command());
    man.render(&mut std::io::stdout()).map_err(|e| Error::io("cannot write", "standard output", e))?;
    Ok(EXIT_OK)
}
