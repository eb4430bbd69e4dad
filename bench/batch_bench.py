#!/usr/bin/env python3
"""Benchmark of issue 16: many communities through every front end, once.

    python bench/batch_bench.py --cli target/release/future-community \
        [--count 200] [--n 10] [--e2e target/release/examples/e2e_time] [--no-wasm]

Run with the interpreter of a venv where the release wheel of `future_community` and
`dask[distributed]` are installed (scripts/bench-batch.sh builds and installs them and runs
this). Steps, each in its own child process so that its peak RSS is its own:

  data     COUNT communities `bench/gen_city.py N SEED` (seeds 1..COUNT) in
           bench/data/batch-nN/ (gitignored; generated when missing) and a manifest.csv
  cli      `future-community evaluate` over all the files in ONE process (--quiet, --out CSV)
  python   `future_community.batch.run_manifest(manifest)` in one process (a loop over rows)
  dask1    the same on a dask.distributed LocalCluster of 1 worker process (1 thread)
  dask2    the same with 2 worker processes; the table is checked equal to the
           single-process one
  native   the 82 MB district (bench/data/city300.geojson, `gen_city.py 300 1`): read,
           engine, accessibility 10 categories x 4 thresholds, evaluate(), natively
           (`cargo build --release --example e2e_time`)
  wasm     the same district through the npm package in Node (bench/e2e.mjs, one repeat,
           no Pandana, no isochrones), for the native/wasm ratio

Wall time, CPU time (user + system) and peak RSS (`ru_maxrss` of the child from wait4;
Dask workers report their own) for each; the load average before each step, because the
2 cores of the machine are shared. Results: bench/results/batch.json and a Markdown summary
on stdout (bench/results/batch.md).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = ["cli", "python", "dask1", "dask2", "native", "wasm"]
ROOT = os.path.dirname(HERE)


# ------------------------------------------------------------------ helpers
def run_measured(cmd, stdout=subprocess.DEVNULL, env=None):
    """Runs cmd; returns wall s, CPU s (user + sys) and peak RSS bytes of that child."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    # wait4 gives this child's own rusage (ru_maxrss in KiB on Linux).
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode("utf-8", "replace") if p.stderr else ""
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({p.returncode}): {err[-2000:]}")
    return {"wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime, "peak_rss_bytes": ru.ru_maxrss * 1024}


def load():
    return [round(x, 2) for x in os.getloadavg()]


def self_peak_rss():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def generate(count, n, data_dir):
    os.makedirs(data_dir, exist_ok=True)
    gen = os.path.join(HERE, "gen_city.py")
    files = []
    for seed in range(1, count + 1):
        f = os.path.join(data_dir, f"c{seed:03d}.geojson")
        if not os.path.exists(f) or os.path.getsize(f) == 0:
            with open(f + ".tmp", "w", encoding="utf-8") as out:
                subprocess.run([sys.executable, gen, str(n), str(seed)], stdout=out, check=True)
            os.replace(f + ".tmp", f)
        files.append(f)
    manifest = os.path.join(data_dir, "manifest.csv")
    with open(manifest, "w", encoding="utf-8") as m:
        m.write("community_id,data_file,profile,project_type,tier\n")
        for f in files:
            m.write(f"{os.path.basename(f)[:-8]},{os.path.basename(f)},,renovation,leading\n")
    return files, manifest


# ------------------------------------------------------- child modes (timed)
def child_python(manifest, out):
    t0 = time.perf_counter()
    from future_community.batch import run_manifest

    import_s = time.perf_counter() - t0
    c0 = time.process_time()
    t0 = time.perf_counter()
    table, _ = run_manifest(manifest, out)
    run_s = time.perf_counter() - t0
    run_cpu_s = time.process_time() - c0
    errors = sum(1 for e in table.column("error_code").to_pylist() if e)
    print(json.dumps({"import_s": import_s, "run_s": run_s, "run_cpu_s": run_cpu_s, "rows": table.num_rows, "errors": errors}))


def child_dask(manifest, out, workers, reference):
    import pyarrow.parquet as pq
    from dask.distributed import Client, LocalCluster

    from future_community.batch import run_manifest

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    start_s = time.perf_counter() - t0
    # Import the package on every worker before timing (a cluster that runs for a
    # province pays it once per worker process).
    t0 = time.perf_counter()
    client.run(lambda: __import__("future_community.batch"))
    import_s = time.perf_counter() - t0
    def cpu():
        import resource

        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    def peak():
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    cpu0 = client.run(cpu)
    t0 = time.perf_counter()
    table, _ = run_manifest(manifest, out, client=client)
    run_s = time.perf_counter() - t0
    cpu1 = client.run(cpu)
    worker_cpu_s = sum(cpu1[w] - cpu0.get(w, 0.0) for w in cpu1)
    worker_peaks = sorted(client.run(peak).values())
    client.close()
    cluster.close()
    equal = table.equals(pq.read_table(reference)) if reference and os.path.exists(reference) else None
    print(json.dumps({
        "cluster_start_s": start_s, "worker_import_s": import_s, "run_s": run_s, "rows": table.num_rows,
        "worker_run_cpu_s": worker_cpu_s,
        "worker_peak_rss_bytes": worker_peaks, "client_scheduler_peak_rss_bytes": self_peak_rss(),
        "equals_single_process": equal,
    }))


def last_json_line(text, prefix=""):
    for line in reversed(text.strip().splitlines()):
        if line.startswith(prefix):
            return json.loads(line[len(prefix):])
    raise SystemExit(f"no {prefix or 'JSON'} line in output")


# ------------------------------------------------------------------- driver
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--n", type=int, default=10, help="gen_city.py N (intersections per side)")
    ap.add_argument("--data", default=os.path.join(ROOT, "bench", "data"))
    ap.add_argument("--results", default=os.path.join(ROOT, "bench", "results"))
    ap.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "future-community"))
    ap.add_argument("--e2e", default=os.path.join(ROOT, "target", "release", "examples", "e2e_time"))
    ap.add_argument("--no-wasm", action="store_true", help="skip the native/wasm comparison")
    ap.add_argument("--steps", default=",".join(STEPS),
                    help="comma-separated subset of the steps to (re)run; the others are kept from an "
                         "earlier bench/results/batch.json")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        mode, *rest = a.child
        if mode == "python":
            child_python(*rest)
        else:
            child_dask(rest[0], rest[1], int(rest[2]), rest[3])
        return

    os.makedirs(a.results, exist_ok=True)
    data_dir = os.path.join(a.data, f"batch-n{a.n}")
    t0 = time.perf_counter()
    files, manifest = generate(a.count, a.n, data_dir)
    total_bytes = sum(os.path.getsize(f) for f in files)
    import future_community

    res = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"nproc": os.cpu_count(), "cpu": platform.processor() or platform.machine(),
                    "python": platform.python_version(), "package": future_community.version()},
        "communities": a.count, "gen_city_n": a.n, "input_bytes": total_bytes,
        "generate_s": time.perf_counter() - t0, "steps": {},
    }
    me = [sys.executable, os.path.abspath(__file__)]
    wanted = [x for x in a.steps.split(",") if x]
    unknown = set(wanted) - set(STEPS)
    if unknown:
        raise SystemExit(f"unknown steps {sorted(unknown)} (known: {', '.join(STEPS)})")
    if a.no_wasm:
        wanted = [x for x in wanted if x not in ("native", "wasm")]
    earlier = os.path.join(a.results, "batch.json")
    if set(wanted) != set(STEPS) and os.path.exists(earlier):
        with open(earlier, encoding="utf-8") as f:
            res["steps"] = json.load(f).get("steps", {})
    steps = res["steps"]
    print(f"{a.count} communities (gen_city.py {a.n} SEED), {total_bytes / 1e6:.1f} MB, in {data_dir}", flush=True)

    def step(name, fn):
        if name not in wanted:
            return
        la = load()
        print(f"== {name} (load average {la[0]})", flush=True)
        r = fn()
        r["load_before"] = la
        steps[name] = r
        print("   " + json.dumps(r), flush=True)

    cli_out = os.path.join(a.results, "batch-cli.csv")
    def cli():
        r = run_measured(
            [a.cli, "evaluate", *files, "--quiet", "--project-type", "renovation", "--tier", "leading", "--out", cli_out])
        with open(cli_out, encoding="utf-8") as f:
            r["rows"] = sum(1 for _ in f) - 1
        return r

    step("cli", cli)

    single_out = os.path.join(a.results, "batch-python.parquet")

    def py_child(args):
        tmp = os.path.join(a.results, "batch-child.json")
        with open(tmp, "w", encoding="utf-8") as out:
            r = run_measured(me + ["--child", *args], stdout=out)
        with open(tmp, encoding="utf-8") as f:
            r.update(last_json_line(f.read()))
        os.remove(tmp)
        return r

    step("python", lambda: py_child(["python", manifest, single_out]))
    for w in (1, 2):
        step(f"dask{w}", lambda w=w: py_child(
            ["dask", manifest, os.path.join(a.results, f"batch-dask{w}.parquet"), str(w), single_out]))

    if "native" in wanted or "wasm" in wanted:
        city = os.path.join(a.data, "city300.geojson")
        if not os.path.exists(city):
            print(f"   generating {city} (gen_city.py 300 1, ~40 s)", flush=True)
            with open(city + ".tmp", "w", encoding="utf-8") as out:
                subprocess.run([sys.executable, os.path.join(HERE, "gen_city.py"), "300", "1"], stdout=out, check=True)
            os.replace(city + ".tmp", city)

        def native():
            tmp = os.path.join(a.results, "batch-native.txt")
            with open(tmp, "w", encoding="utf-8") as out:
                r = run_measured([a.e2e, city, "1"], stdout=out)
            with open(tmp, encoding="utf-8") as f:
                r.update(last_json_line(f.read(), "E2E_JSON "))
            return r

        def wasm():
            out_json = os.path.join(a.results, "batch-wasm.json")
            r = run_measured(["node", "--max-old-space-size=8192", os.path.join(HERE, "e2e.mjs"), city,
                              "--name", "city300", "--repeats", "1", "--no-pandana", "--isochrones", "0",
                              "--turf-sample", "20", "--out", out_json])
            with open(out_json, encoding="utf-8") as f:
                e = json.load(f)
            m, c = e["medians"], e["cpuMedians"]
            return {"wall_s_whole_e2e_mjs": r["wall_s"], "readMs": m["fromGeoJSON"], "engineMs": m["engine"],
                    "accessMs": m["access"], "evaluateMs": m["evaluate"],
                    "cpuMs": {"read": c["fromGeoJSON"], "engine": c["engine"], "access": c["access"],
                              "evaluate": c["evaluate"]},
                    "memory_child_peak_rss_bytes": e["memory"]["child"]["hwm"],
                    "process_peak_rss_bytes": e["memory"]["inProcessPeak"]}

        step("native", native)
        step("wasm", wasm)

    with open(os.path.join(a.results, "batch.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1)
    md = report(res)
    with open(os.path.join(a.results, "batch.md"), "w", encoding="utf-8") as f:
        f.write(md)
    print(md)


def report(res):
    s = res["steps"]
    n = res["communities"]
    mb = lambda b: f"{b / 1e6:,.0f}"  # noqa: E731
    lines = [f"{n} communities, gen_city.py N = {res['gen_city_n']}, {res['input_bytes'] / 1e6:.1f} MB in all; "
             f"nproc {res['machine']['nproc']}, Python {res['machine']['python']}", "",
             "| front end | wall s: run (whole process) | wall ms per community | CPU ms per community | "
             "peak RSS MB | load avg before |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    c = s["cli"]
    lines.append(f"| CLI `evaluate` over {n} files, one process | {c['wall_s']:.2f} | {c['wall_s'] / n * 1e3:.1f} | "
                 f"{c['cpu_s'] / n * 1e3:.1f} | {mb(c['peak_rss_bytes'])} | {c['load_before'][0]} |")
    p = s["python"]
    lines.append(f"| Python, one process (`run_manifest`, no client) | {p['run_s']:.2f} ({p['wall_s']:.2f}) | "
                 f"{p['run_s'] / n * 1e3:.1f} | {p['run_cpu_s'] / n * 1e3:.1f} | {mb(p['peak_rss_bytes'])} | "
                 f"{p['load_before'][0]} |")
    for w in (1, 2):
        d = s[f"dask{w}"]
        peaks = " + ".join(mb(x) for x in d["worker_peak_rss_bytes"])
        lines.append(f"| Dask LocalCluster, {w} worker process(es), 1 thread each (cluster start "
                     f"{d['cluster_start_s']:.1f} s) | {d['run_s']:.2f} ({d['wall_s']:.2f}) | {d['run_s'] / n * 1e3:.1f} | "
                     f"{d['worker_run_cpu_s'] / n * 1e3:.1f} (workers) | workers {peaks}; client + scheduler "
                     f"{mb(d['client_scheduler_peak_rss_bytes'])} | {d['load_before'][0]} |")
    lines.append("")
    lines.append(f"Dask tables equal to the single-process one: 1 worker {s['dask1']['equals_single_process']}, "
                 f"2 workers {s['dask2']['equals_single_process']}; CLI rows {s['cli']['rows']}, Python rows {p['rows']}.")
    if "native" in s and "wasm" in s:
        nat, wa = s["native"], s["wasm"]
        lines += ["", "| city300 (82 MB), one run; wall ms (CPU ms) | native | wasm in Node | native / wasm, wall (CPU) |",
                  "| --- | ---: | ---: | ---: |"]
        tot = [0.0, 0.0, 0.0, 0.0]
        for k, label in (("read", "read (fromGeoJSON)"), ("engine", "network build + snapping"),
                         ("access", "accessibility, 10 categories x 4 thresholds"), ("evaluate", "evaluate()")):
            nw, ww = nat[k + "Ms"], wa[k + "Ms"]
            nc, wc = nat.get("cpuMs", {}).get(k, float("nan")), wa.get("cpuMs", {}).get(k, float("nan"))
            tot = [tot[0] + nw, tot[1] + ww, tot[2] + nc, tot[3] + wc]
            lines.append(f"| {label} | {nw:,.0f} ({nc:,.0f}) | {ww:,.0f} ({wc:,.0f}) | {nw / ww:.2f} ({nc / wc:.2f}) |")
        lines.append(f"| **pipeline** | **{tot[0]:,.0f}** ({tot[2]:,.0f}) | **{tot[1]:,.0f}** ({tot[3]:,.0f}) | "
                     f"**{tot[0] / tot[1]:.2f}** ({tot[2] / tot[3]:.2f}) |")
        peak = nat.get("peakRssBytes") or nat["peak_rss_bytes"]
        lines.append(f"| peak RSS MB (native: text + read + engine + accessibility + evaluate; wasm: "
                     f"e2e.mjs's memory child, text + read + engine + accessibility objects) | "
                     f"{mb(peak)} | {mb(wa['memory_child_peak_rss_bytes'])} | "
                     f"{peak / wa['memory_child_peak_rss_bytes']:.2f} |")
        lines.append(f"| whole process peak RSS MB (native: + a serde_json::Value of the text; wasm: e2e.mjs, "
                     f"+ JSON.parse, every phase) | {mb(nat['peak_rss_bytes'])} | "
                     f"{mb(wa['process_peak_rss_bytes'])} | |")
        lines.append(f"\nload average before: native {nat['load_before'][0]}, wasm {wa['load_before'][0]}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
