# Shared by the scripts in this folder: `source "$(dirname "$0")/lib.sh"`.
# Sets ROOT (the repository root), puts the project's tools first on PATH and
# defines small helpers. Has no side effects beyond that.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# wasm-opt must come from npm `binaryen` (installed in pkg-tests/), never from
# Debian's `binaryen` package (version 108 writes modules that fail to load).
# wasm-pack takes wasm-opt and wasm-bindgen from PATH.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$ROOT/pkg-tests/node_modules/.bin:$CARGO_BIN:$PATH"

# Node's own test runner must not try to download browsers, ever.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Step timings count from the outermost script (inherited by the scripts it runs).
FC_START="${FC_START:-$(date +%s)}"
export FC_START

step() {
    printf '\n==> [%4ss] %s\n' "$(($(date +%s) - FC_START))" "$*"
}

note() {
    printf '    %s\n' "$*"
}

die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}

# The exact `wasm-bindgen` crate version locked in Cargo.lock.
locked_wasm_bindgen_version() {
    awk '
        $0 == "name = \"wasm-bindgen\"" { found = 1; next }
        found && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' "$ROOT/Cargo.lock"
}
