//! Polygons from reached pieces: buffer in a local tangent plane (metres),
//! union, nest, unproject; and a point-in-polygon index for counting the
//! homes inside.
//!
//! Pieces are joined into polylines and simplified ([`chain`]), segments
//! deep inside the covered area are replaced by covered cells ([`cover`]),
//! and the rest are stroked with round caps and joins by `geo`'s [`Buffer`]
//! (i_overlay) in small groups whose outlines are merged pairwise. The
//! polygon of limit `i` is the union of the polygon of limit `i − 1` with
//! the buffer of the pieces newly reached at limit `i`, so polygons nest by
//! construction; holes stay wherever no reached piece comes within the
//! buffer. Arc vertices lie on the circle with chords at most the arc
//! tolerance inside it; with the simplification (half the tolerance) a
//! polygon contains every point within `buffer − 1.5 × tolerance` of the
//! reached pieces and nothing farther than `buffer + tolerance / 2`.

use geo::algorithm::buffer::{Buffer, BufferStyle, LineCap, LineJoin};
use geo::{BooleanOps, Coord, LineString, MultiLineString, MultiPolygon, Point, Polygon};

use super::reach::Piece;
use super::{chain, cover};
use crate::geodesy::LocalPlane;

/// Buffers reached pieces in a tangent plane around a centre.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shaper {
    plane: LocalPlane,
    buffer_m: f64,
    /// Angle between consecutive arc vertices, radians.
    step: f64,
    /// Simplification tolerance of the polylines, metres.
    simplify_m: f64,
}

impl Shaper {
    /// A shaper centred on `centre` with buffer radius `buffer_m` and arcs
    /// within `arc_tolerance_m` of the true circle.
    pub fn new(centre: Point<f64>, buffer_m: f64, arc_tolerance_m: f64) -> Shaper {
        // A chord spanning `step` lies r(1 − cos(step / 2)) inside the arc.
        let ratio = (1.0 - arc_tolerance_m / buffer_m).clamp(-1.0, 1.0);
        let step =
            (2.0 * ratio.acos()).clamp(0.01 * std::f64::consts::PI, 0.25 * std::f64::consts::PI);
        Shaper {
            plane: LocalPlane::new(centre),
            buffer_m,
            step,
            simplify_m: arc_tolerance_m / 2.0,
        }
    }

    /// lon/lat to plane metres.
    pub fn project(&self, c: Coord<f64>) -> Coord<f64> {
        let (x, y) = self.plane.project(c.x, c.y);
        Coord { x, y }
    }

    /// Plane metres to lon/lat.
    ///
    /// Clamped to WGS84 (-180..180, -90..90): an area that would run past
    /// the antimeridian or a pole ends on it (GeoJSON cannot wrap it), so
    /// no returned position leaves the valid range.
    pub fn unproject(&self, c: Coord<f64>) -> Coord<f64> {
        let (x, y) = self.plane.unproject(c.x, c.y);
        Coord {
            x: x.clamp(-180.0, 180.0),
            y: y.clamp(-90.0, 90.0),
        }
    }

    /// The buffered union of `pieces`, in plane metres.
    ///
    /// Stroking thousands of short, heavily overlapping pieces in one
    /// overlay makes i_overlay intersect every capsule with all its
    /// neighbours. Instead the pieces are ordered along a Z-order curve,
    /// stroked in small spatially compact groups, and the group outlines
    /// are merged pairwise (a cascaded union): each merge only sees the
    /// outlines, which are much smaller than the capsules they came from.
    pub fn buffer(&self, pieces: &[Piece]) -> MultiPolygon<f64> {
        let segments: Vec<[Coord<f64>; 2]> = pieces
            .iter()
            .map(|p| [self.project(p.start), self.project(p.end)])
            .collect();
        // Simplification may move a line by `simplify_m`: the capsule of a
        // kept segment then surely contains a disk of `r_in` around the
        // original segment, and reaches at most `buffer_m + simplify_m`.
        let r_in = self.buffer_m * (self.step / 2.0).cos() - self.simplify_m;
        let (segments, cells) = cover::prune(&segments, self.buffer_m + self.simplify_m, r_in);
        let mut lines: Vec<(u64, LineString<f64>)> = chain::polylines(&segments, self.simplify_m)
            .into_iter()
            .map(|l| {
                let mid = l.0[l.0.len() / 2];
                (z_order(mid.x, mid.y, self.buffer_m), l)
            })
            .collect();
        lines.sort_by_key(|l| l.0);
        let mut level: Vec<MultiPolygon<f64>> = lines
            .chunks(LEAF)
            .map(|group| self.stroke(group.iter().map(|l| l.1.clone()).collect()))
            .collect();
        if !cells.is_empty() {
            level.push(geo::unary_union(cells.iter()));
        }
        while level.len() > 1 {
            level = level
                .chunks(2)
                .map(|c| match c {
                    [a, b] => a.union(b),
                    _ => c[0].clone(),
                })
                .collect();
        }
        level.pop().unwrap_or_else(|| MultiPolygon::new(Vec::new()))
    }

