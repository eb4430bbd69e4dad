"""Builds the zipped-Shapefile fixtures of tests/shapefile.rs with independent tools
(pyproj for the projection, pyshp for the files), from the buildings and the boundary
of data/helsinki-centre/normalized.geojson moved to Hangzhou (about 120.1 E, 30.3 N,
Gauss-Krueger zone 40).

Outputs (committed; re-run only to change them):
  hangzhou_buildings.geojson  WGS84 GeoJSON, kind/floors/households/use (the reference)
  hangzhou_buildings_4528.zip  the same as Shapefile layers in EPSG:4528 (CGCS2000 /
                               3-degree Gauss-Kruger zone 40): buildings.shp/.dbf/.prj
                               with GBK attributes 层数, 户数, 用途, 名称 and no .cpg;
                               boundary.shp/.dbf/.prj/.cpg (UTF-8) with kind, 名称
  ../../corpus/calls/shapefile.json
                               the hostile-call class of zipped Shapefiles (small broken
                               archives as Uint8Array cases; also run natively by
                               tests/shapefile.rs)
  epsg_zones.json              for EPSG 4513-4554: the WKT pyproj writes (ESRI and GDAL
                               flavours), central meridian and false easting, so the Rust
                               side checks its zone table against the PROJ database

Run (outside the repository's own venvs, e.g.):
  python3 -m venv /tmp/shp-venv && /tmp/shp-venv/bin/pip install pyproj pyshp
  /tmp/shp-venv/bin/python tests/data/shapefile/make_fixture.py
Tested with pyproj 3.7.2 (PROJ database) and pyshp 3.1.9.
"""

import io
import json
import os
import zipfile

import shapefile  # pyshp
from pyproj import CRS, Transformer
from pyproj.enums import WktVersion

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SOURCE = os.path.join(REPO, "data", "helsinki-centre", "normalized.geojson")

# Shapes keep their size in metres: each position goes to a local azimuthal
# equidistant plane around the Helsinki centre and back from the same plane
# around the Hangzhou point.
FROM = (24.947, 60.170)
TO = (120.100, 30.300)
USE_ZH = {"residential": "住宅", "commercial": "商业", "public": "公共", "mixed": "混合", "other": "其他"}


def aeqd(lon, lat):
    return CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")


