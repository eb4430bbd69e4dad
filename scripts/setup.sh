#!/usr/bin/env bash
# Installs every tool the build, the tests and the demo need, when it is
# missing; takes a second or two when everything is present.
#
#   scripts/setup.sh               everything (used by scripts/test.sh)
#   scripts/setup.sh --no-browser  skip Chromium, chromedriver, CJK font (scripts/demo.sh)
#
# Only package registries are used (crates.io, npm, Debian apt): tools that
# download prebuilt binaries from elsewhere do not work on our machines.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

want_browser=1
for arg in "$@"; do
    case "$arg" in
        --no-browser) want_browser=0 ;;
        *) die "setup.sh: unknown argument '$arg' (known: --no-browser)" ;;
    esac
done

# --- base toolchain: must already be on the machine --------------------------
command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
command -v rustup >/dev/null || die "rustup not found: the wasm target is installed through rustup"
command -v node >/dev/null || die "node not found: Node 20 or newer is required"
command -v npm >/dev/null || die "npm not found: it comes with Node"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node $(node --version) is too old: 20 or newer is required"

# --- Rust target and components ----------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi
if ! cargo clippy --version >/dev/null 2>&1 || ! cargo fmt --version >/dev/null 2>&1; then
    step "rustup component add clippy rustfmt"
    rustup component add clippy rustfmt
fi

# --- wasm-bindgen CLI: exactly the version in Cargo.lock ----------------------
# (No --locked: for 0.2.130 a locked transitive version is missing from the
# registry. wasm-pack uses the wasm-bindgen on PATH when the versions match.)
wb_want="$(locked_wasm_bindgen_version)"
[ -n "$wb_want" ] || die "no wasm-bindgen package in Cargo.lock"
wb_have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$wb_have" != "$wb_want" ]; then
    step "cargo install wasm-bindgen-cli --version =$wb_want (found: ${wb_have:-none}; takes about 4 min)"
    cargo install wasm-bindgen-cli --version "=$wb_want"
fi

# --- wasm-pack from crates.io (the npm wrapper downloads a binary) ------------
if ! command -v wasm-pack >/dev/null; then
    step "cargo install wasm-pack --locked (takes about 5 min)"
    cargo install wasm-pack --locked
fi

# --- npm packages: exact versions from the committed package-lock.json --------
for dir in pkg-tests www; do
    [ -f "$ROOT/$dir/package.json" ] || continue
    [ -f "$ROOT/$dir/package-lock.json" ] || die "$dir/package-lock.json is missing: run 'npm install' in $dir and commit the lock file"
    stamp="$ROOT/$dir/node_modules/.setup-stamp"
    lock_sum="$(sha256sum "$ROOT/$dir/package-lock.json" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_sum" ]; then
        step "npm ci in $dir/"
        (cd "$ROOT/$dir" && npm ci --no-audit --no-fund)
        echo "$lock_sum" >"$stamp"
    fi
done

# wasm-opt must resolve to npm binaryen, not to Debian's binaryen.
wasm_opt="$(command -v wasm-opt || true)"
[ "$wasm_opt" = "$ROOT/pkg-tests/node_modules/.bin/wasm-opt" ] ||
    die "wasm-opt resolves to '${wasm_opt:-nothing}', expected pkg-tests/node_modules/.bin/wasm-opt (npm binaryen)"

# --- Python venv for the Python package and the Dask batch tests ------------
# python/.venv (gitignored), exact versions from python/requirements-test.txt
# (PyPI only); skipped when the requirements have not changed.
if command -v python3 >/dev/null; then
    venv="$ROOT/python/.venv"
    req_sum="$(sha256sum "$ROOT/python/requirements-test.txt" | cut -d' ' -f1)"
    if [ "$(cat "$venv/.setup-stamp" 2>/dev/null || true)" != "$req_sum" ]; then
        step "python venv: pip install -r python/requirements-test.txt"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet -r "$ROOT/python/requirements-test.txt"
        echo "$req_sum" >"$venv/.setup-stamp"
    fi
fi

# --- Chromium, chromedriver and a CJK font from Debian (tests only) ----------
# The font (5 MB) makes the Chinese UI readable in the test screenshots.
has_cjk_font() { command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; }
if [ "$want_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! has_cjk_font; }; then
    step "apt-get install chromium chromium-driver fonts-wqy-microhei"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-wqy-microhei
fi

printf 'setup: ok (wasm-bindgen %s, %s, wasm-opt %s)\n' \
    "$wb_want" "$(wasm-pack --version)" "$(wasm-opt --version | awk '{print $3}')"
