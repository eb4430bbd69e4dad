//! Joining reached pieces into polylines before buffering.
//!
//! Pieces that meet end to end at a point used by exactly two pieces are
//! one polyline; polylines end where the network branches or stops. Each
//! polyline is then simplified (Ramer–Douglas–Peucker) within a tolerance
//! well below the buffer: every point of the original lies within the
//! tolerance of the simplified line, hence inside its buffer, and the
//! buffer grows by at most the tolerance.

use geo::{Coord, LineString, Simplify};

use crate::network::graph::FxMap;

fn key(c: Coord<f64>) -> (u64, u64) {
    ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits())
}

/// Joins `segments` (pairs of end points; equal points must be bitwise
/// equal) into polylines and simplifies each within `tolerance`.
pub(crate) fn polylines(segments: &[[Coord<f64>; 2]], tolerance: f64) -> Vec<LineString<f64>> {
    // Point ids and the segments at each point (CSR).
    let mut ids: FxMap<(u64, u64), u32> = FxMap::default();
    let mut coords: Vec<Coord<f64>> = Vec::new();
    let mut ends: Vec<[u32; 2]> = Vec::with_capacity(segments.len());
    for s in segments {
        let mut pair = [0u32; 2];
        for (k, c) in s.iter().enumerate() {
            let next = coords.len() as u32;
            let id = *ids.entry(key(*c)).or_insert(next);
            if id == next {
                coords.push(*c);
            }
            pair[k] = id;
        }
        ends.push(pair);
    }
    let n = coords.len();
    let mut start = vec![0u32; n + 1];
    for e in &ends {
        start[e[0] as usize + 1] += 1;
        start[e[1] as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start[..n].to_vec();
    let mut incident = vec![0u32; ends.len() * 2];
    for (si, e) in ends.iter().enumerate() {
        for &p in e {
            incident[fill[p as usize] as usize] = si as u32;
            fill[p as usize] += 1;
        }
    }
    let degree = |p: u32| start[p as usize + 1] - start[p as usize];
    let mut used = vec![false; ends.len()];
    let mut out = Vec::new();
    // Walks from point `p` along unused segment `s` until a point that is
    // not a plain pass-through.
    let walk = |p: u32, s: u32, used: &mut Vec<bool>| -> LineString<f64> {
        let mut line = vec![coords[p as usize]];
        let (mut p, mut s) = (p, s);
        loop {
            used[s as usize] = true;
            let e = ends[s as usize];
            let q = if e[0] == p { e[1] } else { e[0] };
            line.push(coords[q as usize]);
            if degree(q) != 2 {
                break;
            }
            let range = start[q as usize] as usize..start[q as usize + 1] as usize;
            match incident[range].iter().find(|&&t| !used[t as usize]) {
                Some(&t) => (p, s) = (q, t),
                None => break,
            }
        }
        LineString::new(line)
    };
    for p in 0..n as u32 {
        if degree(p) == 2 {
            continue;
        }
        for i in start[p as usize]..start[p as usize + 1] {
            let s = incident[i as usize];
            if !used[s as usize] {
                out.push(walk(p, s, &mut used));
            }
        }
    }
    // What is left are closed loops through pass-through points only.
    for s in 0..ends.len() {
        if !used[s] {
            out.push(walk(ends[s][0], s as u32, &mut used));
        }
    }
    if tolerance > 0.0 {
        for l in &mut out {
            if l.0.len() > 2 {
                *l = l.simplify(tolerance);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    #[test]
    fn joins_through_pass_through_points_only() {
        // A path a-b-c-d (b, c pass-through), a branch at d to e and f, and
        // a separate triangle loop.
        let segs = [
            [c(0.0, 0.0), c(1.0, 0.0)],
            [c(2.0, 0.1), c(1.0, 0.0)],
            [c(2.0, 0.1), c(3.0, 0.0)],
            [c(3.0, 0.0), c(4.0, 1.0)],
            [c(3.0, 0.0), c(4.0, -1.0)],
            [c(10.0, 0.0), c(11.0, 0.0)],
            [c(11.0, 0.0), c(10.0, 1.0)],
            [c(10.0, 1.0), c(10.0, 0.0)],
        ];
        let lines = polylines(&segs, 0.0);
        let mut sizes: Vec<usize> = lines.iter().map(|l| l.0.len()).collect();
        sizes.sort_unstable();
        assert_eq!(sizes, vec![2, 2, 4, 4]);
        let total: usize = lines.iter().map(|l| l.0.len() - 1).sum();
        assert_eq!(total, segs.len());
        // Simplifying removes the 0.1 kink of the path.
        let simple = polylines(&segs, 0.2);
        assert!(simple.iter().any(
            |l| l.0 == vec![c(0.0, 0.0), c(3.0, 0.0)] || l.0 == vec![c(3.0, 0.0), c(0.0, 0.0)]
        ));
    }
}
