//! A Barnes–Hut force-directed layout (Fruchterman–Reingold forces with
//! cooling), seeded from and weakly pulled towards initial positions.

/// Tuning of the [`ForceLayout`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForceParams {
    /// Barnes–Hut opening angle: a cell of size `s` at distance `d` counts
    /// as one body when `s / d < theta`. 0 is exact (O(n²)).
    pub theta: f32,
    /// Ideal edge length as a multiple of `sqrt(area / n)` of the initial
    /// positions' bounding box.
    pub spacing: f32,
    /// Strength of the pull towards the initial position: a node of
    /// degree d displaced by x feels `anchor × (d + 1) × x` (springs
    /// pull with d²/k each, so hubs need the degree factor to stay near
    /// home).
    pub anchor: f32,
    /// Largest move in the first tick, as a multiple of the ideal length.
    pub initial_temperature: f32,
    /// Factor by which the largest allowed move shrinks every tick.
    pub cooling: f32,
    /// The layout has settled when no node moved more than this multiple
    /// of the ideal length in a tick.
    pub settle: f32,
    /// The layout counts as settled after this many ticks.
    pub max_ticks: u32,
}

impl Default for ForceParams {
    fn default() -> Self {
        ForceParams {
            theta: 0.8,
            spacing: 0.6,
            anchor: 0.15,
            initial_temperature: 1.5,
            cooling: 0.96,
            settle: 0.005,
            max_ticks: 400,
        }
    }
}

/// A force-directed layout that runs one tick at a time.
///
/// Each tick costs O(n log n + e): repulsion between all nodes is
/// approximated with a Barnes–Hut quadtree, springs pull along edges and a
/// weak force pulls every node towards its initial (usually geographic)
/// position so the picture stays recognisable. Moves are capped by a
/// temperature that cools every tick. The result depends only on the
/// input and the seed (no hash-map iteration, no threads).
#[derive(Debug, Clone)]
pub struct ForceLayout {
    pos: Vec<[f32; 2]>,
    anchor: Vec<[f32; 2]>,
    edges: Vec<(u32, u32)>,
    /// `anchor × (degree + 1)` per node.
    pull: Vec<f32>,
    pinned: Vec<bool>,
    params: ForceParams,
    /// Ideal edge length.
    k: f32,
    temperature: f32,
    ticks: u32,
    settled: bool,
    seed: u64,
    tree: QuadTree,
    disp: Vec<[f32; 2]>,
    /// The quadtree walk's stack, kept between nodes and ticks.
    stack: Vec<u32>,
}

impl ForceLayout {
    /// A layout starting at `positions` (which are also the anchors),
    /// with springs along `edges` (index pairs into `positions`; pairs out
    /// of range and self-loops are ignored) and default [`ForceParams`].
    /// Non-finite starting positions are replaced by the origin.
    ///
    /// # Complexity
    /// O(n + e).
    pub fn new(positions: Vec<[f32; 2]>, edges: &[(usize, usize)], seed: u64) -> ForceLayout {
        ForceLayout::with_params(positions, edges, seed, ForceParams::default())
    }

    /// Like [`ForceLayout::new`] with explicit parameters.
    pub fn with_params(
        mut positions: Vec<[f32; 2]>,
        edges: &[(usize, usize)],
        seed: u64,
        params: ForceParams,
    ) -> ForceLayout {
        for p in &mut positions {
            if !(p[0].is_finite() && p[1].is_finite()) {
                *p = [0.0, 0.0];
            }
        }
        let n = positions.len();
        let mut edges: Vec<(u32, u32)> = edges
            .iter()
            .filter(|&&(a, b)| a != b && a < n && b < n)
            .map(|&(a, b)| (a.min(b) as u32, a.max(b) as u32))
            .collect();
        edges.sort_unstable();
        edges.dedup();
        let mut pull = vec![params.anchor; n];
        for &(a, b) in &edges {
            pull[a as usize] += params.anchor;
            pull[b as usize] += params.anchor;
        }
        let (lo, hi) = bounds(&positions);
        let area = ((hi[0] - lo[0]) * (hi[1] - lo[1])).max(1.0);
        let k = (params.spacing * (area / n.max(1) as f32).sqrt()).max(1e-3);
        ForceLayout {
            anchor: positions.clone(),
            disp: vec![[0.0; 2]; n],
            pinned: vec![false; n],
            pos: positions,
            edges,
            pull,
            params,
            k,
            temperature: params.initial_temperature * k,
            ticks: 0,
            settled: n == 0,
            seed,
            tree: QuadTree::default(),
            stack: Vec::with_capacity(256),
        }
    }

