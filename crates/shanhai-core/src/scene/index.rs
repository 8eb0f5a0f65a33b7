//! The one spatial index of a picture: axis-aligned boxes bucketed on a
//! uniform grid. Label placement asks whether a box is free, circle
//! separation and hit-testing ask which boxes are near; the app and the
//! exported pictures use the same index.

use std::collections::HashMap;

/// A box: `[x0, y0, x1, y1]` with `x0 ≤ x1`, `y0 ≤ y1`.
pub type Bbox = [f32; 4];

/// True when two boxes overlap (touching edges do not).
pub fn overlap(a: &Bbox, b: &Bbox) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Boxes on a grid of square cells; each box is listed in every cell it
/// touches. Only looked up, never iterated in hash order, so results are
/// deterministic.
#[derive(Debug, Clone, Default)]
pub struct BoxIndex {
    cell: f32,
    cells: HashMap<(i32, i32), Vec<u32>>,
    boxes: Vec<Bbox>,
}

/// A cell index from a coordinate: NaN maps to 0, huge values saturate.
fn key(v: f32, cell: f32) -> i32 {
    (v / cell).floor() as i32
}

impl BoxIndex {
    /// An empty index with cells of this side (at least 1).
    pub fn new(cell: f32) -> BoxIndex {
        BoxIndex {
            cell: if cell.is_finite() { cell.max(1.0) } else { 1.0 },
            cells: HashMap::new(),
            boxes: Vec::new(),
        }
    }

    /// The index of circles (centre, radius), box `i` for circle `i`, with
    /// cells twice the largest radius.
    ///
    /// # Complexity
    /// O(n).
    pub fn of_circles(circles: impl Iterator<Item = ([f32; 2], f32)> + Clone) -> BoxIndex {
        let max_r = circles.clone().map(|c| c.1).fold(4.0f32, f32::max);
        let mut index = BoxIndex::new(max_r * 2.0);
        for (p, r) in circles {
            index.insert([p[0] - r, p[1] - r, p[0] + r, p[1] + r]);
        }
        index
    }

    /// Number of boxes.
    pub fn len(&self) -> usize {
        self.boxes.len()
    }

    /// True without boxes.
    pub fn is_empty(&self) -> bool {
        self.boxes.is_empty()
    }

    /// Box `i` as inserted.
    pub fn get(&self, i: usize) -> Option<&Bbox> {
        self.boxes.get(i)
    }

    fn cells_of(&self, b: &Bbox) -> impl Iterator<Item = (i32, i32)> + use<> {
        let c = self.cell;
        let (x0, y0, x1, y1) = (key(b[0], c), key(b[1], c), key(b[2], c), key(b[3], c));
        // A box spanning absurdly many cells (a NaN or a huge label) is
        // bounded to its first 64 × 64.
        let (x1, y1) = (x1.min(x0.saturating_add(63)), y1.min(y0.saturating_add(63)));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Adds a box; returns its index (boxes are numbered in order).
    pub fn insert(&mut self, b: Bbox) -> usize {
        let id = self.boxes.len();
        for k in self.cells_of(&b) {
            self.cells.entry(k).or_default().push(id as u32);
        }
        self.boxes.push(b);
        id
    }

    /// True when `b` overlaps a box of the index.
    pub fn overlaps(&self, b: &Bbox) -> bool {
        self.cells_of(b).any(|k| {
            self.cells
                .get(&k)
                .is_some_and(|list| list.iter().any(|&i| overlap(b, &self.boxes[i as usize])))
        })
    }

    /// Indices of the boxes that share a cell with `b` (a superset of the
    /// boxes it overlaps), ascending, each once.
    pub fn candidates(&self, b: &Bbox) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .cells_of(b)
            .filter_map(|k| self.cells.get(&k))
            .flatten()
            .map(|&i| i as usize)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Indices of the boxes within `reach` of a point (a superset: those
    /// sharing a cell with the square of side `2 · reach` around it).
    pub fn near(&self, p: [f32; 2], reach: f32) -> Vec<usize> {
        let r = if reach.is_finite() {
            reach.max(0.0)
        } else {
            0.0
        };
        self.candidates(&[p[0] - r, p[1] - r, p[0] + r, p[1] + r])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_overlaps_and_neighbours() {
        let mut ix = BoxIndex::new(10.0);
        assert!(!ix.overlaps(&[0.0, 0.0, 5.0, 5.0]));
        let a = ix.insert([0.0, 0.0, 5.0, 5.0]);
        let b = ix.insert([40.0, 40.0, 60.0, 45.0]);
        assert!(ix.overlaps(&[4.0, 4.0, 8.0, 8.0]));
        assert!(!ix.overlaps(&[5.0, 0.0, 9.0, 5.0]), "touching is free");
        assert!(ix.overlaps(&[55.0, 41.0, 70.0, 42.0]));
        assert_eq!(ix.near([2.0, 2.0], 1.0), [a]);
        assert_eq!(ix.near([50.0, 42.0], 0.0), [b]);
        assert!(ix.near([200.0, 200.0], 5.0).is_empty());
        assert_eq!(ix.candidates(&[0.0, 0.0, 60.0, 60.0]), [a, b]);
    }

    #[test]
    fn circles_and_bad_numbers() {
        let ix = BoxIndex::of_circles([([0.0, 0.0], 3.0), ([100.0, 0.0], 8.0)].into_iter());
        assert_eq!(ix.len(), 2);
        assert_eq!(ix.near([98.0, 1.0], 2.0), [1]);
        let mut ix = BoxIndex::new(f32::NAN);
        ix.insert([f32::NAN, 0.0, f32::INFINITY, 1e30]);
        let _ = ix.overlaps(&[0.0, 0.0, 1.0, 1.0]);
        let _ = ix.near([f32::NAN, 0.0], f32::INFINITY);
    }
}
