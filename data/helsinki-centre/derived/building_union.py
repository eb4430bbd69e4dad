"""Independent value for building density with overlaps counted once.

The oracle (../ORACLE.md) sums building footprints; some OSM footprints in
this extract overlap, so the library's building density (union of the
footprints / site area) needs its own reference. This script computes it
with shapely (union_all) and pyproj (geodesic ring areas), the same tools
and area formula as the oracle's reproduce.py, and writes
building_union.json next to it:

    python3 -m venv venv && venv/bin/pip install shapely pyproj
    venv/bin/python derived/building_union.py
"""
import json
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry import shape

HERE = Path(__file__).resolve().parent
GEOD = Geod(ellps="WGS84")


def polygon_area(poly):
    a = abs(GEOD.polygon_area_perimeter(*poly.exterior.coords.xy)[0])
    for ring in poly.interiors:
        a -= abs(GEOD.polygon_area_perimeter(*ring.coords.xy)[0])
    return a


def area(geom):
    if geom.is_empty:
        return 0.0
    if geom.geom_type == "Polygon":
        return polygon_area(geom)
    return sum(area(g) for g in geom.geoms)


def main():
    feats = json.loads((HERE.parent / "normalized.geojson").read_text())["features"]
    boundary = next(f for f in feats if f["properties"]["kind"] == "boundary")
    shapes = [shape(f["geometry"]) for f in feats if f["properties"]["kind"] == "building"]
    union = shapely.union_all(shapes)
    site = area(shape(boundary["geometry"]))
    summed = sum(area(s) for s in shapes)
    out = {
        "note": "building footprints of normalized.geojson: union (overlaps once) and sum, geodesic m2 (pyproj WGS84)",
        "building_count": len(shapes),
        "boundary_area_m2": site,
        "footprint_sum_m2": summed,
        "footprint_union_m2": area(union),
        "building_density_union": area(union) / site,
    }
    (HERE / "building_union.json").write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
