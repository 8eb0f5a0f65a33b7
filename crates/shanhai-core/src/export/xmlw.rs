//! A thin layer over quick-xml's writer for the XML formats: attributes
//! and text are escaped by quick-xml; characters XML 1.0 cannot hold are
//! dropped.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

pub(crate) struct Xml {
    w: Writer<Vec<u8>>,
}

/// Removes control characters XML 1.0 cannot hold (tab, newline and
/// carriage return stay) and U+FFFE/U+FFFF.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
                || c == '\u{FFFE}'
                || c == '\u{FFFF}')
        })
        .collect()
}

fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        let v = clean(v);
        e.push_attribute((*k, v.as_str()));
    }
    e
}

impl Xml {
    /// A document with the XML declaration written.
    pub(crate) fn new() -> io::Result<Xml> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Xml { w })
    }

    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.w.write_event(Event::Start(start(name, attrs)))
    }

    pub(crate) fn close(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.w.write_event(Event::Empty(start(name, attrs)))
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn leaf(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        self.w.write_event(Event::Start(start(name, attrs)))?;
        self.w
            .write_event(Event::Text(BytesText::new(&clean(text))))?;
        self.close(name)
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        let mut v = self.w.into_inner();
        v.push(b'\n');
        v
    }
}
