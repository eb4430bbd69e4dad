#!/usr/bin/env bash
# Assembles the static demo site into www/dist/ from
#   www/*.html|js|css|svg           the page itself
#   www/app/                        the page's modules (index.html loads app/main.js)
#   www/widget/                     the embeddable <future-community-score> widget
#   www/node_modules/ (npm ci)      MapLibre GL and ECharts, copied to vendor/ (no CDN)
#   pkg/                            the npm package, browser files only (build it first: scripts/build-pkg.sh)
#   data/helsinki-centre/           the bundled dataset and its attribution
# www/dist/ is generated (gitignored) and can be served by any static server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

[ -f pkg/index.js ] && [ -f pkg/future_community_bg.wasm ] ||
    die "pkg/ is not built: run scripts/build-pkg.sh"
maplibre=www/node_modules/maplibre-gl
echarts=www/node_modules/echarts
[ -f "$maplibre/dist/maplibre-gl.mjs" ] && [ -f "$echarts/dist/echarts.esm.min.mjs" ] ||
    die "www/node_modules/ is missing MapLibre GL or ECharts: run scripts/setup.sh (npm ci in www/)"

dist=www/dist
rm -rf "$dist"
mkdir -p "$dist/app" "$dist/pkg/worker" "$dist/data" "$dist/widget" "$dist/vendor/maplibre-gl" "$dist/vendor/echarts"
shopt -s nullglob
cp www/*.html www/*.js www/*.css www/*.svg "$dist/"
cp www/app/*.js "$dist/app/"
cp www/widget/*.js "$dist/widget/"
# The package's browser entry, its worker client and the shared .wasm: the
# same files a front-end team gets from npm (no Node entries, no types).
cp pkg/index.js pkg/runtime.js pkg/messages.js pkg/future_community.js pkg/future_community_bg.wasm pkg/LICENSE-* "$dist/pkg/"
cp pkg/worker/*.js "$dist/pkg/worker/"
cp data/helsinki-centre/normalized.geojson "$dist/data/helsinki-centre.geojson"
cp data/helsinki-centre/README.md "$dist/data/helsinki-centre.README.md"

# Vendored libraries with their licences. MapLibre loads its worker
# (maplibre-gl-worker.mjs) from next to maplibre-gl.mjs.
cp "$maplibre"/dist/{maplibre-gl.mjs,maplibre-gl-shared.mjs,maplibre-gl-worker.mjs,maplibre-gl.css} \
    "$maplibre/LICENSE.txt" "$dist/vendor/maplibre-gl/"
cp "$echarts/dist/echarts.esm.min.mjs" "$echarts/LICENSE" "$echarts/NOTICE" "$dist/vendor/echarts/"
# Source-map comments would make the browser ask for .map files we do not ship.
sed -i -E 's@^//# sourceMappingURL=.*$@@' "$dist"/vendor/*/*.mjs

note "www/dist/: $(find "$dist" -type f | wc -l) files, $(du -sh "$dist" | cut -f1)"
