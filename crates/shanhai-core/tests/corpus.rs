//! Integration tests for `shanhai_core::corpus`: the sample articles, generated
//! fixtures in many encodings and shapes, and folder-walking edge cases.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use shanhai_core::corpus::{
    Corpus, CorpusError, DateSource, DocDate, Document, LoadOptions, NoProgress, Progress, decode,
    document_from_bytes, find_date, find_title, html_to_text, load_files, load_folder, sample,
};

const SEED_000: &str = include_str!("../../../sample_data/000_6e7d5b141ba7fb0a.txt");
const SEED_001: &str = include_str!("../../../sample_data/001_1c8763f15fd8f122.txt");
const SEED_002: &str = include_str!("../../../sample_data/002_7a928208ca7d7976.txt");

const TITLES: [&str; 4] = [
    "连茂君率滨海新区代表团赴甘肃省甘南州合作市考察对接东西部协作和对口支援工作 共续津甘山海情 再谱协作新篇章",
    "甘肃省党政代表团来津考察:深化对接交流,加强优势互补,持续推进新时代新征程津甘协作",
    "濟南市黨政代表團到甘肅臨夏考察對接東西部協作工作",
    "天津市黨政代表團(tuán)來疆考察對(duì)接對(duì)口支援工作",
];
const DATES: [&str; 5] = ["--09-04", "2023-04-19", "--03-23", "--07-08", "--04-28"];

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_data")
}

fn check_seed_documents(docs: &[Document]) {
    assert_eq!(docs.len(), 5);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.id as usize, i);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(
            d.date.map(|x| x.iso()).as_deref(),
            Some(DATES[i]),
            "doc {i}"
        );
        if i < 4 {
            assert_eq!(d.title.as_deref(), Some(TITLES[i]), "doc {i}");
        }
    }
    let paths: Vec<_> = docs.iter().map(|d| d.path.clone()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    // 004 opens with a blank line and a long paragraph: its title is the
    // paragraph's first clause, clipped, marked with an ellipsis.
    let t4 = docs[4].title.as_deref().unwrap_or_default();
    assert!(t4.starts_with("在脫貧攻堅(jiān)全面勝利"), "{t4}");
    assert!(t4.ends_with('…'), "{t4}");
    assert!(t4.chars().count() <= 41, "{t4}");
}

#[test]
fn sample_corpus() {
    let c = sample();
    assert_eq!(c.root, PathBuf::from("sample_data"));
    assert!(c.problems.is_empty());
    check_seed_documents(&c.documents);
    assert_eq!(c.documents[0].text, SEED_000);
    assert_eq!(c.documents[0].size, SEED_000.len() as u64);
    assert_eq!(
        c.documents[1].path,
        PathBuf::from("001_1c8763f15fd8f122.txt")
    );
}

#[test]
fn sample_folder_matches_embedded_sample() {
    let dir = sample_dir();
    let c = load_folder(&dir, &LoadOptions::default(), &NoProgress).unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    check_seed_documents(&c.documents);
    assert_eq!(c.documents, sample().documents);
}

/// A retrospective: it opens with a conference of the 1990s and reports
/// what happened since (written for this test).
const RETROSPECTIVE: &str = "1998年7月，中央在某地召开东西部扶贫协作座谈会，确定两省结对。\n\
    二十多年来，两地携手奔小康，2019年8月签署新一轮协议。\n\
    2023年5月12日，某市代表团赴某州考察，提出到2025年底实现产业园区全覆盖。";

fn dated(name: &str, text: &str) -> (Option<String>, Option<DateSource>) {
    let d = document_from_bytes(0, PathBuf::from(name), text.as_bytes()).unwrap();
    (d.date.map(|x| x.iso()), d.date_source)
}

