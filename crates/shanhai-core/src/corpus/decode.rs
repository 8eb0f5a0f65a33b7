//! Byte-level work: binary sniffing and character decoding.
//!
//! Order of decisions in [`decode`]:
//! 1. empty input → [`DecodeError::Empty`];
//! 2. a UTF-32 BOM → [`DecodeError::Unsupported`]; a known magic number, or a
//!    NUL byte in the first 8 KiB when there is no UTF-16 BOM →
//!    [`DecodeError::Binary`];
//! 3. a BOM (UTF-8, UTF-16LE, UTF-16BE) decides the encoding;
//! 4. valid UTF-8 is UTF-8;
//! 5. an HTML `<meta charset=…>` / `content="…; charset=…"` declaration in
//!    the first 1 KiB naming a legacy encoding is honoured;
//! 6. "almost UTF-8" (many valid multi-byte sequences, very few errors, e.g. a
//!    truncated or slightly damaged UTF-8 file) is UTF-8 with replacements;
//! 7. otherwise chardetng guesses (GBK, Big5, …) from 256 bytes starting at
//!    the first non-ASCII byte, and from the whole buffer when that guess
//!    leaves malformed sequences.
//!
//! Malformed sequences become U+FFFD and are counted exactly (literal U+FFFD
//! characters already present in the input are not counted).

use encoding_rs::{Encoding, UTF_8};
use serde::Serialize;

/// How many leading bytes are inspected for NUL bytes.
const NUL_SCAN: usize = 8 * 1024;
/// How many bytes chardetng sees first, from the first non-ASCII byte (see
/// [`detect_and_decode`]): about 128 Chinese characters.
const DETECT_SCAN: usize = 256;
/// How many leading bytes are inspected for an HTML charset declaration.
const META_SCAN: usize = 1024;

/// Text decoded from a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decoded {
    /// The decoded text, without BOM. Line endings are left as they were.
    pub text: String,
    /// The encoding_rs name of the encoding used: "UTF-8", "UTF-16LE",
    /// "UTF-16BE", "GBK", "gb18030", "Big5", "windows-1252", …
    pub encoding: &'static str,
    /// Number of U+FFFD replacement characters introduced by decoding
    /// (one per malformed byte sequence).
    pub replacements: usize,
}

/// Why a buffer could not be turned into text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The buffer has no bytes.
    #[error("empty file")]
    Empty,
    /// A known binary format (by magic number), or NUL bytes.
    #[error("binary file ({0})")]
    Binary(&'static str),
    /// A text encoding that is deliberately not supported (UTF-32).
    #[error("unsupported encoding ({0})")]
    Unsupported(&'static str),
    /// Decoding produced almost nothing but replacement characters.
    #[error(
        "undecodable: {replacements} of {chars} characters are replacement characters (U+FFFD) after decoding as {encoding}"
    )]
    Undecodable {
        /// Encoding that was tried.
        encoding: &'static str,
        /// U+FFFD introduced.
        replacements: usize,
        /// Total characters decoded.
        chars: usize,
    },
}