    fn stroke(&self, lines: Vec<LineString<f64>>) -> MultiPolygon<f64> {
        let style = BufferStyle::new(self.buffer_m)
            .line_cap(LineCap::Round(self.step))
            .line_join(LineJoin::Round(self.step));
        MultiLineString::new(lines).buffer_with_style(style)
    }

    /// Nested polygons (plane metres), one per entry of `increments`: the
    /// running union of their buffers.
    pub fn nested(&self, increments: &[Vec<Piece>]) -> Vec<MultiPolygon<f64>> {
        let mut acc = MultiPolygon::new(Vec::new());
        let mut out = Vec::with_capacity(increments.len());
        for inc in increments {
            let extra = self.buffer(inc);
            acc = if acc.0.is_empty() {
                extra
            } else if extra.0.is_empty() {
                acc
            } else {
                acc.union(&extra)
            };
            out.push(acc.clone());
        }
        out
    }

    /// A plane polygon in lon/lat.
    pub fn unproject_polygon(&self, mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        let ring = |r: &LineString<f64>| -> LineString<f64> {
            r.0.iter().map(|c| self.unproject(*c)).collect()
        };
        MultiPolygon::new(
            mp.0.iter()
                .map(|p| Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect()))
                .collect(),
        )
    }
}

/// Polylines stroked together in one overlay before the pairwise merges
/// (measured on the Helsinki centre network: 4 beats 1, 8, 16 and 32).
const LEAF: usize = 4;

