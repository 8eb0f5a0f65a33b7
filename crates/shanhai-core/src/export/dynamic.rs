//! Dynamic GEXF 1.3 (`mode="dynamic"`, `timeformat="date"`): the network
//! in time, so Gephi's timeline plays it. Each link has a spell from the
//! first dated article that states it to the last date of the export, and
//! a dynamic `documents` attribute that counts the dated articles stating
//! it so far; each region has a spell from its first link on. A date
//! without a day counts from the first of its month.
//!
//! Links that only undated articles state have no time: they are left
//! out (the static export has them), and [`DynamicSummary`] says how many.
//! So are the official pairs the articles do not state.

use std::collections::{BTreeMap, HashMap};

use super::gexf::{NODE_ATTRIBUTES, head, position};
use super::xmlw::Xml;
use super::{ExportError, node_rows};
use crate::corpus::DocDate;
use crate::gazetteer::{Gazetteer, RegionId};
use crate::network::Network;

/// What a dynamic export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicSummary {
    /// Regions written.
    pub nodes: usize,
    /// Links written.
    pub edges: usize,
    /// Links left out: only undated articles state them.
    pub undated_edges: usize,
    /// First and last date of the spells (`None` when nothing is dated).
    pub span: Option<(String, String)>,
}

/// A date as the calendar day GEXF's `date` time format takes: the first
/// of the month (or of January) where the article gives no day.
fn day_of(d: &DocDate) -> Option<jiff::civil::Date> {
    let y = i16::try_from(d.year?).ok()?;
    let m = i8::try_from(d.month.clamp(1, 12)).ok()?;
    let day = i8::try_from(d.day.unwrap_or(1)).ok()?;
    jiff::civil::Date::new(y, m, day)
        .or_else(|_| jiff::civil::Date::new(y, m, 1))
        .ok()
}

