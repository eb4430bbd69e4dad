#!/usr/bin/env python3
# Copy of shared/bench/gen_city.py (the project's synthetic-district generator),
# kept here so that scripts/bench.sh can regenerate its data from a clone alone.
"""Deterministic synthetic city in the project's normalized GeoJSON schema.

A jittered street grid (some links removed, some diagonal paths), buildings in the
blocks, facilities of ten categories near streets, green patches, one boundary.
Usage: gen_city.py N_SIDE SEED > city.geojson   (N_SIDE intersections per side)
"""
import json, math, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
rng = random.Random(seed)
LON0, LAT0 = 120.10, 30.25            # Hangzhou
SPACING_M = 90.0
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(LAT0))

def ll(x_m, y_m):
    return [round(LON0 + x_m / M_PER_DEG_LON, 7), round(LAT0 + y_m / M_PER_DEG_LAT, 7)]

pts = {}
for i in range(n):
    for j in range(n):
        pts[i, j] = (i * SPACING_M + rng.uniform(-12, 12), j * SPACING_M + rng.uniform(-12, 12))

feats = []
def road(a, b, hw="residential"):
    feats.append({"type": "Feature", "properties": {"kind": "road", "highway": hw},
                  "geometry": {"type": "LineString", "coordinates": [ll(*a), ll(*b)]}})

for i in range(n):
    for j in range(n):
        for di, dj in ((1, 0), (0, 1)):
            if (i + di, j + dj) in pts and rng.random() > 0.08:
                road(pts[i, j], pts[i + di, j + dj])
        if (i + 1, j + 1) in pts and rng.random() < 0.05:
            road(pts[i, j], pts[i + 1, j + 1], "footway")

cats = ["kindergarten", "primary_school", "middle_school", "clinic", "elderly_care",
        "supermarket", "market", "bus_stop", "park", "community_center"]
density = {"bus_stop": 0.04, "supermarket": 0.02, "kindergarten": 0.015, "clinic": 0.01,
           "primary_school": 0.008, "middle_school": 0.004, "elderly_care": 0.01,
           "market": 0.008, "park": 0.01, "community_center": 0.006}
fid = 0
for i in range(n - 1):
    for j in range(n - 1):
        x0, y0 = pts[i, j]
        # two buildings per block
        for k in range(2):
            bx = x0 + 20 + k * 35 + rng.uniform(-4, 4)
            by = y0 + 22 + rng.uniform(-4, 4)
            w, h = rng.uniform(14, 28), rng.uniform(10, 40)
            ring = [ll(bx, by), ll(bx + w, by), ll(bx + w, by + h), ll(bx, by + h), ll(bx, by)]
            floors = rng.choice([3, 6, 6, 11, 18, 26])
            use = "residential" if rng.random() < 0.85 else rng.choice(["commercial", "public", "mixed"])
            props = {"kind": "building", "id": f"b{fid}", "floors": floors, "use": use}
            if use in ("residential", "mixed"):
                props["households"] = max(1, round(w * h * floors * 0.8 / 90))
            feats.append({"type": "Feature", "properties": props,
                          "geometry": {"type": "Polygon", "coordinates": [ring]}})
            fid += 1
        for c in cats:
            if rng.random() < density[c]:
                p = {"kind": "facility", "category": c, "id": f"f{fid}"}
                if c in ("clinic", "kindergarten", "elderly_care"):
                    p["capacity"] = rng.choice([20, 40, 60, 120])
                if c == "community_center":
                    p["floor_area_m2"] = rng.choice([200, 400, 800])
                feats.append({"type": "Feature", "properties": p, "geometry": {
                    "type": "Point", "coordinates": ll(x0 + rng.uniform(5, 80), y0 + rng.uniform(2, 8))}})
                fid += 1
        if rng.random() < 0.03:
            gx, gy = x0 + 10, y0 + 65
            ring = [ll(gx, gy), ll(gx + 60, gy), ll(gx + 60, gy + 15), ll(gx, gy + 15), ll(gx, gy)]
            feats.append({"type": "Feature", "properties": {"kind": "green", "green_type": "ground"},
                          "geometry": {"type": "Polygon", "coordinates": [ring]}})
span = (n - 1) * SPACING_M
ring = [ll(-20, -20), ll(span + 20, -20), ll(span + 20, span + 20), ll(-20, span + 20), ll(-20, -20)]
feats.append({"type": "Feature", "properties": {"kind": "boundary", "name": f"synthetic-{n}"},
              "geometry": {"type": "Polygon", "coordinates": [ring]}})
json.dump({"type": "FeatureCollection", "features": feats}, sys.stdout, separators=(",", ":"))
