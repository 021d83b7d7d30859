//! The integration tests: one binary, the harness in `testenv`, one module per
//! feature. Every test drives the real `systemcraft` binary on a temporary workspace
//! with the date pinned to `testenv::TODAY`.

mod testenv;

mod assess;
mod badinput;
mod boundary;
mod build;
mod cache;
mod calendar;
mod charts;
mod cli;
mod coach;
mod crash;
mod diagnostics;
mod endgame;
mod evidence;
mod hostile;
mod init;
mod lsp;
mod mock;
mod modules;
mod new;
mod parser_props;
mod plan;
mod practice;
#[cfg(unix)]
mod readme;
mod schema;
mod scores;
mod snapshot;
mod star_corpus;
mod sync;
mod sync_lock;
mod sync_props;
mod sync_setup;
#[cfg(unix)]
mod terminal;
mod trend;
mod watch;
