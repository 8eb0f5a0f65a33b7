//! `shanhai eval`: scoring an extraction against a gold file, on a folder
//! of articles written for this test.

#[path = "../../shanhai-core/tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::gaz;
use shanhai_core::corpus::{LoadOptions, NoProgress};
use shanhai_core::eval::{evaluate, parse_gold, resolve_label};
use shanhai_core::pipeline::process_folder;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
}

/// Three articles: a stated pair, a negative with a false link bait, and
/// one whose stated pair the gold calls doubtful.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = dir.path();
    write(
        p,
        "a.txt",
        "两地协作\n天津市河北区对口帮扶甘肃省清水县，两地签署协议。\n苏州市对口帮扶铜仁市。\n",
    );
    write(
        p,
        "neg.txt",
        "航线开通\n天津至敦煌的航线开通，天津市与甘肃省往来更加便捷。\n",
    );
    write(p, "d.txt", "会议\n上海市对口支援云南省。\n");
    dir
}

const GOLD: &str = r#"[
  {"file": "a.txt", "negative": false, "scheme": "east_west", "script": "simplified",
   "pairings": [
     {"helper": "河北区 (天津市)", "helped": "清水县", "relation": "east_west_cooperation"},
     {"helper": "苏州市", "helped": "铜仁市"},
     {"helper": "北京市", "helped": "张家口市"}
   ]},
  {"file": "neg.txt", "negative": true, "pairings": []},
  {"file": "d.txt", "pairings": [{"helper": "上海市", "helped": "云南省", "doubtful": true}]},
  {"file": "missing.txt", "pairings": []},
  {"file": "a.txt", "pairings": []}
]"#;

#[test]
fn scores_an_annotated_folder() {
    let dir = folder();
    let ex = process_folder(gaz(), dir.path(), &LoadOptions::default(), &NoProgress)
        .unwrap_or_else(|e| panic!("{e}"));
    let gold = parse_gold(GOLD).unwrap_or_else(|e| panic!("{e}"));
    let r = evaluate(gaz(), &ex, &gold);
    let t = &r.total;
    // a.txt: two of three gold pairs found (北京→张家口 is not stated).
    assert_eq!(t.gold, 3, "{}", r.to_text());
    assert_eq!(t.found, 2, "{}", r.to_text());
    assert_eq!(t.direction_right, 2);
    // The doubtful pair of d.txt counts neither way; the negative has no
    // link (the flight sentence is not a pairing).
    assert_eq!(r.negative_articles, 1);
    assert_eq!(r.negative_links, 0, "{}", r.to_text());
    assert_eq!(t.spurious, 0, "{}", r.to_text());
    assert!((t.precision() - 1.0).abs() < 1e-9);
    assert!((t.recall() - 2.0 / 3.0).abs() < 1e-9);
    // One line per problem of the gold file, and the rest scored.
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert!(r.problems.iter().any(|p| p.contains("missing.txt")));
    assert!(r.problems.iter().any(|p| p.contains("listed twice")));
    // Breakdowns by the entries' labels.
    assert_eq!(r.by_scheme["east_west"].gold, 3);
    assert_eq!(r.by_script["simplified"].found, 2);
    let a = r
        .articles
        .iter()
        .find(|a| a.file == "a.txt")
        .expect("a.txt");
    assert_eq!(a.missed.len(), 1);
    assert!(a.missed[0].helper.contains("北京市"));
    // The text report names the figures and the miss.
    let text = r.to_text();
    assert!(
        text.contains("precision 1.000") && text.contains("recall 0.667"),
        "{text}"
    );
    assert!(text.contains("- 110000 北京市 → 130700 张家口市"), "{text}");
}

#[test]
fn a_roll_up_is_not_wrong_and_a_reversal_is_scored() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "a.txt", "会议\n天津市对口帮扶甘肃省。\n");
    let ex = process_folder(gaz(), dir.path(), &LoadOptions::default(), &NoProgress)
        .unwrap_or_else(|e| panic!("{e}"));
    // The gold pair is finer than the link: 天津市→甘肃省 is its roll-up.
    let gold = parse_gold(
        r#"[{"file": "a.txt", "pairings": [{"helper": "河北区 (天津市)", "helped": "清水县"}]}]"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = evaluate(gaz(), &ex, &gold);
    assert_eq!((r.total.found, r.total.spurious), (1, 0), "{}", r.to_text());
    // Annotated the other way round: found, with the direction wrong.
    let gold = parse_gold(
        r#"[{"file": "a.txt", "pairings": [{"helper": "甘肃省", "helped": "天津市"}]}]"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = evaluate(gaz(), &ex, &gold);
    assert_eq!((r.total.found, r.total.direction_right), (1, 0));
    assert_eq!(r.articles[0].reversed.len(), 1);
}

#[test]
fn labels_resolve_by_name_parent_or_code() {
    let g = gaz();
    let code = |l: &str| {
        resolve_label(g, l)
            .map(|r| g.region(r).code.clone())
            .map_err(|e| e.to_string())
    };
    assert_eq!(code("清水县").as_deref(), Ok("620521"));
    assert_eq!(code("市中区 (济南市)").as_deref(), Ok("370103"));
    assert_eq!(code("市中区（济南市）").as_deref(), Ok("370103"));
    assert_eq!(code("X6601").as_deref(), Ok("X6601"));
    assert_eq!(code("第一师").as_deref(), Ok("X6601"));
    let e = code("市中区").expect_err("shared by four");
    assert!(
        e.contains("4 regions") && e.contains("名称 (上级名称)"),
        "{e}"
    );
    assert!(code("不存在县").is_err());
    assert!(parse_gold("{\"file\": 1}").is_err());
}

#[test]
fn the_command_line_reports_and_fails_clearly() {
    let dir = folder();
    let gold = dir.path().join("gold.json");
    std::fs::write(&gold, GOLD).unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shanhai"))
        .args(["eval", "--json"])
        .arg(dir.path())
        .arg(&gold)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["total"]["found"], 2);
    // A gold file that is not a list: one line, non-zero status.
    std::fs::write(&gold, "{}").unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shanhai"))
        .arg("eval")
        .arg(dir.path())
        .arg(&gold)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gold.json") && err.contains("not a JSON list"),
        "{err}"
    );
}
