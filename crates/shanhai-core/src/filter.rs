//! What part of the network is shown: the filters (level, relations,
//! minimum articles, a month range, isolated regions), the articles per
//! month they are chosen from, and the filtered network with the official
//! overlay. The app's view, its exports and `shanhai render|export` all go
//! through [`show`], so a figure made from the command line is the one the
//! app showed; [`ViewSpec::to_args`] writes the command line for a view.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::corpus::DocDate;
use crate::extract::{Pairing, Relation};
use crate::gazetteer::{Gazetteer, RegionId};
use crate::i18n::Lang;
use crate::layout::Layout;
use crate::network::{Network, ViewLevel};
use crate::pipeline::{DocInfo, Extraction};
use crate::reference::{self, OfficialEdge, OfficialFilter, Reference};
use crate::scene::ColourBy;

/// A month as `year × 12 + (month − 1)`.
pub type Month = i32;

/// A month that is not `YYYY-MM` with a month from 1 to 12.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a month: write YYYY-MM, e.g. 2021-03")]
pub struct BadMonth(pub String);

/// The month of a date with a year.
pub fn month_of(d: &DocDate) -> Option<Month> {
    d.year.map(|y| i32::from(y) * 12 + i32::from(d.month) - 1)
}

/// `2023-04` for a [`Month`].
pub fn month_label(m: Month) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

/// Parses [`month_label`]'s form, `YYYY-MM` (years 1000 to 9999).
///
/// # Errors
/// Anything else, or a month outside 1–12.
pub fn parse_month(s: &str) -> Result<Month, BadMonth> {
    let bad = || BadMonth(s.to_string());
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return Err(bad());
    }
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: i32 = m.parse().map_err(|_| bad())?;
    if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok(year * 12 + month - 1)
}

/// Documents per month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// Articles per month (only months with articles).
    pub months: BTreeMap<Month, usize>,
    /// Articles without a year.
    pub undated: usize,
}

impl Timeline {
    /// Counts the documents by month.
    pub fn of(docs: &[DocInfo]) -> Timeline {
        let mut t = Timeline::default();
        for d in docs {
            match d.date.as_ref().and_then(month_of) {
                Some(m) => *t.months.entry(m).or_default() += 1,
                None => t.undated += 1,
            }
        }
        t
    }

    /// First and last month with articles.
    pub fn span(&self) -> Option<(Month, Month)> {
        Some((
            *self.months.keys().next()?,
            *self.months.keys().next_back()?,
        ))
    }
}

/// What part of the network is shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Province, prefecture or as stated (county).
    pub level: ViewLevel,
    /// Relations whose links are hidden.
    pub hidden_relations: BTreeSet<Relation>,
    /// Links stated by fewer documents are hidden.
    pub min_documents: usize,
    /// Hide regions without a visible link.
    pub hide_isolated: bool,
    /// Only articles dated in this month range (inclusive).
    pub months: Option<(Month, Month)>,
    /// With a month range: keep the articles without a year too.
    pub include_undated: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            level: ViewLevel::Stated,
            hidden_relations: BTreeSet::new(),
            min_documents: 1,
            hide_isolated: true,
            months: None,
            include_undated: false,
        }
    }
}

impl Filters {
    /// Which documents the filters let through (`None`: all).
    pub fn allowed_docs(&self, ex: &Extraction) -> Option<Vec<bool>> {
        let (lo, hi) = self.months?;
        Some(
            ex.documents
                .iter()
                .map(|d| match d.date.as_ref().and_then(month_of) {
                    Some(m) => (lo..=hi).contains(&m),
                    None => self.include_undated,
                })
                .collect(),
        )
    }

    /// The official pairs shown with these filters: the schemes not
    /// hidden, in force in the years of the month range (all years
    /// without one).
    pub fn official_filter(&self, hidden_schemes: &BTreeSet<String>) -> OfficialFilter {
        let year = |m: Month| u16::try_from(m.div_euclid(12)).unwrap_or(0);
        OfficialFilter {
            hidden_schemes: hidden_schemes.clone(),
            years: self.months.map(|(a, b)| (year(a), year(b))),
        }
    }
}

/// The network as shown, with the official pairs drawn over it.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The filtered, rolled-up network (with the far ends of the official
    /// pairs that touch it when the overlay is on).
    pub net: Network,
    /// The official pairs of the overlay with both ends in `net` (empty
    /// without the overlay).
    pub official: Vec<OfficialEdge>,
}

/// The network the filters describe, at their level, plus (with the
/// overlay: the reference and the schemes hidden from it) the official
/// pairs that touch it and their far ends.
///
/// # Complexity
/// O(pairings + evidence + official rows · log rows) (two builds and a
/// roll-up).
pub fn show(
    g: &Gazetteer,
    ex: &Extraction,
    f: &Filters,
    official: Option<(&Reference, &BTreeSet<String>)>,
) -> Shown {
    let allowed = f.allowed_docs(ex);
    let ok = |doc: u32| {
        allowed
            .as_ref()
            .is_none_or(|a| a.get(doc as usize).copied().unwrap_or(false))
    };
    let date_of = |doc: u32| ex.date_of(doc);
    let base = Network::build(
        ex.pairings
            .iter()
            .filter(|p| p.evidence.iter().all(|e| ok(e.doc))),
        &date_of,
    );
    let rolled = base.roll_up(g, f.level);
    // Rebuild from the links that pass, so the network's indices stay
    // consistent (no removal from the graph).
    let kept: Vec<Pairing> = rolled
        .sorted_links()
        .into_iter()
        .filter(|(_, _, l)| {
            !f.hidden_relations.contains(&l.relation) && l.weight() >= f.min_documents.max(1)
        })
        .map(|(a, b, l)| Pairing {
            helper: a,
            helped: b,
            relation: l.relation,
            confidence: l.confidence,
            evidence: l.evidence.clone(),
        })
        .collect();
    let mut net = Network::build(&kept, &date_of);
    if !f.hide_isolated {
        let mut all: Vec<RegionId> = rolled.graph.node_weights().copied().collect();
        all.sort_unstable();
        for r in all {
            net.node(r);
        }
    }
    let official = match official {
        Some((reference, hidden_schemes)) => reference::overlay_for(
            g,
            reference,
            &mut net,
            f.level,
            &f.official_filter(hidden_schemes),
            &f.hidden_relations,
        ),
        None => Vec::new(),
    };
    Shown { net, official }
}

