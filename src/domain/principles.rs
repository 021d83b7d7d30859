//! The 16 Leadership Principles and the five core story scenarios, with the aliases
//! people actually write.

use super::named_enum;

named_enum! {
    /// One of Amazon's 16 Leadership Principles.
    Principle {
        CustomerObsession => "customer-obsession", "Customer Obsession", ["customer", "customer-first"];
        Ownership => "ownership", "Ownership", ["owner"];
        InventAndSimplify => "invent-and-simplify", "Invent and Simplify", ["invent-simplify", "invent"];
        AreRightALot => "are-right-a-lot", "Are Right, A Lot", ["be-right-a-lot", "right-a-lot", "are-right"];
        LearnAndBeCurious => "learn-and-be-curious", "Learn and Be Curious", ["learn-be-curious", "learning", "curiosity"];
        HireAndDevelopTheBest => "hire-and-develop-the-best", "Hire and Develop the Best", ["hire-develop-the-best", "hire-and-develop", "hire-develop", "hiring"];
        InsistOnTheHighestStandards => "insist-on-the-highest-standards", "Insist on the Highest Standards", ["insist-on-highest-standards", "highest-standards", "high-standards"];
        ThinkBig => "think-big", "Think Big", [];
        BiasForAction => "bias-for-action", "Bias for Action", ["bias-to-action"];
        Frugality => "frugality", "Frugality", ["frugal"];
        EarnTrust => "earn-trust", "Earn Trust", ["earns-trust", "trust"];
        DiveDeep => "dive-deep", "Dive Deep", ["deep-dive", "dives-deep"];
        HaveBackbone => "have-backbone", "Have Backbone; Disagree and Commit", ["have-backbone-disagree-and-commit", "disagree-and-commit", "backbone", "disagree-commit"];
        DeliverResults => "deliver-results", "Deliver Results", ["delivers-results", "delivering-results", "results"];
        EarthsBestEmployer => "earths-best-employer", "Strive to be Earth's Best Employer", ["strive-to-be-earths-best-employer", "best-employer", "earth-best-employer"];
        SuccessAndScale => "success-and-scale", "Success and Scale Bring Broad Responsibility", ["success-and-scale-bring-broad-responsibility", "success-scale", "broad-responsibility"];
    }
}

named_enum! {
    /// One of the five story scenarios every candidate needs covered.
    Scenario {
        TechnicalLeadership => "technical-leadership", "Technical leadership", ["technical", "tech-leadership"];
        PeopleLeadership => "people-leadership", "People leadership", ["people", "people-management"];
        CrossFunctionalInfluence => "cross-functional-influence", "Cross-functional influence", ["cross-functional", "influence", "crossfunctional-influence"];
        FailureAndLearning => "failure-and-learning", "Failure and learning", ["failure", "failure-learning", "failure-and-learnings"];
        Innovation => "innovation", "Innovation", ["invention"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_sixteen_principles_and_five_scenarios() {
        assert_eq!(Principle::ALL.len(), 16);
        assert_eq!(Scenario::ALL.len(), 5);
    }

    #[test]
    fn principles_parse_in_any_case_and_spacing() {
        for p in Principle::ALL {
            assert_eq!(Principle::parse(p.slug()), Some(*p));
            assert_eq!(Principle::parse(&p.slug().to_uppercase().replace('-', " ")), Some(*p));
            assert_eq!(Principle::parse(p.label()), Some(*p), "{}", p.label());
        }
        assert_eq!(Principle::parse("Disagree and Commit"), Some(Principle::HaveBackbone));
        assert_eq!(Principle::parse("Have Backbone Disagree & Commit"), Some(Principle::HaveBackbone));
        assert_eq!(Principle::parse("have backbone; disagree & commit."), Some(Principle::HaveBackbone));
        // `&` for `and`, `;` and punctuation dropped, any case: for all 16.
        for p in Principle::ALL {
            let written = p.label().replace(" and ", " & ").replace([';', ','], "").to_uppercase() + ".";
            assert_eq!(Principle::parse(&written), Some(*p), "{written}");
            let bare = p.label().replace(" and ", " ").replace(" & ", " ").to_lowercase();
            assert_eq!(Principle::parse(&bare), Some(*p), "{bare}");
        }
        assert_eq!(Principle::parse("Earth's best employer"), Some(Principle::EarthsBestEmployer));
        assert_eq!(Principle::parse("nope"), None);
        assert_eq!(Principle::suggest("dive dep"), Some("dive-deep"));
        assert_eq!(Principle::suggest("ownershp"), Some("ownership"));
    }

    #[test]
    fn scenarios_parse_labels() {
        for s in Scenario::ALL {
            assert_eq!(Scenario::parse(s.label()), Some(*s));
        }
        assert_eq!(Scenario::parse("Failure & Learning"), Some(Scenario::FailureAndLearning));
    }
}
