//! `export`: the network as data for other tools.

pub mod json;
