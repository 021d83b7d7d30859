//! How big a story is, judged from evidence, for `star/scope`: a figure attached to
//! people, teams, services, users or money (`a team of 8 engineers`, `three teams`,
//! `40 services`, `2 million users`, `$1.2M`). A word alone ("Microsoft Teams", "the
//! platform") is not evidence: a trainee exercise names teams too.
//!
//! - L6 evidence: such a figure at a team's size or more (two or more people, a team
//!   or a service, a hundred or more users or customers, ten thousand or more in
//!   money), or a hundred or more of anything else the work touched (`300 TLS
//!   certificates`). A smaller figure (`3 people`, `12 users`) is quoted as too small.
//! - L7 evidence: three or more teams or groups, two or more organisations,
//!   departments, regions or countries, 30 or more people, 20 or more services, a
//!   million users, customers or requests, or a million in money.

/// People.
const PEOPLE: &[&str] = &[
    "engineers",
    "developers",
    "people",
    "staff",
    "employees",
    "reports",
    "members",
    "scientists",
    "designers",
    "analysts",
    "interns",
    "contractors",
    "sres",
    "testers",
    "managers",
    "leads",
    "agents",
    "colleagues",
    "teammates",
    "engineer",
    "developer",
    "person",
    "direct",
    "hires",
    "volunteers",
    "operators",
    "nurses",
];
/// Groups of people.
const GROUPS: &[&str] = &[
    "teams",
    "squads",
    "groups",
    "orgs",
    "organizations",
    "organisations",
    "departments",
    "divisions",
    "offices",
    "sites",
    "regions",
    "countries",
    "markets",
    "business",
    "units",
    "stakeholders",
    "partners",
    "vendors",
];
/// Systems.
const SYSTEMS: &[&str] = &[
    "services",
    "microservices",
    "systems",
    "clusters",
    "databases",
    "apps",
    "applications",
    "repositories",
    "repos",
    "pipelines",
    "products",
    "hosts",
    "servers",
    "machines",
    "nodes",
    "endpoints",
    "apis",
    "stores",
    "warehouses",
    "tables",
    "jobs",
];
/// Users and the traffic they make.
const USERS: &[&str] = &[
    "users",
    "customers",
    "clients",
    "sellers",
    "merchants",
    "drivers",
    "riders",
    "subscribers",
    "visitors",
    "accounts",
    "requests",
    "orders",
    "transactions",
    "calls",
    "shoppers",
    "patients",
    "students",
    "players",
    "devices",
    "members",
    "listeners",
    "viewers",
    "payments",
    "messages",
    "events",
];
/// Groups of teams: two of them already span more than one team's reach.
const ORGS: &[&str] = &[
    "orgs",
    "organizations",
    "organisations",
    "departments",
    "divisions",
    "business",
    "units",
    "countries",
    "regions",
];

/// Words that name a group whose size follows (`a team of 8`).
const SIZED: &[&str] = &["team", "group", "org", "organization", "organisation", "squad", "department", "staff"];

/// The scope a story shows: the passage quoted as evidence for each level.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Evidence of L6 scope.
    pub l6: Option<String>,
    /// Evidence of L7 scope.
    pub l7: Option<String>,
    /// The first figure found that is too small for either (`3 people`, `12 users`):
    /// quoted when the scope falls short.
    pub small: Option<String>,
}

/// What kind of thing a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counted {
    People,
    Groups,
    Orgs,
    Systems,
    Users,
    Money,
    /// Anything else counted in the hundreds or more (`300 certificates`).
    Things,
}

