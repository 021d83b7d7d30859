//! The Markdown body of a note: sections under headings (or bold labels), task-list
//! items with the week they belong to, word counts and `[[wiki-links]]`
//! (pulldown-cmark).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// One section: a heading (or a `**Label:**` paragraph) and the text under it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// The heading text, without `#` or `**`.
    pub title: String,
    /// Heading depth (1–6); 0 for a bold label.
    pub level: u8,
    /// The 1-based file line of the heading.
    pub line: usize,
    /// The plain text under the heading, up to the next heading of the same or a
    /// higher level (or the next label).
    pub text: String,
    /// Words in `text`.
    pub words: usize,
}

/// One `- [ ]` / `- [x]` item.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Task {
    /// Whether it is ticked.
    pub done: bool,
    /// Its text.
    pub text: String,
    /// The 1-based file line.
    pub line: usize,
    /// The number of the closest `Week N` heading above it, if any.
    pub week: Option<u32>,
}

/// What the tool reads from a note's body.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// Sections in file order.
    pub sections: Vec<Section>,
    /// Task-list items in file order.
    pub tasks: Vec<Task>,
    /// Words in the whole body.
    pub words: usize,
    /// Targets of `[[wiki-links]]` (the part before `|` or `#`), in order.
    pub links: Vec<String>,
}

/// What an ASCII byte is to [`count_words`]: 0 whitespace (as `char::is_whitespace`:
/// space, tab, line feed, vertical tab, form feed, carriage return), 1 a letter or a
/// digit, 2 anything else; non-ASCII bytes are 3, decoded as characters.
const WORD_CLASS: [u8; 256] = {
    let mut t = [3u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 0,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => 1,
            _ => 2,
        };
        b += 1;
    }
    t
};

/// Counts words: runs of non-whitespace characters that contain a letter or a digit
/// (what `split_whitespace` and `char::is_alphanumeric` would count), in one pass
/// over the bytes through a class table, decoding only non-ASCII characters. Every
/// body and section is counted, so this is on the hot path of a build.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut in_word, mut has_alnum) = (0usize, false, false);
    let mut i = 0;
    while i < bytes.len() {
        let mut class = WORD_CLASS[bytes[i] as usize];
        let mut len = 1;
        if class == 3 {
            // `i` is always at a character boundary: whole characters are stepped over.
            let c = text[i..].chars().next().unwrap_or(' ');
            class = if c.is_whitespace() {
                0
            } else if c.is_alphanumeric() {
                1
            } else {
                2
            };
            len = c.len_utf8();
        }
        let space = class == 0;
        count += usize::from(space & in_word & has_alnum);
        in_word = !space;
        has_alnum = !space & (has_alnum | (class == 1));
        i += len;
    }
    count + usize::from(in_word & has_alnum)
}

/// Finds `[[target]]`, `[[target|alias]]` and `[[target#heading]]` links.
pub fn wiki_links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else { break };
        let inner = &after[..end];
        let target = inner.split(['|', '#']).next().unwrap_or("").trim();
        if !target.is_empty() && !target.contains('\n') {
            out.push(target.to_string());
        }
        rest = &after[end + 2..];
    }
    out
}

