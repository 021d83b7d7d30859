//! What `systemcraft practice` runs on: the interview questions, the rehearsal
//! schedule and recording a rehearsal.

pub mod questions;
pub mod rehearsal;
pub mod schedule;
