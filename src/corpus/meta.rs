//! Document metadata found in the text itself: the date and the title.

use serde::Serialize;

/// A calendar date as stated in a text; the year may be unknown
/// (Chinese news often writes only `9月4日`), the day may be unknown
/// (`2024年3月`). A year is never invented.
///
/// Ordering is field order (year, month, day), with an unknown year or day
/// sorting before any known one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash, Serialize)]
pub struct DocDate {
    /// Year (1949–2100), if stated.
    pub year: Option<u16>,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (validated against the month), if stated.
    pub day: Option<u8>,
}

impl DocDate {
    /// ISO 8601 form: `"2023-04-19"`; `"2023-04"` without a day;
    /// `"--09-04"` (the ISO 8601:2000 form) without a year; `"--09"` with
    /// neither.
    pub fn iso(&self) -> String {
        match (self.year, self.day) {
            (Some(y), Some(d)) => format!("{y:04}-{:02}-{d:02}", self.month),
            (Some(y), None) => format!("{y:04}-{:02}", self.month),
            (None, Some(d)) => format!("--{:02}-{d:02}", self.month),
            (None, None) => format!("--{:02}", self.month),
        }
    }
}

impl std::fmt::Display for DocDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Characters from the start of the text within which a full
/// year-month-day date wins over an earlier month-day (a byline under the
/// title, e.g. `天津日报  2023/04/19`).
const DATE_HEAD_CHARS: usize = 300;

/// Finds the date of a document: the first date the text states, preferring
/// one with a year.
///
/// Recognised forms (ASCII or full-width digits, optional spaces between
/// parts): `2023/04/19`, `2023-04-19`, `2023.04.19`, `2024年3月23日`
/// (also `号`), `2024年3月` (year-month), and month-day `9月4日`,
/// `4月17日至18日`, `4月28日上午`. Numbers are never taken out of longer digit
/// runs (phone numbers, ICP numbers); ranges are validated (year 1949–2100,
/// month 1–12, day within the month). Bare years (`2017年以来`) and bare
/// months (`3月份`) are not dates.
///
/// Choice: a year-month-day date is taken if it occurs before the first
/// month-day or within the first 300 characters; a year-month date if it
/// occurs before the first month-day; otherwise the first month-day
/// (without a year). Returns `None` when the text states no date.
///
/// # Complexity
/// O(n) in the text length, memory O(longest line); stops early once the
/// answer is settled.
pub fn find_date(text: &str) -> Option<DocDate> {
    let mut first_md: Option<DocDate> = None;
    // Dates never span lines: work line by line to bound memory.
    let mut offset = 0usize; // characters before the current line
    let mut chars: Vec<char> = Vec::new();
    for line in text.split('\n') {
        if first_md.is_some() && offset >= DATE_HEAD_CHARS {
            break;
        }
        chars.clear();
        chars.extend(line.chars().map(fold_width));
        let mut i = 0;
        while i < chars.len() {
            if first_md.is_some() && offset + i >= DATE_HEAD_CHARS {
                return first_md;
            }
            if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
                i += 1;
                continue;
            }
            let run = digit_run(&chars, i);
            match parse_at(&chars, i) {
                Some((end, Some(date))) => {
                    match (date.year, date.day, first_md) {
                        // year-month-day: before the first month-day or in the head
                        (Some(_), Some(_), _) => return Some(date),
                        // year-month: only before the first month-day
                        (Some(_), None, None) => return Some(date),
                        (Some(_), None, Some(_)) => {}
                        (None, _, None) => first_md = Some(date),
                        (None, _, Some(_)) => {}
                    }
                    i = end;
                }
                Some((end, None)) => i = end,
                None => i += run,
            }
        }
        offset += chars.len() + 1;
    }
    first_md
}

/// Maps full-width digits and date separators to ASCII.
fn fold_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '／' => '/',
        '－' => '-',
        '．' => '.',
        _ => c,
    }
}

