//! `export`: the network as data for other tools — JSON ([`json`]), GEXF
//! 1.3 for Gephi ([`gexf`]), GraphML for Cytoscape, yEd and networkx
//! ([`graphml`]), and three CSV tables ([`csv`]) — and the atomic file
//! write they all go through ([`write_atomic`]).

pub mod csv;
pub mod dynamic;
pub mod gexf;
pub mod graphml;
pub mod json;
mod xmlw;

use std::io::Write;
use std::path::{Path, PathBuf};

use petgraph::stable_graph::NodeIndex;

use crate::extract::Relation;
use crate::gazetteer::Gazetteer;
use crate::network::{Link, Network};
use crate::pipeline::Extraction;
use crate::reference::OfficialEdge;

/// Errors writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file exists and replacing it was not allowed.
    #[error("{} already exists (allow overwriting to replace it)", .0.display())]
    Exists(PathBuf),
    /// The path is a folder where a file was expected.
    #[error("{} is a folder", .0.display())]
    IsDir(PathBuf),
    /// Reading or writing a file failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The XML writer failed (in memory; a bug).
    #[error("writing XML: {0}")]
    Xml(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The JSON writer failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The path's extension names no export format.
    #[error("{}: unknown format (use .gexf, .graphml, .json, or a folder for CSV)", .0.display())]
    UnknownFormat(PathBuf),
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// GraphML (Cytoscape, yEd, networkx, igraph).
    GraphMl,
    /// The JSON of `shanhai extract`.
    Json,
    /// A folder with `nodes.csv`, `edges.csv` and `evidence.csv`.
    CsvDir,
}

impl Format {
    /// The format a path asks for: a path ending in `/` (or an existing
    /// folder) is the CSV folder; otherwise the extension decides
    /// (`.gexf`, `.graphml`/`.xml`, `.json`, case-insensitive).
    pub fn from_path(path: &Path) -> Option<Format> {
        let s = path.as_os_str().to_string_lossy();
        if s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR) || path.is_dir() {
            return Some(Format::CsvDir);
        }
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        Some(match ext.as_str() {
            "gexf" => Format::Gexf,
            "graphml" | "xml" => Format::GraphMl,
            "json" => Format::Json,
            _ => return None,
        })
    }
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same
/// folder, flushed to disk, then renamed over `path`. Readers see the old
/// file or the new one, never half of one; on failure the temporary file
/// is removed. Without `overwrite` an existing `path` is left alone (also
/// when it appears while writing). The new file gets the old file's
/// permissions, or `rw-r--r--` (Unix) for a new one.
///
/// # Errors
/// [`ExportError::Exists`] when `path` exists and `overwrite` is false,
/// [`ExportError::IsDir`] when it is a folder, [`ExportError::Io`] when
/// the folder cannot be written.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    let io_err = |source: std::io::Error| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(std::fs::Metadata::is_dir) {
        return Err(ExportError::IsDir(path.to_path_buf()));
    }
    if existing.is_some() && !overwrite {
        return Err(ExportError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".shanhai-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err)?;
    tmp.write_all(bytes).map_err(io_err)?;
    tmp.flush().map_err(io_err)?;
    let perms = match &existing {
        Some(m) => Some(m.permissions()),
        None => default_permissions(),
    };
    if let Some(p) = perms {
        tmp.as_file().set_permissions(p).map_err(io_err)?;
    }
    tmp.as_file().sync_all().map_err(io_err)?;
    let result = if overwrite {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists && !overwrite => {
            Err(ExportError::Exists(path.to_path_buf()))
        }
        Err(e) => Err(io_err(e.error)),
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// One node with the attributes every format carries.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRow {
    /// The network's node.
    pub index: NodeIndex,
    /// Administrative code (the node id in every format).
    pub code: String,
    /// Official name.
    pub name: String,
    /// `province`, `prefecture`, `county`, `corps` or `division`.
    pub level: &'static str,
    /// Code of the provincial unit.
    pub province_code: String,
    /// Name of the provincial unit.
    pub province: String,
    /// Longitude (GCJ-02).
    pub lon: f64,
    /// Latitude (GCJ-02).
    pub lat: f64,
    /// Links in and out.
    pub degree: usize,
    /// Documents over all links.
    pub weighted_degree: usize,
    /// Links as helper.
    pub out_degree: usize,
    /// Links as helped.
    pub in_degree: usize,
    /// Betweenness centrality (0–1).
    pub betweenness: f64,
}

/// One link with the attributes every format carries.
#[derive(Debug, Clone)]
pub struct EdgeRow<'a> {
    /// Helper's code.
    pub source: String,
    /// Helped region's code.
    pub target: String,
    /// Helper's name.
    pub source_name: String,
    /// Helped region's name.
    pub target_name: String,
    /// The scheme.
    pub relation: Relation,
    /// Number of documents.
    pub documents: usize,
    /// Confidence (0–1).
    pub confidence: f32,
    /// Earliest dated document (ISO), or empty.
    pub first_date: String,
    /// Latest dated document (ISO), or empty.
    pub last_date: String,
    /// The link itself (for the evidence); `None` for an official pair
    /// the articles do not state.
    pub link: Option<&'a Link>,
    /// The status of the official pair this edge is (`confidence`,
    /// `secondary`, `unconfirmed`), or empty.
    pub official: String,
    /// The official pair's schemes (`;`-separated), or empty.
    pub official_schemes: String,
}

impl NodeRow {
    /// The attribute values in the order every format lists them: code,
    /// name, level, province code, province, lon, lat, degree, weighted
    /// degree, out degree, in degree, betweenness.
    pub fn values(&self) -> [String; 12] {
        [
            self.code.clone(),
            self.name.clone(),
            self.level.to_string(),
            self.province_code.clone(),
            self.province.clone(),
            self.lon.to_string(),
            self.lat.to_string(),
            self.degree.to_string(),
            self.weighted_degree.to_string(),
            self.out_degree.to_string(),
            self.in_degree.to_string(),
            format!("{:.6}", self.betweenness),
        ]
    }
}

impl EdgeRow<'_> {
    /// The link attributes in the order the XML formats list them:
    /// relation, documents, confidence, first date, last date, official
    /// status, official schemes.
    pub fn values(&self) -> [String; 7] {
        [
            self.relation.as_str().to_string(),
            self.documents.to_string(),
            self.confidence.to_string(),
            self.first_date.clone(),
            self.last_date.clone(),
            self.official.clone(),
            self.official_schemes.clone(),
        ]
    }
}

