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
    /// The question as asked, what each answer means, and what the study plan does
    /// about it.
    pub wording: &'static Wording,
}

/// The words of one question: how `systemcraft assess` asks it and how
/// `systemcraft plan` turns its answer into tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wording {
    /// The question, in full.
    pub question: &'static str,
    /// What answering 1, 2, 3, 4 and 5 means for this question.
    pub levels: [&'static str; 5],
    /// A first step for a critical gap (a plan task, weeks 1–2).
    pub study: &'static str,
    /// A practice exercise (a plan task for gaps and skill building).
    pub drill: &'static str,
}

const fn item(id: &'static str, category: Category, topic: &'static str, wording: &'static Wording) -> Item {
    Item { id, category, topic, wording }
}

use Category::{Cultural, Leadership, Technical};

const DESIGN_AT_SCALE: Wording = Wording {
    question: "Could you design, on a whiteboard, a service that millions of people use, and say where it would break first?",
    levels: [
        "I have never designed beyond one server and one database",
        "I know the building blocks but have not put them together under time pressure",
        "I can sketch a sound design; my capacity numbers and failure modes are shaky",
        "I design for 10M+ users with numbers and defend the bottlenecks I pick",
        "I have built such systems and could coach others through the trade-offs",
    ],
    study: "learn the building blocks (load balancers, caches, sharding, queues, CDNs) and follow one reference design end to end",
    drill: "design a read-heavy service for 10M users in 45 minutes with back-of-the-envelope numbers, then compare it with a published design",
};

const CODING_SPEED: Wording = Wording {
    question: "Do you solve a medium-difficulty algorithm problem in 30 to 45 minutes while explaining your reasoning aloud?",
    levels: [
        "I rarely finish a medium problem, even without a clock",
        "I finish some mediums, usually well past 45 minutes",
        "I solve most mediums in time, but talking while I code slows me down",
        "I solve mediums in time and narrate my approach clearly",
        "Mediums are routine: I finish early and discuss alternatives and complexity",
    ],
    study: "review the core patterns (two pointers, sliding window, BFS/DFS, heaps, binary search, intervals) with one solved problem each",
    drill: "solve three medium problems aloud against a 45-minute clock and record each time in the day's log",
};

const AWS_PRODUCTION: Wording = Wording {
    question: "Have you run production workloads on AWS, and could you say why one managed service fits a job better than another?",
    levels: [
        "I have not used AWS beyond tutorials",
        "I have used a few services without owning them in production",
        "I have run production systems on the common services (EC2, S3, DynamoDB, SQS)",
        "I choose between services with confidence and know their limits and costs",
        "I have designed AWS architectures others depend on and could teach the trade-offs",
    ],
    study: "map the core services (compute, storage, databases, messaging) to the problems they solve, with one limit of each",
    drill: "redraw one of your practice designs with concrete AWS services and justify each against one alternative",
};

const AWS_DEPTH: Wording = Wording {
    question: "Beyond using AWS services, do you know their limits, their costs and how they behave when something fails?",
    levels: [
        "Tutorial level at most",
        "I use a few services with their default settings",
        "I know the common services and some of their limits",
        "I know the limits, quotas, pricing and failure behaviour of the services I use",
        "I could design around the internals of the main services and teach them",
    ],
    study: AWS_PRODUCTION.study,
    drill: "for DynamoDB, SQS and S3, write down one limit, one cost trap and one failure behaviour, then use them in a design",
};

const DISTRIBUTED: Wording = Wording {
    question: "Can you reason about consistency, availability, latency and cost in a distributed system, and defend the trade-off you choose?",
    levels: [
        "Terms such as CAP, quorum or idempotency are new to me",
        "I know the terms but would struggle to apply them to a design",
        "I apply the common patterns, with gaps around failure handling",
        "I weigh the trade-offs explicitly and explain failure modes and recovery",
        "I have untangled real incidents caused by these trade-offs and can teach them",
    ],
    study: "study replication, partitioning, consensus and idempotency, and write a one-page summary in your own words",
    drill: "take one practice design and write how it behaves under a network partition, a slow replica and a duplicated message",
};

const DATA_DESIGN: Wording = Wording {
    question: "Can you choose a data model and a storage engine for a workload, and explain its access patterns, indexes and growth?",
    levels: [
        "I use whatever database the team already has",
        "I know relational from key-value, and not much more",
        "I model data sensibly but rarely plan for growth",
        "I pick stores by access pattern and plan partitioning and migrations",
        "I have led large data migrations and could teach storage design",
    ],
    study: "compare relational, key-value, document, wide-column and search stores by the access patterns each serves well",
    drill: "write the data model of a practice design (keys, indexes, partitioning) and how it copes with ten times the data",
};

