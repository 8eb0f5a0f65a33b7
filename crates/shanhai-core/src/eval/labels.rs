//! Gold labels to regions: a code, an official name, `名称 (上级名称)`, or
//! a name the gazetteer knows for one region only.

use crate::gazetteer::{Gazetteer, RegionId};

/// Resolves a gold label: a code, an official name, `名称 (上级名称)`, or
/// a name the gazetteer knows when it names one region only.
///
/// # Errors
/// [`LabelError::Unknown`], or [`LabelError::Ambiguous`] with the
/// candidates.
pub fn resolve_label(g: &Gazetteer, label: &str) -> Result<RegionId, LabelError> {
    let label = label.trim();
    if let Some(r) = g.by_code(label) {
        return Ok(r);
    }
    let (name, parent) = match label.find(['(', '（']) {
        Some(i) => {
            let inner = label[i..]
                .trim_start_matches(['(', '（'])
                .trim_end_matches([')', '）'])
                .trim();
            (label[..i].trim(), Some(inner))
        }
        None => (label, None),
    };
    let by_name: Vec<RegionId> = (0..g.regions().len())
        .filter_map(|i| RegionId::try_from(i).ok())
        .filter(|&r| g.region(r).name == name)
        .collect();
    let candidates = if by_name.is_empty() {
        g.lookup(name)
    } else {
        by_name
    };
    let chosen: Vec<RegionId> = match parent {
        Some(p) => candidates
            .into_iter()
            .filter(|&r| {
                let reg = g.region(r);
                reg.parent.is_some_and(|q| g.region(q).name == p)
                    || g.region(reg.province).name == p
                    || g.ancestors(r).any(|a| g.lookup(p).contains(&a))
            })
            .collect(),
        None => candidates,
    };
    match chosen.as_slice() {
        [r] => Ok(*r),
        [] => Err(LabelError::Unknown(label.to_string())),
        many => Err(LabelError::Ambiguous {
            label: label.to_string(),
            candidates: many
                .iter()
                .map(|&r| {
                    let reg = g.region(r);
                    let parent = reg.parent.map_or("", |p| g.region(p).name.as_str());
                    format!("{} {} ({parent})", reg.code, reg.name)
                })
                .collect(),
        }),
    }
}

/// A gold label that names no region, or more than one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelError {
    /// No region has this name or code.
    #[error("unknown region {0:?}")]
    Unknown(String),
    /// Several regions have this name.
    #[error("{label:?} names {} regions ({}): write it as 名称 (上级名称)", candidates.len(), candidates.join(", "))]
    Ambiguous {
        /// The label as written.
        label: String,
        /// `code name (parent)` of each region it could be.
        candidates: Vec<String>,
    },
}
