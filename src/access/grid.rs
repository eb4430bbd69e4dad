//! A uniform grid over points for nearest-point queries (straight-line
//! distance to the nearest facility of a category, asked once per building
//! and category: millions of queries on a large district, where an R-tree's
//! heap-based search costs several times more).

/// Points bucketed in square cells (counting sort, CSR layout).
#[derive(Debug, Default)]
pub(crate) struct PointGrid {
    x0: f64,
    y0: f64,
    cell: f64,
    nx: usize,
    ny: usize,
    start: Vec<u32>,
    items: Vec<([f64; 2], u32)>,
}

/// Average number of points per cell the grid aims for.
const PER_CELL: f64 = 2.0;
/// Upper bound on cells per axis.
const MAX_CELLS_PER_AXIS: f64 = 2048.0;

impl PointGrid {
    /// Buckets `points` (planar metres, with a payload).
    pub fn new(points: Vec<([f64; 2], u32)>) -> PointGrid {
        let points: Vec<_> = points
            .into_iter()
            .filter(|(p, _)| p[0].is_finite() && p[1].is_finite())
            .collect();
        if points.is_empty() {
            return PointGrid::default();
        }
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for (p, _) in &points {
            lo = [lo[0].min(p[0]), lo[1].min(p[1])];
            hi = [hi[0].max(p[0]), hi[1].max(p[1])];
        }
        let (w, h) = ((hi[0] - lo[0]).max(1.0), (hi[1] - lo[1]).max(1.0));
        let cell = (w * h * PER_CELL / points.len() as f64)
            .sqrt()
            .max(w / MAX_CELLS_PER_AXIS)
            .max(h / MAX_CELLS_PER_AXIS)
            .max(1.0);
        let nx = (w / cell) as usize + 1;
        let ny = (h / cell) as usize + 1;
        let mut grid = PointGrid {
            x0: lo[0],
            y0: lo[1],
            cell,
            nx,
            ny,
            start: vec![0; nx * ny + 1],
            items: Vec::new(),
        };
        let cells: Vec<usize> = points.iter().map(|(p, _)| grid.cell_of(*p)).collect();
        for &c in &cells {
            grid.start[c + 1] += 1;
        }
        for i in 0..nx * ny {
            grid.start[i + 1] += grid.start[i];
        }
        let mut fill = grid.start[..nx * ny].to_vec();
        let mut items = vec![([0.0, 0.0], 0); points.len()];
        for (pt, c) in points.into_iter().zip(cells) {
            items[fill[c] as usize] = pt;
            fill[c] += 1;
        }
        grid.items = items;
        grid
    }

    fn clamp_index(&self, v: f64, n: usize) -> usize {
        if v <= 0.0 {
            0
        } else {
            (v as usize).min(n - 1)
        }
    }

    fn cell_of(&self, p: [f64; 2]) -> usize {
        let cx = self.clamp_index((p[0] - self.x0) / self.cell, self.nx);
        let cy = self.clamp_index((p[1] - self.y0) / self.cell, self.ny);
        cy * self.nx + cx
    }

    /// Lower bound on the distance from `q` to any cell outside the square
    /// of rings 0..=r around cell (cx, cy); infinite once it covers the grid.
    fn unvisited_distance(&self, q: [f64; 2], cx: isize, cy: isize, r: isize) -> f64 {
        let (nx, ny) = (self.nx as isize, self.ny as isize);
        let edge = |i: isize| self.x0 + i as f64 * self.cell;
        let edge_y = |j: isize| self.y0 + j as f64 * self.cell;
        let mut d = f64::INFINITY;
        if cx - r > 0 {
            d = d.min(q[0] - edge(cx - r));
        }
        if cx + r < nx - 1 {
            d = d.min(edge(cx + r + 1) - q[0]);
        }
        if cy - r > 0 {
            d = d.min(q[1] - edge_y(cy - r));
        }
        if cy + r < ny - 1 {
            d = d.min(edge_y(cy + r + 1) - q[1]);
        }
        d.max(0.0)
    }

