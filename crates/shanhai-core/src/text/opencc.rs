//! The one place that knows about OpenCC.
//!
//! Conversion goes through [`ferrous_opencc`] (pure Rust, OpenCC's own
//! dictionaries), or with the cargo feature `opencc-cpp` through the C++
//! library itself (`opencc-rust` over the system's libopencc: `bash
//! scripts/setup.sh --with-opencc` installs Debian's `libopencc-dev`).
//! Everything else in the crate calls [`Converter`], so the backend is
//! swapped here only; `tests/opencc_backends.rs` checks that both give the
//! same text on the seed articles.
//!
//! Whole-text conversion costs about 14 MB/s per core, too slow for the
//! pipeline's hot path (the benchmark asks for 50 MB/s per core end to end).
//! So at first use every character of the CJK blocks is converted once, one
//! by one, through OpenCC's own dictionaries; the result is a character
//! table that the normaliser applies in O(1) per character, which also keeps
//! the offset map one-to-one. OpenCC's phrase conversion
//! ([`Converter::to_simplified`]) serves the display (the app's script
//! switch) and user queries.

use std::sync::OnceLock;

/// The conversions Shanhai uses, by OpenCC's config names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Config {
    /// Taiwan traditional → simplified (`tw2s`).
    Tw2s,
    /// Hong Kong traditional → simplified (`hk2s`).
    Hk2s,
    /// Simplified → traditional (`s2t`).
    S2t,
}

/// One conversion of the pure-Rust backend.
pub struct RustEngine(ferrous_opencc::OpenCC);

impl RustEngine {
    /// The conversion, from the configs embedded in `ferrous-opencc`.
    pub fn open(config: Config) -> Option<RustEngine> {
        use ferrous_opencc::config::BuiltinConfig;
        let c = match config {
            Config::Tw2s => BuiltinConfig::Tw2s,
            Config::Hk2s => BuiltinConfig::Hk2s,
            Config::S2t => BuiltinConfig::S2t,
        };
        ferrous_opencc::OpenCC::from_config(c).ok().map(RustEngine)
    }

    /// Converts a text.
    pub fn convert(&self, s: &str) -> String {
        self.0.convert(s)
    }
}

/// One conversion of the C++ library (feature `opencc-cpp`).
#[cfg(feature = "opencc-cpp")]
pub struct CppEngine(opencc_rust::OpenCC);

#[cfg(feature = "opencc-cpp")]
impl CppEngine {
    /// The conversion, from the system's OpenCC configs
    /// (`/usr/share/opencc`).
    pub fn open(config: Config) -> Option<CppEngine> {
        use opencc_rust::DefaultConfig;
        let c = match config {
            Config::Tw2s => DefaultConfig::TW2S,
            Config::Hk2s => DefaultConfig::HK2S,
            Config::S2t => DefaultConfig::S2T,
        };
        opencc_rust::OpenCC::new(c).ok().map(CppEngine)
    }

    /// Converts a text. The C API takes NUL-terminated strings, so a text
    /// with NUL characters is converted piece by piece around them.
    pub fn convert(&self, s: &str) -> String {
        s.split('\0')
            .map(|piece| {
                if piece.is_empty() {
                    String::new()
                } else {
                    self.0.convert(piece)
                }
            })
            .collect::<Vec<_>>()
            .join("\0")
    }
}

/// The backend this build converts with.
#[cfg(not(feature = "opencc-cpp"))]
type Engine = RustEngine;
#[cfg(feature = "opencc-cpp")]
type Engine = CppEngine;

/// The name of the backend this build converts with.
pub const BACKEND: &str = if cfg!(feature = "opencc-cpp") {
    "OpenCC C++ library (opencc-rust)"
} else {
    "ferrous-opencc"
};

