//! The text stage on the seeds: scripts, pinyin removal, the offset map and
//! boilerplate.

mod common;

use common::{SEEDS, gaz};
use shanhai_core::text::{
    Boilerplate, Converter, Script, analyse, detect_script, normalise, strip_annotations,
};

#[test]
fn seed_scripts() {
    let got: Vec<Script> = SEEDS.iter().map(|s| detect_script(s)).collect();
    assert_eq!(
        got,
        vec![
            Script::Simplified,
            Script::Simplified,
            Script::Traditional,
            Script::Traditional,
            Script::Traditional
        ]
    );
}

/// True when `s` still holds a `(pinyin)` annotation glued after a
/// character.
fn has_pinyin(s: &str) -> bool {
    let tone = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ";
    s.split(['(', '（']).skip(1).any(|rest| {
        let inner: String = rest
            .chars()
            .take_while(|c| *c != ')' && *c != '）')
            .collect();
        !inner.is_empty()
            && inner.chars().count() <= 6
            && inner
                .chars()
                .all(|c| c.is_ascii_lowercase() || tone.contains(c))
    })
}

#[test]
fn no_pinyin_left_in_003_and_004() {
    assert!(
        has_pinyin(SEEDS[3]) && has_pinyin(SEEDS[4]),
        "the seeds have pinyin"
    );
    for seed in [SEEDS[3], SEEDS[4]] {
        let n = normalise(seed);
        assert!(!has_pinyin(&n.text), "pinyin left");
        assert!(!n.text.contains("qǐng") && !n.text.contains("bào"));
    }
    let n = normalise(SEEDS[3]);
    assert!(n.text.contains("天津市党政代表团来疆考察对接对口支援工作"));
    assert!(n.text.contains("新疆日?记者 崔志坚摄"));
    // Ordinary parentheses stay.
    assert!(n.text.contains("(记者 王兴瑞报道)"));
    assert!(normalise(SEEDS[4]).text.contains("(天水在线编辑:康翠霞)"));
}

#[test]
fn offset_map_round_trips_every_name_on_every_seed() {
    let g = gaz();
    let conv = Converter::get();
    let mut checked = 0;
    for seed in SEEDS {
        let a = analyse(seed);
        for m in g.find_mentions(&a) {
            let orig = strip_annotations(&seed[m.orig.clone()]);
            assert_eq!(
                conv.to_simplified(&orig),
                m.surface,
                "{orig} should read {}",
                m.surface
            );
            checked += 1;
        }
        // Sentences map to non-empty original ranges, in order.
        let mut last = 0;
        for s in &a.sentences {
            assert!(s.orig.start >= last && s.orig.end > s.orig.start);
            assert!(seed.is_char_boundary(s.orig.start) && seed.is_char_boundary(s.orig.end));
            last = s.orig.end;
        }
    }
    assert!(checked > 100, "only {checked} names checked");
    // The traditional original is what the map points at.
    let a = analyse(SEEDS[2]);
    let pos = a.norm.text.find("章丘区—积石山县").unwrap_or(usize::MAX);
    let r = a.norm.to_original(pos..pos + "章丘区—积石山县".len());
    assert_eq!(&SEEDS[2][r], "章丘區—積石山縣");
}

#[test]
fn boilerplate_in_001() {
    let a = analyse(SEEDS[1]);
    let kind_of = |needle: &str| {
        a.paragraphs
            .iter()
            .find(|p| a.norm.text[p.norm.clone()].contains(needle))
            .map(|p| p.boilerplate)
    };
    assert_eq!(
        kind_of("热点  天津  政情"),
        Some(Some(Boilerplate::Navigation))
    );
    assert_eq!(
        kind_of("第十五届天津蓟州梨园情"),
        Some(Some(Boilerplate::Headlines))
    );
    assert_eq!(kind_of("姚明来天津啦"), Some(Some(Boilerplate::Headlines)));
    assert_eq!(kind_of("联合国预测"), Some(Some(Boilerplate::Headlines)));
    assert_eq!(kind_of("ICP备案"), Some(Some(Boilerplate::Footer)));
    assert_eq!(kind_of("来源:天津日报"), Some(Some(Boilerplate::Footer)));
    // The article itself is not boilerplate.
    assert_eq!(kind_of("甘肃省党政代表团来津考察:深化"), Some(None));
    assert_eq!(kind_of("市委书记陈敏尔主持座谈会"), Some(None));
    assert_eq!(kind_of("甘肃省领导朱天舒"), Some(None));
    // Nothing under the article is body text.
    let last_body = a
        .paragraphs
        .iter()
        .rposition(|p| p.boilerplate.is_none() && !a.norm.text[p.norm.clone()].trim().is_empty())
        .unwrap_or(0);
    assert!(a.norm.text[a.paragraphs[last_body].norm.clone()].contains("甘肃省领导朱天舒"));
}

#[test]
fn captions_and_footers_in_other_seeds() {
    let a = analyse(SEEDS[3]);
    let captions = a
        .paragraphs
        .iter()
        .filter(|p| p.boilerplate == Some(Boilerplate::Caption))
        .count();
    assert_eq!(captions, 4, "the four photo captions of 003");
    let a = analyse(SEEDS[0]);
    let footer: Vec<&str> = a
        .paragraphs
        .iter()
        .filter(|p| p.boilerplate == Some(Boilerplate::Footer))
        .map(|p| &a.norm.text[p.norm.clone()])
        .collect();
    assert_eq!(footer.len(), 3, "{footer:?}");
}

#[test]
fn sentences_keep_quotes_and_split_on_semicolons() {
    let a = analyse(SEEDS[3]);
    let texts: Vec<&str> = (0..a.sentences.len()).map(|i| a.sentence_text(i)).collect();
    assert!(texts.iter().any(|s| s.starts_with("走进策勒县第一小学")));
    let a = analyse(SEEDS[0]);
    let texts: Vec<&str> = (0..a.sentences.len()).map(|i| a.sentence_text(i)).collect();
    assert!(
        texts
            .iter()
            .any(|s| s.starts_with("要推动支援合作更有“灵魂”。"))
    );
}
