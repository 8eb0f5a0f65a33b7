//! The whole pipeline for a folder: corpus → text → gazetteer → extract,
//! in parallel, keeping per document only what later stages need (the
//! evidence spans, not the texts).
//!
//! [`process_folder`] streams: the files are listed first, then each worker
//! thread reads, decodes, analyses and extracts one file and drops its text
//! before taking the next, so memory holds [`DocInfo`]s and [`Pairing`]s
//! (with their evidence sentences), never the corpus. [`process`] does the
//! same for a corpus already in memory (the embedded sample); both give the
//! same [`Extraction`] for the same files, whatever the number of threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{
    self, Corpus, CorpusError, DateSource, DocDate, Document, LoadOptions, Mapped, Problem,
    Progress,
};
use crate::extract::{Pairing, extract_document};
use crate::gazetteer::{Gazetteer, Mention, RegionId};
use crate::network::Network;
use crate::text::{Analysis, Script, analyse};

/// What is kept of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocInfo {
    /// Stable id (index in path order).
    pub id: u32,
    /// Path relative to the opened folder.
    pub path: PathBuf,
    /// Title.
    pub title: Option<String>,
    /// Date of the article ([`crate::corpus::date_of`]).
    pub date: Option<DocDate>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// Script of the text.
    pub script: Script,
    /// Encoding it was decoded from.
    pub encoding: String,
    /// Non-fatal problems.
    pub problems: Vec<String>,
    /// Size on disk in bytes.
    pub size: u64,
    /// Number of pairings stated in it.
    pub pairings: usize,
    /// Number of region mentions outside boilerplate.
    pub mentions: usize,
}

/// The result of running the pipeline over a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// The opened folder.
    pub root: PathBuf,
    /// Articles, by id.
    pub documents: Vec<DocInfo>,
    /// Files that could not be used.
    pub problems: Vec<Problem>,
    /// Mentions outside boilerplate, per region.
    pub mention_counts: BTreeMap<RegionId, usize>,
    /// Pairings, per document (not merged).
    pub pairings: Vec<Pairing>,
}

/// Everything the pipeline finds in one article.
pub struct Analysed {
    /// The text stage.
    pub analysis: Analysis,
    /// Region mentions.
    pub mentions: Vec<Mention>,
    /// Pairings.
    pub pairings: Vec<Pairing>,
}

/// Runs text, gazetteer and extract on one article's original text.
pub fn analyse_text(g: &Gazetteer, doc: u32, original: &str) -> Analysed {
    let analysis = analyse(original);
    let mentions = g.find_mentions(&analysis);
    let pairings = extract_document(g, doc, original, &analysis, &mentions);
    Analysed {
        analysis,
        mentions,
        pairings,
    }
}

/// What is kept of one document: its record, its mention counts per region
/// and its pairings.
type Processed = (DocInfo, Vec<(RegionId, usize)>, Vec<Pairing>);

fn process_one(g: &Gazetteer, d: &Document) -> Processed {
    let a = analyse_text(g, d.id, &d.text);
    let mut counts: BTreeMap<RegionId, usize> = BTreeMap::new();
    for m in a.mentions.iter().filter(|m| !m.boilerplate) {
        if let Some(r) = m.region {
            *counts.entry(r).or_default() += 1;
        }
    }
    let info = DocInfo {
        id: d.id,
        path: d.path.clone(),
        title: d.title.as_deref().map(crate::text::strip_annotations),
        date: d.date,
        date_source: d.date_source,
        script: a.analysis.script(),
        encoding: d.encoding.clone(),
        problems: d.problems.clone(),
        size: d.size,
        pairings: a.pairings.len(),
        mentions: counts.values().sum(),
    };
    // What is kept lives as long as the extraction: no spare capacity.
    let mut pairings = a.pairings;
    pairings.shrink_to_fit();
    for p in &mut pairings {
        p.evidence.shrink_to_fit();
        for e in &mut p.evidence {
            e.names.shrink_to_fit();
        }
    }
    (info, counts.into_iter().collect(), pairings)
}

/// Puts the per-document results together, in order, numbering the
/// documents (and their evidence) by position.
fn assemble(root: PathBuf, results: Vec<Processed>, problems: Vec<Problem>) -> Extraction {
    let mut ex = Extraction {
        root,
        problems,
        documents: Vec::with_capacity(results.len()),
        ..Default::default()
    };
    for (i, (mut info, counts, mut pairings)) in results.into_iter().enumerate() {
        let id = u32::try_from(i).unwrap_or(u32::MAX);
        if info.id != id {
            info.id = id;
            for e in pairings.iter_mut().flat_map(|p| p.evidence.iter_mut()) {
                e.doc = id;
            }
        }
        ex.documents.push(info);
        for (r, n) in counts {
            *ex.mention_counts.entry(r).or_default() += n;
        }
        ex.pairings.extend(pairings);
    }
    ex
}

/// Runs the pipeline over a loaded corpus, in parallel.
///
/// # Complexity
/// Linear in the corpus size.
pub fn process(g: &Gazetteer, corpus: Corpus) -> Extraction {
    let results: Vec<Processed> = corpus
        .documents
        .par_iter()
        .map(|d| process_one(g, d))
        .collect();
    assemble(corpus.root, results, corpus.problems)
}

/// Lists the files under `root` and runs the whole pipeline on each in
/// parallel (`opts.threads`), streaming: a file's text is dropped as soon as
/// its pairings are extracted.
///
/// The result is the same as `process(g, load_folder(root, opts, progress)?)`
/// (documents sorted by path, ids in path order) and does not depend on the
/// number of threads. [`Progress::file_done`] is called once a file is fully
/// processed; [`Progress::cancelled`] is polled during listing and before
/// each file, and a cancelled run returns [`CorpusError::Cancelled`] having
/// freed everything it held.
///
/// # Errors
/// As [`corpus::load_folder`]: only for the root and for cancellation; files
/// that cannot be used are [`Extraction::problems`].
///
/// # Complexity
/// O(entries) for the listing plus O(total bytes) spread over the threads;
/// memory O(files + evidence), independent of the size of the texts.
pub fn process_folder(
    g: &Gazetteer,
    root: &Path,
    opts: &LoadOptions,
    progress: &dyn Progress,
) -> Result<Extraction, CorpusError> {
    let mapped = corpus::map_folder(root, opts, progress, &|d| process_one(g, &d))?;
    Ok(finish(mapped))
}

/// [`process_folder`] for explicitly given files (dropped on the window),
/// as [`corpus::load_files`].
///
/// # Errors
/// As [`corpus::load_files`].
pub fn process_files(
    g: &Gazetteer,
    root: &Path,
    files: &[PathBuf],
    opts: &LoadOptions,
    progress: &dyn Progress,
) -> Result<Extraction, CorpusError> {
    let mapped = corpus::map_files(root, files, opts, progress, &|d| process_one(g, &d))?;
    Ok(finish(mapped))
}

fn finish(mapped: Mapped<Processed>) -> Extraction {
    assemble(mapped.root, mapped.items, mapped.problems)
}

impl Extraction {
    /// The network of all pairings, as stated.
    pub fn network(&self) -> Network {
        Network::build(&self.pairings, &|doc| self.date_of(doc))
    }

    /// The date of document `doc` (`None` for none, or no such document):
    /// what [`Network::build`] and the dynamic export ask of each
    /// document.
    pub fn date_of(&self, doc: u32) -> Option<DocDate> {
        self.documents.get(doc as usize).and_then(|d| d.date)
    }
}
