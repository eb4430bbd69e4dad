//! A small deterministic random source for unit tests that compare a fast
//! structure with brute force (xorshift64; the seed fixes the sequence).

/// Uniform numbers in `[0, 1)` from `seed` (non-zero).
pub(crate) fn uniform(seed: u64) -> impl FnMut() -> f64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    }
}
