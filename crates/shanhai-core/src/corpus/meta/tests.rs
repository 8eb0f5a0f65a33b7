//! Tests of the date and title finders.

use super::title::is_navigation;
use super::*;

fn d(y: Option<u16>, m: u8, day: Option<u8>) -> Option<DocDate> {
    Some(DocDate {
        year: y,
        month: m,
        day,
    })
}

#[test]
fn iso_forms() {
    assert_eq!(d(Some(2023), 4, Some(19)).unwrap().iso(), "2023-04-19");
    assert_eq!(d(None, 9, Some(4)).unwrap().iso(), "--09-04");
    assert_eq!(d(Some(2023), 4, None).unwrap().iso(), "2023-04");
    assert_eq!(d(None, 4, None).unwrap().to_string(), "--04");
}

#[test]
fn date_forms() {
    assert_eq!(
        find_date("天津日报  2023/04/19"),
        d(Some(2023), 4, Some(19))
    );
    assert_eq!(
        find_date("发布时间：2023-4-9 10:00"),
        d(Some(2023), 4, Some(9))
    );
    assert_eq!(find_date("2023.04.19"), d(Some(2023), 4, Some(19)));
    assert_eq!(find_date("2024年3月23日至24日"), d(Some(2024), 3, Some(23)));
    assert_eq!(
        find_date("２０２４年３月２３日"),
        d(Some(2024), 3, Some(23))
    );
    assert_eq!(find_date("2024 年 3 月 23 日"), d(Some(2024), 3, Some(23)));
    assert_eq!(find_date("2024年3月,两地"), d(Some(2024), 3, None));
    assert_eq!(find_date("9月4日至5日,区委书记"), d(None, 9, Some(4)));
    assert_eq!(find_date("4月28日上午,清水县"), d(None, 4, Some(28)));
    assert_eq!(find_date("7月8日,天津市"), d(None, 7, Some(8)));
    assert_eq!(find_date("5月1号"), d(None, 5, Some(1)));
}

#[test]
fn date_rejections() {
    assert_eq!(find_date("网站标识码:1201160001"), None);
    assert_eq!(find_date("举报电话:022-23601772"), None);
    assert_eq!(find_date("津ICP备B2-20000001 12010102001050号"), None);
    assert_eq!(find_date("2017年以来,两地"), None);
    assert_eq!(find_date("3月份"), None);
    assert_eq!(find_date("13月5日 2月30日 2023/02/29 1900年1月1日"), None);
    assert_eq!(find_date("2024/02/29"), d(Some(2024), 2, Some(29)));
    assert_eq!(find_date("版本 2023.1.2.3"), None);
    assert_eq!(find_date("6.2级地震"), None);
    assert_eq!(find_date("123月4日"), None);
    // an invalid full date is skipped whole, not re-read as month-day
    assert_eq!(find_date("1900年1月1日"), None);
}

#[test]
fn date_preference() {
    // a byline line after a month-day within the head wins
    assert_eq!(
        find_date("4月17日,考察。\n天津日报 2023/04/19"),
        d(Some(2023), 4, Some(19))
    );
    // a full date inside a sentence is not a byline
    assert_eq!(
        find_date("4月17日,考察。天津日报 2023/04/19"),
        d(None, 4, Some(17))
    );
    // year-month after the first month-day does not win
    assert_eq!(
        find_date("4月17日,考察。2022年10月以来"),
        d(None, 4, Some(17))
    );
    // a full date far below the first month-day does not win
    let far = format!("4月17日,{}2023年4月19日", "字".repeat(400));
    assert_eq!(find_date(&far), d(None, 4, Some(17)));
    // but with no month-day at all, a far full date is taken
    let far = format!("{}2023年4月19日", "字".repeat(400));
    assert_eq!(find_date(&far), d(Some(2023), 4, Some(19)));
    assert_eq!(find_date("没有日期"), None);
    // dates do not span lines; positions count across lines
    assert_eq!(find_date("2023年\n4月19日"), d(None, 4, Some(19)));
    // a date line among the last lines is a date line too
    let lines = format!("4月17日\n{}\n2023年4月19日", "字\n".repeat(400));
    assert_eq!(find_date(&lines), d(Some(2023), 4, Some(19)));
    // but not a full date inside the last sentence
    let lines = format!("4月17日\n{}\n会议于2023年4月19日召开。", "字\n".repeat(400));
    assert_eq!(find_date(&lines), d(None, 4, Some(17)));
    let lines = format!("4月17日\n{}\n2023年4月19日", "字\n".repeat(10));
    assert_eq!(find_date(&lines), d(Some(2023), 4, Some(19)));
}

fn source(text: &str, page: Option<DocDate>) -> Option<(String, DateSource)> {
    date_of(text, page).map(|(d, s)| (d.iso(), s))
}

