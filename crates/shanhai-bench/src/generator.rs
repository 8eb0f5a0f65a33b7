//! The synthetic corpus: sample sentences with their regions swapped, in
//! either script, some as GB18030 or HTML, and the random numbers behind it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use shanhai_core::corpus;
use shanhai_core::gazetteer::{Gazetteer, Level, RegionId, Resolution};
use shanhai_core::pipeline;
use shanhai_core::text::{self, Converter};

use crate::{BenchError, io_err};

/// A small deterministic random number generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// A random element (None for an empty slice).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// One piece of a sentence template.
#[derive(Debug, Clone)]
enum Piece {
    /// Text kept as it is (simplified, traditional).
    Text(String, String),
    /// A region of the sample (replaced, consistently within an article,
    /// by a random region of the same level).
    Region(RegionId, Level),
}

/// A name in both scripts.
#[derive(Debug, Clone)]
struct Name {
    simp: String,
    trad: String,
}

/// The names a region is written with: official, and a short form.
#[derive(Debug, Clone)]
struct Names {
    official: Name,
    short: Option<Name>,
}

/// Toned syllables glued after characters as junk, like `團(tuán)`.
const PINYIN: &[&str] = &[
    "tuán", "duì", "qū", "huì", "bào", "xié", "diǎn", "jiān", "zhǎn", "dòng", "shí", "jiàn",
    "chǎn", "shè", "guān", "zhǔn", "qiáng", "bǔ", "chuàng", "wèi", "xiàn", "zhōu", "lǐ", "ràng",
];

/// The material of the generator: sentence templates from the sample
/// articles and the gazetteer's names by level.
pub struct Generator {
    templates: Vec<Vec<Piece>>,
    titles: Vec<Vec<Piece>>,
    names: Vec<(Level, Vec<Names>)>,
}

impl Generator {
    /// Builds the templates from the embedded sample articles.
    ///
    /// # Complexity
    /// O(size of the samples + number of regions), plus OpenCC on each
    /// region name once (about 100 ms).
    pub fn new(g: &Gazetteer) -> Generator {
        let conv = Converter::get();
        let sample = corpus::sample();
        let mut templates = Vec::new();
        let mut titles = Vec::new();
        for doc in &sample.documents {
            let a = pipeline::analyse_text(g, doc.id, &doc.text);
            let text = &a.analysis.norm.text;
            for (si, s) in a.analysis.sentences.iter().enumerate() {
                if a.analysis.is_boilerplate(si) || s.norm.len() < 24 {
                    continue;
                }
                let mut pieces = Vec::new();
                let mut at = s.norm.start;
                for m in a.mentions.iter().filter(|m| m.sentence == si) {
                    let Some(r) = m.region else { continue };
                    if m.resolution == Resolution::PairWord
                        || m.surface.chars().count() < 2
                        || m.norm.start < at
                    {
                        continue;
                    }
                    let before = &text[at..m.norm.start];
                    if !before.is_empty() {
                        pieces.push(Piece::Text(before.to_string(), conv.to_traditional(before)));
                    }
                    pieces.push(Piece::Region(r, g.region(r).level));
                    at = m.norm.end;
                }
                let rest = &text[at..s.norm.end];
                if !rest.is_empty() {
                    pieces.push(Piece::Text(rest.to_string(), conv.to_traditional(rest)));
                }
                if si == 0 {
                    titles.push(pieces);
                } else {
                    templates.push(pieces);
                }
            }
        }
        let mut names: Vec<(Level, Vec<Names>)> = Vec::new();
        for r in g.regions() {
            let both = |s: &str| Name {
                simp: s.to_string(),
                trad: conv.to_traditional(s),
            };
            let entry = match names.iter_mut().position(|(l, _)| *l == r.level) {
                Some(i) => &mut names[i].1,
                None => {
                    names.push((r.level, Vec::new()));
                    let last = names.len() - 1;
                    &mut names[last].1
                }
            };
            entry.push(Names {
                official: both(&r.name),
                short: r.short_forms.first().map(|s| both(s)),
            });
        }
        Generator {
            templates,
            titles,
            names,
        }
    }

