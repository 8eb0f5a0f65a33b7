//! The date of a document: date lines near the title or at the end, the
//! page's metadata, the latest event it reports, the first month and day.

use super::{DateSource, DocDate};

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