/// The nodes of a network with their attributes, sorted by code.
///
/// # Complexity
/// O(V · E) for betweenness.
pub fn node_rows(g: &Gazetteer, net: &Network) -> Vec<NodeRow> {
    let stats = net.stats();
    let mut rows: Vec<NodeRow> = net
        .graph
        .node_indices()
        .map(|i| {
            let reg = g.region(net.graph[i]);
            let prov = g.region(reg.province);
            let st = stats.get(&i).copied().unwrap_or_default();
            NodeRow {
                index: i,
                code: reg.code.clone(),
                name: reg.name.clone(),
                level: reg.level.as_str(),
                province_code: prov.code.clone(),
                province: prov.name.clone(),
                lon: reg.lon,
                lat: reg.lat,
                degree: st.degree,
                weighted_degree: st.weighted_degree,
                out_degree: st.out_degree,
                in_degree: st.in_degree,
                betweenness: st.betweenness,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    rows
}

/// The links of a network with their attributes, sorted by (helper code,
/// helped code, relation). With `official` (the overlay's pairs whose ends
/// are in the network, [`crate::reference::official_edges`]), a stated link
/// that is an official pair carries its status and schemes, and each
/// official pair the articles do not state is one more edge with no
/// documents.
///
/// # Complexity
/// O((E + O) log (E + O)) for O official pairs.
pub fn edge_rows<'a>(
    g: &Gazetteer,
    net: &'a Network,
    official: &[OfficialEdge],
) -> Vec<EdgeRow<'a>> {
    let official_of = |a, b, r| {
        official
            .iter()
            .find(|o| o.pair.helper == a && o.pair.helped == b && o.pair.relation == r)
            .map(|o| (o.pair.status.as_str().to_string(), o.schemes.join(";")))
            .unwrap_or_default()
    };
    let mut rows: Vec<EdgeRow<'a>> = net
        .sorted_links()
        .into_iter()
        .map(|(a, b, l)| {
            let (status, schemes) = official_of(a, b, l.relation);
            EdgeRow {
                source: g.region(a).code.clone(),
                target: g.region(b).code.clone(),
                source_name: g.region(a).name.clone(),
                target_name: g.region(b).name.clone(),
                relation: l.relation,
                documents: l.weight(),
                confidence: l.confidence,
                first_date: l.first.map(|d| d.iso()).unwrap_or_default(),
                last_date: l.last.map(|d| d.iso()).unwrap_or_default(),
                link: Some(l),
                official: status,
                official_schemes: schemes,
            }
        })
        .collect();
    for o in official.iter().filter(|o| !o.stated) {
        let (a, b) = (o.pair.helper, o.pair.helped);
        rows.push(EdgeRow {
            source: g.region(a).code.clone(),
            target: g.region(b).code.clone(),
            source_name: g.region(a).name.clone(),
            target_name: g.region(b).name.clone(),
            relation: o.pair.relation,
            documents: 0,
            confidence: 0.0,
            first_date: String::new(),
            last_date: String::new(),
            link: None,
            official: o.pair.status.as_str().to_string(),
            official_schemes: o.schemes.join(";"),
        });
    }
    rows.sort_by(|a, b| {
        (&a.source, &a.target, a.relation).cmp(&(&b.source, &b.target, b.relation))
    });
    rows
}

/// What an export writes: the extraction (documents, evidence), the
/// network at its level, layout positions (`net.graph.node_indices()`
/// order, for GEXF) and the official pairs of the overlay (may be empty).
#[derive(Clone, Copy)]
pub struct Content<'a> {
    /// The extraction.
    pub ex: &'a Extraction,
    /// The network to write.
    pub net: &'a Network,
    /// Positions for GEXF's `viz:position`.
    pub positions: Option<&'a [[f32; 2]]>,
    /// The overlay ([`crate::reference::overlay_for`]).
    pub official: &'a [OfficialEdge],
}

