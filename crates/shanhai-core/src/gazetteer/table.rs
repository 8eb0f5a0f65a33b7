//! The region table: loading the embedded CSV asset into [`Region`]s.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Index of a region in the gazetteer's table.
pub type RegionId = u32;

/// Administrative level of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Provincial unit (province, autonomous region, municipality, SAR).
    Province,
    /// The Xinjiang Production and Construction Corps (新疆生产建设兵团).
    Corps,
    /// Prefecture-level unit.
    Prefecture,
    /// A division (师) of the Corps.
    Division,
    /// County-level unit.
    County,
}

impl Level {
    /// Parses the `level` column.
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "province" => Level::Province,
            "prefecture" => Level::Prefecture,
            "county" => Level::County,
            "corps" => Level::Corps,
            "division" => Level::Division,
            _ => return None,
        })
    }

    /// The name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
            Level::Corps => "corps",
            Level::Division => "division",
        }
    }

    /// Depth in the hierarchy: 0 province, 1 prefecture/corps, 2 county/division.
    pub fn depth(self) -> u8 {
        match self {
            Level::Province => 0,
            Level::Prefecture | Level::Corps => 1,
            Level::County | Level::Division => 2,
        }
    }
}

/// One administrative region.
#[derive(Debug, Clone, Serialize)]
pub struct Region {
    /// 6-digit administrative code (or the project's `X…` code for the Corps).
    pub code: String,
    /// Official simplified name.
    pub name: String,
    /// Administrative level.
    pub level: Level,
    /// Parent region, if any.
    pub parent: Option<RegionId>,
    /// The provincial unit the region lies in (itself for provinces).
    pub province: RegionId,
    /// Longitude (GCJ-02, degrees).
    pub lon: f64,
    /// Latitude (GCJ-02, degrees).
    pub lat: f64,
    /// Forms safe to match anywhere.
    pub short_forms: Vec<String>,
    /// Forms that are ordinary words: matched only right after the parent.
    pub guarded_forms: Vec<String>,
    /// Former names (章丘市 for 章丘区).
    pub former_names: Vec<String>,
    /// One-character abbreviations (provinces only): 津, 甘 …
    pub abbr: Vec<char>,
}

/// A row of the CSV asset, as written by `scripts/build_gazetteer.py`.
#[derive(Debug, Deserialize)]
struct Row {
    code: String,
    name: String,
    level: String,
    parent: String,
    province: String,
    lon: String,
    lat: String,
    #[serde(default)]
    short_forms: String,
    #[serde(default)]
    guarded_forms: String,
    #[serde(default)]
    former_names: String,
    #[serde(default)]
    abbr: String,
}

/// Errors in the gazetteer asset.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// The CSV could not be parsed.
    #[error("gazetteer table, line {line}: {message}")]
    Row {
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// Parses the region table.
///
/// # Errors
/// A row with a bad level, coordinate or a parent that does not exist.
pub fn parse(csv_text: &str) -> Result<(Vec<Region>, HashMap<String, RegionId>), TableError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.deserialize::<Row>() {
        let row = rec.map_err(|e| TableError::Row {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        rows.push(row);
    }
    let by_code: HashMap<String, RegionId> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code.clone(), i as RegionId))
        .collect();
    let mut regions = Vec::with_capacity(rows.len());
    for (i, r) in rows.into_iter().enumerate() {
        let line = i as u64 + 2;
        let err = |message: String| TableError::Row { line, message };
        let level = Level::parse(&r.level).ok_or_else(|| err(format!("level {:?}", r.level)))?;
        let parent = if r.parent.is_empty() {
            None
        } else {
            Some(
                *by_code
                    .get(&r.parent)
                    .ok_or_else(|| err(format!("unknown parent {}", r.parent)))?,
            )
        };
        let province = if r.province.is_empty() || r.province == r.code {
            i as RegionId
        } else {
            *by_code
                .get(&r.province)
                .ok_or_else(|| err(format!("unknown province {}", r.province)))?
        };
        let lon: f64 = r.lon.parse().map_err(|_| err(format!("lon {:?}", r.lon)))?;
        let lat: f64 = r.lat.parse().map_err(|_| err(format!("lat {:?}", r.lat)))?;
        regions.push(Region {
            code: r.code,
            name: r.name,
            level,
            parent,
            province,
            lon,
            lat,
            short_forms: split_list(&r.short_forms),
            guarded_forms: split_list(&r.guarded_forms),
            former_names: split_list(&r.former_names),
            abbr: split_list(&r.abbr)
                .iter()
                .filter_map(|s| {
                    let mut cs = s.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => Some(c),
                        _ => None,
                    }
                })
                .collect(),
        });
    }
    Ok((regions, by_code))
}
