//! Unwrapping elements nested too deep, before html5ever builds the tree.

/// Elements nested deeper than this are unwrapped (their tags removed, their
/// text kept) before the tree is built: html5ever checks the stack of open
/// elements for every tag, so a page of 100,000 nested `<div>`s took 13 s.
pub(super) const MAX_DEPTH: usize = 256;

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
pub(super) fn limit_depth(html: &str, limit: usize) -> std::borrow::Cow<'_, str> {
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
