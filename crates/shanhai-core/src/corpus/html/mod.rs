//! HTML to text: the visible article text with block structure kept as
//! line breaks.
//!
//! The conversion is here; [`depth`] unwraps elements nested too deep
//! before the parse, [`builder`] accumulates the lines and [`title`] strips
//! site suffixes from the `<title>`.

mod builder;
mod depth;
mod title;

use scraper::{Html, Node};

use super::meta::{DocDate, parse_page_date};
use builder::TextBuilder;
use depth::{MAX_DEPTH, limit_depth};
pub use title::strip_site_suffix;

/// The text of an HTML page, with what its markup says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    /// The visible text, blocks as lines.
    pub text: String,
    /// The `<title>`, without an obvious site suffix.
    pub title: Option<String>,
    /// The publication date its markup states: the first `<meta>` whose
    /// name, property or itemprop names a publication date
    /// (`article:published_time`, `pubdate`, `PublishDate`,
    /// `datePublished`, `dc.date.issued` …; never a modification date),
    /// else the first `<time datetime>`.
    pub date: Option<DocDate>,
}

/// Is this `<meta>` name (lower case) a publication date?
fn is_publication_meta(name: &str) -> bool {
    if name.contains("modif") || name.contains("updat") {
        return false;
    }
    name.contains("publish")
        || name.contains("pubdate")
        || matches!(
            name,
            "date"
                | "dc.date"
                | "dc.date.issued"
                | "dc.date.created"
                | "dcterms.date"
                | "dcterms.issued"
                | "dcterms.created"
                | "article:created"
        )
}

/// How many leading bytes [`looks_like_html`] inspects.
const SNIFF_BYTES: usize = 1024;

/// Elements dropped with all their content.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "svg", "iframe", "button", "select",
    "object", "embed", "canvas", "audio", "video", "math",
];

/// Elements that end the current line when they open and when they close.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "tr",
    "ul",
    "form",
    "option",
];

/// Does this (already decoded) text look like an HTML document?
/// True when the first 1 KiB contains `<!doctype html` or `<html`
/// (ASCII case-insensitive). O(1).
pub fn looks_like_html(text: &str) -> bool {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html")
}

