//! Coaching logic on stories: finding the STAR parts in the formats people write
//! (`formats`, `part`), the STAR checks (`star`) and what they read (`metric`,
//! `narrative`, `scope`), how `check` reports them (`lint`), the interview questions,
//! the rehearsal schedule and recording a rehearsal.

pub mod formats;
pub mod lint;
pub mod message;
pub mod metric;
pub mod narrative;
pub mod part;
mod passage;
pub mod questions;
pub mod rehearsal;
pub mod schedule;
pub mod scope;
pub mod star;
mod vocabulary;