/// The network with spells. `dates(doc)` is each document's date (as for
/// [`Network::build`]); `positions` (in `net.graph.node_indices()` order)
/// become `viz:position`s as in the static GEXF.
///
/// # Errors
/// Only if the in-memory XML writer fails.
///
/// # Complexity
/// O(V · E) (the nodes' betweenness), otherwise O(D log D) for the D
/// documents of all links.
pub fn to_bytes(
    g: &Gazetteer,
    net: &Network,
    dates: &dyn Fn(u32) -> Option<DocDate>,
    positions: Option<&[[f32; 2]]>,
) -> Result<(Vec<u8>, DynamicSummary), ExportError> {
    // Per link: the dated documents' days, counted per day.
    struct Timed<'a> {
        source: &'a str,
        target: &'a str,
        relation: &'static str,
        steps: Vec<(jiff::civil::Date, usize)>,
        documents: usize,
    }
    let mut links: Vec<Timed<'_>> = Vec::new();
    let mut undated_edges = 0;
    let mut first_of: HashMap<RegionId, jiff::civil::Date> = HashMap::new();
    let mut last = None::<jiff::civil::Date>;
    for (a, b, l) in net.sorted_links() {
        let mut days: BTreeMap<jiff::civil::Date, usize> = BTreeMap::new();
        for &d in &l.documents {
            if let Some(day) = dates(d).as_ref().and_then(day_of) {
                *days.entry(day).or_default() += 1;
            }
        }
        let Some((&first, _)) = days.first_key_value() else {
            undated_edges += 1;
            continue;
        };
        for r in [a, b] {
            let e = first_of.entry(r).or_insert(first);
            *e = (*e).min(first);
        }
        if let Some((&l_day, _)) = days.last_key_value() {
            last = Some(last.map_or(l_day, |x: jiff::civil::Date| x.max(l_day)));
        }
        let mut total = 0;
        let steps = days
            .into_iter()
            .map(|(day, n)| {
                total += n;
                (day, total)
            })
            .collect();
        links.push(Timed {
            source: &g.region(a).code,
            target: &g.region(b).code,
            relation: l.relation.as_str(),
            steps,
            documents: total,
        });
    }
    links.sort_by(|x, y| (x.source, x.target, x.relation).cmp(&(y.source, y.target, y.relation)));
    let span = first_of
        .values()
        .min()
        .copied()
        .zip(last)
        .map(|(a, b)| (a.to_string(), b.to_string()));

    let mut x = Xml::new()?;
    head(
        &mut x,
        "Regional partnership network in time (东西部协作, 对口支援); edges point \
         helper → helped and start at the first dated article that states them",
    )?;
    let (start, end) = span.clone().unwrap_or_default();
    let mut graph_attrs = vec![
        ("defaultedgetype", "directed"),
        ("mode", "dynamic"),
        ("timeformat", "date"),
        ("timerepresentation", "interval"),
    ];
    if span.is_some() {
        graph_attrs.push(("start", start.as_str()));
        graph_attrs.push(("end", end.as_str()));
    }
    x.open("graph", &graph_attrs)?;
    x.open("attributes", &[("class", "node"), ("mode", "static")])?;
    for (id, ty) in NODE_ATTRIBUTES {
        x.empty("attribute", &[("id", id), ("title", id), ("type", ty)])?;
    }
    x.close("attributes")?;
    x.open("attributes", &[("class", "edge"), ("mode", "static")])?;
    x.empty(
        "attribute",
        &[
            ("id", "relation"),
            ("title", "relation"),
            ("type", "string"),
        ],
    )?;
    x.close("attributes")?;
    x.open("attributes", &[("class", "edge"), ("mode", "dynamic")])?;
    x.empty(
        "attribute",
        &[
            ("id", "documents"),
            ("title", "documents"),
            ("type", "integer"),
        ],
    )?;
    x.close("attributes")?;

    let pos_of: HashMap<_, [f32; 2]> = match positions {
        Some(p) => net.graph.node_indices().zip(p.iter().copied()).collect(),
        None => HashMap::new(),
    };
    let end_text = end.as_str();
    let mut nodes = 0;
    x.open("nodes", &[])?;
    for n in node_rows(g, net) {
        let Some(first) = net.graph.node_weight(n.index).and_then(|r| first_of.get(r)) else {
            continue;
        };
        nodes += 1;
        x.open("node", &[("id", &n.code), ("label", &n.name)])?;
        x.open("attvalues", &[])?;
        for ((id, _), v) in NODE_ATTRIBUTES.iter().zip(&n.values()) {
            x.empty("attvalue", &[("for", id), ("value", v)])?;
        }
        x.close("attvalues")?;
        let first = first.to_string();
        x.open("spells", &[])?;
        x.empty("spell", &[("start", &first), ("end", end_text)])?;
        x.close("spells")?;
        position(&mut x, pos_of.get(&n.index))?;
        x.close("node")?;
    }
    x.close("nodes")?;

    x.open("edges", &[])?;
    for (i, l) in links.iter().enumerate() {
        let id = format!("e{i}");
        let weight = l.documents.to_string();
        x.open(
            "edge",
            &[
                ("id", &id),
                ("source", l.source),
                ("target", l.target),
                ("weight", &weight),
                ("kind", l.relation),
                ("label", l.relation),
            ],
        )?;
        x.open("attvalues", &[])?;
        x.empty("attvalue", &[("for", "relation"), ("value", l.relation)])?;
        // The count so far, from each date up to the day before the next.
        for (k, (day, count)) in l.steps.iter().enumerate() {
            let upto = match l.steps.get(k + 1) {
                Some((next, _)) => next.yesterday().map(|d| d.to_string()).unwrap_or_default(),
                None => end.clone(),
            };
            let (from, count) = (day.to_string(), count.to_string());
            x.empty(
                "attvalue",
                &[
                    ("for", "documents"),
                    ("value", &count),
                    ("start", &from),
                    ("end", &upto),
                ],
            )?;
        }
        x.close("attvalues")?;
        let first = l
            .steps
            .first()
            .map(|(d, _)| d.to_string())
            .unwrap_or_default();
        x.open("spells", &[])?;
        x.empty("spell", &[("start", &first), ("end", end_text)])?;
        x.close("spells")?;
        x.close("edge")?;
    }
    x.close("edges")?;
    x.close("graph")?;
    x.close("gexf")?;
    Ok((
        x.finish(),
        DynamicSummary {
            nodes,
            edges: links.len(),
            undated_edges,
            span,
        },
    ))
}
