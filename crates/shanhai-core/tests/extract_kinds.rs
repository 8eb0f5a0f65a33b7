//! The failure kinds of real articles (issue 13), one test each, on
//! sentences written for these tests in the styles of government sites,
//! party dailies and county media centres: lists, cadres, two places on one
//! side, plans that list many pairs, Corps divisions, pair words, direction,
//! places finer than a county, and what is not a pairing.

mod common;

use common::{pairs, run};

const EW: &str = "east_west_cooperation";
const CS: &str = "counterpart_support";

/// The (helper, helped) pairs of a text, codes only.
fn links(text: &str) -> Vec<(&'static str, &'static str)> {
    pairs(text).into_iter().map(|(a, b, _)| (a, b)).collect()
}

/// Asserts that `text` gives exactly `want` (helper, helped) pairs.
fn exactly(text: &str, want: &[(&str, &str)]) {
    let mut got = links(text);
    got.dedup();
    let mut want: Vec<(&str, &str)> = want.to_vec();
    want.sort_unstable();
    assert_eq!(got, want, "{text}");
}

// ---- 1. Lists that pair in order, and lists of pairs ----------------------

#[test]
fn lists_in_order_with_a_small_word_before_fenbie() {
    for small in ["日前", "近日", "已", ""] {
        let text = format!(
            "苏州市吴江区、昆山市、太仓市{small}分别与贵州省铜仁市沿河土家族自治县、印江土家族苗族自治县、德江县签署东西部协作结对帮扶协议。"
        );
        exactly(
            &text,
            &[
                ("320509", "520627"),
                ("320583", "520625"),
                ("320585", "520626"),
            ],
        );
    }
}

#[test]
fn lists_with_a_province_qualifier_and_a_former_name() {
    // `河北承德市`: the province's short form qualifies the city; 平泉县 is
    // today's 平泉市.
    exactly(
        "天津市和平区、河西区、南开区分别与河北承德市丰宁满族自治县、围场满族蒙古族自治县、平泉县结对帮扶。",
        &[
            ("120101", "130826"),
            ("120103", "130828"),
            ("120104", "130881"),
        ],
    );
}

#[test]
fn lists_of_pairs_by_clause() {
    // Helped side first, neutral verb: the sides give the direction.
    exactly(
        "按照新一轮结对安排，西吉县与福州市鼓楼区结对，海原县与福州市台江区结对，同心县与福州市晋安区结对。",
        &[
            ("350102", "640422"),
            ("350103", "640522"),
            ("350111", "640324"),
        ],
    );
    // A verb in every clause.
    exactly(
        "东西部协作中，杭州市萧山区对口帮扶恩施州来凤县，余杭区对口帮扶鹤峰县。",
        &[("330109", "422827"), ("330110", "422828")],
    );
    // Dashes.
    exactly(
        "沪滇协作结对关系为：黄浦区—文山州广南县、静安区—文山州富宁县。",
        &[
            ("310101", "532627"),
            ("310106", "532628"),
            ("310000", "530000"),
        ],
    );
}

#[test]
fn lists_in_traditional_script() {
    exactly(
        "廣州市天河區、越秀區分別與貴州省畢節市織金縣、納雍縣簽訂東西部協作協議。",
        &[("440106", "520524"), ("440104", "520525")],
    );
}