def main():
    src = json.load(open(SOURCE, encoding="utf-8"))
    to_local = Transformer.from_crs("EPSG:4326", aeqd(*FROM), always_xy=True)
    from_local = Transformer.from_crs(aeqd(*TO), "EPSG:4326", always_xy=True)
    to_gk = Transformer.from_crs("EPSG:4326", "EPSG:4528", always_xy=True)

    def move(ring):
        out = []
        for lon, lat in ring:
            x, y = to_local.transform(lon, lat)
            lon2, lat2 = from_local.transform(x, y)
            out.append([round(lon2, 8), round(lat2, 8)])
        return out

    features = []
    for f in src["features"]:
        p = f["properties"]
        if p.get("kind") not in ("building", "boundary") or f["geometry"]["type"] != "Polygon":
            continue
        rings = [move(r) for r in f["geometry"]["coordinates"]]
        props = {"kind": p["kind"]}
        if p["kind"] == "building":
            props.update(floors=p["floors"], households=p["households"], use=p["use"])
        # Finnish names have letters GBK lacks: named buildings get a house number.
        if p["kind"] == "building" and p.get("name"):
            props["name"] = f"{len(features) + 1}号楼"
        elif p.get("name"):
            props["name"] = p["name"]
        features.append({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": rings}, "properties": props})

    geojson = {"type": "FeatureCollection", "name": "helsinki-centre buildings moved to Hangzhou (test fixture)",
               "attribution": src.get("attribution"), "features": features}
    with open(os.path.join(HERE, "hangzhou_buildings.geojson"), "w", encoding="utf-8") as out:
        json.dump(geojson, out, ensure_ascii=False, separators=(",", ":"))

    def signed_area(ring):
        return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))

    def gk_rings(rings):
        out = []
        for i, r in enumerate(rings):
            pr = [list(to_gk.transform(lon, lat)) for lon, lat in r]
            clockwise = signed_area(pr) < 0
            # Shapefile: outer rings clockwise, holes counter-clockwise.
            if clockwise != (i == 0):
                pr.reverse()
            out.append(pr)
        return out

    prj = CRS.from_epsg(4528).to_wkt(WktVersion.WKT1_ESRI)
    members = {}
    for layer, kind, encoding in (("buildings", "building", "gbk"), ("boundary", "boundary", "utf-8")):
        shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
        w = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding=encoding)
        if kind == "building":
            w.field("层数", "N", 4, 0)
            w.field("户数", "N", 6, 0)
            w.field("用途", "C", 8)
            w.field("名称", "C", 80)
        else:
            w.field("kind", "C", 10)
            w.field("名称", "C", 80)
        for f in features:
            p = f["properties"]
            if p["kind"] != kind:
                continue
            w.poly(gk_rings(f["geometry"]["coordinates"]))
            if kind == "building":
                w.record(p["floors"], p["households"], USE_ZH[p["use"]], p.get("name", ""))
            else:
                w.record("boundary", p.get("name", ""))
        w.close()
        members[f"{layer}.shp"] = shp.getvalue()
        members[f"{layer}.shx"] = shx.getvalue()
        members[f"{layer}.dbf"] = dbf.getvalue()
        members[f"{layer}.prj"] = prj.encode()
        if encoding == "utf-8":
            members[f"{layer}.cpg"] = b"UTF-8"
    with zipfile.ZipFile(os.path.join(HERE, "hangzhou_buildings_4528.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 3, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, members[name])

    zones = []
    for code in range(4513, 4555):
        crs = CRS.from_epsg(code)
        params = {p.name: p.value for p in crs.coordinate_operation.params}
        zones.append({
            "epsg": code,
            "name": crs.name,
            "centralMeridianDeg": params["Longitude of natural origin"],
            "falseEastingM": params["False easting"],
            "wktEsri": crs.to_wkt(WktVersion.WKT1_ESRI),
            "wktGdal": crs.to_wkt(WktVersion.WKT1_GDAL),
        })
    # Reference inverse projections by PROJ: positions across zone 40 (both
    # EPSG forms), up to 2.5 degrees from the central meridian.
    inverse = []
    for code in (4528, 4549):
        t = Transformer.from_crs(f"EPSG:{code}", "EPSG:4490", always_xy=True)
        fwd = Transformer.from_crs("EPSG:4490", f"EPSG:{code}", always_xy=True)
        for lon, lat in ((120.0, 30.3), (120.1, 30.3), (121.5, 29.1), (117.5, 31.0), (122.4, 18.2), (119.2, 45.0)):
            x, y = fwd.transform(lon, lat)
            lon2, lat2 = t.transform(x, y)
            inverse.append({"epsg": code, "x": x, "y": y, "lon": lon2, "lat": lat2})
    with open(os.path.join(HERE, "epsg_zones.json"), "w", encoding="utf-8") as out:
        json.dump({"source": "pyproj CRS.from_epsg and Transformer (PROJ database), written by make_fixture.py",
                   "zones": zones, "inverse": inverse},
                  out, ensure_ascii=False, indent=1)
        out.write("\n")
    write_hostile(prj)
    print(len(features), "features")


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 3, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def point_layer(prj, n=2, records=None):
    """A point layer near Hangzhou in WGS84: .shp, .dbf (kind/category) and .prj."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    w = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POINT, encoding="utf-8")
    w.field("kind", "C", 10)
    w.field("category", "C", 16)
    for i in range(n):
        w.point(120.1 + i * 0.001, 30.3)
        w.record("facility", "kindergarten")
    w.close()
    out = {"p.shp": shp.getvalue(), "p.dbf": dbf.getvalue()}
    if prj is not None:
        out["p.prj"] = prj.encode()
    return out


def write_hostile(gk_prj):
    wgs = CRS.from_epsg(4326).to_wkt(WktVersion.WKT1_ESRI)
    good = point_layer(wgs)
    fewer = dict(good)
    d = bytearray(fewer["p.dbf"])
    d[4:8] = (int.from_bytes(d[4:8], "little") - 1).to_bytes(4, "little")
    fewer["p.dbf"] = bytes(d)
    cut = dict(good)
    cut["p.shp"] = good["p.shp"][: len(good["p.shp"]) - 10]
    beijing = dict(good)
    beijing["p.prj"] = CRS.from_epsg(2436).to_wkt(WktVersion.WKT1_ESRI).encode()
    hostile_count = dict(good)
    s = bytearray(good["p.shp"])
    s[4:8] = (1 << 30).to_bytes(4, "big")  # file length in the header: a lie
    hostile_count["p.shp"] = bytes(s)

    def case(name, archive, expect, code=None, options=None):
        args = [[{"data": {"$typed": {"type": "Uint8Array", "values": list(archive)}}, "name": "layer.zip"}]]
        if options is not None:
            args.append(options)
        c = {"name": name, "target": "Community.fromSources", "args": args, "expect": expect}
        if code:
            c["code"] = code
        return c

    cases = [
        case("zip without a .shp", zip_bytes({"readme.txt": b"no layer here"}), "error", "SHAPEFILE_MISSING_PART"),
        case("zip with a .shp but no .dbf", zip_bytes({"p.shp": good["p.shp"]}), "error", "SHAPEFILE_MISSING_PART"),
        case(".dbf with fewer records than the .shp", zip_bytes(fewer), "error", "SHAPEFILE_RECORD_MISMATCH"),
        case("truncated .shp", zip_bytes(cut), "error", "SHAPEFILE_CORRUPT"),
        case(".shp header with a lying file length", zip_bytes(hostile_count), "errorOrOk"),
        case(".prj of Beijing 1954 Gauss-Kruger", zip_bytes(beijing), "error", "UNSUPPORTED_PRJ"),
        case("zip bomb (4 MiB of zeros) over maxBytes 1 MB", zip_bytes({"p.shp": bytes(4 << 20), "p.dbf": good["p.dbf"]}),
             "error", "ARCHIVE_TOO_LARGE", {"maxBytes": 1000000}),
        case("zip signature then garbage", b"PK\x03\x04" + b"garbage" * 4, "error", "INVALID_ARCHIVE"),
        case("a good WGS84 point layer reads", zip_bytes(good), "ok"),
        case("a point layer without .prj reads (PRJ_MISSING)", zip_bytes(point_layer(None)), "ok"),
        case("a .prj of the Gauss-Kruger zone over WGS84 degrees", zip_bytes({**good, "p.prj": gk_prj.encode()}),
             "errorOrOk"),
    ]
    doc = {"class": "shapefile",
           "description": "Zipped Shapefiles given hostile content as bytes: no .shp, no .dbf, disagreeing record counts, "
                          "a truncated .shp, a lying header, an unsupported .prj, a zip bomb over the input limit, a broken "
                          "archive; each a coded error (or reads), never a trap. Written by "
                          "tests/data/shapefile/make_fixture.py.",
           "cases": cases}
    path = os.path.join(REPO, "tests", "corpus", "calls", "shapefile.json")
    with open(path, "w", encoding="utf-8") as out:
        out.write("{\"class\": " + json.dumps(doc["class"]) + ", \"description\": " + json.dumps(doc["description"])
                  + ", \"cases\": [\n")
        out.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        out.write("\n]}\n")


if __name__ == "__main__":
    main()