fn digit_run(chars: &[char], at: usize) -> usize {
    chars[at..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Parses a 1–2 digit number at `at` that is a whole digit run.
fn small_number(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let n = chars.get(at..).map_or(0, |s| digit_run(s, 0));
    if n == 0 || n > 2 {
        return None;
    }
    let v = chars[at..at + n]
        .iter()
        .fold(0u32, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0));
    Some((v, at + n))
}

fn skip_spaces(chars: &[char], mut at: usize) -> usize {
    let mut n = 0;
    while n < 2 && matches!(chars.get(at), Some(' ' | '\u{3000}' | '\u{a0}')) {
        at += 1;
        n += 1;
    }
    at
}

fn is_day_mark(c: Option<&char>) -> bool {
    matches!(c, Some('日' | '号' | '號'))
}

/// Tries to parse a date starting at the digit run at `at`. Returns
/// `None` if nothing date-shaped starts here, `Some((end, None))` if
/// something date-shaped but invalid does (so it is skipped as a whole),
/// and `Some((end, Some(date)))` on success.
fn parse_at(chars: &[char], at: usize) -> Option<(usize, Option<DocDate>)> {
    let run = digit_run(chars, at);
    if run == 4 {
        let year = chars[at..at + 4]
            .iter()
            .fold(0u32, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0));
        let j = skip_spaces(chars, at + 4);
        match chars.get(j) {
            Some('年') => {
                let j = skip_spaces(chars, j + 1);
                let (month, j) = small_number(chars, j)?;
                let j = skip_spaces(chars, j);
                if chars.get(j) != Some(&'月') {
                    return None;
                }
                let after_month = j + 1;
                let k = skip_spaces(chars, after_month);
                if let Some((day, k)) = small_number(chars, k) {
                    let k = skip_spaces(chars, k);
                    if is_day_mark(chars.get(k)) {
                        return Some((k + 1, make(Some(year), month, Some(day))));
                    }
                }
                Some((after_month, make(Some(year), month, None)))
            }
            Some(&sep @ ('/' | '-' | '.')) if j == at + 4 => {
                let (month, j) = small_number(chars, j + 1)?;
                if chars.get(j) != Some(&sep) {
                    return None;
                }
                let (day, end) = small_number(chars, j + 1)?;
                // "2023.1.2.3" or "2023-04-19-01" are not dates.
                if chars.get(end) == Some(&sep)
                    && chars.get(end + 1).is_some_and(|c| c.is_ascii_digit())
                {
                    return Some((end, None));
                }
                Some((end, make(Some(year), month, Some(day))))
            }
            _ => None,
        }
    } else if run <= 2 {
        let (month, j) = small_number(chars, at)?;
        let j = skip_spaces(chars, j);
        if chars.get(j) != Some(&'月') {
            return None;
        }
        let j = skip_spaces(chars, j + 1);
        let (day, j) = small_number(chars, j)?;
        let j = skip_spaces(chars, j);
        if !is_day_mark(chars.get(j)) {
            return None;
        }
        Some((j + 1, make(None, month, Some(day))))
    } else {
        None
    }
}

fn make(year: Option<u32>, month: u32, day: Option<u32>) -> Option<DocDate> {
    if let Some(y) = year
        && !(1949..=2100).contains(&y)
    {
        return None;
    }
    if !(1..=12).contains(&month) {
        return None;
    }
    if let Some(d) = day {
        let max = match month {
            2 => match year {
                Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
                _ => 29,
            },
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if d == 0 || d > max {
            return None;
        }
    }
    Some(DocDate {
        year: year.and_then(|y| u16::try_from(y).ok()),
        month: u8::try_from(month).ok()?,
        day: day.and_then(|d| u8::try_from(d).ok()),
    })
}

/// How many leading lines [`find_title`] looks at.
const TITLE_SCAN_LINES: usize = 40;
/// A line longer than this (in chars) is body text, not a title.
const TITLE_MAX_CHARS: usize = 80;
/// Length of a title derived from a body paragraph, before the ellipsis.
const DERIVED_TITLE_CHARS: usize = 40;

/// Finds the title of a plain text: its first line that looks like a title.
///
/// Lines are trimmed of whitespace (including U+3000) and of leading and
/// trailing `|`/`｜` (site markup like `标题 |`). Skipped: lines with fewer
/// than 4 letters (ideographs count as letters; so a bare date or `图片`
/// is skipped) and navigation-like lines — at least 3 tokens separated by
/// runs of 2+ spaces, tabs or `| ｜ > › »`, at least 3/4 of them at most
/// 5 characters long (e.g. `热点  天津  政情  法治 …`).
///
/// The first remaining line is the title, unless it is body text (longer
/// than 80 characters or containing `。`): then the title is derived from
/// that paragraph's first clause (up to the first `，,。；;！!？?`), clipped
/// to 40 characters, with `…` appended to show it is not a real title.
/// Only the first 40 lines are examined; returns `None` if none qualifies.
///
/// # Complexity
/// O(length of the examined lines).
pub fn find_title(text: &str) -> Option<String> {
    for line in text.lines().take(TITLE_SCAN_LINES) {
        let t = clean_title_line(line);
        if letter_count(t) < 4 || is_navigation(t) {
            continue;
        }
        if t.chars().count() > TITLE_MAX_CHARS || t.contains('。') {
            return Some(derived_title(t));
        }
        return Some(t.to_string());
    }
    None
}

fn clean_title_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '\u{feff}'))
}

