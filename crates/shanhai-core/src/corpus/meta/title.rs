//! The title of a plain text, and navigation lines that are not one.

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
