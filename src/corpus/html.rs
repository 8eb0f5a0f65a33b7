//! HTML to text: the visible article text with block structure kept as
//! line breaks.

use scraper::{Html, Node};

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
/// Returns the text and the `<title>` (whitespace-collapsed, with an obvious
/// site suffix removed by [`strip_site_suffix`]), `None` if missing or empty.
/// The title text also appears as the first line of the text.
///
/// # Complexity
/// O(n) in the document size (one parse, one iterative tree walk; the
/// `form` check scans that form's subtree once).
pub fn html_to_text(html: &str) -> (String, Option<String>) {
    let doc = Html::parse_document(html);
    let mut out = TextBuilder::default();
    let mut title: Option<String> = None;

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
    (out.finish(), title)
}

fn collapse_ws(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that mark a title segment as a site or channel name.
const SITE_WORDS: &[&str] = &[
    "网",
    "網",
    "报",
    "報",
    "新闻",
    "新聞",
    "频道",
    "頻道",
    "政府",
    "门户",
    "門戶",
    "首页",
    "首頁",
    "客户端",
    "客戶端",
    "电视",
    "電視",
    "广播",
    "廣播",
    "在线",
    "在線",
    "官网",
    "官網",
    "头条",
    "頭條",
    "资讯",
    "資訊",
    "传媒",
    "傳媒",
    "中心",
    "www",
    ".com",
    ".cn",
    ".gov",
    "News",
    "news",
    "NEWS",
    "Daily",
    "Times",
    "Online",
];

/// Removes obvious site suffixes from a page title: the last segment after
/// `_`, `|`, `｜`, ` - `, ` – ` or ` — ` when it is at most 20 characters and
/// either follows `_` or names a site (contains 网, 报, 新闻, 频道, 政府, …,
/// `.com`, `.cn`). Repeated up to three times
/// (`标题_新闻中心_滨海新区政府网` → `标题`); the remaining title must keep at
/// least 4 characters. Example: `标题 - 天津日报` → `标题`;
/// `标题 - 副标题` is left alone. O(n).
pub fn strip_site_suffix(title: &str) -> &str {
    const SEPS: &[&str] = &["_", "|", "｜", " - ", " – ", " — "];
    let mut t = title.trim();
    for _ in 0..3 {
        let Some((at, sep)) = SEPS
            .iter()
            .filter_map(|s| t.rfind(s).map(|i| (i, *s)))
            .max_by_key(|(i, _)| *i)
        else {
            break;
        };
        let head = t[..at].trim_end();
        let tail = t[at + sep.len()..].trim();
        let tail_len = tail.chars().count();
        let obvious = sep == "_" || SITE_WORDS.iter().any(|w| tail.contains(w));
        if tail_len <= 20 && obvious && head.chars().count() >= 4 {
            t = head;
        } else {
            break;
        }
    }
    t
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x3000..=0x303F | 0x20000..=0x3134F)
}

/// Accumulates lines of text.
#[derive(Default)]
struct TextBuilder {
    lines: Vec<String>,
    line: String,
    /// Whitespace seen since the last character: `Some(true)` if it held a
    /// line break.
    pending: Option<bool>,
}

impl TextBuilder {
    fn text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if matches!(c, '\u{200B}' | '\u{FEFF}') {
                continue;
            }
            if pre {
                match c {
                    '\r' => {}
                    '\n' => self.hard_break(),
                    _ => self.line.push(c),
                }
                continue;
            }
            if c.is_whitespace() {
                let nl = matches!(c, '\n' | '\r');
                self.pending = Some(self.pending.unwrap_or(false) || nl);
                continue;
            }
            if let Some(nl) = self.pending.take()
                && let Some(last) = self.line.chars().next_back()
                && !last.is_whitespace()
                && !(nl && is_cjk(last) && is_cjk(c))
            {
                self.line.push(' ');
            }
            self.line.push(c);
        }
    }

    fn soft_space(&mut self) {
        self.pending = Some(self.pending.unwrap_or(false));
    }

    fn end_line(&mut self) {
        let t = self.line.trim_end();
        let t = t.trim_start_matches([' ', '\u{3000}']);
        self.lines.push(t.to_string());
        self.line.clear();
        self.pending = None;
    }

    fn block_break(&mut self) {
        if !self.line.trim().is_empty() {
            self.end_line();
        } else {
            self.line.clear();
            self.pending = None;
        }
    }

    fn hard_break(&mut self) {
        self.end_line();
    }

    fn finish(mut self) -> String {
        self.block_break();
        let mut out = String::new();
        let mut blank_run = 0usize;
        for l in &self.lines {
            if l.is_empty() {
                blank_run += 1;
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
                if blank_run > 0 {
                    out.push('\n');
                }
            }
            blank_run = 0;
            out.push_str(l);
        }
        out
    }
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
        let (text, title) = html_to_text(html);
        assert_eq!(title.as_deref(), Some("津甘协作 & 发展"));
        let expected = "津甘协作 & 发展_天津日报\n甘肃省党政代表团来津考察\n4月17日至18日，甘肃省党政代表团来津考察。天津 市\n第二段\n换行\n\n空行后\n姓名 职务\na  b\nc";
        assert_eq!(text, expected);
    }

    #[test]
    fn whole_page_form_is_kept() {
        let html = "<html><body><form id=aspnetForm><div><h1>标题</h1><p>正文内容</p></div></form></body></html>";
        let (text, title) = html_to_text(html);
        assert_eq!(text, "标题\n正文内容");
        assert_eq!(title, None);
    }

    #[test]
    fn latin_words_keep_spaces() {
        let (text, _) = html_to_text("<p>hello\n   world <b>bold</b>text 天津\n市</p>");
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
