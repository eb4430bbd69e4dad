#!/usr/bin/env bash
# Builds THE npm package `future-community` into pkg/ (release, wasm-opt from
# npm binaryen), for every runtime at once:
#
#   scripts/build-pkg.sh            build pkg/
#   scripts/build-pkg.sh --pack     also `npm pack` it into target/npm/ (prints the .tgz path)
#
# Layout of pkg/ (one .wasm shared by every entry; see js/README.md):
#   future_community_bg.wasm        the module
#   future_community.js / .d.ts     wasm-bindgen --target web glue (ES module)
#   future_community.cjs / .d.cts   wasm-bindgen --target nodejs glue (CommonJS, loads the .wasm at require)
#   index.js / .d.ts                browser, worker and bundler entry: `await init()` first
#   node.mjs, node.cjs (+ .d.mts, .d.cts)  Node entries, ready at import
#   inline.js / .d.ts               the .wasm embedded (esbuild, Rollup, no asset handling): ready at import
#   runtime.js, runtime.cjs         errors, guards, feature check (shared by the entries)
#   worker/                         the promise-based worker client (`future-community/worker`)
#   package.json, README.md, LICENSE-MIT, LICENSE-APACHE
#
# Prints the size of the .wasm, raw and gzipped, and FAILS when it exceeds
# the budget in size-budget.json (scripts/check-size.sh). Expects the tools
# from scripts/setup.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

pack=0
for arg in "$@"; do
    case "$arg" in
        --pack) pack=1 ;;
        node | web) ;; # accepted for old callers: there is one package now
        *) die "build-pkg.sh: unknown argument '$arg' (known: --pack)" ;;
    esac
done

out="$ROOT/pkg"
work="$ROOT/target/pkg-build"
rm -rf "$work" "$out"
mkdir -p "$work" "$out/worker"

step "wasm-pack build --release --target web (cargo build, wasm-bindgen, wasm-opt)"
wasm-pack --log-level warn build --release --target web --no-pack \
    --out-dir "$work/web" --out-name future_community

step "wasm-bindgen --target nodejs (the CommonJS glue for the same .wasm)"
raw_wasm="$ROOT/target/wasm32-unknown-unknown/release/future_community.wasm"
wasm-bindgen --target nodejs --out-dir "$work/node" --out-name future_community "$raw_wasm"
# The glue does not depend on wasm-opt (it only names exports), so the node
# glue works with the optimised module of the web build. Check that the two
# glues see the same exports before relying on it.
exports_of() { grep -oE 'wasm\.[A-Za-z0-9_]+' "$1" | sort -u; }
[ "$(exports_of "$work/web/future_community.js")" = "$(exports_of "$work/node/future_community.js")" ] ||
    die "the web and nodejs glues call different wasm exports"
grep -q '`${__dirname}/future_community_bg.wasm`' "$work/node/future_community.js" ||
    die "the nodejs glue no longer loads the .wasm from its own folder: check scripts/build-pkg.sh"

# js/runtime.js (hardenClass) accepts as `this` only the objects it adopted
# from the glue's `__wrap`, and frees them through a stand-in receiver; these
# are the shapes of the glue it relies on.
glue_shape() {
    local g="$1" classes
    classes="$(grep -cE '^(export )?class [A-Za-z0-9_]+ \{$' "$g" || true)"
    [ "$(grep -c '^    static __wrap(ptr) {$' "$g" || true)" = "$classes" ] &&
        [ "$(grep -cE 'Object\.create\([A-Za-z0-9_]+\.prototype\)' "$g")" = "$classes" ] &&
        ! grep -qE '^    constructor\(' "$g" ||
        die "$g makes class instances outside __wrap (a constructor?): check hardenClass in js/runtime.js"
    [ "$(grep -c '__destroy_into_raw()' "$g")" = "$((2 * classes))" ] ||
        die "$g takes a receiver by value (__destroy_into_raw outside free): check hardenClass in js/runtime.js"
    [ "$(grep -A1 '^    free() {$' "$g" | grep -c '^        const ptr = this\.__destroy_into_raw();$')" = "$classes" ] &&
        [ "$(grep -A2 '^    free() {$' "$g" | grep -cE '^        wasm\.__wbg_[a-z0-9_]+_free\(ptr, 0\);$')" = "$classes" ] ||
        die "$g: free() is no longer wasm.__wbg_<class>_free(this.__destroy_into_raw(), 0): check hardenClass in js/runtime.js"
    if grep -q '_assertClass(' "$g"; then
        die "$g takes a class instance as an argument: check hardenClass in js/runtime.js"
    fi
}
glue_shape "$work/web/future_community.js"
glue_shape "$work/node/future_community.js"

