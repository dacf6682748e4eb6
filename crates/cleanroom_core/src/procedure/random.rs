//! Random values for a level, drawn from a seed (`draw::Draw`): the same seed gives the same
//! values on every machine and in every version, so an attempt can be replayed from its record.

use crate::common::Value;
use crate::level::{Pick, RandomValue};

pub use crate::draw::Draw;

impl Draw {
    /// A value for each random property, in order: (of, key, value).
    pub fn values(&mut self, random: &[RandomValue]) -> Vec<(String, String, Value)> {
        random
            .iter()
            .filter_map(|random| {
                let value = match &random.pick {
                    Pick::OneOf(values) => values.get(self.below(values.len())).cloned()?,
                    Pick::Between { min, max, step } => {
                        let raw = min + self.unit() * (max - min);
                        let value =
                            if *step > 0.0 { (min + ((raw - min) / step).round() * step).min(*max) } else { raw };
                        Value::Number(value)
                    }
                };
                Some((random.of.clone(), random.key.clone(), value))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_values() {
        let random = vec![
            RandomValue {
                of: "bag".into(),
                key: "location".into(),
                pick: Pick::OneOf(vec![Value::Choice("bench".into()), Value::Choice("shelf".into())]),
            },
            RandomValue {
                of: "plate".into(),
                key: "cfu".into(),
                pick: Pick::Between { min: 0.0, max: 4.0, step: 1.0 },
            },
        ];
        let first = Draw::new(7).values(&random);
        assert_eq!(first, Draw::new(7).values(&random));
        assert_eq!(first.len(), 2);
        // Every choice comes up over a few seeds, and numbers stay on their steps and range.
        let locations: std::collections::BTreeSet<String> =
            (0..32).map(|seed| format!("{:?}", Draw::new(seed).values(&random)[0].2)).collect();
        assert_eq!(locations.len(), 2);
        for seed in 0..64 {
            let Value::Number(n) = Draw::new(seed).values(&random)[1].2 else { panic!("a number") };
            assert!((0.0..=4.0).contains(&n) && n.fract() == 0.0, "{n}");
        }
    }

    #[test]
    fn splitmix64_gives_its_published_first_values() {
        // The reference implementation's output for seed 1234567.
        let mut draw = Draw::new(1234567);
        assert_eq!(draw.next_u64(), 6457827717110365317);
        assert_eq!(draw.next_u64(), 3203168211198807973);
    }
}
