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
/// Where a document's date came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A date line near the title or at the end of the text: a label
    /// (`发布时间：2024-08-27`, `来源：… 2024-08-27`), a date with a time
    /// (`2024年08月27日 10:32`), a byline (`天津日报  2023/04/19`) or a news
    /// agency's dateline (`新华社北京12月7日电`).
    DateLine,
    /// The HTML page's metadata (`article:published_time`, `pubdate`,
    /// `PublishDate` …) or a `<time>` element.
    PageMeta,
    /// The latest past date the text reports (an article is not published
    /// before the latest event it reports; plans such as `到2025年底` are
    /// not events).
    LatestEvent,
    /// The first month and day the text states, the year unknown.
    FirstStated,
}

impl DateSource {
    /// Short English name (as in the JSON output).
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::DateLine => "date_line",
            DateSource::PageMeta => "page_meta",
            DateSource::LatestEvent => "latest_event",
            DateSource::FirstStated => "first_stated",
        }
    }
}

/// A date line is looked for in the lines that start within this many
/// bytes of the text's start (about 800 characters) …
const HEAD_BYTES: usize = 2400;
/// … and at most this many lines (navigation bars come first on saved
/// pages) …
const HEAD_LINES: usize = 25;
/// … and in this many last lines (`（来源：… 2024-08-27）` under the text).
const TAIL_LINES: usize = 8;
/// A line this short holding a full date and no clause punctuation is a
/// byline (`天津日报  2023/04/19`, `2016年12月08日 星期四`).
const BYLINE_CHARS: usize = 60;
/// Labels of a date line (looked for before the date on its line).
const DATE_LABELS: &[&str] = &[
    "发布", "發布", "时间", "時間", "日期", "来源", "來源", "稿源", "作者", "编辑", "編輯", "浏览",
    "瀏覽", "点击", "點擊", "字号", "字號", "更新", "发表", "發表", "录入", "錄入",
];
/// Words right before a date that make it a plan, not an event
/// (`到2025年底`, `力争2025年`, `计划于2025年6月`).
const PLAN_BEFORE: &[&str] = &[
    "到",
    "至",
    "力争",
    "力爭",
    "计划",
    "計劃",
    "预计",
    "預計",
    "将于",
    "將於",
    "将在",
    "將在",
    "争取",
    "爭取",
    "目标",
    "目標",
    "拟于",
    "擬於",
    "计划于",
    "計劃於",
    "预计于",
    "預計於",
    "定于",
    "定於",
];
/// Words right after a year that make it a plan (`2025年前`, `2025年底前`).
const PLAN_AFTER: &[&str] = &["前", "底前", "以前", "之前", "年底前"];

/// One date the text states, with what surrounds it.
struct Stated {
    date: DocDate,
    /// A date line: labelled, with a time, or a byline.
    date_line: bool,
    /// A news agency's dateline (`12月7日电`).
    dateline: bool,
    /// A plan (`到2025年底`).
    plan: bool,
}

/// Could the line hold a date: an ASCII digit, or a full-width one
/// (U+FF10–FF19, `EF BC 90`–`EF BC 99` in UTF-8)?
fn may_hold_date(line: &str) -> bool {
    let b = line.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c.is_ascii_digit()
            || (c == 0xEF
                && b.get(i + 1) == Some(&0xBC)
                && b.get(i + 2).is_some_and(|d| (0x90..=0x99).contains(d)))
    })
}

/// The dates of one line, in order, and the latest bare year it reports
/// (`2023年以来`, not a plan).
fn scan_line(line: &str, chars: &mut Vec<char>, out: &mut Vec<Stated>) -> Option<u16> {
    if !may_hold_date(line) {
        return None;
    }
    let mut latest_bare_year: Option<u16> = None;
    chars.clear();
    chars.extend(line.chars().map(fold_width));
    // Whether the line is a byline (short, no clause marks): asked only of
    // full dates, computed once.
    let mut byline_line: Option<bool> = None;
    let mut is_byline = || {
        *byline_line.get_or_insert_with(|| {
            line.trim().chars().count() <= BYLINE_CHARS
                && !line.contains(['，', '。', ',', '；', ';'])
        })
    };
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = digit_run(chars, i);
        let plan = is_plan(chars, i);
        match parse_at(chars, i) {
            Some((end, Some(date))) => {
                let full = date.year.is_some() && date.day.is_some();
                let labelled = full && {
                    let before: String = chars[..i].iter().collect();
                    DATE_LABELS.iter().any(|w| before.contains(w))
                };
                let timed = full && time_follows(chars, end);
                let byline = full && is_byline();
                let dateline = date.year.is_none()
                    && chars.get(end) == Some(&'电')
                    && chars[..i].iter().rev().take(12).any(|c| is_ideograph(*c));
                out.push(Stated {
                    date,
                    date_line: labelled || timed || byline,
                    dateline,
                    plan: plan || (date.year.is_some() && plan_after(chars, end)),
                });
                i = end;
            }
            Some((end, None)) => i = end,
            None => {
                if run == 4
                    && chars.get(skip_spaces(chars, i + 4)) == Some(&'年')
                    && !plan
                    && !plan_after(chars, skip_spaces(chars, i + 4) + 1)
                {
                    let y = chars[i..i + 4]
                        .iter()
                        .fold(0u32, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0));
                    if let Ok(y) = u16::try_from(y)
                        && (1949..=2100).contains(&y)
                    {
                        latest_bare_year = latest_bare_year.max(Some(y));
                    }
                }
                i += run;
            }
        }
    }
    latest_bare_year
}