const PERFORMANCE: Wording = Wording {
    question: "Have you found and fixed performance problems, with measurements from before and after?",
    levels: [
        "I have never profiled a system",
        "I have used a profiler once or twice",
        "I have fixed some performance problems, partly by intuition",
        "I measure, find the bottleneck and prove the fix with numbers",
        "I set performance budgets and teach others to work within them",
    ],
    study: "learn the latency numbers every engineer should know, and how caching, batching and async work change them",
    drill: "estimate the latency budget of one request path in a practice design, then find and fix its slowest hop on paper",
};

const TECHNOLOGY_SELECTION: Wording = Wording {
    question: "When you choose a technology, do you weigh fit, cost, operability and the team's skills, and write the decision down?",
    levels: [
        "I go with what I know",
        "I compare options informally",
        "I compare options against criteria, sometimes after the fact",
        "I run structured evaluations and record the decision and its trade-offs",
        "I set the selection process other teams follow",
    ],
    study: "read two architecture decision records and note how each one weighs its options",
    drill: "write a short decision record choosing between two databases or two queues for a practice design",
};

const TECHNICAL_COMMUNICATION: Wording = Wording {
    question: "Can you explain a complex design clearly to engineers, managers and non-technical partners alike?",
    levels: [
        "I struggle to explain designs outside my own team",
        "I explain well to engineers, less well to anyone else",
        "I adapt to the audience, though it takes me a lot of preparation",
        "I write documents and give talks that different audiences act on",
        "People come to me to explain hard topics, and I coach others to do it",
    ],
    study: "study how good design documents are built: context, goals, non-goals, the design, the alternatives",
    drill: "explain one practice design aloud in five minutes, record it, and cut whatever was not needed",
};

const TEAM_SIZE: Wording = Wording {
    question: "Have you led a team of eight or more engineers and kept it delivering through change?",
    levels: [
        "I have not led people formally",
        "I have led small groups or projects, not a team of eight or more",
        "I have led a team of that size, briefly or with a lot of help",
        "I have led eight or more engineers through plans, hiring and setbacks",
        "I have led several teams or their managers and grown leaders under me",
    ],
    study: "list every time you led people, even informally, with team size, duration and outcome, to find your strongest evidence",
    drill: "write a people-leadership STAR story about leading your largest team, with a number in the Result",
};

const MANAGEMENT_SCOPE: Wording = Wording {
    question: "How large a scope have you managed (people, teams, budget) and for how long?",
    levels: [
        "I have not managed people",
        "Tech lead or acting manager of a small team",
        "Manager of one team",
        "Manager of a large team or of several teams",
        "Manager of managers, with a scope across an organisation",
    ],
    study: TEAM_SIZE.study,
    drill: TEAM_SIZE.drill,
};

const QUANTIFIED_IMPACT: Wording = Wording {
    question: "Do your leadership stories end in numbers: revenue, latency, cost, attrition, time saved?",
    levels: [
        "My stories describe activity, not outcomes",
        "I know the outcomes but not the numbers behind them",
        "Some stories carry numbers; most stay vague",
        "Most stories have a clear, credible metric in the Result",
        "Every story has a metric, its baseline and why it mattered to the business",
    ],
    study:
        "go through past projects and recover the numbers behind each outcome from dashboards, reports and old emails",
    drill: "rewrite the Result of two stories so each states a metric, its baseline and its effect on the business",
};

const INFLUENCE: Wording = Wording {
    question: "Have you changed decisions made outside your own team, without authority over the people who made them?",
    levels: [
        "My influence stays within my own team",
        "I have tried to influence other teams, with mixed results",
        "I have a few examples of winning over peer teams",
        "I regularly align several teams on a direction none of them started with",
        "I have shifted decisions across an organisation and can show how",
    ],
    study: "list the cross-team decisions you took part in and what you did to move each of them",
    drill: "write a cross-functional-influence STAR story in which you changed another team's plan without authority over it",
};

