//! Coaching logic on stories: the STAR checks and the rehearsal schedule.

pub mod message;
pub mod schedule;
pub mod star;