/// Conversion between the two scripts, with character classes for fast checks.
pub struct Converter {
    t2s: Option<Engine>,
    hk2s: Option<Engine>,
    s2t: Option<Engine>,
    /// Traditional→simplified, one character at a time, for `TABLE_START..`.
    t2s_table: Vec<char>,
    /// Simplified→traditional, one character at a time.
    s2t_table: Vec<char>,
    /// Per code point of the tables: [`CLASS_TRADITIONAL`] when
    /// traditional→simplified changes it, [`CLASS_SIMPLIFIED`] when
    /// simplified→traditional does, else 0. One byte each (51 KB), so the
    /// normaliser's look-up per character stays in cache.
    class: Vec<u8>,
}

/// See [`Converter::class_of`].
pub const CLASS_TRADITIONAL: u8 = 1;
/// See [`Converter::class_of`].
pub const CLASS_SIMPLIFIED: u8 = 2;

/// The code points covered by the character tables: CJK Extension A, the
/// unified ideographs and the compatibility ideographs.
const TABLE_START: u32 = 0x3400;
const TABLE_END: u32 = 0xFAFF;

/// Variant characters OpenCC leaves alone, with their standard simplified
/// form (`assets/text/variants.txt`).
const VARIANTS: &str = include_str!("../../../../assets/text/variants.txt");

/// The (variant, standard) pairs of [`VARIANTS`].
fn variants() -> Vec<(char, char)> {
    VARIANTS
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let mut cs = l.split_whitespace();
            let v = cs.next()?.chars().next()?;
            let s = cs.next()?.chars().next()?;
            Some((v, s))
        })
        .collect()
}

