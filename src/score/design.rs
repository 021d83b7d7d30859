//! The design checklist: which parts of a design interview a design note covers
//! (requirements, estimates, API, data model, architecture, deep dives, trade-offs)
//! and whether it reaches the target level's scale. A design counts as complete only
//! when it is marked complete *and* the checklist holds; `check` and the dashboard's
//! problems list the missing parts as `design/…` warnings.

use serde::Serialize;

use crate::config::Config;
use crate::diag::Diagnostic;
pub use crate::note::design::{Part, MIN_WORDS};
use crate::note::kinds::{Design, DesignStatus};
use crate::note::Note;

/// What the checklist found in one design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checklist {
    /// The parts it lacks, in interview order.
    pub missing: Vec<Part>,
    /// Whether its `scale:` reaches the target level's.
    pub at_scale: bool,
}

impl Checklist {
    /// Every part present and the level's scale reached.
    pub fn holds(&self) -> bool {
        self.missing.is_empty() && self.at_scale
    }
}

/// The checklist of a design note: the parts its body covers were read at parse time
/// ([`crate::note::design::Coverage`]).
pub fn checklist(config: &Config, design: &Design) -> Checklist {
    let missing = design.covered.missing().collect();
    let at_scale = design.scale.is_some_and(|s| s >= config.profile.target_level.design_scale());
    Checklist { missing, at_scale }
}

/// Whether a design counts as complete: marked so and its checklist holds.
pub fn credited(config: &Config, design: &Design) -> bool {
    design.status == Some(DesignStatus::Complete) && checklist(config, design).holds()
}

/// The `design/…` warnings of a design marked complete: one per missing part, and
/// `design/scale` when it does not reach the level's scale. An outline has none: it
/// is not claimed to be finished.
pub fn diagnostics(config: &Config, note: &Note, design: &Design) -> Vec<Diagnostic> {
    if design.status != Some(DesignStatus::Complete) || note.example {
        return Vec::new();
    }
    let list = checklist(config, design);
    let line = note.body_line.max(1);
    let mut out: Vec<Diagnostic> = list
        .missing
        .iter()
        .map(|p| {
            Diagnostic::warning(
                &note.path,
                p.code(),
                format!("marked complete but lacks {}: counted as an outline", p.label()),
            )
            .at(line, 1)
            .hint(p.hint())
        })
        .collect();
    if !list.at_scale {
        let level = config.profile.target_level;
        out.push(
            Diagnostic::warning(
                &note.path,
                "design/scale",
                format!("marked complete but its `scale:` is below {level} scale or missing: counted as an outline"),
            )
            .at(line, 1)
            .hint(format!("design for {}M users or more and say so in `scale:`", level.design_scale() / 1_000_000)),
        );
    }
    out
}