    /// Collects into `out` the payload of every point whose planar distance
    /// from `q` is at most `window(d)`, where d is the distance of the
    /// nearest point and `window(d) >= d`. Cells are searched in square
    /// rings around the query's cell; the search stops once everything
    /// outside the searched square lies beyond the window.
    pub fn candidates(&self, q: [f64; 2], window: impl Fn(f64) -> f64, out: &mut Vec<(f64, u32)>) {
        out.clear();
        if self.items.is_empty() {
            return;
        }
        let cx = self.clamp_index((q[0] - self.x0) / self.cell, self.nx) as isize;
        let cy = self.clamp_index((q[1] - self.y0) / self.cell, self.ny) as isize;
        let (nx, ny) = (self.nx as isize, self.ny as isize);
        let last_ring = cx.max(nx - 1 - cx).max(cy).max(ny - 1 - cy);
        // Points beyond the current window are never kept: the window only
        // shrinks as the nearest distance improves.
        let mut best2 = f64::INFINITY;
        let mut keep2 = f64::INFINITY;
        let mut visit = |x: isize, y: isize, best2: &mut f64, keep2: &mut f64| {
            if x < 0 || y < 0 || x >= nx || y >= ny {
                return;
            }
            let c = (y * nx + x) as usize;
            for &(p, data) in &self.items[self.start[c] as usize..self.start[c + 1] as usize] {
                let d2 = (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2);
                if d2 < *best2 {
                    *best2 = d2;
                    let w = window(d2.sqrt());
                    *keep2 = w * w;
                }
                if d2 <= *keep2 {
                    out.push((d2, data));
                }
            }
        };
        for r in 0..=last_ring {
            if r == 0 {
                visit(cx, cy, &mut best2, &mut keep2);
            } else {
                for x in cx - r..=cx + r {
                    visit(x, cy - r, &mut best2, &mut keep2);
                    visit(x, cy + r, &mut best2, &mut keep2);
                }
                for y in cy - r + 1..cy + r {
                    visit(cx - r, y, &mut best2, &mut keep2);
                    visit(cx + r, y, &mut best2, &mut keep2);
                }
            }
            if best2.is_finite() && self.unvisited_distance(q, cx, cy, r).powi(2) >= keep2 {
                break;
            }
        }
        out.retain(|(d2, _)| *d2 <= keep2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_linear_scan() {
        // A fixed pseudo-random cloud, clustered so that many cells are empty.
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rnd = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        let pts: Vec<([f64; 2], u32)> = (0..500)
            .map(|i| {
                let c = if i % 2 == 0 { 0.0 } else { 5000.0 };
                ([c + rnd() * 800.0, rnd() * 3000.0], i)
            })
            .collect();
        let grid = PointGrid::new(pts.clone());
        let mut out = Vec::new();
        for _ in 0..300 {
            let q = [rnd() * 8000.0 - 1000.0, rnd() * 5000.0 - 1000.0];
            let window = |d: f64| d * 1.01 + 1.0;
            grid.candidates(q, window, &mut out);
            let dist = |p: [f64; 2]| ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt();
            let best = pts
                .iter()
                .map(|(p, _)| dist(*p))
                .fold(f64::INFINITY, f64::min);
            let mut expected: Vec<u32> = pts
                .iter()
                .filter(|(p, _)| dist(*p) <= window(best))
                .map(|x| x.1)
                .collect();
            let mut got: Vec<u32> = out.iter().map(|x| x.1).collect();
            expected.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, expected, "query {q:?}");
        }
    }

    #[test]
    fn empty_grid_finds_nothing() {
        let mut out = vec![(1.0, 1)];
        PointGrid::new(Vec::new()).candidates([0.0, 0.0], |d| d, &mut out);
        assert!(out.is_empty());
    }
}