    /// A layout anchored at `anchor` (ideal length and pull as in
    /// [`ForceLayout::with_params`]) that starts from `start` instead, at
    /// `warmth` (0–1) of the initial temperature: a run that resumes from
    /// the positions of a previous one moves only as much as the change
    /// needs. Missing or non-finite start positions fall back to the
    /// anchor.
    pub fn resume(
        anchor: Vec<[f32; 2]>,
        start: &[Option<[f32; 2]>],
        edges: &[(usize, usize)],
        seed: u64,
        params: ForceParams,
        warmth: f32,
    ) -> ForceLayout {
        let mut f = ForceLayout::with_params(anchor, edges, seed, params);
        for (i, p) in f.pos.iter_mut().enumerate() {
            if let Some(Some(q)) = start.get(i)
                && q[0].is_finite()
                && q[1].is_finite()
            {
                *p = *q;
            }
        }
        f.temperature = params.initial_temperature * f.k * warmth.clamp(0.0, 1.0);
        f
    }

    /// The current positions, in input order.
    pub fn positions(&self) -> &[[f32; 2]] {
        &self.pos
    }

    /// The ideal edge length the layout aims for.
    pub fn ideal_length(&self) -> f32 {
        self.k
    }

    /// Number of ticks run so far.
    pub fn ticks(&self) -> u32 {
        self.ticks
    }

    /// True once a tick has returned `true`, until the layout is disturbed
    /// ([`ForceLayout::pin`], [`ForceLayout::reheat`]).
    pub fn is_settled(&self) -> bool {
        self.settled
    }

    /// Fixes node `i` at `pos` (it no longer moves, other nodes still feel
    /// it) and warms the layout up a little so the others adapt. Out of
    /// range indices and non-finite positions are ignored.
    pub fn pin(&mut self, i: usize, pos: [f32; 2]) {
        if i < self.pos.len() && pos[0].is_finite() && pos[1].is_finite() {
            self.pos[i] = pos;
            self.pinned[i] = true;
            self.reheat(0.3);
        }
    }

    /// Lets node `i` move again.
    pub fn unpin(&mut self, i: usize) {
        if let Some(p) = self.pinned.get_mut(i) {
            *p = false;
        }
    }

    /// True when node `i` is pinned.
    pub fn is_pinned(&self, i: usize) -> bool {
        self.pinned.get(i).copied().unwrap_or(false)
    }

    /// Restarts the cooling at `fraction` of the initial temperature (and
    /// resets the tick cap), so the layout runs again.
    pub fn reheat(&mut self, fraction: f32) {
        let t = self.params.initial_temperature * self.k * fraction.clamp(0.0, 1.0);
        self.temperature = self.temperature.max(t);
        self.ticks = 0;
        self.settled = self.pos.is_empty();
    }

    /// Runs one tick. Returns `true` when the layout has settled: the
    /// largest move of the tick was below `settle × ideal length`, or the
    /// tick cap was reached. Once settled, further calls do nothing and
    /// return `true`.
    ///
    /// # Complexity
    /// O(n log n + e) for n nodes and e edges (θ > 0).
    pub fn step(&mut self) -> bool {
        if self.settled {
            return true;
        }
        let n = self.pos.len();
        let k = self.k;
        let k2 = k * k;
        self.tree.build(&self.pos);
        for d in &mut self.disp {
            *d = [0.0, 0.0];
        }
        // Repulsion: k² / d between every pair, via the quadtree.
        let theta2 = self.params.theta * self.params.theta;
        let mut stack = std::mem::take(&mut self.stack);
        for i in 0..n {
            self.disp[i] = self
                .tree
                .repulsion(i, &self.pos, k2, theta2, self.seed, &mut stack);
        }
        self.stack = stack;
        // Attraction along edges: d² / k.
        for &(a, b) in &self.edges {
            let (a, b) = (a as usize, b as usize);
            let dx = self.pos[b][0] - self.pos[a][0];
            let dy = self.pos[b][1] - self.pos[a][1];
            let d = (dx * dx + dy * dy).sqrt();
            if d > 0.0 {
                let f = d / k; // (d² / k) / d
                self.disp[a][0] += dx * f;
                self.disp[a][1] += dy * f;
                self.disp[b][0] -= dx * f;
                self.disp[b][1] -= dy * f;
            }
        }
        // The pull towards the anchor, and the capped move.
        let mut max_move = 0.0f32;
        for i in 0..n {
            if self.pinned[i] {
                continue;
            }
            let mut d = self.disp[i];
            d[0] += self.pull[i] * (self.anchor[i][0] - self.pos[i][0]);
            d[1] += self.pull[i] * (self.anchor[i][1] - self.pos[i][1]);
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if !(len.is_finite() && len > 0.0) {
                continue;
            }
            let step = len.min(self.temperature);
            self.pos[i][0] += d[0] / len * step;
            self.pos[i][1] += d[1] / len * step;
            max_move = max_move.max(step);
        }
        self.temperature *= self.params.cooling;
        self.ticks += 1;
        self.settled = max_move < self.params.settle * k || self.ticks >= self.params.max_ticks;
        self.settled
    }

