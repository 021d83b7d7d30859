//! Turning the model into text: the Markdown dashboard, the JSON document and the
//! short terminal summary.

pub mod dashboard;
pub mod json;
pub mod terminal;
mod text;

/// A text progress bar of `width` cells: `████░░░░░░`.
pub fn bar(value: f64, width: usize) -> String {
    let filled = ((value.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars_round_to_cells() {
        assert_eq!(super::bar(0.4, 10), "████░░░░░░");
        assert_eq!(super::bar(0.0, 5), "░░░░░");
        assert_eq!(super::bar(1.2, 5), "█████");
        assert_eq!(super::bar(0.06, 10), "█░░░░░░░░░");
    }
}
