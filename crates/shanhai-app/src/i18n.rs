//! The interface language: Chinese or English, chosen from the system
//! locale at first start and switchable from the View menu.

use serde::{Deserialize, Serialize};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// The language the system locale asks for (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, first one set): Chinese for `zh*`, English otherwise.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return Lang::from_locale(&v);
            }
        }
        Lang::En
    }

    /// Chinese for a locale name starting with `zh`, English otherwise.
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
