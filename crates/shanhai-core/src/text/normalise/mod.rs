//! Normalisation: from an article's original text to the simplified,
//! folded text that the matcher reads, with a map from every normalised
//! character back to a byte range of the original.
//!
//! Steps, all in one pass over the original (ordinary runs are copied in
//! bulk; the offset map is kept as segments, see [`NormText`]):
//! 1. inline pinyin glued after characters is removed
//!    (`代表團(tuán)` → `代表團`, `日?qǐng)?bào)` → `日?`);
//! 2. full-width ASCII and the ideographic space are folded to ASCII;
//! 3. the dashes written between paired names (— – － ─ ‐ ―, runs of them
//!    and `-` between CJK characters) become one `—`;
//! 4. traditional characters become simplified through OpenCC's character
//!    table (see [`super::opencc`] for why not phrase by phrase).
//!
//! Step 1's reading of pinyin syllables is in `pinyin.rs`.

mod pinyin;

use std::ops::Range;

use super::opencc::{CLASS_SIMPLIFIED, CLASS_TRADITIONAL, Converter};
use pinyin::{Opener, annotation_at, is_syllable, pinyin_base, skip_annotations};

/// Normalised text with its map back to the original.
///
/// The map is kept as segments: a run of characters copied (or converted
/// to a character of the same byte length) from consecutive original
/// characters is one segment, and so is each character that came from a
/// span of another length (a folded full-width letter, a run of dashes).
/// Most articles need a handful of segments, not one entry per character.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    /// The normalised, simplified text.
    pub text: String,
    /// The segments, by increasing `norm`.
    segs: Vec<Seg>,
}

/// One segment of the offset map (see [`NormText`]).
#[derive(Debug, Clone, Copy)]
struct Seg {
    /// Byte offset in the normalised text where the segment starts.
    norm: u32,
    /// Byte offset in the original where it starts.
    orig: u32,
    /// 0 for a run (character by character, same byte lengths); otherwise
    /// the segment is one character and this is its original byte length.
    single: u32,
}

impl NormText {
    /// Number of characters in the normalised text. O(n).
    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }

    /// The original byte range of the normalised character starting at
    /// byte `at` (a character boundary inside the text).
    fn char_orig(&self, at: usize) -> (usize, usize) {
        let k = self.segs.partition_point(|s| s.norm as usize <= at);
        let Some(seg) = k.checked_sub(1).and_then(|k| self.segs.get(k)) else {
            return (0, 0);
        };
        let start = seg.orig as usize
            + if seg.single == 0 {
                at - seg.norm as usize
            } else {
                0
            };
        let len = match seg.single {
            0 => self.text[at..].chars().next().map_or(0, char::len_utf8),
            n => n as usize,
        };
        (start, start + len)
    }

    /// The start of the character containing byte `at` (the last
    /// character when `at` is past the end).
    fn char_start(&self, at: usize) -> usize {
        let mut a = at.min(self.text.len().saturating_sub(1));
        while !self.text.is_char_boundary(a) {
            a -= 1;
        }
        a
    }

    /// Maps a byte range of the normalised text to the byte range of the
    /// original text it came from. Ranges that do not fall on character
    /// boundaries are widened to them; an empty range maps to an empty range
    /// at the corresponding position.
    ///
    /// # Complexity
    /// O(log s) in the number of segments.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        if self.text.is_empty() {
            return 0..0;
        }
        let first = self.char_start(range.start);
        if range.end <= range.start {
            let at = self.char_orig(first).0;
            return at..at;
        }
        let last = self.char_start(range.end - 1).max(first);
        let start = self.char_orig(first).0;
        let end = self.char_orig(last).1;
        start..end.max(start)
    }

    /// Iterates over `(normalised byte offset, original byte range)` for
    /// every character, in order. O(n) for the whole walk.
    pub fn char_map(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let mut k = 0;
        self.text.char_indices().map(move |(at, c)| {
            while k + 1 < self.segs.len() && self.segs[k + 1].norm as usize <= at {
                k += 1;
            }
            let range = match self.segs.get(k) {
                Some(seg) if seg.single == 0 => {
                    let start = seg.orig as usize + at - seg.norm as usize;
                    start..start + c.len_utf8()
                }
                Some(seg) => seg.orig as usize..(seg.orig + seg.single) as usize,
                None => 0..0,
            };
            (at, range)
        })
    }
}

