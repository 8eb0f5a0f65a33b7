//! The side and rank each region stands on in these schemes
//! (`assets/extract/sides.csv`, `sides_within.csv`).

use std::sync::LazyLock;

use crate::gazetteer::{Gazetteer, Level, RegionId};

/// Which side of these schemes a region stands on (for drawing: the
/// middle provinces count as eastern).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The supporting side.
    East,
    /// The western, supported side (the twelve western provincial units
    /// and the Corps).
    West,
}

/// The side of a region, from its province ([`rank`]).
pub fn side(g: &Gazetteer, r: RegionId) -> Side {
    match rank(g, r) {
        Some(Rank::West) => Side::West,
        _ => Side::East,
    }
}

/// The rank of a provincial unit in the schemes (`assets/extract/sides.csv`):
/// of two places of different ranks with no verb or official list to say
/// otherwise, the higher one helps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    /// Helped by both others (the western units and the Corps).
    West,
    /// Helps the west, is helped by the east (河北, 山西, the north-east,
    /// the central provinces, 海南).
    Middle,
    /// The helpers of East–West cooperation.
    East,
}

const SIDES: &str = include_str!("../../../../../assets/extract/sides.csv");

/// `assets/extract/sides.csv`: province code → rank (`#` lines are
/// comments; an empty rank is no rank).
fn parse_sides(text: &str) -> Vec<(&str, Option<Rank>)> {
    code_rows(text)
        .map(|(code, value)| {
            let rank = match value {
                "east" => Some(Rank::East),
                "middle" => Some(Rank::Middle),
                "west" => Some(Rank::West),
                _ => None,
            };
            (code, rank)
        })
        .collect()
}

/// The rows of a `code,name,value` table (after its header; `#` lines are
/// comments): code and value, trimmed.
fn code_rows(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split(',');
            let code = cols.next()?.trim();
            let _name = cols.next()?;
            Some((code, cols.next()?.trim()))
        })
}

/// The rank of a region, from its province (the Corps and its divisions
/// are western), or `None` where no scheme gives one (台湾).
pub fn rank(g: &Gazetteer, r: RegionId) -> Option<Rank> {
    // One look-up per region: the table is built for the gazetteer of the
    // first call (there is one, embedded; another size falls back to the
    // search below).
    static BY_ID: std::sync::OnceLock<Vec<Option<Rank>>> = std::sync::OnceLock::new();
    let table = BY_ID.get_or_init(|| {
        (0..g.regions().len())
            .map(|i| RegionId::try_from(i).map_or(None, |id| rank_of(g, id)))
            .collect()
    });
    if table.len() == g.regions().len()
        && let Some(&v) = table.get(r as usize)
    {
        return v;
    }
    rank_of(g, r)
}

/// [`rank`] without the table.
fn rank_of(g: &Gazetteer, r: RegionId) -> Option<Rank> {
    static RANKS: LazyLock<Vec<(&'static str, Option<Rank>)>> =
        LazyLock::new(|| parse_sides(SIDES));
    let reg = g.region(r);
    if matches!(reg.level, Level::Corps | Level::Division) {
        return Some(Rank::West);
    }
    let code = g.region(reg.province).code.as_str();
    RANKS.iter().find(|(c, _)| *c == code).and_then(|(_, r)| *r)
}

const SIDES_WITHIN: &str = include_str!("../../../../../assets/extract/sides_within.csv");

/// The side of a place in its own province's pairing scheme
/// (`assets/extract/sides_within.csv`: 苏南 help 苏北, the coast of 浙江
/// helps its mountain counties …): `Some(true)` for a helper, `Some(false)`
/// for a helped place, `None` without a side. A county's own line comes
/// before its prefecture's.
pub fn within_side(g: &Gazetteer, r: RegionId) -> Option<bool> {
    static TABLE: LazyLock<Vec<(&'static str, bool)>> = LazyLock::new(|| {
        code_rows(SIDES_WITHIN)
            .filter_map(|(code, value)| match value {
                "helper" => Some((code, true)),
                "helped" => Some((code, false)),
                _ => None,
            })
            .collect()
    });
    std::iter::once(r).chain(g.ancestors(r)).find_map(|x| {
        let code = g.region(x).code.as_str();
        TABLE.iter().find(|(c, _)| *c == code).map(|(_, h)| *h)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_has_a_rank_line() {
        let g = Gazetteer::get().unwrap();
        let sides = parse_sides(SIDES);
        for r in g.regions().iter().filter(|r| r.level == Level::Province) {
            assert!(
                sides.iter().any(|(c, _)| *c == r.code),
                "sides.csv lacks {} {}",
                r.code,
                r.name
            );
        }
        let id = |c: &str| g.by_code(c).unwrap();
        assert_eq!(rank(g, id("120105")), Some(Rank::East)); // 河北区 (天津)
        assert_eq!(rank(g, id("130000")), Some(Rank::Middle)); // 河北省
        assert_eq!(rank(g, id("X6611")), Some(Rank::West));
        assert_eq!(rank(g, id("710000")), None);
        assert_eq!(side(g, id("420000")), Side::East);
        // 嵊州市 (绍兴) helps, 青田县 (丽水) and 淳安县 (杭州) are helped.
        assert_eq!(within_side(g, id("330683")), Some(true));
        assert_eq!(within_side(g, id("331121")), Some(false));
        assert_eq!(within_side(g, id("330127")), Some(false));
        assert_eq!(within_side(g, id("320600")), None); // 南通: 苏中
        for line in SIDES_WITHIN.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let mut cols = line.split(',');
            let (code, name) = (cols.next().unwrap(), cols.next().unwrap());
            assert_eq!(g.region(id(code)).name, name, "sides_within.csv: {line}");
        }
    }
}
