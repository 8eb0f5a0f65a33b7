//! The interface language: Chinese or English, chosen from the system
//! locale at first start and switchable from the View menu. The language
//! and the names it gives live in `shanhai-core` (the exported pictures'
//! legends use them too).

pub use shanhai_core::i18n::{Lang, region_level_name, relation_name};
