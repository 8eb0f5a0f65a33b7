//! The lines of text an HTML page gives, built as its tree is walked.

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x3000..=0x303F | 0x20000..=0x3134F)
}

/// Accumulates lines of text.
#[derive(Default)]
pub(super) struct TextBuilder {
    lines: Vec<String>,
    line: String,
    /// Whitespace seen since the last character: `Some(true)` if it held a
    /// line break.
    pending: Option<bool>,
}

impl TextBuilder {
    pub(super) fn text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if matches!(c, '\u{200B}' | '\u{FEFF}') {
                continue;
            }
            if pre {
                match c {
                    '\r' => {}
                    '\n' => self.hard_break(),
                    _ => self.line.push(c),
                }
                continue;
            }
            if c.is_whitespace() {
                let nl = matches!(c, '\n' | '\r');
                self.pending = Some(self.pending.unwrap_or(false) || nl);
                continue;
            }
            if let Some(nl) = self.pending.take()
                && let Some(last) = self.line.chars().next_back()
                && !last.is_whitespace()
                && !(nl && is_cjk(last) && is_cjk(c))
            {
                self.line.push(' ');
            }
            self.line.push(c);
        }
    }

    pub(super) fn soft_space(&mut self) {
        self.pending = Some(self.pending.unwrap_or(false));
    }

    fn end_line(&mut self) {
        let t = self.line.trim_end();
        let t = t.trim_start_matches([' ', '\u{3000}']);
        self.lines.push(t.to_string());
        self.line.clear();
        self.pending = None;
    }

    pub(super) fn block_break(&mut self) {
        if !self.line.trim().is_empty() {
            self.end_line();
        } else {
            self.line.clear();
            self.pending = None;
        }
    }

    pub(super) fn hard_break(&mut self) {
        self.end_line();
    }

    pub(super) fn finish(mut self) -> String {
        self.block_break();
        let mut out = String::new();
        let mut blank_run = 0usize;
        for l in &self.lines {
            if l.is_empty() {
                blank_run += 1;
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
                if blank_run > 0 {
                    out.push('\n');
                }
            }
            blank_run = 0;
            out.push_str(l);
        }
        out
    }
}
