//! Helpers shared by the unit tests.

/// xorshift64 (Marsaglia, 2003): a fixed-seed generator, so that a failing random case
/// reproduces.
pub fn xorshift(mut seed: u64) -> impl FnMut() -> usize {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    }
}