/// The week number of a heading such as `Week 3`, `Week 3: design` or `W3`.
fn week_of(title: &str) -> Option<u32> {
    let t = title.trim().to_lowercase();
    let rest = t.strip_prefix("week").or_else(|| t.strip_prefix('w'))?;
    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn heading_depth(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Parses a body that starts on file line `first_line`.
pub fn parse(body: &str, first_line: usize) -> Body {
    parse_with(body, first_line, &|_| false)
}

/// A plain-text label at the start of a paragraph: `Situation — …`, `Situation - …`,
/// `Situation: …`. Returns the label and the text after its separator.
fn plain_label(text: &str) -> Option<(&str, &str)> {
    let (at, sep) = label_separator(text, &[" — ", " – ", " —", " –", " - ", ": ", ":"], 4)?;
    let label = text[..at].trim();
    let rest = &text[at + sep.len()..];
    // A label is a short name on its own, not the start of a sentence.
    let short = !label.is_empty() && label.split_whitespace().count() <= 4;
    let ends_right = rest.is_empty() || sep.ends_with(' ') || rest.starts_with(char::is_whitespace);
    (short && ends_right).then_some((label, rest))
}

/// Where a label of at most `max_words` words ends at the start of `text`: the first
/// of `separators` (the longest, of those at one place; give them longest first), and
/// which. A separator after the first `max_words` words would make the label too long,
/// so the search stops there instead of reading the whole paragraph.
pub fn label_separator(text: &str, separators: &[&'static str], max_words: usize) -> Option<(usize, &'static str)> {
    let limit = word_start(text, max_words + 1).unwrap_or(text.len());
    text.char_indices()
        .take_while(|(i, _)| *i <= limit)
        .find_map(|(i, _)| separators.iter().find(|sep| text[i..].starts_with(**sep)).map(|sep| (i, *sep)))
}

/// Where the `n`-th whitespace-separated word of `text` starts (1-based).
fn word_start(text: &str, n: usize) -> Option<usize> {
    let mut words = 0;
    let mut after_space = true;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if !space && after_space {
            words += 1;
            if words == n {
                return Some(i);
            }
        }
        after_space = space;
    }
    None
}

/// [`parse`], also reading a paragraph that opens with a plain-text label
/// (`Situation — …`, `Situation: …`) as a section when `is_label` accepts the label.
/// Stories use it with the STAR part names, so ordinary prose is never cut into
/// sections.
pub fn parse_with(body: &str, first_line: usize, is_label: &dyn Fn(&str) -> bool) -> Body {
    let mut b = Builder::new(body, first_line, is_label);
    let parser =
        Parser::new_ext(body, Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                b.heading = Some((heading_depth(level), b.line_of(range.start), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => b.end_heading(),
            Event::Start(Tag::Paragraph) => {
                b.paragraph_start = Some((b.line_of(range.start), true));
                b.in_strong_at_para_start = false;
                b.label = None;
            }
            Event::Start(Tag::Strong) => b.start_strong(),
            Event::End(TagEnd::Strong) if b.in_strong_at_para_start => b.end_leading_strong(range.end),
            Event::Text(t) | Event::Code(t) => b.text(&t),
            Event::SoftBreak | Event::HardBreak => b.append(" "),
            Event::End(TagEnd::Paragraph) => b.end_block(false),
            Event::End(TagEnd::Item) => b.end_block(true),
            Event::TaskListMarker(done) => b.task = Some((done, b.line_of(range.start), String::new())),
            _ => {}
        }
    }
    b.finish()
}

/// The state of [`parse_with`] between two events of the Markdown parser.
struct Builder<'a> {
    body: &'a str,
    first_line: usize,
    line_starts: Vec<usize>,
    is_label: &'a dyn Fn(&str) -> bool,
    out: Body,
    // Open sections collect text until closed; a heading closes the open ones of the
    // same or deeper level.
    open: Vec<usize>,
    heading: Option<(u8, usize, String)>,
    week: Option<u32>,
    task: Option<(bool, usize, String)>,
    // The paragraph's first line, and whether no text of it has been seen yet.
    paragraph_start: Option<(usize, bool)>,
    in_strong_at_para_start: bool,
    label: Option<String>,
}

impl<'a> Builder<'a> {
    fn new(body: &'a str, first_line: usize, is_label: &'a dyn Fn(&str) -> bool) -> Builder<'a> {
        Builder {
            body,
            first_line,
            line_starts: std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect(),
            is_label,
            out: Body { words: count_words(body), links: wiki_links(body), ..Body::default() },
            open: Vec::new(),
            heading: None,
            week: None,
            task: None,
            paragraph_start: None,
            in_strong_at_para_start: false,
            label: None,
        }
    }

    /// The file line of a byte offset into the body.
    fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Starts a section (level 0: a label) that collects text until it is closed.
    fn open_section(&mut self, title: String, level: u8, line: usize) {
        self.out.sections.push(Section { title, level, line, text: String::new(), words: 0 });
        self.open.push(self.out.sections.len() - 1);
    }

    /// Closes the open labels, and the open headings `keep` turns away.
    fn close_labels_and(&mut self, keep: impl Fn(&Section) -> bool) {
        let sections = &self.out.sections;
        self.open.retain(|&i| sections[i].level != 0 && keep(&sections[i]));
    }

    /// Appends text to every open section.
    fn append(&mut self, text: &str) {
        for &i in &self.open {
            self.out.sections[i].text.push_str(text);
        }
    }

    fn end_heading(&mut self) {
        if let Some((level, line, title)) = self.heading.take() {
            let title = title.trim().to_string();
            self.close_labels_and(|s| s.level < level);
            if let Some(w) = week_of(&title) {
                self.week = Some(w);
            }
            self.open_section(title, level, line);
        }
    }

    /// Bold text that opens a paragraph may be a label (`**Situation:** …`).
    fn start_strong(&mut self) {
        if self.paragraph_start.is_some_and(|(_, first)| first) {
            self.in_strong_at_para_start = true;
            self.label = Some(String::new());
        }
    }

    /// The end of bold text that opened a paragraph, at byte `end`: a label when a
    /// colon ends it or follows it and it has at most four words; otherwise its text
    /// belongs to the open sections.
    fn end_leading_strong(&mut self, end: usize) {
        self.in_strong_at_para_start = false;
        let text = self.label.take().unwrap_or_default();
        let trimmed = text.trim().trim_end_matches(':').trim();
        let labelled = text.trim().ends_with(':') || self.body[end..].trim_start().starts_with(':');
        if labelled && !trimmed.is_empty() && trimmed.split_whitespace().count() <= 4 {
            let line = self.paragraph_start.map_or(self.first_line, |p| p.0);
            // A bold label closes earlier labels, not headings, except that a label
            // the caller knows (a STAR part) closes headings it knows too.
            let is_label = self.is_label;
            let known = is_label(trimmed);
            self.close_labels_and(|s| !(known && is_label(&s.title)));
            self.open_section(trimmed.to_string(), 0, line);
            return;
        }
        self.append(&text);
    }

    fn text(&mut self, t: &str) {
        let mut t = t;
        if let Some((line, first)) = self.paragraph_start {
            if first && self.heading.is_none() && !self.in_strong_at_para_start && self.task.is_none() {
                let is_label = self.is_label;
                if let Some((name, rest)) = plain_label(t).filter(|(name, _)| is_label(name)) {
                    self.close_labels_and(|s| !is_label(&s.title));
                    self.open_section(name.to_string(), 0, line);
                    t = rest;
                }
            }
            self.paragraph_start = Some((line, false));
        }
        if let Some((_, _, title)) = self.heading.as_mut() {
            title.push_str(t);
        } else if self.in_strong_at_para_start {
            if let Some(l) = self.label.as_mut() {
                l.push_str(t);
            }
        } else {
            if let Some((_, _, text)) = self.task.as_mut() {
                text.push_str(t);
            }
            self.append(t.trim_start_matches(':'));
        }
    }

    /// The end of a paragraph or of a list item (which ends a task).
    fn end_block(&mut self, item: bool) {
        self.append("\n");
        self.paragraph_start = None;
        if item {
            if let Some((done, line, text)) = self.task.take() {
                self.out.tasks.push(Task { done, text: text.trim().to_string(), line, week: self.week });
            }
        }
    }

    fn finish(mut self) -> Body {
        for s in &mut self.out.sections {
            s.text = s.text.trim().to_string();
            s.words = count_words(&s.text);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition [`count_words`] must agree with.
    fn words_by_definition(text: &str) -> usize {
        text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
    }

    #[test]
    fn word_counts_match_the_definition() {
        for text in [
            "",
            " ",
            "one",
            "  two words  ",
            "a\u{0b}b\u{0c}c\rd\te\nf",
            "— - -- 42 ... !!",
            "café déjà-vu naïve",
            "日本語 テキスト",
            "a\u{a0}b\u{2003}c\u{3000}d\u{85}e",
            "p99 fell 900→280 ms, $2M saved",
            "\u{1F680}\u{1F680} x\u{200b}y",
        ] {
            assert_eq!(count_words(text), words_by_definition(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 1000,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5c_2026),
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn word_counts_match_the_definition_on_any_text(text in ".{0,200}") {
            proptest::prop_assert_eq!(count_words(&text), words_by_definition(&text));
        }
    }

    #[test]
    fn sections_tasks_links_and_words() {
        let body = "# Story\n\n## Situation\nWe had a slow [[checkout]] page.\n\n## Action\nI profiled it.\nI fixed it.\n\n## Week 2\n- [ ] read\n- [x] write [[x|X]]\n";
        let b = parse(body, 5);
        let titles: Vec<_> = b.sections.iter().map(|s| (s.title.as_str(), s.line)).collect();
        assert_eq!(titles, vec![("Story", 5), ("Situation", 7), ("Action", 10), ("Week 2", 14)]);
        assert_eq!(b.sections[1].text, "We had a slow [[checkout]] page.");
        assert_eq!(b.sections[2].words, 6);
        assert_eq!(b.tasks.len(), 2);
        assert_eq!((b.tasks[1].done, b.tasks[1].line, b.tasks[1].week), (true, 16, Some(2)));
        assert_eq!(b.links, vec!["checkout", "x"]);
    }

    #[test]
    fn bold_labels_make_sections() {
        let b = parse("**Situation:** the site was down.\n\n**Action:** I rolled back.\n", 1);
        let titles: Vec<_> = b.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, vec!["Situation", "Action"]);
        assert_eq!(b.sections[0].text, "the site was down.");
        assert_eq!(b.sections[1].words, 3);
    }

    #[test]
    fn plain_labels_make_sections_only_when_accepted() {
        let text = "Situation — the queue was backing up.\n\nAction: I split it.\n\nNote: not a part.\n";
        let b = parse_with(text, 3, &|l| matches!(l, "Situation" | "Action"));
        let titles: Vec<_> = b.sections.iter().map(|s| (s.title.as_str(), s.line, s.text.as_str())).collect();
        assert_eq!(
            titles,
            vec![("Situation", 3, "the queue was backing up."), ("Action", 5, "I split it.\nNote: not a part.")]
        );
        assert!(parse(text, 1).sections.is_empty());
        assert_eq!(plain_label("Result - latency fell"), Some(("Result", "latency fell")));
        assert_eq!(plain_label("re-architected the thing"), None);
        // The separator is looked for within the first four words, then given up.
        assert_eq!(plain_label("a b c d: e"), Some(("a b c d", "e")));
        assert_eq!(plain_label("a b c d : e"), Some(("a b c d", "e")));
        assert_eq!(plain_label("a b c d e: f"), None);
        assert_eq!(plain_label("Result — it worked: 3x"), Some(("Result", "it worked: 3x")));
        assert_eq!(label_separator("x —y", &[" — ", " —"], 4), Some((1, " —")));
    }

    #[test]
    fn week_headings() {
        assert_eq!(week_of("Week 12: mocks"), Some(12));
        assert_eq!(week_of("W3"), Some(3));
        assert_eq!(week_of("Weekly goals"), None);
    }
}
