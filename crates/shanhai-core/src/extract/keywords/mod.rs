//! The words that put a sentence in a support context, and the side each
//! province stands on in these schemes.
//!
//! The cue lists and the word hits of a sentence are here; `sides.rs` holds
//! the ranks and sides of regions.

mod sides;

use std::sync::LazyLock;

pub use sides::{Rank, Side, rank, side, within_side};

/// The relation a pairing belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "clap", value(rename_all = "snake_case"))]
pub enum Relation {
    /// 东西部协作 (formerly 东西部扶贫协作, 对口帮扶, 结对帮扶, 携手奔小康).
    EastWestCooperation,
    /// 对口支援 (援疆, 援藏, 援青, 对口援建).
    CounterpartSupport,
    /// Another cooperation scheme (对口合作, 革命老区, intra-province pairing).
    Other,
}

impl Relation {
    /// All relations, in display order.
    pub const ALL: [Relation; 3] = [
        Relation::EastWestCooperation,
        Relation::CounterpartSupport,
        Relation::Other,
    ];

    /// The name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::EastWestCooperation => "east_west_cooperation",
            Relation::CounterpartSupport => "counterpart_support",
            Relation::Other => "other",
        }
    }

    /// Parses the JSON name.
    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The word lists, as written in `assets/extract/cues.txt`.
const CUES: &str = include_str!("../../../../../assets/extract/cues.txt");

/// The lists the code reads, each with what it is for (the file says the
/// same with an example per word).
pub const LISTS: &[&str] = &[
    "east_west",
    "counterpart",
    "other_scheme",
    "support",
    "agreement",
    "ties",
    "strong",
    "thanks",
    "thanked_for",
    "not_pairing",
    "verbs",
    "adverbs",
    "pair_connectors",
    "two_sides",
    "visit",
    "attend",
    "agents",
    "posting",
];

/// Parses the cue file: `[name]` starts a list; each other line holds a
/// word, then optionally `#` and a comment; `#` lines are comments.
fn parse_cues(text: &str) -> Vec<(&str, Vec<&str>)> {
    let mut lists: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            lists.push((name.trim(), Vec::new()));
        } else if let Some((_, words)) = lists.last_mut()
            && let Some(word) = line.split_whitespace().next()
        {
            words.push(word);
        }
    }
    lists
}

/// A word list of `assets/extract/cues.txt` by name (empty for a name the
/// file lacks, which a unit test rules out).
pub fn cue(name: &str) -> &'static [&'static str] {
    static PARSED: LazyLock<Vec<(&'static str, Vec<&'static str>)>> =
        LazyLock::new(|| parse_cues(CUES));
    PARSED
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, w)| w.as_slice())
}

/// A cue list sorted longest word first, for prefix and suffix matching
/// (`对口支援` before `对口`).
pub fn cue_longest_first(name: &str) -> Vec<&'static str> {
    let mut v = cue(name).to_vec();
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v
}

/// Bits for the word lists in [`WordHits`].
pub const HIT_SUPPORT: u32 = 1;
/// `east_west`: the sentence names East–West cooperation.
pub const HIT_EAST_WEST: u32 = 1 << 1;
/// `counterpart`: it names counterpart support.
pub const HIT_COUNTERPART: u32 = 1 << 2;
/// `other_scheme`: it names another scheme.
pub const HIT_OTHER: u32 = 1 << 3;
/// `agreement`.
pub const HIT_AGREEMENT: u32 = 1 << 4;
/// `ties`.
pub const HIT_TIES: u32 = 1 << 5;
/// `strong`.
pub const HIT_STRONG: u32 = 1 << 6;
/// `thanks`.
pub const HIT_THANKS: u32 = 1 << 7;
/// `thanked_for`.
pub const HIT_THANKED_FOR: u32 = 1 << 8;
/// `not_pairing`: flights, railways, sports, city clusters, weather.
pub const HIT_NOT_PAIRING: u32 = 1 << 9;
/// `agents`: people or bodies sent to support (援建者, 挂职干部 …).
pub const HIT_AGENT: u32 = 1 << 10;
/// `posting`: a cadre's posting (挂职, 派驻 …).
pub const HIT_POSTING: u32 = 1 << 11;
/// 援疆, 援藏 and 援青, which name the province aided.
pub const AID_WORDS: [(&str, &str, u32); 3] = [
    ("援疆", "650000", 1 << 12),
    ("援藏", "540000", 1 << 13),
    ("援青", "630000", 1 << 14),
];