/// Converts an HTML document to text.
///
/// Parses with html5ever (via scraper; entities such as `&amp;` and
/// `&#x5929;` are resolved) and keeps the text of visible content:
/// - dropped with their content: `script style noscript template nav aside
///   svg iframe button select object embed canvas audio video math`, any
///   element with `role="navigation"`, `header`/`footer` unless inside
///   `article`/`main` (where they hold the article's own title and byline),
///   and `form` unless it holds article content (`p`, `article`, `h1`, `h2`
///   — some CMSs wrap the whole page in one form);
/// - block elements (`p div li h1…h6 tr section article title …`) end the
///   line; `<br>` is a hard line break; table cells are separated by a space;
/// - within a line, runs of whitespace (including NBSP and U+3000) become one
///   space, except that a source line break between two CJK characters is
///   dropped (HTML source wrapping must not split Chinese words); lines are
///   trimmed; `<pre>` keeps its whitespace and line breaks;
/// - zero-width spaces are removed; at most one blank line in a row; no
///   leading or trailing blank lines.
///
/// Returns the text, the `<title>` (whitespace-collapsed, with an obvious
/// site suffix removed by [`strip_site_suffix`]), `None` if missing or empty
/// (the title text also appears as the first line of the text), and the
/// publication date of the page's markup ([`PageText::date`]).
///
/// # Complexity
/// O(n) in the document size (one parse, one iterative tree walk; the
/// `form` check scans that form's subtree once).
pub fn html_to_text(html: &str) -> PageText {
    let shallow = limit_depth(html, MAX_DEPTH);
    let doc = Html::parse_document(&shallow);
    let mut out = TextBuilder::default();
    let mut title: Option<String> = None;
    let mut meta_date: Option<DocDate> = None;
    let mut time_date: Option<DocDate> = None;

    let root = doc.tree.root();
    let mut node = root;
    let mut pre_depth = 0usize;
    let mut title_depth = 0usize;
    let mut title_text = String::new();
    'walk: loop {
        // Enter `node`.
        let mut descend = true;
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                let dropped = DROPPED.contains(&name)
                    || el
                        .attr("role")
                        .is_some_and(|r| r.eq_ignore_ascii_case("navigation"))
                    || (matches!(name, "header" | "footer")
                        && !node.ancestors().any(|a| {
                            a.value()
                                .as_element()
                                .is_some_and(|e| matches!(e.name(), "article" | "main"))
                        }))
                    || (name == "form"
                        && !node.descendants().any(|d| {
                            d.value()
                                .as_element()
                                .is_some_and(|e| matches!(e.name(), "p" | "article" | "h1" | "h2"))
                        }));
                if name == "meta" && meta_date.is_none() {
                    let names = ["name", "property", "itemprop", "http-equiv"];
                    if names.iter().any(|a| {
                        el.attr(a)
                            .is_some_and(|n| is_publication_meta(&n.to_ascii_lowercase()))
                    }) {
                        meta_date = el.attr("content").and_then(parse_page_date);
                    }
                } else if name == "time" && time_date.is_none() {
                    time_date = el.attr("datetime").and_then(parse_page_date);
                }
                if dropped {
                    descend = false;
                } else if name == "br" {
                    out.hard_break();
                } else {
                    if BLOCKS.contains(&name) {
                        out.block_break();
                    }
                    if name == "pre" {
                        pre_depth += 1;
                    }
                    if name == "title" {
                        title_depth += 1;
                    }
                }
            }
            Node::Text(t) => {
                out.text(t, pre_depth > 0);
                if title_depth > 0 {
                    title_text.push_str(t);
                }
            }
            _ => {}
        }
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        // Leave `node` and every ancestor whose subtree is finished.
        loop {
            if let Node::Element(el) = node.value() {
                let name = el.name();
                // A dropped element (not descended into) contributes nothing.
                if descend {
                    if BLOCKS.contains(&name) {
                        out.block_break();
                    }
                    if matches!(name, "td" | "th") {
                        out.soft_space();
                    }
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if name == "title" {
                        title_depth = title_depth.saturating_sub(1);
                        if title.is_none() {
                            let t = collapse_ws(&title_text);
                            if !t.is_empty() {
                                title = Some(t);
                            }
                        }
                        title_text.clear();
                    }
                }
            }
            descend = true; // ancestors of a visited node were descended into
            if node == root {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(p) => node = p,
                None => break 'walk,
            }
        }
    }
    let title = title
        .map(|t| strip_site_suffix(&t).to_string())
        .filter(|t| !t.is_empty());
    PageText {
        text: out.finish(),
        title,
        date: meta_date.or(time_date),
    }
}