#[test]
fn article_dates_on_saved_pages() {
    // Plain text without a date line: the latest event, not the 1990s.
    assert_eq!(
        dated("a.txt", RETROSPECTIVE),
        (Some("2023-05-12".into()), Some(DateSource::LatestEvent))
    );
    // A date line under the title wins.
    let page = format!("两地协作二十年\n发布时间：2024-08-27 10:32\n{RETROSPECTIVE}");
    assert_eq!(
        dated("a.txt", &page),
        (Some("2024-08-27".into()), Some(DateSource::DateLine))
    );
    // An HTML page's metadata, when the text has no date line.
    let body: String = RETROSPECTIVE
        .lines()
        .map(|l| format!("<p>{l}</p>"))
        .collect();
    let html = format!(
        "<html><head><title>两地协作二十年</title>\
         <meta name=\"PubDate\" content=\"2024-08-27 10:32\"></head><body>{body}</body></html>"
    );
    assert_eq!(
        dated("a.html", &html),
        (Some("2024-08-27".into()), Some(DateSource::PageMeta))
    );
    // `<time datetime>` when there is no `<meta>`.
    let html = format!(
        "<html><body><p>两地协作二十年 <time datetime=\"2024-08-27\">8月27日</time></p>{body}</body></html>"
    );
    assert_eq!(
        dated("a.html", &html),
        (Some("2024-08-27".into()), Some(DateSource::PageMeta))
    );
    // A page whose dates are all plans has none.
    assert_eq!(
        dated("a.txt", "两地提出到2025年底实现全覆盖。"),
        (None, None)
    );
}

#[test]
fn free_functions_on_seeds() {
    assert_eq!(
        find_date(SEED_001),
        Some(DocDate {
            year: Some(2023),
            month: 4,
            day: Some(19)
        })
    );
    assert_eq!(find_title(SEED_001).as_deref(), Some(TITLES[1]));
    let d = decode(SEED_002.as_bytes()).unwrap();
    assert_eq!(
        (d.text.as_str(), d.encoding, d.replacements),
        (SEED_002, "UTF-8", 0)
    );
}

/// Lines of seed 002 that the WHATWG Big5 encoder can represent.
fn big5_part_of_seed() -> String {
    let lines: Vec<&str> = SEED_002
        .lines()
        .filter(|l| !encoding_rs::BIG5.encode(l).2)
        .collect();
    assert!(lines.len() * 2 > SEED_002.lines().count());
    assert_eq!(lines[0], TITLES[2]);
    lines.join("\n")
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

const HTML_PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>津甘协作 &amp; 山海情 - 天津日报</title>
<script>var 天津=1;</script><style>.x{color:red}</style></head>
<body><nav><a href="/">首页</a> <a>政情</a></nav>
<h1>甘肃省党政代表团来津考察</h1>
<div class="info">天津日报&nbsp;&nbsp;2023/04/19</div>
<p>4月17日至18日，甘肃省党政代表团来&#x5929;津考察。</p>
<p>两省市召开座谈会 &amp; 签署协议。</p>
</body></html>"#;

/// Damages every 40th byte of `text` with 0xFF.
fn damaged(text: &str) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for i in (20..b.len()).step_by(40) {
        b[i] = 0xFF;
    }
    b
}

