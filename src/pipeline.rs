//! The whole pipeline for a folder: corpus → text → gazetteer → extract,
//! in parallel, keeping per document only what later stages need (the
//! evidence spans, not the texts).

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{Corpus, DocDate, Document, Problem};
use crate::extract::{Pairing, extract_document};
use crate::gazetteer::{Gazetteer, Mention, RegionId};
use crate::network::Network;
use crate::text::{Analysis, Script, analyse};

/// What is kept of one article.
#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    /// Stable id (index in path order).
    pub id: u32,
    /// Path relative to the opened folder.
    pub path: PathBuf,
    /// Title.
    pub title: Option<String>,
    /// Date the text states.
    pub date: Option<DocDate>,
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
#[derive(Debug, Clone, Default)]
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

fn process_one(g: &Gazetteer, d: &Document) -> (DocInfo, Vec<(RegionId, usize)>, Vec<Pairing>) {
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
        script: a.analysis.script(),
        encoding: d.encoding.clone(),
        problems: d.problems.clone(),
        size: d.size,
        pairings: a.pairings.len(),
        mentions: counts.values().sum(),
    };
    (info, counts.into_iter().collect(), a.pairings)
}

/// Runs the pipeline over a loaded corpus, in parallel.
///
/// # Complexity
/// Linear in the corpus size.
pub fn process(g: &Gazetteer, corpus: Corpus) -> Extraction {
    let results: Vec<_> = corpus
        .documents
        .par_iter()
        .map(|d| process_one(g, d))
        .collect();
    let mut ex = Extraction {
        root: corpus.root,
        problems: corpus.problems,
        ..Default::default()
    };
    for (info, counts, pairings) in results {
        ex.documents.push(info);
        for (r, n) in counts {
            *ex.mention_counts.entry(r).or_default() += n;
        }
        ex.pairings.extend(pairings);
    }
    ex
}

impl Extraction {
    /// The network of all pairings, as stated.
    pub fn network(&self) -> Network {
        let dates: Vec<Option<DocDate>> = self.documents.iter().map(|d| d.date).collect();
        Network::build(&self.pairings, &|doc| {
            dates.get(doc as usize).copied().flatten()
        })
    }
}
