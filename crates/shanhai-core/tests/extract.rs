//! Pairings: the seeds, one fixture per pattern, and the negatives.

mod common;

use common::{SEEDS, code, gaz, pairs, run};
use shanhai_core::corpus;
use shanhai_core::extract::Pattern;
use shanhai_core::network::ViewLevel;
use shanhai_core::pipeline;
use shanhai_core::text::strip_annotations;

const EW: &str = "east_west_cooperation";
const CS: &str = "counterpart_support";

fn has(text: &str, helper: &str, helped: &str, rel: &str) -> bool {
    pairs(text).contains(&(helper, helped, rel))
}

fn codes_of(text: &str) -> Vec<(&'static str, &'static str)> {
    pairs(text).into_iter().map(|(a, b, _)| (a, b)).collect()
}

// ---- The seeds -----------------------------------------------------------

#[test]
fn seed_000_binhai_to_hezuo() {
    let p = pairs(SEEDS[0]);
    assert!(p.contains(&("120116", "623001", EW)), "{p:?}");
    // Everything else stated is 天津 → 甘肃 (津甘山海情), nothing false.
    for (a, b, r) in &p {
        assert!(
            [("120116", "623001"), ("120000", "620000")].contains(&(*a, *b)),
            "unexpected {a}→{b} {r}"
        );
        assert_eq!(*r, EW);
    }
}

#[test]
fn seed_001_tianjin_to_gansu_only() {
    assert_eq!(pairs(SEEDS[1]), vec![("120000", "620000", EW)]);
}

#[test]
fn seed_002_jinan_linxia() {
    let p = pairs(SEEDS[2]);
    for want in [
        ("370100", "622900", EW),
        ("370114", "622927", EW),
        ("370103", "622901", EW),
    ] {
        assert!(p.contains(&want), "{want:?} missing from {p:?}");
    }
    for (a, b, r) in &p {
        assert!(
            [
                ("370100", "622900"),
                ("370114", "622927"),
                ("370103", "622901"),
                ("370000", "620000")
            ]
            .contains(&(*a, *b)),
            "unexpected {a}→{b} {r}"
        );
    }
}

#[test]
fn seed_003_tianjin_xinjiang_and_corps() {
    let p = pairs(SEEDS[3]);
    assert!(p.contains(&("120000", "650000", CS)), "{p:?}");
    assert!(p.contains(&("120000", "X66", CS)), "{p:?}");
    // Support targets tied to the support in a sentence.
    for t in ["653200", "653226", "653225", "X6611"] {
        assert!(p.contains(&("120000", t, CS)), "天津→{t} missing: {p:?}");
    }
    // Never 乌鲁木齐 (visited, not supported) and always 天津 as helper.
    for (a, b, r) in &p {
        assert_eq!(*a, "120000");
        assert_ne!(*b, "650100");
        assert_eq!(*r, CS);
    }
}

#[test]
fn seed_004_hebei_district_to_qingshui() {
    let p = pairs(SEEDS[4]);
    assert!(p.contains(&("120105", "620521", EW)), "{p:?}");
    for (a, b, _) in &p {
        assert_ne!(*a, "130000");
        assert_ne!(*b, "130000");
        assert!([("120105", "620521"), ("120000", "620000")].contains(&(*a, *b)));
    }
}

#[test]
fn evidence_is_in_the_original_script() {
    let a = run(SEEDS[4]);
    let p = a
        .pairings
        .iter()
        .find(|p| code(p.helper) == "120105")
        .map(|p| p.evidence.clone())
        .unwrap_or_default();
    assert!(!p.is_empty());
    assert!(
        p[0].text
            .contains("清水縣—河北區召開東西部協作高層聯席會議")
    );
    assert!(!p[0].text.contains("(xiàn)") && !p[0].text.contains("(qū)"));
    assert_eq!(
        strip_annotations(&SEEDS[4][p[0].start..p[0].end]),
        &*p[0].text
    );
    assert!(
        SEEDS[4][p[0].start..p[0].end].contains("區(qū)"),
        "offsets point into the original"
    );
    assert_eq!(p[0].pattern, Pattern::Dash);
}

