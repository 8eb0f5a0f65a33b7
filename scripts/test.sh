#!/usr/bin/env bash
# The whole test suite: set-up, a check that the window's run-time libraries
# are present, formatting, lints, every test, then the core's tests with the
# C++ OpenCC backend.
# `.ci/run` runs exactly this. The benchmarks are type-checked by clippy
# (`--all-targets`) and run with `cargo bench` (see README, Performance).
set -euo pipefail
cd "$(dirname "$0")/.."
step() {
    local start=$SECONDS
    echo "==> $*" >&2
    "$@"
    echo "==> $1 done in $((SECONDS - start)) s" >&2
}
step bash scripts/setup.sh --with-opencc
step bash scripts/check_runtime.sh
step cargo fmt --check
step cargo clippy --workspace --all-targets --locked -- -D warnings
step cargo test --workspace --locked
# The core again with OpenCC's C++ library as the conversion backend: the
# same tests pass, and tests/opencc_backends.rs compares the two backends'
# text on the seeds.
step cargo test -p shanhai-core --features opencc-cpp --locked
