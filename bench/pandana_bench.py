#!/usr/bin/env python3
"""Pandana on the same question as `bench/e2e.mjs`: build the walking network
from the `road` features of a normalized GeoJSON file, then the nearest
facility of each category within MAXDIST metres, from every network node.

    python bench/pandana_bench.py FILE [--repeats R] [--maxdist M]

Prints one JSON object on stdout, on a line starting with `PANDANA_JSON `
(wall and process CPU times in ms, medians over the repeats):
  load      json.load + building the node/edge/POI tables (Python, not counted
            as Pandana's build + query, reported apart)
  build     pandana.Network(...) (contraction hierarchies)
  precompute  net.precompute(MAXDIST)
  query     set_pois + nearest_pois(MAXDIST, category, 1) for every category
  total     build + precompute + query

Network: every road vertex is a node (vertices shared by lines are one node,
as in our engine), every consecutive vertex pair an undirected edge weighted
by its haversine length in metres. Facilities are mapped to the nearest node
by Pandana's own KD-tree (lon/lat), with no maximum mapping distance.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd
import pandana


def haversine_m(lon1, lat1, lon2, lat2):
    r = 6_371_008.8
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dl = np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(a))


def point_of(geom):
    t, c = geom["type"], geom["coordinates"]
    if t == "Point":
        return c[0], c[1]
    # A polygon facility: the mean of its outer ring is close enough here.
    ring = c[0] if t == "Polygon" else c[0][0]
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


def load(path):
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    ids = {}
    xs, ys, a, b = [], [], [], []

    def node(c):
        key = (c[0], c[1])
        i = ids.get(key)
        if i is None:
            i = ids[key] = len(xs)
            xs.append(c[0])
            ys.append(c[1])
        return i

    pois = {}
    for feat in fc["features"]:
        props = feat.get("properties") or {}
        geom = feat.get("geometry")
        if not geom:
            continue
        kind = props.get("kind")
        if kind == "road":
            lines = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
            for line in lines:
                prev = None
                for c in line:
                    n = node(c)
                    if prev is not None and prev != n:
                        a.append(prev)
                        b.append(n)
                    prev = n
        elif kind == "facility" and props.get("category"):
            pois.setdefault(props["category"], []).append(point_of(geom))
    x, y = np.array(xs), np.array(ys)
    a, b = np.array(a), np.array(b)
    nodes = pd.DataFrame({"x": x, "y": y})
    edges = pd.DataFrame({"from": a, "to": b, "length": haversine_m(x[a], y[a], x[b], y[b])})
    return nodes, edges, pois


def clock():
    # Wall time and process CPU time (all threads; Pandana uses OpenMP), ms.
    return time.perf_counter() * 1e3, time.process_time() * 1e3


def run(nodes, edges, pois, maxdist):
    t0 = clock()
    net = pandana.Network(nodes["x"], nodes["y"], edges["from"], edges["to"], edges[["length"]], twoway=True)
    t1 = clock()
    net.precompute(maxdist)
    t2 = clock()
    reached = {}
    for cat, pts in sorted(pois.items()):
        px = pd.Series([p[0] for p in pts])
        py = pd.Series([p[1] for p in pts])
        net.set_pois(cat, maxdist, 1, px, py)
        d = net.nearest_pois(maxdist, cat, num_pois=1)
        reached[cat] = float((d.iloc[:, 0] < maxdist).mean())
    t3 = clock()
    wall = (t1[0] - t0[0], t2[0] - t1[0], t3[0] - t2[0])
    cpu = (t1[1] - t0[1], t2[1] - t1[1], t3[1] - t2[1])
    return wall, cpu, reached


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--maxdist", type=float, default=1000.0)
    ap.add_argument("--categories", help="comma-separated; default: every category present")
    args = ap.parse_args()
    t0 = clock()
    nodes, edges, pois = load(args.file)
    t1 = clock()
    load_ms, load_cpu = t1[0] - t0[0], t1[1] - t0[1]
    if args.categories:
        want = args.categories.split(",")
        pois = {c: pois.get(c, []) for c in want if pois.get(c)}
    runs = [run(nodes, edges, pois, args.maxdist) for _ in range(args.repeats)]
    med = lambda k, i: statistics.median(r[k][i] for r in runs)
    tot = lambda k: statistics.median(sum(r[k]) for r in runs)
    out = {
        "pandana": pandana.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "python": sys.version.split()[0],
        "nodes": len(nodes),
        "edges": len(edges),
        "categories": len(pois),
        "facilities": sum(len(v) for v in pois.values()),
        "maxdist": args.maxdist,
        "repeats": args.repeats,
        "threads": os.cpu_count(),
        "load": load_ms,
        "build": med(0, 0),
        "precompute": med(0, 1),
        "query": med(0, 2),
        "total": tot(0),
        "totals": [sum(r[0]) for r in runs],
        "cpu": {"load": load_cpu, "build": med(1, 0), "precompute": med(1, 1), "query": med(1, 2), "total": tot(1)},
        "reachedShare": runs[-1][2],
    }
    # Pandana's C++ prints progress on stdout without newlines: mark our line.
    sys.stdout.flush()
    print("\nPANDANA_JSON " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
