//! DASHBOARD.md as an HTML page styled like GitHub's Markdown view, light or dark,
//! for the screenshots in docs/ (`docs/screenshots.sh`):
//!
//! ```sh
//! cargo run --example dashboard_html -- WS/DASHBOARD.md WS/dashboard.html [light|dark] [SECTIONS]
//! ```
//!
//! The page sits beside DASHBOARD.md, so its image links (`dashboard/*.svg`) resolve.
//! SECTIONS, when given, keeps the title and that many `##` sections from the top.

use pulldown_cmark::{html, Options, Parser};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, rest @ ..] = args.as_slice() else {
        eprintln!("usage: dashboard_html DASHBOARD.md OUT.html [light|dark] [SECTIONS]");
        std::process::exit(2);
    };
    let dark = rest.first().is_some_and(|t| t == "dark");
    let sections: Option<usize> = rest.get(1).and_then(|n| n.parse().ok());
    let markdown = std::fs::read_to_string(input).unwrap_or_else(|e| panic!("read {input}: {e}"));
    let markdown = match sections {
        Some(n) => first_sections(&markdown, n),
        None => markdown.as_str(),
    };
    let mut body = String::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    html::push_html(&mut body, Parser::new_ext(markdown, options));
    let (scheme, bg, ink, border, code) = if dark {
        ("dark", "#0d1117", "#e6edf3", "#30363d", "#151b23")
    } else {
        ("light", "#ffffff", "#1f2328", "#d1d9e0", "#f6f8fa")
    };
    let page = format!(
        r#"<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="{scheme}">
<style>
body {{ background: {bg}; color: {ink}; margin: 0; font: 16px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }}
main {{ max-width: 880px; margin: 24px auto; padding: 0 32px; }}
h1, h2 {{ border-bottom: 1px solid {border}; padding-bottom: .3em; }}
table {{ border-collapse: collapse; margin: 0 0 16px; }}
th, td {{ border: 1px solid {border}; padding: 6px 13px; }}
code {{ background: {code}; border-radius: 6px; padding: .2em .4em; font-size: 85%; }}
img {{ max-width: 100%; height: auto; }}
a {{ color: {link}; }}
</style></head>
<body><main>
{body}</main></body></html>
"#,
        link = if dark { "#4493f8" } else { "#0969da" }
    );
    std::fs::write(output, page).unwrap_or_else(|e| panic!("write {output}: {e}"));
}

/// The text up to the start of the `n + 1`-th `## ` heading.
fn first_sections(markdown: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        if line.starts_with("## ") {
            seen += 1;
            if seen > n {
                return &markdown[..offset];
            }
        }
        offset += line.len();
    }
    markdown
}