const STRATEGY: Wording = Wording {
    question: "Can you lay out a technical direction for several quarters: what it costs, what it gives up, and why it beats the alternatives?",
    levels: [
        "I have not had to set a technical direction",
        "I have contributed to a strategy someone else wrote",
        "I have written a direction for my team, with gaps in the reasoning",
        "I write and defend multi-quarter strategies with clear trade-offs",
        "I set direction across teams and have seen it through to results",
    ],
    study: "read two published engineering strategies and note how each states the problem, the options and the costs",
    drill: "write a one-page technical strategy for a system you know: problem, options, choice, cost, risks",
};

const CONFLICT_RESOLUTION: Wording = Wording {
    question: "Have you resolved serious disagreements, inside your team or between teams, and kept the relationships intact?",
    levels: [
        "I avoid conflict or escalate it straight away",
        "I have handled small disagreements",
        "I have resolved real conflicts, not always cleanly",
        "I resolve conflicts with data and keep the trust of both sides",
        "I turn conflicts into better decisions and coach others to do the same",
    ],
    study: "recall two disagreements you were part of and write down what each side wanted and how it ended",
    drill: "write a STAR story in which you disagreed and then committed, or held your ground, and what you learned from it",
};

const CHANGE_LEADERSHIP: Wording = Wording {
    question:
        "Have you led a change that people resisted (a process, an architecture, a way of working) through to adoption?",
    levels: [
        "I have never led a change",
        "I have supported changes that others led",
        "I have led a change within my own team",
        "I have led a change across teams and seen it adopted",
        "I have led change across an organisation and can show its lasting effect",
    ],
    study: "list the changes you drove, who resisted each one, and what brought people round",
    drill: "write a STAR story about a change that met resistance, with adoption figures in the Result",
};

const HIRING_DEVELOPMENT: Wording = Wording {
    question: "Have you hired engineers and helped people grow into bigger roles?",
    levels: [
        "I have not interviewed or mentored anyone",
        "I have interviewed candidates or mentored informally",
        "I have hired for my team and mentored a few people",
        "I have built a team through hiring and seen people promoted",
        "I have raised the hiring bar and grown leaders beyond my own team",
    ],
    study: "write down the people you hired or mentored and where each of them is now",
    drill: "write a story about someone who grew under your guidance, with the evidence of their growth",
};

const LP_KNOWLEDGE: Wording = Wording {
    question: "Could you explain each of the 16 Leadership Principles and what it looks like in day-to-day engineering work?",
    levels: [
        "I could name only a few of them",
        "I know the names, not what interviewers listen for",
        "I can explain most of them in general terms",
        "I can explain each one with an engineering example",
        "I can explain where they pull against each other and how to balance them",
    ],
    study: "read reference/leadership-principles.md and write one sentence per principle on what it asks of an engineering leader",
    drill: "pick four principles and, for each, say aloud in one minute what an interviewer wants to hear and why",
};

const LP_EXAMPLES: Wording = Wording {
    question: "Do you have a real story from your own work for every Leadership Principle?",
    levels: [
        "I have stories for only a couple of principles",
        "I have stories for a few, most of them thin",
        "About half of the principles have a usable story",
        "Nearly every principle has a story, and several have two",
        "Every principle has two strong stories I can tell from memory",
    ],
    study: "draw a grid of the 16 principles against your projects and mark which project could show which principle",
    drill: "write a draft story for each of the two principles with the fewest stories on the dashboard",
};

const INTERVIEW_FORMAT: Wording = Wording {
    question: "Do you know how the interview loop runs: the rounds, who interviews you, and what each round weighs?",
    levels: [
        "I know almost nothing about the loop",
        "I know its rough shape from hearsay",
        "I know the rounds, not what each one weighs",
        "I know the rounds, their weights and the bar raiser's role",
        "I have been through or run such loops and know how the decision is made",
    ],
    study:
        "read reference/interview-process.md and note the rounds, their share of the decision and what each one probes",
    drill: "plan your own loop: which story you would tell in which round, so that no story is used twice",
};

const LEVEL_EXPECTATIONS: Wording = Wording {
    question:
        "Can you say what an L6 and an L7 are each expected to own, and which of the two your experience supports?",
    levels: [
        "I do not know how the levels differ",
        "I know the titles, not the expectations",
        "I know the broad difference in scope",
        "I can match my own experience to a level, with evidence",
        "I can calibrate other people's stories against the levels",
    ],
    study: "read reference/l6-vs-l7.md and write which expectations your experience meets and which it does not yet",
    drill: "check the scope of your three best stories against the target level and rewrite the one that falls short",
};

