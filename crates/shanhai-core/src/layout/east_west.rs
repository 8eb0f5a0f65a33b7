//! The east→west layout: helpers on the left, helped regions on the right,
//! one column per side and level, ordered to reduce crossings.

use std::cmp::Ordering;

use crate::extract::keywords::{Side, side};
use crate::gazetteer::{Gazetteer, RegionId};

/// Vertical distance between neighbours in a column.
const ROW_GAP: f32 = 40.0;
/// Barycentre sweeps (each one left→right and back).
const SWEEPS: usize = 4;

/// True when a node belongs on the helpers' side: it helps more than it is
/// helped (`out_degree > in_degree`), or, when the two are equal, it lies
/// on the eastern side of the schemes ([`side`]).
pub fn is_helper(g: &Gazetteer, r: RegionId, out_degree: usize, in_degree: usize) -> bool {
    match out_degree.cmp(&in_degree) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => side(g, r) == Side::East,
    }
}

/// Node positions for the east→west layout.
///
/// Helpers ([`is_helper`]) go to the left, helped regions to the right.
/// Each side has one column per administrative depth present (province,
/// prefecture, county), the finer levels facing the middle, so a picture
/// with mixed levels reads as provinces → counties ⇢ counties → provinces.
/// Each column starts ordered by province code, then longitude, then code;
/// then a few sweeps of barycentre ordering (each node moves to the mean
/// height of its neighbours in the other columns) reduce edge crossings.
/// Columns are centred vertically; the gap between columns grows with the
/// tallest column so the picture stays roughly landscape.
///
/// `edges` are `(helper, helped)` index pairs into `nodes`; pairs out of
/// range are ignored.
///
/// # Complexity
/// O(sweeps · (n log n + e)).
pub fn east_west(g: &Gazetteer, nodes: &[RegionId], edges: &[(usize, usize)]) -> Vec<[f32; 2]> {
    let n = nodes.len();
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n && a != b)
        .collect();
    let mut out_deg = vec![0usize; n];
    let mut in_deg = vec![0usize; n];
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &edges {
        out_deg[a] += 1;
        in_deg[b] += 1;
        adj[a].push(b);
        adj[b].push(a);
    }
    // Column key: (side, depth); left side coarse → fine, right side
    // fine → coarse.
    let col_key = |i: usize| -> (u8, i16) {
        let depth = i16::from(g.region(nodes[i]).level.depth());
        if is_helper(g, nodes[i], out_deg[i], in_deg[i]) {
            (0, depth)
        } else {
            (1, -depth)
        }
    };
    let keys: Vec<(u8, i16)> = (0..n).map(col_key).collect();
    let mut distinct = keys.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let col_of: Vec<usize> = keys
        .iter()
        .map(|k| distinct.binary_search(k).unwrap_or(0))
        .collect();
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
    for i in 0..n {
        columns[col_of[i]].push(i);
    }
    for col in &mut columns {
        col.sort_by(|&a, &b| {
            let (ra, rb) = (g.region(nodes[a]), g.region(nodes[b]));
            g.region(ra.province)
                .code
                .cmp(&g.region(rb.province).code)
                .then(ra.lon.total_cmp(&rb.lon))
                .then(ra.code.cmp(&rb.code))
                .then(a.cmp(&b))
        });
    }
    let mut y = vec![0.0f32; n];
    let place = |col: &[usize], y: &mut [f32]| {
        let mid = (col.len() as f32 - 1.0) / 2.0;
        for (rank, &i) in col.iter().enumerate() {
            y[i] = (rank as f32 - mid) * ROW_GAP;
        }
    };
    for col in &columns {
        place(col, &mut y);
    }
    let order: Vec<usize> = (0..columns.len()).chain((0..columns.len()).rev()).collect();
    for _ in 0..SWEEPS {
        for &c in &order {
            let col = &mut columns[c];
            let bary: Vec<(f32, usize, usize)> = col
                .iter()
                .enumerate()
                .map(|(rank, &i)| {
                    let others: Vec<f32> = adj[i]
                        .iter()
                        .filter(|&&j| col_of[j] != c)
                        .map(|&j| y[j])
                        .collect();
                    let key = if others.is_empty() {
                        y[i]
                    } else {
                        others.iter().sum::<f32>() / others.len() as f32
                    };
                    (key, rank, i)
                })
                .collect();
            let mut sorted = bary;
            sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            *col = sorted.into_iter().map(|(_, _, i)| i).collect();
            place(col, &mut y);
        }
    }
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0) as f32;
    let gaps = (columns.len().max(2) - 1) as f32;
    let col_gap = (1.6 * tallest * ROW_GAP / gaps).max(1.5 * ROW_GAP);
    let mut pos = vec![[0.0f32; 2]; n];
    for (c, col) in columns.iter().enumerate() {
        for &i in col {
            pos[i] = [c as f32 * col_gap, y[i]];
        }
    }
    pos
}
