//! Passages and articles for reading: the text is read again from disk
//! (or the embedded sample) when needed, not kept in memory; glued pinyin
//! is left out, region names are highlighted, and the script can be
//! switched.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use shanhai_core::corpus;
use shanhai_core::extract::Evidence;
use shanhai_core::gazetteer::{Gazetteer, Mention};
use shanhai_core::pipeline::{DocInfo, analyse_text};
use shanhai_core::text::{Analysis, Converter};

use super::loader::Source;
use super::state::ScriptChoice;

/// How a piece of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mark {
    /// A neighbouring sentence (dimmed).
    Context,
    /// Ordinary text.
    Plain,
    /// Another region the text names.
    Mention,
    /// One side of the pairing.
    Name,
}

/// Text cut into runs of one [`Mark`].
pub type Segments = Vec<(String, Mark)>;

/// The whole text of an article, analysed again.
pub struct DocText {
    /// Document id.
    pub id: u32,
    /// The original text (as at load time).
    pub text: String,
    /// The text stage.
    pub analysis: Analysis,
    /// Region mentions.
    pub mentions: Vec<Mention>,
    /// Original byte ranges that are kept for display (pinyin left out),
    /// sorted and merged.
    kept: Vec<Range<usize>>,
}

impl DocText {
    /// Analyses an article's text.
    pub fn new(g: &Gazetteer, id: u32, text: String) -> DocText {
        let a = analyse_text(g, id, &text);
        let mut kept: Vec<Range<usize>> = Vec::new();
        for (_, r) in a.analysis.norm.char_map() {
            match kept.last_mut() {
                Some(last) if last.end == r.start => last.end = r.end,
                _ => kept.push(r),
            }
        }
        DocText {
            id,
            text,
            analysis: a.analysis,
            mentions: a.mentions,
            kept,
        }
    }

    fn is_kept(&self, b: usize) -> bool {
        let i = self.kept.partition_point(|r| r.end <= b);
        self.kept.get(i).is_some_and(|r| r.start <= b)
    }

    /// The sentence that starts at an original byte offset.
    fn sentence_starting(&self, start: usize) -> Option<usize> {
        let s = &self.analysis.sentences;
        let i = s.partition_point(|x| x.orig.start < start);
        s.get(i).filter(|x| x.orig.start == start).map(|_| i)
    }

    /// The text of `span` cut into runs by the marks (the highest mark
    /// wins where they overlap; `base` elsewhere), without pinyin.
    pub fn segments(
        &self,
        span: Range<usize>,
        base: &[(Range<usize>, Mark)],
        names: &[(Range<usize>, Mark)],
    ) -> Segments {
        let mut out: Segments = Vec::new();
        let Some(slice) = self.text.get(span.clone()) else {
            return out;
        };
        for (off, c) in slice.char_indices() {
            let b = span.start + off;
            if !self.is_kept(b) {
                continue;
            }
            let mark = base
                .iter()
                .chain(names)
                .filter(|(r, _)| r.contains(&b))
                .map(|(_, m)| *m)
                .max()
                .unwrap_or(Mark::Plain);
            match out.last_mut() {
                Some((s, m)) if *m == mark => s.push(c),
                _ => out.push((c.to_string(), mark)),
            }
        }
        out
    }

    /// Region mentions inside a byte range, as marks.
    fn mention_marks(&self, span: &Range<usize>) -> Vec<(Range<usize>, Mark)> {
        self.mentions
            .iter()
            .filter(|m| m.region.is_some() && m.orig.start >= span.start && m.orig.end <= span.end)
            .map(|m| (m.orig.clone(), Mark::Mention))
            .collect()
    }

    /// A passage: the evidence sentence with the sentences before and
    /// after it in its paragraph, the pair's names highlighted. `None` when
    /// the text no longer matches the evidence (the file changed).
    pub fn passage(&self, ev: &Evidence) -> Option<Segments> {
        // The evidence keeps the sentence without glued pinyin.
        let orig = self.text.get(ev.start..ev.end)?;
        if orig != &*ev.text && shanhai_core::text::normalise::strip_annotations(orig) != *ev.text {
            return None;
        }
        let sents = &self.analysis.sentences;
        let (mut lo, mut hi) = (ev.start, ev.end);
        if let Some(i) = self.sentence_starting(ev.start) {
            let para = sents[i].paragraph;
            if let Some(prev) = i.checked_sub(1).and_then(|j| sents.get(j))
                && prev.paragraph == para
            {
                lo = prev.orig.start;
            }
            if let Some(next) = sents.get(i + 1)
                && next.paragraph == para
            {
                hi = next.orig.end;
            }
        }
        let mut base = vec![(lo..ev.start, Mark::Context), (ev.end..hi, Mark::Context)];
        base.extend(self.mention_marks(&(lo..hi)));
        let names: Vec<(Range<usize>, Mark)> =
            ev.names.iter().map(|r| (r.clone(), Mark::Name)).collect();
        Some(self.segments(lo..hi, &base, &names))
    }

    /// The whole article by paragraph, every region mention highlighted,
    /// and `focus` (a sentence) marked as a name run.
    pub fn paragraphs(&self) -> Vec<(Range<usize>, Segments)> {
        self.analysis
            .paragraphs
            .iter()
            .filter(|p| !p.orig.is_empty())
            .map(|p| {
                let marks = self.mention_marks(&p.orig);
                (p.orig.clone(), self.segments(p.orig.clone(), &marks, &[]))
            })
            .collect()
    }
}

