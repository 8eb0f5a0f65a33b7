//! Boilerplate: lines of a saved page that are not the article.
//!
//! The rules are deliberately simple and each one can be explained to a
//! user in one line (the app shows the reason):
//! - **navigation**: a line of five or more short items separated by runs of
//!   spaces or `|` (`热点  天津  政情  法治 …`);
//! - **footer**: a short line with a site-furniture word (ICP, 版权所有,
//!   主办单位, 来源:, 责任编辑 …);
//! - **caption**: an image caption with a photographer's credit
//!   (`… 记者 崔志坚摄`);
//! - **credit**: a short photo-credit line (`本文所有图片均由…提供`,
//!   `图片由…提供`, `（图/…）`, `摄影：…`);
//! - **headlines**: short lines without a full stop after the article body
//!   ends, or a run of four or more such lines inside it (lists of unrelated
//!   headlines under the article).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use serde::Serialize;

use super::Paragraph;

/// Why a line is boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Boilerplate {
    /// A navigation bar.
    Navigation,
    /// Footer, copyright, source or editor line.
    Footer,
    /// An image caption with a photographer's credit.
    Caption,
    /// A photo-credit line.
    Credit,
    /// A list of (unrelated) headlines.
    Headlines,
}

impl Boilerplate {
    /// Short English name.
    pub fn as_str(self) -> &'static str {
        match self {
            Boilerplate::Navigation => "navigation",
            Boilerplate::Footer => "footer",
            Boilerplate::Caption => "caption",
            Boilerplate::Credit => "credit",
            Boilerplate::Headlines => "headlines",
        }
    }
}

/// Words that mark a short line as site furniture.
const FOOTER_WORDS: &[&str] = &[
    "版权所有",
    "copyright",
    "©",
    "icp",
    "备案",
    "公网安备",
    "举报",
    "联系我们",
    "关于我们",
    "主办单位",
    "承办单位",
    "协办单位",
    "网站标识码",
    "技术支持",
    "扫描",
    "扫一扫",
    "手机版",
    "责任编辑",
    "编辑:",
    "来源:",
    "原标题:",
    "分享到",
    "打印本页",
    "关闭窗口",
    "上一篇",
    "下一篇",
];

/// Lines longer than this (in characters) are never footer or headline.
const SHORT: usize = 120;
/// A headline is at most this many characters.
const HEADLINE: usize = 60;

fn is_navigation(line: &str) -> bool {
    // Without a separator the line is one item (most lines: no need to
    // split them).
    // (Three one-character searches, each a memchr, rather than one
    // search for a set of characters, which decodes every character.)
    if !line.contains('|') && !line.contains('｜') && !line.contains('\t') && !line.contains("  ")
    {
        return false;
    }
    let items: Vec<&str> = line
        .split(['|', '｜', '\t'])
        .flat_map(|part| part.split("  "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    items.len() >= 5 && items.iter().all(|s| s.chars().count() <= 8)
}

fn is_footer(line: &str, chars: usize) -> bool {
    if chars > SHORT {
        return false;
    }
    // One automaton for all the words, case-insensitive for the ASCII ones.
    static FOOTER: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(FOOTER_WORDS)
            // Constant, non-empty words: building cannot fail.
            .expect("the footer-word automaton builds")
    });
    FOOTER.is_match(line)
}

fn is_caption(line: &str) -> bool {
    let t = line.trim_end_matches([')', '）', ' ']);
    if !t.ends_with('摄') && !t.ends_with("摄影") {
        return false;
    }
    let tail: String = t
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.contains("记者") || tail.contains("摄影") || tail.contains('/')
}

/// A photo-credit line has at most this many characters.
const CREDIT: usize = 80;

/// Photo credits (the text is normalised: full-width brackets and colons
/// are ASCII): `本文所有图片均由…提供`, `图片由…提供`, `(图/…)`, `图/…`,
/// `摄影:…`, `图片来源:…`, `…供图`.
fn is_credit(line: &str, chars: usize) -> bool {
    if chars > CREDIT || !line.contains('图') && !line.contains('摄') {
        return false;
    }
    let t = line.trim_start_matches(['(', '[', ' ']);
    let t = t.trim_end_matches([')', ']', ' ', '。']);
    (t.contains("图片") && t.contains('由') && t.ends_with("提供"))
        || t.starts_with("图/")
        || t.starts_with("图:")
        || t.starts_with("图片:")
        || t.starts_with("图片来源")
        || t.starts_with("摄影:")
        || t.starts_with("摄影/")
        || line.contains("(图/")
        || line.contains("(摄影:")
        || t.ends_with("供图")
}