    fn fill(
        &self,
        pieces: &[Piece],
        trad: bool,
        swap: &mut HashMap<RegionId, usize>,
        rng: &mut Rng,
        out: &mut String,
    ) {
        for p in pieces {
            match p {
                Piece::Text(s, t) => out.push_str(if trad { t } else { s }),
                Piece::Region(r, level) => {
                    let list = self
                        .names
                        .iter()
                        .find(|(l, _)| l == level)
                        .map_or(&[][..], |(_, v)| v.as_slice());
                    let i = *swap.entry(*r).or_insert_with(|| rng.below(list.len()));
                    if let Some(n) = list.get(i) {
                        let name = match &n.short {
                            Some(short) if rng.below(4) == 0 => short,
                            _ => &n.official,
                        };
                        out.push_str(if trad { &name.trad } else { &name.simp });
                    }
                }
            }
        }
    }

    /// One article of about `target` bytes (UTF-8): a title line, a date
    /// line, then paragraphs of two to five sentences. Each region of the
    /// samples is replaced by the same random region throughout the article.
    pub fn article(&self, rng: &mut Rng, target: usize) -> Article {
        let mut swap: HashMap<RegionId, usize> = HashMap::new();
        let script = match rng.below(20) {
            0..=12 => text::Script::Simplified,
            13..=17 => text::Script::Traditional,
            _ => text::Script::Mixed,
        };
        let trad_sentence = |rng: &mut Rng| match script {
            text::Script::Simplified => false,
            text::Script::Traditional => true,
            text::Script::Mixed => rng.chance(0.5),
        };
        let mut s = String::with_capacity(target + 512);
        if let Some(t) = rng.pick(&self.titles) {
            let trad = trad_sentence(rng);
            self.fill(t, trad, &mut swap, rng, &mut s);
        }
        s.push('\n');
        s.push_str(&format!(
            "{}年{}月{}日 来源:{}\n",
            2016 + rng.below(9),
            1 + rng.below(12),
            1 + rng.below(28),
            ["新华网", "人民网", "天山网", "每日甘肃网", "北方网"][rng.below(5)]
        ));
        while s.len() < target {
            let n = 2 + rng.below(4);
            for _ in 0..n {
                if let Some(t) = rng.pick(&self.templates) {
                    let trad = trad_sentence(rng);
                    self.fill(t, trad, &mut swap, rng, &mut s);
                }
            }
            s.push('\n');
        }
        let pinyin = script != text::Script::Simplified && rng.chance(0.5);
        if pinyin {
            s = glue_pinyin(&s, rng);
        }
        Article {
            text: s,
            script,
            pinyin,
        }
    }
}

/// Glues a toned syllable in parentheses after about one traditional
/// character in six.
fn glue_pinyin(s: &str, rng: &mut Rng) -> String {
    let conv = Converter::get();
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        out.push(c);
        if conv.is_traditional(c) && rng.below(6) == 0 {
            out.push('(');
            out.push_str(PINYIN[rng.below(PINYIN.len())]);
            out.push(')');
        }
    }
    out
}

/// A generated article.
#[derive(Debug, Clone)]
pub struct Article {
    /// The text.
    pub text: String,
    /// Its script.
    pub script: text::Script,
    /// Whether pinyin is glued after some characters.
    pub pinyin: bool,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// The files, in the order written.
    pub files: Vec<PathBuf>,
    /// Bytes written.
    pub bytes: u64,
    /// Bytes of the articles' text in UTF-8 (the size of the same text
    /// as the `opencc` tool reads it).
    pub text_bytes: u64,
    /// Files saved as GB18030.
    pub gb18030: usize,
    /// Files saved as HTML.
    pub html: usize,
    /// Articles in traditional or mixed script.
    pub traditional: usize,
    /// Articles with glued pinyin.
    pub pinyin: usize,
}

