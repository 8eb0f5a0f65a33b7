//! `text`: from an article's original text to normalised simplified text,
//! with an offset map, the article's script, paragraphs, sentences and the
//! boilerplate lines that later stages must not take evidence from.
//!
//! No file I/O happens here: the input is a `&str`.

mod boilerplate;
pub mod normalise;
pub mod opencc;
mod sentences;

use std::ops::Range;

use serde::Serialize;

pub use boilerplate::Boilerplate;
pub use normalise::{
    NormText, is_cjk, normalise, strip_annotations, three_byte_char_at, utf8_width,
};
pub use opencc::Converter;

/// The script an article is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Simplified characters (or no Chinese at all).
    Simplified,
    /// Traditional characters.
    Traditional,
    /// A substantial share of both.
    Mixed,
}

impl Script {
    /// The lower-case name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
            Script::Mixed => "mixed",
        }
    }
}

/// A paragraph (a line of the original text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Byte range in the normalised text (without the line break).
    pub norm: Range<usize>,
    /// Byte range in the original text.
    pub orig: Range<usize>,
    /// Why the paragraph is boilerplate, if it is.
    pub boilerplate: Option<Boilerplate>,
}

/// A sentence inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Byte range in the normalised text.
    pub norm: Range<usize>,
    /// Byte range in the original text.
    pub orig: Range<usize>,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// Everything the later stages need to know about one article's text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The normalised text and its offset map.
    pub norm: NormText,
    /// The article's script.
    pub script: Option<Script>,
    /// Paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
}

impl Analysis {
    /// The article's script (simplified when it has no Chinese).
    pub fn script(&self) -> Script {
        self.script.unwrap_or(Script::Simplified)
    }

    /// The normalised text of a sentence.
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences
            .get(i)
            .and_then(|s| self.norm.text.get(s.norm.clone()))
            .unwrap_or("")
    }

    /// True when sentence `i` lies in a boilerplate paragraph.
    pub fn is_boilerplate(&self, i: usize) -> bool {
        self.sentences
            .get(i)
            .and_then(|s| self.paragraphs.get(s.paragraph))
            .is_some_and(|p| p.boilerplate.is_some())
    }

    /// Index of the sentence that contains normalised byte offset `pos`.
    ///
    /// # Complexity
    /// O(log n) in the number of sentences.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.norm.end <= pos);
        self.sentences
            .get(i)
            .filter(|s| s.norm.start <= pos)
            .map(|_| i)
    }
}

/// Detects the script of a text by counting the characters that only one
/// script uses.
pub fn detect_script(text: &str) -> Script {
    let conv = Converter::get();
    let (mut trad, mut simp) = (0usize, 0usize);
    for c in text.chars() {
        if conv.is_traditional(c) {
            trad += 1;
        } else if conv.is_simplified(c) {
            simp += 1;
        }
    }
    script_from_counts(trad, simp)
}

/// The script of a text with `trad` traditional-only and `simp`
/// simplified-only characters (see [`detect_script`]).
fn script_from_counts(trad: usize, simp: usize) -> Script {
    if trad + simp == 0 {
        return Script::Simplified;
    }
    let share = trad as f64 / (trad + simp) as f64;
    if share >= 0.8 {
        Script::Traditional
    } else if share <= 0.2 {
        Script::Simplified
    } else {
        Script::Mixed
    }
}

/// Runs the whole text stage on an article's original text.
///
/// # Complexity
/// O(n) in the text length (one pass of the normaliser, one of the
/// sentence splitter, one over the lines for boilerplate).
pub fn analyse(original: &str) -> Analysis {
    let (norm, (trad, simp)) = normalise::normalise_counting(original);
    let script = script_from_counts(trad, simp);
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for line in norm.text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let range = offset..offset + content.len();
        paragraphs.push(Paragraph {
            orig: norm.to_original(range.clone()),
            norm: range,
            boilerplate: None,
        });
        offset += line.len();
    }
    boilerplate::mark(&norm.text, &mut paragraphs);
    let mut sentences = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        for r in sentences::split(&norm.text[p.norm.clone()]) {
            let r = p.norm.start + r.start..p.norm.start + r.end;
            sentences.push(Sentence {
                orig: norm.to_original(r.clone()),
                norm: r,
                paragraph: pi,
            });
        }
    }
    Analysis {
        norm,
        script: Some(script),
        paragraphs,
        sentences,
    }
}
