//! Inline pinyin glued after characters (`代表團(tuán)`, `日?qǐng)?bào)`):
//! syllables, annotations and where the text goes on after them.

/// Base letter of a (possibly tone-marked) pinyin letter, or None.
pub(super) fn pinyin_base(c: char) -> Option<char> {
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
pub(super) fn is_syllable(s: &str) -> bool {
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

/// Tries to read a pinyin annotation at `s[at..]`: an optional opener,
/// one syllable, and a closing parenthesis. Returns the byte offset after
/// it. At most a few characters are read.
pub(super) fn annotation_at(s: &str, at: usize, opener: Opener) -> Option<usize> {
    let mut it = s.get(at..)?.char_indices().peekable();
    let &(_, first) = it.peek()?;
    match opener {
        Opener::Paren => {
            if first != '(' && first != '（' {
                return None;
            }
            it.next();
        }
        Opener::Missing => {}
        Opener::Question => {
            if first != '?' && first != '？' {
                return None;
            }
            it.next();
        }
    }
    // Base letters, at most 7 (the longest syllable has 6).
    let mut base = [0u8; 8];
    let mut n = 0;
    while let Some(&(_, c)) = it.peek() {
        match pinyin_base(c) {
            Some(b) if n < 7 => {
                base[n] = b as u8;
                n += 1;
                it.next();
            }
            _ => break,
        }
    }
    let (k, close) = it.next()?;
    let base = std::str::from_utf8(&base[..n]).ok()?;
    ((close == ')' || close == '）') && is_syllable(base)).then(|| at + k + close.len_utf8())
}

#[derive(Clone, Copy)]
pub(super) enum Opener {
    Paren,
    Missing,
    Question,
}

/// Skips the annotations glued after a character at `at`: `(tuán)`, and
/// after a question mark also `qǐng)` and `?(bào)` (`日?qǐng)?bào)`).
/// Returns where the text goes on.
pub(super) fn skip_annotations(original: &str, mut at: usize, question: bool) -> usize {
    let mut first = true;
    loop {
        let next = annotation_at(original, at, Opener::Paren)
            .or_else(|| {
                (first && question)
                    .then(|| annotation_at(original, at, Opener::Missing))
                    .flatten()
            })
            .or_else(|| {
                (!first)
                    .then(|| annotation_at(original, at, Opener::Question))
                    .flatten()
            });
        match next {
            Some(j) => {
                at = j;
                first = false;
            }
            None => return at,
        }
    }
}