/// Writes `n` synthetic articles (about 5 KB each) into `dir`, 1,000 per
/// sub-folder (`d000/a000000.txt`). Deterministic for a seed.
///
/// # Errors
/// A file or folder cannot be written.
///
/// # Complexity
/// O(n) articles; about 5 KB written per article.
pub fn generate(g: &Gazetteer, dir: &Path, n: usize, seed: u64) -> Result<Generated, BenchError> {
    let generator = Generator::new(g);
    let chunks: Vec<usize> = (0..n.div_ceil(1000)).collect();
    let parts: Vec<Result<Generated, BenchError>> = chunks
        .par_iter()
        .map(|&chunk| {
            let sub = dir.join(format!("d{chunk:03}"));
            std::fs::create_dir_all(&sub).map_err(io_err(&sub))?;
            let mut out = Generated::default();
            let mut rng = Rng::new(seed ^ (chunk as u64).wrapping_mul(0xA24B_AED4_963E_E407));
            for i in chunk * 1000..((chunk + 1) * 1000).min(n) {
                let target = 3000 + rng.below(4500);
                let a = generator.article(&mut rng, target);
                out.text_bytes += a.text.len() as u64;
                if a.script != text::Script::Simplified {
                    out.traditional += 1;
                }
                if a.pinyin {
                    out.pinyin += 1;
                }
                let roll = rng.below(20);
                let (name, bytes): (String, Vec<u8>) = if roll < 2 {
                    out.gb18030 += 1;
                    let (b, _, _) = encoding_rs::GB18030.encode(&a.text);
                    (format!("a{i:06}.txt"), b.into_owned())
                } else if roll == 2 {
                    out.html += 1;
                    (format!("a{i:06}.html"), to_html(&a.text).into_bytes())
                } else {
                    (format!("a{i:06}.txt"), a.text.into_bytes())
                };
                let path = sub.join(name);
                std::fs::write(&path, &bytes).map_err(io_err(&path))?;
                out.bytes += bytes.len() as u64;
                out.files.push(path);
            }
            Ok(out)
        })
        .collect();
    let mut all = Generated::default();
    for p in parts {
        let p = p?;
        all.files.extend(p.files);
        all.bytes += p.bytes;
        all.text_bytes += p.text_bytes;
        all.gb18030 += p.gb18030;
        all.html += p.html;
        all.traditional += p.traditional;
        all.pinyin += p.pinyin;
    }
    Ok(all)
}

fn to_html(text: &str) -> String {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or("");
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}_新闻网</title>\
         <style>p {{ margin: 0 }} .nav a {{ color: #333 }}</style>\
         <script>var _hmt = _hmt || []; if (a < b) {{ x = \"<p>\"; }}</script></head>\n\
         <body><div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/gn\">国内</a></div>\n\
         <h1>{}</h1>\n",
        esc(title),
        esc(title)
    );
    for l in lines {
        out.push_str("<p>");
        out.push_str(&esc(l));
        out.push_str("</p>\n");
    }
    out.push_str("<div class=\"footer\">版权所有&nbsp;&copy;&nbsp;新闻网</div></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_is_deterministic_and_mixed() {
        let Ok(g) = Gazetteer::get() else {
            panic!("gazetteer")
        };
        let generator = Generator::new(g);
        assert!(generator.templates.len() > 50);
        let a: Vec<String> = {
            let mut rng = Rng::new(1);
            (0..20)
                .map(|_| generator.article(&mut rng, 2000).text)
                .collect()
        };
        let b: Vec<String> = {
            let mut rng = Rng::new(1);
            (0..20)
                .map(|_| generator.article(&mut rng, 2000).text)
                .collect()
        };
        assert_eq!(a, b);
        assert!(a.iter().all(|t| t.len() >= 2000));
        assert!(
            a.iter()
                .any(|t| text::detect_script(t) == text::Script::Traditional)
        );
        assert!(
            a.iter()
                .any(|t| text::detect_script(t) == text::Script::Simplified)
        );
    }
}