/// Finds the date of a document and where it came from.
///
/// In order of preference:
/// 1. a date line near the title (the lines starting in the first 2,400
///    bytes — about 800 characters —, at most 25 lines) or among the last 8 lines: a full date
///    (year, month, day) after a label (`发布时间`, `来源`, `日期` …), or
///    followed by a time of day (`2024年08月27日 10:32`), or on a short
///    line without clause punctuation (a byline: `天津日报  2023/04/19`);
///    in the head, also a news agency's dateline (`新华社北京12月7日电`,
///    month and day only);
/// 2. `page`: a date from the HTML page's metadata, when there is one;
/// 3. when the text states a month and day before any date with a year
///    (`4月17日，…` opening a report), that month and day, the year unknown;
/// 4. otherwise the latest date with a year that is not a plan (`到2025年底`,
///    `力争2025年`, `2025年前`): an article is not published before the
///    latest event it reports. Bare years count as events here too
///    (`2023年以来`): when one is later than that date, the date is not the
///    article's and only a month-day, if any, is given;
/// 5. otherwise the first month-day.
///
/// Recognised forms (ASCII or full-width digits, optional spaces between
/// parts): `2023/04/19`, `2023-04-19`, `2023.04.19`, `2024年3月23日`
/// (also `号`), `2024年3月` (year-month), and month-day `9月4日`,
/// `4月17日至18日`, `4月28日上午`. Numbers are never taken out of longer digit
/// runs (phone numbers, ICP numbers); ranges are validated (year 1949–2100,
/// month 1–12, day within the month). A year is never invented. Returns
/// `None` when the text states no date.
///
/// # Complexity
/// O(n) in the text length, memory O(longest line + dates stated); in
/// practice the head, the tail and the text up to its first date, unless
/// the latest event is needed.
pub fn date_of(text: &str, page: Option<DocDate>) -> Option<(DocDate, DateSource)> {
    let mut chars: Vec<char> = Vec::new();
    let mut stated: Vec<Stated> = Vec::new();
    let mut bare: Option<u16> = None;
    // 1. The head: the lines starting in the first HEAD_BYTES, at most
    // HEAD_LINES of them.
    let mut lines = text.split('\n');
    let mut offset = 0usize;
    let mut head_end = 0usize;
    for (n, line) in lines.by_ref().enumerate() {
        bare = bare.max(scan_line(line, &mut chars, &mut stated));
        offset += line.len() + 1;
        head_end = offset;
        if n + 1 >= HEAD_LINES || offset >= HEAD_BYTES {
            break;
        }
    }
    if let Some(s) = stated.iter().find(|s| s.date_line || s.dateline) {
        return Some((s.date, DateSource::DateLine));
    }
    // … then the last lines (those after the head), latest first.
    let head_end = head_end.min(text.len());
    let tail_start = {
        let bytes = text.as_bytes();
        let mut k = text.len();
        for _ in 0..TAIL_LINES {
            if k <= head_end {
                break;
            }
            // The line break before the line that ends at k - 1 (bytes:
            // `\n` never sits inside a character).
            match bytes[..k - 1].iter().rposition(|&b| b == b'\n') {
                Some(p) => k = p + 1,
                None => {
                    k = 0;
                    break;
                }
            }
        }
        k.max(head_end)
    };
    let mut tail: Vec<Stated> = Vec::new();
    let mut tail_bare: Option<u16> = None;
    for line in text[tail_start..].split('\n') {
        tail_bare = tail_bare.max(scan_line(line, &mut chars, &mut tail));
    }
    if let Some(s) = tail.iter().rev().find(|s| s.date_line) {
        return Some((s.date, DateSource::DateLine));
    }
    // 2. The page's metadata.
    if let Some(d) = page {
        return Some((d, DateSource::PageMeta));
    }
    // 3. A report that opens with its month and day: read on to the first
    // date if the head had none.
    let mut middle = lines;
    let mut pos = head_end;
    while stated.is_empty() && pos < tail_start {
        let Some(line) = middle.next() else { break };
        bare = bare.max(scan_line(line, &mut chars, &mut stated));
        pos += line.len() + 1;
    }
    if let Some(first) = stated.first()
        && first.date.year.is_none()
    {
        return Some((first.date, DateSource::FirstStated));
    }
    // 4. The latest event with a year: the whole text is needed.
    for line in middle {
        if pos >= tail_start {
            break;
        }
        bare = bare.max(scan_line(line, &mut chars, &mut stated));
        pos += line.len() + 1;
    }
    stated.extend(tail);
    // A month and day before any date with a year (only in the tail).
    if let Some(first) = stated.first()
        && first.date.year.is_none()
    {
        return Some((first.date, DateSource::FirstStated));
    }
    let bare = bare.max(tail_bare);
    let latest = stated
        .iter()
        .filter(|s| s.date.year.is_some() && !s.plan)
        .map(|s| s.date)
        .max();
    if let Some(d) = latest
        && bare.is_none_or(|y| d.year.is_some_and(|dy| dy >= y))
    {
        return Some((d, DateSource::LatestEvent));
    }
    // 5. The first month-day.
    stated
        .iter()
        .find(|s| s.date.year.is_none())
        .map(|s| (s.date, DateSource::FirstStated))
}