/// The length in bytes of the UTF-8 character whose first byte is `lead`
/// (meaningful at a character boundary of valid UTF-8).
#[inline]
pub fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The code point of the three-byte UTF-8 sequence starting at byte `i`
/// of `bytes` (valid UTF-8), or `None` when a byte of another kind starts
/// there. The scanners that only care about Chinese characters of the BMP
/// (all three bytes long) step over everything else a byte at a time and
/// decode just these.
#[inline]
pub fn three_byte_char_at(bytes: &[u8], i: usize) -> Option<u32> {
    match *bytes.get(i..i + 3)? {
        [b0 @ 0xE0..=0xEF, b1, b2] => {
            Some((u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F))
        }
        _ => None,
    }
}

/// True for the characters that are treated as Chinese (CJK ideographs).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '─' | '‐' | '‑' | '‒' | '―' | '━')
}

/// Folds full-width ASCII and the ideographic space.
fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// The folded text being built, with its segments (see [`NormText`]).
struct Folded {
    /// Characters that simplification changed (when simplifying).
    traditional: usize,
    /// Characters only simplified text uses (when simplifying).
    simplified: usize,
    text: String,
    segs: Vec<Seg>,
    /// Where the last run segment would continue in the original, if the
    /// last segment is a run.
    run_next: Option<usize>,
}

impl Folded {
    #[inline]
    fn push(&mut self, c: char, range: (usize, usize)) {
        let same = c.len_utf8() == range.1 - range.0;
        if !(same && self.run_next == Some(range.0)) {
            self.segs.push(Seg {
                norm: self.text.len() as u32,
                orig: range.0 as u32,
                single: if same { 0 } else { (range.1 - range.0) as u32 },
            });
        }
        self.run_next = same.then_some(range.1);
        self.text.push(c);
    }

    /// When the output ends in an opening parenthesis and one syllable
    /// with a non-ASCII letter, the number of those characters: an
    /// annotation that only appears once another one inside it is removed
    /// (`((tuán)tuán)`), or whose letters were full-width (`（ｔｕáｎ）`).
    fn annotation_tail(&self) -> Option<usize> {
        let mut base = String::new();
        let mut non_ascii = false;
        for (k, c) in self.text.chars().rev().enumerate().take(8) {
            if c == '(' || c == '（' {
                let base: String = base.chars().rev().collect();
                return (non_ascii && is_syllable(&base)).then_some(k + 1);
            }
            base.push(pinyin_base(c)?);
            non_ascii |= !c.is_ascii();
        }
        None
    }

    /// Appends `original[from..to]` as it stands.
    #[inline]
    fn push_original(&mut self, original: &str, from: usize, to: usize) {
        if from >= to {
            return;
        }
        if self.run_next != Some(from) {
            self.segs.push(Seg {
                norm: self.text.len() as u32,
                orig: from as u32,
                single: 0,
            });
        }
        self.run_next = Some(to);
        self.text.push_str(&original[from..to]);
    }

    /// Removes the last `n` characters.
    fn pop(&mut self, n: usize) {
        let at = self
            .text
            .char_indices()
            .rev()
            .take(n)
            .last()
            .map_or(self.text.len(), |(at, _)| at);
        self.text.truncate(at);
        while self.segs.last().is_some_and(|s| s.norm as usize >= at) {
            self.segs.pop();
        }
        // The text goes on after removed characters: a new segment.
        self.run_next = None;
    }
}

/// The characters that need more than a copy in [`fold_text`]: openers and
/// closers of annotations, question marks, dashes, full-width forms.
fn is_special(c: char) -> bool {
    matches!(c, '(' | ')' | '?' | '-' | '\u{2010}'..='\u{2015}' | '─' | '━' | '\u{3000}' | '\u{FF01}'..='\u{FF5E}')
}

