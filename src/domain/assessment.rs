//! The self-assessment: its two forms, their items, and how answers turn into a
//! score, category bands, a study path and a learning path.

use std::collections::BTreeMap;

use serde::Serialize;

use super::named_enum;
use super::tracks::StudyPath;

named_enum! {
    /// Which questionnaire was answered.
    Form {
        Quick => "quick", "Quick (12 items)", ["short"];
        Complete => "complete", "Complete (20 items)", ["full", "long"];
    }
}

named_enum! {
    /// The three areas the assessment rates.
    Category {
        Technical => "technical", "Technical", [];
        Leadership => "leadership", "Leadership", [];
        Cultural => "cultural", "Cultural", [];
    }
}

/// One question of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// The key used in assessment.md's `answers`.
    pub id: &'static str,
    /// The area it rates.
    pub category: Category,
    /// What it is about, in a few words.
    pub topic: &'static str,
}

const fn item(id: &'static str, category: Category, topic: &'static str) -> Item {
    Item { id, category, topic }
}

use Category::{Cultural, Leadership, Technical};

const QUICK: [Item; 12] = [
    item("design-at-scale", Technical, "designing for millions of users"),
    item("coding-speed", Technical, "medium problems in 30–45 minutes"),
    item("aws-production", Technical, "AWS services in production"),
    item("distributed-tradeoffs", Technical, "distributed-systems trade-offs"),
    item("team-size", Leadership, "managing 8+ engineers"),
    item("quantified-impact", Leadership, "quantified leadership stories"),
    item("influence", Leadership, "influence beyond your own team"),
    item("technical-strategy", Leadership, "articulating technical strategy"),
    item("lp-knowledge", Cultural, "knowing the Leadership Principles"),
    item("lp-examples", Cultural, "an example for each principle"),
    item("interview-format", Cultural, "knowing the interview format"),
    item("level-expectations", Cultural, "L6 vs L7 expectations"),
];

const COMPLETE: [Item; 20] = [
    item("design-at-scale", Technical, "system design at scale"),
    item("coding-speed", Technical, "coding speed"),
    item("aws-depth", Technical, "AWS depth"),
    item("data-design", Technical, "data and storage design"),
    item("performance", Technical, "performance engineering"),
    item("distributed-systems", Technical, "distributed systems"),
    item("technology-selection", Technical, "technology selection"),
    item("technical-communication", Technical, "technical communication"),
    item("management-scope", Leadership, "people-management scope"),
    item("cross-team-influence", Leadership, "cross-team influence"),
    item("conflict-resolution", Leadership, "conflict resolution"),
    item("change-leadership", Leadership, "leading change"),
    item("strategy", Leadership, "strategy"),
    item("hiring-development", Leadership, "hiring and developing people"),
    item("customer-obsession", Cultural, "customer obsession"),
    item("ownership", Cultural, "ownership"),
    item("invent-and-simplify", Cultural, "invent and simplify"),
    item("bias-for-action", Cultural, "bias for action"),
    item("learning", Cultural, "learning and curiosity"),
    item("delivering-results", Cultural, "delivering results"),
];

impl Form {
    /// The items of this form, in order.
    pub fn items(self) -> &'static [Item] {
        match self {
            Form::Quick => &QUICK,
            Form::Complete => &COMPLETE,
        }
    }

    /// The item with this id, if the form has it.
    pub fn item(self, id: &str) -> Option<&'static Item> {
        self.items().iter().find(|i| i.id == id)
    }
}

/// How a category score reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    /// 80% or more.
    Strong,
    /// 60% to 79%.
    Good,
    /// 40% to 59%.
    NeedsWork,
    /// Below 40%.
    MajorGap,
}

impl Band {
    /// The band of a percentage.
    pub fn of(percent: u32) -> Band {
        match percent {
            80.. => Band::Strong,
            60..=79 => Band::Good,
            40..=59 => Band::NeedsWork,
            _ => Band::MajorGap,
        }
    }

    /// The words shown on the dashboard.
    pub fn label(self) -> &'static str {
        match self {
            Band::Strong => "strong",
            Band::Good => "good",
            Band::NeedsWork => "needs work",
            Band::MajorGap => "major gap",
        }
    }
}

/// One category's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryScore {
    /// The category.
    pub category: Category,
    /// Sum of its answers.
    pub sum: u32,
    /// Highest possible sum (5 × items).
    pub max: u32,
    /// round(100 × sum / max).
    pub percent: u32,
    /// The band of `percent`.
    pub band: Band,
}

impl CategoryScore {
    /// The category's share of its maximum, in [0, 1], used as a self-rating component.
    pub fn fraction(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            f64::from(self.sum) / f64::from(self.max)
        }
    }
}

