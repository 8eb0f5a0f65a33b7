//! The checked configuration `render` and `export` share: the view
//! arguments (the app's filters and overlay) turned into one
//! [`Filters`] and overlay choice, and the one rule for `sample`.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Result, bail};

use shanhai_core::extract::Relation;
use shanhai_core::filter::{Filters, Month, month_label};
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::network::ViewLevel;
use shanhai_core::reference::Reference;

/// What part of the network `render` and `export` show: the app's
/// filters and official overlay, with the same names as its panels.
#[derive(Debug, Clone, clap::Args)]
pub struct ViewArgs {
    /// Roll the pairings up: province, prefecture or county (as stated).
    #[arg(long, value_enum, default_value_t = ViewLevel::Stated)]
    level: ViewLevel,
    /// Leave out the links of a relation (repeat for more).
    #[arg(long, value_enum, value_name = "RELATION")]
    hide_relation: Vec<Relation>,
    /// Leave out links stated by fewer articles.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    min_articles: u64,
    /// Only articles dated in or after this month (YYYY-MM).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    from: Option<Month>,
    /// Only articles dated in or before this month (YYYY-MM).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    to: Option<Month>,
    /// With --from/--to: keep the articles without a year too.
    #[arg(long)]
    include_undated: bool,
    /// Keep the regions without a link that passes the filters.
    #[arg(long)]
    keep_isolated: bool,
    /// Show the official pairs too (the reference overlay): pictures draw
    /// those no article states as dashed ochre lines, with their far ends;
    /// data carries an `official` status per edge, edges without articles
    /// for the unstated pairs, and the `official` list in JSON.
    #[arg(long)]
    official: bool,
    /// With --official: leave out a scheme's pairs (repeat for more;
    /// `east_west_cooperation`, `counterpart_support_xinjiang`, …).
    #[arg(long, value_name = "SCHEME", requires = "official")]
    hide_scheme: Vec<String>,
}

/// Earliest and latest months an open-ended `--from`/`--to` stands for.
const FIRST_MONTH: Month = 1000 * 12;
const LAST_MONTH: Month = 9999 * 12 + 11;

fn parse_month(s: &str) -> std::result::Result<Month, String> {
    shanhai_core::filter::parse_month(s).map_err(|e| e.to_string())
}

impl ViewArgs {
    /// The checked filters and, with `--official`, the schemes hidden
    /// from the overlay.
    ///
    /// # Errors
    /// `--from` after `--to`, `--include-undated` without a month range,
    /// or a scheme the official lists do not have.
    pub fn spec(&self, g: &Gazetteer) -> Result<(Filters, Option<BTreeSet<String>>)> {
        let months = match (self.from, self.to) {
            (None, None) => None,
            (a, b) => {
                let (a, b) = (a.unwrap_or(FIRST_MONTH), b.unwrap_or(LAST_MONTH));
                if a > b {
                    bail!("--from {} is after --to {}", month_label(a), month_label(b));
                }
                Some((a, b))
            }
        };
        if self.include_undated && months.is_none() {
            bail!("--include-undated needs --from or --to (without them every article is in)");
        }
        let filters = Filters {
            level: self.level,
            hidden_relations: self.hide_relation.iter().copied().collect(),
            min_documents: usize::try_from(self.min_articles)?,
            hide_isolated: !self.keep_isolated,
            months,
            include_undated: self.include_undated,
        };
        let official = if self.official {
            let known = Reference::embedded(g).schemes();
            for s in &self.hide_scheme {
                if !known.contains(&s.as_str()) {
                    bail!(
                        "--hide-scheme {s:?}: no such scheme; the lists have {}",
                        known.join(", ")
                    );
                }
            }
            Some(self.hide_scheme.iter().cloned().collect())
        } else {
            None
        };
        Ok((filters, official))
    }
}

/// Where the articles come from: `sample` is the embedded sample unless a
/// folder of that name exists (the one rule for `sample`).
pub enum Source<'a> {
    /// The embedded sample.
    Sample,
    /// A folder.
    Folder(&'a Path),
}

impl<'a> Source<'a> {
    /// The source `folder` stands for.
    pub fn of(folder: &'a Path) -> Source<'a> {
        if folder == Path::new("sample") && !folder.exists() {
            Source::Sample
        } else {
            Source::Folder(folder)
        }
    }

    /// The name in a picture's source line.
    pub fn label(&self) -> String {
        match self {
            Source::Sample => "内置样本 (sample)".to_string(),
            Source::Folder(f) => f.display().to_string(),
        }
    }
}