/// Steps 1–3 (pinyin removal, width folding, dash unification), and step 4
/// when `simplify` is given, in one pass over the original.
fn fold_text(original: &str, fold_width: bool, simplify: Option<&Converter>) -> Folded {
    let n = original.len();
    let bytes = original.as_bytes();
    let mut out = Folded {
        traditional: 0,
        simplified: 0,
        text: String::with_capacity(n),
        segs: Vec::new(),
        run_next: None,
    };
    let next_char = |at: usize| original.get(at..).and_then(|r| r.chars().next());
    // The fast path copies ordinary characters in bulk: `copied..i` is
    // original text still to be appended as it stands.
    let mut copied = 0;
    // The byte offset right after the last CJK character.
    let mut cjk_end = usize::MAX;
    let mut i = 0;
    while i < n {
        let b0 = bytes[i];
        let w = utf8_width(b0);
        let raw = if w == 1 {
            if !matches!(b0, b'(' | b')' | b'?' | b'-') {
                i += 1;
                continue;
            }
            b0 as char
        } else if let Some(cp) = three_byte_char_at(bytes, i)
            && matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
        {
            // The common case, a BMP ideograph (never special): decoded
            // here, classified with one byte of the converter's table.
            if let Some(cv) = simplify {
                match cv.class_of(cp) {
                    CLASS_TRADITIONAL => {
                        out.traditional += 1;
                        let c = char::from_u32(cp).map_or(' ', |c| cv.simplify_char(c));
                        out.push_original(original, copied, i);
                        out.push(c, (i, i + 3));
                        copied = i + 3;
                    }
                    CLASS_SIMPLIFIED => out.simplified += 1,
                    _ => {}
                }
            }
            cjk_end = i + 3;
            i += 3;
            continue;
        } else {
            let Some(raw) = next_char(i) else {
                break;
            };
            if !is_special(raw) {
                if is_cjk(raw) {
                    if let Some(cv) = simplify {
                        let c = cv.simplify_char(raw);
                        if c != raw {
                            out.traditional += 1;
                            out.push_original(original, copied, i);
                            out.push(c, (i, i + w));
                            copied = i + w;
                        } else if cv.is_simplified(raw) {
                            out.simplified += 1;
                        }
                    }
                    cjk_end = i + w;
                }
                i += w;
                continue;
            }
            raw
        };
        // The slow path: a character that may change the text's length.
        out.push_original(original, copied, i);
        let b = i;
        let end = b + raw.len_utf8();
        // Annotations glued after a CJK character.
        if (raw == '(' || raw == '（') && cjk_end == b {
            let j = skip_annotations(original, b, false);
            if j > b {
                i = j;
                copied = j;
                continue;
            }
        }
        let c = if fold_width { fold(raw) } else { raw };
        if fold_width
            && (is_dash(c)
                || (c == '-'
                    && original[..b].chars().next_back().is_some_and(is_cjk)
                    && next_char(end).is_some_and(is_cjk)))
        {
            // Dashes: a run of dash characters becomes one em dash.
            let mut k = end;
            while let Some(d) = next_char(k).filter(|&d| is_dash(fold(d))) {
                k += d.len_utf8();
            }
            out.push('—', (b, k));
            i = k;
        } else if (c == '(' || c == '（')
            && let Some(j) = annotation_at(original, b, Opener::Paren)
            && original[end..j]
                .chars()
                .rev()
                .skip(1)
                .any(|x| !x.is_ascii())
        {
            // A toned syllable in parentheses is an annotation wherever it
            // stands (also after garbled characters: `實打?qū)崱Ⅻc(diǎn)`).
            i = j;
        } else if (c == ')' || c == '）')
            && let Some(k) = out.annotation_tail()
        {
            out.pop(k);
            i = end;
        } else {
            out.push(c, (b, end));
            i = end;
            if c == '?' || c == '？' {
                i = skip_annotations(original, i, true);
            }
        }
        copied = i;
    }
    out.push_original(original, copied, n);
    out
}