/// Every list [`WordHits`] looks for, with its bit (the benchmark against
/// other automata searches the same words).
pub fn word_lists() -> Vec<(&'static [&'static str], u32)> {
    let mut lists: Vec<(&'static [&'static str], u32)> = vec![
        (cue("support"), HIT_SUPPORT),
        (cue("east_west"), HIT_EAST_WEST),
        (cue("counterpart"), HIT_COUNTERPART),
        (cue("other_scheme"), HIT_OTHER),
        (cue("agreement"), HIT_AGREEMENT),
        (cue("ties"), HIT_TIES),
        (cue("strong"), HIT_STRONG),
        (cue("thanks"), HIT_THANKS),
        (cue("thanked_for"), HIT_THANKED_FOR),
        (cue("not_pairing"), HIT_NOT_PAIRING),
        (cue("agents"), HIT_AGENT),
        (cue("posting"), HIT_POSTING),
    ];
    for (word, _, bit) in &AID_WORDS {
        lists.push((std::slice::from_ref(word), *bit));
    }
    lists
}

/// Each word of `lists` once, with the bits of every list it is in.
fn unique_words(lists: &[(&'static [&'static str], u32)]) -> Vec<(&'static str, u32)> {
    let mut words: Vec<(&str, u32)> = Vec::new();
    for &(list, bit) in lists {
        for &w in list {
            match words.iter_mut().find(|(x, _)| *x == w) {
                Some((_, b)) => *b |= bit,
                None => words.push((w, bit)),
            }
        }
    }
    words
}

/// Which word lists occur in a document and in each of its sentences,
/// found in one pass of one automaton over the text (instead of one
/// substring search per word per sentence).
#[derive(Debug, Clone, Default)]
pub struct WordHits {
    /// The lists that occur anywhere in the text.
    pub doc: u32,
    /// The lists that occur inside each sentence.
    pub sentences: Vec<u32>,
}

impl WordHits {
    /// Finds the words of all the lists in `text`; `sentences` are the
    /// sentences' byte ranges, in order and not overlapping.
    ///
    /// # Complexity
    /// O(n) in bytes, one table step per character ([`KeywordDfa`]).
    pub fn find(text: &str, sentences: &[std::ops::Range<usize>]) -> WordHits {
        static DFA: LazyLock<KeywordDfa> = LazyLock::new(|| KeywordDfa::new(&word_lists()));
        let mut hits = WordHits {
            doc: 0,
            sentences: vec![0; sentences.len()],
        };
        // Overlapping matches: 对口支援 also counts as 支援 and 对口. Matches
        // come by increasing end, and their starts nearly so: the sentence
        // is found by stepping from the last one (a binary search when a
        // start goes back).
        let mut k = 0usize;
        DFA.matches(text, |start, end, bit| {
            hits.doc |= bit;
            if k >= sentences.len() || sentences[k].start > start {
                k = sentences
                    .partition_point(|r| r.start <= start)
                    .saturating_sub(1);
            }
            while k + 1 < sentences.len() && sentences[k + 1].start <= start {
                k += 1;
            }
            if let Some(r) = sentences.get(k)
                && r.start <= start
                && r.end >= end
            {
                hits.sentences[k] |= bit;
            }
        });
        hits
    }
}

