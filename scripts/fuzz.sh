#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time; any crash,
# timeout or out-of-memory fails the run (libFuzzer exits non-zero and the
# input that did it is written to fuzz/artifacts/<target>/).
#
#   scripts/fuzz.sh [seconds-per-target]     (default 60)
#   FUZZ_TARGETS="read_geojson evaluate" scripts/fuzz.sh 30
#
# Seeds come from fuzz/corpus/<target>/ (committed) and are only read: what
# a run discovers goes to a scratch directory, so the repository stays clean.
# cargo-fuzz builds with -Zsanitizer=address, a nightly flag; stable Rust
# accepts it with RUSTC_BOOTSTRAP=1 (the default here, since CI machines
# only have stable). FUZZ_TOOLCHAIN=nightly uses a nightly toolchain instead.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

seconds="${1:-60}"
[[ "$seconds" =~ ^[0-9]+$ ]] || die "usage: scripts/fuzz.sh [seconds-per-target]"

if ! cargo fuzz --version >/dev/null 2>&1; then
    step "installing cargo-fuzz"
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

toolchain=()
if [ -n "${FUZZ_TOOLCHAIN:-}" ]; then
    toolchain=("+$FUZZ_TOOLCHAIN")
else
    export RUSTC_BOOTSTRAP=1
fi

targets="${FUZZ_TARGETS:-$(cargo "${toolchain[@]}" fuzz list --fuzz-dir fuzz)}"
[ -n "$targets" ] || die "no fuzz targets found in fuzz/"

step "building fuzz targets (release, AddressSanitizer)"
cargo "${toolchain[@]}" fuzz build --fuzz-dir fuzz

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for t in $targets; do
    step "fuzzing $t for ${seconds}s"
    mkdir -p "$scratch/$t" "fuzz/corpus/$t"
    # -timeout: one input may take at most 10 s; -rss_limit_mb: 2 GB, the
    # order of what a browser tab gives a wasm module; -max_len: 64 KiB
    # inputs (seeds may be longer and are still read whole).
    log="$scratch/$t.log"
    if ! cargo "${toolchain[@]}" fuzz run --fuzz-dir fuzz "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        die "fuzz target $t failed: the input is in fuzz/artifacts/$t/"
    fi
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | sed 's/^/    /' || true
done
step "fuzzing passed: $(echo $targets | wc -w) targets, ${seconds}s each"