/// The scale shared by the questions on one Leadership Principle.
const PRINCIPLE_LEVELS: [&str; 5] = [
    "I have no story that shows it",
    "I have a story, but it is thin or mostly about the team",
    "I have one solid story that shows it",
    "I have two solid stories and can explain what the principle trades off",
    "It shapes how I work, and my stories show it at the target level",
];

const PRINCIPLE_STUDY: &str =
    "read what the principle asks for in reference/leadership-principles.md and list the projects where you lived it";

const fn principle(question: &'static str, drill: &'static str) -> Wording {
    Wording { question, levels: PRINCIPLE_LEVELS, study: PRINCIPLE_STUDY, drill }
}

const CUSTOMER_OBSESSION: Wording = principle(
    "Can you show, with examples, that you start from the customer's need and work backwards to the solution?",
    "write or refine a story that opens with a customer's problem and ends with what changed for that customer",
);
const OWNERSHIP: Wording = principle(
    "Can you show times you acted for the long term and took on a problem beyond your own remit?",
    "write or refine a story in which you took on a problem nobody had asked you to own",
);
const INVENT_AND_SIMPLIFY: Wording = principle(
    "Can you show times you found or invented a simpler way where others had accepted complexity?",
    "write or refine a story in which you removed complexity, with what it saved in the Result",
);
const BIAS_FOR_ACTION: Wording = principle(
    "Can you show times you moved fast on a reversible decision with incomplete information?",
    "write or refine a story in which you decided quickly with partial data, and how you limited the risk",
);
const LEARNING: Wording = principle(
    "Can you show how you keep learning, and a time your curiosity changed a result?",
    "write or refine a story in which something you went out of your way to learn changed the outcome",
);
const DELIVERING_RESULTS: Wording = principle(
    "Can you show times you delivered on time and with quality despite serious setbacks?",
    "write or refine a story about a delivery that nearly slipped, what you did, and the result in numbers",
);

const QUICK: [Item; 12] = [
    item("design-at-scale", Technical, "designing for millions of users", &DESIGN_AT_SCALE),
    item("coding-speed", Technical, "medium problems in 30–45 minutes", &CODING_SPEED),
    item("aws-production", Technical, "AWS services in production", &AWS_PRODUCTION),
    item("distributed-tradeoffs", Technical, "distributed-systems trade-offs", &DISTRIBUTED),
    item("team-size", Leadership, "managing 8+ engineers", &TEAM_SIZE),
    item("quantified-impact", Leadership, "quantified leadership stories", &QUANTIFIED_IMPACT),
    item("influence", Leadership, "influence beyond your own team", &INFLUENCE),
    item("technical-strategy", Leadership, "articulating technical strategy", &STRATEGY),
    item("lp-knowledge", Cultural, "knowing the Leadership Principles", &LP_KNOWLEDGE),
    item("lp-examples", Cultural, "an example for each principle", &LP_EXAMPLES),
    item("interview-format", Cultural, "knowing the interview format", &INTERVIEW_FORMAT),
    item("level-expectations", Cultural, "L6 vs L7 expectations", &LEVEL_EXPECTATIONS),
];

const COMPLETE: [Item; 20] = [
    item("design-at-scale", Technical, "system design at scale", &DESIGN_AT_SCALE),
    item("coding-speed", Technical, "coding speed", &CODING_SPEED),
    item("aws-depth", Technical, "AWS depth", &AWS_DEPTH),
    item("data-design", Technical, "data and storage design", &DATA_DESIGN),
    item("performance", Technical, "performance engineering", &PERFORMANCE),
    item("distributed-systems", Technical, "distributed systems", &DISTRIBUTED),
    item("technology-selection", Technical, "technology selection", &TECHNOLOGY_SELECTION),
    item("technical-communication", Technical, "technical communication", &TECHNICAL_COMMUNICATION),
    item("management-scope", Leadership, "people-management scope", &MANAGEMENT_SCOPE),
    item("cross-team-influence", Leadership, "cross-team influence", &INFLUENCE),
    item("conflict-resolution", Leadership, "conflict resolution", &CONFLICT_RESOLUTION),
    item("change-leadership", Leadership, "leading change", &CHANGE_LEADERSHIP),
    item("strategy", Leadership, "strategy", &STRATEGY),
    item("hiring-development", Leadership, "hiring and developing people", &HIRING_DEVELOPMENT),
    item("customer-obsession", Cultural, "customer obsession", &CUSTOMER_OBSESSION),
    item("ownership", Cultural, "ownership", &OWNERSHIP),
    item("invent-and-simplify", Cultural, "invent and simplify", &INVENT_AND_SIMPLIFY),
    item("bias-for-action", Cultural, "bias for action", &BIAS_FOR_ACTION),
    item("learning", Cultural, "learning and curiosity", &LEARNING),
    item("delivering-results", Cultural, "delivering results", &DELIVERING_RESULTS),
];

