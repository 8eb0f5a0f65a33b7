//! Pictures and data of what the view shows, and "Copy as command".

use super::*;

impl ShanhaiApp {
    /// A path to save to: the native dialog, or the path field when there
    /// is none (then `None` now, and the field's answer later).
    pub(super) fn save_path(
        &mut self,
        purpose: Purpose,
        ctx: Option<&egui::Context>,
    ) -> Option<PathBuf> {
        let (name, exts): (&str, &[&str]) = match purpose {
            Purpose::ExportImage => ("shanhai.png", &["png", "svg"]),
            Purpose::ExportTime => ("shanhai.gif", &["gif", "png", "gexf"]),
            _ => ("shanhai.json", &["json", "gexf", "graphml"]),
        };
        let picked = if self.screenshot.is_none() && ctx.is_some() {
            platform::pick_save(name, exts)
        } else {
            platform::Picked::Unavailable
        };
        match picked {
            platform::Picked::Path(p) => Some(p),
            platform::Picked::Cancelled => None,
            platform::Picked::Unavailable => {
                let dir = std::env::current_dir().unwrap_or_default();
                self.dialog
                    .open(purpose, dir.join(name).display().to_string());
                None
            }
        }
    }

    /// The network as the view shows it, with the positions of the view,
    /// and the official pairs of the overlay when it is shown (with their
    /// far ends): what exports show.
    pub(super) fn export_network(
        &self,
    ) -> Option<(
        shanhai_core::network::Network,
        Vec<[f32; 2]>,
        Vec<shanhai_core::reference::OfficialEdge>,
    )> {
        let (data, view) = (self.data.as_ref()?, self.view.as_ref()?);
        let shanhai_core::filter::Shown { net, official } = shanhai_core::filter::show(
            self.g,
            &data.ex,
            &self.state.filters,
            self.state
                .show_reference
                .then_some((self.reference, &self.state.hidden_schemes)),
        );
        let lg = LayoutGraph::from_network(&net);
        let pos = lg
            .nodes
            .iter()
            .map(|r| {
                view.layout_of
                    .get(r)
                    .and_then(|&i| view.positions().get(i).copied())
                    .unwrap_or([f32::NAN, f32::NAN])
            })
            .collect();
        Some((net, pos, official))
    }

    /// The `shanhai render` line that draws the current view (the
    /// folder as opened; dropped files: the folder they were dropped
    /// from). Moved nodes are not part of it.
    pub fn command_line(&self) -> Option<String> {
        let data = self.data.as_ref()?;
        let folder = match &data.source {
            Source::Sample => "sample".to_string(),
            Source::Folder(p) => p.display().to_string(),
            Source::Files { root, .. } => root.display().to_string(),
        };
        Some(
            self.state
                .view_spec()
                .to_command_line(&folder, "shanhai.png"),
        )
    }

    /// How the exported pictures look: the view's colours, layout and map,
    /// the default title, the folder's source line, the interface's
    /// language.
    fn export_style(&self, data: &Data) -> Style {
        let dates: Vec<_> = data.ex.documents.iter().map(|d| d.date).collect();
        Style {
            colour_by: self.state.colour_by,
            map: self.state.layout == Layout::Geographic && self.state.show_map,
            title: scene::default_title(self.state.filters.level, self.state.layout),
            source_line: scene::source_line(
                &data.source.label(),
                data.ex.documents.len(),
                &dates,
                &scene::today_utc(),
            ),
            lang: self.state.lang,
            ..Style::default()
        }
    }

    pub(super) fn export_image(&mut self, path: &Path) {
        let lang = self.state.lang;
        let result = (|| -> anyhow::Result<()> {
            let data = self.data.as_ref().context("nothing loaded")?;
            let (net, pos, official) = self.export_network().context("nothing to draw")?;
            let style = self.export_style(data);
            let mut scene = Scene::build(self.g, &net, &pos, &style);
            scene.add_official(self.g, &official);
            let svg = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
            let bytes = if svg {
                picture::to_svg(&scene, &picture::SvgOptions::default())?.into_bytes()
            } else {
                picture::to_png(&scene, 2.0, style.background)?
            };
            shanhai_core::export::write_atomic(path, &bytes, true)?;
            Ok(())
        })();
        match result {
            Ok(()) => self.say(
                format!("{} {}", lang.t("已保存", "Saved"), path.display()),
                false,
            ),
            Err(e) => self.say(format!("{}: {e:#}", path.display()), true),
        }
    }

