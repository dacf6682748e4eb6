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

    /// A standard normal number (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.unit().max(f64::MIN_POSITIVE), self.unit());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// A Poisson-distributed count with mean `mean`: Knuth's method for small means, the
    /// normal approximation for large ones.
    pub fn poisson(&mut self, mean: f64) -> u64 {
        if mean <= 0.0 {
            return 0;
        }
        if mean > 30.0 {
            return (mean + self.normal() * mean.sqrt()).round().max(0.0) as u64;
        }
        let limit = (-mean).exp();
        let (mut count, mut product) = (0u64, self.unit());
        while product > limit {
            count += 1;
            product *= self.unit();
        }
        count
    }

    /// How many of `trials` succeed with chance `p` each: the normal approximation, kept
    /// within 0..=trials (for the hundreds to thousands of cells a counter sees).
    pub fn binomial(&mut self, trials: u64, p: f64) -> u64 {
        let p = p.clamp(0.0, 1.0);
        let n = trials as f64;
        let spread = (n * p * (1.0 - p)).sqrt();
        (n * p + self.normal() * spread).round().clamp(0.0, n) as u64
    }
}
