//! What `systemcraft practice` runs on: the interview questions and recording a
//! rehearsal (the rehearsal schedule is [`crate::repetition`]).

pub mod questions;
pub mod rehearsal;
