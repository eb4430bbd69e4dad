#!/usr/bin/env bash
# Fails when a built .wasm exceeds the size budget recorded in size-budget.json
# (raw bytes and gzip -9 bytes, both after wasm-bindgen and wasm-opt). Called by
# scripts/build-pkg.sh for every package it builds, so scripts/test.sh and CI
# fail on a size regression.
#
#   scripts/check-size.sh [pkg/future_community_bg.wasm ...]
#                             default: pkg/future_community_bg.wasm
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

budget="$ROOT/size-budget.json"
[ -f "$budget" ] || die "size-budget.json is missing"
read -r max_raw max_gz target_gz < <(node -e '
    const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(b.maxRawBytes, b.maxGzipBytes, b.targetGzipBytes);' "$budget")

files=("$@")
[ "${#files[@]}" -gt 0 ] || files=(pkg/future_community_bg.wasm)
fail=0
for wasm in "${files[@]}"; do
    [ -f "$wasm" ] || die "$wasm was not built"
    raw=$(wc -c <"$wasm")
    gz=$(gzip -9 -n -c <"$wasm" | wc -c)
    status=ok
    if [ "$raw" -gt "$max_raw" ] || [ "$gz" -gt "$max_gz" ]; then
        status=OVER
        fail=1
    fi
    printf '    %-36s raw %9d / budget %9d   gzip -9 %8d / budget %8d (target %d)   %s\n' \
        "$wasm" "$raw" "$max_raw" "$gz" "$max_gz" "$target_gz" "$status"
done
[ "$fail" = 0 ] || die "the .wasm exceeds the size budget in size-budget.json (see BENCHMARKS.md, 'Size'): shrink it, or raise the budget in a reviewed commit that says why"