/// The date of a plain text ([`date_of`] without page metadata).
pub fn find_date(text: &str) -> Option<DocDate> {
    date_of(text, None).map(|(d, _)| d)
}

/// A date in an HTML `<meta content>` or `<time datetime>` value:
/// `2024-08-27T10:32:00+08:00`, `2024-08-27 10:32`, `2024-08-27-10:32:00`,
/// `2024/8/27`, `2024年08月27日`. Only a full date counts.
pub fn parse_page_date(value: &str) -> Option<DocDate> {
    let chars: Vec<char> = value.trim().chars().take(40).map(fold_width).collect();
    let start = chars.iter().position(char::is_ascii_digit)?;
    let date = match parse_at(&chars, start)? {
        (_, Some(d)) => d,
        // `2024-08-27-10:32:00`: the date is the part before the time.
        (end, None) => parse_at(&chars[..end], start)?.1?,
    };
    (date.year.is_some() && date.day.is_some()).then_some(date)
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// A time of day after a date: `2024-08-27 10:32`, `2024年08月27日10:32`.
fn time_follows(chars: &[char], end: usize) -> bool {
    let mut j = end;
    while matches!(chars.get(j), Some(' ' | '\u{3000}' | '\u{a0}')) {
        j += 1;
    }
    let h = chars.get(j..).map_or(0, |s| digit_run(s, 0));
    (1..=2).contains(&h) && matches!(chars.get(j + h), Some(':' | '：'))
}

/// A plan word right before the date starting at `at` (`到2025年底`).
fn is_plan(chars: &[char], at: usize) -> bool {
    let from = at.saturating_sub(4);
    let before: String = chars[from..at]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    // `截至2023年底` (as of) is a report, not a plan.
    !before.ends_with("截至") && PLAN_BEFORE.iter().any(|w| before.ends_with(w))
}

/// A plan word right after a year or date ending at `end` (`2025年前`,
/// `2025年底前`).
fn plan_after(chars: &[char], end: usize) -> bool {
    let after: String = chars.iter().skip(end).take(3).collect();
    PLAN_AFTER.iter().any(|w| after.starts_with(w))
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
        // a byline line after a month-day within the head wins
        assert_eq!(
            find_date("4月17日,考察。\n天津日报 2023/04/19"),
            d(Some(2023), 4, Some(19))
        );
        // a full date inside a sentence is not a byline
        assert_eq!(
            find_date("4月17日,考察。天津日报 2023/04/19"),
            d(None, 4, Some(17))
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
        // a date line among the last lines is a date line too
        let lines = format!("4月17日\n{}\n2023年4月19日", "字\n".repeat(400));
        assert_eq!(find_date(&lines), d(Some(2023), 4, Some(19)));
        // but not a full date inside the last sentence
        let lines = format!("4月17日\n{}\n会议于2023年4月19日召开。", "字\n".repeat(400));
        assert_eq!(find_date(&lines), d(None, 4, Some(17)));
        let lines = format!("4月17日\n{}\n2023年4月19日", "字\n".repeat(10));
        assert_eq!(find_date(&lines), d(Some(2023), 4, Some(19)));
    }

    fn source(text: &str, page: Option<DocDate>) -> Option<(String, DateSource)> {
        date_of(text, page).map(|(d, s)| (d.iso(), s))
    }

    #[test]
    fn date_lines_near_the_title_and_at_the_end() {
        use DateSource::*;
        let retro = "1998年7月，中央在某地召开座谈会，部署两省协作。\n\
                     二十多年来，两地结对帮扶不断深化。2023年4月，两地签署新一轮协议。";
        // With a labelled date line under the title, the line wins over
        // every date in the body.
        let page =
            format!("东西部协作的二十年\n发布时间：2024-08-27 10:32  来源：某某日报\n{retro}");
        assert_eq!(source(&page, None), Some(("2024-08-27".into(), DateLine)));
        // A date with a time of day, alone on its line.
        let page = format!("东西部协作的二十年\n2024年08月27日 10:32\n{retro}");
        assert_eq!(source(&page, None), Some(("2024-08-27".into(), DateLine)));
        // A source line at the end of the text.
        let page = format!("东西部协作的二十年\n{retro}\n（来源：某某日报 2024-08-27）");
        assert_eq!(source(&page, None), Some(("2024-08-27".into(), DateLine)));
        // A news agency's dateline gives the month and day, never a year.
        let page = "两省签署协作协议\n新华社兰州8月27日电 1998年7月，中央召开座谈会。";
        assert_eq!(source(page, None), Some(("--08-27".into(), DateLine)));
        // Without a date line, the page's metadata.
        let meta = parse_page_date("2024-08-27T10:32:00+08:00");
        assert_eq!(
            source(&format!("东西部协作的二十年\n{retro}"), meta),
            Some(("2024-08-27".into(), PageMeta))
        );
        // Without either, the latest event the text reports, not the
        // retrospective's first date.
        assert_eq!(
            source(&format!("东西部协作的二十年\n{retro}"), None),
            Some(("2023-04".into(), LatestEvent))
        );
    }

    #[test]
    fn plans_are_not_events() {
        use DateSource::*;
        let text = "2023年5月，两地召开联席会议，提出到2025年底实现产业园区全覆盖，\
                    力争2026年6月完成搬迁，2027年前建成示范区。";
        assert_eq!(source(text, None), Some(("2023-05".into(), LatestEvent)));
        // `截至` (as of) reports the past.
        let text = "2022年3月，两地签署协议。截至2023年10月，累计投入资金两亿元。";
        assert_eq!(source(text, None), Some(("2023-10".into(), LatestEvent)));
        // A bare year later than every full date shows the dates are not
        // the article's: no date is given rather than a wrong one.
        let text = "1998年7月，中央召开座谈会。2023年以来，两地协作不断深化。";
        assert_eq!(source(text, None), None);
        // … unless a month and day is stated (the year stays unknown).
        let text = "1998年7月，中央召开座谈会。2023年以来协作深化。9月4日，代表团来访。";
        assert_eq!(source(text, None), Some(("--09-04".into(), FirstStated)));
        // A report opening with its month and day keeps it.
        let text = "9月4日，代表团来访，回顾了1998年7月以来的协作。";
        assert_eq!(source(text, None), Some(("--09-04".into(), FirstStated)));
    }

    #[test]
    fn page_dates() {
        assert_eq!(
            parse_page_date("2024-08-27T10:32:00+08:00"),
            d(Some(2024), 8, Some(27))
        );
        assert_eq!(
            parse_page_date(" 2024-08-27 10:32 "),
            d(Some(2024), 8, Some(27))
        );
        assert_eq!(
            parse_page_date("2024-08-27-10:32:00"),
            d(Some(2024), 8, Some(27))
        );
        assert_eq!(parse_page_date("2024/8/27"), d(Some(2024), 8, Some(27)));
        assert_eq!(
            parse_page_date("2024年08月27日"),
            d(Some(2024), 8, Some(27))
        );
        assert_eq!(parse_page_date("2024-08"), None);
        assert_eq!(parse_page_date("yesterday"), None);
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