struct Fixture {
    dir: tempfile::TempDir,
    big5_text: String,
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, bytes).unwrap();
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (gb, _, gb_err) = encoding_rs::GB18030.encode(SEED_002);
    assert!(!gb_err);
    write(d, "enc/gb18030.txt", &gb);
    let big5_text = big5_part_of_seed();
    let (b5, _, b5_err) = encoding_rs::BIG5.encode(&big5_text);
    assert!(!b5_err);
    write(d, "enc/big5.txt", &b5);
    write(d, "enc/utf16le.txt", &utf16(SEED_002, false));
    write(d, "enc/utf16be.TXT", &utf16(SEED_002, true));
    write(d, "enc/damaged.txt", &damaged(SEED_001));
    write(d, "web/page.html", HTML_PAGE.as_bytes());
    write(d, "web/sniffed.text", HTML_PAGE.as_bytes());
    write(d, "bad/empty.txt", b"");
    write(
        d,
        "bad/image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00",
    );
    write(d, "bad/nul.md", b"abc\x00def");
    let mut surrogates = vec![0xFF, 0xFE];
    for _ in 0..100 {
        surrogates.extend_from_slice(&[0x00, 0xD8]);
    }
    write(d, "bad/surrogates.txt", &surrogates);
    write(d, "bad/huge.txt", &vec![b'a'; 100_000]);
    write(d, ".hidden.txt", SEED_000.as_bytes());
    write(d, ".hiddendir/inner.txt", SEED_000.as_bytes());
    write(d, "photo.jpg", b"\xFF\xD8\xFF\xE0 not read");
    write(d, "a/b/c/d/e/deep.txt", SEED_000.as_bytes());
    write(d, "plain.md", SEED_001.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::fs::create_dir_all(d.join("links")).unwrap();
        // a loop back to the root, a broken link, and a followed link to a sibling folder
        std::os::unix::fs::symlink(d, d.join("links/back")).unwrap();
        std::os::unix::fs::symlink(d.join("nowhere"), d.join("links/broken.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("a/b/c"), d.join("links/c")).unwrap();
        // a name that is not valid UTF-8
        let name = std::ffi::OsStr::from_bytes(b"bad\xffname.txt");
        std::fs::write(d.join(name), SEED_000.as_bytes()).unwrap();
    }
    Fixture { dir, big5_text }
}

fn opts(threads: usize) -> LoadOptions {
    LoadOptions {
        max_file_size: 64 * 1024,
        threads: Some(threads),
    }
}

fn doc<'a>(c: &'a Corpus, path: &str) -> &'a Document {
    c.documents
        .iter()
        .find(|d| d.path == Path::new(path))
        .unwrap_or_else(|| panic!("no document {path}; have {:?}", paths(c)))
}

fn paths(c: &Corpus) -> Vec<String> {
    c.documents
        .iter()
        .map(|d| d.path.to_string_lossy().into_owned())
        .collect()
}

fn problem<'a>(c: &'a Corpus, path: &str) -> &'a str {
    c.problems
        .iter()
        .find(|p| p.path == Path::new(path))
        .map(|p| p.error.as_str())
        .unwrap_or_else(|| panic!("no problem for {path}; have {:?}", c.problems))
}

