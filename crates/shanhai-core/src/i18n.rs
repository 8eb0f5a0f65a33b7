//! The two languages of Shanhai's words — the app's interface and the
//! legends of pictures: Chinese or English, chosen from the system locale
//! (`sys-locale`) at first start. The names of relations and levels live
//! here so the screen and the exported pictures say the same.

use serde::{Deserialize, Serialize};

use crate::extract::Relation;
use crate::gazetteer::Level;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
}

impl Default for Lang {
    fn default() -> Self {
        Lang::from_env()
    }
}

impl Lang {
    /// The language the system locale asks for (`sys-locale`: on Unix
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`; the user's language on Windows and
    /// macOS): Chinese for `zh*`, English otherwise.
    pub fn from_env() -> Lang {
        sys_locale::get_locale().map_or(Lang::En, |l| Lang::from_locale(&l))
    }

    /// Chinese for a locale name starting with `zh` (`zh_CN.UTF-8`,
    /// `zh-Hant-TW`), English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Picks the string of this language.
    pub fn t(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A count with its noun: `3 篇文章` in Chinese (the measure word and
    /// noun `zh` after the number), `1 article` / `3 articles` in English
    /// (`one` for exactly one, `many` otherwise, zero included).
    pub fn count(self, n: usize, zh: &str, one: &str, many: &str) -> String {
        match self {
            Lang::Zh => format!("{n} {zh}"),
            Lang::En if n == 1 => format!("{n} {one}"),
            Lang::En => format!("{n} {many}"),
        }
    }

    /// The name of the language in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }
}

/// The name of a relation.
pub fn relation_name(r: Relation, lang: Lang) -> &'static str {
    match r {
        Relation::EastWestCooperation => lang.t("东西部协作", "East–West cooperation"),
        Relation::CounterpartSupport => lang.t("对口支援", "Counterpart support"),
        Relation::Other => lang.t("其他协作", "Other cooperation"),
    }
}

/// The name of a level of the gazetteer.
pub fn region_level_name(l: Level, lang: Lang) -> &'static str {
    match l {
        Level::Province => lang.t("省级", "province"),
        Level::Prefecture => lang.t("地级", "prefecture"),
        Level::County => lang.t("县级", "county"),
        Level::Corps => lang.t("兵团", "Corps"),
        Level::Division => lang.t("兵团师", "Corps division"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh_TW"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
    }

    #[test]
    fn counts_in_each_language() {
        let n = |lang: Lang, k| lang.count(k, "篇文章", "article", "articles");
        assert_eq!(n(Lang::En, 0), "0 articles");
        assert_eq!(n(Lang::En, 1), "1 article");
        assert_eq!(n(Lang::En, 2), "2 articles");
        assert_eq!(n(Lang::Zh, 1), "1 篇文章");
    }
}
