//! The cue lists the patterns read, and the readers of the words between
//! two places (adverbs, verbs, clauses, batch numbers, finer places).

use crate::extract::keywords::{cue, cue_longest_first};

/// Coordinators of a list of places (not `与`, which joins two sides).
pub(super) const LIST: &[&str] = &["、", "和", "及", "以及"];
/// Tie words that name a partnership itself (`结对`, `对口合作`), not only a
/// meeting or an agreement.
pub(super) const PAIRING_TIES: &[&str] = &["结对", "对口", "帮扶", "挂钩", "协作", "支援"];

/// Coordinators of a list of helpers before a verb (`甲市联合乙市帮扶…`).
pub(super) const HELPERS: &[&str] = &["、", "和", "及", "以及", "联合", "会同"];
/// Separators between the items of a list of pairs.
pub(super) const ITEM_SEP: &[char] = &['、', '，', ',', '；', ';'];

/// The cue lists, sorted for prefix and suffix matching, built once.
pub(super) struct Words {
    verbs: Vec<&'static str>,
    /// The first characters of the verbs, sorted (a quick test).
    verb_first: Vec<char>,
    /// The last characters of the verbs of two or more characters, sorted.
    verb_last: Vec<char>,
    adverbs: Vec<&'static str>,
    /// The first characters of the adverbs, of years and of 自/从, sorted.
    adverb_first: Vec<char>,
    pub(super) connectors: Vec<&'static str>,
    pub(super) two_sides: Vec<&'static str>,
    pub(super) visit: Vec<&'static str>,
    attend: Vec<&'static str>,
    pub(super) agents: Vec<&'static str>,
    pub(super) posting: Vec<&'static str>,
    pub(super) ties: Vec<&'static str>,
}

pub(super) fn words() -> &'static Words {
    fn chars_of(words: &[&str], pick: impl Fn(&str) -> Option<char>) -> Vec<char> {
        let mut v: Vec<char> = words.iter().filter_map(|w| pick(w)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
    static W: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| Words {
        verbs: cue_longest_first("verbs"),
        verb_first: chars_of(cue("verbs"), |w| w.chars().next()),
        verb_last: chars_of(cue("verbs"), |w| {
            (w.chars().count() >= 2)
                .then(|| w.chars().next_back())
                .flatten()
        }),
        adverbs: cue_longest_first("adverbs"),
        adverb_first: {
            let mut v = chars_of(cue("adverbs"), |w| w.chars().next());
            v.extend("0123456789自从".chars());
            v.sort_unstable();
            v.dedup();
            v
        },
        connectors: cue_longest_first("pair_connectors"),
        two_sides: cue_longest_first("two_sides"),
        visit: cue_longest_first("visit"),
        attend: cue("attend").to_vec(),
        agents: cue_longest_first("agents"),
        posting: cue_longest_first("posting"),
        ties: cue_longest_first("ties"),
    });
    &W
}

pub(super) fn is_attendance(s: &str) -> bool {
    // The last twelve characters (without collecting the sentence).
    let tail = &s[s.char_indices().rev().nth(11).map_or(0, |(i, _)| i)..];
    if !tail.contains(['加', '席', '同']) {
        return false; // none of 参加, 出席, 陪同 (one scan)
    }
    words().attend.iter().any(|w| tail.contains(w)) && (s.contains('、') || s.contains("领导"))
}

/// True when a short text holds `pat` (a plain byte scan: cheaper than
/// `str::contains` on the few bytes between two names).
pub(super) fn holds(s: &str, pat: &str) -> bool {
    find_in(s, pat).is_some()
}

/// The byte offset of `pat` in a short text (see [`holds`]).
pub(super) fn find_in(s: &str, pat: &str) -> Option<usize> {
    let (s, p) = (s.as_bytes(), pat.as_bytes());
    if p.is_empty() || s.len() < p.len() {
        return None;
    }
    s.windows(p.len()).position(|w| w == p)
}

/// Strips leading adverbs (`已正式`, `分别`) and a year (`自2010年起`,
/// `2017年以来`) from a gap.
pub(super) fn strip_adverbs(mut s: &str) -> &str {
    let first = &words().adverb_first;
    loop {
        let t = s.trim_start();
        // Most gaps start with none of these: one look-up, no search.
        if t.chars()
            .next()
            .is_none_or(|c| first.binary_search(&c).is_err())
        {
            return t;
        }
        if let Some(rest) = words().adverbs.iter().find_map(|w| t.strip_prefix(w)) {
            s = rest;
            continue;
        }
        // A year: 自2010年起, 2017年以来, 从2010年开始.
        let y = t.trim_start_matches(['自', '从']);
        let digits = y.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 4
            && let Some(rest) = y[4..].strip_prefix('年')
        {
            s = rest
                .strip_prefix("以来")
                .or_else(|| rest.strip_prefix("开始"))
                .or_else(|| rest.strip_prefix('起'))
                .unwrap_or(rest);
            continue;
        }
        return t;
    }
}

