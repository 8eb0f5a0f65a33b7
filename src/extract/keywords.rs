//! The words that put a sentence in a support context, and the side each
//! province stands on in these schemes.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

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

/// True when `text` contains any of `words`.
pub fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// Bits for the word lists in [`WordHits`].
pub const HIT_SUPPORT: u8 = 1;
/// [`EAST_WEST`].
pub const HIT_EAST_WEST: u8 = 2;
/// [`COUNTERPART`].
pub const HIT_COUNTERPART: u8 = 4;
/// [`OTHER`].
pub const HIT_OTHER: u8 = 8;

/// Which word lists occur in a document and in each of its sentences,
/// found in one pass of one automaton over the text (instead of one
/// substring search per word per sentence).
#[derive(Debug, Clone, Default)]
pub struct WordHits {
    /// The lists that occur anywhere in the text.
    pub doc: u8,
    /// The lists that occur inside each sentence.
    pub sentences: Vec<u8>,
}

impl WordHits {
    /// Finds the words of all four lists in `text`; `sentences` are the
    /// sentences' byte ranges, in order and not overlapping.
    pub fn find(text: &str, sentences: &[std::ops::Range<usize>]) -> WordHits {
        static AUTOMATON: LazyLock<(AhoCorasick, Vec<u8>)> = LazyLock::new(|| {
            let mut words: Vec<&str> = Vec::new();
            let mut bits: Vec<u8> = Vec::new();
            for (list, bit) in [
                (SUPPORT, HIT_SUPPORT),
                (EAST_WEST, HIT_EAST_WEST),
                (COUNTERPART, HIT_COUNTERPART),
                (OTHER, HIT_OTHER),
            ] {
                for w in list {
                    match words.iter().position(|x| x == w) {
                        Some(k) => bits[k] |= bit,
                        None => {
                            words.push(w);
                            bits.push(bit);
                        }
                    }
                }
            }
            // Constant, non-empty words: building cannot fail.
            let ac = AhoCorasick::new(&words).expect("the keyword automaton builds");
            (ac, bits)
        });
        let (ac, bits) = &*AUTOMATON;
        let mut hits = WordHits {
            doc: 0,
            sentences: vec![0; sentences.len()],
        };
        // Overlapping matches: 对口支援 also counts as 支援 and 对口.
        for m in ac.find_overlapping_iter(text) {
            let bit = bits.get(m.pattern().as_usize()).copied().unwrap_or(0);
            hits.doc |= bit;
            let k = sentences.partition_point(|r| r.start <= m.start());
            if let Some(k) = k.checked_sub(1)
                && sentences[k].end >= m.end()
            {
                hits.sentences[k] |= bit;
            }
        }
        hits
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
