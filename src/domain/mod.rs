//! Facts of the field: the Leadership Principles and story scenarios, the
//! self-assessment, tracks, timelines and levels. Pure data and lookups; no I/O.

pub mod assessment;
pub mod principles;
pub mod tracks;

/// Normalises a user-written name for lookup: lower case, and every run of spaces,
/// underscores, hyphens, slashes and dots becomes one `-`; apostrophes and `&` vanish.
///
/// `"Earth's Best  Employer"`, `"earths_best_employer"` and `"EARTHS-BEST-EMPLOYER"`
/// all become `earths-best-employer`.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_sep = false;
    for ch in name.trim().chars() {
        match ch {
            '\'' | '’' | '`' | '"' => {}
            c if c.is_alphanumeric() => {
                if pending_sep && !out.is_empty() {
                    out.push('-');
                }
                pending_sep = false;
                out.extend(c.to_lowercase());
            }
            '&' => pending_sep = true,
            _ => pending_sep = true,
        }
    }
    out
}

/// A normalised name without its `and` words, so that `&`, `and`, `;` and their
/// absence all read the same: "Disagree & Commit", "disagree and commit".
pub fn without_and(normalised: &str) -> String {
    normalised.split('-').filter(|w| *w != "and").collect::<Vec<_>>().join("-")
}

/// The closest known name to `input`, when one is close enough to suggest; else the
/// only name that has `input` as a word of it (`checkout` in
/// `cutting-checkout-latency`, see [`with_words`]).
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let normalised = normalise(input);
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&normalised, c), *c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
        .or_else(|| match with_words(input, candidates)[..] {
            [only] => Some(only),
            _ => None,
        })
}

/// The slugs that contain every word of `input` as whole words (words split at `-`,
/// `_`, spaces; case ignored): `checkout` and `checkout latency` both find
/// `cutting-checkout-latency`, `check` does not.
pub fn with_words<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| c == '-' || c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let wanted = split(input);
    if wanted.is_empty() {
        return Vec::new();
    }
    candidates.into_iter().filter(|c| wanted.iter().all(|w| split(c).contains(w))).collect()
}

/// Defines a closed set of named values with a slug, a display name and aliases.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $slug:literal, $label:literal, [$($alias:literal),*] ; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in canonical order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The slug used in notes and JSON.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug,)+ }
            }

            /// The human name.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Looks a name up in any case and spacing, aliases included.
            pub fn parse(name: &str) -> Option<$name> {
                let n = $crate::domain::without_and(&$crate::domain::normalise(name));
                $(
                    if n == $crate::domain::without_and($slug) $(|| n == $crate::domain::without_and($alias))* {
                        return Some($name::$variant);
                    }
                )+
                None
            }

            /// The closest slug to an unknown name, for "did you mean".
            pub fn suggest(name: &str) -> Option<&'static str> {
                $crate::domain::did_you_mean(name, Self::ALL.iter().map(|v| v.slug()))
            }

            /// All slugs joined for messages.
            pub fn slugs() -> String {
                Self::ALL.iter().map(|v| v.slug()).collect::<Vec<_>>().join(", ")
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.slug())
            }
        }

        // By slug, as serialized: what the note cache (`crate::cache`) reads back.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let slug = String::deserialize(d)?;
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.slug() == slug)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown {}: {slug}", stringify!($name))))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }
    };
}
pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_of_a_name_finds_it() {
        let slugs = ["cutting-checkout-latency", "ledger-close", "checkout-outage"];
        assert_eq!(with_words("latency", slugs), ["cutting-checkout-latency"]);
        assert_eq!(with_words("Checkout Latency", slugs), ["cutting-checkout-latency"]);
        assert_eq!(with_words("checkout", slugs), ["cutting-checkout-latency", "checkout-outage"]);
        assert!(with_words("check", slugs).is_empty());
        assert_eq!(did_you_mean("latency", slugs), Some("cutting-checkout-latency"));
        assert_eq!(
            did_you_mean("checkout", ["cutting-checkout-latency", "ledger-close"]),
            Some("cutting-checkout-latency")
        );
    }

    #[test]
    fn normalise_folds_case_spacing_and_punctuation() {
        assert_eq!(normalise("Earth's Best  Employer"), "earths-best-employer");
        assert_eq!(normalise("dive_deep"), "dive-deep");
        assert_eq!(normalise("  Invent & Simplify "), "invent-simplify");
        assert_eq!(normalise("Success/Scale"), "success-scale");
    }

    #[test]
    fn did_you_mean_finds_close_names() {
        assert_eq!(did_you_mean("dive dep", ["dive-deep", "ownership"]), Some("dive-deep"));
        assert_eq!(did_you_mean("zzzz", ["dive-deep", "ownership"]), None);
    }
}