/// The learning path: items grouped by how they were rated.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LearningPath {
    /// Rated 1 or 2: weeks 1–2.
    pub critical_gaps: Vec<&'static str>,
    /// Rated 3: weeks 3–6.
    pub skill_building: Vec<&'static str>,
    /// Rated 4 or 5: week 7 on.
    pub excellence: Vec<&'static str>,
}

/// A scored assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentResult {
    /// The form answered.
    pub form: Form,
    /// The overall score out of 100.
    pub score: u32,
    /// Per-category results, in the order technical, leadership, cultural.
    pub categories: Vec<CategoryScore>,
    /// The study path the score leads to.
    pub path: StudyPath,
    /// The learning path built from the answers (item topics).
    pub learning_path: LearningPath,
}

impl AssessmentResult {
    /// The result of one category.
    pub fn category(&self, category: Category) -> &CategoryScore {
        self.categories.iter().find(|c| c.category == category).expect("every category is scored")
    }
}

/// Scores a complete set of answers (every item of the form, each 1–5).
///
/// Returns `None` when an item is missing: a partial assessment does not count.
pub fn score(form: Form, answers: &BTreeMap<String, u8>) -> Option<AssessmentResult> {
    let mut sums = [0u32; 3];
    let mut maxes = [0u32; 3];
    let mut learning = LearningPath::default();
    for item in form.items() {
        let value = *answers.get(item.id)?;
        let idx = Category::ALL.iter().position(|c| *c == item.category).unwrap_or(0);
        sums[idx] += u32::from(value);
        maxes[idx] += 5;
        match value {
            0..=2 => learning.critical_gaps.push(item.topic),
            3 => learning.skill_building.push(item.topic),
            _ => learning.excellence.push(item.topic),
        }
    }
    let total: u32 = sums.iter().sum();
    let score = match form {
        // The quick form's 12 items sum to at most 60; scale to 100.
        Form::Quick => (f64::from(total) * 100.0 / 60.0).round() as u32,
        // The complete form's 20 items sum to at most 100 (technical 40, leadership 30,
        // cultural 30), so the sum is the score.
        Form::Complete => total,
    };
    let categories = Category::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let percent = (f64::from(sums[i]) * 100.0 / f64::from(maxes[i].max(1))).round() as u32;
            CategoryScore { category: *c, sum: sums[i], max: maxes[i], percent, band: Band::of(percent) }
        })
        .collect();
    Some(AssessmentResult { form, score, categories, path: StudyPath::for_score(score), learning_path: learning })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(form: Form, f: impl Fn(usize) -> u8) -> BTreeMap<String, u8> {
        form.items().iter().enumerate().map(|(i, it)| (it.id.to_string(), f(i))).collect()
    }

    #[test]
    fn quick_score_scales_sum_to_100() {
        let r = score(Form::Quick, &answers(Form::Quick, |_| 5)).unwrap();
        assert_eq!(r.score, 100);
        let r = score(Form::Quick, &answers(Form::Quick, |_| 3)).unwrap();
        assert_eq!(r.score, 60); // 36 / 60
        assert_eq!(r.path, StudyPath::TwelveWeekComprehensive);
        assert_eq!(r.learning_path.skill_building.len(), 12);
    }

    #[test]
    fn complete_score_is_the_sum() {
        let r = score(Form::Complete, &answers(Form::Complete, |_| 4)).unwrap();
        assert_eq!(r.score, 80);
        assert_eq!(r.category(Category::Technical).max, 40);
        assert_eq!(r.category(Category::Leadership).max, 30);
        assert_eq!(r.category(Category::Cultural).sum, 24);
        assert_eq!(r.category(Category::Cultural).band, Band::Strong);
    }

    #[test]
    fn partial_answers_do_not_score() {
        let mut a = answers(Form::Quick, |_| 3);
        a.remove("influence");
        assert!(score(Form::Quick, &a).is_none());
    }

    #[test]
    fn learning_path_groups_by_rating() {
        let r = score(Form::Quick, &answers(Form::Quick, |i| [1, 2, 3, 4, 5][i % 5])).unwrap();
        // Ratings 1,2,3,4,5,1,2,3,4,5,1,2.
        assert_eq!(r.learning_path.critical_gaps.len(), 6);
        assert_eq!(r.learning_path.skill_building.len(), 2);
        assert_eq!(r.learning_path.excellence.len(), 4);
    }

    #[test]
    fn bands() {
        assert_eq!(Band::of(80), Band::Strong);
        assert_eq!(Band::of(79), Band::Good);
        assert_eq!(Band::of(60), Band::Good);
        assert_eq!(Band::of(59), Band::NeedsWork);
        assert_eq!(Band::of(40), Band::NeedsWork);
        assert_eq!(Band::of(39), Band::MajorGap);
    }
}