#[test]
fn fixtures_decode_or_report() {
    let f = fixture();
    let c = load_folder(f.dir.path(), &opts(2), &NoProgress).unwrap();

    let gb = doc(&c, "enc/gb18030.txt");
    assert_eq!(gb.text, SEED_002);
    assert!(
        matches!(gb.encoding.as_str(), "GBK" | "gb18030"),
        "{}",
        gb.encoding
    );
    assert_eq!(gb.title.as_deref(), Some(TITLES[2]));
    assert_eq!(gb.date.map(|d| d.iso()).as_deref(), Some("--03-23"));

    let b5 = doc(&c, "enc/big5.txt");
    assert_eq!(b5.text, f.big5_text);
    assert_eq!(b5.encoding, "Big5");
    assert_eq!(b5.title.as_deref(), Some(TITLES[2]));

    let le = doc(&c, "enc/utf16le.txt");
    assert_eq!(
        (le.text.as_str(), le.encoding.as_str()),
        (SEED_002, "UTF-16LE")
    );
    let be = doc(&c, "enc/utf16be.TXT");
    assert_eq!(
        (be.text.as_str(), be.encoding.as_str()),
        (SEED_002, "UTF-16BE")
    );

    // Invalid UTF-8 bytes in an otherwise UTF-8 file: UTF-8 with a note.
    let dm = doc(&c, "enc/damaged.txt");
    assert_eq!(dm.encoding, "UTF-8");
    let n = dm.text.matches('\u{FFFD}').count();
    assert!(n > 100, "{n}");
    assert_eq!(
        dm.problems,
        vec![format!(
            "{n} replacement characters (U+FFFD) after decoding as UTF-8"
        )]
    );

    for html in ["web/page.html", "web/sniffed.text"] {
        let h = doc(&c, html);
        assert_eq!(h.title.as_deref(), Some("津甘协作 & 山海情"));
        assert_eq!(
            h.text,
            "津甘协作 & 山海情 - 天津日报\n甘肃省党政代表团来津考察\n天津日报 2023/04/19\n\
             4月17日至18日，甘肃省党政代表团来天津考察。\n两省市召开座谈会 & 签署协议。"
        );
        assert!(!h.text.contains("var"));
        assert!(!h.text.contains("首页"));
        assert_eq!(h.date.map(|d| d.iso()).as_deref(), Some("2023-04-19"));
    }

    assert_eq!(problem(&c, "bad/empty.txt"), "empty file");
    assert_eq!(problem(&c, "bad/image.txt"), "binary file (PNG image)");
    assert_eq!(
        problem(&c, "bad/nul.md"),
        "binary file (contains NUL bytes)"
    );
    assert_eq!(
        problem(&c, "bad/surrogates.txt"),
        "undecodable: 100 of 100 characters are replacement characters (U+FFFD) after decoding as UTF-16LE"
    );
    assert_eq!(
        problem(&c, "bad/huge.txt"),
        "too large: 100000 bytes (limit 65536)"
    );

    let deep = doc(&c, "a/b/c/d/e/deep.txt");
    assert_eq!(deep.text, SEED_000);
    assert_eq!(deep.title.as_deref(), Some(TITLES[0]));
    assert_eq!(doc(&c, "plain.md").title.as_deref(), Some(TITLES[1]));

    let all = paths(&c);
    assert!(!all.iter().any(|p| p.contains("hidden")), "{all:?}");
    assert!(!all.iter().any(|p| p.ends_with(".jpg")), "{all:?}");
    assert!(
        !c.problems
            .iter()
            .any(|p| p.path.to_string_lossy().contains("hidden"))
    );

    #[cfg(unix)]
    {
        assert_eq!(problem(&c, "links/back"), "symlink loop: leads back to .");
        assert!(problem(&c, "links/broken.txt").starts_with("broken symlink"));
        // the symlinked folder is followed
        assert_eq!(doc(&c, "links/c/d/e/deep.txt").text, SEED_000);
        // the non-UTF-8 name is read, its path kept lossily
        assert_eq!(doc(&c, "bad\u{FFFD}name.txt").text, SEED_000);
        // everything serialises (paths are valid UTF-8)
        serde_json::to_string(&c).unwrap();
    }

    // ids are 0..n in path-byte order; problems are sorted by path
    for (i, d) in c.documents.iter().enumerate() {
        assert_eq!(d.id as usize, i);
    }
    let doc_paths: Vec<&[u8]> = c
        .documents
        .iter()
        .map(|d| d.path.as_os_str().as_encoded_bytes())
        .collect();
    assert!(doc_paths.is_sorted());
    let prob_paths: Vec<&[u8]> = c
        .problems
        .iter()
        .map(|p| p.path.as_os_str().as_encoded_bytes())
        .collect();
    assert!(prob_paths.is_sorted());
}

#[test]
fn thread_count_does_not_change_the_result() {
    let f = fixture();
    let one = load_folder(f.dir.path(), &opts(1), &NoProgress).unwrap();
    let two = load_folder(f.dir.path(), &opts(2), &NoProgress).unwrap();
    let global = load_folder(
        f.dir.path(),
        &LoadOptions {
            threads: None,
            ..opts(1)
        },
        &NoProgress,
    )
    .unwrap();
    assert_eq!(one, two);
    assert_eq!(one, global);
    assert_eq!(
        serde_json::to_string(&one).unwrap(),
        serde_json::to_string(&two).unwrap()
    );
}

#[test]
fn root_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    assert!(matches!(
        load_folder(&missing, &LoadOptions::default(), &NoProgress),
        Err(CorpusError::NotFound(p)) if p == missing
    ));
    let file = dir.path().join("file.txt");
    std::fs::write(&file, "x").unwrap();
    assert!(matches!(
        load_folder(&file, &LoadOptions::default(), &NoProgress),
        Err(CorpusError::NotADirectory(p)) if p == file
    ));
    assert!(matches!(
        load_files(&missing, &[], &LoadOptions::default(), &NoProgress),
        Err(CorpusError::NotFound(_))
    ));
    let empty = load_folder(dir.path(), &LoadOptions::default(), &NoProgress).unwrap();
    assert_eq!(empty.documents.len(), 1); // file.txt
}