    pub(super) fn export_data(&mut self, path: &Path) {
        let lang = self.state.lang;
        let result = (|| -> anyhow::Result<Vec<PathBuf>> {
            let data = self.data.as_ref().context("nothing loaded")?;
            let format = shanhai_core::export::Format::from_path(path)
                .context("unknown format: use .json, .gexf, .graphml or a folder ending in /")?;
            let (net, pos, official) = self.export_network().context("nothing to export")?;
            let content = shanhai_core::export::Content {
                ex: &data.ex,
                net: &net,
                positions: Some(&pos),
                official: &official,
            };
            Ok(shanhai_core::export::write(
                path, format, self.g, &content, true,
            )?)
        })();
        match result {
            Ok(files) => self.say(
                format!(
                    "{} {}",
                    lang.t("已保存", "Saved"),
                    lang.count(files.len(), "个文件", "file", "files")
                ),
                false,
            ),
            Err(e) => self.say(format!("{}: {e:#}", path.display()), true),
        }
    }

    /// The network in time, as the timeline plays it (its step, cumulative
    /// or window, seconds per step) over every dated article the other
    /// filters let through: `.gif` or `.png` an animation of the view's
    /// layout (with the moved regions where they were put) and style,
    /// `.gexf` the dynamic network.
    pub(super) fn export_time(&mut self, path: &Path) {
        let lang = self.state.lang;
        let result = (|| -> anyhow::Result<String> {
            let data = self.data.as_ref().context("nothing loaded")?;
            let mut base = self.state.filters.clone();
            base.months = None;
            base.include_undated = false;
            let overlay = self
                .state
                .show_reference
                .then_some((self.reference, &self.state.hidden_schemes));
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            // The regions the user moved stay where they were put.
            let pinned = self.state.pins();
            let pins = |r| pinned.and_then(|p| p.get(&self.g.region(r).code)).copied();
            if ext.as_deref() == Some("gexf") {
                let shown = shanhai_core::filter::show(self.g, &data.ex, &base, overlay);
                let lg = LayoutGraph::from_network(&shown.net);
                let mut run = shanhai_core::layout::LayoutRun::start(
                    self.state.layout,
                    self.g,
                    &lg,
                    &Default::default(),
                    &pins,
                );
                run.finish();
                let pos = run.positions().to_vec();
                let (bytes, summary) = shanhai_core::export::dynamic::to_bytes(
                    self.g,
                    &shown.net,
                    &|d| data.ex.date_of(d),
                    Some(&pos),
                )?;
                shanhai_core::export::write_atomic(path, &bytes, true)?;
                return Ok(lang
                    .count(
                        summary.edges,
                        "条带时间的结对",
                        "link in time",
                        "links in time",
                    )
                    .to_string());
            }
            let format = picture::AnimationFormat::from_path(path)
                .context("use .gif or .png for an animation, .gexf for the dynamic network")?;
            let style = self.export_style(data);
            let frames = shanhai_core::playback::frames(
                self.g,
                &data.ex,
                &base,
                overlay,
                self.state.layout,
                &pins,
                &style,
                self.state.play,
            );
            anyhow::ensure!(
                !frames.is_empty(),
                "no article has a year: there is nothing to animate"
            );
            let n = frames.len();
            let scenes: Vec<Scene> = frames.into_iter().map(|f| f.scene).collect();
            let bytes = picture::to_animation(&scenes, format, self.state.play_ms, 1.0)?;
            shanhai_core::export::write_atomic(path, &bytes, true)?;
            Ok(lang.count(n, "帧", "frame", "frames").to_string())
        })();
        match result {
            Ok(what) => self.say(
                format!("{} {} ({what})", lang.t("已保存", "Saved"), path.display()),
                false,
            ),
            Err(e) => self.say(format!("{}: {e:#}", path.display()), true),
        }
    }
}