/// The value of a figure: `12`, `2,300`, `40k`, `$1.2M`, `three`, `a dozen`; and
/// whether it is money.
fn value(word: &str) -> Option<(f64, bool)> {
    let w = word.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '$' | '€' | '£')));
    // Called on every word of every story: most words are neither a number word nor
    // start with a digit or a currency sign, and are turned away without allocating.
    let rest = w.trim_start_matches(['$', '€', '£']);
    let money = rest.len() < w.len();
    if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
        return if money { None } else { number_word(w).map(|v| (v, false)) };
    }
    let digits = &rest[..rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(rest.len())];
    let number: f64 = if digits.contains(',') { digits.replace(',', "").parse().ok()? } else { digits.parse().ok()? };
    let suffix = &rest[digits.len()..];
    let scale = match suffix.len() {
        0 => 1.0,
        1 | 2 => match suffix.to_ascii_lowercase().as_str() {
            "k" => 1e3,
            "m" | "mm" => 1e6,
            "b" | "bn" => 1e9,
            "+" => 1.0,
            _ => return None,
        },
        _ => return None,
    };
    Some((number * scale, money))
}

/// The value of a number written as a word (`three`, `a dozen`'s `dozen`), in any case.
fn number_word(w: &str) -> Option<f64> {
    if w.len() > 9 {
        return None;
    }
    let words = [
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("dozen", 12.0),
        ("dozens", 24.0),
        ("hundred", 100.0),
        ("hundreds", 200.0),
        ("thousand", 1000.0),
        ("thousands", 2000.0),
        ("million", 1e6),
        ("millions", 2e6),
    ];
    words.iter().find(|(n, _)| n.eq_ignore_ascii_case(w)).map(|(_, v)| *v)
}

/// Plural words that count time or measures, not what a story's work reached.
const NOT_SCOPE: &[&str] = &[
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "times",
    "percent",
    "points",
    "lines",
    "words",
    "pages",
    "steps",
    "rows",
    "bytes",
    "calories",
    "runs",
    "nights",
    "mornings",
    "evenings",
    "sprints",
    "quarters",
    "decades",
    "attempts",
    "tries",
    "iterations",
    "retries",
];

fn counted(noun: &str) -> Option<Counted> {
    let n = noun.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let n = n.as_str();
    if PEOPLE.contains(&n) {
        Some(Counted::People)
    } else if ORGS.contains(&n) {
        Some(Counted::Orgs)
    } else if GROUPS.contains(&n) {
        Some(Counted::Groups)
    } else if SYSTEMS.contains(&n) {
        Some(Counted::Systems)
    } else if USERS.contains(&n) {
        Some(Counted::Users)
    } else if matches!(n, "dollars" | "euros" | "pounds" | "usd" | "eur") {
        Some(Counted::Money)
    } else {
        None
    }
}

/// Whether a figure of this kind and size is L6 evidence: people the work involved, a
/// team or a service, users or customers in the hundreds, money in the tens of
/// thousands. One engineer or a dozen users is a figure, but not the scope of a team.
fn is_l6(kind: Counted, v: f64) -> bool {
    match kind {
        // Two people or more: a story often names the few people the candidate led.
        Counted::People => v >= 2.0,
        Counted::Users | Counted::Things => v >= 100.0,
        Counted::Money => v >= 10_000.0,
        Counted::Groups | Counted::Orgs | Counted::Systems => v >= 1.0,
    }
}

/// Whether a figure of this kind and size is L7 evidence.
fn is_l7(kind: Counted, v: f64) -> bool {
    match kind {
        Counted::Groups => v >= 3.0,
        Counted::Orgs => v >= 2.0,
        Counted::People => v >= 30.0,
        Counted::Users | Counted::Money | Counted::Things => v >= 1e6,
        Counted::Systems => v >= 20.0,
    }
}