/// Decodes a file's bytes to text, detecting the encoding.
///
/// See the module documentation for the order of decisions. A buffer whose
/// decoded text is more than half U+FFFD (ignoring whitespace) is rejected as
/// [`DecodeError::Undecodable`]; fewer replacement characters are reported in
/// [`Decoded::replacements`] and left for the caller to judge.
///
/// # Errors
/// [`DecodeError::Empty`], [`DecodeError::Binary`], [`DecodeError::Unsupported`],
/// [`DecodeError::Undecodable`].
///
/// # Complexity
/// O(n) in the buffer length (a few passes: validation, detection, decoding).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]) {
        return Err(DecodeError::Unsupported("UTF-32LE"));
    }
    if bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF]) {
        return Err(DecodeError::Unsupported("UTF-32BE"));
    }
    let bom = Encoding::for_bom(bytes);
    if let Some(kind) = sniff_binary(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    let is_utf16_bom = matches!(bom, Some((enc, _)) if enc != UTF_8);
    if !is_utf16_bom && bytes[..bytes.len().min(NUL_SCAN)].contains(&0) {
        return Err(DecodeError::Binary("contains NUL bytes"));
    }

    let (text, encoding, replacements) = if let Some((enc, bom_len)) = bom {
        let (text, replacements) = decode_counting(enc, &bytes[bom_len..]);
        (text, enc, replacements)
    } else if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // Validated with SIMD (std's validation goes a character at a time
        // through Chinese text), then copied, not decoded again.
        (text.to_owned(), UTF_8, 0)
    } else if let Some(enc) = meta_charset(bytes) {
        let (text, replacements) = decode_counting(enc, bytes);
        (text, enc, replacements)
    } else if almost_utf8(bytes) {
        let (text, replacements) = decode_counting(UTF_8, bytes);
        (text, UTF_8, replacements)
    } else {
        detect_and_decode(bytes)
    };
    let decoded = Decoded {
        text,
        encoding: encoding.name(),
        replacements,
    };
    if replacements > 0 {
        let visible = decoded.text.chars().filter(|c| !c.is_whitespace()).count();
        if replacements * 2 > visible {
            return Err(DecodeError::Undecodable {
                encoding: decoded.encoding,
                replacements,
                chars: decoded.text.chars().count(),
            });
        }
    }
    Ok(decoded)
}

/// Guesses a legacy encoding with chardetng and decodes with it.
///
/// chardetng reads every byte through some thirty candidate models (about
/// 1,300 instructions a byte, measured with callgrind), so it first sees
/// only [`DETECT_SCAN`] bytes from the first non-ASCII one (an ASCII head
/// says nothing about the encoding). When that guess leaves malformed
/// sequences, the whole buffer is read and its guess is taken if it decodes
/// with fewer replacements. On 2,705 GBK and 2,705 Big5 excerpts of 60 to
/// 2,000 characters (a third behind a long ASCII HTML head) a 64-byte window
/// already guessed every file right; 256 keeps a margin.
fn detect_and_decode(bytes: &[u8]) -> (String, &'static Encoding, usize) {
    let (first, whole) = first_guess(bytes);
    let (text, replacements) = decode_counting(first, bytes);
    if replacements == 0 || whole {
        return (text, first, replacements);
    }
    let second = guess(bytes, true);
    if second != first {
        let (text2, replacements2) = decode_counting(second, bytes);
        if replacements2 < replacements {
            return (text2, second, replacements2);
        }
    }
    (text, first, replacements)
}

/// chardetng's guess from the [`DETECT_SCAN`] bytes that start at the first
/// non-ASCII byte, and whether those were all the non-ASCII bytes there are.
fn first_guess(bytes: &[u8]) -> (&'static Encoding, bool) {
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let whole = bytes.len() - start <= DETECT_SCAN;
    let end = bytes.len().min(start + DETECT_SCAN);
    (guess(&bytes[start..end], whole), whole)
}

/// chardetng's guess for `input` (`last`: nothing follows it).
fn guess(input: &[u8], last: bool) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(input, last);
    detector.guess(None, true)
}

