//! Data exports: GEXF and GraphML parse back, CSV tables have one row per
//! item, and writes are atomic and careful.

mod common;

use std::collections::BTreeMap;

use common::gaz;
use quick_xml::Reader;
use quick_xml::events::Event;
use shanhai_core::export::{self, ExportError, Format, write_atomic};
use shanhai_core::layout::{LayoutGraph, geographic};
use shanhai_core::network::{Network, ViewLevel};
use shanhai_core::pipeline::{Extraction, process};

fn content<'a>(ex: &'a Extraction, net: &'a Network) -> export::Content<'a> {
    export::Content {
        ex,
        net,
        positions: None,
        official: &[],
    }
}

fn sample(level: ViewLevel) -> (Extraction, Network) {
    let ex = process(gaz(), shanhai_core::corpus::sample());
    let net = ex.network().roll_up(gaz(), level);
    (ex, net)
}

/// What an XML document holds: element counts, and every element's
/// attributes (name → list of attribute maps), and text of `<data>`.
#[derive(Default)]
struct Parsed {
    counts: BTreeMap<String, usize>,
    attrs: BTreeMap<String, Vec<BTreeMap<String, String>>>,
    data: Vec<(String, String)>,
}

fn parse(xml: &[u8]) -> Parsed {
    let text = std::str::from_utf8(xml).expect("UTF-8");
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(true);
    let mut out = Parsed::default();
    let mut depth = 0i32;
    let mut data_key: Option<String> = None;
    loop {
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => panic!("XML error at {}: {e}", r.buffer_position()),
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let mut map = BTreeMap::new();
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                    let v = a.unescape_value().expect("value").into_owned();
                    map.insert(k, v);
                }
                if name == "data" {
                    data_key = map.get("key").cloned();
                }
                *out.counts.entry(name.clone()).or_default() += 1;
                out.attrs.entry(name).or_default().push(map);
                if matches!(ev, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::Text(t) => {
                if let Some(k) = data_key.take() {
                    let v = t.decode().expect("text").into_owned();
                    out.data.push((k, v));
                }
            }
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
    out
}

#[test]
fn gexf_of_the_sample_parses_back() {
    for level in [ViewLevel::Province, ViewLevel::Stated] {
        let (_, net) = sample(level);
        let graph = LayoutGraph::from_network(&net);
        let pos = geographic(gaz(), &graph.nodes);
        let bytes = export::gexf::to_bytes(gaz(), &net, Some(&pos), &[]).expect("gexf");
        let p = parse(&bytes);
        assert_eq!(p.counts.get("gexf"), Some(&1));
        assert_eq!(
            p.attrs["gexf"][0].get("version").map(String::as_str),
            Some("1.3")
        );
        assert_eq!(p.counts.get("node"), Some(&net.node_count()), "{level:?}");
        assert_eq!(p.counts.get("edge"), Some(&net.edge_count()), "{level:?}");
        assert_eq!(p.counts.get("viz:position"), Some(&net.node_count()));
        let node_ids: Vec<&str> = p.attrs["node"]
            .iter()
            .filter_map(|m| m.get("id").map(String::as_str))
            .collect();
        assert!(node_ids.contains(&"120000"), "{node_ids:?}");
        // Declared attributes.
        let declared: Vec<&str> = p.attrs["attribute"]
            .iter()
            .filter_map(|m| m.get("id").map(String::as_str))
            .collect();
        for a in [
            "code",
            "name",
            "level",
            "province",
            "lon",
            "lat",
            "degree",
            "relation",
            "documents",
            "first_date",
        ] {
            assert!(declared.contains(&a), "attribute {a} not declared");
        }
        // Values: 天津's code, and every edge's relation and documents.
        let values: Vec<(&str, &str)> = p.attrs["attvalue"]
            .iter()
            .map(|m| (m["for"].as_str(), m["value"].as_str()))
            .collect();
        assert!(values.contains(&("code", "120000")));
        assert!(values.contains(&("name", "天津市")));
        assert_eq!(
            values.iter().filter(|(k, _)| *k == "relation").count(),
            net.edge_count()
        );
        assert_eq!(
            values.iter().filter(|(k, _)| *k == "code").count(),
            net.node_count()
        );
        // Edge endpoints are node ids.
        for e in &p.attrs["edge"] {
            assert!(node_ids.contains(&e["source"].as_str()));
            assert!(node_ids.contains(&e["target"].as_str()));
            assert!(e["weight"].parse::<usize>().is_ok_and(|w| w >= 1));
        }
    }
}

#[test]
fn gexf_province_edges_are_the_known_pairs() {
    let (_, net) = sample(ViewLevel::Province);
    let p = parse(&export::gexf::to_bytes(gaz(), &net, None, &[]).expect("gexf"));
    let mut pairs: Vec<(String, String)> = p.attrs["edge"]
        .iter()
        .map(|e| (e["source"].clone(), e["target"].clone()))
        .collect();
    pairs.sort();
    pairs.dedup();
    let want: Vec<(String, String)> = [
        ("120000", "620000"),
        ("120000", "650000"),
        ("370000", "620000"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(pairs, want);
    assert!(!p.counts.contains_key("viz:position"));
}

#[test]
fn graphml_of_the_sample_parses_back() {
    let (_, net) = sample(ViewLevel::Stated);
    let bytes = export::graphml::to_bytes(gaz(), &net, &[]).expect("graphml");
    let p = parse(&bytes);
    assert_eq!(p.counts.get("graphml"), Some(&1));
    assert_eq!(p.counts.get("node"), Some(&net.node_count()));
    assert_eq!(p.counts.get("edge"), Some(&net.edge_count()));
    assert_eq!(
        p.attrs["graph"][0].get("edgedefault").map(String::as_str),
        Some("directed")
    );
    let keys: Vec<(&str, &str, &str)> = p.attrs["key"]
        .iter()
        .map(|m| (m["id"].as_str(), m["for"].as_str(), m["attr.type"].as_str()))
        .collect();
    for k in [
        ("code", "node", "string"),
        ("lon", "node", "double"),
        ("degree", "node", "int"),
        ("relation", "edge", "string"),
        ("documents", "edge", "int"),
    ] {
        assert!(keys.contains(&k), "key {k:?} missing");
    }
    assert!(p.data.contains(&("code".into(), "120000".into())));
    assert!(p.data.contains(&("name".into(), "天津市".into())));
    assert_eq!(
        p.data.iter().filter(|(k, _)| k == "relation").count(),
        net.edge_count()
    );
    let ids: Vec<&str> = p.attrs["node"].iter().map(|m| m["id"].as_str()).collect();
    for e in &p.attrs["edge"] {
        assert!(ids.contains(&e["source"].as_str()) && ids.contains(&e["target"].as_str()));
    }
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_tables_have_a_header_and_one_row_per_item() {
    let (ex, net) = sample(ViewLevel::Stated);
    let (h, nodes) = read_csv(&export::csv::nodes(gaz(), &net).expect("nodes"));
    assert_eq!(h, export::csv::NODE_COLUMNS);
    assert_eq!(nodes.len(), net.node_count());
    assert!(nodes.iter().any(|r| r[0] == "120000" && r[1] == "天津市"));
    let (h, edges) = read_csv(&export::csv::edges(gaz(), &net, &[]).expect("edges"));
    assert_eq!(h, export::csv::EDGE_COLUMNS);
    assert_eq!(edges.len(), net.edge_count());
    let (h, ev) = read_csv(&export::csv::evidence(gaz(), &net, &ex).expect("evidence"));
    assert_eq!(h, export::csv::EVIDENCE_COLUMNS);
    let n_ev: usize = net.graph.edge_weights().map(|l| l.evidence.len()).sum();
    assert!(n_ev > 0);
    assert_eq!(ev.len(), n_ev);
    // Every evidence row names a document of the sample and a sentence.
    for r in &ev {
        assert!(!r[4].is_empty(), "no path: {r:?}");
        assert!(!r[10].is_empty(), "no text: {r:?}");
    }
    // Evidence counts in edges.csv add up.
    let total: usize = edges
        .iter()
        .map(|r| r[9].parse::<usize>().expect("count"))
        .sum();
    assert_eq!(total, n_ev);
}

#[test]
fn write_atomic_refuses_to_overwrite_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.gexf");
    write_atomic(&path, b"first", false).expect("new file");
    assert_eq!(std::fs::read(&path).expect("read"), b"first");
    match write_atomic(&path, b"second", false) {
        Err(ExportError::Exists(p)) => assert_eq!(p, path),
        other => panic!("expected Exists, got {other:?}"),
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"first",
        "file was changed"
    );
    write_atomic(&path, b"third", true).expect("overwrite");
    assert_eq!(std::fs::read(&path).expect("read"), b"third");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["out.gexf"], "temporary files left behind");
    // A folder is never replaced; a missing folder is an I/O error.
    assert!(matches!(
        write_atomic(dir.path(), b"x", true),
        Err(ExportError::IsDir(_))
    ));
    assert!(matches!(
        write_atomic(&dir.path().join("missing/out.csv"), b"x", true),
        Err(ExportError::Io { .. })
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
}

#[test]
fn formats_follow_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(Format::from_path("a.gexf".as_ref()), Some(Format::Gexf));
    assert_eq!(
        Format::from_path("a.GraphML".as_ref()),
        Some(Format::GraphMl)
    );
    assert_eq!(Format::from_path("a.json".as_ref()), Some(Format::Json));
    assert_eq!(Format::from_path("out/".as_ref()), Some(Format::CsvDir));
    assert_eq!(Format::from_path(dir.path()), Some(Format::CsvDir));
    assert_eq!(Format::from_path("a.png".as_ref()), None);
}

#[test]
fn write_all_formats_and_refuse_existing_csv_tables() {
    let (ex, net) = sample(ViewLevel::Province);
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, format) in [
        ("n.gexf", Format::Gexf),
        ("n.graphml", Format::GraphMl),
        ("n.json", Format::Json),
    ] {
        let path = dir.path().join(name);
        let written = export::write(&path, format, gaz(), &content(&ex, &net), false).expect(name);
        assert_eq!(written, std::slice::from_ref(&path));
        assert!(std::fs::metadata(&path).expect("written").len() > 100);
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("n.json")).expect("json"))
            .expect("parses");
    assert_eq!(
        json["pairings"].as_array().map(Vec::len),
        Some(net.edge_count())
    );
    let csv_dir = dir.path().join("tables");
    let written =
        export::write(&csv_dir, Format::CsvDir, gaz(), &content(&ex, &net), false).expect("csv");
    assert_eq!(written.len(), 3);
    for f in ["nodes.csv", "edges.csv", "evidence.csv"] {
        assert!(csv_dir.join(f).is_file(), "{f} missing");
    }
    // Again without overwrite: refused, nothing changed; with it: fine.
    std::fs::write(csv_dir.join("edges.csv"), "mine").expect("write");
    assert!(matches!(
        export::write(&csv_dir, Format::CsvDir, gaz(), &content(&ex, &net), false),
        Err(ExportError::Exists(_))
    ));
    assert_eq!(
        std::fs::read_to_string(csv_dir.join("edges.csv")).expect("read"),
        "mine"
    );
    export::write(&csv_dir, Format::CsvDir, gaz(), &content(&ex, &net), true).expect("overwrite");
    assert_ne!(
        std::fs::read_to_string(csv_dir.join("edges.csv")).expect("read"),
        "mine"
    );
}
