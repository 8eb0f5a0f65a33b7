//! Tables turned into text: one pair per row (the Table pattern).

use std::ops::Range;

use super::keywords::{HIT_SUPPORT, WordHits};
use super::patterns::{Ctx, Doc, Found, Pattern};
use super::places::{Place, Sources, places};
use crate::text::Boilerplate;

/// Words of a table's heading that name the helpers' column …
const HELPER_HEADS: &[&str] = &["帮扶", "支援", "援助", "援建", "东部", "援派"];
/// … and the helped column.
const HELPED_HEADS: &[&str] = &["受援", "被帮扶", "受支援", "结对县", "西部", "受助"];

/// A table turned into text, one pair per row: two or more consecutive
/// lines, each made of places in two columns and nothing else but
/// separators, numbers and column marks (`1 | 甲区 | 子县`, `子市：甲省、
/// 乙省`, `甲区  子县`). Each row pairs its first column with its second
/// (one with each); the official list or the ranks give the direction,
/// else the heading line's words (`帮扶方 … 受援方`).
pub(super) fn tables(
    doc: &Doc<'_>,
    sources: &Sources<'_>,
    by_sentence: &[Vec<usize>],
    hits: &WordHits,
    out: &mut Vec<Found>,
) {
    let a = sources.a;
    let text = doc.text;
    // Each paragraph's row, if it is one: (first sentence, places, column
    // split index).
    let mut rows: Vec<Option<(usize, Vec<Place>, usize)>> = Vec::with_capacity(a.paragraphs.len());
    // The sentences of each paragraph (they come in paragraph order).
    let mut para_sentences: Vec<Range<usize>> = vec![0..0; a.paragraphs.len()];
    for (si, s) in a.sentences.iter().enumerate() {
        if let Some(r) = para_sentences.get_mut(s.paragraph) {
            if r.start == r.end {
                *r = si..si + 1;
            } else {
                r.end = si + 1;
            }
        }
    }
    for (pi, p) in a.paragraphs.iter().enumerate() {
        let line = &text[p.norm.clone()];
        let usable = matches!(p.boilerplate, None | Some(Boilerplate::Headlines));
        // A row has no clause marks and is short (checked in bytes first).
        if !usable
            || line.len() > 240
            || line.contains(['。', '，', ',', '；'])
            || line.chars().count() > 80
        {
            rows.push(None);
            continue;
        }
        let sentences = para_sentences[pi].clone();
        let si = sentences.start;
        let idx: Vec<usize> = sentences
            .flat_map(|k| by_sentence.get(k).into_iter().flatten().copied())
            .collect();
        if idx.len() < 2 {
            rows.push(None);
            continue;
        }
        let ps = places(sources, &idx, p.norm.clone(), true);
        rows.push(table_row(text, p.norm.clone(), &ps).map(|split| (si, ps, split)));
    }
    let mut i = 0;
    while i < rows.len() {
        if rows[i].is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        // A run of rows, allowing rule lines (`---|---`) and blank lines.
        let mut k = i;
        while k < rows.len() {
            if rows[k].is_some() {
                end = k;
                k += 1;
            } else if k + 1 < rows.len()
                && rows[k + 1].is_some()
                && is_rule_line(&text[a.paragraphs[k].norm.clone()])
            {
                k += 1;
            } else {
                break;
            }
        }
        let count = (start..=end).filter(|&k| rows[k].is_some()).count();
        if count >= 2 {
            // The heading: the nearest non-empty line above the run.
            let heading = (0..start)
                .rev()
                .map(|k| text[a.paragraphs[k].norm.clone()].trim())
                .find(|l| !l.is_empty() && !is_rule_line(l))
                .unwrap_or("");
            let first_helps = heading_direction(heading);
            for row in rows[start..=end].iter().flatten() {
                let (si, ps, split) = row;
                let ctx = Ctx {
                    doc,
                    si: *si,
                    words: hits.sentences.get(*si).copied().unwrap_or(0) | HIT_SUPPORT,
                    range: a.sentences[*si].norm.clone(),
                };
                for l in &ps[..*split] {
                    for r in &ps[*split..] {
                        ctx.emit(l, r, first_helps, Pattern::Table, out);
                    }
                }
            }
        }
        i = end + 1;
    }
}

/// A table's rule line (`---|---|`, `——`, `|:--|`).
fn is_rule_line(l: &str) -> bool {
    let t = l.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '—' | '|' | ':' | ' ' | '=' | '+'))
}

/// The direction a table's heading gives its two columns: `Some(true)`
/// when the helpers' column comes first.
fn heading_direction(heading: &str) -> Option<bool> {
    let first = |words: &[&str]| words.iter().filter_map(|w| heading.find(w)).min();
    match (first(HELPER_HEADS), first(HELPED_HEADS)) {
        (Some(h), Some(d)) => Some(h < d),
        _ => None,
    }
}

/// Is this line a table row of places? Returns the index of the first
/// place of the second column. A row holds places and, between and around
/// them, only column marks (`|`, `:`, a tab, two or more spaces, one space
/// between two places), list marks within a column (`、`, `和`), numbers and
/// bullets; at most two columns hold places.
fn table_row(text: &str, line: Range<usize>, ps: &[Place]) -> Option<usize> {
    if ps.len() < 2 {
        return None;
    }
    let is_filler = |s: &str| {
        s.chars().all(|c| {
            c.is_whitespace()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '|' | '-' | '—' | '·' | '.' | '(' | ')' | '*' | '•' | '●' | '、'
                )
        })
    };
    if !is_filler(text.get(line.start..ps[0].start)?) {
        return None;
    }
    let last = ps.last()?;
    let tail = text.get(last.end..line.end)?;
    if !is_filler(tail.trim_end_matches([':', '：'])) {
        return None;
    }
    let mut split: Option<usize> = None;
    for k in 0..ps.len() - 1 {
        let gap = text.get(ps[k].end..ps[k + 1].start)?;
        let t = gap.trim_matches(' ');
        let column = gap.contains(['|', '\t', ':', '：'])
            || gap.contains("  ")
            || (t.is_empty() && gap.contains(' '));
        let within = matches!(t, "、" | "和" | "及" | ",");
        if column {
            if split.is_some() {
                return None; // a third column of places
            }
            split = Some(k + 1);
        } else if !within {
            return None;
        }
    }
    split
}
