//! Readings of `/proc/self`: resident set size (current and peak) and CPU
//! times.

use std::io::Write;
use std::time::Duration;

/// Peak resident set size of this process so far, in bytes (`VmHWM`).
pub fn peak_rss() -> Option<u64> {
    status_kb("VmHWM:").map(|kb| kb * 1024)
}

/// Current resident set size of this process, in bytes (`VmRSS`).
pub fn current_rss() -> Option<u64> {
    status_kb("VmRSS:").map(|kb| kb * 1024)
}

fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets the peak resident set size to the current one (Linux: writing 5
/// to `/proc/self/clear_refs`). Returns false where that is not possible.
pub fn reset_peak_rss() -> bool {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/proc/self/clear_refs")
        .and_then(|mut f| f.write_all(b"5"))
        .is_ok()
}

/// CPU time (user + system) used so far by this process and by its
/// waited-for children, from `/proc/self/stat` (10 ms resolution).
pub fn cpu_times() -> Option<(Duration, Duration)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses: state is
    // field 3, utime 14, stime 15, cutime 16, cstime 17.
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(4)
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    let tick = |n: u64| Duration::from_millis(n * 10);
    match f.as_slice() {
        [u, s, cu, cs] => Some((tick(u + s), tick(cu + cs))),
        _ => None,
    }
}
