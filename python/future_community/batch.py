"""Batch evaluation of many communities, single-process or on a Dask cluster.

A manifest (CSV or Parquet) has one row per community: ``community_id``, ``data_file``
(a path, relative paths taken from the manifest's folder), ``profile`` (built-in id or a
profile JSON file; empty = default), ``project_type`` and ``tier`` (may be empty). Each row
is evaluated by :func:`evaluate_row` (on a Dask worker, or in this process), and the results
are gathered into one table, one row per site (boundary), in manifest order. A row that fails
(missing file, hostile data, unknown profile) yields a row with ``error_code`` and
``error_message``; the others complete. A worker that dies is retried by Dask (``retries``).
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Union

import pyarrow as pa

from . import Community, FutureCommunityError

BASE_COLUMNS = [
    ("community_id", pa.string()),
    ("data_file", pa.string()),
    ("site_id", pa.string()),
    ("site_name", pa.string()),
    ("profile_id", pa.string()),
    ("score", pa.float64()),
    ("grade", pa.string()),
    ("status", pa.string()),
    ("completeness", pa.float64()),
    ("error_code", pa.string()),
    ("error_message", pa.string()),
]
MANIFEST_COLUMNS = ["community_id", "data_file", "profile", "project_type", "tier"]


def read_manifest(path: str) -> List[Dict[str, Any]]:
    """The manifest rows as dicts, data files resolved against the manifest's folder."""
    if str(path).endswith(".parquet"):
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
    else:
        import pyarrow.csv as pcsv

        opts = pcsv.ConvertOptions(column_types={c: pa.string() for c in MANIFEST_COLUMNS})
        rows = pcsv.read_csv(path, convert_options=opts).to_pylist()
    base = os.path.dirname(os.path.abspath(path))
    out = []
    for r in rows:
        r = {c: (r.get(c) or None) for c in MANIFEST_COLUMNS}
        if r["data_file"] and not os.path.isabs(r["data_file"]):
            r["data_file"] = os.path.join(base, r["data_file"])
        out.append(r)
    return out


def _profile(arg: Optional[str]):
    if arg and arg.endswith(".json"):
        with open(arg, encoding="utf-8") as f:
            return json.load(f)
    return arg


def evaluate_row(row: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Evaluates one manifest row: one result dict per site, or one error row."""
    head = {"community_id": row.get("community_id"), "data_file": row.get("data_file")}
    try:
        with open(row["data_file"], "rb") as f:
            data = f.read()
        c = Community.from_geojson(data)
        names = c.site_names()
        cmp = c.evaluate_all(_profile(row.get("profile")), project_type=row.get("project_type"), tier=row.get("tier"))
    except FutureCommunityError as e:
        return [dict(head, error_code=e.code, error_message=str(e))]
    except (OSError, TypeError) as e:
        return [dict(head, error_code="FILE_UNREADABLE", error_message=f"{row.get('data_file')}: {e}")]
    out = []
    for i, r in enumerate(cmp["reports"]):
        d = dict(
            head,
            site_id=r.get("siteId"),
            site_name=names[i] if i < len(names) else None,
            profile_id=r["profileId"],
            score=r["score"],
            grade=(r.get("grade") or {}).get("id"),
            status=r.get("status"),
            completeness=r["completeness"],
        )
        for s in r["scenarios"]:
            d[f"scenario.{s['id']}"] = s["score"]
        for ind in r["indicators"]:
            d[f"{ind['id']}.value"] = ind.get("value")
            d[f"{ind['id']}.pass"] = ind.get("pass")
        out.append(d)
    return out


def to_table(results: List[List[Dict[str, Any]]]) -> pa.Table:
    """One table from the per-row results (in the given order); columns: the base columns,
    then scenario and indicator columns in first-seen order (missing = null)."""
    rows = [r for rs in results for r in rs]
    fields = list(BASE_COLUMNS)
    seen = {name for name, _ in fields}
    for r in rows:
        for k in r:
            if k not in seen:
                seen.add(k)
                fields.append((k, pa.bool_() if k.endswith(".pass") else pa.float64()))
    schema = pa.schema(fields)
    return pa.Table.from_pylist([{n: r.get(n) for n, _ in fields} for r in rows], schema=schema)


def ranking(table: pa.Table) -> pa.Table:
    """Sites from best to worst score (errors and unscored last; ties by community id)."""
    rows = table.select(["community_id", "site_id", "score", "grade", "error_code"]).to_pylist()
    rows.sort(key=lambda r: (r["score"] is None, -(r["score"] or 0.0), r["community_id"] or "", r["site_id"] or ""))
    for i, r in enumerate(rows):
        r["rank"] = i + 1 if r["score"] is not None else None
    return pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [("community_id", pa.string()), ("site_id", pa.string()), ("score", pa.float64()),
             ("grade", pa.string()), ("error_code", pa.string()), ("rank", pa.int64())]
        ),
    )


def run_manifest(
    manifest_path: str,
    out_parquet: Optional[str] = None,
    client: Union[None, str, Any] = None,
    *,
    retries: int = 3,
):
    """Evaluates every manifest row and returns ``(table, ranking)``; writes ``out_parquet``
    and ``<out>.ranking.parquet`` when a path is given.

    ``client``: ``None`` runs in this process; a ``dask.distributed.Client``, or a scheduler
    address (``"tcp://host:8786"``) to connect to, maps the rows over its workers (each task
    retried up to ``retries`` times if its worker dies)."""
    rows = read_manifest(manifest_path)
    if client is None:
        results = [evaluate_row(r) for r in rows]
    else:
        from dask.distributed import Client

        own = isinstance(client, str)
        c = Client(client) if own else client
        try:
            futures = c.map(evaluate_row, rows, retries=retries, pure=False)
            results = c.gather(futures)
        finally:
            if own:
                c.close()
    table = to_table(results)
    rank = ranking(table)
    if out_parquet:
        import pyarrow.parquet as pq

        pq.write_table(table, out_parquet)
        pq.write_table(rank, _ranking_path(out_parquet))
    return table, rank


def _ranking_path(out: str) -> str:
    stem = out[: -len(".parquet")] if out.endswith(".parquet") else out
    return stem + ".ranking.parquet"
