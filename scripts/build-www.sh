#!/usr/bin/env bash
# Assembles the static demo site into www/dist/ from
#   www/*.html|js|css|svg           the page itself
#   pkg-web/                        the wasm package (build it first: scripts/build-pkg.sh web)
#   data/helsinki-centre/           the bundled dataset and its attribution
# www/dist/ is generated (gitignored) and can be served by any static server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

[ -f pkg-web/future_community.js ] && [ -f pkg-web/future_community_bg.wasm ] ||
    die "pkg-web/ is not built: run scripts/build-pkg.sh web"

dist=www/dist
rm -rf "$dist"
mkdir -p "$dist/pkg" "$dist/data"
shopt -s nullglob
cp www/*.html www/*.js www/*.css www/*.svg "$dist/"
cp pkg-web/future_community.js pkg-web/future_community_bg.wasm "$dist/pkg/"
cp data/helsinki-centre/normalized.geojson "$dist/data/helsinki-centre.geojson"
cp data/helsinki-centre/README.md "$dist/data/helsinki-centre.README.md"
note "www/dist/: $(find "$dist" -type f | wc -l) files, $(du -sh "$dist" | cut -f1)"