/// Writes the network in `format` to `path` (for [`Format::CsvDir`], the
/// folder, created if needed, receives the three tables). `positions`
/// (in `net.graph.node_indices()` order) go into GEXF as `viz:position`.
/// Returns the files written.
///
/// With `official` (may be empty), the official pairs of the overlay go
/// along: as edge attributes and edges without documents in GEXF, GraphML
/// and `edges.csv`, as the `official` list in JSON.
///
/// Nothing is written when any target exists and `overwrite` is false.
///
/// # Errors
/// See [`write_atomic`]; also [`ExportError::Io`] when the CSV folder
/// cannot be created.
pub fn write(
    path: &Path,
    format: Format,
    g: &Gazetteer,
    content: &Content<'_>,
    overwrite: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    let Content {
        ex,
        net,
        positions,
        official,
    } = *content;
    let files: Vec<(PathBuf, Vec<u8>)> = match format {
        Format::Gexf => vec![(
            path.to_path_buf(),
            gexf::to_bytes(g, net, positions, official)?,
        )],
        Format::GraphMl => vec![(path.to_path_buf(), graphml::to_bytes(g, net, official)?)],
        Format::Json => {
            let mut out = json::build(g, ex, net);
            out.official = json::official_out(g, official);
            let mut bytes = serde_json::to_vec_pretty(&out)?;
            bytes.push(b'\n');
            vec![(path.to_path_buf(), bytes)]
        }
        Format::CsvDir => {
            if path.exists() && !path.is_dir() {
                return Err(ExportError::Exists(path.to_path_buf()));
            }
            std::fs::create_dir_all(path).map_err(|source| ExportError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            vec![
                (path.join(csv::NODES), csv::nodes(g, net)?),
                (path.join(csv::EDGES), csv::edges(g, net, official)?),
                (path.join(csv::EVIDENCE), csv::evidence(g, net, ex)?),
            ]
        }
    };
    if !overwrite && let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(ExportError::Exists(p.clone()));
    }
    for (p, bytes) in &files {
        write_atomic(p, bytes, overwrite)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}