impl Converter {
    /// The shared converter, built on first use (about 50 ms).
    pub fn get() -> &'static Converter {
        static CONVERTER: OnceLock<Converter> = OnceLock::new();
        CONVERTER.get_or_init(Converter::build)
    }

    fn build() -> Converter {
        // The configs are embedded in the crate; a failure here would be a
        // packaging bug. It is handled by converting nothing, never a panic.
        let t2s = Engine::open(Config::Tw2s);
        let hk2s = Engine::open(Config::Hk2s);
        let s2t = Engine::open(Config::S2t);
        let mut all = String::new();
        for cp in TABLE_START..=TABLE_END {
            all.push(char::from_u32(cp).unwrap_or(' '));
            all.push('\n');
        }
        let table = |convert: &dyn Fn(&str) -> String| -> Vec<char> {
            let out = convert(&all);
            let mut lines = out.split('\n');
            (TABLE_START..=TABLE_END)
                .map(|cp| {
                    let c = char::from_u32(cp).unwrap_or(' ');
                    let mut got = lines.next().unwrap_or("").chars();
                    match (got.next(), got.next()) {
                        (Some(x), None) => x,
                        _ => c,
                    }
                })
                .collect()
        };
        let t2s_table = table(&|s: &str| {
            let mut out = match &t2s {
                Some(cc) => cc.convert(s),
                None => s.to_string(),
            };
            if let Some(hk) = &hk2s {
                out = hk.convert(&out);
            }
            out
        });
        let mut t2s_table = t2s_table;
        for (variant, standard) in variants() {
            if let Some(slot) = (variant as u32)
                .checked_sub(TABLE_START)
                .and_then(|i| t2s_table.get_mut(i as usize))
                && *slot == variant
            {
                *slot = standard;
            }
        }
        let s2t_table = table(&|s: &str| match &s2t {
            Some(cc) => cc.convert(s),
            None => s.to_string(),
        });
        let class = (TABLE_START..=TABLE_END)
            .zip(t2s_table.iter().zip(&s2t_table))
            .map(|(cp, (&simple, &traditional))| {
                let c = char::from_u32(cp).unwrap_or(' ');
                if simple != c {
                    CLASS_TRADITIONAL
                } else if traditional != c {
                    CLASS_SIMPLIFIED
                } else {
                    0
                }
            })
            .collect();
        Converter {
            t2s,
            hk2s,
            s2t,
            t2s_table,
            s2t_table,
            class,
        }
    }

    /// Whether a code point of the BMP ideograph ranges is one that only
    /// traditional text uses ([`CLASS_TRADITIONAL`]: [`Self::simplify_char`]
    /// changes it), one that only simplified text uses
    /// ([`CLASS_SIMPLIFIED`]: [`Self::traditionalise_char`] changes it), or
    /// neither (0, also for code points outside the tables).
    #[inline]
    pub fn class_of(&self, cp: u32) -> u8 {
        cp.checked_sub(TABLE_START)
            .and_then(|i| self.class.get(i as usize))
            .copied()
            .unwrap_or(0)
    }

    /// The simplified form of one character (itself when unchanged).
    #[inline]
    pub fn simplify_char(&self, c: char) -> char {
        let cp = c as u32;
        if (TABLE_START..=TABLE_END).contains(&cp) {
            self.t2s_table[(cp - TABLE_START) as usize]
        } else {
            c
        }
    }

    /// The traditional form of one character (itself when unchanged).
    #[inline]
    pub fn traditionalise_char(&self, c: char) -> char {
        let cp = c as u32;
        if (TABLE_START..=TABLE_END).contains(&cp) {
            self.s2t_table[(cp - TABLE_START) as usize]
        } else {
            c
        }
    }

    /// True when traditional→simplified conversion changes `c`.
    #[inline]
    pub fn is_traditional(&self, c: char) -> bool {
        self.simplify_char(c) != c
    }

    /// True when simplified→traditional conversion changes `c` (a character
    /// only simplified text uses).
    #[inline]
    pub fn is_simplified(&self, c: char) -> bool {
        self.traditionalise_char(c) != c
    }

    /// Converts traditional (including Taiwan and Hong Kong variants) to
    /// simplified, with OpenCC's phrase conversion.
    pub fn to_simplified(&self, s: &str) -> String {
        let mut out = match &self.t2s {
            Some(cc) => cc.convert(s),
            None => s.to_string(),
        };
        if out.chars().any(|c| self.is_traditional(c))
            && let Some(hk) = &self.hk2s
        {
            out = hk.convert(&out);
        }
        out
    }

    /// Converts simplified to traditional (OpenCC `s2t`).
    pub fn to_traditional(&self, s: &str) -> String {
        match &self.s2t {
            Some(cc) => cc.convert(s),
            None => s.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_opencc_leaves_are_folded() {
        let c = Converter::get();
        let raw = Engine::open(Config::Tw2s).expect("the t2s config");
        let hk = Engine::open(Config::Hk2s).expect("the hk2s config");
        let list = variants();
        assert!(!list.is_empty());
        for (v, s) in list {
            let v_str = v.to_string();
            assert_eq!(
                hk.convert(&raw.convert(&v_str)),
                v_str,
                "OpenCC folds {v} itself: the line is not needed"
            );
            assert_eq!(c.simplify_char(v), s, "{v}");
        }
    }

    #[test]
    fn classifies_and_converts() {
        let c = Converter::get();
        assert!(c.is_traditional('團'));
        assert!(c.is_traditional('縣'));
        assert!(!c.is_traditional('县'));
        assert!(c.is_simplified('县'));
        assert!(!c.is_simplified('天'));
        // The one-byte class table agrees with the two character tables,
        // over the whole range it covers.
        assert_eq!(c.class_of('縣' as u32), CLASS_TRADITIONAL);
        assert_eq!(c.class_of('县' as u32), CLASS_SIMPLIFIED);
        assert_eq!(c.class_of('天' as u32), 0);
        assert_eq!(c.class_of('A' as u32), 0);
        for cp in TABLE_START..=TABLE_END {
            let Some(ch) = char::from_u32(cp) else {
                continue;
            };
            let want = if c.is_traditional(ch) {
                CLASS_TRADITIONAL
            } else if c.is_simplified(ch) {
                CLASS_SIMPLIFIED
            } else {
                0
            };
            assert_eq!(c.class_of(cp), want, "U+{cp:04X}");
        }
        assert_eq!(c.to_simplified("積石山縣"), "积石山县");
        assert_eq!(c.to_simplified("臨夏回族自治州"), "临夏回族自治州");
        assert_eq!(c.to_traditional("河北区"), "河北區");
    }
}
