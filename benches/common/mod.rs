//! Shared by the benchmarks: the seeded workspace generator (`gen.rs`, also used by
//! `examples/genworkspace.rs`) and median/p95 helpers.

#![allow(dead_code)]

mod gen;

#[allow(unused_imports)]
pub use gen::{generate, write, SCENARIOS};

use std::time::Duration;

/// Median and 95th percentile.
pub fn stats(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    let median = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95).ceil() as usize).saturating_sub(1).min(v.len() - 1)];
    (median, p95)
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
