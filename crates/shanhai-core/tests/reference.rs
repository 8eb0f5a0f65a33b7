//! The official pairing table (issue 12): its consistency, its knowledge
//! for the extractor, the overlay by scheme and year, coverage, and the
//! exports that carry it.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{gaz, id};
use shanhai_core::gazetteer::Level;
use shanhai_core::network::ViewLevel;
use shanhai_core::reference::{
    OfficialFilter, Reference, Status, official_edges, overlay_for, unofficial_links,
};

fn table() -> &'static Reference {
    Reference::embedded(gaz())
}

#[test]
fn the_table_is_consistent_and_large_enough() {
    let r = table();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(r.pairs.len() >= 400, "{} rows", r.pairs.len());
    let fine = r
        .pairs
        .iter()
        .filter(|p| {
            [p.helper, p.helped]
                .iter()
                .any(|&x| gaz().region(x).level != Level::Province)
        })
        .count();
    assert!(fine >= 250, "{fine} rows at prefecture level or finer");
    // No duplicate rows.
    let mut seen = BTreeSet::new();
    for p in &r.pairs {
        assert!(
            seen.insert((p.scheme.clone(), p.helper, p.helped, p.since)),
            "duplicate {} {}→{}",
            p.scheme,
            gaz().region(p.helper).name,
            gaz().region(p.helped).name
        );
        assert_ne!(p.helper, p.helped);
        assert!(!p.source.is_empty(), "a row without a source");
        if let (Some(a), Some(b)) = (p.since, p.until) {
            assert!(a <= b);
        }
    }
    // The schemes the issue asks for have rows.
    let schemes: BTreeSet<&str> = r.schemes().into_iter().collect();
    for s in [
        "east_west_cooperation",
        "east_west_county",
        "counterpart_support_xinjiang",
        "counterpart_support_tibet",
        "counterpart_support_qinghai",
        "three_gorges",
        "wenchuan_reconstruction",
        "northeast_east_cooperation",
        "old_revolutionary_areas",
        "hubei_2020",
        "guangdong_intra",
        "jiangsu_south_north",
        "zhejiang_mountain_sea",
    ] {
        assert!(schemes.contains(s), "no rows for {s}");
    }
    // Every status is one of the three, and each occurs.
    let statuses: BTreeSet<Status> = r.pairs.iter().map(|p| p.status).collect();
    assert!(statuses.contains(&Status::Confirmed) && statuses.contains(&Status::Secondary));
    // Corps divisions are helped with their own codes.
    assert!(
        r.pairs
            .iter()
            .any(|p| gaz().region(p.helped).level == Level::Division)
    );
}

#[test]
fn the_generated_csv_matches_the_lists() {
    // Every list row is in the table (the build script resolved it).
    let lists = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/reference/lists"
    ))
    .expect("the lists folder");
    let mut rows = 0usize;
    for e in lists.flatten() {
        let text = std::fs::read_to_string(e.path()).expect("a list");
        rows += text
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
    }
    assert_eq!(rows, table().pairs.len());
}

#[test]
fn knowledge_for_the_extractor() {
    let (g, r) = (gaz(), table());
    // 天津市河北区 → 天水市清水县 lies within 天津 → 甘肃.
    let c = r
        .cover(g, id("620521"), id("120105"), None)
        .expect("an official pair");
    assert!(!c.first_helps && c.within);
    // 浙江省 → 第一师 (援疆), with the division's own code.
    let c = r.cover(g, id("330000"), id("X6601"), None).expect("援疆");
    assert!(c.first_helps);
    // A pair in force only from its year.
    let p = &r.pairs[c.pair];
    assert!(p.in_force(None));
}

#[test]
fn the_overlay_filters_by_scheme_and_year() {
    let (g, r) = (gaz(), table());
    let all = r.overlay_pairs(g, ViewLevel::Province, &OfficialFilter::default());
    let tibet_hidden = OfficialFilter {
        hidden_schemes: BTreeSet::from(["counterpart_support_tibet".to_string()]),
        years: None,
    };
    let no_tibet = r.overlay_pairs(g, ViewLevel::Province, &tibet_hidden);
    let tibet_rows = |pairs: &[shanhai_core::reference::OverlayPair]| {
        pairs
            .iter()
            .flat_map(|o| &o.rows)
            .filter(|&&i| r.pairs[i].scheme == "counterpart_support_tibet")
            .count()
    };
    assert!(tibet_rows(&all) >= 50);
    assert_eq!(tibet_rows(&no_tibet), 0);
    assert!(no_tibet.len() < all.len());
    // In 2020 the Hubei pairs are in force; in 2015 they are not.
    let hb = id("420000");
    let in_year = |y: u16| {
        r.overlay_pairs(
            g,
            ViewLevel::Province,
            &OfficialFilter {
                hidden_schemes: BTreeSet::new(),
                years: Some((y, y)),
            },
        )
        .iter()
        .any(|o| o.helped == hb && o.rows.iter().any(|&i| r.pairs[i].scheme == "hubei_2020"))
    };
    assert!(in_year(2020));
    assert!(!in_year(2015));
}