/// Everything that decides a picture besides the articles: the filters,
/// the layout, the colours and the overlay. The app's "Copy as command"
/// writes it as a `shanhai render` line; the command line reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSpec {
    /// The filters.
    pub filters: Filters,
    /// The layout.
    pub layout: Layout,
    /// Node colours.
    pub colour_by: ColourBy,
    /// With the official overlay: the schemes hidden from it.
    pub official: Option<BTreeSet<String>>,
    /// The language of the legend.
    pub lang: Lang,
    /// The province map under the geographic layout.
    pub map: bool,
}

impl Default for ViewSpec {
    fn default() -> Self {
        ViewSpec {
            filters: Filters::default(),
            layout: Layout::default(),
            colour_by: ColourBy::default(),
            official: None,
            lang: Lang::Zh,
            map: true,
        }
    }
}

impl ViewSpec {
    /// The `shanhai render` arguments after the subcommand that make this
    /// picture of `folder` into `output` (only what differs from the
    /// defaults).
    pub fn to_args(&self, folder: &str, output: &str) -> Vec<String> {
        let mut v: Vec<String> = vec![folder.into(), "-o".into(), output.into()];
        let f = &self.filters;
        let mut flag = |name: &str, value: Option<String>| {
            v.push(format!("--{name}"));
            v.extend(value);
        };
        flag("layout", Some(self.layout.as_str().into()));
        if f.level != ViewLevel::Stated {
            flag("level", Some(level_name(f.level).into()));
        }
        for r in &f.hidden_relations {
            flag("hide-relation", Some(r.as_str().into()));
        }
        if f.min_documents > 1 {
            flag("min-articles", Some(f.min_documents.to_string()));
        }
        if !f.hide_isolated {
            flag("keep-isolated", None);
        }
        if let Some((a, b)) = f.months {
            flag("from", Some(month_label(a)));
            flag("to", Some(month_label(b)));
            if f.include_undated {
                flag("include-undated", None);
            }
        }
        if self.colour_by == ColourBy::Side {
            flag("by-side", None);
        }
        if self.lang == Lang::En {
            flag("lang", Some("en".into()));
        }
        if !self.map && self.layout == Layout::Geographic {
            flag("no-map", None);
        }
        if let Some(hidden) = &self.official {
            flag("official", None);
            for s in hidden {
                flag("hide-scheme", Some(s.clone()));
            }
        }
        v
    }

    /// [`ViewSpec::to_args`] as one line for a POSIX shell, starting with
    /// `shanhai render`.
    pub fn to_command_line(&self, folder: &str, output: &str) -> String {
        let mut line = String::from("shanhai render");
        for a in self.to_args(folder, output) {
            line.push(' ');
            line.push_str(&shell_quote(&a));
        }
        line
    }
}

/// The command line's name of a level: `county`, `prefecture`, `province`.
pub fn level_name(level: ViewLevel) -> &'static str {
    match level {
        ViewLevel::Stated => "county",
        ViewLevel::Prefecture => "prefecture",
        ViewLevel::Province => "province",
    }
}

/// One shell word: as it is when it has only safe characters, else in
/// single quotes (a quote inside written `'\''`).
pub fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '=' | '+' | ',' | '@')
        });
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_print() {
        assert_eq!(parse_month("2023-04"), Ok(2023 * 12 + 3));
        assert_eq!(parse_month("2023-4"), Ok(2023 * 12 + 3));
        assert_eq!(month_label(2023 * 12 + 3), "2023-04");
        for bad in [
            "2023",
            "2023-13",
            "2023-00",
            "23-04",
            "2023-04-01",
            "",
            "abcd-01",
        ] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shell_words() {
        assert_eq!(shell_quote("sample"), "sample");
        assert_eq!(shell_quote("/data/新闻"), "/data/新闻");
        assert_eq!(shell_quote("my folder"), "'my folder'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn default_view_writes_only_the_layout() {
        let spec = ViewSpec::default();
        assert_eq!(
            spec.to_command_line("sample", "out.png"),
            "shanhai render sample -o out.png --layout geo"
        );
        let mut spec = ViewSpec {
            layout: Layout::Force,
            colour_by: ColourBy::Side,
            official: Some(BTreeSet::from(["three_gorges".to_string()])),
            lang: Lang::En,
            ..ViewSpec::default()
        };
        spec.filters.level = ViewLevel::Province;
        spec.filters.months = Some((2021 * 12, 2022 * 12 + 11));
        spec.filters.include_undated = true;
        spec.filters.min_documents = 2;
        spec.filters.hidden_relations.insert(Relation::Other);
        assert_eq!(
            spec.to_command_line("my docs", "a.svg"),
            "shanhai render 'my docs' -o a.svg --layout force --level province \
             --hide-relation other --min-articles 2 --from 2021-01 --to 2022-12 \
             --include-undated --by-side --lang en --official --hide-scheme three_gorges"
        );
    }
}