/// Records calls; deletes a file when told the total (between listing and
/// reading), and can cancel.
#[derive(Default)]
struct Recorder {
    total: AtomicUsize,
    done: Mutex<Vec<PathBuf>>,
    delete_on_total: Option<PathBuf>,
    cancel: AtomicBool,
}

impl Progress for Recorder {
    fn total(&self, n: usize) {
        self.total.store(n, Ordering::SeqCst);
        if let Some(p) = &self.delete_on_total {
            std::fs::remove_file(p).unwrap();
        }
    }
    fn file_done(&self, path: &Path) {
        self.done.lock().unwrap().push(path.to_path_buf());
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }
}

#[test]
fn progress_and_vanishing_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "keep.txt", SEED_000.as_bytes());
    write(dir.path(), "gone.txt", SEED_001.as_bytes());
    let rec = Recorder {
        delete_on_total: Some(dir.path().join("gone.txt")),
        ..Recorder::default()
    };
    let c = load_folder(dir.path(), &LoadOptions::default(), &rec).unwrap();
    assert_eq!(rec.total.load(Ordering::SeqCst), 2);
    let mut done = rec.done.lock().unwrap().clone();
    done.sort();
    assert_eq!(done, [PathBuf::from("gone.txt"), PathBuf::from("keep.txt")]);
    assert_eq!(paths(&c), ["keep.txt"]);
    assert!(
        problem(&c, "gone.txt").starts_with("cannot read:"),
        "{:?}",
        c.problems
    );
}

#[test]
fn cancellation() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "keep.txt", SEED_000.as_bytes());
    let rec = Recorder::default();
    rec.cancel.store(true, Ordering::SeqCst);
    assert!(matches!(
        load_folder(dir.path(), &LoadOptions::default(), &rec),
        Err(CorpusError::Cancelled)
    ));
}

#[test]
fn dropped_files() {
    let f = fixture();
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "elsewhere.dat", SEED_001.as_bytes());
    let root = f.dir.path();
    let files = vec![
        root.join("enc/gb18030.txt"),
        PathBuf::from("a/b/c/d/e/deep.txt"),
        PathBuf::from("a/b/c/d/e/deep.txt"),  // duplicate
        outside.path().join("elsewhere.dat"), // no extension filter for chosen files
        root.join("a"),                       // a directory
        root.join("missing.txt"),
    ];
    let c = load_files(root, &files, &LoadOptions::default(), &NoProgress).unwrap();
    let mut want = vec![
        "a/b/c/d/e/deep.txt".to_string(),
        "enc/gb18030.txt".to_string(),
        outside
            .path()
            .join("elsewhere.dat")
            .to_string_lossy()
            .into_owned(),
    ];
    want.sort();
    assert_eq!(paths(&c), want);
    assert_eq!(problem(&c, "a"), "is a directory");
    assert!(problem(&c, "missing.txt").starts_with("cannot read:"));
    assert_eq!(doc(&c, "enc/gb18030.txt").text, SEED_002);
}

#[test]
fn document_from_bytes_is_pure_and_reports() {
    let d = document_from_bytes(7, PathBuf::from("x/y.txt"), SEED_000.as_bytes()).unwrap();
    assert_eq!((d.id, d.size), (7, SEED_000.len() as u64));
    assert_eq!(d.path, PathBuf::from("x/y.txt"));
    assert_eq!(
        document_from_bytes(0, PathBuf::from("e.txt"), b""),
        Err("empty file".to_string())
    );
    assert_eq!(
        document_from_bytes(0, PathBuf::from("p.txt"), b"%PDF-1.4\n..."),
        Err("binary file (PDF document)".to_string())
    );
    let page = html_to_text(HTML_PAGE);
    assert_eq!(page.title.as_deref(), Some("津甘协作 & 山海情"));
    assert!(page.text.contains("来天津考察"));
}