/// Recognises common binary formats by their magic number.
///
/// Returns a short human-readable kind ("PNG image", "PDF document", …).
/// Text with a BOM is never reported. O(1).
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"PK\x05\x06", "ZIP archive"),
        (b"PK\x07\x08", "ZIP archive"),
        (b"\x1F\x8B", "GZIP archive"),
        (b"7z\xBC\xAF\x27\x1C", "7z archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (b"\x7FELF", "ELF executable"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "legacy Office document",
        ),
        (b"\xFD7zXZ\x00", "XZ archive"),
        (b"\x28\xB5\x2F\xFD", "Zstandard archive"),
        (b"BZh", "BZIP2 archive"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"{\\rtf", "RTF document"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            // "BZh" alone is plausible text; require the block-size digit and block magic.
            if *kind == "BZIP2 archive"
                && !(bytes.len() >= 10
                    && (b'1'..=b'9').contains(&bytes[3])
                    && &bytes[4..10] == b"1AY&SY")
            {
                continue;
            }
            if *kind == "ZIP archive or Office document" {
                let head = &bytes[..bytes.len().min(4096)];
                if contains(head, b"word/") {
                    return Some("Word document (.docx)");
                }
                if contains(head, b"xl/") {
                    return Some("Excel document (.xlsx)");
                }
                if contains(head, b"ppt/") {
                    return Some("PowerPoint document (.pptx)");
                }
                if contains(head, b"[Content_Types].xml") {
                    return Some("Office document");
                }
                return Some("ZIP archive");
            }
            return Some(kind);
        }
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("WebP image");
    }
    None
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Decodes `body` (BOM already removed) with `encoding`, replacing malformed
/// sequences with U+FFFD and counting them. O(n).
pub(crate) fn decode_counting(encoding: &'static Encoding, body: &[u8]) -> (String, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() + body.len() / 2 + 16);
    let mut src = body;
    let mut replacements = 0usize;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        src = &src[read..];
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(src.len())
                    .unwrap_or(src.len() * 3 + 16)
                    .max(16);
                out.reserve(more);
            }
            encoding_rs::DecoderResult::Malformed(_, _) => {
                out.push('\u{FFFD}');
                replacements += 1;
            }
        }
    }
    (out, replacements)
}

/// Bytes that are "nearly" UTF-8: the bytes of valid non-ASCII sequences
/// outnumber the invalid bytes at least 4 to 1, with at least 10 valid
/// non-ASCII characters. A legacy CJK encoding read as UTF-8 yields mostly
/// invalid bytes (only a small fraction of GBK/Big5 byte pairs happen to form
/// UTF-8 sequences), so it fails this test, while a damaged or truncated
/// UTF-8 file passes.
fn almost_utf8(bytes: &[u8]) -> bool {
    let mut valid_chars = 0usize;
    let mut valid_bytes = 0usize;
    let mut invalid_bytes = 0usize;
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars().filter(|c| !c.is_ascii()) {
            valid_chars += 1;
            valid_bytes += c.len_utf8();
        }
        invalid_bytes += chunk.invalid().len();
    }
    valid_chars >= 10 && valid_bytes >= invalid_bytes.saturating_mul(4)
}

