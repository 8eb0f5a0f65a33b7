//! Shanhai (山海): find China's regional partnerships (东西部协作, 对口支援)
//! in folders of news articles and build a network of them.
//!
//! The data flows one way:
//! [`corpus`] → [`text`] → [`gazetteer`] → [`extract`] → [`network`] →
//! `layout` → `render`/[`export`]. The desktop app (`app`) and the command
//! line ([`cli`]) only call into these modules; [`pipeline`] runs the first
//! stages over a whole folder.

/// mimalloc for every allocation of the binary, its tests and benchmarks:
/// the pipeline allocates many small short-lived strings per sentence, and
/// the graph view builds meshes of megabytes every frame, which glibc's
/// malloc hands back to the kernel and faults in again (zeroed) each time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod app;
pub mod bench;
pub mod cli;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod layout;
pub mod network;
pub mod pipeline;
pub mod render;
pub mod text;
