//! Helpers shared by the integration tests.
#![allow(dead_code)]

use shanhai_core::gazetteer::{Gazetteer, RegionId};
use shanhai_core::pipeline::{Analysed, analyse_text};

/// The five seed articles, in id order.
pub const SEEDS: [&str; 5] = [
    include_str!("../../../../sample_data/000_6e7d5b141ba7fb0a.txt"),
    include_str!("../../../../sample_data/001_1c8763f15fd8f122.txt"),
    include_str!("../../../../sample_data/002_7a928208ca7d7976.txt"),
    include_str!("../../../../sample_data/003_6e79c3930e3c7d93.txt"),
    include_str!("../../../../sample_data/004_07a4cb1996a617ae.txt"),
];

pub fn gaz() -> &'static Gazetteer {
    match Gazetteer::get() {
        Ok(g) => g,
        Err(e) => panic!("gazetteer: {e}"),
    }
}

pub fn id(code: &str) -> RegionId {
    match gaz().by_code(code) {
        Some(r) => r,
        None => panic!("no region {code}"),
    }
}

pub fn code(r: RegionId) -> &'static str {
    gaz().region(r).code.as_str()
}

pub fn run(text: &str) -> Analysed {
    analyse_text(gaz(), 0, text)
}

/// Resolved region codes mentioned outside boilerplate, in order.
pub fn mentioned(text: &str) -> Vec<&'static str> {
    run(text)
        .mentions
        .iter()
        .filter(|m| !m.boilerplate)
        .filter_map(|m| m.region)
        .map(code)
        .collect()
}

/// The pairings of a text as (helper code, helped code, relation).
pub fn pairs(text: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut v: Vec<_> = run(text)
        .pairings
        .iter()
        .map(|p| (code(p.helper), code(p.helped), p.relation.as_str()))
        .collect();
    v.sort();
    v.dedup();
    v
}
