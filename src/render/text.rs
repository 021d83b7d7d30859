//! Text helpers for the Markdown renderer: links, table cells and numbers, written
//! straight into the output. The dashboard of a large workspace holds thousands of
//! them, so they append to one `String` instead of formatting small ones.

use std::fmt::Write;

/// Writes a relative link to a note; spaces encoded so every renderer follows it.
pub(super) fn push_link(o: &mut String, text: &str, path: &str) {
    o.push('[');
    for c in text.chars() {
        match c {
            // A bracket in a title would end the link text early.
            '[' | ']' => {
                o.push('\\');
                o.push(c);
            }
            c => push_cell_char(o, c),
        }
    }
    o.push_str("](");
    // Percent-encoded: a space, a parenthesis, a `|`, a bracket or a control
    // character in a file name would otherwise end the link or break the table.
    for c in path.chars() {
        if c.is_control() || " ()[]<>|%#\\`".contains(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(o, "%{b:02X}");
            }
        } else {
            o.push(c);
        }
    }
    o.push(')');
}

/// One character of a table cell: `|` escaped, a line break as a space, any other
/// control character (an escape sequence in a file name, say) as visible text.
fn push_cell_char(o: &mut String, c: char) {
    match c {
        '|' => o.push_str("\\|"),
        '\n' => o.push(' '),
        c if c.is_control() || crate::render::terminal::is_bidi_control(c) => {
            let _ = write!(o, "{}", c.escape_unicode());
        }
        c => o.push(c),
    }
}

/// A relative link to a note, as a string.
pub(super) fn link(text: &str, path: &str) -> String {
    let mut s = String::new();
    push_link(&mut s, text, path);
    s
}

/// Writes text escaped for a table cell.
pub(super) fn push_cell(o: &mut String, text: &str) {
    if !text.chars().any(|c| c == '|' || c.is_control() || crate::render::terminal::is_bidi_control(c)) {
        o.push_str(text);
        return;
    }
    for c in text.chars() {
        push_cell_char(o, c);
    }
}

/// Text escaped for a table cell.
pub(super) fn cell(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    push_cell(&mut s, text);
    s
}

/// Writes links to up to `max` files, then a count of the rest.
fn push_files(o: &mut String, paths: &[String], max: usize) {
    for (i, p) in paths.iter().take(max).enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        push_link(o, p.rsplit('/').next().unwrap_or(p), p);
    }
    if paths.len() > max {
        let sep = if max > 0 { ", " } else { "" };
        let _ = write!(o, "{sep}+{} more", paths.len() - max);
    }
}

/// Links to up to `max` files, then a count of the rest.
pub(super) fn files(paths: &[String], max: usize) -> String {
    let mut s = String::new();
    push_files(&mut s, paths, max);
    s
}

/// Writes an integer as `{}` would, without the formatting machinery.
pub(super) fn push_num(o: &mut String, n: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        o.push('-');
    }
    o.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// Writes `v` as `{:.1}` would. Values that are a whole number of tenths (the model
/// rounds minutes that way) are written from that integer, which is exact and
/// avoids the float formatter.
pub(super) fn push_tenths(o: &mut String, v: f64) {
    let tenths = (v * 10.0).round();
    if v.is_sign_positive() && tenths < 1e12 && tenths / 10.0 == v {
        let t = tenths as i64;
        push_num(o, t / 10);
        o.push('.');
        push_num(o, t % 10);
    } else {
        let _ = write!(o, "{v:.1}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_formatter_writes_them() {
        for n in [0, 7, 10, 99, 1_000_000, -1, -40, i64::MAX, i64::MIN] {
            let mut o = String::new();
            push_num(&mut o, n);
            assert_eq!(o, n.to_string());
        }
        for v in
            [0.0, 0.5, 2.3, 12.7, 0.1 + 0.2, 1.0 / 3.0, 0.25, 0.35, 2.05, -0.0, -1.5, 1e15, f64::NAN, f64::INFINITY]
        {
            let mut o = String::new();
            push_tenths(&mut o, v);
            assert_eq!(o, format!("{v:.1}"), "{v}");
        }
        for words in 0..2000 {
            let minutes = (words as f64 / 140.0 * 10.0).round() / 10.0;
            let mut o = String::new();
            push_tenths(&mut o, minutes);
            assert_eq!(o, format!("{minutes:.1}"));
        }
    }

    #[test]
    fn links_and_cells_escape() {
        assert_eq!(link("a|b\nc", "stories/my story.md"), "[a\\|b c](stories/my%20story.md)");
        assert_eq!(files(&["a/x.md".into(), "b.md".into()], 1), "[x.md](a/x.md), +1 more");
        assert_eq!(files(&["a/x.md".into()], 0), "+1 more");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(
            link("x](evil) [y", "stories/a|b](c)\x1b[31m\n.md"),
            "[x\\](evil) \\[y](stories/a%7Cb%5D%28c%29%1B%5B31m%0A.md)"
        );
        assert_eq!(cell("a\x1b[2Jb"), "a\\u{1b}[2Jb");
    }
}