    /// Runs ticks until the layout settles or `max_ticks` more ticks have
    /// run; returns whether it settled.
    pub fn run(&mut self, max_ticks: u32) -> bool {
        for _ in 0..max_ticks {
            if self.step() {
                return true;
            }
        }
        self.settled
    }
}

fn bounds(p: &[[f32; 2]]) -> ([f32; 2], [f32; 2]) {
    let mut lo = [f32::INFINITY; 2];
    let mut hi = [f32::NEG_INFINITY; 2];
    for q in p {
        for d in 0..2 {
            lo[d] = lo[d].min(q[d]);
            hi[d] = hi[d].max(q[d]);
        }
    }
    if p.is_empty() {
        ([0.0; 2], [0.0; 2])
    } else {
        (lo, hi)
    }
}

/// A deterministic unit direction for two coincident nodes.
fn jitter(seed: u64, i: usize, j: usize) -> [f32; 2] {
    let mut z = seed ^ ((i as u64) << 32 | j as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    let a = (z >> 11) as f32 / (1u64 << 53) as f32 * std::f32::consts::TAU;
    [a.cos(), a.sin()]
}

const NONE: u32 = u32::MAX;
/// Below this cell size points are kept in one leaf (a bucket).
const MAX_DEPTH: u32 = 24;

/// A quadtree over points, stored in an arena; leaves hold a linked list
/// of points.
#[derive(Debug, Clone, Default)]
struct QuadTree {
    cells: Vec<Cell>,
    /// Next point in the same leaf.
    next: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Centre and half-size of the square.
    cx: f32,
    cy: f32,
    half: f32,
    /// Centre of mass (sum, divided at the end) and number of points.
    mx: f32,
    my: f32,
    mass: f32,
    /// First child (4 consecutive cells), or NONE for a leaf.
    child: u32,
    /// First point of a leaf, or NONE.
    first: u32,
    depth: u32,
}

impl Cell {
    fn new(cx: f32, cy: f32, half: f32, depth: u32) -> Cell {
        Cell {
            cx,
            cy,
            half,
            mx: 0.0,
            my: 0.0,
            mass: 0.0,
            child: NONE,
            first: NONE,
            depth,
        }
    }

    fn quadrant(&self, p: [f32; 2]) -> u32 {
        u32::from(p[0] >= self.cx) | (u32::from(p[1] >= self.cy) << 1)
    }
}

impl QuadTree {
    fn build(&mut self, pos: &[[f32; 2]]) {
        self.cells.clear();
        self.next.clear();
        self.next.resize(pos.len(), NONE);
        if pos.is_empty() {
            return;
        }
        let (lo, hi) = bounds(pos);
        let half = ((hi[0] - lo[0]).max(hi[1] - lo[1]) / 2.0).max(1e-3) * 1.0001;
        self.cells.push(Cell::new(
            (lo[0] + hi[0]) / 2.0,
            (lo[1] + hi[1]) / 2.0,
            half,
            0,
        ));
        for i in 0..pos.len() {
            self.insert(i as u32, pos);
        }
        self.finish();
    }

    fn insert(&mut self, i: u32, pos: &[[f32; 2]]) {
        let p = pos[i as usize];
        let mut c = 0usize;
        loop {
            let cell = &mut self.cells[c];
            cell.mx += p[0];
            cell.my += p[1];
            cell.mass += 1.0;
            if cell.child != NONE {
                c = (cell.child + cell.quadrant(p)) as usize;
                continue;
            }
            if cell.first == NONE {
                cell.first = i;
                return;
            }
            if cell.depth >= MAX_DEPTH {
                self.next[i as usize] = cell.first;
                cell.first = i;
                return;
            }
            // Split the leaf (it holds exactly one point above MAX_DEPTH)
            // and push its point down one level; then go on descending.
            let (cx, cy, h, depth) = (cell.cx, cell.cy, cell.half / 2.0, cell.depth + 1);
            let old = cell.first;
            cell.first = NONE;
            let child = self.cells.len() as u32;
            self.cells[c].child = child;
            for q in 0..4 {
                let x = if q & 1 == 1 { cx + h } else { cx - h };
                let y = if q & 2 == 2 { cy + h } else { cy - h };
                self.cells.push(Cell::new(x, y, h, depth));
            }
            let o = pos[old as usize];
            let quadrant = self.cells[c].quadrant(o);
            let sub = &mut self.cells[(child + quadrant) as usize];
            sub.mx += o[0];
            sub.my += o[1];
            sub.mass += 1.0;
            sub.first = old;
            // The loop adds `p` to the cell it descends into.
            c = (child + self.cells[c].quadrant(p)) as usize;
        }
    }

    /// Turns the mass sums into centres of mass.
    fn finish(&mut self) {
        for c in &mut self.cells {
            if c.mass > 0.0 {
                c.mx /= c.mass;
                c.my /= c.mass;
            }
        }
    }

    /// The repulsive displacement on point `i`: Σ k² / d along the
    /// direction away from every other point, cells far enough away
    /// (size² < θ² d²) taken as one body at their centre of mass.
    ///
    /// `stack` is scratch space (left empty).
    fn repulsion(
        &self,
        i: usize,
        pos: &[[f32; 2]],
        k2: f32,
        theta2: f32,
        seed: u64,
        stack: &mut Vec<u32>,
    ) -> [f32; 2] {
        let p = pos[i];
        let mut f = [0.0f32; 2];
        if self.cells.is_empty() {
            return f;
        }
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c as usize];
            if cell.child == NONE {
                let mut j = cell.first;
                while j != NONE {
                    let ju = j as usize;
                    if ju != i {
                        let q = pos[ju];
                        add_repulsion(&mut f, p[0] - q[0], p[1] - q[1], 1.0, k2, seed, i, ju);
                    }
                    j = self.next[ju];
                }
                continue;
            }
            let dx = p[0] - cell.mx;
            let dy = p[1] - cell.my;
            let d2 = dx * dx + dy * dy;
            let size = cell.half * 2.0;
            let inside = (p[0] - cell.cx).abs() <= cell.half && (p[1] - cell.cy).abs() <= cell.half;
            if !inside && size * size < theta2 * d2 {
                add_repulsion(&mut f, dx, dy, cell.mass, k2, seed, i, usize::MAX);
            } else {
                // Empty quadrants (common: a split leaves most of them
                // empty) are not visited.
                for q in cell.child..cell.child + 4 {
                    if self.cells[q as usize].mass != 0.0 {
                        stack.push(q);
                    }
                }
            }
        }
        f
    }
}

