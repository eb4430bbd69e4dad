#!/usr/bin/env bash
# THE benchmark command (not part of scripts/test.sh): builds the release Node
# package and runs, per workload, ONE Node process (bench/e2e.mjs) that
# measures our package side by side with V8's JSON.parse, Turf.js and Pandana
# on the same data and question. Results: bench/results/ (gitignored);
# BENCHMARKS.md explains every number.
#
#   scripts/bench.sh                      all workloads: helsinki city100 city300
#   scripts/bench.sh helsinki city100     only these
#
# Environment:
#   BENCH_REPEATS=R        repeats of our phases (default: helsinki 10, city100 5, city300 3)
#   BENCH_PANDANA=0        skip Pandana (default: on when python3 and the venv work)
#   PANDANA_REPEATS=R      Pandana repeats (default: 3, city300 1: ~2 min each)
#   FC_BENCH_DATA=DIR      where the synthetic districts are kept (default
#                          bench/data/, gitignored); generated when missing
#                          with bench/gen_city.py N 1 (N=300: ~40 s, 82 MB)
#   BENCH_SKIP_BUILD=1     reuse the pkg/ already built
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

workloads=("$@")
[ "${#workloads[@]}" -gt 0 ] || workloads=(helsinki city100 city300)
data_dir="${FC_BENCH_DATA:-$ROOT/bench/data}"
results="$ROOT/bench/results"
mkdir -p "$results"

step "setup (no browser)"
scripts/setup.sh --no-browser

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    scripts/build-pkg.sh
else
    note "BENCH_SKIP_BUILD=1: using the pkg/ already built"
fi
[ -f pkg/future_community_bg.wasm ] || die "pkg/ is not built"

# --- Turf.js: exact versions from bench/package-lock.json ---------------------
stamp="bench/node_modules/.bench-stamp"
lock_sum="$(sha256sum bench/package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_sum" ]; then
    step "npm ci in bench/ (Turf.js)"
    (cd bench && npm ci --no-audit --no-fund)
    echo "$lock_sum" >"$stamp"
fi

# --- Pandana: PyPI wheels into bench/.venv (gitignored) ----------------------
python=""
pandana_note=""
if [ "${BENCH_PANDANA:-1}" = 0 ]; then
    pandana_note="BENCH_PANDANA=0"
elif ! command -v python3 >/dev/null; then
    pandana_note="python3 not found"
else
    venv="$ROOT/bench/.venv"
    req_sum="$(sha256sum bench/requirements-pandana.txt | cut -d' ' -f1)"
    if [ "$(cat "$venv/.bench-stamp" 2>/dev/null || true)" != "$req_sum" ]; then
        step "pip install -r bench/requirements-pandana.txt into bench/.venv"
        if python3 -m venv "$venv" &&
            "$venv/bin/pip" install --quiet --only-binary=:all: -r bench/requirements-pandana.txt; then
            echo "$req_sum" >"$venv/.bench-stamp"
        else
            pandana_note="pandana could not be installed from PyPI (no wheel for this Python/platform, and a source build needs a C++ toolchain): skipped"
        fi
    fi
    if [ -z "$pandana_note" ]; then
        if "$venv/bin/python" -c 'import pandana' 2>/dev/null; then
            python="$venv/bin/python"
        else
            pandana_note="pandana does not import in bench/.venv: skipped"
        fi
    fi
fi
[ -z "$pandana_note" ] || note "Pandana: SKIPPED: $pandana_note"

# --- data --------------------------------------------------------------------
city() { # N -> path, generated when missing
    local n="$1" f="$data_dir/city$1.geojson"
    if [ ! -s "$f" ]; then
        command -v python3 >/dev/null || die "python3 is needed to generate $f"
        step "generate $f (bench/gen_city.py $n 1)" >&2
        mkdir -p "$data_dir"
        python3 bench/gen_city.py "$n" 1 >"$f.tmp"
        mv "$f.tmp" "$f"
    fi
    echo "$f"
}

# --- run ---------------------------------------------------------------------
for w in "${workloads[@]}"; do
    case "$w" in
        helsinki) file=data/helsinki-centre/normalized.geojson reps=10 preps=3 ;;
        city100) file="$(city 100)" reps=5 preps=3 ;;
        city300) file="$(city 300)" reps=3 preps=1 ;;
        *) die "bench.sh: unknown workload '$w' (known: helsinki, city100, city300)" ;;
    esac
    step "workload $w: one Node process (bench/e2e.mjs), log in bench/results/$w.log"
    pandana_args=(--no-pandana)
    [ -z "$python" ] || pandana_args=(--python "$python" --pandana-repeats "${PANDANA_REPEATS:-$preps}")
    node --max-old-space-size=8192 bench/e2e.mjs "$file" --name "$w" \
        --repeats "${BENCH_REPEATS:-$reps}" "${pandana_args[@]}" \
        --out "$results/$w.json" 2>&1 | tee "$results/$w.log"
done

step "report (bench/results/report.md)"
node bench/report.mjs "$results" ${pandana_note:+--pandana-note "$pandana_note"} | tee "$results/report.md"
