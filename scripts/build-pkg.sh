#!/usr/bin/env bash
# Builds the npm packages with wasm-pack (release, wasm-opt from npm binaryen):
#
#   scripts/build-pkg.sh           both targets
#   scripts/build-pkg.sh web       only pkg-web/  (ES module, for browsers)
#   scripts/build-pkg.sh node      only pkg-node/ (CommonJS, for Node)
#
# and prints the size of each final .wasm, raw and gzipped. Expects the tools
# from scripts/setup.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(node web)

for t in "${targets[@]}"; do
    case "$t" in
        node) target=nodejs ;;
        web) target=web ;;
        *) die "build-pkg.sh: unknown target '$t' (known: node, web)" ;;
    esac
    step "wasm-pack build --release --target $target --out-dir pkg-$t"
    # Both targets share one cargo build; only wasm-bindgen and wasm-opt rerun.
    wasm-pack --log-level warn build --release --target "$target" \
        --out-dir "pkg-$t" --out-name future_community
done

step "wasm size (after wasm-bindgen and wasm-opt)"
for t in "${targets[@]}"; do
    wasm="pkg-$t/future_community_bg.wasm"
    [ -f "$wasm" ] || die "$wasm was not written"
    raw=$(wc -c <"$wasm")
    gz=$(gzip -9 -c "$wasm" | wc -c)
    printf '    %-36s %9d bytes raw  %9d bytes gzip -9\n' "$wasm" "$raw" "$gz"
done