#[test]
fn a_table_turned_into_text() {
    let text = "天津市东西部协作结对关系一览\n序号  帮扶区  受援县\n1  南开区  庄浪县\n2  河东区  静宁县\n3  和平区  甘肃省华池县\n";
    let got = links(text);
    for want in [
        ("120104", "620825"),
        ("120102", "620826"),
        ("120101", "621023"),
    ] {
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
    assert_eq!(got.len(), 3, "{got:?}");
    // `受援地：帮扶方` rows, helped side first.
    let text = "对口支援关系如下\n- 孝感市：重庆市、黑龙江省\n- 黄冈市：山东省、湖南省\n";
    let got = links(text);
    for want in [
        ("500000", "420900"),
        ("230000", "420900"),
        ("370000", "421100"),
        ("430000", "421100"),
    ] {
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
}

#[test]
fn an_html_table_keeps_one_pair_per_row() {
    let html = "<html><body><p>东西部协作结对名单</p><table>\
        <tr><td>帮扶区</td><td>受援县</td></tr>\
        <tr><td>天津市南开区</td><td>甘肃省庄浪县</td></tr>\
        <tr><td>天津市河东区</td><td>甘肃省静宁县</td></tr>\
        </table></body></html>";
    let page = shanhai_core::corpus::html_to_text(html);
    let got = links(&page.text);
    assert_eq!(
        got,
        vec![("120102", "620826"), ("120104", "620825")],
        "{}",
        page.text
    );
}

// ---- 2. Cadres and their origin --------------------------------------------

#[test]
fn cadres_come_from_the_helper() {
    exactly(
        "来自江苏省苏州市吴中区、挂职贵州省铜仁市松桃苗族自治县副县长的某某，带领工作组走访了三个村。",
        &[("320506", "520628")],
    );
    let got = links("选派到甘肃省临夏州积石山县挂职的济南市章丘区干部某某，已在当地工作两年。");
    assert!(got.contains(&("370114", "622927")), "{got:?}");
    // 援滇干部: the cadre's origin helps the province of the abbreviation.
    let got = links("上海市闵行区援滇干部某某在保山市昌宁县调研东西部协作项目。");
    assert!(got.contains(&("310112", "530524")), "{got:?}");
    assert!(got.iter().all(|(a, _)| *a == "310112"), "{got:?}");
}

// ---- 3. Two regions on the same side ---------------------------------------

#[test]
fn two_places_on_one_side_are_not_partners() {
    // Two helped prefectures, two helped counties, two helpers.
    for text in [
        "会议总结了天津市帮扶甘南州、临夏州两地的经验。",
        "临夏州、甘南州两地干部群众共同推进东西部协作项目。",
        "庄浪县、静宁县两县共签订东西部协作项目12个。",
        "北京市、天津市两地的专家来到承德开展帮扶。",
    ] {
        for (a, b) in links(text) {
            let same_province = a[..2] == b[..2];
            assert!(!same_province, "{a}→{b} from {text}");
        }
    }
    // But a pairing inside a province with a verb or its own scheme is real.
    exactly(
        "广州市对口帮扶梅州市，两市共建产业园。",
        &[("440100", "441400")],
    );
    exactly(
        "嵊州市与青田县自2016年结对以来，山海协作不断深化。",
        &[("330683", "331121")],
    );
}

// ---- 4. Plans that list many pairs -----------------------------------------

#[test]
fn a_plan_listing_pairs_gives_those_pairs_only() {
    exactly(
        "调整后的结对关系为：江苏省与陕西省、青海省，浙江省与四川省，山东省与重庆市、甘肃省，广东省与广西壮族自治区、贵州省。",
        &[
            ("320000", "610000"),
            ("320000", "630000"),
            ("330000", "510000"),
            ("370000", "500000"),
            ("370000", "620000"),
            ("440000", "450000"),
            ("440000", "520000"),
        ],
    );
    let p = pairs("调整后的结对关系为：江苏省与陕西省，浙江省与四川省，山东省与重庆市。");
    assert!(p.iter().all(|(_, _, r)| *r == EW), "{p:?}");
}

// ---- 5. Corps divisions -------------------------------------------------------

#[test]
fn corps_divisions_are_the_divisions() {
    for text in [
        "浙江省对口支援兵团第一师阿拉尔市，援疆干部人才达到一百余名。",
        "浙江省对口支援新疆生产建设兵团第一师工作会议召开。",
        "浙江省台州市与一师阿拉尔市签署对口援疆合作协议。",
    ] {
        let got = links(text);
        assert!(
            got.iter().any(|(_, b)| *b == "X6601"),
            "no 第一师 in {got:?} from {text}"
        );
        for (_, b) in &got {
            assert!(
                !["650000", "X66", "659002"].contains(b),
                "{b} instead of the division in {text}"
            );
        }
    }
}

// ---- 6. Pair words and the document's two sides -----------------------------

#[test]
fn pair_words_where_the_document_names_both_sides() {
    let text = "苏陕协作结硕果\n江苏省与陕西省召开东西部协作联席会议，两地签署了新一轮协议。";
    assert!(
        pairs(text).contains(&("320000", "610000", EW)),
        "{:?}",
        pairs(text)
    );
    // An official pair reads as one even in a headline alone.
    assert!(links("闽宁协作二十年").contains(&("350000", "640000")));
    // City pair words, with a city's customary abbreviation (莞 for 东莞)
    // or a first character that is also a province's (青 for 青岛, not 青海).
    let text = "莞铜协作再结硕果\n东莞市与铜仁市召开东西部协作联席会议。";
    assert!(
        links(text).contains(&("441900", "520600")),
        "{:?}",
        links(text)
    );
    let text = "青定协作谱新篇\n青岛市帮扶定西市的产业项目落地。";
    let got = links(text);
    assert!(got.contains(&("370200", "621100")), "{got:?}");
    assert!(!got.iter().any(|(a, _)| *a == "630000"), "{got:?}");
    // Two provinces no scheme pairs, in news of a city cluster: nothing.
    assert!(links("川渝合作推动成渝地区双城经济圈建设。四川省、重庆市领导出席。").is_empty());
}

// ---- 7. Direction ----------------------------------------------------------

#[test]
fn the_helped_side_first_with_a_neutral_verb() {
    exactly(
        "清水县与天津市河北区深化东西部协作，共建产业园区。",
        &[("120105", "620521")],
    );
    exactly(
        "甘肃省张家川回族自治县与天津市滨海新区召开东西部协作联席会议。",
        &[("120116", "620525")],
    );
    // Helped first inside one province: its scheme's sides.
    exactly(
        "丽水市青田县与绍兴市嵊州市举行山海协作座谈会。",
        &[("330683", "331121")],
    );
}

// ---- 8. Places finer than a county --------------------------------------------

#[test]
fn towns_and_zones_are_kept_at_the_nearest_region() {
    // A town pair is its counties' pair.
    exactly(
        "佛山市顺德区勒流街道与凉山州越西县某镇签订东西部协作结对帮扶协议。",
        &[("440606", "513434")],
    );
    // A development zone is the city or district it lies in.
    let got = links("天津港保税区与甘肃省天水市张家川回族自治县签署东西部协作协议。");
    assert!(
        got.contains(&("120000", "620525")) || got.contains(&("120116", "620525")),
        "{got:?}"
    );
    // A national new area with a name of its own.
    let got = links("青岛西海岸新区与定西市岷县深化东西部协作。");
    assert!(
        got.contains(&("370211", "621126")) || got.contains(&("370200", "621126")),
        "{got:?}"
    );
}

// ---- 9. Not pairings ------------------------------------------------------------

#[test]
fn flights_railways_sports_and_clusters_are_not_pairings() {
    for text in [
        "天津至敦煌的航线日前开通，两地往来更加便捷。",
        "西安至兰州高铁开通运营，陕西省、甘肃省两省群众出行更便捷。",
        "京津冀协同发展走深走实，北京市、天津市、河北省合作不断加强。",
        "成渝地区双城经济圈建设中，重庆市与四川省协作推进一体化。",
        "甘肃省代表队与天津市代表队的足球比赛在兰州举行。",
        "长江三峡旅游联盟成立，重庆市万州区、湖北省宜昌市等地共同推介。",
    ] {
        assert!(links(text).is_empty(), "{text}: {:?}", links(text));
    }
}

#[test]
fn relations_from_the_scheme_words_and_the_official_lists() {
    assert!(pairs("天津市对口支援新疆和田地区。").contains(&("120000", "653200", CS)));
    assert!(pairs("天津市与甘肃省深化东西部协作。").contains(&("120000", "620000", EW)));
    // The sentence names no scheme: the official list's.
    assert!(
        pairs("江苏省与陕西省、浙江省与四川省结对。")
            .iter()
            .all(|(_, _, r)| *r == EW)
    );
    let a = run("湖南省对口支援湖北省荆州市。");
    assert!(!a.pairings.is_empty());
}

// ---- Found on a held-out check ----------------------------------------------

#[test]
fn more_styles_from_a_held_out_check() {
    // Helpers joined by 联合.
    exactly(
        "按照省里的安排，中山市联合东莞市对口帮扶云南省昭通市。",
        &[("441900", "530600"), ("442000", "530600")],
    );
    // Two places one helper supports are helped together, not partners.
    let got = links("上海市对口支援三峡库区。万州区、夷陵区两地的移民安置成效显著。");
    assert!(
        !got.iter()
            .any(|(a, b)| [*a, *b].contains(&"500101") && [*a, *b].contains(&"420506")),
        "{got:?}"
    );
    // A photo caption states what it shows (the credit is not read).
    let got = links("图为广东援建的四川省汶川县永久性住房。新华社记者 某某 摄\n");
    assert!(got.contains(&("440000", "513221")), "{got:?}");
    // A middle and a western province with no official pair and no verb.
    assert!(links("河南省、云南省两省签署东西部旅游协作协议。").is_empty());
    // A variant character OpenCC leaves alone (陜 for 陕).
    assert!(links("蘇陜協作向全方位合作升級。").contains(&("320000", "610000")));
    // 援疆干部…对口支援: the aided province does not help the division.
    let got = links("德州市先后组织三批援疆干部人才对口支援新疆生产建设兵团第十二师。");
    assert!(got.contains(&("371400", "X6612")), "{got:?}");
    assert!(!got.iter().any(|(a, _)| *a == "650000"), "{got:?}");
}

#[test]
fn giving_and_tied_constructions() {
    // 给予, 为…提供, 向…选派: the giver helps.
    exactly(
        "东丽区为临潭县提供东西部协作帮扶资金3000万元。",
        &[("120110", "623021")],
    );
    exactly(
        "天津市向甘肃省选派专业技术人才200名，深化东西部协作。",
        &[("120000", "620000")],
    );
    exactly(
        "上海市对口支援三峡库区。多年来，上海市在产业、民生等领域给予重庆市万州区大力支持。",
        &[("310000", "500101")],
    );
    // 进驻, 派驻: the place that sends the team helps.
    exactly(
        "按照省内对口帮扶安排，广州市选派干部进驻清远市，开展驻镇帮镇扶村工作。",
        &[("440100", "441800")],
    );
    exactly(
        "东西部协作工作开展以来，青岛市派驻定西市的工作队走遍了全市各县区。",
        &[("370200", "621100")],
    );
    // Learning from a place is not helping it.
    assert!(links("东西部协作中，我们要向甘南州学习。").is_empty());
    // A middle province tied by a pairing word: a partner by its side.
    exactly(
        "东莞市与吉安市对口合作实施方案印发，围绕红色文化开展对口合作。",
        &[("441900", "360800")],
    );
}