impl Scope {
    /// The scope evidence in a story's text.
    pub fn of(text: &str) -> Scope {
        let mut out = Scope::default();
        // Paragraphs, not lines: a figure and its noun may sit on two lines.
        for paragraph in text.split("\n\n") {
            let words: Vec<&str> = paragraph.split_whitespace().collect();
            for i in 0..words.len() {
                let Some((mut v, money)) = value(words[i]) else { continue };
                // `2 million users`, `1.5M`: a magnitude word after the number.
                let mut j = i + 1;
                if let Some(m) = words.get(j).and_then(|w| value(w)).filter(|(m, _)| *m >= 1000.0) {
                    v *= m.0;
                    j += 1;
                }
                let found = if money {
                    Some((Counted::Money, j))
                } else {
                    // The noun within three words (`12 backend engineers`, `4 product teams`).
                    (j..(j + 3).min(words.len())).find_map(|k| counted(words[k]).map(|c| (c, k + 1)))
                };
                // `a team of 8`: the group named just before.
                let found = found.or_else(|| {
                    let of = i.checked_sub(1).and_then(|k| words.get(k)).is_some_and(|w| w.eq_ignore_ascii_case("of"));
                    let named = i.checked_sub(2).and_then(|k| words.get(k)).is_some_and(|w| {
                        SIZED.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str())
                    });
                    (of && named).then_some((Counted::People, j))
                });
                // Hundreds or more of anything the work touched: `300 TLS certificates`.
                let found = found.or_else(|| {
                    (v >= 100.0)
                        .then(|| {
                            (j..(j + 3).min(words.len())).find(|&k| {
                                let w = words[k].trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                                w.len() >= 4
                                    && w.ends_with('s')
                                    && w.chars().all(char::is_alphabetic)
                                    && !NOT_SCOPE.contains(&w.as_str())
                            })
                        })
                        .flatten()
                        .map(|k| (Counted::Things, k + 1))
                });
                let Some((kind, end)) = found else { continue };
                let start = if end == j && !money && kind == Counted::People && i >= 2 { i - 2 } else { i };
                let quote = words[start..end.min(words.len())].join(" ");
                let quote = quote.trim_end_matches([',', '.', ';', ':', ')']).to_string();
                if !is_l6(kind, v) {
                    out.small.get_or_insert(quote);
                    continue;
                }
                if out.l6.is_none() {
                    out.l6 = Some(quote.clone());
                }
                if out.l7.is_none() && is_l7(kind, v) {
                    out.l7 = Some(quote);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_people_teams_systems_users_or_money() {
        let s = Scope::of("I managed a team of 8 and we served 2 million users.");
        assert_eq!(s.l6.as_deref(), Some("team of 8"));
        assert_eq!(s.l7.as_deref(), Some("2 million users"));
        let s = Scope::of("It touched three product teams and saved $40k.");
        assert_eq!(s.l6.as_deref(), Some("three product teams"));
        assert_eq!(s.l7.as_deref(), Some("three product teams"));
        assert_eq!(Scope::of("Cost fell by $1.2M a year.").l7.as_deref(), Some("$1.2M"));
        assert_eq!(Scope::of("the two orgs that owned it").l7.as_deref(), Some("two orgs"));
        assert_eq!(Scope::of("two search engineers").l7, None);
        assert_eq!(Scope::of("about 300 TLS certificates by hand").l6.as_deref(), Some("300 TLS certificates"));
        assert_eq!(Scope::of("it took 300 hours").l6, None);
        assert_eq!(Scope::of("none in the next 300 runs").l6, None);
        assert_eq!(Scope::of("ready on each of the 150 nights since").l6, None);
    }

    #[test]
    fn words_alone_are_not_evidence() {
        assert_eq!(
            Scope::of("I kept constant communication over Microsoft Teams about the platform."),
            Scope::default()
        );
        assert_eq!(Scope::of("It took 3 weeks in 2024."), Scope::default());
    }

    #[test]
    fn a_figure_below_a_teams_size_is_quoted_as_small() {
        for text in
            ["a tool with 12 users", "a side project that earned $40 in its first month", "I mentored 1 engineer"]
        {
            let s = Scope::of(text);
            assert_eq!((s.l6.is_none(), s.small.is_some()), (true, true), "{text}: {s:?}");
        }
        let s = Scope::of("12 users, then a team of 8 engineers");
        assert_eq!((s.small.as_deref(), s.l6.as_deref()), (Some("12 users"), Some("8 engineers")));
    }
}
