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
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize; // char index
    let mut depth = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i].1;
        if c == '“' || c == '「' {
            let close = if c == '“' { '”' } else { '」' };
            if chars[i + 1..].iter().any(|&(_, d)| d == close) {
                depth += 1;
            }
        } else if (c == '”' || c == '」') && depth > 0 {
            depth -= 1;
        }
        let len = i + 1 - start;
        let cut = (is_terminal(c) && depth == 0)
            || (len >= SOFT_MAX && matches!(c, ',' | '，' | '、' | ' '))
            || len >= 2 * SOFT_MAX;
        if cut {
            let mut end = i + 1;
            while end < chars.len() && (is_closer(chars[end].1) || is_terminal(chars[end].1)) {
                end += 1;
            }
            push(&mut out, para, &chars, start, end);
            start = end;
            depth = 0;
            i = end;
            continue;
        }
        i += 1;
    }
    push(&mut out, para, &chars, start, chars.len());
    out
}

fn push(out: &mut Vec<Range<usize>>, para: &str, chars: &[(usize, char)], a: usize, b: usize) {
    if a >= b {
        return;
    }
    let s = chars[a].0;
    let e = chars.get(b).map_or(para.len(), |&(o, _)| o);
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
