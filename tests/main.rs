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
mod cli;
mod coach;
mod crash;
mod diagnostics;
mod init;
mod mock;
mod new;
mod parser_props;
mod plan;
mod practice;
mod schema;
mod scores;
mod snapshot;
mod sync;
mod trend;
mod watch;
