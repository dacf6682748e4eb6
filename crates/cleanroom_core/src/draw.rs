//! A stream of random numbers from a seed: the same seed gives the same numbers on every
//! machine and in every version. The generator is SplitMix64 (Steele, Lea and Flood, 2014),
//! written out here because its output must never change with a dependency's version. Levels
//! draw their random values from it (`procedure::random`); station models their noise.

/// A stream of random numbers from a seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    state: u64,
}

impl Draw {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits (SplitMix64).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An index below `count` (0 when `count` is 0).
    pub fn below(&mut self, count: usize) -> usize {
        if count == 0 { 0 } else { (self.unit() * count as f64) as usize % count }
    }
}
