//! The fill-and-finish station (Finia-like, domain.md §6). So far its formulation model: the
//! recipe's volumes, the bags it fills and what DMSO handling does to viability. The station's
//! procedure, touchscreen and `StationModel` come next; until then the game shows the unit idle.

pub mod formulation;