/// A line that reads like running text: long enough and with a full stop.
fn is_body(line: &str, chars: usize) -> bool {
    chars >= 30 && line.contains(['。', '!', '?'])
}

fn is_headline_like(line: &str, chars: usize) -> bool {
    chars > 0 && chars <= HEADLINE && !line.contains('。')
}

/// Marks boilerplate paragraphs in place.
pub fn mark(text: &str, paragraphs: &mut [Paragraph]) {
    let lines: Vec<(&str, usize)> = paragraphs
        .iter()
        .map(|p| {
            let l = text.get(p.norm.clone()).unwrap_or("").trim();
            (l, l.chars().count())
        })
        .collect();
    for (p, &(line, chars)) in paragraphs.iter_mut().zip(&lines) {
        if line.is_empty() {
            continue;
        }
        p.boilerplate = if is_navigation(line) {
            Some(Boilerplate::Navigation)
        } else if is_caption(line) {
            Some(Boilerplate::Caption)
        } else if is_credit(line, chars) {
            Some(Boilerplate::Credit)
        } else if is_footer(line, chars) {
            Some(Boilerplate::Footer)
        } else {
            None
        };
    }
    let first_body = lines.iter().position(|&(l, n)| is_body(l, n));
    let last_body = lines.iter().rposition(|&(l, n)| is_body(l, n));
    let (Some(first_body), Some(last_body)) = (first_body, last_body) else {
        return;
    };
    // Everything headline-like after the body ends.
    for (p, &(line, chars)) in paragraphs.iter_mut().zip(&lines).skip(last_body + 1) {
        if p.boilerplate.is_none() && is_headline_like(line, chars) {
            p.boilerplate = Some(Boilerplate::Headlines);
        }
    }
    // Runs of four or more headline-like lines inside the body.
    let mut i = first_body + 1;
    while i < last_body {
        let run_end = (i..last_body)
            .find(|&k| {
                let (l, n) = lines[k];
                !(l.is_empty() || is_headline_like(l, n))
            })
            .unwrap_or(last_body);
        let count = (i..run_end).filter(|&k| !lines[k].0.is_empty()).count();
        if count >= 4 {
            for p in &mut paragraphs[i..run_end] {
                if p.boilerplate.is_none() && !p.norm.is_empty() {
                    p.boilerplate = Some(Boilerplate::Headlines);
                }
            }
        }
        i = run_end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_kind() {
        assert!(is_navigation(
            "热点  天津  政情  法治  微视  点播  财经  炫闻  民声"
        ));
        assert!(!is_navigation("天津市·甘肃省东西部协作座谈会"));
        assert!(is_caption(
            "7月8日,座谈会在乌鲁木齐召开。石榴云/新疆日?记者 崔志坚摄"
        ));
        assert!(!is_caption("他说,这是摄"));
        for credit in [
            "本文所有图片均由某某县融媒体中心提供",
            "(图片由某区对口帮扶工作队提供)",
            "(图/某某)",
            "座谈会现场。(图/本报记者 某某)",
            "摄影:某某 编辑:某某",
            "图片来源:某某市人民政府网",
            "某某县委宣传部供图",
        ] {
            assert!(is_credit(credit, credit.chars().count()), "{credit}");
        }
        for body in [
            "图书馆由天津市河北区援建,已提供图书三万册。",
            "两地签署了协议,并提供了图片展。",
            "摄影展在临夏州开幕",
        ] {
            assert!(!is_credit(body, body.chars().count()), "{body}");
        }
        assert!(is_footer("ICP备案/许可证编号:津ICP备B2-20000001", 30));
        assert!(is_footer("(天水在线编辑:康翠霞) |", 14));
        assert!(!is_footer("甘肃省党政代表团来津考察", 12));
    }
}
