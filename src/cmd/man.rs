//! `systemcraft man`: the man pages (clap_mangen): the main page on standard output,
//! or every page — the main one and one per subcommand, which it refers to — into a
//! folder (created when missing).

use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::{Error, Result, EXIT_OK};

/// Runs the command.
pub fn run(out_dir: Option<&Path>) -> Result<i32> {
    match out_dir {
        None => {
            let man = clap_mangen::Man::new(Cli::command());
            man.render(&mut std::io::stdout()).map_err(|e| Error::io("cannot write", "standard output", e))?;
        }
        Some(dir) => {
            if dir.exists() && !dir.is_dir() {
                return Err(Error::Usage(format!("{} is a file, not a folder", dir.display())));
            }
            std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
            clap_mangen::generate_to(Cli::command(), dir)
                .map_err(|e| Error::io("cannot write the man pages in", dir, e))?;
            println!("Wrote the man pages to {}: systemcraft.1 and one per subcommand.", dir.display());
        }
    }
    Ok(EXIT_OK)
}