/// How the complete form maps onto the quick one: each complete-form question, and the
/// quick-form question it refines (asks about in more detail, within the same
/// category). The quick-form questions named here are the *anchors*: the questions both
/// forms rate. A bar reads a category through its anchors only, so switching forms with
/// the same underlying answers does not move it (docs/scoring.md, "Retakes").
///
/// Quick-form questions with no refinement (quantified-impact, lp-knowledge,
/// interview-format, level-expectations) count in the score, the category's own
/// percent and the learning path, not in a bar: the complete form has nothing to
/// compare them with.
pub const REFINES: [(&str, &str); 20] = [
    ("design-at-scale", "design-at-scale"),
    ("data-design", "design-at-scale"),
    ("technical-communication", "design-at-scale"),
    ("coding-speed", "coding-speed"),
    ("aws-depth", "aws-production"),
    ("technology-selection", "aws-production"),
    ("distributed-systems", "distributed-tradeoffs"),
    ("performance", "distributed-tradeoffs"),
    ("management-scope", "team-size"),
    ("hiring-development", "team-size"),
    ("cross-team-influence", "influence"),
    ("conflict-resolution", "influence"),
    ("strategy", "technical-strategy"),
    ("change-leadership", "technical-strategy"),
    ("customer-obsession", "lp-examples"),
    ("ownership", "lp-examples"),
    ("invent-and-simplify", "lp-examples"),
    ("bias-for-action", "lp-examples"),
    ("learning", "lp-examples"),
    ("delivering-results", "lp-examples"),
];

/// The anchor an item of `form` counts towards in a bar: the quick-form question both
/// forms rate, or `None` for a quick-form question the complete form does not refine.
pub fn anchor(form: Form, id: &str) -> Option<&'static str> {
    match form {
        Form::Quick => REFINES.iter().find(|(_, quick)| *quick == id).map(|(_, quick)| *quick),
        Form::Complete => REFINES.iter().find(|(complete, _)| *complete == id).map(|(_, quick)| *quick),
    }
}

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
    /// The category on the scale both forms share, in [0, 1]: the mean over its anchors
    /// (see [`REFINES`]) of each anchor's answer (the mean of the complete-form
    /// questions refining it) over 5. What the bars read.
    pub anchored: f64,
    /// How many anchors the category has (the same in both forms).
    pub anchors: u32,
}

impl CategoryScore {
    /// The category's share of its own form's maximum, in [0, 1]. The bars read
    /// [`CategoryScore::anchored`] instead, which does not change with the form.
    pub fn fraction(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            f64::from(self.sum) / f64::from(self.max)
        }
    }
}

/// Where an answered item goes in the learning path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// Rated 1 or 2: weeks 1–2.
    CriticalGap,
    /// Rated 3: weeks 3–6.
    SkillBuilding,
    /// Rated 4 or 5: week 7 on.
    Excellence,
}

impl Group {
    /// The group of an answer from 1 to 5.
    pub fn of(answer: u8) -> Group {
        match answer {
            0..=2 => Group::CriticalGap,
            3 => Group::SkillBuilding,
            _ => Group::Excellence,
        }
    }

    /// The group's name in words.
    pub fn label(self) -> &'static str {
        match self {
            Group::CriticalGap => "Critical gaps",
            Group::SkillBuilding => "Skill building",
            Group::Excellence => "Excellence",
        }
    }

    /// The weeks of a study plan the group belongs to, in words.
    pub fn weeks_label(self) -> &'static str {
        match self {
            Group::CriticalGap => "weeks 1–2",
            Group::SkillBuilding => "weeks 3–6",
            Group::Excellence => "week 7 on",
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
    // Per anchor: (sum of the answers counting towards it, how many).
    let mut by_anchor: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for item in form.items() {
        let value = *answers.get(item.id)?;
        if let Some(a) = anchor(form, item.id) {
            let e = by_anchor.entry(a).or_default();
            e.0 += u32::from(value);
            e.1 += 1;
        }
        let idx = Category::ALL.iter().position(|c| *c == item.category).unwrap_or(0);
        sums[idx] += u32::from(value);
        maxes[idx] += 5;
        match Group::of(value) {
            Group::CriticalGap => learning.critical_gaps.push(item.topic),
            Group::SkillBuilding => learning.skill_building.push(item.topic),
            Group::Excellence => learning.excellence.push(item.topic),
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
            let (anchored, anchors) = anchored(*c, &by_anchor);
            CategoryScore {
                category: *c,
                sum: sums[i],
                max: maxes[i],
                percent,
                band: Band::of(percent),
                anchored,
                anchors,
            }
        })
        .collect();
    Some(AssessmentResult { form, score, categories, path: StudyPath::for_score(score), learning_path: learning })
}