#[test]
fn sample_rolled_up_to_provinces() {
    let g = gaz();
    let ex = pipeline::process(g, corpus::sample());
    let net = ex.network().roll_up(g, ViewLevel::Province);
    let mut links: Vec<(String, String)> = net
        .sorted_links()
        .into_iter()
        .map(|(a, b, _)| (g.region(a).name.clone(), g.region(b).name.clone()))
        .collect();
    links.sort();
    links.dedup();
    let want: Vec<(String, String)> = [
        ("天津市", "新疆维吾尔自治区"),
        ("天津市", "甘肃省"),
        ("山东省", "甘肃省"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(links, want);
    // The prefecture level keeps the Corps as its own node.
    let pref = ex.network().roll_up(g, ViewLevel::Prefecture);
    assert!(pref.node_of(g.by_code("X66").unwrap_or(u32::MAX)).is_some());
}

// ---- Patterns --------------------------------------------------------------

#[test]
fn dash_pairs_in_both_orders() {
    assert!(has(
        "济南—临夏东西部协作联席会议召开。",
        "370100",
        "622900",
        EW
    ));
    assert!(has(
        "清水县—河北区召开东西部协作高层联席会议。",
        "120105",
        "620521",
        EW
    ));
    assert!(has(
        "上海市-云南省扶贫协作座谈会在昆明举行。",
        "310000",
        "530000",
        EW
    ));
}

#[test]
fn pair_words_in_text() {
    assert!(has("持续推进津甘协作。", "120000", "620000", EW));
    assert!(has(
        "全面落实鲁甘两省东西部协作要求。",
        "370000",
        "620000",
        EW
    ));
    assert!(has("深化闽宁协作。", "350000", "640000", EW));
}

#[test]
fn verbs_give_direction() {
    assert!(has(
        "党中央决定天津帮扶甘肃以来,东西部协作成效显著。",
        "120000",
        "620000",
        EW
    ));
    assert!(has(
        "介绍了河北区对口清水县东西部协作情况。",
        "120105",
        "620521",
        EW
    ));
    assert!(has("北京市对口支援拉萨市。", "110000", "540100", CS));
    assert!(has(
        "浙江省援疆指挥部:浙江援疆工作成效显著。",
        "330000",
        "650000",
        CS
    ));
}

#[test]
fn delegation_visits() {
    assert!(has(
        "滨海新区代表团赴甘肃省甘南州合作市考察对接东西部协作和对口支援工作",
        "120116",
        "623001",
        EW
    ));
    assert!(has(
        "甘肃省党政代表团来津考察东西部协作工作。",
        "120000",
        "620000",
        EW
    ));
    // The hierarchy phrase is one place: no 滨海新区 → 甘肃省 or 甘南州.
    assert_eq!(
        codes_of("滨海新区代表团赴甘肃省甘南州合作市考察对接东西部协作工作"),
        vec![("120116", "623001")]
    );
}

#[test]
fn respectively_pairs_in_order() {
    let t = "东西部协作中,济南市章丘区、市中区、历下区分别与临夏州积石山县、临夏市、东乡县签署结对帮扶协议。";
    let got = codes_of(t);
    assert_eq!(
        got,
        vec![
            ("370102", "622926"),
            ("370103", "622901"),
            ("370114", "622927"),
        ],
        "{got:?}"
    );
}

#[test]
fn one_with_each() {
    let t = "济南市章丘区与临夏州积石山县、东乡县结对帮扶。";
    assert_eq!(
        codes_of(t),
        vec![("370114", "622926"), ("370114", "622927")]
    );
}

#[test]
fn two_provinces_named_as_sides() {
    assert!(has(
        "开展东西部协作三年来,在山东、甘肃两省省委的领导下,工作成效显著。",
        "370000",
        "620000",
        EW
    ));
}

#[test]
fn thanks_gives_the_helper() {
    // In an article about a scheme, thanks for care and support state the
    // pairing (seed 000)…
    assert!(has(
        "两地召开东西部协作联席会议。何谋保对滨海新区长期以来对甘南州合作市经济社会发展的关心支持表示衷心感谢。",
        "120116",
        "623001",
        EW
    ));
    // … but thanks for a visit's arrangements are none (written for this
    // test).
    assert!(codes_of("某某对福建省给予陕西代表团此行的便利和支持表示感谢。").is_empty());
}

#[test]
fn aid_targets_with_the_documents_helper() {
    let t = "天津市党政代表团来新疆考察对口支援工作。走进策勒县第一小学、和田地区人民医院,考察教育援疆成果。";
    let p = codes_of(t);
    assert!(p.contains(&("120000", "653225")), "{p:?}");
    assert!(p.contains(&("120000", "653200")), "{p:?}");
}

// ---- Negatives -------------------------------------------------------------

#[test]
fn no_pairing_from_mere_co_occurrence() {
    assert!(pairs("天津市和甘肃省的气温今天都下降了。").is_empty());
    assert!(pairs("代表团先后到上海、南京、昆明考察。").is_empty());
}

#[test]
fn no_pairing_from_attendance_lists() {
    assert!(
        pairs("东西部协作会议召开。天津市领导王力军、甘肃省领导张伟、临夏州领导李海默参加。")
            .is_empty()
    );
}

#[test]
fn no_pairing_from_jing_jin_ji() {
    assert!(pairs("天津全面落实京津冀协同发展战略,深化京津冀协作。").is_empty());
    assert!(pairs("推进京津冀协同发展,东西部协作持续深化。").is_empty());
}

#[test]
fn no_pairing_from_headlines_under_the_article() {
    let p = pairs(SEEDS[1]);
    assert!(
        p.iter().all(|(a, b, _)| *a != "120119" && *b != "120119"),
        "蓟州"
    );
}

#[test]
fn no_pairing_with_parent_child_or_self() {
    assert!(pairs("甘肃省与临夏州开展协作。").is_empty());
    assert!(pairs("天津—天津东西部协作。").is_empty());
}

#[test]
fn visit_without_support_is_no_pairing() {
    assert!(pairs("天津市代表团赴上海市考察城市更新。").is_empty());
}

#[test]
fn sample_rolled_up_to_prefectures() {
    let g = gaz();
    let ex = pipeline::process(g, corpus::sample());
    let net = ex.network().roll_up(g, ViewLevel::Prefecture);
    let links: Vec<(&str, &str)> = net
        .sorted_links()
        .into_iter()
        .map(|(a, b, _)| (code(a), code(b)))
        .collect();
    for want in [
        ("120000", "623000"), // 滨海新区→合作市 becomes 天津→甘南州
        ("120000", "620500"), // 河北区→清水县 becomes 天津→天水市
        ("370100", "622900"), // 章丘区, 市中区 and 济南 all → 临夏州
        ("120000", "X66"),    // the Corps and its 第十一师
        ("120000", "653200"),
    ] {
        assert!(links.contains(&want), "{want:?} missing: {links:?}");
    }
    // 济南's three pairings merge into one link with all their evidence.
    let jn = net
        .sorted_links()
        .into_iter()
        .find(|(a, b, _)| code(*a) == "370100" && code(*b) == "622900")
        .map(|(_, _, l)| l.evidence.len());
    assert!(jn.is_some_and(|n| n >= 10), "{jn:?}");
    // No self-loops after roll-up.
    assert!(net.sorted_links().iter().all(|(a, b, _)| a != b));
}

// ---- Sentences in the styles of the seeds, not taken from them -----------

#[test]
fn more_styles_of_statement() {
    let cases: [(&str, &[(&str, &str)]); 7] = [
        (
            "上海市对口支援云南省文山州、红河州等8个州市。",
            &[("310000", "532500"), ("310000", "532600")],
        ),
        (
            "2021年,江苏省与陕西省建立东西部协作关系。",
            &[("320000", "610000")],
        ),
        ("福建省对口帮扶宁夏回族自治区。", &[("350000", "640000")]),
        (
            "广东省广州市与贵州省毕节市签署东西部协作协议。",
            &[("440100", "520500")],
        ),
        (
            "北京市东城区、西城区分别与内蒙古自治区的兴安盟、乌兰察布市结对帮扶。",
            &[("110101", "152200"), ("110102", "150900")],
        ),
        (
            "苏州市吴江区结对帮扶铜仁市沿河县。",
            &[("320509", "520627")],
        ),
        (
            "浙江省杭州市举办东西部协作产品展销会,四川、贵州等地企业参加。",
            &[],
        ),
    ];
    for (text, want) in cases {
        let got = codes_of(text);
        assert_eq!(got, want.to_vec(), "{text}");
    }
}

#[test]
fn a_repeated_sentence_is_one_passage() {
    // The same caption under two photos, and the body stating it again
    // in other words (written for this test).
    let caption = "图为天津市河北区对口帮扶甘肃省清水县的产业园。";
    let text = format!(
        "两地协作见闻\n{caption}\n河北区与清水县签署东西部协作协议，共建产业园。\n{caption}\n"
    );
    let a = run(&text);
    let p = a
        .pairings
        .iter()
        .find(|p| code(p.helper) == "120105" && code(p.helped) == "620521")
        .unwrap_or_else(|| panic!("河北区 → 清水县 in {:?}", pairs(&text)));
    let texts: Vec<&str> = p.evidence.iter().map(|e| &*e.text).collect();
    assert_eq!(
        texts.iter().filter(|t| **t == caption).count(),
        1,
        "{texts:?}"
    );
    assert_eq!(p.evidence.len(), 2, "{texts:?}");
    // The network drops a repeated sentence too (pairings merged from
    // several documents or levels): the same text in one document once.
    let mut twice = p.clone();
    let mut again = twice.evidence[0].clone();
    again.start += 1000;
    again.end += 1000;
    twice.evidence.push(again);
    let net = shanhai_core::network::Network::build([&twice], &|_| None);
    let link = net
        .graph
        .edge_weights()
        .next()
        .unwrap_or_else(|| panic!("no link"));
    assert_eq!(link.evidence.len(), 2);
}

#[test]
fn photo_credits_state_no_pairing() {
    for credit in [
        "本文所有图片均由天津市河北区对口帮扶清水县工作组提供",
        "（图/天津市河北区援甘工作队 清水县融媒体中心）",
        "摄影：天津市河北区援派干部 某某",
    ] {
        let text = format!("清水县召开会议\n会议研究了今年的工作。\n{credit}\n");
        assert!(pairs(&text).is_empty(), "{credit}: {:?}", pairs(&text));
    }
}
