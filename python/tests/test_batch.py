"""Batch runs: a manifest of generated communities (bench/gen_city.py at small N, different
seeds, written to a tmp dir) plus bad rows, single-process and on a 2-process LocalCluster."""
import json
import os
import signal
import subprocess
import sys


import pyarrow.parquet as pq
import pytest

from conftest import GEN_CITY
from future_community import batch

distributed = pytest.importorskip("dask.distributed")

N_COMMUNITIES = 10


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    d = tmp_path_factory.mktemp("manifest")
    lines = ["community_id,data_file,profile,project_type,tier"]
    for i in range(N_COMMUNITIES):
        n = 6 + i % 5  # 6..10 intersections per side
        text = subprocess.run(
            [sys.executable, str(GEN_CITY), str(n), str(100 + i)], check=True, capture_output=True, text=True
        ).stdout
        (d / f"c{i}.geojson").write_text(text)
        profile = "gb50180-life-circle" if i == 3 else ""
        lines.append(f"c{i},c{i}.geojson,{profile},renovation,leading")
    hostile = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kind": "building"}, "geometry": {"type": "Point", "coordinates": [1e308, 5]}}]}
    (d / "hostile.geojson").write_text(json.dumps(hostile))
    lines.append("bad-missing,no-such-file.geojson,,renovation,leading")
    lines.append("bad-hostile,hostile.geojson,,,")
    lines.append("bad-profile,c0.geojson,no-such-profile,,")
    (d / "manifest.csv").write_text("\n".join(lines) + "\n")
    return d / "manifest.csv"


@pytest.fixture(scope="module")
def single(manifest, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "results.parquet"
    table, rank = batch.run_manifest(str(manifest), str(out))
    return table, rank, out


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as lc:
        with distributed.Client(lc) as client:
            yield client


def test_single_process_table_and_error_rows(single):
    table, rank, out = single
    rows = table.to_pylist()
    assert [r["community_id"] for r in rows][:N_COMMUNITIES] == [f"c{i}" for i in range(N_COMMUNITIES)]
    good = rows[:N_COMMUNITIES]
    assert all(r["error_code"] is None and r["score"] is not None for r in good)
    assert good[3]["profile_id"] == "gb50180-life-circle" and good[0]["profile_id"] == "zhejiang-future-community"
    errors = {r["community_id"]: r["error_code"] for r in rows[N_COMMUNITIES:]}
    assert errors == {"bad-missing": "FILE_UNREADABLE", "bad-hostile": "PROJECTED_COORDINATES", "bad-profile": "NOT_FOUND"}
    assert all(r["error_message"] for r in rows[N_COMMUNITIES:])
    assert pq.read_table(out).equals(table)
    ranked = rank.to_pylist()
    scores = [r["score"] for r in ranked if r["rank"] is not None]
    assert scores == sorted(scores, reverse=True) and len(scores) == N_COMMUNITIES
    assert ranked[-1]["rank"] is None


def test_the_distributed_table_equals_the_single_process_one(single, manifest, cluster, tmp_path):
    table, rank, _ = single
    dtable, drank = batch.run_manifest(str(manifest), str(tmp_path / "d.parquet"), client=cluster)
    assert dtable.equals(table)
    assert drank.equals(rank)
    assert pq.read_table(tmp_path / "d.ranking.parquet").equals(rank)


def test_a_killed_worker_is_retried_and_the_run_completes(single, manifest, tmp_path):
    table, _, _ = single
    rows = batch.read_manifest(str(manifest)) * 3  # enough work to still be running at the kill
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as lc:
        with distributed.Client(lc) as client:
            pids = list(client.run(os.getpid).values())
            futures = client.map(batch.evaluate_row, rows, retries=3, pure=False)
            distributed.wait(futures[:2])
            pending = sum(not f.done() for f in futures)
            os.kill(pids[0], signal.SIGKILL)
            results = client.gather(futures)
            assert pending > 0, "the kill came after the run finished: nothing was tested"
            new_pids = list(client.run(os.getpid).values())
    assert pids[0] not in new_pids, "the killed worker was replaced"
    got = batch.to_table(results)
    n = table.num_rows
    for k in range(3):
        assert got.slice(k * n, n).equals(table)


def test_run_manifest_with_a_scheduler_address(single, manifest, cluster):
    table, _, _ = single
    address = cluster.scheduler.address
    dtable, _ = batch.run_manifest(str(manifest), client=address)
    assert dtable.equals(table)
