//! Hostile folders (issue 7): a folder of everything users save from the
//! web, opened through the code path of the app and of `shanhai extract`
//! ([`pipeline::process_folder`]); and the guarantee that opening,
//! extracting and exporting never write into the opened folder.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::hash::{Hash, Hasher};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use shanhai_core::corpus::{self, CorpusError, LoadOptions, NoProgress, Progress};
use shanhai_core::gazetteer::Gazetteer;
use shanhai_core::pipeline::{self, Extraction};

/// Files larger than this are refused in these tests.
const LIMIT: u64 = 6_000_000;

/// The non-UTF-8 file name: `café-<0xFF>.txt` in Latin-1.
const BAD_NAME: &[u8] = b"caf\xe9-\xff.txt";

fn gaz() -> &'static Gazetteer {
    match Gazetteer::get() {
        Ok(g) => g,
        Err(e) => panic!("gazetteer: {e}"),
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn encode(enc: &'static encoding_rs::Encoding, s: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = enc.encode(s);
    assert_eq!(used, enc);
    assert!(!unmappable, "{s} in {}", enc.name());
    bytes.into_owned()
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in s.encode_utf16() {
        let b = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

const SIMPLIFIED: &str =
    "甘肃省党政代表团来津考察\n2023年4月19日\n天津市帮扶甘肃省，津甘协作不断深化。\n";
const TRADITIONAL: &str =
    "天津市黨政代表團來疆考察對接對口支援工作\n7月8日\n天津市對口支援新疆維吾爾自治區和田地區。\n";

const HTML: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>津甘协作 &amp; 山海情_新闻网</title>
<style>body { color: red } .x:after { content: "北京市帮扶西藏自治区" }</style>
<script>var s = "<p>上海市对口支援云南省</p>"; if (a < b && c > d) { s += "&amp;"; }</script>
</head><body>
<div class="nav"><a href="/">首页</a></div>
<p>2024年3月23日&nbsp;讯&emsp;天津市帮扶&#x7518;&#32899;省，津甘协作&lt;持续深化&gt;&#x3002;</p>
<script type="text/javascript">document.write("浙江省帮扶四川省");</script>
</body></html>
"#;

/// A text of about `bytes` bytes on one line, without any punctuation:
/// the seed articles' characters (region names included) with everything
/// but CJK characters removed.
fn long_line(bytes: usize) -> String {
    let seeds = corpus::sample();
    let letters: String = seeds
        .documents
        .iter()
        .flat_map(|d| d.text.chars())
        .filter(|&c| shanhai_core::text::is_cjk(c))
        .collect();
    let mut out = String::with_capacity(bytes + 64);
    while out.len() < bytes {
        out.push_str(&letters);
    }
    let mut end = bytes;
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

/// What the hostile folder should give.
struct Expected {
    /// Paths (relative, lossy) of the files that must become documents,
    /// with the encoding they must be decoded from (None: any).
    documents: BTreeMap<PathBuf, Option<&'static str>>,
    /// Paths of the files that must be problems, with the start of the
    /// reason.
    problems: BTreeMap<PathBuf, &'static str>,
}

struct Options {
    tiny: usize,
    long_line: bool,
}

/// Builds the hostile folder of issue 7 under `root`.
fn build(root: &Path, o: &Options) -> Expected {
    let mut documents = BTreeMap::new();
    let mut problems = BTreeMap::new();
    let mut doc = |name: &str, bytes: &[u8], enc: Option<&'static str>| {
        write(&root.join(name), bytes);
        documents.insert(PathBuf::from(name), enc);
    };
    doc(
        "enc/gb18030.txt",
        &encode(
            encoding_rs::GB18030,
            &format!(
                "{SIMPLIFIED}山海情深，协作共赢。{}\n",
                "东西部协作".repeat(20)
            ),
        ),
        Some("GBK"),
    );
    doc(
        "enc/big5.txt",
        &encode(
            encoding_rs::BIG5,
            &format!(
                "{TRADITIONAL}{}\n",
                "深化對口支援工作,推動高質量發展。".repeat(8)
            ),
        ),
        Some("Big5"),
    );
    doc(
        "enc/utf16le.txt",
        &utf16(SIMPLIFIED, false),
        Some("UTF-16LE"),
    );
    doc(
        "enc/utf16be.txt",
        &utf16(TRADITIONAL, true),
        Some("UTF-16BE"),
    );
    // UTF-8 with broken sequences: a stray continuation byte, a truncated
    // three-byte sequence, an invalid lead byte.
    let mut broken = SIMPLIFIED.as_bytes().to_vec();
    broken.splice(6..6, [0x80]);
    broken.extend_from_slice(&[0xE5, 0x8C, b'\n', 0xFF]);
    broken.extend_from_slice("津甘两省携手共进。\n".repeat(10).as_bytes());
    doc("enc/invalid-utf8.txt", &broken, Some("UTF-8"));
    doc("page.html", HTML.as_bytes(), Some("UTF-8"));
    // 100,000 nested `<div>`s (1.1 MB): html5ever alone took 13–29 s on it.
    doc(
        "nested.html",
        format!(
            "<html><body>{}天津市帮扶甘肃省，东西部协作。{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        )
        .as_bytes(),
        Some("UTF-8"),
    );
    let mut deep = PathBuf::new();
    for i in 0..50 {
        deep.push(format!("d{i:02}"));
    }
    deep.push("deep.txt");
    doc(
        deep.to_str().unwrap_or_default(),
        SIMPLIFIED.as_bytes(),
        Some("UTF-8"),
    );
    if o.long_line {
        doc(
            "long-line.txt",
            long_line(5 * 1024 * 1024).as_bytes(),
            Some("UTF-8"),
        );
    }
    for i in 0..o.tiny {
        doc(
            &format!("many/t{i:05}.txt"),
            format!("短讯{i}\n天津市帮扶甘肃省。\n").as_bytes(),
            Some("UTF-8"),
        );
    }
    // The non-UTF-8 name: a good file, listed under its lossy name.
    write(
        &root.join(OsStr::from_bytes(BAD_NAME)),
        TRADITIONAL.as_bytes(),
    );
    documents.insert(
        PathBuf::from(String::from_utf8_lossy(BAD_NAME).into_owned()),
        Some("UTF-8"),
    );

    let mut bad = |name: &str, bytes: &[u8], why: &'static str| {
        write(&root.join(name), bytes);
        problems.insert(PathBuf::from(name), why);
    };
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    png.extend((0..2000u32).map(|i| (i * 37 % 251) as u8));
    bad("image.txt", &png, "binary file (PNG image)");
    bad("empty.txt", b"", "empty file");
    bad(
        "big.txt",
        &vec![b'a'; LIMIT as usize + 1],
        "too large: 6000001 bytes (limit 6000000)",
    );
    // A symlink loop: loop/up leads back to the root.
    std::fs::create_dir_all(root.join("loop")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("..", root.join("loop/up")).unwrap_or_else(|e| panic!("{e}"));
    problems.insert(PathBuf::from("loop/up"), "symlink loop");
    // Deleted between listing and reading (see `DeleteOnTotal`).
    problems.insert(PathBuf::from(VICTIM), "cannot read:");
    Expected {
        documents,
        problems,
    }
}

const VICTIM: &str = "victim.txt";

/// Deletes a file once the folder has been listed, before it is read.
struct DeleteOnTotal {
    path: PathBuf,
    total: AtomicUsize,
    done: AtomicUsize,
}

impl DeleteOnTotal {
    /// (Re)creates the victim and arms the hook.
    fn arm(root: &Path) -> DeleteOnTotal {
        let path = root.join(VICTIM);
        write(&path, SIMPLIFIED.as_bytes());
        DeleteOnTotal {
            path,
            total: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
        }
    }
}

impl Progress for DeleteOnTotal {
    fn total(&self, n: usize) {
        self.total.store(n, Ordering::SeqCst);
        std::fs::remove_file(&self.path).unwrap_or_else(|e| panic!("{e}"));
    }
    fn file_done(&self, _path: &Path) {
        self.done.fetch_add(1, Ordering::SeqCst);
    }
    fn cancelled(&self) -> bool {
        false
    }
}

fn opts(threads: Option<usize>) -> LoadOptions {
    LoadOptions {
        max_file_size: LIMIT,
        threads,
    }
}

fn open(root: &Path, threads: Option<usize>) -> Extraction {
    let hook = DeleteOnTotal::arm(root);
    let ex = pipeline::process_folder(gaz(), root, &opts(threads), &hook)
        .unwrap_or_else(|e| panic!("open {}: {e}", root.display()));
    let total = hook.total.load(Ordering::SeqCst);
    assert_eq!(hook.done.load(Ordering::SeqCst), total);
    ex
}

fn check(ex: &Extraction, want: &Expected) {
    let got_docs: BTreeMap<PathBuf, &str> = ex
        .documents
        .iter()
        .map(|d| (d.path.clone(), d.encoding.as_str()))
        .collect();
    assert_eq!(got_docs.len(), ex.documents.len(), "duplicate documents");
    let missing: Vec<_> = want
        .documents
        .keys()
        .filter(|p| !got_docs.contains_key(*p))
        .collect();
    assert!(
        missing.is_empty(),
        "good files not used: {missing:?}\nproblems: {:?}",
        ex.problems
    );
    let extra: Vec<_> = got_docs
        .keys()
        .filter(|p| !want.documents.contains_key(*p))
        .collect();
    assert!(extra.is_empty(), "unexpected documents: {extra:?}");
    for (path, enc) in &want.documents {
        if let Some(enc) = enc {
            assert_eq!(got_docs[path], *enc, "{}", path.display());
        }
    }
    let got_problems: BTreeMap<&Path, &str> = ex
        .problems
        .iter()
        .map(|p| (p.path.as_path(), p.error.as_str()))
        .collect();
    assert_eq!(
        got_problems.keys().copied().collect::<BTreeSet<_>>(),
        want.problems
            .keys()
            .map(PathBuf::as_path)
            .collect::<BTreeSet<_>>(),
        "problems: {:?}",
        ex.problems
    );
    for (path, why) in &want.problems {
        let got = got_problems[path.as_path()];
        assert!(got.starts_with(why), "{}: {got:?}", path.display());
    }
    // Documents in path order, numbered in that order.
    for (i, d) in ex.documents.iter().enumerate() {
        assert_eq!(d.id as usize, i);
    }
    for w in ex.documents.windows(2) {
        assert!(
            w[0].path.as_os_str().as_encoded_bytes() < w[1].path.as_os_str().as_encoded_bytes()
        );
    }
    for p in &ex.pairings {
        for e in &p.evidence {
            assert!((e.doc as usize) < ex.documents.len());
        }
    }
}

fn doc_id(ex: &Extraction, path: &str) -> u32 {
    ex.documents
        .iter()
        .find(|d| d.path == Path::new(path))
        .map(|d| d.id)
        .unwrap_or_else(|| panic!("no document {path}"))
}

/// (helper, helped) names of the pairings a document states.
fn pairs_of(ex: &Extraction, doc: u32) -> BTreeSet<(String, String)> {
    let g = gaz();
    ex.pairings
        .iter()
        .filter(|p| p.evidence.iter().any(|e| e.doc == doc))
        .map(|p| {
            (
                g.region(p.helper).name.clone(),
                g.region(p.helped).name.clone(),
            )
        })
        .collect()
}

#[test]
fn hostile_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().join("hostile");
    let want = build(
        &root,
        &Options {
            tiny: 10_000,
            long_line: true,
        },
    );

    let first = open(&root, None);
    check(&first, &want);
    // The same result on every run and with any number of threads.
    let second = open(&root, Some(1));
    assert!(first == second, "two runs differ");
    // The same as loading the corpus first (as `process` on a loaded corpus).
    let hook = DeleteOnTotal::arm(&root);
    let loaded =
        corpus::load_folder(&root, &opts(Some(2)), &hook).unwrap_or_else(|e| panic!("{e}"));
    let texts: BTreeMap<PathBuf, String> = loaded
        .documents
        .iter()
        .filter(|d| !d.path.starts_with("many"))
        .map(|d| (d.path.clone(), d.text.clone()))
        .collect();
    let via_corpus = pipeline::process(gaz(), loaded);
    assert!(
        first == via_corpus,
        "process_folder differs from process(load_folder)"
    );

    // What the good files say is found, in every encoding.
    let tj_gs = ("天津市".to_string(), "甘肃省".to_string());
    for path in [
        "enc/gb18030.txt",
        "enc/utf16le.txt",
        "enc/invalid-utf8.txt",
        "page.html",
        "nested.html",
    ] {
        assert!(
            pairs_of(&first, doc_id(&first, path)).contains(&tj_gs),
            "{path}: {:?}",
            pairs_of(&first, doc_id(&first, path))
        );
    }
    for path in ["enc/big5.txt", "enc/utf16be.txt"] {
        let pairs = pairs_of(&first, doc_id(&first, path));
        assert!(
            pairs.iter().any(|(a, _)| a == "天津市"),
            "{path}: {pairs:?}"
        );
    }
    let bad_name = String::from_utf8_lossy(BAD_NAME).into_owned();
    assert!(!pairs_of(&first, doc_id(&first, &bad_name)).is_empty());
    let tiny = doc_id(&first, "many/t04321.txt");
    assert_eq!(pairs_of(&first, tiny), BTreeSet::from([tj_gs.clone()]));
    // Evidence is quoted from the original script.
    let big5 = doc_id(&first, "enc/big5.txt");
    assert!(
        first
            .pairings
            .iter()
            .flat_map(|p| &p.evidence)
            .filter(|e| e.doc == big5)
            .all(|e| e.text.contains("對口支援") || e.text.contains("來疆"))
    );
    // Broken UTF-8 is decoded as UTF-8 with replacement characters.
    let invalid = &texts[Path::new("enc/invalid-utf8.txt")];
    assert_eq!(invalid.matches('\u{FFFD}').count(), 3, "{invalid:?}");
    // HTML: scripts and styles dropped, entities decoded.
    let page = &texts[Path::new("page.html")];
    for gone in [
        "北京市",
        "上海市",
        "浙江省",
        "color",
        "var s",
        "document.write",
    ] {
        assert!(!page.contains(gone), "{gone} in {page:?}");
    }
    assert!(page.contains("帮扶甘肃省"), "{page:?}");
    assert!(page.contains("<持续深化>"), "{page:?}");
    let html = first
        .documents
        .iter()
        .find(|d| d.path == Path::new("page.html"))
        .unwrap_or_else(|| panic!("page.html"));
    assert_eq!(html.title.as_deref(), Some("津甘协作 & 山海情"));
    assert_eq!(html.date.map(|d| d.iso()).as_deref(), Some("2024-03-23"));
    let page_id = doc_id(&first, "page.html");
    assert!(
        !pairs_of(&first, page_id)
            .iter()
            .any(
                |(a, b)| ["北京市", "上海市", "浙江省"].contains(&a.as_str()) || b == "西藏自治区"
            )
    );
    // The 5 MB line is one document, cut into bounded sentences.
    let long = &texts[Path::new("long-line.txt")];
    assert!(long.len() > 5_000_000 && !long.contains('\n'));
}

#[test]
fn cancelling_returns_nothing() {
    struct CancelAfter(AtomicUsize);
    impl Progress for CancelAfter {
        fn total(&self, _n: usize) {}
        fn file_done(&self, _path: &Path) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        fn cancelled(&self) -> bool {
            self.0.load(Ordering::SeqCst) >= 20
        }
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for i in 0..200 {
        write(
            &dir.path().join(format!("a{i:03}.txt")),
            "天津市帮扶甘肃省。".as_bytes(),
        );
    }
    let r = pipeline::process_folder(
        gaz(),
        dir.path(),
        &opts(Some(2)),
        &CancelAfter(AtomicUsize::new(0)),
    );
    assert!(matches!(r, Err(CorpusError::Cancelled)), "{r:?}");
    // Not found and not a directory are errors, not panics.
    let r = pipeline::process_folder(gaz(), &dir.path().join("nope"), &opts(None), &NoProgress);
    assert!(matches!(r, Err(CorpusError::NotFound(_))), "{r:?}");
    let r = pipeline::process_folder(
        gaz(),
        &dir.path().join("a000.txt"),
        &opts(None),
        &NoProgress,
    );
    assert!(matches!(r, Err(CorpusError::NotADirectory(_))), "{r:?}");
}

/// A fingerprint of every entry under `root` (not following symlinks):
/// path, kind, size, modification time, and a hash of the contents (files)
/// or of the target (symlinks).
fn fingerprint(root: &Path) -> BTreeMap<Vec<u8>, (u8, u64, i128, u64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let entry = entry.unwrap_or_else(|e| panic!("{e}"));
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).unwrap_or_else(|e| panic!("{e}"));
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(-1, |d| d.as_nanos() as i128);
            let mut h = std::hash::DefaultHasher::new();
            let kind = if meta.file_type().is_symlink() {
                std::fs::read_link(&path)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .hash(&mut h);
                2
            } else if meta.is_dir() {
                stack.push(path.clone());
                1
            } else {
                std::fs::read(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                    .hash(&mut h);
                0
            };
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.insert(
                rel.as_os_str().as_bytes().to_vec(),
                (kind, meta.len(), mtime, h.finish()),
            );
        }
    }
    let meta = std::fs::metadata(root).unwrap_or_else(|e| panic!("{e}"));
    out.insert(
        Vec::new(),
        (
            1,
            meta.len(),
            meta.modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(-1, |d| d.as_nanos() as i128),
            0,
        ),
    );
    out
}

fn shanhai(args: &[&OsStr]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shanhai"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("shanhai: {e}"));
    assert!(
        out.status.success(),
        "shanhai {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn opening_extracting_and_exporting_never_write_into_the_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().join("hostile");
    let outside = dir.path().join("out");
    std::fs::create_dir_all(&outside).unwrap_or_else(|e| panic!("{e}"));
    build(
        &root,
        &Options {
            tiny: 30,
            long_line: false,
        },
    );
    // The victim of the other test stays in place here.
    write(&root.join(VICTIM), SIMPLIFIED.as_bytes());
    let before = fingerprint(&root);
    assert!(before.len() > 90, "{}", before.len());

    // Open, as the app and `extract` do, and as the app did before.
    let ex = pipeline::process_folder(gaz(), &root, &opts(None), &NoProgress)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(ex.documents.len() > 30);
    let c = corpus::load_folder(&root, &opts(None), &NoProgress).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.documents.len(), ex.documents.len());

    // Extract and export with the binary, writing outside the folder.
    let json = outside.join("x.json");
    let gexf = outside.join("x.gexf");
    let limit = LIMIT.to_string();
    for (command, out) in [("extract", &json), ("export", &gexf)] {
        shanhai(&[
            OsStr::new(command),
            root.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
            OsStr::new("--max-file-size"),
            OsStr::new(&limit),
        ]);
    }
    let written = std::fs::read_to_string(&json).unwrap_or_else(|e| panic!("{e}"));
    let value: serde_json::Value = serde_json::from_str(&written).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        value["documents"].as_array().map(Vec::len),
        Some(ex.documents.len())
    );
    assert!(std::fs::metadata(&gexf).is_ok_and(|m| m.len() > 0));

    let after = fingerprint(&root);
    assert!(before == after, "the opened folder changed");
}