/// Removes the pinyin annotations glued after characters and changes
/// nothing else: the display form of an original passage
/// (`代表團(tuán)來疆` → `代表團來疆`).
pub fn strip_annotations(original: &str) -> String {
    if !original.contains(['(', '）', ')', '（']) {
        return original.to_string();
    }
    fold_text(original, false, None).text
}

/// Normalises an article's original text (all four steps).
///
/// # Complexity
/// O(n) in the text length.
pub fn normalise(original: &str) -> NormText {
    normalise_counting(original).0
}

/// [`normalise`], also counting the characters that only traditional and
/// only simplified text use: `(traditional, simplified)`.
pub(crate) fn normalise_counting(original: &str) -> (NormText, (usize, usize)) {
    let folded = fold_text(original, true, Some(Converter::get()));
    let counts = (folded.traditional, folded.simplified);
    let norm = NormText {
        text: folded.text,
        segs: folded.segs,
    };
    (norm, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalise(s).text
    }

    #[test]
    fn decodes_three_byte_characters_only() {
        let b = "a县é😀".as_bytes();
        assert_eq!(three_byte_char_at(b, 0), None); // ASCII
        assert_eq!(three_byte_char_at(b, 1), Some('县' as u32));
        assert_eq!(three_byte_char_at(b, 2), None); // continuation byte
        assert_eq!(three_byte_char_at(b, 4), None); // two-byte é
        assert_eq!(three_byte_char_at(b, 6), None); // four-byte emoji
        assert_eq!(three_byte_char_at("县".as_bytes(), 1), None); // runs off the end
        assert_eq!(three_byte_char_at(&"县".as_bytes()[..2], 0), None);
    }

    #[test]
    fn removes_glued_pinyin() {
        assert_eq!(norm("代表團(tuán)來疆考察對(duì)接"), "代表团来疆考察对接");
        assert_eq!(norm("新疆日?qǐng)?bào)記者"), "新疆日?记者");
        assert_eq!(norm("自治區(qū)黨委"), "自治区党委");
        assert_eq!(norm("實打?qū)崱Ⅻc(diǎn)對點"), "实打?崱Ⅻc对点");
        assert_eq!(norm("北京(Běijīng)"), "北京(Běijīng)");
    }

    #[test]
    fn strips_annotations_for_display() {
        assert_eq!(
            strip_annotations("清水縣—河北區(qū)召開：會(huì)議"),
            "清水縣—河北區召開：會議"
        );
        assert_eq!(strip_annotations("(记者 王兴瑞报道)"), "(记者 王兴瑞报道)");
    }

    #[test]
    fn keeps_ordinary_parentheses() {
        for s in [
            "(记者 王兴瑞报道)",
            "(天水在线编辑:康翠霞)",
            "(1.云南大学…)",
            "新华社(Xinhua)电",
            "惠发(临夏州)食品",
            "中国(APP)",
        ] {
            assert_eq!(norm(s), s, "{s}");
        }
    }

    #[test]
    fn folds_width_and_dashes() {
        assert_eq!(norm("济南——临夏"), "济南—临夏");
        assert_eq!(norm("济南–临夏"), "济南—临夏");
        assert_eq!(norm("济南－临夏"), "济南—临夏");
        assert_eq!(norm("济南─临夏"), "济南—临夏");
        assert_eq!(norm("济南-临夏"), "济南—临夏");
        assert_eq!(norm("ＡＢＣ１２３　（记者）"), "ABC123 (记者)");
        assert_eq!(norm("2023-04-19"), "2023-04-19");
    }

    #[test]
    fn maps_back_to_original() {
        let orig = "章丘區—積石山縣協作(xié)工作";
        let n = normalise(orig);
        let pos = n.text.find("积石山县").unwrap_or(usize::MAX);
        let r = n.to_original(pos..pos + "积石山县".len());
        assert_eq!(&orig[r], "積石山縣");
        let pos = n.text.find("协作").unwrap_or(usize::MAX);
        let r = n.to_original(pos..pos + "协作".len());
        assert_eq!(&orig[r], "協作");
        assert_eq!(n.char_len(), n.text.chars().count());
    }
}
