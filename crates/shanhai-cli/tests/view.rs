//! `shanhai render` and `shanhai export` take the app's filters: the
//! network they write is the filtered one, on the embedded sample.

use std::process::Command;

fn shanhai(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shanhai"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The JSON export of the sample with these view arguments.
fn export(extra: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("net.json");
    let out_s = out.to_str().expect("a UTF-8 path");
    let mut args = vec!["export", "sample", "-o", out_s];
    args.extend_from_slice(extra);
    let run = shanhai(&args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("the export is written");
    serde_json::from_str(&text).expect("the export is JSON")
}

fn pairs(v: &serde_json::Value) -> Vec<(String, String, String, u64)> {
    let mut out: Vec<_> = v["pairings"]
        .as_array()
        .expect("a pairings list")
        .iter()
        .map(|p| {
            (
                p["helper_name"].as_str().unwrap_or("").to_string(),
                p["helped_name"].as_str().unwrap_or("").to_string(),
                p["relation"].as_str().unwrap_or("").to_string(),
                p["documents"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn export_follows_level_relation_and_months() {
    let all = pairs(&export(&["--level", "province"]));
    assert!(all.iter().any(|p| p.0 == "天津市" && p.1 == "甘肃省"));
    assert!(all.iter().any(|p| p.2 == "counterpart_support"));

    let east_west = pairs(&export(&[
        "--level",
        "province",
        "--hide-relation",
        "counterpart_support",
    ]));
    assert!(!east_west.is_empty());
    assert!(east_west.iter().all(|p| p.2 != "counterpart_support"));
    assert!(east_west.len() < all.len());

    // Only the article of April 2023 (the delegation to Tianjin).
    let april = export(&[
        "--level", "province", "--from", "2023-04", "--to", "2023-04",
    ]);
    let april_pairs = pairs(&april);
    assert_eq!(april_pairs.len(), 1, "{april_pairs:?}");
    assert_eq!(
        (april_pairs[0].0.as_str(), april_pairs[0].1.as_str()),
        ("天津市", "甘肃省")
    );
    let docs: Vec<u64> = april["pairings"][0]["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .filter_map(|e| e["doc"].as_u64())
        .collect();
    assert!(!docs.is_empty() && docs.iter().all(|&d| d == 1), "{docs:?}");

    // Links stated by at least 3 articles.
    let strong = pairs(&export(&["--level", "province", "--min-articles", "3"]));
    assert!(
        !strong.is_empty() && strong.iter().all(|p| p.3 >= 3),
        "{strong:?}"
    );
    assert!(strong.len() < all.len());
}

#[test]
fn export_official_overlay_and_hidden_schemes() {
    let with = export(&["--level", "province", "--official"]);
    let official = with["official"].as_array().expect("an official list");
    assert!(!official.is_empty());
    let without_ew = export(&[
        "--level",
        "province",
        "--official",
        "--hide-scheme",
        "east_west_cooperation",
    ]);
    let fewer = without_ew["official"].as_array().expect("an official list");
    assert!(fewer.len() < official.len());
    let no_overlay = export(&["--level", "province"]);
    assert!(
        no_overlay
            .get("official")
            .is_none_or(|o| o.as_array().is_some_and(|a| a.is_empty()))
    );
}

#[test]
fn bad_view_arguments_give_one_line() {
    let run = shanhai(&[
        "render",
        "sample",
        "-o",
        "never.png",
        "--from",
        "2024-02",
        "--to",
        "2023-01",
    ]);
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("--from 2024-02 is after --to 2023-01"),
        "{err}"
    );
    assert!(!std::path::Path::new("never.png").exists());
}
