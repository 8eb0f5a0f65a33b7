//! Normalisation: from an article's original text to the simplified,
//! folded text that the matcher reads, with a map from every normalised
//! character back to a byte range of the original.
//!
//! Steps, in one pass over the original plus a conversion pass over the
//! lines that need it:
//! 1. inline pinyin glued after characters is removed
//!    (`代表團(tuán)` → `代表團`, `日?qǐng)?bào)` → `日?`);
//! 2. full-width ASCII and the ideographic space are folded to ASCII;
//! 3. the dashes written between paired names (— – － ─ ‐ ―, runs of them
//!    and `-` between CJK characters) become one `—`;
//! 4. traditional characters become simplified through OpenCC's character
//!    table (see [`super::opencc`] for why not phrase by phrase).

use std::ops::Range;

use super::opencc::Converter;

/// Normalised text with its map back to the original.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    /// The normalised, simplified text.
    pub text: String,
    /// Byte offset in `text` of each normalised character.
    starts: Vec<u32>,
    /// Byte range in the original of each normalised character.
    orig: Vec<(u32, u32)>,
}

impl NormText {
    /// Number of characters in the normalised text.
    pub fn char_len(&self) -> usize {
        self.starts.len()
    }

    /// Maps a byte range of the normalised text to the byte range of the
    /// original text it came from. Ranges that do not fall on character
    /// boundaries are widened to them; an empty range maps to an empty range
    /// at the corresponding position.
    ///
    /// # Complexity
    /// O(log n) in the number of characters.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        if self.starts.is_empty() {
            return 0..0;
        }
        let first = match self.starts.binary_search(&(range.start as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        if range.end <= range.start {
            let at = self.orig.get(first).map_or(0, |o| o.0 as usize);
            return at..at;
        }
        let last = match self.starts.binary_search(&(range.end as u32)) {
            Ok(i) => i.saturating_sub(1),
            Err(i) => i.saturating_sub(1),
        }
        .max(first);
        let start = self.orig[first].0 as usize;
        let end = self.orig[last.min(self.orig.len() - 1)].1 as usize;
        start..end.max(start)
    }

    /// Iterates over `(normalised byte offset, original byte range)` for
    /// every character, in order.
    pub fn char_map(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        self.starts
            .iter()
            .zip(&self.orig)
            .map(|(&s, &(a, b))| (s as usize, a as usize..b as usize))
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

/// Base letter of a (possibly tone-marked) pinyin letter, or None.
fn pinyin_base(c: char) -> Option<char> {
    Some(match c {
        'a'..='z' => c,
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' | 'ê' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'v',
        'ń' | 'ň' | 'ǹ' => 'n',
        'ḿ' => 'm',
        _ => return None,
    })
}

const INITIALS: [&str; 24] = [
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w", "",
];
const FINALS: [&str; 38] = [
    "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er",
    "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan",
    "un", "uang", "ueng", "ve", "ue", "van", "vn", "ng",
];

/// True when `s` (base letters, lower case) is one pinyin syllable.
fn is_syllable(s: &str) -> bool {
    if s.is_empty() || s.len() > 6 {
        return false;
    }
    if matches!(s, "m" | "n" | "ng" | "hm" | "hng") {
        return true;
    }
    INITIALS.iter().any(|ini| {
        s.strip_prefix(ini)
            .is_some_and(|rest| FINALS.contains(&rest) && !(ini.is_empty() && rest == "v"))
    })
}

/// Tries to read a pinyin annotation at `chars[i..]`: an optional opener,
/// one syllable, and a closing parenthesis. Returns the index after it.
fn annotation_at(chars: &[(usize, char)], i: usize, opener: Opener) -> Option<usize> {
    let mut j = i;
    let first = chars.get(j)?.1;
    match opener {
        Opener::Paren => {
            if first != '(' && first != '（' {
                return None;
            }
            j += 1;
        }
        Opener::Missing => {}
        Opener::Question => {
            if first != '?' && first != '？' {
                return None;
            }
            j += 1;
        }
    }
    let mut base = String::new();
    while let Some(&(_, c)) = chars.get(j) {
        match pinyin_base(c) {
            Some(b) if base.len() < 7 => {
                base.push(b);
                j += 1;
            }
            _ => break,
        }
    }
    let close = chars.get(j)?.1;
    if (close == ')' || close == '）') && is_syllable(&base) {
        Some(j + 1)
    } else {
        None
    }
}

#[derive(Clone, Copy)]
enum Opener {
    Paren,
    Missing,
    Question,
}

/// One character of the folded text with its original byte range.
struct Folded {
    text: String,
    starts: Vec<u32>,
    orig: Vec<(u32, u32)>,
}

impl Folded {
    fn push(&mut self, c: char, range: (usize, usize)) {
        self.starts.push(self.text.len() as u32);
        self.text.push(c);
        self.orig.push((range.0 as u32, range.1 as u32));
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

    /// Removes the last `n` characters.
    fn pop(&mut self, n: usize) {
        let keep = self.starts.len().saturating_sub(n);
        if let Some(&at) = self.starts.get(keep) {
            self.text.truncate(at as usize);
        }
        self.starts.truncate(keep);
        self.orig.truncate(keep);
    }
}

/// Steps 1–3: pinyin removal, width folding, dash unification.
fn fold_text(original: &str, fold_width: bool) -> Folded {
    let chars: Vec<(usize, char)> = original.char_indices().collect();
    let end_of = |k: usize| chars.get(k + 1).map_or(original.len(), |&(b, _)| b);
    let mut out = Folded {
        text: String::with_capacity(original.len()),
        starts: Vec::with_capacity(chars.len()),
        orig: Vec::with_capacity(chars.len()),
    };
    let mut i = 0;
    while i < chars.len() {
        let (b, raw) = chars[i];
        let c = if fold_width { fold(raw) } else { raw };
        // Dashes: a run of dash characters becomes one em dash.
        if fold_width && (is_dash(c) || (c == '-' && between_cjk(&chars, i))) {
            let mut k = i;
            while k + 1 < chars.len() && is_dash(fold(chars[k + 1].1)) {
                k += 1;
            }
            out.push('—', (b, end_of(k)));
            i = k + 1;
            continue;
        }
        // A toned syllable in parentheses is an annotation wherever it
        // stands (also after garbled characters: `實打?qū)崱Ⅻc(diǎn)`).
        if (c == '(' || c == '（')
            && let Some(j) = annotation_at(&chars, i, Opener::Paren)
            && chars[i + 1..j - 1].iter().any(|&(_, x)| !x.is_ascii())
        {
            i = j;
            continue;
        }
        if (c == ')' || c == '）')
            && let Some(n) = out.annotation_tail()
        {
            out.pop(n);
            i += 1;
            continue;
        }
        out.push(c, (b, end_of(i)));
        i += 1;
        let question = c == '?' || c == '？';
        // After a CJK character only a parenthesis can start an annotation
        // (checked here so that most characters skip the loop below).
        if question || (is_cjk(c) && matches!(chars.get(i), Some(&(_, '(' | '（')))) {
            // Remove the annotations glued after this character.
            let mut first = true;
            loop {
                let next = annotation_at(&chars, i, Opener::Paren)
                    .or_else(|| {
                        if first && question {
                            annotation_at(&chars, i, Opener::Missing)
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        if first {
                            None
                        } else {
                            annotation_at(&chars, i, Opener::Question)
                        }
                    });
                match next {
                    Some(j) => {
                        i = j;
                        first = false;
                    }
                    None => break,
                }
            }
        }
    }
    out
}

fn between_cjk(chars: &[(usize, char)], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|k| chars.get(k)).map(|p| p.1);
    let after = chars.get(i + 1).map(|p| p.1);
    before.is_some_and(is_cjk) && after.is_some_and(is_cjk)
}

/// Removes the pinyin annotations glued after characters and changes
/// nothing else: the display form of an original passage
/// (`代表團(tuán)來疆` → `代表團來疆`).
pub fn strip_annotations(original: &str) -> String {
    if !original.contains(['(', '）', ')', '（']) {
        return original.to_string();
    }
    fold_text(original, false).text
}

/// Normalises an article's original text (all four steps).
///
/// # Complexity
/// O(n) in the text length.
pub fn normalise(original: &str) -> NormText {
    let folded = fold_text(original, true);
    let conv = Converter::get();
    if !folded.text.chars().any(|c| conv.is_traditional(c)) {
        return NormText {
            text: folded.text,
            starts: folded.starts,
            orig: folded.orig,
        };
    }
    // One character for one character: the offset map stays aligned.
    let mut text = String::with_capacity(folded.text.len());
    let mut starts = Vec::with_capacity(folded.starts.len());
    for c in folded.text.chars() {
        starts.push(text.len() as u32);
        text.push(conv.simplify_char(c));
    }
    NormText {
        text,
        starts,
        orig: folded.orig,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalise(s).text
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
