//! The keyword table (`extract::keywords::WordHits`, a hand-built
//! transition table over the lists' characters) against `daachorse`'s
//! character-wise double-array Aho–Corasick, overlapping search, on the
//! same words and the same text: the five seed articles, repeated. The
//! issue asked for daachorse unless a measurement shows the table is
//! needed; this is that measurement (`cargo bench -p shanhai-bench --bench
//! keywords`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use shanhai_core::extract::keywords::{WordHits, word_lists};

fn text() -> String {
    let seeds: String = shanhai_core::corpus::sample()
        .documents
        .into_iter()
        .map(|d| d.text)
        .collect::<Vec<_>>()
        .join("\n");
    seeds.repeat(20)
}

fn benches(c: &mut Criterion) {
    let text = text();
    // Lines as the sentences (WordHits also sorts hits into sentences).
    let mut sentences = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        sentences.push(start..start + line.len());
        start += line.len();
    }
    // The words WordHits searches, each once with the bits of its lists.
    let mut words: Vec<&str> = Vec::new();
    let mut bits: Vec<u32> = Vec::new();
    for (list, bit) in word_lists() {
        for &w in list {
            match words.iter().position(|x| *x == w) {
                Some(k) => bits[k] |= bit,
                None => {
                    words.push(w);
                    bits.push(bit);
                }
            }
        }
    }
    let daac: Option<CharwiseDoubleArrayAhoCorasick<u32>> =
        CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(words.iter().zip(&bits).map(|(w, b)| (*w, *b)))
            .ok();
    let Some(daac) = daac else {
        return;
    };
    // Both find the same lists in the text.
    let table = WordHits::find(&text, &sentences).doc;
    let mut found = 0u32;
    for m in daac.find_overlapping_iter(&text) {
        found |= m.value();
    }
    assert_eq!(table, found, "both find the same lists");
    println!(
        "{} words, {} lists found by both",
        words.len(),
        table.count_ones()
    );
    let mut group = c.benchmark_group("keyword lists over the seeds ×20");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("hand-built table (WordHits::find)", |b| {
        b.iter(|| black_box(WordHits::find(black_box(&text), &sentences).doc))
    });
    group.bench_function("daachorse charwise, overlapping", |b| {
        b.iter(|| {
            let mut bits = 0u32;
            for m in daac.find_overlapping_iter(black_box(&text)) {
                bits |= m.value();
            }
            black_box(bits)
        })
    });
    group.finish();
}

criterion_group!(keyword_benches, benches);
criterion_main!(keyword_benches);
