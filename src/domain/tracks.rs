//! Tracks (where the candidate comes from), timelines (weekly commitment), target
//! levels and the study paths an assessment score leads to.

use super::named_enum;

named_enum! {
    /// Where the candidate comes from.
    Track {
        SeniorToL6 => "senior-to-l6", "Senior engineer to L6", ["senior", "senior-l6"];
        L6ToL7 => "l6-to-l7", "L6 to L7", ["l6-l7"];
        FaangToAmazon => "faang-to-amazon", "FAANG to Amazon", ["faang", "faang-amazon"];
    }
}

impl Track {
    /// Typical preparation time in months, as a range.
    pub fn typical_months(self) -> (u32, u32) {
        match self {
            Track::SeniorToL6 => (8, 12),
            Track::L6ToL7 => (6, 8),
            Track::FaangToAmazon => (4, 6),
        }
    }
}

named_enum! {
    /// How many hours a week the candidate commits.
    Timeline {
        Intensive => "intensive", "Intensive", [];
        Balanced => "balanced", "Balanced", [];
        Deep => "deep", "Deep", [];
    }
}

impl Timeline {
    /// The weekly commitment in hours: (minimum, maximum); `None` as maximum means "or more".
    pub fn weekly_hours(self) -> (u32, Option<u32>) {
        match self {
            Timeline::Intensive => (25, None),
            Timeline::Balanced => (15, Some(20)),
            Timeline::Deep => (10, Some(15)),
        }
    }

    /// The commitment written for people: `15–20 h`, `25+ h`.
    pub fn hours_label(self) -> String {
        match self.weekly_hours() {
            (lo, Some(hi)) => format!("{lo}–{hi} h"),
            (lo, None) => format!("{lo}+ h"),
        }
    }
}

named_enum! {
    /// The level interviewed for.
    Level {
        L6 => "L6", "L6", ["l6"];
        L7 => "L7", "L7", ["l7"];
    }
}

impl Level {
    /// The user scale a system design at this level is expected to handle.
    pub fn design_scale(self) -> u64 {
        match self {
            Level::L6 => 10_000_000,
            Level::L7 => 100_000_000,
        }
    }
}

named_enum! {
    /// The study path an assessment score leads to.
    StudyPath {
        QuickReference => "quick-reference", "Quick reference", [];
        SixWeekIntensive => "six-week-intensive", "6-week intensive", ["6-week-intensive"];
        TwelveWeekComprehensive => "twelve-week-comprehensive", "12-week comprehensive", ["12-week-comprehensive"];
        FoundationBuilding => "foundation-building", "Foundation building", [];
    }
}

impl StudyPath {
    /// The path for an assessment score out of 100.
    pub fn for_score(score: u32) -> StudyPath {
        match score {
            85.. => StudyPath::QuickReference,
            70..=84 => StudyPath::SixWeekIntensive,
            55..=69 => StudyPath::TwelveWeekComprehensive,
            _ => StudyPath::FoundationBuilding,
        }
    }

    /// The assessment scores that lead to the path, inclusive.
    pub fn score_range(self) -> (u32, u32) {
        match self {
            StudyPath::QuickReference => (85, 100),
            StudyPath::SixWeekIntensive => (70, 84),
            StudyPath::TwelveWeekComprehensive => (55, 69),
            StudyPath::FoundationBuilding => (0, 54),
        }
    }

    /// How many weeks the path takes (the upper end for quick reference, the minimum
    /// for foundation building).
    pub fn weeks(self) -> u32 {
        match self {
            StudyPath::QuickReference => 2,
            StudyPath::SixWeekIntensive => 6,
            StudyPath::TwelveWeekComprehensive => 12,
            StudyPath::FoundationBuilding => 16,
        }
    }

    /// What the path is for, in a few words.
    pub fn focus(self) -> &'static str {
        match self {
            StudyPath::QuickReference => "1–2 weeks of polish and mock interviews",
            StudyPath::SixWeekIntensive => "6 weeks of targeted skill building",
            StudyPath::TwelveWeekComprehensive => "12 weeks of foundations, then mastery",
            StudyPath::FoundationBuilding => "16+ weeks: gain the experience first",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_boundaries() {
        assert_eq!(StudyPath::for_score(100), StudyPath::QuickReference);
        assert_eq!(StudyPath::for_score(85), StudyPath::QuickReference);
        assert_eq!(StudyPath::for_score(84), StudyPath::SixWeekIntensive);
        assert_eq!(StudyPath::for_score(70), StudyPath::SixWeekIntensive);
        assert_eq!(StudyPath::for_score(69), StudyPath::TwelveWeekComprehensive);
        assert_eq!(StudyPath::for_score(55), StudyPath::TwelveWeekComprehensive);
        assert_eq!(StudyPath::for_score(54), StudyPath::FoundationBuilding);
        assert_eq!(StudyPath::for_score(0), StudyPath::FoundationBuilding);
        for path in StudyPath::ALL {
            let (lo, hi) = path.score_range();
            assert_eq!((StudyPath::for_score(lo), StudyPath::for_score(hi)), (*path, *path));
        }
    }

    #[test]
    fn levels_parse_in_any_case() {
        assert_eq!(Level::parse("l7"), Some(Level::L7));
        assert_eq!(Level::parse("L6"), Some(Level::L6));
        assert_eq!(Timeline::Balanced.hours_label(), "15–20 h");
        assert_eq!(Timeline::Intensive.hours_label(), "25+ h");
    }
}
