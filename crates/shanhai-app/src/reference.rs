//! The official pairings in the interface: names of the statuses. The
//! table itself, and the knowledge the extractor draws from it, are
//! [`shanhai_core::reference`].

pub use shanhai_core::reference::{OfficialPair, Reference, Status};

use super::i18n::Lang;

/// A status's short name in the interface language.
pub fn status_name(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Confirmed => lang.t("已确认", "confirmed"),
        Status::Secondary => lang.t("二手来源", "secondary source"),
        Status::Unconfirmed => lang.t("未确认", "unconfirmed"),
    }
}

/// The years of a pair as the interface shows them: `2010–`, `1996–2021`,
/// or empty when the table gives none.
pub fn years(p: &OfficialPair) -> String {
    match (p.since, p.until) {
        (Some(s), Some(u)) => format!("{s}–{u}"),
        (Some(s), None) => format!("{s}–"),
        (None, Some(u)) => format!("–{u}"),
        (None, None) => String::new(),
    }
}
