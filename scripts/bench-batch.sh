#!/usr/bin/env bash
# The batch benchmark of issue 16 (not part of scripts/test.sh; see
# BENCHMARKS.md, "Issue 16: batch runs"): 200 generated communities through
# the CLI, the Python package in one process and Dask LocalClusters of 1 and
# 2 workers, then the native core against the wasm build on the 82 MB
# district. Builds what it needs in release first:
#
#   target/release/future-community            cargo build --release -p future-community-cli
#   target/release/examples/e2e_time           cargo build --release --example e2e_time
#   target/wheels-release/future_community-*   maturin build --release, installed into python/.venv
#   pkg/                                       scripts/build-pkg.sh (skipped when BENCH_SKIP_BUILD=1)
#
#   scripts/bench-batch.sh [ARGS...]           ARGS go to bench/batch_bench.py (--count, --n, --no-wasm)
#
# Results: bench/results/batch.json and batch.md (gitignored). Note: the
# release wheel replaces the dev wheel in python/.venv (scripts/test.sh
# reinstalls its own).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

step "setup (no browser)"
scripts/setup.sh --no-browser
PYVENV="$ROOT/python/.venv"

step "release builds: CLI and the native pipeline example"
cargo build --release -p future-community-cli
cargo build --release --example e2e_time

step "release wheel (maturin build --release) into python/.venv"
rm -rf "$ROOT/target/wheels-release"
(cd python && "$PYVENV/bin/maturin" build --release -o "$ROOT/target/wheels-release" -i "$PYVENV/bin/python")
"$PYVENV/bin/pip" install --quiet --force-reinstall --no-deps "$ROOT"/target/wheels-release/future_community-*-abi3-*.whl

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    scripts/build-pkg.sh
else
    note "BENCH_SKIP_BUILD=1: using the pkg/ already built"
fi

step "bench/batch_bench.py (one run; log in bench/results/batch.log)"
mkdir -p bench/results
# The script's folder (bench/) is first on sys.path: the installed wheel is imported.
"$PYVENV/bin/python" bench/batch_bench.py "$@" 2>&1 | tee bench/results/batch.log
