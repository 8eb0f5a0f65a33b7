//! Property tests (issue 7): random strings of CJK characters, pinyin with
//! tone marks in parentheses, ASCII, full-width forms, punctuation, dashes
//! and `?` through normalisation, and the whole text → gazetteer → extract
//! chain. Inputs the fuzzers found are kept at the end as regression tests.

use proptest::prelude::*;
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::pipeline::analyse_text;
use shanhai_core::text::{NormText, normalise, strip_annotations};

fn gaz() -> &'static Gazetteer {
    match Gazetteer::get() {
        Ok(g) => g,
        Err(e) => panic!("gazetteer: {e}"),
    }
}

/// Characters that region names, partnership words and seed articles use,
/// simplified and traditional.
const CJK: &str = "天津市甘肃省临夏回族自治州积石山县济南章丘区新疆维吾尔和田地兵团第十一师河北清水滨海新合作甘南州\
                   东西部协作对口支援帮扶援建结对代表团来到赴考察与和分别同两省携手山海情津甘鲁京冀朝阳中\
                   團對區縣黨濟臨積協幫扶來疆維爾聯動攜手會議報實點";
const PINYIN: &[&str] = &[
    "tuán", "duì", "qū", "huì", "bào", "xié", "diǎn", "jiān", "zhǎn", "dòng", "shí", "qǐng", "ǎi",
    "ǒu", "lǜ", "nǚ", "ér", "chuàng", "xiǎng", "yuè", "ń", "ň", "ǹg", "ḿ", "a", "tuan", "Běi",
];
const PUNCT: &str = "。，、；：“”‘’「」《》！？…（）【】·,.;:!?'\"()[]";
const DASHES: &str = "—–─‐‑‒―━－-";

fn pick(s: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<char> = s.chars().collect();
    proptest::sample::select(chars).prop_map(String::from)
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => pick(CJK),
        2 => (0x4E00u32..0x9FFF).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        4 => (
            proptest::sample::select(vec!["(", "（", "?", "？", ""]),
            proptest::sample::select(PINYIN.to_vec()),
            proptest::sample::select(vec![")", "）", ""]),
        )
            .prop_map(|(a, p, b)| format!("{a}{p}{b}")),
        2 => proptest::char::range(' ', '~').prop_map(String::from),
        2 => (0xFF01u32..=0xFF5E)
            .prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        1 => Just("\u{3000}".to_string()),
        3 => pick(PUNCT),
        2 => pick(DASHES),
        1 => Just("?".to_string()),
        1 => proptest::sample::select(vec!["\n", "\r\n", "\r", "  ", "\t"]).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

/// Base letter of a lower-case pinyin letter, and whether it carries a
/// tone mark.
fn pinyin_letter(c: char) -> Option<(char, bool)> {
    Some(match c {
        'a'..='z' => (c, false),
        'ā' | 'á' | 'ǎ' | 'à' => ('a', true),
        'ē' | 'é' | 'ě' | 'è' => ('e', true),
        'ī' | 'í' | 'ǐ' | 'ì' => ('i', true),
        'ō' | 'ó' | 'ǒ' | 'ò' => ('o', true),
        'ū' | 'ú' | 'ǔ' | 'ù' => ('u', true),
        'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => ('v', true),
        'ü' | 'ê' => (if c == 'ü' { 'v' } else { 'e' }, false),
        'ń' | 'ň' | 'ǹ' => ('n', true),
        'ḿ' => ('m', true),
        _ => return None,
    })
}

fn is_syllable(s: &str) -> bool {
    const INITIALS: [&str; 24] = [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w", "",
    ];
    const FINALS: [&str; 38] = [
        "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong",
        "er", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui",
        "uan", "un", "uang", "ueng", "ve", "ue", "van", "vn", "ng",
    ];
    if matches!(s, "m" | "n" | "ng" | "hm" | "hng") {
        return true;
    }
    INITIALS.iter().any(|ini| {
        s.strip_prefix(ini)
            .is_some_and(|rest| FINALS.contains(&rest) && !(ini.is_empty() && rest == "v"))
    })
}

/// The first `(toned syllable)` in a text, if any.
fn toned_annotation(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '(' && c != '（' {
            continue;
        }
        let mut base = String::new();
        let mut toned = false;
        let mut j = i + 1;
        while let Some((b, t)) = chars.get(j).and_then(|&c| pinyin_letter(c)) {
            base.push(b);
            toned |= t;
            j += 1;
        }
        if toned && matches!(chars.get(j), Some(')' | '）')) && is_syllable(&base) {
            return Some(chars[i..=j].iter().collect());
        }
    }
    None
}