/// An Aho–Corasick automaton over the characters of the word lists, as a
/// full transition table: every word is Chinese (three-byte characters of
/// the BMP), so a character outside the lists' few dozen sends the search
/// back to the root, and each character costs one look-up in a byte table
/// and one in the transitions. The general byte automaton of
/// `aho-corasick` (overlapping search) took some twenty instructions a
/// byte, an eighth of the pipeline.
struct KeywordDfa {
    /// The symbol of each BMP code point (0: in no word).
    symbol: Vec<u8>,
    /// Number of symbols, 0 included.
    symbols: usize,
    /// `next[state * symbols + symbol]`, with [`Self::ENDS`] set when
    /// words end in the next state.
    next: Vec<u16>,
    /// The words that end in each state (also through its suffixes):
    /// (bits, length in bytes).
    out: Vec<Vec<(u32, usize)>>,
}

impl KeywordDfa {
    /// The flag on a transition into a state where words end.
    const ENDS: u16 = 0x8000;

    fn new(lists: &[(&'static [&'static str], u32)]) -> KeywordDfa {
        let words = unique_words(lists);
        let mut symbol = vec![0u8; 0x10000];
        let mut symbols = 1;
        for (w, _) in &words {
            for c in w.chars() {
                // The lists are constants of Chinese characters; a
                // character outside the BMP or past 255 symbols could not
                // be matched (the unit tests check that none is).
                if let Some(s) = symbol.get_mut(c as usize)
                    && *s == 0
                    && symbols < 256
                {
                    *s = symbols as u8;
                    symbols += 1;
                }
            }
        }
        let sym = |c: char| symbol.get(c as usize).copied().unwrap_or(0) as usize;
        // The trie.
        let mut goto: Vec<Vec<u16>> = vec![vec![0; symbols]];
        let mut out: Vec<Vec<(u32, usize)>> = vec![Vec::new()];
        for (w, bits) in &words {
            let mut state = 0usize;
            for c in w.chars() {
                let s = sym(c);
                if goto[state][s] == 0 {
                    goto.push(vec![0; symbols]);
                    out.push(Vec::new());
                    goto[state][s] = (goto.len() - 1) as u16;
                }
                state = goto[state][s] as usize;
            }
            out[state].push((*bits, w.len()));
        }
        // Failure links breadth first, turning the trie into a full table.
        let mut fail = vec![0usize; goto.len()];
        let mut queue = std::collections::VecDeque::new();
        for &t in goto[0].iter().skip(1) {
            if t != 0 {
                queue.push_back(t as usize);
            }
        }
        while let Some(state) = queue.pop_front() {
            let inherited = out[fail[state]].clone();
            out[state].extend(inherited);
            // The failure state is shallower: its row is already complete.
            let from_fail = goto[fail[state]].clone();
            for (s, via_fail) in from_fail.into_iter().enumerate().skip(1) {
                let t = goto[state][s] as usize;
                if t == 0 {
                    goto[state][s] = via_fail;
                } else {
                    fail[t] = via_fail as usize;
                    queue.push_back(t);
                }
            }
        }
        // Transitions into a state where words end carry a flag, so that
        // the search looks at the outputs only there.
        let mut next = goto.concat();
        for t in &mut next {
            if !out[*t as usize].is_empty() {
                *t |= KeywordDfa::ENDS;
            }
        }
        KeywordDfa {
            symbol,
            symbols,
            next,
            out,
        }
    }

    /// Calls `found(start, end, bits)` for every occurrence of every word
    /// in `text` (overlapping ones included), in order of their ends.
    fn matches(&self, text: &str, mut found: impl FnMut(usize, usize, u32)) {
        let b = text.as_bytes();
        let mut state = 0usize;
        let mut i = 0;
        while i < b.len() {
            let Some(cp) = crate::text::three_byte_char_at(b, i) else {
                // Not a three-byte character: in no word. (Continuation
                // bytes of other characters land here too.)
                state = 0;
                i += 1;
                continue;
            };
            let s = self.symbol.get(cp as usize).copied().unwrap_or(0) as usize;
            let t = self
                .next
                .get(state * self.symbols + s)
                .copied()
                .unwrap_or(0);
            state = usize::from(t & !KeywordDfa::ENDS);
            i += 3;
            if t & KeywordDfa::ENDS != 0
                && let Some(words) = self.out.get(state)
            {
                for &(bits, len) in words {
                    found(i - len, i, bits);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// Every occurrence `(start, end, bits)` the way the general
    /// automaton finds them (the reference for the table).
    fn reference(text: &str) -> Vec<(usize, usize, u32)> {
        let words = unique_words(&word_lists());
        let ac = AhoCorasick::new(words.iter().map(|(w, _)| w)).unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end(), words[m.pattern().as_usize()].1))
            .collect();
        v.sort_unstable();
        v
    }

    fn table(dfa: &KeywordDfa, text: &str) -> Vec<(usize, usize, u32)> {
        let mut v = Vec::new();
        dfa.matches(text, |s, e, b| v.push((s, e, b)));
        v.sort_unstable();
        v
    }

    #[test]
    fn the_cue_file_has_the_lists_the_code_reads() {
        let parsed = parse_cues(CUES);
        let names: Vec<&str> = parsed.iter().map(|(n, _)| *n).collect();
        for want in LISTS {
            assert!(names.contains(want), "cues.txt lacks [{want}]");
        }
        for (name, words) in &parsed {
            assert!(
                LISTS.contains(name),
                "cues.txt has [{name}], which no code reads"
            );
            assert!(!words.is_empty(), "[{name}] is empty");
            let mut seen = std::collections::BTreeSet::new();
            for w in words {
                assert!(seen.insert(*w), "[{name}] lists {w} twice");
                let simplified = crate::text::Converter::get().to_simplified(w);
                assert_eq!(
                    &simplified, w,
                    "[{name}]: {w} is not in simplified characters"
                );
            }
        }
        assert_eq!(parsed.iter().filter(|(n, _)| *n == "verbs").count(), 1);
        assert!(cue("verbs").contains(&"对口支援") && cue("adverbs").contains(&"分别"));
        assert_eq!(
            cue_longest_first("verbs")
                .first()
                .map(|w| w.chars().count()),
            Some(4)
        );
    }

    #[test]
    fn every_word_is_in_the_table() {
        let dfa = KeywordDfa::new(&word_lists());
        assert!(dfa.symbols < 256);
        // State numbers must stay below the flag bit of the transitions.
        assert!(dfa.out.len() < usize::from(KeywordDfa::ENDS));
        for (list, _) in word_lists() {
            for w in list {
                for c in w.chars() {
                    assert_eq!(c.len_utf8(), 3, "{w}");
                    assert_ne!(dfa.symbol[c as usize], 0, "{w}");
                }
            }
        }
    }

    #[test]
    fn the_table_finds_what_the_general_automaton_finds() {
        let dfa = KeywordDfa::new(&word_lists());
        let mut texts: Vec<String> = crate::corpus::sample()
            .documents
            .iter()
            .map(|d| crate::text::normalise(&d.text).text)
            .collect();
        texts.push("对口支援援疆,东西部扶贫协作帮扶贫;援兵团a援藏😀援青结对关系".into());
        texts.push("结对帮扶结对帮扶对口援建对口合作革命老区省内协作携手奔小康".into());
        texts.push("援援援疆疆 协协作作 感谢关心支持 山海情 x".into());
        for t in &texts {
            let want = reference(t);
            assert_eq!(table(&dfa, t), want, "{t}");
        }
        // The seeds do mention these words.
        assert!(texts.iter().map(|t| table(&dfa, t).len()).sum::<usize>() > 20);
    }

    #[test]
    fn the_table_agrees_on_random_strings_of_keyword_characters() {
        let dfa = KeywordDfa::new(&word_lists());
        let mut chars: Vec<char> = word_lists()
            .iter()
            .flat_map(|(list, _)| list.iter().flat_map(|w| w.chars()))
            .collect();
        chars.extend(['天', '津', 'a', ',', '。', '\n', 'é', '😀']);
        chars.sort_unstable();
        chars.dedup();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..2_000 {
            let mut t = String::new();
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push(chars[(seed % chars.len() as u64) as usize]);
            }
            assert_eq!(table(&dfa, &t), reference(&t), "{t}");
        }
    }
}
