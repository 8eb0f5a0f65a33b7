//! The words that put a sentence in a support context, and the side each
//! province stands on in these schemes.

use std::sync::LazyLock;

use crate::gazetteer::{Gazetteer, Level, RegionId};

/// The relation a pairing belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
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

/// Words that name East–West cooperation.
pub const EAST_WEST: &[&str] = &[
    "东西部协作",
    "东西部扶贫协作",
    "扶贫协作",
    "对口帮扶",
    "结对帮扶",
    "携手奔小康",
    "东西协作",
    "山海情",
];

/// Words that name counterpart support.
pub const COUNTERPART: &[&str] = &["对口支援", "援疆", "援藏", "援青", "对口援建", "援兵团"];

/// Words that name another cooperation scheme.
pub const OTHER: &[&str] = &["对口合作", "革命老区", "省内协作", "结对关系"];

/// Words that make a sentence a support context for a pairing pattern.
pub const SUPPORT: &[&str] = &[
    "协作",
    "帮扶",
    "支援",
    "对口",
    "援",
    "结对",
    "扶贫",
    "联席会议",
    "座谈会",
    "交流会",
    "考察对接",
    "对接",
    "友好",
    "携手",
];

/// Words a list of pairs needs before `分别与` pairs them in order
/// (the Respectively pattern).
pub const AGREEMENT: &[&str] = &["结对", "协议", "协作", "帮扶", "对口"];

/// Words that make `X与Y` a tie between two places (the With pattern).
pub const TIES: &[&str] = &["结对", "协作", "帮扶", "对口", "友好", "支援", "关系"];

/// The support verbs that make a sentence naming both sides a pairing
/// statement (the Context pattern).
pub const STRONG: &[&str] = &["帮扶", "支援", "协作", "结对", "对口"];

/// Words of thanks (the Thanks pattern) …
pub const THANKS: &[&str] = &["感谢", "感激", "感恩"];

/// … and what is thanked for.
pub const THANKED_FOR: &[&str] = &["帮扶", "支援", "支持", "帮助", "关心", "援"];

/// 协作 alone: two places on one side are a cooperation only with it.
pub const COOPERATION: &[&str] = &["协作"];

/// Bits for the word lists in [`WordHits`].
pub const HIT_SUPPORT: u16 = 1;
/// [`EAST_WEST`].
pub const HIT_EAST_WEST: u16 = 1 << 1;
/// [`COUNTERPART`].
pub const HIT_COUNTERPART: u16 = 1 << 2;
/// [`OTHER`].
pub const HIT_OTHER: u16 = 1 << 3;
/// [`AGREEMENT`].
pub const HIT_AGREEMENT: u16 = 1 << 4;
/// [`TIES`].
pub const HIT_TIES: u16 = 1 << 5;
/// [`STRONG`].
pub const HIT_STRONG: u16 = 1 << 6;
/// [`THANKS`].
pub const HIT_THANKS: u16 = 1 << 7;
/// [`THANKED_FOR`].
pub const HIT_THANKED_FOR: u16 = 1 << 8;
/// [`COOPERATION`].
pub const HIT_COOPERATION: u16 = 1 << 9;
/// 援疆, 援藏 and 援青, which name the province aided.
pub const AID_WORDS: [(&str, &str, u16); 3] = [
    ("援疆", "650000", 1 << 10),
    ("援藏", "540000", 1 << 11),
    ("援青", "630000", 1 << 12),
];

/// Every list the automaton looks for, with its bit.
fn word_lists() -> Vec<(&'static [&'static str], u16)> {
    let mut lists: Vec<(&'static [&'static str], u16)> = vec![
        (SUPPORT, HIT_SUPPORT),
        (EAST_WEST, HIT_EAST_WEST),
        (COUNTERPART, HIT_COUNTERPART),
        (OTHER, HIT_OTHER),
        (AGREEMENT, HIT_AGREEMENT),
        (TIES, HIT_TIES),
        (STRONG, HIT_STRONG),
        (THANKS, HIT_THANKS),
        (THANKED_FOR, HIT_THANKED_FOR),
        (COOPERATION, HIT_COOPERATION),
    ];
    for (word, _, bit) in &AID_WORDS {
        lists.push((std::slice::from_ref(word), *bit));
    }
    lists
}

/// Each word of `lists` once, with the bits of every list it is in.
fn unique_words(lists: &[(&'static [&'static str], u16)]) -> Vec<(&'static str, u16)> {
    let mut words: Vec<(&str, u16)> = Vec::new();
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
    pub doc: u16,
    /// The lists that occur inside each sentence.
    pub sentences: Vec<u16>,
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
        // Overlapping matches: 对口支援 also counts as 支援 and 对口.
        DFA.matches(text, |start, end, bit| {
            hits.doc |= bit;
            let k = sentences.partition_point(|r| r.start <= start);
            if let Some(k) = k.checked_sub(1)
                && sentences[k].end >= end
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
    out: Vec<Vec<(u16, usize)>>,
}

impl KeywordDfa {
    /// The flag on a transition into a state where words end.
    const ENDS: u16 = 0x8000;

    fn new(lists: &[(&'static [&'static str], u16)]) -> KeywordDfa {
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
        let mut out: Vec<Vec<(u16, usize)>> = vec![Vec::new()];
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
    fn matches(&self, text: &str, mut found: impl FnMut(usize, usize, u16)) {
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

/// Which side of these schemes a region stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The eastern, supporting side.
    East,
    /// The western, supported side (the 12 western provincial units and
    /// the Corps).
    West,
}

/// The twelve western provincial units of the development programmes.
const WEST: &[&str] = &[
    "150000", "450000", "500000", "510000", "520000", "530000", "540000", "610000", "620000",
    "630000", "640000", "650000",
];

/// The side of a region, from its province.
pub fn side(g: &Gazetteer, r: RegionId) -> Side {
    let reg = g.region(r);
    if matches!(reg.level, Level::Corps | Level::Division) {
        return Side::West;
    }
    let prov = g.region(reg.province);
    if WEST.contains(&prov.code.as_str()) {
        Side::West
    } else {
        Side::East
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// Every occurrence `(start, end, bits)` the way the general
    /// automaton finds them (the reference for the table).
    fn reference(text: &str) -> Vec<(usize, usize, u16)> {
        let words = unique_words(&word_lists());
        let ac = AhoCorasick::new(words.iter().map(|(w, _)| w)).unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end(), words[m.pattern().as_usize()].1))
            .collect();
        v.sort_unstable();
        v
    }

    fn table(dfa: &KeywordDfa, text: &str) -> Vec<(usize, usize, u16)> {
        let mut v = Vec::new();
        dfa.matches(text, |s, e, b| v.push((s, e, b)));
        v.sort_unstable();
        v
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
