//! `shanhai export --dynamic` and `shanhai render --animate` on the
//! dated fixture folder of the core's tests (five short articles written
//! for them, one undated): networkx reads the dynamic GEXF back with the
//! intervals the articles give, and the animations have one frame per
//! step.

use std::path::PathBuf;
use std::process::Command;

fn folder() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shanhai-core/tests/fixtures/timeline")
        .to_string_lossy()
        .into_owned()
}

fn shanhai(args: &[&str]) -> std::process::Output {
    let run = Command::new(env!("CARGO_BIN_EXE_shanhai"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        run.status.success(),
        "shanhai {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    run
}

/// Reads a GEXF file with networkx (`scripts/setup.sh` installs it) and
/// prints, as JSON, each node's spells and each edge's spells and
/// `documents` values.
const READ_BACK: &str = r#"
import json, sys
import networkx as nx
g = nx.read_gexf(sys.argv[1])
out = {
    "mode": g.graph.get("mode"),
    "nodes": {n: d.get("spells") for n, d in g.nodes(data=True)},
    "edges": {f"{a}>{b}": {"spells": d.get("spells"), "documents": d.get("documents")}
              for a, b, d in g.edges(data=True)},
}
print(json.dumps(out))
"#;

#[test]
fn networkx_reads_the_dynamic_gexf_with_its_intervals() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("time.gexf");
    let out_s = out.to_str().expect("a UTF-8 path");
    let run = shanhai(&[
        "export",
        &folder(),
        "--dynamic",
        out_s,
        "--level",
        "province",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("1 links are stated only by articles without a year"),
        "{stderr}"
    );
    let py = Command::new("python3")
        .args(["-c", READ_BACK, out_s])
        .output()
        .expect("python3 runs");
    assert!(
        py.status.success(),
        "networkx could not read the file (bash scripts/setup.sh installs networkx): {}",
        String::from_utf8_lossy(&py.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&py.stdout).expect("JSON from python");
    assert_eq!(v["mode"], "dynamic");
    let spell = |x: &serde_json::Value| -> Vec<(String, String)> {
        x.as_array()
            .expect("a list of spells")
            .iter()
            .map(|s| {
                (
                    s[0].as_str().unwrap_or("").to_string(),
                    s[1].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let until = "2023-06-01".to_string();
    let nodes = &v["nodes"];
    assert_eq!(nodes.as_object().map(|o| o.len()), Some(5));
    assert_eq!(
        spell(&nodes["120000"]),
        [("2020-05-10".to_string(), until.clone())]
    );
    assert_eq!(
        spell(&nodes["650000"]),
        [("2021-03-15".to_string(), until.clone())]
    );
    assert_eq!(spell(&nodes["500000"]), [(until.clone(), until.clone())]);
    assert!(
        nodes.get("540000").is_none(),
        "西藏 has only an undated link"
    );
    let tg = &v["edges"]["120000>620000"];
    assert_eq!(
        spell(&tg["spells"]),
        [("2020-05-10".to_string(), until.clone())]
    );
    // The count so far: one article from 2020-05-10, two from 2021-11-02.
    let docs: Vec<(i64, String, String)> = tg["documents"]
        .as_array()
        .expect("dynamic documents")
        .iter()
        .map(|d| {
            (
                d[0].as_i64().unwrap_or(-1),
                d[1].as_str().unwrap_or("").to_string(),
                d[2].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        docs,
        [
            (1, "2020-05-10".to_string(), "2021-11-01".to_string()),
            (2, "2021-11-02".to_string(), until.clone())
        ]
    );
    assert_eq!(
        spell(&v["edges"]["370000>500000"]["spells"]),
        [(until.clone(), until)]
    );
}

#[test]
fn the_gif_has_one_frame_per_year() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("time.gif");
    let out_s = out.to_str().expect("a UTF-8 path");
    let run = shanhai(&[
        "render",
        &folder(),
        "--animate",
        out_s,
        "--step",
        "year",
        "--frame-ms",
        "500",
        "--width",
        "640",
        "--height",
        "400",
        "--level",
        "province",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("4 frames, 截至 2020 to 截至 2023"),
        "{stderr}"
    );
    let file = std::fs::File::open(&out).expect("the GIF is written");
    let mut opts = gif::DecodeOptions::new();
    opts.set_color_output(gif::ColorOutput::RGBA);
    let mut dec = opts.read_info(file).expect("a GIF");
    assert_eq!((dec.width(), dec.height()), (640, 400));
    // (left, top, width, height) of each frame.
    let mut frames = Vec::new();
    while let Some(f) = dec.read_next_frame().expect("a frame") {
        assert_eq!(f.delay, 50, "500 ms");
        frames.push((f.left, f.top, f.width, f.height));
    }
    // A frame a year: each new title changes the picture.
    assert_eq!(frames.len(), 4);
    assert_eq!(frames[0], (0, 0, 640, 400), "the first frame is whole");
    for &(x, y, w, h) in &frames[1..] {
        assert!(x + w <= 640 && y + h <= 400);
    }
    // 2022 adds no link: only its title changes, a small rectangle.
    let (_, _, w, h) = frames[2];
    assert!(
        u32::from(w) * u32::from(h) < 640 * 400 / 10,
        "{:?}",
        frames[2]
    );
}

#[test]
fn the_apng_has_one_frame_per_month_of_a_window() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("time.png");
    let out_s = out.to_str().expect("a UTF-8 path");
    shanhai(&[
        "render",
        &folder(),
        "--animate",
        out_s,
        "--step",
        "month",
        "--window",
        "6",
        "--width",
        "320",
        "--height",
        "200",
        "--no-map",
    ]);
    let file = std::fs::File::open(&out).expect("the APNG is written");
    let reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let info = reader.info();
    assert_eq!((info.width, info.height), (320, 200));
    // 2020-05 to 2023-06: 38 months.
    let control = info.animation_control.expect("an animated PNG");
    assert_eq!(control.num_frames, 38);
}

/// A run that must fail: its one-line message.
fn refused(args: &[&str]) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_shanhai"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(!run.status.success(), "shanhai {args:?} succeeded");
    String::from_utf8_lossy(&run.stderr).into_owned()
}

#[test]
fn bad_time_arguments_get_one_clear_message() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let at = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let e = refused(&["render", "sample", "--animate", &at("x.txt")]);
    assert!(e.contains("the animation must end in .gif"), "{e}");
    let e = refused(&["export", "sample", "--dynamic", &at("x.json")]);
    assert!(e.contains("the dynamic network is GEXF"), "{e}");
    let e = refused(&["render", "sample", "-o", &at("x.png"), "--step", "year"]);
    assert!(e.contains("--animate"), "{e}");
    // A folder whose only article has no year has nothing to animate.
    let undated = dir.path().join("undated");
    std::fs::create_dir(&undated).expect("a folder");
    std::fs::write(
        undated.join("a.txt"),
        "北京援藏干部扎根拉萨\n北京市对口支援拉萨市，援藏干部在教育和医疗领域接续奋斗。\n",
    )
    .expect("an article");
    let e = refused(&[
        "render",
        &undated.to_string_lossy(),
        "--animate",
        &at("y.gif"),
    ]);
    assert!(e.contains("nothing to animate"), "{e}");
    assert!(!dir.path().join("y.gif").exists());
    // An existing animation is not replaced without --force.
    std::fs::write(at("z.gif"), b"keep").expect("a file");
    let e = refused(&["render", &folder(), "--animate", &at("z.gif")]);
    assert!(e.contains("exists"), "{e}");
    assert_eq!(std::fs::read(at("z.gif")).expect("the file"), b"keep");
}
