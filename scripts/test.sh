#!/usr/bin/env bash
# THE test command: installs what is missing, then runs every check CI runs,
# in order, stopping at the first failure.
#
#   ./scripts/test.sh
#
# Steps: a check that nothing reads outside the repository; setup; cargo fmt
# --check; clippy -D warnings; cargo test; the CLI and Python crates (clippy,
# tests, wheel + pytest); cargo check for wasm32; cargo doc
# with -D warnings; the npm package pkg/ (built and packed); wasm-bindgen tests
# in headless Chromium; pkg-tests/ (Node test runner against the package's
# entries, tsc on a TypeScript consumer, the packed tarball in scratch
# projects, playwright-core on www/dist/); fuzzing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

current="setup"
trap 'rc=$?; [ $rc = 0 ] || printf "\ntest.sh: FAILED at step: %s (after %ss)\n" "$current" "$SECONDS" >&2' EXIT

run_step() {
    current="$1"
    step "$1"
}

run_step "self-contained: nothing under src/ tests/ pkg-tests/ scripts/ reads outside the repo"
# The repository must pass on a clone with nothing beside it. (The pattern is
# split so that this file does not match itself.)
outside="$(git ls-files -z src tests pkg-tests scripts | xargs -0 grep -lE '\.\./'"shared" -- 2>/dev/null || true)"
[ -z "$outside" ] || die "these tracked files read outside the repository (copy the data into data/ instead):
$outside"

run_step "setup"
scripts/setup.sh

run_step "cargo fmt --all -- --check"
cargo fmt --all -- --check || die "code is not formatted: run 'cargo fmt --all'"

run_step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

run_step "cargo test"
cargo test

run_step "CLI and Python crates: clippy and tests (cargo -p future-community-cli, -p future-community-python)"
cargo clippy -p future-community-cli -p future-community-python --all-targets -- -D warnings
cargo test -p future-community-cli

run_step "Python package: build the abi3 wheel (maturin) and run pytest (python/tests, Dask LocalCluster)"
PYVENV="$ROOT/python/.venv"
(cd "$ROOT/python" && "$PYVENV/bin/maturin" build --profile dev -o "$ROOT/target/wheels" -i "$PYVENV/bin/python")
"$PYVENV/bin/pip" install --quiet --force-reinstall --no-deps "$ROOT"/target/wheels/future_community-*-abi3-*.whl
# From the root, so that the installed wheel is imported, not python/future_community/.
"$PYVENV/bin/python" -m pytest -q -p no:cacheprovider python/tests

run_step "cargo check --target wasm32-unknown-unknown"
cargo check --target wasm32-unknown-unknown

run_step "cargo doc --no-deps (RUSTDOCFLAGS=-D warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps

run_step "build the npm package pkg/ and pack it (scripts/build-pkg.sh --pack)"
scripts/build-pkg.sh --pack

run_step "wasm-bindgen tests in headless Chromium (wasm-pack test --headless --chrome)"
if grep -rqE '#\[wasm_bindgen_test' --include='*.rs' src tests 2>/dev/null; then
    log="$(mktemp)"
    # WASM_BINDGEN_USE_BROWSER: run every test binary in Chromium, also those
    # without `wasm_bindgen_test_configure!(run_in_browser)` (otherwise the
    # runner skips them as "node-only" and nothing runs).
    WASM_BINDGEN_USE_BROWSER=1 wasm-pack --log-level warn test --headless --chrome \
        --chromedriver /usr/bin/chromedriver 2>&1 | tee "$log"
    ran="$(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')"
    rm -f "$log"
    [ "$ran" -gt 0 ] || die "the source has #[wasm_bindgen_test] functions but none ran in Chromium"
    note "$ran wasm-bindgen tests passed in Chromium"
else
    note "skipped: no #[wasm_bindgen_test] in src/ or tests/ yet"
fi

run_step "assemble www/dist/"
scripts/build-www.sh

cd "$ROOT/pkg-tests"
run_step "pkg-tests: bundled dataset and reference values (node --test)"
node --test --test-reporter=spec test/data.test.mjs

for pkg in node web; do
    run_step "pkg-tests: JS API through the $pkg entry of pkg/ (node --test)"
    FC_PKG="$pkg" node --test --test-reporter=spec test/api.test.mjs test/access.test.mjs
done

run_step "pkg-tests: the entries, errors before init() and after free() (node --test)"
node --test --test-reporter=spec test/entries.test.mjs

run_step "pkg-tests: hostile calls against every public method, through the real module (node --test)"
node --test --test-reporter=spec test/hostile.test.mjs

run_step "pkg-tests: module memory within the stated multiple of the input (node --test)"
node --test --test-reporter=spec test/memory.test.mjs

run_step "pkg-tests: generated .d.ts is current with the Rust types (scripts/gen-types.mjs --check)"
node ../scripts/gen-types.mjs --check

run_step "pkg-tests: tsc --noEmit on a TypeScript consumer of the .d.ts files"
tsc --noEmit -p types/tsconfig.json

run_step "pkg-tests: tsc on the demo page's modules (www/app/, // @ts-check) against the .d.ts files"
tsc -p ../www/tsconfig.json

run_step "pkg-tests: www/dist/ in headless Chromium (playwright-core)"
node --test --test-reporter=spec test/www.test.mjs

run_step "pkg-tests: several files at once on the page (fromSources), the data help panel (playwright-core)"
node --test --test-reporter=spec test/sources.test.mjs

run_step "pkg-tests: the compare view: ranking, sorting, radar overlay, CSV, many boundaries (playwright-core)"
node --test --test-reporter=spec test/compare.test.mjs

run_step "pkg-tests: the embeddable widget, same origin and cross-origin (playwright-core)"
node --test --test-reporter=spec test/widget.test.mjs

run_step "pkg-tests: honest verdicts on the page and the widget: insufficient, provisional, required/optional, radar gaps (playwright-core)"
node --test --test-reporter=spec test/verdicts.test.mjs

run_step "pkg-tests: messages, credit and the report: truncated file in Chinese, A4 print, CSV, phone cards, axe-core on the page and the widget (playwright-core)"
node --test --test-reporter=spec test/report.test.mjs

run_step "pkg-tests: the packed tarball in scratch projects (publint, Node, TypeScript, Vite, webpack, esbuild, worker)"
node --test --test-reporter=spec test/scratch.test.mjs

cd "$ROOT"
run_step "fuzzing: every cargo-fuzz target for ${FUZZ_SECONDS:-60} s (scripts/fuzz.sh)"
scripts/fuzz.sh "${FUZZ_SECONDS:-60}"

current=""
step "all checks passed"
