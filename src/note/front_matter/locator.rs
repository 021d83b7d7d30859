//! Where keys and values sit in a note's file, for diagnostics.

/// Finds where keys and values sit in the file, for diagnostics.
///
/// serde_yaml gives locations only for syntax errors, so the positions of keys are
/// recovered from the text: good enough to put the cursor on the right line.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    lines: Vec<String>,
    first_line: usize,
}

impl Locator {
    pub(super) fn new(yaml: &str, first_line: usize) -> Self {
        Locator { lines: yaml.split('\n').map(str::to_string).collect(), first_line }
    }

    fn indent(line: &str) -> usize {
        line.len() - line.trim_start().len()
    }

    fn key_of(line: &str) -> Option<&str> {
        let t = line.trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t).trim_start();
        let (k, _) = t.split_once(':')?;
        let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
        (!k.is_empty() && !k.starts_with('#')).then_some(k)
    }

    /// The lines (indices into `lines`) of top-level key `key`'s block, key line included.
    fn block(&self, key: &str) -> Option<std::ops::Range<usize>> {
        let start = self.lines.iter().position(|l| Self::indent(l) == 0 && Self::key_of(l) == Some(key))?;
        let end = self.lines[start + 1..]
            .iter()
            .position(|l| !l.trim().is_empty() && Self::indent(l) == 0 && !l.starts_with('-') && !l.starts_with('#'))
            .map_or(self.lines.len(), |p| start + 1 + p);
        Some(start..end)
    }

    /// The file position (line, column) of a top-level key; (first line, 1) when absent.
    pub fn key(&self, key: &str) -> (usize, usize) {
        match self.block(key) {
            Some(r) => (self.first_line + r.start, 1),
            None => (self.first_line, 1),
        }
    }

    /// The position of the value of top-level `key` (the text after `key:`), or of the
    /// first occurrence of `needle` inside that key's block when given.
    pub fn value(&self, key: &str, needle: Option<&str>) -> (usize, usize) {
        let Some(r) = self.block(key) else {
            return (self.first_line, 1);
        };
        if let Some(needle) = needle {
            for i in r.clone() {
                let line = &self.lines[i];
                let search_from = if i == r.start { line.find(':').map_or(0, |c| c + 1) } else { 0 };
                if let Some(p) = line[search_from..].find(needle) {
                    return (self.first_line + i, search_from + p + 1);
                }
            }
        }
        let line = &self.lines[r.start];
        let col = line.find(':').map(|c| c + 1 + (line[c + 1..].len() - line[c + 1..].trim_start().len())).unwrap_or(0);
        (self.first_line + r.start, col + 1)
    }

    /// The position of nested key `key` inside item `index` of the list under top-level
    /// `list`, or of the item itself when the key is not written.
    pub fn item_key(&self, list: &str, index: usize, key: Option<&str>) -> (usize, usize) {
        let Some(r) = self.block(list) else {
            return (self.first_line, 1);
        };
        let items: Vec<usize> = r
            .clone()
            .skip(1)
            .filter(|&i| self.lines[i].trim_start().starts_with("- ") || self.lines[i].trim() == "-")
            .collect();
        let Some(&start) = items.get(index) else {
            return self.key(list);
        };
        let end = items.get(index + 1).copied().unwrap_or(r.end);
        if let Some(key) = key {
            for i in start..end {
                if Self::key_of(&self.lines[i]) == Some(key) {
                    let col = self.lines[i].find(key).unwrap_or(0) + 1;
                    return (self.first_line + i, col);
                }
            }
        }
        let line = &self.lines[start];
        (self.first_line + start, Self::indent(line) + 1)
    }

    /// The position of `key` inside the nested mappings `parents` (top-level key
    /// first: `["goals", "daily"]`), at the key itself; the deepest of them that is
    /// written when the key is not (a flow mapping, say).
    pub fn nested_key(&self, parents: &[&str], key: &str) -> (usize, usize) {
        let Some((first, rest)) = parents.split_first() else {
            return self.key(key);
        };
        let Some(mut range) = self.block(first) else {
            return (self.first_line, 1);
        };
        let mut found = (self.first_line + range.start, 1);
        for name in rest.iter().chain(std::iter::once(&key)) {
            let above = Self::indent(&self.lines[range.start]);
            let Some(start) = range
                .clone()
                .skip(1)
                .find(|&i| Self::indent(&self.lines[i]) > above && Self::key_of(&self.lines[i]) == Some(name))
            else {
                return found;
            };
            let indent = Self::indent(&self.lines[start]);
            let end = (start + 1..range.end)
                .find(|&i| {
                    let l = self.lines[i].trim_start();
                    !l.is_empty() && !l.starts_with('#') && Self::indent(&self.lines[i]) <= indent
                })
                .unwrap_or(range.end);
            found = (self.first_line + start, indent + 1);
            range = start..end;
        }
        found
    }

    /// The column of the value on file line `line` (after its `key:`).
    pub fn value_column(&self, line: usize) -> Option<usize> {
        let text = self.lines.get(line.checked_sub(self.first_line)?)?;
        let colon = text.find(':')?;
        let after = &text[colon + 1..];
        Some(colon + 2 + (after.len() - after.trim_start().len()))
    }

    /// The value on file line `line` as written (after `key:`, without a comment).
    pub fn written_at(&self, line: usize) -> Option<String> {
        let text = self.lines.get(line.checked_sub(self.first_line)?)?;
        let (_, value) = text.split_once(':')?;
        let value = value.split(" #").next().unwrap_or(value).trim();
        (!value.is_empty()).then(|| value.to_string())
    }
}
