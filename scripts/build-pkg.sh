#!/usr/bin/env bash
# Builds the npm packages with wasm-pack (release, wasm-opt from npm binaryen):
#
#   scripts/build-pkg.sh           both targets
#   scripts/build-pkg.sh web       only pkg-web/  (ES module, for browsers)
#   scripts/build-pkg.sh node      only pkg-node/ (CommonJS, for Node)
#
# and prints the size of each final .wasm, raw and gzipped, FAILING when one
# exceeds the budget in size-budget.json (scripts/check-size.sh). Expects the
# tools from scripts/setup.sh.
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

step "wasm size against size-budget.json (after wasm-bindgen and wasm-opt)"
wasms=()
for t in "${targets[@]}"; do
    wasms+=("pkg-$t/future_community_bg.wasm")
done
# Prints raw and gzip -9 sizes next to the budget; fails when one is over.
scripts/check-size.sh "${wasms[@]}"