/// The verb of a gap between a helper and the helped: adverbs, a verb
/// of the `[verbs]` list, and at most `了` or `的` after it
/// (`已正式结对`, `对口帮扶`, `援建的`).
pub(super) fn verb_gap(gap: &str) -> Option<&'static str> {
    // Adverbs and a verb: a short gap (checked in bytes, 3 a character).
    if gap.len() > 60 {
        return None;
    }
    let rest = strip_adverbs(gap);
    let w = words();
    let c = rest.chars().next()?;
    if w.verb_first.binary_search(&c).is_err() {
        return None;
    }
    let v = w.verbs.iter().find(|v| rest.starts_with(**v))?;
    let after = rest[v.len()..].trim();
    matches!(after, "" | "了" | "的" | "了的" | "着").then_some(*v)
}

/// A helper and the helped joined by a verb at the end of a short phrase
/// (`按一流标准援建的`, `选派129名干部进驻`): at most twelve characters
/// before a verb of two or more characters, without a clause mark.
pub(super) fn verb_at_end(gap: &str) -> Option<&'static str> {
    if gap.len() > 60 {
        return None;
    }
    let g = gap.trim_end();
    let g = g.strip_suffix('的').unwrap_or(g);
    let last = g.chars().next_back()?;
    if words().verb_last.binary_search(&last).is_err() {
        return None;
    }
    let v = words()
        .verbs
        .iter()
        .filter(|v| v.chars().count() >= 2)
        .find(|v| g.ends_with(**v))?;
    let before = &g[..g.len() - v.len()];
    (before.chars().count() <= 12
        && !before.contains([
            '，', ',', '。', '；', ';', '、', '与', '和', '对', '：', ':',
        ]))
    .then_some(*v)
}

/// Suffixes of places finer than a county, and of zones (`某镇`, `某街道`,
/// `某经济技术开发区`, `西海岸新区`): such a name right after a region
/// stands for that region.
const SUB_PLACES: &[&str] = &[
    "镇",
    "乡",
    "街道",
    "村",
    "社区",
    "开发区",
    "经开区",
    "高新区",
    "园区",
    "新区",
    "保税区",
    "工业园",
    "商会",
    "管委会",
];

/// The gap without a leading name of a place finer than a county
/// (`勒流街道与` → `与`): at most ten characters ending in a [`SUB_PLACES`]
/// suffix, without a clause mark.
pub(super) fn strip_sub_place(gap: &str) -> &str {
    for suffix in SUB_PLACES {
        if let Some(k) = find_in(gap, suffix) {
            let head = &gap[..k];
            if head.chars().count() <= 8
                && !head.contains(['，', ',', '。', '；', ';', '、', '与', '和'])
            {
                return &gap[k + suffix.len()..];
            }
        }
    }
    gap
}

/// Strips a batch number before an agent noun: `第六批援藏干部`,
/// `首批`, `新一批`, `第十一批`.
pub(super) fn strip_batch(s: &str) -> &str {
    for lead in ["首批", "新一批", "新一轮", "本批"] {
        if let Some(rest) = s.strip_prefix(lead) {
            return rest;
        }
    }
    if let Some(rest) = s.strip_prefix('第')
        && let Some(k) = rest.find('批')
        && rest[..k]
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十百".contains(c))
    {
        return &rest[k + '批'.len_utf8()..];
    }
    s
}

/// The text up to the first clause mark (`，` `。` `；` `：`).
pub(super) fn first_clause(s: &str) -> &str {
    s.find(['，', ',', '。', '；', ';', '：', ':'])
        .map_or(s, |i| &s[..i])
}

/// True when `gap` ends with `tail` after a lead of at most 24 characters
/// in one clause (a list of fields with `、` is fine: `在产业、民生等领域给予`).
pub(super) fn long_lead(gap: &str, tail: &str) -> bool {
    gap.strip_suffix(tail).is_some_and(|lead| {
        lead.chars().count() <= 24 && !lead.contains(['，', ',', '。', '；', ';', '：', ':'])
    })
}

/// True when a text starts with a verb, after adverbs (`结对帮扶以来`).
pub(super) fn starts_with_verb(s: &str) -> bool {
    let rest = strip_adverbs(s);
    words().verbs.iter().any(|v| rest.starts_with(v))
}
