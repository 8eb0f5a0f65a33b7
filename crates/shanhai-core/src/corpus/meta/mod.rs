//! Document metadata found in the text itself: the date ([`date`]: date
//! lines, page metadata, the latest event) and the title ([`title`]).

mod date;
#[cfg(test)]
mod tests;
mod title;

use serde::Serialize;

pub use date::{date_of, find_date, parse_page_date};
pub use title::find_title;

/// A calendar date as stated in a text; the year may be unknown
/// (Chinese news often writes only `9月4日`), the day may be unknown
/// (`2024年3月`). A year is never invented.
///
/// Ordering is field order (year, month, day), with an unknown year or day
/// sorting before any known one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash, Serialize)]
pub struct DocDate {
    /// Year (1949–2100), if stated.
    pub year: Option<u16>,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (validated against the month), if stated.
    pub day: Option<u8>,
}

impl DocDate {
    /// ISO 8601 form: `"2023-04-19"`; `"2023-04"` without a day;
    /// `"--09-04"` (the ISO 8601:2000 form) without a year; `"--09"` with
    /// neither.
    pub fn iso(&self) -> String {
        match (self.year, self.day) {
            (Some(y), Some(d)) => format!("{y:04}-{:02}-{d:02}", self.month),
            (Some(y), None) => format!("{y:04}-{:02}", self.month),
            (None, Some(d)) => format!("--{:02}-{d:02}", self.month),
            (None, None) => format!("--{:02}", self.month),
        }
    }
}

impl std::fmt::Display for DocDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}
/// Where a document's date came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A date line near the title or at the end of the text: a label
    /// (`发布时间：2024-08-27`, `来源：… 2024-08-27`), a date with a time
    /// (`2024年08月27日 10:32`), a byline (`天津日报  2023/04/19`) or a news
    /// agency's dateline (`新华社北京12月7日电`).
    DateLine,
    /// The HTML page's metadata (`article:published_time`, `pubdate`,
    /// `PublishDate` …) or a `<time>` element.
    PageMeta,
    /// The latest past date the text reports (an article is not published
    /// before the latest event it reports; plans such as `到2025年底` are
    /// not events).
    LatestEvent,
    /// The first month and day the text states, the year unknown.
    FirstStated,
}

impl DateSource {
    /// Short English name (as in the JSON output).
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::DateLine => "date_line",
            DateSource::PageMeta => "page_meta",
            DateSource::LatestEvent => "latest_event",
            DateSource::FirstStated => "first_stated",
        }
    }
}
