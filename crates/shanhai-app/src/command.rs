//! Every user action as one [`Command`]: the menus, the keyboard shortcuts
//! and the panels all emit commands, and the app handles them in one place
//! (where undo hooks in).

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

pub use super::i18n::{Lang, region_level_name, relation_name};
use super::state::{LeftTab, Month, ScriptChoice};
use shanhai_core::extract::Relation;
use shanhai_core::gazetteer::RegionId;
use shanhai_core::layout::Layout;
use shanhai_core::network::ViewLevel;
use shanhai_core::playback::Play;
use shanhai_core::scene::ColourBy;

/// What is selected in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Selection {
    /// Nothing.
    #[default]
    None,
    /// A region.
    Node(RegionId),
    /// A link: helper, helped, relation.
    Edge(RegionId, RegionId, Relation),
}

/// A user action.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// File ▸ Open folder… (native dialog, else a path field).
    OpenFolder,
    /// Open this folder.
    OpenPath(PathBuf),
    /// Open the embedded sample.
    OpenSample,
    /// Read the open folder again (F5).
    Reload,
    /// Stop the load in progress.
    CancelLoad,
    /// Save the picture (PNG or SVG).
    ExportImage,
    /// Save the network (JSON, GEXF, GraphML, CSV folder).
    ExportData,
    /// Save the network in time: an animation of the timeline as it plays
    /// (GIF, APNG) or dynamic GEXF.
    ExportTime,
    /// Put the `shanhai render` line that draws the current view on the
    /// clipboard.
    CopyCommand,
    /// Fit the network into the view (F).
    Fit,
    /// Undo a node move or layout change (Ctrl+Z).
    Undo,
    /// Redo (Ctrl+Shift+Z).
    Redo,
    /// Switch the layout.
    SetLayout(Layout),
    /// Switch the level.
    SetLevel(ViewLevel),
    /// Switch the node colours.
    SetColourBy(ColourBy),
    /// Switch the interface language.
    SetLang(Lang),
    /// Switch the script of passages.
    SetScript(ScriptChoice),
    /// Hide (true) or show the links of a relation.
    SetRelationHidden(Relation, bool),
    /// Hide links stated by fewer articles.
    SetMinDocuments(usize),
    /// Hide regions without a visible link.
    SetHideIsolated(bool),
    /// Only articles dated in this month range (`None`: all).
    SetMonths(Option<(Month, Month)>),
    /// With a month range, keep the articles without a year.
    SetIncludeUndated(bool),
    /// Play the timeline from the playhead (from the start when it is at
    /// the end or there is none).
    Play,
    /// Stop playing; the network stays at the playhead.
    Pause,
    /// Move the playhead this many steps (the timer sends +1).
    StepTime(i32),
    /// Put the playhead on the step that holds this month.
    SetPlayhead(Month),
    /// How the timeline plays: by month or year, cumulative or a window.
    SetPlay(Play),
    /// How long each step shows when the timeline plays (milliseconds).
    SetPlaySpeed(u32),
    /// Hide (true) or show a scheme's official pairs.
    SetSchemeHidden(String, bool),
    /// Show or hide the official pairings.
    ToggleReference,
    /// Show or hide the province map under the geographic layout.
    ToggleMap,
    /// Let every moved node go back to its layout position.
    UnpinAll,
    /// Show a tab of the left panel.
    ShowTab(LeftTab),
    /// Select something (and centre on it).
    Select(Selection),
    /// Select what was clicked in the network view (no centring).
    Pick(Selection),
    /// A dragged node is let go: pin it there (layout coordinates).
    Pin(RegionId, [f32; 2]),
    /// Select a region by name (search).
    Find(String),
    /// Show an article in the reader, optionally scrolled to a byte offset.
    OpenArticle(u32, Option<usize>),
    /// Show an article's file in the file manager.
    RevealFile(u32),
    /// Close the window.
    Quit,
}

