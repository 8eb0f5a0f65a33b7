//! Site suffixes of page titles (`标题_天津日报` → `标题`).

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
