//! Shared drawing primitives for the hand-written SVG charts: the self-contained
//! document frame (`<title>`, `<desc>`, a light background with dark ink set as
//! attributes and a `prefers-color-scheme: dark` style that swaps them), text and
//! lines in the theme's classes, and XML escaping. [`line`] draws the charts over
//! dates with them (`trend --svg` and two of the dashboard's); [`dashboard`] draws the
//! charts embedded in DASHBOARD.md.

pub mod dashboard;
pub mod line;

use std::fmt::Write as _;

/// Dark ink on the light background.
pub const INK: &str = "#24292f";
/// Grid lines on the light background.
pub const GRID: &str = "#d0d7de";
/// Axis lines on the light background.
pub const AXIS: &str = "#57606a";

/// Series colours on light backgrounds and on dark ones (Okabe–Ito, colour-blind safe).
pub const COLOURS: [(&str, &str); 4] =
    [("#0072b2", "#56b4e9"), ("#e69f00", "#f0b429"), ("#009e73", "#3cc49a"), ("#aa3377", "#ee88bb")];

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// An SVG document being written: deterministic text, no scripts, no external
/// references.
pub struct Svg {
    s: String,
}

impl Svg {
    /// Opens a `width` × `height` document titled `title` (also drawn at the top
    /// left) and described by `desc`; `series` are the CSS classes of the coloured
    /// series, in [`COLOURS`] order, whose `color` the dark theme lightens.
    pub fn open(width: f64, height: f64, title: &str, desc: &str, series: &[&str]) -> Svg {
        let mut s = String::new();
        let _ = writeln!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}">"#,
            escape(title)
        );
        let _ = writeln!(s, "<title>{}</title>", escape(title));
        if !desc.is_empty() {
            let _ = writeln!(s, "<desc>{}</desc>", escape(desc));
        }
        s.push_str("<style>\n");
        s.push_str("  text { font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 12px; }\n");
        s.push_str("  @media (prefers-color-scheme: dark) {\n");
        s.push_str("    .bg { fill: #0d1117; }\n    .ink { fill: #e6edf3; }\n    .grid { stroke: #30363d; }\n    .axis { stroke: #8b949e; }\n");
        for (key, (_, dark)) in series.iter().zip(COLOURS) {
            let _ = writeln!(s, "    .{key} {{ color: {dark}; }}");
        }
        s.push_str("  }\n</style>\n");
        let _ = writeln!(s, r##"<rect class="bg" x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##);
        let mut svg = Svg { s };
        svg.raw(&format!(
            r##"<text class="ink" x="60" y="28" fill="{INK}" style="font-size: 16px; font-weight: bold">{}</text>"##,
            escape(title)
        ));
        svg
    }

    /// Appends one line of markup as it is.
    pub fn raw(&mut self, line: &str) {
        self.s.push_str(line);
        self.s.push('\n');
    }

    /// Text in the theme's ink; `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, x: f64, y: f64, anchor: &str, body: &str) {
        let anchor = if anchor == "start" { String::new() } else { format!(r#" text-anchor="{anchor}""#) };
        let _ = writeln!(
            self.s,
            r##"<text class="ink" x="{x:.1}" y="{y:.1}" fill="{INK}"{anchor}>{}</text>"##,
            escape(body)
        );
    }

    /// A grid line (`axis` false) or an axis line.
    pub fn line(&mut self, axis: bool, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) {
        let (class, colour) = if axis { ("axis", AXIS) } else { ("grid", GRID) };
        let _ = writeln!(
            self.s,
            r#"<line class="{class}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{colour}" stroke-width="1"/>"#
        );
    }

    /// A legend entry for series `i` at (`x`, `y`).
    pub fn legend(&mut self, i: usize, key: &str, name: &str, x: f64, y: f64) {
        let light = COLOURS[i % COLOURS.len()].0;
        let _ = writeln!(
            self.s,
            r##"<g class="{key}" color="{light}"><rect x="{x:.1}" y="{:.1}" width="14" height="10" fill="currentColor"/><text class="ink" x="{:.1}" y="{y:.1}" fill="{INK}">{}</text></g>"##,
            y - 9.0,
            x + 20.0,
            escape(name)
        );
    }

    /// Closes the document.
    pub fn finish(mut self) -> String {
        self.s.push_str("</svg>\n");
        self.s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"a<b & "c" 'd'>"#), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
    }

    #[test]
    fn a_document_has_title_desc_and_a_dark_theme() {
        let svg = Svg::open(100.0, 50.0, "A & B", "what it shows", &["one"]).finish();
        assert!(svg.contains("<title>A &amp; B</title>\n<desc>what it shows</desc>"));
        assert!(svg.contains("prefers-color-scheme: dark") && svg.contains(".one { color: #56b4e9; }"));
        assert!(!svg.contains("<script") && svg.ends_with("</svg>\n"));
    }
}
