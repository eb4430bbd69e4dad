#!/usr/bin/env bash
# THE demo command: builds the web package and the static site, then serves
# it on http://127.0.0.1:8080 (override with PORT=...). Ctrl-C stops it.
#
#   ./scripts/demo.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

port="${PORT:-8080}"
step "setup (no browser needed for the demo)"
scripts/setup.sh --no-browser
scripts/build-pkg.sh web
step "assemble www/dist/"
scripts/build-www.sh
step "serve www/dist/ on http://127.0.0.1:$port/"
exec node scripts/serve.mjs www/dist "$port"