impl Command {
    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            Command::OpenFolder => k(Modifiers::COMMAND, Key::O),
            Command::Reload => k(Modifiers::NONE, Key::F5),
            Command::Fit => k(Modifiers::NONE, Key::F),
            Command::Undo => k(Modifiers::COMMAND, Key::Z),
            Command::Redo => k(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
            Command::ExportImage => k(Modifiers::COMMAND, Key::E),
            Command::ExportData => k(Modifiers::COMMAND | Modifiers::SHIFT, Key::E),
            Command::Quit => k(Modifiers::COMMAND, Key::Q),
            Command::SetLayout(Layout::Geographic) => k(Modifiers::NONE, Key::Num1),
            Command::SetLayout(Layout::Force) => k(Modifiers::NONE, Key::Num2),
            Command::SetLayout(Layout::EastWest) => k(Modifiers::NONE, Key::Num3),
            Command::ToggleReference => k(Modifiers::NONE, Key::R),
            Command::ToggleMap => k(Modifiers::NONE, Key::M),
            Command::Select(Selection::None) => k(Modifiers::NONE, Key::Escape),
            _ => None,
        }
    }

    /// True for the commands that undo can take back: the layout, moved
    /// nodes, the filters and the overlay.
    pub fn undoable(&self) -> bool {
        matches!(
            self,
            Command::SetLayout(_)
                | Command::SetLevel(_)
                | Command::UnpinAll
                | Command::Pin(..)
                | Command::SetRelationHidden(..)
                | Command::SetMinDocuments(_)
                | Command::SetHideIsolated(_)
                | Command::SetMonths(_)
                | Command::SetIncludeUndated(_)
                | Command::SetSchemeHidden(..)
                | Command::ToggleReference
                | Command::Play
        )
    }

    /// The commands that have shortcuts, most specific first (Ctrl+Shift+Z
    /// before Ctrl+Z).
    pub fn with_shortcuts() -> Vec<Command> {
        vec![
            Command::Redo,
            Command::Undo,
            Command::ExportData,
            Command::ExportImage,
            Command::OpenFolder,
            Command::Reload,
            Command::Fit,
            Command::Quit,
            Command::SetLayout(Layout::Geographic),
            Command::SetLayout(Layout::Force),
            Command::SetLayout(Layout::EastWest),
            Command::ToggleReference,
            Command::ToggleMap,
            Command::Select(Selection::None),
        ]
    }

    /// True when the shortcut is a bare key, which must not fire while a
    /// text field has the keyboard.
    pub fn bare_key(&self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }

    /// The menu label.
    pub fn label(&self, lang: Lang) -> String {
        let t = |zh, en| lang.t(zh, en).to_string();
        match self {
            Command::OpenFolder => t("打开文件夹…", "Open folder…"),
            Command::OpenPath(p) => p.display().to_string(),
            Command::OpenSample => t("打开示例文章", "Open the sample articles"),
            Command::Reload => t("重新载入", "Reload"),
            Command::CancelLoad => t("取消载入", "Cancel loading"),
            Command::ExportImage => t("导出图片…", "Export image…"),
            Command::ExportData => t("导出数据…", "Export data…"),
            Command::ExportTime => t(
                "导出时间动画或动态网络…",
                "Export in time (animation, dynamic GEXF)…",
            ),
            Command::CopyCommand => t("复制为命令行", "Copy as command"),
            Command::Fit => t("适合窗口", "Fit to view"),
            Command::Undo => t("撤销", "Undo"),
            Command::Redo => t("重做", "Redo"),
            Command::SetLayout(l) => layout_name(*l, lang).to_string(),
            Command::SetLevel(l) => level_name(*l, lang).to_string(),
            Command::SetColourBy(ColourBy::Province) => t("按省份着色", "Colour by province"),
            Command::SetColourBy(ColourBy::Side) => t("按帮扶方/受援方着色", "Colour by side"),
            Command::SetLang(l) => l.name().to_string(),
            Command::SetScript(s) => script_name(*s, lang).to_string(),
            Command::ToggleReference => t("官方结对参照", "Official pairings overlay"),
            Command::ToggleMap => t("省界底图", "Province map"),
            Command::SetRelationHidden(r, true) => {
                format!("{} {}", t("隐藏", "Hide"), relation_name(*r, lang))
            }
            Command::SetRelationHidden(r, false) => {
                format!("{} {}", t("显示", "Show"), relation_name(*r, lang))
            }
            Command::SetMinDocuments(n) => format!("{} {n}", t("最少文章数", "min. articles")),
            Command::SetHideIsolated(true) => t("隐藏孤立节点", "Hide isolated regions"),
            Command::SetHideIsolated(false) => t("显示孤立节点", "Show isolated regions"),
            Command::SetMonths(Some((a, b))) => format!(
                "{} {} – {}",
                t("日期", "Dates"),
                shanhai_core::filter::month_label(*a),
                shanhai_core::filter::month_label(*b)
            ),
            Command::SetMonths(None) => t("全部日期", "All dates"),
            Command::Play => t("播放时间轴", "Play the timeline"),
            Command::Pause => t("暂停", "Pause"),
            Command::StepTime(d) if *d < 0 => t("后退一步", "Step back"),
            Command::StepTime(_) => t("前进一步", "Step forward"),
            Command::SetPlayhead(m) => shanhai_core::filter::month_label(*m),
            Command::SetPlay(p) => p.step.name(lang).to_string(),
            Command::SetPlaySpeed(ms) => format!("{} {ms} ms", t("每步", "Each step")),
            Command::SetIncludeUndated(true) => {
                t("包括无年份的文章", "Include articles without a year")
            }
            Command::SetIncludeUndated(false) => {
                t("不含无年份的文章", "Leave out articles without a year")
            }
            Command::SetSchemeHidden(s, hidden) => format!(
                "{} {s}",
                if *hidden {
                    t("隐藏", "Hide")
                } else {
                    t("显示", "Show")
                }
            ),
            Command::Pick(_) => t("选择", "Select"),
            Command::Pin(..) => t("移动节点", "Move node"),
            Command::UnpinAll => t("放开所有移动过的节点", "Release all moved nodes"),
            Command::ShowTab(tab) => tab_name(*tab, lang).to_string(),
            Command::Select(_) => t("选择", "Select"),
            Command::Find(q) => q.clone(),
            Command::OpenArticle(..) => t("打开文章", "Open article"),
            Command::RevealFile(_) => t("在文件夹中显示", "Reveal file"),
            Command::Quit => t("退出", "Quit"),
        }
    }
}