/// The offset map's invariants.
fn check_map(original: &str, n: &NormText) -> Result<(), TestCaseError> {
    let mut count = 0;
    let mut prev: Option<usize> = None;
    let mut prev_end = 0;
    for (at, orig) in n.char_map() {
        count += 1;
        prop_assert!(at < n.text.len() && n.text.is_char_boundary(at));
        match prev {
            Some(p) => prop_assert!(at > p, "normalised offsets not increasing"),
            None => prop_assert_eq!(at, 0),
        }
        prev = Some(at);
        prop_assert!(orig.start < orig.end, "empty original range {:?}", orig);
        prop_assert!(orig.end <= original.len(), "{:?} out of bounds", orig);
        prop_assert!(original.is_char_boundary(orig.start) && original.is_char_boundary(orig.end));
        prop_assert!(
            orig.start >= prev_end,
            "original ranges not monotonic: {:?} after {}",
            orig,
            prev_end
        );
        prev_end = orig.end;
    }
    prop_assert_eq!(count, n.text.chars().count());
    prop_assert_eq!(count, n.char_len());
    let whole = n.to_original(0..n.text.len());
    prop_assert!(whole.start <= whole.end && whole.end <= original.len());
    prop_assert!(original.get(whole.clone()).is_some());
    Ok(())
}

fn check_normalise(original: &str) -> Result<(), TestCaseError> {
    let n = normalise(original);
    check_map(original, &n)?;
    prop_assert!(
        toned_annotation(&n.text).is_none(),
        "{:?} survives in {:?} (from {:?})",
        toned_annotation(&n.text),
        n.text,
        original
    );
    let shown = strip_annotations(original);
    prop_assert!(shown.len() <= original.len());
    Ok(())
}

fn check_chain(original: &str) -> Result<(), TestCaseError> {
    let a = analyse_text(gaz(), 3, original);
    let norm = &a.analysis.norm.text;
    for s in &a.analysis.sentences {
        prop_assert!(norm.get(s.norm.clone()).is_some());
        prop_assert!(original.get(s.orig.clone()).is_some());
    }
    for m in &a.mentions {
        prop_assert!(norm.get(m.norm.clone()).is_some());
        prop_assert!(original.get(m.orig.clone()).is_some());
    }
    for p in &a.pairings {
        prop_assert!(p.helper != p.helped);
        for e in &p.evidence {
            prop_assert_eq!(e.doc, 3);
            prop_assert!(original.get(e.start..e.end).is_some());
            for r in &e.names {
                prop_assert!(original.get(r.clone()).is_some());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn normalise_keeps_its_offset_map(s in text()) {
        check_normalise(&s)?;
    }

    #[test]
    fn analyse_match_extract_never_panic(s in text()) {
        check_chain(&s)?;
    }

    #[test]
    fn any_unicode_normalises(s in any::<String>()) {
        check_map(&s, &normalise(&s))?;
        check_chain(&s)?;
    }
}

/// Hand-written inputs around the annotation rules, and what the fuzzers
/// found.
#[test]
fn regressions() {
    let cases = [
        "",
        "(",
        "（",
        "?",
        "代表團(tuán)",
        "代表團(tuán)(tuán)?(tuán)",
        "日?qǐng)?bào)",
        "((tuán)tuán)",
        "（（tuán）tuán）",
        "(tu(tuán)án)",
        "團(tuá(tuán)n)",
        "（ｔｕáｎ）",
        "（ｔｕáｎ)",
        "—(tuán)—",
        "——————",
        "-",
        "甲-",
        "-乙",
        "\u{3000}(ǹg)",
        "\r\n\r",
    ];
    for c in cases {
        check_normalise(c).unwrap_or_else(|e| panic!("{c:?}: {e}"));
        check_chain(c).unwrap_or_else(|e| panic!("{c:?}: {e}"));
    }
}