/// A category on the scale both forms share: the mean of its anchors' mean answers,
/// over 5, and how many anchors it has.
fn anchored(category: Category, by_anchor: &BTreeMap<&str, (u32, u32)>) -> (f64, u32) {
    let means: Vec<f64> = by_anchor
        .iter()
        .filter(|(id, _)| Form::Quick.item(id).is_some_and(|i| i.category == category))
        .map(|(_, (sum, n))| f64::from(*sum) / f64::from((*n).max(1)))
        .collect();
    if means.is_empty() {
        return (0.0, 0);
    }
    let n = means.len() as u32;
    (means.iter().sum::<f64>() / f64::from(n) / 5.0, n)
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
    fn every_question_has_its_words() {
        for form in Form::ALL {
            for item in form.items() {
                let w = item.wording;
                assert!(w.question.ends_with('?'), "{}", item.id);
                assert!(w.levels.iter().all(|l| !l.is_empty() && !l.ends_with('.')), "{}", item.id);
                assert!(!w.study.is_empty() && !w.drill.is_empty(), "{}", item.id);
            }
        }
        assert_eq!(Group::of(2), Group::CriticalGap);
        assert_eq!(Group::of(3), Group::SkillBuilding);
        assert_eq!(Group::of(4), Group::Excellence);
    }

    /// The complete form's answers that repeat each quick-form answer on the questions
    /// refining it.
    fn refined(quick: &BTreeMap<String, u8>) -> BTreeMap<String, u8> {
        REFINES.iter().map(|(c, q)| (c.to_string(), quick[*q])).collect()
    }

    #[test]
    fn every_complete_question_refines_one_quick_question_of_its_category() {
        for item in Form::Complete.items() {
            let quick = anchor(Form::Complete, item.id).and_then(|q| Form::Quick.item(q));
            assert_eq!(quick.map(|q| q.category), Some(item.category), "{}", item.id);
        }
        assert_eq!(REFINES.len(), Form::Complete.items().len());
        for c in Category::ALL.iter().copied() {
            let quick = Form::Quick.items().iter().filter(|i| i.category == c && anchor(Form::Quick, i.id).is_some());
            assert!(quick.count() > 0, "{c:?} has an anchor");
        }
    }

    #[test]
    fn the_same_underlying_answers_give_the_same_anchored_category_on_both_forms() {
        let quick = answers(Form::Quick, |i| [1, 4, 2, 5, 3][i % 5]);
        let q = score(Form::Quick, &quick).unwrap();
        let c = score(Form::Complete, &refined(&quick)).unwrap();
        for cat in Category::ALL.iter().copied() {
            assert_eq!(q.category(cat).anchored, c.category(cat).anchored, "{cat:?}");
            assert_eq!(q.category(cat).anchors, c.category(cat).anchors, "{cat:?}");
        }
        // Quick technical: 1, 4, 2, 5 on its four anchors: mean 3 of 5.
        assert!((q.category(Category::Technical).anchored - 0.6).abs() < 1e-9);
        // A quick-only question moves the form's own percent, not the anchored share.
        let mut other = quick.clone();
        other.insert("interview-format".into(), 5);
        let o = score(Form::Quick, &other).unwrap();
        assert_ne!(o.category(Category::Cultural).percent, q.category(Category::Cultural).percent);
        assert_eq!(o.category(Category::Cultural).anchored, q.category(Category::Cultural).anchored);
        // A refining question answered differently moves its anchor by its share.
        let mut up = refined(&quick);
        assert_eq!(quick["lp-examples"], 3);
        up.insert("ownership".into(), 5);
        let u = score(Form::Complete, &up).unwrap();
        assert!(u.category(Category::Cultural).anchored > c.category(Category::Cultural).anchored);
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