/// The name of a layout.
pub fn layout_name(l: Layout, lang: Lang) -> &'static str {
    match l {
        Layout::Geographic => lang.t("地理布局", "Geographic"),
        Layout::Force => lang.t("力导向布局", "Force-directed"),
        Layout::EastWest => lang.t("东西两列", "East → west"),
    }
}

/// The name of a level.
pub fn level_name(l: ViewLevel, lang: Lang) -> &'static str {
    match l {
        ViewLevel::Province => lang.t("省级", "Province"),
        ViewLevel::Prefecture => lang.t("地级", "Prefecture"),
        ViewLevel::Stated => lang.t("县级（原文）", "County (as stated)"),
    }
}

/// The name of a script choice.
pub fn script_name(s: ScriptChoice, lang: Lang) -> &'static str {
    match s {
        ScriptChoice::Original => lang.t("原文字体", "Original script"),
        ScriptChoice::Simplified => lang.t("简体", "Simplified"),
        ScriptChoice::Traditional => lang.t("繁體", "Traditional"),
    }
}

/// The name of a left-panel tab.
pub fn tab_name(t: LeftTab, lang: Lang) -> &'static str {
    match t {
        LeftTab::Filters => lang.t("筛选", "Filters"),
        LeftTab::Documents => lang.t("文章", "Documents"),
        LeftTab::Problems => lang.t("问题", "Problems"),
        LeftTab::Reference => lang.t("官方结对", "Official"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique() {
        let all = Command::with_shortcuts();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.shortcut(), b.shortcut(), "{a:?} and {b:?}");
            }
        }
        // Redo must be checked before Undo (it is Undo plus Shift).
        let redo = all.iter().position(|c| *c == Command::Redo);
        let undo = all.iter().position(|c| *c == Command::Undo);
        assert!(redo < undo);
    }
}