fn collapse_ws(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert!(looks_like_html("<!DOCTYPE html><p>x"));
        assert!(looks_like_html("\n  <HTML lang=zh>"));
        assert!(!looks_like_html("天津 <b>粗体</b>"));
        let long = format!("{}<html>", "字".repeat(400));
        assert!(!looks_like_html(&long));
    }

    #[test]
    fn structure_and_dropping() {
        let html = r#"<!doctype html><html><head><title>津甘协作 &amp; 发展_天津日报</title>
<script>var 天津=1</script><style>p{color:red}</style></head>
<body><nav>首页 新闻</nav><header>网站头部</header>
<div role="navigation">导航</div>
<article><header><h1>甘肃省党政代表团来津考察</h1></header>
<p>4月17日至18日，甘肃省党政
代表团来津考察。&#x5929;津  &nbsp; 市</p>
<p>第二段<br>换行<br><br><br>空行后</p>
<table><tr><td>姓名</td><td>职务</td></tr></table>
<pre>a  b
c</pre>
<form><input name=q><button>搜索</button></form>
</article><footer>版权所有</footer><aside>相关</aside></body></html>"#;
        let PageText { text, title, date } = html_to_text(html);
        assert_eq!(date, None);
        assert_eq!(title.as_deref(), Some("津甘协作 & 发展"));
        let expected = "津甘协作 & 发展_天津日报\n甘肃省党政代表团来津考察\n4月17日至18日，甘肃省党政代表团来津考察。天津 市\n第二段\n换行\n\n空行后\n姓名 职务\na  b\nc";
        assert_eq!(text, expected);
    }

    #[test]
    fn deep_nesting_is_unwrapped_past_the_limit() {
        // Shallow pages are left alone.
        let page = "<html><body><div><p>一<p>二</div><script>if (a<b) {}</script></body></html>";
        assert!(matches!(
            limit_depth(page, 4),
            std::borrow::Cow::Borrowed(_)
        ));
        // Past the limit, the tags go and the text stays, in order.
        let deep = format!(
            "<html><body>{}天津{}</body></html>",
            "<div>".repeat(10),
            "</div>".repeat(10)
        );
        let shallow = limit_depth(&deep, 4);
        assert_eq!(shallow.matches("<div>").count(), 2, "html, body + 2 divs");
        assert_eq!(shallow.matches("</div>").count(), 2);
        assert!(shallow.contains("天津"));
        // Siblings after a deep branch keep their structure.
        let page = format!(
            "<body>{}深{}<p>第一段</p><p>第二段</p></body>",
            "<div>".repeat(20),
            "</div>".repeat(20)
        );
        let text = html_to_text(&limit_depth(&page, 5)).text;
        assert_eq!(text, "深\n第一段\n第二段");
        // `<p>` closes an open `<p>`, so unclosed paragraphs do not nest.
        let sloppy = format!("<body>{}</body>", "<p>段".repeat(50));
        assert!(matches!(
            limit_depth(&sloppy, 4),
            std::borrow::Cow::Borrowed(_)
        ));
        // A `>` inside a quoted attribute does not end the tag.
        let quoted = format!("<body>{}x</body>", "<div title=\"a>b\">".repeat(6));
        assert_eq!(limit_depth(&quoted, 3).matches("<div").count(), 2);
    }

    #[test]
    fn page_dates_from_markup() {
        let page = |head: &str, body: &str| {
            html_to_text(&format!(
                "<html><head>{head}</head><body>{body}</body></html>"
            ))
            .date
        };
        let d = |y, m, day| {
            Some(DocDate {
                year: Some(y),
                month: m,
                day: Some(day),
            })
        };
        assert_eq!(
            page(
                r#"<meta property="article:published_time" content="2024-08-27T10:32:00+08:00">"#,
                "<p>1998年7月，中央召开座谈会。</p>"
            ),
            d(2024, 8, 27)
        );
        assert_eq!(
            page(r#"<meta name="PubDate" content="2024-08-27 10:32">"#, ""),
            d(2024, 8, 27)
        );
        assert_eq!(
            page(
                r#"<meta name="lastmodified" content="2025-01-02"><meta name="publishdate" content="2024-08-27">"#,
                ""
            ),
            d(2024, 8, 27)
        );
        assert_eq!(
            page(
                "",
                r#"<p>发布 <time datetime="2024-08-27">8月27日</time></p>"#
            ),
            d(2024, 8, 27)
        );
        assert_eq!(
            page(r#"<meta name="keywords" content="2024-08-27">"#, ""),
            None
        );
    }

    #[test]
    fn whole_page_form_is_kept() {
        let html = "<html><body><form id=aspnetForm><div><h1>标题</h1><p>正文内容</p></div></form></body></html>";
        let PageText { text, title, .. } = html_to_text(html);
        assert_eq!(text, "标题\n正文内容");
        assert_eq!(title, None);
    }

    #[test]
    fn latin_words_keep_spaces() {
        let text = html_to_text("<p>hello\n   world <b>bold</b>text 天津\n市</p>").text;
        assert_eq!(text, "hello world boldtext 天津市");
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            strip_site_suffix("甘肃省党政代表团来津考察 - 天津日报"),
            "甘肃省党政代表团来津考察"
        );
        assert_eq!(
            strip_site_suffix("甘肃省党政代表团来津考察_新华网"),
            "甘肃省党政代表团来津考察"
        );
        assert_eq!(
            strip_site_suffix("甘肃省党政代表团来津考察_新闻中心_滨海新区政府网"),
            "甘肃省党政代表团来津考察"
        );
        assert_eq!(strip_site_suffix("标题很长很长 | 澎湃新闻"), "标题很长很长");
        assert_eq!(
            strip_site_suffix("津甘协作 - 深化对接交流"),
            "津甘协作 - 深化对接交流"
        );
        assert_eq!(strip_site_suffix("短_新华网"), "短_新华网");
        assert_eq!(strip_site_suffix("  "), "");
    }
}
