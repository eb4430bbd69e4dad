#!/usr/bin/env python3
"""Replace the boundary of a district by a grid of many small boundary polygons.

For evaluateAll on many sites (issues 13 and 14): a gen_city.py district whose one
boundary becomes ROWS x COLS equal rectangles over the box of its building vertices,
ids site-R-C. Output goes to stdout (bench/data/ is gitignored).
Usage: gen_sites.py CITY.geojson ROWS COLS > sites.geojson
"""
import json, sys

if len(sys.argv) != 4:
    sys.exit("usage: gen_sites.py CITY.geojson ROWS COLS")
path, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, encoding="utf-8") as f:
    city = json.load(f)

x0 = y0 = float("inf")
x1 = y1 = float("-inf")
for feat in city["features"]:
    if feat["properties"].get("kind") != "building":
        continue
    for x, y in feat["geometry"]["coordinates"][0]:
        x0, x1 = min(x0, x), max(x1, x)
        y0, y1 = min(y0, y), max(y1, y)
dx, dy = (x1 - x0) / cols, (y1 - y0) / rows

sites = []
for r in range(rows):
    for c in range(cols):
        a, b = x0 + c * dx, y0 + r * dy
        ring = [[a, b], [a + dx, b], [a + dx, b + dy], [a, b + dy], [a, b]]
        sites.append({"type": "Feature",
                      "properties": {"kind": "boundary", "id": f"site-{r}-{c}"},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
rest = [f for f in city["features"] if f["properties"].get("kind") != "boundary"]
json.dump({"type": "FeatureCollection", "features": sites + rest}, sys.stdout,
          separators=(",", ":"))