#[test]
fn date_lines_near_the_title_and_at_the_end() {
    use DateSource::*;
    let retro = "1998年7月，中央在某地召开座谈会，部署两省协作。\n\
                 二十多年来，两地结对帮扶不断深化。2023年4月，两地签署新一轮协议。";
    // With a labelled date line under the title, the line wins over
    // every date in the body.
    let page = format!("东西部协作的二十年\n发布时间：2024-08-27 10:32  来源：某某日报\n{retro}");
    assert_eq!(source(&page, None), Some(("2024-08-27".into(), DateLine)));
    // A date with a time of day, alone on its line.
    let page = format!("东西部协作的二十年\n2024年08月27日 10:32\n{retro}");
    assert_eq!(source(&page, None), Some(("2024-08-27".into(), DateLine)));
    // A source line at the end of the text.
    let page = format!("东西部协作的二十年\n{retro}\n（来源：某某日报 2024-08-27）");
    assert_eq!(source(&page, None), Some(("2024-08-27".into(), DateLine)));
    // A news agency's dateline gives the month and day, never a year.
    let page = "两省签署协作协议\n新华社兰州8月27日电 1998年7月，中央召开座谈会。";
    assert_eq!(source(page, None), Some(("--08-27".into(), DateLine)));
    // Without a date line, the page's metadata.
    let meta = parse_page_date("2024-08-27T10:32:00+08:00");
    assert_eq!(
        source(&format!("东西部协作的二十年\n{retro}"), meta),
        Some(("2024-08-27".into(), PageMeta))
    );
    // Without either, the latest event the text reports, not the
    // retrospective's first date.
    assert_eq!(
        source(&format!("东西部协作的二十年\n{retro}"), None),
        Some(("2023-04".into(), LatestEvent))
    );
}

#[test]
fn plans_are_not_events() {
    use DateSource::*;
    let text = "2023年5月，两地召开联席会议，提出到2025年底实现产业园区全覆盖，\
                力争2026年6月完成搬迁，2027年前建成示范区。";
    assert_eq!(source(text, None), Some(("2023-05".into(), LatestEvent)));
    // `截至` (as of) reports the past.
    let text = "2022年3月，两地签署协议。截至2023年10月，累计投入资金两亿元。";
    assert_eq!(source(text, None), Some(("2023-10".into(), LatestEvent)));
    // A bare year later than every full date shows the dates are not
    // the article's: no date is given rather than a wrong one.
    let text = "1998年7月，中央召开座谈会。2023年以来，两地协作不断深化。";
    assert_eq!(source(text, None), None);
    // … unless a month and day is stated (the year stays unknown).
    let text = "1998年7月，中央召开座谈会。2023年以来协作深化。9月4日，代表团来访。";
    assert_eq!(source(text, None), Some(("--09-04".into(), FirstStated)));
    // A report opening with its month and day keeps it.
    let text = "9月4日，代表团来访，回顾了1998年7月以来的协作。";
    assert_eq!(source(text, None), Some(("--09-04".into(), FirstStated)));
}

#[test]
fn page_dates() {
    assert_eq!(
        parse_page_date("2024-08-27T10:32:00+08:00"),
        d(Some(2024), 8, Some(27))
    );
    assert_eq!(
        parse_page_date(" 2024-08-27 10:32 "),
        d(Some(2024), 8, Some(27))
    );
    assert_eq!(
        parse_page_date("2024-08-27-10:32:00"),
        d(Some(2024), 8, Some(27))
    );
    assert_eq!(parse_page_date("2024/8/27"), d(Some(2024), 8, Some(27)));
    assert_eq!(
        parse_page_date("2024年08月27日"),
        d(Some(2024), 8, Some(27))
    );
    assert_eq!(parse_page_date("2024-08"), None);
    assert_eq!(parse_page_date("yesterday"), None);
}

#[test]
fn navigation_lines() {
    assert!(is_navigation(
        "热点  天津  政情  法治  微视  点播  财经  炫闻  民声  工作室  体育  娱乐  文汇  乐活 +更多"
    ));
    assert!(is_navigation("首页 > 新闻中心 > 正文"));
    assert!(is_navigation("首页 | 要闻 | 政务 | 服务"));
    assert!(!is_navigation("共续津甘山海情  再谱协作新篇章"));
    assert!(!is_navigation(
        "陳敏爾 馬興瑞 艾爾肯·吐尼亞孜 喻云林 祖木熱提·吾布力 何忠友參加活動"
    ));
    assert!(!is_navigation("连茂君率滨海新区代表团 |"));
}

#[test]
fn titles() {
    assert_eq!(
        find_title("  标题在这里 |\n正文"),
        Some("标题在这里".into())
    );
    assert_eq!(
        find_title("热点  天津  政情  法治\n \n\n真正的标题\n"),
        Some("真正的标题".into())
    );
    assert_eq!(
        find_title("图片\n2023/04/19\n真正的标题"),
        Some("真正的标题".into())
    );
    let para = format!("{}，后文。", "很长的一句话".repeat(10));
    let t = find_title(&format!("\n{para}")).unwrap();
    assert_eq!(t.chars().count(), 41);
    assert!(t.ends_with('…'));
    assert_eq!(
        find_title("短句开头的段落，然后很多内容。"),
        Some("短句开头的段落…".into())
    );
    assert_eq!(find_title(""), None);
    assert_eq!(find_title("\n \n|\n"), None);
}