fn letter_count(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Navigation bars and breadcrumbs: many short tokens between wide gaps or
/// separator characters.
pub(crate) fn is_navigation(line: &str) -> bool {
    let mut tokens: Vec<usize> = Vec::new();
    let mut current = 0usize;
    let mut spaces = 0usize;
    let flush = |current: &mut usize, tokens: &mut Vec<usize>| {
        if *current > 0 {
            tokens.push(*current);
        }
        *current = 0;
    };
    for c in line.chars() {
        if matches!(c, '|' | '｜' | '>' | '›' | '»' | '\t') {
            flush(&mut current, &mut tokens);
            spaces = 0;
        } else if c.is_whitespace() {
            spaces += 1;
            if spaces == 2 {
                flush(&mut current, &mut tokens);
            }
        } else {
            if spaces == 1 && current > 0 {
                current += 1; // a single space stays inside the token
            }
            spaces = 0;
            current += 1;
        }
    }
    flush(&mut current, &mut tokens);
    let short = tokens.iter().filter(|&&n| n <= 5).count();
    tokens.len() >= 3 && short * 4 >= tokens.len() * 3
}

fn derived_title(paragraph: &str) -> String {
    let clause: &str = paragraph
        .split(['，', ',', '。', '；', ';', '！', '!', '？', '?'])
        .map(str::trim)
        .find(|s| letter_count(s) >= 4)
        .unwrap_or(paragraph);
    let mut out: String = clause.chars().take(DERIVED_TITLE_CHARS).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: Option<u16>, m: u8, day: Option<u8>) -> Option<DocDate> {
        Some(DocDate {
            year: y,
            month: m,
            day,
        })
    }

    #[test]
    fn iso_forms() {
        assert_eq!(d(Some(2023), 4, Some(19)).unwrap().iso(), "2023-04-19");
        assert_eq!(d(None, 9, Some(4)).unwrap().iso(), "--09-04");
        assert_eq!(d(Some(2023), 4, None).unwrap().iso(), "2023-04");
        assert_eq!(d(None, 4, None).unwrap().to_string(), "--04");
    }

    #[test]
    fn date_forms() {
        assert_eq!(
            find_date("天津日报  2023/04/19"),
            d(Some(2023), 4, Some(19))
        );
        assert_eq!(
            find_date("发布时间：2023-4-9 10:00"),
            d(Some(2023), 4, Some(9))
        );
        assert_eq!(find_date("2023.04.19"), d(Some(2023), 4, Some(19)));
        assert_eq!(find_date("2024年3月23日至24日"), d(Some(2024), 3, Some(23)));
        assert_eq!(
            find_date("２０２４年３月２３日"),
            d(Some(2024), 3, Some(23))
        );
        assert_eq!(find_date("2024 年 3 月 23 日"), d(Some(2024), 3, Some(23)));
        assert_eq!(find_date("2024年3月,两地"), d(Some(2024), 3, None));
        assert_eq!(find_date("9月4日至5日,区委书记"), d(None, 9, Some(4)));
        assert_eq!(find_date("4月28日上午,清水县"), d(None, 4, Some(28)));
        assert_eq!(find_date("7月8日,天津市"), d(None, 7, Some(8)));
        assert_eq!(find_date("5月1号"), d(None, 5, Some(1)));
    }

    #[test]
    fn date_rejections() {
        assert_eq!(find_date("网站标识码:1201160001"), None);
        assert_eq!(find_date("举报电话:022-23601772"), None);
        assert_eq!(find_date("津ICP备B2-20000001 12010102001050号"), None);
        assert_eq!(find_date("2017年以来,两地"), None);
        assert_eq!(find_date("3月份"), None);
        assert_eq!(find_date("13月5日 2月30日 2023/02/29 1900年1月1日"), None);
        assert_eq!(find_date("2024/02/29"), d(Some(2024), 2, Some(29)));
        assert_eq!(find_date("版本 2023.1.2.3"), None);
        assert_eq!(find_date("6.2级地震"), None);
        assert_eq!(find_date("123月4日"), None);
        // an invalid full date is skipped whole, not re-read as month-day
        assert_eq!(find_date("1900年1月1日"), None);
    }

    #[test]
    fn date_preference() {
        // yeared byline after a month-day within the head wins
        assert_eq!(
            find_date("4月17日,考察。天津日报 2023/04/19"),
            d(Some(2023), 4, Some(19))
        );
        // year-month after the first month-day does not win
        assert_eq!(
            find_date("4月17日,考察。2022年10月以来"),
            d(None, 4, Some(17))
        );
        // a full date far below the first month-day does not win
        let far = format!("4月17日,{}2023年4月19日", "字".repeat(400));
        assert_eq!(find_date(&far), d(None, 4, Some(17)));
        // but with no month-day at all, a far full date is taken
        let far = format!("{}2023年4月19日", "字".repeat(400));
        assert_eq!(find_date(&far), d(Some(2023), 4, Some(19)));
        assert_eq!(find_date("没有日期"), None);
        // dates do not span lines; positions count across lines
        assert_eq!(find_date("2023年\n4月19日"), d(None, 4, Some(19)));
        let lines = format!("4月17日\n{}\n2023年4月19日", "字\n".repeat(400));
        assert_eq!(find_date(&lines), d(None, 4, Some(17)));
        let lines = format!("4月17日\n{}\n2023年4月19日", "字\n".repeat(10));
        assert_eq!(find_date(&lines), d(Some(2023), 4, Some(19)));
    }

    #[test]
    fn navigation_lines() {
        assert!(is_navigation(
            "热点  天津  政情  法治  微视  点播  财经  炫闻  民声  工作室  体育  娱乐  文汇  乐活 +更多"
        ));
        assert!(is_navigation("首页 > 新闻中心 > 正文"));
        assert!(is_navigation("首页 | 要闻 | 政务 | 服务"));
        assert!(!is_navigation("共续津甘山海情  再谱协作新篇章"));
        assert!(!is_navigation(
            "陳敏爾 馬興瑞 艾爾肯·吐尼亞孜 喻云林 祖木熱提·吾布力 何忠友參加活動"
        ));
        assert!(!is_navigation("连茂君率滨海新区代表团 |"));
    }

    #[test]
    fn titles() {
        assert_eq!(
            find_title("  标题在这里 |\n正文"),
            Some("标题在这里".into())
        );
        assert_eq!(
            find_title("热点  天津  政情  法治\n \n\n真正的标题\n"),
            Some("真正的标题".into())
        );
        assert_eq!(
            find_title("图片\n2023/04/19\n真正的标题"),
            Some("真正的标题".into())
        );
        let para = format!("{}，后文。", "很长的一句话".repeat(10));
        let t = find_title(&format!("\n{para}")).unwrap();
        assert_eq!(t.chars().count(), 41);
        assert!(t.ends_with('…'));
        assert_eq!(
            find_title("短句开头的段落，然后很多内容。"),
            Some("短句开头的段落…".into())
        );
        assert_eq!(find_title(""), None);
        assert_eq!(find_title("\n \n|\n"), None);
    }
}