/// Converts segments to a script (OpenCC phrase conversion, run by run).
pub fn convert(segments: &Segments, script: ScriptChoice) -> Segments {
    let conv = Converter::get();
    segments
        .iter()
        .map(|(s, m)| {
            let s = match script {
                ScriptChoice::Original => s.clone(),
                ScriptChoice::Simplified => conv.to_simplified(s),
                ScriptChoice::Traditional => conv.to_traditional(s),
            };
            (s, *m)
        })
        .collect()
}

/// Plain text of segments.
pub fn plain(segments: &Segments) -> String {
    segments.iter().map(|(s, _)| s.as_str()).collect()
}

/// A text in the chosen script (for titles).
pub fn in_script(s: &str, script: ScriptChoice) -> String {
    match script {
        ScriptChoice::Original => shanhai_core::text::normalise::strip_annotations(s),
        ScriptChoice::Simplified => {
            Converter::get().to_simplified(&shanhai_core::text::normalise::strip_annotations(s))
        }
        ScriptChoice::Traditional => {
            Converter::get().to_traditional(&shanhai_core::text::normalise::strip_annotations(s))
        }
    }
}

/// Segments as a wrapped layout job.
pub fn to_job(
    segments: &Segments,
    size: f32,
    wrap: f32,
    dark: bool,
    highlight_all: bool,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    let ink = if dark {
        Color32::from_gray(225)
    } else {
        Color32::from_rgb(34, 34, 40)
    };
    let dim = if dark {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(120)
    };
    for (s, m) in segments {
        let mut f = TextFormat {
            font_id: FontId::proportional(size),
            color: ink,
            ..TextFormat::default()
        };
        match m {
            Mark::Context => f.color = dim,
            Mark::Plain => {}
            Mark::Mention => {
                f.background = Color32::from_rgba_unmultiplied(120, 170, 255, 60);
                if highlight_all {
                    f.underline = Stroke::new(1.0, Color32::from_rgb(60, 110, 200));
                }
            }
            Mark::Name => {
                f.background = Color32::from_rgba_unmultiplied(255, 196, 0, 130);
                f.color = if dark { Color32::WHITE } else { Color32::BLACK };
            }
        }
        job.append(s, 0.0, f);
    }
    job
}

/// Reads an article's text again, decoded the same way as at load time.
///
/// # Errors
/// The file is gone or unreadable, or the sample has no such document.
pub fn read_text(source: &Source, info: &DocInfo) -> Result<String, String> {
    match source {
        Source::Sample => corpus::sample()
            .documents
            .into_iter()
            .find(|d| d.path == info.path)
            .map(|d| d.text)
            .ok_or_else(|| format!("{}: not in the sample", info.path.display())),
        Source::Folder(root) | Source::Files { root, .. } => {
            let path = root.join(&info.path);
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            corpus::document_from_bytes(info.id, info.path.clone(), &bytes)
                .map(|d| d.text)
                .map_err(|e| format!("{}: {e}", path.display()))
        }
    }
}

/// The absolute path of an article on disk (`None` for the sample).
pub fn file_path(source: &Source, info: &DocInfo) -> Option<PathBuf> {
    source.root().map(|r| r.join(&info.path))
}

/// A small cache of re-read articles.
#[derive(Default)]
pub struct DocCache {
    inner: std::cell::RefCell<CacheInner>,
}

/// The cached articles, oldest first in `order`.
#[derive(Default)]
struct CacheInner {
    entries: HashMap<u32, Arc<DocText>>,
    order: VecDeque<u32>,
}

/// How many articles the cache keeps.
const CACHE_SIZE: usize = 24;

impl DocCache {
    /// Forgets everything (new data).
    pub fn clear(&mut self) {
        let c = self.inner.get_mut();
        c.entries.clear();
        c.order.clear();
    }

    /// The article, read and analysed on first use.
    ///
    /// # Errors
    /// See [`read_text`].
    pub fn get(
        &self,
        g: &Gazetteer,
        source: &Source,
        info: &DocInfo,
    ) -> Result<Arc<DocText>, String> {
        if let Some(d) = self.inner.borrow().entries.get(&info.id) {
            return Ok(Arc::clone(d));
        }
        let text = read_text(source, info)?;
        let d = Arc::new(DocText::new(g, info.id, text));
        let mut c = self.inner.borrow_mut();
        c.entries.insert(info.id, Arc::clone(&d));
        c.order.push_back(info.id);
        while c.order.len() > CACHE_SIZE {
            if let Some(old) = c.order.pop_front() {
                c.entries.remove(&old);
            }
        }
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::load_blocking;
    use shanhai_core::corpus::NoProgress;

    #[test]
    fn passage_of_seed_004_has_no_pinyin() {
        let g = Gazetteer::get().unwrap();
        let data = load_blocking(&Source::Sample, &NoProgress).unwrap();
        let p = data
            .ex
            .pairings
            .iter()
            .find(|p| g.region(p.helper).code == "120105" && g.region(p.helped).code == "620521")
            .unwrap();
        let ev = &p.evidence[0];
        let info = data.doc(ev.doc).unwrap();
        let cache = DocCache::default();
        let doc = cache.get(g, &data.source, info).unwrap();
        let seg = doc.passage(ev).unwrap();
        let text = plain(&seg);
        assert!(text.contains("清水縣—河北區召開"), "{text}");
        assert!(!text.contains("(qū)"));
        assert!(
            seg.iter()
                .any(|(s, m)| *m == Mark::Name && s.contains("清水縣"))
        );
        let simp = plain(&convert(&seg, ScriptChoice::Simplified));
        assert!(simp.contains("清水县—河北区召开"), "{simp}");
    }
}