/// Morton code of a plane position quantised to cells of `cell` metres.
fn z_order(x: f64, y: f64, cell: f64) -> u64 {
    fn spread(v: u32) -> u64 {
        let mut v = u64::from(v);
        v = (v | (v << 16)) & 0x0000_ffff_0000_ffff;
        v = (v | (v << 8)) & 0x00ff_00ff_00ff_00ff;
        v = (v | (v << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
        v = (v | (v << 2)) & 0x3333_3333_3333_3333;
        v = (v | (v << 1)) & 0x5555_5555_5555_5555;
        v
    }
    // Shift so that +-2^31 cells map onto u32.
    let q = |v: f64| ((v / cell).floor().clamp(-2e9, 2e9) as i64 + (1 << 31)) as u32;
    spread(q(x)) | (spread(q(y)) << 1)
}

/// Point-in-multipolygon by the even–odd rule over all rings, with the
/// ring edges binned by latitude band (y) so a query only looks at the
/// edges of its band.
#[derive(Debug)]
pub(crate) struct RingIndex {
    min: Coord<f64>,
    max: Coord<f64>,
    bin_h: f64,
    start: Vec<u32>,
    segs: Vec<[f64; 4]>,
}

impl RingIndex {
    /// Indexes every ring edge of `mp`.
    pub fn new(mp: &MultiPolygon<f64>) -> RingIndex {
        let mut all: Vec<[f64; 4]> = Vec::new();
        let mut min = Coord {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut max = Coord {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        for p in &mp.0 {
            for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                for l in ring.lines() {
                    all.push([l.start.x, l.start.y, l.end.x, l.end.y]);
                    min.x = min.x.min(l.start.x);
                    min.y = min.y.min(l.start.y);
                    max.x = max.x.max(l.start.x);
                    max.y = max.y.max(l.start.y);
                }
            }
        }
        let bins = (all.len() / 4).clamp(1, 4096);
        let height = (max.y - min.y).max(f64::MIN_POSITIVE);
        let bin_h = height / bins as f64;
        let bin_of = |y: f64| (((y - min.y) / bin_h).floor().max(0.0) as usize).min(bins - 1);
        let mut count = vec![0u32; bins + 1];
        for s in &all {
            let (lo, hi) = (bin_of(s[1].min(s[3])), bin_of(s[1].max(s[3])));
            for c in &mut count[lo + 1..=hi + 1] {
                *c += 1;
            }
        }
        for i in 0..bins {
            count[i + 1] += count[i];
        }
        let mut fill = count[..bins].to_vec();
        let mut segs = vec![[0.0; 4]; count[bins] as usize];
        for s in &all {
            let (lo, hi) = (bin_of(s[1].min(s[3])), bin_of(s[1].max(s[3])));
            for f in &mut fill[lo..=hi] {
                segs[*f as usize] = *s;
                *f += 1;
            }
        }
        RingIndex {
            min,
            max,
            bin_h,
            start: count,
            segs,
        }
    }

    /// Whether `p` lies inside (points exactly on the boundary may go
    /// either way).
    pub fn contains(&self, p: Coord<f64>) -> bool {
        if !(p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y) {
            return false;
        }
        let bins = self.start.len() - 1;
        let b = (((p.y - self.min.y) / self.bin_h).floor().max(0.0) as usize).min(bins - 1);
        let mut inside = false;
        for s in &self.segs[self.start[b] as usize..self.start[b + 1] as usize] {
            let (x1, y1, x2, y2) = (s[0], s[1], s[2], s[3]);
            if (y1 > p.y) != (y2 > p.y) {
                let x = x1 + (p.y - y1) * (x2 - x1) / (y2 - y1);
                if x > p.x {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, Area, Contains};

    fn piece(a: (f64, f64), b: (f64, f64)) -> Piece {
        Piece {
            edge: Some(0),
            source: None,
            from_m: 0.0,
            to_m: 1.0,
            start: Coord { x: a.0, y: a.1 },
            end: Coord { x: b.0, y: b.1 },
        }
    }

    #[test]
    fn crossing_pieces_buffer_into_one_polygon() {
        let s = Shaper::new(Point::new(120.0, 30.0), 10.0, 0.1);
        let pieces = [
            piece((119.999, 30.0), (120.001, 30.0)),
            piece((120.0, 29.999), (120.0, 30.001)),
        ];
        let mp = s.buffer(&pieces);
        assert_eq!(mp.0.len(), 1);
        // Two ~193 m and ~222 m capsules of width 20 m overlapping in a 20 m square.
        let a = mp.unsigned_area();
        let la = 2.0
            * s.project(Coord {
                x: 120.001,
                y: 30.0,
            })
            .x;
        let lb = 2.0
            * s.project(Coord {
                x: 120.0,
                y: 30.001,
            })
            .y;
        let expected = 20.0 * la + 20.0 * lb + 2.0 * std::f64::consts::PI * 100.0 - 400.0;
        assert!((a - expected).abs() / expected < 0.01, "{a} vs {expected}");
    }

    #[test]
    fn ring_index_agrees_with_geo_contains() {
        let outer =
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)];
        let hole = polygon![(x: 3.0, y: 3.0), (x: 6.0, y: 3.0), (x: 6.0, y: 7.0), (x: 3.0, y: 7.0)];
        let far = polygon![(x: 20.0, y: 0.0), (x: 25.0, y: 5.0), (x: 20.0, y: 9.0)];
        let mp = MultiPolygon::new(vec![
            Polygon::new(outer.exterior().clone(), vec![hole.exterior().clone()]),
            far,
        ]);
        let idx = RingIndex::new(&mp);
        for i in 0..60 {
            for j in 0..30 {
                let p = Coord {
                    x: -2.0 + f64::from(i) * 0.47,
                    y: -1.0 + f64::from(j) * 0.41,
                };
                assert_eq!(idx.contains(p), mp.contains(&Point(p)), "{p:?}");
            }
        }
        assert!(!RingIndex::new(&MultiPolygon::new(vec![])).contains(Coord { x: 0.0, y: 0.0 }));
    }
}
