//! HTML to text: the visible article text with block structure kept as
//! line breaks.

use scraper::{Html, Node};

use super::meta::{DocDate, parse_page_date};

/// Elements nested deeper than this are unwrapped (their tags removed, their
/// text kept) before the tree is built: html5ever checks the stack of open
/// elements for every tag, so a page of 100,000 nested `<div>`s took 13 s.
const MAX_DEPTH: usize = 256;

/// Elements without content (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements a start tag of the same name closes (`<p>a<p>b`, `<li>a<li>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

/// The HTML with the tags of elements nested deeper than `limit` removed
/// (their text stays, in the deepest element kept). The nesting is followed
/// with a stack of open element names as a tree builder would, roughly:
/// void elements, comments, doctypes and raw text (`script`, `style` …) do
/// not nest; `<p>` closes an open `<p>` (also `li`, `td`, `tr` …); an end
/// tag closes up to its element when it is among the 16 innermost, and is
/// ignored otherwise. Returns the input itself when no element is nested
/// deeper than `limit`, the usual case.
///
/// # Complexity
/// O(n) in the length of the HTML.
fn limit_depth(html: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut stack: Vec<&str> = Vec::new();
    // Start tags removed and not yet matched by a removed end tag.
    let mut excess = 0usize;
    // Byte ranges of the removed tags, in order.
    let mut removed: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0usize;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let rest = &html[lt + 1..];
        if rest.starts_with("!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| lt + 1 + e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // `<!doctype …>`, `<?xml …>`, or a lone `<` in text.
            i = lt + 1;
            continue;
        }
        let Some(gt) = tag_end(bytes, name_start + name_len) else {
            break;
        };
        let tag = lt..gt + 1;
        let name = &html[name_start..name_start + name_len];
        let lower = name.to_ascii_lowercase();
        i = gt + 1;
        if closing {
            if excess > 0 {
                excess -= 1;
                removed.push(tag);
            } else if let Some(k) = stack
                .iter()
                .rev()
                .take(16)
                .position(|open| open.eq_ignore_ascii_case(&lower))
            {
                stack.truncate(stack.len() - k - 1);
            }
            continue;
        }
        let self_closed = bytes[gt - 1] == b'/';
        if VOID.contains(&lower.as_str()) || self_closed {
            continue;
        }
        if RAW_TEXT.contains(&lower.as_str()) {
            // Skip to the matching end tag: its content is not markup.
            let close = format!("</{lower}");
            let content = &html[i..];
            i = find_ascii_ci(content, &close).map_or(bytes.len(), |e| {
                let end = i + e;
                tag_end(bytes, end + close.len()).map_or(bytes.len(), |g| g + 1)
            });
            continue;
        }
        if SELF_CLOSING_SIBLINGS.contains(&lower.as_str())
            && stack
                .last()
                .is_some_and(|top| top.eq_ignore_ascii_case(&lower))
        {
            stack.pop();
        }
        if stack.len() >= limit {
            excess += 1;
            removed.push(tag);
        } else {
            stack.push(name);
        }
    }
    if removed.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0usize;
    for r in removed {
        out.push_str(&html[at..r.start]);
        at = r.end;
    }
    out.push_str(&html[at..]);
    std::borrow::Cow::Owned(out)
}

/// The `>` that ends a tag whose name ends at `from`, skipping quoted
/// attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(k),
            _ => {}
        }
    }
    None
}

/// Byte offset of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let first = char::from(*n.first()?);
    let h = hay.as_bytes();
    let mut i = 0usize;
    while let Some(off) = hay[i..].find(first) {
        let at = i + off;
        if h.len() >= at + n.len() && h[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

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