#[test]
fn coverage_of_the_sample() {
    let (g, r) = (gaz(), table());
    let ex = shanhai_core::pipeline::process(g, shanhai_core::corpus::sample());
    let counts = r.article_counts(g, &ex);
    let cov = r.coverage(&counts, &OfficialFilter::default());
    let by: BTreeMap<&str, (usize, usize)> = cov
        .iter()
        .map(|c| (c.scheme.as_str(), (c.stated, c.pairs)))
        .collect();
    // The sample states 天津→甘肃 (and county pairs of it) and 天津's
    // Xinjiang pairs; most pairs of every scheme it never states.
    let (stated, pairs) = by["east_west_cooperation"];
    assert!(stated >= 1 && stated < pairs, "{stated}/{pairs}");
    let (stated, _) = by["counterpart_support_xinjiang"];
    assert!(stated >= 1);
    for c in &cov {
        assert_eq!(c.stated + c.not_stated.len(), c.pairs);
    }
    // What the sample states beyond the lists, at the stated level.
    let net = ex.network();
    let extra = unofficial_links(g, r, &net);
    assert!(extra.len() < net.edge_count());
}

#[test]
fn exports_carry_the_overlay() {
    let g = gaz();
    let ex = shanhai_core::pipeline::process(g, shanhai_core::corpus::sample());
    let mut net = ex.network().roll_up(g, ViewLevel::Province);
    let before = net.node_count();
    let official = overlay_for(
        g,
        table(),
        &mut net,
        ViewLevel::Province,
        &OfficialFilter::default(),
        &BTreeSet::new(),
    );
    // 山东→重庆 is official, touches the network, and is not stated: its far
    // end joins.
    assert!(net.node_count() > before);
    let (sd, cq) = (id("370000"), id("500000"));
    let e = official
        .iter()
        .find(|o| o.pair.helper == sd && o.pair.helped == cq)
        .expect("山东→重庆");
    assert!(!e.stated);
    assert!(official.iter().any(|o| o.stated), "天津→甘肃 is stated");
    assert_eq!(
        official_edges(
            table(),
            &net,
            &official.iter().map(|o| o.pair.clone()).collect::<Vec<_>>()
        ),
        official
    );
    // GEXF: an edge without documents, with its status.
    let gexf = String::from_utf8(
        shanhai_core::export::gexf::to_bytes(g, &net, None, &official).expect("gexf"),
    )
    .expect("utf-8");
    assert!(
        gexf.contains("source=\"370000\" target=\"500000\""),
        "{gexf}"
    );
    assert!(gexf.contains("for=\"official\""));
    // CSV: a row for it with 0 documents.
    let csv = String::from_utf8(shanhai_core::export::csv::edges(g, &net, &official).expect("csv"))
        .expect("utf-8");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("370000,500000,") && l.contains(",0,0,")),
        "{csv}"
    );
    // JSON: the official list.
    let mut out = shanhai_core::export::json::build(g, &ex, &net);
    out.official = shanhai_core::export::json::official_out(g, &official);
    let json = serde_json::to_value(&out).expect("json");
    let list = json["official"].as_array().expect("an official list");
    assert!(
        list.iter()
            .any(|o| o["helper"] == "370000" && o["stated"] == false)
    );
    // The picture: a dashed ochre line.
    let positions = shanhai_core::layout::geographic(
        g,
        &shanhai_core::layout::LayoutGraph::from_network(&net).nodes,
    );
    let mut scene = shanhai_core::scene::Scene::build(
        g,
        &net,
        &positions,
        &shanhai_core::scene::Style::default(),
    );
    let n = scene.edges.len();
    scene.add_official(g, &official);
    let dashed = scene.edges.len() - n;
    assert_eq!(dashed, official.iter().filter(|o| !o.stated).count());
    assert!(scene.legend.iter().any(|l| l.label.contains("官方结对")));
}
