//! Coaching logic on stories: the STAR checks (and what counts as a metric), how `check` reports them, the
//! interview questions, the rehearsal schedule and recording a rehearsal.

pub mod lint;
pub mod message;
pub mod metric;
pub mod questions;
pub mod rehearsal;
pub mod schedule;
pub mod star;