#[allow(clippy::too_many_arguments)]
fn add_repulsion(
    f: &mut [f32; 2],
    dx: f32,
    dy: f32,
    mass: f32,
    k2: f32,
    seed: u64,
    i: usize,
    j: usize,
) {
    let d2 = dx * dx + dy * dy;
    if d2 > 1e-12 {
        // (k² / d) along (dx, dy) / d.
        let s = mass * k2 / d2;
        f[0] += dx * s;
        f[1] += dy * s;
    } else {
        // Coincident: push apart in a seeded direction, as if at k / 100.
        let (a, b) = (i.min(j), i.max(j));
        let mut dir = jitter(seed, a, b);
        if i > j {
            dir = [-dir[0], -dir[1]];
        }
        let s = mass * 100.0 * k2.sqrt();
        f[0] += dir[0] * s;
        f[1] += dir[1] * s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Barnes–Hut with θ = 0 equals the exact sum.
    #[test]
    fn exact_when_theta_is_zero() {
        let pos: Vec<[f32; 2]> = (0..50)
            .map(|i| {
                let t = i as f32;
                [(t * 7.3) % 13.0, (t * 3.1) % 17.0]
            })
            .collect();
        let mut tree = QuadTree::default();
        tree.build(&pos);
        for i in 0..pos.len() {
            let bh = tree.repulsion(i, &pos, 1.0, 0.0, 1, &mut Vec::new());
            let mut ex = [0.0f32; 2];
            for j in 0..pos.len() {
                if j != i {
                    add_repulsion(
                        &mut ex,
                        pos[i][0] - pos[j][0],
                        pos[i][1] - pos[j][1],
                        1.0,
                        1.0,
                        1,
                        i,
                        j,
                    );
                }
            }
            assert!(
                (bh[0] - ex[0]).abs() < 1e-2 * (1.0 + ex[0].abs()),
                "{i}: {bh:?} vs {ex:?}"
            );
            assert!(
                (bh[1] - ex[1]).abs() < 1e-2 * (1.0 + ex[1].abs()),
                "{i}: {bh:?} vs {ex:?}"
            );
        }
    }

    #[test]
    fn coincident_points_fit_in_one_tree() {
        let pos = vec![[3.0, 3.0]; 40];
        let mut tree = QuadTree::default();
        tree.build(&pos);
        assert_eq!(tree.cells[0].mass, 40.0);
        let mut f = ForceLayout::new(pos, &[], 9);
        f.run(50);
        let p = f.positions();
        assert!(p.iter().all(|q| q[0].is_finite() && q[1].is_finite()));
        assert_ne!(p[0], p[1]);
    }
}
