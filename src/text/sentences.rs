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
    // A quote opens only when its closer comes later in the paragraph.
    let last_curly = para.rfind('”');
    let last_corner = para.rfind('」');
    let mut out = Vec::new();
    let mut start = 0usize; // byte offset
    let mut len = 0usize; // characters since `start`
    let mut depth = 0usize;
    let mut it = para.char_indices().peekable();
    while let Some((b, c)) = it.next() {
        len += 1;
        if c == '“' || c == '「' {
            let last = if c == '“' { last_curly } else { last_corner };
            if last.is_some_and(|l| l > b) {
                depth += 1;
            }
        } else if (c == '”' || c == '」') && depth > 0 {
            depth -= 1;
        }
        let cut = (is_terminal(c) && depth == 0)
            || (len >= SOFT_MAX && matches!(c, ',' | '，' | '、' | ' '))
            || len >= 2 * SOFT_MAX;
        if cut {
            let mut end = b + c.len_utf8();
            while let Some(&(o, d)) = it.peek() {
                if !(is_closer(d) || is_terminal(d)) {
                    break;
                }
                end = o + d.len_utf8();
                it.next();
            }
            push(&mut out, para, start, end);
            start = end;
            depth = 0;
            len = 0;
        }
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
    }
}