step "assemble pkg/"
cp "$work/web/future_community_bg.wasm" "$work/web/future_community.js" "$out/"
cp "$work/node/future_community.js" "$out/future_community.cjs"
# Declarations: the generated classes and the custom section, without the
# init types (the entries declare their own init). `[Symbol.dispose]` needs
# the esnext.disposable lib; the reference makes it work whatever `lib` the
# consumer sets (TypeScript 5.2+).
trim_dts() {
    { echo '/// <reference lib="esnext.disposable" />'; awk '/^export type InitInput/ { exit } { print }' "$1"; } >"$2"
}
trim_dts "$work/web/future_community.d.ts" "$out/future_community.d.ts"
trim_dts "$work/node/future_community.d.ts" "$out/future_community.d.cts"
if grep -qE 'InitOutput|__wbg_' "$out/future_community.d.ts"; then
    die "pkg/future_community.d.ts still declares wasm internals: check trim_dts in scripts/build-pkg.sh"
fi

cp js/runtime.js js/runtime.d.ts js/index.js js/index.d.ts js/inline.d.ts js/node.mjs "$out/"
cp js/worker/*.js js/worker/*.d.ts "$out/worker/"
cp js/node.d.ts "$out/node.d.mts"
cp js/node.d.ts "$out/node.d.cts"
cp js/runtime.d.ts "$out/runtime.d.cts"
sed -i 's#\./future_community\.js#./future_community.cjs#' "$out/runtime.d.cts"
sed -i 's#\./runtime\.js#./runtime.cjs#; s#\./future_community\.js#./future_community.cjs#' "$out/node.d.cts"
# CommonJS copy of runtime.js: only the `export` keywords change.
{
    sed -E 's/^export (class|function|const) /\1 /' js/runtime.js
    echo
    echo 'module.exports = { FutureCommunityError, isFutureCommunityError, supported, toCodedError, glueState, harden, initError };'
} >"$out/runtime.cjs"
grep -q '^export ' "$out/runtime.cjs" && die "runtime.cjs still has an export statement"
cp js/node.cjs "$out/node.cjs"
# messages.js (explain, messages) with the catalogue of messages/messages.json
# written in, and its CommonJS copy.
node -e '
const fs = require("fs");
const [src, json, esm, cjs] = process.argv.slice(1);
const catalogue = JSON.stringify(JSON.parse(fs.readFileSync(json, "utf8")));
const marker = /^const CATALOGUE = null; \/\/ @catalogue.*$/m;
const text = fs.readFileSync(src, "utf8");
if (!marker.test(text)) throw new Error(src + " has no @catalogue line");
const filled = text.replace(marker, () => "const CATALOGUE = " + catalogue + ";");
fs.writeFileSync(esm, filled);
const common = filled
  .replace(/^import \{ FutureCommunityError \} from .\.\/runtime\.js.;$/m, "const { FutureCommunityError } = require(\"./runtime.cjs\");")
  .replace(/^export function /gm, "function ");
if (/^(import|export) /m.test(common)) throw new Error("messages.cjs still has an import or export");
fs.writeFileSync(cjs, "\"use strict\";\n" + common + "\nmodule.exports = { explain, messages };\n");
' js/messages.js messages/messages.json "$out/messages.js" "$out/messages.cjs"
cp js/messages.d.ts "$out/messages.d.ts"
sed 's#\./future_community\.js#./future_community.cjs#' js/messages.d.ts >"$out/messages.d.cts"
sed -i 's#\./messages\.js#./messages.cjs#' "$out/node.d.cts"

# inline.js: the web entry with the module's bytes embedded as base64.
{
    sed -n '1,/^\/\/ -- end of header --$/p' js/inline.js
    printf "const WASM_BASE64 = '%s';\n" "$(base64 -w0 "$out/future_community_bg.wasm")"
    sed -n '/^\/\/ -- end of header --$/,$p' js/inline.js | tail -n +2
} >"$out/inline.js"

version="$(cargo metadata --no-deps --format-version 1 | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      console.log(JSON.parse(s).packages.find((p) => p.name === "future-community").version);
    });')"
sed "s/\"version\": \"0.0.0-placeholder\"/\"version\": \"$version\"/" js/package.json >"$out/package.json"
cp js/README.md "$out/README.md"
cp LICENSE-MIT LICENSE-APACHE "$out/"

# Every file package.json names must exist.
node -e '
    const fs = require("fs"), path = require("path");
    const dir = process.argv[1];
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const targets = [];
    const walk = (v) => typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk);
    walk(pkg.exports);
    const missing = targets.filter((t) => !t.includes("*") && !fs.existsSync(path.join(dir, t)));
    if (missing.length) { console.error("package.json names missing files: " + missing.join(", ")); process.exit(1); }
' "$out"
note "pkg/: future-community@$version, $(find "$out" -type f | wc -l) files"

step "wasm size against size-budget.json (after wasm-bindgen and wasm-opt)"
scripts/check-size.sh "$out/future_community_bg.wasm"

if [ "$pack" = 1 ]; then
    step "npm pack pkg/ into target/npm/"
    mkdir -p "$ROOT/target/npm"
    rm -f "$ROOT"/target/npm/future-community-*.tgz
    (cd "$out" && npm pack --silent --pack-destination "$ROOT/target/npm" >/dev/null)
    ls "$ROOT"/target/npm/future-community-*.tgz
fi