/// Finds a legacy (non-UTF) charset declared in an HTML `<meta>` tag within
/// the first 1 KiB. UTF-8/UTF-16 declarations are ignored: the bytes are
/// already known not to be valid UTF-8, and UTF-16 would need a BOM here.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find_from(&lower, b"<meta", from) {
        let end = find_from(&lower, b">", at).unwrap_or(lower.len());
        let tag = &lower[at..end];
        from = end;
        let Some(cs) = find_from(tag, b"charset", 0) else {
            continue;
        };
        let mut rest = &tag[cs + b"charset".len()..];
        rest = trim_start(rest);
        let Some(r) = rest.strip_prefix(b"=") else {
            continue;
        };
        let r = trim_start(r);
        let r = r
            .strip_prefix(b"\"")
            .or_else(|| r.strip_prefix(b"'"))
            .unwrap_or(r);
        let len = r
            .iter()
            .position(|b| {
                matches!(
                    b,
                    b'"' | b'\'' | b';' | b' ' | b'/' | b'>' | b'\t' | b'\n' | b'\r'
                )
            })
            .unwrap_or(r.len());
        let enc = Encoding::for_label(&r[..len])?;
        if enc == UTF_8 || enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            return None;
        }
        // "x-user-defined" and "replacement" are never meant for files on disk.
        if enc == encoding_rs::X_USER_DEFINED || enc == encoding_rs::REPLACEMENT {
            return None;
        }
        return Some(enc);
    }
    None
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary("PNG image"))
        );
        assert_eq!(
            decode(b"%PDF-1.7\n"),
            Err(DecodeError::Binary("PDF document"))
        );
        assert_eq!(
            decode(b"abc\0def"),
            Err(DecodeError::Binary("contains NUL bytes"))
        );
        assert_eq!(
            decode(b"\xFF\xFE\0\0a\0\0\0").map_err(|e| e.to_string()),
            Err("unsupported encoding (UTF-32LE)".to_string())
        );
        // "BZh" as ordinary text is not binary.
        assert_eq!(
            decode(b"BZh is not bzip2").map(|d| d.text).as_deref(),
            Ok("BZh is not bzip2")
        );
    }

    #[test]
    fn boms() {
        let d = decode(b"\xEF\xBB\xBF\xE5\xA4\xA9\xE6\xB4\xA5").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("天津", "UTF-8"));
        let mut le = vec![0xFF, 0xFE];
        for u in "天津 a".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.replacements),
            ("天津 a", "UTF-16LE", 0)
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "天津 a".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("天津 a", "UTF-16BE"));
    }

    #[test]
    fn gbk_short_and_meta() {
        let text =
            "甘肃省党政代表团来津考察，深化对接交流，加强优势互补，持续推进新时代新征程津甘协作。";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "GBK");
        let html =
            format!("<html><head><meta charset=\"gb2312\"></head><body>{text}</body></html>");
        let (bytes, _, _) = encoding_rs::GB18030.encode(&html);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (html.as_str(), "GBK"));
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\"></head><body>濟南市黨政代表團</body></html>".to_string();
        let (bytes, _, _) = encoding_rs::BIG5.encode(&html);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (html.as_str(), "Big5"));
    }

    #[test]
    fn legacy_cjk_behind_a_long_ascii_head() {
        // No charset declaration, and more than a kilobyte of ASCII before
        // the first Chinese character: the guess starts at that character.
        let head = format!(
            "<html><head><script>{}</script></head><body><p>",
            "var x = 1;".repeat(150)
        );
        for (encoding, name, body) in [
            (encoding_rs::GB18030, "GBK", "甘肃省党政代表团来津考察。"),
            (encoding_rs::BIG5, "Big5", "濟南市黨政代表團赴臨夏州考察。"),
        ] {
            let html = format!("{head}{body}</p></body></html>");
            let (bytes, _, unmappable) = encoding.encode(&html);
            assert!(!unmappable);
            // Decided by the first guess, not by the whole-file fallback.
            assert_eq!(first_guess(&bytes).0.name(), name);
            let (text, found, replacements) = detect_and_decode(&bytes);
            assert_eq!(
                (text.as_str(), found.name(), replacements),
                (html.as_str(), name, 0)
            );
        }
    }

    #[test]
    fn damaged_utf8_counts_replacements() {
        let text = "天津市黨政代表團來疆考察對接對口支援工作".repeat(5);
        let mut bytes = text.as_bytes().to_vec();
        for i in (4..bytes.len()).step_by(20) {
            bytes[i] = 0xFF; // damage every 20th byte
        }
        bytes.truncate(bytes.len() - 1); // cut the last character
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.replacements >= 15, "{}", d.replacements);
        assert!(d.text.starts_with('天'));
    }

    #[test]
    fn legacy_cjk_is_not_almost_utf8() {
        let seed = include_str!("../../../../sample_data/001_1c8763f15fd8f122.txt");
        let (gbk, _, _) = encoding_rs::GB18030.encode(seed);
        assert!(!almost_utf8(&gbk));
        let d = decode(&gbk).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.replacements),
            (seed, "GBK", 0)
        );
    }

    #[test]
    fn literal_fffd_is_not_counted() {
        let d = decode("a\u{FFFD}b".as_bytes()).unwrap();
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn garbage_is_undecodable() {
        // UTF-16LE BOM followed by nothing but unpaired surrogates.
        let mut bytes = vec![0xFF, 0xFE];
        for _ in 0..50 {
            bytes.extend_from_slice(&[0x00, 0xD8, 0x00, 0xD8]);
        }
        match decode(&bytes) {
            Err(DecodeError::Undecodable {
                encoding,
                replacements,
                ..
            }) => {
                assert_eq!((encoding, replacements), ("UTF-16LE", 100));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
