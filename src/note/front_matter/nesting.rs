//! A cheap look at a YAML text before the parser sees it. libyaml (behind
//! serde_yaml) takes more than quadratic time on deeply nested or unclosed flow
//! collections — 100,000 `[` took 15–43 s, a 50,000-deep balanced title 11 s — and
//! refuses anything nested past 128 levels only once it has spent that time. One
//! linear pass counts the nesting of `[` and `{` (outside quotes and comments) and
//! stops at the first one past [`MAX_FLOW_DEPTH`], with its line and column.

/// The deepest flow nesting let through to the parser: serde_yaml's own limit, so
/// nothing it would have accepted is refused.
pub const MAX_FLOW_DEPTH: usize = 128;

/// Where (1-based line and column, counted in characters) the text first nests flow
/// collections deeper than [`MAX_FLOW_DEPTH`], if it does.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    #[derive(PartialEq)]
    enum In {
        Plain,
        Single,
        Double,
        Comment,
    }
    let mut state = In::Plain;
    let mut depth = 0usize;
    let (mut line, mut col) = (1usize, 0usize);
    // What came before, to tell a quote that opens a scalar from an apostrophe, and
    // a comment's `#` from one inside a word.
    let mut prev = '\n';
    let mut escaped = false;
    for c in text.chars() {
        col += 1;
        match state {
            In::Comment if c == '\n' => state = In::Plain,
            In::Comment => {}
            In::Double if escaped => escaped = false,
            In::Double if c == '\\' => escaped = true,
            In::Double if c == '"' => state = In::Plain,
            In::Single if c == '\'' => state = In::Plain,
            In::Double | In::Single => {}
            In::Plain => {
                let starts_token = prev.is_whitespace() || matches!(prev, '[' | '{' | ',' | ':' | '-');
                match c {
                    '#' if prev.is_whitespace() => state = In::Comment,
                    '\'' if starts_token => state = In::Single,
                    '"' if starts_token => state = In::Double,
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_FLOW_DEPTH {
                            return Some((line, col));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
        }
        if c == '\n' {
            line += 1;
            col = 0;
        }
        prev = c;
    }
    None
}

/// The message for a text [`too_deep`] stopped.
pub fn message() -> String {
    format!("lists or mappings in `[` `]` or `{{` `}}` are nested more than {MAX_FLOW_DEPTH} deep (or never closed)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_or_unclosed_flow_nesting_is_found_where_it_passes_the_limit() {
        let open = format!("title: x\ntags: {}", "[".repeat(100_000));
        assert_eq!(too_deep(&open), Some((2, 7 + MAX_FLOW_DEPTH)));
        let balanced = format!("title: {}{}", "[".repeat(50_000), "]".repeat(50_000));
        assert!(too_deep(&balanced).is_some());
        let ok = format!("t: {}{}", "[".repeat(MAX_FLOW_DEPTH), "]".repeat(MAX_FLOW_DEPTH));
        assert_eq!(too_deep(&ok), None);
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let quoted = format!("t: \"{}\"\nu: '{}'\n# {}\n", "[".repeat(500), "{".repeat(500), "[".repeat(500));
        assert_eq!(too_deep(&quoted), None);
        // An apostrophe inside a word opens no quote.
        let word = format!("t: it's {}", "[".repeat(200));
        assert!(too_deep(&word).is_some());
    }
}
