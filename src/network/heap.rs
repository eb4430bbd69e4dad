//! The priority queue of Dijkstra's algorithm: a binary heap with lazy
//! deletion (stale entries are skipped by the searches when popped).
//!
//! Keys are non-negative `f64` distances stored as their IEEE bit patterns,
//! which order like the values for non-negative floats, so the heap
//! compares integers. A radix heap was tried and measured: on these graphs
//! it executed more instructions than this heap (float bit patterns spread
//! over many buckets), so the plain binary heap stays.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Min-queue of `(distance, item)`; ties pop the smaller item first.
#[derive(Debug)]
pub(crate) struct MinHeap<T> {
    heap: BinaryHeap<Reverse<(u64, T)>>,
}

impl<T: Ord> Default for MinHeap<T> {
    fn default() -> Self {
        MinHeap {
            heap: BinaryHeap::new(),
        }
    }
}

impl<T: Ord + Copy> MinHeap<T> {
    /// Empties the heap, keeping its memory.
    pub fn clear(&mut self) {
        self.heap.clear();
    }

    /// Adds an item. Negative or NaN keys count as 0 (never pushed by the
    /// searches, which check distances first).
    pub fn push(&mut self, key: f64, item: T) {
        let k = if key >= 0.0 { key.to_bits() } else { 0 };
        self.heap.push(Reverse((k, item)));
    }

    /// Removes an item with the smallest key.
    pub fn pop(&mut self) -> Option<(f64, T)> {
        let Reverse((k, item)) = self.heap.pop()?;
        Some((f64::from_bits(k), item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_key_order() {
        let mut h = MinHeap::default();
        for (i, d) in [5.0, 0.0, 3.5, 1e6, 3.5, 0.25].iter().enumerate() {
            h.push(*d, i);
        }
        let mut out = Vec::new();
        while let Some((d, i)) = h.pop() {
            out.push((d, i));
        }
        assert_eq!(
            out,
            vec![(0.0, 1), (0.25, 5), (3.5, 2), (3.5, 4), (5.0, 0), (1e6, 3)]
        );
        h.push(-1.0, 7);
        assert_eq!(h.pop(), Some((0.0, 7)));
        h.clear();
        assert_eq!(h.pop(), None);
    }
}
