//! Sentence splitting inside one paragraph of normalised text.

use std::ops::Range;

/// Sentence-final punctuation (after width folding).
fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '！' | '？' | '；' | '…')
}

/// Closing quotes and brackets that belong to the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | ')' | '）' | '》' | '"' | '\'' | '】'
    )
}

/// The first bytes of every character [`split`] looks at: `!?;,` and space,
/// and E2, E3, EF in UTF-8 (punctuation, quotes, full-width forms).
const MATTERS: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = [b'!', b'?', b';', b',', b' ', 0xE2, 0xE3, 0xEF];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// Sentences longer than this many characters are cut at the next comma,
/// and at twice this length wherever they are, so that no evidence
/// passage is a whole page.
const SOFT_MAX: usize = 400;

/// Splits a paragraph into sentence byte ranges (relative to `para`),
/// trimmed of surrounding white space; empty sentences are dropped.
///
/// Quotes are kept together: a terminator inside “…” does not end the
/// sentence when the quote closes later in the paragraph.
pub fn split(para: &str) -> Vec<Range<usize>> {
    let bytes = para.as_bytes();
    // A quote opens only when its closer comes later in the paragraph
    // (looked up at the first quote: most paragraphs have none).
    let mut last_curly: Option<Option<usize>> = None;
    let mut last_corner: Option<Option<usize>> = None;
    let mut out = Vec::new();
    let mut start = 0usize; // byte offset
    let mut len = 0usize; // characters since `start`
    let mut depth = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        // `i` is always at a character boundary.
        let lead = bytes[i];
        len += 1;
        // Only the characters that start with a [`MATTERS`] byte are looked
        // at; any other (ideographs above all) is stepped over whole.
        if !MATTERS[usize::from(lead)] && len < 2 * SOFT_MAX {
            i += super::utf8_width(lead);
            continue;
        }
        let Some(c) = para[i..].chars().next() else {
            break;
        };
        if c == '“' || c == '「' {
            let last = if c == '“' {
                *last_curly.get_or_insert_with(|| para.rfind('”'))
            } else {
                *last_corner.get_or_insert_with(|| para.rfind('」'))
            };
            if last.is_some_and(|l| l > i) {
                depth += 1;
            }
        } else if (c == '”' || c == '」') && depth > 0 {
            depth -= 1;
        }
        let cut = (is_terminal(c) && depth == 0)
            || (len >= SOFT_MAX && matches!(c, ',' | '，' | '、' | ' '))
            || len >= 2 * SOFT_MAX;
        let mut end = i + c.len_utf8();
        if cut {
            for d in para[end..].chars() {
                if !(is_closer(d) || is_terminal(d)) {
                    break;
                }
                end += d.len_utf8();
            }
            push(&mut out, para, start, end);
            start = end;
            depth = 0;
            len = 0;
        }
        i = end;
    }
    push(&mut out, para, start, para.len());
    out
}

fn push(out: &mut Vec<Range<usize>>, para: &str, s: usize, e: usize) {
    if s >= e {
        return;
    }
    let piece = &para[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(s + lead..s + lead + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &str) -> Vec<&str> {
        split(p).into_iter().map(|r| &p[r]).collect()
    }

    #[test]
    fn splits_on_terminators_and_keeps_quotes() {
        assert_eq!(
            texts("甲说:“要合作。要发展!”乙同意。丙呢?"),
            vec!["甲说:“要合作。要发展!”乙同意。", "丙呢?"]
        );
        assert_eq!(texts("一;二。 三"), vec!["一;", "二。", "三"]);
        // An unclosed quote does not swallow the paragraph.
        assert_eq!(
            texts("甲说:“要合作。乙同意。"),
            vec!["甲说:“要合作。", "乙同意。"]
        );
    }

    #[test]
    fn cuts_very_long_runs() {
        let long = "字".repeat(2000);
        let parts = split(&long);
        assert!(parts.len() >= 2);
        assert!(parts.iter().all(|r| r.len() <= 2 * SOFT_MAX * 3));
        // Cut exactly at 2 × SOFT_MAX characters, whatever the widths.
        assert_eq!(parts[0], 0..2 * SOFT_MAX * 3);
        let mixed = "a字é😀".repeat(500);
        let first = &mixed[split(&mixed)[0].clone()];
        assert_eq!(first.chars().count(), 2 * SOFT_MAX);
    }
}
