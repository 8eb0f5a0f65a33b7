//! Shanhai (山海): find China's regional partnerships (东西部协作, 对口支援)
//! in folders of news articles and build a network of them.
//!
//! The data flows one way:
//! [`corpus`] → [`text`] → [`gazetteer`] → [`extract`] → [`network`] →
//! [`layout`] → [`scene`] (over the [`basemap`]) → [`picture`]/[`export`]. Nothing here draws a window or reads
//! the command line: the desktop app (`shanhai-app`) and the command line
//! (`shanhai-cli`) only call into these modules; [`pipeline`] runs the first
//! stages over a whole folder.

/// mimalloc for every allocation of the binary, its tests and benchmarks:
/// the pipeline allocates many small short-lived strings per sentence, and
/// the graph view builds meshes of megabytes every frame, which glibc's
/// malloc hands back to the kernel and faults in again (zeroed) each time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Hands the memory freed so far back to the operating system: call after
/// dropping something large (a finished, cancelled or replaced load).
///
/// mimalloc keeps freed pages in the heap of the thread that allocated
/// them, and a block freed by another thread waits until its owner
/// allocates again; a load is built by the rayon workers and dropped by
/// the UI thread, and idle workers never allocate. So every worker of the
/// global pool and the calling thread collect their heaps (milliseconds).
pub fn release_memory() {
    rayon::broadcast(|_| collect_heap());
    collect_heap();
}

fn collect_heap() {
    // SAFETY: `mi_collect` has no preconditions; it frees pages of the
    // calling thread's heap that hold no live block.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

pub mod basemap;
pub mod corpus;
pub mod eval;
pub mod export;
pub mod extract;
pub mod filter;
pub mod gazetteer;
pub mod i18n;
pub mod layout;
pub mod network;
pub mod picture;
pub mod pipeline;
pub mod playback;
pub mod reference;
pub mod scene;
pub mod text;
