//! Station models: each station's state machine and process model, free of Bevy.

pub mod batch_record;
pub mod bioreactor;
