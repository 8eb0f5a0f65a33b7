//! Script conversion of the generated text for comparison: the `opencc`
//! command-line tool and the converter the pipeline uses.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use shanhai_core::corpus;
use shanhai_core::text::Converter;

use crate::proc::cpu_times;

/// The decoded text of `files`, one after another, until it holds
/// `limit` bytes (`None` when a file cannot be read or decoded).
fn sample_text(files: &[PathBuf], limit: u64) -> Option<String> {
    let mut text = String::new();
    for f in files {
        if text.len() as u64 >= limit {
            break;
        }
        let bytes = std::fs::read(f).ok()?;
        let doc = corpus::document_from_bytes(0, f.clone(), &bytes).ok()?;
        text.push_str(&doc.text);
        text.push('\n');
    }
    Some(text)
}

pub(crate) fn opencc_cli(
    files: &[PathBuf],
    limit: u64,
    scratch: &Path,
) -> Option<(u64, Duration, Duration)> {
    let input = scratch.join("opencc-in.txt");
    let output = scratch.join("opencc-out.txt");
    let text = sample_text(files, limit)?;
    std::fs::write(&input, &text).ok()?;
    let cpu0 = cpu_times();
    let t = Instant::now();
    let status = std::process::Command::new("opencc")
        .args(["-c", "t2s.json", "-i"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .status()
        .ok()?;
    let d = t.elapsed();
    // The child's CPU time (it has been waited for).
    let cpu = cpu_times().zip(cpu0).map(|(b, a)| b.1.saturating_sub(a.1));
    let _ = std::fs::remove_file(&input);
    let _ = std::fs::remove_file(&output);
    status
        .success()
        .then_some((text.len() as u64, d, cpu.unwrap_or(d)))
}

pub(crate) fn ferrous_opencc(files: &[PathBuf], limit: u64) -> Option<(u64, Duration)> {
    let text = sample_text(files, limit)?;
    let conv = Converter::get();
    let t = Instant::now();
    let out = conv.to_simplified(&text);
    let d = t.elapsed();
    std::hint::black_box(out);
    Some((text.len() as u64, d))
}
