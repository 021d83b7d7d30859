//! One module per subcommand. Each is a short coordinator: it turns its arguments
//! into calls on the core and decides what to print and which exit code to return.

pub mod assess;
pub mod build;
pub mod calendar;
pub mod check;
pub mod commit;
pub mod completions;
pub mod init;
pub mod man;
pub mod mock;
pub mod new;
pub mod plan;
pub mod practice;
pub mod sync;
pub mod trend;
pub mod watch;
